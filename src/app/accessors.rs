//! The window as tests, benchmarks and other windows see it: what it shows (document,
//! selection, camera, messages) and the few switches they set (zoom, settings path, built-in file
//! chooser, autosave). Split from `mod.rs`, which lays the window out.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::*;

impl NosmapApp {
    /// True while typed keys wait for a later frame.
    pub fn keys_pending(&self) -> bool {
        self.keys.is_pending()
    }

    /// True while the Export dialog is open.
    pub fn export_dialog_open(&self) -> bool {
        self.export.open
    }

    /// True while the Paste NOS text dialog is open.
    pub fn paste_nos_open(&self) -> bool {
        self.paste_nos.open
    }

    /// True while the Paste NOS text dialog waits for the clipboard's text.
    pub fn paste_nos_waiting(&self) -> bool {
        self.paste_nos.awaiting_clipboard
    }

    /// Questions waiting for the user.
    pub fn dialogs(&self) -> &[Dialog] {
        &self.dialogs
    }

    /// Opens another map in a tab of its own (read-only when `reference`), as a file given on
    /// the command line or dropped on the window.
    pub fn open_beside(&mut self, path: &Path, reference: bool) {
        self.open_in_tab(path, reference);
    }

    /// Where the shown map's recovery copy goes (beside its file only while this window holds
    /// the file's lock).
    pub fn recovery_copy(&self) -> Option<PathBuf> {
        self.tab.recovery_copy()
    }

    /// Sets how often every open map (and every map opened later) copies unsaved work to its
    /// recovery file, as `NOSMAP_AUTOSAVE_SECS` does at start.
    pub fn set_autosave_interval(&mut self, every: std::time::Duration) {
        self.autosave_interval = Some(every);
        self.tab.safety.autosave_every = every;
        for tab in &mut self.others {
            tab.safety.autosave_every = every;
        }
    }

    /// Whether the shown map is being saved on a thread of its own (big maps only).
    pub fn saving(&self) -> bool {
        self.tab
            .safety
            .writing
            .as_ref()
            .is_some_and(|w| matches!(w.written, super::background_write::Written::Map(_)))
    }

    /// Waits for a save of the shown map under way to end, and takes note of how it ended.
    pub fn wait_for_save(&mut self) {
        self.finish_writes(true);
    }

    /// Copies unsaved work of the shown map to its recovery file now (autosave calls this on
    /// its timer for every open map).
    pub fn autosave_now(&mut self) {
        if let Err(error) = self.tab.autosave_now() {
            self.message = Some(error);
        }
    }

    /// The document shown.
    pub fn document(&self) -> &Document {
        &self.tab.doc
    }

    /// The selected node.
    pub fn selection(&self) -> Option<NodeId> {
        self.tab.selection.primary().map(|p| p.node)
    }

    /// Every selected placement, the primary one last.
    pub fn selected(&self) -> &[Placement] {
        self.tab.selection.items()
    }

    /// The title being edited on the canvas, if any.
    pub fn renaming(&self) -> Option<&str> {
        self.tab.rename.as_ref().map(|r| r.text.as_str())
    }

    /// The last branch copied or cut, as file-format text.
    pub fn clipboard_text(&self) -> Option<&str> {
        self.clipboard.as_deref()
    }

    /// The view state (folding, direction).
    pub fn view(&self) -> &ViewState {
        &self.tab.view
    }

    /// Sets the walkthrough's steps, as the step editor would.
    pub fn set_walkthrough(&mut self, steps: Vec<crate::view::PresentationStep>) {
        self.tab.view.presentation = steps;
    }

    /// The file the map is saved to.
    pub fn path(&self) -> Option<&Path> {
        self.tab.path.as_deref()
    }

    /// The last message shown in the status bar.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The Scene drawn.
    pub fn scene(&self) -> &Scene {
        &self.tab.scene
    }

    /// The find bar.
    pub fn find_bar(&self) -> &FindBar {
        &self.tab.find
    }

    /// Sets the zoom (1.0 = 100 %), keeping the middle of the view where it is.
    pub fn set_zoom(&mut self, zoom: f32) {
        self.tab.camera.zoom_by(zoom / self.tab.camera.zoom);
    }

    /// Uses the in-app file chooser instead of the system's dialogs.
    pub fn use_builtin_file_chooser(&mut self) {
        self.files.builtin_only = true;
    }

    /// Stores settings (recent files, theme, scale) in `path` instead of the user's folder.
    pub fn set_settings_path(&mut self, path: PathBuf) {
        self.settings = crate::io::settings::load_settings(&path);
        self.settings_path = Some(path);
    }

    /// The settings in use.
    pub fn settings(&self) -> &crate::io::settings::Settings {
        &self.settings
    }

    /// The current findings of the quality checks.
    pub fn report(&self) -> &CheckReport {
        self.tab.checker.report()
    }

    /// The zoom and the map point in the middle of the canvas (what the view file keeps).
    pub fn view_centre(&self) -> Option<(f32, [f32; 2])> {
        self.tab.camera.view_centre()
    }

    /// The camera: zoom (1.0 = 100 %) and the scene point at the canvas's top left.
    pub fn camera(&self) -> (f32, [f32; 2]) {
        self.tab.camera.position()
    }

    /// Where the canvas was drawn last frame.
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.tab.camera.canvas_rect()
    }

    /// The node the view was last asked to frame.
    pub fn framed(&self) -> Option<NodeId> {
        self.tab.camera.framed()
    }
}
