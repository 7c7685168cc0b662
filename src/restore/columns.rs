//! Pages flattened into table rows. Converters that read a PDF page as a table (markitdown,
//! docling, …) print a newspaper page's columns side by side, one `| a | b | c |` row per
//! printed baseline. Read across, the text is word salad; read down, it is the page.
//!
//! The page is rebuilt column by column:
//! - a row whose last cell the next row's first cell reads again (`——向新而行。` then
//!   `——向新而行。全力`) is one baseline split by a fake-bold copy: the two rows are one, the
//!   copy kept in its column for the restorer to undo;
//! - rows of page furniture (running head, page number) close a page;
//! - within a page, rows before the first row that fills every column span the columns (the
//!   headline block); after it, the cells of a row are its columns from the left (a column
//!   that has run out leaves the rightmost cells empty);
//! - each page is printed as its spanning rows, then its first column, its second, ….
//!
//! Cells are slices of the input, so every line keeps its input line and byte offset.

use super::{furniture, Line, PAGE_NUMBER};

/// Share of non-blank lines that must be table rows for a text to be read as a flattened page.
const MIN_TABLE_SHARE: f32 = 0.6;

/// One printed baseline: its cells, each holding one line (or a fake-bold copy and the line
/// that reads it again).
type Row<'a> = Vec<Vec<Line<'a>>>;

/// Whether `lines` are a page flattened into table rows.
pub fn is_flattened<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let mut share = TableShare::default();
    lines.for_each(|t| share.see(t));
    share.is_flattened()
}

/// The share of table rows among the lines of a text, counted as its lines go by.
#[derive(Debug, Default)]
pub(crate) struct TableShare {
    pub(crate) non_blank: usize,
    rows: usize,
}

impl TableShare {
    /// Counts one line, trimmed.
    pub(crate) fn see(&mut self, text: &str) {
        if !text.is_empty() {
            self.non_blank += 1;
            self.rows += usize::from(is_row(text));
        }
    }

    pub(crate) fn is_flattened(&self) -> bool {
        self.non_blank > 0 && self.rows as f32 >= MIN_TABLE_SHARE * self.non_blank as f32
    }
}

fn is_row(text: &str) -> bool {
    text.len() >= 2 && text.starts_with('|') && text.ends_with('|')
}

/// The cells of a table row, as lines of their own.
fn cells<'a>(line: &Line<'a>) -> Row<'a> {
    if !is_row(line.text) {
        return vec![vec![line.clone()]];
    }
    let inner = &line.text[1..line.text.len() - 1];
    let mut out = Vec::new();
    let mut offset = line.byte_start + 1;
    for cell in inner.split('|') {
        let lead = cell.len() - cell.trim_start().len();
        let text = cell.trim();
        // A Markdown header rule (`| --- | --- |`) carries no text.
        if !text.is_empty() && !text.chars().all(|c| matches!(c, '-' | ':' | ' ')) {
            out.push(vec![Line::new(line.no, offset + lead, text, false)]);
        }
        offset += cell.len() + 1;
    }
    out
}

fn is_furniture_row(row: &Row) -> bool {
    !row.is_empty()
        && row.iter().flatten().all(|l| {
            PAGE_NUMBER.is_match(l.text)
                || matches!(
                    furniture::classify(l.text),
                    Some(furniture::FurnitureKind::RunningHead)
                )
        })
}

/// Reads a flattened page down its columns: the lines in reading order, each still pointing at
/// its input line.
pub fn unflatten<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    let mut rows: Vec<Row<'a>> = Vec::new();
    for line in lines.iter().filter(|l| !l.text.is_empty()) {
        let row = cells(line);
        if row.is_empty() {
            continue;
        }
        // A baseline split by a fake-bold copy: join the rows, the copy before its line.
        if let Some(prev) = rows.last_mut() {
            let copy = prev.last().and_then(|c| c.last()).map(|l| l.text);
            let first = row.first().and_then(|c| c.first()).map(|l| l.text);
            if let (Some(copy), Some(first)) = (copy, first) {
                if super::bold_copy_line(copy, first) {
                    let mut row = row.into_iter();
                    if let (Some(cell), Some(first_cell)) = (prev.last_mut(), row.next()) {
                        cell.extend(first_cell);
                    }
                    prev.extend(row);
                    continue;
                }
            }
        }
        rows.push(row);
    }

    let mut out = Vec::with_capacity(lines.len());
    let mut page: Vec<Row<'a>> = Vec::new();
    for row in rows {
        if is_furniture_row(&row) {
            emit_page(std::mem::take(&mut page), &mut out);
            out.extend(row.into_iter().flatten());
        } else {
            page.push(row);
        }
    }
    emit_page(page, &mut out);
    out
}

fn emit_page<'a>(page: Vec<Row<'a>>, out: &mut Vec<Line<'a>>) {
    let columns = page.iter().map(Vec::len).max().unwrap_or(0);
    let first_full = page.iter().position(|r| r.len() == columns).unwrap_or(0);
    let mut by_column: Vec<Vec<Line<'a>>> = vec![Vec::new(); columns];
    for (i, row) in page.into_iter().enumerate() {
        if i < first_full {
            out.extend(row.into_iter().flatten());
            continue;
        }
        for (c, cell) in row.into_iter().enumerate() {
            by_column[c].extend(cell);
        }
    }
    out.extend(by_column.into_iter().flatten());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::restore::lines;

    fn read(text: &str) -> Vec<String> {
        unflatten(&lines(text))
            .into_iter()
            .map(|l| l.text.to_owned())
            .collect()
    }

    #[test]
    fn columns_are_read_down_after_the_spanning_headline() {
        let text = "| 某某日报 2026年1月30日 星期五 | 第2版 |\n| 政府工作报告 |\n| 甲一 | 乙一 |\n| 甲二 | 乙二 |\n| 甲三 |\n| 2 |\n";
        assert_eq!(
            read(text),
            [
                "某某日报 2026年1月30日 星期五",
                "第2版",
                "政府工作报告",
                "甲一",
                "甲二",
                "甲三",
                "乙一",
                "乙二",
                "2"
            ]
        );
    }

    #[test]
    fn a_fake_bold_copy_row_joins_its_baseline() {
        let text = "| 甲一 | 乙一 | 丙一 |\n| 甲二 | ——向绿而行。 |\n| ——向绿而行。新创 | 丙二 |\n| 甲三 | 乙三 | 丙三 |\n";
        assert_eq!(
            read(text),
            [
                "甲一",
                "甲二",
                "甲三",
                "乙一",
                "——向绿而行。",
                "——向绿而行。新创",
                "乙三",
                "丙一",
                "丙二",
                "丙三"
            ]
        );
    }

    #[test]
    fn provenance_points_at_the_cell_in_the_input() {
        let text = "| 甲一 | 乙一 |\n| 甲二 | 乙二 |\n";
        let all = lines(text);
        let read = unflatten(&all);
        let second_column = &read[2];
        assert_eq!(second_column.no, 1);
        assert_eq!(
            &text[second_column.byte_start..second_column.byte_start + second_column.text.len()],
            "乙一"
        );
    }

    #[test]
    fn running_text_is_not_a_table() {
        let flattened = |text: &str| is_flattened(lines(text).iter().map(|l| l.text));
        assert!(!flattened(
            "各位代表：\n现在，我代表省人民政府向大会报告工作。\n"
        ));
        assert!(flattened("| 甲 | 乙 |\n| 丙 | 丁 |\n"));
    }
}
