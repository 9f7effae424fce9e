//! The start page, shown when nosmap starts with no map to open: what to do next.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::{Action, Command};

/// What the start page offers.
pub struct StartPage {
    /// Example maps found beside the program (`examples/`).
    pub examples: Vec<PathBuf>,
}

impl StartPage {
    pub fn new() -> Self {
        Self {
            examples: crate::io::map_files_in(Path::new("examples")),
        }
    }
}

pub fn start_page_ui(
    ui: &mut egui::Ui,
    page: &StartPage,
    recent: &[PathBuf],
    actions: &mut Vec<Action>,
) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.12);
        ui.heading("nosmap");
        ui.label("Functional maps for National Occupational Standards");
        ui.add_space(24.0);
        ui.set_max_width(520.0);
        let new = ui.add_sized(
            [260.0, 32.0],
            egui::Button::new("New map")
                .shortcut_text(super::commands::shortcut_text(ui.ctx(), Command::New)),
        );
        if new.clicked() {
            actions.push(Action::Run(Command::New));
        }
        let open = ui.add_sized(
            [260.0, 32.0],
            egui::Button::new("Open a map…")
                .shortcut_text(super::commands::shortcut_text(ui.ctx(), Command::Open)),
        );
        if open.clicked() {
            actions.push(Action::Run(Command::Open));
        }
        ui.add_space(20.0);
        ui.strong("Recent maps");
        let existing: Vec<&PathBuf> = recent
            .iter()
            .filter(|p| crate::io::folders::file_exists(p))
            .collect();
        if existing.is_empty() {
            ui.weak("None yet: maps you open or save are listed here.");
        }
        for path in existing {
            if ui.link(path.display().to_string()).clicked() {
                actions.push(Action::OpenFile(path.clone()));
            }
        }
        ui.add_space(20.0);
        ui.strong("Examples");
        for path in &page.examples {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            if ui.link(name).clicked() {
                actions.push(Action::OpenFile(path.clone()));
            }
        }
        if ui
            .link("Management and Leadership 2008 (built in, not saved)")
            .clicked()
        {
            actions.push(Action::OpenBuiltInExample);
        }
        ui.add_space(20.0);
        ui.weak("F1 lists every key; Ctrl+Shift+P finds any command.");
    });
}
