//! Maps as spreadsheets (CSV, opened as is by Excel and LibreOffice).
//!
//! [`to_csv`] writes one row per node placement in outline order: the map's own settings first,
//! then the key purpose, functions and units, each unit with its placement path, every field and
//! its performance criteria and knowledge (one column each, one item per line inside the cell).
//! [`from_csv`] reads that layout back into the same map. [`from_mapped_csv`] reads any other
//! spreadsheet through a column mapping: which columns hold the levels of the hierarchy and which
//! hold the unit fields. Errors name the file, the line and the column.

use std::collections::HashMap;
use std::path::Path;

use super::LoadError;
use super::format::CommentDto;

mod list_cells;
pub mod xlsx;
use crate::model::fields::{FieldKind, MapField, UnitField};
use crate::model::outline::outline;
use crate::model::{
    Annotations, Comment, CommentAnchor, CommentId, Conflict, Date, Dismissal, Function,
    FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, Unit, Verdict, Workshop,
    statements_from_text,
};
use list_cells::{
    entry_of, glossary_cell, glossary_from_cell, line_of, statements_cell, statements_from_cell,
    string_list, string_list_mut,
};

/// The columns of nosmap's own layout, in order.
pub const COLUMNS: &[&str] = &[
    "kind",
    "id",
    "parent",
    "number",
    "path",
    "code",
    "title",
    "urn",
    "overview",
    "performance_criteria",
    "knowledge",
    "scope_range",
    "scope_range_performance",
    "scope_range_knowledge",
    "values",
    "behaviours",
    "skills",
    "glossary",
    "links_to_other_nos",
    "external_links",
    "developed_by",
    "version_number",
    "date_approved",
    "indicative_review_date",
    "validity",
    "status",
    "originating_organisation",
    "original_urn",
    "occupations",
    "suites",
    "keywords",
    "soc_codes",
    "category",
    "themes",
    "gap",
    "description",
    "notes",
    "workshop",
    "dismissed",
    "conflicts",
    "comments",
    "map_sector",
    "map_suite",
    "map_version",
    "map_authors",
    "map_level_names",
];

fn col(name: &str) -> usize {
    COLUMNS.iter().position(|c| *c == name).unwrap_or(0)
}

/// A CSV reader's error as a load error with line and column.
pub(crate) fn csv_error(path: &Path, error: &csv::Error) -> LoadError {
    let line = error.position().map_or(0, |p| p.line() as usize);
    let (column, message) = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            (*len as usize).min(*expected_len as usize) + 1,
            format!("this row has {len} fields but the header has {expected_len}"),
        ),
        csv::ErrorKind::Utf8 { err, .. } => {
            (err.field() + 1, "this field is not UTF-8 text".to_string())
        }
        _ => (1, error.to_string()),
    };
    LoadError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

fn workshop_text(workshop: &Workshop) -> String {
    let mut parts = Vec::new();
    match workshop.verdict {
        Some(Verdict::Agreed(day)) => parts.push(format!("agreed {day}")),
        Some(Verdict::NeedsDiscussion) => parts.push("needs discussion".into()),
        None => {}
    }
    if workshop.votes_for > 0 {
        parts.push(format!("for {}", workshop.votes_for));
    }
    if workshop.votes_against > 0 {
        parts.push(format!("against {}", workshop.votes_against));
    }
    parts.join("\n")
}

/// One dismissal per line, `rule: reason`, or `rule on P3: reason` for one statement (named as
/// printed, because statement ids do not travel through spreadsheets).
fn dismissed_text(node: &Node) -> String {
    node.dismissed()
        .iter()
        .map(|d| {
            let label = d.statement.and_then(|s| node.as_unit()?.statement_label(s));
            match label {
                Some(label) => format!("{} on {label}: {}", d.rule, d.reason),
                None => format!("{}: {}", d.rule, d.reason),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One merge conflict per line, `overview: base “…”, ours “…”, theirs “…”`, or
/// `statement on P3: …` for one statement (named as printed). Inside the quotes a line break is
/// written `\n`, a closing quote `\”` and a backslash `\\`, so each conflict keeps to its line.
fn conflicts_text(node: &Node) -> String {
    node.conflicts()
        .iter()
        .map(|c| {
            let label = c.statement.and_then(|s| node.as_unit()?.statement_label(s));
            let what = match label {
                Some(label) => format!("{} on {label}", c.what),
                None => c.what.clone(),
            };
            format!(
                "{what}: base “{}”, ours “{}”, theirs “{}”",
                escape_quoted(&c.base),
                escape_quoted(&c.ours),
                escape_quoted(&c.theirs)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One reviewer's comment per line: the statement it is on as printed (`P3 `) when it is on
/// one, then the comment as JSON in the map file's own form. Statement ids do not travel through
/// a spreadsheet, so the label names the statement and the id is given afresh on import.
fn comments_text(node: &Node) -> Result<String, String> {
    let mut lines = Vec::new();
    for comment in node.comments() {
        let mut dto = super::convert::comment_to_dto(comment);
        let label = match comment.anchor {
            CommentAnchor::Statement(id) => node.as_unit().and_then(|u| u.statement_label(id)),
            _ => None,
        };
        // A comment on a statement since removed keeps its words; it goes on the node.
        dto.statement = None;
        dto.id = 0;
        let json = serde_json::to_string(&dto).map_err(|e| e.to_string())?;
        lines.push(match label {
            Some(label) => format!("{label} {json}"),
            None => json,
        });
    }
    Ok(lines.join("\n"))
}

fn escape_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '”' => out.push_str("\\”"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// The text up to the closing `”` of a quoted value written by [`escape_quoted`], and what
/// follows the quote; `None` when the quote is not closed or an escape is unknown.
fn unescape_quoted(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '”' => return Some((out, &text[at + c.len_utf8()..])),
            '\\' => match chars.next()?.1 {
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                escaped @ ('\\' | '”') => out.push(escaped),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// Excel reads a CSV file as UTF-8 only when it starts with a byte-order mark.
pub const BOM: &str = "\u{feff}";

/// Text without the byte-order mark spreadsheets write.
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell a spreadsheet will show as text: one that would start a formula (after any quotes
/// already there) gets a leading `'`, which Excel and LibreOffice treat as "text follows" and
/// [`from_spreadsheet_safe`] takes off again, so the round trip is exact.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Undoes [`spreadsheet_safe`].
pub fn from_spreadsheet_safe(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// The map as CSV in nosmap's own layout (UTF-8 with a byte-order mark, for Excel). Cells that a
/// spreadsheet would run as formulas are written as text.
pub fn to_csv(map: &FunctionalMap) -> Result<String, String> {
    let mut writer = csv::WriterBuilder::new().from_writer(BOM.as_bytes().to_vec());
    writer.write_record(COLUMNS).map_err(|e| e.to_string())?;
    let blank = || vec![String::new(); COLUMNS.len()];
    let meta = map.meta();
    let mut row = blank();
    row[col("kind")] = "map".into();
    for field in MapField::ALL {
        row[col(field.column())] = field.text(meta);
    }
    writer
        .write_record(row.iter().map(|c| spreadsheet_safe(c).into_owned()))
        .map_err(|e| e.to_string())?;

    let mut titles: HashMap<NodeId, String> = HashMap::new();
    for entry in outline(map) {
        let Some(node) = map.node(entry.node) else {
            continue;
        };
        let mut row = blank();
        row[col("id")] = entry.node.raw().to_string();
        row[col("parent")] = entry
            .parent
            .map(|p| p.raw().to_string())
            .unwrap_or_default();
        row[col("number")] = entry.number.clone();
        let path = entry
            .parent
            .and_then(|p| titles.get(&p).cloned())
            .unwrap_or_default();
        row[col("path")] = path.clone();
        row[col("title")] = node.title().to_string();
        row[col("workshop")] = workshop_text(node.workshop());
        row[col("dismissed")] = dismissed_text(node);
        row[col("conflicts")] = conflicts_text(node);
        row[col("comments")] = comments_text(node)?;
        match node {
            Node::KeyPurpose(kp) => {
                row[col("kind")] = "key purpose".into();
                row[col("notes")] = kp.notes.clone();
            }
            Node::Function(f) => {
                row[col("kind")] = "function".into();
                row[col("code")] = f.code.clone();
                row[col("description")] = f.description.clone();
                row[col("gap")] = if f.gap { "yes".into() } else { String::new() };
            }
            Node::Unit(unit) => {
                row[col("kind")] = "unit".into();
                unit_cells(unit, &mut row);
            }
        }
        if node.kind() != crate::model::NodeKind::Unit {
            let here = if path.is_empty() {
                node.title().to_string()
            } else {
                format!("{path} › {}", node.title())
            };
            titles.insert(entry.node, here);
        }
        writer
            .write_record(row.iter().map(|c| spreadsheet_safe(c).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

fn unit_cells(unit: &Unit, row: &mut [String]) {
    for field in UnitField::ALL {
        row[col(field.key())] = match field.kind() {
            FieldKind::Statements(list) => statements_cell(unit.statements(list)),
            FieldKind::Glossary => glossary_cell(unit),
            FieldKind::Lines => match string_list(unit, field) {
                Some(values) => values
                    .iter()
                    .map(|v| line_of(v, false))
                    .collect::<Vec<_>>()
                    .join("\n"),
                None => field.text(unit),
            },
            _ => field.text(unit),
        };
    }
}

/// One cell's problem, to be turned into a located error.
struct CellError {
    column: &'static str,
    message: String,
}

fn cell_error(column: &'static str, message: impl Into<String>) -> CellError {
    CellError {
        column,
        message: message.into(),
    }
}

fn split_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// Reads a map written by [`to_csv`] (or edited in a spreadsheet since).
pub fn from_csv(text: &str, path: &Path) -> Result<FunctionalMap, LoadError> {
    let text = without_bom(text);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    let index: HashMap<&str, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim(), i))
        .collect();
    let located = |line: usize, column: &str, message: String| LoadError::Syntax {
        path: path.to_path_buf(),
        line,
        column: index.get(column).map_or(1, |i| i + 1),
        message: format!("column “{column}”: {message}"),
    };
    for required in ["kind", "id", "parent", "title"] {
        if !index.contains_key(required) {
            return Err(located(
                1,
                required,
                "missing from the header: this is not nosmap's layout (use a column mapping to import other spreadsheets)".into(),
            ));
        }
    }
    let mut meta = MapMeta::new("");
    let mut map: Option<FunctionalMap> = None;
    let mut pending_meta = true;
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |name: &str| {
            index
                .get(name)
                .and_then(|&i| record.get(i))
                .map(from_spreadsheet_safe)
                .unwrap_or("")
                .to_string()
        };
        let kind = cell("kind");
        let result = (|| -> Result<(), CellError> {
            match kind.trim() {
                "map" => {
                    meta = meta_from(&cell, &|name| index.contains_key(name))?;
                    pending_meta = false;
                }
                "key purpose" => {
                    if map.is_some() {
                        return Err(cell_error("kind", "a second key purpose: a map has one"));
                    }
                    let id = id_of(&cell("id"), "id")?;
                    let kp = KeyPurpose {
                        statement: cell("title"),
                        notes: cell("notes"),
                        annotations: annotations_from(&cell, None)?,
                    };
                    map = Some(FunctionalMap::with_root(meta.clone(), id, kp));
                }
                "function" | "unit" => {
                    let Some(map) = map.as_mut() else {
                        return Err(cell_error(
                            "kind",
                            "the key purpose row must come before the rest",
                        ));
                    };
                    let id = id_of(&cell("id"), "id")?;
                    let parent = id_of(&cell("parent"), "parent")?;
                    if kind.trim() == "unit" {
                        // Statement labels in the annotations name statements once the map has
                        // given them ids, so they are read after the unit is placed.
                        let unit = unit_from(&cell)?;
                        place(map, id, parent, Node::Unit(Box::new(unit)))?;
                        let Some(mut node) = map.node(id).cloned() else {
                            return Err(cell_error("id", "the unit could not be placed"));
                        };
                        let mut annotations = annotations_from(&cell, node.as_unit())?;
                        annotations
                            .comments
                            .extend(notes_as_comment(&cell("notes"), line));
                        if !annotations.is_empty() {
                            *node.annotations_mut() = annotations;
                            map.replace_node(id, node);
                        }
                    } else {
                        let node = Node::Function(Function {
                            code: cell("code"),
                            title: cell("title"),
                            description: cell("description"),
                            gap: !cell("gap").trim().is_empty(),
                            annotations: {
                                let mut annotations = annotations_from(&cell, None)?;
                                annotations
                                    .comments
                                    .extend(notes_as_comment(&cell("notes"), line));
                                annotations
                            },
                        });
                        place(map, id, parent, node)?;
                    }
                }
                other => {
                    return Err(cell_error(
                        "kind",
                        format!("“{other}” is not a row kind (map, key purpose, function, unit)"),
                    ));
                }
            }
            Ok(())
        })();
        result.map_err(|e| located(line, e.column, e.message))?;
    }
    let Some(mut map) = map else {
        return Err(located(1, "kind", "no key purpose row".into()));
    };
    if !pending_meta {
        map.set_meta(meta);
    }
    let problems = map.check_invariants();
    if let Some(problem) = problems.first() {
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!("the rows do not make a functional map: {problem}"),
        });
    }
    // Statement ids do not travel through a spreadsheet: number them in file order, as a map
    // saved after the same statements were written in that order would have them.
    Ok(map.with_statement_ids_in_order())
}

fn id_of(text: &str, column: &'static str) -> Result<NodeId, CellError> {
    text.trim()
        .parse::<u64>()
        .map(NodeId::from_raw)
        .map_err(|_| {
            cell_error(
                column,
                format!("“{text}” is not a node id (a whole number)"),
            )
        })
}

/// Adds a node under its parent; a node seen before (a shared unit) must say the same again.
fn place(map: &mut FunctionalMap, id: NodeId, parent: NodeId, node: Node) -> Result<(), CellError> {
    match map.node(parent).map(Node::kind) {
        None => {
            return Err(cell_error(
                "parent",
                format!("no earlier row has id {}", parent.raw()),
            ));
        }
        Some(crate::model::NodeKind::Unit) => {
            return Err(cell_error("parent", "a unit cannot hold other nodes"));
        }
        Some(_) => {}
    }
    let depth = map.depth(parent) + 1;
    if depth > crate::model::MAX_DEPTH {
        return Err(cell_error(
            "parent",
            format!(
                "this row would sit {depth} levels below the key purpose; nosmap holds maps up to {} levels deep",
                crate::model::MAX_DEPTH
            ),
        ));
    }
    match map.node(id) {
        Some(existing)
            if existing.kind() == crate::model::NodeKind::Unit
                && *existing == with_statement_ids_of(existing, node.clone()) => {}
        Some(existing) if existing.kind() == crate::model::NodeKind::Unit => {
            return Err(cell_error(
                "id",
                format!(
                    "unit {} appears again with different content; a shared unit's rows must agree",
                    id.raw()
                ),
            ));
        }
        Some(_) => {
            return Err(cell_error(
                "id",
                format!("id {} is used by an earlier row", id.raw()),
            ));
        }
        None => map.insert_node(id, node),
    }
    if map.index_in_parent(parent, id).is_some() {
        return Err(cell_error(
            "parent",
            "this unit is already placed under that parent",
        ));
    }
    let end = map.children(parent).len();
    map.link(parent, id, end);
    Ok(())
}

/// `node` with the statement ids and annotations of `existing` (the same unit read from an
/// earlier row, whose annotations were read with it), so the two compare by what they say.
fn with_statement_ids_of(existing: &Node, mut node: Node) -> Node {
    *node.annotations_mut() = existing.annotations().clone();
    if let (Node::Unit(existing), Node::Unit(unit)) = (existing, &mut node) {
        for (id, existing_id) in unit
            .statement_ids_mut()
            .into_iter()
            .zip(existing.statement_ids())
        {
            *id = existing_id;
        }
    }
    node
}

/// The map's settings from the `map` row; `has` says whether the file has a column (one
/// written before the settings had columns of their own kept them in unit columns).
fn meta_from(
    cell: &dyn Fn(&str) -> String,
    has: &dyn Fn(&str) -> bool,
) -> Result<MapMeta, CellError> {
    let mut meta = MapMeta::new("");
    for field in MapField::ALL {
        let column = if has(field.column()) {
            field.column()
        } else {
            field.earlier_column()
        };
        field
            .set_text(&mut meta, &cell(column))
            .map_err(|e| cell_error(column, e))?;
    }
    Ok(meta)
}

/// The dismissals, workshop decisions and merge conflicts of a row; statement labels (`rule on P3: …`) are
/// looked up in `unit`.
fn annotations_from(
    cell: &dyn Fn(&str) -> String,
    unit: Option<&Unit>,
) -> Result<Annotations, CellError> {
    Ok(Annotations {
        dismissed: dismissed_from(&cell("dismissed"), unit)?,
        workshop: workshop_from(&cell("workshop"))?,
        conflicts: conflicts_from(&cell("conflicts"), unit)?,
        comments: comments_from(&cell("comments"), unit)?,
        // The workshop log is not a row's: the map file holds it, a spreadsheet does not.
        sessions: Vec::new(),
    })
}

/// What someone typed into the notes column of a function's or unit's row (only the key
/// purpose has notes): kept as a comment on the node rather than dropped.
fn notes_as_comment(notes: &str, line: usize) -> Option<Comment> {
    (!notes.trim().is_empty()).then(|| Comment {
        text: notes.trim().to_string(),
        source: format!("notes column, line {line}"),
        ..Comment::default()
    })
}

/// Reads [`comments_text`] back; ids are given afresh.
fn comments_from(text: &str, unit: Option<&Unit>) -> Result<Vec<Comment>, CellError> {
    split_lines(text)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let (label, json) = match line.find('{') {
                Some(0) => (None, line.as_str()),
                Some(at) => (Some(line[..at].trim()), &line[at..]),
                None => {
                    return Err(cell_error(
                        "comments",
                        format!(
                            "line {}: a comment is written as JSON, `{{\"kind\": …}}`",
                            i + 1
                        ),
                    ));
                }
            };
            let mut dto: CommentDto = serde_json::from_str(json)
                .map_err(|e| cell_error("comments", format!("line {}: {e}", i + 1)))?;
            if let Some(label) = label {
                let statement =
                    unit.and_then(|u| u.statement_by_label(label))
                        .ok_or_else(|| {
                            cell_error(
                                "comments",
                                format!("line {}: the unit has no statement {label}", i + 1),
                            )
                        })?;
                dto.statement = Some(statement.raw());
            }
            dto.id = u64::MAX;
            let mut comment = super::convert::comment_from_dto(0, dto)
                .map_err(|e| cell_error("comments", format!("line {}: {}", i + 1, e.message)))?;
            comment.id = CommentId::UNASSIGNED;
            Ok(comment)
        })
        .collect()
}

fn conflicts_from(text: &str, unit: Option<&Unit>) -> Result<Vec<Conflict>, CellError> {
    split_lines(text)
        .into_iter()
        .map(|line| {
            let bad = || {
                cell_error(
                    "conflicts",
                    format!("“{line}” is not “what: base “…”, ours “…”, theirs “…””"),
                )
            };
            let (head, rest) = line.split_once(": ").ok_or_else(bad)?;
            let (what, statement) = match head.split_once(" on ") {
                None => (head, None),
                Some((what, label)) => match unit.and_then(|u| u.statement_by_label(label)) {
                    Some(statement) => (what, Some(statement)),
                    None => {
                        return Err(cell_error(
                            "conflicts",
                            format!("“{line}”: this row has no statement {label}"),
                        ));
                    }
                },
            };
            let mut values = Vec::with_capacity(3);
            let mut rest = rest;
            for (i, name) in ["base", "ours", "theirs"].into_iter().enumerate() {
                let start = if i == 0 {
                    format!("{name} “")
                } else {
                    format!(", {name} “")
                };
                let after = rest.strip_prefix(start.as_str()).ok_or_else(bad)?;
                let (value, after) = unescape_quoted(after).ok_or_else(bad)?;
                values.push(value);
                rest = after;
            }
            if !rest.is_empty() {
                return Err(bad());
            }
            let [base, ours, theirs] = <[String; 3]>::try_from(values).map_err(|_| bad())?;
            Ok(Conflict {
                what: what.to_string(),
                statement,
                base,
                ours,
                theirs,
            })
        })
        .collect()
}

fn dismissed_from(text: &str, unit: Option<&Unit>) -> Result<Vec<Dismissal>, CellError> {
    split_lines(text)
        .into_iter()
        .map(|line| match line.split_once(": ") {
            Some((rule, reason)) => {
                let (rule, statement) = match rule.split_once(" on ") {
                    None => (rule, None),
                    Some((rule, label)) => {
                        let statement = unit.and_then(|u| u.statement_by_label(label));
                        if statement.is_none() {
                            return Err(cell_error(
                                "dismissed",
                                format!("“{line}”: this row has no statement {label}"),
                            ));
                        }
                        (rule, statement)
                    }
                };
                Ok(Dismissal {
                    rule: rule.into(),
                    statement,
                    reason: reason.into(),
                })
            }
            None => Err(cell_error(
                "dismissed",
                format!("“{line}” is not “rule: reason”"),
            )),
        })
        .collect()
}

fn workshop_from(text: &str) -> Result<Workshop, CellError> {
    let mut workshop = Workshop::default();
    for line in split_lines(text) {
        let bad = || {
            cell_error(
                "workshop",
                format!(
                    "“{line}” is not “agreed YYYY-MM-DD”, “needs discussion”, “for N” or “against N”"
                ),
            )
        };
        if let Some(day) = line.strip_prefix("agreed ") {
            let day = Date::parse_iso(day.trim()).map_err(|e| cell_error("workshop", e))?;
            workshop.verdict = Some(Verdict::Agreed(day));
        } else if line == "needs discussion" {
            workshop.verdict = Some(Verdict::NeedsDiscussion);
        } else if let Some(n) = line.strip_prefix("for ") {
            workshop.votes_for = n.trim().parse().map_err(|_| bad())?;
        } else if let Some(n) = line.strip_prefix("against ") {
            workshop.votes_against = n.trim().parse().map_err(|_| bad())?;
        } else {
            return Err(bad());
        }
    }
    Ok(workshop)
}

fn unit_from(cell: &dyn Fn(&str) -> String) -> Result<Unit, CellError> {
    let mut unit = Unit::default();
    for field in UnitField::ALL {
        let text = cell(field.key());
        match field.kind() {
            FieldKind::Statements(list) => *unit.statements_mut(list) = statements_from_cell(&text),
            FieldKind::Glossary => {
                unit.glossary =
                    glossary_from_cell(&text).map_err(|e| cell_error(field.key(), e))?;
            }
            FieldKind::Lines if string_list(&unit, field).is_some() => {
                if let Some(values) = string_list_mut(&mut unit, field) {
                    *values = text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(entry_of)
                        .collect();
                }
            }
            _ => field
                .set_text(&mut unit, &text)
                .map_err(|e| cell_error(field.key(), e))?,
        }
    }
    Ok(unit)
}

/// How another spreadsheet's columns map onto a functional map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMapping {
    /// The key purpose statement of the new map.
    pub key_purpose: String,
    /// Columns naming the levels from the top (key area, function…); empty cells end the path.
    pub levels: Vec<String>,
    /// (nosmap field, spreadsheet column): `urn`, `title`, `overview`, `performance_criteria`,
    /// `knowledge`, `developed_by`, `suites`, `keywords`, `occupations`, `soc_codes`,
    /// `original_urn`.
    pub fields: Vec<(String, String)>,
}

/// The unit fields a mapping may fill.
pub const MAPPABLE_FIELDS: &[&str] = &[
    "urn",
    "title",
    "overview",
    "performance_criteria",
    "knowledge",
    "developed_by",
    "suites",
    "keywords",
    "occupations",
    "soc_codes",
    "original_urn",
];

/// What a mapped import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MappedReport {
    pub rows_in: usize,
    pub units_created: usize,
    pub merged_rows: usize,
    pub skipped: Vec<(usize, String)>,
}

/// Reads any spreadsheet through a column mapping: each row is a unit placed under the path its
/// level columns name (functions are created once per path); rows with a URN seen before add a
/// placement to that unit.
pub fn from_mapped_csv(
    text: &str,
    path: &Path,
    mapping: &ColumnMapping,
) -> Result<(FunctionalMap, MappedReport), LoadError> {
    let text = without_bom(text);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    let find = |column: &str| -> Result<usize, LoadError> {
        headers
            .iter()
            .position(|h| h.trim() == column.trim())
            .ok_or_else(|| LoadError::Syntax {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: format!(
                    "the header has no column “{column}”; it has: {}",
                    headers.iter().collect::<Vec<_>>().join(", ")
                ),
            })
    };
    // Each level column is one level of functions, with the units one below.
    if mapping.levels.len() >= crate::model::MAX_DEPTH {
        return Err(LoadError::Syntax {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!(
                "{} level columns would put the units {} levels below the key purpose; nosmap holds maps up to {} levels deep",
                mapping.levels.len(),
                mapping.levels.len() + 1,
                crate::model::MAX_DEPTH
            ),
        });
    }
    let levels: Vec<usize> = mapping
        .levels
        .iter()
        .map(|l| find(l))
        .collect::<Result<_, _>>()?;
    let mut fields: HashMap<&str, usize> = HashMap::new();
    for (field, column) in &mapping.fields {
        let Some(known) = MAPPABLE_FIELDS.iter().find(|f| **f == field.as_str()) else {
            return Err(LoadError::Syntax {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: format!(
                    "“{field}” is not a field nosmap can fill from a column; these are: {}",
                    MAPPABLE_FIELDS.join(", ")
                ),
            });
        };
        fields.insert(known, find(column)?);
    }
    let meta = MapMeta {
        level_names: if mapping.levels.is_empty() {
            crate::model::default_level_names()
        } else {
            mapping.levels.clone()
        },
        ..MapMeta::new(&mapping.key_purpose)
    };
    let mut map = FunctionalMap::new(meta, KeyPurpose::new(&mapping.key_purpose));
    let mut next = map.next_free_id();
    let mut functions: HashMap<(NodeId, String), NodeId> = HashMap::new();
    let mut units: HashMap<String, NodeId> = HashMap::new();
    let mut report = MappedReport::default();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        report.rows_in += 1;
        let value = |field: &str| {
            fields
                .get(field)
                .and_then(|&i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let (urn, title) = (value("urn"), value("title"));
        if urn.is_empty() && title.is_empty() {
            report.skipped.push((line, "no URN and no title".into()));
            continue;
        }
        let mut parent = map.root();
        for &level in &levels {
            let name = record.get(level).unwrap_or("").trim();
            if name.is_empty() {
                break;
            }
            let key = (parent, name.to_string());
            parent = match functions.get(&key) {
                Some(&id) => id,
                None => {
                    let id = next;
                    next = next.next();
                    map.insert_node(id, Node::Function(Function::new("", name)));
                    let end = map.children(parent).len();
                    map.link(parent, id, end);
                    functions.insert(key, id);
                    id
                }
            };
        }
        let existing = (!urn.is_empty())
            .then(|| units.get(&urn).copied())
            .flatten();
        let unit = match existing {
            Some(id) => {
                report.merged_rows += 1;
                id
            }
            None => {
                let list = |field: &str| -> Vec<String> {
                    value(field)
                        .split([';', '\n'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                };
                let mut unit = Unit::new(urn.clone(), title);
                unit.overview = value("overview");
                unit.performance_criteria = statements_from_text(&value("performance_criteria"));
                unit.knowledge = statements_from_text(&value("knowledge"));
                unit.metadata.developed_by = value("developed_by");
                unit.metadata.original_urn = value("original_urn");
                unit.metadata.suites = list("suites");
                unit.metadata.keywords = list("keywords");
                unit.metadata.occupations = list("occupations");
                unit.metadata.soc_codes = list("soc_codes");
                let id = next;
                next = next.next();
                map.insert_node(id, Node::Unit(Box::new(unit)));
                if !urn.is_empty() {
                    units.insert(urn, id);
                }
                report.units_created += 1;
                id
            }
        };
        if map.index_in_parent(parent, unit).is_none() {
            let end = map.children(parent).len();
            map.link(parent, unit, end);
        }
    }
    Ok((map, report))
}

/// [`to_csv`] of the placements `scope` covers (a branch, down to a depth): the map's settings
/// row, then the branch's rows as in the whole map's spreadsheet (same numbers and paths).
pub fn to_csv_scoped(map: &FunctionalMap, scope: &crate::layout::Scope) -> Result<String, String> {
    let whole = to_csv(map)?;
    if *scope == crate::layout::Scope::default() {
        return Ok(whole);
    }
    // Outline numbers name placements; the key purpose's is empty.
    let kept: std::collections::HashSet<String> = crate::render::scoped_outline(map, scope)
        .into_iter()
        .map(|row| row.number)
        .collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(without_bom(&whole).as_bytes());
    let mut writer = csv::WriterBuilder::new().from_writer(BOM.as_bytes().to_vec());
    let number = col("number");
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        // The header and the map's settings, then the placements in scope.
        if index < 2 || record.get(number).is_some_and(|n| kept.contains(n)) {
            writer.write_record(&record).map_err(|e| e.to_string())?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::{from_spreadsheet_safe, spreadsheet_safe};

    #[test]
    fn formula_starts_are_quoted_and_unquoted_exactly() {
        for cell in [
            "=1+1", "+1", "-1", "@A1", "\tx", "\rx", "'=x", "''-x", "'plain", "plain", "",
        ] {
            let safe = spreadsheet_safe(cell);
            assert!(
                !safe.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} → {safe:?}"
            );
            assert_eq!(from_spreadsheet_safe(&safe), cell);
        }
        assert_eq!(
            spreadsheet_safe("'plain"),
            "'plain",
            "no quote added where none is needed"
        );
    }
}
