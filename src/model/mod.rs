//! The functional map: pure data with an invariant-keeping API.
//!
//! A map has one key purpose at its root, functions at any depth below it, and NOS units as leaves.
//! A unit is defined once and may be placed under several functions. This module never names egui,
//! never touches the file system and derives no serde traits: files have their own types in `io`.
//! Only `edit` changes a map (through the `pub(crate)` methods below); everyone else reads it.

mod comment;
mod date;
pub mod fields;
mod hierarchy;
mod ids;
mod location;
mod meta;
mod node;
pub mod outline;
mod revisions;
mod unit;
mod urn;
mod workshop_log;

use std::collections::BTreeMap;

pub use comment::{
    Comment, CommentAnchor, CommentId, CommentKind, Disposition, Nation, STAKEHOLDER_TYPES,
};
pub use date::Date;
use hierarchy::Hierarchy;
pub use ids::{NodeId, StatementId};
pub use location::{Location, Part, field_label};
pub use meta::{MapMeta, Rgb, Theme, default_level_names, pan_sector_themes};
pub use node::{
    Annotations, Conflict, Dismissal, Function, KeyPurpose, Node, NodeKind, Verdict, Workshop,
};
pub use revisions::Stamp;
pub use unit::{
    Category, GlossaryEntry, Statement, StatementList, Status, Unit, UnitMetadata, Validity,
    numbering, restate, statements_from_text, statements_to_text,
};
pub use urn::split_leading_urn;
pub use workshop_log::{ChangeKind, Decision, Idea, Session, SessionChange};

/// How many levels below its key purpose a map may reach (key areas are level 1). Real maps go
/// three to six deep; the limit keeps what grows with depth (outline numbers, the path columns of
/// exports) proportional to the map's size, where a hostile 10,000-level chain made exports take
/// gigabytes.
pub const MAX_DEPTH: usize = 100;

/// How many levels a branch spans from `top` (itself included), its children given by
/// `children_of`: a map's ([`FunctionalMap::height`]) or a branch about to be inserted.
pub fn height_below<'a>(top: NodeId, children_of: impl Fn(NodeId) -> &'a [NodeId]) -> usize {
    let mut height = 0;
    let mut stack = vec![(top, 1)];
    while let Some((node, level)) = stack.pop() {
        height = height.max(level);
        // A level past the limit is as far as anyone needs to know (and ends a walk round a
        // cycle in a map that is being checked for one).
        if level <= MAX_DEPTH + 1 {
            stack.extend(children_of(node).iter().map(|&c| (c, level + 1)));
        }
    }
    height
}

/// A functional map: key purpose → functions → NOS units.
///
/// Two maps are equal when they say the same; the id high-water marks are the map's history, not
/// its content, and do not take part.
#[derive(Clone, Debug)]
pub struct FunctionalMap {
    meta: MapMeta,
    root: NodeId,
    nodes: BTreeMap<NodeId, Node>,
    hierarchy: Hierarchy,
    /// The first node id never given out. Only grows: undo, delete and reload keep it.
    next_node: NodeId,
    /// The first statement id never given out. Only grows.
    next_statement: StatementId,
    /// When each part last changed (not part of what the map says).
    revisions: revisions::Revisions,
}

impl PartialEq for FunctionalMap {
    fn eq(&self, other: &Self) -> bool {
        self.meta == other.meta
            && self.root == other.root
            && self.nodes == other.nodes
            && self.hierarchy == other.hierarchy
    }
}

impl Eq for FunctionalMap {}

impl FunctionalMap {
    /// A map holding only its key purpose (id 1).
    pub fn new(meta: MapMeta, key_purpose: KeyPurpose) -> Self {
        Self::with_root(meta, NodeId::from_raw(1), key_purpose)
    }

    /// A map holding only its key purpose, under a given id (used by the file loader).
    pub(crate) fn with_root(meta: MapMeta, root: NodeId, key_purpose: KeyPurpose) -> Self {
        let mut map = Self {
            meta,
            root,
            nodes: BTreeMap::new(),
            hierarchy: Hierarchy::default(),
            next_node: NodeId::from_raw(1),
            next_statement: StatementId::from_raw(1),
            revisions: revisions::Revisions::default(),
        };
        map.insert_node(root, Node::KeyPurpose(key_purpose));
        map
    }

    /// Map metadata.
    pub fn meta(&self) -> &MapMeta {
        &self.meta
    }

    /// The key purpose's id.
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// A node's content.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(&id)
    }

    /// True when the map holds this id.
    pub fn contains(&self, id: NodeId) -> bool {
        self.nodes.contains_key(&id)
    }

    /// A unit's content, if `id` is a unit.
    pub fn unit(&self, id: NodeId) -> Option<&Unit> {
        self.node(id).and_then(Node::as_unit)
    }

    /// Every node in id order.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes.iter().map(|(&id, node)| (id, node))
    }

    /// Every unit in id order.
    pub fn units(&self) -> impl Iterator<Item = (NodeId, &Unit)> {
        self.nodes()
            .filter_map(|(id, node)| node.as_unit().map(|unit| (id, unit)))
    }

    /// Number of nodes, key purpose included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// A map always holds its key purpose, so it is never empty.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The ordered children of a node.
    pub fn children(&self, id: NodeId) -> &[NodeId] {
        self.hierarchy.children(id)
    }

    /// The parents of a node in id order: none for the key purpose, one for a function, one or
    /// more for a unit.
    pub fn parents(&self, id: NodeId) -> Vec<NodeId> {
        self.hierarchy.parents(id)
    }

    /// Where `child` sits among `parent`'s children.
    pub fn index_in_parent(&self, parent: NodeId, child: NodeId) -> Option<usize> {
        self.children(parent).iter().position(|&c| c == child)
    }

    /// True when `descendant` is `ancestor` or lies in its branch.
    pub fn is_in_branch(&self, ancestor: NodeId, descendant: NodeId) -> bool {
        self.hierarchy.reaches(ancestor, descendant)
    }

    /// Depth of a function below the key purpose (1 = key area). Units report the depth of their
    /// first placement plus one; the key purpose is 0.
    pub fn depth(&self, id: NodeId) -> usize {
        let mut depth = 0;
        let mut current = id;
        while let Some(&parent) = self.parents(current).first() {
            depth += 1;
            current = parent;
        }
        depth
    }

    /// How many levels the branch of `id` spans, itself included (a unit or an empty function: 1).
    /// Walks the branch once.
    pub fn height(&self, id: NodeId) -> usize {
        height_below(id, |node| self.children(node))
    }

    /// The first node, in map order (depth first, children in order), more than [`MAX_DEPTH`]
    /// levels below the key purpose, with its depth, or `None` when the whole map is within it.
    pub fn too_deep(&self) -> Option<(NodeId, usize)> {
        let mut deepest_seen: std::collections::HashMap<NodeId, usize> =
            std::collections::HashMap::new();
        let mut stack = vec![(self.root, 0)];
        while let Some((node, depth)) = stack.pop() {
            if depth > MAX_DEPTH {
                return Some((node, depth));
            }
            // A node reached again no deeper than before has nothing new below it (a shared
            // unit, or a second parent in a map being checked).
            if deepest_seen.get(&node).is_some_and(|&d| d >= depth) {
                continue;
            }
            deepest_seen.insert(node, depth);
            stack.extend(self.children(node).iter().rev().map(|&c| (c, depth + 1)));
        }
        None
    }

    /// An id no node of this map has ever had (the high-water mark): a new node's id. Callers
    /// making several nodes at once count on from it.
    pub fn next_free_id(&self) -> NodeId {
        self.next_node
    }

    /// A statement id this map has never given out; new statements get ids from here when the
    /// edit adding them is applied.
    pub fn next_statement_id(&self) -> StatementId {
        self.next_statement
    }

    /// The same map with its statements numbered 1, 2, 3… in node and print order, and the
    /// statement references of dismissals following them: for comparing what two maps say when
    /// one came through a form that does not keep statement ids (a spreadsheet).
    pub fn with_statement_ids_in_order(&self) -> FunctionalMap {
        let mut map = self.clone();
        let mut next = StatementId::from_raw(1);
        for node in map.nodes.values_mut() {
            let content = std::mem::replace(node, Node::KeyPurpose(KeyPurpose::default()));
            *node = content.with_fresh_statement_ids(&mut next);
        }
        map.next_statement = map.next_statement.max(next);
        map
    }

    /// The map's title as people should see it: the title set in its settings or, until one is
    /// set, the start of its key purpose ("Untitled map" while that is empty too).
    pub fn display_title(&self) -> String {
        let set = self.meta.title.trim();
        if !set.is_empty() {
            return set.to_string();
        }
        let purpose = self.node(self.root).map_or("", Node::title).trim();
        if purpose.is_empty() {
            return "Untitled map".to_string();
        }
        const LONGEST: usize = 60;
        if purpose.chars().count() <= LONGEST {
            return purpose.to_string();
        }
        // Cut at a word boundary.
        let cut: String = purpose.chars().take(LONGEST).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", cut[..at].trim_end())
    }

    /// A short description of a node for messages, e.g. `function A “Managing self”`.
    pub fn describe(&self, id: NodeId) -> String {
        self.node(id)
            .map_or_else(|| format!("node {id} (not in the map)"), Node::describe)
    }

    /// The map as it is now: which map, and when it, its structure and its metadata last
    /// changed. What is derived from the map keeps the stamp it was derived at.
    pub fn stamp(&self) -> Stamp {
        self.revisions.stamp()
    }

    /// The tick at which a node last changed (its content, parents or children); 0 if never.
    pub fn node_changed_at(&self, id: NodeId) -> u64 {
        self.revisions.node(id)
    }

    /// Nodes changed after the tick `since` (removed ones included), in no particular order.
    pub fn changed_since(&self, since: u64) -> impl Iterator<Item = NodeId> + '_ {
        self.revisions.changed_since(since)
    }

    /// How many parents a node has (a shared unit more than one), without listing them.
    pub fn parent_count(&self, id: NodeId) -> usize {
        self.hierarchy.parent_count(id)
    }

    /// Every node in the branch under `top`, `top` included, each once (a unit placed twice in
    /// the branch too), in no particular order.
    pub fn branch(&self, top: NodeId) -> Vec<NodeId> {
        let mut seen = std::collections::HashSet::new();
        let mut stack = vec![top];
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                stack.extend_from_slice(self.children(id));
            }
        }
        seen.into_iter().collect()
    }

    /// Every node in depth-first order from the key purpose; a shared unit appears once per
    /// placement, paired with the parent it is placed under.
    pub fn walk(&self) -> Vec<(Option<NodeId>, NodeId)> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![(None, self.root)];
        while let Some((parent, id)) = stack.pop() {
            out.push((parent, id));
            for &child in self.children(id).iter().rev() {
                stack.push((Some(id), child));
            }
        }
        out
    }

    /// Every broken rule of the model, in words. Empty for a sound map; checked after every
    /// command in tests.
    pub fn check_invariants(&self) -> Vec<String> {
        let mut problems = self.hierarchy.check_consistency();
        if let Some((id, depth)) = self.too_deep() {
            problems.push(format!(
                "{} sits {depth} levels below the key purpose; a map holds at most {MAX_DEPTH}",
                self.describe(id)
            ));
        }
        match self.node(self.root) {
            Some(Node::KeyPurpose(_)) => {}
            _ => problems.push(format!("the root {} is not a key purpose", self.root)),
        }
        for (id, node) in self.nodes() {
            let parents = self.parents(id);
            match node.kind() {
                NodeKind::KeyPurpose if id != self.root => {
                    problems.push(format!("{id} is a second key purpose"));
                }
                NodeKind::KeyPurpose if !parents.is_empty() => {
                    problems.push("the key purpose has a parent".to_string());
                }
                NodeKind::Function if parents.len() != 1 => {
                    problems.push(format!(
                        "function {id} has {} parents instead of one",
                        parents.len()
                    ));
                }
                NodeKind::Unit if parents.is_empty() => {
                    problems.push(format!("unit {id} is not placed anywhere"));
                }
                NodeKind::Unit if !self.children(id).is_empty() => {
                    problems.push(format!("unit {id} has children"));
                }
                _ => {}
            }
            for &child in self.children(id) {
                if !self.contains(child) {
                    problems.push(format!("{id} lists a child {child} that does not exist"));
                }
            }
            if let Some(conflict) = node.conflict_without_statement() {
                problems.push(format!(
                    "{id} records a merge conflict on statement {}, which it does not hold",
                    conflict.statement.map_or(0, StatementId::raw)
                ));
            }
        }
        problems
    }

    // The mutators below are for `edit::apply` and the `io` loader only; they check nothing.

    pub(crate) fn insert_node(&mut self, id: NodeId, mut node: Node) {
        self.revisions.structure_changed(&[id]);
        self.claim_ids(&mut node);
        self.next_node = self.next_node.max(id.next());
        self.hierarchy.add_node(id);
        self.nodes.insert(id, node);
    }

    /// Replaces a node's content, giving new statements their ids.
    pub(crate) fn replace_node(&mut self, id: NodeId, mut node: Node) -> Option<Node> {
        // A node of another kind changes what the map is made of, not only what it says.
        if self.nodes.get(&id).map(Node::kind) == Some(node.kind()) {
            self.revisions.node_changed(id);
        } else {
            self.revisions.structure_changed(&[id]);
        }
        self.claim_ids(&mut node);
        self.nodes.insert(id, node)
    }

    /// Raises the high-water marks to at least these (the loader, from the file).
    pub(crate) fn raise_id_marks(&mut self, node: NodeId, statement: StatementId) {
        self.next_node = self.next_node.max(node);
        self.next_statement = self.next_statement.max(statement);
    }

    /// Gives a new statement a fresh id, or moves the mark past the id it has.
    pub(crate) fn claim_statement_id(&mut self, id: &mut StatementId) {
        if id.is_assigned() {
            self.next_statement = self.next_statement.max(id.next());
        } else {
            *id = self.next_statement;
            self.next_statement = self.next_statement.next();
        }
    }

    /// Claims every statement id of a node (ids it carries first, so fresh ones never collide).
    pub(crate) fn claim_ids(&mut self, node: &mut Node) {
        let mut ids = node.id_slots_mut();
        for id in ids.iter_mut().filter(|id| id.is_assigned()) {
            self.claim_statement_id(id);
        }
        for id in ids.iter_mut().filter(|id| !id.is_assigned()) {
            self.claim_statement_id(id);
        }
    }

    pub(crate) fn remove_node(&mut self, id: NodeId) -> Option<Node> {
        let mut touched = self.hierarchy.parents(id);
        touched.extend_from_slice(self.hierarchy.children(id));
        touched.push(id);
        self.revisions.structure_changed(&touched);
        self.hierarchy.remove_node(id);
        self.nodes.remove(&id)
    }

    pub(crate) fn link(&mut self, parent: NodeId, child: NodeId, index: usize) {
        self.revisions.structure_changed(&[parent, child]);
        self.hierarchy.link(parent, child, index);
    }

    pub(crate) fn unlink(&mut self, parent: NodeId, child: NodeId) -> Option<usize> {
        self.revisions.structure_changed(&[parent, child]);
        self.hierarchy.unlink(parent, child)
    }

    pub(crate) fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        self.revisions.node_changed(id);
        self.nodes.get_mut(&id)
    }

    pub(crate) fn set_meta(&mut self, meta: MapMeta) -> MapMeta {
        self.revisions.meta_changed();
        std::mem::replace(&mut self.meta, meta)
    }
}
