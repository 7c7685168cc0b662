//! The SQLite store: one file, WAL journal, one transaction per document, FTS5 over bigrams.

mod search_index;

use super::*;
use crate::extract::{Direction, FactKind, Measure, Qualifier};
use crate::structure::{Article, ArticleKind, Block, BlockType, Period, Span};
use rusqlite::{params, Connection, OptionalExtension, Row};
use search_index::{Change, DocTokens, Indexer, Work};
use std::path::Path;

/// Schema versions, applied in order; `PRAGMA user_version` records how many ran.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    encoding TEXT NOT NULL,
    n_articles INTEGER NOT NULL,
    n_facts INTEGER NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX documents_hash ON documents(hash);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT, subtitle TEXT, speaker TEXT,
    authors TEXT NOT NULL,
    date TEXT, region TEXT, continued_on TEXT, continued_from TEXT,
    UNIQUE (doc_id, idx)
);
CREATE TABLE blocks (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    article_idx INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    level INTEGER, runin INTEGER,
    text TEXT NOT NULL,
    heading_path TEXT NOT NULL,
    line_start INTEGER NOT NULL, line_end INTEGER NOT NULL,
    byte_start INTEGER NOT NULL, byte_end INTEGER NOT NULL
);
CREATE INDEX blocks_doc ON blocks(doc_id, article_idx, idx);
CREATE VIRTUAL TABLE blocks_fts USING fts5(tokens, content='', contentless_delete=1, detail=none,
    tokenize='ascii');
CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    article_idx INTEGER NOT NULL,
    block_idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    value_high REAL,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    measure TEXT NOT NULL,
    direction TEXT,
    kind TEXT NOT NULL,
    region TEXT,
    indicator TEXT NOT NULL,
    code TEXT,
    year INTEGER,
    optional INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    line INTEGER NOT NULL
);
CREATE INDEX facts_code ON facts(code, kind, year);
CREATE INDEX facts_region ON facts(region, year);
CREATE INDEX facts_doc ON facts(doc_id);
"#,
    r#"
-- Version 2: where a fact stands on a PDF's page; the address a web page gives.
ALTER TABLE facts ADD COLUMN page INTEGER;
ALTER TABLE facts ADD COLUMN page_x REAL;
ALTER TABLE facts ADD COLUMN page_y REAL;
ALTER TABLE documents ADD COLUMN url TEXT;
"#,
    r#"
-- Version 3: the span of years a five-year figure is about ("2021-2025"; NULL for one year).
ALTER TABLE facts ADD COLUMN period TEXT;
-- and the official code of the fact's region ("130000"; "000000" for the whole country).
ALTER TABLE facts ADD COLUMN region_code TEXT;
"#,
    r#"
-- Version 4: the full-text index moves to a file of its own (search_index.rs), rebuilt there by
-- the next write.
DROP TABLE IF EXISTS blocks_fts;
"#,
];

/// Longest wait for another process's lock on the database, as `busy_timeout` gives.
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Puts the database in WAL mode. A new database changes mode under an exclusive lock, and
/// SQLite answers "busy" at once, without the busy handler, while another process that opened
/// it at the same moment holds a lock: the change is tried again until the wait is over.
fn set_wal(conn: &Connection) -> Result<(), StoreError> {
    let start = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && start.elapsed() < LOCK_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            other => return other.map(drop).map_err(StoreError::from),
        }
    }
}

fn check_not_newer(version: i64) -> Result<(), StoreError> {
    if version as usize > MIGRATIONS.len() {
        return Err(StoreError::Schema(format!(
            "schema version {version} is newer than this lianghui knows ({}); use a newer \
             lianghui",
            MIGRATIONS.len()
        )));
    }
    Ok(())
}

pub struct SqliteStore {
    /// Declared first: closed before the indexer in `search_index` is waited for (see `Drop`).
    conn: Connection,
    /// Where the database lies on disk; `None` in memory.
    path: Option<std::path::PathBuf>,
    /// Started by the first commit of a store opened on a file.
    checkpointer: Option<Checkpointer>,
    search_index: SearchIndex,
    /// What the indexer's thread could not write.
    problems: BackgroundProblems,
}

/// Where a store's full-text index is kept and how it is written.
enum SearchIndex {
    /// Attached to the store's own connection and written inside its transactions: a store in
    /// memory, whose index cannot be a file.
    Attached,
    /// The file beside a database opened only to read: searches read it, nothing writes it.
    Read(std::path::PathBuf),
    /// The file beside a database opened to write, written by the indexer's thread, which the
    /// first write starts (`None` until then).
    Written {
        path: std::path::PathBuf,
        indexer: Option<Indexer>,
    },
}

/// Page size of a new database (SQLite's default is 4 KiB; an existing database keeps its
/// own). A quarter as many pages means a quarter as many log frames, each written with two
/// system calls, and fewer overflow pages for long paragraphs and sentences: ingest takes a
/// tenth less time on one core and on two. The price is in reads that jump from an index to
/// rows: a cold `compare` over 20 MB of reports takes 43 ms instead of 34.
const PAGE_SIZE: i64 = 16_384;

/// Size of write-ahead log past which the writer checkpoints it itself (SQLite's automatic
/// checkpoint, after every commit at 1000 pages). With the checkpointer copying the pages
/// meanwhile, the log only starts over from its beginning when a checkpoint that the writer
/// runs finds everything copied: this bounds the log a long ingest leaves on disk to 64 MiB
/// and a batch.
const WRITER_CHECKPOINT_BYTES: i64 = 64 << 20;

/// The same, until the checkpointer takes over (or where it cannot start): 32 MiB of log
/// rather than SQLite's 4, as fewer checkpoints leave the writer more time for rows.
const SOLE_WRITER_CHECKPOINT_BYTES: i64 = 32 << 20;

/// Settings of a connection that writes, the database's or the search index's.
fn set_up_for_writing(conn: &Connection) -> Result<(), StoreError> {
    // Long enough for another process's batch to commit.
    conn.busy_timeout(LOCK_WAIT)?;
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    // WAL: readers (the server) never block the writer, and a killed writer leaves the last
    // committed state. With `NORMAL`, a commit is not synced, only a checkpoint: a power cut
    // may lose the last commits, never the file.
    set_wal(conn)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // A larger page cache keeps the full-text index's merges in memory during ingest.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

/// A transaction that takes the write lock at once: a second writer (another `ingest`
/// process, on the database or on the search index) then waits its turn in the busy handler,
/// where a deferred transaction that read first would be refused outright when it came to
/// write.
fn write_transaction(conn: &mut Connection) -> rusqlite::Result<rusqlite::Transaction<'_>> {
    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
}

/// The database's page size, which log sizes in pages are counted in.
fn page_size(conn: &Connection) -> Result<i64, StoreError> {
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    Ok(size.max(512))
}

/// Copies committed pages from the write-ahead log into the database on a thread of its own.
/// A checkpoint ends in two `fsync`s, each up to a tenth of a second on a virtual disk: run
/// by the writer (SQLite's automatic checkpoint) they stopped it, and the parsing threads
/// that wait on it, for a fifth of a two-core ingest.
struct Checkpointer {
    wake: std::sync::mpsc::SyncSender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Checkpointer {
    /// `None` when a second connection or thread cannot be had: the writer then keeps
    /// SQLite's automatic checkpoint.
    fn start(path: &Path) -> Option<Self> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?;
        conn.busy_timeout(LOCK_WAIT).ok()?;
        conn.pragma_update(None, "wal_autocheckpoint", 0).ok()?;
        let (wake, woken) = std::sync::mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || {
                for () in woken {
                    // PASSIVE: copies what it can, never waiting for the writer. One that fails
                    // (busy, or the disk) leaves its frames in the log for the next checkpoint.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .ok()?;
        Some(Self { wake, thread })
    }

    /// Asks for a checkpoint; a request already waiting covers this one.
    fn nudge(&self) {
        let _ = self.wake.try_send(());
    }

    /// Waits for the checkpoint under way, so that the writer's connection closes last (the
    /// last connection to close removes the log).
    fn stop(self) {
        drop(self.wake);
        let _ = self.thread.join();
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        // The indexer finishes and closes the index while `conn` closes the database, each
        // ending in a checkpoint and its syncs: after the last batch these are all that is
        // left of an ingest, and run one after the other they left a core idle for a tenth of
        // a second. Fields drop in order, so `conn` closes before `search_index` drops and
        // waits for the indexer.
        if let SearchIndex::Written {
            indexer: Some(i), ..
        } = &mut self.search_index
        {
            i.finish();
        }
        if let Some(c) = self.checkpointer.take() {
            c.stop();
        }
    }
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::init(Connection::open(path)?, Some(path.to_owned()))
    }

    /// A private in-memory database, for tests.
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?, None)
    }

    /// Opens an existing database without write access, for the server.
    pub fn open_read_only(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.pragma_update(None, "query_only", true)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        check_not_newer(version)?;
        if version as usize != MIGRATIONS.len() {
            return Err(StoreError::Schema(format!(
                "schema version {version}, expected {} (run `lianghui ingest` once to migrate)",
                MIGRATIONS.len()
            )));
        }
        Ok(Self {
            conn,
            search_index: SearchIndex::Read(search_index::path_beside(path)),
            problems: BackgroundProblems::default(),
            path: None,
            checkpointer: None,
        })
    }

    /// `path`: where the database lies, for the checkpointer's connection; `None` in memory.
    fn init(mut conn: Connection, path: Option<std::path::PathBuf>) -> Result<Self, StoreError> {
        set_up_for_writing(&conn)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(
            None,
            "wal_autocheckpoint",
            SOLE_WRITER_CHECKPOINT_BYTES / page_size(&conn)?,
        )?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        check_not_newer(version)?;
        if (version as usize) < MIGRATIONS.len() {
            // Several processes may open a new database at once: the write lock first, then
            // the version read again, so that only one of them migrates.
            let tx = write_transaction(&mut conn)?;
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            check_not_newer(version)?;
            for sql in MIGRATIONS.iter().skip(version.max(0) as usize) {
                tx.execute_batch(sql)?;
            }
            tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
            tx.commit()?;
        }
        let search_index = match &path {
            Some(db) => SearchIndex::Written {
                path: search_index::path_beside(db),
                indexer: None,
            },
            None => {
                conn.execute(
                    &format!("ATTACH ':memory:' AS {}", search_index::ATTACHED),
                    [],
                )?;
                search_index::create(&conn, search_index::ATTACHED)?;
                SearchIndex::Attached
            }
        };
        Ok(Self {
            conn,
            path,
            checkpointer: None,
            search_index,
            problems: BackgroundProblems::default(),
        })
    }

    fn delete_document(tx: &rusqlite::Transaction, id: i64) -> Result<(), StoreError> {
        tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
        Ok(())
    }
}

pub(super) fn heading_paths(article: &Article) -> Vec<String> {
    let mut stack: Vec<(u8, &str)> = Vec::new();
    article
        .blocks
        .iter()
        .map(|b| {
            if b.kind == BlockType::Heading {
                let level = b.level.unwrap_or(1);
                stack.retain(|&(l, _)| l < level);
                stack.push((level, b.printed_text()));
            }
            stack
                .iter()
                .map(|&(_, t)| t)
                .collect::<Vec<_>>()
                .join(" > ")
        })
        .collect()
}

impl SqliteStore {
    /// After each commit: the log's pages go to the database on the checkpointer's thread,
    /// started with the first commit so that a store only read from has none.
    fn committed(&mut self) {
        if self.checkpointer.is_none() {
            let Some(path) = &self.path else { return };
            self.checkpointer = Checkpointer::start(path);
            if self.checkpointer.is_some() {
                // Should this fail, the writer checkpoints as often as before, only slower.
                if let Ok(size) = page_size(&self.conn) {
                    let frames = WRITER_CHECKPOINT_BYTES / size;
                    let _ = self.conn.pragma_update(None, "wal_autocheckpoint", frames);
                }
            }
        }
        if let Some(c) = &self.checkpointer {
            c.nudge();
        }
    }

    /// Before the first write of a store on a file: starts the indexer, which first brings the
    /// index level with the database.
    fn start_indexer(&mut self) -> Result<(), StoreError> {
        let SearchIndex::Written {
            path,
            indexer: indexer @ None,
        } = &mut self.search_index
        else {
            return Ok(());
        };
        let started = Indexer::start(path, &self.conn, &self.problems)
            .map_err(|e| StoreError::Location(format!("{}: {e}", path.display())))?;
        *indexer = Some(started);
        Ok(())
    }

    /// Writes one document inside the caller's transaction, and adds what its search index
    /// needs to `changes` (the tokens are taken from `doc`).
    fn write_document(
        tx: &rusqlite::Transaction,
        doc: &mut IngestDoc,
        changes: &mut Vec<Change>,
    ) -> Result<IngestOutcome, StoreError> {
        // A path is stored once (UNIQUE): its row tells both whether this content is stored
        // already and what a new version replaces.
        let stored: Option<(i64, bool)> = tx
            .prepare_cached("SELECT id, hash = ?2 FROM documents WHERE path = ?1")?
            .query_row(params![doc.path, doc.hash], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((_, true)) = stored {
            return Ok(IngestOutcome::Unchanged);
        }
        let old = stored.map(|(id, _)| id);
        if let Some(id) = old {
            Self::delete_document(tx, id)?;
            changes.push(Change::Forget(id));
        }
        tx.prepare_cached(
            "INSERT INTO documents (path, hash, bytes, encoding, n_articles, n_facts, url)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            doc.path,
            doc.hash,
            doc.bytes as i64,
            doc.encoding,
            doc.document.articles.len() as i64,
            doc.facts.len() as i64,
            doc.document.url
        ])?;
        let doc_id = tx.last_insert_rowid();
        {
            let mut art = tx.prepare_cached(
                "INSERT INTO articles (doc_id, idx, kind, title, subtitle, speaker, authors, date,
                 region, continued_on, continued_from) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
            )?;
            let mut blk = tx.prepare_cached(
                "INSERT INTO blocks (doc_id, article_idx, idx, type, level, runin, text,
                 heading_path, line_start, line_end, byte_start, byte_end)
                 VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
            )?;
            let mut tokens = std::mem::take(&mut doc.search_tokens).into_iter();
            let mut indexed = Vec::new();
            for (ai, a) in doc.document.articles.iter().enumerate() {
                let authors = serde_json::to_string(&a.authors).unwrap_or_else(|_| "[]".into());
                art.execute(params![
                    doc_id,
                    ai as i64,
                    a.kind.as_str(),
                    a.title,
                    a.subtitle,
                    a.speaker,
                    authors,
                    a.date,
                    a.region,
                    a.continued_on,
                    a.continued_from
                ])?;
                let paths = heading_paths(a);
                for (bi, b) in a.blocks.iter().enumerate() {
                    blk.execute(params![
                        doc_id,
                        ai as i64,
                        bi as i64,
                        if b.kind == BlockType::Heading {
                            "heading"
                        } else {
                            "paragraph"
                        },
                        b.level,
                        b.runin,
                        b.printed_text(),
                        paths[bi],
                        b.span.line_start,
                        b.span.line_end,
                        b.span.byte_start as i64,
                        b.span.byte_end as i64
                    ])?;
                    let block_tokens = tokens
                        .next()
                        .unwrap_or_else(|| search_tokens(b.printed_text()));
                    indexed.push((tx.last_insert_rowid(), block_tokens));
                }
            }
            changes.push(Change::Index(DocTokens {
                doc_id,
                hash: doc.hash.clone(),
                blocks: indexed,
            }));
            let mut fact = tx.prepare_cached(
                "INSERT INTO facts (doc_id, article_idx, block_idx, text, value, value_high, unit,
                 qualifier, measure, direction, kind, region, indicator, code, year, optional,
                 sentence, char_start, char_end, line, page, page_x, page_y, period, region_code)
                 VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,
                         ?21,?22,?23,?24,?25)",
            )?;
            for f in &doc.facts {
                fact.execute(params![
                    doc_id,
                    f.article as i64,
                    f.block as i64,
                    f.text,
                    f.value,
                    f.value_high,
                    f.unit,
                    f.qualifier.as_str(),
                    f.measure.as_str(),
                    f.direction.map(Direction::as_str),
                    f.kind.as_str(),
                    f.region,
                    f.indicator,
                    f.code,
                    f.year,
                    f.optional,
                    f.sentence,
                    f.char_start as i64,
                    f.char_end as i64,
                    f.line,
                    f.page,
                    f.page_xy.map(|p| p[0]),
                    f.page_xy.map(|p| p[1]),
                    f.period.map(|p| p.to_string()),
                    f.region_code
                ])?;
            }
        }
        Ok(if old.is_some() {
            IngestOutcome::Replaced
        } else {
            IngestOutcome::Added
        })
    }
}

/// Search hits of the blocks that `filter` keeps: the clauses after `FROM` of a query over
/// `blocks b` with their documents `d` and articles `a`.
fn search_rows(
    conn: &Connection,
    filter: &str,
    params: &[&dyn rusqlite::ToSql],
    needle: &str,
) -> Result<Vec<SearchHit>, StoreError> {
    let mut st = conn.prepare(&format!(
        "SELECT b.doc_id, d.path, b.article_idx, a.title, b.idx, b.heading_path, b.text,
                b.line_start
         FROM blocks b JOIN documents d ON d.id = b.doc_id
         JOIN articles a ON a.doc_id = b.doc_id AND a.idx = b.article_idx
         {filter}"
    ))?;
    let rows = st.query_map(params, |r| {
        let text: String = r.get(6)?;
        Ok(SearchHit {
            doc_id: r.get(0)?,
            path: r.get(1)?,
            article: r.get(2)?,
            article_title: r.get(3)?,
            block: r.get(4)?,
            heading_path: r.get(5)?,
            snippet: snippet(&text, needle),
            line: r.get(7)?,
            rank: 0.0,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Runs `f` with the index file at `path` attached to `conn` as `search`, and detaches it:
/// a write transaction would take the write lock on every attached file, the indexer's too.
pub(super) fn with_index_attached<T>(
    conn: &Connection,
    path: &Path,
    f: impl FnOnce(&Connection) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let name = path.to_str().ok_or_else(|| {
        StoreError::Location(format!("{}: the path is not UTF-8", path.display()))
    })?;
    conn.execute(&format!("ATTACH ?1 AS {}", search_index::ATTACHED), [name])?;
    let result = f(conn);
    let detached = conn.execute(&format!("DETACH {}", search_index::ATTACHED), []);
    let value = result?;
    detached?;
    Ok(value)
}

impl Store for SqliteStore {
    fn ingest(&mut self, doc: &IngestDoc) -> Result<IngestOutcome, StoreError> {
        Ok(self.ingest_many(vec![doc.clone()])?[0])
    }

    fn ingest_many(&mut self, mut docs: Vec<IngestDoc>) -> Result<Vec<IngestOutcome>, StoreError> {
        self.start_indexer()?;
        let attached = matches!(self.search_index, SearchIndex::Attached);
        let tx = write_transaction(&mut self.conn)?;
        let mut changes = Vec::new();
        let outcomes = docs
            .iter_mut()
            .map(|d| Self::write_document(&tx, d, &mut changes))
            .collect::<Result<Vec<_>, _>>()?;
        if attached {
            search_index::apply(&tx, search_index::ATTACHED, &changes)?;
        }
        tx.commit()?;
        self.committed();
        if let SearchIndex::Written {
            indexer: Some(indexer),
            ..
        } = &self.search_index
        {
            indexer.send(Work {
                changes,
                spent: docs,
            });
        }
        Ok(outcomes)
    }

    fn documents(&self) -> Result<Vec<DocumentRow>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT id, path, hash, bytes, encoding, n_articles, n_facts, ingested_at, url
             FROM documents ORDER BY path",
        )?;
        let rows = st.query_map([], |r| {
            Ok(DocumentRow {
                id: r.get(0)?,
                path: r.get(1)?,
                hash: r.get(2)?,
                bytes: r.get(3)?,
                encoding: r.get(4)?,
                articles: r.get(5)?,
                facts: r.get(6)?,
                ingested_at: r.get(7)?,
                url: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn facts(&self, filter: &FactFilter) -> Result<Vec<StoredFact>, StoreError> {
        let dialect = Dialect {
            contains: "instr",
            placeholder: |n| format!("?{n}"),
            path_order: "d.path",
        };
        let (sql, values) = fact_query(filter, &dialect);
        let args: Vec<Box<dyn rusqlite::ToSql>> = values
            .into_iter()
            .map(|v| -> Box<dyn rusqlite::ToSql> {
                match v {
                    FilterValue::Text(t) => Box::new(t),
                    FilterValue::Int32(i) => Box::new(i),
                    FilterValue::Int64(i) => Box::new(i),
                }
            })
            .collect();
        let mut st = self.conn.prepare(&sql)?;
        let params: Vec<&dyn rusqlite::ToSql> = args.iter().map(|b| b.as_ref()).collect();
        let rows = st.query_map(params.as_slice(), stored_fact)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let tokens = search_tokens(query);
        if tokens.is_empty() {
            return Ok(Vec::new());
        }
        let needle = query.trim();
        // One character: no bigram to look up; scan the text instead.
        if !tokens.contains(' ') && tokens.chars().count() == 1 {
            return search_rows(
                &self.conn,
                "WHERE instr(b.text, ?1) > 0 ORDER BY d.path, b.article_idx, b.idx LIMIT ?2",
                &[&needle, &(limit as i64)],
                needle,
            );
        }
        // The index splits tokens at ASCII punctuation (`pm2.5` → `pm2`, `5`); so does the
        // query, token by token, as the index stores no phrases.
        let terms = tokens
            .split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(" AND ");
        // The index finds blocks holding every bigram, and the blocks of documents it does not
        // hold (yet) are read whole; `instr` keeps those that hold the query itself (the
        // bigrams in order), since the index stores no positions.
        let indexed = |conn: &Connection| {
            search_rows(
                conn,
                "WHERE b.id IN (
                     SELECT rowid FROM search.blocks_fts WHERE blocks_fts MATCH ?3
                     UNION ALL
                     SELECT id FROM blocks WHERE doc_id IN (
                         SELECT d2.id FROM documents d2
                         LEFT JOIN search.indexed i ON i.doc_id = d2.id
                         WHERE i.hash IS NOT d2.hash))
                   AND instr(lower(b.text), lower(?1)) > 0
                 ORDER BY b.id LIMIT ?2",
                &[&needle, &(limit as i64), &terms],
                needle,
            )
        };
        let scan = || {
            search_rows(
                &self.conn,
                "WHERE instr(lower(b.text), lower(?1)) > 0 ORDER BY b.id LIMIT ?2",
                &[&needle, &(limit as i64)],
                needle,
            )
        };
        match &self.search_index {
            SearchIndex::Attached => indexed(&self.conn),
            // No index file (a database from before the index had one, or copied without it,
            // and not written to since), or one damaged: every block is read. The next write
            // builds the index again.
            SearchIndex::Read(path) | SearchIndex::Written { path, .. } if path.exists() => {
                match with_index_attached(&self.conn, path, indexed) {
                    Err(e) if search_index::is_damaged(&e) => scan(),
                    other => other,
                }
            }
            SearchIndex::Read(_) | SearchIndex::Written { .. } => scan(),
        }
    }

    fn check_consistency(&self) -> Result<(), StoreError> {
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if integrity != "ok" {
            return Err(StoreError::Corrupt(integrity));
        }
        let broken: Option<String> = self
            .conn
            .query_row(
                "SELECT d.path FROM documents d
                 WHERE d.n_facts != (SELECT count(*) FROM facts f WHERE f.doc_id = d.id)
                    OR d.n_articles != (SELECT count(*) FROM articles a WHERE a.doc_id = d.id)
                 LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match broken {
            Some(path) => Err(StoreError::Corrupt(format!("{path} is stored in part"))),
            None => Ok(()),
        }
    }

    fn background_problems(&self) -> Option<BackgroundProblems> {
        Some(self.problems.clone())
    }

    fn articles(&self, doc_id: i64) -> Result<Vec<StoredArticle>, StoreError> {
        let path: String = self
            .conn
            .query_row("SELECT path FROM documents WHERE id = ?1", [doc_id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::Corrupt(format!("no document {doc_id}")))?;
        let mut st = self.conn.prepare(
            "SELECT idx, kind, title, subtitle, speaker, authors, date, region, continued_on,
                    continued_from FROM articles WHERE doc_id = ?1 ORDER BY idx",
        )?;
        let mut articles: Vec<StoredArticle> = st
            .query_map([doc_id], |r| {
                let authors: String = r.get(5)?;
                let kind: String = r.get(1)?;
                Ok(StoredArticle {
                    doc_id,
                    path: path.clone(),
                    index: r.get(0)?,
                    article: Article {
                        kind: parse_kind(&kind),
                        title: r.get(2)?,
                        subtitle: r.get(3)?,
                        speaker: r.get(4)?,
                        authors: serde_json::from_str(&authors).unwrap_or_default(),
                        date: r.get(6)?,
                        region: r.get(7)?,
                        continued_on: r.get(8)?,
                        continued_from: r.get(9)?,
                        year: None,
                        warnings: Vec::new(),
                        blocks: Vec::new(),
                    },
                })
            })?
            .collect::<Result<_, _>>()?;
        let mut st = self.conn.prepare(
            "SELECT article_idx, type, level, runin, text, line_start, line_end, byte_start,
                    byte_end FROM blocks WHERE doc_id = ?1 ORDER BY article_idx, idx",
        )?;
        let blocks = st.query_map([doc_id], |r| {
            let kind: String = r.get(1)?;
            Ok((
                r.get::<_, i64>(0)?,
                Block {
                    kind: if kind == "heading" {
                        BlockType::Heading
                    } else {
                        BlockType::Paragraph
                    },
                    level: r.get(2)?,
                    runin: r.get(3)?,
                    section: None,
                    period: None,
                    text: r.get(4)?,
                    span: Span {
                        line_start: r.get(5)?,
                        line_end: r.get(6)?,
                        byte_start: r.get::<_, i64>(7)? as usize,
                        byte_end: r.get::<_, i64>(8)? as usize,
                    },
                    line_map: Vec::new(),
                    printed: None,
                },
            ))
        })?;
        for row in blocks {
            let (ai, block) = row?;
            if let Some(a) = articles.iter_mut().find(|a| a.index == ai) {
                a.article.blocks.push(block);
            }
        }
        Ok(articles)
    }
}

pub(super) fn parse_kind(s: &str) -> ArticleKind {
    match s {
        "government_work_report" => ArticleKind::GovernmentWorkReport,
        "standing_committee_report" => ArticleKind::StandingCommitteeReport,
        "news" => ArticleKind::News,
        _ => ArticleKind::Other,
    }
}

fn stored_fact(r: &Row) -> rusqlite::Result<StoredFact> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown {what}").into(),
        )
    };
    let qualifier: String = r.get(11)?;
    let measure: String = r.get(12)?;
    let direction: Option<String> = r.get(13)?;
    let kind: String = r.get(14)?;
    Ok(StoredFact {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        path: r.get(2)?,
        article_kind: r.get(3)?,
        article_title: r.get(4)?,
        article_region: r.get(24)?,
        fact: Fact {
            article: r.get::<_, i64>(5)? as usize,
            block: r.get::<_, i64>(6)? as usize,
            text: r.get(7)?,
            value: r.get(8)?,
            value_high: r.get(9)?,
            unit: r.get(10)?,
            qualifier: Qualifier::parse(&qualifier).ok_or_else(|| bad(11, "qualifier"))?,
            measure: Measure::parse(&measure).ok_or_else(|| bad(12, "measure"))?,
            direction: direction.as_deref().and_then(Direction::parse),
            kind: FactKind::parse(&kind).ok_or_else(|| bad(14, "kind"))?,
            region: r.get(15)?,
            region_code: r.get(29)?,
            indicator: r.get(16)?,
            code: r.get(17)?,
            year: r.get(18)?,
            period: r
                .get::<_, Option<String>>(28)?
                .map(|p| Period::parse(&p).ok_or_else(|| bad(28, "period")))
                .transpose()?,
            optional: r.get(19)?,
            sentence: r.get(20)?,
            char_start: r.get::<_, i64>(21)? as usize,
            char_end: r.get::<_, i64>(22)? as usize,
            line: r.get(23)?,
            page: r.get(25)?,
            page_xy: match (r.get::<_, Option<f64>>(26)?, r.get::<_, Option<f64>>(27)?) {
                (Some(x), Some(y)) => Some([x, y]),
                _ => None,
            },
        },
    })
}

/// The text around the first match of `needle`, every match marked 【…】.
pub fn snippet(text: &str, needle: &str) -> String {
    const SIDE: usize = 40;
    let chars: Vec<char> = text.chars().collect();
    let needle_chars: Vec<char> = needle.chars().collect();
    let first = (!needle_chars.is_empty())
        .then(|| {
            chars
                .windows(needle_chars.len())
                .position(|w| w == needle_chars.as_slice())
        })
        .flatten()
        .unwrap_or(0);
    let lo = first.saturating_sub(SIDE);
    let hi = (first + needle_chars.len() + SIDE).min(chars.len());
    let window: String = chars[lo..hi].iter().collect();
    let marked = if needle.is_empty() {
        window
    } else {
        window.replace(needle, &format!("【{needle}】"))
    };
    format!(
        "{}{}{}",
        if lo > 0 { "…" } else { "" },
        marked,
        if hi < chars.len() { "…" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_one_database_is_upgraded_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute(
                "INSERT INTO documents (path, hash, bytes, encoding, n_articles, n_facts)
                 VALUES ('a.txt', 'h', 1, 'utf8', 0, 0)",
                [],
            )
            .unwrap();
        }
        // Read-only opening refuses to guess; a writer upgrades and keeps what was stored.
        assert!(SqliteStore::open_read_only(&path).is_err());
        let store = SqliteStore::open(&path).unwrap();
        let docs = store.documents().unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].path, "a.txt");
        assert_eq!(docs[0].url, None);
        assert!(SqliteStore::open_read_only(&path).is_ok());
    }

    #[test]
    fn a_version_two_database_keeps_its_facts_and_gains_periods() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.execute_batch(MIGRATIONS[1]).unwrap();
            conn.pragma_update(None, "user_version", 2).unwrap();
            conn.execute_batch(
                "INSERT INTO documents (id, path, hash, bytes, encoding, n_articles, n_facts)
                 VALUES (1, 'a.txt', 'h', 1, 'utf8', 1, 1);
                 INSERT INTO articles (doc_id, idx, kind, authors)
                 VALUES (1, 0, 'government_work_report', '[]');
                 INSERT INTO facts (doc_id, article_idx, block_idx, text, value, unit, qualifier,
                     measure, kind, region, indicator, code, year, optional, sentence,
                     char_start, char_end, line)
                 VALUES (1, 0, 0, '5%', 5, '%', 'exact', 'change', 'result', '山西',
                     '增长', 'gdp_growth', 2025, 0, '增长5%。', 2, 4, 1);",
            )
            .unwrap();
        }
        let store = SqliteStore::open(&path).unwrap();
        let facts = store.facts(&FactFilter::default()).unwrap();
        assert_eq!(facts.len(), 1);
        assert_eq!(facts[0].fact.period, None);
        // A figure stored before periods existed is an annual one.
        let annual = FactFilter {
            period: PeriodFilter::Annual,
            ..FactFilter::default()
        };
        assert_eq!(store.facts(&annual).unwrap().len(), 1);
        let span = FactFilter {
            period: PeriodFilter::parse("2021-2025").unwrap(),
            ..FactFilter::default()
        };
        assert!(store.facts(&span).unwrap().is_empty());
    }

    #[test]
    fn a_database_of_a_newer_version_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        drop(SqliteStore::open(&path).unwrap());
        let future = MIGRATIONS.len() as i64 + 1;
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", future)
            .unwrap();
        for result in [SqliteStore::open(&path), SqliteStore::open_read_only(&path)] {
            let e = result.err().expect("refused");
            assert!(e.to_string().contains("is newer than this lianghui"), "{e}");
        }
        let version: i64 = Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, future);
    }

    /// A parsed document at `path` whose one paragraph is `paragraph`.
    fn doc(path: &str, paragraph: &str) -> IngestDoc {
        let text = format!("政府工作报告\n\n{paragraph}\n");
        let document = crate::parse_text(path, &text);
        IngestDoc {
            path: path.into(),
            hash: format!("hash of {paragraph}"),
            bytes: text.len(),
            encoding: "utf-8".into(),
            search_tokens: IngestDoc::tokens_of(&document),
            facts: crate::extract::facts(&document),
            document,
        }
    }

    /// The index file of the database at `db`, opened for a test to look into.
    fn index_of(db: &Path) -> Connection {
        Connection::open(search_index::path_beside(db)).unwrap()
    }

    /// Asserts that the index holds a row for every stored block and records as many.
    fn assert_index_holds_every_block(db: &Path) {
        let (rows, recorded): (i64, i64) = index_of(db)
            .query_row(
                "SELECT (SELECT count(*) FROM blocks_fts),
                        (SELECT coalesce(sum(last_block - first_block + 1), 0) FROM indexed)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let stored: i64 = Connection::open(db)
            .unwrap()
            .query_row("SELECT count(*) FROM blocks", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            (rows, recorded),
            (stored, stored),
            "index rows, recorded, stored"
        );
    }

    /// Stores one document of one paragraph in the database at `db`, through a store of its own.
    fn ingest_one(db: &Path, path: &str, paragraph: &str) {
        SqliteStore::open(db)
            .unwrap()
            .ingest(&doc(path, paragraph))
            .unwrap();
    }

    fn hits(db: &Path, query: &str) -> Vec<String> {
        let store = SqliteStore::open_read_only(db).unwrap();
        let mut paths: Vec<String> = store
            .search(query, 100)
            .unwrap()
            .into_iter()
            .map(|h| h.path)
            .collect();
        paths.dedup();
        paths
    }

    #[test]
    fn the_search_index_is_a_file_of_its_own_that_merges_sixteen_segments_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        ingest_one(&path, "a.txt", "全省生产总值增长5%左右。");
        let automerge: i64 = index_of(&path)
            .query_row(
                "SELECT v FROM blocks_fts_config WHERE k = 'automerge'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(automerge, 16);
        // The database itself holds no index.
        let in_database: i64 = Connection::open(&path)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name LIKE 'blocks_fts%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(in_database, 0);
        assert_index_holds_every_block(&path);
    }

    #[test]
    fn a_replaced_document_leaves_no_rows_in_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.db");
        {
            let mut store = SqliteStore::open(&path).unwrap();
            store
                .ingest_many(vec![
                    doc("a.txt", "粮食产量稳定在650亿斤以上。"),
                    doc("b.txt", "全省生产总值增长5%左右。"),
                ])
                .unwrap();
            // a.txt again with other content: its rows go, b.txt keeps its own.
            let outcome = store
                .ingest(&doc("a.txt", "城镇新增就业60万人以上。"))
                .unwrap();
            assert_eq!(outcome, IngestOutcome::Replaced);
        }
        assert!(hits(&path, "粮食产量").is_empty());
        assert_eq!(hits(&path, "新增就业"), ["a.txt"]);
        assert_eq!(hits(&path, "生产总值"), ["b.txt"]);
        assert_index_holds_every_block(&path);
    }

    #[test]
    fn searches_stay_whole_while_the_index_is_missing_or_behind_and_the_next_write_catches_it_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        SqliteStore::open(&path)
            .unwrap()
            .ingest_many(vec![
                doc("a.txt", "粮食产量稳定在650亿斤以上。"),
                doc("b.txt", "全省生产总值增长5%左右。"),
            ])
            .unwrap();
        // A record that no longer matches its document, as a crash between the database's
        // commit and the index's leaves it: b.txt counts as not indexed.
        index_of(&path)
            .execute("UPDATE indexed SET hash = 'stale' WHERE doc_id = 2", [])
            .unwrap();
        index_of(&path)
            .execute("DELETE FROM blocks_fts WHERE rowid >= (SELECT first_block FROM indexed WHERE doc_id = 2)", [])
            .unwrap();
        assert_eq!(hits(&path, "生产总值"), ["b.txt"]);
        assert_eq!(hits(&path, "粮食产量"), ["a.txt"]);
        // A record whose hash matches but whose blocks are not the document's (stored again
        // under the same id).
        index_of(&path)
            .execute(
                "UPDATE indexed SET last_block = last_block + 1 WHERE doc_id = 1",
                [],
            )
            .unwrap();
        // The next write indexes both again, then its own document.
        ingest_one(&path, "c.txt", "新培育高新技术企业1599家。");
        assert_index_holds_every_block(&path);
        let stale: i64 = index_of(&path)
            .query_row(
                "SELECT count(*) FROM indexed WHERE hash = 'stale'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stale, 0);
        assert_eq!(hits(&path, "生产总值"), ["b.txt"]);
        assert_eq!(hits(&path, "高新技术"), ["c.txt"]);
        // The index gone altogether (a database copied without it): every block is read, and
        // the next write builds it again.
        let index = search_index::path_beside(&path);
        std::fs::remove_file(&index).unwrap();
        assert_eq!(hits(&path, "生产总值"), ["b.txt"]);
        assert!(!index.exists(), "a search does not create the index");
        ingest_one(&path, "d.txt", "城镇新增就业60万人以上。");
        assert_index_holds_every_block(&path);
        assert_eq!(hits(&path, "粮食产量"), ["a.txt"]);
        // A record of a document no longer stored is dropped with its rows.
        Connection::open(&path)
            .unwrap()
            .execute_batch("PRAGMA foreign_keys = ON; DELETE FROM documents WHERE path = 'a.txt'")
            .unwrap();
        ingest_one(&path, "e.txt", "城镇新增就业60万人以上。");
        assert_index_holds_every_block(&path);
    }

    #[test]
    fn a_damaged_index_file_is_read_around_and_built_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        ingest_one(&path, "a.txt", "全省生产总值增长5%左右。");
        let index = search_index::path_beside(&path);
        search_index::remove(&index).unwrap();
        std::fs::write(&index, "这不是数据库".repeat(200)).unwrap();
        assert_eq!(hits(&path, "生产总值"), ["a.txt"]);
        ingest_one(&path, "b.txt", "粮食产量稳定在650亿斤以上。");
        assert_index_holds_every_block(&path);
        assert_eq!(hits(&path, "生产总值"), ["a.txt"]);
    }

    #[test]
    fn an_index_batch_that_fails_is_told_and_its_documents_are_still_found() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.db");
        let mut store = SqliteStore::open(&path).unwrap();
        let problems = store.background_problems().unwrap();
        store
            .ingest_many(vec![doc("a.txt", "全省生产总值增长5%左右。")])
            .unwrap();
        // The indexer's next batch fails, as on a full disk.
        index_of(&path)
            .execute_batch(
                "CREATE TRIGGER refuse BEFORE INSERT ON indexed
                 BEGIN SELECT RAISE(ABORT, 'no room'); END",
            )
            .unwrap();
        store
            .ingest_many(vec![doc("b.txt", "粮食产量稳定在650亿斤以上。")])
            .unwrap();
        drop(store);
        let told = problems.lock().unwrap().clone();
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].contains("search index was not updated"), "{told:?}");
        assert!(
            told[0].contains("f.db-search") && told[0].contains("no room"),
            "{told:?}"
        );
        assert_eq!(hits(&path, "粮食产量"), ["b.txt"]);
        index_of(&path)
            .execute_batch("DROP TRIGGER refuse")
            .unwrap();
        ingest_one(&path, "c.txt", "城镇新增就业60万人以上。");
        assert_index_holds_every_block(&path);
    }

    #[test]
    fn a_store_in_memory_keeps_its_index_in_memory() {
        let mut store = SqliteStore::in_memory().unwrap();
        store
            .ingest_many(vec![doc("a.txt", "全省生产总值增长5%左右。")])
            .unwrap();
        store
            .ingest(&doc("a.txt", "粮食产量稳定在650亿斤以上。"))
            .unwrap();
        assert!(store.search("生产总值", 10).unwrap().is_empty());
        assert_eq!(store.search("粮食产量", 10).unwrap().len(), 1);
    }

    #[test]
    fn the_log_is_checkpointed_beside_the_writer_and_gone_once_the_store_closes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let doc = |n: usize| {
            let text = format!("政府工作报告\n\n全省生产总值增长{n}.5%左右。\n");
            let document = crate::parse_text(&format!("d{n}.txt"), &text);
            IngestDoc {
                path: format!("d{n}.txt"),
                hash: format!("h{n}"),
                bytes: text.len(),
                encoding: "utf-8".into(),
                search_tokens: IngestDoc::tokens_of(&document),
                facts: crate::extract::facts(&document),
                document,
            }
        };
        let wal = dir.path().join("c.db-wal");
        {
            let mut store = SqliteStore::open(&path).unwrap();
            let autocheckpoint = |s: &SqliteStore| -> i64 {
                s.conn
                    .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
                    .unwrap()
            };
            assert!(
                store.checkpointer.is_none(),
                "no thread for a store only read"
            );
            for batch in 0..5 {
                let docs: Vec<IngestDoc> = (0..4).map(|i| doc(batch * 4 + i)).collect();
                store.ingest_many(docs).unwrap();
            }
            store.ingest(&doc(99)).unwrap();
            assert!(store.checkpointer.is_some());
            // The writer only checkpoints a log grown past the bound; the thread does the rest.
            assert_eq!(page_size(&store.conn).unwrap(), PAGE_SIZE);
            assert_eq!(autocheckpoint(&store), WRITER_CHECKPOINT_BYTES / PAGE_SIZE);
            assert!(wal.exists());
        }
        // The checkpointer's connection closed first, so the writer's close emptied the log
        // into the database and removed it.
        assert!(!wal.exists(), "the log outlived the store");
        let store = SqliteStore::open_read_only(&path).unwrap();
        assert_eq!(store.documents().unwrap().len(), 21);
        store.check_consistency().unwrap();
        assert_eq!(store.search("生产总值", 100).unwrap().len(), 21);
    }
}
