//! Comparisons over stored facts: who set which target, and whether last year's was met.

use super::StoredFact;
use crate::extract::{indicator_codes, lower_is_better, FactKind, Qualifier};
use crate::structure::Period;
use serde::Serialize;
use std::collections::BTreeMap;

/// One region (or year) in a comparison table.
#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    pub region: Option<String>,
    pub year: Option<i32>,
    pub period: Option<crate::structure::Period>,
    pub value: f64,
    pub value_high: Option<f64>,
    pub unit: String,
    pub qualifier: Qualifier,
    /// ≈ for 左右, ≥ for 以上, ≤ for 以内, ~ for a range.
    pub mark: &'static str,
    pub text: String,
    pub indicator: String,
    pub sentence: String,
    pub path: String,
    pub doc_id: i64,
    pub article: usize,
    pub fact_id: i64,
    /// Whether another document gives this cell a different value.
    pub conflict: bool,
    /// Those other documents' figures.
    pub others: Vec<Variant>,
}

pub fn mark(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::Approx => "≈",
        Qualifier::AtLeast => "≥",
        Qualifier::AtMost => "≤",
        Qualifier::Range => "~",
    }
}

/// How much better a fact is as *the* figure for its region and year: one from the region's
/// own report beats one from another report, which beats the press; a counted fact beats an
/// optional one; then the first stored.
fn authority(f: &StoredFact) -> (bool, bool, bool, std::cmp::Reverse<i64>) {
    let report = f.article_kind.ends_with("_report");
    (
        report && f.article_region.is_some() && f.article_region == f.fact.region,
        report,
        !f.fact.optional,
        std::cmp::Reverse(f.id),
    )
}

/// One row per region (`by_year` false) or per year (`by_year` true), the most authoritative
/// fact for each, in key order.
pub fn compare(facts: &[StoredFact], by_year: bool) -> Vec<CompareRow> {
    let mut best: BTreeMap<(Option<i32>, Option<String>), &StoredFact> = BTreeMap::new();
    // A comparison across regions needs a region; one across years, a year.
    let keyed = facts.iter().filter(|f| {
        if by_year {
            f.fact.year.is_some()
        } else {
            f.fact.region.is_some()
        }
    });
    for f in keyed {
        let key = if by_year {
            (f.fact.year, None)
        } else {
            (None, f.fact.region.clone())
        };
        let slot = best.entry(key).or_insert(f);
        if authority(f) > authority(slot) {
            *slot = f;
        }
    }
    best.into_values()
        .map(|f| {
            let others = disagreeing(f, facts);
            CompareRow {
                region: f.fact.region.clone(),
                year: f.fact.year,
                period: f.fact.period,
                value: f.fact.value,
                value_high: f.fact.value_high,
                unit: f.fact.unit.clone(),
                qualifier: f.fact.qualifier,
                mark: mark(f.fact.qualifier),
                text: f.fact.text.clone(),
                indicator: f.fact.indicator.clone(),
                sentence: f.fact.sentence.clone(),
                path: f.path.clone(),
                doc_id: f.doc_id,
                article: f.fact.article,
                fact_id: f.id,
                conflict: !others.is_empty(),
                others,
            }
        })
        .collect()
}

/// One document's figure for a cell.
#[derive(Debug, Clone, Serialize)]
pub struct Variant {
    pub text: String,
    pub value: f64,
    pub value_high: Option<f64>,
    pub unit: String,
    pub qualifier: Qualifier,
    pub kind: FactKind,
    pub sentence: String,
    pub path: String,
    pub doc_id: i64,
    pub fact_id: i64,
}

impl Variant {
    fn of(f: &StoredFact) -> Self {
        Variant {
            text: f.fact.text.clone(),
            value: f.fact.value,
            value_high: f.fact.value_high,
            unit: f.fact.unit.clone(),
            qualifier: f.fact.qualifier,
            kind: f.fact.kind,
            sentence: f.fact.sentence.clone(),
            path: f.path.clone(),
            doc_id: f.doc_id,
            fact_id: f.id,
        }
    }
}

/// The cell a coded figure fills: region, code, kind, year and period. Figures without a
/// region or code fill none.
type Cell = (
    String,
    String,
    FactKind,
    Option<i32>,
    Option<crate::structure::Period>,
);

fn cell_of(f: &StoredFact) -> Option<Cell> {
    Some((
        f.fact.region.clone()?,
        f.fact.code.clone()?,
        f.fact.kind,
        f.fact.year,
        f.fact.period,
    ))
}

/// The value a figure states, in a form that compares exactly: 5.5 and 5.50 are one value,
/// and a range is its two ends.
fn value_key(f: &StoredFact) -> (i64, Option<i64>) {
    let key = |v: f64| (v * 1e6).round() as i64;
    (key(f.fact.value), f.fact.value_high.map(key))
}

/// Each document's figures of one cell, and the most authoritative of them.
fn by_document<'a>(
    facts: impl Iterator<Item = &'a StoredFact>,
) -> BTreeMap<i64, Vec<&'a StoredFact>> {
    let mut docs: BTreeMap<i64, Vec<&StoredFact>> = BTreeMap::new();
    for f in facts {
        docs.entry(f.doc_id).or_default().push(f);
    }
    for list in docs.values_mut() {
        list.sort_by_key(|f| std::cmp::Reverse(authority(f)));
    }
    docs
}

/// Two documents disagree on a cell when no value one gives is a value the other gives: a
/// report that states its growth twice, once rounded, does not disagree with a press report of
/// either figure.
fn disjoint(a: &[&StoredFact], b: &[&StoredFact]) -> bool {
    a.iter()
        .all(|x| b.iter().all(|y| value_key(x) != value_key(y)))
}

/// The figures of other documents that disagree with `chosen` on its cell, the most
/// authoritative of each document.
pub fn disagreeing(chosen: &StoredFact, facts: &[StoredFact]) -> Vec<Variant> {
    let Some(cell) = cell_of(chosen) else {
        return Vec::new();
    };
    let docs = by_document(facts.iter().filter(|f| cell_of(f).as_ref() == Some(&cell)));
    let Some(own) = docs.get(&chosen.doc_id) else {
        return Vec::new();
    };
    docs.iter()
        .filter(|(doc, list)| **doc != chosen.doc_id && disjoint(own, list))
        .map(|(_, list)| Variant::of(list[0]))
        .collect()
}

/// A cell that two documents give different values.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictRow {
    pub region: String,
    pub code: String,
    pub kind: FactKind,
    pub year: Option<i32>,
    pub period: Option<crate::structure::Period>,
    /// The values side by side, each with its document: `5.5% (a.txt) ≠ 5.3% (b.txt)`.
    pub values: String,
    pub variants: Vec<Variant>,
}

/// Every cell on which documents disagree, in cell order. Each document shows its most
/// authoritative figure of the cell.
pub fn conflicts(facts: &[StoredFact]) -> Vec<ConflictRow> {
    let mut cells: BTreeMap<Cell, Vec<&StoredFact>> = BTreeMap::new();
    for f in facts {
        if let Some(c) = cell_of(f) {
            cells.entry(c).or_default().push(f);
        }
    }
    cells
        .into_iter()
        .filter_map(|(cell, group)| {
            let docs = by_document(group.into_iter());
            let lists: Vec<&Vec<&StoredFact>> = docs.values().collect();
            let split = lists
                .iter()
                .enumerate()
                .any(|(i, a)| lists[i + 1..].iter().any(|b| disjoint(a, b)));
            if !split {
                return None;
            }
            let variants: Vec<Variant> = lists.iter().map(|l| Variant::of(l[0])).collect();
            let values = variants
                .iter()
                .map(|v| format!("{} ({})", v.text, v.path))
                .collect::<Vec<_>>()
                .join(" ≠ ");
            Some(ConflictRow {
                region: cell.0,
                code: cell.1,
                kind: cell.2,
                year: cell.3,
                period: cell.4,
                values,
                variants,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackStatus {
    Met,
    Missed,
    Unknown,
}

impl TrackStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::Missed => "missed",
            Self::Unknown => "unknown",
        }
    }
}

/// A target set for a year beside the result reported for it.
#[derive(Debug, Clone, Serialize)]
pub struct TrackRow {
    pub region: Option<String>,
    pub year: Option<i32>,
    pub period: Option<crate::structure::Period>,
    pub target: Option<String>,
    pub target_value: Option<f64>,
    pub target_qualifier: Option<Qualifier>,
    pub result: Option<String>,
    pub result_value: Option<f64>,
    pub result_kind: Option<FactKind>,
    pub status: TrackStatus,
    pub target_sentence: Option<String>,
    pub result_sentence: Option<String>,
    pub target_document: Option<String>,
    pub result_document: Option<String>,
    /// `[document id, fact id]` of each figure, for links to its sentence.
    pub target_ref: Option<[i64; 2]>,
    pub result_ref: Option<[i64; 2]>,
}

/// Share of a target by which an approximate (`左右`) target may fall short and still be met:
/// 5%左右 is met by 4.9%.
pub const APPROX_TOLERANCE: f64 = 0.02;

/// Whether `result` meets a target of `value` (`high` for ranges) with `qualifier`.
pub fn judge(
    value: f64,
    high: Option<f64>,
    qualifier: Qualifier,
    result: f64,
    lower_better: bool,
) -> TrackStatus {
    let tol = APPROX_TOLERANCE * value.abs();
    let met = match (qualifier, lower_better) {
        (Qualifier::AtMost, _) => result <= value,
        (Qualifier::AtLeast, _) => result >= value,
        (Qualifier::Approx, false) => result >= value - tol,
        (Qualifier::Approx, true) => result <= value + tol,
        (Qualifier::Exact, false) => result >= value,
        (Qualifier::Exact, true) => result <= value,
        (Qualifier::Range, false) => result >= value,
        (Qualifier::Range, true) => result <= high.unwrap_or(value),
    };
    if met {
        TrackStatus::Met
    } else {
        TrackStatus::Missed
    }
}

/// Targets and results of one indicator code, one row per (region, year).
pub fn track(facts: &[StoredFact], code: &str) -> Vec<TrackRow> {
    type Key = (
        Option<String>,
        Option<i32>,
        Option<crate::structure::Period>,
    );
    let mut targets: BTreeMap<Key, &StoredFact> = BTreeMap::new();
    let mut results: BTreeMap<Key, &StoredFact> = BTreeMap::new();
    for f in facts
        .iter()
        .filter(|f| f.fact.code.as_deref() == Some(code))
    {
        let key = (f.fact.region.clone(), f.fact.year, f.fact.period);
        let map = if f.fact.kind == FactKind::Target {
            &mut targets
        } else {
            &mut results
        };
        let slot = map.entry(key).or_insert(f);
        // A final result beats a preliminary estimate; then the more authoritative source.
        let rank = |x: &StoredFact| (x.fact.kind == FactKind::Result, authority(x));
        if rank(f) > rank(slot) {
            *slot = f;
        }
    }
    let mut keys: Vec<Key> = targets.keys().chain(results.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    let lower = lower_is_better(code);
    keys.into_iter()
        .map(|key| {
            let t = targets.get(&key);
            let r = results.get(&key);
            let status = match (t, r) {
                (Some(t), Some(r)) => judge(
                    t.fact.value,
                    t.fact.value_high,
                    t.fact.qualifier,
                    r.fact.value,
                    lower,
                ),
                _ => TrackStatus::Unknown,
            };
            TrackRow {
                region: key.0,
                year: key.1,
                period: key.2,
                target: t.map(|f| f.fact.text.clone()),
                target_value: t.map(|f| f.fact.value),
                target_qualifier: t.map(|f| f.fact.qualifier),
                result: r.map(|f| f.fact.text.clone()),
                result_value: r.map(|f| f.fact.value),
                result_kind: r.map(|f| f.fact.kind),
                status,
                target_sentence: t.map(|f| f.fact.sentence.clone()),
                result_sentence: r.map(|f| f.fact.sentence.clone()),
                target_document: t.map(|f| f.path.clone()),
                result_document: r.map(|f| f.path.clone()),
                target_ref: t.map(|f| [f.doc_id, f.id]),
                result_ref: r.map(|f| [f.doc_id, f.id]),
            }
        })
        .collect()
}

/// A figure on a report card, with the sentence and document it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub text: String,
    pub value: f64,
    pub value_high: Option<f64>,
    pub qualifier: Qualifier,
    pub mark: &'static str,
    pub unit: String,
    pub kind: FactKind,
    pub year: Option<i32>,
    pub period: Option<Period>,
    pub indicator: String,
    pub sentence: String,
    pub path: String,
    pub doc_id: i64,
    pub fact_id: i64,
    /// Other documents' different figures for the same cell.
    pub others: Vec<Variant>,
}

impl Figure {
    fn of(f: &StoredFact, facts: &[StoredFact]) -> Self {
        Figure {
            text: f.fact.text.clone(),
            value: f.fact.value,
            value_high: f.fact.value_high,
            qualifier: f.fact.qualifier,
            mark: mark(f.fact.qualifier),
            unit: f.fact.unit.clone(),
            kind: f.fact.kind,
            year: f.fact.year,
            period: f.fact.period,
            indicator: f.fact.indicator.clone(),
            sentence: f.fact.sentence.clone(),
            path: f.path.clone(),
            doc_id: f.doc_id,
            fact_id: f.id,
            others: disagreeing(f, facts),
        }
    }
}

/// One indicator on a region's report card.
#[derive(Debug, Clone, Serialize)]
pub struct CardRow {
    pub code: String,
    /// Last year's target, result (or estimate) and whether the one met the other.
    pub last_target: Option<Figure>,
    pub last_result: Option<Figure>,
    pub status: TrackStatus,
    /// This year's target.
    pub target: Option<Figure>,
    /// The five years that ended last year, and the goal for the five that start this year.
    pub five_year_outcome: Option<Figure>,
    pub five_year_goal: Option<Figure>,
}

/// What a region's reports say of each coded indicator: did it meet last year's targets, and
/// what does it promise now.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub region: String,
    pub year: i32,
    pub last_year: i32,
    pub past_plan: Period,
    pub next_plan: Period,
    pub rows: Vec<CardRow>,
}

/// The report card of `region` for `year` (by default the latest year the region has annual
/// targets for) from `facts`, which should be the region's facts of every period. `None` when
/// the corpus has no figure of the region with a year.
pub fn card(facts: &[StoredFact], region: &str, year: Option<i32>) -> Option<Card> {
    let own: Vec<&StoredFact> = facts
        .iter()
        .filter(|f| f.fact.region.as_deref() == Some(region) && f.fact.code.is_some())
        .collect();
    let year = year
        .or_else(|| {
            own.iter()
                .filter(|f| f.fact.kind == FactKind::Target && f.fact.period.is_none())
                .filter_map(|f| f.fact.year)
                .max()
        })
        .or_else(|| own.iter().filter_map(|f| f.fact.year).max())?;
    let last_year = year - 1;
    let (past_plan, next_plan) = (Period::five_before(year), Period::five_from(year));
    // The figure of a slot: a result beats an estimate, then the more authoritative source.
    let pick = |code: &str, target: bool, y: Option<i32>, period: Option<Period>| {
        own.iter()
            .filter(|f| {
                f.fact.code.as_deref() == Some(code)
                    && (f.fact.kind == FactKind::Target) == target
                    && f.fact.period == period
                    && (period.is_some() || f.fact.year == y)
            })
            .max_by_key(|f| (f.fact.kind == FactKind::Result, authority(f)))
            .map(|f| Figure::of(f, facts))
    };
    let rows = indicator_codes()
        .into_iter()
        .map(|code| {
            let last_target = pick(code, true, Some(last_year), None);
            let last_result = pick(code, false, Some(last_year), None);
            let status = match (&last_target, &last_result) {
                (Some(t), Some(r)) => judge(
                    t.value,
                    t.value_high,
                    t.qualifier,
                    r.value,
                    lower_is_better(code),
                ),
                _ => TrackStatus::Unknown,
            };
            CardRow {
                code: code.to_owned(),
                last_target,
                last_result,
                status,
                target: pick(code, true, Some(year), None),
                five_year_outcome: pick(code, false, None, Some(past_plan)),
                five_year_goal: pick(code, true, None, Some(next_plan)),
            }
        })
        .filter(|r| {
            [
                &r.last_target,
                &r.last_result,
                &r.target,
                &r.five_year_outcome,
                &r.five_year_goal,
            ]
            .iter()
            .any(|f| f.is_some())
        })
        .collect();
    Some(Card {
        region: region.to_owned(),
        year,
        last_year,
        past_plan,
        next_plan,
        rows,
    })
}

impl Card {
    /// The headings of the five figures of a row, in order.
    pub fn slot_names(&self) -> [String; 5] {
        [
            format!("{} target", self.last_year),
            format!("{} result", self.last_year),
            format!("{} target", self.year),
            format!("{} outcome", self.past_plan),
            format!("{} goal", self.next_plan),
        ]
    }

    /// The five figures of a row, each with the heading it goes under.
    pub fn slots<'a>(&self, r: &'a CardRow) -> [(String, Option<&'a Figure>); 5] {
        let [last_target, last_result, target, outcome, goal] = self.slot_names();
        [
            (last_target, r.last_target.as_ref()),
            (last_result, r.last_result.as_ref()),
            (target, r.target.as_ref()),
            (outcome, r.five_year_outcome.as_ref()),
            (goal, r.five_year_goal.as_ref()),
        ]
    }

    /// The card as flat rows for a table, CSV or a spreadsheet: each figure as printed, its
    /// value, its sentence and its document.
    pub fn flat_rows(&self) -> Vec<serde_json::Value> {
        use serde_json::{json, Map, Value};
        self.rows
            .iter()
            .map(|r| {
                let mut m = Map::new();
                m.insert("region".into(), json!(self.region));
                m.insert("code".into(), json!(r.code));
                let mut details = Map::new();
                let mut conflict = false;
                for (i, (name, fig)) in self.slots(r).into_iter().enumerate() {
                    m.insert(name.clone(), fig.map_or(Value::Null, |f| json!(f.text)));
                    if i == 1 {
                        m.insert("status".into(), json!(r.status.as_str()));
                    }
                    conflict |= fig.is_some_and(|f| !f.others.is_empty());
                    details.insert(
                        format!("{name} value"),
                        fig.map_or(Value::Null, |f| json!(f.value)),
                    );
                    details.insert(
                        format!("{name} sentence"),
                        fig.map_or(Value::Null, |f| json!(f.sentence)),
                    );
                    details.insert(
                        format!("{name} document"),
                        fig.map_or(Value::Null, |f| json!(f.path)),
                    );
                }
                m.insert("conflict".into(), json!(conflict));
                m.extend(details);
                Value::Object(m)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Qualifier::*;
    use TrackStatus::*;

    #[test]
    fn judging_respects_qualifiers() {
        let cases = [
            (5.0, None, Approx, 5.0, false, Met),
            (5.0, None, Approx, 4.9, false, Met),
            (5.0, None, Approx, 4.8, false, Missed),
            (5.0, None, AtLeast, 4.9, false, Missed),
            (5.0, None, AtLeast, 5.0, false, Met),
            (5.5, None, Approx, 5.1, true, Met),
            (5.5, None, Approx, 5.7, true, Missed),
            (3.0, None, AtMost, 3.2, false, Missed),
            (4.5, Some(5.0), Range, 4.6, false, Met),
            (4.5, Some(5.0), Range, 4.4, false, Missed),
            (6.0, None, Exact, 6.1, false, Met),
        ];
        for (v, h, q, r, lower, want) in cases {
            assert_eq!(judge(v, h, q, r, lower), want, "{v} {q:?} vs {r}");
        }
    }
}
