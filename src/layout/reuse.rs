//! Laying out again after a change: the boxes of nodes that did not change are taken from the
//! previous Scene rather than measured again.
//!
//! A box is taken when the previous Scene was laid out from the same map (its lineage, see
//! [`crate::model::Stamp`]) with the same metadata and the same measuring style, and its node
//! has not changed since (by its revision, never by hashing its content), at the same
//! placement, level and folded count. Everything a box shows comes from its node, its parents
//! (which tick the node when they change), the metadata and the style, so such a box is the box
//! measuring would give. Its text positions are set back from the offsets measuring recorded,
//! so the result equals a fresh layout to the last bit.

use std::collections::HashMap;

use super::scene::{BadgeKind, SceneBox};
use super::{Entry, LayoutStyle, Point};
use crate::model::{FunctionalMap, NodeId, Stamp};

/// What a Scene was measured from, and where each box's text sits inside it.
#[derive(Clone, Debug)]
pub(super) struct Provenance {
    pub stamp: Stamp,
    /// The style as measuring saw it (the target shape, which only placing uses, left out).
    pub style: LayoutStyle,
    pub offsets: Offsets,
    /// What the compact layout's search worked out, for the next search of the same tree.
    pub search: super::compact::SearchCache,
    /// The placements laid out, and what decides them besides the map's structure.
    pub tree: Option<(Tree, Vec<Entry>)>,
    /// How the boxes were placed: direction, arrangement and the target shape (its bits).
    pub arranged: Arranged,
    /// Every placement of the map, unfolded (for a Scene of the whole map), and the row of
    /// each box in it.
    pub unfolded: Option<(super::placements::Unfolded, Vec<usize>)>,
}

/// What placing measured boxes depends on besides their sizes and the measuring style.
pub(super) type Arranged = (super::Direction, super::LayoutKind, u32);

/// What the placements of a Scene follow from: the map's structure (by its stamp), the folded
/// branches and the scope.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Tree {
    lineage: u64,
    structure: u64,
    folded: std::collections::BTreeSet<NodeId>,
    scope: super::Scope,
}

impl Tree {
    pub fn of(map: &FunctionalMap, view: &super::ViewState, scope: &super::Scope) -> Self {
        let stamp = map.stamp();
        Self {
            lineage: stamp.lineage,
            structure: stamp.structure,
            folded: view.folded.clone(),
            scope: *scope,
        }
    }
}

impl Provenance {
    /// The style as measuring sees it.
    pub fn measuring(style: &LayoutStyle) -> LayoutStyle {
        LayoutStyle {
            target_aspect: 1.0,
            ..style.clone()
        }
    }
}

/// For every box, in order, the coordinates of its lines and badges at the origin, one flat list
/// for the whole Scene.
#[derive(Clone, Debug, Default)]
pub(super) struct Offsets {
    values: Vec<f32>,
    /// Where each box's values start; one more than there are boxes.
    start: Vec<usize>,
    /// Boxes not to take again: units the compact layout measured at another width.
    other_width: std::collections::HashSet<usize>,
}

impl Offsets {
    pub fn with_capacity(boxes: usize) -> Self {
        let mut start = Vec::with_capacity(boxes + 1);
        start.push(0);
        Self {
            values: Vec::with_capacity(boxes * 16),
            start,
            other_width: std::collections::HashSet::new(),
        }
    }

    /// Box `index` was replaced by one measured at another width.
    pub fn measured_at_other_width(&mut self, index: usize) {
        self.other_width.insert(index);
    }

    /// Records a box measured at the origin.
    pub fn push(&mut self, measured: &SceneBox) {
        for line in &measured.lines {
            self.values
                .extend([line.rect.x, line.rect.y, line.origin.x, line.origin.y]);
        }
        for badge in &measured.badges {
            self.values.extend([
                badge.rect.x,
                badge.rect.y,
                badge.label.rect.x,
                badge.label.rect.y,
                badge.label.origin.x,
                badge.label.origin.y,
            ]);
        }
        self.start.push(self.values.len());
    }

    /// Records box `index` again, now measured as `measured`.
    fn replace(&mut self, index: usize, measured: &SceneBox) {
        let mut one = Offsets::with_capacity(1);
        one.push(measured);
        let (start, end) = (self.start[index], self.start[index + 1]);
        if end - start == one.values.len() {
            self.values[start..end].copy_from_slice(&one.values);
            return;
        }
        let grown = one.values.len() as isize - (end - start) as isize;
        self.values.splice(start..end, one.values);
        for later in &mut self.start[index + 1..] {
            *later = (*later as isize + grown) as usize;
        }
    }

    /// Records box `index` of `other` again.
    fn push_from(&mut self, other: &Offsets, index: usize) {
        self.values
            .extend_from_slice(&other.values[other.start[index]..other.start[index + 1]]);
        self.start.push(self.values.len());
    }

    /// Puts a placed box back at the origin, as it was measured (box `index`).
    pub fn restore(&self, index: usize, placed: &mut SceneBox) {
        let mut values = self.values[self.start[index]..self.start[index + 1]].iter();
        let mut next = || values.next().copied().unwrap_or_default();
        placed.rect.x = 0.0;
        placed.rect.y = 0.0;
        for line in &mut placed.lines {
            (line.rect.x, line.rect.y) = (next(), next());
            line.origin = Point {
                x: next(),
                y: next(),
            };
        }
        for badge in &mut placed.badges {
            (badge.rect.x, badge.rect.y) = (next(), next());
            (badge.label.rect.x, badge.label.rect.y) = (next(), next());
            badge.label.origin = Point {
                x: next(),
                y: next(),
            };
        }
    }
}

/// The boxes of a previous Scene that may be taken again, by placement.
pub(super) struct Previous {
    since: u64,
    /// The previous Scene's boxes, as placed.
    placed: Vec<SceneBox>,
    /// The same, made takeable one by one the first time one is taken.
    boxes: Vec<Option<SceneBox>>,
    bounds: super::Rect,
    connectors: Vec<super::Connector>,
    arranged: Arranged,
    offsets: Offsets,
    /// Placement → index, made the first time the boxes are not in the same order.
    index: Option<HashMap<(Option<NodeId>, NodeId), usize>>,
    search: super::compact::SearchCache,
    tree: Option<(Tree, Vec<Entry>)>,
    unfolded: Option<(super::placements::Unfolded, Vec<usize>)>,
    /// For each row of `unfolded`, the previous box there (`usize::MAX`: none), made the first
    /// time a box is looked up by row.
    box_of_row: Vec<usize>,
    /// Nodes changed since the previous Scene, sorted; listed the first time a box is taken.
    changed: Option<Vec<NodeId>>,
}

impl Previous {
    /// What can be taken from `scene` for `map` measured in `style`; none when the map, its
    /// metadata or the style differ, or outline numbers are shown (they change with the
    /// structure, not with a node).
    pub fn of(scene: super::Scene, map: &FunctionalMap, style: &LayoutStyle) -> Option<Self> {
        let provenance = *scene.provenance?;
        let now = map.stamp();
        let same = provenance.stamp.lineage == now.lineage
            && provenance.stamp.meta == now.meta
            && provenance.stamp.at <= now.at
            && !style.show_numbers
            && provenance.style == Provenance::measuring(style);
        same.then(|| Self {
            since: provenance.stamp.at,
            placed: scene.boxes,
            boxes: Vec::new(),
            bounds: scene.bounds,
            connectors: scene.connectors,
            arranged: provenance.arranged,
            offsets: provenance.offsets,
            index: None,
            search: provenance.search,
            tree: provenance.tree,
            unfolded: provenance.unfolded,
            box_of_row: Vec::new(),
            changed: None,
        })
    }

    /// The unfolded placements of the previous Scene, when they are `map`'s now.
    pub fn unfolded_of(&self, map: &FunctionalMap) -> Option<super::placements::Unfolded> {
        self.unfolded
            .as_ref()
            .map(|(unfolded, _)| unfolded)
            .filter(|unfolded| unfolded.is_of(map))
            .cloned()
    }

    /// The row in the unfolded placements of each previous box.
    pub fn rows(&self) -> Option<&[usize]> {
        self.unfolded.as_ref().map(|(_, rows)| rows.as_slice())
    }

    /// The placements laid out before, when they follow from the same `tree`.
    pub fn entries_of(&mut self, tree: &Tree) -> Option<Vec<Entry>> {
        match self.tree.take() {
            Some((before, entries)) if before == *tree => Some(entries),
            _ => None,
        }
    }

    /// For the same placements as before (`entries`, from [`Previous::entries_of`]): every box
    /// of the previous Scene, where it was, but those of nodes changed since, measured again by
    /// `measure` (at the origin); and, when those came out the same size and the boxes are placed
    /// as before (`arranged`), the previous placing to keep. `None` when some box was measured at
    /// another width (a small map's compact layout), which this does not follow.
    pub fn all_boxes(
        &mut self,
        entries: &[Entry],
        map: &FunctionalMap,
        arranged: Arranged,
        mut measure: impl FnMut(&Entry) -> SceneBox,
    ) -> Option<AllBoxes> {
        if !self.offsets.other_width.is_empty() || self.placed.len() != entries.len() {
            return None;
        }
        let changed: std::collections::HashSet<NodeId> = map.changed_since(self.since).collect();
        let mut boxes = std::mem::take(&mut self.placed);
        let mut offsets = std::mem::take(&mut self.offsets);
        let mut placed = vec![true; entries.len()];
        let mut moved_back = Vec::new();
        let mut resized = false;
        if !changed.is_empty() {
            for (i, entry) in entries.iter().enumerate() {
                if !changed.contains(&entry.node) {
                    continue;
                }
                let measured = measure(entry);
                let old = &boxes[i].rect;
                resized |= old.width.to_bits() != measured.rect.width.to_bits()
                    || old.height.to_bits() != measured.rect.height.to_bits();
                moved_back.push((i, old.x, old.y));
                offsets.replace(i, &measured);
                boxes[i] = measured;
                placed[i] = false;
            }
        }
        let keep = !resized && arranged == self.arranged;
        let placing = keep.then(|| KeptPlacing {
            bounds: self.bounds,
            connectors: std::mem::take(&mut self.connectors),
            moved_back,
        });
        Some(AllBoxes {
            boxes,
            offsets,
            placed,
            placing,
        })
    }

    /// The search the previous compact layout kept, and whether it searched the same placements.
    pub fn into_search(self) -> super::compact::SearchCache {
        self.search
    }

    /// The box measured before for `entry`, when its node has not changed, still where the
    /// previous Scene placed it (placing puts it back at the origin unless it stays put); its
    /// offsets are recorded in `offsets`.
    pub fn take(
        &mut self,
        (at, row): (usize, Option<usize>),
        entry: &Entry,
        map: &FunctionalMap,
        offsets: &mut Offsets,
    ) -> Option<SceneBox> {
        let changed = self.changed.get_or_insert_with(|| {
            let mut changed: Vec<NodeId> = map.changed_since(self.since).collect();
            changed.sort_unstable();
            changed
        });
        if changed.binary_search(&entry.node).is_ok() {
            return None;
        }
        if self.boxes.is_empty() {
            self.boxes = std::mem::take(&mut self.placed)
                .into_iter()
                .map(Some)
                .collect();
        }
        let same_place = |b: &Option<SceneBox>| {
            b.as_ref()
                .is_some_and(|b| b.node == entry.node && b.parent == entry.parent)
        };
        let by_row = match (&self.unfolded, row) {
            (Some((unfolded, rows)), Some(row)) if unfolded.len() > row => {
                if self.box_of_row.is_empty() {
                    self.box_of_row = vec![usize::MAX; unfolded.len()];
                    for (index, &r) in rows.iter().enumerate() {
                        if let Some(slot) = self.box_of_row.get_mut(r) {
                            *slot = index;
                        }
                    }
                }
                Some(self.box_of_row[row])
            }
            _ => None,
        };
        let index = if self.boxes.get(at).is_some_and(same_place) {
            at
        } else if let Some(index) = by_row {
            index
        } else {
            let boxes = &self.boxes;
            let index = self.index.get_or_insert_with(|| {
                boxes
                    .iter()
                    .enumerate()
                    .filter_map(|(i, b)| b.as_ref().map(|b| ((b.parent, b.node), i)))
                    .collect()
            });
            *index.get(&(entry.parent, entry.node))?
        };
        let candidate = self.boxes.get(index)?.as_ref()?;
        if candidate.node != entry.node || candidate.parent != entry.parent {
            return None;
        }
        let hidden = candidate
            .badges
            .iter()
            .find_map(|b| match b.kind {
                BadgeKind::Folded { hidden } => Some(hidden),
                _ => None,
            })
            .unwrap_or(0);
        if candidate.kind != entry.kind
            || hidden != entry.hidden
            || self.offsets.other_width.contains(&index)
        {
            return None;
        }
        let taken = self.boxes[index].take()?;
        offsets.push_from(&self.offsets, index);
        Some(taken)
    }
}

/// Every box of a Scene laid out again with the same placements ([`Previous::all_boxes`]).
pub(super) struct AllBoxes {
    pub boxes: Vec<SceneBox>,
    pub offsets: Offsets,
    /// Which boxes are where the previous Scene placed them (the others are at the origin).
    pub placed: Vec<bool>,
    /// The previous placing, when nothing changed size and the boxes are placed as before.
    pub placing: Option<KeptPlacing>,
}

/// A previous Scene's placing, kept: its extent and connectors, and where each box measured
/// again goes back to.
#[derive(Clone, Debug)]
pub(super) struct KeptPlacing {
    pub bounds: super::Rect,
    pub connectors: Vec<super::Connector>,
    /// `(box, x, y)`: the box's place.
    pub moved_back: Vec<(usize, f32, f32)>,
}
