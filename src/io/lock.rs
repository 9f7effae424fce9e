//! One writer per map: `name.nosmap.ron.lock` records who has the file open, and since when. A lock
//! whose process is gone (same machine) is recognised as stale and can be taken over.

use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::SaveError;
use super::process::process_alive;

/// Locks older than this are stale even when their process cannot be checked (another machine).
pub const STALE_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockOwner {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// Seconds since 1970 when the lock was taken.
    pub since_unix: u64,
}

/// Why a lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Someone else has the file open. `stale` when their process is gone or the lock is old.
    Held { owner: LockOwner, stale: bool },
    /// The lock file could not be written.
    Io(SaveError),
}

/// A held lock; released (the lock file removed) when dropped.
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
    owner: LockOwner,
}

impl FileLock {
    /// Who we are, as written in the lock.
    pub fn owner(&self) -> &LockOwner {
        &self.owner
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Only remove the lock if it is still ours (it may have been taken over).
        if read_owner(&self.path).is_some_and(|o| o == self.owner) {
            fs::remove_file(&self.path).ok();
        }
    }
}

/// `name.nosmap.ron.lock`.
pub fn lock_path(map_path: &Path) -> PathBuf {
    let mut name = map_path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    map_path.with_file_name(name)
}

/// Takes the lock of a map file, or says who holds it.
pub fn acquire(map_path: &Path) -> Result<FileLock, LockError> {
    let path = lock_path(map_path);
    let owner = this_process();
    match create_with_content(&path, describe(&owner).as_bytes()) {
        Ok(()) => Ok(FileLock { path, owner }),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            refuse_unless_regular(&path).map_err(LockError::Io)?;
            match read_owner(&path) {
                Some(holder) => {
                    let stale = is_stale(&holder);
                    Err(LockError::Held {
                        owner: holder,
                        stale,
                    })
                }
                // An unreadable lock (cut short by a crash) protects nothing.
                None => take_over(map_path).map_err(LockError::Io),
            }
        }
        Err(error) => Err(LockError::Io(SaveError::io(&path, error))),
    }
}

/// Creates `path` holding `content`, failing with `AlreadyExists` if it exists. The content is
/// written to a temporary file first and hard-linked into place, so no reader ever sees a lock
/// half written; where hard links are unsupported, falls back to create-then-write.
fn create_with_content(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let temp = path.with_file_name(format!(
        ".{}.{}.new",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    // Never follow a link planted under the temporary name: unlink whatever is there (a link is
    // removed, not its target) and create the file exclusively (O_EXCL does not follow links).
    match fs::remove_file(&temp) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    let mut file = File::options().write(true).create_new(true).open(&temp)?;
    file.write_all(content)?;
    file.sync_all()?;
    drop(file);
    let linked = fs::hard_link(&temp, path);
    fs::remove_file(&temp).ok();
    match linked {
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Err(error),
        Err(_) => {
            let mut file = File::options().write(true).create_new(true).open(path)?;
            file.write_all(content)
        }
        Ok(()) => Ok(()),
    }
}

/// A lock path that is a link, a folder, a FIFO or a device was not made by nosmap: reading it
/// could follow a link anywhere or hang, so it is refused with a sentence.
fn refuse_unless_regular(path: &Path) -> Result<(), SaveError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => Err(SaveError::io(
            path,
            std::io::Error::other(format!(
                "{} is not a regular file (a link, folder or device): nosmap will not use it as \
                 a lock; remove it if nobody has the map open",
                path.display()
            )),
        )),
        _ => Ok(()),
    }
}

/// Takes the lock whoever holds it (after the user agreed, or for a stale lock).
pub fn take_over(map_path: &Path) -> Result<FileLock, SaveError> {
    let path = lock_path(map_path);
    refuse_unless_regular(&path)?;
    let owner = this_process();
    super::safe_write::write_atomically(&path, describe(&owner).as_bytes(), None)?;
    Ok(FileLock { path, owner })
}

/// True when the holder's process is gone (same machine) or the lock is older than a day.
pub fn is_stale(owner: &LockOwner) -> bool {
    let age = now_unix().saturating_sub(owner.since_unix);
    if age > STALE_AFTER.as_secs() {
        return true;
    }
    owner.host == host_name() && !process_alive(owner.pid)
}

fn this_process() -> LockOwner {
    LockOwner {
        user: user_name(),
        host: host_name(),
        pid: std::process::id(),
        since_unix: now_unix(),
    }
}

fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Who is at the keyboard, as locks and crosswalk decisions name them.
pub fn user_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "someone".into())
}

fn host_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this computer".into())
}

fn describe(owner: &LockOwner) -> String {
    format!(
        "user={}\nhost={}\npid={}\nsince={}\n",
        owner.user, owner.host, owner.pid, owner.since_unix
    )
}

fn read_owner(path: &Path) -> Option<LockOwner> {
    // A lock is a few lines; a planted FIFO or device must not hang the open.
    let text = String::from_utf8(super::read_regular(path, 4096).ok()?).ok()?;
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_string)
    };
    Some(LockOwner {
        user: field("user")?,
        host: field("host")?,
        pid: field("pid")?.parse().ok()?,
        since_unix: field("since")?.parse().ok()?,
    })
}

/// Writes a lock as if another process held it (for tests and the stale-lock demo).
#[doc(hidden)]
pub fn write_foreign_lock(map_path: &Path, owner: &LockOwner) -> Result<(), SaveError> {
    super::safe_write::write_atomically(&lock_path(map_path), describe(owner).as_bytes(), None)
}

/// This machine's name, as locks record it.
pub fn this_host() -> String {
    host_name()
}
