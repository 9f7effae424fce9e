//! The workshop report as a Word document: the title in Word's Title style, the session's
//! particulars with bold labels, each section in Word's heading styles (so the navigation pane
//! lists them), lists as bullets, the votes as a table, and a footer with the page number.

use docx_rs::{
    AlignmentType, Docx, Footer, PageNum, Paragraph, Run, Shading, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use super::{Block, Vote, WorkshopReport};
use crate::render::word::{
    BODY_SIZE, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH, bullet, clean, fonts, heading, margins, packed,
    styles, text_paragraph,
};

/// The width of each count column of the votes table, in twips (about 2.5 cm).
const COUNT_WIDTH: usize = 1_400;

/// The report as a Word document (DOCX bytes).
pub fn to_docx(report: &WorkshopReport) -> Result<Vec<u8>, String> {
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(margins())
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .footer(page_footer(&report.title()));
    for style in styles() {
        docx = docx.add_style(style);
    }
    for block in report.blocks() {
        match &block {
            Block::Title(text) => {
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .style("Title")
                        .add_run(Run::new().add_text(clean(text))),
                );
            }
            Block::Fact(name, value) => {
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(format!("{}: ", clean(name))).bold())
                        .add_run(Run::new().add_text(clean(value))),
                );
            }
            // The report's sections are Word's first heading level (the title is above them).
            Block::Heading(level, text) => {
                docx = docx.add_paragraph(heading(level.saturating_sub(1).clamp(1, 4), text));
            }
            Block::Paragraph(text) => docx = docx.add_paragraph(text_paragraph(text)),
            Block::Bullets(items) => {
                for item in items {
                    docx = docx.add_paragraph(bullet(item));
                }
            }
            Block::Votes(votes) => {
                docx = docx
                    .add_table(votes_table(votes))
                    .add_paragraph(Paragraph::new());
            }
        }
    }
    packed(docx)
}

/// "Workshop decisions — <map>, page N", small and grey at the right of every page.
fn page_footer(title: &str) -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .align(AlignmentType::Right)
            .add_run(Run::new().add_text(format!("{}, page ", clean(title))))
            .add_page_num(PageNum::new()),
    )
}

/// Box, for, against: the box's column takes what the counts leave of the width.
fn votes_table(votes: &[Vote]) -> Table {
    let label_width = TEXT_WIDTH.saturating_sub(2 * COUNT_WIDTH);
    let widths = vec![label_width, COUNT_WIDTH, COUNT_WIDTH];
    let cell = |width: usize| TableCell::new().width(width, WidthType::Dxa);
    let count = |width: usize, number: u32| {
        cell(width).add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Right)
                .add_run(Run::new().add_text(number.to_string())),
        )
    };
    let header_cell = |width: usize, name: &str, alignment: AlignmentType| {
        cell(width)
            .shading(Shading::new().fill("D9D9D9"))
            .add_paragraph(
                Paragraph::new()
                    .align(alignment)
                    .add_run(Run::new().add_text(name).bold()),
            )
    };
    let mut rows = vec![
        TableRow::new(vec![
            header_cell(label_width, "Box", AlignmentType::Left),
            header_cell(COUNT_WIDTH, "For", AlignmentType::Right),
            header_cell(COUNT_WIDTH, "Against", AlignmentType::Right),
        ])
        .cant_split(),
    ];
    for vote in votes {
        rows.push(
            TableRow::new(vec![
                cell(label_width).add_paragraph(text_paragraph(&vote.label)),
                count(COUNT_WIDTH, vote.votes_for),
                count(COUNT_WIDTH, vote.votes_against),
            ])
            .cant_split(),
        );
    }
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}
