//! The Export dialog: the same choices as `nosmap export`, a live preview, and the same export
//! path (`render::export`).

use std::path::{Path, PathBuf};

use eframe::egui;

use super::Action;
use crate::layout::{Colouring, Scope, layout_scoped};
use crate::model::{FunctionalMap, NodeId};
use crate::render::{ExportFormat, ExportRequest, PageFit, Paper, Poster, plan_pages, rasterise};
use crate::view::{Direction, LayoutKind};

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
                ..Scope::default()
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
                    if let Some(path) =
                        write_button(ui, &dialog.path, &mut dialog.replace_asked, "Export")
                    {
                        actions.push(Action::Export {
                            path,
                            request: Box::new(dialog.request(selection)),
                        });
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
    // Every format honours the branch and the depth.
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
    let request = &mut dialog.request;
    if request.format.is_diagram() {
        ui.checkbox(&mut request.style.show_urns, "Show URNs");
        ui.checkbox(&mut request.style.show_counts, "Show PC and K&U counts");
        ui.checkbox(
            &mut request.style.show_numbers,
            "Show outline numbers (1.2.3)",
        );
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
        ui.horizontal(|ui| {
            ui.label("Layout:");
            ui.radio_value(&mut request.layout, LayoutKind::Compact, "compact");
            ui.radio_value(&mut request.layout, LayoutKind::Tree, "tree");
        });
    }
    match request.format {
        ExportFormat::Png => {
            ui.add(egui::Slider::new(&mut request.dpi, 96.0..=600.0).text("dpi"));
            let mut sized = request.png_width_mm.is_some();
            ui.horizontal(|ui| {
                ui.checkbox(&mut sized, "Width:");
                let mut mm = request.png_width_mm.unwrap_or(160.0);
                let label = ui.label("mm (a Word text column is about 160)");
                ui.add_enabled(sized, egui::DragValue::new(&mut mm).range(10.0..=1200.0))
                    .labelled_by(label.id);
                request.png_width_mm = sized.then_some(mm);
            });
        }
        ExportFormat::Svg => {
            ui.checkbox(&mut request.embed_fonts, "Embed the font");
        }
        ExportFormat::Pdf => pdf_options(ui, request),
        ExportFormat::Dot
        | ExportFormat::Html
        | ExportFormat::Docx
        | ExportFormat::Markdown
        | ExportFormat::Csv
        | ExportFormat::Xlsx
        | ExportFormat::Opml
        | ExportFormat::Mm
        | ExportFormat::Case => {}
    }
}

/// Paper, orientation, margins, and how large the drawing is printed.
fn pdf_options(ui: &mut egui::Ui, request: &mut ExportRequest) {
    let page = &mut request.page;
    ui.horizontal(|ui| {
        ui.label("Paper:");
        for paper in [Paper::A4, Paper::A3, Paper::A2, Paper::A1, Paper::Letter] {
            ui.radio_value(&mut page.paper, paper, paper.name());
        }
    });
    ui.checkbox(&mut page.landscape, "Landscape");
    ui.add(egui::Slider::new(&mut page.margin_mm, 0.0..=30.0).text("margin (mm)"));
    let mut how = match (page.poster, page.fit) {
        (Some(_), _) => 3,
        (None, PageFit::Page) => 0,
        (None, PageFit::Scale(_)) => 1,
        (None, PageFit::Pages(_)) => 2,
    };
    ui.horizontal(|ui| {
        ui.label("Size:");
        ui.radio_value(&mut how, 0, "fill the page");
        ui.radio_value(&mut how, 1, "scale");
        ui.radio_value(&mut how, 2, "fit on pages");
        ui.radio_value(&mut how, 3, "poster");
    });
    let mut percent = match page.fit {
        PageFit::Scale(p) => p,
        _ => 100.0,
    };
    let mut pages = match page.fit {
        PageFit::Pages(n) => n,
        _ => 2,
    };
    let mut poster = page.poster.unwrap_or(Poster {
        drawing: Paper::A1,
        overlap_mm: 10.0,
    });
    match how {
        1 => {
            ui.add(
                egui::Slider::new(&mut percent, 10.0..=400.0)
                    .text("% (100: unit titles at 9.75 pt)"),
            );
        }
        2 => {
            ui.add(egui::Slider::new(&mut pages, 1..=50).text("pages at most"));
        }
        3 => {
            ui.horizontal(|ui| {
                ui.label("Poster:");
                for paper in [Paper::A3, Paper::A2, Paper::A1] {
                    ui.radio_value(&mut poster.drawing, paper, paper.name());
                }
                ui.label(format!("on {} sheets", page.paper.name()));
            });
            ui.add(egui::Slider::new(&mut poster.overlap_mm, 0.0..=30.0).text("overlap (mm)"));
        }
        _ => {}
    }
    page.fit = match how {
        1 => PageFit::Scale(percent),
        2 => PageFit::Pages(pages),
        _ => PageFit::Page,
    };
    page.poster = (how == 3).then_some(poster);
    if how == 3 || how == 2 {
        page.split_by_area = false;
    } else {
        ui.checkbox(
            &mut page.split_by_area,
            "Overview page, then the key areas (small ones share a page)",
        );
    }
    ui.add(egui::Slider::new(&mut page.largest_text_pt, 8.0..=72.0).text("largest text (pt)"));
    ui.checkbox(&mut page.legend, "Legend under the drawing");
    if page.date.is_empty() {
        page.date = crate::io::today()
            .map(|d| d.to_string())
            .unwrap_or_default();
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
    let view = request.view();
    match request.format {
        ExportFormat::Case => {
            let text =
                crate::io::case::to_case(map, None, &crate::io::case::CaseOptions::default());
            Preview::Text(text.lines().take(60).collect::<Vec<_>>().join("\n"))
        }
        ExportFormat::Mm => {
            let text = crate::io::freeplane::to_mm_scoped(map, &request.scope);
            Preview::Text(text.lines().take(60).collect::<Vec<_>>().join("\n"))
        }
        ExportFormat::Opml => {
            let text = crate::io::opml::to_opml_scoped(map, &request.scope);
            Preview::Text(text.lines().take(60).collect::<Vec<_>>().join("\n"))
        }
        ExportFormat::Csv | ExportFormat::Xlsx => {
            let text = crate::io::table::to_csv_scoped(map, &request.scope)
                .unwrap_or_else(|e| e.to_string());
            Preview::Text(text.lines().take(20).collect::<Vec<_>>().join("\n"))
        }
        // The Word document shows as the words it holds, in the Markdown that says the same.
        ExportFormat::Html | ExportFormat::Markdown | ExportFormat::Docx => {
            let text = crate::render::markdown_scoped(map, &request.scope);
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

/// The button that writes a dialog's file: the path to write when pressed, once the user has
/// said to replace a file that exists (the first press names it and turns the button into
/// "Replace it").
pub(super) fn write_button(
    ui: &mut egui::Ui,
    typed: &str,
    replace_asked: &mut Option<PathBuf>,
    verb: &str,
) -> Option<PathBuf> {
    let path = PathBuf::from(typed.trim());
    let asked = replace_asked.as_ref() == Some(&path);
    if asked {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{} already exists.", path.display()),
        );
    }
    let verb = if asked { "Replace it" } else { verb };
    if !ui.button(verb).clicked() || typed.trim().is_empty() {
        return None;
    }
    if crate::io::folders::path_exists(&path) && !asked {
        *replace_asked = Some(path);
        return None;
    }
    *replace_asked = None;
    Some(path)
}
