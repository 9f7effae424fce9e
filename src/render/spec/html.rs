//! The specification as HTML that reads on screen and prints on A4: one unit a page, headings kept
//! with what follows them, table headers repeated, page numbers at the foot.

use std::fmt::Write as _;

use super::{Cell, ContentsEntry, Placement, Writer};
use crate::render::escape::xml;

pub(super) struct Html(String);

impl Html {
    /// The document's start, titled `title`.
    pub(super) fn new(title: &str) -> Self {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
            xml(title)
        );
        Self(out)
    }

    pub(super) fn finish(mut self) -> String {
        self.0.push_str("</body>\n</html>\n");
        self.0
    }
}

const CSS: &str = "@page { size: A4; margin: 18mm 16mm 20mm; @bottom-center { content: counter(page); font-size: 9pt; color: #5b6670; } }
body { font-family: 'DejaVu Sans', Verdana, sans-serif; font-size: 11pt; line-height: 1.4; max-width: 48em; margin: 2em auto; color: #1d232b; }
h1, h2, h3, h4 { color: #1f3a5f; break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
thead { display: table-header-group; }
th, td { border: 1px solid #9aa5b1; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
tr, li, dd { break-inside: avoid; page-break-inside: avoid; }
p { orphans: 3; widows: 3; }
a { color: #1f3a5f; }
.number { display: inline-block; min-width: 3.5em; font-variant-numeric: tabular-nums; }
.contents { list-style: none; padding-left: 0; }
.contents a { display: flex; text-decoration: none; color: inherit; }
.contents .number { flex: 0 0 3.5em; }
.contents .urn { flex: 0 0 7.5em; font-weight: bold; }
.placements { margin: 0 0 1em; }
.placements dt { font-weight: bold; }
.placements dd { margin-left: 1.5em; }
.statements { list-style: none; padding-left: 0; }
.statements .label { display: inline-block; min-width: 2.5em; font-weight: bold; }
.statements .group { font-weight: bold; margin-top: 0.5em; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  section.unit { page-break-before: always; break-before: page; }
  section.unit table, li { page-break-inside: avoid; break-inside: avoid; }
}
";

fn cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => xml(text),
        Cell::Link { text, anchor } => format!("<a href=\"#{}\">{}</a>", xml(anchor), xml(text)),
    }
}

impl Writer for Html {
    fn heading(&mut self, level: usize, text: &str, anchor: Option<&str>) {
        let id = anchor.map_or_else(String::new, |a| format!(" id=\"{}\"", xml(a)));
        let _ = writeln!(self.0, "<h{level}{id}>{}</h{level}>", xml(text));
    }

    fn paragraph(&mut self, text: &str) {
        let _ = writeln!(self.0, "<p>{}</p>", xml(text).replace('\n', "<br>"));
    }

    fn statements(&mut self, stem: &str, entries: &[(Option<String>, &str)]) {
        let _ = writeln!(self.0, "<p>{}</p>\n<ul class=\"statements\">", xml(stem));
        for (label, text) in entries {
            match label {
                Some(label) => {
                    let _ = writeln!(
                        self.0,
                        "<li><span class=\"label\">{label}</span> {}</li>",
                        xml(text)
                    );
                }
                None => {
                    let _ = writeln!(self.0, "<li class=\"group\">{}</li>", xml(text));
                }
            }
        }
        self.0.push_str("</ul>\n");
    }

    fn table(&mut self, header: &[&str], rows: &[Vec<Cell>]) {
        self.0.push_str("<table>\n");
        if header.iter().any(|h| !h.is_empty()) {
            let cells: String = header
                .iter()
                .map(|h| format!("<th>{}</th>", xml(h)))
                .collect();
            let _ = writeln!(self.0, "<thead><tr>{cells}</tr></thead>");
        }
        self.0.push_str("<tbody>\n");
        for row in rows {
            let cells: String = row
                .iter()
                .map(|c| format!("<td>{}</td>", cell(c)))
                .collect();
            let _ = writeln!(self.0, "<tr>{cells}</tr>");
        }
        self.0.push_str("</tbody>\n</table>\n");
    }

    fn contents(&mut self, entries: &[ContentsEntry]) {
        self.0.push_str("<ol class=\"contents\">\n");
        for entry in entries {
            let _ = writeln!(
                self.0,
                "<li><a href=\"#{}\"><span class=\"number\">{}</span> <span class=\"urn\">{}</span> {}</a></li>",
                xml(&entry.anchor),
                xml(&entry.number),
                xml(&entry.urn),
                xml(&entry.title)
            );
        }
        self.0.push_str("</ol>\n");
    }

    fn placements(&mut self, placements: &[Placement]) {
        let label = if placements.len() == 1 {
            "Placed at"
        } else {
            "Placed at (shared)"
        };
        let _ = writeln!(self.0, "<dl class=\"placements\">\n<dt>{label}</dt>");
        for placement in placements {
            let _ = writeln!(
                self.0,
                "<dd><span class=\"number\">{}</span> {}</dd>",
                xml(&placement.number),
                xml(&placement.path)
            );
        }
        self.0.push_str("</dl>\n");
    }

    fn items(&mut self, items: &[Cell]) {
        let joined: Vec<String> = items.iter().map(cell).collect();
        let _ = writeln!(self.0, "<p>{}</p>", joined.join("; "));
    }

    fn start_unit(&mut self, _urn: &str, _title: &str) {
        self.0.push_str("<section class=\"unit\">\n");
    }

    fn end_unit(&mut self) {
        self.0.push_str("</section>\n");
    }
}
