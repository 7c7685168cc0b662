//! Stage 6, **serve**: a read-only web dashboard and JSON API over the corpus database.
//!
//! Every request reads through a read-only connection (SQLite's `query_only`, PostgreSQL's
//! `default_transaction_read_only`, from a pool), so no request can write; pages
//! are rendered on the server with inline SVG charts and embedded assets, so nothing is fetched
//! from the network and tables read without JavaScript.

mod chart;
pub mod html;
pub mod params;

use crate::output::{self, Format};
use crate::store::postgres::Pool;
use crate::store::{self, Access, FactFilter, Location, Store, StoreError};
use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use params::Params;
use std::path::PathBuf;
use std::sync::Arc;

/// Where the dashboard reads: a SQLite file opened afresh for each request (cheap, and always
/// the newest state), or a pool of PostgreSQL connections.
pub enum Source {
    Sqlite(PathBuf),
    Postgres(PgPool),
}

/// The pool, let go of off the async threads: closing a connection of the blocking driver
/// blocks, which a runtime's own thread must never do (the server's state is dropped there
/// when it stops).
pub struct PgPool(Option<Pool>);

impl Drop for PgPool {
    fn drop(&mut self) {
        if let Some(pool) = self.0.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                std::thread::spawn(move || drop(pool));
            }
        }
    }
}

/// PostgreSQL connections the server keeps open at most: the blocking threads that use them
/// wait for a free one rather than open more.
const POOL_SIZE: u32 = 8;

impl Source {
    /// Checks that `location` holds a whole corpus of this version before serving it.
    pub fn open(location: &Location) -> Result<Source, StoreError> {
        store::open(location, Access::ReadOnly)?.check_consistency()?;
        Ok(match location {
            Location::Sqlite(path) => Source::Sqlite(path.clone()),
            Location::Postgres(url) => Source::Postgres(PgPool(Some(
                store::postgres::PgStore::read_only_pool(url, POOL_SIZE)?,
            ))),
        })
    }

    fn store(&self) -> Result<Box<dyn Store>, StoreError> {
        Ok(match self {
            Source::Sqlite(path) => Box::new(store::sqlite::SqliteStore::open_read_only(path)?),
            Source::Postgres(PgPool(Some(pool))) => {
                Box::new(store::postgres::PgStore::pooled(pool)?)
            }
            Source::Postgres(PgPool(None)) => unreachable!("a pool is only taken when dropped"),
        })
    }
}

#[derive(Clone)]
struct App {
    db: Arc<Source>,
}

/// A failed request: the status and a message for the user.
struct Failure(StatusCode, String);

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (
            self.0,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html::error(self.0.as_u16(), &self.1),
        )
            .into_response()
    }
}

/// A failure of an API route answers in JSON.
struct ApiFailure(Failure);

impl From<Failure> for ApiFailure {
    fn from(f: Failure) -> Self {
        ApiFailure(f)
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.0 .1 }).to_string();
        (
            self.0 .0,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

type Page = Result<Response, Failure>;
type Api = Result<Response, ApiFailure>;

fn html_response(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn json_response<T: serde::Serialize>(value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(s) => ([(header::CONTENT_TYPE, "application/json")], s).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn parse_query(raw: Option<String>) -> Result<Params, Failure> {
    let raw = raw.unwrap_or_default();
    let pairs: Vec<(String, String)> = form_pairs(&raw)?;
    Params::parse(&pairs).map_err(|m| Failure(StatusCode::BAD_REQUEST, m))
}

/// `a=1&b=%E5%B1%B1` → pairs, with `+` as a space.
fn form_pairs(raw: &str) -> Result<Vec<(String, String)>, Failure> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

fn decode(s: &str) -> Result<String, Failure> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        Failure(
                            StatusCode::BAD_REQUEST,
                            "bad percent-encoding in the query".into(),
                        )
                    })?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out)
        .map_err(|_| Failure(StatusCode::BAD_REQUEST, "the query is not UTF-8".into()))
}

/// Runs `f` on a read-only connection, off the async threads.
async fn with_store<T, F>(app: &App, f: F) -> Result<T, Failure>
where
    T: Send + 'static,
    F: FnOnce(&dyn Store) -> Result<T, Failure> + Send + 'static,
{
    let db = app.db.clone();
    tokio::task::spawn_blocking(move || {
        let store = db.store()?;
        f(store.as_ref())
    })
    .await
    .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

fn compare_rows(store: &dyn Store, p: &Params) -> Result<Vec<store::CompareRow>, Failure> {
    if p.code.is_none() && p.indicator.is_none() {
        return Ok(Vec::new());
    }
    if p.by_year && p.region.is_none() {
        return Err(Failure(
            StatusCode::BAD_REQUEST,
            "by=year needs a region".into(),
        ));
    }
    // An analyst's table holds figures of one span: annual unless a span is asked for.
    let facts = store.facts(&p.filter(store::PeriodFilter::Annual))?;
    Ok(store::compare(&facts, p.by_year))
}

fn track_rows(store: &dyn Store, p: &Params) -> Result<Vec<store::TrackRow>, Failure> {
    let Some(code) = p.code.clone() else {
        return Ok(Vec::new());
    };
    let filter = FactFilter {
        code: Some(code.clone()),
        region: p.region.clone(),
        period: p.period_or(store::PeriodFilter::Annual),
        ..FactFilter::default()
    };
    Ok(store::track(&store.facts(&filter)?, &code))
}

/// Facts for the facts page and its downloads: the same filter, capped at 1000 rows unless a
/// limit is given.
fn fact_rows(store: &dyn Store, p: &Params) -> Result<Vec<store::StoredFact>, Failure> {
    let mut f = p.filter(store::PeriodFilter::Any);
    f.limit = Some(p.limit.unwrap_or(1000));
    Ok(store.facts(&f)?)
}

fn card_of(store: &dyn Store, p: &Params) -> Result<Option<store::Card>, Failure> {
    match p.region.as_deref() {
        Some(region) => Ok(store::region_card(store, region, p.year)?),
        None => Ok(None),
    }
}

fn conflict_rows(store: &dyn Store, p: &Params) -> Result<Vec<store::ConflictRow>, Failure> {
    Ok(store::conflicts(
        &store.facts(&p.filter(store::PeriodFilter::Any))?,
    ))
}

/// Rows as a file to download (`csv`, `xlsx`) or as JSON.
fn rows_response<R: serde::Serialize>(rows: &[R], format: Option<&str>, name: &str) -> Response {
    let file = |kind: &str, bytes: Vec<u8>, ext: &str| {
        (
            [
                (header::CONTENT_TYPE, kind.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.{ext}\""),
                ),
            ],
            bytes,
        )
            .into_response()
    };
    let failed =
        |e: std::io::Error| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response();
    match format {
        Some("csv") => {
            let mut buf = Vec::new();
            match output::write_rows(&mut buf, rows, Format::Csv, &[]) {
                Ok(()) => file("text/csv; charset=utf-8", buf, "csv"),
                Err(e) => failed(e),
            }
        }
        Some("xlsx") => match output::xlsx_bytes(rows, name) {
            Ok(bytes) => file(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                bytes,
                "xlsx",
            ),
            Err(e) => failed(e),
        },
        _ => json_response(&rows),
    }
}

async fn card_page(State(app): State<App>, RawQuery(q): RawQuery) -> Page {
    let p = parse_query(q)?;
    let view = p.clone();
    let card = with_store(&app, move |s| card_of(s, &p)).await?;
    let provinces: Vec<&str> = crate::regions::all(crate::regions::Level::Province)
        .map(|r| r.short)
        .collect();
    Ok(html_response(html::card(&view, card.as_ref(), &provinces)))
}

async fn api_card(State(app): State<App>, RawQuery(q): RawQuery) -> Api {
    let p = parse_query(q)?;
    if p.region.is_none() {
        return Err(Failure(StatusCode::BAD_REQUEST, "card needs region".into()).into());
    }
    let format = p.format.clone();
    let card = with_store(&app, move |s| card_of(s, &p)).await?;
    let Some(card) = card else {
        return Err(Failure(
            StatusCode::NOT_FOUND,
            "no figures of that region with a year".into(),
        )
        .into());
    };
    Ok(match format.as_deref() {
        Some(f @ ("csv" | "xlsx")) => rows_response(&card.flat_rows(), Some(f), "card"),
        _ => json_response(&card),
    })
}

async fn conflicts_page(State(app): State<App>, RawQuery(q): RawQuery) -> Page {
    let p = parse_query(q)?;
    let view = p.clone();
    let rows = with_store(&app, move |s| conflict_rows(s, &p)).await?;
    Ok(html_response(html::conflicts(&view, &rows)))
}

async fn api_conflicts(State(app): State<App>, RawQuery(q): RawQuery) -> Api {
    let p = parse_query(q)?;
    let format = p.format.clone();
    let rows = with_store(&app, move |s| conflict_rows(s, &p)).await?;
    Ok(rows_response(&rows, format.as_deref(), "conflicts"))
}

const ECHARTS: &str = include_str!("assets/vendor/echarts-4.9.0/echarts.min.js");
const CHINA: &str = include_str!("assets/vendor/echarts-4.9.0/china.json");

/// The bundled charting library and map, cached by the browser: they change only with a new
/// build.
fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}

async fn compare_page(State(app): State<App>, RawQuery(q): RawQuery) -> Page {
    let p = parse_query(q)?;
    let view = p.clone();
    let rows = with_store(&app, move |s| compare_rows(s, &p)).await?;
    Ok(html_response(html::compare(&view, &rows)))
}

async fn track_page(State(app): State<App>, RawQuery(q): RawQuery) -> Page {
    let p = parse_query(q)?;
    let view = p.clone();
    let rows = with_store(&app, move |s| track_rows(s, &p)).await?;
    Ok(html_response(html::track(&view, &rows)))
}

async fn facts_page(State(app): State<App>, RawQuery(q): RawQuery) -> Page {
    let p = parse_query(q)?;
    let view = p.clone();
    let rows = with_store(&app, move |s| fact_rows(s, &p)).await?;
    Ok(html_response(html::facts(&view, &rows)))
}

async fn documents_page(State(app): State<App>) -> Page {
    let docs = with_store(&app, |s| Ok(s.documents()?)).await?;
    Ok(html_response(html::documents(&docs)))
}

/// A document id from the path; anything but a number is a 400.
fn parse_id(id: &str) -> Result<i64, Failure> {
    id.parse().map_err(|_| {
        Failure(
            StatusCode::BAD_REQUEST,
            format!("document id {id:?} is not a number"),
        )
    })
}

async fn document_page(State(app): State<App>, UrlPath(id): UrlPath<String>) -> Page {
    let id = parse_id(&id)?;
    let (path, articles, facts) = with_store(&app, move |s| load_document(s, id)).await?;
    Ok(html_response(html::document(&path, &articles, &facts)))
}

type LoadedDocument = (String, Vec<store::StoredArticle>, Vec<store::StoredFact>);

fn load_document(s: &dyn Store, id: i64) -> Result<LoadedDocument, Failure> {
    let doc = s
        .documents()?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| Failure(StatusCode::NOT_FOUND, format!("no document {id}")))?;
    let articles = s.articles(id)?;
    let facts = s.facts(&FactFilter {
        doc_id: Some(id),
        ..FactFilter::default()
    })?;
    Ok((doc.path, articles, facts))
}

async fn search_page(State(app): State<App>, RawQuery(q): RawQuery) -> Page {
    let p = parse_query(q)?;
    let query = p.q.clone().unwrap_or_default();
    let limit = p.limit.unwrap_or(50);
    let qq = query.clone();
    let hits = with_store(&app, move |s| Ok(s.search(&qq, limit)?)).await?;
    Ok(html_response(html::search(&query, &hits)))
}

async fn api_compare(State(app): State<App>, RawQuery(q): RawQuery) -> Api {
    let p = parse_query(q)?;
    if p.code.is_none() && p.indicator.is_none() {
        return Err(Failure(
            StatusCode::BAD_REQUEST,
            "compare needs code or indicator".into(),
        )
        .into());
    }
    let format = p.format.clone();
    let rows = with_store(&app, move |s| compare_rows(s, &p)).await?;
    Ok(rows_response(&rows, format.as_deref(), "compare"))
}

async fn api_track(State(app): State<App>, RawQuery(q): RawQuery) -> Api {
    let p = parse_query(q)?;
    if p.code.is_none() {
        return Err(Failure(StatusCode::BAD_REQUEST, "track needs code".into()).into());
    }
    let format = p.format.clone();
    let rows = with_store(&app, move |s| track_rows(s, &p)).await?;
    Ok(rows_response(&rows, format.as_deref(), "track"))
}

async fn api_facts(State(app): State<App>, RawQuery(q): RawQuery) -> Api {
    let p = parse_query(q)?;
    let format = p.format.clone();
    let rows = with_store(&app, move |s| fact_rows(s, &p)).await?;
    Ok(rows_response(&rows, format.as_deref(), "facts"))
}

async fn api_documents(State(app): State<App>) -> Api {
    let docs = with_store(&app, |s| Ok(s.documents()?)).await?;
    Ok(json_response(&docs))
}

async fn api_document(State(app): State<App>, UrlPath(id): UrlPath<String>) -> Api {
    let id = parse_id(&id)?;
    let (path, articles, facts) = with_store(&app, move |s| load_document(s, id)).await?;
    Ok(json_response(&serde_json::json!({
        "id": id,
        "path": path,
        "articles": articles,
        "facts": facts,
    })))
}

async fn api_search(State(app): State<App>, RawQuery(q): RawQuery) -> Api {
    let p = parse_query(q)?;
    let Some(query) = p.q.clone() else {
        return Err(Failure(StatusCode::BAD_REQUEST, "search needs q".into()).into());
    };
    let limit = p.limit.unwrap_or(50);
    let hits = with_store(&app, move |s| Ok(s.search(&query, limit)?)).await?;
    Ok(json_response(&hits))
}

async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiFailure(Failure(
            StatusCode::NOT_FOUND,
            format!("no such endpoint {}", uri.path()),
        ))
        .into_response()
    } else {
        Failure(StatusCode::NOT_FOUND, format!("no page at {}", uri.path())).into_response()
    }
}

/// The dashboard's routes over the corpus in `db`.
pub fn router(db: Source) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { Redirect::to("/compare?code=gdp_growth&kind=target") }),
        )
        .route("/compare", get(compare_page))
        .route("/track", get(track_page))
        .route("/card", get(card_page))
        .route("/conflicts", get(conflicts_page))
        .route("/facts", get(facts_page))
        .route("/documents", get(documents_page))
        .route("/doc/{id}", get(document_page))
        .route("/search", get(search_page))
        .route("/api/compare", get(api_compare))
        .route("/api/track", get(api_track))
        .route("/api/card", get(api_card))
        .route("/api/conflicts", get(api_conflicts))
        .route(
            "/assets/echarts.min.js",
            get(|| async { asset("text/javascript; charset=utf-8", ECHARTS) }),
        )
        .route(
            "/assets/china.json",
            get(|| async { asset("application/json", CHINA) }),
        )
        .route("/api/facts", get(api_facts))
        .route("/api/documents", get(api_documents))
        .route("/api/documents/{id}", get(api_document))
        .route("/api/search", get(api_search))
        .fallback(not_found)
        .with_state(App { db: Arc::new(db) })
}

/// Serves until the process is stopped (Ctrl-C ends it cleanly).
pub async fn run(listener: tokio::net::TcpListener, db: Source) -> std::io::Result<()> {
    axum::serve(listener, router(db))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
