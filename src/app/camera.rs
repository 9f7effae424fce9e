//! The canvas's camera: pan and zoom, fitting, framing a box, a position set exactly (a workshop
//! step's page), the view file's remembered position, and the first view of a map (readable, in
//! the window's shape).

use eframe::egui::{self, Pos2, Vec2};

use crate::layout::{BoxKind, Rect, Scene};
use crate::model::NodeId;

pub(super) const MIN_ZOOM: f32 = 0.02;
pub(super) const MAX_ZOOM: f32 = 8.0;
/// The smallest on-screen size (pixels) of a unit title that the first view accepts as readable.
pub const READABLE_TITLE_PX: f32 = 9.0;
/// The window's shape changes the layout only past this relative difference, so a small resize
/// or a panel opening never reshuffles the map.
const SHAPE_TOLERANCE: f32 = 0.1;

/// Pan and zoom: `screen = canvas_origin + (scene - offset) * zoom`.
#[derive(Clone, Debug)]
pub struct Camera {
    pub zoom: f32,
    pub offset: Vec2,
    pub(super) fit_pending: bool,
    /// Opening a map: fit if that is readable, else the key purpose and key areas readable.
    first_view_pending: bool,
    /// The canvas shape (width over height) the tab's Scene was laid out for.
    shaped_for: Option<f32>,
    /// A node to centre on at the next frame, with its box.
    pub(super) frame_pending: Option<(NodeId, Rect)>,
    pub(super) framed: Option<NodeId>,
    /// The canvas rectangle of the last frame, for keyboard zoom.
    pub(super) last_canvas: Option<egui::Rect>,
    /// Zoom and centre (scene coordinates) read from the view file, applied at the next frame.
    pub(super) restore_pending: Option<(f32, [f32; 2])>,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            offset: Vec2::ZERO,
            fit_pending: false,
            first_view_pending: true,
            shaped_for: None,
            frame_pending: None,
            framed: None,
            last_canvas: None,
            restore_pending: None,
        }
    }
}

impl Camera {
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// Centres the view on a box at the next frame, zooming in far enough to read it.
    pub fn request_frame(&mut self, node: NodeId, rect: Rect) {
        self.frame_pending = Some((node, rect));
        self.framed = Some(node);
    }

    /// Shows the map at `zoom` around `centre` (scene coordinates) from the next frame, as the
    /// view file remembered it.
    pub fn restore(&mut self, zoom: f32, centre: [f32; 2]) {
        if zoom.is_finite() && zoom > 0.0 && centre.iter().all(|c| c.is_finite()) {
            self.restore_pending = Some((zoom.clamp(MIN_ZOOM, MAX_ZOOM), centre));
            self.fit_pending = false;
            self.first_view_pending = false;
        }
    }

    /// The zoom and the scene point in the middle of the canvas, to remember in the view file.
    pub fn view_centre(&self) -> Option<(f32, [f32; 2])> {
        if let Some(pending) = self.restore_pending {
            return Some(pending);
        }
        let canvas = self.last_canvas?;
        let centre = self.scene_from_screen(canvas, canvas.center());
        Some((self.zoom, [centre.x, centre.y]))
    }

    /// Shows the scene point `centre` in the middle of the canvas at exactly `zoom`, from the
    /// next frame (a workshop step framed for reading).
    pub(super) fn show(&mut self, zoom: f32, centre: [f32; 2]) {
        // A new box asks to be framed in the whole map's Scene; a step's page is its own Scene.
        self.frame_pending = None;
        self.restore(zoom, centre);
    }

    /// Where the camera is (zoom, offset), to put it back later.
    pub fn position(&self) -> (f32, [f32; 2]) {
        (self.zoom, [self.offset.x, self.offset.y])
    }

    /// The canvas rectangle of the last frame.
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.last_canvas
    }

    /// The node last framed.
    pub fn framed(&self) -> Option<NodeId> {
        self.framed
    }

    /// Zooms by `factor` about the middle of the canvas.
    pub fn zoom_by(&mut self, factor: f32) {
        let Some(canvas) = self.last_canvas else {
            self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
            return;
        };
        let anchor = canvas.center();
        let before = self.scene_from_screen(canvas, anchor);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = self.scene_from_screen(canvas, anchor);
        self.offset += before - after;
    }

    pub(super) fn frame(&mut self, rect: Rect, canvas: egui::Rect) {
        self.fit_pending = false;
        self.zoom = self.zoom.max(0.8);
        let centre = Vec2::new(rect.centre().x, rect.centre().y);
        self.offset = centre - Vec2::new(canvas.width(), canvas.height()) / (2.0 * self.zoom);
    }

    /// Before drawing a frame: when the Scene must first be laid out for this canvas's shape,
    /// returns that shape (width over height) and moves nothing; otherwise applies what was asked
    /// (a remembered position, a frame, a fit, the first view).
    pub(super) fn prepare(&mut self, scene: &Scene, canvas: egui::Rect) -> Option<f32> {
        self.last_canvas = Some(canvas);
        let aspect = canvas.width() / canvas.height().max(1.0);
        let placing = self.first_view_pending || self.fit_pending || self.restore_pending.is_some();
        let shaped = self
            .shaped_for
            .is_some_and(|a| (a / aspect - 1.0).abs() <= SHAPE_TOLERANCE);
        if placing && !shaped && aspect.is_finite() && aspect > 0.0 {
            self.shaped_for = Some(aspect);
            return Some(aspect);
        }
        if let Some((zoom, centre)) = self.restore_pending.take() {
            self.zoom = zoom;
            self.offset = Vec2::new(centre[0], centre[1]) - canvas.size() / (2.0 * zoom);
            self.fit_pending = false;
            self.first_view_pending = false;
        }
        if let Some((_, rect)) = self.frame_pending.take() {
            self.frame(rect, canvas);
            self.first_view_pending = false;
        } else if self.fit_pending {
            self.fit(scene, canvas);
            self.first_view_pending = false;
        } else if self.first_view_pending {
            self.first_view(scene, canvas);
        }
        None
    }

    /// The whole map when its unit titles are readable at that zoom; otherwise the key purpose
    /// and the key areas at a readable zoom, from the top left of the map.
    fn first_view(&mut self, scene: &Scene, canvas: egui::Rect) {
        self.first_view_pending = false;
        let (w, h) = (scene.bounds.width.max(1.0), scene.bounds.height.max(1.0));
        let fit_zoom = (canvas.width() / w)
            .min(canvas.height() / h)
            .clamp(MIN_ZOOM, 1.5);
        let title = scene
            .boxes
            .iter()
            .filter(|b| b.kind == BoxKind::Unit)
            .flat_map(|b| b.lines.iter().map(|l| l.size))
            .fold(0.0_f32, f32::max);
        if title == 0.0 || title * fit_zoom >= READABLE_TITLE_PX {
            self.fit(scene, canvas);
            return;
        }
        let readable = READABLE_TITLE_PX / title;
        let top = scene
            .boxes
            .iter()
            .filter(|b| matches!(b.kind, BoxKind::KeyPurpose | BoxKind::Function { depth: 1 }))
            .map(|b| b.rect)
            .reduce(|a, b| a.union(&b));
        let Some(top) = top else {
            self.fit(scene, canvas);
            return;
        };
        let margin = 24.0;
        let region = top.expand(margin);
        // As large as shows them all, but never below readable or above 100 %.
        self.zoom = (canvas.width() / region.width)
            .min(canvas.height() / region.height)
            .clamp(readable, 1.0_f32.max(readable));
        let shown = canvas.size() / self.zoom;
        // Their top left at the window's top left; centred where they fit.
        let x = if region.width <= shown.x {
            region.x + region.width / 2.0 - shown.x / 2.0
        } else {
            region.x
        };
        let y = if region.height <= shown.y {
            region.y + region.height / 2.0 - shown.y / 2.0
        } else {
            region.y
        };
        self.offset = Vec2::new(x.max(0.0), y.max(0.0));
    }

    fn fit(&mut self, scene: &Scene, canvas: egui::Rect) {
        let (w, h) = (scene.bounds.width.max(1.0), scene.bounds.height.max(1.0));
        self.zoom = (canvas.width() / w)
            .min(canvas.height() / h)
            .clamp(0.02, 1.5);
        let shown = Vec2::new(canvas.width(), canvas.height()) / self.zoom;
        self.offset = Vec2::new(w - shown.x, h - shown.y) / 2.0;
        self.fit_pending = false;
    }

    pub(super) fn screen_from_scene(&self, canvas: egui::Rect, x: f32, y: f32) -> Pos2 {
        canvas.min + (Vec2::new(x, y) - self.offset) * self.zoom
    }

    pub(super) fn screen_rect(&self, canvas: egui::Rect, rect: &Rect) -> egui::Rect {
        egui::Rect::from_min_max(
            self.screen_from_scene(canvas, rect.x, rect.y),
            self.screen_from_scene(canvas, rect.right(), rect.bottom()),
        )
    }

    pub(super) fn scene_from_screen(&self, canvas: egui::Rect, pos: Pos2) -> Vec2 {
        (pos - canvas.min) / self.zoom + self.offset
    }
}
