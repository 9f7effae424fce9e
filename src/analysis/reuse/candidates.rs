//! Candidate cross-cutting themes beyond the defined ones: phrases (two content words next to
//! each other in unit titles, such as “health … safety”) that many organisations' units share,
//! phrases whose units largely coincide merged into one candidate. A unit joins a candidate
//! because its own title holds one of the phrases, never through another unit.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::corpus::Corpus;
use super::themes::ThemeSet;
use crate::analysis::checks::verbs::NOS_VERBS;
use crate::analysis::similar::tokens;
use crate::edit::Edit;
use crate::model::{FunctionalMap, MapMeta, Node, Rgb, Theme};

/// One suggested theme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Named by its most shared phrase as titles write it (“health and safety”).
    pub name: String,
    /// The phrases (word pairs) that define it, most widespread first.
    pub terms: Vec<String>,
    /// Corpus units (one per URN) whose titles hold a phrase.
    pub units: Vec<usize>,
    /// Units per organisation, most first.
    pub organisations: Vec<(String, usize)>,
}

/// How many organisations a phrase must reach, and how many candidates to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CandidateOptions {
    pub min_organisations: usize,
    pub max_candidates: usize,
}

impl Default for CandidateOptions {
    fn default() -> Self {
        Self {
            min_organisations: 6,
            max_candidates: 25,
        }
    }
}

/// Suggests themes that recur across organisations and are not mostly inside `themes` already.
pub fn candidate_themes(
    corpus: &Corpus,
    themes: &[ThemeSet],
    options: &CandidateOptions,
) -> Vec<Candidate> {
    // One unit per URN: the catalogue repeats a unit on several rows.
    let mut seen = BTreeSet::new();
    let units: Vec<usize> = (0..corpus.units.len())
        .filter(|&i| {
            let key = &corpus.units[i].urn_key;
            key.is_empty() || seen.insert(key.clone())
        })
        .collect();
    // Each theme's names put in compared form once, not once per unit.
    let matchers: Vec<_> = themes.iter().map(ThemeSet::matcher).collect();
    let in_theme: Vec<bool> = units
        .iter()
        .map(|&i| {
            matchers
                .iter()
                .any(|m| m.membership(&corpus.units[i]).is_some())
        })
        .collect();
    let mut by_phrase: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, &i) in units.iter().enumerate() {
        let words = tokens(&super::normal::title(&corpus.units[i].title));
        let mut phrases = BTreeSet::new();
        for pair in words.windows(2) {
            if pair[0] != pair[1] && is_subject(&pair[0], &pair[1]) {
                phrases.insert(format!("{} {}", pair[0], pair[1]));
            }
        }
        for phrase in phrases {
            by_phrase.entry(phrase).or_default().push(k);
        }
    }
    let mut phrases: Vec<(String, Vec<usize>, usize)> = by_phrase
        .into_iter()
        .filter_map(|(phrase, ks)| {
            let orgs: BTreeSet<&str> = ks
                .iter()
                .map(|&k| corpus.units[units[k]].developer.as_str())
                .filter(|d| !d.is_empty())
                .collect();
            let themed = ks.iter().filter(|&&k| in_theme[k]).count();
            (orgs.len() >= options.min_organisations && themed * 2 < ks.len()).then_some((
                phrase,
                ks,
                orgs.len(),
            ))
        })
        .collect();
    phrases.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then(b.1.len().cmp(&a.1.len()))
            .then(a.0.cmp(&b.0))
    });
    let mut groups: Vec<(Vec<String>, BTreeSet<usize>)> = Vec::new();
    for (phrase, ks, _) in phrases {
        let set: BTreeSet<usize> = ks.into_iter().collect();
        let joined = groups.iter_mut().find(|(_, members)| {
            let common = members.intersection(&set).count();
            // Most of the smaller side is in the larger: the same subject in other words.
            common * 5 >= set.len().min(members.len()) * 3
        });
        match joined {
            Some((terms, members)) => {
                terms.push(phrase);
                members.extend(set);
            }
            None => groups.push((vec![phrase], set)),
        }
    }
    groups
        .sort_by_key(|(_, members)| std::cmp::Reverse(organisation_count(corpus, &units, members)));
    groups
        .into_iter()
        .take(options.max_candidates)
        .map(|(terms, members)| {
            let members: Vec<usize> = members.into_iter().map(|k| units[k]).collect();
            let mut per_org: BTreeMap<&str, usize> = BTreeMap::new();
            for &i in &members {
                *per_org
                    .entry(corpus.units[i].developer.as_str())
                    .or_default() += 1;
            }
            let mut organisations: Vec<(String, usize)> = per_org
                .into_iter()
                .filter(|(o, _)| !o.is_empty())
                .map(|(o, n)| (o.to_string(), n))
                .collect();
            organisations.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            Candidate {
                name: phrase_as_written(corpus, &members, &terms[0]),
                terms,
                units: members,
                organisations,
            }
        })
        .collect()
}

/// Whether two adjacent title words can name a subject (“health safety”, “customer service”)
/// rather than an action (“develop maintain”, “provide information”) or a generic place
/// (“work area”).
fn is_subject(first: &str, second: &str) -> bool {
    const GENERIC: &[&str] = &[
        "area",
        "areas",
        "work",
        "own",
        "others",
        "responsibility",
        "activities",
        "operations",
        "requirements",
        "team",
        "teams",
        "organisation",
        "organisations",
        "quality",
        "progress",
        "role",
        "plans",
        "practice",
        "processes",
        "procedures",
        "systems",
        "new",
        "effective",
        "contribute",
        "ensure",
        "sure",
        "carry",
        "out",
        "use",
        "using",
        "related",
        "specified",
    ];
    let is_verb = |w: &str| NOS_VERBS.contains(&w);
    let is_generic = |w: &str| GENERIC.contains(&w);
    !is_verb(first) && !is_generic(first) && !is_generic(second) && !is_verb(second)
}

fn organisation_count(corpus: &Corpus, units: &[usize], members: &BTreeSet<usize>) -> usize {
    members
        .iter()
        .map(|&k| corpus.units[units[k]].developer.as_str())
        .collect::<BTreeSet<_>>()
        .len()
}

/// “health safety” as titles most often write it: “health and safety”.
fn phrase_as_written(corpus: &Corpus, members: &[usize], phrase: &str) -> String {
    let Some((first, second)) = phrase.split_once(' ') else {
        return phrase.to_string();
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for &i in members {
        let title = corpus.units[i].title.to_lowercase();
        let words: Vec<&str> = title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for (a, word) in words.iter().enumerate() {
            if *word != first {
                continue;
            }
            if let Some(b) = (a + 1..words.len().min(a + 4)).find(|&b| words[b] == second) {
                *counts.entry(words[a..=b].join(" ")).or_default() += 1;
                break;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map_or_else(|| phrase.to_string(), |(text, _)| text)
}

impl Candidate {
    /// The candidate as a theme: its units picked by hand, by URN.
    pub fn theme_set(&self, corpus: &Corpus) -> ThemeSet {
        let mut units: Vec<String> = self
            .units
            .iter()
            .map(|&i| corpus.units[i].urn.clone())
            .filter(|u| !u.is_empty())
            .collect();
        units.sort();
        units.dedup();
        ThemeSet {
            id: slug(&self.name),
            name: crate::analysis::capitalised(&self.name),
            units,
            ..ThemeSet::default()
        }
    }
}

/// The edits that adopt a theme in one map: the theme added to the map's themes (if new) and
/// every unit of the map whose URN the theme lists tagged with it. Empty when nothing changes.
pub fn adopt_in_map(map: &FunctionalMap, theme: &ThemeSet, colour: Rgb) -> Vec<Edit> {
    let mut edits = Vec::new();
    if !map.meta().themes.iter().any(|t| t.id == theme.id) {
        let mut meta: MapMeta = map.meta().clone();
        meta.themes.push(Theme {
            id: theme.id.clone(),
            name: theme.name.clone(),
            colour,
        });
        edits.push(Edit::SetMeta(meta));
    }
    let urns: BTreeSet<String> = theme.units.iter().map(|u| super::normal::urn(u)).collect();
    for (id, unit) in map.units() {
        if urns.contains(&super::normal::urn(&unit.urn)) && !unit.themes.contains(&theme.id) {
            let mut tagged = unit.clone();
            tagged.themes.push(theme.id.clone());
            edits.push(Edit::SetNode {
                id,
                node: Node::Unit(Box::new(tagged)),
            });
        }
    }
    edits
}

fn slug(name: &str) -> String {
    super::normal::name(name).replace(' ', "-")
}
