//! The Export dialog: the same choices as `nosmap export`, a live preview, and the same export
//! path (`render::export`).

use std::path::{Path, PathBuf};

use eframe::egui;

use super::Action;
use crate::layout::{Colouring, Scope, layout_scoped};
use crate::model::{FunctionalMap, NodeId};
use crate::render::{ExportFormat, ExportRequest, Paper, plan_pages, rasterise};
use crate::view::{Direction, ViewState};

/// Width of the preview image, in pixels.
const PREVIEW_WIDTH: f32 = 420.0;

/// What the dialog remembers while open.
#[derive(Default)]
pub struct ExportDialog {
    pub open: bool,
    pub request: ExportRequest,
    /// Export only the selected branch.
    pub selected_branch: bool,
    pub depth_limit: Option<usize>,
    pub path: String,
    /// An existing file the user was asked about; Export again (Replace) overwrites it.
    replace_asked: Option<PathBuf>,
    preview: Option<(u64, ExportRequest, Preview)>,
}

enum Preview {
    Image(egui::TextureHandle, egui::Vec2, Option<String>),
    Text(String),
    Failed(String),
}

impl ExportDialog {
    /// Opens the dialog, proposing a file beside the map.
    pub fn show(&mut self, map_path: Option<&Path>) {
        self.open = true;
        if self.path.is_empty() {
            self.path = suggested_path(map_path, self.request.format)
                .display()
                .to_string();
        }
    }

    /// The request with the scope chosen in the dialog.
    pub fn request(&self, selection: Option<NodeId>) -> ExportRequest {
        let branch = if self.selected_branch {
            selection
        } else {
            None
        };
        ExportRequest {
            scope: Scope {
                branch,
                max_depth: self.depth_limit,
            },
            ..self.request.clone()
        }
    }
}

/// `name.nosmap.ron` → `name.svg` (or `map.svg` for an untitled map).
fn suggested_path(map_path: Option<&Path>, format: ExportFormat) -> PathBuf {
    let stem = map_path
        .and_then(Path::file_name)
        .map(|n| {
            n.to_string_lossy()
                .trim_end_matches(".ron")
                .trim_end_matches(".nosmap")
                .to_string()
        })
        .unwrap_or_else(|| "map".to_string());
    let folder = map_path
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    folder.join(format!("{stem}.{}", format.extension()))
}

/// Draws the dialog when open.
pub fn export_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut ExportDialog,
    map: &FunctionalMap,
    revision: u64,
    selection: Option<NodeId>,
    map_path: Option<&Path>,
    actions: &mut Vec<Action>,
) {
    if !dialog.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Export")
        .open(&mut open)
        .resizable(true)
        .default_width(760.0)
        .show(ctx, |ui| {
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(300.0);
                    choices_ui(ui, dialog, selection, map_path);
                    ui.separator();
                    ui.horizontal(|ui| {
                        let label = ui.label("File:");
                        ui.text_edit_singleline(&mut dialog.path)
                            .labelled_by(label.id);
                    });
                    let path = PathBuf::from(dialog.path.trim());
                    let asked = dialog.replace_asked.as_ref() == Some(&path);
                    if asked {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("{} already exists.", path.display()),
                        );
                    }
                    let verb = if asked { "Replace it" } else { "Export" };
                    if ui.button(verb).clicked() && !dialog.path.trim().is_empty() {
                        // An existing file is replaced only when the user says so.
                        if crate::io::folders::path_exists(&path) && !asked {
                            dialog.replace_asked = Some(path);
                        } else {
                            dialog.replace_asked = None;
                            actions.push(Action::Export {
                                path,
                                request: dialog.request(selection),
                            });
                        }
                    }
                });
                ui.separator();
                ui.vertical(|ui| preview_ui(ui, dialog, map, revision, selection));
            });
        });
    dialog.open = open;
}

fn choices_ui(
    ui: &mut egui::Ui,
    dialog: &mut ExportDialog,
    selection: Option<NodeId>,
    map_path: Option<&Path>,
) {
    let before = dialog.request.format;
    egui::ComboBox::from_label("Format")
        .selected_text(dialog.request.format.label())
        .show_ui(ui, |ui| {
            for format in ExportFormat::ALL {
                ui.selectable_value(&mut dialog.request.format, format, format.label());
            }
        });
    if dialog.request.format != before {
        dialog.path = suggested_path(map_path, dialog.request.format)
            .display()
            .to_string();
    }
    let request = &mut dialog.request;
    if request.format.is_diagram() {
        ui.add_enabled(
            selection.is_some(),
            egui::Checkbox::new(&mut dialog.selected_branch, "Selected branch only"),
        );
        let mut limit = dialog.depth_limit.is_some();
        ui.horizontal(|ui| {
            ui.checkbox(&mut limit, "Limit the depth:");
            let mut depth = dialog.depth_limit.unwrap_or(1);
            let label = ui.label("levels below the top");
            ui.add_enabled(limit, egui::DragValue::new(&mut depth).range(0..=10))
                .labelled_by(label.id);
            dialog.depth_limit = limit.then_some(depth);
        });
        ui.checkbox(&mut request.style.show_urns, "Show URNs");
        ui.checkbox(&mut request.style.show_counts, "Show PC and K&U counts");
        ui.horizontal(|ui| {
            ui.label("Colours:");
            ui.radio_value(&mut request.style.colouring, Colouring::ByLevel, "by level");
            ui.radio_value(&mut request.style.colouring, Colouring::ByTheme, "by theme");
            ui.radio_value(&mut request.style.colouring, Colouring::Monochrome, "print");
        });
        ui.horizontal(|ui| {
            ui.label("Direction:");
            ui.radio_value(
                &mut request.direction,
                Direction::LeftToRight,
                "left to right",
            );
            ui.radio_value(&mut request.direction, Direction::TopDown, "top down");
        });
    }
    match request.format {
        ExportFormat::Png => {
            ui.add(egui::Slider::new(&mut request.dpi, 96.0..=600.0).text("dpi"));
        }
        ExportFormat::Svg => {
            ui.checkbox(&mut request.embed_fonts, "Embed the font");
        }
        ExportFormat::Pdf => {
            ui.horizontal(|ui| {
                ui.label("Paper:");
                ui.radio_value(&mut request.page.paper, Paper::A4, "A4");
                ui.radio_value(&mut request.page.paper, Paper::A3, "A3");
                ui.radio_value(&mut request.page.paper, Paper::Letter, "Letter");
            });
            ui.checkbox(&mut request.page.landscape, "Landscape");
            ui.add(egui::Slider::new(&mut request.page.margin_mm, 0.0..=30.0).text("margin (mm)"));
            ui.checkbox(
                &mut request.page.split_by_area,
                "A page per key area, after an overview",
            );
            if request.page.date.is_empty() {
                request.page.date = crate::io::today()
                    .map(|d| d.to_string())
                    .unwrap_or_default();
            }
        }
        ExportFormat::Dot | ExportFormat::Html | ExportFormat::Markdown | ExportFormat::Csv => {}
    }
}

fn preview_ui(
    ui: &mut egui::Ui,
    dialog: &mut ExportDialog,
    map: &FunctionalMap,
    revision: u64,
    selection: Option<NodeId>,
) {
    let request = dialog.request(selection);
    let stale = dialog
        .preview
        .as_ref()
        .is_none_or(|(rev, req, _)| *rev != revision || *req != request);
    if stale {
        let preview = make_preview(ui.ctx(), map, &request);
        dialog.preview = Some((revision, request, preview));
    }
    ui.label("Preview");
    match dialog.preview.as_ref().map(|(_, _, p)| p) {
        Some(Preview::Image(texture, size, caption)) => {
            if let Some(caption) = caption {
                ui.monospace(caption);
            }
            egui::ScrollArea::both().max_height(520.0).show(ui, |ui| {
                ui.image((texture.id(), *size));
            });
        }
        Some(Preview::Text(text)) => {
            egui::ScrollArea::vertical()
                .max_height(520.0)
                .show(ui, |ui| {
                    ui.monospace(text);
                });
        }
        Some(Preview::Failed(message)) => {
            ui.colored_label(egui::Color32::from_rgb(0xc6, 0x28, 0x28), message);
        }
        None => {}
    }
}

fn make_preview(ctx: &egui::Context, map: &FunctionalMap, request: &ExportRequest) -> Preview {
    let view = ViewState {
        direction: request.direction,
        ..ViewState::default()
    };
    match request.format {
        ExportFormat::Csv => {
            let text = crate::io::table::to_csv(map).unwrap_or_else(|e| e.to_string());
            Preview::Text(text.lines().take(20).collect::<Vec<_>>().join("\n"))
        }
        ExportFormat::Html | ExportFormat::Markdown => {
            let text = crate::render::markdown(map);
            Preview::Text(text.lines().take(60).collect::<Vec<_>>().join("\n"))
        }
        ExportFormat::Pdf => {
            let setup = crate::render::PageSetup {
                scope: request.scope,
                ..request.page.clone()
            };
            let plan = plan_pages(map, &view, &request.style, &setup);
            let mut lines = vec![format!("{} page(s):", plan.pages.len())];
            lines.extend(
                plan.pages
                    .iter()
                    .enumerate()
                    .map(|(i, p)| format!("{:>3}  {}", i + 1, p.heading)),
            );
            match plan.scenes.first() {
                Some(scene) => image_preview(ctx, scene, Some(lines.join("\n"))),
                None => Preview::Text(lines.join("\n")),
            }
        }
        _ => {
            let scene = layout_scoped(map, &view, &request.style, &request.scope);
            image_preview(ctx, &scene, None)
        }
    }
}

fn image_preview(
    ctx: &egui::Context,
    scene: &crate::layout::Scene,
    caption: Option<String>,
) -> Preview {
    // Within the preview width, and within what the GPU can hold as one texture.
    let max_side = ctx.input(|i| i.max_texture_side).min(4096) as f32 - 1.0;
    let (w, h) = (scene.bounds.width.max(1.0), scene.bounds.height.max(1.0));
    let fit = (PREVIEW_WIDTH / w).min(max_side / h).min(max_side / w);
    let dpi = (96.0 * fit).min(96.0);
    if dpi < 4.0 {
        return Preview::Failed(
            "The map is too large for a preview; the export itself is not affected.".into(),
        );
    }
    match rasterise(scene, dpi) {
        Ok(raster) => {
            let size = [raster.width as usize, raster.height as usize];
            let image = egui::ColorImage::from_rgba_premultiplied(size, &raster.rgba_premultiplied);
            let texture = ctx.load_texture("export-preview", image, egui::TextureOptions::LINEAR);
            Preview::Image(
                texture,
                egui::vec2(raster.width as f32, raster.height as f32),
                caption,
            )
        }
        Err(message) => Preview::Failed(message),
    }
}
