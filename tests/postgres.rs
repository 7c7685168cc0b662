//! What only a server database has to show: several writers at once, connection errors,
//! schema versions and a role that can only read. The behaviour both stores share is tested
//! on both in `corpus.rs` and `server.rs`.

mod common;

use common::{lianghui, pg};
use lianghui::store::{Access, Location, Store};
use std::path::Path;
use std::process::{Command, Output};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
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

fn open(url: &str) -> Box<dyn Store> {
    lianghui::store::open(&Location::parse(url), Access::Existing).unwrap()
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

#[test]
fn two_ingests_over_overlapping_folders_store_every_document_once() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write_reports(&corpus.join("a"), 20);
    write_reports(&corpus.join("b"), 20);
    let whole = corpus.to_str().unwrap().to_owned();
    let part = corpus.join("b").to_str().unwrap().to_owned();

    let shared = pg::server().fresh_database();
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
    let (a, b) = (counts(&first), counts(&second));
    assert_eq!(a[0] + b[0], 40, "each document added once: {a:?} {b:?}");
    assert_eq!(
        a[2] + b[2],
        20,
        "the overlap found unchanged once: {a:?} {b:?}"
    );

    let alone = pg::server().fresh_database();
    assert!(lianghui(&["ingest", &whole, "--db", &alone])
        .status
        .success());
    let (together, single) = (open(&shared), open(&alone));
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
}

#[test]
fn connection_failures_are_named_and_exit_1() {
    let server = pg::server();
    let db = server.fresh_database();
    let wrong = server.url_as(pg::USER, "not-the-password", "postgres");
    let o = lianghui(&["query", "--db", &wrong]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(
        !err.contains("not-the-password"),
        "the password is masked: {err}"
    );

    let missing = server.url_as(pg::USER, pg::PASSWORD, "no_such_db");
    let o = lianghui(&["ingest", common::SAMPLE, "--db", &missing]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("\"no_such_db\" does not exist"),
        "{}",
        stderr(&o)
    );

    // A port where nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = format!("postgres://{}@127.0.0.1:{port}/x", pg::USER);
    for cmd in ["documents", "serve"] {
        let o = lianghui(&[cmd, "--db", &down]);
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        assert!(
            stderr(&o).contains("cannot reach the PostgreSQL server"),
            "{}",
            stderr(&o)
        );
    }

    let o = lianghui(&["query", "--db", "postgres://u@127.0.0.1:port/x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a valid PostgreSQL address"),
        "{}",
        stderr(&o)
    );

    // An empty database is no corpus for the readers; `ingest` makes it one.
    let o = lianghui(&["query", "--db", &db]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("holds no lianghui corpus"),
        "{}",
        stderr(&o)
    );
}

/// A fresh database holding the sample, and a superuser connection to it.
fn sample_corpus() -> (String, postgres::Client) {
    let db = pg::server().fresh_database();
    let o = lianghui(&["ingest", common::SAMPLE, "--db", &db]);
    assert!(o.status.success(), "{}", stderr(&o));
    let admin = postgres::Client::connect(&db, postgres::NoTls).unwrap();
    (db, admin)
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let (db, mut admin) = sample_corpus();
    admin
        .batch_execute("UPDATE lianghui_schema SET version = 99")
        .unwrap();
    for args in [
        vec!["ingest", common::SAMPLE, "--db", &db],
        vec!["query", "--db", &db],
        vec!["serve", "--db", &db],
    ] {
        let o = lianghui(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&o).contains("schema version 99 is newer"),
            "{}",
            stderr(&o)
        );
    }
    let n: i64 = admin
        .query_one("SELECT count(*) FROM documents", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}

#[test]
fn tables_of_another_program_are_left_alone() {
    let db = pg::server().fresh_database();
    let mut admin = postgres::Client::connect(&db, postgres::NoTls).unwrap();
    admin
        .batch_execute("CREATE TABLE documents (title TEXT); INSERT INTO documents VALUES ('x')")
        .unwrap();
    let o = lianghui(&["ingest", common::SAMPLE, "--db", &db]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("holds tables that lianghui did not make (documents)"),
        "{}",
        stderr(&o)
    );
    let n: i64 = admin
        .query_one("SELECT count(*) FROM documents", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}

#[test]
fn a_read_only_role_can_query_but_not_ingest() {
    let (db, mut admin) = sample_corpus();
    let role = format!("reader_{}", std::process::id());
    // The grants the README gives for a dashboard's role.
    admin
        .batch_execute(&format!(
            "CREATE ROLE {role} LOGIN PASSWORD 'r';
             GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};"
        ))
        .unwrap();
    let name = db.rsplit('/').next().unwrap();
    let reader = pg::server().url_as(&role, "r", name);
    let facts = |url: &str| {
        let o = lianghui(&["query", "--db", url, "--format", "jsonl"]);
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).lines().count()
    };
    assert!(facts(&reader) > 70);
    assert_eq!(facts(&reader), facts(&db));
    let o = lianghui(&["search", "绿证", "--db", &reader, "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = lianghui(&[
        "ingest",
        "tests/fixtures/html/portal-gb2312.html",
        "--db",
        &reader,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("permission denied"), "{}", stderr(&o));
}
