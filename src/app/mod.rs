//! The desktop window (egui/eframe). Everything that names egui lives under `app/` and only here.
//!
//! For now this is a viewer: it opens a map, lays it out with the core's Scene and draws it with
//! pan, zoom, fit and folding. The panels read state and emit actions that are applied after the
//! UI pass, so editing can arrive without changing that shape.

mod canvas;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;

use crate::edit::Document;
use crate::layout::{BOLD_TTF, LayoutStyle, REGULAR_TTF, Scene, layout};
use crate::model::NodeId;
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
            Ok(Box::new(NosmapApp::new(doc, path)))
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
pub(crate) fn install_fonts(ctx: &egui::Context) {
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
}

/// The running app: document, view state and the Scene cached for them.
pub struct NosmapApp {
    doc: Document,
    path: Option<PathBuf>,
    view: ViewState,
    style: LayoutStyle,
    scene: Scene,
    camera: canvas::Camera,
    title_shown: String,
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
        Self {
            doc,
            path,
            view,
            style,
            scene,
            camera: canvas::Camera::default(),
            title_shown: String::new(),
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::ToggleFold(node) => {
                if !self.view.folded.remove(&node) {
                    self.view.folded.insert(node);
                }
                self.scene = layout(self.doc.map(), &self.view, &self.style);
            }
            Action::FitToWindow => self.camera.request_fit(),
        }
    }
}

impl eframe::App for NosmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let title = window_title(self.path.as_deref(), self.doc.is_dirty());
        if title != self.title_shown {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
        let mut actions = Vec::new();
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let stats = crate::analysis::MapStats::of(self.doc.map());
                ui.label(format!(
                    "{} · {} units · {} placements",
                    self.doc.map().meta().title,
                    stats.units,
                    stats.placements
                ));
                ui.separator();
                ui.label(format!("{:.0} %", self.camera.zoom * 100.0));
                if ui.button("Fit").clicked() {
                    actions.push(Action::FitToWindow);
                }
            });
        });
        egui::CentralPanel::default().show(ui, |ui| {
            canvas::canvas_ui(ui, &self.scene, &mut self.camera, &mut actions);
        });
        for action in actions {
            self.apply(action);
        }
    }
}
