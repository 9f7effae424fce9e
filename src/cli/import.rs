//! `nosmap import-csv FILE -o MAP [--level COLUMN… --field FIELD=COLUMN…]` and
//! `nosmap import-catalogue CSV -o MAP`.

use std::path::Path;

use super::args::{ImportCatalogueArgs, ImportCsvArgs, ImportOpmlArgs};
use super::{EXIT_ERROR, EXIT_OK, print_error};
use crate::io::table::{ColumnMapping, from_csv, from_mapped_csv};
use crate::model::FunctionalMap;

/// The spreadsheet's text, unless the output exists (without --force) or the input cannot be
/// read; both are reported.
fn read_input(input: &Path, output: &Path, force: bool) -> Option<String> {
    if refused_output(output, force) {
        return None;
    }
    crate::io::read_text(input).map_err(print_error).ok()
}

/// True (and said) when the output exists and --force was not given.
fn refused_output(output: &Path, force: bool) -> bool {
    let refused = crate::io::folders::path_exists(output) && !force;
    if refused {
        print_error(format!(
            "{} already exists; use --force to overwrite it",
            output.display()
        ));
    }
    refused
}

fn write(map: &FunctionalMap, output: &Path) -> u8 {
    match crate::io::save(map, output) {
        Ok(()) => {
            out!(
                "wrote {} ({} nodes, {} units)",
                output.display(),
                map.len(),
                map.units().count()
            );
            EXIT_OK
        }
        Err(error) => {
            print_error(error);
            EXIT_ERROR
        }
    }
}

pub fn run_csv(args: &ImportCsvArgs) -> u8 {
    let mapped = !args.levels.is_empty() || !args.fields.is_empty();
    if crate::io::table::xlsx::is_workbook(&args.file) {
        if mapped {
            print_error(format!(
                "{}: --level and --field read CSV files; save the sheet as CSV (UTF-8) first",
                args.file.display()
            ));
            return EXIT_ERROR;
        }
        if refused_output(&args.output, args.force) {
            return EXIT_ERROR;
        }
        return match crate::io::table::xlsx::load_xlsx(&args.file) {
            Ok(map) => write(&map, &args.output),
            Err(error) => {
                print_error(error);
                EXIT_ERROR
            }
        };
    }
    let Some(text) = read_input(&args.file, &args.output, args.force) else {
        return EXIT_ERROR;
    };
    let map = if mapped {
        let mut fields = Vec::new();
        for pair in &args.fields {
            let Some((field, column)) = pair.split_once('=') else {
                print_error(format!(
                    "--field {pair}: write it as FIELD=COLUMN, e.g. urn=Code"
                ));
                return EXIT_ERROR;
            };
            fields.push((field.trim().to_string(), column.trim().to_string()));
        }
        let mapping = ColumnMapping {
            key_purpose: args.key_purpose.clone(),
            levels: args.levels.clone(),
            fields,
        };
        match from_mapped_csv(&text, &args.file, &mapping) {
            Ok((map, report)) => {
                out!(
                    "{} rows: {} units created, {} rows merged into a unit by URN, {} skipped",
                    report.rows_in,
                    report.units_created,
                    report.merged_rows,
                    report.skipped.len()
                );
                for (line, reason) in &report.skipped {
                    out!("skipped line {line}: {reason}");
                }
                map
            }
            Err(error) => {
                print_error(error);
                return EXIT_ERROR;
            }
        }
    } else {
        match from_csv(&text, &args.file) {
            Ok(map) => map,
            Err(error) => {
                print_error(error);
                return EXIT_ERROR;
            }
        }
    };
    write(&map, &args.output)
}

pub fn run_opml(args: &ImportOpmlArgs) -> u8 {
    read_with(args, crate::io::opml::from_opml)
}

pub fn run_freeplane(args: &ImportOpmlArgs) -> u8 {
    read_with(args, crate::io::freeplane::from_mm)
}

pub fn run_case(args: &ImportOpmlArgs) -> u8 {
    read_with(args, crate::io::case::from_case)
}

/// Reads FILE with `reader` and writes the map to -o (refusing an existing one without --force).
fn read_with(
    args: &ImportOpmlArgs,
    reader: fn(&str, &Path) -> Result<FunctionalMap, crate::io::LoadError>,
) -> u8 {
    let Some(text) = read_input(&args.file, &args.output, args.force) else {
        return EXIT_ERROR;
    };
    match reader(&text, &args.file) {
        Ok(map) => write(&map, &args.output),
        Err(error) => {
            print_error(error);
            EXIT_ERROR
        }
    }
}

pub fn run_catalogue(args: &ImportCatalogueArgs) -> u8 {
    let Some(text) = read_input(&args.file, &args.output, args.force) else {
        return EXIT_ERROR;
    };
    match crate::io::catalogue::import_catalogue(&text, &args.file) {
        Ok((map, report)) => {
            out!("{report}");
            if !report.accounts_for_every_row() {
                print_error("the report does not account for every row (a bug)");
                return EXIT_ERROR;
            }
            write(&map, &args.output)
        }
        Err(error) => {
            print_error(error);
            EXIT_ERROR
        }
    }
}
