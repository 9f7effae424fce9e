//! Edit › Paste NOS text… in the window (issue 18, point 1): Ctrl+Shift+V asks for the
//! clipboard, the dialog previews what went where before anything is added, Add puts every unit
//! under the selected function as one undoable step, Cancel adds nothing; a NOS pasted with
//! plain Ctrl+V opens the same preview instead of being refused.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;

use common::keys::{ctrl, press};
use eframe::egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use nosmap::app::Action;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/nos_text")
            .join(name),
    )
    .unwrap()
}

#[test]
fn ctrl_shift_v_previews_the_pasted_nos_and_adds_its_units_as_one_step() {
    let (_folder, mut h) = common::example_window();
    let before = h.state().document().map().clone();
    let area = before.children(before.root())[1];
    h.state_mut().apply(Action::Select(Some(area)));
    h.run();

    common::type_in_frames(
        &mut h,
        &press(Modifiers::COMMAND | Modifiers::SHIFT, Key::V),
        1,
    );
    assert!(h.state().paste_nos_open(), "Ctrl+Shift+V opens the dialog");
    // The window answers the request for the clipboard with a paste event.
    common::type_in_frames(&mut h, &[Event::Paste(fixture("two_units.txt"))], 1);
    h.run();
    assert!(
        h.query_by_label_contains("MARFO11").is_some(),
        "the preview names the first unit"
    );
    assert!(
        h.query_all_by_label_contains("Performance criteria: P1–P")
            .count()
            == 2,
        "the preview says where each unit's criteria went"
    );
    assert_eq!(
        h.state().document().map(),
        &before,
        "nothing is added before Add"
    );

    h.get_by_label("Add 2 units").click();
    h.run();
    let map = h.state().document().map().clone();
    let urns: Vec<String> = map
        .children(area)
        .iter()
        .filter_map(|&c| map.unit(c).map(|u| u.urn.clone()))
        .collect();
    assert!(
        urns.ends_with(&["MARFO11".to_string(), "MARFO12".to_string()]),
        "both units last under the key area: {urns:?}"
    );
    assert!(!h.state().paste_nos_open(), "Add closes the dialog");

    common::type_in_frames(&mut h, &ctrl(Key::Z), 1);
    assert_eq!(
        h.state().document().map(),
        &before,
        "one undo takes both units back"
    );
}

#[test]
fn a_nos_pasted_with_ctrl_v_opens_the_preview_and_cancel_adds_nothing() {
    let (_folder, mut h) = common::example_window();
    let before = h.state().document().map().clone();
    let area = before.children(before.root())[0];
    h.state_mut().apply(Action::Select(Some(area)));
    h.run();

    common::type_in_frames(&mut h, &[Event::Paste(fixture("leftover.txt"))], 1);
    h.run();
    assert!(h.state().paste_nos_open(), "the NOS text opens the preview");
    assert!(
        h.query_by_label_contains("Back to search results")
            .is_some(),
        "what went nowhere is shown as left over"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().paste_nos_open());
    assert_eq!(h.state().document().map(), &before, "Cancel adds nothing");

    // Text that is neither a branch nor a NOS is refused with a message, as before.
    common::type_in_frames(&mut h, &[Event::Paste("just some words".into())], 1);
    assert!(!h.state().paste_nos_open());
    assert_eq!(h.state().document().map(), &before);
}

/// An empty clipboard sends no paste event: the dialog stops waiting for one, so a later paste
/// into its box goes where the cursor is rather than replacing the box.
#[test]
fn with_an_empty_clipboard_the_dialog_stops_waiting() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    h.state_mut()
        .apply(Action::Select(Some(map.children(map.root())[0])));
    h.run();
    common::type_in_frames(
        &mut h,
        &press(Modifiers::COMMAND | Modifiers::SHIFT, Key::V),
        1,
    );
    assert!(h.state().paste_nos_open());
    for _ in 0..6 {
        h.step();
    }
    assert!(!h.state().paste_nos_waiting(), "no longer waiting");
    // A paste now (Ctrl+V into the box) is the box's, not taken as the clipboard's answer.
    common::type_in_frames(&mut h, &[Event::Paste("ABC12".into())], 1);
    assert!(h.state().paste_nos_open());
}
