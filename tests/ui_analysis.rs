//! The Analysis view, driven through egui_kittest: two example maps and the catalogue sample
//! analysed; a pair accepted with its key lands in the crosswalk file at once and Ctrl+Z takes
//! it back out; a matrix cell leads to its unit, in its map's tab or in the catalogue opened
//! as a read-only reference.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;

use eframe::egui::{self, Key, Modifiers, PointerButton};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use nosmap::analysis::reuse::{Mechanism, PairKey, Relation};
use nosmap::app::analysis::AnalysisAction;
use nosmap::app::{Action, Command, NosmapApp};
use nosmap::io::crosswalk::load_crosswalk;

const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// Keys as the window delivers them, through the key queue.
fn keys(h: &mut Harness<'_, NosmapApp>, events: Vec<egui::Event>) {
    common::type_in_frames(h, &events, 1);
}

/// Types into the text field labelled `label`, replacing what it holds.
fn type_into(h: &mut Harness<'_, NosmapApp>, label: &str, text: &str) {
    h.get_by_role_and_label(Role::TextInput, label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// Whether the selected placement's box is in the middle part of the canvas, where framing
/// puts it.
fn selection_in_view(h: &Harness<'_, NosmapApp>) -> bool {
    let placement = *h.state().selected().last().unwrap();
    let scene_box = h
        .state()
        .scene()
        .boxes
        .iter()
        .find(|b| b.node == placement.node && b.parent == placement.parent)
        .unwrap();
    let (zoom, [x, y]) = h.state().camera();
    let canvas = h.state().canvas_rect().unwrap();
    let centre = scene_box.rect.centre();
    let on_screen = canvas.min + egui::vec2(centre.x - x, centre.y - y) * zoom;
    canvas.shrink2(canvas.size() / 4.0).contains(on_screen)
}

/// The pair the report names `key`, as the crosswalk file holds it.
fn decision_on_disk(path: &Path, key: &PairKey) -> Option<Relation> {
    load_crosswalk(path)
        .unwrap()
        .decisions
        .get(key)
        .map(|d| d.relation)
}

#[test]
fn pairs_are_decided_with_keys_into_the_crosswalk_file_and_a_matrix_cell_leads_to_its_unit() {
    let folder = tempfile::tempdir().unwrap();
    let leadership =
        common::copy_example("management-and-leadership-2008.nosmap.ron", folder.path());
    let learning = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let csv = folder.path().join("catalogue-sample.csv");
    std::fs::copy(common::data("catalogue-sample.csv"), &csv).unwrap();
    let mut app = NosmapApp::open(Some(leadership.clone())).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    app.use_builtin_file_chooser();
    let mut h = common::window(app);
    h.state_mut().apply(Action::OpenFile(learning.clone()));
    h.run();
    assert_eq!(h.state().open_map_count(), 2);
    assert_eq!(h.state().path(), Some(learning.as_path()));

    // Ctrl+Shift+A: the view, its crosswalk proposed beside the first map, both maps ticked.
    keys(&mut h, common::keys::press(CTRL_SHIFT, Key::A));
    assert!(h.state().analysis_shown());
    let crosswalk = folder.path().join("pan-sector.crosswalk.ron");
    assert_eq!(
        h.state().analysis_crosswalk_path(),
        Some(crosswalk.as_path())
    );
    for title in h.state().open_maps().into_iter().map(|(t, _)| t) {
        let label = format!("{title} (");
        let tick = h.get_by_label_contains(&label);
        assert_eq!(
            tick.accesskit_node().toggled(),
            Some(egui::accesskit::Toggled::True)
        );
    }

    // The catalogue sample, by its path typed, then Run.
    type_into(&mut h, "or its path:", csv.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Add").click();
    h.run();
    assert!(
        h.state().analysis_error().is_none(),
        "{:?}",
        h.state().analysis_error()
    );
    h.get_by_role_and_label(Role::CheckBox, "catalogue-sample.csv (3210 rows)");
    h.get_by_label("Run the analysis").click();
    h.run();
    let (corpus, report) = h.state().analysis_results().expect("the analysis ran");
    assert_eq!(corpus.sources.len(), 3, "two maps and the catalogue");
    assert!(report.uses.len() > 50, "{} pairs", report.uses.len());
    let visible = h.state().analysis_visible_pairs().to_vec();
    assert_eq!(
        visible.len(),
        report.uses.len(),
        "nothing decided or rejected yet"
    );
    assert_eq!(h.state().analysis_selected_pair(), Some(visible[0]));

    // J and K move through the list; the rows are there for screen readers, the selected one
    // marked.
    keys(&mut h, common::keys::tap(Key::J));
    keys(&mut h, common::keys::tap(Key::J));
    assert_eq!(h.state().analysis_selected_pair(), Some(visible[2]));
    keys(&mut h, common::keys::tap(Key::K));
    assert_eq!(h.state().analysis_selected_pair(), Some(visible[1]));
    let selected_rows: Vec<_> = h
        .query_all_by_role(Role::ListItem)
        .filter(|n| n.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(selected_rows.len(), 1, "{selected_rows:?}");

    // Filter down to the pair of CFAMLA1 and Cogent's copy of it, and accept it with A. Esc in
    // the field lets go of the field only.
    type_into(&mut h, "Find:", "COGESA13.2");
    keys(&mut h, common::keys::tap(Key::Escape));
    assert!(
        h.state().analysis_shown(),
        "Esc in a field is for the field"
    );
    let (corpus, report) = h.state().analysis_results().unwrap();
    let pair = report
        .uses
        .iter()
        .position(|u| corpus.units[u.using].urn == "COGESA13.2")
        .unwrap();
    let found = report.uses[pair].clone();
    assert_eq!(found.mechanism, Mechanism::SameTitle);
    let key = PairKey::of(corpus, &found);
    assert_eq!(h.state().analysis_visible_pairs(), [pair]);
    assert_eq!(h.state().analysis_selected_pair(), Some(pair));
    h.get_by_role(Role::ListItem).click();
    h.run();
    assert!(!crosswalk.exists(), "no decision yet, no file");
    keys(&mut h, common::keys::tap(Key::A));
    assert_eq!(
        decision_on_disk(&crosswalk, &key),
        Some(Relation::suggested(&found)),
        "saved at once"
    );
    assert_eq!(Relation::suggested(&found), Relation::Related);
    h.get_by_label_contains("(Related)");
    // Ctrl+Z takes it back out of the file; Ctrl+Shift+Z puts it back; R rejects it.
    keys(&mut h, common::keys::ctrl(Key::Z));
    assert_eq!(decision_on_disk(&crosswalk, &key), None);
    h.get_by_label_contains("(undecided)");
    keys(&mut h, common::keys::press(CTRL_SHIFT, Key::Z));
    assert_eq!(decision_on_disk(&crosswalk, &key), Some(Relation::Related));
    keys(&mut h, common::keys::tap(Key::R));
    assert_eq!(
        decision_on_disk(&crosswalk, &key),
        Some(Relation::NotRelated)
    );
    assert!(
        h.state().analysis_visible_pairs().is_empty(),
        "a rejected pair leaves the list"
    );
    keys(&mut h, common::keys::ctrl(Key::Z));
    assert_eq!(decision_on_disk(&crosswalk, &key), Some(Relation::Related));
    assert_eq!(h.state().analysis_selected_pair(), Some(pair));
    // The maps were not touched by any of it.
    assert!(!h.state().document().is_dirty());
    assert!(!h.state().document_at(0).unwrap().is_dirty());

    // The matrix, filtered to CFAMLA1 and CFAMLA2 and the columns they use.
    h.get_by_label("Matrix").click();
    h.run();
    type_into(&mut h, "Filter:", "CFAMLA");
    h.get_by_label("Only columns in use").click();
    h.run();
    // CFAMLA2 lists other suites: the Management Standards Centre's own unit in the M&L map.
    h.get_by_label("CFAMLA2 × Management Standards Centre: 4 (U4)")
        .click();
    h.run();
    h.get_by_label_contains("Show these in the pairs list");
    keys(&mut h, common::keys::tap(Key::Enter));
    assert!(!h.state().analysis_shown(), "back on the map");
    assert_eq!(
        h.state().path(),
        Some(leadership.as_path()),
        "its tab shown"
    );
    let map = h.state().document().map();
    let selected = h.state().selection().unwrap();
    assert_eq!(map.unit(selected).unwrap().urn, "CFAMLA2");
    assert_eq!(h.state().framed(), Some(selected));
    assert!(selection_in_view(&h));

    // Back to the view, as it was: CFAMLA1's cell for Cogent is a catalogue row. A
    // double-click opens the catalogue as a reference and shows the unit there.
    keys(&mut h, common::keys::press(CTRL_SHIFT, Key::A));
    assert!(h.state().analysis_shown());
    let cell = h.get_by_label("CFAMLA1 × Cogent: 1 (T1)").rect().center();
    h.input_mut()
        .events
        .extend(common::clicks(cell, PointerButton::Primary, 2));
    common::frame_with_hook(&mut h);
    // The outline glides to the unit in the catalogue's long outline: a few frames.
    h.run_steps(30);
    assert!(!h.state().analysis_shown());
    assert_eq!(h.state().open_map_count(), 3);
    assert_eq!(h.state().path(), Some(csv.as_path()));
    assert!(h.state().document().read_only_reason().is_some());
    let map = h.state().document().map();
    let selected = h.state().selection().unwrap();
    assert_eq!(map.unit(selected).unwrap().urn, "COGESA13.2");
    let under = h.state().selected()[0].parent.unwrap();
    assert_eq!(
        map.node(under).unwrap().title(),
        "Explosive Substances and Articles",
        "under the row's own suite"
    );
    assert_eq!(h.state().framed(), Some(selected));
    assert!(
        selection_in_view(&h),
        "framed where the catalogue's layout put it"
    );
}

#[test]
fn adopting_a_candidate_theme_records_it_and_tags_its_units_as_one_step_in_each_open_map() {
    let folder = tempfile::tempdir().unwrap();
    let leadership =
        common::copy_example("management-and-leadership-2008.nosmap.ron", folder.path());
    let learning = common::copy_example("learning-and-development-2010.nosmap.ron", folder.path());
    let mut app = NosmapApp::open(Some(leadership.clone())).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    let mut h = common::window(app);
    h.state_mut().apply(Action::OpenFile(learning.clone()));
    h.run();
    let before: Vec<_> = (0..2)
        .map(|i| h.state().document_at(i).unwrap().map().clone())
        .collect();
    h.state_mut().apply(Action::Run(Command::Analysis));
    h.state_mut()
        .apply(Action::Analysis(AnalysisAction::AddCatalogue(
            common::data("catalogue-sample.csv"),
        )));
    h.state_mut().apply(Action::Analysis(AnalysisAction::Run));
    h.run();
    h.get_by_label("Candidate themes").click();
    h.run();
    h.get_by_label_contains("Health and safety");
    h.get_all_by_label("Adopt").next().unwrap().click();
    h.run();

    // In the crosswalk file, as a theme of its units picked by URN…
    let crosswalk = folder.path().join("pan-sector.crosswalk.ron");
    let themes = load_crosswalk(&crosswalk).unwrap().themes;
    assert_eq!(themes.len(), 1);
    let theme = &themes[0];
    assert_eq!(theme.id, "health-and-safety");
    assert!(
        theme.units.iter().any(|u| u == "CFAMLE5"),
        "{:?}",
        theme.units
    );
    // …and in each open map: the theme, its units tagged, one undo step.
    let leadership_map = h.state().document_at(0).unwrap().map().clone();
    assert!(
        leadership_map
            .meta()
            .themes
            .iter()
            .any(|t| t.id == theme.id)
    );
    let tagged: Vec<&str> = leadership_map
        .units()
        .filter(|(_, u)| u.themes.contains(&theme.id))
        .map(|(_, u)| u.urn.as_str())
        .collect();
    assert!(tagged.contains(&"CFAMLE5"), "{tagged:?}");
    for i in 0..2 {
        let doc = h.state().document_at(i).unwrap();
        assert_eq!(
            doc.undo_label(),
            Some("Adopt the theme “Health and safety”"),
            "map {i}"
        );
    }
    // Ctrl+Z in the view takes it out of the crosswalk only.
    keys(&mut h, common::keys::ctrl(Key::Z));
    assert!(load_crosswalk(&crosswalk).unwrap().themes.is_empty());
    assert_eq!(h.state().document_at(0).unwrap().map(), &leadership_map);
    // Ctrl+Z on a map takes its tags back in one step.
    keys(&mut h, common::keys::tap(Key::Escape));
    assert!(!h.state().analysis_shown());
    h.state_mut().apply(Action::ShowMap(0));
    h.run();
    keys(&mut h, common::keys::ctrl(Key::Z));
    assert_eq!(h.state().document().map(), &before[0]);
    assert!(!h.state().document().can_undo());
    assert!(
        h.state().document_at(1).unwrap().can_undo(),
        "the other map's step is its own"
    );
}

/// Keys typed faster than frames are drawn arrive together: each decision is for the pair
/// selected when its key was pressed, and the selection moves on at once.
#[test]
fn decisions_typed_faster_than_frames_each_go_to_the_next_pair() {
    let folder = tempfile::tempdir().unwrap();
    let leadership =
        common::copy_example("management-and-leadership-2008.nosmap.ron", folder.path());
    let csv = folder.path().join("catalogue-sample.csv");
    std::fs::copy(common::data("catalogue-sample.csv"), &csv).unwrap();
    let mut app = NosmapApp::open(Some(leadership)).unwrap();
    app.set_settings_path(folder.path().join("settings.ron"));
    app.use_builtin_file_chooser();
    let mut h = common::window(app);
    keys(&mut h, common::keys::press(CTRL_SHIFT, Key::A));
    type_into(&mut h, "or its path:", csv.to_str().unwrap());
    h.get_by_role_and_label(Role::Button, "Add").click();
    h.run();
    h.get_by_label("Run the analysis").click();
    h.run();
    let visible = h.state().analysis_visible_pairs().to_vec();
    let (corpus, report) = h.state().analysis_results().unwrap();
    let pair_key = |i: usize| PairKey::of(corpus, &report.uses[visible[i]]);
    // Rows of one pair (the catalogue repeats a unit on several rows) share its decision: the
    // later key wins.
    let expected: std::collections::BTreeMap<PairKey, Relation> = [
        (pair_key(0), Relation::suggested(&report.uses[visible[0]])),
        (pair_key(1), Relation::suggested(&report.uses[visible[1]])),
        (pair_key(2), Relation::NotRelated),
        (pair_key(4), Relation::Tailored),
    ]
    .into_iter()
    .collect();
    assert_eq!(h.state().analysis_selected_pair(), Some(visible[0]));
    // A, A, R, J, 3 in one frame.
    let mut events = common::keys::tap(Key::A);
    events.extend(common::keys::tap(Key::A));
    events.extend(common::keys::tap(Key::R));
    events.extend(common::keys::tap(Key::J));
    events.extend(common::keys::tap(Key::Num3));
    common::type_in_frames(&mut h, &events, events.len());
    h.run();
    let crosswalk = folder.path().join("pan-sector.crosswalk.ron");
    for (key, relation) in &expected {
        assert_eq!(
            decision_on_disk(&crosswalk, key),
            Some(*relation),
            "{key:?}"
        );
    }
    assert_eq!(
        load_crosswalk(&crosswalk).unwrap().decisions.len(),
        expected.len()
    );
    assert_eq!(h.state().analysis_selected_pair(), Some(visible[5]));
}
