//! Counts for `nosmap info` and the status bar.

use std::collections::HashMap;

use crate::model::{FunctionalMap, NodeId, NodeKind, Stamp, StatementList};

/// How many functions sit at one level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelCount {
    /// Depth below the key purpose, 1 = key areas.
    pub depth: usize,
    /// The map's name for the level.
    pub name: String,
    /// Functions at that depth.
    pub count: usize,
}

/// What a map holds, counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapStats {
    /// Functions per level, from the top.
    pub levels: Vec<LevelCount>,
    /// Distinct NOS units.
    pub units: usize,
    /// Unit placements (a unit under three functions counts three).
    pub placements: usize,
    /// Units placed in more than one place.
    pub shared_units: usize,
    /// Performance criteria, headings excluded.
    pub performance_criteria: usize,
    /// Knowledge and understanding items, headings excluded.
    pub knowledge: usize,
}

impl MapStats {
    /// Counts a map.
    pub fn of(map: &FunctionalMap) -> Self {
        let mut levels: Vec<LevelCount> = Vec::new();
        // Depth of each function from one walk of the tree (functions have a single parent).
        let mut depth_stack: Vec<(crate::model::NodeId, usize)> = vec![(map.root(), 0)];
        while let Some((id, depth)) = depth_stack.pop() {
            for &child in map.children(id) {
                if map.node(child).map(|n| n.kind()) == Some(NodeKind::Function) {
                    let child_depth = depth + 1;
                    while levels.len() < child_depth {
                        let d = levels.len() + 1;
                        levels.push(LevelCount {
                            depth: d,
                            name: map.meta().level_name(d).to_string(),
                            count: 0,
                        });
                    }
                    if let Some(level) = levels.get_mut(child_depth - 1) {
                        level.count += 1;
                    }
                    depth_stack.push((child, child_depth));
                }
            }
        }
        let mut stats = Self {
            levels,
            units: 0,
            placements: 0,
            shared_units: 0,
            performance_criteria: 0,
            knowledge: 0,
        };
        for (id, unit) in map.units() {
            let placements = map.parent_count(id);
            stats.units += 1;
            stats.placements += placements;
            stats.shared_units += usize::from(placements > 1);
            stats.performance_criteria += unit.item_count(StatementList::PerformanceCriteria);
            stats.knowledge += unit.item_count(StatementList::Knowledge);
        }
        stats
    }
}

/// A map's counts kept up to date: after a change that left the structure alone, only the
/// changed units' statements are counted again.
#[derive(Clone, Debug)]
pub struct StatsCache {
    stamp: Option<Stamp>,
    stats: MapStats,
    /// Performance criteria and knowledge items of each unit, as counted.
    counts: HashMap<NodeId, (usize, usize)>,
}

impl Default for StatsCache {
    fn default() -> Self {
        Self {
            stamp: None,
            stats: MapStats {
                levels: Vec::new(),
                units: 0,
                placements: 0,
                shared_units: 0,
                performance_criteria: 0,
                knowledge: 0,
            },
            counts: HashMap::new(),
        }
    }
}

impl StatsCache {
    /// The counts as of the last update.
    pub fn stats(&self) -> &MapStats {
        &self.stats
    }

    /// The counts of `map`, equal to [`MapStats::of`].
    pub fn update(&mut self, map: &FunctionalMap) -> &MapStats {
        let now = map.stamp();
        let same_shape = self.stamp.is_some_and(|before| before.same_shape_as(&now));
        let counted = |map: &FunctionalMap, id| {
            map.unit(id).map(|unit| {
                (
                    unit.item_count(StatementList::PerformanceCriteria),
                    unit.item_count(StatementList::Knowledge),
                )
            })
        };
        match self.stamp {
            Some(before) if same_shape => {
                // Units are neither added nor removed without a change of structure.
                for id in map.changed_since(before.at) {
                    let (Some(new), Some(old)) = (counted(map, id), self.counts.get_mut(&id))
                    else {
                        continue;
                    };
                    self.stats.performance_criteria += new.0;
                    self.stats.performance_criteria -= old.0;
                    self.stats.knowledge += new.1;
                    self.stats.knowledge -= old.1;
                    *old = new;
                }
            }
            _ => {
                self.stats = MapStats::of(map);
                self.counts = map
                    .units()
                    .filter_map(|(id, _)| Some((id, counted(map, id)?)))
                    .collect();
            }
        }
        self.stamp = Some(now);
        &self.stats
    }
}
