//! Throughput of each hot stage on the bundled sample, in MB/s of input text.
//! `cargo bench --bench pipeline`

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use lianghui::ReadOptions;

const SAMPLE: &str = include_str!("../examples/shanxi-2025-lianghui-pages.txt");

fn stages(c: &mut Criterion) {
    let bytes = SAMPLE.len() as u64;
    let gb = encoding_rs::GB18030.encode(SAMPLE).0.into_owned();
    let paras = lianghui::restore::restore(SAMPLE);
    let doc = lianghui::parse_text("bench", SAMPLE);
    let blocks: Vec<String> = doc
        .articles
        .iter()
        .flat_map(|a| a.blocks.iter().map(|b| b.text.clone()))
        .collect();
    let opts = ReadOptions::default();

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("decode_utf8", |b| {
        b.iter(|| lianghui::read::decode(black_box(SAMPLE.as_bytes()), &opts))
    });
    g.bench_function("decode_gb18030", |b| {
        b.iter(|| lianghui::read::decode(black_box(&gb), &opts))
    });
    g.bench_function("restore", |b| {
        b.iter(|| lianghui::restore::restore(black_box(SAMPLE)))
    });
    g.bench_function("structure", |b| {
        b.iter(|| lianghui::structure::structure("bench", black_box(paras.clone())))
    });
    g.bench_function("quantity_scan", |b| {
        b.iter(|| {
            blocks
                .iter()
                .map(|t| lianghui::extract::quantity::scan(black_box(t)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract_facts", |b| {
        b.iter(|| lianghui::extract::facts(black_box(&doc)))
    });
    g.bench_function("parse_and_facts", |b| {
        b.iter(|| lianghui::extract::facts(&lianghui::parse_text("bench", black_box(SAMPLE))))
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
