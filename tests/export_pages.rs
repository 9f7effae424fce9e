//! PNG and paged PDF: sizes as asked, no box ever cut by a page edge, continuation notes and page
//! numbers, bookmarks per key area, and real text in the PDF.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::process::Command;

use nosmap::layout::{LayoutStyle, layout};
use nosmap::render::{PageSetup, Paper, pdf, plan_pages, png};
use nosmap::view::{Direction, ViewState};

fn ml() -> nosmap::model::FunctionalMap {
    nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap()
}

#[test]
fn split_pages_never_cut_a_box_and_cover_every_box() {
    let map = ml();
    for direction in [Direction::LeftToRight, Direction::TopDown] {
        let view = ViewState {
            direction,
            ..ViewState::default()
        };
        for paper in [Paper::A4, Paper::A3, Paper::Letter] {
            for landscape in [false, true] {
                let setup = PageSetup {
                    paper,
                    landscape,
                    split_by_area: true,
                    ..PageSetup::default()
                };
                let plan = plan_pages(&map, &view, &LayoutStyle::default(), &setup);
                assert_eq!(
                    plan.pages.iter().filter(|p| p.bookmark.is_some()).count(),
                    1 + map.children(map.root()).len()
                );
                let area = plan.content_area();
                for (scene_index, scene) in plan.scenes.iter().enumerate() {
                    let pages: Vec<_> = plan
                        .pages
                        .iter()
                        .filter(|p| p.scene == scene_index)
                        .collect();
                    for scene_box in &scene.boxes {
                        let holding = pages
                            .iter()
                            .filter(|p| p.region.contains_rect(&scene_box.rect, 0.01))
                            .count();
                        let touching = pages
                            .iter()
                            .filter(|p| p.region.overlaps(&scene_box.rect))
                            .count();
                        assert_eq!(
                            (holding, touching),
                            (1, 1),
                            "a box is cut or missing ({paper:?}, landscape {landscape}, {direction:?})"
                        );
                    }
                    for page in &pages {
                        let (w, h) = (
                            page.region.width * page.scale,
                            page.region.height * page.scale,
                        );
                        assert!(
                            w <= area.width + 0.5 && h <= area.height + 0.5,
                            "a slice overflows its page"
                        );
                    }
                }
                // Continuation notes point at the neighbouring pages.
                for (i, page) in plan.pages.iter().enumerate() {
                    if let Some(on) = page.continues_on {
                        assert_eq!(on, i + 2);
                        assert_eq!(plan.pages[i + 1].continued_from, Some(i + 1));
                    }
                }
            }
        }
    }
}

#[test]
fn a_small_page_forces_continuations() {
    let map = ml();
    let setup = PageSetup {
        paper: Paper::A4,
        landscape: true,
        split_by_area: true,
        ..PageSetup::default()
    };
    let plan = plan_pages(&map, &ViewState::default(), &LayoutStyle::default(), &setup);
    assert!(
        plan.pages.iter().any(|p| p.continues_on.is_some()),
        "the 17-unit key roles run over a page"
    );
    let whole = plan_pages(
        &map,
        &ViewState::default(),
        &LayoutStyle::default(),
        &PageSetup::default(),
    );
    assert_eq!(whole.pages.len(), 1);
}

/// Runs a poppler tool; `None` (with a message) when it is not installed here. CI installs it.
fn poppler(tool: &str, args: &[&str]) -> Option<String> {
    match Command::new(tool).args(args).output() {
        Ok(output) => {
            assert!(
                output.status.success(),
                "{tool}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        Err(_) => {
            eprintln!("skipped: {tool} (poppler-utils) is not installed (CI installs it)");
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must have poppler-utils installed"
            );
            None
        }
    }
}

#[test]
fn the_pdf_has_its_pages_bookmarks_and_selectable_text() {
    let map = ml();
    let setup = PageSetup {
        paper: Paper::A3,
        landscape: true,
        split_by_area: true,
        date: "2026-11-28".into(),
        margin_mm: 80.0,
        ..PageSetup::default()
    };
    let plan = plan_pages(&map, &ViewState::default(), &LayoutStyle::default(), &setup);
    let bytes = pdf(&map, &plan, &setup.date).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&bytes);
    assert_eq!(
        raw.matches("/Title").count(),
        1 + map.children(map.root()).len(),
        "one bookmark per key area plus the overview"
    );
    assert!(raw.contains("/FontFile2"), "the font is embedded");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ml.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_str().unwrap();
    if let Some(info) = poppler("pdfinfo", &[path]) {
        assert!(
            info.contains(&format!("Pages:           {}", plan.pages.len())),
            "{info}"
        );
        assert!(info.contains("1190.55 x 841.89 pts (A3)"), "{info}");
        assert!(plan.pages.iter().any(|p| p.continues_on.is_some()));
    }
    if let Some(text) = poppler("pdftotext", &[path, "-"]) {
        for (_, unit) in map.units() {
            assert!(
                text.contains(&unit.urn),
                "{} is not selectable text",
                unit.urn
            );
        }
        assert!(
            text.contains("Page 1 of") && text.contains("continued on page"),
            "{text}"
        );
        assert!(text.contains("Management and Leadership (2008)") && text.contains("2026-11-28"));
    }
}

#[test]
fn png_has_the_size_of_the_scene_at_the_chosen_resolution() {
    let map =
        nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
    let scene = layout(&map, &ViewState::default(), &LayoutStyle::default());
    for dpi in [96.0, 300.0] {
        let bytes = png(&scene, dpi).unwrap();
        assert_eq!(&bytes[1..4], b"PNG");
        let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
        assert_eq!(width, (scene.bounds.width * dpi / 96.0).ceil() as u32);
        assert_eq!(height, (scene.bounds.height * dpi / 96.0).ceil() as u32);
    }
    // Too large is refused with what to do, never silently shrunk.
    let big = nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap();
    let tall = layout(&big, &ViewState::default(), &LayoutStyle::default());
    let message = png(&tall, 1200.0).unwrap_err();
    assert!(
        message.contains("million pixels") && message.contains("dpi or less"),
        "{message}"
    );
}
