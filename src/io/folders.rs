//! Questions the editor asks about folders and paths: what a folder holds, whether a file is
//! still there, where the program was started. The GUI asks through these, so only `io` touches
//! the file system.

use std::path::{Path, PathBuf};

use super::MAP_EXTENSION;

/// A path's file name as people read it (the whole path when it has none).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// One entry of a folder as the in-app file chooser lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    /// The file or folder name, without the folder.
    pub name: String,
    pub is_folder: bool,
}

/// The sub-folders and map files (`*.nosmap.ron`) directly in `folder`, hidden ones left out:
/// folders first, then files, each sorted by name.
pub fn folders_and_maps_in(folder: &Path) -> std::io::Result<Vec<FolderEntry>> {
    folders_and_files_in(folder, &[MAP_EXTENSION])
}

/// The sub-folders and the files whose names end with one of `endings` (`.csv`) directly in
/// `folder`, hidden ones left out: folders first, then files, each sorted by name.
pub fn folders_and_files_in(folder: &Path, endings: &[&str]) -> std::io::Result<Vec<FolderEntry>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(folder)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_folder || endings.iter().any(|e| name.ends_with(e)) {
            entries.push(FolderEntry { name, is_folder });
        }
    }
    entries.sort_by(|a, b| {
        b.is_folder
            .cmp(&a.is_folder)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(entries)
}

/// The map files (`*.nosmap.ron`) directly in `folder`, sorted by name; none when the folder
/// cannot be read. The start page lists the examples with it.
pub fn map_files_in(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && path.to_string_lossy().ends_with(MAP_EXTENSION))
        .collect();
    found.sort();
    found
}

/// True when `path` is a file (following links) that is there now: recent files that were moved
/// or deleted are not offered.
pub fn file_exists(path: &Path) -> bool {
    path.is_file()
}

/// True when anything is at `path` (a file, a folder, or a link to one): the CLI will not write
/// over it without `--force`.
pub fn path_exists(path: &Path) -> bool {
    path.exists()
}

/// True when `path` is a folder (following links).
pub fn is_folder(path: &Path) -> bool {
    path.is_dir()
}

/// The folder nosmap was started in, when it can be read.
pub fn working_folder() -> Option<PathBuf> {
    std::env::current_dir().ok()
}

/// True when both paths name the same file (the same path, or the same file reached another
/// way, e.g. through a link or `..`).
pub fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (a.canonicalize(), b.canonicalize()),
            (Ok(a), Ok(b)) if a == b
        )
}

/// The bytes of a file the user chose (a returned review form).
pub fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}
