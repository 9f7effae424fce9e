//! The sizes issue 13 set for printed maps, measured from the exported PDFs as a reader would:
//! `pdftotext -bbox` for the height of the unit titles' words, and `pdftoppm` page images for how
//! much of the page the diagram covers.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;

use nosmap::model::FunctionalMap;
use nosmap::render::{ExportFormat, ExportRequest, PageFit, PageSetup, Paper, export};
use nosmap::view::Direction;

fn load(name: &str) -> FunctionalMap {
    nosmap::io::load(&common::example(name)).unwrap()
}

fn pdf_of(map: &FunctionalMap, page: PageSetup, direction: Direction, dir: &Path) -> String {
    let request = ExportRequest {
        format: ExportFormat::Pdf,
        direction,
        page,
        ..ExportRequest::default()
    };
    let bytes = export(map, &request).unwrap();
    let path = dir.join("map.pdf");
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// One word of `pdftotext -bbox`: page (1-based), text, top, bottom.
struct Word {
    page: usize,
    text: String,
    top: f32,
    height: f32,
}

fn words(pdf: &str) -> Option<Vec<Word>> {
    let xhtml = common::poppler("pdftotext", &["-bbox", pdf, "-"])?;
    let mut page = 0;
    let mut out = Vec::new();
    for line in xhtml.lines() {
        if line.contains("<page ") {
            page += 1;
        }
        let Some(start) = line.find("<word ") else {
            continue;
        };
        let attr = |name: &str| -> f32 {
            let key = format!("{name}=\"");
            let from = line[start..].find(&key).unwrap() + start + key.len();
            let to = line[from..].find('"').unwrap() + from;
            line[from..to].parse().unwrap()
        };
        let text_from = line[start..].find('>').unwrap() + start + 1;
        let text_to = line[text_from..].find('<').unwrap() + text_from;
        out.push(Word {
            page,
            text: line[text_from..text_to].to_string(),
            top: attr("yMin"),
            height: attr("yMax") - attr("yMin"),
        });
    }
    Some(out)
}

/// The smallest height, per page, of the first words of the map's unit titles: the size unit
/// titles are printed at (captions and URNs never start with those words). A continued page's
/// ghost strip at the top, which repeats the parent in smaller type, is left out.
fn unit_title_points(map: &FunctionalMap, words: &[Word]) -> Vec<(usize, f32)> {
    let ghost_strip_bottom = |page: usize| {
        words
            .iter()
            .filter(|w| w.page == page && w.text == "Continued")
            .map(|w| w.top + w.height + 6.0)
            .fold(0.0, f32::max)
    };
    let firsts: std::collections::HashSet<String> = map
        .units()
        .filter_map(|(_, u)| u.title.split_whitespace().next().map(str::to_string))
        .collect();
    let pages = words.iter().map(|w| w.page).max().unwrap_or(0);
    (1..=pages)
        .filter_map(|page| {
            let smallest = words
                .iter()
                .filter(|w| w.page == page && firsts.contains(&w.text))
                .filter(|w| w.top > ghost_strip_bottom(page))
                .map(|w| w.height)
                .fold(f32::INFINITY, f32::min);
            smallest.is_finite().then_some((page, smallest))
        })
        .collect()
}

/// How much of each page's content area (inside margins, title block and footer) the drawing's
/// bounding box covers, from a 36-dpi greyscale image of the page.
fn coverage(pdf: &str, page_setup: &PageSetup) -> Option<Vec<f32>> {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("page");
    common::poppler(
        "pdftoppm",
        &["-r", "36", "-gray", pdf, stem.to_str().unwrap()],
    )?;
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let margin = page_setup.margin_mm * 72.0 / 25.4;
    let (top, bottom) = (margin + 34.0, margin + 22.0);
    let mut covered = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        // P5 <width> <height> 255 <pixels>
        let mut fields = Vec::new();
        let mut at = 0;
        while fields.len() < 4 {
            while bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let start = at;
            while !bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
        }
        let pixels = &bytes[at + 1..];
        let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        let px = |points: f32| (points * 36.0 / 72.0).round() as usize;
        let (x0, x1, y0, y1) = (px(margin), w - px(margin), px(top), h - px(bottom));
        let (mut left, mut right, mut up, mut down) = (usize::MAX, 0, usize::MAX, 0);
        for y in y0..y1 {
            for x in x0..x1 {
                if pixels[y * w + x] < 235 {
                    left = left.min(x);
                    right = right.max(x);
                    up = up.min(y);
                    down = down.max(y);
                }
            }
        }
        let area = ((x1 - x0) * (y1 - y0)) as f32;
        covered.push(if right > left {
            ((right - left + 1) * (down - up + 1)) as f32 / area
        } else {
            0.0
        });
    }
    Some(covered)
}

fn a3_landscape() -> PageSetup {
    PageSetup {
        paper: Paper::A3,
        landscape: true,
        ..PageSetup::default()
    }
}

#[test]
fn management_and_leadership_fills_one_a3_landscape_page_with_8_pt_unit_titles() {
    let map = load("management-and-leadership-2008.nosmap.ron");
    let dir = tempfile::tempdir().unwrap();
    let setup = a3_landscape();
    let pdf = pdf_of(&map, setup.clone(), Direction::LeftToRight, dir.path());
    let Some(words) = words(&pdf) else { return };
    let sizes = unit_title_points(&map, &words);
    assert_eq!(sizes.len(), 1, "one page");
    assert!(sizes[0].1 >= 8.0, "unit titles at {:.2} pt", sizes[0].1);
    let covered = coverage(&pdf, &setup).unwrap();
    assert!(
        covered[0] >= 0.6,
        "the diagram covers {:.0} % of the page",
        covered[0] * 100.0
    );
}

#[test]
fn management_and_leadership_on_one_a4_landscape_page_prints_unit_titles_at_5_5_pt() {
    let map = load("management-and-leadership-2008.nosmap.ron");
    let dir = tempfile::tempdir().unwrap();
    let setup = PageSetup {
        paper: Paper::A4,
        landscape: true,
        ..PageSetup::default()
    };
    let pdf = pdf_of(&map, setup, Direction::LeftToRight, dir.path());
    let Some(words) = words(&pdf) else { return };
    let sizes = unit_title_points(&map, &words);
    assert!(
        sizes[0].1 >= 5.5 - 0.01,
        "unit titles at {:.2} pt",
        sizes[0].1
    );
}

#[test]
fn split_a3_landscape_pages_print_at_12_pt_or_fill_the_page() {
    let map = load("management-and-leadership-2008.nosmap.ron");
    let dir = tempfile::tempdir().unwrap();
    let setup = PageSetup {
        split_by_area: true,
        ..a3_landscape()
    };
    let pdf = pdf_of(&map, setup.clone(), Direction::LeftToRight, dir.path());
    let Some(words) = words(&pdf) else { return };
    let sizes = unit_title_points(&map, &words);
    let covered = coverage(&pdf, &setup).unwrap();
    // Page 1 is the overview (no units); every other page shows units.
    let sizes: Vec<(usize, f32)> = sizes.into_iter().filter(|(page, _)| *page > 1).collect();
    assert_eq!(sizes.len(), covered.len() - 1);
    for (page, points) in sizes {
        let share = covered[page - 1];
        assert!(
            points >= 12.0 || share >= 0.6,
            "page {page}: unit titles at {points:.1} pt covering {:.0} %",
            share * 100.0
        );
    }
}

#[test]
fn it_users_top_down_split_on_a4_portrait_takes_at_most_6_pages() {
    let map = load("it-users-2015.nosmap.ron");
    let dir = tempfile::tempdir().unwrap();
    let setup = PageSetup {
        split_by_area: true,
        ..PageSetup::default()
    };
    let pdf = pdf_of(&map, setup, Direction::TopDown, dir.path());
    let Some(info) = common::poppler("pdfinfo", &[&pdf]) else {
        return;
    };
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages <= 6, "{pages} pages");
    // Every unit is on one of them, as text.
    let text = common::poppler("pdftotext", &[&pdf, "-"]).unwrap();
    for (_, unit) in map.units() {
        assert!(text.contains(&unit.urn), "{} is missing", unit.urn);
    }
}

#[test]
fn pages_n_fits_on_at_most_n_pages_and_prints_larger_than_one() {
    let map = load("management-and-leadership-2008.nosmap.ron");
    let dir = tempfile::tempdir().unwrap();
    let one = pdf_of(
        &map,
        PageSetup::default(),
        Direction::LeftToRight,
        dir.path(),
    );
    let Some(one_words) = words(&one) else { return };
    let one_size = unit_title_points(&map, &one_words)[0].1;
    let four = pdf_of(
        &map,
        PageSetup {
            fit: PageFit::Pages(4),
            ..PageSetup::default()
        },
        Direction::LeftToRight,
        dir.path(),
    );
    let four_words = words(&four).unwrap();
    let four_sizes = unit_title_points(&map, &four_words);
    assert!(
        four_sizes.len() <= 4 && four_sizes.len() >= 2,
        "{} pages",
        four_sizes.len()
    );
    assert!(
        four_sizes[0].1 > 1.5 * one_size,
        "{} vs {one_size}",
        four_sizes[0].1
    );
}

#[test]
fn scale_100_prints_unit_titles_at_their_natural_size() {
    let map = load("management-and-leadership-2008.nosmap.ron");
    let dir = tempfile::tempdir().unwrap();
    let pdf = pdf_of(
        &map,
        PageSetup {
            fit: PageFit::Scale(100.0),
            ..PageSetup::default()
        },
        Direction::LeftToRight,
        dir.path(),
    );
    let Some(words) = words(&pdf) else { return };
    let expected = nosmap::layout::LayoutStyle::default().unit.title_size * 0.75;
    for (page, points) in unit_title_points(&map, &words) {
        assert!(
            (points - expected).abs() < 0.05,
            "page {page}: {points} pt, not {expected}"
        );
    }
}

/// Pages of the whole catalogue split by area on A3 before the compact layout, measured for
/// issue 13 (a tidy tree per organisation, cut along its length, unit titles at 9 pt).
const CATALOGUE_A3_SPLIT_PAGES_BEFORE: usize = 1_553;

#[test]
fn the_whole_catalogue_split_on_a3_takes_at_most_half_the_pages_at_the_same_text_size() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/nos-catalogue-2019.csv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{} is not here: the page tests above cover the planner",
            path.display()
        );
        return;
    };
    let (map, _) = nosmap::io::catalogue::import_catalogue(&text, &path).unwrap();
    let setup = PageSetup {
        paper: Paper::A3,
        split_by_area: true,
        fit: PageFit::Scale(100.0),
        ..PageSetup::default()
    };
    let view = nosmap::view::ViewState::default();
    let plan =
        nosmap::render::plan_pages(&map, &view, &nosmap::layout::LayoutStyle::default(), &setup);
    assert!(
        plan.pages.len() * 2 <= CATALOGUE_A3_SPLIT_PAGES_BEFORE,
        "{} pages",
        plan.pages.len()
    );
    // Every page after the overview prints at the same scale as before: 100 %.
    assert!(
        plan.pages[1..]
            .iter()
            .all(|p| (p.scale - 0.75).abs() < 1e-4)
    );
    // And every unit placement is on a page.
    let placements: usize = map.units().map(|(id, _)| map.parents(id).len()).sum();
    let drawn: usize = plan
        .pages
        .iter()
        .flat_map(|p| p.pieces.iter())
        .map(|piece| {
            plan.scenes[piece.scene]
                .boxes
                .iter()
                .filter(|b| b.kind == nosmap::layout::BoxKind::Unit)
                .filter(|b| piece.region.contains_rect(&b.rect, 0.01))
                .count()
        })
        .sum();
    assert_eq!(drawn, placements);
}
