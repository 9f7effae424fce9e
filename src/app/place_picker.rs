//! "Place the unit also under…" (Ctrl+L): the keyboard way to share a unit with another
//! function. Type words of the function's title or code; Enter places the unit under the first
//! match, or click one.

use eframe::egui::{self, Key};

use super::Action;
use crate::model::{FunctionalMap, NodeId, NodeKind};

/// How many matches the list shows.
const SHOWN: usize = 12;

#[derive(Default)]
pub struct PlacePicker {
    /// The unit being placed, while the picker is open.
    unit: Option<(NodeId, NodeId)>,
    query: String,
    /// The matches for a query and map revision: searching the catalogue every frame is work.
    found: Option<(String, u64, Vec<NodeId>)>,
}

impl PlacePicker {
    /// Opens the picker for `unit`, now placed under `from`.
    pub fn show(&mut self, unit: NodeId, from: NodeId) {
        self.unit = Some((unit, from));
        self.query.clear();
        self.found = None;
    }

    pub fn is_open(&self) -> bool {
        self.unit.is_some()
    }
}

/// Functions the unit could also go under, matching `query`, in map order.
pub fn candidates(map: &FunctionalMap, unit: NodeId, query: &str) -> Vec<NodeId> {
    let parents = map.parents(unit);
    let matching: Vec<NodeId> = if query.trim().is_empty() {
        map.walk().into_iter().map(|(_, id)| id).collect()
    } else {
        crate::analysis::find(map, query)
            .into_iter()
            .map(|found| found.node)
            .collect()
    };
    let mut seen = std::collections::HashSet::new();
    matching
        .into_iter()
        .filter(|id| seen.insert(*id))
        .filter(|id| {
            map.node(*id)
                .is_some_and(|n| n.kind() == NodeKind::Function)
        })
        .filter(|id| !parents.contains(id))
        .collect()
}

pub fn place_picker_ui(
    ctx: &egui::Context,
    map: &FunctionalMap,
    revision: u64,
    picker: &mut PlacePicker,
    actions: &mut Vec<Action>,
) {
    let Some((unit, from)) = picker.unit else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("nosmap-place-picker")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.label(format!("Place {} also under:", map.describe(unit)));
        let field = ui.add(
            egui::TextEdit::singleline(&mut picker.query)
                .hint_text("words of a function's title or its code")
                .desired_width(f32::INFINITY),
        );
        field.request_focus();
        let fresh = picker
            .found
            .as_ref()
            .is_some_and(|(query, at, _)| *query == picker.query && *at == revision);
        if !fresh {
            let matches = candidates(map, unit, &picker.query);
            picker.found = Some((picker.query.clone(), revision, matches));
        }
        let found = picker
            .found
            .as_ref()
            .map_or(&[][..], |(_, _, f)| f.as_slice());
        let enter = ui.input(|i| i.key_pressed(Key::Enter));
        let mut chosen = None;
        for &function in found.iter().take(SHOWN) {
            if ui.button(map.describe(function)).clicked() {
                chosen = Some(function);
            }
        }
        if found.len() > SHOWN {
            ui.label(format!(
                "… and {} more: type more words",
                found.len() - SHOWN
            ));
        }
        if found.is_empty() {
            ui.label("No function matches.");
        }
        if enter {
            chosen = chosen.or(found.first().copied());
            if chosen.is_none() {
                return;
            }
        }
        if let Some(to) = chosen {
            actions.push(Action::MoveTo {
                node: unit,
                from,
                to,
                index: None,
                share: true,
            });
            picker.unit = None;
        }
    });
    if modal.should_close() {
        picker.unit = None;
    }
}
