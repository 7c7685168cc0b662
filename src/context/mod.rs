//! Stage 3½, **context**: what every fact of an article shares, weighed once per document from
//! every cue the document has (`data/context.tsv`): the report's year, its region, and the role
//! of each part of a report (a review of the past year, or plans).
//!
//! One field rarely settles these. A page saved from a portal has no headline block but a page
//! title (`2026年XX省政府工作报告`); a printed page has a dated subtitle; a review heading names
//! the year reviewed (`2025年工作回顾`: the report is of 2026). Each cue votes with its weight;
//! where a heavy cue disagrees with the winner, the article carries a warning instead of a
//! silent pick.

mod repeats;
mod sections;

pub(crate) use sections::named_plans;

use crate::lexicon::{cue_regex, rows};
use crate::regions::{self, Level};
use crate::structure::{Article, BlockType, Document, Section};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

const CONTEXT: &str = include_str!("../../data/context.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Year,
    Region,
}

/// Where in a document a cue is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Headline,
    Speaker,
    Page,
    ReviewHeading,
    PlanHeading,
    Opening,
    Body,
}

impl Place {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "headline" => Self::Headline,
            "speaker" => Self::Speaker,
            "page" => Self::Page,
            "review_heading" => Self::ReviewHeading,
            "plan_heading" => Self::PlanHeading,
            "opening" => Self::Opening,
            "body" => Self::Body,
            _ => return None,
        })
    }
}

struct Cue {
    what: What,
    place: Place,
    weight: u32,
    offset: i32,
    /// `None`: every place named in the text is a vote.
    pattern: Option<Regex>,
}

static CUES: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    rows(CONTEXT)
        .filter_map(|r| {
            let what = match *r.first()? {
                "year" => What::Year,
                "region" => What::Region,
                _ => return None,
            };
            let pattern = r.get(4).copied().unwrap_or("");
            Some(Cue {
                what,
                place: Place::parse(r.get(1)?)?,
                weight: r.get(2)?.parse().ok()?,
                offset: r.get(3)?.parse().ok()?,
                pattern: (!pattern.is_empty()).then(|| {
                    Regex::new(pattern)
                        .unwrap_or_else(|e| panic!("bundled context cue {pattern:?}: {e}"))
                }),
            })
        })
        .collect()
});

static REVIEW: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{review_section}}"));
static PLAN: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{plan_section}}"));
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年(以来|来)?").unwrap_or_else(|e| panic!("{e}")));
static SESSION_BODY: LazyLock<Regex> = LazyLock::new(|| cue_regex("^(?:{{session_body}})"));
static NATIONAL_SUBJECT: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{national_subject}}"));
static VOICE_PROVINCE: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{voice_province}}"));
static VOICE_CITY: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{voice_city}}"));
static PAGE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*[-/年]\s*(\d{1,2})\s*[-/月]\s*(\d{1,2})")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Paragraphs after the salutation that count as the opening: who reports, on whose behalf.
const OPENING_PARAS: usize = 3;
/// Paragraphs of a news article whose opening date (`2026年3月5日，…`) dates it.
const NEWS_DATE_PARAS: usize = 2;
/// A disagreeing cue this heavy is worth a warning.
const WARN_WEIGHT: u32 = 5;

/// Fills in every article's year, region (reports), date (from the page where the headline
/// has none) and the section role of every block of a report.
pub fn resolve(doc: &mut Document) {
    let page_text = doc.page_cues.join("\n");
    let page_date = page_date(&doc.page_cues);
    let first_report = doc.articles.iter().position(|a| a.kind.is_report());
    // A page of news alone: its publication line dates the first article (a dateline under
    // the headline, `2026-02-12 16:05`).
    if first_report.is_none() {
        if let Some(a) = doc.articles.first_mut() {
            if a.date.is_none() {
                a.date.clone_from(&page_date);
            }
        }
    }
    for article in doc.articles.iter_mut().filter(|a| !a.kind.is_report()) {
        if article.date.is_none() {
            article.date = article
                .blocks
                .iter()
                .take(NEWS_DATE_PARAS)
                .find_map(|b| crate::structure::leading_date(&b.text));
        }
        if article.region.is_none() && speaks_for_the_country(article) {
            article.region = regions::country().map(|c| c.short.to_owned());
        }
        if article.region.is_none() && article.covers_report() {
            article.region = covered_region(article).map(|r| r.short.to_owned());
        }
    }
    for (i, article) in doc.articles.iter_mut().enumerate() {
        // The page header speaks of the first report on the page; a running head of any.
        let page = if Some(i) == first_report || first_report.is_none() {
            page_text.as_str()
        } else {
            ""
        };
        if article.kind.is_report() {
            resolve_report(article, page);
            // A report that names no place but a national body (全国政协常委会) is the country's.
            if article.region.is_none() && speaks_for_the_country(article) {
                article.region = regions::country().map(|c| c.short.to_owned());
            }
            if article.date.is_none() && Some(i) == first_report {
                article.date.clone_from(&page_date);
            }
        }
    }
    // Articles printed together share a session: a report page with no cue of its own (a
    // continued page) takes the year of the reports beside it; a news article its own date's
    // year, else the reports' year, else the latest it names.
    let doc_year = doc
        .articles
        .iter()
        .find_map(|a| a.year.or_else(|| a.date_year()));
    for article in doc.articles.iter_mut() {
        if article.kind.is_report() {
            article.year = article.year.or(doc_year).or_else(|| session_year(article));
        } else {
            article.year = article
                .date_year()
                .or(doc_year)
                .or_else(|| session_year(article))
                .or_else(|| latest_year_named(article));
            sections::assign_coverage(article);
        }
    }
    repeats::drop_repeats(doc);
}

/// The level of an article's top-level headings: they carry the review / plan wording;
/// deeper ones may say 目标 or 回顾 of a detail inside either part.
fn top_heading_level(article: &Article) -> Option<u8> {
    article
        .blocks
        .iter()
        .filter(|b| b.kind == BlockType::Heading)
        .filter_map(|b| b.level)
        .min()
}

/// Whether a news article reports on the country as a whole: its headline or opening names the
/// State Council or the National People's Congress (`national_subject` cues) and no province.
fn speaks_for_the_country(article: &Article) -> bool {
    let opening: Vec<&str> = [article.title.as_deref(), article.subtitle.as_deref()]
        .into_iter()
        .flatten()
        .chain(article.opening_paragraphs())
        .collect();
    opening.iter().any(|t| NATIONAL_SUBJECT.is_match(t))
        && !opening.iter().any(|t| {
            regions::mentions(t)
                .iter()
                .any(|m| m.region.level != Level::Country && !regions::is_dateline_place(t, m))
        })
}

/// The region whose report a news article covers: the one province its headline and opening
/// name (`山东省十三届人大二次会议在济南开幕。山东省省长…作报告`), else the one prefecture;
/// none where they name several, as a round-up does. Datelines and venues are not the subject.
fn covered_region(article: &Article) -> Option<&'static regions::Region> {
    let mut named: Vec<&'static regions::Region> = Vec::new();
    // Places whose congress or government the text names (陕西咸阳市第九届人民代表大会: 咸阳).
    let mut bodies: Vec<&'static regions::Region> = Vec::new();
    for t in [article.title.as_deref(), article.subtitle.as_deref()]
        .into_iter()
        .flatten()
        .chain(article.opening_paragraphs())
    {
        for m in regions::mentions(t) {
            if m.region.level == Level::Country || regions::is_dateline_place(t, &m) {
                continue;
            }
            if !named.contains(&m.region) {
                named.push(m.region);
            }
            if SESSION_BODY.is_match(&t[m.end..]) && !bodies.contains(&m.region) {
                bodies.push(m.region);
            }
        }
    }
    if let [only] = bodies.as_slice() {
        return Some(*only);
    }
    let only = |level: Level| {
        let mut at_level = named.iter().filter(|r| r.level == level);
        match (at_level.next(), at_level.next()) {
            (Some(r), None) => Some(*r),
            _ => None,
        }
    };
    let provinces = named.iter().filter(|r| r.level == Level::Province).count();
    match provinces {
        0 => only(Level::Prefecture),
        _ => only(Level::Province).filter(|p| {
            // A city of another province is a second subject.
            named
                .iter()
                .all(|r| r.level == Level::Province || r.province == p.short)
        }),
    }
}

/// The first full date on a publication line of the page, as ISO.
fn page_date(cues: &[String]) -> Option<String> {
    cues.iter().find_map(|t| {
        let c = PAGE_DATE.captures(t)?;
        let y: u32 = c[1].parse().ok()?;
        let m: u32 = c[2].parse().ok()?;
        let d: u32 = c[3].parse().ok()?;
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
    })
}

static NATIONAL_SESSION: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{national_session}}"));
/// The national congress's term that began in [`ANCHOR_YEAR`]; terms run five years.
const ANCHOR_TERM: i32 = 14;
const ANCHOR_YEAR: i32 = 2023;

/// The year of the first national session an article names (十四届全国人大四次会议 → 2026):
/// sessions meet once a year, the first in a term's first year. Terms before the sixth
/// (1983) did not keep the five-year rhythm and date nothing.
fn session_year(article: &Article) -> Option<i32> {
    let texts = article
        .title
        .iter()
        .chain(article.blocks.iter().map(|b| &b.text));
    texts.take(OPENING_PARAS + 2).find_map(|t| {
        NATIONAL_SESSION.captures_iter(t).find_map(|c| {
            let mut numbers = c.iter().skip(1).flatten().map(|m| {
                let v = crate::extract::numeral::parse_chinese(m.as_str())?;
                (v.fract() == 0.0).then_some(v as i32)
            });
            let (term, session) = (numbers.next()??, numbers.next()??);
            (term >= 6).then(|| ANCHOR_YEAR + 5 * (term - ANCHOR_TERM) + session - 1)
        })
    })
}

fn latest_year_named(article: &Article) -> Option<i32> {
    article
        .blocks
        .iter()
        .flat_map(|b| YEAR.captures_iter(&b.text))
        // 1991年以来 starts a span; it is no time the article is about.
        .filter(|c| c.get(2).is_none())
        .filter_map(|c| c[1].parse::<i32>().ok())
        .filter(|y| (1990..=2100).contains(y))
        .max()
}

/// The role a heading's wording gives its section, before any year is known.
fn wording_role(text: &str) -> Option<Section> {
    if REVIEW.is_match(text) {
        Some(Section::Review)
    } else if PLAN.is_match(text) {
        Some(Section::Plan)
    } else {
        None
    }
}

/// One vote: what it says, how much it weighs and where it was found.
struct Vote<T> {
    value: T,
    weight: u32,
    place: Place,
}

fn resolve_report(article: &mut Article, page: &str) {
    let headline = [article.title.as_deref(), article.subtitle.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let speaker = article.speaker.clone().unwrap_or_default();
    let top = top_heading_level(article);
    let mut texts: Vec<(Place, &str)> = vec![
        (Place::Headline, headline.as_str()),
        (Place::Speaker, speaker.as_str()),
        (Place::Page, page),
    ];
    let mut paragraphs = 0;
    for b in &article.blocks {
        match b.kind {
            BlockType::Heading if b.level == top => match wording_role(&b.text) {
                Some(Section::Review) => texts.push((Place::ReviewHeading, &b.text)),
                Some(Section::Plan) => texts.push((Place::PlanHeading, &b.text)),
                _ => {}
            },
            BlockType::Heading => {}
            BlockType::Paragraph => {
                paragraphs += 1;
                let place = if paragraphs <= OPENING_PARAS {
                    Place::Opening
                } else {
                    Place::Body
                };
                texts.push((place, &b.text));
            }
        }
    }

    let mut years: Vec<Vote<i32>> = Vec::new();
    let mut places: Vec<Vote<&'static regions::Region>> = Vec::new();
    // The body's weak cues are read only where the strong ones said nothing: a report's body
    // is most of its text, and its cues cannot outweigh a headline.
    let heavy = |votes: &[(What, u32)], what: What| {
        votes
            .iter()
            .any(|&(w, weight)| w == what && weight >= WARN_WEIGHT)
    };
    let mut seen: Vec<(What, u32)> = Vec::new();
    let ordered = CUES
        .iter()
        .filter(|c| c.place != Place::Body)
        .chain(CUES.iter().filter(|c| c.place == Place::Body));
    for cue in ordered {
        if cue.place == Place::Body && heavy(&seen, cue.what) {
            continue;
        }
        let before = years.len() + places.len();
        for &(place, text) in texts.iter().filter(|(p, _)| *p == cue.place) {
            match (cue.what, &cue.pattern) {
                (What::Year, Some(re)) => {
                    for c in re.captures_iter(text) {
                        if let Some(y) = c.get(1).and_then(|m| m.as_str().parse::<i32>().ok()) {
                            if (1990..=2100).contains(&y) {
                                years.push(Vote {
                                    value: y + cue.offset,
                                    weight: cue.weight,
                                    place,
                                });
                            }
                        }
                    }
                }
                (What::Year, None) => {}
                (What::Region, Some(re)) => {
                    for c in re.captures_iter(text) {
                        let named = c.get(1).map_or("", |m| m.as_str());
                        for m in regions::mentions(named) {
                            places.push(Vote {
                                value: m.region,
                                weight: cue.weight,
                                place,
                            });
                        }
                    }
                }
                (What::Region, None) => {
                    for m in regions::mentions(text) {
                        places.push(Vote {
                            value: m.region,
                            weight: cue.weight,
                            place,
                        });
                    }
                }
            }
        }
        if years.len() + places.len() > before {
            seen.push((cue.what, cue.weight));
        }
    }

    let mut warnings = Vec::new();
    let year = winner(&years, &mut warnings, "year", |y| y.to_string());
    // A page's own metadata (a portal template's title, a repost's date) is a light cue, but
    // one that names another year altogether is worth telling: the content has won over it.
    if let Some(y) = year {
        for v in years
            .iter()
            .filter(|v| v.place == Place::Page && (v.value - y).abs() > 1)
        {
            let msg = format!(
                "year: the page's title or date says {}, the report's own text {y}",
                v.value
            );
            if !warnings.contains(&msg) {
                warnings.push(msg);
            }
        }
    }
    article.year = year.or_else(|| article.date_year());

    let level = voice_level(&article.blocks);
    let places: Vec<Vote<&'static str>> = places
        .into_iter()
        .filter_map(|v| {
            let short = match (level, v.value.level) {
                // A report that says 全省 speaks for a province: a city it names counts for
                // its province.
                (Some(Level::Province), Level::Prefecture | Level::County) => v.value.province,
                (Some(Level::Prefecture), Level::County) => return None,
                (Some(Level::Prefecture), Level::Province) => return None,
                _ => v.value.short,
            };
            (!short.is_empty()).then_some(Vote {
                value: short,
                weight: v.weight,
                place: v.place,
            })
        })
        .collect();
    if let Some(region) = winner(&places, &mut warnings, "region", |r| (*r).to_owned()) {
        if article.region.as_deref() != Some(region) {
            if let Some(old) = &article.region {
                warnings.push(format!("region: headline says {old}, other cues {region}"));
            }
        }
        if article.region.is_none() {
            article.region = Some(region.to_owned());
        }
    }
    article.warnings = warnings;
    sections::assign(article, top);
}

/// Whether the report speaks for a province (全省) or a city (全市), by which it says more.
fn voice_level(blocks: &[crate::structure::Block]) -> Option<Level> {
    let (mut province, mut city) = (0, 0);
    for b in blocks {
        province += VOICE_PROVINCE.find_iter(&b.text).count();
        city += VOICE_CITY.find_iter(&b.text).count();
    }
    match province.cmp(&city) {
        std::cmp::Ordering::Greater => Some(Level::Province),
        std::cmp::Ordering::Less => Some(Level::Prefecture),
        std::cmp::Ordering::Equal => None,
    }
}

/// The heaviest value; heavy cues for another value become warnings.
fn winner<T: PartialEq + Eq + std::hash::Hash + Clone>(
    votes: &[Vote<T>],
    warnings: &mut Vec<String>,
    what: &str,
    show: impl Fn(&T) -> String,
) -> Option<T> {
    let mut totals: HashMap<T, (u32, usize)> = HashMap::new();
    for (i, v) in votes.iter().enumerate() {
        let e = totals.entry(v.value.clone()).or_insert((0, i));
        e.0 += v.weight;
    }
    // Ties go to the value voted for first.
    let best = totals
        .iter()
        .max_by(|a, b| {
            (a.1 .0, std::cmp::Reverse(a.1 .1)).cmp(&(b.1 .0, std::cmp::Reverse(b.1 .1)))
        })
        .map(|(v, _)| v.clone())?;
    for v in votes
        .iter()
        .filter(|v| v.value != best && v.weight >= WARN_WEIGHT)
    {
        let msg = format!(
            "{what}: {} cue says {}, weighed cues say {}",
            place_name(v.place),
            show(&v.value),
            show(&best)
        );
        if !warnings.contains(&msg) {
            warnings.push(msg);
        }
    }
    Some(best)
}

fn place_name(p: Place) -> &'static str {
    match p {
        Place::Headline => "headline",
        Place::Speaker => "speaker",
        Place::Page => "page",
        Place::ReviewHeading => "review heading",
        Place::PlanHeading => "plan heading",
        Place::Opening => "opening",
        Place::Body => "body",
    }
}

#[cfg(test)]
mod tests;
