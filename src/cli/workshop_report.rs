//! `nosmap workshop-report MAP -o FILE [--date YYYY-MM-DD]`: the "Workshop decisions" report of
//! a session of the map's workshop log (render::workshop), by default the latest, in the format
//! -o's extension names.

use super::args::WorkshopReportArgs;
use crate::render::workshop::{self, WorkshopFormat};
use crate::walkthrough::log::sessions;

pub fn run(args: &WorkshopReportArgs) -> u8 {
    super::wrote(written(args))
}

fn written(args: &WorkshopReportArgs) -> Result<String, String> {
    let format = WorkshopFormat::of_path(&args.output).ok_or_else(|| {
        format!(
            "{}: write a {} file",
            args.output.display(),
            WorkshopFormat::extensions_in_words()
        )
    })?;
    if crate::io::folders::same_file(&args.output, &args.file) {
        return Err(format!("{} is the map itself", args.output.display()));
    }
    if crate::io::folders::path_exists(&args.output) && !args.force {
        return Err(format!(
            "{} already exists; use --force to overwrite it",
            args.output.display()
        ));
    }
    let map = crate::io::load(&args.file).map_err(|e| e.to_string())?;
    let log = sessions(&map);
    if log.is_empty() {
        return Err(format!(
            "{} has no workshop log: nothing was captured while presenting",
            args.file.display()
        ));
    }
    let index = workshop::session_for(&map, args.date).ok_or_else(|| {
        let mut held: Vec<String> = log
            .iter()
            .map(|s| {
                s.date
                    .map_or_else(|| "undated".to_string(), |d| d.to_string())
            })
            .collect();
        held.dedup();
        let asked = args
            .date
            .map_or_else(|| "that day".to_string(), |d| d.to_string());
        format!(
            "{}: no workshop session on {asked}; the log has sessions on {}",
            args.file.display(),
            held.join(", ")
        )
    })?;
    let mut report = workshop::build(&map, index)
        .ok_or_else(|| format!("{}: the session could not be read", args.file.display()))?;
    report.written = crate::io::today();
    let bytes = workshop::write(&report, format)?;
    crate::io::save_bytes(&args.output, &bytes, crate::io::SaveOptions::no_backups())
        .map_err(|e| e.to_string())?;
    Ok(format!(
        "wrote {} (workshop decisions of {}, {} bytes)",
        args.output.display(),
        report.session_title,
        bytes.len()
    ))
}
