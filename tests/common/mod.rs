//! Helpers shared by the integration tests: the bundled sample, the scorer and a test
//! PostgreSQL server.

#![allow(dead_code)]

pub mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The store a test runs against.
#[derive(Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// A new, empty corpus database for one test.
    pub fn db(self, dir: &Path) -> String {
        match self {
            Backend::Sqlite => dir.join("c.db").to_str().unwrap().to_owned(),
            Backend::Postgres => pg::server().fresh_database(),
        }
    }
}

/// Each named test function (taking a [`Backend`]) as two tests, one on SQLite and one on
/// PostgreSQL.
#[allow(unused_macros)]
macro_rules! on_both_stores {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $name() { super::$name(super::Backend::Sqlite) })*
        }
        mod postgres {
            $(#[test] fn $name() { super::$name(super::Backend::Postgres) })*
        }
    };
}

/// Runs the command with `args`, without any database named by the environment.
pub fn lianghui(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianghui"))
        .args(args)
        .env_remove("LIANGHUI_DB")
        .output()
        .expect("the binary runs")
}

/// What a command wrote to standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub const SAMPLE: &str = "examples/shanxi-2025-lianghui-pages.txt";
pub const GOLD_DOC: &str = "tests/fixtures/shanxi-2025-lianghui-pages.doc.json";
pub const GOLD_FACTS: &str = "tests/fixtures/shanxi-2025-lianghui-pages.facts.jsonl";

pub fn sample_bytes() -> Vec<u8> {
    std::fs::read(root().join(SAMPLE)).expect("the bundled sample is in the repository")
}

/// Runs `tests/fixtures/score.py` (the project's scorer, standard library only) and returns its
/// figures. python3 is part of every machine this project runs on; a missing one fails the
/// test rather than skipping it.
pub fn score(pred_doc: &Path, pred_facts: &Path) -> serde_json::Value {
    let r = root();
    python_json(&[
        r.join("tests/fixtures/score.py").as_os_str(),
        r.join(GOLD_DOC).as_os_str(),
        r.join(GOLD_FACTS).as_os_str(),
        pred_doc.as_os_str(),
        pred_facts.as_os_str(),
        "--json".as_ref(),
    ])
}

/// Runs a Python script of the standard library only (a scorer) and parses the JSON it prints.
pub fn python_json(args: &[&std::ffi::OsStr]) -> serde_json::Value {
    let out = Command::new("python3")
        .args(args)
        .output()
        .expect("python3 must be installed to run the scoring tests (see .ci/run)");
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        args.first(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the scorer prints JSON")
}

pub fn figure(scores: &serde_json::Value, name: &str) -> f64 {
    scores[name]
        .as_f64()
        .unwrap_or_else(|| panic!("scorer gave no {name}: {scores}"))
}

/// The JSON Lines a successful command printed.
pub fn jsonl(o: &Output) -> Vec<serde_json::Value> {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
