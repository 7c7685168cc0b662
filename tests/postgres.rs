//! What only a server database has to show: connection errors, schema versions, tables of
//! another program and a role that can only read. The behaviour both stores share (several
//! writers at once among it) is tested on both in `corpus.rs` and `server.rs`.

mod common;

use common::{lianghui, pg, stderr};

/// Runs the command and checks that it failed with exit status 1, saying `words`.
fn fails_with(args: &[&str], words: &str) {
    let o = lianghui(args);
    assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
    assert!(stderr(&o).contains(words), "{args:?}: {}", stderr(&o));
}

fn count_documents(admin: &mut postgres::Client) -> i64 {
    admin
        .query_one("SELECT count(*) FROM documents", &[])
        .unwrap()
        .get(0)
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
    fails_with(
        &["ingest", common::SAMPLE, "--db", &missing],
        "\"no_such_db\" does not exist",
    );

    // A port where nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = format!("postgres://{}@127.0.0.1:{port}/x", pg::USER);
    for cmd in ["documents", "serve"] {
        fails_with(&[cmd, "--db", &down], "cannot reach the PostgreSQL server");
    }

    fails_with(
        &["query", "--db", "postgres://u@127.0.0.1:port/x"],
        "not a valid PostgreSQL address",
    );

    // An empty database is no corpus for the readers; `ingest` makes it one.
    fails_with(&["query", "--db", &db], "holds no lianghui corpus");
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
        fails_with(&args, "schema version 99 is newer");
    }
    assert_eq!(count_documents(&mut admin), 1);
}

#[test]
fn tables_of_another_program_are_left_alone() {
    let db = pg::server().fresh_database();
    let mut admin = postgres::Client::connect(&db, postgres::NoTls).unwrap();
    admin
        .batch_execute("CREATE TABLE documents (title TEXT); INSERT INTO documents VALUES ('x')")
        .unwrap();
    fails_with(
        &["ingest", common::SAMPLE, "--db", &db],
        "holds tables that lianghui did not make (documents)",
    );
    assert_eq!(count_documents(&mut admin), 1);
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
    fails_with(
        &[
            "ingest",
            "tests/fixtures/html/portal-gb2312.html",
            "--db",
            &reader,
        ],
        "permission denied",
    );
}

#[test]
fn tls_is_used_as_sslmode_asks() {
    let server = pg::server();
    let db = server.fresh_database();
    let name = db.rsplit('/').next().unwrap().to_owned();
    let mut admin = postgres::Client::connect(&db, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!(
            "CREATE ROLE {user} LOGIN PASSWORD 'tls-secret';
             ALTER DATABASE {name} OWNER TO {user};",
            user = pg::TLS_ONLY_USER
        ))
        .unwrap();
    let base = server.url_as(pg::TLS_ONLY_USER, "tls-secret", &name);
    let with = |options: &str| format!("{base}?{options}");

    // The server takes this role over TLS only: plain TCP is turned away.
    fails_with(
        &["ingest", common::SAMPLE, "--db", &with("sslmode=disable")],
        "no encryption",
    );

    // The default (prefer) and require encrypt without checking the certificate, as libpq.
    let o = lianghui(&["ingest", common::SAMPLE, "--db", &base]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = lianghui(&["documents", "--db", &with("sslmode=require")]);
    assert!(o.status.success(), "{}", stderr(&o));

    // verify-full checks the certificate and the name against the given authority.
    let ca = server.ca_file.to_str().unwrap();
    let o = lianghui(&[
        "query",
        "--db",
        &with(&format!("sslmode=verify-full&sslrootcert={ca}")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let other = server.other_ca_file.to_str().unwrap();
    fails_with(
        &[
            "query",
            "--db",
            &with(&format!("sslmode=verify-full&sslrootcert={other}")),
        ],
        "TLS with the PostgreSQL server failed: invalid peer certificate",
    );
    // With the built-in roots, a certificate of a private authority is refused too.
    fails_with(
        &["query", "--db", &with("sslmode=verify-full")],
        "invalid peer certificate",
    );
}
