//! View › Workshop log…: each session's date, facilitator and attendees, its ideas (placed in the
//! map later, under the selected box, as one undoable step), what it decided and changed, and
//! its "Workshop decisions" report written where the user says.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::NosmapApp;
use super::selection::Placement;
use crate::model::StatementId;
use crate::walkthrough::log;

/// What the window remembers while open.
#[derive(Default)]
pub struct WorkshopLogWindow {
    pub open: bool,
    /// Facilitator and attendees (one per line) as typed, per session, until the field is left.
    drafts: Vec<(String, String)>,
    /// What the drafts were loaded from: when the log says otherwise (an undo, another map's
    /// tab), they are loaded again.
    loaded: Vec<(String, String)>,
    /// The session whose report is written.
    report_session: usize,
    path: String,
    replace_asked: Option<PathBuf>,
}

/// What the user asked for in a frame, done after the window is drawn.
enum Asked {
    People(usize),
    Place(StatementId),
    MoveParkingLot,
    Report(PathBuf),
}

impl NosmapApp {
    /// Opens the workshop log window.
    pub(super) fn show_workshop_log(&mut self) {
        let window = &mut self.workshop_log;
        window.open = true;
        window.drafts.clear();
        window.loaded.clear();
        let count = log::sessions(self.tab.doc.map()).len();
        window.report_session = count.saturating_sub(1);
        window.path = suggested(self.tab.path.as_deref(), "html");
    }

    pub(super) fn workshop_log_ui(&mut self, ctx: &egui::Context) {
        if !self.workshop_log.open {
            return;
        }
        let map = self.tab.doc.map();
        let sessions = log::sessions(map);
        let window = &mut self.workshop_log;
        let held: Vec<(String, String)> = sessions
            .iter()
            .map(|s| (s.facilitator.clone(), s.attendees.join("\n")))
            .collect();
        if window.loaded != held || window.drafts.len() != held.len() {
            window.drafts = held.clone();
            window.loaded = held;
        }
        let selected = self.tab.selection.primary();
        let mut asked = None;
        let mut open = true;
        egui::Window::new("Workshop log")
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                if crate::edit::ops::parking_lot(map).is_some()
                    && ui
                        .button("Move the “Parking lot” key area into the log")
                        .on_hover_text("Maps from before the log kept ideas as a key area")
                        .clicked()
                {
                    asked = Some(Asked::MoveParkingLot);
                }
                if sessions.is_empty() {
                    ui.label(
                        "Nothing yet: ideas (I), decisions (A, D, +, −) and new boxes captured \
                         while presenting (F5) are kept here, apart from the map.",
                    );
                    return;
                }
                egui::ScrollArea::vertical()
                    .max_height(460.0)
                    .show(ui, |ui| {
                        for (index, session) in sessions.iter().enumerate().rev() {
                            ui.separator();
                            ui.heading(format!("Session of {}", session.title()));
                            let (facilitator, attendees) = &mut window.drafts[index];
                            ui.horizontal(|ui| {
                                let label = ui.label("Facilitator:");
                                if ui
                                    .text_edit_singleline(facilitator)
                                    .labelled_by(label.id)
                                    .lost_focus()
                                {
                                    asked = Some(Asked::People(index));
                                }
                            });
                            let label = ui.label("Attendees (one per line, optional):");
                            if ui
                                .add(egui::TextEdit::multiline(attendees).desired_rows(2))
                                .labelled_by(label.id)
                                .lost_focus()
                            {
                                asked = Some(Asked::People(index));
                            }
                            ui.label(format!(
                                "{} decisions, {} boxes added or changed",
                                session.decisions.len(),
                                session.changes.len()
                            ));
                            ui.strong(format!("Ideas ({})", session.ideas.len()));
                            for idea in &session.ideas {
                                ui.horizontal_wrapped(|ui| {
                                    ui.label(format!("• {}", idea.text));
                                    match idea.placed.and_then(|id| map.node(id)) {
                                        Some(node) => {
                                            ui.weak(format!("placed as {}", log::label(node)));
                                        }
                                        None => {
                                            let place = ui
                                                .add_enabled(
                                                    selected.is_some(),
                                                    egui::Button::new(
                                                        "Place under the selected box",
                                                    ),
                                                )
                                                .on_disabled_hover_text(
                                                    "Select a box in the map first",
                                                );
                                            if place.clicked() {
                                                asked = Some(Asked::Place(idea.id));
                                            }
                                        }
                                    }
                                });
                            }
                        }
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    egui::ComboBox::from_label("is the session reported")
                        .selected_text(
                            sessions
                                .get(window.report_session)
                                .map(|s| s.title())
                                .unwrap_or_default(),
                        )
                        .show_ui(ui, |ui| {
                            for (index, session) in sessions.iter().enumerate() {
                                ui.selectable_value(
                                    &mut window.report_session,
                                    index,
                                    session.title(),
                                );
                            }
                        });
                });
                ui.horizontal(|ui| {
                    let label = ui.label("File (.html .md .pdf .docx .csv):");
                    ui.text_edit_singleline(&mut window.path)
                        .labelled_by(label.id);
                });
                if let Some(path) = super::export_dialog::write_button(
                    ui,
                    &window.path,
                    &mut window.replace_asked,
                    "Write the report",
                ) {
                    asked = Some(Asked::Report(path));
                }
            });
        self.workshop_log.open = open;
        match asked {
            Some(Asked::People(index)) => {
                let (facilitator, attendees) = &self.workshop_log.drafts[index];
                let attendees: Vec<String> = attendees.lines().map(str::to_string).collect();
                if let Some(edit) =
                    log::set_people(self.tab.doc.map(), index, facilitator, &attendees)
                {
                    self.edit("Who was at the workshop", edit);
                }
            }
            Some(Asked::Place(idea)) => {
                let Some(at) = selected else { return };
                match log::place_idea(self.tab.doc.map(), idea, at.node) {
                    Ok((id, edits)) => {
                        if self.edit_all("Place an idea in the map", edits) {
                            self.tab.selection.set(Some(Placement {
                                node: id,
                                parent: Some(at.node),
                            }));
                        }
                    }
                    Err(refusal) => self.message = Some(format!("Not placed: {refusal}")),
                }
            }
            Some(Asked::MoveParkingLot) => {
                if let Some(edits) = log::parking_lot_into_log(self.tab.doc.map(), self.today) {
                    self.edit_all("Parking lot into the workshop log", edits);
                }
            }
            Some(Asked::Report(path)) => {
                let session = self.workshop_log.report_session;
                let written = report_bytes(self.tab.doc.map(), session, &path, self.today)
                    .and_then(|bytes| {
                        crate::io::save_bytes(&path, &bytes, crate::io::SaveOptions::no_backups())
                            .map_err(|e| e.to_string())
                    });
                self.message = Some(match written {
                    Ok(()) => format!("Wrote {} (workshop decisions)", path.display()),
                    Err(error) => format!("Not written: {error}"),
                });
            }
            None => {}
        }
    }
}

fn suggested(map_path: Option<&Path>, extension: &str) -> String {
    let folder = map_path
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let stem = map_path.map_or_else(|| "map".to_string(), crate::io::map_key);
    folder
        .join(format!("{stem}-workshop-decisions.{extension}"))
        .display()
        .to_string()
}

/// The report of session `session` in the format `path`'s extension names.
fn report_bytes(
    map: &crate::model::FunctionalMap,
    session: usize,
    path: &Path,
    today: Option<crate::model::Date>,
) -> Result<Vec<u8>, String> {
    use crate::render::workshop::{WorkshopFormat, build, write};
    let format = WorkshopFormat::of_path(path).ok_or_else(|| {
        format!(
            "{} is not a report format: name the file {}",
            path.display(),
            WorkshopFormat::extensions_in_words()
        )
    })?;
    let mut report = build(map, session).ok_or("that session is no longer in the log")?;
    report.written = today;
    write(&report, format)
}
