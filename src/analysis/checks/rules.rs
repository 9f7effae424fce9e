//! The catalogue of rules: id, severity, a summary, the explanation and its source.

use super::{CheckLevel, Severity};

/// A quality rule, described for the problems panel and `nosmap check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id, used in output and in dismissals.
    pub id: &'static str,
    /// How serious a finding is.
    pub severity: Severity,
    /// The lowest check level at which the rule speaks: rules about metadata and sections a
    /// draft has not reached yet speak only at `Publish`.
    pub level: CheckLevel,
    /// One line naming the rule.
    pub summary: &'static str,
    /// Why the rule exists.
    pub explanation: &'static str,
    /// Where the rule comes from (tags resolve in design/nos-domain.md).
    pub source: &'static str,
    /// Whether the working group may set a finding aside with a reason. A finding of a rule that
    /// is not dismissible is settled only by changing the map; a dismissal naming it hides
    /// nothing.
    pub dismissible: bool,
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

const fn rule_info(
    id: &'static str,
    severity: Severity,
    level: CheckLevel,
    summary: &'static str,
    explanation: &'static str,
    source: &'static str,
) -> RuleInfo {
    RuleInfo {
        id,
        severity,
        level,
        summary,
        explanation,
        source,
        dismissible: true,
    }
}

impl RuleInfo {
    /// The same rule, not dismissible.
    const fn not_dismissible(self) -> Self {
        Self {
            dismissible: false,
            ..self
        }
    }
}

use CheckLevel::{Draft, Publish};
use Severity::{Error, Info, Warning};

/// Every rule, in the order findings of equal severity are listed. At `Draft` level, what is
/// missing because nobody has written it yet (sections, metadata, the URN) keeps quiet; what has
/// been written is checked (wording, shape, duplicates, structure, URN spelling).
pub const RULES: &[RuleInfo] = &[
    rule_info(
        "merge-conflict",
        Error,
        Draft,
        "Both sides of a merge changed it",
        "A merge kept our version of something both sides changed; choose which to keep.",
        "nosmap merge: three-way merge of map files",
    )
    .not_dismissible(),
    rule_info(
        "empty-title",
        Error,
        Draft,
        "Empty title or statement",
        "Every key purpose, function and NOS needs words: a title reflects the content and must be unique.",
        "SSDA 2007 definition of mandatory sections [WIKI-SSDA]; Lantra [LANTRA-DEV]",
    ),
    rule_info(
        "duplicate-urn",
        Error,
        Draft,
        "Two units share a URN",
        "The URN is the unique NOS identifier in the database; two different units cannot share it.",
        "NOS data fields v1.2, URN = \"Unique NOS ID\" [FIELDS]",
    ),
    rule_info(
        "function-without-units",
        Warning,
        Draft,
        "Function reaches no NOS unit",
        "Every function in the map should be covered by at least one NOS, or be marked as a gap where new NOS are needed.",
        "Quality Criterion 3, functional analysis covering all key activities [LANTRA-QC]; gaps [LANTRA-DEV]",
    ),
    rule_info(
        "single-child",
        Warning,
        Draft,
        "Function with a single child",
        "Each level answers \"what needs to happen to achieve this?\"; one child means the function was not broken down.",
        "How/why reading of functional maps [ILO-10], [LANTRA-DEV]; nos-domain.md §2.5",
    ),
    rule_info(
        "too-deep",
        Warning,
        Draft,
        "More than five levels",
        "Functional analysis seldom goes beyond four or five levels below the key purpose.",
        "ILO/Cinterfor [ILO-15]",
    ),
    rule_info(
        "missing-performance-criteria",
        Warning,
        Publish,
        "Unit has no performance criteria",
        "Performance criteria (\"You must be able to:\") are a mandatory section of a NOS.",
        "SSDA 2007 definition [WIKI-SSDA]",
    ),
    rule_info(
        "missing-knowledge",
        Warning,
        Publish,
        "Unit has no knowledge and understanding",
        "Knowledge and understanding (\"You need to know and understand:\") is a mandatory section of a NOS.",
        "SSDA 2007 definition [WIKI-SSDA]",
    ),
    rule_info(
        "empty-overview",
        Warning,
        Publish,
        "Unit has no overview",
        "The overview is mandatory: it says what the standard is about and who it is for.",
        "SSDA 2007 definition [WIKI-SSDA]; Lantra [LANTRA-DEV]",
    ),
    rule_info(
        "missing-urn",
        Warning,
        Publish,
        "Unit has no URN",
        "Every published NOS has a URN, its unique reference in the NOS database; a draft can wait for one.",
        "NOS data fields v1.2, URN = \"Unique NOS ID\" [FIELDS]",
    ),
    rule_info(
        "duplicate-title",
        Warning,
        Draft,
        "Two units share a title",
        "NOS titles must be unique and describe the function they cover.",
        "Lantra [LANTRA-DEV]",
    ),
    rule_info(
        "urn-shape",
        Warning,
        Draft,
        "URN is not shaped like a published URN",
        "URNs are an organisation prefix and suite letters followed by a number, spelled as the NOS database spells them: \"LSI CM01\", \"PPL.C224\", \"CFAM&LDB6\" and \"LSICLD5.4.1 v2\" are all published URNs, and their spaces belong to them. Invisible characters, stray spaces and titles or placeholders in the URN field are not. One note per suite (the first suite the unit's metadata lists, or else the function it sits under), naming the suite's other odd URNs.",
        "Observed URN conventions and database quirks [DB2019]; nos-domain.md §3.4",
    ),
    rule_info(
        "verb-first",
        Warning,
        Draft,
        "Does not start with a verb",
        "Functions, NOS titles and performance criteria are written verb + object (+ condition), e.g. \"Manage a budget\".",
        "ILO/Cinterfor [ILO-15]; Lantra [LANTRA-DEV]",
    ),
    rule_info(
        "near-duplicate-statement",
        Warning,
        Draft,
        "Near-identical statements in a unit",
        "Two performance criteria (or knowledge items) that say the same thing add length without adding a requirement.",
        "Duplication measured across NOS by Nesta [NESTA]; nos-domain.md §4",
    ),
    rule_info(
        "tailored-without-original",
        Warning,
        Publish,
        "Tailored without an original URN",
        "A tailored NOS records the URN of the standard it was adapted from.",
        "NOS data fields v1.2, Status and Original URN [FIELDS]",
    ),
    rule_info(
        "review-date-passed",
        Warning,
        Draft,
        "Indicative review date has passed",
        "NOS are reviewed on a cycle of about three years; a past review date means the standard is due for review.",
        "NOS data fields v1.2 [FIELDS]; review cycles [FSSC], [BROOKES]",
    ),
    rule_info(
        "missing-required-metadata",
        Warning,
        Publish,
        "Required database metadata missing",
        "The NOS database requires Validity, Status and NOS category for every standard.",
        "NOS data fields v1.2, required choice fields [FIELDS]",
    ),
    rule_info(
        "too-many-children",
        Info,
        Draft,
        "More than about nine children",
        "More than about nine children is hard to read at a glance; consider grouping them under intermediate functions.",
        "Observed branching in published maps, nos-domain.md §2.3",
    ),
    rule_info(
        "urn-prefix",
        Info,
        Draft,
        "URN prefix differs from the rest of the map",
        "Within a suite, URNs share the developing organisation's prefix (e.g. CFA, LSI, ESK).",
        "Observed URN conventions [DB2019]; nos-domain.md §3.4",
    ),
    rule_info(
        "legacy-unit",
        Info,
        Draft,
        "Unit is Legacy",
        "A Legacy NOS is kept for reference and is no longer current.",
        "NOS data fields v1.2, Validity [FIELDS]",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_rule_is_explained() {
        let mut ids: Vec<_> = RULES.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), RULES.len());
        assert!(
            RULES.iter().all(|r| !r.summary.is_empty()
                && !r.explanation.is_empty()
                && !r.source.is_empty())
        );
    }
}
