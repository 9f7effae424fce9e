//! Synthetic functional maps of a chosen size, shaped like real ones (key purpose → key areas →
//! functions → units, verb-first titles, URNs), for benchmarks and the Graphviz comparison.

use crate::model::{Function, FunctionalMap, KeyPurpose, MapMeta, Node, Statement, Unit};

const VERBS: &[&str] = &[
    "Manage",
    "Plan",
    "Develop",
    "Review",
    "Agree",
    "Maintain",
    "Monitor",
    "Support",
    "Lead",
    "Evaluate",
    "Prepare",
    "Communicate",
];
const OBJECTS: &[&str] = &[
    "the work of your team",
    "resources for your area of responsibility",
    "health and safety at work",
    "customer service delivery",
    "learning and development opportunities",
    "information systems",
    "budgets and financial plans",
    "relationships with stakeholders",
    "quality standards",
    "change in your organisation",
];

/// A map of about `nodes` nodes: key areas of 6 functions holding 8 units each.
pub fn generated_map(nodes: usize) -> FunctionalMap {
    const FUNCTIONS: usize = 6;
    const UNITS: usize = 8;
    let per_area = 1 + FUNCTIONS + FUNCTIONS * UNITS;
    let areas = (nodes.saturating_sub(1) / per_area).max(1);
    let mut map = FunctionalMap::new(
        MapMeta::new(format!("Generated map of {nodes} nodes")),
        KeyPurpose::new("Enable organisations to achieve their objectives through skilled people"),
    );
    let mut next = map.next_free_id();
    let mut counter = 0usize;
    let title = |counter: &mut usize| {
        *counter += 1;
        let verb = VERBS[*counter % VERBS.len()];
        let object = OBJECTS[(*counter / VERBS.len()) % OBJECTS.len()];
        format!("{verb} {object} ({})", *counter)
    };
    let root = map.root();
    for a in 0..areas {
        let area = next;
        next = next.next();
        let code = format!("A{a}");
        map.insert_node(
            area,
            Node::Function(Function::new(&code, title(&mut counter))),
        );
        map.link(root, area, a);
        for f in 0..FUNCTIONS {
            let function = next;
            next = next.next();
            let node = Function::new(format!("{code}.{f}"), title(&mut counter));
            map.insert_node(function, Node::Function(node));
            map.link(area, function, f);
            for u in 0..UNITS {
                let id = next;
                next = next.next();
                let mut unit = Unit::new(format!("GEN{:05}", id.raw()), title(&mut counter));
                unit.performance_criteria = (1..=3)
                    .map(|i| Statement::item(format!("carry out step {i} safely")))
                    .collect();
                map.insert_node(id, Node::Unit(Box::new(unit)));
                map.link(function, id, u);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_maps_have_about_the_size_asked_for_and_are_sound() {
        for nodes in [1_000, 5_000, 20_000] {
            let map = generated_map(nodes);
            assert!(map.check_invariants().is_empty());
            let size = map.len();
            assert!(size <= nodes && size + 55 > nodes, "{size} for {nodes}");
        }
    }
}
