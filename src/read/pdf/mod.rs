//! PDF pages → text in reading order, one paragraph a line.
//!
//! [`lopdf`] parses the file (cross-reference repair, object streams, filters, the
//! empty-password decryption of "permissions only" files); this module runs each page's content
//! stream to place every glyph with its position, size and Unicode text ([`fonts`],
//! [`cmap`]), and [`layout`] orders the glyphs into columns, lines and paragraphs. Paragraphs
//! come out one a line, so the text stages downstream never have to guess where a printed
//! line was broken.

mod cmap;
mod fonts;
mod layout;

use fonts::Font;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;
use thiserror::Error;

pub use layout::{Origin, PageText};

/// The most a single stream may inflate to; a larger one is a decompression bomb.
pub(crate) const MAX_STREAM: usize = 64 * 1024 * 1024;
/// The most content one page may have read, its forms' content included (a form can be drawn
/// again and again): a printed page holds a few MB at most, and parsed content takes about
/// thirty times its size in memory.
const MAX_PAGE_CONTENT: usize = 16 * 1024 * 1024;
/// The most content a whole document may have read: a few hundred pages of a report.
const MAX_DOCUMENT_CONTENT: usize = 256 * 1024 * 1024;
/// Forms nested deeper than this are a loop or an attack, not a page.
const MAX_FORM_DEPTH: usize = 8;
/// Glyphs on one page past which the rest are not read (a page of text has a few thousand).
const MAX_GLYPHS_PER_PAGE: usize = 400_000;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum PdfError {
    #[error("not a PDF (no %PDF- header)")]
    NotPdf,
    #[error("damaged PDF: {0}")]
    Damaged(String),
    #[error(
        "page {page}: its content inflates past {limit_mb} MB, more than a printed page or report holds (a decompression bomb?)"
    )]
    TooLarge { page: usize, limit_mb: usize },
    #[error("encrypted PDF: it needs a password to open, and lianghui does not take one")]
    Encrypted,
    #[error("no text layer: {pages} page(s) of images only (a scan); run OCR first, then read the OCR's text")]
    Scanned { pages: usize },
    #[error("no text on any of its {pages} page(s)")]
    NoText { pages: usize },
    #[error(
        "the text cannot be decoded: font {font} maps its glyphs to no Unicode (no ToUnicode map)"
    )]
    NoUnicode { font: String },
}

/// One glyph as printed: its text, the position of its origin on the page (points, origin at
/// the bottom left), its advance and its size.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub ch: char,
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
}

/// Whether `bytes` are a PDF: its header within the first KiB, as readers accept it.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
}

/// Reads a PDF into text, one paragraph a line, with the page and position of every line.
pub fn read(bytes: &[u8]) -> Result<PageText, PdfError> {
    if !is_pdf(bytes) {
        return Err(PdfError::NotPdf);
    }
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfError::Damaged(
            "the file is cut short (it has no %%EOF end marker)".into(),
        ));
    }
    // lopdf is lenient by design; a panic on a hostile file must still end as an error.
    let loaded = std::panic::catch_unwind(|| {
        Document::load_mem_with_options(
            bytes,
            lopdf::LoadOptions {
                max_decompressed_size: Some(MAX_STREAM),
                ..Default::default()
            },
        )
    })
    .map_err(|_| PdfError::Damaged("its objects cannot be parsed".into()))?;
    let doc = loaded.map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => PdfError::Encrypted,
        e => PdfError::Damaged(e.to_string()),
    })?;
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    if pages.is_empty() {
        return Err(PdfError::Damaged("it has no pages".into()));
    }
    let mut reader = PageReader {
        doc: &doc,
        fonts: HashMap::new(),
        page_budget: 0,
        document_budget: MAX_DOCUMENT_CONTENT,
        over_budget: None,
    };
    let mut all = Vec::with_capacity(pages.len());
    let (mut images, mut undecodable, mut decoded) = (0usize, None, 0usize);
    for (number, &page) in pages.iter().enumerate() {
        let page_dict = doc.get_dictionary(page).ok();
        let height = page_dict
            .and_then(|d| media_box(&doc, d))
            .map_or(842.0, |b| b[3] - b[1]);
        let mut out = PageGlyphs::default();
        let too_large = |limit: usize| PdfError::TooLarge {
            page: number + 1,
            limit_mb: limit / (1024 * 1024),
        };
        let content = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            doc.get_page_content_with_limit(page, MAX_PAGE_CONTENT)
        })) {
            Ok(Ok(content)) => content,
            Ok(Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            }))) => return Err(too_large(MAX_PAGE_CONTENT)),
            _ => Vec::new(),
        };
        if let Some(dict) = page_dict {
            let resources = inherited_resources(&doc, dict);
            reader.page_budget = MAX_PAGE_CONTENT;
            reader.run(&content, resources, IDENTITY, 0, &mut out);
            if let Some(limit) = reader.over_budget {
                return Err(too_large(limit));
            }
        }
        images += usize::from(out.images > 0 && out.glyphs.is_empty());
        decoded += out.glyphs.len();
        if undecodable.is_none() {
            undecodable = out.undecodable_font;
        }
        all.push((out.glyphs, height));
    }
    if decoded == 0 {
        return Err(match undecodable {
            Some(font) => PdfError::NoUnicode { font },
            None if images > 0 => PdfError::Scanned { pages: images },
            None => PdfError::NoText { pages: pages.len() },
        });
    }
    Ok(layout::lay_out(all))
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` in PDF's row-vector convention: apply `a`, then `b`.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

pub(crate) fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

fn numbers<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    let mut out = [0.0; N];
    if ops.len() < N {
        return None;
    }
    for (slot, o) in out.iter_mut().zip(&ops[ops.len() - N..]) {
        *slot = number(o)?;
    }
    Some(out)
}

/// A page attribute, inherited from the page tree where the page itself lacks it.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = page;
    for _ in 0..32 {
        if let Ok(o) = dict.get(key) {
            return Some(doc.dereference(o).ok()?.1);
        }
        dict = doc
            .get_dictionary(dict.get(b"Parent").ok()?.as_reference().ok()?)
            .ok()?;
    }
    None
}

fn media_box(doc: &Document, page: &Dictionary) -> Option<[f32; 4]> {
    let v: Vec<f32> = inherited(doc, page, b"MediaBox")?
        .as_array()
        .ok()?
        .iter()
        .filter_map(number)
        .collect();
    (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
}

fn inherited_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    inherited(doc, page, b"Resources")?.as_dict().ok()
}

#[derive(Default)]
struct PageGlyphs {
    glyphs: Vec<Glyph>,
    images: usize,
    undecodable_font: Option<String>,
}

struct PageReader<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    /// Content bytes the current page may still have read.
    page_budget: usize,
    /// Content bytes the rest of the document may still have read.
    document_budget: usize,
    /// The limit that was reached, if one was: reading stops there.
    over_budget: Option<usize>,
}

#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl<'a> PageReader<'a> {
    /// The object named `name` in the `category` dictionary of `resources`, with its id.
    fn resource(
        &self,
        resources: Option<&'a Dictionary>,
        category: &[u8],
        name: &[u8],
    ) -> Option<(Option<ObjectId>, &'a Object)> {
        let named = self
            .doc
            .dereference(resources?.get(category).ok()?)
            .ok()?
            .1
            .as_dict()
            .ok()?;
        self.doc.dereference(named.get(name).ok()?).ok()
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let (id, obj) = self.resource(resources, b"Font", name)?;
        let dict = obj.as_dict().ok()?;
        match id {
            Some(id) => Some(
                self.fonts
                    .entry(id)
                    .or_insert_with(|| Rc::new(Font::load(self.doc, dict)))
                    .clone(),
            ),
            None => Some(Rc::new(Font::load(self.doc, dict))),
        }
    }

    fn xobject(&self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<&'a lopdf::Stream> {
        self.resource(resources, b"XObject", name)?
            .1
            .as_stream()
            .ok()
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
        depth: usize,
        out: &mut PageGlyphs,
    ) {
        if self.over_budget.is_some() {
            return;
        }
        if content.len() > self.page_budget {
            self.over_budget = Some(MAX_PAGE_CONTENT);
            return;
        }
        if content.len() > self.document_budget {
            self.over_budget = Some(MAX_DOCUMENT_CONTENT);
            return;
        }
        self.page_budget -= content.len();
        self.document_budget -= content.len();
        let Ok(content) = lopdf::content::Content::decode(content) else {
            return;
        };
        let mut gs = GraphicsState {
            ctm,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<GraphicsState> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        for op in &content.operations {
            let ops = op.operands.as_slice();
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                "cm" => {
                    if let Some(m) = numbers::<6>(ops) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let [Object::Name(name), size] = ops {
                        gs.font = self.font(resources, name);
                        gs.size = number(size).unwrap_or(0.0);
                    }
                }
                "Tc" => gs.char_space = numbers::<1>(ops).map_or(0.0, |[v]| v),
                "Tw" => gs.word_space = numbers::<1>(ops).map_or(0.0, |[v]| v),
                "Tz" => gs.scale = numbers::<1>(ops).map_or(100.0, |[v]| v) / 100.0,
                "TL" => gs.leading = numbers::<1>(ops).map_or(0.0, |[v]| v),
                "Ts" => gs.rise = numbers::<1>(ops).map_or(0.0, |[v]| v),
                "Td" | "TD" => {
                    if let Some([tx, ty]) = numbers::<2>(ops) {
                        if op.operator == "TD" {
                            gs.leading = -ty;
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = numbers::<6>(ops) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" => {
                    if op.operator != "Tj" {
                        if op.operator == "\"" {
                            if let Some([aw, ac]) = ops.get(..2).and_then(numbers::<2>) {
                                gs.word_space = aw;
                                gs.char_space = ac;
                            }
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s, _)) = ops.last() {
                        self.show(s, &gs, &mut tm, out);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = ops.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(s, &gs, &mut tm, out),
                                other => {
                                    if let Some(n) = number(other) {
                                        let tx = -n / 1000.0 * gs.size * gs.scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    let Some(Object::Name(name)) = ops.first() else {
                        continue;
                    };
                    let Some(stream) = self.xobject(resources, name) else {
                        continue;
                    };
                    match stream.dict.get(b"Subtype").and_then(Object::as_name) {
                        Ok(b"Image") => out.images += 1,
                        Ok(b"Form") if depth < MAX_FORM_DEPTH => {
                            let matrix = match stream.dict.get(b"Matrix") {
                                Ok(Object::Array(m)) => numbers::<6>(m).unwrap_or(IDENTITY),
                                _ => IDENTITY,
                            };
                            let inner = stream
                                .dict
                                .get(b"Resources")
                                .ok()
                                .and_then(|o| self.doc.dereference(o).ok())
                                .and_then(|(_, o)| o.as_dict().ok())
                                .or(resources);
                            let data = match stream.get_plain_content_with_limit(self.page_budget) {
                                Ok(data) => data,
                                Err(lopdf::Error::Decompress(
                                    lopdf::DecompressError::MemoryLimitExceeded { .. },
                                )) => {
                                    self.over_budget = Some(MAX_PAGE_CONTENT);
                                    return;
                                }
                                Err(_) => stream.content.clone(),
                            };
                            self.run(&data, inner, mul(&matrix, &gs.ctm), depth + 1, out);
                        }
                        _ => {}
                    }
                }
                "BI" | "EI" => out.images += 1,
                _ => {}
            }
        }
    }

    fn show(&self, s: &[u8], gs: &GraphicsState, tm: &mut Matrix, out: &mut PageGlyphs) {
        let Some(font) = gs.font.as_ref() else {
            return;
        };
        let (size, scale) = (gs.size, gs.scale);
        font.decode(s, |code| {
            let trm = mul(
                &mul(&[size * scale, 0.0, 0.0, size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let advance = (code.advance * size
                + gs.char_space
                + if code.is_space { gs.word_space } else { 0.0 })
                * scale;
            // The glyph's own box, scaled as the page prints it.
            let x_scale =
                (trm[0] * trm[0] + trm[1] * trm[1]).sqrt() / (size * scale).abs().max(1e-6);
            let printed_size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            match code.text {
                Some(text) if out.glyphs.len() < MAX_GLYPHS_PER_PAGE => {
                    let n = text.chars().count().max(1) as f32;
                    let width = code.advance * size * scale * x_scale;
                    for (k, ch) in text.chars().enumerate() {
                        if ch.is_control() || ch == '\u{FFFD}' {
                            continue;
                        }
                        out.glyphs.push(Glyph {
                            ch,
                            x: trm[4] + width * k as f32 / n,
                            y: trm[5],
                            width: width / n,
                            size: printed_size,
                        });
                    }
                }
                Some(_) => {}
                None => {
                    if out.undecodable_font.is_none() {
                        out.undecodable_font = Some(font.name.clone());
                    }
                }
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
        });
    }
}

#[cfg(test)]
mod tests;
