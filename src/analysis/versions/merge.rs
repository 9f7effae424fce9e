//! A three-way merge: what "theirs" changed since the common ancestor is taken into "ours",
//! unless ours changed the same thing differently. Such conflicts keep ours and are listed.

use std::collections::HashSet;

use super::changes::{Change, Comparison, compare};
use super::statements::StatementChange;
use super::take::take;
use crate::edit::{Document, Edit, EditError};
use crate::model::fields::UnitField;
use crate::model::{Conflict, FunctionalMap, Location, Node, NodeId, StatementId, Unit};

/// Unit fields that are sets: both sides' additions and removals are combined.
const SET_FIELDS: [UnitField; 5] = [
    UnitField::Suites,
    UnitField::Keywords,
    UnitField::Occupations,
    UnitField::SocCodes,
    UnitField::Themes,
];

/// Something both sides changed differently: ours was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeConflict {
    /// Where it is in the merged map.
    pub location: Location,
    /// What both changed: a field key, `statement`, `place` (where the node sits) or `node`
    /// (one side removed it, the other changed it).
    pub what: String,
    /// The statement, for `what == "statement"`.
    pub statement: Option<StatementId>,
    /// The value in the common ancestor, ours (kept) and theirs (set aside), as text.
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

/// The merged map and the conflicts in it.
#[derive(Clone, Debug)]
pub struct Merged {
    pub map: FunctionalMap,
    pub conflicts: Vec<MergeConflict>,
    /// How many of theirs' changes were taken.
    pub taken: usize,
}

/// What a change touches, for finding the same thing changed on both sides.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Setting(&'static str),
    Field(NodeId, &'static str),
    Statement(NodeId, StatementId),
    Parent(NodeId),
    Order(NodeId),
    Annotations(NodeId),
}

/// Merges `theirs` into `ours`, both descended from `base`.
pub fn merge(
    base: &FunctionalMap,
    ours: &FunctionalMap,
    theirs: &FunctionalMap,
) -> Result<Merged, EditError> {
    // The two comparisons are independent: one per core.
    let (mine, other) = rayon::join(|| compare(base, ours), || compare(base, theirs));
    let my_keys: HashSet<Key> = mine.changes.iter().flat_map(keys).collect();
    // Base nodes ours removed, and base nodes ours changed in any way (for delete/edit).
    let my_removed = removed_nodes(base, &mine);
    let my_touched: HashSet<NodeId> = mine.changes.iter().filter_map(touched).collect();
    let their_removed = removed_nodes(base, &other);

    let mut chosen = Vec::new();
    let mut conflicts = Vec::new();
    let mut set_merges: Vec<(NodeId, UnitField)> = Vec::new();
    for (i, change) in other.changes.iter().enumerate() {
        if let Some(node) = touched(change)
            && my_removed.contains(&node)
        {
            conflicts.push(node_conflict(
                base,
                ours,
                node,
                "ours removed it; theirs changed it",
            ));
            continue;
        }
        if let Change::Removed { old, .. } = change {
            if my_removed.contains(old) {
                continue; // Removed on both sides.
            }
            let edited_below: Vec<NodeId> = base
                .branch(*old)
                .into_iter()
                .filter(|n| their_removed.contains(n) && my_touched.contains(n))
                .collect();
            if !edited_below.is_empty() || my_touched.contains(old) {
                conflicts.push(node_conflict(
                    base,
                    ours,
                    *old,
                    "theirs removed it; ours changed it",
                ));
                continue;
            }
        }
        if already_done(ours, theirs, &mine, &other, change) {
            continue;
        }
        let clash = keys(change).into_iter().find(|k| my_keys.contains(k));
        match clash {
            None => chosen.push(i),
            Some(Key::Field(node, field)) if set_field(field).is_some() => {
                set_merges.push((node, set_field(field).unwrap_or(UnitField::Suites)));
            }
            Some(key) => conflicts.push(conflict(base, ours, theirs, &other, change, &key)),
        }
    }
    let mut doc = Document::new(ours.clone());
    take(&mut doc, "merge", base, theirs, &other, &chosen)?;
    for (node, field) in set_merges {
        let (Some(b), Some(o), Some(t)) = (
            base.unit(node),
            doc.map().unit(node),
            other.matching.new_of(node).and_then(|n| theirs.unit(n)),
        ) else {
            continue;
        };
        let merged = merge_sets(&field.text(b), &field.text(o), &field.text(t));
        let mut unit: Unit = o.clone();
        if field.set_text(&mut unit, &merged).is_ok() {
            doc.apply(
                "merge",
                Edit::SetNode {
                    id: node,
                    node: unit.into(),
                },
            )?;
        }
    }
    record(&mut doc, &conflicts)?;
    Ok(Merged {
        map: doc.into_map(),
        taken: chosen.len(),
        conflicts,
    })
}

/// Records each conflict in its node's annotations, where the editor lists it to be settled.
fn record(doc: &mut Document, conflicts: &[MergeConflict]) -> Result<(), EditError> {
    for conflict in conflicts {
        let id = conflict.location.node;
        let Some(mut node) = doc.map().node(id).cloned() else {
            continue;
        };
        // A statement ours no longer holds cannot be pointed at: the conflict is the unit's.
        let statement = conflict.statement.filter(|&s| {
            node.as_unit()
                .is_some_and(|u| u.find_statement(s).is_some())
        });
        let what = if conflict.statement.is_some() && statement.is_none() {
            "node".to_string()
        } else {
            conflict.what.clone()
        };
        node.annotations_mut().conflicts.push(Conflict {
            what,
            statement,
            base: conflict.base.clone(),
            ours: conflict.ours.clone(),
            theirs: conflict.theirs.clone(),
        });
        doc.apply("merge", Edit::SetNode { id, node })?;
    }
    Ok(())
}

fn set_field(key: &str) -> Option<UnitField> {
    SET_FIELDS.into_iter().find(|f| f.key() == key)
}

/// Lines of a set field: ours, plus what theirs added, less what theirs took away.
fn merge_sets(base: &str, ours: &str, theirs: &str) -> String {
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::to_string)
            .filter(|l| !l.trim().is_empty())
            .collect()
    };
    let (base, theirs) = (lines(base), lines(theirs));
    let mut merged = lines(ours);
    merged.retain(|l| !base.contains(l) || theirs.contains(l));
    for line in theirs {
        if !base.contains(&line) && !merged.contains(&line) {
            merged.push(line);
        }
    }
    merged.join("\n")
}

fn keys(change: &Change) -> Vec<Key> {
    match change {
        Change::Setting { field } => vec![Key::Setting(field.key())],
        Change::Moved { old, .. } => vec![Key::Parent(*old)],
        Change::Reordered { old, .. } => vec![Key::Order(*old)],
        Change::Renamed { old, .. } => vec![Key::Field(*old, "title")],
        Change::Field { old, field, .. } => vec![Key::Field(*old, field)],
        Change::Statement { old, change, .. } => match change {
            StatementChange::Changed { old: s, .. } | StatementChange::Removed { old: s } => {
                vec![Key::Statement(*old, *s)]
            }
            StatementChange::Moved { .. } | StatementChange::Added { .. } => Vec::new(),
        },
        Change::Annotations { old, .. } => vec![Key::Annotations(*old)],
        Change::Recreated { old, .. } => vec![Key::Field(*old, "title")],
        Change::Added { .. }
        | Change::Removed { .. }
        | Change::PlacementAdded { .. }
        | Change::PlacementRemoved { .. } => Vec::new(),
    }
}

/// The base node a change alters (not counting additions under it).
fn touched(change: &Change) -> Option<NodeId> {
    match change {
        Change::Moved { old, .. }
        | Change::Reordered { old, .. }
        | Change::Renamed { old, .. }
        | Change::Field { old, .. }
        | Change::Statement { old, .. }
        | Change::Annotations { old, .. }
        | Change::Recreated { old, .. }
        | Change::PlacementRemoved { old, .. } => Some(*old),
        _ => None,
    }
}

/// Every base node that a side's removals take away.
fn removed_nodes(base: &FunctionalMap, comparison: &Comparison) -> HashSet<NodeId> {
    base.nodes()
        .map(|(id, _)| id)
        .filter(|&id| comparison.matching.new_of(id).is_none())
        .collect()
}

/// True when ours already made the same change theirs did (same value).
fn already_done(
    ours: &FunctionalMap,
    theirs: &FunctionalMap,
    mine: &Comparison,
    other: &Comparison,
    change: &Change,
) -> bool {
    let same_node = |o: NodeId, n: NodeId, f: &dyn Fn(&Node, &Node) -> bool| {
        mine.matching
            .new_of(o)
            .and_then(|m| ours.node(m))
            .zip(theirs.node(n))
            .is_some_and(|(a, b)| f(a, b))
    };
    match change {
        Change::Renamed { old, new } => same_node(*old, *new, &|a, b| a.title() == b.title()),
        Change::Field { old, new, field } => same_node(*old, *new, &|a, b| {
            field_text(a, field) == field_text(b, field)
        }),
        Change::Setting { field } => field.text(ours.meta()) == field.text(theirs.meta()),
        Change::Statement {
            old,
            new,
            list,
            change: StatementChange::Changed { old: s, new: t },
        } => same_node(*old, *new, &|a, b| {
            let find = |n: &Node, id: StatementId| {
                n.as_unit()
                    .and_then(|u| u.statements(*list).iter().find(|x| x.id == id))
                    .map(|x| (x.text.clone(), x.heading))
            };
            find(a, *s).is_some() && find(a, *s) == find(b, *t)
        }),
        Change::Moved {
            old, new_parent, ..
        } => {
            // Ours moved it under the same base node.
            let their_parent = other.matching.old_of(*new_parent);
            ours.parents(*old).iter().any(|p| Some(*p) == their_parent)
        }
        _ => false,
    }
}

fn field_text(node: &Node, field: &str) -> String {
    match node {
        Node::Unit(unit) => UnitField::ALL
            .into_iter()
            .find(|f| f.key() == field)
            .map(|f| f.text(unit))
            .unwrap_or_default(),
        Node::Function(f) => match field {
            "code" => f.code.clone(),
            "description" => f.description.clone(),
            "gap" => f.gap.to_string(),
            _ => f.title.clone(),
        },
        Node::KeyPurpose(kp) => match field {
            "notes" => kp.notes.clone(),
            _ => kp.statement.clone(),
        },
    }
}

fn node_conflict(
    base: &FunctionalMap,
    ours: &FunctionalMap,
    node: NodeId,
    what: &str,
) -> MergeConflict {
    let located = if ours.contains(node) {
        node
    } else {
        parent_in(base, ours, node)
    };
    MergeConflict {
        location: Location::node(located),
        what: "node".to_string(),
        statement: None,
        base: base.describe(node),
        ours: if ours.contains(node) {
            ours.describe(node)
        } else {
            "removed".to_string()
        },
        theirs: what.to_string(),
    }
}

/// The nearest ancestor (in base) that ours still has: where a removed node's conflict is shown.
fn parent_in(base: &FunctionalMap, ours: &FunctionalMap, node: NodeId) -> NodeId {
    let mut current = node;
    while let Some(&parent) = base.parents(current).first() {
        if ours.contains(parent) {
            return parent;
        }
        current = parent;
    }
    ours.root()
}

fn conflict(
    base: &FunctionalMap,
    ours: &FunctionalMap,
    theirs: &FunctionalMap,
    other: &Comparison,
    change: &Change,
    key: &Key,
) -> MergeConflict {
    let their_node = |n: NodeId| other.matching.new_of(n).and_then(|t| theirs.node(t));
    let text_of = |map_node: Option<&Node>, field: &str| {
        map_node.map(|n| field_text(n, field)).unwrap_or_default()
    };
    match key {
        Key::Setting(field) => {
            let field_of = crate::model::fields::MapField::ALL
                .into_iter()
                .find(|f| f.key() == *field);
            let text =
                |map: &FunctionalMap| field_of.map(|f| f.text(map.meta())).unwrap_or_default();
            MergeConflict {
                location: Location::node(ours.root()),
                what: (*field).to_string(),
                statement: None,
                base: text(base),
                ours: text(ours),
                theirs: text(theirs),
            }
        }
        Key::Field(node, field) => MergeConflict {
            location: Location::field(*node, field),
            what: (*field).to_string(),
            statement: None,
            base: text_of(base.node(*node), field),
            ours: text_of(ours.node(*node), field),
            theirs: text_of(their_node(*node), field),
        },
        Key::Statement(node, statement) => {
            let text = |n: Option<&Node>, id: StatementId| {
                n.and_then(Node::as_unit)
                    .and_then(|u| {
                        crate::model::StatementList::ALL
                            .into_iter()
                            .find_map(|l| u.statements(l).iter().find(|s| s.id == id))
                    })
                    .map(|s| s.text.clone())
                    .unwrap_or_else(|| "(removed)".to_string())
            };
            let their_id = match change {
                Change::Statement {
                    change: StatementChange::Changed { new, .. },
                    ..
                } => *new,
                _ => *statement,
            };
            MergeConflict {
                location: Location::statement(*node, *statement),
                what: "statement".to_string(),
                statement: Some(*statement),
                base: text(base.node(*node), *statement),
                ours: text(ours.node(*node), *statement),
                theirs: text(their_node(*node), their_id),
            }
        }
        Key::Parent(node) | Key::Order(node) | Key::Annotations(node) => {
            let what = match key {
                Key::Parent(_) => "place",
                Key::Order(_) => "order",
                _ => "annotations",
            };
            let place = |map: &FunctionalMap, id: NodeId| {
                let parents: Vec<String> =
                    map.parents(id).iter().map(|&p| map.describe(p)).collect();
                format!("under {}", parents.join(" and "))
            };
            let their_id = other.matching.new_of(*node);
            MergeConflict {
                location: Location::node(*node),
                what: what.to_string(),
                statement: None,
                base: place(base, *node),
                ours: place(ours, *node),
                theirs: their_id.map(|t| place(theirs, t)).unwrap_or_default(),
            }
        }
    }
}
