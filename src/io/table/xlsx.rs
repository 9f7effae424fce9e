//! nosmap's spreadsheet layout as an Excel workbook, both ways, and what the review forms share
//! with it. The workbook holds exactly the rows and cells of the CSV layout ([`super::to_csv`]),
//! so one reader and one writer of rows serve both: the bytes differ, the map does not.
//!
//! Written with rust_xlsxwriter and read with calamine (both already used for the review forms):
//! every cell is written as text, so a title beginning with `=`, `+`, `-` or `@` is never a
//! formula, and the CSV layout's guard against formulas (a leading `'`) is not needed in it.

use std::path::Path;

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook};

use super::{BOM, from_csv, from_spreadsheet_safe, spreadsheet_safe, without_bom};
use crate::io::LoadError;
use crate::model::{Date, FunctionalMap};

/// Columns holding running text get room; codes, ids and dates stay narrow.
fn column_width(name: &str) -> u16 {
    match name {
        "title"
        | "overview"
        | "performance_criteria"
        | "knowledge"
        | "scope_range"
        | "scope_range_performance"
        | "scope_range_knowledge"
        | "values"
        | "behaviours"
        | "skills"
        | "glossary"
        | "description"
        | "notes"
        | "comments"
        | "conflicts" => 50,
        "path" | "suites" | "occupations" | "keywords" | "developed_by" => 30,
        _ => 12,
    }
}

/// The workbook of a CSV-layout text ([`super::to_csv`] or [`super::to_csv_scoped`]): one sheet
/// "Map", the header bold, shaded and frozen, a filter on it, running text wrapped in wide
/// columns, rows as tall as their text.
pub fn csv_layout_to_xlsx(csv_text: &str) -> Result<Vec<u8>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(without_bom(csv_text).as_bytes());
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Map").map_err(|e| e.to_string())?;
    let header = header_format();
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut widths: Vec<u16> = Vec::new();
    let mut rows = 0u32;
    for (y, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let y = u32::try_from(y).map_err(|_| "too many rows for a workbook".to_string())?;
        if y == 0 {
            widths = record.iter().map(column_width).collect();
        }
        let mut shown = Vec::new();
        for (x, cell) in record.iter().enumerate() {
            let x = u16::try_from(x).map_err(|_| "too many columns".to_string())?;
            let cell = from_spreadsheet_safe(cell);
            let format = if y == 0 { &header } else { &text };
            sheet
                .write_string_with_format(y, x, cell, format)
                .map_err(|e| e.to_string())?;
            shown.push((cell, widths.get(usize::from(x)).copied().unwrap_or(12)));
        }
        if y > 0 {
            sheet
                .set_row_height(y, fitted_row_height(&shown))
                .map_err(|e| e.to_string())?;
        }
        rows = y + 1;
    }
    for (x, width) in widths.iter().enumerate() {
        let x = u16::try_from(x).map_err(|_| "too many columns".to_string())?;
        sheet
            .set_column_width(x, f64::from(*width))
            .map_err(|e| e.to_string())?;
    }
    if rows > 0 && !widths.is_empty() {
        sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
        let last = u16::try_from(widths.len() - 1).map_err(|_| "too many columns".to_string())?;
        sheet
            .autofilter(0, 0, rows - 1, last)
            .map_err(|e| e.to_string())?;
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

/// The map as a workbook in nosmap's own layout.
pub fn to_xlsx(map: &FunctionalMap) -> Result<Vec<u8>, String> {
    csv_layout_to_xlsx(&super::to_csv(map)?)
}

/// A map from a workbook in nosmap's own layout (the first sheet; XLSX, XLS or ODS). A mistake is
/// named by the file, the row and the column, as in the CSV layout.
pub fn from_xlsx(bytes: &[u8], path: &Path) -> Result<FunctionalMap, LoadError> {
    let rows = read_rows(bytes, None).map_err(|message| LoadError::Syntax {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
    })?;
    // The rows as CSV text, remembering the line each row starts on, to tell errors by row.
    let mut writer = csv::WriterBuilder::new().from_writer(BOM.as_bytes().to_vec());
    let mut starts = Vec::with_capacity(rows.len());
    let mut line = 1;
    for (row, cells) in &rows {
        starts.push((line, *row));
        let record: Vec<String> = cells
            .iter()
            .map(|c| spreadsheet_safe(c).into_owned())
            .collect();
        writer
            .write_record(&record)
            .map_err(|e| LoadError::Syntax {
                path: path.to_path_buf(),
                line: *row,
                column: 1,
                message: e.to_string(),
            })?;
        writer.flush().ok();
        line = 1 + writer.get_ref().iter().filter(|&&b| b == b'\n').count();
    }
    let bytes = writer.into_inner().map_err(|e| LoadError::Syntax {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: e.to_string(),
    })?;
    let text = String::from_utf8_lossy(&bytes);
    from_csv(&text, path).map_err(|error| match error {
        LoadError::Syntax {
            path,
            line,
            column,
            message,
        } => LoadError::Syntax {
            path,
            line: starts
                .iter()
                .rev()
                .find(|(start, _)| *start <= line)
                .map_or(line, |(_, row)| *row),
            column,
            message,
        },
        other => other,
    })
}

/// Reads a workbook file in nosmap's own layout ([`from_xlsx`]).
pub fn load_xlsx(path: &Path) -> Result<FunctionalMap, LoadError> {
    let bytes = crate::io::read_regular(path, crate::io::MAX_FILE_BYTES).map_err(|source| {
        LoadError::Io {
            path: path.to_path_buf(),
            source,
        }
    })?;
    from_xlsx(&bytes, path)
}

/// True for the file names of workbooks calamine reads (`.xlsx`, `.xlsm`, `.xls`, `.ods`).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "xls", "ods"].contains(&e.to_ascii_lowercase().as_str()))
}

/// The rows of the sheet called `preferred` (any case), else of the first sheet, each with its
/// row number (1 = the first row of the sheet), cells as the text they show (whole numbers
/// without a decimal point, dates as YYYY-MM-DD).
pub(crate) fn read_rows(
    bytes: &[u8],
    preferred: Option<&str>,
) -> Result<Vec<(usize, Vec<String>)>, String> {
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a spreadsheet that can be read: {e}"))?;
    let names = workbook.sheet_names();
    let sheet = names
        .iter()
        .find(|n| preferred.is_some_and(|p| n.eq_ignore_ascii_case(p)))
        .or(names.first())
        .cloned()
        .ok_or("the spreadsheet has no sheets")?;
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| format!("sheet “{sheet}” cannot be read: {e}"))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut row = vec![String::new(); first_col as usize];
            row.extend(cells.iter().map(cell_text));
            (first_row as usize + i + 1, row)
        })
        .collect())
}

/// What a cell shows, as text.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) => {
            excel_date(d.as_f64()).map_or_else(|| d.as_f64().to_string(), |d| d.to_string())
        }
        other => other.to_string(),
    }
}

/// A spreadsheet date serial (days since 1899-12-30) as a date.
pub(crate) fn excel_date(serial: f64) -> Option<Date> {
    Date::from_days_since_epoch(serial.floor() as i64 - 25_569)
}

/// The header row's look, shared with the review forms and the resolution matrix.
pub(crate) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xDDE6F0))
}

/// A row height (points) showing every line of wrapped cells: spreadsheet programs do not all
/// fit rows to wrapped text when they open a file (LibreOffice converting to PDF does not).
pub(crate) fn fitted_row_height(cells: &[(&str, u16)]) -> f64 {
    const LINE: f64 = 15.0;
    let lines = cells
        .iter()
        .map(|(text, width)| {
            // A column of width w holds about w characters of the default font per line.
            let per_line = f64::from((*width).max(4)) * 1.1;
            text.split('\n')
                .map(|line| (line.chars().count() as f64 / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    (lines * LINE).min(400.0)
}
