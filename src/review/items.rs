//! What a reviewer can comment on: every node once, a unit's overview, and each numbered or
//! listed statement and glossary entry, in the order the map is printed.
//!
//! Each item has a key (`n12`, `n12.overview`, `n12.s345`) that the forms carry in a hidden
//! column, so a returned row finds its item again even after the draft has been reordered.

use crate::model::{
    CommentAnchor, FunctionalMap, Node, NodeId, StatementId, StatementList, Unit, numbering,
    outline::outline,
};

/// One thing a reviewer can comment on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewItem {
    pub node: NodeId,
    pub anchor: CommentAnchor,
    /// The form's hidden id: `n12`, `n12.overview`, `n12.s345`.
    pub key: String,
    /// The node's outline number (`2.1.3`), empty for the key purpose.
    pub number: String,
    /// How the node is named: a unit's URN, a function's code, else its outline number.
    pub node_name: String,
    /// The node's title (the key purpose's statement).
    pub node_title: String,
    /// What the item is within the node: `Title`, `Overview`, `P3`, `K2`, `Values 1`,
    /// `Glossary 1`.
    pub label: String,
    /// The section it is printed under (`Performance criteria`), empty for the title.
    pub section: String,
    /// Its words now.
    pub text: String,
}

impl ReviewItem {
    /// `B5 › P3`: where the item is, as the forms print it.
    pub fn place(&self) -> String {
        format!("{} › {}", self.node_name, self.label)
    }
}

/// The items of the nodes in `branch` (the whole map for `None`), in outline order, a shared
/// unit once (at its first placement).
pub fn review_items(map: &FunctionalMap, branch: Option<NodeId>) -> Vec<ReviewItem> {
    let in_branch: Option<std::collections::HashSet<NodeId>> =
        branch.map(|top| map.branch(top).into_iter().collect());
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::new();
    for row in outline(map) {
        if in_branch
            .as_ref()
            .is_some_and(|nodes| !nodes.contains(&row.node))
            || !seen.insert(row.node)
        {
            continue;
        }
        let Some(node) = map.node(row.node) else {
            continue;
        };
        items.extend(node_items(row.node, &row.number, node));
    }
    items
}

/// The items of one node.
pub fn node_items(id: NodeId, number: &str, node: &Node) -> Vec<ReviewItem> {
    let node_name = node_name(node, number);
    let node_title = node.title().to_string();
    let item = |anchor: CommentAnchor, label: String, section: &str, text: String| ReviewItem {
        node: id,
        key: item_key(id, &anchor),
        anchor,
        number: number.to_string(),
        node_name: node_name.clone(),
        node_title: node_title.clone(),
        label,
        section: section.to_string(),
        text,
    };
    let mut items = vec![item(
        CommentAnchor::Whole,
        "Title".into(),
        "",
        node_title.clone(),
    )];
    let Node::Unit(unit) = node else {
        return items;
    };
    if !unit.overview.trim().is_empty() {
        items.push(item(
            CommentAnchor::Field("overview".into()),
            "Overview".into(),
            "Overview",
            unit.overview.clone(),
        ));
    }
    for list in StatementList::ALL {
        let statements = unit.statements(list);
        for ((statement, label), index) in
            statements.iter().zip(numbering(list, statements)).zip(1..)
        {
            if !statement.is_item() {
                continue;
            }
            let label = label.unwrap_or_else(|| format!("{} {index}", list.short_label()));
            items.push(item(
                CommentAnchor::Statement(statement.id),
                label,
                list.label(),
                statement.text.clone(),
            ));
        }
    }
    for (entry, index) in unit.glossary.iter().zip(1..) {
        items.push(item(
            CommentAnchor::Statement(entry.id),
            format!("Glossary {index}"),
            "Glossary",
            format!("{} = {}", entry.term, entry.definition),
        ));
    }
    items
}

/// A unit by its URN, a function by its code, else the outline number ("Key purpose" for the
/// root).
fn node_name(node: &Node, number: &str) -> String {
    match node {
        Node::KeyPurpose(_) => "Key purpose".into(),
        Node::Function(f) if !f.code.trim().is_empty() => f.code.trim().into(),
        Node::Unit(u) if !u.urn.trim().is_empty() => u.urn.trim().into(),
        _ => number.to_string(),
    }
}

/// The hidden id of an item.
pub fn item_key(node: NodeId, anchor: &CommentAnchor) -> String {
    match anchor {
        CommentAnchor::Whole => format!("n{}", node.raw()),
        CommentAnchor::Field(field) => format!("n{}.{field}", node.raw()),
        CommentAnchor::Statement(id) => format!("n{}.s{}", node.raw(), id.raw()),
    }
}

/// Reads an item key back (`None` for anything else, such as a key a reviewer typed over).
pub fn parse_item_key(key: &str) -> Option<(NodeId, CommentAnchor)> {
    let key = key.trim().strip_prefix('n')?;
    let (node, rest) = match key.split_once('.') {
        Some((node, rest)) => (node, Some(rest)),
        None => (key, None),
    };
    let node = NodeId::from_raw(node.parse().ok()?);
    let anchor = match rest {
        None => CommentAnchor::Whole,
        Some(rest) => match rest.strip_prefix('s').map(str::parse::<u64>) {
            Some(Ok(id)) => CommentAnchor::Statement(StatementId::from_raw(id)),
            _ if crate::model::fields::UnitField::ALL
                .iter()
                .any(|field| field.key() == rest) =>
            {
                CommentAnchor::Field(rest.to_string())
            }
            _ => return None,
        },
    };
    Some((node, anchor))
}

/// How an anchor is labelled in `unit` now ("P3", "Overview"), or `None` when the statement is
/// no longer there.
pub fn anchor_label(node: &Node, anchor: &CommentAnchor) -> Option<String> {
    match anchor {
        CommentAnchor::Whole => Some("Title".into()),
        CommentAnchor::Field(field) => Some(crate::model::field_label(field)),
        CommentAnchor::Statement(id) => node.as_unit().and_then(|u| u.statement_label(*id)),
    }
}

/// The words an anchor holds now, or `None` when the statement is no longer there.
pub fn anchor_text(node: &Node, anchor: &CommentAnchor) -> Option<String> {
    match anchor {
        CommentAnchor::Whole => Some(node.title().to_string()),
        CommentAnchor::Field(field) => {
            let unit = node.as_unit()?;
            crate::model::fields::UnitField::ALL
                .into_iter()
                .find(|f| f.key() == field)
                .map(|f| f.text(unit))
        }
        CommentAnchor::Statement(id) => statement_text(node.as_unit()?, *id),
    }
}

fn statement_text(unit: &Unit, id: StatementId) -> Option<String> {
    match unit.find_statement(id)? {
        (Some(list), index) => Some(unit.statements(list)[index].text.clone()),
        (None, index) => {
            let entry = &unit.glossary[index];
            Some(format!("{} = {}", entry.term, entry.definition))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_keys_read_back() {
        let node = NodeId::from_raw(12);
        for anchor in [
            CommentAnchor::Whole,
            CommentAnchor::Field("overview".into()),
            CommentAnchor::Statement(StatementId::from_raw(345)),
        ] {
            let key = item_key(node, &anchor);
            assert_eq!(parse_item_key(&key), Some((node, anchor)));
        }
        assert_eq!(parse_item_key("12"), None);
        assert_eq!(parse_item_key("n12.s"), None);
        assert_eq!(parse_item_key("my comment"), None);
    }
}
