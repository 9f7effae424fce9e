//! Workshop mode driven through egui_kittest: a clicker runs the walkthrough, ideas and decisions
//! are captured without leaving the presentation, and Esc gives the editor back as it was.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use eframe::egui::{self, Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nosmap::app::{Action, NosmapApp, Placement};
use nosmap::edit::Document;
use nosmap::edit::ops::parking_lot;
use nosmap::model::Verdict;
use nosmap::walkthrough::walkthrough;

fn learning_and_development() -> NosmapApp {
    let map =
        nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
    NosmapApp::new(Document::new(map), None)
}

fn press(h: &mut Harness<'_, NosmapApp>, key: Key) {
    h.key_press(key);
    h.run();
}

#[test]
fn a_clicker_runs_the_whole_walkthrough_and_esc_restores_the_editor() {
    let mut app = learning_and_development();
    let map = app.document().map().clone();
    let area = map.children(map.root())[1];
    // The editor as the presenter left it: a selection and a folded branch.
    app.apply(Action::Select(Some(area)));
    app.apply(Action::ToggleFold(area));
    let mut h = common::window(app);
    let before_camera = h.state().camera_position();
    let before_selection = h.state().selected().to_vec();
    let before_folded = h.state().view().folded.clone();

    press(&mut h, Key::F5);
    assert!(h.state().presenting());
    let steps = walkthrough(&map, false);
    assert_eq!(
        h.state().view().presentation,
        steps,
        "generated from the hierarchy"
    );
    assert_eq!(h.state().presenter_step(), 0);
    assert_eq!(h.state().selection(), Some(map.root()));
    assert!(h.query_by_label_contains("Step 1 of").is_some());

    // What clickers send: PageDown / PageUp, and Space / Backspace, arrows, Home / End.
    for (expected, step) in steps.iter().enumerate().skip(1) {
        press(&mut h, Key::PageDown);
        assert_eq!(h.state().presenter_step(), expected);
        assert_eq!(h.state().selection(), Some(step.node));
    }
    press(&mut h, Key::PageDown);
    assert_eq!(
        h.state().presenter_step(),
        steps.len() - 1,
        "stays on the last step"
    );
    press(&mut h, Key::PageUp);
    assert_eq!(h.state().presenter_step(), steps.len() - 2);
    press(&mut h, Key::Home);
    assert_eq!(h.state().presenter_step(), 0);
    press(&mut h, Key::Space);
    press(&mut h, Key::ArrowRight);
    assert_eq!(h.state().presenter_step(), 2);
    press(&mut h, Key::Backspace);
    assert_eq!(h.state().presenter_step(), 1);
    press(&mut h, Key::End);
    assert_eq!(h.state().presenter_step(), steps.len() - 1);

    // A click on a box the step does not show (dimmed beside it) jumps to the step that does.
    press(&mut h, Key::Home);
    press(&mut h, Key::PageDown);
    let second = map.children(map.root())[1];
    let label = nosmap::app::accessible_label(&map, Placement::first(&map, second));
    let at = h.get_by_label(&label).rect().center();
    h.hover_at(at);
    h.run();
    h.event(Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.event(Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    assert_eq!(
        h.state().presenter_step(),
        2,
        "the second key area's own step"
    );
    assert_eq!(h.state().selection(), Some(second));

    press(&mut h, Key::Escape);
    assert!(!h.state().presenting());
    assert_eq!(h.state().camera_position(), before_camera);
    assert_eq!(h.state().selected(), before_selection.as_slice());
    assert_eq!(h.state().view().folded, before_folded);
    assert_eq!(h.state().document().map(), &map, "looking changed nothing");
    assert!(!h.state().document().is_dirty());
}

#[test]
fn ideas_and_decisions_are_captured_while_presenting_and_undo_cleanly() {
    let app = learning_and_development();
    let map = app.document().map().clone();
    let first_area = map.children(map.root())[0];
    let mut h = common::window(app);
    let before_camera = h.state().camera_position();
    press(&mut h, Key::F5);
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().selection(), Some(first_area));

    // Two ideas for the parking lot, typed without leaving the presentation.
    for idea in [
        "Add a unit on coaching online",
        "Merge the two assessment units",
    ] {
        press(&mut h, Key::I);
        h.event(Event::Text(idea.into()));
        h.run();
        press(&mut h, Key::Enter);
        assert!(h.state().presenting());
    }
    // The key area is agreed in the workshop, with today's date; one vote for it.
    press(&mut h, Key::A);
    press(&mut h, Key::Plus);
    // A new child typed straight onto the map.
    press(&mut h, Key::Tab);
    h.event(Event::Text("Evaluate coaching sessions".into()));
    h.run();
    press(&mut h, Key::Enter);
    assert!(h.state().presenting());

    let now = h.state().document().map().clone();
    let lot = parking_lot(&now).unwrap();
    assert_eq!(
        common::titles_under(&now, lot),
        [
            "Add a unit on coaching online",
            "Merge the two assessment units"
        ]
    );
    let workshop = now.node(first_area).unwrap().workshop().clone();
    assert_eq!(
        workshop.verdict,
        Some(Verdict::Agreed(nosmap::io::today().unwrap()))
    );
    assert_eq!(workshop.votes_for, 1);
    let titles: Vec<&str> = now
        .children(first_area)
        .iter()
        .map(|&c| now.node(c).unwrap().title())
        .collect();
    assert_eq!(titles.last(), Some(&"Evaluate coaching sessions"));

    // Esc: the editor, with those edits, each one undo step.
    press(&mut h, Key::Escape);
    assert!(!h.state().presenting());
    assert_eq!(h.state().document().map(), &now);
    assert_eq!(
        h.state().camera_position(),
        before_camera,
        "the editor's view is back"
    );
    assert_eq!(h.state().selection(), None, "as it was: nothing selected");
    for _ in 0..5 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(
        h.state().document().map(),
        &map,
        "five undos take all five edits back"
    );
}

#[test]
fn the_detail_card_shows_a_units_criteria_in_large_type() {
    let app = learning_and_development();
    let map = app.document().map().clone();
    // A unit with criteria (the examples give three units per map their own wording).
    let (unit, content) = map
        .units()
        .find(|(_, u)| !u.performance_criteria.is_empty())
        .unwrap();
    let first_pc = content.performance_criteria[0].text().to_string();
    let mut h = common::window(app);
    press(&mut h, Key::F5);
    h.state_mut()
        .apply(Action::SelectPlacementOnly(Some(Placement::first(
            &map, unit,
        ))));
    h.run();
    press(&mut h, Key::C);
    h.get_by_label_contains(&first_pc);
    press(&mut h, Key::Escape);
    assert!(h.state().presenting(), "Esc closes the card first");
    assert!(h.query_by_label_contains(&first_pc).is_none());
    press(&mut h, Key::Escape);
    assert!(!h.state().presenting());
}

#[test]
fn the_walkthrough_is_edited_and_kept_in_the_view_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let app = NosmapApp::open(Some(path.clone())).unwrap();
    let map = app.document().map().clone();
    let mut h = common::window(app);
    h.state_mut()
        .apply(Action::Run(nosmap::app::Command::EditWalkthrough));
    h.run();
    h.get_by_label("Generate: key areas").click();
    h.run();
    let steps = walkthrough(&map, false);
    assert_eq!(h.state().view().presentation, steps);

    // Hide the second step, and write a note on the first.
    h.get_by_label("Hide step 2").click();
    h.run();
    h.get_by_label("Notes for step 1:").focus();
    h.run();
    h.get_by_label("Notes for step 1:")
        .type_text("Start with why");
    h.run();
    press(&mut h, Key::Tab);

    let saved = nosmap::io::load_view(&path).unwrap();
    assert!(saved.presentation[1].hidden, "kept in the view file");
    assert_eq!(saved.presentation[0].notes, "Start with why");
    let map_text = std::fs::read_to_string(&path).unwrap();
    assert!(!map_text.contains("Start with why"), "not map content");

    // Presenting skips the hidden step and shows the note.
    h.state_mut()
        .apply(Action::Run(nosmap::app::Command::EditWalkthrough));
    press(&mut h, Key::F5);
    h.get_by_label("Start with why");
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().presenter_step(), 2, "step 2 is hidden");
    drop(h);
}

/// The keys as the window sends them (the I key comes with its letter as text), several in a
/// frame: the idea gets what was typed after I, not the I.
#[test]
fn an_idea_typed_on_the_clicker_keyboard_at_any_speed_is_captured_exactly() {
    use common::keys::{line, tap, typed};
    for per_frame in [1, 4, 64] {
        let mut h = common::window(learning_and_development());
        let mut keys = tap(Key::F5);
        keys.extend(tap(Key::PageDown));
        keys.extend(typed("i"));
        keys.extend(line("Add a unit on coaching online"));
        common::type_in_frames(&mut h, &keys, per_frame);
        assert!(h.state().presenting(), "{per_frame} events per frame");
        let now = h.state().document().map().clone();
        let lot = parking_lot(&now).unwrap();
        assert_eq!(
            common::titles_under(&now, lot),
            ["Add a unit on coaching online"],
            "{per_frame} events per frame"
        );
    }
}
