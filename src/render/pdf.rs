//! Page plan → PDF with krilla: the Scene's boxes, connectors and text drawn as they were laid
//! out, text as real selectable text in the bundled font (embedded as a subset), a title block and
//! page numbers on every page, "continued" notes where a branch runs over, and a bookmark per key
//! area.

use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point, Transform};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use super::pages::{FOOTER, PagePlan, PlannedPage};
use crate::layout::{BOLD_TTF, FontWeight, REGULAR_TTF, Rect, Scene, TextLine};
use crate::model::{FunctionalMap, Rgb};

struct PdfFonts {
    regular: Font,
    bold: Font,
}

impl PdfFonts {
    fn get(&self, weight: FontWeight) -> Font {
        match weight {
            FontWeight::Regular => self.regular.clone(),
            FontWeight::Bold => self.bold.clone(),
        }
    }
}

/// The PDF bytes of a page plan.
pub fn pdf(map: &FunctionalMap, plan: &PagePlan, date: &str) -> Result<Vec<u8>, String> {
    let fonts = PdfFonts {
        regular: Font::new(REGULAR_TTF.into(), 0).ok_or("the bundled font could not be loaded")?,
        bold: Font::new(BOLD_TTF.into(), 0).ok_or("the bundled bold font could not be loaded")?,
    };
    let mut document = Document::new();
    let mut outline = Outline::new();
    let total = plan.pages.len();
    for (index, page_plan) in plan.pages.iter().enumerate() {
        let settings =
            PageSettings::from_wh(plan.width, plan.height).ok_or("the page size is not valid")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        title_block(&mut surface, &fonts, map, plan, page_plan, date);
        if let Some(scene) = plan.scenes.get(page_plan.scene) {
            draw_region(&mut surface, &fonts, scene, page_plan, &plan.content_area());
        }
        footer(&mut surface, &fonts, plan, page_plan, index + 1, total);
        surface.finish();
        page.finish();
        if let Some(title) = &page_plan.bookmark {
            outline.push_child(OutlineNode::new(
                title.clone(),
                XyzDestination::new(index, Point::from_xy(0.0, 0.0)),
            ));
        }
    }
    document.set_outline(outline);
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

fn colour(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Rgb) -> Option<Fill> {
    Some(Fill {
        paint: colour(c).into(),
        ..Fill::default()
    })
}

fn stroke(c: Rgb, width: f32) -> Option<Stroke> {
    Some(Stroke {
        paint: colour(c).into(),
        width,
        ..Stroke::default()
    })
}

/// Draws one line of text at its baseline origin.
fn text(surface: &mut Surface<'_>, fonts: &PdfFonts, line: &TextLine) {
    if line.text.is_empty() {
        return;
    }
    surface.set_stroke(None);
    surface.set_fill(fill(line.colour));
    let origin = Point::from_xy(line.origin.x, line.origin.y);
    surface.draw_text(
        origin,
        fonts.get(line.weight),
        line.size,
        &line.text,
        false,
        TextDirection::Auto,
    );
}

/// A line of page furniture (title block, footer) at a baseline position.
fn label(
    x: f32,
    baseline: f32,
    size: f32,
    weight: FontWeight,
    colour: Rgb,
    words: String,
) -> TextLine {
    let measure = crate::layout::Fonts::bundled();
    let width = measure.measure(&words, size, weight);
    let top = baseline - measure.ascent(size, weight);
    TextLine {
        text: words,
        origin: crate::layout::Point { x, y: baseline },
        rect: Rect {
            x,
            y: top,
            width,
            height: measure.line_height(size, weight),
        },
        size,
        weight,
        colour,
    }
}

fn rect_path(r: &Rect, radius: f32) -> Option<Path> {
    let mut pb = PathBuilder::new();
    let k = radius.min(r.width / 2.0).min(r.height / 2.0).max(0.0);
    // Bézier control distance for a quarter circle.
    let c = k * 0.552_284_8;
    let (l, t, rt, b) = (r.x, r.y, r.right(), r.bottom());
    pb.move_to(l + k, t);
    pb.line_to(rt - k, t);
    pb.cubic_to(rt - k + c, t, rt, t + k - c, rt, t + k);
    pb.line_to(rt, b - k);
    pb.cubic_to(rt, b - k + c, rt - k + c, b, rt - k, b);
    pb.line_to(l + k, b);
    pb.cubic_to(l + k - c, b, l, b - k + c, l, b - k);
    pb.line_to(l, t + k);
    pb.cubic_to(l, t + k - c, l + k - c, t, l + k, t);
    pb.close();
    pb.finish()
}

/// Draws the slice `page.region` of a scene into the content area.
fn draw_region(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    scene: &Scene,
    page: &PlannedPage,
    area: &Rect,
) {
    let s = page.scale;
    // Centre the slice across the page, and start it at the top.
    let used_width = page.region.width * s;
    let offset_x = area.x + ((area.width - used_width) / 2.0).max(0.0);
    let transform = Transform::from_row(
        s,
        0.0,
        0.0,
        s,
        offset_x - page.region.x * s,
        area.y - page.region.y * s,
    );
    if let Some(clip) = rect_path(
        &Rect {
            x: area.x,
            y: area.y - 1.0,
            width: area.width,
            height: area.height + 2.0,
        },
        0.0,
    ) {
        surface.push_clip_path(&clip, &FillRule::NonZero);
    }
    surface.push_transform(&transform);
    for connector in scene.connectors_crossing(&page.region) {
        let mut pb = PathBuilder::new();
        let mut points = connector.points.iter();
        if let Some(first) = points.next() {
            pb.move_to(first.x, first.y);
            for point in points {
                pb.line_to(point.x, point.y);
            }
        }
        if let Some(path) = pb.finish() {
            surface.set_fill(None);
            surface.set_stroke(stroke(connector.colour, 1.2));
            surface.draw_path(&path);
        }
    }
    for scene_box in scene.boxes.iter().filter(|b| b.rect.overlaps(&page.region)) {
        if let Some(path) = rect_path(&scene_box.rect, scene_box.corner_radius) {
            surface.set_fill(fill(scene_box.fill));
            surface.set_stroke(stroke(scene_box.stroke, scene_box.stroke_width));
            surface.draw_path(&path);
        }
        for badge in &scene_box.badges {
            if let Some(path) = rect_path(&badge.rect, 3.0) {
                surface.set_stroke(None);
                surface.set_fill(fill(badge.fill));
                surface.draw_path(&path);
            }
            text(surface, fonts, &badge.label);
        }
        for line in &scene_box.lines {
            text(surface, fonts, line);
        }
    }
    surface.pop();
    surface.pop();
}

fn title_block(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    map: &FunctionalMap,
    plan: &PagePlan,
    page: &PlannedPage,
    date: &str,
) {
    let ink = Rgb(0x1d, 0x23, 0x2b);
    let grey = Rgb(0x55, 0x60, 0x6c);
    let (left, top) = (plan.margin, plan.margin);
    let title = map.display_title();
    text(
        surface,
        fonts,
        &label(left, top + 11.0, 11.0, FontWeight::Bold, ink, title),
    );
    let mut details = Vec::new();
    if !map.meta().version.is_empty() {
        details.push(format!("Version {}", map.meta().version));
    }
    if !date.is_empty() {
        details.push(date.to_string());
    }
    let heading = format!("{} — {}", page.heading, details.join(" · "));
    text(
        surface,
        fonts,
        &label(left, top + 23.0, 8.0, FontWeight::Regular, grey, heading),
    );
    let mut pb = PathBuilder::new();
    pb.move_to(left, top + 28.0);
    pb.line_to(plan.width - plan.margin, top + 28.0);
    if let Some(rule) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(stroke(Rgb(0x9a, 0xa5, 0xb1), 0.5));
        surface.draw_path(&rule);
    }
}

fn footer(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    plan: &PagePlan,
    page: &PlannedPage,
    number: usize,
    total: usize,
) {
    let grey = Rgb(0x55, 0x60, 0x6c);
    let y = plan.height - plan.margin - FOOTER / 2.0 + 4.0;
    let mut notes = Vec::new();
    if let Some(from) = page.continued_from {
        notes.push(format!("continued from page {from}"));
    }
    if let Some(on) = page.continues_on {
        notes.push(format!("continued on page {on}"));
    }
    text(
        surface,
        fonts,
        &label(
            plan.margin,
            y,
            8.0,
            FontWeight::Regular,
            grey,
            notes.join(" · "),
        ),
    );
    let mut page_number = label(
        0.0,
        y,
        8.0,
        FontWeight::Regular,
        grey,
        format!("Page {number} of {total}"),
    );
    page_number.origin.x = plan.width - plan.margin - page_number.rect.width;
    text(surface, fonts, &page_number);
}
