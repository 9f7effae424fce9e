//! Scene → PNG at a chosen resolution: our SVG rendered by resvg with the bundled font, so the
//! pixels match the SVG and the canvas. The file states its resolution (a pHYs chunk), so a word
//! processor places a 300-dpi image at its physical size; an image can be asked for a width in
//! millimetres at that resolution. Images too large to hold are refused with a message, never
//! silently shrunk.

use super::svg::{SvgOptions, svg};
use crate::layout::{BOLD_TTF, REGULAR_TTF, Scene};

/// The largest image made, in pixels (about 1.1 GB of memory at 4 bytes a pixel).
pub const MAX_PIXELS: u64 = 280_000_000;

/// Millimetres in an inch.
const MM_PER_INCH: f32 = 25.4;

/// Pixels of a rendered Scene: RGBA with premultiplied alpha, row by row.
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub rgba_premultiplied: Vec<u8>,
}

/// Choices for a PNG.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PngOptions {
    /// Dots per inch, written into the file. Without `width_mm` it is also the scale: 96 dpi is
    /// 100 %.
    pub dpi: f32,
    /// Make the image this many millimetres wide at `dpi`: the drawing is scaled so its width in
    /// pixels is `width_mm / 25.4 × dpi` (160 mm at 300 dpi is 1890 pixels). `None`: the Scene's
    /// own size at `dpi`.
    pub width_mm: Option<f32>,
}

impl PngOptions {
    /// The image's width and height in pixels for `scene`, or why it cannot be made.
    pub fn pixel_size(&self, scene: &Scene) -> Result<(u32, u32), String> {
        self.plan(scene).map(|plan| (plan.width, plan.height))
    }

    /// Checks the choices and works out the image for `scene`.
    fn plan(&self, scene: &Scene) -> Result<Plan, String> {
        let dpi = self.dpi;
        if !(dpi.is_finite() && (4.0..=1200.0).contains(&dpi)) {
            return Err(format!("{dpi} dpi is outside 4–1200"));
        }
        let (scene_width, scene_height) = (
            scene.bounds.width.max(f32::EPSILON),
            scene.bounds.height.max(f32::EPSILON),
        );
        let (width, height, scale) = match self.width_mm {
            None => {
                let scale = dpi / 96.0;
                (
                    f64::from(scene_width * scale).ceil(),
                    f64::from(scene_height * scale).ceil(),
                    scale,
                )
            }
            Some(mm) => {
                if !(mm.is_finite() && mm > 0.0) {
                    return Err(format!(
                        "a PNG {mm} mm wide cannot be made: give a width above 0 mm"
                    ));
                }
                let width = (f64::from(mm) / f64::from(MM_PER_INCH) * f64::from(dpi))
                    .round()
                    .max(1.0);
                let scale = (width / f64::from(scene_width)) as f32;
                (width, f64::from(scene_height * scale).ceil(), scale)
            }
        };
        if width * height > MAX_PIXELS as f64 || width > 1_000_000.0 || height > 1_000_000.0 {
            let advice = match self.width_mm {
                None => {
                    let fitting = (96.0
                        * ((MAX_PIXELS as f32) / (scene_width * scene_height)).sqrt())
                    .floor();
                    format!("use {fitting} dpi or less")
                }
                Some(mm) => {
                    let fitting =
                        (f64::from(mm) * (MAX_PIXELS as f64 / (width * height)).sqrt()).floor();
                    format!("use {fitting} mm or less, or a lower dpi")
                }
            };
            return Err(format!(
                "at {dpi} dpi the image would be {width} × {height} pixels, more than the {} million pixels nosmap renders; {advice}, export a branch or a depth limit, or export SVG or PDF, which have no size limit",
                MAX_PIXELS / 1_000_000
            ));
        }
        Ok(Plan {
            width: width as u32,
            height: height as u32,
            scale,
            pixels_per_metre: (f64::from(dpi) * 1000.0 / f64::from(MM_PER_INCH)).round() as u32,
        })
    }
}

/// An image worked out: its size in pixels, the scale from scene units, and its resolution.
struct Plan {
    width: u32,
    height: u32,
    scale: f32,
    pixels_per_metre: u32,
}

/// The PNG bytes of a Scene at `dpi` dots per inch (96 = 100 %), stating that resolution.
pub fn png(scene: &Scene, dpi: f32) -> Result<Vec<u8>, String> {
    png_sized(
        scene,
        &PngOptions {
            dpi,
            width_mm: None,
        },
    )
}

/// The PNG bytes of a Scene as `options` ask: at a dpi, or a width in millimetres at a dpi. The
/// file's pHYs chunk states the dpi.
pub fn png_sized(scene: &Scene, options: &PngOptions) -> Result<Vec<u8>, String> {
    let plan = options.plan(scene)?;
    let pixmap = render(scene, &plan)?;
    let rgba = pixmap.take_demultiplied();
    let mut bytes = Vec::new();
    let failed = |e: ::png::EncodingError| format!("the PNG could not be encoded: {e}");
    let mut encoder = ::png::Encoder::new(&mut bytes, plan.width, plan.height);
    encoder.set_color(::png::ColorType::Rgba);
    encoder.set_depth(::png::BitDepth::Eight);
    encoder.set_pixel_dims(Some(::png::PixelDimensions {
        xppu: plan.pixels_per_metre,
        yppu: plan.pixels_per_metre,
        unit: ::png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&rgba).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(bytes)
}

/// The pixels of a Scene at `dpi` (for previews).
pub fn rasterise(scene: &Scene, dpi: f32) -> Result<Raster, String> {
    let plan = PngOptions {
        dpi,
        width_mm: None,
    }
    .plan(scene)?;
    let pixmap = render(scene, &plan)?;
    Ok(Raster {
        width: pixmap.width(),
        height: pixmap.height(),
        rgba_premultiplied: pixmap.take(),
    })
}

fn render(scene: &Scene, plan: &Plan) -> Result<resvg::tiny_skia::Pixmap, String> {
    let mut options = resvg::usvg::Options::default();
    let database = options.fontdb_mut();
    database.load_font_data(REGULAR_TTF.to_vec());
    database.load_font_data(BOLD_TTF.to_vec());
    let text = svg(scene, &SvgOptions::default());
    let tree = resvg::usvg::Tree::from_str(&text, &options)
        .map_err(|e| format!("the SVG could not be read back: {e}"))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(plan.width.max(1), plan.height.max(1))
        .ok_or("the image could not be allocated")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(plan.scale, plan.scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}
