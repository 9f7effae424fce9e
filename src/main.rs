//! The `nosmap` binary: parse arguments, then hand over to the CLI or the editor.

use std::process::ExitCode;

use clap::Parser as _;
use nosmap::cli::{Cli, EXIT_ERROR, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => open_editor(cli.files, cli.references),
    }
}

#[cfg(feature = "gui")]
fn open_editor(files: Vec<std::path::PathBuf>, references: Vec<std::path::PathBuf>) -> ExitCode {
    match nosmap::app::run(files, references) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_editor(_files: Vec<std::path::PathBuf>, _references: Vec<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "error: this nosmap was built without the editor (the `gui` feature); use a subcommand such as `nosmap info FILE`, or rebuild with default features"
    );
    ExitCode::from(EXIT_ERROR)
}
