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

/// Rows shown: the outline without what folded branches hide. Rows name no titles, so they are
/// made again only when the map's structure or the folding changed: a 20,000-row outline costs
/// nothing per frame, nor per rename.
#[derive(Default)]
pub struct OutlineState {
    /// The map (lineage), the tick of its last change of structure, and the folded branches
    /// the rows were made for.
    key: Option<((u64, u64), BTreeSet<NodeId>)>,
    rows: Vec<OutlineRow>,
    /// Scroll to the selection once after it changed.
    last_selected: Option<Placement>,
}

fn visible_rows(map: &FunctionalMap, view: &ViewState) -> Vec<OutlineRow> {
    let mut rows = Vec::new();
    let mut hidden_below: Option<usize> = None;
    for row in outline(map) {
        if let Some(depth) = hidden_below {
            if row.depth > depth {
                continue;
            }
            hidden_below = None;
        }
        if view.folded.contains(&row.node) {
            hidden_below = Some(row.depth);
        }
        rows.push(row);
    }
    rows
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
    let current = state
        .key
        .as_ref()
        .is_some_and(|(s, folded)| *s == structure && *folded == view.folded);
    if !current {
        state.rows = visible_rows(map, view);
        state.key = Some((structure, view.folded.clone()));
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
        if let Some(index) = state
            .rows
            .iter()
            .position(|r| r.node == target.node && r.parent == target.parent)
        {
            let spacing = ui.spacing().item_spacing.y;
            let offset = (index as f32) * (row_height + spacing);
            scroll = scroll.vertical_scroll_offset((offset - 120.0).max(0.0));
        }
    }
    scroll.show_rows(ui, row_height, state.rows.len(), |ui, range| {
        for row in &state.rows[range] {
            row_ui(ui, map, view, selection, row, actions);
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
