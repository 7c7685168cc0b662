//! A large UTF-8 text file read as a stream of lines, several times over, so that its text is
//! never held whole: the restorer takes a first look at every line, then joins the body lines,
//! and only the paragraphs it builds stay in memory.
//!
//! Only a file that reads exactly as [`super::load`] would read it is streamed: UTF-8 without a
//! byte-order mark, not a PDF or a web page, no NUL, a line within the limit, something to
//! read, no traditional characters (which are analysed in a simplified copy), not a table
//! flattened by a converter (which is read down its columns). Anything else is left to the
//! in-memory reader, which gives the same answer or the same error.

use super::{html, pdf, script, ReadOptions, SourceEncoding};
use crate::restore::columns;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;
/// Bytes sniffed for a PDF or web-page signature, as the in-memory reader does.
const SNIFF: usize = 2048;

/// A text file found fit to be streamed.
#[derive(Debug)]
pub struct TextFile {
    path: PathBuf,
}

/// Reads `path` once to tell whether it can be streamed; `None` when it should be read whole
/// (including every case where reading it gives an error).
pub fn open(path: &Path, opts: &ReadOptions) -> io::Result<Option<TextFile>> {
    if !matches!(opts.encoding, None | Some(SourceEncoding::Utf8)) {
        return Ok(None);
    }
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() || meta.len() > opts.max_bytes as u64 {
        return Ok(None);
    }
    let mut file = File::open(path)?;
    let mut head = Vec::with_capacity(SNIFF);
    (&mut file).take(SNIFF as u64).read_to_end(&mut head)?;
    if head.starts_with(b"\xEF\xBB\xBF") || pdf::is_pdf(&head) || html::is_html(&head) {
        return Ok(None);
    }
    let mut check = Check::default();
    let file = TextFile {
        path: path.to_owned(),
    };
    let mut lines = file.lines()?;
    for line in &mut lines {
        if !check.line(&line, opts) {
            return Ok(None);
        }
    }
    if lines.error.is_some() || !check.fit() {
        return Ok(None);
    }
    Ok(Some(file))
}

/// What the first read of a file looks for.
#[derive(Debug, Default)]
struct Check {
    something_to_read: bool,
    non_blank: usize,
    table_rows: usize,
}

impl Check {
    /// Takes in one line; false as soon as the file is found unfit.
    fn line(&mut self, line: &str, opts: &ReadOptions) -> bool {
        if line.len() > opts.max_line_bytes || line.contains('\0') || script::has_traditional(line)
        {
            return false;
        }
        let text = line.trim();
        if !text.is_empty() {
            self.something_to_read = true;
            self.non_blank += 1;
            self.table_rows += usize::from(columns::is_row(text));
        }
        true
    }

    fn fit(&self) -> bool {
        self.something_to_read && !columns::is_table_share(self.non_blank, self.table_rows)
    }
}

impl TextFile {
    /// The file's lines, decoded, with line ends normalised as [`super::decode`] does; the
    /// file is read again from its start.
    pub fn lines(&self) -> io::Result<Lines> {
        Ok(Lines {
            file: File::open(&self.path)?,
            carry: Vec::new(),
            ready: std::collections::VecDeque::new(),
            done: false,
            error: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The lines of a text file as they are read.
#[derive(Debug)]
pub struct Lines {
    file: File,
    /// Bytes read after the last line end.
    carry: Vec<u8>,
    ready: std::collections::VecDeque<String>,
    done: bool,
    /// Why reading stopped early: the file could not be read, or changed into something that
    /// is no longer UTF-8 since it was checked.
    pub error: Option<io::Error>,
}

impl Lines {
    /// Reads on until some lines are ready or the file ends.
    fn refill(&mut self) {
        while self.ready.is_empty() && !self.done {
            let before = self.carry.len();
            self.carry.resize(before + CHUNK, 0);
            let read = match self.file.read(&mut self.carry[before..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    self.carry.truncate(before);
                    continue;
                }
                Err(e) => {
                    self.stop(e);
                    return;
                }
            };
            self.carry.truncate(before + read);
            // Whole lines only: a line end never falls inside a character, and a CR before
            // it stays with it.
            let end = if read == 0 {
                self.done = true;
                self.carry.len()
            } else {
                match self.carry.iter().rposition(|&b| b == b'\n') {
                    Some(p) => p + 1,
                    None => continue,
                }
            };
            let rest = self.carry.split_off(end);
            let whole = std::mem::replace(&mut self.carry, rest);
            let text = match String::from_utf8(whole) {
                Ok(t) => super::normalise_breaks(t),
                Err(_) => {
                    self.stop(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "the file is no longer UTF-8 text",
                    ));
                    return;
                }
            };
            // The text's last line has no line end after it; a chunk's last line end is
            // followed by the next chunk's first line.
            let mut parts: Vec<&str> = text.split('\n').collect();
            if !self.done {
                parts.pop();
            }
            self.ready.extend(parts.into_iter().map(str::to_owned));
        }
    }

    fn stop(&mut self, e: io::Error) {
        self.error = Some(e);
        self.done = true;
        self.ready.clear();
    }
}

impl Iterator for Lines {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        self.refill();
        self.ready.pop_front()
    }
}
