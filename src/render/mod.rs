//! Scene → bytes, and map → documents. Exporters draw the layout's Scene as it is, with the
//! bundled font; none of them lays anything out again. Every user string is escaped for its
//! output language (`escape`).

pub mod dot;
pub mod escape;
pub mod export;
pub mod matrix;
pub mod pages;
pub mod pdf;
pub mod png;
pub mod spec;
pub mod svg;
pub mod uses;
pub(crate) mod word;
pub mod workshop;

pub use dot::dot;
pub use export::{ExportFormat, ExportRequest, export};
pub use pages::{
    Bookmark, Ghost, LegendItem, LegendSample, PageFit, PagePlan, PageSetup, Paper, Piece,
    PlannedPage, Poster, SheetTile, Sheets, plan_pages,
};
pub use pdf::pdf;
pub use png::{PngOptions, Raster, png, png_sized, rasterise};
pub use spec::{html, html_scoped, markdown, markdown_scoped, scoped_outline};
pub use svg::{SvgOptions, svg};
