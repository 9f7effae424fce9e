//! The payload of a map node: the key purpose, a function, or a NOS unit.

use super::{Date, Unit};

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
    /// Why it does not apply here.
    pub reason: String,
}

/// The statement at the root of a map.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct KeyPurpose {
    /// The key purpose statement, usually one sentence naming an outcome.
    pub statement: String,
    /// Working notes.
    pub notes: String,
    /// Check findings set aside on this node.
    pub dismissed: Vec<Dismissal>,
    /// Workshop decisions and votes.
    pub workshop: Workshop,
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
    /// Check findings set aside on this node.
    pub dismissed: Vec<Dismissal>,
    /// Workshop decisions and votes.
    pub workshop: Workshop,
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

    /// Check findings set aside on this node.
    pub fn dismissed(&self) -> &[Dismissal] {
        match self {
            Self::KeyPurpose(kp) => &kp.dismissed,
            Self::Function(function) => &function.dismissed,
            Self::Unit(unit) => &unit.dismissed,
        }
    }

    /// The same node with one more dismissal (or its reason replaced, if the rule was dismissed).
    pub fn with_dismissal(&self, rule: &str, reason: &str) -> Node {
        let mut node = self.clone();
        let list = match &mut node {
            Self::KeyPurpose(kp) => &mut kp.dismissed,
            Self::Function(function) => &mut function.dismissed,
            Self::Unit(unit) => &mut unit.dismissed,
        };
        list.retain(|d| d.rule != rule);
        list.push(Dismissal {
            rule: rule.to_string(),
            reason: reason.to_string(),
        });
        node
    }

    /// The same node without the dismissal of `rule`.
    pub fn without_dismissal(&self, rule: &str) -> Node {
        let mut node = self.clone();
        match &mut node {
            Self::KeyPurpose(kp) => kp.dismissed.retain(|d| d.rule != rule),
            Self::Function(function) => function.dismissed.retain(|d| d.rule != rule),
            Self::Unit(unit) => unit.dismissed.retain(|d| d.rule != rule),
        }
        node
    }

    /// Workshop decisions and votes on this node.
    pub fn workshop(&self) -> &Workshop {
        match self {
            Self::KeyPurpose(kp) => &kp.workshop,
            Self::Function(function) => &function.workshop,
            Self::Unit(unit) => &unit.workshop,
        }
    }

    /// Workshop decisions, for editing a draft copy of a node (the map itself changes only
    /// through edits).
    pub fn workshop_mut(&mut self) -> &mut Workshop {
        match self {
            Self::KeyPurpose(kp) => &mut kp.workshop,
            Self::Function(function) => &mut function.workshop,
            Self::Unit(unit) => &mut unit.workshop,
        }
    }

    /// The same node with other workshop decisions.
    pub fn with_workshop(&self, workshop: Workshop) -> Node {
        let mut node = self.clone();
        match &mut node {
            Self::KeyPurpose(kp) => kp.workshop = workshop,
            Self::Function(function) => function.workshop = workshop,
            Self::Unit(unit) => unit.workshop = workshop,
        }
        node
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
