//! Fonts as text extraction sees them: how a string splits into codes, what Unicode each code
//! stands for, and how far each glyph advances.
//!
//! Chinese PDFs mostly use composite (Type0) fonts. Their codes decode by the font's
//! `/ToUnicode` map when it has one; otherwise by the predefined Adobe-GB1 CMap its
//! `/Encoding` names, whose codes are themselves text in a known encoding (UCS-2, UTF-16,
//! GB2312/GBK/GB18030), so no CID table is needed to read them.

use super::cmap::{self, CMap};
use super::number;
use encoding_rs::{GB18030, WINDOWS_1252};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// How the codes of a string are to be read when no ToUnicode entry covers them.
#[derive(Debug, Clone)]
enum CodeText {
    /// Two-byte codes that are CIDs (Identity-H/V): text only through ToUnicode.
    Identity,
    /// Two-byte codes that are UCS-2 (UniGB-UCS2-H/V and the like).
    Ucs2,
    /// UTF-16BE codes (UniGB-UTF16-H/V).
    Utf16,
    /// One byte below 0x80, two (or four) above: GB2312, GBK or GB18030 codes.
    Gb,
    /// An embedded CMap: codes cut by its codespace, text only through ToUnicode.
    Embedded(Box<CMap>),
    /// A simple font: one byte a code, read through its 256-entry table.
    Simple(Box<[Option<char>; 256]>),
}

#[derive(Debug, Clone)]
pub struct Font {
    code_text: CodeText,
    to_unicode: Option<CMap>,
    /// Advance widths in thousandths of the font size, by code (simple) or CID (composite).
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Type3 glyph space is not thousandths of text space.
    scale: f32,
    pub name: String,
}

/// One decoded code.
pub struct Code {
    pub text: Option<String>,
    /// Advance in text space units per unit of font size.
    pub advance: f32,
    /// A single-byte code 32, to which word spacing applies.
    pub is_space: bool,
}

fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| resolve(doc, o))
}

fn stream_cmap(doc: &Document, o: &Object) -> Option<CMap> {
    match resolve(doc, o) {
        Object::Stream(s) => {
            let data = s
                .get_plain_content_with_limit(super::MAX_STREAM)
                .or_else(|_| {
                    if s.dict.get(b"Filter").is_err() {
                        Ok(s.content.clone())
                    } else {
                        Err(())
                    }
                })
                .ok()?;
            Some(CMap::parse(&data))
        }
        _ => None,
    }
}

/// The predefined CMaps of Chinese text, by the encoding their codes carry.
fn predefined(name: &[u8]) -> Option<CodeText> {
    let name = std::str::from_utf8(name).ok()?;
    let stem = name
        .strip_suffix("-H")
        .or_else(|| name.strip_suffix("-V"))?;
    Some(match stem {
        "Identity" => CodeText::Identity,
        "UniGB-UCS2" | "UniCNS-UCS2" | "UniJIS-UCS2" | "UniKS-UCS2" => CodeText::Ucs2,
        "UniGB-UTF16" | "UniCNS-UTF16" | "UniJIS-UTF16" | "UniKS-UTF16" => CodeText::Utf16,
        "GB-EUC" | "GBpc-EUC" | "GBK-EUC" | "GBKp-EUC" | "GBK2K" | "GBT-EUC" => CodeText::Gb,
        _ => return None,
    })
}

fn simple_table(doc: &Document, dict: &Dictionary) -> Box<[Option<char>; 256]> {
    let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
    // WinAnsi is the usual base and a fair guess where none is named.
    for (code, slot) in table.iter_mut().enumerate() {
        let byte = [code as u8];
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(&byte);
        *slot = text.chars().next().filter(|c| !c.is_control());
    }
    if let Some(Object::Dictionary(enc)) = get(doc, dict, b"Encoding") {
        if let Some(Object::Array(diffs)) = get(doc, enc, b"Differences") {
            let mut code = 0usize;
            for item in diffs {
                match item {
                    Object::Integer(n) => code = (*n).clamp(0, 255) as usize,
                    Object::Name(glyph) => {
                        if code < 256 {
                            table[code] = glyph_char(glyph).or(table[code]);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    table
}

/// The character a glyph name stands for: `uniXXXX`, `uXXXXX` and the ASCII names.
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    if let Some(hex) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if let Some(hex) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
            return Some(c);
        }
    }
    if name.len() == 1 {
        return name.chars().next();
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("percent", '%'),
        ("hyphen", '-'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("slash", '/'),
        ("plus", '+'),
        ("endash", '–'),
        ("emdash", '—'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

fn simple_widths(doc: &Document, dict: &Dictionary) -> HashMap<u32, f32> {
    let first = get(doc, dict, b"FirstChar")
        .and_then(number)
        .unwrap_or(0.0)
        .max(0.0) as u32;
    let mut widths = HashMap::new();
    if let Some(Object::Array(ws)) = get(doc, dict, b"Widths") {
        for (k, w) in ws.iter().take(256).enumerate() {
            if let Some(w) = number(resolve(doc, w)) {
                widths.insert(first + k as u32, w);
            }
        }
    }
    widths
}

/// `/W` of a CIDFont: `c [w1 w2 …]` and `c_first c_last w` entries.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut widths = HashMap::new();
    let mut i = 0;
    while i < w.len() {
        let Some(first) = number(resolve(doc, &w[i])) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| resolve(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = number(resolve(doc, v)) {
                        widths.insert(first + k as u32, v);
                    }
                }
                i += 2;
            }
            Some(last) => {
                if let (Some(last), Some(v)) = (
                    number(last),
                    w.get(i + 2).and_then(|o| number(resolve(doc, o))),
                ) {
                    let last = last.max(0.0) as u32;
                    if last >= first && last - first < 0x1_0000 {
                        for c in first..=last {
                            widths.insert(c, v);
                        }
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
    widths
}

impl Font {
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let subtype = get(doc, dict, b"Subtype")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let name = get(doc, dict, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_cmap(doc, o))
            .filter(|m| !m.is_empty());
        if subtype == b"Type0" {
            let code_text = match dict.get(b"Encoding").ok().map(|o| resolve(doc, o)) {
                Some(Object::Name(n)) => predefined(n).unwrap_or(CodeText::Identity),
                Some(o @ Object::Stream(_)) => {
                    let cmap = stream_cmap(doc, o).unwrap_or_default();
                    if cmap.has_codespace() {
                        CodeText::Embedded(Box::new(cmap))
                    } else {
                        CodeText::Identity
                    }
                }
                _ => CodeText::Identity,
            };
            let descendant = match get(doc, dict, b"DescendantFonts") {
                Some(Object::Array(a)) => a.first().map(|o| resolve(doc, o)),
                _ => None,
            };
            let (widths, default_width) = match descendant {
                Some(Object::Dictionary(d)) => (
                    match get(doc, d, b"W") {
                        Some(Object::Array(w)) => cid_widths(doc, w),
                        _ => HashMap::new(),
                    },
                    get(doc, d, b"DW").and_then(number).unwrap_or(1000.0),
                ),
                _ => (HashMap::new(), 1000.0),
            };
            return Font {
                code_text,
                to_unicode,
                widths,
                default_width,
                scale: 0.001,
                name,
            };
        }
        let missing = match get(doc, dict, b"FontDescriptor") {
            Some(Object::Dictionary(d)) => get(doc, d, b"MissingWidth").and_then(number),
            _ => None,
        };
        let scale = if subtype == b"Type3" {
            match get(doc, dict, b"FontMatrix") {
                Some(Object::Array(m)) => m.first().and_then(number).unwrap_or(0.001),
                _ => 0.001,
            }
        } else {
            0.001
        };
        Font {
            code_text: CodeText::Simple(simple_table(doc, dict)),
            to_unicode,
            widths: simple_widths(doc, dict),
            // The standard fonts carry no widths; half an em is a fair Latin average.
            default_width: missing.filter(|w| *w > 0.0).unwrap_or(500.0),
            scale,
            name,
        }
    }

    /// Decodes a shown string into codes, calling `each` per code.
    pub fn decode(&self, bytes: &[u8], mut each: impl FnMut(Code)) {
        let mut i = 0;
        while i < bytes.len() {
            let n = self.code_len(&bytes[i..]).min(bytes.len() - i).max(1);
            let raw = &bytes[i..i + n];
            i += n;
            let code = raw.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
            let text = self
                .to_unicode
                .as_ref()
                .and_then(|m| m.unicode(code))
                .map(str::to_owned)
                .or_else(|| self.fallback_text(raw));
            let width_key = match &self.code_text {
                CodeText::Embedded(m) => m.cid(code).unwrap_or(code),
                _ => code,
            };
            let width = match self.widths.get(&width_key) {
                Some(&w) => w,
                // Without the CID table a UCS-2 or GB code's glyph width is unknown; CJK
                // glyphs are a full em and ASCII ones about half.
                None => match (&self.code_text, text.as_deref()) {
                    (CodeText::Ucs2 | CodeText::Utf16 | CodeText::Gb, Some(t)) if t.is_ascii() => {
                        500.0
                    }
                    _ => self.default_width,
                },
            };
            each(Code {
                text,
                advance: width * self.scale,
                is_space: n == 1 && code == 32,
            });
        }
    }

    fn code_len(&self, bytes: &[u8]) -> usize {
        match &self.code_text {
            CodeText::Simple(_) => 1,
            CodeText::Identity | CodeText::Ucs2 => 2,
            CodeText::Utf16 => {
                let hi = bytes.first().copied().unwrap_or(0);
                if (0xD8..0xDC).contains(&hi) {
                    4
                } else {
                    2
                }
            }
            CodeText::Gb => match bytes {
                [b, ..] if *b < 0x81 => 1,
                [_, second, ..] if (0x30..=0x39).contains(second) => 4,
                _ => 2,
            },
            CodeText::Embedded(m) => m
                .code_len(bytes)
                .or_else(|| self.to_unicode.as_ref()?.code_len(bytes))
                .unwrap_or(1),
        }
    }

    fn fallback_text(&self, raw: &[u8]) -> Option<String> {
        match &self.code_text {
            CodeText::Simple(table) => table[usize::from(raw[0])].map(String::from),
            CodeText::Ucs2 | CodeText::Utf16 => Some(cmap::utf16be(raw)),
            CodeText::Gb => {
                let (text, had_errors) = GB18030.decode_without_bom_handling(raw);
                (!had_errors).then(|| text.into_owned())
            }
            CodeText::Identity | CodeText::Embedded(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type0(encoding: &str) -> Font {
        let doc = Document::new();
        let mut dict = Dictionary::new();
        dict.set("Subtype", Object::Name(b"Type0".to_vec()));
        dict.set("Encoding", Object::Name(encoding.as_bytes().to_vec()));
        Font::load(&doc, &dict)
    }

    fn text(font: &Font, bytes: &[u8]) -> String {
        let mut out = String::new();
        font.decode(bytes, |c| out.push_str(c.text.as_deref().unwrap_or("?")));
        out
    }

    #[test]
    fn adobe_gb1_encodings_decode_without_tounicode() {
        assert_eq!(
            text(&type0("UniGB-UCS2-H"), &[0x5E, 0x74, 0x00, 0x35]),
            "年5"
        );
        let gbk = type0("GBK-EUC-H");
        let (bytes, _, _) = GB18030.encode("增长5%左右");
        assert_eq!(text(&gbk, &bytes), "增长5%左右");
        assert_eq!(
            text(&type0("UniGB-UTF16-V"), &[0xD8, 0x40, 0xDC, 0x00]),
            "\u{20000}"
        );
    }

    #[test]
    fn identity_without_map_has_no_text_but_advances() {
        let font = type0("Identity-H");
        let mut codes = 0;
        font.decode(&[0, 1, 0, 2], |c| {
            assert!(c.text.is_none());
            assert_eq!(c.advance, 1.0);
            codes += 1;
        });
        assert_eq!(codes, 2);
    }

    #[test]
    fn simple_font_differences_name_glyphs() {
        let doc = Document::new();
        let mut enc = Dictionary::new();
        enc.set(
            "Differences",
            Object::Array(vec![
                Object::Integer(65),
                Object::Name(b"uni5E74".to_vec()),
                Object::Name(b"percent".to_vec()),
            ]),
        );
        let mut dict = Dictionary::new();
        dict.set("Subtype", Object::Name(b"TrueType".to_vec()));
        dict.set("Encoding", Object::Dictionary(enc));
        let font = Font::load(&doc, &dict);
        assert_eq!(text(&font, b"5AB"), "5年%");
    }

    #[test]
    fn truncated_codes_never_panic() {
        for enc in ["Identity-H", "UniGB-UTF16-H", "GBK-EUC-H", "UniGB-UCS2-H"] {
            let font = type0(enc);
            for bytes in [&[0xD8][..], &[0xFE], &[0x81, 0x30], &[]] {
                font.decode(bytes, |_| {});
            }
        }
    }
}
