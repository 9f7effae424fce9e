//! Stable, app-level identity of the nodes of a map.
//!
//! Ids are written to files, kept in the undo history, the selection, the view state and the
//! clipboard. Petgraph's indices never leave `model::hierarchy`: a `StableGraph` reuses freed
//! slots, so an index could come back attached to a different node.

use std::fmt;

/// Identifies a key purpose, function or NOS unit within one map. Never reused while the node it
/// names can still come back through undo.
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
