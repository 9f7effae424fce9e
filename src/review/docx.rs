//! The review pack as a Word document, for reviewers who do not have nosmap: a title page that
//! says how to comment, then the draft in outline order (functions as headings, each unit on its
//! own page with its statements numbered as published), every item followed by its form key in
//! grey, and a comment table under each unit.
//!
//! Headings use Word's built-in heading styles (and outline levels), so Word's navigation pane
//! and LibreOffice's navigator list the functions and units.

use docx_rs::{
    AlignmentType, Docx, Footer, PageNum, Paragraph, Run, Shading, SpecialIndentType, Table,
    TableCell, TableLayoutType, TableRow, WidthType,
};

use super::{ReviewItem, review_items};
use crate::model::{FunctionalMap, Node, NodeId};
use crate::render::word::{
    BODY_SIZE, KEY_GREY, KEY_SIZE, PAGE_HEIGHT, PAGE_WIDTH, TEXT_WIDTH, bullet, clean, fonts,
    heading, packed, styles, text_paragraph, with_text,
};

/// The comment table's columns and their shares of the width: the item and its type are short,
/// the comment and the proposed change are where reviewers write.
/// A header's line break is a newline.
const COLUMNS: [(&str, usize); 4] = [
    ("Item", 3),
    ("Type\n(ge/te/ed)", 3),
    ("Comment", 8),
    ("Proposed change", 8),
];
/// Empty rows under each unit's table header.
const EMPTY_ROWS: usize = 5;
/// The review pack of `branch` (the whole map for `None`) as DOCX bytes.
pub fn review_docx(map: &FunctionalMap, branch: Option<NodeId>) -> Result<Vec<u8>, String> {
    if let Some(top) = branch
        && map.node(top).is_none()
    {
        return Err(format!(
            "This map has no node n{}, so there is no branch to write a review pack of.",
            top.raw()
        ));
    }
    let items = review_items(map, branch);
    let title = clean(&map.display_title());
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(crate::render::word::margins())
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .style("Footer")
                    .align(AlignmentType::Right)
                    .add_run(Run::new().add_text(format!("{title}: public review draft, page ")))
                    .add_page_num(PageNum::new()),
            ),
        );
    for style in styles() {
        docx = docx.add_style(style);
    }
    for paragraph in title_page(map, branch) {
        docx = docx.add_paragraph(paragraph);
    }

    let base_depth = items
        .iter()
        .map(|item| depth(&item.number))
        .filter(|&depth| depth > 0)
        .min()
        .unwrap_or(1);
    let mut previous_was_function = false;
    for node_items in items.chunk_by(|a, b| a.node == b.node) {
        let first = &node_items[0];
        let Some(node) = map.node(first.node) else {
            continue;
        };
        let level = (depth(&first.number) + 1)
            .saturating_sub(base_depth)
            .clamp(1, 4);
        // Each unit starts a page; a function starts one too unless it follows the function
        // it belongs under, so no heading is left alone at the foot of a page.
        let new_page = !previous_was_function;
        match node {
            Node::KeyPurpose(_) => {
                docx = docx
                    .add_paragraph(heading(1, "Key purpose"))
                    .add_paragraph(text_paragraph(&first.text))
                    .add_paragraph(key_paragraph(first));
                previous_was_function = false;
            }
            Node::Function(_) => {
                docx = docx
                    .add_paragraph(
                        heading(level, &format!("{} {}", first.node_name, first.node_title))
                            .page_break_before(new_page),
                    )
                    .add_paragraph(key_paragraph(first));
                previous_was_function = true;
            }
            Node::Unit(_) => {
                for paragraph in unit_paragraphs(node_items, level, new_page) {
                    docx = docx.add_paragraph(paragraph);
                }
                docx = docx
                    .add_paragraph(
                        section_heading(&format!("Your comments on {}", first.node_name))
                            .keep_next(true),
                    )
                    .add_table(comment_table());
                previous_was_function = false;
            }
        }
    }

    packed(docx)
}

/// The title, what the pack covers and how to comment (with the key purpose, when it is in the
/// pack, on the same page).
fn title_page(map: &FunctionalMap, branch: Option<NodeId>) -> Vec<Paragraph> {
    let meta = map.meta();
    let mut paragraphs = vec![
        Paragraph::new()
            .style("Title")
            .add_run(Run::new().add_text(clean(&format!(
                "Public review draft: {}",
                map.display_title()
            )))),
    ];
    for (label, value) in [
        ("Version", &meta.version),
        ("Developed by", &meta.developed_by),
    ] {
        if !value.trim().is_empty() {
            paragraphs.push(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{label}: ")).bold())
                    .add_run(Run::new().add_text(clean(value.trim()))),
            );
        }
    }
    if let Some(top) = branch
        && let Some(node) = map.node(top)
        && !matches!(node, Node::KeyPurpose(_))
    {
        paragraphs.push(text_paragraph(&format!(
            "This pack covers \u{201c}{}\u{201d} and everything under it.",
            node.title()
        )));
    }
    paragraphs.push(heading(1, "How to comment"));
    paragraphs.push(text_paragraph(
        "You can comment on anything in this draft: the title of a function or unit, a unit's \
         overview, or any single statement. There are two ways to send your comments.",
    ));
    paragraphs.push(bullet(
        "Use the comment form that came with this pack (XLSX or CSV): one row per comment, \
         quoting the item id shown in grey after each item (such as n12.s345), so your comment \
         still finds its statement if the draft is reordered.",
    ));
    paragraphs.push(bullet(
        "Or fill in the comment table under each unit in this document: name the item by its \
         number (P3, K2) or its grey id, and send the document back.",
    ));
    paragraphs.push(text_paragraph(
        "For each comment give its type: ge (general), te (technical) or ed (editorial), and \
         where you can, the wording you propose instead.",
    ));
    paragraphs
}

/// A unit: heading, its key, then each section with its items.
fn unit_paragraphs(items: &[ReviewItem], level: usize, new_page: bool) -> Vec<Paragraph> {
    let first = &items[0];
    let mut paragraphs = vec![
        heading(level, &format!("{} {}", first.node_name, first.node_title))
            .page_break_before(new_page),
        key_paragraph(first),
    ];
    let mut rest = &items[1..];
    while let Some(item) = rest.first() {
        let section_len = rest
            .iter()
            .take_while(|other| other.section == item.section)
            .count();
        let (section, after) = rest.split_at(section_len);
        rest = after;
        paragraphs.push(section_heading(&item.section).keep_next(true));
        if section.len() == 1 && section[0].label == section[0].section {
            // The overview: its words without a number.
            paragraphs.push(
                with_text(Paragraph::new(), &section[0].text)
                    .add_run(Run::new().add_text("  "))
                    .add_run(key_run(&section[0].key)),
            );
            continue;
        }
        let widest = section
            .iter()
            .map(|item| item.label.chars().count())
            .max()
            .unwrap_or(0);
        // Room for the widest label in bold at 11 pt, at least 1.2 cm.
        let hanging = (widest as i32 * 130 + 200).max(680);
        for item in section {
            paragraphs.push(
                with_text(
                    Paragraph::new()
                        .indent(
                            Some(hanging),
                            Some(SpecialIndentType::Hanging(hanging)),
                            None,
                            None,
                        )
                        .add_run(Run::new().add_text(clean(&item.label)).bold().add_tab()),
                    &item.text,
                )
                .add_run(Run::new().add_text("  "))
                .add_run(key_run(&item.key)),
            );
        }
    }
    paragraphs
}

/// The table a reviewer fills in under a unit: header and a few empty rows, as wide as the text.
fn comment_table() -> Table {
    let total: usize = COLUMNS.iter().map(|(_, share)| share).sum();
    let widths: Vec<usize> = COLUMNS
        .iter()
        .map(|(_, share)| TEXT_WIDTH * share / total)
        .collect();
    let header = TableRow::new(
        COLUMNS
            .iter()
            .zip(&widths)
            .map(|((name, _), &width)| {
                TableCell::new()
                    .width(width, WidthType::Dxa)
                    .shading(Shading::new().fill("D9D9D9"))
                    .add_paragraph(with_text(Paragraph::new().style("ReviewTableHeader"), name))
            })
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for _ in 0..EMPTY_ROWS {
        rows.push(
            TableRow::new(
                widths
                    .iter()
                    .map(|&width| {
                        TableCell::new()
                            .width(width, WidthType::Dxa)
                            .add_paragraph(Paragraph::new())
                    })
                    .collect(),
            )
            // 1.5 cm: room to write by hand on a printed copy.
            .row_height(850.0),
        );
    }
    Table::new(rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

fn section_heading(text: &str) -> Paragraph {
    Paragraph::new()
        .style("ReviewSection")
        .add_run(Run::new().add_text(clean(text)))
}

/// A node's own key on a line of its own, under its heading.
fn key_paragraph(item: &ReviewItem) -> Paragraph {
    Paragraph::new()
        .keep_next(true)
        .add_run(key_run(&format!("{}: {}", item.label, item.key)))
}

fn key_run(key: &str) -> Run {
    Run::new()
        .add_text(clean(key))
        .size(KEY_SIZE)
        .color(KEY_GREY)
}

/// The depth of an outline number: 0 for the key purpose (no number), 1 for `2`, 2 for `2.1`.
fn depth(number: &str) -> usize {
    if number.is_empty() {
        0
    } else {
        number.split('.').count()
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read as _};

    use super::*;

    fn example() -> FunctionalMap {
        crate::io::from_str(
            include_str!("../../examples/learning-and-development-2010.nosmap.ron"),
            std::path::Path::new("learning-and-development-2010.nosmap.ron"),
        )
        .expect("the example loads")
    }

    fn document_xml(docx: &[u8]) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a DOCX is a zip");
        let mut xml = String::new();
        archive
            .by_name("word/document.xml")
            .expect("word/document.xml")
            .read_to_string(&mut xml)
            .expect("UTF-8");
        xml
    }

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// The text of each paragraph of the body, in order, tables included (tabs as `\t`).
    fn paragraphs(xml: &str) -> Vec<String> {
        let document = roxmltree::Document::parse(xml).expect("well-formed XML");
        document
            .descendants()
            .filter(|node| node.has_tag_name((W, "p")))
            .map(|p| {
                p.descendants()
                    .filter_map(|node| {
                        if node.has_tag_name((W, "t")) {
                            node.text()
                        } else if node.has_tag_name((W, "tab"))
                            && node.parent().is_some_and(|r| r.has_tag_name((W, "r")))
                        {
                            Some("\t")
                        } else {
                            None
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_statement_of_a_unit_is_printed_with_its_number_and_key() {
        let map = example();
        let docx = review_docx(&map, None).expect("written");
        let paragraphs = paragraphs(&document_xml(&docx));
        let items = review_items(&map, None);
        let unit_items: Vec<&ReviewItem> = items
            .iter()
            .filter(|item| item.node_name == "LSILADD01")
            .collect();
        let statements: Vec<&&ReviewItem> = unit_items
            .iter()
            .filter(|item| item.label.starts_with('P') || item.label.starts_with('K'))
            .collect();
        assert!(statements.len() >= 8, "{unit_items:?}");
        for item in statements {
            let printed = format!("{}\t{}  {}", item.label, item.text, item.key);
            assert!(
                paragraphs.iter().any(|p| p == &printed),
                "no paragraph {printed:?}"
            );
        }
        // The unit's heading, with its key under it.
        let heading = paragraphs
            .iter()
            .position(|p| p == "LSILADD01 Identify collective learning and development needs")
            .expect("the unit's heading");
        assert_eq!(
            paragraphs[heading + 1],
            format!("Title: {}", unit_items[0].key)
        );
    }

    #[test]
    fn each_unit_has_a_comment_table_as_wide_as_the_text() {
        let map = example();
        let xml = document_xml(&review_docx(&map, None).expect("written"));
        let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let tables: Vec<_> = document
            .descendants()
            .filter(|node| node.has_tag_name((W, "tbl")))
            .collect();
        let units = map.units().count();
        assert_eq!(tables.len(), units);
        let table = tables[0];
        let rows: Vec<_> = table
            .children()
            .filter(|node| node.has_tag_name((W, "tr")))
            .collect();
        assert_eq!(rows.len(), 1 + EMPTY_ROWS);
        let header: Vec<String> = rows[0]
            .children()
            .filter(|node| node.has_tag_name((W, "tc")))
            .map(|cell| {
                cell.descendants()
                    .filter_map(|node| {
                        if node.has_tag_name((W, "br")) {
                            Some(" ")
                        } else if node.has_tag_name((W, "t")) {
                            node.text()
                        } else {
                            None
                        }
                    })
                    .collect()
            })
            .collect();
        assert_eq!(
            header,
            ["Item", "Type (ge/te/ed)", "Comment", "Proposed change"]
        );
        let grid: Vec<usize> = table
            .descendants()
            .filter(|node| node.has_tag_name((W, "gridCol")))
            .map(|col| {
                col.attribute((W, "w"))
                    .expect("width")
                    .parse()
                    .expect("a number")
            })
            .collect();
        assert_eq!(grid.len(), 4);
        let total: usize = grid.iter().sum();
        assert!(TEXT_WIDTH - total < 4, "{grid:?} in {TEXT_WIDTH}");
        assert!(
            grid[0] < grid[2] && grid[1] < grid[2] && grid[2] == grid[3],
            "{grid:?}"
        );
        // The comment table follows its unit's statements.
        let paragraphs = paragraphs(&xml);
        let heading = paragraphs
            .iter()
            .position(|p| p.starts_with("LSILADD01 "))
            .expect("heading");
        let comments = paragraphs
            .iter()
            .position(|p| p == "Your comments on LSILADD01")
            .expect("comment table title");
        assert!(comments > heading);
        assert_eq!(paragraphs[comments + 1], "Item");
    }

    #[test]
    fn headings_use_the_built_in_styles_and_units_start_pages() {
        let map = example();
        let xml = document_xml(&review_docx(&map, None).expect("written"));
        let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let style_of = |p: roxmltree::Node| {
            p.descendants()
                .find(|node| node.has_tag_name((W, "pStyle")))
                .and_then(|style| style.attribute((W, "val")))
                .map(str::to_string)
        };
        let text_of = |p: roxmltree::Node| -> String {
            p.descendants()
                .filter(|node| node.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect()
        };
        let headings: Vec<(String, String, bool)> = document
            .descendants()
            .filter(|node| node.has_tag_name((W, "p")))
            .filter_map(|p| {
                let style = style_of(p)?;
                style.starts_with("Heading").then(|| {
                    let breaks = p
                        .descendants()
                        .any(|node| node.has_tag_name((W, "pageBreakBefore")));
                    (style, text_of(p), breaks)
                })
            })
            .collect();
        assert!(headings.contains(&(
            "Heading1".into(),
            "A Research learning and development needs".into(),
            true
        )));
        assert!(headings.contains(&(
            "Heading2".into(),
            "LSILADD01 Identify collective learning and development needs".into(),
            false
        )));
        let second_unit = headings
            .iter()
            .position(|(_, text, _)| text.starts_with("LSILADD01 "))
            .expect("unit")
            + 1;
        assert_eq!(headings[second_unit].0, "Heading2");
        assert!(headings[second_unit].2, "{:?}", headings[second_unit]);

        let mut archive =
            zip::ZipArchive::new(Cursor::new(review_docx(&map, None).expect("written")))
                .expect("zip");
        let mut styles = String::new();
        archive
            .by_name("word/styles.xml")
            .expect("styles")
            .read_to_string(&mut styles)
            .expect("UTF-8");
        assert!(styles.contains(r#"w:styleId="Heading1""#) && styles.contains("heading 1"));
    }

    #[test]
    fn a_branch_pack_holds_only_that_branch_and_a_missing_branch_is_refused() {
        let map = example();
        let items = review_items(&map, None);
        let area = items
            .iter()
            .find(|item| item.node_name == "B")
            .expect("key area B")
            .node;
        let paragraphs = paragraphs(&document_xml(
            &review_docx(&map, Some(area)).expect("written"),
        ));
        assert!(
            paragraphs
                .iter()
                .any(|p| p.starts_with("B Plan and develop"))
        );
        assert!(!paragraphs.iter().any(|p| p.starts_with("LSILADD01 ")));
        assert!(!paragraphs.iter().any(|p| p == "Key purpose"));

        let error = review_docx(&map, Some(NodeId::from_raw(9_999))).expect_err("no such node");
        assert!(error.contains("n9999"), "{error}");
    }

    #[test]
    fn the_package_is_compressed_and_the_same_map_gives_the_same_bytes() {
        let map = example();
        let docx = review_docx(&map, None).expect("written");
        assert_eq!(docx, review_docx(&map, None).expect("written again"));
        let mut archive = zip::ZipArchive::new(Cursor::new(&docx)).expect("zip");
        let document = archive.by_name("word/document.xml").expect("document");
        assert_eq!(document.compression(), zip::CompressionMethod::Deflated);
        assert!(
            document.compressed_size() * 5 < document.size(),
            "{} of {} bytes",
            document.compressed_size(),
            document.size()
        );
        drop(document);
        // Parts only, the content types first, as in the packages Word writes.
        assert_eq!(
            archive.by_index(0).expect("a part").name().expect("a name"),
            "[Content_Types].xml"
        );
        assert!(!archive.file_names_raw().any(|name| name.ends_with(b"/")));
    }

    #[test]
    fn control_characters_in_a_map_never_make_unreadable_xml() {
        assert_eq!(clean("a\u{1}b\u{FFFF}c\rd\te"), "abcd\te");
    }
}
