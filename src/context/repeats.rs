//! A page that carries one report twice (a desktop and a mobile layout, a repost under the
//! original) must give its facts once: the copy is left out and the article that stays says so.

use crate::structure::{Article, BlockType, Document};
use std::collections::HashSet;

/// Paragraphs shorter than this (in characters) are too common to tell copies apart
/// (`各位代表：`).
const MIN_PARAGRAPH: usize = 20;
/// Share of an article's long paragraphs found in another for it to count as a copy.
const COPY_SHARE: f64 = 0.8;
/// Fewest long paragraphs an article needs before it can be called a copy.
const MIN_PARAGRAPHS: usize = 3;

fn long_paragraphs(a: &Article) -> Vec<String> {
    a.blocks
        .iter()
        .filter(|b| b.kind == BlockType::Paragraph)
        .map(|b| b.text.split_whitespace().collect::<String>())
        .filter(|t| t.chars().count() >= MIN_PARAGRAPH)
        .collect()
}

/// Leaves out every article whose long paragraphs mostly stand in another article of the
/// document; of two copies, the fuller stays (the first where they are alike).
pub fn drop_repeats(doc: &mut Document) {
    let texts: Vec<Vec<String>> = doc.articles.iter().map(long_paragraphs).collect();
    let sets: Vec<HashSet<&str>> = texts
        .iter()
        .map(|t| t.iter().map(String::as_str).collect())
        .collect();
    let mut dropped = vec![false; texts.len()];
    let mut notes: Vec<(usize, String)> = Vec::new();
    for j in 0..texts.len() {
        if texts[j].len() < MIN_PARAGRAPHS {
            continue;
        }
        for i in (0..texts.len()).filter(|&i| i != j && !dropped[i]) {
            let shared = texts[j]
                .iter()
                .filter(|t| sets[i].contains(t.as_str()))
                .count();
            let copy = shared as f64 >= COPY_SHARE * texts[j].len() as f64;
            // Of two copies, the one with fewer paragraphs goes; alike, the later one.
            let fuller_other =
                texts[i].len() > texts[j].len() || (texts[i].len() == texts[j].len() && i < j);
            if copy && fuller_other {
                dropped[j] = true;
                let lines = |a: &Article| {
                    let first = a.blocks.first().map_or(0, |b| b.span.line_start);
                    let last = a.blocks.last().map_or(0, |b| b.span.line_end);
                    format!("{first}–{last}")
                };
                notes.push((
                    i,
                    format!(
                        "repeated: the page holds this article twice; the copy at lines {} was left out",
                        lines(&doc.articles[j])
                    ),
                ));
                break;
            }
        }
    }
    for (i, note) in notes {
        doc.articles[i].warnings.push(note);
    }
    let mut k = 0;
    doc.articles.retain(|_| {
        let keep = !dropped[k];
        k += 1;
        keep
    });
}
