//! Hostile or broken input never panics or hangs: each gives a clear error, with a location where
//! possible. Also a short fuzz pass (proptest) over random bytes and mutated map files; the
//! cargo-fuzz targets in fuzz/ run the same loaders for longer.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;

use nosmap::io::{self, LoadError};
use proptest::prelude::*;

fn load_text(text: &str) -> Result<nosmap::model::FunctionalMap, LoadError> {
    io::from_str(text, Path::new("hostile.nosmap.ron"))
}

fn example_text() -> String {
    std::fs::read_to_string(common::example("it-users-2015.nosmap.ron")).unwrap()
}

#[test]
fn deep_nesting_is_refused_with_a_location() {
    let deep = format!(
        "(format: \"nosmap\", version: 3, map: {}",
        "[".repeat(100_000)
    );
    let error = load_text(&deep).unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, LoadError::Syntax { line: 1, .. }),
        "{message}"
    );
    assert!(message.contains("nested too deeply"), "{message}");
}

#[test]
fn huge_strings_load_without_trouble() {
    let text = example_text().replacen(
        "title: \"Data\"",
        &format!("title: \"{}\"", "x".repeat(8_000_000)),
        1,
    );
    let map = load_text(&text).unwrap();
    assert!(map.nodes().any(|(_, n)| n.title().len() == 8_000_000));
}

#[test]
fn a_file_of_several_gigabytes_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.nosmap.ron");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: takes no space on disk, but reports 3 GiB.
    file.set_len(3 * 1024 * 1024 * 1024).unwrap();
    let error = io::load(&path).unwrap_err();
    assert!(matches!(error, LoadError::TooLarge { .. }), "{error}");
    assert!(error.to_string().contains("huge.nosmap.ron"));
}

#[test]
fn binary_junk_and_invalid_utf8_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("junk.nosmap.ron");
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &junk).unwrap();
    let error = io::load(&path).unwrap_err();
    assert!(
        matches!(error, LoadError::NotText { .. } | LoadError::Syntax { .. }),
        "{error}"
    );
    let bytes = b"(\n    format: \"nosmap\",\n    map: (title: \"\xff\xfe\"";
    std::fs::write(&path, bytes).unwrap();
    let error = io::load(&path).unwrap_err();
    let offset = bytes.iter().position(|&b| b == 0xff).unwrap();
    assert!(
        matches!(error, LoadError::NotText { offset: o, line: 3, column: 19, .. } if o == offset),
        "{error}"
    );
    assert!(
        error.to_string().contains("junk.nosmap.ron:3:19:"),
        "{error}"
    );
}

#[test]
fn a_hostile_view_file_never_stops_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.nosmap.ron");
    for text in [
        "(format: \"nosmap-view\", version: 1, zoom: NaN, centre: (inf, 0.0))",
        "(format: \"nosmap-view\", version: 2, camera: Some((zoom: NaN, centre: (1.0, 0.0))))",
        "(format: \"nosmap-view\", version: 2, camera: Some((zoom: 2.0, centre: (inf, 0.0))))",
        "(format: \"nosmap-view\", version: 2, camera: Some((zoom: 0.0, centre: (1.0, 0.0))))",
    ] {
        std::fs::write(io::view_path(&path), text).unwrap();
        let view = io::load_view(&path).unwrap();
        assert_eq!(view.camera, None, "{text}");
    }
}

/// Applies a random edit to text: delete, insert, or duplicate a span.
fn mutate(text: &str, kind: u8, at: usize, len: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + len).min(chars.len());
    let mut out: String = chars[..at].iter().collect();
    match kind % 3 {
        0 => {}
        1 => out.push_str(insert),
        _ => out.extend(&chars[at..end]),
    }
    let rest_from = if kind % 3 == 0 { end } else { at };
    out.extend(&chars[rest_from..]);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in ".{0,400}") {
        let _ = load_text(&text);
        let _ = io::view_from_str(&text, Path::new("v.nosmap.view.ron"));
    }

    #[test]
    fn mutated_maps_never_panic_and_what_loads_is_sound(
        edits in proptest::collection::vec((any::<u8>(), any::<usize>(), 0usize..40, "[\\[\\](),:\"a-z0-9 \n]{0,12}"), 1..6)
    ) {
        let mut text = example_text();
        for (kind, at, len, insert) in &edits {
            text = mutate(&text, *kind, *at, *len, insert);
        }
        if let Ok(map) = load_text(&text) {
            prop_assert!(map.check_invariants().is_empty());
            // What loads also saves and loads back the same.
            let saved = io::to_string(&map).unwrap();
            prop_assert_eq!(load_text(&saved).unwrap(), map);
        }
    }
}
