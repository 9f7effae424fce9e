//! The Comments panel (View › Comments, Ctrl+Shift+K), in the inspector's place: every reviewer's
//! comment on the open map in a filtered, sorted, virtualised list; the selected one in full
//! with the words it was made on and the words now; its disposition, the working group's
//! response and who decided. Near-identical comments from other reviewers (`review::groups`) are
//! answered with it, as one undoable step. Every answer is an ordinary `SetNode` edit through the
//! map's history, applied after the pass like every other action.

use std::collections::{BTreeMap, HashMap};

use eframe::egui::{self, Event, Key, Modifiers};

use super::selection::Placement;
use super::{Action, NosmapApp};
use crate::edit::Edit;
use crate::model::{
    CommentAnchor, CommentId, CommentKind, Date, Disposition, FunctionalMap, Nation, NodeId,
    StatementId,
};
use crate::review::groups::{CommentGroup, comment_groups, group_of};
use crate::review::listing::comment_rows;

/// The panel's keys, for the shortcut sheet (F1).
pub const COMMENT_KEYS: &[(&str, &str)] = &[
    ("F8 / Shift+F8", "next / previous open comment"),
    ("↓ ↑ or J K", "next / previous comment in the list"),
    (
        "1 – 5 or Alt+1 – 5",
        "Open, Accepted, Accepted with modification, Noted, Rejected",
    ),
    ("Enter or R", "write the response"),
    (
        "Enter or Esc in the response",
        "keep it and go back to the list (Shift+Enter: new line)",
    ),
    ("Esc", "from the list, back to the map"),
];

/// One comment of the open map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommentRef {
    pub node: NodeId,
    pub comment: CommentId,
}

/// The list's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// As the map is printed.
    #[default]
    Location,
    Organisation,
    Disposition,
    /// Oldest first; undated last.
    Date,
}

impl SortBy {
    const ALL: [Self; 4] = [
        Self::Location,
        Self::Organisation,
        Self::Disposition,
        Self::Date,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Location => "by location",
            Self::Organisation => "by organisation",
            Self::Disposition => "by disposition",
            Self::Date => "by date",
        }
    }
}

/// What to show; `None` shows every value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub disposition: Option<Disposition>,
    pub nation: Option<Nation>,
    pub kind: Option<CommentKind>,
    /// Lower-cased organisation name.
    pub organisation: Option<String>,
    pub unit: Option<NodeId>,
    pub search: String,
}

/// What changes about the selected comment (and, answering its group, about each member).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub disposition: Option<Disposition>,
    pub response: Option<String>,
    pub decided_by: Option<String>,
}

/// What the panel asks for; applied after the pass.
#[derive(Clone, Debug, PartialEq)]
pub enum CommentsAction {
    /// Select this comment and frame its node.
    Select(CommentRef),
    /// Open the panel at the first comment on this node (and statement).
    OpenOn {
        node: NodeId,
        statement: Option<StatementId>,
    },
    /// Move through the list: to the next or previous row, or open comment.
    Step {
        forward: bool,
        open_only: bool,
    },
    /// Answer the selected comment (and its group when "answer all" is on).
    Answer(Answer),
    /// Put the keyboard in the response field.
    Respond,
    /// Give the keyboard back to the map.
    LeaveList,
    Close,
}

/// One comment as the list shows it.
#[derive(Clone, Debug)]
struct Row {
    at: CommentRef,
    /// Its place in print order.
    order: usize,
    /// `B5 › P3`.
    place: String,
    reviewer: String,
    organisation: String,
    nation: Nation,
    kind: CommentKind,
    disposition: Disposition,
    date: Option<Date>,
    first_line: String,
    /// Every word a search looks in, lower-cased.
    haystack: String,
}

impl Row {
    fn who(&self) -> String {
        match (self.reviewer.trim(), self.organisation.trim()) {
            ("", "") => "(anonymous)".into(),
            (name, "") => name.into(),
            ("", org) => org.into(),
            (name, org) => format!("{name} ({org})"),
        }
    }

    /// The line the list shows.
    fn line(&self) -> String {
        let mut parts = vec![self.place.clone(), self.who()];
        if self.nation != Nation::Unstated {
            parts.push(self.nation.label().into());
        }
        parts.push(self.kind.label().into());
        parts.push(self.disposition.label().into());
        format!("{} — {}", parts.join(" · "), self.first_line)
    }
}

/// The response and "decided by" being typed, for one comment.
#[derive(Clone, Debug, Default)]
struct Draft {
    of: Option<CommentRef>,
    revision: u64,
    response: String,
    decided_by: String,
}

/// What the panel remembers between frames (one per open map).
pub struct CommentsState {
    pub open: bool,
    pub selected: Option<CommentRef>,
    pub filters: Filters,
    pub sort: SortBy,
    /// Answering a comment answers the near-identical ones of its group too.
    pub answer_all: bool,
    revision: u64,
    rows: Vec<Row>,
    groups: Vec<CommentGroup>,
    organisations: Vec<String>,
    units: Vec<(NodeId, String)>,
    /// Rows shown (indices into `rows`), for the filters and order they were made with.
    shown: Vec<usize>,
    shown_for: Option<(u64, Filters, SortBy)>,
    draft: Draft,
    /// Give the keyboard to the list / the response field next frame.
    focus_list: bool,
    focus_response: bool,
    scroll_to_selected: bool,
    /// What the last import of review forms took, shown until closed.
    pub(super) import_report: Option<String>,
}

impl Default for CommentsState {
    fn default() -> Self {
        Self {
            open: false,
            selected: None,
            filters: Filters::default(),
            sort: SortBy::default(),
            answer_all: true,
            revision: u64::MAX,
            rows: Vec::new(),
            groups: Vec::new(),
            organisations: Vec::new(),
            units: Vec::new(),
            shown: Vec::new(),
            shown_for: None,
            draft: Draft::default(),
            focus_list: false,
            focus_response: false,
            scroll_to_selected: false,
            import_report: None,
        }
    }
}

/// The list's id: it takes the keyboard for the panel's keys.
pub fn list_id() -> egui::Id {
    egui::Id::unique("nosmap-comments-list")
}

fn response_id() -> egui::Id {
    egui::Id::unique("nosmap-comment-response")
}

fn decided_by_id() -> egui::Id {
    egui::Id::unique("nosmap-comment-decided-by")
}

impl CommentsState {
    /// Lists the map's comments again when it changed.
    pub fn refresh(&mut self, map: &FunctionalMap, revision: u64) {
        if self.revision == revision {
            return;
        }
        self.revision = revision;
        let mut organisations: BTreeMap<String, String> = BTreeMap::new();
        let mut units: Vec<(NodeId, String)> = Vec::new();
        self.rows = comment_rows(map)
            .into_iter()
            .enumerate()
            .map(|(order, row)| {
                let c = row.comment;
                if !c.organisation.trim().is_empty() {
                    organisations
                        .entry(c.organisation.trim().to_lowercase())
                        .or_insert_with(|| c.organisation.trim().to_string());
                }
                if units.last().is_none_or(|(n, _)| *n != row.node) {
                    units.push((row.node, format!("{} {}", row.node_name, row.node_title)));
                }
                let haystack = [
                    c.text.as_str(),
                    &c.proposed_change,
                    &c.reviewer,
                    &c.organisation,
                    &c.response,
                    &row.node_name,
                    &row.node_title,
                ]
                .join("\n")
                .to_lowercase();
                Row {
                    at: CommentRef {
                        node: row.node,
                        comment: c.id,
                    },
                    order,
                    place: row.place(),
                    reviewer: c.reviewer.clone(),
                    organisation: c.organisation.clone(),
                    nation: c.nation,
                    kind: c.kind,
                    disposition: c.disposition,
                    date: c.date,
                    first_line: c.text.lines().next().unwrap_or("").trim().to_string(),
                    haystack,
                }
            })
            .collect();
        self.organisations = organisations.into_values().collect();
        self.units = units;
        self.groups = comment_groups(map);
        self.shown_for = None;
        if let Some(selected) = self.selected
            && !self.rows.iter().any(|r| r.at == selected)
        {
            self.selected = None;
        }
    }

    /// Filters and sorts again when the map, the filters or the order changed.
    fn update_shown(&mut self) {
        let key = (self.revision, self.filters.clone(), self.sort);
        if self.shown_for.as_ref() == Some(&key) {
            return;
        }
        let f = &self.filters;
        let search = f.search.trim().to_lowercase();
        let mut shown: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                f.disposition.is_none_or(|d| r.disposition == d)
                    && f.nation.is_none_or(|n| r.nation == n)
                    && f.kind.is_none_or(|k| r.kind == k)
                    && f.organisation
                        .as_ref()
                        .is_none_or(|o| r.organisation.trim().to_lowercase() == *o)
                    && f.unit.is_none_or(|u| r.at.node == u)
                    && search.split_whitespace().all(|w| r.haystack.contains(w))
            })
            .collect();
        let rows = &self.rows;
        match self.sort {
            SortBy::Location => {}
            SortBy::Organisation => {
                shown.sort_by_key(|&i| (rows[i].organisation.trim().to_lowercase(), rows[i].order))
            }
            SortBy::Disposition => shown.sort_by_key(|&i| (rows[i].disposition, rows[i].order)),
            SortBy::Date => {
                shown.sort_by_key(|&i| (rows[i].date.is_none(), rows[i].date, rows[i].order))
            }
        }
        self.shown = shown;
        self.shown_for = Some(key);
    }

    /// The comments shown, in the list's order.
    pub fn shown(&mut self) -> Vec<CommentRef> {
        self.update_shown();
        self.shown.iter().map(|&i| self.rows[i].at).collect()
    }

    /// How many comments the map holds, and how many are open.
    pub fn counts(&self) -> (usize, usize) {
        let open = self
            .rows
            .iter()
            .filter(|r| r.disposition == Disposition::Open)
            .count();
        (self.rows.len(), open)
    }

    /// The comments answered with the selected one (itself included), when "answer all" is on.
    pub fn answered_together(&self) -> Vec<CommentRef> {
        let Some(selected) = self.selected else {
            return Vec::new();
        };
        match group_of(&self.groups, selected.node, selected.comment) {
            Some(group) if self.answer_all => group
                .members
                .iter()
                .map(|&(node, comment)| CommentRef { node, comment })
                .collect(),
            _ => vec![selected],
        }
    }

    /// The response field was asked for the keyboard and has not had a frame to take it.
    pub fn wants_keyboard(&self) -> bool {
        self.focus_response || self.focus_list
    }

    /// The next (or previous) row from the selection; with `open_only`, the next open comment,
    /// round the end of the list.
    fn step(&mut self, forward: bool, open_only: bool) -> Option<CommentRef> {
        self.update_shown();
        let count = self.shown.len();
        if count == 0 {
            return None;
        }
        let at = self
            .selected
            .and_then(|s| self.shown.iter().position(|&i| self.rows[i].at == s));
        if !open_only {
            let next = match at {
                None => 0,
                Some(i) if forward => (i + 1).min(count - 1),
                Some(i) => i.saturating_sub(1),
            };
            return Some(self.rows[self.shown[next]].at);
        }
        let start = match at {
            None if forward => count - 1,
            None => 0,
            Some(i) => i,
        };
        (1..=count)
            .map(|k| {
                if forward {
                    (start + k) % count
                } else {
                    (start + count - k % count) % count
                }
            })
            .map(|i| &self.rows[self.shown[i]])
            .find(|r| r.disposition == Disposition::Open)
            .map(|r| r.at)
    }
}

/// Open comments per node: the canvas's badge counts come from the Scene, this is for the
/// inspector's statements.
pub fn comment_counts(node: &crate::model::Node) -> HashMap<Option<StatementId>, (usize, usize)> {
    let mut counts: HashMap<Option<StatementId>, (usize, usize)> = HashMap::new();
    for c in node.comments() {
        let key = match c.anchor {
            CommentAnchor::Statement(id) => Some(id),
            _ => None,
        };
        let entry = counts.entry(key).or_default();
        entry.0 += 1;
        if c.disposition == Disposition::Open {
            entry.1 += 1;
        }
    }
    counts
}

impl NosmapApp {
    /// The Comments panel's state for the shown map (tests).
    pub fn comments_panel(&self) -> Option<&CommentsState> {
        self.tab.comments.open.then_some(&self.tab.comments)
    }

    pub(super) fn toggle_comments(&mut self) {
        let state = &mut self.tab.comments;
        state.open = !state.open;
        if state.open {
            state.refresh(self.tab.doc.map(), self.tab.doc.revision());
            state.focus_list = true;
            if state.selected.is_none()
                && let Some(first) = state.step(true, true).or_else(|| state.step(true, false))
            {
                self.select_comment(first);
            }
        } else {
            self.focus_canvas = true;
        }
    }

    pub(super) fn apply_comments(&mut self, asked: CommentsAction) {
        self.tab
            .comments
            .refresh(self.tab.doc.map(), self.tab.doc.revision());
        match asked {
            CommentsAction::Select(at) => {
                self.tab.comments.focus_list = true;
                self.select_comment(at);
            }
            CommentsAction::OpenOn { node, statement } => {
                let state = &mut self.tab.comments;
                state.open = true;
                let wanted = |r: &&Row| {
                    r.at.node == node
                        && (statement.is_none()
                            || self
                                .tab
                                .doc
                                .map()
                                .node(node)
                                .and_then(|n| n.comments().iter().find(|c| c.id == r.at.comment))
                                .is_some_and(|c| {
                                    c.anchor
                                        == CommentAnchor::Statement(statement.unwrap_or_default())
                                }))
                };
                let found = state.rows.iter().find(wanted).map(|r| r.at);
                if let Some(at) = found {
                    // Make sure the filters do not hide it.
                    if !state.shown().contains(&at) {
                        state.filters = Filters::default();
                    }
                    state.focus_list = true;
                    self.select_comment(at);
                }
            }
            CommentsAction::Step { forward, open_only } => {
                if !self.tab.comments.open {
                    self.tab.comments.open = true;
                }
                match self.tab.comments.step(forward, open_only) {
                    Some(at) => self.select_comment(at),
                    None if open_only => {
                        self.message = Some("No open comments in the list".into());
                    }
                    None => {}
                }
            }
            CommentsAction::Answer(answer) => self.answer_comments(answer),
            CommentsAction::Respond => {
                let state = &mut self.tab.comments;
                state.open = true;
                if state.selected.is_some() {
                    state.focus_response = true;
                } else {
                    self.message = Some("Select a comment first (F8: next open comment)".into());
                }
            }
            CommentsAction::LeaveList => self.focus_canvas = true,
            CommentsAction::Close => {
                self.tab.comments.open = false;
                self.focus_canvas = true;
            }
        }
    }

    /// Selects a comment and frames its node (its statement shown in the inspector).
    fn select_comment(&mut self, at: CommentRef) {
        self.keep_response_draft();
        let map = self.tab.doc.map();
        let statement = map
            .node(at.node)
            .and_then(|n| n.comments().iter().find(|c| c.id == at.comment))
            .and_then(|c| match c.anchor {
                CommentAnchor::Statement(id) => Some(id),
                _ => None,
            });
        let state = &mut self.tab.comments;
        state.selected = Some(at);
        state.scroll_to_selected = true;
        if map.contains(at.node) {
            self.go_to(Placement::first(map, at.node));
            self.tab.inspector.show(statement);
        }
    }

    /// A response typed for the selected comment and not yet kept is kept before another comment
    /// is selected (F8 while typing it).
    fn keep_response_draft(&mut self) {
        let state = &self.tab.comments;
        let Some(of) = state.draft.of.filter(|of| state.selected == Some(*of)) else {
            return;
        };
        let Some(comment) = self
            .tab
            .doc
            .map()
            .node(of.node)
            .and_then(|n| n.comments().iter().find(|c| c.id == of.comment))
        else {
            return;
        };
        if comment.response != state.draft.response || comment.decided_by != state.draft.decided_by
        {
            let answer = Answer {
                disposition: None,
                response: Some(state.draft.response.clone()),
                decided_by: Some(state.draft.decided_by.clone()),
            };
            self.answer_comments(answer);
        }
    }

    /// Sets the answer on the selected comment (and its group), one undoable step.
    fn answer_comments(&mut self, answer: Answer) {
        let together = self.tab.comments.answered_together();
        if together.is_empty() {
            self.message = Some("Select a comment first (F8: next open comment)".into());
            return;
        }
        let map = self.tab.doc.map();
        let mut nodes: BTreeMap<NodeId, crate::model::Node> = BTreeMap::new();
        let mut changed = 0;
        for at in &together {
            let Some(node) = nodes
                .get(&at.node)
                .cloned()
                .or_else(|| map.node(at.node).cloned())
            else {
                continue;
            };
            let Some(mut comment) = node.comments().iter().find(|c| c.id == at.comment).cloned()
            else {
                continue;
            };
            let before = comment.clone();
            if let Some(d) = answer.disposition {
                comment.disposition = d;
            }
            if let Some(r) = &answer.response {
                comment.response = r.trim_end().to_string();
            }
            if let Some(by) = &answer.decided_by {
                comment.decided_by = by.trim().to_string();
            }
            if comment == before {
                continue;
            }
            if let Some(updated) = node.with_comment_replaced(comment) {
                nodes.insert(at.node, updated);
                changed += 1;
            }
        }
        if changed == 0 {
            return;
        }
        let what = match (answer.disposition, changed) {
            (Some(d), 1) => format!("Comment: {}", d.label()),
            (Some(d), n) => format!("{n} comments: {}", d.label()),
            (None, 1) => "Comment response".to_string(),
            (None, n) => format!("Response to {n} comments"),
        };
        let edits = nodes
            .into_iter()
            .map(|(id, node)| Edit::SetNode { id, node })
            .collect();
        self.edit_all(&what, edits);
        // The draft shows what the map now says.
        self.tab.comments.draft.of = None;
    }
}

/// Draws the panel. `keys`: nothing else has the keyboard but the list.
pub fn comments_ui(
    ui: &mut egui::Ui,
    map: &FunctionalMap,
    revision: u64,
    state: &mut CommentsState,
    actions: &mut Vec<Action>,
) {
    state.refresh(map, revision);
    state.update_shown();
    super::review_files::import_report_ui(ui.ctx(), &mut state.import_report);
    let (all, open) = state.counts();
    ui.horizontal(|ui| {
        ui.heading("Comments");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close").on_hover_text("Ctrl+Shift+K").clicked() {
                actions.push(Action::Comments(CommentsAction::Close));
            }
        });
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{all} {} · {open} open · {} shown",
            if all == 1 { "comment" } else { "comments" },
            state.shown.len()
        ));
        if ui
            .button("Export resolution matrix…")
            .on_hover_text("Every comment with its disposition and response, as XLSX or HTML")
            .clicked()
        {
            actions.push(Action::Run(super::Command::ExportResolutionMatrix));
        }
    });
    let mut ask = |a| actions.push(Action::Comments(a));
    filters_ui(ui, state);
    ui.separator();
    list_ui(ui, state, &mut ask);
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("comment-detail")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width());
            detail_ui(ui, map, revision, state, &mut ask);
        });
}

fn combo<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<T>,
    choices: &[(T, String)],
    width: f32,
) {
    let shown = value
        .as_ref()
        .and_then(|v| choices.iter().find(|(c, _)| c == v))
        .map_or("any", |(_, l)| l.as_str())
        .to_string();
    let name = ui.label(label);
    egui::ComboBox::from_id_salt(("comment-filter", label))
        .selected_text(shown)
        .width(width)
        .truncate()
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "any");
            for (choice, text) in choices {
                ui.selectable_value(value, Some(choice.clone()), text);
            }
        })
        .response
        .labelled_by(name.id);
}

fn filters_ui(ui: &mut egui::Ui, state: &mut CommentsState) {
    // The panel can be as narrow as 200 px: each filter keeps its label beside it in a grid of
    // two columns, never wider than the panel (a row of them pushed the panel's left part under
    // the canvas).
    let pairs_per_row: usize = if ui.available_width() >= 380.0 { 2 } else { 1 };
    let label_width = 90.0;
    let combo_width = ((ui.available_width() - 12.0) / pairs_per_row as f32 - label_width - 12.0)
        .clamp(50.0, 160.0);
    let f = &mut state.filters;
    let dispositions: Vec<_> = Disposition::ALL
        .iter()
        .map(|d| (*d, d.label().to_string()))
        .collect();
    let nations: Vec<_> = Nation::ALL
        .iter()
        .map(|n| {
            let label = if *n == Nation::Unstated {
                "not said"
            } else {
                n.label()
            };
            (*n, label.to_string())
        })
        .collect();
    let kinds: Vec<_> = CommentKind::ALL
        .iter()
        .map(|k| (*k, k.label().to_string()))
        .collect();
    let organisations: Vec<_> = state
        .organisations
        .iter()
        .map(|o| (o.to_lowercase(), o.clone()))
        .collect();
    egui::Grid::new("comment-filters")
        .num_columns(2 * pairs_per_row)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            let mut pairs = 0;
            let mut next_pair = |ui: &mut egui::Ui| {
                pairs += 1;
                if pairs % pairs_per_row == 0 {
                    ui.end_row();
                }
            };
            combo(
                ui,
                "Disposition",
                &mut f.disposition,
                &dispositions,
                combo_width,
            );
            next_pair(ui);
            combo(ui, "Nation", &mut f.nation, &nations, combo_width);
            next_pair(ui);
            combo(ui, "Type", &mut f.kind, &kinds, combo_width);
            next_pair(ui);
            combo(
                ui,
                "Organisation",
                &mut f.organisation,
                &organisations,
                combo_width,
            );
            next_pair(ui);
            combo(ui, "Unit", &mut f.unit, &state.units, combo_width);
            next_pair(ui);
            let name = ui.label("Sort");
            egui::ComboBox::from_id_salt("comment-sort")
                .selected_text(state.sort.label())
                .width(combo_width)
                .truncate()
                .show_ui(ui, |ui| {
                    for sort in SortBy::ALL {
                        ui.selectable_value(&mut state.sort, sort, sort.label());
                    }
                })
                .response
                .labelled_by(name.id);
            ui.end_row();
        });
    ui.horizontal(|ui| {
        let label = ui.label("Search:");
        ui.add(
            egui::TextEdit::singleline(&mut f.search)
                .hint_text("words, reviewer, URN")
                .desired_width(ui.available_width()),
        )
        .labelled_by(label.id);
    });
}

fn list_ui(ui: &mut egui::Ui, state: &mut CommentsState, ask: &mut impl FnMut(CommentsAction)) {
    let height = (ui.available_height() * 0.4).clamp(80.0, 320.0);
    let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), height));
    // The list as one widget that takes the keyboard (its keys below); rows are drawn over it.
    let list = ui.interact(rect, list_id(), egui::Sense::focusable_noninteractive());
    list.widget_info(|| egui::WidgetInfo::labeled(egui::Role::List, true, "Comments list"));
    if std::mem::take(&mut state.focus_list) {
        list.request_focus();
    }
    let focused = list.has_focus();
    if focused {
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
        ui.painter().rect_stroke(
            rect,
            2.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let selected = state.selected;
    let scroll_to = std::mem::take(&mut state.scroll_to_selected);
    ui.allocate_ui(egui::vec2(rect.width(), height), |ui| {
        ui.set_min_height(height);
        if state.shown.is_empty() {
            ui.label(if state.rows.is_empty() {
                "No comments on this map yet. File › Import review forms… reads returned forms."
            } else {
                "No comment matches the filters."
            });
            return;
        }
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("comment-list")
            .auto_shrink([false, false])
            .max_height(height);
        if scroll_to
            && let Some(index) =
                selected.and_then(|s| state.shown.iter().position(|&i| state.rows[i].at == s))
        {
            let spacing = ui.spacing().item_spacing.y;
            let y = index as f32 * (row_height + spacing);
            scroll = scroll.vertical_scroll_offset((y - height / 2.0).max(0.0));
        }
        scroll.show_rows(ui, row_height, state.shown.len(), |ui, range| {
            for &i in &state.shown[range] {
                let row = &state.rows[i];
                let button = egui::Button::selectable(selected == Some(row.at), row.line())
                    .truncate()
                    .min_size(egui::vec2(ui.available_width(), row_height));
                if ui.add(button).clicked() {
                    ask(CommentsAction::Select(row.at));
                }
            }
        });
    });
    if focused {
        for key in take_list_keys(ui) {
            match key {
                Key::ArrowDown | Key::J => ask(CommentsAction::Step {
                    forward: true,
                    open_only: false,
                }),
                Key::ArrowUp | Key::K => ask(CommentsAction::Step {
                    forward: false,
                    open_only: false,
                }),
                Key::Enter | Key::R => ask(CommentsAction::Respond),
                Key::Escape => ask(CommentsAction::LeaveList),
                digit => {
                    if let Some(d) = disposition_of_key(digit) {
                        ask(CommentsAction::Answer(Answer {
                            disposition: Some(d),
                            ..Answer::default()
                        }));
                    }
                }
            }
        }
    }
}

/// The disposition a number key sets.
pub fn disposition_of_key(key: Key) -> Option<Disposition> {
    let index = match key {
        Key::Num1 => 0,
        Key::Num2 => 1,
        Key::Num3 => 2,
        Key::Num4 => 3,
        Key::Num5 => 4,
        _ => return None,
    };
    Some(Disposition::ALL[index])
}

/// Takes the list's keys out of this frame's input (with the text a letter or digit typed).
fn take_list_keys(ui: &egui::Ui) -> Vec<Key> {
    if egui::Popup::is_any_open(ui.ctx()) {
        return Vec::new();
    }
    let handled = [
        Key::ArrowDown,
        Key::ArrowUp,
        Key::J,
        Key::K,
        Key::Enter,
        Key::R,
        Key::Escape,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
    ];
    ui.input_mut(|input| {
        let mut taken = Vec::new();
        input.events.retain(|event| match event {
            Event::Key {
                key,
                pressed,
                modifiers,
                ..
            } if handled.contains(key)
                && (modifiers.is_none() || *modifiers == Modifiers::ALT) =>
            {
                if *pressed {
                    taken.push(*key);
                }
                false
            }
            _ => true,
        });
        input.events.retain(|event| {
            !matches!(event, Event::Text(t) if taken.iter().any(|k| k.name().eq_ignore_ascii_case(t)))
        });
        taken
    })
}

fn detail_ui(
    ui: &mut egui::Ui,
    map: &FunctionalMap,
    revision: u64,
    state: &mut CommentsState,
    ask: &mut impl FnMut(CommentsAction),
) {
    let Some(at) = state.selected else {
        ui.label("Select a comment (F8: the next open one).");
        return;
    };
    let Some(node) = map.node(at.node) else {
        return;
    };
    let Some(comment) = node.comments().iter().find(|c| c.id == at.comment) else {
        return;
    };
    let row = state.rows.iter().find(|r| r.at == at);
    // The draft follows the map unless the user is typing in it.
    let typing = ui.memory(|m| m.has_focus(response_id()) || m.has_focus(decided_by_id()));
    if state.draft.of != Some(at) || (state.draft.revision != revision && !typing) {
        state.draft = Draft {
            of: Some(at),
            revision,
            response: comment.response.clone(),
            decided_by: comment.decided_by.clone(),
        };
    }
    if let Some(row) = row {
        ui.label(egui::RichText::new(format!("{} — {}", row.place, row.who())).strong());
    }
    let mut about = Vec::new();
    if !comment.stakeholder.trim().is_empty() {
        about.push(comment.stakeholder.trim().to_string());
    }
    if comment.nation != Nation::Unstated {
        about.push(comment.nation.label().to_string());
    }
    about.push(format!("{} comment", comment.kind.label()));
    if let Some(date) = comment.date {
        about.push(date.to_string());
    }
    if !comment.source.trim().is_empty() {
        about.push(format!("from {}", comment.source.trim()));
    }
    ui.label(egui::RichText::new(about.join(" · ")).small());
    ui.add_space(4.0);
    ui.strong("Comment");
    ui.label(&comment.text);
    if !comment.proposed_change.trim().is_empty() {
        ui.strong("Proposed change");
        ui.label(&comment.proposed_change);
    }
    let now = crate::review::anchor_text(node, &comment.anchor);
    let label = if comment.made_on_label.is_empty() {
        crate::review::anchor_label(node, &comment.anchor).unwrap_or_default()
    } else {
        comment.made_on_label.clone()
    };
    if !comment.made_on.trim().is_empty() {
        ui.strong(format!("Made on {label}"));
        ui.label(egui::RichText::new(format!("“{}”", comment.made_on.trim())).italics());
    }
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    match now {
        None => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "No longer in the unit: the statement has been removed since.",
            );
        }
        Some(now)
            if !comment.made_on.trim().is_empty() && words(&now) != words(&comment.made_on) =>
        {
            let place = crate::review::anchor_label(node, &comment.anchor).unwrap_or(label);
            ui.strong(format!("Now ({place})"));
            ui.label(format!("“{}”", now.trim()));
        }
        Some(_) => {}
    }
    ui.separator();
    let group = group_of(&state.groups, at.node, at.comment);
    if let Some(group) = group {
        let others: Vec<String> = group
            .members
            .iter()
            .filter(|&&(n, c)| (n, c) != (at.node, at.comment))
            .filter_map(|&(n, c)| {
                state
                    .rows
                    .iter()
                    .find(|r| {
                        r.at == CommentRef {
                            node: n,
                            comment: c,
                        }
                    })
                    .map(|r| format!("{} ({})", r.who(), r.place))
            })
            .collect();
        ui.label(format!(
            "{} reviewers said the same: {}",
            group.members.len(),
            others.join("; ")
        ));
        ui.checkbox(&mut state.answer_all, "Answer all of them")
            .on_hover_text("The disposition and response go to every comment of the group, as one undoable step");
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Disposition:");
        for (i, d) in Disposition::ALL.into_iter().enumerate() {
            let chosen = comment.disposition == d;
            if ui
                .add(egui::Button::selectable(chosen, d.label()))
                .on_hover_text(format!("{} (Alt+{})", i + 1, i + 1))
                .clicked()
                && !chosen
            {
                ask(CommentsAction::Answer(Answer {
                    disposition: Some(d),
                    ..Answer::default()
                }));
            }
        }
    });
    let response_label = ui.label("Response (Enter keeps it; Shift+Enter: new line):");
    let enter = ui.memory(|m| m.has_focus(response_id()))
        && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut state.draft.response)
                .id(response_id())
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .hint_text("The working group's answer"),
        )
        .labelled_by(response_label.id);
    if std::mem::take(&mut state.focus_response) {
        response.request_focus();
    }
    let by_label = ui.label("Decided by:");
    let by_enter =
        ui.memory(|m| m.has_focus(decided_by_id())) && ui.input(|i| i.key_pressed(Key::Enter));
    let decided = ui
        .add(
            egui::TextEdit::singleline(&mut state.draft.decided_by)
                .id(decided_by_id())
                .desired_width(f32::INFINITY)
                .hint_text("e.g. Working group, 12 March"),
        )
        .labelled_by(by_label.id);
    let finished = enter || by_enter || response.lost_focus() || decided.lost_focus();
    if finished {
        if state.draft.response != comment.response || state.draft.decided_by != comment.decided_by
        {
            ask(CommentsAction::Answer(Answer {
                disposition: None,
                response: Some(state.draft.response.clone()),
                decided_by: Some(state.draft.decided_by.clone()),
            }));
        }
        // Back to the list, so the next keys (F8, 1–5) act on comments.
        if enter || by_enter || ui.input(|i| i.key_pressed(Key::Escape)) {
            state.focus_list = true;
        }
    }
    if enter {
        response.surrender_focus();
    }
    if group.is_some() && state.answer_all {
        ui.label(
            egui::RichText::new("Answers go to every comment listed above.")
                .small()
                .weak(),
        );
    }
    ui.label(
        egui::RichText::new("F8 next open · 1–5 disposition · R respond · Esc back")
            .small()
            .weak(),
    );
}
