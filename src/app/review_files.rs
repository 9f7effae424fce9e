//! Public review's files from the window: File › Export review pack… (the draft as DOCX and the
//! comment form as XLSX and CSV, into a chosen folder), File › Import review forms… (a returned
//! form's comments into the map as one undoable step, with a report of what was taken) and
//! Export resolution matrix… (XLSX or HTML). A shell over `review::{pack, import, matrix}`;
//! files are read and written through `io`.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::files::{Purpose, start_folder};
use super::{Command, Dialog, NosmapApp};
use crate::io::{SaveOptions, folders, save_bytes};
use crate::review::pack::file_stem;

impl NosmapApp {
    /// Asks where the pack or the matrix goes, or which form to read.
    pub(super) fn ask_review_file(&mut self, command: Command) {
        let stem = file_stem(&self.tab.doc.map().display_title());
        let (purpose, name) = match command {
            Command::ExportReviewPack => (Purpose::ReviewPack, format!("{stem}-comment-form.xlsx")),
            Command::ImportReviewForms => (Purpose::ReviewForm, String::new()),
            _ => (
                Purpose::ResolutionMatrix,
                format!("{stem}-resolution-matrix.xlsx"),
            ),
        };
        self.files
            .ask(purpose, start_folder(self.tab.path.as_deref()), name);
    }

    pub(super) fn review_file_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        self.message = Some(match purpose {
            Purpose::ReviewPack => self.export_review_pack(&path),
            Purpose::ReviewForm => self.import_review_form(&path),
            _ => self.export_matrix(&path),
        });
    }

    fn export_review_pack(&mut self, chosen: &Path) -> String {
        // The pack goes into the folder chosen, or the folder of the file named in it.
        let folder = if folders::is_folder(chosen) {
            chosen.to_path_buf()
        } else {
            chosen.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        let names = crate::review::pack::file_names(self.tab.doc.map());
        let existing: Vec<String> = names
            .into_iter()
            .filter(|name| folders::path_exists(&folder.join(name)))
            .collect();
        if !existing.is_empty() {
            // The command line refuses without --force; the window asks.
            self.dialogs.push(Dialog::ReplaceReviewPack {
                folder: folder.clone(),
                existing,
            });
            return "An earlier review pack is in that folder".into();
        }
        self.write_review_pack(&folder)
    }

    /// Writes the review pack into `folder`, over any earlier one; says what was written.
    pub(super) fn write_review_pack(&mut self, folder: &Path) -> String {
        let files = match crate::review::pack::review_pack(self.tab.doc.map(), None) {
            Ok(files) => files,
            Err(error) => return format!("Review pack not written: {error}"),
        };
        let mut written = Vec::new();
        for file in files {
            let path = folder.join(&file.name);
            if let Err(error) = save_bytes(&path, &file.bytes, SaveOptions::no_backups()) {
                return format!("Review pack not written: {}: {error}", path.display());
            }
            written.push(file.name);
        }
        format!(
            "Review pack written to {}: {}",
            folder.display(),
            written.join(", ")
        )
    }

    fn import_review_form(&mut self, path: &Path) -> String {
        let bytes = match folders::read_bytes(path) {
            Ok(bytes) => bytes,
            Err(error) => return format!("Not imported: cannot read {}: {error}", path.display()),
        };
        let forms = [(folders::file_name(path), bytes)];
        let imported = crate::review::import::import_forms(self.tab.doc.map(), &forms);
        let report = imported
            .reports
            .iter()
            .map(|r| r.summary())
            .collect::<Vec<_>>()
            .join("\n\n");
        let taken = imported.taken();
        if !imported.edits.is_empty() && !self.edit_all("Import review comments", imported.edits) {
            return self.message.clone().unwrap_or_default();
        }
        self.tab
            .comments
            .refresh(self.tab.doc.map(), self.tab.doc.revision());
        self.tab.comments.open = true;
        self.tab.comments.import_report = Some(report);
        format!(
            "Imported {taken} comment{} (Ctrl+Z takes them out again)",
            if taken == 1 { "" } else { "s" }
        )
    }

    fn export_matrix(&mut self, path: &Path) -> String {
        let html = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        let map = self.tab.doc.map();
        let bytes = if html {
            Ok(crate::review::matrix::matrix_html(map).into_bytes())
        } else {
            crate::review::matrix::matrix_xlsx(map)
        };
        match bytes.and_then(|b| {
            save_bytes(path, &b, SaveOptions::no_backups()).map_err(|e| e.to_string())
        }) {
            Ok(()) => format!("Resolution matrix written to {}", path.display()),
            Err(error) => format!("Resolution matrix not written: {error}"),
        }
    }
}

/// The report of the last import, in a window until closed.
pub fn import_report_ui(ctx: &egui::Context, report: &mut Option<String>) {
    let Some(text) = report.as_ref() else {
        return;
    };
    let mut open = true;
    let mut close = false;
    egui::Window::new("Review forms imported")
        .open(&mut open)
        .default_width(460.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    ui.label(text.as_str());
                });
            close = ui.button("Close").clicked();
        });
    if !open || close {
        *report = None;
    }
}
