//! Bundled data: cue words, units, regions and indicator synonyms live in versioned files under
//! `data/` and are compiled into the binary, so the rules read them and the code does not
//! spell them out.

use regex::Regex;
/// Cue lookups run for every fact: a fast hash for the few dozen category names.
type HashMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;
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
    fn placeholders_expand() {
        let re = cue_regex("^{{salutation}}[：:]$");
        assert!(re.is_match("各位代表："));
        assert!(!re.is_match("代表："));
    }
}
