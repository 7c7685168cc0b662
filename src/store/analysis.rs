//! Comparisons over stored facts: who set which target, and whether last year's was met.

use super::StoredFact;
use crate::extract::{lower_is_better, FactKind, Qualifier};
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
        .map(|f| CompareRow {
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
            }
        })
        .collect()
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
