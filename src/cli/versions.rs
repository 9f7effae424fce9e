//! `nosmap diff OLD NEW [--format text|json|html|md] [-o FILE]` and
//! `nosmap merge BASE OURS THEIRS [-o OUT]` (also git's merge driver).

use std::path::Path;

use super::args::{DiffArgs, DiffFormat, MergeArgs};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, load_map, print_error};
use crate::analysis::versions::{compare, merge, report};

/// Exit 0 when the maps say the same, 1 when they differ, 2 on an error.
pub fn run_diff(args: &DiffArgs) -> u8 {
    let (old, new) = match (load_map(&args.old), load_map(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(error), _) | (_, Err(error)) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    let comparison = compare(&old, &new);
    let text = match args.format {
        DiffFormat::Text => report::to_text(&old, &new, &comparison),
        DiffFormat::Md => report::to_markdown(&old, &new, &comparison),
        DiffFormat::Html => report::to_html(&old, &new, &comparison),
        DiffFormat::Json => report::to_json(&old, &new, &comparison),
    };
    if let Err(message) = write(args.output.as_deref(), text.as_bytes()) {
        print_error(message);
        return EXIT_ERROR;
    }
    if comparison.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    }
}

/// Writes the merged map (to OURS under git, which passes `-o %A`). Exit 1 while conflicts
/// remain: each is listed, kept as ours, and recorded in the map for the editor to settle.
pub fn run_merge(args: &MergeArgs) -> u8 {
    let loaded = [&args.base, &args.ours, &args.theirs].map(|p| load_map(p));
    let [Ok(base), Ok(ours), Ok(theirs)] = loaded else {
        for error in loaded.into_iter().filter_map(Result::err) {
            print_error(error);
        }
        return EXIT_ERROR;
    };
    let merged = match merge(&base, &ours, &theirs) {
        Ok(merged) => merged,
        Err(error) => {
            print_error(format!("cannot merge: {error}"));
            return EXIT_ERROR;
        }
    };
    let text = match crate::io::to_string(&merged.map) {
        Ok(text) => text,
        Err(message) => {
            print_error(format!("cannot encode the merged map: {message}"));
            return EXIT_ERROR;
        }
    };
    let output = args.output.as_deref().unwrap_or(&args.ours);
    if let Err(message) = write(Some(output), text.as_bytes()) {
        print_error(message);
        return EXIT_ERROR;
    }
    for conflict in &merged.conflicts {
        let place = merged.map.describe_location(&conflict.location);
        eprintln!(
            "conflict: {}: both changed {}; kept ours {}, theirs was {}",
            super::printable(&place),
            conflict.what,
            quoted(&conflict.ours),
            quoted(&conflict.theirs)
        );
    }
    let name = output.display();
    if merged.conflicts.is_empty() {
        out!("merged into {name}: took {} of their changes", merged.taken);
        EXIT_OK
    } else {
        out!(
            "merged into {name}: took {} of their changes; {} conflicts kept ours",
            merged.taken,
            merged.conflicts.len()
        );
        EXIT_FINDINGS
    }
}

fn quoted(text: &str) -> String {
    const LONGEST: usize = 60;
    let one_line = text.replace('\n', " / ");
    if one_line.chars().count() <= LONGEST {
        return format!("“{one_line}”");
    }
    let cut: String = one_line.chars().take(LONGEST).collect();
    format!("“{}…”", cut.trim_end())
}

fn write(path: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
    match path {
        Some(path) => crate::io::save_bytes(path, bytes, crate::io::SaveOptions::no_backups())
            .map_err(|e| e.to_string()),
        None => {
            use std::io::Write as _;
            let _ = std::io::stdout().lock().write_all(bytes);
            Ok(())
        }
    }
}
