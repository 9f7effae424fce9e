//! Steps framed for reading at the back of a room.
//!
//! A step is laid out on its own (its branch, down to its depth, compactly, for the shape of the
//! room's screen) and shown as large as the screen allows. When its text would still be smaller
//! than [`FLOOR`] — a capital letter at least 2.5 % of the screen's height, about 27 px at 1080
//! lines — the step's boxes are shared over pages ("B 1/3"), as evenly as they go.

use crate::layout::{
    FontWeight, Fonts, LayoutStyle, Rect, Scene, SceneBox, Scope, TextLine, layout_scoped,
};
use crate::model::FunctionalMap;
use crate::view::{LayoutKind, PresentationStep, ViewState};

/// The smallest capital height on the room's screen, as a share of the screen's height.
pub const FLOOR: f32 = 0.025;

/// Text is not made larger than this many times the floor: a step of three boxes is read
/// comfortably without filling the wall.
const CEILING: f32 = 2.6;

/// How much wider than on the canvas the key purpose may be set in a step; the width that
/// shows the step largest is taken.
const KEY_PURPOSE_WIDENINGS: [f32; 4] = [1.0, 1.5, 2.0, 3.0];

/// Shares of the screen the step may fill: the rest is margin and the step counter.
const USABLE_WIDTH: f32 = 0.94;
const USABLE_HEIGHT: f32 = 0.86;

/// The room's screen (or the canvas standing in for it), in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Screen {
    pub width: f32,
    pub height: f32,
}

impl Screen {
    /// The smallest capital height allowed, in points.
    pub fn floor(self) -> f32 {
        FLOOR * self.height
    }
}

/// One page of a step: what it shows and how large.
#[derive(Clone, Debug)]
pub struct StepPage {
    /// The step's branch, or the part of its children this page shows.
    pub scene: Scene,
    /// Screen points per scene unit that fit the page to the screen.
    pub zoom: f32,
    /// Which of the step's top children this page shows (`None`: all).
    pub children: Option<(usize, usize)>,
    /// The smallest capital height of any box's title at `zoom`, in points.
    pub smallest_capital: f32,
}

impl StepPage {
    /// Whether its text is at least the floor.
    pub fn readable(&self, screen: Screen) -> bool {
        self.smallest_capital + 0.01 >= screen.floor()
    }
}

/// Lays out `step` for `screen`: one page when its text fits at the floor or larger, else as
/// few pages as make every page readable (down to one child of the step's box per page).
pub fn frame_step(
    map: &FunctionalMap,
    view: &ViewState,
    style: &LayoutStyle,
    step: &PresentationStep,
    screen: Screen,
) -> Vec<StepPage> {
    let mut view = view.clone();
    view.layout = LayoutKind::Compact;
    view.folded.clear();
    let style = LayoutStyle {
        target_aspect: (screen.width * USABLE_WIDTH) / (screen.height * USABLE_HEIGHT).max(1.0),
        ..style.clone()
    };
    // The key purpose is a sentence of twenty-odd words: set wider, it takes three lines rather
    // than ten, and the key areas beside or below it need not shrink to match it.
    let widenings: &[f32] = if step.node == map.root() {
        &KEY_PURPOSE_WIDENINGS
    } else {
        &[1.0]
    };
    let page = |children: Option<(usize, usize)>| {
        let scope = Scope {
            branch: Some(step.node),
            max_depth: Some(step.depth as usize),
            children,
        };
        widenings
            .iter()
            .map(|widening| {
                let mut style = style.clone();
                style.key_purpose.box_width *= widening;
                let scene = layout_scoped(map, &view, &style, &scope);
                let (zoom, smallest_capital) = fit(&scene, screen);
                StepPage {
                    scene,
                    zoom,
                    children,
                    smallest_capital,
                }
            })
            .reduce(|best, other| {
                if other.smallest_capital > best.smallest_capital + 0.01 {
                    other
                } else {
                    best
                }
            })
            .expect("at least one width is tried")
    };
    let whole = page(None);
    let count = if step.depth == 0 {
        0
    } else {
        map.children(step.node).len()
    };
    if whole.readable(screen) {
        return vec![whole];
    }
    let pages = if count < 2 {
        vec![whole]
    } else {
        paged(count, screen, &whole, &page)
    };
    // Even one child a page is too small (a child's branch is big): a level less is shown, its
    // boxes counted on the box above as a folded branch is.
    if step.depth > 1 && !pages.iter().all(|p| p.readable(screen)) {
        let shallower = PresentationStep {
            depth: step.depth - 1,
            ..step.clone()
        };
        return frame_step(map, &view, &style, &shallower, screen);
    }
    pages
}

/// The fewest pages of `count` children that are all readable.
fn paged(
    count: usize,
    screen: Screen,
    whole: &StepPage,
    page: &dyn Fn(Option<(usize, usize)>) -> StepPage,
) -> Vec<StepPage> {
    // The fewest pages that are all readable (past one child per page nothing gets larger):
    // text grows about as the square root of the share of the step on a page, so the search
    // starts near that many pages, doubles until readable, then halves the gap, laying out
    // O(log n) splits rather than one per count.
    let pages_of = |parts: usize| -> Vec<StepPage> {
        split(count, parts)
            .into_iter()
            .map(|run| page(Some(run)))
            .collect()
    };
    let readable = |pages: &[StepPage]| pages.iter().all(|p| p.readable(screen));
    let shortfall = screen.floor() / whole.smallest_capital.max(0.01);
    let estimate = (shortfall * shortfall).floor() as usize;
    let (mut unreadable, mut parts) = (1, estimate.clamp(2, count));
    let mut best = pages_of(parts);
    while !readable(&best) && parts < count {
        unreadable = parts;
        parts = (parts * 2).min(count);
        best = pages_of(parts);
    }
    while parts - unreadable > 1 {
        let middle = (unreadable + parts) / 2;
        let pages = pages_of(middle);
        if readable(&pages) {
            parts = middle;
            best = pages;
        } else {
            unreadable = middle;
        }
    }
    best
}

/// `count` children in `parts` runs as even as they go, the longer runs first.
fn split(count: usize, parts: usize) -> Vec<(usize, usize)> {
    let base = count / parts;
    let longer = count % parts;
    let mut start = 0;
    (0..parts)
        .map(|i| {
            let length = base + usize::from(i < longer);
            let run = (start, start + length);
            start += length;
            run
        })
        .collect()
}

/// The zoom that fits `scene` on `screen` (text no larger than the ceiling), and the smallest
/// capital height of box text at that zoom.
fn fit(scene: &Scene, screen: Screen) -> (f32, f32) {
    let fonts = Fonts::bundled();
    let bounds = content_bounds(scene);
    let mut zoom = (screen.width * USABLE_WIDTH / bounds.width.max(1.0))
        .min(screen.height * USABLE_HEIGHT / bounds.height.max(1.0));
    let smallest = |zoom: f32| {
        scene
            .boxes
            .iter()
            .flat_map(title_lines)
            .map(|line| fonts.cap_height(line.size * zoom, line.weight))
            .fold(f32::INFINITY, f32::min)
    };
    let at_fit = smallest(zoom);
    if at_fit.is_finite() && at_fit > CEILING * screen.floor() {
        zoom *= CEILING * screen.floor() / at_fit;
    }
    let capital = smallest(zoom);
    (
        zoom,
        if capital.is_finite() {
            capital
        } else {
            fonts.cap_height(0.0, FontWeight::Regular)
        },
    )
}

/// A box's title: its lines in the box's largest type (the caption above it — "Key purpose",
/// "B · Key role", a URN — is set smaller and says what the box is, not what it says).
pub fn title_lines(scene_box: &SceneBox) -> impl Iterator<Item = &TextLine> {
    let largest = scene_box.lines.iter().map(|l| l.size).fold(0.0, f32::max);
    scene_box.lines.iter().filter(move |l| l.size >= largest)
}

/// The boxes' extent (the Scene's bounds include its margin).
pub fn content_bounds(scene: &Scene) -> Rect {
    scene
        .boxes
        .iter()
        .map(|b| b.rect)
        .reduce(|a, b| a.union(&b))
        .unwrap_or(scene.bounds)
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn children_are_shared_as_evenly_as_they_go() {
        assert_eq!(split(17, 3), [(0, 6), (6, 12), (12, 17)]);
        assert_eq!(split(4, 4), [(0, 1), (1, 2), (2, 3), (3, 4)]);
        assert_eq!(split(5, 2), [(0, 3), (3, 5)]);
    }
}
