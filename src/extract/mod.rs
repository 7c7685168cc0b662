//! Stage 4, **extract**: the document → every quantitative fact, with its attributes and the
//! span it came from.
//!
//! Quantities come from [`quantity::scan`]; this module reads their context: the clause (up to
//! `，；：。`), the segment (up to `；`) and the sentence (up to `。！？`) around each one, the
//! section of the report it sits in, and the article's region and year.

pub mod model;
pub mod numeral;
pub mod quantity;

use crate::lexicon::{
    cue_finder, cue_regex, cue_rows, cue_words, cues, remove_words, rows, strip_cue_endings,
    CueAutomaton,
};
use crate::regions;
use crate::structure::{Article, Document, Period, Section};
use aho_corasick::AhoCorasick;
pub use model::*;
use quantity::{Quantity, UnitClass};
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFD)
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | '；' | '：' | '。' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '…'
    )
}

fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

fn is_segment_break(c: char) -> bool {
    is_sentence_break(c) || matches!(c, '；' | ';' | '…')
}

/// A year as a time in digits (`2024年`): the common case, and a fast search.
static YEAR_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})\s*年(以来|来)?").unwrap_or_else(|e| panic!("{e}")));
/// A year in digits or spelled digit by digit (二〇二四年, 二○二四年), for a text that holds a
/// spelled zero: every spelled year of this century has one.
static YEAR_ANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*年(以来|来)?")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The year pattern `text` needs: the spelled one only where a spelled year's zero stands
/// (二〇二四, 二○二四, 二零二四, 二零一九; not 零售, which most reports say).
fn year_pattern(text: &str) -> &'static Regex {
    // Substring searches (vectorised) beat one pass that decodes every character.
    if text.contains('〇') || text.contains('○') || text.contains("零二") || text.contains("零一")
    {
        &YEAR_ANY
    } else {
        &YEAR_DIGITS
    }
}

/// A span of years written out: 2021至2024年, 二○二一至二○二四年.
static YEAR_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*年?\s*[至到—\-～~]\s*(\d{4}|[〇○零一二三四五六七八九]{4})\s*年",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// `2021至2024年，GDP分别增长8%、1.9%、4.8%、3.5%`: a `分别` list with one figure for each
/// year of the span its sentence names before it gives the k-th figure the k-th year.
fn respective_year(q: &Quantity, all: &[Quantity], ctx: &Context) -> Option<i32> {
    let (pos, listed, k) = respectively_slot(q, all, ctx)?;
    let c = YEAR_SPAN
        .captures_iter(ctx.slice(ctx.sentence.0, pos))
        .last()?;
    let (first, last) = (year_value(&c[1])?, year_value(&c[2])?);
    let k = i32::try_from(k).ok()?;
    (last > first && usize::try_from(last - first + 1).ok()? == listed.len()).then_some(first + k)
}

/// The value of a year [`YEAR_ANY`] read, in digits or spelled.
fn year_value(written: &str) -> Option<i32> {
    if let Ok(y) = written.parse::<i32>() {
        return Some(y);
    }
    written.chars().try_fold(0i32, |acc, c| {
        Some(acc * 10 + i32::try_from(numeral::cn_digit(c)?).ok()?)
    })
}
static TARGET: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{target}}"));
static NOT_CHANGE: LazyLock<AhoCorasick> = LazyLock::new(|| cue_words(&["not_change"]));
static UPGRADE_VERBS: LazyLock<AhoCorasick> = LazyLock::new(|| cue_words(&["upgrade_verb"]));
static COMPARED_LAST_YEAR: LazyLock<AhoCorasick> =
    LazyLock::new(|| cue_words(&["compared_last_year"]));
static CURRENT_YEAR: LazyLock<AhoCorasick> = LazyLock::new(|| cue_words(&["current_year"]));
/// Words that open a look back over five years (过去5年, 五年来): coverage that says so before
/// a figure, in its paragraph, tells results.
static FIVE_YEAR_REVIEW_OPENER: LazyLock<Regex> =
    LazyLock::new(|| cue_regex("{{opener_five_year_review}}"));
static TARGET_FRAME: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{target_frame}}"));
static ESTIMATE: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{estimate}}"));
static OUTCOME: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{outcome}}"));
static THIS_YEAR: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{this_year}}"));
static LAST_YEAR: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{last_year}}"));
/// Characters that make the year word after them a base of comparison (比去年, 较上年).
const COMPARISON_BASE: [char; 3] = ['比', '较', '于'];
static GENERIC: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{generic_subject}}"));
static SHARE: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{share_word}}"));
static CHANGE_NOUN: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{change_noun}}"));
/// Change verbs of two characters or more, read anywhere in a figure's verb phrase (one of a
/// single character only at its end).
static CHANGE_UP_INSIDE: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| cue_finder("change_up", 2));
static CHANGE_DOWN_INSIDE: LazyLock<aho_corasick::AhoCorasick> =
    LazyLock::new(|| cue_finder("change_down", 2));
static PERIOD_SPAN: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{period_span}}"));
static PERIOD_SPAN_LOCAL: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{period_span_local}}"));
static TARGET_TOPIC: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{target_topic}}"));
static PERIOD_SPAN_NOT: LazyLock<Regex> = LazyLock::new(|| cue_regex("{{period_span_not}}"));
/// A plan's name followed by words of time: `“十四五”时期`, `十四五以来`.
static PLAN_TIME: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex("^[“\"‘']?(?:十[一二三四五六七八九]?|[六七八九])五[”\"’']?{{plan_time}}")
});
static START_VALUE: LazyLock<Regex> = LazyLock::new(|| cue_regex("(?:{{start_value}})$"));
/// Every plan's ordinal ends in 五 (十四五): a text without it names none.
const PLAN_MARK: char = '五';
/// Words that make a thing named after them a base of comparison (较“十三五”时期).
const BASE_MARKERS: [char; 2] = ['较', '比'];

const INDICATORS: &str = include_str!("../../data/indicators.tsv");

struct CodeRule {
    code: &'static str,
    pattern: Regex,
    units: Vec<&'static str>,
    measure: Option<Measure>,
}

static CODE_RULES: LazyLock<Vec<CodeRule>> = LazyLock::new(|| {
    let scope = rows(INDICATORS)
        .find(|r| r.first() == Some(&"scope"))
        .and_then(|r| r.get(1).copied())
        .unwrap_or("");
    rows(INDICATORS)
        .filter(|r| r.first() != Some(&"scope") && r.len() >= 4)
        .map(|r| CodeRule {
            code: r[0],
            pattern: Regex::new(&format!("^{scope}(?:{})", r[1]))
                .unwrap_or_else(|e| panic!("bundled indicator rule {} is invalid: {e}", r[0])),
            units: r[2].split('|').filter(|u| *u != "*").collect(),
            measure: Measure::parse(r[3]),
        })
        .collect()
});

/// The scope words an indicator rule allows before the indicator itself (全省, 今年).
static SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    let scope = rows(INDICATORS)
        .find(|r| r.first() == Some(&"scope"))
        .and_then(|r| r.get(1).copied())
        .unwrap_or("");
    Regex::new(&format!("^{scope}"))
        .unwrap_or_else(|e| panic!("bundled indicator scope is invalid: {e}"))
});

/// `(collective, parts)` from the `distributive` cues: 城乡 → 城镇, 农村.
static DISTRIBUTIVE: LazyLock<Vec<(&'static str, Vec<&'static str>)>> = LazyLock::new(|| {
    cue_rows("distributive")
        .filter(|r| r.len() >= 3)
        .map(|r| (r[1], r[2].split('|').collect()))
        .collect()
});

/// The indicator codes in the order of the lexicon (output first, then its parts, prices,
/// incomes …), each once: the order a report card lists them in.
pub fn indicator_codes() -> Vec<&'static str> {
    let mut codes: Vec<&'static str> = Vec::new();
    for rule in CODE_RULES.iter() {
        if !codes.contains(&rule.code) {
            codes.push(rule.code);
        }
    }
    codes
}

/// Whether a smaller outcome meets a target of this indicator (unemployment, prices).
pub fn lower_is_better(code: &str) -> bool {
    rows(INDICATORS).any(|r| r.first() == Some(&code) && r.get(4) == Some(&"lower"))
}

/// A Latin abbreviation in brackets inside a phrase: `(GDP)`, `（CPI）`, or an editor's note
/// (`editorial_note` cues: `(下同)`, `（同比，下同）`).
static GLOSS: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(r"[(（]\s*(?:[A-Za-z][A-Za-z0-9.]*|[^()（）]{0,12}?(?:{{editorial_note}}))\s*[)）]")
});
/// An editor's note alone (`(下同)`): no part of an indicator's name.
static EDITORIAL_NOTE: LazyLock<Regex> =
    LazyLock::new(|| cue_regex(r"[(（][^()（）]{0,12}?(?:{{editorial_note}})[)）]"));

/// Words inside an indicator that name no other one: a comparison with an earlier figure
/// (`bare_change_prefix`: 比上年, 同比) and the word target (`indicator_filler`).
static COMPARISON: LazyLock<AhoCorasick> =
    LazyLock::new(|| cue_words(&["bare_change_prefix", "indicator_filler"]));

/// An abbreviation glossed in brackets names nothing new: 国内生产总值(GDP)增长 is
/// 国内生产总值增长.
fn without_gloss(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(['(', '（']) {
        GLOSS.replace_all(text, "")
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// All code patterns at once: one pass over an indicator finds every rule that matches.
static CODE_SET: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSet::new(CODE_RULES.iter().map(|r| r.pattern.as_str()))
        .unwrap_or_else(|e| panic!("bundled indicator rules are invalid: {e}"))
});

/// Any indicator phrase anywhere: the rules without their anchor, joined.
static ANY_INDICATOR: LazyLock<Regex> = LazyLock::new(|| {
    let alternation: Vec<String> = CODE_RULES
        .iter()
        .map(|r| format!("(?:{})", r.pattern.as_str().trim_start_matches('^')))
        .collect();
    Regex::new(&alternation.join("|"))
        .unwrap_or_else(|e| panic!("bundled indicator rules are invalid: {e}"))
});

/// The core indicator code of a fact, from the synonym rules in `data/indicators.tsv`: the
/// first rule, in file order, whose pattern, unit and measure all fit.
pub fn indicator_code(indicator: &str, unit: &str, measure: Measure) -> Option<&'static str> {
    let plain = without_gloss(indicator);
    let indicator = plain.as_ref();
    // A comparison or the word target names no other indicator: 生产总值比上年增长 and
    // 生产总值预期目标增长 are 生产总值增长.
    let uncompared;
    let indicator = if COMPARISON.is_match(indicator) {
        uncompared = remove_words(&COMPARISON, indicator);
        uncompared.as_str()
    } else {
        indicator
    };
    // Most phrases fit no rule: telling that costs one pass, finding which rules fit several.
    if !CODE_SET.is_match(indicator) {
        return None;
    }
    CODE_SET
        .matches(indicator)
        .into_iter()
        .map(|i| &CODE_RULES[i])
        .find(|r| {
            (r.units.is_empty() || r.units.contains(&unit))
                && r.measure.is_none_or(|m| m == measure)
        })
        .map(|r| r.code)
}

/// Extracts the facts of every article of a document.
pub fn facts(doc: &Document) -> Vec<Fact> {
    facts_until(doc, None).unwrap_or_default()
}

/// The work on a document ran past its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLimit;

/// Extracts the facts of every article, giving up once `deadline` has passed (checked between
/// blocks, so the overrun is at most one block's work).
pub fn facts_until(
    doc: &Document,
    deadline: Option<std::time::Instant>,
) -> Result<Vec<Fact>, TimeLimit> {
    let mut out = Vec::new();
    each_fact(doc, deadline, &mut |f| out.push(f))?;
    Ok(out)
}

/// Hands every fact of a document to `emit` as it is found, in document order, so that a
/// caller that writes them out holds none (a document of a million figures needs no more
/// memory than one).
pub fn each_fact(
    doc: &Document,
    deadline: Option<std::time::Instant>,
    emit: &mut dyn FnMut(Fact),
) -> Result<(), TimeLimit> {
    let mut finish = |mut fact: Fact| {
        fact.region_code = fact
            .region
            .as_deref()
            .and_then(regions::code_of)
            .map(str::to_owned);
        if let Some(o) = doc.origins.get((fact.line as usize).wrapping_sub(1)) {
            fact.page = Some(o.page);
            let tenth = |v: f32| (f64::from(v) * 10.0).round() / 10.0;
            fact.page_xy = Some([tenth(o.x), tenth(o.y)]);
        }
        emit(fact);
    };
    for (a, article) in doc.articles.iter().enumerate() {
        ArticleExtractor {
            article,
            index: a,
            ref_year: article.year,
            covers_report: article.covers_report(),
        }
        .run(&mut finish, deadline)?;
    }
    Ok(())
}

struct ArticleExtractor<'a> {
    article: &'a Article,
    index: usize,
    ref_year: Option<i32>,
    /// A news article about a work report (its headline or opening names one): what it
    /// states with a bound or an approximation are the report's targets.
    covers_report: bool,
}

/// Whether a text names the year before as a time (去年, 过去一年), not as a base of
/// comparison (比去年).
fn names_last_year(text: &str) -> bool {
    first_last_year_end(text).is_some()
}

/// The context of one quantity inside its block.
struct Context<'a> {
    chars: &'a [char],
    text: &'a str,
    /// Byte offset of each character of `text`, and its length at the end.
    offsets: &'a [usize],
    /// Characters of the block before `text` (a long block is read a window at a time).
    base: usize,
    /// Regions named in the block, byte offsets.
    mentions: &'a [regions::Mention],
    /// Character position where a target frame (`主要预期目标是：`) opens in the block: every
    /// figure after it in the paragraph is a target.
    frame: Option<usize>,
    /// In a news article, the paragraph's first sentence speaks of targets (目标).
    topic_target: bool,
    /// In a news article, the indicator the paragraph or headline is about, for figures whose
    /// own clause elides it (`海南的目标最高，为6%左右`).
    topic: Option<&'a dyn Fn() -> Option<&'a Topic>>,
    /// A list set one item a paragraph (`2025年目标：` then `城镇新增就业 1,200 万人以上`, …):
    /// what its lead and earlier items said of kind and year.
    list: Option<ListContext>,
    /// Where in `text` (bytes) the block first names last year as a time, for coverage of a
    /// report; 0 when it did before `text`.
    last_year_end: Option<usize>,
    /// In a news article, the year the paragraph's first sentence names as a time (`2025年是…`):
    /// it dates the figures of later sentences that name none.
    lead_year: Option<i32>,
    clause: (usize, usize),
    segment: (usize, usize),
    sentence: (usize, usize),
}

/// What a whole block says that bears on each of its figures.
struct BlockCues {
    /// In a news article, the paragraph's first sentence speaks of targets (目标).
    topic_target: bool,
    /// Byte offset where a target frame opens.
    frame: Option<usize>,
    /// Byte offset where the block first names last year as a time.
    last_year_end: Option<usize>,
    lead_year: Option<i32>,
}

impl<'a> Context<'a> {
    /// The text between two character positions.
    fn slice(&self, from: usize, to: usize) -> &'a str {
        &self.text[self.offsets[from.min(to)]..self.offsets[to]]
    }

    /// The sentence's bounds in characters of the whole block.
    fn block_sentence(&self) -> (usize, usize) {
        (self.base + self.sentence.0, self.base + self.sentence.1)
    }

    /// Whether the block, up to character `at`, has named last year as a time.
    fn names_last_year_before(&self, at: usize) -> bool {
        self.last_year_end.is_some_and(|e| e <= self.offsets[at])
    }
}

/// Characters of a block read at once: a longer block is read in windows of about this many,
/// each with [`WINDOW_MARGIN`] characters of context on either side, so that its working
/// arrays are bounded however long it is. Real paragraphs are far shorter.
const WINDOW_CHARS: usize = 1 << 16;
/// Context read on either side of a window: more than any figure's sentence and the look-back
/// for a region named before it.
const WINDOW_MARGIN: usize = 6 * MAX_CONTEXT;

/// A window of a block: the figures starting in `core` (characters of the block) are read
/// from the text in `bytes`, which starts at character `base`.
struct Window {
    core: std::ops::Range<usize>,
    base: usize,
    bytes: (usize, usize),
    /// The same window's bytes in the printed text.
    printed: Option<(usize, usize)>,
}

/// The windows a block is read in: one for a block of up to [`WINDOW_CHARS`] bytes
/// (`chars` is then 0, uncounted), else as many as its `chars` characters need.
fn windows(text: &str, printed: Option<&str>, chars: usize) -> Vec<Window> {
    if chars <= WINDOW_CHARS + 2 * WINDOW_MARGIN {
        return vec![Window {
            core: 0..usize::MAX,
            base: 0,
            bytes: (0, text.len()),
            printed: printed.map(|p| (0, p.len())),
        }];
    }
    let cores: Vec<usize> = (0..chars).step_by(WINDOW_CHARS).chain([chars]).collect();
    let spans: Vec<(usize, usize)> = cores
        .windows(2)
        .map(|c| {
            (
                c[0].saturating_sub(WINDOW_MARGIN),
                (c[1] + WINDOW_MARGIN).min(chars),
            )
        })
        .collect();
    let mut wanted: Vec<usize> = spans.iter().flat_map(|&(a, b)| [a, b]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let bytes = byte_offsets(text, &wanted);
    let printed_bytes = printed.map(|p| byte_offsets(p, &wanted));
    let at = |table: &[usize], c: usize| table[wanted.partition_point(|&w| w < c)];
    cores
        .windows(2)
        .zip(&spans)
        .map(|(c, &(from, to))| Window {
            core: c[0]..c[1],
            base: from,
            bytes: (at(&bytes, from), at(&bytes, to)),
            printed: printed_bytes.as_ref().map(|t| (at(t, from), at(t, to))),
        })
        .collect()
}

/// The byte offsets of the characters at `positions` (sorted), in one pass.
fn byte_offsets(text: &str, positions: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(positions.len());
    let mut next = positions.iter().peekable();
    for (i, (b, _)) in text.char_indices().enumerate() {
        while next.next_if(|&&p| p == i).is_some() {
            out.push(b);
        }
        if next.peek().is_none() {
            break;
        }
    }
    out.resize(positions.len(), text.len());
    out
}

/// Where a text first names the year before as a time (去年, 过去一年; not 比去年): the byte
/// after that mention. The mentions are words without digits, so whether a text names last
/// year before a figure is whether this falls before it.
fn first_last_year_end(text: &str) -> Option<usize> {
    LAST_YEAR
        .find_iter(text)
        .find(|m| {
            !text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| COMPARISON_BASE.contains(&c))
        })
        .map(|m| m.end())
}

/// How far a sentence, segment or clause is searched for on each side of a number. Real
/// sentences are far shorter; the bound keeps text without stops (a 50 MB line) linear.
const MAX_CONTEXT: usize = 300;

/// Where a window's clauses, segments and sentences break (character positions, in order):
/// found in one pass, so that each figure's bounds are two binary searches, not scans of its
/// sentence both ways (a sentence of many figures was scanned once for each).
#[derive(Debug, Default)]
struct Breaks {
    clause: Vec<usize>,
    segment: Vec<usize>,
    sentence: Vec<usize>,
}

impl Breaks {
    fn find(&mut self, chars: &[char]) {
        self.clause.clear();
        self.segment.clear();
        self.sentence.clear();
        // Every sentence break is a segment break, and every segment break a clause break.
        for (i, &c) in chars.iter().enumerate() {
            if is_clause_break(c) {
                self.clause.push(i);
                if is_segment_break(c) {
                    self.segment.push(i);
                    if is_sentence_break(c) {
                        self.sentence.push(i);
                    }
                }
            }
        }
    }
}

/// The clause, segment or sentence around character `at` of a text of `len` characters, read
/// off the sorted positions of its breaks of that kind.
fn bounds_at(breaks: &[usize], len: usize, at: usize) -> (usize, usize) {
    let lo = at.saturating_sub(MAX_CONTEXT);
    let hi = (at + MAX_CONTEXT).min(len);
    let first_after = breaks.partition_point(|&p| p < at);
    let start = first_after
        .checked_sub(1)
        .map(|i| breaks[i])
        .filter(|&p| p >= lo)
        .map_or(lo, |p| p + 1);
    let end = breaks
        .get(first_after)
        .copied()
        .filter(|&p| p < hi)
        .unwrap_or(hi);
    (start, end)
}

/// What a list's lead (`2025年目标：`) or its first dated item tells the items after it.
#[derive(Debug, Clone, Copy, Default)]
struct ListContext {
    target: bool,
    year: Option<i32>,
}

/// Longest paragraph, in characters, read as an item of a list or its lead.
const LIST_ITEM_CHARS: usize = 40;

/// A short paragraph without a sentence's end: a list item, or (ending in a colon) its lead.
fn is_list_line(text: &str) -> bool {
    text.chars().count() <= LIST_ITEM_CHARS && !text.contains(['。', '！', '？'])
}

struct Prev {
    sentence: (usize, usize),
    indicator: String,
    /// The indicators of the sentence's amounts and counts so far, in order: a `分别` list with
    /// no subject of its own is about them (`受理案件3748.6万件，审结3620万件，同比分别增长…`).
    amounts: Vec<String>,
}

impl ArticleExtractor<'_> {
    fn run(
        &self,
        out: &mut dyn FnMut(Fact),
        deadline: Option<std::time::Instant>,
    ) -> Result<(), TimeLimit> {
        let news = !self.article.kind.is_report();
        // Topics are looked for only when a figure needs one: most name their indicator.
        let headline_topic: OnceCell<Option<Topic>> = OnceCell::new();
        let headline = || {
            self.article
                .title
                .as_deref()
                .into_iter()
                .chain(
                    self.article
                        .blocks
                        .iter()
                        .filter(|b| b.kind == crate::structure::BlockType::Heading)
                        .map(|b| b.text.as_str())
                        .take(1),
                )
                .find_map(find_topic)
        };
        let mut list: Option<ListContext> = None;
        // A window's characters and their byte offsets, in buffers that every block reuses.
        let (mut chars, mut offsets): (Vec<char>, Vec<usize>) = (Vec::new(), Vec::new());
        let mut breaks = Breaks::default();
        for (b, block) in self.article.blocks.iter().enumerate() {
            // A list's lead opens its context; an item keeps it and may date the rest; any
            // other paragraph closes it.
            let text = block.text.trim();
            let in_list = if is_list_line(text) && text.ends_with(['：', ':']) {
                list = Some(ListContext {
                    target: TARGET_TOPIC.is_match(text) || TARGET_FRAME.is_match(text),
                    year: named_year(text),
                });
                None
            } else if is_list_line(text) {
                let before = list;
                if let Some(y) =
                    named_year(text).filter(|_| text.starts_with(|c: char| c.is_ascii_digit()))
                {
                    list = Some(ListContext {
                        target: before.is_some_and(|l| l.target),
                        year: Some(y),
                    });
                }
                before
            } else {
                list = None;
                None
            };
            if deadline.is_some_and(|d| std::time::Instant::now() > d) {
                return Err(TimeLimit);
            }
            let section = block.section;
            // Related news and page furniture around a report state no fact of it.
            if section == Some(Section::Outside) {
                continue;
            }
            let lead = block
                .text
                .split_inclusive(['。', '！', '？'])
                .next()
                .unwrap_or("");
            let block_topic: OnceCell<Option<Topic>> = OnceCell::new();
            // What the whole block says, read once and only for a block that states a figure.
            let cues: OnceCell<BlockCues> = OnceCell::new();
            let cues = || {
                cues.get_or_init(|| BlockCues {
                    topic_target: news && TARGET_TOPIC.is_match(lead),
                    frame: TARGET_FRAME.find(&block.text).map(|m| m.start()),
                    last_year_end: self
                        .covers_report
                        .then(|| first_last_year_end(&block.text))
                        .flatten(),
                    lead_year: news.then(|| named_year(lead)).flatten(),
                })
            };
            let block_chars = if block.text.len() <= WINDOW_CHARS {
                0
            } else {
                block.text.chars().count()
            };
            // A block read in other characters than printed (traditional text analysed in
            // simplified ones) shows its facts' text, sentence and indicator as printed.
            let printed = block
                .printed
                .as_deref()
                .filter(|p| p.chars().count() == block.text.chars().count());
            let mut prev: Option<Prev> = None;
            for w in windows(&block.text, printed, block_chars) {
                let text = &block.text[w.bytes.0..w.bytes.1];
                chars.clear();
                chars.extend(text.chars());
                let quantities = quantity::scan_chars(text, &chars);
                if !quantities
                    .iter()
                    .any(|q| w.core.contains(&(w.base + q.start)))
                {
                    continue;
                }
                offsets.clear();
                offsets.extend(
                    text.char_indices()
                        .map(|(i, _)| i)
                        .chain(std::iter::once(text.len())),
                );
                breaks.find(&chars);
                let printed: Option<Vec<char>> = w
                    .printed
                    .map(|(from, to)| printed.unwrap_or("")[from..to].chars().collect());
                // The place a story was filed from (北京5日电) is not what its figures are about.
                let mentions: Vec<regions::Mention> = regions::mentions(text)
                    .into_iter()
                    .filter(|m| !regions::is_dateline_place(text, m))
                    .collect();
                let topic = || {
                    block_topic
                        .get_or_init(|| find_topic(lead))
                        .as_ref()
                        .or_else(|| headline_topic.get_or_init(headline).as_ref())
                };
                let cues = cues();
                let to_window = |byte: usize| byte.saturating_sub(w.bytes.0);
                let frame = cues
                    .frame
                    .map(|f| text[..to_window(f).min(text.len())].chars().count());
                for (qi, q) in quantities.iter().enumerate() {
                    if !w.core.contains(&(w.base + q.start)) {
                        continue;
                    }
                    let ctx = Context {
                        chars: &chars,
                        text,
                        offsets: &offsets,
                        base: w.base,
                        mentions: &mentions,
                        frame,
                        topic_target: cues.topic_target,
                        topic: news.then_some(&topic),
                        list: in_list,
                        last_year_end: cues.last_year_end.map(to_window),
                        lead_year: cues.lead_year,
                        clause: bounds_at(&breaks.clause, chars.len(), q.num_start),
                        segment: bounds_at(&breaks.segment, chars.len(), q.num_start),
                        sentence: bounds_at(&breaks.sentence, chars.len(), q.num_start),
                    };
                    // Only the quantities of the same sentence matter to this one.
                    let lo = quantities.partition_point(|x| x.start < ctx.sentence.0);
                    let hi = quantities.partition_point(|x| x.start < ctx.sentence.1);
                    let mut fact = self.fact(
                        b,
                        block,
                        q,
                        &quantities[lo.min(qi)..qi],
                        &quantities[lo.min(qi)..hi.max(qi + 1)],
                        &ctx,
                        section,
                        prev.as_ref(),
                    );
                    // A rank between a figure and its change (5.53万亿元、稳居全国前十强、增长4.8%)
                    // is not the subject the change verb elides. The next figure reads the
                    // analysed indicator, not the printed one.
                    if fact.measure != Measure::Rank || prev.is_none() {
                        let sentence = ctx.block_sentence();
                        let mut amounts = prev
                            .take()
                            .filter(|p| p.sentence == sentence)
                            .map(|p| p.amounts)
                            .unwrap_or_default();
                        if fact.measure == Measure::Level {
                            amounts.push(fact.indicator.clone());
                        }
                        prev = Some(Prev {
                            sentence,
                            indicator: fact.indicator.clone(),
                            amounts,
                        });
                    }
                    if let Some(p) = &printed {
                        show_printed(&mut fact, &chars, p, &ctx);
                    }
                    fact.char_start += w.base;
                    fact.char_end += w.base;
                    let listed = listed_regions(q, &ctx);
                    if listed.len() > 1 {
                        for region in listed {
                            let mut each = fact.clone();
                            each.region = Some(region);
                            out(each);
                        }
                    } else {
                        out(fact);
                    }
                }
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn fact(
        &self,
        b: usize,
        block: &crate::structure::Block,
        q: &Quantity,
        before: &[Quantity],
        all: &[Quantity],
        ctx: &Context,
        section: Option<Section>,
        prev: Option<&Prev>,
    ) -> Fact {
        let mut kind = self.kind(q, ctx, section);
        if ctx.list.is_some_and(|l| l.target) && kind == FactKind::Result {
            kind = FactKind::Target;
        }
        let (mut indicator, raw_before) = indicator(q, before, all, ctx);
        if indicator.contains(['(', '（']) && EDITORIAL_NOTE.is_match(&indicator) {
            indicator = EDITORIAL_NOTE.replace_all(&indicator, "").into_owned();
        }
        // What the sentence said before this figure.
        let earlier = prev.filter(|p| p.sentence == ctx.block_sentence());
        if let Some(listed) = earlier.and_then(|p| {
            respectively_amounts(q, all, ctx, &p.amounts)
                .or_else(|| unmarked_list_amounts(q, all, ctx, &p.amounts))
        }) {
            indicator = listed;
        }
        // 实现粮食生产“八连增”，达到244.5万吨, 辖内财政收入迈过千亿大关，达1330亿元: a clause
        // with no figure of its own just before names what a bare figure measures.
        if indicator.is_empty() {
            if let Some(subject) = subject_clause_before(q, all, ctx) {
                indicator = subject;
            }
        }
        // An elided subject takes the one before it in the sentence: 河南设为5.5%左右, and
        // 实现地区生产总值3.2万亿元、增长5.1% (增长 of the 地区生产总值).
        if let Some(p) = earlier {
            if indicator.is_empty() {
                indicator.clone_from(&p.indicator);
            } else if let Some(verb) = indicator
                .strip_suffix(ANAPHOR)
                .filter(|_| p.indicator.chars().count() > 3)
            {
                // 审议法规草案31件，通过其中28件: 其中 stands for the object before it, the
                // earlier phrase without its two-character verb.
                let object: String = p.indicator.chars().skip(2).collect();
                indicator = format!("{verb}{object}");
            } else if cues("share_verb").contains(&indicator.as_str()) && !p.indicator.is_empty() {
                // 委员提案4502件，占89.9%: the share is the amount's (委员提案占比).
                indicator = format!("{}{indicator}比", p.indicator);
            } else if q.unit.class == UnitClass::Percent
                && indicator.ends_with('的')
                && !indicator.ends_with("年的")
                && indicator.chars().count() <= SHARE_OF_MAX_CHARS
                && !p.indicator.is_empty()
            {
                // 全国一般公共预算收入216045亿元，为预算的98.3%: a share of the amount before.
                indicator = format!("{}{indicator}", p.indicator);
            } else if benchmark_direction(&indicator).is_some() && !p.indicator.is_empty() {
                // 增长6.7%、高于全国0.8个百分点: the margin over the benchmark is the growth's.
                indicator = format!("{}{indicator}", p.indicator);
            } else if is_bare_change(&indicator) && !p.indicator.is_empty() {
                let subject = strip_trailing(&p.indicator, "change_up");
                let subject = strip_trailing(&subject, "change_down");
                indicator = format!("{subject}{indicator}");
            }
        }
        // 稳居全国第7位 after 经济总量达到6万亿元: the rank is the previous figure's.
        if q.is_rank && q.rank_move.is_none() {
            let scope: String = ctx.chars[q.start..q.num_start].iter().collect();
            let tail = format!("{scope}排名");
            if let (Some(head), Some(p)) = (indicator.strip_suffix(&tail), earlier) {
                // 增长5.8%，增速居全国第2位; 保有量突破50万辆、占比居全国第二: the rank of the
                // growth or the share of the figure before.
                let measured = strip_cue_endings(head, "rank_verb");
                let of_growth = cues("change_noun").contains(&measured);
                let named = of_growth || cues("measure_noun").contains(&measured);
                if !p.indicator.is_empty() && (head.chars().count() <= 2 || named) {
                    let subject = if of_growth {
                        strip_trailing(&strip_trailing(&p.indicator, "change_up"), "change_down")
                    } else {
                        p.indicator.clone()
                    };
                    let measured = if named { measured } else { "" };
                    indicator = format!("{subject}{measured}{tail}");
                }
            }
        }
        let (mut measure, mut direction) = measure(q, raw_before, &indicator, all, ctx);
        let unit = q.unit.canonical.to_owned();
        let mut code = indicator_code(&indicator, &unit, measure).map(str::to_owned);
        // A figure whose clause names no indicator is about the paragraph's or headline's.
        // A phrase of its own that names a core indicator after the word target
        // (主要预期目标是地区生产总值增长) goes before the paragraph's.
        let fits = |t: &Topic| {
            let rule = &CODE_RULES[t.rule];
            // A share is never the topic's growth rate.
            !(measure == Measure::Share && rule.measure == Some(Measure::Change))
                && (rule.units.is_empty() || rule.units.contains(&unit.as_str()))
        };
        let topic = ctx
            .topic
            .filter(|_| code.is_none() && is_elided(&indicator))
            .and_then(|t| {
                find_topic(&indicator)
                    .filter(fits)
                    .or_else(|| t().filter(|t| fits(t)).cloned())
            });
        if let Some(t) = topic {
            let rule = &CODE_RULES[t.rule];
            indicator.clone_from(&t.phrase);
            code = Some(rule.code.to_owned());
            if rule.measure == Some(Measure::Change) && measure == Measure::Level {
                (measure, direction) = (Measure::Change, Some(Direction::Up));
            }
        }
        // The year the sentence names before the figure, read once for year and period.
        let explicit =
            respective_year(q, all, ctx).or_else(|| named_year(ctx.slice(ctx.sentence.0, q.start)));
        let year = match ctx.list.and_then(|l| l.year) {
            Some(y) if explicit.is_none() => Some(y),
            _ => self.year(kind, explicit, ctx, q, section),
        };
        let (period, year) = self.period(kind, year, explicit, ctx, q, all, block);
        let region = self.region(q, all, ctx);
        Fact {
            article: self.index,
            text: q.text(ctx.chars),
            value: q.value,
            unit,
            qualifier: q.qualifier,
            value_high: q.value_high,
            measure,
            direction,
            kind,
            region,
            region_code: None,
            indicator,
            code,
            year,
            period,
            optional: q.unit.optional,
            sentence: ctx
                .slice(ctx.sentence.0, (ctx.sentence.1 + 1).min(ctx.chars.len()))
                .to_owned(),
            block: b,
            char_start: q.start,
            char_end: q.end,
            line: block.line_of(ctx.base + q.start),
            page: None,
            page_xy: None,
        }
    }

    fn kind(&self, q: &Quantity, ctx: &Context, section: Option<Section>) -> FactKind {
        let clause_before = ctx.slice(ctx.clause.0, q.start);
        let segment_before = ctx.slice(ctx.segment.0, q.start);
        if ESTIMATE.is_match(clause_before)
            || ESTIMATE.is_match(segment_before) && !segment_before.contains(['，', ','])
            || self.sentence_opens_with_estimate(ctx, q)
        {
            return FactKind::Estimate;
        }
        if ctx.frame.is_some_and(|f| f <= q.start) {
            return FactKind::Target;
        }
        if ctx.topic_target && !self.dated_last_year(ctx) && !self.dated_earlier(ctx, q) {
            return FactKind::Target;
        }
        if self.follows_sections() {
            match section {
                Some(Section::Review | Section::FiveYearReview) => return FactKind::Result,
                Some(Section::Plan | Section::FiveYearPlan) => return FactKind::Target,
                _ => {}
            }
        }
        // Press coverage of a report: 5%左右, 1200万人以上 are its targets, unless the paragraph
        // so far or the sentence dates them in an earlier year (过去一年, 去年, 2024年).
        if self.covers_report
            && q.qualifier != Qualifier::Exact
            && !ctx.names_last_year_before(q.start)
            && !self.dated_earlier(ctx, q)
            && !self.compared_with_last_year(ctx, q)
            && !FIVE_YEAR_REVIEW_OPENER.is_match(ctx.slice(0, q.start))
        {
            return FactKind::Target;
        }
        if OUTCOME.is_match(clause_before) {
            return FactKind::Result;
        }
        let clause_after = ctx.slice(q.end, ctx.clause.1);
        if TARGET.is_match(segment_before) || TARGET.is_match(clause_after) {
            FactKind::Target
        } else {
            FactKind::Result
        }
    }

    /// Whether the parts of the text (the year's review, its plan) decide kind and year: in a
    /// report, and in coverage of one that keeps its section headings.
    fn follows_sections(&self) -> bool {
        self.article.kind.is_report() || self.covers_report
    }

    /// Whether the figure's sentence names, before it, a year earlier than the article's
    /// (`2024年中国单位GDP能耗降幅超过3%` in coverage of the 2025 report).
    fn dated_earlier(&self, ctx: &Context, q: &Quantity) -> bool {
        named_year(ctx.slice(ctx.sentence.0, q.start))
            .or(ctx.lead_year)
            .is_some_and(|y| self.ref_year.is_some_and(|r| y < r))
    }

    /// Whether the figure's sentence opens with 预计 as a clause of its own (`预计，全市实现…；
    /// 财政收入…`): it governs every figure of the sentence.
    fn sentence_opens_with_estimate(&self, ctx: &Context, q: &Quantity) -> bool {
        let before = ctx.slice(ctx.sentence.0, q.start);
        let Some((lead, _)) = before.split_once(is_clause_break) else {
            return false;
        };
        // 预计2025年，…: the year it names is part of the opening clause.
        let lead = trim_edges(lead);
        let lead = YEAR_DIGITS
            .find_iter(lead)
            .last()
            .filter(|m| m.end() == lead.len())
            .map_or(lead, |m| trim_edges(&lead[..m.start()]));
        cues("estimate").contains(&lead)
    }

    /// Whether the figure's sentence, before it, compares with the year before (比上年增长)
    /// and names neither this year, nor the article's year or a later one, nor a target.
    fn compared_with_last_year(&self, ctx: &Context, q: &Quantity) -> bool {
        let before = ctx.slice(ctx.sentence.0, q.start);
        COMPARED_LAST_YEAR.is_match(before)
            && !TARGET.is_match(before)
            && !CURRENT_YEAR.is_match(before)
            && named_year(before).is_none_or(|y| self.ref_year.is_none_or(|r| y < r))
    }

    /// Whether the sentence dates its figures in the year before (去年, but not 比去年).
    fn dated_last_year(&self, ctx: &Context) -> bool {
        names_last_year(ctx.slice(ctx.sentence.0, ctx.sentence.1))
    }

    fn year(
        &self,
        kind: FactKind,
        explicit: Option<i32>,
        ctx: &Context,
        q: &Quantity,
        section: Option<Section>,
    ) -> Option<i32> {
        if explicit.is_some() {
            return explicit;
        }
        let sentence_before = ctx.slice(ctx.sentence.0, q.start);
        let ry = self.ref_year?;
        // 去年 dates the figures after it; 比去年 (than last year) is a comparison, not a date.
        if self.dated_last_year(ctx) {
            return Some(ry - 1);
        }
        // Coverage of a report tells last year's results in a paragraph that opens with them
        // (过去一年，…。…30%左右).
        if self.covers_report && kind != FactKind::Target && ctx.names_last_year_before(q.start) {
            return Some(ry - 1);
        }
        if THIS_YEAR.is_match(sentence_before) && kind == FactKind::Target {
            return Some(ry);
        }
        if let Some(y) = ctx.lead_year {
            return Some(y);
        }
        match kind {
            FactKind::Target => Some(ry),
            _ if self.follows_sections() => match section {
                Some(Section::Plan | Section::FiveYearPlan) => Some(ry),
                Some(Section::Review | Section::FiveYearReview) => Some(ry - 1),
                // Outside the parts a report looks back; coverage dates only what stands under
                // a part of the report it keeps.
                _ => self.article.kind.is_report().then_some(ry - 1),
            },
            _ => None,
        }
    }

    /// The span of years a figure is about, and its year given that span: a five-year part
    /// of a report gives its span to every figure in it; elsewhere a figure is about several
    /// years when its sentence says so before it (`年均增长`, `“十四五”时期…`, `到2030年`).
    /// A figure of a span is about the span's last year, a starting value (`从874.6亿元增加到…`)
    /// about the year before the span.
    #[allow(clippy::too_many_arguments)]
    fn period(
        &self,
        kind: FactKind,
        year: Option<i32>,
        explicit: Option<i32>,
        ctx: &Context,
        q: &Quantity,
        all: &[Quantity],
        block: &crate::structure::Block,
    ) -> (Option<Period>, Option<i32>) {
        let Some(ry) = self.ref_year.filter(|_| self.follows_sections()) else {
            return (None, year);
        };
        let sentence_before = ctx.slice(ctx.sentence.0, q.start);
        let period = match block.section {
            Some(Section::FiveYearReview | Section::FiveYearPlan) => block.period,
            Some(Section::Review | Section::Plan) | None => {
                // A plan named as the time of the figure (“十四五”时期), not as a base
                // (较“十三五”时期) or a name (“十四五”批复的项目).
                let segment_before = ctx.slice(ctx.segment.0, q.start);
                let named = Some(segment_before)
                    .filter(|s| s.contains(PLAN_MARK))
                    .into_iter()
                    .flat_map(crate::context::named_plans)
                    .filter(|(at, _)| {
                        !segment_before[..*at]
                            .chars()
                            .next_back()
                            .is_some_and(|c| BASE_MARKERS.contains(&c))
                            && PLAN_TIME.is_match(&segment_before[*at..])
                    })
                    .last()
                    .map(|(_, p)| p);
                let spans = |pattern: &Regex, text: &str| {
                    pattern.find_iter(text).any(|m| {
                        PERIOD_SPAN_NOT
                            .find_at(text, m.start())
                            .is_none_or(|n| n.start() != m.start())
                    })
                };
                let spanned = spans(&PERIOD_SPAN, sentence_before)
                    || spans(&PERIOD_SPAN_LOCAL, segment_before);
                let spanned = spanned.then(|| {
                    if kind == FactKind::Target {
                        Period::five_from(ry)
                    } else {
                        Period::five_before(ry)
                    }
                });
                // 到2030年 in a target: the plan that year closes.
                let dated = explicit
                    .filter(|y| kind == FactKind::Target && *y > ry && *y <= ry + 5)
                    .map(Period::plan_of)
                    .filter(|p| p.end == explicit.unwrap_or_default());
                named.or(spanned).or(dated)
            }
            _ => None,
        };
        let Some(p) = period else {
            return (None, year);
        };
        if is_start_value(q, all, ctx) {
            // 从2020年的3.68万亿元: the year named with it; otherwise the year before the span.
            let clause = ctx.slice(ctx.clause.0, q.start);
            let own = year_pattern(clause)
                .captures_iter(clause)
                .filter_map(|c| year_value(&c[1]))
                .last();
            return (Some(p), Some(own.unwrap_or(p.start - 1)));
        }
        // A year named beyond the span in the figure's own clause (到2035年) dates it on its
        // own; one further back in the sentence is another clause's.
        if let Some(y) = explicit {
            if y < p.start - 1 || y > p.end {
                return match named_year(ctx.slice(ctx.clause.0, q.start)) {
                    Some(own) => (None, Some(own)),
                    None => (Some(p), Some(p.end)),
                };
            }
            return (Some(p), Some(y));
        }
        (Some(p), Some(p.end))
    }

    fn region(&self, q: &Quantity, all: &[Quantity], ctx: &Context) -> Option<String> {
        if let Some(place) = respective_region(q, all, ctx).or_else(|| country_figure(q, ctx)) {
            return Some(place);
        }
        let own = self.article.region.clone();
        let at = ctx.offsets[q.start];
        if self.article.kind.is_report() {
            // A clause that opens with a place speaks of it (郑州、洛阳分别增长…); otherwise a
            // report speaks of its own region.
            let clause_start = ctx.offsets[ctx.clause.0];
            let opening = ctx
                .mentions
                .iter()
                .find(|m| m.start == clause_start && m.end <= at)
                .map(|m| m.region.short.to_owned());
            return opening.or(own);
        }
        let sentence_start = ctx.offsets[ctx.sentence.0];
        let before = |lo: usize, hi: usize| {
            ctx.mentions
                .iter()
                .rev()
                .find(|m| m.start >= lo && m.end <= hi)
        };
        if let Some(m) = before(sentence_start, at) {
            if GENERIC.is_match(&ctx.text[m.end..at]) {
                return None;
            }
            return Some(m.region.short.to_owned());
        }
        if GENERIC.is_match(&ctx.text[sentence_start..at]) {
            return None;
        }
        let window = ctx.offsets[ctx.sentence.0.saturating_sub(4 * MAX_CONTEXT)];
        before(window, sentence_start)
            .map(|m| m.region.short.to_owned())
            .or(own)
    }
}

/// `低于全国GDP增长5%`: the country's name right before a core indicator in the figure's
/// clause makes the figure the country's, in a province's report as in the press. The name
/// alone is no mention (全国第一, 全国人大 speak of no figure of the country's).
fn country_figure(q: &Quantity, ctx: &Context) -> Option<String> {
    let country = regions::country()?;
    let clause = ctx.slice(ctx.clause.0, q.start);
    let at = clause.rfind(country.short)?;
    let rest = &clause[at + country.short.len()..];
    ANY_INDICATOR.find(rest).filter(|m| m.start() == 0)?;
    Some(country.short.to_owned())
}

/// The last year a text names as a time: not a span's start (`2021年以来`) nor a base of
/// comparison (`较2020年`).
fn named_year(text: &str) -> Option<i32> {
    year_pattern(text)
        .captures_iter(text)
        .filter(|c| c.get(2).is_none())
        .filter(|c| {
            !text[..c.get(0).map_or(0, |m| m.start())]
                .chars()
                .next_back()
                .is_some_and(|c| BASE_MARKERS.contains(&c))
        })
        .filter_map(|c| year_value(&c[1]))
        .filter(|y| (1990..=2100).contains(y))
        .last()
}

/// Puts a fact's text, sentence and indicator in the characters the block was printed in.
/// The analysed and printed texts are as long as each other, character for character.
fn show_printed(fact: &mut Fact, analysed: &[char], printed: &[char], ctx: &Context) {
    let span = |from: usize, to: usize| -> String { printed[from..to].iter().collect() };
    fact.text = span(fact.char_start, fact.char_end);
    fact.sentence = span(ctx.sentence.0, (ctx.sentence.1 + 1).min(printed.len()));
    // The indicator is mostly a phrase of the sentence; one composed from several places
    // (地區生產總值 + 增長, a `分别` list) takes each character as the block prints it.
    let needle: Vec<char> = fact.indicator.chars().collect();
    if needle.is_empty() {
        return;
    }
    let (lo, hi) = (ctx.sentence.0, (ctx.sentence.1 + 1).min(analysed.len()));
    if let Some(p) = analysed[lo..hi]
        .windows(needle.len())
        .rposition(|w| w == needle.as_slice())
    {
        fact.indicator = span(lo + p, lo + p + needle.len());
        return;
    }
    let as_printed = |c: char| {
        analysed[lo..hi]
            .iter()
            .position(|&a| a == c)
            .map(|i| lo + i)
            .or_else(|| analysed.iter().position(|&a| a == c))
            .map_or(c, |i| printed[i])
    };
    fact.indicator = needle.into_iter().map(as_printed).collect();
}

/// An indicator a news article speaks of: the phrase and its rule in `data/indicators.tsv`.
#[derive(Debug, Clone)]
struct Topic {
    phrase: String,
    rule: usize,
}

/// The first phrase of `text` that a core indicator rule reads (`经济增长` in
/// `多省份公布今年经济增长目标`).
fn find_topic(text: &str) -> Option<Topic> {
    let plain = without_gloss(text);
    let text = plain.as_ref();
    // One unanchored pass finds where the first phrase may start; the anchored rules then
    // say which it is.
    let from = ANY_INDICATOR.find(text)?.start();
    text[from..].char_indices().find_map(|(at, _)| {
        let rest = &text[from + at..];
        let rule = CODE_SET.matches(rest).into_iter().next()?;
        let m = CODE_RULES[rule].pattern.find(rest)?;
        let phrase = SCOPE
            .find(m.as_str())
            .map_or(m.as_str(), |s| &m.as_str()[s.end()..]);
        Some(Topic {
            phrase: strip_trailing(phrase, "link_verb"),
            rule,
        })
    })
}

/// Han characters an indicator may have and still name nothing (`等省份均`, `定为`).
const ELIDED_MAX: usize = 4;

/// Whether an indicator names nothing of its own: a few characters, or the word target. A
/// short phrase that ends in a measure noun after a word of its own names its indicator
/// (赤字率), unless that word is a change (增长率).
fn is_elided(indicator: &str) -> bool {
    if TARGET_TOPIC.is_match(indicator) {
        return true;
    }
    if indicator.chars().filter(|&c| is_han(c)).count() > ELIDED_MAX {
        return false;
    }
    let named = cues("measure_noun").iter().any(|tail| {
        indicator.strip_suffix(*tail).is_some_and(|head| {
            !head.is_empty()
                && !cues("change_up").contains(&head)
                && !cues("change_down").contains(&head)
        })
    });
    !named
}

/// Places listed together at the head of a figure's clause, that the figure is about each of:
/// `重庆、河北把目标设为5%以上`, `山东和江苏均为5%以上` (a `分别` list pairs them instead).
fn listed_regions(q: &Quantity, ctx: &Context) -> Vec<String> {
    let clause_start = ctx.offsets[ctx.clause.0];
    let at = ctx.offsets[q.start];
    let mut listed: Vec<String> = Vec::new();
    let mut end = clause_start;
    for m in ctx
        .mentions
        .iter()
        .filter(|m| m.start >= clause_start && m.end <= at)
    {
        // Punctuation alone (、) joins, and so does a joining word (和, 与).
        let between = trim_edges(&ctx.text[end..m.start]);
        let joined =
            between.is_empty() || !listed.is_empty() && cues("region_joiner").contains(&between);
        if !joined {
            break;
        }
        listed.push(m.region.short.to_owned());
        end = m.end;
    }
    if listed.len() > 1 && respectively_slot_pos(ctx).is_none_or(|p| p > q.start) {
        listed
    } else {
        Vec::new()
    }
}

/// Whether a figure is where a change starts: `从874.6亿元增加到1112.4亿元`,
/// `较“十三五”末的9323.1亿元增加…`, with a later figure in the same clause.
fn is_start_value(q: &Quantity, all: &[Quantity], ctx: &Context) -> bool {
    let lead = ctx.slice(q.start.saturating_sub(8).max(ctx.clause.0), q.start);
    let lead = lead.trim_end_matches('的');
    let lead = year_pattern(lead)
        .find_iter(lead)
        .last()
        .filter(|m| m.end() == lead.len())
        .map_or(lead, |m| &lead[..m.start()]);
    START_VALUE.is_match(lead)
        && all
            .iter()
            .any(|n| n.start >= q.end && n.end <= ctx.clause.1)
}

/// The indicator phrase of a quantity, and the raw text before it in its clause.
fn indicator<'a>(
    q: &Quantity,
    before: &[Quantity],
    all: &[Quantity],
    ctx: &Context<'a>,
) -> (String, &'a str) {
    let clause_start = before
        .iter()
        .rev()
        .find(|p| p.end > ctx.clause.0 && p.end <= q.start)
        .map_or(ctx.clause.0, |p| p.end);
    let raw_before = ctx.slice(clause_start, q.start);
    if let Some(listed) = respectively(q, all, ctx) {
        return (listed, raw_before);
    }
    // After an earlier quantity, the text up to a list comma still belongs to it:
    // 历时7年建设、投资近千亿元 → 投资.
    let own_before = if clause_start > ctx.clause.0 {
        raw_before
            .split_once('、')
            .map_or(raw_before, |(_, rest)| rest)
    } else {
        raw_before
    };
    let before_phrase = clean_before(own_before);
    if q.is_rank && q.rank_move.is_none() {
        // 外送量全国第一 → 外送量全国排名.
        let scope: String = ctx.chars[q.start..q.num_start].iter().collect();
        return (format!("{before_phrase}{scope}排名"), raw_before);
    }
    let next_start = all
        .iter()
        .find(|n| n.start >= q.end)
        .map_or(ctx.clause.1, |n| n.start.min(ctx.clause.1));
    let after_raw = ctx.slice(q.end, next_start);
    let after_phrase = clean_after(after_raw);
    let counted_noun = q.unit.class == UnitClass::Count
        && after_raw
            .chars()
            .next()
            .is_some_and(|c| is_han(c) || matches!(c, '“' | '‘'))
        && !after_raw.starts_with('的');
    let describes = after_raw.starts_with('的');
    let short_before = before_phrase.chars().count() <= 4;
    let bare_verb_before = before_phrase.chars().count() <= 2;
    let phrase = if (counted_noun || before_phrase.ends_with('等') || before_phrase.is_empty())
        && !after_phrase.is_empty()
    {
        let before_phrase = before_phrase.trim_end_matches('等');
        if short_before && !before_phrase.ends_with('等') {
            format!("{before_phrase}{after_phrase}")
        } else {
            after_phrase
        }
    } else if describes && bare_verb_before && !after_phrase.is_empty() {
        format!("{after_phrase}{before_phrase}")
    } else {
        before_phrase
    };
    (strip_trailing(&phrase, "link_verb"), raw_before)
}

/// The clause before the figure's in its sentence, cleaned, when no figure stands between its
/// start and the figure (the caller asks only for a figure whose own phrase came out empty:
/// 达 alone).
fn subject_clause_before(q: &Quantity, all: &[Quantity], ctx: &Context) -> Option<String> {
    if ctx.clause.0 <= ctx.sentence.0 {
        return None;
    }
    let end = ctx.clause.0 - 1;
    let start = ctx.chars[ctx.sentence.0..end]
        .iter()
        .rposition(|&c| is_clause_break(c))
        .map_or(ctx.sentence.0, |p| ctx.sentence.0 + p + 1);
    if all.iter().any(|n| n.end > start && n.start < q.start) {
        return None;
    }
    Some(clean_before(ctx.slice(start, end))).filter(|s| !s.is_empty())
}

/// Where `分别` stands in the figure's clause.
fn respectively_slot_pos(ctx: &Context) -> Option<usize> {
    let clause = &ctx.chars[ctx.clause.0..ctx.clause.1];
    Some(clause.windows(2).position(|w| w == ['分', '别'])? + ctx.clause.0)
}

/// Where the subject of a `分别` list starts: the figure's clause, or the clause before when
/// the list opens its own (`安徽和江西采用区间目标，分别为5%—5.5%和5%-5.5%`).
fn subject_start(ctx: &Context, pos: usize) -> usize {
    let own = trim_edges(ctx.slice(ctx.clause.0, pos));
    if !own.is_empty() || ctx.clause.0 <= ctx.sentence.0 {
        return ctx.clause.0;
    }
    let before = ctx.clause.0.saturating_sub(1);
    ctx.chars[ctx.sentence.0..before]
        .iter()
        .rposition(|&c| is_clause_break(c))
        .map_or(ctx.sentence.0, |p| ctx.sentence.0 + p + 1)
}

/// `电子信息、高端装备制造、现代消费品营业收入预计分别达到2000亿元、1800亿元、1400亿元`: the
/// k-th number of a `分别` list belongs to the k-th item of the subject.
/// In a clause with `分别`, the position of `分别`, the quantities listed after it, and the
/// place of `q` among them.
fn respectively_slot<'q>(
    q: &Quantity,
    all: &'q [Quantity],
    ctx: &Context,
) -> Option<(usize, Vec<&'q Quantity>, usize)> {
    let pos = respectively_slot_pos(ctx)?;
    if pos > q.start {
        return None;
    }
    let listed: Vec<&Quantity> = all
        .iter()
        .filter(|n| n.start > pos && n.end <= ctx.clause.1)
        .collect();
    let k = listed.iter().position(|n| n.start == q.start)?;
    Some((pos, listed, k))
}

/// The items of a `分别` list's subject, trimmed, `n` of them if a reading gives that many: split at
/// 、, 和 and 及 (`武汉、襄阳和宜昌`), else at 、 alone, for items whose names hold 和
/// (`信息传输软件和信息技术服务业、租赁和商务服务业`).
fn list_items(subject: &str, n: usize) -> Vec<&str> {
    let split = |at: &[char]| -> Vec<&str> {
        subject
            .split(at)
            .map(trim_edges)
            .filter(|s| !s.is_empty())
            .collect()
    };
    let fine = split(&['、', '和', '及']);
    if fine.len() == n {
        return fine;
    }
    let coarse = split(&['、']);
    if coarse.len() == n {
        coarse
    } else {
        fine
    }
}

/// `武汉、襄阳、宜昌分别增长6.2%、5.9%、6.1%`: the k-th number is about the k-th place.
fn respective_region(q: &Quantity, all: &[Quantity], ctx: &Context) -> Option<String> {
    let (pos, listed, k) = respectively_slot(q, all, ctx)?;
    let items = list_items(ctx.slice(subject_start(ctx, pos), pos), listed.len());
    if items.len() != listed.len() {
        return None;
    }
    // The last place may carry the predicate they share (江西采用区间目标).
    let last = items.len() - 1;
    let places: Option<Vec<&regions::Region>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (region, end) = regions::leading(item)?;
            (i == last || matches!(&item[end..], "" | "省" | "市" | "区" | "州")).then_some(region)
        })
        .collect();
    places.map(|p| p[k].short.to_owned())
}

fn respectively(q: &Quantity, all: &[Quantity], ctx: &Context) -> Option<String> {
    let (pos, listed, k) = respectively_slot(q, all, ctx)?;
    let subject = clean_before(ctx.slice(ctx.clause.0, pos));
    let verb = ctx
        .slice(pos + 2, listed.first().map_or(pos + 2, |n| n.start))
        .to_owned();
    let verb = if cues("change_up")
        .iter()
        .chain(cues("change_down"))
        .any(|c| verb.ends_with(c) && c.chars().count() > 1)
    {
        verb
    } else {
        String::new()
    };
    let mut items: Vec<String> = list_items(&subject, listed.len())
        .into_iter()
        .map(clean_before)
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() == 1 && listed.len() > 1 {
        let only = items[0].clone();
        if let Some((collective, parts)) = DISTRIBUTIVE
            .iter()
            .find(|(c, parts)| only.starts_with(c) && parts.len() == listed.len())
        {
            let rest = &only[collective.len()..];
            items = parts.iter().map(|p| format!("{p}{rest}")).collect();
        }
    }
    if items.len() != listed.len() {
        return None;
    }
    // Items that are bare qualifiers share the rest of the last item: 城镇、农村常住居民
    // 人均可支配收入 → 城镇常住居民人均可支配收入.
    let last = items.last().cloned().unwrap_or_default();
    let last_len = last.chars().count();
    for item in items.iter_mut() {
        let n = item.chars().count();
        if n <= BARE_QUALIFIER && last_len > n + 1 {
            let tail: String = last.chars().skip(n).collect();
            item.push_str(&tail);
        }
    }
    // The last item may carry a head noun that every item shares, and what follows it:
    // 现代消费品营业收入, 旅游及相关产业增加值占地区生产总值比重.
    // A head that ends the last item is the shared one; else the first head inside it.
    let ending = cues("shared_head")
        .iter()
        .find(|h| last.len() > h.len() && last.ends_with(*h))
        .map(|h| (last.len() - h.len(), *h));
    let inside = || {
        cues("shared_head")
            .iter()
            .filter_map(|h| Some((last.find(*h).filter(|&at| at > 0)?, *h)))
            .min()
    };
    if let Some((at, head)) = ending.or_else(inside) {
        let shared = last[at..].to_owned();
        // An item that ends in a head noun of its own (固定资产投资) shares none.
        let headed = |item: &str| cues("shared_head").iter().any(|h| item.ends_with(h));
        for item in items.iter_mut() {
            if !item.contains(head) && !headed(item) {
                item.push_str(&shared);
            }
        }
    }
    Some(format!("{}{}", items[k], verb))
}

/// `受理案件3748.6万件，审结3620万件，同比分别增长10.8%、8.9%`: a `分别` list whose clause names
/// no subject before it (a comparison word at most) pairs its figures with the sentence's
/// last amounts, in order, and their change verb.
fn respectively_amounts(
    q: &Quantity,
    all: &[Quantity],
    ctx: &Context,
    amounts: &[String],
) -> Option<String> {
    let (pos, listed, k) = respectively_slot(q, all, ctx)?;
    let subject = without_comparison(trim_edges(ctx.slice(ctx.clause.0, pos)));
    if !subject.is_empty() || listed.len() < 2 || amounts.len() < listed.len() {
        return None;
    }
    let verb = trim_edges(ctx.slice(pos + 2, listed.first().map_or(pos + 2, |n| n.start)));
    let verb = CHANGE_WORDS
        .iter()
        .any(|c| verb.ends_with(c))
        .then_some(verb)?;
    let item = &amounts[amounts.len() - listed.len() + k];
    Some(format!("{item}{verb}"))
}

/// `城乡居民人均可支配收入分别达到41538元、17027元，增长5.4%、5.6%`: a list of changes with no
/// subject and no `分别` of its own, as long as the distinct amounts just before it, takes them
/// in order.
fn unmarked_list_amounts(
    q: &Quantity,
    all: &[Quantity],
    ctx: &Context,
    amounts: &[String],
) -> Option<String> {
    if respectively_slot_pos(ctx).is_some() {
        return None;
    }
    let listed: Vec<&Quantity> = all
        .iter()
        .filter(|n| n.start >= ctx.clause.0 && n.end <= ctx.clause.1)
        .collect();
    let k = listed.iter().position(|n| n.start == q.start)?;
    if listed.len() < 2 || amounts.len() < listed.len() {
        return None;
    }
    let joined_by_commas = listed
        .windows(2)
        .all(|w| ctx.chars[w[0].end..w[1].start].iter().all(|&c| c == '、'));
    let verb = trim_edges(ctx.slice(ctx.clause.0, listed[0].start));
    if !joined_by_commas || !is_bare_change(verb) {
        return None;
    }
    let items = &amounts[amounts.len() - listed.len()..];
    let distinct = items
        .iter()
        .enumerate()
        .all(|(i, a)| !items[..i].contains(a));
    distinct.then(|| format!("{}{verb}", items[k]))
}

/// Longest list item (in characters) read as a bare qualifier of the last item's noun.
const BARE_QUALIFIER: usize = 2;

/// Longest bare change phrase, in bytes (`比上年增长`, `同口径下降`: five characters).
const BARE_CHANGE_MAX_BYTES: usize = 18;

/// Longest phrase naming what a share is of (`为预算的`, `占全省总量的`), in characters.
const SHARE_OF_MAX_CHARS: usize = 8;

/// "Of them": points back at the object of the figure before.
const ANAPHOR: &str = "其中";

/// An indicator that is only a change verb (`增长`, `同比增长`, `比上年下降`): its subject was
/// elided.
fn is_bare_change(indicator: &str) -> bool {
    CHANGE_WORDS.contains(without_comparison(indicator))
}

/// The direction of a comparison with a benchmark that the text opens with (`高于全国`: up).
fn benchmark_direction(text: &str) -> Option<Direction> {
    let opens = |category: &str| cues(category).iter().any(|c| text.starts_with(c));
    if opens("benchmark_above") {
        Some(Direction::Up)
    } else if opens("benchmark_below") {
        Some(Direction::Down)
    } else {
        None
    }
}

/// The text without the comparison words it opens with (`同比`, `比上年`).
fn without_comparison(text: &str) -> &str {
    let mut rest = text;
    for prefix in BARE_CHANGE_PREFIXES.iter() {
        rest = rest.trim_start_matches(prefix);
    }
    rest
}

static BARE_CHANGE_PREFIXES: LazyLock<&'static [&'static str]> =
    LazyLock::new(|| cues("bare_change_prefix"));
/// Every change verb, up or down.
static CHANGE_WORDS: LazyLock<std::collections::HashSet<&'static str, ahash::RandomState>> =
    LazyLock::new(|| {
        cues("change_up")
            .iter()
            .chain(cues("change_down"))
            .copied()
            .collect()
    });

/// Drops cue words of `category` from the end of `s`, longest first, until none is left.
fn strip_trailing(s: &str, category: &str) -> String {
    strip_cue_endings(s, category).to_owned()
}

/// Words after which the measured phrase starts: lead words of two characters or more and
/// subject markers (成为我国首个经济总量 → 经济总量).
static CUT_WORDS: LazyLock<CueAutomaton> = LazyLock::new(|| {
    CueAutomaton::new(
        cues("lead_word")
            .iter()
            .filter(|c| c.chars().count() >= 2)
            .chain(cues("subject_marker"))
            .copied(),
    )
});

/// Words a measured phrase may open with and that are not part of it (全年, 今年, 中国).
static LEAD_WORDS: LazyLock<CueAutomaton> = LazyLock::new(|| {
    CueAutomaton::new(
        cues("lead_word")
            .iter()
            .chain(cues("lead_time"))
            .chain(cues("lead_head"))
            .copied(),
    )
});

/// Punctuation that never begins or ends a phrase. A `match` compiles to a few range tests;
/// a character list is searched one by one, and every figure's phrases are trimmed.
fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '、' | '，'
            | '；'
            | '：'
            | '（'
            | '）'
            | '('
            | ')'
            | ' '
            | '—'
            | '…'
            | '《'
            | '》'
            | '。'
            | ','
            | ';'
            | ':'
    )
}

/// Trims punctuation from both ends, keeping quotation marks that pair with one inside:
/// `、“两重”项目` → `“两重”项目`, `企业“小升规”` stays whole.
fn trim_edges(s: &str) -> &str {
    const QUOTES: [(char, char); 4] = [('“', '”'), ('‘', '’'), ('「', '」'), ('『', '』')];
    let is_quote =
        |c: Option<char>| c.is_some_and(|c| QUOTES.iter().any(|&(o, e)| c == o || c == e));
    let mut s = s.trim_matches(is_edge_punct);
    loop {
        // Most phrases neither open nor close with a quotation mark.
        if !is_quote(s.chars().next()) && !is_quote(s.chars().next_back()) {
            return s;
        }
        let before = s.len();
        // Told by the first and last characters: `starts_with` of a character compares its
        // encoding through `memcmp`, and every phrase of every figure comes here.
        for (open, close) in QUOTES {
            let first = s.chars().next();
            if first == Some(close)
                || (first == Some(open) && !s[open.len_utf8()..].contains(close))
            {
                s = &s[open.len_utf8()..];
            }
            let last = s.chars().next_back();
            if last == Some(open)
                || (last == Some(close) && !s[..s.len() - close.len_utf8()].contains(open))
            {
                s = &s[..s.len() - close.len_utf8()];
            }
        }
        // Already trimmed of punctuation: with no quotation mark taken off, nothing is left
        // to trim.
        if s.len() == before {
            return s;
        }
        s = s.trim_matches(is_edge_punct);
    }
}

fn clean_before<'a>(raw: &'a str) -> String {
    let mut s = trim_edges(raw);
    // A bracket closed before any opens ends a gloss of the figure before (5.89万亿元(人民币、
    // 下同)、较上年增加): what follows it is this figure's.
    if let Some(close) = s.find([')', '）']) {
        if !s[..close].contains(['(', '（']) {
            s = trim_edges(&s[close + s[close..].chars().next().map_or(1, char::len_utf8)..]);
        }
    }
    // Drop a leading region, lead words and years, and everything up to a subject marker, in
    // any order, until none applies: 广东将经济增长目标 → 经济增长目标.
    loop {
        let before = s;
        if let Some((_, end)) = regions::leading(s) {
            s = &s[end..];
            for suffix in ["省", "市", "区"] {
                if let Some(rest) = s.strip_prefix(suffix) {
                    s = rest;
                }
            }
        }
        if let Some(end) = LEAD_WORDS.longest_prefix(s) {
            s = &s[end..];
        }
        // 到2027年 is a time as much as 2027年 is.
        if let Some(rest) = cues("year_lead").iter().find_map(|w| {
            s.strip_prefix(w)
                .filter(|r| YEAR_DIGITS.find(r).is_some_and(|m| m.start() == 0))
        }) {
            s = rest;
        }
        if s.starts_with(|c: char| c.is_ascii_digit()) {
            if let Some(m) = YEAR_DIGITS.find(s).filter(|m| m.start() == 0) {
                s = &s[m.end()..];
            }
        }
        if let Some(p) = CUT_WORDS.last_cut(s) {
            // A cut that leaves only a link verb (技术合同成交额累计达), 的 (通过其中的) or a
            // change verb (二氧化碳排放累计降低) keeps the subject before it instead, less the
            // cut word.
            let only_of = |t: &'a str| trim_edges(t).trim_end_matches('的');
            let rest = only_of(strip_cue_endings(&s[p..], "link_verb"));
            if !rest.is_empty() && rest.len() <= BARE_CHANGE_MAX_BYTES && is_bare_change(rest) {
                let subject = strip_cue_endings(&s[..p], "lead_word");
                let subject = strip_cue_endings(subject, "subject_marker");
                return format!("{}{rest}", trim_edges(subject));
            }
            if rest.is_empty() {
                s = strip_cue_endings(only_of(strip_cue_endings(s, "link_verb")), "lead_word");
            } else {
                s = &s[p..];
            }
        }
        s = trim_edges(strip_cue_endings(
            strip_cue_endings(s, "currency_word"),
            "link_verb",
        ));
        if s.len() == before.len() {
            return s.to_owned();
        }
    }
}

fn clean_after(raw: &str) -> String {
    // A note in brackets right after the number (5600亿元(预计数，下同)) is about the figure,
    // not what it counts.
    if raw.starts_with(['(', '（']) {
        return String::new();
    }
    // A quoted name right after the number is the whole object: 120个“山西精品”享誉海内外.
    if raw.starts_with('“') {
        if let Some(end) = raw.find('”') {
            return trim_edges(&raw[..end]).to_owned();
        }
    }
    let s = raw.trim_start_matches('的');
    // The object ends at a list comma, at 的 (8个产业集群的生产场景) or after a quoted name:
    // 5500家企业“小升规”、加快….
    let end = s
        .char_indices()
        .find(|&(_, c)| c == '、' || c == '的')
        .map_or(s.len(), |(i, _)| i);
    let mut s = &s[..end];
    if let Some(close) = s.find('”') {
        s = &s[..close + '”'.len_utf8()];
    }
    strip_trailing(trim_edges(s), "link_verb")
}

fn measure(
    q: &Quantity,
    raw_before: &str,
    indicator: &str,
    all: &[Quantity],
    ctx: &Context,
) -> (Measure, Option<Direction>) {
    if q.is_rank {
        return (
            Measure::Rank,
            q.rank_move
                .map(|up| if up { Direction::Up } else { Direction::Down }),
        );
    }
    if SHARE.is_match(indicator) && matches!(q.unit.class, UnitClass::Percent) {
        return (Measure::Share, None);
    }
    // A percentage of something named just before it (为预算的98.3%, 占全省的12%) is a share.
    // Not after a year: 从2020年的51% is a time.
    let of = trim_edges(raw_before);
    if matches!(q.unit.class, UnitClass::Percent) && of.ends_with('的') && !of.ends_with("年的")
    {
        return (Measure::Share, None);
    }
    // A margin over a benchmark in points (高于全国0.8个百分点) is a difference of rates.
    if matches!(q.unit.class, UnitClass::Points) {
        if let Some(direction) = benchmark_direction(trim_edges(raw_before)) {
            return (Measure::Change, Some(direction));
        }
    }
    // A list continues the verb of its first member: 分别增长40.9%、24.8%.
    let mut verb_text = raw_before.to_owned();
    if trim_edges(&verb_text).is_empty() {
        if let Some(first) = all
            .iter()
            .filter(|p| p.end <= q.start && p.start >= ctx.clause.0)
            .min_by_key(|p| p.start)
        {
            verb_text = ctx.slice(ctx.clause.0, first.start).to_owned();
        }
    }
    let v = trim_edges(&verb_text);
    let nouns_out;
    let v = if NOT_CHANGE.is_match(v) {
        nouns_out = remove_words(&NOT_CHANGE, v);
        nouns_out.as_str()
    } else {
        v
    };
    let relative = matches!(
        q.unit.class,
        UnitClass::Percent | UnitClass::Points | UnitClass::Multiple
    );
    let to_level = v.ends_with(['至', '到', '为']);
    if !to_level {
        let direct = |cat: &str| cues(cat).iter().any(|c| v.ends_with(c));
        // A verb of upgrading with its object between it and a count or a size
        // (改造提升农村公路3983公里) counts what was upgraded; other change verbs are read
        // through their object (减少碳排放2810万吨, 降低电力供应成本5.3亿元).
        let upgrades_removed;
        let v_inside = if relative || matches!(q.unit.class, UnitClass::Money) {
            v
        } else {
            upgrades_removed = remove_words(&UPGRADE_VERBS, v);
            upgrades_removed.as_str()
        };
        let inside = |finder: &aho_corasick::AhoCorasick| finder.is_match(v_inside);
        if direct("change_down") || inside(&CHANGE_DOWN_INSIDE) && !inside(&CHANGE_UP_INSIDE) {
            return (Measure::Change, Some(Direction::Down));
        }
        if direct("change_up") || inside(&CHANGE_UP_INSIDE) {
            return (Measure::Change, Some(Direction::Up));
        }
    }
    if relative {
        if let Some(m) = CHANGE_NOUN.find(indicator) {
            let down = m.as_str().contains('降');
            return (
                Measure::Change,
                Some(if down { Direction::Down } else { Direction::Up }),
            );
        }
    }
    (Measure::Level, None)
}

#[cfg(test)]
mod tests;
