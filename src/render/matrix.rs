//! The coverage matrix for people: an HTML page for an A3 landscape print or a browser (a heat
//! map, totals, a legend) and an XLSX workbook (frozen header, column widths, wrapped text).

use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook};

use super::escape;
use crate::analysis::reuse::Mechanism;
use crate::analysis::reuse::matrix::Matrix;

/// Shade of a cell with `count` uses when the busiest cell has `max`: white to deep blue.
fn shade(count: usize, max: usize) -> (u8, u8, u8) {
    if count == 0 || max == 0 {
        return (255, 255, 255);
    }
    let t = (count as f32 / max as f32).sqrt();
    let mix = |from: f32, to: f32| (from + (to - from) * t).round() as u8;
    (mix(222.0, 8.0), mix(235.0, 69.0), mix(247.0, 148.0))
}

fn max_cell(matrix: &Matrix) -> usize {
    matrix
        .cells
        .iter()
        .flat_map(|r| r.iter().map(|c| c.total()))
        .max()
        .unwrap_or(0)
}

fn row_heading(matrix: &Matrix) -> &'static str {
    match matrix.rows_by {
        crate::analysis::reuse::matrix::Rows::Units => "Unit",
        crate::analysis::reuse::matrix::Rows::Functions => "Function (or unit)",
    }
}

fn legend() -> String {
    Mechanism::ALL
        .iter()
        .map(|m| format!("{} = {}", m.letter(), m.label()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A column name that fits the header's height: long names end in “…” (the full name is the
/// header's tooltip).
fn shortened(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let cut: String = name.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

/// A cell as the page shows it, narrow enough for dozens of columns: the total, and the
/// mechanisms in small letters (“3 U2·I1”); “·” for none. Markup, already escaped.
fn compact_cell(cell: &crate::analysis::reuse::matrix::Cell) -> String {
    if cell.total() == 0 {
        return "·".into();
    }
    let parts: Vec<String> = Mechanism::ALL
        .iter()
        .zip(cell.counts)
        .filter(|(_, n)| *n > 0)
        .map(|(m, n)| {
            if n == cell.total() {
                m.letter().to_string()
            } else {
                format!("{}{n}", m.letter())
            }
        })
        .collect();
    format!("{}<small>{}</small>", cell.total(), parts.join("·"))
}

/// A standalone HTML page: rows thematic units, columns sector organisations or suites, cells
/// shaded by count, empty cells shown as “·”, totals on both edges.
pub fn html(matrix: &Matrix, title: &str) -> String {
    let max = max_cell(matrix);
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str(&format!("<title>{}</title>\n", escape::xml(title)));
    out.push_str(
        "<style>\n@page { size: A3 landscape; margin: 10mm; }\n\
         body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 8pt; margin: 0; }\n\
         h1 { font-size: 14pt; margin: 0 0 2mm; }\n p.legend { margin: 0 0 3mm; }\n\
         table { border-collapse: collapse; }\n\
         th, td { border: 1px solid #bbb; padding: 1px 3px; }\n\
         thead th.col { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; \
         font-weight: normal; vertical-align: bottom; height: 42mm; max-height: 42mm; overflow: hidden; }\n\
         td.n { text-align: center; white-space: nowrap; }\n td.n small { font-size: 6pt; }\n\
         td.t, th.t { font-weight: bold; text-align: right; }\n\
         td.unit { min-width: 55mm; max-width: 75mm; }\n tr.theme th { background: #eee; text-align: left; }\n\
         thead { display: table-header-group; }\n tr { page-break-inside: avoid; }\n</style>\n</head>\n<body>\n",
    );
    out.push_str(&format!("<h1>{}</h1>\n", escape::xml(title)));
    out.push_str(&format!(
        "<p class=\"legend\">Each cell: how many times that {} uses the unit, then how: {}. · = no use.</p>\n",
        match matrix.columns_by {
            crate::analysis::reuse::matrix::Columns::Organisations => "organisation",
            crate::analysis::reuse::matrix::Columns::Suites => "suite",
        },
        escape::xml(&legend())
    ));
    out.push_str(&format!(
        "<table>\n<thead><tr><th>URN</th><th>{}</th>",
        row_heading(matrix)
    ));
    for column in &matrix.columns {
        out.push_str(&format!(
            "<th class=\"col\" title=\"{}\">{}</th>",
            escape::xml(column),
            escape::xml(&shortened(column, 38))
        ));
    }
    out.push_str("<th class=\"col t\">Total</th></tr></thead>\n<tbody>\n");
    let mut theme = None;
    for (r, row) in matrix.rows.iter().enumerate() {
        if theme != Some(&row.theme) {
            theme = Some(&row.theme);
            out.push_str(&format!(
                "<tr class=\"theme\"><th colspan=\"{}\">{}</th></tr>\n",
                matrix.columns.len() + 3,
                escape::xml(&row.theme)
            ));
        }
        out.push_str(&format!(
            "<tr><td>{}</td><td class=\"unit\">{}</td>",
            escape::xml(&row.urn),
            escape::xml(&row.title)
        ));
        for cell in &matrix.cells[r] {
            let (red, green, blue) = shade(cell.total(), max);
            let ink = if (cell.total() as f32) > max as f32 * 0.45 {
                "#fff"
            } else {
                "#000"
            };
            let text = compact_cell(cell);
            out.push_str(&format!(
                "<td class=\"n\" style=\"background:#{red:02x}{green:02x}{blue:02x};color:{ink}\" title=\"{}\">{}</td>",
                escape::xml(&cell.text()),
                text
            ));
        }
        out.push_str(&format!(
            "<td class=\"t\">{}</td></tr>\n",
            matrix.row_total(r)
        ));
    }
    out.push_str("<tr><th></th><th class=\"t\">Total</th>");
    for c in 0..matrix.columns.len() {
        out.push_str(&format!("<td class=\"t\">{}</td>", matrix.column_total(c)));
    }
    let grand: usize = (0..matrix.rows.len()).map(|r| matrix.row_total(r)).sum();
    out.push_str(&format!(
        "<td class=\"t\">{grand}</td></tr>\n</tbody>\n</table>\n</body>\n</html>\n"
    ));
    out
}

/// An XLSX workbook: the matrix sheet (header frozen, cells shaded by count, totals) and a
/// legend. Text cells are written as strings, never as formulas.
pub fn xlsx(matrix: &Matrix, title: &str) -> Result<Vec<u8>, String> {
    let error = |e: rust_xlsxwriter::XlsxError| format!("could not write the spreadsheet: {e}");
    let mut workbook = Workbook::new();
    let max = max_cell(matrix);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xEEEEEE));
    let rotated = header.clone().set_rotation(90);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Coverage").map_err(error)?;
    let first_data_col: u16 = 3;
    for (c, name) in ["Theme", "URN", row_heading(matrix)].iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *name, &header)
            .map_err(error)?;
    }
    for (c, name) in matrix.columns.iter().enumerate() {
        sheet
            .write_string_with_format(0, first_data_col + c as u16, name, &rotated)
            .map_err(error)?;
        sheet
            .set_column_width(first_data_col + c as u16, 9)
            .map_err(error)?;
    }
    let total_col = first_data_col + matrix.columns.len() as u16;
    sheet
        .write_string_with_format(0, total_col, "Total", &rotated)
        .map_err(error)?;
    sheet.set_row_height(0, 150).map_err(error)?;
    sheet.set_column_width(0, 22).map_err(error)?;
    sheet.set_column_width(1, 14).map_err(error)?;
    sheet.set_column_width(2, 50).map_err(error)?;
    for (r, row) in matrix.rows.iter().enumerate() {
        let y = r as u32 + 1;
        sheet
            .write_string_with_format(y, 0, &row.theme, &wrap)
            .map_err(error)?;
        sheet
            .write_string_with_format(y, 1, &row.urn, &wrap)
            .map_err(error)?;
        sheet
            .write_string_with_format(y, 2, &row.title, &wrap)
            .map_err(error)?;
        for (c, cell) in matrix.cells[r].iter().enumerate() {
            let (red, green, blue) = shade(cell.total(), max);
            let format = Format::new()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(
                    (u32::from(red) << 16) | (u32::from(green) << 8) | u32::from(blue),
                ));
            sheet
                .write_string_with_format(y, first_data_col + c as u16, cell.text(), &format)
                .map_err(error)?;
        }
        sheet
            .write_number_with_format(y, total_col, matrix.row_total(r) as f64, &bold)
            .map_err(error)?;
    }
    let last = matrix.rows.len() as u32 + 1;
    sheet
        .write_string_with_format(last, 2, "Total", &bold)
        .map_err(error)?;
    for c in 0..matrix.columns.len() {
        sheet
            .write_number_with_format(
                last,
                first_data_col + c as u16,
                matrix.column_total(c) as f64,
                &bold,
            )
            .map_err(error)?;
    }
    sheet.set_freeze_panes(1, first_data_col).map_err(error)?;
    let notes = workbook.add_worksheet();
    notes.set_name("Legend").map_err(error)?;
    notes.set_column_width(0, 100).map_err(error)?;
    notes.write_string(0, 0, title).map_err(error)?;
    notes
        .write_string(
            1,
            0,
            format!("Each cell: total (uses by mechanism). {}.", legend()),
        )
        .map_err(error)?;
    workbook.save_to_buffer().map_err(error)
}
