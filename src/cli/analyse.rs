//! `nosmap analyse reuse|matrix|themes MAP... [--catalogue CSV] [--format …] [-o FILE]`.

use std::path::Path;

use serde_json::{Value, json};

use super::args::{AnalyseArgs, AnalyseFormat, AnalyseWhat, MatrixColumns, MatrixRows};
use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::analysis::reuse::candidates::{CandidateOptions, candidate_themes};
use crate::analysis::reuse::crosswalk::CrosswalkEdit;
use crate::analysis::reuse::matrix::{Columns, Matrix, Rows};
use crate::analysis::reuse::{
    Corpus, Crosswalk, ReuseOptions, ReuseReport, Source, ThemeSet, Use, analyse,
    pan_sector_theme_sets,
};
use crate::render::matrix as render_matrix;

pub fn run(args: &AnalyseArgs) -> u8 {
    match run_inner(args) {
        Ok(()) => EXIT_OK,
        Err(message) => {
            print_error(message);
            EXIT_ERROR
        }
    }
}

fn run_inner(args: &AnalyseArgs) -> Result<(), String> {
    if args.maps.is_empty() && args.catalogue.is_none() {
        return Err("name at least one map or --catalogue CSV to analyse".into());
    }
    if args.format == AnalyseFormat::Xlsx
        && (args.what != AnalyseWhat::Matrix || args.output.is_none())
    {
        return Err(
            "--format xlsx writes the matrix to a file: use `analyse matrix … -o FILE.xlsx`".into(),
        );
    }
    if args.adopt.is_some() && (args.what != AnalyseWhat::Themes || args.crosswalk.is_none()) {
        return Err(
            "--adopt N goes with `analyse themes` and a --crosswalk file to record the theme in"
                .into(),
        );
    }
    let corpus = load_corpus(&args.maps, args.catalogue.as_deref())?;
    let crosswalk = match &args.crosswalk {
        Some(path) => crate::io::crosswalk::load_crosswalk(path).map_err(|e| e.to_string())?,
        None => Crosswalk::default(),
    };
    let themes = chosen_themes(&crosswalk, &args.themes)?;
    let bytes = match args.what {
        AnalyseWhat::Reuse => {
            let report = run_analysis(&corpus, &themes, &crosswalk, args);
            let bytes = reuse_output(&corpus, &report, args);
            // The process ends after writing: freeing tens of thousands of small strings one
            // by one would only delay the exit (a tenth of the run on the catalogue).
            std::mem::forget(report);
            bytes
        }
        AnalyseWhat::Matrix => {
            let report = run_analysis(&corpus, &themes, &crosswalk, args);
            let columns = match args.columns {
                MatrixColumns::Organisations => Columns::Organisations,
                MatrixColumns::Suites => Columns::Suites,
            };
            let rows = match args.rows {
                MatrixRows::Units => Rows::Units,
                MatrixRows::Functions => Rows::Functions,
            };
            let matrix = Matrix::build_with(&corpus, &report, rows, columns);
            match args.format {
                AnalyseFormat::Csv => matrix.to_csv().into_bytes(),
                AnalyseFormat::Html => {
                    render_matrix::html(&matrix, &matrix_title(&themes)).into_bytes()
                }
                AnalyseFormat::Xlsx => render_matrix::xlsx(&matrix, &matrix_title(&themes))?,
                AnalyseFormat::Json => json_bytes(&matrix_json(&matrix)),
                AnalyseFormat::Text => matrix_text(&matrix).into_bytes(),
            }
        }
        AnalyseWhat::Themes => {
            let candidates = candidate_themes(&corpus, &themes, &CandidateOptions::default());
            if let Some(n) = args.adopt {
                let chosen = candidates.get(n.wrapping_sub(1)).ok_or_else(|| {
                    format!(
                        "there are {} candidates; --adopt takes 1 to {}",
                        candidates.len(),
                        candidates.len()
                    )
                })?;
                let path = args.crosswalk.as_ref().expect("checked above");
                let mut updated = crosswalk.clone();
                let mut list = updated.themes.clone();
                let theme = chosen.theme_set(&corpus);
                list.retain(|t| t.id != theme.id);
                eprintln!(
                    "adopted “{}” ({} units) into {}",
                    theme.name,
                    theme.units.len(),
                    path.display()
                );
                list.push(theme);
                updated.apply(CrosswalkEdit::SetThemes(list));
                crate::io::crosswalk::save_crosswalk(&updated, path).map_err(|e| e.to_string())?;
            }
            themes_output(&corpus, &candidates, args.format)
        }
    };
    std::mem::forget(corpus);
    match &args.output {
        Some(path) => crate::io::save_bytes(path, &bytes, crate::io::SaveOptions::no_backups())
            .map_err(|e| e.to_string()),
        None => {
            use std::io::Write as _;
            let _ = std::io::stdout().lock().write_all(&bytes);
            Ok(())
        }
    }
}

/// Maps and catalogue rows, each source named by its file.
pub(crate) fn load_corpus(
    maps: &[std::path::PathBuf],
    catalogue: Option<&Path>,
) -> Result<Corpus, String> {
    let mut corpus = Corpus::new();
    for path in maps {
        let map = super::load_map(path).map_err(|e| e.to_string())?;
        corpus.add_map(&file_name(path), &map);
    }
    if let Some(path) = catalogue {
        let rows = crate::io::catalogue::load_catalogue_rows(path).map_err(|e| e.to_string())?;
        corpus.add_catalogue_rows(&file_name(path), &rows);
    }
    Ok(corpus)
}

use crate::io::folders::file_name;

fn chosen_themes(crosswalk: &Crosswalk, ids: &[String]) -> Result<Vec<ThemeSet>, String> {
    let mut all = pan_sector_theme_sets();
    for theme in &crosswalk.themes {
        all.retain(|t| t.id != theme.id);
        all.push(theme.clone());
    }
    if ids.is_empty() {
        return Ok(all);
    }
    ids.iter()
        .map(|id| {
            all.iter().find(|t| &t.id == id).cloned().ok_or_else(|| {
                format!(
                    "no theme “{id}”; the themes are: {}",
                    all.iter()
                        .map(|t| t.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
        .collect()
}

fn run_analysis(
    corpus: &Corpus,
    themes: &[ThemeSet],
    crosswalk: &Crosswalk,
    args: &AnalyseArgs,
) -> ReuseReport {
    let mut options = ReuseOptions {
        near_duplicates: !args.no_near_duplicates,
        ..ReuseOptions::default()
    };
    if let Some(threshold) = args.threshold {
        options.metadata_threshold = threshold;
    }
    analyse(corpus, themes, crosswalk, &options)
}

fn matrix_title(themes: &[ThemeSet]) -> String {
    let names: Vec<&str> = themes.iter().map(|t| t.name.as_str()).collect();
    format!(
        "Where the thematic standards are used: {}",
        names.join(", ")
    )
}

fn json_bytes(value: &Value) -> Vec<u8> {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text.into_bytes()
}

fn source_fields(corpus: &Corpus, source: &Source) -> (String, String) {
    match source {
        Source::Unit(u) => (corpus.units[*u].urn.clone(), corpus.units[*u].title.clone()),
        Source::Earlier(code) => (code.clone(), String::new()),
    }
}

fn visible<'a>(report: &'a ReuseReport, args: &AnalyseArgs) -> impl Iterator<Item = &'a Use> {
    let include = args.include_rejected;
    report.uses.iter().filter(move |u| include || !u.rejected())
}

fn reuse_output(corpus: &Corpus, report: &ReuseReport, args: &AnalyseArgs) -> Vec<u8> {
    match args.format {
        AnalyseFormat::Json => {
            let uses: Vec<Value> = visible(report, args)
                .map(|u| use_json(corpus, report, u))
                .collect();
            json_bytes(&json!({
                "themes": report.themes.iter().zip(&report.members).map(|(t, m)| json!({
                    "id": t.id, "name": t.name, "units": m.len(),
                })).collect::<Vec<_>>(),
                "uses": uses,
                "conflicting_titles": report.conflicting_titles.iter().map(|(a, b)| json!({
                    "unit": corpus.units[*a].label(), "row": corpus.describe_place(*b),
                    "title": corpus.units[*b].title,
                })).collect::<Vec<_>>(),
            }))
        }
        AnalyseFormat::Csv | AnalyseFormat::Html | AnalyseFormat::Xlsx => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let _ = writer.write_record([
                "theme",
                "mechanism",
                "source_urn",
                "source_title",
                "using_urn",
                "using_title",
                "using_developer",
                "using_suite",
                "status",
                "score",
                "decision",
                "evidence",
                "shared_terms",
                "where",
            ]);
            for u in visible(report, args) {
                let (urn, title) = source_fields(corpus, &u.source);
                let using = &corpus.units[u.using];
                let status = using.status.map(|s| s.label()).unwrap_or("");
                let _ = writer.write_record([
                    report.themes[u.theme].id.as_str(),
                    u.mechanism.key(),
                    &cell(&urn),
                    &cell(&title),
                    &cell(&using.urn),
                    &cell(&using.title),
                    &cell(&using.developer),
                    &cell(&u.suite.clone().unwrap_or_else(|| using.suites.join("; "))),
                    status,
                    &format!("{:.3}", u.score),
                    u.decision.as_ref().map_or("", |d| d.relation.key()),
                    &cell(&u.evidence.summary),
                    &u.evidence.shared_terms.join(" "),
                    &cell(&corpus.describe_place(u.using)),
                ]);
            }
            writer.into_inner().unwrap_or_default()
        }
        AnalyseFormat::Text => {
            let mut text = String::new();
            for (t, theme) in report.themes.iter().enumerate() {
                let uses: Vec<&Use> = visible(report, args).filter(|u| u.theme == t).collect();
                text.push_str(&format!(
                    "{}: {} units, {} uses\n",
                    theme.name,
                    report.members[t].len(),
                    uses.len()
                ));
                for u in uses {
                    let using = &corpus.units[u.using];
                    let target = match &u.suite {
                        Some(suite) => format!("suite “{suite}”"),
                        None => using.label(),
                    };
                    text.push_str(&format!(
                        "  {:<15} {} → {}{}\n      {}\n",
                        u.mechanism.key(),
                        report.source_label(corpus, &u.source),
                        target,
                        u.decision
                            .as_ref()
                            .map(|d| format!(" [{}]", d.relation.label()))
                            .unwrap_or_default(),
                        u.evidence.summary
                    ));
                }
            }
            if !report.conflicting_titles.is_empty() {
                text.push_str(&format!(
                    "{} rows carry a thematic unit's URN with another title (data errors, not counted)\n",
                    report.conflicting_titles.len()
                ));
            }
            super::printable(&text).into_owned().into_bytes()
        }
    }
}

/// A cell a spreadsheet shows as text, never as a formula (the CSV export's own rule).
fn cell(text: &str) -> String {
    crate::io::table::spreadsheet_safe(text).into_owned()
}

fn use_json(corpus: &Corpus, report: &ReuseReport, u: &Use) -> Value {
    let (urn, title) = source_fields(corpus, &u.source);
    let using = &corpus.units[u.using];
    json!({
        "theme": report.themes[u.theme].id,
        "mechanism": u.mechanism.key(),
        "source": { "urn": urn, "title": title },
        "using": {
            "urn": using.urn, "title": using.title, "developer": using.developer,
            "suites": using.suites, "where": corpus.describe_place(u.using),
            "status": using.status.map(|s| s.label()),
        },
        "suite": u.suite,
        "cited": u.cited,
        "tailored": u.tailored,
        "score": u.score,
        "organisation": report.organisation(corpus, u),
        "evidence": {
            "summary": u.evidence.summary,
            "shared_terms": u.evidence.shared_terms,
            "statements": u.evidence.statements.iter().map(|s| json!({
                "source": [s.source.0, s.source.1], "using": [s.using.0, s.using.1], "score": s.score,
            })).collect::<Vec<_>>(),
        },
        "decision": u.decision.as_ref().map(|d| json!({
            "relation": d.relation.key(), "note": d.note, "by": d.by,
            "date": d.date.map(|x| x.to_string()),
        })),
    })
}

fn matrix_json(matrix: &Matrix) -> Value {
    json!({
        "columns": matrix.columns,
        "rows": matrix.rows.iter().enumerate().map(|(r, row)| json!({
            "theme": row.theme, "urn": row.urn, "title": row.title,
            "cells": matrix.cells[r].iter().map(|c| c.counts).collect::<Vec<_>>(),
            "total": matrix.row_total(r),
        })).collect::<Vec<_>>(),
        "mechanisms": ["same-urn", "original-urn", "same-title", "near-duplicate"],
        "unused_columns": matrix.unused_columns(),
    })
}

fn matrix_text(matrix: &Matrix) -> String {
    let mut text = String::new();
    let used: Vec<usize> = (0..matrix.columns.len())
        .filter(|&c| matrix.column_total(c) > 0)
        .collect();
    for (r, row) in matrix.rows.iter().enumerate() {
        let total = matrix.row_total(r);
        text.push_str(&format!(
            "{} {} — {}: {total} uses",
            row.theme, row.urn, row.title
        ));
        let cells: Vec<String> = used
            .iter()
            .filter(|&&c| matrix.cells[r][c].total() > 0)
            .map(|&c| format!("{} {}", matrix.columns[c], matrix.cells[r][c].text()))
            .collect();
        if !cells.is_empty() {
            text.push_str(&format!(" — {}", cells.join("; ")));
        }
        text.push('\n');
    }
    let unused = matrix.unused_columns();
    if !unused.is_empty() {
        text.push_str(&format!("No use at all: {}\n", unused.join(", ")));
    }
    super::printable(&text).into_owned()
}

fn themes_output(
    corpus: &Corpus,
    candidates: &[crate::analysis::reuse::candidates::Candidate],
    format: AnalyseFormat,
) -> Vec<u8> {
    match format {
        AnalyseFormat::Json => json_bytes(&Value::Array(
            candidates
                .iter()
                .map(|c| json!({
                    "name": c.name,
                    "terms": c.terms,
                    "units": c.units.iter().map(|&u| corpus.units[u].label()).collect::<Vec<_>>(),
                    "organisations": c.organisations.iter().map(|(o, n)| json!({"organisation": o, "units": n})).collect::<Vec<_>>(),
                }))
                .collect(),
        )),
        AnalyseFormat::Csv | AnalyseFormat::Html | AnalyseFormat::Xlsx => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            let _ = writer.write_record(["candidate", "name", "terms", "units", "organisations", "per_organisation"]);
            for (i, c) in candidates.iter().enumerate() {
                let per: Vec<String> = c.organisations.iter().map(|(o, n)| format!("{o}: {n}")).collect();
                let _ = writer.write_record([
                    (i + 1).to_string(),
                    cell(&c.name),
                    c.terms.join("; "),
                    c.units.len().to_string(),
                    c.organisations.len().to_string(),
                    cell(&per.join("; ")),
                ]);
            }
            writer.into_inner().unwrap_or_default()
        }
        AnalyseFormat::Text => {
            let mut text = String::new();
            for (i, c) in candidates.iter().enumerate() {
                let top: Vec<String> = c
                    .organisations
                    .iter()
                    .take(6)
                    .map(|(o, n)| format!("{o} {n}"))
                    .collect();
                text.push_str(&format!(
                    "{}. {} — {} units in {} organisations (terms: {})\n   {}\n",
                    i + 1,
                    c.name,
                    c.units.len(),
                    c.organisations.len(),
                    c.terms.join(", "),
                    top.join(", ")
                ));
            }
            super::printable(&text).into_owned().into_bytes()
        }
    }
}
