//! Workshop mode: the map on the room's screen, stepped through with a presentation clicker,
//! changed live, and a presenter's window beside it.
//!
//! F5 saves how the editor looks (camera, selection, folding), hides menus and panels and goes
//! full screen; Esc puts everything back as it was, plus whatever was edited. Each step is laid
//! out on its own for the screen and paged until its titles are readable from the back of the
//! room (`walkthrough::framing`). The room sees only the map and a small counter; notes, the
//! clock, the step list, messages and what was captured are in the presenter's window
//! (`console.rs`). Edits made while presenting (new boxes, agreed / to discuss, votes) are
//! ordinary edits through the one history; ideas go to the workshop log, and when presenting
//! ends the session's decisions and changes are recorded there (`walkthrough::log`).

mod console;
mod keys;
mod room;
mod steps_editor;

use std::collections::BTreeSet;

use eframe::egui;

pub use console::PRESENTER_WINDOW;
pub use keys::PRESENTER_KEYS;

use super::NosmapApp;
use super::camera::Camera;
use super::selection::{Placement, Selection};
use crate::model::{Date, FunctionalMap, NodeId};
use crate::view::PresentationStep;
use crate::walkthrough::framing::{Screen, StepPage, content_bounds, frame_step};
use crate::walkthrough::{log, walkthrough};

/// The undo step that writes a session into the workshop log.
const RECORD_LABEL: &str = "Record of the workshop session";

/// Presentation state.
#[derive(Default)]
pub struct Presenter {
    pub active: bool,
    /// Index into the steps (of the step before the log, while on the log).
    pub step: usize,
    /// On the workshop log, after the last step.
    pub on_log: bool,
    /// The page of the current step.
    pub page: usize,
    /// Coming back to a step from the one after it: show its last page once it is laid out.
    to_last_page: bool,
    pub high_contrast: bool,
    /// The detail card of the selected unit is open.
    pub card: bool,
    /// An idea being typed for the parking lot.
    pub idea: Option<String>,
    /// The step editor window (editing mode).
    pub steps_open: bool,
    /// The room's screen is blanked (B).
    pub blank: bool,
    /// The key sheet is shown on the room's screen (?).
    pub keys_shown: bool,
    /// A step number being typed (Enter jumps to it).
    pub jump: String,
    /// The presenter's window is shown (closing it hides it; P shows or hides it).
    pub console_shown: bool,
    /// What was captured while presenting, newest last, for the presenter's window.
    pub captured: Vec<String>,
    saved: Option<Saved>,
    /// The current step's pages, and what they were framed for.
    pages: Vec<StepPage>,
    framed_for: Option<FramedFor>,
    /// The map when this presentation began (presenting again the same day adds to the day's
    /// session: `log::record_session` keeps what it held), and the day.
    baseline: Option<(Option<Date>, FunctionalMap)>,
    /// Votes cast while presenting, newest last: (box, for?), so X can take one back.
    votes_cast: Vec<(NodeId, bool)>,
    /// When presenting started (egui time, seconds).
    started_at: Option<f64>,
    /// The walkthrough as it was before its last change in the step editor (Undo there).
    steps_undo: Vec<Vec<PresentationStep>>,
    /// Generate was asked for over prepared steps: with units?
    confirm_generate: Option<bool>,
}

/// How the editor looked before presenting.
struct Saved {
    camera: Camera,
    selection: Selection,
    folded: BTreeSet<NodeId>,
}

/// What the pages of a step depend on.
#[derive(Clone, Copy, PartialEq)]
struct FramedFor {
    revision: u64,
    step: usize,
    steps: u64,
    screen: [u32; 2],
}

impl NosmapApp {
    /// Whether the map is being presented.
    pub fn presenting(&self) -> bool {
        self.tab.presenter.active
    }

    /// The current step's index, while presenting.
    pub fn presenter_step(&self) -> usize {
        self.tab.presenter.step
    }

    /// The current page of the step and how many it has.
    pub fn presenter_page(&self) -> (usize, usize) {
        (self.tab.presenter.page, self.tab.presenter.pages.len())
    }

    /// Whether the presentation is on its last step, the workshop log.
    pub fn presenting_log(&self) -> bool {
        self.tab.presenter.on_log
    }

    /// The page shown to the room, as laid out for it.
    pub fn presented_page(&self) -> Option<&StepPage> {
        self.tab.presenter.pages.get(self.tab.presenter.page)
    }

    /// Whether the room sees high contrast.
    pub fn presenter_page_is_high_contrast(&self) -> bool {
        self.tab.presenter.high_contrast
    }

    /// Whether the room's screen is blank.
    pub fn room_blank(&self) -> bool {
        self.tab.presenter.blank
    }

    /// Where the camera is (zoom, offset).
    pub fn camera_position(&self) -> (f32, [f32; 2]) {
        self.tab.camera.position()
    }

    pub(super) fn start_presenting(&mut self) {
        if self.tab.presenter.active {
            return;
        }
        if self.tab.view.presentation.iter().all(|s| s.hidden) {
            self.tab.view.presentation = walkthrough(self.tab.doc.map(), false);
        }
        self.tab.presenter.saved = Some(Saved {
            camera: self.tab.camera.clone(),
            selection: self.tab.selection.clone(),
            folded: self.tab.view.folded.clone(),
        });
        // A map from before the workshop log kept ideas as a key area: they move into the log
        // (one undoable step, said in the presenter's window), so the room's walkthrough and the
        // checks no longer see them as part of the map.
        if let Some(edits) = log::parking_lot_into_log(self.tab.doc.map(), self.today) {
            if self.edit_all("Parking lot into the workshop log", edits) {
                self.message = Some(
                    "The “Parking lot” key area's ideas moved into the workshop log (Ctrl+Z puts them back)"
                        .into(),
                );
            }
        }
        // What this presentation captures is measured from here: edits made between two
        // presentations are not the room's.
        self.tab.presenter.baseline = Some((self.today, self.tab.doc.map().clone()));
        let presenter = &mut self.tab.presenter;
        presenter.active = true;
        presenter.card = false;
        presenter.blank = false;
        presenter.keys_shown = false;
        presenter.on_log = false;
        presenter.console_shown = true;
        presenter.jump.clear();
        presenter.started_at = None;
        presenter.framed_for = None;
        self.tab.find.open = false;
        self.viewport_commands
            .push(egui::ViewportCommand::Fullscreen(true));
        let first = self.visible_steps().first().copied().unwrap_or(0);
        self.go_to_step(first, false);
    }

    pub(super) fn stop_presenting(&mut self) {
        if !self.tab.presenter.active {
            return;
        }
        // Words being typed are kept: a title is committed, an idea parked.
        if self.tab.rename.is_some() {
            self.apply(super::Action::CommitRename);
        }
        if let Some(idea) = self.tab.presenter.idea.take() {
            self.park_idea(&idea);
        }
        self.record_session();
        let presenter = &mut self.tab.presenter;
        presenter.active = false;
        presenter.card = false;
        presenter.idea = None;
        presenter.pages.clear();
        presenter.framed_for = None;
        if let Some(saved) = self.tab.presenter.saved.take() {
            self.tab.camera = saved.camera;
            self.tab.selection = saved.selection;
            self.tab.selection.retain_existing(self.tab.doc.map());
            self.tab.view.folded = saved.folded;
            self.tab
                .view
                .folded
                .retain(|id| self.tab.doc.map().contains(*id));
            self.relayout();
        }
        self.viewport_commands
            .push(egui::ViewportCommand::Fullscreen(false));
        self.focus_canvas = true;
    }

    /// Writes what today's session decided and changed into the workshop log (one undo step),
    /// when anything did.
    pub(super) fn record_session(&mut self) {
        let Some((day, baseline)) = &self.tab.presenter.baseline else {
            return;
        };
        if let Some(edit) = log::record_session(baseline, self.tab.doc.map(), *day) {
            self.edit(RECORD_LABEL, edit);
        }
    }

    fn visible_steps(&self) -> Vec<usize> {
        self.tab
            .view
            .presentation
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.hidden && self.tab.doc.map().contains(s.node))
            .map(|(i, _)| i)
            .collect()
    }

    /// Shows step `index`, on its last page when coming back to it.
    pub(super) fn go_to_step(&mut self, index: usize, last_page: bool) {
        let Some(step) = self.tab.view.presentation.get(index).cloned() else {
            return;
        };
        let presenter = &mut self.tab.presenter;
        presenter.step = index;
        presenter.on_log = false;
        // The card was about a unit of the step left behind.
        presenter.card = false;
        presenter.page = 0;
        presenter.to_last_page = last_page;
        presenter.framed_for = None;
        self.tab
            .selection
            .set(Some(Placement::first(self.tab.doc.map(), step.node)));
    }

    fn go_to_log(&mut self) {
        self.tab.presenter.on_log = true;
        self.tab.presenter.page = 0;
    }

    /// The room's screen as the step is framed for: the presentation's canvas.
    fn room_screen(&self, ctx: &egui::Context) -> Screen {
        let rect = ctx.content_rect();
        Screen {
            width: rect.width().max(1.0),
            height: rect.height().max(1.0),
        }
    }

    /// Lays the current step out again when the map, the step or the screen changed, keeps the
    /// page holding the selection, and puts the camera on the page.
    fn ensure_framed(&mut self, screen: Screen) {
        use std::hash::{Hash, Hasher};
        let mut steps = std::collections::hash_map::DefaultHasher::new();
        self.tab.view.presentation.hash(&mut steps);
        let now = FramedFor {
            revision: self.tab.doc.revision(),
            step: self.tab.presenter.step,
            steps: steps.finish(),
            screen: [screen.width as u32, screen.height as u32],
        };
        if self.tab.presenter.on_log || self.tab.presenter.framed_for == Some(now) {
            return;
        }
        let map = self.tab.doc.map();
        let Some(step) = self
            .tab
            .view
            .presentation
            .get(self.tab.presenter.step)
            .filter(|s| map.contains(s.node))
        else {
            // The step's box is gone (deleted, or undone past its making): the next step shows.
            let next = self
                .visible_steps()
                .into_iter()
                .find(|&i| i > self.tab.presenter.step);
            match next {
                Some(next) => self.go_to_step(next, false),
                None => self.go_to_log(),
            }
            return;
        };
        let style = self.style.clone();
        let pages = frame_step(self.tab.doc.map(), &self.tab.view, &style, step, screen);
        let selected = self.tab.selection.primary();
        let holding_selection = selected.and_then(|placement| {
            pages.iter().position(|page| {
                page.scene
                    .boxes
                    .iter()
                    .skip(1)
                    .any(|b| b.node == placement.node && b.parent == placement.parent)
            })
        });
        let presenter = &mut self.tab.presenter;
        let last = pages.len().saturating_sub(1);
        presenter.page = match (presenter.framed_for, holding_selection) {
            _ if std::mem::take(&mut presenter.to_last_page) => last,
            // A new box: show the page it is on.
            (Some(before), Some(page)) if before.revision != now.revision => page,
            _ => presenter.page.min(last),
        };
        presenter.pages = pages;
        presenter.framed_for = Some(now);
        // What A, D, + and − act on is always a box the room sees: after an undo selected
        // something elsewhere, the step's box again.
        if !self.selection_on_page() {
            self.select_page_top();
        }
        self.show_page();
    }

    /// Whether the selected box is one of the current page's.
    pub(super) fn selection_on_page(&self) -> bool {
        let presenter = &self.tab.presenter;
        let (Some(page), Some(selected)) = (
            presenter.pages.get(presenter.page),
            self.tab.selection.primary(),
        ) else {
            return false;
        };
        let map = self.tab.doc.map();
        !presenter.on_log
            && page
                .scene
                .boxes
                .iter()
                .any(|b| placement_in_map(map, b.node, b.parent) == selected)
    }

    /// Whether the selected box is the step's own (the top of the page).
    pub(super) fn step_box_selected(&self) -> bool {
        let presenter = &self.tab.presenter;
        let top = presenter
            .pages
            .get(presenter.page)
            .and_then(|p| p.scene.boxes.first());
        top.zip(self.tab.selection.primary())
            .is_some_and(|(top, selected)| top.node == selected.node)
    }

    /// Puts the camera on the current page at the zoom it was framed for.
    fn show_page(&mut self) {
        let Some(page) = self.tab.presenter.pages.get(self.tab.presenter.page) else {
            return;
        };
        let bounds = content_bounds(&page.scene);
        let centre = bounds.centre();
        self.tab.camera.show(page.zoom, [centre.x, centre.y]);
    }

    /// Next (or previous) page, else the next (previous) visible step, else the log.
    fn step_by(&mut self, forward: bool) {
        let presenter = &self.tab.presenter;
        if presenter.on_log {
            if !forward {
                if let Some(&last) = self.visible_steps().last() {
                    self.go_to_step(last, true);
                }
            }
            return;
        }
        let (page, pages) = (presenter.page, presenter.pages.len());
        if forward && page + 1 < pages {
            self.tab.presenter.page += 1;
            self.select_page_top();
            self.show_page();
            return;
        }
        if !forward && page > 0 {
            self.tab.presenter.page -= 1;
            self.select_page_top();
            self.show_page();
            return;
        }
        let visible = self.visible_steps();
        let current = presenter.step;
        let next = if forward {
            visible.iter().find(|&&i| i > current)
        } else {
            visible.iter().rev().find(|&&i| i < current)
        };
        match next {
            Some(&next) => self.go_to_step(next, !forward),
            None if forward => self.go_to_log(),
            None => {}
        }
    }

    /// Jumps to the `number`th visible step (1-based; one past the last is the log).
    fn jump_to(&mut self, number: usize) {
        let visible = self.visible_steps();
        if number == visible.len() + 1 {
            self.go_to_log();
        } else if let Some(&index) = number.checked_sub(1).and_then(|i| visible.get(i)) {
            self.go_to_step(index, false);
        } else {
            self.message = Some(format!(
                "There is no step {number}: steps 1 to {} and {} the workshop log",
                visible.len(),
                visible.len() + 1
            ));
        }
    }

    /// Selects the box at the top of the current page.
    fn select_page_top(&mut self) {
        if let Some(top) = self
            .tab
            .presenter
            .pages
            .get(self.tab.presenter.page)
            .and_then(|p| p.scene.boxes.first())
        {
            let placement = placement_in_map(self.tab.doc.map(), top.node, top.parent);
            self.tab.selection.set(Some(placement));
        }
    }

    /// Up / Down: the previous or next box of the page, in reading order.
    fn select_on_page(&mut self, forward: bool) {
        let Some(page) = self.tab.presenter.pages.get(self.tab.presenter.page) else {
            return;
        };
        let map = self.tab.doc.map();
        let boxes: Vec<Placement> = page
            .scene
            .boxes
            .iter()
            .map(|b| placement_in_map(map, b.node, b.parent))
            .collect();
        let at = self
            .tab
            .selection
            .primary()
            .and_then(|p| boxes.iter().position(|b| *b == p));
        let to = match (at, forward) {
            (None, _) => 0,
            (Some(i), true) => (i + 1).min(boxes.len().saturating_sub(1)),
            (Some(i), false) => i.saturating_sub(1),
        };
        if let Some(&placement) = boxes.get(to) {
            self.tab.selection.set(Some(placement));
        }
    }

    /// A click while presenting selects the box (every box drawn is in the step).
    pub(super) fn present_at(&mut self, placement: Placement) {
        let placement = placement_in_map(self.tab.doc.map(), placement.node, placement.parent);
        self.tab.selection.set(Some(placement));
    }

    /// A line for the presenter's window about what was just captured.
    fn note_captured(&mut self, what: String) {
        self.tab.presenter.captured.push(what);
    }
}

/// Where a box of a step's page sits in the map: the page's top box is drawn without its parent
/// (the page starts there), but in the map it has one, which Enter (a sibling) and the editor's
/// selection need.
fn placement_in_map(map: &FunctionalMap, node: NodeId, parent: Option<NodeId>) -> Placement {
    match parent {
        Some(_) => Placement { node, parent },
        None => Placement::first(map, node),
    }
}
