//! When each part of a map last changed, so what is derived from the map (checks, the Scene) can
//! redo only what a change touched.
//!
//! Every mutation ticks a clock shared by all maps in the process, so a tick names one moment
//! everywhere. A map's `lineage` is new for every map and every copy of one: what was derived
//! from one map is never taken for another's, even a copy that has since gone its own way.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use super::NodeId;

static CLOCK: AtomicU64 = AtomicU64::new(1);
static LINEAGE: AtomicU64 = AtomicU64::new(1);

fn tick() -> u64 {
    CLOCK.fetch_add(1, Ordering::Relaxed)
}

/// What changed when, for one map. Not part of what a map says: equal maps may differ here.
#[derive(Debug)]
pub(super) struct Revisions {
    lineage: u64,
    /// The last tick of any change.
    latest: u64,
    /// The last tick at which each node changed (its content, parents or children), removed
    /// nodes included: ids are never reused.
    nodes: HashMap<NodeId, u64>,
    /// The last tick at which a node was added, removed, linked or unlinked.
    structure: u64,
    /// The last tick at which the map's metadata changed.
    meta: u64,
}

impl Default for Revisions {
    fn default() -> Self {
        let now = tick();
        Self {
            lineage: LINEAGE.fetch_add(1, Ordering::Relaxed),
            latest: now,
            nodes: HashMap::new(),
            structure: now,
            meta: now,
        }
    }
}

impl Clone for Revisions {
    /// A copy is a new lineage: it may change apart from the original from now on.
    fn clone(&self) -> Self {
        Self {
            lineage: LINEAGE.fetch_add(1, Ordering::Relaxed),
            latest: self.latest,
            nodes: self.nodes.clone(),
            structure: self.structure,
            meta: self.meta,
        }
    }
}

impl Revisions {
    pub(super) fn node_changed(&mut self, id: NodeId) {
        let now = tick();
        self.latest = now;
        self.nodes.insert(id, now);
    }

    pub(super) fn structure_changed(&mut self, ids: &[NodeId]) {
        let now = tick();
        self.latest = now;
        self.structure = now;
        for &id in ids {
            self.nodes.insert(id, now);
        }
    }

    pub(super) fn meta_changed(&mut self) {
        let now = tick();
        self.latest = now;
        self.meta = now;
    }

    pub(super) fn stamp(&self) -> Stamp {
        Stamp {
            lineage: self.lineage,
            at: self.latest,
            structure: self.structure,
            meta: self.meta,
        }
    }

    pub(super) fn node(&self, id: NodeId) -> u64 {
        self.nodes.get(&id).copied().unwrap_or(0)
    }

    pub(super) fn changed_since(&self, since: u64) -> impl Iterator<Item = NodeId> + '_ {
        self.nodes
            .iter()
            .filter(move |&(_, &at)| at > since)
            .map(|(&id, _)| id)
    }
}

/// A map as it was at one moment: which map (lineage), and the ticks of its last change, last
/// change of structure and last change of metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub lineage: u64,
    pub at: u64,
    pub structure: u64,
    pub meta: u64,
}

impl Stamp {
    /// Whether `later` is the same map, moved on (or not) from this moment, with its structure
    /// and metadata as they were here.
    pub fn same_shape_as(&self, later: &Stamp) -> bool {
        self.lineage == later.lineage
            && self.structure == later.structure
            && self.meta == later.meta
            && later.at >= self.at
    }
}
