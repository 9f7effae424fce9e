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

/// Of all column limits and band counts, the shape whose drawing fits the target at the
/// largest scale, and how large a target it needs (its height; the smaller, the larger the
/// drawing prints). Left to right, each group of leaves then widens into the room its column of
/// branches leaves beside it, which only ever makes the drawing shorter.
///
/// `kept` holds what the last search of the same tree worked out (every candidate's blocks):
/// when only some boxes changed size, only their blocks and those above them are sized again.
pub(super) fn best(
    input: &CompactInput<'_>,
    kept: Option<(&mut SearchCache, Kept<'_>)>,
) -> (f32, Shape) {
    let n = input.sizes.len();
    if n == 0 {
        let empty = Shape {
            columns: Vec::new(),
            bands: None,
            top_above: false,
        };
        return (0.0, empty);
    }
    let mut fresh = SearchCache::default();
    let (cache, dirty) = match kept {
        Some((cache, Kept::SameTree)) => {
            let dirty = cache.prepare(input);
            (cache, dirty)
        }
        Some((cache, Kept::SameRows(rows))) => {
            let dirty = cache.refold(input, rows);
            (cache, dirty)
        }
        None => {
            let dirty = fresh.prepare(input);
            (&mut fresh, dirty)
        }
    };
    let top_has_branches = input.children[0].iter().any(|&k| !is_leaf(input, k));
    let most_bands = if top_has_branches {
        input.children[0].len().clamp(1, 12)
    } else {
        1
    };
    let placements = if input.left_to_right && top_has_branches {
        2
    } else {
        1
    };
    let small = n * cache.candidates.len() * most_bands * placements <= FULL_SEARCH_BUDGET;
    // The blocks of one candidate at a time: leaves are the same in every candidate.
    let mut below: Vec<Block> = (0..n)
        .map(|e| block(input, e, &Arrangement::Leaf, &[]))
        .collect();
    below[0] = Block::default();
    let mut best: Option<Best> = None;
    for c in 0..cache.candidates.len() {
        cache.size_candidate(input, c, dirty.as_deref(), &mut below);
        let columns = &cache.candidates[c];
        for count in 1..=most_bands {
            // Left to right, the top may also sit above its bands, as top down it always does.
            let tops: &[bool] = if input.left_to_right && top_has_branches {
                &[false, true]
            } else {
                &[!input.left_to_right]
            };
            for &top_above in tops {
                let bands = (count > 1 || top_above)
                    .then(|| balanced_bands(input, &input.children[0], count, &below));
                // Widening changes every block: for big maps the search sizes the top alone
                // and widens only the shape it keeps.
                let (needed, widened) = if input.left_to_right && small {
                    let mut shape = Shape {
                        columns: cache.full_columns(c, n),
                        bands: bands.clone(),
                        top_above,
                    };
                    widen(input, &mut shape, &below);
                    let widened = blocks_below_top(input, &shape.columns);
                    (
                        scale_needed(input, &top_block(input, &shape, &widened)),
                        shape.columns,
                    )
                } else {
                    let top = top_of(input, columns.top, bands.as_ref(), top_above, &below);
                    (scale_needed(input, &top), Vec::new())
                };
                if best.as_ref().is_none_or(|(score, ..)| needed < *score) {
                    best = Some((needed, c, bands, top_above, widened));
                }
            }
        }
    }
    let Some((needed, c, bands, top_above, widened)) = best else {
        return (
            f32::INFINITY,
            Shape {
                columns: vec![0; n],
                bands: None,
                top_above: false,
            },
        );
    };
    let mut shape = Shape {
        columns: if widened.is_empty() {
            cache.full_columns(c, n)
        } else {
            widened
        },
        bands,
        top_above,
    };
    if input.left_to_right && !small {
        // The kept shape widened, and judged again as it will be drawn.
        let below = blocks_below_top(input, &shape.columns);
        widen(input, &mut shape, &below);
        let widened = blocks_below_top(input, &shape.columns);
        return (
            scale_needed(input, &top_block(input, &shape, &widened)),
            shape,
        );
    }
    (needed, shape)
}

/// The best shape so far: how large a target it needs, its candidate, bands and whether the top
/// is above them, and (for small maps) the columns it widened to.
type Best = (f32, usize, Option<Vec<Vec<usize>>>, bool, Vec<usize>);

/// The top's block with `columns` for its own leaves and its children in `bands`.
fn top_of(
    input: &CompactInput<'_>,
    columns: usize,
    bands: Option<&Vec<Vec<usize>>>,
    top_above: bool,
    below: &[Block],
) -> Block {
    let chosen = arrangement(input, 0, columns, bands.map(|b| (b, top_above)));
    block(input, 0, &chosen, below)
}

/// One candidate's columns: for the top, and for each branch below it (in
/// [`SearchCache::branches`] order) as many columns as its leaves take (0 for a branch whose
/// children are not all leaves).
#[derive(Clone, Debug)]
struct Candidate {
    /// The first limit that gave these columns: `(false, r)` at most r leaves a column,
    /// `(true, k)` at most k columns a group.
    rule: (bool, usize),
    top: usize,
    branches: Vec<usize>,
}

/// What the caller knows of the tree a [`SearchCache`] was made for.
pub(super) enum Kept<'a> {
    /// The same tree (the same children lists).
    SameTree,
    /// Another folding of the same map: `rows[e]` is entry e's place among the map's unfolded
    /// placements, as the cache's rows were.
    SameRows(&'a [usize]),
}

/// What a search keeps for the next search of the same tree: the sizes it searched, its
/// candidates, and each candidate's blocks of the branches below the top. Whoever hands one to
/// [`best`] vouches that it comes from a search of the same tree (the same children lists).
#[derive(Clone, Debug, Default)]
pub(super) struct SearchCache {
    sizes: Vec<(f32, f32)>,
    /// Each entry's row among the map's unfolded placements, when known.
    rows: Vec<usize>,
    /// How many children each entry has.
    kids: Vec<usize>,
    spacing: [u32; 3],
    flags: (bool, bool),
    /// Entries below the top with children, last first (children before their parents).
    branches: Vec<usize>,
    /// The parent of every entry (the top its own).
    parent: Vec<usize>,
    candidates: Vec<Candidate>,
    /// `blocks[c][b]`: candidate c's block of `branches[b]`; empty until sized.
    blocks: Vec<Vec<Block>>,
}

impl SearchCache {
    /// Makes the cache fit `input`. Returns the branches to size again, last first, when the
    /// cache holds a search (those whose box or some box below changed size); `None` when
    /// everything is to be sized (a new cache, or other spacing).
    fn prepare(&mut self, input: &CompactInput<'_>) -> Option<Vec<usize>> {
        let spacing = [
            input.sibling_gap.to_bits(),
            input.level_gap.to_bits(),
            input.lane.to_bits(),
        ];
        let flags = (input.left_to_right, input.align_rows);
        let same_tree = !self.parent.is_empty()
            && self.spacing == spacing
            && self.flags == flags
            && self.sizes.len() == input.sizes.len();
        if !same_tree {
            *self = Self::of_tree(input);
            self.spacing = spacing;
            self.flags = flags;
            return None;
        }
        let mut marked = vec![false; input.sizes.len()];
        for (e, (old, new)) in self.sizes.iter().zip(input.sizes).enumerate() {
            if old.0.to_bits() != new.0.to_bits() || old.1.to_bits() != new.1.to_bits() {
                // The entry's block if it has children, and every block above it.
                let mut at = e;
                while at != 0 && !marked[at] {
                    marked[at] = true;
                    at = self.parent[at];
                }
            }
        }
        self.sizes = input.sizes.to_vec();
        Some(self.marked_branches(&marked))
    }

    /// The branches (indices into `branches`, last entry first) whose entry is marked.
    fn marked_branches(&self, marked: &[bool]) -> Vec<usize> {
        self.branches
            .iter()
            .enumerate()
            .filter(|&(_, &e)| marked[e])
            .map(|(b, _)| b)
            .collect()
    }

    /// Makes the cache fit `input`, a tree folded otherwise from the same placements (`rows`).
    /// The blocks of branches with nothing changed below them (no fold, no size) are taken
    /// from the candidate with the same rule; returns the branches to size again, last first.
    fn refold(&mut self, input: &CompactInput<'_>, rows: &[usize]) -> Option<Vec<usize>> {
        let old = std::mem::take(self);
        *self = Self::of_tree(input);
        self.rows = rows.to_vec();
        let spacing = [
            input.sibling_gap.to_bits(),
            input.level_gap.to_bits(),
            input.lane.to_bits(),
        ];
        let flags = (input.left_to_right, input.align_rows);
        (self.spacing, self.flags) = (spacing, flags);
        if old.parent.is_empty()
            || old.rows.len() != old.sizes.len()
            || old.spacing != spacing
            || old.flags != flags
            || rows.len() != input.sizes.len()
        {
            return None;
        }
        let span = rows.iter().chain(&old.rows).max().map_or(0, |&r| r + 1);
        let mut old_entry_of_row = vec![usize::MAX; span];
        for (e, &r) in old.rows.iter().enumerate() {
            old_entry_of_row[r] = e;
        }
        let mut old_branch = vec![usize::MAX; old.sizes.len()];
        for (b, &e) in old.branches.iter().enumerate() {
            old_branch[e] = b;
        }
        // Entries folded otherwise or sized otherwise, and every entry above them.
        let n = input.sizes.len();
        let mut dirty = vec![false; n];
        for e in 0..n {
            let before = old_entry_of_row[rows[e]];
            let same = before != usize::MAX
                && old.kids[before] == input.children[e].len()
                && old.sizes[before].0.to_bits() == input.sizes[e].0.to_bits()
                && old.sizes[before].1.to_bits() == input.sizes[e].1.to_bits();
            if !same {
                let mut at = e;
                while at != 0 && !dirty[at] {
                    dirty[at] = true;
                    at = self.parent[at];
                }
            }
        }
        let old_candidate: std::collections::HashMap<(bool, usize), usize> = old
            .candidates
            .iter()
            .enumerate()
            .map(|(c, candidate)| (candidate.rule, c))
            .collect();
        for (c, candidate) in self.candidates.iter().enumerate() {
            let Some(old_blocks) = old_candidate
                .get(&candidate.rule)
                .map(|&oc| &old.blocks[oc])
                .filter(|blocks| blocks.len() == old.branches.len())
            else {
                continue;
            };
            self.blocks[c] = self
                .branches
                .iter()
                .map(|&e| {
                    let before = old_entry_of_row[rows[e]];
                    match old_branch.get(before) {
                        Some(&b) if !dirty[e] && b != usize::MAX => old_blocks[b],
                        _ => Block::default(),
                    }
                })
                .collect();
        }
        Some(self.marked_branches(&dirty))
    }

    /// A cache for `input`'s tree with nothing sized yet.
    fn of_tree(input: &CompactInput<'_>) -> Self {
        let n = input.sizes.len();
        let mut parent = vec![0; n];
        for (e, kids) in input.children.iter().enumerate() {
            for &k in kids {
                parent[k] = e;
            }
        }
        let branches: Vec<usize> = (1..n).rev().filter(|&e| !is_leaf(input, e)).collect();
        let candidates = candidates(input, &branches);
        Self {
            sizes: input.sizes.to_vec(),
            rows: Vec::new(),
            kids: input.children.iter().map(Vec::len).collect(),
            spacing: [0; 3],
            flags: (false, false),
            blocks: vec![Vec::new(); candidates.len()],
            branches,
            parent,
            candidates,
        }
    }

    /// Puts candidate `c`'s blocks of the branches into `below` (whose leaves are sized),
    /// sizing again the branches `dirty` names (indices into `branches`), or all of them.
    fn size_candidate(
        &mut self,
        input: &CompactInput<'_>,
        c: usize,
        dirty: Option<&[usize]>,
        below: &mut [Block],
    ) {
        let columns = &self.candidates[c].branches;
        let blocks = &mut self.blocks[c];
        match dirty.filter(|_| blocks.len() == self.branches.len()) {
            Some(dirty) => {
                for (&e, b) in self.branches.iter().zip(blocks.iter()) {
                    below[e] = *b;
                }
                for &b in dirty {
                    let e = self.branches[b];
                    below[e] = sized(input, e, columns[b], below);
                    blocks[b] = below[e];
                }
            }
            None => {
                blocks.clear();
                for (b, &e) in self.branches.iter().enumerate() {
                    below[e] = sized(input, e, columns[b], below);
                    blocks.push(below[e]);
                }
            }
        }
    }

    /// Notes each entry's row among the map's unfolded placements (one per entry), so the next
    /// search, of another folding, can find its blocks.
    pub fn set_rows(&mut self, rows: &[usize]) {
        if rows.len() == self.kids.len() {
            self.rows = rows.to_vec();
        }
    }

    /// Candidate `c`'s columns for every entry.
    fn full_columns(&self, c: usize, n: usize) -> Vec<usize> {
        let mut columns = vec![0; n];
        let candidate = &self.candidates[c];
        columns[0] = candidate.top;
        for (&e, &count) in self.branches.iter().zip(&candidate.branches) {
            columns[e] = count;
        }
        columns
    }
}

/// The column limits tried: at most `rows` leaves a column (each group as many columns as
/// that needs), and at most `k` columns for every group (as many rows as that needs).
fn candidates(input: &CompactInput<'_>, branches: &[usize]) -> Vec<Candidate> {
    let n = input.sizes.len();
    let largest_group = (0..n)
        .filter(|&e| is_leaf_group(input, e))
        .map(|e| input.children[e].len())
        .max()
        .unwrap_or(1);
    let mut rows_tried: Vec<usize> = [
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 24, 28, 32, 40, 48, 64, 80, 100,
        128, 160, 200, 256, 320, 400, 512,
    ]
    .into_iter()
    .filter(|&r| r < largest_group)
    .collect();
    rows_tried.push(largest_group);
    // How many leaves each group holds (0: not a group), found once for all candidates.
    let group = |e: usize| {
        if is_leaf_group(input, e) {
            input.children[e].len()
        } else {
            0
        }
    };
    let top_group = group(0);
    let groups: Vec<usize> = branches.iter().map(|&e| group(e)).collect();
    let columns_of =
        |len: usize, rule: &dyn Fn(usize) -> usize| if len > 0 { rule(len) } else { 0 };
    let candidate = |rule: (bool, usize), columns: &dyn Fn(usize) -> usize| Candidate {
        rule,
        top: columns_of(top_group, columns),
        branches: groups.iter().map(|&len| columns_of(len, columns)).collect(),
    };
    let mut found: Vec<Candidate> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut keep = |one: Candidate| {
        if seen.insert((one.top, one.branches.clone())) {
            found.push(one);
        }
    };
    for &rows in &rows_tried {
        keep(candidate((false, rows), &|len| len.div_ceil(rows)));
    }
    for &most in rows_tried.iter().filter(|&&k| k > 1) {
        keep(candidate((true, most), &|len| len.min(most)));
    }
    found
}

/// While boxes × candidate shapes stays under this, the search widens every candidate before
/// judging it; above it, only the one it keeps (a whole catalogue would otherwise take seconds).
const FULL_SEARCH_BUDGET: usize = 400_000;

/// How large the target must be (its height, with the width following the aspect ratio) to hold
/// the drawing: the smaller, the larger the drawing can be printed.
fn scale_needed(input: &CompactInput<'_>, top: &Block) -> f32 {
    let width = top.width + 2.0 * input.margin;
    let height = top.height + 2.0 * input.margin;
    (width / input.target_aspect.max(0.05)).max(height)
}

/// Blocks of every entry but the top (entry 0 is left default).
fn blocks_below_top(input: &CompactInput<'_>, columns: &[usize]) -> Vec<Block> {
    let n = input.sizes.len();
    let mut blocks = vec![Block::default(); n];
    for entry in (1..n).rev() {
        blocks[entry] = sized(input, entry, columns[entry], &blocks);
    }
    blocks
}

/// The top's block in `shape`, the blocks below it being `below` (laid out for `shape`).
fn top_block(input: &CompactInput<'_>, shape: &Shape, below: &[Block]) -> Block {
    let bands = shape.bands.as_ref().map(|b| (b, shape.top_above));
    let chosen = arrangement(input, 0, shape.columns[0], bands);
    block(input, 0, &chosen, below)
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

/// Left to right: gives each group of leaves as many more columns as fit in the width its
/// branch already takes (its neighbours in the same column of branches are as wide), so the
/// drawing gets shorter and no wider. `below` are the blocks before widening.
fn widen(input: &CompactInput<'_>, shape: &mut Shape, below: &[Block]) {
    let n = input.sizes.len();
    let mut room = vec![f32::INFINITY; n];
    // The top: its bands are as wide as their widest block; one line is as wide as its widest.
    match &shape.bands {
        Some(bands) => {
            for band in bands {
                let width = band.iter().map(|&k| below[k].width).fold(0.0, f32::max);
                for &k in band {
                    room[k] = width;
                }
            }
        }
        None => {
            let width = input.children[0]
                .iter()
                .map(|&k| below[k].width)
                .fold(0.0, f32::max);
            for &k in &input.children[0] {
                room[k] = width;
            }
        }
    }
    // Pre-order: a parent's room is known before its children's.
    for entry in 1..n {
        let (w, _) = input.sizes[entry];
        let inner = room[entry] - w - input.level_gap;
        if is_leaf_group(input, entry) {
            // As many columns as fit if every leaf were as wide as the widest: never more than
            // the room, in one pass.
            let kids = &input.children[entry];
            let widest = kids.iter().map(|&k| input.sizes[k].0).fold(0.0, f32::max);
            let fit = ((inner + input.lane) / (widest + input.lane).max(1.0)).floor();
            let fit = if fit.is_finite() && fit > 0.0 {
                fit as usize
            } else {
                1
            };
            shape.columns[entry] = shape.columns[entry].max(fit.min(kids.len())).max(1);
        } else {
            // One line of branches, each as wide as the widest of them.
            let width = input.children[entry]
                .iter()
                .map(|&k| below[k].width)
                .fold(0.0, f32::max)
                .min(inner.max(0.0));
            for &k in &input.children[entry] {
                room[k] = width.max(below[k].width);
            }
        }
    }
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
    for &kid in kids {
        let step = blocks[kid].height + input.sibling_gap;
        let current = columns.last().map_or(0, Vec::len);
        if current > 0 && columns.len() < bands && height + step / 2.0 > target {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A top with branches of leaves (some branches with a branch of their own), in pre-order.
    fn tree(groups: &[usize]) -> Vec<Vec<usize>> {
        let mut children: Vec<Vec<usize>> = vec![Vec::new()];
        for (g, &leaves) in groups.iter().enumerate() {
            let branch = children.len();
            children[0].push(branch);
            children.push(Vec::new());
            // Every third branch holds a branch of leaves, not leaves.
            let holder = if g % 3 == 2 {
                let inner = children.len();
                children[branch].push(inner);
                children.push(Vec::new());
                inner
            } else {
                branch
            };
            for _ in 0..leaves {
                let leaf = children.len();
                children[holder].push(leaf);
                children.push(Vec::new());
            }
        }
        children
    }

    fn input<'a>(children: &'a [Vec<usize>], sizes: &'a [(f32, f32)]) -> CompactInput<'a> {
        CompactInput {
            children,
            sizes,
            left_to_right: true,
            sibling_gap: 8.0,
            level_gap: 30.0,
            lane: 12.0,
            target_aspect: 1.4,
            margin: 20.0,
            align_rows: false,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

        /// After boxes change size, the blocks the search keeps for every candidate are the
        /// blocks a search from nothing works out, and so is the shape it picks.
        #[test]
        fn kept_blocks_follow_changed_sizes(
            groups in proptest::collection::vec(0usize..30, 1..20),
            changes in proptest::collection::vec((0usize..10_000, 20.0f32..90.0), 1..12),
        ) {
            let children = tree(&groups);
            let mut sizes: Vec<(f32, f32)> = (0..children.len()).map(|e| (150.0, 30.0 + (e % 7) as f32)).collect();
            let mut kept = SearchCache::default();
            best(&input(&children, &sizes), Some((&mut kept, Kept::SameTree)));
            for (at, height) in changes {
                let e = at % sizes.len();
                sizes[e].1 = height;
                let (needed, shape) = best(&input(&children, &sizes), Some((&mut kept, Kept::SameTree)));
                let mut fresh = SearchCache::default();
                let (fresh_needed, fresh_shape) = best(&input(&children, &sizes), Some((&mut fresh, Kept::SameTree)));
                prop_assert_eq!(&kept.blocks.iter().map(|c| c.iter().map(|b| (b.width, b.height, b.box_x, b.box_y)).collect::<Vec<_>>()).collect::<Vec<_>>(),
                    &fresh.blocks.iter().map(|c| c.iter().map(|b| (b.width, b.height, b.box_x, b.box_y)).collect::<Vec<_>>()).collect::<Vec<_>>());
                prop_assert_eq!(needed, fresh_needed);
                prop_assert_eq!(shape, fresh_shape);
            }
        }
    }

    /// `children` with the branches of `folded` (entries) cut off, in pre-order, and each
    /// remaining entry's index in `children` (its row).
    fn folded(children: &[Vec<usize>], folded: &[usize]) -> (Vec<Vec<usize>>, Vec<usize>) {
        let mut out: Vec<Vec<usize>> = Vec::new();
        let mut rows = Vec::new();
        let mut stack = vec![(0usize, None::<usize>)];
        while let Some((e, parent)) = stack.pop() {
            let index = out.len();
            out.push(Vec::new());
            rows.push(e);
            if let Some(p) = parent {
                out[p].push(index);
            }
            if !folded.contains(&e) {
                for &k in children[e].iter().rev() {
                    stack.push((k, Some(index)));
                }
            }
        }
        (out, rows)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

        /// Folded otherwise, the blocks the search takes from the last folding are the blocks a
        /// search from nothing works out, and so is the shape it picks.
        #[test]
        fn blocks_kept_across_foldings_are_fresh_ones(
            groups in proptest::collection::vec(0usize..30, 1..20),
            foldings in proptest::collection::vec(proptest::collection::vec(0usize..1000, 0..3), 1..6),
            resized in proptest::collection::vec((0usize..10_000, 20.0f32..90.0), 0..3),
        ) {
            let full = tree(&groups);
            let mut full_sizes: Vec<(f32, f32)> = (0..full.len()).map(|e| (150.0, 30.0 + (e % 7) as f32)).collect();
            let mut kept = SearchCache::default();
            let mut first = true;
            for (step, picks) in foldings.iter().enumerate() {
                let branches: Vec<usize> = (1..full.len()).filter(|&e| !full[e].is_empty()).collect();
                let fold: Vec<usize> = picks.iter().filter(|_| !branches.is_empty()).map(|p| branches[p % branches.len()]).collect();
                if let Some(&(at, height)) = resized.get(step) {
                    let e = at % full_sizes.len();
                    full_sizes[e].1 = height;
                }
                let (children, rows) = folded(&full, &fold);
                let sizes: Vec<(f32, f32)> = rows.iter().map(|&r| full_sizes[r]).collect();
                let how = if first { Kept::SameTree } else { Kept::SameRows(&rows) };
                first = false;
                let (needed, shape) = best(&input(&children, &sizes), Some((&mut kept, how)));
                kept.set_rows(&rows);
                let mut fresh = SearchCache::default();
                let (fresh_needed, fresh_shape) = best(&input(&children, &sizes), Some((&mut fresh, Kept::SameTree)));
                let flat = |cache: &SearchCache| cache.blocks.iter().map(|c| c.iter().map(|b| (b.width, b.height, b.box_x, b.box_y)).collect::<Vec<_>>()).collect::<Vec<_>>();
                prop_assert_eq!(flat(&kept), flat(&fresh));
                prop_assert_eq!(needed, fresh_needed);
                prop_assert_eq!(shape, fresh_shape);
            }
        }
    }
}
