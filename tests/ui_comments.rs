//! The Comments panel, driven through egui_kittest from the keyboard: opened with Ctrl+Shift+K,
//! F8 to the next open comment, a disposition from a number key, a response typed and kept, and
//! the answer given to a near-identical comment from another organisation in the same undoable
//! step. Boxes with open comments carry a badge.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use eframe::egui;
use eframe::egui::{Key, Modifiers};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use nosmap::app::NosmapApp;
use nosmap::edit::{Document, Edit};
use nosmap::layout::BadgeKind;
use nosmap::model::{
    Comment, CommentAnchor, CommentKind, Disposition, Nation, NodeId, StatementList,
};

fn comment(doc: &Document, unit: NodeId, index: usize, organisation: &str, text: &str) -> Comment {
    let statement = &doc.map().unit(unit).unwrap().performance_criteria[index];
    Comment {
        anchor: CommentAnchor::Statement(statement.id),
        made_on_label: format!("P{}", index + 1),
        made_on: statement.text.clone(),
        reviewer: format!("Reviewer at {organisation}"),
        organisation: organisation.into(),
        nation: Nation::Wales,
        kind: CommentKind::Technical,
        text: text.into(),
        ..Comment::default()
    }
}

fn add(doc: &mut Document, unit: NodeId, comment: Comment) {
    let node = doc.map().node(unit).unwrap().with_comments([comment]);
    doc.apply("comment", Edit::SetNode { id: unit, node })
        .unwrap();
}

fn comments_of(doc: &Document, unit: NodeId) -> Vec<Comment> {
    doc.map().node(unit).unwrap().comments().to_vec()
}

#[test]
fn comments_are_answered_from_the_keyboard_a_group_at_once_and_undone_together() {
    let folder = tempfile::tempdir().unwrap();
    let map =
        nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
    let mut doc = Document::new(map);
    // Units in print order, each with two PCs or more.
    let units: Vec<NodeId> = nosmap::model::outline::outline(doc.map())
        .into_iter()
        .map(|row| row.node)
        .filter(|&n| {
            doc.map()
                .unit(n)
                .is_some_and(|u| u.item_count(StatementList::PerformanceCriteria) >= 2)
        })
        .collect();
    let (first, second) = (units[0], units[1]);
    let same = "P1 should say who agrees the plan with the learner.";
    let one = comment(&doc, first, 0, "Skills Wales", same);
    let two = comment(
        &doc,
        first,
        1,
        "Colleges Wales",
        "Too long: split it in two.",
    );
    // The same words from another organisation, on another unit.
    let three = comment(
        &doc,
        second,
        0,
        "Awarding Body Cymru",
        "P1 should say who agrees the plan with the learner",
    );
    add(&mut doc, first, one);
    add(&mut doc, first, two);
    add(&mut doc, second, three);
    doc.mark_saved();
    let before = doc.map().clone();

    let mut app = NosmapApp::new(doc, None);
    app.set_settings_path(folder.path().join("settings.ron"));
    app.use_builtin_file_chooser();
    let mut h = common::window(app);

    // Boxes with open comments carry a badge in the Scene: 2 on the first unit, 1 on the second.
    let badge = |h: &egui_kittest::Harness<'_, NosmapApp>, node: NodeId| {
        h.state()
            .scene()
            .boxes
            .iter()
            .filter(|b| b.node == node)
            .flat_map(|b| &b.badges)
            .find_map(|b| match b.kind {
                BadgeKind::Comments { open } => Some((open, b.label.text.clone())),
                _ => None,
            })
    };
    assert_eq!(badge(&h, first), Some((2, "\u{275d} 2".to_string())));
    assert_eq!(badge(&h, second).map(|b| b.0), Some(1));

    // Ctrl+Shift+K opens the panel at the first open comment.
    common::type_in_frames(
        &mut h,
        &common::keys::press(Modifiers::COMMAND | Modifiers::SHIFT, Key::K),
        1,
    );
    h.run();
    let selected = |h: &egui_kittest::Harness<'_, NosmapApp>| {
        let at = h
            .state()
            .comments_panel()
            .expect("panel open")
            .selected
            .unwrap();
        let c = h.state().document().map().node(at.node).unwrap().comments();
        (
            at.node,
            c.iter().find(|c| c.id == at.comment).unwrap().text.clone(),
        )
    };
    assert_eq!(selected(&h), (first, same.to_string()));
    assert!(h.query_by_label_contains("3 comments · 3 open").is_some());

    // F8 twice: the next open comments, in print order; the map follows.
    common::type_in_frames(&mut h, &common::keys::tap(Key::F8), 1);
    assert_eq!(selected(&h).1, "Too long: split it in two.");
    common::type_in_frames(&mut h, &common::keys::tap(Key::F8), 1);
    h.run();
    assert_eq!(selected(&h).0, second);
    assert_eq!(h.state().selection(), Some(second), "its unit is selected");
    assert_eq!(h.state().framed(), Some(second), "and framed");
    // The framed unit's box tells a screen reader about its open comment.
    assert!(
        h.query_by_label_contains("(1 open comment)").is_some(),
        "the badge's count is in the accessibility tree"
    );
    // Its group: the first unit's comment says the same.
    assert!(
        h.query_by_label_contains("2 reviewers said the same: Reviewer at Skills Wales")
            .is_some()
    );

    // 3: Accepted with modification, for both comments of the group, as one step.
    common::type_in_frames(&mut h, &common::keys::tap(Key::Num3), 1);
    h.run();
    let modified = Disposition::AcceptedWithModification;
    assert_eq!(
        comments_of(h.state().document(), first)[0].disposition,
        modified
    );
    assert_eq!(
        comments_of(h.state().document(), second)[0].disposition,
        modified
    );
    assert_eq!(
        comments_of(h.state().document(), first)[1].disposition,
        Disposition::Open,
        "the other comment is not in the group"
    );

    // R puts the keyboard in the response; the typed words are kept when Esc leaves the field.
    common::type_in_frames(&mut h, &common::keys::tap(Key::R), 1);
    h.run();
    common::type_in_frames(&mut h, &common::keys::typed("Reworded as suggested"), 3);
    assert!(
        comments_of(h.state().document(), second)[0]
            .response
            .is_empty(),
        "nothing is kept while typing"
    );
    common::type_in_frames(&mut h, &common::keys::tap(Key::Escape), 1);
    h.run();
    for unit in [first, second] {
        let c = &comments_of(h.state().document(), unit)[0];
        assert_eq!(c.response, "Reworded as suggested");
        assert_eq!(c.disposition, modified);
    }
    assert_eq!(
        badge(&h, first).map(|b| b.0),
        Some(1),
        "one left open there"
    );
    assert_eq!(badge(&h, second), None, "none left open there");

    // The resolution matrix, exported from the panel through the file chooser, holds the answer.
    let matrix = folder.path().join("matrix.xlsx");
    h.get_by_label("Export resolution matrix…").click();
    h.run();
    h.run();
    let field = h.get_by_role_and_label(Role::TextInput, "File name:");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "File name:")
        .type_text(matrix.to_str().unwrap());
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    h.run();
    let cells = xlsx_cells(&matrix);
    assert_eq!(
        cells
            .iter()
            .filter(|c| c.as_str() == "Reworded as suggested")
            .count(),
        2,
        "both comments' response is in the matrix: {cells:?}"
    );
    assert!(
        cells
            .iter()
            .any(|c| c.as_str() == "Accepted with modification")
    );

    // Ctrl+Z takes both responses back at once; again, both dispositions.
    common::type_in_frames(&mut h, &common::keys::ctrl(Key::Z), 1);
    h.run();
    for unit in [first, second] {
        let c = &comments_of(h.state().document(), unit)[0];
        assert_eq!(c.response, "");
        assert_eq!(c.disposition, modified);
    }
    common::type_in_frames(&mut h, &common::keys::ctrl(Key::Z), 1);
    h.run();
    assert_eq!(h.state().document().map(), &before);
    assert!(!h.state().document().is_dirty());
}

/// Every cell of every sheet of an XLSX file, as text.
fn xlsx_cells(path: &std::path::Path) -> Vec<String> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut cells = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        cells.extend(range.rows().flatten().map(|c| c.to_string()));
    }
    cells
}

/// The panel's content stays inside the panel at the window sizes people use: a row of filters
/// wider than the panel once pushed its left part under the canvas ("omments").
#[test]
fn the_panel_fits_beside_the_canvas_at_1024_and_1280() {
    for (width, height) in [(1024.0, 768.0), (1280.0, 800.0)] {
        let map =
            nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
        let mut doc = Document::new(map);
        let unit = doc
            .map()
            .units()
            .find(|(_, u)| u.item_count(StatementList::PerformanceCriteria) >= 1)
            .unwrap()
            .0;
        let long = comment(
            &doc,
            unit,
            0,
            "A sector body with a very long name indeed, as many have",
            "A comment long enough to need wrapping in any panel of any width at all, twice over.",
        );
        add(&mut doc, unit, long);
        let settings = tempfile::tempdir().unwrap();
        let mut app = NosmapApp::new(doc, None);
        app.set_settings_path(settings.path().join("settings.ron"));
        let mut h = egui_kittest::Harness::builder()
            .with_size([width, height])
            .build_ui_state(|ui, app: &mut NosmapApp| app.frame_ui(ui), app);
        h.run();
        common::type_in_frames(
            &mut h,
            &common::keys::press(Modifiers::COMMAND | Modifiers::SHIFT, Key::K),
            1,
        );
        h.run();
        h.run();
        let canvas = h.state().canvas_rect().unwrap();
        for label in ["Export resolution matrix…", "Search:", "Sort", "Close"] {
            let rect = h.get_by_label(label).rect();
            assert!(
                rect.min.x >= canvas.max.x - 1.0 && rect.max.x <= width + 1.0,
                "at {width}×{height}, “{label}” at {rect:?} is not between the canvas (right edge {}) and the window's edge",
                canvas.max.x
            );
        }
    }
}

/// File › Export review pack… wrote over an earlier pack in the folder without asking (the
/// command line refuses without --force): reviewers may already have those files. Now the window
/// asks; Cancel leaves the earlier pack as it was, Replace writes the new one.
#[test]
fn exporting_a_review_pack_over_an_earlier_one_asks_first() {
    use nosmap::app::{Action, Dialog, Purpose};
    let (_settings, mut h) = common::example_window();
    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("pack.xlsx");
    h.state_mut()
        .apply(Action::FileChosen(Purpose::ReviewPack, chosen.clone()));
    h.run();
    assert!(h.state().dialogs().is_empty());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let csv = names
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .unwrap()
        .clone();
    std::fs::write(&csv, "sent to reviewers").unwrap();

    for replace in [false, true] {
        h.state_mut()
            .apply(Action::FileChosen(Purpose::ReviewPack, chosen.clone()));
        h.run();
        assert!(
            matches!(h.state().dialogs(), [Dialog::ReplaceReviewPack { existing, .. }] if existing.len() == 3)
        );
        h.get_by_label("Replace the review pack?");
        assert_eq!(std::fs::read_to_string(&csv).unwrap(), "sent to reviewers");
        h.get_by_label(if replace { "Replace" } else { "Cancel" })
            .click();
        h.run();
        assert!(h.state().dialogs().is_empty());
        let now = std::fs::read_to_string(&csv).unwrap();
        assert_eq!(now == "sent to reviewers", !replace, "replace = {replace}");
    }
}
