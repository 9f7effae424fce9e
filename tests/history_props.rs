//! Property tests: random edit sequences keep the model sound, undo back to the start exactly,
//! redo forward to the end exactly, and survive a save/load round trip.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::random_edits::{op, to_edit};
use nosmap::edit::{Document, Edit};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn undo_all_restores_the_start_and_redo_all_the_end(ops in proptest::collection::vec(op(), 1..40)) {
        let start = common::small().doc.map().clone();
        let mut doc = Document::new(start.clone());
        for (i, op) in ops.iter().enumerate() {
            let Some(edit) = to_edit(doc.map(), op) else { continue };
            let before = doc.map().clone();
            // Every third step groups its edit in a transaction with a harmless second edit.
            let result = if i % 3 == 0 {
                doc.transact("pair", |d| {
                    d.apply("edit", edit.clone())?;
                    let meta = d.map().meta().clone();
                    d.apply("meta", Edit::SetMeta(meta))
                })
            } else {
                doc.apply("edit", edit.clone())
            };
            if result.is_err() {
                prop_assert_eq!(doc.map(), &before, "a refused edit changed the map: {:?}", edit);
            }
            let problems = doc.map().check_invariants();
            prop_assert!(problems.is_empty(), "after {:?}: {:?}", edit, problems);
        }
        let end = doc.map().clone();
        while doc.undo().is_some() {
            prop_assert!(doc.map().check_invariants().is_empty());
        }
        prop_assert_eq!(doc.map(), &start);
        prop_assert!(!doc.is_dirty());
        while doc.redo().is_some() {
            prop_assert!(doc.map().check_invariants().is_empty());
        }
        prop_assert_eq!(doc.map(), &end);

        // And the end state survives the file format unchanged.
        let text = nosmap::io::to_string(&end).unwrap();
        let loaded = nosmap::io::from_str(&text, std::path::Path::new("prop.nosmap.ron")).unwrap();
        prop_assert_eq!(&loaded, &end);
        prop_assert_eq!(nosmap::io::to_string(&loaded).unwrap(), text);
    }
}
