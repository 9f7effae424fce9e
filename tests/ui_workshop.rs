//! A workshop run as a consultant runs one, in egui_kittest: every step readable on a projector,
//! long steps paged, jumps by number, capture from the clicker on the boxes of a step, undo while
//! presenting, and the presenter's window apart from the room's screen.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use nosmap::app::{Action, NosmapApp, Placement};
use nosmap::edit::Document;
use nosmap::layout::Fonts;
use nosmap::model::{NodeKind, Verdict};
use nosmap::walkthrough::framing::{FLOOR, title_lines};
use nosmap::walkthrough::log::sessions;
use nosmap::walkthrough::walkthrough;

fn management_and_leadership(units: bool) -> NosmapApp {
    let map = nosmap::io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap();
    let mut app = NosmapApp::new(Document::new(map), None);
    let steps = walkthrough(app.document().map(), units);
    app.set_walkthrough(steps);
    app
}

fn screen(app: NosmapApp, size: [f32; 2]) -> Harness<'static, NosmapApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut NosmapApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn press(h: &mut Harness<'_, NosmapApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// Whether a widget is drawn inside the presenter's window (an egui viewport, embedded as a
/// window where a test has no second screen).
fn in_presenters_window(widget: &egui_kittest::Node<'_>) -> bool {
    let mut parent = widget.parent();
    while let Some(node) = parent {
        if node
            .accesskit_node()
            .label()
            .is_some_and(|l| l.contains(nosmap::app::PRESENTER_WINDOW))
        {
            return true;
        }
        parent = node.parent();
    }
    false
}

/// Every text the last frame painted, with its font size (points).
fn painted_texts(h: &Harness<'_, NosmapApp>) -> Vec<(String, f32)> {
    fn collect(shape: &egui::Shape, out: &mut Vec<(String, f32)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
            egui::Shape::Text(text) => {
                let size = text
                    .galley
                    .job
                    .sections
                    .iter()
                    .map(|s| s.format.font_id.size)
                    .fold(f32::INFINITY, f32::min);
                out.push((text.galley.text().to_string(), size));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        collect(&clipped.shape, &mut out);
    }
    out
}

/// Goes through the whole presentation with PageDown, checking on every page that each box title
/// the layout placed is painted with capitals at least 2.5 % of the screen's height. Returns
/// (step, pages) for each step.
fn walk_and_measure(h: &mut Harness<'_, NosmapApp>, height: f32) -> Vec<(usize, usize)> {
    let fonts = Fonts::bundled();
    let floor = FLOOR * height;
    let mut seen = Vec::new();
    let mut guard = 0;
    while !h.state().presenting_log() {
        guard += 1;
        assert!(guard < 200, "the walkthrough ends");
        let page = h.state().presented_page().unwrap().clone();
        let painted = painted_texts(h);
        let mut smallest = f32::INFINITY;
        for scene_box in &page.scene.boxes {
            for line in title_lines(scene_box) {
                let drawn = painted
                    .iter()
                    .filter(|(text, _)| *text == line.text)
                    .map(|(_, size)| *size)
                    .fold(f32::INFINITY, f32::min);
                assert!(drawn.is_finite(), "“{}” is painted", line.text);
                smallest = smallest.min(fonts.cap_height(drawn, line.weight));
            }
        }
        assert!(
            smallest + 0.05 >= floor,
            "step {} page {:?}: smallest capital {smallest:.1} px < {floor:.1} px",
            h.state().presenter_step(),
            h.state().presenter_page()
        );
        let (step, (page_index, pages)) = (h.state().presenter_step(), h.state().presenter_page());
        if page_index == 0 {
            seen.push((step, pages));
        }
        press(h, Key::PageDown);
    }
    seen
}

#[test]
fn every_step_is_readable_on_a_1080p_and_a_768_line_projector() {
    for (size, units) in [
        ([1920.0, 1080.0], false),
        ([1920.0, 1080.0], true),
        ([1024.0, 768.0], false),
        ([1024.0, 768.0], true),
    ] {
        let app = management_and_leadership(units);
        let steps = app.view().presentation.len();
        let mut h = screen(app, size);
        press(&mut h, Key::F5);
        let seen = walk_and_measure(&mut h, size[1]);
        assert_eq!(seen.len(), steps, "{size:?}: every step shown");
        if units {
            assert!(
                seen.iter().any(|(_, pages)| *pages > 1),
                "{size:?}: the long steps are paged"
            );
        }
        // Step 1: the key purpose and the key areas, titled.
        press(&mut h, Key::Home);
        let map = h.state().document().map().clone();
        let first = h.state().presented_page().unwrap();
        assert_eq!(first.scene.boxes[0].node, map.root());
        assert!(first.scene.boxes.iter().all(|b| !b.lines.is_empty()));
        let titled = nosmap::app::accessible_label(
            &map,
            Placement::first(&map, map.children(map.root())[0]),
        );
        assert!(
            h.query_by_label(&titled).is_some(),
            "{size:?}: the first key area's box on step 1"
        );
    }
}

#[test]
fn a_long_step_is_paged_and_the_counter_says_where_the_room_is() {
    let app = management_and_leadership(true);
    let mut h = screen(app, [1024.0, 768.0]);
    press(&mut h, Key::F5);
    while h.state().presenter_page().1 < 2 {
        press(&mut h, Key::PageDown);
        assert!(!h.state().presenting_log(), "some step has pages");
    }
    let step = h.state().presenter_step();
    let pages = h.state().presenter_page().1;
    assert!(
        h.query_all_by_label_contains(&format!(" 1/{pages}"))
            .next()
            .is_some(),
        "counter shows the page"
    );
    let first_page: Vec<_> = h
        .state()
        .presented_page()
        .unwrap()
        .scene
        .boxes
        .iter()
        .map(|b| b.node)
        .collect();
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().presenter_step(), step, "same step");
    assert_eq!(h.state().presenter_page().0, 1, "next page");
    let second_page: Vec<_> = h
        .state()
        .presented_page()
        .unwrap()
        .scene
        .boxes
        .iter()
        .map(|b| b.node)
        .collect();
    assert_eq!(
        first_page[0], second_page[0],
        "the step's box heads each page"
    );
    assert!(
        first_page[1..]
            .iter()
            .all(|n| !second_page[1..].contains(n)),
        "pages share the step's boxes"
    );
    press(&mut h, Key::PageUp);
    assert_eq!(h.state().presenter_page().0, 0);
}

#[test]
fn a_typed_number_and_enter_jump_to_that_step() {
    let app = management_and_leadership(false);
    let steps = app.view().presentation.clone();
    let mut h = screen(app, [1920.0, 1080.0]);
    press(&mut h, Key::F5);
    // As the window sends them, through the key queue: the key with its text.
    common::type_in_frames(&mut h, &common::keys::typed("4"), 1);
    assert!(h.query_by_label_contains("Go to step 4").is_some());
    let before = h.state().document().map().clone();
    common::type_in_frames(&mut h, &common::keys::tap(Key::Enter), 1);
    assert_eq!(h.state().presenter_step(), 3);
    assert_eq!(h.state().selection(), Some(steps[3].node));
    assert_eq!(
        h.state().document().map(),
        &before,
        "Enter jumped; it made no box"
    );
    // One past the last step is the workshop log.
    let last = steps.len() + 1;
    let mut keys = common::keys::typed(&last.to_string());
    keys.extend(common::keys::tap(Key::Enter));
    common::type_in_frames(&mut h, &keys, 1);
    assert!(h.state().presenting_log());
}

#[test]
fn up_down_and_a_mark_a_unit_not_its_function_and_ctrl_z_takes_it_back() {
    let app = management_and_leadership(true);
    let mut h = screen(app, [1920.0, 1080.0]);
    press(&mut h, Key::F5);
    // The first step whose page shows units.
    let unit_page = |h: &Harness<'_, NosmapApp>| {
        let map = h.state().document().map();
        h.state()
            .presented_page()
            .unwrap()
            .scene
            .boxes
            .iter()
            .any(|b| map.node(b.node).unwrap().kind() == NodeKind::Unit)
    };
    while !unit_page(&h) {
        press(&mut h, Key::PageDown);
    }
    let step_node = h.state().selection().unwrap();
    let before = h.state().document().map().clone();
    let page = h.state().presented_page().unwrap().clone();
    press(&mut h, Key::ArrowDown);
    let unit = h.state().selection().unwrap();
    assert_eq!(
        unit, page.scene.boxes[1].node,
        "one Down: the first box under the step's"
    );
    let map = h.state().document().map().clone();
    assert_eq!(
        map.node(unit).unwrap().kind(),
        NodeKind::Unit,
        "Down reaches units"
    );
    press(&mut h, Key::ArrowUp);
    assert_eq!(
        h.state().selection(),
        Some(step_node),
        "Up: back to the step's box"
    );
    assert_eq!(
        h.state().selected()[0].parent,
        before.parents(step_node).first().copied(),
        "selected where it sits in the map"
    );
    press(&mut h, Key::ArrowDown);
    assert_eq!(h.state().selection(), Some(unit));
    press(&mut h, Key::A);
    press(&mut h, Key::Plus);
    press(&mut h, Key::Plus);
    press(&mut h, Key::X);
    let now = h.state().document().map().clone();
    let marks = now.node(unit).unwrap().workshop().clone();
    assert!(matches!(marks.verdict, Some(Verdict::Agreed(_))));
    assert_eq!(marks.votes_for, 1, "two votes, one taken back");
    assert!(
        now.node(step_node).unwrap().workshop().is_empty(),
        "not the function"
    );

    for _ in 0..4 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert!(h.state().presenting(), "undo while presenting");
    assert_eq!(
        h.state().document().map(),
        &before,
        "four undos, four marks"
    );
}

#[test]
fn the_presenters_window_holds_the_notes_and_the_room_does_not() {
    let mut app = management_and_leadership(false);
    let mut steps = app.view().presentation.clone();
    steps[0].notes = "Ask who has used the 2004 standards".into();
    app.set_walkthrough(steps);
    let mut h = screen(app, [1920.0, 1080.0]);
    press(&mut h, Key::F5);
    let notes = h.get_by_label("Ask who has used the 2004 standards");
    // The notes sit inside the presenter's window, not on the room's canvas.
    assert!(
        in_presenters_window(&notes),
        "the notes are in the presenter's window"
    );
    assert!(
        h.query_all_by_label("Ask who has used the 2004 standards")
            .count()
            == 1,
        "shown once"
    );
    // The step list and the clock are there too; the room shows only the counter.
    assert!(h.query_by_label_contains("2. A Managing self").is_some());
    assert!(h.query_by_label_contains("elapsed").is_some());

    // P hides the presenter's window (one screen only) and shows it again.
    press(&mut h, Key::P);
    assert!(
        h.query_by_label("Ask who has used the 2004 standards")
            .is_none()
    );
    press(&mut h, Key::P);
    assert!(
        h.query_by_label("Ask who has used the 2004 standards")
            .is_some()
    );
    // B blanks the room's screen; the presenter's window stays.
    press(&mut h, Key::B);
    assert!(h.state().room_blank());
    assert!(h.query_by_label_contains("Room screen blank").is_some());
    press(&mut h, Key::B);
    assert!(!h.state().room_blank());
    // Ctrl+S while presenting saves (no file yet: the message says so, in the presenter's
    // window, and no file dialog covers the room).
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().presenting());
    let said = h.get_by_label_contains("Not saved: the map has no file yet");
    assert!(
        in_presenters_window(&said),
        "said in the presenter's window"
    );
}

#[test]
fn ideas_and_decisions_of_a_session_are_recorded_in_the_log_when_presenting_ends() {
    let app = management_and_leadership(false);
    let map = app.document().map().clone();
    let area = map.children(map.root())[0];
    let mut h = screen(app, [1920.0, 1080.0]);
    press(&mut h, Key::F5);
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().selection(), Some(area));
    press(&mut h, Key::I);
    h.event(egui::Event::Text("A unit on hybrid teams".into()));
    h.run();
    press(&mut h, Key::Enter);
    press(&mut h, Key::D);
    press(&mut h, Key::Tab);
    h.event(egui::Event::Text("Lead hybrid teams".into()));
    h.run();
    assert!(
        h.query_by_label_contains("Lead hybrid teams▏").is_some(),
        "typed words shown large to the room"
    );
    // The room still sees the step, with the new box on the page shown and the camera on it.
    let page = h.state().presented_page().unwrap().clone();
    let new_box = page
        .scene
        .boxes
        .iter()
        .find(|b| b.node == h.state().selection().unwrap())
        .expect("the new box is on the page shown");
    let (zoom, offset) = h.state().camera_position();
    assert!(
        (zoom - page.zoom).abs() < 1e-3,
        "the page's zoom, not {zoom}"
    );
    let left = (new_box.rect.x - offset[0]) * zoom;
    let top = (new_box.rect.y - offset[1]) * zoom;
    assert!(
        (0.0..1920.0).contains(&left) && (0.0..1080.0).contains(&top),
        "the new box is on the screen ({left}, {top})"
    );
    press(&mut h, Key::Enter);
    // The last step shows the log.
    press(&mut h, Key::End);
    assert!(h.state().presenting_log());
    assert!(
        h.query_by_label("• A unit on hybrid teams").is_some(),
        "the log step lists it"
    );
    press(&mut h, Key::Escape);
    assert!(!h.state().presenting());
    let now = h.state().document().map().clone();
    assert_eq!(
        now.children(now.root()),
        map.children(map.root()),
        "no key area added"
    );
    let session = &sessions(&now)[0];
    assert_eq!(session.ideas[0].text, "A unit on hybrid teams");
    assert_eq!(session.decisions.len(), 1);
    assert_eq!(session.decisions[0].node, area);
    assert_eq!(session.decisions[0].verdict, Some(Verdict::NeedsDiscussion));
    assert_eq!(session.changes.len(), 1);
    assert!(session.changes[0].label.contains("Lead hybrid teams"));
}

#[test]
fn generate_asks_before_replacing_prepared_steps_and_can_be_undone() {
    let mut app = management_and_leadership(false);
    let mut steps = app.view().presentation.clone();
    steps.truncate(3);
    steps[1].notes = "Warm-up".into();
    app.set_walkthrough(steps.clone());
    let mut h = screen(app, [1400.0, 900.0]);
    h.state_mut()
        .apply(Action::Run(nosmap::app::Command::EditWalkthrough));
    h.run();
    h.get_by_label("Generate: key areas").click();
    h.run();
    assert_eq!(h.state().view().presentation, steps, "not replaced yet");
    assert!(
        h.query_by_label_contains("Replace the 3 prepared steps (1 with notes)")
            .is_some()
    );
    h.get_by_label("Keep them").click();
    h.run();
    assert_eq!(h.state().view().presentation, steps);
    h.get_by_label("Generate: key areas").click();
    h.run();
    h.get_by_label("Replace the steps").click();
    h.run();
    let map = h.state().document().map().clone();
    assert_eq!(h.state().view().presentation, walkthrough(&map, false));
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(
        h.state().view().presentation,
        steps,
        "the prepared steps are back"
    );
}

#[test]
fn the_workshop_log_window_places_an_idea_records_the_facilitator_and_writes_the_report() {
    let folder = tempfile::tempdir().unwrap();
    let app = management_and_leadership(false);
    let map = app.document().map().clone();
    let area = map.children(map.root())[1];
    let mut h = screen(app, [1400.0, 900.0]);
    press(&mut h, Key::F5);
    press(&mut h, Key::I);
    h.event(egui::Event::Text("Coach hybrid teams".into()));
    h.run();
    press(&mut h, Key::Enter);
    press(&mut h, Key::Escape);
    h.state_mut().apply(Action::Select(Some(area)));
    h.state_mut()
        .apply(Action::Run(nosmap::app::Command::WorkshopLog));
    h.run();

    h.get_by_label("Facilitator:").focus();
    h.run();
    h.get_by_label("Facilitator:").type_text("Sam Okafor");
    h.run();
    press(&mut h, Key::Tab);
    assert_eq!(
        sessions(h.state().document().map())[0].facilitator,
        "Sam Okafor"
    );

    let before = h.state().document().map().clone();
    h.get_by_label("Place under the selected box").click();
    h.run();
    let now = h.state().document().map().clone();
    let placed = *now.children(area).last().unwrap();
    assert_eq!(now.node(placed).unwrap().title(), "Coach hybrid teams");
    assert_eq!(sessions(&now)[0].ideas[0].placed, Some(placed));
    assert!(h.query_by_label_contains("placed as").is_some());

    let path = folder.path().join("decisions.md");
    let field = h.get_by_label("File (.html .md .pdf .docx .csv):");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("File (.html .md .pdf .docx .csv):")
        .type_text(&path.display().to_string());
    h.run();
    h.get_by_label("Write the report").click();
    h.run();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("Sam Okafor"), "{written}");
    assert!(written.contains("Coach hybrid teams"), "{written}");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().document().map(), &before, "placing was one step");
}

#[test]
fn quitting_while_presenting_records_the_session_and_asks_about_it() {
    let app = management_and_leadership(false);
    let mut h = screen(app, [1400.0, 900.0]);
    press(&mut h, Key::F5);
    press(&mut h, Key::I);
    h.event(egui::Event::Text("Ask the sector council".into()));
    h.run();
    press(&mut h, Key::Enter);
    press(&mut h, Key::PageDown);
    press(&mut h, Key::D);
    h.state_mut().apply(Action::Run(nosmap::app::Command::Quit));
    h.run();
    assert!(!h.state().presenting());
    let map = h.state().document().map().clone();
    assert_eq!(
        sessions(&map)[0].decisions.len(),
        1,
        "recorded on the way out"
    );
    assert!(
        h.state()
            .dialogs()
            .iter()
            .any(|d| matches!(d, nosmap::app::Dialog::Unsaved { .. })),
        "asked before the unsaved session is lost"
    );
}

/// What a review found in the first version, each driven as a presenter would.
mod review {
    use super::*;

    #[test]
    fn an_idea_can_be_typed_on_the_log_step_and_not_into_a_blank_screen() {
        let mut h = screen(management_and_leadership(false), [1400.0, 900.0]);
        press(&mut h, Key::F5);
        press(&mut h, Key::End);
        press(&mut h, Key::I);
        h.event(egui::Event::Text("Ask the sector council".into()));
        h.run();
        press(&mut h, Key::Enter);
        let map = h.state().document().map().clone();
        assert_eq!(sessions(&map)[0].ideas[0].text, "Ask the sector council");
        assert!(h.query_by_label("• Ask the sector council").is_some());

        press(&mut h, Key::B);
        press(&mut h, Key::I);
        press(&mut h, Key::Tab);
        assert!(h.state().message().unwrap().contains("blank"));
        press(&mut h, Key::B);
        press(&mut h, Key::Escape);
        assert!(!h.state().presenting(), "the keys still work");
        assert_eq!(sessions(h.state().document().map())[0].ideas.len(), 1);
    }

    #[test]
    fn ctrl_shift_z_redoes_and_ctrl_z_after_a_save_undoes_the_vote_not_the_record() {
        let folder = tempfile::tempdir().unwrap();
        let path = common::copy_example("management-and-leadership-2008.nosmap.ron", folder.path());
        let app = NosmapApp::open(Some(path)).unwrap();
        let mut h = screen(app, [1400.0, 900.0]);
        press(&mut h, Key::F5);
        press(&mut h, Key::PageDown);
        let area = h.state().selection().unwrap();
        press(&mut h, Key::Plus);
        let votes = |h: &Harness<'_, NosmapApp>| {
            h.state()
                .document()
                .map()
                .node(area)
                .unwrap()
                .workshop()
                .votes_for
        };
        assert_eq!(votes(&h), 1);
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert_eq!(votes(&h), 0);
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        h.run();
        assert_eq!(votes(&h), 1, "Ctrl+Shift+Z redoes");
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        h.run();
        assert!(!h.state().document().is_dirty(), "saved with the record");
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert_eq!(votes(&h), 0, "the vote is undone, not only the record");
    }

    #[test]
    fn x_never_takes_back_a_vote_from_before_the_presentation() {
        let app = management_and_leadership(false);
        let mut h = screen(app, [1400.0, 900.0]);
        press(&mut h, Key::F5);
        press(&mut h, Key::PageDown);
        let area = h.state().selection().unwrap();
        press(&mut h, Key::Plus);
        press(&mut h, Key::Escape);
        // A second presentation: that vote is from before it.
        press(&mut h, Key::F5);
        press(&mut h, Key::PageDown);
        assert_eq!(h.state().selection(), Some(area));
        press(&mut h, Key::Plus);
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        press(&mut h, Key::X);
        let votes = h
            .state()
            .document()
            .map()
            .node(area)
            .unwrap()
            .workshop()
            .votes_for;
        assert_eq!(votes, 1, "the earlier vote stays");
    }

    #[test]
    fn edits_between_two_presentations_are_not_the_rooms() {
        let app = management_and_leadership(false);
        let map = app.document().map().clone();
        let mut h = screen(app, [1400.0, 900.0]);
        press(&mut h, Key::F5);
        press(&mut h, Key::PageDown);
        press(&mut h, Key::A);
        press(&mut h, Key::Escape);
        // An afternoon's editing, then a short presentation.
        let area = map.children(map.root())[2];
        let edit =
            nosmap::edit::ops::rename(h.state().document().map(), area, "Leading change").unwrap();
        h.state_mut().apply(Action::Edit {
            label: "rename".into(),
            edit: Box::new(edit),
        });
        press(&mut h, Key::F5);
        press(&mut h, Key::Escape);
        let session = &sessions(h.state().document().map())[0];
        assert_eq!(session.decisions.len(), 1, "the morning's decision kept");
        assert!(
            session.changes.iter().all(|c| c.node != area),
            "the afternoon's rename is not a workshop change"
        );
    }

    #[test]
    fn a_step_whose_box_was_deleted_gives_way_to_the_next() {
        let mut app = management_and_leadership(false);
        let map = app.document().map().clone();
        let mut steps = app.view().presentation.clone();
        // A step of a box that is then deleted.
        let (fresh, add) = nosmap::edit::ops::new_child(
            &map,
            map.root(),
            NodeKind::Function,
            "Drafted this morning",
        )
        .unwrap();
        app.apply(Action::Edit {
            label: "add".into(),
            edit: Box::new(add),
        });
        steps.insert(
            1,
            nosmap::view::PresentationStep {
                node: fresh,
                depth: 1,
                notes: String::new(),
                hidden: false,
            },
        );
        app.set_walkthrough(steps.clone());
        let mut h = screen(app, [1400.0, 900.0]);
        press(&mut h, Key::F5);
        while h.state().presenter_step() == 0 {
            press(&mut h, Key::PageDown);
        }
        assert_eq!(h.state().presenter_step(), 1);
        // Undone past the box's making while its step is shown.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        h.run();
        assert!(!h.state().document().map().contains(fresh));
        assert_eq!(h.state().presenter_step(), 2, "the next step shows");
        let page = h.state().presented_page().unwrap();
        assert_eq!(page.scene.boxes[0].node, steps[2].node, "not the whole map");
    }

    #[test]
    fn esc_gives_back_the_editors_layout_and_enter_on_the_steps_box_makes_a_child_in_the_step() {
        let app = management_and_leadership(false);
        let mut h = screen(app, [1400.0, 900.0]);
        let before = h.state().scene().clone();
        press(&mut h, Key::F5);
        press(&mut h, Key::PageDown);
        let area = h.state().selection().unwrap();
        press(&mut h, Key::Enter);
        h.event(egui::Event::Text("Manage your wellbeing".into()));
        h.run();
        press(&mut h, Key::Enter);
        let map = h.state().document().map().clone();
        let made = *map.children(area).last().unwrap();
        assert_eq!(map.node(made).unwrap().title(), "Manage your wellbeing");
        press(&mut h, Key::Escape);
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        h.run();
        assert_eq!(
            h.state().scene().bounds,
            before.bounds,
            "the map laid out as the editor had it, not for the projector"
        );
    }

    #[test]
    fn the_log_window_shows_what_the_log_says_after_an_undo() {
        let mut h = screen(management_and_leadership(false), [1400.0, 900.0]);
        press(&mut h, Key::F5);
        press(&mut h, Key::I);
        h.event(egui::Event::Text("Coach online".into()));
        h.run();
        press(&mut h, Key::Enter);
        press(&mut h, Key::Escape);
        h.state_mut()
            .apply(Action::Run(nosmap::app::Command::WorkshopLog));
        h.run();
        h.get_by_label("Facilitator:").focus();
        h.run();
        h.get_by_label("Facilitator:").type_text("Sam");
        h.run();
        press(&mut h, Key::Tab);
        assert_eq!(sessions(h.state().document().map())[0].facilitator, "Sam");
        h.state_mut().apply(Action::Run(nosmap::app::Command::Undo));
        h.run();
        h.run();
        assert_eq!(sessions(h.state().document().map())[0].facilitator, "");
        h.get_by_label("Facilitator:").focus();
        h.run();
        press(&mut h, Key::Tab);
        assert_eq!(
            sessions(h.state().document().map())[0].facilitator,
            "",
            "the window does not write the undone name back"
        );
    }
}

/// Keys sent faster than frames (a clicker pressed quickly, a burst from a script) are all
/// applied, in order, to the boxes they were meant for.
#[test]
fn a_burst_of_presenter_keys_is_applied_in_order() {
    use common::keys::tap;
    for per_frame in [1, 3, 64] {
        let mut h = screen(management_and_leadership(false), [1920.0, 1080.0]);
        press(&mut h, Key::F5);
        let mut keys = Vec::new();
        keys.extend(tap(Key::PageDown));
        keys.extend(tap(Key::ArrowDown));
        keys.extend(tap(Key::A));
        for _ in 0..5 {
            keys.extend(tap(Key::Plus));
        }
        keys.extend(tap(Key::Minus));
        keys.extend(tap(Key::X));
        keys.extend(tap(Key::PageDown));
        keys.extend(tap(Key::PageDown));
        common::type_in_frames(&mut h, &keys, per_frame);
        let map = h.state().document().map().clone();
        let area = map.children(map.root())[0];
        let unit = map.children(area)[0];
        let marks = map.node(unit).unwrap().workshop().clone();
        assert!(
            matches!(marks.verdict, Some(Verdict::Agreed(_))),
            "{per_frame} per frame"
        );
        assert_eq!(
            (marks.votes_for, marks.votes_against),
            (5, 0),
            "{per_frame} per frame"
        );
        assert!(map.node(area).unwrap().workshop().is_empty());
        // B has two pages at 1080 lines: the last PageDown shows its second.
        assert_eq!(h.state().presenter_step(), 2, "{per_frame} per frame");
        assert_eq!(h.state().presenter_page().0, 1, "{per_frame} per frame");
    }
}

/// From the audit in the real window: Tab on a unit, then a title typed, makes the next unit (the
/// words are never run as commands); Ctrl+Q while presenting with changes records and asks.
#[test]
fn tab_on_a_unit_makes_the_next_unit_and_ctrl_q_asks_before_quitting() {
    use common::keys::{line, tap};
    let mut h = screen(management_and_leadership(false), [1920.0, 1080.0]);
    let mut keys = tap(Key::F5);
    keys.extend(tap(Key::PageDown));
    keys.extend(tap(Key::ArrowDown));
    keys.extend(tap(Key::Tab));
    keys.extend(line("Manage the security of information"));
    common::type_in_frames(&mut h, &keys, 1);
    let map = h.state().document().map().clone();
    let area = map.children(map.root())[0];
    let titles: Vec<&str> = map
        .children(area)
        .iter()
        .map(|&c| map.node(c).unwrap().title())
        .collect();
    assert_eq!(
        titles[1], "Manage the security of information",
        "{titles:?}"
    );
    assert!(
        map.nodes().all(|(_, n)| n.workshop().is_empty()),
        "no letter ran as a command"
    );
    assert!(!h.state().presenter_page_is_high_contrast());
    common::type_in_frames(&mut h, &common::keys::ctrl(Key::Q), 1);
    assert!(!h.state().presenting());
    assert!(
        h.state()
            .dialogs()
            .iter()
            .any(|d| matches!(d, nosmap::app::Dialog::Unsaved { .. }))
    );
}
