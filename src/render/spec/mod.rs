//! Unit specifications: the map's details, a contents list, the functional map as a numbered
//! table, then every unit in NOS page order (title, URN, where it is placed, overview, PCs, K&U,
//! optional sections, metadata table), as Markdown or as HTML that prints on A4 one unit per page.
//!
//! A specification covers a [`Scope`]: the whole map, one branch (a key area, an organisation),
//! down to a depth. Only the units placed there are specified, each once, in the order of its
//! first placement there; outline numbers are the whole map's (1, 1.2, 1.2.3, as the outline panel
//! and `info --tree` show them). Sections with nothing in them are left out, stems and headings
//! included; nothing prints a placeholder.

mod docx;
mod html;
mod markdown;

use std::collections::HashMap;

use crate::layout::Scope;
use crate::model::fields::{FieldKind, UnitField};
use crate::model::outline::{OutlineRow, outline};
use crate::model::{FunctionalMap, Node, NodeId, StatementList, Unit, numbering};

/// The whole map as a Markdown unit specification.
pub fn markdown(map: &FunctionalMap) -> String {
    markdown_scoped(map, &Scope::default())
}

/// The whole map as a printable HTML unit specification.
pub fn html(map: &FunctionalMap) -> String {
    html_scoped(map, &Scope::default())
}

/// The units placed within `scope` (a branch, down to a depth) as a Markdown unit
/// specification.
pub fn markdown_scoped(map: &FunctionalMap, scope: &Scope) -> String {
    let mut writer = markdown::Markdown::default();
    write_spec(map, scope, &mut writer);
    writer.finish()
}

/// The units placed within `scope` (a branch, down to a depth) as an HTML unit specification
/// that prints on A4.
pub fn html_scoped(map: &FunctionalMap, scope: &Scope) -> String {
    let rows = scoped_outline(map, scope);
    let mut title = map.display_title();
    if let Some(top) = rows.first().filter(|row| row.node != map.root()) {
        if let Some(node) = map.node(top.node) {
            title = format!("{title} — {}", labelled(node));
        }
    }
    let mut writer = html::Html::new(&title);
    write_spec(map, scope, &mut writer);
    writer.finish()
}

/// The units placed within `scope` as a Word document (DOCX): headings in Word's styles, a
/// contents field, a section per unit with its URN and title in the running header.
pub fn docx_scoped(map: &FunctionalMap, scope: &Scope) -> Result<Vec<u8>, String> {
    let mut writer = docx::Word::new(&map.display_title());
    write_spec(map, scope, &mut writer);
    writer.finish()
}

/// The placements `scope` covers, in outline order, numbered as in the whole map: the branch's
/// top (the key purpose when the scope names no branch, or a node the map lacks, as the diagrams
/// do) and what lies below it, down to `max_depth` levels below the top.
pub fn scoped_outline(map: &FunctionalMap, scope: &Scope) -> Vec<OutlineRow> {
    let rows = outline(map);
    let top = scope
        .branch
        .filter(|id| map.contains(*id))
        .unwrap_or(map.root());
    let Some(start) = rows.iter().position(|row| row.node == top) else {
        return Vec::new();
    };
    let top_depth = rows[start].depth;
    let deepest = scope.max_depth.map(|d| top_depth + d);
    let mut scoped = vec![rows[start].clone()];
    scoped.extend(
        rows[start + 1..]
            .iter()
            .take_while(|row| row.depth > top_depth)
            .filter(|row| deepest.is_none_or(|limit| row.depth <= limit))
            .cloned(),
    );
    scoped
}

/// Words, or words linking to a place in the same document.
enum Cell {
    Text(String),
    Link { text: String, anchor: String },
}

/// One line of the contents: a unit's outline number, URN and title, and its anchor.
struct ContentsEntry {
    number: String,
    urn: String,
    title: String,
    anchor: String,
}

/// Where a unit hangs: its outline number and the functions above it ("B Providing direction ›
/// B1 Plan").
struct Placement {
    number: String,
    path: String,
}

/// The two document languages, behind one writer so both say exactly the same.
trait Writer {
    /// A heading; `anchor` makes it a link target.
    fn heading(&mut self, level: usize, text: &str, anchor: Option<&str>);
    fn paragraph(&mut self, text: &str);
    /// A list whose entries carry their own labels (P1, K2) or are headings (`None`).
    fn statements(&mut self, stem: &str, entries: &[(Option<String>, &str)]);
    fn table(&mut self, header: &[&str], rows: &[Vec<Cell>]);
    /// The contents: every unit, linking to it.
    fn contents(&mut self, entries: &[ContentsEntry]);
    /// Where a unit is placed in the map.
    fn placements(&mut self, placements: &[Placement]);
    /// A paragraph of items separated by semicolons.
    fn items(&mut self, items: &[Cell]);
    /// A unit begins (the Word document starts a section whose running header names it).
    fn start_unit(&mut self, urn: &str, title: &str);
    fn end_unit(&mut self);
}

/// Ids the document gives its own sections; a unit's anchor is never one of them.
const CONTENTS: &str = "contents";
const FUNCTIONAL_MAP: &str = "functional-map";

fn write_spec(map: &FunctionalMap, scope: &Scope, w: &mut dyn Writer) {
    let rows = scoped_outline(map, scope);
    let meta = map.meta();
    w.heading(1, &map.display_title(), None);
    let details: Vec<Vec<Cell>> = [
        ("Suite", meta.suite.as_str()),
        ("Sector", meta.sector.as_str()),
        ("Developed by", meta.developed_by.as_str()),
        ("Version", meta.version.as_str()),
    ]
    .iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .map(|(label, value)| vec![text(label), text(value)])
    .collect();
    if !details.is_empty() {
        w.table(&["", ""], &details);
    }
    if !meta.description.trim().is_empty() {
        w.paragraph(&meta.description);
    }
    if let Some(covered) = describe_scope(map, scope, &rows) {
        w.paragraph(&covered);
    }

    // Each unit once, in the order of its first placement in the scope.
    let mut units: Vec<(NodeId, &OutlineRow)> = Vec::new();
    for row in &rows {
        if map.unit(row.node).is_some() && !units.iter().any(|(id, _)| *id == row.node) {
            units.push((row.node, row));
        }
    }
    let anchors = anchors(map, &units.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    let anchor_of = |id: NodeId| anchors.get(&id).cloned().unwrap_or_default();

    if !units.is_empty() {
        w.heading(2, "Contents", Some(CONTENTS));
        let entries: Vec<ContentsEntry> = units
            .iter()
            .filter_map(|(id, row)| {
                let unit = map.unit(*id)?;
                Some(ContentsEntry {
                    number: row.number.clone(),
                    urn: unit.urn.clone(),
                    title: unit_title(unit).to_string(),
                    anchor: anchor_of(*id),
                })
            })
            .collect();
        w.contents(&entries);
    }

    w.heading(2, "Functional map", Some(FUNCTIONAL_MAP));
    let top_depth = rows.first().map_or(0, |row| row.depth);
    let workshop_held = rows
        .iter()
        .filter_map(|row| map.node(row.node))
        .any(|node| !node.workshop().is_empty());
    let table: Vec<Vec<Cell>> = rows
        .iter()
        .filter_map(|row| {
            let node = map.node(row.node)?;
            let indent = "\u{2003}".repeat(row.depth - top_depth);
            let (level, code) = match node {
                Node::KeyPurpose(_) => ("Key purpose".to_string(), text("")),
                Node::Function(f) => (meta.level_name(row.depth).to_string(), text(&f.code)),
                Node::Unit(u) if u.urn.is_empty() => ("NOS".to_string(), text("")),
                Node::Unit(u) => (
                    "NOS".to_string(),
                    Cell::Link {
                        text: u.urn.clone(),
                        anchor: anchor_of(row.node),
                    },
                ),
            };
            let mut cells = vec![
                text(&row.number),
                Cell::Text(level),
                code,
                Cell::Text(format!("{indent}{}", node.title())),
            ];
            if workshop_held {
                cells.push(Cell::Text(describe_workshop(node.workshop())));
            }
            Some(cells)
        })
        .collect();
    // Decisions captured while presenting get a column once there are any.
    if workshop_held {
        w.table(&["No.", "Level", "Code", "Title", "Workshop"], &table);
    } else {
        w.table(&["No.", "Level", "Code", "Title"], &table);
    }

    let placements = placements(map);
    // A link to another NOS becomes a link when that NOS is specified here under a URN no other
    // unit here shares.
    let mut by_urn: HashMap<&str, Option<String>> = HashMap::new();
    for (id, _) in &units {
        if let Some(unit) = map.unit(*id).filter(|u| !u.urn.trim().is_empty()) {
            by_urn
                .entry(unit.urn.trim())
                .and_modify(|anchor| *anchor = None)
                .or_insert_with(|| Some(anchor_of(*id)));
        }
    }
    for (id, _) in &units {
        if let Some(unit) = map.unit(*id) {
            let here = placements.get(id).map_or(&[][..], Vec::as_slice);
            write_unit(unit, &anchor_of(*id), here, &by_urn, w);
        }
    }
}

/// What the scope covers, in a sentence; `None` for the whole map.
fn describe_scope(map: &FunctionalMap, scope: &Scope, rows: &[OutlineRow]) -> Option<String> {
    let top = rows.first()?;
    let levels = |d: usize| if d == 1 { "level" } else { "levels" };
    if top.node == map.root() {
        let depth = scope.max_depth?;
        return Some(format!(
            "This specification covers the map down to {depth} {} below the key purpose.",
            levels(depth)
        ));
    }
    let node = map.node(top.node)?;
    let what = match node {
        Node::Unit(_) => format!("one unit, {}", labelled(node)),
        _ => format!(
            "one branch of the map, {} {} ({})",
            top.number,
            labelled(node),
            map.meta().level_name(top.depth)
        ),
    };
    let depth = match scope.max_depth {
        Some(d) if !matches!(node, Node::Unit(_)) => {
            format!(", down to {d} {} below it", levels(d))
        }
        _ => String::new(),
    };
    Some(format!("This specification covers {what}{depth}."))
}

/// "B Providing direction", "CFAMLB1 Manage risk", or the title alone when there is no code.
fn labelled(node: &Node) -> String {
    let code = match node {
        Node::Function(f) => f.code.trim(),
        Node::Unit(u) => u.urn.trim(),
        Node::KeyPurpose(_) => "",
    };
    if code.is_empty() {
        node.title().to_string()
    } else {
        format!("{code} {}", node.title())
    }
}

fn unit_title(unit: &Unit) -> &str {
    if unit.title.trim().is_empty() {
        "Untitled unit"
    } else {
        &unit.title
    }
}

/// An anchor for each unit: its URN when that is a plain word (letters, digits, `-`, `_`, `.`)
/// no other unit here has, `unit-<id>` otherwise; never one of the document's own ids.
fn anchors(map: &FunctionalMap, units: &[NodeId]) -> HashMap<NodeId, String> {
    let urn = |id: NodeId| map.unit(id).map_or("", |u| u.urn.trim());
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for &id in units {
        *uses.entry(urn(id)).or_default() += 1;
    }
    let plain = |urn: &str| {
        urn.starts_with(|c: char| c.is_ascii_alphanumeric())
            && urn
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && !urn.starts_with("unit-")
            && ![CONTENTS, FUNCTIONAL_MAP].contains(&urn)
    };
    units
        .iter()
        .map(|&id| {
            let urn = urn(id);
            let anchor = if plain(urn) && uses.get(urn) == Some(&1) {
                urn.to_string()
            } else {
                format!("unit-{}", id.raw())
            };
            (id, anchor)
        })
        .collect()
}

/// Every unit's placements in the whole map, in outline order.
fn placements(map: &FunctionalMap) -> HashMap<NodeId, Vec<Placement>> {
    let mut found: HashMap<NodeId, Vec<Placement>> = HashMap::new();
    // The labels of the functions above the current row, by depth (the key purpose is 0).
    let mut above: Vec<String> = Vec::new();
    for row in outline(map) {
        let Some(node) = map.node(row.node) else {
            continue;
        };
        above.truncate(row.depth);
        match node {
            Node::Unit(_) => {
                let path = if row.depth <= 1 {
                    "Key purpose".to_string()
                } else {
                    above[1..].join(" › ")
                };
                found.entry(row.node).or_default().push(Placement {
                    number: row.number,
                    path,
                });
            }
            _ => above.push(labelled(node)),
        }
    }
    found
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

fn text(words: &str) -> Cell {
    Cell::Text(words.to_string())
}

fn write_unit(
    unit: &Unit,
    anchor: &str,
    placements: &[Placement],
    by_urn: &HashMap<&str, Option<String>>,
    w: &mut dyn Writer,
) {
    w.start_unit(&unit.urn, unit_title(unit));
    w.heading(2, unit_title(unit), Some(anchor));
    if !unit.urn.trim().is_empty() {
        w.paragraph(&format!("URN: {}", unit.urn));
    }
    if !placements.is_empty() {
        w.placements(placements);
    }
    if !unit.overview.trim().is_empty() {
        w.heading(3, UnitField::Overview.label(), None);
        w.paragraph(&unit.overview);
    }
    for (list, stem) in [
        (StatementList::PerformanceCriteria, "You must be able to:"),
        (StatementList::Knowledge, "You need to know and understand:"),
    ] {
        let statements = unit.statements(list);
        let entries: Vec<(Option<String>, &str)> = numbering(list, statements)
            .into_iter()
            .zip(statements)
            .filter(|(_, s)| !s.text.trim().is_empty())
            .map(|(label, s)| (label, s.text()))
            .collect();
        if entries.is_empty() {
            continue;
        }
        w.heading(3, list.label(), None);
        w.statements(stem, &entries);
    }
    // The other lists print as published: a paragraph per item, headings above their items.
    for list in &StatementList::ALL[2..] {
        let statements: Vec<_> = unit
            .statements(*list)
            .iter()
            .filter(|s| !s.text.trim().is_empty())
            .collect();
        if statements.is_empty() {
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
    let glossary: Vec<Vec<Cell>> = unit
        .glossary
        .iter()
        .filter(|g| !(g.term.trim().is_empty() && g.definition.trim().is_empty()))
        .map(|g| vec![text(&g.term), text(&g.definition)])
        .collect();
    if !glossary.is_empty() {
        w.heading(3, UnitField::Glossary.label(), None);
        w.table(&["Term", "Definition"], &glossary);
    }
    let links: Vec<Cell> = unit
        .links_to_other_nos
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| match by_urn.get(l.trim()) {
            Some(Some(anchor)) => Cell::Link {
                text: l.clone(),
                anchor: anchor.clone(),
            },
            _ => text(l),
        })
        .collect();
    let external: Vec<Cell> = unit
        .external_links
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| text(l))
        .collect();
    for (heading, items) in [
        (UnitField::LinksToOtherNos.label(), links),
        (UnitField::ExternalLinks.label(), external),
    ] {
        if !items.is_empty() {
            w.heading(3, heading, None);
            w.items(&items);
        }
    }
    let metadata: Vec<Vec<Cell>> = UnitField::METADATA
        .into_iter()
        .map(|field| {
            let value = match field.kind() {
                FieldKind::Lines => field.text(unit).replace('\n', "; "),
                _ => field.text(unit),
            };
            (field.printed_label(), value)
        })
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(label, value)| vec![text(label), Cell::Text(value)])
        .collect();
    if !metadata.is_empty() {
        w.table(&["", ""], &metadata);
    }
    w.end_unit();
}
