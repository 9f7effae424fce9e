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
pub use lookup::{closest_nodes, find_node};
pub use stats::{LevelCount, MapStats};
