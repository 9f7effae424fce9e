//! Merge conflicts: what a three-way merge kept from ours where both sides changed the same
//! thing, one finding per conflict, settled by keeping ours or taking theirs.

use super::lower_words;
use super::{Findings, Fix};
use crate::edit::Edit;
use crate::model::fields::{MapField, UnitField};
use crate::model::{Conflict, Location, Node, NodeId};

/// The id of the rule.
pub(super) const RULE: &str = "merge-conflict";

/// One finding per merge conflict recorded on the node.
pub(super) fn check_node(id: NodeId, node: &Node, findings: &mut Findings) {
    for conflict in node.conflicts() {
        findings.add_with_choices(
            RULE,
            location(id, node, conflict),
            message(node, conflict),
            fixes(id, node, conflict),
        );
    }
}

/// "Keep ours" (remove the conflict), then "Take theirs" where theirs can be set on the node.
fn fixes(id: NodeId, node: &Node, conflict: &Conflict) -> Vec<Fix> {
    let keep = Fix {
        label: "Keep ours".into(),
        edit: Edit::SetNode {
            id,
            node: node.without_conflict(conflict),
        },
    };
    let take = node.taking_theirs(conflict).map(|theirs| Fix {
        label: "Take theirs".into(),
        edit: Edit::SetNode { id, node: theirs },
    });
    std::iter::once(keep).chain(take).collect()
}

/// The statement, the field (by its static key), or the node.
fn location(id: NodeId, node: &Node, conflict: &Conflict) -> Location {
    if let Some(statement) = conflict.statement {
        return Location::statement(id, statement);
    }
    match field_key(node, &conflict.what) {
        Some(key) => Location::field(id, key),
        None => Location::node(id),
    }
}

/// The fields each kind of node has that are not in the fields table.
const FUNCTION_FIELDS: [&str; 4] = ["code", "title", "description", "gap"];
const KEY_PURPOSE_FIELDS: [&str; 2] = ["statement", "notes"];

/// The key of a field this node has (the key purpose also stands for the map's settings).
fn field_key(node: &Node, what: &str) -> Option<&'static str> {
    match node {
        Node::Unit(_) => UnitField::ALL
            .into_iter()
            .map(UnitField::key)
            .find(|&k| k == what),
        Node::Function(_) => FUNCTION_FIELDS.into_iter().find(|&k| k == what),
        Node::KeyPurpose(_) => KEY_PURPOSE_FIELDS
            .into_iter()
            .chain(MapField::ALL.into_iter().map(MapField::key))
            .find(|&k| k == what),
    }
}

/// What the conflict is about, as the end of "Both changed …".
fn subject(node: &Node, conflict: &Conflict) -> String {
    if let Some(statement) = conflict.statement {
        return node
            .as_unit()
            .and_then(|unit| unit.statement_label(statement))
            .unwrap_or_else(|| "a statement".into());
    }
    let what = conflict.what.as_str();
    let label = match node {
        Node::Unit(_) => UnitField::ALL
            .into_iter()
            .find(|f| f.key() == what)
            .map(|f| f.label().to_string()),
        Node::KeyPurpose(_) if what == "statement" => Some("the key purpose statement".into()),
        Node::KeyPurpose(_) => MapField::ALL
            .into_iter()
            .find(|f| f.key() == what)
            .map(|f| format!("the map's {}", lower_words(f.label()))),
        Node::Function(_) => None,
    };
    match label {
        Some(label) if label.starts_with("the ") => label,
        Some(label) => format!("the {}", lower_words(&label)),
        None => format!("the {}", what.replace('_', " ")),
    }
}

/// `Both changed the overview: kept ours; theirs was “…”`.
fn message(node: &Node, conflict: &Conflict) -> String {
    let theirs = match shorten(&conflict.theirs) {
        text if text.is_empty() => "theirs was empty".to_string(),
        text => format!("theirs was “{text}”"),
    };
    match conflict.what.as_str() {
        "place" if conflict.statement.is_none() => {
            format!("Both changed where this sits: kept ours; {theirs}")
        }
        "node" if conflict.statement.is_none() => {
            format!("One side deleted this, the other changed it: kept ours; {theirs}")
        }
        "order" if conflict.statement.is_none() => {
            format!("Both reordered what sits under this: kept ours; {theirs}")
        }
        "annotations" if conflict.statement.is_none() => format!(
            "Both changed what is said about this (dismissals, workshop decisions): kept ours; {theirs}"
        ),
        _ => format!(
            "Both changed {}: kept ours; {theirs}",
            subject(node, conflict)
        ),
    }
}

/// A value on one line, cut at a word after about sixty characters.
fn shorten(text: &str) -> String {
    const LONGEST: usize = 60;
    let one_line = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    if one_line.chars().count() <= LONGEST {
        return one_line;
    }
    let cut: String = one_line.chars().take(LONGEST).collect();
    let at = cut
        .rfind(' ')
        .filter(|&at| at > LONGEST / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_multi_line_values_are_shortened_on_one_line() {
        assert_eq!(shorten("agree goals"), "agree goals");
        assert_eq!(shorten("first\n\nsecond"), "first / second");
        let long = "word ".repeat(30);
        let short = shorten(&long);
        assert!(short.ends_with('…'), "{short}");
        assert!(short.chars().count() <= 61, "{short}");
        let unbroken = "x".repeat(100);
        assert_eq!(shorten(&unbroken), format!("{}…", "x".repeat(60)));
    }

    #[test]
    fn where_a_node_sits_and_its_deletion_are_said_as_such() {
        let function = Node::Function(crate::model::Function::default());
        let said = |what: &str| {
            message(
                &function,
                &Conflict {
                    what: what.into(),
                    theirs: "under B".into(),
                    ..Conflict::default()
                },
            )
        };
        assert_eq!(
            said("place"),
            "Both changed where this sits: kept ours; theirs was “under B”"
        );
        assert_eq!(
            said("order"),
            "Both reordered what sits under this: kept ours; theirs was “under B”"
        );
        assert!(said("node").starts_with("One side deleted this, the other changed it"));
        assert!(said("annotations").starts_with("Both changed what is said about this"));
        assert_eq!(
            said("description"),
            "Both changed the description: kept ours; theirs was “under B”"
        );
    }

    #[test]
    fn fields_are_named_in_words() {
        let unit = Node::Unit(Box::default());
        let conflict = |what: &str| Conflict {
            what: what.into(),
            ..Conflict::default()
        };
        assert_eq!(subject(&unit, &conflict("overview")), "the overview");
        assert_eq!(subject(&unit, &conflict("urn")), "the URN");
        assert_eq!(
            subject(&unit, &conflict("indicative_review_date")),
            "the indicative review date"
        );
        let kp = Node::KeyPurpose(crate::model::KeyPurpose::default());
        assert_eq!(subject(&kp, &conflict("suite")), "the map's suite");
        assert_eq!(
            subject(&kp, &conflict("statement")),
            "the key purpose statement"
        );
        let function = Node::Function(crate::model::Function::default());
        assert_eq!(subject(&function, &conflict("title")), "the title");
    }
}
