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
use nosmap::model::Verdict;
use nosmap::walkthrough::log::sessions;
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

/// PageDown until the next step (a step may have several pages).
fn next_step(h: &mut Harness<'_, NosmapApp>) {
    let at = h.state().presenter_step();
    while h.state().presenter_step() == at && !h.state().presenting_log() {
        press(h, Key::PageDown);
    }
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
    assert!(
        h.query_all_by_label_contains(&format!("1/{}", steps.len() + 1))
            .next()
            .is_some()
    );

    // What clickers send: PageDown / PageUp, and Space / Backspace, arrows, Home / End. Each
    // step is shown page by page; after the last step comes the workshop log.
    for (expected, step) in steps.iter().enumerate().skip(1) {
        next_step(&mut h);
        assert_eq!(h.state().presenter_step(), expected);
        assert_eq!(h.state().presenter_page().0, 0);
        assert_eq!(h.state().selection(), Some(step.node));
    }
    next_step(&mut h);
    assert!(h.state().presenting_log(), "the workshop log comes last");
    press(&mut h, Key::PageDown);
    assert!(h.state().presenting_log(), "stays on the log");
    press(&mut h, Key::PageUp);
    assert_eq!(h.state().presenter_step(), steps.len() - 1);
    let (page, pages) = h.state().presenter_page();
    assert_eq!(page + 1, pages, "back on the last step's last page");
    press(&mut h, Key::Home);
    assert_eq!(h.state().presenter_step(), 0);
    assert_eq!(h.state().presenter_page().0, 0);
    let first_pages = h.state().presenter_page().1;
    for _ in 0..first_pages {
        press(&mut h, Key::Space);
    }
    assert_eq!(h.state().presenter_step(), 1);
    press(&mut h, Key::Backspace);
    assert_eq!(h.state().presenter_step(), 0);
    assert_eq!(
        h.state().presenter_page().0 + 1,
        first_pages,
        "its last page"
    );
    press(&mut h, Key::End);
    assert!(h.state().presenting_log());

    // A click on a box of the step selects it.
    press(&mut h, Key::Home);
    next_step(&mut h);
    let page_box = h.state().presented_page().unwrap().scene.boxes[1].clone();
    let child = page_box.node;
    let label = nosmap::app::accessible_label(
        &map,
        Placement {
            node: child,
            parent: page_box.parent,
        },
    );
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
    assert_eq!(h.state().presenter_step(), 1);
    assert_eq!(h.state().selection(), Some(child));

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
    next_step(&mut h);
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
    let ideas: Vec<&str> = sessions(&now)[0]
        .ideas
        .iter()
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(
        ideas,
        [
            "Add a unit on coaching online",
            "Merge the two assessment units"
        ]
    );
    assert_eq!(
        now.children(now.root()),
        map.children(map.root()),
        "ideas are not boxes of the map"
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

    // Esc: the editor, with those edits, each one undo step, and the session's record.
    press(&mut h, Key::Escape);
    assert!(!h.state().presenting());
    let recorded = h.state().document().map().clone();
    assert_eq!(sessions(&recorded)[0].decisions.len(), 1);
    assert_eq!(sessions(&recorded)[0].changes.len(), 1);
    assert_eq!(
        h.state().camera_position(),
        before_camera,
        "the editor's view is back"
    );
    assert_eq!(h.state().selection(), None, "as it was: nothing selected");
    for _ in 0..6 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(
        h.state().document().map(),
        &map,
        "six undos take the five edits and the record back"
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
    next_step(&mut h);
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
        let ideas: Vec<&str> = sessions(&now)[0]
            .ideas
            .iter()
            .map(|i| i.text.as_str())
            .collect();
        assert_eq!(
            ideas,
            ["Add a unit on coaching online"],
            "{per_frame} events per frame"
        );
    }
}
