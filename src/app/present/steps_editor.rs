//! The walkthrough editor (editing mode): generate, reorder, hide, add and annotate steps. Steps
//! are view state, not map content, so they have their own undo here; Generate over prepared
//! steps asks first.

use eframe::egui;

use super::super::NosmapApp;
use crate::view::PresentationStep;
use crate::walkthrough::walkthrough;

/// How many earlier versions of the steps the editor keeps for Undo.
const STEPS_UNDO_LIMIT: usize = 50;

impl NosmapApp {
    pub(in crate::app) fn steps_ui(&mut self, ctx: &egui::Context) {
        if !self.tab.presenter.steps_open {
            return;
        }
        let mut open = true;
        let before = self.tab.view.presentation.clone();
        let mut changed = false;
        let mut generate = None;
        let mut undo = false;
        let map = self.tab.doc.map();
        let selected = self.tab.selection.primary().map(|p| p.node);
        let presenter = &mut self.tab.presenter;
        let steps = &mut self.tab.view.presentation;
        egui::Window::new("Walkthrough steps")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("Generate: key areas").clicked() {
                        generate = Some(false);
                    }
                    if ui.button("Generate: key areas and units").clicked() {
                        generate = Some(true);
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
                    if ui
                        .add_enabled(
                            !presenter.steps_undo.is_empty(),
                            egui::Button::new("Undo"),
                        )
                        .on_hover_text("The steps as they were before their last change")
                        .clicked()
                    {
                        undo = true;
                    }
                });
                if let Some(units) = presenter.confirm_generate {
                    let noted = steps.iter().filter(|s| !s.notes.is_empty()).count();
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(format!(
                            "Replace the {} prepared steps ({noted} with notes) with generated ones? Undo here brings them back.",
                            steps.len()
                        ));
                        ui.horizontal(|ui| {
                            if ui.button("Replace the steps").clicked() {
                                *steps = walkthrough(map, units);
                                presenter.confirm_generate = None;
                                changed = true;
                            }
                            if ui.button("Keep them").clicked() {
                                presenter.confirm_generate = None;
                            }
                        });
                    });
                }
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
        presenter.steps_open = open;
        if let Some(units) = generate {
            let prepared = !steps.is_empty() && *steps != walkthrough(map, units);
            if prepared {
                presenter.confirm_generate = Some(units);
            } else {
                *steps = walkthrough(map, units);
                changed = true;
            }
        }
        if undo {
            if let Some(earlier) = presenter.steps_undo.pop() {
                *steps = earlier;
                self.save_steps();
            }
            return;
        }
        if changed {
            // Notes are kept as typed; the version before the change goes on the undo list.
            if before != *steps {
                presenter.steps_undo.push(before);
                if presenter.steps_undo.len() > STEPS_UNDO_LIMIT {
                    presenter.steps_undo.remove(0);
                }
            }
            self.save_steps();
        }
    }

    /// Writes the walkthrough into the view file beside the map.
    fn save_steps(&mut self) {
        if let Some(path) = &self.tab.path {
            if let Err(error) = crate::io::save_view(&self.tab.view, path) {
                self.message = Some(format!("Walkthrough not saved: {error}"));
            }
        }
    }
}
