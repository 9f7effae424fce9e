//! What the Analysis view's actions do to the corpus, the crosswalk and the maps: reading and
//! saving the crosswalk, adding catalogue exports, running the analysis, decisions with undo and
//! redo, adopting a candidate theme.

use std::path::{Path, PathBuf};

use super::super::NosmapApp;
use super::{
    CatalogueFile, DEFAULT_CROSSWALK, LoadedCrosswalk, MapChoice, Origin, Page, Results,
    THEME_COLOURS, file_name, map_key,
};
use crate::analysis::reuse::candidates::adopt_in_map;
use crate::analysis::reuse::crosswalk::{CrosswalkDocument, CrosswalkEdit};
use crate::analysis::reuse::matrix::Matrix;
use crate::analysis::reuse::{Corpus, Decision, PairKey, Relation, ReuseOptions, analyse};
use crate::edit::Edit;

impl NosmapApp {
    /// `pan-sector.crosswalk.ron` beside the first open map saved to a file, else beside the
    /// first catalogue export.
    pub(super) fn default_crosswalk(&self) -> Option<PathBuf> {
        let beside = self
            .tabs_in_order()
            .filter(|t| t.doc.read_only_reason().is_none())
            .find_map(|t| t.path.clone())
            .or_else(|| self.analysis.catalogues.first().map(|c| c.path.clone()))?;
        Some(beside.with_file_name(DEFAULT_CROSSWALK))
    }

    /// Reads the crosswalk named in the view when it is not the one read already.
    pub(super) fn ensure_crosswalk(&mut self) -> Result<(), String> {
        let typed = self.analysis.crosswalk_typed.trim();
        let wanted = (!typed.is_empty()).then(|| PathBuf::from(typed));
        if wanted == self.analysis.crosswalk.path {
            return Ok(());
        }
        let Some(path) = wanted else {
            // No file: what was decided stays, kept here only.
            self.analysis.crosswalk.path = None;
            return Ok(());
        };
        let crosswalk = crate::io::crosswalk::load_crosswalk(&path)
            .map_err(|e| format!("The crosswalk file could not be read: {e}"))?;
        self.analysis.status = Some(if crate::io::folders::file_exists(&path) {
            format!(
                "Read {} decisions from {}",
                crosswalk.decisions.len(),
                path.display()
            )
        } else {
            format!("{} will be made at the first decision", path.display())
        });
        self.analysis.crosswalk = LoadedCrosswalk {
            path: Some(path),
            doc: CrosswalkDocument::new(crosswalk),
        };
        self.analysis.decisions_changed();
        Ok(())
    }

    /// Writes the crosswalk to its file (atomically); a failure is shown and the decision kept.
    pub(super) fn save_crosswalk(&mut self) {
        let loaded = &mut self.analysis.crosswalk;
        let Some(path) = &loaded.path else {
            self.analysis.error =
                Some("Decisions are not saved: name a crosswalk file on the Corpus page".into());
            return;
        };
        match crate::io::crosswalk::save_crosswalk(&loaded.doc.crosswalk, path) {
            Ok(()) => {
                loaded.doc.unsaved = 0;
                self.analysis.error = None;
            }
            Err(error) => {
                self.analysis.error = Some(format!(
                    "The decision is kept here but the crosswalk was not saved: {error}"
                ));
            }
        }
    }

    /// The open maps the corpus page offers (not a catalogue export opened to show a row).
    pub(super) fn corpus_maps(&self) -> Vec<MapChoice> {
        self.tabs_in_order()
            .filter(|tab| !self.is_catalogue_tab(tab.path.as_deref()))
            .map(|tab| {
                let title = tab.doc.map().display_title();
                MapChoice {
                    key: map_key(tab.path.as_deref(), &title),
                    path: tab.path.clone(),
                    reference: tab.doc.read_only_reason().is_some(),
                    units: tab.doc.map().units().count(),
                    title,
                }
            })
            .collect()
    }

    /// Whether a tab's file is one of the catalogue exports in the corpus.
    pub(super) fn is_catalogue_tab(&self, path: Option<&Path>) -> bool {
        path.is_some_and(|p| {
            self.analysis
                .catalogues
                .iter()
                .any(|c| crate::io::folders::same_file(&c.path, p))
        })
    }

    pub(super) fn use_crosswalk(&mut self, path: PathBuf) {
        self.analysis.crosswalk_typed = path.display().to_string();
        if let Err(error) = self.ensure_crosswalk() {
            self.analysis.error = Some(error);
        }
    }

    pub(super) fn add_catalogue(&mut self, path: PathBuf) {
        let known = self
            .analysis
            .catalogues
            .iter()
            .any(|c| crate::io::folders::same_file(&c.path, &path));
        if known {
            self.analysis.status = Some(format!("{} is in the corpus already", path.display()));
            return;
        }
        match crate::io::catalogue::load_catalogue_rows(&path) {
            Ok(rows) => {
                self.analysis.status =
                    Some(format!("Added {} ({} rows)", path.display(), rows.len()));
                self.analysis.error = None;
                self.analysis.catalogue_typed.clear();
                self.analysis.catalogues.push(CatalogueFile {
                    path,
                    rows,
                    chosen: true,
                });
                if self.analysis.crosswalk_typed.trim().is_empty() {
                    if let Some(path) = self.default_crosswalk() {
                        self.use_crosswalk(path);
                    }
                }
            }
            Err(error) => {
                self.analysis.error = Some(format!("Not added: {error}"));
            }
        }
    }

    /// Runs the analysis on the maps ticked and the catalogue exports added.
    pub(super) fn run_reuse(&mut self) {
        if let Err(error) = self.ensure_crosswalk() {
            self.analysis.error = Some(error);
            return;
        }
        let started = std::time::Instant::now();
        let mut corpus = Corpus::new();
        let mut origins = Vec::new();
        let mut names = Vec::new();
        for tab in self.tabs_in_order() {
            if self.is_catalogue_tab(tab.path.as_deref()) {
                continue;
            }
            let title = tab.doc.map().display_title();
            if self
                .analysis
                .maps_off
                .contains(&map_key(tab.path.as_deref(), &title))
            {
                continue;
            }
            let name = tab.path.as_deref().map_or(title.clone(), file_name);
            corpus.add_map(&name, tab.doc.map());
            names.push(name);
            origins.push(Origin::Map {
                path: tab.path.clone(),
                title,
            });
        }
        for catalogue in self.analysis.catalogues.iter().filter(|c| c.chosen) {
            let name = file_name(&catalogue.path);
            corpus.add_catalogue_rows(&name, &catalogue.rows);
            names.push(name);
            origins.push(Origin::Catalogue {
                path: catalogue.path.clone(),
            });
        }
        if corpus.units.is_empty() {
            self.analysis.error =
                Some("Nothing to analyse: tick a map with units or add a catalogue export".into());
            return;
        }
        let themes = self.analysis.chosen_themes();
        if themes.is_empty() {
            self.analysis.error = Some("Tick at least one theme".into());
            return;
        }
        let options = ReuseOptions {
            near_duplicates: !self.analysis.links_only,
            ..ReuseOptions::default()
        };
        let report = analyse(
            &corpus,
            &themes,
            &self.analysis.crosswalk.doc.crosswalk,
            &options,
        );
        let keys: Vec<PairKey> = report
            .uses
            .iter()
            .map(|u| PairKey::of(&corpus, u))
            .collect();
        let haystacks = report
            .uses
            .iter()
            .map(|u| {
                let using = &corpus.units[u.using];
                [
                    report.themes[u.theme].name.as_str(),
                    u.mechanism.label(),
                    &report.source_label(&corpus, &u.source),
                    &using.label(),
                    &using.developer,
                    u.suite.as_deref().unwrap_or(""),
                    &report.organisation(&corpus, u),
                    &u.evidence.summary,
                ]
                .join(" ")
                .to_lowercase()
            })
            .collect();
        let matrix = Matrix::build(&corpus, &report, self.analysis.matrix.columns);
        let summary = format!(
            "{} units from {} · {} themes · {} pairs (in {:.1} s)",
            corpus.units.len(),
            names.join(", "),
            themes.len(),
            report.uses.len(),
            started.elapsed().as_secs_f32()
        );
        self.analysis.status = None;
        self.analysis.error = None;
        self.analysis.results = Some(Results {
            corpus,
            origins,
            report,
            keys,
            haystacks,
            matrix,
            candidates: None,
            summary,
        });
        let pairs = &mut self.analysis.pairs;
        pairs.selected = None;
        pairs.only = None;
        pairs.note = None;
        pairs.scroll_to_selected = true;
        pairs.focus = true;
        self.analysis.matrix.open_cell = None;
        self.analysis.matrix.shown = None;
        self.analysis.refresh_visible();
        self.analysis.page = Page::Pairs;
    }

    /// Records a decision on a pair (every use that is the same pair shares it) and saves.
    pub(super) fn decide(
        &mut self,
        pair: usize,
        relation: Option<Relation>,
        note: Option<String>,
        advance: bool,
    ) {
        if let Err(error) = self.ensure_crosswalk() {
            self.analysis.error = Some(error);
            return;
        }
        let view = &mut self.analysis;
        let Some(results) = &view.results else {
            return;
        };
        let (Some(key), Some(found)) = (results.keys.get(pair), results.report.uses.get(pair))
        else {
            return;
        };
        let note = note.unwrap_or_else(|| {
            found
                .decision
                .as_ref()
                .map_or(String::new(), |d| d.note.clone())
        });
        let decision = relation.map(|relation| Decision {
            relation,
            note,
            by: crate::io::lock::user_name(),
            date: self.today,
        });
        let said = match &decision {
            Some(d) => format!("{}: {}", key_words(key), d.relation.label()),
            None => format!("{}: decision cleared", key_words(key)),
        };
        let at = view.pairs.visible.iter().position(|&p| p == pair);
        let next = at.and_then(|at| view.pairs.visible.get(at + 1)).copied();
        view.crosswalk
            .doc
            .apply(CrosswalkEdit::Decide(key.clone(), decision));
        view.decisions_changed();
        view.refresh_visible();
        if advance {
            let visible = &view.pairs.visible;
            view.pairs.selected = next
                .filter(|n| visible.contains(n))
                .or_else(|| {
                    at.and_then(|at| visible.get(at.min(visible.len().saturating_sub(1))))
                        .copied()
                })
                .or(view.pairs.selected);
        } else if view.pairs.selected.is_none() && view.pairs.visible.contains(&pair) {
            view.pairs.selected = Some(pair);
        }
        view.pairs.scroll_to_selected = true;
        view.status = Some(said);
        self.save_crosswalk();
    }

    /// Undoes or redoes the last change to the crosswalk, selecting the pair it was about.
    pub(super) fn crosswalk_history(&mut self, undo: bool) {
        let view = &mut self.analysis;
        let before = view.crosswalk.doc.crosswalk.clone();
        let done = if undo {
            view.crosswalk.doc.undo()
        } else {
            view.crosswalk.doc.redo()
        };
        if !done {
            view.status = Some(if undo {
                "Nothing to undo in the crosswalk".into()
            } else {
                "Nothing to redo in the crosswalk".into()
            });
            return;
        }
        let after = &view.crosswalk.doc.crosswalk;
        let changed: Option<PairKey> = before
            .decisions
            .keys()
            .chain(after.decisions.keys())
            .find(|k| before.decisions.get(*k) != after.decisions.get(*k))
            .cloned();
        view.status = Some(format!(
            "{} {}",
            if undo { "Undid" } else { "Redid" },
            match &changed {
                Some(key) => format!("the decision on {}", key_words(key)),
                None => "the change to the crosswalk's themes".to_string(),
            }
        ));
        view.decisions_changed();
        view.refresh_visible();
        if let (Some(key), Some(results)) = (&changed, &view.results) {
            if let Some(pair) = results.keys.iter().position(|k| k == key) {
                if !view.pairs.visible.contains(&pair) {
                    // Shown again even if the filters hide it now.
                    view.pairs.only = None;
                    view.pairs.undecided_only = false;
                    view.pairs.show_rejected = true;
                    view.refresh_visible();
                }
                view.pairs.selected = Some(pair);
                view.pairs.scroll_to_selected = true;
            }
        }
        self.save_crosswalk();
    }

    /// Adopts a candidate theme: the crosswalk gets it, and every open writable map gets it in
    /// its themes with its units tagged, as one undoable step in that map's history.
    pub(super) fn adopt(&mut self, candidate: usize) {
        if let Err(error) = self.ensure_crosswalk() {
            self.analysis.error = Some(error);
            return;
        }
        let Some(results) = &self.analysis.results else {
            return;
        };
        let Some(chosen) = results.candidates.as_ref().and_then(|c| c.get(candidate)) else {
            return;
        };
        let theme = chosen.theme_set(&results.corpus);
        let mut themes = self.analysis.crosswalk.doc.crosswalk.themes.clone();
        themes.retain(|t| t.id != theme.id);
        themes.push(theme.clone());
        self.analysis
            .crosswalk
            .doc
            .apply(CrosswalkEdit::SetThemes(themes));
        self.save_crosswalk();
        let label = format!("Adopt the theme “{}”", theme.name);
        let mut maps = 0;
        let mut units = 0;
        let mut refused = Vec::new();
        for tab in std::iter::once(&mut self.tab).chain(self.others.iter_mut()) {
            if tab.doc.read_only_reason().is_some() {
                continue;
            }
            let map = tab.doc.map();
            let colour = THEME_COLOURS[map.meta().themes.len() % THEME_COLOURS.len()];
            let edits = adopt_in_map(map, &theme, colour);
            if edits.is_empty() {
                continue;
            }
            let tagged = edits
                .iter()
                .filter(|e| matches!(e, Edit::SetNode { .. }))
                .count();
            let done = tab.doc.transact(&label, |doc| {
                for edit in edits {
                    doc.apply(&label, edit)?;
                }
                Ok(())
            });
            match done {
                Ok(()) => {
                    maps += 1;
                    units += tagged;
                }
                Err(refusal) => refused.push(format!("{}: {refusal}", tab.tab_title())),
            }
        }
        self.refresh();
        let said = format!(
            "Adopted “{}” ({}): in the crosswalk, and in {} with {} tagged (Ctrl+Z in a map undoes it there). Run again to see where it is used.",
            theme.name,
            count(theme.units.len(), "unit"),
            count(maps, "open map"),
            count(units, "unit"),
        );
        self.message = Some(label);
        self.analysis.status = Some(said);
        if !refused.is_empty() {
            self.analysis.error = Some(format!("Not adopted in {}", refused.join("; ")));
        }
    }
}

/// “1 unit”, “3 units”.
fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// A pair named for the status line: “CFAMLA1 → suite:gambling operations”.
fn key_words(key: &PairKey) -> String {
    format!("{} → {}", key.source, key.using)
}
