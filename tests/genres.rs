//! Genres and scripts beyond the provincial report: a press round-up of provinces' targets, a
//! summary of the State Council's report, a standing committee report, and traditional twins
//! of the first two (written here, converted by OpenCC's tables).

mod common;

use serde_json::Value;

fn facts(name: &str) -> Vec<Value> {
    let path = common::root().join("tests/fixtures/genres").join(name);
    common::jsonl(&common::lianghui(&[
        "facts",
        path.to_str().unwrap(),
        "--format",
        "jsonl",
    ]))
}

/// What a fact says whatever the script: everything but the text as printed.
fn meaning(f: &Value) -> Value {
    let mut f = f.clone();
    if let Some(m) = f.as_object_mut() {
        for printed in ["text", "indicator", "sentence"] {
            m.remove(printed);
        }
    }
    f
}

fn row(f: &Value) -> (String, String, Option<i64>, f64) {
    (
        f["region"].as_str().unwrap_or("").to_owned(),
        f["kind"].as_str().unwrap_or("").to_owned(),
        f["year"].as_i64(),
        f["value"].as_f64().unwrap_or(f64::NAN),
    )
}

#[test]
fn traditional_twins_give_the_same_facts() {
    for name in ["roundup-2025-jobs", "national-2026-summary"] {
        let simplified = facts(&format!("{name}.txt"));
        let traditional = facts(&format!("{name}.hant.txt"));
        assert!(!simplified.is_empty(), "{name}");
        let a: Vec<Value> = simplified.iter().map(meaning).collect();
        let b: Vec<Value> = traditional.iter().map(meaning).collect();
        assert_eq!(a, b, "{name}");
        // The twin's figures are shown as printed.
        assert!(
            traditional
                .iter()
                .any(|f| f["text"].as_str().unwrap().contains('萬')),
            "{traditional:?}"
        );
    }
}

#[test]
fn a_round_up_gives_each_province_its_figure() {
    let got: Vec<_> = facts("roundup-2025-jobs.txt").iter().map(row).collect();
    let want = [
        ("广东", "target", Some(2025), 1.1e6),
        ("山东", "target", Some(2025), 1.1e6),
        ("四川", "target", Some(2025), 8e5),
        ("河南", "target", Some(2025), 8e5),
        ("湖北", "target", Some(2025), 7e5),
        ("湖南", "target", Some(2025), 7e5),
        ("浙江", "target", Some(2025), 1e6),
        ("江苏", "target", Some(2025), 1.3e6),
        ("广东", "result", Some(2024), 1.32e6),
        ("山东", "result", Some(2024), 1.28e6),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(r, k, y, v)| (r.to_string(), k.to_string(), *y, *v))
        .collect();
    assert_eq!(got, want);
    // The elided indicator is the round-up's topic.
    let targets = facts("roundup-2025-jobs.txt");
    assert!(targets
        .iter()
        .filter(|f| f["kind"] == "target")
        .all(|f| f["code"] == "urban_new_jobs"));
}

#[test]
fn a_national_summary_speaks_for_the_whole_country() {
    let all = facts("national-2026-summary.txt");
    assert_eq!(all.len(), 8, "{all:?}");
    assert!(all
        .iter()
        .all(|f| f["region"] == "全国" && f["region_code"] == "000000"));
    let gdp: Vec<_> = all
        .iter()
        .filter(|f| f["code"] == "gdp_growth")
        .map(row)
        .collect();
    assert_eq!(
        gdp,
        [
            ("全国".into(), "result".into(), Some(2025), 5.0),
            ("全国".into(), "target".into(), Some(2026), 4.5),
        ]
    );
}

#[test]
fn a_committee_plans_targets_and_counts_results() {
    let all = facts("committee-2026-report.txt");
    let got: Vec<_> = all.iter().map(row).collect();
    assert_eq!(
        got,
        [
            ("河北".into(), "result".into(), Some(2025), 8.0),
            ("河北".into(), "result".into(), Some(2025), 25.0),
            ("河北".into(), "result".into(), Some(2025), 21.0),
            ("河北".into(), "result".into(), Some(2025), 14.0),
            ("河北".into(), "target".into(), Some(2026), 18.0),
            ("河北".into(), "target".into(), Some(2026), 12.0),
            ("河北".into(), "target".into(), Some(2026), 6.0),
        ]
    );
    // The congress's session (第五次会议) is an ordinal, not a figure.
    assert!(all.iter().all(|f| f["text"] != "五次"));
}
