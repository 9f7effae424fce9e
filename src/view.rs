//! View state: how a map is looked at, kept apart from what it says.
//!
//! Zoom, pan, folded branches, direction and presentation steps change while someone reads a map;
//! none of it is content, so none of it goes through the undo history or into the map file (it is
//! saved in a sidecar file, see `io::view_path`).

use std::collections::BTreeSet;

use crate::model::NodeId;

/// Which way the tree grows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Key purpose on the left, units on the right: how published functional maps read.
    #[default]
    LeftToRight,
    /// Key purpose at the top.
    TopDown,
}

/// One step of a workshop walkthrough: a node and how many levels below it to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresentationStep {
    /// The node the step frames.
    pub node: NodeId,
    /// Levels shown below it.
    pub depth: u32,
    /// Presenter's notes.
    pub notes: String,
    /// Skipped when presenting.
    pub hidden: bool,
}

/// A remembered camera: zoom and the map point in the middle of the window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewCamera {
    /// Zoom factor, 1.0 = 100 %.
    pub zoom: f32,
    /// Centre of the view in scene coordinates.
    pub centre: [f32; 2],
}

/// Everything about looking at a map that is not the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    /// Where the window was looking when the map was last saved; `None` shows the whole map.
    pub camera: Option<ViewCamera>,
    /// Nodes whose branches are folded.
    pub folded: BTreeSet<NodeId>,
    /// Layout direction.
    pub direction: Direction,
    /// Walkthrough steps.
    pub presentation: Vec<PresentationStep>,
}
