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
//! in the map file; this is an export only.

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
                                None => "heading",
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
