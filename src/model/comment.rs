//! Reviewers' comments from an open consultation, and the working group's answer to each.
//!
//! A comment sits in the annotations of the node it is about, anchored to the node as a whole,
//! one field, or one statement by id (so reordering and rewording keep it in place). It keeps the
//! words it was made on, because the draft goes on changing after the review.

use std::fmt;

use super::{Date, StatementId};

/// Identifies a comment within its map. Drawn from the map's statement counter, so it is never
/// given to anything else in the map's life.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommentId(StatementId);

impl CommentId {
    /// A comment not yet in a map: the map gives it an id when the edit adding it is applied.
    pub const UNASSIGNED: Self = Self(StatementId::UNASSIGNED);

    /// Wraps a raw id read from a file.
    pub const fn from_raw(raw: u64) -> Self {
        Self(StatementId::from_raw(raw))
    }

    /// The number written to files.
    pub const fn raw(self) -> u64 {
        self.0.raw()
    }

    /// Whether the map has given this comment its id.
    pub fn is_assigned(self) -> bool {
        self.0.is_assigned()
    }

    /// The id as a slot of the map's statement counter (claimed like a statement's).
    pub(crate) fn slot(&mut self) -> &mut StatementId {
        &mut self.0
    }
}

impl fmt::Display for CommentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "C{}", self.raw())
    }
}

/// The ISO/IEC/CEN comment types.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CommentKind {
    #[default]
    General,
    Technical,
    Editorial,
}

/// The nation a reviewer comments for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Nation {
    /// Not said.
    #[default]
    Unstated,
    England,
    Scotland,
    Wales,
    NorthernIreland,
    UkWide,
}

/// What the working group decided about a comment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Disposition {
    /// Not answered yet.
    #[default]
    Open,
    Accepted,
    AcceptedWithModification,
    Noted,
    Rejected,
}

impl CommentKind {
    pub const ALL: [Self; 3] = [Self::General, Self::Technical, Self::Editorial];

    /// The word forms and files use.
    pub fn label(self) -> &'static str {
        match self {
            Self::General => "General",
            Self::Technical => "Technical",
            Self::Editorial => "Editorial",
        }
    }

    /// Reads what a reviewer typed: the label in any case, its first letters, or the ISO codes
    /// `ge`, `te`, `ed`.
    pub fn parse(text: &str) -> Option<Self> {
        let key = loose_key(text);
        if key.is_empty() {
            return None;
        }
        match key.as_str() {
            "ge" | "g" | "gen" | "general" => Some(Self::General),
            "te" | "t" | "tech" | "technical" => Some(Self::Technical),
            "ed" | "e" | "edit" | "editorial" => Some(Self::Editorial),
            _ => None,
        }
    }
}

impl Nation {
    pub const ALL: [Self; 6] = [
        Self::Unstated,
        Self::England,
        Self::Scotland,
        Self::Wales,
        Self::NorthernIreland,
        Self::UkWide,
    ];

    /// The word forms and files use ("" when not said).
    pub fn label(self) -> &'static str {
        match self {
            Self::Unstated => "",
            Self::England => "England",
            Self::Scotland => "Scotland",
            Self::Wales => "Wales",
            Self::NorthernIreland => "Northern Ireland",
            Self::UkWide => "UK-wide",
        }
    }

    /// Reads what a reviewer typed: "Scotland", "scottish", "NI", "N. Ireland", "UK", "all"…
    pub fn parse(text: &str) -> Option<Self> {
        let key = loose_key(text);
        Some(match key.as_str() {
            "" => Self::Unstated,
            "england" | "english" | "eng" => Self::England,
            "scotland" | "scottish" | "scot" | "sco" => Self::Scotland,
            "wales" | "welsh" | "cymru" | "wal" => Self::Wales,
            "northernireland" | "nireland" | "ni" | "northernirish" => Self::NorthernIreland,
            "ukwide" | "uk" | "unitedkingdom" | "all" | "allnations" | "fournations" | "gb"
            | "greatbritain" => Self::UkWide,
            _ => return None,
        })
    }
}

impl Disposition {
    pub const ALL: [Self; 5] = [
        Self::Open,
        Self::Accepted,
        Self::AcceptedWithModification,
        Self::Noted,
        Self::Rejected,
    ];

    /// The words forms, files and the matrix use.
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Accepted => "Accepted",
            Self::AcceptedWithModification => "Accepted with modification",
            Self::Noted => "Noted",
            Self::Rejected => "Rejected",
        }
    }

    /// Reads a label in any case, or its first word ("modified", "accepted with mods"…).
    pub fn parse(text: &str) -> Option<Self> {
        let key = loose_key(text);
        Some(match key.as_str() {
            "" | "open" | "new" | "pending" => Self::Open,
            "accepted" | "accept" | "a" => Self::Accepted,
            "noted" | "note" | "n" => Self::Noted,
            "rejected" | "reject" | "r" | "declined" => Self::Rejected,
            k if k.starts_with("accepted") || k.starts_with("modif") || k == "am" => {
                Self::AcceptedWithModification
            }
            _ => return None,
        })
    }

    /// Whether the working group has answered.
    pub fn is_settled(self) -> bool {
        self != Self::Open
    }
}

/// Lower-case letters and digits only: what two spellings of a label share.
fn loose_key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What a comment is about, within its node.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CommentAnchor {
    /// The node as a whole (a unit's title, a function).
    #[default]
    Whole,
    /// One field, by its key (`overview`, `scope_range`).
    Field(String),
    /// One statement or glossary entry, by id. It may since have been removed; the comment then
    /// still shows the words it was made on.
    Statement(StatementId),
}

/// One reviewer's comment and what the working group made of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Comment {
    pub id: CommentId,
    pub anchor: CommentAnchor,
    /// How the item was labelled when the comment was made ("P3", "Overview").
    pub made_on_label: String,
    /// The item's words when the comment was made.
    pub made_on: String,
    pub reviewer: String,
    pub organisation: String,
    /// Employer, awarding organisation, training provider, regulator, government…
    pub stakeholder: String,
    pub nation: Nation,
    pub kind: CommentKind,
    pub text: String,
    pub proposed_change: String,
    pub date: Option<Date>,
    pub disposition: Disposition,
    /// The working group's answer.
    pub response: String,
    /// Who decided (a person or "Working group, 12 March").
    pub decided_by: String,
    /// Where it came from: a form's file name and row, or "typed in".
    pub source: String,
}

impl Comment {
    /// Whether `other` says the same thing about the same item from the same person: importing a
    /// form twice must not add it again. Whitespace and case do not count; the answer does not.
    pub fn same_submission(&self, other: &Comment) -> bool {
        let words = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        self.anchor == other.anchor
            && words(&self.reviewer) == words(&other.reviewer)
            && words(&self.organisation) == words(&other.organisation)
            && words(&self.text) == words(&other.text)
            && words(&self.proposed_change) == words(&other.proposed_change)
    }
}

/// Stakeholder types offered on the forms (reviewers may type others).
pub const STAKEHOLDER_TYPES: [&str; 10] = [
    "Employer",
    "Sector or professional body",
    "Awarding organisation",
    "Training provider or college",
    "Regulator",
    "Government or agency",
    "Trade union",
    "Standards developer",
    "Individual",
    "Other",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviewers_spellings_read_as_the_fixed_values() {
        assert_eq!(CommentKind::parse("te"), Some(CommentKind::Technical));
        assert_eq!(
            CommentKind::parse(" Editorial "),
            Some(CommentKind::Editorial)
        );
        assert_eq!(CommentKind::parse("weird"), None);
        assert_eq!(Nation::parse("N. Ireland"), Some(Nation::NorthernIreland));
        assert_eq!(Nation::parse("UK-wide"), Some(Nation::UkWide));
        assert_eq!(Nation::parse("scottish"), Some(Nation::Scotland));
        assert_eq!(Nation::parse("France"), None);
        assert_eq!(
            Disposition::parse("Accepted with modification"),
            Some(Disposition::AcceptedWithModification)
        );
        assert_eq!(Disposition::parse("REJECTED"), Some(Disposition::Rejected));
        for d in Disposition::ALL {
            assert_eq!(Disposition::parse(d.label()), Some(d));
        }
        for n in Nation::ALL {
            assert_eq!(Nation::parse(n.label()), Some(n));
        }
        for k in CommentKind::ALL {
            assert_eq!(CommentKind::parse(k.label()), Some(k));
        }
    }

    #[test]
    fn the_same_submission_ignores_spacing_and_the_answer() {
        let a = Comment {
            reviewer: "Ann Lee".into(),
            text: "Split  P3 in two".into(),
            ..Comment::default()
        };
        let mut b = a.clone();
        b.text = "split p3 in two ".into();
        b.disposition = Disposition::Accepted;
        b.response = "Done".into();
        assert!(a.same_submission(&b));
        b.anchor = CommentAnchor::Field("overview".into());
        assert!(!a.same_submission(&b));
    }
}
