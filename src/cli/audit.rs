//! `scopepick audit`: the connector's field or the app registration against
//! a preset or a saved selection.

use super::args::{AuditArgs, PickArgs, ReportFormat};
use super::pick::{mode_and_style, picked, saved_selection};
use super::source::{read_input, read_scope_string};
use super::table::columns;
use super::{EXIT_OK, EXIT_PROBLEMS, one_line};
use crate::audit::{
    Audit, EXPORT_HINT, Extra, ExtraReason, Registration, ScopesAudit, audit_registration,
    audit_scopes,
};
use crate::catalog::{AuthMode, Catalog, PermissionType, not_in_catalog};
use crate::choice::Choice;
use crate::text::{counted, json_without_raw_controls, printable};
use anyhow::anyhow;
use serde_json::json;

/// What was audited, for the report's first line and the JSON.
enum Audited {
    /// The connector's field.
    Field(ScopesAudit),
    /// The app registration in a file.
    App { file: String, registration: Registration, audit: Audit },
}

impl Audited {
    fn audit(&self) -> &Audit {
        match self {
            Audited::Field(scopes) => &scopes.audit,
            Audited::App { audit, .. } => audit,
        }
    }
}

pub(super) fn run(catalog: &Catalog, args: &AuditArgs) -> anyhow::Result<u8> {
    let pick = PickArgs {
        preset: args.set.preset,
        selection: args.set.selection.clone(),
        names: Vec::new(),
    };
    let saved = saved_selection(&pick)?;
    let (mode, _) = mode_and_style(args.mode, None, saved.as_ref());
    let set = picked(catalog, &pick, saved.as_ref(), mode)?;
    let set_label = match (&args.set.preset, &saved) {
        (Some(preset), _) => format!("preset {}", preset.key()),
        (None, Some(selection)) => format!("selection '{}'", selection.name),
        (None, None) => unreachable!("clap requires --preset or --selection"),
    };
    let expected = set.iter().filter(|p| p.kind == mode).count();
    if expected == 0 {
        anyhow::bail!(
            "{set_label} has no {mode} permissions in the catalog in use, so there is nothing to \
             audit: pass --mode {}, or another set",
            mode.other().key()
        );
    }
    let audited = match &args.app {
        Some(file) => {
            let text = read_input(file).map_err(|e| {
                anyhow!("cannot read the app registration {file}: {}; {EXPORT_HINT}", one_line(&e))
            })?;
            let registration = Registration::parse(&text).map_err(|e| anyhow!("{file}: {e}"))?;
            let audit = audit_registration(&set, &registration, mode, catalog);
            Audited::App { file: file.clone(), registration, audit }
        }
        None => {
            let text = read_scope_string(args.text.as_deref())?;
            Audited::Field(audit_scopes(&set, &text, mode, catalog)?)
        }
    };
    match args.format {
        ReportFormat::Text => say_raw!("{}", render_text(&audited, &set_label, expected)),
        ReportFormat::Json => {
            let json = serde_json::to_string_pretty(&to_json(&audited, &args.set, expected))?;
            say_out!("{}", json_without_raw_controls(json));
        }
    }
    Ok(if audited.audit().is_complete() { EXIT_OK } else { EXIT_PROBLEMS })
}

/// What an extra entry is, in words.
fn extra_reason(extra: &Extra, mode: AuthMode) -> String {
    match extra.reason {
        ExtraReason::NotInSet => "not in the set".to_string(),
        ExtraReason::OtherType => {
            let kind = extra.kind.unwrap_or(mode.other());
            format!("{} {kind} permission: not used in {mode} mode", kind.article())
        }
        ExtraReason::Unknown => not_in_catalog::<&str>(&[]),
        ExtraReason::OtherResource => {
            format!(
                "for {}, another resource",
                extra.resource.as_deref().unwrap_or("an unknown API")
            )
        }
    }
}

fn kind_label(kind: Option<PermissionType>) -> String {
    kind.map_or("-".to_string(), |k| k.label().to_string())
}

fn render_text(audited: &Audited, set_label: &str, expected: usize) -> String {
    let audit = audited.audit();
    let mode = audit.mode;
    let what = match audited {
        Audited::Field(_) => "the connector's field".to_string(),
        Audited::App { file, registration, .. } => {
            let name = registration.display_name.as_deref().map(|n| format!(" '{n}'"));
            let id = registration.app_id.as_deref().map(|id| format!(" ({id})"));
            format!(
                "the app registration{}{} in {file}",
                name.unwrap_or_default(),
                id.unwrap_or_default()
            )
        }
    };
    let mut out = format!(
        "Audit of {} against {set_label}: {}\n",
        printable(&what),
        counted(expected, &format!("{mode} permission"))
    );
    if let Audited::App { registration, .. } = audited {
        out += &mode_hint(registration, mode);
    }
    out += &format!("\nMissing: {}\n", count_or_none(audit.missing.len()));
    let rows: Vec<Vec<String>> = audit
        .missing
        .iter()
        .map(|m| {
            let consent = if m.admin_consent { "yes" } else { "no" };
            let note = m.covered_by.as_ref().map_or(String::new(), |by| {
                format!("{by}, which it has, allows all its calls; still missing by name")
            });
            vec![format!("  {}", m.name), consent.to_string(), note]
        })
        .collect();
    if !rows.is_empty() {
        out += &columns(&["  NAME", "ADMIN CONSENT", "NOTE"], &rows);
    }
    out += &format!(
        "\nExtra, not in the set (fine, but named): {}\n",
        count_or_none(audit.extra.len())
    );
    let rows: Vec<Vec<String>> = audit
        .extra
        .iter()
        .map(|e| {
            let name = printable(&e.name).into_owned();
            vec![format!("  {name}"), kind_label(e.kind), extra_reason(e, mode)]
        })
        .collect();
    if !rows.is_empty() {
        out += &columns(&["  NAME", "TYPE", "WHY"], &rows);
    }
    out += &format!("\nRedundant: {}\n", count_or_none(audit.redundant.len()));
    for r in &audit.redundant {
        let scheme = crate::catalog::graph::Scheme::of(r.kind, false);
        let only = crate::hints::calls_only_for(&r.name, &r.covered_by, scheme);
        out += &format!(
            "  {} beside {} is usually redundant (Microsoft's map lists {only} {} only for {})\n",
            r.name,
            r.covered_by,
            crate::text::plural(only, "call", "calls"),
            r.name
        );
    }
    match audited {
        Audited::Field(scopes) => {
            if !scopes.problems.is_empty() {
                out += &format!(
                    "\nThe field has {} of its own (scopepick check explains):\n",
                    counted(scopes.problems.len(), "problem")
                );
                for problem in &scopes.problems {
                    out += &format!("  - {}\n", printable(&problem.to_string()));
                }
            }
            if !audit.is_complete() {
                out += &format!(
                    "\nCorrected string ({} added):\n{}\n",
                    counted(audit.missing.len(), "missing permission"),
                    printable(&scopes.corrected)
                );
            }
        }
        Audited::App { registration, .. } if !audit.is_complete() => {
            let names: Vec<&str> = audit.missing.iter().map(|m| m.name.as_str()).collect();
            let app_id = registration.app_id.clone().unwrap_or_else(|| "\"$APP_ID\"".into());
            out += &format!(
                "\nTo register and grant them:\n  scopepick export --format az --mode {} --app-id {app_id} {}\n",
                mode.key(),
                names.join(" ")
            );
        }
        Audited::App { .. } => {}
    }
    out += &match audit.missing.len() {
        0 => format!("\nNothing missing: {set_label} is complete.\n"),
        n => format!("\n{} of {set_label} missing.\n", counted(n, "permission")),
    };
    out
}

/// "none" or "3".
fn count_or_none(n: usize) -> String {
    if n == 0 { "none".to_string() } else { n.to_string() }
}

/// A note when the registration holds Graph entries of the other type only.
fn mode_hint(registration: &Registration, mode: AuthMode) -> String {
    let graph = crate::catalog::Resource::Graph.app_id();
    let of = |kind| {
        registration.entries.iter().filter(|e| e.kind == kind && e.resource_app_id == graph).count()
    };
    match (of(mode), of(mode.other())) {
        (0, n) if n > 0 => format!(
            "note: the registration holds only {} of Microsoft Graph: for {} mode pass --mode {}\n",
            counted(n, &format!("{} permission", mode.other())),
            mode.other(),
            mode.other().key()
        ),
        _ => String::new(),
    }
}

fn to_json(audited: &Audited, set: &super::args::AuditSet, expected: usize) -> serde_json::Value {
    let audit = audited.audit();
    let set = match (&set.preset, &set.selection) {
        (Some(preset), _) => json!({ "preset": preset.key(), "permissions": expected }),
        (None, selection) => json!({ "selection": selection, "permissions": expected }),
    };
    let mut out = json!({
        "set": set,
        "mode": audit.mode,
        "complete": audit.is_complete(),
        "missing": audit.missing,
        "extra": audit.extra,
        "redundant": audit.redundant,
    });
    match audited {
        Audited::Field(scopes) => {
            out["source"] = json!("field");
            out["corrected"] = json!(scopes.corrected);
            let problems: Vec<String> = scopes.problems.iter().map(ToString::to_string).collect();
            out["problems"] = json!(problems);
        }
        Audited::App { file, registration, .. } => {
            out["source"] = json!("app");
            out["file"] = json!(file);
            out["app_id"] = json!(registration.app_id);
            out["display_name"] = json!(registration.display_name);
        }
    }
    out
}
