//! The compact layout's search for a shape: of all column limits and band counts, the one whose
//! drawing prints largest in the target, and what it keeps (every candidate's blocks) so the next
//! search after a change of size or folding sizes again only what changed.

use super::{
    Arrangement, Block, CompactInput, Shape, arrangement, block, is_leaf, is_leaf_group, sized,
};

/// Of all column limits and band counts, the shape whose drawing fits the target at the
/// largest scale, and how large a target it needs (its height; the smaller, the larger the
/// drawing prints). Left to right, each group of leaves then widens into the room its column of
/// branches leaves beside it, which only ever makes the drawing shorter.
///
/// `kept` holds what the last search of the same tree worked out (every candidate's blocks):
/// when only some boxes changed size, only their blocks and those above them are sized again.
pub(in crate::layout) fn best(
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
pub(in crate::layout) enum Kept<'a> {
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
pub(in crate::layout) struct SearchCache {
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
    pub(in crate::layout) fn set_rows(&mut self, rows: &[usize]) {
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
