//! The dashboard and API, served on an ephemeral loopback port over a small test corpus.

#[macro_use]
mod common;

use common::Backend;

use lianghui::store::Location;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

struct Server {
    addr: SocketAddr,
    _dir: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

/// A corpus with the sample, two reports and a document carrying an injection attempt.
fn start(backend: Backend) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let db = Location::parse(&backend.db(dir.path()));
    let mut store = lianghui::store::open(&db, lianghui::store::Access::Write).unwrap();
    let inputs: Vec<(String, Vec<u8>)> = vec![
        ("shanxi.txt".into(), common::sample_bytes()),
        (
            "henan-2025.txt".into(),
            "政府工作报告\n——2025年1月20日在河南省第十四届人民代表大会第三次会议上\n\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n\n二、2025年工作安排\n\n全省生产总值增长5.5%左右。\n".as_bytes().to_vec(),
        ),
        (
            "henan-2026.txt".into(),
            "政府工作报告\n——2026年1月20日在河南省第十四届人民代表大会第四次会议上\n\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n\n一、2025年工作回顾\n\n全省生产总值增长5.6%。\n".as_bytes().to_vec(),
        ),
        (
            "evil<script>.txt".into(),
            "2025年广西将经济增长目标设为5%左右<script>alert('x')</script><img src=x onerror=alert(1)>。\n".as_bytes().to_vec(),
        ),
    ];
    for (name, bytes) in inputs {
        let path = dir.path().join(&name);
        std::fs::write(&path, &bytes).unwrap();
        let doc = lianghui::corpus::process(&path, &lianghui::corpus::Limits::default()).unwrap();
        store.ingest(&doc).unwrap();
    }
    drop(store);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let source = lianghui::serve::Source::open(&db).unwrap();
    runtime.spawn(lianghui::serve::run(listener, source));
    Server {
        addr,
        _dir: dir,
        _runtime: runtime,
    }
}

/// A plain HTTP/1.1 GET; returns status and body.
fn get(server: &Server, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(server.addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_owned()
    };
    (status, body)
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n]);
        body = &rest[n + 2..];
    }
    out
}

fn json(server: &Server, path: &str) -> serde_json::Value {
    let (status, body) = get(server, path);
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

fn api_compare_lists_regions_with_marks(backend: Backend) {
    let s = start(backend);
    let rows = json(&s, "/api/compare?code=gdp_growth&kind=target&year=2025");
    let regions: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["region"].as_str().unwrap())
        .collect();
    assert_eq!(regions, ["四川", "山东", "广东", "广西", "江苏", "河南"]);
    let henan = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["region"] == "河南")
        .unwrap();
    assert_eq!(henan["value"], 5.5);
    assert_eq!(henan["mark"], "≈");
    assert!(henan["path"].as_str().unwrap().ends_with("henan-2025.txt"));
}

fn api_track_marks_met_targets(backend: Backend) {
    let s = start(backend);
    let rows = json(&s, "/api/track?code=gdp_growth&region=%E6%B2%B3%E5%8D%97");
    let row = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["year"] == 2025)
        .unwrap();
    assert_eq!(row["status"], "met");
    assert_eq!(row["target"], "5.5%左右");
    assert_eq!(row["result"], "5.6%");
}

fn api_facts_filters_and_downloads_csv(backend: Backend) {
    let s = start(backend);
    let rows = json(&s, "/api/facts?region=%E5%B1%B1%E8%A5%BF&kind=estimate");
    let values: Vec<f64> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [2e11, 1.8e11, 1.4e11, 4.1, 6.0]);
    let (status, csv) = get(
        &s,
        "/api/facts?region=%E5%B1%B1%E8%A5%BF&kind=estimate&format=csv",
    );
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 6);
    assert!(csv.starts_with("id,doc_id,path,"));
}

fn api_document_and_search(backend: Backend) {
    let s = start(backend);
    let docs = json(&s, "/api/documents");
    let shanxi = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("shanxi.txt"))
        .unwrap();
    let id = shanxi["id"].as_i64().unwrap();
    let doc = json(&s, &format!("/api/documents/{id}"));
    assert_eq!(doc["articles"].as_array().unwrap().len(), 3);
    assert!(doc["facts"].as_array().unwrap().len() >= 74);
    let hits = json(&s, "/api/search?q=%E7%BB%BF%E8%AF%81");
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert!(hits[0]["snippet"].as_str().unwrap().contains("【绿证】"));
}

fn pages_render_and_link_facts_to_their_sentence(backend: Backend) {
    let s = start(backend);
    let (status, page) = get(&s, "/compare?code=gdp_growth&kind=target&year=2025");
    assert_eq!(status, 200);
    assert_eq!(page.matches("class=\"bar ").count(), 6);
    let link = page.split("href=\"/doc/").nth(1).unwrap();
    let (doc, rest) = link.split_once("#fact-").unwrap();
    let fact = rest.split('"').next().unwrap();
    let (status, docpage) = get(&s, &format!("/doc/{doc}"));
    assert_eq!(status, 200);
    assert!(
        docpage.contains(&format!("id=\"fact-{fact}\"")),
        "the fact is anchored on its document page"
    );
    for path in [
        "/track?code=gdp_growth",
        "/facts?region=%E5%B1%B1%E8%A5%BF",
        "/documents",
        "/search?q=%E5%B1%B1%E8%A5%BF",
        "/compare?code=gdp_growth&region=%E6%B2%B3%E5%8D%97&by=year",
    ] {
        let (status, body) = get(&s, path);
        assert_eq!(status, 200, "{path}: {body}");
        assert!(body.contains("</html>"));
    }
    let (status, _) = get(&s, "/");
    assert_eq!(status, 303);
}

fn bad_parameters_get_400_and_unknown_paths_404(backend: Backend) {
    let s = start(backend);
    for path in [
        "/api/compare?code=gdp_growth&year=abc",
        "/api/compare?code=gdp_growth&kind=wish",
        "/api/compare?code=x%27%3B%20DROP%20TABLE%20facts",
        "/api/facts?limit=-1",
        "/api/facts?colour=red",
        "/api/compare",
        "/api/track",
        "/api/documents/abc",
        "/compare?year=%ZZ",
        "/compare?code=gdp_growth&by=year",
    ] {
        let (status, body) = get(&s, path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(!body.is_empty());
    }
    assert_eq!(get(&s, "/nothing-here").0, 404);
    assert_eq!(get(&s, "/api/nothing").0, 404);
    assert_eq!(get(&s, "/doc/999999").0, 404);
    // Nothing was dropped by the attempt above.
    assert!(json(&s, "/api/facts").as_array().unwrap().len() > 70);
}

fn injected_markup_is_rendered_inert(backend: Backend) {
    let s = start(backend);
    let docs = json(&s, "/api/documents");
    let evil = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().contains("evil"))
        .unwrap();
    let id = evil["id"].as_i64().unwrap();
    for path in [
        format!("/doc/{id}"),
        "/documents".to_owned(),
        "/facts?region=%E5%B9%BF%E8%A5%BF".to_owned(),
        "/compare?code=gdp_growth&kind=target&year=2025".to_owned(),
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_owned(),
        "/search?q=alert".to_owned(),
    ] {
        let (status, body) = get(&s, &path);
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains("<script>alert"), "{path}: live script");
        assert!(!body.contains("<img src=x"), "{path}: live image");
    }
    let (_, page) = get(&s, &format!("/doc/{id}"));
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
}

fn report_card_conflicts_map_and_workbooks(backend: Backend) {
    let s = start(backend);
    let henan = "%E6%B2%B3%E5%8D%97%E7%9C%81";
    let card = json(&s, &format!("/api/card?region={henan}&year=2026"));
    assert_eq!(card["region"], "河南");
    let growth = card["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "gdp_growth")
        .unwrap();
    assert_eq!(growth["last_target"]["text"], "5.5%左右");
    assert!(growth["last_target"]["path"]
        .as_str()
        .unwrap()
        .ends_with("henan-2025.txt"));
    assert_eq!(growth["last_result"]["text"], "5.6%");
    assert_eq!(growth["status"], "met");
    let (status, page) = get(&s, &format!("/card?region={henan}&year=2026"));
    assert_eq!(status, 200);
    assert!(
        page.contains(r#"<td class="status met">met</td>"#),
        "{page}"
    );
    assert!(page.contains("/doc/") && page.contains("#fact-"));
    // The reports and the sample's round-up agree.
    assert_eq!(json(&s, "/api/conflicts"), serde_json::json!([]));
    let (status, page) = get(&s, "/conflicts");
    assert_eq!(status, 200);
    assert!(page.contains("No two documents give different values"));

    let (_, page) = get(&s, "/compare?code=gdp_growth&kind=target&year=2025");
    assert!(page.contains(r#"id="map""#) && page.contains("/assets/echarts.min.js"));
    assert!(
        page.contains(r#"href="/card?region="#),
        "region names link to their card"
    );
    let (status, js) = get(&s, "/assets/echarts.min.js");
    assert_eq!(status, 200);
    assert!(js.len() > 500_000);
    let china = json(&s, "/assets/china.json");
    assert_eq!(china["features"].as_array().unwrap().len(), 34);

    for view in [
        "compare?code=gdp_growth&kind=target",
        "track?code=gdp_growth",
        "facts?region=%E6%B2%B3%E5%8D%97",
        &format!("card?region={henan}&year=2026"),
        "conflicts?code=gdp_growth",
    ] {
        let (status, body) = get(&s, &format!("/api/{view}&format=xlsx"));
        assert_eq!(status, 200, "{view}");
        assert!(body.starts_with("PK"), "{view}: not a workbook");
        let (status, csv) = get(&s, &format!("/api/{view}&format=csv"));
        assert_eq!(status, 200, "{view}");
        assert!(
            view.starts_with("conflicts") || csv.lines().count() >= 2,
            "{view}: {csv}"
        );
    }
}

on_both_stores!(
    report_card_conflicts_map_and_workbooks,
    api_compare_lists_regions_with_marks,
    api_track_marks_met_targets,
    api_facts_filters_and_downloads_csv,
    api_document_and_search,
    pages_render_and_link_facts_to_their_sentence,
    bad_parameters_get_400_and_unknown_paths_404,
    injected_markup_is_rendered_inert
);
