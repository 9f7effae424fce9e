//! What is selected: placements (a node as drawn under one parent), so that a shared unit selected
//! under one function is deleted or moved from there only. The last one is the primary selection
//! that the inspector shows and the arrow keys move from.

use crate::model::{FunctionalMap, NodeId};

/// A node where it is drawn: under `parent` (`None` for the key purpose).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Placement {
    pub node: NodeId,
    pub parent: Option<NodeId>,
}

impl Placement {
    /// The node at its first placement (functions have only one).
    pub fn first(map: &FunctionalMap, node: NodeId) -> Self {
        Self {
            node,
            parent: map.parents(node).first().copied(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    items: Vec<Placement>,
}

impl Selection {
    pub fn primary(&self) -> Option<Placement> {
        self.items.last().copied()
    }

    pub fn items(&self) -> &[Placement] {
        &self.items
    }

    pub fn contains(&self, placement: Placement) -> bool {
        self.items.contains(&placement)
    }

    pub fn set(&mut self, placement: Option<Placement>) {
        self.items = placement.into_iter().collect();
    }

    /// Adds, or removes when already selected (Ctrl/Shift-click).
    pub fn toggle(&mut self, placement: Placement) {
        if let Some(at) = self.items.iter().position(|p| *p == placement) {
            self.items.remove(at);
        } else {
            self.items.push(placement);
        }
    }

    pub fn extend(&mut self, placements: impl IntoIterator<Item = Placement>) {
        for placement in placements {
            if !self.items.contains(&placement) {
                self.items.push(placement);
            }
        }
    }

    /// Drops placements the map no longer has (after undo, delete, reload).
    pub fn retain_existing(&mut self, map: &FunctionalMap) {
        self.items.retain(|p| match p.parent {
            None => p.node == map.root(),
            Some(parent) => map.index_in_parent(parent, p.node).is_some(),
        });
    }
}

/// Where the arrow keys go from a placement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Parent,
    FirstChild,
    PreviousSibling,
    NextSibling,
}

/// The placement one step away, if there is one.
pub fn step(map: &FunctionalMap, from: Placement, step: Step) -> Option<Placement> {
    match step {
        Step::Parent => from.parent.map(|parent| Placement::first(map, parent)),
        Step::FirstChild => map.children(from.node).first().map(|&child| Placement {
            node: child,
            parent: Some(from.node),
        }),
        Step::PreviousSibling | Step::NextSibling => {
            let parent = from.parent?;
            let siblings = map.children(parent);
            let index = siblings.iter().position(|&s| s == from.node)?;
            let to = if step == Step::NextSibling {
                index + 1
            } else {
                index.checked_sub(1)?
            };
            siblings.get(to).map(|&node| Placement {
                node,
                parent: Some(parent),
            })
        }
    }
}
