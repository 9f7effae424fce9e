//! Rules about the shape of the map: empty titles, gaps, decomposition, breadth and depth.

use std::collections::HashMap;

use super::{Findings, Fix, level_word};
use crate::edit::Edit;
use crate::model::{FunctionalMap, Node, NodeId};

/// More children than this is hard to read at a glance.
const MAX_CHILDREN: usize = 9;

/// Deeper functions than this are rare in functional analysis.
const MAX_FUNCTION_DEPTH: usize = 5;

/// What the structure rules need to know of each node beyond itself, from one walk of the map:
/// how deep it first appears and whether a unit sits anywhere in its branch.
#[derive(Clone, Debug, Default)]
pub(super) struct Facts {
    of: HashMap<NodeId, Fact>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Fact {
    depth: usize,
    reaches_unit: bool,
}

impl Facts {
    pub(super) fn of(map: &FunctionalMap, walk: &[(Option<NodeId>, NodeId)]) -> Self {
        let mut of: HashMap<NodeId, Fact> = HashMap::with_capacity(walk.len());
        for &(parent, node) in walk {
            let depth = parent
                .and_then(|p| of.get(&p))
                .map_or(0, |fact| fact.depth + 1);
            of.entry(node).or_insert(Fact {
                depth,
                reaches_unit: false,
            });
        }
        // Children before parents.
        for &(_, node) in walk.iter().rev() {
            let reaches = matches!(map.node(node), Some(Node::Unit(_)))
                || map
                    .children(node)
                    .iter()
                    .any(|c| of.get(c).is_some_and(|fact| fact.reaches_unit));
            if let Some(fact) = of.get_mut(&node) {
                fact.reaches_unit = reaches;
            }
        }
        Self { of }
    }

    pub(super) fn get(&self, id: NodeId) -> Fact {
        self.of.get(&id).copied().unwrap_or_default()
    }

    /// Nodes of `self` or `other` whose facts differ between them.
    pub(super) fn differing<'a>(&'a self, other: &'a Self) -> impl Iterator<Item = NodeId> + 'a {
        let changed = self
            .of
            .iter()
            .filter(|&(id, fact)| other.of.get(id) != Some(fact))
            .map(|(&id, _)| id);
        let gone = other
            .of
            .keys()
            .filter(|id| !self.of.contains_key(id))
            .copied();
        changed.chain(gone)
    }
}

/// The structure rules on one node.
pub(super) fn check_node(
    map: &FunctionalMap,
    id: NodeId,
    node: &Node,
    facts: &Facts,
    findings: &mut Findings,
) {
    let fact = facts.get(id);
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
        return;
    };
    if !function.gap && !fact.reaches_unit {
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
    let d = fact.depth;
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
