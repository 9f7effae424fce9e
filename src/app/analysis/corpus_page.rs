//! The corpus page: which open maps and catalogue exports are analysed, the crosswalk file the
//! decisions live in, the themes, and Run.

use std::path::PathBuf;

use eframe::egui;

use super::{Action, AnalysisAction, AnalysisView, MapChoice, file_name};

pub(super) fn corpus_ui(
    ui: &mut egui::Ui,
    view: &mut AnalysisView,
    maps: &[MapChoice],
    actions: &mut Vec<Action>,
) {
    let mut ask = |action| actions.push(Action::Analysis(action));
    egui::ScrollArea::vertical()
        .id_salt("analysis-corpus")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Open maps");
            if maps.is_empty() {
                ui.label("No map is open.");
            }
            for map in maps {
                let mut chosen = !view.maps_off.contains(&map.key);
                let mut text = format!("{} ({} units)", map.title, map.units);
                if map.reference {
                    text.push_str(" · reference");
                }
                let hover = map
                    .path
                    .as_deref()
                    .map_or("Not saved to a file".to_string(), |p| {
                        p.display().to_string()
                    });
                if ui
                    .checkbox(&mut chosen, text)
                    .on_hover_text(hover)
                    .changed()
                {
                    if chosen {
                        view.maps_off.remove(&map.key);
                    } else {
                        view.maps_off.insert(map.key.clone());
                    }
                }
            }
            ui.add_space(8.0);
            ui.heading("Catalogue exports");
            ui.label(
                egui::RichText::new(
                    "The NOS database export (CSV), one unit per row: every other sector's units.",
                )
                .small()
                .weak(),
            );
            let mut remove = None;
            for (index, catalogue) in view.catalogues.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    let text = format!(
                        "{} ({} rows)",
                        file_name(&catalogue.path),
                        catalogue.rows.len()
                    );
                    ui.checkbox(&mut catalogue.chosen, text)
                        .on_hover_text(catalogue.path.display().to_string());
                    if ui.small_button("Remove").clicked() {
                        remove = Some(index);
                    }
                });
            }
            if let Some(index) = remove {
                view.catalogues.remove(index);
            }
            ui.horizontal_wrapped(|ui| {
                if ui.button("Add catalogue CSV…").clicked() {
                    ask(AnalysisAction::AskCatalogue);
                }
                let label = ui.label("or its path:");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut view.catalogue_typed)
                            .hint_text("…/nos-catalogue-2019.csv")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                let typed = view.catalogue_typed.trim().to_string();
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let add = ui.add_enabled(!typed.is_empty(), egui::Button::new("Add"));
                if (add.clicked() || enter) && !typed.is_empty() {
                    ask(AnalysisAction::AddCatalogue(PathBuf::from(typed)));
                }
            });
            ui.add_space(8.0);
            ui.heading("Crosswalk file");
            ui.label(
                egui::RichText::new(
                    "Decisions on pairs and adopted themes are saved here at once (a new file is \
                     made at the first decision).",
                )
                .small()
                .weak(),
            );
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("File:");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut view.crosswalk_typed)
                            .hint_text(super::DEFAULT_CROSSWALK)
                            .desired_width(380.0),
                    )
                    .labelled_by(label.id);
                let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let typed = view.crosswalk_typed.trim().to_string();
                let changed = view
                    .crosswalk
                    .path
                    .as_deref()
                    .map(|p| p.display().to_string())
                    != (!typed.is_empty()).then_some(typed.clone());
                if (ui
                    .add_enabled(changed && !typed.is_empty(), egui::Button::new("Use"))
                    .clicked()
                    || (enter && changed))
                    && !typed.is_empty()
                {
                    ask(AnalysisAction::UseCrosswalk(PathBuf::from(typed)));
                }
                if ui.button("Choose…").clicked() {
                    ask(AnalysisAction::AskCrosswalk);
                }
            });
            ui.add_space(8.0);
            ui.heading("Themes");
            for theme in view.all_themes() {
                let mut chosen = !view.themes_off.contains(&theme.id);
                let mut hover = theme.suites.join("; ");
                if !theme.units.is_empty() {
                    hover = format!("{} units picked by hand", theme.units.len());
                }
                if ui
                    .checkbox(&mut chosen, &theme.name)
                    .on_hover_text(hover)
                    .changed()
                {
                    if chosen {
                        view.themes_off.remove(&theme.id);
                    } else {
                        view.themes_off.insert(theme.id.clone());
                    }
                }
            }
            ui.add_space(8.0);
            ui.checkbox(&mut view.links_only, "Links and equal titles only")
                .on_hover_text("Leave near-duplicate wording out: faster, and no scored pairs");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let run = ui.add(egui::Button::new(
                    egui::RichText::new("Run the analysis").strong(),
                ));
                if run.clicked() {
                    ask(AnalysisAction::Run);
                }
                ui.label(
                    egui::RichText::new("The whole catalogue takes about a second.")
                        .small()
                        .weak(),
                );
            });
        });
}
