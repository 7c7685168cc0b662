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

/// Reads, restores and structures one input.
pub fn parse(source: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Document, ReadError> {
    let text = read::decode(bytes, opts)?;
    Ok(parse_text(source, &text.text))
}

/// Restores and structures already decoded text.
pub fn parse_text(source: &str, text: &str) -> Document {
    let mut doc = structure::structure_page(source, restore::restore_page(text));
    context::resolve(&mut doc);
    doc
}
