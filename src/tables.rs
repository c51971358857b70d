//! Tables written for office programs: typed cells to CSV (in the dialect Spanish Excel
//! opens, or the one programs expect) or to Excel (numbers as numbers, dates as dates, header
//! frozen with an autofilter, widths from the content, constant memory for big exports).

use crate::error::{Error, Result};
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use std::io::Write;
use std::path::{Path, PathBuf};

crate::closed_set! {
    /// How a CSV file is written.
    #[derive(Default)]
    pub enum CsvDialect: "formato CSV" {
        /// `;`, decimal comma, dates as `DD/MM/AAAA`, UTF-8 with BOM, CRLF: what Excel set to
        /// Spanish opens in columns.
        #[default]
        Es = "es", "Excel en español", ["excel", "espanol", "punto y coma"];
        /// `,`, decimal point, ISO dates and RFC 3339 instants, UTF-8, LF: for programs.
        Rfc = "rfc", "RFC 4180", ["programas", "coma", "rfc 4180"];
    }
}

/// One cell, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    /// A measure with one decimal (minutes, averages).
    Decimal(f64),
    /// A percentage, 0–100 (shown with two decimals).
    Percent(f64),
    Date(NaiveDate),
    /// A local date and time, with the RFC 3339 form programs read (offset included).
    DateTime(NaiveDateTime, String),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s.to_string())
        }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }
}

/// Excel keeps at most this many characters in a cell.
const EXCEL_CELL_MAX: usize = 32_767;

/// A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets
/// a leading apostrophe, so it shows as the text it is (OWASP CSV injection rule).
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

impl Cell {
    /// The cell as CSV text in `dialect`.
    pub fn csv(&self, dialect: CsvDialect) -> String {
        let es = dialect == CsvDialect::Es;
        let decimal = |x: f64, places: usize| {
            let s = format!("{x:.places$}");
            if es { s.replace('.', ",") } else { s }
        };
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => neutralise(s).into_owned(),
            Cell::Int(n) => n.to_string(),
            Cell::Decimal(x) => decimal(*x, 1),
            // two places: the in-favour indicator's target is 0.5 %
            Cell::Percent(x) => decimal(*x, 2),
            Cell::Date(d) if es => d.format("%d/%m/%Y").to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::DateTime(local, _) if es => local.format("%d/%m/%Y %H:%M").to_string(),
            Cell::DateTime(_, machine) => machine.clone(),
        }
    }

    /// Characters the cell takes on screen, for column widths.
    fn width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(s) => s.chars().count(),
            Cell::Int(n) => n.to_string().len(),
            Cell::Decimal(_) | Cell::Percent(_) => 8,
            Cell::Date(_) => 10,
            Cell::DateTime(..) => 16,
        }
    }
}

/// Days since Excel's epoch (1899-12-30), with the time as the fraction of the day.
pub fn excel_serial(at: NaiveDateTime) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    let days = (at.date() - epoch).num_days() as f64;
    days + f64::from(at.num_seconds_from_midnight()) / 86_400.0
}

/// The title block above a table: what it is, the branch, the period, when it was made.
#[derive(Debug, Clone, Default)]
pub struct Title {
    pub lines: Vec<String>,
}

enum Sink {
    Csv {
        file: std::io::BufWriter<std::fs::File>,
        dialect: CsvDialect,
    },
    Xlsx {
        book: Box<rust_xlsxwriter::Workbook>,
        formats: Box<Formats>,
    },
}

/// The cell formats of a workbook: bold headers, a title, dates, times, one decimal, percent.
pub struct Formats {
    pub bold: rust_xlsxwriter::Format,
    pub title: rust_xlsxwriter::Format,
    pub date: rust_xlsxwriter::Format,
    pub datetime: rust_xlsxwriter::Format,
    pub decimal: rust_xlsxwriter::Format,
    pub percent: rust_xlsxwriter::Format,
}

impl Default for Formats {
    fn default() -> Self {
        Self::new()
    }
}

impl Formats {
    /// The formats.
    pub fn new() -> Self {
        use rust_xlsxwriter::Format;
        Formats {
            bold: Format::new().set_bold(),
            title: Format::new().set_bold().set_font_size(14),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            datetime: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
            decimal: Format::new().set_num_format("0.0"),
            percent: Format::new().set_num_format("0.00%"),
        }
    }
}

/// A table being written, row by row, to a `.csv` or `.xlsx` file (by its extension).
pub struct Table {
    out: PathBuf,
    sink: Sink,
    /// The next row to write (Excel: 0-based; the header's row is `header_row`).
    row: u32,
    header_row: u32,
    columns: u16,
    widths: Vec<usize>,
    rows: u64,
}

impl Table {
    /// Creates `out` (owner-only) with the title block (Excel only) and the header.
    pub fn create(
        out: &Path,
        sheet: &str,
        title: &Title,
        header: &[String],
        dialect: CsvDialect,
    ) -> Result<Table> {
        let ext = out
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_lowercase();
        let fail = |e: &dyn std::fmt::Display| {
            Error::Usage(format!("no se puede escribir {}: {e}", out.display()))
        };
        let sink = match ext.as_str() {
            "csv" => {
                let file = crate::files::create_private(out).map_err(|e| fail(&e))?;
                let mut file = std::io::BufWriter::new(file);
                if dialect == CsvDialect::Es {
                    file.write_all(b"\xEF\xBB\xBF").map_err(|e| fail(&e))?;
                }
                Sink::Csv { file, dialect }
            }
            "xlsx" => {
                let mut book = Box::new(rust_xlsxwriter::Workbook::new());
                book.add_worksheet_with_constant_memory()
                    .and_then(|s| s.set_name(sheet).map(|_| ()))
                    .map_err(|e| fail(&e))?;
                Sink::Xlsx {
                    book,
                    formats: Box::new(Formats::new()),
                }
            }
            _ => {
                return Err(Error::Usage(format!(
                    "{}: use un archivo .csv o .xlsx",
                    out.display()
                )));
            }
        };
        let mut t = Table {
            out: out.to_path_buf(),
            sink,
            row: 0,
            header_row: 0,
            columns: header.len() as u16,
            widths: header.iter().map(|h| h.chars().count()).collect(),
            rows: 0,
        };
        if let Sink::Xlsx { book, formats } = &mut t.sink {
            let sheet = book.worksheet_from_index(0).map_err(|e| fail(&e))?;
            for (i, line) in title.lines.iter().enumerate() {
                let format = if i == 0 {
                    &formats.title
                } else {
                    &formats.bold
                };
                sheet
                    .write_string_with_format(i as u32, 0, line, format)
                    .map_err(|e| fail(&e))?;
            }
            t.row = if title.lines.is_empty() {
                0
            } else {
                title.lines.len() as u32 + 1
            };
            t.header_row = t.row;
        }
        let header: Vec<Cell> = header.iter().map(|h| Cell::Text(h.clone())).collect();
        t.put(&header, true)?;
        Ok(t)
    }

    /// Writes one data row.
    pub fn row(&mut self, cells: &[Cell]) -> Result<()> {
        self.put(cells, false)?;
        self.rows += 1;
        Ok(())
    }

    fn put(&mut self, cells: &[Cell], header: bool) -> Result<()> {
        for (w, c) in self.widths.iter_mut().zip(cells) {
            *w = (*w).max(c.width());
        }
        let row = self.row;
        let out = self.out.display().to_string();
        let fail =
            |e: &dyn std::fmt::Display| Error::Usage(format!("no se puede escribir {out}: {e}"));
        match &mut self.sink {
            Sink::Csv { file, dialect } => {
                let line = csv_line(cells, *dialect, header);
                file.write_all(line.as_bytes()).map_err(|e| fail(&e))?;
            }
            Sink::Xlsx { book, formats } => {
                let sheet = book.worksheet_from_index(0).map_err(|e| fail(&e))?;
                for (col, c) in cells.iter().enumerate() {
                    write_cell(sheet, (row, col as u16), c, formats, header)
                        .map_err(|e| fail(&e))?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    /// Closes the file; returns the number of data rows.
    pub fn finish(self) -> Result<u64> {
        let Table {
            out,
            sink,
            row,
            header_row,
            columns,
            widths,
            rows,
        } = self;
        let fail = |e: &dyn std::fmt::Display| {
            Error::Usage(format!("no se puede escribir {}: {e}", out.display()))
        };
        match sink {
            Sink::Csv { mut file, .. } => file.flush().map_err(|e| fail(&e))?,
            Sink::Xlsx { mut book, .. } => {
                let sheet = book.worksheet_from_index(0).map_err(|e| fail(&e))?;
                for (col, w) in widths.iter().enumerate() {
                    let width = (*w).clamp(6, 60) as f64 + 2.0;
                    sheet
                        .set_column_width(col as u16, width)
                        .map_err(|e| fail(&e))?;
                }
                sheet
                    .set_freeze_panes(header_row + 1, 0)
                    .map_err(|e| fail(&e))?;
                if columns > 0 {
                    let last = row.saturating_sub(1).max(header_row);
                    sheet
                        .autofilter(header_row, 0, last, columns - 1)
                        .map_err(|e| fail(&e))?;
                }
                let file = crate::files::create_private(&out).map_err(|e| fail(&e))?;
                book.save_to_writer(file).map_err(|e| fail(&e))?;
            }
        }
        Ok(rows)
    }
}

/// Writes one typed cell at `(row, col)` (`header`: texts in bold).
pub fn write_cell(
    sheet: &mut rust_xlsxwriter::Worksheet,
    (row, col): (u32, u16),
    cell: &Cell,
    formats: &Formats,
    header: bool,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    match cell {
        Cell::Empty => Ok(&mut *sheet),
        Cell::Text(s) if header => sheet.write_string_with_format(row, col, s, &formats.bold),
        Cell::Text(s) => sheet.write_string(row, col, excel_text(s)),
        Cell::Int(n) => sheet.write_number(row, col, *n as f64),
        Cell::Decimal(x) => sheet.write_number_with_format(row, col, *x, &formats.decimal),
        Cell::Percent(x) => sheet.write_number_with_format(row, col, *x / 100.0, &formats.percent),
        Cell::Date(d) => sheet.write_number_with_format(
            row,
            col,
            excel_serial(d.and_time(chrono::NaiveTime::MIN)),
            &formats.date,
        ),
        Cell::DateTime(local, _) => {
            sheet.write_number_with_format(row, col, excel_serial(*local), &formats.datetime)
        }
    }
    .map(|_| ())
}

/// One CSV line in `dialect`, its line ending included. A header's texts are written as they
/// are (they are ours, not data to neutralise).
pub fn csv_line(cells: &[Cell], dialect: CsvDialect, header: bool) -> String {
    let (sep, end) = match dialect {
        CsvDialect::Es => (b';', "\r\n"),
        CsvDialect::Rfc => (b',', "\n"),
    };
    let mut line = Vec::with_capacity(128);
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            line.push(sep);
        }
        let text = match c {
            Cell::Text(s) if header => s.clone(),
            other => other.csv(dialect),
        };
        quote_into(&mut line, &text, sep);
    }
    let mut s = String::from_utf8(line).unwrap_or_default();
    s.push_str(end);
    s
}

/// A whole CSV document in `dialect` (with the BOM Spanish Excel needs when `bom`).
pub fn csv_document(rows: &[Vec<Cell>], dialect: CsvDialect, bom: bool) -> String {
    let mut s = String::new();
    if bom && dialect == CsvDialect::Es {
        s.push('\u{feff}');
    }
    for (i, r) in rows.iter().enumerate() {
        s.push_str(&csv_line(r, dialect, i == 0));
    }
    s
}

/// A text as Excel can hold it (longer ones are cut, with a mark that they were).
fn excel_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= EXCEL_CELL_MAX {
        return s.into();
    }
    let cut: String = s.chars().take(EXCEL_CELL_MAX - 1).collect();
    format!("{cut}…").into()
}

/// Appends `text` as one CSV field: quoted when it holds the separator, a quote or a line
/// break.
fn quote_into(line: &mut Vec<u8>, text: &str, sep: u8) {
    let needs = text
        .bytes()
        .any(|b| b == sep || b == b'"' || b == b'\n' || b == b'\r');
    if needs {
        line.push(b'"');
        line.extend_from_slice(text.replace('"', "\"\"").as_bytes());
        line.push(b'"');
    } else {
        line.extend_from_slice(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        assert_eq!(neutralise("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralise("@SUM(1)"), "'@SUM(1)");
        assert_eq!(neutralise("+57 300"), "'+57 300");
        assert_eq!(neutralise("-2"), "'-2");
        assert_eq!(neutralise("María"), "María");
        assert_eq!(Cell::Int(-2).csv(CsvDialect::Es), "-2");
        assert_eq!(Cell::Decimal(-2.25).csv(CsvDialect::Es), "-2,2");
        assert_eq!(Cell::Decimal(12.25).csv(CsvDialect::Rfc), "12.2");
    }

    #[test]
    fn dates_per_dialect_and_excel_serials() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default();
        assert_eq!(Cell::Date(d).csv(CsvDialect::Es), "30/11/2026");
        assert_eq!(Cell::Date(d).csv(CsvDialect::Rfc), "2026-11-30");
        let noon = d.and_hms_opt(12, 0, 0).unwrap_or_default();
        // 2026-11-30 is serial 46356 in Excel's 1900 system.
        assert_eq!(excel_serial(noon), 46356.5);
        let at = Cell::DateTime(noon, "2026-11-30T12:00:00-05:00".into());
        assert_eq!(at.csv(CsvDialect::Es), "30/11/2026 12:00");
        assert_eq!(at.csv(CsvDialect::Rfc), "2026-11-30T12:00:00-05:00");
    }

    #[test]
    fn quoting_follows_the_separator() {
        let mut line = Vec::new();
        quote_into(&mut line, "a;b", b';');
        assert_eq!(line, b"\"a;b\"");
        let mut line = Vec::new();
        quote_into(&mut line, "a,b", b';');
        assert_eq!(line, b"a,b");
        let mut line = Vec::new();
        quote_into(&mut line, "dijo \"no\"", b',');
        assert_eq!(line, b"\"dijo \"\"no\"\"\"");
    }
}
