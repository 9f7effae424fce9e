//! Files and the questions around them: unsaved changes before closing or quitting, opening
//! and new maps (each in a tab), Save and Save As, and the answers to the safety dialogs.

use std::path::{Path, PathBuf};

use super::background_write::{BACKGROUND_FROM_NODES, PendingWrite, Written};
use super::canvas::Rename;
use super::files::{Purpose, start_folder};
use super::selection::Placement;
use super::{Action, Dialog, NosmapApp, Then};
use crate::edit::Document;
use crate::model::{FunctionalMap, KeyPurpose, MapMeta};

impl NosmapApp {
    /// Does `then` now, or first asks about unsaved changes.
    pub(super) fn unless_unsaved(&mut self, then: Then) {
        // A save under way decides whether anything is unsaved.
        self.wait_for_write_and_move_on();
        if self.tab.doc.is_dirty() {
            self.dialogs.push(Dialog::Unsaved { then });
        } else {
            self.proceed(then);
        }
    }

    pub(super) fn proceed(&mut self, then: Then) {
        match then {
            Then::New => {
                let map = FunctionalMap::new(MapMeta::new(""), KeyPurpose::new(""));
                if !self.add_untitled_tab(Document::new(map)) {
                    return;
                }
                let root = self.tab.doc.map().root();
                self.tab
                    .selection
                    .set(Some(Placement::first(self.tab.doc.map(), root)));
                self.tab.rename = Some(Rename::new(
                    Placement {
                        node: root,
                        parent: None,
                    },
                    String::new(),
                    false,
                ));
                self.message = Some("New map: type its key purpose, then Enter".into());
            }
            Then::Open => self.files.ask(
                Purpose::Open,
                start_folder(self.tab.path.as_deref()),
                String::new(),
            ),
            Then::OpenFile(path) => self.open_in_tab(&path, false),
            Then::OpenBuiltInExample => {
                match crate::io::from_str(super::EMBEDDED_EXAMPLE, Path::new("built-in example")) {
                    Ok(map) => {
                        self.add_untitled_tab(Document::new(map));
                    }
                    Err(error) => {
                        self.message = Some(format!("The example could not be read: {error}"))
                    }
                }
            }
            Then::CloseMap => self.close_shown_tab(),
            Then::Quit => {
                // Every open map with unsaved changes is asked about in turn.
                if let Some(index) = self.another_unsaved_map() {
                    self.show_tab(index);
                    self.dialogs.push(Dialog::Unsaved { then: Then::Quit });
                } else {
                    self.quit_confirmed = true;
                    self.quit_requested = true;
                }
            }
        }
    }

    /// Opens a map that has no file yet in a tab of its own.
    /// Opens a map that has no file yet in a tab of its own; false while a question waits.
    pub(super) fn add_untitled_tab(&mut self, doc: Document) -> bool {
        if self.question_waiting() {
            return false;
        }
        let (tab, _) = super::tab::MapTab::new(doc, None, &self.style, self.today);
        self.add_tab(tab);
        true
    }

    pub(super) fn ask_save_as(&mut self) {
        if let Some(why) = self.tab.doc.read_only_reason() {
            self.message = Some(why.to_string());
            return;
        }
        let name = self
            .tab
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                crate::io::default_file_name(&self.tab.doc.map().display_title())
                    .to_string_lossy()
                    .into_owned()
            });
        self.files.ask(
            Purpose::SaveAs,
            start_folder(self.tab.path.as_deref()),
            name,
        );
    }

    pub(super) fn file_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.open_in_tab(&path, false),
            Purpose::OpenReference => self.open_in_tab(&path, true),
            Purpose::Catalogue | Purpose::Crosswalk => self.analysis_file_chosen(purpose, path),
            Purpose::Compare => self.apply_compare(super::compare::CompareAction::Open(path)),
            Purpose::ReviewPack | Purpose::ReviewForm | Purpose::ResolutionMatrix => {
                self.review_file_chosen(purpose, path)
            }
            Purpose::SaveAs => {
                // The lock and recovery copy of the old name go below: its write ends first.
                self.wait_for_write();
                if self.tab.path.as_deref() != Some(path.as_path()) {
                    match crate::io::lock::acquire(&path) {
                        Ok(lock) => {
                            self.tab.safety.lock = Some(lock);
                            self.tab.safety.read_only = None;
                        }
                        Err(crate::io::lock::LockError::Held { owner, .. }) => {
                            self.message = Some(format!(
                                "Not saved: {} is open in another nosmap ({} on {})",
                                path.display(),
                                owner.user,
                                owner.host
                            ));
                            return;
                        }
                        Err(crate::io::lock::LockError::Io(_)) => {}
                    }
                    // The recovery copy belonged to the old name.
                    if let Some(copy) = crate::io::recovery::recovery_path(self.tab.path.as_deref())
                    {
                        crate::io::recovery::discard(&copy);
                    }
                    self.tab.path = Some(path.clone());
                }
                self.save_to(&path);
                self.settings.remember(&path);
                self.store_settings();
            }
        }
    }

    pub(super) fn save(&mut self) {
        // A save still writing changes the file this one compares with.
        self.wait_for_write();
        if let Some(why) = self.tab.doc.read_only_reason() {
            self.message = Some(why.to_string());
            return;
        }
        if let Some(reason) = &self.tab.safety.read_only {
            self.message = Some(format!("Not saved: {reason}; use Save As"));
            return;
        }
        let Some(path) = self.tab.path.clone() else {
            self.ask_save_as();
            return;
        };
        let on_disk = crate::io::fingerprint(&path);
        if on_disk.is_some()
            && self.tab.safety.fingerprint.is_some()
            && on_disk != self.tab.safety.fingerprint
        {
            self.dialogs.push(Dialog::ChangedOnDisk);
            return;
        }
        self.save_to(&path);
    }

    pub(super) fn save_to(&mut self, path: &Path) {
        self.save_to_with(path, crate::io::SaveOptions::from_env());
    }

    fn save_to_with(&mut self, path: &Path, options: crate::io::SaveOptions) {
        self.wait_for_write();
        let point = self.tab.doc.save_point();
        let revision = self.tab.doc.revision();
        if self.tab.doc.map().len() >= BACKGROUND_FROM_NODES {
            // Typing goes on while the bytes are produced; see `background_write`.
            self.message = Some(format!("Saving {}…", path.display()));
            self.tab.safety.writing = Some(PendingWrite::save(
                self.tab.doc.map().clone(),
                path.to_path_buf(),
                options,
                point,
                revision,
            ));
            return;
        }
        let result = crate::io::save_with(self.tab.doc.map(), path, options);
        let fingerprint = result
            .is_ok()
            .then(|| crate::io::fingerprint(path))
            .flatten();
        self.saved(
            path,
            super::background_write::FinishedWrite {
                written: Written::Map(path.to_path_buf()),
                point,
                revision,
                result,
                fingerprint,
            },
        );
    }

    /// Waits for a write of the shown map under way and takes note of how it ended. What was
    /// asked to happen after a save (`after_save`: close, quit, open…) waits for the save asked
    /// for now.
    pub(super) fn wait_for_write(&mut self) {
        if self.tab.safety.writing.is_some() {
            let after = self.after_save.take();
            self.finish_writes(true);
            self.after_save = after;
        }
    }

    /// Waits for a write of the shown map under way before the user goes on to something else
    /// (another map, closing, quitting): what was to follow the save is dropped, as the user
    /// has moved on, and the save's outcome is told about the map it was for.
    pub(super) fn wait_for_write_and_move_on(&mut self) {
        if self.tab.safety.writing.is_some() {
            let after = self.after_save.take();
            self.finish_writes(true);
            if after.is_some() && self.dialogs.is_empty() && !self.tab.doc.is_dirty() {
                self.message = Some(
                    "Saved; what was to follow the save was not done, as you had moved on".into(),
                );
            }
        }
    }

    /// Takes note of the shown map's write once it has ended (with `wait`, waits for it).
    pub(super) fn finish_writes(&mut self, wait: bool) {
        let Some(written) = self.tab.finish_write(wait) else {
            return;
        };
        match written.written.clone() {
            Written::Map(path) => self.saved(&path, written),
            Written::RecoveryCopy => {
                if let Err(error) = self.tab.recovery_written(&written) {
                    self.message = Some(error);
                }
            }
        }
    }

    /// After a save to `path` ended (on this thread or its own).
    fn saved(&mut self, path: &Path, written: super::background_write::FinishedWrite) {
        match written.result {
            Ok(()) => {
                self.tab.saved_at(path, &written);
                let edited_meanwhile = self.tab.doc.is_dirty();
                self.message = Some(if edited_meanwhile {
                    format!(
                        "Saved {} as it was when saving began; later changes are not saved yet",
                        path.display()
                    )
                } else {
                    format!("Saved {}", path.display())
                });
                if let Some((zoom, centre)) = self.tab.camera.view_centre() {
                    self.tab.view.camera = Some(crate::view::ViewCamera { zoom, centre });
                }
                crate::io::save_view(&self.tab.view, path).ok();
                if let Some(then) = self.after_save.take() {
                    if edited_meanwhile {
                        self.dialogs.push(Dialog::Unsaved { then });
                    } else {
                        self.proceed(then);
                    }
                }
            }
            // Asked, not refused: the file's owner may mean it to stay read-only.
            Err(crate::io::SaveError::ReadOnly { path }) => {
                self.message = Some(format!("{} is read-only", path.display()));
                self.dialogs.push(Dialog::ReadOnlyFile { path });
            }
            Err(error) => {
                self.after_save = None;
                // A question that stays until answered: a status line is cut off and replaced by
                // the next message, and a failed save must not go unseen.
                self.message = Some(format!("Not saved: {error}"));
                self.dialogs.push(Dialog::Failed {
                    title: "The map was not saved".into(),
                    message: format!(
                        "{error}\n\nYour work is still open here, and autosave keeps copying it to the recovery file."
                    ),
                });
            }
        }
    }

    /// Applies the user's answer to the first dialog.
    pub(super) fn answer_dialog(&mut self, action: Action) {
        if self.dialogs.is_empty() {
            return;
        }
        let dialog = self.dialogs.remove(0);
        let path = self.tab.path.clone();
        match (action, dialog) {
            (Action::SaveThen, Dialog::Unsaved { then }) => {
                self.after_save = Some(then);
                self.save();
            }
            (Action::DiscardThen, Dialog::Unsaved { then }) => {
                // Let go on purpose: no recovery copy is kept or offered for these changes.
                self.tab.doc.mark_saved();
                self.proceed(then);
            }
            (Action::TakeOverLock, Dialog::InUse { .. }) => {
                if let Some(path) = &path {
                    match crate::io::lock::take_over(path) {
                        Ok(lock) => {
                            self.tab.safety.lock = Some(lock);
                            // Now the file's recovery copy is ours: offer it.
                            let mut notes = Vec::new();
                            if let Some(dialog) =
                                super::workspace::recovery_offer(&self.tab, &mut notes)
                            {
                                self.dialogs.insert(0, dialog);
                            }
                            self.say_load_notes(&notes);
                        }
                        Err(error) => {
                            self.message = Some(format!("Could not take over the lock: {error}"))
                        }
                    }
                }
            }
            (Action::OpenReadOnly, Dialog::InUse { owner, .. }) => {
                self.tab.safety.read_only = Some(format!(
                    "opened read-only while {} on {} has the file open",
                    owner.user, owner.host
                ));
            }
            (Action::RestoreRecovery, Dialog::Recovery { map, .. }) => {
                self.tab.doc = Document::new_unsaved(*map);
                // Restored from the start page: show the map.
                self.start_page = None;
                self.message = Some("Restored the unsaved work; save to keep it".into());
                self.refresh();
            }
            (Action::DiscardRecovery, Dialog::Recovery { path: copy, .. }) => {
                crate::io::recovery::discard(&copy)
            }
            (Action::OverwriteReadOnly, Dialog::ReadOnlyFile { .. }) => {
                if let Some(path) = &path {
                    let options = crate::io::SaveOptions {
                        overwrite_read_only: true,
                        ..crate::io::SaveOptions::from_env()
                    };
                    self.save_to_with(path, options);
                }
            }
            (Action::ReplaceReviewPack, Dialog::ReplaceReviewPack { folder, .. }) => {
                self.message = Some(self.write_review_pack(&folder));
            }
            (Action::SaveElsewhere, Dialog::ReadOnlyFile { .. }) => self.ask_save_as(),
            (Action::CloseDialog, Dialog::ReadOnlyFile { .. }) => self.after_save = None,
            (Action::OverwriteOnDisk, Dialog::ChangedOnDisk) => {
                if let Some(path) = &path {
                    self.save_to(path);
                }
            }
            (Action::ReloadFromDisk, Dialog::ChangedOnDisk) => {
                if let Some(path) = &path {
                    match crate::io::open(path) {
                        Ok(opened) => {
                            self.tab.doc = Document::new(opened.map);
                            self.tab.safety.fingerprint = crate::io::fingerprint(path);
                            self.message = Some(format!("Reloaded {}", path.display()));
                            self.say_load_notes(&opened.notes);
                            self.refresh();
                        }
                        Err(error) => self.message = Some(format!("Could not reload: {error}")),
                    }
                }
            }
            (Action::CloseDialog, _) => {}
            // An answer meant for another question: keep asking this one.
            (_, dialog) => self.dialogs.insert(0, dialog),
        }
    }
}
