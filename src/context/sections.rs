//! The role of every block of a report: the year's review, the five-year review, the
//! five-year plan's goals, the year's plan, an appendix, or text around the report.
//!
//! A report of a plan year reviews two spans at once (`2025年和“十四五”时期工作回顾`) and
//! sets goals for two (`“十五五”时期主要目标任务`, `2026年重点工作`). Headings say which part
//! starts where, but not always: a review section of the year often closes with paragraphs on
//! the five years (`五年来，…`), unnumbered part titles carry no wording at all, and a page
//! saved from the web goes on after the report with related news. So a heading sets a role,
//! the words that open a paragraph may turn it (`回望“十四五”` … `刚刚过去的2025年`), and the
//! report's closing call ends it. Every cue is data (`data/cues.tsv`).

use crate::lexicon::cue_regex;
use crate::structure::{Article, Block, BlockType, Period, Section};
use regex::Regex;
use std::sync::LazyLock;

static REVIEW: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{review_section}}"));
static PLAN: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{plan_section}}"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年").unwrap_or_else(|e| panic!("{e}")));
pub(crate) static PLAN_ORDINAL: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{plan_ordinal}}"));
static PLAN_FIRST_YEAR: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{plan_first_year}}"));
static FIVE_YEAR_REVIEW: LazyLock<Regex> =
    LazyLock::new(|| cue_regex("{{five_year_review_section}}"));
static FIVE_YEAR_PLAN: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{five_year_plan_section}}"));
static APPENDIX: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{appendix_section}}"));
static OUTSIDE: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{outside_section}}"));
static CLOSE: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{report_close}}"));
/// Every opener in one pass: the leftmost match wins, its group names the part.
static OPENERS: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(
        "(?P<year_review>{{opener_year_review}})|(?P<five_year_review>{{opener_five_year_review}})|(?P<five_year_plan>{{opener_five_year_plan}})|(?P<plan>{{opener_plan}})",
    )
});
static PLAN_AT_START: LazyLock<Regex> = LazyLock::new(|| cue_regex("^(?:{{plan_ordinal}})"));

/// How many sentences of a paragraph's opening are read for a turn of part.
const OPENING_SENTENCES: usize = 3;
/// Characters of a paragraph read for its opening, at most.
const OPENING_CHARS: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    YearReview,
    FiveYearReview,
    FiveYearPlan,
    Plan,
}

/// A role and the span of years it is about (for the five-year parts).
type Role = (Section, Option<Period>);

/// The five-year plan a text names by its ordinal (`“十四五”` → 2021-2025), with where.
pub(crate) fn named_plans(text: &str) -> impl Iterator<Item = (usize, Period)> + '_ {
    PLAN_ORDINAL.captures_iter(text).filter_map(|c| {
        let ordinal = c.iter().skip(1).flatten().next()?;
        let n = crate::extract::numeral::parse_chinese(ordinal.as_str())?;
        Some((c.get(0)?.start(), Period::nth_plan(n as u32)?))
    })
}

/// The role of a plan named in a report of `year`: one that ended before it is reviewed, one
/// that runs on is planned.
fn plan_role(plan: Period, year: i32) -> Role {
    if plan.end < year {
        (Section::FiveYearReview, Some(plan))
    } else {
        (Section::FiveYearPlan, Some(plan))
    }
}

/// The role a top-level heading gives its part: what it names first (a year or a plan) or,
/// naming neither, its wording.
fn heading_role(text: &str, year: Option<i32>) -> Option<Role> {
    if APPENDIX.is_match(text) {
        // A list of this year's commitments (2026年民生实事) is part of the plan.
        let dated = YEAR
            .captures(text)
            .and_then(|c| c[1].parse::<i32>().ok())
            .zip(year);
        return Some(match dated {
            Some((y, ry)) if y >= ry => (Section::Plan, None),
            _ => (Section::Appendix, None),
        });
    }
    if OUTSIDE.is_match(text) {
        return Some((Section::Outside, None));
    }
    let ry = year?;
    let first_year = YEAR
        .captures(text)
        .and_then(|c| Some((c.get(0)?.start(), c[1].parse::<i32>().ok()?)));
    let first_plan = named_plans(text).next();
    let by_year = |y: i32| {
        if y < ry {
            (Section::Review, None)
        } else {
            (Section::Plan, None)
        }
    };
    match (first_year, first_plan) {
        (Some((_, y)), None) => return Some(by_year(y)),
        (Some((ya, y)), Some((pa, _))) if ya < pa => return Some(by_year(y)),
        (_, Some((_, plan))) => {
            if PLAN_FIRST_YEAR.is_match(text) {
                return Some((Section::Plan, None));
            }
            return Some(plan_role(plan, ry));
        }
        (None, None) => {}
    }
    if FIVE_YEAR_REVIEW.is_match(text) {
        Some((Section::FiveYearReview, Some(Period::five_before(ry))))
    } else if FIVE_YEAR_PLAN.is_match(text) {
        Some((Section::FiveYearPlan, Some(Period::five_from(ry))))
    } else if REVIEW.is_match(text) {
        Some((Section::Review, None))
    } else if PLAN.is_match(text) {
        Some((Section::Plan, None))
    } else {
        None
    }
}

/// The opening of a paragraph: its first sentences, after a salutation.
fn opening(text: &str) -> &str {
    let mut end = 0;
    let mut sentences = 0;
    for (i, c) in text.char_indices() {
        if i >= OPENING_CHARS * 3 {
            break;
        }
        end = i + c.len_utf8();
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            sentences += 1;
            if sentences == OPENING_SENTENCES {
                break;
            }
        }
    }
    &text[..end]
}

/// The part a paragraph's opening turns to, if any, given the part it stands in.
fn opener_role(text: &str, current: Option<Section>, year: i32) -> Option<Role> {
    let open = opening(text);
    // A paragraph that opens on a plan's name and its time (“十四五”时期是…) is about it.
    let lead = open.trim_start_matches(['—', '-', ' ']);
    let named = PLAN_AT_START
        .is_match(lead)
        .then(|| named_plans(lead).next())
        .flatten()
        .map(|(_, plan)| plan_role(plan, year))
        .filter(|_| !PLAN_FIRST_YEAR.is_match(lead.split('。').next().unwrap_or("")));
    let cued = OPENERS.captures(open).and_then(|c| {
        [
            ("year_review", Opener::YearReview),
            ("five_year_review", Opener::FiveYearReview),
            ("five_year_plan", Opener::FiveYearPlan),
            ("plan", Opener::Plan),
        ]
        .into_iter()
        .find(|(name, _)| c.name(name).is_some())
        .map(|(_, o)| o)
    });
    let reviewing = matches!(
        current,
        None | Some(Section::Review) | Some(Section::FiveYearReview)
    );
    if let Some(role) = named {
        return (reviewing || role.0 == Section::FiveYearPlan).then_some(role);
    }
    match cued? {
        Opener::YearReview if reviewing => Some((Section::Review, None)),
        Opener::FiveYearReview if reviewing => {
            Some((Section::FiveYearReview, Some(Period::five_before(year))))
        }
        Opener::FiveYearPlan if current != Some(Section::FiveYearReview) => {
            Some((Section::FiveYearPlan, Some(Period::five_from(year))))
        }
        Opener::Plan if matches!(current, None | Some(Section::FiveYearPlan)) => {
            Some((Section::Plan, None))
        }
        _ => None,
    }
}

/// Gives every block of a report its section and, in a five-year part, its period.
pub fn assign(article: &mut Article, top: Option<u8>) {
    let year = article.year;
    let mut current: Option<Role> = None;
    let mut closed = false;
    for b in article.blocks.iter_mut() {
        let role = match b.kind {
            BlockType::Heading if b.level == top => heading_role(&b.text, year),
            // A deeper heading dates its part only by a year it names.
            BlockType::Heading => YEAR
                .captures(&b.text)
                .and_then(|c| c[1].parse::<i32>().ok())
                .zip(year)
                .filter(|_| !current.is_some_and(|(s, _)| s == Section::Appendix))
                .map(|(y, ry)| {
                    if y < ry {
                        (Section::Review, None)
                    } else {
                        (Section::Plan, None)
                    }
                }),
            BlockType::Paragraph => paragraph_role(b, current, year),
        };
        if closed {
            // After the closing call, only an appendix belongs to the report.
            if let Some(r) = role.filter(|(s, _)| matches!(s, Section::Appendix | Section::Plan)) {
                if APPENDIX.is_match(&b.text) {
                    current = Some(r);
                    closed = false;
                }
            }
        } else if let Some(r) = role {
            current = Some(r);
        }
        let (section, period) = if closed {
            (Some(Section::Outside), None)
        } else {
            (current.map(|r| r.0), current.and_then(|r| r.1))
        };
        b.section = section;
        b.period = period;
        if b.kind == BlockType::Paragraph && CLOSE.is_match(b.text.trim()) {
            closed = true;
        }
    }
}

/// Marks the parts of a news article that keeps a report's headings for them
/// (`一、2024年工作回顾`, `二、“十五五”时期主要目标`, `三、2025年经济社会发展总体要求`): a
/// heading after the first block that names a year and speaks of a review (an earlier year)
/// or of plans (the article's year), or names a five-year plan with such words. An unnumbered
/// heading inside a part (a figure's lead line) leaves it; any other heading ends it. Nothing
/// else is marked: a news article's other headings are headlines and subheads.
pub fn assign_coverage(article: &mut Article) {
    let Some(year) = article.year else {
        return;
    };
    let mut current: Option<Role> = None;
    for (i, b) in article.blocks.iter_mut().enumerate() {
        if b.kind == BlockType::Heading && i > 0 {
            let named = YEAR
                .captures(&b.text)
                .and_then(|c| c[1].parse::<i32>().ok());
            let plan = named_plans(&b.text).next().map(|(_, p)| p);
            let worded = |re: &Regex| re.is_match(&b.text);
            current = match (named, plan) {
                (Some(y), _) if y < year && worded(&REVIEW) => Some((Section::Review, None)),
                (Some(y), _) if y == year && worded(&PLAN) => Some((Section::Plan, None)),
                // 二、“十五五”时期主要目标和重大任务; “十四五”时期工作回顾.
                (None, Some(p)) if worded(&PLAN) || worded(&REVIEW) => Some(plan_role(p, year)),
                // An unnumbered line inside a part (a figure's lead) leaves the part as it is;
                // any other heading ends it.
                (None, None) if !crate::structure::is_numbered(&b.text) => current,
                _ => None,
            };
        }
        b.section = current.map(|r| r.0);
        b.period = current.and_then(|r| r.1);
    }
}

fn paragraph_role(b: &Block, current: Option<Role>, year: Option<i32>) -> Option<Role> {
    // A short line that names an appendix (附件：) is a heading in all but layout.
    if b.text.chars().count() <= 12 && APPENDIX.is_match(b.text.trim_end_matches(['：', ':'])) {
        return heading_role(&b.text, year);
    }
    let section = current.map(|r| r.0);
    if matches!(section, Some(Section::Appendix) | Some(Section::Outside)) {
        return None;
    }
    opener_role(&b.text, section, year?)
}
