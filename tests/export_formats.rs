//! The other formats (issue 13, point 5): PNGs that state their resolution and can be asked for a
//! width in millimetres, SVGs that embed only the glyphs they use, DOT labels in each box's own
//! text colour, and unit specifications of one branch with a contents list, outline numbers and no
//! empty sections.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use nosmap::layout::{LayoutStyle, Scene, layout};
use nosmap::model::FunctionalMap;
use nosmap::render::{PngOptions, png, png_sized};
use nosmap::view::ViewState;

fn management() -> FunctionalMap {
    nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap()
}

fn scene_of(map: &FunctionalMap) -> Scene {
    layout(map, &ViewState::default(), &LayoutStyle::default())
}

/// The width, height and pHYs chunk of a PNG, read back by a PNG decoder.
fn decode_png(bytes: &[u8]) -> (u32, u32, Option<::png::PixelDimensions>) {
    let decoder = ::png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().unwrap();
    let info = reader.info();
    (info.width, info.height, info.pixel_dims)
}

#[test]
fn a_png_asked_for_160_mm_at_300_dpi_is_1890_pixels_wide_and_says_300_dpi() {
    let scene = scene_of(&management());
    let bytes = png_sized(
        &scene,
        &PngOptions {
            dpi: 300.0,
            width_mm: Some(160.0),
        },
    )
    .unwrap();
    let (width, height, dims) = decode_png(&bytes);
    assert_eq!(width, 1890, "160 mm at 300 dpi");
    let expected_height = scene.bounds.height * 1890.0 / scene.bounds.width;
    assert!(
        (height as f32 - expected_height).abs() <= 1.0,
        "the drawing keeps its shape: {height} against {expected_height}"
    );
    let dims = dims.expect("a pHYs chunk");
    assert_eq!(dims.unit, ::png::Unit::Meter);
    assert_eq!(
        (dims.xppu, dims.yppu),
        (11_811, 11_811),
        "300 dpi in pixels a metre"
    );
    // What Word does with it: pixels ÷ pixels a metre.
    let placed_mm = width as f32 / dims.xppu as f32 * 1000.0;
    assert!(
        (placed_mm - 160.0).abs() < 0.1,
        "placed {placed_mm} mm wide"
    );
}

#[test]
fn a_png_at_a_dpi_keeps_the_scene_scale_and_says_its_dpi() {
    let scene = scene_of(&management());
    let bytes = png(&scene, 192.0).unwrap();
    let (width, height, dims) = decode_png(&bytes);
    assert_eq!(width, (scene.bounds.width * 2.0).ceil() as u32);
    assert_eq!(height, (scene.bounds.height * 2.0).ceil() as u32);
    let dims = dims.expect("a pHYs chunk");
    assert_eq!(dims.unit, ::png::Unit::Meter);
    assert_eq!((dims.xppu, dims.yppu), (7_559, 7_559), "192 dpi");
    let sized = PngOptions {
        dpi: 192.0,
        width_mm: None,
    };
    assert_eq!(png_sized(&scene, &sized).unwrap(), bytes);
    assert_eq!(sized.pixel_size(&scene), Ok((width, height)));
}

#[test]
fn a_png_width_that_is_no_width_is_refused_with_a_sentence() {
    let scene = scene_of(&management());
    for width_mm in [0.0, -5.0, f32::NAN, f32::INFINITY] {
        let error = png_sized(
            &scene,
            &PngOptions {
                dpi: 300.0,
                width_mm: Some(width_mm),
            },
        )
        .unwrap_err();
        assert!(error.contains("mm"), "{error}");
    }
    let too_wide = png_sized(
        &scene,
        &PngOptions {
            dpi: 1200.0,
            width_mm: Some(100_000.0),
        },
    )
    .unwrap_err();
    assert!(too_wide.contains("million pixels"), "{too_wide}");
}
