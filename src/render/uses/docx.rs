//! A use's document as a Word document: Word's heading styles, fields with a line to write on,
//! tables whose columns share the page by their widths (landscape when a team sheet needs it),
//! a box to tick for each choice.

use docx_rs::{
    Docx, PageOrientationType, Paragraph, Run, Shading, Table, TableCell, TableLayoutType,
    TableRow, WidthType,
};

use super::{Block, ColumnKind, UseDocument, UseTable};
use crate::render::word::{
    BODY_SIZE, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, bullet, clean, fonts, heading, packed, styles,
    text_paragraph,
};

/// Columns (in characters) past which a table needs a landscape page.
const PORTRAIT_CHARACTERS: usize = 110;

pub(super) fn docx(document: &UseDocument) -> Result<Vec<u8>, String> {
    let widest = document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(characters(t)),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let landscape = widest > PORTRAIT_CHARACTERS;
    let (width, height) = if landscape {
        (PAGE_HEIGHT, PAGE_WIDTH)
    } else {
        (PAGE_WIDTH, PAGE_HEIGHT)
    };
    let text_width = width as usize - 2 * MARGIN as usize;
    let mut docx = Docx::new()
        .page_size(width, height)
        .page_margin(crate::render::word::margins())
        .default_fonts(fonts())
        .default_size(BODY_SIZE);
    if landscape {
        docx = docx.page_orient(PageOrientationType::Landscape);
    }
    for style in styles() {
        docx = docx.add_style(style);
    }
    for block in &document.blocks {
        match block {
            Block::Heading(1, text) => {
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .style("Title")
                        .add_run(Run::new().add_text(clean(text))),
                );
            }
            Block::Heading(level, text) => {
                docx = docx.add_paragraph(heading((*level).clamp(1, 4), text));
            }
            Block::Paragraph(text) => docx = docx.add_paragraph(text_paragraph(text)),
            Block::Fields(labels) => {
                for label in labels {
                    docx = docx.add_paragraph(
                        Paragraph::new()
                            .add_run(Run::new().add_text(format!("{}: ", clean(label))).bold())
                            .add_run(Run::new().add_text("_".repeat(40))),
                    );
                }
            }
            Block::Bullets(items) => {
                for item in items {
                    docx = docx.add_paragraph(bullet(item));
                }
            }
            Block::Table(table) => {
                docx = docx
                    .add_table(write_table(table, text_width))
                    .add_paragraph(Paragraph::new());
            }
        }
    }
    packed(docx)
}

/// The printed columns: a choice gives one narrow column per option.
fn printed(table: &UseTable) -> Vec<(String, u16)> {
    let mut columns = Vec::new();
    for column in &table.columns {
        match &column.kind {
            ColumnKind::Choice(options) => {
                for option in options {
                    columns.push((option.clone(), 9));
                }
            }
            _ => columns.push((column.name.clone(), column.width)),
        }
    }
    columns
}

fn characters(table: &UseTable) -> usize {
    printed(table).iter().map(|(_, w)| usize::from(*w)).sum()
}

/// Column widths in twips: each at least as wide as its longest word (so "P12" and "develop"
/// never break), the rest of the width shared by the columns' widths.
fn widths(table: &UseTable, columns: &[(String, u16)], text_width: usize) -> Vec<usize> {
    let longest_word = |text: &str| {
        text.split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(1)
            .min(30)
    };
    let mut longest: Vec<usize> = columns.iter().map(|(name, _)| longest_word(name)).collect();
    // Text cells' words too, at each text column's printed place.
    let mut at = 0;
    for (index, column) in table.columns.iter().enumerate() {
        match &column.kind {
            ColumnKind::Choice(options) => at += options.len(),
            kind => {
                if *kind == ColumnKind::Text {
                    for row in table.rows.iter().filter(|r| !r.heading) {
                        let word = row.cells.get(index).map_or(0, |c| longest_word(c));
                        longest[at] = longest[at].max(word);
                    }
                }
                at += 1;
            }
        }
    }
    let wants: Vec<usize> = columns.iter().map(|(_, w)| usize::from(*w)).collect();
    crate::render::word::column_widths(&longest, &wants, text_width)
}

fn write_table(table: &UseTable, text_width: usize) -> Table {
    let columns = printed(table);
    let widths = widths(table, &columns, text_width);
    let cell = |width: usize| TableCell::new().width(width, WidthType::Dxa);
    let mut rows = vec![
        TableRow::new(
            columns
                .iter()
                .zip(&widths)
                .map(|((name, _), &width)| {
                    cell(width)
                        .shading(Shading::new().fill("D9D9D9"))
                        .add_paragraph(
                            Paragraph::new()
                                .add_run(Run::new().add_text(clean(name)).bold().size(18)),
                        )
                })
                .collect(),
        )
        .cant_split(),
    ];
    for row in &table.rows {
        if row.heading {
            let words = row.heading_text();
            rows.push(TableRow::new(vec![
                cell(text_width)
                    .grid_span(columns.len())
                    .shading(Shading::new().fill("F0F0F0"))
                    .add_paragraph(
                        Paragraph::new().add_run(Run::new().add_text(clean(&words)).bold()),
                    ),
            ]));
            continue;
        }
        let mut cells = Vec::new();
        let mut at = 0;
        for (index, column) in table.columns.iter().enumerate() {
            match &column.kind {
                ColumnKind::Text => {
                    let text = row.cells.get(index).map_or("", String::as_str);
                    cells.push(cell(widths[at]).add_paragraph(text_paragraph(text)));
                    at += 1;
                }
                ColumnKind::Choice(options) => {
                    for _ in options {
                        cells.push(
                            cell(widths[at]).add_paragraph(
                                Paragraph::new()
                                    .align(docx_rs::AlignmentType::Center)
                                    .add_run(Run::new().add_text("\u{2610}").size(26)),
                            ),
                        );
                        at += 1;
                    }
                }
                ColumnKind::Blank | ColumnKind::Mark(_) => {
                    cells.push(cell(widths[at]).add_paragraph(Paragraph::new()));
                    at += 1;
                }
            }
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    Table::new(rows)
        .set_grid(widths)
        .width(text_width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}
