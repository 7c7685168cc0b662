//! Listing formats shared by every command that prints rows: aligned table, JSON Lines, CSV.

use crate::extract::Fact;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Jsonl,
    Csv,
}

/// A row that can be printed in every format.
pub trait Row: Serialize {
    /// Column names, in order.
    fn headers() -> &'static [&'static str];
    /// Cell texts, in the order of `headers`.
    fn cells(&self) -> Vec<String>;
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// A number as people write it: no trailing `.0`, no exponent.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e17 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

impl Row for Fact {
    fn headers() -> &'static [&'static str] {
        &[
            "article",
            "block",
            "line",
            "text",
            "value",
            "value_high",
            "unit",
            "qualifier",
            "measure",
            "direction",
            "kind",
            "region",
            "indicator",
            "code",
            "year",
            "optional",
            "sentence",
        ]
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.article.to_string(),
            self.block.to_string(),
            self.line.to_string(),
            self.text.clone(),
            number(self.value),
            self.value_high.map(number).unwrap_or_default(),
            self.unit.clone(),
            self.qualifier.as_str().to_owned(),
            self.measure.as_str().to_owned(),
            self.direction
                .map(|d| d.as_str().to_owned())
                .unwrap_or_default(),
            self.kind.as_str().to_owned(),
            opt(&self.region),
            self.indicator.clone(),
            opt(&self.code),
            opt(&self.year),
            self.optional.to_string(),
            self.sentence.clone(),
        ]
    }
}

pub fn write_facts(out: &mut impl Write, facts: &[Fact], format: Format) -> io::Result<()> {
    write_rows(out, facts, format, &["sentence", "block", "optional"])
}

/// Writes rows; `table_hidden` columns are left out of the table view only (too wide to read).
pub fn write_rows<R: Row>(
    out: &mut impl Write,
    rows: &[R],
    format: Format,
    table_hidden: &[&str],
) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            for r in rows {
                serde_json::to_writer(&mut *out, r)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            writeln!(out, "{}", R::headers().join(","))?;
            for r in rows {
                let cells: Vec<String> = r.cells().iter().map(|c| csv_cell(c)).collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        Format::Table => {
            let keep: Vec<usize> = (0..R::headers().len())
                .filter(|&i| !table_hidden.contains(&R::headers()[i]))
                .collect();
            let table: Vec<Vec<String>> =
                std::iter::once(R::headers().iter().map(|h| h.to_string()).collect())
                    .chain(rows.iter().map(Row::cells))
                    .map(|cells| keep.iter().map(|&i| cells[i].clone()).collect())
                    .collect();
            let widths: Vec<usize> = (0..keep.len())
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
                for (c, cell) in r.iter().enumerate() {
                    line.push_str(cell);
                    if c + 1 < r.len() {
                        line.push_str(&" ".repeat(widths[c] - display_width(cell) + 2));
                    }
                }
                writeln!(out, "{}", line.trim_end())?;
            }
        }
    }
    Ok(())
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
}
