//! Reviewers' comments as map data: anchored by id, undoable, saved canonically (version 7).
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::example;
use nosmap::edit::{Document, Edit};
use nosmap::model::{
    Comment, CommentAnchor, CommentId, CommentKind, Date, Disposition, Nation, NodeId,
    StatementList,
};

fn lnd() -> Document {
    Document::new(nosmap::io::load(&example("learning-and-development-2010.nosmap.ron")).unwrap())
}

fn first_unit_with_pcs(doc: &Document) -> NodeId {
    doc.map()
        .units()
        .find(|(_, u)| u.item_count(StatementList::PerformanceCriteria) >= 3)
        .map(|(id, _)| id)
        .unwrap()
}

fn comment_on(doc: &Document, unit: NodeId, index: usize) -> Comment {
    let statement = &doc.map().unit(unit).unwrap().performance_criteria[index];
    Comment {
        anchor: CommentAnchor::Statement(statement.id),
        made_on_label: format!("P{}", index + 1),
        made_on: statement.text.clone(),
        reviewer: "Ann Lee".into(),
        organisation: "Skills Wales".into(),
        stakeholder: "Government or agency".into(),
        nation: Nation::Wales,
        kind: CommentKind::Technical,
        text: "Say who agrees the plan.".into(),
        proposed_change: "Add “with the learner”.".into(),
        date: Date::new(2026, 11, 30),
        ..Comment::default()
    }
}

fn add_comment(doc: &mut Document, unit: NodeId, comment: Comment) {
    let node = doc.map().node(unit).unwrap().with_comments([comment]);
    doc.apply("comment", Edit::SetNode { id: unit, node })
        .unwrap();
}

#[test]
fn a_comment_gets_a_fresh_id_is_undone_and_redone_with_the_same_id() {
    let mut doc = lnd();
    let unit = first_unit_with_pcs(&doc);
    let before = doc.map().next_statement_id();
    let c = comment_on(&doc, unit, 1);
    add_comment(&mut doc, unit, c);
    let id = doc.map().node(unit).unwrap().comments()[0].id;
    assert!(id.is_assigned());
    assert_eq!(id.raw(), before.raw(), "drawn from the map's counter");
    doc.undo();
    assert!(doc.map().node(unit).unwrap().comments().is_empty());
    doc.redo();
    assert_eq!(doc.map().node(unit).unwrap().comments()[0].id, id);
    // A second comment never gets the first one's id, even after the first is undone.
    doc.undo();
    let c = comment_on(&doc, unit, 0);
    add_comment(&mut doc, unit, c);
    assert_ne!(doc.map().node(unit).unwrap().comments()[0].id, id);
}

#[test]
fn a_comment_stays_on_its_statement_when_the_list_is_reordered_or_reworded() {
    let mut doc = lnd();
    let unit = first_unit_with_pcs(&doc);
    let c = comment_on(&doc, unit, 1);
    add_comment(&mut doc, unit, c);
    let statement = doc.map().unit(unit).unwrap().performance_criteria[1].id;
    doc.apply(
        "reorder",
        Edit::MoveStatement {
            unit,
            list: StatementList::PerformanceCriteria,
            statement,
            to: 0,
        },
    )
    .unwrap();
    let node = doc.map().node(unit).unwrap();
    let comment = &node.comments()[0];
    assert_eq!(comment.anchor, CommentAnchor::Statement(statement));
    assert_eq!(
        nosmap::review::anchor_label(node, &comment.anchor).as_deref(),
        Some("P1"),
        "the comment follows its statement to P1"
    );
    assert_eq!(
        comment.made_on_label, "P2",
        "and remembers where it was made"
    );
}

#[test]
fn a_removed_statement_leaves_its_comment_with_the_words_it_was_made_on() {
    let mut doc = lnd();
    let unit = first_unit_with_pcs(&doc);
    let made_on = doc.map().unit(unit).unwrap().performance_criteria[2]
        .text
        .clone();
    let c = comment_on(&doc, unit, 2);
    add_comment(&mut doc, unit, c);
    let statement = doc.map().unit(unit).unwrap().performance_criteria[2].id;
    doc.apply(
        "remove",
        Edit::RemoveStatement {
            unit,
            list: StatementList::PerformanceCriteria,
            statement,
        },
    )
    .unwrap();
    let node = doc.map().node(unit).unwrap();
    assert_eq!(node.comments().len(), 1);
    assert_eq!(node.comments()[0].made_on, made_on);
    assert_eq!(
        nosmap::review::anchor_text(node, &node.comments()[0].anchor),
        None
    );
    doc.undo();
    let node = doc.map().node(unit).unwrap();
    assert_eq!(
        nosmap::review::anchor_text(node, &node.comments()[0].anchor),
        Some(made_on)
    );
}

#[test]
fn comments_are_saved_as_version_7_and_read_back_equal() {
    let mut doc = lnd();
    let unit = first_unit_with_pcs(&doc);
    let c = comment_on(&doc, unit, 0);
    add_comment(&mut doc, unit, c);
    let mut answered = comment_on(&doc, unit, 1);
    answered.anchor = CommentAnchor::Field("overview".into());
    answered.disposition = Disposition::AcceptedWithModification;
    answered.response = "Reworded the overview.".into();
    answered.decided_by = "Working group, 2 December".into();
    answered.nation = Nation::Unstated;
    add_comment(&mut doc, unit, answered);
    let root = doc.map().root();
    let on_root = Comment {
        text: "The key purpose is too long.".into(),
        kind: CommentKind::Editorial,
        ..Comment::default()
    };
    add_comment(&mut doc, root, on_root);

    let text = nosmap::io::to_string(doc.map()).unwrap();
    assert!(text.contains("version: 7"), "{}", &text[..200]);
    assert!(text.contains("disposition: AcceptedWithModification"));
    assert!(text.contains("nation: Wales"));
    let read = nosmap::io::from_str(&text, std::path::Path::new("m.nosmap.ron")).unwrap();
    assert_eq!(&read, doc.map());
    assert_eq!(nosmap::io::to_string(&read).unwrap(), text, "canonical");
    // Without comments the file is the version it was.
    let plain = lnd();
    assert!(
        nosmap::io::to_string(plain.map())
            .unwrap()
            .contains("version: 5")
    );
}

#[test]
fn a_file_giving_a_comment_a_statements_id_is_refused_at_its_line() {
    let mut doc = lnd();
    let unit = first_unit_with_pcs(&doc);
    let c = comment_on(&doc, unit, 0);
    add_comment(&mut doc, unit, c);
    let comment: CommentId = doc.map().node(unit).unwrap().comments()[0].id;
    let taken = doc.map().unit(unit).unwrap().performance_criteria[0].id;
    let text = nosmap::io::to_string(doc.map()).unwrap().replace(
        &format!("id: {},", comment.raw()),
        &format!("id: {},", taken.raw()),
    );
    let error = nosmap::io::from_str(&text, std::path::Path::new("m.nosmap.ron"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("m.nosmap.ron:"), "{error}");
    assert!(
        error.contains(&format!("comment id {}", taken.raw())),
        "{error}"
    );
}

#[test]
fn comments_travel_through_the_spreadsheet_layout_and_notes_typed_there_become_comments() {
    let mut doc = lnd();
    let unit = first_unit_with_pcs(&doc);
    let c = comment_on(&doc, unit, 1);
    add_comment(&mut doc, unit, c);
    let mut on_unit = comment_on(&doc, unit, 0);
    on_unit.anchor = CommentAnchor::Field("overview".into());
    on_unit.text = "=HYPERLINK(\"x\") is not a formula here".into();
    add_comment(&mut doc, unit, on_unit);
    let csv = nosmap::io::table::to_csv(doc.map()).unwrap();
    let path = std::path::Path::new("m.csv");
    let back = nosmap::io::table::from_csv(&csv, path).unwrap();
    assert_eq!(back, doc.map().with_statement_ids_in_order());

    // Someone types a remark into a unit's notes cell (a column only the key purpose uses).
    let mut rows: Vec<Vec<String>> = common::csv_rows(&csv);
    let header = rows[0].clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = rows
        .iter()
        .position(|r| r[at("id")] == unit.raw().to_string())
        .unwrap();
    rows[row][at("notes")] = "Check this unit against the 2024 regulations.".into();
    let mut writer = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        writer.write_record(r).unwrap();
    }
    let edited = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let back = nosmap::io::table::from_csv(&edited, path).unwrap();
    let comments = back.node(unit).unwrap().comments();
    assert_eq!(comments.len(), 3, "{comments:#?}");
    let note = comments.last().unwrap();
    assert_eq!(note.text, "Check this unit against the 2024 regulations.");
    assert_eq!(note.anchor, CommentAnchor::Whole);
    assert!(
        note.source.starts_with("notes column, line "),
        "{}",
        note.source
    );
}
