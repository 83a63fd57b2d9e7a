//! `scopepick audit`: the connector's field or the app registration against
//! a preset or a saved selection.

use super::args::{AuditArgs, PickArgs, ReportFormat};
use super::check::{SHOWN, more};
use super::pick::{mode_and_style, picked, saved_selection};
use super::source::{read_input, read_scope_string};
use super::table::columns;
use super::{EXIT_OK, EXIT_PROBLEMS, one_line};
use crate::audit::{
    Audit, EXPORT_HINT, Extra, ExtraReason, GRANTS_HINT, Grants, GrantsAudit, Registration,
    ScopesAudit, audit_grants, audit_registration, audit_scopes,
};
use crate::catalog::{AuthMode, Catalog, PermissionType, not_in_catalog};
use crate::choice::Choice;
use crate::scope::Problem;
use crate::text::{counted, json_without_raw_controls, printable};
use anyhow::anyhow;
use serde_json::json;

/// What was audited, for the report's first line and the JSON.
enum Audited {
    /// The connector's field.
    Field(ScopesAudit),
    /// The app registration in a file.
    App { file: String, registration: Registration, audit: Audit },
    /// What the tenant granted, in files.
    Grants { files: Vec<String>, grants: Grants, result: GrantsAudit },
}

impl Audited {
    fn audit(&self) -> &Audit {
        match self {
            Audited::Field(scopes) => &scopes.audit,
            Audited::App { audit, .. } => audit,
            Audited::Grants { result, .. } => &result.audit,
        }
    }

    /// Nothing missing and, for the field, nothing that fails at sign-in.
    fn passes(&self) -> bool {
        match self {
            Audited::Field(scopes) => scopes.passes(),
            _ => self.audit().is_complete(),
        }
    }

    /// The field's problems (what `check` exits 1 for); none for a registration.
    fn field_problems(&self) -> &[Problem] {
        match self {
            Audited::Field(scopes) => &scopes.problems,
            _ => &[],
        }
    }
}

pub(super) fn run(catalog: &Catalog, args: &AuditArgs) -> anyhow::Result<u8> {
    let mut pick = PickArgs {
        preset: args.set.preset,
        selection: args.set.selection.clone(),
        names: Vec::new(),
    };
    let saved = saved_selection(&pick)?;
    if let Some(id) = &args.graph_sp_id {
        anyhow::ensure!(
            !args.grants.is_empty(),
            "--graph-sp-id places the grants of --grants FILE: give the grants too"
        );
        anyhow::ensure!(
            crate::catalog::is_guid(id),
            "--graph-sp-id {}: not a GUID (az ad sp show --id 00000003-0000-0000-c000-000000000000 --query id -o tsv prints it)",
            printable(id)
        );
    }
    let grants = read_grants(&args.grants)?;
    let inferred = match &grants {
        Some(grants) if args.mode.is_none() => grants_mode(grants)?,
        _ => None,
    };
    let (mode, _) = mode_and_style(args.mode.or(inferred), None, saved.as_ref());
    if let Some(file) = &args.set.calls {
        pick.names = super::calls::basket_names(file, mode)?;
    }
    let set = picked(catalog, &pick, saved.as_ref(), mode)?;
    let set_label = match (&args.set.preset, &saved, &args.set.calls) {
        (Some(preset), _, _) => format!("preset {}", preset.key()),
        (None, Some(selection), _) => format!("selection '{}'", selection.name),
        (None, None, Some(file)) => {
            format!("the basket of the calls in {}", printable(&file.display().to_string()))
        }
        (None, None, None) => unreachable!("clap requires --preset, --selection or --calls"),
    };
    let expected = set.iter().filter(|p| p.kind == mode).count();
    if expected == 0 {
        anyhow::bail!(
            "{set_label} has no {mode} permissions in the catalog in use, so there is nothing to \
             audit: pass --mode {}, or another set",
            mode.other().key()
        );
    }
    let audited = match (&args.app, grants) {
        (_, Some(grants)) => {
            let sp = args.graph_sp_id.as_deref();
            let result = audit_grants(&set, &grants, sp, mode, catalog);
            Audited::Grants { files: args.grants.clone(), grants, result }
        }
        (Some(file), None) => {
            let text = read_input(file).map_err(|e| {
                anyhow!("cannot read the app registration {file}: {}; {EXPORT_HINT}", one_line(&e))
            })?;
            let registration = Registration::parse(&text).map_err(|e| anyhow!("{file}: {e}"))?;
            let audit = audit_registration(&set, &registration, mode, catalog);
            Audited::App { file: file.clone(), registration, audit }
        }
        (None, None) => {
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
    Ok(if audited.passes() { EXIT_OK } else { EXIT_PROBLEMS })
}

/// The `--grants` files read, `None` without any.
fn read_grants(files: &[String]) -> anyhow::Result<Option<Grants>> {
    if files.is_empty() {
        return Ok(None);
    }
    let mut grants = Grants::default();
    for file in files {
        let text = read_input(file).map_err(|e| {
            anyhow!("cannot read the grants {file}: {}; {GRANTS_HINT}", one_line(&e))
        })?;
        grants.read(file, &text).map_err(|e| anyhow!("{file}: {e}"))?;
    }
    Ok(Some(grants))
}

/// The mode the grants speak of; both kinds without --mode is a usage error.
fn grants_mode(grants: &Grants) -> anyhow::Result<Option<AuthMode>> {
    let tenant_wide = grants.grants.iter().any(|g| g.all_principals);
    if grants.mode().is_none() && tenant_wide {
        anyhow::bail!(
            "the grants hold both app role assignments (Application) and tenant-wide delegated \
             grants (Delegated): pass --mode application or --mode delegated"
        );
    }
    Ok(grants.mode())
}

/// What an extra entry is, in words; `field`: it is in the connector's field.
fn extra_reason(extra: &Extra, mode: AuthMode, field: bool) -> String {
    match extra.reason {
        ExtraReason::NotInSet => "not in the set (fine, but named)".to_string(),
        ExtraReason::IntrexxOptional => "not in the set: optional on the Intrexx page".to_string(),
        ExtraReason::OtherType if field => {
            let kind = extra.kind.unwrap_or(mode.other());
            format!(
                "{} {kind} permission: the sign-in fails (see the problems above)",
                kind.article()
            )
        }
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
        Audited::Grants { files, .. } => format!("what the tenant granted in {}", files.join(", ")),
    };
    let mut out = format!(
        "Audit of {} against {set_label}: {}\n",
        printable(&what),
        counted(expected, &format!("{mode} permission"))
    );
    match audited {
        Audited::App { registration, .. } => {
            out += &mode_hint(registration, mode);
            out += &not_consent_note(mode);
        }
        Audited::Grants { grants, result, .. } => out += &grants_notes(grants, result),
        Audited::Field(_) => {}
    }
    let problems = audited.field_problems();
    if !problems.is_empty() {
        out += &format!(
            "\nThe field fails at sign-in: {} (scopepick check explains):\n",
            counted(problems.len(), "problem")
        );
        for problem in problems.iter().take(SHOWN) {
            out += &format!("  - {}\n", printable(&problem.to_string()));
        }
        out += &more(problems.len(), "problems");
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
    out += &format!("\nExtra, not in the set: {}\n", count_or_none(audit.extra.len()));
    let rows: Vec<Vec<String>> = audit
        .extra
        .iter()
        .take(SHOWN)
        .map(|e| {
            let name = printable(&e.name).into_owned();
            let field = matches!(audited, Audited::Field(_));
            vec![format!("  {name}"), kind_label(e.kind), extra_reason(e, mode, field)]
        })
        .collect();
    if !rows.is_empty() {
        out += &columns(&["  NAME", "TYPE", "WHY"], &rows);
        out += &more(audit.extra.len(), "extra permissions");
    }
    out += &format!("\nRedundant: {}\n", count_or_none(audit.redundant.len()));
    for r in audit.redundant.iter().take(SHOWN) {
        let scheme = crate::catalog::graph::Scheme::of(r.kind, false);
        let only = crate::coverage::calls_only_for(&r.name, &r.covered_by, scheme);
        out += &format!(
            "  {} beside {} is usually redundant (Microsoft's map lists {only} {} only for {})\n",
            r.name,
            r.covered_by,
            crate::text::plural(only, "call", "calls"),
            r.name
        );
    }
    out += &more(audit.redundant.len(), "redundant permissions");
    match audited {
        Audited::Field(scopes) if !scopes.passes() => {
            let added = match audit.missing.len() {
                0 => String::new(),
                n => format!(" ({} added)", counted(n, "missing permission")),
            };
            // A problem check cannot fix surely (an unknown name) stays in
            // the string as written: never call that string corrected.
            let heading = match scopes.problems.iter().find(|p| !p.has_sure_fix()) {
                None => format!("Corrected string{added}"),
                Some(p) => format!(
                    "The string{added}, still failing at sign-in until you fix by hand: {p}"
                ),
            };
            out += &format!("\n{heading}:\n{}\n", printable(&scopes.corrected));
        }
        Audited::Field(_) => {}
        Audited::App { .. } | Audited::Grants { .. } if !audit.is_complete() => {
            let names: Vec<&str> = audit.missing.iter().map(|m| m.name.as_str()).collect();
            let app_id = match audited {
                Audited::App { registration, .. } => registration.app_id.clone(),
                _ => None,
            };
            let app_id = app_id.unwrap_or_else(|| "\"$APP_ID\"".into());
            out += &format!(
                "\nTo register and grant them:\n  scopepick export --format az --mode {} --app-id {app_id} {}\n",
                mode.key(),
                names.join(" ")
            );
        }
        Audited::App { .. } | Audited::Grants { .. } => {}
    }
    let missing = match audit.missing.len() {
        0 => None,
        n => Some(format!("{} of {set_label} missing", counted(n, "permission"))),
    };
    out += &match (problems.len(), missing) {
        (0, None) => format!("\nNothing missing: {set_label} is complete.\n"),
        (0, Some(missing)) => format!("\n{missing}.\n"),
        (n, missing) => format!(
            "\nThe field fails at sign-in ({}){}.\n",
            counted(n, "problem"),
            missing.map_or(format!(", though nothing of {set_label} is missing"), |m| format!(
                "; {m}"
            ))
        ),
    };
    out
}

/// "none" or "3".
fn count_or_none(n: usize) -> String {
    if n == 0 { "none".to_string() } else { n.to_string() }
}

/// What the grants could not settle: more pages, unplaced resources, and
/// what single users granted for themselves.
fn grants_notes(grants: &Grants, result: &GrantsAudit) -> String {
    let mut out = String::new();
    for file in &grants.more_pages {
        out += &format!(
            "note: {} holds @odata.nextLink: more pages exist, which az rest does not fetch; fetch each (az rest --url \"<nextLink>\") and pass it with another --grants\n",
            printable(file)
        );
    }
    for id in &result.unknown_resources {
        out += &format!(
            "note: delegated grants for the resource {id} are not placed: scopepick does not know which resource that is; pass --graph-sp-id with Microsoft Graph's service principal id (az ad sp show --id 00000003-0000-0000-c000-000000000000 --query id -o tsv), or that command's JSON with --grants\n"
        );
    }
    if !result.user_grants.is_empty() {
        out += &format!(
            "\nGranted by single users for themselves, not tenant-wide (not counted): {}\n",
            result.user_grants.len()
        );
        for u in &result.user_grants {
            let users = counted(u.users, "user");
            out += &format!("  {}: granted by {users} for themselves\n", printable(&u.scope));
        }
    }
    out
}

/// A registration only asks; a token carries what was granted.
fn not_consent_note(mode: AuthMode) -> String {
    let (who, url) = match mode {
        PermissionType::Application => (
            "a client-credentials token carries only the roles a tenant administrator granted",
            "servicePrincipals/$SP_ID/appRoleAssignments",
        ),
        PermissionType::Delegated => (
            "a user's token carries only what an administrator or the user consented to",
            "oauth2PermissionGrants?\\$filter=clientId eq '$SP_ID'",
        ),
    };
    format!(
        "note: this judged the registration (requiredResourceAccess), which only asks: {who}; audit what was granted with --grants (az rest --url \"https://graph.microsoft.com/v1.0/{url}\" > grants.json)\n"
    )
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
    let set = match (&set.preset, &set.selection, &set.calls) {
        (Some(preset), _, _) => json!({ "preset": preset.key(), "permissions": expected }),
        (None, None, Some(calls)) => json!({ "calls": calls, "permissions": expected }),
        (None, selection, _) => json!({ "selection": selection, "permissions": expected }),
    };
    let mut out = json!({
        "set": set,
        "mode": audit.mode,
        "complete": audited.passes(),
        "missing": audit.missing,
        "extra": audit.extra,
        "redundant": audit.redundant,
    });
    match audited {
        Audited::Field(scopes) => {
            out["source"] = json!("field");
            out["corrected"] = json!(scopes.corrected);
            let problems: Vec<_> = scopes
                .problems
                .iter()
                .map(|p| json!({ "message": p.to_string(), "sure_fix": p.has_sure_fix() }))
                .collect();
            out["field_problems"] = json!(problems);
        }
        Audited::Grants { files, grants, result } => {
            out["source"] = json!("grants");
            out["files"] = json!(files);
            out["user_grants"] = json!(result.user_grants);
            out["unknown_resources"] = json!(result.unknown_resources);
            out["more_pages"] = json!(grants.more_pages);
        }
        Audited::App { file, registration, .. } => {
            out["source"] = json!("app");
            out["judged"] = json!("registration");
            out["file"] = json!(file);
            out["app_id"] = json!(registration.app_id);
            out["display_name"] = json!(registration.display_name);
        }
    }
    out
}
