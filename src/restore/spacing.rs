//! Removes the spaces that justification or extraction inserted (`坚 持 不 懈`, `突破 14万亿元`,
//! `深紫外 LED 芯片`) and keeps the real ones, between two Latin words (`Hello World`).

use super::chars::{byte_of_char, is_latin_word, is_space, is_wide};
use super::line_at;

/// A paragraph's text as its lines are joined, with the input line of every character kept as
/// a `(char offset, input line)` entry at each change of line: a paragraph costs its text, not
/// a record per character, however long it is.
///
/// Whitespace is decided as it arrives: a run is dropped when a wide character stands on
/// either side of it; otherwise one space is kept, on the line of the run's first space.
#[derive(Debug, Default)]
pub struct Joined {
    pub text: String,
    /// Characters in `text`.
    pub chars: usize,
    pub line_map: Vec<(u32, u32)>,
    /// The line of a whitespace run not yet decided on.
    pending_space: Option<u32>,
}

impl Joined {
    /// A paragraph of `bytes` of input text on `lines` lines.
    pub fn with_capacity(bytes: usize, lines: usize) -> Joined {
        Joined {
            text: String::with_capacity(bytes),
            line_map: Vec::with_capacity(lines),
            ..Joined::default()
        }
    }

    /// Appends a character read from input line `line`, dropping inserted spaces.
    pub fn push(&mut self, c: char, line: u32) {
        if is_space(c) {
            if self.chars > 0 && self.pending_space.is_none() {
                self.pending_space = Some(line);
            }
            return;
        }
        if let Some(space_line) = self.pending_space.take() {
            if self.last().is_some_and(|b| keeps_space(b, c)) {
                self.append(' ', space_line);
            }
        }
        self.append(c, line);
    }

    /// Appends the text of input line `line`, as [`Joined::push`] of each of its characters
    /// would, and returns how many of them are not spaces. A run without spaces goes in whole
    /// after its first character: that one decides on the space before it and notes the line.
    pub fn push_line(&mut self, text: &str, line: u32) -> usize {
        let mut printed = 0;
        let mut rest = text;
        loop {
            let word_start = rest.find(|c| !is_space(c)).unwrap_or(rest.len());
            rest[..word_start].chars().for_each(|c| self.push(c, line));
            rest = &rest[word_start..];
            // Markdown's strong emphasis opening a word (`**经济总体回升向好**`) is no text.
            if let Some(after) = strip_strong(rest) {
                rest = after;
                if rest.is_empty() || rest.starts_with(is_space) {
                    continue;
                }
            }
            let mut word = rest.chars();
            let Some(first) = word.next() else {
                return printed;
            };
            self.push(first, line);
            let word_end = word.as_str().find(is_space).unwrap_or(word.as_str().len());
            let tail = &word.as_str()[..word_end];
            printed += 1 + self.push_run(tail);
            rest = &word.as_str()[word_end..];
        }
    }

    /// Appends a run without spaces whole, less the pinyin that a page's ruby annotations
    /// leave after characters when its text is copied (`國內(nèi)生產(chǎn)總值`) and Markdown's
    /// strong emphasis (`**经济总体回升向好**`), and returns how many characters went in.
    fn push_run(&mut self, run: &str) -> usize {
        let mut n = 0;
        let mut rest = run;
        while let Some(open) = memchr::memchr2(b'(', b'*', rest.as_bytes()) {
            if rest.as_bytes()[open] == b'*' {
                let stars = rest[open..].bytes().take_while(|&c| c == b'*').count();
                n += self.push_str_counted(&rest[..open]);
                if stars != 2 {
                    n += self.push_str_counted(&rest[open..open + stars]);
                }
                rest = &rest[open + stars..];
                continue;
            }
            let after_han = rest[..open]
                .chars()
                .next_back()
                .or_else(|| (open == 0).then(|| self.last()).flatten())
                .is_some_and(crate::extract::is_han);
            let Some(len) = after_han
                .then(|| pinyin_annotation(&rest[open..]))
                .flatten()
            else {
                n += self.push_str_counted(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            };
            n += self.push_str_counted(&rest[..open]);
            rest = &rest[open + len..];
        }
        n + self.push_str_counted(rest)
    }

    fn push_str_counted(&mut self, s: &str) -> usize {
        let n = s.chars().count();
        self.text.push_str(s);
        self.chars += n;
        n
    }

    fn append(&mut self, c: char, line: u32) {
        self.append_line_change(self.chars, line);
        self.text.push(c);
        self.chars += 1;
    }

    pub fn last(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// Cuts the text to its first `keep` characters.
    pub fn truncate_chars(&mut self, keep: usize) {
        if keep >= self.chars {
            return;
        }
        let byte = byte_of_char(&self.text, keep);
        self.text.truncate(byte);
        self.chars = keep;
        self.line_map.retain(|&(off, _)| (off as usize) < keep);
    }

    /// Replaces the first `consumed` characters by the characters at `kept` (indices among
    /// them, in order), each keeping its input line.
    pub fn splice_front(&mut self, kept: &[usize], consumed: usize) {
        let consumed = consumed.min(self.chars);
        let old_map = std::mem::take(&mut self.line_map);
        let old_text = std::mem::take(&mut self.text);
        let old_chars = self.chars;
        let fallback = old_map.first().map_or(0, |&(_, l)| l);
        let rest = byte_of_char(&old_text, consumed);
        let mut head = Joined::with_capacity(old_text.len() - rest + 4 * kept.len(), old_map.len());
        let consumed_chars: Vec<char> = old_text[..rest].chars().collect();
        for &i in kept {
            if let Some(&c) = consumed_chars.get(i) {
                head.append(c, line_at(&old_map, i, fallback));
            }
        }
        if consumed < old_chars {
            let shift = head.chars;
            head.append_line_change(shift, line_at(&old_map, consumed, fallback));
            for &(off, line) in old_map.iter().filter(|&&(off, _)| off as usize > consumed) {
                head.append_line_change(off as usize - consumed + shift, line);
            }
            head.text.push_str(&old_text[rest..]);
            head.chars += old_chars - consumed;
        }
        *self = head;
    }

    /// Notes that the character at `at` comes from input `line`, where the line changes.
    fn append_line_change(&mut self, at: usize, line: u32) {
        if self.line_map.last().is_none_or(|&(_, l)| l != line) {
            self.line_map
                .push((u32::try_from(at).unwrap_or(u32::MAX), line));
        }
    }
}

fn keeps_space(before: char, after: char) -> bool {
    if is_wide(before) || is_wide(after) {
        return false;
    }
    // `PM2.5 年` is handled above; `5 %` and `( x` are extraction gaps, not word spaces.
    (is_latin_word(before) || matches!(before, '.' | ',' | ';' | ':' | ')' | '!' | '?'))
        && (is_latin_word(after) || matches!(after, '(' | '"' | '\''))
}

/// `s` after the two stars of Markdown's strong emphasis that open it (not one, nor three).
fn strip_strong(s: &str) -> Option<&str> {
    let after = s.strip_prefix("**")?;
    (!after.starts_with('*')).then_some(after)
}

/// The length in bytes of a pinyin syllable in brackets at the start of `s` (`(fā)`, `(zhèng)`),
/// if that is what it is: Latin letters with at least one tone mark, which no abbreviation
/// (`(GDP)`) or list mark (`(a)`) has.
fn pinyin_annotation(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('(')?;
    let close = inner.find(')')?;
    let syllable = &inner[..close];
    let mut toned = false;
    for c in syllable.chars() {
        match c {
            'a'..='z' => {}
            'ā' | 'á' | 'ǎ' | 'à' | 'ē' | 'é' | 'ě' | 'è' | 'ī' | 'í' | 'ǐ' | 'ì' | 'ō' | 'ó'
            | 'ǒ' | 'ò' | 'ū' | 'ú' | 'ǔ' | 'ù' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ń' | 'ň' | 'ǹ' => {
                toned = true
            }
            'ü' => {}
            _ => return None,
        }
    }
    (toned && syllable.chars().count() <= 6).then_some(close + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let mut j = Joined::default();
        for c in s.chars() {
            j.push(c, 1);
        }
        j.text
    }

    #[test]
    fn pinyin_left_by_ruby_annotations_is_dropped_and_nothing_else() {
        let cases = [
            ("國內(nèi)生產(chǎn)總值達(dá)到", "國內生產總值達到"),
            ("城镇调查失业率 平均(jūn)为5.1%", "城镇调查失业率平均为5.1%"),
            ("国内生产总值(GDP)增长", "国内生产总值(GDP)增长"),
            ("方案(a)和(b)", "方案(a)和(b)"),
            ("(fā)开头", "(fā)开头"),
            ("PM2.5(nǐ)", "PM2.5(nǐ)"),
            ("总值(zhí", "总值(zhí"),
            ("一(yī)(yì)", "一"),
        ];
        for (input, want) in cases {
            let mut j = Joined::default();
            j.push_line(input, 1);
            assert_eq!(j.text, want, "{input}");
            assert_eq!(j.chars, want.chars().count(), "{input}");
        }
    }

    #[test]
    fn spacing_table() {
        let cases = [
            ("坚 持 不 懈", "坚持不懈"),
            ("突破 14万亿元", "突破14万亿元"),
            ("深紫外 LED 芯片", "深紫外LED芯片"),
            ("PM2.5 年均浓度", "PM2.5年均浓度"),
            ("T800、T1000 等高端", "T800、T1000等高端"),
            ("增 长 40.9% 、", "增长40.9%、"),
            (
                "我 受 省 人 大 常 委 会 委 托 ，向 大 会",
                "我受省人大常委会委托，向大会",
            ),
            ("Hello  World", "Hello World"),
            ("5 %", "5%"),
            ("各位代表　请", "各位代表请"),
            ("  前后空格  ", "前后空格"),
            ("GDP 增 速", "GDP增速"),
            ("Version 2.0 released", "Version 2.0 released"),
        ];
        for (input, want) in cases {
            assert_eq!(run(input), want, "{input}");
        }
    }

    fn joined(lines: &[(&str, u32)]) -> Joined {
        let mut j = Joined::default();
        for &(text, line) in lines {
            for c in text.chars() {
                j.push(c, line);
            }
        }
        j
    }

    proptest::proptest! {
        /// A line pushed whole joins exactly as its characters pushed one by one: the same
        /// text, characters, lines and printed count, whatever mix of spaces, Latin and Han.
        #[test]
        fn a_line_pushed_whole_joins_as_its_characters(
            lines in proptest::collection::vec(
                ("[ a-z5.,%　\u{3000}坚持不懈（）、\t]{0,24}", 1u32..4),
                0..6,
            )
        ) {
            let mut whole = Joined::default();
            let mut one_by_one = Joined::default();
            let (mut printed_whole, mut printed) = (0, 0);
            for (text, line) in &lines {
                printed_whole += whole.push_line(text, *line);
                for c in text.chars() {
                    printed += usize::from(!is_space(c));
                    one_by_one.push(c, *line);
                }
            }
            proptest::prop_assert_eq!(&whole.text, &one_by_one.text);
            proptest::prop_assert_eq!(whole.chars, one_by_one.chars);
            proptest::prop_assert_eq!(&whole.line_map, &one_by_one.line_map);
            proptest::prop_assert_eq!(whole.pending_space, one_by_one.pending_space);
            proptest::prop_assert_eq!(printed_whole, printed);
        }
    }

    #[test]
    fn each_character_keeps_its_line_through_cuts_and_splices() {
        let mut j = joined(&[
            ("（上接第一版）", 1),
            ("着力 推动", 2),
            ("经济。（下转第二版）", 3),
        ]);
        assert_eq!(j.text, "（上接第一版）着力推动经济。（下转第二版）");
        assert_eq!(j.line_map, [(0, 1), (7, 2), (11, 3)]);
        j.truncate_chars(14);
        assert_eq!(
            (j.text.as_str(), j.chars),
            ("（上接第一版）着力推动经济。", 14)
        );
        assert_eq!(j.line_map, [(0, 1), (7, 2), (11, 3)]);
        j.splice_front(&[], 7);
        assert_eq!((j.text.as_str(), j.chars), ("着力推动经济。", 7));
        assert_eq!(j.line_map, [(0, 2), (4, 3)]);
        // A fake-bold lead: the first copy of each doubled part is kept, with its line.
        let mut j = joined(&[("（（一一））", 5), ("加强", 6)]);
        j.splice_front(&[0, 2, 4], 6);
        assert_eq!(j.text, "（一）加强");
        assert_eq!(j.line_map, [(0, 5), (3, 6)]);
        // A lead that is the whole paragraph leaves only the kept characters.
        let mut j = joined(&[("好好", 7)]);
        j.splice_front(&[0], 2);
        assert_eq!((j.text.as_str(), j.chars), ("好", 1));
        assert_eq!(j.line_map, [(0, 7)]);
    }

    proptest::proptest! {
        /// Whatever mix of marks, brackets, pinyin and text a line holds, the joined text
        /// counts its characters right and only ever loses marks: its characters are the
        /// line's, in order.
        #[test]
        fn marks_and_ruby_only_take_characters_away(
            line in "[国内(（)）*#a-zāǎèǚü发 5%-]{0,40}",
        ) {
            let mut j = Joined::default();
            j.push_line(&line, 1);
            proptest::prop_assert_eq!(j.chars, j.text.chars().count());
            let mut rest = line.chars();
            for c in j.text.chars() {
                proptest::prop_assert!(rest.any(|l| l == c), "{:?} from {:?}", j.text, line);
            }
        }
    }
}
