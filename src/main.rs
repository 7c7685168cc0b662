use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use lianghui::{output, BlockType, Document, ReadOptions, SourceEncoding};
use std::io::{Read, Write};
use std::path::Path;

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
    /// Extract every quantitative fact of a document.
    Facts {
        /// Input file, or `-` for standard input.
        file: String,
        /// Output format; by default a table on a terminal and JSON Lines when piped.
        #[arg(long, value_enum)]
        format: Option<ListFormat>,
        #[command(flatten)]
        input: InputArgs,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ListFormat {
    Table,
    Jsonl,
    Csv,
}

#[derive(clap::Args)]
struct InputArgs {
    /// Force the input encoding (utf-8, utf-16le, utf-16be, gb18030) instead of detecting it.
    #[arg(long)]
    encoding: Option<String>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = lianghui::read::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
}

#[derive(Clone, Copy, ValueEnum)]
enum DocFormat {
    Json,
    Text,
}

fn main() {
    if let Err(e) = run(Cli::parse()) {
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

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Parse {
            file,
            format,
            input,
        } => {
            let doc = load(&file, &input)?;
            let mut out = std::io::stdout().lock();
            match format {
                DocFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &doc)?;
                    writeln!(out)?;
                }
                DocFormat::Text => write_text(&mut out, &doc)?,
            }
            Ok(())
        }
        Command::Facts {
            file,
            format,
            input,
        } => {
            let doc = load(&file, &input)?;
            let facts = lianghui::extract::facts(&doc);
            let format = format.unwrap_or_else(default_list_format);
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            output::write_facts(&mut out, &facts, format.into())?;
            out.flush()?;
            Ok(())
        }
    }
}

fn default_list_format() -> ListFormat {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        ListFormat::Table
    } else {
        ListFormat::Jsonl
    }
}

impl From<ListFormat> for output::Format {
    fn from(f: ListFormat) -> Self {
        match f {
            ListFormat::Table => output::Format::Table,
            ListFormat::Jsonl => output::Format::Jsonl,
            ListFormat::Csv => output::Format::Csv,
        }
    }
}

fn read_options(input: &InputArgs) -> Result<ReadOptions> {
    let encoding = match &input.encoding {
        Some(name) => Some(SourceEncoding::parse(name).with_context(|| {
            format!("unknown encoding {name:?} (utf-8, utf-16le, utf-16be, gb18030)")
        })?),
        None => None,
    };
    Ok(ReadOptions {
        encoding,
        max_bytes: input.max_bytes,
    })
}

fn load(file: &str, input: &InputArgs) -> Result<Document> {
    let opts = read_options(input)?;
    let bytes = if file == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .context("reading standard input")?;
        b
    } else {
        std::fs::read(Path::new(file)).with_context(|| format!("{file}: cannot read"))?
    };
    lianghui::parse(file, &bytes, &opts).with_context(|| file.to_string())
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
