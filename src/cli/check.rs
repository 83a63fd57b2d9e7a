//! `scopepick check`.

use super::args::{CheckArgs, ReportFormat};
use super::build::diagnostic_line;
use super::source::read_scope_string;
use super::table::columns;
use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::catalog::Catalog;
use crate::clipboard::ClipboardChoice;
use crate::scope::{
    CheckReport, Diagnostic, ModeGuess, ModeReason, Problem, TokenStatus, check, guess_mode,
};
use crate::text::{counted, json_without_raw_controls, printable};
use serde_json::json;

pub(super) fn run(
    catalog: &Catalog,
    args: &CheckArgs,
    clipboard: ClipboardChoice,
) -> anyhow::Result<u8> {
    let text = read_scope_string(args.text.as_deref())?;
    let guess = args.mode.is_none().then(|| guess_mode(&text, catalog));
    let mode = args.mode.or(guess.map(|g| g.mode)).unwrap_or(crate::catalog::AuthMode::Delegated);
    let mut report = check(&text, mode, args.cloud, catalog);
    if guess.is_some_and(|g| g.reason == ModeReason::DefaultOnly) {
        report.notes.push(Diagnostic::DefaultForUsersToo);
    }
    match args.format {
        ReportFormat::Text => say_raw!("{}", render_text(&report, guess)),
        ReportFormat::Json => {
            let json = serde_json::to_string_pretty(&to_json(&report, guess, &text))?;
            say_out!("{}", json_without_raw_controls(json));
        }
    }
    if args.copy_fixed {
        match &report.fixed {
            Some(fixed) => super::copy_and_report(clipboard, fixed),
            None => say_err!("note: nothing copied: there is no corrected string"),
        }
    }
    Ok(if report.is_clean() { EXIT_OK } else { EXIT_PROBLEMS })
}

fn types_text(report: &CheckReport, status: &TokenStatus) -> (String, String, &'static str) {
    match status {
        TokenStatus::Known { types, .. } => {
            let kinds: Vec<&str> = types.iter().map(|t| t.kind.label()).collect();
            let consent: Vec<&str> =
                types.iter().map(|t| if t.admin_consent { "yes" } else { "no" }).collect();
            let fits = types.iter().any(|t| t.kind == report.mode);
            (kinds.join(", "), consent.join(", "), if fits { "known" } else { "wrong type" })
        }
        TokenStatus::Default => ("Application, Delegated".into(), "as granted".into(), ".default"),
        TokenStatus::OtherResource => ("-".into(), "-".into(), "other resource"),
        TokenStatus::Unknown { .. } => ("-".into(), "-".into(), "unknown"),
    }
}

/// The text report shows at most this many tokens and problems; `--format
/// json` always has all of them.
const SHOWN: usize = 200;

/// "  … and 12 more tokens" when `total` exceeds [`SHOWN`].
fn more(total: usize, what: &str) -> String {
    match total.checked_sub(SHOWN) {
        Some(n) if n > 0 => format!("  … and {n} more {what} (--format json lists all)\n"),
        _ => String::new(),
    }
}

fn render_text(report: &CheckReport, guess: Option<ModeGuess>) -> String {
    let rows: Vec<Vec<String>> = report
        .tokens
        .iter()
        .take(SHOWN)
        .map(|t| {
            let (kinds, consent, status) = types_text(report, &t.status);
            vec![printable(&t.text).into_owned(), status.into(), kinds, consent]
        })
        .collect();
    let mut out = String::new();
    if let Some(guess) = guess {
        out += &format!("note: {guess} (--mode chooses)\n");
    }
    if !rows.is_empty() {
        out += &columns(&["TOKEN", "STATUS", "TYPE", "ADMIN CONSENT"], &rows);
        out += &more(report.tokens.len(), "tokens");
        out.push('\n');
    }
    let mode = report.mode;
    let cloud = match report.cloud {
        crate::catalog::Cloud::Global => String::new(),
        cloud => format!(" ({} cloud)", cloud.label()),
    };
    let not_checked = report.not_checked();
    match report.problems.len() {
        0 if not_checked.is_empty() => out += &format!("OK: a clean {mode} scope string{cloud}.\n"),
        0 => {
            out += &format!(
                "No problem found in {} {mode} scope string{cloud}, but not checked: scopepick has no catalog for {}.\n",
                mode.article(),
                printable(&not_checked.join(", "))
            )
        }
        n => {
            let problems = counted(n, "problem");
            out += &format!("{problems} for {} {mode} scope string{cloud}:\n", mode.article());
            for problem in report.problems.iter().take(SHOWN) {
                out += &format!("  - {}\n", printable(&problem.to_string()));
            }
            out += &more(n, "problems");
        }
    }
    for note in report.notes.iter().take(SHOWN) {
        out += &format!("{}\n", printable(&diagnostic_line(note)));
    }
    out += &more(report.notes.len(), "notes");
    match &report.fixed {
        Some(fixed) if report.is_clean() => {
            out += &format!("\nNormalised string:\n{}\n", printable(fixed))
        }
        Some(fixed) => out += &format!("\nCorrected string:\n{}\n", printable(fixed)),
        None if !report.is_clean() => {
            out += "\nNo corrected string: some problems need your decision.\n"
        }
        None => {}
    }
    out
}

/// The report as docs/json.md describes it: `fixed` is the string to use
/// (the input itself when it needs no change) and absent when a problem
/// needs the user's decision.
fn to_json(report: &CheckReport, guess: Option<ModeGuess>, input: &str) -> serde_json::Value {
    let problems: Vec<_> = report
        .problems
        .iter()
        .map(|p: &Problem| json!({ "message": p.to_string(), "sure_fix": p.has_sure_fix() }))
        .collect();
    let notes: Vec<String> = report.notes.iter().map(ToString::to_string).collect();
    let mut out = json!({
        "mode": report.mode,
        "mode_assumed": guess.map(|g| g.to_string()),
        "cloud": report.cloud,
        "resource": report.resource,
        "clean": report.is_clean(),
        "not_checked": report.not_checked(),
        "tokens": report.tokens,
        "problems": problems,
        "notes": notes,
    });
    let fixed = report.fixed.as_deref().or(report.is_clean().then_some(input));
    if let Some(fixed) = fixed {
        out["fixed"] = json!(fixed);
    }
    out
}
