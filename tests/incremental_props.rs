//! Property tests for the speed issue: what is derived from a map after each change equals what
//! is derived from scratch. Random edits (with undo and redo) are applied one at a time; after
//! every step the incrementally updated check report (and the map's counts) equals a fresh full
//! check, and the Scene laid out from the previous one equals a fresh layout.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::random_edits::{Op, op, to_edit};
use nosmap::analysis::checks::{CheckContext, CheckLevel, Checker, check};
use nosmap::analysis::{MapStats, StatsCache};
use nosmap::edit::Document;
use nosmap::layout::{LayoutStyle, Scene, layout, relayout};
use nosmap::model::{Date, FunctionalMap, NodeId};
use nosmap::view::{Direction, LayoutKind, ViewState};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Step {
    Edit(Op),
    Undo,
    Redo,
    /// Draft or publish level, and a day for the review-date rule (or none).
    Context(bool, Option<u8>),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => op().prop_map(Step::Edit),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        1 => (any::<bool>(), proptest::option::of(1u8..28)).prop_map(|(p, d)| Step::Context(p, d)),
    ]
}

fn start(which: bool) -> FunctionalMap {
    if which {
        nosmap::io::load(&common::example(
            "management-and-leadership-2008.nosmap.ron",
        ))
        .unwrap()
    } else {
        common::small().doc.map().clone()
    }
}

/// Applies one step to the document (or the context); false when it changed nothing.
fn take(doc: &mut Document, context: &mut CheckContext, step: &Step) {
    match step {
        Step::Edit(op) => {
            if let Some(edit) = to_edit(doc.map(), op) {
                let _ = doc.apply("edit", edit);
            }
        }
        Step::Undo => {
            doc.undo();
        }
        Step::Redo => {
            doc.redo();
        }
        Step::Context(publish, day) => {
            context.level = if *publish {
                CheckLevel::Publish
            } else {
                CheckLevel::Draft
            };
            context.today = day.map(|d| Date::new(2020, 1, d).unwrap());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]

    #[test]
    fn the_incremental_report_equals_a_full_check_after_every_step(
        which in any::<bool>(),
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let mut doc = Document::new(start(which));
        let mut context = CheckContext::draft(None);
        let mut checker = Checker::new(context);
        let mut stats = StatsCache::default();
        prop_assert_eq!(checker.update(doc.map(), &context), &check(doc.map(), &context));
        for step in &steps {
            take(&mut doc, &mut context, step);
            let fresh = check(doc.map(), &context);
            let kept = checker.update(doc.map(), &context);
            prop_assert_eq!(kept, &fresh, "after {:?}", step);
            prop_assert_eq!(stats.update(doc.map()), &MapStats::of(doc.map()), "after {:?}", step);
        }
    }
}

#[derive(Clone, Debug)]
enum ViewStep {
    Edit(Op),
    Undo,
    Redo,
    /// Fold or unfold the nth node that has children.
    Fold(usize),
    /// Another target shape (width over height).
    Aspect(u8),
    Direction,
    Kind,
    /// Show or hide URNs and counts: another measuring style.
    Urns,
}

fn view_step() -> impl Strategy<Value = ViewStep> {
    prop_oneof![
        8 => op().prop_map(ViewStep::Edit),
        2 => Just(ViewStep::Undo),
        1 => Just(ViewStep::Redo),
        3 => (0usize..1000).prop_map(ViewStep::Fold),
        1 => (1u8..40).prop_map(ViewStep::Aspect),
        1 => Just(ViewStep::Direction),
        1 => Just(ViewStep::Kind),
        1 => Just(ViewStep::Urns),
    ]
}

/// Applies `steps` one at a time from `start`, checking after each that the Scene laid out from
/// the previous one equals a fresh layout.
fn relayout_follows(start: FunctionalMap, steps: &[ViewStep]) -> Result<(), TestCaseError> {
    let mut doc = Document::new(start);
    let mut view = ViewState::default();
    let mut style = LayoutStyle::default();
    let mut scene = layout(doc.map(), &view, &style);
    for step in steps {
        match step {
            ViewStep::Edit(op) => {
                if let Some(edit) = to_edit(doc.map(), op) {
                    let _ = doc.apply("edit", edit);
                }
            }
            ViewStep::Undo => {
                doc.undo();
            }
            ViewStep::Redo => {
                doc.redo();
            }
            ViewStep::Fold(n) => {
                let holders: Vec<NodeId> = doc
                    .map()
                    .nodes()
                    .map(|(id, _)| id)
                    .filter(|&id| !doc.map().children(id).is_empty())
                    .collect();
                if !holders.is_empty() {
                    let id = holders[n % holders.len()];
                    if !view.folded.remove(&id) {
                        view.folded.insert(id);
                    }
                }
            }
            ViewStep::Aspect(a) => style.target_aspect = f32::from(*a) / 10.0,
            ViewStep::Direction => {
                view.direction = match view.direction {
                    Direction::LeftToRight => Direction::TopDown,
                    Direction::TopDown => Direction::LeftToRight,
                }
            }
            ViewStep::Kind => {
                view.layout = match view.layout {
                    LayoutKind::Compact => LayoutKind::Tree,
                    LayoutKind::Tree => LayoutKind::Compact,
                }
            }
            ViewStep::Urns => {
                style.show_urns = !style.show_urns;
                style.show_counts = !style.show_counts;
            }
        }
        view.folded.retain(|&id| doc.map().contains(id));
        scene = relayout(doc.map(), &view, &style, scene);
        let fresh = layout(doc.map(), &view, &style);
        prop_assert!(scene == fresh, "after {:?}", step);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn a_scene_laid_out_again_from_the_last_equals_a_fresh_layout(
        which in any::<bool>(),
        steps in proptest::collection::vec(view_step(), 1..30),
    ) {
        relayout_follows(start(which), &steps)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// A map big enough that the compact layout's search sizes only the top for each candidate
    /// and keeps every candidate's blocks between layouts.
    #[test]
    fn a_big_scene_laid_out_again_equals_a_fresh_layout(
        steps in proptest::collection::vec(view_step(), 1..16),
    ) {
        relayout_follows(nosmap::generate::generated_map(2_000), &steps)?;
    }
}

/// The heap address of each box's first line, by placement: a box taken from the previous
/// Scene keeps its text where it was.
fn text_addresses(scene: &Scene) -> std::collections::HashMap<(Option<NodeId>, NodeId), usize> {
    scene
        .boxes
        .iter()
        .filter_map(|b| Some(((b.parent, b.node), b.lines.first()?.text.as_ptr() as usize)))
        .collect()
}

/// Laying out again keeps the measured boxes of the nodes that did not change (moved, not
/// measured again: their text is where it was) and measures the renamed one. In the compact
/// layout of a small map, units measured at another width to fill the page are measured again.
#[test]
fn laying_out_again_keeps_the_boxes_of_unchanged_nodes() {
    for kind in [LayoutKind::Tree, LayoutKind::Compact] {
        let mut doc = Document::new(start(true));
        let view = ViewState {
            layout: kind,
            ..ViewState::default()
        };
        let style = LayoutStyle::default();
        let scene = layout(doc.map(), &view, &style);
        let before = text_addresses(&scene);
        let unit = doc.map().units().nth(3).unwrap().0;
        let edit =
            nosmap::edit::ops::rename(doc.map(), unit, "Lead the team through change").unwrap();
        doc.apply("rename", edit).unwrap();
        let scene = relayout(doc.map(), &view, &style, scene);
        let after = text_addresses(&scene);
        let kept = |place: &(Option<NodeId>, NodeId)| after.get(place) == before.get(place);
        let functions: Vec<_> = before
            .keys()
            .filter(|place| doc.map().unit(place.1).is_none())
            .collect();
        assert!(functions.len() > 5, "{}", functions.len());
        assert!(functions.iter().all(|place| kept(place)), "{kind:?}");
        if kind == LayoutKind::Tree {
            let others = before.keys().filter(|place| place.1 != unit);
            assert!(others.into_iter().all(kept));
        }
        let renamed = scene.boxes.iter().find(|b| b.node == unit).unwrap();
        assert!(renamed.lines.iter().any(|l| l.text.contains("change")));
        assert!(scene == layout(doc.map(), &view, &style));
    }
}

/// A checker never takes one map's findings for another's, even a copy that went its own way.
#[test]
fn a_copy_of_the_map_is_checked_afresh() {
    let mut doc = Document::new(start(false));
    let context = CheckContext::draft(None);
    let mut checker = Checker::new(context);
    checker.update(doc.map(), &context);
    let copy = doc.map().clone();
    let mut other = Document::new(copy);
    let unit = other.map().units().next().unwrap().0;
    let edit = nosmap::edit::ops::rename(other.map(), unit, "").unwrap();
    other.apply("rename", edit).unwrap();
    // The copy's edit happened after the checker's stamp, but on another lineage.
    assert_eq!(
        checker.update(other.map(), &context),
        &check(other.map(), &context)
    );
    assert_eq!(
        checker.update(doc.map(), &context),
        &check(doc.map(), &context)
    );
    let edit = nosmap::edit::ops::rename(doc.map(), unit, "Lead").unwrap();
    doc.apply("rename", edit).unwrap();
    assert_eq!(
        checker.update(doc.map(), &context),
        &check(doc.map(), &context)
    );
}
