//! The statements of one list in two versions of a unit: which is which, and what changed.
//!
//! Pairs by id when the versions share ids, then by the same words, then by words in common
//! (a reworded statement); what is left was added or removed. A statement counts as moved when
//! it is out of order among the paired ones (the fewest moves: the longest run already in order
//! stays put).

use std::collections::HashSet;

use crate::model::{Statement, StatementId};

/// One statement's change, by its id in each version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatementChange {
    Added {
        new: StatementId,
    },
    Removed {
        old: StatementId,
    },
    /// Reworded (or turned into a heading or back).
    Changed {
        old: StatementId,
        new: StatementId,
    },
    /// Now in another place in its list.
    Moved {
        old: StatementId,
        new: StatementId,
    },
}

/// Pairs of (old index, new index) of the same statement in two versions of a list.
pub fn pair_statements(old: &[Statement], new: &[Statement], by_id: bool) -> Vec<(usize, usize)> {
    let mut old_free: Vec<bool> = vec![true; old.len()];
    let mut new_free: Vec<bool> = vec![true; new.len()];
    let mut pairs = Vec::new();
    let take =
        |o: usize, n: usize, pairs: &mut Vec<(usize, usize)>, of: &mut [bool], nf: &mut [bool]| {
            of[o] = false;
            nf[n] = false;
            pairs.push((o, n));
        };
    if by_id {
        for (n, statement) in new.iter().enumerate() {
            if let Some(o) = old
                .iter()
                .position(|s| s.id == statement.id && statement.id.is_assigned())
            {
                take(o, n, &mut pairs, &mut old_free, &mut new_free);
            }
        }
    }
    for n in 0..new.len() {
        if !new_free[n] {
            continue;
        }
        let found = (0..old.len()).find(|&o| {
            old_free[o] && old[o].text == new[n].text && old[o].heading == new[n].heading
        });
        if let Some(o) = found {
            take(o, n, &mut pairs, &mut old_free, &mut new_free);
        }
    }
    // Reworded: most words in common first, at least half of them.
    let mut scored: Vec<(u32, usize, usize)> = Vec::new();
    for n in (0..new.len()).filter(|&n| new_free[n]) {
        for o in (0..old.len()).filter(|&o| old_free[o]) {
            let score = word_overlap(&old[o].text, &new[n].text);
            if score >= 0.5 {
                scored.push(((score * 1e6) as u32, o, n));
            }
        }
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in scored {
        if old_free[o] && new_free[n] {
            take(o, n, &mut pairs, &mut old_free, &mut new_free);
        }
    }
    pairs.sort_by_key(|&(_, n)| n);
    pairs
}

/// Words in common over words in either (Jaccard), lower case.
pub(crate) fn word_overlap(a: &str, b: &str) -> f64 {
    let set = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (set(a), set(b));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// The changes from one version of a statement list to another, in the new list's order, then
/// the removals.
pub fn compare_statements(
    old: &[Statement],
    new: &[Statement],
    by_id: bool,
) -> Vec<StatementChange> {
    let pairs = pair_statements(old, new, by_id);
    let in_order = longest_in_order(&pairs);
    let mut changes = Vec::new();
    let mut paired_new = vec![None; new.len()];
    for (k, &(o, n)) in pairs.iter().enumerate() {
        paired_new[n] = Some((o, in_order.contains(&k)));
    }
    for (n, statement) in new.iter().enumerate() {
        match paired_new[n] {
            None => changes.push(StatementChange::Added { new: statement.id }),
            Some((o, stays)) => {
                let before = &old[o];
                if before.text != statement.text || before.heading != statement.heading {
                    changes.push(StatementChange::Changed {
                        old: before.id,
                        new: statement.id,
                    });
                }
                if !stays {
                    changes.push(StatementChange::Moved {
                        old: before.id,
                        new: statement.id,
                    });
                }
            }
        }
    }
    let paired_old: HashSet<usize> = pairs.iter().map(|&(o, _)| o).collect();
    for (o, statement) in old.iter().enumerate() {
        if !paired_old.contains(&o) {
            changes.push(StatementChange::Removed { old: statement.id });
        }
    }
    changes
}

/// Indices into `pairs` (sorted by new index) of the longest run whose old indices increase:
/// the statements that stay put.
pub(crate) fn longest_in_order(pairs: &[(usize, usize)]) -> HashSet<usize> {
    // Patience sorting: tails[k] = index in `pairs` ending the best run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(o, _)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].0 < o);
        previous[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut keep = HashSet::new();
    let mut at = tails.last().copied();
    while let Some(k) = at {
        keep.insert(k);
        at = previous[k];
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(texts: &[(&str, u64)]) -> Vec<Statement> {
        texts
            .iter()
            .map(|(t, id)| Statement::item(*t).with_id(StatementId::from_raw(*id)))
            .collect()
    }

    #[test]
    fn a_reworded_statement_is_changed_not_added_and_removed() {
        let old = list(&[("plan the work with your team", 1), ("check progress", 2)]);
        let new = list(&[("plan the work with the team", 7), ("check progress", 8)]);
        let changes = compare_statements(&old, &new, false);
        let id = StatementId::from_raw;
        assert_eq!(
            changes,
            vec![StatementChange::Changed {
                old: id(1),
                new: id(7)
            }]
        );
    }

    #[test]
    fn moving_one_statement_to_the_front_is_one_move() {
        let old = list(&[("a", 1), ("b", 2), ("c", 3), ("d", 4)]);
        let new = list(&[("d", 4), ("a", 1), ("b", 2), ("c", 3)]);
        let changes = compare_statements(&old, &new, true);
        let id = StatementId::from_raw;
        assert_eq!(
            changes,
            vec![StatementChange::Moved {
                old: id(4),
                new: id(4)
            }]
        );
    }

    #[test]
    fn unrelated_statements_are_added_and_removed() {
        let old = list(&[("keep records", 1)]);
        let new = list(&[("greet visitors", 2)]);
        let id = StatementId::from_raw;
        assert_eq!(
            compare_statements(&old, &new, true),
            vec![
                StatementChange::Added { new: id(2) },
                StatementChange::Removed { old: id(1) }
            ]
        );
    }
}
