//! One history for every change: undo, redo, grouped transactions and the saved marker.

use super::{Edit, EditError, apply};
use crate::model::FunctionalMap;

/// A map together with its history. The only way to change the map is through this type, so
/// nothing can bypass undo.
#[derive(Clone, Debug)]
pub struct Document {
    map: FunctionalMap,
    history: History,
    /// Why the map may not be changed (opened as a read-only reference), if so.
    read_only: Option<String>,
}

/// Undo and redo stacks of transactions.
#[derive(Clone, Debug)]
struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    open: Option<OpenTransaction>,
    next_step_id: u64,
    /// The state before the oldest step still kept (steps past `limit` are forgotten).
    base_marker: u64,
    saved_marker: Option<u64>,
    limit: usize,
    /// Counts every change to the map (edit, undo, redo), for caches and autosave.
    revision: u64,
}

/// One undoable step: the edits applied and the edits that undo them.
#[derive(Clone, Debug)]
struct Step {
    id: u64,
    label: String,
    forward: Vec<Edit>,
    inverse: Vec<Edit>,
}

#[derive(Clone, Debug)]
struct OpenTransaction {
    step: Step,
    depth: usize,
}

/// A state of a document's history (see [`Document::save_point`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SavePoint(u64);

/// How many steps are kept by default.
pub const DEFAULT_UNDO_LIMIT: usize = 1000;

impl Document {
    /// A document whose map counts as saved.
    pub fn new(map: FunctionalMap) -> Self {
        Self::with_undo_limit(map, DEFAULT_UNDO_LIMIT)
    }

    /// A document keeping at most `limit` undo steps.
    pub fn with_undo_limit(map: FunctionalMap, limit: usize) -> Self {
        let history = History {
            undo: Vec::new(),
            redo: Vec::new(),
            open: None,
            next_step_id: 1,
            base_marker: 0,
            saved_marker: Some(0),
            limit: limit.max(1),
            revision: 0,
        };
        Self {
            map,
            history,
            read_only: None,
        }
    }

    /// A document that refuses every edit, saying `why` (a map opened as a reference, such as
    /// the imported catalogue).
    pub fn read_only(map: FunctionalMap, why: impl Into<String>) -> Self {
        Self {
            read_only: Some(why.into()),
            ..Self::new(map)
        }
    }

    /// Why edits are refused, for a read-only document.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// A document whose map has never been saved (e.g. recovered after a crash).
    pub fn new_unsaved(map: FunctionalMap) -> Self {
        let mut doc = Self::new(map);
        doc.history.saved_marker = None;
        doc
    }

    /// The map as it is now.
    pub fn map(&self) -> &FunctionalMap {
        &self.map
    }

    /// The map, when the history is no longer wanted (a merge's result).
    pub fn into_map(self) -> FunctionalMap {
        self.map
    }

    /// A number that changes whenever the map changes (edit, undo, redo).
    pub fn revision(&self) -> u64 {
        self.history.revision
    }

    /// Applies one edit. Outside a transaction it becomes its own undo step named `label`; inside
    /// one it joins the transaction. A refused edit changes nothing and records nothing.
    pub fn apply(&mut self, label: &str, mut edit: Edit) -> Result<(), EditError> {
        if let Some(why) = &self.read_only {
            return Err(EditError::ReadOnly(why.clone()));
        }
        edit.give_statement_ids(self.map.next_statement_id());
        let inverse = apply(&mut self.map, &edit)?;
        self.history.revision += 1;
        match &mut self.history.open {
            Some(open) => {
                open.step.forward.push(edit);
                open.step.inverse.push(inverse);
            }
            None => {
                let step = self.new_step(label, vec![edit], vec![inverse]);
                self.push_step(step);
            }
        }
        Ok(())
    }

    /// Opens a transaction: edits until the matching [`Self::commit`] form one undo step. Nested
    /// calls join the outer transaction.
    pub fn begin(&mut self, label: &str) {
        match &mut self.history.open {
            Some(open) => open.depth += 1,
            None => {
                let step = self.new_step(label, Vec::new(), Vec::new());
                self.history.open = Some(OpenTransaction { step, depth: 1 });
            }
        }
    }

    /// Closes the innermost transaction. When the outermost closes, its edits become one undo
    /// step; a transaction with no edits leaves no step.
    pub fn commit(&mut self) {
        let Some(open) = &mut self.history.open else {
            return;
        };
        open.depth -= 1;
        if open.depth > 0 {
            return;
        }
        if let Some(open) = self.history.open.take() {
            if !open.step.forward.is_empty() {
                self.push_step(open.step);
            }
        }
    }

    /// Abandons the open transaction (all levels), undoing every edit it applied.
    pub fn abort(&mut self) {
        if let Some(open) = self.history.open.take() {
            self.rewind(&open.step.inverse);
        }
    }

    /// Runs `body` as one transaction: committed when it returns `Ok`, rolled back completely
    /// when it returns `Err`.
    pub fn transact<T>(
        &mut self,
        label: &str,
        body: impl FnOnce(&mut Self) -> Result<T, EditError>,
    ) -> Result<T, EditError> {
        let was_open = self.history.open.is_some();
        let applied_before = self
            .history
            .open
            .as_ref()
            .map_or(0, |o| o.step.inverse.len());
        self.begin(label);
        match body(self) {
            Ok(value) => {
                self.commit();
                Ok(value)
            }
            Err(error) if was_open => {
                // Roll back only what this inner transaction applied.
                if let Some(open) = &mut self.history.open {
                    let ours = open.step.inverse.split_off(applied_before);
                    open.step.forward.truncate(applied_before);
                    open.depth -= 1;
                    self.rewind(&ours);
                }
                Err(error)
            }
            Err(error) => {
                self.abort();
                Err(error)
            }
        }
    }

    /// True while a transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.history.open.is_some()
    }

    /// Undoes the last step; returns its label. Does nothing inside a transaction.
    pub fn undo(&mut self) -> Option<String> {
        if self.in_transaction() {
            return None;
        }
        let step = self.history.undo.pop()?;
        self.rewind(&step.inverse);
        let label = step.label.clone();
        self.history.redo.push(step);
        Some(label)
    }

    /// Redoes the last undone step; returns its label. Does nothing inside a transaction.
    pub fn redo(&mut self) -> Option<String> {
        if self.in_transaction() {
            return None;
        }
        let mut step = self.history.redo.pop()?;
        let mut inverse = Vec::with_capacity(step.forward.len());
        for (done, edit) in step.forward.iter().enumerate() {
            match apply(&mut self.map, edit) {
                Ok(undo) => inverse.push(undo),
                Err(_) => {
                    // Redo replays edits that succeeded on this very state, so this means a bug.
                    // Put the map back and drop the redo stack rather than leave it half-applied.
                    debug_assert!(false, "redo of step {} failed at edit {done}", step.label);
                    self.rewind(&inverse);
                    self.history.redo.clear();
                    return None;
                }
            }
        }
        step.inverse = inverse;
        self.history.revision += 1;
        let label = step.label.clone();
        self.history.undo.push(step);
        Some(label)
    }

    /// The edits of the step [`Self::undo`] would undo, as they were done.
    pub fn undo_edits(&self) -> Option<&[Edit]> {
        self.history.undo.last().map(|s| s.forward.as_slice())
    }

    /// The edits of the step [`Self::redo`] would redo.
    pub fn redo_edits(&self) -> Option<&[Edit]> {
        self.history.redo.last().map(|s| s.forward.as_slice())
    }

    /// The label of the step [`Self::undo`] would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step [`Self::redo`] would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo.last().map(|s| s.label.as_str())
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.in_transaction() && !self.history.undo.is_empty()
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.in_transaction() && !self.history.redo.is_empty()
    }

    /// Records that the map as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.history.saved_marker = Some(self.current_marker());
    }

    /// Where the history stands now, for [`Document::mark_saved_at`]: a save that runs while
    /// editing goes on records the state it wrote, not the state it finished in.
    pub fn save_point(&self) -> SavePoint {
        SavePoint(self.current_marker())
    }

    /// Records that the map as it was at `point` has been saved: the document is clean if it
    /// is still (or again) at that point, dirty if it moved on.
    pub fn mark_saved_at(&mut self, point: SavePoint) {
        self.history.saved_marker = Some(point.0);
    }

    /// True when the map differs from the last saved state, as far as the history can tell
    /// (undoing back to the saved state makes it clean again).
    pub fn is_dirty(&self) -> bool {
        self.in_transaction() || self.history.saved_marker != Some(self.current_marker())
    }

    fn current_marker(&self) -> u64 {
        self.history
            .undo
            .last()
            .map_or(self.history.base_marker, |s| s.id)
    }

    fn new_step(&mut self, label: &str, forward: Vec<Edit>, inverse: Vec<Edit>) -> Step {
        let id = self.history.next_step_id;
        self.history.next_step_id += 1;
        Step {
            id,
            label: label.to_string(),
            forward,
            inverse,
        }
    }

    fn push_step(&mut self, step: Step) {
        self.history.redo.clear();
        self.history.undo.push(step);
        if self.history.undo.len() > self.history.limit {
            let dropped = self.history.undo.remove(0);
            self.history.base_marker = dropped.id;
        }
    }

    /// Applies inverse edits, newest first.
    fn rewind(&mut self, inverse: &[Edit]) {
        self.history.revision += 1;
        for edit in inverse.iter().rev() {
            let undone = apply(&mut self.map, edit);
            debug_assert!(undone.is_ok(), "an inverse edit was refused: {undone:?}");
        }
    }
}
