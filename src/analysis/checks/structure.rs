//! Rules about the shape of the map: empty titles, gaps, decomposition, breadth and depth.

use std::collections::HashMap;

use super::{Findings, Fix, level_word};
use crate::edit::Edit;
use crate::model::{FunctionalMap, Node, NodeId};

/// More children than this is hard to read at a glance.
const MAX_CHILDREN: usize = 9;

/// Deeper functions than this are rare in functional analysis.
const MAX_FUNCTION_DEPTH: usize = 5;

pub(super) fn check(map: &FunctionalMap, findings: &mut Findings) {
    let walk = map.walk();
    let mut depth: HashMap<NodeId, usize> = HashMap::with_capacity(walk.len());
    for &(parent, node) in &walk {
        let d = parent.and_then(|p| depth.get(&p)).map_or(0, |d| d + 1);
        depth.entry(node).or_insert(d);
    }
    // Whether each node's branch holds a unit, children before parents.
    let mut reaches_unit: HashMap<NodeId, bool> = HashMap::with_capacity(walk.len());
    for &(_, node) in walk.iter().rev() {
        let reaches = matches!(map.node(node), Some(Node::Unit(_)))
            || map
                .children(node)
                .iter()
                .any(|c| reaches_unit.get(c).copied().unwrap_or(false));
        reaches_unit.insert(node, reaches);
    }

    for (id, node) in map.nodes() {
        if node.title().trim().is_empty() {
            let what = match node {
                Node::KeyPurpose(_) => "the key purpose has no statement".to_string(),
                _ => format!("this {} has no title", level_word(map, id)),
            };
            findings.add("empty-title", id, what, None);
        }
        let Some(function) = node.as_function() else {
            if matches!(node, Node::KeyPurpose(_)) {
                check_breadth(map, id, findings);
            }
            continue;
        };
        if !function.gap && !reaches_unit.get(&id).copied().unwrap_or(false) {
            let mut marked = function.clone();
            marked.gap = true;
            findings.add(
                "function-without-units",
                id,
                format!(
                    "no NOS unit sits anywhere below this {}",
                    level_word(map, id)
                ),
                Some(Fix {
                    label: "Mark as a gap".into(),
                    edit: Edit::SetNode {
                        id,
                        node: Node::Function(marked),
                    },
                }),
            );
        }
        if map.children(id).len() == 1 {
            findings.add(
                "single-child",
                id,
                format!(
                    "this {} has one child: it was not broken down",
                    level_word(map, id)
                ),
                None,
            );
        }
        check_breadth(map, id, findings);
        let d = depth.get(&id).copied().unwrap_or(0);
        if d > MAX_FUNCTION_DEPTH {
            findings.add(
                "too-deep",
                id,
                format!(
                    "this {} is {d} levels below the key purpose (more than {MAX_FUNCTION_DEPTH})",
                    level_word(map, id)
                ),
                None,
            );
        }
    }
}

fn check_breadth(map: &FunctionalMap, id: NodeId, findings: &mut Findings) {
    let count = map.children(id).len();
    if count > MAX_CHILDREN {
        findings.add(
            "too-many-children",
            id,
            format!("{count} children (more than about {MAX_CHILDREN})"),
            None,
        );
    }
}
