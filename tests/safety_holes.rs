//! Holes a red-team pass found in saving and locking (issue 21), each shown by a test that failed
//! before its fix: a lock that follows planted links, and failed saves that used up the backups.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use nosmap::io::lock::{self, LockError};
use nosmap::io::{SaveOptions, backup_path, save_with};
use nosmap::model::{FunctionalMap, MapMeta};

fn titled(title: &str) -> FunctionalMap {
    let map =
        nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
    let mut doc = nosmap::edit::Document::new(map);
    let mut meta: MapMeta = doc.map().meta().clone();
    meta.title = title.to_string();
    doc.apply("title", nosmap::edit::Edit::SetMeta(meta))
        .unwrap();
    doc.map().clone()
}

#[test]
fn a_link_planted_as_the_locks_temporary_file_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.nosmap.ron");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // Whoever can write the shared folder plants a link under the name the lock writes first.
    let temp = dir
        .path()
        .join(format!(".m.nosmap.ron.lock.{}.new", std::process::id()));
    std::os::unix::fs::symlink(&victim, &temp).unwrap();
    let held = lock::acquire(&map).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let written = std::fs::read_to_string(lock::lock_path(&map)).unwrap();
    assert!(
        written.contains(&format!("pid={}", std::process::id())),
        "{written}"
    );
    drop(held);
}

#[test]
fn a_lock_path_that_is_not_a_regular_file_is_refused_and_never_read_or_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.nosmap.ron");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "user=x\nhost=y\npid=1\nsince=0\n").unwrap();
    std::os::unix::fs::symlink(&victim, lock::lock_path(&map)).unwrap();
    match lock::acquire(&map) {
        Err(LockError::Io(error)) => {
            assert!(error.to_string().contains("not a regular file"), "{error}")
        }
        other => panic!("a linked lock must be refused, got {other:?}"),
    }
    assert!(lock::take_over(&map).is_err(), "nor taken over");
    assert!(
        std::fs::symlink_metadata(lock::lock_path(&map))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is left as it was"
    );
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "user=x\nhost=y\npid=1\nsince=0\n"
    );

    // A FIFO as the lock would hang a reader: refused at once.
    let other = dir.path().join("n.nosmap.ron");
    let status = Command::new("mkfifo")
        .arg(lock::lock_path(&other))
        .status()
        .unwrap();
    assert!(status.success());
    assert!(matches!(lock::acquire(&other), Err(LockError::Io(_))));
}

/// A small file system that can be filled: tmpfs mounted in `dir` (needs root, as CI has).
struct SmallDisk {
    at: PathBuf,
}

impl SmallDisk {
    fn mount(dir: &Path, bytes: usize) -> Option<Self> {
        let at = dir.join("disk");
        std::fs::create_dir(&at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(&at)
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI runs as root and must be able to mount a small tmpfs for this test"
            );
            eprintln!("not tested here: mounting a tmpfs needs root");
            return None;
        }
        Some(Self { at })
    }

    /// Fills what is left with a file, so the next write fails for lack of room.
    fn fill(&self) {
        use std::io::Write as _;
        let mut filler = std::fs::File::create(self.at.join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while filler.write_all(&block).is_ok() {}
        // The last partial block too.
        while filler.write_all(&[0]).is_ok() {}
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        Command::new("umount").arg(&self.at).status().ok();
    }
}

/// The map and its three backups: each file's name and the title its bytes hold (or that it is
/// missing), which is what a failed save must not change.
fn snapshot(path: &Path) -> Vec<(String, Option<String>)> {
    let title = |p: &Path| nosmap::io::load(p).ok().map(|map| map.meta().title.clone());
    let mut files = vec![(path.display().to_string(), title(path))];
    for n in 1..=3 {
        let bak = backup_path(path, n);
        files.push((bak.display().to_string(), title(&bak)));
    }
    files
}

#[test]
fn a_save_that_fails_on_a_full_disk_leaves_the_file_and_every_backup_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let Some(disk) = SmallDisk::mount(dir.path(), 256 * 1024) else {
        return;
    };
    let path = disk.at.join("m.nosmap.ron");
    for n in 1..=4 {
        save_with(
            &titled(&format!("Version {n}")),
            &path,
            SaveOptions::default(),
        )
        .unwrap();
    }
    let before = snapshot(&path);
    assert!(
        before.iter().all(|(_, bytes)| bytes.is_some()),
        "map and three backups"
    );
    disk.fill();
    for n in 5..=7 {
        let failed = save_with(
            &titled(&format!("Version {n}")),
            &path,
            SaveOptions::default(),
        );
        assert!(failed.is_err(), "the disk is full");
        assert!(failed.unwrap_err().to_string().contains("unchanged"));
        assert_eq!(snapshot(&path), before, "after failed save {n}");
    }
    let leftovers: Vec<String> = std::fs::read_dir(&disk.at)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    // Room again: the next save works and rotates as always.
    std::fs::remove_file(disk.at.join("filler")).unwrap();
    save_with(&titled("Version 8"), &path, SaveOptions::default()).unwrap();
    assert_eq!(
        nosmap::io::load(&backup_path(&path, 1))
            .unwrap()
            .meta()
            .title,
        "Version 4",
        "the version before is the newest backup"
    );
}

/// Cells that start like a formula (OWASP: = + - @ tab CR) are written so that a spreadsheet shows
/// them as text, and read back exactly.
#[test]
fn spreadsheet_cells_never_start_a_formula_and_still_come_back_exact() {
    use nosmap::model::{Statement, Unit};
    let hostile = [
        "=HYPERLINK(\"http://example.invalid\",\"click\")",
        "+cmd|' /C calc'!A0",
        "-5 degrees is too cold",
        "@SUM(1+1)",
        "+44 20 7946 0000",
        "'=already quoted by someone",
        "''+twice",
        "ordinary text",
    ];
    let map =
        nosmap::io::load(&common::example("learning-and-development-2010.nosmap.ron")).unwrap();
    let mut doc = nosmap::edit::Document::new(map);
    let area = doc.map().children(doc.map().root())[0];
    let mut unit = Unit::new("TST01", hostile[0]);
    unit.overview = hostile[1].into();
    unit.performance_criteria = hostile[2..].iter().map(|t| Statement::item(*t)).collect();
    unit.metadata.keywords = vec![hostile[3].into(), hostile[4].into()];
    common::add(&mut doc, area, unit.into());
    let mut meta = doc.map().meta().clone();
    meta.title = hostile[5].into();
    doc.apply("title", nosmap::edit::Edit::SetMeta(meta))
        .unwrap();
    let map = doc.map().clone();

    let csv = nosmap::io::table::to_csv(&map).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    let back = nosmap::io::table::from_csv(&csv, Path::new("m.csv")).unwrap();
    assert_eq!(
        nosmap::io::to_string(&back).unwrap(),
        nosmap::io::to_string(&map).unwrap(),
        "the round trip is exact"
    );
}

/// Hole 6: `export` overwrote any file without asking, the map itself included.
#[test]
fn export_refuses_an_existing_file_without_force_and_never_overwrites_its_map() {
    let dir = tempfile::tempdir().unwrap();
    let map = common::copy_example("it-users-2015.nosmap.ron", dir.path());
    let map_text = std::fs::read(&map).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_nosmap"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let said = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();
    std::fs::write(dir.path().join("old.csv"), "someone's spreadsheet").unwrap();
    let out = run(&[
        "export",
        "it-users-2015.nosmap.ron",
        "--format",
        "csv",
        "-o",
        "old.csv",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(
        said(&out).contains("already exists; use --force"),
        "{}",
        said(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("old.csv")).unwrap(),
        "someone's spreadsheet"
    );
    let out = run(&[
        "export",
        "it-users-2015.nosmap.ron",
        "--format",
        "csv",
        "-o",
        "old.csv",
        "--force",
    ]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(
        std::fs::read_to_string(dir.path().join("old.csv"))
            .unwrap()
            .contains("kind")
    );
    // The map itself, by its name or another path to it, is never an export's output.
    for output in ["it-users-2015.nosmap.ron", "./it-users-2015.nosmap.ron"] {
        let out = run(&[
            "export",
            "it-users-2015.nosmap.ron",
            "--format",
            "csv",
            "-o",
            output,
            "--force",
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", said(&out));
        assert!(
            said(&out).contains("is the map being exported"),
            "{}",
            said(&out)
        );
    }
    assert_eq!(
        std::fs::read(&map).unwrap(),
        map_text,
        "the map is untouched"
    );
}

/// Hole 11 (part): a title carrying terminal escape sequences is printed harmless by the CLI.
#[test]
fn the_cli_never_prints_a_titles_terminal_escapes_raw() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("esc.nosmap.ron");
    let evil = "Plan\u{1b}]0;pwned\u{7} the\u{1b}[2J work\u{9b}31m";
    let mut doc = nosmap::edit::Document::new(nosmap::model::FunctionalMap::new(
        nosmap::model::MapMeta::new(evil),
        nosmap::model::KeyPurpose::new(evil),
    ));
    let root = doc.map().root();
    common::add(
        &mut doc,
        root,
        nosmap::model::Function::new("A", evil).into(),
    );
    nosmap::io::save(doc.map(), &path).unwrap();
    for args in [
        vec!["info", "esc.nosmap.ron", "--tree"],
        vec!["check", "esc.nosmap.ron"],
        vec![
            "export",
            "esc.nosmap.ron",
            "--format",
            "svg",
            "-o",
            "x.svg",
            "--branch",
            "nope",
        ],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nosmap"))
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(
                !text
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{args:?} printed a control character: {text:?}"
            );
        }
        // Where the title is printed, its escape is shown as text, not run.
        if args[0] != "export" {
            let shown = String::from_utf8_lossy(&out.stdout);
            assert!(shown.contains("\\u{1b}"), "{args:?}: {shown}");
        }
    }
}

/// Hole 11 (part): `-o` naming a folder says so, and no CLI message sends people to Save As.
#[test]
fn an_output_that_is_a_folder_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_example("it-users-2015.nosmap.ron", dir.path());
    std::fs::create_dir(dir.path().join("out")).unwrap();
    for output in ["out/", "missing/"] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nosmap"))
            .args([
                "export",
                "it-users-2015.nosmap.ron",
                "--format",
                "svg",
                "-o",
                output,
            ])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{said}");
        assert!(
            said.contains("that is a folder, not a file"),
            "{output}: {said}"
        );
        assert!(!said.contains("Save As"), "{said}");
    }
}

/// A process that died while autosaving leaves `.NAME.recovery.PID.N.tmp` beside the map; the
/// next write of that file removes it (a live process's temporary stays).
#[test]
fn temporaries_of_a_crashed_autosave_are_cleaned_up_by_the_next_one() {
    let folder = tempfile::tempdir().unwrap();
    let map_path = folder.path().join("m.nosmap.ron");
    save_with(&titled("M"), &map_path, SaveOptions::default()).unwrap();
    let recovery = nosmap::io::recovery::write_recovery(&titled("M2"), Some(&map_path)).unwrap();
    let name = recovery.file_name().unwrap().to_string_lossy().into_owned();
    // A PID that no process has: the largest a Linux kernel hands out, plus one.
    let dead = folder.path().join(format!(".{name}.4194304.0.tmp"));
    let alive = folder
        .path()
        .join(format!(".{name}.{}.99.tmp", std::process::id()));
    std::fs::write(&dead, "half an autosave").unwrap();
    std::fs::write(&alive, "being written").unwrap();
    nosmap::io::recovery::write_recovery(&titled("M3"), Some(&map_path)).unwrap();
    assert!(!dead.exists(), "the dead process's temporary is removed");
    assert!(alive.exists(), "a live process's temporary is left alone");
}

/// A spreadsheet saved in Windows-1252 (Excel's default on Windows) is refused with the file,
/// line and column, and with how to save it as UTF-8.
#[test]
fn a_latin1_spreadsheet_is_refused_with_how_to_save_it_as_utf8() {
    let folder = tempfile::tempdir().unwrap();
    let csv = folder.path().join("units.csv");
    std::fs::write(&csv, b"urn,title\nX1,Caf\xe9 service\n").unwrap();
    let error = nosmap::io::read_text(&csv).unwrap_err().to_string();
    assert!(error.contains("units.csv:2:7"), "{error}");
    assert!(error.contains("UTF-8"), "{error}");
    assert!(error.contains("CSV UTF-8"), "how to save it: {error}");
    let map = folder.path().join("m.nosmap.ron");
    std::fs::write(&map, b"(\xe9)").unwrap();
    let error = nosmap::io::read_text(&map).unwrap_err().to_string();
    assert!(
        !error.contains("CSV UTF-8"),
        "a map gets no spreadsheet advice: {error}"
    );
}
