//! The file format's own serde types, apart from the model.
//!
//! Version 3 is current. Version 1 (the first draft) wrote performance criteria and knowledge
//! items as plain strings, with no headings; `S` below is the statement type of each version, so
//! version 1 is `FileDto<String>` and versions 2 and 3 `FileDto<StatementDto>`. Version 3 only
//! added optional fields (`gap` on functions, `dismissed` on every node), and version 4 likewise
//! (`workshop` on every node), so version 2 and 3 files read as version 4 with those fields empty;
//! each version was raised so that older builds refuse
//! such files clearly instead of failing on an unknown field.
//! Empty fields are left out, so one edited field changes one line.

use serde::{Deserialize, Serialize};

/// The format name written at the top of every map file.
pub const FORMAT_NAME: &str = "nosmap";

/// The version this build writes.
pub const CURRENT_VERSION: u32 = 4;

/// Read first, to choose how to read the rest.
#[derive(Deserialize)]
pub struct HeaderDto {
    pub format: String,
    pub version: u32,
}

/// A whole map file.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileDto<S> {
    pub format: String,
    pub version: u32,
    pub map: MapDto,
    pub nodes: Vec<NodeDto<S>>,
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
pub enum NodeDto<S> {
    KeyPurpose {
        id: u64,
        statement: String,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        notes: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        children: Vec<u64>,
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
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        dismissed: Vec<DismissalDto>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "super::bare_option"
        )]
        workshop: Option<WorkshopDto>,
    },
    Unit(UnitDto<S>),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDto<S> {
    pub id: u64,
    pub urn: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub overview: String,
    #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
    pub performance_criteria: Vec<S>,
    #[serde(default = "Vec::new", skip_serializing_if = "Vec::is_empty")]
    pub knowledge: Vec<S>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope_range: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope_range_performance: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub scope_range_knowledge: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub values: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub behaviours: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub skills: String,
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
    pub reason: String,
}

/// A performance criterion or knowledge item (version 2).
#[derive(Serialize, Deserialize)]
pub enum StatementDto {
    Heading(String),
    Item(String),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryDto {
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

impl<S> NodeDto<S> {
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

/// Version 1 → current: plain statements become numbered items.
pub fn migrate_v1(file: FileDto<String>) -> FileDto<StatementDto> {
    let nodes = file
        .nodes
        .into_iter()
        .map(|node| match node {
            NodeDto::KeyPurpose {
                id,
                statement,
                notes,
                children,
                dismissed,
                workshop,
            } => NodeDto::KeyPurpose {
                id,
                statement,
                notes,
                children,
                dismissed,
                workshop,
            },
            NodeDto::Function {
                id,
                code,
                title,
                description,
                gap,
                children,
                dismissed,
                workshop,
            } => NodeDto::Function {
                id,
                code,
                title,
                description,
                gap,
                children,
                dismissed,
                workshop,
            },
            NodeDto::Unit(unit) => NodeDto::Unit(unit.map_statements(StatementDto::Item)),
        })
        .collect();
    FileDto {
        format: file.format,
        version: CURRENT_VERSION,
        map: file.map,
        nodes,
    }
}

impl<S> UnitDto<S> {
    fn map_statements<T>(self, convert: impl Fn(S) -> T) -> UnitDto<T> {
        UnitDto {
            performance_criteria: self
                .performance_criteria
                .into_iter()
                .map(&convert)
                .collect(),
            knowledge: self.knowledge.into_iter().map(&convert).collect(),
            id: self.id,
            urn: self.urn,
            title: self.title,
            overview: self.overview,
            scope_range: self.scope_range,
            scope_range_performance: self.scope_range_performance,
            scope_range_knowledge: self.scope_range_knowledge,
            values: self.values,
            behaviours: self.behaviours,
            skills: self.skills,
            glossary: self.glossary,
            links_to_other_nos: self.links_to_other_nos,
            external_links: self.external_links,
            developed_by: self.developed_by,
            version_number: self.version_number,
            date_approved: self.date_approved,
            indicative_review_date: self.indicative_review_date,
            validity: self.validity,
            status: self.status,
            originating_organisation: self.originating_organisation,
            original_urn: self.original_urn,
            occupations: self.occupations,
            suites: self.suites,
            keywords: self.keywords,
            soc_codes: self.soc_codes,
            category: self.category,
            themes: self.themes,
            dismissed: self.dismissed,
            workshop: self.workshop,
        }
    }
}
