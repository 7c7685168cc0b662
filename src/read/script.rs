//! Traditional characters (Hong Kong, Taiwan and overseas media) read through the same
//! pipeline as simplified ones: the text is analysed in simplified characters and every block
//! keeps its text as printed.
//!
//! The conversion is hanconv's OpenCC dictionaries (t2s), line by line. Every line keeps its
//! number of characters (a phrase that would change it is converted character by character),
//! so a position in the analysed text is the same position in the printed one: spans, line
//! numbers and the text of a fact carry over without a second alignment.

use std::sync::LazyLock;

/// Code points below this are looked up in the bit set; the rest of Unicode holds no
/// traditional-only form that OpenCC's table knows of.
const TABLE_END: usize = 0x30000;

/// Characters that OpenCC's table turns into another (traditional-only forms), one bit each:
/// the test runs on every character of every input.
static TRADITIONAL: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; TABLE_END / 64];
    for (from, to) in hanconv::RawDictionary::TSCharacters.iter() {
        let mut chars = from.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            let i = c as usize;
            if from != to && i < TABLE_END {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
    }
    bits
});

/// The simplified form of each traditional character, for lines whose phrase conversion would
/// change their length.
fn char_to_simplified(c: char) -> char {
    static MAP: LazyLock<std::collections::HashMap<char, char>> = LazyLock::new(|| {
        hanconv::RawDictionary::TSCharacters
            .iter()
            .filter_map(|(from, to)| {
                let mut f = from.chars();
                let mut t = to.chars();
                let (a, b) = (f.next()?, t.next()?);
                (f.next().is_none() && t.next().is_none()).then_some((a, b))
            })
            .collect()
    });
    MAP.get(&c).copied().unwrap_or(c)
}

/// Whether any character of `text` is a traditional-only form. Checked on every input, so it
/// looks at Han characters only and stops at the first.
pub fn has_traditional(text: &str) -> bool {
    let bits = &*TRADITIONAL;
    let is_traditional = |i: usize| i < TABLE_END && bits[i / 64] & (1 << (i % 64)) != 0;
    // Byte by byte: only three-byte sequences from U+3000 (lead bytes E3–EF) and four-byte
    // ones can be Han characters, so ASCII and punctuation cost one comparison each.
    let b = text.as_bytes();
    let mut k = 0;
    while k < b.len() {
        let lead = b[k];
        match lead {
            0xE3..=0xEF if k + 2 < b.len() => {
                let cp = (usize::from(lead & 0x0F) << 12)
                    | (usize::from(b[k + 1] & 0x3F) << 6)
                    | usize::from(b[k + 2] & 0x3F);
                if cp >= 0x3400 && is_traditional(cp) {
                    return true;
                }
                k += 3;
            }
            0xF0..=0xF4 if k + 3 < b.len() => {
                let cp = (usize::from(lead & 0x07) << 18)
                    | (usize::from(b[k + 1] & 0x3F) << 12)
                    | (usize::from(b[k + 2] & 0x3F) << 6)
                    | usize::from(b[k + 3] & 0x3F);
                if is_traditional(cp) {
                    return true;
                }
                k += 4;
            }
            0xC0..=0xDF => k += 2,
            0xE0..=0xEF => k += 3,
            _ => k += 1,
        }
    }
    false
}

/// The text in simplified characters, line for line and character for character as long as
/// the input; `None` when it has no traditional character (the common case costs one scan).
pub fn to_simplified(text: &str) -> Option<String> {
    if !has_traditional(text) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let converted = hanconv::t2s(line);
        if converted.chars().count() == line.chars().count() {
            out.push_str(&converted);
        } else {
            out.extend(line.chars().map(char_to_simplified));
        }
    }
    Some(out)
}

/// The printed text behind an analysed one of the same characters: finds `analysed` text
/// again in the printed document by position.
pub struct Printed {
    analysed: Vec<char>,
    printed: Vec<char>,
    /// Byte offset in the analysed text of each character (and the length at the end).
    offsets: Vec<usize>,
}

/// How far ahead a restored character is looked for among the input's: past the spaces,
/// line breaks and doubled glyphs that restoring took out.
const LOOKAHEAD: usize = 16;

impl Printed {
    /// `analysed` is `printed` converted by [`to_simplified`].
    pub fn new(analysed: &str, printed: &str) -> Self {
        let offsets = analysed
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(analysed.len()))
            .collect();
        Self {
            analysed: analysed.chars().collect(),
            printed: printed.chars().collect(),
            offsets,
        }
    }

    fn char_at_byte(&self, byte: usize) -> usize {
        self.offsets.partition_point(|&o| o < byte)
    }

    /// The printed form of `restored`, a text restored from the input between bytes `start`
    /// and `end` of the analysed text: each of its characters is the input character it came
    /// from. A character restoring made (none today) stays as it is.
    pub fn block(&self, restored: &str, start: usize, end: usize) -> String {
        let hi = self.char_at_byte(end).min(self.analysed.len());
        let mut k = self.char_at_byte(start);
        let mut out = String::with_capacity(restored.len());
        for c in restored.chars() {
            let found = (k..hi.min(k + LOOKAHEAD)).find(|&j| self.analysed[j] == c);
            match found {
                Some(j) => {
                    out.push(self.printed.get(j).copied().unwrap_or(c));
                    k = j + 1;
                }
                None => out.push(c),
            }
        }
        out
    }

    /// The printed form of a short text found anywhere in the document (a title, a speaker);
    /// the text itself where it is not found.
    pub fn find(&self, analysed: &str) -> String {
        let needle: Vec<char> = analysed.chars().collect();
        if needle.is_empty() || needle.len() > self.analysed.len() {
            return analysed.to_owned();
        }
        self.analysed
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
            .map_or_else(
                || analysed.to_owned(),
                |p| self.printed[p..p + needle.len()].iter().collect(),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_are_found_anywhere() {
        assert!(has_traditional("abc 123 這"));
        assert!(has_traditional("全省國內"));
        assert!(!has_traditional("全省国内生产总值 GDP 5% ，。"));
        // Supplementary-plane Han and emoji are read whole, never mistaken.
        assert!(!has_traditional("𠀀😀国"));
    }

    #[test]
    fn simplified_text_is_left_alone() {
        assert_eq!(
            to_simplified("全省地区生产总值增长5.2%。\n城镇新增就业60万人。"),
            None
        );
    }

    #[test]
    fn traditional_text_is_converted_line_for_line() {
        let printed = "遼寧省國內生產總值增長5%\n城鎮新增就業1,256萬人";
        let s = to_simplified(printed).unwrap();
        assert_eq!(s, "辽宁省国内生产总值增长5%\n城镇新增就业1,256万人");
        for (a, b) in s.lines().zip(printed.lines()) {
            assert_eq!(a.chars().count(), b.chars().count());
        }
    }

    #[test]
    fn restored_text_maps_back_to_print() {
        let printed = "城 鎮 新 增\n就業60萬人";
        let analysed = to_simplified(printed).unwrap();
        let p = Printed::new(&analysed, printed);
        assert_eq!(
            p.block("城镇新增就业60万人", 0, analysed.len()),
            "城鎮新增就業60萬人"
        );
        assert_eq!(p.find("就业60万人"), "就業60萬人");
        assert_eq!(p.find("不在其中"), "不在其中");
    }
}
