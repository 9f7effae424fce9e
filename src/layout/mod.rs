//! Map → Scene: a deterministic tidy-tree layout with every text line measured and placed.
//!
//! The same map, view and style always give the same Scene. Nothing downstream lays anything out
//! again: the canvas and the exporters draw `Scene::boxes`, their `lines` and `badges`, and the
//! `connectors`, with the bundled font of [`text`].

mod compact;
mod geometry;
mod placements;
mod reuse;
mod scene;
mod style;
mod text;
mod tidy;

pub use geometry::{Point, Rect};
use reuse::Provenance;
pub use scene::{Badge, BadgeKind, BoxKind, Connector, Scene, SceneBox, TextLine};
pub use style::{Colouring, LayoutStyle, LevelStyle};
pub use text::{BOLD_TTF, FONT_FAMILY, FontWeight, Fonts, REGULAR_TTF};

use crate::model::{Disposition, FunctionalMap, Node, NodeId, Rgb, StatementList, Verdict};
use crate::view::{Direction, LayoutKind, ViewState};

/// One placement to draw, before positioning.
#[derive(Clone, Debug)]
struct Entry {
    node: NodeId,
    parent: Option<NodeId>,
    kind: BoxKind,
    children: Vec<usize>,
    hidden: usize,
}

/// Which part of a map a Scene shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Show only this node's branch (`None`: the whole map from the key purpose).
    pub branch: Option<NodeId>,
    /// Show only this many levels below the top of the scene (0: the top alone).
    pub max_depth: Option<usize>,
    /// Show only the top's children from the first index to before the second (a page of a
    /// workshop step); the others are left out, not counted as folded.
    pub children: Option<(usize, usize)>,
}

/// Lays out `map` as seen through `view` (direction, folded branches).
pub fn layout(map: &FunctionalMap, view: &ViewState, style: &LayoutStyle) -> Scene {
    layout_scoped(map, view, style, &Scope::default())
}

/// Lays out `map` again, taking from `previous` (laid out from this map before) the measured
/// boxes of nodes that have not changed since. Equal to [`layout`], only faster.
pub fn relayout(
    map: &FunctionalMap,
    view: &ViewState,
    style: &LayoutStyle,
    previous: Scene,
) -> Scene {
    let previous = reuse::Previous::of(previous, map, style);
    arrange(
        measure_with(map, view, style, &Scope::default(), previous),
        view,
        style,
    )
}

/// Lays out a part of `map`: one branch, down to a depth. What is cut off is counted on the box
/// above it, as a folded branch is.
pub fn layout_scoped(
    map: &FunctionalMap,
    view: &ViewState,
    style: &LayoutStyle,
    scope: &Scope,
) -> Scene {
    arrange(measure(map, view, style, scope), view, style)
}

/// Boxes measured but not yet placed: the text of every box set in the bundled font, wrapped to
/// its width. The first half of [`layout`]; most of its time for big maps.
#[derive(Clone, Debug)]
pub struct Measured {
    entries: Vec<Entry>,
    boxes: Vec<SceneBox>,
    /// For the compact layout: the unit boxes measured again at other widths (entry index and
    /// box), so the arrangement can pick the width that fills the target best.
    other_unit_widths: Vec<Vec<(usize, SceneBox)>>,
    provenance: reuse::Provenance,
    /// Boxes taken from the previous Scene, still where it placed them (the others are at the
    /// origin).
    placed: Vec<bool>,
    /// The previous Scene's placing, when it still holds (see [`reuse::Previous::all_boxes`]).
    placing: Option<reuse::KeptPlacing>,
    /// What the compact layout's search kept from the previous Scene was made for: the same
    /// placements, or another folding of the same map (`provenance.unfolded` holds the rows).
    search_for: Option<SearchFor>,
}

#[derive(Clone, Copy, Debug)]
enum SearchFor {
    SameTree,
    SameRows,
}

/// From this many boxes, a layout with nothing to take from a previous Scene measures them on
/// every core.
const MEASURED_IN_PARALLEL_FROM: usize = 2_000;

/// Unit widths the compact layout also tries, as factors of the style's.
const OTHER_UNIT_WIDTHS: [f32; 9] = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.1, 1.2, 1.3];
/// Above this many unit boxes the compact layout keeps the style's unit width: measuring text is
/// most of a big map's layout time, and a map that size is read on screen or over many pages.
const MOST_UNITS_FOR_OTHER_WIDTHS: usize = 300;

/// Measures and wraps the text of every box to draw.
pub fn measure(
    map: &FunctionalMap,
    view: &ViewState,
    style: &LayoutStyle,
    scope: &Scope,
) -> Measured {
    measure_with(map, view, style, scope, None)
}

fn measure_with(
    map: &FunctionalMap,
    view: &ViewState,
    style: &LayoutStyle,
    scope: &Scope,
    mut previous: Option<reuse::Previous>,
) -> Measured {
    let fonts = Fonts::bundled();
    let tree = reuse::Tree::of(map, view, scope);
    let kept = previous.as_mut().and_then(|p| p.entries_of(&tree));
    let same_tree = kept.is_some();
    // A Scene of the whole map filters the map's unfolded placements (kept while the structure
    // stays the same) rather than walking the map.
    let unfolded = (*scope == Scope::default()).then(|| {
        previous
            .as_ref()
            .and_then(|p| p.unfolded_of(map))
            .map(|unfolded| (unfolded, true))
            .unwrap_or_else(|| (placements::Unfolded::of(map), false))
    });
    let same_rows = unfolded.as_ref().is_some_and(|(_, same)| *same);
    let (entries, rows) = match (kept, &unfolded) {
        (Some(entries), _) => {
            let rows = previous
                .as_ref()
                .and_then(|p| p.rows().map(<[usize]>::to_vec))
                .unwrap_or_default();
            (entries, rows)
        }
        (None, Some((unfolded, _))) => unfolded.expand(view),
        (None, None) => (expand(map, view, scope), Vec::new()),
    };
    // Outline numbers (1.2.3) by placement, when the boxes show them.
    let numbers: Numbers = if style.show_numbers {
        crate::model::outline::outline(map)
            .into_iter()
            .map(|row| ((row.parent, row.node), row.number))
            .collect()
    } else {
        Numbers::new()
    };
    let units: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == BoxKind::Unit)
        .map(|(i, _)| i)
        .collect();
    let other_widths = view.layout == LayoutKind::Compact
        && units.len() > 1
        && units.len() <= MOST_UNITS_FOR_OTHER_WIDTHS;
    let arranged = (view.direction, view.layout, style.target_aspect.to_bits());
    // The same placements: every box is taken but those of changed nodes.
    let all = previous
        .as_mut()
        .filter(|_| same_tree && !other_widths)
        .and_then(|p| {
            p.all_boxes(&entries, map, arranged, |entry| {
                box_content(map, entry, style, fonts, &numbers)
            })
        });
    let (boxes, offsets, placed, placing) = match all {
        Some(all) => (all.boxes, all.offsets, all.placed, all.placing),
        None if previous.is_none() && entries.len() >= MEASURED_IN_PARALLEL_FROM => {
            // Nothing to take: every box is measured, on every core.
            use rayon::prelude::*;
            let boxes: Vec<SceneBox> = entries
                .par_iter()
                .map(|entry| box_content(map, entry, style, fonts, &numbers))
                .collect();
            let mut offsets = reuse::Offsets::with_capacity(entries.len());
            for measured in &boxes {
                offsets.push(measured);
            }
            (boxes, offsets, vec![false; entries.len()], None)
        }
        None => {
            let mut offsets = reuse::Offsets::with_capacity(entries.len());
            let mut placed = vec![false; entries.len()];
            let boxes = entries
                .iter()
                .enumerate()
                .map(|(at, entry)| {
                    let row = rows.get(at).copied().filter(|_| same_rows);
                    match previous
                        .as_mut()
                        .and_then(|p| p.take((at, row), entry, map, &mut offsets))
                    {
                        Some(taken) => {
                            placed[at] = true;
                            taken
                        }
                        None => {
                            let measured = box_content(map, entry, style, fonts, &numbers);
                            offsets.push(&measured);
                            measured
                        }
                    }
                })
                .collect();
            (boxes, offsets, placed, None)
        }
    };
    let other_unit_widths = if other_widths {
        OTHER_UNIT_WIDTHS
            .iter()
            .map(|factor| {
                let mut other = style.clone();
                other.unit.box_width *= factor;
                units
                    .iter()
                    .map(|&i| (i, box_content(map, &entries[i], &other, fonts, &numbers)))
                    .collect()
            })
            .collect()
    } else {
        Vec::new()
    };
    Measured {
        entries,
        boxes,
        other_unit_widths,
        placed,
        placing,
        search_for: if same_tree {
            Some(SearchFor::SameTree)
        } else if same_rows {
            Some(SearchFor::SameRows)
        } else {
            None
        },
        provenance: reuse::Provenance {
            arranged,
            stamp: map.stamp(),
            style: reuse::Provenance::measuring(style),
            offsets,
            search: previous
                .filter(|_| same_tree || same_rows)
                .map(reuse::Previous::into_search)
                .unwrap_or_default(),
            tree: Some((tree, Vec::new())),
            unfolded: unfolded.map(|(unfolded, _)| (unfolded, rows)),
        },
    }
}

/// Places measured boxes (compactly, or as a tidy tree) and draws their connectors: the second
/// half of [`layout`].
pub fn arrange(measured: Measured, view: &ViewState, style: &LayoutStyle) -> Scene {
    let Measured {
        mut entries,
        mut boxes,
        other_unit_widths,
        mut provenance,
        mut placed,
        placing,
        search_for,
    } = measured;
    if let Some(placing) = placing {
        for (i, x, y) in placing.moved_back {
            if let Some(scene_box) = boxes.get_mut(i) {
                translate_box(scene_box, x, y);
            }
        }
        return Scene {
            bounds: placing.bounds,
            direction: view.direction,
            boxes,
            connectors: placing.connectors,
            provenance: Some(Box::new(reuse::Provenance {
                tree: provenance.tree.take().map(|(tree, _)| (tree, entries)),
                ..provenance
            })),
        };
    }
    let connectors = match view.layout {
        LayoutKind::Tree => {
            for (i, scene_box) in boxes.iter_mut().enumerate().filter(|(i, _)| placed[*i]) {
                provenance.offsets.restore(i, scene_box);
            }
            arrange_tree(&entries, &mut boxes, view.direction, style)
        }
        LayoutKind::Compact => {
            let (connectors, widened) = arrange_compact(
                &mut entries,
                (&mut boxes, &mut placed, &provenance.offsets),
                other_unit_widths,
                view.direction,
                style,
                (
                    &mut provenance.search,
                    search_for,
                    provenance
                        .unfolded
                        .as_ref()
                        .map(|(_, rows)| rows.as_slice()),
                ),
            );
            for index in widened {
                provenance.offsets.measured_at_other_width(index);
            }
            connectors
        }
    };
    let bounds = boxes
        .iter()
        .map(|b| b.rect)
        .reduce(|a, b| a.union(&b))
        .map_or(
            Rect {
                x: 0.0,
                y: 0.0,
                width: 0.0,
                height: 0.0,
            },
            |r| Rect {
                x: 0.0,
                y: 0.0,
                width: r.right() + style.margin,
                height: r.bottom() + style.margin,
            },
        );
    Scene {
        bounds,
        direction: view.direction,
        boxes,
        connectors,
        provenance: Some(Box::new(reuse::Provenance {
            tree: provenance.tree.take().map(|(tree, _)| (tree, entries)),
            ..provenance
        })),
    }
}

/// The tidy tree: children beside each other along the breadth axis, parents centred on them.
fn arrange_tree(
    entries: &[Entry],
    boxes: &mut [SceneBox],
    direction: Direction,
    style: &LayoutStyle,
) -> Vec<Connector> {
    let (gap_breadth, gap_depth) = (style.sibling_gap, style.level_gap);
    let (breadth, depth): (Vec<f32>, Vec<f32>) = boxes
        .iter()
        .map(|b| match direction {
            Direction::LeftToRight => (b.rect.height + gap_breadth, b.rect.width + gap_depth),
            Direction::TopDown => (b.rect.width + gap_breadth, b.rect.height + gap_depth),
        })
        .unzip();
    let children = entries.iter().map(|e| e.children.clone()).collect();
    let placed = tidy::tidy(&tidy::TidyInput {
        breadth,
        depth,
        children,
    });
    for (i, scene_box) in boxes.iter_mut().enumerate() {
        let (b, d) = (placed.breadth_start[i], placed.depth_start[i]);
        let (x, y) = match direction {
            Direction::LeftToRight => (d, b),
            Direction::TopDown => (b, d),
        };
        translate_box(scene_box, x, y);
    }
    normalise(boxes, style.margin);
    entries
        .iter()
        .enumerate()
        .flat_map(|(from, entry)| entry.children.iter().map(move |&to| (from, to)))
        .map(|(from, to)| {
            connector(
                &boxes[from].rect,
                &boxes[to].rect,
                from,
                to,
                direction,
                style,
            )
        })
        .collect()
}

/// The compact layout ([`compact`]), shaped to `style.target_aspect`, with the unit width (of
/// those measured) that lets the drawing print largest.
fn arrange_compact(
    entries: &mut [Entry],
    (boxes, placed, offsets): (&mut [SceneBox], &mut [bool], &reuse::Offsets),
    other_unit_widths: Vec<Vec<(usize, SceneBox)>>,
    direction: Direction,
    style: &LayoutStyle,
    (search, search_for, rows): (
        &mut compact::SearchCache,
        Option<SearchFor>,
        Option<&[usize]>,
    ),
) -> (Vec<Connector>, Vec<usize>) {
    // Lent by the entries for the search, and given back after it.
    let children: Vec<Vec<usize>> = entries
        .iter_mut()
        .map(|e| std::mem::take(&mut e.children))
        .collect();
    fn input<'a>(
        children: &'a [Vec<usize>],
        sizes: &'a [(f32, f32)],
        direction: Direction,
        style: &LayoutStyle,
    ) -> compact::CompactInput<'a> {
        compact::CompactInput {
            children,
            sizes,
            left_to_right: direction == Direction::LeftToRight,
            sibling_gap: style.sibling_gap,
            level_gap: style.level_gap,
            lane: style.lane,
            target_aspect: style.target_aspect,
            margin: style.margin,
            align_rows: style.align_rows,
        }
    }
    let mut sizes: Vec<(f32, f32)> = boxes
        .iter()
        .map(|b| (b.rect.width, b.rect.height))
        .collect();
    let kept = match (search_for, rows) {
        (Some(SearchFor::SameTree), _) => Some(compact::Kept::SameTree),
        (Some(SearchFor::SameRows), Some(rows)) => Some(compact::Kept::SameRows(rows)),
        _ => None,
    };
    let (needed, mut shape) = match kept {
        Some(kept) => compact::best(
            &input(&children, &sizes, direction, style),
            Some((search, kept)),
        ),
        None => {
            *search = compact::SearchCache::default();
            compact::best(
                &input(&children, &sizes, direction, style),
                Some((search, compact::Kept::SameTree)),
            )
        }
    };
    if let Some(rows) = rows {
        search.set_rows(rows);
    }
    // Another width only for a clear gain: the style's width is the one people chose.
    let mut needed = needed * 0.98;
    let mut widened = Vec::new();
    for other in other_unit_widths {
        let mut other_sizes = sizes.clone();
        for (i, b) in &other {
            other_sizes[*i] = (b.rect.width, b.rect.height);
        }
        let (other_needed, other_shape) =
            compact::best(&input(&children, &other_sizes, direction, style), None);
        if other_needed < needed {
            needed = other_needed;
            shape = other_shape;
            sizes = other_sizes;
            widened.clear();
            for (i, b) in other {
                boxes[i] = b;
                placed[i] = false;
                widened.push(i);
            }
        }
    }
    let positions = compact::compact(&input(&children, &sizes, direction, style), &shape);
    for (entry, kids) in entries.iter_mut().zip(children) {
        entry.children = kids;
    }
    for (i, (scene_box, at)) in boxes.iter_mut().zip(&positions.positions).enumerate() {
        let (x, y) = (at.x + style.margin, at.y + style.margin);
        if placed[i] {
            if scene_box.rect.x.to_bits() == x.to_bits()
                && scene_box.rect.y.to_bits() == y.to_bits()
            {
                // Where the previous Scene had it: as placing it again would give.
                continue;
            }
            offsets.restore(i, scene_box);
        }
        translate_box(scene_box, x, y);
    }
    let (ink, _, _) = style.ink();
    let connectors = positions
        .connectors
        .into_iter()
        .map(|(from, to, points)| Connector {
            from,
            to,
            points: points
                .into_iter()
                .map(|p| Point {
                    x: p.x + style.margin,
                    y: p.y + style.margin,
                })
                .collect(),
            colour: ink,
        })
        .collect();
    (connectors, widened)
}

/// The placements to draw in depth-first order, skipping what folded branches hide.
fn expand(map: &FunctionalMap, view: &ViewState, scope: &Scope) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::with_capacity(map.len());
    let top = scope
        .branch
        .filter(|id| map.contains(*id))
        .unwrap_or(map.root());
    let top_depth = map.depth(top);
    let deepest = scope.max_depth.map(|d| top_depth + d);
    // (node, parent node, index of the parent entry, depth)
    let mut stack: Vec<(NodeId, Option<NodeId>, Option<usize>, usize)> =
        vec![(top, None, None, top_depth)];
    while let Some((node, parent, parent_entry, depth)) = stack.pop() {
        let kind = match map.node(node) {
            Some(Node::KeyPurpose(_)) => BoxKind::KeyPurpose,
            Some(Node::Function(_)) => BoxKind::Function { depth },
            Some(Node::Unit(_)) => BoxKind::Unit,
            None => continue,
        };
        let index = entries.len();
        let cut = deepest.is_some_and(|limit| depth >= limit);
        let folded = (cut || view.folded.contains(&node)) && !map.children(node).is_empty();
        let hidden = if folded {
            branch_size(map, node) - 1
        } else {
            0
        };
        entries.push(Entry {
            node,
            parent,
            kind,
            children: Vec::new(),
            hidden,
        });
        if let Some(p) = parent_entry.and_then(|p| entries.get_mut(p)) {
            p.children.push(index);
        }
        if !folded {
            let mut children = map.children(node);
            if let (true, Some((first, end))) = (node == top && parent.is_none(), scope.children) {
                let end = end.min(children.len());
                children = &children[first.min(end)..end];
            }
            for &child in children.iter().rev() {
                stack.push((child, Some(node), Some(index), depth + 1));
            }
        }
    }
    // The stack visits children left to right, but each parent recorded them in visiting order,
    // which is already left to right.
    entries
}

/// Boxes in a branch, the top included, a shared unit counted once per placement.
fn branch_size(map: &FunctionalMap, top: NodeId) -> usize {
    let mut count = 0;
    let mut stack = vec![top];
    while let Some(node) = stack.pop() {
        count += 1;
        stack.extend_from_slice(map.children(node));
    }
    count
}

/// A box at the origin with its text lines and badges placed inside it.
/// Outline numbers by placement (parent, node).
type Numbers = std::collections::HashMap<(Option<NodeId>, NodeId), String>;

/// The caption line of a box: "Key purpose", "A · Key role", a URN; and its weight.
fn caption_of(map: &FunctionalMap, entry: &Entry, style: &LayoutStyle) -> (String, FontWeight) {
    let node = map.node(entry.node);
    match node {
        Some(Node::KeyPurpose(_)) => ("Key purpose".to_string(), FontWeight::Regular),
        Some(Node::Function(f)) => {
            let level_name = map.meta().level_name(match entry.kind {
                BoxKind::Function { depth } => depth,
                _ => 1,
            });
            if f.code.is_empty() {
                (level_name.to_string(), FontWeight::Regular)
            } else {
                (format!("{} · {level_name}", f.code), FontWeight::Regular)
            }
        }
        Some(Node::Unit(_)) if !style.show_urns => (String::new(), FontWeight::Bold),
        Some(Node::Unit(unit)) if unit.urn.trim().is_empty() => {
            ("NOS (no URN)".to_string(), FontWeight::Bold)
        }
        Some(Node::Unit(unit)) => (unit.urn.clone(), FontWeight::Bold),
        None => (String::new(), FontWeight::Regular),
    }
}

fn box_content(
    map: &FunctionalMap,
    entry: &Entry,
    style: &LayoutStyle,
    fonts: &Fonts,
    numbers: &Numbers,
) -> SceneBox {
    let level = box_style(map, entry, style);
    let inner_width = level.box_width - 2.0 * level.padding;
    let node = map.node(entry.node);
    let (caption, caption_weight) = caption_of(map, entry, style);
    let caption = match numbers.get(&(entry.parent, entry.node)) {
        Some(number) if !number.is_empty() && caption.is_empty() => number.clone(),
        Some(number) if !number.is_empty() => format!("{number} {caption}"),
        _ => caption,
    };
    let title = node.map_or("", Node::title);

    // Badges sit at the right end of the caption line.
    let badge_size = level.caption_size * 0.9;
    let badge_height = fonts.line_height(badge_size, FontWeight::Bold);
    let mut badges = Vec::new();
    let mut badge_right = level.padding + inner_width;
    let placements = map.parent_count(entry.node);
    let mut badge_specs = Vec::new();
    if entry.kind == BoxKind::Unit && placements > 1 {
        badge_specs.push((
            BadgeKind::Shared { placements },
            format!("shared ×{placements}"),
            style.ink().1,
        ));
    }
    // Workshop decisions, so the room and the report see what was decided.
    if let Some(workshop) = node.map(Node::workshop) {
        let (_, _, folded_ink) = style.ink();
        let monochrome = style.colouring == Colouring::Monochrome;
        let ink = |rgb: Rgb| if monochrome { folded_ink } else { rgb };
        match workshop.verdict {
            Some(Verdict::Agreed(_)) => badge_specs.push((
                BadgeKind::Agreed,
                "agreed".into(),
                ink(Rgb(0x2e, 0x7d, 0x32)),
            )),
            Some(Verdict::NeedsDiscussion) => badge_specs.push((
                BadgeKind::NeedsDiscussion,
                "discuss".into(),
                ink(Rgb(0xb2, 0x5e, 0x00)),
            )),
            None => {}
        }
        if workshop.votes_for + workshop.votes_against > 0 {
            badge_specs.push((
                BadgeKind::Votes {
                    votes_for: workshop.votes_for,
                    votes_against: workshop.votes_against,
                },
                format!("+{} \u{2212}{}", workshop.votes_for, workshop.votes_against),
                ink(Rgb(0x45, 0x5a, 0x64)),
            ));
        }
    }
    // Reviewers' comments still to answer (the editor only: `show_comments`).
    let open_comments = node.filter(|_| style.show_comments).map_or(0, |n| {
        n.comments()
            .iter()
            .filter(|c| c.disposition == Disposition::Open)
            .count()
    });
    if open_comments > 0 {
        let fill = if style.colouring == Colouring::Monochrome {
            style.ink().2
        } else {
            Rgb(0x6a, 0x3d, 0x9a)
        };
        badge_specs.push((
            BadgeKind::Comments {
                open: open_comments,
            },
            format!("\u{275d} {open_comments}"),
            fill,
        ));
    }
    if entry.hidden > 0 {
        badge_specs.push((
            BadgeKind::Folded {
                hidden: entry.hidden,
            },
            format!("+{}", entry.hidden),
            style.ink().2,
        ));
    }
    // Badges that do not fit the box's width in one row go on in another row below it.
    let mut badge_y = level.padding;
    for (kind, label, fill) in badge_specs {
        let label_width = fonts.measure(&label, badge_size, FontWeight::Bold);
        let full_row = badge_right >= level.padding + inner_width;
        if badge_right - label_width - 8.0 < level.padding && !full_row {
            badge_y += badge_height + 2.0;
            badge_right = level.padding + inner_width;
        }
        let rect = Rect {
            x: badge_right - label_width - 8.0,
            y: badge_y,
            width: label_width + 8.0,
            height: badge_height,
        };
        badge_right = rect.x - 4.0;
        let text = place_line(
            fonts,
            label,
            rect.x + 4.0,
            rect.y,
            badge_size,
            FontWeight::Bold,
            style.badge_text,
        );
        badges.push(Badge {
            kind,
            rect,
            fill,
            label: text,
        });
    }

    let mut lines = Vec::new();
    // A unit's PC and K&U counts sit at the right of the caption line, left of any badges, so
    // the box spends no line on them; only when badges leave too little room do they get a line
    // of their own at the bottom.
    let counts = node
        .and_then(Node::as_unit)
        .filter(|_| style.show_counts)
        .map(|unit| {
            format!(
                "{} PC · {} K&U",
                unit.item_count(StatementList::PerformanceCriteria),
                unit.item_count(StatementList::Knowledge)
            )
        });
    // The caption (a unit's URN) is never broken to make room at its right: counts that would
    // squeeze it go below, and badges that leave it too little room put it under them.
    let caption_natural = if caption.is_empty() {
        0.0
    } else {
        fonts.measure(&caption, level.caption_size, caption_weight)
    };
    let (mut counts_inline, mut counts_below) = (None, None);
    if let Some(counts) = counts {
        let width = fonts.measure(&counts, level.caption_size, FontWeight::Regular);
        let x = badge_right - width;
        let room_needed = (inner_width * 0.35).max(caption_natural.min(inner_width));
        if badge_y == level.padding && x - 8.0 - level.padding >= room_needed {
            let line = place_line(
                fonts,
                counts,
                x,
                level.padding,
                level.caption_size,
                FontWeight::Regular,
                level.caption,
            );
            badge_right = line.rect.x - 8.0;
            counts_inline = Some(line);
        } else {
            counts_below = Some(counts);
        }
    }
    let beside = badge_right - level.padding;
    let badge_bottom = badge_y + badge_height;
    let (mut y, caption_width) = if badge_y > level.padding {
        // Several rows of badges: the caption goes under them all.
        (badge_bottom + 2.0, inner_width)
    } else if beside < inner_width && caption_natural > beside {
        (badge_bottom + 2.0, inner_width)
    } else {
        (level.padding, beside.max(inner_width * 0.3))
    };
    let caption_lines = if caption.is_empty() {
        Vec::new()
    } else {
        fonts.wrap(&caption, level.caption_size, caption_weight, caption_width)
    };
    for text in caption_lines {
        let line = place_line(
            fonts,
            text,
            level.padding,
            y,
            level.caption_size,
            caption_weight,
            level.caption,
        );
        y = line.rect.bottom();
        lines.push(line);
    }
    // Lines stay in reading order: the caption, then what sits at its right.
    lines.extend(counts_inline);
    y = y.max(badge_bottom) + 2.0;
    let title_text = if title.trim().is_empty() {
        "(untitled)"
    } else {
        title
    };
    for text in fonts.wrap(
        title_text,
        level.title_size,
        level.title_weight,
        inner_width,
    ) {
        let line = place_line(
            fonts,
            text,
            level.padding,
            y,
            level.title_size,
            level.title_weight,
            level.text,
        );
        y = line.rect.bottom();
        lines.push(line);
    }
    if let Some(counts) = counts_below {
        let line = place_line(
            fonts,
            counts,
            level.padding,
            y + 2.0,
            level.caption_size,
            FontWeight::Regular,
            level.caption,
        );
        y = line.rect.bottom();
        lines.push(line);
    }
    SceneBox {
        node: entry.node,
        parent: entry.parent,
        kind: entry.kind,
        rect: Rect {
            x: 0.0,
            y: 0.0,
            width: level.box_width,
            height: y + level.padding,
        },
        fill: level.fill,
        stroke: level.stroke,
        stroke_width: if entry.kind == BoxKind::KeyPurpose {
            1.5
        } else {
            1.0
        },
        corner_radius: if entry.kind == BoxKind::Unit {
            3.0
        } else {
            6.0
        },
        lines,
        badges,
    }
}

/// The look of one box: by level, or in its unit's theme colour.
fn box_style(map: &FunctionalMap, entry: &Entry, style: &LayoutStyle) -> LevelStyle {
    if entry.kind == BoxKind::Unit && style.colouring == Colouring::ByTheme {
        let theme = map
            .unit(entry.node)
            .and_then(|unit| unit.themes.first())
            .and_then(|id| map.meta().themes.iter().find(|t| &t.id == id));
        if let Some(theme) = theme {
            return style.themed_unit(theme.colour);
        }
    }
    style.level(entry.kind)
}

fn place_line(
    fonts: &Fonts,
    text: String,
    x: f32,
    top: f32,
    size: f32,
    weight: FontWeight,
    colour: Rgb,
) -> TextLine {
    let width = fonts.measure(&text, size, weight);
    let height = fonts.line_height(size, weight);
    let baseline = top + fonts.ascent(size, weight);
    TextLine {
        text,
        origin: Point { x, y: baseline },
        rect: Rect {
            x,
            y: top,
            width,
            height,
        },
        size,
        weight,
        colour,
    }
}

fn translate_box(scene_box: &mut SceneBox, dx: f32, dy: f32) {
    let shift_rect = |r: &mut Rect| {
        r.x += dx;
        r.y += dy;
    };
    shift_rect(&mut scene_box.rect);
    for line in scene_box
        .lines
        .iter_mut()
        .chain(scene_box.badges.iter_mut().map(|b| &mut b.label))
    {
        shift_rect(&mut line.rect);
        line.origin.x += dx;
        line.origin.y += dy;
    }
    for badge in &mut scene_box.badges {
        shift_rect(&mut badge.rect);
    }
}

/// Moves everything so the drawing starts at (margin, margin).
fn normalise(boxes: &mut [SceneBox], margin: f32) {
    let min_x = boxes.iter().map(|b| b.rect.x).fold(f32::INFINITY, f32::min);
    let min_y = boxes.iter().map(|b| b.rect.y).fold(f32::INFINITY, f32::min);
    if !min_x.is_finite() || !min_y.is_finite() {
        return;
    }
    for scene_box in boxes {
        translate_box(scene_box, margin - min_x, margin - min_y);
    }
}

fn connector(
    parent: &Rect,
    child: &Rect,
    from: usize,
    to: usize,
    direction: Direction,
    style: &LayoutStyle,
) -> Connector {
    let points = match direction {
        Direction::LeftToRight => {
            let (start_y, end_y) = (parent.centre().y, child.centre().y);
            let mid_x = parent.right() + (child.x - parent.right()) / 2.0;
            vec![
                Point {
                    x: parent.right(),
                    y: start_y,
                },
                Point {
                    x: mid_x,
                    y: start_y,
                },
                Point { x: mid_x, y: end_y },
                Point {
                    x: child.x,
                    y: end_y,
                },
            ]
        }
        Direction::TopDown => {
            let (start_x, end_x) = (parent.centre().x, child.centre().x);
            let mid_y = parent.bottom() + (child.y - parent.bottom()) / 2.0;
            vec![
                Point {
                    x: start_x,
                    y: parent.bottom(),
                },
                Point {
                    x: start_x,
                    y: mid_y,
                },
                Point { x: end_x, y: mid_y },
                Point {
                    x: end_x,
                    y: child.y,
                },
            ]
        }
    };
    Connector {
        from,
        to,
        points,
        colour: style.ink().0,
    }
}
