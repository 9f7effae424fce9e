//! Several maps open in one window: opening a map into a tab of its own (or as a read-only
//! reference), switching (the tab strip, Ctrl+Tab), closing, and keeping every open map's
//! autosave running. Each map keeps its own history, lock and recovery copy (`tab::MapTab`).

use std::path::{Path, PathBuf};

use eframe::egui;

use super::tab::MapTab;
use super::{Action, Dialog, NosmapApp, safety};
use crate::edit::Document;

/// A map file read for a tab, with what must be said or asked about it.
pub(super) struct Opening {
    pub tab: MapTab,
    pub dialogs: Vec<Dialog>,
    pub notes: Vec<String>,
}

/// The question about the recovery copy beside `tab`'s file, if one was left behind.
pub(super) fn recovery_offer(tab: &MapTab, notes: &mut Vec<String>) -> Option<Dialog> {
    let path = tab.path.as_deref()?;
    match crate::io::recovery::find_recovery(path) {
        Ok(Some(found)) => Some(safety::recovery_dialog(found, tab.doc.map())),
        Ok(None) => None,
        Err(error) => {
            notes.push(format!("A recovery copy could not be read: {error}"));
            None
        }
    }
}

impl NosmapApp {
    /// Reads `path` into a tab: takes its lock (or asks to), notes what was set aside while
    /// reading, and offers a recovery copy left by a session that ended without saving. As a
    /// `reference` it takes no lock and refuses edits.
    pub(super) fn read_tab(&self, path: &Path, reference: bool) -> Result<Opening, String> {
        let opened = crate::io::open(path).map_err(|e| e.to_string())?;
        let doc = if reference {
            let why = format!(
                "{} is open as a reference (read-only): copy what you need into a map you are editing.",
                opened.map.display_title()
            );
            Document::read_only(opened.map, why)
        } else {
            Document::new(opened.map)
        };
        let (mut tab, mut notes) =
            MapTab::new(doc, Some(path.to_path_buf()), &self.style, self.today);
        notes.splice(0..0, opened.notes);
        tab.safety.fingerprint = crate::io::fingerprint(path);
        let mut dialogs = Vec::new();
        if reference {
            return Ok(Opening {
                tab,
                dialogs,
                notes,
            });
        }
        match crate::io::lock::acquire(path) {
            Ok(lock) => {
                tab.safety.lock = Some(lock);
                // The file's recovery copy belongs to whoever holds the lock: only now is it
                // ours to offer (after a take-over, it is offered then).
                if let Some(dialog) = recovery_offer(&tab, &mut notes) {
                    dialogs.push(dialog);
                }
            }
            Err(crate::io::lock::LockError::Held { owner, stale }) => {
                dialogs.push(Dialog::InUse { owner, stale })
            }
            Err(crate::io::lock::LockError::Io(error)) => {
                notes.push(format!("Could not lock the file: {error}"))
            }
        }
        Ok(Opening {
            tab,
            dialogs,
            notes,
        })
    }

    /// Opens a map file in a tab of its own and shows it; a map already open is shown instead.
    pub(super) fn open_in_tab(&mut self, path: &Path, reference: bool) {
        if self.question_waiting() {
            return;
        }
        if let Some(index) = self.tab_of(path) {
            self.show_tab(index);
            self.message = Some(format!("{} is already open", path.display()));
            return;
        }
        match self.read_tab(path, reference) {
            Ok(opening) => {
                self.add_tab(opening.tab);
                self.dialogs.extend(opening.dialogs);
                if !reference {
                    self.settings.remember(path);
                    self.store_settings();
                }
                let verb = if reference {
                    "Opened as a reference (read-only)"
                } else {
                    "Opened"
                };
                self.message = Some(format!("{verb} {}", path.display()));
                self.say_load_notes(&opening.notes);
            }
            Err(message) => self.dialogs.push(Dialog::Failed {
                title: "The map could not be opened".into(),
                message,
            }),
        }
    }

    /// Makes `tab` an open map and shows it. An untitled map nobody has touched (the start page's)
    /// makes way for it rather than staying open beside it.
    pub(super) fn add_tab(&mut self, mut tab: MapTab) {
        // A save's outcome is told about the map it was for, while that map is shown.
        self.wait_for_write_and_move_on();
        self.start_page = None;
        let untouched = self.tab.path.is_none()
            && !self.tab.doc.is_dirty()
            && !self.tab.doc.can_undo()
            && self.tab.doc.map().len() == 1;
        // Every map gets its own number for a recovery copy kept apart from its file.
        tab.safety.untitled_slot = self.next_untitled_slot;
        self.next_untitled_slot += 1;
        if let Some(every) = self.autosave_interval {
            tab.safety.autosave_every = every;
        }
        let shown = std::mem::replace(&mut self.tab, tab);
        if untouched {
            drop(shown);
        } else {
            self.others.insert(self.tab_index, shown);
            self.tab_index = self.others.len();
        }
        self.after_switch();
    }

    /// True (and says so) while a question about the shown map waits: another map must not be
    /// shown until it is answered, or the answer would go to the wrong map.
    pub(super) fn question_waiting(&mut self) -> bool {
        if self.dialogs.is_empty() {
            return false;
        }
        self.message = Some("Answer the question first".into());
        true
    }

    /// How many maps are open.
    pub fn open_map_count(&self) -> usize {
        self.others.len() + 1
    }

    /// Where the shown map is in the tab strip.
    pub fn shown_map_index(&self) -> usize {
        self.tab_index
    }

    /// The open maps in tab-strip order: their titles as the strip shows them and their files.
    pub fn open_maps(&self) -> Vec<(String, Option<PathBuf>)> {
        self.tabs_in_order()
            .map(|tab| (tab.tab_title(), tab.path.clone()))
            .collect()
    }

    /// The document of the open map at `index` (tab-strip order).
    pub fn document_at(&self, index: usize) -> Option<&Document> {
        self.tabs_in_order().nth(index).map(|tab| &tab.doc)
    }

    /// Whether the open map at `index` holds its file's lock.
    pub fn holds_lock_at(&self, index: usize) -> bool {
        self.tabs_in_order()
            .nth(index)
            .is_some_and(|tab| tab.safety.lock.is_some())
    }

    pub(super) fn tabs_in_order(&self) -> impl Iterator<Item = &MapTab> {
        let (before, after) = self.others.split_at(self.tab_index.min(self.others.len()));
        before
            .iter()
            .chain(std::iter::once(&self.tab))
            .chain(after.iter())
    }

    /// Where the open map whose file is `path` sits in the tab strip.
    pub(super) fn tab_of(&self, path: &Path) -> Option<usize> {
        self.tabs_in_order().position(|tab| {
            tab.path
                .as_deref()
                .is_some_and(|p| crate::io::folders::same_file(p, path))
        })
    }

    /// Shows the open map at `index` (tab-strip order). Refused while a question is waiting:
    /// the answer is about the map shown.
    pub(super) fn show_tab(&mut self, index: usize) {
        if index == self.tab_index || index > self.others.len() {
            return;
        }
        if self.question_waiting() {
            return;
        }
        // A save's outcome is told about the map it was for, while that map is shown.
        self.wait_for_write_and_move_on();
        // Swap the wanted map in, then put the one shown before back at its place in the strip.
        let wanted = if index < self.tab_index {
            index
        } else {
            index - 1
        };
        std::mem::swap(&mut self.tab, &mut self.others[wanted]);
        let previous = self.others.remove(wanted);
        let place = if self.tab_index < index {
            self.tab_index
        } else {
            self.tab_index - 1
        };
        self.others.insert(place, previous);
        self.tab_index = index;
        self.after_switch();
    }

    /// Shows the next (or previous) open map, going round.
    pub(super) fn step_tab(&mut self, forward: bool) {
        let count = self.open_map_count();
        if count < 2 {
            self.message = Some("Only one map is open".into());
            return;
        }
        let next = if forward {
            (self.tab_index + 1) % count
        } else {
            (self.tab_index + count - 1) % count
        };
        self.show_tab(next);
    }

    /// Closes the shown map (its lock is released and, when saved, its recovery copy removed)
    /// and shows its neighbour, or the start page when it was the last.
    pub(super) fn close_shown_tab(&mut self) {
        self.wait_for_write_and_move_on();
        if self.others.is_empty() {
            let empty = crate::model::FunctionalMap::new(
                crate::model::MapMeta::new(""),
                crate::model::KeyPurpose::new(""),
            );
            let (tab, _) = MapTab::new(Document::new(empty), None, &self.style, self.today);
            self.tab = tab;
            self.start_page = Some(super::start::StartPage::new());
        } else {
            let next = self.tab_index.min(self.others.len() - 1);
            self.tab = self.others.remove(next);
            self.tab_index = next;
        }
        self.after_switch();
    }

    /// After the shown map changed: the window's title, panels and keyboard follow it.
    fn after_switch(&mut self) {
        self.focus_canvas = true;
        self.title_shown.clear();
    }

    /// Copies unsaved work of every open map whose autosave interval has passed.
    pub(super) fn autosave_every_map(&mut self) {
        self.finish_writes(false);
        let shown = std::iter::once(&mut self.tab);
        // Maps not shown write recovery copies (switching and opening maps wait for a save).
        for tab in &mut self.others {
            if let Some(written) = tab.finish_write(false) {
                if let Err(error) = tab.note_write(&written) {
                    self.message = Some(error);
                }
            }
        }
        for tab in shown.chain(self.others.iter_mut()) {
            if let Err(error) = tab.autosave_if_due() {
                self.message = Some(error);
            }
        }
    }

    /// The first open map other than the shown one with unsaved changes.
    pub(super) fn another_unsaved_map(&self) -> Option<usize> {
        self.tabs_in_order()
            .enumerate()
            .find(|(i, tab)| *i != self.tab_index && tab.doc.is_dirty())
            .map(|(i, _)| i)
    }

    /// The strip of open maps above the canvas (only when more than one is open).
    pub(super) fn tab_strip_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        if self.others.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            for (index, tab) in self.tabs_in_order().enumerate() {
                let title = tab.tab_title();
                let shown = index == self.tab_index;
                let hover = tab
                    .path
                    .as_deref()
                    .map_or("Not saved yet".to_string(), |p| p.display().to_string());
                // Not in the Tab order: Tab belongs to the map (a new child), Ctrl+Tab switches.
                let button =
                    egui::Button::selectable(shown, title.as_str()).sense(egui::Sense::CLICK);
                if ui.add(button).on_hover_text(hover).clicked() {
                    actions.push(Action::ShowMap(index));
                }
            }
            ui.label("Ctrl+Tab: next map")
                .on_hover_text("Ctrl+W closes the map shown");
        });
    }
}
