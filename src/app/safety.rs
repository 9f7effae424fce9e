//! Keeping work safe in the editor: the file lock, autosave to a recovery copy, restoring after a
//! crash, and asking before overwriting a file that changed on disk.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use eframe::egui;

use super::Action;
use crate::io::lock::{FileLock, LockOwner};
use crate::io::{Fingerprint, recovery};
use crate::model::FunctionalMap;

/// How often unsaved work is copied to the recovery file, unless `NOSMAP_AUTOSAVE_SECS` says.
pub const DEFAULT_AUTOSAVE: Duration = Duration::from_secs(30);

/// A question the app must ask before going on.
#[derive(Debug)]
pub enum Dialog {
    /// Another nosmap holds the file's lock.
    InUse { owner: LockOwner, stale: bool },
    /// Unsaved work from a session that ended without saving.
    Recovery {
        path: PathBuf,
        written: String,
        changes: usize,
        lines: Vec<String>,
        map: Box<FunctionalMap>,
    },
    /// The file changed on disk since it was opened or saved.
    ChangedOnDisk,
    /// Unsaved changes would be lost by what the user asked for next.
    Unsaved { then: Then },
    /// Something failed; the message says what and where.
    Failed { title: String, message: String },
    /// The file's permissions make it read-only: write it anyway, save elsewhere, or not.
    ReadOnlyFile { path: PathBuf },
    /// Files of an earlier review pack are in the folder chosen: replace them, or not.
    ReplaceReviewPack {
        folder: PathBuf,
        existing: Vec<String>,
    },
}

/// What to do once unsaved changes are saved or discarded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    New,
    Open,
    OpenFile(PathBuf),
    /// The example compiled into the program, as a map not yet saved.
    OpenBuiltInExample,
    /// Close the map shown (its tab).
    CloseMap,
    Quit,
}

/// The app's hold on its file.
pub struct FileSafety {
    pub lock: Option<FileLock>,
    /// Why saving is disabled (opened read-only while someone else holds the lock).
    pub read_only: Option<String>,
    /// What the file held when last read or written.
    pub fingerprint: Option<Fingerprint>,
    pub autosave_every: Duration,
    pub last_autosave: Instant,
    pub autosaved_revision: u64,
    /// A save or recovery copy being written on a thread of its own (big maps only).
    pub writing: Option<super::background_write::PendingWrite>,
    /// This map's number among the window's maps, for a recovery copy kept in the untitled
    /// folder (an untitled map's, or one opened read-only), so such copies never collide.
    pub untitled_slot: u32,
}

impl Default for FileSafety {
    fn default() -> Self {
        let autosave_every = std::env::var("NOSMAP_AUTOSAVE_SECS")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .map_or(DEFAULT_AUTOSAVE, |secs| Duration::from_secs(secs.max(1)));
        Self {
            lock: None,
            read_only: None,
            fingerprint: None,
            autosave_every,
            last_autosave: Instant::now(),
            autosaved_revision: 0,
            writing: None,
            untitled_slot: 0,
        }
    }
}

/// A recovery dialog for work found at `recovery_path`, compared with what is open.
pub fn recovery_dialog(found: recovery::Recovery, open: &FunctionalMap) -> Dialog {
    let (changes, lines) = crate::analysis::diff::describe_changes(open, &found.map, 8);
    Dialog::Recovery {
        path: found.path,
        written: found
            .written
            .map_or_else(|| "at an unknown time".into(), describe_time),
        changes,
        lines,
        map: Box::new(found.map),
    }
}

/// "3 minutes ago" style description of a moment.
pub fn describe_time(moment: SystemTime) -> String {
    let Ok(age) = SystemTime::now().duration_since(moment) else {
        return "just now".into();
    };
    match age.as_secs() {
        0..=59 => "less than a minute ago".into(),
        60..=3599 => format!("{} minutes ago", age.as_secs() / 60),
        3600..=86_399 => format!("{} hours ago", age.as_secs() / 3600),
        secs => format!("{} days ago", secs / 86_400),
    }
}

fn since(owner: &LockOwner) -> String {
    describe_time(SystemTime::UNIX_EPOCH + Duration::from_secs(owner.since_unix))
}

/// Draws the first pending dialog as a modal window.
pub fn dialog_ui(
    ctx: &egui::Context,
    dialog: &Dialog,
    path: Option<&Path>,
    actions: &mut Vec<Action>,
) {
    let name = path
        .and_then(Path::file_name)
        .map_or_else(|| "This map".into(), |n| n.to_string_lossy().into_owned());
    let modal = egui::Modal::new(egui::Id::unique("nosmap-dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match dialog {
            Dialog::InUse { owner, stale } => {
                ui.heading("The file is in use");
                if *stale {
                    ui.label(format!(
                        "{name} was locked by {} on {} {}, but that nosmap is no longer running. It probably closed unexpectedly.",
                        owner.user,
                        owner.host,
                        since(owner)
                    ));
                } else {
                    ui.label(format!(
                        "{name} is open in another nosmap: {} on {} (process {}) since {}.",
                        owner.user,
                        owner.host,
                        owner.pid,
                        since(owner)
                    ));
                }
                ui.horizontal(|ui| {
                    if ui.button("Take over").clicked() {
                        actions.push(Action::TakeOverLock);
                    }
                    if ui.button("Open read-only").clicked() {
                        actions.push(Action::OpenReadOnly);
                    }
                });
            }
            Dialog::Recovery { written, changes, lines, .. } => {
                ui.heading("Unsaved work was found");
                ui.label(format!(
                    "nosmap closed without saving {name}. A copy of the unsaved work was kept {written}, with {changes} change(s):"
                ));
                for line in lines {
                    ui.label(format!("• {line}"));
                }
                if *changes > lines.len() {
                    ui.label(format!("… and {} more", changes - lines.len()));
                }
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        actions.push(Action::RestoreRecovery);
                    }
                    if ui.button("Discard").clicked() {
                        actions.push(Action::DiscardRecovery);
                    }
                });
            }
            Dialog::ChangedOnDisk => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{name} was changed by another program since you opened or saved it (another editor, a git pull…)."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        actions.push(Action::OverwriteOnDisk);
                    }
                    if ui.button("Reload (discard my changes)").clicked() {
                        actions.push(Action::ReloadFromDisk);
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Unsaved { .. } => {
                ui.heading("Save your changes?");
                ui.label(format!("{name} has changes that are not saved."));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        actions.push(Action::SaveThen);
                    }
                    if ui.button("Don't save").clicked() {
                        actions.push(Action::DiscardThen);
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::Failed { title, message } => {
                ui.heading(title);
                ui.label(message);
                if ui.button("OK").clicked() {
                    actions.push(Action::CloseDialog);
                }
            }
            Dialog::ReplaceReviewPack { folder, existing } => {
                ui.heading("Replace the review pack?");
                ui.label(format!(
                    "{} already holds {}. Reviewers may have been sent these files: replace them with the map as it is now?",
                    folder.display(),
                    existing.join(", ")
                ));
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        actions.push(Action::ReplaceReviewPack);
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
            Dialog::ReadOnlyFile { path } => {
                ui.heading("The file is read-only");
                ui.label(format!(
                    "{} is marked read-only (its permissions do not allow writing). Save over it anyway, keeping it read-only, or save a copy somewhere else?",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Save anyway").clicked() {
                        actions.push(Action::OverwriteReadOnly);
                    }
                    if ui.button("Save As…").clicked() {
                        actions.push(Action::SaveElsewhere);
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            }
        }
    });
    // Esc (or a click beside it) answers Cancel to the save question and OK to a message; the
    // lock and recovery questions need an answer.
    let escapable = matches!(
        dialog,
        Dialog::Unsaved { .. }
            | Dialog::Failed { .. }
            | Dialog::ReadOnlyFile { .. }
            | Dialog::ReplaceReviewPack { .. }
    );
    if modal.should_close() && escapable {
        actions.push(Action::CloseDialog);
    }
}
