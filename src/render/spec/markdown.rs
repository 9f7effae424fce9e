//! The specification as Markdown. Link targets are `<a id="…"></a>` anchors in the headings, which
//! GitHub, GitLab and pandoc all keep.

use std::fmt::Write as _;

use super::{Cell, ContentsEntry, Placement, Writer};
use crate::render::escape::{markdown as esc, xml};

#[derive(Default)]
pub(super) struct Markdown(String);

impl Markdown {
    pub(super) fn finish(self) -> String {
        self.0
    }
}

fn cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => esc(text),
        Cell::Link { text, anchor } => format!("[{}](#{})", esc(text), xml(anchor)),
    }
}

impl Writer for Markdown {
    fn heading(&mut self, level: usize, text: &str, anchor: Option<&str>) {
        let target = anchor.map_or_else(String::new, |a| format!("<a id=\"{}\"></a>", xml(a)));
        let _ = writeln!(self.0, "{} {target}{}\n", "#".repeat(level), esc(text));
    }

    fn paragraph(&mut self, text: &str) {
        let _ = writeln!(self.0, "{}\n", esc(text));
    }

    fn statements(&mut self, stem: &str, entries: &[(Option<String>, &str)]) {
        let _ = writeln!(self.0, "{stem}\n");
        for (label, text) in entries {
            match label {
                Some(label) => {
                    let _ = writeln!(self.0, "- **{label}** {}", esc(text));
                }
                None => {
                    let _ = writeln!(self.0, "\n*{}*\n", esc(text));
                }
            }
        }
        self.0.push('\n');
    }

    fn table(&mut self, header: &[&str], rows: &[Vec<Cell>]) {
        let _ = writeln!(
            self.0,
            "| {} |",
            header
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let _ = writeln!(self.0, "|{}", " --- |".repeat(header.len()));
        for row in rows {
            let _ = writeln!(
                self.0,
                "| {} |",
                row.iter().map(cell).collect::<Vec<_>>().join(" | ")
            );
        }
        self.0.push('\n');
    }

    fn contents(&mut self, entries: &[ContentsEntry]) {
        for entry in entries {
            let words = [&entry.number, &entry.urn, &entry.title]
                .into_iter()
                .filter(|w| !w.is_empty())
                .map(|w| esc(w))
                .collect::<Vec<_>>()
                .join(" ");
            let _ = writeln!(self.0, "- [{words}](#{})", xml(&entry.anchor));
        }
        self.0.push('\n');
    }

    fn placements(&mut self, placements: &[Placement]) {
        let label = if placements.len() == 1 {
            "Placed at:"
        } else {
            "Placed at (shared):"
        };
        let _ = writeln!(self.0, "{label}\n");
        for placement in placements {
            let _ = writeln!(
                self.0,
                "- **{}** {}",
                esc(&placement.number),
                esc(&placement.path)
            );
        }
        self.0.push('\n');
    }

    fn items(&mut self, items: &[Cell]) {
        let joined: Vec<String> = items.iter().map(cell).collect();
        let _ = writeln!(self.0, "{}\n", joined.join("; "));
    }

    fn start_unit(&mut self, _urn: &str, _title: &str) {
        self.0.push_str("---\n\n");
    }

    fn end_unit(&mut self) {}
}
