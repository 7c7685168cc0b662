//! Bundled data: cue words, units, regions and indicator synonyms live in versioned files under
//! `data/` and are compiled into the binary, so the rules read them and the code does not
//! spell them out.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
/// Lookups in bundled tables run for every fact or character: a fast hash, as the keys come
/// from the data files, not from the input.
pub type FastMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
type HashMap<K, V> = FastMap<K, V>;
use std::sync::LazyLock;

const CUES: &str = include_str!("../data/cues.tsv");

/// Rows of a tab-separated data file, skipping blank lines and `#` comments.
pub fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

static CUE_MAP: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut m: HashMap<&str, Vec<&str>> = HashMap::default();
    for row in rows(CUES) {
        if let [cat, value, ..] = row.as_slice() {
            m.entry(*cat).or_default().push(*value);
        }
    }
    m
});

/// The values of one cue category (empty when the category is unknown).
pub fn cues(category: &str) -> &'static [&'static str] {
    CUE_MAP.get(category).map(Vec::as_slice).unwrap_or(&[])
}

/// The cues of every category grouped by their last character, longest first: stripping a
/// trailing cue looks at the cues that can end the phrase, not at the whole category.
static CUE_ENDINGS: LazyLock<HashMap<&'static str, HashMap<char, Vec<&'static str>>>> =
    LazyLock::new(|| {
        let mut m: HashMap<&str, HashMap<char, Vec<&str>>> = HashMap::default();
        for (cat, words) in CUE_MAP.iter() {
            let by_last = m.entry(*cat).or_default();
            for w in words {
                if let Some(last) = w.chars().last() {
                    by_last.entry(last).or_default().push(*w);
                }
            }
            for list in by_last.values_mut() {
                list.sort_by_key(|w| std::cmp::Reverse(w.len()));
            }
        }
        m
    });

/// The text without the cues of a category at its end, taken off again and again, the longest
/// first (`是为` before `为`).
pub fn strip_cue_endings<'s>(mut text: &'s str, category: &str) -> &'s str {
    let Some(by_last) = CUE_ENDINGS.get(category) else {
        return text;
    };
    while let Some(w) = text
        .chars()
        .last()
        .and_then(|c| by_last.get(&c))
        .and_then(|ws| ws.iter().find(|w| text.ends_with(**w)))
    {
        text = &text[..text.len() - w.len()];
    }
    text
}

/// The whole rows of a cue category, for cues that carry more than one value
/// (the `distributive` row of 城乡 lists 城镇 and 农村).
pub fn cue_rows(category: &str) -> impl Iterator<Item = Vec<&'static str>> + '_ {
    rows(CUES).filter(move |r| r.first() == Some(&category))
}

/// `(?:a|b|c)` of a cue category, for embedding in a larger pattern.
pub fn cue_alternation(category: &str) -> String {
    format!("(?:{})", cues(category).join("|"))
}

/// Builds a regex from a pattern with `{category}` placeholders replaced by cue alternations.
/// The data files ship with the binary and are covered by tests, so a bad pattern is a build
/// defect, not an input error.
pub fn cue_regex(pattern: &str) -> Regex {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}").unwrap_or(after.len());
        out.push_str(&cue_alternation(&after[..end]));
        rest = after.get(end + 2..).unwrap_or("");
    }
    out.push_str(rest);
    Regex::new(&out).unwrap_or_else(|e| panic!("bundled cue pattern {out:?} is invalid: {e}"))
}

/// An automaton that tells whether a text holds, anywhere, a cue of `category` at least
/// `min_chars` characters long: one scan, not a substring search per cue.
pub fn cue_finder(category: &str, min_chars: usize) -> AhoCorasick {
    AhoCorasick::new(
        cues(category)
            .iter()
            .filter(|c| c.chars().count() >= min_chars),
    )
    .unwrap_or_else(|e| panic!("bundled cue words of {category} do not build an automaton: {e}"))
}

/// An automaton over the literal cue words of several categories, leftmost-longest (预期目标
/// before 目标): a per-fact question and its removal in one scan, without a regex.
pub fn cue_words(categories: &[&str]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(categories.iter().flat_map(|c| cues(c).iter()))
        .unwrap_or_else(|e| {
            panic!("bundled cue words of {categories:?} do not build an automaton: {e}")
        })
}

/// `text` without any word `words` finds.
pub fn remove_words(words: &AhoCorasick, text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in words.find_iter(text) {
        out.push_str(&text[last..m.start()]);
        last = m.end();
    }
    out.push_str(&text[last..]);
    out
}

/// One automaton over a list of cue words, built once, so that a phrase is scanned once
/// instead of once per cue (the extraction asks these questions of every fact).
pub struct CueAutomaton {
    longest: AhoCorasick,
    every: AhoCorasick,
    count: usize,
}

impl CueAutomaton {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let words: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
        let build = |kind| {
            AhoCorasick::builder()
                .match_kind(kind)
                .start_kind(StartKind::Both)
                .build(&words)
                .unwrap_or_else(|e| panic!("bundled cue words do not build an automaton: {e}"))
        };
        CueAutomaton {
            longest: build(MatchKind::LeftmostLongest),
            every: build(MatchKind::Standard),
            count: words.len(),
        }
    }

    /// Byte length of the longest cue the text starts with.
    pub fn longest_prefix(&self, text: &str) -> Option<usize> {
        self.longest
            .find(Input::new(text).anchored(Anchored::Yes))
            .map(|m| m.end())
    }

    /// The end of the last cue occurrence that leaves text after it, where only each cue's own
    /// last occurrence counts (a cue that ends the text cuts nowhere).
    pub fn last_cut(&self, text: &str) -> Option<usize> {
        let mut small = [0usize; 64];
        let mut large = Vec::new();
        let last: &mut [usize] = if self.count <= small.len() {
            &mut small[..self.count]
        } else {
            large.resize(self.count, 0);
            &mut large
        };
        for m in self.every.find_overlapping_iter(text) {
            last[m.pattern().as_usize()] = m.end();
        }
        last.iter()
            .copied()
            .filter(|&e| e > 0 && e < text.len())
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_category_compiles_as_a_regex() {
        for cat in CUE_MAP.keys() {
            let re = cue_regex(&format!("^{{{{{cat}}}}}"));
            assert!(re.as_str().starts_with("^(?:"), "{cat}");
        }
    }

    #[test]
    fn a_cue_finder_finds_what_a_search_per_cue_finds() {
        for cat in CUE_MAP.keys() {
            let finder = cue_finder(cat, 2);
            let by_search = |text: &str| {
                cues(cat)
                    .iter()
                    .any(|c| c.chars().count() >= 2 && text.contains(c))
            };
            for cue in cues(cat) {
                let text = format!("前文{cue}后文");
                assert_eq!(finder.is_match(&text), by_search(&text), "{cat}: {text}");
                // A cue of one character is not looked for inside a phrase.
                if cue.chars().count() == 1 {
                    let alone = format!("前{cue}后");
                    assert_eq!(finder.is_match(&alone), by_search(&alone), "{cat}: {alone}");
                }
            }
        }
    }

    #[test]
    fn cue_automaton_finds_the_longest_lead_and_the_last_cut() {
        let a = CueAutomaton::new(["全年", "全", "成为", "首个"]);
        assert_eq!(a.longest_prefix("全年增长"), Some("全年".len()));
        assert_eq!(a.longest_prefix("增长全年"), None);
        assert_eq!(
            a.last_cut("成为全国首个经济总量"),
            Some("成为全国首个".len())
        );
        // A cue that ends the phrase cuts nowhere, and its earlier occurrence does not count.
        assert_eq!(a.last_cut("成为全国成为"), Some("成为全".len()));
        assert_eq!(a.last_cut("经济总量"), None);
    }

    #[test]
    fn placeholders_expand() {
        let re = cue_regex("^{{salutation}}[：:]$");
        assert!(re.is_match("各位代表："));
        assert!(!re.is_match("代表："));
    }
}
