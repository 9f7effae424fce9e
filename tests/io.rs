//! Map files: canonical round trips, migration, and one test per class of load error.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;

use nosmap::edit::Edit;
use nosmap::io::{self, LoadError};
use nosmap::model::{MAX_DEPTH, StatementList};

fn load_text(text: &str) -> Result<nosmap::model::FunctionalMap, LoadError> {
    io::from_str(text, Path::new("test.nosmap.ron"))
}

fn example_text() -> String {
    std::fs::read_to_string(common::example("learning-and-development-2010.nosmap.ron")).unwrap()
}

#[test]
fn every_example_loads_and_saves_byte_identical() {
    let paths = common::example_paths();
    assert!(
        paths.len() >= 3,
        "expected at least three examples, found {paths:?}"
    );
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let map = io::load(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(map.check_invariants().is_empty());
        assert_eq!(
            io::to_string(&map).unwrap(),
            text,
            "{} is not canonical",
            path.display()
        );
    }
}

#[test]
fn save_then_load_gives_the_same_map_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let map = io::load(&common::example(
        "management-and-leadership-2008.nosmap.ron",
    ))
    .unwrap();
    let path = dir.path().join("copy.nosmap.ron");
    io::save(&map, &path).unwrap();
    let first = std::fs::read(&path).unwrap();
    let reloaded = io::load(&path).unwrap();
    assert_eq!(reloaded, map);
    io::save(&reloaded, &path).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
}

#[test]
fn one_edited_field_changes_one_line() {
    let mut s = common::small();
    let before = io::to_string(s.doc.map()).unwrap();
    let mut node = s.doc.map().node(s.u2).unwrap().clone();
    if let nosmap::model::Node::Unit(unit) = &mut node {
        unit.title = "Review and agree objectives".into();
    }
    s.doc
        .apply("retitle", Edit::SetNode { id: s.u2, node })
        .unwrap();
    let after = io::to_string(s.doc.map()).unwrap();
    let (a, b): (Vec<_>, Vec<_>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len());
    let changed: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].1.contains("Review and agree objectives"));
}

#[test]
fn version_1_files_are_migrated() {
    let map = io::load(&common::data("version1.nosmap.ron")).unwrap();
    let (id, unit) = map.units().next().unwrap();
    assert_eq!(unit.urn, "TSTCS01");
    let texts: Vec<&str> = unit.performance_criteria.iter().map(|s| s.text()).collect();
    assert_eq!(
        texts,
        ["greet customers promptly", "listen to what customers say"]
    );
    assert!(unit.performance_criteria.iter().all(|s| s.is_item()));
    assert_eq!(unit.item_count(StatementList::Knowledge), 1);
    assert_eq!(map.parents(id).len(), 1);
    // Saving writes the current version.
    let text = io::to_string(&map).unwrap();
    assert!(text.contains(&format!("version: {}", io::CURRENT_VERSION)));
    // Statements get ids in the order they are read.
    assert!(
        text.contains("Item(1, \"greet customers promptly\")"),
        "{text}"
    );
}

#[test]
fn version_2_files_read_as_the_current_version() {
    let old = io::load(&common::data("version2.nosmap.ron")).unwrap();
    let current = io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
    assert_eq!(old, current);
}

#[test]
fn a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.nosmap.ron");
    let current = format!("version: {},", io::CURRENT_VERSION);
    let text = example_text().replacen(&current, "version: 99,", 1);
    std::fs::write(&path, &text).unwrap();
    let error = io::load(&path).unwrap_err();
    assert!(
        matches!(error, LoadError::NewerVersion { found: 99, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("future.nosmap.ron"));
    assert!(error.to_string().contains("newer"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// Asserts a syntax error at `line` naming the file, and that the message mentions `words`.
fn assert_syntax(text: &str, line: usize, words: &str) {
    match load_text(text) {
        Err(error @ LoadError::Syntax { line: found, .. }) => {
            let message = error.to_string();
            assert_eq!(found, line, "{message}");
            assert!(
                message.starts_with(&format!("test.nosmap.ron:{line}:")),
                "{message}"
            );
            assert!(message.contains(words), "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn syntax_errors_name_line_and_column() {
    let text = example_text();
    // A missing comma after the title field of the map block (line 7).
    let broken = text.replacen("(2010)\",", "(2010)\"", 1);
    assert_syntax(&broken, 8, "comma");
    // Truncated file.
    let truncated = &text[..text.len() / 2];
    match load_text(truncated) {
        Err(LoadError::Syntax { .. }) => {}
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn wrong_types_missing_and_unknown_fields_are_reported() {
    let text = example_text();
    let wrong_type = text.replacen("id: 2,", "id: \"two\",", 1);
    assert!(matches!(
        load_text(&wrong_type),
        Err(LoadError::Syntax { .. })
    ));
    let missing = text.replacen(
        "        title: \"Learning and Development (2010)\",\n",
        "",
        1,
    );
    let message = load_text(&missing).unwrap_err().to_string();
    assert!(message.contains("`title` is missing"), "{message}");
    let unknown = text.replacen(
        "    map: (\n",
        "    map: (\n        colour_scheme: \"dark\",\n",
        1,
    );
    let message = load_text(&unknown).unwrap_err().to_string();
    assert!(
        message.contains("unknown field `colour_scheme`"),
        "{message}"
    );
    assert!(message.contains(":7:"), "{message}");
}

#[test]
fn files_that_are_not_maps_are_refused() {
    let other = "(format: \"something-else\", version: 1)";
    assert!(matches!(load_text(other), Err(LoadError::NotAMap { .. })));
    assert!(matches!(load_text(""), Err(LoadError::Syntax { .. })));
    assert!(matches!(
        load_text("\u{0}\u{1}junk"),
        Err(LoadError::Syntax { .. })
    ));
}

/// Asserts a content error on a line, naming what is wrong.
fn assert_content(text: &str, line: Option<usize>, words: &str) {
    match load_text(text) {
        Err(error @ LoadError::Content { .. }) => {
            let message = error.to_string();
            assert!(message.contains(words), "{message}");
            if let LoadError::Content { line: found, .. } = error {
                assert_eq!(found, line, "{message}");
            }
        }
        other => panic!("expected a content error, got {other:?}"),
    }
}

#[test]
fn content_that_breaks_map_rules_is_refused() {
    let text = example_text();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).map(|i| i + 1);
    // A child that does not exist.
    let dangling = text.replacen("                6,\n", "                60,\n", 1);
    assert_content(&dangling, line_of("id: 2,"), "lists child 60");
    // A function under two parents.
    let two_parents = "(format: \"nosmap\", version: 2, map: (title: \"t\", level_names: []), nodes: [\nKeyPurpose(id: 1, statement: \"s\", children: [2, 3]),\nFunction(id: 2, title: \"a\", children: [3]),\nFunction(id: 3, title: \"b\"),\n])";
    assert_content(
        two_parents,
        Some(4),
        "only NOS units can be placed in several places",
    );
    // A second key purpose.
    let second_root = text.replacen(
        "        Function(\n            id: 5,",
        "        KeyPurpose(\n            id: 5,\n            statement: \"x\",",
        1,
    );
    let second_root = second_root.replacen("            code: \"D\",\n            title: \"Maintain and improve quality standards\",\n", "", 1);
    assert_content(&second_root, line_of("id: 5,"), "second key purpose");
    // A unit with children.
    let unit_children = text.replacen(
        "            urn: \"LSILADD13\",",
        "            urn: \"LSILADD13\",\n            children: [2],",
        1,
    );
    assert!(load_text(&unit_children).is_err());
    // A duplicate id.
    let duplicate = text.replacen("id: 18,", "id: 17,", 1);
    assert_content(&duplicate, line_of("id: 17,"), "used by two nodes");
    // A bad date.
    let bad_date = "(format: \"nosmap\", version: 2, map: (title: \"t\", level_names: []), nodes: [KeyPurpose(id: 1, statement: \"s\", children: [2]), Unit((id: 2, urn: \"X1\", title: \"Do\", date_approved: \"2011-02-30\"))])";
    assert_content(bad_date, Some(1), "not a day of the calendar");
    // A cycle: two functions that hold each other, hanging from nothing.
    let cycle = "(format: \"nosmap\", version: 2, map: (title: \"t\", level_names: []), nodes: [\nKeyPurpose(id: 1, statement: \"s\"),\nFunction(id: 2, title: \"a\", children: [3]),\nFunction(id: 3, title: \"b\", children: [2]),\n])";
    assert_content(cycle, Some(3), "cycle");
}

#[test]
fn unreadable_files_are_reported_with_their_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.nosmap.ron");
    let error = io::load(&missing).unwrap_err();
    assert!(matches!(error, LoadError::Io { .. }));
    assert!(error.to_string().contains("missing.nosmap.ron"));
    let error = io::load(dir.path()).unwrap_err();
    assert!(error.to_string().contains("directory"), "{error}");
    let binary = dir.path().join("binary.nosmap.ron");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let error = io::load(&binary).unwrap_err();
    assert!(
        matches!(error, LoadError::NotText { offset: 0, .. }),
        "{error}"
    );
}

#[test]
fn view_state_lives_in_a_sidecar_and_round_trips() {
    use nosmap::view::{Direction, PresentationStep, ViewCamera, ViewState};
    let dir = tempfile::tempdir().unwrap();
    let map_path = dir.path().join("m.nosmap.ron");
    assert_eq!(
        io::view_path(&map_path),
        dir.path().join("m.nosmap.view.ron")
    );
    assert_eq!(io::load_view(&map_path).unwrap(), ViewState::default());
    let mut view = ViewState {
        camera: Some(ViewCamera {
            zoom: 0.5,
            centre: [10.0, -4.5],
        }),
        direction: Direction::TopDown,
        ..ViewState::default()
    };
    view.folded.insert(nosmap::model::NodeId::from_raw(3));
    view.presentation.push(PresentationStep {
        node: nosmap::model::NodeId::from_raw(2),
        depth: 1,
        notes: "Start here".into(),
        hidden: false,
    });
    io::save_view(&view, &map_path).unwrap();
    assert_eq!(io::load_view(&map_path).unwrap(), view);
    assert!(
        !map_path.exists(),
        "saving the view must not touch the map file"
    );
}

/// Version 1 wrote `zoom: 1.0, centre: (0.0, 0.0)` whatever the window showed: read, those are
/// no camera at all (the whole map is shown), and the rest of the view is kept.
#[test]
fn a_version_1_view_file_has_no_camera_but_keeps_its_folds() {
    let dir = tempfile::tempdir().unwrap();
    let map_path = dir.path().join("m.nosmap.ron");
    std::fs::write(
        io::view_path(&map_path),
        "(format: \"nosmap-view\", version: 1, zoom: 1.0, centre: (0.0, 0.0), folded: [3])",
    )
    .unwrap();
    let view = io::load_view(&map_path).unwrap();
    assert_eq!(view.camera, None);
    assert!(view.folded.contains(&nosmap::model::NodeId::from_raw(3)));
}

#[test]
fn workshop_decisions_are_saved_with_the_map_and_read_back() {
    use nosmap::model::{Date, Verdict, Workshop};
    let mut map = load_text(&example_text()).unwrap();
    let area = map.children(map.root())[0];
    let unit = map.children(area)[0];
    let mut doc = nosmap::edit::Document::new(map.clone());
    let agreed = Workshop {
        verdict: Some(Verdict::Agreed(Date::new(2026, 11, 28).unwrap())),
        votes_for: 7,
        votes_against: 2,
    };
    let discuss = Workshop {
        verdict: Some(Verdict::NeedsDiscussion),
        ..Workshop::default()
    };
    for (id, workshop) in [(area, agreed.clone()), (unit, discuss.clone())] {
        let node = doc.map().node(id).unwrap().with_workshop(workshop);
        doc.apply("mark", Edit::SetNode { id, node }).unwrap();
    }
    map = doc.map().clone();
    let text = io::to_string(&map).unwrap();
    assert!(text.contains("agreed: \"2026-11-28\""), "{text}");
    assert!(text.contains("needs_discussion: true"));
    let read = load_text(&text).unwrap();
    assert_eq!(read, map);
    assert_eq!(read.node(area).unwrap().workshop(), &agreed);
    assert_eq!(read.node(unit).unwrap().workshop(), &discuss);

    // Both at once is a contradiction the loader names.
    let broken = text.replace(
        "agreed: \"2026-11-28\",",
        "agreed: \"2026-11-28\",\n        needs_discussion: true,",
    );
    let error = load_text(&broken).unwrap_err().to_string();
    assert!(
        error.contains("both agreed and in need of discussion"),
        "{error}"
    );
}

#[test]
fn version_3_and_4_files_read_as_the_current_version() {
    // The example as version 4 wrote it: statements without ids, scope and values as text,
    // dismissals and workshop decisions inside each node.
    let v4 = std::fs::read_to_string(common::data("version4.nosmap.ron")).unwrap();
    let v3 = v4.replace("version: 4", "version: 3");
    assert_ne!(v3, v4);
    let current = load_text(&example_text()).unwrap();
    for text in [v3, v4] {
        let old = load_text(&text).unwrap();
        assert_eq!(old, current);
        // Ids are given in file order, so the migrated map saves as the current example does.
        assert_eq!(io::to_string(&old).unwrap(), example_text());
    }
}

/// The example with merge conflicts on a unit's field and statement, a function and the key
/// purpose, recorded through the history.
fn example_with_conflicts() -> nosmap::model::FunctionalMap {
    use nosmap::model::Conflict;
    let map = load_text(&example_text()).unwrap();
    let area = map.children(map.root())[0];
    let unit = map.children(area)[0];
    let statement = map.unit(unit).unwrap().performance_criteria[0].id;
    let mut doc = nosmap::edit::Document::new(map);
    let conflicts = [
        (
            unit,
            Conflict {
                what: "overview".into(),
                statement: None,
                base: "About needs.".into(),
                ours: "About needs,\nover two lines with \"quotes\".".into(),
                theirs: "About collective needs.".into(),
            },
        ),
        (
            unit,
            Conflict {
                what: "statement".into(),
                statement: Some(statement),
                base: "agree the purpose".into(),
                ours: "agree the purpose of the work".into(),
                theirs: String::new(),
            },
        ),
        (
            area,
            Conflict {
                what: "place".into(),
                statement: None,
                base: "under the key purpose, first".into(),
                ours: "under the key purpose, first".into(),
                theirs: "under the key purpose, second".into(),
            },
        ),
        (
            doc.map().root(),
            Conflict {
                what: "suite".into(),
                statement: None,
                base: String::new(),
                ours: "Learning and Development".into(),
                theirs: "L&D".into(),
            },
        ),
    ];
    for (id, conflict) in conflicts {
        let node = doc.map().node(id).unwrap().with_conflict(conflict);
        doc.apply("merge", Edit::SetNode { id, node }).unwrap();
    }
    doc.map().clone()
}

#[test]
fn merge_conflicts_are_saved_with_the_map_and_read_back() {
    let map = example_with_conflicts();
    let text = io::to_string(&map).unwrap();
    // A map holding conflicts is written as version 6, so builds that read only version 5
    // refuse it clearly; the example without them stays version 5 (checked byte for byte above).
    assert!(
        text.contains(&format!("version: {},", io::CONFLICTS_VERSION)),
        "{text}"
    );
    assert_eq!(io::CONFLICTS_VERSION, io::CURRENT_VERSION + 1);
    let block = &text[text.find("    annotations: {\n").expect(&text)..];
    assert!(
        block.contains(
            "        1: (\n            conflicts: [\n                (\n                    what: \"suite\",\n                    ours: \"Learning and Development\",\n                    theirs: \"L&D\",\n                ),\n            ],\n        ),\n"
        ),
        "a field per line, the empty base left out: {block}"
    );
    assert!(
        block.contains(
            "                    ours: \"About needs,\\nover two lines with \\\"quotes\\\".\",\n"
        ),
        "a value on one line: {block}"
    );
    let read = load_text(&text).unwrap();
    assert_eq!(read, map);
    assert_eq!(io::to_string(&read).unwrap(), text, "canonical");
    let unit = map.children(map.children(map.root())[0])[0];
    assert_eq!(read.node(unit).unwrap().conflicts().len(), 2);

    // Settled, the map is a version 5 file again, byte for byte the example.
    let mut doc = nosmap::edit::Document::new(read);
    let ids: Vec<_> = doc.map().nodes().map(|(id, _)| id).collect();
    for id in ids {
        let node = doc.map().node(id).unwrap();
        let mut settled = node.clone();
        settled.annotations_mut().conflicts.clear();
        doc.apply("settle", Edit::SetNode { id, node: settled })
            .unwrap();
    }
    assert_eq!(io::to_string(doc.map()).unwrap(), example_text());
}

#[test]
fn a_conflict_on_a_statement_the_unit_does_not_hold_is_refused_with_its_line() {
    let map = example_with_conflicts();
    let unit = map.children(map.children(map.root())[0])[0];
    let statement = map.unit(unit).unwrap().performance_criteria[0].id.raw();
    let text = io::to_string(&map).unwrap();
    // Statement ids are written as `Item(1, …)` in the nodes; `statement: 1` only in the block.
    let needle = format!("                    statement: {statement},\n");
    assert_eq!(text.matches(&needle).count(), 1, "{text}");
    let broken = text.replacen(&needle, "                    statement: 9999,\n", 1);
    let line = text
        .lines()
        .position(|l| l == format!("            id: {},", unit.raw()))
        .map(|i| i + 1);
    assert!(line.is_some());
    assert_content(
        &broken,
        line,
        &format!(
            "node {} (NOS unit LSILADD01 “Identify collective learning and development needs”) records a merge conflict on statement 9999, which it does not hold",
            unit.raw()
        ),
    );
    // A statement of another unit is not this unit's either.
    let other = map
        .units()
        .find(|(id, u)| *id != unit && !u.performance_criteria.is_empty())
        .unwrap()
        .1;
    let elsewhere = other.performance_criteria[0].id.raw();
    let broken = text.replacen(
        &needle,
        &format!("                    statement: {elsewhere},\n"),
        1,
    );
    assert_content(&broken, line, "which it does not hold");
    // Nor a statement on a function, which holds none.
    let area = map.children(map.root())[0];
    let broken = text.replacen(
        "what: \"place\",",
        &format!("what: \"place\", statement: {statement},"),
        1,
    );
    let area_line = text
        .lines()
        .position(|l| l == format!("            id: {},", area.raw()))
        .map(|i| i + 1);
    assert_content(&broken, area_line, "which it does not hold");
}

#[test]
fn a_version_above_8_is_still_refused() {
    let text =
        io::to_string(&example_with_conflicts())
            .unwrap()
            .replacen("version: 6,", "version: 9,", 1);
    assert!(matches!(
        load_text(&text),
        Err(LoadError::NewerVersion {
            found: 9,
            supported: 8,
            ..
        })
    ));
}

/// A map file holding one chain of functions, `last` the id (and the depth + 1) of the deepest.
fn chain(last: u64) -> String {
    let mut text = String::from(
        "(\n    format: \"nosmap\",\n    version: 5,\n    map: (title: \"deep\", level_names: []),\n    nodes: [\n        KeyPurpose(id: 1, statement: \"k\", children: [2]),\n",
    );
    for id in 2..=last {
        let children = if id < last {
            format!("[{}]", id + 1)
        } else {
            "[]".to_string()
        };
        text.push_str(&format!(
            "        Function(id: {id}, title: \"f{id}\", children: {children}),\n"
        ));
    }
    text.push_str("    ],\n)\n");
    text
}

/// Issue 21, hole 9: a well-formed chain 70,000 levels deep loaded with a stack overflow (the
/// cycle check recursed once per level); once it loaded, every export of it grew with the square
/// of its depth (a path and an outline number per row). A map holds at most `MAX_DEPTH` levels
/// below its key purpose: the deepest allowed chain loads, anything deeper is refused at the line
/// of the first node past the limit.
#[test]
fn a_map_deeper_than_the_limit_is_refused_at_the_line_of_its_first_node_too_deep() {
    let deepest = MAX_DEPTH as u64 + 1;
    let map = load_text(&chain(deepest)).unwrap();
    assert_eq!(map.len() as u64, deepest);
    assert!(map.check_invariants().is_empty());

    for last in [deepest + 1, 70_000] {
        let error = load_text(&chain(last)).unwrap_err().to_string();
        // The node past the limit has id MAX_DEPTH + 2; node n is written on line 5 + n.
        let line = 5 + MAX_DEPTH + 2;
        assert!(error.contains(&format!(":{line}:")), "{error}");
        assert!(
            error.contains(&format!(
                "sits {} levels below the key purpose; nosmap holds maps up to {MAX_DEPTH} levels deep",
                MAX_DEPTH + 1
            )),
            "{error}"
        );
    }
}
