//! `nosmap diff` and `nosmap merge` as a user and git run them.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::nosmap;

use std::process::Command;

use nosmap::edit::{Document, Edit};
use nosmap::io;
use nosmap::model::{FunctionalMap, Node, NodeId};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn retitled(map: &FunctionalMap, unit: NodeId, title: &str) -> FunctionalMap {
    let mut doc = Document::new(map.clone());
    let mut node = map.node(unit).unwrap().clone();
    if let Node::Unit(u) = &mut node {
        u.title = title.to_string();
    }
    doc.apply("retitle", Edit::SetNode { id: unit, node })
        .unwrap();
    doc.map().clone()
}

fn base() -> FunctionalMap {
    io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap()
}

#[test]
fn diff_exits_0_when_the_same_1_when_different_2_on_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let base = base();
    let unit = base.units().next().unwrap().0;
    io::save(&base, &dir.path().join("v1.nosmap.ron")).unwrap();
    io::save(&base, &dir.path().join("same.nosmap.ron")).unwrap();
    io::save(
        &retitled(&base, unit, "Plan learning online"),
        &dir.path().join("v2.nosmap.ron"),
    )
    .unwrap();

    let same = nosmap(&["diff", "v1.nosmap.ron", "same.nosmap.ron"], dir.path());
    assert_eq!(same.status.code(), Some(0), "{}", text(&same.stderr));
    assert!(text(&same.stdout).contains("No changes"));

    let different = nosmap(&["diff", "v1.nosmap.ron", "v2.nosmap.ron"], dir.path());
    assert_eq!(
        different.status.code(),
        Some(1),
        "{}",
        text(&different.stderr)
    );
    assert!(
        text(&different.stdout).contains("to “Plan learning online”"),
        "{}",
        text(&different.stdout)
    );

    let report = nosmap(
        &[
            "diff",
            "v1.nosmap.ron",
            "v2.nosmap.ron",
            "--format",
            "html",
            "-o",
            "changes.html",
        ],
        dir.path(),
    );
    assert_eq!(report.status.code(), Some(1));
    let html = std::fs::read_to_string(dir.path().join("changes.html")).unwrap();
    assert!(
        html.contains("<h1>What changed in Learning and Development (2010)"),
        "{html}"
    );

    let json = nosmap(
        &["diff", "v1.nosmap.ron", "v2.nosmap.ron", "--format", "json"],
        dir.path(),
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["changes"][0]["kind"], "renamed");
    assert_eq!(value["changes"][0]["old_node"], unit.raw());

    let missing = nosmap(&["diff", "v1.nosmap.ron", "nothing.nosmap.ron"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        text(&missing.stderr).contains("nothing.nosmap.ron"),
        "{}",
        text(&missing.stderr)
    );
}

/// The README's two lines make git merge map files: edits on different units combine; a
/// conflict leaves the file merged with ours kept and git reporting the conflict.
#[test]
fn git_merges_map_files_through_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(repo)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .output()
            .unwrap();
        (
            out.status.success(),
            format!("{}{}", text(&out.stdout), text(&out.stderr)),
        )
    };
    let base = base();
    let units: Vec<NodeId> = base.units().map(|(id, _)| id).collect();
    let file = repo.join("map.nosmap.ron");
    assert!(git(&["init", "-q", "-b", "main"]).0);
    std::fs::write(repo.join(".gitattributes"), "*.nosmap.ron merge=nosmap\n").unwrap();
    let driver = format!("{} merge %O %A %B -o %A", env!("CARGO_BIN_EXE_nosmap"));
    assert!(git(&["config", "merge.nosmap.driver", &driver]).0);
    io::save(&base, &file).unwrap();
    assert!(git(&["add", "."]).0 && git(&["commit", "-qm", "base"]).0);

    assert!(git(&["checkout", "-qb", "theirs"]).0);
    io::save(&retitled(&base, units[1], "Their title"), &file).unwrap();
    assert!(git(&["commit", "-qam", "theirs"]).0);
    assert!(git(&["checkout", "-q", "main"]).0);
    io::save(&retitled(&base, units[0], "Our title"), &file).unwrap();
    assert!(git(&["commit", "-qam", "ours"]).0);

    let (ok, said) = git(&["merge", "-q", "--no-edit", "theirs"]);
    assert!(ok, "{said}");
    let merged = io::load(&file).unwrap();
    assert_eq!(merged.unit(units[0]).unwrap().title, "Our title");
    assert_eq!(merged.unit(units[1]).unwrap().title, "Their title");
    let check = nosmap(&["fmt", "--check", "map.nosmap.ron"], repo);
    assert_eq!(check.status.code(), Some(0), "the merged file is canonical");

    // Both retitle one unit: git says conflict, the file holds ours and the conflict.
    assert!(git(&["checkout", "-qb", "theirs2"]).0);
    io::save(&retitled(&merged, units[2], "Their other title"), &file).unwrap();
    assert!(git(&["commit", "-qam", "theirs2"]).0);
    assert!(git(&["checkout", "-q", "main"]).0);
    io::save(&retitled(&merged, units[2], "Our other title"), &file).unwrap();
    assert!(git(&["commit", "-qam", "ours2"]).0);
    let (ok, said) = git(&["merge", "-q", "--no-edit", "theirs2"]);
    assert!(!ok, "a conflict stops the merge: {said}");
    assert!(said.contains("both changed title"), "{said}");
    let conflicted = io::load(&file).unwrap();
    let unit = conflicted.node(units[2]).unwrap();
    assert_eq!(unit.title(), "Our other title");
    assert_eq!(unit.annotations().conflicts[0].theirs, "Their other title");
    // The editor's checks list it until it is settled.
    let listed = nosmap(&["check", "map.nosmap.ron"], repo);
    assert!(
        text(&listed.stdout).contains("merge-conflict"),
        "{}",
        text(&listed.stdout)
    );
}
