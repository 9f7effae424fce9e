//! Freeplane mind maps both ways (issue 18, point 4, the .mm half): a map goes out as a .mm and
//! comes back with what the format holds (a shared unit as a Freeplane clone); a map drafted in
//! Freeplane comes in by its shape; what we write validates against the schema of what Freeplane
//! reads and the real Freeplane (Debian's, under Xvfb) loads it with its clones; broken input
//! gets a line and column, never a panic.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;
use std::process::Command;

use nosmap::io::freeplane::{from_mm, to_mm};
use proptest::prelude::*;

#[test]
fn every_example_comes_back_with_what_a_mind_map_holds() {
    common::assert_outline_round_trip(to_mm, |text| from_mm(text, Path::new("map.mm")));
}

#[test]
fn a_shared_unit_is_a_freeplane_clone_with_its_statements_cloned() {
    let map = common::outline_maps().pop().unwrap();
    let text = to_mm(&map);
    let shared = map
        .units()
        .find(|(id, _)| map.parents(*id).len() == 2)
        .unwrap()
        .0;
    let own = format!("ID_n{}", shared.raw());
    assert_eq!(text.matches(&format!("TREE_ID=\"{own}\"")).count(), 1);
    assert!(text.contains(&format!("TREE_ID=\"{own}_pc\"")));
    // The clone comes after what it copies, as Freeplane requires.
    assert!(
        text.find(&format!("ID=\"{own}\"")).unwrap()
            < text.find(&format!("TREE_ID=\"{own}\"")).unwrap()
    );
}

#[test]
fn a_map_drafted_in_freeplane_comes_in_by_its_shape() {
    let text = r#"<map version="freeplane 1.9.13">
<node TEXT="Deliver good care" ID="ID_1">
<node TEXT="Plan care" ID="ID_2" POSITION="right">
<node TEXT="SCD01 Agree a care plan" ID="ID_3">
<richcontent TYPE="NOTE"><html><head/><body><p>About agreeing
   a plan.</p><p>Second paragraph.</p></body></html></richcontent>
</node>
<node ID="ID_4"><richcontent TYPE="NODE"><html><body><p>Review the plan</p></body></html></richcontent></node>
</node>
<node TEXT="Support people" ID="ID_5" POSITION="left">
<node ID="ID_6" TREE_ID="ID_3"/>
</node>
</node>
</map>"#;
    let map = from_mm(text, Path::new("x.mm")).unwrap();
    assert_eq!(
        common::outline_held(&map),
        [
            "0 purpose Deliver good care",
            "1 function  Plan care",
            "2 unit SCD01 Agree a care plan [About agreeing a plan.\n\nSecond paragraph.] PC:  K: ",
            "2 unit  Review the plan [] PC:  K: ",
            "1 function  Support people",
            "2 unit SCD01 Agree a care plan [About agreeing a plan.\n\nSecond paragraph.] PC:  K: ",
        ]
    );
    assert_eq!(
        map.units().count(),
        2,
        "the clone is the same unit placed again"
    );
    assert_eq!(map.meta().title, "Deliver good care");
}

#[test]
fn broken_mind_maps_are_located() {
    let error = from_mm("<map>\n<node TEXT=\"x\">\n</map>", Path::new("x.mm"))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("x.mm:3:"), "{error}");
    let error = from_mm("<opml/>", Path::new("x.mm"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("not a Freeplane"), "{error}");
    let error = from_mm("<map version=\"x\"/>", Path::new("x.mm"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("no root node"), "{error}");
    // A clone of its own ancestor is not followed (it would never end).
    let looped = r#"<map><node TEXT="Top" ID="ID_1"><node TEXT="A" ID="ID_2"><node ID="ID_3" TREE_ID="ID_1"/></node></node></map>"#;
    let map = from_mm(looped, Path::new("x.mm")).unwrap();
    assert_eq!(
        map.len(),
        3,
        "Top, A and the clone as what it is: a node with no text"
    );
    // Clones of clones of clones: thirty functions each holding two clones of the one before
    // ask for a billion nodes; refused with a message, not read for minutes.
    let mut bomb = String::from(
        r#"<map><node TEXT="Top" ID="ID_0"><node TEXT="F0" ID="ID_f0"><node TEXT="U" ID="ID_u"/></node>"#,
    );
    for n in 1..30 {
        bomb.push_str(&format!(
            r#"<node TEXT="F{n}" ID="ID_f{n}"><node ID="ID_a{n}" TREE_ID="ID_f{p}"/><node ID="ID_b{n}" TREE_ID="ID_f{p}"/></node>"#,
            p = n - 1
        ));
    }
    bomb.push_str("</node></map>");
    let started = std::time::Instant::now();
    let error = from_mm(&bomb, Path::new("bomb.mm"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("clones copy more than"), "{error}");
    assert!(started.elapsed().as_secs() < 30);
}

/// A clone of a clone is the same unit placed a third time, not an empty unit.
#[test]
fn a_clone_of_a_clone_is_the_unit_placed_again() {
    let text = r#"<map><node TEXT="Top" ID="ID_1">
<node TEXT="F1" ID="ID_2"><node TEXT="ABC12 Keep bees" ID="ID_3"/></node>
<node TEXT="F2" ID="ID_4"><node ID="ID_5" TREE_ID="ID_3"/></node>
<node TEXT="F3" ID="ID_6"><node ID="ID_7" TREE_ID="ID_5"/></node>
</node></map>"#;
    let map = from_mm(text, Path::new("x.mm")).unwrap();
    let units: Vec<(String, usize)> = map
        .units()
        .map(|(id, u)| (u.urn.clone(), map.parents(id).len()))
        .collect();
    assert_eq!(units, [("ABC12".to_string(), 3)]);
}

/// Runs scripts/freeplane/check.sh; `None`, with a message, when its tools are missing here.
/// With `CI` set it refuses to skip: CI installs Freeplane, xmllint and Xvfb.
fn check(map: &Path, load: bool) -> Option<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/freeplane/check.sh");
    let tools = if load {
        &[
            "xmllint",
            "freeplane",
            "Xvfb",
            "xdotool",
            "xprop",
            "openbox",
        ][..]
    } else {
        &["xmllint"][..]
    };
    let missing: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|tool| {
            !Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .collect();
    if !missing.is_empty() {
        eprintln!("skipped: {missing:?} not installed (CI installs them)");
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have {missing:?} installed"
        );
        return None;
    }
    let output = Command::new("bash")
        .arg(&script)
        .arg(map)
        .env("FREEPLANE_LOAD", if load { "1" } else { "0" })
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "check.sh failed:\n{said}");
    Some(said)
}

#[test]
fn every_export_validates_against_the_schema_of_what_freeplane_reads() {
    let folder = tempfile::tempdir().unwrap();
    for (index, map) in common::outline_maps().iter().enumerate() {
        let path = folder.path().join(format!("map{index}.mm"));
        std::fs::write(&path, to_mm(map)).unwrap();
        if check(&path, false).is_none() {
            return;
        }
    }
}

/// The real Freeplane opens the export of the map with a shared unit: every unit is there, the
/// shared one as a clone of the other, the overview as a note, with no error or dialog.
#[test]
fn freeplane_opens_what_we_write_with_its_clones_and_notes() {
    let map = common::outline_maps().pop().unwrap();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("shared.mm");
    std::fs::write(&path, to_mm(&map)).unwrap();
    let Some(report) = check(&path, true) else {
        return;
    };
    for (_, unit) in map.units() {
        assert!(
            report.contains(&format!("{} {}", unit.urn, unit.title)),
            "Freeplane shows {}:\n{report}",
            unit.urn
        );
    }
    let summary = report.lines().find(|l| l.starts_with("summary")).unwrap();
    assert!(!summary.contains("clones=0"), "{summary}");
    assert!(!summary.contains("notes=0"), "{summary}");
    assert!(report.contains("ok: Freeplane"), "{report}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any fragment of mind-map-like XML gets an answer: a map or an error, never a panic.
    #[test]
    fn any_mind_map_gets_an_answer(parts in proptest::collection::vec(
        prop_oneof![
            Just("<node TEXT=\"A\" ID=\"ID_1\">".to_string()),
            Just("<node TEXT=\"B1 x\" ID=\"ID_2\"/>".to_string()),
            Just("<node ID=\"ID_3\" TREE_ID=\"ID_1\"/>".to_string()),
            Just("<node ID=\"ID_4\" CONTENT_ID=\"ID_2\"/>".to_string()),
            Just("<attribute NAME=\"kind\" VALUE=\"unit\"/>".to_string()),
            Just("<attribute NAME=\"kind\" VALUE=\"performance-criteria\"/>".to_string()),
            Just("<richcontent TYPE=\"NOTE\"><html><body><p>n</p></body></html></richcontent>".to_string()),
            Just("</node>".to_string()),
            "[ -~]{0,12}",
        ],
        0..30,
    )) {
        let text = format!("<map version=\"freeplane 1.7.0\">{}</map>", parts.concat());
        let _ = from_mm(&text, Path::new("p.mm"));
    }
}

/// The hand-made sample scripts/freeplane/check.sh was tried on (a subtree clone and a
/// content clone, as Freeplane 1.7 writes them): its two leaves are units, each placed twice.
#[test]
fn freeplane_clones_of_a_branch_and_of_a_node_are_units_placed_again() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/freeplane/sample.mm");
    let map = from_mm(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
    assert!(map.check_invariants().is_empty());
    let units: Vec<(String, usize)> = map
        .units()
        .map(|(id, u)| (u.title.clone(), map.parents(id).len()))
        .collect();
    assert_eq!(units.len(), 2, "{units:?}");
    assert!(
        units.iter().all(|(_, placements)| *placements == 2),
        "{units:?}"
    );
}
