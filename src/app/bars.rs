//! The bars along the window's edges: the find bar and the status bar.

use eframe::egui;

use super::{Action, Command, NosmapApp};
use crate::analysis::checks::Severity;

impl NosmapApp {
    pub(super) fn find_bar_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.tab.find.query)
                        .hint_text("title, URN or code")
                        .desired_width(280.0),
                )
                .labelled_by(label.id);
            if self.tab.find.focus {
                field.request_focus();
                self.tab.find.focus = false;
            }
            if field.changed() {
                self.find_changed();
            }
            let count = self.tab.find.matches.len();
            ui.label(match (count, self.tab.find.query.trim().is_empty()) {
                (_, true) => String::new(),
                (0, false) => "no match".to_string(),
                (n, false) => format!("{} of {n}", self.tab.find.current + 1),
            });
            let (enter, shift, escape) = ui.input(|i| {
                (
                    i.key_pressed(egui::Key::Enter),
                    i.modifiers.shift,
                    i.key_pressed(egui::Key::Escape),
                )
            });
            if field.lost_focus() && enter {
                let step = if shift {
                    Command::FindPrevious
                } else {
                    Command::FindNext
                };
                actions.push(Action::Run(step));
                self.tab.find.focus = true;
            }
            if ui.button("Next").clicked() {
                actions.push(Action::Run(Command::FindNext));
            }
            if ui.button("Close").clicked() || (field.lost_focus() && escape) {
                self.tab.find.open = false;
                self.focus_canvas = true;
            }
        });
    }

    pub(super) fn status_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let stats = self.tab.stats_cache.stats();
            ui.label(format!(
                "{} · {} units · {} placements",
                self.tab.doc.map().display_title(),
                stats.units,
                stats.placements
            ));
            ui.separator();
            ui.label(format!(
                "{} errors · {} warnings · {} info",
                self.tab.checker.report().count(Severity::Error),
                self.tab.checker.report().count(Severity::Warning),
                self.tab.checker.report().count(Severity::Info)
            ));
            ui.separator();
            ui.label(format!("{:.0} %", self.tab.camera.zoom * 100.0));
            if ui.button("Fit").clicked() {
                actions.push(Action::FitToWindow);
            }
            if ui.button("Export…").clicked() {
                actions.push(Action::OpenExport);
            }
            if let Some(message) = &self.message {
                ui.separator();
                ui.label(message);
            }
        });
    }
}
