//! Taking changes from one version into a map: each chosen change becomes ordinary edits,
//! applied through the document's history as one undoable step.
//!
//! The map taken into is the old version or a descendant of it (it shares the old version's
//! ids: a merge takes "their" changes into "ours"). Nodes and statements that come over get the
//! other version's ids when the two share their ids and the map has never used them, else fresh
//! ones: ids are handed out in ascending order, so taking every change of a comparison gives the
//! new version exactly.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::changes::{Change, Comparison};
use super::statements::{StatementChange, pair_statements};
use crate::edit::{Document, Edit, EditError};
use crate::model::fields::{MapField, UnitField};
use crate::model::{FunctionalMap, Node, NodeId, Statement, StatementId, StatementList, Unit};

/// Takes the changes at `chosen` (indices into `comparison.changes`) into `doc` as one step
/// named `label`. Refused as a whole, changing nothing, when one of them cannot be taken (a
/// node moved under a parent the map does not have, say).
pub fn take(
    doc: &mut Document,
    label: &str,
    old: &FunctionalMap,
    new: &FunctionalMap,
    comparison: &Comparison,
    chosen: &[usize],
) -> Result<(), EditError> {
    let changes: Vec<&Change> = chosen
        .iter()
        .filter_map(|&i| comparison.changes.get(i))
        .collect();
    doc.transact(label, |doc| {
        let mut taker = Taker::new(doc.map(), old, new, comparison, &changes);
        taker.run(doc, &changes)
    })
}

/// Takes every change: the map becomes the new version (exactly, when it was the old one).
pub fn take_all(
    doc: &mut Document,
    label: &str,
    old: &FunctionalMap,
    new: &FunctionalMap,
    comparison: &Comparison,
) -> Result<(), EditError> {
    let all: Vec<usize> = (0..comparison.changes.len()).collect();
    take(doc, label, old, new, comparison, &all)
}

struct Taker<'a> {
    old: &'a FunctionalMap,
    new: &'a FunctionalMap,
    comparison: &'a Comparison,
    /// New version's node → the map's node.
    nodes: HashMap<NodeId, NodeId>,
    /// New version's statement → the id it gets in the map (statements that come over).
    statements: HashMap<StatementId, StatementId>,
    /// Nodes of the new version that come over, in its outline order.
    added: Vec<NodeId>,
    /// The new version's outline order of every node (first placement).
    order: HashMap<NodeId, usize>,
    /// Nodes made again under a new id: the new version's node → the id it gets in the map.
    recreated: HashMap<NodeId, NodeId>,
}

impl<'a> Taker<'a> {
    fn new(
        target: &FunctionalMap,
        old: &'a FunctionalMap,
        new: &'a FunctionalMap,
        comparison: &'a Comparison,
        changes: &[&Change],
    ) -> Self {
        let mut order = HashMap::new();
        for (i, (_, id)) in new.walk().into_iter().enumerate() {
            order.entry(id).or_insert(i);
        }
        let nodes = new
            .nodes()
            .filter_map(|(n, _)| comparison.matching.old_of(n).map(|o| (n, o)))
            .filter(|&(_, o)| target.contains(o))
            .collect();
        let mut taker = Self {
            old,
            new,
            comparison,
            nodes,
            statements: HashMap::new(),
            added: Vec::new(),
            order,
            recreated: HashMap::new(),
        };
        taker.plan_nodes(target, changes);
        taker.plan_statements(target, changes);
        taker
    }

    /// The nodes that come over and their ids in the map.
    fn plan_nodes(&mut self, target: &FunctionalMap, changes: &[&Change]) {
        let mut added: HashSet<NodeId> = HashSet::new();
        for change in changes {
            let Change::Added { new, .. } = change else {
                continue;
            };
            let mut stack = vec![*new];
            while let Some(id) = stack.pop() {
                if self.nodes.contains_key(&id) || !added.insert(id) {
                    continue;
                }
                stack.extend(self.new.children(id).iter().copied());
            }
        }
        let recreated: HashSet<NodeId> = changes
            .iter()
            .filter_map(|c| match c {
                Change::Recreated { new, .. } => Some(*new),
                _ => None,
            })
            .collect();
        let mut ids: Vec<NodeId> = added.iter().chain(&recreated).copied().collect();
        ids.sort();
        let mut mark = target.next_free_id();
        let shared = self.comparison.matching.shared_ids;
        for id in ids {
            let given = if shared && id >= mark { id } else { mark };
            mark = given.next();
            if recreated.contains(&id) {
                self.recreated.insert(id, given);
            } else {
                self.nodes.insert(id, given);
            }
        }
        let mut in_order: Vec<NodeId> = added.into_iter().collect();
        in_order.sort_by_key(|id| self.order.get(id).copied().unwrap_or(usize::MAX));
        self.added = in_order;
    }

    /// The statements that come over (those of added units, added statements, glossary entries)
    /// and their ids in the map.
    fn plan_statements(&mut self, target: &FunctionalMap, changes: &[&Change]) {
        let mut incoming: Vec<StatementId> = Vec::new();
        for &id in self.added.iter().chain(self.recreated.keys()) {
            if let Some(unit) = self.new.unit(id) {
                incoming.extend(all_statement_ids(unit));
            }
        }
        for change in changes {
            match change {
                Change::Statement {
                    change: StatementChange::Added { new },
                    ..
                } => incoming.push(*new),
                Change::Field { old, new, field } if *field == UnitField::Glossary.key() => {
                    let kept: HashSet<StatementId> = match target.unit(*old) {
                        Some(unit) if self.comparison.matching.shared_ids => {
                            unit.glossary.iter().map(|g| g.id).collect()
                        }
                        _ => HashSet::new(),
                    };
                    if let Some(unit) = self.new.unit(*new) {
                        for entry in &unit.glossary {
                            if kept.contains(&entry.id) {
                                self.statements.insert(entry.id, entry.id);
                            } else {
                                incoming.push(entry.id);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        incoming.sort();
        incoming.dedup();
        let mut mark = target.next_statement_id();
        let shared = self.comparison.matching.shared_ids;
        for id in incoming {
            let given = if shared && id >= mark { id } else { mark };
            mark = given.next();
            self.statements.insert(id, given);
        }
    }

    fn run(&mut self, doc: &mut Document, changes: &[&Change]) -> Result<(), EditError> {
        let label = "take";
        for change in changes {
            if let Change::Setting { field } = change {
                let mut meta = doc.map().meta().clone();
                copy_setting(*field, self.new.meta(), &mut meta);
                doc.apply(label, Edit::SetMeta(meta))?;
            }
        }
        // Whole branches first, parents before children.
        let mut extra_places: Vec<(NodeId, NodeId)> = Vec::new();
        for new_id in self.added.clone() {
            let parents = self.new.parents(new_id);
            let Some(&under) = parents.iter().find(|p| self.in_map(doc, **p)) else {
                return Err(not_possible(
                    self.new,
                    new_id,
                    "its parent is not in the map",
                ));
            };
            let node = self.incoming_node(new_id);
            let parent = self.nodes[&under];
            let index = self.position(doc.map(), under, new_id);
            doc.apply(
                label,
                Edit::AddNode {
                    id: self.nodes[&new_id],
                    parent,
                    index,
                    node,
                },
            )?;
            extra_places.extend(
                parents
                    .into_iter()
                    .filter(|&p| p != under)
                    .map(|p| (new_id, p)),
            );
        }
        for change in changes {
            if let Change::PlacementAdded { new, new_parent } = change {
                extra_places.push((*new, *new_parent));
            }
        }
        extra_places.sort_by_key(|(n, p)| (self.rank(*p), self.rank(*n)));
        extra_places.dedup();
        for (new_id, new_parent) in extra_places {
            let (Some(&unit), Some(&parent)) =
                (self.nodes.get(&new_id), self.nodes.get(&new_parent))
            else {
                continue;
            };
            if doc.map().index_in_parent(parent, unit).is_some() {
                continue;
            }
            let index = self.position(doc.map(), new_parent, new_id);
            doc.apply(
                label,
                Edit::Place {
                    unit,
                    parent,
                    index,
                },
            )?;
        }
        let mut moves: Vec<&Change> = changes
            .iter()
            .copied()
            .filter(|c| matches!(c, Change::Moved { .. }))
            .collect();
        moves.sort_by_key(|c| match c {
            Change::Moved { new, .. } => self.rank(*new),
            _ => usize::MAX,
        });
        for change in moves {
            let Change::Moved {
                old,
                new,
                old_parent,
                new_parent,
            } = change
            else {
                continue;
            };
            let Some(&to) = self.nodes.get(new_parent) else {
                return Err(not_possible(
                    self.new,
                    *new,
                    "the parent it moved to is not in the map",
                ));
            };
            let parents = doc.map().parents(*old);
            let from = if parents.contains(old_parent) {
                *old_parent
            } else {
                match parents.first() {
                    Some(&first) => first,
                    None => return Err(EditError::UnknownNode(*old)),
                }
            };
            if from == to {
                continue;
            }
            let index = self.position(doc.map(), *new_parent, *new);
            doc.apply(
                label,
                Edit::Move {
                    node: *old,
                    from,
                    to,
                    index,
                },
            )?;
        }
        for change in changes {
            match change {
                Change::Removed { old, old_parents } => {
                    for &parent in old_parents {
                        if doc.map().index_in_parent(parent, *old).is_some() {
                            doc.apply(label, Edit::Remove { node: *old, parent })?;
                        }
                    }
                }
                Change::PlacementRemoved { old, old_parent }
                    if doc.map().index_in_parent(*old_parent, *old).is_some() =>
                {
                    doc.apply(
                        label,
                        Edit::Remove {
                            node: *old,
                            parent: *old_parent,
                        },
                    )?;
                }
                _ => {}
            }
        }
        for change in changes {
            if let Change::Reordered { old, new } = change {
                self.order_like_new(doc, *old, *new)?;
            }
        }
        self.take_content(doc, changes)?;
        for change in changes {
            if let Change::Recreated { old, new } = change {
                self.recreate(doc, *old, *new)?;
            }
        }
        Ok(())
    }

    /// Gives a node the new version's id and content: the node under its new id takes the old
    /// one's places and children, and the old one goes.
    fn recreate(&self, doc: &mut Document, old: NodeId, new: NodeId) -> Result<(), EditError> {
        let Some(&id) = self.recreated.get(&new) else {
            return Ok(());
        };
        if !doc.map().contains(old) {
            return Ok(());
        }
        let parents = doc.map().parents(old);
        for (i, &parent) in parents.iter().enumerate() {
            let index = doc.map().index_in_parent(parent, old).unwrap_or(0);
            let edit = if i == 0 {
                Edit::AddNode {
                    id,
                    parent,
                    index,
                    node: self.incoming_node(new),
                }
            } else {
                Edit::Place {
                    unit: id,
                    parent,
                    index,
                }
            };
            doc.apply("take", edit)?;
        }
        for (index, child) in doc.map().children(old).to_vec().into_iter().enumerate() {
            doc.apply(
                "take",
                Edit::Move {
                    node: child,
                    from: old,
                    to: id,
                    index,
                },
            )?;
        }
        for parent in parents {
            doc.apply("take", Edit::Remove { node: old, parent })?;
        }
        Ok(())
    }

    fn in_map(&self, doc: &Document, new_id: NodeId) -> bool {
        self.nodes
            .get(&new_id)
            .is_some_and(|&id| doc.map().contains(id))
    }

    fn rank(&self, new_id: NodeId) -> usize {
        self.order.get(&new_id).copied().unwrap_or(usize::MAX)
    }

    /// Where `new_id` goes among the map's children of `new_parent`'s counterpart: after the
    /// nearest sibling before it (in the new version) that the map has, else first.
    fn position(&self, target: &FunctionalMap, new_parent: NodeId, new_id: NodeId) -> usize {
        let Some(&parent) = self.nodes.get(&new_parent) else {
            return 0;
        };
        let siblings = self.new.children(new_parent);
        let at = siblings.iter().position(|&c| c == new_id).unwrap_or(0);
        let children = target.children(parent);
        siblings[..at]
            .iter()
            .rev()
            .filter_map(|s| self.nodes.get(s))
            .find_map(|s| children.iter().position(|c| c == s))
            .map_or(0, |i| i + 1)
    }

    /// Puts the children both versions have under a node in the new version's order.
    fn order_like_new(
        &self,
        doc: &mut Document,
        old: NodeId,
        new: NodeId,
    ) -> Result<(), EditError> {
        let children = doc.map().children(old).to_vec();
        let wanted: Vec<NodeId> = self
            .new
            .children(new)
            .iter()
            .filter_map(|c| self.nodes.get(c).copied())
            .filter(|c| children.contains(c))
            .collect();
        // The common children take the slots they hold now, in the new order.
        let slots: Vec<usize> = children
            .iter()
            .enumerate()
            .filter(|(_, c)| wanted.contains(c))
            .map(|(i, _)| i)
            .collect();
        for (slot, &child) in slots.into_iter().zip(&wanted) {
            let now = doc.map().index_in_parent(old, child);
            if now != Some(slot) {
                doc.apply(
                    "take",
                    Edit::Move {
                        node: child,
                        from: old,
                        to: old,
                        index: slot,
                    },
                )?;
            }
        }
        Ok(())
    }

    /// A node of the new version as it comes over: statement ids as planned.
    fn incoming_node(&self, new_id: NodeId) -> Node {
        let mut node = self.new.node(new_id).cloned().unwrap_or_default_node();
        if let Node::Unit(unit) = &mut node {
            rename_statements(unit, |id| self.statements.get(&id).copied().unwrap_or(id));
        }
        node
    }

    /// Titles, fields, statements and annotations, one `SetNode` per node.
    fn take_content(&self, doc: &mut Document, changes: &[&Change]) -> Result<(), EditError> {
        let mut by_node: BTreeMap<NodeId, Vec<&Change>> = BTreeMap::new();
        for &change in changes {
            match change {
                Change::Renamed { old, .. }
                | Change::Field { old, .. }
                | Change::Statement { old, .. }
                | Change::Annotations { old, .. } => by_node.entry(*old).or_default().push(change),
                _ => {}
            }
        }
        for (old_id, node_changes) in by_node {
            let Some(mut node) = doc.map().node(old_id).cloned() else {
                return Err(EditError::UnknownNode(old_id));
            };
            let Some(
                Change::Renamed { new, .. }
                | Change::Field { new, .. }
                | Change::Statement { new, .. }
                | Change::Annotations { new, .. },
            ) = node_changes.first().copied()
            else {
                continue;
            };
            let Some(theirs) = self.new.node(*new) else {
                continue;
            };
            let mut lists: BTreeMap<StatementList, Vec<StatementChange>> = BTreeMap::new();
            for change in &node_changes {
                match change {
                    Change::Renamed { .. } => set_title(&mut node, theirs.title()),
                    Change::Field { field, .. } => self.copy_field(&mut node, theirs, field),
                    Change::Statement { list, change, .. } => {
                        lists.entry(*list).or_default().push(*change);
                    }
                    Change::Annotations { .. } => {
                        let mut annotations = theirs.annotations().clone();
                        for dismissal in &mut annotations.dismissed {
                            if let Some(s) = &mut dismissal.statement {
                                *s = self.statements.get(s).copied().unwrap_or(*s);
                            }
                        }
                        *node.annotations_mut() = annotations;
                    }
                    _ => {}
                }
            }
            if let (Node::Unit(unit), Node::Unit(their_unit)) = (&mut node, theirs) {
                let old_unit = self.old.unit(old_id);
                for (list, list_changes) in lists {
                    let old_list = old_unit.map_or(&[][..], |u| u.statements(list));
                    self.take_statements(unit, their_unit, old_list, list, &list_changes);
                }
            }
            doc.apply("take", Edit::SetNode { id: old_id, node })?;
        }
        Ok(())
    }

    fn copy_field(&self, node: &mut Node, theirs: &Node, field: &str) {
        match (node, theirs) {
            (Node::KeyPurpose(ours), Node::KeyPurpose(theirs)) if field == "notes" => {
                ours.notes = theirs.notes.clone();
            }
            (Node::Function(ours), Node::Function(theirs)) => match field {
                "code" => ours.code = theirs.code.clone(),
                "description" => ours.description = theirs.description.clone(),
                "gap" => ours.gap = theirs.gap,
                _ => {}
            },
            (Node::Unit(ours), Node::Unit(theirs)) => {
                if let Some(unit_field) = UnitField::ALL.into_iter().find(|f| f.key() == field) {
                    copy_unit_field(unit_field, theirs, ours);
                    if unit_field == UnitField::Glossary {
                        for entry in &mut ours.glossary {
                            entry.id = self.statements.get(&entry.id).copied().unwrap_or(entry.id);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Takes chosen statement changes of one list into `unit`.
    fn take_statements(
        &self,
        unit: &mut Unit,
        theirs: &Unit,
        old_list: &[Statement],
        list: StatementList,
        changes: &[StatementChange],
    ) {
        let their_list = theirs.statements(list);
        // Their statement → ours: paired ones, and the ones coming over.
        let mut ours_of: HashMap<StatementId, StatementId> =
            pair_statements(old_list, their_list, self.comparison.matching.shared_ids)
                .into_iter()
                .map(|(o, n)| (their_list[n].id, old_list[o].id))
                .collect();
        ours_of.extend(self.statements.iter().map(|(k, v)| (*k, *v)));
        let statements = unit.statements_mut(list);
        for change in changes {
            match *change {
                StatementChange::Removed { old } => statements.retain(|s| s.id != old),
                StatementChange::Changed { old, new } => {
                    if let (Some(ours), Some(their)) = (
                        statements.iter_mut().find(|s| s.id == old),
                        their_list.iter().find(|s| s.id == new),
                    ) {
                        ours.text = their.text.clone();
                        ours.heading = their.heading;
                    }
                }
                _ => {}
            }
        }
        for (at, their) in their_list.iter().enumerate() {
            let placed = changes.iter().find_map(|c| match *c {
                StatementChange::Added { new } if new == their.id => Some(Statement {
                    id: ours_of.get(&new).copied().unwrap_or(new),
                    text: their.text.clone(),
                    heading: their.heading,
                }),
                StatementChange::Moved { old, new } if new == their.id => {
                    let index = statements.iter().position(|s| s.id == old)?;
                    Some(statements.remove(index))
                }
                _ => None,
            });
            let Some(statement) = placed else { continue };
            let index = their_list[..at]
                .iter()
                .rev()
                .filter_map(|s| ours_of.get(&s.id))
                .find_map(|id| statements.iter().position(|s| s.id == *id))
                .map_or(0, |i| i + 1);
            statements.insert(index, statement);
        }
    }
}

trait OrDefaultNode {
    fn unwrap_or_default_node(self) -> Node;
}

impl OrDefaultNode for Option<Node> {
    fn unwrap_or_default_node(self) -> Node {
        self.unwrap_or_else(|| Node::Function(Default::default()))
    }
}

fn not_possible(map: &FunctionalMap, id: NodeId, why: &str) -> EditError {
    EditError::NotPossible(format!("cannot take {}: {why}", map.describe(id)))
}

fn all_statement_ids(unit: &Unit) -> Vec<StatementId> {
    let mut ids: Vec<StatementId> = unit.statement_ids().collect();
    ids.extend(unit.glossary.iter().map(|g| g.id));
    ids
}

/// Renames every statement and glossary id of a unit, and the dismissals naming them.
fn rename_statements(unit: &mut Unit, rename: impl Fn(StatementId) -> StatementId) {
    for list in StatementList::ALL {
        for statement in unit.statements_mut(list) {
            statement.id = rename(statement.id);
        }
    }
    for entry in &mut unit.glossary {
        entry.id = rename(entry.id);
    }
    for dismissal in &mut unit.annotations.dismissed {
        if let Some(s) = &mut dismissal.statement {
            *s = rename(*s);
        }
    }
}

fn set_title(node: &mut Node, title: &str) {
    match node {
        Node::KeyPurpose(kp) => kp.statement = title.to_string(),
        Node::Function(f) => f.title = title.to_string(),
        Node::Unit(u) => u.title = title.to_string(),
    }
}

fn copy_setting(field: MapField, from: &crate::model::MapMeta, to: &mut crate::model::MapMeta) {
    match field {
        MapField::Title => to.title = from.title.clone(),
        MapField::Sector => to.sector = from.sector.clone(),
        MapField::Suite => to.suite = from.suite.clone(),
        MapField::DevelopedBy => to.developed_by = from.developed_by.clone(),
        MapField::Version => to.version = from.version.clone(),
        MapField::Description => to.description = from.description.clone(),
        MapField::Authors => to.authors = from.authors.clone(),
        MapField::LevelNames => to.level_names = from.level_names.clone(),
        MapField::Themes => to.themes = from.themes.clone(),
    }
}

/// Copies one field's value (statement lists excepted: they change statement by statement).
fn copy_unit_field(field: UnitField, from: &Unit, to: &mut Unit) {
    let (m, t) = (&from.metadata, &mut to.metadata);
    match field {
        UnitField::Urn => to.urn = from.urn.clone(),
        UnitField::Title => to.title = from.title.clone(),
        UnitField::Overview => to.overview = from.overview.clone(),
        UnitField::Glossary => to.glossary = from.glossary.clone(),
        UnitField::LinksToOtherNos => to.links_to_other_nos = from.links_to_other_nos.clone(),
        UnitField::ExternalLinks => to.external_links = from.external_links.clone(),
        UnitField::DevelopedBy => t.developed_by = m.developed_by.clone(),
        UnitField::VersionNumber => t.version_number = m.version_number,
        UnitField::DateApproved => t.date_approved = m.date_approved,
        UnitField::IndicativeReviewDate => t.indicative_review_date = m.indicative_review_date,
        UnitField::Validity => t.validity = m.validity,
        UnitField::Status => t.status = m.status,
        UnitField::OriginatingOrganisation => {
            t.originating_organisation = m.originating_organisation.clone();
        }
        UnitField::OriginalUrn => t.original_urn = m.original_urn.clone(),
        UnitField::Occupations => t.occupations = m.occupations.clone(),
        UnitField::Suites => t.suites = m.suites.clone(),
        UnitField::Keywords => t.keywords = m.keywords.clone(),
        UnitField::SocCodes => t.soc_codes = m.soc_codes.clone(),
        UnitField::Category => t.category = m.category,
        UnitField::Themes => to.themes = from.themes.clone(),
        UnitField::PerformanceCriteria
        | UnitField::Knowledge
        | UnitField::ScopeRange
        | UnitField::ScopeRangePerformance
        | UnitField::ScopeRangeKnowledge
        | UnitField::Values
        | UnitField::Behaviours
        | UnitField::Skills => {}
    }
}
