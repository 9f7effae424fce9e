//! PNG and paged PDF: sizes as asked, no box ever cut by a page edge, continuation notes and page
//! numbers, bookmarks per key area, and real text in the PDF.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use nosmap::layout::{LayoutStyle, layout};
use nosmap::render::{PageFit, PagePlan, PageSetup, Paper, pdf, plan_pages, png};
use nosmap::view::{Direction, LayoutKind, ViewState};

fn ml() -> nosmap::model::FunctionalMap {
    nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap()
}

/// Every box of every scene lies wholly inside exactly one piece and touches no other; every
/// piece lies inside the content area; continuation notes point at the neighbouring pages.
fn check_plan(plan: &PagePlan, what: &str) {
    let area = plan.content_area();
    for (scene_index, scene) in plan.scenes.iter().enumerate() {
        let pieces: Vec<_> = plan
            .pages
            .iter()
            .flat_map(|page| page.pieces.iter())
            .filter(|piece| piece.scene == scene_index)
            .collect();
        if pieces.is_empty() {
            continue; // a scene laid out and then replaced by a better one
        }
        for scene_box in &scene.boxes {
            let holding = pieces
                .iter()
                .filter(|p| p.region.contains_rect(&scene_box.rect, 0.01))
                .count();
            let touching = pieces
                .iter()
                .filter(|p| p.region.overlaps(&scene_box.rect))
                .count();
            assert_eq!(
                (holding, touching),
                (1, 1),
                "a box is cut or missing ({what})"
            );
        }
    }
    for page in &plan.pages {
        for piece in &page.pieces {
            let drawn = plan.drawn_area(page, piece);
            assert!(
                area.expand(0.5).contains_rect(&drawn, 0.0),
                "a piece overflows its page ({what}): {drawn:?} in {area:?}"
            );
        }
    }
    for (i, page) in plan.pages.iter().enumerate() {
        if let Some(on) = page.continues_on {
            assert_eq!(on, i + 2);
            assert_eq!(plan.pages[i + 1].continued_from, Some(i + 1));
        }
    }
}

#[test]
fn pages_never_cut_a_box_and_hold_every_box() {
    let map = ml();
    for direction in [Direction::LeftToRight, Direction::TopDown] {
        for layout in [LayoutKind::Compact, LayoutKind::Tree] {
            let view = ViewState {
                direction,
                layout,
                ..ViewState::default()
            };
            for paper in [Paper::A4, Paper::A3, Paper::Letter] {
                for landscape in [false, true] {
                    for (split, fit) in [
                        (true, PageFit::Page),
                        (true, PageFit::Scale(100.0)),
                        (false, PageFit::Page),
                        (false, PageFit::Scale(150.0)),
                        (false, PageFit::Pages(3)),
                    ] {
                        let setup = PageSetup {
                            paper,
                            landscape,
                            split_by_area: split,
                            fit,
                            ..PageSetup::default()
                        };
                        let plan = plan_pages(&map, &view, &LayoutStyle::default(), &setup);
                        let what = format!(
                            "{paper:?}, landscape {landscape}, {direction:?}, {layout:?}, split {split}, {fit:?}"
                        );
                        check_plan(&plan, &what);
                        if split {
                            // An outline entry for the overview and for every key area.
                            let top: Vec<&str> = plan
                                .pages
                                .iter()
                                .flat_map(|p| p.bookmarks.iter())
                                .filter(|b| b.level == 0)
                                .map(|b| b.title.as_str())
                                .collect();
                            assert_eq!(
                                top.len(),
                                1 + map.children(map.root()).len(),
                                "{what}: {top:?}"
                            );
                        }
                        if let PageFit::Pages(most) = fit {
                            assert!(
                                plan.pages.len() <= most,
                                "{what}: {} pages",
                                plan.pages.len()
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn a_branch_too_big_for_a_page_runs_on_with_its_parent_repeated() {
    let map = ml();
    let setup = PageSetup {
        paper: Paper::A4,
        landscape: true,
        split_by_area: true,
        fit: PageFit::Scale(200.0),
        ..PageSetup::default()
    };
    let plan = plan_pages(&map, &ViewState::default(), &LayoutStyle::default(), &setup);
    check_plan(&plan, "A4 at 200 %");
    let continued: Vec<_> = plan
        .pages
        .iter()
        .filter(|p| p.continued_from.is_some())
        .collect();
    assert!(
        !continued.is_empty(),
        "the 17-unit key roles run over a page at 200 %"
    );
    let mut ghosts = 0;
    for page in continued {
        let piece = &page.pieces[0];
        let scene = &plan.scenes[piece.scene];
        assert!(piece.tiled, "tiles draw only their own connectors");
        let on = |b: &nosmap::layout::SceneBox| piece.region.overlaps(&b.rect);
        // Boxes whose parent is drawn on another page.
        let orphans: Vec<_> = scene
            .connectors
            .iter()
            .filter(|c| on(&scene.boxes[c.to]) && !on(&scene.boxes[c.from]))
            .map(|c| scene.boxes[c.from].node)
            .collect();
        match &page.ghost {
            Some(ghost) => {
                assert!(
                    orphans.contains(&ghost.node),
                    "the ghost is a parent left behind"
                );
                ghosts += 1;
            }
            None => assert!(
                orphans.is_empty(),
                "a continued page hides whose boxes these are"
            ),
        }
    }
    assert!(ghosts > 0, "some page repeats a parent");
    let whole = plan_pages(
        &map,
        &ViewState::default(),
        &LayoutStyle::default(),
        &PageSetup::default(),
    );
    assert_eq!(whole.pages.len(), 1);
}

#[test]
fn the_pdf_has_its_pages_bookmarks_and_selectable_text() {
    let map = ml();
    let setup = PageSetup {
        paper: Paper::A3,
        landscape: true,
        split_by_area: true,
        date: "2026-11-28".into(),
        fit: PageFit::Scale(250.0),
        ..PageSetup::default()
    };
    let plan = plan_pages(&map, &ViewState::default(), &LayoutStyle::default(), &setup);
    let bytes = pdf(&map, &plan, &setup.date).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/FontFile2"), "the font is embedded");
    assert!(raw.contains("/Lang(en-GB)"), "the language is stated");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ml.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_str().unwrap();
    if let Some(info) = common::poppler("pdfinfo", &[path]) {
        assert!(
            info.contains(&format!("Pages:           {}", plan.pages.len())),
            "{info}"
        );
        assert!(info.contains("1190.55 x 841.89 pts (A3)"), "{info}");
        assert!(
            info.contains("Title:           Management and Leadership (2008)"),
            "{info}"
        );
        assert!(
            info.contains("Author:          Management Standards Centre"),
            "{info}"
        );
        assert!(
            info.contains("Subject:         Functional map. Key purpose: Provide direction"),
            "{info}"
        );
        assert!(plan.pages.iter().any(|p| p.continues_on.is_some()));
    }
    if let Some(text) = common::poppler("pdftotext", &[path, "-"]) {
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
    if let Some(xml) = common::poppler("pdftohtml", &["-stdout", "-xml", "-i", path]) {
        let items = outline_items(&xml);
        assert_eq!(
            items.len(),
            1 + map.children(map.root()).len(),
            "one bookmark per key area plus the overview: {items:?}"
        );
        assert!(items.iter().all(|(depth, _)| *depth == 1));
    }
}

/// The PDF outline as (nesting depth, title), from `pdftohtml -xml`.
fn outline_items(xml: &str) -> Vec<(usize, String)> {
    let mut depth = 0;
    let mut items = Vec::new();
    let mut rest = xml;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        if rest.starts_with("<outline") {
            depth += 1;
        } else if rest.starts_with("</outline") {
            depth -= 1;
        } else if rest.starts_with("<item") {
            let start = rest.find('>').map_or(0, |i| i + 1);
            let end = rest[start..].find('<').map_or(rest.len(), |i| start + i);
            items.push((depth, rest[start..end].to_string()));
        }
        rest = &rest[1..];
    }
    items
}

#[test]
fn the_outline_nests_functions_under_their_key_areas() {
    let map = nosmap::generate::generated_map(300);
    let areas = map.children(map.root()).len();
    let functions: usize = map
        .children(map.root())
        .iter()
        .map(|&a| {
            map.children(a)
                .iter()
                .filter(|&&f| !map.children(f).is_empty())
                .count()
        })
        .sum();
    assert!(
        functions > areas,
        "the generated map has functions under its key areas"
    );
    let setup = PageSetup {
        split_by_area: true,
        ..PageSetup::default()
    };
    let plan = plan_pages(&map, &ViewState::default(), &LayoutStyle::default(), &setup);
    let bytes = pdf(&map, &plan, "").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("generated.pdf");
    std::fs::write(&path, &bytes).unwrap();
    if let Some(xml) = common::poppler(
        "pdftohtml",
        &["-stdout", "-xml", "-i", path.to_str().unwrap()],
    ) {
        let items = outline_items(&xml);
        let top = items.iter().filter(|(d, _)| *d == 1).count();
        let nested = items.iter().filter(|(d, _)| *d == 2).count();
        assert_eq!(top, 1 + areas, "{items:?}");
        assert_eq!(nested, functions, "{items:?}");
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
