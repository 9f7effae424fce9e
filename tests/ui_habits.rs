//! What people who drafted in Freeplane expect, what a first start shows, and windows that stay
//! usable when small: each driven through egui_kittest.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::keys::{ctrl, line, tap};
use eframe::egui::{self, Key};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nosmap::app::{Action, NosmapApp, Placement, accessible_label};
use nosmap::edit::Document;
use nosmap::model::{FunctionalMap, NodeId};

fn select(h: &mut Harness<'_, NosmapApp>, node: NodeId) {
    h.state_mut().apply(Action::Select(Some(node)));
    h.run();
}

fn first_unit_under(map: &FunctionalMap, area: NodeId) -> NodeId {
    *map.children(area)
        .iter()
        .find(|&&c| map.unit(c).is_some())
        .unwrap()
}

#[test]
fn insert_adds_a_child_and_home_or_escape_select_the_key_purpose() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    let area = map.children(map.root())[0];
    select(&mut h, area);
    let mut keys = tap(Key::Insert);
    keys.extend(line("Plan coaching sessions"));
    common::type_in_frames(&mut h, &keys, 1);
    let map = h.state().document().map().clone();
    let last = *map.children(area).last().unwrap();
    assert_eq!(map.node(last).unwrap().title(), "Plan coaching sessions");

    common::type_in_frames(&mut h, &tap(Key::Home), 1);
    assert_eq!(h.state().selection(), Some(map.root()), "Home");
    select(&mut h, area);
    common::type_in_frames(&mut h, &tap(Key::Escape), 1);
    assert_eq!(h.state().selection(), Some(map.root()), "Esc on the map");
}

#[test]
fn a_double_click_edits_the_title_and_a_right_click_opens_a_menu_on_that_box() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    let area = map.children(map.root())[1];
    let title = map.node(area).unwrap().title().to_string();
    let label = accessible_label(&map, Placement::first(&map, area));
    h.state_mut().set_zoom(1.0);
    h.state_mut()
        .apply(Action::GoTo(nosmap::model::Location::node(area)));
    h.run();
    let folded_before = h.state().view().folded.clone();
    // Both clicks within one frame: the harness's frames are a quarter second apart, past the
    // double-click delay.
    let at = h.get_by_label(&label).rect().center();
    h.input_mut()
        .events
        .extend(common::clicks(at, egui::PointerButton::Primary, 2));
    h.run();
    assert_eq!(
        h.state().renaming(),
        Some(title.as_str()),
        "double click edits the title"
    );
    assert_eq!(h.state().view().folded, folded_before, "and does not fold");
    common::type_in_frames(&mut h, &tap(Key::Escape), 1);

    // Right-click another box: it is selected and the menu acts on it.
    let other = map.children(map.root())[0];
    h.state_mut()
        .apply(Action::GoTo(nosmap::model::Location::node(other)));
    h.run();
    let label = accessible_label(&map, Placement::first(&map, other));
    h.get_by_label(&label).click_secondary();
    h.run();
    assert_eq!(h.state().selection(), Some(other), "right-click selects");
    h.get_by_label_contains("New child").click();
    h.run();
    common::type_in_frames(&mut h, &line("Agree coaching goals"), 1);
    let map = h.state().document().map();
    let last = *map.children(other).last().unwrap();
    assert_eq!(map.node(last).unwrap().title(), "Agree coaching goals");
}

#[test]
fn a_unit_is_placed_also_under_another_function_from_the_keyboard() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    let areas = map.children(map.root()).to_vec();
    let unit = first_unit_under(&map, areas[0]);
    let target = areas[2];
    let target_title = map.node(target).unwrap().title().to_string();
    select(&mut h, unit);
    let mut keys = ctrl(Key::L);
    // Two words of the other key area's title.
    let words: Vec<&str> = target_title.split_whitespace().take(3).collect();
    keys.extend(line(&words.join(" ")));
    common::type_in_frames(&mut h, &keys, 1);
    let map = h.state().document().map();
    assert!(
        map.parents(unit).contains(&target),
        "placed also under {target_title}: {:?}",
        map.parents(unit)
    );
    assert!(
        map.parents(unit).contains(&areas[0]),
        "and still where it was"
    );
}

#[test]
fn escape_closes_the_shortcut_sheet_and_cancels_the_save_question() {
    let (_folder, mut h) = common::example_window();
    common::type_in_frames(&mut h, &tap(Key::F1), 1);
    let sheet = |h: &Harness<'_, NosmapApp>| h.query_all_by_label("Keyboard shortcuts").count();
    assert!(sheet(&h) > 0, "F1 opened the sheet");
    let selected = h.state().selection();
    common::type_in_frames(&mut h, &tap(Key::Escape), 1);
    assert_eq!(sheet(&h), 0, "F1 sheet closed");
    assert_eq!(h.state().selection(), selected, "that Esc did nothing else");

    // An unsaved change, then closing its map (Ctrl+W) asks; Esc answers Cancel. (Ctrl+N opens
    // a new map beside it and asks nothing.)
    let map = h.state().document().map().clone();
    select(&mut h, map.children(map.root())[0]);
    common::type_in_frames(&mut h, &tap(Key::Delete), 1);
    common::type_in_frames(&mut h, &ctrl(Key::W), 1);
    h.get_by_label("Save your changes?");
    common::type_in_frames(&mut h, &tap(Key::Escape), 1);
    assert!(h.query_by_label("Save your changes?").is_none());
    assert!(h.state().document().is_dirty(), "the change is still there");
    assert!(h.state().dialogs().is_empty());
}

#[test]
fn the_menus_list_undo_before_redo_and_save_before_save_as() {
    let order: Vec<&str> = nosmap::app::commands::unique().map(|c| c.label).collect();
    let at = |label: &str| order.iter().position(|l| *l == label).unwrap();
    assert!(at("Undo") < at("Redo"));
    assert!(at("Save") < at("Save As…"));
}

#[test]
fn ctrl_shift_z_still_redoes_after_undo_moved_above_it() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    select(&mut h, map.children(map.root())[0]);
    common::type_in_frames(&mut h, &tap(Key::Delete), 1);
    common::type_in_frames(&mut h, &ctrl(Key::Z), 1);
    assert_eq!(h.state().document().map(), &map);
    common::type_in_frames(
        &mut h,
        &common::keys::press(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z),
        1,
    );
    assert_ne!(h.state().document().map(), &map, "redone");
}

#[test]
fn with_nothing_to_open_a_start_page_says_what_to_do() {
    let folder = tempfile::tempdir().unwrap();
    let mut app = NosmapApp::open(None).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    let mut h = common::window(app);
    h.get_by_label_contains("New map");
    h.get_by_label_contains("Open a map…");
    h.get_by_label("Recent maps");
    h.get_by_label("management-and-leadership-2008.nosmap.ron");
    assert!(
        h.query_by_label_contains("Untitled").is_none(),
        "no map called Untitled is shown"
    );
    h.get_by_label_contains("New map").click();
    h.run();
    common::type_in_frames(
        &mut h,
        &line("Enable people to achieve their potential through coaching"),
        1,
    );
    let map = h.state().document().map();
    assert_eq!(
        map.display_title(),
        "Enable people to achieve their potential through coaching",
        "a new map takes its title from the key purpose"
    );
    h.get_by_label_contains("Enable people to achieve their potential through coaching ·");
}

#[test]
fn the_built_in_example_opens_from_the_start_page_under_its_own_title() {
    let folder = tempfile::tempdir().unwrap();
    let mut app = NosmapApp::open(None).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    let mut h = common::window(app);
    h.get_by_label_contains("built in").click();
    h.run();
    assert!(h.state().document().map().len() > 50);
    h.get_by_label_contains("Management and Leadership");
}

#[test]
fn the_view_file_gives_back_zoom_and_centre() {
    let folder = tempfile::tempdir().unwrap();
    let path = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let settings = folder.path().join("settings.ron");
    let mut app = NosmapApp::open(Some(path.clone())).unwrap();
    app.set_settings_path(settings.clone());
    let mut h = common::window(app);
    // No view file yet: the whole map is shown, as Fit shows it.
    let opened = h.state().view_centre().unwrap();
    h.state_mut().apply(Action::FitToWindow);
    h.run();
    assert_eq!(
        h.state().view_centre().unwrap(),
        opened,
        "a map opens fitted"
    );
    let map = h.state().document().map().clone();
    h.state_mut().set_zoom(1.7);
    h.state_mut()
        .apply(Action::GoTo(nosmap::model::Location::node(
            map.children(map.root())[3],
        )));
    h.run();
    let (zoom, centre) = h.state().view_centre().unwrap();
    common::type_in_frames(&mut h, &ctrl(Key::S), 1);
    drop(h);

    let mut app = NosmapApp::open(Some(path)).unwrap();
    app.set_settings_path(settings);
    let h = common::window(app);
    let (zoom_again, centre_again) = h.state().view_centre().unwrap();
    assert!((zoom - zoom_again).abs() < 1e-3, "{zoom} then {zoom_again}");
    assert!(
        (centre[0] - centre_again[0]).abs() < 1.0 && (centre[1] - centre_again[1]).abs() < 1.0,
        "{centre:?} then {centre_again:?}"
    );
}

#[test]
fn the_window_size_is_remembered_in_the_settings_whatever_the_interface_scale() {
    for scale_steps in [0, 3] {
        let folder = tempfile::tempdir().unwrap();
        let settings = folder.path().join("settings.ron");
        let mut h = Harness::builder()
            .with_size([1111.0, 777.0])
            .build_ui_state(
                |ui, app: &mut NosmapApp| app.frame_ui(ui),
                common::example_app(&settings),
            );
        h.run();
        for _ in 0..scale_steps {
            h.state_mut()
                .apply(Action::Run(nosmap::app::Command::UiLarger));
            h.run();
        }
        drop(h);
        let stored = nosmap::io::settings::load_settings(&settings);
        let [w, h] = stored.window_size.unwrap();
        assert!(
            (w - 1111.0).abs() <= 1.0 && (h - 777.0).abs() <= 1.0,
            "{scale_steps} steps larger: stored {w}×{h}"
        );
    }
}

/// A unit with many long statements in the inspector, at three window widths.
#[test]
fn the_inspector_fits_its_panel_and_the_canvas_keeps_half_the_window() {
    for (width, height) in [(1024.0, 768.0), (1280.0, 800.0), (1920.0, 1080.0)] {
        let folder = tempfile::tempdir().unwrap();
        let map = nosmap::io::load(&common::example(
            "management-and-leadership-2008.nosmap.ron",
        ))
        .unwrap();
        let unit = map
            .units()
            .max_by_key(|(_, u)| u.performance_criteria.len() + u.knowledge.len())
            .map(|(id, _)| id)
            .unwrap();
        let mut app = NosmapApp::new(Document::new(map), None);
        app.set_settings_path(folder.path().join("settings.ron"));
        let mut h = Harness::builder()
            .with_size([width, height])
            .build_ui_state(|ui, app: &mut NosmapApp| app.frame_ui(ui), app);
        h.run();
        select(&mut h, unit);
        let canvas = h.state().canvas_rect().unwrap();

        assert!(
            canvas.width() >= width * 0.5 - 1.0,
            "at {width}: the canvas has {} points",
            canvas.width()
        );
        let fields: Vec<egui::Rect> = h
            .query_all_by_role(Role::MultilineTextInput)
            .map(|n| n.rect())
            .collect();
        assert!(fields.len() > 4, "at {width}: statement fields shown");
        for field in &fields {
            assert!(
                field.min.x >= canvas.max.x && field.max.x <= width,
                "at {width}: a field at {field:?} is outside the inspector (canvas ends at {})",
                canvas.max.x
            );
            assert!(
                field.width() >= 100.0,
                "at {width}: a field {} wide",
                field.width()
            );
        }
        // With nothing selected the inspector edits the map's settings: those fit too.
        h.state_mut().apply(Action::Select(None));
        h.run();
        let canvas = h.state().canvas_rect().unwrap();
        let settings: Vec<egui::Rect> = h
            .query_all_by_role(Role::TextInput)
            .chain(h.query_all_by_role(Role::MultilineTextInput))
            .map(|n| n.rect())
            // Not the problems panel's filter (bottom left).
            .filter(|r| r.max.x > canvas.center().x)
            .collect();
        assert!(settings.len() > 4, "at {width}: map settings shown");
        for field in &settings {
            assert!(
                field.min.x >= canvas.max.x - 1.0 && field.max.x <= width,
                "at {width}: a map settings field at {field:?} is cut off (canvas ends at {})",
                canvas.max.x
            );
        }
        select(&mut h, unit);
        for number in ["P1", "K1"] {
            let padded = format!("{number:>4}");
            let label = h
                .query_by_role_and_label(Role::Label, &padded)
                .unwrap_or_else(|| panic!("at {width}: no {number} label"));
            let rect = label.rect();
            assert!(
                rect.min.x >= canvas.max.x && rect.max.x <= width,
                "at {width}: {number} at {rect:?} is cut off"
            );
        }
    }
}

#[test]
fn the_problems_panel_checks_a_draft_quietly_until_asked_for_publishing() {
    let (_folder, mut h) = common::example_window();
    let drafting = h.state().report().findings.len();
    h.get_by_label("Ready to publish").click();
    h.run();
    let publishing = h.state().report().findings.len();
    assert!(
        publishing > drafting,
        "publishing adds findings: {drafting} → {publishing}"
    );
    h.get_by_label("Ready to publish").click();
    h.run();
    assert_eq!(h.state().report().findings.len(), drafting);
}

#[test]
fn outline_rows_are_selected_by_a_click_and_a_right_click_opens_their_menu() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    let area = map.children(map.root())[2];
    let title = map.node(area).unwrap().title().to_string();
    // A plain click on another row selects it (a drag layer over the rows took every click).
    let first = map.children(map.root())[0];
    let first_title = map.node(first).unwrap().title().to_string();
    h.get_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.contains(first_title.as_str()))
    })
    .click();
    h.run();
    assert_eq!(
        h.state().selection(),
        Some(first),
        "a click selects the row"
    );
    let row = h.get_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.contains(title.as_str()))
    });
    let at = row.rect().center();
    h.input_mut()
        .events
        .extend(common::clicks(at, egui::PointerButton::Secondary, 1));
    h.run();
    assert_eq!(
        h.state().selection(),
        Some(area),
        "right-click selects the row"
    );
    h.get_by_label_contains("Delete with branch").click();
    h.run();
    assert!(
        !h.state().document().map().contains(area),
        "the menu deleted the row's branch"
    );
}

#[test]
fn escape_in_the_find_bar_closes_it_and_keeps_what_was_found() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    let area = map.children(map.root())[2];
    let words: Vec<&str> = map.node(area).unwrap().title().split_whitespace().collect();
    let mut keys = ctrl(Key::F);
    keys.extend(line(&words.join(" ")));
    keys.extend(tap(Key::Escape));
    common::type_in_frames(&mut h, &keys, 3);
    assert!(!h.state().find_bar().open, "Esc closed the find bar");
    assert_eq!(
        h.state().selection(),
        Some(area),
        "and kept the match selected"
    );
    // Now the map has the keyboard: Esc selects the key purpose.
    common::type_in_frames(&mut h, &tap(Key::Escape), 1);
    assert_eq!(h.state().selection(), Some(map.root()));
}

#[test]
fn a_zoom_key_on_the_map_zooms_and_types_nothing() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    select(&mut h, map.children(map.root())[0]);
    let before = h.state().view_centre().unwrap().0;
    // The window sends "+" as a key and as text.
    let mut plus = common::keys::tap(Key::Plus);
    plus.insert(1, egui::Event::Text("+".into()));
    common::type_in_frames(&mut h, &plus, plus.len());
    assert_eq!(
        h.state().renaming(),
        None,
        "no title editor opened with “+”"
    );
    assert!(h.state().view_centre().unwrap().0 > before, "zoomed in");
    assert_eq!(h.state().document().map(), &map);
}

#[test]
fn escape_with_a_menu_open_closes_the_menu_and_selects_nothing_else() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    let area = map.children(map.root())[1];
    h.state_mut()
        .apply(Action::GoTo(nosmap::model::Location::node(area)));
    h.run();
    let label = accessible_label(&map, Placement::first(&map, area));
    h.get_by_label(&label).click_secondary();
    h.run();
    assert!(
        h.query_by_label_contains("New child").is_some(),
        "the menu is open"
    );
    common::type_in_frames(&mut h, &tap(Key::Escape), 1);
    assert!(
        h.query_by_label_contains("New child").is_none(),
        "Esc closed the menu"
    );
    assert_eq!(
        h.state().selection(),
        Some(area),
        "and left the selection alone"
    );
}

#[test]
fn escape_in_a_title_cancels_it_even_with_the_shortcut_sheet_open() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    common::type_in_frames(&mut h, &tap(Key::F1), 1);
    select(&mut h, map.children(map.root())[0]);
    let mut keys = tap(Key::Tab);
    keys.extend(common::keys::typed("Draft"));
    keys.extend(tap(Key::Escape));
    common::type_in_frames(&mut h, &keys, 1);
    assert_eq!(
        h.state().document().map(),
        &map,
        "the new child was taken back"
    );
    assert!(
        h.query_all_by_label("Keyboard shortcuts").count() > 0,
        "the sheet stays"
    );
    // Esc on the map now closes the sheet.
    common::type_in_frames(&mut h, &tap(Key::Escape), 1);
    assert_eq!(h.query_all_by_label("Keyboard shortcuts").count(), 0);
}

#[test]
fn the_start_page_lets_no_command_act_on_a_map_nobody_sees() {
    let folder = tempfile::tempdir().unwrap();
    let mut app = NosmapApp::open(None).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    let mut h = common::window(app);
    let mut keys = tap(Key::Tab);
    keys.extend(ctrl(Key::F));
    keys.extend(common::keys::typed("x"));
    common::type_in_frames(&mut h, &keys, 1);
    assert_eq!(h.state().renaming(), None);
    assert!(!h.state().find_bar().open);
    assert!(
        !h.state().document().is_dirty(),
        "the hidden map is untouched"
    );
    h.get_by_label_contains("New map");
}

#[test]
fn a_click_typed_after_keys_waits_for_them() {
    let (_folder, mut h) = common::example_window();
    let map = h.state().document().map().clone();
    let areas = map.children(map.root()).to_vec();
    h.state_mut().set_zoom(0.6);
    h.state_mut()
        .apply(Action::GoTo(nosmap::model::Location::node(areas[0])));
    h.run();
    let other = accessible_label(&map, Placement::first(&map, areas[1]));
    let at = h.get_by_label(&other).rect().center();
    // Tab, a title, then a click on another key area: all in one slow frame.
    let mut events = tap(Key::Tab);
    events.extend(common::keys::typed("Plan"));
    events.extend(common::clicks(at, egui::PointerButton::Primary, 1));
    common::type_in_frames(&mut h, &events, events.len());
    let now = h.state().document().map();
    let last = *now.children(areas[0]).last().unwrap();
    assert_eq!(
        now.node(last).unwrap().title(),
        "Plan",
        "the new child got its title"
    );
    assert_eq!(
        now.node(areas[1]).unwrap().title(),
        map.node(areas[1]).unwrap().title(),
        "the clicked key area was not renamed"
    );
}

#[test]
fn undoing_a_map_settings_edit_keeps_the_map_settings_in_view() {
    let (_folder, mut h) = common::example_window();
    let mut meta = h.state().document().map().meta().clone();
    meta.title = "Renamed".into();
    h.state_mut().apply(Action::Select(None));
    h.state_mut().apply(Action::Edit {
        label: "Edit map title".into(),
        edit: Box::new(nosmap::edit::Edit::SetMeta(meta)),
    });
    h.run();
    common::type_in_frames(&mut h, &ctrl(Key::Z), 1);
    assert_eq!(h.state().selection(), None);
    assert_ne!(h.state().document().map().meta().title, "Renamed");
}
