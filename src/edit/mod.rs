//! Edits and history: the only way to change a map.
//!
//! An [`Edit`] is data; [`apply`] checks it against the rules of functional maps and returns its
//! inverse. [`Document`] owns a map and its one history (undo, redo, transactions, saved marker).

mod apply;
pub mod clipboard;
mod command;
mod error;
mod history;
pub mod ops;

pub use apply::apply;
pub use command::{Branch, Edit};
pub use error::EditError;
pub use history::{DEFAULT_UNDO_LIMIT, Document, SavePoint};
