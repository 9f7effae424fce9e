//! The other formats (issue 13, point 5): PNGs that state their resolution and can be asked for a
//! width in millimetres, SVGs that embed only the glyphs they use, DOT labels in each box's own
//! text colour, and unit specifications of one branch with a contents list, outline numbers and no
//! empty sections.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::collections::BTreeSet;

use nosmap::edit::Document;
use nosmap::layout::{BOLD_TTF, FontWeight, LayoutStyle, REGULAR_TTF, Scene, layout};
use nosmap::model::{Function, FunctionalMap, KeyPurpose, MapMeta};
use nosmap::render::{PngOptions, SvgOptions, dot, png, png_sized, svg};
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

/// The fonts an SVG embeds: (CSS font-weight, font bytes), read back from its `<style>`.
fn embedded_fonts(svg_text: &str) -> Vec<(String, Vec<u8>)> {
    use base64::Engine as _;
    let document = roxmltree::Document::parse(svg_text).unwrap();
    let style = document
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .and_then(|n| n.text())
        .unwrap()
        .to_string();
    style
        .split("@font-face")
        .skip(1)
        .map(|face| {
            let weight = face
                .split("font-weight: ")
                .nth(1)
                .and_then(|rest| rest.split(';').next())
                .unwrap()
                .to_string();
            let data = face
                .split("base64,")
                .nth(1)
                .and_then(|rest| rest.split(')').next())
                .unwrap();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data)
                .unwrap();
            (weight, bytes)
        })
        .collect()
}

/// Every character drawn in `weight`, badges included.
fn characters_drawn(scene: &Scene, weight: FontWeight) -> BTreeSet<char> {
    scene
        .boxes
        .iter()
        .flat_map(|b| b.lines.iter().chain(b.badges.iter().map(|x| &x.label)))
        .filter(|line| line.weight == weight)
        .flat_map(|line| line.text.chars())
        .collect()
}

#[test]
fn an_svg_embeds_only_the_glyphs_it_draws() {
    let map = management();
    let scene = scene_of(&map);
    let options = |embed_fonts| SvgOptions {
        title: map.display_title(),
        embed_fonts,
    };
    let plain = svg(&scene, &options(false));
    let embedded = svg(&scene, &options(true));
    let full_fonts = REGULAR_TTF.len() + BOLD_TTF.len();
    assert!(
        embedded.len() - plain.len() < full_fonts / 10,
        "the fonts add {} bytes; the whole fonts are {full_fonts}",
        embedded.len() - plain.len()
    );
    let fonts = embedded_fonts(&embedded);
    let weights: Vec<&str> = fonts.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(weights, ["normal", "bold"], "both weights are drawn");
    for (weight, bytes) in &fonts {
        let (drawn, full) = match weight.as_str() {
            "normal" => (FontWeight::Regular, REGULAR_TTF),
            _ => (FontWeight::Bold, BOLD_TTF),
        };
        assert!(
            bytes.len() * 10 < full.len(),
            "{weight}: {} of {} bytes",
            bytes.len(),
            full.len()
        );
        let subset = ttf_parser::Face::parse(bytes, 0).expect("the subset is a font");
        let whole = ttf_parser::Face::parse(full, 0).unwrap();
        let characters = characters_drawn(&scene, drawn);
        assert!(characters.len() > 20, "{weight}: {characters:?}");
        for c in characters {
            let Some(original) = whole.glyph_index(c) else {
                continue; // Not in DejaVu Sans: the viewer's fallback font draws it.
            };
            let glyph = subset
                .glyph_index(c)
                .unwrap_or_else(|| panic!("{weight}: no glyph for {c:?}"));
            assert_eq!(
                subset.glyph_hor_advance(glyph),
                whole.glyph_hor_advance(original),
                "{weight}: {c:?} keeps its width"
            );
            if !c.is_whitespace() {
                assert!(
                    subset.glyph_bounding_box(glyph).is_some(),
                    "{weight}: {c:?} keeps its outline"
                );
            }
        }
        // The tables a browser needs to use the font.
        for table in [
            b"cmap", b"OS/2", b"hhea", b"hmtx", b"glyf", b"head", b"name", b"post",
        ] {
            assert!(
                subset
                    .raw_face()
                    .table(ttf_parser::Tag::from_bytes(table))
                    .is_some(),
                "{weight}: no {} table",
                String::from_utf8_lossy(table)
            );
        }
    }
}

#[test]
fn an_svg_whose_text_needs_shaping_embeds_that_weight_whole() {
    let mut doc = Document::new(FunctionalMap::new(
        MapMeta::new("Arabic"),
        KeyPurpose::new("مرحبا بالعالم"),
    ));
    let root = doc.map().root();
    common::add(&mut doc, root, Function::new("A", "Plan work").into());
    let scene = scene_of(doc.map());
    let text = svg(
        &scene,
        &SvgOptions {
            title: String::new(),
            embed_fonts: true,
        },
    );
    let drawn_in = |weight| {
        characters_drawn(&scene, weight)
            .iter()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(c))
    };
    let fonts = embedded_fonts(&text);
    for (weight, bytes) in fonts {
        let (drawn, full) = match weight.as_str() {
            "normal" => (FontWeight::Regular, REGULAR_TTF),
            _ => (FontWeight::Bold, BOLD_TTF),
        };
        if drawn_in(drawn) {
            // Joining forms come from the font's GSUB, which a subset would lose.
            assert_eq!(bytes, full, "{weight} is embedded whole");
        } else {
            assert!(bytes.len() * 10 < full.len(), "{weight} is a subset");
        }
    }
    assert!(drawn_in(FontWeight::Regular) || drawn_in(FontWeight::Bold));
}

/// The value of `attribute="…"` in one DOT node statement.
fn dot_attribute<'a>(statement: &'a str, attribute: &str) -> Option<&'a str> {
    let start = statement.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
    let rest = &statement[start..];
    Some(&rest[..rest.find('"')?])
}

/// WCAG relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f32 {
    let channel = |i: usize| {
        let c = f32::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

#[test]
fn dot_labels_take_each_box_text_colour_and_read_on_the_dark_key_purpose() {
    let map = management();
    let scene = scene_of(&map);
    let graph = dot(&scene, &map.display_title());
    for (index, scene_box) in scene.boxes.iter().enumerate() {
        let statement = graph
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("n{index} [")))
            .unwrap_or_else(|| panic!("no statement for box {index}"));
        let font = dot_attribute(statement, "fontcolor")
            .unwrap_or_else(|| panic!("box {index} has no fontcolor: {statement}"));
        let fill = dot_attribute(statement, "fillcolor").unwrap();
        // The title: the box's largest line.
        let title = scene_box
            .lines
            .iter()
            .reduce(|a, b| if b.size > a.size { b } else { a })
            .unwrap();
        assert_eq!(font, title.colour.to_string(), "box {index}");
        let (light, dark) = {
            let (a, b) = (luminance(font), luminance(fill));
            (a.max(b), a.min(b))
        };
        assert!(
            (light + 0.05) / (dark + 0.05) >= 4.5,
            "box {index}: {font} on {fill} is hard to read"
        );
    }
    let key_purpose = graph.lines().find(|l| l.contains("n0 [")).unwrap();
    assert_eq!(dot_attribute(key_purpose, "fillcolor"), Some("#1f3a5f"));
    assert!(
        luminance(dot_attribute(key_purpose, "fontcolor").unwrap()) > 0.8,
        "a light label on the dark key purpose: {key_purpose}"
    );
}
