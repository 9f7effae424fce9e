//! Read-only questions about a map. Nothing here changes a map or fails.

pub mod checks;
pub mod diff;
mod find;
mod lookup;
pub mod reuse;
pub mod similar;
mod stats;

pub use find::find;
pub use lookup::{closest_nodes, find_node};
pub use stats::{LevelCount, MapStats};
