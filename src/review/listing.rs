//! Every comment of a map in the order the map is printed, with where it is now: what the
//! resolution matrix, the consultation report and the Comments panel list.

use super::items::{anchor_label, anchor_text, review_items};
use crate::model::{Comment, CommentAnchor, FunctionalMap, Node, NodeId, outline::outline};

/// One comment and where it sits.
#[derive(Clone, Debug)]
pub struct CommentRow<'a> {
    pub node: NodeId,
    pub comment: &'a Comment,
    /// A unit's URN, a function's code, else its outline number; "Key purpose" for the root.
    pub node_name: String,
    pub node_title: String,
    /// The item now (`P3`), or as it was labelled when the comment was made, with
    /// "(removed)" when the statement is no longer in the unit.
    pub item: String,
    /// The item's words now, or `None` when it is no longer in the unit.
    pub now: Option<String>,
}

impl CommentRow<'_> {
    /// `B5 › P3`.
    pub fn place(&self) -> String {
        format!("{} › {}", self.node_name, self.item)
    }

    /// Whether the item's words have changed since the comment was made.
    pub fn item_changed(&self) -> bool {
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        match &self.now {
            Some(now) => {
                !self.comment.made_on.is_empty() && words(now) != words(&self.comment.made_on)
            }
            None => true,
        }
    }
}

/// Every comment, nodes in outline order (a shared unit at its first placement), within a node
/// by the item's place (the node, its overview, then statements in print order; removed
/// statements last) and then as received.
pub fn comment_rows(map: &FunctionalMap) -> Vec<CommentRow<'_>> {
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for row in outline(map) {
        if !seen.insert(row.node) {
            continue;
        }
        let Some(node) = map.node(row.node) else {
            continue;
        };
        if node.comments().is_empty() {
            continue;
        }
        rows.extend(node_rows(row.node, &row.number, node));
    }
    rows
}

fn node_rows<'a>(id: NodeId, number: &str, node: &'a Node) -> Vec<CommentRow<'a>> {
    let items = super::items::node_items(id, number, node);
    let (node_name, node_title) = items
        .first()
        .map(|i| (i.node_name.clone(), i.node_title.clone()))
        .unwrap_or_default();
    let rank = |anchor: &CommentAnchor| {
        items
            .iter()
            .position(|i| &i.anchor == anchor)
            .unwrap_or(items.len())
    };
    let mut comments: Vec<&Comment> = node.comments().iter().collect();
    comments.sort_by_key(|c| rank(&c.anchor));
    comments
        .into_iter()
        .map(|comment| {
            let now = anchor_text(node, &comment.anchor);
            let item = match anchor_label(node, &comment.anchor) {
                Some(label) => label,
                None if comment.made_on_label.is_empty() => "statement (removed)".into(),
                None => format!("{} (removed)", comment.made_on_label),
            };
            CommentRow {
                node: id,
                comment,
                node_name: node_name.clone(),
                node_title: node_title.clone(),
                item,
                now,
            }
        })
        .collect()
}

/// How many items of the map (or branch) a reviewer can comment on: for reports.
pub fn commentable_count(map: &FunctionalMap) -> usize {
    review_items(map, None).len()
}
