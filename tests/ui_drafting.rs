//! Drafting a map from the keyboard, with keys arriving as a slow frame collects them: every key
//! must reach the field it was typed for, in order, whatever the frame time.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::keys::{alt, ctrl, line, tap, typed};
use eframe::egui::{Event, Key};
use nosmap::model::{FunctionalMap, NodeId, StatementList};

/// A Coaching & Mentoring draft, typed from the keyboard only.
fn draft_keys() -> Vec<Event> {
    let mut keys = Vec::new();
    let mut add = |events: Vec<Event>| keys.extend(events);
    add(ctrl(Key::N));
    add(line(
        "Enable people to achieve their potential through coaching and mentoring",
    ));
    add(tap(Key::Tab));
    add(line("Establish coaching relationships"));
    add(tap(Key::Enter));
    add(line("Support individuals to achieve their goals"));
    // Up to the first key area, two units under it.
    add(tap(Key::ArrowUp));
    add(ctrl(Key::U));
    add(line("Agree the coaching relationship"));
    add(tap(Key::Enter));
    add(line("Review the coaching relationship"));
    // Two knowledge items, then one performance criterion, for the second unit.
    add(alt(Key::K));
    add(line("how to agree goals"));
    add(line("how to review progress"));
    add(tap(Key::Escape));
    add(alt(Key::P));
    add(line("review the goals of each session"));
    add(tap(Key::Escape));
    // Letters typed on the map start a rename; Esc right after them cancels it.
    add(typed("09"));
    add(tap(Key::Escape));
    // Left to the key area, down to the second one, a unit under it.
    add(tap(Key::ArrowLeft));
    add(tap(Key::ArrowDown));
    add(ctrl(Key::U));
    add(line("Manage deer welfare"));
    // Its URN and overview in the inspector: Ctrl+I, Tab from the title to the URN, and on.
    add(ctrl(Key::I));
    add(tap(Key::Tab));
    add(typed("LSI CM09"));
    add(tap(Key::Tab));
    add(typed("Welfare of deer in parks"));
    add(tap(Key::Escape));
    keys
}

fn texts(map: &FunctionalMap, unit: NodeId, list: StatementList) -> Vec<String> {
    map.unit(unit)
        .unwrap()
        .statements(list)
        .iter()
        .map(|s| s.text().to_string())
        .collect()
}

fn assert_exact_draft(map: &FunctionalMap, per_frame: usize) {
    let context = format!("{per_frame} events per frame");
    assert!(map.check_invariants().is_empty(), "{context}");
    let root = map.root();
    assert_eq!(
        map.node(root).unwrap().title(),
        "Enable people to achieve their potential through coaching and mentoring",
        "{context}"
    );
    assert_eq!(
        common::titles_under(map, root),
        [
            "Establish coaching relationships",
            "Support individuals to achieve their goals"
        ],
        "{context}"
    );
    let areas = map.children(root).to_vec();
    assert_eq!(
        common::titles_under(map, areas[0]),
        [
            "Agree the coaching relationship",
            "Review the coaching relationship"
        ],
        "{context}"
    );
    assert_eq!(
        common::titles_under(map, areas[1]),
        ["Manage deer welfare"],
        "{context}"
    );
    let deer = map.unit(map.children(areas[1])[0]).unwrap();
    assert_eq!(deer.urn, "LSI CM09", "{context}");
    assert_eq!(deer.overview, "Welfare of deer in parks", "{context}");
    let review = map.children(areas[0])[1];
    assert_eq!(
        texts(map, review, StatementList::Knowledge),
        ["how to agree goals", "how to review progress"],
        "{context}"
    );
    assert_eq!(
        texts(map, review, StatementList::PerformanceCriteria),
        ["review the goals of each session"],
        "{context}"
    );
    let first = map.children(areas[0])[0];
    assert!(
        texts(map, first, StatementList::Knowledge).is_empty(),
        "{context}"
    );
    assert_eq!(map.len(), 6, "nothing else was made ({context})");
}

#[test]
fn a_draft_typed_at_any_frame_time_comes_out_exact() {
    let keys = draft_keys();
    // One event a frame (a fast machine) up to the whole draft in one frame (a frozen one).
    for per_frame in [1, 2, 3, 5, 8, 13, 40, keys.len()] {
        let (_folder, mut h) = common::example_window();
        common::type_in_frames(&mut h, &keys, per_frame);
        assert_exact_draft(h.state().document().map(), per_frame);
        assert_eq!(h.state().renaming(), None, "no editor left open");
    }
}

/// egui-winit turns Ctrl+C, Ctrl+X and Ctrl+V into these events (never into key presses).
#[test]
fn copy_cut_and_paste_work_with_the_events_the_window_really_sends() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    let area = map.children(map.root())[0];
    let unit = *map
        .children(area)
        .iter()
        .find(|&&c| map.unit(c).is_some())
        .unwrap();
    let title = map.node(unit).unwrap().title().to_string();
    h.state_mut().apply(nosmap::app::Action::Select(Some(unit)));
    h.run();

    common::type_in_frames(&mut h, &[Event::Copy], 1);
    let copied = h.state().clipboard_text().map(str::to_string);
    assert!(
        copied.as_deref().is_some_and(|t| t.contains(&title)),
        "Copy put the unit on the clipboard: {copied:?}"
    );
    assert_eq!(h.state().document().map(), &map, "copy changed nothing");

    common::type_in_frames(&mut h, &[Event::Cut], 1);
    let after_cut = h.state().document().map().clone();
    assert!(
        !after_cut.children(area).contains(&unit),
        "Cut took the unit from its key area"
    );

    // Paste it back under the key area from the system clipboard's text.
    h.state_mut().apply(nosmap::app::Action::Select(Some(area)));
    h.run();
    common::type_in_frames(&mut h, &[Event::Paste(copied.unwrap())], 1);
    let pasted = h.state().document().map();
    let titles = common::titles_under(pasted, area);
    assert!(titles.contains(&title), "pasted back: {titles:?}");
}

#[test]
fn undo_and_redo_select_what_they_touched_so_the_next_key_acts_there() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    let area = map.children(map.root())[1];
    h.state_mut().apply(nosmap::app::Action::Select(Some(area)));
    h.run();
    // A new unit under the key area, then undo it: the key area is selected again.
    let mut keys = ctrl(Key::U);
    keys.extend(line("Plan the coaching relationship"));
    common::type_in_frames(&mut h, &keys, 1);
    let unit = *h.state().document().map().children(area).last().unwrap();
    common::type_in_frames(&mut h, &ctrl(Key::Z), 1);
    assert_eq!(
        h.state().selection(),
        Some(area),
        "undo of an add selects its parent"
    );
    // Redo: the unit is back and selected.
    common::type_in_frames(&mut h, &ctrl(Key::Y), 1);
    assert_eq!(
        h.state().selection(),
        Some(unit),
        "redo selects what it re-made"
    );
    // Delete it, undo: the unit is back and selected, so Enter makes a sibling of it.
    common::type_in_frames(&mut h, &tap(Key::Delete), 1);
    assert_eq!(h.state().selection(), Some(area));
    common::type_in_frames(&mut h, &ctrl(Key::Z), 1);
    assert_eq!(
        h.state().selection(),
        Some(unit),
        "undo of a delete selects it"
    );
    let mut keys = tap(Key::Enter);
    keys.extend(line("Review the coaching relationship"));
    common::type_in_frames(&mut h, &keys, 1);
    let titles = common::titles_under(h.state().document().map(), area);
    assert_eq!(
        titles[titles.len() - 2..],
        [
            "Plan the coaching relationship",
            "Review the coaching relationship"
        ]
    );
}

#[test]
fn a_urn_typed_before_the_title_goes_to_the_urn_and_tab_moves_between_them() {
    for per_frame in [1, 4, usize::MAX] {
        let (_folder, mut h) = common::example_window();
        let map = h.state().document().map().clone();
        let area = map.children(map.root())[0];
        h.state_mut().apply(nosmap::app::Action::Select(Some(area)));
        h.run();
        let mut keys = ctrl(Key::U);
        keys.extend(line("LSI CM01 Plan the coaching relationship"));
        // The second unit: title first, then Tab to its URN, Shift+Tab back to add a word.
        keys.extend(tap(Key::Enter));
        keys.extend(typed("Review the coaching"));
        keys.extend(tap(Key::Tab));
        keys.extend(typed("LSI CM02"));
        keys.extend(common::keys::press(
            eframe::egui::Modifiers::SHIFT,
            Key::Tab,
        ));
        keys.extend(line(" relationship"));
        common::type_in_frames(&mut h, &keys, per_frame.min(keys.len()));
        let map = h.state().document().map();
        let units: Vec<(String, String)> = map
            .children(area)
            .iter()
            .rev()
            .take(2)
            .rev()
            .map(|&u| {
                let unit = map.unit(u).unwrap();
                (unit.urn.clone(), unit.title.clone())
            })
            .collect();
        assert_eq!(
            units,
            [
                ("LSI CM01".into(), "Plan the coaching relationship".into()),
                ("LSI CM02".into(), "Review the coaching relationship".into()),
            ],
            "{per_frame} events per frame"
        );
    }
}
