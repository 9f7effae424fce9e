//! The file format's own serde types, apart from the model.
//!
//! Version 5 is current. Older versions read through the same generic types: `S` is how a
//! version writes a performance criterion or knowledge item and `L` how it writes the other
//! statement lists (scope/range, values, behaviours, skills):
//!
//! - version 1: `FileDto<String, String>` — items as plain strings, no headings;
//! - versions 2–4: `FileDto<TextStatementDto, String>` — headings; version 3 added `gap` and
//!   `dismissed`, version 4 `workshop`, both optional, so versions 2–4 read alike;
//! - version 5: `FileDto<StatementDto, Vec<StatementDto>>` — every statement and glossary entry
//!   carries its id, the other lists are lists, the file keeps the id high-water marks
//!   (`next_node_id`, `next_statement_id`) and what people said about nodes (dismissals,
//!   workshop decisions) moves from each node into one `annotations` block;
//! - version 6: the same types; an annotation may hold `conflicts` (what a three-way merge set
//!   aside). Only a map holding conflicts is written as version 6; every other map is still
//!   written as version 5, byte for byte as before, and stays readable by builds that know 5.
//! - version 7: the same types; an annotation may hold `comments` (reviewers' comments from a
//!   public review, with the working group's answers). Only a map holding comments is written
//!   as version 7; a map with conflicts and no comments is still version 6.
//! - version 8: the same types; the key purpose's annotation may hold `sessions` (the workshop
//!   log: ideas, decisions and changes of each session). Only a map with a workshop log is
//!   written as version 8.
//!
//! Each version was raised so that older builds refuse newer files clearly instead of failing on
//! an unknown field. Empty fields are left out, so one edited field changes one line.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The format name written at the top of every map file.
pub const FORMAT_NAME: &str = "nosmap";

/// The version this build writes a map in, unless the map holds merge conflicts.
pub const CURRENT_VERSION: u32 = 5;

/// The version a map holding merge conflicts (and no comments) is written in.
pub const CONFLICTS_VERSION: u32 = 6;

/// The version a map holding reviewers' comments (and no workshop log) is written in.
pub const COMMENTS_VERSION: u32 = 7;

/// The version a map with a workshop log is written in, and the newest this build reads.
pub const WORKSHOP_LOG_VERSION: u32 = 8;

/// Read first, to choose how to read the rest.
#[derive(Deserialize)]
pub struct HeaderDto {
    pub format: String,
    pub version: u32,
}

/// A whole map file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(bound(
    serialize = "S: Serialize, L: Serialize + Blank",
    deserialize = "S: Deserialize<'de>, L: Deserialize<'de> + Default"
))]
pub struct FileDto<S, L> {
    pub format: String,
    pub version: u32,
    /// The first node id never given out (version 5).
    #[serde(default, skip_serializing_if = "is_zero64")]
    pub next_node_id: u64,
    /// The first statement id never given out (version 5).
    #[serde(default, skip_serializing_if = "is_zero64")]
    pub next_statement_id: u64,
    pub map: MapDto,
    pub nodes: Vec<NodeDto<S, L>>,
    /// What people said about each node, by node id (version 5).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<u64, AnnotationsDto>,
}

/// The current file.
pub type CurrentFile = FileDto<StatementDto, Vec<StatementDto>>;

/// Dismissals, workshop decisions (version 5) and merge conflicts (version 6) on one node.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct AnnotationsDto {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<DismissalDto>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub workshop: Option<WorkshopDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<ConflictDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<CommentDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<SessionDto>,
}

/// A workshop session in the log (version 8).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDto {
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub facilitator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ideas: Vec<IdeaDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<DecisionDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<SessionChangeDto>,
}

/// An idea for the parking lot; `placed` names the node it became.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdeaDto {
    pub id: u64,
    pub text: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub placed: Option<u64>,
}

/// What a session decided on one box; `agreed` is `YYYY-MM-DD`.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionDto {
    pub node: u64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub agreed: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_discussion: bool,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub votes_for: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub votes_against: u32,
}

/// A box added, changed, moved or removed during a session (`kind` is one of those words).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionChangeDto {
    pub node: u64,
    pub kind: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

/// A reviewer's comment and the working group's answer (version 7). `field` or `statement`
/// says what it is about; neither means the node as a whole.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentDto {
    pub id: u64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub field: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub statement: Option<u64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub made_on_label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub made_on: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stakeholder: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub nation: Option<NationDto>,
    pub kind: CommentKindDto,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub proposed_change: String,
    /// `YYYY-MM-DD`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub date: Option<String>,
    pub disposition: DispositionDto,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub response: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decided_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
pub enum NationDto {
    England,
    Scotland,
    Wales,
    NorthernIreland,
    UkWide,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
pub enum CommentKindDto {
    General,
    Technical,
    Editorial,
}

#[derive(Serialize, Deserialize, Clone, Copy)]
pub enum DispositionDto {
    Open,
    Accepted,
    AcceptedWithModification,
    Noted,
    Rejected,
}

/// Something both sides of a merge changed, ours kept (version 6).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConflictDto {
    pub what: String,
    /// The statement id, for `what: "statement"`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub statement: Option<u64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub base: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ours: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub theirs: String,
}

/// A field that is left out of the file when empty.
pub trait Blank {
    fn is_blank(&self) -> bool;
}

impl Blank for String {
    fn is_blank(&self) -> bool {
        self.is_empty()
    }
}

impl<T> Blank for Vec<T> {
    fn is_blank(&self) -> bool {
        self.is_empty()
    }
}

fn is_zero64(n: &u64) -> bool {
    *n == 0
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapDto {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sector: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub suite: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub developed_by: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    pub level_names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<ThemeDto>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeDto {
    pub id: String,
    pub name: String,
    /// `#rrggbb`.
    pub colour: String,
}

/// One node. A unit's fields far outnumber the others', and files hold few enough nodes that the
/// size difference does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(bound(
    serialize = "S: Serialize, L: Serialize + Blank",
    deserialize = "S: Deserialize<'de>, L: Deserialize<'de> + Default"
))]
pub enum NodeDto<S, L> {
    KeyPurpose {
        id: u64,
        statement: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        notes: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        children: Vec<u64>,
        /// Versions 3–4; version 5 writes the annotations block instead.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        dismissed: Vec<DismissalDto>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::bare_option"
        )]
        workshop: Option<WorkshopDto>,
    },
    Function {
        id: u64,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        code: String,
        title: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        description: String,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        gap: bool,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        children: Vec<u64>,
        /// Versions 3–4; version 5 writes the annotations block instead.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        dismissed: Vec<DismissalDto>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::bare_option"
        )]
        workshop: Option<WorkshopDto>,
    },
    Unit(UnitDto<S, L>),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(bound(
    serialize = "S: Serialize, L: Serialize + Blank",
    deserialize = "S: Deserialize<'de>, L: Deserialize<'de> + Default"
))]
pub struct UnitDto<S, L> {
    pub id: u64,
    pub urn: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub overview: String,
    #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
    pub performance_criteria: Vec<S>,
    #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
    pub knowledge: Vec<S>,
    #[serde(default, skip_serializing_if = "Blank::is_blank")]
    pub scope_range: L,
    #[serde(default, skip_serializing_if = "Blank::is_blank")]
    pub scope_range_performance: L,
    #[serde(default, skip_serializing_if = "Blank::is_blank")]
    pub scope_range_knowledge: L,
    #[serde(default, skip_serializing_if = "Blank::is_blank")]
    pub values: L,
    #[serde(default, skip_serializing_if = "Blank::is_blank")]
    pub behaviours: L,
    #[serde(default, skip_serializing_if = "Blank::is_blank")]
    pub skills: L,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links_to_other_nos: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_links: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub developed_by: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub version_number: Option<u32>,
    /// `YYYY-MM-DD`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub date_approved: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub indicative_review_date: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub validity: Option<ValidityDto>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub status: Option<StatusDto>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub originating_organisation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub original_urn: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occupations: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suites: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub soc_codes: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub category: Option<CategoryDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// Versions 3–4; version 5 writes the annotations block instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<DismissalDto>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub workshop: Option<WorkshopDto>,
}

/// Workshop decisions on a node (version 4).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkshopDto {
    /// The day the room agreed it, `YYYY-MM-DD`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub agreed: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub needs_discussion: bool,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub votes_for: u32,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub votes_against: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A check finding set aside, with the reason.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DismissalDto {
    pub rule: String,
    /// The statement id the finding was about (version 5).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::bare_option"
    )]
    pub statement: Option<u64>,
    pub reason: String,
}

/// A performance criterion or knowledge item (versions 2–4).
#[derive(Serialize, Deserialize)]
pub enum TextStatementDto {
    Heading(String),
    Item(String),
}

/// A statement with its id (version 5): `Item(12, "agree goals")`, on one line.
#[derive(Serialize, Deserialize)]
pub enum StatementDto {
    Heading(u64, String),
    Item(u64, String),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryDto {
    /// Version 5; older files get fresh ids when read.
    #[serde(default, skip_serializing_if = "is_zero64")]
    pub id: u64,
    pub term: String,
    pub definition: String,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
pub enum ValidityDto {
    Current,
    Legacy,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
pub enum StatusDto {
    Original,
    Tailored,
    Imported,
}

#[derive(Clone, Copy, Serialize, Deserialize)]
pub enum CategoryDto {
    Core,
    Generic,
    JobSpecific,
}

impl<S, L> NodeDto<S, L> {
    /// The node's id as written.
    pub fn id(&self) -> u64 {
        match self {
            Self::KeyPurpose { id, .. } | Self::Function { id, .. } => *id,
            Self::Unit(unit) => unit.id,
        }
    }

    /// The node's children as written.
    pub fn children(&self) -> &[u64] {
        match self {
            Self::KeyPurpose { children, .. } | Self::Function { children, .. } => children,
            Self::Unit(_) => &[],
        }
    }
}
