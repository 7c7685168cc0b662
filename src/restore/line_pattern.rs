//! Line tests as regexes that know, from the pattern itself, which bytes a match can open and
//! close with. Every line of every input goes through several such tests and nearly all fail;
//! a line whose first (or last) byte no match can have is turned away before the regex
//! machinery is set up for it.

use regex::Regex;
use regex_automata::hybrid::dfa::DFA;
use regex_automata::nfa::thompson;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::Look;

/// A regex with the bytes its matches may start and end with, where it is anchored there.
#[derive(Debug)]
pub struct LinePattern {
    regex: Regex,
    /// For a pattern anchored at the start of the text (`^…`): whether a match may open with
    /// each byte. `None` when it is not anchored there.
    opens: Option<[bool; 256]>,
    /// The same at the end (`…$`): whether a match may close with each byte.
    closes: Option<[bool; 256]>,
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
        let (start, end) = match regex_syntax::parse(regex.as_str()) {
            Ok(hir) => {
                let p = hir.properties();
                (
                    p.look_set_prefix().contains(Look::Start),
                    p.look_set_suffix().contains(Look::End),
                )
            }
            Err(_) => (false, false),
        };
        let opens = start.then(|| edge_bytes(regex.as_str(), false)).flatten();
        let closes = end.then(|| edge_bytes(regex.as_str(), true)).flatten();
        LinePattern {
            regex,
            opens,
            closes,
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
    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// False when no match can open or close `text` as it does; true when one may.
    pub fn may_match(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let allowed = |edge: &Option<[bool; 256]>, byte: Option<&u8>| match (edge, byte) {
            (Some(set), Some(&b)) => set[usize::from(b)],
            _ => true,
        };
        allowed(&self.opens, bytes.first()) && allowed(&self.closes, bytes.last())
    }
}

/// The bytes a match may open with (or, `reverse`, close with): those on which a lazy DFA of
/// the pattern, anchored at that end of the text, does not die at once. A DFA reports a match
/// one byte late, so a pattern that can match the empty text allows every byte. `None` when
/// the DFA cannot tell (a pattern it does not support, a cache that gave up).
fn edge_bytes(pattern: &str, reverse: bool) -> Option<[bool; 256]> {
    let dfa = DFA::builder()
        .thompson(thompson::Config::new().reverse(reverse))
        .build(pattern)
        .ok()?;
    let mut cache = dfa.create_cache();
    let input = Input::new("").anchored(Anchored::Yes);
    let start = if reverse {
        dfa.start_state_reverse(&mut cache, &input).ok()?
    } else {
        dfa.start_state_forward(&mut cache, &input).ok()?
    };
    let mut set = [false; 256];
    for (b, allowed) in (0..=u8::MAX).zip(set.iter_mut()) {
        *allowed = !dfa.next_state(&mut cache, start, b).ok()?.is_dead();
    }
    Some(set)
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
        // A pattern that matches the empty text may open with anything.
        let e = LinePattern::new(r"^\s*");
        assert!(e.may_match("x") && e.is_match("x"));
    }

    proptest::proptest! {
        /// The test before the regex never turns away a line the regex matches.
        #[test]
        fn a_line_turned_away_never_matches(line in "[ 　（()）一二1-9第版页—\\-·a-z]{0,8}") {
            for pattern in [
                r"^[-—－·\s]*(?:第\s*)?\d{1,3}\s*(?:版|页)?[-—－·\s]*$",
                r"^(?:[一二三]{1,3}\s*、|[（(]\s*[一二三]{1,3}\s*[）)]|\d{1,2}\s*[\.．、]\s*\D)",
                r"[（(]\s*\d版\s*[）)]\s*$",
                r"^\s*",
            ] {
                let p = LinePattern::new(pattern);
                if p.regex().is_match(&line) {
                    proptest::prop_assert!(p.may_match(&line), "{} on {:?}", pattern, line);
                }
            }
        }
    }
}
