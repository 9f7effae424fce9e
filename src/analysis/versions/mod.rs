//! Versions of a map: what changed between two (`compare`), in words (`report`), taking changes
//! from one version into a map (`take`), and a three-way merge (`merge`).

mod changes;
mod matching;
mod merge;
pub mod report;
mod statements;
mod take;

pub use changes::{Change, Comparison, Subject, compare};
pub use matching::{Matching, match_nodes};
pub use merge::{MergeConflict, Merged, merge};
pub use statements::StatementChange;
pub use take::{take, take_all};
