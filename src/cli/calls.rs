//! `scopepick api` for many calls (`api GET /me POST /me/sendMail`,
//! `api --from FILE|-`): each call's least permission per mode, then the
//! minimal basket per mode with its `scopepick build` line.

use super::table::columns;
use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::calls::basket::{Basket, ResolvedCall, minimal};
use crate::calls::extract::{MAX_INPUT, as_text, calls_in};
use crate::calls::{WrittenCall, distinct};
use crate::catalog::PermissionType;
use crate::catalog::graph::{NEEDS_USER, Scheme, answer, is_me_path};
use crate::choice::Choice;
use crate::fsutil::{read_capped, read_file_capped};
use crate::text::{counted, json_without_raw_controls, printable};
use anyhow::{Context, bail};
use serde_json::json;
use std::path::Path;

/// The calls written in the file at `path` (stdin for `-`).
pub(super) fn read_calls(path: &Path) -> anyhow::Result<Vec<WrittenCall>> {
    let shown = printable(&path.display().to_string()).into_owned();
    let bytes = if path == Path::new("-") {
        read_capped(std::io::stdin().lock(), MAX_INPUT).context("standard input")?
    } else {
        read_file_capped(path, MAX_INPUT).with_context(|| shown.clone())?
    };
    let text = match as_text(&bytes) {
        Ok(text) => text.trim_start_matches('\u{feff}'),
        Err(why) => bail!("{shown}: {why}; give a log, code, curl lines or a HAR file"),
    };
    let calls = calls_in(text);
    if calls.is_empty() {
        bail!(
            "{shown}: no Microsoft Graph call found (a Graph URL, a /v1.0/… path, or METHOD /path)"
        );
    }
    Ok(calls)
}

/// The minimal basket of the calls in `file` in `mode` (Delegated: work
/// accounts), for `audit --calls`; calls nothing allows are named on stderr.
pub(super) fn basket_names(file: &Path, mode: PermissionType) -> anyhow::Result<Vec<String>> {
    let calls = distinct(&read_calls(file)?);
    let basket = minimal(&calls, Scheme::of(mode, false));
    for &i in basket.allowed_by_nothing.iter().chain(&basket.needs_user) {
        let why = least(&calls[i], basket.scheme);
        say_err!("warning: {} is not in the basket: {why}", call_label(&calls[i]));
    }
    Ok(basket.names().into_iter().map(String::from).collect())
}

/// Prints the answers and baskets; exit 1 when a call is allowed by nothing.
pub(super) fn run(
    written: &[WrittenCall],
    schemes: &[Scheme],
    json_format: bool,
) -> anyhow::Result<u8> {
    let calls = distinct(written);
    let baskets: Vec<Basket> = schemes.iter().map(|&s| minimal(&calls, s)).collect();
    let out = if json_format { json(&calls, &baskets)? } else { text(&calls, &baskets) };
    say_raw!("{out}");
    let nothing = baskets.iter().any(|b| !b.allowed_by_nothing.is_empty());
    Ok(if nothing { EXIT_PROBLEMS } else { EXIT_OK })
}

fn call_label(c: &ResolvedCall) -> String {
    printable(&c.to_string()).into_owned()
}

/// The least published permission of `call` in `scheme`, or why there is none.
fn least(c: &ResolvedCall, scheme: Scheme) -> String {
    let Some(template) = c.template else { return "not in Microsoft's map".into() };
    if scheme == Scheme::Application && is_me_path(template) {
        return NEEDS_USER.into();
    }
    answer(c.method, template, scheme)
        .published
        .first()
        .map_or("no published permission".into(), |r| r.permission.to_string())
}

fn mode_label(scheme: Scheme) -> &'static str {
    match scheme {
        Scheme::DelegatedWork => "Delegated (work or school accounts)",
        Scheme::DelegatedPersonal => "Delegated (personal Microsoft accounts)",
        Scheme::Application => "Application",
    }
}

/// The `scopepick build` line of a basket.
fn build_line(b: &Basket) -> Option<String> {
    let names = b.names();
    if names.is_empty() {
        return None;
    }
    Some(format!("scopepick build {} --mode {}", names.join(" "), b.scheme.kind().key()))
}

fn text(calls: &[ResolvedCall], baskets: &[Basket]) -> String {
    let mut header = vec!["CALL", "TEMPLATE"];
    header.extend(baskets.iter().map(|b| b.scheme.kind().label()));
    let rows: Vec<Vec<String>> = calls
        .iter()
        .map(|c| {
            let mut row =
                vec![call_label(c), c.template.map_or("-".into(), |t| printable(t).into())];
            row.extend(baskets.iter().map(|b| least(c, b.scheme)));
            row
        })
        .collect();
    let mut out =
        format!("{} (least published permission per mode):\n", counted(calls.len(), "call"));
    out.push_str(&columns(&header, &rows));
    let assumed = calls.iter().filter(|c| c.assumed_get).count();
    if assumed > 0 {
        out.push_str(&format!(
            "Assumed GET for {} that named no method.\n",
            counted(assumed, "call")
        ));
    }
    for b in baskets {
        let names = b.names();
        out.push_str(&format!(
            "\nMinimal basket · {}: {}\n",
            mode_label(b.scheme),
            counted(names.len(), "permission")
        ));
        for chosen in &b.chosen {
            let for_calls: Vec<String> =
                chosen.calls.iter().map(|&i| call_label(&calls[i])).collect();
            out.push_str(&format!("  {}  for {}\n", chosen.permission, for_calls.join(", ")));
        }
        for also in &b.also_required {
            out.push_str(&format!(
                "  {}  also required by {} (Microsoft lists: {})\n",
                also.permission, also.by, also.listed
            ));
        }
        for &i in &b.needs_user {
            out.push_str(&format!(
                "  left out: {} ({NEEDS_USER}; an app-only token has no user for /me, call /users/{{id}}/… instead)\n",
                call_label(&calls[i])
            ));
        }
        for &i in &b.allowed_by_nothing {
            out.push_str(&format!(
                "  allowed by nothing: {} ({})\n",
                call_label(&calls[i]),
                least(&calls[i], b.scheme)
            ));
        }
        if let Some(line) = build_line(b) {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

fn json(calls: &[ResolvedCall], baskets: &[Basket]) -> anyhow::Result<String> {
    let calls_json: Vec<serde_json::Value> = calls
        .iter()
        .map(|c| {
            let rows: Vec<serde_json::Value> = baskets
                .iter()
                .map(|b| {
                    let a = c.template.map(|t| answer(c.method, t, b.scheme));
                    let names: Vec<&str> = a.iter().flat_map(|a| a.published.iter().map(|r| r.permission)).collect();
                    let needs_user = c.template.is_some_and(is_me_path) && b.scheme == Scheme::Application;
                    json!({ "scheme": b.scheme.label(), "permissions": names, "needs_signed_in_user": needs_user })
                })
                .collect();
            json!({
                "method": c.method.as_str(),
                "method_assumed": c.assumed_get,
                "path": c.path,
                "beta": c.beta,
                "template": c.template,
                "modes": rows,
            })
        })
        .collect();
    let basket_json = |kind: PermissionType| {
        baskets.iter().find(|b| b.scheme.kind() == kind).map(|b| {
            json!({
                "scheme": b.scheme.label(),
                "permissions": b.chosen.iter().map(|c| json!({ "name": c.permission, "calls": c.calls })).collect::<Vec<_>>(),
                "also_requires": b.also_required.iter().map(|a| json!({ "name": a.permission, "required_by": a.by, "listed": a.listed })).collect::<Vec<_>>(),
                "allowed_by_nothing": b.allowed_by_nothing,
                "needs_signed_in_user": b.needs_user,
                "build": build_line(b),
            })
        })
    };
    let doc = json!({
        "calls": calls_json,
        "basket": PermissionType::ALL
            .iter()
            .map(|&kind| (kind.key().to_string(), json!(basket_json(kind))))
            .collect::<serde_json::Map<_, _>>(),
    });
    Ok(json_without_raw_controls(serde_json::to_string_pretty(&doc)?) + "\n")
}
