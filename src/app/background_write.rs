//! Writing a big map on a thread of its own, so the window keeps answering: saving the catalogue
//! took about 1.5 s, most of it producing the text, during which typing stopped. The thread gets
//! a copy of the map as it was when the save began (copying takes a few milliseconds); editing
//! goes on, and the document records the state that was written (`Document::mark_saved_at`), so
//! what was typed meanwhile stays unsaved. Small maps save at once, on the window's thread.
//!
//! One write at a time per map: a save waits for an autosave still writing, and the other way
//! round; switching or closing maps, quitting and stopping wait for the write to end.

use std::path::PathBuf;
use std::thread::JoinHandle;

use crate::edit::SavePoint;
use crate::io::{Fingerprint, SaveError, SaveOptions};
use crate::model::FunctionalMap;

/// Maps with this many nodes or more are written on a thread (the catalogue has 22,324; the
/// examples a few hundred, which write in milliseconds).
pub const BACKGROUND_FROM_NODES: usize = 2_000;

/// What a write is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    /// The map's own file (Save, Save As).
    Map(PathBuf),
    /// The recovery copy autosave keeps.
    RecoveryCopy,
}

/// A write under way: what it writes and the state of the document it holds.
pub struct PendingWrite {
    pub written: Written,
    pub point: SavePoint,
    pub revision: u64,
    /// A save also reads back what it wrote, for the changed-on-disk check: a 20 MB file's
    /// hash is better taken here than on the window's thread.
    handle: JoinHandle<Result<Option<Fingerprint>, SaveError>>,
}

/// A write that has ended.
pub struct FinishedWrite {
    pub written: Written,
    pub point: SavePoint,
    pub revision: u64,
    pub result: Result<(), SaveError>,
    /// What the saved file holds now (a save only).
    pub fingerprint: Option<Fingerprint>,
}

impl PendingWrite {
    /// Saves `map` to `path` on a new thread.
    pub fn save(
        map: FunctionalMap,
        path: PathBuf,
        options: SaveOptions,
        point: SavePoint,
        revision: u64,
    ) -> Self {
        let target = path.clone();
        let handle = std::thread::spawn(move || {
            crate::io::save_with(&map, &target, options).map(|()| crate::io::fingerprint(&target))
        });
        Self {
            written: Written::Map(path),
            point,
            revision,
            handle,
        }
    }

    /// Writes `map`'s recovery copy on a new thread.
    pub fn recovery_copy(
        map: FunctionalMap,
        map_path: Option<PathBuf>,
        slot: u32,
        point: SavePoint,
        revision: u64,
    ) -> Self {
        let handle = std::thread::spawn(move || {
            crate::io::recovery::write_recovery_for(&map, map_path.as_deref(), slot).map(|_| None)
        });
        Self {
            written: Written::RecoveryCopy,
            point,
            revision,
            handle,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.handle.is_finished()
    }

    /// Waits for the write to end (at once when it has).
    pub fn finish(self) -> FinishedWrite {
        let result = self.handle.join().unwrap_or_else(|_| {
            Err(SaveError::io(
                std::path::Path::new("the map"),
                std::io::Error::other("the save stopped unexpectedly; nothing was replaced"),
            ))
        });
        let (result, fingerprint) = match result {
            Ok(fingerprint) => (Ok(()), fingerprint),
            Err(error) => (Err(error), None),
        };
        FinishedWrite {
            written: self.written,
            point: self.point,
            revision: self.revision,
            result,
            fingerprint,
        }
    }
}
