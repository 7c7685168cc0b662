//! Undoes fake-bold printing. Some typesetters fake bold by printing a run twice with a small
//! offset; extractors then read every glyph twice, in one of these shapes:
//!
//! - whole run: `着力推动经济持续稳定恢复着力推动经济持续稳定恢复`
//! - glyph-interleaved: `（（一一））`
//! - mixed, and split by line ends, each line's part doubled on its own:
//!   `…思想根…思想根` + `基基。。`
//!
//! A bold lead sits at the start of a paragraph and closes with a doubled stop (`。。`), or fills
//! the whole paragraph (a bold heading). Real reduplication (`原原本本`, `一项一项`, `谢谢`) is
//! never followed by a doubled stop, so it is left alone.

use super::chars::{is_lead_closer, is_space};

/// How far into a paragraph a bold lead may reach, in characters; bounds the work on
/// pathological input.
const MAX_LEAD_CHARS: usize = 320;
/// Longest run doubled as a whole (one printed line of a wide column).
const MAX_RUN: usize = 64;
// A doubled run lies wholly within the lead search's reach (see `find_lead`).
const _: () = assert!(2 * MAX_RUN <= MAX_LEAD_CHARS);
/// Shortest undoubled lead: three characters, so `谢谢` or `好好` alone are never taken for bold.
const MIN_LEAD: usize = 3;

/// A fake-bold lead found at the start of a character sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoldLead {
    /// Indices (into the input) of the characters kept: the first copy of each doubled part,
    /// and the closing stop when there is one.
    pub kept: Vec<usize>,
    /// Number of input characters the doubled lead occupies.
    pub consumed: usize,
    /// Whether the lead closes with a stop (`。`) and so runs into the paragraph.
    pub closed: bool,
}

/// Whether `chars` open with a run printed twice over (`（（`, `一、一、`), as every fake-bold
/// lead does: the runs [`find_bold_lead`] starts from.
fn opens_doubled_chars(chars: &[char]) -> bool {
    (1..=MAX_RUN.min(chars.len() / 2)).any(|len| chars[..len] == chars[len..2 * len])
}

/// [`opens_doubled_chars`] of a text, told on its bytes: most paragraphs do not open doubled,
/// and are passed over without reading their opening into characters.
pub fn opens_doubled(text: &str) -> bool {
    let mut chars = text.char_indices();
    let Some((_, first)) = chars.next() else {
        return false;
    };
    // A run of `len` characters ends at byte `at`; it is doubled when the text goes on with
    // the same bytes.
    (1..=MAX_RUN)
        .zip(chars)
        .any(|(_, (at, c))| c == first && text[at..].starts_with(&text[..at]))
}

/// Finds a fake-bold lead at the start of `chars`.
///
/// Every prefix position is reached by a chain of doubled parts (`s[i..i+L] == s[i+L..i+2L]`);
/// the lead ends at the first reachable doubled stop, or at the end of a short paragraph that
/// is doubled throughout.
pub fn find_bold_lead(chars: &[char]) -> Option<BoldLead> {
    find_lead(chars, MIN_LEAD)
}

fn find_lead(chars: &[char], min_lead: usize) -> Option<BoldLead> {
    let n = chars.len().min(MAX_LEAD_CHARS);
    // Only a doubled run at the start leads anywhere (runs are far shorter than the search's
    // reach): most texts are turned away here, before the search's tables are made.
    if !opens_doubled_chars(chars) {
        return None;
    }
    // parent[p] = Some((i, len)): position p is reached from i by a part of len characters.
    let mut parent: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    let mut reachable = vec![false; n + 1];
    reachable[0] = true;
    for i in 0..n {
        if !reachable[i] {
            continue;
        }
        if i > 0 && is_doubled_stop(chars, i) && undoubled_len(&parent, i) >= min_lead {
            let mut kept = path(&parent, i);
            kept.push(i);
            return Some(BoldLead {
                kept,
                consumed: i + 2,
                closed: true,
            });
        }
        // Each copy of the whole lead, stop included, read one after the other:
        // `——向新而行。——向新而行。全力`.
        if i > 0 && is_lead_closer(chars[i - 1]) && undoubled_len(&parent, i) >= min_lead {
            return Some(BoldLead {
                kept: path(&parent, i),
                consumed: i,
                closed: true,
            });
        }
        for len in 1..=MAX_RUN.min((n - i) / 2) {
            // The first characters are compared before the runs: most differ at once.
            if parent[i + 2 * len].is_none()
                && chars[i] == chars[i + len]
                && chars[i..i + len] == chars[i + len..i + 2 * len]
            {
                parent[i + 2 * len] = Some((i, len));
                reachable[i + 2 * len] = true;
            }
        }
    }
    if n == chars.len() && n > 0 && reachable[n] && undoubled_len(&parent, n) >= min_lead {
        return Some(BoldLead {
            kept: path(&parent, n),
            consumed: n,
            closed: false,
        });
    }
    None
}

fn is_doubled_stop(chars: &[char], i: usize) -> bool {
    i + 1 < chars.len() && is_lead_closer(chars[i]) && chars[i + 1] == chars[i]
}

fn path(parent: &[Option<(usize, usize)>], end: usize) -> Vec<usize> {
    let mut parts = Vec::new();
    let mut p = end;
    while let Some((i, len)) = parent[p] {
        parts.push((i, len));
        p = i;
    }
    parts.reverse();
    parts.into_iter().flat_map(|(i, len)| i..i + len).collect()
}

fn undoubled_len(parent: &[Option<(usize, usize)>], end: usize) -> usize {
    let mut total = 0;
    let mut p = end;
    while let Some((i, len)) = parent[p] {
        total += len;
        p = i;
    }
    total
}

/// Whether a line opens with the rest of a bold lead that a line end cut, however short:
/// `基基。。`, `恢复。恢复。`. Real reduplication (`刚刚过去`) closes with no doubled stop.
pub fn starts_with_lead_rest(chars: &[char]) -> bool {
    find_lead(chars, 1).is_some_and(|lead| lead.closed)
}

/// Whether a line is printed twice over as a whole, spaces ignored
/// (`一、2024年工作回顾一、2024年工作回顾`): a fake-bold heading line, read copy after copy.
pub fn is_doubled_text(line: &str) -> bool {
    // The second copy opens with the first printed character, and most lines never print it
    // again: one search for it turns them away before any counting.
    let printed_from = line.trim_start_matches(is_space);
    let Some(first) = printed_from.chars().next() else {
        return false;
    };
    if !printed_from[first.len_utf8()..].contains(first) {
        return false;
    }
    if !line.contains(is_space) {
        // Equal byte halves are equal character halves, and nearly every line fails here.
        let (bytes, half) = (line.as_bytes(), line.len() / 2);
        return line.len().is_multiple_of(2)
            && line.is_char_boundary(half)
            && bytes[..half] == bytes[half..]
            && line[..half].chars().count() >= MIN_LEAD;
    }
    let printed = || line.chars().filter(|&c| !is_space(c));
    let n = printed().count();
    n.is_multiple_of(2) && n / 2 >= MIN_LEAD && printed().take(n / 2).eq(printed().skip(n / 2))
}

/// Quick test for a line that starts with a fake-bold lead: such a line always begins a
/// paragraph, even when the line before it ends full width. A line doubled throughout counts:
/// the line end may fall inside the lead (`…思想根…思想根` then `基基。。` on the next line).
pub fn starts_with_bold(line_without_spaces: &[char]) -> bool {
    find_bold_lead(line_without_spaces).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn undouble(s: &str) -> Option<(String, String)> {
        let chars: Vec<char> = s.chars().collect();
        find_bold_lead(&chars).map(|lead| {
            let kept: String = lead.kept.iter().map(|&i| chars[i]).collect();
            let rest: String = chars[lead.consumed..].iter().collect();
            (kept, rest)
        })
    }

    /// What a whole line printed twice is, said plainly: its printed characters are two
    /// equal halves of at least the shortest lead.
    fn doubled_by_definition(line: &str) -> bool {
        let printed: Vec<char> = line.chars().filter(|&c| !is_space(c)).collect();
        let half = printed.len() / 2;
        printed.len().is_multiple_of(2) && half >= MIN_LEAD && printed[..half] == printed[half..]
    }

    #[test]
    fn lines_printed_twice_over() {
        let cases = [
            ("一、2024年工作回顾一、2024年工作回顾", true),
            ("一、2024年 工作回顾 一、2024年工作 回顾", true),
            ("着力推动着力推动", true),
            ("好好", false),
            ("推动推动推", false),
            ("一、2024年工作回顾", false),
            ("  ", false),
            ("", false),
        ];
        for (line, doubled) in cases {
            assert_eq!(is_doubled_text(line), doubled, "{line}");
        }
    }

    proptest::proptest! {
        /// A text that does not open with a doubled run has no fake-bold lead: the quick test
        /// never turns away a lead that the search would find.
        #[test]
        fn a_text_with_a_bold_lead_opens_doubled(
            parts in proptest::collection::vec(("[（一）、推动。]{1,4}", proptest::bool::ANY), 0..8),
            rest in "[推动发展。]{0,6}",
        ) {
            let mut text = String::new();
            for (part, doubled) in &parts {
                text.push_str(part);
                if *doubled {
                    text.push_str(part);
                }
            }
            text.push_str(&rest);
            let chars: Vec<char> = text.chars().collect();
            proptest::prop_assert_eq!(opens_doubled(&text), opens_doubled_chars(&chars));
            if !opens_doubled(&text) {
                proptest::prop_assert!(find_bold_lead(&chars).is_none(), "{}", text);
            }
        }

        #[test]
        fn a_doubled_line_is_told_as_defined(
            half in "[ 一、20年工作回顾 　]{0,12}",
            second_spacing in "[ 　]{0,2}",
            tail in "[一工 ]{0,2}",
        ) {
            // A copy, with its spaces moved, and sometimes something after it.
            let line = format!("{half}{second_spacing}{}{tail}", half.replace(' ', ""));
            proptest::prop_assert_eq!(is_doubled_text(&line), doubled_by_definition(&line));
            proptest::prop_assert_eq!(is_doubled_text(&half), doubled_by_definition(&half));
        }
    }

    #[test]
    fn fake_bold_table() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            // each copy read whole, stop included (pypdf)
            (
                "——向新而行动力澎湃。——向新而行动力澎湃。全力打造",
                Some(("——向新而行动力澎湃。", "全力打造")),
            ),
            // a lead split by a line end, each part read copy after copy
            (
                "（一）着力推动经济持续稳定（一）着力推动经济持续稳定恢复。恢复。加强",
                Some(("（一）着力推动经济持续稳定恢复。", "加强")),
            ),
            // glyph-interleaved numbering, then a whole-run title, then a doubled stop
            (
                "（（二二））扩大有效需求扩大有效需求。。推动消费",
                Some(("（二）扩大有效需求。", "推动消费")),
            ),
            // dash lead whose dashes straddle the two copies
            (
                "———向优而行质效提升—向优而行质效提升。。全年",
                Some(("——向优而行质效提升。", "全年")),
            ),
            // whole run without numbering
            (
                "加快建设现代化产业体系加快建设现代化产业体系。。推进",
                Some(("加快建设现代化产业体系。", "推进")),
            ),
            // a line break fell inside the bold lead: each line's part doubled on its own
            (
                "持续深化重点领域改革持续深化重点领域改革攻坚攻坚。。深化",
                Some(("持续深化重点领域改革攻坚。", "深化")),
            ),
            // a bold heading that fills its paragraph
            ("一一、、总体要求总体要求", Some(("一、总体要求", ""))),
            // real reduplication is not bold
            ("原原本本学习讲话精神。", None),
            ("一项一项落实好。", None),
            ("谢谢。", None),
            ("谢谢谢谢", None),
            ("走深走实，成效明显。", None),
            ("常常。。", None),
            ("", None),
        ];
        for (input, want) in cases {
            let got = undouble(input);
            let want = want.map(|(a, b)| (a.to_string(), b.to_string()));
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn reduplication_right_after_a_bold_lead_is_kept() {
        let (lead, rest) = undouble("压实责任压实责任。。一项一项抓落实。").unwrap();
        assert_eq!(lead, "压实责任。");
        assert_eq!(rest, "一项一项抓落实。");
    }

    #[test]
    fn line_start_cue() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(starts_with_bold(&c("持续筑牢思想根基持续筑牢思想根基")));
        assert!(starts_with_bold(&c("（（一一））稳增长稳增长。。加强")));
        assert!(!starts_with_bold(&c("原原本本学习")));
        assert!(!starts_with_bold(&c("一项一项落实好。")));
    }

    #[test]
    fn long_input_is_bounded() {
        let s: Vec<char> = "啊".repeat(100_000).chars().collect();
        // Doubled throughout but longer than any lead: not a heading, and returns quickly.
        assert!(find_bold_lead(&s).is_none());
    }
}
