//! The only code that changes a map: checks an edit against the rules, applies it, returns its
//! inverse. Every check happens before the first change, so a refused edit changes nothing.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::{Branch, Edit, EditError};
use crate::model::{
    FunctionalMap, MAX_DEPTH, Node, NodeId, NodeKind, Statement, StatementId, StatementList,
};

/// Applies `edit` to `map` and returns the edit that undoes it.
pub fn apply(map: &mut FunctionalMap, edit: &Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::AddNode {
            id,
            parent,
            index,
            node,
        } => add_node(map, *id, *parent, *index, node),
        Edit::Remove { node, parent } => remove(map, *node, *parent),
        Edit::InsertBranch {
            parent,
            index,
            branch,
        } => insert_branch(map, *parent, *index, branch),
        Edit::Move {
            node,
            from,
            to,
            index,
        } => move_node(map, *node, *from, *to, *index),
        Edit::Place {
            unit,
            parent,
            index,
        } => place(map, *unit, *parent, *index),
        Edit::SetNode { id, node } => set_node(map, *id, node),
        Edit::InsertStatement {
            unit,
            list,
            index,
            statement,
        } => insert_statement(map, *unit, *list, *index, statement),
        Edit::RemoveStatement {
            unit,
            list,
            statement,
        } => {
            check_not_in_conflict(map, *unit, *statement)?;
            let (statements, index) = statement_at(map, *unit, *list, *statement)?;
            let statement = statements.remove(index);
            Ok(Edit::InsertStatement {
                unit: *unit,
                list: *list,
                index,
                statement,
            })
        }
        Edit::MoveStatement {
            unit,
            list,
            statement,
            to,
        } => {
            let (statements, from) = statement_at(map, *unit, *list, *statement)?;
            check_index(*to, statements.len() - 1, "the list")?;
            let moved = statements.remove(from);
            statements.insert(*to, moved);
            Ok(Edit::MoveStatement {
                unit: *unit,
                list: *list,
                statement: *statement,
                to: from,
            })
        }
        Edit::SetStatement {
            unit,
            list,
            statement,
        } => {
            let (statements, index) = statement_at(map, *unit, *list, statement.id)?;
            let old = std::mem::replace(&mut statements[index], statement.clone());
            Ok(Edit::SetStatement {
                unit: *unit,
                list: *list,
                statement: old,
            })
        }
        Edit::SetMeta(meta) => Ok(Edit::SetMeta(map.set_meta(meta.clone()))),
    }
}

fn add_node(
    map: &mut FunctionalMap,
    id: NodeId,
    parent: NodeId,
    index: usize,
    node: &Node,
) -> Result<Edit, EditError> {
    if node.kind() == NodeKind::KeyPurpose {
        return Err(EditError::SecondRoot);
    }
    if map.contains(id) {
        return Err(EditError::IdInUse(id));
    }
    check_can_hold_children(map, parent)?;
    check_index(index, map.children(parent).len(), "the children")?;
    check_statement_ids(node)?;
    check_depth(map, parent, 1, || node.describe())?;
    map.insert_node(id, node.clone());
    map.link(parent, id, index);
    Ok(Edit::Remove { node: id, parent })
}

fn remove(map: &mut FunctionalMap, node: NodeId, parent: NodeId) -> Result<Edit, EditError> {
    if node == map.root() {
        return Err(EditError::AboveKeyPurpose);
    }
    let index = map
        .index_in_parent(parent, node)
        .ok_or_else(|| not_a_child(map, node, parent))?;
    let branch = detach_plan(map, node, parent);
    map.unlink(parent, node);
    // Children before parents is not needed: removing a node drops all of its edges.
    for (id, _) in &branch.nodes {
        map.remove_node(*id);
    }
    Ok(Edit::InsertBranch {
        parent,
        index,
        branch,
    })
}

/// What removing `node` from under `parent` takes away: the nodes left with no placement and the
/// edges below them, in the order needed to put them back exactly.
fn detach_plan(map: &FunctionalMap, node: NodeId, parent: NodeId) -> Branch {
    let mut deleted: Vec<NodeId> = Vec::new();
    let mut deleted_set: HashSet<NodeId> = HashSet::new();
    let mut edges = Vec::new();
    // A node goes when every one of its placements is being cut.
    let mut cut: HashSet<(NodeId, NodeId)> = HashSet::from([(parent, node)]);
    let mut stack = vec![node];
    while let Some(id) = stack.pop() {
        if deleted_set.contains(&id) {
            continue;
        }
        let all_cut = map.parents(id).iter().all(|&p| cut.contains(&(p, id)));
        if !all_cut {
            continue;
        }
        deleted.push(id);
        deleted_set.insert(id);
        for &child in map.children(id) {
            edges.push((id, child));
            cut.insert((id, child));
        }
        // Visit children in reverse so the deletion order is a pre-order of the branch.
        for &child in map.children(id).iter().rev() {
            stack.push(child);
        }
    }
    let nodes = deleted
        .into_iter()
        .filter_map(|id| map.node(id).map(|n| (id, n.clone())))
        .collect();
    Branch {
        top: node,
        nodes,
        edges,
    }
}

fn insert_branch(
    map: &mut FunctionalMap,
    parent: NodeId,
    index: usize,
    branch: &Branch,
) -> Result<Edit, EditError> {
    check_can_hold_children(map, parent)?;
    check_index(index, map.children(parent).len(), "the children")?;
    check_branch(map, parent, branch)?;
    check_depth(map, parent, branch_height(branch), || {
        describe_any(map, branch, branch.top)
    })?;
    for (id, node) in &branch.nodes {
        map.insert_node(*id, node.clone());
    }
    map.link(parent, branch.top, index);
    for &(from, to) in &branch.edges {
        let end = map.children(from).len();
        map.link(from, to, end);
    }
    Ok(Edit::Remove {
        node: branch.top,
        parent,
    })
}

/// Checks that a branch joins up into a tree (plus shared units) that may go under `parent`.
fn check_branch(map: &FunctionalMap, parent: NodeId, branch: &Branch) -> Result<(), EditError> {
    let malformed = |why: String| Err(EditError::MalformedBranch(why));
    let mut new_ids = BTreeSet::new();
    for (id, node) in &branch.nodes {
        if node.kind() == NodeKind::KeyPurpose {
            return Err(EditError::SecondRoot);
        }
        if map.contains(*id) {
            return Err(EditError::IdInUse(*id));
        }
        if !new_ids.insert(*id) {
            return malformed(format!("{id} appears twice"));
        }
        check_statement_ids(node)?;
    }
    let kind_of = |id: NodeId| -> Option<NodeKind> {
        branch
            .nodes
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, node)| node.kind())
            .or_else(|| map.node(id).map(Node::kind))
    };
    // Every placement, the top one included, is checked the same way.
    let mut placements: Vec<(NodeId, NodeId)> = vec![(parent, branch.top)];
    placements.extend(branch.edges.iter().copied());
    let mut seen = HashSet::new();
    let mut parents_of_new: std::collections::HashMap<NodeId, usize> = Default::default();
    for &(from, to) in &placements {
        if from != parent && !new_ids.contains(&from) {
            return malformed(format!("{from} is neither new nor the insertion point"));
        }
        match kind_of(from) {
            Some(NodeKind::Unit) => {
                return Err(EditError::ChildUnderUnit {
                    unit: describe_any(map, branch, from),
                });
            }
            None => return Err(EditError::UnknownNode(from)),
            _ => {}
        }
        match kind_of(to) {
            None => return Err(EditError::UnknownNode(to)),
            Some(NodeKind::KeyPurpose) => return Err(EditError::AboveKeyPurpose),
            Some(NodeKind::Function) if !new_ids.contains(&to) => {
                return Err(EditError::OnlyUnitsShare {
                    node: map.describe(to),
                });
            }
            _ => {}
        }
        if !seen.insert((from, to))
            || (!new_ids.contains(&to) && map.index_in_parent(from, to).is_some())
        {
            return Err(EditError::DuplicatePlacement {
                unit: describe_any(map, branch, to),
                parent: describe_any(map, branch, from),
            });
        }
        if new_ids.contains(&to) {
            *parents_of_new.entry(to).or_default() += 1;
        }
    }
    for (id, node) in &branch.nodes {
        match (node.kind(), parents_of_new.get(id).copied().unwrap_or(0)) {
            (_, 0) => return malformed(format!("{id} is not attached to anything")),
            (NodeKind::Function, n) if n > 1 => {
                return Err(EditError::OnlyUnitsShare {
                    node: node.describe(),
                });
            }
            _ => {}
        }
    }
    // Functions have one parent each, so the new part is a forest; it is a tree hanging from `top`
    // exactly when every new node is reachable from it.
    let mut reached = HashSet::from([branch.top]);
    let mut stack = vec![branch.top];
    while let Some(id) = stack.pop() {
        for &(from, to) in &branch.edges {
            if from == id && reached.insert(to) {
                stack.push(to);
            }
        }
    }
    if let Some(id) = new_ids.iter().find(|id| !reached.contains(id)) {
        return malformed(format!("{id} cannot be reached from the top of the branch"));
    }
    Ok(())
}

/// Refuses to hang something `levels` deep under `parent` when its bottom would pass
/// [`MAX_DEPTH`]. `parent` is the key purpose or a function, which have one parent each.
fn check_depth(
    map: &FunctionalMap,
    parent: NodeId,
    levels: usize,
    what: impl FnOnce() -> String,
) -> Result<(), EditError> {
    let depth = map.depth(parent) + levels;
    if depth > MAX_DEPTH {
        return Err(EditError::TooDeep {
            node: what(),
            depth,
            limit: MAX_DEPTH,
        });
    }
    Ok(())
}

/// How many levels a branch spans, its top included; existing units it places count one.
fn branch_height(branch: &Branch) -> usize {
    let mut children: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    for &(from, to) in &branch.edges {
        children.entry(from).or_default().push(to);
    }
    crate::model::height_below(branch.top, |node| {
        children.get(&node).map_or(&[][..], Vec::as_slice)
    })
}

fn describe_any(map: &FunctionalMap, branch: &Branch, id: NodeId) -> String {
    branch
        .nodes
        .iter()
        .find(|(n, _)| *n == id)
        .map_or_else(|| map.describe(id), |(_, node)| node.describe())
}

fn move_node(
    map: &mut FunctionalMap,
    node: NodeId,
    from: NodeId,
    to: NodeId,
    index: usize,
) -> Result<Edit, EditError> {
    if node == map.root() {
        return Err(EditError::AboveKeyPurpose);
    }
    let old_index = map
        .index_in_parent(from, node)
        .ok_or_else(|| not_a_child(map, node, from))?;
    check_can_hold_children(map, to)?;
    if from == to {
        check_index(index, map.children(to).len() - 1, "the children")?;
    } else {
        check_index(index, map.children(to).len(), "the children")?;
        if map.is_in_branch(node, to) {
            return Err(EditError::Cycle {
                node: map.describe(node),
                target: map.describe(to),
            });
        }
        if map.index_in_parent(to, node).is_some() {
            return Err(EditError::DuplicatePlacement {
                unit: map.describe(node),
                parent: map.describe(to),
            });
        }
    }
    if from != to {
        check_depth(map, to, map.height(node), || map.describe(node))?;
    }
    map.unlink(from, node);
    map.link(to, node, index);
    Ok(Edit::Move {
        node,
        from: to,
        to: from,
        index: old_index,
    })
}

fn place(
    map: &mut FunctionalMap,
    unit: NodeId,
    parent: NodeId,
    index: usize,
) -> Result<Edit, EditError> {
    match map.node(unit).map(Node::kind) {
        None => return Err(EditError::UnknownNode(unit)),
        Some(NodeKind::KeyPurpose) => return Err(EditError::AboveKeyPurpose),
        Some(NodeKind::Function) => {
            return Err(EditError::OnlyUnitsShare {
                node: map.describe(unit),
            });
        }
        Some(NodeKind::Unit) => {}
    }
    check_can_hold_children(map, parent)?;
    check_index(index, map.children(parent).len(), "the children")?;
    if map.index_in_parent(parent, unit).is_some() {
        return Err(EditError::DuplicatePlacement {
            unit: map.describe(unit),
            parent: map.describe(parent),
        });
    }
    check_depth(map, parent, 1, || map.describe(unit))?;
    map.link(parent, unit, index);
    Ok(Edit::Remove { node: unit, parent })
}

fn set_node(map: &mut FunctionalMap, id: NodeId, node: &Node) -> Result<Edit, EditError> {
    let old_kind = map.node(id).ok_or(EditError::UnknownNode(id))?.kind();
    if old_kind != node.kind() {
        return Err(EditError::KindMismatch {
            node: map.describe(id),
        });
    }
    if let Some(statement) = node.conflict_without_statement().and_then(|c| c.statement) {
        // Said as the removal of a statement in conflict when the node holds it now.
        let held = map
            .unit(id)
            .is_some_and(|u| u.find_statement(statement).is_some());
        if held {
            check_not_in_conflict(map, id, statement)?;
        }
    }
    check_statement_ids(node)?;
    let old = map
        .replace_node(id, node.clone())
        .ok_or(EditError::UnknownNode(id))?;
    Ok(Edit::SetNode { id, node: old })
}

/// Refuses a unit holding two statements (or glossary entries) under one id, and a node
/// recording a merge conflict on a statement it does not hold.
fn check_statement_ids(node: &Node) -> Result<(), EditError> {
    if let Some(statement) = node.conflict_without_statement().and_then(|c| c.statement) {
        return Err(EditError::ConflictWithoutStatement {
            statement,
            node: node.describe(),
        });
    }
    let Node::Unit(unit) = node else {
        return Ok(());
    };
    let mut seen = HashSet::new();
    match unit
        .statement_ids()
        .filter(|id| id.is_assigned())
        .find(|id| !seen.insert(*id))
    {
        Some(statement) => Err(EditError::DuplicateStatementId {
            statement,
            unit: node.describe(),
        }),
        None => Ok(()),
    }
}

/// Refuses to remove a statement while a merge conflict on it is unsettled.
fn check_not_in_conflict(
    map: &FunctionalMap,
    unit: NodeId,
    statement: StatementId,
) -> Result<(), EditError> {
    let Some(node) = map.node(unit) else {
        return Ok(());
    };
    if !node
        .conflicts()
        .iter()
        .any(|c| c.statement == Some(statement))
    {
        return Ok(());
    }
    let label = node
        .as_unit()
        .and_then(|u| u.statement_label(statement))
        .unwrap_or_else(|| format!("statement {statement}"));
    Err(EditError::StatementInConflict {
        statement: label,
        unit: node.describe(),
    })
}

fn insert_statement(
    map: &mut FunctionalMap,
    unit: NodeId,
    list: StatementList,
    index: usize,
    statement: &Statement,
) -> Result<Edit, EditError> {
    let description = map.describe(unit);
    let holder = map.unit(unit).ok_or_else(|| unit_error(map, unit))?;
    check_index(index, holder.statements(list).len(), "the list")?;
    if statement.id.is_assigned() && holder.find_statement(statement.id).is_some() {
        return Err(EditError::DuplicateStatementId {
            statement: statement.id,
            unit: description,
        });
    }
    let mut statement = statement.clone();
    map.claim_statement_id(&mut statement.id);
    let id = statement.id;
    let Some(Node::Unit(holder)) = map.node_mut(unit) else {
        return Err(EditError::UnknownNode(unit));
    };
    holder.statements_mut(list).insert(index, statement);
    Ok(Edit::RemoveStatement {
        unit,
        list,
        statement: id,
    })
}

fn unit_error(map: &FunctionalMap, id: NodeId) -> EditError {
    if map.contains(id) {
        EditError::NotAUnit {
            node: map.describe(id),
        }
    } else {
        EditError::UnknownNode(id)
    }
}

/// A unit's list and where the statement with `id` is in it.
fn statement_at(
    map: &mut FunctionalMap,
    unit: NodeId,
    list: StatementList,
    id: StatementId,
) -> Result<(&mut Vec<Statement>, usize), EditError> {
    let holder = map.unit(unit).ok_or_else(|| unit_error(map, unit))?;
    let Some(index) = holder.statements(list).iter().position(|s| s.id == id) else {
        return Err(EditError::UnknownStatement {
            statement: id,
            list: list.label().to_lowercase(),
            unit: map.describe(unit),
        });
    };
    match map.node_mut(unit) {
        Some(Node::Unit(holder)) => Ok((holder.statements_mut(list), index)),
        _ => Err(EditError::UnknownNode(unit)),
    }
}

/// Refuses a parent that cannot hold children (a unit) or does not exist.
fn check_can_hold_children(map: &FunctionalMap, parent: NodeId) -> Result<(), EditError> {
    match map.node(parent).map(Node::kind) {
        None => Err(EditError::UnknownNode(parent)),
        Some(NodeKind::Unit) => Err(EditError::ChildUnderUnit {
            unit: map.describe(parent),
        }),
        Some(_) => Ok(()),
    }
}

/// Refuses `index > max`.
fn check_index(index: usize, max: usize, what: &str) -> Result<(), EditError> {
    if index > max {
        Err(out_of_range(index, max, what))
    } else {
        Ok(())
    }
}

fn out_of_range(index: usize, len: usize, what: &str) -> EditError {
    EditError::IndexOutOfRange {
        what: what.to_string(),
        index,
        len,
    }
}

fn not_a_child(map: &FunctionalMap, child: NodeId, parent: NodeId) -> EditError {
    if !map.contains(child) {
        return EditError::UnknownNode(child);
    }
    EditError::NotAChild {
        child: map.describe(child),
        parent: map.describe(parent),
    }
}
