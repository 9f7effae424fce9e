//! Saving without ever leaving a half-written file: write a temporary file in the same folder,
//! flush it to disk, then rename it over the target (atomic on one file system). Earlier versions
//! are kept as numbered backups beside the file.

use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::SaveError;

/// How many earlier versions a save keeps by default (`name.nosmap.ron.bak1` is the newest).
pub const DEFAULT_BACKUPS: usize = 3;

/// Choices for a save.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SaveOptions {
    /// Earlier versions to keep; 0 keeps none.
    pub backups: usize,
}

impl Default for SaveOptions {
    fn default() -> Self {
        Self {
            backups: DEFAULT_BACKUPS,
        }
    }
}

impl SaveOptions {
    /// The default, or `NOSMAP_BACKUPS` backups when that variable holds a number (0 to 20).
    pub fn from_env() -> Self {
        let backups = std::env::var("NOSMAP_BACKUPS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok());
        Self {
            backups: backups.map_or(DEFAULT_BACKUPS, |n| n.min(20)),
        }
    }
}

/// `name.nosmap.ron.bakN`: the N-th most recent earlier version.
pub fn backup_path(path: &Path, n: usize) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".bak{n}"));
    path.with_file_name(name)
}

/// Replaces `path` with `bytes`, keeping `options.backups` earlier versions. Either the old or the
/// new content is at `path` at every moment; on failure the old one stays and the error says what
/// to do.
pub fn save_bytes(path: &Path, bytes: &[u8], options: SaveOptions) -> Result<(), SaveError> {
    remove_stale_temporaries(path);
    let unchanged = fs::read(path).ok().is_some_and(|old| old == bytes);
    if unchanged {
        return Ok(());
    }
    // The new version is written and flushed before any backup moves, so a save that fails (a
    // full disk, a name too long) leaves the file and every backup as they were.
    let temp = write_temporary(path, bytes).map_err(|source| SaveError::io(path, source))?;
    let replaced = (|| {
        if options.backups > 0 && path.is_file() {
            rotate_backups(path, options.backups)?;
        }
        fs::rename(&temp, path).map_err(|e| SaveError::io(path, e))?;
        sync_folder(path);
        Ok(())
    })();
    if replaced.is_err() {
        fs::remove_file(&temp).ok();
    }
    replaced
}

/// Removes temporary files of earlier saves of `path` whose process died mid-save.
fn remove_stale_temporaries(path: &Path) {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".tmp"))
        else {
            continue;
        };
        // `.NAME.PID.N.tmp`, or `.NAME.bakK.PID.N.tmp` for a backup being written.
        let mut parts = rest.split('.').skip_while(|part| part.starts_with("bak"));
        let pid = parts.next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !super::process::process_alive(pid)) {
            fs::remove_file(entry.path()).ok();
        }
    }
}

/// Shifts `bak1…bakN-1` up by one and makes the current file `bak1`. The current file is
/// hard-linked, which needs no room on a full disk; where links are refused it is copied.
fn rotate_backups(path: &Path, keep: usize) -> Result<(), SaveError> {
    let io_error = |target: &Path, source| SaveError::io(target, source);
    // Made first, so a failure here moves no backup.
    let bak1 = backup_path(path, 1);
    let newest = temp_path(&bak1);
    let newest = match fs::hard_link(path, &newest) {
        Ok(()) => newest,
        Err(_) => {
            let current = fs::read(path).map_err(|e| io_error(path, e))?;
            write_temporary(&bak1, &current).map_err(|e| io_error(&bak1, e))?
        }
    };
    for n in (1..keep).rev() {
        let from = backup_path(path, n);
        if from.exists() {
            let to = backup_path(path, n + 1);
            fs::rename(&from, &to).map_err(|e| io_error(&to, e))?;
        }
    }
    fs::rename(&newest, &bak1).map_err(|e| io_error(&bak1, e))
}

/// Writes `bytes` to a temporary file beside `path`, flushes it, and renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    // Autosave writes recovery copies this way: a process killed mid-write leaves its
    // temporary, which the next write of the same file clears.
    remove_stale_temporaries(path);
    let temp = write_temporary(path, bytes).map_err(|source| SaveError::io(path, source))?;
    fs::rename(&temp, path).map_err(|source| {
        fs::remove_file(&temp).ok();
        SaveError::io(path, source)
    })?;
    sync_folder(path);
    Ok(())
}

/// Writes and flushes `bytes` to a new temporary file beside `path`; removed again on failure.
fn write_temporary(path: &Path, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let temp = temp_path(path);
    let written = File::options()
        .write(true)
        .create_new(true)
        .open(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        });
    match written {
        Ok(()) => Ok(temp),
        Err(error) => {
            fs::remove_file(&temp).ok();
            Err(error)
        }
    }
}

/// A temporary name in the same folder (so the rename stays on one file system), unique within
/// this process and across processes.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// Makes the rename itself durable. Best effort: not every platform can open a folder.
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(folder) = path.parent() {
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        if let Ok(handle) = File::open(folder) {
            handle.sync_all().ok();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
