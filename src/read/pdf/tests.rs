use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/pdf/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn paragraphs_of_source() -> Vec<String> {
    String::from_utf8(fixture("report.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_column_count_reads_back_the_printed_paragraphs() {
    let source = paragraphs_of_source();
    for name in ["report-2col.pdf", "report-3col.pdf", "report-4col.pdf"] {
        let page = read(&fixture(name)).unwrap();
        let lines: Vec<&str> = page.text.lines().collect();
        // The running head comes first, as a cue; then every paragraph, in order, one a line.
        assert_eq!(lines[0], "湖北日报 2026年1月21日 星期三", "{name}");
        let body: Vec<&str> = lines
            .iter()
            .copied()
            .skip_while(|l| *l != source[0])
            .collect();
        assert_eq!(body, source, "{name}");
        assert_eq!(page.origins.len(), lines.len());
        assert!(page.furniture_dropped >= 1, "{name}: the page number");
        assert!(!lines.contains(&"3"), "{name}: page number left in");
    }
}

#[test]
fn fake_bold_leads_are_one_copy_and_marked() {
    let page = read(&fixture("report-2col.pdf")).unwrap();
    let lines: Vec<&str> = page.text.lines().collect();
    let k = lines
        .iter()
        .position(|l| l.starts_with("（一）着力扩大有效需求。"))
        .unwrap();
    assert_eq!(
        page.bold_leads[k],
        Some("（一）着力扩大有效需求。".chars().count())
    );
    assert!(!page.text.contains("（（"));
    // A bold heading on a line of its own is no run-in lead.
    let h = lines
        .iter()
        .position(|l| *l == "一、2025年工作回顾")
        .unwrap();
    assert_eq!(page.bold_leads[h], None);
}

#[test]
fn origins_give_page_and_position() {
    let page = read(&fixture("report-2col.pdf")).unwrap();
    let lines: Vec<&str> = page.text.lines().collect();
    let k = lines.iter().position(|l| *l == "各位代表：").unwrap();
    let o = page.origins[k];
    assert_eq!(o.page, 1);
    // Indented two em from the left margin, below the headline block.
    assert!((50.0..65.0).contains(&o.x), "{o:?}");
    assert!((100.0..200.0).contains(&o.y), "{o:?}");
}

#[test]
fn adobe_gb1_fonts_without_tounicode_decode() {
    for name in ["cid-ucs2.pdf", "cid-gbk.pdf"] {
        let page = read(&fixture(name)).unwrap();
        assert_eq!(
            page.text,
            "政府工作报告\n各位代表：\n今年主要预期目标是：地区生产总值增长5%左右，\n城镇新增就业80万人以上。\n",
            "{name}"
        );
    }
}

#[test]
fn permissions_only_encryption_opens_like_a_reader_does() {
    let plain = read(&fixture("report-2col.pdf")).unwrap();
    let owner_only = read(&fixture("owner-only.pdf")).unwrap();
    assert_eq!(plain.text, owner_only.text);
}

#[test]
fn bad_files_are_named_errors() {
    assert_eq!(
        read(&fixture("encrypted.pdf")).unwrap_err(),
        PdfError::Encrypted
    );
    assert_eq!(
        read(&fixture("image-only.pdf")).unwrap_err(),
        PdfError::Scanned { pages: 1 }
    );
    assert!(matches!(
        read(&fixture("truncated.pdf")).unwrap_err(),
        PdfError::Damaged(_)
    ));
    assert_eq!(read(b"plain text").unwrap_err(), PdfError::NotPdf);
    assert!(matches!(
        read(b"%PDF-1.4\n1 0 obj garbage\n%%EOF").unwrap_err(),
        PdfError::Damaged(_)
    ));
    let msg = read(&fixture("image-only.pdf")).unwrap_err().to_string();
    assert!(msg.contains("OCR"), "{msg}");
}

#[test]
fn two_articles_on_a_page_read_one_after_the_other() {
    let page = read(&fixture("two-articles.pdf")).unwrap();
    let lines: Vec<&str> = page.text.lines().collect();
    assert_eq!(
        lines,
        [
            "甲省政府工作报告摘要",
            "刚刚过去的2025年，甲省地区生产总值增长5.6%，城镇新增就业60万人。",
            "今年主要预期目标是：地区生产总值增长5%左右，城镇新增就业55万人以上。",
            "乙省人大常委会工作报告摘要",
            "过去一年，省人大常委会审议法规草案31件，通过其中28件。",
            "开展执法检查6项，听取审议专项工作报告18个。",
        ]
    );
}

#[test]
fn a_table_reads_row_by_row() {
    let page = read(&fixture("table.pdf")).unwrap();
    let lines: Vec<&str> = page.text.lines().collect();
    assert_eq!(
        lines[1..],
        [
            "指标\u{3000}2025年实际\u{3000}2026年目标",
            "地区生产总值增长\u{3000}5.8%\u{3000}5.5%左右",
            "城镇新增就业\u{3000}92万人\u{3000}80万人以上",
            "居民消费价格涨幅\u{3000}0.4%\u{3000}2%左右",
        ]
    );
}

fn glyph(ch: char, x: f32, y: f32) -> Glyph {
    Glyph {
        ch,
        x,
        y,
        width: 10.0,
        size: 10.0,
    }
}

#[test]
fn overprinted_glyphs_merge_and_word_spaces_survive() {
    let mut glyphs = Vec::new();
    for (k, ch) in "一、总体要求".chars().enumerate() {
        glyphs.push(glyph(ch, 100.0 + 10.0 * k as f32, 700.0));
    }
    for (k, ch) in "一、总体要求".chars().enumerate() {
        glyphs.push(glyph(ch, 100.3 + 10.0 * k as f32, 700.0));
    }
    for (k, ch) in "GDP".chars().enumerate() {
        glyphs.push(Glyph {
            width: 6.0,
            ..glyph(ch, 100.0 + 6.0 * k as f32, 680.0)
        });
    }
    glyphs.push(glyph(' ', 118.0, 680.0));
    for (k, ch) in "up".chars().enumerate() {
        glyphs.push(Glyph {
            width: 6.0,
            ..glyph(ch, 121.0 + 6.0 * k as f32, 680.0)
        });
    }
    let page = layout::lay_out(vec![(glyphs, 842.0)]);
    assert_eq!(page.text, "一、总体要求\nGDP up\n");
}

#[test]
fn hostile_bytes_never_panic() {
    let base = fixture("report-2col.pdf");
    let mut seed = 0x2545_f491_u64;
    for _ in 0..40 {
        let mut bytes = base.clone();
        for _ in 0..20 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed as usize) % bytes.len();
            bytes[at] = (seed >> 32) as u8;
        }
        let _ = read(&bytes);
    }
}
