//! What changed between two versions of a map, in words (for crash recovery and reloads).

use crate::model::FunctionalMap;

/// The changes from `old` to `new`: how many, and a line for each of the first `limit`.
pub fn describe_changes(
    old: &FunctionalMap,
    new: &FunctionalMap,
    limit: usize,
) -> (usize, Vec<String>) {
    let mut lines = Vec::new();
    if old.meta() != new.meta() {
        lines.push("changed the map settings".to_string());
    }
    for (id, node) in new.nodes() {
        match old.node(id) {
            None => lines.push(format!("added {}", node.describe())),
            Some(before) if before != node || old.children(id) != new.children(id) => {
                lines.push(format!("changed {}", node.describe()));
            }
            Some(_) => {}
        }
    }
    for (id, node) in old.nodes() {
        if !new.contains(id) {
            lines.push(format!("removed {}", node.describe()));
        }
    }
    let total = lines.len();
    lines.truncate(limit);
    (total, lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Document, Edit};
    use crate::model::{Function, KeyPurpose, MapMeta};

    #[test]
    fn lists_additions_changes_and_removals() {
        let old = FunctionalMap::new(MapMeta::new("Map"), KeyPurpose::new("Do good work"));
        let mut doc = Document::new(old.clone());
        let root = old.root();
        let id = doc.map().next_free_id();
        let node = Function::new("A", "Plan work").into();
        doc.apply(
            "add",
            Edit::AddNode {
                id,
                parent: root,
                index: 0,
                node,
            },
        )
        .unwrap();
        let (total, lines) = describe_changes(&old, doc.map(), 10);
        assert_eq!(total, 2, "{lines:?}");
        assert!(lines.contains(&"added function A “Plan work”".to_string()));
        assert!(lines.contains(&"changed the key purpose".to_string()));
        let (total, lines) = describe_changes(doc.map(), &old, 1);
        assert_eq!((total, lines.len()), (2, 1));
        assert_eq!(describe_changes(&old, &old, 5).0, 0);
    }
}
