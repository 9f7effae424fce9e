//! Copy and paste of whole branches, within a map and between maps.
//!
//! A copy is itself a small functional map: a placeholder key purpose with the copied branches
//! below it. Written with the ordinary file format it is the clipboard's text, so a copy survives
//! the trip through the system clipboard into another window, and pasting the text of a whole map
//! file pastes its key areas.
//!
//! Pasting gives functions and every statement new ids. A unit whose URN the target map already holds is placed again
//! (a shared placement) rather than copied, so one standard never turns into two with the same
//! URN; other units are copied under new ids.

use std::collections::HashMap;

use super::{Branch, Edit, EditError};
use crate::model::{FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, NodeKind};

/// The key purpose statement of a copy.
pub const CLIP_KEY_PURPOSE: &str = "Copied from nosmap";

/// A map holding copies of the branches under `tops`, in that order. The key purpose cannot be
/// copied as such: copying it copies everything below it. A top inside another top's branch is
/// copied once, with that branch.
pub fn copy_branches(map: &FunctionalMap, tops: &[NodeId]) -> FunctionalMap {
    let mut tops: Vec<NodeId> = tops
        .iter()
        .flat_map(|&top| {
            if top == map.root() {
                map.children(top).to_vec()
            } else {
                vec![top]
            }
        })
        .filter(|&top| map.contains(top))
        .collect();
    let all = tops.clone();
    tops.retain(|&top| {
        !all.iter()
            .any(|&other| other != top && map.is_in_branch(other, top))
    });
    tops.dedup();

    let mut clip = FunctionalMap::new(
        MapMeta {
            level_names: map.meta().level_names.clone(),
            themes: map.meta().themes.clone(),
            ..MapMeta::new(&map.meta().title)
        },
        KeyPurpose::new(CLIP_KEY_PURPOSE),
    );
    let root = clip.root();
    // The clip's root takes id 1; copied nodes keep ids above every id of the source.
    let mut ids: HashMap<NodeId, NodeId> = HashMap::new();
    let mut next = map.next_free_id().max(root.next());
    for top in tops {
        let mut stack = vec![(root, top)];
        while let Some((parent, id)) = stack.pop() {
            let placed_before = ids.contains_key(&id);
            let new_id = *ids.entry(id).or_insert_with(|| {
                let fresh = next;
                next = next.next();
                fresh
            });
            if !placed_before {
                if let Some(node) = map.node(id) {
                    clip.insert_node(new_id, node.clone());
                }
            }
            if clip.index_in_parent(parent, new_id).is_none() {
                let end = clip.children(parent).len();
                clip.link(parent, new_id, end);
            }
            if !placed_before {
                for &child in map.children(id).iter().rev() {
                    stack.push((new_id, child));
                }
            }
        }
    }
    // Children were pushed in reverse onto a stack, so they were linked in order.
    clip
}

/// The edits that paste `clip` as children of `parent`, starting at `index`: one branch insertion
/// per copied top, to be applied in order as one undo step.
pub fn paste_edits(
    target: &FunctionalMap,
    clip: &FunctionalMap,
    parent: NodeId,
    index: usize,
) -> Result<Vec<Edit>, EditError> {
    let tops = clip.children(clip.root());
    if tops.is_empty() {
        return Err(EditError::NotPossible(
            "there is nothing to paste: the copy holds no branch".into(),
        ));
    }
    let existing_by_urn: HashMap<&str, NodeId> = target
        .units()
        .filter(|(_, unit)| !unit.urn.trim().is_empty())
        .map(|(id, unit)| (unit.urn.trim(), id))
        .collect();
    let mut next = target.next_free_id();
    let mut next_statement = target.next_statement_id();
    let mut ids: HashMap<NodeId, NodeId> = HashMap::new();
    let mut edits = Vec::new();
    for (offset, &top) in tops.iter().enumerate() {
        let mut nodes = Vec::new();
        let mut edges = Vec::new();
        let mut stack = vec![(None, top)];
        while let Some((clip_parent, id)) = stack.pop() {
            let Some(node) = clip.node(id) else { continue };
            let existing = match node {
                Node::Unit(unit) => existing_by_urn.get(unit.urn.trim()).copied(),
                _ => None,
            };
            let first_time = !ids.contains_key(&id);
            let new_id = *ids.entry(id).or_insert_with(|| {
                existing.unwrap_or_else(|| {
                    let fresh = next;
                    next = next.next();
                    fresh
                })
            });
            if first_time && existing.is_none() {
                nodes.push((
                    new_id,
                    node.clone().with_fresh_statement_ids(&mut next_statement),
                ));
            }
            if let Some(clip_parent) = clip_parent {
                edges.push((clip_parent, new_id));
            }
            if node.kind() != NodeKind::Unit {
                for &child in clip.children(id).iter().rev() {
                    stack.push((Some(new_id), child));
                }
            }
        }
        let top_id = ids[&top];
        edits.push(Edit::InsertBranch {
            parent,
            index: index + offset,
            branch: Branch {
                top: top_id,
                nodes,
                edges,
            },
        });
    }
    Ok(edits)
}
