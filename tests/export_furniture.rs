//! What a printed map carries besides the drawing: posters tiled onto sheets, a legend, outline
//! numbers in the boxes, continuation notes that are links, a title that never runs off the page,
//! and a tagged structure in reading order.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use nosmap::layout::{LayoutStyle, layout};
use nosmap::model::FunctionalMap;
use nosmap::render::{PageFit, PageSetup, Paper, Poster, pdf, plan_pages};
use nosmap::view::ViewState;

fn ml() -> FunctionalMap {
    nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap()
}

fn written(map: &FunctionalMap, setup: &PageSetup, dir: &std::path::Path) -> (String, Vec<u8>) {
    let plan = plan_pages(map, &ViewState::default(), &LayoutStyle::default(), setup);
    let bytes = pdf(map, &plan, "2026-12-03").unwrap();
    let path = dir.join("map.pdf");
    std::fs::write(&path, &bytes).unwrap();
    (path.to_str().unwrap().to_string(), bytes)
}

#[test]
fn an_a1_poster_is_tiled_onto_a4_sheets_that_together_hold_the_whole_map() {
    let map = ml();
    let dir = tempfile::tempdir().unwrap();
    let setup = PageSetup {
        landscape: true,
        poster: Some(Poster {
            drawing: Paper::A1,
            overlap_mm: 10.0,
        }),
        ..PageSetup::default()
    };
    let plan = plan_pages(&map, &ViewState::default(), &LayoutStyle::default(), &setup);
    let sheets = plan.sheets.as_ref().unwrap();
    assert_eq!((plan.width, plan.height), Paper::A1.points(true));
    // The sheets cover the whole poster, neighbours overlapping by 10 mm.
    let last = sheets.tiles.last().unwrap();
    assert!(last.region.right() >= plan.width && last.region.bottom() >= plan.height);
    assert!((sheets.overlap - 10.0 * 72.0 / 25.4).abs() < 0.01);
    // The map fills the poster: unit titles far larger than on one A4 page.
    let a4 = plan_pages(
        &map,
        &ViewState::default(),
        &LayoutStyle::default(),
        &PageSetup {
            landscape: true,
            ..PageSetup::default()
        },
    );
    assert!(plan.pages[0].scale > 2.5 * a4.pages[0].scale);
    let (path, _) = written(&map, &setup, dir.path());
    let Some(info) = common::poppler("pdfinfo", &[&path]) else {
        return;
    };
    assert!(
        info.contains(&format!("Pages:           {}", sheets.tiles.len())),
        "{info}"
    );
    assert!(info.contains("(A4)"), "{info}");
    let text = common::poppler("pdftotext", &[&path, "-"]).unwrap();
    for (_, unit) in map.units() {
        assert!(text.contains(&unit.urn), "{} is on no sheet", unit.urn);
    }
    assert!(
        text.contains(&format!("A1 poster on A4 · row 1 of {}", sheets.rows)),
        "{text}"
    );
}

#[test]
fn the_legend_says_what_colours_badges_and_counts_mean_and_takes_room_from_the_drawing() {
    let map = ml();
    let dir = tempfile::tempdir().unwrap();
    let with = PageSetup {
        legend: true,
        ..PageSetup::default()
    };
    let plain = plan_pages(
        &map,
        &ViewState::default(),
        &LayoutStyle::default(),
        &PageSetup::default(),
    );
    let legend = plan_pages(&map, &ViewState::default(), &LayoutStyle::default(), &with);
    assert!(legend.content_area().height < plain.content_area().height);
    let meanings: Vec<&str> = legend.legend.iter().map(|i| i.meaning.as_str()).collect();
    assert!(
        meanings.contains(&"Key purpose") && meanings.contains(&"Key role"),
        "{meanings:?}"
    );
    assert!(meanings.contains(&"NOS unit"));
    assert!(plain.legend.is_empty());
    let (path, _) = written(&map, &with, dir.path());
    let Some(text) = common::poppler("pdftotext", &[&path, "-"]) else {
        return;
    };
    assert!(
        text.contains("Legend:") && text.contains("placed under 2 functions"),
        "{text}"
    );
    let (path, _) = written(&map, &PageSetup::default(), dir.path());
    assert!(
        !common::poppler("pdftotext", &[&path, "-"])
            .unwrap()
            .contains("Legend:")
    );
}

#[test]
fn outline_numbers_start_the_captions_when_asked() {
    let map = ml();
    let style = LayoutStyle {
        show_numbers: true,
        ..LayoutStyle::default()
    };
    let scene = layout(&map, &ViewState::default(), &style);
    let captions: Vec<&str> = scene
        .boxes
        .iter()
        .filter_map(|b| b.lines.first().map(|l| l.text.as_str()))
        .collect();
    assert!(captions.contains(&"2 B · Key role"), "{captions:?}");
    assert!(captions.contains(&"2.3 CFAMLB3"), "{captions:?}");
    let plain = layout(&map, &ViewState::default(), &LayoutStyle::default());
    assert!(
        plain
            .boxes
            .iter()
            .all(|b| !b.lines[0].text.starts_with("2.3"))
    );
}

#[test]
fn continuation_notes_link_to_their_pages() {
    let map = ml();
    let dir = tempfile::tempdir().unwrap();
    let setup = PageSetup {
        fit: PageFit::Scale(150.0),
        ..PageSetup::default()
    };
    let plan = plan_pages(&map, &ViewState::default(), &LayoutStyle::default(), &setup);
    let notes = plan
        .pages
        .iter()
        .map(|p| usize::from(p.continued_from.is_some()) + usize::from(p.continues_on.is_some()))
        .sum::<usize>();
    assert!(notes > 0);
    let (_, bytes) = written(&map, &setup, dir.path());
    let raw = String::from_utf8_lossy(&bytes);
    assert_eq!(
        raw.matches("/Subtype/Link").count(),
        notes,
        "one link per continuation note"
    );
}

#[test]
fn a_long_title_is_shortened_to_the_page() {
    let mut doc = nosmap::edit::Document::new(ml());
    let mut meta = doc.map().meta().clone();
    meta.title = "A functional map whose title goes on and on ".repeat(8);
    doc.apply("retitle", nosmap::edit::Edit::SetMeta(meta))
        .unwrap();
    let map = doc.map().clone();
    let dir = tempfile::tempdir().unwrap();
    let setup = PageSetup::default();
    let (path, _) = written(&map, &setup, dir.path());
    let Some(xhtml) = common::poppler("pdftotext", &["-bbox", &path, "-"]) else {
        return;
    };
    let (width, _) = Paper::A4.points(false);
    let right_edge = width - setup.margin_mm * 72.0 / 25.4 + 0.5;
    for line in xhtml.lines().filter(|l| l.contains("<word ")) {
        let from = line.find("xMax=\"").unwrap() + 6;
        let to = line[from..].find('"').unwrap() + from;
        let x_max: f32 = line[from..to].parse().unwrap();
        assert!(x_max <= right_edge, "{line} runs off the page");
    }
    assert!(
        xhtml.contains('…'),
        "the title is shortened with an ellipsis"
    );
}

#[test]
fn the_pdf_is_tagged_and_reads_in_outline_order() {
    let map = ml();
    let dir = tempfile::tempdir().unwrap();
    let setup = PageSetup {
        fit: PageFit::Scale(150.0),
        ..PageSetup::default()
    };
    let (path, _) = written(&map, &setup, dir.path());
    let Some(info) = common::poppler("pdfinfo", &[&path]) else {
        return;
    };
    assert!(info.contains("Tagged:          yes"), "{info}");
    let structure = common::poppler("pdfinfo", &["-struct-text", &path]).unwrap();
    // Key areas are headings, units paragraphs, in the outline's order whatever the pages.
    let order: Vec<String> = nosmap::model::outline::outline(&map)
        .into_iter()
        .filter_map(|row| match map.node(row.node) {
            Some(nosmap::model::Node::Unit(u)) => Some(u.urn.clone()),
            Some(nosmap::model::Node::Function(f)) => Some(format!("{} · Key role", f.code)),
            _ => None,
        })
        .collect();
    let mut from = 0;
    for wanted in &order {
        let quoted = format!("\"{wanted}\"");
        let at = structure[from..]
            .find(&quoted)
            .unwrap_or_else(|| panic!("{wanted} is missing or out of order"));
        from += at + quoted.len();
    }
    assert_eq!(
        structure.matches("H2 ").count(),
        map.children(map.root()).len()
    );
}
