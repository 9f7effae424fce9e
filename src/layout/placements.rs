//! Every placement of a map, unfolded, kept while the structure stays the same: folding and
//! unfolding then only filters it, with no look-up in the map.

use super::{BoxKind, Entry, ViewState};
use crate::model::{FunctionalMap, Node, NodeId};

/// Every placement of the whole map in depth-first pre-order, with where its branch ends.
#[derive(Clone, Debug)]
pub(super) struct Unfolded {
    /// The map (lineage) and the tick of its last change of structure.
    structure: (u64, u64),
    rows: Vec<Row>,
}

#[derive(Clone, Copy, Debug)]
struct Row {
    node: NodeId,
    parent: Option<NodeId>,
    /// The row of the parent placement.
    parent_row: Option<usize>,
    kind: BoxKind,
    /// One past the last row of this placement's branch.
    end: usize,
}

impl Unfolded {
    /// The placements of `map`.
    pub fn of(map: &FunctionalMap) -> Self {
        let stamp = map.stamp();
        let mut rows: Vec<Row> = Vec::with_capacity(map.len());
        // (node, parent, parent row, depth); children pushed last first.
        let mut stack = vec![(map.root(), None, None, 0usize)];
        let mut open: Vec<usize> = Vec::new();
        while let Some((node, parent, parent_row, depth)) = stack.pop() {
            let kind = match map.node(node) {
                Some(Node::KeyPurpose(_)) => BoxKind::KeyPurpose,
                Some(Node::Function(_)) => BoxKind::Function { depth },
                Some(Node::Unit(_)) => BoxKind::Unit,
                None => continue,
            };
            let index = rows.len();
            // The open rows are the path to the row before; the branches off it that are not
            // above this row ended there.
            while let Some(&last) = open.last() {
                if Some(last) == parent_row {
                    break;
                }
                rows[last].end = index;
                open.pop();
            }
            rows.push(Row {
                node,
                parent,
                parent_row,
                kind,
                end: index + 1,
            });
            open.push(index);
            for &child in map.children(node).iter().rev() {
                stack.push((child, Some(node), Some(index), depth + 1));
            }
        }
        let total = rows.len();
        for last in open {
            rows[last].end = total;
        }
        Self {
            structure: (stamp.lineage, stamp.structure),
            rows,
        }
    }

    /// Whether this is `map`'s structure as it is now.
    pub fn is_of(&self, map: &FunctionalMap) -> bool {
        let stamp = map.stamp();
        self.structure == (stamp.lineage, stamp.structure)
    }

    /// How many placements there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The placements to draw as `view` folds them (what `expand` gives for the whole map),
    /// and the row of each.
    pub fn expand(&self, view: &ViewState) -> (Vec<Entry>, Vec<usize>) {
        let mut entries: Vec<Entry> = Vec::with_capacity(self.rows.len());
        let mut rows_of = Vec::with_capacity(self.rows.len());
        let mut entry_of = vec![usize::MAX; self.rows.len()];
        let mut at = 0;
        while let Some(row) = self.rows.get(at) {
            let index = entries.len();
            let folded = row.end > at + 1 && view.folded.contains(&row.node);
            entries.push(Entry {
                node: row.node,
                parent: row.parent,
                kind: row.kind,
                children: Vec::new(),
                hidden: if folded { row.end - at - 1 } else { 0 },
            });
            rows_of.push(at);
            entry_of[at] = index;
            if let Some(parent) = row.parent_row.and_then(|p| entries.get_mut(entry_of[p])) {
                parent.children.push(index);
            }
            at = if folded { row.end } else { at + 1 };
        }
        (entries, rows_of)
    }
}
