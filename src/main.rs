//! The `lianghui` command: a thin shell over the library.

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use lianghui::output::{self, Format};
use lianghui::store::{self, Access, FactFilter, IngestOutcome, Location, Store};
use lianghui::{BlockType, Document, ReadOptions, SourceEncoding};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "lianghui",
    version,
    about = "Two-sessions documents → clean text and every number they state"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct DbArg {
    /// The corpus database: a SQLite file, or a PostgreSQL server database given as
    /// `postgres://user[:password]@host[:port]/dbname`.
    #[arg(long, env = "LIANGHUI_DB", default_value = "lianghui.db", value_parser = parse_location)]
    db: Location,
}

fn parse_location(s: &str) -> Result<Location, String> {
    if s.trim().is_empty() {
        return Err("empty database location".into());
    }
    Ok(Location::parse(s))
}

#[derive(clap::Args)]
struct FormatArg {
    /// Output format; by default a table on a terminal and JSON Lines when piped.
    #[arg(long, value_enum)]
    format: Option<ListFormat>,
}

#[derive(clap::Args, Default)]
struct FilterArgs {
    #[arg(long)]
    region: Option<String>,
    /// Core indicator code, such as gdp_growth.
    #[arg(long)]
    code: Option<String>,
    /// Part of the indicator phrase.
    #[arg(long)]
    indicator: Option<String>,
    /// target, result or estimate.
    #[arg(long)]
    kind: Option<String>,
    #[arg(long)]
    year: Option<i32>,
    /// level, change, share or rank.
    #[arg(long)]
    measure: Option<String>,
    /// Span of years: `annual` (figures of one year), `any`, or a span such as 2021-2025
    /// (a five-year review or plan). compare shows annual figures unless told.
    #[arg(long, value_parser = parse_period)]
    period: Option<store::PeriodFilter>,
}

fn parse_period(s: &str) -> Result<store::PeriodFilter, String> {
    store::PeriodFilter::parse(s)
        .ok_or_else(|| format!("{s:?} is not a period: annual, any, or a span such as 2021-2025"))
}

#[derive(Subcommand)]
enum Command {
    /// Restore a document's text and structure.
    Parse {
        /// Input file, or `-` for standard input.
        file: String,
        #[arg(long, value_enum, default_value_t = DocFormat::Json)]
        format: DocFormat,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Extract every quantitative fact of a document (without --db), or list stored facts.
    Facts {
        /// Input file, or `-` for standard input.
        file: String,
        #[command(flatten)]
        format: FormatArg,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Parse files, folders (recursively) or glob patterns into the corpus database.
    Ingest {
        #[arg(required = true)]
        paths: Vec<String>,
        #[command(flatten)]
        db: DbArg,
        /// No progress bar.
        #[arg(long, short)]
        quiet: bool,
        /// Parsing threads, beside the one that writes the database (0: as many as the cores;
        /// they run at a lower priority, so the writer is never starved of its core).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        /// Give up on a document that takes longer than this many seconds.
        #[arg(long, default_value_t = 60.0)]
        max_seconds: f64,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Full-text search over restored paragraphs.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// List stored facts, filtered.
    Query {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        limit: Option<usize>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// One row per region (or per year with --by year): who set which figure.
    Compare {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, value_enum, default_value_t = CompareBy::Region)]
        by: CompareBy,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Targets set for a year beside the results reported for it: met, missed or unknown.
    Track {
        #[arg(long)]
        code: String,
        #[arg(long)]
        region: Option<String>,
        /// A span of years such as 2021-2025: a five-year plan's goals beside its outcome.
        /// Annual figures by default.
        #[arg(long, value_parser = parse_period)]
        period: Option<store::PeriodFilter>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// A region's report card: for each indicator, last year's target and result (met or
    /// missed), this year's target, and the five-year outcome and goal.
    Card {
        /// The region, by full or short name (湖北省 or 湖北).
        #[arg(long)]
        region: String,
        /// The report year (this year's targets); by default the latest the region has.
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Cells on which documents disagree: the same region, code, kind, year and period given
    /// different values (a press round-up against the report itself).
    Conflicts {
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
    },
    /// Write the stored facts (or documents) to a file for pandas, R, DuckDB or Spark.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(long, short)]
        output: PathBuf,
        #[arg(long, value_enum, default_value_t = ExportTable::Facts)]
        table: ExportTable,
        #[command(flatten)]
        db: DbArg,
    },
    /// Serve the corpus as a read-only web dashboard and JSON API.
    Serve {
        #[command(flatten)]
        db: DbArg,
        /// Address to listen on; loopback by default.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// List the stored documents.
    Documents {
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        format: FormatArg,
    },
}

#[derive(clap::Args)]
struct InputArgs {
    /// Force the input encoding (utf-8, utf-16le, utf-16be, gb18030) instead of detecting it.
    #[arg(long)]
    encoding: Option<String>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = lianghui::read::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Refuse inputs with a line longer than this many bytes.
    #[arg(long, default_value_t = lianghui::read::DEFAULT_MAX_LINE_BYTES)]
    max_line_bytes: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum DocFormat {
    Json,
    Text,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ListFormat {
    Table,
    Jsonl,
    Csv,
    /// An Excel workbook, written to standard output (redirect it to a file).
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportFormat {
    Csv,
    Jsonl,
    Parquet,
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ExportTable {
    Facts,
    Documents,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum CompareBy {
    Region,
    Year,
}

impl FormatArg {
    fn resolve(&self) -> Format {
        match self.format {
            Some(ListFormat::Table) => Format::Table,
            Some(ListFormat::Jsonl) => Format::Jsonl,
            Some(ListFormat::Csv) => Format::Csv,
            Some(ListFormat::Xlsx) => Format::Jsonl,
            None if std::io::stdout().is_terminal() => Format::Table,
            None => Format::Jsonl,
        }
    }
}

impl FilterArgs {
    /// The filter, with `period` where the command line names none.
    fn to_filter(&self, period: store::PeriodFilter) -> FactFilter {
        FactFilter {
            region: self.region.clone(),
            code: self.code.clone(),
            indicator: self.indicator.clone(),
            kind: self.kind.clone(),
            year: self.year,
            measure: self.measure.clone(),
            period: self.period.unwrap_or(period),
            ..FactFilter::default()
        }
    }
}

fn main() {
    match run(Cli::parse()) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // A reader that stops early (`| head`) is not an error worth reporting.
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return;
            }
            eprintln!("lianghui: {e:#}");
            std::process::exit(1);
        }
    }
}

fn run(cli: Cli) -> Result<i32> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Parse {
            file,
            format,
            input,
        } => {
            let doc = load(&file, &input)?;
            match format {
                DocFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &doc)?;
                    writeln!(out)?;
                }
                DocFormat::Text => write_text(&mut out, &doc)?,
            }
        }
        Command::Facts {
            file,
            format,
            input,
        } => {
            let doc = load(&file, &input)?;
            match format.resolve() {
                // JSON Lines and CSV go out as they are found; a table needs them all.
                f @ (output::Format::Jsonl | output::Format::Csv) => {
                    let mut stream = output::RowStream::new(&mut out, f);
                    let mut failed = None;
                    lianghui::extract::each_fact(&doc, None, &mut |f| {
                        if failed.is_none() {
                            failed = stream.fact(&f).err();
                        }
                    })
                    .ok();
                    if let Some(e) = failed {
                        return Err(e.into());
                    }
                }
                // A table is for reading on a terminal: it shows the first rows, not a
                // million of them held at once for their widths.
                f => {
                    let mut shown = Vec::new();
                    let mut more = 0usize;
                    lianghui::extract::each_fact(&doc, None, &mut |fact| {
                        if shown.len() < MAX_TABLE_ROWS {
                            shown.push(fact);
                        } else {
                            more += 1;
                        }
                    })
                    .ok();
                    output::write_facts(&mut out, &shown, f)?;
                    if more > 0 {
                        eprintln!(
                            "lianghui: {more} more facts not shown in the table; \
                             --format csv or jsonl lists them all"
                        );
                    }
                }
            }
        }
        Command::Ingest {
            paths,
            db,
            quiet,
            jobs,
            max_seconds,
            input,
        } => {
            let limits = lianghui::corpus::Limits {
                read: read_options(&input)?,
                max_seconds,
            };
            return ingest(&paths, &db.db, quiet, jobs, &limits);
        }
        Command::Search {
            query,
            limit,
            db,
            format,
        } => {
            let store = open_existing(&db.db)?;
            let hits = store.search(&query, limit)?;
            output::write_rows(&mut out, &hits, format.resolve(), &["doc_id", "rank"])?;
        }
        Command::Query {
            filter,
            limit,
            db,
            format,
        } => {
            let store = open_existing(&db.db)?;
            let mut f = filter.to_filter(store::PeriodFilter::Any);
            f.limit = limit;
            let facts: Vec<_> = store.facts(&f)?;
            print_rows(
                &mut out,
                &facts,
                &format,
                output::STORED_FACT_HIDDEN,
                "facts",
            )?;
        }
        Command::Compare {
            filter,
            by,
            db,
            format,
        } => {
            if filter.code.is_none() && filter.indicator.is_none() {
                bail!("compare needs --code or --indicator");
            }
            if by == CompareBy::Year && filter.region.is_none() {
                bail!("compare --by year needs --region");
            }
            let store = open_existing(&db.db)?;
            let facts = store.facts(&filter.to_filter(store::PeriodFilter::Annual))?;
            let rows = store::compare(&facts, by == CompareBy::Year);
            print_rows(
                &mut out,
                &rows,
                &format,
                &[
                    "sentence",
                    "doc_id",
                    "article",
                    "fact_id",
                    "value_high",
                    "indicator",
                    "others",
                ],
                "compare",
            )?;
        }
        Command::Track {
            code,
            region,
            period,
            db,
            format,
        } => {
            let store = open_existing(&db.db)?;
            let filter = FactFilter {
                code: Some(code.clone()),
                region,
                period: period.unwrap_or(store::PeriodFilter::Annual),
                ..FactFilter::default()
            };
            let rows = store::track(&store.facts(&filter)?, &code);
            print_rows(
                &mut out,
                &rows,
                &format,
                &[
                    "target_sentence",
                    "result_sentence",
                    "target_qualifier",
                    "target_document",
                    "result_document",
                    "target_ref",
                    "result_ref",
                ],
                "track",
            )?;
        }
        Command::Card {
            region,
            year,
            db,
            format,
        } => {
            let store = open_existing(&db.db)?;
            let Some(card) = store::region_card(store.as_ref(), &region, year)? else {
                bail!("no figures of {region} with a year in {}", db.db);
            };
            let rows = card.flat_rows();
            let hidden: Vec<String> = rows
                .first()
                .and_then(|r| r.as_object())
                .map(|o| {
                    o.keys()
                        .filter(|k| {
                            k.ends_with(" value")
                                || k.ends_with(" sentence")
                                || k.ends_with(" document")
                        })
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            let hidden: Vec<&str> = hidden.iter().map(String::as_str).collect();
            print_rows(&mut out, &rows, &format, &hidden, "card")?;
        }
        Command::Conflicts { filter, db, format } => {
            let store = open_existing(&db.db)?;
            let rows = store::conflicts(&store.facts(&filter.to_filter(store::PeriodFilter::Any))?);
            print_rows(&mut out, &rows, &format, &["variants"], "conflicts")?;
        }
        Command::Export {
            format,
            output: path,
            table,
            db,
        } => {
            let store = open_existing(&db.db)?;
            let file = std::fs::File::create(&path)
                .with_context(|| format!("{}: cannot create", path.display()))?;
            let mut w = std::io::BufWriter::new(file);
            match (table, format) {
                (ExportTable::Facts, ExportFormat::Xlsx) => {
                    let facts = store.facts(&FactFilter::default())?;
                    w.write_all(&output::xlsx_bytes(&facts, "facts")?)?;
                    w.flush()?;
                }
                (ExportTable::Documents, ExportFormat::Xlsx) => {
                    w.write_all(&output::xlsx_bytes(&store.documents()?, "documents")?)?;
                    w.flush()?;
                }
                (ExportTable::Facts, ExportFormat::Parquet) => {
                    store::write_facts_parquet(w, &store.facts(&FactFilter::default())?)?;
                }
                (ExportTable::Facts, f) => {
                    let facts = store.facts(&FactFilter::default())?;
                    output::write_rows(&mut w, &facts, list_format(f), &[])?;
                    w.flush()?;
                }
                (ExportTable::Documents, ExportFormat::Parquet) => {
                    bail!("documents export as csv or jsonl")
                }
                (ExportTable::Documents, f) => {
                    output::write_rows(&mut w, &store.documents()?, list_format(f), &[])?;
                    w.flush()?;
                }
            }
        }
        Command::Serve { db, addr } => {
            let source =
                lianghui::serve::Source::open(&db.db).with_context(|| db.db.to_string())?;
            let runtime = tokio::runtime::Runtime::new().context("starting the server runtime")?;
            runtime.block_on(async {
                let listener = tokio::net::TcpListener::bind(&addr)
                    .await
                    .with_context(|| format!("cannot listen on {addr}"))?;
                let local = listener.local_addr()?;
                eprintln!("lianghui: serving {} at http://{local}/", db.db);
                lianghui::serve::run(listener, source).await?;
                anyhow::Ok(())
            })?;
        }
        Command::Documents { db, format } => {
            let store = open_existing(&db.db)?;
            output::write_rows(&mut out, &store.documents()?, format.resolve(), &["hash"])?;
        }
    }
    out.flush()?;
    Ok(0)
}

/// Rows in the format asked for; a workbook goes to standard output only when that is not a
/// terminal.
fn print_rows<R: serde::Serialize>(
    out: &mut impl Write,
    rows: &[R],
    format: &FormatArg,
    table_hidden: &[&str],
    sheet: &str,
) -> Result<()> {
    if format.format == Some(ListFormat::Xlsx) {
        if std::io::stdout().is_terminal() {
            bail!("--format xlsx writes a workbook: redirect it to a file (> {sheet}.xlsx)");
        }
        out.write_all(&output::xlsx_bytes(rows, sheet)?)?;
        return Ok(());
    }
    output::write_rows(out, rows, format.resolve(), table_hidden)?;
    Ok(())
}

fn list_format(f: ExportFormat) -> Format {
    match f {
        ExportFormat::Csv => Format::Csv,
        _ => Format::Jsonl,
    }
}

fn open_existing(db: &Location) -> Result<Box<dyn Store>> {
    store::open(db, Access::Existing).with_context(|| db.to_string())
}

/// Most documents stored in one transaction.
const INGEST_BATCH: usize = 64;
/// Documents in the first transaction: the writer, which two cores wait on, starts as soon
/// as a few are parsed rather than after 64.
const INGEST_FIRST_BATCH: usize = 8;
/// Longest a parsed document waits for its batch.
const INGEST_BATCH_TIME: std::time::Duration = std::time::Duration::from_millis(500);

/// Parses every input in parallel and stores each whole document in its own transaction.
/// Returns the exit status: 0 when all went in, 2 when some failed.
fn ingest(
    paths: &[String],
    db: &Location,
    quiet: bool,
    jobs: usize,
    limits: &lianghui::corpus::Limits,
) -> Result<i32> {
    let (files, missing) = lianghui::corpus::collect_inputs(paths);
    let mut failed = missing.len();
    for (name, why) in &missing {
        eprintln!("lianghui: {name}: {why}");
    }
    if files.is_empty() {
        // Nothing to store: leave no empty database behind.
        if !quiet {
            eprintln!("0 added, 0 replaced, 0 unchanged, {failed} failed");
        }
        return Ok(if failed > 0 { 2 } else { 0 });
    }
    let mut store = store::open(db, Access::Write).with_context(|| db.to_string())?;
    let bar = if quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        let b = indicatif::ProgressBar::new(files.len() as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta} {msg}")
        {
            b.set_style(style);
        }
        b
    };
    // Parsed documents go in by batches, one transaction for a batch: a transaction per
    // document costs more than parsing it. A crash loses at most the open batch, never part of
    // a document. The writer has a thread of its own, so that the workers parse the next batch
    // while this one is written (with a writer on the receiving thread, the workers stood still
    // for every transaction).
    let (to_writer, batches) = std::sync::mpsc::sync_channel::<Vec<lianghui::store::IngestDoc>>(1);
    let background = store.background_problems();
    let writer = std::thread::spawn(move || {
        let mut counts = [0usize; 3]; // added, replaced, unchanged
        for batch in batches {
            match store.ingest_many(batch) {
                Ok(outcomes) => {
                    for o in outcomes {
                        counts[match o {
                            IngestOutcome::Added => 0,
                            IngestOutcome::Replaced => 1,
                            IngestOutcome::Unchanged => 2,
                        }] += 1;
                    }
                }
                // Nothing more is written; the batches still sent are dropped.
                Err(e) => return Err(e),
            }
        }
        Ok(counts)
    });
    let mut batch: Vec<lianghui::store::IngestDoc> = Vec::new();
    let mut last_flush = std::time::Instant::now();
    let mut sent_any = false;
    let jobs = match jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    lianghui::corpus::process_all(&files, limits, jobs, |path, result| {
        bar.inc(1);
        match result {
            Ok(doc) => batch.push(doc),
            Err(e) => {
                failed += 1;
                bar.suspend(|| eprintln!("lianghui: {}: {e}", path.display()));
            }
        }
        let full = if sent_any {
            INGEST_BATCH
        } else {
            INGEST_FIRST_BATCH
        };
        if !batch.is_empty() && (batch.len() >= full || last_flush.elapsed() > INGEST_BATCH_TIME) {
            sent_any = true;
            // A writer that stopped on an error says so when it is joined.
            let _ = to_writer.send(std::mem::take(&mut batch));
            last_flush = std::time::Instant::now();
        }
    });
    if !batch.is_empty() {
        let _ = to_writer.send(batch);
    }
    drop(to_writer);
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("{db}: the database writer stopped unexpectedly"))?;
    bar.finish_and_clear();
    // The store was dropped with the writer's thread, so its background work is done.
    if let Some(Ok(problems)) = background.as_ref().map(|b| b.lock()) {
        for p in problems.iter() {
            eprintln!("lianghui: warning: {p}");
        }
    }
    let counts = written.map_err(|e| anyhow::Error::new(e).context(db.to_string()))?;
    let [added, replaced, unchanged] = counts;
    if !quiet {
        eprintln!("{added} added, {replaced} replaced, {unchanged} unchanged, {failed} failed");
    }
    Ok(if failed > 0 { 2 } else { 0 })
}

fn read_options(input: &InputArgs) -> Result<ReadOptions> {
    let encoding = match &input.encoding {
        Some(name) => Some(SourceEncoding::named(name).map_err(anyhow::Error::msg)?),
        None => None,
    };
    Ok(ReadOptions {
        encoding,
        max_bytes: input.max_bytes,
        max_line_bytes: input.max_line_bytes,
    })
}

/// Most rows `facts` shows as a table.
const MAX_TABLE_ROWS: usize = 5000;

/// Files from this size on are read as a stream when they are plain UTF-8 text.
const STREAM_FROM_BYTES: u64 = 1 << 20;

fn load(file: &str, input: &InputArgs) -> Result<Document> {
    let opts = read_options(input)?;
    let path = Path::new(file);
    if file != "-" && std::fs::metadata(path).is_ok_and(|m| m.len() >= STREAM_FROM_BYTES) {
        let streamed = lianghui::parse_text_file(file, path, &opts)
            .with_context(|| format!("{file}: cannot read"))?;
        if let Some(doc) = streamed {
            return Ok(doc);
        }
    }
    let bytes = if file == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .context("reading standard input")?;
        b
    } else {
        std::fs::read(Path::new(file)).with_context(|| format!("{file}: cannot read"))?
    };
    // The bytes become the text (or go once decoded) before the pipeline makes its own
    // copies: peak memory is the sum of what is alive together.
    let input = lianghui::read::load_owned(bytes, &opts).with_context(|| file.to_string())?;
    Ok(lianghui::parse_owned(file, input))
}

fn write_text(out: &mut impl Write, doc: &Document) -> Result<()> {
    for (i, a) in doc.articles.iter().enumerate() {
        writeln!(
            out,
            "=== article {i} [{}] {}",
            a.kind.as_str(),
            a.title.as_deref().unwrap_or("")
        )?;
        for b in &a.blocks {
            match b.kind {
                BlockType::Heading => {
                    let marks = "#".repeat(usize::from(b.level.unwrap_or(1)));
                    writeln!(out, "{marks} {}", b.text)?;
                }
                BlockType::Paragraph => writeln!(out, "{}", b.text)?,
            }
        }
        writeln!(out)?;
    }
    Ok(())
}
