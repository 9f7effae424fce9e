//! Scene → PNG at a chosen resolution: our SVG rendered by resvg with the bundled font, so the
//! pixels match the SVG and the canvas. Images too large to hold are refused with a message, never
//! silently shrunk.

use super::svg::{SvgOptions, svg};
use crate::layout::{BOLD_TTF, REGULAR_TTF, Scene};

/// The largest image made, in pixels (about 1.1 GB of memory at 4 bytes a pixel).
pub const MAX_PIXELS: u64 = 280_000_000;

/// Pixels of a rendered Scene: RGBA with premultiplied alpha, row by row.
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub rgba_premultiplied: Vec<u8>,
}

/// The PNG bytes of a Scene at `dpi` dots per inch (96 = 100 %).
pub fn png(scene: &Scene, dpi: f32) -> Result<Vec<u8>, String> {
    let pixmap = render(scene, dpi)?;
    pixmap
        .encode_png()
        .map_err(|e| format!("the PNG could not be encoded: {e}"))
}

/// The pixels of a Scene at `dpi` (for previews).
pub fn rasterise(scene: &Scene, dpi: f32) -> Result<Raster, String> {
    let pixmap = render(scene, dpi)?;
    Ok(Raster {
        width: pixmap.width(),
        height: pixmap.height(),
        rgba_premultiplied: pixmap.take(),
    })
}

fn render(scene: &Scene, dpi: f32) -> Result<resvg::tiny_skia::Pixmap, String> {
    if !(dpi.is_finite() && (4.0..=1200.0).contains(&dpi)) {
        return Err(format!("{dpi} dpi is outside 4–1200"));
    }
    let scale = dpi / 96.0;
    let width = (scene.bounds.width * scale).ceil() as u64;
    let height = (scene.bounds.height * scale).ceil() as u64;
    if width * height > MAX_PIXELS || width > 1_000_000 || height > 1_000_000 {
        let fitting = (96.0
            * ((MAX_PIXELS as f32) / (scene.bounds.width * scene.bounds.height)).sqrt())
        .floor();
        return Err(format!(
            "at {dpi} dpi the image would be {width} × {height} pixels, more than the {} million pixels nosmap renders; use {fitting} dpi or less, export a branch or a depth limit, or export SVG or PDF, which have no size limit",
            MAX_PIXELS / 1_000_000
        ));
    }
    let mut options = resvg::usvg::Options::default();
    let database = options.fontdb_mut();
    database.load_font_data(REGULAR_TTF.to_vec());
    database.load_font_data(BOLD_TTF.to_vec());
    let text = svg(scene, &SvgOptions::default());
    let tree = resvg::usvg::Tree::from_str(&text, &options)
        .map_err(|e| format!("the SVG could not be read back: {e}"))?;
    let (w, h) = (
        u32::try_from(width).map_err(|e| e.to_string())?,
        u32::try_from(height).map_err(|e| e.to_string())?,
    );
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1))
        .ok_or("the image could not be allocated")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}
