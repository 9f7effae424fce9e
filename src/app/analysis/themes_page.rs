//! The candidate themes page: phrases many organisations' unit titles share, outside the themes
//! already defined, with their units per organisation; Adopt makes one a theme.

use eframe::egui;

use super::{Action, AnalysisAction, AnalysisView};
use crate::analysis::reuse::candidates::{CandidateOptions, candidate_themes};

pub(super) fn themes_ui(ui: &mut egui::Ui, view: &mut AnalysisView, actions: &mut Vec<Action>) {
    if view.results.is_none() {
        super::pairs_page::no_results(ui, view, actions);
        return;
    }
    let themes = view.chosen_themes();
    let adopted: Vec<String> = view
        .crosswalk
        .doc
        .crosswalk
        .themes
        .iter()
        .map(|t| t.id.clone())
        .collect();
    let Some(results) = &mut view.results else {
        return;
    };
    // Worked out once per run, when first asked for.
    let candidates = results.candidates.get_or_insert_with(|| {
        candidate_themes(&results.corpus, &themes, &CandidateOptions::default())
    });
    let corpus = &results.corpus;
    ui.label(
        "Phrases the unit titles of many organisations share, outside the themes defined. \
         Adopt puts one in the crosswalk as a theme, and tags its units in every open map you \
         can edit (one undoable step in each).",
    );
    if candidates.is_empty() {
        ui.label("No candidate: no phrase reaches enough organisations in this corpus.");
        return;
    }
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("analysis-candidates")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (index, candidate) in candidates.iter().enumerate() {
                let theme = candidate.theme_set(corpus);
                let is_adopted = adopted.contains(&theme.id);
                ui.horizontal(|ui| {
                    let verb = if is_adopted { "Adopt again" } else { "Adopt" };
                    let button = ui.button(verb).on_hover_text(format!(
                        "Make “{}” a theme of {} units (id {})",
                        theme.name,
                        theme.units.len(),
                        theme.id
                    ));
                    if button.clicked() {
                        actions.push(Action::Analysis(AnalysisAction::Adopt(index)));
                    }
                    let mut heading = egui::RichText::new(&theme.name).strong();
                    if is_adopted {
                        heading = heading.italics();
                    }
                    ui.label(heading);
                    ui.label(format!(
                        "{} units · {} organisations{}",
                        candidate.units.len(),
                        candidate.organisations.len(),
                        if is_adopted { " · adopted" } else { "" }
                    ));
                });
                egui::CollapsingHeader::new(format!("Phrases: {}", candidate.terms.join(", ")))
                    .id_salt(("candidate", index))
                    .default_open(false)
                    .show(ui, |ui| {
                        egui::Grid::new(("candidate-organisations", index))
                            .striped(true)
                            .show(ui, |ui| {
                                for (organisation, count) in &candidate.organisations {
                                    ui.label(organisation);
                                    ui.label(count.to_string());
                                    ui.end_row();
                                }
                            });
                        ui.add_space(4.0);
                        for &unit in candidate.units.iter().take(60) {
                            ui.label(
                                egui::RichText::new(format!(
                                    "{} — {}",
                                    corpus.units[unit].label(),
                                    corpus.units[unit].developer
                                ))
                                .small(),
                            );
                        }
                        if candidate.units.len() > 60 {
                            ui.label(format!("… and {} more", candidate.units.len() - 60));
                        }
                    });
                // Organisations at a glance.
                let glance: Vec<String> = candidate
                    .organisations
                    .iter()
                    .take(6)
                    .map(|(o, n)| format!("{o} {n}"))
                    .collect();
                ui.label(egui::RichText::new(glance.join(" · ")).small().weak());
                ui.separator();
            }
        });
}
