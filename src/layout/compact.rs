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
    /// of column c from the top.
    Columns(Vec<Vec<usize>>),
}

/// A subtree's extent, and where its own box sits inside it.
#[derive(Clone, Copy, Debug, Default)]
struct Block {
    width: f32,
    height: f32,
    box_x: f32,
    box_y: f32,
}

/// The choices tried: how many leaves a column holds, and into how many bands the top's
/// children wrap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Shape {
    rows: usize,
    bands: usize,
}

/// Lays the tree out compactly.
pub(super) fn compact(input: &CompactInput<'_>) -> CompactOutput {
    let n = input.sizes.len();
    if n == 0 {
        return CompactOutput {
            positions: Vec::new(),
            connectors: Vec::new(),
        };
    }
    let shape = best_shape(input);
    let (arrangements, blocks) = blocks(input, shape);
    place(input, &arrangements, &blocks)
}

fn is_leaf(input: &CompactInput<'_>, entry: usize) -> bool {
    input.children[entry].is_empty()
}

/// The column limit and band count whose drawing fits the target shape at the largest scale.
fn best_shape(input: &CompactInput<'_>) -> Shape {
    let largest_group = input
        .children
        .iter()
        .filter(|kids| kids.iter().all(|&k| is_leaf(input, k)))
        .map(Vec::len)
        .max()
        .unwrap_or(1)
        .max(1);
    let mut rows_tried: Vec<usize> = [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 24, 28, 32, 40, 48, 64, 80, 100,
        128, 160, 200, 256, 320, 400, 512,
    ]
    .into_iter()
    .filter(|&r| r < largest_group)
    .collect();
    rows_tried.push(largest_group);
    let top_has_branches = input.children[0].iter().any(|&k| !is_leaf(input, k));
    let most_bands = if top_has_branches {
        input.children[0].len().clamp(1, 12)
    } else {
        1
    };
    let mut best: Option<(f32, Shape)> = None;
    for &rows in &rows_tried {
        // Everything below the top depends only on the column limit; the bands only on the top.
        let (_, mut blocks) = blocks_below_top(input, rows);
        for bands in 1..=most_bands {
            let shape = Shape { rows, bands };
            let top = arrangement(input, 0, shape, &blocks);
            blocks[0] = block(input, 0, &top, &blocks);
            let needed = scale_needed(input, &blocks[0]);
            if best.is_none_or(|(score, _)| needed < score) {
                best = Some((needed, shape));
            }
        }
    }
    best.map_or(Shape { rows: 1, bands: 1 }, |(_, shape)| shape)
}

/// How large the target must be (its height, with the width following the aspect ratio) to hold
/// the drawing: the smaller, the larger the drawing can be printed.
fn scale_needed(input: &CompactInput<'_>, top: &Block) -> f32 {
    let width = top.width + 2.0 * input.margin;
    let height = top.height + 2.0 * input.margin;
    (width / input.target_aspect.max(0.05)).max(height)
}

/// Arrangements and blocks of every entry but the top (entry 0 is left default).
fn blocks_below_top(input: &CompactInput<'_>, rows: usize) -> (Vec<Arrangement>, Vec<Block>) {
    let n = input.sizes.len();
    let shape = Shape { rows, bands: 1 };
    let mut arrangements = vec![Arrangement::Leaf; n];
    let mut blocks = vec![Block::default(); n];
    for entry in (1..n).rev() {
        let chosen = arrangement(input, entry, shape, &blocks);
        blocks[entry] = block(input, entry, &chosen, &blocks);
        arrangements[entry] = chosen;
    }
    (arrangements, blocks)
}

fn blocks(input: &CompactInput<'_>, shape: Shape) -> (Vec<Arrangement>, Vec<Block>) {
    let (mut arrangements, mut blocks) = blocks_below_top(input, shape.rows);
    let top = arrangement(input, 0, shape, &blocks);
    blocks[0] = block(input, 0, &top, &blocks);
    arrangements[0] = top;
    (arrangements, blocks)
}

/// How `entry`'s children are arranged, given their blocks.
fn arrangement(
    input: &CompactInput<'_>,
    entry: usize,
    shape: Shape,
    blocks: &[Block],
) -> Arrangement {
    let kids = &input.children[entry];
    if kids.is_empty() {
        return Arrangement::Leaf;
    }
    let all_leaves = kids.iter().all(|&k| is_leaf(input, k));
    if all_leaves && kids.len() > 1 {
        let columns = kids.len().div_ceil(shape.rows.max(1));
        let per_column = kids.len().div_ceil(columns);
        if columns > 1 || !input.left_to_right {
            return Arrangement::Columns(kids.chunks(per_column).map(<[usize]>::to_vec).collect());
        }
        return Arrangement::Line;
    }
    if entry == 0 && shape.bands > 1 && !all_leaves {
        return Arrangement::Columns(balanced_bands(input, kids, shape.bands, blocks));
    }
    Arrangement::Line
}

/// Splits `kids` in order into at most `bands` columns of about equal height.
fn balanced_bands(
    input: &CompactInput<'_>,
    kids: &[usize],
    bands: usize,
    blocks: &[Block],
) -> Vec<Vec<usize>> {
    let total: f32 = kids
        .iter()
        .map(|&k| blocks[k].height + input.sibling_gap)
        .sum();
    let target = total / bands as f32;
    let mut columns: Vec<Vec<usize>> = vec![Vec::new()];
    let mut height = 0.0;
    for (i, &kid) in kids.iter().enumerate() {
        let step = blocks[kid].height + input.sibling_gap;
        let left_after = kids.len() - i;
        let room_for_more = columns.len() < bands && left_after >= 1;
        let current = columns.last().map_or(0, Vec::len);
        if current > 0 && room_for_more && height + step / 2.0 > target {
            columns.push(Vec::new());
            height = 0.0;
        }
        height += step;
        if let Some(column) = columns.last_mut() {
            column.push(kid);
        }
    }
    columns
}

/// Width of each column and its height, children and the gaps between them.
fn column_extents(
    input: &CompactInput<'_>,
    columns: &[Vec<usize>],
    blocks: &[Block],
) -> Vec<(f32, f32)> {
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
        Arrangement::Columns(columns) => {
            let extents = column_extents(input, columns, blocks);
            let widths: f32 = extents.iter().map(|e| e.0).sum();
            let tallest = extents.iter().map(|e| e.1).fold(0.0, f32::max);
            if input.left_to_right {
                // Spine of the first column in the level gap; the others in lanes between
                // columns; the bus in a lane above them all.
                let grid_width = widths + input.lane * (columns.len() - 1) as f32;
                let bus = bus_lane(input, columns);
                let first_column = extents.first().map_or(0.0, |e| e.1);
                let box_y = (bus + (first_column - h) / 2.0).max(0.0);
                Block {
                    width: w + input.level_gap + grid_width,
                    height: (bus + tallest).max(box_y + h),
                    box_x: 0.0,
                    box_y,
                }
            } else {
                // A lane left of every column for its spine; the bus in the level gap.
                let grid_width = widths + input.lane * columns.len() as f32;
                let width = grid_width.max(w);
                Block {
                    width,
                    height: h + input.level_gap + tallest,
                    box_x: (width - w) / 2.0,
                    box_y: 0.0,
                }
            }
        }
    }
}

/// Height of the lane above columns for their bus: only left to right with several columns
/// needs one (top down, the bus runs in the level gap).
fn bus_lane(input: &CompactInput<'_>, columns: &[Vec<usize>]) -> f32 {
    if input.left_to_right && columns.len() > 1 {
        input.lane
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
        Arrangement::Columns(columns) => {
            let extents = column_extents(input, columns, blocks);
            let (mut x, top) = if input.left_to_right {
                (
                    here.x + w + input.level_gap,
                    here.y + bus_lane(input, columns),
                )
            } else {
                let widths: f32 = extents.iter().map(|e| e.0).sum();
                let grid_width = widths + input.lane * columns.len() as f32;
                (
                    here.x + (b.width - grid_width) / 2.0 + input.lane,
                    here.y + h + input.level_gap,
                )
            };
            for (column, extent) in columns.iter().zip(&extents) {
                let mut y = top;
                for &kid in column {
                    origins[kid] = Point { x, y };
                    y += blocks[kid].height + input.sibling_gap;
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
            Arrangement::Columns(columns) => {
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
    let spine = if input.left_to_right {
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
