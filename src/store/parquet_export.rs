//! Facts as a Parquet file, for pandas, R (arrow), DuckDB and Spark.

use super::{StoreError, StoredFact};
use parquet::basic::Compression;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::Write;
use std::sync::Arc;

/// The Parquet schema of exported facts; README documents the columns.
pub const FACTS_SCHEMA: &str = "
message fact {
  REQUIRED BYTE_ARRAY path (UTF8);
  REQUIRED INT64 article;
  REQUIRED INT64 block;
  REQUIRED INT64 line;
  REQUIRED BYTE_ARRAY text (UTF8);
  REQUIRED DOUBLE value;
  OPTIONAL DOUBLE value_high;
  OPTIONAL BYTE_ARRAY unit (UTF8);
  REQUIRED BYTE_ARRAY qualifier (UTF8);
  REQUIRED BYTE_ARRAY measure (UTF8);
  OPTIONAL BYTE_ARRAY direction (UTF8);
  REQUIRED BYTE_ARRAY kind (UTF8);
  OPTIONAL BYTE_ARRAY region (UTF8);
  REQUIRED BYTE_ARRAY indicator (UTF8);
  OPTIONAL BYTE_ARRAY code (UTF8);
  OPTIONAL INT32 year;
  REQUIRED BOOLEAN optional;
  REQUIRED BYTE_ARRAY sentence (UTF8);
  OPTIONAL INT32 page;
  OPTIONAL DOUBLE page_x;
  OPTIONAL DOUBLE page_y;
  OPTIONAL BYTE_ARRAY period (UTF8);
  OPTIONAL BYTE_ARRAY region_code (UTF8);
}";

fn strings<'a>(it: impl Iterator<Item = &'a str>) -> Vec<ByteArray> {
    it.map(|s| ByteArray::from(s.as_bytes().to_vec())).collect()
}

/// Values and definition levels of an optional column.
fn optional<T: Clone>(items: &[Option<T>]) -> (Vec<T>, Vec<i16>) {
    let values = items.iter().flatten().cloned().collect();
    let levels = items.iter().map(|v| i16::from(v.is_some())).collect();
    (values, levels)
}

pub fn write_facts_parquet<W: Write + Send>(
    out: W,
    facts: &[StoredFact],
) -> Result<(), StoreError> {
    let schema = Arc::new(parse_message_type(FACTS_SCHEMA)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, props)?;
    let mut group = writer.next_row_group()?;
    let f = |i: usize| &facts[i].fact;
    let n = facts.len();
    let mut column = 0;
    while let Some(mut col) = group.next_column()? {
        match (column, col.untyped()) {
            (0, ColumnWriter::ByteArrayColumnWriter(w)) => {
                w.write_batch(&strings(facts.iter().map(|x| x.path.as_str())), None, None)?;
            }
            (1..=3, ColumnWriter::Int64ColumnWriter(w)) => {
                let v: Vec<i64> = (0..n)
                    .map(|i| match column {
                        1 => f(i).article as i64,
                        2 => f(i).block as i64,
                        _ => i64::from(f(i).line),
                    })
                    .collect();
                w.write_batch(&v, None, None)?;
            }
            (5, ColumnWriter::DoubleColumnWriter(w)) => {
                let v: Vec<f64> = (0..n).map(|i| f(i).value).collect();
                w.write_batch(&v, None, None)?;
            }
            (6, ColumnWriter::DoubleColumnWriter(w)) => {
                let (v, d) = optional(&(0..n).map(|i| f(i).value_high).collect::<Vec<_>>());
                w.write_batch(&v, Some(&d), None)?;
            }
            (15, ColumnWriter::Int32ColumnWriter(w)) => {
                let (v, d) = optional(&(0..n).map(|i| f(i).year).collect::<Vec<_>>());
                w.write_batch(&v, Some(&d), None)?;
            }
            (18, ColumnWriter::Int32ColumnWriter(w)) => {
                let pages: Vec<Option<i32>> = (0..n).map(|i| f(i).page.map(|p| p as i32)).collect();
                let (v, d) = optional(&pages);
                w.write_batch(&v, Some(&d), None)?;
            }
            (19 | 20, ColumnWriter::DoubleColumnWriter(w)) => {
                let axis = column - 19;
                let at: Vec<Option<f64>> = (0..n).map(|i| f(i).page_xy.map(|p| p[axis])).collect();
                let (v, d) = optional(&at);
                w.write_batch(&v, Some(&d), None)?;
            }
            (16, ColumnWriter::BoolColumnWriter(w)) => {
                let v: Vec<bool> = (0..n).map(|i| f(i).optional).collect();
                w.write_batch(&v, None, None)?;
            }
            (c, ColumnWriter::ByteArrayColumnWriter(w)) => {
                let cell = |i: usize| -> Option<String> {
                    let x = f(i);
                    match c {
                        4 => Some(x.text.clone()),
                        // No unit (a ratio) is null, as in `facts`.
                        7 => Some(x.unit.clone()).filter(|u| !u.is_empty()),
                        8 => Some(x.qualifier.as_str().to_owned()),
                        9 => Some(x.measure.as_str().to_owned()),
                        10 => x.direction.map(|d| d.as_str().to_owned()),
                        11 => Some(x.kind.as_str().to_owned()),
                        12 => x.region.clone(),
                        13 => Some(x.indicator.clone()),
                        14 => x.code.clone(),
                        21 => x.period.map(|p| p.to_string()),
                        22 => x.region_code.clone(),
                        _ => Some(x.sentence.clone()),
                    }
                };
                let cells: Vec<Option<String>> = (0..n).map(cell).collect();
                if matches!(c, 7 | 10 | 12 | 14 | 21 | 22) {
                    let (v, d) = optional(&cells);
                    w.write_batch(&strings(v.iter().map(String::as_str)), Some(&d), None)?;
                } else {
                    let v: Vec<&str> = cells.iter().map(|c| c.as_deref().unwrap_or("")).collect();
                    w.write_batch(&strings(v.into_iter()), None, None)?;
                }
            }
            (c, _) => {
                return Err(StoreError::Corrupt(format!(
                    "parquet column {c} has an unexpected type"
                )))
            }
        }
        col.close()?;
        column += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(())
}
