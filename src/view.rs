//! View state: how a map is looked at, kept apart from what it says.
//!
//! Zoom, pan, folded branches, direction and presentation steps change while someone reads a map;
//! none of it is content, so none of it goes through the undo history or into the map file (it is
//! saved in a sidecar file, see `io::view_path`).

use std::collections::BTreeSet;

use crate::model::{FunctionalMap, NodeId};

/// Which way the tree grows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Key purpose on the left, units on the right: how published functional maps read.
    #[default]
    LeftToRight,
    /// Key purpose at the top.
    TopDown,
}

/// How the boxes are arranged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LayoutKind {
    /// Units flow into columns and branches wrap so the map takes the page's or window's shape.
    #[default]
    Compact,
    /// A tidy tree: every unit of a branch on one line, parents centred on their children.
    Tree,
}

/// One step of a workshop walkthrough: a node and how many levels below it to show.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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
    /// Compact or tidy tree.
    pub layout: LayoutKind,
    /// Walkthrough steps.
    pub presentation: Vec<PresentationStep>,
}

impl ViewState {
    /// Drops folds and walkthrough steps naming nodes the map does not hold (the map was edited
    /// without its view, or by an older build), returning a sentence for what went.
    pub fn retain_known(&mut self, map: &FunctionalMap) -> Vec<String> {
        let mut notes = Vec::new();
        let folds = self.folded.len();
        self.folded.retain(|&id| map.contains(id));
        if self.folded.len() < folds {
            notes.push(format!(
                "Forgot {} folded branch(es) of nodes no longer in the map.",
                folds - self.folded.len()
            ));
        }
        let steps = self.presentation.len();
        self.presentation.retain(|step| map.contains(step.node));
        if self.presentation.len() < steps {
            notes.push(format!(
                "Dropped {} walkthrough step(s) showing nodes no longer in the map.",
                steps - self.presentation.len()
            ));
        }
        notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeyPurpose, MapMeta};

    #[test]
    fn folds_and_steps_of_missing_nodes_are_dropped_with_a_note() {
        let map = FunctionalMap::new(MapMeta::new("M"), KeyPurpose::new("Do good work"));
        let gone = NodeId::from_raw(7);
        let step = |node| PresentationStep {
            node,
            depth: 1,
            notes: String::new(),
            hidden: false,
        };
        let mut view = ViewState {
            folded: BTreeSet::from([map.root(), gone]),
            presentation: vec![step(map.root()), step(gone)],
            ..ViewState::default()
        };
        let notes = view.retain_known(&map);
        assert_eq!(view.folded, BTreeSet::from([map.root()]));
        assert_eq!(view.presentation, [step(map.root())]);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(view.retain_known(&map).is_empty());
    }
}
