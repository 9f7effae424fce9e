//! The `nosmap` binary: parse arguments, then hand over to the CLI or the editor.

use std::process::ExitCode;

use clap::Parser as _;
use nosmap::cli::{Cli, EXIT_ERROR, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => open_editor(cli.file),
    }
}

#[cfg(feature = "gui")]
fn open_editor(file: Option<std::path::PathBuf>) -> ExitCode {
    match nosmap::app::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_editor(_file: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "error: this nosmap was built without the editor (the `gui` feature); use a subcommand such as `nosmap info FILE`, or rebuild with default features"
    );
    ExitCode::from(EXIT_ERROR)
}
