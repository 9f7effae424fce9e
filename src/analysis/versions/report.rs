//! A comparison in words: one sentence per change, grouped by key area, as plain text,
//! Markdown, HTML (a publishable "what changed" page) or JSON.

use serde_json::json;
use similar::{ChangeTag, TextDiff};

use super::changes::{Change, Comparison, Subject, count_by_kind};
use super::statements::StatementChange;
use crate::model::fields::UnitField;
use crate::model::{FunctionalMap, Node, NodeId, StatementId, StatementList};
use crate::render::escape::{markdown as escape_markdown, xml as escape_html};

/// One change in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    /// The change's index in the comparison.
    pub index: usize,
    /// The heading it goes under: `The map`, or the key area it is in.
    pub group: String,
    /// The sentence.
    pub text: String,
    /// For reworded long text: the words taken out and put in.
    pub words: Option<Vec<WordChange>>,
}

/// A run of words in a word-level comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordChange {
    Same(String),
    Out(String),
    In(String),
}

/// Every change of `comparison` in words, in its order, grouped by key area (groups in the new
/// version's order, then the key areas that were removed).
pub fn describe(
    old: &FunctionalMap,
    new: &FunctionalMap,
    comparison: &Comparison,
) -> Vec<Described> {
    let mut lines: Vec<(usize, usize, Described)> = comparison
        .changes
        .iter()
        .enumerate()
        .map(|(i, change)| {
            let (rank, group) = group_of(old, new, comparison, change.subject());
            let (text, words) = sentence(old, new, change);
            (
                rank,
                i,
                Described {
                    index: i,
                    group,
                    text,
                    words,
                },
            )
        })
        .collect();
    lines.sort_by_key(|(rank, i, _)| (*rank, *i));
    lines.into_iter().map(|(_, _, d)| d).collect()
}

/// The key area a change is in (its rank for ordering, and its heading).
fn group_of(
    old: &FunctionalMap,
    new: &FunctionalMap,
    comparison: &Comparison,
    subject: Subject,
) -> (usize, String) {
    let key_area = |map: &FunctionalMap, id: NodeId| -> Option<NodeId> {
        let mut current = id;
        loop {
            let parent = *map.parents(current).first()?;
            if parent == map.root() {
                return Some(current);
            }
            current = parent;
        }
    };
    let heading = |map: &FunctionalMap, area: NodeId| {
        let level = map.meta().level_name(1);
        match map.node(area) {
            Some(Node::Function(f)) if !f.code.trim().is_empty() => {
                format!("{level} {} “{}”", f.code.trim(), f.title.trim())
            }
            Some(node) => format!("{level} “{}”", node.title().trim()),
            None => level.to_string(),
        }
    };
    let new_areas = new.children(new.root());
    let (map, area) = match subject {
        Subject::Map => return (0, "The map".to_string()),
        Subject::New(id) => (new, key_area(new, id)),
        Subject::Old(id) => match key_area(old, id) {
            Some(area) => match comparison.matching.new_of(area) {
                Some(now) if new_areas.contains(&now) => (new, Some(now)),
                _ => (old, Some(area)),
            },
            None => (old, None),
        },
    };
    match area {
        None => (0, "The map".to_string()),
        Some(area) if std::ptr::eq(map, new) => (
            1 + new_areas.iter().position(|&a| a == area).unwrap_or(0),
            heading(new, area),
        ),
        Some(area) => (
            1 + new_areas.len()
                + old
                    .children(old.root())
                    .iter()
                    .position(|&a| a == area)
                    .unwrap_or(0),
            format!("{} (removed)", heading(old, area)),
        ),
    }
}

fn sentence(
    old: &FunctionalMap,
    new: &FunctionalMap,
    change: &Change,
) -> (String, Option<Vec<WordChange>>) {
    let name_old = |id: NodeId| old.describe(id);
    let name_new = |id: NodeId| new.describe(id);
    let text = match change {
        Change::Setting { field } => {
            let words = long(&field.text(old.meta()), &field.text(new.meta()));
            let text = field
                .describe_change(old.meta(), new.meta())
                .unwrap_or_else(|| format!("{} changed", field.label()));
            return (format!("Map settings: {text}"), words);
        }
        Change::Added {
            new: id,
            new_parent,
        } => {
            let more = new.branch(*id).len().saturating_sub(1);
            let with = match more {
                0 => String::new(),
                1 => " with one node below it".to_string(),
                n => format!(" with {n} nodes below it"),
            };
            format!(
                "Added {} under {}{with}",
                name_new(*id),
                name_new(*new_parent)
            )
        }
        Change::Removed {
            old: id,
            old_parents,
        } => {
            let from: Vec<String> = old_parents.iter().map(|&p| name_old(p)).collect();
            format!("Removed {} from {}", name_old(*id), from.join(" and "))
        }
        Change::Moved {
            old: o,
            old_parent,
            new_parent,
            ..
        } => format!(
            "Moved {} from {} to {}",
            name_old(*o),
            name_old(*old_parent),
            name_new(*new_parent)
        ),
        Change::PlacementAdded {
            new: id,
            new_parent,
        } => {
            format!(
                "Placed {} also under {}",
                name_new(*id),
                name_new(*new_parent)
            )
        }
        Change::PlacementRemoved {
            old: id,
            old_parent,
        } => {
            format!(
                "{} is no longer placed under {}",
                crate::analysis::capitalised(&name_old(*id)),
                name_old(*old_parent)
            )
        }
        Change::Reordered { new: id, .. } => {
            format!("Put what is under {} in a new order", name_new(*id))
        }
        Change::Renamed { old: o, new: n } => {
            let (before, after) = (
                old.node(*o).map_or("", Node::title),
                new.node(*n).map_or("", Node::title),
            );
            return (
                format!("Renamed {} to “{}”", name_old(*o), after.trim()),
                long(before, after),
            );
        }
        Change::Field {
            old: o,
            new: n,
            field,
        } => return field_sentence(old, new, *o, *n, field),
        Change::Statement {
            old: o,
            new: n,
            list,
            change,
        } => return statement_sentence(old, new, *o, *n, *list, *change),
        Change::Annotations { new: n, .. } => format!(
            "{}: dismissed findings or workshop decisions changed",
            crate::analysis::capitalised(&name_new(*n))
        ),
        Change::Recreated { new: n, .. } => format!(
            "{} was deleted and made again (node {n})",
            crate::analysis::capitalised(&name_new(*n))
        ),
    };
    (text, None)
}

fn field_sentence(
    old: &FunctionalMap,
    new: &FunctionalMap,
    o: NodeId,
    n: NodeId,
    field: &str,
) -> (String, Option<Vec<WordChange>>) {
    let who = crate::analysis::capitalised(&new.describe(n));
    match (old.node(o), new.node(n)) {
        (Some(Node::Unit(a)), Some(Node::Unit(b))) => {
            let Some(unit_field) = UnitField::ALL.into_iter().find(|f| f.key() == field) else {
                return (format!("{who}: {field} changed"), None);
            };
            let (before, after) = (unit_field.text(a), unit_field.text(b));
            let text = unit_field
                .describe_change(a, b)
                .unwrap_or_else(|| format!("{} changed", unit_field.label()));
            (format!("{who}: {text}"), long(&before, &after))
        }
        (Some(Node::Function(a)), Some(Node::Function(b))) => match field {
            "code" => (
                format!("{who}: code {} → {}", shown(&a.code), shown(&b.code)),
                None,
            ),
            "gap" => (
                format!(
                    "{who}: {}",
                    if b.gap {
                        "marked as a gap"
                    } else {
                        "no longer marked as a gap"
                    }
                ),
                None,
            ),
            _ => (
                format!("{who}: description changed"),
                long(&a.description, &b.description)
                    .or_else(|| Some(words(&a.description, &b.description))),
            ),
        },
        (Some(Node::KeyPurpose(a)), Some(Node::KeyPurpose(b))) => (
            format!("{who}: notes changed"),
            Some(words(&a.notes, &b.notes)),
        ),
        _ => (format!("{who}: {field} changed"), None),
    }
}

fn statement_sentence(
    old: &FunctionalMap,
    new: &FunctionalMap,
    o: NodeId,
    n: NodeId,
    list: StatementList,
    change: StatementChange,
) -> (String, Option<Vec<WordChange>>) {
    let who = crate::analysis::capitalised(&new.describe(n));
    let label = |map: &FunctionalMap, unit: NodeId, id: StatementId| {
        map.unit(unit)
            .and_then(|u| u.statement_label(id))
            .unwrap_or_else(|| list.short_label().to_string())
    };
    let text = |map: &FunctionalMap, unit: NodeId, id: StatementId| {
        map.unit(unit)
            .and_then(|u| u.statements(list).iter().find(|s| s.id == id))
            .map(|s| s.text.trim().to_string())
            .unwrap_or_default()
    };
    match change {
        StatementChange::Added { new: id } => (
            format!("{who}: added {} “{}”", label(new, n, id), text(new, n, id)),
            None,
        ),
        StatementChange::Removed { old: id } => (
            format!(
                "{who}: removed {} “{}”",
                label(old, o, id),
                text(old, o, id)
            ),
            None,
        ),
        StatementChange::Changed { old: a, new: b } => {
            let (before, after) = (text(old, o, a), text(new, n, b));
            (
                format!("{who}: reworded {}", label(new, n, b)),
                Some(words(&before, &after)),
            )
        }
        StatementChange::Moved { old: a, new: b } => (
            format!(
                "{who}: moved {} “{}” to {}",
                label(old, o, a),
                text(new, n, b),
                label(new, n, b)
            ),
            None,
        ),
    }
}

/// A word-level comparison when either side is long (several lines or over 40 characters).
fn long(before: &str, after: &str) -> Option<Vec<WordChange>> {
    let is_long = |s: &str| s.chars().count() > 40 || s.contains('\n');
    (is_long(before) || is_long(after)).then(|| words(before, after))
}

/// The words taken out and put in, runs of the same kind joined.
pub fn words(before: &str, after: &str) -> Vec<WordChange> {
    let diff = TextDiff::configure().diff_words(before, after);
    let mut out: Vec<WordChange> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(WordChange::Same(run)))
            | (ChangeTag::Delete, Some(WordChange::Out(run)))
            | (ChangeTag::Insert, Some(WordChange::In(run))) => run.push_str(text),
            (ChangeTag::Equal, _) => out.push(WordChange::Same(text.to_string())),
            (ChangeTag::Delete, _) => out.push(WordChange::Out(text.to_string())),
            (ChangeTag::Insert, _) => out.push(WordChange::In(text.to_string())),
        }
    }
    out
}

fn shown(text: &str) -> String {
    if text.trim().is_empty() {
        "(none)".to_string()
    } else {
        text.trim().to_string()
    }
}

/// The report's title: "What changed in TITLE version V".
pub fn title(new: &FunctionalMap) -> String {
    let version = new.meta().version.trim();
    if version.is_empty() {
        format!("What changed in {}", new.display_title())
    } else {
        format!("What changed in {} version {version}", new.display_title())
    }
}

/// "12 changes: 3 added, 1 removed…", or "No changes".
pub fn summary(comparison: &Comparison) -> String {
    if comparison.is_empty() {
        return "No changes".to_string();
    }
    let counts = count_by_kind(&comparison.changes);
    let order = [
        ("added", "added"),
        ("removed", "removed"),
        ("moved", "moved"),
        ("renamed", "renamed"),
        ("field", "fields changed"),
        ("statement", "statements changed"),
        ("placement added", "placements added"),
        ("placement removed", "placements removed"),
        ("reordered", "reordered"),
        ("setting", "settings changed"),
        ("annotations", "annotations changed"),
        ("recreated", "made again"),
    ];
    let parts: Vec<String> = order
        .iter()
        .filter_map(|(key, words)| counts.get(key).map(|n| format!("{n} {words}")))
        .collect();
    let total = comparison.changes.len();
    let noun = if total == 1 { "change" } else { "changes" };
    format!("{total} {noun}: {}", parts.join(", "))
}

/// Plain text, one change per line under its key area; word changes as `[-out-]{+in+}`.
pub fn to_text(old: &FunctionalMap, new: &FunctionalMap, comparison: &Comparison) -> String {
    let mut out = format!("{}\n{}\n", title(new), summary(comparison));
    let mut group = String::new();
    for line in describe(old, new, comparison) {
        if line.group != group {
            group.clone_from(&line.group);
            out.push_str(&format!("\n{group}\n"));
        }
        out.push_str(&format!("  - {}\n", line.text));
        if let Some(words) = &line.words {
            out.push_str("      ");
            for run in words {
                match run {
                    WordChange::Same(t) => out.push_str(&t.replace('\n', "\n      ")),
                    WordChange::Out(t) => out.push_str(&format!("[-{t}-]")),
                    WordChange::In(t) => out.push_str(&format!("{{+{t}+}}")),
                }
            }
            out.push('\n');
        }
    }
    out
}

/// Markdown: a heading per key area, a bullet per change, words out ~~struck~~ and in **bold**.
pub fn to_markdown(old: &FunctionalMap, new: &FunctionalMap, comparison: &Comparison) -> String {
    let mut out = format!(
        "# {}\n\n{}\n",
        escape_markdown(&title(new)),
        summary(comparison)
    );
    let mut group = String::new();
    for line in describe(old, new, comparison) {
        if line.group != group {
            group.clone_from(&line.group);
            out.push_str(&format!("\n## {}\n\n", escape_markdown(&group)));
        }
        out.push_str(&format!("- {}\n", escape_markdown(&line.text)));
        if let Some(words) = &line.words {
            out.push_str("\n  > ");
            for run in words {
                let text = escape_markdown(&run_text(run).replace('\n', " "));
                match run {
                    WordChange::Same(_) => out.push_str(&text),
                    WordChange::Out(_) if !text.trim().is_empty() => {
                        out.push_str(&format!("~~{}~~ ", text.trim()));
                    }
                    WordChange::In(_) if !text.trim().is_empty() => {
                        out.push_str(&format!("**{}** ", text.trim()));
                    }
                    _ => {}
                }
            }
            out.push_str("\n\n");
        }
    }
    out
}

fn run_text(run: &WordChange) -> &str {
    match run {
        WordChange::Same(t) | WordChange::Out(t) | WordChange::In(t) => t,
    }
}

/// A page to publish: a section per key area, words out struck through and words in underlined.
pub fn to_html(old: &FunctionalMap, new: &FunctionalMap, comparison: &Comparison) -> String {
    let title = escape_html(&title(new));
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>\n\
         body {{ font-family: 'DejaVu Sans', Arial, sans-serif; max-width: 50em; margin: 2em auto; line-height: 1.45; color: #1b1b1b; }}\n\
         h2 {{ border-bottom: 1px solid #ccc; margin-top: 1.6em; }}\n\
         del {{ background: #fde2e2; color: #8a1c1c; }}\n\
         ins {{ background: #dff3e0; color: #1c5e20; text-decoration: underline; }}\n\
         .words {{ margin: 0.3em 0 0.6em 0; padding-left: 0.8em; border-left: 3px solid #ddd; }}\n\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{}</p>\n",
        escape_html(&summary(comparison))
    );
    let mut group = String::new();
    let mut open = false;
    for line in describe(old, new, comparison) {
        if line.group != group {
            if open {
                out.push_str("</ul>\n");
            }
            group.clone_from(&line.group);
            out.push_str(&format!("<h2>{}</h2>\n<ul>\n", escape_html(&group)));
            open = true;
        }
        out.push_str(&format!("<li>{}", escape_html(&line.text)));
        if let Some(words) = &line.words {
            out.push_str("<div class=\"words\">");
            for run in words {
                let text = escape_html(run_text(run)).replace('\n', "<br>");
                match run {
                    WordChange::Same(_) => out.push_str(&text),
                    WordChange::Out(_) => out.push_str(&format!("<del>{text}</del>")),
                    WordChange::In(_) => out.push_str(&format!("<ins>{text}</ins>")),
                }
            }
            out.push_str("</div>");
        }
        out.push_str("</li>\n");
    }
    if open {
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// JSON for other programs: each change's kind, ids in each version, group and sentence.
pub fn to_json(old: &FunctionalMap, new: &FunctionalMap, comparison: &Comparison) -> String {
    let changes: Vec<serde_json::Value> = describe(old, new, comparison)
        .iter()
        .map(|line| {
            let change = &comparison.changes[line.index];
            let (old_id, new_id) = ids(change);
            json!({
                "kind": kind(change),
                "old_node": old_id.map(NodeId::raw),
                "new_node": new_id.map(NodeId::raw),
                "group": line.group,
                "text": line.text,
            })
        })
        .collect();
    let value = json!({
        "title": title(new),
        "summary": summary(comparison),
        "changes": changes,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

fn kind(change: &Change) -> &'static str {
    match change {
        Change::Setting { .. } => "setting",
        Change::Added { .. } => "added",
        Change::Removed { .. } => "removed",
        Change::Moved { .. } => "moved",
        Change::PlacementAdded { .. } => "placement-added",
        Change::PlacementRemoved { .. } => "placement-removed",
        Change::Reordered { .. } => "reordered",
        Change::Renamed { .. } => "renamed",
        Change::Field { .. } => "field",
        Change::Statement { change, .. } => match change {
            StatementChange::Added { .. } => "statement-added",
            StatementChange::Removed { .. } => "statement-removed",
            StatementChange::Changed { .. } => "statement-changed",
            StatementChange::Moved { .. } => "statement-moved",
        },
        Change::Annotations { .. } => "annotations",
        Change::Recreated { .. } => "recreated",
    }
}

fn ids(change: &Change) -> (Option<NodeId>, Option<NodeId>) {
    match *change {
        Change::Setting { .. } => (None, None),
        Change::Added { new, .. } | Change::PlacementAdded { new, .. } => (None, Some(new)),
        Change::Removed { old, .. } | Change::PlacementRemoved { old, .. } => (Some(old), None),
        Change::Moved { old, new, .. }
        | Change::Reordered { old, new }
        | Change::Renamed { old, new }
        | Change::Field { old, new, .. }
        | Change::Statement { old, new, .. }
        | Change::Annotations { old, new }
        | Change::Recreated { old, new } => (Some(old), Some(new)),
    }
}
