//! Rules about units: mandatory sections, uniqueness and metadata (URN shapes: `urns.rs`).

use std::collections::BTreeMap;

use super::{CheckContext, Findings, urns};
use crate::model::{FunctionalMap, NodeId, StatementList, Status, Unit, Validity};

pub(super) fn check(map: &FunctionalMap, context: &CheckContext, findings: &mut Findings) {
    let units: Vec<(NodeId, &Unit)> = map.units().collect();
    for &(id, unit) in &units {
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
    check_duplicates(
        map,
        &units,
        "duplicate-urn",
        |u| urns::urn_key(&u.urn),
        findings,
    );
    check_duplicates(
        map,
        &units,
        "duplicate-title",
        |u| normalise_title(&u.title),
        findings,
    );
    urns::check_urn_shapes(map, findings);
    urns::check_urn_prefixes(&units, findings);
}

fn normalise_title(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn check_duplicates(
    map: &FunctionalMap,
    units: &[(NodeId, &Unit)],
    rule: &'static str,
    key: impl Fn(&Unit) -> String,
    findings: &mut Findings,
) {
    let mut groups: BTreeMap<String, Vec<NodeId>> = BTreeMap::new();
    for &(id, unit) in units {
        let k = key(unit);
        if !k.is_empty() {
            groups.entry(k).or_default().push(id);
        }
    }
    for ids in groups.values().filter(|ids| ids.len() > 1) {
        for &id in ids {
            let others: Vec<String> = ids
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
    }
}
