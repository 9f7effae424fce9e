//! One table of fields: every field of a unit and of a map's settings with its label, its
//! spreadsheet column, its kind and its text form. The spreadsheet reader and writer, the
//! inspector, the unit specifications and the change descriptions all go through it, so a field
//! is spelt, labelled and parsed the same way everywhere.

use super::{
    Category, Date, GlossaryEntry, MapMeta, Rgb, StatementList, Status, Theme, Unit, Validity,
    restate, statements_to_text,
};

/// How a field's value is written as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Free text that may run over several lines.
    Paragraph,
    /// A statement list: one statement per line, `## ` for a heading.
    Statements(StatementList),
    /// Glossary: `term = definition`, one per line.
    Glossary,
    /// A list of short strings, one per line.
    Lines,
    /// `YYYY-MM-DD`, or empty.
    Date,
    /// A whole number, or empty.
    Number,
    /// One of fixed values, or empty.
    Choice(&'static [&'static str]),
    /// Themes: `id | name | #rrggbb`, one per line.
    Themes,
}

/// One field of a NOS unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitField {
    Urn,
    Title,
    Overview,
    PerformanceCriteria,
    Knowledge,
    ScopeRange,
    ScopeRangePerformance,
    ScopeRangeKnowledge,
    Values,
    Behaviours,
    Skills,
    Glossary,
    LinksToOtherNos,
    ExternalLinks,
    DevelopedBy,
    VersionNumber,
    DateApproved,
    IndicativeReviewDate,
    Validity,
    Status,
    OriginatingOrganisation,
    OriginalUrn,
    Occupations,
    Suites,
    Keywords,
    SocCodes,
    Category,
    Themes,
}

/// The fixed values' one spelling each.
const VALIDITY: &[&str] = &["Current", "Legacy"];
const STATUS: &[&str] = &["Original", "Tailored", "Imported"];
const CATEGORY: &[&str] = &["Core", "Generic", "Job-specific"];

impl UnitField {
    /// Every field, in the order a published NOS prints them (metadata last).
    pub const ALL: [Self; 28] = [
        Self::Urn,
        Self::Title,
        Self::Overview,
        Self::PerformanceCriteria,
        Self::Knowledge,
        Self::ScopeRange,
        Self::ScopeRangePerformance,
        Self::ScopeRangeKnowledge,
        Self::Values,
        Self::Behaviours,
        Self::Skills,
        Self::Glossary,
        Self::LinksToOtherNos,
        Self::ExternalLinks,
        Self::DevelopedBy,
        Self::VersionNumber,
        Self::DateApproved,
        Self::IndicativeReviewDate,
        Self::Validity,
        Self::Status,
        Self::OriginatingOrganisation,
        Self::OriginalUrn,
        Self::Occupations,
        Self::Suites,
        Self::Keywords,
        Self::SocCodes,
        Self::Category,
        Self::Themes,
    ];

    /// The metadata block printed at the end of a published NOS.
    pub const METADATA: [Self; 13] = [
        Self::DevelopedBy,
        Self::VersionNumber,
        Self::DateApproved,
        Self::IndicativeReviewDate,
        Self::Validity,
        Self::Status,
        Self::OriginatingOrganisation,
        Self::OriginalUrn,
        Self::Occupations,
        Self::Suites,
        Self::Keywords,
        Self::SocCodes,
        Self::Category,
    ];

    /// The field's name in files and its spreadsheet column (`performance_criteria`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Urn => "urn",
            Self::Title => "title",
            Self::Overview => "overview",
            Self::PerformanceCriteria => "performance_criteria",
            Self::Knowledge => "knowledge",
            Self::ScopeRange => "scope_range",
            Self::ScopeRangePerformance => "scope_range_performance",
            Self::ScopeRangeKnowledge => "scope_range_knowledge",
            Self::Values => "values",
            Self::Behaviours => "behaviours",
            Self::Skills => "skills",
            Self::Glossary => "glossary",
            Self::LinksToOtherNos => "links_to_other_nos",
            Self::ExternalLinks => "external_links",
            Self::DevelopedBy => "developed_by",
            Self::VersionNumber => "version_number",
            Self::DateApproved => "date_approved",
            Self::IndicativeReviewDate => "indicative_review_date",
            Self::Validity => "validity",
            Self::Status => "status",
            Self::OriginatingOrganisation => "originating_organisation",
            Self::OriginalUrn => "original_urn",
            Self::Occupations => "occupations",
            Self::Suites => "suites",
            Self::Keywords => "keywords",
            Self::SocCodes => "soc_codes",
            Self::Category => "category",
            Self::Themes => "themes",
        }
    }

    /// What people call it (`Indicative review date`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Urn => "URN",
            Self::Title => "Title",
            Self::Overview => "Overview",
            Self::Glossary => "Glossary",
            Self::LinksToOtherNos => "Links to other NOS",
            Self::ExternalLinks => "External links",
            Self::DevelopedBy => "Developed by",
            Self::VersionNumber => "Version number",
            Self::DateApproved => "Date approved",
            Self::IndicativeReviewDate => "Indicative review date",
            Self::Validity => "Validity",
            Self::Status => "Status",
            Self::OriginatingOrganisation => "Originating organisation",
            Self::OriginalUrn => "Original URN",
            Self::Occupations => "Relevant occupations",
            Self::Suites => "Suites",
            Self::Keywords => "Keywords",
            Self::SocCodes => "SOC codes",
            Self::Category => "Category",
            Self::Themes => "Themes",
            other => match other.kind() {
                FieldKind::Statements(list) => list.label(),
                _ => "",
            },
        }
    }

    /// The label the metadata block of a published NOS prints (the NOS template's own
    /// capitals and names: `Indicative Review Date`, `NOS Category`).
    pub fn printed_label(self) -> &'static str {
        match self {
            Self::VersionNumber => "Version Number",
            Self::DateApproved => "Date Approved",
            Self::IndicativeReviewDate => "Indicative Review Date",
            Self::OriginatingOrganisation => "Originating Organisation",
            Self::Occupations => "Relevant Occupations",
            Self::Suites => "Suite",
            Self::SocCodes => "SOC Code",
            Self::Category => "NOS Category",
            other => other.label(),
        }
    }

    /// How its value is written as text.
    pub fn kind(self) -> FieldKind {
        match self {
            Self::Urn | Self::Title | Self::DevelopedBy | Self::OriginatingOrganisation => {
                FieldKind::Line
            }
            Self::OriginalUrn => FieldKind::Line,
            Self::Overview => FieldKind::Paragraph,
            Self::PerformanceCriteria => FieldKind::Statements(StatementList::PerformanceCriteria),
            Self::Knowledge => FieldKind::Statements(StatementList::Knowledge),
            Self::ScopeRange => FieldKind::Statements(StatementList::ScopeRange),
            Self::ScopeRangePerformance => {
                FieldKind::Statements(StatementList::ScopeRangePerformance)
            }
            Self::ScopeRangeKnowledge => FieldKind::Statements(StatementList::ScopeRangeKnowledge),
            Self::Values => FieldKind::Statements(StatementList::Values),
            Self::Behaviours => FieldKind::Statements(StatementList::Behaviours),
            Self::Skills => FieldKind::Statements(StatementList::Skills),
            Self::Glossary => FieldKind::Glossary,
            Self::LinksToOtherNos
            | Self::ExternalLinks
            | Self::Occupations
            | Self::Suites
            | Self::Keywords
            | Self::SocCodes
            | Self::Themes => FieldKind::Lines,
            Self::VersionNumber => FieldKind::Number,
            Self::DateApproved | Self::IndicativeReviewDate => FieldKind::Date,
            Self::Validity => FieldKind::Choice(VALIDITY),
            Self::Status => FieldKind::Choice(STATUS),
            Self::Category => FieldKind::Choice(CATEGORY),
        }
    }

    /// The field of a list.
    pub fn of_list(list: StatementList) -> Self {
        Self::ALL
            .into_iter()
            .find(|f| f.kind() == FieldKind::Statements(list))
            .unwrap_or(Self::PerformanceCriteria)
    }

    /// The field's value as text (empty when not set).
    pub fn text(self, unit: &Unit) -> String {
        let m = &unit.metadata;
        let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        match self {
            Self::Urn => unit.urn.clone(),
            Self::Title => unit.title.clone(),
            Self::Overview => unit.overview.clone(),
            Self::Glossary => unit
                .glossary
                .iter()
                .map(|g| format!("{} = {}", g.term, g.definition))
                .collect::<Vec<_>>()
                .join("\n"),
            Self::LinksToOtherNos => unit.links_to_other_nos.join("\n"),
            Self::ExternalLinks => unit.external_links.join("\n"),
            Self::DevelopedBy => m.developed_by.clone(),
            Self::VersionNumber => m.version_number.map(|v| v.to_string()).unwrap_or_default(),
            Self::DateApproved => date(m.date_approved),
            Self::IndicativeReviewDate => date(m.indicative_review_date),
            Self::Validity => m.validity.map_or("", Validity::label).to_string(),
            Self::Status => m.status.map_or("", Status::label).to_string(),
            Self::OriginatingOrganisation => m.originating_organisation.clone(),
            Self::OriginalUrn => m.original_urn.clone(),
            Self::Occupations => m.occupations.join("\n"),
            Self::Suites => m.suites.join("\n"),
            Self::Keywords => m.keywords.join("\n"),
            Self::SocCodes => m.soc_codes.join("\n"),
            Self::Category => m.category.map_or("", Category::label).to_string(),
            Self::Themes => unit.themes.join("\n"),
            list => match list.kind() {
                FieldKind::Statements(list) => statements_to_text(unit.statements(list)),
                _ => String::new(),
            },
        }
    }

    /// Sets the field from its text form, or says what is wrong with the text. Statements and
    /// glossary entries whose words are kept keep their ids.
    pub fn set_text(self, unit: &mut Unit, text: &str) -> Result<(), String> {
        let m = &mut unit.metadata;
        let trimmed = text.trim();
        match self {
            Self::Urn => unit.urn = text.to_string(),
            Self::Title => unit.title = text.to_string(),
            Self::Overview => unit.overview = text.to_string(),
            Self::Glossary => unit.glossary = glossary_from_text(&unit.glossary, text)?,
            Self::LinksToOtherNos => unit.links_to_other_nos = lines(text),
            Self::ExternalLinks => unit.external_links = lines(text),
            Self::DevelopedBy => m.developed_by = text.to_string(),
            Self::VersionNumber => {
                m.version_number = match trimmed {
                    "" => None,
                    v => Some(
                        v.parse()
                            .map_err(|_| format!("“{v}” is not a whole number"))?,
                    ),
                };
            }
            Self::DateApproved => m.date_approved = date_from_text(trimmed)?,
            Self::IndicativeReviewDate => m.indicative_review_date = date_from_text(trimmed)?,
            Self::Validity => m.validity = choice(trimmed, Validity::ALL, Validity::label)?,
            Self::Status => m.status = choice(trimmed, Status::ALL, Status::label)?,
            Self::OriginatingOrganisation => m.originating_organisation = text.to_string(),
            Self::OriginalUrn => m.original_urn = text.to_string(),
            Self::Occupations => m.occupations = lines(text),
            Self::Suites => m.suites = lines(text),
            Self::Keywords => m.keywords = lines(text),
            Self::SocCodes => m.soc_codes = lines(text),
            Self::Category => m.category = choice(trimmed, Category::ALL, Category::label)?,
            Self::Themes => unit.themes = lines(text),
            list => {
                if let FieldKind::Statements(list) = list.kind() {
                    let restated = restate(unit.statements(list), text);
                    *unit.statements_mut(list) = restated;
                }
            }
        }
        Ok(())
    }

    /// A change of this field in words, `Category: Core → Generic`, or `None` when equal. Long
    /// values are not repeated: `Overview changed`.
    pub fn describe_change(self, old: &Unit, new: &Unit) -> Option<String> {
        let (before, after) = (self.text(old), self.text(new));
        (before != after).then(|| change_in_words(self.label(), &before, &after))
    }
}

/// One field of a map's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MapField {
    Title,
    Sector,
    Suite,
    DevelopedBy,
    Version,
    Description,
    Authors,
    LevelNames,
    Themes,
}

impl MapField {
    /// Every setting.
    pub const ALL: [Self; 9] = [
        Self::Title,
        Self::Sector,
        Self::Suite,
        Self::DevelopedBy,
        Self::Version,
        Self::Description,
        Self::Authors,
        Self::LevelNames,
        Self::Themes,
    ];

    /// The field's name in files.
    pub fn key(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Sector => "sector",
            Self::Suite => "suite",
            Self::DevelopedBy => "developed_by",
            Self::Version => "version",
            Self::Description => "description",
            Self::Authors => "authors",
            Self::LevelNames => "level_names",
            Self::Themes => "themes",
        }
    }

    /// The spreadsheet column that holds it on the `map` row: the columns of the same meaning
    /// (title, description, developed by, themes) and columns of its own for the rest.
    pub fn column(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Sector => "map_sector",
            Self::Suite => "map_suite",
            Self::DevelopedBy => "developed_by",
            Self::Version => "map_version",
            Self::Description => "description",
            Self::Authors => "map_authors",
            Self::LevelNames => "map_level_names",
            Self::Themes => "themes",
        }
    }

    /// The unit column a spreadsheet written before the map had columns of its own used for it
    /// (read when the file has no [`Self::column`]).
    pub fn earlier_column(self) -> &'static str {
        match self {
            Self::Sector => "code",
            Self::Suite => "suites",
            Self::Version => "version_number",
            Self::Authors => "occupations",
            Self::LevelNames => "keywords",
            other => other.column(),
        }
    }

    /// What people call it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Sector => "Sector",
            Self::Suite => "Suite",
            Self::DevelopedBy => "Developed by",
            Self::Version => "Version",
            Self::Description => "Description",
            Self::Authors => "Authors",
            Self::LevelNames => "Level names",
            Self::Themes => "Themes",
        }
    }

    /// How its value is written as text.
    pub fn kind(self) -> FieldKind {
        match self {
            Self::Description => FieldKind::Paragraph,
            Self::Authors | Self::LevelNames => FieldKind::Lines,
            Self::Themes => FieldKind::Themes,
            _ => FieldKind::Line,
        }
    }

    /// The setting as text.
    pub fn text(self, meta: &MapMeta) -> String {
        match self {
            Self::Title => meta.title.clone(),
            Self::Sector => meta.sector.clone(),
            Self::Suite => meta.suite.clone(),
            Self::DevelopedBy => meta.developed_by.clone(),
            Self::Version => meta.version.clone(),
            Self::Description => meta.description.clone(),
            Self::Authors => meta.authors.join("\n"),
            Self::LevelNames => meta.level_names.join("\n"),
            Self::Themes => meta
                .themes
                .iter()
                .map(|t| format!("{} | {} | {}", t.id, t.name, t.colour))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// Sets the setting from its text form, or says what is wrong with the text.
    pub fn set_text(self, meta: &mut MapMeta, text: &str) -> Result<(), String> {
        match self {
            Self::Title => meta.title = text.to_string(),
            Self::Sector => meta.sector = text.to_string(),
            Self::Suite => meta.suite = text.to_string(),
            Self::DevelopedBy => meta.developed_by = text.to_string(),
            Self::Version => meta.version = text.to_string(),
            Self::Description => meta.description = text.to_string(),
            Self::Authors => meta.authors = lines(text),
            Self::LevelNames => meta.level_names = lines(text),
            Self::Themes => meta.themes = themes_from_text(text)?,
        }
        Ok(())
    }

    /// A change of this setting in words, or `None` when equal.
    pub fn describe_change(self, old: &MapMeta, new: &MapMeta) -> Option<String> {
        let (before, after) = (self.text(old), self.text(new));
        (before != after).then(|| change_in_words(self.label(), &before, &after))
    }
}

/// `Category: Core → Generic`; `Overview changed` when either side is long or several lines.
fn change_in_words(label: &str, before: &str, after: &str) -> String {
    const SHORT: usize = 40;
    let short = |s: &str| s.chars().count() <= SHORT && !s.contains('\n');
    let shown = |s: &str| {
        if s.is_empty() {
            "(empty)".to_string()
        } else {
            s.to_string()
        }
    };
    if short(before) && short(after) {
        format!("{label}: {} → {}", shown(before), shown(after))
    } else {
        format!("{label} changed")
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

fn date_from_text(text: &str) -> Result<Option<Date>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse_iso(text)
        .map(Some)
        .map_err(|e| format!("{e} (write dates as YYYY-MM-DD)"))
}

/// A fixed value from its one spelling; older spellings (`JobSpecific`, `Job specific`) are
/// read too, as letters without spaces, hyphens or case.
fn choice<T: Copy>(
    text: &str,
    all: &[T],
    label: impl Fn(T) -> &'static str,
) -> Result<Option<T>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    let letters = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let wanted = letters(text);
    all.iter()
        .copied()
        .find(|&value| letters(label(value)) == wanted)
        .map(Some)
        .ok_or_else(|| {
            let spellings: Vec<&str> = all.iter().map(|&v| label(v)).collect();
            format!("“{text}” is not one of {}", spellings.join(", "))
        })
}

fn glossary_from_text(old: &[GlossaryEntry], text: &str) -> Result<Vec<GlossaryEntry>, String> {
    lines(text)
        .into_iter()
        .map(|line| match line.split_once(" = ") {
            Some((term, definition)) => {
                let mut entry = GlossaryEntry::new(term.trim(), definition.trim());
                // An entry whose term is kept keeps its id.
                if let Some(kept) = old.iter().find(|g| g.term == entry.term) {
                    entry.id = kept.id;
                }
                Ok(entry)
            }
            None => Err(format!("“{line}” is not “term = definition”")),
        })
        .collect()
}

fn themes_from_text(text: &str) -> Result<Vec<Theme>, String> {
    lines(text)
        .into_iter()
        .map(|line| {
            let parts: Vec<&str> = line.split(" | ").collect();
            let [id, name, colour] = parts[..] else {
                return Err(format!("“{line}” is not “id | name | #rrggbb”"));
            };
            Ok(Theme {
                id: id.trim().into(),
                name: name.trim().into(),
                colour: Rgb::parse_hex(colour.trim())?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Statement;

    fn full_unit() -> Unit {
        let mut unit = Unit::new("CFAMLA1", "Manage your own resources");
        for (n, field) in UnitField::ALL.into_iter().enumerate() {
            let text = match field.kind() {
                FieldKind::Line | FieldKind::Paragraph => format!("value {n}"),
                FieldKind::Statements(_) => format!("## heading {n}\nitem {n}"),
                FieldKind::Glossary => format!("term {n} = definition {n}"),
                FieldKind::Lines => format!("one {n}\ntwo {n}"),
                FieldKind::Date => "2026-12-03".into(),
                FieldKind::Number => n.to_string(),
                FieldKind::Choice(values) => values[n % values.len()].into(),
                FieldKind::Themes => unreachable!("units list theme ids"),
            };
            field.set_text(&mut unit, &text).unwrap();
            assert_eq!(field.text(&unit), text, "{field:?}");
        }
        unit
    }

    #[test]
    fn every_unit_field_reads_back_from_its_text() {
        let unit = full_unit();
        let mut again = Unit::default();
        for field in UnitField::ALL {
            field.set_text(&mut again, &field.text(&unit)).unwrap();
        }
        assert_eq!(again, unit);
        let keys: std::collections::HashSet<_> = UnitField::ALL.iter().map(|f| f.key()).collect();
        assert_eq!(keys.len(), UnitField::ALL.len(), "one column each");
        assert!(UnitField::ALL.iter().all(|f| !f.label().is_empty()));
    }

    #[test]
    fn fixed_values_have_one_spelling_and_read_the_old_ones() {
        let mut unit = Unit::default();
        for spelling in [
            "JobSpecific",
            "Job specific",
            "job-specific",
            "Job-specific",
        ] {
            UnitField::Category.set_text(&mut unit, spelling).unwrap();
            assert_eq!(unit.metadata.category, Some(Category::JobSpecific));
            assert_eq!(UnitField::Category.text(&unit), "Job-specific");
        }
        let error = UnitField::Category
            .set_text(&mut unit, "Special")
            .unwrap_err();
        assert_eq!(error, "“Special” is not one of Core, Generic, Job-specific");
        let error = UnitField::DateApproved
            .set_text(&mut unit, "3/12/26")
            .unwrap_err();
        assert!(error.contains("YYYY-MM-DD"), "{error}");
    }

    #[test]
    fn changes_read_as_field_old_and_new() {
        let mut old = Unit::default();
        old.metadata.category = Some(Category::Core);
        let mut new = old.clone();
        new.metadata.category = Some(Category::Generic);
        assert_eq!(
            UnitField::Category.describe_change(&old, &new).as_deref(),
            Some("Category: Core → Generic")
        );
        assert_eq!(UnitField::Title.describe_change(&old, &new), None);
        new.overview = "A long overview that goes on for far more than forty characters".into();
        assert_eq!(
            UnitField::Overview.describe_change(&old, &new).as_deref(),
            Some("Overview changed")
        );
    }

    #[test]
    fn statement_text_keeps_ids_of_kept_lines() {
        let care = Statement::item("care").with_id(crate::model::StatementId::from_raw(4));
        let mut unit = Unit {
            values: vec![care],
            ..Unit::default()
        };
        UnitField::Values
            .set_text(&mut unit, "honesty\ncare")
            .unwrap();
        assert_eq!(unit.values[1].id.raw(), 4);
        assert!(!unit.values[0].id.is_assigned());
    }

    #[test]
    fn every_map_setting_reads_back_from_its_text() {
        let meta = MapMeta::new("Pan-sector map");
        let mut again = MapMeta::new("");
        for field in MapField::ALL {
            field.set_text(&mut again, &field.text(&meta)).unwrap();
        }
        assert_eq!(again, meta);
    }
}
