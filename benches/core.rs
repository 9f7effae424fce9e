//! Core benchmarks on a map the size of the whole 2019 NOS catalogue.
//!
//! Run: `cargo bench --no-default-features --bench core`. The map is built from
//! ../shared/reference/nos-catalogue-2019.csv when it is there (key purpose → developing
//! organisation → first suite → unit, real titles and URNs, duplicates kept), otherwise from a
//! generated map of the same size.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use nosmap::analysis::checks::{CheckContext, check};
use nosmap::edit::{Document, Edit};
use nosmap::layout::{LayoutStyle, layout};
use nosmap::model::{Date, Function, FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, Unit};
use nosmap::view::ViewState;

fn main() {
    let map = catalogue();
    eprintln!(
        "benchmark map: {} nodes, {} units",
        map.len(),
        map.units().count()
    );
    divan::main();
}

fn catalogue() -> &'static FunctionalMap {
    static MAP: OnceLock<FunctionalMap> = OnceLock::new();
    MAP.get_or_init(|| {
        let csv = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/reference/nos-catalogue-2019.csv");
        let rows = read_rows(&csv).unwrap_or_else(generated_rows);
        build(rows)
    })
}

/// (organisation, suite, urn, title) per catalogue row.
fn read_rows(path: &Path) -> Option<Vec<(String, String, String, String)>> {
    let mut reader = csv::Reader::from_path(path).ok()?;
    let headers = reader.headers().ok()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (org, suites, urn, title) = (
        column("developed_by")?,
        column("suites")?,
        column("urn")?,
        column("title")?,
    );
    let rows = reader
        .records()
        .filter_map(Result::ok)
        .map(|r| {
            let field = |i: usize| r.get(i).unwrap_or("").trim().to_string();
            let suite = field(suites)
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            (field(org), suite, field(urn), field(title))
        })
        .collect();
    Some(rows)
}

fn generated_rows() -> Vec<(String, String, String, String)> {
    (0..22_093)
        .map(|i| {
            let org = format!("Organisation {}", i % 48);
            let suite = format!("Suite {}", i % 900);
            (
                org,
                suite,
                format!("GEN{i:05}"),
                format!("Manage the work of area {i} safely and effectively"),
            )
        })
        .collect()
}

fn build(rows: Vec<(String, String, String, String)>) -> FunctionalMap {
    let map = FunctionalMap::new(
        MapMeta::new("UK NOS catalogue (2019)"),
        KeyPurpose::new("UK National Occupational Standards (2019)"),
    );
    let mut doc = Document::with_undo_limit(map, 1);
    let root = doc.map().root();
    let mut functions: HashMap<(NodeId, String), NodeId> = HashMap::new();
    let mut next = doc.map().next_free_id();
    let mut add = |doc: &mut Document, parent: NodeId, node: Node| {
        let id = next;
        next = next.next();
        let index = doc.map().children(parent).len();
        doc.apply(
            "import",
            Edit::AddNode {
                id,
                parent,
                index,
                node,
            },
        )
        .ok();
        id
    };
    for (org, suite, urn, title) in rows {
        let org = if org.is_empty() {
            "(no organisation)".to_string()
        } else {
            org
        };
        let org_id = *functions
            .entry((root, org.clone()))
            .or_insert_with(|| add(&mut doc, root, Function::new("", org).into()));
        let suite = if suite.is_empty() {
            "(no suite)".to_string()
        } else {
            suite
        };
        let suite_id = match functions.get(&(org_id, suite.clone())) {
            Some(&id) => id,
            None => {
                let id = add(&mut doc, org_id, Function::new("", suite.clone()).into());
                functions.insert((org_id, suite), id);
                id
            }
        };
        let mut unit = Unit::new(urn, title);
        unit.metadata.indicative_review_date = Date::new(2019, 6, 30);
        add(&mut doc, suite_id, unit.into());
    }
    doc.map().clone()
}

#[divan::bench]
fn check_catalogue() -> usize {
    let context = CheckContext {
        today: Date::new(2026, 11, 28),
    };
    check(divan::black_box(catalogue()), &context)
        .findings
        .len()
}

#[divan::bench]
fn layout_catalogue() -> usize {
    layout(
        divan::black_box(catalogue()),
        &ViewState::default(),
        &LayoutStyle::default(),
    )
    .boxes
    .len()
}

#[divan::bench]
fn save_catalogue_to_text() -> usize {
    nosmap::io::to_string(divan::black_box(catalogue()))
        .map(|t| t.len())
        .unwrap_or(0)
}

#[divan::bench]
fn load_catalogue_from_text(bencher: divan::Bencher) {
    let text = nosmap::io::to_string(catalogue()).unwrap_or_default();
    bencher.bench(|| {
        nosmap::io::from_str(divan::black_box(&text), Path::new("catalogue.nosmap.ron"))
            .map(|m| m.len())
            .ok()
    });
}

#[divan::bench]
fn export_svg_catalogue() -> usize {
    let scene = layout(catalogue(), &ViewState::default(), &LayoutStyle::default());
    let options = nosmap::render::SvgOptions::default();
    nosmap::render::svg(divan::black_box(&scene), &options).len()
}

#[divan::bench(sample_count = 10)]
fn export_pdf_catalogue_split_a3() -> usize {
    let setup = nosmap::render::PageSetup {
        paper: nosmap::render::Paper::A3,
        landscape: true,
        split_by_area: true,
        ..Default::default()
    };
    let plan = nosmap::render::plan_pages(
        catalogue(),
        &ViewState::default(),
        &LayoutStyle::default(),
        &setup,
    );
    nosmap::render::pdf(catalogue(), &plan, "2026-11-28")
        .map(|b| b.len())
        .unwrap_or(0)
}
