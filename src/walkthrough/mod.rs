//! Workshop walkthroughs: the steps a presenter goes through, generated from the hierarchy.
//!
//! A step is a node and how many levels below it to show; the presenter may reorder, hide, add and
//! annotate steps. Steps belong to the view state (saved in the sidecar), never to map content.

pub mod framing;
pub mod log;

use std::collections::HashSet;

use crate::model::{FunctionalMap, NodeId, NodeKind};
use crate::view::PresentationStep;

/// The default walkthrough: the key purpose with its key areas; then each key area with its
/// functions; then, with `units`, each function that holds units, with them.
pub fn walkthrough(map: &FunctionalMap, units: bool) -> Vec<PresentationStep> {
    let step = |node, depth| PresentationStep {
        node,
        depth,
        notes: String::new(),
        hidden: false,
    };
    let root = map.root();
    let mut steps = vec![step(root, 1)];
    for &area in map.children(root) {
        if is_function(map, area) {
            steps.push(step(area, function_levels(map, area).max(1)));
        }
    }
    if units {
        for (_, id) in map.walk() {
            let holds_units = map
                .children(id)
                .iter()
                .any(|&c| map.node(c).is_some_and(|n| n.kind() == NodeKind::Unit));
            if is_function(map, id)
                && holds_units
                && !steps.iter().any(|s| s.node == id && s.depth == 1)
            {
                steps.push(step(id, 1));
            }
        }
    }
    steps
}

fn is_function(map: &FunctionalMap, id: NodeId) -> bool {
    map.node(id).is_some_and(|n| n.kind() == NodeKind::Function)
}

/// How many levels of functions lie below `id` (without recursion: generated maps go deep).
fn function_levels(map: &FunctionalMap, id: NodeId) -> u32 {
    let mut deepest = 0;
    let mut stack = vec![(id, 0u32)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for &child in map.children(node) {
            if is_function(map, child) {
                stack.push((child, depth + 1));
            }
        }
    }
    deepest
}

/// The nodes a step shows: its node and everything down to `depth` levels below it.
pub fn shown_by(map: &FunctionalMap, step: &PresentationStep) -> HashSet<NodeId> {
    let mut shown = HashSet::new();
    let mut stack = vec![(step.node, 0u32)];
    while let Some((node, depth)) = stack.pop() {
        if !shown.insert(node) || depth >= step.depth {
            continue;
        }
        for &child in map.children(node) {
            stack.push((child, depth + 1));
        }
    }
    shown
}

/// The index of the first visible step showing `node` as its own node, else the first visible step
/// that shows it at all (a click on the canvas jumps there).
pub fn step_for(map: &FunctionalMap, steps: &[PresentationStep], node: NodeId) -> Option<usize> {
    let visible = || steps.iter().enumerate().filter(|(_, s)| !s.hidden);
    visible()
        .find(|(_, s)| s.node == node)
        .or_else(|| visible().find(|(_, s)| shown_by(map, s).contains(&node)))
        .map(|(i, _)| i)
}
