//! Edits and history: each refusal, undo/redo, transactions, the saved marker.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::{add, small};
use nosmap::edit::{Branch, Document, Edit, EditError};
use nosmap::model::{Function, KeyPurpose, Node, Statement, StatementId, StatementList, Unit};

fn assert_sound(doc: &Document) {
    assert_eq!(doc.map().check_invariants(), Vec::<String>::new());
}

#[test]
fn refuses_a_cycle_and_changes_nothing() {
    let mut s = small();
    let before = s.doc.map().clone();
    let error = s
        .doc
        .apply(
            "move",
            Edit::Move {
                node: s.a,
                from: s.kp,
                to: s.a1,
                index: 0,
            },
        )
        .unwrap_err();
    assert!(matches!(error, EditError::Cycle { .. }));
    assert!(error.to_string().contains("cycle"), "{error}");
    assert_eq!(s.doc.map(), &before);
    assert!(!s.doc.can_undo() || s.doc.undo_label() == Some("add"));
}

#[test]
fn refuses_a_second_root() {
    let mut s = small();
    let id = s.doc.map().next_free_id();
    let node = Node::KeyPurpose(KeyPurpose::default());
    let error = s
        .doc
        .apply(
            "add",
            Edit::AddNode {
                id,
                parent: s.kp,
                index: 0,
                node,
            },
        )
        .unwrap_err();
    assert_eq!(error, EditError::SecondRoot);
    assert!(error.to_string().contains("exactly one key purpose"));
}

#[test]
fn refuses_a_child_under_a_unit() {
    let mut s = small();
    let id = s.doc.map().next_free_id();
    let error = s
        .doc
        .apply(
            "add",
            Edit::AddNode {
                id,
                parent: s.u1,
                index: 0,
                node: Function::new("X", "Nope").into(),
            },
        )
        .unwrap_err();
    assert!(matches!(error, EditError::ChildUnderUnit { .. }));
    assert!(error.to_string().contains("TST01"), "{error}");
    let error = s
        .doc
        .apply(
            "move",
            Edit::Move {
                node: s.u3,
                from: s.b,
                to: s.u1,
                index: 0,
            },
        )
        .unwrap_err();
    assert!(matches!(error, EditError::ChildUnderUnit { .. }));
}

#[test]
fn refuses_anything_above_the_key_purpose() {
    let mut s = small();
    let moved = s.doc.apply(
        "move",
        Edit::Move {
            node: s.kp,
            from: s.a,
            to: s.a,
            index: 0,
        },
    );
    assert_eq!(moved.unwrap_err(), EditError::AboveKeyPurpose);
    let removed = s.doc.apply(
        "remove",
        Edit::Remove {
            node: s.kp,
            parent: s.a,
        },
    );
    assert_eq!(removed.unwrap_err(), EditError::AboveKeyPurpose);
    let placed = s.doc.apply(
        "place",
        Edit::Place {
            unit: s.kp,
            parent: s.a,
            index: 0,
        },
    );
    assert_eq!(placed.unwrap_err(), EditError::AboveKeyPurpose);
    let branch = Branch {
        top: s.kp,
        nodes: vec![],
        edges: vec![],
    };
    let inserted = s.doc.apply(
        "paste",
        Edit::InsertBranch {
            parent: s.a,
            index: 0,
            branch,
        },
    );
    assert_eq!(inserted.unwrap_err(), EditError::AboveKeyPurpose);
}

#[test]
fn refuses_a_duplicate_placement() {
    let mut s = small();
    s.doc
        .apply(
            "place",
            Edit::Place {
                unit: s.u1,
                parent: s.b,
                index: 0,
            },
        )
        .unwrap();
    let again = s
        .doc
        .apply(
            "place",
            Edit::Place {
                unit: s.u1,
                parent: s.b,
                index: 1,
            },
        )
        .unwrap_err();
    assert!(matches!(again, EditError::DuplicatePlacement { .. }));
    assert!(again.to_string().contains("already placed"));
    let moved = s
        .doc
        .apply(
            "move",
            Edit::Move {
                node: s.u1,
                from: s.a1,
                to: s.b,
                index: 0,
            },
        )
        .unwrap_err();
    assert!(matches!(moved, EditError::DuplicatePlacement { .. }));
}

#[test]
fn refuses_sharing_a_function() {
    let mut s = small();
    let error = s
        .doc
        .apply(
            "place",
            Edit::Place {
                unit: s.a1,
                parent: s.b,
                index: 0,
            },
        )
        .unwrap_err();
    assert!(matches!(error, EditError::OnlyUnitsShare { .. }));
}

#[test]
fn refuses_a_kind_change_and_bad_positions() {
    let mut s = small();
    let error = s
        .doc
        .apply(
            "set",
            Edit::SetNode {
                id: s.a,
                node: Unit::new("X", "x").into(),
            },
        )
        .unwrap_err();
    assert!(matches!(error, EditError::KindMismatch { .. }));
    let error = s
        .doc
        .apply(
            "stmt",
            Edit::RemoveStatement {
                unit: s.u2,
                list: StatementList::Knowledge,
                statement: StatementId::from_raw(1),
            },
        )
        .unwrap_err();
    assert!(matches!(error, EditError::UnknownStatement { .. }));
    let error = s
        .doc
        .apply(
            "move",
            Edit::Move {
                node: s.b,
                from: s.kp,
                to: s.kp,
                index: 2,
            },
        )
        .unwrap_err();
    assert!(matches!(error, EditError::IndexOutOfRange { .. }));
}

#[test]
fn sibling_order_is_kept_and_reorder_undoes() {
    let mut s = small();
    assert_eq!(s.doc.map().children(s.a1), [s.u1, s.u2]);
    s.doc
        .apply(
            "reorder",
            Edit::Move {
                node: s.u2,
                from: s.a1,
                to: s.a1,
                index: 0,
            },
        )
        .unwrap();
    assert_eq!(s.doc.map().children(s.a1), [s.u2, s.u1]);
    s.doc.undo();
    assert_eq!(s.doc.map().children(s.a1), [s.u1, s.u2]);
}

#[test]
fn removing_a_shared_unit_placement_keeps_the_unit() {
    let mut s = small();
    s.doc
        .apply(
            "place",
            Edit::Place {
                unit: s.u1,
                parent: s.b,
                index: 1,
            },
        )
        .unwrap();
    assert_eq!(
        s.doc.map().parents(s.u1),
        vec![s.b, s.a1],
        "parents come in id order"
    );
    // Removing area A takes A1 with it, but U1 survives under B.
    s.doc
        .apply(
            "delete",
            Edit::Remove {
                node: s.a,
                parent: s.kp,
            },
        )
        .unwrap();
    assert_sound(&s.doc);
    assert!(!s.doc.map().contains(s.a1));
    assert!(!s.doc.map().contains(s.u2));
    assert_eq!(s.doc.map().parents(s.u1), vec![s.b]);
    s.doc.undo();
    assert_sound(&s.doc);
    assert_eq!(s.doc.map().children(s.a1), [s.u1, s.u2]);
    assert_eq!(s.doc.map().children(s.b), [s.u3, s.u1]);
}

#[test]
fn statements_edit_and_undo() {
    let mut s = small();
    let list = StatementList::PerformanceCriteria;
    s.doc
        .apply(
            "pc",
            Edit::InsertStatement {
                unit: s.u1,
                list,
                index: 0,
                statement: Statement::heading("Planning"),
            },
        )
        .unwrap();
    s.doc
        .apply(
            "pc",
            Edit::MoveStatement {
                unit: s.u1,
                list,
                statement: s.doc.map().unit(s.u1).unwrap().performance_criteria[2].id,
                to: 1,
            },
        )
        .unwrap();
    s.doc
        .apply(
            "pc",
            Edit::SetStatement {
                unit: s.u1,
                list,
                statement: Statement::item("write down goals")
                    .with_id(s.doc.map().unit(s.u1).unwrap().performance_criteria[1].id),
            },
        )
        .unwrap();
    let unit = s.doc.map().unit(s.u1).unwrap();
    assert_eq!(
        unit.performance_criteria
            .iter()
            .map(|s| s.text())
            .collect::<Vec<_>>(),
        ["Planning", "write down goals", "agree goals"]
    );
    while s.doc.is_dirty() {
        s.doc.undo().unwrap();
    }
    let unit = s.doc.map().unit(s.u1).unwrap();
    assert_eq!(
        unit.performance_criteria
            .iter()
            .map(|s| s.text())
            .collect::<Vec<_>>(),
        ["agree goals", "record goals"]
    );
}

#[test]
fn transactions_are_one_step_and_roll_back_on_error() {
    let mut s = small();
    let before = s.doc.map().clone();
    s.doc
        .transact("paste two", |doc| {
            add(doc, s.b, Unit::new("T4", "Four").into());
            add(doc, s.b, Unit::new("T5", "Five").into());
            Ok(())
        })
        .unwrap();
    assert_eq!(s.doc.map().children(s.b).len(), 3);
    assert_eq!(s.doc.undo().as_deref(), Some("paste two"));
    assert_eq!(s.doc.map(), &before);
    assert_eq!(s.doc.redo().as_deref(), Some("paste two"));
    assert_eq!(s.doc.map().children(s.b).len(), 3);

    let after_redo = s.doc.map().clone();
    let result = s.doc.transact("half", |doc| {
        add(doc, s.b, Unit::new("T6", "Six").into());
        doc.apply(
            "bad",
            Edit::Move {
                node: s.a,
                from: s.kp,
                to: s.a1,
                index: 0,
            },
        )
    });
    assert!(result.is_err());
    assert_eq!(
        s.doc.map(),
        &after_redo,
        "the failed transaction left changes behind"
    );
    assert_eq!(s.doc.undo_label(), Some("paste two"));
}

#[test]
fn saved_marker_follows_undo_and_redo() {
    let mut s = small();
    assert!(!s.doc.is_dirty());
    s.doc
        .apply(
            "meta",
            Edit::SetMeta(nosmap::model::MapMeta::new("Renamed")),
        )
        .unwrap();
    assert!(s.doc.is_dirty());
    s.doc.undo();
    assert!(!s.doc.is_dirty());
    s.doc.redo();
    assert!(s.doc.is_dirty());
    s.doc.mark_saved();
    assert!(!s.doc.is_dirty());
    s.doc.undo();
    assert!(s.doc.is_dirty());
    // A new edit after undo discards the redo branch; the saved state is then unreachable.
    s.doc
        .apply("meta", Edit::SetMeta(nosmap::model::MapMeta::new("Other")))
        .unwrap();
    assert!(!s.doc.can_redo());
    assert!(s.doc.is_dirty());
}

#[test]
fn undo_limit_forgets_the_oldest_steps() {
    let s = small();
    let mut doc = Document::with_undo_limit(s.doc.map().clone(), 3);
    for i in 0..5 {
        let mut meta = doc.map().meta().clone();
        meta.title = format!("t{i}");
        doc.apply("meta", Edit::SetMeta(meta)).unwrap();
    }
    let mut undone = 0;
    while doc.undo().is_some() {
        undone += 1;
    }
    assert_eq!(undone, 3);
    assert_eq!(doc.map().meta().title, "t1");
    assert!(doc.is_dirty());
}

#[test]
fn a_pasted_branch_can_reuse_an_existing_unit() {
    let mut s = small();
    let f = s.doc.map().next_free_id();
    let branch = Branch {
        top: f,
        nodes: vec![(f, Function::new("C", "Copied area").into())],
        edges: vec![(f, s.u3)],
    };
    s.doc
        .apply(
            "paste",
            Edit::InsertBranch {
                parent: s.kp,
                index: 2,
                branch,
            },
        )
        .unwrap();
    assert_sound(&s.doc);
    assert_eq!(s.doc.map().parents(s.u3), vec![s.b, f]);
    s.doc.undo();
    assert_sound(&s.doc);
    assert_eq!(s.doc.map().parents(s.u3), vec![s.b]);
    assert!(!s.doc.map().contains(f));
}

#[test]
fn a_read_only_document_refuses_every_edit_with_its_sentence() {
    let s = small();
    let why = "The catalogue is open as a reference: copy a unit into your own map to change it.";
    let mut doc = Document::read_only(s.doc.map().clone(), why);
    let before = doc.map().clone();
    let error = doc
        .apply(
            "retitle",
            Edit::SetNode {
                id: s.u1,
                node: Unit::new("TST01", "Changed").into(),
            },
        )
        .unwrap_err();
    assert_eq!(error.to_string(), why);
    assert!(
        doc.transact("two", |d| d
            .apply("meta", Edit::SetMeta(d.map().meta().clone())))
            .is_err()
    );
    assert_eq!(doc.map(), &before);
    assert!(!doc.can_undo() && !doc.is_dirty());
    assert_eq!(doc.read_only_reason(), Some(why));
}

#[test]
fn refuses_a_conflict_on_a_statement_that_is_not_there_and_removing_one_in_conflict() {
    use nosmap::model::Conflict;
    let mut s = small();
    let on = |statement| Conflict {
        what: "statement".into(),
        statement: Some(statement),
        theirs: "record the goals".into(),
        ..Conflict::default()
    };
    // A new unit, or a pasted branch, naming a statement it does not hold.
    let mut unit = Unit::new("TST09", "Close objectives");
    unit.annotations.conflicts = vec![on(StatementId::from_raw(777))];
    let before = s.doc.map().clone();
    let id = s.doc.map().next_free_id();
    let error = s
        .doc
        .apply(
            "add",
            Edit::AddNode {
                id,
                parent: s.a1,
                index: 0,
                node: unit.clone().into(),
            },
        )
        .unwrap_err();
    assert!(
        matches!(error, EditError::ConflictWithoutStatement { statement, .. } if statement.raw() == 777),
        "{error}"
    );
    let error = s
        .doc
        .apply(
            "paste",
            Edit::InsertBranch {
                parent: s.a1,
                index: 0,
                branch: Branch {
                    top: id,
                    nodes: vec![(id, unit.into())],
                    edges: Vec::new(),
                },
            },
        )
        .unwrap_err();
    assert!(
        matches!(error, EditError::ConflictWithoutStatement { .. }),
        "{error}"
    );
    // A function holds no statements at all.
    let mut function = s.doc.map().node(s.a1).unwrap().clone();
    let statement = s.doc.map().unit(s.u1).unwrap().performance_criteria[1].id;
    function.annotations_mut().conflicts = vec![on(statement)];
    let error = s
        .doc
        .apply(
            "edit",
            Edit::SetNode {
                id: s.a1,
                node: function,
            },
        )
        .unwrap_err();
    assert!(
        matches!(error, EditError::ConflictWithoutStatement { .. }),
        "{error}"
    );
    assert_eq!(s.doc.map(), &before);

    // A statement in conflict stays until the conflict is settled; undo brings it all back.
    let node = s.doc.map().node(s.u1).unwrap().with_conflict(on(statement));
    s.doc
        .apply("merge", Edit::SetNode { id: s.u1, node })
        .unwrap();
    let remove = Edit::RemoveStatement {
        unit: s.u1,
        list: StatementList::PerformanceCriteria,
        statement,
    };
    let error = s.doc.apply("remove", remove.clone()).unwrap_err();
    assert_eq!(
        error,
        EditError::StatementInConflict {
            statement: "P2".into(),
            unit: "NOS unit TST01 “Agree objectives with your team”".into(),
        }
    );
    assert!(
        error.to_string().starts_with("P2 of NOS unit TST01"),
        "{error}"
    );
    let settled = s
        .doc
        .map()
        .node(s.u1)
        .unwrap()
        .without_conflict(&on(statement));
    s.doc
        .apply(
            "keep ours",
            Edit::SetNode {
                id: s.u1,
                node: settled,
            },
        )
        .unwrap();
    s.doc.apply("remove", remove).unwrap();
    assert_sound(&s.doc);
    s.doc.undo();
    s.doc.undo();
    assert_eq!(s.doc.map().node(s.u1).unwrap().conflicts(), [on(statement)]);
    assert_sound(&s.doc);
}

/// A chain of functions under the key purpose down to `depth`; the deepest function's id.
fn chain_down_to(doc: &mut Document, depth: usize) -> nosmap::model::NodeId {
    let mut parent = doc.map().root();
    for level in 1..=depth {
        parent = add(
            doc,
            parent,
            Function::new("", format!("level {level}")).into(),
        );
    }
    parent
}

/// Issue 21, hole 9: no edit takes a map past `MAX_DEPTH` levels (the loaders refuse such files;
/// exports of deeper maps grew with the square of their depth). Adding, placing, inserting a
/// branch and moving a branch are each refused with the depth and the limit, and change nothing.
#[test]
fn no_edit_takes_a_map_deeper_than_the_limit() {
    use nosmap::model::MAX_DEPTH;
    let mut s = small();
    let bottom = chain_down_to(&mut s.doc, MAX_DEPTH);
    let above = s.doc.map().parents(bottom)[0];
    assert_sound(&s.doc);
    let before = s.doc.map().clone();
    let too_deep = |error: EditError, depth: usize| {
        assert!(
            matches!(error, EditError::TooDeep { depth: d, limit, .. } if d == depth && limit == MAX_DEPTH),
            "{error:?}"
        );
        assert!(
            error
                .to_string()
                .contains(&format!("{depth} levels below the key purpose")),
            "{error}"
        );
    };

    let id = s.doc.map().next_free_id();
    let add_under_bottom = Edit::AddNode {
        id,
        parent: bottom,
        index: 0,
        node: Unit::new("DEEP01", "Too deep").into(),
    };
    too_deep(
        s.doc.apply("add", add_under_bottom).unwrap_err(),
        MAX_DEPTH + 1,
    );

    let place = Edit::Place {
        unit: s.u3,
        parent: bottom,
        index: 0,
    };
    too_deep(s.doc.apply("place", place).unwrap_err(), MAX_DEPTH + 1);

    // Branch a spans three levels (a, a1, its units): under the function above the bottom
    // its units would sit two levels too deep.
    let move_a = |to| Edit::Move {
        node: s.a,
        from: s.kp,
        to,
        index: 0,
    };
    too_deep(
        s.doc.apply("move", move_a(above)).unwrap_err(),
        MAX_DEPTH + 2,
    );
    assert_eq!(s.doc.map(), &before);

    let second = s.doc.map().next_free_id();
    let branch = Branch {
        top: second,
        nodes: vec![
            (second, Function::new("", "pasted").into()),
            (second.next(), Unit::new("DEEP02", "Pasted unit").into()),
        ],
        edges: vec![(second, second.next())],
    };
    let insert = Edit::InsertBranch {
        parent: bottom,
        index: 0,
        branch: branch.clone(),
    };
    too_deep(s.doc.apply("paste", insert).unwrap_err(), MAX_DEPTH + 2);
    assert_eq!(s.doc.map(), &before);

    // What fits still goes in: the same two-level branch one level up, a unit moved and a
    // unit placed to depth exactly MAX_DEPTH.
    let grandparent = s.doc.map().parents(above)[0];
    s.doc
        .apply(
            "paste",
            Edit::InsertBranch {
                parent: grandparent,
                index: 0,
                branch,
            },
        )
        .unwrap();
    s.doc
        .apply(
            "place",
            Edit::Place {
                unit: s.u3,
                parent: above,
                index: 0,
            },
        )
        .unwrap();
    s.doc
        .apply(
            "move",
            Edit::Move {
                node: s.u2,
                from: s.a1,
                to: above,
                index: 0,
            },
        )
        .unwrap();
    assert_eq!(s.doc.map().depth(s.u2), MAX_DEPTH);
    assert_sound(&s.doc);
}
