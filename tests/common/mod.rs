//! Shared builders and paths for the integration tests.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

use std::path::{Path, PathBuf};

use nosmap::edit::{Document, Edit};
use nosmap::model::{Function, FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, Statement, Unit};

/// The example maps shipped in `examples/`.
pub fn example_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".nosmap.ron"))
        .collect();
    paths.sort();
    paths
}

pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Adds `node` as the last child of `parent` through the history; returns its id.
pub fn add(doc: &mut Document, parent: NodeId, node: Node) -> NodeId {
    let id = doc.map().next_free_id();
    let index = doc.map().children(parent).len();
    doc.apply(
        "add",
        Edit::AddNode {
            id,
            parent,
            index,
            node,
        },
    )
    .unwrap();
    id
}

/// A small map: KP → areas A, B; A → function A1 → units U1, U2; B → unit U3.
pub struct Small {
    pub doc: Document,
    pub kp: NodeId,
    pub a: NodeId,
    pub b: NodeId,
    pub a1: NodeId,
    pub u1: NodeId,
    pub u2: NodeId,
    pub u3: NodeId,
}

pub fn small() -> Small {
    let map = FunctionalMap::new(MapMeta::new("Small"), KeyPurpose::new("Achieve results"));
    let mut doc = Document::new(map);
    let kp = doc.map().root();
    let a = add(&mut doc, kp, Function::new("A", "Plan work").into());
    let b = add(&mut doc, kp, Function::new("B", "Deliver work").into());
    let a1 = add(&mut doc, a, Function::new("A1", "Agree objectives").into());
    let mut unit = Unit::new("TST01", "Agree objectives with your team");
    unit.performance_criteria = vec![
        Statement::Item("agree goals".into()),
        Statement::Item("record goals".into()),
    ];
    unit.knowledge = vec![Statement::Item("how to set goals".into())];
    let u1 = add(&mut doc, a1, unit.into());
    let u2 = add(&mut doc, a1, Unit::new("TST02", "Review objectives").into());
    let u3 = add(&mut doc, b, Unit::new("TST03", "Deliver services").into());
    doc.mark_saved();
    Small {
        doc,
        kp,
        a,
        b,
        a1,
        u1,
        u2,
        u3,
    }
}

/// The editor window in egui_kittest at 1400×900, after its first frames.
#[cfg(feature = "gui")]
pub fn window(
    app: nosmap::app::NosmapApp,
) -> egui_kittest::Harness<'static, nosmap::app::NosmapApp> {
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut nosmap::app::NosmapApp| app.frame_ui(ui), app);
    harness.run();
    harness
}
