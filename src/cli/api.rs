//! `scopepick api [METHOD] PATH`: which permissions allow an API call (many
//! calls and `--from`: see `calls.rs`).

use super::EXIT_OK;
use super::args::{ApiArgs, FactsFormat};
use super::table::columns;
use crate::calls::{WrittenCall, parse_arguments};
use crate::catalog::graph::{
    Answer, Call, HttpMethod, NEEDS_USER, Ranked, Scheme, answer, calls_at, lookup, note_for,
    privilege_level,
};
use crate::catalog::{Catalog, PermissionType};
use crate::choice::Choice;
use crate::text::{counted, json_without_raw_controls, plural, printable};
use anyhow::bail;
use serde_json::json;

pub(super) fn run(catalog: &Catalog, args: &ApiArgs) -> anyhow::Result<u8> {
    let mut written = parse_arguments(&args.call).or_else(|e| {
        if args.call.is_empty() { Ok(Vec::new()) } else { Err(anyhow::Error::msg(e)) }
    })?;
    if let Some(file) = &args.from {
        written.extend(super::calls::read_calls(file)?);
    }
    let schemes = schemes(args.mode, args.personal);
    if written.len() > 1 || args.from.is_some() {
        return super::calls::run(&written, &schemes, args.format == FactsFormat::Json);
    }
    let WrittenCall { method, path } = written.remove(0);
    let found = lookup(method, &path, None)?;
    let calls: Vec<&Call> = found.calls.iter().filter(|c| schemes.contains(&c.scheme)).collect();
    if calls.is_empty() {
        let wanted: Vec<&str> = schemes.iter().map(|s| s.label()).collect();
        bail!(
            "no {} permission allows {} in Microsoft's permissions map",
            wanted.join(" or "),
            printable(&found.normalized)
        );
    }
    let out = match args.format {
        FactsFormat::Table => table(catalog, &found.templates, &calls, args.personal),
        FactsFormat::Json => json(catalog, &path, method, &found.templates, &calls)?,
    };
    say_raw!("{out}");
    Ok(EXIT_OK)
}

/// The schemes shown: the mode's (work accounts for Delegated unless `personal`), else both types.
fn schemes(mode: Option<PermissionType>, personal: bool) -> Vec<Scheme> {
    match mode {
        Some(kind) => vec![Scheme::of(kind, personal)],
        None => PermissionType::ALL.iter().map(|&k| Scheme::of(k, personal)).collect(),
    }
}

fn admin(catalog: &Catalog, name: &str, kind: PermissionType) -> &'static str {
    match catalog.find(name, kind) {
        Some(p) if p.admin_consent => "yes",
        Some(_) => "no",
        None => "not in catalog",
    }
}

/// Whether only personal accounts can use `permission` for `method path`.
fn personal_only(method: HttpMethod, path: &str, scheme: Scheme, permission: &str) -> bool {
    scheme == Scheme::DelegatedPersonal
        && !calls_at(path).any(|w| {
            w.scheme == Scheme::DelegatedWork && w.method == method && w.permission == permission
        })
}

/// The model's answers, one per (method, template, scheme) of `calls`, in their order.
fn answers(calls: &[&Call]) -> Vec<Answer> {
    let mut groups: Vec<(HttpMethod, &'static str, Scheme)> =
        calls.iter().map(|c| (c.method, c.path, c.scheme)).collect();
    groups.dedup();
    groups.into_iter().map(|(m, p, s)| answer(m, p, s)).collect()
}

/// The notes of one ranked row: what it stands for, what else the call needs,
/// personal-only, and the permission's own note (migration only, …).
fn row_note(a: &Answer, r: &Ranked, personal: bool) -> String {
    let mut notes: Vec<String> = Vec::new();
    if let Some(name) = r.stands_for {
        notes.push(format!("in place of {name} (not published)"));
    }
    if let Some(also) = r.also_requires {
        notes.push(format!("also requires {also}"));
    }
    let path = a.needs_user.unwrap_or(a.path);
    if personal && personal_only(a.method, path, a.scheme, r.permission) {
        notes.push("personal accounts only".into());
    }
    if let Some(note) = note_for(r.permission, a.scheme.kind()) {
        notes.push(note.text.to_string());
    }
    notes.join("; ")
}

fn table(catalog: &Catalog, templates: &[&str], calls: &[&Call], personal: bool) -> String {
    let mut out = String::new();
    if templates.len() > 1 {
        let n = templates.len();
        let matched = format!("{} {}", counted(n, "template"), plural(n, "matches", "match"));
        out.push_str(&format!("{matched}: {}\n", templates.join(", ")));
    }
    for (i, a) in answers(calls).iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let kind = a.scheme.kind();
        let who = match a.scheme {
            Scheme::DelegatedWork => " (work or school accounts)",
            Scheme::DelegatedPersonal => " (personal Microsoft accounts)",
            Scheme::Application => "",
        };
        out.push_str(&format!("{} {} · {kind}{who}\n", a.method, printable(a.path)));
        if let Some(users) = a.needs_user {
            out.push_str(&format!(
                "{NEEDS_USER}: an app-only token has no user for /me; the matching call {} {}:\n",
                a.method,
                if users.is_empty() { "(none in Microsoft's map)" } else { users }
            ));
        }
        if !a.published.is_empty() {
            let rows: Vec<Vec<String>> = a
                .published
                .iter()
                .map(|r| {
                    vec![
                        printable(r.permission).into_owned(),
                        yes_no(r.least).into(),
                        yes_no(r.microsoft_least).into(),
                        privilege_level(r.permission, a.scheme)
                            .map_or("-".into(), |l| l.to_string()),
                        admin(catalog, r.permission, kind).to_string(),
                        row_note(a, r, personal),
                    ]
                })
                .collect();
            out.push_str(&columns(
                &["PERMISSION", "LEAST", "LEAST (Microsoft)", "LEVEL", "ADMIN", "NOTE"],
                &rows,
            ));
        }
        if !a.unpublished.is_empty() {
            out.push_str("Cannot be registered as listed:\n");
            let rows: Vec<Vec<String>> = a
                .unpublished
                .iter()
                .map(|u| {
                    vec![
                        printable(u.permission).into_owned(),
                        yes_no(u.microsoft_least).into(),
                        u.why.reason(),
                    ]
                })
                .collect();
            out.push_str(&columns(&["PERMISSION", "LEAST (Microsoft)", "REASON"], &rows));
        }
    }
    out.push_str(
        "\nLeast privileged first, by scopepick's privilege model (\"LEAST\"); \"LEAST (Microsoft)\" is \
         Microsoft's flag in its permissions map. See docs/catalog.md for the rules.\n",
    );
    out
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn json(
    catalog: &Catalog,
    typed: &str,
    method: Option<HttpMethod>,
    templates: &[&str],
    calls: &[&Call],
) -> anyhow::Result<String> {
    let mut rows: Vec<serde_json::Value> = Vec::new();
    for a in answers(calls) {
        let kind = a.scheme.kind();
        let path = a.needs_user.unwrap_or(a.path);
        for r in &a.published {
            let found = catalog.find(r.permission, kind);
            rows.push(json!({
                "permission": r.permission,
                "type": kind.label(),
                "scheme": a.scheme.label(),
                "method": a.method.as_str(),
                "path": a.path,
                "answered_as": a.needs_user,
                "published": true,
                "least_by_model": r.least,
                "least_privileged": r.microsoft_least,
                "stands_for": r.stands_for,
                "privilege_level": privilege_level(r.permission, a.scheme),
                "admin_consent": found.map(|p| p.admin_consent),
                "in_catalog": found.is_some(),
                "personal_only": personal_only(a.method, path, a.scheme, r.permission),
                "also_requires": r.also_requires.map(|a| a.split(',').collect::<Vec<_>>()),
                "note": note_for(r.permission, kind).map(|n| n.text),
            }));
        }
        for u in &a.unpublished {
            rows.push(json!({
                "permission": u.permission,
                "type": kind.label(),
                "scheme": a.scheme.label(),
                "method": a.method.as_str(),
                "path": a.path,
                "answered_as": a.needs_user,
                "published": false,
                "least_by_model": false,
                "least_privileged": u.microsoft_least,
                "reason": u.why.reason(),
                "in_catalog": catalog.find(u.permission, kind).is_some(),
            }));
        }
    }
    let doc = json!({
        "query": { "method": method.map(HttpMethod::as_str), "path": typed },
        "templates": templates,
        "permissions": rows,
    });
    Ok(json_without_raw_controls(serde_json::to_string_pretty(&doc)?) + "\n")
}
