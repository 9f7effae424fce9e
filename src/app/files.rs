//! Choosing files: the system's dialogs through rfd, run off the UI thread so the window keeps
//! drawing, and a simple in-app chooser for when there is no system dialog (rfd then answers
//! "nothing" at once, e.g. on a desktop without an XDG portal) or `NOSMAP_FILE_DIALOG=builtin`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use eframe::egui;

use super::Action;
use crate::io::folders::{self, FolderEntry};

/// An answer faster than this cannot have come from a person: the system has no dialog.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(400);

/// What a chosen file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    /// Open a map read-only, as a reference beside the maps being edited.
    OpenReference,
    SaveAs,
    /// A catalogue export (CSV) for the Analysis view's corpus.
    Catalogue,
    /// The Analysis view's crosswalk file (an existing one, or a new name).
    Crosswalk,
    /// Another version of the open map, to compare it with.
    Compare,
    /// Where the review pack goes: the folder of the file named (`review_files.rs`).
    ReviewPack,
    /// A returned review form (XLSX or CSV) to read comments from.
    ReviewForm,
    /// Where the comment-resolution matrix goes (`.xlsx`, or `.html`).
    ResolutionMatrix,
}

impl Purpose {
    /// The file names the dialog offers.
    fn endings(self) -> &'static [&'static str] {
        match self {
            Purpose::Catalogue => &[".csv"],
            Purpose::Crosswalk => &[".crosswalk.ron"],
            Purpose::ReviewPack | Purpose::ReviewForm => &[".xlsx", ".csv", ".ods"],
            Purpose::ResolutionMatrix => &[".xlsx", ".html"],
            _ => &[crate::io::MAP_EXTENSION],
        }
    }
}

struct Pending {
    purpose: Purpose,
    asked: Instant,
    answer: Receiver<Option<PathBuf>>,
    folder: PathBuf,
    file_name: String,
}

/// The in-app chooser's state.
pub struct Chooser {
    pub purpose: Purpose,
    pub folder: PathBuf,
    pub file_name: String,
    /// Folder entries: sub-folders, then map files.
    entries: Vec<FolderEntry>,
    error: Option<String>,
    /// The name field has been given the keyboard once.
    focused: bool,
}

impl Chooser {
    fn new(purpose: Purpose, folder: PathBuf, file_name: String) -> Self {
        let mut chooser = Self {
            purpose,
            folder,
            file_name,
            entries: Vec::new(),
            error: None,
            focused: false,
        };
        chooser.read_folder();
        chooser
    }

    fn read_folder(&mut self) {
        self.entries.clear();
        self.error = None;
        match folders::folders_and_files_in(&self.folder, self.purpose.endings()) {
            Ok(entries) => self.entries = entries,
            Err(error) => self.error = Some(format!("{}: {error}", self.folder.display())),
        }
    }

    fn enter(&mut self, folder: PathBuf) {
        self.folder = folder;
        self.read_folder();
    }
}

#[derive(Default)]
pub struct FileDialogs {
    pending: Option<Pending>,
    pub chooser: Option<Chooser>,
    /// Skip the system dialog (tests, `NOSMAP_FILE_DIALOG=builtin`).
    pub builtin_only: bool,
}

impl FileDialogs {
    pub fn from_env() -> Self {
        Self {
            builtin_only: std::env::var("NOSMAP_FILE_DIALOG").is_ok_and(|v| v == "builtin"),
            ..Self::default()
        }
    }

    pub fn busy(&self) -> bool {
        self.pending.is_some() || self.chooser.is_some()
    }

    /// Asks for a file, starting in `folder`, suggesting `file_name` when saving.
    pub fn ask(&mut self, purpose: Purpose, folder: PathBuf, file_name: String) {
        if self.busy() {
            return;
        }
        if self.builtin_only {
            self.chooser = Some(Chooser::new(purpose, folder, file_name));
            return;
        }
        let (filter, extensions): (&str, &[&str]) = match purpose {
            Purpose::Catalogue => ("NOS catalogue export", &["csv"]),
            Purpose::Crosswalk => ("nosmap crosswalks", &["ron"]),
            Purpose::ReviewPack | Purpose::ReviewForm => ("Comment forms", &["xlsx", "csv", "ods"]),
            Purpose::ResolutionMatrix => ("Resolution matrix", &["xlsx", "html"]),
            _ => ("nosmap maps", &["ron"]),
        };
        let dialog = rfd::AsyncFileDialog::new()
            .add_filter(filter, extensions)
            .set_directory(&folder);
        let future: std::pin::Pin<Box<dyn Future<Output = Option<rfd::FileHandle>> + Send>> =
            match purpose {
                Purpose::Open
                | Purpose::OpenReference
                | Purpose::Catalogue
                | Purpose::Compare
                | Purpose::ReviewForm => Box::pin(dialog.pick_file()),
                Purpose::SaveAs
                | Purpose::Crosswalk
                | Purpose::ReviewPack
                | Purpose::ResolutionMatrix => {
                    Box::pin(dialog.set_file_name(&file_name).save_file())
                }
            };
        let (send, answer) = channel();
        // The dialog is created here, on the UI thread, and waited for on another.
        std::thread::spawn(move || {
            let chosen = pollster::block_on(future).map(|handle| handle.path().to_path_buf());
            send.send(chosen).ok();
        });
        self.pending = Some(Pending {
            purpose,
            asked: Instant::now(),
            answer,
            folder,
            file_name,
        });
    }

    /// Checks on a system dialog; returns the file once chosen.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<(Purpose, PathBuf)> {
        let pending = self.pending.as_ref()?;
        let answer = match pending.answer.try_recv() {
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return None;
            }
            Ok(answer) => answer,
            Err(TryRecvError::Disconnected) => None,
        };
        let pending = self.pending.take()?;
        match answer {
            Some(path) => Some((pending.purpose, path)),
            None if pending.asked.elapsed() < NO_DIALOG_WITHIN => {
                self.chooser = Some(Chooser::new(
                    pending.purpose,
                    pending.folder,
                    pending.file_name,
                ));
                None
            }
            None => None,
        }
    }
}

/// A folder to start in: the open map's, else the working folder.
pub fn start_folder(current: Option<&Path>) -> PathBuf {
    current
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .or_else(folders::working_folder)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The in-app chooser window.
pub fn chooser_ui(ctx: &egui::Context, dialogs: &mut FileDialogs, actions: &mut Vec<Action>) {
    let Some(chooser) = &mut dialogs.chooser else {
        return;
    };
    let mut close = false;
    let title = match chooser.purpose {
        Purpose::Open => "Open a map",
        Purpose::OpenReference => "Open a map as a reference (read-only)",
        Purpose::SaveAs => "Save the map as",
        Purpose::Catalogue => "Add a catalogue export (CSV) to the analysis",
        Purpose::Crosswalk => "The crosswalk file for decisions (existing or new)",
        Purpose::Compare => "Compare the map with another version of it",
        Purpose::ReviewPack => "Export the review pack: its files go into this folder",
        Purpose::ReviewForm => "Import a returned review form (XLSX or CSV)",
        Purpose::ResolutionMatrix => "Export the resolution matrix (.xlsx or .html)",
    };
    egui::Modal::new(egui::Id::unique("nosmap-file-chooser")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(title);
        ui.horizontal(|ui| {
            if ui.button("⬆ Up").clicked() {
                if let Some(parent) = chooser.folder.parent().map(Path::to_path_buf) {
                    chooser.enter(parent);
                }
            }
            ui.label(chooser.folder.display().to_string());
        });
        if let Some(error) = &chooser.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        let mut enter = None;
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for FolderEntry { name, is_folder } in &chooser.entries {
                    let label = if *is_folder {
                        format!("{name}/")
                    } else {
                        name.clone()
                    };
                    if ui
                        .selectable_label(chooser.file_name == *name, label)
                        .clicked()
                    {
                        if *is_folder {
                            enter = Some(chooser.folder.join(name));
                        } else {
                            chooser.file_name = name.clone();
                        }
                    }
                }
            });
        if let Some(folder) = enter {
            chooser.enter(folder);
        }
        let field = ui
            .horizontal(|ui| {
                let label = ui.label("File name:");
                ui.add(egui::TextEdit::singleline(&mut chooser.file_name).desired_width(400.0))
                    .labelled_by(label.id)
            })
            .inner;
        let typed_enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if !chooser.focused || (!field.has_focus() && ui.memory(|m| m.focused().is_none())) {
            field.request_focus();
            chooser.focused = true;
        }
        ui.horizontal(|ui| {
            let verb = match chooser.purpose {
                Purpose::Open | Purpose::OpenReference => "Open",
                Purpose::SaveAs => "Save",
                Purpose::Catalogue => "Add",
                Purpose::Crosswalk => "Use",
                Purpose::Compare => "Compare",
                Purpose::ReviewPack | Purpose::ResolutionMatrix => "Export",
                Purpose::ReviewForm => "Import",
            };
            let ok = ui.add_enabled(
                !chooser.file_name.trim().is_empty(),
                egui::Button::new(verb),
            );
            if ok.clicked() || (typed_enter && !chooser.file_name.trim().is_empty()) {
                let mut path = chooser.folder.join(chooser.file_name.trim());
                if chooser.purpose == Purpose::SaveAs && !path.to_string_lossy().ends_with(".ron") {
                    path.set_extension("nosmap.ron");
                }
                if chooser.purpose == Purpose::Crosswalk
                    && !path.to_string_lossy().ends_with(".ron")
                {
                    path.set_extension("crosswalk.ron");
                }
                if folders::is_folder(&path) {
                    chooser.enter(path);
                    chooser.file_name.clear();
                } else {
                    actions.push(Action::FileChosen(chooser.purpose, path));
                    close = true;
                }
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
    });
    if close {
        dialogs.chooser = None;
    }
}
