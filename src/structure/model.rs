//! The document as the output contract (`ANNOTATION.md`) defines it.

use serde::{Deserialize, Serialize};

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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    #[serde(rename = "type")]
    pub kind: BlockType,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub level: Option<u8>,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub runin: Option<bool>,
    /// The part of a report the block stands in: a review of the past, or plans.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub section: Option<Section>,
    pub span: Span,
    /// `(char offset in text, input line)` at each change of line; internal provenance.
    #[serde(skip)]
    pub line_map: Vec<(u32, u32)>,
}

impl Block {
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

impl Article {
    /// The year of the article's date.
    pub fn date_year(&self) -> Option<i32> {
        self.date.as_deref()?.get(..4)?.parse().ok()
    }
}

/// The role of a part of a report, from its heading's wording or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Review,
    Plan,
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
