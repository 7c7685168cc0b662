//! Saved web pages → the article's paragraphs, one a line, with the page's title, date and
//! address.
//!
//! Portals still serve GB2312/GBK, so the charset comes from the BOM, then `<meta charset>` /
//! `http-equiv`, then the bytes themselves. The page is parsed by html5ever (through
//! `scraper`), as a browser would. The article is the deepest element that still holds most
//! of the page's running text: navigation, login boxes, share bars, related links and footers
//! are either links (whose text does not count) or hold little of it, and every such part is
//! skipped when the paragraphs are written out.

use ego_tree::NodeId;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use regex::bytes::Regex as BytesRegex;
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

/// A web page's article: paragraphs one a line, and what the page says about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WebPage {
    pub text: String,
    pub title: Option<String>,
    /// As the page gives it: `2026-01-30` or `2026-01-30 09:30`.
    pub date: Option<String>,
    pub url: Option<String>,
    /// The charset the page was decoded from (`utf-8`, `gbk`, …).
    pub charset: &'static str,
}

/// Whether `bytes` look like an HTML page: markup within the first bytes after any BOM and
/// blank space.
pub fn is_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .trim_ascii_start();
    if !head.starts_with(b"<") {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<title",
    ]
    .iter()
    .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

static META_CHARSET: LazyLock<BytesRegex> = LazyLock::new(|| {
    BytesRegex::new(r#"(?i-u)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9_\-]+)"#)
        .expect("regex")
});

/// Decodes a page: BOM, then the charset the markup declares, then UTF-8 if the bytes are
/// valid UTF-8, else GB18030 (a superset of GB2312 and GBK).
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc.name());
    }
    let head = &bytes[..bytes.len().min(4096)];
    let declared = META_CHARSET
        .captures(head)
        .and_then(|c| Encoding::for_label(c.get(1)?.as_bytes()))
        // A page cannot declare UTF-16 in ASCII markup; browsers read that as UTF-8.
        .map(|e| {
            if e == UTF_16LE || e == UTF_16BE {
                UTF_8
            } else {
                e
            }
        })
        // GB2312 and GBK labels are decoded as their superset, as browsers do.
        .map(|e| if e.name() == "GBK" { GB18030 } else { e });
    let enc = declared.unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            UTF_8
        } else {
            GB18030
        }
    });
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (
        text.into_owned(),
        if enc == GB18030 { "gbk" } else { label(enc) },
    )
}

fn label(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "Big5" => "big5",
        _ => "other",
    }
}

/// Elements that are never article text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "select", "option", "button", "iframe", "svg", "canvas", "object", "head", "title", "input",
    "textarea", "label", "menu", "dialog",
];

/// Words in a class or id that mark page furniture.
const FURNITURE_MARKS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "foot",
    "share",
    "related",
    "relate",
    "side",
    "login",
    "breadcrumb",
    "position",
    "location",
    "crumb",
    "copyright",
    "header",
    "toolbar",
    "comment",
    "recommend",
    "advert",
    "banner",
    "qrcode",
    "print",
    "fontsize",
];

/// Tags that end a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "dd",
    "dt",
    "dl",
    "hr",
    "pre",
    "center",
    "tbody",
    "thead",
];

fn is_furniture(el: &ElementRef) -> bool {
    let e = el.value();
    if SKIP_TAGS.contains(&e.name()) {
        return true;
    }
    let marks = e
        .classes()
        .chain(e.id())
        .flat_map(|s| s.split(['-', '_', ' ']))
        .map(str::to_ascii_lowercase);
    for mark in marks {
        if FURNITURE_MARKS.contains(&mark.as_str()) {
            return true;
        }
    }
    false
}

/// Characters of running text under each element, links, scripts and furniture left out.
fn text_weight<'a>(el: ElementRef<'a>, weights: &mut HashMap<NodeId, usize>) -> usize {
    let mut total = 0;
    for child in el.children() {
        match child.value() {
            Node::Text(t) => total += t.chars().filter(|c| !c.is_whitespace()).count(),
            Node::Element(e) if e.name() != "a" => {
                if let Some(child_el) = ElementRef::wrap(child) {
                    if !is_furniture(&child_el) {
                        total += text_weight(child_el, weights);
                    }
                }
            }
            _ => {}
        }
    }
    weights.insert(el.id(), total);
    total
}

/// The element that holds the article: going down from `<body>` while one child still holds
/// most of the running text.
fn main_content<'a>(body: ElementRef<'a>, weights: &HashMap<NodeId, usize>) -> ElementRef<'a> {
    let total = weights.get(&body.id()).copied().unwrap_or(0);
    let mut current = body;
    loop {
        let next = current
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| !is_furniture(c))
            .find(|c| weights.get(&c.id()).copied().unwrap_or(0) * 10 >= total * 6);
        match next {
            Some(c) => current = c,
            None => return current,
        }
    }
}

#[derive(Default)]
struct Writer {
    out: Vec<String>,
    current: String,
}

impl Writer {
    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            let c = if c.is_whitespace() { ' ' } else { c };
            if c == ' ' && (self.current.is_empty() || self.current.ends_with(' ')) {
                continue;
            }
            self.current.push(c);
        }
    }

    fn flush(&mut self) {
        let para = tidy(&self.current);
        if !para.is_empty() {
            self.out.push(para);
        }
        self.current.clear();
    }
}

/// Drops the spaces HTML source formatting leaves between Chinese characters; keeps those
/// between Latin words and numbers.
fn tidy(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = chars.get(i.wrapping_sub(1)).copied().unwrap_or(' ');
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            if !(prev.is_ascii_alphanumeric() && next.is_ascii_alphanumeric()) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn write_paragraphs(el: ElementRef, w: &mut Writer) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => w.push_text(t),
            Node::Element(e) => {
                let Some(child_el) = ElementRef::wrap(child) else {
                    continue;
                };
                if is_furniture(&child_el) {
                    continue;
                }
                let block = BLOCK_TAGS.contains(&e.name());
                if block {
                    w.flush();
                }
                // Cells of a row stay on its line, apart as a table prints them.
                if matches!(e.name(), "td" | "th") && !w.current.trim().is_empty() {
                    w.current.push('\u{3000}');
                }
                write_paragraphs(child_el, w);
                if block {
                    w.flush();
                }
            }
            _ => {}
        }
    }
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn first_attr(doc: &Html, selectors: &[&str], attr: &str) -> Option<String> {
    selectors.iter().find_map(|s| {
        doc.select(&selector(s))
            .filter_map(|e| e.attr(attr))
            .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|v| !v.is_empty())
    })
}

fn first_text(doc: &Html, s: &str) -> Option<String> {
    doc.select(&selector(s))
        .map(|e| {
            tidy(
                &e.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .find(|t| !t.is_empty())
}

static VISIBLE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:发布|发表|更新)(?:时间|日期)\s*[:：]\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:\s+\d{1,2}:\d{2})?)")
        .expect("regex")
});

/// Deepest nesting of container elements kept. The HTML tree builder scans its stack of
/// open elements on every tag, so a page nested hundreds of thousands deep (hostile, or a
/// broken template) would take minutes; no real page nests this deep.
const MAX_NESTING: usize = 256;

/// Container elements that are always closed explicitly, so their depth can be counted from
/// the tags alone (`<p>`, `<li>`, `<td>` close implicitly and are never dropped).
const CONTAINERS: &[&str] = &[
    "div",
    "span",
    "section",
    "article",
    "font",
    "center",
    "blockquote",
    "a",
    "b",
    "i",
    "u",
    "em",
    "strong",
    "small",
    "big",
    "ul",
    "ol",
    "table",
    "tbody",
    "form",
    "label",
    "main",
    "aside",
    "header",
    "footer",
    "nav",
];

/// The page with container tags deeper than [`MAX_NESTING`] taken out (their text stays); the
/// page itself where nothing is that deep. One pass over the markup.
fn bound_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    let tag_name = |rest: &str| -> String {
        rest.chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    // First pass: how deep does it go?
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for (i, _) in html.match_indices('<') {
        let rest = &html[i + 1..];
        if let Some(close) = rest.strip_prefix('/') {
            if CONTAINERS.contains(&tag_name(close).as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if CONTAINERS.contains(&tag_name(rest).as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    if deepest <= MAX_NESTING {
        return std::borrow::Cow::Borrowed(html);
    }
    // Second pass: drop the tags beyond the bound, opening and closing alike.
    let mut out = String::with_capacity(html.len());
    let mut kept_upto = 0;
    let mut depth = 0usize;
    for (i, _) in html.match_indices('<') {
        if i < kept_upto {
            continue;
        }
        let rest = &html[i + 1..];
        let (closing, name) = match rest.strip_prefix('/') {
            Some(close) => (true, tag_name(close)),
            None => (false, tag_name(rest)),
        };
        if !CONTAINERS.contains(&name.as_str()) {
            continue;
        }
        let deep = if closing {
            let d = depth;
            depth = depth.saturating_sub(1);
            d > MAX_NESTING
        } else {
            depth += 1;
            depth > MAX_NESTING
        };
        if deep {
            let end = rest.find('>').map_or(html.len(), |e| i + 1 + e + 1);
            out.push_str(&html[kept_upto..i]);
            kept_upto = end;
        }
    }
    out.push_str(&html[kept_upto..]);
    std::borrow::Cow::Owned(out)
}

/// Reads a saved web page.
pub fn read(bytes: &[u8]) -> WebPage {
    let (source, charset) = decode(bytes);
    let source = bound_nesting(&source);
    let doc = Html::parse_document(&source);
    let body = doc
        .select(&selector("body"))
        .next()
        .unwrap_or_else(|| doc.root_element());
    let mut weights = HashMap::new();
    text_weight(body, &mut weights);
    let content = main_content(body, &weights);
    let mut w = Writer::default();
    write_paragraphs(content, &mut w);
    w.flush();

    let title = first_attr(
        &doc,
        &[
            r#"meta[name="ArticleTitle"]"#,
            r#"meta[name="articletitle"]"#,
            r#"meta[property="og:title"]"#,
        ],
        "content",
    )
    .or_else(|| first_text(&doc, "h1"))
    .or_else(|| first_text(&doc, "title"));
    let date = first_attr(
        &doc,
        &[
            r#"meta[name="PubDate"]"#,
            r#"meta[name="pubdate"]"#,
            r#"meta[name="publishdate"]"#,
            r#"meta[name="PublishDate"]"#,
            r#"meta[property="article:published_time"]"#,
        ],
        "content",
    )
    .or_else(|| {
        let visible: String = body.text().collect();
        VISIBLE_DATE
            .captures(&visible)
            .map(|c| c[1].split_whitespace().collect::<Vec<_>>().join(" "))
    });
    let url = first_attr(&doc, &[r#"link[rel="canonical"]"#], "href").or_else(|| {
        first_attr(
            &doc,
            &[r#"meta[property="og:url"]"#, r#"meta[name="url"]"#],
            "content",
        )
    });
    let mut text = w.out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    WebPage {
        text,
        title,
        date,
        url,
        charset,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_page_nested_beyond_reason_is_read_in_bounded_time() {
        let n = 100_000;
        let page = format!(
            "<html><body>{}<p>全省地区生产总值增长5%。</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let bounded = bound_nesting(&page);
        assert!(bounded.matches("<div>").count() <= MAX_NESTING);
        assert_eq!(
            bounded.matches("<div>").count(),
            bounded.matches("</div>").count()
        );
        let read = read(page.as_bytes());
        assert!(
            read.text.contains("全省地区生产总值增长5%。"),
            "{}",
            read.text
        );
        // A page of ordinary depth is not touched.
        let plain = "<div><div><p>正文</p></div></div>";
        assert!(matches!(
            bound_nesting(plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn report_split_over_divs_is_one_article_without_furniture() {
        let page = read(&fixture("split-utf8.html"));
        assert_eq!(page.charset, "utf-8");
        assert_eq!(
            page.text,
            "各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议。\n一、2025年工作回顾\n\
             刚刚过去的2025年，全省地区生产总值增长5.8%，\n城镇新增就业92万人。\n二、2026年工作安排\n\
             今年主要预期目标是：地区生产总值增长5.5%左右，城镇新增就业80万人以上。\n\
             指标\u{3000}目标\n研发经费增长\u{3000}10%以上\n"
        );
        assert_eq!(page.title.as_deref(), Some("政府工作报告（示例）"));
        assert_eq!(page.date.as_deref(), Some("2026年1月22日 10:05"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://www.example.gov.cn/zwgk/2026/0122/report.html")
        );
    }

    #[test]
    fn gb2312_portal_page_decodes_and_drops_its_sidebar() {
        let bytes = fixture("portal-gb2312.html");
        assert!(is_html(&bytes));
        let page = read(&bytes);
        assert_eq!(page.charset, "gbk");
        assert!(
            page.text.starts_with("政府工作报告\n"),
            "{}",
            &page.text[..60]
        );
        assert!(page.text.contains("地区生产总值增长5.5%左右"));
        for furniture in ["相关", "ICP", "登录", "首页", "分享", "电话"] {
            assert!(!page.text.contains(furniture), "{furniture} left in");
        }
        assert_eq!(page.title.as_deref(), Some("政府工作报告"));
        assert_eq!(page.date.as_deref(), Some("2026-01-22 09:30"));
    }

    #[test]
    fn charset_by_bom_meta_and_sniffing() {
        let gbk = encoding_rs::GBK.encode("<p>增长5%左右</p>").0.into_owned();
        assert_eq!(decode(&gbk), ("<p>增长5%左右</p>".to_owned(), "gbk"));
        let mut declared = b"<meta charset=\"GB2312\">".to_vec();
        declared.extend_from_slice(&gbk);
        assert_eq!(decode(&declared).1, "gbk");
        let bom = [b"\xEF\xBB\xBF".as_slice(), "<p>年</p>".as_bytes()].concat();
        assert_eq!(decode(&bom), ("<p>年</p>".to_owned(), "UTF-8"));
        assert_eq!(decode("<p>年</p>".as_bytes()).1, "utf-8");
    }

    #[test]
    fn only_markup_is_taken_for_a_page() {
        assert!(is_html(b"  <!DOCTYPE html><html>"));
        assert!(is_html(b"\xEF\xBB\xBF<html><body>"));
        assert!(!is_html("各位代表：<html>".as_bytes()));
        assert!(!is_html(&fixture("binary.html")));
        assert!(!is_html(b"<not markup at all>"));
    }
}
