//! Scene → SVG: real text in the bundled font, boxes, connectors and badges exactly where the
//! layout put them.

use std::fmt::Write as _;

use super::escape::xml;
use crate::layout::{FONT_FAMILY, FontWeight, Scene, TextLine};
use crate::model::Rgb;

/// Choices for an SVG.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SvgOptions {
    /// The document title (`<title>`).
    pub title: String,
    /// Embed the bundled font files, so the SVG looks the same on machines without DejaVu Sans
    /// (about 2 MB larger).
    pub embed_fonts: bool,
}

/// The SVG text of a Scene.
pub fn svg(scene: &Scene, options: &SvgOptions) -> String {
    let (width, height) = (scene.bounds.width, scene.bounds.height);
    let mut out = String::with_capacity(256 + scene.boxes.len() * 600);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1}" height="{height:.1}" viewBox="0 0 {width:.1} {height:.1}">"#
    );
    let _ = writeln!(out, "<title>{}</title>", xml(&options.title));
    out.push_str("<style>\n");
    if options.embed_fonts {
        for (bytes, weight) in [
            (crate::layout::REGULAR_TTF, "normal"),
            (crate::layout::BOLD_TTF, "bold"),
        ] {
            let _ = writeln!(
                out,
                "@font-face {{ font-family: '{FONT_FAMILY}'; font-weight: {weight}; src: url(data:font/ttf;base64,{}) format('truetype'); }}",
                base64(bytes)
            );
        }
    }
    let _ = writeln!(
        out,
        "text {{ font-family: '{FONT_FAMILY}', 'DejaVu Sans', Verdana, sans-serif; white-space: pre; }}"
    );
    out.push_str("</style>\n");
    out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

    out.push_str("<g class=\"connectors\" fill=\"none\">\n");
    for connector in &scene.connectors {
        let points: Vec<String> = connector
            .points
            .iter()
            .map(|p| format!("{:.2},{:.2}", p.x, p.y))
            .collect();
        let _ = writeln!(
            out,
            r#"<polyline points="{}" stroke="{}" stroke-width="1.2"/>"#,
            points.join(" "),
            connector.colour
        );
    }
    out.push_str("</g>\n");

    for scene_box in &scene.boxes {
        let r = &scene_box.rect;
        let _ = writeln!(
            out,
            "<g class=\"node\" data-node=\"{}\">",
            scene_box.node.raw()
        );
        let _ = writeln!(
            out,
            r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" rx="{:.1}" fill="{}" stroke="{}" stroke-width="{:.1}"/>"#,
            r.x,
            r.y,
            r.width,
            r.height,
            scene_box.corner_radius,
            scene_box.fill,
            scene_box.stroke,
            scene_box.stroke_width
        );
        for badge in &scene_box.badges {
            let b = &badge.rect;
            let _ = writeln!(
                out,
                r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" rx="3" fill="{}"/>"#,
                b.x, b.y, b.width, b.height, badge.fill
            );
            text(&mut out, &badge.label);
        }
        for line in &scene_box.lines {
            text(&mut out, line);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

fn text(out: &mut String, line: &TextLine) {
    if line.text.is_empty() {
        return;
    }
    let weight = match line.weight {
        FontWeight::Regular => "normal",
        FontWeight::Bold => "bold",
    };
    // textLength pins the width the layout measured, so no viewer can make a line overflow.
    let _ = writeln!(
        out,
        r#"<text x="{:.2}" y="{:.2}" font-size="{:.2}" font-weight="{weight}" fill="{}" textLength="{:.2}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
        line.origin.x,
        line.origin.y,
        line.size,
        colour(line.colour),
        line.rect.width,
        xml(&line.text)
    );
}

fn colour(rgb: Rgb) -> String {
    rgb.to_string()
}

/// Base64 for embedding fonts in data URLs.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
