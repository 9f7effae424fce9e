//! Stable, app-level identity of the nodes of a map.
//!
//! Ids are written to files, kept in the undo history, the selection, the view state and the
//! clipboard. Petgraph's indices never leave `model::hierarchy`: a `StableGraph` reuses freed
//! slots, so an index could come back attached to a different node.

use std::fmt;

/// Identifies a key purpose, function or NOS unit within one map. Never given to two nodes in a
/// map's life: the map keeps a high-water mark (saved in its file), so a deleted node's id stays
/// retired after undo, paste and reload.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(u64);

impl NodeId {
    /// Wraps a raw id read from a file or made by [`crate::model::FunctionalMap::next_free_id`].
    pub const fn from_raw(raw: u64) -> Self {
        Self(raw)
    }

    /// The number written to files.
    pub const fn raw(self) -> u64 {
        self.0
    }

    /// The id after this one.
    pub const fn next(self) -> Self {
        Self(self.0 + 1)
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// Identifies one statement of a unit (a performance criterion, a knowledge item, a scope, value,
/// behaviour or skill item, a heading, a glossary entry). Unique in its map and never given to
/// another statement: reordering keeps it, a paste makes new ones, numbering (P1, K2) is derived.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StatementId(u64);

impl StatementId {
    /// The id of a statement written but not yet in a map: the map gives it a fresh id when the
    /// edit that adds it is applied (see [`crate::edit::Document::apply`]).
    pub const UNASSIGNED: Self = Self(0);

    /// Wraps a raw id read from a file or made by
    /// [`crate::model::FunctionalMap::next_statement_id`].
    pub const fn from_raw(raw: u64) -> Self {
        Self(raw)
    }

    /// The number written to files.
    pub const fn raw(self) -> u64 {
        self.0
    }

    /// The id after this one.
    pub const fn next(self) -> Self {
        Self(self.0 + 1)
    }

    /// False until a map has given the statement its id.
    pub const fn is_assigned(self) -> bool {
        self.0 != 0
    }
}

impl fmt::Display for StatementId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{}", self.0)
    }
}
