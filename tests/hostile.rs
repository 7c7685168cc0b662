//! Hostile input: each case ends with facts (exit status 0) or a clear error (exit status 1),
//! never a signal, an abort or a hang. Not timed: the bounds that make them end are in the
//! readers (nesting, content budgets, line limits); BENCHMARKS.md has their times and memory.

mod common;

use common::{lianghui, stderr};
use flate2::{write::ZlibEncoder, Compression};
use std::io::Write;
use std::path::Path;
use std::process::Output;

/// Exit status 0 or 1, and on 1 an error that names the file and is not a panic.
fn ends_cleanly(o: &Output, file: &Path) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{err}");
    match o.status.code() {
        Some(0) => {}
        Some(1) => assert!(
            err.contains(&*file.file_name().unwrap().to_string_lossy()),
            "the error should name the file: {err}"
        ),
        other => panic!("exit status {other:?} (a signal?): {err}"),
    }
}

fn facts(file: &Path) -> Output {
    let o = lianghui(&["facts", file.to_str().unwrap(), "--format", "jsonl"]);
    ends_cleanly(&o, file);
    o
}

fn fact_count(o: &Output) -> usize {
    o.stdout.iter().filter(|&&b| b == b'\n').count()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const FIGURE: &str = "全省地区生产总值增长5%左右。";

#[test]
fn web_pages_nested_beyond_any_layout_give_their_facts() {
    let dir = tempfile::tempdir().unwrap();
    let n = 200_000;
    for (name, open, close) in [
        ("div.html", "<div>", "</div>"),
        ("list.html", "<ul><li>", "</li></ul>"),
        ("table.html", "<table><tr><td>", "</td></tr></table>"),
        ("inline.html", "<b><i>", "</i></b>"),
        ("unclosed.html", "<p><span><font>", ""),
    ] {
        let page = format!(
            "<html><body>{}{FIGURE}{}</body></html>",
            open.repeat(n),
            close.repeat(n)
        );
        let o = facts(&write(dir.path(), name, page.as_bytes()));
        assert_eq!(fact_count(&o), 1, "{name}: {}", stderr(&o));
    }
}

#[test]
fn paragraphs_by_the_million_and_a_line_without_end() {
    let dir = tempfile::tempdir().unwrap();
    let tiny: String = (0..100_000)
        .map(|i| format!("全省新增企业{i}家。\n\n"))
        .collect();
    let o = facts(&write(dir.path(), "tiny.txt", tiny.as_bytes()));
    assert_eq!(fact_count(&o), 100_000);
    let stops = "。".repeat(4_000_000);
    let o = facts(&write(dir.path(), "stops.txt", stops.as_bytes()));
    assert_eq!(fact_count(&o), 0);
    let digits = "9".repeat(8_000_000);
    facts(&write(dir.path(), "digits.txt", digits.as_bytes()));
}

/// A one-page PDF whose objects are `extra` after a catalog, a page tree and a page.
fn pdf(content: &[u8], resources: &str, extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << {resources} >> >>").into_bytes(),
        stream("", content),
    ];
    objs.extend(extra.iter().cloned());
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .bytes(),
    );
    out
}

/// A Flate-compressed stream object with `dict` entries.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::new(), Compression::best());
    z.write_all(data).unwrap();
    let packed = z.finish().unwrap();
    let mut s = format!(
        "<< {dict} /Length {} /Filter /FlateDecode >>\nstream\n",
        packed.len()
    )
    .into_bytes();
    s.extend(packed);
    s.extend(b"\nendstream");
    s
}

/// A stream that inflates to `mb` megabytes of graphics-state operators.
fn inflating(mb: usize) -> Vec<u8> {
    b"q Q ".repeat(mb * 1024 * 1024 / 4)
}

#[test]
fn pdf_decompression_bombs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let page = pdf(&inflating(200), "", &[]);
    let o = facts(&write(dir.path(), "bomb.pdf", &page));
    assert!(stderr(&o).contains("decompression bomb"), "{}", stderr(&o));
    // A small form drawn a hundred thousand times is as large as its sum.
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 1 1]",
        &inflating(1),
    );
    let page = pdf(
        &b"/Fm0 Do ".repeat(100_000),
        "/XObject << /Fm0 5 0 R >>",
        &[form],
    );
    let o = facts(&write(dir.path(), "forms.pdf", &page));
    assert!(stderr(&o).contains("decompression bomb"), "{}", stderr(&o));
}

#[test]
fn pdf_objects_nested_deep_end_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let n = 200_000;
    let arrays = format!("{}{}", "[".repeat(n), "]".repeat(n)).into_bytes();
    let dicts = format!("{}{}", "<< /A ".repeat(n), ">>".repeat(n)).into_bytes();
    let content = format!("BT [{}{}] TJ ET", "[".repeat(n), "]".repeat(n)).into_bytes();
    for (name, bytes) in [
        ("arrays.pdf", pdf(b"BT ET", "", &[arrays])),
        ("dicts.pdf", pdf(b"BT ET", "", &[dicts])),
        ("content.pdf", pdf(&content, "", &[])),
    ] {
        facts(&write(dir.path(), name, &bytes));
    }
}
