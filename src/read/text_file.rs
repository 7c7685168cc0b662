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
use std::rc::Rc;

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;
/// Bytes sniffed for a PDF or web-page signature, as the in-memory reader does.
const SNIFF: usize = 2048;

/// A text file that may be streamed: whether it reads as the whole-file reader would read it
/// is told while its lines are first read ([`TextFile::each_checked_line`]).
#[derive(Debug)]
pub struct TextFile {
    path: PathBuf,
    max_line_bytes: usize,
}

/// Looks at `path` (its size and first bytes) to tell whether it may be streamed; `None` when
/// it should be read whole.
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
    Ok(Some(TextFile {
        path: path.to_owned(),
        max_line_bytes: opts.max_line_bytes,
    }))
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
    fn line(&mut self, line: &str, max_line_bytes: usize) -> bool {
        if line.len() > max_line_bytes || line.contains('\0') || script::has_traditional(line) {
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
    /// Hands each line to `see` as [`TextFile::each_line`] does, checking on the way that the
    /// file reads as the whole-file reader would read it: false (and `see` stops being called)
    /// once it is found not to, or when it cannot be read.
    pub fn each_checked_line(&self, mut see: impl FnMut(&str)) -> bool {
        let mut check = Check::default();
        let mut fit = true;
        let read = self.each_line(|line| {
            fit = check.line(line, self.max_line_bytes);
            if fit {
                see(line);
            }
            fit
        });
        read.is_ok() && fit && check.fit()
    }

    /// Hands each of the file's lines to `see`, decoded, with line ends normalised as
    /// [`super::decode`] does, until `see` returns false; the file is read again from its
    /// start.
    pub fn each_line(&self, mut see: impl FnMut(&str) -> bool) -> io::Result<()> {
        let mut chunks = self.chunks();
        while let Some((text, last)) = chunks.next_chunk()? {
            for line in lines_of(&text, last) {
                if !see(line) {
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// The lines for which `keep` is true, each with its index among all lines and the byte
    /// offset where it starts in the decoded text; the others are passed over without a copy.
    /// Reading stops at the first error, which the iterator then holds.
    pub fn kept_lines(&self, keep: Vec<bool>) -> KeptLines {
        KeptLines {
            chunks: self.chunks(),
            keep,
            run: Rc::from(""),
            pos: 0,
            last: false,
            index: 0,
            offset: 0,
            error: None,
        }
    }

    fn chunks(&self) -> Chunks {
        Chunks {
            path: self.path.clone(),
            file: None,
            carry: Vec::new(),
            done: false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The lines of a run of whole lines: a run's last line end is followed by the next run's
/// first line, the text's last line by nothing.
fn lines_of(text: &str, last: bool) -> impl Iterator<Item = &str> {
    let body = if last {
        text
    } else {
        text.strip_suffix('\n').unwrap_or(text)
    };
    body.split('\n')
}

/// A file read as runs of whole lines.
#[derive(Debug)]
struct Chunks {
    path: PathBuf,
    /// Opened at the first read.
    file: Option<File>,
    /// Bytes read after the last line end.
    carry: Vec<u8>,
    done: bool,
}

impl Chunks {
    /// The next run of whole lines, decoded and normalised, and whether it ends the file.
    fn next_chunk(&mut self) -> io::Result<Option<(String, bool)>> {
        loop {
            if self.done {
                return Ok(None);
            }
            let file = match &mut self.file {
                Some(file) => file,
                None => self.file.insert(File::open(&self.path)?),
            };
            let before = self.carry.len();
            self.carry.resize(before + CHUNK, 0);
            let read = match file.read(&mut self.carry[before..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                    self.carry.truncate(before);
                    continue;
                }
                Err(e) => return Err(e),
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
            let mut whole = std::mem::replace(&mut self.carry, rest);
            // A line longer than a read grew the buffer by doubling: give the room back.
            if whole.capacity() > whole.len() + whole.len() / 4 {
                whole.shrink_to_fit();
            }
            return match String::from_utf8(whole) {
                Ok(t) => Ok(Some((super::normalise_breaks(t), self.done))),
                Err(_) => Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the file is no longer UTF-8 text",
                )),
            };
        }
    }
}

/// A line of a run read from a file: the run is shared by its lines, so a line costs no copy
/// of its text, and a run is let go once no line of it is held.
#[derive(Debug, Clone)]
pub struct SharedLine {
    run: Rc<str>,
    start: usize,
    end: usize,
}

impl SharedLine {
    pub fn text(&self) -> &str {
        &self.run[self.start..self.end]
    }

    /// The line without the whitespace around it, and how many bytes that took off its start.
    pub fn trimmed(mut self) -> (SharedLine, usize) {
        let text = self.text();
        let lead = text.len() - text.trim_start().len();
        let end = self.start + text.trim_end().len();
        self.start = (self.start + lead).min(end);
        self.end = end;
        (self, lead)
    }
}

/// The kept lines of a text file as they are read (see [`TextFile::kept_lines`]).
#[derive(Debug)]
pub struct KeptLines {
    chunks: Chunks,
    keep: Vec<bool>,
    /// The run of lines being read, and the byte in it where the next line starts.
    run: Rc<str>,
    pos: usize,
    last: bool,
    index: usize,
    offset: usize,
    /// Why reading stopped early: the file could not be read, or changed into something that
    /// is no longer UTF-8 since it was checked.
    pub error: Option<io::Error>,
}

impl Iterator for KeptLines {
    /// Index among all lines, byte offset, the line.
    type Item = (usize, usize, SharedLine);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.index >= self.keep.len() {
                return None;
            }
            if self.pos >= self.run.len() && !(self.last && self.pos == self.run.len()) {
                match self.chunks.next_chunk() {
                    Ok(Some((text, last))) => {
                        self.run = Rc::from(text);
                        self.last = last;
                        self.pos = 0;
                    }
                    Ok(None) => return None,
                    Err(e) => {
                        self.error = Some(e);
                        return None;
                    }
                }
            }
            let start = self.pos;
            let len = self.run[start..]
                .find('\n')
                .unwrap_or(self.run.len() - start);
            // The file's last line (the run ends the file) has no line end.
            self.pos += len + 1;
            let (index, offset) = (self.index, self.offset);
            self.index += 1;
            self.offset += len + 1;
            if self.keep.get(index).copied().unwrap_or(false) {
                let line = SharedLine {
                    run: Rc::clone(&self.run),
                    start,
                    end: start + len,
                };
                return Some((index, offset, line));
            }
        }
    }
}
