//! Comments that say the same thing: several reviewers often send near-identical words (a sector
//! body's template, a campaign), and one answer should settle them all.
//!
//! Two comments are alike when their normalised words (lower case, punctuation stripped) are
//! equal, or their word sets have a Jaccard similarity of at least [`SIMILAR`]. A group is a
//! comment and the later comments alike to *it*: never chained through a middle comment, so a
//! group cannot drift from what its first comment says.

use std::collections::BTreeSet;

use crate::model::{CommentId, FunctionalMap, NodeId};

/// The least Jaccard similarity of two comments' word sets for them to be alike.
pub const SIMILAR: f64 = 0.8;

/// Comments alike enough for one answer, the first (in map order) first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentGroup {
    pub members: Vec<(NodeId, CommentId)>,
}

impl CommentGroup {
    /// Whether the group holds this comment.
    pub fn contains(&self, node: NodeId, comment: CommentId) -> bool {
        self.members.contains(&(node, comment))
    }
}

/// Lower-case words, punctuation stripped (an apostrophe or hyphen inside a word joins it).
pub fn normalised_words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|word| {
            word.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// Whether two comments' words are alike (see the module's words).
pub fn alike(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let a: BTreeSet<&str> = a.iter().map(String::as_str).collect();
    let b: BTreeSet<&str> = b.iter().map(String::as_str).collect();
    let shared = a.intersection(&b).count();
    let either = a.union(&b).count();
    shared as f64 >= SIMILAR * either as f64
}

/// The groups of two or more alike comments in `map`, in map order (nodes by id, comments in
/// their node's order). A comment belongs to at most one group: the first earlier comment it is
/// alike to that starts a group takes it.
pub fn comment_groups(map: &FunctionalMap) -> Vec<CommentGroup> {
    let comments: Vec<(NodeId, CommentId, Vec<String>)> = map
        .nodes()
        .flat_map(|(id, node)| {
            node.comments()
                .iter()
                .map(move |c| (id, c.id, normalised_words(&c.text)))
        })
        .collect();
    let mut taken = vec![false; comments.len()];
    let mut groups = Vec::new();
    for first in 0..comments.len() {
        if taken[first] {
            continue;
        }
        let (node, id, words) = &comments[first];
        let mut members = vec![(*node, *id)];
        for later in first + 1..comments.len() {
            if !taken[later] && alike(words, &comments[later].2) {
                taken[later] = true;
                members.push((comments[later].0, comments[later].1));
            }
        }
        if members.len() > 1 {
            taken[first] = true;
            groups.push(CommentGroup { members });
        }
    }
    groups
}

/// The group holding this comment, if it has company.
pub fn group_of(
    groups: &[CommentGroup],
    node: NodeId,
    comment: CommentId,
) -> Option<&CommentGroup> {
    groups.iter().find(|g| g.contains(node, comment))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Document, Edit};
    use crate::model::{Comment, KeyPurpose, MapMeta, Unit};

    fn words(text: &str) -> Vec<String> {
        normalised_words(text)
    }

    #[test]
    fn words_are_lower_case_without_punctuation() {
        assert_eq!(
            words("Say WHO agrees the plan; (the learner's) co-worker!"),
            [
                "say", "who", "agrees", "the", "plan", "the", "learners", "coworker"
            ]
        );
        assert!(words(" … — ").is_empty());
    }

    #[test]
    fn equal_after_normalising_or_close_word_sets_are_alike() {
        assert!(alike(
            &words("Say who agrees the plan."),
            &words("say WHO agrees the plan")
        ));
        // 9 of 10 words shared: 0.9.
        assert!(alike(
            &words("P3 should say who agrees the plan with the learner"),
            &words("P3 should say who agrees the plan with the learner please")
        ));
        // 4 of 6: 0.67.
        assert!(!alike(
            &words("Say who agrees the plan"),
            &words("Say who writes the report")
        ));
        assert!(!alike(&words(""), &words("")), "empty comments say nothing");
    }

    /// A map with one unit holding `texts` as comments, in order.
    fn map_with(texts: &[&str]) -> (FunctionalMap, NodeId, Vec<CommentId>) {
        let mut doc = Document::new(FunctionalMap::new(
            MapMeta::new("M"),
            KeyPurpose::new("Do things"),
        ));
        let root = doc.map().root();
        let unit = doc.map().next_free_id();
        doc.apply(
            "add",
            Edit::AddNode {
                id: unit,
                parent: root,
                index: 0,
                node: Unit::new("U1", "Plan learning").into(),
            },
        )
        .unwrap();
        let comments = texts.iter().map(|t| Comment {
            text: (*t).into(),
            ..Comment::default()
        });
        let node = doc.map().node(unit).unwrap().with_comments(comments);
        doc.apply("comments", Edit::SetNode { id: unit, node })
            .unwrap();
        let ids = doc
            .map()
            .node(unit)
            .unwrap()
            .comments()
            .iter()
            .map(|c| c.id)
            .collect();
        (doc.map().clone(), unit, ids)
    }

    #[test]
    fn near_identical_comments_form_one_group_and_others_none() {
        let (map, unit, ids) = map_with(&[
            "Say who agrees the plan with the learner.",
            "Too long.",
            "say who agrees the plan with the learner",
            "Say who agrees the plan with the learner!!",
            "Shorten the title",
        ]);
        assert_eq!(
            comment_groups(&map),
            [CommentGroup {
                members: vec![(unit, ids[0]), (unit, ids[2]), (unit, ids[3])]
            }]
        );
    }

    #[test]
    fn a_group_never_chains_through_a_middle_comment() {
        // b is alike to a and to c; c is not alike to a. c must not join a's group.
        let a = "one two three four five six seven eight nine ten";
        let b = "one two three four five six seven eight nine ten eleven";
        let c = "one two three four five six seven eight nine ten eleven twelve thirteen";
        assert!(alike(&words(a), &words(b)));
        assert!(alike(&words(b), &words(c)));
        assert!(!alike(&words(a), &words(c)));
        let (map, unit, ids) = map_with(&[a, b, c]);
        assert_eq!(
            comment_groups(&map),
            [CommentGroup {
                members: vec![(unit, ids[0]), (unit, ids[1])]
            }],
            "c stays alone rather than joining through b"
        );
        let groups = comment_groups(&map);
        assert!(group_of(&groups, unit, ids[1]).is_some());
        assert!(group_of(&groups, unit, ids[2]).is_none());
    }
}
