//! Maps as OPML 2.0 outlines, both ways: what outliners (and pandoc) read, and what people who
//! drafted in an outliner bring in.
//!
//! Each node is an `<outline>` whose `text` is what a reader sees ("A Plan work", "CFAMLA1 Manage
//! your own resources"); attributes say what it is (`kind`), and hold its `code` or `urn` and its
//! node `id`, so a map comes back as it went out. A unit's overview is its `_note` (the OPML
//! convention for notes); its performance criteria and knowledge are child outlines under "You must
//! be able to:" and "You need to know and understand:", headings marked `kind="heading"`. A unit
//! placed twice is written at each placement with the same `id` and read back as one unit placed
//! twice. OPML holds nothing else of a unit (metadata, scope, glossary, annotations): those stay in
//! the map file. An outline from another program (no `kind`) is read as its shape says: the first
//! top outline is the key purpose, outlines with children are functions, leaves are units (a title
//! starting with a URN gives the unit its URN).
//!
//! Read with roxmltree (a small, well-kept read-only XML parser, already built for the SVG
//! renderer); written by hand through `render::escape::xml`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::edit::{Document, Edit};
use crate::io::LoadError;
use crate::model::{
    Function, FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, Statement, StatementList, Unit,
    split_leading_urn,
};

/// Text for a double-quoted attribute: escaped, with line breaks and tabs as character references
/// (a parser turns literal ones into spaces).
fn xml(text: &str) -> String {
    crate::render::escape::xml(text)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

const PC_STEM: &str = "You must be able to:";
const KU_STEM: &str = "You need to know and understand:";

/// The map as an OPML 2.0 document.
pub fn to_opml(map: &FunctionalMap) -> String {
    to_opml_scoped(map, &crate::layout::Scope::default())
}

/// The part of the map `scope` covers (a branch, down to a depth) as an OPML 2.0 document; a unit
/// keeps its criteria and knowledge whatever the depth.
pub fn to_opml_scoped(map: &FunctionalMap, scope: &crate::layout::Scope) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    let _ = writeln!(
        out,
        "  <head>\n    <title>{}</title>\n  </head>\n  <body>",
        xml(&map.display_title())
    );
    // Depth first with an explicit stack (maps may be 100 levels deep): (node, depth, closing).
    let top = scope.branch.unwrap_or_else(|| map.root());
    let deepest = scope.max_depth.map(|d| d + 2);
    let mut stack = vec![(top, 2usize, false)];
    while let Some((id, depth, closing)) = stack.pop() {
        let indent = "  ".repeat(depth);
        if closing {
            let _ = writeln!(out, "{indent}</outline>");
            continue;
        }
        let Some(node) = map.node(id) else { continue };
        let attributes = match node {
            Node::KeyPurpose(kp) => format!("text=\"{}\" kind=\"key-purpose\"", xml(&kp.statement)),
            Node::Function(f) => format!(
                "text=\"{}\" kind=\"function\" code=\"{}\" title=\"{}\"",
                xml(&with_prefix(&f.code, &f.title)),
                xml(&f.code),
                xml(&f.title)
            ),
            Node::Unit(u) => {
                let note = if u.overview.is_empty() {
                    String::new()
                } else {
                    format!(" _note=\"{}\"", xml(&u.overview))
                };
                format!(
                    "text=\"{}\" kind=\"unit\" urn=\"{}\" title=\"{}\" id=\"{}\"{note}",
                    xml(&with_prefix(&u.urn, &u.title)),
                    xml(&u.urn),
                    xml(&u.title),
                    id.raw()
                )
            }
        };
        if let Node::Unit(unit) = node {
            let lists = [
                (
                    StatementList::PerformanceCriteria,
                    PC_STEM,
                    "performance-criteria",
                ),
                (StatementList::Knowledge, KU_STEM, "knowledge"),
            ];
            if lists
                .iter()
                .all(|(list, _, _)| unit.statements(*list).is_empty())
            {
                let _ = writeln!(out, "{indent}<outline {attributes}/>");
                continue;
            }
            let _ = writeln!(out, "{indent}<outline {attributes}>");
            for (list, stem, kind) in lists {
                let statements = unit.statements(list);
                if statements.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "{indent}  <outline text=\"{stem}\" kind=\"{kind}\">");
                for statement in statements {
                    let kind = if statement.heading { "heading" } else { "item" };
                    let _ = writeln!(
                        out,
                        "{indent}    <outline text=\"{}\" kind=\"{kind}\"/>",
                        xml(statement.text())
                    );
                }
                let _ = writeln!(out, "{indent}  </outline>");
            }
            let _ = writeln!(out, "{indent}</outline>");
            continue;
        }
        let children = if deepest.is_some_and(|d| depth >= d) {
            &[][..]
        } else {
            map.children(id)
        };
        if children.is_empty() {
            let _ = writeln!(out, "{indent}<outline {attributes}/>");
            continue;
        }
        let _ = writeln!(out, "{indent}<outline {attributes}>");
        stack.push((id, depth, true));
        for &child in children.iter().rev() {
            stack.push((child, depth + 1, false));
        }
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// "CODE title", or the title alone when there is no code.
fn with_prefix(code: &str, title: &str) -> String {
    if code.is_empty() {
        title.to_string()
    } else {
        format!("{code} {title}")
    }
}

/// A map from an OPML document (nosmap's own, or another outliner's). Errors name the file, line
/// and column.
pub fn from_opml(text: &str, path: &Path) -> Result<FunctionalMap, LoadError> {
    let at = |document: &roxmltree::Document, position: usize, message: String| {
        let place = document.text_pos_at(position);
        LoadError::Syntax {
            path: path.to_path_buf(),
            line: place.row as usize,
            column: place.col as usize,
            message,
        }
    };
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options).map_err(|error| {
        let place = error.pos();
        LoadError::Syntax {
            path: path.to_path_buf(),
            line: place.row as usize,
            column: place.col as usize,
            message: format!("not well-formed XML: {error}"),
        }
    })?;
    let root = document.root_element();
    if !root.has_tag_name("opml") {
        return Err(at(
            &document,
            root.range().start,
            "the document is not OPML (its top element is not <opml>)".into(),
        ));
    }
    let title = root
        .children()
        .find(|n| n.has_tag_name("head"))
        .and_then(|head| head.children().find(|n| n.has_tag_name("title")))
        .and_then(|t| t.text())
        .unwrap_or("")
        .to_string();
    let body = root
        .children()
        .find(|n| n.has_tag_name("body"))
        .ok_or_else(|| {
            at(
                &document,
                root.range().start,
                "the outline has no <body>".into(),
            )
        })?;
    let outlines: Vec<roxmltree::Node> = body
        .children()
        .filter(|n| n.has_tag_name("outline"))
        .collect();
    let Some(top) = outlines.first() else {
        return Err(at(
            &document,
            body.range().start,
            "the outline is empty".into(),
        ));
    };
    let key_purpose = top.attribute("text").unwrap_or("").to_string();
    let mut doc = Document::new(FunctionalMap::new(
        MapMeta::new(title),
        KeyPurpose::new(key_purpose),
    ));
    let map_root = doc.map().root();
    // The first top outline is the key purpose; any others become key areas under it.
    let mut pending: Vec<(roxmltree::Node, NodeId)> = Vec::new();
    let tops: Vec<roxmltree::Node> = if outlines.len() == 1 {
        outline_children(*top)
    } else {
        outlines.clone()
    };
    for outline in tops.into_iter().rev() {
        pending.push((outline, map_root));
    }
    let mut placed: HashMap<String, NodeId> = HashMap::new();
    // Children are pushed in reverse so they are added in document order.
    while let Some((outline, parent)) = pending.pop() {
        let position = outline.range().start;
        let text = outline.attribute("text").unwrap_or("");
        let children = outline_children(outline);
        let kind = outline.attribute("kind");
        let is_unit = match kind {
            Some("unit") => true,
            Some(_) => false,
            None => children.is_empty(),
        };
        let index = doc.map().children(parent).len();
        if is_unit {
            // The same unit at a second placement: place it again.
            if let Some(&unit) = outline.attribute("id").and_then(|id| placed.get(id)) {
                let place = Edit::Place {
                    unit,
                    parent,
                    index,
                };
                doc.apply("place", place)
                    .map_err(|e| at(&document, position, e.to_string()))?;
                continue;
            }
            let unit = unit_from(outline, text, &children);
            let id = doc.map().next_free_id();
            let add = Edit::AddNode {
                id,
                parent,
                index,
                node: Node::Unit(Box::new(unit)),
            };
            doc.apply("add", add)
                .map_err(|e| at(&document, position, e.to_string()))?;
            if let Some(key) = outline.attribute("id") {
                placed.insert(key.to_string(), id);
            }
        } else {
            let code = outline.attribute("code").unwrap_or("").to_string();
            let title = outline
                .attribute("title")
                .map(str::to_string)
                .unwrap_or_else(|| {
                    text.strip_prefix(&format!("{code} "))
                        .unwrap_or(text)
                        .to_string()
                });
            let id = doc.map().next_free_id();
            let add = Edit::AddNode {
                id,
                parent,
                index,
                node: Node::Function(Function::new(code, title)),
            };
            doc.apply("add", add)
                .map_err(|e| at(&document, position, e.to_string()))?;
            for child in children.into_iter().rev() {
                pending.push((child, id));
            }
        }
    }
    Ok(doc.into_map())
}

/// The `<outline>` children of an outline.
fn outline_children<'a, 'input>(
    outline: roxmltree::Node<'a, 'input>,
) -> Vec<roxmltree::Node<'a, 'input>> {
    outline
        .children()
        .filter(|n| n.has_tag_name("outline"))
        .collect()
}

/// A unit from its outline: URN and title from the attributes (else a URN typed at the start of
/// the text), the overview from the note, criteria and knowledge from the lists below it.
fn unit_from(outline: roxmltree::Node, text: &str, children: &[roxmltree::Node]) -> Unit {
    let (urn, title) = match (outline.attribute("urn"), outline.attribute("title")) {
        (Some(urn), Some(title)) => (urn.to_string(), title.to_string()),
        _ => split_leading_urn(text).unwrap_or_else(|| (String::new(), text.to_string())),
    };
    let mut unit = Unit::new(urn, title);
    unit.overview = outline.attribute("_note").unwrap_or("").to_string();
    for list in children {
        let target = match (list.attribute("kind"), list.attribute("text")) {
            (Some("performance-criteria"), _) | (None, Some(PC_STEM)) => {
                &mut unit.performance_criteria
            }
            (Some("knowledge"), _) | (None, Some(KU_STEM)) => &mut unit.knowledge,
            _ => continue,
        };
        for item in outline_children(*list) {
            let words = item.attribute("text").unwrap_or("");
            target.push(if item.attribute("kind") == Some("heading") {
                Statement::heading(words)
            } else {
                Statement::item(words)
            });
        }
    }
    unit
}
