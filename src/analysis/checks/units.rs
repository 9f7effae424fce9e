//! Rules about units: mandatory sections, uniqueness and metadata (URN shapes: `urns.rs`).

use std::collections::BTreeSet;

use super::{CheckContext, Findings};
use crate::model::{FunctionalMap, NodeId, StatementList, Status, Unit, Validity};

/// The rules on one unit by itself: mandatory sections and metadata.
pub(super) fn check_unit(id: NodeId, unit: &Unit, context: &CheckContext, findings: &mut Findings) {
    {
        if unit.item_count(StatementList::PerformanceCriteria) == 0 {
            findings.add(
                "missing-performance-criteria",
                id,
                "no performance criteria (P1…)".into(),
                None,
            );
        }
        if unit.item_count(StatementList::Knowledge) == 0 {
            findings.add(
                "missing-knowledge",
                id,
                "no knowledge and understanding items (K1…)".into(),
                None,
            );
        }
        if unit.overview.trim().is_empty() {
            findings.add("empty-overview", id, "the overview is empty".into(), None);
        }
        if unit.urn.trim().is_empty() {
            findings.add("missing-urn", id, "the URN is empty".into(), None);
        }
        let m = &unit.metadata;
        if m.status == Some(Status::Tailored) && m.original_urn.trim().is_empty() {
            findings.add(
                "tailored-without-original",
                id,
                "status is Tailored but the original URN is empty".into(),
                None,
            );
        }
        if let (Some(review), Some(today)) = (m.indicative_review_date, context.today) {
            if review < today {
                findings.add(
                    "review-date-passed",
                    id,
                    format!("the indicative review date {review} has passed"),
                    None,
                );
            }
        }
        if m.validity == Some(Validity::Legacy) {
            findings.add("legacy-unit", id, "validity is Legacy".into(), None);
        }
        let missing: Vec<&str> = [
            (m.validity.is_none(), "Validity"),
            (m.status.is_none(), "Status"),
            (m.category.is_none(), "NOS category"),
        ]
        .into_iter()
        .filter_map(|(absent, name)| absent.then_some(name))
        .collect();
        if !missing.is_empty() {
            findings.add(
                "missing-required-metadata",
                id,
                format!("missing: {}", missing.join(", ")),
                None,
            );
        }
    }
}

/// The key under which two titles count as the same.
pub(super) fn normalise_title(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The finding of `rule` (`duplicate-urn` or `duplicate-title`) on `id`, one of `group` (two or
/// more units sharing a URN or title, in id order).
pub(super) fn duplicate(
    map: &FunctionalMap,
    rule: &'static str,
    id: NodeId,
    group: &BTreeSet<NodeId>,
    findings: &mut Findings,
) {
    let others: Vec<String> = group
        .iter()
        .filter(|&&o| o != id)
        .map(|&o| map.describe(o))
        .collect();
    let what = if rule == "duplicate-urn" {
        "URN"
    } else {
        "title"
    };
    findings.add(
        rule,
        id,
        format!("the same {what} as {}", others.join(", ")),
        None,
    );
}
