//! The headless command line. Never imports `app` or egui.
//!
//! Exit codes follow ripgrep: 0 success, 1 findings (e.g. `fmt --check` found files to change),
//! 2 an error (unreadable input, unwritable output).

/// Prints a line on stdout. A closed pipe (`nosmap check … | head`) ends the output quietly
/// instead of panicking, as command-line tools do.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let text = format!($($arg)*);
        let _ = writeln!(std::io::stdout().lock(), "{}", $crate::cli::printable(&text));
    }};
}

mod analyse;
mod args;
mod check;
mod export;
mod fmt;
mod import;
mod import_text;
mod info;
mod new;
mod review;
mod uses;
mod versions;
mod workshop_report;

use std::process::ExitCode;

pub use args::{Cli, Command};

/// Success.
pub const EXIT_OK: u8 = 0;
/// The command ran and found something (a file to reformat…).
pub const EXIT_FINDINGS: u8 = 1;
/// The command could not do its job.
pub const EXIT_ERROR: u8 = 2;

/// Runs a subcommand, printing results to stdout and problems to stderr.
pub fn run(command: Command) -> ExitCode {
    let code = match command {
        Command::Info(args) => info::run(&args),
        Command::New(args) => new::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Export(args) => export::run(&args),
        Command::ImportCsv(args) => import::run_csv(&args),
        Command::ImportOpml(args) => import::run_opml(&args),
        Command::ImportFreeplane(args) => import::run_freeplane(&args),
        Command::ImportCase(args) => import::run_case(&args),
        Command::ImportCatalogue(args) => import::run_catalogue(&args),
        Command::ImportText(args) => import_text::run(&args),
        Command::Analyse(args) => analyse::run(&args),
        Command::Diff(args) => versions::run_diff(&args),
        Command::Merge(args) => versions::run_merge(&args),
        Command::Uses(args) => uses::run(&args),
        Command::ReviewPack(args) => review::run_pack(&args),
        Command::ReviewImport(args) => review::run_import(&args),
        Command::ReviewMatrix(args) => review::run_matrix(&args),
        Command::ReviewReport(args) => review::run_report(&args),
        Command::WorkshopReport(args) => workshop_report::run(&args),
    };
    ExitCode::from(code)
}

/// Reads a map file, printing a note for anything set aside while reading it (an annotation
/// naming a node or statement that is not in the map).
fn load_map(path: &std::path::Path) -> Result<crate::model::FunctionalMap, crate::io::LoadError> {
    let opened = crate::io::open(path)?;
    print_notes(path, &opened.notes);
    Ok(opened.map)
}

fn print_notes(path: &std::path::Path, notes: &[String]) {
    for note in notes {
        eprintln!(
            "note: {}",
            printable(&format!("{}: {note}", path.display()))
        );
    }
}

/// Text from a map as a terminal should get it: control characters other than newline and tab
/// (an escape sequence in a title could retitle the terminal or clear it) are shown as `\u{1b}`.
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let is_control = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if is_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Prints an error the way every subcommand does.
fn print_error(message: impl std::fmt::Display) {
    eprintln!("error: {}", printable(&message.to_string()));
}

/// A command that writes one document: what it wrote on stdout and exit 0, or why not and exit 2.
fn wrote(result: Result<String, String>) -> u8 {
    match result {
        Ok(message) => {
            out!("{message}");
            EXIT_OK
        }
        Err(message) => {
            print_error(message);
            EXIT_ERROR
        }
    }
}

/// The lock of a map about to be written over, so the command never writes under an editor that
/// has it open; a lock left by a nosmap no longer running is taken over, as the editor does.
/// `None` (said on stderr) when it cannot be had.
pub(super) fn lock_for_writing(target: &std::path::Path) -> Option<crate::io::lock::FileLock> {
    use crate::io::lock::{LockError, acquire, take_over};
    match acquire(target) {
        Ok(lock) => Some(lock),
        Err(LockError::Held { stale: true, .. }) => take_over(target).map_err(print_error).ok(),
        Err(LockError::Held { owner, .. }) => {
            print_error(format!(
                "{} is open in nosmap (by {} on {}, process {}); close it there or write elsewhere with -o",
                target.display(),
                owner.user,
                owner.host,
                owner.pid
            ));
            None
        }
        Err(LockError::Io(error)) => {
            print_error(error);
            None
        }
    }
}
