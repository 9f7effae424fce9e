//! Tidy placement of a tree of variable-size boxes in linear time.
//!
//! Follows A. van der Ploeg, "Drawing non-layered tidy trees in linear time" (Software: Practice
//! and Experience, 2014): a post-order walk places each subtree against its left siblings by
//! following their contours (threads skip along the outline), then a pre-order walk sums the
//! modifiers. Written iteratively so that deep maps cannot overflow the stack.
//!
//! Coordinates here are abstract: `breadth` is the axis siblings spread along, `depth` the axis
//! levels advance along. Sizes include the gaps, so boxes that do not overlap here do not touch.

/// A tree to place: node 0 is the root, `children[i]` are node `i`'s children in order.
pub struct TidyInput {
    /// Size of each node along the breadth axis, gap included.
    pub breadth: Vec<f32>,
    /// Size of each node along the depth axis, gap included.
    pub depth: Vec<f32>,
    /// Ordered children of each node.
    pub children: Vec<Vec<usize>>,
}

/// Where each node's box starts on both axes.
pub struct TidyOutput {
    pub breadth_start: Vec<f32>,
    pub depth_start: Vec<f32>,
}

#[derive(Clone, Default)]
struct Work {
    prelim: f32,
    modifier: f32,
    shift: f32,
    change: f32,
    thread_left: Option<usize>,
    thread_right: Option<usize>,
    extreme_left: usize,
    extreme_right: usize,
    modsum_extreme_left: f32,
    modsum_extreme_right: f32,
}

/// Places the tree. Nodes not reachable from node 0 are left at the origin.
pub fn tidy(input: &TidyInput) -> TidyOutput {
    let n = input.breadth.len();
    if n == 0 {
        return TidyOutput {
            breadth_start: Vec::new(),
            depth_start: Vec::new(),
        };
    }
    let order = pre_order(&input.children, n);
    let mut y = vec![0.0_f32; n];
    for &node in &order {
        for &child in &input.children[node] {
            y[child] = y[node] + input.depth[node];
        }
    }
    let mut placer = Placer {
        input,
        y: &y,
        work: vec![Work::default(); n],
    };
    for &node in order.iter().rev() {
        placer.first_walk(node);
    }
    let mut x = vec![0.0_f32; n];
    let mut stack = vec![(0_usize, 0.0_f32)];
    while let Some((node, parent_modsum)) = stack.pop() {
        let modsum = parent_modsum + placer.work[node].modifier;
        x[node] = placer.work[node].prelim + modsum;
        placer.add_child_spacing(node);
        for &child in input.children[node].iter().rev() {
            stack.push((child, modsum));
        }
    }
    TidyOutput {
        breadth_start: x,
        depth_start: y,
    }
}

fn pre_order(children: &[Vec<usize>], n: usize) -> Vec<usize> {
    let mut order = Vec::with_capacity(n);
    let mut stack = vec![0];
    while let Some(node) = stack.pop() {
        order.push(node);
        stack.extend(children[node].iter().rev());
    }
    order
}

struct Placer<'a> {
    input: &'a TidyInput,
    y: &'a [f32],
    work: Vec<Work>,
}

impl Placer<'_> {
    fn bottom(&self, node: usize) -> f32 {
        self.y[node] + self.input.depth[node]
    }

    /// Places `node`'s children (already walked) side by side and centres `node` over them.
    fn first_walk(&mut self, node: usize) {
        let children = &self.input.children[node];
        let Some(&first) = children.first() else {
            self.set_extremes(node);
            return;
        };
        // Left siblings that still show on the contour, with their lowest point, newest last.
        let mut lowest: Vec<(f32, usize)> = Vec::new();
        update_lowest(&mut lowest, self.bottom(self.work[first].extreme_left), 0);
        for (i, &child) in children.iter().enumerate().skip(1) {
            let min_y = self.bottom(self.work[child].extreme_right);
            self.separate(node, i, &lowest);
            update_lowest(&mut lowest, min_y, i);
        }
        self.position_root(node);
        self.set_extremes(node);
    }

    fn set_extremes(&mut self, node: usize) {
        let children = &self.input.children[node];
        match (children.first(), children.last()) {
            (Some(&first), Some(&last)) => {
                let (el, msel) = (
                    self.work[first].extreme_left,
                    self.work[first].modsum_extreme_left,
                );
                let (er, mser) = (
                    self.work[last].extreme_right,
                    self.work[last].modsum_extreme_right,
                );
                let w = &mut self.work[node];
                w.extreme_left = el;
                w.modsum_extreme_left = msel;
                w.extreme_right = er;
                w.modsum_extreme_right = mser;
            }
            _ => {
                let w = &mut self.work[node];
                w.extreme_left = node;
                w.extreme_right = node;
                w.modsum_extreme_left = 0.0;
                w.modsum_extreme_right = 0.0;
            }
        }
    }

    /// Pushes child `i` of `node` clear of its left siblings, walking both contours.
    fn separate(&mut self, node: usize, i: usize, lowest: &[(f32, usize)]) {
        let children = &self.input.children[node];
        let mut cursor = lowest.len().saturating_sub(1);
        let mut sr = Some(children[i - 1]);
        let mut mssr = self.work[children[i - 1]].modifier;
        let mut cl = Some(children[i]);
        let mut mscl = self.work[children[i]].modifier;
        while let (Some(right), Some(left)) = (sr, cl) {
            if self.bottom(right) > lowest[cursor].0 && cursor > 0 {
                cursor -= 1;
            }
            let dist = (mssr + self.work[right].prelim + self.input.breadth[right])
                - (mscl + self.work[left].prelim);
            if dist > 0.0 {
                mscl += dist;
                self.move_subtree(node, i, lowest[cursor].1, dist);
            }
            let (sy, cy) = (self.bottom(right), self.bottom(left));
            if sy <= cy {
                sr = self.next_right_contour(right);
                if let Some(next) = sr {
                    mssr += self.work[next].modifier;
                }
            }
            if sy >= cy {
                cl = self.next_left_contour(left);
                if let Some(next) = cl {
                    mscl += self.work[next].modifier;
                }
            }
        }
        match (sr, cl) {
            (None, Some(left)) => self.set_left_thread(node, i, left, mscl),
            (Some(right), None) => self.set_right_thread(node, i, right, mssr),
            _ => {}
        }
    }

    fn move_subtree(&mut self, node: usize, i: usize, si: usize, dist: f32) {
        let child = self.input.children[node][i];
        let w = &mut self.work[child];
        w.modifier += dist;
        w.modsum_extreme_left += dist;
        w.modsum_extreme_right += dist;
        // Spread the move over the siblings in between so that they stay evenly spaced.
        if si + 1 != i {
            let nr = (i - si) as f32;
            let after_si = self.input.children[node][si + 1];
            self.work[after_si].shift += dist / nr;
            self.work[child].shift -= dist / nr;
            self.work[child].change -= dist - dist / nr;
        }
    }

    fn next_left_contour(&self, node: usize) -> Option<usize> {
        self.input.children[node]
            .first()
            .copied()
            .or(self.work[node].thread_left)
    }

    fn next_right_contour(&self, node: usize) -> Option<usize> {
        self.input.children[node]
            .last()
            .copied()
            .or(self.work[node].thread_right)
    }

    fn set_left_thread(&mut self, node: usize, i: usize, cl: usize, modsum_cl: f32) {
        let children = &self.input.children[node];
        let (first, current) = (children[0], children[i]);
        let li = self.work[first].extreme_left;
        self.work[li].thread_left = Some(cl);
        let diff = (modsum_cl - self.work[cl].modifier) - self.work[first].modsum_extreme_left;
        self.work[li].modifier += diff;
        self.work[li].prelim -= diff;
        self.work[first].extreme_left = self.work[current].extreme_left;
        self.work[first].modsum_extreme_left = self.work[current].modsum_extreme_left;
    }

    fn set_right_thread(&mut self, node: usize, i: usize, sr: usize, modsum_sr: f32) {
        let children = &self.input.children[node];
        let (previous, current) = (children[i - 1], children[i]);
        let ri = self.work[current].extreme_right;
        self.work[ri].thread_right = Some(sr);
        let diff = (modsum_sr - self.work[sr].modifier) - self.work[current].modsum_extreme_right;
        self.work[ri].modifier += diff;
        self.work[ri].prelim -= diff;
        self.work[current].extreme_right = self.work[previous].extreme_right;
        self.work[current].modsum_extreme_right = self.work[previous].modsum_extreme_right;
    }

    /// Centres a parent over the span of its first and last child.
    fn position_root(&mut self, node: usize) {
        let children = &self.input.children[node];
        let (Some(&first), Some(&last)) = (children.first(), children.last()) else {
            return;
        };
        let (f, l) = (&self.work[first], &self.work[last]);
        let span_centre =
            (f.prelim + f.modifier + l.modifier + l.prelim + self.input.breadth[last]) / 2.0;
        self.work[node].prelim = span_centre - self.input.breadth[node] / 2.0;
    }

    /// Turns the shifts recorded by `move_subtree` into modifiers of `node`'s children.
    fn add_child_spacing(&mut self, node: usize) {
        let (mut d, mut modsum_delta) = (0.0, 0.0);
        for &child in &self.input.children[node] {
            d += self.work[child].shift;
            modsum_delta += d + self.work[child].change;
            self.work[child].modifier += modsum_delta;
        }
    }
}

/// Drops siblings hidden behind a new subtree whose lowest point is `min_y`, then records it.
fn update_lowest(lowest: &mut Vec<(f32, usize)>, min_y: f32, index: usize) {
    while lowest.last().is_some_and(|&(low, _)| min_y >= low) {
        lowest.pop();
    }
    lowest.push((min_y, index));
}
