//! The desktop window (egui/eframe). Everything that names egui lives under `app/` and only here.
//!
//! The window: menus, the canvas with the outline (left) and the inspector and problems (right),
//! find, the command palette and shortcut sheet, file dialogs. Panels read state and emit
//! [`Action`]s, applied after the UI pass; what each command does is in `run.rs`.

mod accessors;
mod action;
pub mod analysis;
mod background_write;
mod bars;
mod camera;
mod canvas;
pub mod commands;
pub mod comments;
pub mod compare;
mod export_dialog;
mod files;
pub mod headless;
mod inspector;
mod keyboard;
mod outline;
mod paste_nos;
mod place_picker;
mod present;
mod problems;
mod review_files;
mod run;
mod safety;
mod saving;
pub mod selection;
mod start;
mod tab;
mod termination;
mod uses_dialog;
mod workshop_log;
mod workspace;

pub use action::Action;
pub use canvas::accessible_label;
pub use commands::Command;
pub use files::Purpose;
pub use present::PRESENTER_WINDOW;
pub use safety::{Dialog, Then};
pub use selection::Placement;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;

use crate::analysis::checks::{CheckContext, CheckReport};
use crate::edit::Document;
use crate::layout::{BOLD_TTF, LayoutStyle, REGULAR_TTF, Scene, relayout};
use crate::model::{Date, FunctionalMap, KeyPurpose, Location, MapMeta, NodeId};
use crate::view::ViewState;

/// An example compiled in, so the start page can offer one anywhere.
const EMBEDDED_EXAMPLE: &str =
    include_str!("../../examples/management-and-leadership-2008.nosmap.ron");

/// egui font families that use the bundled font, so the canvas draws with what layout measured.
pub(crate) const FAMILY_REGULAR: &str = "nosmap-regular";
pub(crate) const FAMILY_BOLD: &str = "nosmap-bold";

/// Opens the editor window on `file`, else on the last map worked on, else on the start page.
pub fn run(files: Vec<PathBuf>, references: Vec<PathBuf>) -> Result<(), String> {
    let mut files = files.into_iter();
    let file = files.next();
    let settings = crate::io::settings::settings_path()
        .map(|p| crate::io::settings::load_settings(&p))
        .unwrap_or_default();
    let last = settings
        .recent
        .iter()
        .find(|p| crate::io::folders::file_exists(p))
        .cloned();
    let path = file.or(last);
    let mut app = NosmapApp::open(path.clone())?;
    for more in files {
        app.open_beside(&more, false);
    }
    for reference in references {
        app.open_beside(&reference, true);
    }
    let size = settings.window_size.unwrap_or([1280.0, 800.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size(size)
            .with_title(match &path {
                Some(path) => window_title(Some(path), "", false),
                None => "nosmap".to_string(),
            }),
        ..Default::default()
    };
    eframe::run_native(
        "nosmap",
        options,
        Box::new(move |cc| {
            install_fonts(&cc.egui_ctx);
            app.fonts_ready = true;
            app.watch_termination(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| format!("cannot open a window: {e}"))
}

/// Registers the bundled font under our own family names.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        FAMILY_REGULAR.into(),
        Arc::new(egui::FontData::from_static(REGULAR_TTF)),
    );
    fonts.font_data.insert(
        FAMILY_BOLD.into(),
        Arc::new(egui::FontData::from_static(BOLD_TTF)),
    );
    fonts.families.insert(
        egui::FontFamily::Name(FAMILY_REGULAR.into()),
        vec![FAMILY_REGULAR.into()],
    );
    fonts.families.insert(
        egui::FontFamily::Name(FAMILY_BOLD.into()),
        vec![FAMILY_BOLD.into()],
    );
    // The interface's own font lacks arrows, triangles and accented capitals DejaVu has.
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push(FAMILY_REGULAR.into());
    }
    ctx.set_fonts(fonts);
}

/// "name.nosmap.ron • — nosmap" (the dot marks unsaved changes); a map never saved shows its
/// title ("Coaching and mentoring (not saved) — nosmap").
pub fn window_title(path: Option<&Path>, map_title: &str, dirty: bool) -> String {
    let name = path.and_then(Path::file_name).map_or_else(
        || format!("{map_title} (not saved)"),
        |n| n.to_string_lossy().into_owned(),
    );
    let marker = if dirty { " •" } else { "" };
    format!("{name}{marker} — nosmap")
}

/// The widest the outline and the inspector may be in a window `width` points wide: together at
/// most half of it, less their borders, so the canvas keeps the other half (at 1024 points: 204
/// and 266).
pub fn side_panel_limits(width: f32) -> (f32, f32) {
    let outline = (width * 0.2).min(520.0);
    let inspector = (width * 0.26).min(560.0);
    (outline, inspector)
}

/// The window's size in the units the window is created with (logical pixels: egui points times
/// the interface zoom), or `None` while full screen, maximised or presenting, whose size is not
/// the one to open with next time.
fn normal_window_size(ctx: &egui::Context, presenting: bool) -> Option<[f32; 2]> {
    let (fullscreen, maximized) = ctx.input(|i| (i.viewport().fullscreen, i.viewport().maximized));
    if presenting || fullscreen == Some(true) || maximized == Some(true) {
        return None;
    }
    let size = ctx.content_rect().size() * ctx.zoom_factor();
    Some([size.x.round(), size.y.round()])
}

/// Which side panels are shown.
#[derive(Clone, Copy, Debug)]
pub struct Panels {
    pub outline: bool,
    pub inspector: bool,
    pub problems: bool,
}

impl Default for Panels {
    fn default() -> Self {
        Self {
            outline: true,
            inspector: true,
            problems: true,
        }
    }
}

/// The find bar (Ctrl+F): matches in map order, the current one framed.
#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    pub query: String,
    pub matches: Vec<Location>,
    pub current: usize,
    focus: bool,
}

/// The running app: document, view state, and what is derived from them (Scene, check report).
pub struct NosmapApp {
    /// The map shown.
    tab: tab::MapTab,
    /// The other open maps, in the order of the tab strip after the shown one's place.
    others: Vec<tab::MapTab>,
    /// Where the shown map sits among all open maps (the tab strip's order).
    tab_index: usize,
    /// The next number for an untitled map's recovery copy.
    next_untitled_slot: u32,
    style: LayoutStyle,
    today: Option<Date>,
    /// How often open maps are autosaved, when set here rather than by `NOSMAP_AUTOSAVE_SECS`.
    autosave_interval: Option<std::time::Duration>,
    /// The last message for the user (saved, refused edit, failed save…).
    message: Option<String>,
    title_shown: String,
    /// Whether the bundled font is registered with egui (the canvas cannot draw text before).
    fonts_ready: bool,
    /// Questions waiting for the user, first shown first.
    dialogs: Vec<Dialog>,
    export: export_dialog::ExportDialog,
    palette: commands::Palette,
    paste_nos: paste_nos::PasteNosDialog,
    uses: uses_dialog::UsesDialog,
    workshop_log: workshop_log::WorkshopLogWindow,
    shortcuts_open: bool,
    panels: Panels,
    files: files::FileDialogs,
    /// What to do after the next successful save (Save in "Save your changes?" on an untitled map).
    after_save: Option<Then>,
    settings: crate::io::settings::Settings,
    settings_path: Option<PathBuf>,
    /// Theme and scale given to egui, to notice changes.
    look_applied: Option<(crate::io::settings::ThemeChoice, f32)>,
    /// The last branch copied, as text (also put on the system clipboard).
    clipboard: Option<String>,
    /// Text for the system clipboard, handed to egui in the next frame.
    copy_out: Option<String>,
    /// Give the keyboard back to the canvas next frame.
    focus_canvas: bool,
    /// The user confirmed closing with unsaved changes.
    quit_confirmed: bool,
    /// Whether the system asked nosmap to stop (SIGTERM, SIGHUP, SIGINT).
    termination: termination::Termination,
    /// Window commands (full screen) handed to egui in the next frame.
    viewport_commands: Vec<egui::ViewportCommand>,
    quit_requested: bool,
    /// Shown instead of the map when nosmap started with nothing to open.
    start_page: Option<start::StartPage>,
    /// The window's size last frame, remembered in the settings when it closes.
    window_size: Option<[f32; 2]>,
    /// The map had the keyboard last frame (so Esc means "select the key purpose").
    map_had_keyboard: bool,
    /// Keyboard events waiting for the field they were typed for (see `keyboard.rs`).
    keys: keyboard::KeyQueue,
    /// The Analysis view (pan-sector reuse), shown instead of the map when open.
    analysis: analysis::AnalysisView,
}

impl NosmapApp {
    /// An app showing `doc`.
    pub fn new(doc: Document, path: Option<PathBuf>) -> Self {
        // The editor badges boxes with their open comments; exports leave them off.
        let style = LayoutStyle {
            show_comments: true,
            ..LayoutStyle::default()
        };
        let today = crate::io::today();
        let (tab, view_notes) = tab::MapTab::new(doc, path, &style, today);
        let settings_path = crate::io::settings::settings_path();
        let settings = settings_path
            .as_deref()
            .map(crate::io::settings::load_settings)
            .unwrap_or_default();
        Self {
            tab,
            others: Vec::new(),
            tab_index: 0,
            next_untitled_slot: 1,
            autosave_interval: None,
            style,
            today,
            message: view_notes.first().cloned(),
            title_shown: String::new(),
            fonts_ready: false,
            dialogs: Vec::new(),
            export: export_dialog::ExportDialog::default(),
            palette: commands::Palette::default(),
            paste_nos: paste_nos::PasteNosDialog::default(),
            uses: uses_dialog::UsesDialog::default(),
            workshop_log: workshop_log::WorkshopLogWindow::default(),
            shortcuts_open: false,
            panels: Panels::default(),
            files: files::FileDialogs::from_env(),
            after_save: None,
            settings,
            settings_path,
            look_applied: None,
            clipboard: None,
            copy_out: None,
            focus_canvas: true,
            quit_confirmed: false,
            termination: termination::Termination::default(),
            quit_requested: false,
            viewport_commands: Vec::new(),
            keys: keyboard::KeyQueue::default(),
            map_had_keyboard: false,
            start_page: None,
            window_size: None,
            analysis: analysis::AnalysisView::default(),
        }
    }

    /// Opens a map file as the program does at start: takes its lock (or asks), and offers unsaved
    /// work left by a session that ended without saving. Without a path, shows the start page
    /// (and offers unsaved work of an untitled map).
    pub fn open(path: Option<PathBuf>) -> Result<Self, String> {
        let Some(path) = path else {
            let map = FunctionalMap::new(MapMeta::new(""), KeyPurpose::new(""));
            let mut app = Self::new(Document::new(map), None);
            app.start_page = Some(start::StartPage::new());
            if let Some(found) = crate::io::recovery::find_untitled_recoveries()
                .into_iter()
                .next()
            {
                app.dialogs
                    .push(safety::recovery_dialog(found, app.tab.doc.map()));
            }
            return Ok(app);
        };
        let empty = FunctionalMap::new(MapMeta::new(""), KeyPurpose::new(""));
        let mut app = Self::new(Document::new(empty), None);
        let opening = app.read_tab(&path, false)?;
        app.tab = opening.tab;
        app.dialogs.extend(opening.dialogs);
        app.say_load_notes(&opening.notes);
        Ok(app)
    }

    /// Tells what was set aside while reading the map (it is gone from the file at the next save).
    fn say_load_notes(&mut self, notes: &[String]) {
        if let Some(first) = notes.first() {
            let more = match notes.len() {
                1 => String::new(),
                n => format!(" (and {} more like it)", n - 1),
            };
            self.message = Some(format!("{first}{more}"));
        }
    }

    /// Lets this frame's keyboard events through in the order they were typed, holding back what
    /// must wait until an editor opened by an earlier key has the keyboard. The window calls it
    /// before every pass (`raw_input_hook`); tests driving frames call it the same way.
    pub fn admit_input(&mut self, ctx: &egui::Context, raw: &mut egui::RawInput) {
        let focused = ctx.memory(|m| m.focused());
        let in_text_field = focused.is_some_and(|id| id != canvas::canvas_id());
        // The Comments list's keys are commands (1–5, R), one at a time.
        let comment_keys = focused == Some(comments::list_id()) && self.tab.comments.open;
        let receiver = if comment_keys {
            keyboard::Receiver::Presenter
        } else if in_text_field {
            keyboard::Receiver::TextField
        } else if (self.tab.presenter.active || self.analysis.shown) && self.dialogs.is_empty() {
            // The Analysis view's keys are commands too (A accept, J next…), one at a time.
            keyboard::Receiver::Presenter
        } else {
            keyboard::Receiver::Map
        };
        let waiting = self.tab.rename.as_ref().is_some_and(|r| !r.has_keyboard())
            || self.tab.inspector.wants_keyboard()
            || self.tab.find.focus
            || self.tab.comments.wants_keyboard()
            || self.focus_canvas;
        self.keys.admit(raw, receiver, waiting);
        if self.keys.is_pending() {
            ctx.request_repaint();
        }
    }

    /// Lays out again after the view changed (folding); the map, and so the checks, did not.
    fn relayout(&mut self) {
        let style = LayoutStyle {
            target_aspect: self.tab.window_aspect.unwrap_or(self.style.target_aspect),
            ..self.style.clone()
        };
        // The boxes of nodes that did not change are taken from the Scene being replaced.
        let previous = std::mem::take(&mut self.tab.scene);
        self.tab.scene = relayout(self.tab.doc.map(), &self.tab.view, &style, previous);
        self.tab.derived_from.scene = tab::DerivedFrom::of(&self.tab).scene;
    }

    /// Derives the Scene and the report again when the document or the view has moved on since
    /// they were made (every change path refreshes already; this keeps a missed one from ever
    /// showing a stale picture).
    fn ensure_derived(&mut self) {
        let now = tab::DerivedFrom::of(&self.tab);
        if now.report != self.tab.derived_from.report {
            self.refresh();
        } else if now.scene != self.tab.derived_from.scene {
            self.relayout();
        }
    }

    /// Lays out and checks again after the map changed.
    fn refresh(&mut self) {
        self.relayout();
        let context = CheckContext {
            today: self.today,
            level: self.tab.problems.level,
        };
        self.tab.checker.update(self.tab.doc.map(), &context);
        self.tab.derived_from.report = tab::DerivedFrom::of(&self.tab).report;
        self.tab.markers = canvas::problem_markers(self.tab.checker.report());
        self.tab.stats_cache.update(self.tab.doc.map());
        self.tab.selection.retain_existing(self.tab.doc.map());
        if !self.tab.find.query.is_empty() {
            self.tab.find.matches = crate::analysis::find(self.tab.doc.map(), &self.tab.find.query);
        }
    }

    /// One frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_ready {
            // Fonts registered now take effect next frame; draw from then on.
            install_fonts(ui.ctx());
            self.fonts_ready = true;
            ui.ctx().request_repaint();
            return;
        }
        let ctx = ui.ctx().clone();
        self.ensure_derived();
        self.apply_look(&ctx);
        let title = if self.start_page.is_some() {
            "nosmap".to_string()
        } else {
            window_title(
                self.tab.path.as_deref(),
                &self.tab.doc.map().display_title(),
                self.tab.doc.is_dirty(),
            )
        };
        if title != self.title_shown {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = title;
        }
        self.window_size = normal_window_size(&ctx, self.tab.presenter.active);
        self.autosave_every_map();
        ctx.request_repaint_after(if self.tab.safety.writing.is_some() {
            // Look again soon for the end of a save under way.
            std::time::Duration::from_millis(50)
        } else {
            self.tab.safety.autosave_every
        });
        let mut actions = Vec::new();
        self.window_events(&ctx, &mut actions);
        if self.tab.presenter.active && self.dialogs.is_empty() {
            for action in actions {
                self.apply(action);
            }
            self.presenting_ui(ui);
            self.end_frame(&ctx);
            return;
        }
        let modal_open = !self.dialogs.is_empty()
            || self.palette.open
            || self.files.chooser.is_some()
            || self.export.open
            || self.tab.place_picker.is_open();
        let mut ran_command = false;
        if let Some(dialog) = self.dialogs.first() {
            safety::dialog_ui(&ctx, dialog, self.tab.path.as_deref(), &mut actions);
        } else if !modal_open {
            let focused = ctx.memory(|m| m.focused());
            // The start page has no map to act on: only the commands that work anywhere.
            let canvas_keys = self.tab.rename.is_none()
                && self.start_page.is_none()
                && !self.analysis.shown
                && focused.is_none_or(|id| id == canvas::canvas_id());
            let top_down = self.tab.view.direction == crate::view::Direction::TopDown;
            let list_keys = self.tab.comments.open && focused == Some(comments::list_id());
            let mut pressed = if list_keys {
                commands::pressed_in_list(&ctx, top_down)
            } else {
                commands::pressed(&ctx, canvas_keys, top_down)
            };
            // Esc typed on the map closes the shortcut sheet, else stops comparing, else selects
            // the key purpose. In a
            // field (find, inspector, a title) it gives the keyboard back to the map, and an open
            // menu closes on it: those need to see it, so it is left to them.
            if canvas_keys
                && self.map_had_keyboard
                && !egui::Popup::is_any_open(&ctx)
                && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
            {
                if self.shortcuts_open {
                    self.shortcuts_open = false;
                } else if self.tab.compare.is_some() {
                    // Comparing: Esc stops comparing before it moves the selection.
                    self.tab.compare = None;
                } else {
                    pressed.push(Command::SelectRoot);
                }
            }
            if self.paste_nos.awaiting_clipboard {
                // The clipboard's text asked for by Paste NOS text… arrives as a paste event.
                let pasted = ctx.input(|i| {
                    i.events.iter().find_map(|e| match e {
                        egui::Event::Paste(text) => Some(text.clone()),
                        _ => None,
                    })
                });
                if let Some(text) = pasted {
                    self.paste_nos.open_with(text);
                }
            } else if canvas_keys {
                // The window turns Ctrl+C, Ctrl+X and Ctrl+V into these events, not key presses.
                let clipboard_events: Vec<egui::Event> = ctx.input(|i| {
                    i.events
                        .iter()
                        .filter(|e| {
                            matches!(
                                e,
                                egui::Event::Copy | egui::Event::Cut | egui::Event::Paste(_)
                            )
                        })
                        .cloned()
                        .collect()
                });
                for event in clipboard_events {
                    match event {
                        egui::Event::Copy if !pressed.contains(&Command::Copy) => {
                            pressed.push(Command::Copy)
                        }
                        egui::Event::Cut if !pressed.contains(&Command::Cut) => {
                            pressed.push(Command::Cut)
                        }
                        egui::Event::Paste(text) => {
                            // The system clipboard's text wins over our own copy.
                            pressed.retain(|c| *c != Command::Paste);
                            actions.push(Action::Paste(text));
                        }
                        _ => {}
                    }
                }
            }
            ran_command = !pressed.is_empty();
            actions.extend(pressed.into_iter().map(Action::Run));
        }
        egui::Panel::top("menu").show(ui, |ui| {
            commands::menu_bar_ui(ui, &self.settings.recent, &mut actions);
        });
        if self.open_map_count() > 1 {
            egui::Panel::top("open maps").show(ui, |ui| self.tab_strip_ui(ui, &mut actions));
        }
        if let Some(page) = &self.start_page {
            // No canvas to give the keyboard to.
            self.focus_canvas = false;
            egui::CentralPanel::default().show(ui, |ui| {
                start::start_page_ui(ui, page, &self.settings.recent, &mut actions);
            });
            commands::palette_ui(&ctx, &mut self.palette, &mut actions);
            commands::shortcuts_ui(&ctx, &mut self.shortcuts_open);
            files::chooser_ui(&ctx, &mut self.files, &mut actions);
            for action in actions {
                self.apply(action);
            }
            self.end_frame(&ctx);
            return;
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui, &mut actions));
        // The Analysis view takes the panels' and the canvas's place while shown.
        let map_shown = !self.analysis.shown;
        if self.panels.problems && map_shown {
            let most = ctx.content_rect().height() * 0.3;
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(220.0f32.min(most))
                .max_size(most.max(80.0))
                .show(ui, |ui| {
                    problems::problems_ui(
                        ui,
                        self.tab.doc.map(),
                        (self.tab.checker.report(), self.tab.checker.generation()),
                        self.selection(),
                        &mut self.tab.problems,
                        &mut actions,
                    );
                });
        }
        // The side panels never take more than half the window from the canvas.
        let width = ctx.content_rect().width();
        let (outline_most, inspector_most) = side_panel_limits(width);
        if self.panels.outline && map_shown {
            egui::Panel::left("outline")
                .resizable(true)
                .default_size(300.0f32.min(outline_most))
                .min_size(120.0f32.min(outline_most))
                .max_size(outline_most)
                .show(ui, |ui| {
                    outline::outline_ui(
                        ui,
                        self.tab.doc.map(),
                        &self.tab.view,
                        &self.tab.selection,
                        &mut self.tab.outline,
                        &mut actions,
                    );
                });
        }
        if map_shown && let Some(state) = &mut self.tab.compare {
            state.refresh(self.tab.doc.map(), self.tab.doc.revision());
            let keys = !modal_open
                && ctx.memory(|m| m.focused().is_none_or(|id| id == canvas::canvas_id()));
            egui::Panel::right("compare")
                .resizable(true)
                .default_size(380.0f32.min(inspector_most))
                .min_size(200.0f32.min(inspector_most))
                .max_size(inspector_most)
                .show(ui, |ui| compare::compare_ui(ui, state, keys, &mut actions));
        }
        // The Comments panel takes the inspector's place while shown (Compare takes both's).
        let comments_shown = map_shown && self.tab.comments.open && self.tab.compare.is_none();
        if comments_shown {
            egui::Panel::right("comments")
                .resizable(true)
                .default_size(420.0f32.min(inspector_most))
                .min_size(200.0f32.min(inspector_most))
                .max_size(inspector_most)
                .show(ui, |ui| {
                    if let Some(why) = self.tab.doc.read_only_reason() {
                        ui.label(egui::RichText::new(why).italics());
                        ui.disable();
                    }
                    comments::comments_ui(
                        ui,
                        self.tab.doc.map(),
                        self.tab.doc.revision(),
                        &mut self.tab.comments,
                        &mut actions,
                    );
                });
        }
        // The Compare panel takes the inspector's place while shown.
        if self.panels.inspector && map_shown && self.tab.compare.is_none() && !comments_shown {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(360.0f32.min(inspector_most))
                .min_size(180.0f32.min(inspector_most))
                .max_size(inspector_most)
                .show(ui, |ui| {
                    // A reference is read, not edited: its fields show, greyed, with why.
                    if let Some(why) = self.tab.doc.read_only_reason() {
                        ui.label(egui::RichText::new(why).italics());
                        ui.disable();
                    }
                    inspector::inspector_ui(
                        ui,
                        self.tab.doc.map(),
                        self.tab.doc.revision(),
                        self.selection(),
                        self.today,
                        &mut self.tab.inspector,
                        &mut actions,
                    );
                });
        }
        if !map_shown {
            self.map_had_keyboard = false;
            self.focus_canvas = false;
            egui::CentralPanel::default()
                .show(ui, |ui| self.analysis_ui(ui, modal_open, &mut actions));
        } else {
            egui::CentralPanel::default().show(ui, |ui| {
                if self.tab.find.open {
                    self.find_bar_ui(ui, &mut actions);
                }
                let nobody_focused = ctx.memory(|m| m.focused().is_none());
                let input = canvas::CanvasInput {
                    scene: &self.tab.scene,
                    map: self.tab.doc.map(),
                    selection: &self.tab.selection,
                    markers: &self.tab.markers,
                    take_focus: self.focus_canvas || (nobody_focused && !modal_open),
                    typing_starts_rename: !ran_command && !modal_open,
                    room: false,
                    high_contrast: false,
                    changes: self.tab.compare.as_ref().map(|c| &c.marks),
                };
                self.map_had_keyboard = canvas::canvas_ui(
                    ui,
                    input,
                    &mut self.tab.camera,
                    &mut self.tab.rename,
                    &mut actions,
                );
                self.focus_canvas = false;
            });
        }
        let selected = self.selection();
        export_dialog::export_dialog_ui(
            &ctx,
            &mut self.export,
            self.tab.doc.map(),
            self.tab.doc.revision(),
            selected,
            self.tab.path.as_deref(),
            &mut actions,
        );
        // What the two dialogs show is worked out only while they are open (every frame).
        if self.uses.open {
            let selected_units: Vec<NodeId> = self
                .tab
                .selection
                .items()
                .iter()
                .map(|p| p.node)
                .filter(|&n| self.tab.doc.map().unit(n).is_some())
                .collect();
            uses_dialog::uses_dialog_ui(
                &ctx,
                &mut self.uses,
                self.tab.path.as_deref(),
                selected,
                selected_units,
                &mut actions,
            );
        }
        if self.paste_nos.open {
            let paste_target = self.paste_target_name();
            paste_nos::paste_nos_ui(
                &ctx,
                &mut self.paste_nos,
                self.tab.doc.map(),
                paste_target,
                &mut actions,
            );
        }
        commands::palette_ui(&ctx, &mut self.palette, &mut actions);
        place_picker::place_picker_ui(
            &ctx,
            self.tab.doc.map(),
            self.tab.doc.revision(),
            &mut self.tab.place_picker,
            &mut actions,
        );
        commands::shortcuts_ui(&ctx, &mut self.shortcuts_open);
        self.steps_ui(&ctx);
        self.workshop_log_ui(&ctx);
        files::chooser_ui(&ctx, &mut self.files, &mut actions);
        for action in actions {
            self.apply(action);
        }
        self.end_frame(&ctx);
    }

    /// What goes back to egui once the frame's actions are applied.
    fn end_frame(&mut self, ctx: &egui::Context) {
        if let Some(text) = self.copy_out.take() {
            ctx.copy_text(text);
        }
        for command in self.viewport_commands.drain(..) {
            ctx.send_viewport_cmd(command);
        }
        self.close_if_asked(ctx);
        self.stop_if_asked(ctx);
    }

    /// Files dropped on the window, answers from file dialogs, the window's close button.
    fn window_events(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            actions.push(Action::OpenFile(path));
        }
        if let Some((purpose, path)) = self.files.poll(ctx) {
            actions.push(Action::FileChosen(purpose, path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed {
            self.stop_presenting();
            if self.any_map_unsaved() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                if !self
                    .dialogs
                    .iter()
                    .any(|d| matches!(d, Dialog::Unsaved { .. }))
                {
                    self.ask_before_quitting();
                }
            } else {
                self.quit_confirmed = true;
            }
        }
    }

    fn any_map_unsaved(&self) -> bool {
        self.tab.doc.is_dirty() || self.another_unsaved_map().is_some()
    }

    /// Asks about the shown map's unsaved changes, or shows the next map that has some and asks.
    fn ask_before_quitting(&mut self) {
        if !self.tab.doc.is_dirty() {
            if let Some(index) = self.another_unsaved_map() {
                self.show_tab(index);
            }
        }
        self.dialogs.push(Dialog::Unsaved { then: Then::Quit });
    }

    fn close_if_asked(&mut self, ctx: &egui::Context) {
        if !self.quit_requested {
            return;
        }
        self.quit_requested = false;
        // A session being presented is recorded in the workshop log before anything is asked.
        self.stop_presenting();
        // A save under way decides whether anything is left unsaved.
        self.wait_for_write_and_move_on();
        if self.any_map_unsaved() && !self.quit_confirmed {
            self.ask_before_quitting();
        } else {
            self.quit_confirmed = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Gives egui the theme and interface scale from the settings when they change.
    fn apply_look(&mut self, ctx: &egui::Context) {
        let look = (self.settings.theme, self.settings.ui_scale);
        if self.look_applied == Some(look) {
            return;
        }
        ctx.set_theme(match look.0 {
            crate::io::settings::ThemeChoice::System => egui::ThemePreference::System,
            crate::io::settings::ThemeChoice::Light => egui::ThemePreference::Light,
            crate::io::settings::ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
        ctx.set_zoom_factor(look.1);
        self.look_applied = Some(look);
    }
}

impl NosmapApp {
    /// Stores the window's size in the settings so the next start opens it the same size.
    fn remember_window_size(&mut self) {
        let Some(size) = self.window_size else {
            return;
        };
        let known = self.settings.window_size;
        let same =
            known.is_some_and(|k| (k[0] - size[0]).abs() < 1.0 && (k[1] - size[1]).abs() < 1.0);
        if !same && size[0] >= 200.0 && size[1] >= 150.0 {
            self.settings.window_size = Some(size);
            self.store_settings();
        }
    }
}

impl Drop for NosmapApp {
    /// The window's size is remembered; each open map cleans up after itself (`MapTab`'s drop).
    fn drop(&mut self) {
        self.remember_window_size();
    }
}

impl eframe::App for NosmapApp {
    fn raw_input_hook(&mut self, ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        self.admit_input(ctx, raw_input);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }
}
