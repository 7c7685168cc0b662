//! Headings: which paragraphs are headings or open with a run-in lead, and their levels.
//!
//! Levels are relative and follow the document's own hierarchy: `一、` above `（一）` above `1.`
//! above `（1）`, counting only the styles the article uses; an unnumbered part title that
//! stands before numbered sections sits one level above them; an unnumbered run-in lead sits
//! one level below the numbered heading it follows.

use super::model::{Block, BlockType, Span};
use crate::restore::chars::{byte_of_char, is_clause_punct, is_lead_closer, is_terminal};
use crate::restore::line_pattern::LinePattern;
use crate::restore::{is_salutation, Mark, Para};
use std::sync::LazyLock;

/// Numbering styles, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Numbering {
    HanComma,
    HanParen,
    DigitDot,
    DigitParen,
}

static NUMBERING: LazyLock<[(Numbering, LinePattern); 4]> = LazyLock::new(|| {
    let re = LinePattern::new;
    [
        (Numbering::HanComma, re(r"^[一二三四五六七八九十]{1,3}、")),
        (
            Numbering::HanParen,
            re(r"^[（(][一二三四五六七八九十]{1,3}[）)]"),
        ),
        (Numbering::DigitDot, re(r"^\d{1,2}[\.．、]")),
        (Numbering::DigitParen, re(r"^[（(]\d{1,2}[）)]")),
    ]
});

/// Whether a heading's text opens with a section number (`一、`, `（二）`, `3.`).
pub fn is_numbered(text: &str) -> bool {
    numbering(text).is_some()
}

fn numbering(text: &str) -> Option<Numbering> {
    NUMBERING
        .iter()
        .find(|(_, re)| re.is_match(text))
        .map(|(n, _)| *n)
}

/// Longest standalone heading, in characters.
const MAX_HEADING: usize = 48;
/// Longest first sentence taken for a run-in lead of a plain (not bold) numbered paragraph.
const MAX_PLAIN_LEAD: usize = 32;

struct Draft {
    block: Block,
    numbering: Option<Numbering>,
}

/// Turns an article's paragraphs into heading and paragraph blocks with levels. A paragraph's
/// text moves into its block, so a long paragraph is never held twice.
pub fn blocks(paras: Vec<Para>) -> Vec<Block> {
    let mut drafts = Vec::new();
    for p in paras {
        split_para(p, &mut drafts);
    }
    assign_levels(&mut drafts);
    // Collected into a vector of its own: one collected in place would keep the drafts'
    // larger allocation, and a document's blocks are held until it has been read through.
    let mut blocks = Vec::with_capacity(drafts.len());
    blocks.extend(drafts.into_iter().map(|d| d.block));
    blocks
}

fn split_para(mut p: Para, out: &mut Vec<Draft>) {
    let n = p.text.chars().count();
    let lead_len = p.bold_lead_chars.or_else(|| plain_runin_lead(&p.text, n));
    if let Some(lead) = lead_len.filter(|&l| l > 0 && l <= n) {
        let whole = lead == n;
        let lead_chars: Vec<char> = p.text.chars().take(lead).collect();
        let mut head_end = lead;
        while head_end > 0 && is_lead_closer(lead_chars[head_end - 1]) {
            head_end -= 1;
        }
        let heading: String = lead_chars[..head_end].iter().collect();
        let rest = (!whole).then(|| p.text.split_off(byte_of_char(&p.text, lead)));
        out.push(Draft {
            numbering: numbering(&heading),
            block: block(&p, BlockType::Heading, heading, 0, lead, Some(!whole)),
        });
        if let Some(rest) = rest {
            out.push(Draft {
                numbering: None,
                block: block(&p, BlockType::Paragraph, rest, lead, n, None),
            });
        }
        return;
    }
    let kind = if is_standalone_heading(&p, n) {
        BlockType::Heading
    } else {
        BlockType::Paragraph
    };
    let runin = (kind == BlockType::Heading).then_some(false);
    let heading_numbering = (kind == BlockType::Heading)
        .then(|| numbering(&p.text))
        .flatten();
    let text = std::mem::take(&mut p.text);
    out.push(Draft {
        numbering: heading_numbering,
        block: block(&p, kind, text, 0, n, runin),
    });
}

/// Whether a paragraph of `n` characters is a heading standing on its own.
fn is_standalone_heading(p: &Para, n: usize) -> bool {
    if !(2..=MAX_HEADING).contains(&n) || is_salutation(&p.text) {
        return false;
    }
    // Markdown says which it is: a heading mark makes one, an item mark (`- 生产总值增长：
    // 5.5%左右`) a list item however short.
    match p.mark {
        Mark::Heading => return true,
        Mark::Item => return false,
        Mark::None => {}
    }
    if p.text
        .chars()
        .last()
        .is_some_and(|c| is_terminal(c) || is_clause_punct(c))
    {
        return false;
    }
    if p.text.contains(['。', '！', '？']) {
        return false;
    }
    if numbering(&p.text).is_some() {
        return true;
    }
    p.short && n <= 30 && !p.text.chars().any(is_clause_punct) && !states_a_figure(&p.text)
}

/// An unnumbered line that ends in a figure (`国内生产总值增长5%`, `粮食产量1.4万亿斤左右`) is an
/// item of a summary list, not a title; a headline with a figure inside
/// (`各省财政收入目标甘肃5.5%居前`, `2025年——`) or a titled figure
/// (`政府工作报告：今年经济增长预期目标为5%左右`) may still be one.
fn states_a_figure(text: &str) -> bool {
    if text.contains(['：', ':']) || !text.ends_with(|c: char| !c.is_whitespace()) {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    crate::extract::quantity::scan_chars(text, &chars)
        .last()
        .is_some_and(|q| q.end == chars.len())
}

/// A plain-text report (from HTML, say) has no bold to mark a run-in lead; a numbered paragraph
/// whose first sentence is a short phrase without clause punctuation is one:
/// `（一）着力推动经济持续稳定恢复。加强……`.
fn plain_runin_lead(text: &str, n: usize) -> Option<usize> {
    numbering(text)?;
    let stop = text.chars().position(|c| c == '。')?;
    let ok =
        stop + 1 < n && stop <= MAX_PLAIN_LEAD && !text.chars().take(stop).any(is_clause_punct);
    ok.then_some(stop + 1)
}

fn block(
    p: &Para,
    kind: BlockType,
    text: String,
    from: usize,
    to: usize,
    runin: Option<bool>,
) -> Block {
    let within = |off: u32| (from + 1..to).contains(&(off as usize));
    let mut line_map = Vec::with_capacity(1 + p.line_map.iter().filter(|m| within(m.0)).count());
    line_map.push((0, p.line_of(from)));
    line_map.extend(
        p.line_map
            .iter()
            .filter(|m| within(m.0))
            .map(|&(off, line)| (u32::try_from(off as usize - from).unwrap_or(u32::MAX), line)),
    );
    // A page read down its columns visits input lines out of order: the span covers them all.
    let last_line = p.line_of(to.saturating_sub(1).max(from));
    let lines = line_map.iter().map(|&(_, l)| l).chain([last_line]);
    Block {
        kind,
        level: None,
        text,
        runin,
        section: None,
        period: None,
        span: Span {
            line_start: lines.clone().min().unwrap_or(p.line_start),
            line_end: lines.max().unwrap_or(p.line_end),
            byte_start: p.byte_start,
            byte_end: p.byte_end,
        },
        line_map,
        printed: None,
    }
}

fn assign_levels(drafts: &mut [Draft]) {
    let mut styles: Vec<Numbering> = drafts.iter().filter_map(|d| d.numbering).collect();
    styles.sort();
    styles.dedup();
    let first_numbered = drafts.iter().position(|d| d.numbering.is_some());
    let has_part_title = first_numbered.is_some_and(|f| {
        drafts[..f]
            .iter()
            .any(|d| d.block.kind == BlockType::Heading && d.block.runin == Some(false))
    });
    let offset = u8::from(has_part_title);
    let mut last_numbered: Option<u8> = None;
    let mut last_any: Option<u8> = None;
    for d in drafts.iter_mut() {
        if d.block.kind != BlockType::Heading {
            continue;
        }
        let level = match d.numbering {
            Some(style) => {
                let rank = styles.iter().position(|&s| s == style).unwrap_or(0);
                let l = 1 + offset + u8::try_from(rank).unwrap_or(u8::MAX - 2);
                last_numbered = Some(l);
                l
            }
            None if d.block.runin == Some(true) => last_numbered.or(last_any).map_or(1, |l| l + 1),
            None => 1,
        };
        last_any = Some(level);
        d.block.level = Some(level);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_that_ends_in_a_figure_is_an_item_not_a_title() {
        for (text, figure) in [
            ("国内生产总值增长5%", true),
            ("粮食产量1.4万亿斤左右", true),
            ("能源综合生产能力达到58亿吨标准煤", true),
            ("各省财政收入目标甘肃5.5%居前", false),
            ("广东设定今年GDP增4.5%至5%目标", false),
            ("2025年——", false),
            ("2026年重点工作", false),
            ("政府工作报告：今年经济增长预期目标为5%左右", false),
        ] {
            assert_eq!(states_a_figure(text), figure, "{text}");
        }
    }
    use crate::restore::restore;

    fn heads(text: &str) -> Vec<(u8, bool, String)> {
        blocks(restore(text))
            .into_iter()
            .filter(|b| b.kind == BlockType::Heading)
            .map(|b| (b.level.unwrap_or(0), b.runin.unwrap_or(false), b.text))
            .collect()
    }

    #[test]
    fn levels_follow_numbering_styles_in_use() {
        let text = "一、总体要求\n\n（一）稳住经济大盘。加强调度，逐月分析。\n\n1.扩大投资。全年完成投资。\n\n二、重点任务\n";
        assert_eq!(
            heads(text),
            vec![
                (1, false, "一、总体要求".into()),
                (2, true, "（一）稳住经济大盘".into()),
                (3, true, "1.扩大投资".into()),
                (1, false, "二、重点任务".into()),
            ]
        );
    }

    #[test]
    fn part_title_above_numbered_sections_shifts_them_down() {
        let body = crate::restore::tests::body(4);
        let text = format!("过去一年的主要工作\n\n{body}\n一、强化思想引领\n\n{body}\n坚持不懈加强理论武装坚持不懈加强理论武装。。巩固拓展成果。\n");
        assert_eq!(
            heads(&text),
            vec![
                (1, false, "过去一年的主要工作".into()),
                (2, false, "一、强化思想引领".into()),
                (3, true, "坚持不懈加强理论武装".into()),
            ]
        );
    }

    #[test]
    fn han_paren_alone_is_level_one() {
        let text = "（一）着力扩大内需。推动消费回升。\n\n（二）着力稳定就业。城镇新增就业。\n";
        let h = heads(text);
        assert!(h.iter().all(|(l, r, _)| *l == 1 && *r), "{h:?}");
    }

    #[test]
    fn prose_is_not_a_heading() {
        let text = "（一）加强经济工作指导帮扶，逐月调度经济运行。全面落实政策。\n";
        assert!(heads(text).is_empty());
    }
}
