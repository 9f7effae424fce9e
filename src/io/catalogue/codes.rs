//! Short codes for the catalogue's developing organisations, so that `--branch LAN` names
//! Lantra's branch and `nosmap info --tree` shows something to type.
//!
//! An organisation's code is the three-letter prefix most of its units' URNs start with — the
//! organisation's own code in the database (LAN for Lantra, SFH for Skills for Health). Where two
//! organisations share a prefix, the one with more units under it keeps it (then by name). The
//! others, and organisations without URNs, take the initials of their name ("Skills for Care &
//! Development" → SFCD; a one-word name gives its first three letters, "Opito" → OPI), with 2, 3…
//! appended while the code is taken. Codes are unique within the map, never equal a unit's URN,
//! and depend only on the rows, not on their order.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::model::{FunctionalMap, Node, NodeId};

/// Gives every organisation (child of the root) of the catalogue map its code.
pub(super) fn assign_organisation_codes(map: &mut FunctionalMap) {
    let organisations: Vec<NodeId> = map.children(map.root()).to_vec();
    let mut taken: HashSet<String> = map
        .units()
        .map(|(_, unit)| unit.urn.to_ascii_uppercase())
        .collect();
    // Claimants of a prefix, strongest first: most units with it, then by name.
    let mut claims: Vec<(usize, String, String, NodeId)> = organisations
        .iter()
        .filter_map(|&org| {
            let (prefix, count) = majority_prefix(map, org)?;
            Some((count, title(map, org), prefix, org))
        })
        .collect();
    claims.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut codes: BTreeMap<NodeId, String> = BTreeMap::new();
    for (_, _, prefix, org) in claims {
        if taken.insert(prefix.clone()) {
            codes.insert(org, prefix);
        }
    }
    // The rest by name, so that who gets "SFJ2" does not depend on the order of the rows.
    let mut rest: Vec<(String, NodeId)> = organisations
        .iter()
        .filter(|org| !codes.contains_key(org))
        .map(|&org| (title(map, org), org))
        .collect();
    rest.sort();
    for (name, org) in rest {
        let base = initials(&name);
        let mut code = base.clone();
        let mut n = 2;
        while !taken.insert(code.clone()) {
            code = format!("{base}{n}");
            n += 1;
        }
        codes.insert(org, code);
    }
    for (org, code) in codes {
        if let Some(Node::Function(function)) = map.node_mut(org) {
            function.code = code;
        }
    }
}

fn title(map: &FunctionalMap, id: NodeId) -> String {
    map.node(id)
        .map(|n| n.title().to_string())
        .unwrap_or_default()
}

/// The most common three-letter URN prefix among the units below `org` (ties: alphabetical).
fn majority_prefix(map: &FunctionalMap, org: NodeId) -> Option<(String, usize)> {
    let units: BTreeSet<NodeId> = map
        .children(org)
        .iter()
        .flat_map(|&suite| map.children(suite).iter().copied())
        .collect();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for id in units {
        let Some(unit) = map.unit(id) else { continue };
        let prefix: String = unit.urn.chars().take(3).collect();
        if prefix.len() == 3 && prefix.chars().all(|c| c.is_ascii_alphabetic()) {
            *counts.entry(prefix.to_ascii_uppercase()).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
}

/// Capital initials of the words of `name` (a capital inside a word starts a new one:
/// "SkillsActive" → SA); a one-word name gives its first three letters or digits.
fn initials(name: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for c in name.chars() {
        let starts_word = c.is_alphanumeric()
            && previous
                .is_none_or(|p| !p.is_alphanumeric() || (p.is_lowercase() && c.is_uppercase()));
        if starts_word {
            out.extend(c.to_uppercase());
        }
        previous = Some(c);
    }
    if out.chars().count() >= 2 {
        return out;
    }
    let letters: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(3)
        .flat_map(char::to_uppercase)
        .collect();
    if letters.is_empty() {
        "ORG".into()
    } else {
        letters
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_of_organisation_names() {
        assert_eq!(initials("Skills for Care & Development"), "SFCD");
        assert_eq!(initials("SkillsActive"), "SA");
        assert_eq!(initials("(no developing organisation)"), "NDO");
        assert_eq!(initials("Opito"), "OPI");
        assert_eq!(initials("IMI"), "IMI");
        assert_eq!(initials("x"), "X");
        assert_eq!(initials("e-skills"), "ES");
        assert_eq!(initials("&"), "ORG");
    }
}
