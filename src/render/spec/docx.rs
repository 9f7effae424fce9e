//! The specification as a Word document: Word's heading styles (so the navigation pane, the
//! outline and the contents field see the units), a table of contents field that Word fills in
//! with page numbers when the document is opened, each unit in a section of its own — starting a
//! page, with a running header naming its URN and title — its criteria and knowledge numbered P1…,
//! K1… under the published stems with a hanging indent, tables whose columns share the page as
//! their text needs, and links from the contents, the functional map and "Links to other NOS" to
//! the units.

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, Hyperlink, HyperlinkType,
    InstrText, InstrToC, PageNum, Paragraph, Run, Section, Shading, SpecialIndentType, Style,
    StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use super::{Cell, ContentsEntry, Placement, Writer};
use crate::render::word::{
    KEY_GREY, KEY_SIZE, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH, clean, fonts, packed, styles,
    with_text,
};

/// What the document is built of, in order; a section's blocks.
enum Block {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

/// The front matter, then one part per unit: each a section with its own running header.
struct Part {
    header: String,
    blocks: Vec<Block>,
}

pub(super) struct Word {
    title: String,
    parts: Vec<Part>,
    next_bookmark: usize,
}

impl Word {
    pub(super) fn new(title: &str) -> Self {
        Self {
            title: title.to_string(),
            // The front matter's running header is never printed (see `finish`).
            parts: vec![Part {
                header: title.to_string(),
                blocks: Vec::new(),
            }],
            next_bookmark: 1,
        }
    }

    fn push(&mut self, block: Block) {
        if let Some(part) = self.parts.last_mut() {
            part.blocks.push(block);
        }
    }

    fn paragraph_block(&mut self, paragraph: Paragraph) {
        self.push(Block::Paragraph(Box::new(paragraph)));
    }

    /// The document's bytes.
    pub(super) fn finish(self) -> Result<Vec<u8>, String> {
        let mut docx = Docx::new()
            .page_size(PAGE_WIDTH, PAGE_HEIGHT)
            .page_margin(crate::render::word::margins())
            .default_fonts(fonts())
            .default_size(crate::render::word::BODY_SIZE);
        for style in styles().into_iter().chain(spec_styles()) {
            docx = docx.add_style(style);
        }
        let count = self.parts.len();
        for (index, part) in self.parts.into_iter().enumerate() {
            let header = running_header(&part.header);
            let footer = page_footer(&self.title);
            if index + 1 < count {
                // Every part but the last is a section ending in a page break. docx-rs keeps
                // only the header of a section given both, so the front matter (a title page,
                // which needs no running header) carries the footer, and every later section
                // takes it from the one before, as Word's sections do.
                let section = Section::new()
                    .page_size(docx_rs::PageSize::new().size(PAGE_WIDTH, PAGE_HEIGHT))
                    .page_margin(crate::render::word::margins());
                let mut section = if index == 0 {
                    section.footer(footer)
                } else {
                    section.header(header)
                };
                for block in part.blocks {
                    section = match block {
                        Block::Paragraph(p) => section.add_paragraph(*p),
                        Block::Table(t) => section.add_table(*t),
                    };
                }
                docx = docx.add_section(section);
            } else {
                // The last is the body's own section, so no empty page follows it.
                docx = docx.header(header).footer(footer);
                for block in part.blocks {
                    docx = match block {
                        Block::Paragraph(p) => docx.add_paragraph(*p),
                        Block::Table(t) => docx.add_table(*t),
                    };
                }
            }
        }
        packed(docx)
    }
}

fn running_header(text: &str) -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .style("Header")
            .add_run(Run::new().add_text(clean(text))),
    )
}

fn page_footer(title: &str) -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .align(AlignmentType::Right)
            .add_run(Run::new().add_text(format!("{}, page ", clean(title))))
            .add_page_num(PageNum::new()),
    )
}

/// Styles only the specification uses: the running header, the stems, the numbered items and
/// the contents' own heading (kept out of the contents).
fn spec_styles() -> Vec<Style> {
    let spaced = |before: u32, after: u32| docx_rs::LineSpacing::new().before(before).after(after);
    vec![
        Style::new("Header", StyleType::Paragraph)
            .name("header")
            .based_on("Normal")
            .size(KEY_SIZE)
            .color(KEY_GREY)
            .line_spacing(spaced(0, 0)),
        Style::new("NosStem", StyleType::Paragraph)
            .name("NOS stem")
            .based_on("Normal")
            .next("NosItem")
            .italic()
            .line_spacing(spaced(60, 60)),
        Style::new("NosItem", StyleType::Paragraph)
            .name("NOS item")
            .based_on("Normal")
            .indent(Some(680), Some(SpecialIndentType::Hanging(680)), None, None)
            .line_spacing(spaced(0, 80)),
        Style::new("TOCHeading", StyleType::Paragraph)
            .name("TOC Heading")
            .based_on("Normal")
            .next("Normal")
            .bold()
            .size(28)
            .color("1F3864")
            .line_spacing(spaced(240, 120)),
    ]
}

/// Word bookmark names are letters, digits and `_`, up to 40, starting with a letter. Other
/// characters are spelt out (`-` as `_x00002d`, `_` as `__`), so two anchors never share a name
/// ("AB-1" and "AB.1"); a name too long ends in a hash of the whole anchor.
fn bookmark_name(anchor: &str) -> String {
    let mut name = String::from("nos_");
    for c in anchor.chars() {
        match c {
            c if c.is_ascii_alphanumeric() => name.push(c),
            '_' => name.push_str("__"),
            c => name.push_str(&format!("_x{:06x}", u32::from(c))),
        }
    }
    if name.len() > 40 {
        // FNV-1a: small, stable from one build to the next.
        let hash = anchor.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        name.truncate(31);
        name.push_str(&format!("_{hash:08x}"));
    }
    name
}

fn link(text: &str, anchor: &str) -> Hyperlink {
    Hyperlink::new(bookmark_name(anchor), HyperlinkType::Anchor).add_run(
        Run::new()
            .add_text(clean(text))
            .color("1F4E79")
            .underline("single"),
    )
}

fn cell_paragraph(cell: &Cell, style: Option<&str>) -> Paragraph {
    let paragraph = match style {
        Some(style) => Paragraph::new().style(style),
        None => Paragraph::new(),
    };
    match cell {
        Cell::Text(text) => with_text(paragraph, text),
        Cell::Link { text, anchor } => paragraph.add_hyperlink(link(text, anchor)),
    }
}

fn cell_text(cell: &Cell) -> &str {
    match cell {
        Cell::Text(text) | Cell::Link { text, .. } => text,
    }
}

/// Column widths in twips that share the text width as the columns' text needs: every column
/// at least as wide as its longest word (a URN or an outline number never breaks), the rest of
/// the width shared in proportion to each column's longest line (capped, so one long title does
/// not squeeze the others).
fn proportional_widths(header: &[&str], rows: &[Vec<Cell>]) -> Vec<usize> {
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let mut word = vec![1usize; columns];
    let mut line = vec![4usize; columns];
    let mut note = |i: usize, text: &str| {
        for l in text.lines() {
            line[i] = line[i].max(l.chars().count());
            for w in l.split_whitespace() {
                word[i] = word[i].max(w.chars().count());
            }
        }
    };
    for (i, name) in header.iter().enumerate() {
        note(i, name);
    }
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            note(i, cell_text(cell));
        }
    }
    let wants: Vec<usize> = line
        .iter()
        .zip(&word)
        .map(|(&l, &w)| l.min(60).saturating_sub(w.min(30)))
        .collect();
    crate::render::word::column_widths(&word, &wants, TEXT_WIDTH)
}

impl Writer for Word {
    fn heading(&mut self, level: usize, text: &str, anchor: Option<&str>) {
        let style = if anchor == Some(super::CONTENTS) {
            "TOCHeading".to_string()
        } else {
            format!("Heading{}", level.clamp(1, 4))
        };
        let mut paragraph = Paragraph::new().style(&style).keep_next(true);
        if let Some(anchor) = anchor {
            let id = self.next_bookmark;
            self.next_bookmark += 1;
            paragraph = paragraph
                .add_bookmark_start(id, bookmark_name(anchor))
                .add_run(Run::new().add_text(clean(text)))
                .add_bookmark_end(id);
        } else {
            paragraph = paragraph.add_run(Run::new().add_text(clean(text)));
        }
        self.paragraph_block(paragraph);
    }

    fn paragraph(&mut self, text: &str) {
        self.paragraph_block(with_text(Paragraph::new(), text));
    }

    fn statements(&mut self, stem: &str, entries: &[(Option<String>, &str)]) {
        self.paragraph_block(
            Paragraph::new()
                .style("NosStem")
                .keep_next(true)
                .add_run(Run::new().add_text(stem)),
        );
        for (label, text) in entries {
            let paragraph = match label {
                Some(label) => Paragraph::new()
                    .style("NosItem")
                    .add_run(Run::new().add_text(label.as_str()).bold().add_tab())
                    .add_run(Run::new().add_text(clean(text))),
                // A heading among the items, kept with the first item below it.
                None => Paragraph::new()
                    .style("NosStem")
                    .keep_next(true)
                    .add_run(Run::new().add_text(clean(text)).bold()),
            };
            self.paragraph_block(paragraph);
        }
    }

    fn table(&mut self, header: &[&str], rows: &[Vec<Cell>]) {
        // A little space between the text above and the table's top rule.
        self.paragraph_block(Paragraph::new());
        let widths = proportional_widths(header, rows);
        let cell = |width: usize| TableCell::new().width(width, WidthType::Dxa);
        let mut table_rows = Vec::new();
        if header.iter().any(|h| !h.trim().is_empty()) {
            table_rows.push(
                TableRow::new(
                    header
                        .iter()
                        .zip(&widths)
                        .map(|(name, &width)| {
                            cell(width)
                                .shading(Shading::new().fill("D9D9D9"))
                                .add_paragraph(
                                    Paragraph::new().add_run(Run::new().add_text(*name).bold()),
                                )
                        })
                        .collect(),
                )
                .cant_split(),
            );
        }
        for row in rows {
            table_rows.push(
                TableRow::new(
                    widths
                        .iter()
                        .enumerate()
                        .map(|(i, &width)| {
                            let paragraph = row
                                .get(i)
                                .map_or_else(Paragraph::new, |c| cell_paragraph(c, None));
                            cell(width).add_paragraph(paragraph)
                        })
                        .collect(),
                )
                .cant_split(),
            );
        }
        let table = Table::new(table_rows)
            .set_grid(widths)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed);
        self.push(Block::Table(Box::new(table)));
        // Word runs two tables in a row together; a paragraph keeps them apart.
        self.paragraph_block(Paragraph::new());
    }

    /// A table of contents field over the unit headings: its entries are written out (linking
    /// to the units) and marked for updating, so Word adds the page numbers on opening.
    fn contents(&mut self, entries: &[ContentsEntry]) {
        let field = InstrToC::new().heading_styles_range(2, 2).hyperlink();
        let mut first = Paragraph::new().add_run(
            Run::new()
                .add_field_char(FieldCharType::Begin, true)
                .add_instr_text(InstrText::TOC(field))
                .add_field_char(FieldCharType::Separate, false),
        );
        for (index, entry) in entries.iter().enumerate() {
            let words = [&entry.number, &entry.urn, &entry.title]
                .into_iter()
                .filter(|w| !w.is_empty())
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(" ");
            let paragraph = if index == 0 {
                std::mem::take(&mut first)
            } else {
                Paragraph::new()
            };
            self.paragraph_block(paragraph.add_hyperlink(link(&words, &entry.anchor)));
        }
        let end = Paragraph::new().add_run(Run::new().add_field_char(FieldCharType::End, false));
        if entries.is_empty() {
            self.paragraph_block(first);
        }
        self.paragraph_block(end);
    }

    fn placements(&mut self, placements: &[Placement]) {
        let label = if placements.len() == 1 {
            "Placed at:"
        } else {
            "Placed at (shared):"
        };
        let mut paragraph = Paragraph::new().add_run(Run::new().add_text(label).bold());
        for placement in placements {
            paragraph = paragraph.add_run(
                Run::new()
                    .add_break(BreakType::TextWrapping)
                    .add_text(clean(&format!("{} {}", placement.number, placement.path))),
            );
        }
        self.paragraph_block(paragraph);
    }

    fn items(&mut self, items: &[Cell]) {
        let mut paragraph = Paragraph::new();
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                paragraph = paragraph.add_run(Run::new().add_text("; "));
            }
            paragraph = match item {
                Cell::Text(text) => paragraph.add_run(Run::new().add_text(clean(text))),
                Cell::Link { text, anchor } => paragraph.add_hyperlink(link(text, anchor)),
            };
        }
        self.paragraph_block(paragraph);
    }

    fn start_unit(&mut self, urn: &str, title: &str) {
        let header = [urn.trim(), title.trim()]
            .into_iter()
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("  ");
        self.parts.push(Part {
            header,
            blocks: Vec::new(),
        });
    }

    fn end_unit(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::bookmark_name;

    #[test]
    fn anchors_never_share_a_bookmark_and_names_stay_valid() {
        let anchors = [
            "AB-1", "AB.1", "AB_1", "AB1", "unit-12", "unit_12", "Ω-1", "Ω.1",
        ];
        let names: std::collections::HashSet<String> =
            anchors.iter().map(|a| bookmark_name(a)).collect();
        assert_eq!(names.len(), anchors.len(), "{names:?}");
        let long = "X".repeat(60);
        let longer = format!("{long}Y");
        assert_ne!(bookmark_name(&long), bookmark_name(&longer));
        for name in names.iter().chain([&bookmark_name(&long)]) {
            assert!(name.len() <= 40, "{name}");
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
            assert!(name.starts_with(|c: char| c.is_ascii_alphabetic()));
        }
    }
}
