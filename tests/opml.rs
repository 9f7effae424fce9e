//! OPML both ways (issue 18, point 4 in part): a map goes out as an outline and comes back with
//! what OPML holds; other outliners' OPML comes in by its shape; pandoc (a real consumer) reads
//! what we write; broken input gets a line and column, never a panic.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;

use nosmap::io::opml::{from_opml, to_opml};
use nosmap::model::Node;
use proptest::prelude::*;

#[test]
fn every_example_comes_back_with_what_opml_holds() {
    common::assert_outline_round_trip(to_opml, |text| from_opml(text, Path::new("map.opml")));
}

#[test]
fn another_outliners_opml_comes_in_by_its_shape() {
    let text = r#"<?xml version="1.0"?>
<opml version="2.0"><head><title>Drafted elsewhere</title></head><body>
  <outline text="Deliver good care">
    <outline text="Plan care">
      <outline text="SCD01 Agree a care plan"/>
      <outline text="Review the plan"/>
    </outline>
    <outline text="Support people"/>
  </outline>
</body></opml>"#;
    let map = from_opml(text, Path::new("x.opml")).unwrap();
    assert_eq!(
        common::outline_held(&map),
        [
            "0 purpose Deliver good care",
            "1 function  Plan care",
            "2 unit SCD01 Agree a care plan [] PC:  K: ",
            "2 unit  Review the plan [] PC:  K: ",
            "1 unit  Support people [] PC:  K: ",
        ]
    );
    assert_eq!(map.meta().title, "Drafted elsewhere");
}

#[test]
fn broken_outlines_are_located() {
    let error = from_opml(
        "<opml><body>\n  <outline text=\"x\">\n</body></opml>",
        Path::new("x.opml"),
    )
    .unwrap_err()
    .to_string();
    assert!(error.starts_with("x.opml:3:"), "{error}");
    let error = from_opml("<html/>", Path::new("x.opml"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("not OPML"), "{error}");
    let error = from_opml("<opml><body/></opml>", Path::new("x.opml"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("empty"), "{error}");
}

/// pandoc reads our OPML as an outline: every unit title and criterion is in its plain text.
#[test]
fn pandoc_reads_the_outline() {
    let map =
        nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.opml");
    std::fs::write(&file, to_opml(&map)).unwrap();
    let output = match std::process::Command::new("pandoc")
        .args(["-f", "opml", "-t", "plain", "--wrap=none"])
        .arg(&file)
        .output()
    {
        Ok(output) => output,
        Err(_) => {
            eprintln!("skipped: pandoc is not installed (CI installs it)");
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must have pandoc installed"
            );
            return;
        }
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // pandoc prints typographic quotes.
    let text = String::from_utf8_lossy(&output.stdout)
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    for (_, unit) in map.units() {
        assert!(
            text.contains(&unit.title),
            "no {:?} in pandoc's text",
            unit.title
        );
        if let Some(first) = unit.performance_criteria.iter().find(|s| !s.heading) {
            assert!(text.contains(first.text.as_str()), "no {:?}", first.text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Whatever text comes as OPML, the reader answers, never panics.
    #[test]
    fn any_text_as_opml_gets_an_answer(text in "(<opml><body>)?(<outline text=\"[a-z&;<>\" ]{0,6}\"( kind=\"(unit|function|heading)\")?( id=\"[0-9]\")?/?>|</outline>|[a-z<>&;\"]){0,30}(</body></opml>)?") {
        let _ = from_opml(&text, Path::new("p.opml"));
    }
}

/// `export --format opml` honours --branch and --depth, and `import-opml` reads the outline back.
#[test]
fn the_command_line_exports_a_branch_and_imports_the_outline() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::example("management-and-leadership-2008.nosmap.ron");
    let example = example.to_str().unwrap();
    let out = common::nosmap(
        &[
            "export", example, "--format", "opml", "--branch", "A", "--depth", "1", "-o", "a.opml",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let map = nosmap::io::load(Path::new(example)).unwrap();
    let area = map
        .children(map.root())
        .iter()
        .copied()
        .find(|&id| {
            map.node(id)
                .and_then(Node::as_function)
                .is_some_and(|f| f.code == "A")
        })
        .unwrap();
    let text = std::fs::read_to_string(dir.path().join("a.opml")).unwrap();
    assert_eq!(
        text.matches(" kind=\"unit\"").count(),
        map.children(area).len()
    );
    assert_eq!(text.matches(" kind=\"function\"").count(), 1);

    let out = common::nosmap(
        &["export", example, "--format", "opml", "-o", "all.opml"],
        dir.path(),
    );
    assert!(out.status.success());
    let out = common::nosmap(
        &["import-opml", "all.opml", "-o", "back.nosmap.ron"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back = nosmap::io::load(&dir.path().join("back.nosmap.ron")).unwrap();
    assert_eq!(common::outline_held(&back), common::outline_held(&map));
}

/// An outline nested 10,000 deep is refused at its 101st level, without exhausting the stack.
#[test]
fn a_very_deep_outline_is_refused_not_a_crash() {
    let depth = 10_000;
    let text = format!(
        "<opml version=\"2.0\"><body>{}{}</body></opml>",
        "<outline text=\"x\">".repeat(depth),
        "</outline>".repeat(depth)
    );
    let error = from_opml(&text, Path::new("deep.opml"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("101 levels"), "{error}");
}
