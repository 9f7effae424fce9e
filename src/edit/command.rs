//! Edits as data: every change to a map is one of these.

use crate::model::{MapMeta, Node, NodeId, Statement, StatementId, StatementList};

/// One change to a map. Applying an edit returns its inverse, so history is a stack of edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Adds a new function or unit as the `index`-th child of `parent`.
    AddNode {
        id: NodeId,
        parent: NodeId,
        index: usize,
        node: Node,
    },
    /// Removes `node` from under `parent`, with its branch. A node left with no placement is
    /// deleted; a shared unit placed elsewhere too only loses this placement ("unplace").
    Remove { node: NodeId, parent: NodeId },
    /// Inserts a whole branch (a paste, or the undo of a removal) as the `index`-th child of
    /// `parent`.
    InsertBranch {
        parent: NodeId,
        index: usize,
        branch: Branch,
    },
    /// Moves `node` from under `from` to the `index`-th place under `to` (reorders when equal).
    Move {
        node: NodeId,
        from: NodeId,
        to: NodeId,
        index: usize,
    },
    /// Places an existing unit under one more parent (shared placement).
    Place {
        unit: NodeId,
        parent: NodeId,
        index: usize,
    },
    /// Replaces a node's content (any field); the kind cannot change.
    SetNode { id: NodeId, node: Node },
    /// Inserts a statement (item or heading) at `index` of a list. A statement written with no
    /// id gets a fresh one.
    InsertStatement {
        unit: NodeId,
        list: StatementList,
        index: usize,
        statement: Statement,
    },
    /// Removes the statement with this id.
    RemoveStatement {
        unit: NodeId,
        list: StatementList,
        statement: StatementId,
    },
    /// Moves the statement with this id to position `to` of its list; it keeps its id.
    MoveStatement {
        unit: NodeId,
        list: StatementList,
        statement: StatementId,
        to: usize,
    },
    /// Replaces the words (and heading flag) of the statement with `statement.id`.
    SetStatement {
        unit: NodeId,
        list: StatementList,
        statement: Statement,
    },
    /// Replaces the map metadata (title, level names, themes…).
    SetMeta(MapMeta),
}

impl Edit {
    /// The node this edit is about and, where it matters, the parent it sits under: what the
    /// editor selects after undoing or redoing it. `None` for map settings.
    pub fn subject(&self) -> Option<(NodeId, Option<NodeId>)> {
        match self {
            Edit::AddNode { id, parent, .. } => Some((*id, Some(*parent))),
            Edit::Remove { node, parent } => Some((*node, Some(*parent))),
            Edit::InsertBranch { parent, branch, .. } => Some((branch.top, Some(*parent))),
            Edit::Move { node, to, .. } => Some((*node, Some(*to))),
            Edit::Place { unit, parent, .. } => Some((*unit, Some(*parent))),
            Edit::SetNode { id, .. } => Some((*id, None)),
            Edit::InsertStatement { unit, .. }
            | Edit::RemoveStatement { unit, .. }
            | Edit::MoveStatement { unit, .. }
            | Edit::SetStatement { unit, .. } => Some((*unit, None)),
            Edit::SetMeta(_) => None,
        }
    }
}

impl Edit {
    /// Gives every new statement this edit carries (written with no id) a fresh id, counting on
    /// from `next` (the map's mark) and past any id the edit already carries, so the edit kept in
    /// the history redoes exactly.
    pub fn give_statement_ids(&mut self, next: StatementId) {
        let mut ids: Vec<&mut StatementId> = Vec::new();
        match self {
            Edit::AddNode { node, .. } | Edit::SetNode { node, .. } => {
                ids.extend(node.id_slots_mut());
            }
            Edit::InsertBranch { branch, .. } => {
                for (_, node) in &mut branch.nodes {
                    ids.extend(node.id_slots_mut());
                }
            }
            Edit::InsertStatement { statement, .. } => ids.push(&mut statement.id),
            _ => {}
        }
        let past_carried = ids.iter().map(|id| id.next()).max();
        let mut next = past_carried.map_or(next, |past| past.max(next));
        for id in ids.into_iter().filter(|id| !id.is_assigned()) {
            *id = next;
            next = next.next();
        }
    }
}

/// A detached branch: nodes that are new to the map and the placements that join them.
///
/// `top` is either one of `nodes` or an existing unit being placed again. `edges` lists
/// `(parent, child)` in the order children are appended; each parent is one of `nodes`, each child
/// one of `nodes` or an existing unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Branch {
    /// The node that goes under the insertion point.
    pub top: NodeId,
    /// Nodes created by the insertion, with their content.
    pub nodes: Vec<(NodeId, Node)>,
    /// Placements below `top`, in order.
    pub edges: Vec<(NodeId, NodeId)>,
}
