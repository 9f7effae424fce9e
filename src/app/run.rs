//! What actions and commands do to the app. Everything that changes the map goes through
//! `self.tab.doc` (one history); everything else changes only the view, the selection or the panels.

use std::path::Path;

use super::canvas::Rename;
use super::files::{Purpose, start_folder};
use super::selection::{Placement, Step, step};
use super::{Action, Command, NosmapApp, Then};
use crate::edit::clipboard::{copy_branches, paste_edits};
use crate::edit::{Edit, EditError, ops};
use crate::io::settings::ThemeChoice;
use crate::model::{Location, Node, NodeId, NodeKind};
use crate::view::{Direction, LayoutKind};

impl NosmapApp {
    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        // Any other action first finishes an edit in progress on the canvas.
        if self.tab.rename.is_some()
            && !matches!(
                action,
                Action::CommitRename | Action::CancelRename | Action::StartRename(_)
            )
        {
            self.commit_rename();
        }
        match action {
            Action::Run(command) if self.start_page.is_some() && !works_without_a_map(command) => {
                self.message = Some("Open a map or make a new one first".into());
            }
            Action::Run(command) => self.run(command),
            Action::ToggleFold(node) => self.toggle_fold(node),
            Action::FitToWindow => self.tab.camera.request_fit(),
            Action::ShapeForCanvas(aspect) => {
                self.tab.window_aspect = Some(aspect);
                self.relayout();
                // A node asked to be framed is framed where the new layout put it.
                if let Some((node, _)) = self.tab.camera.frame_pending {
                    let placement = self.tab.selection.primary().filter(|p| p.node == node);
                    let boxes = &self.tab.scene.boxes;
                    let moved = boxes
                        .iter()
                        .find(|b| placement.is_some_and(|p| b.node == node && b.parent == p.parent))
                        .or_else(|| boxes.iter().find(|b| b.node == node));
                    if let Some(found) = moved {
                        self.tab.camera.frame_pending = Some((node, found.rect));
                    }
                }
            }
            Action::Select(node) => {
                let placement = node.map(|n| Placement::first(self.tab.doc.map(), n));
                self.tab.selection.set(placement);
            }
            Action::SelectPlacementOnly(placement) => self.tab.selection.set(placement),
            Action::SelectPlacement { placement, extend } => {
                if extend {
                    self.tab.selection.toggle(placement);
                } else {
                    self.tab.selection.set(Some(placement));
                }
            }
            Action::SelectMany(placements) => self.tab.selection.extend(placements),
            Action::GoTo(location) => self.reveal(location),
            Action::Edit { label, edit } => {
                self.edit(&label, *edit);
            }
            Action::MoveTo {
                node,
                from,
                to,
                index,
                share,
            } => self.move_to(node, from, to, index, share),
            Action::StartRename(text) => self.start_rename(text),
            Action::CommitRename => self.commit_rename(),
            Action::FocusCanvas => self.focus_canvas = true,
            Action::CancelRename => self.cancel_rename(),
            Action::Paste(text) => self.paste(&text),
            Action::AddPastedNos(units) => self.add_pasted_nos(&units),
            Action::Dismiss { at, rule, reason } => {
                if let Some(content) = self.tab.doc.map().node(at.node) {
                    let edit = Edit::SetNode {
                        id: at.node,
                        node: content.with_dismissal(&rule, at.statement_id(), &reason),
                    };
                    self.edit(&format!("Dismiss {rule}"), edit);
                }
            }
            Action::Restore {
                node,
                rule,
                statement,
            } => {
                if let Some(content) = self.tab.doc.map().node(node) {
                    let edit = Edit::SetNode {
                        id: node,
                        node: content.without_dismissal(&rule, statement),
                    };
                    self.edit(&format!("Restore {rule}"), edit);
                }
            }
            Action::Undo => self.run(Command::Undo),
            Action::Redo => self.run(Command::Redo),
            Action::Save => self.save(),
            Action::OpenFile(path) => self.proceed(Then::OpenFile(path)),
            Action::OpenReference(path) => self.open_in_tab(&path, true),
            Action::OpenBuiltInExample => self.proceed(Then::OpenBuiltInExample),
            Action::ShowMap(index) => {
                self.analysis.shown = false;
                self.show_tab(index);
            }
            Action::FileChosen(purpose, path) => self.file_chosen(purpose, path),
            Action::SaveThen
            | Action::DiscardThen
            | Action::TakeOverLock
            | Action::OpenReadOnly
            | Action::RestoreRecovery
            | Action::DiscardRecovery
            | Action::OverwriteOnDisk
            | Action::OverwriteReadOnly
            | Action::ReplaceReviewPack
            | Action::SaveElsewhere
            | Action::ReloadFromDisk
            | Action::CloseDialog => self.answer_dialog(action),
            Action::OpenExport => self.export.show(self.tab.path.as_deref()),
            Action::WriteUse {
                path,
                format,
                request,
            } => {
                if let Some(index) = self.tab_of(&path) {
                    self.message = Some(format!(
                        "Not written: {} is an open map ({}); choose another file",
                        path.display(),
                        self.open_maps()[index].0
                    ));
                    return;
                }
                let written = crate::render::uses::write_use(self.tab.doc.map(), &request, format)
                    .and_then(|bytes| {
                        crate::io::save_bytes(&path, &bytes, crate::io::SaveOptions::no_backups())
                            .map_err(|e| e.to_string())
                    });
                self.message = Some(match written {
                    Ok(()) => format!("Wrote {} ({})", path.display(), request.kind.label()),
                    Err(error) => format!("Not written: {error}"),
                });
            }
            Action::Export { path, mut request } => {
                // CASE identifiers are made from the map's file name.
                if let Some(map_path) = &self.tab.path {
                    request.source_key = crate::io::map_key(map_path);
                }
                if let Some(index) = self.tab_of(&path) {
                    self.message = Some(format!(
                        "Not exported: {} is an open map ({}); choose another file",
                        path.display(),
                        self.open_maps()[index].0
                    ));
                    return;
                }
                let written =
                    crate::render::export(self.tab.doc.map(), &request).and_then(|bytes| {
                        crate::io::save_bytes(&path, &bytes, crate::io::SaveOptions::no_backups())
                            .map_err(|e| e.to_string())
                    });
                self.message = Some(match written {
                    Ok(()) => format!("Exported {}", path.display()),
                    Err(error) => format!("Not exported: {error}"),
                });
            }
            Action::Analysis(asked) => self.apply_analysis(asked),
            Action::Compare(asked) => self.apply_compare(asked),
            Action::Comments(asked) => self.apply_comments(asked),
        }
    }

    /// Runs a command from the menus, the palette or the keyboard.
    pub fn run(&mut self, command: Command) {
        if self.tab.rename.is_some() {
            self.commit_rename();
        }
        let primary = self.tab.selection.primary();
        // Undo and redo in the Analysis view are about its decisions, not the map behind it.
        if self.analysis.shown && matches!(command, Command::Undo | Command::Redo) {
            let undo = command == Command::Undo;
            return self.apply_analysis(super::analysis::AnalysisAction::History { undo });
        }
        match command {
            Command::New => self.proceed(Then::New),
            Command::Open => self.proceed(Then::Open),
            Command::OpenReference => self.files.ask(
                Purpose::OpenReference,
                start_folder(self.tab.path.as_deref()),
                String::new(),
            ),
            Command::CloseMap => self.unless_unsaved(Then::CloseMap),
            Command::NextMap => self.step_tab(true),
            Command::PreviousMap => self.step_tab(false),
            Command::Save => self.save(),
            Command::SaveAs => self.ask_save_as(),
            Command::Export => self.export.show(self.tab.path.as_deref()),
            Command::CompareWith => self.apply_compare(super::compare::CompareAction::Ask),
            Command::Quit => self.quit_requested = true,
            Command::Undo => {
                let subject = first_subject(self.tab.doc.undo_edits());
                if let Some(label) = self.tab.doc.undo() {
                    self.message = Some(format!("Undid {label}"));
                    self.refresh();
                    self.select_touched(subject);
                }
            }
            Command::Redo => {
                let subject = first_subject(self.tab.doc.redo_edits());
                if let Some(label) = self.tab.doc.redo() {
                    self.message = Some(format!("Redid {label}"));
                    self.refresh();
                    self.select_touched(subject);
                }
            }
            Command::Copy => self.copy(),
            Command::Cut => {
                self.copy();
                self.delete_selection("Cut");
            }
            Command::Paste => match self.clipboard.clone() {
                Some(text) => self.paste(&text),
                None => self.message = Some("Nothing to paste: copy a branch first".into()),
            },
            Command::PasteNos => {
                self.paste_nos.open_from_clipboard();
                self.viewport_commands
                    .push(eframe::egui::ViewportCommand::RequestPaste);
            }
            Command::Delete => self.delete_selection("Delete"),
            Command::Rename => self.start_rename(None),
            Command::NewChild => self.new_node(None, true),
            Command::NewUnit => self.new_node(Some(NodeKind::Unit), true),
            Command::NewFunction => self.new_node(Some(NodeKind::Function), true),
            Command::NewSibling => self.new_node(None, false),
            Command::MoveUp | Command::MoveDown => {
                if let Some(Placement {
                    node,
                    parent: Some(parent),
                }) = primary
                {
                    let up = command == Command::MoveUp;
                    if let Some(edit) = ops::reorder(self.tab.doc.map(), node, parent, up) {
                        self.edit(if up { "Move up" } else { "Move down" }, edit);
                    }
                }
            }
            Command::Promote | Command::Demote => self.promote_or_demote(command),
            Command::Find => {
                self.tab.find.open = true;
                self.tab.find.focus = true;
            }
            Command::FindNext => self.find_step(true),
            Command::FindPrevious => self.find_step(false),
            Command::EditDetails => {
                self.panels.inspector = true;
                self.tab.inspector.focus_first = true;
            }
            Command::AddCriterion | Command::AddKnowledge => {
                let is_unit = primary
                    .and_then(|p| self.tab.doc.map().unit(p.node))
                    .is_some();
                if is_unit {
                    self.panels.inspector = true;
                    self.tab
                        .inspector
                        .focus_new_item(command == Command::AddKnowledge);
                } else {
                    self.message = Some("Select a NOS unit first".into());
                }
            }
            Command::PlaceAlsoUnder => match primary {
                Some(Placement {
                    node,
                    parent: Some(parent),
                }) if self.tab.doc.map().unit(node).is_some() => {
                    self.tab.place_picker.show(node, parent)
                }
                _ => self.message = Some("Select a NOS unit first".into()),
            },
            Command::SelectRoot => {
                let map = self.tab.doc.map();
                self.go_to(Placement::first(map, map.root()));
            }
            Command::SelectParent => self.step_selection(Step::Parent),
            Command::SelectChild => self.step_selection(Step::FirstChild),
            Command::SelectPrevious => self.step_selection(Step::PreviousSibling),
            Command::SelectNext => self.step_selection(Step::NextSibling),
            Command::ToggleFold => {
                if let Some(p) = primary {
                    self.toggle_fold(p.node);
                }
            }
            Command::FitToWindow => self.tab.camera.request_fit(),
            Command::ZoomIn => self.tab.camera.zoom_by(1.25),
            Command::ZoomOut => self.tab.camera.zoom_by(0.8),
            Command::ZoomToSelection => {
                if let Some(p) = primary {
                    self.go_to(p);
                }
            }
            Command::ToggleLayout => {
                self.tab.view.layout = match self.tab.view.layout {
                    LayoutKind::Compact => LayoutKind::Tree,
                    LayoutKind::Tree => LayoutKind::Compact,
                };
                self.relayout();
                self.tab.camera.request_fit();
            }
            Command::ToggleDirection => {
                self.tab.view.direction = match self.tab.view.direction {
                    Direction::LeftToRight => Direction::TopDown,
                    Direction::TopDown => Direction::LeftToRight,
                };
                self.relayout();
                self.tab.camera.request_fit();
            }
            Command::ToggleOutline => self.panels.outline = !self.panels.outline,
            Command::ToggleInspector => self.panels.inspector = !self.panels.inspector,
            Command::ToggleProblems => self.panels.problems = !self.panels.problems,
            Command::PublishChecks => {
                use crate::analysis::checks::CheckLevel;
                self.tab.problems.level = match self.tab.problems.level {
                    CheckLevel::Draft => CheckLevel::Publish,
                    CheckLevel::Publish => CheckLevel::Draft,
                };
                self.panels.problems = true;
                self.refresh();
            }
            Command::ThemeSystem => self.set_look(Some(ThemeChoice::System), None),
            Command::ThemeLight => self.set_look(Some(ThemeChoice::Light), None),
            Command::ThemeDark => self.set_look(Some(ThemeChoice::Dark), None),
            Command::UiLarger => self.set_look(None, Some(self.settings.ui_scale + 0.1)),
            Command::UiSmaller => self.set_look(None, Some(self.settings.ui_scale - 0.1)),
            Command::UiReset => self.set_look(None, Some(1.0)),
            Command::Present => self.start_presenting(),
            Command::EditWalkthrough => self.tab.presenter.steps_open = true,
            Command::WorkshopLog => self.show_workshop_log(),
            Command::Analysis => self.toggle_analysis(),
            Command::Comments => self.toggle_comments(),
            Command::ExportReviewPack
            | Command::ImportReviewForms
            | Command::ExportResolutionMatrix => self.ask_review_file(command),
            Command::UsesOfMap => self.uses.show(self.tab.path.as_deref()),
            Command::NextComment | Command::PreviousComment => {
                let forward = command == Command::NextComment;
                self.apply_comments(super::comments::CommentsAction::Step {
                    forward,
                    open_only: true,
                });
            }
            Command::RespondToComment => {
                self.apply_comments(super::comments::CommentsAction::Respond)
            }
            Command::DispositionOpen
            | Command::DispositionAccepted
            | Command::DispositionModified
            | Command::DispositionNoted
            | Command::DispositionRejected => {
                let disposition = match command {
                    Command::DispositionAccepted => crate::model::Disposition::Accepted,
                    Command::DispositionModified => {
                        crate::model::Disposition::AcceptedWithModification
                    }
                    Command::DispositionNoted => crate::model::Disposition::Noted,
                    Command::DispositionRejected => crate::model::Disposition::Rejected,
                    _ => crate::model::Disposition::Open,
                };
                self.apply_comments(super::comments::CommentsAction::Answer(
                    super::comments::Answer {
                        disposition: Some(disposition),
                        ..Default::default()
                    },
                ));
            }
            Command::Shortcuts => self.shortcuts_open = !self.shortcuts_open,
            Command::Palette => self.palette.show(),
        }
    }

    /// Applies an edit as one undo step; a refusal is shown and changes nothing.
    pub(super) fn edit(&mut self, label: &str, edit: Edit) -> bool {
        self.edit_all(label, vec![edit])
    }

    /// Applies several edits as one undo step, all or nothing.
    pub(super) fn edit_all(&mut self, label: &str, edits: Vec<Edit>) -> bool {
        let done = self.tab.doc.transact(label, |doc| {
            for edit in edits {
                doc.apply(label, edit)?;
            }
            Ok(())
        });
        match done {
            Ok(()) => {
                self.message = Some(label.to_string());
                self.refresh();
                true
            }
            Err(refusal) => {
                self.message = Some(format!("Not done: {refusal}"));
                false
            }
        }
    }

    /// After undo or redo, selects what the step touched (as Freeplane does), so the next key
    /// acts there: the node if it is in the map, else the parent it was under, else the key
    /// purpose.
    fn select_touched(&mut self, subject: Option<(NodeId, Option<NodeId>)>) {
        let map = self.tab.doc.map();
        let placement = match subject {
            Some((node, parent)) if map.node(node).is_some() => {
                let under = parent.filter(|p| map.index_in_parent(*p, node).is_some());
                match under {
                    Some(parent) => Placement {
                        node,
                        parent: Some(parent),
                    },
                    None => Placement::first(map, node),
                }
            }
            Some((_, Some(parent))) if map.node(parent).is_some() => Placement::first(map, parent),
            Some(_) => Placement::first(map, map.root()),
            // Map settings: nothing selected, so the inspector keeps showing them.
            None => {
                self.tab.selection.set(None);
                return;
            }
        };
        self.go_to(placement);
    }

    fn toggle_fold(&mut self, node: NodeId) {
        if !self.tab.view.folded.remove(&node) {
            if self.tab.doc.map().children(node).is_empty() {
                return;
            }
            self.tab.view.folded.insert(node);
        }
        self.relayout();
    }

    /// Selects a placement and moves the view to it, unfolding what hides it.
    /// Selects and frames what a location points at: its node (branches above it unfolded) and,
    /// for a statement, that statement in the inspector.
    pub(crate) fn reveal(&mut self, location: Location) {
        if !self.tab.doc.map().contains(location.node) {
            self.message = Some(format!(
                "{} is not in the map any more.",
                self.tab.doc.map().describe_location(&location)
            ));
            return;
        }
        self.go_to(Placement::first(self.tab.doc.map(), location.node));
        self.tab.inspector.reveal(location.statement_id());
    }

    pub(super) fn go_to(&mut self, placement: Placement) {
        let mut current = placement.parent;
        let mut unfolded = false;
        while let Some(ancestor) = current {
            unfolded |= self.tab.view.folded.remove(&ancestor);
            current = self.tab.doc.map().parents(ancestor).first().copied();
        }
        if unfolded {
            self.relayout();
        }
        self.tab.selection.set(Some(placement));
        let found = self
            .tab
            .scene
            .boxes
            .iter()
            .find(|b| b.node == placement.node && b.parent == placement.parent)
            .or_else(|| {
                self.tab
                    .scene
                    .boxes
                    .iter()
                    .find(|b| b.node == placement.node)
            });
        if let Some(scene_box) = found {
            self.tab
                .camera
                .request_frame(placement.node, scene_box.rect);
        }
    }

    fn step_selection(&mut self, direction: Step) {
        let map = self.tab.doc.map();
        let Some(from) = self.tab.selection.primary() else {
            self.tab
                .selection
                .set(Some(Placement::first(map, map.root())));
            return;
        };
        if direction == Step::FirstChild && self.tab.view.folded.contains(&from.node) {
            self.toggle_fold(from.node);
        }
        if let Some(to) = step(self.tab.doc.map(), from, direction) {
            self.go_to(to);
        }
    }

    fn new_node(&mut self, kind: Option<NodeKind>, as_child: bool) {
        let map = self.tab.doc.map();
        let Some(at) = self.tab.selection.primary() else {
            self.message = Some("Select a node first (arrow keys or a click)".into());
            return;
        };
        // Enter on the key purpose, which has no siblings, makes a child.
        let as_child = as_child || at.parent.is_none();
        let made = if as_child {
            let kind = kind.or_else(|| ops::default_child_kind(map, at.node));
            match kind {
                Some(kind) => ops::new_child(map, at.node, kind, ""),
                None => Err(EditError::ChildUnderUnit {
                    unit: map.describe(at.node),
                }),
            }
        } else {
            ops::new_sibling(map, at.node, at.parent, "")
        };
        let (id, edit, parent) = match made {
            Ok((id, edit)) => {
                let parent = match &edit {
                    Edit::AddNode { parent, .. } => *parent,
                    _ => at.node,
                };
                (id, edit, parent)
            }
            Err(refusal) => {
                self.message = Some(format!("Not done: {refusal}"));
                return;
            }
        };
        let kind_name = match &edit {
            Edit::AddNode { node, .. } if node.kind() == NodeKind::Unit => "unit".to_string(),
            _ => map.meta().level_name(map.depth(parent) + 1).to_lowercase(),
        };
        // The new node and its title are one undo step: the transaction stays open while the
        // title is typed, and Esc rolls it back.
        self.tab.doc.begin(&format!("New {kind_name}"));
        if let Err(refusal) = self.tab.doc.apply("add", edit) {
            self.tab.doc.abort();
            self.message = Some(format!("Not done: {refusal}"));
            return;
        }
        self.tab.view.folded.remove(&parent);
        self.refresh();
        let placement = Placement {
            node: id,
            parent: Some(parent),
        };
        self.go_to(placement);
        self.tab.rename = Some(self.rename_for(placement, String::new(), true));
    }

    fn start_rename(&mut self, typed: Option<String>) {
        let Some(placement) = self.tab.selection.primary() else {
            return;
        };
        let Some(node) = self.tab.doc.map().node(placement.node) else {
            return;
        };
        let text = typed.unwrap_or_else(|| node.title().to_string());
        self.go_to(placement);
        self.tab.rename = Some(self.rename_for(placement, text, false));
    }

    /// The in-place editor for a placement: a unit's has its URN field too.
    fn rename_for(&self, placement: Placement, text: String, creating: bool) -> Rename {
        let rename = Rename::new(placement, text, creating);
        match self.tab.doc.map().unit(placement.node) {
            Some(unit) => rename.with_urn(&unit.urn),
            None => rename,
        }
    }

    fn commit_rename(&mut self) {
        let Some(rename) = self.tab.rename.take() else {
            return;
        };
        let title = rename.text.trim().to_string();
        let node = rename.placement.node;
        let named = match &rename.urn {
            Some(urn) => ops::name_unit(self.tab.doc.map(), node, urn, &title),
            None => ops::rename(self.tab.doc.map(), node, &title),
        };
        if let Some(edit) = named {
            if rename.creating {
                if let Err(refusal) = self.tab.doc.apply("title", edit) {
                    self.message = Some(format!("Not done: {refusal}"));
                }
            } else {
                self.edit("Edit title", edit);
            }
        }
        if rename.creating {
            self.tab.doc.commit();
            self.message = self.tab.doc.undo_label().map(String::from);
            self.refresh();
        }
        self.focus_canvas = true;
    }

    fn cancel_rename(&mut self) {
        if let Some(rename) = self.tab.rename.take() {
            if rename.creating {
                self.tab.doc.abort();
                self.refresh();
                if let Some(parent) = rename.placement.parent {
                    self.tab
                        .selection
                        .set(Some(Placement::first(self.tab.doc.map(), parent)));
                }
            }
        }
        self.focus_canvas = true;
    }

    fn delete_selection(&mut self, verb: &str) {
        let map = self.tab.doc.map();
        let doomed: Vec<Placement> = self
            .tab
            .selection
            .items()
            .iter()
            .copied()
            .filter(|p| p.parent.is_some())
            .collect();
        if doomed.is_empty() {
            self.message = Some("Nothing to delete: the key purpose cannot be deleted".into());
            return;
        }
        let label = match doomed.as_slice() {
            [one] => format!("{verb} {}", map.describe(one.node)),
            many => format!("{verb} {} branches", many.len()),
        };
        let next = doomed.last().and_then(|p| {
            let parent = p.parent?;
            Some(Placement::first(map, parent))
        });
        let doc = &mut self.tab.doc;
        let done = doc.transact(&label, |doc| {
            for placement in &doomed {
                let Some(parent) = placement.parent else {
                    continue;
                };
                // A placement already gone with an earlier branch is fine.
                if doc.map().index_in_parent(parent, placement.node).is_some() {
                    doc.apply(
                        "remove",
                        Edit::Remove {
                            node: placement.node,
                            parent,
                        },
                    )?;
                }
            }
            Ok(())
        });
        match done {
            Ok(()) => {
                self.message = Some(label);
                self.refresh();
                self.tab.selection.set(next);
            }
            Err(refusal) => self.message = Some(format!("Not done: {refusal}")),
        }
    }

    fn copy(&mut self) {
        let tops: Vec<NodeId> = self.tab.selection.items().iter().map(|p| p.node).collect();
        if tops.is_empty() {
            self.message = Some("Nothing to copy: select a node first".into());
            return;
        }
        let clip = copy_branches(self.tab.doc.map(), &tops);
        match crate::io::to_string(&clip) {
            Ok(text) => {
                self.message = Some(format!("Copied {} node(s)", clip.len().saturating_sub(1)));
                self.copy_out = Some(text.clone());
                self.clipboard = Some(text);
            }
            Err(error) => self.message = Some(format!("Not copied: {error}")),
        }
    }

    /// Where a paste goes: onto a unit, which holds nothing, just after it; onto a function or
    /// the key purpose, last among its children. `None` with nothing selected.
    pub(super) fn paste_target(&self) -> Option<(NodeId, usize)> {
        let map = self.tab.doc.map();
        let at = self.tab.selection.primary()?;
        Some(match (map.node(at.node).map(|n| n.kind()), at.parent) {
            (Some(NodeKind::Unit), Some(parent)) => (
                parent,
                map.index_in_parent(parent, at.node).map_or(0, |i| i + 1),
            ),
            _ => (at.node, map.children(at.node).len()),
        })
    }

    /// The function a paste would go under, as the Paste NOS dialog names it.
    pub(super) fn paste_target_name(&self) -> Option<String> {
        let (parent, _) = self.paste_target()?;
        let node = self.tab.doc.map().node(parent)?;
        Some(match node {
            Node::Function(f) if !f.code.trim().is_empty() => format!("{} {}", f.code, f.title),
            Node::KeyPurpose(_) => "the key purpose".to_string(),
            other => other.title().to_string(),
        })
    }

    /// Shows and selects the `count` children of `parent` added from `index` (a paste).
    fn select_added(&mut self, parent: NodeId, index: usize, count: usize) {
        self.tab.view.folded.remove(&parent);
        self.relayout();
        let added = self.tab.doc.map().children(parent)[index..index + count]
            .iter()
            .map(|&node| Placement {
                node,
                parent: Some(parent),
            })
            .collect::<Vec<_>>();
        self.tab.selection.set(None);
        self.tab.selection.extend(added);
    }

    /// Adds the units of a pasted NOS where a paste goes, as one undoable step, and selects them.
    fn add_pasted_nos(&mut self, units: &[crate::io::nos_text::PastedUnit]) {
        let Some((parent, index)) = self.paste_target() else {
            self.message = Some("Select the function the units go under first".into());
            return;
        };
        let edits = crate::io::nos_text::add_edits(self.tab.doc.map(), units, parent, index);
        let count = edits.len();
        let label = if count == 1 {
            "Paste NOS"
        } else {
            "Paste NOS units"
        };
        if self.edit_all(label, edits) {
            self.select_added(parent, index, count);
            self.message = Some(format!(
                "Added {count} unit{} from the pasted text (Ctrl+Z takes {} back)",
                if count == 1 { "" } else { "s" },
                if count == 1 { "it" } else { "them" }
            ));
        }
    }

    fn paste(&mut self, text: &str) {
        let clip = match crate::io::from_str(text, Path::new("the clipboard")) {
            Ok(clip) => clip,
            Err(_) => {
                // A published NOS copied from a web page or PDF: show what it holds first.
                if !crate::io::nos_text::read(text).units.is_empty() {
                    self.paste_nos.open_with(text.to_string());
                    return;
                }
                self.message = Some(
                    "The clipboard holds no nosmap branch (copy one with Ctrl+C in nosmap) and no NOS text".into(),
                );
                return;
            }
        };
        let Some((parent, index)) = self.paste_target() else {
            self.message = Some("Select where to paste first".into());
            return;
        };
        let map = self.tab.doc.map();
        match paste_edits(map, &clip, parent, index) {
            Ok(edits) => {
                let count = edits.len();
                if self.edit_all("Paste", edits) {
                    self.select_added(parent, index, count);
                }
            }
            Err(refusal) => self.message = Some(format!("Not pasted: {refusal}")),
        }
    }

    fn move_to(
        &mut self,
        node: NodeId,
        from: NodeId,
        to: NodeId,
        index: Option<usize>,
        share: bool,
    ) {
        let map = self.tab.doc.map();
        let end = map.children(to).len();
        let edit = if share {
            Edit::Place {
                unit: node,
                parent: to,
                index: index.unwrap_or(end),
            }
        } else {
            // Moving within the same list: the index counts without the node itself.
            let current = map.index_in_parent(from, node);
            let index = match (index, current) {
                (Some(i), Some(c)) if from == to && c < i => i - 1,
                (Some(i), _) => i,
                (None, _) if from == to => end.saturating_sub(1),
                (None, _) => end,
            };
            Edit::Move {
                node,
                from,
                to,
                index,
            }
        };
        let label = if share {
            format!(
                "Place {} also under {}",
                map.describe(node),
                map.describe(to)
            )
        } else {
            format!("Move {} under {}", map.describe(node), map.describe(to))
        };
        if self.edit(&label, edit) {
            self.tab.selection.set(Some(Placement {
                node,
                parent: Some(to),
            }));
        }
    }

    fn promote_or_demote(&mut self, command: Command) {
        let Some(Placement {
            node,
            parent: Some(parent),
        }) = self.tab.selection.primary()
        else {
            return;
        };
        let map = self.tab.doc.map();
        let made = if command == Command::Promote {
            ops::promote(map, node, parent)
        } else {
            ops::demote(map, node, parent)
        };
        match made {
            Ok(edit) => {
                let to = match &edit {
                    Edit::Move { to, .. } => *to,
                    _ => parent,
                };
                let label = if command == Command::Promote {
                    "Promote"
                } else {
                    "Demote"
                };
                if self.edit(label, edit) {
                    self.tab.view.folded.remove(&to);
                    self.relayout();
                    self.go_to(Placement {
                        node,
                        parent: Some(to),
                    });
                }
            }
            Err(refusal) => self.message = Some(format!("Not done: {refusal}")),
        }
    }

    /// Searches again for what the find bar holds and goes to the first match.
    pub(super) fn find_changed(&mut self) {
        self.tab.find.matches = crate::analysis::find(self.tab.doc.map(), &self.tab.find.query);
        self.tab.find.current = 0;
        if let Some(&first) = self.tab.find.matches.first() {
            self.show_found(first);
        }
    }

    fn find_step(&mut self, forward: bool) {
        if !self.tab.find.open {
            self.tab.find.open = true;
            self.tab.find.focus = true;
            return;
        }
        let count = self.tab.find.matches.len();
        if count == 0 {
            return;
        }
        self.tab.find.current = if forward {
            (self.tab.find.current + 1) % count
        } else {
            (self.tab.find.current + count - 1) % count
        };
        let found = self.tab.find.matches[self.tab.find.current];
        self.show_found(found);
    }

    /// Frames a find result; a statement is shown in the inspector without taking the keyboard
    /// from the find bar.
    fn show_found(&mut self, found: Location) {
        self.go_to(Placement::first(self.tab.doc.map(), found.node));
        self.tab.inspector.show(found.statement_id());
    }

    fn set_look(&mut self, theme: Option<ThemeChoice>, scale: Option<f32>) {
        if let Some(theme) = theme {
            self.settings.theme = theme;
        }
        if let Some(scale) = scale {
            self.settings.ui_scale = (scale * 10.0).round().clamp(5.0, 30.0) / 10.0;
        }
        self.store_settings();
    }

    pub(super) fn store_settings(&mut self) {
        if let Some(path) = &self.settings_path {
            if let Err(error) = crate::io::settings::save_settings(&self.settings, path) {
                self.message = Some(format!("Settings not saved: {error}"));
            }
        }
    }
}

/// What the first edit of a step is about that names a node.
fn first_subject(edits: Option<&[Edit]>) -> Option<(NodeId, Option<NodeId>)> {
    edits?.iter().find_map(Edit::subject)
}

/// Commands the start page offers (there is no map to act on yet).
fn works_without_a_map(command: Command) -> bool {
    matches!(
        command,
        Command::New
            | Command::Open
            | Command::Quit
            | Command::Shortcuts
            | Command::Palette
            | Command::ThemeSystem
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::UiLarger
            | Command::UiSmaller
            | Command::UiReset
    )
}
