//! The changes between two versions of a map, each one a thing a person would name: a node
//! added, removed, moved or renamed, a field or a statement changed, a placement added or
//! taken away, children reordered, a setting changed.

use std::collections::{HashMap, HashSet};

use super::matching::{Matching, match_nodes};
use super::statements::{StatementChange, compare_statements};
use crate::model::fields::{FieldKind, MapField, UnitField};
use crate::model::{FunctionalMap, Node, NodeId, StatementList};

/// One change. Ids say which version they belong to: `old` ids are nodes of the old version,
/// `new` ids of the new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A map setting changed.
    Setting { field: MapField },
    /// A node that is only in the new version, at the top of what was added (its descendants
    /// that are new too come with it).
    Added { new: NodeId, new_parent: NodeId },
    /// A node that is only in the old version, at the top of what was taken away, with the
    /// parents it was under that are in both.
    Removed {
        old: NodeId,
        old_parents: Vec<NodeId>,
    },
    /// A node in both now sits under another parent.
    Moved {
        old: NodeId,
        new: NodeId,
        old_parent: NodeId,
        new_parent: NodeId,
    },
    /// A unit in both is placed under one more parent.
    PlacementAdded { new: NodeId, new_parent: NodeId },
    /// A unit in both is no longer placed under a parent.
    PlacementRemoved { old: NodeId, old_parent: NodeId },
    /// The children both versions have under this node are in another order.
    Reordered { old: NodeId, new: NodeId },
    /// The title (a key purpose's statement) changed.
    Renamed { old: NodeId, new: NodeId },
    /// Another field changed: a unit field's key (`overview`, `suites`…), a function's `code`,
    /// `description` or `gap`, the key purpose's `notes`.
    Field {
        old: NodeId,
        new: NodeId,
        field: &'static str,
    },
    /// A statement of a unit's list was added, removed, reworded or moved.
    Statement {
        old: NodeId,
        new: NodeId,
        list: StatementList,
        change: StatementChange,
    },
    /// What people said about the node (dismissals, workshop decisions) changed.
    Annotations { old: NodeId, new: NodeId },
    /// In maps that share their ids, a node deleted and made again under a new id (paired by
    /// URN or title). Taking it gives the node the new version's id and content.
    Recreated { old: NodeId, new: NodeId },
}

impl Change {
    /// The node the change is about, in the version that has it (new where both do).
    pub fn subject(&self) -> Subject {
        match *self {
            Change::Setting { .. } => Subject::Map,
            Change::Added { new, .. }
            | Change::Moved { new, .. }
            | Change::PlacementAdded { new, .. }
            | Change::Reordered { new, .. }
            | Change::Renamed { new, .. }
            | Change::Field { new, .. }
            | Change::Statement { new, .. }
            | Change::Annotations { new, .. }
            | Change::Recreated { new, .. } => Subject::New(new),
            Change::Removed { old, .. } | Change::PlacementRemoved { old, .. } => Subject::Old(old),
        }
    }
}

/// Where a change is: the map as a whole, or a node of one version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Map,
    Old(NodeId),
    New(NodeId),
}

/// Everything that changed from one version to the other, in a stable order: settings, then
/// node by node in the new version's outline order, then what was removed.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    pub matching: Matching,
    pub changes: Vec<Change>,
}

impl Comparison {
    /// True when the versions say the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// Compares two versions of a map.
pub fn compare(old: &FunctionalMap, new: &FunctionalMap) -> Comparison {
    let matching = match_nodes(old, new);
    let mut changes = Vec::new();
    for field in MapField::ALL {
        if field.text(old.meta()) != field.text(new.meta()) {
            changes.push(Change::Setting { field });
        }
    }
    let mut seen: HashSet<NodeId> = HashSet::new();
    for (_, new_id) in new.walk() {
        if !seen.insert(new_id) {
            continue;
        }
        match matching.old_of(new_id) {
            None => {
                // Only the top of an added branch is a change; the rest comes with it.
                let parents = new.parents(new_id);
                if let Some(&first) = parents.first()
                    && (matching.old_of(first).is_some())
                {
                    changes.push(Change::Added {
                        new: new_id,
                        new_parent: first,
                    });
                }
                for &parent in parents.iter().skip(1) {
                    if matching.old_of(parent).is_some() {
                        changes.push(Change::PlacementAdded {
                            new: new_id,
                            new_parent: parent,
                        });
                    }
                }
            }
            Some(old_id) => node_changes(old, new, &matching, old_id, new_id, &mut changes),
        }
    }
    for (old_id, _) in old.nodes() {
        if matching.new_of(old_id).is_some() {
            continue;
        }
        let old_parents: Vec<NodeId> = old
            .parents(old_id)
            .into_iter()
            .filter(|&p| matching.new_of(p).is_some())
            .collect();
        if !old_parents.is_empty() {
            changes.push(Change::Removed {
                old: old_id,
                old_parents,
            });
        }
    }
    Comparison { matching, changes }
}

/// Where a node in both versions sits, what it says and its statements.
fn node_changes(
    old: &FunctionalMap,
    new: &FunctionalMap,
    matching: &Matching,
    o: NodeId,
    n: NodeId,
    changes: &mut Vec<Change>,
) {
    if matching.shared_ids && o != n {
        changes.push(Change::Recreated { old: o, new: n });
    }
    placement_changes(old, new, matching, o, n, changes);
    let (Some(before), Some(after)) = (old.node(o), new.node(n)) else {
        return;
    };
    // Most nodes of two versions say the same: one comparison instead of one per field.
    if before == after {
        return;
    }
    if before.title() != after.title() {
        changes.push(Change::Renamed { old: o, new: n });
    }
    let field = |field: &'static str| Change::Field {
        old: o,
        new: n,
        field,
    };
    match (before, after) {
        (Node::KeyPurpose(a), Node::KeyPurpose(b)) if a.notes != b.notes => {
            changes.push(field("notes"));
        }
        (Node::Function(a), Node::Function(b)) => {
            if a.code != b.code {
                changes.push(field("code"));
            }
            if a.description != b.description {
                changes.push(field("description"));
            }
            if a.gap != b.gap {
                changes.push(field("gap"));
            }
        }
        (Node::Unit(a), Node::Unit(b)) => {
            for unit_field in UnitField::ALL {
                if unit_field == UnitField::Title
                    || matches!(unit_field.kind(), FieldKind::Statements(_))
                {
                    continue;
                }
                if unit_field.text(a) != unit_field.text(b) {
                    changes.push(field(unit_field.key()));
                }
            }
            for list in StatementList::ALL {
                for change in
                    compare_statements(a.statements(list), b.statements(list), matching.shared_ids)
                {
                    changes.push(Change::Statement {
                        old: o,
                        new: n,
                        list,
                        change,
                    });
                }
            }
        }
        _ => {}
    }
    if matching.shared_ids && before.annotations() != after.annotations() {
        changes.push(Change::Annotations { old: o, new: n });
    }
}

/// Moves, placements and reordering of a node in both versions.
fn placement_changes(
    old: &FunctionalMap,
    new: &FunctionalMap,
    matching: &Matching,
    o: NodeId,
    n: NodeId,
    changes: &mut Vec<Change>,
) {
    let old_parents = old.parents(o);
    let new_parents = new.parents(n);
    let gone: Vec<NodeId> = old_parents
        .iter()
        .copied()
        .filter(|&p| {
            matching
                .new_of(p)
                .is_none_or(|np| !new_parents.contains(&np))
        })
        .collect();
    let came: Vec<NodeId> = new_parents
        .iter()
        .copied()
        .filter(|&p| {
            matching
                .old_of(p)
                .is_none_or(|op| !old_parents.contains(&op))
        })
        .collect();
    if let ([from], [to]) = (gone.as_slice(), came.as_slice()) {
        changes.push(Change::Moved {
            old: o,
            new: n,
            old_parent: *from,
            new_parent: *to,
        });
    } else {
        for &new_parent in &came {
            changes.push(Change::PlacementAdded { new: n, new_parent });
        }
        // Placements under a removed parent go with it.
        for &old_parent in gone.iter().filter(|&&p| matching.new_of(p).is_some()) {
            changes.push(Change::PlacementRemoved { old: o, old_parent });
        }
    }
    let (old_children, new_children) = (old.children(o), new.children(n));
    if matching.shared_ids && old_children == new_children {
        return;
    }
    let in_new: HashSet<NodeId> = new_children.iter().copied().collect();
    let common_old: Vec<NodeId> = old_children
        .iter()
        .filter_map(|&c| matching.new_of(c))
        .filter(|c| in_new.contains(c))
        .collect();
    let in_common: HashSet<NodeId> = common_old.iter().copied().collect();
    let common_new: Vec<NodeId> = new_children
        .iter()
        .copied()
        .filter(|c| in_common.contains(c))
        .collect();
    if common_old != common_new {
        changes.push(Change::Reordered { old: o, new: n });
    }
}

/// How many changes of each kind: the report's summary line.
pub(crate) fn count_by_kind(changes: &[Change]) -> HashMap<&'static str, usize> {
    let mut counts = HashMap::new();
    for change in changes {
        let kind = match change {
            Change::Setting { .. } => "setting",
            Change::Added { .. } => "added",
            Change::Removed { .. } => "removed",
            Change::Moved { .. } => "moved",
            Change::PlacementAdded { .. } => "placement added",
            Change::PlacementRemoved { .. } => "placement removed",
            Change::Reordered { .. } => "reordered",
            Change::Renamed { .. } => "renamed",
            Change::Field { .. } => "field",
            Change::Statement { .. } => "statement",
            Change::Annotations { .. } => "annotations",
            Change::Recreated { .. } => "recreated",
        };
        *counts.entry(kind).or_insert(0) += 1;
    }
    counts
}
