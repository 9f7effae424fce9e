//! The comment-resolution matrix: every comment, where it is, what it was made on, the
//! disposition and the working group's response — as XLSX (the spreadsheet committees keep)
//! and as an HTML page that prints as an A4-landscape PDF.

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, XlsxError};

use super::listing::{CommentRow, comment_rows};
use crate::model::{Disposition, FunctionalMap};
use crate::render::escape::xml as escape_html;

/// The matrix's columns.
pub const MATRIX_COLUMNS: [&str; 16] = [
    "No.",
    "Unit",
    "Unit title",
    "Item",
    "Commented text",
    "Text now",
    "Reviewer",
    "Organisation",
    "Stakeholder type",
    "Nation",
    "Type",
    "Comment",
    "Proposed change",
    "Disposition",
    "Response",
    "Decided by",
];

/// One row of the matrix as text, in [`MATRIX_COLUMNS`] order.
pub fn matrix_cells(row: &CommentRow<'_>) -> [String; 16] {
    let c = row.comment;
    let now = match &row.now {
        None => "(no longer in the unit)".to_string(),
        Some(_) if !row.item_changed() => "(unchanged)".to_string(),
        Some(now) => now.clone(),
    };
    [
        c.id.to_string(),
        row.node_name.clone(),
        row.node_title.clone(),
        row.item.clone(),
        c.made_on.clone(),
        now,
        c.reviewer.clone(),
        c.organisation.clone(),
        c.stakeholder.clone(),
        c.nation.label().to_string(),
        c.kind.label().to_string(),
        c.text.clone(),
        c.proposed_change.clone(),
        c.disposition.label().to_string(),
        c.response.clone(),
        c.decided_by.clone(),
    ]
}

/// The title of a matrix of `map`.
pub fn matrix_title(map: &FunctionalMap) -> String {
    format!("Comment resolution: {}", map.display_title())
}

/// The matrix as an XLSX workbook: header frozen, filters, wrapped text, dispositions shaded.
pub fn matrix_xlsx(map: &FunctionalMap) -> Result<Vec<u8>, String> {
    let error = |e: XlsxError| format!("could not write the matrix: {e}");
    let rows = comment_rows(map);
    let mut workbook = Workbook::new();
    let header = crate::io::table::xlsx::header_format();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let sheet = workbook.add_worksheet();
    sheet.set_name("Comments").map_err(error)?;
    for (c, name) in MATRIX_COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *name, &header)
            .map_err(error)?;
    }
    let widths = [7, 12, 24, 9, 40, 30, 16, 20, 16, 12, 10, 44, 36, 16, 44, 16];
    for (c, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(c as u16, width).map_err(error)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let y = r as u32 + 1;
        let cells = matrix_cells(row);
        let shown: Vec<(&str, u16)> = cells.iter().map(String::as_str).zip(widths).collect();
        sheet
            .set_row_height(y, crate::io::table::xlsx::fitted_row_height(&shown))
            .map_err(error)?;
        for (c, cell) in cells.iter().enumerate() {
            let format = if c == 13 {
                wrap.clone()
                    .set_background_color(Color::RGB(shade(row.comment.disposition)))
            } else {
                wrap.clone()
            };
            sheet
                .write_string_with_format(y, c as u16, cell, &format)
                .map_err(error)?;
        }
    }
    sheet.set_freeze_panes(1, 1).map_err(error)?;
    sheet
        .autofilter(0, 0, rows.len() as u32, MATRIX_COLUMNS.len() as u16 - 1)
        .map_err(error)?;
    sheet.set_landscape();
    // A3: sixteen columns are too many for A4 to print legibly.
    sheet.set_paper_size(8);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0).map_err(error)?;
    let about = workbook.add_worksheet();
    about.set_name("About").map_err(error)?;
    about.set_column_width(0, 100).map_err(error)?;
    about.write_string(0, 0, matrix_title(map)).map_err(error)?;
    about
        .write_string(1, 0, super::report::counts_sentence(map))
        .map_err(error)?;
    workbook.save_to_buffer().map_err(error)
}

/// Background of a disposition cell.
fn shade(disposition: Disposition) -> u32 {
    match disposition {
        Disposition::Open => 0xFFF4CE,
        Disposition::Accepted => 0xDFF3E0,
        Disposition::AcceptedWithModification => 0xE8F3DA,
        Disposition::Noted => 0xEEEEEE,
        Disposition::Rejected => 0xFDE2E2,
    }
}

/// The matrix as an HTML page; printed (or saved as PDF) from a browser it fills A4 landscape
/// pages with the header row repeated.
pub fn matrix_html(map: &FunctionalMap) -> String {
    let title = escape_html(&matrix_title(map));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n\
         @page {{ size: A4 landscape; margin: 12mm; }}\n\
         body {{ font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9pt; color: #1b1b1b; }}\n\
         table {{ border-collapse: collapse; width: 100%; }}\n\
         thead {{ display: table-header-group; }}\n\
         tr {{ page-break-inside: avoid; }}\n\
         th, td {{ border: 1px solid #bbb; padding: 3px 4px; vertical-align: top; text-align: left; }}\n\
         th {{ background: #dde6f0; }}\n\
         td.d-open {{ background: #fff4ce; }} td.d-accepted {{ background: #dff3e0; }}\n\
         td.d-modified {{ background: #e8f3da; }} td.d-noted {{ background: #eee; }} td.d-rejected {{ background: #fde2e2; }}\n\
         .who {{ color: #555; }}\n\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>\n<table>\n<colgroup><col style=\"width:4%\"><col style=\"width:11%\"><col style=\"width:16%\"><col style=\"width:11%\"><col style=\"width:6%\"><col style=\"width:17%\"><col style=\"width:13%\"><col style=\"width:7%\"><col style=\"width:15%\"></colgroup>\n<thead><tr>",
        escape_html(&super::report::counts_sentence(map))
    );
    // The printed page has room for fewer columns: who is one cell, so is the item.
    for name in [
        "No.",
        "Where",
        "Commented text",
        "Reviewer",
        "Type",
        "Comment",
        "Proposed change",
        "Disposition",
        "Response",
    ] {
        out.push_str(&format!("<th>{name}</th>"));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let cell = |text: &str| escape_html(text).replace('\n', "<br>");
    for row in comment_rows(map) {
        let c = row.comment;
        let class = match c.disposition {
            Disposition::Open => "d-open",
            Disposition::Accepted => "d-accepted",
            Disposition::AcceptedWithModification => "d-modified",
            Disposition::Noted => "d-noted",
            Disposition::Rejected => "d-rejected",
        };
        let now = match &row.now {
            None => "<br><em>No longer in the unit.</em>".to_string(),
            Some(now) if row.item_changed() => format!("<br><em>Now:</em> {}", cell(now)),
            Some(_) => String::new(),
        };
        let who: Vec<&str> = [
            c.reviewer.as_str(),
            c.organisation.as_str(),
            c.stakeholder.as_str(),
            c.nation.label(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
        let decided = if c.decided_by.is_empty() {
            String::new()
        } else {
            format!("<br><span class=\"who\">{}</span>", cell(&c.decided_by))
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}<br><span class=\"who\">{}</span></td><td>{}{now}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{class}\">{}</td><td>{}{decided}</td></tr>\n",
            cell(&c.id.to_string()),
            cell(&row.place()),
            cell(&row.node_title),
            cell(&c.made_on),
            cell(&who.join(", ")),
            cell(c.kind.label()),
            cell(&c.text),
            cell(&c.proposed_change),
            cell(c.disposition.label()),
            cell(&c.response),
        ));
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}
