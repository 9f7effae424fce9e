//! The workshop report as a PDF: A4 portrait with 2 cm margins, in the bundled DejaVu Sans
//! (embedded as a subset, so the text is real, selectable text), headings in bold, sentences,
//! list items and the votes table wrapped with the layout's own measurements, a new page when
//! one is full (a table's header repeated on it), and "Workshop decisions — <map>, page N" at
//! the foot of every page. The document is tagged: the title, sections and kinds of change are
//! headings, everything else paragraphs, bullets and footers artifacts, so a screen reader reads
//! it in order.
//!
//! The pages are planned first (every line's words, place and size) and drawn afterwards: a
//! krilla page borrows the document while it is drawn, so planning as we go would tie the plan
//! to that borrow.

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{ContentTag, SpanTag, Tag, TagGroup, TagTree};
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};

use super::super::pdf::{PdfFonts, artifact};
use super::{Block, Vote, WorkshopReport};
use crate::layout::{FontWeight, Fonts};

/// A4 portrait, in points.
const PAGE_WIDTH: f32 = 595.276;
const PAGE_HEIGHT: f32 = 841.89;
/// 2 cm all round.
const MARGIN: f32 = 56.693;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// The lowest a line of the report may reach; the footer is in the margin below.
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
/// The footer's baseline: 1 cm above the page's edge, as the Word document's footer.
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - MARGIN / 2.0;

const TITLE_SIZE: f32 = 18.0;
const SECTION_SIZE: f32 = 13.0;
const GROUP_SIZE: f32 = 11.0;
const BODY_SIZE: f32 = 10.5;
const FOOTER_SIZE: f32 = 8.0;

/// Where a list item's words start, right of its bullet.
const BULLET_INDENT: f32 = 14.0;
/// The width of each count column of the votes table.
const COUNT_WIDTH: f32 = 64.0;

const INK: (u8, u8, u8) = (0x1d, 0x23, 0x2b);
/// The lightest grey with 4.5:1 contrast on white (WCAG AA).
const GREY: (u8, u8, u8) = (0x55, 0x60, 0x6c);
const RULE: (u8, u8, u8) = (0x9a, 0xa5, 0xb1);

/// What a group of lines is in the tag tree.
#[derive(Clone, Debug)]
enum Role {
    /// A heading of this level (1: the title), with its words.
    Heading(u16, String),
    Paragraph,
}

/// A line of text where it goes on its page.
#[derive(Clone, Debug)]
struct PlacedLine {
    text: String,
    x: f32,
    baseline: f32,
    size: f32,
    weight: FontWeight,
    colour: (u8, u8, u8),
    /// The tag group it belongs to; `None`: furniture (a bullet), drawn as an artifact.
    group: Option<usize>,
}

/// A thin horizontal line: from x, to x, at y.
#[derive(Clone, Copy, Debug)]
struct Rule {
    from: f32,
    to: f32,
    y: f32,
}

#[derive(Clone, Debug, Default)]
struct PlannedPage {
    lines: Vec<PlacedLine>,
    rules: Vec<Rule>,
}

impl PlannedPage {
    fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.rules.is_empty()
    }
}

/// Lays the report out page by page: `y` is the top of the next line on the last page.
struct Planner {
    pages: Vec<PlannedPage>,
    y: f32,
    roles: Vec<Role>,
}

impl Planner {
    fn new() -> Self {
        Self {
            pages: vec![PlannedPage::default()],
            y: MARGIN,
            roles: Vec::new(),
        }
    }

    fn page(&mut self) -> &mut PlannedPage {
        if self.pages.is_empty() {
            self.pages.push(PlannedPage::default());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn page_is_empty(&self) -> bool {
        self.pages.last().is_none_or(PlannedPage::is_empty)
    }

    fn new_page(&mut self) {
        self.pages.push(PlannedPage::default());
        self.y = MARGIN;
    }

    /// A new page unless `height` more fits on this one; a fresh page takes whatever comes, so
    /// nothing taller than a page makes pages without end.
    fn room_for(&mut self, height: f32) -> bool {
        if self.y + height > BOTTOM && !self.page_is_empty() {
            self.new_page();
            return true;
        }
        false
    }

    /// Space between blocks; none at the top of a page.
    fn gap(&mut self, space: f32) {
        if !self.page_is_empty() {
            self.y += space;
        }
    }

    fn group(&mut self, role: Role) -> usize {
        self.roles.push(role);
        self.roles.len() - 1
    }

    /// One line at `x` on the current line, without moving down.
    fn place(&mut self, text: String, x: f32, style: Style, group: Option<usize>) {
        let baseline = self.y + Fonts::bundled().ascent(style.size, style.weight);
        self.page().lines.push(PlacedLine {
            text,
            x,
            baseline,
            size: style.size,
            weight: style.weight,
            colour: style.colour,
            group,
        });
    }

    /// Lines one under another from `x`, each on the page where it fits.
    fn lines(&mut self, lines: Vec<String>, x: f32, style: Style, group: Option<usize>) {
        let height = style.line_height();
        for text in lines {
            self.room_for(height);
            self.place(text, x, style, group);
            self.y += height;
        }
    }

    fn rule(&mut self, from: f32, to: f32) {
        let y = self.y;
        self.page().rules.push(Rule { from, to, y });
    }
}

/// Size, weight and colour of a run of lines.
#[derive(Clone, Copy, Debug)]
struct Style {
    size: f32,
    weight: FontWeight,
    colour: (u8, u8, u8),
}

impl Style {
    const fn new(size: f32, weight: FontWeight, colour: (u8, u8, u8)) -> Self {
        Self {
            size,
            weight,
            colour,
        }
    }

    fn line_height(self) -> f32 {
        Fonts::bundled().line_height(self.size, self.weight)
    }

    fn wrap(self, text: &str, width: f32) -> Vec<String> {
        Fonts::bundled().wrap(text, self.size, self.weight, width)
    }

    fn measure(self, text: &str) -> f32 {
        Fonts::bundled().measure(text, self.size, self.weight)
    }
}

const BODY: Style = Style::new(BODY_SIZE, FontWeight::Regular, INK);
const BODY_BOLD: Style = Style::new(BODY_SIZE, FontWeight::Bold, INK);
const NOTE: Style = Style::new(BODY_SIZE, FontWeight::Regular, GREY);
const FOOTER: Style = Style::new(FOOTER_SIZE, FontWeight::Regular, GREY);

/// Every page of the report, planned.
fn plan(report: &WorkshopReport) -> Planner {
    let mut planner = Planner::new();
    for block in report.blocks() {
        match &block {
            Block::Title(text) => {
                let style = Style::new(TITLE_SIZE, FontWeight::Bold, INK);
                let group = planner.group(Role::Heading(1, text.clone()));
                planner.lines(style.wrap(text, TEXT_WIDTH), MARGIN, style, Some(group));
                planner.y += 4.0;
                planner.rule(MARGIN, MARGIN + TEXT_WIDTH);
                planner.y += 10.0;
            }
            Block::Fact(name, value) => fact(&mut planner, name, value),
            Block::Heading(level, text) => {
                let (size, before) = if *level <= 2 {
                    (SECTION_SIZE, 14.0)
                } else {
                    (GROUP_SIZE, 8.0)
                };
                let style = Style::new(size, FontWeight::Bold, INK);
                let lines = style.wrap(text, TEXT_WIDTH);
                planner.gap(before);
                // Kept with the first two lines of what follows it.
                let height = lines.len() as f32 * style.line_height() + 4.0;
                planner.room_for(height + 2.0 * BODY.line_height());
                let level = u16::try_from(*level).unwrap_or(6).clamp(2, 6);
                let group = planner.group(Role::Heading(level, text.clone()));
                planner.lines(lines, MARGIN, style, Some(group));
                planner.y += 4.0;
            }
            Block::Paragraph(text) => {
                let group = planner.group(Role::Paragraph);
                planner.lines(NOTE.wrap(text, TEXT_WIDTH), MARGIN, NOTE, Some(group));
                planner.y += 4.0;
            }
            Block::Bullets(items) => {
                for item in items {
                    bullet(&mut planner, item);
                    planner.y += 2.0;
                }
                planner.y += 4.0;
            }
            Block::Votes(votes) => votes_table(&mut planner, votes),
        }
    }
    planner
}

/// "Facilitator: Asha Patel": the label in bold, the value wrapped to its right.
fn fact(planner: &mut Planner, name: &str, value: &str) {
    let label = format!("{name}: ");
    let label_width = BODY_BOLD.measure(&label).min(TEXT_WIDTH / 2.0);
    let group = planner.group(Role::Paragraph);
    planner.room_for(BODY.line_height());
    planner.place(label, MARGIN, BODY_BOLD, Some(group));
    // The value's first line shares the label's line: `lines` finds it room, as the label did.
    planner.lines(
        BODY.wrap(value, TEXT_WIDTH - label_width),
        MARGIN + label_width,
        BODY,
        Some(group),
    );
    planner.y += 2.0;
}

/// A list item: a bullet, then its words wrapped beside it.
fn bullet(planner: &mut Planner, item: &str) {
    let group = planner.group(Role::Paragraph);
    planner.room_for(BODY.line_height());
    planner.place("•".to_string(), MARGIN + 3.0, BODY, None);
    planner.lines(
        BODY.wrap(item, TEXT_WIDTH - BULLET_INDENT),
        MARGIN + BULLET_INDENT,
        BODY,
        Some(group),
    );
}

/// The right edges of the votes table's count columns, and the width of its box column.
const TABLE_RIGHT: f32 = MARGIN + TEXT_WIDTH;
const FOR_RIGHT: f32 = TABLE_RIGHT - COUNT_WIDTH;
const BOX_WIDTH: f32 = TEXT_WIDTH - 2.0 * COUNT_WIDTH - 8.0;
/// Space between a table's rows, their rule in the middle.
const ROW_GAP: f32 = 3.0;

/// Box, for, against: the counts right-aligned in their columns, a row never split between
/// pages, the header again at the top of a new page.
fn votes_table(planner: &mut Planner, votes: &[Vote]) {
    table_header(planner, true);
    for vote in votes {
        let lines = BODY.wrap(&vote.label, BOX_WIDTH);
        let height = lines.len() as f32 * BODY.line_height() + ROW_GAP;
        if planner.room_for(height) {
            table_header(planner, false);
        }
        let group = planner.group(Role::Paragraph);
        // The box first, so a row reads "box, for, against"; the counts then go back up to its
        // first line (on the page the row was found room on; a box taller than a page has them
        // at the top of its last page).
        let (top, page) = (planner.y, planner.pages.len());
        planner.lines(lines, MARGIN, BODY, Some(group));
        let below = planner.y;
        planner.y = if planner.pages.len() == page {
            top
        } else {
            MARGIN
        };
        for (count, column_right) in [
            (vote.votes_for, FOR_RIGHT),
            (vote.votes_against, TABLE_RIGHT),
        ] {
            let words = count.to_string();
            let x = column_right - BODY.measure(&words);
            planner.place(words, x, BODY, Some(group));
        }
        planner.y = below;
        planner.y += ROW_GAP / 2.0;
        planner.rule(MARGIN, TABLE_RIGHT);
        planner.y += ROW_GAP / 2.0;
    }
    planner.y += 6.0;
}

/// "Box  For  Against" in bold, kept with the first row, and a rule under it. Repeated at the
/// top of a page it is furniture, not read again.
fn table_header(planner: &mut Planner, first: bool) {
    let group = if first {
        Some(planner.group(Role::Paragraph))
    } else {
        None
    };
    planner.room_for(BODY_BOLD.line_height() * 2.0 + ROW_GAP);
    planner.place("Box".to_string(), MARGIN, BODY_BOLD, group);
    for (words, column_right) in [("For", FOR_RIGHT), ("Against", TABLE_RIGHT)] {
        let x = column_right - BODY_BOLD.measure(words);
        planner.place(words.to_string(), x, BODY_BOLD, group);
    }
    planner.y += BODY_BOLD.line_height() + ROW_GAP / 2.0;
    planner.rule(MARGIN, TABLE_RIGHT);
    planner.y += ROW_GAP / 2.0;
}

/// The report as PDF bytes.
pub fn to_pdf(report: &WorkshopReport) -> Result<Vec<u8>, String> {
    let fonts = PdfFonts::bundled()?;
    let planned = plan(report);
    let mut groups: Vec<TagGroup> = planned
        .roles
        .iter()
        .map(|role| match role {
            Role::Heading(level, words) => TagGroup::new(Tag::Hn(
                NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
                Some(words.clone()),
            )),
            Role::Paragraph => TagGroup::new(Tag::P),
        })
        .collect();
    let mut document = Document::new_with(SerializeSettings {
        enable_tagging: true,
        ..SerializeSettings::default()
    });
    document.set_metadata(metadata(report));
    let title = report.title();
    for (index, planned_page) in planned.pages.iter().enumerate() {
        let settings =
            PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("the page size is not valid")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for line in &planned_page.lines {
            match line.group {
                Some(group) if !line.text.is_empty() => {
                    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                    draw_line(&mut surface, &fonts, line);
                    surface.end_tagged();
                    if let Some(tag_group) = groups.get_mut(group) {
                        tag_group.push(id);
                    }
                }
                _ => artifact(&mut surface, |surface| draw_line(surface, &fonts, line)),
            }
        }
        artifact(&mut surface, |surface| {
            for rule in &planned_page.rules {
                draw_rule(surface, rule);
            }
            draw_line(surface, &fonts, &footer(&title, index + 1));
        });
        surface.finish();
        page.finish();
    }
    let mut tree = TagTree::new().with_lang(Some("en-GB".into()));
    for group in groups {
        tree.push(group);
    }
    document.set_tag_tree(tree);
    document
        .finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// Title, description, language, creator and, when the report says, the day it was written.
fn metadata(report: &WorkshopReport) -> Metadata {
    let mut metadata = Metadata::new()
        .title(report.title())
        .description(format!(
            "Decisions of the workshop session of {} on the functional map {}",
            report.session_title, report.map_title
        ))
        .language("en-GB".into())
        .creator("nosmap".into());
    if let Some(day) = report.written {
        metadata =
            metadata.creation_date(DateTime::new(day.year()).month(day.month()).day(day.day()));
    }
    metadata
}

/// "Workshop decisions — <map>, page N" at the foot of the page; a title too long for the line
/// is shortened with an ellipsis, the page number always kept.
fn footer(title: &str, number: usize) -> PlacedLine {
    let page = format!(", page {number}");
    let room = TEXT_WIDTH - FOOTER.measure(&page);
    let text = format!("{}{page}", shortened(title, room, FOOTER));
    PlacedLine {
        text,
        x: MARGIN,
        baseline: FOOTER_BASELINE,
        size: FOOTER.size,
        weight: FOOTER.weight,
        colour: FOOTER.colour,
        group: None,
    }
}

/// `text`, or as much of it as fits `width` with an ellipsis.
fn shortened(text: &str, width: f32, style: Style) -> String {
    if style.measure(text) <= width {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate = format!("{}…", chars.iter().collect::<String>().trim_end());
        if style.measure(&candidate) <= width {
            return candidate;
        }
    }
    String::new()
}

/// Draws what `draw` draws as an artifact: page furniture, not text to read.
fn colour((r, g, b): (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(r, g, b)
}

fn draw_line(surface: &mut Surface<'_>, fonts: &PdfFonts, line: &PlacedLine) {
    if line.text.is_empty() {
        return;
    }
    surface.set_stroke(None);
    surface.set_fill(Some(Fill {
        paint: colour(line.colour).into(),
        ..Fill::default()
    }));
    surface.draw_text(
        Point::from_xy(line.x, line.baseline),
        fonts.get(line.weight),
        line.size,
        &line.text,
        false,
        TextDirection::Auto,
    );
}

fn draw_rule(surface: &mut Surface<'_>, rule: &Rule) {
    let mut builder = PathBuilder::new();
    builder.move_to(rule.from, rule.y);
    builder.line_to(rule.to, rule.y);
    if let Some(path) = builder.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: colour(RULE).into(),
            width: 0.5,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report_with_ideas(count: usize) -> WorkshopReport {
        WorkshopReport {
            map_title: "Small".into(),
            session_title: "4 December 2026".into(),
            date: None,
            facilitator: "Asha Patel".into(),
            attendees: Vec::new(),
            agreed: Vec::new(),
            to_discuss: Vec::new(),
            votes: Vec::new(),
            changes: Vec::new(),
            ideas: (0..count)
                .map(|n| super::super::IdeaEntry {
                    text: format!(
                        "Idea {n}: {}",
                        "enough words to wrap onto a second line ".repeat(3)
                    ),
                    placed_as: None,
                })
                .collect(),
            written: None,
        }
    }

    #[test]
    fn every_line_stays_between_the_margins_and_a_full_page_starts_another() {
        let planned = plan(&report_with_ideas(200));
        assert!(planned.pages.len() > 1, "200 ideas need more than a page");
        for page in &planned.pages {
            for line in &page.lines {
                assert!(line.baseline <= BOTTOM, "{} below the margin", line.text);
                assert!(line.baseline >= MARGIN, "{} above the margin", line.text);
                let width = Fonts::bundled().measure(&line.text, line.size, line.weight);
                assert!(
                    line.x + width <= MARGIN + TEXT_WIDTH + 0.01,
                    "{} too wide",
                    line.text
                );
            }
        }
    }

    #[test]
    fn a_long_title_is_shortened_in_the_footer_but_keeps_the_page_number() {
        let line = footer(&"Very long map title ".repeat(20), 12);
        assert!(line.text.ends_with("…, page 12"), "{}", line.text);
        assert!(FOOTER.measure(&line.text) <= TEXT_WIDTH);
    }
}
