//! Quality checks, data-driven: for every rule one fixture that triggers it and one near miss that
//! does not; fixes are undoable edits that clear the finding; dismissals are saved with the map.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use nosmap::analysis::checks::{CheckContext, CheckLevel, RULES, Severity, check};
use nosmap::edit::{Document, Edit};
use nosmap::model::{
    Category, Conflict, Date, Function, FunctionalMap, KeyPurpose, MapMeta, Node, NodeId,
    Statement, Status, Unit, Validity, Workshop,
};

/// A map that satisfies every rule: KP → one key area → two functions → two complete units each.
struct Fixture {
    doc: Document,
    area: NodeId,
    function: NodeId,
    unit: NodeId,
}

fn complete_unit(urn: &str, title: &str) -> Unit {
    let mut unit = Unit::new(urn, title);
    unit.overview = "This standard is about the work described in its title.".into();
    unit.performance_criteria = vec![
        Statement::heading("Planning"),
        Statement::item("agree the objectives of the work with the people involved"),
        Statement::item("record the agreed objectives"),
    ];
    unit.knowledge = vec![
        Statement::item("how to agree objectives"),
        Statement::item("why records matter"),
    ];
    unit.metadata.validity = Some(Validity::Current);
    unit.metadata.status = Some(Status::Original);
    unit.metadata.category = Some(Category::Generic);
    unit.metadata.indicative_review_date = Date::new(2030, 1, 31);
    unit
}

fn fixture() -> Fixture {
    let map = FunctionalMap::new(
        MapMeta::new("Fixture"),
        KeyPurpose::new("Achieve results through people"),
    );
    let mut doc = Document::new(map);
    let kp = doc.map().root();
    let area = common::add(&mut doc, kp, Function::new("A", "Manage people").into());
    common::add(&mut doc, kp, Function::new("B", "Manage resources").into());
    let function = common::add(&mut doc, area, Function::new("A1", "Plan work").into());
    let unit = common::add(
        &mut doc,
        function,
        complete_unit("TST01", "Plan the work of a team").into(),
    );
    common::add(
        &mut doc,
        function,
        complete_unit("TST02", "Review the work of a team").into(),
    );
    let a2 = common::add(&mut doc, area, Function::new("A2", "Develop people").into());
    common::add(
        &mut doc,
        a2,
        complete_unit("TST03", "Support learning at work").into(),
    );
    common::add(
        &mut doc,
        a2,
        complete_unit("TST04", "Assess learning at work").into(),
    );
    let b = doc.map().children(kp)[1];
    for (i, title) in ["Manage a budget", "Manage physical resources"]
        .iter()
        .enumerate()
    {
        common::add(
            &mut doc,
            b,
            complete_unit(&format!("TST1{i}"), title).into(),
        );
    }
    Fixture {
        doc,
        area,
        function,
        unit,
    }
}

/// Every rule speaks: the fixtures cover publish-level rules too.
fn at_publish() -> CheckContext {
    CheckContext::publish(Date::new(2026, 11, 28))
}

fn at_draft() -> CheckContext {
    CheckContext::draft(Date::new(2026, 11, 28))
}

fn rules_found(map: &FunctionalMap) -> Vec<&'static str> {
    check(map, &at_publish())
        .findings
        .iter()
        .map(|f| f.rule)
        .collect()
}

/// Replaces a unit's content through the history.
fn edit_unit(f: &mut Fixture, id: NodeId, change: impl FnOnce(&mut Unit)) {
    let mut unit = f.doc.map().unit(id).unwrap().clone();
    change(&mut unit);
    f.doc
        .apply(
            "edit",
            Edit::SetNode {
                id,
                node: unit.into(),
            },
        )
        .unwrap();
}

fn edit_function(f: &mut Fixture, id: NodeId, change: impl FnOnce(&mut Function)) {
    let mut function = f.doc.map().node(id).unwrap().as_function().unwrap().clone();
    change(&mut function);
    f.doc
        .apply(
            "edit",
            Edit::SetNode {
                id,
                node: Node::Function(function),
            },
        )
        .unwrap();
}

/// Records a merge conflict on a node through the history, as a merge that kept ours does.
fn add_conflict(f: &mut Fixture, id: NodeId, conflict: Conflict) {
    let node = f.doc.map().node(id).unwrap().with_conflict(conflict);
    f.doc.apply("merge", Edit::SetNode { id, node }).unwrap();
}

fn overview_conflict() -> Conflict {
    Conflict {
        what: "overview".into(),
        statement: None,
        base: "This standard is about planning.".into(),
        ours: "This standard is about the work described in its title.".into(),
        theirs: "For team leaders who plan work.".into(),
    }
}

type Change = fn(&mut Fixture);

/// (rule, change that triggers it, near miss that must not).
const CASES: &[(&str, Change, Change)] = &[
    (
        "merge-conflict",
        |f| add_conflict(f, f.unit, overview_conflict()),
        // Everything else people say about a node, and a dismissal naming the rule: no conflict.
        |f| {
            let node = f
                .doc
                .map()
                .node(f.unit)
                .unwrap()
                .with_dismissal("merge-conflict", None, "settled at the meeting")
                .with_workshop(Workshop {
                    votes_for: 3,
                    ..Workshop::default()
                });
            f.doc
                .apply("annotate", Edit::SetNode { id: f.unit, node })
                .unwrap();
        },
    ),
    (
        "empty-title",
        |f| edit_function(f, f.function, |x| x.title = "  ".into()),
        |f| edit_function(f, f.function, |x| x.title = "Plan".into()),
    ),
    (
        "duplicate-urn",
        |f| edit_unit(f, f.unit, |u| u.urn = "TST02".into()),
        |f| edit_unit(f, f.unit, |u| u.urn = "TST020".into()),
    ),
    (
        "function-without-units",
        |f| {
            common::add(
                &mut f.doc,
                f.area,
                Function::new("A3", "Assess people").into(),
            );
        },
        |f| {
            let mut gap = Function::new("A3", "Assess people");
            gap.gap = true;
            common::add(&mut f.doc, f.area, gap.into());
        },
    ),
    (
        "single-child",
        |f| {
            let lone = f.doc.map().children(f.function)[1];
            f.doc
                .apply(
                    "remove",
                    Edit::Remove {
                        node: lone,
                        parent: f.function,
                    },
                )
                .unwrap();
        },
        |f| {
            common::add(
                &mut f.doc,
                f.function,
                complete_unit("TST05", "Monitor the work of a team").into(),
            );
        },
    ),
    (
        "too-deep",
        |f| {
            let mut parent = f.function;
            for level in 3..=6 {
                parent = common::add(
                    &mut f.doc,
                    parent,
                    Function::new(format!("L{level}"), "Plan detail").into(),
                );
                common::add(
                    &mut f.doc,
                    parent,
                    complete_unit(&format!("TST5{level}"), &format!("Plan detail {level}")).into(),
                );
            }
        },
        |f| {
            let mut parent = f.function;
            for level in 3..=5 {
                parent = common::add(
                    &mut f.doc,
                    parent,
                    Function::new(format!("L{level}"), "Plan detail").into(),
                );
                common::add(
                    &mut f.doc,
                    parent,
                    complete_unit(&format!("TST5{level}"), &format!("Plan detail {level}")).into(),
                );
            }
        },
    ),
    (
        "missing-performance-criteria",
        |f| {
            edit_unit(f, f.unit, |u| {
                u.performance_criteria = vec![Statement::heading("Planning")]
            })
        },
        |f| edit_unit(f, f.unit, |u| u.performance_criteria.truncate(2)),
    ),
    (
        "missing-knowledge",
        |f| edit_unit(f, f.unit, |u| u.knowledge.clear()),
        |f| edit_unit(f, f.unit, |u| u.knowledge.truncate(1)),
    ),
    (
        "empty-overview",
        |f| edit_unit(f, f.unit, |u| u.overview = "\n".into()),
        |f| edit_unit(f, f.unit, |u| u.overview = "For team leaders.".into()),
    ),
    (
        "missing-urn",
        |f| edit_unit(f, f.unit, |u| u.urn = " ".into()),
        |f| edit_unit(f, f.unit, |u| u.urn = "TST09".into()),
    ),
    (
        "duplicate-title",
        |f| edit_unit(f, f.unit, |u| u.title = "review  the WORK of a team".into()),
        |f| {
            edit_unit(f, f.unit, |u| {
                u.title = "Review the work of a project".into()
            })
        },
    ),
    (
        "urn-shape",
        |f| edit_unit(f, f.unit, |u| u.urn = "TST01\u{200B}".into()),
        |f| edit_unit(f, f.unit, |u| u.urn = "TST 01".into()),
    ),
    (
        "verb-first",
        |f| edit_unit(f, f.unit, |u| u.title = "Team work planning".into()),
        |f| {
            edit_unit(f, f.unit, |u| {
                u.title = "Planning the work of a team".into()
            })
        },
    ),
    (
        "near-duplicate-statement",
        |f| {
            edit_unit(f, f.unit, |u| {
                u.knowledge
                    .push(Statement::item("How to agree the objectives"))
            })
        },
        |f| {
            edit_unit(f, f.unit, |u| {
                u.knowledge.push(Statement::item("how to record decisions"))
            })
        },
    ),
    (
        "tailored-without-original",
        |f| edit_unit(f, f.unit, |u| u.metadata.status = Some(Status::Tailored)),
        |f| {
            edit_unit(f, f.unit, |u| {
                u.metadata.status = Some(Status::Tailored);
                u.metadata.original_urn = "MSC D5".into();
            })
        },
    ),
    (
        "review-date-passed",
        |f| {
            edit_unit(f, f.unit, |u| {
                u.metadata.indicative_review_date = Date::new(2026, 11, 27)
            })
        },
        |f| {
            edit_unit(f, f.unit, |u| {
                u.metadata.indicative_review_date = Date::new(2026, 11, 28)
            })
        },
    ),
    (
        "missing-required-metadata",
        |f| edit_unit(f, f.unit, |u| u.metadata.category = None),
        |f| {
            edit_unit(f, f.unit, |u| {
                u.metadata.category = Some(Category::JobSpecific)
            })
        },
    ),
    (
        "too-many-children",
        |f| {
            for i in 0..8 {
                common::add(
                    &mut f.doc,
                    f.function,
                    complete_unit(&format!("TST2{i}"), &format!("Plan stage {i}")).into(),
                );
            }
        },
        |f| {
            for i in 0..7 {
                common::add(
                    &mut f.doc,
                    f.function,
                    complete_unit(&format!("TST2{i}"), &format!("Plan stage {i}")).into(),
                );
            }
        },
    ),
    (
        "urn-prefix",
        |f| edit_unit(f, f.unit, |u| u.urn = "ABC01".into()),
        |f| edit_unit(f, f.unit, |u| u.urn = "TSTX01".into()),
    ),
    (
        "legacy-unit",
        |f| edit_unit(f, f.unit, |u| u.metadata.validity = Some(Validity::Legacy)),
        |f| edit_unit(f, f.unit, |u| u.metadata.validity = Some(Validity::Current)),
    ),
];

#[test]
fn the_fixture_is_clean() {
    assert_eq!(rules_found(fixture().doc.map()), Vec::<&str>::new());
    assert_eq!(check(fixture().doc.map(), &at_draft()).findings, vec![]);
}

#[test]
fn every_rule_has_a_triggering_and_a_clean_fixture() {
    for rule in RULES {
        assert!(
            CASES.iter().any(|c| c.0 == rule.id),
            "no fixtures for {}",
            rule.id
        );
    }
    for (rule, trigger, near_miss) in CASES {
        let mut f = fixture();
        trigger(&mut f);
        let found = rules_found(f.doc.map());
        assert!(
            found.contains(rule),
            "{rule} not triggered; found {found:?}"
        );
        let mut f = fixture();
        near_miss(&mut f);
        let found = rules_found(f.doc.map());
        assert!(
            !found.contains(rule),
            "{rule} raised by its near miss; found {found:?}"
        );
    }
}

#[test]
fn fixes_clear_their_finding_and_undo() {
    let fixable = [
        "merge-conflict",
        "function-without-units",
        "urn-shape",
        "near-duplicate-statement",
    ];
    for (rule, trigger, _) in CASES.iter().filter(|c| fixable.contains(&c.0)) {
        let mut f = fixture();
        trigger(&mut f);
        let before = f.doc.map().clone();
        let report = check(f.doc.map(), &at_publish());
        let finding = report.findings.iter().find(|x| x.rule == *rule).unwrap();
        let fix = finding
            .fix
            .clone()
            .unwrap_or_else(|| panic!("{rule} has no fix"));
        f.doc.apply(&fix.label, fix.edit.clone()).unwrap();
        assert!(
            !rules_found(f.doc.map()).contains(rule),
            "{rule} still reported after its fix"
        );
        f.doc.undo();
        assert_eq!(f.doc.map(), &before);
    }
}

#[test]
fn dismissed_findings_are_listed_apart_and_saved() {
    let mut f = fixture();
    let unit = f.unit;
    edit_unit(&mut f, unit, |u| u.title = "Team work planning".into());
    let node = f.doc.map().node(f.unit).unwrap().with_dismissal(
        "verb-first",
        None,
        "the working group prefers this title",
    );
    f.doc
        .apply("dismiss", Edit::SetNode { id: f.unit, node })
        .unwrap();
    let report = check(f.doc.map(), &at_publish());
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert_eq!(report.dismissed.len(), 1);
    assert_eq!(
        report.dismissed[0].1.reason,
        "the working group prefers this title"
    );
    let text = nosmap::io::to_string(f.doc.map()).unwrap();
    assert!(text.contains("rule: \"verb-first\""));
    let reloaded = nosmap::io::from_str(&text, std::path::Path::new("f.nosmap.ron")).unwrap();
    assert_eq!(check(&reloaded, &at_publish()), report);
}

#[test]
fn examples_have_no_errors() {
    for path in common::example_paths() {
        let map = nosmap::io::load(&path).unwrap();
        let report = check(&map, &at_publish());
        assert_eq!(
            report.count(Severity::Error),
            0,
            "{}: {:?}",
            path.display(),
            report.findings
        );
    }
}

#[test]
fn findings_come_most_severe_first_then_in_map_order() {
    let mut f = fixture();
    let unit = f.unit;
    edit_unit(&mut f, unit, |u| {
        u.title = String::new();
        u.metadata.validity = Some(Validity::Legacy);
        u.overview.clear();
    });
    let severities: Vec<Severity> = check(f.doc.map(), &at_publish())
        .findings
        .iter()
        .map(|x| x.severity)
        .collect();
    let mut sorted = severities.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(severities, sorted);
    assert_eq!(severities.first(), Some(&Severity::Error));
}

fn urn_shape_findings(map: &FunctionalMap) -> Vec<nosmap::analysis::checks::Finding> {
    check(map, &at_publish())
        .findings
        .into_iter()
        .filter(|f| f.rule == "urn-shape")
        .collect()
}

#[test]
fn published_urn_spellings_raise_nothing() {
    // One of each shape the 2019 catalogue uses in quantity (see urns.rs).
    for urn in [
        "LSI CM01",
        "EUS GNC017",
        "SFS CVT 8",
        "SFS CTV 10L",
        "PPL 4HK54",
        "PPL 1GEN4/09",
        "PPL DDS8/09",
        "CPC 517",
        "PPL.C224",
        "PPL4GEN1",
        "COGSCIM4_16",
        "COGLATA4-05",
        "COGBENG-06",
        "EUSDSG3.18",
        "COGESA10.2.1",
        "COGESA12.9A",
        "COSVR290L",
        "LSICLD1.2.1 v2",
        "SKAGH20 (2)",
        "CFAM&LDB6",
        "CFAM_LBB4",
        "CFASMA1.4V3.0",
        "SEMEMI2-67v2",
        "LANGa12v1L",
        "COSTPCBCF66.3-F66.4",
        "SFHCI.N",
        "ASTLLCH",
    ] {
        let mut f = fixture();
        let unit = f.unit;
        edit_unit(&mut f, unit, |u| u.urn = urn.into());
        let found = urn_shape_findings(f.doc.map());
        assert!(found.is_empty(), "{urn:?}: {found:?}");
    }
}

#[test]
fn a_malformed_urn_still_raises_one_finding() {
    for urn in [
        "Plan the work of a team",
        "[URN]",
        "TBC",
        "TST01]",
        "SUMBSE04.pdf",
    ] {
        let mut f = fixture();
        let unit = f.unit;
        edit_unit(&mut f, unit, |u| u.urn = urn.into());
        let found = urn_shape_findings(f.doc.map());
        assert_eq!(found.len(), 1, "{urn:?}: {found:?}");
        assert_eq!(found[0].node(), f.unit);
        assert!(found[0].message.contains(urn), "{}", found[0].message);
    }
}

#[test]
fn malformed_urns_raise_one_finding_per_suite() {
    let mut f = fixture();
    // Ten units whose URN field holds a title, all under one function: one suite.
    let mut first = None;
    for i in 0..10 {
        let id = common::add(
            &mut f.doc,
            f.function,
            complete_unit(
                &format!("TST3{i} Plan stage {i}"),
                &format!("Plan stage {i}"),
            )
            .into(),
        );
        first.get_or_insert(id);
    }
    let found = urn_shape_findings(f.doc.map());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(Some(found[0].node()), first, "on the first in map order");
    assert!(
        found[0].message.contains("9 more units in this suite"),
        "{}",
        found[0].message
    );
    // A second function is a second suite.
    let a2 = f.doc.map().children(f.area)[1];
    common::add(
        &mut f.doc,
        a2,
        complete_unit("TST40 Assess stage", "Assess stage").into(),
    );
    assert_eq!(urn_shape_findings(f.doc.map()).len(), 2);
}

#[test]
fn units_listing_one_suite_share_one_note_wherever_they_sit() {
    let mut f = fixture();
    let a2 = f.doc.map().children(f.area)[1];
    for (i, parent) in [f.function, a2].into_iter().enumerate() {
        let mut unit = complete_unit(&format!("TST5{i} Review"), &format!("Review stage {i}"));
        unit.metadata.suites = vec!["Team leading".into()];
        common::add(&mut f.doc, parent, unit.into());
    }
    assert_eq!(urn_shape_findings(f.doc.map()).len(), 1);
}

#[test]
fn no_urn_fix_removes_a_space() {
    for (urn, expected) in [
        ("LSI CM01\u{200B}", "LSI CM01"),
        ("LSI\u{00A0}CM01", "LSI CM01"),
        (" LSI CM01 ", "LSI CM01"),
        ("LSI  CM01", "LSI CM01"),
        ("\u{FEFF}SFS CVT 8", "SFS CVT 8"),
        ("ESKITU032\u{200B}", "ESKITU032"),
    ] {
        let mut f = fixture();
        let unit = f.unit;
        edit_unit(&mut f, unit, |u| u.urn = urn.into());
        let found = urn_shape_findings(f.doc.map());
        assert_eq!(found.len(), 1, "{urn:?}: {found:?}");
        let fix = found[0]
            .fix
            .as_ref()
            .unwrap_or_else(|| panic!("{urn:?} has no fix"));
        let Edit::SetNode {
            node: Node::Unit(fixed),
            ..
        } = &fix.edit
        else {
            panic!("{urn:?}: the fix is not a unit edit: {:?}", fix.edit);
        };
        assert_eq!(fixed.urn, expected, "{urn:?}");
        assert_eq!(
            fixed.urn.split(' ').count(),
            urn.split_whitespace().count(),
            "{urn:?}: the parts of the URN stay apart"
        );
    }
}

#[test]
fn the_2019_catalogue_gets_at_most_one_urn_note_per_suite() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/nos-catalogue-2019.csv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "{} is not here: the fixtures above cover the rule",
            path.display()
        );
        return;
    };
    let (map, report) = nosmap::io::catalogue::import_catalogue(&text, &path).unwrap();
    let found = urn_shape_findings(&map);
    assert!(
        found.len() <= report.suites,
        "{} notes for {} suites",
        found.len(),
        report.suites
    );
    // Every published spelling is accepted: what remains are titles, file names and stray
    // characters in the URN field, in a few dozen suites of 1,400 (24 when this was written).
    assert!(found.len() < 40, "{} notes: {found:#?}", found.len());
}

/// A fresh draft: KP → two key areas → seven units with a URN, a title and two PCs each, and
/// nothing else written yet.
fn fresh_draft() -> FunctionalMap {
    let map = FunctionalMap::new(
        MapMeta::new("Draft"),
        KeyPurpose::new("Achieve results through people"),
    );
    let mut doc = Document::new(map);
    let kp = doc.map().root();
    let plan = common::add(&mut doc, kp, Function::new("A", "Plan work").into());
    let deliver = common::add(&mut doc, kp, Function::new("B", "Deliver work").into());
    let titles = [
        "Agree objectives with your team",
        "Plan the work of a team",
        "Allocate work to team members",
        "Review the work of a team",
        "Deliver services to customers",
        "Resolve customer complaints",
        "Improve customer service",
    ];
    for (i, title) in titles.iter().enumerate() {
        let mut unit = Unit::new(format!("TST0{}", i + 1), *title);
        unit.performance_criteria = vec![
            Statement::item("agree the objectives of the work"),
            Statement::item("record the agreed objectives"),
        ];
        let parent = if i < 4 { plan } else { deliver };
        common::add(&mut doc, parent, unit.into());
    }
    doc.map().clone()
}

/// (rule, how many findings) in rule order.
fn rule_counts(findings: &[nosmap::analysis::checks::Finding]) -> Vec<(&'static str, usize)> {
    let mut counts = std::collections::BTreeMap::new();
    for finding in findings {
        *counts.entry(finding.rule).or_insert(0) += 1;
    }
    counts.into_iter().collect()
}

#[test]
fn a_fresh_draft_hears_about_missing_sections_and_metadata_only_at_publish_level() {
    let draft = fresh_draft();
    let at_draft_level = check(&draft, &at_draft());
    assert_eq!(rule_counts(&at_draft_level.findings), vec![]);
    assert_eq!(at_draft_level.held_back, 21, "counted, for \"21 more\"");
    let at_publish_level = check(&draft, &at_publish());
    assert_eq!(
        rule_counts(&at_publish_level.findings),
        vec![
            ("empty-overview", 7),
            ("missing-knowledge", 7),
            ("missing-required-metadata", 7),
        ]
    );
    assert_eq!(at_publish_level.held_back, 0);
    // The default context is a draft.
    assert_eq!(CheckContext::default().level, CheckLevel::Draft);
}

#[test]
fn every_rule_has_a_level_and_only_missing_things_wait_for_publish() {
    let publish_only: Vec<&str> = RULES
        .iter()
        .filter(|r| r.level == CheckLevel::Publish)
        .map(|r| r.id)
        .collect();
    assert_eq!(
        publish_only,
        [
            "missing-performance-criteria",
            "missing-knowledge",
            "empty-overview",
            "missing-urn",
            "tailored-without-original",
            "missing-required-metadata",
        ]
    );
}

#[test]
fn messages_name_levels_as_the_map_does() {
    let mut f = fixture();
    // A key area (level 1) and a function (level 2) with no units.
    let kp = f.doc.map().root();
    let area = common::add(
        &mut f.doc,
        kp,
        Function::new("C", "Improve services").into(),
    );
    let function = common::add(
        &mut f.doc,
        f.area,
        Function::new("A3", "Assess people").into(),
    );
    let message = |f: &Fixture, node, rule| {
        check(f.doc.map(), &at_draft())
            .findings
            .into_iter()
            .find(|x| x.node() == node && x.rule == rule)
            .map(|x| x.message)
            .unwrap_or_default()
    };
    assert_eq!(
        message(&f, area, "function-without-units"),
        "no NOS unit sits anywhere below this key area"
    );
    assert_eq!(
        message(&f, function, "function-without-units"),
        "no NOS unit sits anywhere below this function"
    );
    edit_function(&mut f, area, |x| x.title = "Customer satisfaction".into());
    assert!(
        message(&f, area, "verb-first").starts_with("key area does not start with a verb"),
        "{}",
        message(&f, area, "verb-first")
    );
    edit_function(&mut f, area, |x| x.title.clear());
    assert_eq!(
        message(&f, area, "empty-title"),
        "this key area has no title"
    );
    // The map's own names, acronyms kept.
    let mut meta = f.doc.map().meta().clone();
    meta.level_names = vec!["NOS Area of competence".into()];
    f.doc.apply("names", Edit::SetMeta(meta)).unwrap();
    assert_eq!(
        message(&f, function, "function-without-units"),
        "no NOS unit sits anywhere below this NOS area of competence"
    );
}

/// The merge-conflict findings of a map, at a level.
fn conflict_findings(
    map: &FunctionalMap,
    context: &CheckContext,
) -> Vec<nosmap::analysis::checks::Finding> {
    check(map, context)
        .findings
        .into_iter()
        .filter(|x| x.rule == "merge-conflict")
        .collect()
}

#[test]
fn each_merge_conflict_is_an_error_at_its_field_or_statement_at_both_levels() {
    use nosmap::model::Location;
    let mut f = fixture();
    let unit = f.unit;
    let second = f.doc.map().unit(unit).unwrap().performance_criteria[2].id;
    add_conflict(&mut f, unit, overview_conflict());
    add_conflict(
        &mut f,
        unit,
        Conflict {
            what: "statement".into(),
            statement: Some(second),
            base: "record the objectives".into(),
            ours: "record the agreed objectives".into(),
            theirs: "record the objectives and who agreed them".into(),
        },
    );
    add_conflict(
        &mut f,
        unit,
        Conflict {
            what: "place".into(),
            base: "under A1 “Plan work”".into(),
            ours: "under A1 “Plan work”".into(),
            theirs: "under A2 “Develop people”".into(),
            ..Conflict::default()
        },
    );
    let kp = f.doc.map().root();
    add_conflict(
        &mut f,
        kp,
        Conflict {
            what: "suite".into(),
            base: String::new(),
            ours: "Management".into(),
            theirs: String::new(),
            ..Conflict::default()
        },
    );
    for context in [at_draft(), at_publish()] {
        let found = conflict_findings(f.doc.map(), &context);
        let seen: Vec<(Location, &str, Severity)> = found
            .iter()
            .map(|x| (x.location, x.message.as_str(), x.severity))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    Location::field(kp, "suite"),
                    "Both changed the map's suite: kept ours; theirs was empty",
                    Severity::Error
                ),
                (
                    Location::node(unit),
                    "Both changed where this sits: kept ours; theirs was “under A2 “Develop people””",
                    Severity::Error
                ),
                (
                    Location::field(unit, "overview"),
                    "Both changed the overview: kept ours; theirs was “For team leaders who plan work.”",
                    Severity::Error
                ),
                (
                    Location::statement(unit, second),
                    "Both changed P2: kept ours; theirs was “record the objectives and who agreed them”",
                    Severity::Error
                ),
            ],
            "{:?}",
            context.level
        );
    }
}

#[test]
fn a_long_theirs_is_shortened_in_the_message() {
    let mut f = fixture();
    let unit = f.unit;
    let long = format!("{}\nand a second line", "plan the work ".repeat(10));
    add_conflict(
        &mut f,
        unit,
        Conflict {
            theirs: long.clone(),
            ..overview_conflict()
        },
    );
    let found = conflict_findings(f.doc.map(), &at_draft());
    let message = &found[0].message;
    assert!(
        message.starts_with("Both changed the overview: kept ours; theirs was “plan the work plan"),
        "{message}"
    );
    assert!(message.ends_with("…”"), "{message}");
    assert!(!message.contains('\n'), "{message}");
    assert!(message.chars().count() < 120, "{message}");
}

#[test]
fn a_merge_conflict_cannot_be_dismissed() {
    let mut f = fixture();
    let unit = f.unit;
    add_conflict(&mut f, unit, overview_conflict());
    let node = f
        .doc
        .map()
        .node(unit)
        .unwrap()
        .with_dismissal("merge-conflict", None, "later");
    f.doc
        .apply("dismiss", Edit::SetNode { id: unit, node })
        .unwrap();
    let report = check(f.doc.map(), &at_draft());
    assert_eq!(rule_counts(&report.findings), [("merge-conflict", 1)]);
    assert!(report.dismissed.is_empty(), "{:?}", report.dismissed);
    assert!(!report.findings[0].dismissible());
    assert!(
        !nosmap::analysis::checks::rule("merge-conflict")
            .unwrap()
            .dismissible
    );
    assert!(
        RULES
            .iter()
            .filter(|r| r.id != "merge-conflict")
            .all(|r| r.dismissible)
    );
}

/// The fixes a finding offers, by label.
fn fix_labels(finding: &nosmap::analysis::checks::Finding) -> Vec<&str> {
    finding.fixes().map(|x| x.label.as_str()).collect()
}

/// Applies the fix labelled `label` of the only merge conflict through the document.
fn settle(f: &mut Fixture, label: &str) {
    let found = conflict_findings(f.doc.map(), &at_draft());
    assert_eq!(found.len(), 1, "{found:?}");
    let fix = found[0]
        .fixes()
        .find(|x| x.label == label)
        .unwrap_or_else(|| panic!("no “{label}” in {:?}", fix_labels(&found[0])))
        .clone();
    f.doc.apply(&fix.label, fix.edit).unwrap();
    assert!(
        conflict_findings(f.doc.map(), &at_draft()).is_empty(),
        "settled"
    );
}

#[test]
fn keep_ours_removes_the_conflict_and_leaves_the_value_and_undo_restores_it() {
    let mut f = fixture();
    let unit = f.unit;
    add_conflict(&mut f, unit, overview_conflict());
    let before = f.doc.map().clone();
    let found = conflict_findings(f.doc.map(), &at_draft());
    assert_eq!(fix_labels(&found[0]), ["Keep ours", "Take theirs"]);
    assert_eq!(found[0].fix.as_ref().unwrap().label, "Keep ours");
    settle(&mut f, "Keep ours");
    let kept = f.doc.map().unit(unit).unwrap();
    assert_eq!(kept.overview, overview_conflict().ours);
    assert!(kept.annotations.conflicts.is_empty());
    assert!(f.doc.undo().is_some());
    assert_eq!(f.doc.map(), &before);
    assert_eq!(
        f.doc.map().node(unit).unwrap().conflicts(),
        [overview_conflict()]
    );
    assert_eq!(conflict_findings(f.doc.map(), &at_draft()).len(), 1);
}

#[test]
fn take_theirs_sets_the_value_and_removes_the_conflict_in_one_step() {
    type Read = fn(&FunctionalMap, NodeId) -> String;
    let unit_field: Read = |map, id| map.unit(id).unwrap().metadata.suites.join("|");
    let kp_statement: Read = |map, id| map.node(id).unwrap().title().to_string();
    let function_title: Read = |map, id| map.node(id).unwrap().title().to_string();
    let function_code: Read = |map, id| map.node(id).unwrap().as_function().unwrap().code.clone();
    let statement_text: Read = |map, id| map.unit(id).unwrap().performance_criteria[1].text.clone();
    let glossary: Read = |map, id| {
        let entry = &map.unit(id).unwrap().glossary[0];
        format!("{} = {}", entry.term, entry.definition)
    };
    // (which node, the conflict, how to read the value, theirs as read back)
    let cases: Vec<(&str, Conflict, Read, &str)> = vec![
        (
            "unit",
            Conflict {
                what: "suites".into(),
                base: "Management".into(),
                ours: "Management\nLeadership".into(),
                theirs: "Management\nTeam work".into(),
                ..Conflict::default()
            },
            unit_field,
            "Management|Team work",
        ),
        (
            "key purpose",
            Conflict {
                what: "statement".into(),
                theirs: "Achieve results with people".into(),
                ..Conflict::default()
            },
            kp_statement,
            "Achieve results with people",
        ),
        (
            "function",
            Conflict {
                what: "title".into(),
                theirs: "Plan and organise work".into(),
                ..Conflict::default()
            },
            function_title,
            "Plan and organise work",
        ),
        (
            "function",
            Conflict {
                what: "code".into(),
                theirs: "A9".into(),
                ..Conflict::default()
            },
            function_code,
            "A9",
        ),
        (
            "statement",
            Conflict {
                what: "statement".into(),
                theirs: "agree the objectives with everyone involved".into(),
                ..Conflict::default()
            },
            statement_text,
            "agree the objectives with everyone involved",
        ),
        (
            "glossary",
            Conflict {
                what: "statement".into(),
                theirs: "objective = what the team sets out to achieve".into(),
                ..Conflict::default()
            },
            glossary,
            "objective = what the team sets out to achieve",
        ),
    ];
    for (on, mut conflict, read, expected) in cases {
        let mut f = fixture();
        let id = match on {
            "key purpose" => f.doc.map().root(),
            "function" => f.function,
            _ => f.unit,
        };
        if on == "glossary" {
            edit_unit(&mut f, id, |u| {
                u.glossary = vec![nosmap::model::GlossaryEntry::new("objective", "a goal")]
            });
            conflict.statement = Some(f.doc.map().unit(id).unwrap().glossary[0].id);
        }
        if on == "statement" {
            conflict.statement = Some(f.doc.map().unit(id).unwrap().performance_criteria[1].id);
        }
        add_conflict(&mut f, id, conflict.clone());
        let before = f.doc.map().clone();
        settle(&mut f, "Take theirs");
        assert_eq!(f.doc.undo_label(), Some("Take theirs"), "{on}");
        assert_eq!(
            f.doc.undo_edits().map(<[Edit]>::len),
            Some(1),
            "{on}: one edit"
        );
        assert_eq!(read(f.doc.map(), id), expected, "{on}");
        assert!(f.doc.map().node(id).unwrap().conflicts().is_empty(), "{on}");
        if on == "statement" || on == "glossary" {
            // The statement keeps its id.
            let statement = conflict.statement.unwrap();
            assert!(
                f.doc
                    .map()
                    .unit(id)
                    .unwrap()
                    .find_statement(statement)
                    .is_some()
            );
        }
        assert!(f.doc.undo().is_some());
        assert_eq!(f.doc.map(), &before, "{on}: undo restores the conflict");
        assert_eq!(
            f.doc.map().node(id).unwrap().conflicts(),
            [conflict],
            "{on}"
        );
    }
}

#[test]
fn only_keep_ours_where_theirs_cannot_be_set_on_the_node() {
    let mut f = fixture();
    let kp = f.doc.map().root();
    let unit = f.unit;
    let function = f.function;
    for (id, what, theirs) in [
        (unit, "place", "under A2 “Develop people”"),
        (unit, "node", "deleted"),
        (unit, "version_number", "two"),
        (unit, "no_such_field", "x"),
        (function, "gap", "yes"),
        (kp, "title", "Another map title"),
    ] {
        add_conflict(
            &mut f,
            id,
            Conflict {
                what: what.into(),
                theirs: theirs.into(),
                ..Conflict::default()
            },
        );
    }
    let found = conflict_findings(f.doc.map(), &at_draft());
    assert_eq!(found.len(), 6);
    for finding in &found {
        assert_eq!(fix_labels(finding), ["Keep ours"], "{}", finding.message);
    }
    // Each "Keep ours" removes its own conflict and no other.
    let keep = found[0].fix.clone().unwrap();
    f.doc.apply(&keep.label, keep.edit).unwrap();
    assert_eq!(conflict_findings(f.doc.map(), &at_draft()).len(), 5);
}

#[test]
fn taking_theirs_for_a_list_settles_conflicts_on_statements_it_drops() {
    let mut f = fixture();
    let unit = f.unit;
    let last = f.doc.map().unit(unit).unwrap().performance_criteria[2].id;
    add_conflict(
        &mut f,
        unit,
        Conflict {
            what: "statement".into(),
            statement: Some(last),
            theirs: "record the objectives".into(),
            ..Conflict::default()
        },
    );
    add_conflict(
        &mut f,
        unit,
        Conflict {
            what: "performance_criteria".into(),
            theirs: "## Planning\nagree the objectives of the work with the people involved".into(),
            ..Conflict::default()
        },
    );
    let before = f.doc.map().clone();
    let found = conflict_findings(f.doc.map(), &at_draft());
    let list = found
        .iter()
        .find(|x| x.location.statement_id().is_none())
        .unwrap();
    let take = list
        .fixes()
        .find(|x| x.label == "Take theirs")
        .unwrap()
        .clone();
    f.doc.apply(&take.label, take.edit).unwrap();
    let taken = f.doc.map().unit(unit).unwrap();
    assert_eq!(taken.performance_criteria.len(), 2);
    assert!(taken.annotations.conflicts.is_empty());
    assert!(f.doc.undo().is_some());
    assert_eq!(f.doc.map(), &before);
}

#[test]
fn a_statement_in_conflict_is_not_removed_until_the_conflict_is_settled() {
    use nosmap::model::StatementList;
    let mut f = fixture();
    let unit = f.unit;
    let statement = f.doc.map().unit(unit).unwrap().performance_criteria[2].id;
    add_conflict(
        &mut f,
        unit,
        Conflict {
            what: "statement".into(),
            statement: Some(statement),
            theirs: "record the objectives".into(),
            ..Conflict::default()
        },
    );
    let before = f.doc.map().clone();
    let remove = Edit::RemoveStatement {
        unit,
        list: StatementList::PerformanceCriteria,
        statement,
    };
    let error = f
        .doc
        .apply("remove", remove.clone())
        .unwrap_err()
        .to_string();
    assert!(error.contains("P2 of NOS unit TST01"), "{error}");
    assert!(error.contains("merge conflict"), "{error}");
    // Nor through the inspector, which sets the whole unit.
    let mut fewer = f.doc.map().unit(unit).unwrap().clone();
    fewer.performance_criteria.truncate(2);
    let error = f
        .doc
        .apply(
            "edit",
            Edit::SetNode {
                id: unit,
                node: fewer.into(),
            },
        )
        .unwrap_err()
        .to_string();
    assert!(error.contains("P2 of NOS unit TST01"), "{error}");
    assert_eq!(f.doc.map(), &before);
    // A conflict naming a statement the unit never held is refused outright.
    let mut node = f.doc.map().node(unit).unwrap().clone();
    node.annotations_mut().conflicts[0].statement = Some(nosmap::model::StatementId::from_raw(999));
    let error = f
        .doc
        .apply("edit", Edit::SetNode { id: unit, node })
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("statement s999, which it does not hold"),
        "{error}"
    );
    // Once settled, the statement can go.
    settle(&mut f, "Keep ours");
    f.doc.apply("remove", remove).unwrap();
    assert!(f.doc.map().check_invariants().is_empty());
}
