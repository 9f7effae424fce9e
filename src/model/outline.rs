//! The map as a numbered outline (1, 1.2, 1.2.3), as functional analyses are presented.

use super::{FunctionalMap, NodeId};

/// One placement in the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineRow {
    /// Functional-analysis number: empty for the key purpose, then `1`, `1.2`, `1.2.3`.
    pub number: String,
    /// Levels below the key purpose.
    pub depth: usize,
    /// The parent of this placement.
    pub parent: Option<NodeId>,
    /// The node.
    pub node: NodeId,
}

/// Every placement in map order with its number (a shared unit once per placement).
pub fn outline(map: &FunctionalMap) -> Vec<OutlineRow> {
    let mut rows = Vec::with_capacity(map.len());
    let mut stack = vec![(map.root(), None, String::new(), 0usize)];
    while let Some((node, parent, number, depth)) = stack.pop() {
        for (i, &child) in map.children(node).iter().enumerate().rev() {
            let child_number = if number.is_empty() {
                format!("{}", i + 1)
            } else {
                format!("{number}.{}", i + 1)
            };
            stack.push((child, Some(node), child_number, depth + 1));
        }
        rows.push(OutlineRow {
            number,
            depth,
            parent,
            node,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Function, KeyPurpose, MapMeta};

    #[test]
    fn numbers_follow_the_tree() {
        let mut map = FunctionalMap::new(MapMeta::new("m"), KeyPurpose::new("k"));
        let root = map.root();
        let mut add = |parent, index| {
            let id = map.next_free_id();
            map.insert_node(id, Function::new("", "f").into());
            map.link(parent, id, index);
            id
        };
        let a = add(root, 0);
        let b = add(root, 1);
        let b1 = add(b, 0);
        let numbers: Vec<(NodeId, String)> = outline(&map)
            .into_iter()
            .map(|r| (r.node, r.number))
            .collect();
        assert_eq!(
            numbers,
            vec![
                (root, String::new()),
                (a, "1".into()),
                (b, "2".into()),
                (b1, "2.1".into())
            ]
        );
    }
}
