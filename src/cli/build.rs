//! `scopepick build`.

use super::EXIT_OK;
use super::args::BuildArgs;
use crate::catalog::Catalog;
use crate::clipboard::ClipboardChoice;
use crate::scope::{Diagnostic, Severity, build};
use crate::selection::resolve_names;

pub(super) fn run(
    catalog: &Catalog,
    args: &BuildArgs,
    clipboard: ClipboardChoice,
) -> anyhow::Result<u8> {
    let selection = resolve_names(catalog, &args.names, args.mode)?;
    let out = build(&selection, args.mode, args.style);
    if !args.quiet {
        for diagnostic in &out.diagnostics {
            eprintln!("{}", diagnostic_line(diagnostic));
        }
    }
    if out.scope.is_empty() {
        anyhow::bail!(
            "no permission fits {} mode (try --mode {})",
            args.mode,
            args.mode.other().key()
        );
    }
    println!("{}", out.scope);
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
