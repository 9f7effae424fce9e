//! The units an analysis looks at: every unit of any number of maps, and every row of the
//! catalogue export, in one list with what the mechanisms compare.

use rayon::prelude::*;

use super::normal;
use crate::io::catalogue::{CATALOGUE_KEY_PURPOSE, CatalogueRow};
use crate::model::{FunctionalMap, Node, NodeId, StatementList, Status, numbering};

/// Where a corpus unit came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusSource {
    /// A name people recognise: the map's title or the file's name.
    pub name: String,
    pub kind: SourceKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// An open map (the source's index is the caller's map index).
    Map,
    /// The catalogue export's CSV, one unit per row.
    CatalogueRows,
}

/// Where a unit is within its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    Node(NodeId),
    /// The line of the catalogue file the row starts on.
    Row(usize),
}

/// One unit as the analysis sees it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusUnit {
    pub source: usize,
    pub place: Option<Place>,
    pub urn: String,
    pub title: String,
    pub developer: String,
    pub suites: Vec<String>,
    pub occupations: Vec<String>,
    pub keywords: Vec<String>,
    pub original_urn: String,
    pub status: Option<Status>,
    /// Theme ids the unit is tagged with in its map.
    pub tags: Vec<String>,
    pub overview: String,
    /// The functions the unit is placed under in its map (“A Managing self”), first placement
    /// first; empty for catalogue rows.
    pub functions: Vec<String>,
    /// Numbered performance criteria and knowledge items: (`P3`, text).
    pub statements: Vec<(String, String)>,
    /// `normal::urn(urn)` and `normal::title(title)`, computed once.
    pub urn_key: String,
    pub title_key: String,
    /// `normal::name` of each suite.
    pub suite_keys: Vec<String>,
}

impl CorpusUnit {
    /// The words the full-text pass compares: the title, overview and every statement.
    pub fn full_text(&self) -> Option<String> {
        if self.statements.is_empty() && self.overview.is_empty() {
            return None;
        }
        let mut text = format!("{} . {}", self.title, self.overview);
        for (_, statement) in &self.statements {
            text.push_str(" . ");
            text.push_str(statement);
        }
        Some(text)
    }

    /// The unit named for people: “URN Title”.
    pub fn label(&self) -> String {
        match (self.urn.is_empty(), self.title.is_empty()) {
            (true, _) => self.title.clone(),
            (false, true) => self.urn.clone(),
            (false, false) => format!("{} {}", self.urn, self.title),
        }
    }

    fn keys(mut self) -> Self {
        self.urn_key = normal::urn(&self.urn);
        self.title_key = normal::title(&self.title);
        self.suite_keys = self.suites.iter().map(|s| normal::name(s)).collect();
        self
    }
}

/// Every unit of the maps and catalogue rows chosen for one analysis.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub sources: Vec<CorpusSource>,
    pub units: Vec<CorpusUnit>,
}

impl Corpus {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds every unit of a map. A unit's suites are its own metadata's, then (for the
    /// catalogue imported as a map) the suites it is placed under, else the map's suite.
    pub fn add_map(&mut self, name: &str, map: &FunctionalMap) -> usize {
        let source = self.sources.len();
        self.sources.push(CorpusSource {
            name: name.to_string(),
            kind: SourceKind::Map,
        });
        let is_catalogue = map
            .node(map.root())
            .is_some_and(|root| root.title() == CATALOGUE_KEY_PURPOSE);
        for (id, unit) in map.units() {
            let m = &unit.metadata;
            let mut suites = m.suites.clone();
            if is_catalogue {
                for parent in map.parents(id) {
                    if let Some(node) = map.node(parent) {
                        let title = node.title().to_string();
                        if !suites.contains(&title) {
                            suites.push(title);
                        }
                    }
                }
            }
            if suites.is_empty() && !map.meta().suite.is_empty() {
                suites.push(map.meta().suite.clone());
            }
            let functions = map
                .parents(id)
                .into_iter()
                .filter_map(|p| match map.node(p)? {
                    Node::Function(f) if f.code.is_empty() => Some(f.title.clone()),
                    Node::Function(f) => Some(format!("{} {}", f.code, f.title)),
                    _ => None,
                })
                .collect();
            let developer = if m.developed_by.is_empty() {
                map.meta().developed_by.clone()
            } else {
                m.developed_by.clone()
            };
            let mut statements = Vec::new();
            for list in [StatementList::PerformanceCriteria, StatementList::Knowledge] {
                let items = unit.statements(list);
                for (label, statement) in numbering(list, items).into_iter().zip(items) {
                    if let Some(label) = label {
                        statements.push((label, statement.text.clone()));
                    }
                }
            }
            self.units.push(
                CorpusUnit {
                    source,
                    place: Some(Place::Node(id)),
                    urn: unit.urn.clone(),
                    title: unit.title.clone(),
                    developer,
                    suites: suites.iter().flat_map(|s| normal::split_list(s)).collect(),
                    occupations: m.occupations.clone(),
                    keywords: m.keywords.clone(),
                    original_urn: m.original_urn.clone(),
                    status: m.status,
                    tags: unit.themes.clone(),
                    functions,
                    overview: unit.overview.clone(),
                    statements,
                    ..CorpusUnit::default()
                }
                .keys(),
            );
        }
        source
    }

    /// Adds every catalogue row with a URN or a title, one unit per row (rows that share a
    /// URN stay apart: they may list different suites or titles).
    pub fn add_catalogue_rows(&mut self, name: &str, rows: &[CatalogueRow]) -> usize {
        let source = self.sources.len();
        self.sources.push(CorpusSource {
            name: name.to_string(),
            kind: SourceKind::CatalogueRows,
        });
        // Normalising 22,000 rows' names is a third of an analysis of the catalogue: both cores.
        let units: Vec<CorpusUnit> = rows
            .par_iter()
            .filter(|row| !(row.urn.is_empty() && row.title.is_empty()))
            .map(|row| {
                CorpusUnit {
                    source,
                    place: Some(Place::Row(row.line)),
                    urn: row.urn.clone(),
                    title: row.title.clone(),
                    developer: row.developed_by.clone(),
                    suites: normal::split_list(&row.suites),
                    occupations: normal::split_list(&row.occupations),
                    keywords: normal::split_keywords(&row.keywords),
                    original_urn: row.original_urn.clone(),
                    status: match row.status.as_str() {
                        "Original" => Some(Status::Original),
                        "Tailored" => Some(Status::Tailored),
                        _ => None,
                    },
                    ..CorpusUnit::default()
                }
                .keys()
            })
            .collect();
        self.units.extend(units);
        source
    }

    /// Where a unit is, in words: “catalogue.csv line 1234” or “M&L 2008 › CFAMLA1”.
    pub fn describe_place(&self, unit: usize) -> String {
        let u = &self.units[unit];
        let source = &self.sources[u.source].name;
        match u.place {
            Some(Place::Row(line)) => format!("{source} line {line}"),
            _ => format!("{source}: {}", u.label()),
        }
    }
}
