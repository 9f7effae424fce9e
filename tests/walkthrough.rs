//! Workshop walkthroughs generated from the hierarchy, and the edits captured while presenting.
#![allow(clippy::unwrap_used)]

mod common;

use common::small;
use nosmap::edit::ops::mark;
use nosmap::model::{Date, NodeKind, Verdict};
use nosmap::walkthrough::{shown_by, step_for, walkthrough};

#[test]
fn every_example_walks_from_the_key_purpose_through_each_key_area() {
    for path in common::example_paths() {
        let map = nosmap::io::load(&path).unwrap();
        let root = map.root();
        let areas = map.children(root).to_vec();
        let steps = walkthrough(&map, false);
        assert_eq!(steps[0].node, root, "{}", path.display());
        assert_eq!(steps[0].depth, 1);
        let step_nodes: Vec<_> = steps[1..].iter().map(|s| s.node).collect();
        assert_eq!(
            step_nodes,
            areas,
            "{}: one step per key area, in order",
            path.display()
        );
        for step in &steps {
            let shown = shown_by(&map, step);
            assert!(shown.contains(&step.node));
            // A key area's step shows its functions, down to the deepest.
            for &child in map.children(step.node) {
                if map.node(child).unwrap().kind() == NodeKind::Function {
                    assert!(shown.contains(&child), "{}", path.display());
                }
            }
        }

        let with_units = walkthrough(&map, true);
        let holding_units = map
            .nodes()
            .filter(|(id, node)| {
                node.kind() == NodeKind::Function
                    && map
                        .children(*id)
                        .iter()
                        .any(|&c| map.node(c).unwrap().kind() == NodeKind::Unit)
            })
            .count();
        let extra = with_units.len() - steps.len();
        let areas_with_units_and_depth_one = steps[1..]
            .iter()
            .filter(|s| {
                s.depth == 1
                    && map
                        .children(s.node)
                        .iter()
                        .any(|&c| map.node(c).unwrap().kind() == NodeKind::Unit)
            })
            .count();
        assert_eq!(
            extra + areas_with_units_and_depth_one,
            holding_units,
            "{}: each function holding units gets a step",
            path.display()
        );
        assert_eq!(walkthrough(&map, true), with_units, "deterministic");
    }
}

#[test]
fn a_click_jumps_to_the_step_that_shows_the_node() {
    let s = small();
    let map = s.doc.map();
    let mut steps = walkthrough(map, true);
    assert_eq!(step_for(map, &steps, s.a), Some(1));
    assert_eq!(step_for(map, &steps, s.u3), Some(2), "inside B's step");
    let a1_step = steps.iter().position(|st| st.node == s.a1).unwrap();
    assert_eq!(
        step_for(map, &steps, s.a1),
        Some(a1_step),
        "its own step first"
    );
    steps[a1_step].hidden = true;
    assert_eq!(
        step_for(map, &steps, s.a1),
        Some(1),
        "hidden steps are skipped"
    );
}

#[test]
fn marks_and_votes_are_single_edits() {
    let mut s = small();
    let day = Date::new(2026, 11, 28).unwrap();
    let edit = mark(s.doc.map(), s.a, |w| w.verdict = Some(Verdict::Agreed(day))).unwrap();
    s.doc.apply("agree", edit).unwrap();
    let edit = mark(s.doc.map(), s.a, |w| w.votes_for += 1).unwrap();
    s.doc.apply("vote", edit).unwrap();
    let workshop = s.doc.map().node(s.a).unwrap().workshop().clone();
    assert_eq!(workshop.verdict, Some(Verdict::Agreed(day)));
    assert_eq!(workshop.votes_for, 1);
    assert!(
        mark(s.doc.map(), s.a, |w| w.votes_for = 1).is_none(),
        "no change, no edit"
    );
    s.doc.undo();
    s.doc.undo();
    assert!(s.doc.map().node(s.a).unwrap().workshop().is_empty());
}

#[test]
fn the_report_shows_workshop_decisions_once_there_are_any() {
    let mut s = small();
    let plain = nosmap::render::markdown(s.doc.map());
    assert!(!plain.contains("Workshop"));
    let day = Date::new(2026, 11, 28).unwrap();
    let edit = mark(s.doc.map(), s.a, |w| {
        w.verdict = Some(Verdict::Agreed(day));
        w.votes_for = 5;
        w.votes_against = 1;
    })
    .unwrap();
    s.doc.apply("agree", edit).unwrap();
    let edit = mark(s.doc.map(), s.b, |w| {
        w.verdict = Some(Verdict::NeedsDiscussion)
    })
    .unwrap();
    s.doc.apply("discuss", edit).unwrap();
    let report = nosmap::render::markdown(s.doc.map());
    assert!(report.contains("Workshop"));
    let line_of = |title: &str| {
        report
            .lines()
            .find(|l| l.contains(title))
            .unwrap()
            .to_string()
    };
    assert!(line_of("Plan work").contains("agreed 2026-11-28 · 5 for, 1 against"));
    assert!(line_of("Deliver work").contains("needs discussion"));
    assert!(nosmap::render::html(s.doc.map()).contains("needs discussion"));
}

#[test]
fn decisions_show_on_the_boxes_of_every_picture() {
    use nosmap::layout::{BadgeKind, LayoutStyle, layout};
    let mut s = small();
    let day = Date::new(2026, 11, 28).unwrap();
    let edit = mark(s.doc.map(), s.a, |w| {
        w.verdict = Some(Verdict::Agreed(day));
        w.votes_for = 3;
        w.votes_against = 1;
    })
    .unwrap();
    s.doc.apply("agree", edit).unwrap();
    let edit = mark(s.doc.map(), s.u3, |w| {
        w.verdict = Some(Verdict::NeedsDiscussion)
    })
    .unwrap();
    s.doc.apply("discuss", edit).unwrap();
    let scene = layout(s.doc.map(), &Default::default(), &LayoutStyle::default());
    let badges_of = |node| {
        let scene_box = scene.boxes.iter().find(|b| b.node == node).unwrap();
        for badge in &scene_box.badges {
            assert!(
                badge.rect.x >= scene_box.rect.x - 0.01,
                "badge inside its box"
            );
        }
        scene_box
            .badges
            .iter()
            .map(|b| (b.kind, b.label.text.clone()))
            .collect::<Vec<_>>()
    };
    let on_a = badges_of(s.a);
    assert!(on_a.contains(&(BadgeKind::Agreed, "agreed".into())));
    assert!(on_a.contains(&(
        BadgeKind::Votes {
            votes_for: 3,
            votes_against: 1
        },
        "+3 \u{2212}1".into()
    )));
    assert_eq!(
        badges_of(s.u3),
        [(BadgeKind::NeedsDiscussion, "discuss".to_string())]
    );
    assert!(badges_of(s.b).is_empty());
    let svg = nosmap::render::svg(&scene, &Default::default());
    assert!(
        svg.contains("agreed") && svg.contains("discuss"),
        "exports draw them too"
    );
}
