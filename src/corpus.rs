//! Many documents at once: finding the inputs, and reading, restoring and extracting them in
//! parallel while one writer stores them in order of completion.

use crate::read::ReadOptions;
use crate::store::IngestDoc;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// File name endings taken when walking a folder: texts, PDFs and saved web pages. What a file
/// is comes from its content; the name only keeps pictures and other strays out of a walk.
pub const INPUT_EXTENSIONS: &[&str] =
    &["txt", "text", "md", "pdf", "html", "htm", "shtml", "xhtml"];

/// Files named by `args`: files as given, folders walked recursively (inputs only), glob
/// patterns expanded. Sorted and deduplicated, so runs are repeatable. Names that match
/// nothing are returned as errors.
pub fn collect_inputs(args: &[String]) -> (Vec<PathBuf>, Vec<(String, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if path.is_dir() {
            for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_input_extension(e.path()) => {
                        files.push(e.into_path())
                    }
                    Ok(_) => {}
                    Err(e) => errors.push((arg.clone(), e.to_string())),
                }
            }
        } else if path.exists() {
            files.push(path.to_path_buf());
        } else if arg.contains(['*', '?', '[']) {
            match glob::glob(arg) {
                Ok(paths) => {
                    let before = files.len();
                    for p in paths {
                        match p {
                            Ok(p) if p.is_file() => files.push(p),
                            Ok(_) => {}
                            Err(e) => errors.push((arg.clone(), e.to_string())),
                        }
                    }
                    if files.len() == before {
                        errors.push((arg.clone(), "the pattern matches no file".into()));
                    }
                }
                Err(e) => errors.push((arg.clone(), format!("bad pattern: {e}"))),
            }
        } else {
            errors.push((arg.clone(), "no such file or folder".into()));
        }
    }
    files.sort();
    files.dedup();
    (files, errors)
}

fn has_input_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| INPUT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Bounds on the work one document may take.
#[derive(Debug, Clone)]
pub struct Limits {
    pub read: ReadOptions,
    /// Wall-clock seconds for reading, restoring and extracting one document.
    pub max_seconds: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            read: ReadOptions::default(),
            max_seconds: 60.0,
        }
    }
}

/// Reads, parses and extracts one file within `limits`.
pub fn process(path: &Path, limits: &Limits) -> Result<IngestDoc, String> {
    let opts = &limits.read;
    let deadline = std::time::Instant::now()
        + std::time::Duration::from_secs_f64(limits.max_seconds.clamp(0.0, 1e6));
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    let name = path.to_string_lossy().into_owned();
    let hash = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let size = bytes.len();
    let input = crate::read::load_owned(bytes, opts).map_err(|e| e.to_string())?;
    let encoding = input.encoding.clone();
    let document = crate::parse_owned(&name, input);
    let facts = crate::extract::facts_until(&document, Some(deadline)).map_err(|_| {
        format!(
            "took longer than the limit of {} seconds",
            limits.max_seconds
        )
    })?;
    Ok(IngestDoc {
        path: name,
        hash,
        bytes: size,
        encoding,
        search_tokens: IngestDoc::tokens_of(&document),
        document,
        facts,
    })
}

/// The parsing threads' priority (0-99): on Linux a niceness of 10, which leaves a writer of
/// the default niceness nine tenths of a core it has to share.
const PARSER_PRIORITY: u8 = 25;

/// Processes `files` on a pool of `threads` (all cores when 0) and hands each result to
/// `sink` on the calling thread as it completes. At most a few parsed documents wait in
/// memory at once.
pub fn process_all<F>(files: &[PathBuf], limits: &Limits, threads: usize, mut sink: F)
where
    F: FnMut(&Path, Result<IngestDoc, String>),
{
    // Parsing threads yield to the thread that stores what they parse: when there are more
    // threads than cores, a writer that falls behind is left alone with the backlog at the end.
    let lower = || {
        if let Ok(p) = thread_priority::ThreadPriorityValue::try_from(PARSER_PRIORITY) {
            let _ = thread_priority::set_current_thread_priority(
                thread_priority::ThreadPriority::Crossplatform(p),
            );
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .start_handler(move |_| lower())
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            for f in files {
                sink(f, Err(format!("cannot start worker threads: {e}")));
            }
            return;
        }
    };
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<IngestDoc, String>)>(
        2 * pool.current_num_threads().max(1),
    );
    std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| {
                // One file per task: by default rayon stops splitting after a few halvings,
                // and a thread whose last share of a few hundred files cannot be stolen from
                // parses it alone at the end while the other core idles (a fifth of a
                // two-core ingest of 1 300 files).
                files
                    .par_iter()
                    .with_max_len(1)
                    .enumerate()
                    .for_each_with(tx, |tx, (i, f)| {
                        // The receiver only goes away when the writer stopped; nothing to do then.
                        let _ = tx.send((i, process(f, limits)));
                    });
            });
        });
        for (i, result) in rx {
            sink(&files[i], result);
        }
    });
}
