//! nosmap: a studio for the functional maps behind UK National Occupational Standards.
//!
//! Read in this order: [`model`] (the map), [`edit`] (the only way to change it, with its one
//! undo history), [`layout`] (map → Scene), [`render`] (Scene and map → SVG, PNG, PDF, DOT, unit
//! specifications), [`analysis`] (read-only questions: counts, quality checks, find, lookup,
//! diffs), [`io`] (files; the only module that touches the disk), [`view`] and [`walkthrough`]
//! (view state and workshop steps), [`generate`] (synthetic maps for benchmarks), then the
//! shells: [`cli`] and, with the `gui` feature, `app` (the egui editor). ARCHITECTURE.md has the
//! full map of the code.

pub mod analysis;
pub mod cli;
pub mod edit;
pub mod generate;
pub mod io;
pub mod layout;
pub mod model;
pub mod render;
pub mod review;
pub mod view;
pub mod walkthrough;

#[cfg(feature = "gui")]
pub mod app;
