//! File › Compare with…, driven through egui_kittest: the differences from another version are
//! listed and marked on the map, stepped through with N, one is taken with T and Ctrl+Z gives it
//! back.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use eframe::egui::{Key, Modifiers};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use nosmap::app::compare::Mark;
use nosmap::app::{Action, Command, NosmapApp};
use nosmap::edit::{Document, Edit};
use nosmap::model::{Node, StatementList};

use eframe::egui;

#[test]
fn compare_lists_marks_steps_and_takes_a_difference_and_undo_gives_it_back() {
    let folder = tempfile::tempdir().unwrap();
    let mine = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let map = nosmap::io::load(&mine).unwrap();
    // The other version: one unit renamed, another's P1 reworded.
    let units: Vec<_> = map
        .units()
        .filter(|(_, u)| !u.performance_criteria.is_empty())
        .map(|(id, _)| id)
        .collect();
    let (renamed, reworded) = (units[0], units[1]);
    let mut other = Document::new(map.clone());
    let mut node = map.node(renamed).unwrap().clone();
    if let Node::Unit(u) = &mut node {
        u.title = "Identify learning needs across the organisation".into();
    }
    other
        .apply("rename", Edit::SetNode { id: renamed, node })
        .unwrap();
    let mut pc = map.unit(reworded).unwrap().performance_criteria[0].clone();
    pc.text = "agree the programme with the people who will take part".into();
    other
        .apply(
            "reword",
            Edit::SetStatement {
                unit: reworded,
                list: StatementList::PerformanceCriteria,
                statement: pc,
            },
        )
        .unwrap();
    let other_path = folder.path().join("draft-5.nosmap.ron");
    nosmap::io::save(other.map(), &other_path).unwrap();

    let mut app = NosmapApp::open(Some(mine.clone())).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    app.use_builtin_file_chooser();
    let mut h = common::window(app);
    // File › Compare with…, the file chosen in the chooser.
    h.state_mut().apply(Action::Run(Command::CompareWith));
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "File name:");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "File name:")
        .type_text(other_path.to_str().unwrap());
    h.run();
    h.get_by_role_and_label(Role::Button, "Compare").click();
    h.run();
    h.run();

    let state = h.state().comparison().expect("comparing");
    assert_eq!(state.len(), 2, "{:?}", state.sentences());
    assert_eq!(state.marks.marks.get(&renamed), Some(&Mark::Changed));
    assert_eq!(state.marks.marks.get(&reworded), Some(&Mark::Changed));
    // The panel names them; the first is selected and framed on the map.
    let first = state.sentences()[0].to_string();
    assert!(
        h.query_by_label_contains("With draft-5.nosmap.ron: 2 differences")
            .is_some()
    );
    assert_eq!(
        h.query_all_by_label(&first).count(),
        2,
        "in the list and in full above it"
    );
    let first_node = h.state().selection().unwrap();

    // N steps to the second difference and the map selects its unit.
    common::type_in_frames(&mut h, &common::keys::tap(Key::N), 1);
    h.run();
    assert_eq!(h.state().comparison().unwrap().selected, 1);
    let second_node = h.state().selection().unwrap();
    assert_ne!(first_node, second_node);
    assert!([renamed, reworded].contains(&second_node));

    // T takes it into the open map as one undoable step; one difference is left.
    common::type_in_frames(&mut h, &common::keys::tap(Key::T), 1);
    h.run();
    h.run();
    let taken_map = h.state().document().map().clone();
    if second_node == renamed {
        assert_eq!(
            taken_map.unit(renamed).unwrap().title,
            "Identify learning needs across the organisation"
        );
    } else {
        assert_eq!(
            taken_map.unit(reworded).unwrap().performance_criteria[0].text,
            "agree the programme with the people who will take part"
        );
    }
    assert_eq!(h.state().comparison().unwrap().len(), 1);
    assert!(renaming_is_off(&h), "the T was not typed into a rename");

    // Ctrl+Z gives it back: two differences again, the map as it was.
    common::type_in_frames(&mut h, &common::keys::ctrl(Key::Z), 1);
    h.run();
    h.run();
    assert_eq!(h.state().document().map(), &map);
    assert_eq!(h.state().comparison().unwrap().len(), 2);

    // Esc stops comparing.
    common::type_in_frames(&mut h, &common::keys::tap(Key::Escape), 1);
    h.run();
    assert!(h.state().comparison().is_none());
}

fn renaming_is_off(h: &egui_kittest::Harness<'_, NosmapApp>) -> bool {
    h.state().renaming().is_none()
}
