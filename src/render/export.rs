//! One export path for the CLI and the editor: an [`ExportRequest`] (format and choices) turned
//! into bytes. Diagrams are laid out once by the layout and drawn as they are.

use super::{
    PageSetup, PngOptions, SvgOptions, dot, html_scoped, markdown_scoped, pdf, plan_pages,
    png_sized, svg,
};
use crate::layout::{LayoutStyle, Scope, layout_scoped};
use crate::model::FunctionalMap;
use crate::view::{Direction, LayoutKind, ViewState};

/// What an export writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    #[default]
    Svg,
    Png,
    Pdf,
    Dot,
    Html,
    Markdown,
    /// Every unit with its placement path and all fields, for spreadsheets.
    Csv,
    /// The same rows and cells as an Excel workbook (header frozen, text wrapped).
    Xlsx,
    /// The hierarchy as an OPML outline, for outliners.
    Opml,
    /// The unit specification as a Word document.
    Docx,
    /// The hierarchy as a Freeplane mind map.
    Mm,
    /// The whole map as a 1EdTech CASE 1.1 package (JSON).
    Case,
}

impl ExportFormat {
    /// Every format, in menu order.
    pub const ALL: [ExportFormat; 12] = [
        Self::Svg,
        Self::Png,
        Self::Pdf,
        Self::Dot,
        Self::Docx,
        Self::Html,
        Self::Markdown,
        Self::Csv,
        Self::Xlsx,
        Self::Opml,
        Self::Mm,
        Self::Case,
    ];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Pdf => "pdf",
            Self::Dot => "dot",
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Opml => "opml",
            Self::Docx => "docx",
            Self::Mm => "mm",
            Self::Case => "json",
        }
    }

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Svg => "SVG diagram",
            Self::Png => "PNG image",
            Self::Pdf => "PDF pages",
            Self::Dot => "Graphviz DOT",
            Self::Html => "HTML unit specification",
            Self::Markdown => "Markdown unit specification",
            Self::Csv => "CSV spreadsheet (every unit and field)",
            Self::Xlsx => "Excel workbook (every unit and field)",
            Self::Opml => "OPML outline (for outliners)",
            Self::Docx => "Word unit specification (DOCX)",
            Self::Mm => "Freeplane mind map (.mm)",
            Self::Case => "CASE 1.1 package (JSON, the whole map)",
        }
    }

    /// True for the diagram formats (the others are documents of the whole map).
    pub fn is_diagram(self) -> bool {
        !matches!(
            self,
            Self::Html
                | Self::Markdown
                | Self::Csv
                | Self::Xlsx
                | Self::Opml
                | Self::Docx
                | Self::Mm
                | Self::Case
        )
    }
}

/// Everything an export needs to know.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub format: ExportFormat,
    /// Whole map, a branch, a depth limit.
    pub scope: Scope,
    /// URNs, counts, colouring and the rest of the look.
    pub style: LayoutStyle,
    pub direction: Direction,
    /// Compact or tidy tree.
    pub layout: LayoutKind,
    /// PNG resolution.
    pub dpi: f32,
    /// PNG: this wide at `dpi` (e.g. a Word text column), instead of the drawing's own size.
    pub png_width_mm: Option<f32>,
    /// PDF paper, orientation, margins, splitting and date (its scope is taken from `scope`).
    pub page: PageSetup,
    /// SVG: embed the font files.
    pub embed_fonts: bool,
    /// CASE: what names the map for its identifiers (its file's name), so the same map keeps
    /// its identifiers from one export to the next.
    pub source_key: String,
    /// CASE: reuse decisions whose accepted pairs become associations.
    pub crosswalk: Option<crate::analysis::reuse::crosswalk::Crosswalk>,
}

impl Default for ExportRequest {
    fn default() -> Self {
        Self {
            format: ExportFormat::Svg,
            scope: Scope::default(),
            style: LayoutStyle::default(),
            direction: Direction::LeftToRight,
            layout: LayoutKind::Compact,
            dpi: 192.0,
            png_width_mm: None,
            page: PageSetup::default(),
            embed_fonts: false,
            source_key: String::new(),
            crosswalk: None,
        }
    }
}

impl ExportRequest {
    /// The view the export draws: its direction and layout, nothing folded.
    pub fn view(&self) -> ViewState {
        ViewState {
            direction: self.direction,
            layout: self.layout,
            ..ViewState::default()
        }
    }
}

/// The bytes of an export.
pub fn export(map: &FunctionalMap, request: &ExportRequest) -> Result<Vec<u8>, String> {
    let view = request.view();
    let title = map.display_title();
    match request.format {
        ExportFormat::Html => Ok(html_scoped(map, &request.scope).into_bytes()),
        ExportFormat::Markdown => Ok(markdown_scoped(map, &request.scope).into_bytes()),
        ExportFormat::Docx => super::spec::docx_scoped(map, &request.scope),
        ExportFormat::Mm => {
            Ok(crate::io::freeplane::to_mm_scoped(map, &request.scope).into_bytes())
        }
        ExportFormat::Case => {
            let options = crate::io::case::CaseOptions {
                key: request.source_key.clone(),
                date: crate::model::Date::parse_iso(&request.page.date).ok(),
            };
            Ok(crate::io::case::to_case(map, request.crosswalk.as_ref(), &options).into_bytes())
        }
        ExportFormat::Csv => {
            crate::io::table::to_csv_scoped(map, &request.scope).map(String::into_bytes)
        }
        ExportFormat::Opml => Ok(crate::io::opml::to_opml_scoped(map, &request.scope).into_bytes()),
        ExportFormat::Xlsx => crate::io::table::xlsx::csv_layout_to_xlsx(
            &crate::io::table::to_csv_scoped(map, &request.scope)?,
        ),
        ExportFormat::Pdf => {
            let setup = PageSetup {
                scope: request.scope,
                ..request.page.clone()
            };
            let plan = plan_pages(map, &view, &request.style, &setup);
            pdf(map, &plan, &setup.date)
        }
        ExportFormat::Svg | ExportFormat::Png | ExportFormat::Dot => {
            let scene = layout_scoped(map, &view, &request.style, &request.scope);
            match request.format {
                ExportFormat::Png => png_sized(
                    &scene,
                    &PngOptions {
                        dpi: request.dpi,
                        width_mm: request.png_width_mm,
                    },
                ),
                ExportFormat::Dot => Ok(dot(&scene, &title).into_bytes()),
                _ => Ok(svg(
                    &scene,
                    &SvgOptions {
                        title,
                        embed_fonts: request.embed_fonts,
                    },
                )
                .into_bytes()),
            }
        }
    }
}
