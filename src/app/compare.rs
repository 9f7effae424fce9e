//! Compare with… (File menu): the open map beside another version of it (a review draft, a
//! colleague's copy, last year's edition). The canvas marks what differs — changed, moved, only in
//! this map, and ghosts of what only the other version has — and a panel lists the differences
//! to step through with N / P. Taking one (T) or all in the selected branch (B) makes the
//! open map say what the other version says, as ordinary undoable edits through its history.
//! A shell over `analysis::versions`.

use std::collections::HashMap;
use std::path::PathBuf;

use eframe::egui::{self, Color32, Event, Key, Modifiers};

use super::files::{Purpose, start_folder};
use super::{Action, NosmapApp};
use crate::analysis::versions::report::{self, Described, WordChange};
use crate::analysis::versions::{Change, Comparison, Subject, compare, take};
use crate::io::folders::file_name;
use crate::model::{FunctionalMap, Location, NodeId, Rgb};

/// The panel's keys, for the shortcut sheet (F1) and the panel itself.
pub const COMPARE_KEYS: &[(&str, &str)] = &[
    ("N", "next difference"),
    ("P", "previous difference"),
    ("T", "take this difference into the open map"),
    ("B", "take every difference in the selected node's branch"),
    ("Esc", "stop comparing"),
];

/// How a node of the open map differs from the other version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Its title, fields, statements or annotations differ.
    Changed,
    /// It sits elsewhere (another parent, another order, another placement).
    Moved,
    /// The other version does not have it.
    OnlyHere,
}

impl Mark {
    /// The outline colour on the canvas and the swatch in the legend.
    pub fn colour(self) -> Rgb {
        match self {
            Mark::Changed => Rgb(0xe6, 0x9f, 0x00),
            Mark::Moved => Rgb(0x1f, 0x77, 0xb4),
            Mark::OnlyHere => Rgb(0x2c, 0xa0, 0x2c),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Mark::Changed => "changed",
            Mark::Moved => "moved or reordered",
            Mark::OnlyHere => "only in this map",
        }
    }
}

/// What the canvas draws for a comparison: marks on the open map's boxes, and the titles of
/// nodes only the other version has, by the open map's node they would go under.
#[derive(Clone, Debug, Default)]
pub struct ChangeMarks {
    pub marks: HashMap<NodeId, Mark>,
    pub ghosts: HashMap<NodeId, Vec<String>>,
}

/// What the panel asks for; applied after the pass.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareAction {
    /// Ask for the other version's file.
    Ask,
    /// Compare the open map with this file.
    Open(PathBuf),
    /// Move through the list by this many.
    Step(isize),
    /// Select this line of the list.
    Select(usize),
    /// Take the selected difference.
    Take,
    /// Take every difference in the branch of the node selected on the map.
    TakeBranch,
    /// Stop comparing.
    Close,
}

/// The comparison of one open map with another version of it.
pub struct Compare {
    pub path: PathBuf,
    other: FunctionalMap,
    /// The document revision the comparison was made at; made again when the map changes.
    revision: u64,
    comparison: Comparison,
    lines: Vec<Described>,
    pub selected: usize,
    pub marks: ChangeMarks,
    pub status: Option<String>,
    /// The list scrolls to the selected line once after a step.
    scroll_to_selected: bool,
}

impl Compare {
    fn new(path: PathBuf, other: FunctionalMap) -> Self {
        Self {
            path,
            other,
            revision: u64::MAX,
            comparison: Comparison::default(),
            lines: Vec::new(),
            selected: 0,
            marks: ChangeMarks::default(),
            status: None,
            scroll_to_selected: false,
        }
    }

    /// Compares again when the open map changed since the last time.
    pub fn refresh(&mut self, map: &FunctionalMap, revision: u64) {
        if self.revision == revision {
            return;
        }
        self.revision = revision;
        self.comparison = compare(map, &self.other);
        self.lines = report::describe(map, &self.other, &self.comparison);
        self.marks = marks(map, &self.other, &self.comparison);
        self.selected = self.selected.min(self.lines.len().saturating_sub(1));
    }

    /// How many differences are left.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when the open map says what the other version says.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The sentence of each difference, in the list's order.
    pub fn sentences(&self) -> Vec<&str> {
        self.lines.iter().map(|l| l.text.as_str()).collect()
    }

    fn file_name(&self) -> String {
        file_name(&self.path)
    }

    /// Where in the open map a difference is: its node, or the node it would go under.
    fn location(&self, map: &FunctionalMap, line: usize) -> Option<NodeId> {
        let change = self.comparison.changes.get(self.lines.get(line)?.index)?;
        open_node(map, &self.comparison, change)
    }
}

/// The open map's node a change is at (the parent, for what only the other version has).
fn open_node(map: &FunctionalMap, comparison: &Comparison, change: &Change) -> Option<NodeId> {
    let id = match (change, change.subject()) {
        (Change::Added { new_parent, .. }, _) => comparison.matching.old_of(*new_parent)?,
        (Change::PlacementAdded { new_parent, .. }, _) => {
            comparison.matching.old_of(*new_parent)?
        }
        (_, Subject::Old(id)) => id,
        (_, Subject::New(id)) => comparison.matching.old_of(id)?,
        (_, Subject::Map) => map.root(),
    };
    map.contains(id).then_some(id)
}

fn marks(open: &FunctionalMap, other: &FunctionalMap, comparison: &Comparison) -> ChangeMarks {
    let mut out = ChangeMarks::default();
    for change in &comparison.changes {
        let mark = match change {
            Change::Added { new, new_parent } => {
                if let Some(parent) = comparison.matching.old_of(*new_parent) {
                    out.ghosts
                        .entry(parent)
                        .or_default()
                        .push(other.describe(*new));
                }
                continue;
            }
            Change::Removed { old, .. } => {
                out.marks.insert(*old, Mark::OnlyHere);
                continue;
            }
            Change::Moved { .. }
            | Change::PlacementAdded { .. }
            | Change::PlacementRemoved { .. }
            | Change::Reordered { .. } => Mark::Moved,
            _ => Mark::Changed,
        };
        if let Some(node) = open_node(open, comparison, change) {
            // A change of content says more than a move.
            let entry = out.marks.entry(node).or_insert(mark);
            if mark == Mark::Changed {
                *entry = Mark::Changed;
            }
        }
    }
    out
}

impl NosmapApp {
    /// The comparison shown for the open map, if any (tests and measurements).
    pub fn comparison(&self) -> Option<&Compare> {
        self.tab.compare.as_ref()
    }

    pub(super) fn apply_compare(&mut self, asked: CompareAction) {
        match asked {
            CompareAction::Ask => self.files.ask(
                Purpose::Compare,
                start_folder(self.tab.path.as_deref()),
                String::new(),
            ),
            CompareAction::Open(path) => match crate::io::load(&path) {
                Ok(other) => {
                    let mut state = Compare::new(path, other);
                    state.refresh(self.tab.doc.map(), self.tab.doc.revision());
                    self.message = Some(format!(
                        "Comparing with {}: {} differences",
                        state.file_name(),
                        state.len()
                    ));
                    self.tab.compare = Some(state);
                    self.go_to_difference();
                }
                Err(error) => self.message = Some(format!("Cannot compare: {error}")),
            },
            CompareAction::Step(step) => {
                if let Some(state) = &mut self.tab.compare {
                    let last = state.len().saturating_sub(1) as isize;
                    state.selected = (state.selected as isize + step).clamp(0, last) as usize;
                    state.scroll_to_selected = true;
                    self.go_to_difference();
                }
            }
            CompareAction::Select(line) => {
                if let Some(state) = &mut self.tab.compare {
                    state.selected = line.min(state.len().saturating_sub(1));
                    self.go_to_difference();
                }
            }
            CompareAction::Take => {
                let chosen = self
                    .tab
                    .compare
                    .as_ref()
                    .and_then(|s| s.lines.get(s.selected).map(|l| vec![l.index]));
                if let Some(chosen) = chosen {
                    self.take_differences(&chosen, "Take a difference");
                }
            }
            CompareAction::TakeBranch => {
                let Some(top) = self.selection() else {
                    self.message = Some("Select the branch to take first".to_string());
                    return;
                };
                let chosen: Vec<usize> = self.tab.compare.as_ref().map_or_else(Vec::new, |s| {
                    let map = self.tab.doc.map();
                    s.comparison
                        .changes
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| {
                            open_node(map, &s.comparison, c)
                                .is_some_and(|n| map.is_in_branch(top, n))
                        })
                        .map(|(i, _)| i)
                        .collect()
                });
                if chosen.is_empty() {
                    self.message = Some(format!(
                        "No differences in the branch of {}",
                        self.tab.doc.map().describe(top)
                    ));
                } else {
                    self.take_differences(&chosen, "Take the differences in a branch");
                }
            }
            CompareAction::Close => {
                self.tab.compare = None;
                self.focus_canvas = true;
            }
        }
    }

    /// Takes changes as one undoable step; the comparison is made again on the next frame.
    fn take_differences(&mut self, chosen: &[usize], label: &str) {
        let Some(state) = &self.tab.compare else {
            return;
        };
        let open = self.tab.doc.map().clone();
        let result = take(
            &mut self.tab.doc,
            label,
            &open,
            &state.other,
            &state.comparison,
            chosen,
        );
        self.message = Some(match result {
            Ok(()) => format!(
                "Took {} from {} (Ctrl+Z gives it back)",
                if chosen.len() == 1 {
                    "1 difference".to_string()
                } else {
                    format!("{} differences", chosen.len())
                },
                state.file_name()
            ),
            Err(error) => format!("Not taken: {error}"),
        });
        if let Some(state) = &mut self.tab.compare {
            state.refresh(self.tab.doc.map(), self.tab.doc.revision());
        }
        self.go_to_difference();
    }

    /// Selects and frames where the selected difference is.
    fn go_to_difference(&mut self) {
        let node = self
            .tab
            .compare
            .as_ref()
            .and_then(|s| s.location(self.tab.doc.map(), s.selected));
        if let Some(node) = node {
            self.apply(Action::GoTo(Location::node(node)));
        }
    }
}

/// The panel: what differs, the selected difference in full, and the keys.
pub fn compare_ui(ui: &mut egui::Ui, state: &mut Compare, keys: bool, actions: &mut Vec<Action>) {
    let mut ask = |a| actions.push(Action::Compare(a));
    ui.horizontal(|ui| {
        ui.heading("Compare");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").on_hover_text("Esc").clicked() {
                ask(CompareAction::Close);
            }
        });
    });
    ui.label(format!(
        "With {}: {} {}. Taking one makes this map say what that file says.",
        state.file_name(),
        state.len(),
        if state.len() == 1 {
            "difference"
        } else {
            "differences"
        }
    ));
    ui.horizontal_wrapped(|ui| {
        for mark in [Mark::Changed, Mark::Moved, Mark::OnlyHere] {
            swatch(ui, mark.colour(), false);
            ui.label(egui::RichText::new(mark.label()).small());
        }
        swatch(ui, Rgb(0x88, 0x88, 0x88), true);
        ui.label(egui::RichText::new(format!("only in {}", state.file_name())).small());
    });
    ui.horizontal(|ui| {
        let any = !state.is_empty();
        if ui
            .add_enabled(any, egui::Button::new("Take this"))
            .on_hover_text("T")
            .clicked()
        {
            ask(CompareAction::Take);
        }
        if ui
            .add_enabled(any, egui::Button::new("Take all in this branch"))
            .on_hover_text("B: every difference in the branch of the node selected on the map")
            .clicked()
        {
            ask(CompareAction::TakeBranch);
        }
    });
    ui.label(
        egui::RichText::new("N / P step · T take · B take the selected branch · Esc close")
            .small()
            .weak(),
    );
    ui.separator();
    if state.is_empty() {
        ui.label("No differences: this map says what that file says.");
    }
    if let Some(line) = state.lines.get(state.selected) {
        ui.label(egui::RichText::new(&line.text).strong());
        if let Some(words) = &line.words {
            word_changes(ui, words);
        }
        ui.separator();
    }
    let mut group = "";
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, line) in state.lines.iter().enumerate() {
                if line.group != group {
                    group = &line.group;
                    ui.label(egui::RichText::new(group).small().strong());
                }
                let response = ui.selectable_label(i == state.selected, &line.text);
                if i == state.selected && state.scroll_to_selected {
                    response.scroll_to_me(Some(egui::Align::Center));
                }
                if response.clicked() {
                    ask(CompareAction::Select(i));
                }
            }
        });
    state.scroll_to_selected = false;
    if keys {
        for (key, _) in take_keys(ui) {
            match key {
                Key::N => ask(CompareAction::Step(1)),
                Key::P => ask(CompareAction::Step(-1)),
                Key::T => ask(CompareAction::Take),
                Key::B => ask(CompareAction::TakeBranch),
                Key::Escape => ask(CompareAction::Close),
                _ => {}
            }
        }
    }
}

/// Takes the panel's keys out of this frame's input, so the canvas does not also act on them
/// (a letter typed on the map would start a rename).
fn take_keys(ui: &egui::Ui) -> Vec<(Key, Modifiers)> {
    if egui::Popup::is_any_open(ui.ctx()) {
        return Vec::new();
    }
    // Esc is the window's (it stops comparing when typed on the map); arrows and Enter are the
    // map's own keys.
    let handled = [Key::N, Key::P, Key::T, Key::B, Key::Escape];
    ui.input_mut(|input| {
        let mut taken = Vec::new();
        let mut typed_letters = Vec::new();
        input.events.retain(|event| match event {
            Event::Key {
                key,
                pressed,
                modifiers,
                ..
            } if handled.contains(key) && modifiers.is_none() => {
                if *pressed {
                    taken.push((*key, *modifiers));
                    typed_letters.push(*key);
                }
                false
            }
            _ => true,
        });
        // The text a letter key also produces is not typed anywhere either.
        input.events.retain(|event| {
            !matches!(event, Event::Text(t) if typed_letters.iter().any(|k| k.name().eq_ignore_ascii_case(t)))
        });
        taken
    })
}

fn swatch(ui: &mut egui::Ui, rgb: Rgb, dashed: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
    let colour = Color32::from_rgb(rgb.0, rgb.1, rgb.2);
    if dashed {
        ui.painter().add(egui::Shape::dashed_line(
            &[
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
                rect.left_top(),
            ],
            egui::Stroke::new(1.5, colour),
            3.0,
            2.0,
        ));
    } else {
        ui.painter().rect_stroke(
            rect,
            2.0,
            egui::Stroke::new(2.5, colour),
            egui::StrokeKind::Inside,
        );
    }
}

fn word_changes(ui: &mut egui::Ui, words: &[WordChange]) {
    let mut job = egui::text::LayoutJob::default();
    let base = egui::TextFormat {
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    for run in words {
        let (text, format) = match run {
            WordChange::Same(t) => (t, base.clone()),
            WordChange::Out(t) => (
                t,
                egui::TextFormat {
                    strikethrough: egui::Stroke::new(1.0, Color32::from_rgb(0xc0, 0x39, 0x2b)),
                    color: Color32::from_rgb(0xc0, 0x39, 0x2b),
                    ..base.clone()
                },
            ),
            WordChange::In(t) => (
                t,
                egui::TextFormat {
                    underline: egui::Stroke::new(1.0, Color32::from_rgb(0x2c, 0xa0, 0x2c)),
                    color: Color32::from_rgb(0x2c, 0xa0, 0x2c),
                    ..base.clone()
                },
            ),
        };
        job.append(text, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}
