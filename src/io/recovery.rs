//! Crash recovery: autosaved copies of unsaved work, kept apart from the user's file.
//!
//! A titled map's recovery copy is `name.nosmap.ron.recovery` beside it; an untitled map's lives
//! in the user data folder (`…/nosmap/recovery/untitled-PID.nosmap.ron`). Recovery copies are
//! ordinary map files, written atomically, and removed after a successful save or a discard.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{LoadError, SaveError};
use crate::model::FunctionalMap;

/// Unsaved work found on start.
#[derive(Debug)]
pub struct Recovery {
    /// Where the recovery copy is.
    pub path: PathBuf,
    /// When it was written.
    pub written: Option<SystemTime>,
    /// The recovered map.
    pub map: FunctionalMap,
}

/// Where the recovery copy of `map_path` (or of this process's first untitled map) goes.
pub fn recovery_path(map_path: Option<&Path>) -> Option<PathBuf> {
    recovery_path_for(map_path, 0)
}

/// Where the recovery copy of `map_path` goes, or of the untitled map in `slot` (an editor with
/// several untitled maps open numbers them, so their copies do not overwrite each other).
pub fn recovery_path_for(map_path: Option<&Path>, slot: u32) -> Option<PathBuf> {
    match map_path {
        Some(path) => {
            let mut name = path.file_name()?.to_os_string();
            name.push(".recovery");
            Some(path.with_file_name(name))
        }
        None => {
            let pid = std::process::id();
            let name = match slot {
                0 => format!("untitled-{pid}.nosmap.ron"),
                n => format!("untitled-{pid}-{n}.nosmap.ron"),
            };
            Some(untitled_folder()?.join(name))
        }
    }
}

/// The folder holding recovery copies of untitled maps.
pub fn untitled_folder() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))?;
    Some(base.join("nosmap").join("recovery"))
}

/// Writes the recovery copy of unsaved work. Never touches the user's file.
pub fn write_recovery(map: &FunctionalMap, map_path: Option<&Path>) -> Result<PathBuf, SaveError> {
    write_recovery_for(map, map_path, 0)
}

/// Writes the recovery copy of unsaved work of the map at `map_path`, or of the untitled map in
/// `slot` (see [`recovery_path_for`]).
pub fn write_recovery_for(
    map: &FunctionalMap,
    map_path: Option<&Path>,
    slot: u32,
) -> Result<PathBuf, SaveError> {
    let Some(path) = recovery_path_for(map_path, slot) else {
        return Err(SaveError::io(
            Path::new("recovery"),
            std::io::Error::other("no folder for recovery copies"),
        ));
    };
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|e| SaveError::io(folder, e))?;
    }
    let text = super::to_string(map).map_err(|message| SaveError::Encode {
        path: path.clone(),
        message,
    })?;
    super::safe_write::write_atomically(&path, text.as_bytes(), map_path)?;
    Ok(path)
}

/// The recovery copy of `map_path`, if one was left behind and differs from the file.
pub fn find_recovery(map_path: &Path) -> Result<Option<Recovery>, LoadError> {
    let Some(path) = recovery_path(Some(map_path)) else {
        return Ok(None);
    };
    if !path.is_file() {
        return Ok(None);
    }
    let map = super::load(&path)?;
    if super::load(map_path).is_ok_and(|saved| saved == map) {
        // Nothing was lost: the file already holds this work.
        discard(&path);
        return Ok(None);
    }
    let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
    Ok(Some(Recovery { path, written, map }))
}

/// Recovery copies of untitled maps whose process is gone, newest first.
pub fn find_untitled_recoveries() -> Vec<Recovery> {
    let Some(folder) = untitled_folder() else {
        return Vec::new();
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    // This process's own copies (`untitled-PID.…`, `untitled-PID-2.…`) are work in progress.
    let mine = format!("untitled-{}", std::process::id());
    let is_mine = |name: &str| {
        name.strip_prefix(&mine)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('-'))
    };
    let mut found: Vec<Recovery> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !is_mine(&n.to_string_lossy()))
        })
        .filter_map(|path| {
            let map = super::load(&path).ok()?;
            let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
            Some(Recovery { path, written, map })
        })
        .collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.written));
    found
}

/// Removes a recovery copy (after a save, a restore that was saved, or a discard).
pub fn discard(recovery_path: &Path) {
    std::fs::remove_file(recovery_path).ok();
}
