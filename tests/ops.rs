//! The editor's commands as edits: new child/sibling, rename, reorder, promote/demote, copy and
//! paste of branches, find.
#![allow(clippy::unwrap_used)]

mod common;

use common::{add, small};
use nosmap::analysis::find;
use nosmap::edit::clipboard::{copy_branches, paste_edits};
use nosmap::edit::ops::{
    default_child_kind, demote, new_child, new_sibling, promote, rename, reorder,
};
use nosmap::edit::{Document, EditError};
use nosmap::model::{Function, FunctionalMap, KeyPurpose, MapMeta, NodeKind, Unit};

#[test]
fn a_new_child_takes_the_kind_the_level_calls_for() {
    let s = small();
    let map = s.doc.map();
    assert_eq!(
        default_child_kind(map, s.kp),
        Some(NodeKind::Function),
        "key areas"
    );
    assert_eq!(
        default_child_kind(map, s.a1),
        Some(NodeKind::Unit),
        "like its units"
    );
    assert_eq!(
        default_child_kind(map, s.b),
        Some(NodeKind::Unit),
        "like its unit"
    );
    assert_eq!(default_child_kind(map, s.u1), None, "units are leaves");

    // An empty key area: "Function" is named below "Key area", so a function comes next; below the
    // last named level come units.
    let mut doc = Document::new(FunctionalMap::new(MapMeta::new("M"), KeyPurpose::new("P")));
    let root = doc.map().root();
    let area = add(&mut doc, root, Function::new("", "Area").into());
    assert_eq!(
        default_child_kind(doc.map(), area),
        Some(NodeKind::Function)
    );
    let function = add(&mut doc, area, Function::new("", "Function").into());
    assert_eq!(
        default_child_kind(doc.map(), function),
        Some(NodeKind::Unit)
    );
}

#[test]
fn new_children_and_siblings_land_where_asked() {
    let mut s = small();
    let (id, edit) = new_child(s.doc.map(), s.a1, NodeKind::Unit, "Brief your team").unwrap();
    s.doc.apply("new", edit).unwrap();
    assert_eq!(s.doc.map().children(s.a1).last(), Some(&id));
    assert_eq!(s.doc.map().node(id).unwrap().title(), "Brief your team");

    let (sibling, edit) = new_sibling(s.doc.map(), s.u1, Some(s.a1), "Next").unwrap();
    s.doc.apply("sibling", edit).unwrap();
    assert_eq!(s.doc.map().children(s.a1)[1], sibling, "right after U1");
    assert_eq!(s.doc.map().node(sibling).unwrap().kind(), NodeKind::Unit);

    assert!(
        new_sibling(s.doc.map(), s.kp, None, "x").is_err(),
        "no sibling for the key purpose"
    );
    let (_, edit) = new_child(s.doc.map(), s.u1, NodeKind::Unit, "x").unwrap();
    assert!(matches!(
        s.doc.apply("x", edit),
        Err(EditError::ChildUnderUnit { .. })
    ));
}

#[test]
fn rename_is_one_edit_and_nothing_when_unchanged() {
    let mut s = small();
    assert!(rename(s.doc.map(), s.a, "Plan work").is_none());
    let edit = rename(s.doc.map(), s.a, "Plan the work").unwrap();
    s.doc.apply("rename", edit).unwrap();
    assert_eq!(s.doc.map().node(s.a).unwrap().title(), "Plan the work");
    assert_eq!(
        s.doc.map().node(s.a).unwrap().as_function().unwrap().code,
        "A",
        "other fields kept"
    );
    s.doc.undo();
    assert_eq!(s.doc.map().node(s.a).unwrap().title(), "Plan work");
}

#[test]
fn reorder_moves_one_place_and_stops_at_the_ends() {
    let mut s = small();
    assert!(reorder(s.doc.map(), s.u1, s.a1, true).is_none());
    assert!(reorder(s.doc.map(), s.u2, s.a1, false).is_none());
    let edit = reorder(s.doc.map(), s.u1, s.a1, false).unwrap();
    s.doc.apply("down", edit).unwrap();
    assert_eq!(s.doc.map().children(s.a1), &[s.u2, s.u1]);
}

#[test]
fn promote_and_demote_follow_the_rules() {
    let mut s = small();
    // U1 out of A1 goes right after A1 under A.
    let edit = promote(s.doc.map(), s.u1, s.a1).unwrap();
    s.doc.apply("promote", edit).unwrap();
    assert_eq!(s.doc.map().children(s.a), &[s.a1, s.u1]);
    // Back into A1, the function just before it.
    let edit = demote(s.doc.map(), s.u1, s.a).unwrap();
    s.doc.apply("demote", edit).unwrap();
    assert_eq!(
        s.doc.map().children(s.a1),
        &[s.u2, s.u1],
        "at the end of A1"
    );

    // A key area cannot go above the key purpose; the first child has nothing to go into.
    let refused = promote(s.doc.map(), s.a, s.kp).unwrap_err();
    assert!(
        refused.to_string().contains("cannot move higher"),
        "{refused}"
    );
    let refused = demote(s.doc.map(), s.a, s.kp).unwrap_err();
    assert!(
        refused.to_string().contains("no function just before"),
        "{refused}"
    );
    // B's unit U3 cannot go into U-something: units hold nothing.
    let u4 = add(&mut s.doc, s.b, Unit::new("TST04", "Four").into());
    assert!(
        demote(s.doc.map(), u4, s.b).is_err(),
        "the unit before is not a function"
    );
}

#[test]
fn copy_and_paste_within_a_map_shares_units_and_copies_functions() {
    let mut s = small();
    let clip = copy_branches(s.doc.map(), &[s.a1]);
    let edits = paste_edits(s.doc.map(), &clip, s.b, 1).unwrap();
    let before = s.doc.map().len();
    s.doc
        .transact("paste", |doc| {
            for edit in edits {
                doc.apply("paste", edit)?;
            }
            Ok(())
        })
        .unwrap();
    let map = s.doc.map();
    assert!(map.check_invariants().is_empty());
    let pasted = map.children(s.b)[1];
    assert_ne!(pasted, s.a1, "a function is copied under a new id");
    assert_eq!(map.node(pasted).unwrap().title(), "Agree objectives");
    assert_eq!(
        map.children(pasted),
        &[s.u1, s.u2],
        "units with the same URN are placed again, not duplicated"
    );
    assert_eq!(map.len(), before + 1);
    s.doc.undo();
    assert_eq!(s.doc.map().len(), before);
}

#[test]
fn a_copy_goes_through_text_into_another_map() {
    let s = small();
    let clip = copy_branches(s.doc.map(), &[s.a, s.a1]);
    assert_eq!(clip.children(clip.root()).len(), 1, "A1 is inside A");
    let text = nosmap::io::to_string(&clip).unwrap();
    let read = nosmap::io::from_str(&text, std::path::Path::new("clipboard")).unwrap();
    assert_eq!(read, clip);

    let mut other = Document::new(FunctionalMap::new(
        MapMeta::new("Other"),
        KeyPurpose::new("P"),
    ));
    let root = other.map().root();
    for edit in paste_edits(other.map(), &read, root, 0).unwrap() {
        other.apply("paste", edit).unwrap();
    }
    let map = other.map();
    assert!(map.check_invariants().is_empty());
    let area = map.children(root)[0];
    assert_eq!(map.node(area).unwrap().title(), "Plan work");
    let function = map.children(area)[0];
    let units: Vec<&str> = map
        .children(function)
        .iter()
        .map(|&u| map.unit(u).unwrap().urn.as_str())
        .collect();
    assert_eq!(units, ["TST01", "TST02"]);
    let unit = map.unit(map.children(function)[0]).unwrap();
    assert_eq!(unit.performance_criteria.len(), 2, "the whole unit travels");
}

#[test]
fn copying_the_key_purpose_copies_what_is_below_it() {
    let s = small();
    let clip = copy_branches(s.doc.map(), &[s.kp]);
    let titles: Vec<&str> = clip
        .children(clip.root())
        .iter()
        .map(|&c| clip.node(c).unwrap().title())
        .collect();
    assert_eq!(titles, ["Plan work", "Deliver work"]);
    let empty = copy_branches(s.doc.map(), &[]);
    assert!(paste_edits(s.doc.map(), &empty, s.kp, 0).is_err());
}

#[test]
fn find_matches_titles_urns_and_codes_in_map_order() {
    let s = small();
    let map = s.doc.map();
    // Node matches are locations of whole nodes (statements can match too, see find's tests).
    let nodes = |query: &str| -> Vec<_> {
        find(map, query)
            .into_iter()
            .filter(|found| found.statement_id().is_none())
            .map(|found| found.node)
            .collect()
    };
    assert_eq!(nodes("objectives"), vec![s.a1, s.u1, s.u2]);
    assert_eq!(nodes("tst03"), vec![s.u3]);
    assert_eq!(nodes("A1"), vec![s.a1]);
    assert_eq!(
        nodes("review OBJECTIVES"),
        vec![s.u2],
        "every word, any case"
    );
    assert!(find(map, "   ").is_empty());
}
