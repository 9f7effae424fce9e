//! Find: nodes whose title, URN or code contain the words typed, and statements whose words do,
//! in map order.

use std::collections::HashSet;

use crate::model::{FunctionalMap, Location, Node, StatementList};

/// What matches `query` (case-insensitive; every word must appear): a node whose title, URN or
/// code has them, then each statement of a unit (any list, headings and glossary entries too)
/// that has them, in depth-first map order, each node once even when placed several times.
/// Folding does not matter: the map is searched, not the picture.
pub fn find(map: &FunctionalMap, query: &str) -> Vec<Location> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let matches = |text: &str| {
        let text = text.to_lowercase();
        words.iter().all(|word| text.contains(word.as_str()))
    };
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    for (_, id) in map.walk() {
        if !seen.insert(id) {
            continue;
        }
        let Some(node) = map.node(id) else { continue };
        if matches(&searchable_text(node)) {
            found.push(Location::node(id));
        }
        let Node::Unit(unit) = node else { continue };
        for list in StatementList::ALL {
            found.extend(
                unit.statements(list)
                    .iter()
                    .filter(|s| matches(&s.text))
                    .map(|s| Location::statement(id, s.id)),
            );
        }
        found.extend(
            unit.glossary
                .iter()
                .filter(|g| matches(&format!("{} {}", g.term, g.definition)))
                .map(|g| Location::statement(id, g.id)),
        );
    }
    found
}

fn searchable_text(node: &Node) -> String {
    match node {
        Node::KeyPurpose(kp) => kp.statement.clone(),
        Node::Function(function) => format!("{} {}", function.code, function.title),
        Node::Unit(unit) => format!("{} {}", unit.urn, unit.title),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Function, KeyPurpose, MapMeta, NodeId, Statement, Unit};

    #[test]
    fn nodes_then_their_statements_in_map_order() {
        let mut map = FunctionalMap::new(MapMeta::new("M"), KeyPurpose::new("Serve customers"));
        let area = NodeId::from_raw(2);
        map.insert_node(area, Function::new("A", "Plan customer service").into());
        map.link(map.root(), area, 0);
        let mut unit = Unit::new("CS1", "Greet customers");
        unit.performance_criteria = vec![
            Statement::item("greet customers promptly"),
            Statement::item("listen carefully"),
        ];
        unit.values = vec![Statement::item("respect for every customer")];
        let id = NodeId::from_raw(3);
        map.insert_node(id, unit.into());
        map.link(area, id, 0);
        let unit = map.unit(id).unwrap();
        let (pc, value) = (unit.performance_criteria[0].id, unit.values[0].id);
        assert_eq!(
            find(&map, "CUSTOMER"),
            [
                Location::node(map.root()),
                Location::node(area),
                Location::node(id),
                Location::statement(id, pc),
                Location::statement(id, value),
            ]
        );
        assert_eq!(
            find(&map, "listen care"),
            [Location::statement(id, unit.performance_criteria[1].id)]
        );
        assert!(find(&map, "  ").is_empty());
    }
}
