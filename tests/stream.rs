//! A plain UTF-8 text file read as a stream gives the document that reading it whole gives,
//! and every other file is left to the whole-file reader.

mod common;

use lianghui::read::{self, ReadOptions};
use std::path::Path;

fn whole(path: &Path, opts: &ReadOptions) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let input = read::load_owned(bytes, opts).map_err(|e| e.to_string())?;
    let doc = lianghui::parse_owned("t", input);
    Ok(document_and_facts(&doc))
}

fn streamed(path: &Path, opts: &ReadOptions) -> Option<String> {
    lianghui::parse_text_file("t", path, opts)
        .expect("the file reads")
        .map(|doc| document_and_facts(&doc))
}

fn document_and_facts(doc: &lianghui::Document) -> String {
    let facts = lianghui::extract::facts(doc);
    format!(
        "{}\n{}",
        serde_json::to_string(doc).unwrap_or_default(),
        serde_json::to_string(&facts).unwrap_or_default()
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    path
}

#[test]
fn a_streamed_text_reads_as_the_whole_text() {
    let dir = tempfile::tempdir().unwrap();
    let sample = String::from_utf8(common::sample_bytes()).unwrap();
    // Line ends of every kind, a form feed, indents, a text without a last line end, and
    // more than one read's worth of text (lines cross the reads' boundaries).
    let variants = [
        sample.clone(),
        sample.replace('\n', "\r\n"),
        sample.replace('\n', "\r"),
        sample.replacen("\n\n", "\n\u{c}\n", 3),
        sample.replace("\n各位代表", "\n  各位代表"),
        sample.trim_end().to_owned(),
        sample.repeat(70),
    ];
    for (i, text) in variants.iter().enumerate() {
        let path = write(dir.path(), &format!("v{i}.txt"), text.as_bytes());
        let opts = ReadOptions::default();
        let streamed = streamed(&path, &opts).unwrap_or_else(|| panic!("variant {i} streams"));
        assert!(streamed == whole(&path, &opts).unwrap(), "variant {i}");
    }
}

#[test]
fn files_the_stream_does_not_read_are_left_to_the_whole_reader() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ReadOptions::default();
    let cases: [(&str, Vec<u8>); 8] = [
        (
            "bom.txt",
            b"\xEF\xBB\xBF\xE5\xB1\xB1\xE8\xA5\xBF\n".to_vec(),
        ),
        (
            "gbk.txt",
            encoding_rs::GB18030.encode("山西省增长5%\n").0.into_owned(),
        ),
        ("page.html", b"<html><body><p>5%</p></body></html>".to_vec()),
        ("trad.txt", "經濟增長5%左右\n".as_bytes().to_vec()),
        (
            "table.txt",
            "| 甲 | 乙 |\n| 丙 | 丁 |\n".as_bytes().to_vec(),
        ),
        ("nul.txt", b"a\0b\n".to_vec()),
        ("blank.txt", b" \n\n".to_vec()),
        ("cut.txt", b"\xE5\xB1\xB1\xE8".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = write(dir.path(), name, &bytes);
        assert!(streamed(&path, &opts).is_none(), "{name}");
    }
    let long = write(dir.path(), "long.txt", "增长5%。".repeat(100).as_bytes());
    let narrow = ReadOptions {
        max_line_bytes: 64,
        ..ReadOptions::default()
    };
    assert!(streamed(&long, &narrow).is_none());
    assert!(whole(&long, &narrow).is_err());
}
