//! File › Uses of the map…: a self-assessment checklist, a draft job description or a
//! training-needs sheet (render::uses), as DOCX, XLSX or HTML, written where the user says —
//! the same documents as `nosmap uses`.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::Action;
use crate::layout::Scope;
use crate::model::NodeId;
use crate::render::uses::{UseFormat, UseKind, UseRequest};

/// What the dialog remembers while open.
pub struct UsesDialog {
    pub open: bool,
    kind: UseKind,
    format: UseFormat,
    /// Only the selected branch (self-assessment, training needs).
    branch: bool,
    /// Training needs: names, one per line.
    people: String,
    path: String,
    /// The path last proposed: changing the document or format proposes another only while
    /// the user has not typed their own.
    proposed: String,
    /// An existing file the user was told of; Write again (Replace it) overwrites it.
    replace_asked: Option<PathBuf>,
}

impl Default for UsesDialog {
    fn default() -> Self {
        Self {
            open: false,
            kind: UseKind::SelfAssessment,
            format: UseFormat::Docx,
            branch: false,
            people: String::new(),
            path: String::new(),
            proposed: String::new(),
            replace_asked: None,
        }
    }
}

impl UsesDialog {
    pub fn show(&mut self, map_path: Option<&Path>) {
        self.open = true;
        self.path = suggested(map_path, self.kind, self.format);
        self.proposed = self.path.clone();
    }
}

fn suggested(map_path: Option<&Path>, kind: UseKind, format: UseFormat) -> String {
    let folder = map_path
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let stem = map_path.map_or_else(|| "map".to_string(), crate::io::map_key);
    let what = match kind {
        UseKind::SelfAssessment => "self-assessment",
        UseKind::JobDescription => "job-description",
        UseKind::TrainingNeeds => "training-needs",
    };
    folder
        .join(format!("{stem}-{what}.{}", format.extension()))
        .display()
        .to_string()
}

/// The dialog. `selection` is the selected node; `selected_units` the units selected.
pub fn uses_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut UsesDialog,
    map_path: Option<&Path>,
    selection: Option<NodeId>,
    selected_units: Vec<NodeId>,
    actions: &mut Vec<Action>,
) {
    if !dialog.open {
        return;
    }
    let mut open = true;
    let mut rename = false;
    egui::Window::new("Uses of the map")
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label("Document:");
            for kind in UseKind::ALL {
                rename |= ui
                    .radio_value(&mut dialog.kind, kind, kind.label())
                    .changed();
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.label("Format:");
                for (format, label) in [
                    (UseFormat::Docx, "Word"),
                    (UseFormat::Xlsx, "Excel"),
                    (UseFormat::Html, "HTML"),
                ] {
                    rename |= ui.radio_value(&mut dialog.format, format, label).changed();
                }
            });
            match dialog.kind {
                UseKind::JobDescription => {
                    ui.label(if selected_units.is_empty() {
                        "Drafted from every unit of the map (select units first to choose them)."
                            .to_string()
                    } else {
                        format!(
                            "Drafted from the {} selected unit(s).",
                            selected_units.len()
                        )
                    });
                }
                kind => {
                    ui.checkbox(&mut dialog.branch, "Only the selected branch");
                    if kind == UseKind::TrainingNeeds {
                        ui.label("The team, one name per line (empty: five blank columns):");
                        ui.add(egui::TextEdit::multiline(&mut dialog.people).desired_rows(4));
                    }
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("File:");
                ui.text_edit_singleline(&mut dialog.path)
                    .labelled_by(label.id);
            });
            let chosen = super::export_dialog::write_button(
                ui,
                &dialog.path,
                &mut dialog.replace_asked,
                "Write",
            );
            if let Some(path) = chosen {
                let branch = (dialog.branch && dialog.kind != UseKind::JobDescription)
                    .then_some(selection)
                    .flatten();
                // A typed extension wins over the button: team.xlsx gets a workbook.
                let format = UseFormat::of_path(&path).unwrap_or(dialog.format);
                actions.push(Action::WriteUse {
                    path,
                    format,
                    request: Box::new(UseRequest {
                        kind: dialog.kind,
                        scope: Scope {
                            branch,
                            max_depth: None,
                            ..Scope::default()
                        },
                        units: if dialog.kind == UseKind::JobDescription {
                            selected_units.clone()
                        } else {
                            Vec::new()
                        },
                        people: dialog.people.lines().map(str::to_string).collect(),
                    }),
                });
            }
        });
    if rename && dialog.path == dialog.proposed {
        dialog.path = suggested(map_path, dialog.kind, dialog.format);
        dialog.proposed = dialog.path.clone();
    }
    dialog.open = open;
}
