//! CASE 1.1 export (issue 18, point 5): every package we write validates against a JSON Schema
//! written from 1EdTech's CASE 1.1 schema and OpenAPI files (tests/fixtures/case, with its
//! sources); identifiers stay the same across exports and edits; a shared unit is one item with
//! two `isChildOf` associations in sequence; accepted crosswalk pairs become associations.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use nosmap::analysis::reuse::crosswalk::{Crosswalk, Decision, PairKey, Relation};
use nosmap::edit::{Document, Edit};
use nosmap::io::case::{CaseOptions, to_case};
use nosmap::model::{Date, Node};
use serde_json::Value;

fn options(key: &str) -> CaseOptions {
    CaseOptions {
        key: key.into(),
        date: Date::new(2026, 12, 4),
    }
}

fn package(map: &nosmap::model::FunctionalMap, crosswalk: Option<&Crosswalk>) -> Value {
    serde_json::from_str(&to_case(map, crosswalk, &options("small"))).unwrap()
}

/// Validates JSON files against the schema with Python's jsonschema (Debian's python3, where
/// CI installs python3-jsonschema and python3-rfc3987), formats checked; the error count per
/// file. `None`, with a message, when it is missing here; with `CI` set it refuses to skip.
fn schema_errors(files: &[&Path]) -> Option<Vec<usize>> {
    let schema =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case/cfpackage-1.1.schema.json");
    let script = r#"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
for path in sys.argv[2:]:
    errors = list(validator.iter_errors(json.load(open(path))))
    for e in errors[:5]:
        print("  ", path, list(e.path), e.message, file=sys.stderr)
    print(len(errors))
"#;
    let python = if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    let output = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(&schema)
        .args(files)
        .output();
    let usable = output.as_ref().is_ok_and(|o| o.status.success());
    if !usable {
        eprintln!("skipped: python3 with jsonschema is not installed (CI installs it)");
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have python3-jsonschema: {output:?}"
        );
        return None;
    }
    let output = output.unwrap();
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    Some(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(|l| l.trim().parse().unwrap())
            .collect(),
    )
}

fn crosswalk() -> Crosswalk {
    let decide = |relation| Decision {
        relation,
        note: "checked by the working group".into(),
        by: "Analyst".into(),
        date: Date::new(2026, 12, 1),
    };
    let mut decisions = BTreeMap::new();
    decisions.insert(
        PairKey {
            source: "CFAMLA1".into(),
            using: "TST01".into(),
        },
        decide(Relation::Identical),
    );
    decisions.insert(
        PairKey {
            source: "TST03".into(),
            using: "TST02".into(),
        },
        decide(Relation::PartialOverlap),
    );
    decisions.insert(
        PairKey {
            source: "XYZ9".into(),
            using: "TST03".into(),
        },
        decide(Relation::NotRelated),
    );
    Crosswalk {
        decisions,
        themes: Vec::new(),
    }
}

#[test]
fn every_package_validates_against_the_case_schema() {
    let folder = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (index, map) in common::outline_maps().iter().enumerate() {
        let path = folder.path().join(format!("map{index}.json"));
        std::fs::write(&path, to_case(map, Some(&crosswalk()), &options("m"))).unwrap();
        files.push(path);
    }
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case");
    let valid = fixtures.join("minimal-valid.json");
    let invalid = fixtures.join("invalid-missing-fullstatement.json");
    let mut all: Vec<&Path> = files.iter().map(|p| p.as_path()).collect();
    all.push(&valid);
    all.push(&invalid);
    let Some(errors) = schema_errors(&all) else {
        return;
    };
    let (ours, fixtures) = errors.split_at(files.len());
    assert!(ours.iter().all(|&e| e == 0), "errors per package: {ours:?}");
    // The validator is really checking: the broken fixture fails, the good one passes.
    assert_eq!(fixtures, [0, 1]);
}

#[test]
fn a_shared_unit_is_one_item_placed_twice_in_sequence() {
    let map = common::outline_maps().pop().unwrap();
    let json = package(&map, None);
    let (shared, unit) = map
        .units()
        .find(|(id, _)| map.parents(*id).len() == 2)
        .unwrap();
    let items: Vec<&Value> = json["CFItems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["humanCodingScheme"] == unit.urn.as_str())
        .collect();
    assert_eq!(items.len(), 1, "one item for the unit");
    let id = items[0]["identifier"].as_str().unwrap();
    let placements: Vec<&Value> = json["CFAssociations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["associationType"] == "isChildOf" && a["originNodeURI"]["identifier"] == id)
        .collect();
    assert_eq!(placements.len(), 2);
    for parent in map.parents(shared) {
        let sequence = map.index_in_parent(parent, shared).unwrap() + 1;
        assert!(
            placements.iter().any(|a| a["sequenceNumber"] == sequence),
            "placed at {sequence} under its parent"
        );
    }
    // Its criteria are items under it, coded as published.
    let pcs: Vec<&str> = json["CFItems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["CFItemType"] == "Performance criterion")
        .filter_map(|i| i["humanCodingScheme"].as_str())
        .collect();
    assert!(
        pcs.contains(&format!("{}.P1", unit.urn).as_str()),
        "{pcs:?}"
    );
    // The key purpose describes the document; key areas hang from the document.
    assert_eq!(
        json["CFDocument"]["description"],
        map.node(map.root()).unwrap().title()
    );
}

#[test]
fn identifiers_stay_the_same_across_exports_and_edits() {
    let map = common::outline_maps().pop().unwrap();
    let before = package(&map, None);
    let mut doc = Document::new(map.clone());
    let (unit_id, unit) = map.units().next().unwrap();
    let mut renamed = unit.clone();
    renamed.title = "A new title".into();
    doc.apply(
        "rename",
        Edit::SetNode {
            id: unit_id,
            node: Node::Unit(Box::new(renamed)),
        },
    )
    .unwrap();
    let after = package(doc.map(), None);
    let ids = |json: &Value| -> Vec<String> {
        json["CFItems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["identifier"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&before), ids(&after), "renaming keeps every identifier");
    assert_eq!(
        before["CFDocument"]["identifier"],
        after["CFDocument"]["identifier"]
    );
    assert_eq!(
        to_case(&map, None, &options("small")),
        to_case(&map, None, &options("small")),
        "the same map gives the same package"
    );
    let other: Value = serde_json::from_str(&to_case(&map, None, &options("another"))).unwrap();
    assert_ne!(
        before["CFDocument"]["identifier"],
        other["CFDocument"]["identifier"]
    );
}

#[test]
fn accepted_crosswalk_pairs_become_associations() {
    let map = common::outline_maps().pop().unwrap();
    let json = package(&map, Some(&crosswalk()));
    let kinds: Vec<(String, String, String)> = json["CFAssociations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["associationType"] != "isChildOf")
        .map(|a| {
            (
                a["associationType"].as_str().unwrap().to_string(),
                a["originNodeURI"]["title"].as_str().unwrap().to_string(),
                a["destinationNodeURI"]["title"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(kinds.len(), 2, "not-related pairs are left out: {kinds:?}");
    assert!(kinds.iter().any(|(kind, from, to)| kind == "exactMatchOf"
        && from.starts_with("TST01")
        && to == "CFAMLA1"));
    assert!(kinds.iter().any(|(kind, from, to)| kind == "isRelatedTo"
        && from.starts_with("TST02")
        && to.starts_with("TST03")));
}

#[test]
fn the_command_line_writes_a_package_of_the_whole_map_only() {
    let folder = tempfile::tempdir().unwrap();
    let map = common::copy_example("management-and-leadership-2008.nosmap.ron", folder.path());
    let name = map.file_name().unwrap().to_str().unwrap();
    let out = common::nosmap(
        &["export", name, "--format", "case", "-o", "ml.json"],
        folder.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.path().join("ml.json")).unwrap())
            .unwrap();
    assert_eq!(
        json["CFDocument"]["title"],
        "Management and Leadership (2008)"
    );
    let refused = common::nosmap(
        &[
            "export", name, "--format", "case", "--branch", "B", "-o", "b.json",
        ],
        folder.path(),
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--branch"));
}

/// A package comes back as the map it was written from, as far as CASE holds it: the hierarchy
/// in sequence, codes, URNs, titles, overviews, criteria, knowledge and headings in their lists,
/// a shared unit as one unit placed twice.
#[test]
fn every_map_comes_back_from_its_package_with_what_case_holds() {
    common::assert_outline_round_trip(
        |map| to_case(map, None, &options("m")),
        |text| nosmap::io::case::from_case(text, Path::new("m.json")),
    );
}

/// Another framework's package by its shape; broken JSON by line and column; a package whose
/// placements multiply is refused.
#[test]
fn other_packages_by_their_shape_and_broken_ones_named() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/case/minimal-valid.json");
    let map =
        nosmap::io::case::from_case(&std::fs::read_to_string(&fixture).unwrap(), &fixture).unwrap();
    assert_eq!(
        common::outline_held(&map),
        [
            "0 purpose ",
            "1 function 1.OA Operations and algebraic thinking.",
            "2 unit 1.OA.1 Use addition and subtraction within 20 to solve word problems. [] PC:  K: ",
            "2 unit 1.OA.2 Solve word problems that call for addition of three whole numbers whose sum is at most 20. [] PC:  K: ",
        ]
    );
    let error = nosmap::io::case::from_case("{\n  \"CFDocument\": [1,,]\n}", Path::new("b.json"))
        .unwrap_err()
        .to_string();
    assert!(error.starts_with("b.json:2:"), "{error}");
    let error = nosmap::io::case::from_case("{}", Path::new("e.json"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("no CFDocument"), "{error}");
    // Twenty levels, each item the child of both items of the level above: a million paths.
    let mut associations = Vec::new();
    let mut items = Vec::new();
    for level in 0..20 {
        for side in 0..2 {
            let id = format!("i{level}-{side}");
            items.push(serde_json::json!({"identifier": id, "fullStatement": id, "CFItemType": "Function"}));
            let parents: Vec<String> = if level == 0 {
                vec!["doc".into()]
            } else {
                (0..2).map(|p| format!("i{}-{p}", level - 1)).collect()
            };
            for parent in parents {
                associations.push(serde_json::json!({
                    "associationType": "isChildOf",
                    "originNodeURI": {"identifier": id},
                    "destinationNodeURI": {"identifier": parent},
                }));
            }
        }
    }
    let bomb = serde_json::json!({
        "CFDocument": {"identifier": "doc", "title": "Bomb"},
        "CFItems": items,
        "CFAssociations": associations,
    });
    let error = nosmap::io::case::from_case(&bomb.to_string(), Path::new("bomb.json"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("more than"), "{error}");
}
