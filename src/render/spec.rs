//! Unit specifications: the functional map as an indented table, then every unit in NOS page order
//! (title, URN, overview, PCs, K&U, optional sections, metadata table), as Markdown or as HTML
//! that prints one unit per page.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::escape;
use crate::model::fields::{FieldKind, UnitField};
use crate::model::outline::outline;
use crate::model::{FunctionalMap, Node, StatementList, Unit, numbering};

/// The two document languages, behind one writer so both say exactly the same.
trait Writer {
    fn heading(&mut self, level: usize, text: &str, anchor: Option<&str>);
    fn paragraph(&mut self, text: &str);
    /// A list whose entries carry their own labels (P1, K2) or are headings (`None`).
    fn statements(&mut self, stem: &str, entries: &[(Option<String>, &str)]);
    fn table(&mut self, header: &[&str], rows: &[Vec<String>]);
    fn start_unit(&mut self);
    fn end_unit(&mut self);
}

/// The whole map as a Markdown unit specification.
pub fn markdown(map: &FunctionalMap) -> String {
    let mut writer = Markdown(String::new());
    write_spec(map, &mut writer);
    writer.0
}

/// The whole map as a printable HTML unit specification.
pub fn html(map: &FunctionalMap) -> String {
    let mut writer = Html(String::new());
    let title = escape::xml(&map.display_title());
    let _ = write!(
        writer.0,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n"
    );
    write_spec(map, &mut writer);
    writer.0.push_str("</body>\n</html>\n");
    writer.0
}

const CSS: &str = "body { font-family: 'DejaVu Sans', Verdana, sans-serif; font-size: 11pt; line-height: 1.4; max-width: 48em; margin: 2em auto; color: #1d232b; }
h1, h2, h3 { color: #1f3a5f; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #9aa5b1; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
.statements { list-style: none; padding-left: 0; }
.statements .label { display: inline-block; min-width: 2.5em; font-weight: bold; }
.statements .group { font-weight: bold; margin-top: 0.5em; }
@media print {
  body { margin: 0; max-width: none; }
  section.unit { page-break-before: always; break-before: page; }
  table, li { page-break-inside: avoid; break-inside: avoid; }
}
";

fn write_spec(map: &FunctionalMap, w: &mut dyn Writer) {
    let meta = map.meta();
    w.heading(1, &meta.title, None);
    let details: Vec<Vec<String>> = [
        ("Suite", meta.suite.as_str()),
        ("Sector", meta.sector.as_str()),
        ("Developed by", meta.developed_by.as_str()),
        ("Version", meta.version.as_str()),
    ]
    .iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(label, value)| vec![(*label).to_string(), (*value).to_string()])
    .collect();
    if !details.is_empty() {
        w.table(&["", ""], &details);
    }
    if !meta.description.is_empty() {
        w.paragraph(&meta.description);
    }

    w.heading(2, "Functional map", None);
    let workshop_held = map.nodes().any(|(_, node)| !node.workshop().is_empty());
    let rows: Vec<Vec<String>> = outline(map)
        .iter()
        .filter_map(|row| {
            let node = map.node(row.node)?;
            let indent = "\u{2003}".repeat(row.depth);
            let (level, code) = match node {
                Node::KeyPurpose(_) => ("Key purpose".to_string(), String::new()),
                Node::Function(f) => (map.meta().level_name(row.depth).to_string(), f.code.clone()),
                Node::Unit(u) => ("NOS".to_string(), u.urn.clone()),
            };
            let mut cells = vec![
                row.number.clone(),
                level,
                code,
                format!("{indent}{}", node.title()),
            ];
            if workshop_held {
                cells.push(describe_workshop(node.workshop()));
            }
            Some(cells)
        })
        .collect();
    // Decisions captured while presenting get a column once there are any.
    if workshop_held {
        w.table(&["No.", "Level", "Code", "Title", "Workshop"], &rows);
    } else {
        w.table(&["No.", "Level", "Code", "Title"], &rows);
    }

    // Each unit once, in the order of its first placement.
    let mut seen = HashSet::new();
    for row in outline(map) {
        if let Some(unit) = map.unit(row.node) {
            if seen.insert(row.node) {
                write_unit(unit, w);
            }
        }
    }
}

/// "agreed 2026-11-28 · 7 for, 2 against", "needs discussion", or nothing.
fn describe_workshop(workshop: &crate::model::Workshop) -> String {
    let mut parts = Vec::new();
    match workshop.verdict {
        Some(crate::model::Verdict::Agreed(date)) => parts.push(format!("agreed {date}")),
        Some(crate::model::Verdict::NeedsDiscussion) => parts.push("needs discussion".into()),
        None => {}
    }
    if workshop.votes_for + workshop.votes_against > 0 {
        parts.push(format!(
            "{} for, {} against",
            workshop.votes_for, workshop.votes_against
        ));
    }
    parts.join(" · ")
}

fn write_unit(unit: &Unit, w: &mut dyn Writer) {
    w.start_unit();
    let anchor = if unit.urn.is_empty() {
        None
    } else {
        Some(unit.urn.as_str())
    };
    w.heading(2, &unit.title, anchor);
    if !unit.urn.is_empty() {
        w.paragraph(&format!("URN: {}", unit.urn));
    }
    w.heading(3, UnitField::Overview.label(), None);
    w.paragraph(if unit.overview.is_empty() {
        "(not written yet)"
    } else {
        &unit.overview
    });
    for (list, heading, stem) in [
        (
            StatementList::PerformanceCriteria,
            "Performance criteria",
            "You must be able to:",
        ),
        (
            StatementList::Knowledge,
            "Knowledge and understanding",
            "You need to know and understand:",
        ),
    ] {
        w.heading(3, heading, None);
        let statements = unit.statements(list);
        let labels = numbering(list, statements);
        let entries: Vec<(Option<String>, &str)> = labels
            .into_iter()
            .zip(statements)
            .map(|(label, s)| (label, s.text()))
            .collect();
        w.statements(stem, &entries);
    }
    // The other lists print as published: a paragraph per item, headings above their items.
    for list in &StatementList::ALL[2..] {
        let statements = unit.statements(*list);
        if statements.iter().all(|s| s.text.trim().is_empty()) {
            continue;
        }
        w.heading(3, list.label(), None);
        for statement in statements {
            if statement.heading {
                w.heading(4, &statement.text, None);
            } else {
                w.paragraph(&statement.text);
            }
        }
    }
    if !unit.glossary.is_empty() {
        w.heading(3, UnitField::Glossary.label(), None);
        let rows: Vec<Vec<String>> = unit
            .glossary
            .iter()
            .map(|g| vec![g.term.clone(), g.definition.clone()])
            .collect();
        w.table(&["Term", "Definition"], &rows);
    }
    for (heading, items) in [
        (UnitField::LinksToOtherNos.label(), &unit.links_to_other_nos),
        (UnitField::ExternalLinks.label(), &unit.external_links),
    ] {
        if !items.is_empty() {
            w.heading(3, heading, None);
            w.paragraph(&items.join("; "));
        }
    }
    let metadata: Vec<Vec<String>> = UnitField::METADATA
        .into_iter()
        .map(|field| {
            let value = match field.kind() {
                FieldKind::Lines => field.text(unit).replace('\n', "; "),
                _ => field.text(unit),
            };
            (field.printed_label(), value)
        })
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| vec![label.to_string(), value])
        .collect();
    if !metadata.is_empty() {
        w.table(&["", ""], &metadata);
    }
    w.end_unit();
}

struct Markdown(String);

impl Writer for Markdown {
    fn heading(&mut self, level: usize, text: &str, _anchor: Option<&str>) {
        let _ = writeln!(self.0, "{} {}\n", "#".repeat(level), escape::markdown(text));
    }

    fn paragraph(&mut self, text: &str) {
        let _ = writeln!(self.0, "{}\n", escape::markdown(text));
    }

    fn statements(&mut self, stem: &str, entries: &[(Option<String>, &str)]) {
        let _ = writeln!(self.0, "{stem}\n");
        for (label, text) in entries {
            match label {
                Some(label) => {
                    let _ = writeln!(self.0, "- **{label}** {}", escape::markdown(text));
                }
                None => {
                    let _ = writeln!(self.0, "\n*{}*\n", escape::markdown(text));
                }
            }
        }
        self.0.push('\n');
    }

    fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        let cell = |text: &str| escape::markdown(text);
        let _ = writeln!(
            self.0,
            "| {} |",
            header
                .iter()
                .map(|h| cell(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(self.0, "|{}", " --- |".repeat(header.len()));
        for row in rows {
            let _ = writeln!(
                self.0,
                "| {} |",
                row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
            );
        }
        self.0.push('\n');
    }

    fn start_unit(&mut self) {
        self.0.push_str("---\n\n");
    }

    fn end_unit(&mut self) {}
}

struct Html(String);

impl Writer for Html {
    fn heading(&mut self, level: usize, text: &str, anchor: Option<&str>) {
        let id = anchor.map_or_else(String::new, |a| format!(" id=\"{}\"", escape::xml(a)));
        let _ = writeln!(self.0, "<h{level}{id}>{}</h{level}>", escape::xml(text));
    }

    fn paragraph(&mut self, text: &str) {
        let _ = writeln!(self.0, "<p>{}</p>", escape::xml(text).replace('\n', "<br>"));
    }

    fn statements(&mut self, stem: &str, entries: &[(Option<String>, &str)]) {
        let _ = writeln!(
            self.0,
            "<p>{}</p>\n<ul class=\"statements\">",
            escape::xml(stem)
        );
        for (label, text) in entries {
            match label {
                Some(label) => {
                    let _ = writeln!(
                        self.0,
                        "<li><span class=\"label\">{label}</span> {}</li>",
                        escape::xml(text)
                    );
                }
                None => {
                    let _ = writeln!(self.0, "<li class=\"group\">{}</li>", escape::xml(text));
                }
            }
        }
        self.0.push_str("</ul>\n");
    }

    fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        self.0.push_str("<table>\n");
        if header.iter().any(|h| !h.is_empty()) {
            let cells: String = header
                .iter()
                .map(|h| format!("<th>{}</th>", escape::xml(h)))
                .collect();
            let _ = writeln!(self.0, "<tr>{cells}</tr>");
        }
        for row in rows {
            let cells: String = row
                .iter()
                .map(|c| format!("<td>{}</td>", escape::xml(c)))
                .collect();
            let _ = writeln!(self.0, "<tr>{cells}</tr>");
        }
        self.0.push_str("</table>\n");
    }

    fn start_unit(&mut self) {
        self.0.push_str("<section class=\"unit\">\n");
    }

    fn end_unit(&mut self) {
        self.0.push_str("</section>\n");
    }
}
