//! The pairs page: every use found, one row each (virtualised), filtered by mechanism and
//! words; the selected pair's evidence and decision beside the list.

use eframe::egui::{self, Align2, Color32, FontId, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::{Action, AnalysisAction, AnalysisView, Page, Results};
use crate::analysis::reuse::{Mechanism, Relation, Source, Use};

const ROW_HEIGHT: f32 = 22.0;

/// The list's id: while it has the keyboard, the view's keys act on it.
pub(super) fn list_id() -> egui::Id {
    egui::Id::unique("nosmap-analysis-pairs")
}

/// A mechanism's colour, in the list and the matrix's legend.
pub(super) fn mechanism_colour(mechanism: Mechanism, dark: bool) -> Color32 {
    match (mechanism, dark) {
        (Mechanism::SameUrn, false) => Color32::from_rgb(0x1f, 0x5f, 0xa8),
        (Mechanism::SameUrn, true) => Color32::from_rgb(0x6c, 0xa8, 0xf0),
        (Mechanism::OriginalUrn, false) => Color32::from_rgb(0x1e, 0x7b, 0x34),
        (Mechanism::OriginalUrn, true) => Color32::from_rgb(0x6f, 0xcf, 0x84),
        (Mechanism::SameTitle, false) => Color32::from_rgb(0xa8, 0x55, 0x00),
        (Mechanism::SameTitle, true) => Color32::from_rgb(0xf0, 0xa0, 0x50),
        (Mechanism::NearDuplicate, false) => Color32::from_rgb(0x7b, 0x3f, 0xa8),
        (Mechanism::NearDuplicate, true) => Color32::from_rgb(0xc0, 0x90, 0xf0),
    }
}

/// The colour a decision is shown in.
fn decision_colour(relation: Relation, ui: &egui::Ui) -> Color32 {
    if relation == Relation::NotRelated {
        ui.visuals().error_fg_color
    } else if ui.visuals().dark_mode {
        Color32::from_rgb(0x6f, 0xcf, 0x84)
    } else {
        Color32::from_rgb(0x1e, 0x7b, 0x34)
    }
}

/// The thematic side, short: its URN (or title), or the earlier edition's code.
pub(super) fn source_short(results: &Results, source: &Source) -> String {
    match source {
        Source::Unit(unit) => {
            let u = &results.corpus.units[*unit];
            if u.urn.is_empty() {
                u.title.clone()
            } else {
                u.urn.clone()
            }
        }
        Source::Earlier(code) => format!("{code} (earlier edition)"),
    }
}

/// The using side, short: “suite “Equine” (Lantra)” or “PPL1FOH2 Title (People 1st)”.
pub(super) fn using_short(results: &Results, found: &Use) -> String {
    let organisation = results.report.organisation(&results.corpus, found);
    let side = match &found.suite {
        Some(suite) => format!("suite “{suite}”"),
        None => results.corpus.units[found.using].label(),
    };
    if organisation.is_empty() {
        side
    } else {
        format!("{side} ({organisation})")
    }
}

/// The words a row says, for screen readers and tests.
pub(super) fn row_label(results: &Results, pair: usize) -> String {
    let found = &results.report.uses[pair];
    let decision = found
        .decision
        .as_ref()
        .map_or("undecided".to_string(), |d| d.relation.label().to_string());
    format!(
        "{}: {} → {} ({decision})",
        found.mechanism.label(),
        source_short(results, &found.source),
        using_short(results, found)
    )
}

pub(super) fn no_results(ui: &mut egui::Ui, view: &mut AnalysisView, actions: &mut Vec<Action>) {
    ui.add_space(12.0);
    ui.label("The analysis has not run yet: choose the maps and catalogue exports on the Corpus page, then Run.");
    ui.horizontal(|ui| {
        if ui.button("Corpus…").clicked() {
            view.page = Page::Corpus;
        }
        if ui.button("Run").clicked() {
            actions.push(Action::Analysis(AnalysisAction::Run));
        }
    });
}

pub(super) fn pairs_ui(ui: &mut egui::Ui, view: &mut AnalysisView, actions: &mut Vec<Action>) {
    if view.results.is_none() {
        no_results(ui, view, actions);
        return;
    }
    filters_ui(ui, view);
    if view.pairs.visible_stale {
        view.refresh_visible();
    }
    let width = ui.available_width();
    egui::Panel::right("analysis-evidence")
        .resizable(true)
        .default_size((width * 0.42).max(300.0))
        .min_size(260.0)
        .max_size((width * 0.65).max(260.0))
        .show(ui, |ui| {
            let Some(results) = &view.results else {
                return;
            };
            match view.pairs.selected {
                Some(pair) if pair < results.report.uses.len() => {
                    evidence_ui(ui, results, pair, &mut view.pairs.note, actions)
                }
                _ => {
                    ui.label("Select a pair to see its evidence.");
                }
            }
        });
    list_ui(ui, view, actions);
}

fn filters_ui(ui: &mut egui::Ui, view: &mut AnalysisView) {
    let state = &mut view.pairs;
    let before = (
        state.text.clone(),
        state.mechanism,
        state.undecided_only,
        state.show_rejected,
        state.only.is_some(),
    );
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Show:");
        egui::ComboBox::from_id_salt("analysis-mechanism")
            .selected_text(state.mechanism.map_or("Every mechanism", |m| m.label()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.mechanism, None, "Every mechanism");
                for mechanism in Mechanism::ALL {
                    ui.selectable_value(&mut state.mechanism, Some(mechanism), mechanism.label());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Find:");
        ui.add(
            egui::TextEdit::singleline(&mut state.text)
                .hint_text("URN, title, organisation, suite, word")
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        ui.checkbox(&mut state.undecided_only, "Undecided only");
        ui.checkbox(&mut state.show_rejected, "Rejected too");
        if let Some((name, _)) = &state.only {
            let chip = ui
                .button(format!("{name} ✖"))
                .on_hover_text("Only the pairs of this matrix cell: click to show every pair");
            if chip.clicked() {
                state.only = None;
            }
        }
    });
    let after = (
        state.text.clone(),
        state.mechanism,
        state.undecided_only,
        state.show_rejected,
        state.only.is_some(),
    );
    if before != after {
        state.visible_stale = true;
        state.scroll_to_selected = true;
    }
}

/// The list of pairs: a header, then one painted row per pair, only the rows in view drawn.
fn list_ui(ui: &mut egui::Ui, view: &mut AnalysisView, actions: &mut Vec<Action>) {
    let Some(results) = &view.results else {
        return;
    };
    let state = &mut view.pairs;
    let decided = results
        .report
        .uses
        .iter()
        .filter(|u| u.decision.is_some())
        .count();
    ui.label(
        egui::RichText::new(format!(
            "{} of {} pairs shown · {decided} decided · A accept, R reject, 1–7 relation, J/K next/previous, Enter go to the unit",
            state.visible.len(),
            results.report.uses.len()
        ))
        .small(),
    );
    let columns = Columns::for_width(ui.available_width());
    header_ui(ui, &columns);
    // The list holds the keyboard as one widget: arrows and letters act on it.
    let list_rect = ui.available_rect_before_wrap();
    let focus = ui.interact(list_rect, list_id(), Sense::focusable_noninteractive());
    if state.focus {
        focus.request_focus();
        state.focus = false;
    }
    let has_focus = focus.has_focus();
    if has_focus {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                list_id(),
                egui::EventFilter {
                    tab: false,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: true,
                },
            )
        });
    }
    let spacing = ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("analysis-pairs-list")
        .auto_shrink([false, false]);
    // Bring the selected row into view: scroll just enough, as a list does.
    if state.scroll_to_selected {
        let row = state
            .selected
            .and_then(|s| state.visible.iter().position(|&p| p == s));
        if let Some(row) = row {
            let step = ROW_HEIGHT + spacing;
            let top = row as f32 * step;
            let (offset, height) = (state.offset, state.list_height);
            if top < offset {
                area = area.vertical_scroll_offset(top);
            } else if top + step > offset + height && height > 0.0 {
                area = area.vertical_scroll_offset(top + step - height);
            }
        }
        state.scroll_to_selected = false;
    }
    let visible = &state.visible;
    let mut clicked = None;
    let output = area.show_rows(ui, ROW_HEIGHT, visible.len(), |ui, range| {
        for row in range {
            let pair = visible[row];
            let is_selected = state.selected == Some(pair);
            let response = row_ui(ui, results, pair, is_selected, has_focus, &columns);
            if response.clicked() {
                clicked = Some(pair);
            }
            if response.double_clicked() {
                actions.push(Action::Analysis(AnalysisAction::GoTo {
                    pair,
                    thematic: false,
                }));
            }
        }
    });
    state.offset = output.state.clamped_offset().y;
    state.list_height = output.inner_rect.height();
    if let Some(pair) = clicked {
        state.selected = Some(pair);
        focus.request_focus();
    }
    if visible.is_empty() {
        ui.label("No pair matches the filters.");
    }
}

/// Where the list's columns go in a list `width` wide.
struct Columns {
    theme: f32,
    mechanism: f32,
    pair: f32,
    score: f32,
    decision: f32,
}

impl Columns {
    fn for_width(width: f32) -> Self {
        let theme = if width > 640.0 { 120.0 } else { 84.0 };
        let mechanism = 26.0;
        let score = 44.0;
        let decision = if width > 640.0 { 130.0 } else { 96.0 };
        let pair = (width - theme - mechanism - score - decision - 16.0).max(80.0);
        Self {
            theme,
            mechanism,
            pair,
            score,
            decision,
        }
    }

    /// Left edges, in order.
    fn lefts(&self, left: f32) -> [f32; 5] {
        let mut x = left + 4.0;
        let mut lefts = [0.0; 5];
        for (slot, w) in lefts.iter_mut().zip([
            self.theme,
            self.mechanism,
            self.pair,
            self.score,
            self.decision,
        ]) {
            *slot = x;
            x += w + 4.0;
        }
        lefts
    }
}

fn header_ui(ui: &mut egui::Ui, columns: &Columns) {
    let (rect, _) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::hover());
    let painter = ui.painter_at(rect);
    let colour = ui.visuals().strong_text_color();
    let font = egui::TextStyle::Small.resolve(ui.style());
    let lefts = columns.lefts(rect.left());
    let widths = [
        columns.theme,
        columns.mechanism,
        columns.pair,
        columns.score,
        columns.decision,
    ];
    for ((title, left), width) in [
        "Theme",
        "",
        "Thematic unit → where it is used",
        "Score",
        "Decision",
    ]
    .into_iter()
    .zip(lefts)
    .zip(widths)
    {
        let galley = truncated(ui, title, font.clone(), colour, width);
        painter.galley(
            egui::pos2(left, rect.center().y - galley.size().y / 2.0),
            galley,
            colour,
        );
    }
    painter.line_segment(
        [rect.left_bottom(), rect.right_bottom()],
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
}

/// Text cut to `width` with an ellipsis.
pub(super) fn truncated(
    ui: &egui::Ui,
    text: &str,
    font: FontId,
    colour: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_string(), font, colour);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width.max(1.0));
    ui.painter().layout_job(job)
}

fn row_ui(
    ui: &mut egui::Ui,
    results: &Results,
    pair: usize,
    selected: bool,
    list_focused: bool,
    columns: &Columns,
) -> egui::Response {
    let found = &results.report.uses[pair];
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(ui.available_width(), ROW_HEIGHT), Sense::CLICK);
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);
    if selected {
        painter.rect_filled(rect, 3.0, visuals.selection.bg_fill);
        if list_focused {
            painter.rect_stroke(rect, 3.0, visuals.selection.stroke, StrokeKind::Inside);
        }
    } else if response.hovered() {
        painter.rect_filled(rect, 3.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let text_colour = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    let font = egui::TextStyle::Body.resolve(ui.style());
    let small = egui::TextStyle::Small.resolve(ui.style());
    let lefts = columns.lefts(rect.left());
    let middle = |galley: &egui::Galley| rect.center().y - galley.size().y / 2.0;
    let theme = truncated(
        ui,
        &results.report.themes[found.theme].name,
        small.clone(),
        visuals.weak_text_color(),
        columns.theme,
    );
    painter.galley(egui::pos2(lefts[0], middle(&theme)), theme, text_colour);
    let badge = Rect::from_center_size(
        egui::pos2(lefts[1] + columns.mechanism / 2.0, rect.center().y),
        Vec2::new(20.0, 16.0),
    );
    let colour = mechanism_colour(found.mechanism, visuals.dark_mode);
    painter.rect_stroke(badge, 3.0, Stroke::new(1.5, colour), StrokeKind::Inside);
    painter.text(
        badge.center(),
        Align2::CENTER_CENTER,
        found.mechanism.letter(),
        small.clone(),
        colour,
    );
    let text = format!(
        "{} → {}",
        source_short(results, &found.source),
        using_short(results, found)
    );
    let galley = truncated(ui, &text, font.clone(), text_colour, columns.pair);
    painter.galley(egui::pos2(lefts[2], middle(&galley)), galley, text_colour);
    let score = format!("{:.2}", found.score);
    let galley = truncated(ui, &score, small.clone(), text_colour, columns.score);
    painter.galley(egui::pos2(lefts[3], middle(&galley)), galley, text_colour);
    let (decision, colour) = match &found.decision {
        Some(d) => {
            let mark = if d.relation == Relation::NotRelated {
                "✖"
            } else {
                "✔"
            };
            (
                format!("{mark} {}", d.relation.label()),
                decision_colour(d.relation, ui),
            )
        }
        None => ("—".to_string(), visuals.weak_text_color()),
    };
    let galley = truncated(ui, &decision, small, colour, columns.decision);
    painter.galley(egui::pos2(lefts[4], middle(&galley)), galley, colour);
    let label = row_label(results, pair);
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &label));
    response.on_hover_text(&found.evidence.summary)
}

/// The selected pair: both sides, the evidence, the decision.
fn evidence_ui(
    ui: &mut egui::Ui,
    results: &Results,
    pair: usize,
    note: &mut Option<(usize, String)>,
    actions: &mut Vec<Action>,
) {
    let found = &results.report.uses[pair];
    let corpus = &results.corpus;
    let mut ask = |action| actions.push(Action::Analysis(action));
    egui::ScrollArea::vertical()
        .id_salt("analysis-evidence-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let colour = mechanism_colour(found.mechanism, ui.visuals().dark_mode);
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(found.mechanism.label())
                        .strong()
                        .color(colour),
                );
                if found.mechanism == Mechanism::NearDuplicate {
                    ui.label(format!("score {:.2}", found.score));
                }
                ui.label(egui::RichText::new(&results.report.themes[found.theme].name).weak());
            });
            ui.add_space(4.0);
            ui.label(egui::RichText::new("Thematic unit").small().weak());
            match &found.source {
                Source::Unit(unit) => {
                    ui.add(
                        egui::Label::new(egui::RichText::new(corpus.units[*unit].label()).strong())
                            .wrap(),
                    );
                    ui.horizontal_wrapped(|ui| {
                        ui.label(egui::RichText::new(corpus.describe_place(*unit)).small());
                        if ui
                            .small_button("Go to it")
                            .on_hover_text("Shift+Enter")
                            .clicked()
                        {
                            ask(AnalysisAction::GoTo {
                                pair,
                                thematic: true,
                            });
                        }
                    });
                }
                Source::Earlier(code) => {
                    ui.label(format!(
                        "{code}: a code of an earlier edition; no unit in the corpus carries it"
                    ));
                }
            }
            ui.add_space(4.0);
            ui.label(egui::RichText::new("Used by").small().weak());
            let using = &corpus.units[found.using];
            if let Some(suite) = &found.suite {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(format!(
                            "the suite “{suite}” ({})",
                            results.report.organisation(corpus, found)
                        ))
                        .strong(),
                    )
                    .wrap(),
                );
                ui.label(egui::RichText::new(format!("listed on {}", using.label())).small());
            } else {
                ui.add(egui::Label::new(egui::RichText::new(using.label()).strong()).wrap());
                let mut about = vec![using.developer.clone()];
                if let Some(status) = using.status {
                    about.push(status.label().to_string());
                }
                if let Some(cited) = &found.cited {
                    about.push(format!("Original URN “{cited}”"));
                }
                about.retain(|s| !s.is_empty());
                if !about.is_empty() {
                    ui.label(egui::RichText::new(about.join(" · ")).small());
                }
            }
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(corpus.describe_place(found.using)).small());
                if ui.small_button("Go to it").on_hover_text("Enter").clicked() {
                    ask(AnalysisAction::GoTo {
                        pair,
                        thematic: false,
                    });
                }
            });
            ui.separator();
            ui.add(egui::Label::new(&found.evidence.summary).wrap());
            if !found.evidence.shared_terms.is_empty() {
                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new("Shared words:").small().weak());
                    for term in &found.evidence.shared_terms {
                        egui::Frame::new()
                            .fill(ui.visuals().faint_bg_color)
                            .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
                            .corner_radius(4.0)
                            .inner_margin(egui::Margin::symmetric(4, 1))
                            .show(ui, |ui| ui.label(egui::RichText::new(term).small()));
                    }
                });
            }
            if !found.evidence.statements.is_empty() {
                ui.add_space(6.0);
                ui.label(
                    egui::RichText::new("Statements side by side")
                        .small()
                        .weak(),
                );
                statements_ui(ui, found);
            }
            ui.separator();
            decision_ui(ui, found, pair, note, &mut ask);
        });
}

fn statements_ui(ui: &mut egui::Ui, found: &Use) {
    let width = ui.available_width();
    let score_width = 36.0;
    let side = ((width - score_width - 16.0) / 2.0).max(80.0);
    for matched in &found.evidence.statements {
        ui.horizontal_top(|ui| {
            for (label, text) in [&matched.source, &matched.using] {
                ui.allocate_ui(Vec2::new(side, 0.0), |ui| {
                    ui.set_width(side);
                    ui.add(
                        egui::Label::new(egui::RichText::new(format!("{label} {text}")).small())
                            .wrap(),
                    );
                });
            }
            ui.label(egui::RichText::new(format!("{:.2}", matched.score)).small());
        });
        ui.add_space(2.0);
    }
}

fn decision_ui(
    ui: &mut egui::Ui,
    found: &Use,
    pair: usize,
    note: &mut Option<(usize, String)>,
    ask: &mut impl FnMut(AnalysisAction),
) {
    let suggested = Relation::suggested(found);
    let current = found.decision.as_ref().map(|d| d.relation);
    ui.label(egui::RichText::new("Decision").small().weak());
    ui.horizontal_wrapped(|ui| {
        for (i, relation) in Relation::ALL.into_iter().enumerate() {
            let mut text = format!("{} {}", i + 1, relation.label());
            if relation == suggested {
                text.push_str(" (A)");
            }
            let hover = if relation == Relation::NotRelated {
                "R or 7: the suggestion was wrong".to_string()
            } else if relation == suggested {
                format!("{}, or A: what this evidence suggests", i + 1)
            } else {
                format!("Key {}", i + 1)
            };
            if ui
                .add(egui::Button::selectable(current == Some(relation), text))
                .on_hover_text(hover)
                .clicked()
            {
                ask(AnalysisAction::Decide {
                    pair,
                    relation: Some(relation),
                    advance: false,
                });
            }
        }
        if current.is_some() && ui.button("Clear").on_hover_text("0").clicked() {
            ask(AnalysisAction::Decide {
                pair,
                relation: None,
                advance: false,
            });
        }
    });
    let Some(decision) = &found.decision else {
        return;
    };
    let mut said = format!("Decided: {}", decision.relation.label());
    if !decision.by.is_empty() {
        said.push_str(&format!(" by {}", decision.by));
    }
    if let Some(date) = decision.date {
        said.push_str(&format!(" on {date}"));
    }
    ui.label(egui::RichText::new(said).small());
    if note.as_ref().is_none_or(|(p, _)| *p != pair) {
        *note = Some((pair, decision.note.clone()));
    }
    if let Some((_, text)) = note {
        ui.horizontal(|ui| {
            let label = ui.label("Note:");
            let field = ui
                .add(egui::TextEdit::singleline(text).desired_width(ui.available_width() - 60.0))
                .labelled_by(label.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let changed = *text != decision.note;
            if (ui.add_enabled(changed, egui::Button::new("Keep")).clicked() || enter) && changed {
                ask(AnalysisAction::Note {
                    pair,
                    note: text.trim().to_string(),
                });
            }
        });
    }
}
