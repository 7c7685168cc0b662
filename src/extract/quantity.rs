//! Quantities in running text: a number with its multiplier, unit and qualifier
//! (`超过550亿元`, `4.5%—5%`, `160余万人`, `全国第一`), found by one left-to-right scan.
//!
//! What is *not* a quantity is as important: years used as time (`2025年`), dates, ordinals
//! (`第三次会议`), numerals inside names (`PM2.5`, `T800`, `“两个确立”`), and Chinese
//! numerals in idioms (`千方百计`, `一批`).

use super::model::Qualifier;
use super::numeral::{
    cn_digit, cn_multiplier, digit, is_cn_numeral_char, large_multiplier_after_digits,
    parse_arabic, parse_chinese,
};
use crate::lexicon::FastMap as HashMap;
use crate::lexicon::{cue_regex, cues, rows};
use regex::Regex;
use std::sync::LazyLock;

const UNITS: &str = include_str!("../../data/units.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitClass {
    Percent,
    Points,
    Money,
    Measure,
    Multiple,
    Time,
    Count,
    Rank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub written: &'static str,
    pub canonical: &'static str,
    pub class: UnitClass,
    pub after_chinese: bool,
    pub optional: bool,
    /// A rate whose denominator is written before the number (`每立方米19微克`): the unit
    /// counts only after a number that follows this.
    pub per: Option<&'static str>,
}

static UNIT_TABLE: LazyLock<Vec<Unit>> = LazyLock::new(|| {
    let mut units: Vec<Unit> = rows(UNITS)
        .filter_map(|r| {
            let class = match *r.get(2)? {
                "percent" => UnitClass::Percent,
                "points" => UnitClass::Points,
                "money" => UnitClass::Money,
                "measure" => UnitClass::Measure,
                "multiple" => UnitClass::Multiple,
                "time" => UnitClass::Time,
                "count" => UnitClass::Count,
                _ => return None,
            };
            let flags = r.get(3).copied().unwrap_or("");
            Some(Unit {
                written: r.first()?,
                canonical: r.get(1)?,
                class,
                after_chinese: flags.split(',').any(|f| f == "cn"),
                optional: flags.split(',').any(|f| f == "optional"),
                per: flags.split(',').find_map(|f| f.strip_prefix("per=")),
            })
        })
        .collect();
    // Longest written form first: 千瓦时 before 千瓦, 个百分点 before 个.
    units.sort_by_key(|u| std::cmp::Reverse(u.written.chars().count()));
    units
});

static RANK_UNIT: Unit = Unit {
    written: "位",
    canonical: "位",
    class: UnitClass::Rank,
    after_chinese: true,
    optional: false,
    per: None,
};

/// Units by their first character, longest written form first.
static UNITS_BY_FIRST: LazyLock<HashMap<char, Vec<&'static Unit>>> = LazyLock::new(|| {
    let mut m: HashMap<char, Vec<&'static Unit>> = HashMap::default();
    for u in UNIT_TABLE.iter() {
        if let Some(c) = u.written.chars().next() {
            m.entry(c).or_default().push(u);
        }
    }
    m
});

/// The unit written at `chars[at..]`, longest first; rates written around the number
/// (`每立方米19微克`) are left to [`rate_unit_at`].
fn unit_at(chars: &[char], at: usize) -> Option<&'static Unit> {
    let first = chars.get(at)?;
    UNITS_BY_FIRST.get(first)?.iter().copied().find(|u| {
        u.per.is_none()
            && starts_with(chars, at, u.written)
                // `2：1` is a ratio, `10:15` a time.
                && !(u.written.ends_with(|c: char| c.is_ascii_digit())
                    && chars
                        .get(at + u.written.chars().count())
                        .is_some_and(|&c| c.is_ascii_digit() || c == '.'))
    })
}

/// A rate whose denominator stands before the number that starts at `num_start` and whose
/// numerator follows it at `at` (`每立方米19微克`), and how many characters the denominator
/// takes before the number.
fn rate_unit_at(chars: &[char], at: usize, num_start: usize) -> Option<(&'static Unit, usize)> {
    let first = chars.get(at)?;
    UNITS_BY_FIRST.get(first)?.iter().find_map(|u| {
        let per = u.per?;
        let len = per.chars().count();
        let before = num_start.checked_sub(len)?;
        (starts_with(chars, at, u.written) && starts_with(chars, before, per)).then_some((*u, len))
    })
}

fn starts_with(chars: &[char], at: usize, s: &str) -> bool {
    (at..).zip(s.chars()).all(|(i, c)| chars.get(i) == Some(&c))
}

/// The cue words of each category as characters, built once.
static CUE_CHARS: LazyLock<HashMap<&'static str, Vec<Vec<char>>>> = LazyLock::new(|| {
    [
        "qualifier_approx_pre",
        "qualifier_at_least_pre_cn",
        "qualifier_at_least_pre",
        "qualifier_at_most_pre",
        "qualifier_approx_post",
        "qualifier_at_least_post",
        "qualifier_at_most_post",
        "rank_up",
        "rank_down",
        "numeral_name",
        "ordinal_meeting",
        "minus_word",
    ]
    .into_iter()
    .map(|cat| (cat, cues(cat).iter().map(|c| c.chars().collect()).collect()))
    .collect()
});

fn cue_chars(category: &str) -> &'static [Vec<char>] {
    CUE_CHARS.get(category).map(Vec::as_slice).unwrap_or(&[])
}

/// The longest cue of `category` that ends right before `at`; returns its length in chars.
fn cue_before(chars: &[char], at: usize, category: &str) -> Option<usize> {
    // Most cues are turned away by their last character, before their whole run is compared.
    let last = at.checked_sub(1).map(|i| chars[i]);
    cue_chars(category)
        .iter()
        .filter(|c| {
            c.len() <= at
                && c.last().is_none_or(|&l| Some(l) == last)
                && chars[at - c.len()..at] == c[..]
        })
        .map(Vec::len)
        .max()
}

/// The longest cue of `category` that starts at `at`; returns its length in chars.
fn cue_after(chars: &[char], at: usize, category: &str) -> Option<usize> {
    let first = chars.get(at);
    cue_chars(category)
        .iter()
        .filter(|c| {
            c.first().is_none_or(|f| Some(f) == first)
                && chars.get(at..at + c.len()) == Some(&c[..])
        })
        .map(Vec::len)
        .max()
}

/// A quantity found in a text, with character offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// First character of the mention, prefix qualifier included.
    pub start: usize,
    /// One past the last character, suffix qualifier included.
    pub end: usize,
    /// First character of the number itself.
    pub num_start: usize,
    pub value: f64,
    pub value_high: Option<f64>,
    pub unit: &'static Unit,
    pub qualifier: Qualifier,
    /// For ranks: `Some(true)` moved up, `Some(false)` down.
    pub rank_move: Option<bool>,
    pub is_rank: bool,
}

impl Quantity {
    pub fn text(&self, chars: &[char]) -> String {
        chars[self.start..self.end].iter().collect()
    }
}

struct Number {
    end: usize,
    value: f64,
    chinese: bool,
    /// A Chinese numeral made of place values only (百, 千, 万): needs a qualifier to count.
    bare_place: bool,
    /// Four Chinese digits read one by one (二〇二五, 一九九一): a year's way of writing.
    spelled_year: bool,
}

fn read_arabic(chars: &[char], i: usize) -> Option<Number> {
    let mut j = i;
    let mut s = String::new();
    while j < chars.len() {
        let c = chars[j];
        if digit(c).is_some() {
            s.push(c);
            j += 1;
        } else if matches!(c, '.' | '．') && chars.get(j + 1).and_then(|&d| digit(d)).is_some() {
            s.push('.');
            j += 1;
        } else if c == ','
            && (1..=3).all(|k| chars.get(j + k).and_then(|&d| digit(d)).is_some())
            && chars.get(j + 4).and_then(|&d| digit(d)).is_none()
        {
            j += 1;
        } else {
            break;
        }
    }
    let value = parse_arabic(&s)?;
    Some(Number {
        end: j,
        value,
        chinese: false,
        bare_place: false,
        spelled_year: false,
    })
}

fn read_chinese(chars: &[char], i: usize) -> Option<Number> {
    let mut j = i;
    while j < chars.len() && is_cn_numeral_char(chars[j]) {
        j += 1;
    }
    // A decimal: 三点五
    if chars.get(j) == Some(&'点') && chars.get(j + 1).and_then(|&c| cn_digit(c)).is_some() {
        j += 1;
        while j < chars.len() && cn_digit(chars[j]).is_some() {
            j += 1;
        }
    }
    let s: String = chars[i..j].iter().collect();
    let mut value = parse_chinese(&s)?;
    // A decimal before a large unit: 三点五万 is 35000.
    if s.contains('点') {
        let (m, end) = trailing_multiplier(chars, j, 1e4);
        value *= m;
        j = end;
    }
    Some(Number {
        end: j,
        value,
        chinese: true,
        bare_place: chars[i..j].iter().all(|&c| cn_multiplier(c).is_some()),
        spelled_year: j - i == 4 && chars[i..j].iter().all(|&c| cn_digit(c).is_some()),
    })
}

/// Whether the Latin letters right before `at` are an indicator's abbreviation
/// (`latin_indicator` cues: GDP, CPI), not part of a name or code.
fn after_latin_indicator(chars: &[char], at: usize) -> bool {
    let letters = chars[..at]
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let word: String = chars[at - letters..at].iter().collect();
    cues("latin_indicator")
        .iter()
        .any(|w| w.eq_ignore_ascii_case(&word))
}

/// Straight quotes open and close alike: a figure right after one that closed a quotation
/// (`"十四五"5个`) is told apart by the digit rule below.
static QUOTE_PAIRS: [(char, char); 6] = [
    ('“', '”'),
    ('‘', '’'),
    ('「', '」'),
    ('《', '》'),
    ('"', '"'),
    ('＂', '＂'),
];
/// A quotation this short is a name or slogan (“两个确立”, ‘五个中心’), not a statement.
const NAME_QUOTE_MAX: usize = 8;

/// Whether character `at` stands inside a short quotation. Asked only where a number starts:
/// marking every character of every text cost more than all the questions.
fn in_short_quote(chars: &[char], at: usize) -> bool {
    // A quotation closed within `NAME_QUOTE_MAX` characters covers at most that many.
    (at.saturating_sub(NAME_QUOTE_MAX)..at).any(|open| {
        let Some(&(_, close)) = QUOTE_PAIRS.iter().find(|(o, _)| *o == chars[open]) else {
            return false;
        };
        // A quoted figure (目标「5%左右」) is a figure, not a name.
        if chars.get(open + 1).is_some_and(|&d| digit(d).is_some()) {
            return false;
        }
        chars[open + 1..]
            .iter()
            .take(NAME_QUOTE_MAX + 1)
            .position(|&x| x == close)
            .is_some_and(|len| at < open + 1 + len)
    })
}

static RANK: LazyLock<Regex> = LazyLock::new(|| {
    cue_regex(
        // A scope word right before the ordinal (全国第一), or 居 and a short peer group
        // between (居省会城市机场首位; not 居民…, and 居全国第一 is 全国第一).
        r"({{rank_scope}}|居[^民住家所全世，。；、！：\s\d][^，。；、！：\s\d]{0,9}?)(?:第([一二三四五六七八九十0-9]{1,3})(?:位|名)?|(首位)|前([二三四五六七八九十0-9]{1,2})(?:位|名)?)([批个家次届项件条]?)",
    )
});

fn is_year_like(v: f64) -> bool {
    v.fract() == 0.0 && (1900.0..=2100.0).contains(&v)
}

/// Finds every quantity in `text`, left to right, without overlaps.
pub fn scan(text: &str) -> Vec<Quantity> {
    scan_chars(text, &text.chars().collect::<Vec<char>>())
}

/// [`scan`] for a caller that holds the text's characters already (`chars` are those of
/// `text`).
pub fn scan_chars(text: &str, chars: &[char]) -> Vec<Quantity> {
    let ranks = scan_ranks(text, chars);
    let mut out: Vec<Quantity> = Vec::new();
    let mut next_rank = 0;
    let mut i = 0;
    while i < chars.len() {
        // Most characters are neither a numeral nor where a rank starts: pass over them
        // without asking each rule in turn.
        while ranks.get(next_rank).is_some_and(|r| r.end <= i) {
            next_rank += 1;
        }
        let stop = ranks.get(next_rank).map_or(chars.len(), |r| r.start.max(i));
        while i < stop && !(digit(chars[i]).is_some() || is_cn_numeral_char(chars[i])) {
            i += 1;
        }
        if i == chars.len() {
            break;
        }
        if let Some(q) = spelled_percent(chars, i) {
            i = q.end;
            out.push(q);
            continue;
        }
        // Ranks were found first; skip over the one that covers this position.
        while ranks.get(next_rank).is_some_and(|r| r.end <= i) {
            next_rank += 1;
        }
        if let Some(r) = ranks.get(next_rank).filter(|r| r.start <= i) {
            i = r.end;
            continue;
        }
        let c = chars[i];
        let is_arabic = digit(c).is_some();
        if !(is_arabic || is_cn_numeral_char(c)) {
            i += 1;
            continue;
        }
        let number = if is_arabic {
            read_arabic(chars, i)
        } else {
            read_chinese(chars, i)
        };
        let Some(number) = number else {
            i += 1;
            continue;
        };
        match quantity_at(chars, i, &number) {
            Some(q) => {
                i = q.end;
                out.push(q);
            }
            None => i = number.end.max(i + 1),
        }
    }
    out.extend(ranks);
    out.sort_by_key(|q| q.start);
    out
}

fn scan_ranks(text: &str, chars: &[char]) -> Vec<Quantity> {
    let mut out = Vec::new();
    for cap in RANK.captures_iter(text) {
        let (Some(whole), Some(scope)) = (cap.get(0), cap.get(1)) else {
            continue;
        };
        if cap.get(5).is_some_and(|m| !m.as_str().is_empty()) {
            continue; // 全国第一批: an ordinal of things, not a rank
        }
        let (value, qualifier) = if cap.get(3).is_some() {
            (Some(1.0), Qualifier::Exact)
        } else if let Some(n) = cap.get(2) {
            (number_word(n.as_str()), Qualifier::Exact)
        } else if let Some(n) = cap.get(4) {
            (number_word(n.as_str()), Qualifier::AtMost)
        } else {
            continue;
        };
        let Some(value) = value else { continue };
        // Scope words such as 居 or 排名 lead into the rank and are not part of the mention;
        // 全国, 全省 are (全国第一).
        let start_byte = if scope.as_str().starts_with('全') || scope.as_str() == "世界" {
            scope.start()
        } else {
            scope.end()
        };
        let start = text[..start_byte].chars().count();
        let end = text[..whole.end()].chars().count();
        let num_start = text[..scope.end()].chars().count();
        out.push(Quantity {
            start,
            end: end.min(chars.len()),
            num_start,
            value,
            value_high: None,
            unit: &RANK_UNIT,
            qualifier,
            rank_move: None,
            is_rank: true,
        });
    }
    out
}

/// Whether a meeting counted in order follows `N次` at `at`, past a list of more (`、十一次`).
fn ordinal_meeting_after(chars: &[char], mut at: usize) -> bool {
    while chars.get(at) == Some(&'、') {
        let mut k = at + 1;
        while chars
            .get(k)
            .is_some_and(|&c| digit(c).is_some() || is_cn_numeral_char(c))
        {
            k += 1;
        }
        if k == at + 1 || chars.get(k) != Some(&'次') {
            break;
        }
        at = k + 1;
    }
    cue_after(chars, at, "ordinal_meeting").is_some()
}

fn number_word(s: &str) -> Option<f64> {
    parse_arabic(s).or_else(|| parse_chinese(s))
}

fn quantity_at(chars: &[char], i: usize, number: &Number) -> Option<Quantity> {
    let prev = i.checked_sub(1).map(|p| chars[p]);
    // Numerals inside names and codes: PM2.5, T800, 5G, “两个确立”; but an indicator's
    // abbreviation may run into its figure (全国GDP5%).
    if prev.is_some_and(|p| p == '.' || digit(p).is_some())
        || prev.is_some_and(|p| p.is_ascii_alphabetic()) && !after_latin_indicator(chars, i)
    {
        return None;
    }
    if chars
        .get(number.end)
        .is_some_and(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    if in_short_quote(chars, i) {
        return None;
    }
    // Ordinals: 第三次, 十二届八次全会.
    if matches!(prev, Some('第' | '届')) {
        return None;
    }
    if cue_after(chars, i, "numeral_name").is_some() {
        return None;
    }
    let mut j = number.end;
    let mut value = number.value;
    let mut mid_qualifier = None;
    // Multipliers and 余/多 between the number and its unit: 160余万人, 14万亿元, 300多家.
    while let Some(&c) = chars.get(j) {
        if unit_at(chars, j)
            .is_some_and(|u| u.written.chars().count() > 1 && u.written.starts_with(c))
        {
            break; // 千瓦时 is a unit, not 千 × 瓦时
        }
        if let Some(m) = cn_multiplier(c)
            .filter(|&m| !number.chinese && m >= 100.0)
            .or_else(|| large_multiplier_after_digits(c))
        {
            value *= m;
            j += 1;
        } else if matches!(c, '余' | '多')
            && chars
                .get(j + 1)
                .is_some_and(|&n| cn_multiplier(n).is_some() || unit_at(chars, j + 1).is_some())
        {
            mid_qualifier = Some(Qualifier::AtLeast);
            j += 1;
        } else {
            break;
        }
    }
    let mut qualifier = mid_qualifier;
    let mut value_high = None;
    // Characters of a rate's denominator written before the number (每立方米).
    let mut denominator = 0;
    let unit = match unit_at(chars, j).or_else(|| {
        rate_unit_at(chars, j, i).map(|(u, len)| {
            denominator = len;
            u
        })
    }) {
        Some(u) => {
            j += u.written.chars().count();
            // A range with the unit on both ends: 4.5%—5%, 6%至7%.
            if let Some((high, high_unit, end)) = range_tail(chars, j, u) {
                value_high = Some(high);
                j = end;
                qualifier = Some(Qualifier::Range);
                high_unit
            } else {
                u
            }
        }
        None => {
            // A range with the unit only at the end: 4.5-5%, 5至6个百分点, 200-300亿元.
            let (high, multiplier, high_unit, end) = range_tail_unitless(chars, j, number)?;
            value *= multiplier;
            value_high = Some(high * multiplier);
            j = end;
            qualifier = Some(Qualifier::Range);
            high_unit
        }
    };
    // 一 before a measure word is mostly an idiom (一批, 一项一项); 增长一倍 is a number.
    let idiomatic_one =
        number.value == 1.0 && mid_qualifier.is_none() && unit.class != UnitClass::Multiple;
    if number.chinese && (!unit.after_chinese || idiomatic_one) {
        return None;
    }
    // Dates and years used as time.
    if unit.canonical == "年"
        && is_year_like(number.value)
        && (!number.chinese || number.spelled_year)
    {
        return None;
    }
    if unit.written == "次" && ordinal_meeting_after(chars, j) {
        return None;
    }
    if chars
        .get(number.end)
        .is_some_and(|c| matches!(c, '月' | '日' | '时'))
    {
        return None;
    }
    // 两倍多: a trailing 多 after the unit.
    if chars.get(j) == Some(&'多') && unit.class != UnitClass::Count {
        qualifier = Some(Qualifier::AtLeast);
        j += 1;
    }
    if number.chinese
        && number.bare_place
        && qualifier.is_none()
        && prefix_qualifier(chars, i, true).is_none()
    {
        // 百, 千 alone only count with a bound or approximation: 百余家, 近千亿元.
        if chars.get(i).is_none_or(|&c| c != '十') {
            return None;
        }
    }
    // Suffix qualifiers: 左右, 以上, 以内, 内 (10个自然日内).
    let mut post = None;
    for (cat, q) in [
        ("qualifier_approx_post", Qualifier::Approx),
        ("qualifier_at_least_post", Qualifier::AtLeast),
        ("qualifier_at_most_post", Qualifier::AtMost),
    ] {
        if let Some(len) = cue_after(chars, j, cat) {
            let bare_single = len == 1;
            let next = chars.get(j + len);
            // A one-character suffix (内, 多) must close the phrase, not start a word (内容).
            if bare_single && next.is_some_and(|&c| super::is_han(c)) {
                continue;
            }
            post = Some((q, len));
            break;
        }
    }
    if let Some((q, len)) = post {
        if qualifier != Some(Qualifier::Range) {
            qualifier = Some(q);
        }
        j += len;
    }
    let mut start = i - denominator;
    // A negative number: -0.5%, 负0.5%.
    let mut sign = 1.0;
    if let Some(p) = i.checked_sub(1) {
        if matches!(chars[p], '-' | '－' | '负')
            && p.checked_sub(1).is_none_or(|pp| digit(chars[pp]).is_none())
            && cue_before(chars, i, "minus_word").is_none()
        {
            sign = -1.0;
            start = p;
        }
    }
    if let Some((q, len)) = prefix_qualifier(chars, start, number.chinese) {
        if qualifier.is_none() {
            qualifier = Some(q);
        }
        start -= len;
    }
    let mut rank_move = None;
    if matches!(unit.written, "位" | "名") {
        if let Some(len) = cue_before(chars, start, "rank_up") {
            rank_move = Some(true);
            start -= len;
        } else if let Some(len) = cue_before(chars, start, "rank_down") {
            rank_move = Some(false);
            start -= len;
        }
    }
    let is_rank = rank_move.is_some();
    Some(Quantity {
        start,
        end: j,
        num_start: i,
        value: sign * value,
        value_high,
        unit: if is_rank { &RANK_UNIT } else { unit },
        qualifier: qualifier.unwrap_or(Qualifier::Exact),
        rank_move,
        is_rank,
    })
}

static PERCENT: LazyLock<&'static Unit> = LazyLock::new(|| {
    UNIT_TABLE
        .iter()
        .find(|u| u.class == UnitClass::Percent)
        .unwrap_or_else(|| panic!("data/units.tsv has no percent unit"))
});

/// `百分之五`, `百分之十二点五`: a percentage written out in words.
fn spelled_percent(chars: &[char], i: usize) -> Option<Quantity> {
    if !starts_with(chars, i, "百分之") {
        return None;
    }
    let read = |at: usize| {
        if chars.get(at).and_then(|&c| digit(c)).is_some() {
            read_arabic(chars, at)
        } else {
            read_chinese(chars, at)
        }
    };
    let number = read(i + 3)?;
    let mut end = number.end;
    let mut qualifier = Qualifier::Exact;
    // A range written out twice: 百分之四点五至百分之五.
    let mut value_high = None;
    let dashes = chars[end..]
        .iter()
        .take(2)
        .take_while(|c| RANGE_DASHES.contains(c))
        .count();
    if dashes > 0 && starts_with(chars, end + dashes, "百分之") {
        if let Some(high) = read(end + dashes + 3) {
            value_high = Some(high.value);
            qualifier = Qualifier::Range;
            end = high.end;
        }
    }
    for (cat, q) in [
        ("qualifier_approx_post", Qualifier::Approx),
        ("qualifier_at_least_post", Qualifier::AtLeast),
        ("qualifier_at_most_post", Qualifier::AtMost),
    ] {
        if let Some(len) = cue_after(chars, end, cat).filter(|&l| l > 1) {
            if value_high.is_none() {
                qualifier = q;
            }
            end += len;
            break;
        }
    }
    Some(Quantity {
        start: i,
        end,
        num_start: i,
        value: number.value,
        value_high,
        unit: *PERCENT,
        qualifier,
        rank_move: None,
        is_rank: false,
    })
}

/// The qualifier written before a number; `chinese` numbers also take the ones that only
/// qualify a Chinese numeral (数百家: 数 after 人 in 人数120万 is a word's end).
fn prefix_qualifier(chars: &[char], at: usize, chinese: bool) -> Option<(Qualifier, usize)> {
    let chinese_only = [("qualifier_at_least_pre_cn", Qualifier::AtLeast)];
    [
        ("qualifier_at_most_pre", Qualifier::AtMost),
        ("qualifier_at_least_pre", Qualifier::AtLeast),
        ("qualifier_approx_pre", Qualifier::Approx),
    ]
    .into_iter()
    .chain(chinese_only.into_iter().filter(|_| chinese))
    .filter_map(|(cat, q)| cue_before(chars, at, cat).map(|len| (q, len)))
    .max_by_key(|&(_, len)| len)
}

/// The product of the place values from `at` on that are at least `min` (`万亿` → 1e12),
/// and where they end.
fn trailing_multiplier(chars: &[char], mut at: usize, min: f64) -> (f64, usize) {
    let mut multiplier = 1.0;
    while let Some(m) = chars
        .get(at)
        .and_then(|&c| cn_multiplier(c))
        .filter(|&m| m >= min)
    {
        multiplier *= m;
        at += 1;
    }
    (multiplier, at)
}

const RANGE_DASHES: [char; 8] = ['—', '－', '-', '~', '～', '至', '到', '–'];

/// After a range dash at `at` (one or two of `—`, `-`, `至` …): the second number, its
/// multiplier (`300亿` → 1e8) and where they end.
fn second_of_range(chars: &[char], at: usize) -> Option<(f64, f64, usize)> {
    let mut j = at;
    while chars.get(j).is_some_and(|c| RANGE_DASHES.contains(c)) && j < at + 2 {
        j += 1;
    }
    if j == at {
        return None;
    }
    // 四点五%至五%: a Chinese numeral holds its own 万 and 亿.
    if let Some(second) = read_arabic(chars, j) {
        let (multiplier, k) = trailing_multiplier(chars, second.end, 100.0);
        return Some((second.value, multiplier, k));
    }
    let second = read_chinese(chars, j)?;
    Some((second.value, 1.0, second.end))
}

/// `4.5%—5%`: after a full first quantity, a dash and a second number with the same unit.
fn range_tail(
    chars: &[char],
    at: usize,
    unit: &'static Unit,
) -> Option<(f64, &'static Unit, usize)> {
    let (value, multiplier, k) = second_of_range(chars, at)?;
    let u2 = unit_at(chars, k)?;
    (u2.canonical == unit.canonical).then_some((
        value * multiplier,
        u2,
        k + u2.written.chars().count(),
    ))
}

/// `4.5-5%`, `5至6个百分点`, `200-300亿元`: the first number bare, the multiplier and unit
/// written once after the second. Returns the second number, the shared multiplier, the unit
/// and the end.
fn range_tail_unitless(
    chars: &[char],
    num_end: usize,
    number: &Number,
) -> Option<(f64, f64, &'static Unit, usize)> {
    if number.chinese {
        return None;
    }
    let (value, multiplier, k) = second_of_range(chars, num_end)?;
    let u2 = unit_at(chars, k)?;
    if u2.canonical == "年" && is_year_like(value) {
        return None;
    }
    Some((value, multiplier, u2, k + u2.written.chars().count()))
}

#[cfg(test)]
mod tests;
