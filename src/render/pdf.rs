//! Page plan → PDF with krilla: the Scene's boxes, connectors and text drawn as they were laid
//! out, text as real selectable text in the bundled font (embedded as a subset), a title block and
//! page numbers on every page, "continued" notes that link to the neighbouring page, a nested
//! outline (key areas › functions or suites), document metadata, and posters tiled onto sheets
//! with crop marks.

use std::num::NonZeroU16;

use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::configure::{Accessibility, Configuration, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{Path, PathBuilder, Point, Transform};
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};

use super::pages::{
    FOOTER, GHOST_STRIP, LEGEND_STRIP, LegendSample, PagePlan, Piece, PlannedPage, SheetTile,
    Sheets,
};
use crate::layout::{BOLD_TTF, BoxKind, FontWeight, Fonts, REGULAR_TTF, Rect, Scene, TextLine};
use crate::model::{FunctionalMap, Rgb};

/// The bundled fonts as krilla draws them (the map's PDF and the workshop report's).
pub(super) struct PdfFonts {
    regular: Font,
    bold: Font,
}

impl PdfFonts {
    pub(super) fn bundled() -> Result<Self, String> {
        Ok(Self {
            regular: Font::new(REGULAR_TTF.into(), 0)
                .ok_or("the bundled font could not be loaded")?,
            bold: Font::new(BOLD_TTF.into(), 0)
                .ok_or("the bundled bold font could not be loaded")?,
        })
    }

    pub(super) fn get(&self, weight: FontWeight) -> Font {
        match weight {
            FontWeight::Regular => self.regular.clone(),
            FontWeight::Bold => self.bold.clone(),
        }
    }
}

/// A box's text as a tag group, keyed by (scene, box) so the tag tree can follow the outline.
type ReadingGroup = ((usize, usize), TagGroup);

/// A link to draw once the page's drawing is finished: its rectangle and the page it goes to.
struct PageLink {
    rect: Rect,
    to_page: usize,
}

/// The PDF bytes of a page plan.
pub fn pdf(map: &FunctionalMap, plan: &PagePlan, date: &str) -> Result<Vec<u8>, String> {
    let fonts = PdfFonts::bundled()?;
    // Tagged (reading order follows the outline) unless it is a poster, whose sheets repeat
    // the drawing's edges.
    let tagged = plan.sheets.is_none();
    let configuration = if tagged {
        // PDF/UA-1: krilla checks what it can of it while writing and refuses a document
        // that breaks it.
        ConfigurationBuilder::new()
            .with_accessibility_validator(Accessibility::UA1)
            .finish()
            .map_err(|e| format!("the PDF settings are not valid: {e:?}"))?
    } else {
        Configuration::default()
    };
    let mut document = Document::new_with(SerializeSettings {
        enable_tagging: tagged,
        configuration,
        ..SerializeSettings::default()
    });
    document.set_metadata(metadata(map));
    let mut tree = TagTree::new().with_lang(Some("en-GB".into()));
    let mut reading: Vec<ReadingGroup> = Vec::new();
    let mut link_groups: Vec<TagGroup> = Vec::new();
    let total = plan.pages.len();
    match &plan.sheets {
        None => {
            for (index, page_plan) in plan.pages.iter().enumerate() {
                let settings = PageSettings::from_wh(plan.width, plan.height)
                    .ok_or("the page size is not valid")?;
                let mut page = document.start_page_with(settings);
                let mut surface = page.surface();
                let (links, groups) = draw_page(
                    &mut surface,
                    &fonts,
                    map,
                    plan,
                    page_plan,
                    date,
                    index,
                    total,
                );
                surface.finish();
                reading.extend(groups);
                for link in links {
                    if let Some(annotation) = link_annotation(&link, plan) {
                        let id = page.add_tagged_annotation(annotation);
                        let mut group = TagGroup::new(Tag::Link);
                        group.push(id);
                        link_groups.push(group);
                    }
                }
                page.finish();
            }
            document.set_outline(outline(plan, |page| page));
            // The outline's order (scene by scene, box by box), whatever page a box fell on;
            // the continuation links last.
            reading.sort_by_key(|(key, _)| *key);
            for (_, group) in reading {
                tree.push(group);
            }
            for group in link_groups {
                tree.push(group);
            }
            document.set_tag_tree(tree);
        }
        Some(sheets) => {
            for (index, page_plan) in plan.pages.iter().enumerate() {
                for tile in &sheets.tiles {
                    let settings = PageSettings::from_wh(sheets.width, sheets.height)
                        .ok_or("the sheet size is not valid")?;
                    let mut page = document.start_page_with(settings);
                    let mut surface = page.surface();
                    draw_sheet(
                        &mut surface,
                        &fonts,
                        map,
                        plan,
                        (page_plan, index, total),
                        sheets,
                        tile,
                        date,
                    );
                    surface.finish();
                    page.finish();
                }
            }
            let per_page = sheets.tiles.len();
            document.set_outline(outline(plan, |page| page * per_page));
        }
    }
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// Title, subject and authors from the map; British English.
fn metadata(map: &FunctionalMap) -> Metadata {
    let meta = map.meta();
    let mut metadata = Metadata::new()
        .title(map.display_title())
        .language("en-GB".into())
        .creator("nosmap".into());
    let purpose = map
        .node(map.root())
        .map(|n| n.title().to_string())
        .unwrap_or_default();
    if !purpose.trim().is_empty() {
        metadata = metadata.description(format!("Functional map. Key purpose: {purpose}"));
    }
    let mut authors = meta.authors.clone();
    if authors.is_empty() && !meta.developed_by.trim().is_empty() {
        authors.push(meta.developed_by.clone());
    }
    if !authors.is_empty() {
        metadata = metadata.authors(authors);
    }
    let keywords: Vec<String> = [&meta.sector, &meta.suite]
        .into_iter()
        .filter(|k| !k.trim().is_empty())
        .cloned()
        .collect();
    if !keywords.is_empty() {
        metadata = metadata.keywords(keywords);
    }
    metadata
}

/// The nested outline: level-0 entries, each with the level-1 entries after it as children.
/// `pdf_page` maps a plan page to the PDF page it starts on.
fn outline(plan: &PagePlan, pdf_page: impl Fn(usize) -> usize) -> Outline {
    let mut outline = Outline::new();
    let mut open: Option<OutlineNode> = None;
    for (index, page) in plan.pages.iter().enumerate() {
        for bookmark in &page.bookmarks {
            let destination = XyzDestination::new(
                pdf_page(index),
                Point::from_xy(bookmark.at.x, bookmark.at.y),
            );
            let node = OutlineNode::new(bookmark.title.clone(), destination);
            match (bookmark.level, open.as_mut()) {
                (0, _) | (_, None) => {
                    if let Some(done) = open.replace(node) {
                        outline.push_child(done);
                    }
                }
                (_, Some(parent)) => parent.push_child(node),
            }
        }
    }
    if let Some(done) = open {
        outline.push_child(done);
    }
    outline
}

fn link_annotation(link: &PageLink, plan: &PagePlan) -> Option<Annotation> {
    let rect = krilla::geom::Rect::from_xywh(
        link.rect.x,
        link.rect.y,
        link.rect.width.max(1.0),
        link.rect.height.max(1.0),
    )?;
    let destination = XyzDestination::new(link.to_page, Point::from_xy(0.0, plan.margin));
    Some(Annotation::new_link(
        LinkAnnotation::new(rect, Target::Destination(destination.into())),
        Some(format!("Go to page {}", link.to_page + 1)),
    ))
}

/// Everything on one page: title block, the pieces, a ghost parent, the footer. Returns the
/// links the footer's continuation notes make, and the page's text in reading order as tag
/// groups (a paragraph per box, a heading per key area and function); the rest is marked as
/// artifacts. Without tagging (posters) the marks do nothing.
#[allow(clippy::too_many_arguments)] // One page's whole context; a struct would only rename it.
fn draw_page(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    map: &FunctionalMap,
    plan: &PagePlan,
    page: &PlannedPage,
    date: &str,
    index: usize,
    total: usize,
) -> (Vec<PageLink>, Vec<ReadingGroup>) {
    artifact(surface, |surface| {
        title_block(surface, fonts, map, plan, page, date);
    });
    let area = plan.content_area();
    if let Some(ghost) = &page.ghost {
        artifact(surface, |surface| {
            ghost_box(surface, fonts, &area, &ghost.text, page.continued_from);
        });
    }
    let mut groups = Vec::new();
    for piece in &page.pieces {
        if let Some(scene) = plan.scenes.get(piece.scene) {
            groups.extend(
                draw_piece(surface, fonts, scene, piece, page.scale)
                    .into_iter()
                    .map(|(b, group)| ((piece.scene, b), group)),
            );
        }
    }
    artifact(surface, |surface| legend_strip(surface, fonts, plan));
    let links = artifact(surface, |surface| {
        footer(surface, fonts, plan, page, index + 1, total)
    });
    (links, groups)
}

/// Draws what `draw` draws as an artifact: page furniture and graphics, not text to read.
pub(super) fn artifact<R>(
    surface: &mut Surface<'_>,
    draw: impl FnOnce(&mut Surface<'_>) -> R,
) -> R {
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::Other,
        None,
    )));
    let result = draw(surface);
    surface.end_tagged();
    result
}

/// Draws one line of text as a tagged span, returning its identifier.
fn span(surface: &mut Surface<'_>, fonts: &PdfFonts, line: &TextLine) -> Option<Identifier> {
    if line.text.is_empty() {
        return None;
    }
    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
    text(surface, fonts, line);
    surface.end_tagged();
    Some(id)
}

/// One sheet of a poster: the poster page moved so this tile fills the sheet's printable area,
/// clipped to it; crop marks and the sheet's place in the margin.
#[allow(clippy::too_many_arguments)] // As `draw_page`, plus the sheet.
fn draw_sheet(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    map: &FunctionalMap,
    plan: &PagePlan,
    (page, index, total): (&PlannedPage, usize, usize),
    sheets: &Sheets,
    tile: &SheetTile,
    date: &str,
) {
    let m = sheets.margin;
    let printable = Rect {
        x: m,
        y: m,
        width: tile.region.width,
        height: tile.region.height,
    };
    if let Some(clip) = rect_path(&printable, 0.0) {
        surface.push_clip_path(&clip, &FillRule::NonZero);
    }
    surface.push_transform(&Transform::from_translate(
        m - tile.region.x,
        m - tile.region.y,
    ));
    draw_page(surface, fonts, map, plan, page, date, index, total);
    surface.pop();
    surface.pop();
    crop_marks(surface, &printable, sheets.overlap);
    let grey = Rgb(0x55, 0x60, 0x6c);
    let note = format!(
        "{} poster on {} · row {} of {}, column {} of {} · sheet {} of {} · the drawing runs {:.0} mm under the next sheet: trim at the marks",
        sheets.drawing.name(),
        sheets.paper.name(),
        tile.row + 1,
        sheets.rows,
        tile.column + 1,
        sheets.columns,
        tile.row * sheets.columns + tile.column + 1,
        sheets.tiles.len(),
        sheets.overlap * 25.4 / 72.0,
    );
    let line = label(
        m,
        sheets.height - m / 2.0 + 2.5,
        6.5,
        FontWeight::Regular,
        grey,
        note,
    );
    text(surface, fonts, &shorten(line, sheets.width - 2.0 * m));
}

/// Corner marks outside the printable area, and ticks where the overlap with the next sheet
/// begins (right and bottom).
fn crop_marks(surface: &mut Surface<'_>, printable: &Rect, overlap: f32) {
    let mut pb = PathBuilder::new();
    let (l, t, r, b) = (
        printable.x,
        printable.y,
        printable.right(),
        printable.bottom(),
    );
    let len = (printable.x - 2.0).clamp(4.0, 18.0);
    for &(x, y) in &[(l, t), (r, t), (l, b), (r, b)] {
        let dx = if x == l { -1.0 } else { 1.0 };
        let dy = if y == t { -1.0 } else { 1.0 };
        pb.move_to(x + dx * 2.0, y);
        pb.line_to(x + dx * (2.0 + len), y);
        pb.move_to(x, y + dy * 2.0);
        pb.line_to(x, y + dy * (2.0 + len));
    }
    // Where the next sheet's drawing begins.
    let (ox, oy) = (r - overlap, b - overlap);
    pb.move_to(ox, t - 2.0);
    pb.line_to(ox, t - 2.0 - len);
    pb.move_to(ox, b + 2.0);
    pb.line_to(ox, b + 2.0 + len);
    pb.move_to(l - 2.0, oy);
    pb.line_to(l - 2.0 - len, oy);
    pb.move_to(r + 2.0, oy);
    pb.line_to(r + 2.0 + len, oy);
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(stroke(Rgb(0, 0, 0), 0.4));
        surface.draw_path(&path);
    }
}

/// The legend under the drawing: each sample, then what it means, left to right while there
/// is room.
fn legend_strip(surface: &mut Surface<'_>, fonts: &PdfFonts, plan: &PagePlan) {
    if plan.legend.is_empty() {
        return;
    }
    let area = plan.content_area();
    let ink = Rgb(0x1d, 0x23, 0x2b);
    let white = Rgb(0xff, 0xff, 0xff);
    let baseline = area.bottom() + LEGEND_STRIP / 2.0 + 3.0;
    let right = area.right();
    let mut x = area.x;
    let first = label(x, baseline, 7.0, FontWeight::Bold, ink, "Legend:".into());
    x = first.rect.right() + 8.0;
    text(surface, fonts, &first);
    for item in &plan.legend {
        let meaning = label(
            0.0,
            baseline,
            7.0,
            FontWeight::Regular,
            ink,
            item.meaning.clone(),
        );
        let sample_width = match &item.sample {
            LegendSample::Swatch { .. } => 14.0,
            LegendSample::Badge { label: words, .. } | LegendSample::Text(words) => {
                Fonts::bundled().measure(words, 6.5, FontWeight::Bold) + 6.0
            }
        };
        if x + sample_width + 4.0 + meaning.rect.width > right {
            break;
        }
        let sample = Rect {
            x,
            y: baseline - 7.0,
            width: sample_width,
            height: 9.0,
        };
        match &item.sample {
            LegendSample::Swatch { fill: f, stroke: s } => {
                if let Some(path) = rect_path(&sample, 2.0) {
                    surface.set_fill(fill(*f));
                    surface.set_stroke(stroke(*s, 0.8));
                    surface.draw_path(&path);
                }
            }
            LegendSample::Badge {
                fill: f,
                label: words,
            } => {
                if let Some(path) = rect_path(&sample, 2.0) {
                    surface.set_stroke(None);
                    surface.set_fill(fill(*f));
                    surface.draw_path(&path);
                }
                let badge = label(
                    x + 3.0,
                    baseline - 0.5,
                    6.5,
                    FontWeight::Bold,
                    white,
                    words.clone(),
                );
                text(surface, fonts, &badge);
            }
            LegendSample::Text(words) => {
                let grey = Rgb(0x55, 0x60, 0x6c);
                let sample = label(
                    x + 3.0,
                    baseline,
                    6.5,
                    FontWeight::Bold,
                    grey,
                    words.clone(),
                );
                text(surface, fonts, &sample);
            }
        }
        let mut meaning = meaning;
        meaning.origin.x = x + sample_width + 4.0;
        text(surface, fonts, &meaning);
        x = meaning.origin.x + meaning.rect.width + 12.0;
    }
}

/// The parent of a continued page's boxes, repeated at the top as a dashed box.
fn ghost_box(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    area: &Rect,
    words: &str,
    from: Option<usize>,
) {
    let grey = Rgb(0x55, 0x60, 0x6c);
    // The page it continues from first, so shortening a long title never loses it.
    let words = match from {
        Some(page) => format!("Continued from page {page}: {words}"),
        None => words.to_string(),
    };
    let line = shorten(
        label(
            area.x + 8.0,
            area.y + 13.0,
            9.0,
            FontWeight::Bold,
            grey,
            words,
        ),
        area.width - 16.0,
    );
    let frame = Rect {
        x: area.x,
        y: area.y,
        width: line.rect.width + 16.0,
        height: GHOST_STRIP - 6.0,
    };
    if let Some(path) = rect_path(&frame, 4.0) {
        surface.set_fill(fill(Rgb(0xf4, 0xf6, 0xf8)));
        surface.set_stroke(Some(Stroke {
            dash: Some(StrokeDash {
                array: vec![3.0, 2.0],
                offset: 0.0,
            }),
            ..stroke(grey, 0.8).unwrap_or_default()
        }));
        surface.draw_path(&path);
    }
    text(surface, fonts, &line);
}

/// A line shortened with an ellipsis to fit `width`.
fn shorten(mut line: TextLine, width: f32) -> TextLine {
    let fonts = Fonts::bundled();
    if line.rect.width <= width {
        return line;
    }
    let mut words: Vec<char> = line.text.chars().collect();
    while !words.is_empty() {
        words.pop();
        let candidate = format!("{}…", words.iter().collect::<String>().trim_end());
        let measured = fonts.measure(&candidate, line.size, line.weight);
        if measured <= width {
            line.text = candidate;
            line.rect.width = measured;
            return line;
        }
    }
    line.text.clear();
    line.rect.width = 0.0;
    line
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

/// Draws a piece: its region of the scene at `scale`, from `piece.at`, clipped to itself.
/// Returns the text of each box it holds as a tag group, with the box's index.
fn draw_piece(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    scene: &Scene,
    piece: &Piece,
    s: f32,
) -> Vec<(usize, TagGroup)> {
    let region = &piece.region;
    let transform = Transform::from_row(
        s,
        0.0,
        0.0,
        s,
        piece.at.x - region.x * s,
        piece.at.y - region.y * s,
    );
    let clip = Rect {
        x: piece.at.x - 1.0,
        y: piece.at.y - 1.0,
        width: region.width * s + 2.0,
        height: region.height * s + 2.0,
    };
    if let Some(clip) = rect_path(&clip, 0.0) {
        surface.push_clip_path(&clip, &FillRule::NonZero);
    }
    surface.push_transform(&transform);
    let on_piece = |i: usize| scene.boxes.get(i).is_some_and(|b| b.rect.overlaps(region));
    surface.start_tagged(ContentTag::Artifact(Artifact::new(
        ArtifactType::Other,
        None,
    )));
    for connector in scene.connectors_crossing(region) {
        // A tile draws only lines between its own boxes: no stub points at nothing.
        if piece.tiled && !(on_piece(connector.from) && on_piece(connector.to)) {
            continue;
        }
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
    surface.end_tagged();
    let mut groups = Vec::new();
    for (index, scene_box) in scene.boxes.iter().enumerate() {
        if !scene_box.rect.overlaps(region) {
            continue;
        }
        artifact(surface, |surface| {
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
            }
        });
        // A box clipped at a tile's edge is read where it is whole: here it is decoration.
        if !piece.region.contains_rect(&scene_box.rect, 0.5) {
            artifact(surface, |surface| {
                for line in scene_box
                    .lines
                    .iter()
                    .chain(scene_box.badges.iter().map(|b| &b.label))
                {
                    text(surface, fonts, line);
                }
            });
            continue;
        }
        // Key areas and functions are headings; the key purpose and units paragraphs.
        let words: Vec<&str> = scene_box.lines.iter().map(|l| l.text.as_str()).collect();
        let mut group = match scene_box.kind {
            BoxKind::Function { depth } => TagGroup::new(Tag::Hn(
                NonZeroU16::new(u16::try_from(depth + 1).unwrap_or(6).min(6))
                    .unwrap_or(NonZeroU16::MIN),
                Some(words.join(" ")),
            )),
            BoxKind::KeyPurpose | BoxKind::Unit => TagGroup::new(Tag::P),
        };
        for line in scene_box
            .lines
            .iter()
            .chain(scene_box.badges.iter().map(|b| &b.label))
        {
            if let Some(id) = span(surface, fonts, line) {
                group.push(id);
            }
        }
        groups.push((index, group));
    }
    surface.pop();
    surface.pop();
    groups
}

/// The map's title and the page's heading, each shortened to the page's width if need be, and
/// a rule under them.
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
    let width = plan.width - 2.0 * plan.margin;
    let title = map.display_title();
    let title = shorten(
        label(left, top + 11.0, 11.0, FontWeight::Bold, ink, title),
        width,
    );
    text(surface, fonts, &title);
    let mut details = Vec::new();
    if !map.meta().version.is_empty() {
        details.push(format!("Version {}", map.meta().version));
    }
    if !date.is_empty() {
        details.push(date.to_string());
    }
    // The details stay whole; the heading gives way.
    let details = details.join(" · ");
    let details_line = label(0.0, top + 23.0, 8.0, FontWeight::Regular, grey, details);
    let heading_room = (width - details_line.rect.width - 12.0).max(width * 0.4);
    let heading = shorten(
        label(
            left,
            top + 23.0,
            8.0,
            FontWeight::Regular,
            grey,
            page.heading.clone(),
        ),
        heading_room,
    );
    text(surface, fonts, &heading);
    let mut details_line = shorten(details_line, width - heading.rect.width - 12.0);
    details_line.origin.x = plan.width - plan.margin - details_line.rect.width;
    text(surface, fonts, &details_line);
    let mut pb = PathBuilder::new();
    pb.move_to(left, top + 28.0);
    pb.line_to(plan.width - plan.margin, top + 28.0);
    if let Some(rule) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(stroke(Rgb(0x9a, 0xa5, 0xb1), 0.5));
        surface.draw_path(&rule);
    }
}

/// Continuation notes (each a link to its page) on the left, the page number on the right.
fn footer(
    surface: &mut Surface<'_>,
    fonts: &PdfFonts,
    plan: &PagePlan,
    page: &PlannedPage,
    number: usize,
    total: usize,
) -> Vec<PageLink> {
    let grey = Rgb(0x55, 0x60, 0x6c);
    let y = plan.height - plan.margin - FOOTER / 2.0 + 4.0;
    let mut links = Vec::new();
    let mut x = plan.margin;
    let notes = [
        page.continued_from
            .map(|from| (format!("continued from page {from}"), from)),
        page.continues_on
            .map(|on| (format!("continued on page {on}"), on)),
    ];
    for (words, to) in notes.into_iter().flatten() {
        let line = label(x, y, 8.0, FontWeight::Regular, grey, words);
        x = line.rect.right() + 14.0;
        links.push(PageLink {
            rect: line.rect,
            to_page: to - 1,
        });
        text(surface, fonts, &line);
    }
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
    links
}
