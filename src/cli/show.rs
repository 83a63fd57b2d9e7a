//! `scopepick show NAME`: every fact about one permission.

use super::EXIT_OK;
use super::args::{FactsFormat, ShowArgs};
use super::table::columns;
use crate::catalog::graph::{
    Call, Scheme, answer, calls_of, least_by_model, note_for, privilege_level,
};
use crate::catalog::{Catalog, Permission, PermissionType};
use crate::choice::Choice;
use crate::scope::suggestion_for;
use crate::text::{json_without_raw_controls, printable};
use anyhow::bail;
use serde_json::json;

pub(super) fn run(catalog: &Catalog, args: &ShowArgs) -> anyhow::Result<u8> {
    let rows: Vec<&Permission> =
        catalog.rows_named(&args.name).into_iter().map(|i| &catalog.permissions[i]).collect();
    if rows.is_empty() {
        bail!("{}", unknown(catalog, &args.name));
    }
    let calls: Vec<Call> = calls_of(&rows[0].name).collect();
    let out = match args.format {
        FactsFormat::Table => table(&rows, &calls),
        FactsFormat::Json => json(&rows, &calls)?,
    };
    say_raw!("{out}");
    Ok(EXIT_OK)
}

/// "no permission named X in the catalog", with check's "did you mean" (and
/// its caveats, so a near miss never silently points at a wider permission).
fn unknown(catalog: &Catalog, name: &str) -> String {
    let suggestion = suggestion_for(catalog, name, PermissionType::Delegated);
    let near = suggestion.map(|s| s.to_string()).unwrap_or_default();
    format!("no permission named {} in the catalog{near}", printable(name))
}

/// The schemes a row's calls are listed in (work and personal for Delegated).
fn schemes_of(p: &Permission) -> Vec<Scheme> {
    match p.kind {
        crate::catalog::PermissionType::Delegated => {
            vec![Scheme::DelegatedWork, Scheme::DelegatedPersonal]
        }
        crate::catalog::PermissionType::Application => vec![Scheme::Application],
    }
}

fn level(p: &Permission, scheme: Scheme) -> String {
    privilege_level(&p.name, scheme).map_or("-".into(), |l| l.to_string())
}

fn table(rows: &[&Permission], calls: &[Call]) -> String {
    let mut out = format!("{}\n\n", printable(&rows[0].name));
    let facts: Vec<Vec<String>> = rows
        .iter()
        .map(|p| {
            let scheme = Scheme::of(p.kind, false);
            vec![
                p.kind.label().to_string(),
                printable(&p.id).into_owned(),
                if p.admin_consent { "yes".into() } else { "no".into() },
                level(p, scheme),
                p.intrexx.map_or("-", |r| r.key()).to_string(),
                p.description_source.label().to_string(),
                printable(&p.description).into_owned(),
            ]
        })
        .collect();
    let header = ["TYPE", "GUID", "ADMIN", "LEVEL", "INTREXX", "DESCRIBED BY", "DESCRIPTION"];
    out.push_str(&columns(&header, &facts));
    for p in rows {
        if let Some(note) = note_for(&p.name, p.kind) {
            out.push_str(&format!("Note ({}): {} [{}]\n", p.kind.label(), note.text, note.source));
        }
    }
    for p in rows {
        for scheme in schemes_of(p) {
            let mine: Vec<&Call> = calls.iter().filter(|c| c.scheme == scheme).collect();
            let least = least_by_model(&p.name, scheme);
            out.push_str(&format!(
                "\n{} · {} API calls, least privileged for {least}\n",
                scheme.label(),
                mine.len()
            ));
            if mine.is_empty() {
                out.push_str("  (none in Microsoft's permissions map)\n");
                continue;
            }
            let lines: Vec<Vec<String>> = mine
                .iter()
                .map(|c| {
                    vec![
                        format!("  {}", c.method),
                        printable(c.path).into_owned(),
                        if least_here(c) { "least privileged".into() } else { String::new() },
                        if c.least { "least privileged".into() } else { String::new() },
                    ]
                })
                .collect();
            out.push_str(&columns(&["  METHOD", "PATH", "LEAST", "LEAST (Microsoft)"], &lines));
        }
    }
    out
}

/// Whether the privilege model ranks `c`'s permission least privileged for its call.
fn least_here(c: &Call) -> bool {
    answer(c.method, c.path, c.scheme)
        .published
        .iter()
        .any(|r| r.least && r.permission.eq_ignore_ascii_case(c.permission))
}

fn json(rows: &[&Permission], calls: &[Call]) -> anyhow::Result<String> {
    let types: Vec<serde_json::Value> = rows
        .iter()
        .map(|p| {
            let by_scheme: serde_json::Map<String, serde_json::Value> = schemes_of(p)
                .into_iter()
                .map(|s| {
                    let list: Vec<serde_json::Value> = calls
                        .iter()
                        .filter(|c| c.scheme == s)
                        .map(|c| json!({ "method": c.method.as_str(), "path": c.path, "least_privileged": c.least, "least_by_model": least_here(c) }))
                        .collect();
                    (s.label().to_string(), json!({ "privilege_level": privilege_level(&p.name, s), "calls": list }))
                })
                .collect();
            json!({
                "type": p.kind.label(),
                "id": p.id,
                "admin_consent": p.admin_consent,
                "intrexx": p.intrexx.map(|r| r.key()),
                "description": p.description,
                "description_source": p.description_source,
                "note": note_for(&p.name, p.kind).map(|n| json!({ "text": n.text, "source": n.source })),
                "schemes": by_scheme,
            })
        })
        .collect();
    let doc = json!({ "name": rows[0].name, "types": types });
    Ok(json_without_raw_controls(serde_json::to_string_pretty(&doc)?) + "\n")
}
