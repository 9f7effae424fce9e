//! Why an edit was refused, in words a working-group member understands.

use thiserror::Error;

use crate::model::{NodeId, StatementId};

/// An edit that breaks a rule of functional maps. A refused edit changes nothing.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum EditError {
    /// The id names nothing in the map.
    #[error("node {0} is not in the map")]
    UnknownNode(NodeId),
    /// Adding a node with an id the map already uses.
    #[error("id {0} is already used in the map")]
    IdInUse(NodeId),
    /// A second key purpose.
    #[error("a map has exactly one key purpose at its root; a second one cannot be added")]
    SecondRoot,
    /// Moving, removing or placing the key purpose, or putting something above it.
    #[error(
        "the key purpose is the top of the map: nothing can go above it, and it cannot be moved or removed"
    )]
    AboveKeyPurpose,
    /// Something that would sit deeper than a map may reach.
    #[error(
        "{node} would reach {depth} levels below the key purpose; a map holds at most {limit} levels"
    )]
    TooDeep {
        node: String,
        depth: usize,
        limit: usize,
    },
    /// A child under a unit.
    #[error("{unit} is a leaf of the map: nothing can be placed under a NOS unit")]
    ChildUnderUnit { unit: String },
    /// A move under the node's own branch.
    #[error(
        "{node} cannot go under {target}, which is inside its own branch: that would make a cycle"
    )]
    Cycle { node: String, target: String },
    /// A unit placed twice under the same parent.
    #[error("{unit} is already placed under {parent}")]
    DuplicatePlacement { unit: String, parent: String },
    /// Only units can have several parents.
    #[error("{node} is a function: only NOS units can be placed in more than one place")]
    OnlyUnitsShare { node: String },
    /// The child is not under that parent.
    #[error("{child} is not placed under {parent}")]
    NotAChild { child: String, parent: String },
    /// A list position past the end.
    #[error("position {index} is past the end of {what} ({len} entries)")]
    IndexOutOfRange {
        what: String,
        index: usize,
        len: usize,
    },
    /// Changing a node's kind through a field edit.
    #[error("{node} cannot change into a different kind of node")]
    KindMismatch { node: String },
    /// A unit-only edit on something else.
    #[error("{node} is not a NOS unit")]
    NotAUnit { node: String },
    /// A statement id the unit does not hold.
    #[error("statement {statement} is not in {list} of {unit}")]
    UnknownStatement {
        statement: StatementId,
        list: String,
        unit: String,
    },
    /// Two statements of a unit under one id.
    #[error("{unit} would hold two statements with the id {statement}")]
    DuplicateStatementId {
        statement: StatementId,
        unit: String,
    },
    /// Removing a statement a merge conflict is about.
    #[error(
        "{statement} of {unit} has a merge conflict: settle it first (keep ours or take theirs, in the problems panel)"
    )]
    StatementInConflict { statement: String, unit: String },
    /// A node recording a merge conflict on a statement it does not hold.
    #[error(
        "{node} would record a merge conflict on statement {statement}, which it does not hold"
    )]
    ConflictWithoutStatement {
        statement: StatementId,
        node: String,
    },
    /// A branch whose parts do not join up.
    #[error("the branch to insert is malformed: {0}")]
    MalformedBranch(String),
    /// The map was opened as a read-only reference; the sentence says why.
    #[error("{0}")]
    ReadOnly(String),
    /// An editor command that does not apply here (promote at the top level, nothing to paste…).
    #[error("{0}")]
    NotPossible(String),
}
