//! The document as the output contract (`ANNOTATION.md`) defines it.

use crate::lexicon::cue_regex;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

static REPORT_COVERAGE: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{report_coverage}}"));

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    GovernmentWorkReport,
    StandingCommitteeReport,
    News,
    Other,
}

impl ArticleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::GovernmentWorkReport => "government_work_report",
            Self::StandingCommitteeReport => "standing_committee_report",
            Self::News => "news",
            Self::Other => "other",
        }
    }

    pub fn is_report(self) -> bool {
        matches!(
            self,
            Self::GovernmentWorkReport | Self::StandingCommitteeReport
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockType {
    Heading,
    Paragraph,
}

/// Where a block came from: input lines (1-based, inclusive) and bytes of the decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    pub line_start: u32,
    pub line_end: u32,
    pub byte_start: usize,
    pub byte_end: usize,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Block {
    #[serde(rename = "type")]
    pub kind: BlockType,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub level: Option<u8>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub runin: Option<bool>,
    /// The part of a report the block stands in: the year's review or plan, the five-year
    /// review or outline, an appendix, or text around the report that is not part of it.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub section: Option<Section>,
    /// The span of years a five-year part of a report is about.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub period: Option<Period>,
    pub span: Span,
    /// `(char offset in text, input line)` at each change of line; internal provenance.
    #[serde(skip)]
    pub line_map: Vec<(u32, u32)>,
    /// The text as printed where it was analysed in other characters (a traditional-character
    /// page is read in simplified ones); as long as `text`, character for character. Output
    /// (`parse`, the store) shows this.
    #[serde(skip)]
    pub printed: Option<String>,
}

/// A block as output shows it: its text as printed.
impl Serialize for Block {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shown<'a> {
            #[serde(rename = "type")]
            kind: BlockType,
            #[serde(skip_serializing_if = "Option::is_none")]
            level: Option<u8>,
            text: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            runin: Option<bool>,
            #[serde(skip_serializing_if = "Option::is_none")]
            section: Option<Section>,
            #[serde(skip_serializing_if = "Option::is_none")]
            period: Option<Period>,
            span: Span,
        }
        Shown {
            kind: self.kind,
            level: self.level,
            text: self.printed_text(),
            runin: self.runin,
            section: self.section,
            period: self.period,
            span: self.span,
        }
        .serialize(s)
    }
}

impl Block {
    /// The text as printed: what a reader of the document sees.
    pub fn printed_text(&self) -> &str {
        self.printed.as_deref().unwrap_or(&self.text)
    }

    /// The input line of the character at `char_offset` in `text`.
    pub fn line_of(&self, char_offset: usize) -> u32 {
        crate::restore::line_at(&self.line_map, char_offset, self.span.line_start)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub kind: ArticleKind,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub speaker: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub region: Option<String>,
    pub continued_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub continued_from: Option<String>,
    /// The year the report was delivered (or the article published), weighed from every cue
    /// the document has; see [`crate::context`].
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub year: Option<i32>,
    /// Cues that disagreed when the year or region was weighed.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub warnings: Vec<String>,
    pub blocks: Vec<Block>,
}

/// Paragraphs at the head of a news article read for whom and what it speaks of.
const NEWS_OPENING: usize = 3;

impl Article {
    /// The text of the first paragraphs, where a news article says whom and what it covers,
    /// and of the headings among them: a dateline and a byline printed as headings above the
    /// lead do not push it out.
    pub fn opening_paragraphs(&self) -> impl Iterator<Item = &str> {
        let mut paragraphs = 0;
        self.blocks
            .iter()
            .take_while(move |b| {
                let more = paragraphs < NEWS_OPENING;
                if b.kind == BlockType::Paragraph {
                    paragraphs += 1;
                }
                more
            })
            .map(|b| b.text.as_str())
    }

    /// Whether a news article covers a work report: its headline or opening names one
    /// (`report_coverage` cues).
    pub fn covers_report(&self) -> bool {
        !self.kind.is_report()
            && self
                .title
                .as_deref()
                .into_iter()
                .chain(self.opening_paragraphs())
                .any(|t| REPORT_COVERAGE.is_match(t))
    }

    /// The year of the article's date.
    pub fn date_year(&self) -> Option<i32> {
        self.date.as_deref()?.get(..4)?.parse().ok()
    }
}

/// The role of a part of a report, from its heading's wording or year and the words that
/// open its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// The past year's review.
    Review,
    /// This year's plan and targets.
    Plan,
    /// The review of the five years behind the report (十四五 in a 2026 report).
    FiveYearReview,
    /// The five-year plan's goals (十五五 in a 2026 report).
    FiveYearPlan,
    /// Appendices and glossaries (附件, 名词解释).
    Appendix,
    /// Text on the page that is not the report (related news, comments, site footers).
    Outside,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Review => "review",
            Self::Plan => "plan",
            Self::FiveYearReview => "five_year_review",
            Self::FiveYearPlan => "five_year_plan",
            Self::Appendix => "appendix",
            Self::Outside => "outside",
        }
    }

    /// Whether the part looks back (results) rather than ahead (targets).
    pub fn is_review(self) -> bool {
        matches!(self, Self::Review | Self::FiveYearReview)
    }
}

/// A span of years, inclusive: `2021-2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub start: i32,
    pub end: i32,
}

impl Period {
    /// The five years of the plan that contains `year` (plans start in 2021, 2026, …).
    pub fn plan_of(year: i32) -> Self {
        let start = year - (year - 1).rem_euclid(5);
        Self {
            start,
            end: start + 4,
        }
    }

    /// The five years a report of `year` looks back on when it names no plan.
    pub fn five_before(year: i32) -> Self {
        Self {
            start: year - 5,
            end: year - 1,
        }
    }

    /// The five years from `year` on: a report's plan when it names none.
    pub fn five_from(year: i32) -> Self {
        Self {
            start: year,
            end: year + 4,
        }
    }

    /// The N-th five-year plan (十四五 = 14: 2021-2025); from the sixth on, plans are regular.
    pub fn nth_plan(n: u32) -> Option<Self> {
        (6..=40).contains(&n).then(|| {
            let start = 2006 + (n as i32 - 11) * 5;
            Self {
                start,
                end: start + 4,
            }
        })
    }

    pub fn parse(s: &str) -> Option<Self> {
        let (a, b) = s.trim().split_once('-')?;
        let (start, end) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        (start <= end).then_some(Self { start, end })
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a period: {s}")))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub source: String,
    pub articles: Vec<Article>,
    /// Text taken out of the document as page furniture or page header (navigation, page
    /// title, publication line): not text, but cues for the year, region and date.
    #[serde(skip)]
    pub page_cues: Vec<String>,
    /// The address a web page gives for itself (its canonical link).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
    /// For a PDF: the page and position of each input line (index = line - 1).
    #[serde(skip)]
    pub origins: Vec<crate::read::pdf::Origin>,
}
