//! The comment form reviewers fill in: one row per item they can comment on, prefilled with the
//! item's hidden id, where it is and its words, and empty columns for the comment. Written as
//! XLSX (dropdowns for type, nation and stakeholder type; the id column hidden; header frozen)
//! and as CSV with the same columns. Text cells are strings, never formulas.

use crate::io::table::xlsx::{fitted_row_height, header_format};
use rust_xlsxwriter::{Color, DataValidation, Format, FormatAlign, Workbook, XlsxError};

use super::items::{ReviewItem, review_items};
use crate::io::table::spreadsheet_safe;
use crate::model::{CommentKind, FunctionalMap, Nation, NodeId, STAKEHOLDER_TYPES};

/// The form's columns, in order. The importer finds them by name, wherever they are.
pub const FORM_COLUMNS: [&str; 13] = [
    ITEM_ID,
    "Unit",
    "Unit title",
    "Item",
    "Text",
    "Type",
    "Comment",
    "Proposed change",
    "Reviewer",
    "Organisation",
    "Stakeholder type",
    "Nation",
    "Date",
];

/// The hidden column that names each row's item.
pub const ITEM_ID: &str = "Item id";

/// What the form's first sheet says before anyone reads the rows.
pub fn instructions(map: &FunctionalMap) -> Vec<String> {
    vec![
        format!("Public review draft: {}", map.display_title()),
        "One row per item you can comment on: the unit, the item (P3 is performance criterion 3, \
         K2 knowledge item 2) and its words. Write your comment and, if you can, the change you \
         propose on the row of the item it is about. Leave the other rows empty."
            .into(),
        "Type: General, Technical or Editorial. Nation: England, Scotland, Wales, Northern \
         Ireland or UK-wide. Your name, organisation, stakeholder type and nation need only be \
         filled in on the first row you use; they count for every row below."
            .into(),
        "You may add rows (copy the row of the item and change the comment), sort or filter the \
         rows: the hidden first column keeps each row tied to its item."
            .into(),
    ]
}

fn row_of(item: &ReviewItem) -> [String; 5] {
    [
        item.key.clone(),
        item.node_name.clone(),
        item.node_title.clone(),
        item.label.clone(),
        item.text.clone(),
    ]
}

/// The form as CSV (UTF-8 with a byte-order mark, so Excel reads the accents).
pub fn form_csv(map: &FunctionalMap, branch: Option<NodeId>) -> Result<Vec<u8>, String> {
    let mut writer =
        csv::WriterBuilder::new().from_writer(crate::io::table::BOM.as_bytes().to_vec());
    let error = |e: csv::Error| format!("could not write the form: {e}");
    writer.write_record(FORM_COLUMNS).map_err(error)?;
    for item in review_items(map, branch) {
        let mut record: Vec<String> = row_of(&item)
            .iter()
            .map(|cell| spreadsheet_safe(cell).into_owned())
            .collect();
        record.resize(FORM_COLUMNS.len(), String::new());
        writer.write_record(&record).map_err(error)?;
    }
    writer
        .into_inner()
        .map_err(|e| format!("could not write the form: {e}"))
}

/// The form as an XLSX workbook: a "Comments" sheet (the rows) and a "How to comment" sheet.
pub fn form_xlsx(map: &FunctionalMap, branch: Option<NodeId>) -> Result<Vec<u8>, String> {
    let error = |e: XlsxError| format!("could not write the form: {e}");
    let items = review_items(map, branch);
    let mut workbook = Workbook::new();
    let header = header_format();
    let given = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xF4F4F4));
    let open = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet();
    sheet.set_name("Comments").map_err(error)?;
    for (c, name) in FORM_COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *name, &header)
            .map_err(error)?;
    }
    let widths = [10, 12, 30, 8, 60, 12, 50, 40, 18, 22, 20, 16, 12];
    for (c, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(c as u16, width).map_err(error)?;
    }
    sheet.set_column_hidden(0).map_err(error)?;
    for (r, item) in items.iter().enumerate() {
        let y = r as u32 + 1;
        let cells = row_of(item);
        for (c, cell) in cells.iter().enumerate() {
            sheet
                .write_string_with_format(y, c as u16, cell, &given)
                .map_err(error)?;
        }
        let shown: Vec<(&str, u16)> = cells
            .iter()
            .map(String::as_str)
            .zip(widths)
            .skip(1)
            .collect();
        sheet
            .set_row_height(y, fitted_row_height(&shown))
            .map_err(error)?;
        for c in 5..FORM_COLUMNS.len() as u16 {
            sheet.write_blank(y, c, &open).map_err(error)?;
        }
    }
    let last = items.len().max(1) as u32 + 200;
    let list = |values: Vec<&str>, title: &str| -> Result<DataValidation, XlsxError> {
        DataValidation::new()
            .allow_list_strings(&values)
            .map(|v| v.set_input_title(title))?
            .map(|v| v.set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Warning))
    };
    let kinds = list(
        CommentKind::ALL.iter().map(|k| k.label()).collect(),
        "Type of comment",
    )
    .map_err(error)?;
    let nations = list(
        Nation::ALL
            .iter()
            .map(|n| n.label())
            .filter(|l| !l.is_empty())
            .collect(),
        "Nation",
    )
    .map_err(error)?;
    let stakeholders = list(STAKEHOLDER_TYPES.to_vec(), "Stakeholder type").map_err(error)?;
    sheet
        .add_data_validation(1, column("Type"), last, column("Type"), &kinds)
        .map_err(error)?;
    sheet
        .add_data_validation(1, column("Nation"), last, column("Nation"), &nations)
        .map_err(error)?;
    sheet
        .add_data_validation(
            1,
            column("Stakeholder type"),
            last,
            column("Stakeholder type"),
            &stakeholders,
        )
        .map_err(error)?;
    sheet.set_freeze_panes(1, 5).map_err(error)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0).map_err(error)?;
    sheet
        .autofilter(0, 0, items.len() as u32, FORM_COLUMNS.len() as u16 - 1)
        .map_err(error)?;

    let help = workbook.add_worksheet();
    help.set_name("How to comment").map_err(error)?;
    help.set_column_width(0, 110).map_err(error)?;
    let bold = Format::new().set_bold().set_font_size(14);
    for (r, line) in instructions(map).iter().enumerate() {
        let format = if r == 0 { &bold } else { &open };
        help.write_string_with_format(r as u32, 0, line, format)
            .map_err(error)?;
    }
    workbook.save_to_buffer().map_err(error)
}

/// The index of a form column.
fn column(name: &str) -> u16 {
    FORM_COLUMNS
        .iter()
        .position(|c| *c == name)
        .expect("a form column") as u16
}
