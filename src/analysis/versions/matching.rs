//! Which node of one version is which node of the other.
//!
//! Ids first, when the two maps share their history (most id-paired nodes still say the same
//! thing); then, for nodes re-created under a new id or maps built apart, by URN, by function
//! code, by exact title, and last by title words and children in common. A pair is always one
//! node with one node: nothing is grouped by chaining.

use std::collections::{HashMap, HashSet};

use crate::model::{FunctionalMap, Node, NodeId, NodeKind};

/// Node pairs between an old and a new version.
#[derive(Clone, Debug, Default)]
pub struct Matching {
    old_to_new: HashMap<NodeId, NodeId>,
    new_to_old: HashMap<NodeId, NodeId>,
    /// True when the two maps share their ids (one descends from the other): ids paired nodes and
    /// statement ids are trusted too.
    pub shared_ids: bool,
}

impl Matching {
    /// The new version's node for an old one.
    pub fn new_of(&self, old: NodeId) -> Option<NodeId> {
        self.old_to_new.get(&old).copied()
    }

    /// The old version's node for a new one.
    pub fn old_of(&self, new: NodeId) -> Option<NodeId> {
        self.new_to_old.get(&new).copied()
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.old_to_new.len()
    }

    /// True when nothing paired.
    pub fn is_empty(&self) -> bool {
        self.old_to_new.is_empty()
    }

    fn pair(&mut self, old: NodeId, new: NodeId) {
        self.old_to_new.insert(old, new);
        self.new_to_old.insert(new, old);
    }
}

/// Pairs the nodes of `old` and `new`.
pub fn match_nodes(old: &FunctionalMap, new: &FunctionalMap) -> Matching {
    let mut matching = Matching {
        shared_ids: ids_are_shared(old, new),
        ..Matching::default()
    };
    matching.pair(old.root(), new.root());
    if matching.shared_ids {
        for (id, node) in old.nodes() {
            if let Some(other) = new.node(id)
                && other.kind() == node.kind()
                && id != old.root()
            {
                matching.pair(id, id);
            }
        }
    }
    pair_by_key(old, new, &mut matching, |node| match node {
        Node::Unit(unit) => non_empty(normal_urn(&unit.urn)),
        _ => None,
    });
    pair_by_key(old, new, &mut matching, |node| match node {
        Node::Function(function) => non_empty(function.code.trim().to_lowercase())
            .map(|code| format!("{code}|{}", normal_title(&function.title))),
        _ => None,
    });
    pair_by_key(old, new, &mut matching, |node| match node {
        Node::Function(function) => non_empty(function.code.trim().to_lowercase()),
        _ => None,
    });
    pair_by_key(old, new, &mut matching, |node| match node {
        Node::KeyPurpose(_) => None,
        other => non_empty(format!(
            "{:?}|{}",
            other.kind(),
            normal_title(other.title())
        )),
    });
    pair_by_similarity(old, new, &mut matching);
    matching
}

/// Two maps share their ids when most nodes under one id in both say the same thing (a URN, a
/// code or a title in common); maps built apart number their nodes alike by chance.
fn ids_are_shared(old: &FunctionalMap, new: &FunctionalMap) -> bool {
    let mut both = 0usize;
    let mut agree = 0usize;
    for (id, node) in old.nodes() {
        let Some(other) = new.node(id) else { continue };
        if id == old.root() {
            continue;
        }
        both += 1;
        let same = match (node, other) {
            // The same text needs no normalising (most nodes of two versions).
            (Node::Unit(a), Node::Unit(b)) => {
                a.urn == b.urn && !a.urn.trim().is_empty()
                    || a.title == b.title
                    || (!a.urn.trim().is_empty() && normal_urn(&a.urn) == normal_urn(&b.urn))
                    || normal_title(&a.title) == normal_title(&b.title)
            }
            (Node::Function(a), Node::Function(b)) => {
                a.title == b.title
                    || (!a.code.trim().is_empty() && a.code.trim() == b.code.trim())
                    || normal_title(&a.title) == normal_title(&b.title)
            }
            _ => false,
        };
        agree += usize::from(same);
    }
    if both == 0 {
        // A map that is only its key purpose may be where the other began.
        return old.root() == new.root() && (old.len() == 1 || new.len() == 1);
    }
    agree * 2 >= both
}

fn non_empty(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// A URN as compared: no spaces, upper case.
pub(crate) fn normal_urn(urn: &str) -> String {
    urn.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// A title as compared: lower case, one space between words.
pub(crate) fn normal_title(title: &str) -> String {
    title
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pairs still-unpaired nodes whose key is the same and unique on both sides.
fn pair_by_key(
    old: &FunctionalMap,
    new: &FunctionalMap,
    matching: &mut Matching,
    key: impl Fn(&Node) -> Option<String>,
) {
    let index = |map: &FunctionalMap, paired: &dyn Fn(NodeId) -> bool| {
        let mut by_key: HashMap<String, Vec<NodeId>> = HashMap::new();
        for (id, node) in map.nodes().filter(|(id, _)| !paired(*id)) {
            if let Some(k) = key(node) {
                by_key.entry(k).or_default().push(id);
            }
        }
        by_key
    };
    let old_keys = index(old, &|id| matching.new_of(id).is_some());
    let new_keys = index(new, &|id| matching.old_of(id).is_some());
    let mut pairs: Vec<(NodeId, NodeId)> = old_keys
        .iter()
        .filter_map(
            |(k, olds)| match (olds.as_slice(), new_keys.get(k).map(Vec::as_slice)) {
                ([o], Some([n])) => Some((*o, *n)),
                _ => None,
            },
        )
        .collect();
    pairs.sort();
    for (o, n) in pairs {
        matching.pair(o, n);
    }
}

/// The last pass: title words in common and, for functions, children already paired. Best
/// scores first; a pair needs at least half of its words or children in common.
fn pair_by_similarity(old: &FunctionalMap, new: &FunctionalMap, matching: &mut Matching) {
    for kind in [NodeKind::Unit, NodeKind::Function] {
        let olds: Vec<NodeId> = unpaired(old, kind, |id| matching.new_of(id).is_some());
        let news: Vec<NodeId> = unpaired(new, kind, |id| matching.old_of(id).is_some());
        if olds.is_empty() || news.is_empty() {
            continue;
        }
        // Candidate pairs share a title word that few nodes have, or (functions) a child.
        let mut postings: HashMap<String, Vec<NodeId>> = HashMap::new();
        for &id in &news {
            for word in words(new.node(id).map_or("", Node::title)) {
                postings.entry(word).or_default().push(id);
            }
        }
        let mut scored: Vec<(u32, NodeId, NodeId)> = Vec::new();
        for &o in &olds {
            let mut candidates: HashSet<NodeId> = HashSet::new();
            for word in words(old.node(o).map_or("", Node::title)) {
                if let Some(list) = postings.get(&word).filter(|l| l.len() <= 50) {
                    candidates.extend(list);
                }
            }
            for &child in old.children(o) {
                if let Some(nc) = matching.new_of(child) {
                    candidates.extend(new.parents(nc).into_iter().filter(|p| news.contains(p)));
                }
            }
            for n in candidates {
                let score = similarity(old, new, matching, o, n);
                if score >= 0.5 {
                    scored.push(((score * 1e6) as u32, o, n));
                }
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        for (_, o, n) in scored {
            if matching.new_of(o).is_none() && matching.old_of(n).is_none() {
                matching.pair(o, n);
            }
        }
    }
}

fn unpaired(map: &FunctionalMap, kind: NodeKind, paired: impl Fn(NodeId) -> bool) -> Vec<NodeId> {
    map.nodes()
        .filter(|(id, node)| node.kind() == kind && !paired(*id))
        .map(|(id, _)| id)
        .collect()
}

fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect()
}

/// Title words in common (Jaccard) and, for nodes with children, the share of children paired
/// with each other.
fn similarity(
    old: &FunctionalMap,
    new: &FunctionalMap,
    matching: &Matching,
    o: NodeId,
    n: NodeId,
) -> f64 {
    let (a, b) = (
        words(old.node(o).map_or("", Node::title)),
        words(new.node(n).map_or("", Node::title)),
    );
    let union = a.union(&b).count();
    let title = if union == 0 {
        0.0
    } else {
        a.intersection(&b).count() as f64 / union as f64
    };
    let (old_children, new_children) = (old.children(o), new.children(n));
    if old_children.is_empty() && new_children.is_empty() {
        return title;
    }
    let common = old_children
        .iter()
        .filter(|&&c| {
            matching
                .new_of(c)
                .is_some_and(|nc| new_children.contains(&nc))
        })
        .count();
    let children = common as f64 / old_children.len().max(new_children.len()) as f64;
    0.4 * title + 0.6 * children
}
