//! Draws the core's Scene and turns pointer input into actions: pan (drag empty space, scroll,
//! Space+drag), zoom (Ctrl+wheel, pinch, keys), select (click, Shift/Ctrl-click, Shift-drag a
//! rubber band), fold (double-click), move a node by dragging it onto another (Alt: place a unit
//! there as well), and rename in place. Only boxes in view are drawn, and at low zoom text gives
//! way to plain boxes. Selection, problem markers and the rename field are overlays: editor-only,
//! never part of the Scene. Each box in view is also an AccessKit node ("Key area 2 of 6: …").

use std::collections::HashMap;

use eframe::egui::{
    self, Color32, CornerRadius, FontFamily, FontId, Pos2, Sense, Stroke, StrokeKind, Vec2,
};

use super::camera::{Camera, MAX_ZOOM, MIN_ZOOM};
use super::selection::{Placement, Selection};
use super::{Action, FAMILY_BOLD, FAMILY_REGULAR};
use crate::analysis::checks::{CheckReport, Severity};
use crate::layout::{BadgeKind, FontWeight, Rect, Scene, SceneBox, TextLine};
use crate::model::{FunctionalMap, Node, NodeId, Rgb};

/// Below this zoom, boxes are drawn without text.
const TEXT_ZOOM_THRESHOLD: f32 = 0.3;
/// Boxes in view beyond this many are not given to screen readers one by one (a whole catalogue
/// fitted to the window would be tens of thousands).
const MAX_ACCESSIBLE_BOXES: usize = 600;

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
        let entry = markers
            .entry(finding.node())
            .or_insert((finding.severity, 0));
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

/// Inline title editing on the canvas. A unit's editor has a URN field before the title; Tab
/// moves between them.
#[derive(Clone, Debug, PartialEq)]
pub struct Rename {
    pub placement: Placement,
    pub text: String,
    /// The unit's URN as typed (`None` for the key purpose and functions).
    pub urn: Option<String>,
    /// The node was created for this edit: Esc removes it again.
    pub creating: bool,
    focused: bool,
    /// Which field to give the keyboard next frame, once focused.
    focus_urn: Option<bool>,
}

impl Rename {
    pub fn new(placement: Placement, text: String, creating: bool) -> Self {
        Self {
            placement,
            text,
            urn: None,
            creating,
            focused: false,
            focus_urn: None,
        }
    }

    /// With a URN field, for a unit.
    pub fn with_urn(mut self, urn: &str) -> Self {
        self.urn = Some(urn.to_string());
        self
    }

    /// Whether the title field has been given the keyboard.
    pub fn has_keyboard(&self) -> bool {
        self.focused && self.focus_urn.is_none()
    }
}

/// What the canvas needs besides the Scene.
pub struct CanvasInput<'a> {
    pub scene: &'a Scene,
    pub map: &'a FunctionalMap,
    pub selection: &'a Selection,
    pub markers: &'a HashMap<NodeId, (Severity, usize)>,
    /// Set when nothing else should have the keyboard (start, after a rename).
    pub take_focus: bool,
    /// Letters typed start a rename (not when the same key press ran a command, like "+").
    pub typing_starts_rename: bool,
    /// While presenting: only these nodes are drawn at full strength.
    /// Shown to a room: the selected box gets a ring seen from the back (the box being decided).
    pub room: bool,
    /// While presenting: white background, everything else dimmed more.
    pub high_contrast: bool,
    /// While comparing with another version: what differs, and ghosts of what only it has.
    pub changes: Option<&'a super::compare::ChangeMarks>,
}

/// The canvas widget's id, so others can hand the keyboard back to it.
pub fn canvas_id() -> egui::Id {
    egui::Id::unique("nosmap-canvas")
}

/// The canvas: reads the Scene, moves the camera, emits actions. Returns true while it has the
/// keyboard (so the editing keys apply to the map).
pub fn canvas_ui(
    ui: &mut egui::Ui,
    input: CanvasInput<'_>,
    camera: &mut Camera,
    rename: &mut Option<Rename>,
    actions: &mut Vec<Action>,
) -> bool {
    let scene = input.scene;
    let canvas = ui.available_rect_before_wrap();
    let response = ui.interact(canvas, canvas_id(), Sense::click_and_drag());
    ui.advance_cursor_after_rect(canvas);
    let painter = ui.painter_at(canvas);
    let background = if input.high_contrast {
        Color32::WHITE
    } else {
        ui.visuals().extreme_bg_color
    };
    painter.rect_filled(canvas, 0.0, background);
    if let Some(aspect) = camera.prepare(scene, canvas) {
        // Lay the map out for this window first; place the camera on the next frame.
        actions.push(Action::ShapeForCanvas(aspect));
        ui.ctx().request_repaint();
        return response.has_focus();
    }
    if response.clicked() || response.drag_started() || input.take_focus {
        response.request_focus();
    }
    let focused = response.has_focus();
    if focused {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                canvas_id(),
                egui::EventFilter {
                    tab: true,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                },
            )
        });
    }
    handle_pointer(ui, &response, &input, camera, canvas, actions);
    if focused && rename.is_none() && input.typing_starts_rename {
        // Typing on the map starts editing the selected node's title with what was typed.
        let typed: String = ui.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Text(t) if t != " " && !i.modifiers.command => Some(t.as_str()),
                    _ => None,
                })
                .collect()
        });
        if !typed.is_empty() {
            actions.push(Action::StartRename(Some(typed)));
        }
    }

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
    paint(ui, &painter, &input, camera, canvas, &visible);
    rename_ui(ui, scene, camera, canvas, rename, actions);
    focused
}

fn paint(
    ui: &egui::Ui,
    painter: &egui::Painter,
    input: &CanvasInput<'_>,
    camera: &Camera,
    canvas: egui::Rect,
    visible: &Rect,
) {
    let scene = input.scene;
    let zoom = camera.zoom;
    for connector in scene.connectors_crossing(visible) {
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
    let in_view: Vec<&SceneBox> = scene
        .boxes
        .iter()
        .filter(|b| b.rect.overlaps(visible))
        .collect();
    let accessible = in_view.len() <= MAX_ACCESSIBLE_BOXES;
    for scene_box in in_view {
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
                paint_line(painter, camera, canvas, &badge.label);
            }
        }
        if show_text {
            for line in &scene_box.lines {
                paint_line(painter, camera, canvas, line);
            }
        }
        let placement = Placement {
            node: scene_box.node,
            parent: scene_box.parent,
        };
        // The top of a part of the map (a workshop step's page) is drawn without its parent.
        let selected = input.selection.contains(placement)
            || (scene_box.parent.is_none()
                && input
                    .selection
                    .items()
                    .iter()
                    .any(|p| p.node == scene_box.node));
        if selected && input.room {
            painter.rect_stroke(
                rect.expand(4.0),
                radius,
                Stroke::new(6.0, Color32::from_rgb(0xff, 0xb3, 0x00)),
                StrokeKind::Outside,
            );
        } else if selected {
            painter.rect_stroke(
                rect.expand(3.0),
                radius,
                Stroke::new(2.5, Color32::from_rgb(0x1a, 0x73, 0xe8)),
                StrokeKind::Outside,
            );
        }
        if let Some(changes) = input.changes {
            paint_differences(
                painter,
                changes,
                scene_box.node,
                rect,
                radius,
                zoom,
                show_text,
            );
        }
        if let Some(&(severity, count)) = input.markers.get(&scene_box.node) {
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
        if accessible {
            let open_comments = scene_box.badges.iter().find_map(|b| match b.kind {
                BadgeKind::Comments { open } => Some(open),
                _ => None,
            });
            expose_to_screen_readers(ui, input, placement, open_comments, rect.intersect(canvas));
        }
    }
}

/// Gives a box an AccessKit node: its kind, position among its siblings and title, and its
/// open comments when its badge shows some.
fn expose_to_screen_readers(
    ui: &egui::Ui,
    input: &CanvasInput<'_>,
    placement: Placement,
    open_comments: Option<usize>,
    rect: egui::Rect,
) {
    let id = egui::Id::unique(("canvas-node", placement.node, placement.parent));
    let response = ui.interact(rect, id, Sense::hover());
    let mut label = accessible_label(input.map, placement);
    match open_comments {
        Some(1) => label.push_str(" (1 open comment)"),
        Some(n) => label.push_str(&format!(" ({n} open comments)")),
        None => {}
    }
    let selected = input.selection.contains(placement);
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::TreeItem, true, selected, &label));
}

/// "Key area 2 of 6: Manage self", "NOS unit 1 of 3: CFAMLA1 Manage your own resources".
pub fn accessible_label(map: &FunctionalMap, placement: Placement) -> String {
    let Some(node) = map.node(placement.node) else {
        return String::new();
    };
    let kind = match node {
        Node::KeyPurpose(_) => return format!("Key purpose: {}", node.title()),
        Node::Function(_) => map.meta().level_name(map.depth(placement.node)).to_string(),
        Node::Unit(unit) if !unit.urn.is_empty() => format!("NOS unit {}", unit.urn),
        Node::Unit(_) => "NOS unit".to_string(),
    };
    let position = placement
        .parent
        .and_then(|p| {
            let siblings = map.children(p);
            let index = siblings.iter().position(|&s| s == placement.node)?;
            Some(format!(" {} of {}", index + 1, siblings.len()))
        })
        .unwrap_or_default();
    format!("{kind}{position}: {}", node.title())
}

/// Draws one of the Scene's text lines where the layout put it, scaled by the zoom.
/// A difference from the compared version: a thick outline in the mark's colour, and below the
/// box, dashed ghosts of the nodes only the other version has under it.
fn paint_differences(
    painter: &egui::Painter,
    changes: &super::compare::ChangeMarks,
    node: NodeId,
    rect: egui::Rect,
    radius: CornerRadius,
    zoom: f32,
    show_text: bool,
) {
    if let Some(mark) = changes.marks.get(&node) {
        painter.rect_stroke(
            rect.expand(2.0),
            radius,
            Stroke::new((3.0 * zoom.sqrt()).clamp(2.0, 5.0), colour(mark.colour())),
            StrokeKind::Outside,
        );
    }
    let Some(ghosts) = changes.ghosts.get(&node) else {
        return;
    };
    let grey = Color32::from_rgb(0x88, 0x88, 0x88);
    let height = (rect.height() * 0.6).max(6.0);
    for (i, title) in ghosts.iter().enumerate() {
        let top = rect.bottom() + 6.0 + i as f32 * (height + 4.0);
        let ghost = egui::Rect::from_min_size(
            egui::pos2(rect.left() + rect.width() * 0.1, top),
            egui::vec2(rect.width() * 0.9, height),
        );
        let corners = [
            ghost.left_top(),
            ghost.right_top(),
            ghost.right_bottom(),
            ghost.left_bottom(),
            ghost.left_top(),
        ];
        painter.add(egui::Shape::dashed_line(
            &corners,
            Stroke::new(1.5, grey),
            5.0,
            3.0,
        ));
        if show_text {
            let size = (11.0 * zoom).clamp(6.0, 16.0);
            painter.with_clip_rect(ghost).text(
                ghost.left_center() + egui::vec2(4.0, 0.0),
                egui::Align2::LEFT_CENTER,
                format!("only in the other version: {title}"),
                FontId::new(size, FontFamily::Proportional),
                grey,
            );
        }
    }
}

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

fn handle_pointer(
    ui: &egui::Ui,
    response: &egui::Response,
    input: &CanvasInput<'_>,
    camera: &mut Camera,
    canvas: egui::Rect,
    actions: &mut Vec<Action>,
) {
    let scene = input.scene;
    let (modifiers, space_held, pointer) = ui.input(|i| {
        (
            i.modifiers,
            i.key_down(egui::Key::Space),
            i.pointer.interact_pos(),
        )
    });
    // Hit tests use the camera as the frame began.
    let before = camera.clone();
    let at = |pos: Pos2| box_at(scene, before.scene_from_screen(canvas, pos));
    let drag_id = egui::Id::unique("canvas-node-drag");
    let band_id = egui::Id::unique("canvas-rubber-band");
    if response.drag_started() {
        // Where the button went down, not where the pointer is once it moved far enough to drag.
        let start = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos());
        let on_box = start.and_then(at).map(|b| Placement {
            node: b.node,
            parent: b.parent,
        });
        match (on_box, space_held, modifiers.shift) {
            (Some(placement), false, _) if placement.parent.is_some() => {
                ui.data_mut(|d| d.insert_temp(drag_id, Some(placement)));
            }
            (None, false, true) => {
                ui.data_mut(|d| d.insert_temp(band_id, start));
            }
            _ => {}
        }
    }
    let dragging_node: Option<Placement> = ui.data(|d| d.get_temp(drag_id)).flatten();
    let band_start: Option<Pos2> = ui.data(|d| d.get_temp(band_id)).flatten();
    if response.dragged() {
        if let Some(dragged) = dragging_node {
            // Show where it would go.
            if let Some(pos) = pointer {
                let target = at(pos).filter(|b| b.node != dragged.node);
                let painter = ui.painter_at(canvas);
                if let Some(target) = target {
                    let rect = camera.screen_rect(canvas, &target.rect);
                    painter.rect_stroke(
                        rect.expand(4.0),
                        4.0,
                        Stroke::new(2.0, Color32::from_rgb(0x2e, 0x7d, 0x32)),
                        StrokeKind::Outside,
                    );
                }
                let verb = if modifiers.alt {
                    "place also under…"
                } else {
                    "move under…"
                };
                painter.text(
                    pos + Vec2::new(14.0, 10.0),
                    egui::Align2::LEFT_TOP,
                    verb,
                    FontId::proportional(13.0),
                    ui.visuals().text_color(),
                );
            }
        } else if let (Some(start), Some(pos)) = (band_start, pointer) {
            ui.painter_at(canvas).rect(
                egui::Rect::from_two_pos(start, pos),
                0.0,
                Color32::from_rgba_unmultiplied(0x1a, 0x73, 0xe8, 30),
                Stroke::new(1.0, Color32::from_rgb(0x1a, 0x73, 0xe8)),
                StrokeKind::Inside,
            );
        } else {
            camera.offset -= response.drag_delta() / camera.zoom;
        }
    }
    if response.drag_stopped() {
        if let (Some(dragged), Some(from)) = (dragging_node, dragging_node.and_then(|d| d.parent)) {
            if let Some(target) = pointer.and_then(at).filter(|b| b.node != dragged.node) {
                actions.push(Action::MoveTo {
                    node: dragged.node,
                    from,
                    to: target.node,
                    index: None,
                    share: modifiers.alt,
                });
            }
        } else if let (Some(start), Some(end)) = (band_start, pointer) {
            let band = egui::Rect::from_two_pos(start, end);
            let caught = scene
                .boxes
                .iter()
                .filter(|b| band.contains_rect(camera.screen_rect(canvas, &b.rect)))
                .map(|b| Placement {
                    node: b.node,
                    parent: b.parent,
                })
                .collect();
            actions.push(Action::SelectMany(caught));
        }
        ui.data_mut(|d| {
            d.remove::<Option<Placement>>(drag_id);
            d.remove::<Option<Pos2>>(band_id);
        });
    }
    if ui.rect_contains_pointer(canvas) {
        let (scroll, zoom_delta, hover) = ui.input(|i| {
            (
                i.smooth_scroll_delta(),
                i.zoom_delta(),
                i.pointer.hover_pos(),
            )
        });
        if zoom_delta != 1.0 {
            let anchor = hover.unwrap_or(canvas.center());
            let before = camera.scene_from_screen(canvas, anchor);
            camera.zoom = (camera.zoom * zoom_delta).clamp(MIN_ZOOM, MAX_ZOOM);
            let after = camera.scene_from_screen(canvas, anchor);
            camera.offset += before - after;
        } else if scroll != Vec2::ZERO {
            camera.offset -= scroll / camera.zoom;
        }
    }
    if response.clicked() {
        if let Some(pos) = response.interact_pointer_pos() {
            let placement = at(pos).map(|b| Placement {
                node: b.node,
                parent: b.parent,
            });
            let extend = modifiers.shift || modifiers.command;
            let badge = badge_at(scene, before.scene_from_screen(canvas, pos));
            if let Some((node, BadgeKind::Folded { .. })) = badge {
                actions.push(Action::ToggleFold(node));
            }
            match (placement, extend) {
                (Some(placement), true) => {
                    actions.push(Action::SelectPlacement { placement, extend })
                }
                (placement, _) => actions.push(Action::SelectPlacementOnly(placement)),
            }
            // The open-comments badge opens the node's comments in the Comments panel.
            if let Some((node, BadgeKind::Comments { .. })) = badge {
                actions.push(Action::Comments(super::comments::CommentsAction::OpenOn {
                    node,
                    statement: None,
                }));
            }
        }
    }
    if response.double_clicked() {
        // As in Freeplane: a double click edits the title; folding stays on Space and the badge.
        if let Some(pos) = response.interact_pointer_pos() {
            match at(pos) {
                Some(_) => actions.push(Action::StartRename(None)),
                None => actions.push(Action::FitToWindow),
            }
        }
    }
    let menu_on_box = egui::Id::unique("canvas-menu-on-box");
    if response.secondary_clicked() {
        // The context menu acts on the box under the pointer: select it first.
        let on_box = response.interact_pointer_pos().and_then(at);
        if let Some(scene_box) = on_box {
            actions.push(Action::SelectPlacementOnly(Some(Placement {
                node: scene_box.node,
                parent: scene_box.parent,
            })));
        }
        ui.data_mut(|d| d.insert_temp(menu_on_box, on_box.is_some()));
    }
    response.context_menu(|ui| {
        if ui.data(|d| d.get_temp(menu_on_box)).unwrap_or(false) {
            super::commands::context_menu_ui(ui, actions);
        } else {
            // Empty space: nothing to act on but the view.
            super::commands::empty_space_menu_ui(ui, actions);
        }
    });
}

/// The badge under `at`, if any, and its box's node: a click on the folded-branch badge unfolds
/// the branch, one on the open-comments badge opens the comments.
fn badge_at(scene: &Scene, at: Vec2) -> Option<(NodeId, BadgeKind)> {
    scene.boxes.iter().find_map(|b| {
        b.badges.iter().find_map(|badge| {
            let r = &badge.rect;
            let inside = at.x >= r.x && at.x <= r.right() && at.y >= r.y && at.y <= r.bottom();
            inside.then_some((b.node, badge.kind))
        })
    })
}

/// The title field drawn over the box being renamed (a unit's URN field before it): Enter keeps,
/// Esc cancels, Tab moves between URN and title.
fn rename_ui(
    ui: &mut egui::Ui,
    scene: &Scene,
    camera: &Camera,
    canvas: egui::Rect,
    rename: &mut Option<Rename>,
    actions: &mut Vec<Action>,
) {
    let Some(editing) = rename else {
        return;
    };
    let placed = scene
        .boxes
        .iter()
        .find(|b| b.node == editing.placement.node && b.parent == editing.placement.parent);
    let rect = placed.map_or(
        egui::Rect::from_center_size(canvas.center(), Vec2::new(320.0, 28.0)),
        |b| camera.screen_rect(canvas, &b.rect),
    );
    let urn_width = if editing.urn.is_some() { 110.0 } else { 0.0 };
    let rect = egui::Rect::from_min_size(
        rect.min,
        Vec2::new(rect.width().max(280.0 + urn_width), 28.0),
    );
    let (urn_rect, title_rect) = rect.split_left_right_at_x(rect.min.x + urn_width);
    let urn_response = editing.urn.as_mut().map(|urn| {
        let response = ui.put(
            urn_rect.shrink2(Vec2::new(1.0, 0.0)),
            egui::TextEdit::singleline(urn)
                .id(egui::Id::unique("canvas-rename-urn"))
                .hint_text("URN")
                .lock_focus(true)
                .font(egui::TextStyle::Body),
        );
        let typed = urn.clone();
        response.widget_info(|| egui::WidgetInfo::text_edit(true, "", &typed, "URN of the unit"));
        response
    });
    let title_response = ui.put(
        title_rect,
        egui::TextEdit::singleline(&mut editing.text)
            .id(egui::Id::unique("canvas-rename"))
            .hint_text("Title")
            .lock_focus(urn_response.is_some())
            .font(egui::TextStyle::Body),
    );
    title_response.widget_info(|| {
        egui::WidgetInfo::text_edit(true, "", &editing.text, "Title of the selected node")
    });
    let in_urn = urn_response.as_ref().is_some_and(|r| r.has_focus());
    let in_title = title_response.has_focus();
    if !editing.focused {
        focus_at_end(ui, &title_response, editing.text.chars().count());
        editing.focused = true;
        return;
    }
    if let Some(to_urn) = editing.focus_urn.take() {
        match (&urn_response, to_urn) {
            (Some(urn), true) => {
                let end = editing.urn.as_deref().map_or(0, |u| u.chars().count());
                focus_at_end(ui, urn, end);
            }
            _ => focus_at_end(ui, &title_response, editing.text.chars().count()),
        }
        return;
    }
    if urn_response.is_some() && (in_urn || in_title) {
        let tab = ui.input_mut(|i| {
            i.consume_key(egui::Modifiers::NONE, egui::Key::Tab)
                || i.consume_key(egui::Modifiers::SHIFT, egui::Key::Tab)
        });
        if tab {
            editing.focus_urn = Some(!in_urn);
        }
        return;
    }
    let lost = title_response.lost_focus() || urn_response.is_some_and(|r| r.lost_focus());
    if lost && !in_urn && !in_title {
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            actions.push(Action::CancelRename);
        } else {
            actions.push(Action::CommitRename);
        }
    }
}

/// Gives `field` the keyboard with the cursor after its text rather than selecting it.
fn focus_at_end(ui: &egui::Ui, field: &egui::Response, chars: usize) {
    field.request_focus();
    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
        let end = egui::text::CCursor::new(chars);
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(end)));
        state.store(ui.ctx(), field.id);
    }
}

fn box_at(scene: &Scene, at: Vec2) -> Option<&SceneBox> {
    scene.boxes.iter().find(|b| {
        at.x >= b.rect.x && at.x <= b.rect.right() && at.y >= b.rect.y && at.y <= b.rect.bottom()
    })
}
