//! Identity: node and statement ids are never given to two different things in one map's life
//! (delete, undo, redo, paste, save and reload included); reordering keeps statement ids, so
//! what points at a statement (a finding's location, a dismissal) keeps pointing at it.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::collections::HashMap;
use std::path::Path;

use nosmap::analysis::checks::{CheckContext, check};
use nosmap::edit::{Document, Edit, clipboard};
use nosmap::io;
use nosmap::model::{
    Function, FunctionalMap, Node, NodeId, NodeKind, Statement, StatementId, StatementList, Unit,
    restate, statements_to_text,
};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Op {
    AddFunction(usize),
    AddUnit(usize, u8),
    Remove(usize),
    InsertStatement(usize, String),
    RemoveStatement(usize, usize),
    MoveStatement(usize, usize, usize),
    /// Edits a unit's knowledge as text: a line changed, one added.
    Restate(usize, usize, String),
    CopyPaste(usize, usize),
    Undo,
    Redo,
    SaveAndReload,
}

fn op() -> impl Strategy<Value = Op> {
    let pick = 0usize..1000;
    let text = "[a-z ]{1,10}";
    prop_oneof![
        pick.clone().prop_map(Op::AddFunction),
        (pick.clone(), 0u8..4).prop_map(|(a, n)| Op::AddUnit(a, n)),
        pick.clone().prop_map(Op::Remove),
        (pick.clone(), text).prop_map(|(a, t)| Op::InsertStatement(a, t)),
        (pick.clone(), pick.clone()).prop_map(|(a, b)| Op::RemoveStatement(a, b)),
        (pick.clone(), pick.clone(), pick.clone()).prop_map(|(a, b, c)| Op::MoveStatement(a, b, c)),
        (pick.clone(), pick.clone(), text).prop_map(|(a, b, t)| Op::Restate(a, b, t)),
        (pick.clone(), pick.clone()).prop_map(|(a, b)| Op::CopyPaste(a, b)),
        Just(Op::Undo),
        Just(Op::Redo),
        Just(Op::SaveAndReload),
    ]
}

fn pick<T: Copy>(items: &[T], seed: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[seed % items.len()])
}

/// What an id has meant: a node's kind, or the unit a statement belongs to.
#[derive(Default)]
struct Life {
    nodes: HashMap<NodeId, NodeKind>,
    statements: HashMap<StatementId, NodeId>,
}

impl Life {
    /// Records every id of `map`. Ids that were not in `before` are new to the map: after an
    /// ordinary edit they must never have been seen (a fresh id); after undo or redo they must be
    /// the same thing as when they were last seen (the same node or statement coming back).
    fn record(
        &mut self,
        before: &FunctionalMap,
        map: &FunctionalMap,
        restoring: bool,
    ) -> Result<(), String> {
        for (id, node) in map.nodes() {
            match self.nodes.get(&id) {
                Some(kind) if *kind != node.kind() => {
                    return Err(format!(
                        "node id {id} was a {kind:?}, now a {:?}",
                        node.kind()
                    ));
                }
                Some(_) if !before.contains(id) && !restoring => {
                    return Err(format!("node id {id} was given out a second time"));
                }
                _ => {
                    self.nodes.insert(id, node.kind());
                }
            }
            let Node::Unit(unit) = node else { continue };
            let existed: Vec<StatementId> = before
                .unit(id)
                .map(|u| u.statement_ids().collect())
                .unwrap_or_default();
            for statement in unit.statement_ids() {
                if !statement.is_assigned() {
                    return Err(format!("statement without an id in {id}"));
                }
                match self.statements.get(&statement) {
                    Some(owner) if *owner != id => {
                        return Err(format!(
                            "statement id {statement} belonged to {owner}, now to {id}"
                        ));
                    }
                    Some(_) if !existed.contains(&statement) && !restoring => {
                        return Err(format!("statement id {statement} was given out again"));
                    }
                    _ => {
                        self.statements.insert(statement, id);
                    }
                }
            }
        }
        Ok(())
    }
}

fn apply(doc: &mut Document, op: &Op) -> bool {
    let map = doc.map().clone();
    let holders: Vec<NodeId> = map
        .nodes()
        .filter(|(_, n)| n.kind() != NodeKind::Unit)
        .map(|(id, _)| id)
        .collect();
    let units: Vec<NodeId> = map.units().map(|(id, _)| id).collect();
    let removable: Vec<(NodeId, NodeId)> = map
        .walk()
        .into_iter()
        .filter_map(|(parent, id)| parent.map(|p| (id, p)))
        .collect();
    let knowledge = |unit: NodeId| map.unit(unit).unwrap().knowledge.clone();
    let edit = match op {
        Op::AddFunction(p) => {
            let Some(parent) = pick(&holders, *p) else {
                return false;
            };
            Edit::AddNode {
                id: map.next_free_id(),
                parent,
                index: 0,
                node: Function::new("F", "Plan the work").into(),
            }
        }
        Op::AddUnit(p, statements) => {
            let Some(parent) = pick(&holders, *p) else {
                return false;
            };
            let mut unit = Unit::new("", "Do the work");
            unit.performance_criteria = (0..*statements)
                .map(|i| Statement::item(format!("step {i}")))
                .collect();
            unit.values = vec![Statement::item("care")];
            Edit::AddNode {
                id: map.next_free_id(),
                parent,
                index: 0,
                node: unit.into(),
            }
        }
        Op::Remove(n) => {
            let Some((node, parent)) = pick(&removable, *n) else {
                return false;
            };
            Edit::Remove { node, parent }
        }
        Op::InsertStatement(u, text) => {
            let Some(unit) = pick(&units, *u) else {
                return false;
            };
            Edit::InsertStatement {
                unit,
                list: StatementList::Knowledge,
                index: 0,
                statement: Statement::item(text.as_str()),
            }
        }
        Op::RemoveStatement(u, s) => {
            let Some(unit) = pick(&units, *u) else {
                return false;
            };
            let ids: Vec<StatementId> = knowledge(unit).iter().map(|s| s.id).collect();
            let Some(statement) = pick(&ids, *s) else {
                return false;
            };
            Edit::RemoveStatement {
                unit,
                list: StatementList::Knowledge,
                statement,
            }
        }
        Op::MoveStatement(u, s, to) => {
            let Some(unit) = pick(&units, *u) else {
                return false;
            };
            let list = knowledge(unit);
            let ids: Vec<StatementId> = list.iter().map(|s| s.id).collect();
            let Some(statement) = pick(&ids, *s) else {
                return false;
            };
            Edit::MoveStatement {
                unit,
                list: StatementList::Knowledge,
                statement,
                to: to % list.len(),
            }
        }
        Op::Restate(u, line, text) => {
            let Some(unit) = pick(&units, *u) else {
                return false;
            };
            let old = knowledge(unit);
            let mut lines: Vec<String> =
                statements_to_text(&old).lines().map(String::from).collect();
            if !lines.is_empty() {
                let at = line % lines.len();
                lines[at] = format!("{} changed", lines[at]);
            }
            lines.push(text.clone());
            let mut content = map.unit(unit).unwrap().clone();
            content.knowledge = restate(&old, &lines.join("\n"));
            Edit::SetNode {
                id: unit,
                node: content.into(),
            }
        }
        Op::CopyPaste(n, p) => {
            let Some((node, _)) = pick(&removable, *n) else {
                return false;
            };
            let Some(parent) = pick(&holders, *p) else {
                return false;
            };
            let clip = clipboard::copy_branches(&map, &[node]);
            // Through the clipboard's text, as between windows.
            let text = io::to_string(&clip).unwrap();
            let clip = io::from_str(&text, Path::new("clip")).unwrap();
            let Ok(edits) = clipboard::paste_edits(&map, &clip, parent, 0) else {
                return false;
            };
            return doc
                .transact("paste", |d| {
                    for edit in edits {
                        d.apply("paste", edit)?;
                    }
                    Ok(())
                })
                .is_ok();
        }
        Op::Undo => return doc.undo().is_some(),
        Op::Redo => return doc.redo().is_some(),
        Op::SaveAndReload => {
            let text = io::to_string(doc.map()).unwrap();
            let loaded = io::from_str(&text, Path::new("reload.nosmap.ron")).unwrap();
            assert_eq!(loaded.next_free_id(), doc.map().next_free_id());
            assert_eq!(loaded.next_statement_id(), doc.map().next_statement_id());
            *doc = Document::new(loaded);
            return true;
        }
    };
    doc.apply("edit", edit).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn no_id_is_ever_given_to_two_different_nodes_or_statements(
        ops in proptest::collection::vec(op(), 1..60)
    ) {
        let mut doc = Document::new(common::small().doc.map().clone());
        let mut life = Life::default();
        life.record(doc.map(), doc.map(), false).unwrap();
        for op in &ops {
            let before = doc.map().clone();
            apply(&mut doc, op);
            let restoring = matches!(op, Op::Undo | Op::Redo | Op::SaveAndReload);
            if let Err(problem) = life.record(&before, doc.map(), restoring) {
                prop_assert!(false, "after {op:?}: {problem}");
            }
            prop_assert!(doc.map().check_invariants().is_empty());
        }
    }
}

fn criteria_ids(doc: &Document, unit: NodeId) -> Vec<StatementId> {
    doc.map()
        .unit(unit)
        .unwrap()
        .performance_criteria
        .iter()
        .map(|s| s.id)
        .collect()
}

#[test]
fn reordering_criteria_and_undoing_keeps_every_id_and_findings_follow_their_statement() {
    let mut s = common::small();
    let list = StatementList::PerformanceCriteria;
    // A criterion that does not start with a verb, so a finding points at it.
    s.doc
        .apply(
            "pc",
            Edit::InsertStatement {
                unit: s.u1,
                list,
                index: 2,
                statement: Statement::item("the goals are written down"),
            },
        )
        .unwrap();
    let before = criteria_ids(&s.doc, s.u1);
    let odd_one = before[2];
    let finding_on = |doc: &Document| {
        check(doc.map(), &CheckContext::draft(None))
            .findings
            .into_iter()
            .find(|f| f.rule == "verb-first" && f.node() == s.u1)
            .map(|f| f.location)
            .unwrap()
    };
    let located = finding_on(&s.doc);
    assert_eq!(located.statement_id(), Some(odd_one));
    assert!(
        s.doc.map().describe_location(&located).ends_with("› P3"),
        "{}",
        s.doc.map().describe_location(&located)
    );

    s.doc
        .apply(
            "move",
            Edit::MoveStatement {
                unit: s.u1,
                list,
                statement: odd_one,
                to: 0,
            },
        )
        .unwrap();
    let moved = criteria_ids(&s.doc, s.u1);
    assert_eq!(moved, [before[2], before[0], before[1]]);
    // The finding still names the same statement, now printed as P1.
    let located = finding_on(&s.doc);
    assert_eq!(located.statement_id(), Some(odd_one));
    assert!(s.doc.map().describe_location(&located).ends_with("› P1"));

    s.doc.undo().unwrap();
    assert_eq!(criteria_ids(&s.doc, s.u1), before);
    s.doc.redo().unwrap();
    assert_eq!(criteria_ids(&s.doc, s.u1), moved);
}

#[test]
fn a_dismissal_on_one_statement_leaves_the_others_and_travels_with_it() {
    let mut s = common::small();
    let list = StatementList::PerformanceCriteria;
    for (index, text) in [(0, "goals are agreed"), (1, "the progress is reviewed")] {
        s.doc
            .apply(
                "pc",
                Edit::InsertStatement {
                    unit: s.u1,
                    list,
                    index,
                    statement: Statement::item(text),
                },
            )
            .unwrap();
    }
    let verb_first = |doc: &Document| {
        check(doc.map(), &CheckContext::draft(None))
            .findings
            .into_iter()
            .filter(|f| f.rule == "verb-first" && f.node() == s.u1)
            .filter_map(|f| f.location.statement_id())
            .collect::<Vec<_>>()
    };
    let ids = criteria_ids(&s.doc, s.u1);
    assert_eq!(verb_first(&s.doc), [ids[0], ids[1]]);
    let node = s.doc.map().node(s.u1).unwrap().with_dismissal(
        "verb-first",
        Some(ids[1]),
        "quoted from the regulations",
    );
    s.doc
        .apply("dismiss", Edit::SetNode { id: s.u1, node })
        .unwrap();
    assert_eq!(verb_first(&s.doc), [ids[0]], "only P2 is set aside");
    // Reordered, the dismissal still covers the same statement.
    s.doc
        .apply(
            "move",
            Edit::MoveStatement {
                unit: s.u1,
                list,
                statement: ids[1],
                to: 0,
            },
        )
        .unwrap();
    assert_eq!(verb_first(&s.doc), [ids[0]]);
    // And it is saved in the annotations block with the statement's id.
    let text = io::to_string(s.doc.map()).unwrap();
    let block = &text[text.find("annotations: {").expect(&text)..];
    assert!(
        block.contains(&format!("statement: {}", ids[1].raw())),
        "{block}"
    );
    assert_eq!(
        io::from_str(&text, Path::new("x.nosmap.ron")).unwrap(),
        *s.doc.map()
    );
}

#[test]
fn a_deleted_nodes_id_stays_retired_after_save_and_reload() {
    let mut s = common::small();
    let newest = s.doc.map().nodes().map(|(id, _)| id).max().unwrap();
    let parent = s.doc.map().parents(newest)[0];
    s.doc
        .apply(
            "remove",
            Edit::Remove {
                node: newest,
                parent,
            },
        )
        .unwrap();
    let text = io::to_string(s.doc.map()).unwrap();
    let loaded = io::from_str(&text, Path::new("x.nosmap.ron")).unwrap();
    assert!(loaded.next_free_id() > newest, "{text}");
    let mut doc = Document::new(loaded);
    let fresh = common::add(&mut doc, s.a, Function::new("Z", "Plan again").into());
    assert!(fresh > newest);
}

#[test]
fn annotations_naming_what_is_not_in_the_map_are_dropped_with_a_note() {
    let text = std::fs::read_to_string(common::example("it-users-2015.nosmap.ron")).unwrap();
    let (unit, content) = io::from_str(&text, Path::new("x"))
        .unwrap()
        .units()
        .map(|(id, u)| (id, u.clone()))
        .find(|(_, u)| !u.performance_criteria.is_empty())
        .unwrap();
    let statement = content.performance_criteria[0].id.raw();
    let block = format!(
        "    annotations: {{\n        {unit_raw}: (\n            dismissed: [\n                (rule: \"verb-first\", statement: {statement}, reason: \"kept\"),\n                (rule: \"verb-first\", statement: 99999, reason: \"gone\"),\n            ],\n        ),\n        4242: (\n            dismissed: [(rule: \"verb-first\", reason: \"no node\")],\n        ),\n    }},\n)\n",
        unit_raw = unit.raw()
    );
    let text = format!("{}{block}", text.trim_end().strip_suffix(')').unwrap());
    let opened = io::open_str(&text, Path::new("x.nosmap.ron")).unwrap();
    let kept = opened.map.node(unit).unwrap().dismissed();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0].reason, "kept");
    assert_eq!(opened.notes.len(), 2, "{:?}", opened.notes);
    assert!(opened.notes.iter().any(|n| n.contains("node 4242")));
    assert!(opened.notes.iter().any(|n| n.contains("statement 99999")));
}

#[test]
fn dismissals_written_inside_nodes_by_version_4_move_to_the_annotations_block() {
    let v4 = std::fs::read_to_string(common::data("version4.nosmap.ron")).unwrap();
    let v4 = v4.replacen(
        "            statement: \"",
        "            dismissed: [(rule: \"verb-first\", reason: \"agreed wording\")],\n            statement: \"",
        1,
    );
    let map = io::from_str(&v4, Path::new("old.nosmap.ron")).unwrap();
    assert_eq!(map.node(map.root()).unwrap().dismissed().len(), 1);
    let text = io::to_string(&map).unwrap();
    let block = &text[text.find("annotations: {").expect(&text)..];
    assert!(block.contains("agreed wording"), "{block}");
    assert_eq!(text.matches("dismissed:").count(), 1, "only in the block");
}

#[test]
fn a_file_giving_two_statements_one_id_is_refused_naming_the_line() {
    let text = std::fs::read_to_string(common::example("it-users-2015.nosmap.ron")).unwrap();
    let broken = text.replacen("Item(2, ", "Item(1, ", 1);
    let error = io::from_str(&broken, Path::new("two.nosmap.ron")).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("statement id 1 is used twice"),
        "{message}"
    );
    assert!(message.starts_with("two.nosmap.ron:"), "{message}");
}

#[test]
fn a_conflict_on_a_statement_follows_it_into_a_pasted_copy() {
    use nosmap::model::{Conflict, KeyPurpose, Location, MapMeta};
    let mut s = common::small();
    let original = criteria_ids(&s.doc, s.u1)[1];
    let conflict = Conflict {
        what: "statement".into(),
        statement: Some(original),
        base: "record goals".into(),
        ours: "record goals".into(),
        theirs: "record the goals agreed".into(),
    };
    let node = s
        .doc
        .map()
        .node(s.u1)
        .unwrap()
        .with_conflict(conflict.clone());
    s.doc
        .apply("merge", Edit::SetNode { id: s.u1, node })
        .unwrap();
    let clip = clipboard::copy_branches(s.doc.map(), &[s.a1]);
    let clip = io::from_str(&io::to_string(&clip).unwrap(), Path::new("clip")).unwrap();
    // Another map whose statement ids have gone further, where the unit is new.
    let mut target = Document::new(FunctionalMap::new(
        MapMeta::new("Other"),
        KeyPurpose::new("Serve customers"),
    ));
    let kp = target.map().root();
    let mut busy = Unit::new("OTH01", "Greet customers");
    busy.performance_criteria = (0..20)
        .map(|i| Statement::item(format!("step {i}")))
        .collect();
    common::add(
        &mut target,
        kp,
        Node::Function(Function::new("A", "Welcome")),
    );
    let area = target.map().children(kp)[0];
    common::add(&mut target, area, busy.into());
    for edit in clipboard::paste_edits(target.map(), &clip, kp, 1).unwrap() {
        target.apply("paste", edit).unwrap();
    }
    let (pasted, unit) = target
        .map()
        .units()
        .find(|(_, u)| u.urn == "TST01")
        .unwrap();
    let renamed = unit.performance_criteria[1].id;
    assert_ne!(renamed, original, "a pasted copy is new: new ids");
    assert_eq!(
        target.map().node(pasted).unwrap().conflicts(),
        [Conflict {
            statement: Some(renamed),
            ..conflict
        }]
    );
    let found = check(target.map(), &CheckContext::draft(None))
        .findings
        .into_iter()
        .find(|f| f.rule == "merge-conflict")
        .unwrap();
    assert_eq!(found.location, Location::statement(pasted, renamed));
    assert!(
        found.message.starts_with("Both changed P2:"),
        "{}",
        found.message
    );
}
