//! The presenter's keys: what a clicker sends (PageDown/PageUp, arrows, B, Esc) and what a
//! keyboard on the lectern adds.

use eframe::egui::{self, Key, Modifiers};

use super::super::keyboard::digit;
use super::super::{Command, NosmapApp};
use crate::edit::ops;
use crate::model::{Verdict, Workshop};
use crate::walkthrough::log;

/// The keys of presentation mode, shown on the F1 sheet, in the presenter's window and behind
/// `?` on the room's screen.
pub const PRESENTER_KEYS: &[(&str, &str)] = &[
    ("→ PageDown Space", "next page or step"),
    ("← PageUp Backspace", "previous page or step"),
    ("Home / End", "first step / the workshop log"),
    ("number, Enter", "go to that step"),
    ("↑ / ↓", "previous / next box of the step"),
    ("A / D", "agreed / to discuss (again to clear)"),
    ("+ / −", "a vote for / against"),
    ("X", "take back the box's last vote"),
    (
        "Tab / Enter",
        "new child / sibling of the selected box (type, Enter)",
    ),
    ("I", "an idea for the workshop log"),
    ("Ctrl+Z / Ctrl+Y", "undo / redo"),
    ("Ctrl+S", "save"),
    ("C", "the unit's detail card"),
    ("B or .", "blank the room's screen"),
    ("H", "high contrast"),
    ("P", "show / hide the presenter's window"),
    ("?", "these keys on the room's screen"),
    ("Esc", "back to editing, exactly where you were"),
];

impl NosmapApp {
    /// The presenter's keys, each press in the order it came (a burst in one frame counts every
    /// press); none of them run while a title or an idea is being typed, and after a key that
    /// starts typing the rest of the frame's keys are left to the field.
    pub(super) fn presenter_keys(&mut self, ctx: &egui::Context) {
        if self.tab.rename.is_some() || self.tab.presenter.idea.is_some() {
            return;
        }
        let presses: Vec<(Key, Modifiers)> = ctx.input(|i| {
            i.events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Key {
                        key,
                        pressed: true,
                        modifiers,
                        ..
                    } => Some((*key, *modifiers)),
                    _ => None,
                })
                .collect()
        });
        for (key, modifiers) in presses {
            // Taken from the frame's input as it is handled, so nothing else reads it again.
            ctx.input_mut(|i| {
                if let Some(at) = i.events.iter().position(
                    |e| matches!(e, egui::Event::Key { key: k, pressed: true, .. } if *k == key),
                ) {
                    i.events.remove(at);
                }
            });
            self.presenter_key(key, modifiers);
            let typing = self.tab.rename.is_some() || self.tab.presenter.idea.is_some();
            if typing || !self.tab.presenter.active {
                break;
            }
        }
    }

    /// One press of a presenter's key.
    fn presenter_key(&mut self, key: Key, modifiers: Modifiers) {
        let command = modifiers.command || modifiers.ctrl || modifiers.mac_cmd;
        if command {
            match (key, modifiers.shift) {
                (Key::Z, true) | (Key::Y, false) => {
                    self.note_undo("Redone");
                    self.run(Command::Redo);
                }
                (Key::Z, false) => {
                    // A record of the session written by Ctrl+S is not what the presenter means
                    // to undo.
                    if self.tab.doc.undo_label() == Some(super::RECORD_LABEL) {
                        self.run(Command::Undo);
                    }
                    self.note_undo("Undone");
                    self.run(Command::Undo);
                }
                (Key::S, false) => self.save_while_presenting(),
                (Key::Q, false) => self.run(Command::Quit),
                // Save As and the rest ask for files or panels: not while the room watches.
                _ => {}
            }
            return;
        }
        if modifiers.alt {
            return;
        }
        if let Some(d) = digit(key) {
            // A typed step number; Enter jumps to it.
            self.tab.presenter.jump.push(char::from(b'0' + d));
            return;
        }
        match key {
            Key::Escape => {
                if self.tab.presenter.card {
                    self.tab.presenter.card = false;
                } else if self.tab.presenter.keys_shown {
                    self.tab.presenter.keys_shown = false;
                } else if !self.tab.presenter.jump.is_empty() {
                    self.tab.presenter.jump.clear();
                } else {
                    self.stop_presenting();
                }
            }
            Key::ArrowRight | Key::PageDown | Key::Space => self.step_by(true),
            Key::ArrowLeft | Key::PageUp | Key::Backspace => self.step_by(false),
            Key::Home => {
                if let Some(&first) = self.visible_steps().first() {
                    self.go_to_step(first, false);
                }
            }
            Key::End => self.go_to_log(),
            Key::ArrowDown => self.select_on_page(true),
            Key::ArrowUp => self.select_on_page(false),
            Key::Enter => {
                let jump = std::mem::take(&mut self.tab.presenter.jump);
                match jump.parse::<usize>() {
                    Ok(number) => self.jump_to(number),
                    // A sibling of the step's own box would be outside the step: a child then.
                    Err(_) if self.step_box_selected() => self.new_box(Command::NewChild),
                    Err(_) => self.new_box(Command::NewSibling),
                }
            }
            Key::Tab => self.new_box(Command::NewChild),
            Key::I => {
                if self.tab.presenter.blank {
                    self.message = Some("The room's screen is blank: B shows it again".into());
                } else {
                    self.tab.presenter.idea = Some(String::new());
                    self.focus_room();
                }
            }
            Key::A => self.agree(),
            Key::D => {
                self.mark_selected(
                    |w| {
                        w.verdict = match w.verdict {
                            Some(Verdict::NeedsDiscussion) => None,
                            _ => Some(Verdict::NeedsDiscussion),
                        }
                    },
                    "To discuss",
                );
            }
            Key::Plus | Key::Equals => self.vote(true),
            Key::Minus => self.vote(false),
            Key::X => self.take_back_vote(),
            Key::C => self.tab.presenter.card = !self.tab.presenter.card,
            Key::H => self.tab.presenter.high_contrast = !self.tab.presenter.high_contrast,
            Key::B | Key::Period => self.tab.presenter.blank = !self.tab.presenter.blank,
            Key::Questionmark | Key::Slash => {
                self.tab.presenter.keys_shown = !self.tab.presenter.keys_shown;
            }
            Key::P => self.tab.presenter.console_shown = !self.tab.presenter.console_shown,
            _ => {}
        }
    }

    /// Ctrl+S while presenting: the session recorded and the map saved; without a file, said.
    fn save_while_presenting(&mut self) {
        if self.tab.path.is_none() {
            // Choosing a file would put a dialog in front of the room.
            self.message =
                Some("Not saved: the map has no file yet (Esc, then File › Save As…)".into());
        } else {
            // What the session did goes into the saved file too.
            self.record_session();
            self.run(Command::Save);
        }
    }

    /// A new box on the current step, its title typed large for the room.
    fn new_box(&mut self, command: Command) {
        if self.tab.presenter.blank {
            self.message = Some("The room's screen is blank: B shows it again".into());
            return;
        }
        if self.tab.presenter.on_log {
            self.message = Some("On the workshop log: I adds an idea".into());
            return;
        }
        if !self.selection_on_page() {
            self.select_page_top();
        }
        // Nothing goes under a unit: Tab on one adds the next unit beside it, so what is typed
        // next is a title, never a run of commands.
        let on_unit = self
            .tab
            .selection
            .primary()
            .and_then(|p| self.tab.doc.map().node(p.node))
            .is_some_and(|n| n.kind() == crate::model::NodeKind::Unit);
        let command = match command {
            Command::NewChild if on_unit => Command::NewSibling,
            other => other,
        };
        self.run(command);
        self.focus_room();
    }

    /// Typing happens in the room's window (where the words are shown large): when the keys came
    /// from the presenter's window, the room's window takes the keyboard.
    fn focus_room(&mut self) {
        self.viewport_commands.push(egui::ViewportCommand::Focus);
    }

    /// Says in the presenter's window what Ctrl+Z or Ctrl+Y is about to take back or do again.
    fn note_undo(&mut self, verb: &str) {
        let label = if verb == "Undone" {
            self.tab.doc.undo_label()
        } else {
            self.tab.doc.redo_label()
        };
        if let Some(label) = label.map(str::to_string) {
            self.note_captured(format!("{verb}: {label}"));
        }
    }

    fn agree(&mut self) {
        let Some(day) = self.today else {
            self.message = Some("Not marked: today's date is not known".into());
            return;
        };
        let agreed = self
            .tab
            .selection
            .primary()
            .and_then(|p| self.tab.doc.map().node(p.node))
            .is_some_and(|n| matches!(n.workshop().verdict, Some(Verdict::Agreed(_))));
        self.mark_selected(
            |w| {
                w.verdict = match w.verdict {
                    Some(Verdict::Agreed(_)) => None,
                    _ => Some(Verdict::Agreed(day)),
                }
            },
            if agreed {
                "Agreement cleared"
            } else {
                "Agreed"
            },
        );
    }

    fn vote(&mut self, for_it: bool) {
        let label = if for_it { "Vote for" } else { "Vote against" };
        let node = self.tab.selection.primary().map(|p| p.node);
        let done = self.mark_selected(
            |w| {
                if for_it {
                    w.votes_for += 1;
                } else {
                    w.votes_against += 1;
                }
            },
            label,
        );
        if let (true, Some(node)) = (done, node) {
            self.tab.presenter.votes_cast.push((node, for_it));
        }
    }

    /// X: the selected box's last vote cast while presenting, taken back (never one from before
    /// the presentation, even after undo took this one back already).
    fn take_back_vote(&mut self) {
        let Some(node) = self.tab.selection.primary().map(|p| p.node) else {
            return;
        };
        let now = self
            .tab
            .doc
            .map()
            .node(node)
            .map(|n| n.workshop().clone())
            .unwrap_or_default();
        let before = self
            .tab
            .presenter
            .baseline
            .as_ref()
            .and_then(|(_, map)| map.node(node))
            .map(|n| n.workshop().clone())
            .unwrap_or_default();
        let cast_since = |for_it: bool| {
            if for_it {
                now.votes_for > before.votes_for
            } else {
                now.votes_against > before.votes_against
            }
        };
        let cast = &mut self.tab.presenter.votes_cast;
        let Some(at) = cast
            .iter()
            .rposition(|&(n, for_it)| n == node && cast_since(for_it))
        else {
            self.message = Some("No vote cast in this session to take back on this box".into());
            return;
        };
        let (_, for_it) = cast.remove(at);
        self.mark_selected(
            |w| {
                if for_it {
                    w.votes_for = w.votes_for.saturating_sub(1);
                } else {
                    w.votes_against = w.votes_against.saturating_sub(1);
                }
            },
            if for_it {
                "Vote for taken back"
            } else {
                "Vote against taken back"
            },
        );
    }

    /// Changes the selected box's workshop marks as one edit; true when something changed.
    fn mark_selected(&mut self, change: impl FnOnce(&mut Workshop), label: &str) -> bool {
        let Some(placement) = self
            .tab
            .selection
            .primary()
            .filter(|_| self.selection_on_page())
        else {
            self.message = Some("Select a box of this step first (↑ / ↓)".into());
            return false;
        };
        let map = self.tab.doc.map();
        let Some(edit) = ops::mark(map, placement.node, change) else {
            return false;
        };
        let what = map.node(placement.node).map(log::label).unwrap_or_default();
        let done = self.edit(label, edit);
        if done {
            self.note_captured(format!("{label}: {what}"));
        }
        done
    }

    pub(super) fn park_idea(&mut self, idea: &str) {
        let Some(edit) = log::park_idea(self.tab.doc.map(), self.today, idea) else {
            return;
        };
        if self.edit("Idea for the workshop log", edit) {
            self.note_captured(format!("Idea: {}", idea.trim()));
        }
    }
}
