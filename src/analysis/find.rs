//! Find: nodes whose title, URN or code contain the words typed, in map order.

use std::collections::HashSet;

use crate::model::{FunctionalMap, Node, NodeId};

/// Nodes matching `query` (case-insensitive; every word must appear in the title, URN or code),
/// in depth-first map order, each once even when placed several times. Folding does not matter:
/// the map is searched, not the picture.
pub fn find(map: &FunctionalMap, query: &str) -> Vec<NodeId> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    map.walk()
        .into_iter()
        .filter(|&(_, id)| seen.insert(id))
        .filter(|&(_, id)| {
            map.node(id).is_some_and(|node| {
                let haystack = searchable_text(node).to_lowercase();
                words.iter().all(|word| haystack.contains(word.as_str()))
            })
        })
        .map(|(_, id)| id)
        .collect()
}

fn searchable_text(node: &Node) -> String {
    match node {
        Node::KeyPurpose(kp) => kp.statement.clone(),
        Node::Function(function) => format!("{} {}", function.code, function.title),
        Node::Unit(unit) => format!("{} {}", unit.urn, unit.title),
    }
}
