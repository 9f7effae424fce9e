//! Going from a result to its unit: the map's tab shown (the map opened again if it was
//! closed, a catalogue export imported and opened as a read-only reference), the unit selected
//! and framed.

use std::path::Path;

use super::super::NosmapApp;
use super::super::selection::Placement;
use super::{Origin, file_name};
use crate::analysis::reuse::{Place, Source, normal};
use crate::io::catalogue::CATALOGUE_KEY_PURPOSE;
use crate::model::{FunctionalMap, NodeId};

impl NosmapApp {
    /// Shows a pair's unit in its map: switches to the map's tab (opening it, or the catalogue
    /// export as a read-only reference, when needed), selects and frames the unit.
    pub(super) fn go_to_pair(&mut self, pair: usize, thematic: bool) {
        let Some(results) = &self.analysis.results else {
            return;
        };
        let Some(found) = results.report.uses.get(pair) else {
            return;
        };
        let unit_index = if thematic {
            match &found.source {
                Source::Unit(unit) => *unit,
                Source::Earlier(code) => {
                    self.analysis.error = Some(format!(
                        "{code} is a code of an earlier edition: no unit in the corpus carries it"
                    ));
                    return;
                }
            }
        } else {
            found.using
        };
        self.show_unit(unit_index);
    }

    /// Shows a corpus unit in its map and goes back to the map.
    pub(super) fn show_unit(&mut self, unit_index: usize) {
        let Some(results) = &self.analysis.results else {
            return;
        };
        let Some(unit) = results.corpus.units.get(unit_index).cloned() else {
            return;
        };
        let origin = results.origins[unit.source].clone();
        let shown = match (origin, unit.place) {
            (Origin::Map { path, title }, Some(Place::Node(node))) => {
                self.show_map_unit(path.as_deref(), &title, node, &unit.urn_key)
            }
            (Origin::Catalogue { path }, _) => self.show_catalogue_unit(&path, &unit),
            _ => Err(format!("{} has no place to show", unit.label())),
        };
        match shown {
            Ok(()) => {
                self.message = Some(format!("Showing {}", unit.label()));
                self.close_analysis();
            }
            Err(error) => self.analysis.error = Some(error),
        }
    }

    /// Shows a node of an open map (opening its file again if it was closed).
    pub(super) fn show_map_unit(
        &mut self,
        path: Option<&Path>,
        title: &str,
        node: NodeId,
        urn_key: &str,
    ) -> Result<(), String> {
        let index = match path {
            Some(path) => match self.tab_of(path) {
                Some(index) => Some(index),
                None => {
                    self.open_in_tab(path, false);
                    self.tab_of(path)
                }
            },
            None => self
                .tabs_in_order()
                .position(|t| t.path.is_none() && t.doc.map().display_title() == title),
        };
        let Some(index) = index else {
            return Err(format!("{title} is not open any more"));
        };
        self.show_tab(index);
        if self.tab_index != index {
            return Err("Answer the question about the map shown first".into());
        }
        let map = self.tab.doc.map();
        // The same unit, or (after edits since the run) the unit with its URN.
        let node = if map
            .unit(node)
            .is_some_and(|u| normal::urn(&u.urn) == urn_key)
        {
            Some(node)
        } else {
            find_unit(map, urn_key, "", "")
        };
        let Some(node) = node else {
            return Err(format!(
                "The unit is not in {title} any more: run the analysis again"
            ));
        };
        let placement = Placement::first(self.tab.doc.map(), node);
        self.go_to(placement);
        self.focus_canvas = true;
        Ok(())
    }

    /// Shows a catalogue row's unit: in the catalogue export opened as a read-only reference
    /// (imported now unless a catalogue map holding it is open), under the row's suite.
    pub(super) fn show_catalogue_unit(
        &mut self,
        path: &Path,
        unit: &crate::analysis::reuse::CorpusUnit,
    ) -> Result<(), String> {
        let holds = |map: &FunctionalMap| {
            find_unit(map, &unit.urn_key, &unit.title, &unit.developer).is_some()
        };
        let index = self.tab_of(path).or_else(|| {
            self.tabs_in_order().position(|t| {
                let map = t.doc.map();
                map.node(map.root())
                    .is_some_and(|r| r.title() == CATALOGUE_KEY_PURPOSE)
                    && holds(map)
            })
        });
        match index {
            Some(index) => {
                self.show_tab(index);
                if self.tab_index != index {
                    return Err("Answer the question about the map shown first".into());
                }
            }
            None => {
                if self.question_waiting() {
                    return Err("Answer the question about the map shown first".into());
                }
                let text = crate::io::read_text(path).map_err(|e| e.to_string())?;
                let (map, _) = crate::io::catalogue::import_catalogue(&text, path)
                    .map_err(|e| e.to_string())?;
                let why = format!(
                    "{} is open as a reference (read-only), imported from the catalogue export to show its units.",
                    file_name(path)
                );
                let doc = crate::edit::Document::read_only(map, why);
                let (tab, _) = super::super::tab::MapTab::new(
                    doc,
                    Some(path.to_path_buf()),
                    &self.style,
                    self.today,
                );
                self.add_tab(tab);
            }
        }
        let map = self.tab.doc.map();
        let Some(node) = find_unit(map, &unit.urn_key, &unit.title, &unit.developer) else {
            return Err(format!("{} is not in {}", unit.label(), file_name(path)));
        };
        // Under the row's own suite, within its organisation, where there is a choice.
        let parents = map.parents(node);
        let title_of = |id: NodeId| map.node(id).map_or("", |n| n.title());
        let parent = parents
            .iter()
            .copied()
            .find(|&p| {
                unit.suites.iter().any(|s| s == title_of(p))
                    && map
                        .parents(p)
                        .first()
                        .is_some_and(|&org| title_of(org) == unit.developer)
            })
            .or_else(|| parents.first().copied());
        let placement = Placement { node, parent };
        self.go_to(placement);
        self.focus_canvas = true;
        Ok(())
    }
}

/// The unit of `map` a corpus unit names: by URN, else by title (under its organisation when
/// there is a choice).
fn find_unit(map: &FunctionalMap, urn_key: &str, title: &str, developer: &str) -> Option<NodeId> {
    if !urn_key.is_empty() {
        return map
            .units()
            .find(|(_, u)| normal::urn(&u.urn) == urn_key)
            .map(|(id, _)| id);
    }
    let mut same_title = map
        .units()
        .filter(|(_, u)| !title.is_empty() && u.title == title);
    let first = same_title.next()?;
    Some(
        std::iter::once(first)
            .chain(same_title)
            .find(|(_, u)| u.metadata.developed_by == developer)
            .unwrap_or(first)
            .0,
    )
}
