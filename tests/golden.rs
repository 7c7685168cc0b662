//! Golden tests: the bundled sample scored against its hand-made gold with the project's scorer.

mod common;

use common::*;
use lianghui::{ReadOptions, SourceEncoding};

fn parse(bytes: &[u8]) -> lianghui::Document {
    lianghui::parse(SAMPLE, bytes, &ReadOptions::default()).expect("the sample parses")
}

fn write_prediction(
    dir: &std::path::Path,
    doc: &lianghui::Document,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let doc_path = dir.join("doc.json");
    let facts_path = dir.join("facts.jsonl");
    std::fs::write(&doc_path, serde_json::to_vec(doc).unwrap()).unwrap();
    let facts = lianghui::extract::facts(doc);
    let mut lines = String::new();
    for f in &facts {
        lines.push_str(&serde_json::to_string(f).unwrap());
        lines.push('\n');
    }
    std::fs::write(&facts_path, lines).unwrap();
    (doc_path, facts_path)
}

#[test]
fn sample_text_and_structure_meet_the_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let doc = parse(&sample_bytes());
    let (d, f) = write_prediction(dir.path(), &doc);
    let s = score(&d, &f);
    assert!(figure(&s, "text_error_chars") <= 10.0, "{s}");
    assert!(figure(&s, "paragraphs_exact") >= 0.95, "{s}");
    assert!(figure(&s, "headings_f1") >= 0.95, "{s}");
    assert!(figure(&s, "heading_level_accuracy") >= 0.9, "{s}");
    assert_eq!(figure(&s, "articles_pred"), 3.0, "{s}");
    assert!(figure(&s, "article_metadata_accuracy") >= 0.9, "{s}");
}

#[test]
fn sample_facts_meet_the_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let doc = parse(&sample_bytes());
    let (d, f) = write_prediction(dir.path(), &doc);
    let s = score(&d, &f);
    assert!(figure(&s, "facts_f1") >= 0.95, "{s}");
    assert!(figure(&s, "facts_strict_f1") >= 0.85, "{s}");
    assert!(figure(&s, "attr_indicator_accuracy") >= 0.8, "{s}");
    assert!(figure(&s, "attr_code_accuracy") >= 1.0, "{s}");
}

fn encode_utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn same_document_from_gb18030_utf16_and_crlf() {
    let bytes = sample_bytes();
    let text = String::from_utf8(bytes.clone()).unwrap();
    let want = serde_json::to_string(&parse(&bytes)).unwrap();

    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("gb18030", gb.into_owned()),
        ("utf-16le", encode_utf16(&text, true)),
        ("utf-16be", encode_utf16(&text, false)),
        ("crlf", text.replace('\n', "\r\n").into_bytes()),
        (
            "bom",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        ),
    ];
    for (name, v) in variants {
        assert_eq!(serde_json::to_string(&parse(&v)).unwrap(), want, "{name}");
    }
    let forced = ReadOptions {
        encoding: Some(SourceEncoding::Gb18030),
        ..Default::default()
    };
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let doc = lianghui::parse(SAMPLE, &gb, &forced).unwrap();
    assert_eq!(serde_json::to_string(&doc).unwrap(), want);
}

#[test]
fn output_is_deterministic() {
    let bytes = sample_bytes();
    let a = serde_json::to_string(&parse(&bytes)).unwrap();
    let b = serde_json::to_string(&parse(&bytes)).unwrap();
    assert_eq!(a, b);
}
