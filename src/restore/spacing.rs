//! Removes the spaces that justification or extraction inserted (`坚 持 不 懈`, `突破 14万亿元`,
//! `深紫外 LED 芯片`) and keeps the real ones, between two Latin words (`Hello World`).

use super::chars::{is_latin_word, is_space, is_wide};
use super::Glyph;

/// Drops a whitespace run when a wide character stands on either side of it; otherwise keeps
/// one space. Works on glyphs so that each kept character keeps its source line.
pub fn remove_inserted_spaces(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    let mut pending_space: Option<Glyph> = None;
    for g in glyphs {
        if is_space(g.c) {
            if !out.is_empty() && pending_space.is_none() {
                pending_space = Some(Glyph { c: ' ', ..g });
            }
            continue;
        }
        if let Some(space) = pending_space.take() {
            let before = out.last().map(|p| p.c);
            if before.is_some_and(|b| keeps_space(b, g.c)) {
                out.push(space);
            }
        }
        out.push(g);
    }
    out
}

fn keeps_space(before: char, after: char) -> bool {
    if is_wide(before) || is_wide(after) {
        return false;
    }
    // `PM2.5 年` is handled above; `5 %` and `( x` are extraction gaps, not word spaces.
    (is_latin_word(before) || matches!(before, '.' | ',' | ';' | ':' | ')' | '!' | '?'))
        && (is_latin_word(after) || matches!(after, '(' | '"' | '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        let glyphs = s.chars().map(|c| Glyph { c, line: 1 }).collect();
        remove_inserted_spaces(glyphs).iter().map(|g| g.c).collect()
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
}
