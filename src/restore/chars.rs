//! Character classes shared by the restoring rules.

/// Characters a Chinese page sets on a full-width (square) body: Han, kana, hangul, CJK and
/// full-width punctuation, and the general punctuation Chinese typesetting sets full-width
/// (“ ” ‘ ’ — …).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2010..=0x2027
        | 0x2030..=0x205E
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// `char::is_whitespace` without its Unicode table lookup for the characters a Chinese text is
/// made of: no whitespace lies above the ideographic space U+3000, and every line of every
/// input is tested character by character.
#[inline]
pub fn is_space(c: char) -> bool {
    (c as u32) <= 0x3000 && c.is_whitespace()
}

/// The byte offset of the character at `char_offset` in `text`, or its length past the end:
/// positions in this project count characters, slices count bytes.
pub fn byte_of_char(text: &str, char_offset: usize) -> usize {
    text.char_indices()
        .nth(char_offset)
        .map_or(text.len(), |(b, _)| b)
}

/// Printed width of a line in em: wide characters 1, Latin letters and digits ½. Spaces count
/// nothing: an extractor writes justification gaps as spaces, and a justified line is as wide
/// as the column with or without them.
pub fn width(line: &str) -> f32 {
    // Counted in half ems, as an integer: a float sum is a chain of dependent additions.
    let halves: usize = line
        .chars()
        .map(|c| match c as u32 {
            // Most characters of a Chinese text, told first.
            0x4E00..=0x9FFF => 2,
            _ if is_space(c) => 0,
            _ if is_wide(c) => 2,
            _ => 1,
        })
        .sum();
    halves as f32 / 2.0
}

/// A line that an extractor spread out with spaces between wide characters (`坚 持 不 懈`) was
/// justified, and a paragraph's last line never is: such a line does not end a paragraph.
pub fn is_justified(line: &str) -> bool {
    let mut gaps = 0;
    let mut prev_wide = false;
    let mut in_gap = false;
    for c in line.chars() {
        if is_space(c) {
            in_gap = prev_wide;
            continue;
        }
        let wide = is_wide(c);
        if in_gap && wide {
            gaps += 1;
            if gaps >= 3 {
                return true;
            }
        }
        in_gap = false;
        prev_wide = wide;
    }
    false
}

/// Punctuation that can close a paragraph: a line ending in one of these may be the last.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '：'
            | '”'
            | '’'
            | '…'
            | '）'
            | '」'
            | '』'
            | '.'
            | '!'
            | '?'
            | ':'
            | ')'
    )
}

/// Sentence-closing punctuation that ends a bold run-in lead (`……。` after a heading).
pub fn is_lead_closer(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '：' | '；' | ':' | '.')
}

/// Latin letters and digits: spaces between two of these are real word spaces.
pub fn is_latin_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Clause punctuation: a phrase that contains these is prose, not a heading.
pub fn is_clause_punct(c: char) -> bool {
    matches!(c, '，' | '；' | '、' | ',' | ';')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line's width as a plain sum of each printed character's ems.
    fn sum_of_ems(line: &str) -> f32 {
        line.chars()
            .filter(|&c| !is_space(c))
            .map(|c| if is_wide(c) { 1.0 } else { 0.5 })
            .sum()
    }

    proptest::proptest! {
        /// Counting half ems as an integer gives the width a sum of ems gives.
        #[test]
        fn width_is_the_sum_of_the_characters_ems(line in "\\PC{0,80}") {
            proptest::prop_assert_eq!(width(&line), sum_of_ems(&line));
        }

        /// The same on text made mostly of Han characters, with the blocks next to the common
        /// ones (extension A, the hexagrams, which are not wide) and ASCII whitespace.
        #[test]
        fn width_of_han_text_is_the_sum_of_ems(
            line in "[一-龥㐀-䶵䷀-䷿가-힣ᄀ-ᅟ a-z0-9，。　\t\x0B\x0C\u{85}\u{A0}]{0,40}"
        ) {
            proptest::prop_assert_eq!(width(&line), sum_of_ems(&line));
        }
    }

    #[test]
    fn width_of_a_mixed_line() {
        assert_eq!(width("增长 5%左右"), 5.0);
        assert_eq!(width("　GDP　"), 1.5);
        assert_eq!(width(""), 0.0);
    }

    #[test]
    fn is_space_agrees_with_the_unicode_property() {
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }
}
