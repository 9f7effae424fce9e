//! The problems panel: live findings of the quality checks, grouped by severity and rule,
//! filterable. Clicking a finding goes to its node; fixes (a merge conflict offers two: keep ours,
//! take theirs) and dismissals are one click away.

use eframe::egui;

use super::Action;
use crate::analysis::checks::{CheckReport, Finding, Severity, rule};
use crate::model::{FunctionalMap, Location, NodeId};

/// What the panel remembers between frames.
#[derive(Default)]
pub struct ProblemsState {
    /// Only findings whose node title, rule or message contains this (case-insensitive).
    pub filter: String,
    /// The finding being dismissed, and the reason typed so far.
    pub dismissing: Option<(Location, &'static str, String)>,
    /// Drafting (the default) or every rule, ready to publish.
    pub level: crate::analysis::checks::CheckLevel,
    /// The findings shown, grouped by severity and rule (indices into the report), and the
    /// report (its generation) and filter they were grouped for: grouped once per change, not
    /// once per frame.
    groups: Option<((u64, String), Groups)>,
}

/// Findings by severity, then by rule in the rules' order: indices into the report.
type Groups = Vec<(Severity, Vec<(&'static str, Vec<usize>)>)>;

/// A rule's findings are listed in a scrolled window of their own beyond this many, drawing
/// only the rows in view.
const LISTED_WHOLE_UP_TO: usize = 40;

/// Groups the findings of `report` that match `filter`.
fn grouped(map: &FunctionalMap, report: &CheckReport, filter: &str) -> Groups {
    let filter = filter.to_lowercase();
    let matches = |finding: &Finding| {
        filter.is_empty()
            || finding.rule.contains(&filter)
            || finding.message.to_lowercase().contains(&filter)
            || map
                .node(finding.node())
                .is_some_and(|n| n.title().to_lowercase().contains(&filter))
    };
    let rule_order = |id: &str| {
        crate::analysis::checks::RULES
            .iter()
            .position(|r| r.id == id)
            .unwrap_or(usize::MAX)
    };
    [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|severity| {
            let mut by_rule: std::collections::BTreeMap<(usize, &'static str), Vec<usize>> =
                std::collections::BTreeMap::new();
            for (index, finding) in report.findings.iter().enumerate() {
                if finding.severity == severity && matches(finding) {
                    by_rule
                        .entry((rule_order(finding.rule), finding.rule))
                        .or_default()
                        .push(index);
                }
            }
            let rules = by_rule
                .into_iter()
                .map(|((_, rule_id), indices)| (rule_id, indices))
                .collect();
            (severity, rules)
        })
        .collect()
}

/// Draws the panel.
pub fn problems_ui(
    ui: &mut egui::Ui,
    map: &FunctionalMap,
    (report, generation): (&CheckReport, u64),
    selection: Option<NodeId>,
    state: &mut ProblemsState,
    actions: &mut Vec<Action>,
) {
    ui.heading("Problems");
    ui.horizontal(|ui| {
        let label = ui.label("Filter:");
        ui.text_edit_singleline(&mut state.filter)
            .labelled_by(label.id);
        let mut publish = state.level == crate::analysis::checks::CheckLevel::Publish;
        let toggle = ui.checkbox(&mut publish, "Ready to publish").on_hover_text(
            "Also check what a published NOS needs: metadata, every section filled in. \
                 While drafting these stay quiet.",
        );
        if toggle.changed() {
            actions.push(Action::Run(super::Command::PublishChecks));
        }
    });
    ui.separator();
    let key = (generation, state.filter.clone());
    let groups = match state.groups.take() {
        Some((made_for, groups)) if made_for == key => groups,
        _ => grouped(map, report, &state.filter),
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (severity, rules) in &groups {
                let count: usize = rules.iter().map(|(_, found)| found.len()).sum();
                let heading = format!("{} ({count})", severity_heading(*severity));
                egui::CollapsingHeader::new(heading)
                    .id_salt(("severity", severity.label()))
                    .default_open(*severity != Severity::Info)
                    .show(ui, |ui| {
                        for (rule_id, found) in rules {
                            let info = rule(rule_id);
                            let summary = info.map_or(*rule_id, |r| r.summary);
                            let header = egui::CollapsingHeader::new(format!(
                                "{summary} [{rule_id}] ({})",
                                found.len()
                            ))
                            .id_salt(("rule", *rule_id))
                            .default_open(found.len() <= 12)
                            .show(ui, |ui| {
                                let mut row = |ui: &mut egui::Ui, index: usize| {
                                    if let Some(finding) = report.findings.get(index) {
                                        finding_ui(ui, map, finding, selection, state, actions);
                                    }
                                };
                                if found.len() <= LISTED_WHOLE_UP_TO {
                                    for &index in found {
                                        row(ui, index);
                                    }
                                } else {
                                    // Thousands of findings of one rule: only those in view.
                                    let spacing = ui.spacing();
                                    let height =
                                        spacing.interact_size.y * 2.0 + spacing.item_spacing.y;
                                    egui::ScrollArea::vertical()
                                        .id_salt(("rule rows", *rule_id))
                                        .max_height(height * 12.0)
                                        .show_rows(ui, height, found.len(), |ui, range| {
                                            for &index in &found[range] {
                                                row(ui, index);
                                            }
                                        });
                                }
                            });
                            if let Some(info) = info {
                                header.header_response.on_hover_text(format!(
                                    "{}\n\nSource: {}",
                                    info.explanation, info.source
                                ));
                            }
                        }
                    });
            }
            dismissed_ui(ui, map, report, actions);
        });
    state.groups = Some((key, groups));
}

fn severity_heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}

fn finding_ui(
    ui: &mut egui::Ui,
    map: &FunctionalMap,
    finding: &Finding,
    selection: Option<NodeId>,
    state: &mut ProblemsState,
    actions: &mut Vec<Action>,
) {
    let title = map.node(finding.node()).map_or("", |n| n.title());
    let title = if title.trim().is_empty() {
        "(untitled)"
    } else {
        title
    };
    let label = format!("{title}: {}", finding.message);
    if ui
        .selectable_label(selection == Some(finding.node()), label)
        .clicked()
    {
        actions.push(Action::GoTo(finding.location));
    }
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        for fix in finding.fixes() {
            if ui.button(format!("Fix: {}", fix.label)).clicked() {
                actions.push(Action::Edit {
                    label: fix.label.clone(),
                    edit: Box::new(fix.edit.clone()),
                });
            }
        }
        let is_dismissing = state
            .dismissing
            .as_ref()
            .is_some_and(|(at, r, _)| *at == finding.location && *r == finding.rule);
        // A merge conflict is settled by choosing a side, never set aside.
        if finding.dismissible() && !is_dismissing && ui.button("Dismiss…").clicked() {
            state.dismissing = Some((finding.location, finding.rule, String::new()));
        }
    });
    let Some((at, rule_id, reason)) = &mut state.dismissing else {
        return;
    };
    if *at != finding.location || *rule_id != finding.rule {
        return;
    }
    let mut close = false;
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        let label = ui.label("Reason:");
        let field = ui.text_edit_singleline(reason).labelled_by(label.id);
        if reason.is_empty() && !field.has_focus() {
            field.request_focus();
            field.scroll_to_me(Some(egui::Align::Center));
        }
        if ui
            .add_enabled(!reason.trim().is_empty(), egui::Button::new("Dismiss"))
            .clicked()
        {
            actions.push(Action::Dismiss {
                at: *at,
                rule: rule_id.to_string(),
                reason: reason.trim().to_string(),
            });
            close = true;
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    if close {
        state.dismissing = None;
    }
}

fn dismissed_ui(
    ui: &mut egui::Ui,
    map: &FunctionalMap,
    report: &CheckReport,
    actions: &mut Vec<Action>,
) {
    egui::CollapsingHeader::new(format!("Dismissed ({})", report.dismissed.len()))
        .id_salt("dismissed")
        .default_open(false)
        .show(ui, |ui| {
            for (finding, dismissal) in &report.dismissed {
                let title = map.node(finding.node()).map_or("", |n| n.title());
                ui.horizontal_wrapped(|ui| {
                    if ui.link(format!("{title} [{}]", finding.rule)).clicked() {
                        actions.push(Action::GoTo(finding.location));
                    }
                    ui.label(format!("— {}", dismissal.reason));
                    if ui.button("Restore").clicked() {
                        actions.push(Action::Restore {
                            node: finding.node(),
                            rule: finding.rule.to_string(),
                            statement: dismissal.statement,
                        });
                    }
                });
            }
        });
}
