//! lianghui: China's two-sessions documents → clean text and a database of every number they
//! state.
//!
//! The pipeline is a chain of pure functions, each a module:
//! [`read`] (bytes → text) → [`restore`] (text → paragraphs) → [`structure`] (paragraphs →
//! document) → [`context`] (the report's year, region and section roles, weighed once per
//! document) → [`extract`] (document → facts). The CLI, the store and the server call it.

pub mod context;
pub mod corpus;
pub mod extract;
pub mod lexicon;
pub mod output;
pub mod read;
pub mod regions;
pub mod restore;
pub mod serve;
pub mod store;
pub mod structure;
pub mod synth;

pub use read::{ReadError, ReadOptions, SourceEncoding};
pub use structure::{Article, ArticleKind, Block, BlockType, Document};

/// Reads, restores and structures one input: a text, a PDF or a web page.
pub fn parse(source: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Document, ReadError> {
    let input = read::load(bytes, opts)?;
    Ok(parse_input(source, &input))
}

/// Restores and structures an input already read.
pub fn parse_input(source: &str, input: &read::Input) -> Document {
    let mut restored = restore::restore_layout(&input.text, input.layout());
    // Bold seen in the PDF's glyphs marks run-in leads that text alone cannot show.
    for para in &mut restored.paras {
        if para.bold_lead_chars.is_none() && para.line_start == para.line_end {
            let line = para.line_start as usize;
            if let Some(Some(n)) = input.bold_leads.get(line.wrapping_sub(1)) {
                para.bold_lead_chars = Some(*n);
            }
        }
    }
    let mut doc = structure::structure_page(source, restored);
    // What a web page says of itself is a cue like a page header's.
    doc.page_cues.extend(input.title.iter().cloned());
    doc.page_cues
        .extend(input.date.iter().map(|d| format!("发布时间：{d}")));
    doc.url = input.url.clone();
    doc.origins = input.origins.clone();
    context::resolve(&mut doc);
    doc
}

/// Restores and structures already decoded text.
pub fn parse_text(source: &str, text: &str) -> Document {
    let mut doc = structure::structure_page(source, restore::restore_page(text));
    context::resolve(&mut doc);
    doc
}
