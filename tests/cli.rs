//! The real binary on temporary files: output and exit codes (0 ok, 1 findings, 2 error).
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::nosmap;

use std::path::Path;
use std::process::Output;

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn info_prints_the_counts_of_every_example() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected = [
        (
            "management-and-leadership-2008.nosmap.ron",
            "Key role (level 1): 6",
            67,
            15,
            13,
        ),
        (
            "learning-and-development-2010.nosmap.ron",
            "Key area (level 1): 4",
            13,
            15,
            12,
        ),
        (
            "it-users-2015.nosmap.ron",
            "Area of competence (level 1): 8",
            29,
            12,
            9,
        ),
    ];
    for (file, level_line, units, pcs, kus) in expected {
        let path = common::example(file);
        let output = nosmap(&["info", path.to_str().unwrap()], here);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        for line in [
            level_line.to_string(),
            "Key purpose: 1".to_string(),
            format!("NOS units: {units}"),
            format!("Unit placements: {units}"),
            "Shared units: 0".to_string(),
            format!("Performance criteria: {pcs}"),
            format!("Knowledge and understanding: {kus}"),
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "{file}: missing {line:?} in\n{text}"
            );
        }
    }
}

/// The small map with unit U1 placed under B as well, saved as `s.nosmap.ron` in `dir`.
fn small_with_u1_shared_under_b(dir: &Path) -> common::Small {
    let mut s = common::small();
    s.doc
        .apply(
            "place",
            nosmap::edit::Edit::Place {
                unit: s.u1,
                parent: s.b,
                index: 0,
            },
        )
        .unwrap();
    nosmap::io::save(s.doc.map(), &dir.join("s.nosmap.ron")).unwrap();
    s
}

#[test]
fn info_counts_shared_placements() {
    let dir = tempfile::tempdir().unwrap();
    small_with_u1_shared_under_b(dir.path());
    let text = stdout(&nosmap(&["info", "s.nosmap.ron"], dir.path()));
    assert!(text.contains("Key area (level 1): 2\nFunction (level 2): 1\nNOS units: 3\nUnit placements: 4\nShared units: 1\nPerformance criteria: 2\nKnowledge and understanding: 1"), "{text}");
}

#[test]
fn new_creates_a_loadable_map_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let output = nosmap(
        &[
            "new",
            "--title",
            "Customer Service (draft)",
            "-o",
            "cs.nosmap.ron",
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let map = nosmap::io::load(&dir.path().join("cs.nosmap.ron")).unwrap();
    assert_eq!(map.meta().title, "Customer Service (draft)");
    assert_eq!(map.meta().themes.len(), 5);
    assert_eq!(map.len(), 1);
    let again = nosmap(
        &["new", "--title", "Other", "-o", "cs.nosmap.ron"],
        dir.path(),
    );
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    let default_name = nosmap(&["new", "--title", "Digital Skills"], dir.path());
    assert_eq!(default_name.status.code(), Some(0));
    assert!(dir.path().join("digital-skills.nosmap.ron").exists());
}

#[test]
fn fmt_check_passes_on_the_examples() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = vec!["fmt".to_string(), "--check".to_string()];
    args.extend(
        common::example_paths()
            .iter()
            .map(|p| p.to_string_lossy().into_owned()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = nosmap(&args, here);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
}

#[test]
fn fmt_reports_then_rewrites_a_non_canonical_file() {
    let dir = tempfile::tempdir().unwrap();
    let canonical = std::fs::read_to_string(common::example("it-users-2015.nosmap.ron")).unwrap();
    // Same content, different layout: compact indentation and no trailing newline.
    let messy = canonical.replace("    ", "  ").trim_end().to_string();
    let path = dir.path().join("messy.nosmap.ron");
    std::fs::write(&path, &messy).unwrap();
    let check = nosmap(&["fmt", "--check", "messy.nosmap.ron"], dir.path());
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains("messy.nosmap.ron"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        messy,
        "--check must not write"
    );
    let write = nosmap(&["fmt", "messy.nosmap.ron"], dir.path());
    assert_eq!(write.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), canonical);
    assert_eq!(
        nosmap(&["fmt", "--check", "messy.nosmap.ron"], dir.path())
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn unreadable_input_exits_2_with_the_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.nosmap.ron"),
        "(\n    format: \"nosmap\"\n    version: 2,\n)",
    )
    .unwrap();
    for args in [
        ["info", "broken.nosmap.ron"].as_slice(),
        ["fmt", "--check", "broken.nosmap.ron"].as_slice(),
    ] {
        let output = nosmap(args, dir.path());
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr(&output).starts_with("error: broken.nosmap.ron:3:"),
            "{}",
            stderr(&output)
        );
    }
    let missing = nosmap(&["info", "nope.nosmap.ron"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("nope.nosmap.ron"));
}

#[test]
fn help_is_available_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--help"],
        vec!["info", "--help"],
        vec!["new", "--help"],
        vec!["fmt", "--help"],
    ] {
        let output = nosmap(&args, dir.path());
        assert_eq!(output.status.code(), Some(0));
        assert!(stdout(&output).contains("Usage: nosmap"));
    }
    let bad = nosmap(&["info"], dir.path());
    assert_eq!(
        bad.status.code(),
        Some(2),
        "clap's usage errors also exit 2"
    );
}

#[cfg(not(feature = "gui"))]
#[test]
fn without_the_gui_opening_a_file_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let output = nosmap(&["map.nosmap.ron"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("built without the editor"));
}

#[test]
fn check_prints_findings_like_a_compiler_and_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = common::small();
    // An empty title is an error; the rest of the small map only has warnings.
    let mut node = s.doc.map().node(s.u3).unwrap().clone();
    if let nosmap::model::Node::Unit(unit) = &mut node {
        unit.title.clear();
    }
    s.doc
        .apply("clear", nosmap::edit::Edit::SetNode { id: s.u3, node })
        .unwrap();
    nosmap::io::save(s.doc.map(), &dir.path().join("bad.nosmap.ron")).unwrap();
    let output = nosmap(
        &["check", "--today", "2026-11-28", "bad.nosmap.ron"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("bad.nosmap.ron: node \"\": error[empty-title]: this unit has no title"),
        "{text}"
    );
    assert!(text.contains("warning[single-child]"), "{text}");
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("bad.nosmap.ron: 1 errors,"),
        "{text}"
    );

    // Warnings alone pass by default and fail with --deny warnings (this example's warnings
    // are all about sections and metadata, so they speak at the publish level).
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = common::example("learning-and-development-2010.nosmap.ron");
    let example = example.to_str().unwrap();
    let publish = ["check", "--level", "publish"];
    assert_eq!(
        nosmap(&[&publish[..], &[example]].concat(), here)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        nosmap(
            &[&publish[..], &["--deny", "warnings", example]].concat(),
            here
        )
        .status
        .code(),
        Some(1)
    );
    // Unreadable input wins: exit 2.
    let missing = nosmap(&["check", example, "missing.nosmap.ron"], here);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn check_json_is_valid_and_complete() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = common::example("management-and-leadership-2008.nosmap.ron");
    let output = nosmap(
        &[
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-28",
            example.to_str().unwrap(),
        ],
        here,
    );
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let file = &value["files"][0];
    let findings = file["findings"].as_array().unwrap();
    assert_eq!(
        findings.len() as u64,
        ["error", "warning", "info"]
            .iter()
            .map(|k| file["counts"][k].as_u64().unwrap())
            .sum::<u64>()
    );
    let first = &findings[0];
    for key in ["node", "title", "rule", "severity", "message"] {
        assert!(!first[key].is_null(), "{key} missing in {first}");
    }
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "too-many-children" && f["title"] == "Using resources")
    );
}

#[test]
fn check_lists_every_rule_with_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let output = nosmap(&["check", "--list-rules"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for rule in nosmap::analysis::checks::RULES {
        assert!(
            text.contains(&format!("[{}]: {}", rule.id, rule.summary)),
            "{} missing",
            rule.id
        );
    }
    assert_eq!(
        text.matches("    source: ").count(),
        nosmap::analysis::checks::RULES.len()
    );
    assert_eq!(
        nosmap(&["check"], dir.path()).status.code(),
        Some(2),
        "files are required otherwise"
    );
}

#[test]
fn a_map_goes_to_a_spreadsheet_and_back_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let map = common::example("it-users-2015.nosmap.ron");
    let map = map.to_str().unwrap();
    let out = nosmap(
        &["export", map, "--format", "csv", "-o", "it.csv"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = nosmap(
        &["import-csv", "it.csv", "-o", "back.nosmap.ron"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("back.nosmap.ron")).unwrap(),
        std::fs::read(map).unwrap()
    );
    // The same through an Excel workbook.
    let out = nosmap(
        &["export", map, "--format", "xlsx", "-o", "it.xlsx"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = nosmap(
        &["import-csv", "it.xlsx", "-o", "from-xlsx.nosmap.ron"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("from-xlsx.nosmap.ron")).unwrap(),
        std::fs::read(map).unwrap()
    );
    let out = nosmap(
        &[
            "import-csv",
            "it.xlsx",
            "-o",
            "x.nosmap.ron",
            "--level",
            "Area",
        ],
        dir.path(),
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("save the sheet as CSV"),
        "{}",
        stderr(&out)
    );
    // Another spreadsheet, through a column mapping.
    std::fs::write(
        dir.path().join("other.csv"),
        "Area,Code,Standard\nPlan,T1,Plan the work\nDo,T2,Do the work\n",
    )
    .unwrap();
    let out = nosmap(
        &[
            "import-csv",
            "other.csv",
            "-o",
            "other.nosmap.ron",
            "--level",
            "Area",
            "--field",
            "urn=Code",
            "--field",
            "title=Standard",
            "--key-purpose",
            "Get work done",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 rows: 2 units created"),
        "{}",
        stdout(&out)
    );
    let info = nosmap(&["info", "other.nosmap.ron"], dir.path());
    assert!(stdout(&info).contains("NOS units: 2"), "{}", stdout(&info));
    // A mapping naming a column that is not there: exit 2, the columns listed.
    let out = nosmap(
        &[
            "import-csv",
            "other.csv",
            "-o",
            "x.nosmap.ron",
            "--field",
            "urn=URN",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no column “URN”"), "{}", stderr(&out));
}

/// `nosmap import-catalogue` on the committed sample, written to `output` in `dir`.
fn import_catalogue_sample(output: &str, dir: &Path) -> Output {
    let sample = common::data("catalogue-sample.csv");
    nosmap(
        &["import-catalogue", sample.to_str().unwrap(), "-o", output],
        dir,
    )
}

#[test]
fn the_catalogue_imports_with_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_catalogue_sample("cat.nosmap.ron", dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    for line in [
        "rows in:",
        "units created:",
        "rows merged by URN:",
        "rows skipped:",
        "placements:",
        "1905 review dates read as no date:",
    ] {
        assert!(report.contains(line), "{line} missing from\n{report}");
    }
    let info = nosmap(&["info", "cat.nosmap.ron"], dir.path());
    assert!(
        stdout(&info).contains("Developing organisation (level 1)"),
        "{}",
        stdout(&info)
    );
    // Refuses to overwrite without --force.
    let again = import_catalogue_sample("cat.nosmap.ron", dir.path());
    assert_eq!(again.status.code(), Some(2));
}

/// A draft of four units with a URN, a title and two PCs each, nothing else written yet.
fn save_fresh_draft(path: &Path) {
    use nosmap::model::{Function, FunctionalMap, KeyPurpose, MapMeta, Statement, Unit};
    let map = FunctionalMap::new(
        MapMeta::new("Draft"),
        KeyPurpose::new("Serve customers well"),
    );
    let mut doc = nosmap::edit::Document::new(map);
    let kp = doc.map().root();
    for (code, title, units) in [
        (
            "A",
            "Deliver service",
            ["Greet customers", "Resolve customer complaints"],
        ),
        (
            "B",
            "Improve service",
            ["Gather customer feedback", "Improve customer service"],
        ),
    ] {
        let area = common::add(&mut doc, kp, Function::new(code, title).into());
        for (i, unit_title) in units.iter().enumerate() {
            let mut unit = Unit::new(format!("TST{code}{i}"), *unit_title);
            unit.performance_criteria = vec![
                Statement::item("agree the objectives of the work"),
                Statement::item("record the agreed objectives"),
            ];
            common::add(&mut doc, area, unit.into());
        }
    }
    nosmap::io::save(doc.map(), path).unwrap();
}

#[test]
fn check_level_draft_is_the_default_and_publish_checks_everything() {
    let dir = tempfile::tempdir().unwrap();
    save_fresh_draft(&dir.path().join("draft.nosmap.ron"));
    let draft = nosmap(
        &["check", "--deny", "warnings", "draft.nosmap.ron"],
        dir.path(),
    );
    assert_eq!(draft.status.code(), Some(0), "{}", stdout(&draft));
    assert_eq!(
        stdout(&draft),
        "draft.nosmap.ron: 0 errors, 0 warnings, 0 info, 0 dismissed (12 more with --level publish)\n"
    );
    let explicit = nosmap(
        &[
            "check",
            "--level",
            "draft",
            "--deny",
            "warnings",
            "draft.nosmap.ron",
        ],
        dir.path(),
    );
    assert_eq!(stdout(&explicit), stdout(&draft));

    let publish = nosmap(
        &[
            "check",
            "--level",
            "publish",
            "--deny",
            "warnings",
            "draft.nosmap.ron",
        ],
        dir.path(),
    );
    assert_eq!(publish.status.code(), Some(1), "{}", stderr(&publish));
    let text = stdout(&publish);
    for rule in [
        "missing-knowledge",
        "empty-overview",
        "missing-required-metadata",
    ] {
        assert_eq!(
            text.matches(&format!("warning[{rule}]")).count(),
            4,
            "{rule} in\n{text}"
        );
    }
    assert!(
        text.ends_with("draft.nosmap.ron: 0 errors, 12 warnings, 0 info, 0 dismissed\n"),
        "{text}"
    );

    let json = nosmap(
        &[
            "check",
            "--format",
            "json",
            "--level",
            "publish",
            "draft.nosmap.ron",
        ],
        dir.path(),
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["level"], "publish");
    assert_eq!(value["files"][0]["counts"]["warning"], 12);
}

#[test]
fn check_refuses_an_unknown_level() {
    let dir = tempfile::tempdir().unwrap();
    save_fresh_draft(&dir.path().join("draft.nosmap.ron"));
    let output = nosmap(
        &["check", "--level", "final", "draft.nosmap.ron"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("final") && message.contains("draft") && message.contains("publish"),
        "{message}"
    );
    let help = stdout(&nosmap(&["check", "--help"], dir.path()));
    assert!(help.contains("[default: draft]"), "{help}");
}

#[test]
fn the_rule_list_shows_each_rule_level() {
    let dir = tempfile::tempdir().unwrap();
    let text = stdout(&nosmap(&["check", "--list-rules"], dir.path()));
    for rule in nosmap::analysis::checks::RULES {
        let block = text
            .split_once(&format!("[{}]: ", rule.id))
            .map(|(_, after)| after)
            .unwrap_or_else(|| panic!("{} missing", rule.id));
        let level_line = block
            .lines()
            .find(|l| l.starts_with("    level: "))
            .unwrap();
        assert_eq!(level_line, format!("    level: {}", rule.level.label()));
    }
    assert!(
        text.contains(
            "[missing-knowledge]: Unit has no knowledge and understanding\n    Knowledge"
        )
    );
}

#[test]
fn info_tree_prints_the_outline_with_numbers_codes_urns_and_ids() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = common::example("management-and-leadership-2008.nosmap.ron");
    let output = nosmap(&["info", example.to_str().unwrap(), "--tree"], here);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let at = |wanted: &str| {
        lines
            .iter()
            .position(|l| *l == wanted)
            .unwrap_or_else(|| panic!("no line {wanted:?} in\n{text}"))
    };
    let root = lines
        .iter()
        .position(|l| {
            l.starts_with("Provide direction, gain commitment") && l.ends_with("  (id 1)")
        })
        .unwrap_or_else(|| panic!("no key purpose line in\n{text}"));
    let area = at("  1  A  Managing self and personal skills  (id 2)");
    let unit = at("    1.1  CFAMLA1  Manage your own resources  (id 8)");
    assert!(root < area && area < unit, "in map order");
    // The counts are still there.
    assert!(text.contains("NOS units: 67"), "{text}");
}

#[test]
fn info_tree_shows_a_shared_unit_under_each_parent() {
    let dir = tempfile::tempdir().unwrap();
    let s = small_with_u1_shared_under_b(dir.path());
    let text = stdout(&nosmap(&["info", "s.nosmap.ron", "--tree"], dir.path()));
    let id = s.u1.raw();
    for line in [
        format!("      1.1.1  TST01  Agree objectives with your team  (id {id})"),
        format!("    2.1  TST01  Agree objectives with your team  (id {id})"),
    ] {
        assert!(text.lines().any(|l| l == line), "no {line:?} in\n{text}");
    }
}

#[test]
fn a_branch_that_matches_nothing_suggests_the_closest_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::example("management-and-leadership-2008.nosmap.ron");
    let example = example.to_str().unwrap();
    for (typo, meant) in [
        (
            "Managing self and personnal skils",
            "A  Managing self and personal skills  (id 2)",
        ),
        ("CFAMLA01", "CFAMLA1  Manage your own resources  (id 8)"),
    ] {
        let output = nosmap(
            &[
                "export", example, "--format", "svg", "-o", "x.svg", "--branch", typo,
            ],
            dir.path(),
        );
        assert_eq!(output.status.code(), Some(2), "{typo}");
        let message = stderr(&output);
        assert!(
            message.contains(&format!("no node with id, URN or code {typo:?}")),
            "{message}"
        );
        let suggestions: Vec<&str> = message
            .lines()
            .skip_while(|l| !l.contains("closest"))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .collect();
        assert!(
            (1..=3).contains(&suggestions.len()),
            "{typo}: {suggestions:?} in\n{message}"
        );
        assert_eq!(suggestions[0].trim(), meant, "{typo}: {message}");
        assert!(message.contains("--tree"), "{message}");
        assert!(!dir.path().join("x.svg").exists());
    }
    // Nothing alike: no list, still the way to find the names.
    let output = nosmap(
        &[
            "export", example, "--format", "svg", "-o", "x.svg", "--branch", "zzqx",
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(!stderr(&output).contains("closest"), "{}", stderr(&output));
    assert!(stderr(&output).contains("--tree"), "{}", stderr(&output));
}

#[test]
fn catalogue_organisations_get_codes_that_name_their_branch() {
    let dir = tempfile::tempdir().unwrap();
    let out = import_catalogue_sample("cat.nosmap.ron", dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let map = nosmap::io::load(&dir.path().join("cat.nosmap.ron")).unwrap();
    let mut codes = std::collections::BTreeMap::new();
    for &org in map.children(map.root()) {
        let function = map.node(org).unwrap().as_function().unwrap();
        assert!(!function.code.is_empty(), "{} has no code", function.title);
        assert!(
            codes
                .insert(function.code.to_uppercase(), function.title.clone())
                .is_none(),
            "{} is not unique",
            function.code
        );
    }
    // The organisation's own URN prefix where it has one; initials where not.
    assert_eq!(codes["LAN"], "Lantra");
    assert_eq!(codes["SFH"], "Skills for Health");
    assert_eq!(codes["COS"], "Construction Skills");
    assert_eq!(
        codes["CS"], "ConstructionSkills",
        "COS is taken by the larger one"
    );
    // Shown by info --tree and taken by --branch.
    let tree = stdout(&nosmap(&["info", "cat.nosmap.ron", "--tree"], dir.path()));
    assert!(
        tree.lines()
            .any(|l| l.starts_with("  ") && l.contains("  LAN  Lantra  (id ")),
        "{tree}"
    );
    let out = nosmap(
        &[
            "export",
            "cat.nosmap.ron",
            "--format",
            "csv",
            "-o",
            "lantra.csv",
            "--branch",
            "lan",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // The same file gives the same codes.
    let again = import_catalogue_sample("cat2.nosmap.ron", dir.path());
    assert!(again.status.success());
    assert_eq!(
        std::fs::read(dir.path().join("cat.nosmap.ron")).unwrap(),
        std::fs::read(dir.path().join("cat2.nosmap.ron")).unwrap()
    );
}
