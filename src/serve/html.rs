//! Server-rendered pages. Every piece of text from documents or queries goes through [`esc`].

use super::chart::NATIONAL;
use super::params::url_encode;
use super::params::Params;
use crate::output::number;
use crate::store::{
    Card, CompareRow, ConflictRow, Figure, SearchHit, StoredArticle, StoredFact, TrackRow, Variant,
};
use crate::structure::BlockType;

const CSS: &str = include_str!("assets/app.css");
const JS: &str = include_str!("assets/app.js");

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

pub fn page(title: &str, active: &str, body: &str) -> String {
    let nav: String = [
        ("/compare", "Compare"),
        ("/track", "Track"),
        ("/card", "Card"),
        ("/conflicts", "Conflicts"),
        ("/facts", "Facts"),
        ("/documents", "Documents"),
        ("/search", "Search"),
    ]
    .iter()
    .map(|(href, name)| {
        let class = if *name == active {
            " class=\"active\""
        } else {
            ""
        };
        format!(r#"<a href="{href}"{class}>{name}</a>"#)
    })
    .collect();
    format!(
        r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{} · lianghui</title><style>{CSS}</style></head><body><header><strong>lianghui</strong><nav>{nav}</nav></header><main>{body}</main><script>{JS}</script></body></html>"#,
        esc(title)
    )
}

const CODES: &[&str] = &[
    "gdp",
    "gdp_growth",
    "fixed_asset_investment_growth",
    "retail_sales_growth",
    "industrial_value_added_growth",
    "budget_revenue_growth",
    "urban_new_jobs",
    "urban_unemployment_rate",
    "cpi",
    "income_growth",
    "urban_income_growth",
    "rural_income_growth",
    "trade_growth",
    "rd_intensity",
    "energy_intensity",
    "carbon_intensity",
    "grain_output",
    "pm25",
];

fn select(name: &str, current: &Option<String>, options: &[&str]) -> String {
    let mut s = format!(r#"<label>{name} <select name="{name}"><option value="">(any)</option>"#);
    for o in options {
        let sel = if current.as_deref() == Some(*o) {
            " selected"
        } else {
            ""
        };
        s.push_str(&format!(r#"<option{sel}>{o}</option>"#));
    }
    s.push_str("</select></label>");
    s
}

fn input(name: &str, value: &str) -> String {
    format!(
        r#"<label>{name} <input name="{name}" value="{}"></label>"#,
        esc(value)
    )
}

fn filter_form(action: &str, p: &Params, extra: &str) -> String {
    format!(
        r#"<form class="filters" method="get" action="{action}">{}{}{}{}{}{}{}{extra}<button>Show</button></form>"#,
        select("code", &p.code, CODES),
        input("indicator", opt(&p.indicator)),
        select("kind", &p.kind, &["target", "result", "estimate"]),
        input("year", &p.year.map(|y| y.to_string()).unwrap_or_default()),
        input("region", opt(&p.region)),
        select("measure", &p.measure, &["level", "change", "share", "rank"]),
        period_input(p),
    )
}

/// The span of years a table shows: one year (annual figures) by default, or a five-year span.
fn period_input(p: &Params) -> String {
    format!(
        r#"<label title="annual, any, or a span such as 2021-2025">period <input name="period" placeholder="annual" value="{}" list="periods"></label><datalist id="periods"><option value="annual"><option value="any"><option value="2021-2025"><option value="2026-2030"></datalist>"#,
        esc(opt(&p.period))
    )
}

/// A region's name as a link to its report card.
fn region_link(region: &Option<String>) -> String {
    match region.as_deref() {
        Some(r) if !r.is_empty() => format!(
            r#"<a class="region" href="/card?region={}">{}</a>"#,
            url_encode(r),
            esc(r)
        ),
        _ => String::new(),
    }
}

/// What an empty view says instead of its table.
fn empty_note(empty: bool, message: &str) -> String {
    if empty {
        format!(r#"<p class="empty">{}</p>"#, esc(message))
    } else {
        String::new()
    }
}

/// Links to the same view as a file: CSV, an Excel workbook and JSON, from `/api/{view}`;
/// nothing for an empty view.
fn downloads(view: &str, query: &str, count: usize, noun: &str) -> String {
    if count == 0 {
        return String::new();
    }
    let q = esc(query);
    let amp = if query.is_empty() { "" } else { "&amp;" };
    format!(
        r#"<p class="downloads">{count} {noun} · download <a class="download-csv" href="/api/{view}?{q}{amp}format=csv">CSV</a> · <a class="download-xlsx" href="/api/{view}?{q}{amp}format=xlsx">Excel</a> · <a href="/api/{view}?{q}{amp}format=json">JSON</a></p>"#
    )
}

/// One list item a document's figure: a link to it (with `link_attrs`), its document and its
/// sentence.
fn variant_items(variants: &[Variant], link_attrs: &str) -> String {
    variants
        .iter()
        .map(|v| {
            format!(
                r##"<li><a{link_attrs} href="/doc/{}#fact-{}">{}</a> <span class="path">{}</span><br><span class="sentence">{}</span></li>"##,
                v.doc_id,
                v.fact_id,
                esc(&v.text),
                esc(&v.path),
                esc(&v.sentence)
            )
        })
        .collect()
}

/// Other documents' figures for a cell, each with its sentence and document: shown where
/// sources disagree.
fn others_note(others: &[Variant]) -> String {
    if others.is_empty() {
        return String::new();
    }
    let items = variant_items(others, "");
    format!(
        r#"<details class="conflict-note"><summary>⚠ sources disagree</summary><ul>{items}</ul></details>"#
    )
}

fn fact_link(doc_id: i64, fact_id: i64, text: &str) -> String {
    format!(
        r##"<a class="factlink" href="/doc/{doc_id}#fact-{fact_id}">{}</a>"##,
        esc(text)
    )
}

/// The data the map draws: one entry per province with a figure.
fn map_data(rows: &[CompareRow]) -> String {
    let items: Vec<serde_json::Value> = rows
        .iter()
        .filter_map(|r| {
            let region = r.region.as_deref()?;
            let code = crate::regions::code_of(region)?;
            Some(serde_json::json!({
                "code": code,
                "region": region,
                // A range is coloured by its middle.
                "value": r.value_high.map_or(r.value, |h| (r.value + h) / 2.0),
                "label": format!("{}{}{}{}", r.mark, number(r.value), r.value_high.map(|h| format!("–{}", number(h))).unwrap_or_default(), r.unit),
                "sentence": r.sentence,
                "document": r.path,
                "href": format!("/doc/{}#fact-{}", r.doc_id, r.fact_id),
                "conflict": r.conflict,
            }))
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

fn map(rows: &[CompareRow]) -> String {
    let national = rows
        .iter()
        .find(|r| r.region.as_deref() == Some(NATIONAL))
        .map(|n| {
            format!(
                " · {NATIONAL} {}{}{}",
                n.mark,
                esc(&number(n.value)),
                esc(&n.unit)
            )
        })
        .unwrap_or_default();
    format!(
        r#"<section class="map-box"><div id="map" class="map" data-rows="{}" role="img" aria-label="map of China, provinces coloured by value"></div><p class="legend map-legend">Colour: the value (a range by its middle) · grey: no figure in the corpus · hover or tap a province for its figure and sentence{national}</p></section><script src="/assets/echarts.min.js"></script>"#,
        esc(&map_data(rows))
    )
}

pub fn compare(p: &Params, rows: &[CompareRow]) -> String {
    let by = format!(
        r#"<label>by <select name="by"><option value="region"{}>region</option><option value="year"{}>year</option></select></label>"#,
        if p.by_year { "" } else { " selected" },
        if p.by_year { " selected" } else { "" }
    );
    let (chart, map) = if p.by_year {
        (super::chart::line(rows), String::new())
    } else if rows.is_empty() {
        (String::new(), String::new())
    } else {
        (super::chart::bars(rows), map(rows))
    };
    let mut table = String::from(
        r#"<table class="sortable"><thead><tr><th>region</th><th>year</th><th>period</th><th data-type="number">value</th><th>as printed</th><th>indicator</th><th>source sentence</th></tr></thead><tbody>"#,
    );
    for r in rows {
        table.push_str(&format!(
            r#"<tr{}><td>{}</td><td>{}</td><td>{}</td><td data-value="{}">{}{}{}</td><td>{}</td><td>{}</td><td class="sentence">{}{}</td></tr>"#,
            if r.conflict { r#" class="conflict""# } else { "" },
            region_link(&r.region),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.period.map(|p| p.to_string()).unwrap_or_default(),
            r.value,
            r.mark,
            esc(&number(r.value)),
            esc(&r.unit),
            fact_link(r.doc_id, r.fact_id, &r.text),
            esc(&r.indicator),
            esc(&r.sentence),
            others_note(&r.others),
        ));
    }
    table.push_str("</tbody></table>");
    let empty = empty_note(
        rows.is_empty(),
        "No figures match. Pick an indicator code or phrase, a kind and a year.",
    );
    let downloads = downloads("compare", &p.query_string(None), rows.len(), "rows");
    page(
        "Compare",
        "Compare",
        &format!(
            "<h1>Compare</h1>{}<p class=\"legend\">≈ 左右 · ≥ 以上/超过 · ≤ 以内/以下 · ~ range (drawn from its low to its high end) · bars highest first · dashed line: {NATIONAL}</p>{empty}{map}{chart}{downloads}{table}",
            filter_form("/compare", p, &by)
        ),
    )
}

fn ref_link(r: Option<[i64; 2]>, text: &Option<String>, sentence: &Option<String>) -> String {
    match (r, text) {
        (Some([doc, fact]), Some(t)) => format!(
            r##"<a class="factlink" href="/doc/{doc}#fact-{fact}" title="{}">{}</a>"##,
            esc(opt(sentence)),
            esc(t)
        ),
        _ => String::new(),
    }
}

pub fn track(p: &Params, rows: &[TrackRow]) -> String {
    let mut table = String::from(
        r#"<table class="sortable"><thead><tr><th>region</th><th>year</th><th>period</th><th>target</th><th>result</th><th>status</th></tr></thead><tbody>"#,
    );
    for r in rows {
        table.push_str(&format!(
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="status {}">{}</td></tr>"#,
            region_link(&r.region),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.period.map(|p| p.to_string()).unwrap_or_default(),
            ref_link(r.target_ref, &r.target, &r.target_sentence),
            ref_link(r.result_ref, &r.result, &r.result_sentence),
            r.status.as_str(),
            r.status.as_str(),
        ));
    }
    table.push_str("</tbody></table>");
    let form = format!(
        r#"<form class="filters" method="get" action="/track">{}{}{}<button>Show</button></form>"#,
        select("code", &p.code, CODES),
        input("region", opt(&p.region)),
        period_input(p),
    );
    let downloads = downloads("track", &p.query_string(None), rows.len(), "rows");
    page(
        "Track",
        "Track",
        &format!("<h1>Targets and results</h1>{form}{downloads}{table}"),
    )
}

fn figure_cell(f: Option<&Figure>) -> String {
    let Some(f) = f else {
        return r#"<td class="none">—</td>"#.to_owned();
    };
    format!(
        r##"<td class="figure{}" data-value="{}"><a class="factlink" href="/doc/{}#fact-{}" title="{}">{}</a><span class="source" title="{}">{}</span>{}</td>"##,
        if f.others.is_empty() { "" } else { " conflict" },
        f.value,
        f.doc_id,
        f.fact_id,
        esc(&f.sentence),
        esc(&f.text),
        esc(&f.path),
        esc(f.path.rsplit(['/', '\\']).next().unwrap_or(&f.path)),
        others_note(&f.others),
    )
}

/// A region's report card: each indicator's targets and results, every figure a link to its
/// sentence.
pub fn card(p: &Params, card: Option<&Card>, regions: &[&str]) -> String {
    let form = format!(
        r#"<form class="filters" method="get" action="/card">{}{}<button>Show</button></form>"#,
        input("region", opt(&p.region)),
        input("year", &p.year.map(|y| y.to_string()).unwrap_or_default()),
    );
    let picker: String = regions
        .iter()
        .map(|r| format!(r#"<a href="/card?region={}">{}</a>"#, url_encode(r), esc(r)))
        .collect::<Vec<_>>()
        .join(" · ");
    let body = match card {
        None if p.region.is_some() => format!(
            r#"<p class="empty">No figures of {} with a year in the corpus.</p>"#,
            esc(opt(&p.region))
        ),
        None => String::new(),
        Some(c) => {
            let heads: String = c
                .slot_names()
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let status = if i == 1 { "<th>status</th>" } else { "" };
                    format!(r#"<th data-type="number">{}</th>{status}"#, esc(name))
                })
                .collect();
            let mut table = format!(
                r#"<table class="sortable card"><thead><tr><th>indicator</th>{heads}</tr></thead><tbody>"#
            );
            for r in &c.rows {
                let slots = c.slots(r);
                let indicator = slots
                    .iter()
                    .find_map(|(_, f)| f.map(|f| f.indicator.clone()))
                    .unwrap_or_default();
                table.push_str(&format!(
                    r#"<tr data-code="{}"><td><strong>{}</strong><br><span class="path">{}</span></td>"#,
                    esc(&r.code),
                    esc(&indicator),
                    esc(&r.code)
                ));
                for (i, (_, f)) in slots.iter().enumerate() {
                    table.push_str(&figure_cell(*f));
                    if i == 1 {
                        table.push_str(&format!(
                            r#"<td class="status {}">{}</td>"#,
                            r.status.as_str(),
                            r.status.as_str()
                        ));
                    }
                }
                table.push_str("</tr>");
            }
            table.push_str("</tbody></table>");
            let q = format!("region={}&year={}", url_encode(&c.region), c.year);
            format!(
                r#"<h2>{} · {} report card</h2><p class="legend">met: the result reaches the target (a 左右 target may fall short by 2 % of itself; a range needs its low end; for unemployment, prices and intensities lower is better) · missed: it does not · unknown: the corpus lacks one of the two</p>{}{table}"#,
                esc(&c.region),
                c.year,
                downloads("card", &q, c.rows.len(), "indicators"),
            )
        }
    };
    page(
        "Card",
        "Card",
        &format!(r#"<h1>Report card</h1>{form}<p class="regions">{picker}</p>{body}"#),
    )
}

/// Cells on which documents disagree, each with every document's figure and sentence.
pub fn conflicts(p: &Params, rows: &[ConflictRow]) -> String {
    let mut table = String::from(
        r#"<table class="sortable"><thead><tr><th>region</th><th>code</th><th>kind</th><th>year</th><th>period</th><th>figures</th></tr></thead><tbody>"#,
    );
    for r in rows {
        let figures = variant_items(&r.variants, r#" class="factlink""#);
        table.push_str(&format!(
            r#"<tr class="conflict"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><ul class="variants">{figures}</ul></td></tr>"#,
            region_link(&Some(r.region.clone())),
            esc(&r.code),
            r.kind.as_str(),
            r.year.map(|y| y.to_string()).unwrap_or_default(),
            r.period.map(|p| p.to_string()).unwrap_or_default(),
        ));
    }
    table.push_str("</tbody></table>");
    let form = format!(
        r#"<form class="filters" method="get" action="/conflicts">{}{}{}<button>Show</button></form>"#,
        select("code", &p.code, CODES),
        input("region", opt(&p.region)),
        input("year", &p.year.map(|y| y.to_string()).unwrap_or_default()),
    );
    let empty = empty_note(rows.is_empty(), "No two documents give different values for the same region, indicator, kind, year and period.");
    let downloads = downloads("conflicts", &p.query_string(None), rows.len(), "cells");
    page(
        "Conflicts",
        "Conflicts",
        &format!("<h1>Sources that disagree</h1>{form}{empty}{downloads}{table}"),
    )
}

pub fn facts(p: &Params, facts: &[StoredFact]) -> String {
    let downloads = downloads("facts", &p.query_string(None), facts.len(), "facts");
    let mut table = String::from(
        r#"<table class="sortable"><thead><tr><th>region</th><th>year</th><th>kind</th><th>indicator</th><th>as printed</th><th data-type="number">value</th><th>unit</th><th>measure</th><th>code</th><th>document</th></tr></thead><tbody>"#,
    );
    for f in facts {
        let x = &f.fact;
        table.push_str(&format!(
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td data-value="{}">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            region_link(&x.region),
            x.year.map(|y| y.to_string()).unwrap_or_default(),
            x.kind.as_str(),
            esc(&x.indicator),
            fact_link(f.doc_id, f.id, &x.text),
            x.value,
            esc(&number(x.value)),
            esc(&x.unit),
            x.measure.as_str(),
            esc(opt(&x.code)),
            esc(&f.path),
        ));
    }
    table.push_str("</tbody></table>");
    let text_box = input("q", opt(&p.q));
    page(
        "Facts",
        "Facts",
        &format!(
            "<h1>Facts</h1>{}{downloads}{table}",
            filter_form("/facts", p, &text_box)
        ),
    )
}

pub fn documents(docs: &[crate::store::DocumentRow]) -> String {
    let mut table = String::from(
        r#"<table class="sortable"><thead><tr><th>document</th><th data-type="number">articles</th><th data-type="number">facts</th><th>encoding</th><th>ingested</th></tr></thead><tbody>"#,
    );
    for d in docs {
        table.push_str(&format!(
            r#"<tr><td><a href="/doc/{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
            d.id,
            esc(&d.path),
            d.articles,
            d.facts,
            esc(&d.encoding),
            esc(&d.ingested_at)
        ));
    }
    table.push_str("</tbody></table>");
    page(
        "Documents",
        "Documents",
        &format!("<h1>Documents</h1>{table}"),
    )
}

/// Wraps each fact's span in a block's text with a link that is its own anchor.
fn highlight(text: &str, facts: &[&StoredFact]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<&&StoredFact> = facts.iter().collect();
    spans.sort_by_key(|f| f.fact.char_start);
    let mut out = String::new();
    let mut at = 0;
    for f in spans {
        let (s, e) = (f.fact.char_start, f.fact.char_end.min(chars.len()));
        if s < at || s >= e {
            continue;
        }
        out.push_str(&esc(&chars[at..s].iter().collect::<String>()));
        let title = format!(
            "{} · {} · {} · {}",
            f.fact.indicator,
            f.fact.kind.as_str(),
            f.fact.region.as_deref().unwrap_or("-"),
            f.fact.year.map(|y| y.to_string()).unwrap_or_default()
        );
        out.push_str(&format!(
            r##"<a class="fact" id="fact-{}" href="#fact-{}" title="{}">{}</a>"##,
            f.id,
            f.id,
            esc(&title),
            esc(&chars[s..e].iter().collect::<String>())
        ));
        at = e;
    }
    out.push_str(&esc(&chars[at.min(chars.len())..]
        .iter()
        .collect::<String>()));
    out
}

pub fn document(path: &str, articles: &[StoredArticle], facts: &[StoredFact]) -> String {
    let mut outline = String::from("<nav class=\"outline\"><h2>Outline</h2><ul>");
    let mut body = String::new();
    for a in articles {
        let art = &a.article;
        let title = art
            .title
            .clone()
            .unwrap_or_else(|| format!("Article {}", a.index + 1));
        outline.push_str(&format!(
            r##"<li class="art"><a href="#a-{}">{}</a></li>"##,
            a.index,
            esc(&title)
        ));
        let meta: Vec<String> = [
            Some(art.kind.as_str().to_owned()),
            art.region.clone(),
            art.date.clone(),
            art.speaker.clone(),
            (!art.authors.is_empty()).then(|| art.authors.join("、")),
            art.continued_on
                .as_ref()
                .map(|p| format!("continued on {p}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        body.push_str(&format!(
            r#"<article id="a-{}"><h2>{}</h2>{}<p class="meta">{}</p>"#,
            a.index,
            esc(&title),
            art.subtitle
                .as_ref()
                .map(|s| format!("<p class=\"subtitle\">{}</p>", esc(s)))
                .unwrap_or_default(),
            esc(&meta.join(" · "))
        ));
        for (bi, b) in art.blocks.iter().enumerate() {
            let here: Vec<&StoredFact> = facts
                .iter()
                .filter(|f| f.fact.article as i64 == a.index && f.fact.block == bi)
                .collect();
            let id = format!("b-{}-{}", a.index, bi);
            let lines = format!("lines {}–{}", b.span.line_start, b.span.line_end);
            match b.kind {
                BlockType::Heading => {
                    let level = b.level.unwrap_or(1).clamp(1, 4) + 2;
                    outline.push_str(&format!(
                        r##"<li class="l{}"><a href="#{id}">{}</a></li>"##,
                        b.level.unwrap_or(1),
                        esc(&b.text)
                    ));
                    body.push_str(&format!(
                        r#"<h{level} id="{id}" title="{lines}">{}</h{level}>"#,
                        highlight(&b.text, &here)
                    ));
                }
                BlockType::Paragraph => body.push_str(&format!(
                    r#"<p id="{id}" title="{lines}">{}</p>"#,
                    highlight(&b.text, &here)
                )),
            }
        }
        body.push_str("</article>");
    }
    outline.push_str("</ul></nav>");
    page(
        path,
        "Documents",
        &format!(
            r#"<h1 class="docpath">{}</h1><div class="doc">{outline}<div class="text">{body}</div></div>"#,
            esc(path)
        ),
    )
}

pub fn search(q: &str, hits: &[SearchHit]) -> String {
    let mut list = String::from("<ol class=\"hits\">");
    for h in hits {
        // The store marks matches 【…】; escape first, then turn the marks into <mark>.
        let snippet = esc(&h.snippet)
            .replace('【', "<mark>")
            .replace('】', "</mark>");
        list.push_str(&format!(
            r##"<li><a href="/doc/{}#b-{}-{}">{}</a> <span class="path">{} · line {}</span><p>{}</p></li>"##,
            h.doc_id,
            h.article,
            h.block,
            esc(if h.heading_path.is_empty() { opt(&h.article_title) } else { &h.heading_path }),
            esc(&h.path),
            h.line,
            snippet
        ));
    }
    list.push_str("</ol>");
    let form = format!(
        r#"<form class="filters" method="get" action="/search">{}<button>Search</button></form>"#,
        input("q", q)
    );
    let count = if q.is_empty() {
        String::new()
    } else {
        format!("<p>{} hits</p>", hits.len())
    };
    page(
        "Search",
        "Search",
        &format!("<h1>Search</h1>{form}{count}{list}"),
    )
}

pub fn error(status: u16, message: &str) -> String {
    page(
        "Error",
        "",
        &format!("<h1>{status}</h1><p class=\"error\">{}</p>", esc(message)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<script>alert("x")</script>&'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"
        );
    }
}
