//! The four mechanisms, run for every theme over one corpus.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::corpus::Corpus;
use super::crosswalk::{Crosswalk, PairKey};
use super::themes::{Matcher, ThemeSet};
use super::{Evidence, Mechanism, ReuseReport, Source, StatementMatch, Use, normal};
use crate::analysis::similar::{TfIdf, match_statements, similar_pairs};
use crate::model::Status;

/// What to look for.
#[derive(Clone, Debug, PartialEq)]
pub struct ReuseOptions {
    pub near_duplicates: bool,
    /// Score at which two units are suggested on their title, keywords and occupations (cosines
    /// weighted 0.7, 0.2, 0.1).
    pub metadata_threshold: f32,
    /// Cosine of title, overview and statements (units whose maps hold text).
    pub full_text_threshold: f32,
    /// Cosine at which two statements are shown side by side.
    pub statement_threshold: f32,
}

impl Default for ReuseOptions {
    fn default() -> Self {
        Self {
            near_duplicates: true,
            metadata_threshold: 0.6,
            full_text_threshold: 0.5,
            statement_threshold: 0.5,
        }
    }
}

/// Finds every use of every theme's units in the corpus, with decisions already taken applied.
pub fn analyse(
    corpus: &Corpus,
    themes: &[ThemeSet],
    crosswalk: &Crosswalk,
    options: &ReuseOptions,
) -> ReuseReport {
    let mut report = ReuseReport {
        themes: themes.to_vec(),
        suite_owners: suite_owners(corpus),
        ..ReuseReport::default()
    };
    let by_urn = index_by(corpus, |u| u.urn_key.as_str());
    let by_title = index_by(corpus, |u| u.title_key.as_str());
    let matchers: Vec<Matcher> = themes.iter().map(ThemeSet::matcher).collect();
    let mut membership = Vec::with_capacity(themes.len());
    for matcher in &matchers {
        let member: Vec<bool> = corpus
            .units
            .iter()
            .map(|u| matcher.membership(u).is_some())
            .collect();
        membership.push(member);
    }
    let mut conflicts = BTreeSet::new();
    for (t, theme) in matchers.iter().enumerate() {
        let member = &membership[t];
        let reps = representatives(corpus, theme, member);
        report.members.push(reps.clone());
        let mut found = Vec::new();
        same_urn(corpus, theme, t, &reps, &by_urn, &mut found, &mut conflicts);
        original_urn(corpus, theme, t, &reps, member, &mut found);
        same_title(corpus, t, &reps, member, &by_title, &mut found);
        report.uses.extend(found);
    }
    if options.near_duplicates {
        near_duplicates(
            corpus,
            themes,
            &membership,
            &report.members,
            options,
            &mut report.uses,
        );
    }
    report.conflicting_titles = conflicts.into_iter().collect();
    for found in &mut report.uses {
        let key = PairKey::of(corpus, found);
        found.decision = crosswalk.decision(&key).cloned();
    }
    let label = |u: &Use| match &u.source {
        Source::Unit(i) => (0, corpus.units[*i].urn_key.clone(), *i),
        Source::Earlier(code) => (1, normal::urn(code), 0),
    };
    report.uses.sort_by(|a, b| {
        (a.theme, label(a), a.mechanism, a.using, &a.suite).cmp(&(
            b.theme,
            label(b),
            b.mechanism,
            b.using,
            &b.suite,
        ))
    });
    report
}

fn index_by<'a>(
    corpus: &'a Corpus,
    key: impl Fn(&'a super::CorpusUnit) -> &'a str,
) -> HashMap<&'a str, Vec<usize>> {
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, unit) in corpus.units.iter().enumerate() {
        let k = key(unit);
        if !k.is_empty() {
            index.entry(k).or_default().push(i);
        }
    }
    index
}

/// One unit per URN stands for the theme: the first record listed in one of the theme's
/// suites, else the first member. Members without a URN each stand for themselves.
fn representatives(corpus: &Corpus, theme: &Matcher, member: &[bool]) -> Vec<usize> {
    let mut chosen: HashMap<&str, usize> = HashMap::new();
    let mut reps = Vec::new();
    for (i, unit) in corpus.units.iter().enumerate() {
        if !member[i] {
            continue;
        }
        if unit.urn_key.is_empty() {
            reps.push(i);
            continue;
        }
        let in_suite = unit.suite_keys.iter().any(|s| theme.has_suite_key(s));
        match chosen.get(unit.urn_key.as_str()) {
            None => {
                chosen.insert(&unit.urn_key, i);
            }
            Some(&current) => {
                let current_in_suite = corpus.units[current]
                    .suite_keys
                    .iter()
                    .any(|s| theme.has_suite_key(s));
                if in_suite && !current_in_suite {
                    chosen.insert(&unit.urn_key, i);
                }
            }
        }
    }
    reps.extend(chosen.into_values());
    reps.sort_unstable();
    reps
}

fn plain_use(theme: usize, mechanism: Mechanism, source: Source, using: usize) -> Use {
    Use {
        theme,
        mechanism,
        source,
        using,
        suite: None,
        cited: None,
        tailored: false,
        score: 1.0,
        evidence: Evidence::default(),
        decision: None,
    }
}

/// Every record with a thematic unit's URN and title lists suites; each one outside the
/// theme is a use. A record with the URN but another title is a data error, reported apart.
fn same_urn(
    corpus: &Corpus,
    theme: &Matcher,
    t: usize,
    reps: &[usize],
    by_urn: &HashMap<&str, Vec<usize>>,
    found: &mut Vec<Use>,
    conflicts: &mut BTreeSet<(usize, usize)>,
) {
    for &rep in reps {
        let source = &corpus.units[rep];
        let Some(records) = by_urn.get(source.urn_key.as_str()) else {
            continue;
        };
        let mut seen = HashSet::new();
        for &record in records {
            let unit = &corpus.units[record];
            if !unit.title_key.is_empty()
                && !source.title_key.is_empty()
                && unit.title_key != source.title_key
            {
                conflicts.insert((rep, record));
                continue;
            }
            for (suite, key) in unit.suites.iter().zip(&unit.suite_keys) {
                if theme.has_suite_key(key) || !seen.insert(key.as_str()) {
                    continue;
                }
                let mut u = plain_use(t, Mechanism::SameUrn, Source::Unit(rep), record);
                u.evidence.summary = format!(
                    "{} lists the suite “{suite}” ({})",
                    unit.urn,
                    corpus.describe_place(record)
                );
                u.suite = Some(suite.clone());
                found.push(u);
            }
        }
    }
}

/// Codes an Original URN field cites: “CFABAD321, IMPOM210K” is two.
fn cited_codes(field: &str) -> impl Iterator<Item = &str> {
    field
        .split([',', ';', '/'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

/// Units outside the theme whose Original URN cites one of its units (or a code of an earlier
/// edition of it).
fn original_urn(
    corpus: &Corpus,
    theme: &Matcher,
    t: usize,
    reps: &[usize],
    member: &[bool],
    found: &mut Vec<Use>,
) {
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for &rep in reps {
        let key = corpus.units[rep].urn_key.as_str();
        if !key.is_empty() {
            by_key.entry(key).or_insert(rep);
        }
    }
    // One spelling per earlier code (“MSC A1”, “MSCA1” and “Unit MSC A1” are one code).
    let mut spelling: HashMap<String, String> = HashMap::new();
    for (i, unit) in corpus.units.iter().enumerate() {
        if member[i] || unit.original_urn.is_empty() {
            continue;
        }
        for code in cited_codes(&unit.original_urn) {
            let key = normal::urn(code);
            if key.is_empty() || key == unit.urn_key {
                continue;
            }
            let (source, how) = if let Some(&rep) = by_key.get(key.as_str()) {
                (Source::Unit(rep), "names")
            } else if let Some(rep) = resolve_by_ending(corpus, reps, &key) {
                (Source::Unit(rep), "matches the end of the URN of")
            } else if theme.earlier_code(&key) {
                let shown = spelling.entry(key.clone()).or_insert_with(|| {
                    let bare = code
                        .strip_prefix("Unit ")
                        .or_else(|| code.strip_prefix("unit "));
                    bare.unwrap_or(code).trim().to_string()
                });
                (
                    Source::Earlier(shown.clone()),
                    "is a code of an earlier edition of",
                )
            } else {
                continue;
            };
            let tailored = unit.status == Some(Status::Tailored);
            let target = match &source {
                Source::Unit(rep) => corpus.units[*rep].label(),
                Source::Earlier(_) => theme.theme.name.clone(),
            };
            let mut u = plain_use(t, Mechanism::OriginalUrn, source, i);
            u.cited = Some(code.to_string());
            u.tailored = tailored;
            u.evidence.summary = format!(
                "{}'s Original URN “{code}” {how} {target}{} ({})",
                unit.urn,
                if tailored { "; Status: Tailored" } else { "" },
                corpus.describe_place(i)
            );
            found.push(u);
        }
    }
}

/// “BAA611” cited for CFABAA611: the code is the end of exactly one thematic URN. Short codes
/// (“A1”) say too little to resolve.
fn resolve_by_ending(corpus: &Corpus, reps: &[usize], key: &str) -> Option<usize> {
    if key.len() < 5 || !key.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut matches = reps
        .iter()
        .copied()
        .filter(|&r| corpus.units[r].urn_key.ends_with(key));
    let first = matches.next()?;
    let other = matches.find(|&r| corpus.units[r].urn_key != corpus.units[first].urn_key);
    other.is_none().then_some(first)
}

/// Units outside the theme with a thematic unit's title under another URN and no link.
fn same_title(
    corpus: &Corpus,
    t: usize,
    reps: &[usize],
    member: &[bool],
    by_title: &HashMap<&str, Vec<usize>>,
    found: &mut Vec<Use>,
) {
    let linked: HashSet<(Source, usize)> = found
        .iter()
        .filter(|u| u.mechanism == Mechanism::OriginalUrn)
        .map(|u| (u.source.clone(), u.using))
        .collect();
    for &rep in reps {
        let source = &corpus.units[rep];
        let Some(records) = by_title.get(source.title_key.as_str()) else {
            continue;
        };
        for &record in records {
            let unit = &corpus.units[record];
            if member[record]
                || unit.urn_key == source.urn_key
                || linked.contains(&(Source::Unit(rep), record))
            {
                continue;
            }
            let mut u = plain_use(t, Mechanism::SameTitle, Source::Unit(rep), record);
            u.evidence.summary = format!(
                "{} “{}” and {} “{}” have the same title ({})",
                source.urn,
                source.title,
                unit.urn,
                unit.title,
                corpus.describe_place(record)
            );
            found.push(u);
        }
    }
}

/// Pairs of a thematic unit and a unit outside the theme whose wording is close, not already
/// linked another way. Title, keywords and occupations for every unit; title, overview and
/// statements for units whose maps hold them (with the matching statements side by side).
fn near_duplicates(
    corpus: &Corpus,
    themes: &[ThemeSet],
    membership: &[Vec<bool>],
    members: &[Vec<usize>],
    options: &ReuseOptions,
    uses: &mut Vec<Use>,
) {
    let mut linked: HashSet<(usize, usize, usize)> = HashSet::new();
    for u in uses.iter() {
        if let Source::Unit(rep) = u.source {
            linked.insert((u.theme, rep, u.using));
        }
    }
    // The thematic side is each theme's representative record: the catalogue repeats a unit
    // on rows of other suites with those suites' keywords and occupations, which would make
    // it look like their units.
    let mut is_rep = vec![vec![false; corpus.units.len()]; themes.len()];
    for (t, reps) in members.iter().enumerate() {
        for &r in reps {
            is_rep[t][r] = true;
        }
    }
    let any_member: Vec<bool> = (0..corpus.units.len())
        .map(|i| is_rep.iter().any(|m| m[i]))
        .collect();
    let metadata = MetadataModels::new(corpus);
    let title_floor = metadata.title_floor(options.metadata_threshold);
    let mut suggested: HashMap<(usize, usize, usize), Use> = HashMap::new();
    for pair in similar_pairs(&metadata.titles, title_floor, Some(&any_member)) {
        let (score, parts) = metadata.score(pair.a, pair.b, pair.score);
        if score < options.metadata_threshold {
            continue;
        }
        for (a, b) in [(pair.a, pair.b), (pair.b, pair.a)] {
            for t in 0..themes.len() {
                let Some(mut u) = suggestion(corpus, &membership[t], &is_rep[t], t, (a, b), score)
                else {
                    continue;
                };
                if linked.contains(&(t, rep_index(&u), u.using)) {
                    continue;
                }
                u.evidence.shared_terms = metadata.shared_terms(a, b);
                u.evidence.summary = format!(
                    "{:.0}% alike: title {:.0}%, keywords {:.0}%, occupations {:.0}% ({})",
                    score * 100.0,
                    parts[0] * 100.0,
                    parts[1] * 100.0,
                    parts[2] * 100.0,
                    corpus.describe_place(b)
                );
                suggested.insert((t, rep_index(&u), u.using), u);
            }
        }
    }
    // Full text, where both sides have it.
    let with_text: Vec<usize> = (0..corpus.units.len())
        .filter(|&i| corpus.units[i].full_text().is_some())
        .collect();
    if with_text.len() > 1 {
        let texts: Vec<String> = with_text
            .iter()
            .filter_map(|&i| corpus.units[i].full_text())
            .collect();
        let full = TfIdf::new(&texts);
        let eligible: Vec<bool> = with_text.iter().map(|&i| any_member[i]).collect();
        for pair in similar_pairs(&full, options.full_text_threshold, Some(&eligible)) {
            let (ga, gb) = (with_text[pair.a], with_text[pair.b]);
            for (a, b) in [(ga, gb), (gb, ga)] {
                for t in 0..themes.len() {
                    let Some(mut u) =
                        suggestion(corpus, &membership[t], &is_rep[t], t, (a, b), pair.score)
                    else {
                        continue;
                    };
                    let key = (t, rep_index(&u), u.using);
                    if linked.contains(&key) {
                        continue;
                    }
                    let (la, lb) = if a == ga {
                        (pair.a, pair.b)
                    } else {
                        (pair.b, pair.a)
                    };
                    u.evidence.shared_terms = full
                        .shared_terms(la, lb, 8)
                        .into_iter()
                        .map(|(w, _)| w)
                        .collect();
                    u.evidence.statements = side_by_side(corpus, &full, a, b, options);
                    u.evidence.summary = format!(
                        "full text {:.0}% alike, {} statements match ({})",
                        pair.score * 100.0,
                        u.evidence.statements.len(),
                        corpus.describe_place(b)
                    );
                    let keep = suggested
                        .get(&key)
                        .is_none_or(|old| old.evidence.statements.is_empty());
                    if keep {
                        suggested.insert(key, u);
                    }
                }
            }
        }
    }
    uses.extend(suggested.into_values());
}

/// Title, keywords and occupations, each its own TF-IDF space, scored together with the title
/// counting most: keywords and occupations often describe a whole suite rather than the unit.
struct MetadataModels {
    titles: TfIdf,
    keywords: TfIdf,
    occupations: TfIdf,
}

const WEIGHTS: [f32; 3] = [0.7, 0.2, 0.1];

impl MetadataModels {
    fn new(corpus: &Corpus) -> Self {
        let field = |f: &(dyn Fn(&super::CorpusUnit) -> String + Sync)| {
            TfIdf::new(&corpus.units.iter().map(f).collect::<Vec<String>>())
        };
        let (titles, (keywords, occupations)) = rayon::join(
            || field(&|u| u.title.clone()),
            || {
                rayon::join(
                    || field(&|u| u.keywords.join(" ; ")),
                    || field(&|u| u.occupations.join(" ; ")),
                )
            },
        );
        Self {
            titles,
            keywords,
            occupations,
        }
    }

    /// The title cosine below which no pair can reach `threshold` even with keywords and
    /// occupations identical: the search over titles at this floor misses nothing.
    fn title_floor(&self, threshold: f32) -> f32 {
        ((threshold - WEIGHTS[1] - WEIGHTS[2]) / WEIGHTS[0]).clamp(0.05, 1.0)
    }

    fn score(&self, a: usize, b: usize, title: f32) -> (f32, [f32; 3]) {
        let parts = [
            title,
            self.keywords.cosine(a, b),
            self.occupations.cosine(a, b),
        ];
        let score = parts.iter().zip(WEIGHTS).map(|(p, w)| p * w).sum();
        (score, parts)
    }

    fn shared_terms(&self, a: usize, b: usize) -> Vec<String> {
        let mut terms: Vec<String> = Vec::new();
        for model in [&self.titles, &self.keywords, &self.occupations] {
            for (word, _) in model.shared_terms(a, b, 8) {
                if !terms.contains(&word) {
                    terms.push(word);
                }
            }
        }
        terms.truncate(10);
        terms
    }
}

fn rep_index(u: &Use) -> usize {
    match u.source {
        Source::Unit(rep) => rep,
        Source::Earlier(_) => usize::MAX,
    }
}

/// `a` a representative of theme `t`, `b` outside it: the use of `a` by `b`.
fn suggestion(
    corpus: &Corpus,
    member: &[bool],
    is_rep: &[bool],
    t: usize,
    (a, b): (usize, usize),
    score: f32,
) -> Option<Use> {
    if !is_rep[a] || member[b] {
        return None;
    }
    let (ua, ub) = (&corpus.units[a], &corpus.units[b]);
    if (!ua.urn_key.is_empty() && ua.urn_key == ub.urn_key)
        || (!ua.title_key.is_empty() && ua.title_key == ub.title_key)
    {
        return None;
    }
    let mut u = plain_use(t, Mechanism::NearDuplicate, Source::Unit(a), b);
    u.score = score;
    Some(u)
}

fn side_by_side(
    corpus: &Corpus,
    model: &TfIdf,
    a: usize,
    b: usize,
    options: &ReuseOptions,
) -> Vec<StatementMatch> {
    let (ua, ub) = (&corpus.units[a], &corpus.units[b]);
    let ta: Vec<&str> = ua.statements.iter().map(|(_, t)| t.as_str()).collect();
    let tb: Vec<&str> = ub.statements.iter().map(|(_, t)| t.as_str()).collect();
    match_statements(model, &ta, &tb, options.statement_threshold)
        .into_iter()
        .map(|(i, j, score)| StatementMatch {
            source: ua.statements[i].clone(),
            using: ub.statements[j].clone(),
            score,
        })
        .collect()
}

/// The organisation that lists most units in each suite.
fn suite_owners(corpus: &Corpus) -> HashMap<String, String> {
    // Organisations compared by name (“Skills for justice” is Skills for Justice).
    let mut keys: HashMap<&str, String> = HashMap::new();
    let mut spellings: HashMap<String, HashMap<&str, usize>> = HashMap::new();
    let mut counts: HashMap<&str, HashMap<String, usize>> = HashMap::new();
    for unit in &corpus.units {
        if unit.developer.is_empty() {
            continue;
        }
        let key = keys
            .entry(unit.developer.as_str())
            .or_insert_with(|| normal::name(&unit.developer))
            .clone();
        *spellings
            .entry(key.clone())
            .or_default()
            .entry(unit.developer.trim())
            .or_default() += 1;
        for suite in &unit.suite_keys {
            *counts
                .entry(suite.as_str())
                .or_default()
                .entry(key.clone())
                .or_default() += 1;
        }
    }
    let shown: HashMap<String, &str> = spellings
        .into_iter()
        .filter_map(|(key, by)| {
            let most = by
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))?;
            Some((key, most.0))
        })
        .collect();
    counts
        .into_iter()
        .map(|(suite, by)| {
            let owner = by
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .and_then(|(key, _)| shown.get(&key).map(|s| s.to_string()))
                .unwrap_or_default();
            (suite.to_string(), owner)
        })
        .collect()
}
