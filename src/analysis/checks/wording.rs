//! Rules about wording: verb-first statements and near-identical statements within a unit.

use super::verbs::not_verb_first;
use super::{Findings, Fix, level_word};
use crate::edit::Edit;
use crate::model::{
    FunctionalMap, Location, Node, NodeId, StatementId, StatementList, Unit, numbering,
};

/// Word-sequence similarity from which two statements count as near-identical.
const NEAR_DUPLICATE_SIMILARITY: f64 = 0.8;

pub(super) fn check(map: &FunctionalMap, findings: &mut Findings) {
    for (id, node) in map.nodes() {
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
    for (i, word_a) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, word_b) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(word_a != word_b);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
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
    let mut reported = std::collections::HashSet::new();
    for (i, (_, label_a, words_a)) in items.iter().enumerate() {
        for (id_b, label_b, words_b) in &items[i + 1..] {
            let score = similarity(words_a, words_b);
            if score < NEAR_DUPLICATE_SIMILARITY || !reported.insert(*id_b) {
                continue;
            }
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
}
