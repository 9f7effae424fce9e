//! What can go wrong reading or writing files, with the file, line and column where known.

use std::path::PathBuf;

use thiserror::Error;

/// A map file that could not be read. Each message is one sentence naming the file.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The operating system refused (missing file, a directory, no permission…).
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Larger than any map nosmap writes.
    #[error("{path}: the file is {size} bytes, more than the {limit}-byte limit for a map file")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    /// Not text.
    #[error(
        "{path}:{line}:{column}: the file is not UTF-8 text (first bad byte at offset {offset}){}",
        utf8_advice(.path)
    )]
    NotText {
        path: PathBuf,
        offset: usize,
        line: usize,
        column: usize,
    },
    /// Not RON, or not the shape of a map file.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// RON, but not a nosmap map.
    #[error("{path}: this is not a nosmap map file (its format is {found:?}, expected \"nosmap\")")]
    NotAMap { path: PathBuf, found: String },
    /// Written by a newer nosmap; left untouched.
    #[error(
        "{path}: the file uses format version {found}, newer than the {supported} this nosmap reads; it has not been changed: open it with a newer nosmap"
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// Well-formed, but the content breaks a rule of maps (unknown child, second root…).
    #[error("{path}:{line}: {message}", line = line.map_or_else(|| "?".to_string(), |l| l.to_string()))]
    Content {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
}

/// A file that could not be written. The message ends with what the user can do; the file on
/// disk is left as it was.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The operating system refused.
    #[error("{path}: cannot write the file: {source}; {hint}", hint = save_hint(path, source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The serializer failed (a bug, reported rather than hidden).
    #[error("{path}: cannot encode the map: {message}")]
    Encode { path: PathBuf, message: String },
    /// The file's permissions say it is not to be written; the editor asks before writing it.
    #[error(
        "{path}: the file is read-only; save it somewhere else, or make it writable first (the file on disk is unchanged)"
    )]
    ReadOnly { path: PathBuf },
    /// A device, pipe or folder where a file was expected.
    #[error(
        "{path}: not a regular file (a device, pipe or folder); choose a file name (nothing was written)"
    )]
    NotAFile { path: PathBuf },
}

impl SaveError {
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// What to do about a failed write, by cause, in words that fit the editor and the command line
/// alike (the editor's Save As and the CLI's `-o` both choose "somewhere else").
fn save_hint(path: &std::path::Path, error: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    let names_a_folder = path
        .as_os_str()
        .to_string_lossy()
        .ends_with(std::path::MAIN_SEPARATOR)
        || path.is_dir();
    if names_a_folder {
        return "that is a folder, not a file: add a file name (nothing was written)";
    }
    match error.kind() {
        K::PermissionDenied | K::ReadOnlyFilesystem => {
            "the folder or file is read-only: save it somewhere else (the file on disk is unchanged)"
        }
        K::StorageFull | K::QuotaExceeded => {
            "the disk is full: free some space or save it on another disk (the file on disk is unchanged)"
        }
        K::NotFound | K::NotADirectory => {
            "the folder does not exist: choose another (the file on disk is unchanged)"
        }
        _ => "the file on disk is unchanged; save a copy somewhere else",
    }
}

/// How to turn a spreadsheet into UTF-8, for a CSV file that is not: Excel on Windows saves
/// “CSV (Comma delimited)” in Windows-1252.
fn utf8_advice(path: &std::path::Path) -> &'static str {
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        "; a spreadsheet saved by Excel as “CSV (Comma delimited)” is Windows-1252: save it as \
         “CSV UTF-8 (Comma delimited)” instead (in LibreOffice: Save As, Text CSV, character \
         set “Unicode (UTF-8)”)"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(kind: std::io::ErrorKind) -> String {
        SaveError::io(
            std::path::Path::new("m.nosmap.ron"),
            std::io::Error::from(kind),
        )
        .to_string()
    }

    #[test]
    fn failed_saves_say_what_happened_and_what_to_do() {
        use std::io::ErrorKind as K;
        assert!(message(K::PermissionDenied).contains("read-only: save it somewhere else"));
        assert!(message(K::ReadOnlyFilesystem).contains("read-only"));
        assert!(message(K::StorageFull).contains("the disk is full"));
        assert!(message(K::NotFound).contains("the folder does not exist"));
        let folder = SaveError::io(
            std::path::Path::new("out/"),
            std::io::Error::from(K::NotFound),
        );
        assert!(folder.to_string().contains("that is a folder, not a file"));
        for kind in [K::PermissionDenied, K::StorageFull, K::NotFound, K::Other] {
            let text = message(kind);
            assert!(
                text.starts_with("m.nosmap.ron: cannot write the file"),
                "{text}"
            );
            assert!(text.contains("unchanged"), "{text}");
        }
    }
}
