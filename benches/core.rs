//! Core benchmarks at three sizes: 1k and 5k nodes (generated, shaped like real maps) and the
//! whole 2019 NOS catalogue (imported from ../shared/reference/nos-catalogue-2019.csv with
//! `io::catalogue`, ~22,300 nodes; without that file, the committed 3,210-row sample).
//!
//! Run: `cargo bench --no-default-features --bench core`. Figures: BENCHMARKS.md.
//! "layout" is placing measured boxes (tidy tree and connectors); "scene build" is measuring and
//! wrapping every box's text; the editor and every export do both.

use std::path::Path;
use std::sync::OnceLock;

use nosmap::analysis::checks::{CheckContext, check};
use nosmap::layout::{LayoutStyle, Scope, arrange, layout, measure};
use nosmap::model::{Date, FunctionalMap};
use nosmap::view::ViewState;

mod common;
use common::SIZES;

fn main() {
    for size in SIZES {
        let map = map(size);
        eprintln!("{size}: {} nodes, {} units", map.len(), map.units().count());
    }
    divan::main();
}

fn map(size: &str) -> &'static FunctionalMap {
    static SMALL: OnceLock<FunctionalMap> = OnceLock::new();
    static MEDIUM: OnceLock<FunctionalMap> = OnceLock::new();
    static CATALOGUE: OnceLock<FunctionalMap> = OnceLock::new();
    let cell = match size {
        "1k" => &SMALL,
        "5k" => &MEDIUM,
        _ => &CATALOGUE,
    };
    cell.get_or_init(|| common::map_of(size))
}

fn view() -> ViewState {
    ViewState::default()
}

#[divan::bench(args = SIZES)]
fn load(bencher: divan::Bencher, size: &str) {
    let text = nosmap::io::to_string(map(size)).unwrap_or_default();
    bencher.bench(|| {
        nosmap::io::from_str(divan::black_box(&text), Path::new("map.nosmap.ron"))
            .map(|m| m.len())
            .ok()
    });
}

#[divan::bench(args = SIZES)]
fn save(size: &str) -> usize {
    nosmap::io::to_string(divan::black_box(map(size)))
        .map(|t| t.len())
        .unwrap_or(0)
}

#[divan::bench(args = SIZES)]
fn layout_positions(bencher: divan::Bencher, size: &str) {
    let style = LayoutStyle::default();
    let measured = measure(map(size), &view(), &style, &Scope::default());
    bencher
        .with_inputs(|| measured.clone())
        .bench_values(|measured| arrange(measured, &view(), &style).boxes.len());
}

#[divan::bench(args = SIZES)]
fn scene_build(size: &str) -> usize {
    let style = LayoutStyle::default();
    let scene = layout(divan::black_box(map(size)), &view(), &style);
    scene.boxes.len()
}

/// The tidy tree (`LayoutKind::Tree`), the default before the compact layout.
fn tree_view() -> ViewState {
    ViewState {
        layout: nosmap::view::LayoutKind::Tree,
        ..ViewState::default()
    }
}

#[divan::bench(args = SIZES)]
fn layout_positions_tree(bencher: divan::Bencher, size: &str) {
    let style = LayoutStyle::default();
    let measured = measure(map(size), &tree_view(), &style, &Scope::default());
    bencher
        .with_inputs(|| measured.clone())
        .bench_values(|measured| arrange(measured, &tree_view(), &style).boxes.len());
}

#[divan::bench(args = SIZES)]
fn scene_build_tree(size: &str) -> usize {
    let style = LayoutStyle::default();
    let scene = layout(divan::black_box(map(size)), &tree_view(), &style);
    scene.boxes.len()
}

/// A document of `size` whose units are renamed in turn, one rename per call of `next`, with
/// titles of a few lengths (so some boxes change height, as in drafting).
struct Renaming {
    doc: nosmap::edit::Document,
    units: Vec<nosmap::model::NodeId>,
    round: usize,
}

impl Renaming {
    fn of(size: &str) -> Self {
        let doc = nosmap::edit::Document::new(map(size).clone());
        let units = doc.map().units().map(|(id, _)| id).collect();
        Self {
            doc,
            units,
            round: 0,
        }
    }

    fn next(&mut self) {
        self.round += 1;
        let id = self.units[(self.units.len() / 2 + self.round * 397) % self.units.len()];
        let title = match self.round % 3 {
            0 => format!("Renamed {}", self.round),
            1 => format!("Renamed for the benchmark, round {}", self.round),
            _ => format!(
                "Renamed for the benchmark with a title long enough to wrap onto more lines, round {}",
                self.round
            ),
        };
        if let Some(edit) = nosmap::edit::ops::rename(self.doc.map(), id, &title) {
            let _ = self.doc.apply("rename", edit);
        }
    }
}

/// Rename a unit, then lay out again from the previous Scene (what the editor does).
#[divan::bench(args = SIZES)]
fn relayout_after_rename(bencher: divan::Bencher, size: &str) {
    let style = LayoutStyle::default();
    let mut renaming = Renaming::of(size);
    let mut scene = Some(layout(renaming.doc.map(), &view(), &style));
    bencher.bench_local(|| {
        renaming.next();
        let previous = scene.take().unwrap_or_default();
        let next = nosmap::layout::relayout(renaming.doc.map(), &view(), &style, previous);
        let boxes = next.boxes.len();
        scene = Some(next);
        boxes
    });
}

/// Rename a unit, then bring the check report up to date (what the editor does).
#[divan::bench(args = SIZES)]
fn check_after_rename(bencher: divan::Bencher, size: &str) {
    let context = CheckContext::draft(Date::new(2026, 11, 28));
    let mut renaming = Renaming::of(size);
    let mut checker = nosmap::analysis::checks::Checker::new(context);
    checker.update(renaming.doc.map(), &context);
    bencher.bench_local(|| {
        renaming.next();
        checker.update(renaming.doc.map(), &context).findings.len()
    });
}

#[divan::bench(args = SIZES)]
fn check_rules(size: &str) -> usize {
    // Every rule reports, as before check levels existed.
    let context = CheckContext::publish(Date::new(2026, 11, 28));
    check(divan::black_box(map(size)), &context).findings.len()
}

#[divan::bench(args = SIZES)]
fn export_svg(bencher: divan::Bencher, size: &str) {
    let scene = layout(map(size), &view(), &LayoutStyle::default());
    let options = nosmap::render::SvgOptions::default();
    bencher.bench(|| nosmap::render::svg(divan::black_box(&scene), &options).len());
}

#[divan::bench(args = SIZES)]
fn export_csv(size: &str) -> usize {
    nosmap::io::table::to_csv(divan::black_box(map(size)))
        .map(|t| t.len())
        .unwrap_or(0)
}

#[divan::bench(sample_count = 10)]
fn export_pdf_catalogue_split_a3() -> usize {
    let setup = nosmap::render::PageSetup {
        paper: nosmap::render::Paper::A3,
        landscape: true,
        split_by_area: true,
        ..Default::default()
    };
    let catalogue = map("catalogue");
    let plan = nosmap::render::plan_pages(catalogue, &view(), &LayoutStyle::default(), &setup);
    nosmap::render::pdf(catalogue, &plan, "2026-11-28")
        .map(|b| b.len())
        .unwrap_or(0)
}

#[divan::bench(sample_count = 10)]
fn import_catalogue_csv(bencher: divan::Bencher) {
    let path = common::catalogue_csv();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    bencher.bench(|| {
        nosmap::io::catalogue::import_catalogue(divan::black_box(&text), &path)
            .map(|(m, _)| m.len())
            .ok()
    });
}

/// How the 20,000 criteria of `unit_with_criteria` are worded: "varied" sentences from a
/// 2,000-word vocabulary (few alike), "repeated" one sentence with a word changed (every one
/// alike to the first), "shuffled" the same ten words in different orders (every pair shares
/// every word, few alike: the worst case for the index).
const CRITERIA_KINDS: [&str; 3] = ["varied", "repeated", "shuffled"];

/// A map with one unit holding 20,000 performance criteria (issue 21, hole 9: `check` took
/// 105 s comparing every pair).
fn unit_with_criteria(kind: &str) -> FunctionalMap {
    use nosmap::edit::{Document, Edit};
    use nosmap::model::{KeyPurpose, MapMeta, Statement, Unit};
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % below
    };
    let words: Vec<String> = (0..2_000).map(|i| format!("w{i}")).collect();
    let criteria = (0..20_000)
        .map(|_| match kind {
            "varied" => {
                let len = 6 + next(13) as usize;
                (0..len)
                    .map(|_| words[next(2_000) as usize].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            "repeated" => format!(
                "agree the team's objectives and record them in the {} plan",
                words[next(2_000) as usize]
            ),
            _ => {
                let mut order: Vec<&str> = words[..10].iter().map(String::as_str).collect();
                for i in (1..order.len()).rev() {
                    order.swap(i, next(i as u64 + 1) as usize);
                }
                order.join(" ")
            }
        })
        .map(Statement::item)
        .collect();
    let mut unit = Unit::new("BIG01", "Agree objectives");
    unit.performance_criteria = criteria;
    let mut doc = Document::new(FunctionalMap::new(
        MapMeta::new("Big"),
        KeyPurpose::new("k"),
    ));
    let root = doc.map().root();
    let id = doc.map().next_free_id();
    let add = Edit::AddNode {
        id,
        parent: root,
        index: 0,
        node: unit.into(),
    };
    doc.apply("add", add)
        .expect("a unit goes under the key purpose");
    doc.map().clone()
}

#[divan::bench(args = CRITERIA_KINDS, sample_count = 5)]
fn check_unit_with_20000_criteria(bencher: divan::Bencher, kind: &str) {
    let map = unit_with_criteria(kind);
    let context = CheckContext::publish(Date::new(2026, 11, 28));
    bencher.bench(|| check(divan::black_box(&map), &context).findings.len());
}
