//! The editor keeps work safe: a killed editor offers its unsaved work back, a second editor is
//! told the file is in use, and a file changed on disk is not overwritten without asking.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

mod common;

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use nosmap::app::{Action, Dialog, NosmapApp};
use nosmap::edit::Edit;
use nosmap::io::lock::{self, LockOwner};

fn copy_of_example(dir: &Path) -> PathBuf {
    let path = dir.join("ld.nosmap.ron");
    std::fs::copy(
        common::example("learning-and-development-2010.nosmap.ron"),
        &path,
    )
    .unwrap();
    path
}

/// Renames the map's title through the app, as the user would.
fn rename(app: &mut NosmapApp, title: &str) {
    let mut meta = app.document().map().meta().clone();
    meta.title = title.to_string();
    app.apply(Action::Edit {
        label: "Rename map".into(),
        edit: Box::new(Edit::SetMeta(meta)),
    });
}

#[test]
fn a_killed_editor_offers_its_unsaved_work_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let mut app = NosmapApp::open(Some(path.clone())).unwrap();
    assert!(app.dialogs().is_empty());
    rename(&mut app, "Unsaved new title");
    app.autosave_now();
    let on_disk = std::fs::read_to_string(&path).unwrap();
    // The process dies: nothing runs on the way out, and its lock is left behind.
    std::mem::forget(app);
    let dead = LockOwner {
        user: "me".into(),
        host: lock::this_host(),
        pid: 4_000_000_000,
        since_unix: 1_800_000_000,
    };
    lock::write_foreign_lock(&path, &dead).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        on_disk,
        "autosave never touched the file"
    );

    let mut next = NosmapApp::open(Some(path.clone())).unwrap();
    // The copy belongs to whoever holds the file: it is offered once the lock is taken over.
    assert!(matches!(
        next.dialogs(),
        [Dialog::InUse { stale: true, .. }]
    ));
    next.apply(Action::TakeOverLock);
    match next.dialogs() {
        [Dialog::Recovery { changes, lines, .. }] => {
            assert_eq!(*changes, 1);
            assert_eq!(lines, &["changed the map settings".to_string()]);
        }
        other => panic!("expected the recovery question, got {other:?}"),
    }
    next.apply(Action::RestoreRecovery);
    assert!(next.dialogs().is_empty());
    assert_eq!(next.document().map().meta().title, "Unsaved new title");
    assert!(
        next.document().is_dirty(),
        "restored work still needs saving"
    );
    next.apply(Action::Save);
    assert_eq!(
        nosmap::io::load(&path).unwrap().meta().title,
        "Unsaved new title"
    );
    assert!(
        !dir.path().join("ld.nosmap.ron.recovery").exists(),
        "saving removes the recovery copy"
    );
    drop(next);
    assert!(
        !lock::lock_path(&path).exists(),
        "closing releases the lock"
    );
}

#[test]
fn discarding_recovered_work_removes_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let mut app = NosmapApp::open(Some(path.clone())).unwrap();
    rename(&mut app, "Never saved");
    app.autosave_now();
    drop(app);
    let mut next = NosmapApp::open(Some(path.clone())).unwrap();
    assert!(matches!(next.dialogs(), [Dialog::Recovery { .. }]));
    next.apply(Action::DiscardRecovery);
    assert!(!dir.path().join("ld.nosmap.ron.recovery").exists());
    assert_eq!(next.document().map(), &nosmap::io::load(&path).unwrap());
}

#[test]
fn a_second_editor_is_told_the_file_is_in_use_and_can_open_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let first = NosmapApp::open(Some(path.clone())).unwrap();
    let mut second = NosmapApp::open(Some(path.clone())).unwrap();
    assert!(matches!(
        second.dialogs(),
        [Dialog::InUse { stale: false, .. }]
    ));
    second.apply(Action::OpenReadOnly);
    rename(&mut second, "Edited in the second window");
    let before = std::fs::read_to_string(&path).unwrap();
    second.apply(Action::Save);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "a read-only window never writes"
    );
    drop(second);
    assert!(
        lock::lock_path(&path).exists(),
        "the first window still holds the lock"
    );
    drop(first);
}

/// Issue 21, hole 2: a window that opened the file read-only never offers, writes or deletes
/// the recovery copy of the window that holds it.
#[test]
fn a_read_only_window_leaves_the_writers_recovery_copy_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let copy = dir.path().join("ld.nosmap.ron.recovery");
    let mut first = NosmapApp::open(Some(path.clone())).unwrap();
    rename(&mut first, "The writer's unsaved title");
    first.autosave_now();
    let writers = std::fs::read_to_string(&copy).unwrap();

    let mut second = NosmapApp::open(Some(path.clone())).unwrap();
    assert!(
        matches!(second.dialogs(), [Dialog::InUse { stale: false, .. }]),
        "the writer's live copy is not offered as lost work: {:?}",
        second.dialogs()
    );
    second.apply(Action::OpenReadOnly);
    rename(&mut second, "Edited in the read-only window");
    second.autosave_now();
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        writers,
        "not overwritten"
    );
    let own = second.recovery_copy().unwrap();
    assert_ne!(own, copy, "the read-only window keeps its copy apart");
    assert!(nosmap::io::load(&own).unwrap().meta().title == "Edited in the read-only window");
    drop(second);
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        writers,
        "not deleted"
    );
    std::fs::remove_file(&own).ok();

    // The writer's own save still removes its copy.
    first.apply(Action::Save);
    assert!(!copy.exists());
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let mut app = NosmapApp::open(Some(path.clone())).unwrap();
    rename(&mut app, "Mine");
    // Someone else changes the file (another editor, a git pull).
    let theirs = std::fs::read_to_string(&path).unwrap().replacen(
        "Learning and Development (2010)",
        "Theirs",
        1,
    );
    std::fs::write(&path, &theirs).unwrap();
    app.apply(Action::Save);
    assert!(matches!(app.dialogs(), [Dialog::ChangedOnDisk]));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "nothing written before the answer"
    );
    app.apply(Action::ReloadFromDisk);
    assert_eq!(app.document().map().meta().title, "Theirs");
    assert!(!app.document().is_dirty());

    rename(&mut app, "Mine again");
    std::fs::write(&path, theirs.replacen("Theirs", "Theirs, later", 1)).unwrap();
    app.apply(Action::Save);
    app.apply(Action::OverwriteOnDisk);
    assert_eq!(nosmap::io::load(&path).unwrap().meta().title, "Mine again");
}

/// Issue 21, hole 11 (part): a failed save is a question that stays until answered, not a
/// status line the next autosave message replaces.
#[test]
fn a_failed_save_in_the_window_stays_on_screen_until_answered() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("shared");
    std::fs::create_dir(&folder).unwrap();
    let path = copy_of_example(&folder);
    let app = NosmapApp::open(Some(path.clone())).unwrap();
    let mut h = common::window(app);
    rename(h.state_mut(), "Work that must not be lost");
    h.run();
    std::fs::remove_dir_all(&folder).unwrap();
    h.state_mut().apply(Action::Save);
    h.run();
    assert!(matches!(h.state().dialogs(), [Dialog::Failed { .. }]));
    h.get_by_label("The map was not saved");
    // Frames and an autosave later, it is still there.
    h.state_mut().autosave_now();
    for _ in 0..5 {
        h.run();
    }
    h.get_by_label("The map was not saved");
    assert!(h.state().document().is_dirty(), "the work is still open");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().dialogs().is_empty());
}

/// Issue 21, hole 4 (part): a read-only map is not written over without asking; "Save anyway"
/// writes it and it stays read-only.
#[cfg(unix)]
#[test]
fn saving_a_read_only_map_asks_first() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let app = NosmapApp::open(Some(path.clone())).unwrap();
    let mut h = common::window(app);
    rename(h.state_mut(), "Edited while read-only");
    h.run();
    h.state_mut().apply(Action::Save);
    h.run();
    assert!(matches!(h.state().dialogs(), [Dialog::ReadOnlyFile { .. }]));
    h.get_by_label("The file is read-only");
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written yet");
    h.get_by_label("Save anyway").click();
    h.run();
    assert!(h.state().dialogs().is_empty());
    assert_eq!(
        nosmap::io::load(&path).unwrap().meta().title,
        "Edited while read-only"
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
    assert!(!h.state().document().is_dirty());
}

/// Issue 21, hole 11 (part): SIGTERM (log-out, shutdown) with unsaved edits used to end nosmap
/// with no recovery copy. Now the next frame copies every map's unsaved work and closes.
#[test]
fn asked_to_stop_by_the_system_the_editor_keeps_unsaved_work_as_recovery_copies() {
    let dir = tempfile::tempdir().unwrap();
    let path = copy_of_example(dir.path());
    let app = NosmapApp::open(Some(path.clone())).unwrap();
    let mut h = common::window(app);
    rename(h.state_mut(), "Unsaved when the session ended");
    h.run();
    let copy = h.state().recovery_copy().unwrap();
    assert!(!copy.exists(), "autosave has not run yet");
    h.state().request_termination();
    h.run();
    assert!(h.state().closing(), "closes without asking");
    let kept = nosmap::io::load(&copy).unwrap();
    assert_eq!(kept.meta().title, "Unsaved when the session ended");
    assert_ne!(
        nosmap::io::load(&path).unwrap().meta().title,
        "Unsaved when the session ended",
        "the map itself is not written without the user"
    );
}

/// A map big enough to be saved on a thread of its own, in a file.
fn big_map_file(dir: &Path) -> PathBuf {
    let path = dir.join("big.nosmap.ron");
    nosmap::io::save(&nosmap::generate::generated_map(3_000), &path).unwrap();
    path
}

/// Runs frames until the save under way has ended.
fn until_saved(h: &mut egui_kittest::Harness<'static, NosmapApp>) {
    let start = std::time::Instant::now();
    while h.state().saving() {
        assert!(start.elapsed().as_secs() < 60, "the save never ended");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.run();
    }
}

/// Issue 21, hole 12: saving the catalogue stopped the window for about 1.5 s. A big map is
/// written on a thread of its own: Save returns at once with the map still unsaved, editing goes
/// on, and when the file is written the document counts as saved as it was when saving began,
/// so what was typed meanwhile stays unsaved (and in the recovery copy).
#[test]
fn a_big_map_saves_while_editing_goes_on_and_later_edits_stay_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let path = big_map_file(dir.path());
    let mut h = common::window(NosmapApp::open(Some(path.clone())).unwrap());
    rename(h.state_mut(), "Saved title");
    h.state_mut().autosave_now();
    let copy = h.state().recovery_copy().unwrap();
    assert!(copy.exists());
    h.state_mut().apply(Action::Save);
    assert!(h.state().saving(), "the save runs on a thread");
    assert!(
        h.state().document().is_dirty(),
        "not saved until the file is written"
    );
    rename(h.state_mut(), "Typed while saving");
    h.run();
    until_saved(&mut h);
    assert_eq!(nosmap::io::load(&path).unwrap().meta().title, "Saved title");
    assert!(h.state().document().is_dirty(), "the later edit is unsaved");
    assert!(
        h.state()
            .message()
            .unwrap()
            .contains("later changes are not saved yet"),
        "{:?}",
        h.state().message()
    );
    // The copy older than the file is gone; what was typed meanwhile is copied again.
    h.state_mut().autosave_now();
    assert_eq!(
        nosmap::io::load(&copy).unwrap().meta().title,
        "Typed while saving"
    );
    // Undoing back to what was written makes the map clean again.
    h.state_mut().apply(Action::Undo);
    assert!(!h.state().document().is_dirty());
    h.state_mut().apply(Action::Redo);
    h.state_mut().apply(Action::Save);
    h.run();
    until_saved(&mut h);
    assert!(!h.state().document().is_dirty());
    assert_eq!(
        nosmap::io::load(&path).unwrap().meta().title,
        "Typed while saving"
    );
    assert_eq!(
        h.state().message(),
        Some(format!("Saved {}", path.display()).as_str())
    );
}

/// Quitting or being stopped while a big map is being written waits for the file: the window
/// closes with the map saved, and no recovery copy is left behind.
#[test]
fn quitting_or_stopping_during_a_save_waits_for_it() {
    for stop in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let path = big_map_file(dir.path());
        let mut h = common::window(NosmapApp::open(Some(path.clone())).unwrap());
        let copy = h.state().recovery_copy().unwrap();
        rename(h.state_mut(), "Saved on the way out");
        h.state_mut().autosave_now();
        assert!(copy.exists());
        h.state_mut().apply(Action::Save);
        assert!(h.state().saving());
        if stop {
            h.state().request_termination();
        } else {
            h.state_mut()
                .apply(Action::Run(nosmap::app::commands::Command::Quit));
        }
        h.run();
        assert!(h.state().closing(), "stop = {stop}");
        assert!(!h.state().saving());
        assert!(!h.state().document().is_dirty());
        assert_eq!(
            nosmap::io::load(&path).unwrap().meta().title,
            "Saved on the way out"
        );
        assert!(!copy.exists(), "nothing left to recover");
    }
}

/// Opening or switching to another map while a big map is being written: the save's outcome is
/// told about the map it was for (saved, not left unsaved), and what was to follow the save is
/// dropped rather than done to another map later.
#[test]
fn opening_another_map_during_a_save_keeps_its_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let path = big_map_file(dir.path());
    let other = copy_of_example(dir.path());
    let mut h = common::window(NosmapApp::open(Some(path.clone())).unwrap());
    rename(h.state_mut(), "Saved before switching");
    h.state_mut().apply(Action::Save);
    assert!(h.state().saving());
    h.state_mut().apply(Action::OpenFile(other));
    h.run();
    assert!(!h.state().saving());
    h.state_mut().apply(Action::ShowMap(0));
    h.run();
    assert_eq!(h.state().path(), Some(path.as_path()));
    assert!(
        !h.state().document().is_dirty(),
        "the save was taken note of"
    );
    assert_eq!(
        nosmap::io::load(&path).unwrap().meta().title,
        "Saved before switching"
    );
    // Saving again does not think the file changed on disk.
    rename(h.state_mut(), "Saved again");
    h.state_mut().apply(Action::Save);
    h.run();
    until_saved(&mut h);
    assert!(h.state().dialogs().is_empty(), "{:?}", h.state().dialogs());
    assert_eq!(nosmap::io::load(&path).unwrap().meta().title, "Saved again");
}
