//! The Analysis view (Ctrl+Shift+A): where the thematic areas' standards are used across
//! sectors, over the open maps and catalogue exports. A shell over `analysis::reuse`: the corpus
//! is picked here, the pairs are reviewed with their evidence and decided (in the crosswalk file,
//! through `CrosswalkDocument`, saved at once), the matrix is a heat map, candidate themes can be
//! adopted; every result is a click away from its unit. What the pages ask for is applied after
//! the pass (`apply_analysis`); map edits go through each map's `Document`.
//!
//! `corpus_page.rs` picks the corpus, `pairs_page.rs` lists the pairs and their evidence,
//! `matrix_page.rs` draws the heat map, `themes_page.rs` lists candidate themes; `apply.rs` is
//! what the actions do (crosswalk, run, decisions, adopting a theme), `go_to.rs` goes from a
//! result to its unit; this file holds the state, the view's frame and its keys.

mod apply;
mod corpus_page;
mod go_to;
mod matrix_page;
mod pairs_page;
mod themes_page;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use eframe::egui::{self, Event, Key, Modifiers};

use super::files::{Purpose, start_folder};
use super::{Action, NosmapApp};
use crate::analysis::reuse::candidates::Candidate;
use crate::analysis::reuse::crosswalk::CrosswalkDocument;
use crate::analysis::reuse::matrix::{Columns, Matrix, RowOrder};
use crate::analysis::reuse::{
    Corpus, Mechanism, PairKey, Relation, ReuseReport, ThemeSet, pan_sector_theme_sets,
};
use crate::io::catalogue::CatalogueRow;
use crate::model::Rgb;

/// The crosswalk file proposed beside the first map.
pub const DEFAULT_CROSSWALK: &str = "pan-sector.crosswalk.ron";

/// The view's keys, for the shortcut sheet (F1).
pub const ANALYSIS_KEYS: &[(&str, &str)] = &[
    ("A", "accept the pair (the relation its evidence suggests)"),
    ("R", "reject the pair (not related)"),
    (
        "1 … 7",
        "identical, imported, tailored, same title but different content, partial overlap, \
         related, not related",
    ),
    ("0", "clear the decision"),
    ("J / ↓", "next pair"),
    ("K / ↑", "previous pair"),
    (
        "Enter / double-click",
        "go to the unit that uses it (its map opened if needed)",
    ),
    ("Shift+Enter", "go to the thematic unit"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo decisions"),
    ("Esc", "back to the map"),
];

/// Colours given to adopted themes in a map, in turn.
const THEME_COLOURS: [Rgb; 8] = [
    Rgb(0x1f, 0x77, 0xb4),
    Rgb(0xd6, 0x27, 0x28),
    Rgb(0x2c, 0xa0, 0x2c),
    Rgb(0x94, 0x67, 0xbd),
    Rgb(0xff, 0x7f, 0x0e),
    Rgb(0x8c, 0x56, 0x4b),
    Rgb(0xe3, 0x77, 0xc2),
    Rgb(0x17, 0xbe, 0xcf),
];

/// What the view's pages ask for; applied after the pass.
#[derive(Clone, Debug, PartialEq)]
pub enum AnalysisAction {
    /// Run the analysis on the corpus chosen.
    Run,
    /// Ask for a catalogue export (CSV) to add.
    AskCatalogue,
    /// Add a catalogue export (CSV) to the corpus.
    AddCatalogue(PathBuf),
    /// Ask where the crosswalk file is (or goes).
    AskCrosswalk,
    /// Read decisions from (and save them to) this crosswalk file.
    UseCrosswalk(PathBuf),
    /// Decide a pair (`None` clears the decision); with `advance`, select the next pair.
    Decide {
        pair: usize,
        relation: Option<Relation>,
        advance: bool,
    },
    /// Keep a note with a pair's decision.
    Note { pair: usize, note: String },
    /// Undo (or redo) the last change to the crosswalk.
    History { undo: bool },
    /// Show a pair's unit in its map: the unit that uses the theme, or the thematic unit.
    GoTo { pair: usize, thematic: bool },
    /// Show a unit of the corpus in its map.
    ShowUnit(usize),
    /// Adopt candidate theme `n`: into the crosswalk, and tagged in every open writable map.
    Adopt(usize),
    /// Back to the map.
    Close,
}

/// The view's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    Corpus,
    Pairs,
    Matrix,
    Themes,
}

impl Page {
    const ALL: [Page; 4] = [Page::Corpus, Page::Pairs, Page::Matrix, Page::Themes];

    fn label(self) -> &'static str {
        match self {
            Page::Corpus => "Corpus",
            Page::Pairs => "Pairs",
            Page::Matrix => "Matrix",
            Page::Themes => "Candidate themes",
        }
    }
}

/// A catalogue export in the corpus, its rows read once.
struct CatalogueFile {
    path: PathBuf,
    rows: Vec<CatalogueRow>,
    chosen: bool,
}

/// Where a corpus source came from, to find its units again.
#[derive(Clone, Debug, PartialEq)]
enum Origin {
    Map {
        path: Option<PathBuf>,
        title: String,
    },
    Catalogue {
        path: PathBuf,
    },
}

/// The crosswalk decisions are read from and saved to.
#[derive(Default)]
struct LoadedCrosswalk {
    /// `None` while no file is named: decisions are kept here but not saved.
    path: Option<PathBuf>,
    doc: CrosswalkDocument,
}

/// One run: the corpus, what was found, and what is derived from it.
struct Results {
    corpus: Corpus,
    origins: Vec<Origin>,
    report: ReuseReport,
    /// Per use, the pair as decisions name it.
    keys: Vec<PairKey>,
    /// Per use, its words in lower case (the text filter).
    haystacks: Vec<String>,
    matrix: Matrix,
    /// Worked out when the Themes page is first shown.
    candidates: Option<Vec<Candidate>>,
    /// The corpus in words.
    summary: String,
}

/// The pairs page's filters, selection and scrolling.
#[derive(Default)]
struct PairsState {
    selected: Option<usize>,
    text: String,
    mechanism: Option<Mechanism>,
    undecided_only: bool,
    show_rejected: bool,
    /// Only these pairs (a matrix cell's), named.
    only: Option<(String, Vec<usize>)>,
    /// The pairs shown, in report order.
    visible: Vec<usize>,
    visible_stale: bool,
    /// Bring the selected row into view next frame.
    scroll_to_selected: bool,
    /// The list's scroll offset and height last frame, to scroll by.
    offset: f32,
    list_height: f32,
    /// Give the list the keyboard next frame.
    focus: bool,
    /// The note being written, for the pair it belongs to.
    note: Option<(usize, String)>,
}

/// The matrix page's choices.
struct MatrixState {
    order: RowOrder,
    columns: Columns,
    filter: String,
    used_columns_only: bool,
    /// The cell whose pairs are listed: row and column of the matrix.
    open_cell: Option<(usize, usize)>,
    /// The rows and columns shown, worked out again only when the matrix or a choice changes.
    shown: Option<MatrixShown>,
}

/// The rows and columns of the matrix shown, in order, and the most uses in one of their cells.
struct MatrixShown {
    made_for: (RowOrder, String, bool),
    /// Every theme of the matrix, in order (each has its colour).
    themes: Vec<String>,
    rows: Vec<usize>,
    columns: Vec<usize>,
    most: usize,
}

impl Default for MatrixState {
    fn default() -> Self {
        Self {
            order: RowOrder::Theme,
            columns: Columns::Organisations,
            filter: String::new(),
            used_columns_only: false,
            open_cell: None,
            shown: None,
        }
    }
}

/// Everything the Analysis view remembers while the window is open.
#[derive(Default)]
pub struct AnalysisView {
    pub(super) shown: bool,
    page: Page,
    /// Open maps left out of the corpus, by `map_key`.
    maps_off: BTreeSet<String>,
    catalogues: Vec<CatalogueFile>,
    catalogue_typed: String,
    crosswalk_typed: String,
    crosswalk: LoadedCrosswalk,
    /// Themes left out of the run, by id.
    themes_off: BTreeSet<String>,
    /// Leave near-duplicate text out (the fast, links-only run).
    links_only: bool,
    results: Option<Results>,
    pairs: PairsState,
    matrix: MatrixState,
    /// What went wrong last, shown until dismissed or the next success.
    error: Option<String>,
    /// What happened last.
    status: Option<String>,
    /// Who had the keyboard at the end of the last frame.
    focus_before: Option<egui::Id>,
}

/// An open map as the corpus page offers it.
pub(super) struct MapChoice {
    key: String,
    title: String,
    path: Option<PathBuf>,
    reference: bool,
    units: usize,
}

/// How an open map is named in `maps_off`: its file, or its title when it has none.
fn map_key(path: Option<&Path>, title: &str) -> String {
    match path {
        Some(path) => path.display().to_string(),
        None => format!("untitled: {title}"),
    }
}

use crate::io::folders::file_name;

impl AnalysisView {
    /// Every theme there is: the pan-sector ones and those the crosswalk defines (which win).
    fn all_themes(&self) -> Vec<ThemeSet> {
        let mut all = pan_sector_theme_sets();
        for theme in &self.crosswalk.doc.crosswalk.themes {
            all.retain(|t| t.id != theme.id);
            all.push(theme.clone());
        }
        all
    }

    fn chosen_themes(&self) -> Vec<ThemeSet> {
        self.all_themes()
            .into_iter()
            .filter(|t| !self.themes_off.contains(&t.id))
            .collect()
    }

    /// After the crosswalk changed: every pair's decision read again, the matrix rebuilt
    /// (rejected pairs leave it), the list filtered again.
    fn decisions_changed(&mut self) {
        let Some(results) = &mut self.results else {
            return;
        };
        let crosswalk = &self.crosswalk.doc.crosswalk;
        for (found, key) in results.report.uses.iter_mut().zip(&results.keys) {
            found.decision = crosswalk.decision(key).cloned();
        }
        // The open cell stays open where its row and column went.
        let open = self.matrix.open_cell.and_then(|(r, c)| {
            let matrix = &results.matrix;
            let row = matrix.rows.get(r)?;
            Some((
                row.theme.clone(),
                row.source.clone(),
                matrix.columns.get(c)?.clone(),
            ))
        });
        results.matrix = Matrix::build(&results.corpus, &results.report, self.matrix.columns);
        let matrix = &results.matrix;
        self.matrix.open_cell = open.and_then(|(theme, source, column)| {
            let r = matrix
                .rows
                .iter()
                .position(|row| row.theme == theme && row.source == source)?;
            Some((r, matrix.columns.iter().position(|c| *c == column)?))
        });
        self.matrix.shown = None;
        self.pairs.visible_stale = true;
    }

    /// The pairs shown with the filters as they are, in report order.
    fn refresh_visible(&mut self) {
        self.pairs.visible_stale = false;
        let Some(results) = &self.results else {
            self.pairs.visible.clear();
            return;
        };
        let words: Vec<String> = self
            .pairs
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let only = self.pairs.only.as_ref().map(|(_, pairs)| pairs);
        let state = &self.pairs;
        self.pairs.visible = results
            .report
            .uses
            .iter()
            .enumerate()
            .filter(|(i, found)| {
                only.is_none_or(|pairs| pairs.contains(i))
                    && state.mechanism.is_none_or(|m| m == found.mechanism)
                    && (!state.undecided_only || found.decision.is_none())
                    && (state.show_rejected || only.is_some() || !found.rejected())
                    && words.iter().all(|w| results.haystacks[*i].contains(w))
            })
            .map(|(i, _)| i)
            .collect();
        if self
            .pairs
            .selected
            .is_none_or(|s| !self.pairs.visible.contains(&s))
        {
            self.pairs.selected = self.pairs.visible.first().copied();
        }
    }

    /// Selects the pair `step` rows from the selected one (clamped), and shows it.
    fn step_selection(&mut self, step: isize) {
        let visible = &self.pairs.visible;
        if visible.is_empty() {
            return;
        }
        let at = self
            .pairs
            .selected
            .and_then(|s| visible.iter().position(|&p| p == s));
        let next = match at {
            Some(at) => at.saturating_add_signed(step).min(visible.len() - 1),
            None => 0,
        };
        self.pairs.selected = Some(visible[next]);
        self.pairs.scroll_to_selected = true;
    }

    /// The crosswalk in words, for the header.
    fn crosswalk_state(&self) -> String {
        let crosswalk = &self.crosswalk.doc.crosswalk;
        let counts = format!(
            "{} decisions, {} themes of its own",
            crosswalk.decisions.len(),
            crosswalk.themes.len()
        );
        match &self.crosswalk.path {
            Some(path) if self.crosswalk.doc.unsaved == 0 => {
                format!("Crosswalk {} ({counts}, saved)", file_name(path))
            }
            Some(path) => format!("Crosswalk {} ({counts}, NOT saved)", file_name(path)),
            None => format!("No crosswalk file ({counts}, not saved)"),
        }
    }

    /// The whole view, in the central panel.
    fn ui(&mut self, ui: &mut egui::Ui, maps: &[MapChoice], keys: bool, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            ui.heading("Analysis");
            ui.add_space(8.0);
            for page in Page::ALL {
                if ui
                    .selectable_label(self.page == page, page.label())
                    .clicked()
                {
                    self.page = page;
                    if page == Page::Pairs {
                        self.pairs.focus = true;
                    }
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Back to the map")
                    .on_hover_text("Esc, or Ctrl+Shift+A again; the analysis stays here")
                    .clicked()
                {
                    actions.push(Action::Analysis(AnalysisAction::Close));
                }
            });
        });
        ui.horizontal_wrapped(|ui| {
            let summary = self
                .results
                .as_ref()
                .map_or("Not run yet".to_string(), |r| r.summary.clone());
            ui.label(egui::RichText::new(summary).small());
            ui.separator();
            ui.label(egui::RichText::new(self.crosswalk_state()).small());
            if let Some(status) = &self.status {
                ui.separator();
                ui.label(egui::RichText::new(status).small());
            }
        });
        if let Some(error) = self.error.clone() {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, error);
                if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                    self.error = None;
                }
            });
        }
        ui.separator();
        match self.page {
            Page::Corpus => corpus_page::corpus_ui(ui, self, maps, actions),
            Page::Pairs => pairs_page::pairs_ui(ui, self, actions),
            Page::Matrix => matrix_page::matrix_ui(ui, self, actions),
            Page::Themes => themes_page::themes_ui(ui, self, actions),
        }
        // A field that had the keyboard last frame keeps its keys: egui takes the focus from
        // it at the start of the pass an Esc is typed in, and that Esc was for the field.
        let ours = |id: Option<egui::Id>| id.is_none_or(|id| id == pairs_page::list_id());
        if keys && ours(self.focus_before) && ours(ui.memory(|m| m.focused())) {
            self.keys(ui, actions);
        }
        self.focus_before = ui.memory(|m| m.focused());
    }

    /// The view's keys, while no text field has the keyboard.
    fn keys(&mut self, ui: &egui::Ui, actions: &mut Vec<Action>) {
        if egui::Popup::is_any_open(ui.ctx()) {
            return;
        }
        let page = self.page;
        let taken: Vec<(Key, Modifiers)> = ui.input_mut(|input| {
            let mut taken = Vec::new();
            input.events.retain(|event| match event {
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } if handles(page, *key, *modifiers) => {
                    taken.push((*key, *modifiers));
                    false
                }
                _ => true,
            });
            taken
        });
        for (key, modifiers) in taken {
            self.key(key, modifiers, actions);
        }
    }

    fn key(&mut self, key: Key, modifiers: Modifiers, actions: &mut Vec<Action>) {
        let ctrl = modifiers.command || modifiers.ctrl;
        let selected = self.pairs.selected;
        let mut ask = |action| actions.push(Action::Analysis(action));
        match key {
            Key::Escape => ask(AnalysisAction::Close),
            Key::Z | Key::Y if ctrl => ask(AnalysisAction::History {
                undo: key == Key::Z && !modifiers.shift,
            }),
            Key::Enter => {
                if let Some(pair) = selected {
                    ask(AnalysisAction::GoTo {
                        pair,
                        thematic: modifiers.shift,
                    });
                }
            }
            Key::J | Key::ArrowDown => self.step_selection(1),
            Key::K | Key::ArrowUp => self.step_selection(-1),
            Key::PageDown => self.step_selection(20),
            Key::PageUp => self.step_selection(-20),
            Key::Home => self.step_selection(isize::MIN / 2),
            Key::End => self.step_selection(isize::MAX / 2),
            _ => {
                let Some(pair) = selected else {
                    return;
                };
                let suggested = self
                    .results
                    .as_ref()
                    .and_then(|r| r.report.uses.get(pair))
                    .map(Relation::suggested);
                let relation = match key {
                    Key::A => suggested,
                    Key::R => Some(Relation::NotRelated),
                    Key::Num0 => None,
                    other => relation_key(other),
                };
                if key == Key::Num0 || relation.is_some() {
                    ask(AnalysisAction::Decide {
                        pair,
                        relation,
                        advance: false,
                    });
                    // The next key may arrive in this same frame, before the decision is
                    // applied: it is for the next pair, so move on now.
                    if key != Key::Num0 {
                        self.step_selection(1);
                    }
                }
            }
        }
    }
}

/// The relation a digit key chooses (1 to 7, in `Relation::ALL` order).
fn relation_key(key: Key) -> Option<Relation> {
    let digit = super::keyboard::digit(key)?;
    Relation::ALL
        .get(usize::from(digit).checked_sub(1)?)
        .copied()
}

/// Whether the view takes this key press on this page.
fn handles(page: Page, key: Key, modifiers: Modifiers) -> bool {
    let ctrl = modifiers.command || modifiers.ctrl;
    if modifiers.alt {
        return false;
    }
    if ctrl {
        return matches!(key, Key::Z | Key::Y);
    }
    match key {
        Key::Escape => true,
        Key::Enter => matches!(page, Page::Pairs | Page::Matrix),
        Key::A
        | Key::R
        | Key::J
        | Key::K
        | Key::ArrowDown
        | Key::ArrowUp
        | Key::PageDown
        | Key::PageUp
        | Key::Home
        | Key::End
        | Key::Num0 => page == Page::Pairs,
        other => page == Page::Pairs && relation_key(other).is_some(),
    }
}

impl NosmapApp {
    /// Shows the Analysis view, or goes back to the map.
    pub(super) fn toggle_analysis(&mut self) {
        if self.analysis.shown {
            self.close_analysis();
            return;
        }
        self.analysis.shown = true;
        self.analysis.pairs.focus = true;
        if self.analysis.crosswalk_typed.trim().is_empty() {
            if let Some(path) = self.default_crosswalk() {
                self.analysis.crosswalk_typed = path.display().to_string();
            }
        }
        if let Err(error) = self.ensure_crosswalk() {
            self.analysis.error = Some(error);
        }
    }

    fn close_analysis(&mut self) {
        self.analysis.shown = false;
        self.focus_canvas = true;
    }

    /// The view, in the central panel; its keys work unless a dialog is open over it.
    pub(super) fn analysis_ui(
        &mut self,
        ui: &mut egui::Ui,
        modal_open: bool,
        actions: &mut Vec<Action>,
    ) {
        let maps = self.corpus_maps();
        self.analysis.ui(ui, &maps, !modal_open, actions);
    }

    /// A file chosen in a dialog the view asked for.
    pub(super) fn analysis_file_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Catalogue => self.add_catalogue(path),
            _ => self.use_crosswalk(path),
        }
    }

    /// Applies what the view asked for.
    pub(super) fn apply_analysis(&mut self, asked: AnalysisAction) {
        match asked {
            AnalysisAction::Run => self.run_reuse(),
            AnalysisAction::AskCatalogue => {
                let folder = self
                    .analysis
                    .catalogues
                    .last()
                    .map(|c| start_folder(Some(&c.path)))
                    .unwrap_or_else(|| start_folder(self.tab.path.as_deref()));
                self.files.ask(Purpose::Catalogue, folder, String::new());
            }
            AnalysisAction::AddCatalogue(path) => self.add_catalogue(path),
            AnalysisAction::AskCrosswalk => {
                let current = self
                    .analysis
                    .crosswalk
                    .path
                    .clone()
                    .or_else(|| self.default_crosswalk());
                let name = current
                    .as_deref()
                    .map_or(DEFAULT_CROSSWALK.to_string(), file_name);
                let folder = start_folder(current.as_deref().or(self.tab.path.as_deref()));
                self.files.ask(Purpose::Crosswalk, folder, name);
            }
            AnalysisAction::UseCrosswalk(path) => self.use_crosswalk(path),
            AnalysisAction::Decide {
                pair,
                relation,
                advance,
            } => self.decide(pair, relation, None, advance),
            AnalysisAction::Note { pair, note } => {
                let relation = self
                    .analysis
                    .results
                    .as_ref()
                    .and_then(|r| r.report.uses.get(pair))
                    .and_then(|u| u.decision.as_ref())
                    .map(|d| d.relation);
                match relation {
                    Some(relation) => self.decide(pair, Some(relation), Some(note), false),
                    None => {
                        self.analysis.error = Some("Decide the pair first, then note why".into())
                    }
                }
            }
            AnalysisAction::History { undo } => self.crosswalk_history(undo),
            AnalysisAction::GoTo { pair, thematic } => self.go_to_pair(pair, thematic),
            AnalysisAction::ShowUnit(unit) => self.show_unit(unit),
            AnalysisAction::Adopt(candidate) => self.adopt(candidate),
            AnalysisAction::Close => self.close_analysis(),
        }
    }
}

/// Test and measurement access to the view.
impl NosmapApp {
    /// Whether the Analysis view is shown instead of the map.
    pub fn analysis_shown(&self) -> bool {
        self.analysis.shown
    }

    /// The last run's corpus and report, if the analysis has run.
    pub fn analysis_results(&self) -> Option<(&Corpus, &ReuseReport)> {
        self.analysis
            .results
            .as_ref()
            .map(|r| (&r.corpus, &r.report))
    }

    /// The pair selected in the pairs list (an index into the report's uses).
    pub fn analysis_selected_pair(&self) -> Option<usize> {
        self.analysis.pairs.selected
    }

    /// The pairs the list shows, in order.
    pub fn analysis_visible_pairs(&self) -> &[usize] {
        &self.analysis.pairs.visible
    }

    /// The crosswalk file decisions are saved to.
    pub fn analysis_crosswalk_path(&self) -> Option<&Path> {
        self.analysis.crosswalk.path.as_deref()
    }

    /// The last error the view showed.
    pub fn analysis_error(&self) -> Option<&str> {
        self.analysis.error.as_deref()
    }
}
