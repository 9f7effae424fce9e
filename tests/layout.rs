//! Scene geometry: no overlaps, text inside boxes, connectors joining boxes, determinism.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use nosmap::edit::{Document, Edit};
use nosmap::layout::{BadgeKind, LayoutStyle, Scene, layout};
use nosmap::model::{Function, FunctionalMap, KeyPurpose, MapMeta, Unit};
use nosmap::view::{Direction, LayoutKind, ViewState};

const TOLERANCE: f32 = 0.01;

fn check_geometry(scene: &Scene) {
    let boxes = &scene.boxes;
    // No two boxes overlap: sweep along x so large scenes stay quick.
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[a].rect.x.total_cmp(&boxes[b].rect.x));
    for (i, &a) in order.iter().enumerate() {
        for &b in &order[i + 1..] {
            if boxes[b].rect.x >= boxes[a].rect.right() {
                break;
            }
            assert!(
                !boxes[a].rect.overlaps(&boxes[b].rect),
                "boxes {:?} and {:?} overlap",
                boxes[a].node,
                boxes[b].node
            );
        }
    }
    for scene_box in boxes {
        assert!(
            scene.bounds.contains_rect(&scene_box.rect, TOLERANCE),
            "box outside the bounds"
        );
        for line in &scene_box.lines {
            assert!(
                scene_box.rect.contains_rect(&line.rect, TOLERANCE),
                "line {:?} leaves its box",
                line.text
            );
            assert!(
                line.origin.y > line.rect.y && line.origin.y < line.rect.bottom(),
                "baseline outside its line"
            );
        }
        for badge in &scene_box.badges {
            assert!(
                scene_box.rect.contains_rect(&badge.rect, TOLERANCE),
                "badge leaves its box"
            );
            assert!(
                badge.rect.contains_rect(&badge.label.rect, TOLERANCE),
                "badge label leaves its badge"
            );
            for line in &scene_box.lines {
                assert!(
                    !badge.rect.overlaps(&line.rect),
                    "badge covers the line {:?}",
                    line.text
                );
            }
        }
    }
    for connector in &scene.connectors {
        let (from, to) = (&boxes[connector.from], &boxes[connector.to]);
        assert_eq!(
            to.parent,
            Some(from.node),
            "connector does not join a parent to its child"
        );
        let (first, last) = (
            connector.points[0],
            connector.points[connector.points.len() - 1],
        );
        assert!(
            from.rect.has_on_edge(first, TOLERANCE),
            "connector does not start on its parent"
        );
        assert!(
            to.rect.has_on_edge(last, TOLERANCE),
            "connector does not end on its child"
        );
        for pair in connector.points.windows(2) {
            let axis_aligned = (pair[0].x - pair[1].x).abs() < TOLERANCE
                || (pair[0].y - pair[1].y).abs() < TOLERANCE;
            assert!(axis_aligned, "connector segment is not orthogonal");
        }
    }
    assert_eq!(
        scene.connectors.len(),
        boxes.len() - 1,
        "every box but the root has one connector"
    );
    check_connectors_cross_no_box(scene);
}

/// No connector runs through a box other than the two it joins (sweep along x, as above).
fn check_connectors_cross_no_box(scene: &Scene) {
    let boxes = &scene.boxes;
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[a].rect.x.total_cmp(&boxes[b].rect.x));
    let lefts: Vec<f32> = order.iter().map(|&i| boxes[i].rect.x).collect();
    let widest = boxes.iter().map(|b| b.rect.width).fold(0.0, f32::max);
    for connector in &scene.connectors {
        for pair in connector.points.windows(2) {
            let segment = nosmap::layout::Rect {
                x: pair[0].x.min(pair[1].x) + TOLERANCE,
                y: pair[0].y.min(pair[1].y) + TOLERANCE,
                width: ((pair[0].x - pair[1].x).abs() - 2.0 * TOLERANCE).max(0.0),
                height: ((pair[0].y - pair[1].y).abs() - 2.0 * TOLERANCE).max(0.0),
            };
            let from = lefts.partition_point(|&x| x < segment.x - widest);
            for &i in &order[from..] {
                let other = &boxes[i].rect;
                if other.x > segment.right() {
                    break;
                }
                if i == connector.from || i == connector.to {
                    continue;
                }
                let crosses = segment.x < other.right()
                    && other.x < segment.right()
                    && segment.y < other.bottom()
                    && other.y < segment.bottom();
                assert!(
                    !crosses,
                    "the connector {:?} → {:?} crosses the box of {:?}",
                    boxes[connector.from].node, boxes[connector.to].node, boxes[i].node
                );
            }
        }
    }
}

/// Both layouts, both directions.
fn views() -> Vec<ViewState> {
    let mut views = Vec::new();
    for layout in [LayoutKind::Compact, LayoutKind::Tree] {
        for direction in [Direction::LeftToRight, Direction::TopDown] {
            views.push(ViewState {
                direction,
                layout,
                ..ViewState::default()
            });
        }
    }
    views
}

#[test]
fn every_example_lays_out_cleanly_both_ways() {
    for path in common::example_paths() {
        let map = nosmap::io::load(&path).unwrap();
        for view in views() {
            let scene = layout(&map, &view, &LayoutStyle::default());
            assert_eq!(scene.boxes.len(), map.walk().len(), "{}", path.display());
            check_geometry(&scene);
        }
    }
}

#[test]
fn the_same_map_always_gives_the_same_scene() {
    let map = nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap();
    let style = LayoutStyle::default();
    let first = layout(&map, &ViewState::default(), &style);
    let reloaded = nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap();
    assert_eq!(layout(&reloaded, &ViewState::default(), &style), first);
}

#[test]
fn the_tree_left_to_right_puts_children_right_of_parents_and_centres_parents() {
    let s = common::small();
    let view = ViewState {
        layout: LayoutKind::Tree,
        ..ViewState::default()
    };
    let scene = layout(s.doc.map(), &view, &LayoutStyle::default());
    let find = |id| scene.boxes.iter().find(|b| b.node == id).unwrap();
    let (kp, a, b) = (find(s.kp), find(s.a), find(s.b));
    assert!(a.rect.x > kp.rect.right() && b.rect.x > kp.rect.right());
    assert!(
        a.rect.bottom() <= b.rect.y,
        "siblings keep their order top to bottom"
    );
    let span = (a.rect.centre().y + b.rect.centre().y) / 2.0;
    let children_centre = kp.rect.centre().y;
    assert!(
        (children_centre - span).abs() < 60.0,
        "key purpose not centred over its areas"
    );
}

#[test]
fn compact_children_follow_their_parent_and_siblings_read_in_order() {
    for path in common::example_paths() {
        let map = nosmap::io::load(&path).unwrap();
        for view in views()
            .into_iter()
            .filter(|v| v.layout == LayoutKind::Compact)
        {
            let scene = layout(&map, &view, &LayoutStyle::default());
            for connector in &scene.connectors {
                let (parent, child) = (
                    &scene.boxes[connector.from].rect,
                    &scene.boxes[connector.to].rect,
                );
                assert!(
                    child.x >= parent.right() || child.y >= parent.bottom(),
                    "a child before its parent ({})",
                    path.display()
                );
            }
            // Siblings: down a column, then on to the next column to the right.
            for entry in 0..scene.boxes.len() {
                let kids: Vec<&nosmap::layout::Rect> = scene
                    .connectors
                    .iter()
                    .filter(|c| c.from == entry)
                    .map(|c| &scene.boxes[c.to].rect)
                    .collect();
                for pair in kids.windows(2) {
                    let (a, b) = (pair[0], pair[1]);
                    // Further down the same column, or in a column (or row place) to the right.
                    let below = b.y >= a.bottom();
                    let right = b.x >= a.right();
                    assert!(
                        below || right,
                        "siblings out of reading order: {a:?} then {b:?} ({}, {:?})",
                        path.display(),
                        view.direction
                    );
                }
            }
        }
    }
}

#[test]
fn folded_branches_are_hidden_and_counted() {
    let s = common::small();
    let mut view = ViewState::default();
    view.folded.insert(s.a);
    let scene = layout(s.doc.map(), &view, &LayoutStyle::default());
    assert!(scene.boxes.iter().all(|b| b.node != s.a1 && b.node != s.u1));
    let area = scene.boxes.iter().find(|b| b.node == s.a).unwrap();
    assert_eq!(
        area.badges.iter().map(|b| b.kind).collect::<Vec<_>>(),
        [BadgeKind::Folded { hidden: 3 }]
    );
    check_geometry(&scene);
}

#[test]
fn shared_units_are_drawn_at_each_placement_with_a_marker() {
    let mut s = common::small();
    place_u1_also_under_b(&mut s);
    let scene = layout(s.doc.map(), &ViewState::default(), &LayoutStyle::default());
    let placements: Vec<_> = scene.boxes.iter().filter(|b| b.node == s.u1).collect();
    assert_eq!(placements.len(), 2);
    assert_eq!(
        placements
            .iter()
            .filter_map(|b| b.parent)
            .collect::<Vec<_>>(),
        [s.a1, s.b]
    );
    for placement in placements {
        assert_eq!(
            placement.badges[0].kind,
            BadgeKind::Shared { placements: 2 }
        );
    }
    check_geometry(&scene);
}

/// KP → 8 areas → 5 functions each → 50 units each = 2,000 units, with long and short titles and
/// some shared placements.
fn generated_map() -> FunctionalMap {
    let map = FunctionalMap::new(
        MapMeta::new("Generated"),
        KeyPurpose::new("Run a large organisation well"),
    );
    let mut doc = Document::new(map);
    let kp = doc.map().root();
    let words = [
        "Plan",
        "deliver",
        "and",
        "review",
        "services",
        "for",
        "customers",
        "in",
        "your",
        "area",
        "of",
        "responsibility",
    ];
    let mut first_unit = None;
    for a in 0..8 {
        let area = common::add(
            &mut doc,
            kp,
            Function::new(format!("{a}"), format!("Area {a} of the organisation")).into(),
        );
        for f in 0..5 {
            let function = common::add(
                &mut doc,
                area,
                Function::new(format!("{a}.{f}"), "Manage operations").into(),
            );
            for u in 0..50 {
                let length = 2 + (a * 7 + f * 3 + u) % (words.len() - 1);
                let title = words[..length].join(" ");
                let id = common::add(
                    &mut doc,
                    function,
                    Unit::new(format!("GEN{a}{f}{u:02}"), title).into(),
                );
                first_unit.get_or_insert(id);
                if u == 0 && f == 4 && a > 0 {
                    let index = doc.map().children(function).len();
                    doc.apply(
                        "place",
                        Edit::Place {
                            unit: first_unit.unwrap(),
                            parent: function,
                            index,
                        },
                    )
                    .unwrap();
                }
            }
        }
    }
    doc.map().clone()
}

#[test]
fn a_generated_2000_unit_map_lays_out_cleanly() {
    let map = generated_map();
    assert_eq!(map.units().count(), 2000);
    for view in views() {
        let scene = layout(&map, &view, &LayoutStyle::default());
        assert_eq!(scene.boxes.len(), 1 + 8 + 40 + 2000 + 7);
        check_geometry(&scene);
    }
}

#[test]
fn the_geometry_check_catches_a_connector_through_a_box() {
    let map = nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap();
    let mut scene = layout(&map, &ViewState::default(), &LayoutStyle::default());
    check_geometry(&scene);
    // Send the first connector straight through the box drawn after its child.
    let connector = &mut scene.connectors[0];
    let beyond = scene.boxes[connector.to + 1].rect.centre();
    let start = connector.points[0];
    connector.points = vec![
        start,
        nosmap::layout::Point {
            x: start.x,
            y: beyond.y,
        },
        nosmap::layout::Point {
            x: beyond.x + 500.0,
            y: beyond.y,
        },
    ];
    let caught = std::panic::catch_unwind(|| check_connectors_cross_no_box(&scene));
    assert!(caught.is_err(), "a line through a box went unnoticed");
}

/// A unit with every badge at once (shared, agreed, votes, an open comment) and its counts: the
/// header used to squeeze the URN until it broke in the middle ("LSILADD0" / "1"). The URN stays
/// whole on one line, the counts move below when they do not fit beside it, and nothing overlaps.
#[test]
fn badges_never_break_a_urn() {
    use nosmap::model::{Comment, Node, Verdict, Workshop};
    let mut s = common::small();
    let mut unit = s.doc.map().node(s.u1).unwrap().clone();
    if let Node::Unit(u) = &mut unit {
        u.urn = "LSILADD01".into();
    }
    *unit.workshop_mut() = Workshop {
        verdict: Some(Verdict::Agreed(
            nosmap::model::Date::new(2026, 12, 4).unwrap(),
        )),
        votes_for: 12,
        votes_against: 3,
    };
    let unit = unit.with_comments([Comment {
        text: "Say who agrees the plan.".into(),
        ..Comment::default()
    }]);
    s.doc
        .apply(
            "badges",
            Edit::SetNode {
                id: s.u1,
                node: unit,
            },
        )
        .unwrap();
    place_u1_also_under_b(&mut s);
    for kind in [LayoutKind::Compact, LayoutKind::Tree] {
        let view = ViewState {
            layout: kind,
            ..ViewState::default()
        };
        let style = LayoutStyle {
            show_comments: true,
            ..LayoutStyle::default()
        };
        let scene = layout(s.doc.map(), &view, &style);
        let boxes: Vec<_> = scene.boxes.iter().filter(|b| b.node == s.u1).collect();
        assert_eq!(boxes.len(), 2);
        for scene_box in boxes {
            assert_eq!(scene_box.badges.len(), 4, "{:?}", scene_box.badges);
            let texts: Vec<&str> = scene_box.lines.iter().map(|l| l.text.as_str()).collect();
            assert!(texts.contains(&"LSILADD01"), "{kind:?}: {texts:?}");
            assert!(texts.iter().any(|t| t.contains("PC")), "{texts:?}");
            for badge in &scene_box.badges {
                for line in &scene_box.lines {
                    assert!(
                        !badge.rect.overlaps(&line.rect),
                        "{kind:?}: badge {:?} covers {:?}",
                        badge.label,
                        line.text
                    );
                }
            }
        }
        check_geometry(&scene);
    }
}

/// Places the small fixture's unit u1 under b too (shared).
fn place_u1_also_under_b(s: &mut common::Small) {
    s.doc
        .apply(
            "place",
            Edit::Place {
                unit: s.u1,
                parent: s.b,
                index: 0,
            },
        )
        .unwrap();
}
