//! Checks kept up to date with one map: after a change, only the nodes it touched and the rules
//! whose answers can depend on them are checked again.
//!
//! A full check is this with nothing known yet, so the two cannot drift apart. What each rule
//! depends on:
//! - rules on one node (sections, metadata, wording, near-identical statements, merge
//!   conflicts): the node, and for the structure rules its depth, its children and whether a
//!   unit sits below it ([`structure::Facts`], from one walk after any change of structure);
//! - `duplicate-urn` and `duplicate-title`: the units sharing a key, kept in an index by key, so
//!   a change re-checks only the groups the unit left and joined;
//! - `urn-shape` (one note per suite, in map order): checked again over the whole map only when
//!   the structure changed or a changed unit's URN is, or was, oddly shaped;
//! - `urn-prefix` (the map's majority prefix): again from every unit's known prefix, only when
//!   one changed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::{
    CheckContext, CheckReport, Finding, Findings, RULES, conflicts, rule, structure, units, urns,
    wording,
};
use crate::model::{Dismissal, FunctionalMap, Node, NodeId, Stamp};

/// A map's check report, brought up to date with [`Checker::update`].
#[derive(Clone, Debug, Default)]
pub struct Checker {
    context: CheckContext,
    /// The map as it was when last checked.
    stamp: Option<Stamp>,
    walk: Vec<(Option<NodeId>, NodeId)>,
    facts: structure::Facts,
    /// Where each node first appears in a depth-first walk: the report's order.
    position: HashMap<NodeId, usize>,
    /// Findings of the rules on one node that speak at the context's level, by node.
    local: HashMap<NodeId, Vec<Finding>>,
    /// How many findings of the rules on one node the level holds back, by node.
    local_held: HashMap<NodeId, usize>,
    urns: Groups,
    titles: Groups,
    /// `duplicate-urn` and `duplicate-title` findings, by node.
    duplicates: HashMap<NodeId, Vec<Finding>>,
    /// Units whose URN takes part in `urn-shape`.
    odd_urns: HashSet<NodeId>,
    urn_shape: HashMap<NodeId, Vec<Finding>>,
    prefixes: BTreeMap<NodeId, String>,
    urn_prefix: HashMap<NodeId, Vec<Finding>>,
    /// Every node's findings sorted into active, dismissed and held back.
    sorted: HashMap<NodeId, Sorted>,
    report: CheckReport,
    /// Checks once and is then taken apart ([`super::check`]): findings move into the report.
    one_shot: bool,
    /// How many times the report was brought up to date.
    generation: u64,
}

/// From this many nodes to check by themselves, they are checked on every core.
const CHECKED_IN_PARALLEL_FROM: usize = 1_000;

/// Up to this many nodes with findings to redo, the report is patched where they are; beyond,
/// it is put together again (each patch moves the findings after it).
const MOST_TO_PATCH: usize = 64;

/// Units grouped by a key (a URN's or a title's), for the duplicate rules.
#[derive(Clone, Debug, Default)]
struct Groups {
    key_of: HashMap<NodeId, String>,
    members: HashMap<String, BTreeSet<NodeId>>,
}

impl Groups {
    /// Files `id` under `key` (none: under no key), adding the members of the groups it left
    /// and joined to `affected`.
    /// A first filing (`affected: None`, the caller takes every unit as affected) adds no
    /// group to `affected`, which would cost the square of a big group's size.
    fn set(&mut self, id: NodeId, key: Option<String>, mut affected: Option<&mut HashSet<NodeId>>) {
        let key = key.filter(|k| !k.is_empty());
        let mut note = |group: &BTreeSet<NodeId>| {
            if let Some(affected) = affected.as_deref_mut() {
                affected.extend(group.iter().copied());
            }
        };
        if self.key_of.get(&id) == key.as_ref() {
            if let Some(group) = key.and_then(|k| self.members.get(&k)) {
                // Its own description is in the others' messages.
                note(group);
            }
            return;
        }
        if let Some(old) = self.key_of.remove(&id) {
            if let Some(group) = self.members.get_mut(&old) {
                group.remove(&id);
                note(group);
                if group.is_empty() {
                    self.members.remove(&old);
                }
            }
        }
        if let Some(key) = key {
            let group = self.members.entry(key.clone()).or_default();
            group.insert(id);
            note(group);
            self.key_of.insert(id, key);
        }
    }

    /// The group `id` is in, when it shares its key with another unit.
    fn shared(&self, id: NodeId) -> Option<&BTreeSet<NodeId>> {
        let group = self.members.get(self.key_of.get(&id)?)?;
        (group.len() > 1).then_some(group)
    }
}

/// One node's findings after its dismissals and the check level.
#[derive(Clone, Debug, Default)]
struct Sorted {
    active: Vec<Finding>,
    dismissed: Vec<(Finding, Dismissal)>,
    held_back: usize,
}

impl Checker {
    /// A checker that knows nothing yet: its first update checks the whole map.
    pub fn new(context: CheckContext) -> Self {
        Self {
            context,
            ..Self::default()
        }
    }

    /// The report on `map` under `context`, equal to [`super::check`]'s: the whole map is
    /// checked the first time, for another map, another context or changed metadata (level
    /// names are in messages); otherwise only what changed since the last update.
    pub fn update(&mut self, map: &FunctionalMap, context: &CheckContext) -> &CheckReport {
        let now = map.stamp();
        let known = self.stamp.filter(|before| {
            self.context == *context
                && before.lineage == now.lineage
                && before.meta == now.meta
                && now.at >= before.at
        });
        let generation = self.generation + 1;
        if known.is_none() {
            *self = Self {
                one_shot: self.one_shot,
                ..Self::new(*context)
            };
        }
        self.generation = generation;
        let touched: Vec<NodeId> = match known {
            Some(before) => map.changed_since(before.at).collect(),
            None => map.nodes().map(|(id, _)| id).collect(),
        };
        // Nodes whose findings may have changed, to be sorted again.
        let mut resort: HashSet<NodeId> = touched.iter().copied().collect();
        let mut local: HashSet<NodeId> = resort.clone();
        let structure_changed = known.is_none_or(|before| before.structure != now.structure);
        if structure_changed {
            let walk = map.walk();
            let facts = structure::Facts::of(map, &walk);
            local.extend(facts.differing(&self.facts));
            self.facts = facts;
            self.position.clear();
            for (index, &(_, node)) in walk.iter().enumerate() {
                self.position.entry(node).or_insert(index);
            }
            self.walk = walk;
        }
        // Each node by itself, so a whole map is checked on every core.
        let this = &*self;
        let one = |&id: &NodeId| {
            let found = map
                .node(id)
                .map(|node| this.local_findings(map, id, node, context));
            (id, found)
        };
        let found: Vec<(NodeId, Option<Vec<Finding>>)> = if local.len() >= CHECKED_IN_PARALLEL_FROM
        {
            use rayon::prelude::*;
            local.par_iter().map(one).collect()
        } else {
            local.iter().map(one).collect()
        };
        for (id, found) in found {
            // Findings the level holds back are only counted: a draft catalogue holds back
            // 70,000 of them, which would otherwise be kept for nothing.
            match found {
                Some(mut found) => {
                    let mut held = 0;
                    found.retain(|f| {
                        let speaks = rule(f.rule).is_none_or(|r| r.level <= context.level);
                        // Dismissed and held back: neither shown nor counted.
                        held += usize::from(!speaks && dismissal_of(map, id, f).is_none());
                        speaks
                    });
                    if held > 0 {
                        self.local_held.insert(id, held);
                    } else {
                        self.local_held.remove(&id);
                    }
                    self.local.insert(id, found);
                }
                None => {
                    self.local.remove(&id);
                    self.local_held.remove(&id);
                }
            };
        }
        resort.extend(local);
        self.update_duplicates(map, &touched, known.is_none(), &mut resort);
        self.update_urn_shape(map, &touched, structure_changed, &mut resort);
        self.update_urn_prefix(map, &touched, &mut resort);
        let patch = !structure_changed && resort.len() <= MOST_TO_PATCH;
        let mut before = Sorted::default();
        for &id in &resort {
            let old = if map.contains(id) {
                let sorted = self.sort(map, id, context);
                self.sorted.insert(id, sorted)
            } else {
                self.sorted.remove(&id)
            };
            if let Some(old) = old.filter(|_| patch) {
                before.active.extend(old.active);
                before.dismissed.extend(old.dismissed);
                before.held_back += old.held_back;
            }
        }
        if self.one_shot {
            self.report = self.assemble_moving();
        } else if patch {
            let changed: Vec<NodeId> = resort.into_iter().collect();
            self.patch(&changed, &before);
        } else {
            self.report = self.assemble();
        }
        self.context = *context;
        self.stamp = Some(now);
        &self.report
    }

    /// Counts the updates: a new number whenever the report may have changed, for what is
    /// derived from it (the problems panel's groups).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The report as of the last update.
    pub fn report(&self) -> &CheckReport {
        &self.report
    }

    /// Takes the report, leaving the checker to start over at its next update.
    pub fn into_report(self) -> CheckReport {
        self.report
    }

    /// The report's order: most severe first, then in map order.
    fn order(
        &self,
        f: &Finding,
    ) -> (
        std::cmp::Reverse<super::Severity>,
        Option<usize>,
        NodeId,
        crate::model::Part,
        usize,
    ) {
        (
            std::cmp::Reverse(f.severity),
            self.position.get(&f.location.node).copied(),
            f.location.node,
            f.location.part,
            RULES
                .iter()
                .position(|r| r.id == f.rule)
                .unwrap_or(usize::MAX),
        )
    }

    /// Takes the findings of the `changed` nodes (which had `before`) out of the report and puts
    /// their new ones in where they belong, the map's structure (its order) being unchanged.
    fn patch(&mut self, changed: &[NodeId], before: &Sorted) {
        let mut report = std::mem::take(&mut self.report);
        report.held_back -= before.held_back;
        if !before.active.is_empty() {
            report
                .findings
                .retain(|f| !changed.contains(&f.location.node));
        }
        if !before.dismissed.is_empty() {
            report
                .dismissed
                .retain(|(f, _)| !changed.contains(&f.location.node));
        }
        for id in changed {
            let Some(sorted) = self.sorted.get(id) else {
                continue;
            };
            report.held_back += sorted.held_back;
            // After any equal one: a node's findings keep their order among themselves.
            for finding in &sorted.active {
                let key = self.order(finding);
                let at = report.findings.partition_point(|f| self.order(f) <= key);
                report.findings.insert(at, finding.clone());
            }
            for (finding, dismissal) in &sorted.dismissed {
                let key = self.order(finding);
                let at = report
                    .dismissed
                    .partition_point(|(f, _)| self.order(f) <= key);
                report
                    .dismissed
                    .insert(at, (finding.clone(), dismissal.clone()));
            }
        }
        self.report = report;
    }

    fn local_findings(
        &self,
        map: &FunctionalMap,
        id: NodeId,
        node: &Node,
        context: &CheckContext,
    ) -> Vec<Finding> {
        let mut findings = Findings { list: Vec::new() };
        conflicts::check_node(id, node, &mut findings);
        structure::check_node(map, id, node, &self.facts, &mut findings);
        if let Node::Unit(unit) = node {
            units::check_unit(id, unit, context, &mut findings);
        }
        wording::check_node(map, id, node, &mut findings);
        findings.list
    }

    fn update_duplicates(
        &mut self,
        map: &FunctionalMap,
        touched: &[NodeId],
        first: bool,
        resort: &mut HashSet<NodeId>,
    ) {
        let mut affected = HashSet::new();
        for &id in touched {
            let unit = map.unit(id);
            let tracked = (!first).then_some(&mut affected);
            self.urns
                .set(id, unit.map(|u| urns::urn_key(&u.urn)), tracked);
            let tracked = (!first).then_some(&mut affected);
            self.titles
                .set(id, unit.map(|u| units::normalise_title(&u.title)), tracked);
            if first {
                affected.insert(id);
            }
        }
        for id in affected {
            let mut findings = Findings { list: Vec::new() };
            if let Some(group) = self.urns.shared(id) {
                units::duplicate(map, "duplicate-urn", id, group, &mut findings);
            }
            if let Some(group) = self.titles.shared(id) {
                units::duplicate(map, "duplicate-title", id, group, &mut findings);
            }
            if findings.list.is_empty() {
                self.duplicates.remove(&id);
            } else {
                self.duplicates.insert(id, findings.list);
            }
            resort.insert(id);
        }
    }

    fn update_urn_shape(
        &mut self,
        map: &FunctionalMap,
        touched: &[NodeId],
        structure_changed: bool,
        resort: &mut HashSet<NodeId>,
    ) {
        let mut again = structure_changed;
        for &id in touched {
            let odd = map.unit(id).is_some_and(urns::is_odd);
            let was_odd = if odd {
                !self.odd_urns.insert(id)
            } else {
                self.odd_urns.remove(&id)
            };
            again |= odd || was_odd;
        }
        if !again {
            return;
        }
        let mut findings = Findings { list: Vec::new() };
        urns::check_urn_shapes(map, &self.walk, &mut findings);
        resort.extend(self.urn_shape.drain().map(|(id, _)| id));
        self.urn_shape = by_node(findings.list);
        resort.extend(self.urn_shape.keys().copied());
    }

    fn update_urn_prefix(
        &mut self,
        map: &FunctionalMap,
        touched: &[NodeId],
        resort: &mut HashSet<NodeId>,
    ) {
        let mut changed = false;
        for &id in touched {
            let prefix = map.unit(id).and_then(urns::prefix_of);
            changed |= self.prefixes.get(&id) != prefix.as_ref();
            match prefix {
                Some(prefix) => self.prefixes.insert(id, prefix),
                None => self.prefixes.remove(&id),
            };
        }
        if !changed {
            return;
        }
        let mut findings = Findings { list: Vec::new() };
        urns::check_urn_prefixes(&self.prefixes, &mut findings);
        resort.extend(self.urn_prefix.drain().map(|(id, _)| id));
        self.urn_prefix = by_node(findings.list);
        resort.extend(self.urn_prefix.keys().copied());
    }

    /// One node's findings from every rule, after its dismissals and the check level.
    fn sort(&mut self, map: &FunctionalMap, id: NodeId, context: &CheckContext) -> Sorted {
        let found = [
            &mut self.local,
            &mut self.duplicates,
            &mut self.urn_shape,
            &mut self.urn_prefix,
        ];
        let mut sorted = Sorted {
            held_back: self.local_held.get(&id).copied().unwrap_or(0),
            ..Sorted::default()
        };
        for by_node in found {
            if self.one_shot {
                // Nothing is checked again: the findings move rather than being copied.
                for finding in by_node.remove(&id).into_iter().flatten() {
                    sort_one(map, id, context, finding, &mut sorted);
                }
            } else {
                for finding in by_node.get(&id).into_iter().flatten() {
                    sort_one(map, id, context, finding.clone(), &mut sorted);
                }
            }
        }
        sorted
    }

    /// A checker for one full check, whose findings move into its report rather than being
    /// kept for the next update.
    pub(super) fn one_shot(context: CheckContext) -> Self {
        Self {
            one_shot: true,
            ..Self::new(context)
        }
    }

    /// [`Checker::assemble`], moving the findings out of the checker.
    fn assemble_moving(&mut self) -> CheckReport {
        let sorted = std::mem::take(&mut self.sorted);
        let mut report = CheckReport::default();
        for (_, one) in sorted {
            report.findings.extend(one.active);
            report.dismissed.extend(one.dismissed);
            report.held_back += one.held_back;
        }
        report.findings.sort_by_cached_key(|f| self.order(f));
        report.dismissed.sort_by_cached_key(|(f, _)| self.order(f));
        report
    }

    /// The report from every node's sorted findings: most severe first, then in map order.
    fn assemble(&self) -> CheckReport {
        let key = |f: &Finding| self.order(f);
        let mut findings: Vec<Finding> = self
            .sorted
            .values()
            .flat_map(|s| s.active.iter().cloned())
            .collect();
        findings.sort_by_cached_key(key);
        let mut dismissed: Vec<(Finding, Dismissal)> = self
            .sorted
            .values()
            .flat_map(|s| s.dismissed.iter().cloned())
            .collect();
        dismissed.sort_by_cached_key(|(f, _)| key(f));
        CheckReport {
            findings,
            dismissed,
            held_back: self.sorted.values().map(|s| s.held_back).sum(),
        }
    }
}

/// The dismissal on node `id` that sets `finding` aside, if any. A dismissal on the node covers
/// the rule's findings on all its statements too; a finding that is not dismissible stays
/// whatever a dismissal says.
fn dismissal_of<'a>(
    map: &'a FunctionalMap,
    id: NodeId,
    finding: &Finding,
) -> Option<&'a Dismissal> {
    let statement = finding.location.statement_id();
    map.node(id)
        .filter(|_| finding.dismissible())
        .and_then(|node| {
            node.dismissed().iter().find(|d| {
                d.rule == finding.rule && (d.statement.is_none() || d.statement == statement)
            })
        })
}

/// Puts `finding` (on node `id`) among the active, the dismissed or the held back.
fn sort_one(
    map: &FunctionalMap,
    id: NodeId,
    context: &CheckContext,
    finding: Finding,
    sorted: &mut Sorted,
) {
    let dismissal = dismissal_of(map, id, &finding).cloned();
    let speaks = rule(finding.rule).is_none_or(|r| r.level <= context.level);
    match (dismissal, speaks) {
        (Some(dismissal), true) => sorted.dismissed.push((finding, dismissal)),
        (None, true) => sorted.active.push(finding),
        (None, false) => sorted.held_back += 1,
        (Some(_), false) => {}
    }
}

fn by_node(findings: Vec<Finding>) -> HashMap<NodeId, Vec<Finding>> {
    let mut by_node: HashMap<NodeId, Vec<Finding>> = HashMap::new();
    for finding in findings {
        by_node
            .entry(finding.location.node)
            .or_default()
            .push(finding);
    }
    by_node
}
