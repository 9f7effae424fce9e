//! Read-only questions about a map. Nothing here changes a map or fails.

pub mod checks;
pub mod diff;
pub mod outline;
mod stats;

pub use stats::{LevelCount, MapStats};
