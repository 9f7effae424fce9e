//! `nosmap import-text FILE... (--into MAP --under CODE|URN | -o NEW)`: published NOS saved as
//! text, read into units (io::nos_text), said unit by unit — what went where, how dates were
//! read, what was left over — then added as one step to a map or written as a new one.

use std::path::Path;

use super::args::ImportTextArgs;
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, print_error};
use crate::edit::Document;
use crate::io::nos_text::{self, PastedUnit};
use crate::model::NodeKind;

pub fn run(args: &ImportTextArgs) -> u8 {
    if let Some(output) = &args.output
        && !args.dry_run
        && crate::io::folders::path_exists(output)
        && !args.force
    {
        print_error(format!(
            "{} already exists; use --force to overwrite it",
            output.display()
        ));
        return EXIT_ERROR;
    }
    let mut units: Vec<PastedUnit> = Vec::new();
    let mut left_over = false;
    for file in &args.files {
        let text = match crate::io::read_text(file) {
            Ok(text) => text,
            Err(error) => {
                print_error(error);
                return EXIT_ERROR;
            }
        };
        let pasted = nos_text::read(&text);
        if pasted.units.is_empty() {
            print_error(format!(
                "{}: no NOS unit found (nosmap looks for an “Overview” or “Performance criteria” heading, with the URN and title just before it)",
                file.display()
            ));
            return EXIT_ERROR;
        }
        report(file, &pasted);
        left_over |= !pasted.all_leftover().is_empty();
        units.extend(pasted.units);
    }
    let code = if left_over { EXIT_FINDINGS } else { EXIT_OK };
    let written = match (&args.into, &args.output) {
        (Some(map_path), _) => add_to(
            map_path,
            args.under.as_deref().unwrap_or(""),
            &units,
            args.dry_run,
        ),
        (None, Some(output)) => write_new(output, &units, args.dry_run),
        (None, None) => Err("say where the units go: --into MAP --under CODE, or -o NEW".into()),
    };
    match written {
        Ok(()) => code,
        Err(message) => {
            print_error(message);
            EXIT_ERROR
        }
    }
}

/// What went where, per unit, and what was left over, with line numbers.
fn report(file: &Path, pasted: &nos_text::PastedText) {
    for leftover in &pasted.before {
        out!(
            "{}:{}: left over: {}",
            file.display(),
            leftover.line,
            leftover.text
        );
    }
    for unit in &pasted.units {
        out!("{}:{}: {}", file.display(), unit.line, unit.name());
        for line in unit.summary() {
            out!("  {line}");
        }
        for note in &unit.notes {
            out!("  note: {note}");
        }
        for leftover in &unit.leftover {
            out!(
                "  left over (line {}): {}",
                leftover.line,
                leftover.text.replace('\n', " / ")
            );
        }
    }
}

fn add_to(map_path: &Path, under: &str, units: &[PastedUnit], dry_run: bool) -> Result<(), String> {
    let map = crate::io::load(map_path).map_err(|e| e.to_string())?;
    let parent = super::export::branch_of(&map, map_path, Some(under))?
        .ok_or_else(|| "--under names no node".to_string())?;
    if map.node(parent).map(|n| n.kind()) == Some(NodeKind::Unit) {
        return Err(format!(
            "{}: {under:?} is a unit; units go under a function or the key purpose",
            map_path.display()
        ));
    }
    let pasted = nos_text::PastedText {
        units: units.to_vec(),
        before: Vec::new(),
    };
    for clash in pasted.clashes(&map) {
        out!("warning: {clash}");
    }
    let index = map.children(parent).len();
    let edits = nos_text::add_edits(&map, units, parent, index);
    let mut doc = Document::new(map);
    doc.transact("Paste NOS", |doc| {
        for edit in edits {
            doc.apply("Paste NOS", edit)?;
        }
        Ok(())
    })
    .map_err(|e| format!("cannot add the units: {e}"))?;
    if dry_run {
        out!("dry run: {} not changed", map_path.display());
        return Ok(());
    }
    let Some(_lock) = super::lock_for_writing(map_path) else {
        return Err(format!("{} not changed", map_path.display()));
    };
    crate::io::save(doc.map(), map_path).map_err(|e| e.to_string())?;
    out!(
        "added {} unit{} under {} in {}",
        units.len(),
        if units.len() == 1 { "" } else { "s" },
        super::info::node_line(doc.map(), parent),
        map_path.display()
    );
    Ok(())
}

fn write_new(output: &Path, units: &[PastedUnit], dry_run: bool) -> Result<(), String> {
    let map = nos_text::new_map(units)?;
    if dry_run {
        out!("dry run: {} not written", output.display());
        return Ok(());
    }
    crate::io::save(&map, output).map_err(|e| e.to_string())?;
    out!(
        "wrote {} ({} nodes, {} units)",
        output.display(),
        map.len(),
        map.units().count()
    );
    Ok(())
}
