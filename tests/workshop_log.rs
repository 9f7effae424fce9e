//! The workshop log apart from the map's structure, and steps framed for reading in a room.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;

use common::small;
use nosmap::analysis::checks::{CheckContext, check};
use nosmap::edit::ops::{PARKING_LOT, mark, new_child};
use nosmap::edit::{Document, Edit};
use nosmap::layout::LayoutStyle;
use nosmap::model::{ChangeKind, Date, Function, Node, NodeKind, Verdict};
use nosmap::view::ViewState;
use nosmap::walkthrough::framing::{Screen, frame_step};
use nosmap::walkthrough::log::{
    park_idea, parking_lot_into_log, place_idea, record_session, session_on, sessions,
};
use nosmap::walkthrough::walkthrough;

fn day() -> Option<Date> {
    Date::new(2026, 12, 4)
}

fn apply_all(doc: &mut Document, label: &str, edits: Vec<Edit>) {
    doc.transact(label, |doc| {
        edits.into_iter().try_for_each(|e| doc.apply(label, e))
    })
    .unwrap();
}

#[test]
fn ideas_go_to_the_days_session_in_the_log_not_into_the_map() {
    let mut s = small();
    let before = s.doc.map().clone();
    let report_before = check(&before, &CheckContext::draft(day()));
    for idea in ["Use peer coaching", "Add a digital unit"] {
        let edit = park_idea(s.doc.map(), day(), idea).unwrap();
        s.doc.apply("idea", edit).unwrap();
    }
    assert!(
        park_idea(s.doc.map(), day(), "  ").is_none(),
        "no blank ideas"
    );
    let map = s.doc.map();
    assert_eq!(sessions(map).len(), 1, "one session for the day");
    let session = &sessions(map)[0];
    assert_eq!(session.date, day());
    let texts: Vec<&str> = session.ideas.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["Use peer coaching", "Add a digital unit"]);
    assert!(session.ideas.iter().all(|i| i.id.is_assigned()));
    assert_ne!(session.ideas[0].id, session.ideas[1].id);
    // Apart from the structure: no node, no numbering, no finding.
    assert_eq!(map.len(), before.len());
    assert_eq!(map.children(map.root()), before.children(before.root()));
    let report = check(map, &CheckContext::draft(day()));
    assert_eq!(report.findings.len(), report_before.findings.len());
    assert!(!nosmap::render::markdown(map).contains("peer coaching"));

    // Another day, another session.
    let other = Date::new(2026, 12, 11);
    let edit = park_idea(s.doc.map(), other, "Ask employers").unwrap();
    s.doc.apply("idea", edit).unwrap();
    assert_eq!(sessions(s.doc.map()).len(), 2);
    assert_eq!(session_on(s.doc.map(), other), Some(1));
    for _ in 0..3 {
        s.doc.undo();
    }
    assert_eq!(s.doc.map(), &before, "each idea one undo step");
}

#[test]
fn the_log_is_saved_as_version_8_and_read_back_exactly() {
    let mut s = small();
    let baseline = s.doc.map().clone();
    let edit = park_idea(s.doc.map(), day(), "Use peer coaching").unwrap();
    s.doc.apply("idea", edit).unwrap();
    let edit = mark(s.doc.map(), s.a, |w| {
        w.verdict = Some(Verdict::Agreed(day().unwrap()));
        w.votes_for = 3;
    })
    .unwrap();
    s.doc.apply("agree", edit).unwrap();
    let (_, add) = new_child(s.doc.map(), s.b, NodeKind::Unit, "Serve customers online").unwrap();
    s.doc.apply("add", add).unwrap();
    let edit = mark(s.doc.map(), s.b, |w| {
        w.verdict = Some(Verdict::NeedsDiscussion);
        w.votes_against = 2;
    })
    .unwrap();
    s.doc.apply("discuss", edit).unwrap();
    let edit = record_session(&baseline, s.doc.map(), day()).unwrap();
    s.doc.apply("record", edit).unwrap();
    let people = [
        "Ann Lee, Skills Council".to_string(),
        "Raj Patel".to_string(),
    ];
    let edit = nosmap::walkthrough::log::set_people(s.doc.map(), 0, "Sam Okafor", &people).unwrap();
    s.doc.apply("people", edit).unwrap();
    let idea = sessions(s.doc.map())[0].ideas[0].id;
    let (_, edits) = place_idea(s.doc.map(), idea, s.a1).unwrap();
    apply_all(&mut s.doc, "place", edits);
    // A session on a day the computer did not know.
    let edit = park_idea(s.doc.map(), None, "Undated idea").unwrap();
    s.doc.apply("idea", edit).unwrap();
    let text = nosmap::io::to_string(s.doc.map()).unwrap();
    for held in [
        "facilitator: \"Sam Okafor\"",
        "\"Raj Patel\"",
        "placed: ",
        "needs_discussion: true",
        "votes_against: 2",
        "\"Undated idea\"",
    ] {
        assert!(text.contains(held), "{held} in {text}");
    }
    assert!(text.contains("version: 8,"), "{text}");
    assert!(text.contains("sessions: ["), "{text}");
    let read = nosmap::io::from_str(&text, Path::new("log.nosmap.ron")).unwrap();
    assert_eq!(&read, s.doc.map());
    assert_eq!(nosmap::io::to_string(&read).unwrap(), text, "canonical");
    // A map without a log is written as before.
    let plain = nosmap::io::to_string(&baseline).unwrap();
    assert!(plain.contains("version: 5,"));
}

#[test]
fn a_session_records_its_decisions_and_changes_against_the_map_as_it_began() {
    let mut s = small();
    let baseline = s.doc.map().clone();
    let edit = mark(s.doc.map(), s.a, |w| {
        w.verdict = Some(Verdict::Agreed(day().unwrap()))
    })
    .unwrap();
    s.doc.apply("agree", edit).unwrap();
    for _ in 0..2 {
        let edit = mark(s.doc.map(), s.u3, |w| w.votes_for += 1).unwrap();
        s.doc.apply("vote", edit).unwrap();
    }
    let edit = mark(s.doc.map(), s.b, |w| {
        w.verdict = Some(Verdict::NeedsDiscussion)
    })
    .unwrap();
    s.doc.apply("discuss", edit).unwrap();
    let (added, add) =
        new_child(s.doc.map(), s.b, NodeKind::Unit, "Serve customers online").unwrap();
    s.doc.apply("add", add).unwrap();
    let mut renamed = s.doc.map().node(s.a1).unwrap().clone();
    if let Node::Function(f) = &mut renamed {
        f.title = "Agree objectives and measures".into();
    }
    s.doc
        .apply(
            "rename",
            Edit::SetNode {
                id: s.a1,
                node: renamed,
            },
        )
        .unwrap();
    let edit = record_session(&baseline, s.doc.map(), day()).unwrap();
    s.doc.apply("record", edit).unwrap();

    let session = &sessions(s.doc.map())[0];
    let decided: Vec<_> = session
        .decisions
        .iter()
        .map(|d| (d.node, d.verdict, d.votes_for, d.label.as_str()))
        .collect();
    assert_eq!(
        decided,
        [
            (s.a, Some(Verdict::Agreed(day().unwrap())), 0, "A Plan work"),
            (s.b, Some(Verdict::NeedsDiscussion), 0, "B Deliver work"),
            (s.u3, None, 2, "TST03 Deliver services"),
        ]
    );
    let changes: Vec<_> = session
        .changes
        .iter()
        .map(|c| (c.kind, c.node, c.label.as_str()))
        .collect();
    assert_eq!(
        changes,
        [
            (ChangeKind::Added, added, "Serve customers online"),
            (
                ChangeKind::Changed,
                s.a1,
                "A1 Agree objectives and measures"
            ),
        ]
    );
    assert!(
        session.changes[1]
            .detail
            .contains("Agree objectives and measures"),
        "{}",
        session.changes[1].detail
    );
    assert!(
        !session.changes.iter().any(|c| c.node == s.a),
        "a decision is not a change of content"
    );
    assert!(
        record_session(&baseline, s.doc.map(), day()).is_none(),
        "recorded again with nothing new: no edit"
    );

    // The editor restarted: a new baseline; one more vote and a vote taken back.
    let second_baseline = s.doc.map().clone();
    let edit = mark(s.doc.map(), s.u3, |w| w.votes_for += 1).unwrap();
    s.doc.apply("vote", edit).unwrap();
    let edit = record_session(&second_baseline, s.doc.map(), day()).unwrap();
    s.doc.apply("record", edit).unwrap();
    let session = &sessions(s.doc.map())[0];
    let u3 = session.decisions.iter().find(|d| d.node == s.u3).unwrap();
    assert_eq!(u3.votes_for, 3, "votes of the day add up");
    assert_eq!(session.changes.len(), 2, "earlier changes kept");
}

#[test]
fn nothing_captured_records_no_session() {
    let s = small();
    assert!(record_session(s.doc.map(), s.doc.map(), day()).is_none());
}

#[test]
fn an_idea_is_placed_in_the_map_later_as_one_step() {
    let mut s = small();
    let edit = park_idea(s.doc.map(), day(), "Coach online").unwrap();
    s.doc.apply("idea", edit).unwrap();
    let before = s.doc.map().clone();
    let idea = sessions(&before)[0].ideas[0].id;
    // B holds units, so the idea becomes a unit there.
    let (id, edits) = place_idea(&before, idea, s.b).unwrap();
    apply_all(&mut s.doc, "place idea", edits);
    let map = s.doc.map();
    assert_eq!(map.children(s.b).last(), Some(&id));
    assert_eq!(map.node(id).unwrap().kind(), NodeKind::Unit);
    assert_eq!(map.node(id).unwrap().title(), "Coach online");
    assert_eq!(sessions(map)[0].ideas[0].placed, Some(id));
    s.doc.undo();
    assert_eq!(s.doc.map(), &before, "one undo");
    assert!(place_idea(&before, idea, s.u1).is_err(), "not under a unit");
}

#[test]
fn an_old_parking_lot_key_area_moves_into_the_log() {
    let mut s = small();
    let root = s.doc.map().root();
    let lot = common::add(&mut s.doc, root, Function::new("", PARKING_LOT).into());
    common::add(&mut s.doc, lot, Function::new("", "Coach online").into());
    common::add(&mut s.doc, lot, Function::new("", "Ask employers").into());
    let edits = parking_lot_into_log(s.doc.map(), day()).unwrap();
    apply_all(&mut s.doc, "parking lot", edits);
    let map = s.doc.map();
    assert!(!map.contains(lot));
    let texts: Vec<&str> = sessions(map)[0]
        .ideas
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(texts, ["Coach online", "Ask employers"]);
    assert!(parking_lot_into_log(map, day()).is_none());
}

#[test]
fn a_log_anywhere_but_the_key_purpose_or_with_a_bad_kind_is_refused_by_line() {
    let mut s = small();
    let edit = park_idea(s.doc.map(), day(), "Coach online").unwrap();
    s.doc.apply("idea", edit).unwrap();
    let baseline = s.doc.map().clone();
    let (_, add) = new_child(s.doc.map(), s.b, NodeKind::Unit, "Serve").unwrap();
    s.doc.apply("add", add).unwrap();
    let edit = record_session(&baseline, s.doc.map(), day()).unwrap();
    s.doc.apply("record", edit).unwrap();
    let text = nosmap::io::to_string(s.doc.map()).unwrap();
    let path = Path::new("bad.nosmap.ron");
    let bad_kind = text.replacen("kind: \"added\"", "kind: \"invented\"", 1);
    let error = nosmap::io::from_str(&bad_kind, path)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("“invented” is not a kind of change"),
        "{error}"
    );
    assert!(error.contains("bad.nosmap.ron:"), "{error}");
    let root = s.doc.map().root().raw();
    let elsewhere = text.replacen(&format!("{root}: (\n"), &format!("{}: (\n", s.a.raw()), 1);
    let error = nosmap::io::from_str(&elsewhere, path)
        .unwrap_err()
        .to_string();
    assert!(error.contains("only the key purpose"), "{error}");
}

/// Every generated step of M&L 2008 (key areas, then functions with their units) framed for a
/// 1080p projector and a 1024×768 one: every page's smallest capital meets the floor, long steps
/// are paged, the first step shows the key purpose and the key areas.
#[test]
fn every_step_of_a_real_map_is_readable_from_the_back_of_the_room() {
    let map = nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap();
    let style = LayoutStyle::default();
    let view = ViewState::default();
    for screen in [
        Screen {
            width: 1920.0,
            height: 1080.0,
        },
        Screen {
            width: 1024.0,
            height: 768.0,
        },
    ] {
        let mut paged = 0;
        for step in walkthrough(&map, true) {
            let pages = frame_step(&map, &view, &style, &step, screen);
            for page in &pages {
                assert!(
                    page.readable(screen),
                    "{} at {}×{}: smallest capital {:.1} < {:.1}",
                    map.describe(step.node),
                    screen.width,
                    screen.height,
                    page.smallest_capital,
                    screen.floor()
                );
            }
            // Every box of the step is on one of its pages (the step's own heads each page).
            let drawn: std::collections::HashSet<_> = pages
                .iter()
                .flat_map(|p| p.scene.boxes.iter().map(|b| b.node))
                .collect();
            let whole = nosmap::walkthrough::shown_by(&map, &step);
            assert_eq!(drawn, whole, "{}", map.describe(step.node));
            if pages.len() > 1 {
                paged += 1;
            }
        }
        assert!(paged > 0, "some steps of M&L are too long for one page");
        // The first step: the key purpose and every key area, titled, on one page at 1080p
        // (at 768 lines the key areas share two pages, the key purpose on each).
        let first = frame_step(&map, &view, &style, &walkthrough(&map, false)[0], screen);
        if screen.height >= 1080.0 {
            assert_eq!(first.len(), 1);
        }
        let mut areas = Vec::new();
        for page in &first {
            assert_eq!(page.scene.boxes[0].node, map.root());
            for scene_box in &page.scene.boxes {
                assert!(
                    scene_box.lines.iter().any(|l| !l.text.is_empty()),
                    "every box titled"
                );
            }
            areas.extend(page.scene.boxes[1..].iter().map(|b| b.node));
        }
        assert_eq!(areas, map.children(map.root()));
    }
}

/// A function holding 400 units (a catalogue suite) is shared over pages each readable, as few as
/// make every page readable: the pages hold several units each.
#[test]
fn a_step_of_hundreds_of_units_is_paged_into_readable_pages() {
    use nosmap::model::Unit;
    let mut s = small();
    for i in 0..400 {
        common::add(
            &mut s.doc,
            s.b,
            Unit::new(format!("BIG{i:03}"), format!("Deliver service number {i}")).into(),
        );
    }
    let map = s.doc.map();
    let screen = projector_768();
    let pages = frame_step(
        map,
        &ViewState::default(),
        &LayoutStyle::default(),
        &step_of(s.b, 1),
        screen,
    );
    assert!(pages.iter().all(|p| p.readable(screen)));
    let shown: usize = pages.iter().map(|p| p.scene.boxes.len() - 1).sum();
    assert_eq!(shown, 401, "every unit once");
    assert!(
        (20..=200).contains(&pages.len()),
        "{} pages for 401 units",
        pages.len()
    );
}

/// A step two levels deep whose one child holds sixty units cannot be paged by its children:
/// a level less is shown (the units counted on their function's box), readable.
#[test]
fn a_step_too_deep_to_read_shows_a_level_less() {
    use nosmap::model::Unit;
    let mut s = small();
    let only = common::add(
        &mut s.doc,
        s.b,
        Function::new("B1", "Serve customers").into(),
    );
    for i in 0..60 {
        common::add(
            &mut s.doc,
            only,
            Unit::new(format!("SRV{i:02}"), format!("Serve customers in way {i}")).into(),
        );
    }
    let map = s.doc.map();
    let screen = projector_768();
    let pages = frame_step(
        map,
        &ViewState::default(),
        &LayoutStyle::default(),
        &step_of(s.b, 2),
        screen,
    );
    assert!(pages.iter().all(|p| p.readable(screen)));
    let nodes: Vec<_> = pages
        .iter()
        .flat_map(|p| p.scene.boxes.iter().map(|b| b.node))
        .collect();
    assert!(nodes.contains(&only), "the function is shown");
    assert!(
        !nodes.iter().any(|n| map.children(only).contains(n)),
        "its units are counted on it, not drawn unreadably"
    );
}

fn projector_768() -> Screen {
    Screen {
        width: 1024.0,
        height: 768.0,
    }
}

fn step_of(node: nosmap::model::NodeId, depth: u32) -> nosmap::view::PresentationStep {
    nosmap::view::PresentationStep {
        node,
        depth,
        notes: String::new(),
        hidden: false,
    }
}
