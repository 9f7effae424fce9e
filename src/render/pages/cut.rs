//! Cutting a Scene into page-sized tiles, only in the gaps between boxes where there is one, and
//! packing small scenes together onto pages.

use crate::layout::{Point, Rect, Scene};

/// Cuts `scene` into tiles at most `limit_width × limit_height` (scene units) by guillotine cuts:
/// each cut runs right across the part being cut, in a gap between boxes where there is one
/// (the furthest gap within a page on an axis that is too long, else any gap, which splits the
/// part into pieces to cut further), and through boxes only where no gap is left. Tiles are in
/// reading order, each trimmed to the boxes it holds (plus `pad`, never reaching into a
/// neighbour's boxes).
pub(super) fn cut(scene: &Scene, limit_width: f32, limit_height: f32, pad: f32) -> Vec<Rect> {
    let rects: Vec<Rect> = scene.boxes.iter().map(|b| b.rect).collect();
    let Some(bounds) = rects.iter().copied().reduce(|a, b| a.union(&b)) else {
        return Vec::new();
    };
    let limits = (limit_width.max(1.0), limit_height.max(1.0));
    let mut tiles = Vec::new();
    guillotine(&rects, bounds, limits, pad, &mut tiles);
    tiles
}

#[derive(Clone, Copy, PartialEq)]
enum Axis {
    X,
    Y,
}

fn span(r: &Rect, axis: Axis) -> (f32, f32) {
    match axis {
        Axis::X => (r.x, r.right()),
        Axis::Y => (r.y, r.bottom()),
    }
}

fn guillotine(rects: &[Rect], cell: Rect, limits: (f32, f32), pad: f32, tiles: &mut Vec<Rect>) {
    let Some(held) = rects.iter().copied().reduce(|a, b| a.union(&b)) else {
        return;
    };
    let over = |axis: Axis| match axis {
        Axis::X => held.width / limits.0,
        Axis::Y => held.height / limits.1,
    };
    if over(Axis::X) <= 1.0 + 1e-4 && over(Axis::Y) <= 1.0 + 1e-4 {
        let padded = clamp(&held.expand(pad), &cell, &held);
        tiles.push(trim(&padded, &held, limits.0, limits.1));
        return;
    }
    let limit = |axis: Axis| if axis == Axis::X { limits.0 } else { limits.1 };
    // The axis that overflows more first.
    let axes = if over(Axis::Y) >= over(Axis::X) {
        [Axis::Y, Axis::X]
    } else {
        [Axis::X, Axis::Y]
    };
    let gaps = |axis: Axis| {
        let spans: Vec<(f32, f32)> = rects.iter().map(|r| span(r, axis)).collect();
        merge(&spans)
    };
    // A gap within a page's length from the start, on an axis that is too long.
    for axis in axes {
        if over(axis) <= 1.0 + 1e-4 {
            continue;
        }
        let covered = gaps(axis);
        let start = covered[0].0;
        let at = covered
            .iter()
            .skip(1)
            .map(|&(a, _)| a)
            .filter(|&a| a <= start + limit(axis) + 1e-3)
            .fold(f32::NAN, f32::max);
        if at.is_finite() {
            split_at(rects, cell, axis, at, limits, pad, tiles);
            return;
        }
    }
    // Any gap: the part falls into pieces that may each be cut more cleanly.
    for axis in axes {
        let covered = gaps(axis);
        if covered.len() > 1 {
            let (start, end) = (covered[0].0, covered[covered.len() - 1].1);
            let middle = (start + end) / 2.0;
            let at = covered
                .iter()
                .skip(1)
                .map(|&(a, _)| a)
                .min_by(|a, b| (a - middle).abs().total_cmp(&(b - middle).abs()))
                .unwrap_or(middle);
            split_at(rects, cell, axis, at, limits, pad, tiles);
            return;
        }
    }
    // No gap at all: through the boxes, a page's length at a time.
    let axis = axes[0];
    let (start, _) = span(&held, axis);
    split_at(rects, cell, axis, start + limit(axis), limits, pad, tiles);
}

/// Splits the part at `at` on `axis` (a box goes with the side it starts on) and cuts each side.
fn split_at(
    rects: &[Rect],
    cell: Rect,
    axis: Axis,
    at: f32,
    limits: (f32, f32),
    pad: f32,
    tiles: &mut Vec<Rect>,
) {
    let (before, after): (Vec<Rect>, Vec<Rect>) =
        rects.iter().partition(|r| span(r, axis).0 < at - 1e-3);
    let (first, second) = match axis {
        Axis::X => (
            Rect {
                width: at - cell.x,
                ..cell
            },
            Rect {
                x: at,
                width: cell.right() - at,
                ..cell
            },
        ),
        Axis::Y => (
            Rect {
                height: at - cell.y,
                ..cell
            },
            Rect {
                y: at,
                height: cell.bottom() - at,
                ..cell
            },
        ),
    };
    if before.is_empty() || after.is_empty() {
        // Nothing to split off (a box longer than a page): give up cutting it further.
        if let Some(held) = rects.iter().copied().reduce(|a, b| a.union(&b)) {
            tiles.push(held);
        }
        return;
    }
    guillotine(&before, first, limits, pad, tiles);
    guillotine(&after, second, limits, pad, tiles);
}

/// `padded` no further out than `cell`, but never smaller than `held`.
fn clamp(padded: &Rect, cell: &Rect, held: &Rect) -> Rect {
    let x = padded.x.max(cell.x.min(held.x));
    let y = padded.y.max(cell.y.min(held.y));
    let right = padded.right().min(cell.right().max(held.right()));
    let bottom = padded.bottom().min(cell.bottom().max(held.bottom()));
    Rect {
        x,
        y,
        width: right - x,
        height: bottom - y,
    }
}

/// The held boxes' extent, padded but no larger than the limits, and never smaller than the boxes.
fn trim(padded: &Rect, held: &Rect, limit_width: f32, limit_height: f32) -> Rect {
    // Lose padding first; the boxes themselves only when they alone are longer than a page.
    let shrink = |start: f32, length: f32, held_start: f32, held_length: f32, limit: f32| {
        if length <= limit {
            return (start, length);
        }
        let kept = limit.max(held_length);
        let lowest = held_start + held_length - kept;
        let centred = start + (length - kept) / 2.0;
        (centred.clamp(lowest.min(held_start), held_start), kept)
    };
    let (x, width) = shrink(
        padded.x,
        padded.width,
        held.x,
        held.width,
        limit_width.max(1.0),
    );
    let (y, height) = shrink(
        padded.y,
        padded.height,
        held.y,
        held.height,
        limit_height.max(1.0),
    );
    Rect {
        x,
        y,
        width,
        height,
    }
}

/// The union of spans as sorted, disjoint stretches.
fn merge(spans: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut sorted = spans.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::with_capacity(sorted.len());
    for (s, e) in sorted {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// Packs pieces of these sizes, in order, onto pages `width × height` in rows (shelves) with
/// `gap` between them. Returns each page's pieces with their offsets from the page's top left.
/// A piece larger than a page gets a page of its own.
pub(super) fn shelf_pack(
    sizes: &[(f32, f32)],
    width: f32,
    height: f32,
    gap: f32,
) -> Vec<Vec<(usize, Point)>> {
    let mut pages: Vec<Vec<(usize, Point)>> = Vec::new();
    let mut page: Vec<(usize, Point)> = Vec::new();
    let (mut x, mut shelf_top, mut shelf_height) = (0.0_f32, 0.0_f32, 0.0_f32);
    for (i, &(w, h)) in sizes.iter().enumerate() {
        if !page.is_empty() && x > 0.0 && x + w > width {
            // Next shelf.
            shelf_top += shelf_height + gap;
            x = 0.0;
            shelf_height = 0.0;
        }
        if !page.is_empty() && shelf_top + h > height {
            pages.push(std::mem::take(&mut page));
            x = 0.0;
            shelf_top = 0.0;
            shelf_height = 0.0;
        }
        page.push((i, Point { x, y: shelf_top }));
        x += w + gap;
        shelf_height = shelf_height.max(h);
    }
    if !page.is_empty() {
        pages.push(page);
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_in_gaps_and_a_box_longer_than_a_page_keeps_its_tile() {
        let boxes = [(0.0, 40.0), (50.0, 90.0), (100.0, 140.0)];
        let rects: Vec<Rect> = boxes
            .iter()
            .map(|&(y, bottom)| Rect {
                x: 0.0,
                y,
                width: 10.0,
                height: bottom - y,
            })
            .collect();
        let cell = Rect {
            x: 0.0,
            y: 0.0,
            width: 10.0,
            height: 140.0,
        };
        let mut tiles = Vec::new();
        guillotine(&rects, cell, (10.0, 95.0), 0.0, &mut tiles);
        let spans: Vec<(f32, f32)> = tiles.iter().map(|t| (t.y, t.bottom())).collect();
        assert_eq!(spans, [(0.0, 40.0), (50.0, 140.0)]);
        let mut tiles = Vec::new();
        guillotine(&rects[..1], cell, (10.0, 30.0), 0.0, &mut tiles);
        assert_eq!(tiles.len(), 1, "a box is never split off from itself");
    }

    #[test]
    fn shelves_fill_a_page_in_order() {
        let sizes = [(40.0, 10.0), (40.0, 20.0), (40.0, 10.0), (90.0, 30.0)];
        let pages = shelf_pack(&sizes, 100.0, 40.0, 5.0);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0][1].1, Point { x: 45.0, y: 0.0 });
        assert_eq!(pages[0][2].1, Point { x: 0.0, y: 25.0 });
        assert_eq!(pages[1], [(3, Point { x: 0.0, y: 0.0 })]);
    }
}
