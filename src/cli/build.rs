//! `scopepick build`.

use super::EXIT_OK;
use super::args::BuildArgs;
use super::pick::{mode_and_style, picked, saved_selection};
use crate::catalog::Catalog;
use crate::clipboard::ClipboardChoice;
use crate::scope::{Diagnostic, Severity, build};

pub(super) fn run(
    catalog: &Catalog,
    args: &BuildArgs,
    clipboard: ClipboardChoice,
) -> anyhow::Result<u8> {
    let saved = saved_selection(&args.pick)?;
    let (mode, style) = mode_and_style(args.mode, args.style, saved.as_ref());
    let selection = picked(catalog, &args.pick, saved.as_ref(), mode)?;
    let out = build(&selection, mode, style);
    if !args.quiet {
        for diagnostic in &out.diagnostics {
            say_err!("{}", diagnostic_line(diagnostic));
        }
    }
    if out.scope.is_empty() {
        anyhow::bail!("no permission fits {} mode (try --mode {})", mode, mode.other().key());
    }
    say_out!("{}", out.scope);
    if args.copy {
        super::copy_and_report(clipboard, &out.scope);
    }
    Ok(EXIT_OK)
}

/// `warning: ...` or `note: ...`.
pub(super) fn diagnostic_line(diagnostic: &Diagnostic) -> String {
    let label = match diagnostic.severity() {
        Severity::Warning => "warning",
        Severity::Info => "note",
    };
    format!("{label}: {diagnostic}")
}
