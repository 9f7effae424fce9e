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

use std::fmt::Write as _;
use std::path::Path;

use super::outline::{Item, KU_STEM, PC_STEM, with_prefix};
use crate::io::LoadError;
use crate::model::{FunctionalMap, Node, StatementList};

/// Text for a double-quoted attribute: escaped, with line breaks and tabs as character references
/// (a parser turns literal ones into spaces).
fn xml(text: &str) -> String {
    crate::render::escape::xml(text)
        .replace('\n', "&#10;")
        .replace('\r', "&#13;")
        .replace('\t', "&#9;")
}

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

/// A map from an OPML document (nosmap's own, or another outliner's). Errors name the file, line
/// and column.
pub fn from_opml(text: &str, path: &Path) -> Result<FunctionalMap, LoadError> {
    let at = |document: &roxmltree::Document, position: usize, message: String| {
        super::outline::located(document, path, position, message)
    };
    let document = super::outline::parse_xml(text, path)?;
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
    if outlines.is_empty() {
        return Err(at(
            &document,
            body.range().start,
            "the outline is empty".into(),
        ));
    }
    let tops = outlines.iter().map(|o| item(*o, 0)).collect();
    super::outline::build(&title, tops)
        .map_err(|(position, message)| at(&document, position, message))
}

/// An `<outline>` and those below it as outline items.
fn item(outline: roxmltree::Node, depth: usize) -> Item {
    let attribute = |name: &str| outline.attribute(name).map(str::to_string);
    // Deeper than any map may be: building the map refuses it at its 101st level, so nothing
    // below this is ever reached (and a 10,000-deep file does not exhaust the stack).
    let below = depth <= crate::model::MAX_DEPTH + 4;
    Item {
        position: outline.range().start,
        text: attribute("text").unwrap_or_default(),
        kind: attribute("kind"),
        code: attribute("code"),
        urn: attribute("urn"),
        title: attribute("title"),
        key: attribute("id"),
        same_as: None,
        note: attribute("_note").unwrap_or_default(),
        children: outline
            .children()
            .filter(|n| below && n.has_tag_name("outline"))
            .map(|n| item(n, depth + 1))
            .collect(),
    }
}
