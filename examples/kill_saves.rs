//! Kills a process with SIGKILL at random moments while it saves a map over and over, then checks
//! that the map file and its backups always hold a complete version.
//!
//! Run: `scripts/kill-saves.sh` (100 kills), or `cargo run --example kill_saves -- KILLS`.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Duration;

use nosmap::io::{SaveOptions, backup_path, save_with};
use nosmap::model::FunctionalMap;

const SMALL: &str = include_str!("learning-and-development-2010.nosmap.ron");
const LARGE: &str = include_str!("management-and-leadership-2008.nosmap.ron");

fn versions() -> [FunctionalMap; 2] {
    let parse = |text| nosmap::io::from_str(text, Path::new("example"));
    match (parse(SMALL), parse(LARGE)) {
        (Ok(small), Ok(large)) => [small, large],
        _ => {
            eprintln!("error: the bundled examples do not load");
            std::process::exit(2);
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, file] = args.as_slice() {
        if flag == "--child" {
            save_forever(Path::new(file));
        }
    }
    let kills: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(100);
    match run(kills) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The child: alternately saves the two versions until it is killed.
fn save_forever(path: &Path) -> ! {
    let [small, large] = versions();
    loop {
        for map in [&small, &large] {
            if let Err(error) = save_with(map, path, SaveOptions::default()) {
                eprintln!("child: {error}");
            }
        }
    }
}

fn run(kills: usize) -> Result<usize, String> {
    let versions = versions();
    let folder = tempfile::tempdir().map_err(|e| e.to_string())?;
    let path = folder.path().join("map.nosmap.ron");
    save_with(&versions[0], &path, SaveOptions::default()).map_err(|e| e.to_string())?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut bad = 0;
    let mut most_leftovers = 0;
    for kill in 1..=kills {
        let mut child = Command::new(&exe)
            .arg("--child")
            .arg(&path)
            .spawn()
            .map_err(|e| e.to_string())?;
        // A pseudo-random delay of 5–60 ms, so kills land at every stage of a save.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(5 + seed % 56));
        child.kill().map_err(|e| e.to_string())?;
        child.wait().map_err(|e| e.to_string())?;
        for file in std::iter::once(path.clone()).chain((1..=3).map(|n| backup_path(&path, n))) {
            if let Some(problem) = verify(&file, &versions, file == path) {
                bad += 1;
                eprintln!("kill {kill}: {problem}");
            }
        }
        most_leftovers = most_leftovers.max(temporaries(folder.path()));
    }
    // The next save clears what killed saves left behind.
    save_with(&versions[1], &path, SaveOptions::default()).map_err(|e| e.to_string())?;
    let remaining = temporaries(folder.path());
    if remaining > 0 {
        bad += 1;
        eprintln!("{remaining} temporary files were not cleaned up by the next save");
    }
    println!(
        "{kills} kills during saves: {bad} corrupt or lost files (at most {most_leftovers} unfinished temporary files at once, cleared by the next save)"
    );
    Ok(bad)
}

/// `None` when `file` holds one of the two versions (or is an absent backup).
fn verify(file: &Path, versions: &[FunctionalMap; 2], required: bool) -> Option<String> {
    if !file.exists() {
        return required.then(|| format!("{} is missing", file.display()));
    }
    match nosmap::io::load(file) {
        Ok(map) if versions.contains(&map) => None,
        Ok(_) => Some(format!("{} holds an unexpected map", file.display())),
        Err(error) => Some(format!("{error}")),
    }
}

fn temporaries(folder: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count()
}
