//! Naming a node on the command line: by id, unit URN or function code, and when nothing has
//! that name, the nodes whose title, code or URN come closest.

use crate::model::{FunctionalMap, Node, NodeId};

/// The node a user means by `key`: its id number, a unit's URN or a function's code (case does
/// not matter; the first in id order wins).
pub fn find_node(map: &FunctionalMap, key: &str) -> Option<NodeId> {
    let key = key.trim();
    if let Some(id) = key
        .parse::<u64>()
        .ok()
        .map(NodeId::from_raw)
        .filter(|id| map.contains(*id))
    {
        return Some(id);
    }
    map.nodes()
        .find(|(_, node)| name_of(node).is_some_and(|name| name.eq_ignore_ascii_case(key)))
        .map(|(id, _)| id)
}

/// A unit's URN or a function's code, where it has one.
fn name_of(node: &Node) -> Option<&str> {
    let name = match node {
        Node::Unit(unit) => unit.urn.as_str(),
        Node::Function(function) => function.code.as_str(),
        Node::KeyPurpose(_) => "",
    };
    (!name.trim().is_empty()).then_some(name)
}

/// Below this similarity a node is not worth suggesting.
const MIN_SIMILARITY: f64 = 0.4;

/// Up to `count` nodes whose title, code or URN are most like `key`, best first (ties in map
/// order), leaving out those that are nothing like it.
///
/// Titles are compared by Sørensen–Dice over character pairs (word order and small typos
/// matter little), codes and URNs by normalised Damerau–Levenshtein distance (one slip in
/// `CFAMLA11` still finds `CFAMLA1`); both ignore case.
pub fn closest_nodes(map: &FunctionalMap, key: &str, count: usize) -> Vec<NodeId> {
    let key = key.trim().to_lowercase();
    if key.is_empty() {
        return Vec::new();
    }
    let mut seen = std::collections::HashSet::new();
    let mut scored: Vec<(f64, NodeId)> = map
        .walk()
        .into_iter()
        .filter(|&(_, id)| seen.insert(id))
        .filter_map(|(_, id)| {
            let node = map.node(id)?;
            let title = strsim::sorensen_dice(&key, &node.title().to_lowercase());
            let name = name_of(node).map_or(0.0, |name| {
                strsim::normalized_damerau_levenshtein(&key, &name.to_lowercase())
            });
            let score = title.max(name);
            (score >= MIN_SIMILARITY).then_some((score, id))
        })
        .collect();
    // A stable sort keeps map order among equal scores.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(count).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Function, KeyPurpose, MapMeta, Unit};

    fn map() -> FunctionalMap {
        let mut map = FunctionalMap::new(MapMeta::new("m"), KeyPurpose::new("Achieve results"));
        let root = map.root();
        let nodes: [(u64, Node); 3] = [
            (2, Function::new("A", "Manage a budget").into()),
            (3, Function::new("B", "Lead your team").into()),
            (4, Unit::new("CFAMLA1", "Manage your own resources").into()),
        ];
        for (i, (raw, node)) in nodes.into_iter().enumerate() {
            let id = NodeId::from_raw(raw);
            map.insert_node(id, node);
            map.link(root, id, i);
        }
        map
    }

    #[test]
    fn nodes_are_found_by_id_urn_or_code() {
        let map = map();
        assert_eq!(find_node(&map, "3"), Some(NodeId::from_raw(3)));
        assert_eq!(find_node(&map, "cfamla1"), Some(NodeId::from_raw(4)));
        assert_eq!(find_node(&map, " b "), Some(NodeId::from_raw(3)));
        assert_eq!(find_node(&map, "99"), None);
        assert_eq!(find_node(&map, ""), None);
    }

    #[test]
    fn near_misses_suggest_the_node_meant() {
        let map = map();
        let first = |key| closest_nodes(&map, key, 3).first().copied();
        assert_eq!(first("CFAMLA11"), Some(NodeId::from_raw(4)));
        assert_eq!(first("manage a budgt"), Some(NodeId::from_raw(2)));
        assert_eq!(first("lead the team"), Some(NodeId::from_raw(3)));
        assert!(closest_nodes(&map, "zzzz", 3).is_empty());
        assert!(closest_nodes(&map, "  ", 3).is_empty());
    }
}
