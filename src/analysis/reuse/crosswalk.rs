//! Decisions on suggested pairs: accepted with a relation, or rejected (“not related”). Kept
//! apart from the maps in a crosswalk file (`io::crosswalk`), named by URNs and titles rather
//! than corpus positions, so a later run over a different corpus finds them again.

use std::collections::BTreeMap;

use super::corpus::Corpus;
use super::themes::ThemeSet;
use super::{Source, Use, normal};
use crate::model::Date;

/// What a pair turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    Identical,
    Imported,
    Tailored,
    SameTitleDifferentContent,
    PartialOverlap,
    Related,
    /// Rejected: the suggestion was wrong.
    NotRelated,
}

impl Relation {
    pub const ALL: [Self; 7] = [
        Self::Identical,
        Self::Imported,
        Self::Tailored,
        Self::SameTitleDifferentContent,
        Self::PartialOverlap,
        Self::Related,
        Self::NotRelated,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Identical => "identical",
            Self::Imported => "imported",
            Self::Tailored => "tailored",
            Self::SameTitleDifferentContent => "same-title-different-content",
            Self::PartialOverlap => "partial-overlap",
            Self::Related => "related",
            Self::NotRelated => "not-related",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Identical => "Identical",
            Self::Imported => "Imported",
            Self::Tailored => "Tailored",
            Self::SameTitleDifferentContent => "Same title, different content",
            Self::PartialOverlap => "Partial overlap",
            Self::Related => "Related",
            Self::NotRelated => "Not related",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The relation an analyst most likely means by “accept” for a use found this way.
    pub fn suggested(found: &Use) -> Self {
        use super::Mechanism::*;
        match found.mechanism {
            SameUrn => Self::Identical,
            OriginalUrn if found.tailored => Self::Tailored,
            OriginalUrn => Self::Imported,
            SameTitle => Self::Related,
            NearDuplicate => Self::PartialOverlap,
        }
    }
}

/// A pair as decisions name it: each side by URN (or title where there is none); a suite
/// listing by the suite's name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PairKey {
    pub source: String,
    pub using: String,
}

impl PairKey {
    pub fn of(corpus: &Corpus, found: &Use) -> Self {
        let unit_key = |unit: usize| {
            let u = &corpus.units[unit];
            if u.urn_key.is_empty() {
                format!("title:{}", u.title_key)
            } else {
                u.urn_key.clone()
            }
        };
        let source = match &found.source {
            Source::Unit(unit) => unit_key(*unit),
            Source::Earlier(code) => format!("earlier:{}", normal::urn(code)),
        };
        let using = match &found.suite {
            Some(suite) => format!("suite:{}", normal::name(suite)),
            None => unit_key(found.using),
        };
        Self { source, using }
    }
}

/// One decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub relation: Relation,
    pub note: String,
    /// Who decided.
    pub by: String,
    pub date: Option<Date>,
}

/// All decisions, and the themes analysts defined beyond the built-in ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Crosswalk {
    pub decisions: BTreeMap<PairKey, Decision>,
    pub themes: Vec<ThemeSet>,
}

/// A change to a crosswalk; applying one returns its inverse (undo).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CrosswalkEdit {
    Decide(PairKey, Option<Decision>),
    SetThemes(Vec<ThemeSet>),
}

impl Crosswalk {
    pub fn decision(&self, key: &PairKey) -> Option<&Decision> {
        self.decisions.get(key)
    }

    /// Applies an edit and returns the edit that undoes it.
    pub fn apply(&mut self, edit: CrosswalkEdit) -> CrosswalkEdit {
        match edit {
            CrosswalkEdit::Decide(key, decision) => {
                let old = match decision {
                    Some(d) => self.decisions.insert(key.clone(), d),
                    None => self.decisions.remove(&key),
                };
                CrosswalkEdit::Decide(key, old)
            }
            CrosswalkEdit::SetThemes(themes) => {
                CrosswalkEdit::SetThemes(std::mem::replace(&mut self.themes, themes))
            }
        }
    }
}

/// A crosswalk with undo and redo, as the editor holds it.
#[derive(Clone, Debug, Default)]
pub struct CrosswalkDocument {
    pub crosswalk: Crosswalk,
    undo: Vec<CrosswalkEdit>,
    redo: Vec<CrosswalkEdit>,
    /// Edits since the last save.
    pub unsaved: usize,
}

impl CrosswalkDocument {
    pub fn new(crosswalk: Crosswalk) -> Self {
        Self {
            crosswalk,
            ..Self::default()
        }
    }

    pub fn apply(&mut self, edit: CrosswalkEdit) {
        let inverse = self.crosswalk.apply(edit);
        self.undo.push(inverse);
        self.redo.clear();
        self.unsaved += 1;
    }

    pub fn undo(&mut self) -> bool {
        let Some(edit) = self.undo.pop() else {
            return false;
        };
        let inverse = self.crosswalk.apply(edit);
        self.redo.push(inverse);
        self.unsaved += 1;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(edit) = self.redo.pop() else {
            return false;
        };
        let inverse = self.crosswalk.apply(edit);
        self.undo.push(inverse);
        self.unsaved += 1;
        true
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}
