//! Scene → SVG: real text in the bundled font, boxes, connectors and badges exactly where the
//! layout put them.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::escape::xml;
use crate::layout::{BOLD_TTF, FONT_FAMILY, FontWeight, REGULAR_TTF, Scene, TextLine};
use crate::model::Rgb;

/// Choices for an SVG.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SvgOptions {
    /// The document title (`<title>`).
    pub title: String,
    /// Embed the bundled font, so the SVG looks the same on machines without DejaVu Sans: a
    /// subset of each weight drawn, holding only the glyphs the drawing uses (tens of kilobytes,
    /// not the 2 MB of the whole fonts).
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
        for (weight, css_weight, whole) in [
            (FontWeight::Regular, "normal", REGULAR_TTF),
            (FontWeight::Bold, "bold", BOLD_TTF),
        ] {
            let drawn = characters_drawn(scene, weight);
            if drawn.is_empty() {
                continue;
            }
            let bytes = font_for(whole, &drawn);
            let _ = writeln!(
                out,
                "@font-face {{ font-family: '{FONT_FAMILY}'; font-weight: {css_weight}; src: url(data:font/ttf;base64,{}) format('truetype'); }}",
                base64(&bytes)
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

/// Every character the Scene draws in `weight`, badges included.
fn characters_drawn(scene: &Scene, weight: FontWeight) -> BTreeSet<char> {
    scene
        .boxes
        .iter()
        .flat_map(|b| {
            b.lines
                .iter()
                .chain(b.badges.iter().map(|badge| &badge.label))
        })
        .filter(|line| line.weight == weight)
        .flat_map(|line| line.text.chars())
        .collect()
}

/// The font to embed for text drawing `drawn`: a subset of `whole` holding those characters'
/// glyphs, or `whole` itself when the text needs shaping (the subset keeps no GSUB/GPOS, so
/// joining scripts and combining marks would lose their forms) or subsetting fails.
///
/// allsorts makes the subset rather than code of our own: it is YesLogic's maintained font
/// library (Prince's), and unlike `subsetter` (krilla's, for PDFs, which drops `cmap`, `OS/2`
/// and `hhea`) its subsets are fonts a browser accepts.
fn font_for<'a>(whole: &'a [u8], drawn: &BTreeSet<char>) -> Cow<'a, [u8]> {
    if drawn.iter().any(|&c| needs_shaping(c)) {
        return Cow::Borrowed(whole);
    }
    subset(whole, drawn).map_or(Cow::Borrowed(whole), Cow::Owned)
}

/// A subset of `whole` with the glyphs of `characters` (and .notdef), mapped from Unicode.
fn subset(whole: &[u8], characters: &BTreeSet<char>) -> Option<Vec<u8>> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};

    let face = ttf_parser::Face::parse(whole, 0).ok()?;
    let mut glyphs: Vec<u16> = std::iter::once(0)
        .chain(
            characters
                .iter()
                .filter_map(|&c| face.glyph_index(c))
                .map(|g| g.0),
        )
        .collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    let font = ReadScope::new(whole).read::<FontData<'_>>().ok()?;
    let provider = font.table_provider(0).ok()?;
    allsorts::subset::subset(
        &provider,
        &glyphs,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .ok()
}

/// Characters drawn with the help of the font's shaping tables: combining marks, joining and
/// Indic scripts, joiners and presentation forms.
fn needs_shaping(c: char) -> bool {
    matches!(u32::from(c),
        0x0300..=0x036F // combining diacritical marks
        | 0x0483..=0x0489 // Cyrillic combining marks
        | 0x0591..=0x05C7 // Hebrew points
        | 0x0600..=0x08FF // Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic
        | 0x0900..=0x0DFF // Indic scripts
        | 0x0E00..=0x0FFF // Thai, Lao, Tibetan
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x1AB0..=0x1AFF // combining marks extended
        | 0x1DC0..=0x1DFF // combining marks supplement
        | 0x200C..=0x200D // zero-width (non-)joiner
        | 0x20D0..=0x20FF // combining marks for symbols
        | 0xFB1D..=0xFDFF // Hebrew and Arabic presentation forms
        | 0xFE20..=0xFE2F // combining half marks
        | 0xFE70..=0xFEFF // Arabic presentation forms B
    )
}

/// Base64 for embedding fonts in data URLs.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
