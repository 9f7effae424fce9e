//! The outline panel: the hierarchy as an indented list with functional-analysis numbers (1, 1.2,
//! 1.2.3), folded like the canvas, selected like the canvas, and reordered by dragging a row onto
//! another (it goes just before that row, under the same parent).

use std::collections::BTreeSet;

use eframe::egui;

use super::Action;
use super::selection::{Placement, Selection};
use crate::model::outline::{OutlineRow, outline};
use crate::model::{FunctionalMap, NodeId};
use crate::view::ViewState;

/// Rows shown: the outline without what folded branches hide. Every row of the outline is made
/// again only when the map's structure changed (rows name no titles, so a rename costs
/// nothing); which rows show, when the folding changed: a 20,000-row outline costs nothing per
/// frame.
#[derive(Default)]
pub struct OutlineState {
    /// The map (lineage) and the tick of its last change of structure `all` was made for.
    structure: Option<(u64, u64)>,
    all: Vec<OutlineRow>,
    /// The folded branches `shown` was worked out for.
    folded: Option<BTreeSet<NodeId>>,
    /// Indices into `all` of the rows shown.
    shown: Vec<usize>,
    /// Scroll to the selection once after it changed.
    last_selected: Option<Placement>,
}

/// The rows not hidden by a folded branch, as indices into `rows`.
fn visible_rows(rows: &[OutlineRow], view: &ViewState) -> Vec<usize> {
    let mut shown = Vec::new();
    let mut hidden_below: Option<usize> = None;
    for (index, row) in rows.iter().enumerate() {
        if let Some(depth) = hidden_below {
            if row.depth > depth {
                continue;
            }
            hidden_below = None;
        }
        if view.folded.contains(&row.node) {
            hidden_below = Some(row.depth);
        }
        shown.push(index);
    }
    shown
}

pub fn outline_ui(
    ui: &mut egui::Ui,
    map: &FunctionalMap,
    view: &ViewState,
    selection: &Selection,
    state: &mut OutlineState,
    actions: &mut Vec<Action>,
) {
    let stamp = map.stamp();
    let structure = (stamp.lineage, stamp.structure);
    if state.structure != Some(structure) {
        state.all = outline(map);
        state.structure = Some(structure);
        state.folded = None;
    }
    if state.folded.as_ref() != Some(&view.folded) {
        state.shown = visible_rows(&state.all, view);
        state.folded = Some(view.folded.clone());
    }
    ui.heading("Outline");
    let primary = selection.primary();
    let scroll_to = (primary != state.last_selected)
        .then_some(primary)
        .flatten();
    state.last_selected = primary;
    let row_height = ui.spacing().interact_size.y;
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]);
    if let Some(target) = scroll_to {
        if let Some(index) = state.shown.iter().position(|&i| {
            let r = &state.all[i];
            r.node == target.node && r.parent == target.parent
        }) {
            let spacing = ui.spacing().item_spacing.y;
            let offset = (index as f32) * (row_height + spacing);
            scroll = scroll.vertical_scroll_offset((offset - 120.0).max(0.0));
        }
    }
    scroll.show_rows(ui, row_height, state.shown.len(), |ui, range| {
        for &index in &state.shown[range] {
            row_ui(ui, map, view, selection, &state.all[index], actions);
        }
    });
}

fn row_ui(
    ui: &mut egui::Ui,
    map: &FunctionalMap,
    view: &ViewState,
    selection: &Selection,
    row: &OutlineRow,
    actions: &mut Vec<Action>,
) {
    let placement = Placement {
        node: row.node,
        parent: row.parent,
    };
    let Some(node) = map.node(row.node) else {
        return;
    };
    let fold = if map.children(row.node).is_empty() {
        "  "
    } else if view.folded.contains(&row.node) {
        "▸ "
    } else {
        "▾ "
    };
    let urn = node
        .as_unit()
        .filter(|u| !u.urn.is_empty())
        .map(|u| format!("{} ", u.urn))
        .unwrap_or_default();
    let title = match node.title() {
        "" => "(untitled)",
        title => title,
    };
    let text = format!("{fold}{} {urn}{title}", row.number);
    let response = ui
        .horizontal(|ui| {
            ui.add_space(row.depth as f32 * 14.0);
            // One widget senses both clicks and drags: a drag-only layer over the row (egui's
            // `dnd_drag_source`) would take every click, so rows could not be selected.
            let row_button = egui::Button::selectable(selection.contains(placement), text)
                .truncate()
                .sense(egui::Sense::click_and_drag());
            let response = ui.add(row_button).on_hover_text(node.title());
            response.dnd_set_drag_payload(placement);
            response
        })
        .inner;
    if response.clicked() {
        let extend = ui.input(|i| i.modifiers.command || i.modifiers.shift);
        actions.push(Action::SelectPlacement { placement, extend });
    }
    if response.double_clicked() {
        actions.push(Action::ToggleFold(row.node));
    }
    if response.secondary_clicked() {
        // The context menu acts on this row: select it first.
        actions.push(Action::SelectPlacementOnly(Some(placement)));
    }
    response.context_menu(|ui| super::commands::context_menu_ui(ui, actions));
    if let Some(dragged) = response.dnd_release_payload::<Placement>() {
        if let (Some(from), Some(to)) = (dragged.parent, row.parent) {
            if dragged.node != row.node {
                let index = map.index_in_parent(to, row.node).unwrap_or(0);
                actions.push(Action::MoveTo {
                    node: dragged.node,
                    from,
                    to,
                    index: Some(index),
                    share: false,
                });
            }
        }
    }
}
