//! Page plans for PDF: paper sizes, margins, and which part of which Scene each page shows at
//! which scale.
//!
//! The whole map fills one page (`PageFit::Page`), or is printed at a chosen scale over as many
//! pages as it needs (`Scale`), or as large as fits on N pages (`Pages`); with `split_by_area` an
//! overview page comes first, then the key areas, small ones sharing a page, large ones over
//! several. A poster draws the map on A3–A1 and tiles it onto smaller sheets. Pages are cut only
//! in the gaps between boxes where there is one. Every Scene is laid out for the shape it is
//! printed in (the compact layout follows `target_aspect`); nothing here lays anything out.

mod cut;
mod poster;

pub use poster::{Poster, SheetTile, Sheets};

use crate::layout::{BoxKind, LayoutStyle, Point, Rect, Scene, Scope, layout_scoped};
use crate::model::{FunctionalMap, NodeId, Rgb};
use crate::view::ViewState;

/// Paper sizes, in points (1/72 inch).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    A3,
    A2,
    A1,
    Letter,
}

impl Paper {
    /// Width and height in portrait, in points.
    pub fn portrait_points(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::A3 => (841.89, 1190.55),
            Self::A2 => (1190.55, 1683.78),
            Self::A1 => (1683.78, 2383.94),
            Self::Letter => (612.0, 792.0),
        }
    }

    /// Width and height in the chosen orientation.
    pub fn points(self, landscape: bool) -> (f32, f32) {
        let (w, h) = self.portrait_points();
        if landscape { (h, w) } else { (w, h) }
    }

    /// The name printed on pages and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::A4 => "A4",
            Self::A3 => "A3",
            Self::A2 => "A2",
            Self::A1 => "A1",
            Self::Letter => "Letter",
        }
    }
}

/// How large the drawing is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum PageFit {
    /// On one page, scaled up or down to fill it (up to `largest_text_pt`).
    #[default]
    Page,
    /// At this percentage of its natural size (100 % prints unit titles at 9.75 pt), over as many
    /// pages as that needs.
    Scale(f32),
    /// As large as fits on at most this many pages.
    Pages(usize),
}

/// How the PDF is paged.
#[derive(Clone, Debug, PartialEq)]
pub struct PageSetup {
    pub paper: Paper,
    pub landscape: bool,
    /// Margin on every side, in millimetres.
    pub margin_mm: f32,
    /// Overview page, then the key areas; otherwise the whole map.
    pub split_by_area: bool,
    /// How large the drawing is printed.
    pub fit: PageFit,
    /// No text is printed larger than this (points), however much room a page has.
    pub largest_text_pt: f32,
    /// With `split_by_area`, a key area too big for one page at this unit-title size (points)
    /// runs over several pages instead of shrinking further.
    pub smallest_text_pt: f32,
    /// Draw the map as a poster and tile it onto sheets of `paper`.
    pub poster: Option<Poster>,
    /// A strip under the drawing saying what the colours, badges and counts mean.
    pub legend: bool,
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
            fit: PageFit::Page,
            largest_text_pt: 20.0,
            smallest_text_pt: 6.0,
            poster: None,
            legend: false,
            date: String::new(),
            scope: Scope::default(),
        }
    }
}

/// Height of the title block at the top of each page, in points.
pub const TITLE_BLOCK: f32 = 34.0;
/// Height of the footer (page number, continuation notes), in points.
pub const FOOTER: f32 = 22.0;
/// Height of the legend strip at the bottom of the content area, in points.
pub const LEGEND_STRIP: f32 = 22.0;
/// Height of the strip where a continued page repeats the parent of what it shows, in points.
pub const GHOST_STRIP: f32 = 26.0;
/// Scene units are CSS pixels: 0.75 points each at 100 %.
pub const POINTS_PER_UNIT: f32 = 0.75;

/// A part of a Scene drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Piece {
    /// Which scene (index into `PagePlan::scenes`).
    pub scene: usize,
    /// The part of it, in scene units.
    pub region: Rect,
    /// Where the region's top left lands on the page, in points.
    pub at: Point,
    /// The region is a tile of a scene cut over pages: connectors are drawn only between boxes
    /// both on it, so no line points at nothing.
    pub tiled: bool,
}

/// An entry of the PDF's outline.
#[derive(Clone, Debug, PartialEq)]
pub struct Bookmark {
    pub title: String,
    /// The box it names, if it names one.
    pub node: Option<NodeId>,
    /// 0 for a top-level entry (a key area, the overview), 1 under it (a function or suite).
    pub level: usize,
    /// Where on the page it points, in points from the top left.
    pub at: Point,
}

/// One page of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedPage {
    /// What the page shows, all at `scale`.
    pub pieces: Vec<Piece>,
    /// Points per scene unit.
    pub scale: f32,
    /// Heading under the map title (e.g. "Overview", "A · Key role: Managing self…").
    pub heading: String,
    /// Outline entries starting on this page.
    pub bookmarks: Vec<Bookmark>,
    /// Page number (1-based) this page continues from, and the one it continues on.
    pub continued_from: Option<usize>,
    pub continues_on: Option<usize>,
    /// On a continued page: the box the shown part hangs from, repeated as a ghost at the top.
    pub ghost: Option<Ghost>,
}

/// A box repeated on a continued page so its children are not orphans.
#[derive(Clone, Debug, PartialEq)]
pub struct Ghost {
    pub node: NodeId,
    /// Its caption and title, as one line.
    pub text: String,
}

/// Scenes and pages.
#[derive(Clone, Debug, PartialEq)]
pub struct PagePlan {
    pub width: f32,
    pub height: f32,
    pub margin: f32,
    pub scenes: Vec<Scene>,
    pub pages: Vec<PlannedPage>,
    /// A poster: each page is tiled onto these sheets.
    pub sheets: Option<Sheets>,
    /// What the legend strip explains (empty: no legend).
    pub legend: Vec<LegendItem>,
}

/// One entry of the legend: a sample and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    pub sample: LegendSample,
    pub meaning: String,
}

/// How a legend entry is shown.
#[derive(Clone, Debug, PartialEq)]
pub enum LegendSample {
    /// A small box in a level's or a theme's colours.
    Swatch { fill: Rgb, stroke: Rgb },
    /// A badge as drawn on boxes, with its label.
    Badge { fill: Rgb, label: String },
    /// Text as it appears on boxes.
    Text(String),
}

impl PagePlan {
    /// The area inside the margins, title block, legend and footer, in points from the page's
    /// top left.
    pub fn content_area(&self) -> Rect {
        let legend = if self.legend.is_empty() {
            0.0
        } else {
            LEGEND_STRIP
        };
        Rect {
            x: self.margin,
            y: self.margin + TITLE_BLOCK,
            width: self.width - 2.0 * self.margin,
            height: self.height - 2.0 * self.margin - TITLE_BLOCK - FOOTER - legend,
        }
    }

    /// Every piece's drawn area on its page, in points: what tests and previews measure.
    pub fn drawn_area(&self, page: &PlannedPage, piece: &Piece) -> Rect {
        Rect {
            x: piece.at.x,
            y: piece.at.y,
            width: piece.region.width * page.scale,
            height: piece.region.height * page.scale,
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
    if let Some(poster) = &setup.poster {
        return poster::plan_poster(map, view, style, setup, poster);
    }
    let (width, height) = setup.paper.points(setup.landscape);
    let mut planner = Planner::new(map, view, style, setup, width, height);
    planner.plan();
    planner.plan
}

/// Builds a plan page by page.
struct Planner<'a> {
    map: &'a FunctionalMap,
    view: &'a ViewState,
    style: &'a LayoutStyle,
    setup: &'a PageSetup,
    plan: PagePlan,
}

impl<'a> Planner<'a> {
    fn new(
        map: &'a FunctionalMap,
        view: &'a ViewState,
        style: &'a LayoutStyle,
        setup: &'a PageSetup,
        width: f32,
        height: f32,
    ) -> Self {
        Self {
            map,
            view,
            style,
            setup,
            plan: PagePlan {
                width,
                height,
                margin: setup.margin_mm * 72.0 / 25.4,
                scenes: Vec::new(),
                pages: Vec::new(),
                sheets: None,
                legend: if setup.legend {
                    legend(map, style)
                } else {
                    Vec::new()
                },
            },
        }
    }

    fn area(&self) -> Rect {
        self.plan.content_area()
    }

    /// A scene of `scope` laid out for a target `aspect` (width over height), to print on one
    /// page.
    fn scene(&self, scope: &Scope, aspect: f32) -> Scene {
        self.scene_shaped(scope, aspect, false)
    }

    /// A scene to cut over several pages: units in columns share rows, so cuts between rows
    /// cut no box.
    fn scene_to_cut(&self, scope: &Scope, aspect: f32) -> Scene {
        self.scene_shaped(scope, aspect, true)
    }

    fn scene_shaped(&self, scope: &Scope, aspect: f32, align_rows: bool) -> Scene {
        let style = LayoutStyle {
            target_aspect: aspect.max(0.05),
            align_rows,
            ..self.style.clone()
        };
        layout_scoped(self.map, self.view, &style, scope)
    }

    /// No text larger than `largest_text_pt`.
    fn text_cap(&self, scene: &Scene) -> f32 {
        let largest = scene
            .boxes
            .iter()
            .flat_map(|b| b.lines.iter().map(|l| l.size))
            .fold(1.0_f32, f32::max);
        self.setup.largest_text_pt / largest
    }

    fn plan(&mut self) {
        let top = self
            .setup
            .scope
            .branch
            .filter(|id| self.map.contains(*id))
            .unwrap_or(self.map.root());
        // Key areas (or, for a branch, its sub-functions) that get pages of their own.
        let areas: Vec<NodeId> = if self.setup.scope.max_depth.is_some_and(|d| d <= 1) {
            Vec::new()
        } else {
            self.map
                .children(top)
                .iter()
                .copied()
                .filter(|&c| !self.map.children(c).is_empty())
                .collect()
        };
        if !self.setup.split_by_area || areas.is_empty() {
            let heading = "Functional map".to_string();
            self.whole(self.setup.scope, heading);
            return;
        }
        let area = self.area();
        let overview = self.scene(
            &Scope {
                branch: self.setup.scope.branch,
                max_depth: Some(1),
                ..Scope::default()
            },
            area.width / area.height,
        );
        let scale = fit(&overview.bounds, &area).min(self.text_cap(&overview));
        let index = self.push_scene(overview);
        let mut page = self.single(index, scale, "Overview: key purpose and key areas".into());
        page.bookmarks = vec![Bookmark {
            title: "Overview".into(),
            node: None,
            level: 0,
            at: Point { x: 0.0, y: area.y },
        }];
        self.plan.pages.push(page);
        self.areas(&areas);
    }

    fn push_scene(&mut self, scene: Scene) -> usize {
        self.plan.scenes.push(scene);
        self.plan.scenes.len() - 1
    }

    /// One page showing a whole scene at `scale`, centred in the content area.
    fn single(&self, scene: usize, scale: f32, heading: String) -> PlannedPage {
        let area = self.area();
        let bounds = self.plan.scenes[scene].bounds;
        let at = Point {
            x: area.x + ((area.width - bounds.width * scale) / 2.0).max(0.0),
            y: area.y + ((area.height - bounds.height * scale) / 2.0).max(0.0),
        };
        let piece = Piece {
            scene,
            region: bounds,
            at,
            tiled: false,
        };
        PlannedPage {
            bookmarks: self.box_bookmarks(&piece, scale),
            pieces: vec![piece],
            scale,
            heading,
            continued_from: None,
            continues_on: None,
            ghost: None,
        }
    }

    /// The whole map (or branch), as `setup.fit` asks.
    fn whole(&mut self, scope: Scope, heading: String) {
        let area = self.area();
        let page_aspect = area.width / area.height;
        match self.setup.fit {
            PageFit::Page => {
                let scene = self.scene(&scope, page_aspect);
                let scale = fit(&scene.bounds, &area).min(self.text_cap(&scene));
                let index = self.push_scene(scene);
                let page = self.single(index, scale, heading);
                self.plan.pages.push(page);
            }
            PageFit::Scale(percent) => {
                let scale = percent / 100.0 * POINTS_PER_UNIT;
                let page_shaped = self.scene(&scope, page_aspect);
                let scene = self.scene_for_scale(&scope, scale, page_shaped);
                let index = self.push_scene(scene);
                self.tiled(index, scale, &heading, None);
            }
            PageFit::Pages(most) => {
                let (scene, scale) = self.scene_for_pages(&scope, most.max(1));
                let index = self.push_scene(scene);
                self.tiled(index, scale, &heading, None);
            }
        }
    }

    /// A scene to print at `scale`: shaped like the page if it fits on one, else like a column
    /// of as many pages as it needs, so pages are cut in one direction only when they can be.
    /// `page_shaped` is the scope already laid out for one page.
    fn scene_for_scale(&self, scope: &Scope, scale: f32, page_shaped: Scene) -> Scene {
        let area = self.area();
        let (w, h) = (
            page_shaped.bounds.width * scale,
            page_shaped.bounds.height * scale,
        );
        if w <= area.width && h <= area.height {
            return page_shaped;
        }
        let pages = ((w * h) / (area.width * area.height)).ceil().max(1.0);
        let page_shaped = self.scene_to_cut(scope, area.width / area.height);
        let column = self.scene_to_cut(scope, area.width / (area.height * pages));
        if self.tiles(&column, scale).len() <= self.tiles(&page_shaped, scale).len() {
            column
        } else {
            page_shaped
        }
    }

    /// The scene and scale that print largest on at most `most` pages: every grid of pages
    /// (columns × rows) is tried, the scene shaped like the grid.
    fn scene_for_pages(&self, scope: &Scope, most: usize) -> (Scene, f32) {
        let area = self.area();
        let mut best: Option<(Scene, f32)> = None;
        for columns in 1..=most {
            let rows = most / columns;
            let (grid_w, grid_h) = (area.width * columns as f32, area.height * rows as f32);
            let scene = if most == 1 {
                self.scene(scope, grid_w / grid_h)
            } else {
                self.scene_to_cut(scope, grid_w / grid_h)
            };
            let mut scale = fit(
                &scene.bounds,
                &Rect {
                    x: 0.0,
                    y: 0.0,
                    width: grid_w,
                    height: grid_h,
                },
            )
            .min(self.text_cap(&scene));
            // Cutting only between boxes can need more pages: shrink until it fits.
            for _ in 0..40 {
                let count = self.tiles(&scene, scale).len();
                if count <= most {
                    break;
                }
                scale *= 0.96;
            }
            if best.as_ref().is_none_or(|(_, s)| scale > *s) {
                best = Some((scene, scale));
            }
        }
        best.unwrap_or_else(|| (self.scene(scope, area.width / area.height), POINTS_PER_UNIT))
    }

    /// The regions of `scene` that go on pages at `scale`: the whole scene when it fits on one,
    /// else tiles cut between boxes, each leaving room for the ghost strip.
    fn tiles(&self, scene: &Scene, scale: f32) -> Vec<Rect> {
        let area = self.area();
        let single = scene.bounds.width * scale <= area.width + 0.5
            && scene.bounds.height * scale <= area.height + 0.5;
        if single {
            return vec![scene.bounds];
        }
        cut::cut(
            scene,
            area.width / scale,
            (area.height - GHOST_STRIP) / scale,
            self.style.sibling_gap / 2.0,
        )
    }

    /// Pages for the tiles of a scene at `scale`, with continuations and ghost parents.
    fn tiled(&mut self, scene_index: usize, scale: f32, heading: &str, bookmark: Option<String>) {
        let area = self.area();
        let scene = &self.plan.scenes[scene_index];
        let regions = self.tiles(scene, scale);
        let first_page = self.plan.pages.len() + 1;
        let count = regions.len();
        let parents = parent_boxes(scene);
        let mut pages = Vec::with_capacity(count);
        for (k, region) in regions.into_iter().enumerate() {
            let number = first_page + k;
            let ghost = (k > 0)
                .then(|| ghost_for(self.map, scene, &parents, &region))
                .flatten();
            let top = area.y + if count > 1 { GHOST_STRIP } else { 0.0 };
            let used = Rect {
                x: area.x,
                y: top,
                width: area.width,
                height: area.bottom() - top,
            };
            let at = Point {
                x: used.x + ((used.width - region.width * scale) / 2.0).max(0.0),
                y: if count > 1 {
                    used.y
                } else {
                    used.y + ((used.height - region.height * scale) / 2.0).max(0.0)
                },
            };
            let piece = Piece {
                scene: scene_index,
                region,
                at,
                tiled: count > 1,
            };
            let mut bookmarks = self.box_bookmarks(&piece, scale);
            if let Some(title) = &bookmark {
                // The branch's own entry goes on its first page, whichever tile its box is on.
                let own = scene.boxes.first().map(|b| b.node);
                bookmarks.retain(|b| b.level > 0 || b.node != own);
                if k == 0 {
                    bookmarks.insert(
                        0,
                        Bookmark {
                            title: title.clone(),
                            level: 0,
                            at,
                            node: own,
                        },
                    );
                }
            }
            pages.push(PlannedPage {
                pieces: vec![piece],
                scale,
                heading: heading.to_string(),
                bookmarks,
                continued_from: (k > 0).then(|| number - 1),
                continues_on: (k + 1 < count).then_some(number + 1),
                ghost,
            });
        }
        self.plan.pages.extend(pages);
    }

    /// The key areas after the overview: each laid out for the page; those that fit at 100 %
    /// share pages, each page then scaled to fill; bigger ones get pages of their own.
    fn areas(&mut self, areas: &[NodeId]) {
        let area = self.area();
        let page_aspect = area.width / area.height;
        let base = match self.setup.fit {
            PageFit::Scale(percent) => percent / 100.0 * POINTS_PER_UNIT,
            PageFit::Page | PageFit::Pages(_) => POINTS_PER_UNIT,
        };
        let fixed = matches!(self.setup.fit, PageFit::Scale(_));
        let floor = self.setup.smallest_text_pt / self.style.unit.title_size.max(1.0);
        let scopes: Vec<Scope> = areas
            .iter()
            .map(|&id| Scope {
                branch: Some(id),
                max_depth: self.setup.scope.max_depth.map(|d| d.saturating_sub(1)),
                ..Scope::default()
            })
            .collect();
        let mut waiting: Vec<(usize, NodeId)> = Vec::new();
        for (i, (&id, scope)) in areas.iter().zip(&scopes).enumerate() {
            let scene = self.scene(scope, page_aspect);
            let fits_at_base = scene.bounds.width * base <= area.width
                && scene.bounds.height * base <= area.height;
            if fits_at_base {
                let index = self.push_scene(scene);
                waiting.push((index, id));
                continue;
            }
            self.shared_pages(&std::mem::take(&mut waiting), areas.len(), base, fixed);
            let heading = format!("{} of {}: {}", i + 1, areas.len(), area_label(self.map, id));
            let scale = if fixed {
                base
            } else {
                fit(&scene.bounds, &area).min(self.text_cap(&scene))
            };
            if fixed || scale < floor {
                let scale = if fixed { base } else { floor };
                let scene = self.scene_for_scale(scope, scale, scene);
                let index = self.push_scene(scene);
                self.tiled(index, scale, &heading, Some(area_label(self.map, id)));
            } else {
                let index = self.push_scene(scene);
                let mut page = self.single(index, scale, heading.clone());
                if page.bookmarks.is_empty() {
                    page.bookmarks.push(Bookmark {
                        node: Some(id),
                        title: heading,
                        level: 0,
                        at: page.pieces[0].at,
                    });
                }
                self.plan.pages.push(page);
            }
        }
        self.shared_pages(&waiting, areas.len(), base, fixed);
    }

    /// Key areas small enough to share: packed in order onto pages at `base`, each page then
    /// scaled up to fill (unless the scale is fixed).
    fn shared_pages(&mut self, waiting: &[(usize, NodeId)], total: usize, base: f32, fixed: bool) {
        if waiting.is_empty() {
            return;
        }
        let area = self.area();
        let gap = self.style.level_gap;
        let sizes: Vec<(f32, f32)> = waiting
            .iter()
            .map(|&(s, _)| {
                let b = self.plan.scenes[s].bounds;
                (b.width, b.height)
            })
            .collect();
        let groups = cut::shelf_pack(&sizes, area.width / base, area.height / base, gap);
        for group in groups {
            let cap = group
                .iter()
                .map(|&(i, _)| self.text_cap(&self.plan.scenes[waiting[i].0]))
                .fold(f32::INFINITY, f32::min);
            // Re-shelve the page's pieces in the arrangement that prints them largest.
            let (mut group, mut extent, mut scale) =
                Self::reshelve(&group, &sizes, &area, gap, cap, fixed, base);
            // Or each laid out again as wide as the page, stacked: whichever prints larger.
            if !fixed
                && group.len() > 1
                && let Some((stacked, scenes)) = self.stacked(&group, waiting, &sizes, gap, cap)
                && stacked.2 > scale * 1.02
            {
                for (i, scene) in scenes {
                    self.plan.scenes[waiting[i].0] = scene;
                }
                (group, extent, scale) = stacked;
            }
            let origin = Point {
                x: area.x + ((area.width - extent.width * scale) / 2.0).max(0.0),
                y: area.y + ((area.height - extent.height * scale) / 2.0).max(0.0),
            };
            let pieces: Vec<Piece> = group
                .iter()
                .map(|&(i, at)| Piece {
                    scene: waiting[i].0,
                    region: self.plan.scenes[waiting[i].0].bounds,
                    at: Point {
                        x: origin.x + at.x * scale,
                        y: origin.y + at.y * scale,
                    },
                    tiled: false,
                })
                .collect();
            let numbers: Vec<usize> = group
                .iter()
                .map(|&(i, _)| self.area_number(waiting[i].1))
                .collect();
            let heading = match (numbers.first(), numbers.last()) {
                (Some(a), Some(b)) if a != b => format!(
                    "{a}–{b} of {total}: {}",
                    group
                        .iter()
                        .map(|&(i, _)| area_code(self.map, waiting[i].1))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => format!(
                    "{} of {total}: {}",
                    numbers.first().copied().unwrap_or(1),
                    area_label(self.map, waiting[group[0].0].1)
                ),
            };
            let bookmarks = pieces
                .iter()
                .flat_map(|piece| self.box_bookmarks(piece, scale))
                .collect();
            self.plan.pages.push(PlannedPage {
                pieces,
                scale,
                heading,
                bookmarks,
                continued_from: None,
                continues_on: None,
                ghost: None,
            });
        }
    }

    /// The page's pieces re-shelved at the shelf width that lets them print largest (or, at a fixed
    /// scale, as packed): the pieces with their offsets, their extent, and the scale.
    fn reshelve(
        group: &[(usize, Point)],
        sizes: &[(f32, f32)],
        area: &Rect,
        gap: f32,
        cap: f32,
        fixed: bool,
        base: f32,
    ) -> Shelved {
        let extent_of = |placed: &[(usize, Point)]| {
            placed
                .iter()
                .map(|&(i, at)| Rect {
                    x: at.x,
                    y: at.y,
                    width: sizes[i].0,
                    height: sizes[i].1,
                })
                .reduce(|a, b| a.union(&b))
                .unwrap_or(*area)
        };
        if fixed {
            return (group.to_vec(), extent_of(group), base);
        }
        let own: Vec<(f32, f32)> = group.iter().map(|&(i, _)| sizes[i]).collect();
        let mut widths: Vec<f32> = Vec::new();
        let mut run = 0.0;
        for &(w, _) in &own {
            run += w + gap;
            widths.push(run - gap);
        }
        widths.push(own.iter().map(|s| s.0).fold(0.0, f32::max));
        let mut best: Option<Shelved> = None;
        for width in widths {
            let shelves = cut::shelf_pack(&own, width + 0.01, f32::INFINITY, gap);
            let Some(placed) = shelves.into_iter().next() else {
                continue;
            };
            let placed: Vec<(usize, Point)> =
                placed.iter().map(|&(k, at)| (group[k].0, at)).collect();
            let extent = extent_of(&placed);
            let scale = fit(&extent, area).min(cap);
            if best.as_ref().is_none_or(|(_, _, s)| scale > *s) {
                best = Some((placed, extent, scale));
            }
        }
        best.unwrap_or_else(|| {
            let extent = extent_of(group);
            (group.to_vec(), extent, fit(&extent, area).min(cap))
        })
    }

    /// The group's key areas each laid out again for a band across the whole page, its height
    /// in proportion to how much it holds, and stacked: the pieces with their offsets, their
    /// extent, the scale, and the new scenes (by piece).
    fn stacked(
        &self,
        group: &[(usize, Point)],
        waiting: &[(usize, NodeId)],
        sizes: &[(f32, f32)],
        gap: f32,
        cap: f32,
    ) -> Option<(Shelved, Vec<(usize, Scene)>)> {
        let area = self.area();
        let total: f32 = group.iter().map(|&(i, _)| sizes[i].0 * sizes[i].1).sum();
        let room = area.height - gap * (group.len() - 1) as f32 * POINTS_PER_UNIT;
        if total <= 0.0 || room <= 0.0 {
            return None;
        }
        let mut order: Vec<usize> = group.iter().map(|&(i, _)| i).collect();
        order.sort_unstable();
        let mut scenes = Vec::new();
        let mut placed = Vec::new();
        let mut y = 0.0;
        let mut width: f32 = 0.0;
        for &i in &order {
            let share = sizes[i].0 * sizes[i].1 / total;
            let scope = Scope {
                branch: Some(waiting[i].1),
                max_depth: self.setup.scope.max_depth.map(|d| d.saturating_sub(1)),
                ..Scope::default()
            };
            let scene = self.scene(&scope, area.width / (room * share).max(1.0));
            placed.push((i, Point { x: 0.0, y }));
            y += scene.bounds.height + gap;
            width = width.max(scene.bounds.width);
            scenes.push((i, scene));
        }
        let extent = Rect {
            x: 0.0,
            y: 0.0,
            width,
            height: y - gap,
        };
        let cap = scenes
            .iter()
            .map(|(_, scene)| self.text_cap(scene))
            .fold(cap, f32::min);
        Some(((placed, extent, fit(&extent, &area).min(cap)), scenes))
    }

    /// 1-based position of a key area among its siblings.
    fn area_number(&self, id: NodeId) -> usize {
        self.map
            .parents(id)
            .first()
            .and_then(|&p| self.map.children(p).iter().position(|&c| c == id))
            .map_or(1, |i| i + 1)
    }

    /// Outline entries for the key areas (level 0) and the functions or suites under them
    /// (level 1) whose boxes are on this piece.
    fn box_bookmarks(&self, piece: &Piece, scale: f32) -> Vec<Bookmark> {
        let scene = &self.plan.scenes[piece.scene];
        scene
            .boxes
            .iter()
            .filter(|b| piece.region.contains_rect(&b.rect, 0.5))
            .filter_map(|b| {
                let level = match b.kind {
                    BoxKind::Function { depth: 1 } => 0,
                    BoxKind::Function { depth: 2 } => 1,
                    _ => return None,
                };
                Some(Bookmark {
                    title: area_label(self.map, b.node),
                    node: Some(b.node),
                    level,
                    at: Point {
                        x: piece.at.x + (b.rect.x - piece.region.x) * scale,
                        y: piece.at.y + (b.rect.y - piece.region.y) * scale,
                    },
                })
            })
            .collect()
    }
}

/// What the boxes of this map, in this style, can show: level colours (and theme colours when
/// units are coloured by theme), the badges, the counts and the outline numbers.
fn legend(map: &FunctionalMap, style: &LayoutStyle) -> Vec<LegendItem> {
    let swatch = |kind: BoxKind, meaning: String| {
        let look = style.level(kind);
        LegendItem {
            sample: LegendSample::Swatch {
                fill: look.fill,
                stroke: look.stroke,
            },
            meaning,
        }
    };
    let meta = map.meta();
    let deepest_function = map
        .walk()
        .iter()
        .map(|&(_, id)| id)
        .filter(|&id| matches!(map.node(id), Some(crate::model::Node::Function(_))))
        .map(|id| map.depth(id))
        .max()
        .unwrap_or(0);
    let mut items = vec![
        swatch(BoxKind::KeyPurpose, "Key purpose".into()),
        swatch(
            BoxKind::Function { depth: 1 },
            meta.level_name(1).to_string(),
        ),
    ];
    if deepest_function >= 2 {
        let names: Vec<&str> = (2..=deepest_function).map(|d| meta.level_name(d)).collect();
        items.push(swatch(BoxKind::Function { depth: 2 }, names.join(", ")));
    }
    items.push(swatch(BoxKind::Unit, "NOS unit".into()));
    if style.colouring == crate::layout::Colouring::ByTheme {
        let used: std::collections::BTreeSet<&str> = map
            .units()
            .filter_map(|(_, u)| u.themes.first().map(String::as_str))
            .collect();
        for theme in meta.themes.iter().filter(|t| used.contains(t.id.as_str())) {
            let look = style.themed_unit(theme.colour);
            items.push(LegendItem {
                sample: LegendSample::Swatch {
                    fill: look.fill,
                    stroke: look.stroke,
                },
                meaning: format!("Unit in theme: {}", theme.name),
            });
        }
    }
    let (_, shared, folded) = style.ink();
    items.push(LegendItem {
        sample: LegendSample::Badge {
            fill: shared,
            label: "shared ×2".into(),
        },
        meaning: "placed under 2 functions".into(),
    });
    items.push(LegendItem {
        sample: LegendSample::Badge {
            fill: folded,
            label: "+5".into(),
        },
        meaning: "5 boxes folded away".into(),
    });
    if style.show_counts {
        items.push(LegendItem {
            sample: LegendSample::Text("3 PC · 2 K&U".into()),
            meaning: "performance criteria and knowledge items".into(),
        });
    }
    if style.show_numbers {
        items.push(LegendItem {
            sample: LegendSample::Text("1.2".into()),
            meaning: "outline number".into(),
        });
    }
    items
}

/// A page's pieces with their offsets, their extent, and the scale they print at.
type Shelved = (Vec<(usize, Point)>, Rect, f32);

/// For each box, the index of the box it hangs from.
fn parent_boxes(scene: &Scene) -> Vec<Option<usize>> {
    let mut parents = vec![None; scene.boxes.len()];
    for connector in &scene.connectors {
        if let Some(slot) = parents.get_mut(connector.to) {
            *slot = Some(connector.from);
        }
    }
    parents
}

/// The parent of the first box on `region` whose parent is elsewhere.
fn ghost_for(
    map: &FunctionalMap,
    scene: &Scene,
    parents: &[Option<usize>],
    region: &Rect,
) -> Option<Ghost> {
    let on = |i: usize| region.overlaps(&scene.boxes[i].rect);
    let orphan = (0..scene.boxes.len()).find(|&i| on(i) && parents[i].is_some_and(|p| !on(p)))?;
    let parent = parents[orphan]?;
    let node = scene.boxes[parent].node;
    Some(Ghost {
        node,
        text: area_label(map, node),
    })
}

/// "A · Key role: Managing self and personal skills".
fn area_label(map: &FunctionalMap, id: NodeId) -> String {
    let level = map.meta().level_name(map.depth(id));
    match map.node(id) {
        Some(crate::model::Node::KeyPurpose(k)) => format!("Key purpose: {}", k.statement),
        Some(crate::model::Node::Function(f)) if !f.code.is_empty() => {
            format!("{} · {level}: {}", f.code, f.title)
        }
        Some(crate::model::Node::Unit(u)) if !u.urn.is_empty() => format!("{} {}", u.urn, u.title),
        Some(node) => format!("{level}: {}", node.title()),
        None => level.to_string(),
    }
}

/// A key area's code, or its title when it has none.
fn area_code(map: &FunctionalMap, id: NodeId) -> String {
    match map.node(id) {
        Some(crate::model::Node::Function(f)) if !f.code.is_empty() => f.code.clone(),
        Some(node) => node.title().to_string(),
        None => String::new(),
    }
}

/// Points per scene unit that fit `bounds` into `area`.
fn fit(bounds: &Rect, area: &Rect) -> f32 {
    (area.width / bounds.width.max(1.0)).min(area.height / bounds.height.max(1.0))
}
