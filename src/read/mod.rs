//! Stage 1, **read**: bytes as users hold them → UTF-8 text with line breaks normalised.
//!
//! Chinese government files come as UTF-8 (with or without BOM), UTF-16 with BOM, or
//! GB18030/GBK. The encoding is detected without being told; a file that is none of these is
//! an error naming the byte offset where decoding failed, never a silently garbled text.

pub mod html;
pub mod pdf;
pub mod script;
pub mod text_file;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use serde::Serialize;
use thiserror::Error;

/// Default upper bound on input size; callers may raise it with [`ReadOptions::max_bytes`].
pub const DEFAULT_MAX_BYTES: usize = 256 * 1024 * 1024;
/// Default upper bound on one line's length in bytes (a page dump without line breaks).
pub const DEFAULT_MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceEncoding {
    Utf8,
    Utf16le,
    Utf16be,
    Gb18030,
}

impl SourceEncoding {
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" => Some(Self::Utf8),
            "utf16le" | "utf16" => Some(Self::Utf16le),
            "utf16be" => Some(Self::Utf16be),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Some(Self::Gb18030),
            _ => None,
        }
    }

    /// [`Self::parse`], or the message that names the encodings there are.
    pub fn named(name: &str) -> Result<Self, String> {
        Self::parse(name).ok_or_else(|| {
            format!("unknown encoding {name:?} (utf-8, utf-16le, utf-16be, gb18030)")
        })
    }

    fn encoding(self) -> &'static Encoding {
        match self {
            Self::Utf8 => UTF_8,
            Self::Utf16le => UTF_16LE,
            Self::Utf16be => UTF_16BE,
            Self::Gb18030 => GB18030,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force an encoding instead of detecting it.
    pub encoding: Option<SourceEncoding>,
    pub max_bytes: usize,
    pub max_line_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            encoding: None,
            max_bytes: DEFAULT_MAX_BYTES,
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
        }
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ReadError {
    #[error("empty input")]
    Empty,
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("line {line} is {bytes} bytes long, over the limit of {limit} bytes")]
    LineTooLong {
        line: usize,
        bytes: usize,
        limit: usize,
    },
    #[error("binary data (NUL byte) at byte offset {offset}: not a text, a PDF or a web page")]
    Binary { offset: usize },
    #[error("truncated {encoding} sequence at byte offset {offset} (the file ends mid-character)")]
    Truncated {
        encoding: &'static str,
        offset: usize,
    },
    #[error("invalid {encoding} byte sequence at byte offset {offset}")]
    Invalid {
        encoding: &'static str,
        offset: usize,
    },
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    #[error("web page with no article text (after navigation, links and footers are left out)")]
    EmptyPage,
}

/// What a file is, told by its content, never by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Pdf,
    Html,
}

/// An input read into text, whatever its format.
#[derive(Debug, Clone)]
pub struct Input {
    pub format: Format,
    /// The text; for PDF and HTML, one paragraph a line.
    pub text: String,
    /// How the text was decoded: `utf8`, `gb18030`, … for text; `pdf`; `html/gbk`, ….
    pub encoding: String,
    /// For PDF: the page and position of each line of `text`.
    pub origins: Vec<pdf::Origin>,
    /// For PDF: per line of `text`, the characters of a bold lead running into plain text.
    pub bold_leads: Vec<Option<usize>>,
    /// What the page says of itself (web pages): title, publication date, address.
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
}

impl Input {
    pub fn layout(&self) -> crate::restore::Layout {
        match self.format {
            Format::Text => crate::restore::Layout::Printed,
            Format::Pdf | Format::Html => crate::restore::Layout::ParagraphLines,
        }
    }
}

/// Reads any supported input as [`load`] does, taking the bytes: a text in UTF-8 becomes the
/// input's text without a copy.
pub fn load_owned(bytes: Vec<u8>, opts: &ReadOptions) -> Result<Input, ReadError> {
    if bytes.len() > opts.max_bytes || pdf::is_pdf(&bytes) || html::is_html(&bytes) {
        return load(&bytes, opts);
    }
    Ok(text_input(decode_owned(bytes, opts)?))
}

/// Reads any supported input: a PDF, a web page or a text, told apart by content.
pub fn load(bytes: &[u8], opts: &ReadOptions) -> Result<Input, ReadError> {
    if bytes.len() > opts.max_bytes {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    if pdf::is_pdf(bytes) {
        let page = pdf::read(bytes)?;
        return Ok(Input {
            format: Format::Pdf,
            text: page.text,
            encoding: "pdf".into(),
            origins: page.origins,
            bold_leads: page.bold_leads,
            title: None,
            date: None,
            url: None,
        });
    }
    if opts.encoding.is_none() && html::is_html(bytes) {
        let page = html::read(bytes);
        if page.text.trim().is_empty() {
            return Err(ReadError::EmptyPage);
        }
        return Ok(Input {
            format: Format::Html,
            text: page.text,
            encoding: format!("html/{}", page.charset),
            origins: Vec::new(),
            bold_leads: Vec::new(),
            title: page.title,
            date: page.date,
            url: page.url,
        });
    }
    Ok(text_input(decode(bytes, opts)?))
}

/// The input of a decoded text.
pub fn text_input(text: Text) -> Input {
    Input {
        format: Format::Text,
        text: text.text,
        encoding: format!("{:?}", text.encoding).to_lowercase(),
        origins: Vec::new(),
        bold_leads: Vec::new(),
        title: None,
        date: None,
        url: None,
    }
}

/// Decoded input: the text with `\n` line ends (CRLF, CR and form feeds normalised) and the
/// encoding it was read from.
#[derive(Debug, Clone)]
pub struct Text {
    pub text: String,
    pub encoding: SourceEncoding,
}

/// Decodes `bytes`, detecting the encoding unless `opts.encoding` names one.
pub fn decode(bytes: &[u8], opts: &ReadOptions) -> Result<Text, ReadError> {
    let (encoding, bom_len) = encoding_of(bytes, opts)?;
    decode_strict(&bytes[bom_len..], encoding, bom_len).and_then(|t| checked(t, encoding, opts))
}

/// Decodes `bytes` as [`decode`] does; UTF-8, the common case, becomes the text in place
/// rather than a copy.
pub fn decode_owned(mut bytes: Vec<u8>, opts: &ReadOptions) -> Result<Text, ReadError> {
    let (encoding, bom_len) = encoding_of(&bytes, opts)?;
    if encoding != SourceEncoding::Utf8 {
        return decode_strict(&bytes[bom_len..], encoding, bom_len)
            .and_then(|t| checked(t, encoding, opts));
    }
    bytes.drain(..bom_len);
    match String::from_utf8(bytes) {
        Ok(text) => checked(text, encoding, opts),
        // The copying decoder tells where and how the bytes are wrong.
        Err(e) => decode_strict(&e.into_bytes(), encoding, bom_len)
            .and_then(|t| checked(t, encoding, opts)),
    }
}

/// The encoding `bytes` are read in, named by `opts` or detected, and the length of the
/// byte-order mark before the text; an error for input over the size limit.
fn encoding_of(bytes: &[u8], opts: &ReadOptions) -> Result<(SourceEncoding, usize), ReadError> {
    if bytes.len() > opts.max_bytes {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    let (encoding, body) = match opts.encoding {
        Some(e) => (e, strip_bom(bytes, e)),
        None => detect(bytes)?,
    };
    Ok((encoding, bytes.len() - body.len()))
}

/// Checks and normalises decoded text: no NUL, something to read, no line past the limit.
fn checked(text: String, encoding: SourceEncoding, opts: &ReadOptions) -> Result<Text, ReadError> {
    if let Some(pos) = text.find('\0') {
        return Err(ReadError::Binary { offset: pos });
    }
    let text = normalise_breaks(text);
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some((i, line)) = text
        .split('\n')
        .enumerate()
        .find(|(_, l)| l.len() > opts.max_line_bytes)
    {
        return Err(ReadError::LineTooLong {
            line: i + 1,
            bytes: line.len(),
            limit: opts.max_line_bytes,
        });
    }
    Ok(Text { text, encoding })
}

fn strip_bom(bytes: &[u8], e: SourceEncoding) -> &[u8] {
    let bom: &[u8] = match e {
        SourceEncoding::Utf8 => b"\xEF\xBB\xBF",
        SourceEncoding::Utf16le => b"\xFF\xFE",
        SourceEncoding::Utf16be => b"\xFE\xFF",
        SourceEncoding::Gb18030 => b"",
    };
    bytes.strip_prefix(bom).unwrap_or(bytes)
}

fn detect(bytes: &[u8]) -> Result<(SourceEncoding, &[u8]), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok((SourceEncoding::Utf8, rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok((SourceEncoding::Utf16le, rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok((SourceEncoding::Utf16be, rest));
    }
    // Neither UTF-8 nor GB18030 text contains NUL; without a BOM it means binary data.
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(ReadError::Binary { offset });
    }
    // A vectorised check: every input is tested whole here before it is decoded.
    match simdutf8::compat::from_utf8(bytes) {
        Ok(_) => Ok((SourceEncoding::Utf8, bytes)),
        Err(e) => {
            let offset = e.valid_up_to();
            // A file that is valid UTF-8 with multi-byte characters before the fault is
            // damaged UTF-8: reading it as GB18030 would give a silently garbled text.
            let has_utf8_multibyte = bytes[..offset].iter().any(|&b| b >= 0x80);
            if e.error_len().is_none() && has_utf8_multibyte {
                return Err(ReadError::Truncated {
                    encoding: "UTF-8",
                    offset,
                });
            }
            if has_utf8_multibyte {
                return Err(ReadError::Invalid {
                    encoding: "UTF-8",
                    offset,
                });
            }
            Ok((SourceEncoding::Gb18030, bytes))
        }
    }
}

fn decode_strict(body: &[u8], e: SourceEncoding, bom_len: usize) -> Result<String, ReadError> {
    let name = match e {
        SourceEncoding::Utf8 => "UTF-8",
        SourceEncoding::Utf16le => "UTF-16LE",
        SourceEncoding::Utf16be => "UTF-16BE",
        SourceEncoding::Gb18030 => "GB18030",
    };
    let mut decoder = e.encoding().new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, _) => {
            let offset = bom_len + read - bad as usize;
            // A fault in the last few bytes with nothing after it is a cut-off character.
            if read == body.len() && body.len() - (read - bad as usize) <= 4 {
                Err(ReadError::Truncated {
                    encoding: name,
                    offset,
                })
            } else {
                Err(ReadError::Invalid {
                    encoding: name,
                    offset,
                })
            }
        }
        // The buffer was sized for the worst case, so the decoder cannot run out of room.
        encoding_rs::DecoderResult::OutputFull => Err(ReadError::Invalid {
            encoding: name,
            offset: bom_len + read,
        }),
    }
}

/// Whether `text` holds a line end or page break that [`normalise_breaks`] changes.
fn needs_normalising(text: &str) -> bool {
    // Both are ASCII: a vectorised byte search, many times faster than a char pattern.
    memchr::memchr2(b'\r', 0x0C, text.as_bytes()).is_some()
}

/// CRLF and lone CR become `\n`; a form feed (page break) becomes a blank line, which the
/// restorer treats like any other column or page gap.
fn normalise_breaks(text: String) -> String {
    if !needs_normalising(&text) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{c}' => out.push_str("\n\n"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taking_the_bytes_reads_as_borrowing_them() {
        let gb = encoding_rs::GB18030
            .encode("山西省增长5%左右\n")
            .0
            .into_owned();
        let cases: Vec<(Vec<u8>, Option<SourceEncoding>)> = vec![
            ("山西省\r\n增长5%\u{c}".as_bytes().to_vec(), None),
            (b"\xEF\xBB\xBF\xE5\xB1\xB1\n".to_vec(), None),
            (
                b"\xEF\xBB\xBF\xE5\xB1\xB1\n".to_vec(),
                Some(SourceEncoding::Utf8),
            ),
            (b"\xE5\xB1\xB1\xE8".to_vec(), None),
            (b"\xE5\xB1\xB1\xFF\xFFabc".to_vec(), None),
            (
                b"\xE5\xB1\xB1\xFF\xFFabc".to_vec(),
                Some(SourceEncoding::Utf8),
            ),
            (gb.clone(), None),
            (gb, Some(SourceEncoding::Gb18030)),
            (b"a\0b".to_vec(), None),
            (b" \n ".to_vec(), None),
            (Vec::new(), None),
        ];
        for (bytes, encoding) in cases {
            let opts = ReadOptions {
                encoding,
                ..ReadOptions::default()
            };
            let borrowed = decode(&bytes, &opts).map(|t| (t.text, t.encoding));
            let owned = decode_owned(bytes.clone(), &opts).map(|t| (t.text, t.encoding));
            assert_eq!(owned, borrowed, "{bytes:?}");
        }
    }

    fn read(bytes: &[u8]) -> Result<Text, ReadError> {
        decode(bytes, &ReadOptions::default())
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(read("各位代表：".as_bytes()).unwrap().text, "各位代表：");
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend_from_slice("各位代表：".as_bytes());
        let t = read(&b).unwrap();
        assert_eq!(t.text, "各位代表：");
        assert_eq!(t.encoding, SourceEncoding::Utf8);
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode("现在，我代表省人民政府向大会报告工作。");
        let t = read(&bytes).unwrap();
        assert_eq!(t.encoding, SourceEncoding::Gb18030);
        assert_eq!(t.text, "现在，我代表省人民政府向大会报告工作。");
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let s = "增长5%左右\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(read(&le).unwrap().text, s);
        assert_eq!(read(&be).unwrap().text, s);
    }

    #[test]
    fn crlf_cr_and_form_feed_become_newlines() {
        assert_eq!(read(b"a\r\nb\rc\x0cd").unwrap().text, "a\nb\nc\n\nd");
    }

    #[test]
    fn empty_and_blank_input_is_an_error() {
        assert_eq!(read(b"").unwrap_err(), ReadError::Empty);
        assert_eq!(read(b" \n\n ").unwrap_err(), ReadError::Empty);
    }

    #[test]
    fn binary_input_names_the_offset() {
        let err = read(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert_eq!(err, ReadError::Binary { offset: 8 });
    }

    #[test]
    fn truncated_utf8_names_the_offset() {
        let s = "山西省".as_bytes();
        let cut = &s[..s.len() - 1];
        assert_eq!(
            read(cut).unwrap_err(),
            ReadError::Truncated {
                encoding: "UTF-8",
                offset: 6
            }
        );
    }

    #[test]
    fn invalid_utf8_in_the_middle_is_not_read_as_gb18030() {
        let mut b = "山西".as_bytes().to_vec();
        b.push(0xFF);
        b.extend_from_slice("省".as_bytes());
        assert!(matches!(
            read(&b).unwrap_err(),
            ReadError::Invalid { offset: 6, .. }
        ));
    }

    #[test]
    fn forced_encoding_overrides_detection() {
        let opts = ReadOptions {
            encoding: Some(SourceEncoding::Gb18030),
            ..Default::default()
        };
        // Plain ASCII is valid in both; forcing changes the recorded encoding only.
        assert_eq!(
            decode(b"abc", &opts).unwrap().encoding,
            SourceEncoding::Gb18030
        );
    }

    #[test]
    fn line_length_limit_names_the_line() {
        let opts = ReadOptions {
            max_line_bytes: 6,
            ..Default::default()
        };
        assert_eq!(
            decode("ab\n山西省\n".as_bytes(), &opts).unwrap_err(),
            ReadError::LineTooLong {
                line: 2,
                bytes: 9,
                limit: 6
            }
        );
    }

    #[test]
    fn size_limit_is_enforced() {
        let opts = ReadOptions {
            max_bytes: 4,
            ..Default::default()
        };
        assert!(matches!(
            decode(b"12345", &opts),
            Err(ReadError::TooLarge { size: 5, limit: 4 })
        ));
    }
}
