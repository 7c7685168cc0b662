//! Stage 2, **restore**: decoded page text → printed paragraphs.
//!
//! A PDF extractor leaves lines cut at the column width, blank lines wherever a column or page
//! ended, spaces from justification, doubled glyphs from fake bold and page furniture. This
//! stage rebuilds the paragraphs as printed, keeping for every character the input line it
//! came from.

pub mod chars;
pub mod columns;
pub mod doubling;
pub mod furniture;
pub mod line_pattern;
pub mod spacing;

use crate::lexicon::cue_regex;
use crate::read::text_file::SharedLine;
use chars::{is_clause_punct, is_justified, is_space, is_terminal, width};
use line_pattern::LinePattern;
use std::collections::VecDeque;
use std::sync::LazyLock;

/// An input line, trimmed, with its position.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// 1-based line number in the input.
    pub no: u32,
    /// Byte offset of the line's first character in the decoded text.
    pub byte_start: usize,
    pub text: &'a str,
    pub width: f32,
    /// The raw line began with spaces (a paragraph indent, where the document uses them).
    pub indented: bool,
    /// The line is printed twice over as a whole ([`doubling::is_doubled_text`]): told once
    /// here, since the joining rules ask it of a line several times.
    pub doubled: bool,
    /// The Markdown mark the line opened with, taken off its text.
    pub mark: Mark,
}

/// What a Markdown mark at the start of a line makes of it (text from a converter that writes
/// Markdown, or from a chat answer): a heading (`## 一、…`) is a block of its own, an item
/// (`- `, `* `, `+ `, `> `) starts one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mark {
    #[default]
    None,
    Heading,
    Item,
}

/// The Markdown mark at the start of a trimmed line, and its length in bytes with the spaces
/// after it. A mark is followed by a space: `#两会#` and `-5%` are text.
fn markdown_mark(text: &str) -> (Mark, usize) {
    let b = text.as_bytes();
    let (mark, len) = match b.first() {
        Some(b'#') => {
            let hashes = b.iter().take_while(|&&c| c == b'#').count();
            if hashes > 6 {
                return (Mark::None, 0);
            }
            (Mark::Heading, hashes)
        }
        Some(b'-' | b'*' | b'+' | b'>') => (Mark::Item, 1),
        Some(&c) if c >= 0x80 => return bullet_mark(text),
        _ => return (Mark::None, 0),
    };
    let spaces = b[len..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    if spaces == 0 || len + spaces == b.len() {
        return (Mark::None, 0);
    }
    (mark, len + spaces)
}

/// Bullet glyphs of `list_bullet` in data/cues.tsv, and the range of code points they span:
/// a line that opens outside it (nearly every line) is told at once.
static LIST_BULLETS: LazyLock<(Vec<char>, char, char)> = LazyLock::new(|| {
    let bullets: Vec<char> = crate::lexicon::cues("list_bullet")
        .iter()
        .filter_map(|b| b.chars().next())
        .collect();
    let low = bullets.iter().copied().min().unwrap_or('\0');
    let high = bullets.iter().copied().max().unwrap_or('\0');
    (bullets, low, high)
});

/// A line opened by a list bullet (`●地区生产总值增长5%以上`) is a list item; unlike
/// Markdown's marks, the glyph needs no space after it, but an item needs text.
fn bullet_mark(text: &str) -> (Mark, usize) {
    let Some(first) = text.chars().next() else {
        return (Mark::None, 0);
    };
    let (bullets, low, high) = &*LIST_BULLETS;
    if !(*low..=*high).contains(&first) || !bullets.contains(&first) {
        return (Mark::None, 0);
    }
    let skip = first.len_utf8()
        + text[first.len_utf8()..]
            .bytes()
            .take_while(|&c| c == b' ' || c == b'\t')
            .count();
    if skip == text.len() {
        return (Mark::None, 0);
    }
    (Mark::Item, skip)
}

impl<'a> Line<'a> {
    /// The line `no` of trimmed `text`, starting at `byte_start`, with what is measured of
    /// its text (width, doubling) told once, here, for every kind of input.
    pub fn new(no: u32, byte_start: usize, text: &'a str, indented: bool) -> Line<'a> {
        let (mark, skip) = markdown_mark(text);
        let text = &text[skip..];
        Line {
            no,
            byte_start: byte_start + skip,
            text,
            width: width(text),
            indented,
            doubled: doubling::is_doubled_text(text),
            mark,
        }
    }
}

/// A restored paragraph with its provenance.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// The printed text: lines joined, inserted spaces and fake-bold doubling removed, page
    /// furniture taken out.
    pub text: String,
    /// The input lines as they were (trimmed, joined by `\n`), for rules that need the
    /// original spacing, such as bylines whose names are spaced out; read through
    /// [`Para::raw`]. Kept only where those rules look (a paragraph of one line, or opening
    /// with a bracket, of up to [`RAW_KEPT_BYTES`]) and only where it differs from `text`:
    /// body text would otherwise be held twice.
    pub raw: String,
    pub line_start: u32,
    pub line_end: u32,
    pub byte_start: usize,
    pub byte_end: usize,
    /// `(char offset in text, input line)` at every change of input line.
    pub line_map: Vec<(u32, u32)>,
    /// Characters of `text` that were printed as a fake-bold lead, including its closing stop.
    pub bold_lead_chars: Option<usize>,
    /// From a trailing `（下转第二版）`: `第二版`.
    pub continued_on: Option<String>,
    /// From a leading `（上接第一版）`: `第一版`.
    pub continued_from: Option<String>,
    /// Every input line of the paragraph was short of the column width: a title or heading.
    pub short: bool,
    /// The Markdown mark its first line opened with.
    pub mark: Mark,
}

impl Para {
    /// The input lines as they were, where a rule may need them; else the text.
    pub fn raw(&self) -> &str {
        if self.raw.is_empty() {
            &self.text
        } else {
            &self.raw
        }
    }

    /// The input line that the character at `char_offset` of `text` came from.
    pub fn line_of(&self, char_offset: usize) -> u32 {
        line_at(&self.line_map, char_offset, self.line_start)
    }
}

/// Looks a character offset up in a `(char offset, input line)` map; `fallback` for an empty
/// map.
pub fn line_at(map: &[(u32, u32)], char_offset: usize, fallback: u32) -> u32 {
    let i = map.partition_point(|&(off, _)| off as usize <= char_offset);
    map.get(i.saturating_sub(1)).map_or(fallback, |&(_, l)| l)
}

// Line tests run several times on every line, and nearly all fail: each knows from its pattern
// the bytes a line must open (or close) with to match, and tests those first.
static CONTINUED_NEXT: LazyLock<LinePattern> = LazyLock::new(|| {
    LinePattern::of(cue_regex(
        r"[（(]\s*{{continued_next}}\s*((?:第\s*)?[^\s）)]{1,4}?\s*版)\s*[）)]\s*$",
    ))
});
static CONTINUED_PREV: LazyLock<LinePattern> = LazyLock::new(|| {
    LinePattern::of(cue_regex(
        r"^[（(]\s*{{continued_prev}}\s*((?:第\s*)?[^\s）)]{1,4}?\s*版)\s*[）)]",
    ))
});
static SUBTITLE: LazyLock<LinePattern> = LazyLock::new(|| {
    LinePattern::of(cue_regex(
        r"^[—－-]{1,2}\s*(?:.{0,40}{{subtitle_end}}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,40})$",
    ))
});
static BYLINE: LazyLock<LinePattern> = LazyLock::new(|| {
    LinePattern::new(r"^[（(]\s*[\p{Han}·]{1,5}(?:[ \u3000]+[\p{Han}·]{1,5})+\s*[）)]$")
});
static PAGE_NUMBER: LazyLock<LinePattern> =
    LazyLock::new(|| LinePattern::new(r"^[-—－·\s]*(?:第\s*)?\d{1,3}\s*(?:版|页)?[-—－·\s]*$"));
static SECTION_TITLE: LazyLock<LinePattern> = LazyLock::new(|| {
    LinePattern::of(cue_regex(
        r"^[一二三四五六七八九十]{1,3}\s*、[^，,；;：:。！？]{2,40}(?:{{section_title_end}})$",
    ))
});
static SALUTATION: LazyLock<LinePattern> =
    LazyLock::new(|| LinePattern::of(cue_regex(r"^{{salutation}}[，、\p{Han}]{0,12}[：:]")));
static HEADING_NUMBER: LazyLock<LinePattern> = LazyLock::new(|| {
    LinePattern::new(
        r"^(?:[一二三四五六七八九十]{1,3}\s*、|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]|\d{1,2}\s*[\.．、]\s*\D|[（(]\s*\d{1,2}\s*[）)])",
    )
});

/// Whether a line is a byline such as `（潘 洁 周 颖 朱国亮）`.
pub fn is_byline(text: &str) -> bool {
    BYLINE.is_match(text)
}

/// Whether a line is a headline subtitle such as `——2025年1月17日在…会议上`.
pub fn is_subtitle(text: &str) -> bool {
    SUBTITLE.is_match(text)
}

/// Whether text opens with a report's salutation (`各位代表：`).
pub fn is_salutation(text: &str) -> bool {
    SALUTATION.is_match(text)
}

/// Whether text opens with heading numbering: `一、` `（一）` `1.` `（1）`.
pub fn starts_with_heading_number(text: &str) -> bool {
    HEADING_NUMBER.is_match(text)
}

/// The text after its heading numbering (`一、`), or all of it.
fn after_numbering(text: &str) -> &str {
    HEADING_NUMBER.find(text).map_or(text, |m| &text[m.end()..])
}

/// Splits decoded text into lines with their widths.
pub fn lines(text: &str) -> Vec<Line<'_>> {
    each_line(text).collect()
}

/// The lines of a decoded text one at a time, with their widths.
fn each_line(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut offset = 0;
    text.split('\n').enumerate().map(move |(i, raw)| {
        let trimmed = raw.trim();
        let lead = raw.len() - raw.trim_start().len();
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = Line::new(no, offset + lead, trimmed, lead > 0);
        offset += raw.len() + 1;
        line
    })
}

/// The longest paragraph, in bytes of its input lines, whose lines are kept as they were.
pub const RAW_KEPT_BYTES: usize = 480;

/// How many neighbouring lines on each side estimate the local column width.
const WIDTH_WINDOW: usize = 8;
/// Median line width, in em, above which lines were not wrapped at a column.
const UNWRAPPED_WIDTH: f32 = 60.0;
/// A line this many em short of its column ends a paragraph.
const SHORT_BY: f32 = 2.0;
/// The same for a line that closes a sentence.
const SHORT_BY_AT_STOP: f32 = 1.0;

/// A restored text: its paragraphs, and the page furniture taken out of it.
#[derive(Debug, Clone, Default)]
pub struct Restored {
    pub paras: Vec<Para>,
    pub furniture: Vec<furniture::Furniture>,
}

/// Restores the paragraphs of a decoded text.
pub fn restore(text: &str) -> Vec<Para> {
    restore_page(text).paras
}

/// How the lines of a text relate to its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// As a page printed them, or an extractor left them: lines to be joined into paragraphs.
    #[default]
    Printed,
    /// One paragraph a line, as the PDF and HTML readers give them.
    ParagraphLines,
}

/// Restores the paragraphs of a decoded text and keeps the furniture it took out.
pub fn restore_page(text: &str) -> Restored {
    restore_layout(text, Layout::Printed)
}

/// Restores a text whose line layout is known.
pub fn restore_layout(text: &str, layout: Layout) -> Restored {
    let texts = || text.split('\n').map(str::trim);
    if layout == Layout::Printed && columns::is_flattened(texts()) {
        let all = columns::unflatten(&lines(text));
        return restore_lines(
            |see| all.iter().for_each(|l| see(l.text, l.indented, l.no)),
            |is_body| body_of(all.iter().cloned(), is_body),
            layout,
        );
    }
    restore_lines(
        |see| {
            for (i, raw) in text.split('\n').enumerate() {
                look_at(see, i, raw);
            }
        },
        |is_body| body_of(each_line(text), is_body),
        layout,
    )
}

/// Restores a text file read as a stream (see [`crate::read::text_file`]): its lines are
/// read twice and never held all at once. `Ok(None)` when the first read finds that the file
/// does not read as the whole-file reader would read it.
pub fn restore_file(file: &crate::read::text_file::TextFile) -> std::io::Result<Option<Restored>> {
    let fit = std::cell::Cell::new(false);
    let mut kept = None;
    let restored = restore_lines(
        |see| {
            let mut i = 0;
            fit.set(file.each_checked_line(|raw| {
                look_at(see, i, raw);
                i += 1;
            }));
        },
        |is_body| {
            // A file found unfit is not read again.
            let keep = if fit.get() { is_body } else { Vec::new() };
            kept.insert(file.kept_lines(keep))
                .map(|(i, at, raw)| (i, OwnedLine::new(i, at, raw)))
        },
        Layout::Printed,
    );
    match kept.and_then(|k| k.error) {
        Some(e) => Err(e),
        None => Ok(fit.get().then_some(restored)),
    }
}

/// An input line that holds its own text, read from a stream.
#[derive(Debug, Clone)]
pub struct OwnedLine {
    no: u32,
    byte_start: usize,
    text: SharedLine,
    width: f32,
    indented: bool,
    doubled: bool,
    mark: Mark,
}

impl OwnedLine {
    /// The `i`th (0-based) line of a text, `raw` as read, starting at byte `at`.
    fn new(i: usize, at: usize, raw: SharedLine) -> OwnedLine {
        let (text, lead) = raw.trimmed();
        let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let Line {
            byte_start,
            width,
            indented,
            doubled,
            mark,
            ..
        } = Line::new(no, at + lead, text.text(), lead > 0);
        OwnedLine {
            no,
            byte_start,
            text: text.skip(byte_start - (at + lead)),
            width,
            indented,
            doubled,
            mark,
        }
    }
}

/// A line the restorer can read: borrowed from a text, or holding its own.
pub trait AsLine {
    fn as_line(&self) -> Line<'_>;
}

impl AsLine for Line<'_> {
    fn as_line(&self) -> Line<'_> {
        self.clone()
    }
}

impl AsLine for OwnedLine {
    fn as_line(&self) -> Line<'_> {
        Line {
            no: self.no,
            byte_start: self.byte_start,
            text: self.text.text(),
            width: self.width,
            indented: self.indented,
            doubled: self.doubled,
            mark: self.mark,
        }
    }
}

/// Shows the restorer's first look the `i`th (0-based) input line as it is: trimmed, whether
/// indented, its line number.
fn look_at(see: &mut dyn FnMut(&str, bool, u32), i: usize, raw: &str) {
    let no = u32::try_from(i + 1).unwrap_or(u32::MAX);
    see(raw.trim(), raw.starts_with(is_space), no);
}

/// The body lines among `lines`, with their index among all lines.
fn body_of<L>(
    lines: impl Iterator<Item = L>,
    is_body: Vec<bool>,
) -> impl Iterator<Item = (usize, L)> {
    lines
        .enumerate()
        .zip(is_body)
        .filter_map(|(line, body)| body.then_some(line))
}

/// Restores paragraphs from lines in reading order, given twice: to `first_look`, which
/// shows each as `(text, indented, line number)`, then, by `body_lines`, the body lines
/// (those the first look did not find blank or furniture) to join. Only a few lines
/// around the one being joined are held at once, so a text's lines cost no memory of their
/// own.
fn restore_lines<L: AsLine, I: Iterator<Item = (usize, L)>>(
    first_look: impl FnOnce(&mut dyn FnMut(&str, bool, u32)),
    body_lines: impl FnOnce(Vec<bool>) -> I,
    layout: Layout,
) -> Restored {
    let mut furniture = Vec::new();
    // A lone page number, a running head, navigation or a footer is furniture; it counts as a
    // gap.
    let mut is_body = Vec::new();
    let (mut body_count, mut indented) = (0usize, 0usize);
    first_look(&mut |text: &str, indent: bool, no: u32| {
        let body = !text.is_empty()
            && !PAGE_NUMBER.is_match(text)
            && match furniture::classify(text) {
                Some(kind) => {
                    furniture.push(furniture::Furniture {
                        kind,
                        text: text.to_owned(),
                        line: no,
                    });
                    false
                }
                None => true,
            };
        is_body.push(body);
        body_count += usize::from(body);
        indented += usize::from(body && indent);
    });
    // Indentation marks paragraph starts only where it is rare: a layout that indents every
    // line says nothing by it.
    let indent_cue = indented > 0 && indented * 10 < body_count * 3;
    let mut body = BodyLines {
        lines: body_lines(is_body),
        window: VecDeque::new(),
        first: 0,
        exhausted: false,
        sorted: Vec::with_capacity(2 * WIDTH_WINDOW + 1),
        sorted_from: 0,
        sorted_to: 0,
    };

    let mut paras = Vec::new();
    let mut current: Vec<L> = Vec::new();
    let mut all_short = true;
    let mut prev_short = false;
    let mut k = 0;
    while body.load(k) {
        body.forget_before(k.saturating_sub(WIDTH_WINDOW));
        let column = body.column(k);
        // An item ends its paragraph, and so does the line before an item unless it breaks
        // off mid-clause.
        let item = body.item(k);
        let next_item = !item && body.item(k + 1);
        let (idx, line) = body.take(k);
        let view = line.as_line();
        // Short against the column and, inside a paragraph, against the line above: where
        // the page switches to a wider column, the narrow lines before it are still full.
        let reference = match current.last() {
            Some(prev) if !prev_short => prev.as_line().width.min(column),
            _ => column,
        };
        // A line that closes a sentence needs less to be the paragraph's last: a justified
        // line ends flush with the column, so one em short already tells.
        let short_by = if view.text.ends_with(['。', '！', '？']) {
            SHORT_BY_AT_STOP
        } else {
            SHORT_BY
        };
        let list_end = item || (next_item && !view.text.ends_with(['，', '、', '；']));
        let short = (view.width < reference - short_by || list_end) && !is_justified(view.text);
        prev_short = short;
        all_short &= short;
        // Lines far wider than any printed column were never wrapped: one line, one
        // paragraph (text saved from a web page). Nor does a wrapped line run on into
        // such a line.
        let wide = column > UNWRAPPED_WIDTH || view.width > UNWRAPPED_WIDTH;
        current.push(line);
        let ends = match body.peek(k + 1) {
            None => true,
            Some((next_idx, next)) => {
                let next = next.as_line();
                let gap = next_idx > idx + 1;
                layout == Layout::ParagraphLines
                    || wide
                    || next.width > UNWRAPPED_WIDTH
                    || (indent_cue && next.indented)
                    || paragraph_ends(&current, short, gap, &next, column)
            }
        };
        if ends {
            paras.push(build_para(&current, all_short));
            current.clear();
            all_short = true;
        }
        k += 1;
    }
    Restored { paras, furniture }
}

/// A body line waiting to be joined: its index among all lines, its width, whether it is a
/// list item once known, and the line itself until it is taken.
struct Pending<L> {
    idx: usize,
    width: f32,
    item: Option<bool>,
    line: Option<L>,
}

/// The body lines of a text (not blank, not furniture), read as they are needed, with the
/// neighbours that the column-width and list tests look at.
struct BodyLines<L, I: Iterator<Item = (usize, L)>> {
    /// Body lines with their index among all lines.
    lines: I,
    /// Body lines from number `first` on.
    window: VecDeque<Pending<L>>,
    first: usize,
    exhausted: bool,
    /// The widths of body lines `sorted_from..sorted_to`, in order: the window that the
    /// column and list tests look at, kept sorted as it slides (a line comes in at one end
    /// and goes out at the other) instead of sorted anew for every line.
    sorted: Vec<f32>,
    sorted_from: usize,
    sorted_to: usize,
}

impl<L: AsLine, I: Iterator<Item = (usize, L)>> BodyLines<L, I> {
    /// Reads on to body line `k`; whether the text has it.
    fn load(&mut self, k: usize) -> bool {
        while self.first + self.window.len() <= k && !self.exhausted {
            match self.lines.next() {
                Some((idx, line)) => self.window.push_back(Pending {
                    idx,
                    width: line.as_line().width,
                    item: None,
                    line: Some(line),
                }),
                None => self.exhausted = true,
            }
        }
        k >= self.first && k < self.first + self.window.len()
    }

    fn pending(&mut self, k: usize) -> Option<&mut Pending<L>> {
        if !self.load(k) {
            return None;
        }
        self.window.get_mut(k - self.first)
    }

    /// Body line `k`, not yet taken, and its index among all lines.
    fn peek(&mut self, k: usize) -> Option<(usize, &L)> {
        let p = self.pending(k)?;
        Some((p.idx, p.line.as_ref()?))
    }

    /// Takes body line `k` to be joined; its width and list flag stay for its neighbours.
    /// Lines are taken in order, once each.
    fn take(&mut self, k: usize) -> (usize, L) {
        let p = self
            .pending(k)
            .unwrap_or_else(|| unreachable!("body line {k} was loaded"));
        let line = p
            .line
            .take()
            .unwrap_or_else(|| unreachable!("body line {k} is taken once"));
        (p.idx, line)
    }

    fn forget_before(&mut self, k: usize) {
        while self.first < k {
            let Some(gone) = self.window.pop_front() else {
                break;
            };
            // A line that leaves the text's window leaves the sorted one too.
            if (self.sorted_from..self.sorted_to).contains(&self.first) {
                sorted_remove(&mut self.sorted, gone.width);
                self.sorted_from = self.first + 1;
            }
            self.first += 1;
        }
    }

    fn width_of(&self, k: usize) -> f32 {
        self.window[k - self.first].width
    }

    /// The widths of the lines around body line `k`, `WIDTH_WINDOW` on each side as far as
    /// the text goes, sorted.
    fn neighbours(&mut self, k: usize) -> &[f32] {
        self.load(k + WIDTH_WINDOW);
        let lo = k.saturating_sub(WIDTH_WINDOW).max(self.first);
        let hi = (k + WIDTH_WINDOW + 1).min(self.first + self.window.len());
        let (from, to) = (self.sorted_from, self.sorted_to);
        if lo >= to || hi <= from || from < self.first {
            self.sorted.clear();
            for i in lo..hi {
                let w = self.width_of(i);
                self.sorted.push(w);
            }
            self.sorted.sort_unstable_by(f32::total_cmp);
        } else {
            for i in (from..lo).chain(hi..to) {
                let w = self.width_of(i);
                sorted_remove(&mut self.sorted, w);
            }
            for i in (lo..from).chain(to..hi) {
                let w = self.width_of(i);
                let at = self.sorted.partition_point(|x| x.total_cmp(&w).is_lt());
                self.sorted.insert(at, w);
            }
        }
        (self.sorted_from, self.sorted_to) = (lo, hi);
        &self.sorted
    }

    /// Column width at body line `k`: the median width of its neighbours. Most lines of a
    /// paragraph are full, so the median is the measure even where the page changes column
    /// width.
    fn column(&mut self, k: usize) -> f32 {
        let window = self.neighbours(k);
        window[window.len() / 2]
    }

    /// For a line standing among lines of which hardly any is full, the width of the widest.
    fn ragged(&mut self, k: usize) -> Option<f32> {
        let window = self.neighbours(k);
        if window.len() < RAGGED_MIN_LINES {
            return None;
        }
        let widest = window.last().copied().unwrap_or(0.0).max(0.0);
        let full = window.len() - window.partition_point(|&w| w < widest - SHORT_BY);
        ((full as f32) < FULL_SHARE * window.len() as f32).then_some(widest)
    }

    /// Whether body line `k` is an item of a list set one a line (`城镇新增就业 1,256 万人`),
    /// not a piece of wrapped prose: where hardly any line is full, a short line of a figure
    /// without punctuation. Once a list has started, a line like its items goes on with it,
    /// though the items around it are as wide as each other (the end of a list looks like a
    /// narrow column). Asked before the line is taken.
    fn item(&mut self, k: usize) -> bool {
        let Some(p) = self.pending(k) else {
            return false;
        };
        if let Some(known) = p.item {
            return known;
        }
        let width = p.width;
        let like = p
            .line
            .as_ref()
            .is_some_and(|l| looks_like_item(&l.as_line()));
        let listed = like && k > self.first && self.item(k - 1);
        let item = listed || like && self.ragged(k).is_some_and(|w| width < w - 2.0 * SHORT_BY);
        if let Some(p) = self.pending(k) {
            p.item = Some(item);
        }
        item
    }
}

/// Takes one value equal to `w` out of the sorted `values`.
fn sorted_remove(values: &mut Vec<f32>, w: f32) {
    let at = values.partition_point(|x| x.total_cmp(&w).is_lt());
    if values.get(at).is_some_and(|x| x.total_cmp(&w).is_eq()) {
        values.remove(at);
    }
}

/// Share of a window's lines that must be full (within two em of the widest: half-width
/// digits make full lines differ by an em) for its lines to have been wrapped at a column.
const FULL_SHARE: f32 = 0.25;
/// Fewest lines in a window before raggedness tells anything.
const RAGGED_MIN_LINES: usize = 6;
/// Widest list item, in em: a summary list of a report's figures runs to 25 em
/// (`数字经济核心产业增加值占国内生产总值比重达到12.5%`).
const LIST_ITEM_MAX: f32 = 26.0;
/// A list item states a figure near its end: a digit among its last characters.
const ITEM_FIGURE_TAIL: usize = 8;

/// A line that may be an item of a list of figures: short, no punctuation (an ASCII comma or
/// point belongs to a number: 1,256, 1.3), a figure near its end. Among ragged lines, one well short of
/// the widest starts a list.
fn looks_like_item(line: &Line) -> bool {
    // A heading (numbered, or printed twice over) may break across lines after a digit.
    // A line that ends inside a number (`增长4.` then `5%`) was cut there.
    // The cheap tests first: most lines of prose fail the figure at the end.
    line.width < LIST_ITEM_MAX
        && !line.text.ends_with(['.', ','])
        && line
            .text
            .chars()
            .rev()
            .take(ITEM_FIGURE_TAIL)
            .any(|c| c.is_ascii_digit())
        && !starts_with_heading_number(line.text)
        && !line.doubled
        && !line
            .text
            .chars()
            .any(|c| (is_clause_punct(c) && c != ',') || (is_terminal(c) && c != '.') || c == '、')
}

/// A short line that leads a list: a date and a colon, no other punctuation (`2025年目标：`).
fn is_list_lead(line: &Line) -> bool {
    let Some(body) = line.text.strip_suffix(['：', ':']) else {
        return false;
    };
    line.width < LIST_ITEM_MAX
        && body.chars().any(|c| c.is_ascii_digit())
        && !body
            .chars()
            .any(|c| is_clause_punct(c) || is_terminal(c) || c == '、')
}

/// Decides whether the paragraph built so far (`current`, its last line `short` or not)
/// ends before `next`; `gap` tells that blank lines stand between them.
fn paragraph_ends<L: AsLine>(
    current: &[L],
    short: bool,
    gap: bool,
    next: &Line,
    column: f32,
) -> bool {
    let Some(last) = current.last().map(AsLine::as_line) else {
        return true;
    };
    // A Markdown heading is a block of its own; a heading or an item mark opens one.
    if last.mark == Mark::Heading || next.mark != Mark::None {
        return true;
    }
    // A fake-bold copy read as a line of its own, the next line reading it again and
    // running on: the two are one.
    if bold_copy_line(last.text, next.text) {
        return false;
    }
    let terminal = last.text.chars().last().is_some_and(is_terminal);
    let next_chars = || -> Vec<char> {
        next.text
            .chars()
            .filter(|&c| !is_space(c))
            .take(DOUBLING_PROBE)
            .collect()
    };
    // A heading line printed twice over stands alone, unless the lead runs on, doubled, into
    // the next line.
    if last.doubled && !next.doubled && !doubling::starts_with_lead_rest(&next_chars()) {
        return true;
    }
    // A salutation alone on its line opens the address: what stood before it (a speaker
    // line, centred short or not) has ended.
    if is_salutation(next.text) && next.text.ends_with(['：', ':']) {
        return true;
    }
    // A top-level numbered section title that fills its line and closes with a section word
    // (`三、2026年重点工作安排`), before a full line: the title has ended, though an extractor
    // that reads fake bold once leaves no mark of it.
    if current.len() == 1
        && !terminal
        && next.width >= column - SHORT_BY
        && SECTION_TITLE.is_match(last.text)
    {
        return true;
    }
    if is_byline(last.text)
        || is_subtitle(last.text)
        || (is_salutation(last.text) && last.text.ends_with(['：', ':']))
        || CONTINUED_NEXT.is_match(last.text)
        || is_byline(next.text)
        || is_subtitle(next.text)
        || CONTINUED_PREV.is_match(next.text)
        || (is_salutation(next.text) && (terminal || short || gap))
    {
        return true;
    }
    if (terminal || short || gap) && doubling::starts_with_bold(&next_chars()) {
        return true;
    }
    // A dated lead of a list standing alone after a gap (`2025年目标：`) opens a new part.
    if gap && is_list_lead(next) && !last.text.ends_with(['，', '、', '；']) {
        return true;
    }
    // A numbered line after a blank line opens a block (a list of tasks under a lead), unless
    // the line before broke off inside a clause.
    if starts_with_heading_number(next.text)
        && (terminal || short || gap && !last.text.ends_with(['，', '、', '；']))
    {
        return true;
    }
    // A numbered heading standing alone before a blank line, even where single-line paragraphs
    // leave no column to measure it against.
    if gap
        && !terminal
        && (last.width < next.width - SHORT_BY
            || !after_numbering(last.text).chars().any(is_clause_punct))
        && current.len() <= 2
        && starts_with_heading_number(current[0].as_line().text)
        && current
            .iter()
            .map(|l| l.as_line().text.chars().count())
            .sum::<usize>()
            <= 48
    {
        return true;
    }
    if short {
        // A numbered heading too long for its centred line wraps onto a second short line:
        // `一、强化思想政治引领，牢牢把握人` + `大工作正确政治方向`.
        // A line that states a figure is an item after the heading, not the rest of it.
        let wrapped_heading = current.len() == 1
            && !terminal
            && !gap
            && starts_with_heading_number(last.text)
            && !next.text.chars().last().is_some_and(is_terminal)
            && next.width < column - SHORT_BY
            && !looks_like_item(next);
        return !wrapped_heading;
    }
    terminal && gap
}

/// Whether `line` is a fake-bold copy that `next` reads again: the same heading-like text (no
/// clause punctuation: two equal lines of running text are a repetition, not a copy), or
/// (for a lead that closes with a stop) the start of it: `——向新而行。` then `——向新而行。全力`.
pub(crate) fn bold_copy_line(line: &str, next: &str) -> bool {
    let printed = |s: &str| s.chars().filter(|&c| !is_space(c)).collect::<Vec<char>>();
    // Nearly every pair of lines differs at once: decide that before collecting anything.
    let first = |s: &str| s.chars().find(|&c| !is_space(c));
    if first(line).is_none() || first(line) != first(next) {
        return false;
    }
    let line = printed(line);
    let next = printed(next);
    line.len() >= 2
        && ((next == line && !line.iter().copied().any(is_clause_punct))
            || (next.starts_with(&line) && line.last().copied().is_some_and(chars::is_lead_closer)))
}

fn squash(s: &str) -> String {
    s.chars().filter(|&c| !is_space(c)).collect()
}

/// Characters probed for a fake-bold lead: a lead is at most a few lines, so probing more
/// cannot change the answer.
const DOUBLING_PROBE: usize = 400;

/// The input lines of a paragraph as [`Para::raw`] keeps them.
fn kept_raw<L: AsLine>(lines: &[L], text: &str) -> String {
    let bytes = lines
        .iter()
        .map(|l| l.as_line().text.len() + 1)
        .sum::<usize>();
    let read_raw = lines.len() == 1 || text.starts_with(['（', '(']);
    if bytes > RAW_KEPT_BYTES || !read_raw {
        return String::new();
    }
    let raw = lines
        .iter()
        .map(|l| l.as_line().text)
        .collect::<Vec<_>>()
        .join("\n");
    if raw == text {
        String::new()
    } else {
        raw
    }
}

fn build_para<L: AsLine>(lines: &[L], all_short: bool) -> Para {
    let mut joined = spacing::Joined::with_capacity(
        lines.iter().map(|l| l.as_line().text.len() + 1).sum(),
        lines.len(),
    );
    // Fake-bold copies are counted in printed (non-space) characters.
    let mut printed_chars = 0;
    let mut last_read: Option<char> = None;
    // A line that the next one reads again is a fake-bold copy: the lead ends where it ends.
    let mut copy_lead = None;
    for (k, line) in lines.iter().enumerate() {
        let line = line.as_line();
        if let Some(next) = lines.get(k + 1) {
            if bold_copy_line(line.text, next.as_line().text) {
                let copied = squash(line.text).chars().count();
                if line.text.chars().last().is_some_and(chars::is_lead_closer) {
                    copy_lead = Some(printed_chars + copied);
                }
                continue;
            }
        }
        let first = line.text.chars().next();
        if let (Some(prev), Some(first)) = (last_read, first) {
            // English wrapped at a word boundary keeps its space; Chinese joins directly.
            if chars::is_latin_word(prev) && first.is_ascii_alphabetic() {
                joined.push(' ', line.no);
            }
        }
        printed_chars += joined.push_line(line.text, line.no);
        last_read = line.text.chars().next_back().or(last_read);
    }

    let mut continued_on = None;
    let mut continued_from = None;
    if let Some(m) = CONTINUED_NEXT.captures(&joined.text) {
        continued_on = m.get(1).map(|g| g.as_str().to_owned());
        let start = m.get(0).map_or(joined.text.len(), |g| g.start());
        let keep = joined.chars - joined.text[start..].chars().count();
        joined.truncate_chars(keep);
    }
    // Only a paragraph that opens as the mark does is cut down to its opening to be read.
    if CONTINUED_PREV.may_match(&joined.text) {
        let opening: String = joined.text.chars().take(16).collect();
        if let Some(m) = CONTINUED_PREV.captures(&opening) {
            continued_from = m.get(1).map(|g| squash(g.as_str()));
            let end = m.get(0).map_or(0, |g| g.end());
            joined.splice_front(&[], opening[..end].chars().count());
        }
    }

    // The copy's length counts printed characters; spaces kept between Latin words count too.
    let mut bold_lead_chars = copy_lead.and_then(|n| {
        let mut printed = 0;
        joined.text.chars().position(|c| {
            printed += usize::from(!is_space(c));
            printed == n
        })
    });
    if bold_lead_chars.is_some() {
        bold_lead_chars = bold_lead_chars.map(|i| i + 1);
    } else if doubling::opens_doubled(&joined.text) {
        // A bold lead is found within the first few hundred characters; see `doubling`.
        let probe: Vec<char> = joined.text.chars().take(DOUBLING_PROBE).collect();
        if let Some(lead) = doubling::find_bold_lead(&probe) {
            bold_lead_chars = Some(lead.kept.len());
            joined.splice_front(&lead.kept, lead.consumed);
        }
    }
    let spaces_dropped = joined.text.capacity() - joined.text.len();
    if spaces_dropped > joined.text.len() / 4 {
        joined.text.shrink_to_fit();
    }
    let spacing::Joined { text, line_map, .. } = joined;
    let raw = kept_raw(lines, &text);
    // Lines come in reading order, which on a page read down its columns is not input order:
    // the span covers all of them.
    Para {
        text,
        raw,
        line_start: lines.iter().map(|l| l.as_line().no).min().unwrap_or(0),
        line_end: lines.iter().map(|l| l.as_line().no).max().unwrap_or(0),
        byte_start: lines
            .iter()
            .map(|l| l.as_line().byte_start)
            .min()
            .unwrap_or(0),
        byte_end: lines
            .iter()
            .map(|l| l.as_line().byte_start + l.as_line().text.len())
            .max()
            .unwrap_or(0),
        line_map,
        bold_lead_chars,
        continued_on,
        continued_from,
        short: all_short,
        mark: lines.first().map_or(Mark::None, |l| l.as_line().mark),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        restore(input).into_iter().map(|p| p.text).collect()
    }

    /// The window tests on widths as the restorer asks them: the column at each line in
    /// turn, the raggedness at it and at the next, after the lines far behind are forgotten.
    /// The sorted sliding window answers as sorting each window anew does.
    fn check_window(widths: &[f32], ask_back: bool) {
        let lines = widths.iter().enumerate().map(|(i, &width)| {
            let line = Line {
                no: i as u32 + 1,
                byte_start: 0,
                text: "",
                width,
                indented: false,
                doubled: false,
                mark: Mark::None,
            };
            (i, line)
        });
        let mut body = BodyLines {
            lines,
            window: VecDeque::new(),
            first: 0,
            exhausted: false,
            sorted: Vec::new(),
            sorted_from: 0,
            sorted_to: 0,
        };
        let mut k = 0;
        while body.load(k) {
            body.forget_before(k.saturating_sub(WIDTH_WINDOW));
            let first = body.first;
            let oracle = |at: usize| -> Vec<f32> {
                let lo = at.saturating_sub(WIDTH_WINDOW).max(first);
                let hi = (at + WIDTH_WINDOW + 1).min(widths.len());
                widths[lo..hi].to_vec()
            };
            let mut window = oracle(k);
            let middle = window.len() / 2;
            let median = *window.select_nth_unstable_by(middle, f32::total_cmp).1;
            let ragged_oracle = |at: usize| {
                let window = oracle(at);
                (window.len() >= RAGGED_MIN_LINES).then_some(())?;
                let widest = window.iter().copied().fold(0.0, f32::max);
                let full = window.iter().filter(|&&w| w >= widest - SHORT_BY).count();
                ((full as f32) < FULL_SHARE * window.len() as f32).then_some(widest)
            };
            assert_eq!(body.column(k), median, "column at {k}");
            let next = (k + 1 < widths.len()).then(|| k + 1);
            for at in [Some(k), next, ask_back.then(|| k.checked_sub(1)).flatten()]
                .into_iter()
                .flatten()
            {
                assert_eq!(body.ragged(at), ragged_oracle(at), "ragged at {at}");
            }
            k += 1;
        }
        assert_eq!(k, widths.len(), "every line is read");
    }

    proptest::proptest! {
        #[test]
        fn the_sliding_window_answers_as_a_sorted_window(
            half_ems in proptest::collection::vec(0u8..90, 0..60),
            ask_back in proptest::bool::ANY,
        ) {
            let widths: Vec<f32> = half_ems.iter().map(|&h| f32::from(h) / 2.0).collect();
            check_window(&widths, ask_back);
        }
    }

    /// A paragraph of `n` full lines of 20 em and a short last line, to give the column
    /// estimate something to measure.
    pub(crate) fn body(n: usize) -> String {
        "各地坚持稳中求进工作总基调，完整准确全面贯\n".repeat(n) + "彻新发展理念。\n"
    }

    #[test]
    fn a_list_set_one_figure_a_line_keeps_its_items_apart() {
        let text = "国务院总理在十四届全国人大三次会议上作政府工作报告，重点如下。\n\n2024年国内生产毛额达 134.9 兆元人民币，成长 5%\n城镇新增就业 1,256 万人\n城镇调查失业率平均 5.1%\n\n2025年目标：\n国内生产毛额成长 5% 左右\n城镇新增就业 1,200 万人以上\n居民消费价格涨幅 2% 左右\n赤字率 4% 左右\n超长期特别国债 1.3 兆元人民币\n地方政府专项债券 4.4 兆元人民币\n";
        let paras = restore(text);
        let texts: Vec<&str> = paras.iter().map(|p| p.text.as_str()).collect();
        for item in [
            "城镇新增就业1,256万人",
            "城镇调查失业率平均5.1%",
            "2025年目标：",
            "赤字率4%左右",
            "地方政府专项债券4.4兆元人民币",
        ] {
            assert!(texts.contains(&item), "{item}: {texts:?}");
        }
    }

    #[test]
    fn a_short_line_ends_a_paragraph_without_a_blank_line() {
        let input = format!(
            "{}今年以来各地两会密集召开，代表委员们共同\n发出声音：坚定信心、凝聚合力。\n“企业将聚焦主责主业，加快推进项目建设，不\n断提升核心竞争力。”\n",
            body(4)
        );
        let t = texts(&input);
        assert_eq!(t.len(), 3, "{t:?}");
        assert_eq!(
            t[1],
            "今年以来各地两会密集召开，代表委员们共同发出声音：坚定信心、凝聚合力。"
        );
    }

    #[test]
    fn narrow_lines_before_a_wider_column_stay_in_their_paragraph() {
        let narrow = "短栏正文每行十二个字啊\n".repeat(6);
        let wide = "宽栏的正文每一行都有二十个汉字的宽度呀\n".repeat(6);
        let input = format!("{narrow}{wide}完。\n");
        assert_eq!(texts(&input).len(), 1);
    }

    #[test]
    fn justified_line_with_spaces_is_not_short() {
        let input = format!(
            "{}在 谈 到 GDP 增 速 等 主 要 预 期 目 标\n时，报告指出：目标兼顾了需要和可能，体现了\n质和量的统一。\n",
            body(4)
        );
        let t = texts(&input);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[1].starts_with("在谈到GDP增速等主要预期目标时"));
    }

    #[test]
    fn numbered_heading_wrapped_over_two_short_lines() {
        let input = format!(
            "{}\n三、着力提高立法质量，为全省高\n质量发展提供法治保障\n\n{}",
            body(4),
            body(4)
        );
        let t = texts(&input);
        assert_eq!(
            t[1], "三、着力提高立法质量，为全省高质量发展提供法治保障",
            "{t:?}"
        );
        assert_eq!(t.len(), 3);
    }

    #[test]
    fn numbered_heading_before_a_short_one_line_paragraph() {
        let input = "各位代表：\n现在，我代表省人民政府向大会报告工作。\n\n一、2025年工作回顾\n\n全省生产总值增长5.6%。\n";
        let t = texts(input);
        assert_eq!(t[2], "一、2025年工作回顾", "{t:?}");
        assert_eq!(t[3], "全省生产总值增长5.6%。");
    }

    #[test]
    fn page_numbers_are_furniture() {
        let line = "各地坚持稳中求进工作总基调，完整准确全面贯\n";
        let input = format!("{}{line}- 3 -\n\n{line}彻新发展理念。\n", body(4));
        let t = texts(&input);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[1].contains("贯各地坚持"));
    }

    #[test]
    fn rare_indentation_starts_paragraphs() {
        let input = format!(
            "{}　　新一段从缩进开始，内容照常排满整行宽度啊\n结束了。\n",
            body(4).replacen("各地", "　　各地", 1)
        );
        let t = texts(&input);
        assert_eq!(t.len(), 2, "{t:?}");
        assert!(t[1].starts_with("新一段从缩进开始"));
    }

    #[test]
    fn markdown_marks_open_blocks_and_leave_the_text() {
        let input = "### 一、2023年工作回顾\n主要成就包括：\n- **经济回升向好**：生产总值增长5.2%。\n- **科技创新**：技术合同成交额增长28.6%。\n* 研发投入强度：2.6%\n> 引自报告\n#两会# 话题\n-5%的降幅\n●地区生产总值增长5%以上\n■ 城镇新增就业110万人以上\n●\n";
        let paras = restore(input);
        let got: Vec<(&str, Mark)> = paras.iter().map(|p| (p.text.as_str(), p.mark)).collect();
        assert_eq!(
            got,
            [
                ("一、2023年工作回顾", Mark::Heading),
                ("主要成就包括：", Mark::None),
                ("经济回升向好：生产总值增长5.2%。", Mark::Item),
                ("科技创新：技术合同成交额增长28.6%。", Mark::Item),
                ("研发投入强度：2.6%", Mark::Item),
                ("引自报告", Mark::Item),
                ("#两会#话题", Mark::None),
                ("-5%的降幅", Mark::None),
                ("地区生产总值增长5%以上", Mark::Item),
                ("城镇新增就业110万人以上", Mark::Item),
                ("●", Mark::None),
            ]
        );
        // Spans point past the marks, at the text.
        assert_eq!(
            &input[paras[0].byte_start..paras[0].byte_end],
            "一、2023年工作回顾"
        );
    }

    #[test]
    fn a_list_of_long_figure_lines_is_one_item_a_line() {
        let input = "二、“十五五”时期主要目标和重大任务\n全社会研发经费投入年均增长 7% 以上\n单位国内生产总值二氧化碳排放累计降低 17%\n数字经济核心产业增加值占国内生产总值比重达到 12.5%\n劳动年龄人口平均受教育年限提高到 11.7 年\n人均预期寿命提高到 80 岁\n粮食综合生产能力达到 1.45 万亿斤左右\n能源综合生产能力达到 58 亿吨标准煤\n农村居民人均可支配收入分别增长4.\n5%、5.5%左右，居民消费价格涨幅\n";
        let got = texts(input);
        assert_eq!(got.len(), 9, "{got:?}");
        assert_eq!(got[1], "全社会研发经费投入年均增长7%以上");
        // A line cut inside a number runs on.
        assert_eq!(
            got[8],
            "农村居民人均可支配收入分别增长4.5%、5.5%左右，居民消费价格涨幅"
        );
    }

    #[test]
    fn a_numbered_line_after_a_blank_line_opens_a_block() {
        let input = "重点抓好十个方面工作\n\n  1.扎实推进经济量质齐升\n\n  2.扎实落实科教强省战略\n\n统筹推进城乡融合、\n\n1.5万亿元的项目落地。\n";
        assert_eq!(
            texts(input),
            [
                "重点抓好十个方面工作",
                "1.扎实推进经济量质齐升",
                "2.扎实落实科教强省战略",
                "统筹推进城乡融合、1.5万亿元的项目落地。",
            ]
        );
    }

    #[test]
    fn unwrapped_lines_are_paragraphs() {
        let long = "全省上下坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的二十大精神，坚定不移推动高质量发展，经济运行总体平稳、稳中有进，各项事业取得新进展。";
        let input = format!("{long}\n{long}\n{long}\n");
        assert_eq!(texts(&input).len(), 3);
    }

    #[test]
    fn fake_bold_lead_after_a_full_line_starts_a_paragraph() {
        let input = format!(
            "{}上一段的最后一行正好排满整行的宽度了。\n（（二二））扩大有效需求扩大有效需求。。推动消费\n回升。\n",
            body(4)
        );
        let paras = restore(&input);
        let last = paras.last().unwrap();
        assert_eq!(last.text, "（二）扩大有效需求。推动消费回升。");
        assert_eq!(last.bold_lead_chars, Some(10));
    }

    #[test]
    fn bold_lead_doubled_across_a_line_break_with_spaced_glyphs() {
        let input = "持 续 筑 牢 思 想 根持 续 筑 牢 思 想 根\n基基。。人民代表大会制度走过了不平凡的历程。\n";
        let p = &restore(input)[0];
        assert_eq!(
            p.text,
            "持续筑牢思想根基。人民代表大会制度走过了不平凡的历程。"
        );
        assert_eq!(p.bold_lead_chars, Some(9));
        assert_eq!(p.line_of(0), 1);
        assert_eq!(p.line_of(7), 2);
    }

    #[test]
    fn continuation_marker_is_page_furniture() {
        let p = &restore("惠及160余万人。（下转第二版）\n")[0];
        assert_eq!(p.text, "惠及160余万人。");
        assert_eq!(p.continued_on.as_deref(), Some("第二版"));
        let p = &restore("（上接第一版）加快建设。\n")[0];
        assert_eq!(p.text, "加快建设。");
        assert_eq!(p.continued_from.as_deref(), Some("第一版"));
    }

    #[test]
    fn byline_subtitle_and_salutation_are_their_own_paragraphs() {
        let input = "共同推动高质量发展。\n（张 三 李 四 王小明）\n各位代表：\n政府工作报告\n——2026年1月20日在河南省第十四届人民代表大会第四次会议上\n省长 王某某\n";
        let t = texts(input);
        assert_eq!(
            t,
            vec![
                "共同推动高质量发展。",
                "（张三李四王小明）",
                "各位代表：",
                "政府工作报告",
                "——2026年1月20日在河南省第十四届人民代表大会第四次会议上",
                "省长王某某"
            ]
        );
        assert_eq!(restore(input)[1].raw(), "（张 三 李 四 王小明）");
    }

    #[test]
    fn provenance_spans_point_at_the_input() {
        let input = "\n第一行文字内容，\n第二行。\n";
        let p = &restore(input)[0];
        assert_eq!((p.line_start, p.line_end), (2, 3));
        assert_eq!(
            &input[p.byte_start..p.byte_end],
            "第一行文字内容，\n第二行。"
        );
    }
}
