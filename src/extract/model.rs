//! A fact as the output contract (`ANNOTATION.md`) defines it, plus provenance.

use crate::restore::chars::byte_of_char;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    AtLeast,
    AtMost,
    Range,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Level,
    Change,
    Share,
    Rank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Target,
    Result,
    Estimate,
}

macro_rules! as_str_impl {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),* }
            }
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)* _ => None }
            }
        }
    };
}

as_str_impl!(Qualifier { Exact => "exact", Approx => "approx", AtLeast => "at_least", AtMost => "at_most", Range => "range" });
as_str_impl!(Measure { Level => "level", Change => "change", Share => "share", Rank => "rank" });
as_str_impl!(Direction { Up => "up", Down => "down" });
as_str_impl!(FactKind { Target => "target", Result => "result", Estimate => "estimate" });

/// One quantitative statement of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Index of the article in the document (0-based).
    pub article: usize,
    /// Index of the block in its article.
    pub block: usize,
    /// 1-based input line of the mention.
    pub line: u32,
    /// The mention as printed: `5%左右`, `超过550亿元`.
    pub text: String,
    /// The number in base units, multipliers applied.
    pub value: f64,
    /// Upper end of a range, in base units.
    pub value_high: Option<f64>,
    /// Empty where the quantity has none (a ratio, `2：1`); written as null, as the
    /// annotation has it.
    #[serde(serialize_with = "unit_or_null", deserialize_with = "null_or_unit")]
    pub unit: String,
    pub qualifier: Qualifier,
    pub measure: Measure,
    pub direction: Option<Direction>,
    pub kind: FactKind,
    pub region: Option<String>,
    /// The official administrative division code of `region` (`130000`; `000000` for 全国).
    #[serde(default)]
    pub region_code: Option<String>,
    pub indicator: String,
    pub code: Option<String>,
    pub year: Option<i32>,
    /// For a figure about a span of years (a five-year review or plan), the span; `year` is
    /// then its last year, or for a starting value the year before it.
    #[serde(default)]
    pub period: Option<crate::structure::Period>,
    /// A borderline mention (duration, anniversary, specification).
    #[serde(default)]
    pub optional: bool,
    /// The sentence the fact came from.
    pub sentence: String,
    /// Character offsets of `text` in the block's text.
    pub char_start: usize,
    pub char_end: usize,
    /// For a PDF: the page (1-based) the mention's paragraph starts on, and where on it
    /// (points from the page's top left).
    #[serde(default)]
    pub page: Option<u32>,
    #[serde(default)]
    pub page_xy: Option<[f64; 2]>,
}

impl Fact {
    /// The characters of `block_text` (the text of the fact's block) that the fact's span
    /// covers: the fact's text, as provenance promises.
    pub fn span_in<'a>(&self, block_text: &'a str) -> &'a str {
        let start = byte_of_char(block_text, self.char_start);
        &block_text[start..start.max(byte_of_char(block_text, self.char_end))]
    }
}

fn unit_or_null<S: serde::Serializer>(unit: &str, s: S) -> Result<S::Ok, S::Error> {
    if unit.is_empty() {
        s.serialize_none()
    } else {
        s.serialize_str(unit)
    }
}

fn null_or_unit<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}
