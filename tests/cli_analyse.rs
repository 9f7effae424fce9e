//! `nosmap analyse`: the real binary on example maps and the catalogue sample.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::nosmap;

use std::path::Path;
use std::process::Output;

use calamine::{Reader, Xlsx, open_workbook};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Two example maps and the catalogue sample, as paths.
fn corpus_args() -> Vec<String> {
    vec![
        common::example("management-and-leadership-2008.nosmap.ron")
            .display()
            .to_string(),
        common::example("learning-and-development-2010.nosmap.ron")
            .display()
            .to_string(),
        "--catalogue".into(),
        common::data("catalogue-sample.csv").display().to_string(),
    ]
}

fn analyse(what: &str, extra: &[&str], dir: &Path) -> Output {
    let mut args: Vec<String> = vec!["analyse".into(), what.into()];
    args.extend(corpus_args());
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    nosmap(&refs, dir)
}

#[test]
fn reuse_as_json_labels_every_use_with_its_mechanism_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let output = analyse("reuse", &["--format", "json"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let uses = json["uses"].as_array().unwrap();
    let mechanisms: std::collections::BTreeSet<&str> = uses
        .iter()
        .map(|u| u["mechanism"].as_str().unwrap())
        .collect();
    for m in ["same-urn", "original-urn", "same-title"] {
        assert!(mechanisms.contains(m), "{mechanisms:?}");
    }
    for u in uses {
        assert!(
            !u["evidence"]["summary"].as_str().unwrap().is_empty(),
            "{u}"
        );
        assert!(!u["using"]["where"].as_str().unwrap().is_empty());
    }
    // A map's unit names its map; a catalogue row names its line.
    let wheres: Vec<&str> = uses
        .iter()
        .map(|u| u["using"]["where"].as_str().unwrap())
        .collect();
    assert!(
        wheres
            .iter()
            .any(|w| w.starts_with("catalogue-sample.csv line ")),
        "{wheres:?}"
    );
    let themes = json["themes"].as_array().unwrap();
    let lm = themes
        .iter()
        .find(|t| t["id"] == "leadership-management")
        .unwrap();
    assert_eq!(lm["units"], 67, "the M&L 2008 map's units are the theme's");
}

#[test]
fn the_matrix_is_the_same_in_csv_xlsx_and_html() {
    let dir = tempfile::tempdir().unwrap();
    let csv_out = analyse("matrix", &["--format", "csv"], dir.path());
    assert_eq!(csv_out.status.code(), Some(0), "{}", text(&csv_out.stderr));
    let table =
        nosmap::analysis::reuse::matrix::MatrixTable::from_csv(&text(&csv_out.stdout)).unwrap();
    assert!(table.rows.len() > 67 && table.columns.len() > 5);
    let xlsx = analyse("matrix", &["--format", "xlsx", "-o", "m.xlsx"], dir.path());
    assert_eq!(xlsx.status.code(), Some(0), "{}", text(&xlsx.stderr));
    let mut book: Xlsx<_> = open_workbook(dir.path().join("m.xlsx")).unwrap();
    let sheet = book.worksheet_range("Coverage").unwrap();
    let cell = |r: usize, c: usize| sheet.get((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!(cell(0, 0), "Theme");
    for (c, name) in table.columns.iter().enumerate() {
        assert_eq!(&cell(0, 3 + c), name);
    }
    for (r, row) in table.rows.iter().enumerate() {
        assert_eq!(cell(r + 1, 1), row.urn);
        assert_eq!(cell(r + 1, 2), row.title);
        for (c, counts) in row.counts.iter().enumerate() {
            let parsed = nosmap::analysis::reuse::matrix::Cell::parse(&cell(r + 1, 3 + c)).unwrap();
            assert_eq!(&parsed, counts, "row {r} column {c}");
        }
    }
    let html = analyse("matrix", &["--format", "html"], dir.path());
    assert_eq!(html.status.code(), Some(0));
    let page = text(&html.stdout);
    assert!(page.contains("size: A3 landscape"));
    let doc = roxmltree::Document::parse_with_options(
        &page,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap();
    let body_rows = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("tr")
                && n.children()
                    .any(|c| c.has_tag_name("td") && c.attribute("class") == Some("unit"))
        })
        .count();
    assert_eq!(body_rows, table.rows.len());
    let heads: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("th") && n.attribute("class") == Some("col"))
        .map(|n| n.attribute("title").unwrap_or("").to_string())
        .collect();
    assert_eq!(heads, table.columns);
}

#[test]
fn a_rejected_pair_is_left_out_until_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let all = analyse("reuse", &["--format", "json"], dir.path());
    let json: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    let first = json["uses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["mechanism"] == "same-title")
        .unwrap()
        .clone();
    let source = nosmap::analysis::reuse::normal::urn(first["source"]["urn"].as_str().unwrap());
    let using = nosmap::analysis::reuse::normal::urn(first["using"]["urn"].as_str().unwrap());
    std::fs::write(
        dir.path().join("x.crosswalk.ron"),
        format!(
            "(format: \"nosmap-crosswalk\", version: 1, decisions: [(source: \"{source}\", using: \"{using}\", relation: \"not-related\", by: \"AB\", date: \"2026-12-03\")])\n"
        ),
    )
    .unwrap();
    let count = |extra: &[&str]| {
        let mut args = vec!["--format", "json", "--crosswalk", "x.crosswalk.ron"];
        args.extend_from_slice(extra);
        let out = analyse("reuse", &args, dir.path());
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["uses"].as_array().unwrap().clone()
    };
    let kept = count(&[]);
    assert_eq!(kept.len() + 1, json["uses"].as_array().unwrap().len());
    let with_rejected = count(&["--include-rejected"]);
    let rejected: Vec<_> = with_rejected
        .iter()
        .filter(|u| u["decision"]["relation"] == "not-related")
        .collect();
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0]["decision"]["by"], "AB");
}

#[test]
fn adopting_a_candidate_theme_records_it_in_the_crosswalk_and_it_can_be_analysed() {
    let dir = tempfile::tempdir().unwrap();
    let themes = analyse("themes", &["--format", "json"], dir.path());
    assert_eq!(themes.status.code(), Some(0), "{}", text(&themes.stderr));
    let list: serde_json::Value = serde_json::from_slice(&themes.stdout).unwrap();
    let first = list[0]["name"].as_str().unwrap().to_string();
    let adopt = analyse(
        "themes",
        &["--adopt", "1", "--crosswalk", "t.crosswalk.ron"],
        dir.path(),
    );
    assert_eq!(adopt.status.code(), Some(0), "{}", text(&adopt.stderr));
    assert!(text(&adopt.stderr).contains("adopted"));
    let crosswalk =
        nosmap::io::crosswalk::load_crosswalk(&dir.path().join("t.crosswalk.ron")).unwrap();
    assert_eq!(crosswalk.themes.len(), 1);
    let theme = &crosswalk.themes[0];
    assert_eq!(theme.name.to_lowercase(), first.to_lowercase());
    let reuse = analyse(
        "reuse",
        &[
            "--crosswalk",
            "t.crosswalk.ron",
            "--theme",
            &theme.id,
            "--format",
            "json",
        ],
        dir.path(),
    );
    assert_eq!(reuse.status.code(), Some(0), "{}", text(&reuse.stderr));
    let json: serde_json::Value = serde_json::from_slice(&reuse.stdout).unwrap();
    assert_eq!(json["themes"][0]["id"], theme.id.as_str());
    assert!(json["themes"][0]["units"].as_u64().unwrap() > 0);
}

#[test]
fn mistakes_exit_2_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 4] = [
        (&["analyse", "reuse"], "at least one map or --catalogue"),
        (
            &["analyse", "matrix", "--catalogue", "missing.csv"],
            "missing.csv",
        ),
        (
            &[
                "analyse",
                "matrix",
                "--catalogue",
                "x.csv",
                "--format",
                "xlsx",
            ],
            "-o FILE.xlsx",
        ),
        (
            &["analyse", "reuse", "--catalogue", "x.csv", "--adopt", "1"],
            "--adopt N goes with",
        ),
    ];
    for (args, expected) in cases {
        let out = nosmap(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains(expected),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let sample = common::data("catalogue-sample.csv").display().to_string();
    let out = nosmap(
        &[
            "analyse",
            "reuse",
            "--catalogue",
            &sample,
            "--theme",
            "gardening",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("customer-service"),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(
        dir.path().join("bad.crosswalk.ron"),
        "(format: \"nosmap-crosswalk\", version: 1,\n decisions: [(source: \"A\" using: \"B\")])\n",
    )
    .unwrap();
    let out = nosmap(
        &[
            "analyse",
            "reuse",
            "--catalogue",
            &sample,
            "--crosswalk",
            "bad.crosswalk.ron",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("bad.crosswalk.ron:2:"),
        "{}",
        text(&out.stderr)
    );
}
