//! Page plans for PDF: paper sizes, margins, and where each page's slice of a Scene starts and ends.
//!
//! The whole map fits on one page, or is split: an overview page (key purpose and key areas), then
//! each key area's branch on as many pages as it needs. Pages are cut only in the gaps between
//! boxes, never through one. Scenes come from the layout (`layout_scoped`); nothing here lays
//! anything out.

use crate::layout::{LayoutStyle, Rect, Scene, Scope, layout_scoped};
use crate::model::FunctionalMap;
use crate::view::{Direction, ViewState};

/// Paper sizes, in points (1/72 inch).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    A3,
    Letter,
}

impl Paper {
    /// Width and height in portrait, in points.
    pub fn portrait_points(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::A3 => (841.89, 1190.55),
            Self::Letter => (612.0, 792.0),
        }
    }
}

/// How the PDF is paged.
#[derive(Clone, Debug, PartialEq)]
pub struct PageSetup {
    pub paper: Paper,
    pub landscape: bool,
    /// Margin on every side, in millimetres.
    pub margin_mm: f32,
    /// Overview page, then pages per key area; otherwise the whole map on one page.
    pub split_by_area: bool,
    /// Printed in the title block (e.g. the export date).
    pub date: String,
    /// Which part of the map: a branch, a depth limit.
    pub scope: Scope,
}

impl Default for PageSetup {
    fn default() -> Self {
        Self {
            paper: Paper::A4,
            landscape: false,
            margin_mm: 12.0,
            split_by_area: false,
            date: String::new(),
            scope: Scope::default(),
        }
    }
}

/// Height of the title block at the top of each page, in points.
pub const TITLE_BLOCK: f32 = 34.0;
/// Height of the footer (page number, continuation notes), in points.
pub const FOOTER: f32 = 22.0;
/// Scene units are CSS pixels: 0.75 points each at 100 %.
pub const POINTS_PER_UNIT: f32 = 0.75;

/// One page of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedPage {
    /// Which scene it shows (index into `PagePlan::scenes`).
    pub scene: usize,
    /// The slice of that scene, in scene units.
    pub region: Rect,
    /// Points per scene unit.
    pub scale: f32,
    /// Heading under the map title (e.g. "Overview", "A · Key role: Managing self…").
    pub heading: String,
    /// A bookmark starts here (its title).
    pub bookmark: Option<String>,
    /// Page number (1-based) this slice continues from, and the one it continues on.
    pub continued_from: Option<usize>,
    pub continues_on: Option<usize>,
}

/// Scenes and pages.
#[derive(Clone, Debug, PartialEq)]
pub struct PagePlan {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    pub scenes: Vec<Scene>,
    pub pages: Vec<PlannedPage>,
}

impl PagePlan {
    /// The area inside the margins, title block and footer, in points from the page's top left.
    pub fn content_area(&self) -> Rect {
        Rect {
            x: self.margin,
            y: self.margin + TITLE_BLOCK,
            width: self.width - 2.0 * self.margin,
            height: self.height - 2.0 * self.margin - TITLE_BLOCK - FOOTER,
        }
    }
}

/// Plans the pages of a map.
pub fn plan_pages(
    map: &FunctionalMap,
    view: &ViewState,
    style: &LayoutStyle,
    setup: &PageSetup,
) -> PagePlan {
    let (w, h) = setup.paper.portrait_points();
    let (width, height) = if setup.landscape { (h, w) } else { (w, h) };
    let margin = setup.margin_mm * 72.0 / 25.4;
    let mut plan = PagePlan {
        width,
        height,
        margin,
        scenes: Vec::new(),
        pages: Vec::new(),
    };
    let area = plan.content_area();

    let top = setup
        .scope
        .branch
        .filter(|id| map.contains(*id))
        .unwrap_or(map.root());
    // Key areas (or, for a branch, its sub-functions) that get pages of their own.
    let areas: Vec<crate::model::NodeId> = if setup.scope.max_depth.is_some_and(|d| d <= 1) {
        Vec::new()
    } else {
        map.children(top)
            .iter()
            .copied()
            .filter(|&c| !map.children(c).is_empty())
            .collect()
    };
    if !setup.split_by_area || areas.is_empty() {
        let scene = layout_scoped(map, view, style, &setup.scope);
        let scale = fit_scale(&scene.bounds, &area);
        plan.pages.push(whole_page(
            0,
            &scene,
            scale,
            "Functional map".into(),
            Some("Functional map".into()),
        ));
        plan.scenes.push(scene);
        return plan;
    }
    let overview = layout_scoped(
        map,
        view,
        style,
        &Scope {
            branch: setup.scope.branch,
            max_depth: Some(1),
        },
    );
    let scale = fit_scale(&overview.bounds, &area);
    plan.pages.push(whole_page(
        0,
        &overview,
        scale,
        "Overview: key purpose and key areas".into(),
        Some("Overview".into()),
    ));
    plan.scenes.push(overview);

    for (i, &area_id) in areas.iter().enumerate() {
        let scope = Scope {
            branch: Some(area_id),
            max_depth: setup.scope.max_depth.map(|d| d.saturating_sub(1)),
        };
        let scene = layout_scoped(map, view, style, &scope);
        let name = area_label(map, area_id);
        let heading = format!("{} of {}: {}", i + 1, areas.len(), name);
        // Fit the short side of the branch to the page; the long side runs over several pages.
        let (across, along) = match view.direction {
            Direction::LeftToRight => (scene.bounds.width, scene.bounds.height),
            Direction::TopDown => (scene.bounds.height, scene.bounds.width),
        };
        let (area_across, area_along) = match view.direction {
            Direction::LeftToRight => (area.width, area.height),
            Direction::TopDown => (area.height, area.width),
        };
        let scale = (area_across / across.max(1.0)).min(POINTS_PER_UNIT);
        let slices = split(&scene, view.direction, area_along / scale, along);
        let first_page = plan.pages.len() + 1;
        let count = slices.len();
        let scene_index = plan.scenes.len();
        for (k, region) in slices.into_iter().enumerate() {
            let number = first_page + k;
            plan.pages.push(PlannedPage {
                scene: scene_index,
                region,
                scale,
                heading: heading.clone(),
                bookmark: (k == 0).then(|| name.clone()),
                continued_from: (k > 0).then(|| number - 1),
                continues_on: (k + 1 < count).then_some(number + 1),
            });
        }
        plan.scenes.push(scene);
    }
    plan
}

/// "A · Key role: Managing self and personal skills".
fn area_label(map: &FunctionalMap, id: crate::model::NodeId) -> String {
    let level = map.meta().level_name(map.depth(id));
    match map.node(id) {
        Some(crate::model::Node::Function(f)) if !f.code.is_empty() => {
            format!("{} · {level}: {}", f.code, f.title)
        }
        Some(node) => format!("{level}: {}", node.title()),
        None => level.to_string(),
    }
}

fn fit_scale(bounds: &Rect, area: &Rect) -> f32 {
    (area.width / bounds.width.max(1.0))
        .min(area.height / bounds.height.max(1.0))
        .min(POINTS_PER_UNIT)
}

fn whole_page(
    scene: usize,
    s: &Scene,
    scale: f32,
    heading: String,
    bookmark: Option<String>,
) -> PlannedPage {
    PlannedPage {
        scene,
        region: s.bounds,
        scale,
        heading,
        bookmark,
        continued_from: None,
        continues_on: None,
    }
}

/// Cuts a scene along its long axis into slices at most `limit` long, only where no box is cut.
fn split(scene: &Scene, direction: Direction, limit: f32, length: f32) -> Vec<Rect> {
    // Each box's extent along the cutting axis.
    let mut spans: Vec<(f32, f32)> = scene
        .boxes
        .iter()
        .map(|b| match direction {
            Direction::LeftToRight => (b.rect.y, b.rect.bottom()),
            Direction::TopDown => (b.rect.x, b.rect.right()),
        })
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let cuts_box = |at: f32| spans.iter().any(|&(start, end)| start < at && at < end);
    let mut slices = Vec::new();
    let mut start = 0.0_f32;
    while start < length {
        let mut end = (start + limit).min(length);
        if end < length {
            // The furthest gap before the limit: just above the first box that would be cut.
            let candidate = spans
                .iter()
                .map(|&(s, _)| s)
                .filter(|&s| s > start && s <= end && !cuts_box(s))
                .fold(f32::NAN, f32::max);
            if candidate.is_finite() {
                end = candidate;
            }
        }
        slices.push(match direction {
            Direction::LeftToRight => Rect {
                x: 0.0,
                y: start,
                width: scene.bounds.width,
                height: end - start,
            },
            Direction::TopDown => Rect {
                x: start,
                y: 0.0,
                width: end - start,
                height: scene.bounds.height,
            },
        });
        start = end;
    }
    slices
}
