//! NOS quality checks: each rule has an id, a severity, a one-line message per finding, an
//! explanation with its source, and where one exists a fix that is an ordinary undoable edit.
//!
//! Checks read a map and never fail or change it. Findings the working group has dismissed on a
//! node (saved in the map) are reported apart, with the reason; merge conflicts cannot be
//! dismissed, only settled (keep ours or take theirs).

mod checker;
mod conflicts;
mod rules;
mod structure;
mod units;
mod urns;
pub(crate) mod verbs;
mod wording;

pub use checker::Checker;
pub use rules::{RULES, RuleInfo, rule};
pub use verbs::{NOS_VERBS, not_verb_first};

use crate::edit::Edit;
use crate::model::{Date, Dismissal, FunctionalMap, Location, Node, NodeId};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`, as printed.
    pub fn label(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// A fix: an edit the user can apply (and undo) in one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, e.g. "Mark as a gap".
    pub label: String,
    /// The edit that does it.
    pub edit: Edit,
}

/// One problem on one node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule's id, e.g. `verb-first`.
    pub rule: &'static str,
    /// The rule's severity.
    pub severity: Severity,
    /// Where the finding is: a node, or one statement of a unit.
    pub location: Location,
    /// One line saying what is wrong here.
    pub message: String,
    /// An edit that repairs it, where one exists (boxed: findings are many, fixes few).
    pub fix: Option<Box<Fix>>,
    /// Other fixes to choose from besides `fix`, in the order offered (a merge conflict's
    /// "Take theirs" beside its "Keep ours"); empty for most findings.
    pub alternatives: Vec<Fix>,
}

/// How finished a map is taken to be, which decides the rules that speak. Ordered:
/// `Draft < Publish`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CheckLevel {
    /// A map being drafted: rules about metadata and sections nobody has written yet keep
    /// quiet, so the findings are about what has been drafted.
    #[default]
    Draft,
    /// Ready to publish: every rule, including missing metadata and empty sections.
    Publish,
}

impl CheckLevel {
    /// `draft` or `publish`, as printed and typed.
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Publish => "publish",
        }
    }
}

/// What the checks need from outside the map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckContext {
    /// Today, for review dates; the review-date rule is skipped without it.
    pub today: Option<Date>,
    /// Which rules speak: a rule whose level is above this one is not reported.
    pub level: CheckLevel,
}

impl CheckContext {
    /// Checks for a map being drafted.
    pub fn draft(today: Option<Date>) -> Self {
        Self {
            today,
            level: CheckLevel::Draft,
        }
    }

    /// Checks for a map about to be published: every rule.
    pub fn publish(today: Option<Date>) -> Self {
        Self {
            today,
            level: CheckLevel::Publish,
        }
    }
}

/// Everything the checks found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Active findings, most severe first, then in map order.
    pub findings: Vec<Finding>,
    /// Findings dismissed on their node, with the dismissal.
    pub dismissed: Vec<(Finding, Dismissal)>,
    /// Active findings of rules above the context's level, left out: how many more a higher
    /// level would show.
    pub held_back: usize,
}

impl Finding {
    /// The node the finding is about.
    pub fn node(&self) -> NodeId {
        self.location.node
    }

    /// Every fix offered: `fix`, then the alternatives.
    pub fn fixes(&self) -> impl Iterator<Item = &Fix> {
        self.fix.as_deref().into_iter().chain(&self.alternatives)
    }

    /// Whether the finding may be set aside with a reason (see [`RuleInfo::dismissible`]).
    pub fn dismissible(&self) -> bool {
        rule(self.rule).is_none_or(|r| r.dismissible)
    }
}

impl CheckReport {
    /// Active findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// True when some active finding is at or above `threshold`.
    pub fn has_at_least(&self, threshold: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= threshold)
    }
}

/// Collects findings for the rules.
pub(crate) struct Findings {
    list: Vec<Finding>,
}

impl Findings {
    pub(crate) fn add(
        &mut self,
        rule_id: &'static str,
        node: NodeId,
        message: String,
        fix: Option<Fix>,
    ) {
        self.add_at(rule_id, Location::node(node), message, fix);
    }

    pub(crate) fn add_at(
        &mut self,
        rule_id: &'static str,
        location: Location,
        message: String,
        fix: Option<Fix>,
    ) {
        self.add_with_choices(rule_id, location, message, fix.into_iter().collect());
    }

    /// A finding offering several fixes, the first as `fix`.
    pub(crate) fn add_with_choices(
        &mut self,
        rule_id: &'static str,
        location: Location,
        message: String,
        fixes: Vec<Fix>,
    ) {
        let severity = rule(rule_id).map_or(Severity::Warning, |r| r.severity);
        let mut fixes = fixes.into_iter();
        let fix = fixes.next().map(Box::new);
        self.list.push(Finding {
            rule: rule_id,
            severity,
            location,
            message,
            fix,
            alternatives: fixes.collect(),
        });
    }
}

/// What a node is called in a message, in the map's own words: "key purpose", the name of its
/// function level ("key area", "function"; acronyms such as "NOS" keep their capitals), "unit".
pub(crate) fn level_word(map: &FunctionalMap, id: NodeId) -> String {
    match map.node(id) {
        Some(Node::KeyPurpose(_)) => "key purpose".into(),
        Some(Node::Unit(_)) => "unit".into(),
        Some(Node::Function(_)) | None => lower_words(map.meta().level_name(map.depth(id))),
    }
}

/// `Indicative review date` → `indicative review date`; acronyms (`URN`, `SOC`, `NOS`) keep
/// their capitals.
pub(crate) fn lower_words(label: &str) -> String {
    label
        .split(' ')
        .map(|word| {
            let acronym = word.len() > 1 && !word.chars().any(char::is_lowercase);
            if acronym {
                word.to_string()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs every rule over `map`.
pub fn check(map: &FunctionalMap, context: &CheckContext) -> CheckReport {
    let mut checker = Checker::one_shot(*context);
    checker.update(map, context);
    checker.into_report()
}
