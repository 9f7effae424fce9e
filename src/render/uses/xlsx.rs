//! A use's document as an Excel workbook: one sheet, the text above the tables across their
//! width, tables with a shaded header, choices and marks as drop-down lists, rows as tall as
//! their text.

use rust_xlsxwriter::{
    Color, DataValidation, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use super::{Block, ColumnKind, UseDocument, UseTable};
use crate::io::table::xlsx::{fitted_row_height, header_format};

fn error(e: rust_xlsxwriter::XlsxError) -> String {
    format!("the workbook could not be written: {e}")
}

pub(super) fn xlsx(document: &UseDocument) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let name: String = document
        .title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    // Sheet names: 31 characters, none of []:*?/\, not starting or ending with an apostrophe.
    let name = name.trim().trim_matches('\'').trim();
    sheet
        .set_name(if name.is_empty() { "Sheet1" } else { name })
        .map_err(error)?;
    // Every column as wide as the widest table's column at that place.
    let mut widths: Vec<u16> = Vec::new();
    for block in &document.blocks {
        if let Block::Table(table) = block {
            for (i, column) in table.columns.iter().enumerate() {
                if widths.len() <= i {
                    widths.push(column.width);
                } else {
                    widths[i] = widths[i].max(column.width);
                }
            }
        }
    }
    if widths.is_empty() {
        widths.push(90);
    }
    for (i, width) in widths.iter().enumerate() {
        sheet
            .set_column_width(column(i)?, f64::from(*width))
            .map_err(error)?;
    }
    let last = column(widths.len() - 1)?;
    let total: u32 = widths.iter().map(|w| u32::from(*w)).sum();
    // What a row of text across the sheet holds, for its height.
    let across_width = u16::try_from(total * 9 / 10).unwrap_or(u16::MAX);
    // Printed on A4, as wide as the page (landscape for a wide team sheet), as long as it runs.
    sheet.set_paper_size(9);
    if total > 100 {
        sheet.set_landscape();
    }
    sheet.set_print_fit_to_pages(1, 0);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let title = Format::new().set_bold().set_font_size(15);
    let heading = Format::new().set_bold().set_font_size(12);
    let mut y: u32 = 0;
    let tables = document
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    for block in &document.blocks {
        let across = |sheet: &mut Worksheet, y: u32, text: &str, format: &Format| {
            let merged = if last == 0 {
                sheet
                    .write_string_with_format(y, 0, text, format)
                    .map(|_| ())
            } else {
                sheet.merge_range(y, 0, y, last, text, format).map(|_| ())
            };
            merged.map_err(error)?;
            sheet
                .set_row_height(y, fitted_row_height(&[(text, across_width)]))
                .map_err(error)?;
            Ok::<(), String>(())
        };
        match block {
            Block::Heading(level, text) => {
                y += u32::from(*level > 1);
                let format = if *level == 1 { &title } else { &heading };
                across(sheet, y, text, format)?;
                y += 1;
            }
            Block::Paragraph(text) => {
                across(sheet, y, text, &wrapped)?;
                y += 2;
            }
            Block::Fields(labels) => {
                for label in labels {
                    across(sheet, y, &format!("{label}:"), &wrapped)?;
                    y += 1;
                }
                y += 1;
            }
            Block::Bullets(items) => {
                for item in items {
                    across(sheet, y, &format!("\u{2022} {item}"), &wrapped)?;
                    y += 1;
                }
                y += 1;
            }
            Block::Table(table) => {
                let header_row = y;
                y = write_table(sheet, table, y)?;
                if tables == 1 {
                    // One table (the team sheet): its header and names stay in view.
                    sheet.set_freeze_panes(header_row + 1, 2).map_err(error)?;
                }
                y += 1;
            }
        }
    }
    workbook.save_to_buffer().map_err(error)
}

fn column(index: usize) -> Result<u16, String> {
    u16::try_from(index).map_err(|_| "too many columns for a workbook".to_string())
}

/// Writes a table from row `y`; returns the row after it.
fn write_table(sheet: &mut Worksheet, table: &UseTable, y: u32) -> Result<u32, String> {
    let border = |format: Format| format.set_border(FormatBorder::Thin);
    let header = border(header_format());
    let text = border(Format::new().set_text_wrap().set_align(FormatAlign::Top));
    let group = border(
        Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xF0F0F0)),
    );
    let last = column(table.columns.len().saturating_sub(1))?;
    for (i, c) in table.columns.iter().enumerate() {
        sheet
            .write_string_with_format(y, column(i)?, &c.name, &header)
            .map_err(error)?;
    }
    let mut row_y = y + 1;
    for row in &table.rows {
        if row.heading {
            let words = row.heading_text();
            if last == 0 {
                sheet
                    .write_string_with_format(row_y, 0, &words, &group)
                    .map_err(error)?;
            } else {
                sheet
                    .merge_range(row_y, 0, row_y, last, &words, &group)
                    .map_err(error)?;
            }
            row_y += 1;
            continue;
        }
        let mut shown = Vec::new();
        for (i, c) in table.columns.iter().enumerate() {
            let x = column(i)?;
            match &c.kind {
                super::ColumnKind::Text => {
                    let cell = row.cells.get(i).map_or("", String::as_str);
                    sheet
                        .write_string_with_format(row_y, x, cell, &text)
                        .map_err(error)?;
                    shown.push((cell, c.width));
                }
                ColumnKind::Blank | ColumnKind::Choice(_) | ColumnKind::Mark(_) => {
                    sheet.write_blank(row_y, x, &text).map_err(error)?;
                }
            }
            if let ColumnKind::Choice(options) | ColumnKind::Mark(options) = &c.kind {
                let list = DataValidation::new()
                    .allow_list_strings(options)
                    .map_err(error)?;
                sheet
                    .add_data_validation(row_y, x, row_y, x, &list)
                    .map_err(error)?;
            }
        }
        sheet
            .set_row_height(row_y, fitted_row_height(&shown))
            .map_err(error)?;
        row_y += 1;
    }
    Ok(row_y)
}
