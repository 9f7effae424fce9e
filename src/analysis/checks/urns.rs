//! Rules about URNs: their shape (one note per suite) and their organisation prefix, plus the key
//! that makes two spellings of one URN count as duplicates.
//!
//! The shapes accepted are those the 2019 NOS database uses in quantity (nos-domain.md §3.4):
//! `LANACT3`, `LSI CM01`, `EUS GNC017`, `SFS CVT 8`, `PPL 4HK54`, `PPL.C224`, `CFAM&LDB6`,
//! `CFAM_LBA4`, `COGSCIM4_16`, `COGLATA4-05`, `EUSDSG3.18`, `LSICLD1.2.1 v2`, `PPL 1GEN4/09`,
//! `SKAGH20 (2)`, `SFHCI.N`, `ASTLLCH`… A published URN's spaces are part of it: the database and
//! its web addresses spell it that way, so no fix ever takes one out.

use std::collections::{BTreeMap, HashMap};

use super::{Findings, Fix};
use crate::edit::Edit;
use crate::model::{FunctionalMap, Node, NodeId, Unit};

/// The URN without spaces and invisible characters: two spellings of one URN share this key.
pub(super) fn urn_key(urn: &str) -> String {
    urn.chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .collect()
}

/// Characters that do not show but end up in URNs pasted from PDFs and web pages.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Separators the catalogue uses inside a URN's parts.
fn is_separator(c: char) -> bool {
    matches!(c, '&' | '_' | '.' | '-' | '/')
}

/// Trailing file extensions: a file name where a URN belongs (`SUMBSE04.pdf`).
const FILE_EXTENSIONS: [&str; 4] = [".pdf", ".doc", ".docx", ".rtf"];

/// Letters and digits joined by single separators, starting and ending with a letter or digit.
fn is_word(part: &str) -> bool {
    let mut previous_separator = true; // no separator first
    for c in part.chars() {
        if is_separator(c) {
            if previous_separator {
                return false;
            }
            previous_separator = true;
        } else if c.is_ascii_alphanumeric() {
            previous_separator = false;
        } else {
            return false;
        }
    }
    !previous_separator
}

/// Letters only (no digit), all capitals: a suite code such as `CVT`, or a unit lettered instead
/// of numbered (`ASTLLCH`).
fn capitals(part: &str) -> usize {
    if part
        .chars()
        .all(|c| c.is_ascii_uppercase() || is_separator(c))
    {
        part.chars().filter(char::is_ascii_uppercase).count()
    } else {
        0
    }
}

/// A revision in brackets after the URN: `SKAGH20 (2)`.
fn is_bracketed_number(part: &str) -> bool {
    part.strip_prefix('(')
        .and_then(|p| p.strip_suffix(')'))
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Units lettered instead of numbered have at least this many capitals (`SFHCIH`, `CFAMCF`);
/// fewer is a bare prefix or a placeholder such as `TBC`.
const MIN_LETTERED_URN: usize = 6;

/// Up to three parts separated by single spaces: a word starting with a letter, then words that
/// hold a digit or are short capitals (`SFS CVT 8`, `LSICLD5.4.1 v2`), or a bracketed revision
/// last. The whole holds a digit, or is one lettered code of six or more capitals.
pub(super) fn urn_has_shape(urn: &str) -> bool {
    let lower = urn.to_ascii_lowercase();
    if FILE_EXTENSIONS.iter().any(|ext| lower.ends_with(ext)) {
        return false;
    }
    let parts: Vec<&str> = urn.split(' ').collect();
    let Some((first, rest)) = parts.split_first() else {
        return false;
    };
    if parts.len() > 3 || !first.starts_with(|c: char| c.is_ascii_alphabetic()) || !is_word(first) {
        return false;
    }
    let last = rest.len().saturating_sub(1);
    let rest_ok = rest.iter().enumerate().all(|(i, part)| {
        (i == last && is_bracketed_number(part))
            || (is_word(part)
                && (part.chars().any(|c| c.is_ascii_digit()) || (2..=5).contains(&capitals(part))))
    });
    let numbered = urn.chars().any(|c| c.is_ascii_digit());
    rest_ok && (numbered || (parts.len() == 1 && capitals(first) >= MIN_LETTERED_URN))
}

/// The URN as it was surely meant: invisible characters out, other white space (a no-break
/// space) made a plain space, runs of spaces made one, ends trimmed. Spaces between the parts
/// stay: they belong to the published URN.
fn tidied(urn: &str) -> String {
    urn.chars()
        .filter(|c| !is_invisible(*c))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which suite a unit belongs to, for grouping notes: the first suite its metadata names, or
/// else the function it first sits under (a drafted map's units are placed, not yet listed).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Suite {
    Named(String),
    Under(NodeId),
}

fn suite_of(unit: &Unit, first_parent: Option<NodeId>) -> Option<Suite> {
    match unit.metadata.suites.iter().find(|s| !s.trim().is_empty()) {
        Some(name) => Some(Suite::Named(name.trim().to_string())),
        None => first_parent.map(Suite::Under),
    }
}

/// One `urn-shape` finding per suite, on the first unit (in map order) whose URN has an odd
/// shape; the message counts and names the others. An empty URN is `missing-urn`'s business.
pub(super) fn check_urn_shapes(
    map: &FunctionalMap,
    walk: &[(Option<NodeId>, NodeId)],
    findings: &mut Findings,
) {
    let mut seen = std::collections::HashSet::new();
    // Suites in the order their first odd unit appears, each with its odd units in map order.
    let mut order: Vec<Option<Suite>> = Vec::new();
    let mut odd: HashMap<Option<Suite>, Vec<(NodeId, &Unit)>> = HashMap::new();
    for &(parent, id) in walk {
        let Some(unit) = map.unit(id) else { continue };
        if !seen.insert(id) || unit.urn.trim().is_empty() || urn_has_shape(&unit.urn) {
            continue;
        }
        let suite = suite_of(unit, parent);
        let group = odd.entry(suite.clone()).or_default();
        if group.is_empty() {
            order.push(suite);
        }
        group.push((id, unit));
    }
    for suite in order {
        let Some(units) = odd.get(&suite) else {
            continue;
        };
        let Some(&(id, unit)) = units.first() else {
            continue;
        };
        findings.add("urn-shape", id, message(unit, &units[1..]), fix(id, unit));
    }
}

/// How many other URNs of the suite are named in a note before "…".
const NAMED_OTHERS: usize = 3;

fn message(unit: &Unit, others: &[(NodeId, &Unit)]) -> String {
    let tidy = tidied(&unit.urn);
    let why = if tidy != unit.urn && urn_has_shape(&tidy) {
        "it holds invisible characters or stray spaces"
    } else {
        "it is not shaped like a published URN (letters, then a number)"
    };
    let mut text = format!("URN {:?}: {why}", unit.urn);
    if !others.is_empty() {
        let named: Vec<String> = others
            .iter()
            .take(NAMED_OTHERS)
            .map(|(_, u)| format!("{:?}", u.urn))
            .collect();
        let more = if others.len() > NAMED_OTHERS {
            ", …"
        } else {
            ""
        };
        let units = if others.len() == 1 { "unit" } else { "units" };
        text.push_str(&format!(
            "; {} more {units} in this suite too: {}{more}",
            others.len(),
            named.join(", ")
        ));
    }
    text
}

/// The tidied URN, where tidying alone gives it a published shape.
fn fix(id: NodeId, unit: &Unit) -> Option<Fix> {
    let tidy = tidied(&unit.urn);
    (tidy != unit.urn && urn_has_shape(&tidy)).then(|| {
        let mut fixed = unit.clone();
        fixed.urn = tidy.clone();
        Fix {
            label: format!("Change the URN to {tidy}"),
            edit: Edit::SetNode {
                id,
                node: Node::Unit(Box::new(fixed)),
            },
        }
    })
}

/// The first three letters of a URN: the developing organisation's prefix.
fn organisation_prefix(urn: &str) -> Option<String> {
    let prefix: String = urn.chars().take(3).collect();
    (prefix.len() == 3 && prefix.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| prefix.to_ascii_uppercase())
}

/// Whether a unit's URN takes part in the `urn-shape` rule: not empty, and oddly shaped.
pub(super) fn is_odd(unit: &Unit) -> bool {
    !unit.urn.trim().is_empty() && !urn_has_shape(&unit.urn)
}

/// The organisation prefix of a unit's URN, where it has one.
pub(super) fn prefix_of(unit: &Unit) -> Option<String> {
    organisation_prefix(&urn_key(&unit.urn))
}

/// `urn-prefix` findings from every unit's prefix (units without one left out), in id order.
pub(super) fn check_urn_prefixes(
    prefixes: &std::collections::BTreeMap<NodeId, String>,
    findings: &mut Findings,
) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for prefix in prefixes.values() {
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
    for (id, prefix) in prefixes {
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
            "LSI CM01",
            "SFS CVT 8",
            "LSICLD5.4.1 v2",
            "SKAGH20 (2)",
            "PPL 1GEN4/09",
            "PPL.C224",
            "COGBENG-06",
            "SFHCI.N",
            "ASTLLCH",
            "SFJ 6.13.8",
        ] {
            assert!(urn_has_shape(good), "{good}");
        }
        for bad in [
            "ESKITU032\u{200B}",
            "12345",
            "CFAML",
            "TBC",
            "[URN]",
            "IMIAEMEI06]",
            "SEMME3- 34",
            "LSI  CM01",
            " LSI CM01",
            "SFL247 End of task procedures",
            "ECIPMB5Determine project scope",
            "PPLFDC03 - Check and operate flight instruments",
            "aviation problems, problem solving, information",
            "SUMBSE04.pdf",
            "(2)",
            "",
        ] {
            assert!(!urn_has_shape(bad), "{bad:?}");
        }
        assert_eq!(urn_key("LSI CM01"), "LSICM01");
        assert_eq!(urn_key("ESKITU032\u{200B}"), "ESKITU032");
        assert_eq!(tidied(" LSI\u{00A0}\u{00A0}CM01\u{200B} "), "LSI CM01");
    }
}
