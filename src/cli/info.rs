//! `nosmap info FILE [--tree]`.

use super::{EXIT_ERROR, EXIT_OK, args::InfoArgs, print_error};
use crate::analysis::MapStats;
use crate::model::outline::outline;
use crate::model::{FunctionalMap, Node, NodeId};

pub fn run(args: &InfoArgs) -> u8 {
    let map = match super::load_map(&args.file) {
        Ok(map) => map,
        Err(error) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    let stats = MapStats::of(&map);
    out!("{} ({})", map.meta().title, args.file.display());
    out!("Key purpose: 1");
    for level in &stats.levels {
        out!("{} (level {}): {}", level.name, level.depth, level.count);
    }
    out!("NOS units: {}", stats.units);
    out!("Unit placements: {}", stats.placements);
    out!("Shared units: {}", stats.shared_units);
    out!("Performance criteria: {}", stats.performance_criteria);
    out!("Knowledge and understanding: {}", stats.knowledge);
    if args.tree {
        out!("");
        print_tree(&map);
    }
    EXIT_OK
}

/// The outline in map order, two spaces of indent per level; a shared unit under each parent.
fn print_tree(map: &FunctionalMap) {
    for row in outline(map) {
        let indent = "  ".repeat(row.depth);
        let number = if row.number.is_empty() {
            String::new()
        } else {
            format!("{}  ", row.number)
        };
        out!("{indent}{number}{}", node_line(map, row.node));
    }
}

/// A node as `info --tree` and `export --branch` suggestions show it: its code or URN, its
/// title and its id, two spaces apart (`A  Managing self and personal skills  (id 2)`).
pub(super) fn node_line(map: &FunctionalMap, id: NodeId) -> String {
    let Some(node) = map.node(id) else {
        return format!("(id {})", id.raw());
    };
    let name = match node {
        Node::Function(function) => function.code.trim(),
        Node::Unit(unit) => unit.urn.trim(),
        Node::KeyPurpose(_) => "",
    };
    let mut parts: Vec<String> = Vec::new();
    if !name.is_empty() {
        parts.push(name.to_string());
    }
    // One line per node, whatever the title holds.
    parts.push(
        node.title()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    );
    parts.push(format!("(id {})", id.raw()));
    parts.retain(|p| !p.is_empty());
    parts.join("  ")
}
