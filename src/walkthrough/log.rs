//! What workshop mode does to the log (`Annotations::sessions` on the key purpose) as edits:
//! ideas parked, a session's decisions and changes recorded, an idea placed in the map.
//!
//! Each function returns ordinary edits for the caller to apply as one undo step.

use std::collections::BTreeMap;

use crate::analysis::versions::report::describe;
use crate::analysis::versions::{Change, Subject, compare};
use crate::edit::Edit;
use crate::edit::ops::{self, default_child_kind};
use crate::model::{
    ChangeKind, Date, Decision, FunctionalMap, Idea, Node, NodeId, NodeKind, Session,
    SessionChange, StatementId,
};

/// The workshop log.
pub fn sessions(map: &FunctionalMap) -> &[Session] {
    map.node(map.root())
        .map_or(&[], |root| root.annotations().sessions.as_slice())
}

/// The index of the session held on `date` (the latest one of that day).
pub fn session_on(map: &FunctionalMap, date: Option<Date>) -> Option<usize> {
    sessions(map).iter().rposition(|s| s.date == date)
}

/// The key purpose with its log changed by `change`; `None` when nothing changes.
fn with_log(map: &FunctionalMap, change: impl FnOnce(&mut Vec<Session>)) -> Option<Edit> {
    let root = map.root();
    let node = map.node(root)?;
    let mut changed = node.clone();
    change(&mut changed.annotations_mut().sessions);
    (changed != *node).then_some(Edit::SetNode {
        id: root,
        node: changed,
    })
}

/// The session of `date` in `sessions`, made when there is none.
fn session_mut(sessions: &mut Vec<Session>, date: Option<Date>) -> &mut Session {
    let index = match sessions.iter().rposition(|s| s.date == date) {
        Some(index) => index,
        None => {
            sessions.push(Session::on(date));
            sessions.len() - 1
        }
    };
    &mut sessions[index]
}

/// Parks an idea in the session of `date` (its id is given when the edit is applied).
pub fn park_idea(map: &FunctionalMap, date: Option<Date>, idea: &str) -> Option<Edit> {
    let idea = idea.trim();
    if idea.is_empty() {
        return None;
    }
    with_log(map, |sessions| {
        session_mut(sessions, date).ideas.push(Idea {
            id: StatementId::UNASSIGNED,
            text: idea.to_string(),
            placed: None,
        });
    })
}

/// Sets who ran session `index` of the log and who came.
pub fn set_people(
    map: &FunctionalMap,
    index: usize,
    facilitator: &str,
    attendees: &[String],
) -> Option<Edit> {
    with_log(map, |sessions| {
        if let Some(session) = sessions.get_mut(index) {
            session.facilitator = facilitator.trim().to_string();
            session.attendees = attendees
                .iter()
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect();
        }
    })
}

/// How a box is named in the log: code or URN, then title.
pub fn label(node: &Node) -> String {
    match node {
        Node::KeyPurpose(kp) => kp.statement.clone(),
        Node::Function(f) if f.code.is_empty() => f.title.clone(),
        Node::Function(f) => format!("{} {}", f.code, f.title),
        Node::Unit(u) if u.urn.is_empty() => u.title.clone(),
        Node::Unit(u) => format!("{} {}", u.urn, u.title),
    }
}

/// Records in the session of `date` what the room decided and changed since `baseline` (the map
/// when the session began, its log included): decisions on boxes whose verdict or votes moved,
/// and the units and functions added, changed, moved or removed. What the session held at the
/// baseline is kept; a box recorded again takes its new entry. `None` when nothing changes.
pub fn record_session(
    baseline: &FunctionalMap,
    now: &FunctionalMap,
    date: Option<Date>,
) -> Option<Edit> {
    let earlier = session_on(baseline, date).map(|i| sessions(baseline)[i].clone());
    let mut decisions: BTreeMap<NodeId, Decision> = earlier
        .iter()
        .flat_map(|s| s.decisions.iter())
        .map(|d| (d.node, d.clone()))
        .collect();
    for (id, node) in now.nodes() {
        let before = baseline.node(id).map(|n| n.workshop().clone());
        let after = node.workshop();
        if before.as_ref() == Some(after) || (before.is_none() && after.is_empty()) {
            continue;
        }
        let before = before.unwrap_or_default();
        let earlier_votes = decisions
            .get(&id)
            .map_or((0, 0), |d| (d.votes_for, d.votes_against));
        decisions.insert(
            id,
            Decision {
                node: id,
                label: label(node),
                verdict: after.verdict,
                votes_for: earlier_votes.0 + after.votes_for.saturating_sub(before.votes_for),
                votes_against: earlier_votes.1
                    + after.votes_against.saturating_sub(before.votes_against),
            },
        );
    }
    let mut changes: BTreeMap<NodeId, SessionChange> = earlier
        .iter()
        .flat_map(|s| s.changes.iter())
        .map(|c| (c.node, c.clone()))
        .collect();
    for change in session_changes(baseline, now) {
        match changes.get_mut(&change.node) {
            // Added earlier in the same session and changed since: still an addition.
            Some(had) if had.kind == ChangeKind::Added && change.kind != ChangeKind::Removed => {
                had.label = change.label;
            }
            _ => {
                changes.insert(change.node, change);
            }
        }
    }
    let decisions: Vec<Decision> = decisions.into_values().collect();
    let mut changes: Vec<SessionChange> = changes.into_values().collect();
    changes.sort_by_key(|c| (c.kind, c.node));
    if decisions.is_empty() && changes.is_empty() && session_on(now, date).is_none() {
        return None;
    }
    with_log(now, |sessions| {
        let session = session_mut(sessions, date);
        session.decisions = decisions;
        session.changes = changes;
    })
}

/// The units and functions that differ between the two versions of one map (ids shared), one
/// entry per box with what changed in words.
fn session_changes(baseline: &FunctionalMap, now: &FunctionalMap) -> Vec<SessionChange> {
    let comparison = compare(baseline, now);
    let words = describe(baseline, now, &comparison);
    let mut by_node: BTreeMap<NodeId, SessionChange> = BTreeMap::new();
    for said in words {
        let change = &comparison.changes[said.index];
        if matches!(change, Change::Annotations { .. } | Change::Setting { .. }) {
            continue;
        }
        let (id, node) = match change.subject() {
            Subject::New(id) => (id, now.node(id)),
            Subject::Old(id) => (id, baseline.node(id)),
            Subject::Map => continue,
        };
        let Some(node) = node.filter(|n| n.kind() != NodeKind::KeyPurpose) else {
            continue;
        };
        let kind = match change {
            Change::Added { .. } => ChangeKind::Added,
            Change::Removed { .. } => ChangeKind::Removed,
            Change::Moved { .. } => ChangeKind::Moved,
            _ => ChangeKind::Changed,
        };
        let entry = by_node.entry(id).or_insert_with(|| SessionChange {
            node: id,
            kind,
            label: label(node),
            detail: String::new(),
        });
        entry.kind = entry.kind.min(kind);
        if !entry.detail.is_empty() {
            entry.detail.push_str("; ");
        }
        entry.detail.push_str(&said.text);
    }
    by_node.into_values().collect()
}

/// Places an idea of the log in the map: a new box with its words as the last child of
/// `parent` (a unit under a function that holds units, else a function), the idea marked as
/// placed there. One undo step; the new node's id is returned.
pub fn place_idea(
    map: &FunctionalMap,
    idea: StatementId,
    parent: NodeId,
) -> Result<(NodeId, Vec<Edit>), String> {
    let text = sessions(map)
        .iter()
        .flat_map(|s| &s.ideas)
        .find(|i| i.id == idea)
        .map(|i| i.text.clone())
        .ok_or_else(|| "that idea is no longer in the workshop log".to_string())?;
    let kind = default_child_kind(map, parent)
        .ok_or_else(|| format!("{} cannot hold a box", map.describe(parent)))?;
    let (id, add) = ops::new_child(map, parent, kind, &text).map_err(|e| e.to_string())?;
    let mark = with_log(map, |sessions| {
        for i in sessions.iter_mut().flat_map(|s| s.ideas.iter_mut()) {
            if i.id == idea {
                i.placed = Some(id);
            }
        }
    });
    Ok((id, std::iter::once(add).chain(mark).collect()))
}

/// A map from before the log kept ideas as a "Parking lot" key area: its boxes become ideas of
/// the session of `date` and the key area goes. `None` when the map has no parking lot.
pub fn parking_lot_into_log(map: &FunctionalMap, date: Option<Date>) -> Option<Vec<Edit>> {
    let lot = ops::parking_lot(map)?;
    let mut ideas = Vec::new();
    let mut stack: Vec<NodeId> = map.children(lot).iter().rev().copied().collect();
    while let Some(id) = stack.pop() {
        if let Some(node) = map.node(id) {
            ideas.push(label(node));
        }
        stack.extend(map.children(id).iter().rev());
    }
    let log = with_log(map, |sessions| {
        let session = session_mut(sessions, date);
        session.ideas.extend(ideas.into_iter().map(|text| Idea {
            id: StatementId::UNASSIGNED,
            text,
            placed: None,
        }));
    });
    let remove = Edit::Remove {
        node: lot,
        parent: map.root(),
    };
    Some(log.into_iter().chain(std::iter::once(remove)).collect())
}
