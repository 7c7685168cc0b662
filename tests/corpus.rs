//! The corpus commands over a small corpus made here: the bundled sample plus short synthetic
//! reports of other provinces and years.

#[macro_use]
mod common;

use common::{lianghui, stderr, Backend};
use lianghui::store::{Access, Location, Store};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn report(province: &str, year: i32, review: &str, plan: &str) -> String {
    format!(
        "政府工作报告\n——{year}年1月20日在{province}省第十四届人民代表大会第三次会议上\n省长 某某某\n\n各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n\n一、{}年工作回顾\n\n{review}\n\n二、{year}年工作安排\n\n{plan}\n",
        year - 1
    )
}

/// Writes the corpus into `dir` and returns its folder.
fn make_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(corpus.join("2026")).unwrap();
    std::fs::copy(
        common::root().join(common::SAMPLE),
        corpus.join("shanxi-2025.txt"),
    )
    .unwrap();
    let files = [
        (
            "henan-2025.txt",
            report("河南", 2025, "过去一年，全省生产总值增长5.1%。", "今年主要预期目标是：全省生产总值增长5.5%左右，城镇调查失业率5.5%以内，粮食产量稳定在1300亿斤以上。"),
        ),
        (
            "2026/henan-2026.txt",
            report("河南", 2026, "过去一年，全省生产总值增长5.6%，城镇调查失业率5.2%，绿证交易量增长一倍。", "今年主要预期目标是：全省生产总值增长5%以上。"),
        ),
        (
            "hunan-2025.txt",
            report("湖南", 2025, "过去一年，全省生产总值增长4.8%。", "今年主要预期目标是：地区生产总值增长5.5%以上。"),
        ),
        (
            "2026/hunan-2026.txt",
            report("湖南", 2026, "过去一年，全省生产总值增长5.4%。", "今年主要预期目标是：地区生产总值增长5%左右。"),
        ),
    ];
    for (name, text) in files {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    corpus
}

fn open(db: &str, access: Access) -> Result<Box<dyn Store>, lianghui::store::StoreError> {
    lianghui::store::open(&Location::parse(db), access)
}

struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: String,
}

fn ingested(backend: Backend) -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    let corpus = make_corpus(dir.path());
    let db = backend.db(dir.path());
    let o = lianghui(&["ingest", corpus.to_str().unwrap(), "--db", &db, "--quiet"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    Corpus {
        root: dir.path().to_path_buf(),
        _dir: dir,
        db,
    }
}

fn compare_gives_one_row_per_region(backend: Backend) {
    let c = ingested(backend);
    let rows = common::jsonl(&lianghui(&[
        "compare",
        "--code",
        "gdp_growth",
        "--kind",
        "target",
        "--year",
        "2025",
        "--db",
        &c.db,
        "--format",
        "jsonl",
    ]));
    let got: Vec<(String, f64, String)> = rows
        .iter()
        .map(|r| {
            (
                r["region"].as_str().unwrap().to_owned(),
                r["value"].as_f64().unwrap(),
                r["mark"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want: Vec<(String, f64, String)> = [
        ("四川", 5.5, "≥"),
        ("山东", 5.0, "≥"),
        ("广东", 5.0, "≈"),
        ("江苏", 5.0, "≥"),
        ("河南", 5.5, "≈"),
        ("湖南", 5.5, "≥"),
    ]
    .iter()
    .map(|(r, v, m)| (r.to_string(), *v, m.to_string()))
    .collect();
    assert_eq!(got, want);
    // Henan's figure comes from its own report, not from the press round-up.
    let henan = rows.iter().find(|r| r["region"] == "河南").unwrap();
    assert!(henan["path"].as_str().unwrap().ends_with("henan-2025.txt"));
    assert!(henan["sentence"]
        .as_str()
        .unwrap()
        .contains("全省生产总值增长5.5%左右"));
}

fn compare_by_year_follows_one_region(backend: Backend) {
    let c = ingested(backend);
    let rows = common::jsonl(&lianghui(&[
        "compare",
        "--code",
        "gdp_growth",
        "--kind",
        "target",
        "--region",
        "河南",
        "--by",
        "year",
        "--db",
        &c.db,
        "--format",
        "jsonl",
    ]));
    let years: Vec<(i64, f64)> = rows
        .iter()
        .map(|r| (r["year"].as_i64().unwrap(), r["value"].as_f64().unwrap()))
        .collect();
    assert_eq!(years, [(2025, 5.5), (2026, 5.0)]);
}

fn track_judges_targets_with_their_qualifiers(backend: Backend) {
    let c = ingested(backend);
    let status = |region: &str, code: &str| -> Vec<(i64, String)> {
        common::jsonl(&lianghui(&[
            "track", "--code", code, "--region", region, "--db", &c.db, "--format", "jsonl",
        ]))
        .iter()
        .map(|r| {
            (
                r["year"].as_i64().unwrap(),
                r["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
    };
    // 5.5%左右 met by 5.6%; 5%以上 for 2026 not yet reported.
    assert_eq!(
        status("河南", "gdp_growth"),
        [
            (2024, "unknown".into()),
            (2025, "met".into()),
            (2026, "unknown".into())
        ]
    );
    // 5.5%以上 missed by 5.4%.
    assert_eq!(
        status("湖南", "gdp_growth"),
        [
            (2024, "unknown".into()),
            (2025, "missed".into()),
            (2026, "unknown".into())
        ]
    );
    // A ceiling: unemployment 5.5%以内 met by 5.2%.
    assert_eq!(
        status("河南", "urban_unemployment_rate"),
        [(2025, "met".into())]
    );
}

/// A five-year plan's goal (in the report that opened it) and its outcome (in the report that
/// closed it), beside one year's figure: the annual table never mixes them in, and tracking the
/// span pairs them.
fn five_year_figures_stay_out_of_the_annual_table_and_track_their_goal(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("plan");
    std::fs::create_dir_all(&corpus).unwrap();
    let opening = "政府工作报告\n——2021年1月20日在河南省第十三届人民代表大会第五次会议上\n\n各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n\n一、“十四五”时期主要目标任务\n\n“十四五”时期，全省生产总值年均增长6%左右。\n\n二、2021年工作安排\n\n今年主要预期目标是：全省生产总值增长7%以上。\n";
    let closing = "政府工作报告\n——2026年1月20日在河南省第十四届人民代表大会第四次会议上\n\n各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n\n一、2025年和“十四五”时期工作回顾\n\n刚刚过去的2025年，全省生产总值增长5.6%。\n\n回望过去五年，全省生产总值年均增长5.5%，城镇新增就业累计603.7万人。\n\n二、2026年工作安排\n\n今年主要预期目标是：全省生产总值增长5%左右。\n";
    std::fs::write(corpus.join("henan-2021.txt"), opening).unwrap();
    std::fs::write(corpus.join("henan-2026.txt"), closing).unwrap();
    let db = backend.db(dir.path());
    let o = lianghui(&["ingest", corpus.to_str().unwrap(), "--db", &db, "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let values = |args: &[&str]| -> Vec<f64> {
        let mut all = vec!["compare", "--code", "gdp_growth", "--db", &db];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "jsonl"]);
        common::jsonl(&lianghui(&all))
            .iter()
            .map(|r| r["value"].as_f64().unwrap())
            .collect()
    };
    assert_eq!(values(&["--kind", "result", "--year", "2025"]), [5.6]);
    assert_eq!(
        values(&[
            "--kind",
            "result",
            "--year",
            "2025",
            "--period",
            "2021-2025"
        ]),
        [5.5]
    );
    assert_eq!(
        values(&["--kind", "target", "--period", "2021-2025"]),
        [6.0]
    );
    let track = common::jsonl(&lianghui(&[
        "track",
        "--code",
        "gdp_growth",
        "--region",
        "河南",
        "--period",
        "2021-2025",
        "--db",
        &db,
        "--format",
        "jsonl",
    ]));
    assert_eq!(track.len(), 1, "{track:?}");
    assert_eq!(track[0]["period"], "2021-2025");
    assert_eq!(track[0]["target"], "6%左右");
    assert_eq!(track[0]["result"], "5.5%");
    assert_eq!(track[0]["status"], "missed");
    let bad = lianghui(&[
        "compare",
        "--code",
        "gdp_growth",
        "--period",
        "5 years",
        "--db",
        &db,
    ]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("not a period"), "{}", stderr(&bad));
}

fn search_finds_two_and_four_character_queries(backend: Backend) {
    let c = ingested(backend);
    let hits = common::jsonl(&lianghui(&[
        "search", "绿证", "--db", &c.db, "--format", "jsonl",
    ]));
    let paths: Vec<&str> = hits.iter().map(|h| h["path"].as_str().unwrap()).collect();
    assert_eq!(hits.len(), 2, "{paths:?}");
    assert!(hits
        .iter()
        .all(|h| h["snippet"].as_str().unwrap().contains("【绿证】")));
    let hits = common::jsonl(&lianghui(&[
        "search",
        "绿色工厂",
        "--db",
        &c.db,
        "--format",
        "jsonl",
    ]));
    assert_eq!(hits.len(), 1);
    assert_eq!(
        hits[0]["heading_path"],
        "一、2024年工作回顾 > ——向绿而行生态宜人"
    );
    assert_eq!(hits[0]["line"], 165);
    let hits = common::jsonl(&lianghui(&[
        "search", "山西", "--db", &c.db, "--format", "jsonl", "--limit", "100",
    ]));
    assert!(hits.len() >= 5);
    let none = common::jsonl(&lianghui(&[
        "search",
        "火星基地",
        "--db",
        &c.db,
        "--format",
        "jsonl",
    ]));
    assert!(none.is_empty());
}

fn query_filters_combine(backend: Backend) {
    let c = ingested(backend);
    let rows = common::jsonl(&lianghui(&[
        "query", "--region", "河南", "--kind", "result", "--year", "2025", "--db", &c.db,
        "--format", "jsonl",
    ]));
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r["region"] == "河南" && r["kind"] == "result" && r["year"] == 2025));
    let rows = common::jsonl(&lianghui(&[
        "query",
        "--indicator",
        "粮食",
        "--db",
        &c.db,
        "--format",
        "jsonl",
    ]));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["value"], 1.3e11);
    assert_eq!(rows[0]["code"], "grain_output");
}

fn reingest_is_idempotent_and_a_changed_file_replaces_its_old_version(backend: Backend) {
    let c = ingested(backend);
    let count = || common::jsonl(&lianghui(&["query", "--db", &c.db, "--format", "jsonl"])).len();
    let before = count();
    let corpus = c.root.join("corpus");
    let o = lianghui(&["ingest", corpus.to_str().unwrap(), "--db", &c.db]);
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("0 added, 0 replaced, 5 unchanged, 0 failed")
    );
    assert_eq!(count(), before);

    let hunan = corpus.join("hunan-2025.txt");
    let text = std::fs::read_to_string(&hunan)
        .unwrap()
        .replace("5.5%以上", "6%以上");
    std::fs::write(&hunan, text).unwrap();
    let o = lianghui(&["ingest", hunan.to_str().unwrap(), "--db", &c.db]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 added, 1 replaced"));
    assert_eq!(count(), before);
    let rows = common::jsonl(&lianghui(&[
        "query", "--region", "湖南", "--kind", "target", "--year", "2025", "--db", &c.db,
        "--format", "jsonl",
    ]));
    let values: Vec<f64> = rows.iter().map(|r| r["value"].as_f64().unwrap()).collect();
    assert_eq!(values, [6.0]);
    let docs = common::jsonl(&lianghui(&[
        "documents",
        "--db",
        &c.db,
        "--format",
        "jsonl",
    ]));
    assert_eq!(docs.len(), 5);
}

fn a_failing_file_does_not_stop_the_others(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = make_corpus(dir.path());
    std::fs::write(corpus.join("broken.txt"), b"\x00\x01binary").unwrap();
    let db = backend.db(dir.path());
    let o = lianghui(&["ingest", corpus.to_str().unwrap(), "--db", &db]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("broken.txt") && err.contains("NUL"), "{err}");
    assert!(
        err.contains("5 added, 0 replaced, 0 unchanged, 1 failed"),
        "{err}"
    );
}

fn exports_read_back_with_the_same_row_count(backend: Backend) {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let c = ingested(backend);
    let n = common::jsonl(&lianghui(&["query", "--db", &c.db, "--format", "jsonl"])).len();
    assert!(n > 80);
    let pq = c.root.join("facts.parquet");
    let o = lianghui(&[
        "export",
        "--format",
        "parquet",
        "-o",
        pq.to_str().unwrap(),
        "--db",
        &c.db,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let reader = SerializedFileReader::new(std::fs::File::open(&pq).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows() as usize, n);
    let fields: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    for name in ["value", "code", "page", "page_x", "page_y"] {
        assert!(fields.contains(&name.to_owned()), "{name} in {fields:?}");
    }
    // Values survive the round trip.
    let mut values = Vec::new();
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        for (name, field) in row.get_column_iter() {
            if name == "value" {
                if let parquet::record::Field::Double(v) = field {
                    values.push(*v);
                }
            }
        }
    }
    assert_eq!(values.len(), n);
    assert!(values.contains(&1.4e13));

    let csv = c.root.join("facts.csv");
    lianghui(&[
        "export",
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
        "--db",
        &c.db,
    ]);
    assert_eq!(
        std::fs::read_to_string(&csv).unwrap().lines().count(),
        n + 1
    );
    let jl = c.root.join("docs.jsonl");
    lianghui(&[
        "export",
        "--format",
        "jsonl",
        "--table",
        "documents",
        "-o",
        jl.to_str().unwrap(),
        "--db",
        &c.db,
    ]);
    assert_eq!(std::fs::read_to_string(&jl).unwrap().lines().count(), 5);
}

fn a_killed_ingest_leaves_only_whole_documents(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("many");
    std::fs::create_dir_all(&corpus).unwrap();
    let sample = std::fs::read_to_string(common::root().join(common::SAMPLE)).unwrap();
    let total = 400;
    for i in 0..total {
        // Each copy differs, so each is a document of its own.
        std::fs::write(
            corpus.join(format!("doc-{i:04}.txt")),
            format!("{sample}\n第{i}份。\n"),
        )
        .unwrap();
    }
    let db = backend.db(dir.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_lianghui"))
        .args([
            "ingest",
            corpus.to_str().unwrap(),
            "--db",
            &db,
            "--quiet",
            "--jobs",
            "1",
        ])
        .spawn()
        .unwrap();
    // Kill it once some documents are in.
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(100));
        let stored = open(&db, Access::Existing)
            .ok()
            .and_then(|s| s.documents().ok())
            .map_or(0, |d| d.len());
        if stored >= 5 || started.elapsed().as_secs() > 60 {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    let store = open(&db, Access::Existing).unwrap();
    store.check_consistency().unwrap();
    let partial = store.documents().unwrap().len();
    assert!(
        partial < total,
        "ingest finished before the kill; make the corpus larger"
    );
    drop(store);

    let o = lianghui(&["ingest", corpus.to_str().unwrap(), "--db", &db]);
    assert!(o.status.success());
    let store = open(&db, Access::Existing).unwrap();
    store.check_consistency().unwrap();
    assert_eq!(store.documents().unwrap().len(), total);
}

fn a_document_over_the_time_limit_fails_alone(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = make_corpus(dir.path());
    let db = backend.db(dir.path());
    let o = lianghui(&[
        "ingest",
        corpus.to_str().unwrap(),
        "--db",
        &db,
        "--max-seconds",
        "0",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("took longer than the limit of 0 seconds"),
        "{err}"
    );
    assert!(
        err.contains("0 added, 0 replaced, 0 unchanged, 5 failed"),
        "{err}"
    );
}

/// `n` distinct reports (the sample, each with a line of its own) under `dir`.
fn write_reports(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let sample = String::from_utf8(common::sample_bytes()).unwrap();
    for i in 0..n {
        std::fs::write(
            dir.join(format!("doc-{i:03}.txt")),
            format!("{sample}\n第{i}份。\n"),
        )
        .unwrap();
    }
}

/// "a added, r replaced, u unchanged, f failed" → [a, r, u, f].
fn counts(o: &Output) -> [usize; 4] {
    let err = stderr(o);
    let line = err
        .lines()
        .find(|l| l.contains(" added, "))
        .unwrap_or_else(|| panic!("no summary in {err}"));
    let n: Vec<usize> = line
        .split(", ")
        .map(|part| part.split(' ').next().unwrap().parse().unwrap())
        .collect();
    [n[0], n[1], n[2], n[3]]
}

fn two_ingests_over_overlapping_folders_store_every_document_once(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_reports(&corpus.join("a"), 20);
    write_reports(&corpus.join("b"), 20);
    let whole = corpus.to_str().unwrap().to_owned();
    let part = corpus.join("b").to_str().unwrap().to_owned();

    let shared = backend.db(dir.path());
    // Both start at once on a database with no schema yet: the migration is contended too.
    let spawn = |folder: &str| {
        Command::new(env!("CARGO_BIN_EXE_lianghui"))
            .args(["ingest", folder, "--db", &shared, "--jobs", "1"])
            .env_remove("LIANGHUI_DB")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(&whole), spawn(&part));
    let (first, second) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(second.status.success(), "{}", stderr(&second));
    // Nothing left undone: on SQLite, each process wrote every batch of its search index
    // while the other wrote the same file.
    for out in [&first, &second] {
        assert!(!stderr(out).contains("warning"), "{}", stderr(out));
    }
    let (a, b) = (counts(&first), counts(&second));
    assert_eq!(a[0] + b[0], 40, "each document added once: {a:?} {b:?}");
    assert_eq!(
        a[2] + b[2],
        20,
        "the overlap found unchanged once: {a:?} {b:?}"
    );

    let other = tempfile::tempdir().unwrap();
    let alone = backend.db(other.path());
    assert!(lianghui(&["ingest", &whole, "--db", &alone])
        .status
        .success());
    let together = open(&shared, Access::Existing).unwrap();
    let single = open(&alone, Access::Existing).unwrap();
    together.check_consistency().unwrap();
    let paths = |s: &dyn Store| -> Vec<String> {
        s.documents().unwrap().into_iter().map(|d| d.path).collect()
    };
    assert_eq!(paths(together.as_ref()), paths(single.as_ref()));
    let all = lianghui::store::FactFilter::default();
    assert_eq!(
        together.facts(&all).unwrap().len(),
        single.facts(&all).unwrap().len()
    );
    // Two writers' search indexes (on SQLite, each process writes the index file too).
    let found = |s: &dyn Store| s.search("高新技术企业", 1000).unwrap().len();
    assert!(found(single.as_ref()) >= 40);
    assert_eq!(found(together.as_ref()), found(single.as_ref()));
}

on_both_stores!(
    two_ingests_over_overlapping_folders_store_every_document_once,
    compare_gives_one_row_per_region,
    compare_by_year_follows_one_region,
    track_judges_targets_with_their_qualifiers,
    five_year_figures_stay_out_of_the_annual_table_and_track_their_goal,
    search_finds_two_and_four_character_queries,
    query_filters_combine,
    reingest_is_idempotent_and_a_changed_file_replaces_its_old_version,
    a_failing_file_does_not_stop_the_others,
    exports_read_back_with_the_same_row_count,
    a_killed_ingest_leaves_only_whole_documents,
    a_document_over_the_time_limit_fails_alone
);
