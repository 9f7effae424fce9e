//! Rules about wording: verb-first statements and near-identical statements within a unit.

use super::verbs::not_verb_first;
use super::{Findings, Fix, level_word};
use crate::edit::Edit;
use crate::model::{
    FunctionalMap, Location, Node, NodeId, StatementId, StatementList, Unit, numbering,
};

/// Word-sequence similarity from which two statements count as near-identical.
const NEAR_DUPLICATE_SIMILARITY: f64 = 0.8;

/// The wording rules on one node.
pub(super) fn check_node(map: &FunctionalMap, id: NodeId, node: &Node, findings: &mut Findings) {
    {
        match node {
            Node::Function(function) => {
                verb_first(
                    Location::node(id),
                    &level_word(map, id),
                    &function.title,
                    findings,
                );
            }
            Node::Unit(unit) => {
                verb_first(Location::node(id), "title", &unit.title, findings);
                let labels = numbering(
                    StatementList::PerformanceCriteria,
                    &unit.performance_criteria,
                );
                for (statement, label) in unit.performance_criteria.iter().zip(&labels) {
                    if let Some(label) = label {
                        let at = Location::statement(id, statement.id);
                        verb_first(at, label, statement.text(), findings);
                    }
                }
                for list in [StatementList::PerformanceCriteria, StatementList::Knowledge] {
                    near_duplicates(id, unit, list, findings);
                }
            }
            Node::KeyPurpose(_) => {}
        }
    }
}

fn verb_first(at: Location, what: &str, text: &str, findings: &mut Findings) {
    if let Some(why) = not_verb_first(text) {
        findings.add_at(
            "verb-first",
            at,
            format!("{what} does not start with a verb: {why}"),
            None,
        );
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// 1 − (word-level edit distance ÷ length of the longer statement).
fn similarity(a: &[String], b: &[String]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, word_a) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, word_b) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(word_a != word_b);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    1.0 - previous[b.len()] as f64 / longer as f64
}

fn near_duplicates(id: NodeId, unit: &Unit, list: StatementList, findings: &mut Findings) {
    let statements = unit.statements(list);
    let labels = numbering(list, statements);
    let items: Vec<(StatementId, &str, Vec<String>)> = statements
        .iter()
        .zip(&labels)
        .filter_map(|(s, label)| label.as_deref().map(|l| (s.id, l, words(s.text()))))
        .filter(|(_, _, w)| !w.is_empty())
        .collect();
    let word_lists: Vec<&[String]> = items.iter().map(|(_, _, w)| w.as_slice()).collect();
    let search = first_near_duplicates(&word_lists, COMPARISONS_PER_LIST);
    if let Some(stopped) = search.stopped_at {
        let (_, label, _) = &items[stopped];
        findings.add_at(
            "near-duplicate-statement",
            Location::node(id),
            format!(
                "The {} list has {} statements, too many of them sharing their words to compare them all for near-duplicates: statements from {label} on were not compared",
                list.label(),
                items.len()
            ),
            None,
        );
    }
    for (earlier, later, score) in search.found {
        let (_, label_a, _) = &items[earlier];
        let (id_b, label_b, _) = &items[later];
        let fix = Fix {
            label: format!("Remove {label_b}"),
            edit: Edit::RemoveStatement {
                unit: id,
                list,
                statement: *id_b,
            },
        };
        let percent = (score * 100.0).round();
        findings.add_at(
            "near-duplicate-statement",
            Location::statement(id, *id_b),
            format!("{label_a} and {label_b} are {percent} % the same words in the same order"),
            Some(fix),
        );
    }
}

/// What [`first_near_duplicates`] found.
struct NearDuplicates {
    /// `(earlier, later, similarity)`, in the order of `later`.
    found: Vec<(usize, usize, f64)>,
    /// The statement from which none were compared, when the comparisons ran out.
    stopped_at: Option<usize>,
}

/// How many pairs one list may compare word by word. The index leaves a few per statement in
/// real lists (a 100-criteria unit has 4,950 pairs in all); only statements that share nearly
/// all their words in other orders (20,000 shufflings of ten words) come near it, and there
/// it bounds the time to about a second rather than minutes.
const COMPARISONS_PER_LIST: usize = 1_000_000;

/// How many earlier statements the index may offer per allowed comparison (each costs a length
/// check and perhaps a count of shared words): the same bound for lists whose statements share
/// rare words but fail the cheaper filters.
const CANDIDATES_PER_COMPARISON: usize = 50;

/// For every statement with an earlier one at least [`NEAR_DUPLICATE_SIMILARITY`] alike, the
/// first such earlier one: `(earlier, later, similarity)`, in the order of `later`.
///
/// Comparing every pair took minutes on a unit with 20,000 criteria. Two statements that alike
/// share most of their words, so each is compared only with earlier ones sharing one of its
/// rarest few words (prefix filtering: the words of each statement ordered rarest first, the
/// prefix long enough that no alike pair can miss each other) and of a length the edit distance
/// allows; the earlier ones in order, stopping at the first alike. After `most_comparisons`
/// word-by-word comparisons (or [`CANDIDATES_PER_COMPARISON`] times as many candidates), the
/// statements left are not compared.
fn first_near_duplicates(statements: &[&[String]], most_comparisons: usize) -> NearDuplicates {
    use std::cmp::Reverse;
    use std::collections::{BinaryHeap, HashMap};

    // Each word occurrence is a token (word, nth time in its statement), so repeated words count.
    let mut word_ids: HashMap<&str, u32> = HashMap::new();
    let mut frequency: Vec<u32> = Vec::new();
    let tokenised: Vec<Vec<(u32, u32)>> = statements
        .iter()
        .map(|words| {
            let mut seen: HashMap<u32, u32> = HashMap::new();
            words
                .iter()
                .map(|w| {
                    let next = word_ids.len() as u32;
                    let word = *word_ids.entry(w.as_str()).or_insert(next);
                    if word as usize == frequency.len() {
                        frequency.push(0);
                    }
                    let nth = seen.entry(word).or_insert(0);
                    let token = (word, *nth);
                    *nth += 1;
                    frequency[word as usize] += 1;
                    token
                })
                .collect()
        })
        .collect();

    // Every statement's tokens in one global order, rarest first: prefixes are their starts,
    // and two sorted lists count their shared tokens in one pass.
    let ordered: Vec<Vec<(u32, u32, u32)>> = tokenised
        .iter()
        .map(|tokens| {
            let mut sorted: Vec<(u32, u32, u32)> = tokens
                .iter()
                .map(|&(word, nth)| (frequency[word as usize], word, nth))
                .collect();
            sorted.sort_unstable();
            sorted
        })
        .collect();

    let mut postings: HashMap<(u32, u32, u32), Vec<usize>> = HashMap::new();
    let mut found = Vec::new();
    let mut comparisons = 0;
    let mut candidates = 0;
    for (later, tokens) in ordered.iter().enumerate() {
        if comparisons >= most_comparisons
            || candidates >= most_comparisons.saturating_mul(CANDIDATES_PER_COMPARISON)
        {
            return NearDuplicates {
                found,
                stopped_at: Some(later),
            };
        }
        let prefix = &tokens[..prefix_length(tokens.len())];

        // The earlier statements sharing a prefix token, in ascending order, each once.
        let lists: Vec<&Vec<usize>> = prefix.iter().filter_map(|t| postings.get(t)).collect();
        let mut heads: BinaryHeap<Reverse<(usize, usize, usize)>> = lists
            .iter()
            .enumerate()
            .map(|(list, ids)| Reverse((ids[0], list, 0)))
            .collect();
        let mut last = None;
        while let Some(Reverse((earlier, list, at))) = heads.pop() {
            if let Some(&next) = lists[list].get(at + 1) {
                heads.push(Reverse((next, list, at + 1)));
            }
            if last == Some(earlier) {
                continue;
            }
            last = Some(earlier);
            candidates += 1;
            let (a, b) = (statements[earlier].len(), statements[later].len());
            if !lengths_allow(a, b) {
                continue;
            }
            // Alike statements share all their words but the edits between them.
            let longer = a.max(b);
            if shared_tokens(&ordered[earlier], tokens) + allowed_edits(longer) < longer {
                continue;
            }
            comparisons += 1;
            let score = similarity(statements[earlier], statements[later]);
            if score >= NEAR_DUPLICATE_SIMILARITY {
                found.push((earlier, later, score));
                break;
            }
        }
        for &token in prefix {
            postings.entry(token).or_default().push(later);
        }
    }
    NearDuplicates {
        found,
        stopped_at: None,
    }
}

/// How many tokens two lists sorted in the same order have in common.
fn shared_tokens(a: &[(u32, u32, u32)], b: &[(u32, u32, u32)]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Edits allowed between alike statements whose longer has `longer` words, rounded up: the
/// filters below may let through pairs that are not alike, never hold back one that is.
fn allowed_edits(longer: usize) -> usize {
    longer / 5 + 1
}

/// How many of a statement's rarest tokens must be indexed so that any alike pair shares one.
/// Alike statements of `len` and `len + δ` words are at most d ≤ (len + δ) / 5 edits apart and
/// share at least len + δ − d tokens, so any `len − (len + δ − d) + 1 ≤ len / 5 + 1` of them
/// chosen in one global order include a shared one (the prefix-filtering principle).
fn prefix_length(len: usize) -> usize {
    allowed_edits(len).min(len)
}

/// Each edit changes the length by at most one word.
fn lengths_allow(a: usize, b: usize) -> bool {
    a.abs_diff(b) <= allowed_edits(a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_counts_words_in_order() {
        let w = |s: &str| words(s);
        assert_eq!(similarity(&w("agree goals"), &w("agree goals")), 1.0);
        assert!(
            similarity(
                &w("check progress weekly and adjust plans"),
                &w("check progress daily and adjust plans")
            ) >= 0.8
        );
        assert!(similarity(&w("agree goals"), &w("record goals")) < 0.8);
        assert!(
            similarity(
                &w("plans adjust and weekly progress check"),
                &w("check progress weekly and adjust plans")
            ) < 0.8
        );
    }

    /// The rule as it was: every pair, the first earlier alike statement of each later one.
    fn every_pair(statements: &[&[String]]) -> Vec<(usize, usize, f64)> {
        let mut first: Vec<Option<(usize, f64)>> = vec![None; statements.len()];
        for (i, a) in statements.iter().enumerate() {
            for (j, b) in statements.iter().enumerate().skip(i + 1) {
                let score = similarity(a, b);
                if score >= NEAR_DUPLICATE_SIMILARITY && first[j].is_none() {
                    first[j] = Some((i, score));
                }
            }
        }
        (0..statements.len())
            .filter_map(|j| first[j].map(|(i, score)| (i, j, score)))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// The indexed search finds exactly what comparing every pair finds, on lists of few
        /// words from a small vocabulary (so alike pairs of every length are common).
        #[test]
        fn the_indexed_search_finds_what_every_pair_finds(
            lists in proptest::collection::vec(
                proptest::collection::vec(0..6usize, 1..14), 0..40)
        ) {
            const VOCABULARY: [&str; 6] = ["agree", "plan", "the", "team", "review", "record"];
            let statements: Vec<Vec<String>> = lists
                .iter()
                .map(|l| l.iter().map(|&w| VOCABULARY[w].to_string()).collect())
                .collect();
            // Half of them copies of earlier ones with one word changed, so alike pairs abound.
            let statements: Vec<Vec<String>> = statements
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    if i % 2 == 1 {
                        let mut copy = statements[i - 1].clone();
                        let at = s.len() % copy.len();
                        copy[at] = s[0].clone();
                        copy
                    } else {
                        s.clone()
                    }
                })
                .collect();
            let slices: Vec<&[String]> = statements.iter().map(Vec::as_slice).collect();
            let search = first_near_duplicates(&slices, usize::MAX);
            proptest::prop_assert_eq!(search.stopped_at, None);
            proptest::prop_assert_eq!(search.found, every_pair(&slices));
        }
    }

    /// Statements sharing all their words in other orders pass the index: the comparisons run
    /// out and say from which statement on nothing was compared.
    #[test]
    fn comparisons_run_out_on_shuffled_words_and_say_where() {
        let shuffled: Vec<Vec<String>> = (0..200)
            .map(|i: usize| {
                let mut words: Vec<String> = (0..10).map(|w| format!("w{w}")).collect();
                words.rotate_left(i % 10);
                words.swap(i % 7, 9 - i % 5);
                words
            })
            .collect();
        let slices: Vec<&[String]> = shuffled.iter().map(Vec::as_slice).collect();
        let all = first_near_duplicates(&slices, usize::MAX);
        assert_eq!(all.stopped_at, None);
        let cut = first_near_duplicates(&slices, 1_000);
        let stopped = cut.stopped_at.unwrap();
        assert!(stopped > 1 && stopped < 200, "{stopped}");
        let before: Vec<_> = all.found.into_iter().filter(|f| f.1 < stopped).collect();
        assert_eq!(
            cut.found, before,
            "what was compared is reported as in a full search"
        );
    }
}
