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

/// PDF and web-page reading, in pages per second (one core): the newspaper pages of the
/// fixtures, each one page of two to four columns.
fn readers(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let pdfs: Vec<Vec<u8>> = [
        "report-2col.pdf",
        "report-3col.pdf",
        "report-4col.pdf",
        "two-articles.pdf",
    ]
    .iter()
    .map(|n| std::fs::read(format!("{dir}/pdf/{n}")).expect("fixture"))
    .collect();
    let page = std::fs::read(format!("{dir}/html/portal-gb2312.html")).expect("fixture");
    let opts = ReadOptions::default();
    let mut g = c.benchmark_group("read");
    g.throughput(Throughput::Elements(pdfs.len() as u64));
    g.bench_function("pdf_pages", |b| {
        b.iter(|| {
            pdfs.iter()
                .map(|p| lianghui::read::pdf::read(black_box(p)).map_or(0, |t| t.text.len()))
                .sum::<usize>()
        })
    });
    g.bench_function("pdf_pages_to_facts", |b| {
        b.iter(|| {
            pdfs.iter()
                .map(|p| {
                    let doc = lianghui::parse("bench.pdf", black_box(p), &opts).expect("reads");
                    lianghui::extract::facts(&doc).len()
                })
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Elements(1));
    g.bench_function("html_pages", |b| {
        b.iter(|| lianghui::read::html::read(black_box(&page)).text.len())
    });
    g.finish();
}

criterion_group!(benches, stages, readers);
criterion_main!(benches);
