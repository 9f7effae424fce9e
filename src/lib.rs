//! nosmap: a studio for the functional maps behind UK National Occupational Standards.
//!
//! Read in this order: [`model`] (the map), [`edit`] (the only way to change it), [`layout`]
//! (map → Scene), [`analysis`] (counts), [`io`] (files; the only module that touches the disk),
//! then the shells: `cli` and, with the `gui` feature, `app`.

pub mod analysis;
pub mod cli;
pub mod edit;
pub mod generate;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod view;
pub mod walkthrough;

#[cfg(feature = "gui")]
pub mod app;
