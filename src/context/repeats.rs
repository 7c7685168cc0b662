//! A page that carries one report twice (a desktop and a mobile layout, a repost under the
//! original) must give its facts once: the copy is left out and the article that stays says so.

use crate::structure::{Article, BlockType, Document};
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

/// Paragraphs shorter than this (in bytes: 20 Han characters) are too common to tell copies
/// apart (`各位代表：`).
const MIN_PARAGRAPH_BYTES: usize = 60;
/// Share of an article's long paragraphs found in another for it to count as a copy.
const COPY_SHARE: f64 = 0.8;
/// Articles a paragraph may stand in and still tell copies apart.
const MAX_HOLDERS: usize = 4;
/// Fewest long paragraphs an article needs before it can be called a copy.
const MIN_PARAGRAPHS: usize = 3;

/// The long paragraphs of an article, each as a hash of its text.
fn long_paragraphs(a: &Article) -> Vec<u64> {
    a.blocks
        .iter()
        .filter(|b| b.kind == BlockType::Paragraph && b.text.len() >= MIN_PARAGRAPH_BYTES)
        .map(|b| {
            let mut h = ahash::AHasher::default();
            h.write(b.text.as_bytes());
            h.finish()
        })
        .collect()
}

/// Leaves out every article whose long paragraphs mostly stand in another article of the
/// document; of two copies, the fuller stays (the first where they are alike).
pub fn drop_repeats(doc: &mut Document) {
    // One article, or one long enough to be copied, leaves nothing to compare.
    let long = doc
        .articles
        .iter()
        .filter(|a| a.blocks.len() >= MIN_PARAGRAPHS)
        .count();
    if long < 2 {
        return;
    }
    let texts: Vec<Vec<u64>> = doc.articles.iter().map(long_paragraphs).collect();
    // Where each paragraph stands: a page holds a copy or two, not hundreds, so a paragraph
    // in many articles (a salutation, a template's sentence) tells no copy apart.
    let mut holders: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, t) in texts.iter().enumerate() {
        for &p in t.iter().collect::<HashSet<_>>() {
            holders.entry(p).or_default().push(i);
        }
    }
    let mut dropped = vec![false; texts.len()];
    let mut notes: Vec<(usize, String)> = Vec::new();
    for j in 0..texts.len() {
        if texts[j].len() < MIN_PARAGRAPHS {
            continue;
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for p in &texts[j] {
            let Some(h) = holders.get(p).filter(|h| h.len() <= MAX_HOLDERS) else {
                continue;
            };
            for &i in h.iter().filter(|&&i| i != j && !dropped[i]) {
                *shared.entry(i).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = shared.into_iter().collect();
        candidates.sort_unstable();
        for (i, n) in candidates {
            let copy = n as f64 >= COPY_SHARE * texts[j].len() as f64;
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
