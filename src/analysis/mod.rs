//! Read-only questions about a map. Nothing here changes a map or fails.

pub mod checks;
mod stats;

pub use stats::{LevelCount, MapStats};
