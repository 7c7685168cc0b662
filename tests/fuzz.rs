//! Mutation fuzzing on stable Rust, one test per target: the decoder, the restorer, the
//! quantity parser and the whole parse + facts path. Each runs for `FUZZ_SECONDS` (default 2,
//! the CI smoke run) from seed `FUZZ_SEED` (default: from the clock, printed), mutating the
//! bundled sample and random token soup, and checks invariants, not just "no panic".
//! A failing input is written to `target/fuzz-crashes/` and kept as a regression case in
//! `tests/fuzz-regressions/`, which every run replays first.
//!
//! Long run: `FUZZ_SECONDS=600 cargo test --release --test fuzz -- --test-threads 1 --nocapture`

mod common;

use lianghui::ReadOptions;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::panic::{catch_unwind, AssertUnwindSafe};

use std::time::{Duration, Instant};

fn budget() -> Duration {
    let secs = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2.0);
    Duration::from_secs_f64(secs)
}

fn seed() -> u64 {
    std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
}

const POOL: &[&str] = &[
    "0",
    "1",
    "5",
    "9",
    ".",
    "．",
    "%",
    "％",
    "一",
    "两",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "零",
    "〇",
    "点",
    "个",
    "家",
    "元",
    "亿元",
    "万元",
    "千瓦时",
    "个百分点",
    "倍",
    "年",
    "周年",
    "第",
    "届",
    "左右",
    "以上",
    "以内",
    "余",
    "多",
    "近",
    "超过",
    "不低于",
    "—",
    "-",
    "至",
    "、",
    "，",
    "。",
    "；",
    "：",
    "“",
    "”",
    "‘",
    "’",
    "（",
    "）",
    "增长",
    "下降",
    "分别",
    "预计",
    "目标",
    "全国",
    "首位",
    "上升",
    "位",
    "山西",
    "广东",
    "省",
    "市",
    " ",
    "\n",
    "\n\n",
    "PM",
    "T",
    "G",
    "各位代表：",
    "（下转第二版）",
    "——",
    "（（一一））",
    "政府工作报告",
    "城乡居民收入",
    "全省生产总值",
    "\u{3000}",
    "\t",
    "\r\n",
];

fn soup(rng: &mut ChaCha8Rng, max_tokens: usize) -> String {
    let n = rng.gen_range(0..max_tokens);
    (0..n).map(|_| POOL[rng.gen_range(0..POOL.len())]).collect()
}

/// Mutates text at character level: splice in soup, delete, duplicate (fake bold), add spaces
/// and line breaks.
fn mutate_text(text: &str, rng: &mut ChaCha8Rng) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..rng.gen_range(1..12) {
        if chars.is_empty() {
            chars.extend(soup(rng, 8).chars());
            continue;
        }
        let at = rng.gen_range(0..chars.len());
        match rng.gen_range(0..6) {
            0 => {
                let ins: Vec<char> = soup(rng, 6).chars().collect();
                chars.splice(at..at, ins);
            }
            1 => {
                let end = (at + rng.gen_range(1..40)).min(chars.len());
                chars.drain(at..end);
            }
            2 => {
                let end = (at + rng.gen_range(1..30)).min(chars.len());
                let dup: Vec<char> = chars[at..end].to_vec();
                chars.splice(end..end, dup);
            }
            3 => chars.insert(at, ' '),
            4 => chars.insert(at, '\n'),
            _ => {
                let c = chars[at];
                chars.insert(at, c);
            }
        }
    }
    chars.into_iter().collect()
}

fn mutate_bytes(bytes: &[u8], rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut b = bytes.to_vec();
    for _ in 0..rng.gen_range(1..8) {
        if b.is_empty() {
            b.push(rng.gen());
            continue;
        }
        let at = rng.gen_range(0..b.len());
        match rng.gen_range(0..5) {
            0 => b[at] ^= 1 << rng.gen_range(0..8),
            1 => b.insert(at, rng.gen()),
            2 => {
                b.remove(at);
            }
            3 => b.truncate(at),
            _ => b[at] = rng.gen(),
        }
    }
    b
}

/// A random stretch of up to `max_chars` characters from the first half onwards of `text`.
fn window(text: &str, max_chars: usize, rng: &mut ChaCha8Rng) -> String {
    let cut = rng.gen_range(0..text.len() / 2);
    let cut = (0..=cut)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text[cut..]
        .chars()
        .take(rng.gen_range(0..max_chars))
        .collect()
}

fn sample_text() -> String {
    String::from_utf8(common::sample_bytes()).unwrap()
}

/// Runs `check` on generated inputs until the budget is spent; records failures.
/// Inputs are bytes on disk: how a target's input type is read back from a saved file.
trait Input: AsRef<[u8]> + Sized {
    fn from_saved(bytes: Vec<u8>) -> Self;
}

impl Input for Vec<u8> {
    fn from_saved(bytes: Vec<u8>) -> Self {
        bytes
    }
}

impl Input for String {
    fn from_saved(bytes: Vec<u8>) -> Self {
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

fn fuzz<I: Input>(
    name: &str,
    mut generate: impl FnMut(&mut ChaCha8Rng) -> I,
    check: impl Fn(&I) -> Result<(), String>,
) {
    let seed = seed();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let regressions = common::root().join("tests/fuzz-regressions").join(name);
    let mut failures = Vec::new();
    let run = |input: &I, failures: &mut Vec<String>| {
        let outcome = catch_unwind(AssertUnwindSafe(|| check(input)));
        let problem = match outcome {
            Ok(Ok(())) => return,
            Ok(Err(why)) => why,
            Err(panic) => format!(
                "panic: {}",
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            ),
        };
        let dir = common::root().join("target/fuzz-crashes");
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("{name}-{}.bin", failures.len()));
        let _ = std::fs::write(&file, input.as_ref());
        failures.push(format!("{problem} (input saved to {})", file.display()));
    };
    // Replay kept regressions first.
    let mut replayed = 0;
    if let Ok(entries) = std::fs::read_dir(&regressions) {
        for e in entries.flatten() {
            if let Ok(bytes) = std::fs::read(e.path()) {
                run(&I::from_saved(bytes), &mut failures);
                replayed += 1;
            }
        }
    }
    let start = Instant::now();
    let mut execs = 0u64;
    while start.elapsed() < budget() && failures.len() < 5 {
        let input = generate(&mut rng);
        run(&input, &mut failures);
        execs += 1;
    }
    println!(
        "fuzz {name}: {replayed} regressions replayed, {execs} executions in {:.1}s, seed {seed}, {} failures",
        start.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{name} (seed {seed}):\n{}",
        failures.join("\n")
    );
}

#[test]
fn fuzz_decoder() {
    let text = sample_text();
    let seeds: Vec<Vec<u8>> = vec![
        text.as_bytes().to_vec(),
        encoding_rs::GB18030.encode(&text).0.into_owned(),
        [
            &[0xFF, 0xFE][..],
            &text
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ]
        .concat(),
    ];
    fuzz(
        "decoder",
        |rng| {
            if rng.gen_bool(0.2) {
                (0..rng.gen_range(0..256)).map(|_| rng.gen()).collect()
            } else {
                let s = &seeds[rng.gen_range(0..seeds.len())];
                let cut = rng.gen_range(0..s.len().min(4000));
                let window = &s[cut..(cut + rng.gen_range(0..4000)).min(s.len())];
                mutate_bytes(window, rng)
            }
        },
        |bytes: &Vec<u8>| {
            let borrowed = lianghui::read::decode(bytes, &ReadOptions::default());
            // Reading taken bytes (in place, for UTF-8) must read as reading borrowed ones.
            let owned = lianghui::read::decode_owned(bytes.clone(), &ReadOptions::default());
            let same = match (&borrowed, &owned) {
                (Ok(a), Ok(b)) => a.text == b.text,
                (Err(a), Err(b)) => a == b,
                _ => false,
            };
            if !same {
                return Err("taking the bytes reads otherwise than borrowing them".into());
            }
            check_decoded(bytes, borrowed)
        },
    );
}

fn check_decoded(
    bytes: &[u8],
    decoded: Result<lianghui::read::Text, lianghui::ReadError>,
) -> Result<(), String> {
    match decoded {
        Ok(t) if t.text.contains('\r') => Err("a CR survived decoding".into()),
        Ok(t) if t.text.trim().is_empty() => Err("blank text accepted".into()),
        Ok(_) => Ok(()),
        Err(
            lianghui::ReadError::Invalid { offset, .. }
            | lianghui::ReadError::Truncated { offset, .. },
        ) if offset > bytes.len() => Err(format!(
            "error offset {offset} beyond input of {} bytes",
            bytes.len()
        )),
        Err(_) => Ok(()),
    }
}

fn lines_in(text: &str) -> u32 {
    text.split('\n').count() as u32
}

/// Restored paragraphs stay inside their input: lines, bytes, line map and bold lead.
fn check_paras(input: &str, paras: &[lianghui::restore::Para]) -> Result<(), String> {
    let n = lines_in(input);
    for p in paras {
        if p.line_start < 1 || p.line_end > n || p.line_start > p.line_end {
            return Err(format!(
                "lines {}..{} outside 1..{n}",
                p.line_start, p.line_end
            ));
        }
        if p.byte_end > input.len() || p.byte_start > p.byte_end {
            return Err(format!(
                "bytes {}..{} outside the input",
                p.byte_start, p.byte_end
            ));
        }
        let chars = p.text.chars().count();
        for at in [0, chars / 2, chars.saturating_sub(1)] {
            let l = p.line_of(at);
            if l < p.line_start || l > p.line_end {
                return Err(format!(
                    "char {at} maps to line {l} outside {}..{}",
                    p.line_start, p.line_end
                ));
            }
        }
        if p.bold_lead_chars.is_some_and(|b| b > chars) {
            return Err("bold lead longer than its paragraph".into());
        }
    }
    Ok(())
}

#[test]
fn fuzz_restorer() {
    let text = sample_text();
    fuzz(
        "restorer",
        |rng| mutate_text(&window(&text, 3000, rng), rng),
        |input: &String| check_paras(input, &lianghui::restore::restore(input)),
    );
}

/// Lines of the sample set side by side as a converter flattens a page's columns into table
/// rows: `| a | b | c |`, with rows of fewer cells where a column ran out.
fn flattened(text: &str, rng: &mut ChaCha8Rng) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let columns = rng.gen_range(1..=4);
    let height = (lines.len() / columns).max(1);
    let mut out = String::new();
    for r in 0..height {
        let cells: Vec<&str> = (0..columns)
            .filter_map(|c| lines.get(c * height + r).copied())
            .take(rng.gen_range(1..=columns))
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

#[test]
fn fuzz_flattened_columns() {
    let text = sample_text();
    fuzz(
        "columns",
        |rng| {
            let page = flattened(&window(&text, 3000, rng), rng);
            mutate_text(&page, rng)
        },
        |input: &String| {
            let restored = lianghui::restore::restore_page(input);
            check_paras(input, &restored.paras)?;
            let doc = lianghui::parse_text("fuzz", input);
            lianghui::extract::facts(&doc);
            Ok(())
        },
    );
}

#[test]
fn fuzz_quantity_parser() {
    fuzz(
        "quantity",
        |rng| soup(rng, 40),
        |input: &String| {
            let n = input.chars().count();
            let mut last_end = 0;
            for q in lianghui::extract::quantity::scan(input) {
                if !(q.start <= q.num_start && q.num_start < q.end && q.end <= n) {
                    return Err(format!(
                        "bad span {}..{}..{} of {n}",
                        q.start, q.num_start, q.end
                    ));
                }
                if q.start < last_end {
                    return Err("overlapping quantities".into());
                }
                if !q.value.is_finite() || q.value_high.is_some_and(|h| !h.is_finite()) {
                    return Err(format!("value {} is not finite", q.value));
                }
                last_end = q.end;
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_parse_and_facts() {
    let text = sample_text();
    fuzz(
        "pipeline",
        |rng| mutate_text(&window(&text, 4000, rng), rng),
        check_facts,
    );
}

/// Paragraphs far longer than any printed one (a page saved without line breaks), which the
/// extractor reads a window at a time.
#[test]
fn fuzz_long_paragraphs() {
    let text = sample_text();
    fuzz(
        "long-paragraphs",
        |rng| {
            let mut line = String::new();
            while line.chars().count() < 80_000 {
                line.push_str(&mutate_text(&window(&text, 4000, rng), rng).replace('\n', ""));
            }
            line
        },
        check_facts,
    );
}

/// Every fact's span reads its text in its block; values are finite; all serialises. (Takes
/// `&String`: the harness hands each check a reference to its input type.)
#[allow(clippy::ptr_arg)]
fn check_facts(input: &String) -> Result<(), String> {
    let doc = lianghui::parse_text("fuzz", input);
    for f in lianghui::extract::facts(&doc) {
        let block = doc
            .articles
            .get(f.article)
            .and_then(|a| a.blocks.get(f.block))
            .ok_or("fact points at no block")?;
        let mention = f.span_in(&block.text);
        if mention != f.text {
            return Err(format!(
                "span {}..{} reads {mention:?}, text is {:?}",
                f.char_start, f.char_end, f.text
            ));
        }
        if !f.value.is_finite() {
            return Err("value not finite".into());
        }
        serde_json::to_string(&f).map_err(|e| e.to_string())?;
    }
    serde_json::to_string(&doc).map_err(|e| e.to_string())?;
    Ok(())
}

/// A small PDF with nothing compressed, so that mutations reach the content stream, the
/// font's ToUnicode CMap and the object syntax rather than dying in a deflate stream.
const PLAIN_PDF: &str = "%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R
  /Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> >> endobj
4 0 obj << /Length 0 >> stream
BT /F1 10.5 Tf 1 0 0 1 36 780 Tm [<00010002> -20 <0003>] TJ 0 -15 Td (AB) Tj T* <0004> Tj ET
q 1 0 0 1 0.3 0 cm BT /F1 10.5 Tf 36 780 Td <00010002> Tj ET Q
BT /F2 12 Tf 300 780 Td 2 Tc 120 Tz <5E740035> Tj ET
endstream endobj
5 0 obj << /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H
  /DescendantFonts [6 0 R] /ToUnicode 7 0 R >> endobj
6 0 obj << /Type /Font /Subtype /CIDFontType2 /DW 1000 /W [1 [500 600] 3 4 1000] >> endobj
7 0 obj << /Length 0 >> stream
/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0001> <5E74> <0002> <0035> endbfchar
1 beginbfrange <0003> <0004> <4E00> endbfrange endcmap
endstream endobj
8 0 obj << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H
  /DescendantFonts [9 0 R] >> endobj
9 0 obj << /Type /Font /Subtype /CIDFontType0 >> endobj
trailer << /Root 1 0 R >>
%%EOF
";

/// A page that draws one form many times: the content budget a page is read under.
const FORM_PDF: &str = "%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R
  /Resources << /Font << /F1 5 0 R >> /XObject << /Fm0 6 0 R >> >> >> endobj
4 0 obj << /Length 0 >> stream
/Fm0 Do /Fm0 Do q 1 0 0 1 0 -20 cm /Fm0 Do Q /Fm0 Do
endstream endobj
5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj
6 0 obj << /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Length 0 >> stream
BT /F1 12 Tf 72 700 Td (GDP 5%) Tj ET /Fm0 Do
endstream endobj
trailer << /Root 1 0 R >>
%%EOF
";

#[test]
fn fuzz_pdf_reader() {
    let fixture =
        |name: &str| std::fs::read(common::root().join("tests/fixtures/pdf").join(name)).unwrap();
    let seeds = [
        PLAIN_PDF.as_bytes().to_vec(),
        FORM_PDF.as_bytes().to_vec(),
        fixture("cid-gbk.pdf"),
        fixture("two-articles.pdf"),
    ];
    assert!(
        lianghui::read::pdf::read(PLAIN_PDF.as_bytes()).is_ok(),
        "the plain seed must read, or the fuzzer explores nothing"
    );
    fuzz(
        "pdf",
        |rng| {
            let seed = &seeds[rng.gen_range(0..seeds.len())];
            mutate_bytes(seed, rng)
        },
        |input: &Vec<u8>| match lianghui::read::pdf::read(input) {
            Ok(page) => {
                let lines = page.text.lines().count();
                if page.origins.len() != lines || page.bold_leads.len() != lines {
                    return Err(format!(
                        "{lines} lines but {} origins, {} bold marks",
                        page.origins.len(),
                        page.bold_leads.len()
                    ));
                }
                let doc = lianghui::parse("fuzz.pdf", input, &ReadOptions::default())
                    .map_err(|e| format!("read once, failed twice: {e}"))?;
                lianghui::extract::facts(&doc);
                Ok(())
            }
            Err(e) if e.to_string().is_empty() => Err("an error without a message".into()),
            Err(_) => Ok(()),
        },
    );
}

#[test]
fn fuzz_html_reader() {
    let page = std::fs::read(common::root().join("tests/fixtures/html/split-utf8.html")).unwrap();
    let text = sample_text();
    fuzz(
        "html",
        |rng| {
            if rng.gen_bool(0.5) {
                mutate_bytes(&page, rng)
            } else {
                let body = window(&text, 400, rng);
                let tags = [
                    "<p>",
                    "</p>",
                    "<div class=\"nav\">",
                    "</div>",
                    "<br>",
                    "<a href=x>",
                    "</a>",
                    "<td>",
                    "<script>",
                ];
                let mut html = String::from("<html><body>");
                for chunk in body.split('，') {
                    html.push_str(tags[rng.gen_range(0..tags.len())]);
                    html.push_str(chunk);
                }
                html.into_bytes()
            }
        },
        |input: &Vec<u8>| {
            let page = lianghui::read::html::read(input);
            if page.text.lines().any(|l| l.trim().is_empty()) {
                return Err("a blank paragraph".into());
            }
            if let Ok(doc) = lianghui::parse("fuzz.html", input, &ReadOptions::default()) {
                lianghui::extract::facts(&doc);
            }
            Ok(())
        },
    );
}

/// A text file read as a stream gives the document and facts that reading it whole gives, or
/// is left to the whole reader; mutated bytes (CR, form feeds, NUL, broken UTF-8, tables,
/// traditional characters) probe the checks that decide which.
#[test]
fn fuzz_streamed_files() {
    let text = sample_text();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.txt");
    fuzz(
        "streamed",
        |rng| {
            let window = window(&text, 4000, rng);
            let mut bytes = mutate_text(&window, rng).into_bytes();
            if rng.gen_bool(0.3) {
                bytes = mutate_bytes(&bytes, rng);
            }
            bytes
        },
        |bytes: &Vec<u8>| {
            std::fs::write(&path, bytes).map_err(|e| e.to_string())?;
            let opts = ReadOptions::default();
            let streamed = lianghui::parse_text_file("f", &path, &opts)
                .map_err(|e| format!("the stream failed: {e}"))?;
            let Some(streamed) = streamed else {
                return Ok(());
            };
            let input = lianghui::read::load_owned(bytes.clone(), &opts)
                .map_err(|e| format!("streamed, but the whole reader refuses it: {e}"))?;
            let whole = lianghui::parse_owned("f", input);
            let show = |d: &lianghui::Document| {
                serde_json::to_string(&(d, lianghui::extract::facts(d))).unwrap_or_default()
            };
            if show(&streamed) != show(&whole) {
                return Err("the streamed document differs from the whole one".into());
            }
            Ok(())
        },
    );
}
