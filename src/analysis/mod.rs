//! Questions about maps. Nothing here changes a map or fails, except `versions::take`, which
//! turns chosen changes into edits through a `Document`.

pub mod checks;
pub mod diff;
mod find;
mod lookup;
pub mod reuse;
pub mod similar;
mod stats;
pub mod versions;

pub use find::find;

/// The text with its first letter in capitals (a sentence that starts with a name).
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
pub use lookup::{closest_nodes, find_node};
pub use stats::{LevelCount, MapStats, StatsCache};
