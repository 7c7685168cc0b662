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
    let simplified = read::script::to_simplified(&input.text);
    let restored = restore_input(input, simplified.as_deref());
    structure_input(source, input, restored, simplified.as_deref())
}

/// Restores and structures an input already read, letting its text go once the paragraphs
/// are restored: the text and its paragraphs are never held together with the document.
pub fn parse_owned(source: &str, mut input: read::Input) -> Document {
    let simplified = read::script::to_simplified(&input.text);
    let restored = restore_input(&input, simplified.as_deref());
    // Text analysed as printed is not read again (traditional text is, to show it as printed).
    if simplified.is_none() {
        input.text = String::new();
    }
    structure_input(source, &input, restored, simplified.as_deref())
}

/// Restores and structures a plain UTF-8 text file read as a stream: its text is never held
/// whole, only the paragraphs restored from it (see [`read::text_file`] for the files that
/// qualify). `Ok(None)` for any other file, to be read whole with [`read::load_owned`].
pub fn parse_text_file(
    source: &str,
    path: &std::path::Path,
    opts: &ReadOptions,
) -> std::io::Result<Option<Document>> {
    let Some(file) = read::text_file::open(path, opts)? else {
        return Ok(None);
    };
    let Some(restored) = restore::restore_file(&file)? else {
        return Ok(None);
    };
    let input = read::text_input(read::Text {
        text: String::new(),
        encoding: SourceEncoding::Utf8,
    });
    Ok(Some(structure_input(source, &input, restored, None)))
}

/// Traditional characters are analysed in simplified ones (`simplified`), line for line as
/// long.
fn restore_input(input: &read::Input, simplified: Option<&str>) -> restore::Restored {
    let text = simplified.unwrap_or(&input.text);
    let mut restored = restore::restore_layout(text, input.layout());
    // Bold seen in the PDF's glyphs marks run-in leads that text alone cannot show.
    for para in &mut restored.paras {
        if para.bold_lead_chars.is_none() && para.line_start == para.line_end {
            let line = para.line_start as usize;
            if let Some(Some(n)) = input.bold_leads.get(line.wrapping_sub(1)) {
                para.bold_lead_chars = Some(*n);
            }
        }
    }
    restored
}

fn structure_input(
    source: &str,
    input: &read::Input,
    restored: restore::Restored,
    simplified: Option<&str>,
) -> Document {
    let mut doc = structure::structure_page(source, restored);
    // What a web page says of itself is a cue like a page header's.
    doc.page_cues
        .extend(input.title.iter().map(|t| match simplified {
            Some(_) => hanconv::t2s(t),
            None => t.clone(),
        }));
    doc.page_cues
        .extend(input.date.iter().map(|d| format!("发布时间：{d}")));
    doc.url = input.url.clone();
    doc.origins = input.origins.clone();
    context::resolve(&mut doc);
    if let Some(analysed) = simplified {
        keep_printed(&mut doc, analysed, &input.text);
    }
    doc
}

/// Restores and structures already decoded text.
pub fn parse_text(source: &str, text: &str) -> Document {
    let simplified = read::script::to_simplified(text);
    let analysed = simplified.as_deref().unwrap_or(text);
    let mut doc = structure::structure_page(source, restore::restore_page(analysed));
    context::resolve(&mut doc);
    if simplified.is_some() {
        keep_printed(&mut doc, analysed, text);
    }
    doc
}

/// Gives every block and headline of a document analysed in simplified characters its text
/// as printed.
fn keep_printed(doc: &mut Document, analysed: &str, printed: &str) {
    let p = read::script::Printed::new(analysed, printed);
    for article in &mut doc.articles {
        for b in &mut article.blocks {
            b.printed = Some(p.block(&b.text, b.span.byte_start, b.span.byte_end));
        }
        for t in [
            &mut article.title,
            &mut article.subtitle,
            &mut article.speaker,
        ]
        .into_iter()
        .flatten()
        {
            *t = p.find(t);
        }
    }
}
