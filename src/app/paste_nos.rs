//! Edit › Paste NOS text… (Ctrl+Shift+V): a published NOS copied from ukstandards.org.uk or a
//! PDF, read by `io::nos_text`, previewed — what went where, how dates were read, what was left
//! over — and added under the selected function as one undoable step only when the user says so.

use eframe::egui;

use super::Action;
use crate::io::nos_text::{self, PastedText};
use crate::model::FunctionalMap;

/// What the dialog holds while open.
#[derive(Default)]
pub struct PasteNosDialog {
    pub open: bool,
    /// The pasted text, editable: fixing a heading in place and seeing the preview change is
    /// quicker than pasting again.
    pub text: String,
    /// The system clipboard was asked for its text; the next paste event fills the box. An
    /// empty clipboard sends none, so the wait ends after a few frames (`frames_left`).
    pub awaiting_clipboard: bool,
    frames_left: u8,
    /// The text read, for the text it was read from.
    read: Option<(String, PastedText)>,
}

impl PasteNosDialog {
    /// Opens the dialog empty, waiting for the clipboard's text, which the caller asks the
    /// window for (`ViewportCommand::RequestPaste`).
    pub fn open_from_clipboard(&mut self) {
        self.open = true;
        self.text.clear();
        self.awaiting_clipboard = true;
        self.frames_left = 4;
    }

    /// Opens the dialog on text already in hand (a Ctrl+V that held a NOS, not a branch).
    pub fn open_with(&mut self, text: String) {
        self.open = true;
        self.text = text;
        self.awaiting_clipboard = false;
    }

    /// The text read (cached while it does not change).
    pub fn pasted(&mut self) -> &PastedText {
        let stale = self
            .read
            .as_ref()
            .is_none_or(|(text, _)| *text != self.text);
        if stale {
            self.read = Some((self.text.clone(), nos_text::read(&self.text)));
        }
        &self.read.as_ref().expect("read just above").1
    }

    pub fn close(&mut self) {
        self.open = false;
        self.awaiting_clipboard = false;
        self.text.clear();
        self.read = None;
    }
}

/// The dialog: the text on the left, the preview on the right, Add and Cancel below.
pub fn paste_nos_ui(
    ctx: &egui::Context,
    dialog: &mut PasteNosDialog,
    map: &FunctionalMap,
    target: Option<String>,
    actions: &mut Vec<Action>,
) {
    if !dialog.open {
        return;
    }
    if dialog.awaiting_clipboard {
        // The answer comes the frame after the request, if the clipboard holds text at all.
        dialog.frames_left = dialog.frames_left.saturating_sub(1);
        dialog.awaiting_clipboard = dialog.frames_left > 0;
        ctx.request_repaint();
    }
    let mut open = true;
    let mut add = false;
    let mut cancel = false;
    egui::Window::new("Paste NOS text")
        .open(&mut open)
        .resizable(true)
        .default_width(880.0)
        .show(ctx, |ui| {
            // Text and preview scroll inside a window that fits a 768-pixel-high screen.
            let list_height = (ctx.content_rect().height() * 0.55).clamp(160.0, 420.0);
            match &target {
                Some(name) => ui.label(format!("The units go under: {name}")),
                None => ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "Select the function the units go under first.",
                ),
            };
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(400.0);
                    let hint = if dialog.awaiting_clipboard {
                        "Reading the clipboard…"
                    } else {
                        "Paste a NOS here (Ctrl+V): the page from ukstandards.org.uk or the text of a NOS PDF"
                    };
                    egui::ScrollArea::vertical()
                        .id_salt("pasted text")
                        .max_height(list_height)
                        .show(ui, |ui| {
                            ui.add(
                                egui::TextEdit::multiline(&mut dialog.text)
                                    .hint_text(hint)
                                    .desired_rows(22)
                                    .desired_width(f32::INFINITY)
                                    .code_editor(),
                            );
                        });
                });
                // Space, not a separator: a vertical separator takes the window's whole height,
                // and a window sized to its content then grows every frame.
                ui.add_space(12.0);
                ui.vertical(|ui| {
                    ui.set_min_width(400.0);
                    egui::ScrollArea::vertical()
                        .id_salt("paste preview")
                        .max_height(list_height)
                        .show(ui, |ui| preview_ui(ui, dialog.pasted(), map));
                });
            });
            ui.separator();
            let count = dialog.pasted().units.len();
            ui.horizontal(|ui| {
                let label = match count {
                    0 => "Add".to_string(),
                    1 => "Add 1 unit".to_string(),
                    n => format!("Add {n} units"),
                };
                let enabled = count > 0 && target.is_some();
                if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                    add = true;
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
        });
    if add {
        let units = dialog.pasted().units.clone();
        actions.push(Action::AddPastedNos(units));
        dialog.close();
    } else if cancel || !open {
        dialog.close();
    }
}

fn preview_ui(ui: &mut egui::Ui, pasted: &PastedText, map: &FunctionalMap) {
    let warn = ui.visuals().warn_fg_color;
    if pasted.units.is_empty() {
        ui.label(
            "No NOS unit found yet: nosmap looks for an “Overview” or “Performance criteria” \
             heading, with the URN and title just before it.",
        );
    }
    for unit in &pasted.units {
        ui.strong(format!("Line {}: {}", unit.line, unit.name()));
        for line in unit.summary() {
            ui.label(format!("    {line}"));
        }
        for note in &unit.notes {
            ui.label(format!("    Note: {note}"));
        }
        ui.add_space(6.0);
    }
    for clash in pasted.clashes(map) {
        ui.colored_label(warn, clash);
    }
    let leftover = pasted.all_leftover();
    if !leftover.is_empty() {
        ui.add_space(6.0);
        ui.colored_label(warn, "Left over (not added anywhere):");
        for block in leftover {
            ui.colored_label(
                warn,
                format!(
                    "    line {}: {}",
                    block.line,
                    block.text.replace('\n', " / ")
                ),
            );
        }
    }
}
