//! What the editor's commands mean, as edits: a new child of the right kind, a new sibling, a
//! rename, reordering, promoting and demoting. Each function reads the map and returns the edit to
//! apply through [`super::Document`]; a refusal is an [`EditError`] saying why, and changes nothing.

use super::{Edit, EditError};
use crate::model::{Function, FunctionalMap, Node, NodeId, NodeKind, Unit};

/// The kind a new child of `parent` should have: the kind of its last child when it has some;
/// otherwise a function while the map names a function level below `parent`, else a unit.
/// `None` under a unit, which has no children.
pub fn default_child_kind(map: &FunctionalMap, parent: NodeId) -> Option<NodeKind> {
    match map.node(parent)?.kind() {
        NodeKind::Unit => None,
        NodeKind::KeyPurpose => Some(
            map.children(parent)
                .last()
                .and_then(|&c| map.node(c))
                .map_or(NodeKind::Function, Node::kind),
        ),
        NodeKind::Function => {
            if let Some(last) = map.children(parent).last().and_then(|&c| map.node(c)) {
                return Some(last.kind());
            }
            let named_levels = map.meta().level_names.len();
            Some(if map.depth(parent) < named_levels {
                NodeKind::Function
            } else {
                NodeKind::Unit
            })
        }
    }
}

/// A node of `kind` with only a title.
pub fn blank_node(kind: NodeKind, title: &str) -> Option<Node> {
    match kind {
        NodeKind::KeyPurpose => None,
        NodeKind::Function => Some(Node::Function(Function::new("", title))),
        NodeKind::Unit => Some(Node::Unit(Box::new(Unit::new("", title)))),
    }
}

/// Adds a `kind` node titled `title` as the last child of `parent`.
pub fn new_child(
    map: &FunctionalMap,
    parent: NodeId,
    kind: NodeKind,
    title: &str,
) -> Result<(NodeId, Edit), EditError> {
    let node = blank_node(kind, title).ok_or(EditError::SecondRoot)?;
    let id = map.next_free_id();
    let edit = Edit::AddNode {
        id,
        parent,
        index: map.children(parent).len(),
        node,
    };
    Ok((id, edit))
}

/// Adds a node of the same kind as `node` right after it under `parent` (the placement shown).
pub fn new_sibling(
    map: &FunctionalMap,
    node: NodeId,
    parent: Option<NodeId>,
    title: &str,
) -> Result<(NodeId, Edit), EditError> {
    let parent = parent.ok_or(EditError::SecondRoot)?;
    let index = map
        .index_in_parent(parent, node)
        .ok_or_else(|| not_a_child(map, node, parent))?;
    let kind = map.node(node).ok_or(EditError::UnknownNode(node))?.kind();
    let content = blank_node(kind, title).ok_or(EditError::SecondRoot)?;
    let id = map.next_free_id();
    let edit = Edit::AddNode {
        id,
        parent,
        index: index + 1,
        node: content,
    };
    Ok((id, edit))
}

/// The same node with another title (the key purpose's statement, a function's or unit's title).
pub fn renamed(node: &Node, title: &str) -> Node {
    let mut node = node.clone();
    match &mut node {
        Node::KeyPurpose(kp) => kp.statement = title.to_string(),
        Node::Function(function) => function.title = title.to_string(),
        Node::Unit(unit) => unit.title = title.to_string(),
    }
    node
}

/// Renames a node; `None` when the title is unchanged.
pub fn rename(map: &FunctionalMap, id: NodeId, title: &str) -> Option<Edit> {
    let node = map.node(id)?;
    (node.title() != title).then(|| Edit::SetNode {
        id,
        node: renamed(node, title),
    })
}

/// Names a unit from its in-place editor: the URN and title fields as typed. When the URN field
/// is empty and the title starts with a URN ("LSI CM01 Plan the coaching relationship"), the URN
/// is taken from the title. `None` when nothing changes or `id` is not a unit.
pub fn name_unit(map: &FunctionalMap, id: NodeId, urn: &str, title: &str) -> Option<Edit> {
    let mut unit = map.unit(id)?.clone();
    let (urn, title) = match crate::model::split_leading_urn(title) {
        Some((leading, rest)) if urn.trim().is_empty() => (leading, rest),
        _ => (urn.trim().to_string(), title.trim().to_string()),
    };
    if unit.urn == urn && unit.title == title {
        return None;
    }
    unit.urn = urn;
    unit.title = title;
    Some(Edit::SetNode {
        id,
        node: unit.into(),
    })
}

/// Moves `node` one place up (`earlier`) or down among the children of `parent`; `None` at the
/// end of the list.
pub fn reorder(map: &FunctionalMap, node: NodeId, parent: NodeId, earlier: bool) -> Option<Edit> {
    let index = map.index_in_parent(parent, node)?;
    let last = map.children(parent).len().checked_sub(1)?;
    let to = match (earlier, index) {
        (true, 0) => return None,
        (true, i) => i - 1,
        (false, i) if i >= last => return None,
        (false, i) => i + 1,
    };
    Some(Edit::Move {
        node,
        from: parent,
        to: parent,
        index: to,
    })
}

/// Moves `node` up one level: out of `parent`, to just after it under the grandparent.
pub fn promote(map: &FunctionalMap, node: NodeId, parent: NodeId) -> Result<Edit, EditError> {
    map.index_in_parent(parent, node)
        .ok_or_else(|| not_a_child(map, node, parent))?;
    let Some(&grandparent) = map.parents(parent).first() else {
        return Err(EditError::NotPossible(format!(
            "{} is already one level below the key purpose: it cannot move higher",
            map.describe(node)
        )));
    };
    let index = map.index_in_parent(grandparent, parent).unwrap_or(0) + 1;
    Ok(Edit::Move {
        node,
        from: parent,
        to: grandparent,
        index,
    })
}

/// Moves `node` down one level: into the function just before it, as its last child.
pub fn demote(map: &FunctionalMap, node: NodeId, parent: NodeId) -> Result<Edit, EditError> {
    let index = map
        .index_in_parent(parent, node)
        .ok_or_else(|| not_a_child(map, node, parent))?;
    let previous = index
        .checked_sub(1)
        .map(|i| map.children(parent)[i])
        .filter(|&p| map.node(p).is_some_and(|n| n.kind() == NodeKind::Function));
    let Some(new_parent) = previous else {
        return Err(EditError::NotPossible(format!(
            "{} has no function just before it to move into",
            map.describe(node)
        )));
    };
    Ok(Edit::Move {
        node,
        from: parent,
        to: new_parent,
        index: map.children(new_parent).len(),
    })
}

fn not_a_child(map: &FunctionalMap, child: NodeId, parent: NodeId) -> EditError {
    EditError::NotAChild {
        child: map.describe(child),
        parent: map.describe(parent),
    }
}

/// The title of the key area that collected workshop ideas before the workshop log (maps from
/// then are moved into the log by `walkthrough::log::parking_lot_into_log`).
pub const PARKING_LOT: &str = "Parking lot";

/// The old parking-lot key area: a function of that title under the key purpose.
pub fn parking_lot(map: &FunctionalMap) -> Option<NodeId> {
    map.children(map.root()).iter().copied().find(|&id| {
        map.node(id)
            .and_then(Node::as_function)
            .is_some_and(|f| f.title == PARKING_LOT)
    })
}

/// The node with its workshop decisions changed by `change`; `None` when nothing changes.
pub fn mark(
    map: &FunctionalMap,
    id: NodeId,
    change: impl FnOnce(&mut crate::model::Workshop),
) -> Option<Edit> {
    let node = map.node(id)?;
    let mut workshop = node.workshop().clone();
    change(&mut workshop);
    (workshop != *node.workshop()).then(|| Edit::SetNode {
        id,
        node: node.with_workshop(workshop),
    })
}
