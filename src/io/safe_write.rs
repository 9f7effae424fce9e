//! Saving without ever leaving a half-written file: write a temporary file in the same folder,
//! flush it to disk, then rename it over the target (atomic on one file system). Earlier versions
//! are kept as numbered backups beside the file.
//!
//! A save keeps the file's identity, as vim and LibreOffice do: through a symbolic link it writes
//! the file the link points to; the new file gets the old one's permissions and (where the system
//! allows: always for root) its owner; a file with several hard links is rewritten in place,
//! after the new content is safely on disk beside it, so every link sees the new version. A
//! read-only file is not written unless the caller says so (the editor asks first), and anything
//! that is not a regular file (a device, a pipe, a folder) is refused rather than read or
//! replaced.

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
    /// Write over a file whose permissions make it read-only (the user was asked and agreed).
    pub overwrite_read_only: bool,
}

impl Default for SaveOptions {
    fn default() -> Self {
        Self {
            backups: DEFAULT_BACKUPS,
            overwrite_read_only: false,
        }
    }
}

impl SaveOptions {
    /// No backups: exports, reports and settings.
    pub fn no_backups() -> Self {
        Self {
            backups: 0,
            ..Self::default()
        }
    }

    /// The default, or `NOSMAP_BACKUPS` backups when that variable holds a number (0 to 20).
    pub fn from_env() -> Self {
        let backups = std::env::var("NOSMAP_BACKUPS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok());
        Self {
            backups: backups.map_or(DEFAULT_BACKUPS, |n| n.min(20)),
            ..Self::default()
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
/// to do. See the module's words for what a save keeps of the file.
pub fn save_bytes(path: &Path, bytes: &[u8], options: SaveOptions) -> Result<(), SaveError> {
    let path = &through_links(path);
    let existing = match fs::metadata(path) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(SaveError::io(path, error)),
    };
    if let Some(metadata) = &existing {
        if !metadata.is_file() {
            return Err(SaveError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        if metadata.permissions().readonly() && !options.overwrite_read_only {
            return Err(SaveError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
    }
    remove_stale_temporaries(path);
    // Only a file of the same length can hold the same bytes: never read more than that.
    let unchanged = existing
        .as_ref()
        .is_some_and(|m| m.len() == bytes.len() as u64)
        && fs::read(path).ok().is_some_and(|old| old == bytes);
    if unchanged {
        return Ok(());
    }
    // The new version is written and flushed before any backup moves, so a save that fails (a
    // full disk, a name too long) leaves the file and every backup as they were.
    let temp = write_temporary(path, bytes, existing.as_ref())
        .map_err(|source| SaveError::io(path, source))?;
    let replaced = (|| {
        let linked = existing.as_ref().is_some_and(|m| hard_links(m) > 1);
        if options.backups > 0 && existing.is_some() {
            rotate_backups(path, options.backups, linked)?;
        }
        if linked {
            // Renaming would leave the other links on the old version: write through the file.
            rewrite_in_place(path, bytes).map_err(|e| SaveError::io(path, e))?;
            fs::remove_file(&temp).ok();
        } else {
            fs::rename(&temp, path).map_err(|e| SaveError::io(path, e))?;
        }
        sync_folder(path);
        Ok(())
    })();
    if replaced.is_err() {
        fs::remove_file(&temp).ok();
    }
    replaced
}

/// The file a chain of symbolic links ends at (a link to a file not yet made: where it would be).
fn through_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // A loop of links is left to the write to report.
    for _ in 0..40 {
        let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        let Some(target) = is_link.then(|| fs::read_link(&path).ok()).flatten() else {
            break;
        };
        path = match path.parent() {
            Some(folder) if target.is_relative() => folder.join(target),
            _ => target,
        };
    }
    path
}

#[cfg(unix)]
fn hard_links(metadata: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(metadata)
}

#[cfg(not(unix))]
fn hard_links(_: &fs::Metadata) -> u64 {
    1
}

/// Overwrites a file's content where it is (its inode, links, mode and owner stay).
fn rewrite_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = File::options().write(true).truncate(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Gives a new file the permissions and, where allowed, the owner of the one it replaces.
#[cfg(unix)]
fn take_identity(file: &File, of: &fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    let mine = file.metadata()?;
    if (mine.uid(), mine.gid()) != (of.uid(), of.gid()) {
        // Only root may give a file away; anyone may set a group they belong to. Where neither
        // is allowed the file stays the saver's, as with any editor.
        std::os::unix::fs::fchown(file, Some(of.uid()), Some(of.gid()))
            .or_else(|_| std::os::unix::fs::fchown(file, None, Some(of.gid())))
            .ok();
    }
    file.set_permissions(of.permissions())
}

#[cfg(not(unix))]
fn take_identity(file: &File, of: &fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(of.permissions())
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
/// hard-linked, which needs no room on a full disk; where links are refused, or the file is to be
/// rewritten in place (`copy`: a link would change with it), it is copied.
fn rotate_backups(path: &Path, keep: usize, copy: bool) -> Result<(), SaveError> {
    let io_error = |target: &Path, source| SaveError::io(target, source);
    // Made first, so a failure here moves no backup.
    let bak1 = backup_path(path, 1);
    let newest = temp_path(&bak1);
    let linked = !copy && fs::hard_link(path, &newest).is_ok();
    let newest = if linked {
        newest
    } else {
        let current = fs::read(path).map_err(|e| io_error(path, e))?;
        let metadata = fs::metadata(path).ok();
        write_temporary(&bak1, &current, metadata.as_ref()).map_err(|e| io_error(&bak1, e))?
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

/// Writes `bytes` to a temporary file beside `path`, flushes it, and renames it over `path`. The
/// new file has the permissions of the one it replaces or, for a new one, of `like` (a map's
/// recovery copy and view file are as private as the map).
pub fn write_atomically(path: &Path, bytes: &[u8], like: Option<&Path>) -> Result<(), SaveError> {
    // Autosave writes recovery copies this way: a process killed mid-write leaves its
    // temporary, which the next write of the same file clears.
    remove_stale_temporaries(path);
    let model = fs::metadata(path)
        .ok()
        .filter(fs::Metadata::is_file)
        .or_else(|| like.and_then(|like| fs::metadata(like).ok()));
    let temp = write_temporary(path, bytes, model.as_ref())
        .map_err(|source| SaveError::io(path, source))?;
    fs::rename(&temp, path).map_err(|source| {
        fs::remove_file(&temp).ok();
        SaveError::io(path, source)
    })?;
    sync_folder(path);
    Ok(())
}

/// Writes and flushes `bytes` to a new temporary file beside `path`, with the permissions and
/// owner of `like` when given; removed again on failure.
fn write_temporary(
    path: &Path,
    bytes: &[u8],
    like: Option<&fs::Metadata>,
) -> std::io::Result<PathBuf> {
    let temp = temp_path(path);
    let mut options = File::options();
    options.write(true).create_new(true);
    // Never readable by others for a moment when the file it replaces is private.
    #[cfg(unix)]
    if let Some(like) = like {
        use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
        options.mode(like.permissions().mode() & 0o7777 | 0o200);
    }
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        if let Some(like) = like {
            take_identity(&file, like)?;
        }
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
