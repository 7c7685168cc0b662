//! The `lianghui` binary on good and bad input: clear errors naming the file and offset, a
//! non-zero exit status, never a panic.

mod common;

use common::{lianghui, stderr};

use std::process::Output;

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
    let lines = common::jsonl(&jsonl);
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
fn a_table_of_many_facts_shows_the_first_and_says_how_many_more() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.txt");
    let text: String = (0..5_010).map(|i| format!("全省新增企业{i}家。")).collect();
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let table = lianghui(&["facts", path, "--format", "table"]);
    assert!(table.status.success(), "{}", stderr(&table));
    assert_eq!(
        String::from_utf8_lossy(&table.stdout).lines().count(),
        5_001
    );
    assert!(
        stderr(&table).contains("10 more facts"),
        "{}",
        stderr(&table)
    );
    let csv = lianghui(&["facts", path, "--format", "csv"]);
    assert_eq!(String::from_utf8_lossy(&csv.stdout).lines().count(), 5_011);
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

fn fixture(rel: &str) -> String {
    common::root()
        .join("tests/fixtures")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_pdf_page_gives_facts_with_their_page() {
    let o = lianghui(&[
        "facts",
        &fixture("pdf/report-3col.pdf"),
        "--format",
        "jsonl",
    ]);
    let facts = common::jsonl(&o);
    let gdp_target = facts
        .iter()
        .find(|f| f["text"] == "5.5%左右")
        .expect("the GDP target");
    assert_eq!(gdp_target["kind"], "target");
    assert_eq!(gdp_target["region"], "湖北");
    assert_eq!(gdp_target["year"], 2026);
    assert_eq!(gdp_target["page"], 1);
    assert!(gdp_target["page_xy"][1].as_f64().unwrap() > 100.0);
    // The running head and the page number are no facts.
    assert!(facts.iter().all(|f| f["text"] != "3"));
}

#[test]
fn the_same_report_as_pdf_and_as_text_states_the_same_facts() {
    let key = |path: &str| -> Vec<(String, String, String)> {
        let o = lianghui(&["facts", path, "--format", "jsonl"]);
        assert!(o.status.success(), "{path}: {}", stderr(&o));
        let mut rows: Vec<_> = common::jsonl(&o)
            .into_iter()
            .map(|f| {
                (
                    f["text"].to_string(),
                    f["kind"].to_string(),
                    f["year"].to_string(),
                )
            })
            .collect();
        rows.sort();
        rows
    };
    let text = key(&fixture("pdf/report.txt"));
    assert!(text.len() >= 30);
    for columns in ["2col", "3col", "4col"] {
        assert_eq!(
            key(&fixture(&format!("pdf/report-{columns}.pdf"))),
            text,
            "{columns}"
        );
    }
    assert_eq!(key(&fixture("html/portal-gb2312.html")), text, "web page");
}

#[test]
fn a_web_page_gives_its_title_date_and_address() {
    let o = lianghui(&["parse", &fixture("html/split-utf8.html")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        doc["url"],
        "https://www.example.gov.cn/zwgk/2026/0122/report.html"
    );
    let text = doc.to_string();
    for furniture in ["首页", "相关阅读", "ICP", "7.2%", "2019"] {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
    let article = &doc["articles"][0];
    assert_eq!(article["year"], 2026);
    assert_eq!(article["date"], "2026-01-22");
}

#[test]
fn bad_pdfs_and_pages_are_clear_errors() {
    for (name, needle) in [
        ("pdf/encrypted.pdf", "needs a password"),
        ("pdf/image-only.pdf", "OCR"),
        ("pdf/truncated.pdf", "cut short"),
        ("html/binary.html", "not a text, a PDF or a web page"),
    ] {
        let o = lianghui(&["facts", &fixture(name)]);
        assert_clean_failure(&o, name.rsplit('/').next().unwrap(), needle);
    }
}

#[test]
fn ingest_takes_a_mixed_folder_and_fails_each_bad_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("downloads");
    std::fs::create_dir(&inputs).unwrap();
    for name in [
        "pdf/report-2col.pdf",
        "pdf/encrypted.pdf",
        "pdf/image-only.pdf",
        "html/split-utf8.html",
        "html/binary.html",
    ] {
        let from = fixture(name);
        std::fs::copy(&from, inputs.join(name.rsplit('/').next().unwrap())).unwrap();
    }
    std::fs::copy(
        common::root().join(common::SAMPLE),
        inputs.join("sample.txt"),
    )
    .unwrap();
    let db = dir.path().join("corpus.db");
    let o = lianghui(&[
        "ingest",
        inputs.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for bad in ["encrypted.pdf", "image-only.pdf", "binary.html"] {
        assert!(err.contains(bad), "{bad} not named: {err}");
    }
    let docs = lianghui(&[
        "documents",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    let stored = common::jsonl(&docs);
    let mut encodings: Vec<&str> = stored
        .iter()
        .map(|d| d["encoding"].as_str().unwrap())
        .collect();
    encodings.sort();
    assert_eq!(encodings, ["html/utf-8", "pdf", "utf8"]);
    let page = stored
        .iter()
        .find(|d| d["encoding"] == "html/utf-8")
        .unwrap();
    assert_eq!(
        page["url"],
        "https://www.example.gov.cn/zwgk/2026/0122/report.html"
    );
    let facts = lianghui(&["query", "--db", db.to_str().unwrap(), "--format", "jsonl"]);
    let from_pdf = String::from_utf8(facts.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"page\":1"))
        .count();
    assert!(
        from_pdf >= 30,
        "facts of the PDF keep their page: {from_pdf}"
    );
}
