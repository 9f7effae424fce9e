//! A NOS unit: every section and metadata field of the NOS database (NOS data fields v1.2).

use super::Date;

/// One entry of the performance criteria or of the knowledge and understanding.
///
/// Headings group the items below them; only items are numbered (P1…, K1…).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Statement {
    /// A group heading, not numbered.
    Heading(String),
    /// A numbered criterion or knowledge item.
    Item(String),
}

impl Statement {
    /// The statement's words.
    pub fn text(&self) -> &str {
        match self {
            Self::Heading(text) | Self::Item(text) => text,
        }
    }

    /// True for an item (numbered), false for a heading.
    pub fn is_item(&self) -> bool {
        matches!(self, Self::Item(_))
    }
}

/// Which of a unit's two numbered lists an edit addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatementList {
    /// "You must be able to:", numbered P1….
    PerformanceCriteria,
    /// "You need to know and understand:", numbered K1….
    Knowledge,
}

impl StatementList {
    /// The letter that prefixes item numbers: `P` or `K`.
    pub fn prefix(self) -> char {
        match self {
            Self::PerformanceCriteria => 'P',
            Self::Knowledge => 'K',
        }
    }
}

/// Numbers the items of a list as published (P1, P2… skipping headings).
///
/// Returns, for each entry, its label (`Some("P3")` for items, `None` for headings).
pub fn numbering(list: StatementList, statements: &[Statement]) -> Vec<Option<String>> {
    let mut next = 0;
    statements
        .iter()
        .map(|statement| {
            statement.is_item().then(|| {
                next += 1;
                format!("{}{next}", list.prefix())
            })
        })
        .collect()
}

/// Statements as text, one per line, headings starting with `## ` — how spreadsheet cells and
/// the inspector's fields hold a list.
pub fn statements_to_text(statements: &[Statement]) -> String {
    statements
        .iter()
        .map(|s| match s {
            Statement::Heading(text) => format!("## {text}"),
            Statement::Item(text) => text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The statements a block of text makes: one per non-empty line (trimmed); `## ` starts a
/// heading. The inverse of [`statements_to_text`].
pub fn statements_from_text(text: &str) -> Vec<Statement> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.strip_prefix("## ") {
            Some(heading) => Statement::Heading(heading.to_string()),
            None => Statement::Item(line.to_string()),
        })
        .collect()
}

/// A glossary entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct GlossaryEntry {
    /// The term defined.
    pub term: String,
    /// Its definition.
    pub definition: String,
}

/// Whether a NOS is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Validity {
    /// In force.
    Current,
    /// Kept for reference, superseded or withdrawn.
    Legacy,
}

/// Where a NOS came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// Written by the developing organisation.
    Original,
    /// Adapted from another organisation's NOS (Original URN says which).
    Tailored,
    /// Taken unchanged from another suite.
    Imported,
}

/// The database's NOSCategory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// Central to the occupation.
    Core,
    /// Shared across occupations or sectors.
    Generic,
    /// Particular to one job.
    JobSpecific,
}

/// The metadata block printed at the end of a published NOS, plus the database-only fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct UnitMetadata {
    /// The organisation that developed the NOS.
    pub developed_by: String,
    /// Version number.
    pub version_number: Option<u32>,
    /// Date approved.
    pub date_approved: Option<Date>,
    /// Indicative review date.
    pub indicative_review_date: Option<Date>,
    /// Current or Legacy.
    pub validity: Option<Validity>,
    /// Original, Tailored or Imported.
    pub status: Option<Status>,
    /// For a tailored or imported NOS, whose it was.
    pub originating_organisation: String,
    /// For a tailored or imported NOS, the URN (or older code) it came from.
    pub original_urn: String,
    /// Relevant occupations.
    pub occupations: Vec<String>,
    /// Suites that list this NOS.
    pub suites: Vec<String>,
    /// Keywords.
    pub keywords: Vec<String>,
    /// UK Standard Occupational Classification codes.
    pub soc_codes: Vec<String>,
    /// Core, Generic or Job-specific.
    pub category: Option<Category>,
}

/// A NOS unit: the leaf of a functional map. One definition, placed under one or more functions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Unit {
    /// Unique reference number, e.g. `CFAMLA1`.
    pub urn: String,
    /// Title, in the imperative ("Manage your own resources").
    pub title: String,
    /// What the standard is about and who it is for.
    pub overview: String,
    /// Performance criteria, in order.
    pub performance_criteria: Vec<Statement>,
    /// Knowledge and understanding, in order.
    pub knowledge: Vec<Statement>,
    /// Scope/range.
    pub scope_range: String,
    /// Scope/range related to performance criteria.
    pub scope_range_performance: String,
    /// Scope/range related to knowledge and understanding.
    pub scope_range_knowledge: String,
    /// Values.
    pub values: String,
    /// Behaviours.
    pub behaviours: String,
    /// Skills.
    pub skills: String,
    /// Glossary.
    pub glossary: Vec<GlossaryEntry>,
    /// Links to other NOS (URNs or titles).
    pub links_to_other_nos: Vec<String>,
    /// External links.
    pub external_links: Vec<String>,
    /// The metadata block.
    pub metadata: UnitMetadata,
    /// Ids of the map's themes this unit belongs to.
    pub themes: Vec<String>,
    /// Check findings set aside on this unit.
    pub dismissed: Vec<super::Dismissal>,
    /// Workshop decisions and votes.
    pub workshop: super::Workshop,
}

impl Unit {
    /// A unit with only a URN and a title.
    pub fn new(urn: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            urn: urn.into(),
            title: title.into(),
            ..Self::default()
        }
    }

    /// One of the two numbered lists.
    pub fn statements(&self, list: StatementList) -> &[Statement] {
        match list {
            StatementList::PerformanceCriteria => &self.performance_criteria,
            StatementList::Knowledge => &self.knowledge,
        }
    }

    /// One of the two numbered lists, for editing.
    pub(crate) fn statements_mut(&mut self, list: StatementList) -> &mut Vec<Statement> {
        match list {
            StatementList::PerformanceCriteria => &mut self.performance_criteria,
            StatementList::Knowledge => &mut self.knowledge,
        }
    }

    /// How many numbered items (not headings) a list holds.
    pub fn item_count(&self, list: StatementList) -> usize {
        self.statements(list).iter().filter(|s| s.is_item()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_skips_headings() {
        let statements = vec![
            Statement::Heading("Planning".into()),
            Statement::Item("agree goals".into()),
            Statement::Item("set a timetable".into()),
            Statement::Heading("Reviewing".into()),
            Statement::Item("review progress".into()),
        ];
        let labels = numbering(StatementList::Knowledge, &statements);
        let labels: Vec<_> = labels.iter().map(|l| l.as_deref()).collect();
        assert_eq!(labels, [None, Some("K1"), Some("K2"), None, Some("K3")]);
    }
}
