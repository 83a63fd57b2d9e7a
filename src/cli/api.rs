//! `scopepick api [METHOD] PATH`: which permissions allow an API call.

use super::EXIT_OK;
use super::args::{ApiArgs, FactsFormat};
use super::table::columns;
use crate::catalog::graph::{Call, Method, PrivilegeRank, Scheme, calls_at, lookup};
use crate::catalog::{Catalog, PermissionType};
use crate::text::{counted, json_without_raw_controls, plural, printable};
use anyhow::bail;
use serde_json::json;

pub(super) fn run(catalog: &Catalog, args: &ApiArgs) -> anyhow::Result<u8> {
    let (method, path) = split_call(&args.call)?;
    let schemes = schemes(args.mode, args.personal);
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

/// `[METHOD] PATH` from one or two arguments (`"GET /me/events"` in one works too).
fn split_call(call: &[String]) -> anyhow::Result<(Option<Method>, String)> {
    let words: Vec<&str> = call.iter().flat_map(|w| w.split_whitespace()).collect();
    match words.as_slice() {
        [path] => Ok((None, (*path).to_string())),
        [method, path] => {
            Ok((Some(method.parse().map_err(anyhow::Error::msg)?), (*path).to_string()))
        }
        _ => bail!("expected [METHOD] PATH, e.g. `scopepick api POST /me/sendMail`"),
    }
}

/// The schemes shown: the mode's (work accounts for Delegated unless `personal`), else both types.
fn schemes(mode: Option<PermissionType>, personal: bool) -> Vec<Scheme> {
    match mode {
        Some(kind) => vec![Scheme::of(kind, personal)],
        None => PermissionType::ALL.iter().map(|&k| Scheme::of(k, personal)).collect(),
    }
}

fn admin(catalog: &Catalog, c: &Call) -> &'static str {
    match catalog.find(c.permission, c.scheme.kind()) {
        Some(p) if p.admin_consent => "yes",
        Some(_) => "no",
        None => "not in catalog",
    }
}

/// Whether only personal accounts can use `c`'s permission for its call.
fn personal_only(c: &Call) -> bool {
    c.scheme == Scheme::DelegatedPersonal
        && !calls_at(c.path).any(|w| {
            w.scheme == Scheme::DelegatedWork
                && w.method == c.method
                && w.permission == c.permission
        })
}

fn table(catalog: &Catalog, templates: &[&str], calls: &[&Call], personal: bool) -> String {
    let mut out = String::new();
    let mut groups: Vec<(Method, &str, Scheme)> =
        calls.iter().map(|c| (c.method, c.path, c.scheme)).collect();
    groups.dedup();
    if templates.len() > 1 {
        let n = templates.len();
        let matched = format!("{} {}", counted(n, "template"), plural(n, "matches", "match"));
        out.push_str(&format!("{matched}: {}\n", templates.join(", ")));
    }
    for (i, (method, path, scheme)) in groups.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let kind = scheme.kind();
        let who = match scheme {
            Scheme::DelegatedWork => " (work or school accounts)",
            Scheme::DelegatedPersonal => " (personal Microsoft accounts)",
            Scheme::Application => "",
        };
        out.push_str(&format!("{method} {} · {kind}{who}\n", printable(path)));
        let rows: Vec<Vec<String>> = calls
            .iter()
            .filter(|c| (c.method, c.path, c.scheme) == (*method, *path, *scheme))
            .map(|c| {
                let mut note =
                    c.also_requires.map(|a| format!("also requires {a}")).unwrap_or_default();
                if personal && personal_only(c) {
                    note = ["personal accounts only", &note]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; ");
                }
                vec![
                    printable(c.permission).into_owned(),
                    if c.least { "yes".into() } else { "no".into() },
                    PrivilegeRank::of_call(c).level().map_or("-".into(), |l| l.to_string()),
                    admin(catalog, c).to_string(),
                    note,
                ]
            })
            .collect();
        out.push_str(&columns(
            &["PERMISSION", "LEAST (Microsoft)", "LEVEL", "ADMIN", "NOTE"],
            &rows,
        ));
    }
    out.push_str(
        "\nLeast privileged first. \"LEAST\" is Microsoft's flag in its permissions map.\n",
    );
    out
}

fn json(
    catalog: &Catalog,
    typed: &str,
    method: Option<Method>,
    templates: &[&str],
    calls: &[&Call],
) -> anyhow::Result<String> {
    let rows: Vec<serde_json::Value> = calls
        .iter()
        .map(|c| {
            json!({
                "permission": c.permission,
                "type": c.scheme.kind().label(),
                "scheme": c.scheme.label(),
                "method": c.method.as_str(),
                "path": c.path,
                "least_privileged": c.least,
                "privilege_level": PrivilegeRank::of_call(c).level(),
                "admin_consent": catalog.find(c.permission, c.scheme.kind()).map(|p| p.admin_consent),
                "in_catalog": catalog.find(c.permission, c.scheme.kind()).is_some(),
                "personal_only": personal_only(c),
                "also_requires": c.also_requires.map(|a| a.split(',').collect::<Vec<_>>()),
            })
        })
        .collect();
    let doc = json!({
        "query": { "method": method.map(Method::as_str), "path": typed },
        "templates": templates,
        "permissions": rows,
    });
    Ok(json_without_raw_controls(serde_json::to_string_pretty(&doc)?) + "\n")
}
