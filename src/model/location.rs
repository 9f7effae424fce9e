//! Where something is in a map: a node, and optionally one field or one statement of it.
//!
//! Check findings and find results carry a `Location`; diffs, analysis results and comments are
//! to carry one too. One function turns it into words (`describe_location`); the editor has one
//! function that selects and frames it.

use super::{FunctionalMap, Node, NodeId, StatementId};

/// What part of a node a location points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The node as a whole (its title, its place in the map).
    Whole,
    /// One field, by the name its file and spreadsheet column use (`overview`, `urn`).
    Field(&'static str),
    /// One statement or glossary entry of a unit, by id: it stays put when the list is reordered.
    Statement(StatementId),
}

/// A place in one map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub node: NodeId,
    pub part: Part,
}

impl Location {
    /// A node as a whole.
    pub fn node(node: NodeId) -> Self {
        Self {
            node,
            part: Part::Whole,
        }
    }

    /// One field of a node.
    pub fn field(node: NodeId, field: &'static str) -> Self {
        Self {
            node,
            part: Part::Field(field),
        }
    }

    /// One statement of a unit.
    pub fn statement(node: NodeId, statement: StatementId) -> Self {
        Self {
            node,
            part: Part::Statement(statement),
        }
    }

    /// The statement pointed at, if any.
    pub fn statement_id(&self) -> Option<StatementId> {
        match self.part {
            Part::Statement(id) => Some(id),
            _ => None,
        }
    }
}

/// How a node is named in a location: a unit by its URN, a function by its code, else the start
/// of its title in quotes.
fn short_name(node: &Node) -> String {
    let name = match node {
        Node::KeyPurpose(_) => return "Key purpose".to_string(),
        Node::Function(function) if !function.code.trim().is_empty() => {
            return function.code.trim().to_string();
        }
        Node::Unit(unit) if !unit.urn.trim().is_empty() => return unit.urn.trim().to_string(),
        other => other.title(),
    };
    const LONGEST: usize = 40;
    let name = name.trim();
    if name.chars().count() <= LONGEST {
        return format!("“{name}”");
    }
    let cut: String = name.chars().take(LONGEST).collect();
    format!("“{}…”", cut.trim_end())
}

impl FunctionalMap {
    /// A location in words: `M&L 2008 › B5 › P3`, `IT Users › “Use IT systems” › Overview`. A
    /// node or statement no longer in the map says so rather than pointing at something else.
    pub fn describe_location(&self, at: &Location) -> String {
        let title = self.display_title();
        let Some(node) = self.node(at.node) else {
            return format!("{title} › node {} (no longer in the map)", at.node.raw());
        };
        let node_name = short_name(node);
        let part = match at.part {
            Part::Whole => return format!("{title} › {node_name}"),
            Part::Field(field) => field_label(field),
            Part::Statement(id) => node
                .as_unit()
                .and_then(|unit| unit.statement_label(id))
                .unwrap_or_else(|| format!("statement {} (no longer in the unit)", id.raw())),
        };
        format!("{title} › {node_name} › {part}")
    }
}

/// `scope_range_performance` → `Scope range performance`.
pub fn field_label(field: &str) -> String {
    let words = field.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Function, KeyPurpose, MapMeta, Statement, Unit};

    #[test]
    fn locations_read_as_map_node_and_part() {
        let mut map = FunctionalMap::new(MapMeta::new("M&L 2008"), KeyPurpose::new("Lead"));
        let area = NodeId::from_raw(2);
        map.insert_node(area, Function::new("B", "Manage people").into());
        map.link(map.root(), area, 0);
        let mut unit = Unit::new("B5", "Lead your team");
        unit.performance_criteria = vec![Statement::item("agree goals"), Statement::item("review")];
        let id = NodeId::from_raw(3);
        map.insert_node(id, unit.into());
        map.link(area, id, 0);
        let second = map.unit(id).unwrap().performance_criteria[1].id;
        assert_eq!(
            map.describe_location(&Location::statement(id, second)),
            "M&L 2008 › B5 › P2"
        );
        assert_eq!(
            map.describe_location(&Location::field(id, "overview")),
            "M&L 2008 › B5 › Overview"
        );
        assert_eq!(map.describe_location(&Location::node(area)), "M&L 2008 › B");
        assert_eq!(
            map.describe_location(&Location::node(NodeId::from_raw(9))),
            "M&L 2008 › node 9 (no longer in the map)"
        );
    }
}
