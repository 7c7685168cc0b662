//! Stage 5, **store**: documents, blocks and facts in an embedded database, behind a narrow
//! interface so that a server database can stand in later without touching the pipeline.

mod analysis;
mod parquet_export;
pub mod postgres;
pub mod sqlite;

pub use analysis::{
    card, compare, conflicts, track, Card, CardRow, CompareRow, ConflictRow, Figure, TrackRow,
    TrackStatus, Variant,
};
pub use parquet_export::write_facts_parquet;

use crate::extract::Fact;
use crate::structure::Document;
use serde::Serialize;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    // The driver's message holds its own cause; no `source`, so it is printed once.
    #[error("SQLite: {0}")]
    Db(rusqlite::Error),
    #[error("PostgreSQL: {}", self::postgres::describe(.0))]
    Postgres(::postgres::Error),
    /// The database cannot be reached as named.
    #[error("{0}")]
    Location(String),
    /// The database holds no corpus, or one of a schema this version cannot read.
    #[error("{0}")]
    Schema(String),
    #[error("stored data is not valid: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Db(e)
    }
}

impl From<::postgres::Error> for StoreError {
    fn from(e: ::postgres::Error) -> Self {
        StoreError::Postgres(e)
    }
}

/// One parsed input, ready to store.
#[derive(Debug, Clone)]
pub struct IngestDoc {
    pub path: String,
    /// SHA-256 of the input bytes, hex.
    pub hash: String,
    pub bytes: usize,
    pub encoding: String,
    pub document: Document,
    pub facts: Vec<Fact>,
    /// [`search_tokens`] of every block, in document order, computed where the parsing is
    /// done so that the single writer has less to do; computed on the fly where missing.
    pub search_tokens: Vec<String>,
}

impl IngestDoc {
    /// Search tokens of every block of `document`, in order.
    pub fn tokens_of(document: &Document) -> Vec<String> {
        document
            .articles
            .iter()
            .flat_map(|a| a.blocks.iter().map(|b| search_tokens(b.printed_text())))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IngestOutcome {
    /// A new document.
    Added,
    /// The path was stored with other content; the old version is gone.
    Replaced,
    /// The same content is stored already.
    Unchanged,
}

/// A stored document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub id: i64,
    pub path: String,
    pub hash: String,
    pub bytes: i64,
    pub encoding: String,
    pub articles: i64,
    pub facts: i64,
    pub ingested_at: String,
    /// The address a web page gives for itself.
    pub url: Option<String>,
}

/// A stored fact with the document it belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct StoredFact {
    pub id: i64,
    pub doc_id: i64,
    pub path: String,
    pub article_kind: String,
    pub article_title: Option<String>,
    /// The region of the article the fact is in (a report's own region).
    pub article_region: Option<String>,
    #[serde(flatten)]
    pub fact: Fact,
}

/// Filters for listing facts; `None` matches anything.
#[derive(Debug, Clone, Default)]
pub struct FactFilter {
    pub region: Option<String>,
    pub code: Option<String>,
    /// Substring of the indicator phrase.
    pub indicator: Option<String>,
    pub kind: Option<String>,
    pub year: Option<i32>,
    pub measure: Option<String>,
    pub period: PeriodFilter,
    /// Substring of the sentence.
    pub text: Option<String>,
    pub doc_id: Option<i64>,
    pub limit: Option<usize>,
}

/// Which spans of years a listing takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PeriodFilter {
    /// Figures of one year and of spans alike.
    #[default]
    Any,
    /// Figures of one year only: what an annual table shows.
    Annual,
    /// Figures about exactly this span.
    Span(crate::structure::Period),
}

impl PeriodFilter {
    /// `annual`, `any` or a span such as `2021-2025`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "annual" | "year" => Some(Self::Annual),
            "any" | "all" => Some(Self::Any),
            other => crate::structure::Period::parse(other).map(Self::Span),
        }
    }
}

/// The columns both stores select for a [`StoredFact`], in the order their row readers expect.
const FACT_SELECT: &str = "SELECT f.id, f.doc_id, d.path, a.kind, a.title, f.article_idx,
        f.block_idx, f.text, f.value, f.value_high, f.unit, f.qualifier, f.measure, f.direction,
        f.kind, f.region, f.indicator, f.code, f.year, f.optional, f.sentence, f.char_start,
        f.char_end, f.line, a.region, f.page, f.page_x, f.page_y, f.period, f.region_code
     FROM facts f JOIN documents d ON d.id = f.doc_id
     JOIN articles a ON a.doc_id = f.doc_id AND a.idx = f.article_idx WHERE 1=1";

/// A value a filter condition binds.
pub(crate) enum FilterValue {
    Text(String),
    Int32(i32),
    Int64(i64),
}

/// How a store writes what differs between SQL dialects.
pub(crate) struct Dialect {
    /// The substring-position function: `instr`, `strpos`.
    pub contains: &'static str,
    /// The n-th parameter (from 1): `?1`, `$1`.
    pub placeholder: fn(usize) -> String,
    /// How paths sort: both stores in byte order, whatever the database's collation.
    pub path_order: &'static str,
}

/// The facts query for `filter` with the values it binds, in order.
pub(crate) fn fact_query(filter: &FactFilter, dialect: &Dialect) -> (String, Vec<FilterValue>) {
    let text = |v: &Option<String>| v.clone().map(FilterValue::Text);
    let contains = dialect.contains;
    // A region as users write it (河南省, 内蒙古自治区) is the one stored by short name.
    let region = filter.region.as_deref().map(crate::regions::canonical);
    let conditions = [
        (" AND f.region = ?".to_owned(), text(&region)),
        (" AND f.code = ?".to_owned(), text(&filter.code)),
        (
            format!(" AND {contains}(f.indicator, ?) > 0"),
            text(&filter.indicator),
        ),
        (" AND f.kind = ?".to_owned(), text(&filter.kind)),
        (
            " AND f.year = ?".to_owned(),
            filter.year.map(FilterValue::Int32),
        ),
        (" AND f.measure = ?".to_owned(), text(&filter.measure)),
        (
            " AND f.period = ?".to_owned(),
            match filter.period {
                PeriodFilter::Span(p) => Some(FilterValue::Text(p.to_string())),
                _ => None,
            },
        ),
        (
            format!(" AND {contains}(f.sentence, ?) > 0"),
            text(&filter.text),
        ),
        (
            " AND f.doc_id = ?".to_owned(),
            filter.doc_id.map(FilterValue::Int64),
        ),
    ];
    let mut sql = String::from(FACT_SELECT);
    let mut values = Vec::new();
    for (clause, value) in conditions {
        if let Some(v) = value {
            values.push(v);
            sql.push_str(&clause.replace('?', &(dialect.placeholder)(values.len())));
        }
    }
    if filter.period == PeriodFilter::Annual {
        sql.push_str(" AND f.period IS NULL");
    }
    sql.push_str(&format!(
        " ORDER BY {}, f.article_idx, f.block_idx, f.char_start",
        dialect.path_order
    ));
    if let Some(l) = filter.limit {
        sql.push_str(&format!(" LIMIT {l}"));
    }
    (sql, values)
}

/// A full-text search hit: a block that contains the query.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub doc_id: i64,
    pub path: String,
    pub article: i64,
    pub article_title: Option<String>,
    pub block: i64,
    pub heading_path: String,
    /// The block text around the first match, the matches marked 【like this】.
    pub snippet: String,
    pub line: i64,
    pub rank: f64,
}

/// A stored article with its blocks, for display.
#[derive(Debug, Clone, Serialize)]
pub struct StoredArticle {
    pub doc_id: i64,
    pub path: String,
    pub index: i64,
    pub article: crate::structure::Article,
}

/// The storage interface the CLI and the server use.
/// A corpus database. `Send`, so that ingest can write on a thread of its own while the
/// documents after the batch are parsed.
pub trait Store: Send {
    /// Stores one document with its facts atomically: all of it or none.
    fn ingest(&mut self, doc: &IngestDoc) -> Result<IngestOutcome, StoreError>;
    /// Stores several whole documents in one transaction: after a crash either all of them are
    /// there or none, never a part of one. The documents are taken, so that their search
    /// tokens are moved rather than copied (the SQLite store also frees them off the writer's
    /// thread).
    fn ingest_many(&mut self, docs: Vec<IngestDoc>) -> Result<Vec<IngestOutcome>, StoreError> {
        docs.iter().map(|d| self.ingest(d)).collect()
    }
    fn documents(&self) -> Result<Vec<DocumentRow>, StoreError>;
    fn facts(&self, filter: &FactFilter) -> Result<Vec<StoredFact>, StoreError>;
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError>;
    fn articles(&self, doc_id: i64) -> Result<Vec<StoredArticle>, StoreError>;
    /// Checks that every stored document is whole: its recorded article and fact counts match
    /// the rows present.
    fn check_consistency(&self) -> Result<(), StoreError>;
    /// Where the store tells what went wrong in work it finishes in the background, after the
    /// call that handed the work over returned (the SQLite store's search index). Complete
    /// once the store is dropped.
    fn background_problems(&self) -> Option<BackgroundProblems> {
        None
    }
}

/// What a store's background work could not do, one message each; see
/// [`Store::background_problems`].
pub type BackgroundProblems = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

pub use self::postgres::Access;

/// Where a corpus is kept: a SQLite file, or a PostgreSQL database named by its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Location {
    /// `postgres://…` or `postgresql://…` is a server database; anything else a file path.
    pub fn parse(spec: &str) -> Location {
        let lower = spec.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Location::Postgres(spec.trim().to_owned())
        } else {
            Location::Sqlite(spec.into())
        }
    }
}

impl std::fmt::Display for Location {
    /// The path, or the address with its password masked: errors and logs never show it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Sqlite(p) => write!(f, "{}", p.display()),
            Location::Postgres(url) => f.write_str(&mask_password(url)),
        }
    }
}

fn mask_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_owned();
    };
    match rest[..at].find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end],
            &rest[..colon],
            &rest[at..]
        ),
        None => url.to_owned(),
    }
}

/// The report card of a region named in any form (湖北省 or 湖北) for `year` (by default the
/// latest it has targets for), from its stored facts of every period.
pub fn region_card(
    store: &dyn Store,
    region: &str,
    year: Option<i32>,
) -> Result<Option<Card>, StoreError> {
    let region = crate::regions::canonical(region);
    let facts = store.facts(&FactFilter {
        region: Some(region.clone()),
        ..FactFilter::default()
    })?;
    Ok(card(&facts, &region, year))
}

/// Opens the corpus at `location`. With [`Access::Existing`] or [`Access::ReadOnly`] a
/// missing corpus is an error rather than a new empty one.
pub fn open(location: &Location, access: Access) -> Result<Box<dyn Store>, StoreError> {
    match location {
        Location::Sqlite(path) => {
            if access != Access::Write && !path.exists() {
                return Err(StoreError::Schema(
                    "no such database (create it with `lianghui ingest`)".into(),
                ));
            }
            Ok(Box::new(if access == Access::ReadOnly {
                sqlite::SqliteStore::open_read_only(path)?
            } else {
                sqlite::SqliteStore::open(path)?
            }))
        }
        Location::Postgres(url) => Ok(Box::new(self::postgres::PgStore::connect(url, access)?)),
    }
}

/// Search tokens for Chinese text: overlapping character bigrams of each run of Han characters
/// (a single Han character between punctuation stands alone), lower-cased Latin words and
/// numbers. A query tokenised the same way and searched as a phrase finds exact substrings of
/// two characters or more, which word segmenters miss (`绿证`, `山西`).
pub fn search_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut han: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush_han = |han: &mut Vec<char>, out: &mut String| {
        if han.len() == 1 {
            out.push(han[0]);
            out.push(' ');
        }
        for w in han.windows(2) {
            out.push(w[0]);
            out.push(w[1]);
            out.push(' ');
        }
        han.clear();
    };
    let flush_word = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            out.push_str(&word.to_lowercase());
            out.push(' ');
            word.clear();
        }
    };
    for c in text.chars() {
        if crate::extract::is_han(c) {
            flush_word(&mut word, &mut out);
            han.push(c);
        } else if c.is_alphanumeric() || c == '.' && !word.is_empty() {
            flush_han(&mut han, &mut out);
            word.push(c);
        } else {
            flush_han(&mut han, &mut out);
            flush_word(&mut word, &mut out);
        }
    }
    flush_han(&mut han, &mut out);
    flush_word(&mut word, &mut out);
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_tell_servers_from_files_and_hide_passwords() {
        let pg = Location::parse("postgres://ana:s3cret@db.example:5433/corpus?sslmode=disable");
        assert!(matches!(pg, Location::Postgres(_)));
        assert_eq!(
            pg.to_string(),
            "postgres://ana:***@db.example:5433/corpus?sslmode=disable"
        );
        assert_eq!(
            Location::parse("postgresql://ana@h/c").to_string(),
            "postgresql://ana@h/c"
        );
        assert_eq!(
            Location::parse("corpus.db"),
            Location::Sqlite("corpus.db".into())
        );
        assert_eq!(
            Location::parse("dir/postgres.db"),
            Location::Sqlite("dir/postgres.db".into())
        );
    }

    #[test]
    fn tokens_are_bigrams_of_han_runs() {
        assert_eq!(search_tokens("山西绿证"), "山西 西绿 绿证");
        assert_eq!(search_tokens("PM2.5年均浓度"), "pm2.5 年均 均浓 浓度");
        assert_eq!(search_tokens("省，市"), "省 市");
        assert_eq!(search_tokens(""), "");
    }
}
