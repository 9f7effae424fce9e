//! One open map: its document and history, how it is looked at, its hold on its file, and what is
//! derived from it. The window holds several (one shown); what belongs to the window itself
//! (settings, recent files, dialogs, panels, the clipboard) stays in `NosmapApp`.

use std::collections::HashMap;
use std::path::PathBuf;

use super::background_write::{BACKGROUND_FROM_NODES, FinishedWrite, PendingWrite, Written};
use super::{
    FindBar, camera, canvas, inspector, outline, place_picker, present, problems, safety, selection,
};
use crate::analysis::checks::{CheckContext, Checker, Severity};
use crate::edit::Document;
use crate::layout::{LayoutStyle, Scene, layout};
use crate::model::{Date, NodeId};
use crate::view::ViewState;

/// An open map and everything that belongs to it alone.
pub struct MapTab {
    pub(super) doc: Document,
    pub(super) path: Option<PathBuf>,
    pub(super) view: ViewState,
    /// Derived from the document and the view, rebuilt when either changes.
    pub(super) scene: Scene,
    /// The check report, kept up to date by checking again only what each change touched.
    pub(super) checker: Checker,
    /// Derived with the report and the Scene, once per change rather than once per frame.
    pub(super) markers: HashMap<NodeId, (Severity, usize)>,
    /// The map's counts, kept up to date after each change.
    pub(super) stats_cache: crate::analysis::StatsCache,
    pub(super) selection: selection::Selection,
    pub(super) camera: camera::Camera,
    /// The canvas's shape (width over height) the Scene is laid out for, once known.
    pub(super) window_aspect: Option<f32>,
    pub(super) problems: problems::ProblemsState,
    pub(super) safety: safety::FileSafety,
    pub(super) inspector: inspector::InspectorState,
    pub(super) outline: outline::OutlineState,
    pub(super) find: FindBar,
    pub(super) rename: Option<canvas::Rename>,
    pub(super) presenter: present::Presenter,
    pub(super) place_picker: place_picker::PlacePicker,
    /// Comparing with another version of the map (File › Compare with…).
    pub(super) compare: Option<super::compare::Compare>,
    /// The Comments panel (View › Comments).
    pub(super) comments: super::comments::CommentsState,
    /// Presenting shows no problem markers.
    pub(super) no_markers: HashMap<NodeId, (Severity, usize)>,
    /// What the Scene and the report were derived from; when the document or the view moved on,
    /// they are derived again before the frame draws.
    pub(super) derived_from: DerivedFrom,
}

/// The inputs of the derived Scene (document revision, folds, direction) and report (revision,
/// check level).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct DerivedFrom {
    pub scene: (u64, u64, crate::view::Direction, crate::view::LayoutKind),
    pub report: (u64, crate::analysis::checks::CheckLevel),
}

impl DerivedFrom {
    /// The key for the tab as it is now.
    pub fn of(tab: &MapTab) -> Self {
        use std::hash::{Hash, Hasher};
        let mut folds = std::collections::hash_map::DefaultHasher::new();
        tab.view.folded.hash(&mut folds);
        let revision = tab.doc.revision();
        Self {
            scene: (
                revision,
                folds.finish(),
                tab.view.direction,
                tab.view.layout,
            ),
            report: (revision, tab.problems.level),
        }
    }
}

impl MapTab {
    /// A tab showing `doc`, with the view saved beside its file; also returns what could not be
    /// kept of that view, in sentences.
    pub fn new(
        doc: Document,
        path: Option<PathBuf>,
        style: &LayoutStyle,
        today: Option<Date>,
    ) -> (Self, Vec<String>) {
        let mut notes = Vec::new();
        let saved_view = path.as_deref().and_then(|p| match crate::io::load_view(p) {
            Ok(view) => Some(view),
            Err(error) => {
                notes.push(format!("The view settings were not read: {error}"));
                None
            }
        });
        let mut camera = camera::Camera::default();
        if let Some(remembered) = saved_view.as_ref().and_then(|v| v.camera) {
            camera.restore(remembered.zoom, remembered.centre);
        }
        let mut view = saved_view.unwrap_or_default();
        notes.extend(view.retain_known(doc.map()));
        let context = CheckContext::draft(today);
        let mut checker = Checker::new(context);
        // On both cores: a big map opens in the time of the longer of the two.
        let (scene, report) = rayon::join(
            || layout(doc.map(), &view, style),
            || checker.update(doc.map(), &context),
        );
        let markers = canvas::problem_markers(report);
        let mut stats_cache = crate::analysis::StatsCache::default();
        stats_cache.update(doc.map());
        let mut tab = Self {
            doc,
            path,
            view,
            scene,
            checker,
            markers,
            stats_cache,
            selection: selection::Selection::default(),
            camera,
            window_aspect: None,
            problems: problems::ProblemsState::default(),
            safety: safety::FileSafety::default(),
            inspector: inspector::InspectorState::default(),
            outline: outline::OutlineState::default(),
            find: FindBar::default(),
            rename: None,
            presenter: present::Presenter::default(),
            place_picker: place_picker::PlacePicker::default(),
            compare: None,
            comments: Default::default(),
            no_markers: HashMap::new(),
            derived_from: DerivedFrom {
                scene: (
                    0,
                    0,
                    crate::view::Direction::default(),
                    crate::view::LayoutKind::default(),
                ),
                report: (0, Default::default()),
            },
        };
        tab.derived_from = DerivedFrom::of(&tab);
        (tab, notes)
    }

    /// What the tab strip calls it: the map's title, `•` while it has unsaved changes, and
    /// `(reference)` when opened read-only.
    pub fn tab_title(&self) -> String {
        let mut title = self.doc.map().display_title();
        if self.doc.read_only_reason().is_some() {
            title.push_str(" (reference)");
        }
        if self.doc.is_dirty() {
            title.push_str(" •");
        }
        title
    }

    /// Copies unsaved work to this map's recovery file when the autosave interval has passed.
    pub fn autosave_if_due(&mut self) -> Result<(), String> {
        if self.safety.writing.is_some() {
            return Ok(());
        }
        let due = self.safety.last_autosave.elapsed() >= self.safety.autosave_every;
        if due && self.doc.is_dirty() && self.doc.revision() != self.safety.autosaved_revision {
            if self.doc.map().len() >= BACKGROUND_FROM_NODES {
                self.safety.last_autosave = std::time::Instant::now();
                self.safety.writing = Some(PendingWrite::recovery_copy(
                    self.doc.map().clone(),
                    self.recovery_file().map(std::path::Path::to_path_buf),
                    self.safety.untitled_slot,
                    self.doc.save_point(),
                    self.doc.revision(),
                ));
                return Ok(());
            }
            return self.autosave_now();
        }
        Ok(())
    }

    /// The write this map has under way, once it has ended (or, with `wait`, when it ends).
    pub fn finish_write(&mut self, wait: bool) -> Option<FinishedWrite> {
        let finished = self.safety.writing.as_ref()?.is_finished();
        if finished || wait {
            self.safety.writing.take().map(PendingWrite::finish)
        } else {
            None
        }
    }

    /// Takes note of a save to `path` of the map as it was at `point` (`revision`), the file
    /// now holding `fingerprint`: the document counts as saved there, and the recovery copy
    /// (older than the file now) goes; if editing went on meanwhile, autosave is due at once.
    pub fn saved_at(&mut self, path: &std::path::Path, written: &FinishedWrite) {
        self.doc.mark_saved_at(written.point);
        self.safety.fingerprint = written.fingerprint;
        let revision = written.revision;
        self.safety.autosaved_revision = revision;
        if let Some(copy) = crate::io::recovery::recovery_path(Some(path)) {
            crate::io::recovery::discard(&copy);
        }
        if self.doc.is_dirty() {
            self.safety.last_autosave = std::time::Instant::now()
                .checked_sub(self.safety.autosave_every)
                .unwrap_or_else(std::time::Instant::now);
        }
    }

    /// Takes note of a write that ended while this map was not shown (or was stopping): a
    /// recovery copy, or a save, told in words rather than in a dialog.
    pub fn note_write(&mut self, written: &FinishedWrite) -> Result<(), String> {
        match (&written.written, &written.result) {
            (Written::RecoveryCopy, _) => self.recovery_written(written),
            (Written::Map(path), Ok(())) => {
                self.saved_at(path, written);
                Ok(())
            }
            (Written::Map(path), Err(error)) => {
                Err(format!("Not saved: {}: {error}", path.display()))
            }
        }
    }

    /// Takes note of a recovery copy written on a thread.
    pub fn recovery_written(&mut self, written: &FinishedWrite) -> Result<(), String> {
        match &written.result {
            Ok(()) => {
                self.safety.autosaved_revision = written.revision;
                Ok(())
            }
            Err(error) => Err(format!("Autosave failed: {error}")),
        }
    }

    /// The file whose recovery copy this map writes, if any: its own file while this window
    /// holds the file's lock. A window that opened the file read-only (someone else is editing
    /// it) or as a reference keeps its copy apart, as an untitled map's, so it never writes,
    /// offers or deletes the copy of the window that owns the file.
    pub fn recovery_file(&self) -> Option<&std::path::Path> {
        let apart = self.safety.read_only.is_some() || self.doc.read_only_reason().is_some();
        if apart { None } else { self.path.as_deref() }
    }

    /// Where this map's recovery copy goes.
    pub fn recovery_copy(&self) -> Option<PathBuf> {
        crate::io::recovery::recovery_path_for(self.recovery_file(), self.safety.untitled_slot)
    }

    /// Copies unsaved work to this map's recovery file now (after any write under way).
    pub fn autosave_now(&mut self) -> Result<(), String> {
        if let Some(written) = self.finish_write(true) {
            self.note_write(&written)?;
        }
        let written = crate::io::recovery::write_recovery_for(
            self.doc.map(),
            self.recovery_file(),
            self.safety.untitled_slot,
        );
        self.safety.last_autosave = std::time::Instant::now();
        match written {
            Ok(_) => {
                self.safety.autosaved_revision = self.doc.revision();
                Ok(())
            }
            Err(error) => Err(format!("Autosave failed: {error}")),
        }
    }
}

impl Drop for MapTab {
    /// A map closed with nothing unsaved leaves no recovery copy behind (the lock goes with
    /// `safety.lock`). Unsaved work keeps its copy, to be offered at the next start.
    fn drop(&mut self) {
        // A copy still being written would otherwise land after the discard below.
        if let Some(writing) = self.safety.writing.take() {
            writing.finish();
        }
        // Only this map's own copy: one beside a file opened read-only is someone else's work.
        if !self.doc.is_dirty() {
            if let Some(copy) = self.recovery_copy() {
                crate::io::recovery::discard(&copy);
            }
        }
    }
}
