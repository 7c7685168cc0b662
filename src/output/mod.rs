//! Listing formats shared by every command that prints rows: aligned table, JSON Lines, CSV.
//! Any serialisable row prints in all three; its fields, in declaration order, are the columns.

use serde::Serialize;
use serde_json::Value;
use std::io::{self, Write};

mod fact_json;
use fact_json::write_fact as write_fact_json;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Jsonl,
    Csv,
}

/// Columns of stored facts too wide or too internal for a terminal table.
pub const STORED_FACT_HIDDEN: &[&str] = &[
    "sentence",
    "block",
    "optional",
    "char_start",
    "char_end",
    "doc_id",
    "id",
    "article_kind",
    "article_title",
    "article_region",
    "value_high",
    "direction",
    "page_xy",
];

/// A number as people write it: no trailing `.0`, no exponent.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e17 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), number),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

pub fn write_facts(
    out: &mut impl Write,
    facts: &[crate::extract::Fact],
    format: Format,
) -> io::Result<()> {
    write_rows(
        out,
        facts,
        format,
        &[
            "sentence",
            "block",
            "optional",
            "char_start",
            "char_end",
            "page_xy",
        ],
    )
}

/// Rows as JSON objects, whose keys in order are the columns.
fn objects<R: Serialize>(rows: &[R]) -> Vec<serde_json::Map<String, Value>> {
    rows.iter().filter_map(object).collect()
}

/// A row as a JSON object, whose keys in order are the columns.
fn object<R: Serialize>(row: &R) -> Option<serde_json::Map<String, Value>> {
    match serde_json::to_value(row) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    }
}

/// Writes rows one at a time as JSON Lines or CSV (the CSV header from the first row's
/// columns), so that a caller holds none of them. A table needs all its rows for its widths:
/// [`write_rows`].
pub struct RowStream<W: Write> {
    out: W,
    format: Format,
    headers: Option<Vec<String>>,
    /// A JSON line in the making, kept for the next.
    line: Vec<u8>,
}

impl<W: Write> RowStream<W> {
    /// A stream of JSON Lines or CSV rows (a table is written as CSV).
    pub fn new(out: W, format: Format) -> RowStream<W> {
        RowStream {
            out,
            format,
            headers: None,
            line: Vec::new(),
        }
    }

    /// A fact as a row: the same as [`RowStream::row`], with JSON Lines written without
    /// serde's generic serializer (see `fact_json`).
    pub fn fact(&mut self, fact: &crate::extract::Fact) -> io::Result<()> {
        if self.format != Format::Jsonl {
            return self.row(fact);
        }
        self.line.clear();
        write_fact_json(&mut self.line, fact);
        self.line.push(b'\n');
        self.out.write_all(&self.line)
    }

    pub fn row<R: Serialize>(&mut self, row: &R) -> io::Result<()> {
        if self.format == Format::Jsonl {
            serde_json::to_writer(&mut self.out, row)?;
            return self.out.write_all(b"\n");
        }
        let Some(object) = object(row) else {
            return Ok(());
        };
        let headers = match &self.headers {
            Some(h) => h,
            None => {
                let h: Vec<String> = object.keys().cloned().collect();
                let line: Vec<String> = h.iter().map(|c| csv_cell(c)).collect();
                writeln!(self.out, "{}", line.join(","))?;
                self.headers.insert(h)
            }
        };
        let cells: Vec<String> = headers
            .iter()
            .map(|h| csv_cell(&object.get(h).map(cell).unwrap_or_default()))
            .collect();
        writeln!(self.out, "{}", cells.join(","))
    }
}

/// Writes rows; `table_hidden` columns are left out of the table view only.
pub fn write_rows<R: Serialize>(
    out: &mut impl Write,
    rows: &[R],
    format: Format,
    table_hidden: &[&str],
) -> io::Result<()> {
    if format != Format::Table {
        let mut stream = RowStream::new(out, format);
        return rows.iter().try_for_each(|r| stream.row(r));
    }
    let objects = objects(rows);
    let Some(first) = objects.first() else {
        return Ok(());
    };
    let headers: Vec<&str> = first
        .keys()
        .map(String::as_str)
        .filter(|h| !table_hidden.contains(h))
        .collect();
    let table: Vec<Vec<String>> = std::iter::once(headers.iter().map(|h| h.to_string()).collect())
        .chain(objects.iter().map(|o| {
            headers
                .iter()
                .map(|h| o.get(*h).map(cell).unwrap_or_default())
                .collect()
        }))
        .collect();
    let widths: Vec<usize> = (0..headers.len())
        .map(|c| {
            table
                .iter()
                .map(|r| display_width(&r[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in &table {
        let mut line = String::new();
        for (c, text) in r.iter().enumerate() {
            line.push_str(text);
            if c + 1 < r.len() {
                line.push_str(&" ".repeat(widths[c] - display_width(text) + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Rows as an Excel workbook of one sheet: the same columns as CSV, numbers as numbers, the
/// header row bold and frozen, so that a figure can be summed or charted where it lands.
pub fn xlsx_bytes<R: Serialize>(rows: &[R], sheet: &str) -> io::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format as CellFormat, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| io::Error::other(e.to_string());
    let objects = objects(rows);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(fail)?;
    let bold = CellFormat::new().set_bold();
    let headers: Vec<String> = objects
        .first()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold)
            .map_err(fail)?;
    }
    for (r, o) in objects.iter().enumerate() {
        let row = r as u32 + 1;
        for (c, h) in headers.iter().enumerate() {
            let col = c as u16;
            match o.get(h) {
                None | Some(Value::Null) => {}
                Some(Value::Number(n)) => {
                    if let Some(v) = n.as_f64() {
                        ws.write_number(row, col, v).map_err(fail)?;
                    }
                }
                Some(Value::Bool(b)) => {
                    ws.write_boolean(row, col, *b).map_err(fail)?;
                }
                Some(v) => {
                    let text = cell(v);
                    widths[c] = widths[c].max(display_width(&text));
                    ws.write_string(row, col, &text).map_err(fail)?;
                }
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).clamp(6, 60) as f64 + 1.0)
            .map_err(fail)?;
    }
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Terminal columns: wide (CJK) characters take two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if crate::restore::chars::is_wide(c) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_plainly() {
        assert_eq!(number(1.4e13), "14000000000000");
        assert_eq!(number(5.5), "5.5");
        assert_eq!(number(131.7), "131.7");
        assert_eq!(number(-0.5), "-0.5");
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(display_width("山西5%"), 6);
    }

    #[derive(Serialize)]
    struct R {
        b: &'static str,
        a: Option<f64>,
    }

    #[test]
    fn columns_keep_field_order_in_every_format() {
        let rows = [
            R {
                b: "x,y",
                a: Some(2.0),
            },
            R {
                b: "山西", a: None
            },
        ];
        let mut csv = Vec::new();
        write_rows(&mut csv, &rows, Format::Csv, &[]).unwrap();
        assert_eq!(String::from_utf8(csv).unwrap(), "b,a\n\"x,y\",2\n山西,\n");
        let mut table = Vec::new();
        write_rows(&mut table, &rows, Format::Table, &["a"]).unwrap();
        assert_eq!(String::from_utf8(table).unwrap(), "b\nx,y\n山西\n");
    }
}
