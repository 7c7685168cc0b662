//! CMaps: the tables a PDF font uses to cut a string into codes and map codes to Unicode
//! (`/ToUnicode`) or to glyph ids (an embedded `/Encoding` stream).
//!
//! Only the parts text extraction needs are read: `codespacerange` (how many bytes a code
//! has), `bfchar`/`bfrange` (code → Unicode) and `cidchar`/`cidrange` (code → CID, for
//! widths). Anything else in the program is skipped, and a malformed entry is dropped
//! rather than failing the whole font.

use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
pub struct CMap {
    /// `(bytes, low, high)` code ranges.
    codespace: Vec<(u8, u32, u32)>,
    unicode: HashMap<u32, String>,
    cid: HashMap<u32, u32>,
    cid_ranges: Vec<(u32, u32, u32)>,
}

#[derive(Debug, PartialEq)]
enum Token<'a> {
    Hex(Vec<u8>),
    Int(i64),
    Word(&'a [u8]),
    Open,
    Close,
}

fn tokens(data: &[u8]) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let start = i + 1;
                let end = data[start..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| start + p);
                let digits: Vec<u8> = data[start..end]
                    .iter()
                    .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
                    .collect();
                out.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'(' => {
                // Literal strings carry nothing extraction needs; skip with nesting.
                let mut depth = 0usize;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len()
                    && !data[i].is_ascii_whitespace()
                    && !b"<>[]()%/".contains(&data[i])
                {
                    i += 1;
                }
                if i == start {
                    // A name's slash, or a delimiter out of place.
                    i += 1;
                    continue;
                }
                let word = &data[start..i];
                match std::str::from_utf8(word).ok().and_then(|s| s.parse().ok()) {
                    Some(n) => out.push(Token::Int(n)),
                    None => out.push(Token::Word(word)),
                }
            }
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

/// UTF-16BE as ToUnicode writes it; unpaired surrogates become U+FFFD.
pub fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect();
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

/// The string `base` advanced by `offset` in its last UTF-16 unit, as bfrange means it.
fn advance(base: &[u8], offset: u32) -> String {
    let mut bytes = base.to_vec();
    if bytes.len() >= 2 {
        let n = bytes.len();
        let last = ((u32::from(bytes[n - 2]) << 8) | u32::from(bytes[n - 1])) + offset;
        bytes[n - 2] = (last >> 8) as u8;
        bytes[n - 1] = last as u8;
    } else if let Some(b) = bytes.last_mut() {
        *b = b.wrapping_add(offset as u8);
    }
    utf16be(&bytes)
}

/// A range larger than this is not a font's: it is ignored rather than expanded.
const MAX_RANGE: u32 = 0x1_0000;

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokens(data);
        let mut map = CMap::default();
        let mut i = 0;
        while i < toks.len() {
            let Token::Word(w) = toks[i] else {
                i += 1;
                continue;
            };
            i += 1;
            match w {
                b"begincodespacerange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        if !lo.is_empty() && lo.len() <= 4 {
                            map.codespace
                                .push((lo.len() as u8, code_of(lo), code_of(hi)));
                        }
                        i += 2;
                    }
                }
                b"beginbfchar" => {
                    while let (Some(Token::Hex(src)), Some(Token::Hex(dst))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        map.unicode.insert(code_of(src), utf16be(dst));
                        i += 2;
                    }
                }
                b"beginbfrange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        let (lo, hi) = (code_of(lo), code_of(hi));
                        i += 2;
                        let span = hi.saturating_sub(lo);
                        match toks.get(i) {
                            Some(Token::Hex(dst)) => {
                                if hi >= lo && span < MAX_RANGE {
                                    for k in 0..=span {
                                        map.unicode.insert(lo + k, advance(dst, k));
                                    }
                                }
                                i += 1;
                            }
                            Some(Token::Open) => {
                                i += 1;
                                let mut k = 0;
                                while let Some(Token::Hex(dst)) = toks.get(i) {
                                    if k <= span {
                                        map.unicode.insert(lo + k, utf16be(dst));
                                    }
                                    k += 1;
                                    i += 1;
                                }
                                if toks.get(i) == Some(&Token::Close) {
                                    i += 1;
                                }
                            }
                            _ => break,
                        }
                    }
                }
                b"begincidchar" => {
                    while let (Some(Token::Hex(src)), Some(&Token::Int(cid))) =
                        (toks.get(i), toks.get(i + 1))
                    {
                        map.cid.insert(code_of(src), cid.max(0) as u32);
                        i += 2;
                    }
                }
                b"begincidrange" => {
                    while let (Some(Token::Hex(lo)), Some(Token::Hex(hi)), Some(&Token::Int(cid))) =
                        (toks.get(i), toks.get(i + 1), toks.get(i + 2))
                    {
                        map.cid_ranges
                            .push((code_of(lo), code_of(hi), cid.max(0) as u32));
                        i += 3;
                    }
                }
                _ => {}
            }
        }
        map.codespace.sort_by_key(|&(n, _, _)| n);
        map
    }

    pub fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    /// The length in bytes of the code that starts `bytes`, by the codespace ranges; `None`
    /// when no range claims it.
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        self.codespace.iter().find_map(|&(n, lo, hi)| {
            let n = usize::from(n);
            let code = code_of(bytes.get(..n)?);
            (lo..=hi).contains(&code).then_some(n)
        })
    }

    pub fn unicode(&self, code: u32) -> Option<&str> {
        self.unicode.get(&code).map(String::as_str)
    }

    pub fn cid(&self, code: u32) -> Option<u32> {
        self.cid.get(&code).copied().or_else(|| {
            self.cid_ranges
                .iter()
                .find(|&&(lo, hi, _)| (lo..=hi).contains(&code))
                .map(|&(lo, _, base)| base + (code - lo))
        })
    }

    pub fn is_empty(&self) -> bool {
        self.unicode.is_empty() && self.cid.is_empty() && self.cid_ranges.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <5E74> endbfchar
2 beginbfrange <0020> <0022> <4E00> <0030> <0031> [<0041> <D840DC00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn bfchar_bfrange_and_arrays_map_codes() {
        let m = CMap::parse(TO_UNICODE);
        assert_eq!(m.unicode(0x10), Some("年"));
        assert_eq!(m.unicode(0x20), Some("一"));
        assert_eq!(m.unicode(0x22), Some("丂"));
        assert_eq!(m.unicode(0x30), Some("A"));
        assert_eq!(m.unicode(0x31), Some("\u{20000}"));
        assert_eq!(m.unicode(0x23), None);
        assert_eq!(m.code_len(&[0, 0x10]), Some(2));
    }

    #[test]
    fn mixed_codespace_cuts_one_and_two_byte_codes() {
        let m = CMap::parse(
            b"2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange
1 begincidrange <8140> <817E> 633 endcidrange 1 begincidchar <41> 34 endcidchar",
        );
        assert_eq!(m.code_len(b"A"), Some(1));
        assert_eq!(m.code_len(&[0x81, 0x41]), Some(2));
        assert_eq!(m.code_len(&[0xFF]), None);
        assert_eq!(m.cid(0x8142), Some(635));
        assert_eq!(m.cid(0x41), Some(34));
    }

    #[test]
    fn garbage_never_panics() {
        for data in [
            &b"beginbfrange <00> <FF> [ endbfrange"[..],
            b"begincodespacerange <> <> endcodespacerange",
            b"beginbfrange <0000> <FFFFFFFF> <0041> endbfrange",
            b"((((\\",
            b"<<<<>>>>[[[",
        ] {
            let _ = CMap::parse(data);
        }
    }
}
