//! Never lose work: atomic saves with backups, failures that leave the file alone, the lock,
//! recovery copies, changes on disk, and saves killed midway.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::Path;
use std::process::Command;

use nosmap::io::lock::{self, LockError, LockOwner};
use nosmap::io::recovery;
use nosmap::io::{SaveError, SaveOptions, backup_path, fingerprint, save_with};
use nosmap::model::{FunctionalMap, MapMeta};

fn titled(title: &str) -> FunctionalMap {
    let mut map =
        nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
    let mut doc = nosmap::edit::Document::new(map.clone());
    let mut meta: MapMeta = map.meta().clone();
    meta.title = title.to_string();
    doc.apply("title", nosmap::edit::Edit::SetMeta(meta))
        .unwrap();
    map = doc.map().clone();
    map
}

#[test]
fn saves_keep_the_last_three_versions_as_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.nosmap.ron");
    for i in 1..=5 {
        save_with(&titled(&format!("v{i}")), &path, SaveOptions::default()).unwrap();
    }
    let title = |p: &Path| nosmap::io::load(p).unwrap().meta().title.clone();
    assert_eq!(title(&path), "v5");
    assert_eq!(title(&backup_path(&path, 1)), "v4");
    assert_eq!(title(&backup_path(&path, 2)), "v3");
    assert_eq!(title(&backup_path(&path, 3)), "v2");
    assert!(!backup_path(&path, 4).exists());
    // Saving the same content again does not push a duplicate into the backups.
    save_with(&titled("v5"), &path, SaveOptions::default()).unwrap();
    assert_eq!(title(&backup_path(&path, 1)), "v4");
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    // The number of backups is configurable, including none.
    let other = dir.path().join("n.nosmap.ron");
    save_with(&titled("a"), &other, SaveOptions::no_backups()).unwrap();
    save_with(&titled("b"), &other, SaveOptions::no_backups()).unwrap();
    assert!(!backup_path(&other, 1).exists());
}

#[test]
fn a_failed_save_leaves_the_file_alone_and_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    // The folder is gone.
    let gone = dir.path().join("no-such-folder").join("m.nosmap.ron");
    let error = save_with(&titled("x"), &gone, SaveOptions::default()).unwrap_err();
    assert!(matches!(error, SaveError::Io { .. }));
    let message = error.to_string();
    // It says what to do in words that fit the editor and the command line (issue 21, hole 11:
    // "Save As" meant nothing to `nosmap export`).
    assert!(
        message.contains("m.nosmap.ron") && message.contains("choose another"),
        "{message}"
    );
    // The target's folder is a file.
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "not a folder").unwrap();
    let error = save_with(
        &titled("x"),
        &blocker.join("m.nosmap.ron"),
        SaveOptions::default(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("unchanged"), "{error}");
    // The target is a directory: the save fails and the directory is untouched.
    let path = dir.path().join("m.nosmap.ron");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("inside"), "keep").unwrap();
    assert!(save_with(&titled("x"), &path, SaveOptions::no_backups()).is_err());
    assert_eq!(
        std::fs::read_to_string(path.join("inside")).unwrap(),
        "keep"
    );
}

#[test]
fn a_second_writer_is_told_the_file_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.nosmap.ron");
    let held = lock::acquire(&path).unwrap();
    match lock::acquire(&path) {
        Err(LockError::Held { owner, stale }) => {
            assert_eq!(&owner, held.owner());
            assert!(!stale, "our own live process is not stale");
        }
        other => panic!("expected the lock to be held, got {other:?}"),
    }
    drop(held);
    assert!(
        !lock::lock_path(&path).exists(),
        "dropping the lock removes it"
    );
    let again = lock::acquire(&path).unwrap();
    drop(again);
}

#[test]
fn a_stale_lock_is_recognised_and_can_be_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.nosmap.ron");
    // A process of this machine that no longer runs (pids are far below this on Linux).
    let dead = LockOwner {
        user: "alex".into(),
        host: lock::this_host(),
        pid: 4_000_000_000,
        since_unix: 1_700_000_000,
    };
    lock::write_foreign_lock(&path, &dead).unwrap();
    match lock::acquire(&path) {
        Err(LockError::Held { owner, stale }) => {
            assert_eq!(owner, dead);
            assert!(stale);
        }
        other => panic!("expected a stale lock, got {other:?}"),
    }
    let taken = lock::take_over(&path).unwrap();
    assert_eq!(taken.owner().pid, std::process::id());
    // An old lock from another machine is stale too; a fresh one is not.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let remote = LockOwner {
        user: "sam".into(),
        host: "elsewhere".into(),
        pid: 1,
        since_unix: now,
    };
    assert!(!lock::is_stale(&remote));
    assert!(lock::is_stale(&LockOwner {
        since_unix: now - 3 * 24 * 3600,
        ..remote
    }));
}

#[test]
fn recovery_copies_come_back_with_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.nosmap.ron");
    let saved = titled("saved");
    save_with(&saved, &path, SaveOptions::default()).unwrap();
    assert!(recovery::find_recovery(&path).unwrap().is_none());
    let unsaved = titled("unsaved work");
    let written = recovery::write_recovery(&unsaved, Some(&path)).unwrap();
    assert_eq!(written, dir.path().join("m.nosmap.ron.recovery"));
    assert_eq!(
        nosmap::io::load(&path).unwrap(),
        saved,
        "autosave never touches the user's file"
    );
    let found = recovery::find_recovery(&path).unwrap().unwrap();
    assert_eq!(found.map, unsaved);
    assert!(found.written.is_some());
    let (count, lines) = nosmap::analysis::diff::describe_changes(&saved, &found.map, 5);
    assert_eq!(
        (count, lines),
        (1, vec!["changed the map settings".to_string()])
    );
    // Once the file holds the same work, the copy is no longer offered.
    save_with(&unsaved, &path, SaveOptions::default()).unwrap();
    assert!(recovery::find_recovery(&path).unwrap().is_none());
    assert!(!written.exists());
}

#[test]
fn a_change_on_disk_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.nosmap.ron");
    save_with(&titled("a"), &path, SaveOptions::default()).unwrap();
    let opened = fingerprint(&path).unwrap();
    assert_eq!(fingerprint(&path), Some(opened));
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("title: \"a\"", "title: \"b\"");
    std::fs::write(&path, text).unwrap();
    assert_ne!(fingerprint(&path), Some(opened));
}

#[test]
fn saves_killed_at_random_moments_never_corrupt_the_file_or_its_backups() {
    // The example binary sits beside the test binaries' folder.
    let exe = std::env::current_exe().unwrap();
    let examples = exe.parent().unwrap().parent().unwrap().join("examples");
    let tool = examples.join(format!("kill_saves{}", std::env::consts::EXE_SUFFIX));
    assert!(
        tool.exists(),
        "build the examples first (cargo test does): {}",
        tool.display()
    );
    let output = Command::new(&tool).arg("20").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("20 kills during saves: 0 corrupt or lost files"),
        "{stdout}"
    );
}
