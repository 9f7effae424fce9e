//! Three-way merge of map versions: `analysis::versions::merge` and `nosmap merge`.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::random_edits::{edited, op};
use nosmap::analysis::versions::merge;
use nosmap::edit::{Document, Edit};
use nosmap::io;
use nosmap::model::{FunctionalMap, Node, NodeId, StatementList};
use proptest::prelude::*;

fn base() -> FunctionalMap {
    io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, .. ProptestConfig::default() })]

    #[test]
    fn merging_with_an_unchanged_side_gives_the_changed_side(
        ops in proptest::collection::vec(op(), 1..25),
    ) {
        let base = base();
        let x = edited(&base, &ops);
        // Versions with no node but the key purpose in common read as maps built apart.
        prop_assume!(x.nodes().any(|(id, _)| id != x.root() && base.contains(id)));
        let merged = merge(&base, &x, &base).unwrap();
        prop_assert_eq!(&merged.map, &x);
        prop_assert!(merged.conflicts.is_empty());
        let merged = merge(&base, &base, &x).unwrap();
        prop_assert_eq!(&merged.map, &x);
        prop_assert!(merged.conflicts.is_empty());
    }
}

/// Units with performance criteria.
fn units(map: &FunctionalMap) -> Vec<NodeId> {
    map.units()
        .filter(|(_, u)| !u.performance_criteria.is_empty())
        .map(|(id, _)| id)
        .collect()
}

fn unit_mut(doc: &mut Document, id: NodeId, change: impl FnOnce(&mut nosmap::model::Unit)) {
    let mut node = doc.map().node(id).unwrap().clone();
    if let Node::Unit(unit) = &mut node {
        change(unit);
    }
    doc.apply("edit", Edit::SetNode { id, node }).unwrap();
}

/// Edits on different nodes and fields combine, in either order, and sets merge as sets.
#[test]
fn edits_on_different_nodes_combine_in_either_order() {
    let base = base();
    let ids = units(&base);
    let (u1, u2, u3) = (ids[0], ids[1], ids[2]);
    let mut ours = Document::new(base.clone());
    unit_mut(&mut ours, u1, |u| u.title = "Ours renamed this unit".into());
    unit_mut(&mut ours, u3, |u| {
        u.metadata.suites.push("Our suite".into())
    });
    let pc = base.unit(u2).unwrap().performance_criteria[0].id;
    ours.apply(
        "remove",
        Edit::RemoveStatement {
            unit: u2,
            list: StatementList::PerformanceCriteria,
            statement: pc,
        },
    )
    .unwrap();
    let mut theirs = Document::new(base.clone());
    unit_mut(&mut theirs, u2, |u| u.overview = "Their overview".into());
    unit_mut(&mut theirs, u3, |u| {
        u.metadata.suites.push("Their suite".into())
    });
    let area = base.children(base.root())[1];
    let from = base.parents(u1)[0];
    theirs
        .apply(
            "move",
            Edit::Move {
                node: u1,
                from,
                to: area,
                index: 0,
            },
        )
        .unwrap();
    let new_unit = common::add(
        &mut theirs,
        area,
        nosmap::model::Unit::new("THEIRS01", "Their new unit").into(),
    );

    for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
        let merged = merge(&base, a.map(), b.map()).unwrap();
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let map = &merged.map;
        assert!(map.check_invariants().is_empty());
        assert_eq!(map.unit(u1).unwrap().title, "Ours renamed this unit");
        assert_eq!(map.parents(u1), vec![area]);
        assert_eq!(map.unit(u2).unwrap().overview, "Their overview");
        assert!(
            map.unit(u2)
                .unwrap()
                .performance_criteria
                .iter()
                .all(|s| s.id != pc)
        );
        let suites = &map.unit(u3).unwrap().metadata.suites;
        assert!(
            suites.contains(&"Our suite".to_string())
                && suites.contains(&"Their suite".to_string()),
            "{suites:?}"
        );
        let added: Vec<_> = map.units().filter(|(_, u)| u.urn == "THEIRS01").collect();
        assert_eq!(added.len(), 1);
        let _ = new_unit;
    }
}

/// Both reworded one PC differently; one side removed a unit the other edited: ours is kept and
/// each conflict is named with its place.
#[test]
fn true_conflicts_keep_ours_and_are_listed() {
    let base = base();
    let ids = units(&base);
    let (u1, u2) = (ids[0], ids[1]);
    let pc = base.unit(u1).unwrap().performance_criteria[0].clone();
    let reword = |doc: &mut Document, text: &str| {
        let mut statement = pc.clone();
        statement.text = text.to_string();
        doc.apply(
            "reword",
            Edit::SetStatement {
                unit: u1,
                list: StatementList::PerformanceCriteria,
                statement,
            },
        )
        .unwrap();
    };
    let mut ours = Document::new(base.clone());
    reword(&mut ours, "our wording");
    unit_mut(&mut ours, u2, |u| {
        u.overview = "Ours kept this unit and edited it".into()
    });
    let mut theirs = Document::new(base.clone());
    reword(&mut theirs, "their wording");
    for parent in base.parents(u2) {
        if theirs.map().contains(u2) {
            theirs
                .apply("remove", Edit::Remove { node: u2, parent })
                .unwrap();
        }
    }
    let merged = merge(&base, ours.map(), theirs.map()).unwrap();
    let map = &merged.map;
    assert_eq!(merged.conflicts.len(), 2, "{:?}", merged.conflicts);
    let statement = merged
        .conflicts
        .iter()
        .find(|c| c.what == "statement")
        .unwrap();
    assert_eq!(statement.location.node, u1);
    assert_eq!(
        (statement.ours.as_str(), statement.theirs.as_str()),
        ("our wording", "their wording")
    );
    assert_eq!(
        map.unit(u1).unwrap().performance_criteria[0].text,
        "our wording"
    );
    let removed = merged.conflicts.iter().find(|c| c.what == "node").unwrap();
    assert_eq!(removed.location.node, u2);
    assert!(map.contains(u2), "ours edited it, so it stays");
    // Each conflict is recorded on its node for the editor to list.
    assert_eq!(map.node(u1).unwrap().annotations().conflicts.len(), 1);
    assert_eq!(map.node(u2).unwrap().annotations().conflicts.len(), 1);
}

/// Content edits of one side's units: retitle, reword, remove or move a PC.
fn side_edits(map: &FunctionalMap, even: bool, picks: &[(usize, u8, String)]) -> Vec<Edit> {
    let mine: Vec<NodeId> = units(map)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| (i % 2 == 0) == even)
        .map(|(_, id)| id)
        .collect();
    let mut doc = Document::new(map.clone());
    let mut edits = Vec::new();
    for (seed, kind, text) in picks {
        let unit = mine[seed % mine.len()];
        let pcs = doc.map().unit(unit).unwrap().performance_criteria.clone();
        let edit = match (kind % 4, pcs.first()) {
            (0, _) | (_, None) => {
                let mut node = doc.map().node(unit).unwrap().clone();
                if let Node::Unit(u) = &mut node {
                    u.title = format!("{} {text}", u.title);
                }
                Edit::SetNode { id: unit, node }
            }
            (1, Some(pc)) => {
                let mut statement = pc.clone();
                statement.text = format!("{text} {}", pc.text);
                Edit::SetStatement {
                    unit,
                    list: StatementList::PerformanceCriteria,
                    statement,
                }
            }
            (2, Some(pc)) => Edit::RemoveStatement {
                unit,
                list: StatementList::PerformanceCriteria,
                statement: pc.id,
            },
            (_, Some(pc)) => Edit::MoveStatement {
                unit,
                list: StatementList::PerformanceCriteria,
                statement: pc.id,
                to: pcs.len() - 1,
            },
        };
        doc.apply("edit", edit.clone()).unwrap();
        edits.push(edit);
    }
    edits
}

fn replay(map: &FunctionalMap, edits: &[Edit]) -> FunctionalMap {
    let mut doc = Document::new(map.clone());
    for edit in edits {
        doc.apply("replay", edit.clone()).unwrap();
    }
    doc.map().clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    #[test]
    fn edits_on_disjoint_units_merge_to_both_in_either_order(
        ours in proptest::collection::vec((0usize..500, 0u8..4, "[a-z]{1,8}"), 1..12),
        theirs in proptest::collection::vec((0usize..500, 0u8..4, "[a-z]{1,8}"), 1..12),
    ) {
        let base = base();
        let (a, b) = (side_edits(&base, true, &ours), side_edits(&base, false, &theirs));
        let (x, y) = (replay(&base, &a), replay(&base, &b));
        let both = replay(&x, &b);
        prop_assert_eq!(&both, &replay(&y, &a), "the edits commute");
        let merged = merge(&base, &x, &y).unwrap();
        prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        prop_assert_eq!(&merged.map, &both);
        let merged = merge(&base, &y, &x).unwrap();
        prop_assert_eq!(&merged.map, &both);
    }
}
