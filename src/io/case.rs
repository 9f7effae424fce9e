//! A map as a 1EdTech CASE 1.1 package (CFPackage JSON), the form competency systems exchange
//! frameworks in: the map is the CFDocument (its key purpose the description); functions, units,
//! performance criteria and knowledge items are CFItems of their own CFItemTypes; each placement
//! is an `isChildOf` association with its sequence number, so a unit shared by two functions is
//! one item with two; accepted crosswalk pairs become `exactMatchOf` / `isRelatedTo`
//! associations.
//!
//! Identifiers are name-based UUIDs (v5): the document's from the map's key (its file name, or
//! what the caller gives), everything else from the document's and our own never-reused node and
//! statement ids — the same item keeps its identifier from one export to the next, whatever is
//! renamed or moved. URIs are `urn:uuid:` forms of them (nosmap hosts no CASE server). What CASE
//! does not hold of a map (unit metadata other than keywords, scope, glossary, annotations) stays
//! in the map file. `from_case` reads a package back (ours exactly as far as CASE holds it, or
//! another framework's by its shape).

use serde_json::{Value, json};
use uuid::Uuid;

use crate::analysis::reuse::crosswalk::{Crosswalk, Relation};
use crate::model::{Date, FunctionalMap, Node, NodeId, StatementList, numbering};

/// What an export needs beyond the map.
#[derive(Clone, Debug, Default)]
pub struct CaseOptions {
    /// What names the map for its identifiers; the same key gives the same identifiers.
    pub key: String,
    /// The day written as every object's `lastChangeDateTime`.
    pub date: Option<Date>,
}

/// The item types, in the order of `CFDefinitions.CFItemTypes`: (title, code, description).
const TYPES: [(&str, &str, &str); 5] = [
    (
        "Function",
        "function",
        "A function of the functional map: a key area or a function below it",
    ),
    ("NOS unit", "unit", "A National Occupational Standard"),
    (
        "Performance criterion",
        "pc",
        "What the individual must be able to do (P1, P2 …)",
    ),
    (
        "Knowledge and understanding",
        "ku",
        "What the individual must know and understand (K1, K2 …)",
    ),
    (
        "Heading",
        "heading",
        "A heading grouping the criteria or knowledge items below it",
    ),
];

struct Package<'a> {
    map: &'a FunctionalMap,
    document: Uuid,
    changed: String,
    items: Vec<Value>,
    associations: Vec<Value>,
}

/// The map as a CASE 1.1 CFPackage, pretty-printed JSON.
pub fn to_case(
    map: &FunctionalMap,
    crosswalk: Option<&Crosswalk>,
    options: &CaseOptions,
) -> String {
    let key = if options.key.trim().is_empty() {
        map.display_title()
    } else {
        options.key.trim().to_string()
    };
    let document = Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("nosmap:map:{key}").as_bytes());
    let changed = format!(
        "{}T00:00:00+00:00",
        options
            .date
            .map_or_else(|| "2000-01-01".to_string(), |d| d.to_string())
    );
    let mut package = Package {
        map,
        document,
        changed,
        items: Vec::new(),
        associations: Vec::new(),
    };
    package.walk();
    if let Some(crosswalk) = crosswalk {
        package.crosswalk(crosswalk);
    }
    let meta = map.meta();
    let creator = if meta.developed_by.trim().is_empty() {
        "nosmap".to_string()
    } else {
        meta.developed_by.trim().to_string()
    };
    let purpose = map
        .node(map.root())
        .map_or("", Node::title)
        .trim()
        .to_string();
    let mut cf_document = json!({
        "identifier": document.to_string(),
        "uri": uri(document),
        "frameworkType": "National Occupational Standards functional map",
        "caseVersion": "1.1",
        "creator": creator,
        "title": map.display_title(),
        "lastChangeDateTime": package.changed,
        "language": "en",
        "adoptionStatus": "Draft",
    });
    let fields = [
        ("description", purpose),
        ("version", meta.version.trim().to_string()),
        ("publisher", meta.developed_by.trim().to_string()),
    ];
    for (name, value) in fields {
        if !value.is_empty() {
            cf_document[name] = Value::String(value);
        }
    }
    let item_types: Vec<Value> = TYPES
        .iter()
        .map(|(title, code, description)| {
            let id = package.type_id(code);
            json!({
                "identifier": id.to_string(),
                "uri": uri(id),
                "title": title,
                "description": description,
                "hierarchyCode": code,
                "typeCode": code,
                "lastChangeDateTime": package.changed,
            })
        })
        .collect();
    let out = json!({
        "CFDocument": cf_document,
        "CFItems": package.items,
        "CFAssociations": package.associations,
        "CFDefinitions": { "CFItemTypes": item_types },
    });
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

fn uri(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

impl Package<'_> {
    fn id(&self, name: &str) -> Uuid {
        Uuid::new_v5(&self.document, name.as_bytes())
    }

    fn type_id(&self, code: &str) -> Uuid {
        self.id(&format!("type:{code}"))
    }

    fn node_id(&self, node: NodeId) -> Uuid {
        self.id(&format!("node:{}", node.raw()))
    }

    fn link(&self, id: Uuid, title: &str) -> Value {
        json!({ "title": title, "identifier": id.to_string(), "uri": uri(id) })
    }

    fn item(&mut self, id: Uuid, statement: &str, kind: &str, extra: Value) {
        let type_title = TYPES
            .iter()
            .find(|(_, code, _)| *code == kind)
            .map_or("", |(title, _, _)| title);
        let mut item = json!({
            "identifier": id.to_string(),
            "uri": uri(id),
            // CASE requires a statement; an untitled node says so rather than being left out.
            "fullStatement": if statement.trim().is_empty() { "(untitled)" } else { statement.trim() },
            "CFItemType": type_title,
            "CFItemTypeURI": self.link(self.type_id(kind), type_title),
            "language": "en",
            "lastChangeDateTime": self.changed,
        });
        if let (Value::Object(item), Value::Object(extra)) = (&mut item, extra) {
            item.extend(extra);
        }
        self.items.push(item);
    }

    fn child_of(&mut self, child: (Uuid, &str), parent: (Uuid, &str), sequence: usize, name: &str) {
        let id = self.id(&format!("isChildOf:{name}"));
        let association = json!({
            "identifier": id.to_string(),
            "uri": uri(id),
            "associationType": "isChildOf",
            "sequenceNumber": sequence,
            "originNodeURI": self.link(child.0, child.1),
            "destinationNodeURI": self.link(parent.0, parent.1),
            "lastChangeDateTime": self.changed,
        });
        self.associations.push(association);
    }

    /// Every node once as an item, every placement as an association, in map order.
    fn walk(&mut self) {
        let map = self.map;
        let root = map.root();
        let title = map.display_title();
        let mut written = std::collections::HashSet::new();
        for (parent, node_id) in map.walk() {
            let Some(parent) = parent else { continue };
            let Some(node) = map.node(node_id) else {
                continue;
            };
            let id = self.node_id(node_id);
            let name = node.title().to_string();
            let (parent_id, parent_name) = if parent == root {
                (self.document, title.clone())
            } else {
                (
                    self.node_id(parent),
                    map.node(parent)
                        .map_or(String::new(), |n| n.title().to_string()),
                )
            };
            let sequence = map.index_in_parent(parent, node_id).map_or(1, |i| i + 1);
            self.child_of(
                (id, &name),
                (parent_id, &parent_name),
                sequence,
                &format!("{}:{}", node_id.raw(), parent.raw()),
            );
            if !written.insert(node_id) {
                continue;
            }
            match node {
                Node::Function(f) => {
                    let mut extra = json!({});
                    if !f.code.trim().is_empty() {
                        extra["humanCodingScheme"] = json!(f.code.trim());
                    }
                    let level = map.meta().level_name(map.depth(node_id)).to_string();
                    extra["alternativeLabel"] = json!(level);
                    if !f.description.trim().is_empty() {
                        extra["notes"] = json!(f.description.trim());
                    }
                    self.item(id, &f.title, "function", extra);
                }
                Node::Unit(unit) => {
                    let mut extra = json!({});
                    if !unit.urn.trim().is_empty() {
                        extra["humanCodingScheme"] = json!(unit.urn.trim());
                    }
                    if !unit.overview.trim().is_empty() {
                        extra["notes"] = json!(unit.overview.trim());
                    }
                    if !unit.metadata.keywords.is_empty() {
                        extra["conceptKeywords"] = json!(unit.metadata.keywords);
                    }
                    self.item(id, &unit.title, "unit", extra);
                    for (list, kind) in [
                        (StatementList::PerformanceCriteria, "pc"),
                        (StatementList::Knowledge, "ku"),
                    ] {
                        let statements = unit.statements(list);
                        for (index, (label, statement)) in numbering(list, statements)
                            .into_iter()
                            .zip(statements)
                            .enumerate()
                        {
                            let sid = self.id(&format!("statement:{}", statement.id.raw()));
                            let mut extra = json!({});
                            let kind = match &label {
                                None => {
                                    // Which list a heading heads, for a reader of the package.
                                    extra["alternativeLabel"] = json!(list.label());
                                    "heading"
                                }
                                Some(label) => {
                                    let code = if unit.urn.trim().is_empty() {
                                        label.clone()
                                    } else {
                                        format!("{}.{label}", unit.urn.trim())
                                    };
                                    extra["humanCodingScheme"] = json!(code);
                                    extra["listEnumeration"] = json!(label[1..]);
                                    kind
                                }
                            };
                            self.item(sid, &statement.text, kind, extra);
                            self.child_of(
                                (sid, &statement.text),
                                (id, &unit.title),
                                index + 1,
                                &format!("s{}", statement.id.raw()),
                            );
                        }
                    }
                }
                Node::KeyPurpose(_) => {}
            }
        }
    }

    /// Accepted pairs whose source or user is a unit of this map (by URN): the other side is
    /// its item here, or outside the map a link to the URN.
    fn crosswalk(&mut self, crosswalk: &Crosswalk) {
        let mut by_urn = std::collections::HashMap::new();
        for (id, unit) in self.map.units() {
            let urn = crate::analysis::reuse::normal::urn(&unit.urn);
            if !urn.is_empty() {
                by_urn
                    .entry(urn)
                    .or_insert((id, unit.title.clone(), unit.urn.clone()));
            }
        }
        for (pair, decision) in &crosswalk.decisions {
            let kind = match decision.relation {
                Relation::Identical => "exactMatchOf",
                Relation::NotRelated => continue,
                _ => "isRelatedTo",
            };
            let side = |key: &str| -> Option<(Uuid, String, bool)> {
                if key.starts_with("title:") || key.starts_with("suite:") {
                    return None;
                }
                let urn = key.strip_prefix("earlier:").unwrap_or(key);
                match by_urn.get(urn) {
                    Some((id, title, shown)) => {
                        Some((self.node_id(*id), format!("{shown} {title}"), true))
                    }
                    None => Some((
                        Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("nos:urn:{urn}").as_bytes()),
                        urn.to_uppercase(),
                        false,
                    )),
                }
            };
            let (Some(from), Some(to)) = (side(&pair.using), side(&pair.source)) else {
                continue;
            };
            if !from.2 && !to.2 {
                continue;
            }
            let id = self.id(&format!("crosswalk:{}:{}", pair.using, pair.source));
            let mut association = json!({
                "identifier": id.to_string(),
                "uri": uri(id),
                "associationType": kind,
                "originNodeURI": self.link(from.0, &from.1),
                "destinationNodeURI": self.link(to.0, &to.1),
                "lastChangeDateTime": self.changed,
            });
            let mut notes = decision.relation.label().to_string();
            if !decision.note.trim().is_empty() {
                notes = format!("{notes}: {}", decision.note.trim());
            }
            association["notes"] = json!(notes);
            self.associations.push(association);
        }
    }
}

/// The most items reading a package builds (placements of one item under several parents
/// count each time).
pub const MOST_ITEMS: usize = 200_000;

/// A map from a CASE 1.1 package (nosmap's own, or another framework's by its shape): the
/// CFDocument's title and description are the map's title and key purpose, `isChildOf`
/// associations (in sequence order) its hierarchy. Items typed as nosmap writes them come back
/// as functions (code from `humanCodingScheme`), units (URN, overview from `notes`) and their
/// criteria, knowledge and headings; another framework's items with children are functions and
/// its leaves units. An item that is the child of two items is one unit placed twice. Errors
/// name the file, and its line and column when the JSON itself is broken.
pub fn from_case(
    text: &str,
    path: &std::path::Path,
) -> Result<FunctionalMap, crate::io::LoadError> {
    use std::collections::HashMap;

    use super::outline::{Item, KU_STEM, PC_STEM};

    let content = |message: String| crate::io::LoadError::Content {
        path: path.to_path_buf(),
        line: None,
        message,
    };
    let package: Value = serde_json::from_str(text).map_err(|e| crate::io::LoadError::Syntax {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: format!("not CASE JSON: {e}"),
    })?;
    let document = package
        .get("CFDocument")
        .filter(|d| d.is_object())
        .ok_or_else(|| content("not a CASE package: it has no CFDocument".into()))?;
    let text_of = |value: &Value, name: &str| {
        value
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let document_id = text_of(document, "identifier");
    let items: HashMap<String, &Value> = package
        .get("CFItems")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| Some((i.get("identifier")?.as_str()?.to_string(), i)))
                .collect()
        })
        .unwrap_or_default();
    // Children of each parent, with their sequence numbers, in file order.
    let mut children: HashMap<String, Vec<(i64, usize, String)>> = HashMap::new();
    let associations = package
        .get("CFAssociations")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (order, association) in associations.iter().enumerate() {
        if association.get("associationType").and_then(Value::as_str) != Some("isChildOf") {
            continue;
        }
        let end = |name: &str| {
            association
                .get(name)
                .and_then(|n| n.get("identifier"))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let (Some(child), Some(parent)) = (end("originNodeURI"), end("destinationNodeURI")) else {
            continue;
        };
        let sequence = association
            .get("sequenceNumber")
            .and_then(Value::as_i64)
            .unwrap_or(i64::MAX);
        children
            .entry(parent)
            .or_default()
            .push((sequence, order, child));
    }
    for list in children.values_mut() {
        list.sort();
    }
    let kind_of = |item: &Value| text_of(item, "CFItemType");
    // Items build depth first with an explicit stack; a cycle or a depth past any map's is cut
    // off by the map's own rules when it is built.
    fn item_of(
        id: &str,
        items: &HashMap<String, &Value>,
        children: &HashMap<String, Vec<(i64, usize, String)>>,
        depth: usize,
        kind_of: &dyn Fn(&Value) -> String,
        budget: &std::cell::Cell<usize>,
    ) -> Option<Item> {
        // An item placed under several parents is read at each: a package whose placements
        // multiply past any real map's size is refused (below), not read for minutes.
        if budget.get() >= MOST_ITEMS {
            return None;
        }
        budget.set(budget.get() + 1);
        let value = items.get(id)?;
        let text = |name: &str| value.get(name).and_then(Value::as_str).map(str::to_string);
        let statement = text("fullStatement").unwrap_or_default();
        let below: Vec<&str> = children
            .get(id)
            .map(|c| c.iter().map(|(_, _, child)| child.as_str()).collect())
            .unwrap_or_default();
        let kind = kind_of(value);
        let is_unit = kind == "NOS unit"
            || (kind != "Function"
                && !below.iter().any(|c| {
                    items.get(*c).is_some_and(|v| {
                        kind_of(v) != "Performance criterion"
                            && kind_of(v) != "Knowledge and understanding"
                            && kind_of(v) != "Heading"
                    })
                }));
        let mut item = Item {
            text: statement.clone(),
            title: Some(statement),
            key: Some(id.to_string()),
            note: text("notes").unwrap_or_default(),
            ..Item::default()
        };
        if is_unit {
            item.kind = Some("unit".into());
            item.urn = Some(text("humanCodingScheme").unwrap_or_default());
            let mut lists = [
                (Vec::new(), "performance-criteria", PC_STEM),
                (Vec::new(), "knowledge", KU_STEM),
            ];
            for child in below {
                let Some(value) = items.get(child) else {
                    continue;
                };
                let words = value
                    .get("fullStatement")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let (list, kind) = match kind_of(value).as_str() {
                    "Performance criterion" => (0, "item"),
                    "Knowledge and understanding" => (1, "item"),
                    "Heading"
                        if value.get("alternativeLabel").and_then(Value::as_str)
                            == Some("Knowledge and understanding") =>
                    {
                        (1, "heading")
                    }
                    "Heading" => (0, "heading"),
                    _ => continue,
                };
                lists[list].0.push(Item {
                    text: words.to_string(),
                    kind: Some(kind.into()),
                    ..Item::default()
                });
            }
            for (statements, kind, stem) in lists {
                if !statements.is_empty() {
                    item.children.push(Item {
                        text: stem.into(),
                        kind: Some(kind.into()),
                        children: statements,
                        ..Item::default()
                    });
                }
            }
        } else {
            item.kind = Some("function".into());
            item.code = Some(text("humanCodingScheme").unwrap_or_default());
            if depth <= crate::model::MAX_DEPTH + 4 {
                item.children = below
                    .iter()
                    .filter_map(|c| item_of(c, items, children, depth + 1, kind_of, budget))
                    .collect();
            }
        }
        Some(item)
    }
    let budget = std::cell::Cell::new(0);
    // The document's children, then items that are nobody's child (some packages leave their
    // top items unattached), in file order.
    let mut top_ids: Vec<String> = children
        .get(&document_id)
        .map(|c| c.iter().map(|(_, _, child)| child.clone()).collect())
        .unwrap_or_default();
    let attached: std::collections::HashSet<&String> = children
        .values()
        .flatten()
        .map(|(_, _, child)| child)
        .collect();
    if let Some(all) = package.get("CFItems").and_then(Value::as_array) {
        for item in all {
            let Some(id) = item.get("identifier").and_then(Value::as_str) else {
                continue;
            };
            if !attached.contains(&id.to_string()) && !top_ids.iter().any(|t| t == id) {
                top_ids.push(id.to_string());
            }
        }
    }
    let tops: Vec<Item> = top_ids
        .iter()
        .filter_map(|child| item_of(child, &items, &children, 1, &kind_of, &budget))
        .collect();
    if budget.get() >= MOST_ITEMS {
        return Err(content(format!(
            "the package's placements come to more than {MOST_ITEMS} items; nosmap reads packages of at most that many"
        )));
    }
    let top = Item {
        text: text_of(document, "description"),
        kind: Some("key-purpose".into()),
        children: tops,
        ..Item::default()
    };
    super::outline::build(&text_of(document, "title"), vec![top])
        .map_err(|(_, message)| content(message))
}
