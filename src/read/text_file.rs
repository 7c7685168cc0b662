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
use crate::restore::columns::TableShare;
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
    table: TableShare,
}

impl Check {
    /// Takes in one line; false as soon as the file is found unfit.
    fn line(&mut self, line: &str, max_line_bytes: usize) -> bool {
        if line.len() > max_line_bytes
            || memchr::memchr(0, line.as_bytes()).is_some()
            || script::has_traditional(line)
        {
            return false;
        }
        self.table.see(line.trim());
        true
    }

    /// Something to read, and not a table read down its columns.
    fn fit(&self) -> bool {
        self.table.non_blank > 0 && !self.table.is_flattened()
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
            for (start, end) in line_spans(text, last) {
                if !see(&text[start..end]) {
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
            lines: Vec::new().into_iter(),
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
            run: Vec::new(),
            normalised: String::new(),
            done: false,
        }
    }
}

/// Where the lines of a run of whole lines lie in it (byte ranges): a run's last line end is
/// followed by the next run's first line, the text's last line (in the `last` run) by
/// nothing.
fn line_spans(text: &str, last: bool) -> impl Iterator<Item = (usize, usize)> + '_ {
    let body = if last {
        text
    } else {
        text.strip_suffix('\n').unwrap_or(text)
    };
    let mut start = 0;
    body.split('\n').map(move |line| {
        let span = (start, start + line.len());
        start = span.1 + 1;
        span
    })
}

/// A file read as runs of whole lines.
#[derive(Debug)]
struct Chunks {
    path: PathBuf,
    /// Opened at the first read.
    file: Option<File>,
    /// Bytes read after the last line end.
    carry: Vec<u8>,
    /// The run of whole lines last read, and its text with line ends normalised where they
    /// needed it.
    run: Vec<u8>,
    normalised: String,
    done: bool,
}

impl Chunks {
    /// Lets go of the last run read, once its text has been copied.
    fn release(&mut self) {
        self.run = Vec::new();
        self.normalised = String::new();
    }

    /// The next run of whole lines, decoded and normalised, and whether it ends the file.
    fn next_chunk(&mut self) -> io::Result<Option<(&str, bool)>> {
        // The last run is done with: not held while the next is read.
        self.release();
        loop {
            if self.done {
                return Ok(None);
            }
            let file = match &mut self.file {
                Some(file) => file,
                None => self.file.insert(File::open(&self.path)?),
            };
            let read = file.take(CHUNK as u64).read_to_end(&mut self.carry)?;
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
            self.run = std::mem::replace(&mut self.carry, rest);
            // A line longer than a read grew the buffer by doubling: give the room back.
            if self.run.capacity() > self.run.len() + self.run.len() / 4 {
                self.run.shrink_to_fit();
            }
            // The text is borrowed from the bytes read, checked by a vectorised validator:
            // a file is read twice, and the standard check cost more than reading it.
            let Ok(text) = simdutf8::basic::from_utf8(&self.run) else {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the file is no longer UTF-8 text",
                ));
            };
            if !super::needs_normalising(text) {
                return Ok(Some((text, self.done)));
            }
            self.normalised = super::normalise_breaks(text.to_owned());
            return Ok(Some((&self.normalised, self.done)));
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

    /// The line without its first `bytes` bytes (a mark before its text).
    pub fn skip(mut self, bytes: usize) -> SharedLine {
        self.start = (self.start + bytes).min(self.end);
        self
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
    /// The run of lines being read, and the lines of it not yet read (byte ranges).
    run: Rc<str>,
    lines: std::vec::IntoIter<(usize, usize)>,
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
        while self.index < self.keep.len() {
            let Some((start, end)) = self.lines.next() else {
                match self.chunks.next_chunk() {
                    Ok(Some((text, last))) => {
                        let spans: Vec<(usize, usize)> = line_spans(text, last).collect();
                        self.run = Rc::from(text);
                        self.chunks.release();
                        self.lines = spans.into_iter();
                        continue;
                    }
                    Ok(None) => return None,
                    Err(e) => {
                        self.error = Some(e);
                        return None;
                    }
                }
            };
            let (index, offset) = (self.index, self.offset);
            self.index += 1;
            self.offset += end - start + 1;
            if self.keep[index] {
                let run = Rc::clone(&self.run);
                return Some((index, offset, SharedLine { run, start, end }));
            }
        }
        None
    }
}
