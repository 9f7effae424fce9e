//! The desktop window (egui/eframe). Everything that names egui lives under `app/` and only here.
//!
//! So far: the canvas (the core's Scene with pan, zoom, fit, folding and selection), the live
//! problems panel of the quality checks (click to go to a node, apply a fix, dismiss with a
//! reason), undo/redo and save. Panels read state and emit [`Action`]s, applied after the UI pass.

mod canvas;
mod problems;

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
    let (doc, path) = open_initial(file)?;
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
            let mut app = NosmapApp::new(doc, path);
            app.fonts_ready = true;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("cannot open a window: {e}"))
}

fn open_initial(file: Option<PathBuf>) -> Result<(Document, Option<PathBuf>), String> {
    let path = file.or_else(|| {
        Path::new(DEFAULT_EXAMPLE)
            .exists()
            .then(|| PathBuf::from(DEFAULT_EXAMPLE))
    });
    match path {
        Some(path) => {
            let map = crate::io::load(&path).map_err(|e| e.to_string())?;
            Ok((Document::new(map), Some(path)))
        }
        None => {
            let map = crate::io::from_str(EMBEDDED_EXAMPLE, Path::new("embedded example"))
                .map_err(|e| e.to_string())?;
            Ok((Document::new(map), None))
        }
    }
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
}

/// The running app: document, view state, and what is derived from them (Scene, check report).
pub struct NosmapApp {
    doc: Document,
    path: Option<PathBuf>,
    view: ViewState,
    style: LayoutStyle,
    scene: Scene,
    report: CheckReport,
    today: Option<Date>,
    selection: Option<NodeId>,
    camera: canvas::Camera,
    problems: problems::ProblemsState,
    /// The last message for the user (saved, refused edit, failed save…).
    message: Option<String>,
    title_shown: String,
    /// Whether the bundled font is registered with egui (the canvas cannot draw text before).
    fonts_ready: bool,
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
        Self {
            doc,
            path,
            view,
            style,
            scene,
            report,
            today,
            selection: None,
            camera: canvas::Camera::default(),
            problems: problems::ProblemsState::default(),
            message: None,
            title_shown: String::new(),
            fonts_ready: false,
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

    /// Lays out and checks again after the map or view changed.
    fn refresh(&mut self) {
        self.scene = layout(self.doc.map(), &self.view, &self.style);
        self.report = check(self.doc.map(), &CheckContext { today: self.today });
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
                self.refresh();
            }
            Action::FitToWindow => self.camera.request_fit(),
            Action::Select(node) => self.selection = node,
            Action::GoTo(node) => {
                // A node inside a folded branch is revealed first.
                let mut current = node;
                while let Some(&parent) = self.doc.map().parents(current).first() {
                    if self.view.folded.remove(&parent) {
                        self.refresh();
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
        let Some(path) = self.path.clone() else {
            self.message = Some(
                "This map has no file yet: Save As arrives with the editor's file dialogs".into(),
            );
            return;
        };
        match crate::io::save(self.doc.map(), &path) {
            Ok(()) => {
                self.doc.mark_saved();
                self.message = Some(format!("Saved {}", path.display()));
            }
            Err(error) => self.message = Some(format!("Not saved: {error}")),
        }
        crate::io::save_view(&self.view, &path).ok();
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
        let mut actions = Vec::new();
        self.shortcuts(ui, &mut actions);
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
            let markers = canvas::problem_markers(&self.report);
            canvas::canvas_ui(
                ui,
                &self.scene,
                self.selection,
                &markers,
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
            let stats = crate::analysis::MapStats::of(self.doc.map());
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
            if let Some(message) = &self.message {
                ui.separator();
                ui.label(message);
            }
        });
    }
}

impl eframe::App for NosmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }
}
