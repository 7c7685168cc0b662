//! The shared yardstick: `../shared/eval/evaluate.py` scores the binary on every annotated input
//! of its manifest (real provincial reports as saved from the web, and the same reports printed
//! and read back by pdftotext, pypdf and a table-flattening converter, the printed PDFs
//! themselves and portal web pages). The floors below are
//! what the project reaches today, so no later change can quietly lose them.
//!
//! The yardstick lives beside the repository (`../shared`, or `$LIANGHUI_SHARED`). On a machine
//! without it the test says so and passes; under CI (`CI` set) its absence is a failure.

mod common;

use serde_json::Value;
use std::path::PathBuf;

const SHAPES: &str = "page,pdftotext,pypdf,mdtable,pdf,html";

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("LIANGHUI_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::root().join("../shared"));
    if dir.join("eval/evaluate.py").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have the shared yardstick at {}",
        dir.display()
    );
    eprintln!("no shared yardstick at {}: skipped", dir.display());
    None
}

fn evaluate(shared: &std::path::Path, shapes: &str) -> Value {
    let script = shared.join("eval/evaluate.py");
    common::python_json(&[
        script.as_os_str(),
        "--bin".as_ref(),
        env!("CARGO_BIN_EXE_lianghui").as_ref(),
        "--shapes".as_ref(),
        shapes.as_ref(),
        "--json".as_ref(),
    ])
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

#[test]
fn every_shape_meets_the_floors() {
    let Some(shared) = shared() else { return };
    let r = evaluate(&shared, SHAPES);
    let totals = &r["totals"];
    assert_eq!(totals["inputs_with_errors"], 0, "{totals}");
    assert!(num(&totals["pooled_strict_f1"]) >= 0.99, "{totals}");
    assert!(num(&totals["shape_agreement"]) >= 0.98, "{totals}");
    for shape in SHAPES.split(',') {
        assert!(
            num(&totals["strict_f1_by_shape"][shape]) >= 0.99,
            "{shape}: {totals}"
        );
    }
    let inputs = r["inputs"].as_array().expect("inputs");
    assert!(inputs.len() >= 47, "{}", inputs.len());
    // A report read from its PDF or its web page scores as its saved page text does.
    let page_row = |doc: &Value| {
        inputs
            .iter()
            .find(|i| i["shape"] == "page" && &i["document"] == doc)
            .map(|i| num(&i["strict_f1"]))
    };
    for input in inputs
        .iter()
        .filter(|i| i["shape"] == "pdf" || i["shape"] == "html")
    {
        if let Some(page) = page_row(&input["document"]) {
            assert!(
                num(&input["strict_f1"]) >= page - 0.02,
                "{input} against the page's {page}"
            );
        }
    }
    for input in inputs {
        let name = input["input"].as_str().unwrap_or("");
        assert!(num(&input["strict_f1"]) >= 0.85, "{name}: {input}");
        if name.contains("shanxi-2025-lianghui-pages") {
            assert!(num(&input["strict_f1"]) >= 1.0, "{name}: {input}");
            assert_eq!(input["text_error_chars"], 0, "{name}: {input}");
        }
        // The sample's report printed as a page and read back by any converter: one article,
        // its headings and paragraphs as printed.
        if name.contains("shanxi-2025-report") {
            assert_eq!(input["articles"], "1/1", "{name}: {input}");
            assert!(num(&input["headings_f1"]) >= 0.9, "{name}: {input}");
            assert!(num(&input["paragraphs_exact"]) >= 0.8, "{name}: {input}");
            assert!(
                input["text_error_chars"].as_u64().unwrap_or(u64::MAX) <= 10,
                "{name}: {input}"
            );
        }
    }
}

/// `../shared/eval/score_whole.py` over the given input folders: its `name: figure` lines.
fn score_whole(shared: &std::path::Path, inputs: &[&std::path::Path]) -> Vec<(String, f64)> {
    let mut args: Vec<std::ffi::OsString> = vec![
        shared.join("eval/score_whole.py").into(),
        "--bin".into(),
        env!("CARGO_BIN_EXE_lianghui").into(),
    ];
    for dir in inputs {
        args.push("--inputs".into());
        args.push(dir.into());
    }
    let out = std::process::Command::new("python3")
        .args(&args)
        .output()
        .expect("python3 runs the whole-report scorer");
    assert!(
        out.status.success(),
        "score_whole.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_owned(), v.trim().parse().ok()?))
        })
        .collect()
}

fn whole_figure(scores: &[(String, f64)], name: &str) -> f64 {
    scores
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| *v)
        .unwrap_or_else(|| panic!("score_whole.py gave no {name}: {scores:?}"))
}

#[test]
fn whole_reports_meet_the_floors() {
    let Some(shared) = shared() else { return };
    let whole = shared.join("corpus/whole");
    let html = shared.join("corpus/whole-html");
    let scores = score_whole(&shared, &[&whole, &html]);
    assert!(whole_figure(&scores, "documents") >= 15.0, "{scores:?}");
    // The floors were 0.95, 0.95 and 0.90; these are today's figures (0.972, 1.0,
    // 0.980), less a fact or two.
    assert!(
        whole_figure(&scores, "key_strict_recall") >= 0.965,
        "{scores:?}"
    );
    assert!(whole_figure(&scores, "compare_exact") >= 0.99, "{scores:?}");
    assert!(whole_figure(&scores, "period_strict") >= 0.97, "{scores:?}");
    // A portal page scores as the report's text saved from it.
    let twins = tempfile::tempdir().unwrap();
    for page in std::fs::read_dir(&html).unwrap().flatten() {
        let stem = page.path().with_extension("txt");
        let text = whole.join(stem.file_name().unwrap());
        if text.is_file() {
            std::fs::copy(&text, twins.path().join(stem.file_name().unwrap())).unwrap();
        }
    }
    let from_text = score_whole(&shared, &[twins.path()]);
    let from_html = score_whole(&shared, &[&html]);
    assert!(
        whole_figure(&from_html, "documents") >= 2.0,
        "{from_html:?}"
    );
    for name in ["key_strict_recall", "compare_exact", "period_strict"] {
        assert_eq!(
            whole_figure(&from_html, name),
            whole_figure(&from_text, name),
            "{name}: web pages {from_html:?}, their text {from_text:?}"
        );
    }
}

#[test]
fn press_and_traditional_script_meet_the_floors() {
    let Some(shared) = shared() else { return };
    let r = evaluate(&shared, "press,hant");
    let totals = &r["totals"];
    assert_eq!(totals["inputs_with_errors"], 0, "{totals}");
    assert!(num(&totals["pooled_strict_f1"]) >= 0.95, "{totals}");
    let inputs = r["inputs"].as_array().expect("inputs");
    assert!(inputs.len() >= 12, "{}", inputs.len());
    for input in inputs {
        assert!(num(&input["strict_f1"]) >= 0.85, "{input}");
    }
    // A report in traditional characters gives the facts of its simplified page.
    let twins = evaluate(&shared, "page,hant");
    assert!(
        num(&twins["totals"]["shape_agreement"]) >= 0.98,
        "{}",
        twins["totals"]
    );
}

/// The JSON Lines a successful command printed.
fn jsonl(args: &[&str]) -> Vec<Value> {
    common::jsonl(&common::lianghui(args))
}

/// The analyst's report card over the whole reports and the sample: each province's 2026
/// targets and 2025 results as its report gives them (the gold's figures), and the 2025 targets
/// of the sample's round-up where it has them.
#[test]
fn report_cards_of_the_whole_reports_hold_their_headline_figures() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let db = db.to_str().unwrap();
    let sample = common::root().join(common::SAMPLE);
    for input in [shared.join("corpus/whole"), sample.clone()] {
        let o = common::lianghui(&["ingest", input.to_str().unwrap(), "--db", db, "--quiet"]);
        assert!(o.status.success(), "{}", common::stderr(&o));
    }
    let sample_targets: Vec<Value> =
        jsonl(&["facts", sample.to_str().unwrap(), "--format", "jsonl"])
            .into_iter()
            .filter(|f| f["code"] == "gdp_growth" && f["kind"] == "target" && f["year"] == 2025)
            .collect();
    let (mut found, mut wanted, mut from_sample) = (0, 0, 0);
    let mut golds: Vec<PathBuf> = std::fs::read_dir(shared.join("gold/whole"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    golds.sort();
    for gold in golds {
        let facts: Vec<Value> = std::fs::read_to_string(&gold)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let region = facts[0]["region"].as_str().unwrap().to_owned();
        let card = jsonl(&[
            "card", "--region", &region, "--year", "2026", "--db", db, "--format", "jsonl",
        ]);
        let slot = |code: &str, name: &str| {
            card.iter().find(|r| r["code"] == code).map(|r| {
                (
                    r[format!("{name} value")].as_f64(),
                    r[format!("{name} document")].clone(),
                )
            })
        };
        for f in facts
            .iter()
            .filter(|f| f["code"].is_string() && f["period"].is_null() && f["optional"] == false)
        {
            let name = match (f["kind"].as_str(), f["year"].as_i64()) {
                (Some("target"), Some(2026)) => "2026 target",
                (Some("result" | "estimate"), Some(2025)) => "2025 result",
                _ => continue,
            };
            wanted += 1;
            let code = f["code"].as_str().unwrap();
            let got = slot(code, name);
            if got.as_ref().and_then(|g| g.0) == f["value"].as_f64() {
                found += 1;
                let doc = got.unwrap().1;
                assert!(
                    doc.as_str().unwrap().contains("corpus/whole/"),
                    "{region} {code}: {doc}"
                );
            } else if code == "gdp_growth" {
                panic!(
                    "{region}: {name} of GDP growth is {got:?}, the report says {}",
                    f["text"]
                );
            }
        }
        if let Some(t) = sample_targets
            .iter()
            .find(|t| t["region"] == region.as_str())
        {
            let (value, doc) = slot("gdp_growth", "2025 target").expect("a 2025 target");
            assert_eq!(value, t["value"].as_f64(), "{region}");
            assert!(doc
                .as_str()
                .unwrap()
                .ends_with(common::SAMPLE.rsplit('/').next().unwrap()));
            from_sample += 1;
        }
    }
    // A few figures of the gold are of indicators the card has another figure for (a PM2.5
    // result named with 低于).
    assert!(found as f64 >= 0.95 * wanted as f64, "{found} of {wanted}");
    assert!(
        from_sample >= 1,
        "no province of the whole reports is in the sample's round-up"
    );
}
