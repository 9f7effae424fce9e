//! A NOS unit: every section and metadata field of the NOS database (NOS data fields v1.2).

use super::{Annotations, Date, StatementId};

/// One entry of a unit's statement lists: a performance criterion, a knowledge item, a scope,
/// value, behaviour or skill item, or a heading grouping the items below it.
///
/// Only the items of the performance criteria and of the knowledge are numbered (P1…, K1…);
/// numbers are derived from the order, the id is the statement's identity.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Statement {
    /// Its identity in the map; [`StatementId::UNASSIGNED`] until the map gives it one.
    pub id: StatementId,
    /// The statement's words.
    pub text: String,
    /// A group heading (not numbered) rather than an item.
    pub heading: bool,
}

impl Statement {
    /// A new item; the map gives it an id when it is added.
    pub fn item(text: impl Into<String>) -> Self {
        Self {
            id: StatementId::UNASSIGNED,
            text: text.into(),
            heading: false,
        }
    }

    /// A new heading; the map gives it an id when it is added.
    pub fn heading(text: impl Into<String>) -> Self {
        Self {
            heading: true,
            ..Self::item(text)
        }
    }

    /// The same statement under an id.
    pub fn with_id(self, id: StatementId) -> Self {
        Self { id, ..self }
    }

    /// The statement's words.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True for an item, false for a heading.
    pub fn is_item(&self) -> bool {
        !self.heading
    }
}

/// Which of a unit's statement lists an edit or a location addresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatementList {
    /// "You must be able to:", numbered P1….
    PerformanceCriteria,
    /// "You need to know and understand:", numbered K1….
    Knowledge,
    /// Scope/range.
    ScopeRange,
    /// Scope/range related to performance criteria.
    ScopeRangePerformance,
    /// Scope/range related to knowledge and understanding.
    ScopeRangeKnowledge,
    /// Values.
    Values,
    /// Behaviours.
    Behaviours,
    /// Skills.
    Skills,
}

impl StatementList {
    /// Every list, in the order a published NOS prints them.
    pub const ALL: [Self; 8] = [
        Self::PerformanceCriteria,
        Self::Knowledge,
        Self::ScopeRange,
        Self::ScopeRangePerformance,
        Self::ScopeRangeKnowledge,
        Self::Values,
        Self::Behaviours,
        Self::Skills,
    ];

    /// The letter that prefixes item numbers (`P`, `K`); `None` for the lists printed as bullets.
    pub fn prefix(self) -> Option<char> {
        match self {
            Self::PerformanceCriteria => Some('P'),
            Self::Knowledge => Some('K'),
            _ => None,
        }
    }

    /// A short name for labels: `Values 2`, `Scope/range (PC) 1`.
    pub fn short_label(self) -> &'static str {
        match self {
            Self::PerformanceCriteria => "PC",
            Self::Knowledge => "K&U",
            Self::ScopeRange => "Scope/range",
            Self::ScopeRangePerformance => "Scope/range (PC)",
            Self::ScopeRangeKnowledge => "Scope/range (K&U)",
            Self::Values => "Values",
            Self::Behaviours => "Behaviours",
            Self::Skills => "Skills",
        }
    }

    /// What the list is called in messages and headings.
    pub fn label(self) -> &'static str {
        match self {
            Self::PerformanceCriteria => "Performance criteria",
            Self::Knowledge => "Knowledge and understanding",
            Self::ScopeRange => "Scope/range",
            Self::ScopeRangePerformance => "Scope/range related to performance criteria",
            Self::ScopeRangeKnowledge => "Scope/range related to knowledge and understanding",
            Self::Values => "Values",
            Self::Behaviours => "Behaviours",
            Self::Skills => "Skills",
        }
    }
}

/// Labels the entries of a list as published: `P3`, `K2` for the numbered items of the
/// performance criteria and knowledge, `None` for headings and for the items of bulleted lists.
pub fn numbering(list: StatementList, statements: &[Statement]) -> Vec<Option<String>> {
    let mut next = 0;
    statements
        .iter()
        .map(|statement| {
            let prefix = list.prefix()?;
            statement.is_item().then(|| {
                next += 1;
                format!("{prefix}{next}")
            })
        })
        .collect()
}

/// Statements as text, one per line, headings starting with `## ` — how spreadsheet cells and
/// the inspector's fields hold a list.
pub fn statements_to_text(statements: &[Statement]) -> String {
    statements
        .iter()
        .map(|s| {
            if s.heading {
                format!("## {}", s.text)
            } else {
                s.text.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The statements a block of text makes: one per non-empty line (trimmed); `## ` starts a
/// heading. All new (unassigned ids); [`restate`] keeps the ids of a list being edited.
pub fn statements_from_text(text: &str) -> Vec<Statement> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| match line.strip_prefix("## ") {
            Some(heading) => Statement::heading(heading),
            None => Statement::item(line),
        })
        .collect()
}

/// The list `text` makes when it replaces `old`, keeping ids: a line whose words an old
/// statement had keeps that statement's id (also when lines were reordered); a changed line
/// keeps the id of the old statement in its place when that one is not kept otherwise; other
/// lines are new.
pub fn restate(old: &[Statement], text: &str) -> Vec<Statement> {
    let mut new = statements_from_text(text);
    let mut taken = vec![false; old.len()];
    // Unchanged statements first, wherever they moved.
    for statement in &mut new {
        let same = old.iter().enumerate().find(|(i, o)| {
            !taken[*i] && o.text == statement.text && o.heading == statement.heading
        });
        if let Some((i, o)) = same {
            taken[i] = true;
            statement.id = o.id;
        }
    }
    // A changed line keeps the id of the untaken old statement at the same position.
    for (position, statement) in new.iter_mut().enumerate() {
        if statement.id.is_assigned() {
            continue;
        }
        if let Some(false) = taken.get(position) {
            taken[position] = true;
            statement.id = old[position].id;
        }
    }
    new
}

/// A glossary entry.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct GlossaryEntry {
    /// Its identity in the map, like a statement's.
    pub id: StatementId,
    /// The term defined.
    pub term: String,
    /// Its definition.
    pub definition: String,
}

impl GlossaryEntry {
    /// A new entry; the map gives it an id when it is added.
    pub fn new(term: impl Into<String>, definition: impl Into<String>) -> Self {
        Self {
            id: StatementId::UNASSIGNED,
            term: term.into(),
            definition: definition.into(),
        }
    }
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

impl Validity {
    /// Every value.
    pub const ALL: &'static [Self] = &[Self::Current, Self::Legacy];

    /// Its one spelling.
    pub fn label(self) -> &'static str {
        match self {
            Self::Current => "Current",
            Self::Legacy => "Legacy",
        }
    }
}

impl Status {
    /// Every value.
    pub const ALL: &'static [Self] = &[Self::Original, Self::Tailored, Self::Imported];

    /// Its one spelling.
    pub fn label(self) -> &'static str {
        match self {
            Self::Original => "Original",
            Self::Tailored => "Tailored",
            Self::Imported => "Imported",
        }
    }
}

impl Category {
    /// Every value.
    pub const ALL: &'static [Self] = &[Self::Core, Self::Generic, Self::JobSpecific];

    /// Its one spelling, as the NOS guidance writes it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Core => "Core",
            Self::Generic => "Generic",
            Self::JobSpecific => "Job-specific",
        }
    }
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
    pub scope_range: Vec<Statement>,
    /// Scope/range related to performance criteria.
    pub scope_range_performance: Vec<Statement>,
    /// Scope/range related to knowledge and understanding.
    pub scope_range_knowledge: Vec<Statement>,
    /// Values.
    pub values: Vec<Statement>,
    /// Behaviours.
    pub behaviours: Vec<Statement>,
    /// Skills.
    pub skills: Vec<Statement>,
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
    /// What people say about the unit rather than what the standard says.
    pub annotations: Annotations,
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

    /// One of the statement lists.
    pub fn statements(&self, list: StatementList) -> &[Statement] {
        match list {
            StatementList::PerformanceCriteria => &self.performance_criteria,
            StatementList::Knowledge => &self.knowledge,
            StatementList::ScopeRange => &self.scope_range,
            StatementList::ScopeRangePerformance => &self.scope_range_performance,
            StatementList::ScopeRangeKnowledge => &self.scope_range_knowledge,
            StatementList::Values => &self.values,
            StatementList::Behaviours => &self.behaviours,
            StatementList::Skills => &self.skills,
        }
    }

    /// One of the statement lists, for editing a draft copy (the map changes only through edits).
    pub fn statements_mut(&mut self, list: StatementList) -> &mut Vec<Statement> {
        match list {
            StatementList::PerformanceCriteria => &mut self.performance_criteria,
            StatementList::Knowledge => &mut self.knowledge,
            StatementList::ScopeRange => &mut self.scope_range,
            StatementList::ScopeRangePerformance => &mut self.scope_range_performance,
            StatementList::ScopeRangeKnowledge => &mut self.scope_range_knowledge,
            StatementList::Values => &mut self.values,
            StatementList::Behaviours => &mut self.behaviours,
            StatementList::Skills => &mut self.skills,
        }
    }

    /// Where a statement or glossary entry is: its list (`None` for the glossary) and index.
    pub fn find_statement(&self, id: StatementId) -> Option<(Option<StatementList>, usize)> {
        StatementList::ALL
            .into_iter()
            .find_map(|list| {
                let index = self.statements(list).iter().position(|s| s.id == id)?;
                Some((Some(list), index))
            })
            .or_else(|| {
                let index = self.glossary.iter().position(|g| g.id == id)?;
                Some((None, index))
            })
    }

    /// What a statement is called where it is printed: `P3`, `K2` for numbered items; for
    /// headings and the other lists the list and position (`Values 2`, `Glossary 1`).
    pub fn statement_label(&self, id: StatementId) -> Option<String> {
        let (list, index) = self.find_statement(id)?;
        Some(match list {
            None => format!("Glossary {}", index + 1),
            Some(list) => match numbering(list, self.statements(list)).swap_remove(index) {
                Some(number) => number,
                None => format!("{} {}", list.short_label(), index + 1),
            },
        })
    }

    /// The statement a label made by [`Self::statement_label`] names.
    pub fn statement_by_label(&self, label: &str) -> Option<StatementId> {
        let label = label.trim();
        let (name, number) = match label.rsplit_once(' ') {
            Some((name, number)) => (name, number),
            None => label.split_at(label.find(|c: char| c.is_ascii_digit())?),
        };
        let position = number.parse::<usize>().ok()?.checked_sub(1)?;
        if name.eq_ignore_ascii_case("glossary") {
            return self.glossary.get(position).map(|g| g.id);
        }
        StatementList::ALL.into_iter().find_map(|list| {
            let statements = self.statements(list);
            match list.prefix() {
                Some(prefix) if name.eq_ignore_ascii_case(&prefix.to_string()) => statements
                    .iter()
                    .filter(|s| s.is_item())
                    .nth(position)
                    .map(|s| s.id),
                _ if name.eq_ignore_ascii_case(list.short_label()) => {
                    statements.get(position).map(|s| s.id)
                }
                _ => None,
            }
        })
    }

    /// Every statement and glossary entry id, in print order.
    pub fn statement_ids(&self) -> impl Iterator<Item = StatementId> + '_ {
        StatementList::ALL
            .into_iter()
            .flat_map(|list| self.statements(list).iter().map(|s| s.id))
            .chain(self.glossary.iter().map(|g| g.id))
    }

    /// Every statement and glossary entry id, for giving fresh ones to new statements.
    pub(crate) fn statement_ids_mut(&mut self) -> Vec<&mut StatementId> {
        let comments = self.annotations.comments.len();
        let mut slots = self.id_slots_mut();
        // The comments' slots come last.
        slots.truncate(slots.len() - comments);
        slots
    }

    /// Every id slot of the unit: its statements' and glossary entries', then its comments'.
    pub(crate) fn id_slots_mut(&mut self) -> Vec<&mut StatementId> {
        let Unit {
            performance_criteria,
            knowledge,
            scope_range,
            scope_range_performance,
            scope_range_knowledge,
            values,
            behaviours,
            skills,
            glossary,
            annotations,
            ..
        } = self;
        [
            performance_criteria,
            knowledge,
            scope_range,
            scope_range_performance,
            scope_range_knowledge,
            values,
            behaviours,
            skills,
        ]
        .into_iter()
        .flat_map(|list| list.iter_mut().map(|s| &mut s.id))
        .chain(glossary.iter_mut().map(|g| &mut g.id))
        .chain(super::node::comment_slots(annotations))
        .collect()
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
            Statement::heading("Planning"),
            Statement::item("agree goals"),
            Statement::item("set a timetable"),
            Statement::heading("Reviewing"),
            Statement::item("review progress"),
        ];
        let labels = numbering(StatementList::Knowledge, &statements);
        let labels: Vec<_> = labels.iter().map(|l| l.as_deref()).collect();
        assert_eq!(labels, [None, Some("K1"), Some("K2"), None, Some("K3")]);
        assert!(
            numbering(StatementList::Values, &statements)
                .iter()
                .all(Option::is_none)
        );
    }

    fn ids(statements: &[Statement]) -> Vec<u64> {
        statements.iter().map(|s| s.id.raw()).collect()
    }

    #[test]
    fn statement_labels_read_back_to_the_same_statement() {
        let mut unit = Unit::new("X1", "Do it");
        unit.performance_criteria = vec![
            Statement::heading("Planning"),
            Statement::item("agree goals"),
            Statement::item("set a timetable"),
        ];
        unit.values = vec![Statement::item("honesty"), Statement::item("care")];
        unit.glossary = vec![GlossaryEntry::new("goal", "what is aimed at")];
        for (n, id) in unit.statement_ids_mut().into_iter().enumerate() {
            *id = StatementId::from_raw(n as u64 + 1);
        }
        let labels: Vec<String> = unit
            .statement_ids()
            .map(|id| unit.statement_label(id).unwrap())
            .collect();
        assert_eq!(
            labels,
            ["PC 1", "P1", "P2", "Values 1", "Values 2", "Glossary 1"]
        );
        for (id, label) in unit.statement_ids().zip(&labels) {
            assert_eq!(unit.statement_by_label(label), Some(id), "{label}");
        }
        assert_eq!(unit.statement_by_label("P9"), None);
        assert_eq!(unit.statement_by_label("nonsense"), None);
    }

    #[test]
    fn restating_a_list_keeps_the_ids_of_kept_moved_and_edited_lines() {
        let old: Vec<Statement> = ["agree goals", "set a timetable", "review progress"]
            .into_iter()
            .zip(1..)
            .map(|(text, id)| Statement::item(text).with_id(StatementId::from_raw(id)))
            .collect();
        // Reordered: ids follow the words.
        let moved = restate(&old, "review progress\nagree goals\nset a timetable");
        assert_eq!(ids(&moved), [3, 1, 2]);
        // The middle line edited: it keeps its id; a new last line has none yet.
        let edited = restate(
            &old,
            "agree goals\nset a weekly timetable\nreview progress\nrecord it",
        );
        assert_eq!(ids(&edited), [1, 2, 3, 0]);
        // A line removed: the others keep theirs.
        assert_eq!(ids(&restate(&old, "agree goals\nreview progress")), [1, 3]);
    }
}
