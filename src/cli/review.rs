//! `nosmap review-pack`, `review-import`, `review-matrix` and `review-report`: the public
//! review of a draft map from the command line.

use std::path::Path;

use super::args::{
    MatrixFormat, ReportFormat, ReviewImportArgs, ReviewMatrixArgs, ReviewPackArgs,
    ReviewReportArgs,
};
use super::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, load_map, print_error};
use crate::edit::Document;
use crate::io::{SaveOptions, folders, save_bytes};
use crate::review::{import, matrix, pack, report};

/// Writes the pack's files into the folder; an existing file is refused without --force.
pub fn run_pack(args: &ReviewPackArgs) -> u8 {
    let map = match load_map(&args.file) {
        Ok(map) => map,
        Err(error) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    let branch = match super::export::branch_of(&map, &args.file, args.branch.as_deref()) {
        Ok(branch) => branch,
        Err(message) => {
            print_error(message);
            return EXIT_ERROR;
        }
    };
    let files = match pack::review_pack(&map, branch) {
        Ok(files) => files,
        Err(message) => {
            print_error(message);
            return EXIT_ERROR;
        }
    };
    if folders::file_exists(&args.output) {
        print_error(format!(
            "{} is a file; the pack is written into a folder",
            args.output.display()
        ));
        return EXIT_ERROR;
    }
    if let Err(error) = std::fs::create_dir_all(&args.output) {
        print_error(format!("cannot make {}: {error}", args.output.display()));
        return EXIT_ERROR;
    }
    let paths: Vec<_> = files.iter().map(|f| args.output.join(&f.name)).collect();
    if !args.force
        && let Some(existing) = paths.iter().find(|p| folders::path_exists(p))
    {
        print_error(format!(
            "{} already exists; use --force to overwrite it",
            existing.display()
        ));
        return EXIT_ERROR;
    }
    for (file, path) in files.iter().zip(&paths) {
        if let Err(error) = save_bytes(path, &file.bytes, SaveOptions::no_backups()) {
            print_error(error);
            return EXIT_ERROR;
        }
        out!("wrote {} ({} bytes)", path.display(), file.bytes.len());
    }
    EXIT_OK
}

/// Reads the forms, adds their comments as one step and writes the map (over FILE, keeping
/// backups, or to -o). Exit 1 when any row could not be placed.
pub fn run_import(args: &ReviewImportArgs) -> u8 {
    let map = match load_map(&args.file) {
        Ok(map) => map,
        Err(error) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    let mut forms = Vec::new();
    for path in &args.forms {
        match read_form(path) {
            Ok(bytes) => forms.push((folders::file_name(path), bytes)),
            Err(message) => {
                print_error(message);
                return EXIT_ERROR;
            }
        }
    }
    let imported = import::import_forms(&map, &forms);
    for report in &imported.reports {
        out!("{}", report.summary());
    }
    let unplaced = imported.reports.iter().any(|r| !r.unplaced.is_empty());
    let code = if unplaced { EXIT_FINDINGS } else { EXIT_OK };
    if args.dry_run || imported.edits.is_empty() {
        if imported.edits.is_empty() {
            out!("nothing new: the map is unchanged");
        }
        return code;
    }
    let mut doc = Document::new(map);
    let applied = doc.transact("Import review comments", |doc| {
        for edit in imported.edits.clone() {
            doc.apply("Import review comments", edit)?;
        }
        Ok(())
    });
    if let Err(error) = applied {
        print_error(format!("cannot add the comments: {error}"));
        return EXIT_ERROR;
    }
    let target = args.output.as_deref().unwrap_or(&args.file);
    // Writing over the map is the point; not while someone has it open in the editor.
    let _lock = if args.output.is_none() || folders::same_file(target, &args.file) {
        match super::lock_for_writing(target) {
            Some(lock) => Some(lock),
            None => return EXIT_ERROR,
        }
    } else {
        None
    };
    if let Err(error) = crate::io::save(doc.map(), target) {
        print_error(error);
        return EXIT_ERROR;
    }
    out!(
        "added {} comments to {}",
        imported.taken(),
        target.display()
    );
    code
}

/// A form's bytes; a form larger than any real one (64 MiB) is refused rather than read.
fn read_form(path: &Path) -> Result<Vec<u8>, String> {
    const LARGEST: u64 = 64 << 20;
    let metadata =
        std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !metadata.is_file() {
        return Err(format!("{} is not a file", path.display()));
    }
    if metadata.len() > LARGEST {
        return Err(format!(
            "{} is {} MB; a comment form is never that large",
            path.display(),
            metadata.len() >> 20
        ));
    }
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn run_matrix(args: &ReviewMatrixArgs) -> u8 {
    let map = match load_map(&args.file) {
        Ok(map) => map,
        Err(error) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    if let Some(message) = refuse_output(&args.output, &args.file, args.force) {
        print_error(message);
        return EXIT_ERROR;
    }
    let html = match args.format {
        Some(format) => format == MatrixFormat::Html,
        None => {
            let name = args.output.to_string_lossy().to_lowercase();
            name.ends_with(".html") || name.ends_with(".htm")
        }
    };
    let bytes = if html {
        Ok(matrix::matrix_html(&map).into_bytes())
    } else {
        matrix::matrix_xlsx(&map)
    };
    match bytes.and_then(|bytes| {
        save_bytes(&args.output, &bytes, SaveOptions::no_backups()).map_err(|e| e.to_string())
    }) {
        Ok(()) => {
            out!("wrote {}", args.output.display());
            EXIT_OK
        }
        Err(message) => {
            print_error(message);
            EXIT_ERROR
        }
    }
}

pub fn run_report(args: &ReviewReportArgs) -> u8 {
    let map = match load_map(&args.file) {
        Ok(map) => map,
        Err(error) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    let draft = match args.draft.as_deref().map(load_map).transpose() {
        Ok(draft) => draft,
        Err(error) => {
            print_error(error);
            return EXIT_ERROR;
        }
    };
    let text = match args.format {
        ReportFormat::Html => report::report_html(&map, draft.as_ref()),
        ReportFormat::Md => report::report_markdown(&map, draft.as_ref()),
    };
    match &args.output {
        Some(path) => {
            if folders::same_file(path, &args.file) {
                print_error(format!("{} is the map itself", path.display()));
                return EXIT_ERROR;
            }
            if let Err(error) = save_bytes(path, text.as_bytes(), SaveOptions::no_backups()) {
                print_error(error);
                return EXIT_ERROR;
            }
        }
        None => {
            use std::io::Write as _;
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
    }
    EXIT_OK
}

/// Why an output must not be written: it is the map, or exists without --force.
fn refuse_output(output: &Path, map: &Path, force: bool) -> Option<String> {
    if folders::same_file(output, map) {
        return Some(format!("{} is the map itself", output.display()));
    }
    (folders::path_exists(output) && !force).then(|| {
        format!(
            "{} already exists; use --force to overwrite it",
            output.display()
        )
    })
}
