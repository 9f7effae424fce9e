//! Draws the core's Scene: pan (drag, scroll), zoom (Ctrl+wheel, pinch), fit, select on click,
//! fold on double-click. Only boxes in view are drawn, and at low zoom text gives way to plain
//! boxes. Selection and problem markers are overlays: editor-only, never part of the Scene.

use std::collections::HashMap;

use eframe::egui::{
    self, Color32, CornerRadius, FontFamily, FontId, Pos2, Sense, Stroke, StrokeKind, Vec2,
};

use super::{Action, FAMILY_BOLD, FAMILY_REGULAR};
use crate::analysis::checks::{CheckReport, Severity};
use crate::layout::{FontWeight, Rect, Scene, TextLine};
use crate::model::NodeId;
use crate::model::Rgb;

/// Below this zoom, boxes are drawn without text.
const TEXT_ZOOM_THRESHOLD: f32 = 0.3;

/// Pan and zoom: `screen = canvas_origin + (scene - offset) * zoom`.
#[derive(Clone, Debug)]
pub struct Camera {
    pub zoom: f32,
    pub offset: Vec2,
    fit_pending: bool,
    /// A node to centre on at the next frame, with its box.
    frame_pending: Option<(NodeId, Rect)>,
    framed: Option<NodeId>,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            offset: Vec2::ZERO,
            fit_pending: true,
            frame_pending: None,
            framed: None,
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

    /// The node last framed.
    pub fn framed(&self) -> Option<NodeId> {
        self.framed
    }

    fn frame(&mut self, rect: Rect, canvas: egui::Rect) {
        self.fit_pending = false;
        self.zoom = self.zoom.max(0.8);
        let centre = Vec2::new(rect.centre().x, rect.centre().y);
        self.offset = centre - Vec2::new(canvas.width(), canvas.height()) / (2.0 * self.zoom);
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

    fn screen_from_scene(&self, canvas: egui::Rect, x: f32, y: f32) -> Pos2 {
        canvas.min + (Vec2::new(x, y) - self.offset) * self.zoom
    }

    fn screen_rect(&self, canvas: egui::Rect, rect: &Rect) -> egui::Rect {
        egui::Rect::from_min_max(
            self.screen_from_scene(canvas, rect.x, rect.y),
            self.screen_from_scene(canvas, rect.right(), rect.bottom()),
        )
    }

    fn scene_from_screen(&self, canvas: egui::Rect, pos: Pos2) -> Vec2 {
        (pos - canvas.min) / self.zoom + self.offset
    }
}

fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

fn font(size: f32, weight: FontWeight) -> FontId {
    let family = match weight {
        FontWeight::Regular => FAMILY_REGULAR,
        FontWeight::Bold => FAMILY_BOLD,
    };
    FontId::new(size, FontFamily::Name(family.into()))
}

/// Worst severity and number of active findings per node.
pub fn problem_markers(report: &CheckReport) -> HashMap<NodeId, (Severity, usize)> {
    let mut markers: HashMap<NodeId, (Severity, usize)> = HashMap::new();
    for finding in &report.findings {
        let entry = markers.entry(finding.node).or_insert((finding.severity, 0));
        entry.0 = entry.0.max(finding.severity);
        entry.1 += 1;
    }
    markers
}

fn severity_colour(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => Color32::from_rgb(0xc6, 0x28, 0x28),
        Severity::Warning => Color32::from_rgb(0xe0, 0x8a, 0x00),
        Severity::Info => Color32::from_rgb(0x3d, 0x7e, 0xc4),
    }
}

/// The canvas: reads the Scene, moves the camera, emits actions.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    scene: &Scene,
    selection: Option<NodeId>,
    markers: &HashMap<NodeId, (Severity, usize)>,
    camera: &mut Camera,
    actions: &mut Vec<Action>,
) {
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let canvas = response.rect;
    painter.rect_filled(canvas, 0.0, Color32::from_rgb(0xf6, 0xf7, 0xf9));
    if let Some((_, rect)) = camera.frame_pending.take() {
        camera.frame(rect, canvas);
    } else if camera.fit_pending {
        camera.fit(scene, canvas);
    }
    handle_input(ui, &response, scene, camera, canvas, actions);

    let visible = {
        let min = camera.scene_from_screen(canvas, canvas.min);
        let max = camera.scene_from_screen(canvas, canvas.max);
        Rect {
            x: min.x,
            y: min.y,
            width: max.x - min.x,
            height: max.y - min.y,
        }
    };
    let zoom = camera.zoom;
    for connector in scene.connectors_crossing(&visible) {
        let points = connector
            .points
            .iter()
            .map(|p| camera.screen_from_scene(canvas, p.x, p.y))
            .collect();
        painter.line(
            points,
            Stroke::new((1.2 * zoom).max(0.5), colour(connector.colour)),
        );
    }
    let show_text = zoom >= TEXT_ZOOM_THRESHOLD;
    for scene_box in scene.boxes.iter().filter(|b| b.rect.overlaps(&visible)) {
        let rect = camera.screen_rect(canvas, &scene_box.rect);
        let radius =
            CornerRadius::same((scene_box.corner_radius * zoom).round().clamp(0.0, 255.0) as u8);
        painter.rect_filled(rect, radius, colour(scene_box.fill));
        painter.rect_stroke(
            rect,
            radius,
            Stroke::new(
                scene_box.stroke_width * zoom.max(0.5),
                colour(scene_box.stroke),
            ),
            StrokeKind::Inside,
        );
        for badge in &scene_box.badges {
            let badge_rect = camera.screen_rect(canvas, &badge.rect);
            painter.rect_filled(
                badge_rect,
                CornerRadius::same((4.0 * zoom) as u8),
                colour(badge.fill),
            );
            if show_text {
                paint_line(&painter, camera, canvas, &badge.label);
            }
        }
        if show_text {
            for line in &scene_box.lines {
                paint_line(&painter, camera, canvas, line);
            }
        }
        if selection == Some(scene_box.node) {
            let outline = rect.expand(3.0);
            painter.rect_stroke(
                outline,
                radius,
                Stroke::new(2.5, Color32::from_rgb(0x1a, 0x73, 0xe8)),
                StrokeKind::Outside,
            );
        }
        if let Some(&(severity, count)) = markers.get(&scene_box.node) {
            let centre = rect.left_top();
            let radius = (7.0 * zoom.sqrt()).clamp(3.0, 10.0);
            painter.circle_filled(centre, radius, severity_colour(severity));
            if show_text && radius >= 6.0 {
                let font_id = FontId::new(radius * 1.2, FontFamily::Name(FAMILY_BOLD.into()));
                painter.text(
                    centre,
                    egui::Align2::CENTER_CENTER,
                    count.min(99).to_string(),
                    font_id,
                    Color32::WHITE,
                );
            }
        }
    }
}

/// Draws one of the Scene's text lines where the layout put it, scaled by the zoom.
fn paint_line(painter: &egui::Painter, camera: &Camera, canvas: egui::Rect, line: &TextLine) {
    let pos = camera.screen_from_scene(canvas, line.rect.x, line.rect.y);
    let font_id = font(line.size * camera.zoom, line.weight);
    painter.text(
        pos,
        egui::Align2::LEFT_TOP,
        &line.text,
        font_id,
        colour(line.colour),
    );
}

fn handle_input(
    ui: &egui::Ui,
    response: &egui::Response,
    scene: &Scene,
    camera: &mut Camera,
    canvas: egui::Rect,
    actions: &mut Vec<Action>,
) {
    if response.dragged() {
        camera.offset -= response.drag_delta() / camera.zoom;
    }
    if response.hovered() {
        let (scroll, zoom_delta, pointer) = ui.input(|i| {
            (
                i.smooth_scroll_delta(),
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        if zoom_delta != 1.0 {
            let anchor = pointer.unwrap_or(canvas.center());
            let before = camera.scene_from_screen(canvas, anchor);
            camera.zoom = (camera.zoom * zoom_delta).clamp(0.02, 8.0);
            let after = camera.scene_from_screen(canvas, anchor);
            camera.offset += before - after;
        } else if scroll != Vec2::ZERO {
            camera.offset -= scroll / camera.zoom;
        }
    }
    if response.clicked() {
        if let Some(pos) = response.interact_pointer_pos() {
            let at = camera.scene_from_screen(canvas, pos);
            actions.push(Action::Select(box_at(scene, at).map(|b| b.node)));
        }
    }
    if response.double_clicked() {
        if let Some(pos) = response.interact_pointer_pos() {
            let at = camera.scene_from_screen(canvas, pos);
            let hit = box_at(scene, at);
            match hit {
                Some(scene_box) => actions.push(Action::ToggleFold(scene_box.node)),
                None => actions.push(Action::FitToWindow),
            }
        }
    }
}

fn box_at(scene: &Scene, at: Vec2) -> Option<&crate::layout::SceneBox> {
    scene.boxes.iter().find(|b| {
        at.x >= b.rect.x && at.x <= b.rect.right() && at.y >= b.rect.y && at.y <= b.rect.bottom()
    })
}
