//! Workshop mode: the map full screen, stepped through with a presentation clicker, changed live.
//!
//! F5 saves how the editor looks (camera, selection, folding), hides menus and panels and goes
//! full screen; Esc puts everything back as it was, plus whatever was edited. The walkthrough's
//! steps live in the view state (`ViewState::presentation`), generated from the hierarchy the
//! first time. Edits made while presenting (new nodes, parking-lot ideas, agreed / needs
//! discussion, votes) are ordinary edits through the one history.

use std::collections::{BTreeSet, HashSet};

use eframe::egui::{self, Key, Modifiers, RichText};

use super::camera::Camera;
use super::canvas::CanvasInput;
use super::selection::{Placement, Selection};
use super::{Action, Command, NosmapApp, canvas};
use crate::edit::ops;
use crate::layout::Rect;
use crate::model::{NodeId, StatementList, Verdict, numbering};
use crate::view::PresentationStep;
use crate::walkthrough::{shown_by, step_for, walkthrough};

/// The keys of presentation mode, shown on the F1 sheet and on screen.
pub const PRESENTER_KEYS: &[(&str, &str)] = &[
    ("→ PageDown Space", "next step"),
    ("← PageUp Backspace", "previous step"),
    ("Home / End", "first / last step"),
    ("click a box", "jump to its step"),
    (
        "Tab / Enter",
        "new child / sibling of the selected box (type, Enter)",
    ),
    ("I", "an idea for the parking lot"),
    (
        "A / D",
        "agreed in workshop / needs discussion (again to clear)",
    ),
    ("+ / −", "a vote for / against"),
    ("C", "the unit's detail card"),
    ("H", "high contrast"),
    ("Esc", "back to editing, exactly where you were"),
];

/// Presentation state.
#[derive(Default)]
pub struct Presenter {
    pub active: bool,
    /// Index into the steps.
    pub step: usize,
    pub high_contrast: bool,
    /// The detail card of the selected unit is open.
    pub card: bool,
    /// An idea being typed for the parking lot.
    pub idea: Option<String>,
    /// The step editor window (editing mode).
    pub steps_open: bool,
    saved: Option<Saved>,
    shown: HashSet<NodeId>,
}

/// How the editor looked before presenting.
struct Saved {
    camera: Camera,
    selection: Selection,
    folded: BTreeSet<NodeId>,
}

impl NosmapApp {
    /// Whether the map is being presented.
    pub fn presenting(&self) -> bool {
        self.tab.presenter.active
    }

    /// The current step's index, while presenting.
    pub fn presenter_step(&self) -> usize {
        self.tab.presenter.step
    }

    /// Where the camera is (zoom, offset).
    pub fn camera_position(&self) -> (f32, [f32; 2]) {
        self.tab.camera.position()
    }

    pub(super) fn start_presenting(&mut self) {
        if self.tab.presenter.active {
            return;
        }
        if self.tab.view.presentation.iter().all(|s| s.hidden) {
            self.tab.view.presentation = walkthrough(self.tab.doc.map(), false);
        }
        self.tab.presenter.saved = Some(Saved {
            camera: self.tab.camera.clone(),
            selection: self.tab.selection.clone(),
            folded: self.tab.view.folded.clone(),
        });
        // Every step must be drawable: nothing stays folded while presenting.
        self.tab.view.folded.clear();
        self.relayout();
        self.tab.presenter.active = true;
        self.tab.presenter.card = false;
        self.tab.find.open = false;
        self.viewport_commands
            .push(egui::ViewportCommand::Fullscreen(true));
        let first = self.visible_steps().first().copied().unwrap_or(0);
        self.go_to_step(first);
    }

    pub(super) fn stop_presenting(&mut self) {
        if !self.tab.presenter.active {
            return;
        }
        self.tab.presenter.active = false;
        self.tab.presenter.card = false;
        self.tab.presenter.idea = None;
        if let Some(saved) = self.tab.presenter.saved.take() {
            self.tab.camera = saved.camera;
            self.tab.selection = saved.selection;
            self.tab.selection.retain_existing(self.tab.doc.map());
            self.tab.view.folded = saved.folded;
            self.tab
                .view
                .folded
                .retain(|id| self.tab.doc.map().contains(*id));
            self.relayout();
        }
        self.viewport_commands
            .push(egui::ViewportCommand::Fullscreen(false));
        self.focus_canvas = true;
    }

    fn visible_steps(&self) -> Vec<usize> {
        self.tab
            .view
            .presentation
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.hidden && self.tab.doc.map().contains(s.node))
            .map(|(i, _)| i)
            .collect()
    }

    pub(super) fn go_to_step(&mut self, index: usize) {
        let Some(step) = self.tab.view.presentation.get(index).cloned() else {
            return;
        };
        self.tab.presenter.step = index;
        self.tab
            .selection
            .set(Some(Placement::first(self.tab.doc.map(), step.node)));
        self.frame_step();
    }

    /// Glides to the current step and dims everything else.
    fn frame_step(&mut self) {
        let Some(step) = self.tab.view.presentation.get(self.tab.presenter.step) else {
            return;
        };
        let shown = shown_by(self.tab.doc.map(), step);
        let mut bounds: Option<Rect> = None;
        for scene_box in self
            .tab
            .scene
            .boxes
            .iter()
            .filter(|b| shown.contains(&b.node))
        {
            bounds = Some(match bounds {
                None => scene_box.rect,
                Some(r) => union(&r, &scene_box.rect),
            });
        }
        if let Some(bounds) = bounds {
            self.tab.camera.glide_to(bounds);
        }
        self.tab.presenter.shown = shown;
    }

    fn step_by(&mut self, forward: bool) {
        let visible = self.visible_steps();
        let current = self.tab.presenter.step;
        let next = if forward {
            visible.iter().find(|&&i| i > current)
        } else {
            visible.iter().rev().find(|&&i| i < current)
        };
        if let Some(&next) = next {
            self.go_to_step(next);
        }
    }

    /// A click while presenting: select the box and, when the step does not show it, jump to the
    /// step that does.
    pub(super) fn present_at(&mut self, placement: Placement) {
        self.tab.selection.set(Some(placement));
        if !self.tab.presenter.shown.contains(&placement.node) {
            if let Some(index) = step_for(
                self.tab.doc.map(),
                &self.tab.view.presentation,
                placement.node,
            ) {
                self.go_to_step(index);
                self.tab.selection.set(Some(placement));
            }
        }
    }

    fn mark_selected(&mut self, change: impl FnOnce(&mut crate::model::Workshop), label: &str) {
        let Some(placement) = self.tab.selection.primary() else {
            return;
        };
        if let Some(edit) = ops::mark(self.tab.doc.map(), placement.node, change) {
            self.edit(label, edit);
        }
    }

    fn park_idea(&mut self, idea: &str) {
        let idea = idea.trim();
        if idea.is_empty() {
            return;
        }
        let (edits, _) = ops::park_idea(self.tab.doc.map(), idea);
        if self.edit_all("Idea for the parking lot", edits) {
            self.frame_step();
        }
    }

    /// The presenter's keys; none of them run while a title or an idea is being typed.
    fn presenter_keys(&mut self, ctx: &egui::Context) {
        if self.tab.rename.is_some() || self.tab.presenter.idea.is_some() {
            return;
        }
        let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        let today = self.today;
        if pressed(Key::Escape) {
            if self.tab.presenter.card {
                self.tab.presenter.card = false;
            } else {
                self.stop_presenting();
            }
            return;
        }
        if pressed(Key::ArrowRight) || pressed(Key::PageDown) || pressed(Key::Space) {
            self.step_by(true);
        }
        if pressed(Key::ArrowLeft) || pressed(Key::PageUp) || pressed(Key::Backspace) {
            self.step_by(false);
        }
        if pressed(Key::Home) {
            if let Some(&first) = self.visible_steps().first() {
                self.go_to_step(first);
            }
        }
        if pressed(Key::End) {
            if let Some(&last) = self.visible_steps().last() {
                self.go_to_step(last);
            }
        }
        if pressed(Key::Tab) {
            self.run(Command::NewChild);
        }
        if pressed(Key::Enter) {
            self.run(Command::NewSibling);
        }
        if pressed(Key::I) {
            self.tab.presenter.idea = Some(String::new());
        }
        if pressed(Key::A) {
            match today {
                Some(day) => self.mark_selected(
                    |w| {
                        w.verdict = match w.verdict {
                            Some(Verdict::Agreed(_)) => None,
                            _ => Some(Verdict::Agreed(day)),
                        }
                    },
                    "Agreed in workshop",
                ),
                None => self.message = Some("Not marked: today's date is not known".into()),
            }
        }
        if pressed(Key::D) {
            self.mark_selected(
                |w| {
                    w.verdict = match w.verdict {
                        Some(Verdict::NeedsDiscussion) => None,
                        _ => Some(Verdict::NeedsDiscussion),
                    }
                },
                "Needs discussion",
            );
        }
        if pressed(Key::Plus) || pressed(Key::Equals) {
            self.mark_selected(|w| w.votes_for += 1, "Vote for");
        }
        if pressed(Key::Minus) {
            self.mark_selected(|w| w.votes_against += 1, "Vote against");
        }
        if pressed(Key::C) {
            self.tab.presenter.card = !self.tab.presenter.card;
        }
        if pressed(Key::H) {
            self.tab.presenter.high_contrast = !self.tab.presenter.high_contrast;
        }
    }

    /// One frame while presenting: the canvas alone, with the step's title, progress and keys.
    pub(super) fn presenting_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.presenter_keys(&ctx);
        if !self.tab.presenter.active {
            return;
        }
        let mut actions = Vec::new();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let input = CanvasInput {
                    scene: &self.tab.scene,
                    map: self.tab.doc.map(),
                    selection: &self.tab.selection,
                    markers: &self.tab.no_markers,
                    take_focus: self.focus_canvas,
                    typing_starts_rename: false,
                    dim_except: Some(&self.tab.presenter.shown),
                    high_contrast: self.tab.presenter.high_contrast,
                    changes: None,
                };
                canvas::canvas_ui(
                    ui,
                    input,
                    &mut self.tab.camera,
                    &mut self.tab.rename,
                    &mut actions,
                );
                self.focus_canvas = false;
            });
        self.step_overlay(&ctx);
        self.idea_ui(&ctx, &mut actions);
        if self.tab.presenter.card {
            self.card_ui(&ctx);
        }
        let frame_again = actions
            .iter()
            .any(|a| matches!(a, Action::CommitRename | Action::CancelRename));
        for action in actions {
            match action {
                Action::SelectPlacementOnly(Some(placement))
                | Action::SelectPlacement { placement, .. } => self.present_at(placement),
                Action::SelectPlacementOnly(None) | Action::FitToWindow => {}
                other => self.apply(other),
            }
        }
        if frame_again {
            self.frame_step();
        }
    }

    fn step_overlay(&self, ctx: &egui::Context) {
        let visible = self.visible_steps();
        let number = visible
            .iter()
            .position(|&i| i == self.tab.presenter.step)
            .map_or(0, |p| p + 1);
        let step = self.tab.view.presentation.get(self.tab.presenter.step);
        let title = step
            .and_then(|s| self.tab.doc.map().node(s.node))
            .map(|n| n.title().to_string())
            .unwrap_or_default();
        let (text, back) = if self.tab.presenter.high_contrast {
            (egui::Color32::BLACK, egui::Color32::WHITE)
        } else {
            (egui::Color32::WHITE, egui::Color32::from_black_alpha(200))
        };
        egui::Area::new(egui::Id::unique("presenter-title"))
            .anchor(egui::Align2::LEFT_TOP, [16.0, 16.0])
            .show(ctx, |ui| {
                egui::Frame::NONE
                    .fill(back)
                    .inner_margin(12.0)
                    .corner_radius(8.0)
                    .show(ui, |ui| {
                        ui.set_max_width(ctx.content_rect().width() * 0.6);
                        ui.label(RichText::new(&title).size(30.0).color(text).strong());
                        if let Some(notes) =
                            step.map(|s| s.notes.as_str()).filter(|n| !n.is_empty())
                        {
                            ui.label(RichText::new(notes).size(20.0).color(text));
                        }
                        if let Some(message) = &self.message {
                            ui.label(RichText::new(message).size(16.0).color(text));
                        }
                    });
            });
        egui::Area::new(egui::Id::unique("presenter-progress"))
            .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -16.0])
            .show(ctx, |ui| {
                egui::Frame::NONE
                    .fill(back)
                    .inner_margin(10.0)
                    .corner_radius(8.0)
                    .show(ui, |ui| {
                        let total = visible.len().max(1);
                        let label = format!("Step {number} of {}", visible.len());
                        ui.add(
                            egui::ProgressBar::new(number as f32 / total as f32)
                                .desired_width(420.0)
                                .text(RichText::new(&label).size(18.0)),
                        );
                        let keys: Vec<String> = PRESENTER_KEYS
                            .iter()
                            .map(|(k, what)| format!("{k}: {what}"))
                            .collect();
                        ui.label(RichText::new(keys.join(" · ")).size(13.0).color(text))
                            .on_hover_text("Keys while presenting");
                    });
            });
    }

    fn idea_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(idea) = &mut self.tab.presenter.idea else {
            return;
        };
        let mut done = None;
        egui::Area::new(egui::Id::unique("presenter-idea"))
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style())
                    .inner_margin(16.0)
                    .show(ui, |ui| {
                        let label = ui.label(RichText::new("Idea for the parking lot:").size(24.0));
                        let field = ui
                            .add(
                                egui::TextEdit::singleline(idea)
                                    .font(egui::FontId::proportional(24.0))
                                    .desired_width(560.0),
                            )
                            .labelled_by(label.id);
                        if !field.has_focus() && !field.lost_focus() {
                            field.request_focus();
                        }
                        if field.lost_focus() {
                            done = Some(ui.input(|i| i.key_pressed(Key::Enter)));
                        }
                    });
            });
        match done {
            Some(true) => {
                let text = std::mem::take(idea);
                self.tab.presenter.idea = None;
                self.park_idea(&text);
                actions.push(Action::FocusCanvas);
            }
            Some(false) => {
                self.tab.presenter.idea = None;
                actions.push(Action::FocusCanvas);
            }
            None => {}
        }
    }

    /// The selected unit's performance criteria and knowledge in large type.
    fn card_ui(&mut self, ctx: &egui::Context) {
        let unit = self
            .tab
            .selection
            .primary()
            .and_then(|p| self.tab.doc.map().unit(p.node));
        let mut open = true;
        egui::Window::new("Detail card")
            .open(&mut open)
            .default_size([
                ctx.content_rect().width() * 0.6,
                ctx.content_rect().height() * 0.7,
            ])
            .anchor(egui::Align2::RIGHT_TOP, [-16.0, 16.0])
            .show(ctx, |ui| {
                let Some(unit) = unit else {
                    ui.label(RichText::new("Select a NOS unit to see its card.").size(22.0));
                    return;
                };
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.label(
                        RichText::new(format!("{} {}", unit.urn, unit.title))
                            .size(28.0)
                            .strong(),
                    );
                    for (list, stem) in [
                        (StatementList::PerformanceCriteria, "You must be able to:"),
                        (StatementList::Knowledge, "You need to know and understand:"),
                    ] {
                        ui.add_space(10.0);
                        ui.label(RichText::new(stem).size(22.0).strong());
                        let statements = unit.statements(list);
                        for (label, statement) in numbering(list, statements).iter().zip(statements)
                        {
                            let text = match label {
                                Some(number) => format!("{number}  {}", statement.text()),
                                None => statement.text().to_string(),
                            };
                            ui.label(RichText::new(text).size(22.0));
                        }
                    }
                });
            });
        self.tab.presenter.card &= open;
    }

    /// The walkthrough editor (editing mode): reorder, hide, add, annotate steps.
    pub(super) fn steps_ui(&mut self, ctx: &egui::Context) {
        if !self.tab.presenter.steps_open {
            return;
        }
        let mut open = true;
        let mut changed = false;
        let map = self.tab.doc.map();
        let selected = self.tab.selection.primary().map(|p| p.node);
        let steps = &mut self.tab.view.presentation;
        egui::Window::new("Walkthrough steps")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("Generate: key areas").clicked() {
                        *steps = walkthrough(map, false);
                        changed = true;
                    }
                    if ui.button("Generate: key areas and units").clicked() {
                        *steps = walkthrough(map, true);
                        changed = true;
                    }
                    if let Some(node) = selected {
                        if ui.button("Add the selected node").clicked() {
                            steps.push(PresentationStep {
                                node,
                                depth: 1,
                                notes: String::new(),
                                hidden: false,
                            });
                            changed = true;
                        }
                    }
                });
                let mut moved = None;
                let mut removed = None;
                egui::ScrollArea::vertical()
                    .max_height(480.0)
                    .show(ui, |ui| {
                        let count = steps.len();
                        for (i, step) in steps.iter_mut().enumerate() {
                            let title = map.node(step.node).map_or("(deleted)", |n| n.title());
                            ui.separator();
                            ui.horizontal(|ui| {
                                ui.strong(format!("{}.", i + 1));
                                ui.label(title);
                            });
                            ui.horizontal(|ui| {
                                changed |= ui
                                    .checkbox(&mut step.hidden, format!("Hide step {}", i + 1))
                                    .changed();
                                let label = ui.label("Levels shown:");
                                changed |= ui
                                    .add(egui::DragValue::new(&mut step.depth).range(0..=9))
                                    .labelled_by(label.id)
                                    .changed();
                                if ui.small_button("↑").on_hover_text("Earlier").clicked() && i > 0
                                {
                                    moved = Some((i, i - 1));
                                }
                                if ui.small_button("↓").on_hover_text("Later").clicked()
                                    && i + 1 < count
                                {
                                    moved = Some((i, i + 1));
                                }
                                if ui.small_button("✕").on_hover_text("Remove step").clicked() {
                                    removed = Some(i);
                                }
                            });
                            let label = ui.label(format!("Notes for step {}:", i + 1));
                            changed |= ui
                                .add(egui::TextEdit::multiline(&mut step.notes).desired_rows(1))
                                .labelled_by(label.id)
                                .lost_focus();
                        }
                    });
                if let Some((from, to)) = moved {
                    steps.swap(from, to);
                    changed = true;
                }
                if let Some(i) = removed {
                    steps.remove(i);
                    changed = true;
                }
            });
        self.tab.presenter.steps_open = open;
        if changed {
            if let Some(path) = &self.tab.path {
                if let Err(error) = crate::io::save_view(&self.tab.view, path) {
                    self.message = Some(format!("Walkthrough not saved: {error}"));
                }
            }
        }
    }
}

fn union(a: &Rect, b: &Rect) -> Rect {
    let x = a.x.min(b.x);
    let y = a.y.min(b.y);
    Rect {
        x,
        y,
        width: a.right().max(b.right()) - x,
        height: a.bottom().max(b.bottom()) - y,
    }
}
