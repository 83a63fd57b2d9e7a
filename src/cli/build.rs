//! `scopepick build`.

use super::args::BuildArgs;
use super::pick::{mode_and_style, picked, saved_selection};
use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::catalog::Catalog;
use crate::choice::Choice;
use crate::clipboard::ClipboardChoice;
use crate::scope::{Diagnostic, Severity, build};
use crate::typed_names::{resolve_names, split_names};

pub(super) fn run(
    catalog: &Catalog,
    args: &BuildArgs,
    clipboard: ClipboardChoice,
) -> anyhow::Result<u8> {
    let saved = saved_selection(&args.pick)?;
    let (mode, style) = mode_and_style(args.mode, args.style, saved.as_ref());
    let (names, split_notes) = split_names(&args.pick.names);
    let pick = super::args::PickArgs { names, ..args.pick.clone() };
    // Said before the names are resolved, so an unknown part is explained.
    if !args.quiet {
        for note in &split_notes {
            say_err!("{}", diagnostic_line(note));
        }
    }
    let selection = picked(catalog, &pick, saved.as_ref(), mode)?;
    let named = resolve_names(catalog, &pick.names, mode)?;
    let out = build(&selection, mode, style, args.cloud);
    for diagnostic in &out.diagnostics {
        // The client-credentials warning is never silenced: the string fails at sign-in.
        if !args.quiet || matches!(diagnostic, Diagnostic::AppOnlyNeedsDefault { .. }) {
            say_err!("{}", diagnostic_line(diagnostic));
        }
    }
    if out.scope.is_empty() {
        anyhow::bail!("no permission fits {} mode (try --mode {})", mode, mode.other().key());
    }
    // Rows of the other type from a selection or preset are the normal mixed
    // case (a note); a permission the user named and did not get is not.
    let dropped: Vec<&str> =
        named.iter().filter(|row| row.kind != mode).map(|row| row.name.as_str()).collect();
    say_out!("{}", out.scope);
    if args.copy {
        super::copy_and_report(clipboard, &out.scope);
    }
    if dropped.is_empty() {
        return Ok(EXIT_OK);
    }
    let other = mode.other();
    let why = match dropped.len() {
        1 => format!("it exists only as {} {other} permission", other.article()),
        _ => format!("they exist only as {other} permissions"),
    };
    say_err!("error: left out of the {mode} string, though named: {} ({why})", dropped.join(", "));
    Ok(EXIT_PROBLEMS)
}

/// `warning: ...` or `note: ...`.
pub(super) fn diagnostic_line(diagnostic: &Diagnostic) -> String {
    let label = match diagnostic.severity() {
        Severity::Warning | Severity::Error => "warning",
        Severity::Info => "note",
    };
    format!("{label}: {diagnostic}")
}
