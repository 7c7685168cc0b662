//! The analyst's views over a corpus: a region's report card, sources that disagree, and the
//! tables as Excel workbooks, read back with a spreadsheet reader.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{lianghui, stderr};
use serde_json::Value;
use std::io::Cursor;

/// A corpus of the bundled sample (a round-up of 2025 targets) and two documents that
/// disagree on one cell: a province's report sets its 2026 growth target at 5%左右, a press
/// round-up reports it as 5.5%左右.
fn corpus(dir: &std::path::Path) -> String {
    let db = dir.join("c.db").to_string_lossy().into_owned();
    let root = common::root();
    for input in [
        root.join(common::SAMPLE),
        root.join("tests/fixtures/analyst"),
    ] {
        let o = lianghui(&["ingest", input.to_str().unwrap(), "--db", &db, "--quiet"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    db
}

/// The JSON Lines a successful command printed.
fn jsonl(args: &[&str]) -> Vec<Value> {
    common::jsonl(&common::lianghui(args))
}

#[test]
fn conflicts_lists_exactly_the_cell_two_documents_disagree_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = corpus(dir.path());
    let rows = jsonl(&["conflicts", "--db", &db, "--format", "jsonl"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let c = &rows[0];
    assert_eq!(c["region"], "河南");
    assert_eq!(c["code"], "gdp_growth");
    assert_eq!(c["kind"], "target");
    assert_eq!(c["year"], 2026);
    let mut values: Vec<String> = c["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap().to_owned())
        .collect();
    values.sort();
    assert_eq!(values, ["5%左右", "5.5%左右"]);
    assert!(c["values"].as_str().unwrap().contains(" ≠ "));
    // The region as users write it, full name or short.
    for name in ["河南", "河南省"] {
        let rows = jsonl(&[
            "conflicts",
            "--db",
            &db,
            "--region",
            name,
            "--format",
            "jsonl",
        ]);
        assert_eq!(rows.len(), 1, "{name}: {rows:?}");
    }
}

#[test]
fn compare_and_the_card_flag_the_disputed_cell_and_show_both_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let db = corpus(dir.path());
    let rows = jsonl(&[
        "compare",
        "--code",
        "gdp_growth",
        "--kind",
        "target",
        "--year",
        "2026",
        "--db",
        &db,
        "--format",
        "jsonl",
    ]);
    let henan = rows.iter().find(|r| r["region"] == "河南").unwrap();
    // The report itself is the figure; the press figure is shown beside it.
    assert_eq!(henan["text"], "5%左右");
    assert!(henan["path"]
        .as_str()
        .unwrap()
        .ends_with("henan-2026-report.txt"));
    assert_eq!(henan["conflict"], true);
    let other = &henan["others"][0];
    assert_eq!(other["text"], "5.5%左右");
    assert!(other["sentence"]
        .as_str()
        .unwrap()
        .contains("河南将经济增长目标设为5.5%左右"));
    for r in rows.iter().filter(|r| r["region"] != "河南") {
        assert_eq!(r["conflict"], false, "{r}");
    }

    let card = jsonl(&[
        "card",
        "--region",
        "河南省",
        "--db",
        &db,
        "--format",
        "jsonl",
    ]);
    let growth = card.iter().find(|r| r["code"] == "gdp_growth").unwrap();
    assert_eq!(growth["conflict"], true);
    assert_eq!(growth["2026 target"], "5%左右");
    // The sample's round-up gives the 2025 target; the report, the 2025 result.
    assert_eq!(growth["2025 target"], "5.5%左右");
    assert_eq!(growth["2025 result"], "5.6%");
    assert_eq!(growth["status"], "met");
    let jobs = card.iter().find(|r| r["code"] == "urban_new_jobs").unwrap();
    assert_eq!(jobs["conflict"], false);
    assert_eq!(jobs["2026 target"], "110万人以上");
}

/// The cells of the first sheet of a workbook, as text, by header.
fn sheet(bytes: Vec<u8>) -> Vec<std::collections::HashMap<String, Data>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("a workbook");
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    let mut rows = range.rows();
    let headers: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    rows.map(|r| headers.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

#[test]
fn the_excel_workbook_of_compare_holds_the_values_of_compare() {
    let dir = tempfile::tempdir().unwrap();
    let db = corpus(dir.path());
    let args = [
        "compare",
        "--code",
        "gdp_growth",
        "--kind",
        "target",
        "--db",
        &db,
    ];
    let want = jsonl(&[&args[..], &["--format", "jsonl"]].concat());
    let o = lianghui(&[&args[..], &["--format", "xlsx"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let got = sheet(o.stdout);
    assert_eq!(got.len(), want.len());
    assert!(want.len() >= 6, "{want:?}");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(g["region"].to_string(), w["region"].as_str().unwrap());
        assert_eq!(g["value"], Data::Float(w["value"].as_f64().unwrap()), "{w}");
        assert_eq!(g["text"].to_string(), w["text"].as_str().unwrap());
        // Each figure carries its source sentence and document.
        assert_eq!(g["sentence"].to_string(), w["sentence"].as_str().unwrap());
        assert_eq!(g["path"].to_string(), w["path"].as_str().unwrap());
    }

    let out = dir.path().join("facts.xlsx");
    let o = lianghui(&[
        "export",
        "--format",
        "xlsx",
        "-o",
        out.to_str().unwrap(),
        "--db",
        &db,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let facts = sheet(std::fs::read(&out).unwrap());
    let listed = jsonl(&["query", "--db", &db, "--format", "jsonl"]);
    assert_eq!(facts.len(), listed.len());
    assert!(facts.iter().all(|f| !f["sentence"].to_string().is_empty()));
}
