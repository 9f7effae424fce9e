//! Read-only questions about a map. Nothing here changes a map or fails.

pub mod checks;
pub mod diff;
mod stats;

pub use stats::{LevelCount, MapStats};
