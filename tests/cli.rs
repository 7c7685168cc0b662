//! The `lianghui` binary on good and bad input: clear errors naming the file and offset, a
//! non-zero exit status, never a panic.

mod common;

use std::process::{Command, Output};

fn lianghui(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianghui"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_clean_failure(o: &Output, file: &str, needle: &str) {
    let err = stderr(o);
    assert!(!o.status.success(), "should fail: {err}");
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(file), "error should name the file: {err}");
    assert!(err.contains(needle), "error should say {needle:?}: {err}");
}

#[test]
fn parse_prints_the_document_of_the_sample() {
    let sample = common::root().join(common::SAMPLE);
    let o = lianghui(&["parse", sample.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["articles"].as_array().unwrap().len(), 3);
    assert_eq!(doc["articles"][1]["title"], "政府工作报告");
}

#[test]
fn parse_text_format_marks_headings() {
    let sample = common::root().join(common::SAMPLE);
    let o = lianghui(&["parse", sample.to_str().unwrap(), "--format", "text"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("\n# 一、2024年工作回顾\n"), "{text}");
    assert!(text.contains("\n## （一）着力推动经济持续稳定恢复\n"));
}

#[test]
fn facts_formats() {
    let sample = common::root().join(common::SAMPLE);
    let path = sample.to_str().unwrap();
    let jsonl = lianghui(&["facts", path, "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = String::from_utf8(jsonl.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 74);
    assert!(lines
        .iter()
        .all(|f| f["sentence"].is_string() && f["line"].as_u64().unwrap() > 0));
    let csv = String::from_utf8(lianghui(&["facts", path, "--format", "csv"]).stdout).unwrap();
    assert!(csv.starts_with("article,block,line,text,value,"));
    assert_eq!(csv.lines().count(), lines.len() + 1);
    let table = String::from_utf8(lianghui(&["facts", path, "--format", "table"]).stdout).unwrap();
    assert!(table
        .lines()
        .next()
        .unwrap()
        .starts_with("article  line  text"));
    // Piped without --format: JSON Lines.
    let piped = String::from_utf8(lianghui(&["facts", path]).stdout).unwrap();
    assert!(piped.starts_with('{'));
}

#[test]
fn empty_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("empty.txt");
    std::fs::write(&f, b"").unwrap();
    let o = lianghui(&["parse", f.to_str().unwrap()]);
    assert_clean_failure(&o, "empty.txt", "empty input");
}

#[test]
fn binary_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("image.png");
    std::fs::write(&f, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01").unwrap();
    let o = lianghui(&["facts", f.to_str().unwrap()]);
    assert_clean_failure(&o, "image.png", "byte offset 8");
}

#[test]
fn truncated_multibyte_sequence_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("cut.txt");
    let mut bytes = "全省生产总值增长5%左右".as_bytes().to_vec();
    bytes.pop();
    std::fs::write(&f, &bytes).unwrap();
    let o = lianghui(&["parse", f.to_str().unwrap()]);
    assert_clean_failure(&o, "cut.txt", "truncated UTF-8 sequence at byte offset 29");
}

#[test]
fn missing_file_and_unknown_encoding_are_clear_errors() {
    let o = lianghui(&["parse", "/nonexistent/report.txt"]);
    assert_clean_failure(&o, "/nonexistent/report.txt", "cannot read");
    let sample = common::root().join(common::SAMPLE);
    let o = lianghui(&["parse", sample.to_str().unwrap(), "--encoding", "latin-9"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("unknown encoding"));
}

#[test]
fn oversized_input_is_refused_with_the_limit() {
    let sample = common::root().join(common::SAMPLE);
    let o = lianghui(&["parse", sample.to_str().unwrap(), "--max-bytes", "1000"]);
    assert_clean_failure(&o, "shanxi", "over the limit of 1000 bytes");
}

#[test]
fn fifty_megabytes_on_one_line_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("one-line.txt");
    // Prose without a single stop, a number every kilobyte or so.
    let prose = "各地坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，".repeat(12);
    let unit = format!("{prose}全省生产总值增长5%左右，");
    let n = 50 * 1024 * 1024 / unit.len();
    std::fs::write(&f, unit.repeat(n).as_bytes()).unwrap();
    let o = lianghui(&["facts", f.to_str().unwrap(), "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = o.stdout.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(rows, n);
}

#[test]
fn an_overlong_line_is_refused_with_its_number() {
    let sample = common::root().join(common::SAMPLE);
    let o = lianghui(&["parse", sample.to_str().unwrap(), "--max-line-bytes", "100"]);
    assert_clean_failure(
        &o,
        "shanxi",
        "line 75 is 123 bytes long, over the limit of 100 bytes",
    );
}

#[test]
fn ingest_of_nothing_leaves_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let o = lianghui(&[
        "ingest",
        "/nonexistent/folder",
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/folder: no such file or folder"));
    assert!(!db.exists());
}
