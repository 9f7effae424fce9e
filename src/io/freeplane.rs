//! Maps as Freeplane mind maps (.mm), both ways: for working groups who drafted in Freeplane (or
//! in Freemind, whose files Freeplane's format extends).
//!
//! Each node is a `<node>` whose `TEXT` is what a reader sees ("A Plan work", "CFAMLA1 Manage your
//! own resources"), with Freeplane attributes (the table under a node) holding its kind, code or
//! URN, title and the map's title on the key purpose; a unit's overview is its note, its
//! performance criteria and knowledge are child nodes under the published stems. A unit placed
//! twice is a Freeplane clone at its second place (`TREE_ID` naming the first, its children
//! cloned too), so editing it in Freeplane edits both. The version written is "freeplane 1.7.0",
//! which Freeplane 1.7 and later open without a question. What .mm holds of a unit is what OPML
//! holds; the rest (metadata, scope, glossary, annotations) stays in the map file.
//!
//! Read with roxmltree into the outline items OPML uses (`outline.rs`); another program's map
//! (no `kind` attributes) is read by its shape.

use std::fmt::Write as _;
use std::path::Path;

use super::outline::{Item, KU_STEM, PC_STEM, with_prefix};
use crate::io::LoadError;
use crate::layout::Scope;
use crate::model::{FunctionalMap, Node, NodeId, StatementList, numbering};

/// Text for a double-quoted attribute: escaped, with line breaks and tabs as character
/// references (a parser turns literal ones into spaces).
fn attr(text: &str) -> String {
    crate::render::escape::xml(text)
        .replace('\n', "&#xa;")
        .replace('\r', "&#xd;")
        .replace('\t', "&#x9;")
}

/// The whole map as a Freeplane mind map.
pub fn to_mm(map: &FunctionalMap) -> String {
    to_mm_scoped(map, &Scope::default())
}

/// The part of the map `scope` covers as a Freeplane mind map; a unit keeps its criteria and
/// knowledge whatever the depth.
pub fn to_mm_scoped(map: &FunctionalMap, scope: &Scope) -> String {
    // Attributes (kind, code, URN…) are for reading back, not for looking at: hidden.
    let mut out = String::from(
        "<map version=\"freeplane 1.7.0\">\n<attribute_registry SHOW_ATTRIBUTES=\"hide\"/>\n",
    );
    let top = scope
        .branch
        .filter(|b| map.contains(*b))
        .unwrap_or_else(|| map.root());
    let mut writer = Writer {
        map,
        out: &mut out,
        placements: std::collections::HashMap::new(),
        deepest: scope.max_depth,
        title: map.display_title(),
    };
    writer.node(top, 0);
    out.push_str("</map>\n");
    out
}

struct Writer<'a> {
    map: &'a FunctionalMap,
    out: &'a mut String,
    /// How many times each unit has been written: the first is the original, later ones clones.
    placements: std::collections::HashMap<NodeId, usize>,
    deepest: Option<usize>,
    title: String,
}

impl Writer<'_> {
    /// A node and what is below it (maps are at most 100 levels deep, so recursion is bounded).
    fn node(&mut self, id: NodeId, depth: usize) {
        let Some(node) = self.map.node(id) else {
            return;
        };
        let indent = " ".repeat(depth);
        let own = format!("ID_n{}", id.raw());
        if let Node::Unit(_) = node {
            let seen = self.placements.entry(id).or_insert(0);
            *seen += 1;
            if *seen > 1 {
                let copy = *seen;
                self.unit_clone(id, &own, copy, depth);
                return;
            }
        }
        let (text, attributes) = match node {
            Node::KeyPurpose(kp) => (
                kp.statement.clone(),
                vec![
                    ("kind", "key-purpose".to_string()),
                    ("map", self.title.clone()),
                ],
            ),
            Node::Function(f) => (
                with_prefix(&f.code, &f.title),
                vec![
                    ("kind", "function".to_string()),
                    ("code", f.code.clone()),
                    ("title", f.title.clone()),
                ],
            ),
            Node::Unit(u) => {
                let mut attributes = vec![
                    ("kind", "unit".to_string()),
                    ("urn", u.urn.clone()),
                    ("title", u.title.clone()),
                ];
                // The note is HTML, which keeps neither tabs nor runs of spaces: the exact
                // words travel in an attribute too.
                if !u.overview.is_empty() {
                    attributes.push(("overview", u.overview.clone()));
                }
                (with_prefix(&u.urn, &u.title), attributes)
            }
        };
        // A branch written alone still starts with the map's title.
        let mut attributes = attributes;
        if depth == 0 && !attributes.iter().any(|(name, _)| *name == "map") {
            attributes.push(("map", self.title.clone()));
        }
        // Units start folded: the map shows its hierarchy, a unit opens to its criteria.
        let has_lists = matches!(node, Node::Unit(u) if lists().iter().any(|(l, ..)| !u.statements(*l).is_empty()));
        let folded = if depth == 0 {
            " FOLDED=\"false\""
        } else if has_lists {
            " FOLDED=\"true\""
        } else {
            ""
        };
        let _ = writeln!(
            self.out,
            "{indent}<node TEXT=\"{}\" ID=\"{own}\"{folded}>",
            attr(&text)
        );
        for (name, value) in &attributes {
            let _ = writeln!(
                self.out,
                "{indent} <attribute NAME=\"{name}\" VALUE=\"{}\"/>",
                attr(value)
            );
        }
        match node {
            Node::Unit(unit) => {
                if !unit.overview.trim().is_empty() {
                    self.note(&unit.overview, &indent);
                }
                for (list, stem, kind, suffix) in lists() {
                    let statements = unit.statements(list);
                    if statements.is_empty() {
                        continue;
                    }
                    let _ = writeln!(
                        self.out,
                        "{indent} <node TEXT=\"{stem}\" ID=\"{own}_{suffix}\">\n{indent}  <attribute NAME=\"kind\" VALUE=\"{kind}\"/>"
                    );
                    for (label, statement) in
                        numbering(list, statements).into_iter().zip(statements)
                    {
                        let (shown, kind) = match label {
                            Some(label) => (format!("{label} {}", statement.text), "item"),
                            None => (statement.text.clone(), "heading"),
                        };
                        let _ = writeln!(
                            self.out,
                            "{indent}  <node TEXT=\"{}\" ID=\"{own}_s{}\">\n{indent}   <attribute NAME=\"kind\" VALUE=\"{kind}\"/>\n{indent}   <attribute NAME=\"text\" VALUE=\"{}\"/>\n{indent}  </node>",
                            attr(&shown),
                            statement.id.raw(),
                            attr(&statement.text)
                        );
                    }
                    let _ = writeln!(self.out, "{indent} </node>");
                }
            }
            _ => {
                let below = self.deepest.is_none_or(|d| depth < d);
                if below {
                    for &child in self.map.children(id) {
                        self.node(child, depth + 1);
                    }
                }
            }
        }
        let _ = writeln!(self.out, "{indent}</node>");
    }

    /// A unit at its second (third…) placement: a Freeplane clone of the first, its stems and
    /// statements cloned too (Freeplane leaves a clone without them empty).
    fn unit_clone(&mut self, id: NodeId, own: &str, copy: usize, depth: usize) {
        let Some(unit) = self.map.unit(id) else {
            return;
        };
        let indent = " ".repeat(depth);
        let _ = writeln!(
            self.out,
            "{indent}<node ID=\"{own}_{copy}\" TREE_ID=\"{own}\">"
        );
        for (list, _, _, suffix) in lists() {
            let statements = unit.statements(list);
            if statements.is_empty() {
                continue;
            }
            let _ = writeln!(
                self.out,
                "{indent} <node ID=\"{own}_{suffix}_{copy}\" TREE_ID=\"{own}_{suffix}\">"
            );
            for statement in statements {
                let s = statement.id.raw();
                let _ = writeln!(
                    self.out,
                    "{indent}  <node ID=\"{own}_s{s}_{copy}\" TREE_ID=\"{own}_s{s}\"/>"
                );
            }
            let _ = writeln!(self.out, "{indent} </node>");
        }
        let _ = writeln!(self.out, "{indent}</node>");
    }

    /// An overview as a note: a paragraph per blank-line-separated block, line breaks kept.
    fn note(&mut self, text: &str, indent: &str) {
        let _ = write!(
            self.out,
            "{indent} <richcontent TYPE=\"NOTE\"><html><head></head><body>"
        );
        for paragraph in text.split("\n\n") {
            let lines: Vec<String> = paragraph.lines().map(crate::render::escape::xml).collect();
            let _ = write!(self.out, "<p>{}</p>", lines.join("<br/>"));
        }
        let _ = writeln!(self.out, "</body></html></richcontent>");
    }
}

fn lists() -> [(StatementList, &'static str, &'static str, &'static str); 2] {
    [
        (
            StatementList::PerformanceCriteria,
            PC_STEM,
            "performance-criteria",
            "pc",
        ),
        (StatementList::Knowledge, KU_STEM, "knowledge", "ku"),
    ]
}

/// A map from a Freeplane (or Freemind) mind map. Errors name the file, line and column.
pub fn from_mm(text: &str, path: &Path) -> Result<FunctionalMap, LoadError> {
    let located = |document: &roxmltree::Document, position: usize, message: String| {
        super::outline::located(document, path, position, message)
    };
    let document = super::outline::parse_xml(text, path)?;
    let root = document.root_element();
    if !root.has_tag_name("map") {
        return Err(located(
            &document,
            root.range().start,
            "the document is not a Freeplane or Freemind mind map (its top element is not <map>)"
                .into(),
        ));
    }
    let Some(top) = root.children().find(|n| n.has_tag_name("node")) else {
        return Err(located(
            &document,
            root.range().start,
            "the mind map has no root node".into(),
        ));
    };
    // Clones name the node they copy by its ID: its item is found through this table.
    let mut by_id = std::collections::HashMap::new();
    for node in root.descendants().filter(|n| n.has_tag_name("node")) {
        if let Some(id) = node.attribute("ID") {
            by_id.insert(id.to_string(), node);
        }
    }
    let mut budget = 0;
    let top_item = item(top, &by_id, 0, &mut budget);
    if budget >= MOST_NODES {
        return Err(located(
            &document,
            top.range().start,
            format!(
                "the mind map's clones copy more than {MOST_NODES} nodes; nosmap reads mind maps of at most that many"
            ),
        ));
    }
    let title = attribute_value(top, "map").unwrap_or_else(|| top_item.text.clone());
    super::outline::build(&title, vec![top_item])
        .map_err(|(position, message)| located(&document, position, message))
}

/// The value of a Freeplane attribute (`<attribute NAME=… VALUE=…/>`) of a node.
fn attribute_value(node: roxmltree::Node, name: &str) -> Option<String> {
    node.children()
        .filter(|c| c.has_tag_name("attribute"))
        .find(|c| c.attribute("NAME") == Some(name))
        .and_then(|c| c.attribute("VALUE"))
        .map(str::to_string)
}

/// A node's text: its `TEXT`, or the words of its rich-text content.
fn node_text(node: roxmltree::Node) -> String {
    if let Some(text) = node.attribute("TEXT") {
        return text.to_string();
    }
    node.children()
        .find(|c| c.has_tag_name("richcontent") && c.attribute("TYPE") == Some("NODE"))
        .map(html_text)
        .unwrap_or_default()
}

/// The words of an HTML note: a paragraph per `<p>` (blank line between), `<br>` as a line
/// break, other whitespace as single spaces.
fn html_text(content: roxmltree::Node) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let blocks: Vec<roxmltree::Node> = content
        .descendants()
        .filter(|n| n.has_tag_name("p") || n.has_tag_name("li"))
        .collect();
    let gather = |block: roxmltree::Node| {
        // Whitespace in the HTML source is a space; only <br> breaks a line.
        let mut lines = vec![String::new()];
        for piece in block.descendants() {
            if piece.has_tag_name("br") {
                lines.push(String::new());
            } else if piece.is_text()
                && let Some(words) = piece.text()
                && let Some(line) = lines.last_mut()
            {
                line.push_str(words);
                line.push(' ');
            }
        }
        lines
            .iter()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    };
    if blocks.is_empty() {
        paragraphs.push(gather(content));
    } else {
        paragraphs.extend(blocks.into_iter().map(gather));
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What reading may build: clones copy whole subtrees, so a file of clones of clones can ask for
/// exponentially many nodes (a 3 KB file for 800,000). Past this many the file is refused.
pub const MOST_NODES: usize = 100_000;

type Ids<'a, 'input> = std::collections::HashMap<String, roxmltree::Node<'a, 'input>>;

/// A `<node>` and those below it as outline items; a clone is read as the node it copies (one
/// that comes earlier in the file and is not above it, as Freeplane requires).
fn item(node: roxmltree::Node, by_id: &Ids, depth: usize, budget: &mut usize) -> Item {
    if let Some((original, source)) = original_of(node, by_id)
        && *budget < MOST_NODES
    {
        let mut copy = item_of(source, by_id, depth, budget);
        copy.position = node.range().start;
        // A unit cloned is placed again; a clone of a function is read as a copy of it.
        if copy.kind.as_deref() == Some("unit") || copy.kind.is_none() {
            copy.same_as = Some(original);
        }
        return copy;
    }
    item_of(node, by_id, depth, budget)
}

/// The node a clone copies, following a clone of a clone back to the node with the content
/// (each earlier in the file and not above the clone, as Freeplane requires); `None` for a
/// node that is not a clone, or whose original is missing or out of place.
fn original_of<'a, 'input>(
    node: roxmltree::Node<'a, 'input>,
    by_id: &Ids<'a, 'input>,
) -> Option<(String, roxmltree::Node<'a, 'input>)> {
    fn copied<'a, 'input>(n: roxmltree::Node<'a, 'input>) -> Option<&'a str> {
        n.attribute("TREE_ID").or_else(|| n.attribute("CONTENT_ID"))
    }
    let mut key = copied(node)?;
    let mut source = *by_id.get(key)?;
    // Each step goes earlier in the file, so the chain ends; the bound is for safety.
    for _ in 0..1_000 {
        if source.range().start >= node.range().start || node.ancestors().any(|a| a == source) {
            return None;
        }
        match copied(source).and_then(|k| by_id.get(k).map(|s| (k, *s))) {
            Some((next_key, next)) if next.range().start < source.range().start => {
                key = next_key;
                source = next;
            }
            _ => return Some((key.to_string(), source)),
        }
    }
    None
}

fn item_of(node: roxmltree::Node, by_id: &Ids, depth: usize, budget: &mut usize) -> Item {
    *budget += 1;
    let shown = node_text(node);
    let text = attribute_value(node, "text").unwrap_or(shown);
    let note = attribute_value(node, "overview").unwrap_or_else(|| {
        node.children()
            .find(|c| c.has_tag_name("richcontent") && c.attribute("TYPE") == Some("NOTE"))
            .map(html_text)
            .unwrap_or_default()
    });
    // Deeper than any map may be: the map's own depth rule refuses it when it is built.
    let children = if depth > crate::model::MAX_DEPTH + 4 {
        Vec::new()
    } else {
        node.children()
            .filter(|c| c.has_tag_name("node"))
            .map(|c| item(c, by_id, depth + 1, budget))
            .collect()
    };
    Item {
        position: node.range().start,
        text,
        kind: attribute_value(node, "kind"),
        code: attribute_value(node, "code"),
        urn: attribute_value(node, "urn"),
        title: attribute_value(node, "title"),
        key: node.attribute("ID").map(str::to_string),
        same_as: None,
        note,
        children,
    }
}
