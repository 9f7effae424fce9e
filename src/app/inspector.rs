//! The inspector: every field of the selected node, or the map's settings when nothing is
//! selected.
//!
//! Fields edit a draft copy of the node. When a field is finished (it loses the keyboard, Enter in
//! a one-line field, a dropdown or checkbox changes) the whole draft goes out as one `SetNode`
//! edit, so one finished field is one undo step, never one per keystroke.

use std::collections::HashMap;

use eframe::egui::{self, Key, Modifiers};

use super::Action;
use crate::edit::Edit;
use crate::model::fields::{FieldKind, UnitField};
use crate::model::{
    Category, Date, FunctionalMap, MapMeta, Node, NodeId, Rgb, Statement, StatementId,
    StatementList, Status, Theme, Validity, Verdict, Workshop, numbering,
};

#[derive(Default)]
pub struct InspectorState {
    /// The node and map revision the draft was taken from.
    source: Option<(Option<NodeId>, u64)>,
    draft: Option<Node>,
    meta: Option<MapMeta>,
    /// Text of fields that are not plain strings (dates, lists, numbers), parsed on commit.
    texts: HashMap<&'static str, String>,
    /// The "new item" fields of the two lists.
    new_items: [String; 2],
    /// Problems with what was typed (a date that is not a date).
    error: Option<String>,
    /// One of our fields had the keyboard last frame: keep the draft while the user types.
    typing: bool,
    /// Put the keyboard in the first field next frame (Ctrl+I).
    pub focus_first: bool,
    /// Keep the keyboard in this list's new-item field after adding an item.
    refocus_new: Option<usize>,
    /// A statement to show and give the keyboard to (a finding on it was clicked).
    revealing: Option<StatementId>,
    /// Whether showing it also gives it the keyboard (not for find results: the find bar keeps
    /// it).
    reveal_with_keyboard: bool,
}

/// What a pass over the fields found.
#[derive(Default)]
struct Outcome {
    commit: Option<String>,
    typing: bool,
    /// Open the Comments panel at the node's comments (on this statement).
    open_comments: Option<Option<StatementId>>,
}

impl Outcome {
    fn field(&mut self, response: &egui::Response, name: &str) {
        self.typing |= response.has_focus();
        // A drag (a number dragged up) is finished when the pointer lets go, not every frame.
        let finished_change = response.changed() && !response.has_focus() && !response.dragged();
        if response.lost_focus() || response.drag_stopped() || finished_change {
            self.commit.get_or_insert_with(|| name.to_string());
        }
    }
}

pub fn inspector_ui(
    ui: &mut egui::Ui,
    map: &FunctionalMap,
    revision: u64,
    selected: Option<NodeId>,
    today: Option<Date>,
    state: &mut InspectorState,
    actions: &mut Vec<Action>,
) {
    let source = Some((selected, revision));
    let other_node = state.source.map(|(node, _)| node) != Some(selected);
    if other_node || (state.source != source && !state.typing) {
        reset(state, map, selected);
        state.source = source;
    }
    let mut outcome = Outcome::default();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Rows wrap inside the panel rather than widen it (and push it past the window).
            ui.set_max_width(ui.available_width());
            match (selected, state.draft.is_some()) {
                (Some(id), true) => node_ui(ui, map, id, today, state, &mut outcome),
                _ => meta_ui(ui, state, &mut outcome),
            }
        });
    if state.typing && !outcome.typing && ui.input(|i| i.key_pressed(Key::Escape)) {
        actions.push(Action::FocusCanvas);
    }
    state.typing = outcome.typing;
    state.focus_first = false;
    if let (Some(statement), Some(node)) = (outcome.open_comments, selected) {
        actions.push(Action::Comments(super::comments::CommentsAction::OpenOn {
            node,
            statement,
        }));
    }
    if let Some(error) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    let Some(field) = outcome.commit else {
        return;
    };
    parse_texts(state);
    if state.error.is_some() {
        return;
    }
    match (selected, &state.draft, &state.meta) {
        (Some(id), Some(draft), _) if map.node(id) != Some(draft) => actions.push(Action::Edit {
            label: format!("Edit {field}"),
            edit: Box::new(Edit::SetNode {
                id,
                node: draft.clone(),
            }),
        }),
        (None, _, Some(meta)) if map.meta() != meta => actions.push(Action::Edit {
            label: format!("Edit map {field}"),
            edit: Box::new(Edit::SetMeta(meta.clone())),
        }),
        _ => {}
    }
}

impl InspectorState {
    /// Puts the keyboard in the new-item field of the performance criteria or the knowledge.
    pub fn focus_new_item(&mut self, knowledge: bool) {
        self.refocus_new = Some(usize::from(knowledge));
    }

    /// Shows this statement (opening its section) and gives it the keyboard next frame.
    pub fn reveal(&mut self, statement: Option<StatementId>) {
        self.revealing = statement;
        self.reveal_with_keyboard = true;
    }

    /// Shows this statement (opening its section) without taking the keyboard.
    pub fn show(&mut self, statement: Option<StatementId>) {
        self.revealing = statement;
        self.reveal_with_keyboard = false;
    }

    /// A field was asked for the keyboard and has not had a frame to take it.
    pub fn wants_keyboard(&self) -> bool {
        self.focus_first || self.refocus_new.is_some()
    }
}

fn reset(state: &mut InspectorState, map: &FunctionalMap, selected: Option<NodeId>) {
    state.draft = selected.and_then(|id| map.node(id)).cloned();
    state.meta = Some(map.meta().clone());
    state.texts.clear();
    state.error = None;
    if let Some(Node::Unit(unit)) = &state.draft {
        for field in TEXT_FORM_FIELDS {
            state.texts.insert(field.key(), field.text(unit));
        }
    }
    if let Some(meta) = &state.meta {
        state.texts.insert("authors", meta.authors.join("\n"));
        state.texts.insert("levels", meta.level_names.join("\n"));
    }
}

/// The unit fields edited as text in their table form (numbers, dates, lists one item per line,
/// the statement lists that have no list editor): parsed back when a field is finished.
const TEXT_FORM_FIELDS: [UnitField; 15] = [
    UnitField::VersionNumber,
    UnitField::DateApproved,
    UnitField::IndicativeReviewDate,
    UnitField::Occupations,
    UnitField::Suites,
    UnitField::Keywords,
    UnitField::SocCodes,
    UnitField::LinksToOtherNos,
    UnitField::ExternalLinks,
    UnitField::ScopeRange,
    UnitField::ScopeRangePerformance,
    UnitField::ScopeRangeKnowledge,
    UnitField::Values,
    UnitField::Behaviours,
    UnitField::Skills,
];

/// What a text-form field is called above its box, with how to write it.
fn text_form_label(field: UnitField) -> String {
    match field.kind() {
        FieldKind::Date => format!("{} (YYYY-MM-DD)", field.label()),
        FieldKind::Lines => format!("{} (one per line)", field.label()),
        FieldKind::Statements(_) => format!("{} (one item per line)", field.label()),
        _ => field.label().to_string(),
    }
}

/// Turns the text of dates, numbers and lists back into the draft, through the field table;
/// text that does not read (a date that is not a date) is an error and changes nothing.
fn parse_texts(state: &mut InspectorState) {
    state.error = None;
    let split = |text: &str| -> Vec<String> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    };
    let text = |key: &str| state.texts.get(key).cloned().unwrap_or_default();
    if let Some(Node::Unit(unit)) = &mut state.draft {
        for field in TEXT_FORM_FIELDS {
            if let Err(error) = field.set_text(unit, &text(field.key())) {
                state
                    .error
                    .get_or_insert(format!("{}: {error}", field.label()));
            }
        }
    }
    if let Some(meta) = &mut state.meta {
        meta.authors = split(&text("authors"));
        let levels = split(&text("levels"));
        if !levels.is_empty() {
            meta.level_names = levels;
        }
    }
}

/// A labelled text field; `rows` > 1 makes it multi-line.
fn field(ui: &mut egui::Ui, label: &str, text: &mut String, rows: usize) -> egui::Response {
    let label = ui.label(label);
    let edit = if rows > 1 {
        egui::TextEdit::multiline(text).desired_rows(rows)
    } else {
        egui::TextEdit::singleline(text)
    };
    ui.add(edit.desired_width(f32::INFINITY))
        .labelled_by(label.id)
}

/// A text-form field's box, labelled from the field table.
fn text_form_ui(
    ui: &mut egui::Ui,
    field: UnitField,
    texts: &mut HashMap<&'static str, String>,
    rows: usize,
    out: &mut Outcome,
) {
    let label = text_form_label(field);
    let text = texts.entry(field.key()).or_default();
    out.field(&self::field(ui, &label, text, rows), &label);
}

/// A fixed-value field as a drop-down of its one spelling per value, plus "—" for none.
fn fixed_value_ui<T: FixedValue>(
    ui: &mut egui::Ui,
    field: UnitField,
    value: &mut Option<T>,
) -> egui::Response {
    let options: Vec<(Option<T>, &str)> = std::iter::once((None, "—"))
        .chain(T::ALL.iter().map(|&v| (Some(v), v.label())))
        .collect();
    choice(ui, field.label(), value, &options)
}

/// The fixed values a drop-down offers, in their one spelling.
trait FixedValue: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    fn label(self) -> &'static str;
}

macro_rules! fixed_value {
    ($($kind:ty),*) => {$(
        impl FixedValue for $kind {
            const ALL: &'static [Self] = <$kind>::ALL;
            fn label(self) -> &'static str {
                <$kind>::label(self)
            }
        }
    )*};
}

fixed_value!(Validity, Status, Category);

fn choice<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<T>,
    options: &[(Option<T>, &str)],
) -> egui::Response {
    let shown = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("", |(_, name)| *name);
    let mut changed = false;
    let mut response = egui::ComboBox::from_label(label)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (option, name) in options {
                changed |= ui.selectable_value(value, *option, *name).changed();
            }
        })
        .response;
    if changed {
        response.mark_changed();
    }
    response
}

fn node_ui(
    ui: &mut egui::Ui,
    map: &FunctionalMap,
    id: NodeId,
    today: Option<Date>,
    state: &mut InspectorState,
    out: &mut Outcome,
) {
    let focus_first = state.focus_first;
    let Some(draft) = &mut state.draft else {
        return;
    };
    ui.heading(kind_heading(map, id));
    // Reviewers' comments: a count on the node and on each statement opens them in the panel.
    let comments = super::comments::comment_counts(draft);
    let (all, open) = comments
        .values()
        .fold((0, 0), |(a, o), (ca, co)| (a + ca, o + co));
    if all > 0
        && ui
            .small_button(format!("\u{275d} {all} comments, {open} open"))
            .on_hover_text("Open them in the Comments panel (Ctrl+Shift+K)")
            .clicked()
    {
        out.open_comments = Some(None);
    }
    workshop_ui(ui, draft.workshop_mut(), today, out);
    match draft {
        Node::KeyPurpose(kp) => {
            let r = field(ui, "Key purpose statement", &mut kp.statement, 3);
            if focus_first {
                r.request_focus();
            }
            out.field(&r, "key purpose");
            out.field(&field(ui, "Notes", &mut kp.notes, 3), "notes");
        }
        Node::Function(function) => {
            let r = field(ui, "Title", &mut function.title, 2);
            if focus_first {
                r.request_focus();
            }
            out.field(&r, "title");
            out.field(&field(ui, "Code", &mut function.code, 1), "code");
            out.field(
                &field(ui, "Description", &mut function.description, 3),
                "description",
            );
            let r = ui.checkbox(&mut function.gap, "A gap: no NOS exists for it yet");
            out.field(&r, "gap");
        }
        Node::Unit(unit) => {
            let r = field(ui, "Title", &mut unit.title, 2);
            if focus_first {
                r.request_focus();
            }
            out.field(&r, "title");
            out.field(&field(ui, "URN", &mut unit.urn, 1), "URN");
            out.field(&field(ui, "Overview", &mut unit.overview, 4), "overview");
            let placements = map.parent_count(id);
            if placements > 1 {
                ui.label(format!("Placed under {placements} functions (shared)."));
            }
            for (index, list) in [StatementList::PerformanceCriteria, StatementList::Knowledge]
                .into_iter()
                .enumerate()
            {
                let heading = match list {
                    StatementList::PerformanceCriteria => {
                        "Performance criteria — You must be able to:"
                    }
                    _ => "Knowledge and understanding — You need to know and understand:",
                };
                ui.separator();
                ui.strong(heading);
                let statements = unit.statements_mut(list);
                statements_ui(
                    ui,
                    list,
                    statements,
                    &mut state.new_items[index],
                    index,
                    KeyboardWish {
                        refocus_new: &mut state.refocus_new,
                        revealing: &mut state.revealing,
                        take_keyboard: state.reveal_with_keyboard,
                        comments: &comments,
                    },
                    out,
                );
            }
            ui.separator();
            // A finding on one of these statements opens the section at its list.
            let revealed_list = state
                .revealing
                .and_then(|id| unit.find_statement(id))
                .and_then(|(list, _)| list)
                .filter(|list| {
                    TEXT_FORM_FIELDS
                        .iter()
                        .any(|f| f.kind() == FieldKind::Statements(*list))
                });
            egui::CollapsingHeader::new("Scope, values, behaviours, skills")
                .default_open(false)
                .open(revealed_list.map(|_| true))
                .show(ui, |ui| {
                    for field in TEXT_FORM_FIELDS {
                        let FieldKind::Statements(list) = field.kind() else {
                            continue;
                        };
                        let label = text_form_label(field);
                        let text = state.texts.entry(field.key()).or_default();
                        let response = self::field(ui, &label, text, 3);
                        if revealed_list == Some(list) {
                            if state.reveal_with_keyboard {
                                response.request_focus();
                            }
                            response.scroll_to_me(Some(egui::Align::Center));
                            state.revealing = None;
                        }
                        out.field(&response, &label);
                    }
                });
            egui::CollapsingHeader::new("Glossary and links")
                .default_open(false)
                .show(ui, |ui| {
                    let mut remove = None;
                    for (i, entry) in unit.glossary.iter_mut().enumerate() {
                        ui.horizontal(|ui| {
                            out.field(&field(ui, "Term", &mut entry.term, 1), "glossary");
                            if ui.small_button("✕").on_hover_text("Remove term").clicked() {
                                remove = Some(i);
                            }
                        });
                        out.field(
                            &field(ui, "Definition", &mut entry.definition, 2),
                            "glossary",
                        );
                    }
                    if let Some(i) = remove {
                        unit.glossary.remove(i);
                        out.commit.get_or_insert_with(|| "glossary".into());
                    }
                    if ui.button("Add glossary term").clicked() {
                        unit.glossary.push(Default::default());
                        out.commit.get_or_insert_with(|| "glossary".into());
                    }
                    for field in [UnitField::LinksToOtherNos, UnitField::ExternalLinks] {
                        text_form_ui(ui, field, &mut state.texts, 2, out);
                    }
                });
            egui::CollapsingHeader::new("Metadata")
                .default_open(true)
                .show(ui, |ui| metadata_ui(ui, unit, &mut state.texts, map, out));
        }
    }
}

/// Decisions from workshops: verdict and votes.
fn workshop_ui(ui: &mut egui::Ui, workshop: &mut Workshop, today: Option<Date>, out: &mut Outcome) {
    egui::CollapsingHeader::new("Workshop")
        .default_open(!workshop.is_empty())
        .show(ui, |ui| {
            let agreed_on = match workshop.verdict {
                Some(Verdict::Agreed(day)) => Some(day),
                _ => today,
            };
            let mut options = vec![(None, "—".to_string())];
            if let Some(day) = agreed_on {
                options.push((Some(Verdict::Agreed(day)), format!("Agreed on {day}")));
            }
            options.push((Some(Verdict::NeedsDiscussion), "Needs discussion".into()));
            let named: Vec<(Option<Verdict>, &str)> =
                options.iter().map(|(v, n)| (*v, n.as_str())).collect();
            let r = choice(ui, "Decision", &mut workshop.verdict, &named);
            out.field(&r, "workshop decision");
            ui.horizontal(|ui| {
                let label = ui.label("Votes for");
                let r = ui
                    .add(egui::DragValue::new(&mut workshop.votes_for))
                    .labelled_by(label.id);
                out.field(&r, "votes");
                let label = ui.label("against");
                let r = ui
                    .add(egui::DragValue::new(&mut workshop.votes_against))
                    .labelled_by(label.id);
                out.field(&r, "votes");
            });
        });
}

fn kind_heading(map: &FunctionalMap, id: NodeId) -> String {
    match map.node(id).map(Node::kind) {
        Some(crate::model::NodeKind::KeyPurpose) => "Key purpose".into(),
        Some(crate::model::NodeKind::Function) => map.meta().level_name(map.depth(id)).to_string(),
        _ => "NOS unit".into(),
    }
}

/// Removes a leading number a pasted list may carry ("P3 ", "3.", "•", "-").
fn strip_numbering(line: &str) -> &str {
    let line = line.trim();
    let rest = line.trim_start_matches(['P', 'K', 'p', 'k']);
    let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    if digits.len() < rest.len() && (digits.starts_with([' ', '.', ')', '\t']) || digits.is_empty())
    {
        return digits.trim_start_matches(['.', ')']).trim();
    }
    line.trim_start_matches(['•', '-', '*']).trim()
}

/// The statements a block of typed or pasted text makes ([`crate::model::statements_from_text`]),
/// with the numbers a pasted list may carry taken off its items.
pub fn statements_from_text(text: &str) -> Vec<Statement> {
    crate::model::statements_from_text(text)
        .into_iter()
        .map(|mut statement| {
            statement.text = if statement.heading {
                statement.text.trim().to_string()
            } else {
                strip_numbering(&statement.text).to_string()
            };
            statement
        })
        .collect()
}

/// Where the keyboard should go in a statement list next frame.
struct KeyboardWish<'a> {
    /// Back to this list's new-item field after an item was added.
    refocus_new: &'a mut Option<usize>,
    /// To this statement (a finding on it was clicked).
    revealing: &'a mut Option<StatementId>,
    /// Whether the revealed statement takes the keyboard or is only scrolled to.
    take_keyboard: bool,
    /// Reviewers' comments (all, open) by statement: a count beside each opens them.
    comments: &'a HashMap<Option<StatementId>, (usize, usize)>,
}

fn statements_ui(
    ui: &mut egui::Ui,
    list: StatementList,
    statements: &mut Vec<Statement>,
    new_item: &mut String,
    list_index: usize,
    wish: KeyboardWish,
    out: &mut Outcome,
) {
    let KeyboardWish {
        refocus_new,
        revealing,
        take_keyboard,
        comments,
    } = wish;
    let labels = numbering(list, statements);
    let mut moved: Option<(usize, usize)> = None;
    let mut removed = None;
    let mut split: Option<usize> = None;
    let count = statements.len();
    for (i, statement) in statements.iter_mut().enumerate() {
        let label = labels[i].clone().unwrap_or_else(|| "Heading".into());
        let row = ui.horizontal(|ui| {
            let handle_id = egui::Id::unique(("statement-drag", list_index, i));
            ui.dnd_drag_source(handle_id, (list_index, i), |ui| {
                ui.label("⠿").on_hover_text("Drag to reorder");
            });
            let number = ui.label(format!("{label:>4}"));
            // The buttons keep the right edge; the text takes what is left and wraps in it.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                // One small menu rather than three buttons, so the text keeps the width.
                ui.menu_button("⋯", |ui| {
                    if ui.button(format!("Move {label} up (Alt+Up)")).clicked() && i > 0 {
                        moved = Some((i, i - 1));
                    }
                    if ui.button(format!("Move {label} down (Alt+Down)")).clicked() && i + 1 < count
                    {
                        moved = Some((i, i + 1));
                    }
                    if ui.button(format!("Delete {label}")).clicked() {
                        removed = Some(i);
                    }
                })
                .response
                .on_hover_text(format!("Move or delete {label}"));
                if let Some((all, open)) = comments.get(&Some(statement.id)) {
                    let badge = ui
                        .small_button(format!("\u{275d} {all}"))
                        .on_hover_text(format!(
                            "{all} reviewers' comments on {label}, {open} open: show them"
                        ));
                    if badge.clicked() {
                        out.open_comments = Some(Some(statement.id));
                    }
                }
                let revealed = *revealing == Some(statement.id);
                let text = &mut statement.text;
                let edit = ui
                    .add(
                        egui::TextEdit::multiline(text)
                            .desired_rows(1)
                            .desired_width(ui.available_width()),
                    )
                    .labelled_by(number.id);
                if revealed {
                    if take_keyboard {
                        edit.request_focus();
                    }
                    edit.scroll_to_me(Some(egui::Align::Center));
                    *revealing = None;
                }
                out.field(&edit, &label);
                if edit.has_focus() {
                    let (up, down) = ui.input_mut(|i| {
                        (
                            i.consume_key(Modifiers::ALT, Key::ArrowUp),
                            i.consume_key(Modifiers::ALT, Key::ArrowDown),
                        )
                    });
                    if up && i > 0 {
                        moved = Some((i, i - 1));
                    } else if down && i + 1 < count {
                        moved = Some((i, i + 1));
                    }
                }
                if edit.lost_focus() && text.contains('\n') {
                    split = Some(i);
                }
            });
        });
        if let Some(from) = row.response.dnd_release_payload::<(usize, usize)>() {
            if from.0 == list_index && from.1 != i {
                moved = Some((from.1, i));
            }
        }
    }
    let name = list.label().to_lowercase();
    if let Some(i) = split {
        // Several pasted lines become several items.
        let pasted = statements_from_text(statements[i].text());
        statements.splice(i..=i, pasted);
    }
    if let Some((from, to)) = moved {
        let statement = statements.remove(from);
        statements.insert(to, statement);
        out.commit.get_or_insert_with(|| format!("order of {name}"));
    }
    if let Some(i) = removed {
        statements.remove(i);
        out.commit.get_or_insert_with(|| format!("{name}: delete"));
    }
    let hint = match list {
        StatementList::PerformanceCriteria => "New performance criterion",
        StatementList::Knowledge => "New knowledge item",
        _ => "New item",
    };
    let label = ui.label(format!(
        "{hint} (Enter adds; paste several lines for several; “## ” for a heading):"
    ));
    let response = ui
        .add(
            egui::TextEdit::multiline(new_item)
                .desired_rows(1)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if *refocus_new == Some(list_index) {
        response.request_focus();
        *refocus_new = None;
    }
    out.typing |= response.has_focus();
    let shift = ui.input(|i| i.modifiers.shift);
    let entered = response.changed() && new_item.ends_with('\n') && !shift;
    if entered || (response.lost_focus() && !new_item.trim().is_empty()) {
        let added = statements_from_text(new_item);
        if !added.is_empty() {
            statements.extend(added);
            out.commit.get_or_insert_with(|| format!("{name}: add"));
        }
        new_item.clear();
        if entered {
            *refocus_new = Some(list_index);
        }
    }
}

fn metadata_ui(
    ui: &mut egui::Ui,
    unit: &mut crate::model::Unit,
    texts: &mut HashMap<&'static str, String>,
    map: &FunctionalMap,
    out: &mut Outcome,
) {
    let m = &mut unit.metadata;
    out.field(
        &field(ui, UnitField::DevelopedBy.label(), &mut m.developed_by, 1),
        "developed by",
    );
    for field in [
        UnitField::VersionNumber,
        UnitField::DateApproved,
        UnitField::IndicativeReviewDate,
    ] {
        text_form_ui(ui, field, texts, 1, out);
    }
    out.field(
        &fixed_value_ui(ui, UnitField::Validity, &mut m.validity),
        "validity",
    );
    out.field(
        &fixed_value_ui(ui, UnitField::Status, &mut m.status),
        "status",
    );
    out.field(
        &fixed_value_ui(ui, UnitField::Category, &mut m.category),
        "category",
    );
    for (field, value) in [
        (
            UnitField::OriginatingOrganisation,
            &mut m.originating_organisation,
        ),
        (UnitField::OriginalUrn, &mut m.original_urn),
    ] {
        out.field(&self::field(ui, field.label(), value, 1), field.key());
    }
    for field in [
        UnitField::Occupations,
        UnitField::Suites,
        UnitField::Keywords,
        UnitField::SocCodes,
    ] {
        text_form_ui(ui, field, texts, 2, out);
    }
    ui.label("Themes:");
    for theme in &map.meta().themes {
        let mut on = unit.themes.contains(&theme.id);
        if ui.checkbox(&mut on, &theme.name).changed() {
            if on {
                unit.themes.push(theme.id.clone());
            } else {
                unit.themes.retain(|t| *t != theme.id);
            }
            out.commit.get_or_insert_with(|| "themes".into());
        }
    }
}

fn meta_ui(ui: &mut egui::Ui, state: &mut InspectorState, out: &mut Outcome) {
    let focus_first = state.focus_first;
    let Some(meta) = &mut state.meta else {
        return;
    };
    ui.heading("Map settings");
    ui.label("Select a node to edit it; with nothing selected, this is the map itself.");
    let r = field(ui, "Map title", &mut meta.title, 1);
    if focus_first {
        r.request_focus();
    }
    out.field(&r, "title");
    out.field(&field(ui, "Sector", &mut meta.sector, 1), "sector");
    out.field(&field(ui, "Suite", &mut meta.suite, 1), "suite");
    out.field(
        &field(ui, "Developed by", &mut meta.developed_by, 1),
        "developed by",
    );
    out.field(&field(ui, "Version", &mut meta.version, 1), "version");
    out.field(
        &field(ui, "Description", &mut meta.description, 3),
        "description",
    );
    for (key, label) in [
        ("authors", "Authors (one per line)"),
        (
            "levels",
            "Level names below the key purpose, from the top (one per line)",
        ),
    ] {
        let text = state.texts.entry(key).or_default();
        out.field(&field(ui, label, text, 2), label);
    }
    ui.separator();
    ui.strong("Themes");
    let mut remove = None;
    for (i, theme) in meta.themes.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let mut rgb = [theme.colour.0, theme.colour.1, theme.colour.2];
            if ui.color_edit_button_srgb(&mut rgb).changed() {
                theme.colour = Rgb(rgb[0], rgb[1], rgb[2]);
                out.commit.get_or_insert_with(|| "theme colour".into());
            }
            let label = ui.label("Theme");
            // The button keeps the right edge; the name takes what is left of the panel.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .small_button("✕")
                    .on_hover_text(format!("Remove theme {}", theme.name))
                    .clicked()
                {
                    remove = Some(i);
                }
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut theme.name)
                            .desired_width(ui.available_width()),
                    )
                    .labelled_by(label.id);
                out.field(&r, "theme name");
            });
        });
    }
    if let Some(i) = remove {
        meta.themes.remove(i);
        out.commit.get_or_insert_with(|| "themes".into());
    }
    if ui.button("Add theme").clicked() {
        let n = meta.themes.len() + 1;
        meta.themes.push(Theme {
            id: format!("theme-{n}"),
            name: format!("Theme {n}"),
            colour: Rgb(0x60, 0x60, 0x60),
        });
        out.commit.get_or_insert_with(|| "themes".into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_lines_become_items_without_their_old_numbers() {
        let statements = statements_from_text(
            "P1 agree goals\n\n2. record goals\n## Reviewing\n• review progress\nK12) keep records",
        );
        assert_eq!(
            statements,
            [
                Statement::item("agree goals"),
                Statement::item("record goals"),
                Statement::heading("Reviewing"),
                Statement::item("review progress"),
                Statement::item("keep records"),
            ]
        );
        assert_eq!(
            strip_numbering("Plan the work"),
            "Plan the work",
            "a word starting with P is not a number"
        );
    }
}
