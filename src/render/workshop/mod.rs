//! The "Workshop decisions" report of one session of the workshop log: who ran it and who came,
//! what the room agreed, left to discuss and voted on, the units and functions added, changed,
//! moved or removed while it ran, and the ideas it parked (with the box each became, if placed).
//!
//! The report is built once as a [`WorkshopReport`] (the session's facts) and read as a sequence
//! of [`Block`]s (title, particulars, headings, sentences, lists, the votes table), which every
//! written form follows in the same order: HTML that prints on A4 (`html.rs`), Markdown
//! (`markdown.rs`), a Word document (`docx.rs`) and a PDF (`pdf.rs`). The CSV (`csv.rs`) is the
//! decisions one row each, for a spreadsheet.
//!
//! An empty section says so in a sentence rather than vanishing: a reader of the minutes can
//! tell "nothing was agreed" from "the report left it out".

mod csv;
mod docx;
mod html;
mod markdown;
mod pdf;

use std::path::Path;

pub use self::csv::to_csv;
pub use docx::to_docx;
pub use html::to_html;
pub use markdown::to_markdown;
pub use pdf::to_pdf;

use crate::model::{ChangeKind, Date, FunctionalMap, Verdict};
use crate::walkthrough::log::{label, session_on, sessions};

/// The sentence of a section with nothing in it.
pub const NOTHING_AGREED: &str = "Nothing was agreed in this session.";
pub const NOTHING_TO_DISCUSS: &str = "Nothing was left to discuss in this session.";
pub const NO_VOTES: &str = "No votes were taken in this session.";
pub const NO_CHANGES: &str =
    "No units or functions were added, changed, moved or removed in this session.";
pub const NO_IDEAS: &str = "No ideas were parked in this session.";

/// The sections' headings, as every format prints them.
pub const AGREED_HEADING: &str = "Agreed";
pub const TO_DISCUSS_HEADING: &str = "To discuss";
pub const VOTES_HEADING: &str = "Votes";
pub const CHANGES_HEADING: &str = "Units and functions added or changed during the session";
pub const IDEAS_HEADING: &str = "Ideas";

/// The order the kinds of change are listed in.
const CHANGE_KINDS: [ChangeKind; 4] = [
    ChangeKind::Added,
    ChangeKind::Changed,
    ChangeKind::Moved,
    ChangeKind::Removed,
];

/// One session of the workshop log, as the report tells it.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkshopReport {
    /// The map's title.
    pub map_title: String,
    /// "4 December 2026", or "undated".
    pub session_title: String,
    pub date: Option<Date>,
    /// Who ran it; empty when not recorded.
    pub facilitator: String,
    /// Who came; empty when not recorded.
    pub attendees: Vec<String>,
    pub agreed: Vec<AgreedBox>,
    /// The boxes left to discuss, by their labels.
    pub to_discuss: Vec<String>,
    /// The boxes voted on.
    pub votes: Vec<Vote>,
    /// The units and functions added, changed, moved or removed, by kind (in that order); only
    /// the kinds that happened.
    pub changes: Vec<ChangeGroup>,
    /// The ideas parked, in the order the room gave them.
    pub ideas: Vec<IdeaEntry>,
    /// The day the report is written, for the PDF's creation date; `None` (what [`build`]
    /// gives) leaves it out. The caller reads the clock (`io::today`): rendering stays pure.
    pub written: Option<Date>,
}

/// A box the room agreed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreedBox {
    /// Its code or URN and title, as the room saw it.
    pub label: String,
    /// The day it was agreed.
    pub on: Date,
}

/// The hands up for and against a box during the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vote {
    pub label: String,
    pub votes_for: u32,
    pub votes_against: u32,
}

/// The units and functions of one kind of change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeGroup {
    pub kind: ChangeKind,
    pub entries: Vec<ChangeEntry>,
}

/// A unit or function that changed: its label and what changed, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeEntry {
    pub label: String,
    pub detail: String,
}

/// An idea parked during the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdeaEntry {
    pub text: String,
    /// The label of the box it became, when it was placed in the map and that box is still
    /// there.
    pub placed_as: Option<String>,
}

/// What the report is made of, in reading order; every written form follows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// The document's title.
    Title(String),
    /// One of the session's particulars: what it is ("Facilitator") and its value.
    Fact(String, String),
    /// Level 2: a section; level 3: a kind of change within a section.
    Heading(usize, String),
    Paragraph(String),
    Bullets(Vec<String>),
    /// The votes table: box, for, against.
    Votes(Vec<Vote>),
}

/// How the report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkshopFormat {
    Html,
    Markdown,
    Pdf,
    Docx,
    Csv,
}

impl WorkshopFormat {
    pub const ALL: [Self; 5] = [Self::Html, Self::Markdown, Self::Pdf, Self::Docx, Self::Csv];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Markdown => "md",
            Self::Pdf => "pdf",
            Self::Docx => "docx",
            Self::Csv => "csv",
        }
    }

    /// The format a file name's extension names.
    pub fn of_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.extension() == extension)
    }

    /// ".html, .md, .pdf, .docx or .csv", for messages.
    pub fn extensions_in_words() -> String {
        let names: Vec<String> = Self::ALL
            .iter()
            .map(|f| format!(".{}", f.extension()))
            .collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            Some((last, _)) => last.clone(),
            None => String::new(),
        }
    }
}

/// The report in `format`, as bytes to write.
pub fn write(report: &WorkshopReport, format: WorkshopFormat) -> Result<Vec<u8>, String> {
    match format {
        WorkshopFormat::Html => Ok(to_html(report).into_bytes()),
        WorkshopFormat::Markdown => Ok(to_markdown(report).into_bytes()),
        WorkshopFormat::Pdf => to_pdf(report),
        WorkshopFormat::Docx => to_docx(report),
        WorkshopFormat::Csv => Ok(to_csv(report).into_bytes()),
    }
}

/// The session a `--date` names: the one held that day (the latest of that day), or with no
/// date the latest session of the log (the log keeps sessions in the order they were held).
/// `None` when there is no such session.
pub fn session_for(map: &FunctionalMap, date: Option<Date>) -> Option<usize> {
    match date {
        Some(date) => session_on(map, Some(date)),
        None => sessions(map).len().checked_sub(1),
    }
}

/// The report of the session at `session` in the log; `None` when there is no such session.
pub fn build(map: &FunctionalMap, session: usize) -> Option<WorkshopReport> {
    let session = sessions(map).get(session)?;
    let mut agreed = Vec::new();
    let mut to_discuss = Vec::new();
    let mut votes = Vec::new();
    for decision in &session.decisions {
        match &decision.verdict {
            Some(Verdict::Agreed(on)) => agreed.push(AgreedBox {
                label: decision.label.clone(),
                on: *on,
            }),
            Some(Verdict::NeedsDiscussion) => to_discuss.push(decision.label.clone()),
            // A verdict taken back during the session: nothing decided.
            None => {}
        }
        if decision.votes_for > 0 || decision.votes_against > 0 {
            votes.push(Vote {
                label: decision.label.clone(),
                votes_for: decision.votes_for,
                votes_against: decision.votes_against,
            });
        }
    }
    let changes: Vec<ChangeGroup> = CHANGE_KINDS
        .into_iter()
        .filter_map(|kind| {
            let entries: Vec<ChangeEntry> = session
                .changes
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| ChangeEntry {
                    label: c.label.clone(),
                    detail: c.detail.clone(),
                })
                .collect();
            (!entries.is_empty()).then_some(ChangeGroup { kind, entries })
        })
        .collect();
    let ideas: Vec<IdeaEntry> = session
        .ideas
        .iter()
        .map(|idea| IdeaEntry {
            text: idea.text.clone(),
            // A box placed from the idea and since removed is not named: it is not in the map.
            placed_as: idea.placed.and_then(|id| map.node(id)).map(label),
        })
        .collect();
    Some(WorkshopReport {
        map_title: map.display_title(),
        session_title: session.title(),
        date: session.date,
        facilitator: session.facilitator.trim().to_string(),
        attendees: session
            .attendees
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect(),
        agreed,
        to_discuss,
        votes,
        changes,
        ideas,
        written: None,
    })
}

impl WorkshopReport {
    /// "Workshop decisions — <map title>".
    pub fn title(&self) -> String {
        format!("Workshop decisions — {}", self.map_title)
    }

    /// The session's particulars: date, facilitator, attendees.
    pub fn facts(&self) -> Vec<(String, String)> {
        let or_not_recorded = |text: String| {
            if text.trim().is_empty() {
                "not recorded".to_string()
            } else {
                text
            }
        };
        vec![
            ("Session".to_string(), self.session_title.clone()),
            (
                "Facilitator".to_string(),
                or_not_recorded(self.facilitator.clone()),
            ),
            (
                "Attendees".to_string(),
                // An attendee may be "name, organisation": entries are kept apart by semicolons.
                or_not_recorded(self.attendees.join("; ")),
            ),
        ]
    }

    /// The report in reading order.
    pub fn blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Title(self.title())];
        blocks.extend(
            self.facts()
                .into_iter()
                .map(|(name, value)| Block::Fact(name, value)),
        );
        let listed = |blocks: &mut Vec<Block>, items: Vec<String>, empty: &str| {
            if items.is_empty() {
                blocks.push(Block::Paragraph(empty.to_string()));
            } else {
                blocks.push(Block::Bullets(items));
            }
        };

        blocks.push(Block::Heading(2, AGREED_HEADING.to_string()));
        listed(
            &mut blocks,
            self.agreed
                .iter()
                .map(|a| format!("{} (agreed {})", a.label, a.on.to_long_string()))
                .collect(),
            NOTHING_AGREED,
        );

        blocks.push(Block::Heading(2, TO_DISCUSS_HEADING.to_string()));
        listed(&mut blocks, self.to_discuss.clone(), NOTHING_TO_DISCUSS);

        blocks.push(Block::Heading(2, VOTES_HEADING.to_string()));
        if self.votes.is_empty() {
            blocks.push(Block::Paragraph(NO_VOTES.to_string()));
        } else {
            blocks.push(Block::Votes(self.votes.clone()));
        }

        blocks.push(Block::Heading(2, CHANGES_HEADING.to_string()));
        if self.changes.is_empty() {
            blocks.push(Block::Paragraph(NO_CHANGES.to_string()));
        }
        for group in &self.changes {
            blocks.push(Block::Heading(3, capitalised(group.kind.word())));
            blocks.push(Block::Bullets(
                group
                    .entries
                    .iter()
                    .map(|e| with_detail(&e.label, &e.detail))
                    .collect(),
            ));
        }

        blocks.push(Block::Heading(2, IDEAS_HEADING.to_string()));
        listed(
            &mut blocks,
            self.ideas
                .iter()
                .map(|idea| match &idea.placed_as {
                    Some(placed) => format!("{} — placed as {placed}", idea.text),
                    None => idea.text.clone(),
                })
                .collect(),
            NO_IDEAS,
        );
        blocks
    }
}

/// "label — detail", or the label alone.
fn with_detail(label: &str, detail: &str) -> String {
    if detail.trim().is_empty() {
        label.to_string()
    } else {
        format!("{label} — {}", detail.trim())
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
