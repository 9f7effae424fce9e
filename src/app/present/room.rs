//! What the room sees: the current page of the step, a small counter, and — only when asked —
//! the key sheet, the detail card, the words being typed (large), or a blank screen.

use eframe::egui::{self, Color32, Key, RichText};

use super::super::canvas::{self, CanvasInput};
use super::super::{Action, NosmapApp};
use super::PRESENTER_KEYS;
use crate::layout::{FontWeight, Fonts};
use crate::model::{StatementList, Verdict, numbering};
use crate::walkthrough::framing::Screen;
use crate::walkthrough::log;

/// Type for the room that is not a box (counter, typed words, the log): a multiple of the size
/// whose capitals meet the floor.
fn room_size(screen: Screen, times: f32) -> f32 {
    let fonts = Fonts::bundled();
    let capital_per_point = fonts.cap_height(100.0, FontWeight::Regular) / 100.0;
    screen.floor() / capital_per_point * times
}

impl NosmapApp {
    /// One frame while presenting: the room's screen, then the presenter's window.
    pub(in crate::app) fn presenting_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.tab.presenter.started_at.is_none() {
            self.tab.presenter.started_at = Some(ctx.input(|i| i.time));
        }
        self.presenter_keys(&ctx);
        if !self.tab.presenter.active {
            return;
        }
        let screen = self.room_screen(&ctx);
        self.ensure_framed(screen);
        let mut actions = Vec::new();
        let (ink, paper) = if self.tab.presenter.high_contrast {
            (Color32::BLACK, Color32::WHITE)
        } else {
            (Color32::WHITE, Color32::from_black_alpha(200))
        };
        if self.tab.presenter.blank {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE.fill(Color32::BLACK))
                .show(ui, |ui| {
                    ui.allocate_space(ui.available_size());
                });
        } else if self.tab.presenter.on_log {
            self.log_page_ui(ui, screen);
            self.typing_ui(&ctx, screen, &mut actions);
        } else {
            self.page_ui(ui, &mut actions);
            self.counter_ui(&ctx, screen, ink, paper);
            self.typing_ui(&ctx, screen, &mut actions);
            if self.tab.presenter.card {
                self.card_ui(&ctx, screen);
            }
        }
        if self.tab.presenter.keys_shown {
            keys_sheet(&ctx, screen);
        }
        let frame_again = actions
            .iter()
            .any(|a| matches!(a, Action::CommitRename | Action::CancelRename));
        for action in actions {
            match action {
                Action::SelectPlacementOnly(Some(placement))
                | Action::SelectPlacement { placement, .. } => self.present_at(placement),
                // The page is framed for the room's screen by itself; the whole map's layout
                // stays as the editor had it.
                Action::SelectPlacementOnly(None)
                | Action::FitToWindow
                | Action::ShapeForCanvas(_) => {}
                other => self.apply(other),
            }
        }
        if frame_again {
            self.tab.presenter.framed_for = None;
        }
        self.console(&ctx);
    }

    /// The page of the step, drawn from its own Scene at the zoom it was framed for.
    fn page_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let Some(page) = self.tab.presenter.pages.get(self.tab.presenter.page) else {
            return;
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let input = CanvasInput {
                    scene: &page.scene,
                    map: self.tab.doc.map(),
                    selection: &self.tab.selection,
                    markers: &self.tab.no_markers,
                    take_focus: self.focus_canvas,
                    typing_starts_rename: false,
                    room: true,
                    high_contrast: self.tab.presenter.high_contrast,
                    changes: None,
                };
                canvas::canvas_ui(
                    ui,
                    input,
                    &mut self.tab.camera,
                    &mut self.tab.rename,
                    actions,
                );
                self.focus_canvas = false;
            });
    }

    /// "3/9 · B 1/3" in a corner: where the room is, small.
    fn counter_ui(&self, ctx: &egui::Context, screen: Screen, ink: Color32, paper: Color32) {
        let text = self.counter_text();
        egui::Area::new(egui::Id::unique("room-counter"))
            .anchor(egui::Align2::RIGHT_BOTTOM, [-12.0, -10.0])
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::NONE
                    .fill(paper)
                    .inner_margin(6.0)
                    .corner_radius(6.0)
                    .show(ui, |ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(text)
                                    .size(room_size(screen, 0.6).max(14.0))
                                    .color(ink),
                            )
                            .extend(),
                        );
                    });
            });
    }

    /// The counter's words: step number of steps, and the page of a paged step.
    pub(super) fn counter_text(&self) -> String {
        let visible = self.visible_steps();
        let total = visible.len() + 1;
        if self.tab.presenter.on_log {
            return format!("{total}/{total} · workshop log");
        }
        let number = visible
            .iter()
            .position(|&i| i == self.tab.presenter.step)
            .map_or(0, |p| p + 1);
        let pages = self.tab.presenter.pages.len();
        if pages > 1 {
            let map = self.tab.doc.map();
            let code = self
                .tab
                .view
                .presentation
                .get(self.tab.presenter.step)
                .and_then(|s| map.node(s.node))
                .and_then(|n| n.as_function())
                .map(|f| f.code.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| "page".into());
            format!(
                "{number}/{total} · {code} {}/{pages}",
                self.tab.presenter.page + 1
            )
        } else {
            format!("{number}/{total}")
        }
    }

    /// The words being typed for a new box or an idea, large at the foot of the room's screen.
    fn typing_ui(&mut self, ctx: &egui::Context, screen: Screen, actions: &mut Vec<Action>) {
        let size = room_size(screen, 1.3);
        if let Some(rename) = &self.tab.rename {
            let text = format!("{}▏", rename.text);
            egui::Area::new(egui::Id::unique("room-typing"))
                .anchor(egui::Align2::CENTER_BOTTOM, [0.0, -screen.height * 0.06])
                .interactable(false)
                .show(ctx, |ui| {
                    egui::Frame::popup(ui.style())
                        .inner_margin(16.0)
                        .show(ui, |ui| {
                            ui.set_max_width(screen.width * 0.9);
                            ui.label(RichText::new(text).size(size).strong());
                        });
                });
        }
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
                        let label =
                            ui.label(RichText::new("Idea for the workshop log:").size(size * 0.7));
                        let field = ui
                            .add(
                                egui::TextEdit::singleline(idea)
                                    .font(egui::FontId::proportional(size))
                                    .desired_width(screen.width * 0.8),
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

    /// The last step: today's ideas and what the room decided, large.
    fn log_page_ui(&mut self, ui: &mut egui::Ui, screen: Screen) {
        let map = self.tab.doc.map();
        let session = log::session_on(map, self.today).map(|i| &log::sessions(map)[i]);
        let size = room_size(screen, 1.1);
        let agreed: Vec<String> = map
            .nodes()
            .filter(|(_, n)| matches!(n.workshop().verdict, Some(Verdict::Agreed(d)) if Some(d) == self.today))
            .map(|(_, n)| log::label(n))
            .collect();
        let to_discuss: Vec<String> = map
            .nodes()
            .filter(|(_, n)| n.workshop().verdict == Some(Verdict::NeedsDiscussion))
            .map(|(_, n)| log::label(n))
            .collect();
        let ideas: Vec<String> = session
            .map(|s| s.ideas.iter().map(|i| i.text.clone()).collect())
            .unwrap_or_default();
        let counter = self.counter_text();
        egui::CentralPanel::default().show(ui, |ui| {
            ui.add_space(screen.height * 0.03);
            ui.label(
                RichText::new("Ideas and decisions")
                    .size(size * 1.2)
                    .strong(),
            );
            ui.add_space(size * 0.4);
            egui::ScrollArea::vertical().show(ui, |ui| {
                let mut section = |title: &str, items: &[String], none: &str| {
                    ui.label(RichText::new(title).size(size).strong());
                    if items.is_empty() {
                        ui.label(RichText::new(none).size(size).italics());
                    }
                    for item in items {
                        ui.label(RichText::new(format!("• {item}")).size(size));
                    }
                    ui.add_space(size * 0.5);
                };
                section("Ideas", &ideas, "No ideas yet: I adds one");
                section("Agreed today", &agreed, "Nothing agreed yet");
                section("To discuss", &to_discuss, "Nothing to discuss");
            });
            ui.with_layout(egui::Layout::bottom_up(egui::Align::Max), |ui| {
                ui.label(RichText::new(counter).size(room_size(screen, 0.6).max(14.0)));
            });
        });
    }

    /// The selected unit's performance criteria and knowledge in large type.
    fn card_ui(&mut self, ctx: &egui::Context, screen: Screen) {
        // Read from the back of the room like the boxes: capitals at the floor or above.
        let (text, heading) = (room_size(screen, 1.0), room_size(screen, 1.15));
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
                    ui.label(RichText::new("Select a NOS unit to see its card.").size(text));
                    return;
                };
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.label(
                        RichText::new(format!("{} {}", unit.urn, unit.title))
                            .size(heading)
                            .strong(),
                    );
                    for (list, stem) in [
                        (StatementList::PerformanceCriteria, "You must be able to:"),
                        (StatementList::Knowledge, "You need to know and understand:"),
                    ] {
                        ui.add_space(10.0);
                        ui.label(RichText::new(stem).size(text).strong());
                        let statements = unit.statements(list);
                        for (label, statement) in numbering(list, statements).iter().zip(statements)
                        {
                            let line = match label {
                                Some(number) => format!("{number}  {}", statement.text()),
                                None => statement.text().to_string(),
                            };
                            ui.label(RichText::new(line).size(text));
                        }
                    }
                });
            });
        self.tab.presenter.card &= open;
    }
}

/// The keys, on the room's screen only when asked for (?).
fn keys_sheet(ctx: &egui::Context, screen: Screen) {
    egui::Area::new(egui::Id::unique("room-keys"))
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(16.0)
                .show(ui, |ui| {
                    let size = room_size(screen, 0.55).max(14.0);
                    ui.label(RichText::new("Keys while presenting").size(size).strong());
                    egui::Grid::new("room-keys-grid").show(ui, |ui| {
                        for (keys, what) in PRESENTER_KEYS {
                            ui.label(RichText::new(*keys).size(size).strong());
                            ui.label(RichText::new(*what).size(size));
                            ui.end_row();
                        }
                    });
                });
        });
}
