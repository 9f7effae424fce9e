//! The matrix page: thematic units down, organisations (or suites) across, each cell coloured
//! by how often the unit is used there and labelled “3 (U2 I1)”. Headers stay in view while
//! the grid scrolls; only the cells in view are drawn. A click lists a cell's pairs below.

use eframe::egui::{self, Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::pairs_page::{mechanism_colour, row_label, truncated};
use super::{Action, AnalysisAction, AnalysisView, Page};
use crate::analysis::reuse::matrix::{Columns, Matrix, RowOrder};
use crate::analysis::reuse::{Mechanism, Source};

const CELL_WIDTH: f32 = 84.0;
const CELL_HEIGHT: f32 = 22.0;
const HEADER_HEIGHT: f32 = 126.0;

pub(super) fn matrix_ui(ui: &mut egui::Ui, view: &mut AnalysisView, actions: &mut Vec<Action>) {
    if view.results.is_none() {
        super::pairs_page::no_results(ui, view, actions);
        return;
    }
    controls_ui(ui, view);
    let Some(results) = &view.results else {
        return;
    };
    let state = &mut view.matrix;
    let matrix = &results.matrix;
    let made_for = (state.order, state.filter.clone(), state.used_columns_only);
    let shown = match state.shown.take() {
        Some(shown) if shown.made_for == made_for => shown,
        _ => shown_for(matrix, made_for),
    };
    if let Some((row, column)) = state.open_cell {
        let mut close = false;
        egui::Panel::bottom("analysis-open-cell")
            .resizable(true)
            .default_size(140.0)
            .min_size(90.0)
            .max_size((ui.available_height() * 0.6).max(90.0))
            .show(ui, |ui| {
                close = cell_pairs_ui(
                    ui,
                    results,
                    row,
                    column,
                    &mut view.pairs,
                    &mut view.page,
                    actions,
                );
            });
        if close {
            state.open_cell = None;
        }
    }
    if shown.rows.is_empty() {
        ui.label("No thematic unit matches the filter.");
    } else {
        grid_ui(ui, matrix, &shown, state, &mut view.pairs, actions);
    }
    state.shown = Some(shown);
}

/// The rows (in order, filtered) and columns to show, and the most uses in one of their cells.
fn shown_for(matrix: &Matrix, made_for: (RowOrder, String, bool)) -> super::MatrixShown {
    let (order, filter, used_only) = &made_for;
    let rows = matrix.row_order(*order, filter);
    let columns: Vec<usize> = (0..matrix.columns.len())
        .filter(|&c| !used_only || rows.iter().any(|&r| matrix.cells[r][c].total() > 0))
        .collect();
    let most = rows
        .iter()
        .flat_map(|&r| columns.iter().map(move |&c| matrix.cells[r][c].total()))
        .max()
        .unwrap_or(0);
    let mut themes: Vec<String> = Vec::new();
    for row in &matrix.rows {
        if !themes.contains(&row.theme) {
            themes.push(row.theme.clone());
        }
    }
    super::MatrixShown {
        made_for,
        themes,
        rows,
        columns,
        most,
    }
}

fn controls_ui(ui: &mut egui::Ui, view: &mut AnalysisView) {
    let state = &mut view.matrix;
    let before = state.columns;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Rows:");
        egui::ComboBox::from_id_salt("analysis-matrix-order")
            .selected_text(order_label(state.order))
            .show_ui(ui, |ui| {
                for order in [RowOrder::Theme, RowOrder::MostUsed, RowOrder::WidestSpread] {
                    ui.selectable_value(&mut state.order, order, order_label(order));
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Columns:");
        egui::ComboBox::from_id_salt("analysis-matrix-columns")
            .selected_text(columns_label(state.columns))
            .show_ui(ui, |ui| {
                for columns in [Columns::Organisations, Columns::Suites] {
                    ui.selectable_value(&mut state.columns, columns, columns_label(columns));
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .hint_text("theme, URN or title")
                .desired_width(160.0),
        )
        .labelled_by(label.id);
        ui.checkbox(&mut state.used_columns_only, "Only columns in use")
            .on_hover_text("Leave out the columns whose cells are all empty in the rows shown");
    });
    ui.horizontal_wrapped(|ui| {
        let dark = ui.visuals().dark_mode;
        for mechanism in Mechanism::ALL {
            ui.label(
                egui::RichText::new(format!("{} {}", mechanism.letter(), mechanism.label()))
                    .small()
                    .color(mechanism_colour(mechanism, dark)),
            );
        }
        ui.label(
            egui::RichText::new(
                "· stronger colour = more uses · click a cell for its pairs, double-click to go to the unit",
            )
            .small()
            .weak(),
        );
    });
    if state.columns != before {
        state.open_cell = None;
        state.shown = None;
        if let Some(results) = &mut view.results {
            results.matrix = Matrix::build(&results.corpus, &results.report, state.columns);
        }
    }
}

fn order_label(order: RowOrder) -> &'static str {
    match order {
        RowOrder::Theme => "by theme",
        RowOrder::MostUsed => "most used first",
        RowOrder::WidestSpread => "widest spread first",
    }
}

fn columns_label(columns: Columns) -> &'static str {
    match columns {
        Columns::Organisations => "organisations",
        Columns::Suites => "suites",
    }
}

/// A cell's fill: from the background (no use) to a strong colour (the most uses shown), on a
/// logarithmic scale so that one use already shows.
fn heat(count: usize, most: usize, dark: bool) -> (Color32, Color32) {
    let (empty, full) = if dark {
        (
            Color32::from_rgb(0x24, 0x28, 0x30),
            Color32::from_rgb(0xf0, 0x8c, 0x28),
        )
    } else {
        (
            Color32::from_rgb(0xf4, 0xf6, 0xf9),
            Color32::from_rgb(0x08, 0x45, 0x94),
        )
    };
    if count == 0 {
        return (empty, Color32::GRAY);
    }
    let t = 0.25 + 0.75 * ((count as f32).ln_1p() / (most.max(1) as f32).ln_1p()).min(1.0);
    let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
    let fill = Color32::from_rgb(
        mix(empty.r(), full.r()),
        mix(empty.g(), full.g()),
        mix(empty.b(), full.b()),
    );
    let text = if dark {
        if t > 0.6 {
            Color32::BLACK
        } else {
            Color32::WHITE
        }
    } else if t > 0.5 {
        Color32::WHITE
    } else {
        Color32::BLACK
    };
    (fill, text)
}

fn grid_ui(
    ui: &mut egui::Ui,
    matrix: &Matrix,
    shown: &super::MatrixShown,
    state: &mut super::MatrixState,
    pairs: &mut super::PairsState,
    actions: &mut Vec<Action>,
) {
    let (rows, columns, most) = (&shown.rows, &shown.columns, shown.most);
    let label_width = (ui.available_width() * 0.34).clamp(160.0, 320.0);
    let size = Vec2::new(
        label_width + columns.len() as f32 * CELL_WIDTH,
        HEADER_HEIGHT + rows.len() as f32 * CELL_HEIGHT,
    );
    egui::ScrollArea::both()
        .id_salt("analysis-matrix-grid")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let (content, _) = ui.allocate_exact_size(size, Sense::hover());
            let seen = viewport.translate(content.min.to_vec2());
            let body = Rect::from_min_max(
                Pos2::new(seen.left() + label_width, seen.top() + HEADER_HEIGHT),
                seen.max,
            );
            let painter = ui.painter().clone();
            let visuals = ui.visuals().clone();
            let dark = visuals.dark_mode;
            let mono = FontId::monospace(11.5);
            let small = egui::TextStyle::Small.resolve(ui.style());
            let body_font = egui::TextStyle::Body.resolve(ui.style());
            let header_font = FontId::proportional(body_font.size * 0.9);
            let first_row = ((seen.top() - content.top()) / CELL_HEIGHT)
                .floor()
                .max(0.0) as usize;
            let last_row = (((seen.bottom() - content.top() - HEADER_HEIGHT) / CELL_HEIGHT)
                .ceil()
                .max(0.0) as usize)
                .min(rows.len());
            let first_column = ((seen.left() - content.left()) / CELL_WIDTH)
                .floor()
                .max(0.0) as usize;
            let last_column = (((seen.right() - content.left() - label_width) / CELL_WIDTH)
                .ceil()
                .max(0.0) as usize)
                .min(columns.len());
            let cell_rect = |i: usize, j: usize| {
                Rect::from_min_size(
                    Pos2::new(
                        content.left() + label_width + j as f32 * CELL_WIDTH,
                        content.top() + HEADER_HEIGHT + i as f32 * CELL_HEIGHT,
                    ),
                    Vec2::new(CELL_WIDTH, CELL_HEIGHT),
                )
            };
            // The cells in view.
            let grid_stroke = Stroke::new(
                1.0,
                visuals
                    .widgets
                    .noninteractive
                    .bg_stroke
                    .color
                    .gamma_multiply(0.6),
            );
            for (i, &r) in rows.iter().enumerate().take(last_row).skip(first_row) {
                for (j, &c) in columns
                    .iter()
                    .enumerate()
                    .take(last_column)
                    .skip(first_column)
                {
                    let cell = &matrix.cells[r][c];
                    let rect = cell_rect(i, j);
                    let (fill, text_colour) = heat(cell.total(), most, dark);
                    painter.rect_filled(rect.shrink(0.5), 0.0, fill);
                    painter.rect_stroke(rect, 0.0, grid_stroke, StrokeKind::Inside);
                    let text = cell.text();
                    let colour = if cell.total() == 0 {
                        visuals.weak_text_color().gamma_multiply(0.6)
                    } else {
                        text_colour
                    };
                    painter.text(
                        rect.center(),
                        Align2::CENTER_CENTER,
                        &text,
                        mono.clone(),
                        colour,
                    );
                    if state.open_cell == Some((r, c)) {
                        painter.rect_stroke(
                            rect.shrink(1.0),
                            0.0,
                            Stroke::new(2.5, visuals.selection.stroke.color),
                            StrokeKind::Inside,
                        );
                    }
                    let shown = rect.intersect(body);
                    if shown.width() < 4.0 || shown.height() < 4.0 {
                        continue;
                    }
                    let response = ui.interact(
                        shown,
                        ui.scope_id().with(("matrix-cell", r, c)),
                        Sense::click(),
                    );
                    let row = &matrix.rows[r];
                    let label = format!("{} × {}: {text}", row.urn, matrix.columns[c]);
                    let open = state.open_cell == Some((r, c));
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::Cell, true, open, &label)
                    });
                    if response.clicked() {
                        state.open_cell = Some((r, c));
                        if let Some(&first) = cell.uses.first() {
                            pairs.selected = Some(first);
                        }
                    }
                    if response.double_clicked() {
                        if let Some(&pair) = cell.uses.first() {
                            actions.push(Action::Analysis(AnalysisAction::GoTo {
                                pair,
                                thematic: false,
                            }));
                        }
                    }
                    response.on_hover_text(format!(
                        "{} {}\n{}: {}",
                        row.urn,
                        row.title,
                        matrix.columns[c],
                        describe_counts(cell)
                    ));
                }
            }
            // Column headers, kept at the top.
            let header = Rect::from_min_max(
                seen.min,
                Pos2::new(seen.right(), seen.top() + HEADER_HEIGHT),
            );
            painter.rect_filled(header, 0.0, visuals.panel_fill);
            for (j, &c) in columns
                .iter()
                .enumerate()
                .take(last_column)
                .skip(first_column)
            {
                let x = content.left() + label_width + j as f32 * CELL_WIDTH;
                let total = matrix.column_total(c);
                let colour = if total == 0 {
                    visuals.weak_text_color()
                } else {
                    visuals.text_color()
                };
                let galley = truncated(
                    ui,
                    &matrix.columns[c],
                    header_font.clone(),
                    colour,
                    HEADER_HEIGHT - 28.0,
                );
                let height = galley.size().y;
                let at = Pos2::new(x + (CELL_WIDTH - height) / 2.0, header.bottom() - 22.0);
                painter.add(
                    egui::epaint::TextShape::new(at, galley, colour)
                        .with_angle(-std::f32::consts::FRAC_PI_2),
                );
                painter.text(
                    Pos2::new(x + CELL_WIDTH / 2.0, header.bottom() - 10.0),
                    Align2::CENTER_CENTER,
                    total.to_string(),
                    small.clone(),
                    visuals.weak_text_color(),
                );
                let rect = Rect::from_min_size(
                    Pos2::new(x, header.top()),
                    Vec2::new(CELL_WIDTH, HEADER_HEIGHT),
                )
                .intersect(Rect::from_min_max(
                    Pos2::new(seen.left() + label_width, header.top()),
                    header.max,
                ));
                if rect.width() >= 4.0 {
                    ui.interact(
                        rect,
                        ui.scope_id().with(("matrix-column", c)),
                        Sense::hover(),
                    )
                    .on_hover_text(format!("{}: {total} uses", matrix.columns[c]));
                }
            }
            painter.line_segment(
                [
                    Pos2::new(header.left(), header.bottom()),
                    header.right_bottom(),
                ],
                visuals.widgets.noninteractive.fg_stroke,
            );
            // Row labels, kept at the left.
            let labels = Rect::from_min_max(
                Pos2::new(seen.left(), seen.top() + HEADER_HEIGHT),
                Pos2::new(seen.left() + label_width, seen.bottom()),
            );
            painter.rect_filled(labels, 0.0, visuals.panel_fill);
            for (i, &r) in rows.iter().enumerate().take(last_row).skip(first_row) {
                let row = &matrix.rows[r];
                let y = content.top() + HEADER_HEIGHT + i as f32 * CELL_HEIGHT;
                let rect = Rect::from_min_size(
                    Pos2::new(seen.left(), y),
                    Vec2::new(label_width, CELL_HEIGHT),
                );
                if state.open_cell.is_some_and(|(open, _)| open == r) {
                    painter.rect_filled(rect, 0.0, visuals.selection.bg_fill.gamma_multiply(0.5));
                }
                // The theme, as a strip whose colour changes with it.
                let strip = Rect::from_min_size(rect.min, Vec2::new(4.0, CELL_HEIGHT));
                painter.rect_filled(
                    strip.shrink2(Vec2::new(0.0, 1.0)),
                    0.0,
                    theme_colour(&shown.themes, &row.theme, dark),
                );
                let total = matrix.row_total(r);
                let text = format!("{} {}", row.urn, row.title);
                let galley = truncated(
                    ui,
                    &text,
                    body_font.clone(),
                    visuals.text_color(),
                    label_width - 46.0,
                );
                painter.galley(
                    Pos2::new(rect.left() + 8.0, rect.center().y - galley.size().y / 2.0),
                    galley,
                    visuals.text_color(),
                );
                painter.text(
                    Pos2::new(rect.right() - 6.0, rect.center().y),
                    Align2::RIGHT_CENTER,
                    total.to_string(),
                    small.clone(),
                    visuals.weak_text_color(),
                );
                let shown = rect.intersect(labels);
                if shown.height() >= 4.0 {
                    let response =
                        ui.interact(shown, ui.scope_id().with(("matrix-row", r)), Sense::click());
                    if response.double_clicked() {
                        if let Source::Unit(unit) = row.source {
                            actions.push(Action::Analysis(AnalysisAction::ShowUnit(unit)));
                        }
                    }
                    response.on_hover_text(format!(
                        "{}\n{} {}\n{total} uses in {} columns · double-click to go to the unit",
                        row.theme,
                        row.urn,
                        row.title,
                        matrix.row_spread(r)
                    ));
                }
            }
            painter.line_segment(
                [
                    Pos2::new(labels.right(), labels.top()),
                    labels.right_bottom(),
                ],
                visuals.widgets.noninteractive.fg_stroke,
            );
            // The corner.
            let corner = Rect::from_min_size(seen.min, Vec2::new(label_width, HEADER_HEIGHT));
            painter.rect_filled(corner, 0.0, visuals.panel_fill);
            painter.text(
                corner.left_bottom() + Vec2::new(8.0, -10.0),
                Align2::LEFT_CENTER,
                format!("{} thematic units", rows.len()),
                small.clone(),
                visuals.weak_text_color(),
            );
            painter.text(
                corner.right_top() + Vec2::new(-6.0, 10.0),
                Align2::RIGHT_CENTER,
                format!("{} →", columns_word(matrix.columns_by)),
                small,
                visuals.weak_text_color(),
            );
        });
}

fn columns_word(columns: Columns) -> &'static str {
    match columns {
        Columns::Organisations => "organisations",
        Columns::Suites => "suites",
    }
}

/// “2 same URN in another suite, 1 imported”, or “no use”.
fn describe_counts(cell: &crate::analysis::reuse::matrix::Cell) -> String {
    if cell.total() == 0 {
        return "no use".into();
    }
    Mechanism::ALL
        .iter()
        .zip(cell.counts)
        .filter(|(_, n)| *n > 0)
        .map(|(m, n)| format!("{}: {n}", m.label()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A colour per theme, in the order the themes come.
fn theme_colour(themes: &[String], theme: &str, dark: bool) -> Color32 {
    const LIGHT: [Color32; 6] = [
        Color32::from_rgb(0x1f, 0x77, 0xb4),
        Color32::from_rgb(0xd6, 0x27, 0x28),
        Color32::from_rgb(0x2c, 0xa0, 0x2c),
        Color32::from_rgb(0x94, 0x67, 0xbd),
        Color32::from_rgb(0xff, 0x7f, 0x0e),
        Color32::from_rgb(0x17, 0xbe, 0xcf),
    ];
    let index = themes.iter().position(|t| t == theme).unwrap_or(0);
    let colour = LIGHT[index % LIGHT.len()];
    if dark {
        colour.gamma_multiply(1.2)
    } else {
        colour
    }
}

/// The open cell's pairs; returns true when the user closes it.
fn cell_pairs_ui(
    ui: &mut egui::Ui,
    results: &super::Results,
    row: usize,
    column: usize,
    pairs: &mut super::PairsState,
    page: &mut Page,
    actions: &mut Vec<Action>,
) -> bool {
    let matrix = &results.matrix;
    let (Some(cells), Some(name)) = (matrix.cells.get(row), matrix.columns.get(column)) else {
        return true;
    };
    let Some(cell) = cells.get(column) else {
        return true;
    };
    // The matrix is rebuilt after decisions: a cell that is gone closes.
    let Some(unit) = matrix.rows.get(row) else {
        return true;
    };
    let title = format!("{} × {}", unit.urn, name);
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(format!("{title}: {}", cell.text())).strong());
        if !cell.uses.is_empty() && ui.button("Show these in the pairs list").clicked() {
            pairs.only = Some((title.clone(), cell.uses.clone()));
            pairs.selected = cell.uses.first().copied();
            pairs.visible_stale = true;
            pairs.scroll_to_selected = true;
            pairs.focus = true;
            *page = Page::Pairs;
        }
        if ui.button("Close").clicked() {
            close = true;
        }
    });
    if cell.uses.is_empty() {
        ui.label(format!("{} is not used by {name}.", unit.urn));
        return close;
    }
    egui::ScrollArea::vertical()
        .id_salt("analysis-cell-pairs")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for &pair in &cell.uses {
                ui.horizontal(|ui| {
                    if ui
                        .small_button("Go to")
                        .on_hover_text("Enter, or double-click the pair")
                        .clicked()
                    {
                        actions.push(Action::Analysis(AnalysisAction::GoTo {
                            pair,
                            thematic: false,
                        }));
                    }
                    let label = row_label(results, pair);
                    let response = ui.selectable_label(pairs.selected == Some(pair), label);
                    if response.clicked() {
                        pairs.selected = Some(pair);
                    }
                    if response.double_clicked() {
                        actions.push(Action::Analysis(AnalysisAction::GoTo {
                            pair,
                            thematic: false,
                        }));
                    }
                });
            }
        });
    close
}
