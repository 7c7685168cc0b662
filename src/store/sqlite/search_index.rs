//! The full-text index of a SQLite store, kept in a file of its own beside the database
//! (`<database>-search`) and written by a thread of its own.
//!
//! SQLite lets one connection write a file at a time. With the index inside the database, the
//! single writer spent half its instructions tokenising and merging the index, and two cores
//! waited on it. In its own file the index is written beside the rows, on the other core.
//!
//! The index is derived data. It commits after the rows it indexes, so it may lag behind them
//! (a crash between the two commits, a file deleted or copied without its index) but never runs
//! ahead. Each indexed document is recorded with its hash and its blocks' ids; a search treats
//! any stored document whose record is missing or different as not indexed and scans its
//! blocks instead, so answers stay whole, and the next write indexes it again.

use super::{
    page_size, set_up_for_writing, with_index_attached, write_transaction, WRITER_CHECKPOINT_BYTES,
};
use crate::store::{search_tokens, BackgroundProblems, IngestDoc, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// The index's tables in schema `schema`. `indexed`: which stored document each run of rows in
/// `blocks_fts` belongs to (a document's blocks take consecutive ids, as they are inserted
/// together by the single writer); `first_block` and `last_block` are NULL for a document with
/// no blocks.
fn tables(schema: &str) -> String {
    format!(
        "CREATE VIRTUAL TABLE IF NOT EXISTS {schema}.blocks_fts USING fts5(tokens, content='',
             contentless_delete=1, detail=none, tokenize='ascii');
         CREATE TABLE IF NOT EXISTS {schema}.indexed (
             doc_id INTEGER PRIMARY KEY,
             hash TEXT NOT NULL,
             first_block INTEGER,
             last_block INTEGER
         );"
    )
}

/// The schema name under which a store's own connection attaches the index (written out in
/// the queries of `mod.rs` that read it).
pub(super) const ATTACHED: &str = "search";

/// Whether `e` says that an index file is damaged or not a database: the index is rebuilt
/// rather than reported, as nothing in it is lost with it.
pub(super) fn is_damaged(e: &StoreError) -> bool {
    matches!(e, StoreError::Db(rusqlite::Error::SqliteFailure(f, _))
        if matches!(f.code, rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
}

/// Removes the index file at `path` and its log, to be built again.
pub(super) fn remove(path: &Path) -> Result<(), StoreError> {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

/// Where the index of the database at `db` lies.
pub(super) fn path_beside(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-search");
    name.into()
}

/// One stored document's blocks with their search tokens.
pub(super) struct DocTokens {
    pub doc_id: i64,
    pub hash: String,
    /// Block id and tokens, in id order.
    pub blocks: Vec<(i64, String)>,
}

/// A change to the index, applied in the order given.
pub(super) enum Change {
    /// A stored document is gone (or about to be indexed again): its rows go.
    Forget(i64),
    Index(DocTokens),
}

/// Creates the index's tables in the schema `schema` of `conn` where they are missing, and
/// sets the index to merge its segments 16 at a time rather than 4 (FTS5 `automerge`), which
/// takes a quarter off the time spent merging and reads no slower at the sizes measured.
pub(super) fn create(conn: &Connection, schema: &str) -> rusqlite::Result<()> {
    conn.execute_batch(&tables(schema))?;
    let set: Option<i64> = conn
        .query_row(
            &format!("SELECT v FROM {schema}.blocks_fts_config WHERE k = 'automerge'"),
            [],
            |r| r.get(0),
        )
        .optional()?;
    if set != Some(16) {
        conn.execute(
            &format!("INSERT INTO {schema}.blocks_fts(blocks_fts, rank) VALUES('automerge', 16)"),
            [],
        )?;
    }
    Ok(())
}

/// Applies `changes` inside the caller's transaction, to the index in schema `schema`.
pub(super) fn apply(conn: &Connection, schema: &str, changes: &[Change]) -> rusqlite::Result<()> {
    let mut range = conn.prepare_cached(&format!(
        "SELECT first_block, last_block FROM {schema}.indexed WHERE doc_id = ?1"
    ))?;
    let mut drop_rows = conn.prepare_cached(&format!(
        "DELETE FROM {schema}.blocks_fts WHERE rowid BETWEEN ?1 AND ?2"
    ))?;
    let mut drop_record =
        conn.prepare_cached(&format!("DELETE FROM {schema}.indexed WHERE doc_id = ?1"))?;
    let mut add_row = conn.prepare_cached(&format!(
        "INSERT INTO {schema}.blocks_fts (rowid, tokens) VALUES (?1, ?2)"
    ))?;
    let mut add_record = conn.prepare_cached(&format!(
        "INSERT INTO {schema}.indexed (doc_id, hash, first_block, last_block)
         VALUES (?1, ?2, ?3, ?4)"
    ))?;
    let mut forget = |doc_id: i64| -> rusqlite::Result<()> {
        let old: Option<(Option<i64>, Option<i64>)> = range
            .query_row([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((first, last)) = old {
            if let (Some(first), Some(last)) = (first, last) {
                drop_rows.execute([first, last])?;
            }
            drop_record.execute([doc_id])?;
        }
        Ok(())
    };
    for change in changes {
        match change {
            Change::Forget(doc_id) => forget(*doc_id)?,
            Change::Index(doc) => {
                // A record left by a write that the database did not keep (a crash between
                // the two commits) names rows that are no longer this document's.
                forget(doc.doc_id)?;
                for (id, tokens) in &doc.blocks {
                    add_row.execute(params![id, tokens])?;
                }
                add_record.execute(params![
                    doc.doc_id,
                    doc.hash,
                    doc.blocks.first().map(|b| b.0),
                    doc.blocks.last().map(|b| b.0)
                ])?;
            }
        }
    }
    Ok(())
}

/// Opens (creating) the index file at `path` for writing.
fn open(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
            | rusqlite::OpenFlags::SQLITE_OPEN_CREATE
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // A power cut may lose the index's last commits, which the next write finds missing and
    // redoes.
    set_up_for_writing(&conn)?;
    // Checkpoints run on this thread, off the writer's, at the writer's bound.
    conn.pragma_update(
        None,
        "wal_autocheckpoint",
        WRITER_CHECKPOINT_BYTES / page_size(&conn)?,
    )?;
    // No checkpoint when this connection closes: the index's log stays beside it and is read
    // through like the index, until a connection that may write and is the last to close it
    // (a search from the command line) or the bound above copies it in. Those syncs
    // were the last thing an ingest waited for, 80 ms with one core idle.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )?;
    create(&conn, "main")?;
    Ok(conn)
}

/// Changes to apply together, and the documents they came from, freed on the indexer's
/// thread: their memory was allocated by the parsing threads, and freeing it on the writer's
/// (the one two cores wait on) took a tenth of its time.
pub(super) struct Work {
    pub changes: Vec<Change>,
    pub spent: Vec<IngestDoc>,
}

/// Writes the index on a thread of its own, with its own connection. Dropping it waits for
/// the work handed over to be committed.
pub(super) struct Indexer {
    work: Option<std::sync::mpsc::SyncSender<Work>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Most batches of work committed in one transaction of the index.
const WORK_PER_COMMIT: usize = 8;

impl Indexer {
    /// Starts the thread on the index at `path` and hands it what brings the index level with
    /// the database on `db` (see [`catch_up`]). An index file that is damaged, or not a
    /// database at all, whether at its first pages or further in, is removed and built again.
    /// Batches it fails to write are told in `problems`.
    pub(super) fn start(
        path: &Path,
        db: &Connection,
        problems: &BackgroundProblems,
    ) -> Result<Self, StoreError> {
        let caught_up = || -> Result<Self, StoreError> {
            let started = Self::spawn(open(path)?, path, problems.clone())?;
            with_index_attached(db, path, |db| catch_up(db, &started))?;
            Ok(started)
        };
        match caught_up() {
            Err(e) if is_damaged(&e) => {
                remove(path)?;
                caught_up()
            }
            other => other,
        }
    }

    /// Starts the thread, writing through `conn` to the index at `path`.
    fn spawn(
        mut conn: Connection,
        path: &Path,
        problems: BackgroundProblems,
    ) -> Result<Self, StoreError> {
        let path = path.to_path_buf();
        // Two batches waiting: a writer that runs ahead by more waits for the index, which
        // bounds the memory of documents not yet freed.
        let (work, queue) = std::sync::mpsc::sync_channel::<Work>(2);
        let thread = std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || {
                while let Ok(first) = queue.recv() {
                    let mut batch = vec![first];
                    while batch.len() < WORK_PER_COMMIT {
                        match queue.try_recv() {
                            Ok(more) => batch.push(more),
                            Err(_) => break,
                        }
                    }
                    // A batch that fails (a full disk) leaves its documents unindexed: searches
                    // scan them, and the next write indexes them again. Said once per cause.
                    let written = (|| -> rusqlite::Result<()> {
                        let tx = write_transaction(&mut conn)?;
                        for w in &batch {
                            apply(&tx, "main", &w.changes)?;
                        }
                        tx.commit()
                    })();
                    if let Err(e) = written {
                        let said = format!(
                            "{}: the search index was not updated ({e}); searches read the \
                             documents it lacks in full until the next ingest indexes them",
                            path.display()
                        );
                        if let Ok(mut p) = problems.lock() {
                            if !p.contains(&said) {
                                p.push(said);
                            }
                        }
                    }
                    for w in batch {
                        drop(w.spent);
                    }
                }
            })?;
        Ok(Self {
            work: Some(work),
            thread: Some(thread),
        })
    }

    /// Hands work to the thread; waits while two batches are already waiting.
    pub(super) fn send(&self, work: Work) {
        // The thread only stops when the sender is dropped.
        if let Some(queue) = &self.work {
            let _ = queue.send(work);
        }
    }

    /// Tells the thread that no more work comes: it commits what it has and closes the index
    /// (a checkpoint and its syncs), while the caller goes on.
    pub(super) fn finish(&mut self) {
        self.work = None;
    }
}

impl Drop for Indexer {
    fn drop(&mut self) {
        self.finish();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Documents whose blocks the index reads again, per batch handed to the indexer.
const CATCH_UP_BATCH: usize = 64;

/// Compares the index attached as `search` with the database and hands the indexer the
/// changes that bring it level.
fn catch_up(conn: &Connection, indexer: &Indexer) -> Result<(), StoreError> {
    let gone: Vec<Change> = conn
        .prepare(
            "SELECT doc_id FROM search.indexed WHERE doc_id NOT IN (SELECT id FROM documents)",
        )?
        .query_map([], |r| Ok(Change::Forget(r.get(0)?)))?
        .collect::<Result<_, _>>()?;
    if !gone.is_empty() {
        indexer.send(Work {
            changes: gone,
            spent: Vec::new(),
        });
    }
    // A record names the blocks by their ids: a document stored again under the same id
    // (ids are reused from the top) has other blocks than its record says. A document's
    // blocks are inserted in order, so its first and last in order are its lowest and highest
    // ids, each one seek in `blocks_doc`.
    let behind: Vec<(i64, String)> = conn
        .prepare(
            "SELECT d.id, d.hash FROM documents d LEFT JOIN search.indexed i ON i.doc_id = d.id
             WHERE i.doc_id IS NULL OR i.hash IS NOT d.hash
                OR i.first_block IS NOT (SELECT id FROM blocks WHERE doc_id = d.id
                                         ORDER BY article_idx, idx LIMIT 1)
                OR i.last_block IS NOT (SELECT id FROM blocks WHERE doc_id = d.id
                                        ORDER BY article_idx DESC, idx DESC LIMIT 1)
             ORDER BY d.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut blocks = conn.prepare("SELECT id, text FROM blocks WHERE doc_id = ?1 ORDER BY id")?;
    for chunk in behind.chunks(CATCH_UP_BATCH) {
        let mut changes = Vec::with_capacity(chunk.len());
        for (doc_id, hash) in chunk {
            let rows = blocks
                .query_map([doc_id], |r| {
                    Ok((r.get::<_, i64>(0)?, search_tokens(&r.get::<_, String>(1)?)))
                })?
                .collect::<Result<_, _>>()?;
            changes.push(Change::Index(DocTokens {
                doc_id: *doc_id,
                hash: hash.clone(),
                blocks: rows,
            }));
        }
        indexer.send(Work {
            changes,
            spent: Vec::new(),
        });
    }
    Ok(())
}
