//! Rules about units: mandatory sections, uniqueness, URNs and metadata.

use std::collections::{BTreeMap, HashMap};

use super::{CheckContext, Findings, Fix};
use crate::edit::Edit;
use crate::model::{FunctionalMap, Node, NodeId, StatementList, Status, Unit, Validity};

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
        check_urn_shape(id, unit, findings);
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
        |u| clean_urn(&u.urn),
        findings,
    );
    check_duplicates(
        map,
        &units,
        "duplicate-title",
        |u| normalise_title(&u.title),
        findings,
    );
    check_urn_prefixes(&units, findings);
}

/// The URN without spaces and invisible characters, as the database meant it.
fn clean_urn(urn: &str) -> String {
    urn.chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .collect()
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00A0}'
    )
}

fn normalise_title(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Letters (with `&` or `_` inside the prefix), then a digit, then digits, letters, dots or dashes.
fn urn_has_shape(urn: &str) -> bool {
    let mut chars = urn.chars().peekable();
    if !chars.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let prefix_ok = chars
        .by_ref()
        .take_while(|c| !c.is_ascii_digit())
        .all(|c| c.is_ascii_alphabetic() || c == '&' || c == '_');
    let has_digit = urn.chars().any(|c| c.is_ascii_digit());
    let rest = urn.trim_start_matches(|c: char| !c.is_ascii_digit());
    prefix_ok
        && has_digit
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

fn check_urn_shape(id: NodeId, unit: &Unit, findings: &mut Findings) {
    if unit.urn.trim().is_empty() {
        findings.add("urn-shape", id, "the URN is empty".into(), None);
        return;
    }
    if urn_has_shape(&unit.urn) {
        return;
    }
    let cleaned = clean_urn(&unit.urn);
    let fix = (cleaned != unit.urn && urn_has_shape(&cleaned)).then(|| {
        let mut fixed = unit.clone();
        fixed.urn = cleaned.clone();
        Fix {
            label: format!("Change the URN to {cleaned}"),
            edit: Edit::SetNode {
                id,
                node: Node::Unit(Box::new(fixed)),
            },
        }
    });
    let why = if cleaned != unit.urn {
        "it holds spaces or invisible characters"
    } else {
        "it is not letters followed by digits"
    };
    findings.add("urn-shape", id, format!("URN {:?}: {why}", unit.urn), fix);
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

/// The first three letters of a URN: the developing organisation's prefix.
fn organisation_prefix(urn: &str) -> Option<String> {
    let prefix: String = urn.chars().take(3).collect();
    (prefix.len() == 3 && prefix.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| prefix.to_ascii_uppercase())
}

fn check_urn_prefixes(units: &[(NodeId, &Unit)], findings: &mut Findings) {
    let prefixes: Vec<(NodeId, String)> = units
        .iter()
        .filter_map(|&(id, u)| organisation_prefix(&clean_urn(&u.urn)).map(|p| (id, p)))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, prefix) in &prefixes {
        *counts.entry(prefix.as_str()).or_default() += 1;
    }
    // Only a clear majority makes a convention worth pointing out.
    let Some((&majority, &count)) = counts
        .iter()
        .max_by_key(|&(p, c)| (*c, std::cmp::Reverse(*p)))
    else {
        return;
    };
    if count < 2 || count * 2 <= prefixes.len() {
        return;
    }
    for (id, prefix) in &prefixes {
        if prefix != majority {
            findings.add(
                "urn-prefix",
                *id,
                format!("prefix {prefix} differs from {majority}, used by {count} of the map's {} units", prefixes.len()),
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urn_shapes_seen_in_the_catalogue() {
        for good in [
            "CFAMLA1",
            "CFAM&LDC2",
            "CFABAA213c",
            "COGPIO4.6",
            "ESKITU010",
            "CFAM_LBA3",
        ] {
            assert!(urn_has_shape(good), "{good}");
        }
        for bad in [
            "LSI CM01",
            "ESKITU032\u{200B}",
            "12345",
            "CFAML",
            "[URN]",
            "LSICLD5.4.1 v2",
            "",
        ] {
            assert!(!urn_has_shape(bad), "{bad:?}");
        }
        assert_eq!(clean_urn("LSI CM01"), "LSICM01");
        assert_eq!(clean_urn("ESKITU032\u{200B}"), "ESKITU032");
    }
}
