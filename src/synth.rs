//! Synthetic damaged input: renders a document the way a PDF extractor leaves a newspaper page
//! (lines cut at a column width, justification spaces, fake-bold doubling, page gaps, headline
//! after the body). Used by the benchmark corpus generator and the fuzz tests; deterministic
//! for a given random generator.

use crate::regions;
use crate::restore::chars::is_wide;
use crate::structure::{Article, BlockType, Document};
use rand::seq::SliceRandom;
use rand::Rng;

/// How much damage to do.
#[derive(Debug, Clone)]
pub struct Damage {
    /// Column width in em.
    pub width: f32,
    /// Chance that a full line gets justification spaces between its glyphs.
    pub spaced_lines: f64,
    /// Chance that a paragraph break inside a paragraph is followed by a blank line.
    pub page_gaps: f64,
    /// Print run-in leads and headings doubled (fake bold).
    pub fake_bold: bool,
    /// Print a report's headline block after its body.
    pub headline_after: bool,
}

impl Damage {
    pub fn random(rng: &mut impl Rng) -> Self {
        Damage {
            width: rng.gen_range(18..=42) as f32,
            spaced_lines: rng.gen_range(0.0..0.15),
            page_gaps: rng.gen_range(0.0..0.1),
            fake_bold: rng.gen_bool(0.7),
            headline_after: rng.gen_bool(0.3),
        }
    }
}

fn glyph_width(c: char) -> f32 {
    if is_wide(c) {
        1.0
    } else {
        0.5
    }
}

/// Cuts text into lines of at most `width` em.
fn wrap(text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        let cw = glyph_width(c);
        // Typesetters do not break inside a Latin word or number (LED, 131.7).
        let inside_word = c.is_ascii_alphanumeric()
            && line
                .chars()
                .last()
                .is_some_and(|p| p.is_ascii_alphanumeric() || p == '.');
        if w + cw > width && !line.is_empty() && !inside_word {
            lines.push(std::mem::take(&mut line));
            w = 0.0;
        }
        line.push(c);
        w += cw;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn spaced(line: &str) -> String {
    let mut out = String::new();
    for (i, c) in line.chars().enumerate() {
        if i > 0 && is_wide(c) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Fake bold: the run printed twice, or glyph by glyph for a short numbering.
fn doubled(text: &str, rng: &mut impl Rng) -> String {
    if text.chars().count() <= 4 || rng.gen_bool(0.3) {
        text.chars().flat_map(|c| [c, c]).collect()
    } else {
        format!("{text}{text}")
    }
}

fn render_paragraph(out: &mut String, text: &str, d: &Damage, rng: &mut impl Rng) {
    let lines = wrap(text, d.width);
    let n = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        let last = i + 1 == n;
        let line = if !last && rng.gen_bool(d.spaced_lines) {
            spaced(&line)
        } else {
            line
        };
        out.push_str(&line);
        out.push('\n');
        let ends_sentence = line.ends_with(['。', '！', '？', '：', '”']);
        if !last && !ends_sentence && rng.gen_bool(d.page_gaps) {
            out.push('\n');
        }
    }
    out.push('\n');
}

/// A paragraph whose first `lead` characters are fake bold. The doubling happens line by line,
/// as the printer drew each line: a lead cut by the line end is doubled on both lines
/// (`…思想根…思想根` / `基基。。`).
fn render_bold_lead(out: &mut String, text: &str, lead: usize, d: &Damage, rng: &mut impl Rng) {
    let mut pos = 0;
    for line in wrap(text, d.width) {
        let chars: Vec<char> = line.chars().collect();
        let k = lead.saturating_sub(pos).min(chars.len());
        pos += chars.len();
        let bold: String = chars[..k].iter().collect();
        let rest: String = chars[k..].iter().collect();
        let bold = match bold.strip_suffix('。') {
            Some(body) if !body.is_empty() => format!("{}。。", doubled(body, rng)),
            Some(_) => "。。".to_owned(),
            None if bold.is_empty() => String::new(),
            None => doubled(&bold, rng),
        };
        out.push_str(&bold);
        out.push_str(&rest);
        out.push('\n');
    }
    out.push('\n');
}

fn render_article(out: &mut String, a: &Article, d: &Damage, rng: &mut impl Rng) {
    let mut headline = String::new();
    if let Some(t) = &a.title {
        headline.push_str(&format!("{t}\n"));
    }
    if let Some(s) = &a.subtitle {
        headline.push_str(&format!("{s}\n\n"));
    }
    if let Some(s) = &a.speaker {
        headline.push_str(&format!("{s}\n\n"));
    }
    let after = d.headline_after && a.continued_on.is_some();
    if !after {
        out.push_str(&headline);
    }
    let mut blocks = a.blocks.iter().peekable();
    while let Some(b) = blocks.next() {
        if b.kind == BlockType::Heading && b.runin == Some(true) {
            // A run-in lead and the paragraph it opens are one printed paragraph.
            let rest = match blocks.peek() {
                Some(p) if p.kind == BlockType::Paragraph => {
                    blocks.next().map(|p| p.text.as_str()).unwrap_or("")
                }
                _ => "",
            };
            let plain = format!("{}。{rest}", b.text);
            if d.fake_bold {
                render_bold_lead(out, &plain, b.text.chars().count() + 1, d, rng);
            } else {
                render_paragraph(out, &plain, d, rng);
            }
        } else if b.kind == BlockType::Heading {
            out.push('\n');
            render_paragraph(
                out,
                &b.text,
                &Damage {
                    spaced_lines: 0.0,
                    page_gaps: 0.0,
                    ..d.clone()
                },
                rng,
            );
        } else {
            render_paragraph(out, &b.text, d, rng);
        }
    }
    if let Some(page) = &a.continued_on {
        if out.ends_with("\n\n") {
            out.pop();
            out.pop();
        }
        out.push_str(&format!("（下转{page}）\n\n"));
    }
    if !a.authors.is_empty() {
        let names: Vec<String> = a
            .authors
            .iter()
            .map(|n| {
                if n.chars().count() == 2 {
                    n.chars().map(String::from).collect::<Vec<_>>().join(" ")
                } else {
                    n.clone()
                }
            })
            .collect();
        out.push_str(&format!("（{}）\n", names.join(" ")));
    }
    if after {
        out.push_str(&headline);
    }
}

/// Renders a document as damaged page text.
pub fn render(doc: &Document, d: &Damage, rng: &mut impl Rng) -> String {
    let mut out = String::new();
    for a in &doc.articles {
        render_article(&mut out, a, d, rng);
    }
    out
}

/// A variant of a document for another region and other numbers: every province name becomes
/// `region`, and each Arabic digit is redrawn with probability `digit_noise`.
pub fn vary(text: &str, region: &str, digit_noise: f64, rng: &mut impl Rng) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in regions::mentions(text) {
        if m.region.level == regions::Level::Province {
            out.push_str(&text[last..m.start]);
            out.push_str(&text[m.start..m.end].replacen(m.region.short, region, 1));
            last = m.end;
        }
    }
    out.push_str(&text[last..]);
    out.chars()
        .map(|c| {
            if c.is_ascii_digit() && rng.gen_bool(digit_noise) {
                char::from(b'0' + rng.gen_range(0..10u8))
            } else {
                c
            }
        })
        .collect()
}

/// Province short names, for choosing a region at random.
pub fn provinces() -> Vec<&'static str> {
    let mut v: Vec<&str> = Vec::new();
    for name in [
        "北京",
        "天津",
        "河北",
        "山西",
        "内蒙古",
        "辽宁",
        "吉林",
        "黑龙江",
        "上海",
        "江苏",
        "浙江",
        "安徽",
        "福建",
        "江西",
        "山东",
        "河南",
        "湖北",
        "湖南",
        "广东",
        "广西",
        "海南",
        "重庆",
        "四川",
        "贵州",
        "云南",
        "西藏",
        "陕西",
        "甘肃",
        "青海",
        "宁夏",
        "新疆",
    ] {
        if regions::lookup(name).is_some() {
            v.push(name);
        }
    }
    v
}

/// Picks one province.
pub fn pick_province(rng: &mut impl Rng) -> &'static str {
    provinces().choose(rng).copied().unwrap_or("北京")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn rendering_then_restoring_gives_back_the_text() {
        let sample = include_str!("../examples/shanxi-2025-lianghui-pages.txt");
        let doc = crate::parse_text("s", sample);
        for seed in 0..32 {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
            // Without bold, an unnumbered run-in lead is plain prose; keep the bold.
            let d = Damage {
                headline_after: false,
                fake_bold: true,
                ..Damage::random(&mut rng)
            };
            let text = render(&doc, &d, &mut rng);
            let again = crate::parse_text("s", &text);
            let flat = |d: &Document| -> String {
                d.articles
                    .iter()
                    .flat_map(|a| a.blocks.iter().map(|b| b.text.clone()))
                    .collect()
            };
            assert!(flat(&again) == flat(&doc), "seed {seed}, damage {d:?}");
        }
    }

    #[test]
    fn variation_replaces_provinces() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
        let v = vary("山西省经济增长5%，山西", "河南", 0.0, &mut rng);
        assert_eq!(v, "河南省经济增长5%，河南");
    }
}
