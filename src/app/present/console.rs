//! The presenter's window: a second window (an egui viewport) for the laptop's own screen while
//! the room sees the first. Notes for this step, the next step, the clock and elapsed time, the
//! numbered steps (a click, or a number typed and Enter, jumps), what was captured, messages.

use eframe::egui::{self, RichText, ViewportBuilder, ViewportClass, ViewportId};

use super::super::NosmapApp;
use super::PRESENTER_KEYS;
use crate::walkthrough::log;

/// The presenter's window's title (its id among the viewports too).
pub const PRESENTER_WINDOW: &str = "nosmap — presenter";

impl NosmapApp {
    /// Shows the presenter's window (as a window inside the main one where the platform or a test
    /// cannot open a second).
    pub(super) fn console(&mut self, ctx: &egui::Context) {
        if !self.tab.presenter.console_shown || !self.tab.presenter.active {
            return;
        }
        let mut builder = ViewportBuilder::default()
            .with_title(PRESENTER_WINDOW)
            .with_inner_size([720.0, 640.0]);
        // Past the right edge of the room's screen: on the laptop's screen when it is there (as
        // it usually is, to the right); a window manager keeps it on a lone screen, where P
        // hides it.
        let (room, monitor) = ctx.input(|i| (i.viewport().outer_rect, i.viewport().monitor_size));
        if let Some(right) = room.map(|r| r.max.x).or(monitor.map(|m| m.x)) {
            builder = builder.with_position([right + 40.0, 40.0]);
        }
        ctx.clone().show_viewport_immediate(
            ViewportId::from_hash_of(PRESENTER_WINDOW),
            builder,
            |ui, class| {
                // A window of its own hears its own keys (typed when the presenter clicked
                // into it); an embedded one shares the room's, already read.
                if class == ViewportClass::Immediate {
                    let child = ui.ctx().clone();
                    if child.input(|i| i.viewport().close_requested()) {
                        self.tab.presenter.console_shown = false;
                        return;
                    }
                    self.presenter_keys(&child);
                    if !self.tab.presenter.active {
                        return;
                    }
                }
                self.console_ui(ui);
            },
        );
    }

    fn console_ui(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        let elapsed = self
            .tab
            .presenter
            .started_at
            .map_or(0.0, |start| (now - start).max(0.0));
        // The clock ticks: look again within a second.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
        let visible = self.visible_steps();
        let map = self.tab.doc.map();
        let step = self.tab.view.presentation.get(self.tab.presenter.step);
        let title_of = |index: usize| {
            self.tab
                .view
                .presentation
                .get(index)
                .and_then(|s| map.node(s.node))
                .map(log::label)
                .unwrap_or_default()
        };
        let mut jump_to = None;
        egui::Frame::NONE.inner_margin(8.0).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(self.counter_text()).size(22.0).strong());
                ui.separator();
                ui.label(RichText::new(clock()).size(22.0))
                    .on_hover_text("The time now");
                ui.label(RichText::new(format!("elapsed {}", minutes(elapsed))).size(18.0));
                if self.tab.presenter.blank {
                    ui.label(RichText::new("Room screen blank (B)").strong());
                }
            });
            let heading = if self.tab.presenter.on_log {
                "The workshop log: ideas and decisions".to_string()
            } else {
                title_of(self.tab.presenter.step)
            };
            ui.label(RichText::new(heading).size(20.0).strong());
            ui.separator();
            ui.label(RichText::new("Notes for this step").strong());
            let notes = step
                .filter(|_| !self.tab.presenter.on_log)
                .map(|s| s.notes.as_str())
                .filter(|n| !n.is_empty())
                .unwrap_or("(none)");
            ui.label(RichText::new(notes).size(18.0));
            let next = visible
                .iter()
                .find(|&&i| i > self.tab.presenter.step && !self.tab.presenter.on_log)
                .map(|&i| title_of(i));
            ui.label(format!(
                "Next: {}",
                next.unwrap_or_else(|| "the workshop log".into())
            ));
            if let Some(message) = &self.message {
                ui.label(RichText::new(message).italics());
            }
            ui.separator();
            ui.columns(2, |columns| {
                columns[0].label(RichText::new("Steps").strong());
                let jump = &self.tab.presenter.jump;
                columns[0].label(if jump.is_empty() {
                    "Type a number and Enter to go there".to_string()
                } else {
                    format!("Go to step {jump}… (Enter)")
                });
                egui::ScrollArea::vertical()
                    .id_salt("console-steps")
                    .max_height(260.0)
                    .show(&mut columns[0], |ui| {
                        for (number, &index) in visible.iter().enumerate() {
                            let current =
                                !self.tab.presenter.on_log && index == self.tab.presenter.step;
                            let text = format!("{}. {}", number + 1, title_of(index));
                            if ui.selectable_label(current, text).clicked() {
                                jump_to = Some(number + 1);
                            }
                        }
                        let text = format!("{}. The workshop log", visible.len() + 1);
                        if ui
                            .selectable_label(self.tab.presenter.on_log, text)
                            .clicked()
                        {
                            jump_to = Some(visible.len() + 1);
                        }
                    });
                columns[1].label(RichText::new("Captured").strong());
                egui::ScrollArea::vertical()
                    .id_salt("console-captured")
                    .max_height(260.0)
                    .stick_to_bottom(true)
                    .show(&mut columns[1], |ui| {
                        if self.tab.presenter.captured.is_empty() {
                            ui.label("Nothing yet: A, D, +, −, I, Tab, Enter capture");
                        }
                        for line in &self.tab.presenter.captured {
                            ui.label(line);
                        }
                    });
            });
            ui.separator();
            egui::CollapsingHeader::new("Keys")
                .default_open(false)
                .show(ui, |ui| {
                    egui::Grid::new("console-keys").show(ui, |ui| {
                        for (keys, what) in PRESENTER_KEYS {
                            ui.strong(*keys);
                            ui.label(*what);
                            ui.end_row();
                        }
                    });
                });
        });
        if let Some(number) = jump_to {
            self.jump_to(number);
        }
    }
}

/// "1:05:09" or "5:09".
fn minutes(seconds: f64) -> String {
    let whole = seconds as u64;
    let (hours, minutes, seconds) = (whole / 3600, whole / 60 % 60, whole % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes}:{seconds:02}")
    }
}

/// The local time, "14:05".
fn clock() -> String {
    let now = jiff::Zoned::now();
    format!("{:02}:{:02}", now.hour(), now.minute())
}
