//! Public review of a draft map: what reviewers can comment on, the forms that go out to them
//! and come back, and the working group's answers (the resolution matrix and the consultation
//! report). Comments themselves are model data (`model::Comment`, in each node's annotations);
//! this module reads and writes forms as bytes and never touches the file system.

pub mod docx;
pub mod form;
pub mod groups;
pub mod import;
pub mod items;
pub mod listing;
pub mod matrix;
pub mod pack;
pub mod report;

pub use docx::review_docx;
pub use groups::{CommentGroup, comment_groups};
pub use items::{ReviewItem, anchor_label, anchor_text, item_key, parse_item_key, review_items};
pub use listing::{CommentRow, comment_rows};
