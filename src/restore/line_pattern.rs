//! Line tests as regexes that know, from the pattern itself, which bytes a match can open and
//! close with. Every line of every input goes through several such tests and nearly all fail;
//! a line whose first (or last) byte no match can have is turned away before the regex
//! machinery is set up for it.

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A regex with the bytes its matches may start and end with, where it is anchored there.
#[derive(Debug)]
pub struct LinePattern {
    regex: Regex,
    /// For a pattern anchored at the start of the text (`^…`): whether a match may open with
    /// each byte. `None` when it is not anchored there.
    opens: Option<[bool; 256]>,
    /// The same at the end (`…$`): whether a match may close with each byte.
    closes: Option<[bool; 256]>,
    /// For a pattern anchored at the start, the characters a match may open with, as sorted
    /// ranges that do not touch: sharper than the first byte, which Chinese characters share
    /// by the thousand (`一、` and most lines of text open with the same byte).
    open_chars: Option<Vec<(char, char)>>,
}

impl LinePattern {
    /// Compiles a bundled pattern; a pattern that does not compile is a build defect.
    pub fn new(pattern: &str) -> LinePattern {
        let regex = Regex::new(pattern)
            .unwrap_or_else(|e| panic!("bundled line pattern {pattern:?} is invalid: {e}"));
        LinePattern::of(regex)
    }

    /// Works out where an already compiled regex is anchored and with which bytes.
    pub fn of(regex: Regex) -> LinePattern {
        let (opens, closes, open_chars) = match regex_syntax::parse(regex.as_str()) {
            Ok(hir) => {
                let p = hir.properties();
                // A pattern that can match the empty text may open or close with anything.
                let non_empty = p.minimum_len() != Some(0);
                let at_start = non_empty && p.look_set_prefix().contains(Look::Start);
                let at_end = non_empty && p.look_set_suffix().contains(Look::End);
                (
                    at_start.then(|| edge_bytes(&hir, Edge::First)),
                    at_end.then(|| edge_bytes(&hir, Edge::Last)),
                    at_start.then(|| first_chars(&hir)).flatten(),
                )
            }
            Err(_) => (None, None, None),
        };
        LinePattern {
            regex,
            opens,
            closes,
            open_chars,
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.regex.is_match(text)
    }

    pub fn find<'t>(&self, text: &'t str) -> Option<regex::Match<'t>> {
        self.may_match(text)
            .then(|| self.regex.find(text))
            .flatten()
    }

    pub fn captures<'t>(&self, text: &'t str) -> Option<regex::Captures<'t>> {
        self.may_match(text)
            .then(|| self.regex.captures(text))
            .flatten()
    }

    /// The regex itself, which tests every text.
    #[cfg(test)]
    fn regex(&self) -> &Regex {
        &self.regex
    }

    /// False when no match can open or close `text` as it does; true when one may.
    pub fn may_match(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let allowed = |edge: &Option<[bool; 256]>, byte: Option<&u8>| match (edge, byte) {
            (Some(set), Some(&b)) => set[usize::from(b)],
            _ => true,
        };
        allowed(&self.opens, bytes.first())
            && allowed(&self.closes, bytes.last())
            && match (&self.open_chars, text.chars().next()) {
                (Some(ranges), Some(c)) => {
                    let at = ranges.partition_point(|&(_, to)| to < c);
                    ranges.get(at).is_some_and(|&(from, _)| from <= c)
                }
                _ => true,
            }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Edge {
    First,
    Last,
}

/// The bytes a match of `hir` may have at one end: a superset, worked out over the pattern's
/// structure (a concatenation's first part, and the parts after it while those may be empty;
/// either branch of an alternation; a repetition's body).
fn edge_bytes(hir: &Hir, edge: Edge) -> [bool; 256] {
    let mut set = [false; 256];
    add_edges(hir, edge, &mut set);
    set
}

fn may_be_empty(hir: &Hir) -> bool {
    hir.properties().minimum_len() == Some(0)
}

fn add_edges(hir: &Hir, edge: Edge, set: &mut [bool; 256]) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => {
            let at = match edge {
                Edge::First => lit.0.first(),
                Edge::Last => lit.0.last(),
            };
            if let Some(&b) = at {
                set[usize::from(b)] = true;
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            for range in class.ranges() {
                add_char_range(range.start(), range.end(), edge, set);
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            for range in class.ranges() {
                for b in range.start()..=range.end() {
                    set[usize::from(b)] = true;
                }
            }
        }
        HirKind::Repetition(rep) => add_edges(&rep.sub, edge, set),
        HirKind::Capture(cap) => add_edges(&cap.sub, edge, set),
        HirKind::Alternation(branches) => branches.iter().for_each(|b| add_edges(b, edge, set)),
        HirKind::Concat(parts) => {
            let n = parts.len();
            for k in 0..n {
                let part = &parts[if edge == Edge::First { k } else { n - 1 - k }];
                add_edges(part, edge, set);
                if !may_be_empty(part) {
                    break;
                }
            }
        }
    }
}

/// The characters a match of `hir` may open with, as sorted ranges that do not touch; `None`
/// where that cannot be told (a byte class, a literal that is not text).
fn first_chars(hir: &Hir) -> Option<Vec<(char, char)>> {
    let mut ranges = Vec::new();
    if !add_first_chars(hir, &mut ranges) {
        return None;
    }
    ranges.sort_unstable();
    let mut merged: Vec<(char, char)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if u32::from(from) <= u32::from(last.1) + 1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    Some(merged)
}

/// Adds the characters `hir` may open with; false when they cannot be told.
fn add_first_chars(hir: &Hir, out: &mut Vec<(char, char)>) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => true,
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0)
            .ok()
            .and_then(|s| s.chars().next())
        {
            Some(c) => {
                out.push((c, c));
                true
            }
            None => false,
        },
        HirKind::Class(Class::Unicode(class)) => {
            out.extend(class.ranges().iter().map(|r| (r.start(), r.end())));
            true
        }
        HirKind::Class(Class::Bytes(_)) => false,
        HirKind::Repetition(rep) => add_first_chars(&rep.sub, out),
        HirKind::Capture(cap) => add_first_chars(&cap.sub, out),
        HirKind::Alternation(branches) => branches.iter().all(|b| add_first_chars(b, out)),
        HirKind::Concat(parts) => {
            for part in parts {
                if !add_first_chars(part, out) {
                    return false;
                }
                if !may_be_empty(part) {
                    break;
                }
            }
            true
        }
    }
}

/// The bytes the UTF-8 encodings of the characters `from..=to` open or close with. Lead bytes
/// grow with the character, so a range opens with the bytes between its ends' lead bytes; a
/// wide range of characters beyond ASCII may close with any continuation byte.
fn add_char_range(from: char, to: char, edge: Edge, set: &mut [bool; 256]) {
    let byte_at = |c: char| {
        let mut buf = [0u8; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        match edge {
            Edge::First => bytes[0],
            Edge::Last => bytes[bytes.len() - 1],
        }
    };
    match edge {
        Edge::First => {
            for b in byte_at(from)..=byte_at(to) {
                set[usize::from(b)] = true;
            }
        }
        Edge::Last if u32::from(to) - u32::from(from) < 64 => {
            for c in from..=to {
                set[usize::from(byte_at(c))] = true;
            }
        }
        Edge::Last => {
            for c in from..=to.min('\u{7F}') {
                set[usize::from(byte_at(c))] = true;
            }
            if to > '\u{7F}' {
                set[0x80..=0xBF].fill(true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edges_come_from_the_pattern() {
        let p = LinePattern::new(r"^[（(]\s*[一二]\s*[）)]$");
        assert!(p.opens.is_some() && p.closes.is_some());
        assert!(p.may_match("（一）") && p.is_match("(二)"));
        assert!(!p.may_match("一）") && !p.may_match("（一"));
        // Unanchored at an end, nothing is known there.
        let q = LinePattern::new(r"^第\d+版");
        assert!(q.opens.is_some() && q.closes.is_none());
        assert!(q.may_match("第2版 要闻") && !q.may_match("要闻 第2版"));
        assert!(LinePattern::new(r"版$").opens.is_none());
        // An alternation whose branch is not anchored is not anchored.
        assert!(LinePattern::new(r"^a|b").opens.is_none());
        // Characters that open with the same byte as the pattern's are told apart.
        let h = LinePattern::new(r"^[一二]\s*、");
        assert!(h.may_match("一、") && !h.may_match("三、") && !h.may_match("上、"));
        // A pattern that matches the empty text may open with anything.
        let e = LinePattern::new(r"^\s*");
        assert!(e.may_match("x") && e.is_match("x"));
    }

    proptest::proptest! {
        /// The test before the regex never turns away a line the regex matches.
        #[test]
        fn a_line_turned_away_never_matches(
            line in "[ 　（()）一二1-9０-９第版页年在潘洁·—－\\-a-zé😀]{0,9}"
        ) {
            for pattern in [
                r"^[-—－·\s]*(?:第\s*)?\d{1,3}\s*(?:版|页)?[-—－·\s]*$",
                r"^(?:[一二三]{1,3}\s*、|[（(]\s*[一二三]{1,3}\s*[）)]|\d{1,2}\s*[\.．、]\s*\D)",
                r"[（(]\s*\d版\s*[）)]\s*$",
                r"^[（(]\s*[\p{Han}·]{1,5}(?:[ \u3000]+[\p{Han}·]{1,5})+\s*[）)]$",
                r"^[—－-]{1,2}\s*(?:.{0,4}在|\d{1,4}\s*年.{0,3})$",
                r"^(?:潘|洁)?\w?[^a-z]{1,2}$",
                r"^(?i)[A-Z]+\d?$",
                r"^\s*",
                r"^(?:一|二)?(?:\s|第)+版",
                r"^(?:第|(?:在|年)?)[版页]",
            ] {
                let p = LinePattern::new(pattern);
                if p.regex().is_match(&line) {
                    proptest::prop_assert!(p.may_match(&line), "{} on {:?}", pattern, line);
                }
            }
        }
    }
}
