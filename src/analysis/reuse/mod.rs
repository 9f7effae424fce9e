//! Pan-sector reuse: where the thematic areas' standards are used across sectors.
//!
//! A corpus (`corpus.rs`: open maps and catalogue rows) and thematic sets (`themes.rs`) go in;
//! every use of a thematic unit comes out, labelled by the mechanism that shows it and carrying
//! its evidence (`find.rs`): the same URN listed in another suite, another URN whose Original
//! URN cites the unit, the same title under another URN, near-duplicate text. Results are
//! pairs, each confirmed on its own: no group is ever formed by chaining pairs. Decisions on
//! pairs (`crosswalk.rs`) are kept apart and applied to every later run; `matrix.rs` counts
//! uses per thematic unit and sector; `candidates.rs` suggests further cross-cutting themes.

pub mod candidates;
pub mod corpus;
pub mod crosswalk;
mod find;
pub mod matrix;
pub mod normal;
pub mod themes;

pub use corpus::{Corpus, CorpusSource, CorpusUnit, Place, SourceKind};
pub use crosswalk::{Crosswalk, Decision, PairKey, Relation};
pub use find::{ReuseOptions, analyse};
pub use themes::{ThemeSet, pan_sector_theme_sets};

/// How a use shows in the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mechanism {
    /// The same URN lists a suite outside the theme.
    SameUrn,
    /// Another URN whose Original URN cites the unit (imported, or tailored where Status says).
    OriginalUrn,
    /// The same title (after normalising) under another URN, with no link.
    SameTitle,
    /// Near-duplicate wording, scored.
    NearDuplicate,
}

impl Mechanism {
    pub const ALL: [Self; 4] = [
        Self::SameUrn,
        Self::OriginalUrn,
        Self::SameTitle,
        Self::NearDuplicate,
    ];

    /// Stable key used in files and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Self::SameUrn => "same-urn",
            Self::OriginalUrn => "original-urn",
            Self::SameTitle => "same-title",
            Self::NearDuplicate => "near-duplicate",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SameUrn => "Same URN in another suite",
            Self::OriginalUrn => "Imported (Original URN)",
            Self::SameTitle => "Same title, other URN",
            Self::NearDuplicate => "Near-duplicate text",
        }
    }

    /// One letter for matrix cells.
    pub fn letter(self) -> char {
        match self {
            Self::SameUrn => 'U',
            Self::OriginalUrn => 'I',
            Self::SameTitle => 'T',
            Self::NearDuplicate => 'N',
        }
    }

    pub fn from_letter(letter: char) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.letter() == letter)
    }
}

/// The thematic side of a use.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A unit of the corpus (the theme's representative record for its URN).
    Unit(usize),
    /// A code of an earlier edition that no unit in the corpus carries (“MSC A1”), as written.
    Earlier(String),
}

/// Why a pair was suggested, for people to judge it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evidence {
    /// One sentence.
    pub summary: String,
    /// Words both sides share, the most telling first (near duplicates).
    pub shared_terms: Vec<String>,
    /// Matching statements side by side: (label, text) on each side and their cosine.
    pub statements: Vec<StatementMatch>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StatementMatch {
    pub source: (String, String),
    pub using: (String, String),
    pub score: f32,
}

/// One use of a thematic unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Use {
    /// Index into the theme sets the analysis ran with.
    pub theme: usize,
    pub mechanism: Mechanism,
    pub source: Source,
    /// The corpus unit that uses it (for `SameUrn`, the record listing the other suite).
    pub using: usize,
    /// `SameUrn`: the other suite.
    pub suite: Option<String>,
    /// `OriginalUrn`: the code as the using unit cites it.
    pub cited: Option<String>,
    /// `OriginalUrn`: Status says Tailored.
    pub tailored: bool,
    /// 1 for links and equal titles; the cosine for near duplicates.
    pub score: f32,
    pub evidence: Evidence,
    /// The decision recorded for this pair, if any.
    pub decision: Option<Decision>,
}

impl Use {
    /// Whether the pair has been rejected (“not related”).
    pub fn rejected(&self) -> bool {
        self.decision
            .as_ref()
            .is_some_and(|d| d.relation == Relation::NotRelated)
    }
}

/// Everything one analysis found.
#[derive(Clone, Debug, Default)]
pub struct ReuseReport {
    pub themes: Vec<ThemeSet>,
    /// Per theme, the corpus units that belong to it (representatives, one per URN).
    pub members: Vec<Vec<usize>>,
    pub uses: Vec<Use>,
    /// Rows that share a thematic unit's URN but carry another title: data errors, not reuse.
    pub conflicting_titles: Vec<(usize, usize)>,
    /// For each suite (by `normal::name`), the organisation that lists most units in it.
    pub suite_owners: std::collections::HashMap<String, String>,
}

impl ReuseReport {
    /// The pair a use is about, as decisions name it.
    pub fn pair_key(&self, corpus: &Corpus, found: &Use) -> PairKey {
        PairKey::of(corpus, found)
    }

    /// The organisation a use counts for: the using unit's developer, or for a suite listing
    /// the organisation that owns the suite.
    pub fn organisation(&self, corpus: &Corpus, found: &Use) -> String {
        if let Some(suite) = &found.suite {
            if let Some(owner) = self.suite_owners.get(&normal::name(suite)) {
                return owner.clone();
            }
        }
        corpus.units[found.using].developer.clone()
    }

    /// The thematic side in words.
    pub fn source_label(&self, corpus: &Corpus, source: &Source) -> String {
        match source {
            Source::Unit(unit) => corpus.units[*unit].label(),
            Source::Earlier(code) => format!("{code} (earlier edition, not in the corpus)"),
        }
    }
}
