//! Placed glyphs → paragraphs in reading order.
//!
//! The rules are a typesetter's, read backwards:
//! - a glyph drawn twice a fraction of a point apart is one glyph printed in fake bold;
//! - glyphs on one baseline with no gap wider than a column gutter make one printed line;
//! - the text columns are the stretches of the page that body-size lines cover, pooled over
//!   all pages so a short last column still counts; a line wider than one column (a headline,
//!   a subtitle) spans them and cuts the page into bands read top to bottom, each band column
//!   by column;
//! - small print above or below all body text is page furniture (running head, page number);
//! - a paragraph goes on from one line to the next (also into the next column or page) while
//!   the line reaches its column's right edge and the next is neither indented nor a bold lead.

use super::Glyph;
use std::collections::HashMap;

/// Where a line of the text came from: its page (1-based) and the top left of its first glyph,
/// in points from the page's top left.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Origin {
    pub page: u32,
    pub x: f32,
    pub y: f32,
}

/// A PDF's text: one paragraph a line, and where each line starts on its page.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    pub text: String,
    /// One per line of `text`.
    pub origins: Vec<Origin>,
    pub pages: usize,
    /// Lines of page furniture left out (running heads, page numbers).
    pub furniture_dropped: usize,
    /// One per line of `text`: the characters of a bold lead that runs into plain text.
    pub bold_leads: Vec<Option<usize>>,
}

#[derive(Debug, Clone)]
struct Placed {
    ch: char,
    x: f32,
    y: f32,
    width: f32,
    size: f32,
    bold: bool,
    /// A space glyph was drawn just before this one.
    after_space: bool,
}

/// A run of glyphs on one baseline without a gutter-wide gap.
#[derive(Debug, Clone)]
struct Fragment {
    text: String,
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    bold_start: bool,
    bold_end: bool,
    /// Characters of `text` printed bold from its start.
    bold_prefix: usize,
    page: u32,
    page_height: f32,
    column: Option<usize>,
    /// The cells of one table row, joined.
    table_row: bool,
}

fn size_key(size: f32) -> i32 {
    (size * 4.0).round() as i32
}

/// Keeps one of every glyph drawn twice at (nearly) the same place and marks it bold.
fn merge_overprints(glyphs: Vec<Glyph>) -> Vec<Placed> {
    let mut out: Vec<Placed> = Vec::with_capacity(glyphs.len());
    let mut at: HashMap<(char, i32), Vec<usize>> = HashMap::new();
    let mut after_space = false;
    for g in glyphs {
        if g.ch.is_whitespace() {
            after_space = true;
            continue;
        }
        let spaced = std::mem::take(&mut after_space);
        let row = g.y.round() as i32;
        let near = (row - 1..=row + 1).find_map(|r| {
            at.get(&(g.ch, r))?.iter().copied().find(|&i| {
                let o = &out[i];
                (o.x - g.x).abs() < 0.25 * g.size
                    && (o.y - g.y).abs() < 0.1 * g.size
                    && (o.size - g.size).abs() < 0.1 * g.size
            })
        });
        match near {
            Some(i) => out[i].bold = true,
            None => {
                at.entry((g.ch, row)).or_default().push(out.len());
                out.push(Placed {
                    ch: g.ch,
                    x: g.x,
                    y: g.y,
                    width: g.width.max(0.0),
                    size: g.size,
                    bold: false,
                    after_space: spaced,
                });
            }
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Cuts a page's glyphs into fragments: baselines first, then gaps wider than a gutter.
fn fragments(glyphs: Vec<Placed>, page: u32, page_height: f32) -> Vec<Fragment> {
    let mut glyphs = glyphs;
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut out = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        let base = glyphs[start].y;
        let tolerance = 0.3 * glyphs[start].size.max(1.0);
        let mut end = start + 1;
        while end < glyphs.len() && (base - glyphs[end].y).abs() <= tolerance {
            end += 1;
        }
        let line = &mut glyphs[start..end];
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut from = 0;
        for k in 1..=line.len() {
            let split = k == line.len() || {
                let (p, g) = (&line[k - 1], &line[k]);
                g.x - (p.x + p.width) > 0.8 * p.size.max(g.size)
                    || (g.size - p.size).abs() > 0.3 * p.size
            };
            if split {
                out.push(fragment(&line[from..k], page, page_height));
                from = k;
            }
        }
        start = end;
    }
    out
}

fn fragment(glyphs: &[Placed], page: u32, page_height: f32) -> Fragment {
    let mut gaps: Vec<f32> = glyphs
        .windows(2)
        .map(|w| w[1].x - (w[0].x + w[0].width))
        .collect();
    gaps.sort_by(f32::total_cmp);
    // Justification spreads the spare width between all glyphs; a word space is wider still.
    let usual = gaps.get(gaps.len() / 2).copied().unwrap_or(0.0).max(0.0);
    let mut text = String::new();
    let mut bold_prefix = None;
    for (k, g) in glyphs.iter().enumerate() {
        if !g.bold && bold_prefix.is_none() {
            bold_prefix = Some(text.chars().count());
        }
        if k > 0 {
            let p = &glyphs[k - 1];
            let gap = g.x - (p.x + p.width);
            let word_space =
                is_word_char(p.ch) && is_word_char(g.ch) && gap > usual + 0.15 * g.size;
            if word_space || g.after_space || gap > usual + 0.5 * g.size {
                text.push(' ');
            }
        }
        text.push(g.ch);
    }
    let size = {
        let mut sizes: Vec<f32> = glyphs.iter().map(|g| g.size).collect();
        sizes.sort_by(f32::total_cmp);
        sizes[sizes.len() / 2]
    };
    let last = &glyphs[glyphs.len() - 1];
    let bold_prefix = bold_prefix.unwrap_or_else(|| text.chars().count());
    Fragment {
        text,
        x0: glyphs[0].x,
        x1: last.x + last.width,
        y: glyphs.iter().map(|g| g.y).fold(f32::MIN, f32::max),
        size,
        bold_start: glyphs[0].bold,
        bold_end: last.bold,
        bold_prefix,
        page,
        page_height,
        column: None,
        table_row: false,
    }
}

/// The size most glyphs have: the body text's.
fn body_size(pages: &[Vec<Placed>]) -> f32 {
    let mut count: HashMap<i32, usize> = HashMap::new();
    for g in pages.iter().flatten() {
        *count.entry(size_key(g.size)).or_default() += 1;
    }
    count
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map_or(10.0, |(k, _)| k as f32 / 4.0)
}

fn is_body(f: &Fragment, body: f32) -> bool {
    (f.size - body).abs() <= 0.03 * body
}

/// Column intervals: the x stretches body lines cover, with gutters where almost none do.
fn columns(frags: &[Fragment], body: f32) -> Vec<(f32, f32)> {
    let body_frags: Vec<&Fragment> = frags.iter().filter(|f| is_body(f, body)).collect();
    let Some(right) = body_frags.iter().map(|f| f.x1).reduce(f32::max) else {
        return Vec::new();
    };
    let bins = (right.max(0.0) as usize + 2).min(20_000);
    let mut cover = vec![0usize; bins];
    for f in &body_frags {
        let a = (f.x0.max(0.0) as usize).min(bins - 1);
        let b = (f.x1.max(0.0) as usize).min(bins - 1);
        for c in &mut cover[a..=b] {
            *c += 1;
        }
    }
    let peak = cover.iter().copied().max().unwrap_or(0);
    let floor = (peak / 10).max(1);
    let mut out = Vec::new();
    let mut start = None;
    for (x, &c) in cover.iter().enumerate() {
        match (c > floor, start) {
            (true, None) => start = Some(x),
            (false, Some(s)) => {
                out.push((s as f32, x as f32));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s as f32, bins as f32));
    }
    // A gap narrower than half an em is a word space, not a gutter.
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for c in out {
        match merged.last_mut() {
            Some(last) if c.0 - last.1 < 0.5 * body => last.1 = c.1,
            _ => merged.push(c),
        }
    }
    // Exact edges from the lines themselves: a justified line ends flush with its column.
    for col in &mut merged {
        let inside: Vec<&&Fragment> = body_frags
            .iter()
            .filter(|f| f.x0 >= col.0 - body && f.x1 <= col.1 + body)
            .collect();
        if let Some(l) = inside.iter().map(|f| f.x0).reduce(f32::min) {
            col.0 = l;
        }
        if let Some(r) = inside.iter().map(|f| f.x1).reduce(f32::max) {
            col.1 = r;
        }
    }
    merged
}

fn column_of(f: &Fragment, cols: &[(f32, f32)], body: f32) -> Option<usize> {
    cols.iter()
        .position(|&(a, b)| f.x0 >= a - 0.5 * body && f.x1 <= b + 0.5 * body)
}

/// Orders a page's fragments: spanning lines cut bands; inside a band, column by column, or
/// row by row where the band is a table.
fn reading_order(mut frags: Vec<Fragment>, cols: &[(f32, f32)], body: f32) -> Vec<Fragment> {
    frags.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut out = Vec::with_capacity(frags.len());
    let mut band: Vec<Fragment> = Vec::new();
    for f in frags {
        if f.column.is_none() {
            order_band(std::mem::take(&mut band), cols, body, &mut out);
            out.push(f);
        } else {
            band.push(f);
        }
    }
    order_band(band, cols, body, &mut out);
    out
}

/// A band whose lines are mostly rows of short cells side by side is a table: read across.
fn order_band(mut band: Vec<Fragment>, cols: &[(f32, f32)], body: f32, out: &mut Vec<Fragment>) {
    let full = |f: &Fragment| f.column.is_some_and(|c| f.x1 >= cols[c].1 - 1.5 * body);
    let mut rows: Vec<Vec<Fragment>> = Vec::new();
    for f in band.iter().cloned() {
        match rows.last_mut() {
            Some(row) if (row[0].y - f.y).abs() <= 0.3 * body => row.push(f),
            _ => rows.push(vec![f]),
        }
    }
    // Text columns are justified: most of their lines are full. Table cells mostly are not.
    let full_lines = band.iter().filter(|f| full(f)).count();
    let (table_rows, cells_in_rows) = rows
        .iter()
        .filter(|r| r.len() >= 2)
        .fold((0, 0), |(n, cells), r| (n + 1, cells + r.len()));
    if table_rows >= 2 && cells_in_rows * 10 >= band.len() * 6 && full_lines * 10 < band.len() * 6 {
        for mut row in rows {
            row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let mut cells = row.into_iter();
            let Some(mut first) = cells.next() else {
                continue;
            };
            for cell in cells {
                first.text.push('\u{3000}');
                first.text.push_str(&cell.text);
                first.x1 = cell.x1;
            }
            first.table_row = true;
            out.push(first);
        }
        return;
    }
    band.sort_by(|a, b| a.column.cmp(&b.column).then(b.y.total_cmp(&a.y)));
    out.append(&mut band);
}

fn joins(p: &Fragment, f: &Fragment, cols: &[(f32, f32)], body: f32) -> bool {
    if p.table_row || f.table_row {
        return false;
    }
    let (Some(pc), Some(fc)) = (p.column, f.column) else {
        // Headline lines: a title wrapped over two lines of the same large type.
        return p.column.is_none()
            && f.column.is_none()
            && p.size > 1.25 * body
            && (p.size - f.size).abs() < 0.05 * p.size
            && p.page == f.page
            && p.y - f.y < 1.8 * p.size;
    };
    // Justified lines end flush; ragged ones at most a glyph or so short.
    let full = p.x1 >= cols[pc].1 - 1.5 * body;
    let indented = f.x0 > cols[fc].0 + 0.6 * body;
    let bold_lead = f.bold_start && !p.bold_end;
    full && !indented && !bold_lead && (p.size - f.size).abs() < 0.1 * body
}

pub fn lay_out(pages: Vec<(Vec<Glyph>, f32)>) -> PageText {
    let n_pages = pages.len();
    let heights: Vec<f32> = pages.iter().map(|p| p.1).collect();
    let placed: Vec<Vec<Placed>> = pages
        .into_iter()
        .map(|(g, _)| merge_overprints(g))
        .collect();
    let body = body_size(&placed);
    let mut per_page: Vec<Vec<Fragment>> = placed
        .into_iter()
        .enumerate()
        .map(|(i, g)| fragments(g, i as u32 + 1, heights[i]))
        .collect();

    // Small print outside the body text's top and bottom is furniture.
    let mut furniture_dropped = 0;
    let mut head: Vec<Fragment> = Vec::new();
    for (i, frags) in per_page.iter_mut().enumerate() {
        let body_frags = frags.iter().filter(|f| f.size >= 0.92 * body);
        let top = body_frags.clone().map(|f| f.y).reduce(f32::max);
        let bottom = body_frags.map(|f| f.y).reduce(f32::min);
        let (Some(top), Some(bottom)) = (top, bottom) else {
            continue;
        };
        frags.retain(|f| {
            let furniture =
                f.size < 0.92 * body && (f.y > top + 0.5 * body || f.y < bottom - 0.5 * body);
            if furniture {
                // The first page's running head names the paper and the date: a cue.
                if i == 0 && f.y > top {
                    head.push(f.clone());
                } else {
                    furniture_dropped += 1;
                }
            }
            !furniture
        });
    }
    let all: Vec<Fragment> = per_page.iter().flatten().cloned().collect();
    let cols = columns(&all, body);

    let mut text = String::new();
    let mut origins = Vec::new();
    let origin = |f: &Fragment| Origin {
        page: f.page,
        x: (f.x0 * 10.0).round() / 10.0,
        y: ((f.page_height - f.y - f.size) * 10.0).round() / 10.0,
    };
    head.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut bold_leads = Vec::new();
    for f in &head {
        text.push_str(&f.text);
        text.push('\n');
        origins.push(origin(f));
        bold_leads.push(None);
    }
    let mut prev: Option<Fragment> = None;
    for frags in per_page {
        let mut frags = frags;
        for f in &mut frags {
            f.column = if f.size > 1.15 * body {
                None
            } else {
                column_of(f, &cols, body)
            };
        }
        // Type of another size above a column's first body line belongs to the headline
        // block (a centred subtitle or speaker), however narrow.
        let mut column_top = vec![f32::MIN; cols.len()];
        for f in frags.iter().filter(|f| is_body(f, body)) {
            if let Some(c) = f.column {
                column_top[c] = column_top[c].max(f.y);
            }
        }
        for f in &mut frags {
            if let Some(c) = f.column {
                if !is_body(f, body) && f.y > column_top[c] + 0.5 * body {
                    f.column = None;
                }
            }
        }
        for f in reading_order(frags, &cols, body) {
            match &prev {
                Some(p) if joins(p, &f, &cols, body) => {
                    let (a, b) = (text.chars().last(), f.text.chars().next());
                    if a.is_some_and(|a| a.is_ascii_alphabetic())
                        && b.is_some_and(|b| b.is_ascii_alphabetic())
                    {
                        text.push(' ');
                    }
                }
                Some(_) => {
                    text.push('\n');
                    origins.push(origin(&f));
                    bold_leads.push(run_in(&f));
                }
                None => {
                    origins.push(origin(&f));
                    bold_leads.push(run_in(&f));
                }
            }
            text.push_str(&f.text);
            prev = Some(f);
        }
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    PageText {
        text,
        origins,
        pages: n_pages,
        furniture_dropped,
        bold_leads,
    }
}

/// A bold lead that runs on into plain text on the paragraph's first line.
fn run_in(f: &Fragment) -> Option<usize> {
    (f.bold_prefix > 0 && f.bold_prefix < f.text.chars().count()).then_some(f.bold_prefix)
}
