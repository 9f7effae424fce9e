//! The problems panel, driven through egui_kittest: clicking a finding goes to its node, its fix is
//! one click away and undoable, and a dismissal with a reason moves it aside.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

use eframe::egui;
use egui::accesskit::Role;

mod common;
use egui_kittest::kittest::Queryable;
use nosmap::app::NosmapApp;
use nosmap::edit::Document;
use nosmap::model::{Function, FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, Unit};

const GAP_MESSAGE: &str = "no NOS unit sits anywhere below this key area";

fn app_with_a_gap() -> (NosmapApp, NodeId) {
    let map = FunctionalMap::new(
        MapMeta::new("Gaps"),
        KeyPurpose::new("Serve customers well"),
    );
    let mut doc = Document::new(map);
    let root = doc.map().root();
    use common::add;
    let area = add(&mut doc, root, Function::new("A", "Deliver service").into());
    add(&mut doc, area, Unit::new("TST01", "Greet customers").into());
    add(
        &mut doc,
        area,
        Unit::new("TST02", "Resolve complaints").into(),
    );
    let gap = add(&mut doc, root, Function::new("B", "Improve service").into());
    doc.mark_saved();
    (NosmapApp::new(doc, None), gap)
}

fn has_gap_finding(app: &NosmapApp, node: NodeId) -> bool {
    app.report()
        .findings
        .iter()
        .any(|f| f.rule == "function-without-units" && f.node() == node)
}

#[test]
fn clicking_a_problem_goes_to_its_node_and_the_fix_is_one_click_away() {
    let (app, gap) = app_with_a_gap();
    let mut harness = common::window(app);
    assert!(has_gap_finding(harness.state(), gap));

    harness.get_by_label_contains(GAP_MESSAGE).click();
    harness.run();
    assert_eq!(harness.state().selection(), Some(gap));
    assert_eq!(harness.state().framed(), Some(gap));

    harness.get_by_label("Fix: Mark as a gap").click();
    harness.run();
    assert!(!has_gap_finding(harness.state(), gap));
    let function = harness
        .state()
        .document()
        .map()
        .node(gap)
        .and_then(Node::as_function)
        .cloned()
        .unwrap();
    assert!(function.gap);
    assert!(harness.state().document().is_dirty());

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(
        has_gap_finding(harness.state(), gap),
        "undo brings the finding back"
    );
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn a_problem_can_be_dismissed_with_a_reason() {
    let (app, gap) = app_with_a_gap();
    let mut harness = common::window(app);
    // Filter the panel down to the one finding, then dismiss it.
    harness
        .get_by_role_and_label(Role::TextInput, "Filter:")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "Filter:")
        .type_text("function-without-units");
    harness.run();
    harness.get_by_label("Dismiss…").click();
    harness.run();
    // The reason field takes the focus when it opens.
    harness
        .get_by_role_and_label(Role::TextInput, "Reason:")
        .type_text("a new NOS is being written");
    harness.run();
    let reason = harness.get_by_role_and_label(Role::TextInput, "Reason:");
    eprintln!(
        "DEBUG focused={} value={:?}",
        reason.is_focused(),
        reason.value()
    );
    let filter = harness.get_by_role_and_label(Role::TextInput, "Filter:");
    eprintln!(
        "DEBUG button {:?}",
        harness
            .get_by_role_and_label(Role::Button, "Dismiss")
            .rect()
    );
    eprintln!(
        "DEBUG filter focused={} value={:?}",
        filter.is_focused(),
        filter.value()
    );
    harness
        .get_by_role_and_label(Role::Button, "Dismiss")
        .click();
    harness.run();

    let app = harness.state();
    assert!(!has_gap_finding(app, gap));
    let (finding, dismissal) = app
        .report()
        .dismissed
        .iter()
        .find(|(f, _)| f.node() == gap)
        .unwrap();
    assert_eq!(finding.rule, "function-without-units");
    assert_eq!(dismissal.reason, "a new NOS is being written");
    // The dismissal is an ordinary edit: saved with the map, undone like any other.
    assert!(app.document().is_dirty());
    let text = nosmap::io::to_string(app.document().map()).unwrap();
    assert!(text.contains("reason: \"a new NOS is being written\""));
}

/// A unit whose second criterion does not start with a verb: the finding is on that statement.
fn app_with_a_finding_on_p2() -> (NosmapApp, NodeId, nosmap::model::StatementId) {
    let map = FunctionalMap::new(
        MapMeta::new("Wording"),
        KeyPurpose::new("Serve customers well"),
    );
    let mut doc = Document::new(map);
    let root = doc.map().root();
    let area = common::add(&mut doc, root, Function::new("A", "Deliver service").into());
    let mut unit = Unit::new("TST01", "Greet customers");
    unit.performance_criteria = vec![
        nosmap::model::Statement::item("greet customers promptly"),
        nosmap::model::Statement::item("the greeting is warm and clear"),
    ];
    let unit = common::add(&mut doc, area, unit.into());
    let p2 = doc.map().unit(unit).unwrap().performance_criteria[1].id;
    doc.mark_saved();
    (NosmapApp::new(doc, None), unit, p2)
}

#[test]
fn clicking_a_finding_on_a_criterion_opens_that_criterion_for_typing() {
    let (app, unit, p2) = app_with_a_finding_on_p2();
    let finding = app
        .report()
        .findings
        .iter()
        .find(|f| f.rule == "verb-first")
        .cloned()
        .unwrap();
    assert_eq!(
        finding.location,
        nosmap::model::Location::statement(unit, p2)
    );
    let mut harness = common::window(app);
    harness.get_by_label_contains(&finding.message).click();
    harness.run();
    assert_eq!(harness.state().selection(), Some(unit));
    let criterion = harness.get_by_role_and_label(Role::MultilineTextInput, "  P2");
    assert_eq!(
        criterion.value().as_deref(),
        Some("the greeting is warm and clear")
    );
    assert!(criterion.is_focused(), "P2 has the keyboard");
    // Typing goes into it: the fix is made where the finding pointed.
    harness.input_mut().events.push(egui::Event::Key {
        key: egui::Key::Home,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    harness
        .input_mut()
        .events
        .push(egui::Event::Text("make sure ".into()));
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    let map = harness.state().document().map();
    let texts: Vec<&str> = map
        .unit(unit)
        .unwrap()
        .performance_criteria
        .iter()
        .map(|s| s.text())
        .collect();
    assert_eq!(
        texts,
        [
            "greet customers promptly",
            "make sure the greeting is warm and clear"
        ]
    );
    assert_eq!(
        map.unit(unit).unwrap().performance_criteria[1].id,
        p2,
        "the same statement"
    );
}

/// A map whose unit TST01 holds a merge conflict on its overview, ours kept.
fn app_with_a_conflict() -> (NosmapApp, NodeId) {
    let map = FunctionalMap::new(
        MapMeta::new("Merged"),
        KeyPurpose::new("Serve customers well"),
    );
    let mut doc = Document::new(map);
    let root = doc.map().root();
    use common::add;
    let area = add(&mut doc, root, Function::new("A", "Deliver service").into());
    let mut unit = Unit::new("TST01", "Greet customers");
    unit.overview = "Ours: greeting at the door.".into();
    unit.annotations.conflicts = vec![nosmap::model::Conflict {
        what: "overview".into(),
        statement: None,
        base: "Greeting.".into(),
        ours: "Ours: greeting at the door.".into(),
        theirs: "Theirs: greeting on the phone.".into(),
    }];
    let unit = add(&mut doc, area, unit.into());
    add(
        &mut doc,
        area,
        Unit::new("TST02", "Resolve complaints").into(),
    );
    doc.mark_saved();
    (NosmapApp::new(doc, None), unit)
}

#[test]
fn a_merge_conflict_is_listed_and_settled_by_taking_theirs_or_keeping_ours() {
    let (app, unit) = app_with_a_conflict();
    let mut harness = common::window(app);
    let conflicts = |app: &NosmapApp| {
        app.report()
            .findings
            .iter()
            .filter(|f| f.rule == "merge-conflict")
            .count()
    };
    let overview = |app: &NosmapApp| app.document().map().unit(unit).unwrap().overview.clone();
    assert_eq!(conflicts(harness.state()), 1);
    harness
        .get_by_label_contains(
            "Both changed the overview: kept ours; theirs was “Theirs: greeting on the phone.”",
        )
        .click();
    harness.run();
    assert_eq!(harness.state().selection(), Some(unit));
    // Settled by choosing, never set aside.
    assert!(harness.query_by_label("Dismiss…").is_none());
    harness.get_by_label("Fix: Keep ours").click();
    harness.run();
    assert_eq!(conflicts(harness.state()), 0);
    assert_eq!(overview(harness.state()), "Ours: greeting at the door.");

    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        conflicts(harness.state()),
        1,
        "undo brings the conflict back"
    );
    harness.get_by_label("Fix: Take theirs").click();
    harness.run();
    assert_eq!(conflicts(harness.state()), 0);
    assert_eq!(overview(harness.state()), "Theirs: greeting on the phone.");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(conflicts(harness.state()), 1);
    assert_eq!(overview(harness.state()), "Ours: greeting at the door.");
    assert!(!harness.state().document().is_dirty());
}

/// A rule with hundreds of findings lists them in a scrolled window of its own that draws only
/// the rows in view, and grouping follows the report (a rename regroups, a frame does not).
#[test]
fn a_rule_with_hundreds_of_findings_draws_only_the_rows_in_view() {
    let map = FunctionalMap::new(MapMeta::new("Many"), KeyPurpose::new("Serve customers"));
    let mut doc = Document::new(map);
    let root = doc.map().root();
    let area = common::add(&mut doc, root, Function::new("A", "Deliver service").into());
    // Titles that do not start with a verb: one `verb-first` finding each.
    for i in 0..300 {
        common::add(
            &mut doc,
            area,
            Unit::new(format!("MNY{i:03}"), format!("Number {i} of the requests")).into(),
        );
    }
    doc.mark_saved();
    let mut harness = common::window(NosmapApp::new(doc, None));
    let findings = harness
        .state()
        .report()
        .findings
        .iter()
        .filter(|f| f.rule == "verb-first")
        .count();
    assert_eq!(findings, 300);
    harness.get_by_label_contains("[verb-first] (300)").click();
    harness.run();
    let drawn = harness
        .query_all_by_label_contains("title does not start with a verb")
        .count();
    assert!(drawn > 0 && drawn < 60, "{drawn} of 300 rows drawn");
}
