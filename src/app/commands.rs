//! The one list of everything the user can ask for. The menus, the command palette
//! (Ctrl+Shift+P), the shortcut sheet (F1) and the keyboard all read [`COMMANDS`], so a command
//! added here shows up everywhere at once. Ctrl means Cmd on macOS (egui's `COMMAND`).

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::Action;

/// A user command. What it does lives in `NosmapApp::run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    New,
    Open,
    OpenReference,
    CloseMap,
    NextMap,
    PreviousMap,
    Save,
    SaveAs,
    Export,
    CompareWith,
    ExportReviewPack,
    ImportReviewForms,
    ExportResolutionMatrix,
    UsesOfMap,
    Quit,
    Undo,
    Redo,
    Cut,
    Copy,
    Paste,
    PasteNos,
    Delete,
    Rename,
    NewChild,
    NewSibling,
    NewUnit,
    NewFunction,
    PlaceAlsoUnder,
    MoveUp,
    MoveDown,
    Promote,
    Demote,
    Find,
    FindNext,
    FindPrevious,
    EditDetails,
    AddCriterion,
    AddKnowledge,
    SelectRoot,
    SelectParent,
    SelectChild,
    SelectPrevious,
    SelectNext,
    ToggleFold,
    FitToWindow,
    ZoomIn,
    ZoomOut,
    ZoomToSelection,
    ToggleDirection,
    ToggleLayout,
    ToggleOutline,
    ToggleInspector,
    ToggleProblems,
    PublishChecks,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
    UiLarger,
    UiSmaller,
    UiReset,
    Present,
    EditWalkthrough,
    WorkshopLog,
    Analysis,
    Comments,
    NextComment,
    PreviousComment,
    RespondToComment,
    DispositionOpen,
    DispositionAccepted,
    DispositionModified,
    DispositionNoted,
    DispositionRejected,
    Shortcuts,
    Palette,
}

/// The menus, in menu-bar order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    Select,
    View,
    Help,
}

impl Menu {
    pub const ALL: [Menu; 5] = [Menu::File, Menu::Edit, Menu::Select, Menu::View, Menu::Help];

    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::Select => "Select",
            Menu::View => "View",
            Menu::Help => "Help",
        }
    }
}

/// One entry of the list.
pub struct CommandInfo {
    pub command: Command,
    pub menu: Menu,
    pub label: &'static str,
    pub shortcut: Option<KeyboardShortcut>,
    /// Also runs while a text field has the keyboard. Plain keys, arrows, Tab, Enter and the
    /// clipboard/undo keys belong to the text field then.
    pub while_typing: bool,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

const fn entry(
    command: Command,
    menu: Menu,
    label: &'static str,
    shortcut: Option<(Modifiers, Key)>,
    while_typing: bool,
) -> CommandInfo {
    CommandInfo {
        command,
        menu,
        label,
        shortcut: match shortcut {
            Some((modifiers, key)) => Some(KeyboardShortcut::new(modifiers, key)),
            None => None,
        },
        while_typing,
    }
}

use Command as C;
use Menu as M;

/// Every command, in menu order. The keyboard tries shortcuts with more modifiers first
/// ([`pressed`]), so Ctrl+Shift+Z is Redo, not Undo.
pub const COMMANDS: &[CommandInfo] = &[
    entry(C::New, M::File, "New map", Some((CTRL, Key::N)), true),
    entry(C::Open, M::File, "Open…", Some((CTRL, Key::O)), true),
    entry(
        C::OpenReference,
        M::File,
        "Open as reference (read-only)…",
        Some((CTRL_SHIFT, Key::O)),
        true,
    ),
    entry(
        C::CloseMap,
        M::File,
        "Close map",
        Some((CTRL, Key::W)),
        true,
    ),
    entry(
        C::NextMap,
        M::File,
        "Next open map",
        Some((CTRL, Key::Tab)),
        true,
    ),
    entry(
        C::PreviousMap,
        M::File,
        "Previous open map",
        Some((CTRL_SHIFT, Key::Tab)),
        true,
    ),
    entry(C::Save, M::File, "Save", Some((CTRL, Key::S)), true),
    entry(
        C::SaveAs,
        M::File,
        "Save As…",
        Some((CTRL_SHIFT, Key::S)),
        true,
    ),
    entry(C::Export, M::File, "Export…", Some((CTRL, Key::E)), true),
    entry(C::CompareWith, M::File, "Compare with…", None, true),
    entry(
        C::ExportReviewPack,
        M::File,
        "Export review pack…",
        None,
        true,
    ),
    entry(
        C::ImportReviewForms,
        M::File,
        "Import review forms…",
        None,
        true,
    ),
    entry(
        C::ExportResolutionMatrix,
        M::File,
        "Export resolution matrix…",
        None,
        true,
    ),
    entry(
        C::UsesOfMap,
        M::File,
        "Uses of the map (self-assessment, job description, training needs)…",
        None,
        true,
    ),
    entry(C::Quit, M::File, "Quit", Some((CTRL, Key::Q)), true),
    entry(C::Undo, M::Edit, "Undo", Some((CTRL, Key::Z)), false),
    entry(C::Redo, M::Edit, "Redo", Some((CTRL_SHIFT, Key::Z)), false),
    entry(C::Cut, M::Edit, "Cut branch", Some((CTRL, Key::X)), false),
    entry(C::Copy, M::Edit, "Copy branch", Some((CTRL, Key::C)), false),
    entry(
        C::Paste,
        M::Edit,
        "Paste branch",
        Some((CTRL, Key::V)),
        false,
    ),
    entry(
        C::PasteNos,
        M::Edit,
        "Paste NOS text…",
        Some((CTRL_SHIFT, Key::V)),
        false,
    ),
    entry(
        C::Delete,
        M::Edit,
        "Delete with branch",
        Some((NONE, Key::Delete)),
        false,
    ),
    entry(
        C::Rename,
        M::Edit,
        "Edit title",
        Some((NONE, Key::F2)),
        false,
    ),
    entry(
        C::NewChild,
        M::Edit,
        "New child",
        Some((NONE, Key::Tab)),
        false,
    ),
    entry(
        C::NewSibling,
        M::Edit,
        "New sibling",
        Some((NONE, Key::Enter)),
        false,
    ),
    entry(
        C::NewUnit,
        M::Edit,
        "New unit under the selection",
        Some((CTRL, Key::U)),
        false,
    ),
    entry(
        C::NewFunction,
        M::Edit,
        "New function under the selection",
        Some((CTRL, Key::G)),
        false,
    ),
    entry(
        C::PlaceAlsoUnder,
        M::Edit,
        "Place the unit also under…",
        Some((CTRL, Key::L)),
        false,
    ),
    entry(
        C::MoveUp,
        M::Edit,
        "Move up among siblings",
        Some((CTRL, Key::ArrowUp)),
        false,
    ),
    entry(
        C::MoveDown,
        M::Edit,
        "Move down among siblings",
        Some((CTRL, Key::ArrowDown)),
        false,
    ),
    entry(
        C::Promote,
        M::Edit,
        "Promote (one level up)",
        Some((CTRL, Key::ArrowLeft)),
        false,
    ),
    entry(
        C::Demote,
        M::Edit,
        "Demote (into the function above)",
        Some((CTRL, Key::ArrowRight)),
        false,
    ),
    entry(
        C::EditDetails,
        M::Edit,
        "Edit details in the inspector",
        Some((CTRL, Key::I)),
        true,
    ),
    entry(
        C::AddCriterion,
        M::Edit,
        "Add performance criteria to the unit",
        Some((Modifiers::ALT, Key::P)),
        true,
    ),
    entry(
        C::AddKnowledge,
        M::Edit,
        "Add knowledge and understanding to the unit",
        Some((Modifiers::ALT, Key::K)),
        true,
    ),
    entry(C::Find, M::Edit, "Find…", Some((CTRL, Key::F)), true),
    // Shift+F3 before F3: extra Shift does not stop a plain F3 from matching.
    entry(
        C::FindPrevious,
        M::Edit,
        "Find previous",
        Some((Modifiers::SHIFT, Key::F3)),
        true,
    ),
    entry(
        C::FindNext,
        M::Edit,
        "Find next",
        Some((NONE, Key::F3)),
        true,
    ),
    entry(C::Redo, M::Edit, "Redo", Some((CTRL, Key::Y)), false),
    entry(
        C::NewChild,
        M::Edit,
        "New child",
        Some((NONE, Key::Insert)),
        false,
    ),
    entry(
        C::SelectRoot,
        M::Select,
        "Select the key purpose",
        Some((NONE, Key::Home)),
        false,
    ),
    entry(
        C::SelectRoot,
        M::Select,
        "Select the key purpose",
        Some((NONE, Key::Escape)),
        false,
    ),
    entry(
        C::SelectParent,
        M::Select,
        "Select parent",
        Some((NONE, Key::ArrowLeft)),
        false,
    ),
    entry(
        C::SelectChild,
        M::Select,
        "Select first child",
        Some((NONE, Key::ArrowRight)),
        false,
    ),
    entry(
        C::SelectPrevious,
        M::Select,
        "Select previous sibling",
        Some((NONE, Key::ArrowUp)),
        false,
    ),
    entry(
        C::SelectNext,
        M::Select,
        "Select next sibling",
        Some((NONE, Key::ArrowDown)),
        false,
    ),
    entry(
        C::ToggleFold,
        M::View,
        "Fold / unfold branch",
        Some((NONE, Key::Space)),
        false,
    ),
    entry(
        C::FitToWindow,
        M::View,
        "Fit map to window",
        Some((CTRL, Key::Num0)),
        true,
    ),
    entry(
        C::ZoomIn,
        M::View,
        "Zoom in",
        Some((NONE, Key::Plus)),
        false,
    ),
    entry(
        C::ZoomIn,
        M::View,
        "Zoom in",
        Some((NONE, Key::Equals)),
        false,
    ),
    entry(
        C::ZoomOut,
        M::View,
        "Zoom out",
        Some((NONE, Key::Minus)),
        false,
    ),
    entry(
        C::ZoomToSelection,
        M::View,
        "Zoom to selection",
        Some((NONE, Key::Period)),
        false,
    ),
    entry(
        C::ToggleDirection,
        M::View,
        "Switch left-to-right / top-down",
        Some((CTRL, Key::T)),
        true,
    ),
    entry(
        C::ToggleLayout,
        M::View,
        "Switch compact layout / tree",
        Some((CTRL_SHIFT, Key::L)),
        true,
    ),
    entry(
        C::ToggleOutline,
        M::View,
        "Show / hide outline",
        Some((CTRL, Key::Num1)),
        true,
    ),
    entry(
        C::ToggleInspector,
        M::View,
        "Show / hide inspector",
        Some((CTRL, Key::Num2)),
        true,
    ),
    entry(
        C::ToggleProblems,
        M::View,
        "Show / hide problems",
        Some((CTRL, Key::Num3)),
        true,
    ),
    entry(
        C::PublishChecks,
        M::View,
        "Check as ready to publish (metadata, every section)",
        None,
        true,
    ),
    entry(
        C::ThemeSystem,
        M::View,
        "Theme: follow the system",
        None,
        true,
    ),
    entry(C::ThemeLight, M::View, "Theme: light", None, true),
    entry(C::ThemeDark, M::View, "Theme: dark", None, true),
    entry(
        C::UiLarger,
        M::View,
        "Larger interface",
        Some((CTRL, Key::Equals)),
        true,
    ),
    entry(
        C::UiSmaller,
        M::View,
        "Smaller interface",
        Some((CTRL, Key::Minus)),
        true,
    ),
    entry(C::UiReset, M::View, "Interface at normal size", None, true),
    entry(
        C::Present,
        M::View,
        "Present (workshop mode)",
        Some((NONE, Key::F5)),
        true,
    ),
    entry(
        C::EditWalkthrough,
        M::View,
        "Walkthrough steps…",
        None,
        true,
    ),
    entry(C::WorkshopLog, M::View, "Workshop log…", None, true),
    entry(
        C::Analysis,
        M::View,
        "Analysis: reuse across sectors…",
        Some((CTRL_SHIFT, Key::A)),
        true,
    ),
    entry(
        C::Comments,
        M::View,
        "Comments (reviewers' comments and answers)",
        Some((CTRL_SHIFT, Key::K)),
        true,
    ),
    // Shift+F8 before F8, as with F3.
    entry(
        C::PreviousComment,
        M::Edit,
        "Previous open comment",
        Some((Modifiers::SHIFT, Key::F8)),
        true,
    ),
    entry(
        C::NextComment,
        M::Edit,
        "Next open comment",
        Some((NONE, Key::F8)),
        true,
    ),
    entry(
        C::RespondToComment,
        M::Edit,
        "Write the response to the comment",
        Some((Modifiers::ALT, Key::R)),
        false,
    ),
    entry(
        C::DispositionOpen,
        M::Edit,
        "Comment: Open",
        Some((Modifiers::ALT, Key::Num1)),
        false,
    ),
    entry(
        C::DispositionAccepted,
        M::Edit,
        "Comment: Accepted",
        Some((Modifiers::ALT, Key::Num2)),
        false,
    ),
    entry(
        C::DispositionModified,
        M::Edit,
        "Comment: Accepted with modification",
        Some((Modifiers::ALT, Key::Num3)),
        false,
    ),
    entry(
        C::DispositionNoted,
        M::Edit,
        "Comment: Noted",
        Some((Modifiers::ALT, Key::Num4)),
        false,
    ),
    entry(
        C::DispositionRejected,
        M::Edit,
        "Comment: Rejected",
        Some((Modifiers::ALT, Key::Num5)),
        false,
    ),
    entry(
        C::Shortcuts,
        M::Help,
        "Keyboard shortcuts",
        Some((NONE, Key::F1)),
        true,
    ),
    entry(
        C::Palette,
        M::Help,
        "Command palette…",
        Some((CTRL_SHIFT, Key::P)),
        true,
    ),
];

/// The first entry for a command (the one menus show).
pub fn info(command: Command) -> &'static CommandInfo {
    COMMANDS
        .iter()
        .find(|c| c.command == command)
        .unwrap_or(&COMMANDS[0])
}

/// Commands with one entry each, in list order (menus and the palette).
pub fn unique() -> impl Iterator<Item = &'static CommandInfo> {
    COMMANDS
        .iter()
        .enumerate()
        .filter(|(i, c)| COMMANDS[..*i].iter().all(|d| d.command != c.command))
        .map(|(_, c)| c)
}

/// Arrow keys follow the picture: with the key purpose on top, Up/Down go to parent/child and
/// Left/Right to siblings.
fn turned_for_top_down(command: Command) -> Command {
    match command {
        C::SelectParent => C::SelectPrevious,
        C::SelectChild => C::SelectNext,
        C::SelectPrevious => C::SelectParent,
        C::SelectNext => C::SelectChild,
        other => other,
    }
}

/// Consumes the shortcuts pressed this frame and returns their commands. `canvas_keys` is false
/// while a text field has the keyboard.
pub fn pressed(ctx: &egui::Context, canvas_keys: bool, top_down: bool) -> Vec<Command> {
    pressed_where(ctx, |entry| canvas_keys || entry.while_typing, top_down)
}

/// Like [`pressed`] while the Comments list has the keyboard: its own plain keys (1–5, R, the
/// arrows) are the list's, but Ctrl and Alt shortcuts (undo, the dispositions) work as on the
/// map.
pub fn pressed_in_list(ctx: &egui::Context, top_down: bool) -> Vec<Command> {
    pressed_where(
        ctx,
        |entry| {
            entry.while_typing
                || entry
                    .shortcut
                    .is_some_and(|s| s.modifiers.command || s.modifiers.alt)
        },
        top_down,
    )
}

fn pressed_where(
    ctx: &egui::Context,
    accepts: impl Fn(&CommandInfo) -> bool,
    top_down: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    // More modifiers first: egui lets Ctrl+Z match a Ctrl+Shift+Z press.
    let mut entries: Vec<&CommandInfo> = COMMANDS.iter().collect();
    entries
        .sort_by_key(|c| std::cmp::Reverse(c.shortcut.map_or(0, |s| modifier_count(s.modifiers))));
    ctx.input_mut(|input| {
        for entry in entries {
            let Some(shortcut) = entry.shortcut else {
                continue;
            };
            if !accepts(entry) {
                continue;
            }
            // Esc means "select the key purpose" only when typed on the map; the window decides.
            if shortcut.logical_key == Key::Escape {
                continue;
            }
            if input.consume_shortcut(&shortcut) {
                commands.push(if top_down {
                    turned_for_top_down(entry.command)
                } else {
                    entry.command
                });
            }
        }
    });
    commands
}

fn modifier_count(modifiers: Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.shift,
        modifiers.command || modifiers.ctrl || modifiers.mac_cmd,
    ]
    .into_iter()
    .filter(|&m| m)
    .count()
}

/// The right-click menu of a box or an outline row (the node is selected first).
pub fn context_menu_ui(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    const ON_A_NODE: [Command; 13] = [
        C::Rename,
        C::EditDetails,
        C::NewChild,
        C::NewSibling,
        C::PlaceAlsoUnder,
        C::Cut,
        C::Copy,
        C::Paste,
        C::Delete,
        C::MoveUp,
        C::MoveDown,
        C::ToggleFold,
        C::ZoomToSelection,
    ];
    menu_buttons(ui, &ON_A_NODE, actions);
}

/// The right-click menu of the canvas's empty space.
pub fn empty_space_menu_ui(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    menu_buttons(
        ui,
        &[
            C::FitToWindow,
            C::SelectRoot,
            C::ToggleDirection,
            C::ToggleLayout,
        ],
        actions,
    );
}

/// One button per command, with its keys; a click runs it and closes the menu.
fn menu_buttons(ui: &mut egui::Ui, commands: &[Command], actions: &mut Vec<Action>) {
    for &command in commands {
        let entry = info(command);
        let button = egui::Button::new(entry.label).shortcut_text(shortcut_text(ui.ctx(), command));
        if ui.add(button).clicked() {
            actions.push(Action::Run(command));
            ui.close();
        }
    }
}

/// The shortcut as shown to the user ("Ctrl+Shift+S").
pub fn shortcut_text(ctx: &egui::Context, command: Command) -> String {
    COMMANDS
        .iter()
        .filter(|c| c.command == command)
        .filter_map(|c| c.shortcut.as_ref())
        .map(|s| ctx.format_shortcut(s))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The menu bar.
pub fn menu_bar_ui(ui: &mut egui::Ui, recent: &[std::path::PathBuf], actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        for menu in Menu::ALL {
            ui.menu_button(menu.title(), |ui| {
                for entry in unique().filter(|c| c.menu == menu) {
                    let shortcut = shortcut_text(ui.ctx(), entry.command);
                    let button = egui::Button::new(entry.label).shortcut_text(shortcut);
                    if ui.add(button).clicked() {
                        actions.push(Action::Run(entry.command));
                    }
                    if entry.command == C::Open {
                        ui.menu_button("Open Recent", |ui| {
                            if recent.is_empty() {
                                ui.label("No recent files");
                            }
                            for path in recent {
                                if ui.button(path.display().to_string()).clicked() {
                                    actions.push(Action::OpenFile(path.clone()));
                                }
                            }
                        });
                    }
                }
            });
        }
    });
}

/// The command palette: type to filter, Enter runs the first match.
#[derive(Default)]
pub struct Palette {
    pub open: bool,
    query: String,
}

impl Palette {
    pub fn show(&mut self) {
        self.open = true;
        self.query.clear();
    }
}

/// The commands whose label holds every word of `query`.
pub fn matching(query: &str) -> Vec<&'static CommandInfo> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    unique()
        .filter(|c| {
            let label = c.label.to_lowercase();
            words.iter().all(|w| label.contains(w.as_str()))
        })
        .collect()
}

pub fn palette_ui(ctx: &egui::Context, palette: &mut Palette, actions: &mut Vec<Action>) {
    if !palette.open {
        return;
    }
    let modal = egui::Modal::new(egui::Id::unique("nosmap-palette")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.label("Type a command:");
        let field = ui.add(
            egui::TextEdit::singleline(&mut palette.query)
                .hint_text("e.g. new unit, export, theme")
                .desired_width(f32::INFINITY),
        );
        field.request_focus();
        let found = matching(&palette.query);
        let enter = ui.input(|i| i.key_pressed(Key::Enter));
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for entry in &found {
                    let button = egui::Button::new(entry.label)
                        .shortcut_text(shortcut_text(ui.ctx(), entry.command));
                    if ui.add(button).clicked() {
                        actions.push(Action::Run(entry.command));
                        palette.open = false;
                    }
                }
            });
        if enter {
            if let Some(first) = found.first() {
                actions.push(Action::Run(first.command));
            }
            palette.open = false;
        }
    });
    if modal.should_close() {
        palette.open = false;
    }
}

/// The shortcut sheet (F1): every command by menu, with its keys.
pub fn shortcuts_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(
                "Ctrl means Cmd on macOS. Typing a letter on the map starts editing the title.",
            );
            egui::ScrollArea::vertical().show(ui, |ui| {
                for menu in Menu::ALL {
                    ui.heading(menu.title());
                    shortcut_grid(ui, menu);
                }
                ui.heading("In the Analysis view (Ctrl+Shift+A)");
                egui::Grid::new("analysis-keys")
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, what) in super::analysis::ANALYSIS_KEYS {
                            ui.label(*what);
                            ui.label(*keys);
                            ui.end_row();
                        }
                    });
                ui.heading("In the Comments panel (Ctrl+Shift+K)");
                egui::Grid::new("comment-keys")
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, what) in super::comments::COMMENT_KEYS {
                            ui.label(*what);
                            ui.label(*keys);
                            ui.end_row();
                        }
                    });
                ui.heading("While comparing (File › Compare with…)");
                egui::Grid::new("compare-keys")
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, what) in super::compare::COMPARE_KEYS {
                            ui.label(*what);
                            ui.label(*keys);
                            ui.end_row();
                        }
                    });
                ui.heading("While presenting (F5)");
                egui::Grid::new("presenter-keys")
                    .striped(true)
                    .show(ui, |ui| {
                        for (keys, what) in super::present::PRESENTER_KEYS {
                            ui.label(*what);
                            ui.label(*keys);
                            ui.end_row();
                        }
                    });
            });
        });
}

fn shortcut_grid(ui: &mut egui::Ui, menu: Menu) {
    egui::Grid::new(menu.title()).striped(true).show(ui, |ui| {
        for entry in unique().filter(|c| c.menu == menu) {
            ui.label(entry.label);
            ui.label(shortcut_text(ui.ctx(), entry.command));
            ui.end_row();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command. The match below stops compiling when a command is added and not listed.
    const ALL_FOR_TEST: &[Command] = &[
        C::New,
        C::Open,
        C::OpenReference,
        C::CloseMap,
        C::NextMap,
        C::PreviousMap,
        C::Save,
        C::SaveAs,
        C::Export,
        C::CompareWith,
        C::ExportReviewPack,
        C::ImportReviewForms,
        C::ExportResolutionMatrix,
        C::UsesOfMap,
        C::Quit,
        C::Undo,
        C::Redo,
        C::Cut,
        C::Copy,
        C::Paste,
        C::PasteNos,
        C::Delete,
        C::Rename,
        C::NewChild,
        C::NewSibling,
        C::NewUnit,
        C::NewFunction,
        C::PlaceAlsoUnder,
        C::SelectRoot,
        C::MoveUp,
        C::MoveDown,
        C::Promote,
        C::Demote,
        C::Find,
        C::FindNext,
        C::FindPrevious,
        C::EditDetails,
        C::AddCriterion,
        C::AddKnowledge,
        C::SelectParent,
        C::SelectChild,
        C::SelectPrevious,
        C::SelectNext,
        C::ToggleFold,
        C::FitToWindow,
        C::ZoomIn,
        C::ZoomOut,
        C::ZoomToSelection,
        C::ToggleDirection,
        C::ToggleLayout,
        C::ToggleOutline,
        C::ToggleInspector,
        C::ToggleProblems,
        C::PublishChecks,
        C::ThemeSystem,
        C::ThemeLight,
        C::ThemeDark,
        C::UiLarger,
        C::UiSmaller,
        C::UiReset,
        C::Present,
        C::EditWalkthrough,
        C::WorkshopLog,
        C::Analysis,
        C::Comments,
        C::NextComment,
        C::PreviousComment,
        C::RespondToComment,
        C::DispositionOpen,
        C::DispositionAccepted,
        C::DispositionModified,
        C::DispositionNoted,
        C::DispositionRejected,
        C::Shortcuts,
        C::Palette,
    ];

    #[allow(dead_code)]
    fn listed(command: Command) {
        match command {
            C::New
            | C::Open
            | C::OpenReference
            | C::CloseMap
            | C::NextMap
            | C::PreviousMap
            | C::Save
            | C::SaveAs
            | C::Export
            | C::CompareWith
            | C::ExportReviewPack
            | C::ImportReviewForms
            | C::ExportResolutionMatrix
            | C::UsesOfMap
            | C::Quit
            | C::Undo
            | C::Redo
            | C::Cut
            | C::Copy
            | C::Paste
            | C::PasteNos
            | C::Delete
            | C::Rename
            | C::NewChild
            | C::NewSibling
            | C::NewUnit
            | C::NewFunction
            | C::PlaceAlsoUnder
            | C::SelectRoot
            | C::MoveUp
            | C::MoveDown
            | C::Promote
            | C::Demote
            | C::Find
            | C::FindNext
            | C::FindPrevious
            | C::EditDetails
            | C::AddCriterion
            | C::AddKnowledge
            | C::SelectParent
            | C::SelectChild
            | C::SelectPrevious
            | C::SelectNext
            | C::ToggleFold
            | C::FitToWindow
            | C::ZoomIn
            | C::ZoomOut
            | C::ZoomToSelection
            | C::ToggleDirection
            | C::ToggleLayout
            | C::ToggleOutline
            | C::ToggleInspector
            | C::ToggleProblems
            | C::PublishChecks
            | C::ThemeSystem
            | C::ThemeLight
            | C::ThemeDark
            | C::UiLarger
            | C::UiSmaller
            | C::UiReset
            | C::Present
            | C::EditWalkthrough
            | C::WorkshopLog
            | C::Analysis
            | C::Comments
            | C::NextComment
            | C::PreviousComment
            | C::RespondToComment
            | C::DispositionOpen
            | C::DispositionAccepted
            | C::DispositionModified
            | C::DispositionNoted
            | C::DispositionRejected
            | C::Shortcuts
            | C::Palette => {}
        }
    }

    #[test]
    fn no_shortcut_is_given_to_two_commands() {
        let mut seen = std::collections::HashMap::new();
        for entry in COMMANDS {
            if let Some(shortcut) = entry.shortcut {
                let key = (shortcut.modifiers, shortcut.logical_key);
                if let Some(other) = seen.insert(key, entry.command) {
                    assert_eq!(other, entry.command, "{shortcut:?} is given twice");
                }
            }
        }
    }

    #[test]
    fn every_command_has_an_entry() {
        let mut missing: Vec<Command> = Vec::new();
        for command in ALL_FOR_TEST {
            if !COMMANDS.iter().any(|c| c.command == *command) {
                missing.push(*command);
            }
        }
        assert!(missing.is_empty(), "not in COMMANDS: {missing:?}");
    }

    #[test]
    fn the_palette_finds_commands_by_words_in_any_order() {
        let found: Vec<Command> = matching("unit new").iter().map(|c| c.command).collect();
        assert_eq!(found, [Command::NewUnit]);
        assert_eq!(matching("").len(), unique().count());
        assert_eq!(
            unique().filter(|c| c.command == Command::Redo).count(),
            1,
            "two shortcuts, one entry"
        );
    }
}
