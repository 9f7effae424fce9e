//! Returned comment forms back into the map: any number of XLSX/ODS/CSV files, rows in any
//! order, columns found by name, rows added by reviewers placed by unit and item, text typed
//! into the wrong column rescued, every row either taken or reported with its row number.
//!
//! Importing is idempotent: a comment already in the map (the same reviewer and organisation
//! saying the same about the same item) is not added again. The result is a list of edits for
//! the caller to apply as one undoable step.

use std::collections::BTreeMap;

use super::items::{anchor_label, anchor_text, parse_item_key, review_items};
use crate::edit::Edit;
use crate::io::table::from_spreadsheet_safe;
use crate::model::{
    Comment, CommentAnchor, CommentId, CommentKind, Date, FunctionalMap, Nation, Node, NodeId,
};

/// What happened to one returned form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormReport {
    /// The file's name as given.
    pub file: String,
    /// Rows holding a comment or a proposed change.
    pub rows_with_comments: usize,
    /// Comments added to the map.
    pub taken: usize,
    /// Comments the map already held (an earlier import of the same form).
    pub already_there: usize,
    /// Rows that could not be placed: spreadsheet row number and why.
    pub unplaced: Vec<(usize, String)>,
    /// Rows taken with something to say: a column read as another, a nation not recognised…
    pub notes: Vec<String>,
}

impl FormReport {
    /// One paragraph for a person: what was taken, what was not and where.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{}: {} comment{} taken",
            self.file,
            self.taken,
            if self.taken == 1 { "" } else { "s" }
        );
        if self.already_there > 0 {
            text.push_str(&format!(", {} already in the map", self.already_there));
        }
        if !self.unplaced.is_empty() {
            text.push_str(&format!(", {} could not be placed", self.unplaced.len()));
        }
        text.push('.');
        for (row, why) in &self.unplaced {
            text.push_str(&format!("\n  row {row}: not placed: {why}"));
        }
        for note in &self.notes {
            text.push_str(&format!("\n  {note}"));
        }
        text
    }
}

/// Comments to add, as edits, and a report per form.
#[derive(Clone, Debug, Default)]
pub struct Imported {
    /// One `SetNode` per node that receives comments (ids are given when applied).
    pub edits: Vec<Edit>,
    pub reports: Vec<FormReport>,
}

impl Imported {
    /// Comments added over all forms.
    pub fn taken(&self) -> usize {
        self.reports.iter().map(|r| r.taken).sum()
    }
}

/// Reads every form and works out the comments they add to `map`.
pub fn import_forms(map: &FunctionalMap, forms: &[(String, Vec<u8>)]) -> Imported {
    let mut added: BTreeMap<NodeId, Vec<Comment>> = BTreeMap::new();
    let mut reports = Vec::new();
    let places = Places::new(map);
    for (name, bytes) in forms {
        let mut report = FormReport {
            file: name.clone(),
            ..FormReport::default()
        };
        match read_table(name, bytes) {
            Ok(table) => read_form(map, &places, name, &table, &mut added, &mut report),
            Err(why) => report.unplaced.push((0, why)),
        }
        reports.push(report);
    }
    let edits = added
        .into_iter()
        .filter_map(|(id, comments)| {
            let node = map.node(id)?.with_comments(comments);
            Some(Edit::SetNode { id, node })
        })
        .collect();
    Imported { edits, reports }
}

/// A sheet's cells as text with each row's spreadsheet row number (1 for the first row).
struct Table {
    rows: Vec<(usize, Vec<String>)>,
}

/// Reads a CSV or a spreadsheet (XLSX, XLSM, ODS, XLS; the first sheet named "Comments", else
/// the first sheet).
fn read_table(name: &str, bytes: &[u8]) -> Result<Table, String> {
    let lower = name.to_lowercase();
    let zip_or_ole = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF]);
    if zip_or_ole
        || [".xlsx", ".xlsm", ".ods", ".xls"]
            .iter()
            .any(|e| lower.ends_with(e))
    {
        read_spreadsheet(bytes)
    } else {
        read_csv(bytes)
    }
}

fn read_spreadsheet(bytes: &[u8]) -> Result<Table, String> {
    Ok(Table {
        rows: crate::io::table::xlsx::read_rows(bytes, Some("comments"))?,
    })
}

fn read_csv(bytes: &[u8]) -> Result<Table, String> {
    let text = String::from_utf8_lossy(bytes);
    let text = crate::io::table::without_bom(&text);
    // Excel saves "CSV" with semicolons in much of Europe: take the delimiter the header uses.
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.matches(*d as char).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("record {}: {e}", i + 1))?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        rows.push((line, record.iter().map(str::to_string).collect()));
    }
    Ok(Table { rows })
}

/// The columns a form can have, by what they mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Col {
    Id,
    Unit,
    UnitTitle,
    Item,
    Text,
    Kind,
    Comment,
    Proposed,
    Reviewer,
    Organisation,
    Stakeholder,
    Nation,
    Date,
}

/// What a header cell means (headers written by other templates too: ISO's "Member body",
/// "Observations", "Type of comment").
fn column_of(header: &str) -> Option<Col> {
    let key: String = header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    Some(match key.as_str() {
        "itemid" | "id" | "key" | "itemkey" => Col::Id,
        "unit" | "urn" | "uniturn" | "nos" | "unitcode" | "code" => Col::Unit,
        "unittitle" | "title" | "nostitle" => Col::UnitTitle,
        "item" | "clause" | "itemnumber" | "ref" | "reference" | "subclause" | "pc" => Col::Item,
        "text" | "itemtext" | "wording" | "statement" | "currentwording" => Col::Text,
        "type" | "commenttype" | "typeofcomment" => Col::Kind,
        "comment" | "comments" | "yourcomment" | "observations" | "commenttext" => Col::Comment,
        "proposedchange" | "proposedchanges" | "proposal" | "suggestedchange" | "suggestion"
        | "proposedwording" => Col::Proposed,
        "reviewer" | "name" | "yourname" | "commenter" | "reviewername" => Col::Reviewer,
        "organisation" | "organization" | "org" | "memberbody" | "company" | "employer" => {
            Col::Organisation
        }
        "stakeholdertype" | "stakeholder" | "typeoforganisation" | "typeoforganization" => {
            Col::Stakeholder
        }
        "nation" | "country" => Col::Nation,
        "date" | "datesubmitted" => Col::Date,
        _ => return None,
    })
}

/// The header row: the first of the first ten rows naming at least two known columns, with
/// where each column is and which columns nobody asked for (but reviewers may have used).
struct Header {
    row: usize,
    columns: BTreeMap<Col, usize>,
    extra: Vec<(usize, String)>,
}

fn find_header(table: &Table) -> Option<Header> {
    table
        .rows
        .iter()
        .take(10)
        .enumerate()
        .find_map(|(i, (_, cells))| {
            let mut columns = BTreeMap::new();
            let mut extra = Vec::new();
            for (c, cell) in cells.iter().enumerate() {
                match column_of(cell) {
                    Some(col) => {
                        columns.entry(col).or_insert(c);
                    }
                    None if !cell.trim().is_empty() => extra.push((c, cell.trim().to_string())),
                    None => {}
                }
            }
            let has_comment =
                columns.contains_key(&Col::Comment) || columns.contains_key(&Col::Proposed);
            (columns.len() >= 2 && has_comment).then_some(Header {
                row: i,
                columns,
                extra,
            })
        })
}

/// Items of the map by key, by unit + label and by words, for placing rows.
struct Places {
    by_words: BTreeMap<String, Vec<(NodeId, CommentAnchor)>>,
}

impl Places {
    fn new(map: &FunctionalMap) -> Self {
        let mut by_words: BTreeMap<String, Vec<(NodeId, CommentAnchor)>> = BTreeMap::new();
        for item in review_items(map, None) {
            by_words
                .entry(words(&item.text))
                .or_default()
                .push((item.node, item.anchor));
        }
        Self { by_words }
    }
}

/// Lower-case words, single spaces.
fn words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The values a reviewer gave once for the rows below.
#[derive(Default)]
struct Reviewer {
    name: String,
    organisation: String,
    stakeholder: String,
    nation: Nation,
}

fn read_form(
    map: &FunctionalMap,
    places: &Places,
    file: &str,
    table: &Table,
    added: &mut BTreeMap<NodeId, Vec<Comment>>,
    report: &mut FormReport,
) {
    let Some(header) = find_header(table) else {
        report.unplaced.push((
            0,
            "no header row naming a Comment or Proposed change column in the first ten rows".into(),
        ));
        return;
    };
    let cell = |cells: &[String], col: Col| -> String {
        header
            .columns
            .get(&col)
            .and_then(|&c| cells.get(c))
            .map(|s| from_spreadsheet_safe(s.trim()).to_string())
            .unwrap_or_default()
    };
    let mut reviewer = first_reviewer(table, &header, &cell);
    let mut extra_used = false;
    for (row_number, cells) in table.rows.iter().skip(header.row + 1) {
        let row_number = *row_number;
        // What the reviewer typed; extra columns and a long "type" are read as comment text.
        let mut comment = cell(cells, Col::Comment);
        let mut proposed = cell(cells, Col::Proposed);
        let mut kind_text = cell(cells, Col::Kind);
        let mut notes_for_row = Vec::new();
        let extra: Vec<String> = header
            .extra
            .iter()
            .filter_map(|(c, name)| {
                let text = cells.get(*c)?.trim();
                (!text.is_empty()).then(|| format!("{name}: {text}"))
            })
            .collect();
        if !extra.is_empty() {
            extra_used = true;
            append(&mut comment, &extra.join("; "));
            notes_for_row.push("text in columns the form does not have was added to the comment");
        }
        if CommentKind::parse(&kind_text).is_none() && kind_text.chars().count() > 20 {
            append(&mut comment, &kind_text);
            kind_text.clear();
            notes_for_row.push("a comment typed into the Type column was taken as the comment");
        }
        // Remember reviewer details given on this row for the rows below (also on empty rows).
        update_reviewer(&mut reviewer, cells, &cell, row_number, report);
        let placed = place(map, places, cells, &cell);
        // Words typed over the item's own text are a proposed change.
        let form_text = cell(cells, Col::Text);
        if let Ok((node, anchor, _)) = &placed
            && !form_text.is_empty()
            && let Some(now) = map.node(*node).and_then(|n| anchor_text(n, anchor))
            && words(&now) != words(&form_text)
            && header.columns.contains_key(&Col::Id)
            && parse_item_key(&cell(cells, Col::Id)).is_some()
            && proposed.is_empty()
        {
            proposed = form_text.clone();
            notes_for_row
                .push("the item's words were edited on the form: taken as the proposed change");
        }
        if comment.is_empty() && proposed.is_empty() {
            continue;
        }
        report.rows_with_comments += 1;
        let (node_id, anchor, how) = match placed {
            Ok(place) => place,
            Err(why) => {
                report.unplaced.push((row_number, why));
                continue;
            }
        };
        if let Some(how) = how {
            notes_for_row.push(how);
        }
        let Some(node) = map.node(node_id) else {
            report
                .unplaced
                .push((row_number, "its node is not in the map".into()));
            continue;
        };
        let kind = match CommentKind::parse(&kind_text) {
            Some(kind) => kind,
            None if kind_text.is_empty() => CommentKind::General,
            None => {
                report.notes.push(format!(
                    "row {row_number}: type “{kind_text}” is not General, Technical or Editorial: read as General"
                ));
                CommentKind::General
            }
        };
        let made_on = if form_text.is_empty() || proposed == form_text {
            anchor_text(node, &anchor).unwrap_or_default()
        } else {
            form_text.clone()
        };
        let made_on_label = match cell(cells, Col::Item) {
            label if !label.is_empty() => label,
            _ => anchor_label(node, &anchor).unwrap_or_default(),
        };
        let date_text = cell(cells, Col::Date);
        let date = parse_date(&date_text);
        if date.is_none() && !date_text.is_empty() {
            report.notes.push(format!(
                "row {row_number}: date “{date_text}” not understood: left out"
            ));
        }
        let comment = Comment {
            id: CommentId::UNASSIGNED,
            anchor,
            made_on_label,
            made_on,
            reviewer: reviewer.name.clone(),
            organisation: reviewer.organisation.clone(),
            stakeholder: reviewer.stakeholder.clone(),
            nation: reviewer.nation,
            kind,
            text: comment,
            proposed_change: proposed,
            date,
            source: format!("{file} row {row_number}"),
            ..Comment::default()
        };
        let already = node
            .comments()
            .iter()
            .chain(added.get(&node_id).into_iter().flatten())
            .any(|c| c.same_submission(&comment));
        if already {
            report.already_there += 1;
            continue;
        }
        for note in notes_for_row {
            report.notes.push(format!("row {row_number}: {note}"));
        }
        added.entry(node_id).or_default().push(comment);
        report.taken += 1;
    }
    if extra_used {
        let names: Vec<&str> = header.extra.iter().map(|(_, n)| n.as_str()).collect();
        report.notes.push(format!(
            "columns the form does not have ({}) were read into the comment",
            names.join(", ")
        ));
    }
}

fn append(text: &mut String, more: &str) {
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(more);
}

/// The first reviewer details given anywhere in the form: rows above the first filled-in one
/// count as the same reviewer's.
fn first_reviewer(
    table: &Table,
    header: &Header,
    cell: &dyn Fn(&[String], Col) -> String,
) -> Reviewer {
    let first = |col: Col| {
        table
            .rows
            .iter()
            .skip(header.row + 1)
            .map(|(_, cells)| cell(cells, col))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    };
    Reviewer {
        name: first(Col::Reviewer),
        organisation: first(Col::Organisation),
        stakeholder: first(Col::Stakeholder),
        nation: Nation::parse(&first(Col::Nation)).unwrap_or_default(),
    }
}

fn update_reviewer(
    reviewer: &mut Reviewer,
    cells: &[String],
    cell: &dyn Fn(&[String], Col) -> String,
    row: usize,
    report: &mut FormReport,
) {
    let take = |col: Col, slot: &mut String| {
        let value = cell(cells, col);
        if !value.is_empty() {
            *slot = value;
        }
    };
    take(Col::Reviewer, &mut reviewer.name);
    take(Col::Organisation, &mut reviewer.organisation);
    take(Col::Stakeholder, &mut reviewer.stakeholder);
    let nation = cell(cells, Col::Nation);
    if !nation.is_empty() {
        match Nation::parse(&nation) {
            Some(parsed) => reviewer.nation = parsed,
            None => report.notes.push(format!(
                "row {row}: nation “{nation}” is not England, Scotland, Wales, Northern Ireland or UK-wide: left as it was"
            )),
        }
    }
}

/// Where a row's comment goes: by the hidden id; else by unit and item (rows reviewers added);
/// else by the item's words; else on the unit as a whole when only the unit can be found. The
/// third value says how, when it was not by id.
fn place(
    map: &FunctionalMap,
    places: &Places,
    cells: &[String],
    cell: &dyn Fn(&[String], Col) -> String,
) -> Result<(NodeId, CommentAnchor, Option<&'static str>), String> {
    if let Some((node, anchor)) = parse_item_key(&cell(cells, Col::Id))
        && map.contains(node)
    {
        return Ok((node, anchor, None));
    }
    let unit_name = cell(cells, Col::Unit);
    let label = cell(cells, Col::Item);
    let unit = (!unit_name.is_empty())
        .then(|| crate::analysis::find_node(map, &unit_name))
        .flatten();
    if let Some(id) = unit
        && let Some(node) = map.node(id)
        && let Some(anchor) = anchor_by_label(node, &label)
    {
        return Ok((id, anchor, Some("placed by its unit and item")));
    }
    let text = cell(cells, Col::Text);
    if let Some(found) = places
        .by_words
        .get(&words(&text))
        .filter(|_| !text.is_empty())
    {
        let in_unit: Vec<_> = found
            .iter()
            .filter(|(node, _)| unit.is_none_or(|u| u == *node))
            .collect();
        if let [(node, anchor)] = in_unit.as_slice() {
            return Ok((*node, anchor.clone(), Some("placed by the item's words")));
        }
    }
    if let Some(id) = unit {
        return Ok((
            id,
            CommentAnchor::Whole,
            Some("item not found in its unit: placed on the unit as a whole"),
        ));
    }
    Err(match (unit_name.is_empty(), label.is_empty()) {
        (true, true) => "the row names no item (its hidden id, unit and item are empty)".into(),
        (true, false) => format!("item “{label}” names no unit"),
        (false, _) => format!("no unit or function “{unit_name}” in the map"),
    })
}

/// The anchor a form's item label names in a node: `Title`, `Overview`, `P3`, `Values 2`…
fn anchor_by_label(node: &Node, label: &str) -> Option<CommentAnchor> {
    let label = label.trim();
    if label.is_empty() || label.eq_ignore_ascii_case("title") {
        return Some(CommentAnchor::Whole);
    }
    if label.eq_ignore_ascii_case("overview") && node.as_unit().is_some() {
        return Some(CommentAnchor::Field("overview".into()));
    }
    // "P 3", "p3." and "PC3" as reviewers type them.
    let compact: String = label
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    let compact = compact
        .strip_prefix("PC")
        .or_else(|| compact.strip_prefix("pc"))
        .map_or(compact.clone(), |rest| format!("P{rest}"));
    let unit = node.as_unit()?;
    unit.statement_by_label(&compact)
        .or_else(|| unit.statement_by_label(label))
        .map(CommentAnchor::Statement)
}

/// `2026-11-30`, `30/11/2026` or `30.11.2026` (UK order).
fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = Date::parse_iso(text.get(..10).unwrap_or(text)) {
        return Some(date);
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    if let [day, month, year] = parts.as_slice() {
        let year: u16 = year.trim().parse().ok()?;
        let year = if year < 100 { 2000 + year } else { year };
        return Date::new(year, month.trim().parse().ok()?, day.trim().parse().ok()?);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_from_other_templates_are_understood() {
        assert_eq!(column_of("Member body"), Some(Col::Organisation));
        assert_eq!(column_of("Type of comment"), Some(Col::Kind));
        assert_eq!(column_of("Proposed change"), Some(Col::Proposed));
        assert_eq!(column_of("Item id"), Some(Col::Id));
        assert_eq!(column_of("Priority"), None);
    }

    #[test]
    fn dates_in_uk_order() {
        assert_eq!(parse_date("30/11/2026"), Date::new(2026, 11, 30));
        assert_eq!(parse_date("2026-11-30"), Date::new(2026, 11, 30));
        assert_eq!(parse_date("2026-11-30T10:00:00"), Date::new(2026, 11, 30));
        assert_eq!(parse_date("soon"), None);
        assert_eq!(
            crate::io::table::xlsx::excel_date(46_356.0),
            Date::new(2026, 11, 30)
        );
    }
}
