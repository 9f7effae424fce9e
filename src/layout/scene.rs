//! The Scene: everything a drawing needs, already positioned. The canvas and every exporter draw
//! it as it is.

use super::geometry::{Point, Rect};
use super::text::FontWeight;
use crate::model::{NodeId, Rgb};
use crate::view::Direction;

/// A laid-out map.
#[derive(Clone, Debug, Default)]
pub struct Scene {
    /// Everything drawn, margin included; starts at (0, 0).
    pub bounds: Rect,
    /// Which way the tree grows.
    pub direction: Direction,
    /// Boxes in depth-first order from the key purpose (a shared unit once per placement).
    pub boxes: Vec<SceneBox>,
    /// Parent → child connectors.
    pub connectors: Vec<Connector>,
    /// What the boxes were measured from, for laying out again (`layout::relayout`); not part
    /// of what the Scene shows.
    pub(super) provenance: Option<Box<super::Provenance>>,
}

impl PartialEq for Scene {
    /// Two Scenes are equal when they draw the same.
    fn eq(&self, other: &Self) -> bool {
        self.bounds == other.bounds
            && self.direction == other.direction
            && self.boxes == other.boxes
            && self.connectors == other.connectors
    }
}

impl Scene {
    /// The connectors that may cross `region` (their two boxes' extent overlaps it): what the
    /// canvas and a PDF page need to draw.
    pub fn connectors_crossing<'a>(
        &'a self,
        region: &'a Rect,
    ) -> impl Iterator<Item = &'a Connector> + 'a {
        self.connectors.iter().filter(move |connector| {
            match (self.boxes.get(connector.from), self.boxes.get(connector.to)) {
                (Some(from), Some(to)) => from.rect.union(&to.rect).overlaps(region),
                _ => false,
            }
        })
    }
}

/// What a box stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoxKind {
    KeyPurpose,
    /// A function at this depth (1 = key area).
    Function {
        depth: usize,
    },
    Unit,
}

/// One node at one placement.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneBox {
    /// The node drawn.
    pub node: NodeId,
    /// The parent of this placement (`None` for the key purpose).
    pub parent: Option<NodeId>,
    /// What the node is.
    pub kind: BoxKind,
    /// Outline.
    pub rect: Rect,
    /// Background colour.
    pub fill: Rgb,
    /// Outline colour.
    pub stroke: Rgb,
    /// Outline width.
    pub stroke_width: f32,
    /// Corner radius.
    pub corner_radius: f32,
    /// Text lines, top to bottom.
    pub lines: Vec<TextLine>,
    /// Markers drawn on the box.
    pub badges: Vec<Badge>,
}

/// One line of text, measured and placed.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    /// The words.
    pub text: String,
    /// Left end of the baseline.
    pub origin: Point,
    /// The line's extent: measured width, and from the top of the line to the bottom.
    pub rect: Rect,
    /// Font size in scene units.
    pub size: f32,
    /// Regular or bold.
    pub weight: FontWeight,
    /// Text colour.
    pub colour: Rgb,
}

/// Why a badge is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BadgeKind {
    /// The unit is placed in this many places.
    Shared { placements: usize },
    /// The branch is folded, hiding this many boxes.
    Folded { hidden: usize },
    /// Agreed in a workshop.
    Agreed,
    /// A workshop asked for more discussion.
    NeedsDiscussion,
    /// Workshop votes.
    Votes { votes_for: u32, votes_against: u32 },
    /// Reviewers' comments not yet answered.
    Comments { open: usize },
}

/// A small labelled marker inside a box.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub kind: BadgeKind,
    pub rect: Rect,
    pub fill: Rgb,
    pub label: TextLine,
}

/// An orthogonal line from a parent box to a child box.
#[derive(Clone, Debug, PartialEq)]
pub struct Connector {
    /// Index of the parent in `Scene::boxes`.
    pub from: usize,
    /// Index of the child in `Scene::boxes`.
    pub to: usize,
    /// Polyline from the parent's edge to the child's edge.
    pub points: Vec<Point>,
    /// Line colour.
    pub colour: Rgb,
}
