//! `nosmap review-pack`, `review-import`, `review-matrix` and `review-report` as a working
//! group's secretary runs them.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use common::{example, nosmap};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn pack_out_forms_in_twice_then_matrix_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("lnd.nosmap.ron");
    std::fs::copy(example("learning-and-development-2010.nosmap.ron"), &map).unwrap();
    let draft = dir.path().join("draft.nosmap.ron");
    std::fs::copy(&map, &draft).unwrap();

    let out = nosmap(&["review-pack", "lnd.nosmap.ron", "-o", "pack"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let form = dir
        .path()
        .join("pack/learning-and-development-2010-comment-form.csv");
    assert!(form.is_file());
    // Again without --force: refused, nothing overwritten.
    let again = nosmap(&["review-pack", "lnd.nosmap.ron", "-o", "pack"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("use --force"), "{}", stderr(&again));

    // A reviewer fills in two rows and adds one that names no unit of the map.
    let text = std::fs::read_to_string(&form).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let p1 = lines
        .iter()
        .position(|l| l.contains(",P1,"))
        .expect("a P1 row");
    lines[p1] = format!(
        "{}Technical,Name the evidence.,,Ann Lee,Acme Awards,,England,",
        {
            let line = &lines[p1];
            let cut = line.len() - ",,,,,,,,".len();
            line[..cut].to_string() + ","
        }
    );
    lines.push(",NOPE1,,P1,,,About another suite.,,,,,,".into());
    std::fs::write(dir.path().join("ann.csv"), lines.join("\n")).unwrap();

    let out = nosmap(&["review-import", "lnd.nosmap.ron", "ann.csv"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "a row not placed is a finding: {}{}",
        stdout(&out),
        stderr(&out)
    );
    let said = stdout(&out);
    assert!(said.contains("ann.csv: 1 comment taken"), "{said}");
    assert!(
        said.contains(&format!(
            "row {}: not placed: no unit or function “NOPE1”",
            lines.len()
        )),
        "{said}"
    );
    assert!(
        said.contains("added 1 comments to lnd.nosmap.ron"),
        "{said}"
    );
    let saved = std::fs::read_to_string(&map).unwrap();
    assert!(saved.contains("version: 7"));
    assert!(saved.contains("text: \"Name the evidence.\""), "{saved}");
    assert!(
        nosmap::io::backup_path(&map, 1).is_file(),
        "the map before the import is kept as a backup"
    );

    // The same form again adds nothing and leaves the file alone.
    let before = std::fs::read(&map).unwrap();
    let out = nosmap(&["review-import", "lnd.nosmap.ron", "ann.csv"], dir.path());
    assert!(
        stdout(&out).contains("1 already in the map"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("nothing new"), "{}", stdout(&out));
    assert_eq!(std::fs::read(&map).unwrap(), before);

    let out = nosmap(
        &["review-matrix", "lnd.nosmap.ron", "-o", "matrix.xlsx"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = nosmap(
        &[
            "review-matrix",
            "lnd.nosmap.ron",
            "-o",
            "lnd.nosmap.ron",
            "--force",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2), "never over the map");
    let out = nosmap(
        &[
            "review-report",
            "lnd.nosmap.ron",
            "--draft",
            "draft.nosmap.ron",
            "--format",
            "md",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(report.contains("1 comment from 1 organisation"), "{report}");
    assert!(report.contains("| England | 1 |"), "{report}");
    assert!(
        report.contains("No changes"),
        "comments are not changes: {report}"
    );
}

#[test]
fn import_refuses_a_map_open_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("lnd.nosmap.ron");
    std::fs::copy(example("learning-and-development-2010.nosmap.ron"), &map).unwrap();
    std::fs::write(
        dir.path().join("f.csv"),
        "Item id,Comment\nn1,The key purpose is too long.\n",
    )
    .unwrap();
    // Someone else (a live process: this test) holds the lock.
    let _lock = nosmap::io::lock::acquire(&map).unwrap();
    let before = std::fs::read(&map).unwrap();
    let out = nosmap(&["review-import", "lnd.nosmap.ron", "f.csv"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("is open in nosmap"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&map).unwrap(), before);
    // Written elsewhere instead, it is taken.
    let out = nosmap(
        &[
            "review-import",
            "lnd.nosmap.ron",
            "f.csv",
            "-o",
            "with-comments.nosmap.ron",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let with = nosmap::io::load(&dir.path().join("with-comments.nosmap.ron")).unwrap();
    assert_eq!(with.node(with.root()).unwrap().comments().len(), 1);
}
