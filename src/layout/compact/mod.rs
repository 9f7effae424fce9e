//! The compact layout: a map shaped to fit a page or a window.
//!
//! A tidy tree of a real functional map is a tall thin column: every unit of a key area sits on
//! one line. Here the units under a function flow into as many columns as suit the target shape
//! ("stacked leaves" of org charts, yEd's compact tree), and the branches under the top box may
//! wrap into bands side by side. Of all the column limits and band counts tried, the one kept is
//! the one that fits the target aspect ratio at the largest scale: the most readable print of it.
//!
//! Every subtree is a rectangular block: its box, then its children's blocks, which never
//! overlap because blocks are only ever placed side by side. Connectors are orthogonal. A column
//! of children hangs from a spine in the lane to its left; several columns are joined by a bus in
//! a lane above them, so no line crosses a box.

use super::geometry::Point;

mod search;

pub(super) use search::{Kept, SearchCache, best};

/// What the compact layout needs: the tree and each box's size, with the spacing to use.
pub(super) struct CompactInput<'a> {
    /// Ordered children of each entry; entry 0 is the top of the scene. Entries are in
    /// depth-first pre-order, so a child's index is always greater than its parent's.
    pub children: &'a [Vec<usize>],
    /// Width and height of each box.
    pub sizes: &'a [(f32, f32)],
    /// True for left to right (children to the right), false for top down.
    pub left_to_right: bool,
    /// Between siblings in a column or row.
    pub sibling_gap: f32,
    /// Between a parent and its children.
    pub level_gap: f32,
    /// Width of the lane beside a column (its spine) and above columns (their bus).
    pub lane: f32,
    /// Width over height of the page or window the drawing should fit, margins included.
    pub target_aspect: f32,
    /// Space around the drawing, counted in its shape.
    pub margin: f32,
    /// Leaves in columns share rows (each as tall as its tallest box), so a page can be cut
    /// between rows without cutting a box; otherwise each column stacks its boxes tightly.
    pub align_rows: bool,
}

/// Where each box goes (top left corner) and the points of each connector, by child entry.
pub(super) struct CompactOutput {
    pub positions: Vec<Point>,
    /// `(parent entry, child entry, points)` for every child, parents in pre-order.
    pub connectors: Vec<(usize, usize, Vec<Point>)>,
}

/// How an entry's children are arranged.
#[derive(Clone, Debug, PartialEq)]
enum Arrangement {
    /// No children shown.
    Leaf,
    /// One line of children: a column to the right (left to right) or a row below (top down).
    Line,
    /// Columns of children hanging from spines, joined by a bus: `columns[c]` lists the entries
    /// of column c from the top. The parent is above the columns (top down, and the top of a
    /// left-to-right map when that fits better) or to their left.
    Columns {
        columns: Vec<Vec<usize>>,
        above: bool,
    },
}

/// A subtree's extent, and where its own box sits inside it.
#[derive(Clone, Copy, Debug, Default)]
struct Block {
    width: f32,
    height: f32,
    box_x: f32,
    box_y: f32,
}

/// What the search settles: for each entry whose children are all leaves, how many columns
/// they take (0 for other entries), and how the top's children are banded (`None`: one line),
/// with the top above its bands or beside them.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Shape {
    columns: Vec<usize>,
    bands: Option<Vec<Vec<usize>>>,
    top_above: bool,
}

/// Lays the tree out in `shape` (from [`best`] for the same input).
pub(super) fn compact(input: &CompactInput<'_>, shape: &Shape) -> CompactOutput {
    if input.sizes.is_empty() {
        return CompactOutput {
            positions: Vec::new(),
            connectors: Vec::new(),
        };
    }
    let (arrangements, blocks) = blocks(input, shape);
    place(input, &arrangements, &blocks)
}

fn is_leaf(input: &CompactInput<'_>, entry: usize) -> bool {
    input.children[entry].is_empty()
}

/// Two or more children, none with children of its own: they may flow into columns.
fn is_leaf_group(input: &CompactInput<'_>, entry: usize) -> bool {
    let kids = &input.children[entry];
    kids.len() > 1 && kids.iter().all(|&k| is_leaf(input, k))
}

fn blocks(input: &CompactInput<'_>, shape: &Shape) -> (Vec<Arrangement>, Vec<Block>) {
    let n = input.sizes.len();
    let mut arrangements = vec![Arrangement::Leaf; n];
    let mut blocks = vec![Block::default(); n];
    for entry in (0..n).rev() {
        let bands = if entry == 0 {
            shape.bands.as_ref().map(|b| (b, shape.top_above))
        } else {
            None
        };
        let chosen = arrangement(input, entry, shape.columns[entry], bands);
        blocks[entry] = block(input, entry, &chosen, &blocks);
        arrangements[entry] = chosen;
    }
    (arrangements, blocks)
}

/// How `entry`'s children are arranged: leaves in `columns` columns, the top's children in
/// `bands`, otherwise one line.
fn arrangement(
    input: &CompactInput<'_>,
    entry: usize,
    columns: usize,
    bands: Option<(&Vec<Vec<usize>>, bool)>,
) -> Arrangement {
    let kids = &input.children[entry];
    if kids.is_empty() {
        return Arrangement::Leaf;
    }
    if is_leaf_group(input, entry) {
        let per_column = kids.len().div_ceil(columns.max(1));
        let chunks: Vec<Vec<usize>> = kids.chunks(per_column).map(<[usize]>::to_vec).collect();
        if chunks.len() > 1 || !input.left_to_right {
            return Arrangement::Columns {
                columns: chunks,
                above: !input.left_to_right,
            };
        }
        return Arrangement::Line;
    }
    match bands {
        Some((bands, above)) if bands.len() > 1 || above => Arrangement::Columns {
            columns: bands.clone(),
            above: above || !input.left_to_right,
        },
        _ => Arrangement::Line,
    }
}

/// Width of each column and its height, children and the gaps between them.
fn column_extents(
    input: &CompactInput<'_>,
    columns: &[Vec<usize>],
    blocks: &[Block],
) -> Vec<(f32, f32)> {
    if let Some(rows) = aligned_rows(input, columns, blocks) {
        let height =
            rows.iter().sum::<f32>() + input.sibling_gap * rows.len().saturating_sub(1) as f32;
        return columns
            .iter()
            .map(|column| {
                let width = column.iter().map(|&k| blocks[k].width).fold(0.0, f32::max);
                (width, height)
            })
            .collect();
    }
    columns
        .iter()
        .map(|column| {
            let width = column.iter().map(|&k| blocks[k].width).fold(0.0, f32::max);
            let height: f32 = column.iter().map(|&k| blocks[k].height).sum::<f32>()
                + input.sibling_gap * column.len().saturating_sub(1) as f32;
            (width, height)
        })
        .collect()
}

/// With `align_rows`, the height of each row shared by columns of leaves.
fn aligned_rows(
    input: &CompactInput<'_>,
    columns: &[Vec<usize>],
    blocks: &[Block],
) -> Option<Vec<f32>> {
    let leaves = columns.iter().flatten().all(|&k| is_leaf(input, k));
    if !input.align_rows || columns.len() < 2 || !leaves {
        return None;
    }
    let count = columns.iter().map(Vec::len).max().unwrap_or(0);
    Some(
        (0..count)
            .map(|row| {
                columns
                    .iter()
                    .filter_map(|column| column.get(row))
                    .map(|&k| blocks[k].height)
                    .fold(0.0, f32::max)
            })
            .collect(),
    )
}

/// The block of `entry` arranged as `how`, from its children's blocks.
fn block(input: &CompactInput<'_>, entry: usize, how: &Arrangement, blocks: &[Block]) -> Block {
    let (w, h) = input.sizes[entry];
    let kids = &input.children[entry];
    match how {
        Arrangement::Leaf => Block {
            width: w,
            height: h,
            box_x: 0.0,
            box_y: 0.0,
        },
        Arrangement::Line => {
            let gaps = input.sibling_gap * kids.len().saturating_sub(1) as f32;
            // The parent is centred on its first and last children's boxes.
            let centre = |k: usize, along_x: bool| {
                if along_x {
                    blocks[k].box_x + input.sizes[k].0 / 2.0
                } else {
                    blocks[k].box_y + input.sizes[k].1 / 2.0
                }
            };
            let (first, last) = (kids[0], kids[kids.len() - 1]);
            if input.left_to_right {
                let line = kids.iter().map(|&k| blocks[k].height).sum::<f32>() + gaps;
                let height = line.max(h);
                let line_top = (height - line) / 2.0;
                let last_top = line_top + line - blocks[last].height;
                let middle =
                    (line_top + centre(first, false) + last_top + centre(last, false)) / 2.0;
                Block {
                    width: w
                        + input.level_gap
                        + kids.iter().map(|&k| blocks[k].width).fold(0.0, f32::max),
                    height,
                    box_x: 0.0,
                    box_y: (middle - h / 2.0).clamp(0.0, height - h),
                }
            } else {
                let line = kids.iter().map(|&k| blocks[k].width).sum::<f32>() + gaps;
                let width = line.max(w);
                let line_left = (width - line) / 2.0;
                let last_left = line_left + line - blocks[last].width;
                let middle =
                    (line_left + centre(first, true) + last_left + centre(last, true)) / 2.0;
                Block {
                    width,
                    height: h
                        + input.level_gap
                        + kids.iter().map(|&k| blocks[k].height).fold(0.0, f32::max),
                    box_x: (middle - w / 2.0).clamp(0.0, width - w),
                    box_y: 0.0,
                }
            }
        }
        Arrangement::Columns { columns, above } => {
            let extents = column_extents(input, columns, blocks);
            let grid = Grid {
                widths: extents.iter().map(|e| e.0).sum(),
                tallest: extents.iter().map(|e| e.1).fold(0.0, f32::max),
                first: extents.first().map_or(0.0, |e| e.1),
                count: columns.len(),
            };
            columns_block(input, (w, h), &grid, *above)
        }
    }
}

/// What the block of a parent with columns needs to know of them.
struct Grid {
    /// The columns' widths, summed.
    widths: f32,
    /// The tallest column's height.
    tallest: f32,
    /// The first column's height.
    first: f32,
    count: usize,
}

/// The block of a parent of size `(w, h)` with these columns, above them or beside them.
fn columns_block(input: &CompactInput<'_>, (w, h): (f32, f32), grid: &Grid, above: bool) -> Block {
    if !above {
        // Spine of the first column in the level gap; the others in lanes between columns;
        // the bus in a lane above them all.
        let grid_width = grid.widths + input.lane * (grid.count - 1) as f32;
        let bus = if grid.count > 1 { input.lane } else { 0.0 };
        let box_y = (bus + (grid.first - h) / 2.0).max(0.0);
        Block {
            width: w + input.level_gap + grid_width,
            height: (bus + grid.tallest).max(box_y + h),
            box_x: 0.0,
            box_y,
        }
    } else {
        // A lane left of every column for its spine; the bus in the level gap.
        let grid_width = grid.widths + input.lane * grid.count as f32;
        let width = grid_width.max(w);
        Block {
            width,
            height: h + input.level_gap + grid.tallest,
            box_x: (width - w) / 2.0,
            box_y: 0.0,
        }
    }
}

/// The block of an entry below the top, arranged as [`arrangement`] would, without building
/// the arrangement: the search sizes every entry for every candidate shape.
fn sized(input: &CompactInput<'_>, entry: usize, columns: usize, blocks: &[Block]) -> Block {
    let kids = &input.children[entry];
    if kids.is_empty() {
        return block(input, entry, &Arrangement::Leaf, blocks);
    }
    if !is_leaf_group(input, entry) {
        return block(input, entry, &Arrangement::Line, blocks);
    }
    let per_column = kids.len().div_ceil(columns.max(1));
    let count = kids.len().div_ceil(per_column);
    if count == 1 && input.left_to_right {
        return block(input, entry, &Arrangement::Line, blocks);
    }
    if input.align_rows {
        let how = arrangement(input, entry, columns, None);
        return block(input, entry, &how, blocks);
    }
    let mut grid = Grid {
        widths: 0.0,
        tallest: 0.0,
        first: 0.0,
        count,
    };
    for (c, chunk) in kids.chunks(per_column).enumerate() {
        let width = chunk.iter().map(|&k| blocks[k].width).fold(0.0, f32::max);
        let height = chunk.iter().map(|&k| blocks[k].height).sum::<f32>()
            + input.sibling_gap * chunk.len().saturating_sub(1) as f32;
        grid.widths += width;
        grid.tallest = grid.tallest.max(height);
        if c == 0 {
            grid.first = height;
        }
    }
    columns_block(input, input.sizes[entry], &grid, !input.left_to_right)
}
/// Height of the lane above columns for their bus: only a parent beside several columns needs
/// one (a parent above them runs its bus in the level gap).
fn bus_lane(columns: &[Vec<usize>], above: bool, lane: f32) -> f32 {
    if !above && columns.len() > 1 {
        lane
    } else {
        0.0
    }
}

/// Where each child's block starts, given where `entry`'s block starts.
fn child_origins(
    input: &CompactInput<'_>,
    entry: usize,
    how: &Arrangement,
    here: Point,
    blocks: &[Block],
    origins: &mut [Point],
) {
    let kids = &input.children[entry];
    let (w, h) = input.sizes[entry];
    let b = blocks[entry];
    match how {
        Arrangement::Leaf => {}
        Arrangement::Line => {
            let gaps = input.sibling_gap * kids.len().saturating_sub(1) as f32;
            if input.left_to_right {
                let line = kids.iter().map(|&k| blocks[k].height).sum::<f32>() + gaps;
                let mut y = here.y + (b.height - line) / 2.0;
                let x = here.x + w + input.level_gap;
                for &kid in kids {
                    origins[kid] = Point { x, y };
                    y += blocks[kid].height + input.sibling_gap;
                }
            } else {
                let line = kids.iter().map(|&k| blocks[k].width).sum::<f32>() + gaps;
                let mut x = here.x + (b.width - line) / 2.0;
                let y = here.y + h + input.level_gap;
                for &kid in kids {
                    origins[kid] = Point { x, y };
                    x += blocks[kid].width + input.sibling_gap;
                }
            }
        }
        Arrangement::Columns { columns, above } => {
            let extents = column_extents(input, columns, blocks);
            let (mut x, top) = if !above {
                (
                    here.x + w + input.level_gap,
                    here.y + bus_lane(columns, *above, input.lane),
                )
            } else {
                let widths: f32 = extents.iter().map(|e| e.0).sum();
                let grid_width = widths + input.lane * columns.len() as f32;
                (
                    here.x + (b.width - grid_width) / 2.0 + input.lane,
                    here.y + h + input.level_gap,
                )
            };
            let rows = aligned_rows(input, columns, blocks);
            for (column, extent) in columns.iter().zip(&extents) {
                let mut y = top;
                for (row, &kid) in column.iter().enumerate() {
                    origins[kid] = Point { x, y };
                    let height = rows.as_ref().map_or(blocks[kid].height, |rows| rows[row]);
                    y += height + input.sibling_gap;
                }
                x += extent.0 + input.lane;
            }
        }
    }
}

/// Places every block from the top down and draws the connectors.
fn place(
    input: &CompactInput<'_>,
    arrangements: &[Arrangement],
    blocks: &[Block],
) -> CompactOutput {
    let n = input.sizes.len();
    let mut origins = vec![Point { x: 0.0, y: 0.0 }; n];
    let mut positions = vec![Point { x: 0.0, y: 0.0 }; n];
    // Pre-order: a parent's origin is known before its children's.
    for entry in 0..n {
        let here = origins[entry];
        positions[entry] = Point {
            x: here.x + blocks[entry].box_x,
            y: here.y + blocks[entry].box_y,
        };
        child_origins(
            input,
            entry,
            &arrangements[entry],
            here,
            blocks,
            &mut origins,
        );
    }
    let mut connectors = Vec::with_capacity(n.saturating_sub(1));
    for entry in 0..n {
        let parent = (positions[entry], input.sizes[entry]);
        match &arrangements[entry] {
            Arrangement::Leaf => {}
            Arrangement::Line => {
                for &kid in &input.children[entry] {
                    let child = (positions[kid], input.sizes[kid]);
                    connectors.push((entry, kid, elbow(input, parent, child)));
                }
            }
            Arrangement::Columns { columns, above } => {
                for (c, column) in columns.iter().enumerate() {
                    // The spine runs in the lane left of the column's blocks; the bus (left to
                    // right) in the lane above them.
                    let left = column
                        .iter()
                        .map(|&k| origins[k].x)
                        .fold(f32::INFINITY, f32::min);
                    let top = columns
                        .iter()
                        .filter_map(|col| col.first())
                        .map(|&k| origins[k].y)
                        .fold(f32::INFINITY, f32::min);
                    let lanes = Lanes {
                        above: *above,
                        column: c,
                        spine_x: left - input.lane / 2.0,
                        bus_y: top - input.lane / 2.0,
                    };
                    for &kid in column {
                        let child = (positions[kid], input.sizes[kid]);
                        connectors.push((entry, kid, hanging(input, parent, child, &lanes)));
                    }
                }
            }
        }
    }
    connectors.sort_by_key(|&(from, to, _)| (from, to));
    CompactOutput {
        positions,
        connectors,
    }
}

/// Where a column's spine and the bus above the columns run.
struct Lanes {
    above: bool,
    column: usize,
    spine_x: f32,
    bus_y: f32,
}

type BoxAt = (Point, (f32, f32));

/// Parent to child through the middle of the level gap.
fn elbow(input: &CompactInput<'_>, (p, (pw, ph)): BoxAt, (c, (cw, ch)): BoxAt) -> Vec<Point> {
    if input.left_to_right {
        let (start_y, end_y) = (p.y + ph / 2.0, c.y + ch / 2.0);
        let mid_x = p.x + pw + (c.x - (p.x + pw)) / 2.0;
        vec![
            Point {
                x: p.x + pw,
                y: start_y,
            },
            Point {
                x: mid_x,
                y: start_y,
            },
            Point { x: mid_x, y: end_y },
            Point { x: c.x, y: end_y },
        ]
    } else {
        let (start_x, end_x) = (p.x + pw / 2.0, c.x + cw / 2.0);
        let mid_y = p.y + ph + (c.y - (p.y + ph)) / 2.0;
        vec![
            Point {
                x: start_x,
                y: p.y + ph,
            },
            Point {
                x: start_x,
                y: mid_y,
            },
            Point { x: end_x, y: mid_y },
            Point { x: end_x, y: c.y },
        ]
    }
}

/// Parent to a child of a column: along the bus to the column's spine, down the spine, into the
/// child's left side.
fn hanging(
    input: &CompactInput<'_>,
    (p, (pw, ph)): BoxAt,
    (c, (_, ch)): BoxAt,
    lanes: &Lanes,
) -> Vec<Point> {
    let child_y = c.y + ch / 2.0;
    let mut points = Vec::with_capacity(6);
    let spine = if !lanes.above {
        // The first column's spine is in the level gap, which the parent's line reaches first.
        let first_spine = p.x + pw + input.level_gap / 2.0;
        let start = Point {
            x: p.x + pw,
            y: p.y + ph / 2.0,
        };
        points.push(start);
        points.push(Point {
            x: first_spine,
            y: start.y,
        });
        if lanes.column == 0 {
            first_spine
        } else {
            points.push(Point {
                x: first_spine,
                y: lanes.bus_y,
            });
            points.push(Point {
                x: lanes.spine_x,
                y: lanes.bus_y,
            });
            lanes.spine_x
        }
    } else {
        let start = Point {
            x: p.x + pw / 2.0,
            y: p.y + ph,
        };
        let bus_y = p.y + ph + input.level_gap / 2.0;
        points.push(start);
        points.push(Point {
            x: start.x,
            y: bus_y,
        });
        points.push(Point {
            x: lanes.spine_x,
            y: bus_y,
        });
        lanes.spine_x
    };
    points.push(Point {
        x: spine,
        y: child_y,
    });
    points.push(Point { x: c.x, y: child_y });
    points.dedup_by(|a, b| (a.x - b.x).abs() < 1e-3 && (a.y - b.y).abs() < 1e-3);
    points
}
