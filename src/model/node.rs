//! The payload of a map node: the key purpose, a function, or a NOS unit.

use super::fields::UnitField;
use super::{Comment, CommentAnchor, Date, StatementId, Unit};

/// What a workshop decided about a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Agreed by the room on that day.
    Agreed(Date),
    /// Needs more discussion.
    NeedsDiscussion,
}

/// Decisions captured while a map was presented to a workshop: ordinary content, saved with the
/// map and undone like any other edit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Workshop {
    pub verdict: Option<Verdict>,
    /// Hands up for the node as drafted.
    pub votes_for: u32,
    /// Hands up against it.
    pub votes_against: u32,
}

impl Workshop {
    /// Nothing was decided or voted.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A quality-check finding the working group has looked at and set aside, with why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dismissal {
    /// The id of the check, e.g. `verb-first`.
    pub rule: String,
    /// The statement the finding was about (`P3`'s id), or `None` for the node as a whole.
    pub statement: Option<StatementId>,
    /// Why it does not apply here.
    pub reason: String,
}

/// Something two people changed differently, recorded by a three-way merge that kept "ours".
///
/// A conflict stays on its node until someone settles it: keeping ours removes it, taking theirs
/// sets the value from `theirs` and removes it ([`Node::without_conflict`],
/// [`Node::taking_theirs`]). Conflicts about the map's settings sit on the key purpose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Conflict {
    /// What both changed: a unit or map field's key from [`super::fields`] (`title`,
    /// `overview`, `suites`…; a function's `code`, `title`, `description`; the key purpose's
    /// `statement` or `notes`), or `statement` (one statement of a unit, named by
    /// [`Conflict::statement`]), or `place` (where the node sits), or `node` (one side deleted
    /// it, the other edited it).
    pub what: String,
    /// The statement, for `what == "statement"`; always one the unit holds.
    pub statement: Option<StatementId>,
    /// The value in the common ancestor, as the field's text form ([`UnitField::text`]),
    /// statement text, or a sentence for `place` / `node`.
    pub base: String,
    /// The value in ours: kept.
    pub ours: String,
    /// The value in theirs: set aside.
    pub theirs: String,
}

/// What people say about a node rather than what the standard says: findings set aside,
/// workshop decisions, merge conflicts still to settle and reviewers' comments.
/// Saved with the map in one block of the file, apart from the nodes' content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Annotations {
    /// Check findings set aside on this node or one of its statements.
    pub dismissed: Vec<Dismissal>,
    /// Workshop decisions and votes.
    pub workshop: Workshop,
    /// Merge conflicts on this node or its statements, in the order the merge found them.
    pub conflicts: Vec<Conflict>,
    /// Reviewers' comments on this node, its fields or its statements, in the order received.
    pub comments: Vec<Comment>,
    /// The workshop log, oldest session first: only the key purpose holds one.
    pub sessions: Vec<super::Session>,
}

/// The id slots of the comments in `annotations`.
pub(crate) fn comment_slots(
    annotations: &mut Annotations,
) -> impl Iterator<Item = &mut StatementId> {
    annotations.comments.iter_mut().map(|c| c.id.slot())
}

impl Annotations {
    /// Nothing has been said.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The dismissal of `rule` on `statement` (or on the node, for `None`).
    pub fn dismissal(&self, rule: &str, statement: Option<StatementId>) -> Option<&Dismissal> {
        self.dismissed
            .iter()
            .find(|d| d.rule == rule && d.statement == statement)
    }
}

/// The statement at the root of a map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct KeyPurpose {
    /// The key purpose statement, usually one sentence naming an outcome.
    pub statement: String,
    /// Working notes.
    pub notes: String,
    /// What people say about it.
    pub annotations: Annotations,
}

impl KeyPurpose {
    /// A key purpose with a statement.
    pub fn new(statement: impl Into<String>) -> Self {
        Self {
            statement: statement.into(),
            ..Self::default()
        }
    }
}

/// A function at any level between the key purpose and the units (key area, key role, function…).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Function {
    /// The code a published map gives it ("A", "DC"), possibly empty.
    pub code: String,
    /// The function statement, verb first ("Develop and support individuals").
    pub title: String,
    /// What the function is about.
    pub description: String,
    /// Marked by the working group as a gap: no NOS exists for it yet.
    pub gap: bool,
    /// What people say about it.
    pub annotations: Annotations,
}

impl Function {
    /// A function with a code and a title.
    pub fn new(code: impl Into<String>, title: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            title: title.into(),
            ..Self::default()
        }
    }
}

/// What kind of node a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// The root.
    KeyPurpose,
    /// A key area, key role, function or sub-function.
    Function,
    /// A NOS unit (a leaf).
    Unit,
}

/// The content of one node.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    /// The root statement.
    KeyPurpose(KeyPurpose),
    /// A function.
    Function(Function),
    /// A NOS unit.
    Unit(Box<Unit>),
}

impl Node {
    /// Its kind.
    pub fn kind(&self) -> NodeKind {
        match self {
            Self::KeyPurpose(_) => NodeKind::KeyPurpose,
            Self::Function(_) => NodeKind::Function,
            Self::Unit(_) => NodeKind::Unit,
        }
    }

    /// The text shown as the node's title.
    pub fn title(&self) -> &str {
        match self {
            Self::KeyPurpose(kp) => &kp.statement,
            Self::Function(function) => &function.title,
            Self::Unit(unit) => &unit.title,
        }
    }

    /// What people say about this node.
    pub fn annotations(&self) -> &Annotations {
        match self {
            Self::KeyPurpose(kp) => &kp.annotations,
            Self::Function(function) => &function.annotations,
            Self::Unit(unit) => &unit.annotations,
        }
    }

    /// What people say about this node, for editing a draft copy (the map itself changes only
    /// through edits).
    pub fn annotations_mut(&mut self) -> &mut Annotations {
        match self {
            Self::KeyPurpose(kp) => &mut kp.annotations,
            Self::Function(function) => &mut function.annotations,
            Self::Unit(unit) => &mut unit.annotations,
        }
    }

    /// Check findings set aside on this node.
    pub fn dismissed(&self) -> &[Dismissal] {
        &self.annotations().dismissed
    }

    /// The same node with one more dismissal (or its reason replaced, if the rule was dismissed
    /// on that statement).
    pub fn with_dismissal(&self, rule: &str, statement: Option<StatementId>, reason: &str) -> Node {
        let mut node = self.clone();
        let list = &mut node.annotations_mut().dismissed;
        list.retain(|d| !(d.rule == rule && d.statement == statement));
        list.push(Dismissal {
            rule: rule.to_string(),
            statement,
            reason: reason.to_string(),
        });
        node
    }

    /// The same node without the dismissal of `rule` on `statement`.
    pub fn without_dismissal(&self, rule: &str, statement: Option<StatementId>) -> Node {
        let mut node = self.clone();
        node.annotations_mut()
            .dismissed
            .retain(|d| !(d.rule == rule && d.statement == statement));
        node
    }

    /// Workshop decisions and votes on this node.
    pub fn workshop(&self) -> &Workshop {
        &self.annotations().workshop
    }

    /// Workshop decisions, for editing a draft copy of a node.
    pub fn workshop_mut(&mut self) -> &mut Workshop {
        &mut self.annotations_mut().workshop
    }

    /// The same node with other workshop decisions.
    pub fn with_workshop(&self, workshop: Workshop) -> Node {
        let mut node = self.clone();
        node.annotations_mut().workshop = workshop;
        node
    }

    /// The same node with every statement under a new id counted from `next` (which moves on),
    /// dismissals and conflicts on a statement following it: a copy pasted into a map is new
    /// there.
    pub fn with_fresh_statement_ids(mut self, next: &mut StatementId) -> Node {
        if let Self::Unit(unit) = &mut self {
            let mut renamed = std::collections::HashMap::new();
            for id in unit.statement_ids_mut() {
                renamed.insert(*id, *next);
                *id = *next;
                *next = next.next();
            }
            // A dismissal naming a statement the unit does not hold would otherwise widen to
            // the whole unit; it names nothing, so it goes. So does such a conflict (a map never
            // holds one: edits and the loader refuse it).
            let annotations = &mut unit.annotations;
            annotations
                .dismissed
                .retain(|d| d.statement.is_none_or(|s| renamed.contains_key(&s)));
            annotations
                .conflicts
                .retain(|c| c.statement.is_none_or(|s| renamed.contains_key(&s)));
            let statements = annotations
                .dismissed
                .iter_mut()
                .map(|d| &mut d.statement)
                .chain(annotations.conflicts.iter_mut().map(|c| &mut c.statement));
            for statement in statements.flatten() {
                *statement = renamed[statement];
            }
            // A comment on a statement since removed keeps the words it was made on but can
            // no longer name it: the old id could belong to another statement here.
            for comment in &mut annotations.comments {
                if let CommentAnchor::Statement(id) = comment.anchor {
                    comment.anchor = renamed
                        .get(&id)
                        .map_or(CommentAnchor::Whole, |new| CommentAnchor::Statement(*new));
                }
            }
        }
        for comment in &mut self.annotations_mut().comments {
            *comment.id.slot() = *next;
            *next = next.next();
        }
        self
    }

    /// Reviewers' comments on this node.
    pub fn comments(&self) -> &[Comment] {
        &self.annotations().comments
    }

    /// The same node with these comments added (each one given an id by the edit that adds it).
    pub fn with_comments(&self, comments: impl IntoIterator<Item = Comment>) -> Node {
        let mut node = self.clone();
        node.annotations_mut().comments.extend(comments);
        node
    }

    /// The same node with the comment of this id replaced (`None` when the node has no such
    /// comment).
    pub fn with_comment_replaced(&self, comment: Comment) -> Option<Node> {
        let mut node = self.clone();
        let slot = node
            .annotations_mut()
            .comments
            .iter_mut()
            .find(|c| c.id == comment.id)?;
        *slot = comment;
        Some(node)
    }

    /// The same node without the comment of this id.
    pub fn without_comment(&self, id: super::CommentId) -> Node {
        let mut node = self.clone();
        node.annotations_mut().comments.retain(|c| c.id != id);
        node
    }

    /// Merge conflicts recorded on this node, still to settle.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.annotations().conflicts
    }

    /// The same node with one more conflict (an equal one already there is not repeated).
    pub fn with_conflict(&self, conflict: Conflict) -> Node {
        let mut node = self.clone();
        let list = &mut node.annotations_mut().conflicts;
        if !list.contains(&conflict) {
            list.push(conflict);
        }
        node
    }

    /// The same node without `conflict`: ours is kept and the conflict is settled.
    pub fn without_conflict(&self, conflict: &Conflict) -> Node {
        let mut node = self.clone();
        node.annotations_mut().conflicts.retain(|c| c != conflict);
        node
    }

    /// The same node with theirs taken: the value `conflict` is about set from `conflict.theirs`
    /// and the conflict removed; conflicts on statements the new value no longer holds go with
    /// it. `None` where theirs cannot be set on a node: the place of a node, a deleted node, the
    /// map's settings, a field this kind of node does not have, a statement it does not hold, or
    /// a text the field does not read (`version_number: "two"`).
    ///
    /// A unit field is set through [`UnitField::set_text`]; a function's `code`, `title` and
    /// `description` and the key purpose's `statement` and `notes` directly; a statement keeps
    /// its id and heading flag and takes theirs as its words; a glossary entry reads theirs as
    /// `term = definition`.
    pub fn taking_theirs(&self, conflict: &Conflict) -> Option<Node> {
        let mut node = self.without_conflict(conflict);
        let theirs = conflict.theirs.clone();
        match (&mut node, conflict.what.as_str(), conflict.statement) {
            (Self::Unit(unit), "statement", Some(id)) => match unit.find_statement(id)? {
                (Some(list), index) => unit.statements_mut(list)[index].text = theirs,
                (None, index) => {
                    let (term, definition) = theirs.split_once(" = ")?;
                    let entry = &mut unit.glossary[index];
                    entry.term = term.trim().to_string();
                    entry.definition = definition.trim().to_string();
                }
            },
            (Self::Unit(unit), key, None) => {
                let field = UnitField::ALL.into_iter().find(|f| f.key() == key)?;
                field.set_text(unit, &theirs).ok()?;
                let unit = &mut **unit;
                let held: std::collections::HashSet<StatementId> = unit.statement_ids().collect();
                unit.annotations
                    .conflicts
                    .retain(|c| c.statement.is_none_or(|s| held.contains(&s)));
            }
            (Self::Function(function), key, None) => match key {
                "code" => function.code = theirs,
                "title" => function.title = theirs,
                "description" => function.description = theirs,
                _ => return None,
            },
            (Self::KeyPurpose(kp), key, None) => match key {
                "statement" => kp.statement = theirs,
                "notes" => kp.notes = theirs,
                _ => return None,
            },
            _ => return None,
        }
        Some(node)
    }

    /// The first conflict naming a statement this node does not hold (a map never keeps one:
    /// edits that would leave one are refused, and so is a file holding one).
    pub fn conflict_without_statement(&self) -> Option<&Conflict> {
        self.conflicts().iter().find(|c| {
            c.statement.is_some_and(|s| {
                self.as_unit()
                    .is_none_or(|unit| unit.find_statement(s).is_none())
            })
        })
    }

    /// Every id slot the map's statement counter hands out in this node: its statements' and
    /// its comments'.
    pub(crate) fn id_slots_mut(&mut self) -> Vec<&mut StatementId> {
        match self {
            Self::Unit(unit) => unit.id_slots_mut(),
            Self::Function(function) => comment_slots(&mut function.annotations).collect(),
            Self::KeyPurpose(kp) => {
                let annotations = &mut kp.annotations;
                let comments = annotations.comments.iter_mut().map(|c| c.id.slot());
                comments
                    .chain(super::workshop_log::idea_slots(&mut annotations.sessions))
                    .collect()
            }
        }
    }

    /// The unit, if this is one.
    pub fn as_unit(&self) -> Option<&Unit> {
        match self {
            Self::Unit(unit) => Some(unit),
            _ => None,
        }
    }

    /// The function, if this is one.
    pub fn as_function(&self) -> Option<&Function> {
        match self {
            Self::Function(function) => Some(function),
            _ => None,
        }
    }

    /// A short description for messages: `NOS unit CFAMLA1 “Manage your own resources”`.
    pub fn describe(&self) -> String {
        match self {
            Self::KeyPurpose(_) => "the key purpose".to_string(),
            Self::Function(function) if function.code.is_empty() => {
                format!("function “{}”", function.title)
            }
            Self::Function(function) => format!("function {} “{}”", function.code, function.title),
            Self::Unit(unit) if unit.urn.is_empty() => format!("NOS unit “{}”", unit.title),
            Self::Unit(unit) => format!("NOS unit {} “{}”", unit.urn, unit.title),
        }
    }
}

impl From<Function> for Node {
    fn from(function: Function) -> Self {
        Self::Function(function)
    }
}

impl From<Unit> for Node {
    fn from(unit: Unit) -> Self {
        Self::Unit(Box::new(unit))
    }
}

impl From<KeyPurpose> for Node {
    fn from(key_purpose: KeyPurpose) -> Self {
        Self::KeyPurpose(key_purpose)
    }
}
