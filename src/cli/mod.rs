//! The command line: clap definitions and the subcommands, all calling the
//! same domain code as the TUI.

pub mod args;
mod build;
mod check;
mod list;
mod table;

pub use args::{Cli, Command};

use crate::catalog::{Catalog, parse_catalog};
use anyhow::Context;
use clap::{CommandFactory, Parser};
use std::path::Path;
use std::process::ExitCode;

/// Exit code for success (and `check` found nothing wrong).
pub const EXIT_OK: u8 = 0;
/// Exit code when `check` found problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code for usage errors and bad input (unknown name, unreadable file).
pub const EXIT_ERROR: u8 = 2;

/// Parses the arguments, runs the command and returns the exit code. Errors
/// are printed as one line, `error: ...`, on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("error: {}", one_line(&err));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The error and its causes joined on one line.
fn one_line(err: &anyhow::Error) -> String {
    err.chain().map(ToString::to_string).collect::<Vec<_>>().join(": ")
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    if let Some(Command::ServeClipboard) = cli.command {
        return Ok(crate::clipboard::serve_selection());
    }
    let catalog = load_catalog(cli.catalog.as_deref())?;
    match cli.command {
        Some(Command::List(args)) => list::run(&catalog, &args),
        Some(Command::Build(args)) => build::run(&catalog, &args, cli.clipboard),
        Some(Command::Check(args)) => check::run(&catalog, &args, cli.clipboard),
        Some(Command::ServeClipboard) => unreachable!("handled above"),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "scopepick",
                &mut std::io::stdout(),
            );
            Ok(EXIT_OK)
        }
        None => crate::tui::run(catalog, &cli.tui, cli.clipboard),
    }
}

/// Copies `text` for a CLI command and reports the outcome on stderr; the
/// text itself is already on stdout, so nothing is lost when copying fails.
fn copy_and_report(choice: crate::clipboard::ClipboardChoice, text: &str) {
    use crate::clipboard::{Clipboard, Copier};
    match Copier::new(choice).copy(text) {
        Ok(message) => eprintln!("{message}"),
        Err(message) => eprintln!("warning: {message}; the string is on stdout"),
    }
}

/// The catalog from `--catalog FILE`, or the embedded Intrexx catalog.
fn load_catalog(path: Option<&Path>) -> anyhow::Result<Catalog> {
    let Some(path) = path else { return Ok(Catalog::embedded()) };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read catalog {}", path.display()))?;
    Ok(parse_catalog(&text, &path.display().to_string())?)
}
