//! Writes a benchmark corpus: variants of the bundled sample for random provinces, with random
//! numbers, column widths and damage, in UTF-8 and GB18030. Deterministic from `--seed`.
//!
//! usage: gen-corpus [--out DIR] [--mb N] [--seed S] [--gb18030 SHARE]

use anyhow::{Context, Result};
use clap::Parser;
use lianghui::synth::{self, Damage};
use rand::{Rng, SeedableRng};
use std::path::PathBuf;

const SAMPLE: &str = include_str!("../../examples/shanxi-2025-lianghui-pages.txt");

#[derive(Parser)]
#[command(about = "Write a deterministic benchmark corpus of damaged two-sessions pages")]
struct Args {
    #[arg(long, default_value = "target/bench-corpus")]
    out: PathBuf,
    /// Total size in megabytes.
    #[arg(long, default_value_t = 100)]
    mb: usize,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Share of documents written as GB18030.
    #[arg(long, default_value_t = 0.3)]
    gb18030: f64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    std::fs::create_dir_all(&args.out).with_context(|| args.out.display().to_string())?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(args.seed);
    let target = args.mb * 1024 * 1024;
    let (mut written, mut docs) = (0usize, 0usize);
    while written < target {
        let province = synth::pick_province(&mut rng);
        let text = synth::vary(SAMPLE, province, 0.3, &mut rng);
        let doc = lianghui::parse_text("gen", &text);
        let damage = Damage::random(&mut rng);
        let rendered = synth::render(&doc, &damage, &mut rng);
        let bytes = if rng.gen_bool(args.gb18030.clamp(0.0, 1.0)) {
            encoding_rs::GB18030.encode(&rendered).0.into_owned()
        } else {
            rendered.into_bytes()
        };
        let path = args.out.join(format!("doc-{docs:05}.txt"));
        std::fs::write(&path, &bytes).with_context(|| path.display().to_string())?;
        written += bytes.len();
        docs += 1;
    }
    eprintln!(
        "{docs} documents, {:.1} MB in {}",
        written as f64 / 1048576.0,
        args.out.display()
    );
    Ok(())
}
