//! Keys are applied in order, to the field they were typed for, however slow a frame is.
//!
//! egui reads a frame's keyboard events all at once: if a slow frame (the catalogue) collects
//! "Tab, M, a, n, …", the Tab opens the title editor only after the pass, so the letters typed
//! after it fall on the map; an Escape typed after some letters clears the focus at the start of
//! the pass, before the field has read the letters. So the window lets keyboard events through a
//! queue before each pass (`eframe::App::raw_input_hook`): a key that can move the keyboard
//! elsewhere (Tab, Enter, Escape, shortcuts, keys that act on the map) goes through alone, and
//! the next frame gets no keys until the editor it opened has the keyboard. Pointer and window
//! events are never held.

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
        let (keyboard, other): (Vec<Event>, Vec<Event>) =
            raw.events.drain(..).partition(is_keyboard);
        raw.events = other;
        self.pending.extend(keyboard);
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
        // Keys that act on their own go through alone; the others (text, editing keys, key
        // releases) go through together up to the next such key.
        while let Some(event) = self.pending.front() {
            let alone = moves_keyboard(event, receiver);
            if alone && raw.events.iter().any(is_keyboard) {
                break;
            }
            let Some(event) = self.pending.pop_front() else {
                break;
            };
            let shortcut_letter = shortcut_letter(&event, receiver);
            raw.events.push(event);
            if alone {
                self.settle = true;
                // The window also sends the letter of Alt+K (or of a presenter's I) as text; it
                // belongs to the shortcut, not to the field the shortcut opens.
                if let Some(letter) = shortcut_letter {
                    if let Some(Event::Text(text)) = self.pending.front() {
                        if text.eq_ignore_ascii_case(&letter) {
                            self.pending.pop_front();
                        }
                    }
                }
                // Its release belongs with it.
                while let Some(Event::Key { pressed: false, .. }) = self.pending.front() {
                    if let Some(release) = self.pending.pop_front() {
                        raw.events.push(release);
                    }
                }
                break;
            }
        }
    }
}

/// The letter or digit of a key that is a shortcut: pressed with Alt, Ctrl or Cmd, or any key
/// while presenting.
fn shortcut_letter(event: &Event, receiver: Receiver) -> Option<String> {
    match event {
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } if is_letter_or_digit(*key)
            && (modifiers.alt
                || modifiers.ctrl
                || modifiers.command
                || receiver == Receiver::Presenter) =>
        {
            Some(key.name().to_string())
        }
        _ => None,
    }
}

fn is_keyboard(event: &Event) -> bool {
    matches!(
        event,
        Event::Key { .. }
            | Event::Text(_)
            | Event::Copy
            | Event::Cut
            | Event::Paste(_)
            | Event::Ime(_)
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
                Receiver::Map => !is_letter_or_digit(*key),
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

    #[test]
    fn pointer_events_are_never_held() {
        let mut queue = KeyQueue::default();
        let moved = Event::PointerMoved(eframe::egui::pos2(1.0, 2.0));
        let batch = vec![key(Key::Tab), text("x"), moved.clone()];
        assert_eq!(
            frame(&mut queue, batch, Receiver::Map),
            [moved, key(Key::Tab)]
        );
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
