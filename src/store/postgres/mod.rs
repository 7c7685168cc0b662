//! The PostgreSQL store: one shared corpus for a team. Same behaviour as the SQLite store —
//! whole documents only, idempotent by content hash, a changed file replaces its old version —
//! and safe with several writers at once: each document's path is locked for the length of
//! its transaction, so two processes storing the same file take turns instead of both
//! inserting it.

use super::sqlite::{heading_paths, parse_kind, snippet};
use super::*;
use crate::extract::{Direction, FactKind, Measure, Qualifier};
use crate::structure::{Article, Block, BlockType, Period, Span};
use ::postgres::error::SqlState;
use ::postgres::types::ToSql;
use ::postgres::{Client, Row, Transaction};
pub use tls::MakeRustlsConnect;

mod tls;

/// The server's connection pool (the dashboard's).
pub type Pool = r2d2::Pool<r2d2_postgres::PostgresConnectionManager<MakeRustlsConnect>>;
use std::cell::RefCell;
use std::error::Error as _;

/// Schema versions, applied in order; `lianghui_schema.version` records how many ran.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE documents (
    id BIGSERIAL PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    encoding TEXT NOT NULL,
    n_articles BIGINT NOT NULL,
    n_facts BIGINT NOT NULL,
    ingested_at TEXT NOT NULL
        DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
    url TEXT
);
CREATE INDEX documents_hash ON documents(hash);
CREATE TABLE articles (
    doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT, subtitle TEXT, speaker TEXT,
    authors TEXT NOT NULL,
    date TEXT, region TEXT, continued_on TEXT, continued_from TEXT,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE blocks (
    doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    article_idx BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    type TEXT NOT NULL,
    level BIGINT, runin BOOLEAN,
    text TEXT NOT NULL,
    heading_path TEXT NOT NULL,
    line_start BIGINT NOT NULL, line_end BIGINT NOT NULL,
    byte_start BIGINT NOT NULL, byte_end BIGINT NOT NULL,
    -- The block's Han bigrams as numbers (`bigram_key`): the GIN index finds the blocks
    -- holding every bigram of a query. Integer keys cost half what text keys cost to index.
    bigrams INTEGER[] NOT NULL,
    PRIMARY KEY (doc_id, article_idx, idx)
);
-- A long pending list lets bulk ingest add index entries in large merges.
CREATE INDEX blocks_bigrams ON blocks USING GIN (bigrams) WITH (gin_pending_list_limit = 65536);
CREATE TABLE facts (
    id BIGSERIAL PRIMARY KEY,
    doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    article_idx BIGINT NOT NULL,
    block_idx BIGINT NOT NULL,
    text TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    value_high DOUBLE PRECISION,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    measure TEXT NOT NULL,
    direction TEXT,
    kind TEXT NOT NULL,
    region TEXT,
    indicator TEXT NOT NULL,
    code TEXT,
    year INTEGER,
    optional BOOLEAN NOT NULL,
    sentence TEXT NOT NULL,
    char_start BIGINT NOT NULL,
    char_end BIGINT NOT NULL,
    line BIGINT NOT NULL,
    page BIGINT,
    page_x DOUBLE PRECISION,
    page_y DOUBLE PRECISION
);
CREATE INDEX facts_code ON facts(code, kind, year);
CREATE INDEX facts_region ON facts(region, year);
CREATE INDEX facts_doc ON facts(doc_id);
"#,
    r#"
-- Version 2: the span of years a five-year figure is about ("2021-2025"; NULL for one year).
ALTER TABLE facts ADD COLUMN period TEXT;
-- and the official code of the fact's region ("130000"; "000000" for the whole country).
ALTER TABLE facts ADD COLUMN region_code TEXT;
"#,
];

/// Any number: the key of the lock that lets one process at a time migrate the schema.
const MIGRATION_LOCK: i64 = 0x6c69_616e_6768_7569;

/// How a store opens its database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Create the schema where there is none and bring an older one up to date.
    Write,
    /// The schema must exist; an older one is brought up to date.
    Existing,
    /// The schema must exist at exactly this version; nothing is written (the server, which
    /// may run under a role that can only read).
    ReadOnly,
}

/// A connection of the store's own, or one lent by the server's pool.
pub enum Connection {
    Own(Box<Client>),
    Pooled(
        Box<r2d2::PooledConnection<r2d2_postgres::PostgresConnectionManager<MakeRustlsConnect>>>,
    ),
}

impl Connection {
    fn client(&mut self) -> &mut Client {
        match self {
            Connection::Own(c) => c,
            Connection::Pooled(c) => c,
        }
    }
}

pub struct PgStore {
    // `Store`'s readers take `&self`; the driver's calls take `&mut`.
    conn: RefCell<Connection>,
}

/// The connection settings of `url` and the TLS it asks for (see [`tls`]), or an error that
/// says what is wrong with it.
pub fn config(url: &str) -> Result<(::postgres::Config, MakeRustlsConnect), StoreError> {
    tls::config_and_tls(url)
}

fn parse_config(url: &str) -> Result<::postgres::Config, StoreError> {
    url.parse::<::postgres::Config>().map_err(|e| {
        StoreError::Location(format!(
            "not a valid PostgreSQL address ({}); expected \
             postgres://user[:password]@host[:port]/dbname",
            innermost(&e)
        ))
    })
}

/// The most specific message in an error's chain: the driver wraps an I/O or parse error in
/// a generic one whose text says less.
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

/// The server's own words for an error it reported (with its detail and hint), else the most
/// specific message of the error's chain.
pub fn describe(e: &::postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut out = format!("{}: {}", db.severity(), db.message());
            for extra in [db.detail(), db.hint()].into_iter().flatten() {
                out.push_str(" (");
                out.push_str(extra);
                out.push(')');
            }
            out
        }
        None => innermost(e),
    }
}

/// Says why a connection failed: the server's own words when it refused (a wrong password,
/// an unknown database), else why it could not be reached.
fn connect_error(e: ::postgres::Error) -> StoreError {
    match e.as_db_error() {
        Some(db) => StoreError::Location(format!(
            "the PostgreSQL server refused the connection: {}",
            db.message()
        )),
        None if e.is_closed() || e.source().is_none() => StoreError::Postgres(e),
        None if tls::is_tls_error(&e) => StoreError::Location(format!(
            "TLS with the PostgreSQL server failed: {} (sslmode=verify-full checks the \
             server's certificate against sslrootcert, else the built-in roots)",
            innermost(&e)
        )),
        None => StoreError::Location(format!(
            "cannot reach the PostgreSQL server: {}",
            innermost(&e)
        )),
    }
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user[:password]@host[:port]/dbname`).
    pub fn connect(url: &str, access: Access) -> Result<Self, StoreError> {
        let (cfg, tls) = session_settings(url, access)?;
        let mut client = cfg.connect(tls).map_err(connect_error)?;
        if access == Access::Write {
            // The memory the search index's pending-list merges may use in this session: the
            // default 4 MB splits each merge into many small passes.
            client.batch_execute("SET work_mem = '64MB'")?;
        }
        migrate(&mut client, access)?;
        Ok(Self {
            conn: RefCell::new(Connection::Own(Box::new(client))),
        })
    }

    /// A store over a connection from `pool`, whose schema was checked when the pool was made.
    pub fn pooled(pool: &Pool) -> Result<Self, StoreError> {
        let conn = pool
            .get()
            .map_err(|e| StoreError::Location(format!("no database connection: {e}")))?;
        Ok(Self {
            conn: RefCell::new(Connection::Pooled(Box::new(conn))),
        })
    }

    /// A pool of read-only connections for the server. The schema is not checked here: the
    /// caller opens the store once with [`Access::ReadOnly`] for that.
    pub fn read_only_pool(url: &str, size: u32) -> Result<Pool, StoreError> {
        let (cfg, tls) = session_settings(url, Access::ReadOnly)?;
        r2d2::Pool::builder()
            .max_size(size)
            .build(r2d2_postgres::PostgresConnectionManager::new(cfg, tls))
            .map_err(|e| StoreError::Location(format!("no database connection: {e}")))
    }

    fn client(&self) -> std::cell::RefMut<'_, Client> {
        std::cell::RefMut::map(self.conn.borrow_mut(), Connection::client)
    }
}

/// The settings of one session at `url`: a connect timeout unless the address sets one, and
/// read-only transactions for [`Access::ReadOnly`].
fn session_settings(
    url: &str,
    access: Access,
) -> Result<(::postgres::Config, MakeRustlsConnect), StoreError> {
    let (mut cfg, tls) = config(url)?;
    if cfg.get_connect_timeout().is_none() {
        cfg.connect_timeout(std::time::Duration::from_secs(10));
    }
    if access == Access::ReadOnly {
        cfg.options("-c default_transaction_read_only=on");
    }
    Ok((cfg, tls))
}

/// The schema version recorded in the database; `None` where it holds no lianghui schema.
fn schema_version(client: &mut impl ::postgres::GenericClient) -> Result<Option<i64>, StoreError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('lianghui_schema') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(None);
    }
    let row = client.query_opt("SELECT version FROM lianghui_schema", &[])?;
    Ok(Some(row.map_or(0, |r| r.get::<_, i32>(0) as i64)))
}

fn migrate(client: &mut Client, access: Access) -> Result<(), StoreError> {
    let known = MIGRATIONS.len() as i64;
    let encoding: String = client.query_one("SHOW server_encoding", &[])?.get(0);
    if encoding != "UTF8" {
        return Err(StoreError::Schema(format!(
            "the database's encoding is {encoding}; lianghui needs UTF8 \
             (CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0)"
        )));
    }
    let found = schema_version(client)?;
    match (access, found) {
        (_, Some(v)) if v > known => return Err(newer(v, known)),
        (_, Some(v)) if v == known => return Ok(()),
        (Access::Write, _) => {}
        (Access::Existing, Some(_)) => {}
        (Access::Existing | Access::ReadOnly, None) => {
            return Err(StoreError::Schema(
                "holds no lianghui corpus (create it with `lianghui ingest --db …`)".into(),
            ))
        }
        (Access::ReadOnly, Some(v)) => {
            return Err(StoreError::Schema(format!(
                "schema version {v}, expected {known} (run `lianghui ingest` once to migrate)"
            )))
        }
    }
    let mut tx = client.transaction()?;
    // Several processes may start at once on a new database: one migrates, the others wait
    // here and then find the work done.
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS lianghui_schema (version INTEGER NOT NULL)")?;
    let version = schema_version(&mut tx)?.unwrap_or(0);
    if version > known {
        return Err(newer(version, known));
    }
    if version == 0 {
        // Never write into, or read as ours, tables of the same names that something else made.
        let taken: Option<String> = tx
            .query_one(
                "SELECT string_agg(t, ', ') FROM unnest(ARRAY['documents', 'articles', 'blocks',
                 'facts']) AS t WHERE to_regclass(t) IS NOT NULL",
                &[],
            )?
            .get(0);
        if let Some(taken) = taken {
            return Err(StoreError::Schema(format!(
                "holds tables that lianghui did not make ({taken}); give lianghui a database \
                 of its own"
            )));
        }
    }
    for sql in MIGRATIONS.iter().skip(version as usize) {
        tx.batch_execute(sql)?;
    }
    tx.execute("DELETE FROM lianghui_schema", &[])?;
    tx.execute(
        "INSERT INTO lianghui_schema (version) VALUES ($1)",
        &[&(known as i32)],
    )?;
    tx.commit()?;
    Ok(())
}

fn newer(found: i64, known: i64) -> StoreError {
    StoreError::Schema(format!(
        "schema version {found} is newer than this lianghui knows ({known}); use a newer lianghui"
    ))
}

/// The keys of the Han bigrams among search tokens, sorted and without repeats: what the
/// index looks up. Latin words and numbers are left to the substring test, which also finds
/// parts of them.
fn bigrams(tokens: &str) -> Vec<i32> {
    let mut keys: Vec<i32> = tokens
        .split(' ')
        .filter_map(|t| {
            let mut cs = t.chars();
            match (cs.next(), cs.next(), cs.next()) {
                (Some(a), Some(b), None)
                    if crate::extract::is_han(a) && crate::extract::is_han(b) =>
                {
                    Some(bigram_key(a, b))
                }
                _ => None,
            }
        })
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A bigram as one positive `i32`: exact for two characters of the basic CJK block (20,992
/// of them, 440 million pairs), hashed above that range for the rarer ones. A shared key only
/// lets a block through to the substring test, which settles it.
fn bigram_key(a: char, b: char) -> i32 {
    const BASE: u32 = 0x4E00;
    const SIZE: u32 = 0x9FFF - BASE + 1;
    let basic = |c: char| (BASE..BASE + SIZE).contains(&(c as u32));
    if basic(a) && basic(b) {
        ((a as u32 - BASE) * SIZE + (b as u32 - BASE)) as i32
    } else {
        let rest = i32::MAX as u64 - (SIZE * SIZE) as u64;
        ((SIZE * SIZE) as u64 + ((a as u64) << 21 | b as u64) % rest) as i32
    }
}

/// Column vectors for one multi-row insert per table: a batch costs a few round trips
/// instead of one per row.
#[derive(Default)]
struct Rows {
    a_doc: Vec<i64>,
    a_idx: Vec<i64>,
    a_kind: Vec<&'static str>,
    a_title: Vec<Option<String>>,
    a_subtitle: Vec<Option<String>>,
    a_speaker: Vec<Option<String>>,
    a_authors: Vec<String>,
    a_date: Vec<Option<String>>,
    a_region: Vec<Option<String>>,
    a_on: Vec<Option<String>>,
    a_from: Vec<Option<String>>,

    b_doc: Vec<i64>,
    b_article: Vec<i64>,
    b_idx: Vec<i64>,
    b_type: Vec<&'static str>,
    b_level: Vec<Option<i64>>,
    b_runin: Vec<Option<bool>>,
    b_text: Vec<String>,
    b_path: Vec<String>,
    b_lines: [Vec<i64>; 4],
    b_bigrams: Vec<String>,

    f_doc: Vec<i64>,
    f_article: Vec<i64>,
    f_block: Vec<i64>,
    f_text: Vec<String>,
    f_value: Vec<f64>,
    f_high: Vec<Option<f64>>,
    f_unit: Vec<String>,
    f_qualifier: Vec<&'static str>,
    f_measure: Vec<&'static str>,
    f_direction: Vec<Option<&'static str>>,
    f_kind: Vec<&'static str>,
    f_region: Vec<Option<String>>,
    f_indicator: Vec<String>,
    f_code: Vec<Option<String>>,
    f_year: Vec<Option<i32>>,
    f_optional: Vec<bool>,
    f_sentence: Vec<String>,
    f_start: Vec<i64>,
    f_end: Vec<i64>,
    f_line: Vec<i64>,
    f_page: Vec<Option<i64>>,
    f_x: Vec<Option<f64>>,
    f_y: Vec<Option<f64>>,
    f_period: Vec<Option<String>>,
    f_region_code: Vec<Option<String>>,
}

impl Rows {
    fn add(&mut self, doc_id: i64, doc: &IngestDoc) {
        let mut block_no = 0;
        for (ai, a) in doc.document.articles.iter().enumerate() {
            self.a_doc.push(doc_id);
            self.a_idx.push(ai as i64);
            self.a_kind.push(a.kind.as_str());
            self.a_title.push(a.title.clone());
            self.a_subtitle.push(a.subtitle.clone());
            self.a_speaker.push(a.speaker.clone());
            self.a_authors
                .push(serde_json::to_string(&a.authors).unwrap_or_else(|_| "[]".into()));
            self.a_date.push(a.date.clone());
            self.a_region.push(a.region.clone());
            self.a_on.push(a.continued_on.clone());
            self.a_from.push(a.continued_from.clone());
            let paths = heading_paths(a);
            for (bi, (b, path)) in a.blocks.iter().zip(paths).enumerate() {
                self.b_doc.push(doc_id);
                self.b_article.push(ai as i64);
                self.b_idx.push(bi as i64);
                self.b_type.push(if b.kind == BlockType::Heading {
                    "heading"
                } else {
                    "paragraph"
                });
                self.b_level.push(b.level.map(i64::from));
                self.b_runin.push(b.runin);
                self.b_text.push(b.printed_text().to_owned());
                self.b_path.push(path);
                self.b_lines[0].push(b.span.line_start as i64);
                self.b_lines[1].push(b.span.line_end as i64);
                self.b_lines[2].push(b.span.byte_start as i64);
                self.b_lines[3].push(b.span.byte_end as i64);
                let tokens = match doc.search_tokens.get(block_no) {
                    Some(t) => bigrams(t),
                    None => bigrams(&search_tokens(b.printed_text())),
                };
                let keys: Vec<String> = tokens.iter().map(i32::to_string).collect();
                self.b_bigrams.push(keys.join(" "));
                block_no += 1;
            }
        }
        for f in &doc.facts {
            self.f_doc.push(doc_id);
            self.f_article.push(f.article as i64);
            self.f_block.push(f.block as i64);
            self.f_text.push(f.text.clone());
            self.f_value.push(f.value);
            self.f_high.push(f.value_high);
            self.f_unit.push(f.unit.clone());
            self.f_qualifier.push(f.qualifier.as_str());
            self.f_measure.push(f.measure.as_str());
            self.f_direction.push(f.direction.map(Direction::as_str));
            self.f_kind.push(f.kind.as_str());
            self.f_region.push(f.region.clone());
            self.f_indicator.push(f.indicator.clone());
            self.f_code.push(f.code.clone());
            self.f_year.push(f.year);
            self.f_optional.push(f.optional);
            self.f_sentence.push(f.sentence.clone());
            self.f_start.push(f.char_start as i64);
            self.f_end.push(f.char_end as i64);
            self.f_line.push(f.line as i64);
            self.f_page.push(f.page.map(i64::from));
            self.f_x.push(f.page_xy.map(|p| p[0]));
            self.f_y.push(f.page_xy.map(|p| p[1]));
            self.f_period.push(f.period.map(|p| p.to_string()));
            self.f_region_code.push(f.region_code.clone());
        }
    }

    fn write(&self, tx: &mut Transaction) -> Result<(), StoreError> {
        if !self.a_doc.is_empty() {
            tx.execute(
                "INSERT INTO articles (doc_id, idx, kind, title, subtitle, speaker, authors, date,
                     region, continued_on, continued_from)
                 SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[],
                     $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::text[])",
                &[
                    &self.a_doc,
                    &self.a_idx,
                    &self.a_kind,
                    &self.a_title,
                    &self.a_subtitle,
                    &self.a_speaker,
                    &self.a_authors,
                    &self.a_date,
                    &self.a_region,
                    &self.a_on,
                    &self.a_from,
                ],
            )?;
        }
        if !self.b_doc.is_empty() {
            // The bigram keys travel as one string a block: UNNEST cannot take an array of
            // arrays.
            tx.execute(
                "INSERT INTO blocks (doc_id, article_idx, idx, type, level, runin, text,
                     heading_path, line_start, line_end, byte_start, byte_end, bigrams)
                 SELECT d, a, i, t, l, r, x, h, ls, le, bs, be,
                        COALESCE(string_to_array(NULLIF(g, ''), ' ')::integer[], '{}')
                 FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::text[],
                     $5::bigint[], $6::boolean[], $7::text[], $8::text[], $9::bigint[],
                     $10::bigint[], $11::bigint[], $12::bigint[], $13::text[])
                     AS u(d, a, i, t, l, r, x, h, ls, le, bs, be, g)",
                &[
                    &self.b_doc,
                    &self.b_article,
                    &self.b_idx,
                    &self.b_type,
                    &self.b_level,
                    &self.b_runin,
                    &self.b_text,
                    &self.b_path,
                    &self.b_lines[0],
                    &self.b_lines[1],
                    &self.b_lines[2],
                    &self.b_lines[3],
                    &self.b_bigrams,
                ],
            )?;
        }
        if !self.f_doc.is_empty() {
            tx.execute(
                "INSERT INTO facts (doc_id, article_idx, block_idx, text, value, value_high, unit,
                     qualifier, measure, direction, kind, region, indicator, code, year, optional,
                     sentence, char_start, char_end, line, page, page_x, page_y, period,
                     region_code)
                 SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::text[],
                     $5::float8[], $6::float8[], $7::text[], $8::text[], $9::text[], $10::text[],
                     $11::text[], $12::text[], $13::text[], $14::text[], $15::int[],
                     $16::boolean[], $17::text[], $18::bigint[], $19::bigint[], $20::bigint[],
                     $21::bigint[], $22::float8[], $23::float8[], $24::text[], $25::text[])",
                &[
                    &self.f_doc,
                    &self.f_article,
                    &self.f_block,
                    &self.f_text,
                    &self.f_value,
                    &self.f_high,
                    &self.f_unit,
                    &self.f_qualifier,
                    &self.f_measure,
                    &self.f_direction,
                    &self.f_kind,
                    &self.f_region,
                    &self.f_indicator,
                    &self.f_code,
                    &self.f_year,
                    &self.f_optional,
                    &self.f_sentence,
                    &self.f_start,
                    &self.f_end,
                    &self.f_line,
                    &self.f_page,
                    &self.f_x,
                    &self.f_y,
                    &self.f_period,
                    &self.f_region_code,
                ],
            )?;
        }
        Ok(())
    }
}

/// Writes `docs` in one transaction; the caller retries it whole on a deadlock.
fn write_batch(client: &mut Client, docs: &[&IngestDoc]) -> Result<Vec<IngestOutcome>, StoreError> {
    let mut tx = client.transaction()?;
    let mut rows = Rows::default();
    let mut outcomes = Vec::with_capacity(docs.len());
    for doc in docs {
        // Held until commit: another writer of the same path waits here, then sees this
        // transaction's document and finds it unchanged.
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))",
            &[&doc.path],
        )?;
        let old = tx.query_opt(
            "SELECT id, hash FROM documents WHERE path = $1",
            &[&doc.path],
        )?;
        let outcome = match old {
            Some(row) if row.get::<_, String>(1) == doc.hash => {
                outcomes.push(IngestOutcome::Unchanged);
                continue;
            }
            Some(row) => {
                tx.execute(
                    "DELETE FROM documents WHERE id = $1",
                    &[&row.get::<_, i64>(0)],
                )?;
                IngestOutcome::Replaced
            }
            None => IngestOutcome::Added,
        };
        let doc_id: i64 = tx
            .query_one(
                "INSERT INTO documents (path, hash, bytes, encoding, n_articles, n_facts, url)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                &[
                    &doc.path,
                    &doc.hash,
                    &(doc.bytes as i64),
                    &doc.encoding,
                    &(doc.document.articles.len() as i64),
                    &(doc.facts.len() as i64),
                    &doc.document.url,
                ],
            )?
            .get(0);
        rows.add(doc_id, doc);
        outcomes.push(outcome);
    }
    rows.write(&mut tx)?;
    tx.commit()?;
    Ok(outcomes)
}

fn is_retryable(e: &StoreError) -> bool {
    matches!(e, StoreError::Postgres(pe)
        if pe.code() == Some(&SqlState::T_R_DEADLOCK_DETECTED)
            || pe.code() == Some(&SqlState::T_R_SERIALIZATION_FAILURE)
            || pe.code() == Some(&SqlState::UNIQUE_VIOLATION))
}

impl PgStore {
    /// Stores several whole documents in one transaction.
    fn write_many(&mut self, docs: &[IngestDoc]) -> Result<Vec<IngestOutcome>, StoreError> {
        // Locks are taken in path order, so two writers can never wait on each other in a
        // circle; a deadlock is still possible with foreign processes and is retried.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        order.sort_by(|&a, &b| docs[a].path.cmp(&docs[b].path));
        let sorted: Vec<&IngestDoc> = order.iter().map(|&i| &docs[i]).collect();
        let mut client = self.client();
        let mut attempt = 0;
        let outcomes = loop {
            match write_batch(&mut client, &sorted) {
                Err(e) if attempt < 5 && is_retryable(&e) => attempt += 1,
                other => break other?,
            }
        };
        let mut in_input_order = vec![IngestOutcome::Unchanged; docs.len()];
        for (o, i) in outcomes.into_iter().zip(order) {
            in_input_order[i] = o;
        }
        Ok(in_input_order)
    }
}

impl Store for PgStore {
    fn ingest(&mut self, doc: &IngestDoc) -> Result<IngestOutcome, StoreError> {
        Ok(self.write_many(std::slice::from_ref(doc))?[0])
    }

    fn ingest_many(&mut self, docs: Vec<IngestDoc>) -> Result<Vec<IngestOutcome>, StoreError> {
        self.write_many(&docs)
    }

    fn documents(&self) -> Result<Vec<DocumentRow>, StoreError> {
        let rows = self.client().query(
            "SELECT id, path, hash, bytes, encoding, n_articles, n_facts, ingested_at, url
             FROM documents ORDER BY path",
            &[],
        )?;
        Ok(rows
            .iter()
            .map(|r| DocumentRow {
                id: r.get(0),
                path: r.get(1),
                hash: r.get(2),
                bytes: r.get(3),
                encoding: r.get(4),
                articles: r.get(5),
                facts: r.get(6),
                ingested_at: r.get(7),
                url: r.get(8),
            })
            .collect())
    }

    fn facts(&self, filter: &FactFilter) -> Result<Vec<StoredFact>, StoreError> {
        let dialect = Dialect {
            contains: "strpos",
            placeholder: |n| format!("${n}"),
            path_order: "d.path COLLATE \"C\"",
        };
        let (sql, values) = fact_query(filter, &dialect);
        let args: Vec<Box<dyn ToSql + Sync>> = values
            .into_iter()
            .map(|v| -> Box<dyn ToSql + Sync> {
                match v {
                    FilterValue::Text(t) => Box::new(t),
                    FilterValue::Int32(i) => Box::new(i),
                    FilterValue::Int64(i) => Box::new(i),
                }
            })
            .collect();
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|b| b.as_ref()).collect();
        let rows = self.client().query(&sql, &params)?;
        rows.iter().map(stored_fact).collect()
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let tokens = search_tokens(query);
        if tokens.is_empty() {
            return Ok(Vec::new());
        }
        let needle = query.trim();
        let terms = bigrams(&tokens);
        let limit = limit as i64;
        // The index narrows the blocks to those holding every bigram; the substring test keeps
        // those holding the query itself. A query with no Han bigram (one character, a Latin
        // word, a number) is a scan. Rank: matches per block, weighed down by its length.
        let select = "SELECT b.doc_id, d.path, b.article_idx, a.title, b.idx, b.heading_path,
                    b.text, b.line_start,
                    -((char_length(b.text) - char_length(replace(lower(b.text), lower($1), '')))
                      / char_length($1))::float8 / ln(char_length(b.text) + 2.0) AS rank
             FROM blocks b JOIN documents d ON d.id = b.doc_id
             JOIN articles a ON a.doc_id = b.doc_id AND a.idx = b.article_idx
             WHERE strpos(lower(b.text), lower($1)) > 0";
        let order = " ORDER BY rank, d.path COLLATE \"C\", b.article_idx, b.idx LIMIT $2";
        let mut client = self.client();
        let rows = if terms.is_empty() {
            client.query(&format!("{select}{order}"), &[&needle, &limit])?
        } else {
            client.query(
                &format!("{select} AND b.bigrams @> $3::integer[]{order}"),
                &[&needle, &limit, &terms],
            )?
        };
        Ok(rows
            .iter()
            .map(|r| {
                let text: String = r.get(6);
                SearchHit {
                    doc_id: r.get(0),
                    path: r.get(1),
                    article: r.get(2),
                    article_title: r.get(3),
                    block: r.get(4),
                    heading_path: r.get(5),
                    snippet: snippet(&text, needle),
                    line: r.get(7),
                    rank: r.get(8),
                }
            })
            .collect())
    }

    fn articles(&self, doc_id: i64) -> Result<Vec<StoredArticle>, StoreError> {
        let mut client = self.client();
        let path: String = client
            .query_opt("SELECT path FROM documents WHERE id = $1", &[&doc_id])?
            .ok_or_else(|| StoreError::Corrupt(format!("no document {doc_id}")))?
            .get(0);
        let mut articles: Vec<StoredArticle> = client
            .query(
                "SELECT idx, kind, title, subtitle, speaker, authors, date, region, continued_on,
                        continued_from FROM articles WHERE doc_id = $1 ORDER BY idx",
                &[&doc_id],
            )?
            .iter()
            .map(|r| StoredArticle {
                doc_id,
                path: path.clone(),
                index: r.get(0),
                article: Article {
                    kind: parse_kind(r.get(1)),
                    title: r.get(2),
                    subtitle: r.get(3),
                    speaker: r.get(4),
                    authors: serde_json::from_str(r.get(5)).unwrap_or_default(),
                    date: r.get(6),
                    region: r.get(7),
                    continued_on: r.get(8),
                    continued_from: r.get(9),
                    year: None,
                    warnings: Vec::new(),
                    blocks: Vec::new(),
                },
            })
            .collect();
        let blocks = client.query(
            "SELECT article_idx, type, level, runin, text, line_start, line_end, byte_start,
                    byte_end FROM blocks WHERE doc_id = $1 ORDER BY article_idx, idx",
            &[&doc_id],
        )?;
        for r in &blocks {
            let ai: i64 = r.get(0);
            let block = Block {
                kind: if r.get::<_, &str>(1) == "heading" {
                    BlockType::Heading
                } else {
                    BlockType::Paragraph
                },
                level: r.get::<_, Option<i64>>(2).map(|l| l as u8),
                runin: r.get(3),
                section: None,
                period: None,
                text: r.get(4),
                span: Span {
                    line_start: r.get::<_, i64>(5) as u32,
                    line_end: r.get::<_, i64>(6) as u32,
                    byte_start: r.get::<_, i64>(7) as usize,
                    byte_end: r.get::<_, i64>(8) as usize,
                },
                line_map: Vec::new(),
                printed: None,
            };
            if let Some(a) = articles.iter_mut().find(|a| a.index == ai) {
                a.article.blocks.push(block);
            }
        }
        Ok(articles)
    }

    fn check_consistency(&self) -> Result<(), StoreError> {
        let broken = self.client().query_opt(
            "SELECT d.path FROM documents d
             WHERE d.n_facts != (SELECT count(*) FROM facts f WHERE f.doc_id = d.id)
                OR d.n_articles != (SELECT count(*) FROM articles a WHERE a.doc_id = d.id)
             LIMIT 1",
            &[],
        )?;
        match broken {
            Some(row) => Err(StoreError::Corrupt(format!(
                "{} is stored in part",
                row.get::<_, String>(0)
            ))),
            None => Ok(()),
        }
    }
}

fn stored_fact(r: &Row) -> Result<StoredFact, StoreError> {
    let bad = |what: &str, v: &str| StoreError::Corrupt(format!("unknown {what} {v:?}"));
    let qualifier: &str = r.get(11);
    let measure: &str = r.get(12);
    let direction: Option<&str> = r.get(13);
    let kind: &str = r.get(14);
    Ok(StoredFact {
        id: r.get(0),
        doc_id: r.get(1),
        path: r.get(2),
        article_kind: r.get(3),
        article_title: r.get(4),
        article_region: r.get(24),
        fact: Fact {
            article: r.get::<_, i64>(5) as usize,
            block: r.get::<_, i64>(6) as usize,
            text: r.get(7),
            value: r.get(8),
            value_high: r.get(9),
            unit: r.get(10),
            qualifier: Qualifier::parse(qualifier).ok_or_else(|| bad("qualifier", qualifier))?,
            measure: Measure::parse(measure).ok_or_else(|| bad("measure", measure))?,
            direction: direction.and_then(Direction::parse),
            kind: FactKind::parse(kind).ok_or_else(|| bad("kind", kind))?,
            region: r.get(15),
            region_code: r.get(29),
            indicator: r.get(16),
            code: r.get(17),
            year: r.get(18),
            period: r
                .get::<_, Option<&str>>(28)
                .map(|p| Period::parse(p).ok_or_else(|| bad("period", p)))
                .transpose()?,
            optional: r.get(19),
            sentence: r.get(20),
            char_start: r.get::<_, i64>(21) as usize,
            char_end: r.get::<_, i64>(22) as usize,
            line: r.get::<_, i64>(23) as u32,
            page: r.get::<_, Option<i64>>(25).map(|p| p as u32),
            page_xy: match (r.get::<_, Option<f64>>(26), r.get::<_, Option<f64>>(27)) {
                (Some(x), Some(y)) => Some([x, y]),
                _ => None,
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_han_bigrams_are_index_terms() {
        let key = |s: &str| {
            let c: Vec<char> = s.chars().collect();
            bigram_key(c[0], c[1])
        };
        let mut want = vec![key("年均"), key("均浓"), key("浓度")];
        want.sort_unstable();
        assert_eq!(bigrams("pm2.5 年均 均浓 浓度 年均"), want);
        assert_eq!(bigrams("省 市"), Vec::<i32>::new());
        assert_eq!(bigrams(""), Vec::<i32>::new());
    }

    #[test]
    fn bigram_keys_are_exact_in_the_basic_block_and_positive_everywhere() {
        assert_eq!(bigram_key('\u{4E00}', '\u{4E00}'), 0);
        assert_eq!(bigram_key('\u{4E00}', '\u{4E01}'), 1);
        assert_eq!(bigram_key('\u{9FFF}', '\u{9FFF}'), 20_992 * 20_992 - 1);
        assert_ne!(bigram_key('山', '西'), bigram_key('西', '山'));
        for (a, b) in [
            ('\u{3400}', '山'),
            ('山', '\u{2A6DF}'),
            ('\u{F900}', '\u{2EBE0}'),
        ] {
            let k = bigram_key(a, b);
            assert!(k >= 20_992 * 20_992, "{a}{b}: {k}");
        }
    }

    #[test]
    fn a_bad_address_is_named_as_such() {
        let e = config("postgres://a:b@host:notaport/db").err().unwrap();
        assert!(
            e.to_string().contains("not a valid PostgreSQL address"),
            "{e}"
        );
    }
}
