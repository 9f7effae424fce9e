//! Map files: the only module that touches the file system or knows RON.
//!
//! Maps are written canonically (the same map always gives the same bytes) and read through the
//! versioned types in `format`, migrating older versions by typed code. Errors name the file, the
//! line and the column where they can. See docs/file-format.md.

mod bare_option;
pub mod case;
pub mod catalogue;
mod convert;
pub mod crosswalk;
mod error;
pub mod folders;
mod format;
pub mod freeplane;
pub mod lock;
pub mod nos_text;
pub mod opml;
mod outline;
mod process;
pub mod recovery;
mod safe_write;
pub mod settings;
pub mod table;
mod view;
mod workshop_log;

use std::path::{Path, PathBuf};

pub use error::{LoadError, SaveError};
pub use folders::map_files_in;
pub use format::{
    COMMENTS_VERSION, CONFLICTS_VERSION, CURRENT_VERSION, FORMAT_NAME, WORKSHOP_LOG_VERSION,
};
pub use safe_write::{DEFAULT_BACKUPS, SaveOptions, backup_path, save_bytes};
pub use view::{load_view, save_view, view_from_str, view_path, view_to_string};

use crate::model::FunctionalMap;

/// Files larger than this are refused before reading: no real map comes near it (the whole 2019
/// catalogue is about 15 MB).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The suffix map files carry.
pub const MAP_EXTENSION: &str = ".nosmap.ron";

/// A map's name for identifiers made from it: its file's name without `.nosmap.ron`.
pub fn map_key(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    name.strip_suffix(MAP_EXTENSION)
        .unwrap_or(&name)
        .to_string()
}

/// Reads a map file.
pub fn load(path: &Path) -> Result<FunctionalMap, LoadError> {
    let text = read_text(path)?;
    from_str(&text, path)
}

/// Reads a file as UTF-8 text, refusing directories, huge files and binary junk.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(io_error(std::io::Error::other(
            "it is a directory, not a file",
        )));
    }
    // A device or pipe has no length to check and may never end (`/dev/zero`, a FIFO).
    if !metadata.is_file() {
        return Err(io_error(std::io::Error::other(
            "it is a device or pipe, not a regular file",
        )));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: metadata.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let before = &error.as_bytes()[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            Err(LoadError::NotText {
                path: path.to_path_buf(),
                offset,
                line,
                column,
            })
        }
    }
}

/// The bytes of a regular file of at most `limit` bytes; a device, pipe, folder or larger file is
/// refused without being read (reading `/dev/zero` or a FIFO would never end).
pub(crate) fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if metadata.len() > limit {
        return Err(std::io::Error::other(format!("larger than {limit} bytes")));
    }
    std::fs::read(path)
}

/// Parses the text of a map file; `path` is used in messages only. What was set aside while
/// reading is dropped silently: callers that show a map to someone use [`open_str`].
pub fn from_str(text: &str, path: &Path) -> Result<FunctionalMap, LoadError> {
    open_str(text, path).map(|opened| opened.map)
}

/// A map read from a file, and what was set aside while reading it.
#[derive(Debug)]
pub struct Opened {
    pub map: FunctionalMap,
    /// One sentence per thing dropped (an annotation naming a node or statement that is not in
    /// the map); empty for a sound file.
    pub notes: Vec<String>,
}

/// Reads a map file, with notes on anything set aside.
pub fn open(path: &Path) -> Result<Opened, LoadError> {
    let text = read_text(path)?;
    open_str(&text, path)
}

/// Parses the text of a map file, with notes on anything set aside; `path` is used in messages.
pub fn open_str(text: &str, path: &Path) -> Result<Opened, LoadError> {
    let options = ron::Options::default();
    let header: format::HeaderDto = options.from_str(text).map_err(|e| syntax_error(path, &e))?;
    if header.format != FORMAT_NAME {
        return Err(LoadError::NotAMap {
            path: path.to_path_buf(),
            found: header.format,
        });
    }
    let read = match header.version {
        1 => {
            let file: format::FileDto<String, String> =
                options.from_str(text).map_err(|e| syntax_error(path, &e))?;
            convert::from_dto(file)
        }
        // Versions 3 and 4 only added optional fields, so versions 2–4 read with the same types.
        2..=4 => {
            let file: format::FileDto<format::TextStatementDto, String> =
                options.from_str(text).map_err(|e| syntax_error(path, &e))?;
            convert::from_dto(file)
        }
        // Versions 6 to 8 only added optional fields (`conflicts`, `comments`, `sessions`), so
        // 5–8 read alike.
        CURRENT_VERSION..=WORKSHOP_LOG_VERSION => {
            let file: format::CurrentFile =
                options.from_str(text).map_err(|e| syntax_error(path, &e))?;
            convert::from_dto(file)
        }
        found if found > WORKSHOP_LOG_VERSION => {
            return Err(LoadError::NewerVersion {
                path: path.to_path_buf(),
                found,
                supported: WORKSHOP_LOG_VERSION,
            });
        }
        found => {
            return Err(LoadError::Content {
                path: path.to_path_buf(),
                line: line_of_field(text, "version"),
                message: format!("format version {found} does not exist; versions start at 1"),
            });
        }
    };
    let read = read.map_err(|e| LoadError::Content {
        path: path.to_path_buf(),
        line: e.node.and_then(|id| line_of_node(text, id)),
        message: e.message,
    })?;
    Ok(Opened {
        map: read.map,
        notes: read.notes,
    })
}

/// The canonical text of a map file.
pub fn to_string(map: &FunctionalMap) -> Result<String, String> {
    let mut text = ron::ser::to_string_pretty(&convert::to_dto(map), pretty_config())
        .map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

/// Writes a map file safely: atomically, keeping the default number of backups.
pub fn save(map: &FunctionalMap, path: &Path) -> Result<(), SaveError> {
    save_with(map, path, SaveOptions::default())
}

/// Writes a map file safely with the given options (see [`save_bytes`]).
pub fn save_with(map: &FunctionalMap, path: &Path, options: SaveOptions) -> Result<(), SaveError> {
    let text = to_string(map).map_err(|message| SaveError::Encode {
        path: path.to_path_buf(),
        message,
    })?;
    save_bytes(path, text.as_bytes(), options)
}

/// What a file held when it was read or written, to tell whether it changed on disk since.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    hash: u64,
}

/// The fingerprint of a file's current content, or `None` when it cannot be read.
pub fn fingerprint(path: &Path) -> Option<Fingerprint> {
    use std::hash::{Hash as _, Hasher as _};
    let bytes = read_regular(path, MAX_FILE_BYTES).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(Fingerprint {
        len: bytes.len() as u64,
        hash: hasher.finish(),
    })
}

/// The pretty-printer settings that make files canonical.
pub(crate) fn pretty_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        .compact_arrays(false)
}

fn syntax_error(path: &Path, error: &ron::error::SpannedError) -> LoadError {
    let message = describe_ron_error(&error.code);
    LoadError::Syntax {
        path: path.to_path_buf(),
        line: error.span.start.line,
        column: error.span.start.col,
        message,
    }
}

/// RON's messages, made into sentences a user can act on.
fn describe_ron_error(error: &ron::Error) -> String {
    use ron::Error as E;
    match error {
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("the field `{field}` is missing from `{outer}`"),
            None => format!("the field `{field}` is missing"),
        },
        E::NoSuchStructField {
            found,
            outer,
            expected,
        } => {
            let place = outer
                .as_ref()
                .map_or_else(String::new, |o| format!(" in `{o}`"));
            format!(
                "unknown field `{found}`{place} (expected one of: {}); unknown fields are refused so that no data is lost on save",
                expected.join(", ")
            )
        }
        E::ExceededRecursionLimit => "the file is nested too deeply".to_string(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map_or(text.clone(), |first| {
                first.to_lowercase().chain(chars).collect()
            })
        }
    }
}

/// The 1-based line where node `id` starts, found by its `id: N` field.
fn line_of_node(text: &str, id: u64) -> Option<usize> {
    let needle = format!("id: {id}");
    text.lines()
        .position(|line| {
            line.find(&needle).is_some_and(|at| {
                let rest = &line[at + needle.len()..];
                !rest.starts_with(|c: char| c.is_ascii_digit())
            })
        })
        .map(|i| i + 1)
}

/// The 1-based line of the first `name:` field.
fn line_of_field(text: &str, name: &str) -> Option<usize> {
    let needle = format!("{name}:");
    text.lines()
        .position(|line| line.trim_start().starts_with(&needle))
        .map(|i| i + 1)
}

/// Today's date from the system clock (for review-date checks). The clock is outside the pure
/// core, like the disk, so it is read here.
pub fn today() -> Option<crate::model::Date> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    crate::model::Date::from_days_since_epoch(i64::try_from(seconds / 86_400).ok()?)
}

/// `name.nosmap.ron` for a map title, for `nosmap new` and Save As.
pub fn default_file_name(title: &str) -> PathBuf {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem = if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug
    };
    PathBuf::from(format!("{stem}{MAP_EXTENSION}"))
}
