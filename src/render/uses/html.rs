//! A use's document as HTML that prints on A4: a choice column becomes a box per option to tick,
//! a blank or marked column an empty cell to write in.

use std::fmt::Write as _;

use super::{Block, ColumnKind, UseDocument, UseTable};
use crate::render::escape::xml;

const STYLE: &str = "@page { size: A4; margin: 15mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10.5pt; line-height: 1.35; }
h1 { font-size: 17pt; } h2 { font-size: 13pt; margin-top: 1.4em; page-break-after: avoid; }
h3 { font-size: 11pt; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; }
th, td { border: 1px solid #777; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #dde6f0; } tr { page-break-inside: avoid; }
tr.group td { background: #f0f0f0; font-weight: bold; }
td.box { text-align: center; font-size: 13pt; }
.field { margin: 0.3em 0; } .field span { display: inline-block; min-width: 60%; border-bottom: 1px solid #777; }";

pub(super) fn html(document: &UseDocument) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n",
        xml(&document.title)
    );
    for block in &document.blocks {
        match block {
            Block::Heading(level, text) => {
                let level = (*level).clamp(1, 4);
                let _ = writeln!(out, "<h{level}>{}</h{level}>", xml(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", xml(text).replace('\n', "<br>"));
            }
            Block::Fields(labels) => {
                for label in labels {
                    let _ = writeln!(out, "<p class=\"field\">{}: <span></span></p>", xml(label));
                }
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", xml(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(table) => write_table(&mut out, table),
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn write_table(out: &mut String, table: &UseTable) {
    out.push_str("<table>\n<thead><tr>");
    // Columns share the width as their widths say; a choice's boxes are narrow.
    const BOX: usize = 8;
    let total: usize = table
        .columns
        .iter()
        .map(|c| match &c.kind {
            ColumnKind::Choice(options) => BOX * options.len(),
            _ => usize::from(c.width),
        })
        .sum::<usize>()
        .max(1);
    let share = |width: usize| width as f64 * 100.0 / total as f64;
    let mut spans = 0;
    for column in &table.columns {
        match &column.kind {
            ColumnKind::Choice(options) => {
                for option in options {
                    let _ = write!(
                        out,
                        "<th style=\"width: {:.1}%\">{}</th>",
                        share(BOX),
                        xml(option)
                    );
                    spans += 1;
                }
            }
            _ => {
                let _ = write!(
                    out,
                    "<th style=\"width: {:.1}%\">{}</th>",
                    share(usize::from(column.width)),
                    xml(&column.name)
                );
                spans += 1;
            }
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        if row.heading {
            let words = row.heading_text();
            let _ = writeln!(
                out,
                "<tr class=\"group\"><td colspan=\"{spans}\">{}</td></tr>",
                xml(&words)
            );
            continue;
        }
        out.push_str("<tr>");
        for (index, column) in table.columns.iter().enumerate() {
            match &column.kind {
                ColumnKind::Text => {
                    let text = row.cells.get(index).map_or("", String::as_str);
                    let _ = write!(out, "<td>{}</td>", xml(text));
                }
                ColumnKind::Choice(options) => {
                    for _ in options {
                        out.push_str("<td class=\"box\">\u{2610}</td>");
                    }
                }
                ColumnKind::Blank | ColumnKind::Mark(_) => out.push_str("<td></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
