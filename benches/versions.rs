//! Versions on the whole catalogue map (~22,300 nodes): the diff of two versions 1,000 random
//! edits apart, and the three-way merge of two such edit sets made from one base.
//!
//! Run: `cargo bench --no-default-features --bench versions`. Figures: BENCHMARKS.md.

use std::sync::OnceLock;

use nosmap::analysis::versions::{compare, merge};
use nosmap::edit::{Document, Edit};
use nosmap::model::{FunctionalMap, NodeId, NodeKind, Statement, StatementList, Unit};

// Only the catalogue is used here, not the sizes the core benchmarks share.
#[allow(dead_code)]
mod common;

fn main() {
    let (base, ours, theirs) = versions();
    eprintln!(
        "base {} nodes; ours {} changes, theirs {} changes",
        base.len(),
        compare(base, ours).changes.len(),
        compare(base, theirs).changes.len()
    );
    divan::main();
}

/// The catalogue, and two versions of it each 1,000 edits away (different edits).
fn versions() -> &'static (FunctionalMap, FunctionalMap, FunctionalMap) {
    static CELL: OnceLock<(FunctionalMap, FunctionalMap, FunctionalMap)> = OnceLock::new();
    CELL.get_or_init(|| {
        let base = common::map_of("catalogue");
        let ours = edited(&base, 1, 1_000);
        let theirs = edited(&base, 2, 1_000);
        (base, ours, theirs)
    })
}

/// `count` edits of the kinds people make (rename, reword or add a statement, move, add or
/// remove a unit), at places picked by a seeded generator.
fn edited(base: &FunctionalMap, seed: u64, count: usize) -> FunctionalMap {
    let mut doc = Document::new(base.clone());
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |below: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % below.max(1)
    };
    let mut done = 0;
    while done < count {
        let map = doc.map();
        let units: Vec<NodeId> = map.units().map(|(id, _)| id).collect();
        let functions: Vec<NodeId> = map
            .nodes()
            .filter(|(_, n)| n.kind() == NodeKind::Function)
            .map(|(id, _)| id)
            .collect();
        let unit = units[next(units.len())];
        let function = functions[next(functions.len())];
        let edit = match next(5) {
            0 => {
                let mut node = map.node(unit).cloned().expect("a unit");
                if let nosmap::model::Node::Unit(u) = &mut node {
                    u.title = format!("{} (revised)", u.title);
                }
                Edit::SetNode { id: unit, node }
            }
            1 => Edit::InsertStatement {
                unit,
                list: StatementList::PerformanceCriteria,
                index: 0,
                statement: Statement::item("agree the plan with the people involved"),
            },
            2 => {
                let from = map.parents(unit)[0];
                Edit::Move {
                    node: unit,
                    from,
                    to: function,
                    index: 0,
                }
            }
            3 => Edit::AddNode {
                id: map.next_free_id(),
                parent: function,
                index: 0,
                node: Unit::new(format!("NEW{seed}{done}"), "Deliver a new service").into(),
            },
            _ => Edit::Remove {
                node: unit,
                parent: map.parents(unit)[0],
            },
        };
        if doc.apply("bench", edit).is_ok() {
            done += 1;
        }
    }
    doc.map().clone()
}

#[divan::bench(sample_count = 10)]
fn diff_catalogue_1000_edits() -> usize {
    let (base, ours, _) = versions();
    compare(divan::black_box(base), divan::black_box(ours))
        .changes
        .len()
}

#[divan::bench(sample_count = 10)]
fn merge_catalogue_two_sets_of_1000_edits() -> usize {
    let (base, ours, theirs) = versions();
    merge(base, ours, theirs).map(|m| m.map.len()).unwrap_or(0)
}
