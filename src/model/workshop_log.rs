//! The workshop log: what the room said during a session that is not (yet) part of the map.
//!
//! Ideas, who ran a session and what changed in the map during it are a record kept apart from
//! the structure: outside the quality checks, numbering and diagrams. The log sits in the key
//! purpose's annotations (`Annotations::sessions`), so it is saved with the map and changed by
//! ordinary, undoable edits. Decisions on boxes (agreed, to discuss, votes) stay on the boxes
//! ([`super::Workshop`]); a session records which boxes it decided.

use super::{Date, NodeId, StatementId, Verdict};

/// One workshop session.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Session {
    /// The day it was held (`None` when the computer did not know the date).
    pub date: Option<Date>,
    /// Who ran it.
    pub facilitator: String,
    /// Who came, one name (and organisation) per entry; optional.
    pub attendees: Vec<String>,
    /// Ideas for the parking lot, in the order the room gave them.
    pub ideas: Vec<Idea>,
    /// What the room decided on boxes of the map, as the session left them.
    pub decisions: Vec<Decision>,
    /// Units and functions added, changed or removed during the session, against the map as it
    /// was when the session began; recorded when the presentation ends.
    pub changes: Vec<SessionChange>,
}

impl Session {
    /// A session held on `date`, nothing said yet.
    pub fn on(date: Option<Date>) -> Self {
        Self {
            date,
            ..Self::default()
        }
    }

    /// Nothing was captured in it.
    pub fn is_blank(&self) -> bool {
        self.ideas.is_empty() && self.decisions.is_empty() && self.changes.is_empty()
    }

    /// "4 December 2026", or "undated".
    pub fn title(&self) -> String {
        self.date
            .map_or_else(|| "undated".to_string(), |d| d.to_long_string())
    }
}

/// An idea for the parking lot: something the room wants considered, not yet in the map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Idea {
    /// From the map's statement counter, never reused.
    pub id: StatementId,
    pub text: String,
    /// The node the idea became when someone placed it in the map.
    pub placed: Option<NodeId>,
}

/// What the room decided on one box during a session.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decision {
    pub node: NodeId,
    /// The box as the room saw it: its code or URN and title.
    pub label: String,
    /// Agreed or to discuss, as the session left it; `None`: a verdict was taken back.
    pub verdict: Option<Verdict>,
    /// Hands up for and against during this session.
    pub votes_for: u32,
    pub votes_against: u32,
}

/// A unit or function added, changed or removed during a session.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SessionChange {
    pub node: NodeId,
    pub kind: ChangeKind,
    /// The box: its code or URN and title, as it is now (as it was, when removed).
    pub label: String,
    /// What changed, in words ("title: … → …").
    pub detail: String,
}

/// How a box changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeKind {
    #[default]
    Added,
    Changed,
    Moved,
    Removed,
}

impl ChangeKind {
    /// The word the file and the reports use.
    pub fn word(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Changed => "changed",
            Self::Moved => "moved",
            Self::Removed => "removed",
        }
    }

    /// The kind a word names.
    pub fn from_word(word: &str) -> Option<Self> {
        [Self::Added, Self::Changed, Self::Moved, Self::Removed]
            .into_iter()
            .find(|k| k.word() == word)
    }
}

/// The id slots of the ideas in `sessions`.
pub(crate) fn idea_slots(sessions: &mut [Session]) -> impl Iterator<Item = &mut StatementId> {
    sessions
        .iter_mut()
        .flat_map(|s| s.ideas.iter_mut().map(|i| &mut i.id))
}
