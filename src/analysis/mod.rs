//! Read-only questions about a map. Nothing here changes a map or fails.

pub mod checks;
pub mod diff;
mod find;
pub mod outline;
mod stats;

pub use find::find;
pub use stats::{LevelCount, MapStats};
