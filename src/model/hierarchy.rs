//! The graph wrapper: which node sits under which, in which order.
//!
//! A petgraph `StableDiGraph` holds the parent → child edges (functions have one parent, units may
//! have several). Petgraph's neighbour order is not an order, so each node's children are also kept
//! as an explicit list. Petgraph indices never leave this module.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::algo::{has_path_connecting, toposort};
use petgraph::stable_graph::{NodeIndex, StableDiGraph};

use super::NodeId;

/// Parent → child structure of a map with explicit sibling order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Hierarchy {
    graph: StableDiGraph<NodeId, ()>,
    index_of: HashMap<NodeId, NodeIndex>,
    children: HashMap<NodeId, Vec<NodeId>>,
}

impl Hierarchy {
    /// Adds a node with no parents and no children.
    pub fn add_node(&mut self, id: NodeId) {
        if self.index_of.contains_key(&id) {
            return;
        }
        let index = self.graph.add_node(id);
        self.index_of.insert(id, index);
        self.children.insert(id, Vec::new());
    }

    /// Removes a node and every edge touching it.
    pub fn remove_node(&mut self, id: NodeId) {
        for parent in self.parents(id) {
            if let Some(list) = self.children.get_mut(&parent) {
                list.retain(|&c| c != id);
            }
        }
        if let Some(index) = self.index_of.remove(&id) {
            self.graph.remove_node(index);
        }
        self.children.remove(&id);
    }

    /// Makes `child` the `index`-th child of `parent`. The caller has checked the rules.
    pub fn link(&mut self, parent: NodeId, child: NodeId, index: usize) {
        let (Some(&p), Some(&c)) = (self.index_of.get(&parent), self.index_of.get(&child)) else {
            return;
        };
        self.graph.add_edge(p, c, ());
        let list = self.children.entry(parent).or_default();
        let index = index.min(list.len());
        list.insert(index, child);
    }

    /// Removes `child` from under `parent`; returns the index it had.
    pub fn unlink(&mut self, parent: NodeId, child: NodeId) -> Option<usize> {
        let (&p, &c) = (self.index_of.get(&parent)?, self.index_of.get(&child)?);
        let edge = self.graph.find_edge(p, c)?;
        self.graph.remove_edge(edge);
        let list = self.children.get_mut(&parent)?;
        let index = list.iter().position(|&x| x == child)?;
        list.remove(index);
        Some(index)
    }

    /// The ordered children of a node (empty for an unknown id).
    pub fn children(&self, id: NodeId) -> &[NodeId] {
        self.children.get(&id).map_or(&[], Vec::as_slice)
    }

    /// How many parents a node has.
    pub fn parent_count(&self, id: NodeId) -> usize {
        self.index_of.get(&id).map_or(0, |&index| {
            self.graph
                .neighbors_directed(index, Direction::Incoming)
                .count()
        })
    }

    /// The parents of a node, sorted by id so the result never depends on petgraph's order.
    pub fn parents(&self, id: NodeId) -> Vec<NodeId> {
        let Some(&index) = self.index_of.get(&id) else {
            return Vec::new();
        };
        let mut parents: Vec<NodeId> = self
            .graph
            .neighbors_directed(index, Direction::Incoming)
            .filter_map(|p| self.graph.node_weight(p).copied())
            .collect();
        parents.sort_unstable();
        parents
    }

    /// True when `to` can be reached from `from` by going down (a node reaches itself).
    pub fn reaches(&self, from: NodeId, to: NodeId) -> bool {
        match (self.index_of.get(&from), self.index_of.get(&to)) {
            (Some(&f), Some(&t)) => has_path_connecting(&self.graph, f, t, None),
            _ => false,
        }
    }

    /// Problems with the wrapper's own bookkeeping (empty when consistent).
    pub fn check_consistency(&self) -> Vec<String> {
        let mut problems = Vec::new();
        // toposort walks with its own stack; is_cyclic_directed recurses once per level and
        // overflowed the stack on a 70,000-level chain.
        if toposort(&self.graph, None).is_err() {
            problems.push("the hierarchy has a cycle".to_string());
        }
        if self.graph.node_count() != self.index_of.len()
            || self.children.len() != self.index_of.len()
        {
            problems
                .push("graph, index map and child lists disagree on the node count".to_string());
        }
        for (&id, &index) in &self.index_of {
            if self.graph.node_weight(index) != Some(&id) {
                problems.push(format!("index map points {id} at the wrong graph node"));
            }
            let list = self.children(id);
            let mut from_graph: Vec<NodeId> = self
                .graph
                .neighbors_directed(index, Direction::Outgoing)
                .filter_map(|c| self.graph.node_weight(c).copied())
                .collect();
            let mut from_list = list.to_vec();
            from_graph.sort_unstable();
            from_list.sort_unstable();
            if from_graph != from_list {
                problems.push(format!(
                    "children of {id} differ between the graph and the ordered list"
                ));
            }
            from_list.dedup();
            if from_list.len() != list.len() {
                problems.push(format!("{id} lists the same child twice"));
            }
        }
        problems
    }
}

impl PartialEq for Hierarchy {
    /// Two hierarchies are equal when every node has the same children in the same order; petgraph's
    /// internal indices (which differ after undo) do not matter.
    fn eq(&self, other: &Self) -> bool {
        self.children == other.children
    }
}

impl Eq for Hierarchy {}
