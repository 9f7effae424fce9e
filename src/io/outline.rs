//! What outliners' files have in common, read into a map one way: OPML (`opml.rs`) and
//! Freeplane's .mm (`freeplane.rs`) both hold a tree of items with text, a note and named
//! attributes. Each reader turns its XML into [`Item`]s; [`build`] makes the map through
//! `Document` edits, so every rule of a map (depth included) holds and a mistake is refused at the
//! item's place in the file.
//!
//! nosmap writes `kind`, `code`, `urn`, `title` and `id` attributes, so its own files come back
//! exactly; an item without `kind` (another program's) is read by its shape: the first top item
//! is the key purpose (several tops become key areas under an empty one), items with children are
//! functions, leaves are units (a title starting with a URN gives the unit its URN).

use std::collections::HashMap;

use crate::edit::{Document, Edit};
use crate::model::{
    Function, FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, Statement, StatementList, Unit,
    split_leading_urn,
};

/// The stems nosmap writes above a unit's lists; other programs' files are matched by them too.
pub(crate) const PC_STEM: &str = "You must be able to:";
pub(crate) const KU_STEM: &str = "You need to know and understand:";

/// "CODE title", or the title alone when there is no code: a node as a reader sees it.
pub(crate) fn with_prefix(code: &str, title: &str) -> String {
    if code.is_empty() {
        title.to_string()
    } else {
        format!("{code} {title}")
    }
}

/// An outliner's XML parsed (DTDs refused), a mistake named by file, line and column.
pub(crate) fn parse_xml<'input>(
    text: &'input str,
    path: &std::path::Path,
) -> Result<roxmltree::Document<'input>, crate::io::LoadError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|error| {
        let place = error.pos();
        crate::io::LoadError::Syntax {
            path: path.to_path_buf(),
            line: place.row as usize,
            column: place.col as usize,
            message: format!("not well-formed XML: {error}"),
        }
    })
}

/// An error at a byte position of a parsed document, by line and column.
pub(crate) fn located(
    document: &roxmltree::Document,
    path: &std::path::Path,
    position: usize,
    message: String,
) -> crate::io::LoadError {
    let place = document.text_pos_at(position);
    crate::io::LoadError::Syntax {
        path: path.to_path_buf(),
        line: place.row as usize,
        column: place.col as usize,
        message,
    }
}

/// One item of an outline, as a reader found it.
#[derive(Debug, Default)]
pub(crate) struct Item {
    /// Where it starts in the file (a byte offset), for errors.
    pub position: usize,
    pub text: String,
    /// nosmap's attributes, when the file has them.
    pub kind: Option<String>,
    pub code: Option<String>,
    pub urn: Option<String>,
    pub title: Option<String>,
    /// The key that marks one unit placed in several places (OPML's `id`, .mm's node ID).
    pub key: Option<String>,
    /// Another placement of the item with this key (a Freeplane clone, an OPML repeat).
    pub same_as: Option<String>,
    pub note: String,
    pub children: Vec<Item>,
}

/// A map from outline items (`tops`: the top level). Errors are (position, message).
pub(crate) fn build(title: &str, tops: Vec<Item>) -> Result<FunctionalMap, (usize, String)> {
    let mut tops = tops;
    let (purpose, items) = if tops.len() == 1 {
        let top = tops.remove(0);
        (top.text, top.children)
    } else {
        (String::new(), tops)
    };
    let mut doc = Document::new(FunctionalMap::new(
        MapMeta::new(title),
        KeyPurpose::new(purpose),
    ));
    let root = doc.map().root();
    // Children are pushed in reverse so they are added in file order.
    let mut pending: Vec<(Item, NodeId)> = items.into_iter().rev().map(|i| (i, root)).collect();
    let mut placed: HashMap<String, NodeId> = HashMap::new();
    while let Some((item, parent)) = pending.pop() {
        let index = doc.map().children(parent).len();
        let failed = |e: crate::edit::EditError| (item.position, e.to_string());
        let is_unit = match item.kind.as_deref() {
            Some("unit") => true,
            Some(_) => false,
            None => item.children.is_empty() || holds_only_lists(&item),
        };
        // A clone of a unit, or the same unit at a second placement: placed again.
        let again = item
            .same_as
            .as_ref()
            .and_then(|key| placed.get(key))
            .or_else(|| {
                item.key
                    .as_ref()
                    .filter(|_| is_unit)
                    .and_then(|key| placed.get(key))
            });
        if let Some(&unit) = again {
            let place = Edit::Place {
                unit,
                parent,
                index,
            };
            doc.apply("place", place).map_err(failed)?;
            continue;
        }
        let id = doc.map().next_free_id();
        if is_unit {
            let add = Edit::AddNode {
                id,
                parent,
                index,
                node: Node::Unit(Box::new(unit_from(&item))),
            };
            doc.apply("add", add).map_err(failed)?;
            if let Some(key) = &item.key {
                placed.insert(key.clone(), id);
            }
        } else {
            let code = item.code.clone().unwrap_or_default();
            let title = item.title.clone().unwrap_or_else(|| {
                item.text
                    .strip_prefix(&format!("{code} "))
                    .unwrap_or(&item.text)
                    .to_string()
            });
            let add = Edit::AddNode {
                id,
                parent,
                index,
                node: Node::Function(Function::new(code, title)),
            };
            doc.apply("add", add).map_err(failed)?;
            for child in item.children.into_iter().rev() {
                pending.push((child, id));
            }
        }
    }
    Ok(doc.into_map())
}

/// Which of a unit's lists an item heads, by its kind or its stem.
fn list_of(item: &Item) -> Option<StatementList> {
    match (item.kind.as_deref(), item.text.as_str()) {
        (Some("performance-criteria"), _) | (None, PC_STEM) => {
            Some(StatementList::PerformanceCriteria)
        }
        (Some("knowledge"), _) | (None, KU_STEM) => Some(StatementList::Knowledge),
        _ => None,
    }
}

/// Another program's item whose children are only the stems nosmap writes: a unit.
fn holds_only_lists(item: &Item) -> bool {
    item.children.iter().all(|c| list_of(c).is_some())
}

/// A unit from its item: URN and title from the attributes (else a URN typed at the start of
/// the text), the overview from the note, criteria and knowledge from the lists below it.
fn unit_from(item: &Item) -> Unit {
    let (urn, title) = match (&item.urn, &item.title) {
        (Some(urn), Some(title)) => (urn.clone(), title.clone()),
        _ => split_leading_urn(&item.text).unwrap_or_else(|| (String::new(), item.text.clone())),
    };
    let mut unit = Unit::new(urn, title);
    unit.overview = item.note.clone();
    for list_item in &item.children {
        let Some(list) = list_of(list_item) else {
            continue;
        };
        for statement in &list_item.children {
            unit.statements_mut(list)
                .push(if statement.kind.as_deref() == Some("heading") {
                    Statement::heading(statement.text.clone())
                } else {
                    Statement::item(statement.text.clone())
                });
        }
    }
    unit
}
