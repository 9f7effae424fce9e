//! Keys are applied in order, to the field they were typed for, however slow a frame is.
//!
//! egui reads a frame's keyboard events all at once: if a slow frame (the catalogue) collects
//! "Tab, M, a, n, …", the Tab opens the title editor only after the pass, so the letters typed
//! after it fall on the map; an Escape typed after some letters clears the focus at the start of
//! the pass, before the field has read the letters. So the window lets keyboard events through a
//! queue before each pass (`eframe::App::raw_input_hook`): a key that can run a command or move
//! the keyboard (Tab, Enter, Escape, shortcuts, keys that act on the map) goes through alone;
//! after one that can open an editor the next frame gets no keys, and further frames wait (at
//! most `MOST_FRAMES_HELD`) while the window says an editor asked for the keyboard and has not
//! taken it. Modifier changes wait with the keys; a mouse button pressed behind waiting keys waits
//! its turn; other pointer and window events are never held.

use std::collections::VecDeque;

use eframe::egui::{Event, Key, RawInput};

/// Who will read the keys let through this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Receiver {
    /// The map (canvas) or nothing in particular: keys are commands, letters start a rename.
    Map,
    /// A text field: letters and editing keys are text.
    TextField,
    /// Presenting: every key is a command (A agreed, D discuss, I idea…).
    Presenter,
}

/// The digit a number key types (the row above the letters or the keypad, as egui names them).
pub fn digit(key: Key) -> Option<u8> {
    const DIGITS: [Key; 10] = [
        Key::Num0,
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    DIGITS
        .iter()
        .position(|&k| k == key)
        .and_then(|i| u8::try_from(i).ok())
}

/// How many frames in a row keys may wait for an editor to take the keyboard.
const MOST_FRAMES_HELD: u32 = 4;

/// Keyboard events not yet given to egui, oldest first.
#[derive(Default)]
pub struct KeyQueue {
    pending: VecDeque<Event>,
    held_frames: u32,
    /// A key that may move the keyboard went through last frame: let the next frame settle.
    settle: bool,
}

impl KeyQueue {
    /// True while keys wait for a later frame (the window asks for one at once).
    pub fn is_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Takes this frame's keyboard events into the queue and gives back the ones the coming pass
    /// may handle. `waiting` says an editor was opened and has not taken the keyboard yet.
    pub fn admit(&mut self, raw: &mut RawInput, receiver: Receiver, waiting: bool) {
        // Keys join the queue; so does a mouse button pressed after keys still waiting, so that a
        // click does not overtake what was typed before it.
        let mut passing = Vec::with_capacity(raw.events.len());
        for event in raw.events.drain(..) {
            let behind_keys = !self.pending.is_empty();
            if is_keyboard(&event) || (behind_keys && is_button(&event)) {
                self.pending.push_back(event);
            } else {
                passing.push(event);
            }
        }
        raw.events = passing;
        if self.pending.is_empty() {
            self.settle = false;
            self.held_frames = 0;
            return;
        }
        if (self.settle || waiting) && self.held_frames < MOST_FRAMES_HELD {
            self.settle = false;
            self.held_frames += 1;
            return;
        }
        self.held_frames = 0;
        self.settle = false;
        let mut released_any = false;
        // Keys that act on their own go through alone; the others (text, editing keys, key
        // releases) go through together up to the next such key.
        while let Some(event) = self.pending.front() {
            let alone = moves_keyboard(event, receiver) || is_button(event);
            if alone && released_any {
                break;
            }
            let Some(event) = self.pending.pop_front() else {
                break;
            };
            released_any = true;
            if !alone {
                raw.events.push(event);
                continue;
            }
            if let Event::PointerButton { pos, .. } = &event {
                // The pointer is put back where the button went down.
                raw.events.push(Event::PointerMoved(*pos));
                raw.events.push(event);
                while let Some(Event::PointerButton { pressed: false, .. }) = self.pending.front() {
                    raw.events.extend(self.pending.pop_front());
                }
                break;
            }
            self.settle = may_open_an_editor(&event, receiver);
            let repeatable = is_repeatable(&event, receiver).then(|| event.clone());
            let typed_text = produces_text(&event);
            raw.events.push(event);
            self.take_what_belongs_to_the_key(raw, typed_text);
            // A key held down (or pressed again and again in one slow frame) acts once, as egui
            // does with the presses of one frame, rather than going on long after it is let go.
            if let Some(pressed) = repeatable {
                while self.pending.front() == Some(&pressed) {
                    self.pending.pop_front();
                    self.take_what_belongs_to_the_key(&mut RawInput::default(), typed_text);
                }
            }
            break;
        }
    }

    /// After a key that goes alone: the text the window sends with the same keystroke (the "k"
    /// of Alt+K, or "л" on a Russian layout, the "+" of a zoom, a presenter's "i") belongs to it,
    /// not to whatever it opens, so it is dropped; the key's release goes with it. Keys that type
    /// nothing (Tab, Enter, F2) leave the next text alone: "É" comes with no key event of its own.
    fn take_what_belongs_to_the_key(&mut self, raw: &mut RawInput, typed_text: bool) {
        if typed_text && matches!(self.pending.front(), Some(Event::Text(_))) {
            self.pending.pop_front();
        }
        while let Some(Event::Key { pressed: false, .. }) = self.pending.front() {
            raw.events.extend(self.pending.pop_front());
        }
    }
}

/// A key press the window also sends as text (a letter, digit, punctuation or space).
fn produces_text(event: &Event) -> bool {
    matches!(event, Event::Key { key, .. }
        if is_letter_or_digit(*key) || is_punctuation(*key) || *key == Key::Space)
}

fn is_button(event: &Event) -> bool {
    matches!(event, Event::PointerButton { .. })
}

/// Whether a key that went alone may open an editor or move the keyboard, so that the keys after
/// it wait a frame for that to happen. Arrows, Delete or a zoom key only change the map.
fn may_open_an_editor(event: &Event, receiver: Receiver) -> bool {
    match event {
        Event::Key { key, modifiers, .. } => {
            receiver != Receiver::Map
                || modifiers.command
                || modifiers.ctrl
                || modifiers.alt
                || modifiers.mac_cmd
                || matches!(
                    key,
                    Key::Tab | Key::Enter | Key::Escape | Key::Insert | Key::F2 | Key::F1 | Key::F5
                )
        }
        Event::Copy | Event::Cut | Event::Paste(_) => true,
        _ => false,
    }
}

/// Keys that only move or change things on the map, where a run of presses acts once.
fn is_repeatable(event: &Event, receiver: Receiver) -> bool {
    receiver == Receiver::Map
        && matches!(
            event,
            Event::Key {
                key: Key::ArrowUp
                    | Key::ArrowDown
                    | Key::ArrowLeft
                    | Key::ArrowRight
                    | Key::Delete
                    | Key::PageUp
                    | Key::PageDown
                    | Key::Plus
                    | Key::Minus
                    | Key::Equals,
                pressed: true,
                ..
            }
        )
}

fn is_keyboard(event: &Event) -> bool {
    // Modifier changes wait with the keys, so a held key is handled with the Shift or Ctrl it was
    // typed with, not whatever is down when its turn comes.
    matches!(
        event,
        Event::Key { .. }
            | Event::Text(_)
            | Event::Copy
            | Event::Cut
            | Event::Paste(_)
            | Event::Ime(_)
            | Event::ModifiersChanged(_)
    )
}

/// Whether a key may run a command or move the keyboard to another field, so that what follows
/// it must wait for the next frame.
fn moves_keyboard(event: &Event, receiver: Receiver) -> bool {
    match event {
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            if modifiers.command || modifiers.ctrl || modifiers.alt || modifiers.mac_cmd {
                return true;
            }
            match receiver {
                Receiver::Presenter => true,
                // On the map, punctuation types the first letter of a title, except the keys
                // that zoom (+ = − .).
                Receiver::Map => {
                    !is_letter_or_digit(*key)
                        && (!is_punctuation(*key)
                            || matches!(key, Key::Plus | Key::Equals | Key::Minus | Key::Period))
                }
                Receiver::TextField => {
                    !matches!(
                        key,
                        Key::Backspace
                            | Key::Delete
                            | Key::ArrowLeft
                            | Key::ArrowRight
                            | Key::Home
                            | Key::End
                            | Key::Space
                    ) && !is_letter_or_digit(*key)
                        && !is_punctuation(*key)
                }
            }
        }
        // Copy, cut and paste run commands on the map.
        Event::Copy | Event::Cut | Event::Paste(_) => receiver != Receiver::TextField,
        // On the map, letters start a rename: the keys after them go to the title field.
        Event::Text(_) => receiver == Receiver::Presenter,
        _ => false,
    }
}

fn is_letter_or_digit(key: Key) -> bool {
    let name = key.name();
    name.len() == 1 && name.chars().all(|c| c.is_ascii_alphanumeric())
}

fn is_punctuation(key: Key) -> bool {
    matches!(
        key,
        Key::Colon
            | Key::Comma
            | Key::Backslash
            | Key::Slash
            | Key::Pipe
            | Key::Questionmark
            | Key::Exclamationmark
            | Key::OpenBracket
            | Key::CloseBracket
            | Key::OpenCurlyBracket
            | Key::CloseCurlyBracket
            | Key::Backtick
            | Key::Minus
            | Key::Period
            | Key::Plus
            | Key::Equals
            | Key::Semicolon
            | Key::Quote
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::Modifiers;

    fn key(key: Key) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        }
    }

    fn text(t: &str) -> Event {
        Event::Text(t.into())
    }

    fn frame(queue: &mut KeyQueue, incoming: Vec<Event>, receiver: Receiver) -> Vec<Event> {
        let mut raw = RawInput {
            events: incoming,
            ..Default::default()
        };
        queue.admit(&mut raw, receiver, false);
        raw.events
    }

    #[test]
    fn a_tab_goes_alone_and_the_letters_after_it_wait_a_settling_frame() {
        let mut queue = KeyQueue::default();
        let batch = vec![key(Key::Tab), text("M"), text("a"), key(Key::Enter)];
        assert_eq!(frame(&mut queue, batch, Receiver::Map), [key(Key::Tab)]);
        assert!(frame(&mut queue, vec![], Receiver::TextField).is_empty());
        assert_eq!(
            frame(&mut queue, vec![], Receiver::TextField),
            [text("M"), text("a")]
        );
        assert_eq!(
            frame(&mut queue, vec![], Receiver::TextField),
            [key(Key::Enter)]
        );
        assert!(!queue.is_pending());
    }

    #[test]
    fn an_escape_after_letters_waits_for_the_next_frame() {
        let mut queue = KeyQueue::default();
        let batch = vec![text("0"), text("9"), key(Key::Escape)];
        assert_eq!(
            frame(&mut queue, batch, Receiver::TextField),
            [text("0"), text("9")]
        );
        assert_eq!(
            frame(&mut queue, vec![], Receiver::TextField),
            [key(Key::Escape)]
        );
    }

    #[test]
    fn the_letter_the_window_sends_with_alt_k_is_not_typed_into_the_field_it_opens() {
        let mut queue = KeyQueue::default();
        let alt_k = Event::Key {
            key: Key::K,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::ALT,
        };
        let batch = vec![alt_k.clone(), text("k"), text("h"), text("o")];
        assert_eq!(frame(&mut queue, batch, Receiver::Map), [alt_k]);
        assert!(frame(&mut queue, vec![], Receiver::TextField).is_empty());
        assert_eq!(
            frame(&mut queue, vec![], Receiver::TextField),
            [text("h"), text("o")]
        );
    }

    #[test]
    fn a_presenters_idea_key_does_not_type_its_letter_into_the_idea() {
        let mut queue = KeyQueue::default();
        let batch = vec![key(Key::I), text("i"), text("G"), text("o")];
        assert_eq!(frame(&mut queue, batch, Receiver::Presenter), [key(Key::I)]);
        assert!(frame(&mut queue, vec![], Receiver::TextField).is_empty());
        assert_eq!(
            frame(&mut queue, vec![], Receiver::TextField),
            [text("G"), text("o")]
        );
    }

    fn with(key: Key, modifiers: Modifiers) -> Event {
        Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }
    }

    #[test]
    fn pointer_moves_pass_and_a_click_behind_waiting_keys_waits_its_turn() {
        let mut queue = KeyQueue::default();
        let moved = Event::PointerMoved(eframe::egui::pos2(1.0, 2.0));
        let at = eframe::egui::pos2(5.0, 6.0);
        let button = |pressed| Event::PointerButton {
            pos: at,
            button: eframe::egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        };
        let batch = vec![
            key(Key::Tab),
            text("x"),
            moved.clone(),
            button(true),
            button(false),
        ];
        assert_eq!(
            frame(&mut queue, batch, Receiver::Map),
            [moved, key(Key::Tab)]
        );
        assert!(frame(&mut queue, vec![], Receiver::TextField).is_empty());
        assert_eq!(frame(&mut queue, vec![], Receiver::TextField), [text("x")]);
        assert_eq!(
            frame(&mut queue, vec![], Receiver::TextField),
            [Event::PointerMoved(at), button(true), button(false)]
        );
        assert!(!queue.is_pending());
    }

    #[test]
    fn the_text_of_a_zoom_key_is_not_typed_but_text_after_tab_is_kept() {
        let mut queue = KeyQueue::default();
        let batch = vec![key(Key::Plus), text("+")];
        assert_eq!(frame(&mut queue, batch, Receiver::Map), [key(Key::Plus)]);
        assert!(frame(&mut queue, vec![], Receiver::Map).is_empty());
        assert!(!queue.is_pending(), "the + went with its key");
        // "É" has no key event of its own: after Tab it is the title's first letter.
        let batch = vec![key(Key::Tab), text("É"), text("v")];
        assert_eq!(frame(&mut queue, batch, Receiver::Map), [key(Key::Tab)]);
        assert!(frame(&mut queue, vec![], Receiver::TextField).is_empty());
        assert_eq!(
            frame(&mut queue, vec![], Receiver::TextField),
            [text("É"), text("v")]
        );
    }

    #[test]
    fn alt_k_on_another_layout_drops_whatever_letter_it_typed() {
        let mut queue = KeyQueue::default();
        let alt_k = with(Key::K, Modifiers::ALT);
        let batch = vec![alt_k.clone(), text("л"), text("h")];
        assert_eq!(frame(&mut queue, batch, Receiver::Map), [alt_k]);
        frame(&mut queue, vec![], Receiver::TextField);
        assert_eq!(frame(&mut queue, vec![], Receiver::TextField), [text("h")]);
    }

    #[test]
    fn keys_handled_later_carry_the_modifiers_they_were_typed_with() {
        let mut queue = KeyQueue::default();
        let shift = Event::ModifiersChanged(Modifiers::SHIFT);
        let none = Event::ModifiersChanged(Modifiers::NONE);
        let shift_enter = with(Key::Enter, Modifiers::SHIFT);
        let batch = vec![text("a"), shift.clone(), shift_enter.clone(), none.clone()];
        // Shift goes down before the Enter's frame, and comes up only after it.
        assert_eq!(
            frame(&mut queue, batch, Receiver::TextField),
            [text("a"), shift]
        );
        assert_eq!(
            frame(&mut queue, vec![], Receiver::TextField),
            [shift_enter]
        );
        assert!(frame(&mut queue, vec![], Receiver::TextField).is_empty());
        assert_eq!(frame(&mut queue, vec![], Receiver::TextField), [none]);
    }

    #[test]
    fn a_run_of_the_same_arrow_acts_once_and_needs_no_settling_frame() {
        let mut queue = KeyQueue::default();
        let down = key(Key::ArrowDown);
        let batch = vec![down.clone(), down.clone(), down.clone(), text("a")];
        assert_eq!(frame(&mut queue, batch, Receiver::Map), [down]);
        assert_eq!(frame(&mut queue, vec![], Receiver::Map), [text("a")]);
    }

    #[test]
    fn an_editor_that_never_takes_the_keyboard_does_not_hold_keys_for_ever() {
        let mut queue = KeyQueue::default();
        let mut raw = RawInput {
            events: vec![text("a")],
            ..Default::default()
        };
        for _ in 0..MOST_FRAMES_HELD {
            queue.admit(&mut raw, Receiver::TextField, true);
            assert!(raw.events.is_empty());
        }
        queue.admit(&mut raw, Receiver::TextField, true);
        assert_eq!(raw.events, [text("a")]);
    }
}
