//! A save keeps the file's identity (issue 21, holes 4 and 5): through a symbolic link it writes
//! the target; hard links all see the new version; permissions and owner stay, also on backups,
//! recovery copies and the view file; a read-only file is written only when asked; devices and
//! pipes are refused, never read or replaced.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.
#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _, PermissionsExt as _};
use std::path::Path;

use nosmap::io::{SaveError, SaveOptions, save_bytes};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_save_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let target = dir.path().join("real/map.nosmap.ron");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("map.nosmap.ron");
    std::os::unix::fs::symlink("real/map.nosmap.ron", &link).unwrap();
    save_bytes(&link, b"new", SaveOptions::default()).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"new");
    assert_eq!(
        std::fs::read(nosmap::io::backup_path(&target, 1)).unwrap(),
        b"old",
        "the backup sits beside the file it keeps"
    );
}

#[test]
fn hard_links_all_see_the_new_version_and_the_backup_keeps_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.nosmap.ron");
    let b = dir.path().join("b.nosmap.ron");
    std::fs::write(&a, "old").unwrap();
    std::fs::hard_link(&a, &b).unwrap();
    save_bytes(&a, b"new", SaveOptions::default()).unwrap();
    assert_eq!(std::fs::read(&b).unwrap(), b"new");
    assert_eq!(std::fs::metadata(&a).unwrap().nlink(), 2);
    assert_eq!(
        std::fs::read(nosmap::io::backup_path(&a, 1)).unwrap(),
        b"old"
    );
}

#[test]
fn permissions_stay_on_the_map_its_backup_recovery_copy_and_view_file() {
    let dir = tempfile::tempdir().unwrap();
    let map_path = dir.path().join("m.nosmap.ron");
    let map = nosmap::io::load(&std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/it-users-2015.nosmap.ron"
    )))
    .unwrap();
    for wanted in [0o600, 0o640, 0o660] {
        std::fs::write(&map_path, "old").unwrap();
        set_mode(&map_path, wanted);
        nosmap::io::save(&map, &map_path).unwrap();
        assert_eq!(mode(&map_path), wanted, "the map");
        assert_eq!(
            mode(&nosmap::io::backup_path(&map_path, 1)),
            wanted,
            "its backup"
        );
        let view = nosmap::io::view_path(&map_path);
        std::fs::remove_file(&view).ok();
        nosmap::io::save_view(&nosmap::view::ViewState::default(), &map_path).unwrap();
        assert_eq!(mode(&view), wanted, "its view file");
    }
    // A recovery copy of a private map is private from the moment it is made.
    let recovery = nosmap::io::recovery::write_recovery(&map, Some(&map_path)).unwrap();
    assert_eq!(mode(&recovery), 0o660);
    std::fs::remove_file(recovery).ok();
}

#[test]
fn a_read_only_file_is_written_only_when_the_caller_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.nosmap.ron");
    std::fs::write(&path, "old").unwrap();
    set_mode(&path, 0o444);
    let refused = save_bytes(&path, b"new", SaveOptions::default()).unwrap_err();
    assert!(matches!(refused, SaveError::ReadOnly { .. }), "{refused}");
    assert!(refused.to_string().contains("read-only"), "{refused}");
    assert_eq!(std::fs::read(&path).unwrap(), b"old");
    assert!(
        !nosmap::io::backup_path(&path, 1).exists(),
        "no backup moved"
    );
    let agreed = SaveOptions {
        overwrite_read_only: true,
        ..SaveOptions::default()
    };
    save_bytes(&path, b"new", agreed).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
    assert_eq!(mode(&path), 0o444, "still read-only");
}

#[test]
fn root_saving_someone_elses_file_leaves_it_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.nosmap.ron");
    std::fs::write(&path, "old").unwrap();
    let giving_away = std::os::unix::fs::chown(&path, Some(4321), Some(4321));
    if giving_away.is_err() {
        // Only root can give a file away (CI runs as root; see .ci/run).
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run as root for this test: {giving_away:?}"
        );
        eprintln!("skipped: not root, cannot give a file to another user");
        return;
    }
    save_bytes(&path, b"new", SaveOptions::default()).unwrap();
    let metadata = std::fs::metadata(&path).unwrap();
    assert_eq!((metadata.uid(), metadata.gid()), (4321, 4321));
    let backup = std::fs::metadata(nosmap::io::backup_path(&path, 1)).unwrap();
    assert_eq!(backup.uid(), 4321);
}

#[test]
fn devices_and_pipes_are_refused_not_read_or_replaced() {
    // /dev/full: nosmap used to read it "to compare" until memory ran out.
    let refused = save_bytes(Path::new("/dev/full"), b"x", SaveOptions::no_backups()).unwrap_err();
    assert!(matches!(refused, SaveError::NotAFile { .. }), "{refused}");
    assert!(
        std::fs::metadata("/dev/full")
            .unwrap()
            .file_type()
            .is_char_device(),
        "the device is still a device"
    );
    let zero = nosmap::io::load(Path::new("/dev/zero")).unwrap_err();
    assert!(zero.to_string().contains("not a regular file"), "{zero}");

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.nosmap.ron");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // Each would hang on the pipe if it were opened.
    let refused = save_bytes(&fifo, b"x", SaveOptions::no_backups()).unwrap_err();
    assert!(matches!(refused, SaveError::NotAFile { .. }), "{refused}");
    let error = nosmap::io::load(&fifo).unwrap_err();
    assert!(error.to_string().contains("not a regular file"), "{error}");
    // A pipe planted where a map's lock goes is not read either.
    let map = dir.path().join("m.nosmap.ron");
    std::fs::write(&map, "x").unwrap();
    let lock = nosmap::io::lock::lock_path(&map);
    std::process::Command::new("mkfifo")
        .arg(&lock)
        .status()
        .unwrap();
    let taken = nosmap::io::lock::acquire(&map);
    assert!(taken.is_err(), "a lock path that is a pipe is refused");
}
