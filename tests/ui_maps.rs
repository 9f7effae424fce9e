//! Several maps open in one window, driven through egui_kittest: each keeps its own history,
//! lock and autosave; a unit copied from one goes into another; a map opened as a reference
//! (the imported catalogue) refuses edits with a sentence.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use eframe::egui;

use std::path::Path;
use std::time::Duration;

use eframe::egui::{Key, Modifiers};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use nosmap::app::{Action, NosmapApp, commands::Command};
use nosmap::model::{FunctionalMap, NodeId};

fn press(h: &mut egui_kittest::Harness<'_, NosmapApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// The first unit under the first key area that has one.
fn a_unit(map: &FunctionalMap) -> NodeId {
    map.walk()
        .into_iter()
        .map(|(_, id)| id)
        .find(|&id| {
            map.unit(id)
                .is_some_and(|u| !u.performance_criteria.is_empty())
        })
        .unwrap()
}

fn urns(map: &FunctionalMap) -> Vec<String> {
    map.units().map(|(_, u)| u.urn.clone()).collect()
}

#[test]
fn two_maps_copy_a_unit_across_undo_apart_and_one_closes_while_the_other_keeps_working() {
    let folder = tempfile::tempdir().unwrap();
    let leadership =
        common::copy_example("management-and-leadership-2008.nosmap.ron", folder.path());
    let it_users = common::copy_example("it-users-2015.nosmap.ron", folder.path());
    let mut app = NosmapApp::open(Some(leadership.clone())).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    app.use_builtin_file_chooser();
    let mut h = common::window(app);
    h.state_mut().apply(Action::OpenFile(it_users.clone()));
    h.run();
    assert_eq!(h.state().open_map_count(), 2);
    assert_eq!(h.state().path(), Some(it_users.as_path()));
    assert!(h.state().holds_lock_at(0) && h.state().holds_lock_at(1));
    assert!(nosmap::io::lock::lock_path(&leadership).exists());
    assert!(nosmap::io::lock::lock_path(&it_users).exists());
    // Both appear in the tab strip, the one shown selected.
    let titles: Vec<String> = h.state().open_maps().into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles.len(), 2);
    for title in &titles {
        h.get_by_role_and_label(Role::Button, title);
    }

    // Copy a unit of the IT Users map.
    let it_before = h.state().document().map().clone();
    let unit = a_unit(&it_before);
    let copied = it_before.unit(unit).unwrap().clone();
    h.state_mut().apply(Action::Select(Some(unit)));
    h.run();
    h.state_mut().apply(Action::Run(Command::Copy));
    h.run();
    // …and delete another node there, so both maps have something to undo.
    let area = it_before.children(it_before.root())[0];
    h.state_mut().apply(Action::Select(Some(area)));
    h.run();
    h.state_mut().apply(Action::Run(Command::Delete));
    h.run();
    assert!(!h.state().document().map().contains(area));

    // Ctrl+Tab to the leadership map and paste under its first key area.
    press(&mut h, Modifiers::COMMAND, Key::Tab);
    assert_eq!(h.state().path(), Some(leadership.as_path()));
    let leadership_before = h.state().document().map().clone();
    // The picture is this map's own, kept with it.
    let drawn: std::collections::BTreeSet<NodeId> =
        h.state().scene().boxes.iter().map(|b| b.node).collect();
    let nodes: std::collections::BTreeSet<NodeId> =
        leadership_before.nodes().map(|(id, _)| id).collect();
    assert_eq!(drawn, nodes);
    assert!(!urns(&leadership_before).contains(&copied.urn));
    let target = leadership_before.children(leadership_before.root())[0];
    h.state_mut().apply(Action::Select(Some(target)));
    h.run();
    h.state_mut().apply(Action::Run(Command::Paste));
    h.run();
    let pasted_map = h.state().document().map().clone();
    let (_, pasted) = pasted_map
        .units()
        .find(|(_, u)| u.urn == copied.urn)
        .expect("the unit came across");
    // Every field came with it; its statements are new to this map.
    assert_eq!(pasted.title, copied.title);
    assert_eq!(pasted.overview, copied.overview);
    let texts = |u: &nosmap::model::Unit| -> Vec<String> {
        u.performance_criteria
            .iter()
            .map(|s| s.text.clone())
            .collect()
    };
    assert_eq!(texts(pasted), texts(&copied));
    assert_eq!(pasted.metadata, copied.metadata);

    // Undo here takes back the paste only; the IT Users map keeps its deletion.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().document().map(), &leadership_before);
    assert!(!h.state().document_at(1).unwrap().map().contains(area));
    // Undo there brings its node back; the leadership map is untouched by it.
    press(&mut h, Modifiers::COMMAND, Key::Tab);
    assert_eq!(h.state().path(), Some(it_users.as_path()));
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().document().map(), &it_before);
    assert_eq!(h.state().document_at(0).unwrap().map(), &leadership_before);

    // The IT Users map gets unsaved work again, then the leadership map is closed.
    h.state_mut().apply(Action::Select(Some(area)));
    h.run();
    h.state_mut().apply(Action::Run(Command::Delete));
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::Tab);
    assert_eq!(h.state().path(), Some(leadership.as_path()));
    press(&mut h, Modifiers::COMMAND, Key::W);
    assert_eq!(h.state().open_map_count(), 1);
    assert!(
        !nosmap::io::lock::lock_path(&leadership).exists(),
        "closing let go of its lock"
    );
    assert_eq!(h.state().path(), Some(it_users.as_path()));
    assert!(h.state().holds_lock_at(0));
    assert!(nosmap::io::lock::lock_path(&it_users).exists());
    // Its autosave still runs: its unsaved work reaches its recovery copy.
    let recovery = nosmap::io::recovery::recovery_path(Some(&it_users)).unwrap();
    assert!(!recovery.exists());
    // Autosaving every frame keeps asking for frames: step one rather than wait to settle.
    h.state_mut().set_autosave_interval(Duration::ZERO);
    h.step();
    assert!(recovery.exists(), "autosaved");
    let saved = nosmap::io::load(&recovery).unwrap();
    assert!(!saved.contains(area));
    assert_eq!(
        nosmap::io::load(&it_users).unwrap(),
        it_before,
        "autosave never touches the file"
    );
}

#[test]
fn a_map_in_the_background_is_autosaved_too() {
    let folder = tempfile::tempdir().unwrap();
    let first = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let second = common::copy_example("it-users-2015.nosmap.ron", folder.path());
    let mut app = NosmapApp::open(Some(first.clone())).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    let mut h = common::window(app);
    let root = h.state().document().map().root();
    let area = h.state().document().map().children(root)[0];
    h.state_mut().apply(Action::Select(Some(area)));
    h.run();
    h.state_mut().apply(Action::Run(Command::Delete));
    h.run();
    h.state_mut().apply(Action::OpenFile(second));
    h.run();
    assert_eq!(h.state().shown_map_index(), 1);
    h.state_mut().set_autosave_interval(Duration::ZERO);
    h.step();
    let recovery = nosmap::io::recovery::recovery_path(Some(&first)).unwrap();
    assert!(recovery.exists(), "the map not shown was autosaved");
    assert!(!nosmap::io::load(&recovery).unwrap().contains(area));
}

#[test]
fn the_catalogue_opens_read_only_beside_an_example_and_refuses_edits_with_a_sentence() {
    let folder = tempfile::tempdir().unwrap();
    let csv = std::fs::read_to_string(common::data("catalogue-sample.csv")).unwrap();
    let (catalogue, _) =
        nosmap::io::catalogue::import_catalogue(&csv, Path::new("catalogue-sample.csv")).unwrap();
    let catalogue_path = folder.path().join("catalogue.nosmap.ron");
    nosmap::io::save(&catalogue, &catalogue_path).unwrap();
    let example = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let mut app = NosmapApp::open(Some(example.clone())).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    let mut h = common::window(app);

    h.state_mut()
        .apply(Action::OpenReference(catalogue_path.clone()));
    h.run();
    assert_eq!(h.state().open_map_count(), 2);
    assert!(h.state().document().read_only_reason().is_some());
    assert!(
        !nosmap::io::lock::lock_path(&catalogue_path).exists(),
        "a reference takes no lock"
    );
    let titles: Vec<String> = h.state().open_maps().into_iter().map(|(t, _)| t).collect();
    assert!(titles[1].ends_with("(reference)"), "{titles:?}");
    h.get_by_role_and_label(Role::Button, &titles[1]);

    // Edits are refused, with a sentence saying why; the map does not change.
    let before = h.state().document().map().clone();
    let (unit, _) = before.units().next().unwrap();
    h.state_mut().apply(Action::Select(Some(unit)));
    h.run();
    for command in [Command::Delete, Command::NewSibling, Command::MoveDown] {
        h.state_mut().apply(Action::Run(command));
        h.run();
        let message = h.state().message().unwrap_or_default().to_string();
        assert!(
            message.contains("is open as a reference (read-only)"),
            "{command:?}: {message}"
        );
    }
    assert_eq!(h.state().document().map(), &before);
    assert!(!h.state().document().is_dirty());
    h.state_mut().apply(Action::Run(Command::Save));
    h.run();
    assert!(
        h.state()
            .message()
            .unwrap_or_default()
            .contains("reference")
    );

    // Copying from it is fine: the unit goes into the example, which is edited as usual.
    let urn = before.unit(unit).unwrap().urn.clone();
    h.state_mut().apply(Action::Run(Command::Copy));
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::Tab);
    assert_eq!(h.state().path(), Some(example.as_path()));
    let root = h.state().document().map().root();
    let area = h.state().document().map().children(root)[0];
    h.state_mut().apply(Action::Select(Some(area)));
    h.run();
    h.state_mut().apply(Action::Run(Command::Paste));
    h.run();
    assert!(urns(h.state().document().map()).contains(&urn));
    assert!(h.state().document().is_dirty());
}

#[test]
fn no_other_map_is_opened_or_shown_while_a_question_about_this_one_waits() {
    let folder = tempfile::tempdir().unwrap();
    let first = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let second = common::copy_example("it-users-2015.nosmap.ron", folder.path());
    // Someone else holds the first map: opening it asks who may write.
    let holder = nosmap::io::lock::LockOwner {
        user: "someone".into(),
        host: nosmap::io::lock::this_host(),
        pid: std::process::id(),
        since_unix: 1_800_000_000,
    };
    nosmap::io::lock::write_foreign_lock(&first, &holder).unwrap();
    let mut app = NosmapApp::open(Some(first.clone())).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    let mut h = common::window(app);
    assert_eq!(h.state().dialogs().len(), 1);
    // A file dropped (or Ctrl+N) meanwhile waits: the answer is about the map shown.
    h.state_mut().apply(Action::OpenFile(second.clone()));
    h.run();
    h.state_mut().apply(Action::Run(Command::New));
    h.run();
    assert_eq!(h.state().open_map_count(), 1);
    assert_eq!(h.state().path(), Some(first.as_path()));
    assert_eq!(h.state().message(), Some("Answer the question first"));
    assert!(!nosmap::io::lock::lock_path(&second).exists());
    std::fs::remove_file(nosmap::io::lock::lock_path(&first)).ok();
}
