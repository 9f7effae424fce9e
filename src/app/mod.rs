//! The desktop window (egui/eframe). Everything that names egui lives under `app/` and only here.
//!
//! So far: the canvas (the core's Scene with pan, zoom, fit, folding and selection), the live
//! problems panel of the quality checks (click to go to a node, apply a fix, dismiss with a
//! reason), undo/redo and save. Panels read state and emit [`Action`]s, applied after the UI pass.

mod canvas;
mod export_dialog;
mod problems;
mod safety;

pub use safety::Dialog;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;

use crate::analysis::checks::{CheckContext, CheckReport, Severity, check};
use crate::edit::{Document, Edit};
use crate::layout::{BOLD_TTF, LayoutStyle, REGULAR_TTF, Scene, layout};
use crate::model::{Date, NodeId};
use crate::view::ViewState;

/// The example opened when no file is given.
const DEFAULT_EXAMPLE: &str = "examples/management-and-leadership-2008.nosmap.ron";

/// The same example, compiled in, for when the binary runs away from the repository.
const EMBEDDED_EXAMPLE: &str =
    include_str!("../../examples/management-and-leadership-2008.nosmap.ron");

/// egui font families that use the bundled font, so the canvas draws with what layout measured.
pub(crate) const FAMILY_REGULAR: &str = "nosmap-regular";
pub(crate) const FAMILY_BOLD: &str = "nosmap-bold";

/// Opens the editor window on `file`, or on the example map.
pub fn run(file: Option<PathBuf>) -> Result<(), String> {
    let path = file.or_else(|| {
        Path::new(DEFAULT_EXAMPLE)
            .exists()
            .then(|| PathBuf::from(DEFAULT_EXAMPLE))
    });
    let mut app = NosmapApp::open(path.clone())?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_title(window_title(path.as_deref(), false)),
        ..Default::default()
    };
    eframe::run_native(
        "nosmap",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            app.fonts_ready = true;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("cannot open a window: {e}"))
}

/// Registers the bundled font under our own family names.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        FAMILY_REGULAR.into(),
        Arc::new(egui::FontData::from_static(REGULAR_TTF)),
    );
    fonts.font_data.insert(
        FAMILY_BOLD.into(),
        Arc::new(egui::FontData::from_static(BOLD_TTF)),
    );
    fonts.families.insert(
        egui::FontFamily::Name(FAMILY_REGULAR.into()),
        vec![FAMILY_REGULAR.into()],
    );
    fonts.families.insert(
        egui::FontFamily::Name(FAMILY_BOLD.into()),
        vec![FAMILY_BOLD.into()],
    );
    ctx.set_fonts(fonts);
}

/// "name.nosmap.ron • — nosmap" (the dot marks unsaved changes).
pub fn window_title(path: Option<&Path>, dirty: bool) -> String {
    let name = path.and_then(Path::file_name).map_or_else(
        || "Untitled".to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let marker = if dirty { " •" } else { "" };
    format!("{name}{marker} — nosmap")
}

/// What the UI asks for; applied after the UI pass.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Fold or unfold a branch.
    ToggleFold(NodeId),
    /// Frame the whole map.
    FitToWindow,
    /// Select a node (or clear the selection).
    Select(Option<NodeId>),
    /// Select a node and move the view to it.
    GoTo(NodeId),
    /// Apply an edit as one undo step.
    Edit {
        label: String,
        edit: Edit,
    },
    /// Set a finding aside on its node, with a reason (an ordinary, undoable edit).
    Dismiss {
        node: NodeId,
        rule: String,
        reason: String,
    },
    /// Bring a dismissed finding back.
    Restore {
        node: NodeId,
        rule: String,
    },
    Undo,
    Redo,
    Save,
    /// Take the file's lock from whoever holds it.
    TakeOverLock,
    /// Go on without the lock; saving is disabled.
    OpenReadOnly,
    /// Replace the open map with the recovered work (unsaved).
    RestoreRecovery,
    /// Delete the recovery copy.
    DiscardRecovery,
    /// Save over a file that changed on disk.
    OverwriteOnDisk,
    /// Drop unsaved changes and read the file again.
    ReloadFromDisk,
    /// Close the current dialog without doing anything.
    CloseDialog,
    /// Open the Export dialog.
    OpenExport,
    /// Write an export.
    Export {
        path: PathBuf,
        request: crate::render::ExportRequest,
    },
}

/// The running app: document, view state, and what is derived from them (Scene, check report).
pub struct NosmapApp {
    doc: Document,
    path: Option<PathBuf>,
    view: ViewState,
    style: LayoutStyle,
    scene: Scene,
    report: CheckReport,
    /// Derived with the report and the Scene, once per change rather than once per frame.
    markers: std::collections::HashMap<NodeId, (Severity, usize)>,
    stats: crate::analysis::MapStats,
    today: Option<Date>,
    selection: Option<NodeId>,
    camera: canvas::Camera,
    problems: problems::ProblemsState,
    /// The last message for the user (saved, refused edit, failed save…).
    message: Option<String>,
    title_shown: String,
    /// Whether the bundled font is registered with egui (the canvas cannot draw text before).
    fonts_ready: bool,
    safety: safety::FileSafety,
    /// Questions waiting for the user, first shown first.
    dialogs: Vec<Dialog>,
    export: export_dialog::ExportDialog,
}

impl NosmapApp {
    /// An app showing `doc`.
    pub fn new(doc: Document, path: Option<PathBuf>) -> Self {
        let view = path
            .as_deref()
            .and_then(|p| crate::io::load_view(p).ok())
            .unwrap_or_default();
        let style = LayoutStyle::default();
        let scene = layout(doc.map(), &view, &style);
        let today = crate::io::today();
        let report = check(doc.map(), &CheckContext { today });
        let markers = canvas::problem_markers(&report);
        let stats = crate::analysis::MapStats::of(doc.map());
        Self {
            doc,
            path,
            view,
            style,
            scene,
            report,
            markers,
            stats,
            today,
            selection: None,
            camera: canvas::Camera::default(),
            problems: problems::ProblemsState::default(),
            message: None,
            title_shown: String::new(),
            fonts_ready: false,
            safety: safety::FileSafety::default(),
            dialogs: Vec::new(),
            export: export_dialog::ExportDialog::default(),
        }
    }

    /// Opens a map file as the program does at start: takes its lock (or asks), and offers unsaved
    /// work left by a session that ended without saving. Without a path, opens the bundled
    /// example as an untitled map.
    pub fn open(path: Option<PathBuf>) -> Result<Self, String> {
        let Some(path) = path else {
            let map = crate::io::from_str(EMBEDDED_EXAMPLE, Path::new("embedded example"))
                .map_err(|e| e.to_string())?;
            let mut app = Self::new(Document::new(map), None);
            if let Some(found) = crate::io::recovery::find_untitled_recoveries()
                .into_iter()
                .next()
            {
                app.dialogs
                    .push(safety::recovery_dialog(found, app.doc.map()));
            }
            return Ok(app);
        };
        let map = crate::io::load(&path).map_err(|e| e.to_string())?;
        let mut app = Self::new(Document::new(map), Some(path.clone()));
        app.safety.fingerprint = crate::io::fingerprint(&path);
        match crate::io::lock::acquire(&path) {
            Ok(lock) => app.safety.lock = Some(lock),
            Err(crate::io::lock::LockError::Held { owner, stale }) => {
                app.dialogs.push(Dialog::InUse { owner, stale })
            }
            Err(crate::io::lock::LockError::Io(error)) => {
                app.message = Some(format!("Could not lock the file: {error}"))
            }
        }
        match crate::io::recovery::find_recovery(&path) {
            Ok(Some(found)) => app
                .dialogs
                .push(safety::recovery_dialog(found, app.doc.map())),
            Ok(None) => {}
            Err(error) => app.message = Some(format!("A recovery copy could not be read: {error}")),
        }
        Ok(app)
    }

    /// True while the Export dialog is open.
    pub fn export_dialog_open(&self) -> bool {
        self.export.open
    }

    /// Questions waiting for the user.
    pub fn dialogs(&self) -> &[Dialog] {
        &self.dialogs
    }

    /// Copies unsaved work to the recovery file now (autosave calls this on its timer).
    pub fn autosave_now(&mut self) {
        match crate::io::recovery::write_recovery(self.doc.map(), self.path.as_deref()) {
            Ok(_) => self.safety.autosaved_revision = self.doc.revision(),
            Err(error) => self.message = Some(format!("Autosave failed: {error}")),
        }
        self.safety.last_autosave = std::time::Instant::now();
    }

    fn autosave_if_due(&mut self) {
        let due = self.safety.last_autosave.elapsed() >= self.safety.autosave_every;
        if due && self.doc.is_dirty() && self.doc.revision() != self.safety.autosaved_revision {
            self.autosave_now();
        }
    }

    /// The document shown.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The selected node.
    pub fn selection(&self) -> Option<NodeId> {
        self.selection
    }

    /// The current findings of the quality checks.
    pub fn report(&self) -> &CheckReport {
        &self.report
    }

    /// The node the view was last asked to frame.
    pub fn framed(&self) -> Option<NodeId> {
        self.camera.framed()
    }

    /// Lays out again after the view changed (folding); the map, and so the checks, did not.
    fn relayout(&mut self) {
        self.scene = layout(self.doc.map(), &self.view, &self.style);
    }

    /// Lays out and checks again after the map changed.
    fn refresh(&mut self) {
        self.relayout();
        self.report = check(self.doc.map(), &CheckContext { today: self.today });
        self.markers = canvas::problem_markers(&self.report);
        self.stats = crate::analysis::MapStats::of(self.doc.map());
        if self
            .selection
            .is_some_and(|id| !self.doc.map().contains(id))
        {
            self.selection = None;
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::ToggleFold(node) => {
                if !self.view.folded.remove(&node) {
                    self.view.folded.insert(node);
                }
                self.relayout();
            }
            Action::FitToWindow => self.camera.request_fit(),
            Action::Select(node) => self.selection = node,
            Action::GoTo(node) => {
                // A node inside a folded branch is revealed first.
                let mut current = node;
                while let Some(&parent) = self.doc.map().parents(current).first() {
                    if self.view.folded.remove(&parent) {
                        self.relayout();
                    }
                    current = parent;
                }
                self.selection = Some(node);
                if let Some(scene_box) = self.scene.boxes.iter().find(|b| b.node == node) {
                    self.camera.request_frame(node, scene_box.rect);
                }
            }
            Action::Edit { label, edit } => self.edit(&label, edit),
            Action::Dismiss { node, rule, reason } => {
                if let Some(content) = self.doc.map().node(node) {
                    let edit = Edit::SetNode {
                        id: node,
                        node: content.with_dismissal(&rule, &reason),
                    };
                    self.edit(&format!("Dismiss {rule}"), edit);
                }
            }
            Action::Restore { node, rule } => {
                if let Some(content) = self.doc.map().node(node) {
                    let edit = Edit::SetNode {
                        id: node,
                        node: content.without_dismissal(&rule),
                    };
                    self.edit(&format!("Restore {rule}"), edit);
                }
            }
            Action::Undo => {
                if let Some(label) = self.doc.undo() {
                    self.message = Some(format!("Undid {label}"));
                    self.refresh();
                }
            }
            Action::Redo => {
                if let Some(label) = self.doc.redo() {
                    self.message = Some(format!("Redid {label}"));
                    self.refresh();
                }
            }
            Action::Save => self.save(),
            Action::TakeOverLock
            | Action::OpenReadOnly
            | Action::RestoreRecovery
            | Action::DiscardRecovery
            | Action::OverwriteOnDisk
            | Action::ReloadFromDisk
            | Action::CloseDialog => self.answer_dialog(action),
            Action::OpenExport => self.export.show(self.path.as_deref()),
            Action::Export { path, request } => {
                let written = crate::render::export(self.doc.map(), &request).and_then(|bytes| {
                    crate::io::save_bytes(&path, &bytes, crate::io::SaveOptions { backups: 0 })
                        .map_err(|e| e.to_string())
                });
                self.message = Some(match written {
                    Ok(()) => format!("Exported {}", path.display()),
                    Err(error) => format!("Not exported: {error}"),
                });
            }
        }
    }

    fn edit(&mut self, label: &str, edit: Edit) {
        match self.doc.apply(label, edit) {
            Ok(()) => {
                self.message = Some(label.to_string());
                self.refresh();
            }
            Err(refusal) => self.message = Some(format!("Not done: {refusal}")),
        }
    }

    fn save(&mut self) {
        if let Some(reason) = &self.safety.read_only {
            self.message = Some(format!("Not saved: {reason}"));
            return;
        }
        let Some(path) = self.path.clone() else {
            self.message = Some(
                "This map has no file yet: Save As arrives with the editor's file dialogs".into(),
            );
            return;
        };
        let on_disk = crate::io::fingerprint(&path);
        if on_disk.is_some()
            && self.safety.fingerprint.is_some()
            && on_disk != self.safety.fingerprint
        {
            self.dialogs.push(Dialog::ChangedOnDisk);
            return;
        }
        self.save_to(&path);
    }

    fn save_to(&mut self, path: &Path) {
        match crate::io::save_with(self.doc.map(), path, crate::io::SaveOptions::from_env()) {
            Ok(()) => {
                self.doc.mark_saved();
                self.safety.fingerprint = crate::io::fingerprint(path);
                self.safety.autosaved_revision = self.doc.revision();
                if let Some(copy) = crate::io::recovery::recovery_path(Some(path)) {
                    crate::io::recovery::discard(&copy);
                }
                self.message = Some(format!("Saved {}", path.display()));
            }
            Err(error) => self.message = Some(format!("Not saved: {error}")),
        }
        crate::io::save_view(&self.view, path).ok();
    }

    /// Applies the user's answer to the first dialog.
    fn answer_dialog(&mut self, action: Action) {
        if self.dialogs.is_empty() {
            return;
        }
        let dialog = self.dialogs.remove(0);
        let path = self.path.clone();
        match (action, dialog) {
            (Action::TakeOverLock, Dialog::InUse { .. }) => {
                if let Some(path) = &path {
                    match crate::io::lock::take_over(path) {
                        Ok(lock) => self.safety.lock = Some(lock),
                        Err(error) => {
                            self.message = Some(format!("Could not take over the lock: {error}"))
                        }
                    }
                }
            }
            (Action::OpenReadOnly, Dialog::InUse { owner, .. }) => {
                self.safety.read_only = Some(format!(
                    "opened read-only while {} on {} has the file open",
                    owner.user, owner.host
                ));
            }
            (Action::RestoreRecovery, Dialog::Recovery { map, .. }) => {
                self.doc = Document::new_unsaved(*map);
                self.message = Some("Restored the unsaved work; save to keep it".into());
                self.refresh();
            }
            (Action::DiscardRecovery, Dialog::Recovery { path: copy, .. }) => {
                crate::io::recovery::discard(&copy)
            }
            (Action::OverwriteOnDisk, Dialog::ChangedOnDisk) => {
                if let Some(path) = &path {
                    self.save_to(path);
                }
            }
            (Action::ReloadFromDisk, Dialog::ChangedOnDisk) => {
                if let Some(path) = &path {
                    match crate::io::load(path) {
                        Ok(map) => {
                            self.doc = Document::new(map);
                            self.safety.fingerprint = crate::io::fingerprint(path);
                            self.message = Some(format!("Reloaded {}", path.display()));
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

    fn shortcuts(&self, ui: &egui::Ui, actions: &mut Vec<Action>) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcuts = [
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                Action::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
                Action::Undo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
                Action::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
                Action::Save,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::E),
                Action::OpenExport,
            ),
        ];
        ui.input_mut(|input| {
            for (shortcut, action) in shortcuts {
                if input.consume_shortcut(&shortcut) {
                    actions.push(action);
                }
            }
        });
    }

    /// One frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_ready {
            // Fonts registered now take effect next frame; draw from then on.
            install_fonts(ui.ctx());
            self.fonts_ready = true;
            ui.ctx().request_repaint();
            return;
        }
        let title = window_title(self.path.as_deref(), self.doc.is_dirty());
        if title != self.title_shown {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
        self.autosave_if_due();
        ui.ctx().request_repaint_after(self.safety.autosave_every);
        let mut actions = Vec::new();
        if let Some(dialog) = self.dialogs.first() {
            safety::dialog_ui(ui.ctx(), dialog, self.path.as_deref(), &mut actions);
        } else {
            self.shortcuts(ui, &mut actions);
        }
        export_dialog::export_dialog_ui(
            ui.ctx(),
            &mut self.export,
            self.doc.map(),
            self.doc.revision(),
            self.selection,
            self.path.as_deref(),
            &mut actions,
        );
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui, &mut actions));
        egui::Panel::right("problems")
            .default_size(380.0)
            .show(ui, |ui| {
                problems::problems_ui(
                    ui,
                    self.doc.map(),
                    &self.report,
                    self.selection,
                    &mut self.problems,
                    &mut actions,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            canvas::canvas_ui(
                ui,
                &self.scene,
                self.selection,
                &self.markers,
                &mut self.camera,
                &mut actions,
            );
        });
        for action in actions {
            self.apply(action);
        }
    }

    fn status_ui(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let stats = &self.stats;
            ui.label(format!(
                "{} · {} units · {} placements",
                self.doc.map().meta().title,
                stats.units,
                stats.placements
            ));
            ui.separator();
            ui.label(format!(
                "{} errors · {} warnings · {} info",
                self.report.count(Severity::Error),
                self.report.count(Severity::Warning),
                self.report.count(Severity::Info)
            ));
            ui.separator();
            ui.label(format!("{:.0} %", self.camera.zoom * 100.0));
            if ui.button("Fit").clicked() {
                actions.push(Action::FitToWindow);
            }
            if ui.button("Export…").clicked() {
                actions.push(Action::OpenExport);
            }
            if let Some(message) = &self.message {
                ui.separator();
                ui.label(message);
            }
        });
    }
}

impl Drop for NosmapApp {
    /// A clean exit with nothing unsaved leaves no recovery copy behind (the lock goes with
    /// `safety.lock`). Unsaved work keeps its copy, to be offered at the next start.
    fn drop(&mut self) {
        if !self.doc.is_dirty() {
            if let Some(copy) = crate::io::recovery::recovery_path(self.path.as_deref()) {
                crate::io::recovery::discard(&copy);
            }
        }
    }
}

impl eframe::App for NosmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }
}
