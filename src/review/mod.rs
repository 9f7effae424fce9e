//! Public review of a draft map: what reviewers can comment on, the forms that go out to them
//! and come back, and the working group's answers (the resolution matrix and the consultation
//! report). Comments themselves are model data (`model::Comment`, in each node's annotations);
//! this module reads and writes forms as bytes and never touches the file system.

pub mod groups;
pub mod items;

pub use groups::{CommentGroup, comment_groups};
pub use items::{ReviewItem, anchor_label, anchor_text, item_key, parse_item_key, review_items};
