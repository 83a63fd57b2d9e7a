//! From the calls an app makes to the permissions it needs: reading calls out
//! of arguments, logs, code and HAR files ([`extract`]), and the minimal basket
//! of the privilege model's least permissions ([`basket`]). No I/O here.

pub mod basket;
pub mod extract;

use crate::catalog::graph::{HttpMethod, normalize_path};
use basket::ResolvedCall;
use std::collections::HashSet;

/// One call as written: the method, when one was named, and the path or URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenCall {
    /// The HTTP method, `None` when the call named none.
    pub method: Option<HttpMethod>,
    /// The path or URL as written.
    pub path: String,
}

/// Whether `word` is a path or a URL rather than a method.
fn is_path(word: &str) -> bool {
    word.starts_with('/')
        || ["https://", "http://"]
            .iter()
            .any(|p| word.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
}

/// The calls of `api`'s arguments: a method binds to the path after it
/// (`GET /me POST /me/sendMail`), a quoted `"METHOD PATH"` splits the same
/// way, and a path with no method before it keeps `None`.
pub fn parse_arguments(args: &[String]) -> Result<Vec<WrittenCall>, String> {
    let mut calls = Vec::new();
    let mut pending: Option<HttpMethod> = None;
    for word in args.iter().flat_map(|a| a.split_whitespace()) {
        if is_path(word) {
            calls.push(WrittenCall { method: pending.take(), path: word.to_string() });
            continue;
        }
        if let Some(method) = pending {
            return Err(format!("{method} must be followed by a path, e.g. `{method} /me`"));
        }
        pending = Some(word.parse()?);
    }
    match pending {
        Some(method) => Err(format!("{method} must be followed by a path, e.g. `{method} /me`")),
        None if calls.is_empty() => {
            Err("expected [METHOD] PATH, e.g. `scopepick api POST /me/sendMail`".into())
        }
        None => Ok(calls),
    }
}

/// The calls resolved once each, as `api` and the picker's paste read them:
/// the same written call is looked up once, and the same method and
/// template (or unknown path) is kept once. Hash sets keep this linear in
/// the input.
pub fn distinct(written: &[WrittenCall]) -> Vec<ResolvedCall> {
    let mut looked_up: HashSet<(Option<HttpMethod>, String)> = HashSet::new();
    let mut kept: HashSet<(HttpMethod, String)> = HashSet::new();
    let mut calls: Vec<ResolvedCall> = Vec::new();
    for w in written {
        let shape = id_shape(&normalize_path(&w.path));
        if !looked_up.insert((w.method, shape.to_lowercase())) {
            continue;
        }
        let mut call = ResolvedCall::new(w.method, &shape);
        // The shape has no version left: whether it was `/beta` is the written path's.
        call.beta = basket::written_against_beta(&w.path);
        let key = call.template.map_or_else(|| call.path.to_lowercase(), str::to_lowercase);
        if kept.insert((call.method, key)) {
            calls.push(call);
        }
    }
    calls
}

/// `path` with GUIDs and numbers as `{id}`: a thousand users' ids are one
/// lookup (no literal segment of the map is a GUID or a number).
fn id_shape(path: &str) -> String {
    let id = |s: &str| {
        let guid = s.len() == 36
            && s.bytes().filter(|&b| b == b'-').count() == 4
            && s.bytes().all(|b| b == b'-' || b.is_ascii_hexdigit());
        guid || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
    };
    let segments: Vec<&str> = path.split('/').map(|s| if id(s) { "{id}" } else { s }).collect();
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Vec<(Option<HttpMethod>, String)>, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        parse_arguments(&args).map(|c| c.into_iter().map(|c| (c.method, c.path)).collect())
    }

    #[test]
    fn a_method_binds_to_the_path_after_it() {
        let get = Some(HttpMethod::Get);
        let post = Some(HttpMethod::Post);
        assert_eq!(parse(&["GET", "/me"]).unwrap(), [(get, "/me".into())]);
        assert_eq!(
            parse(&["GET", "/me", "POST", "/me/sendMail", "/me/events"]).unwrap(),
            [(get, "/me".into()), (post, "/me/sendMail".into()), (None, "/me/events".into())]
        );
        assert_eq!(
            parse(&["GET /me/events", "post /me/sendMail"]).unwrap(),
            [(get, "/me/events".into()), (post, "/me/sendMail".into())]
        );
        assert_eq!(
            parse(&["/me/events", "/me/messages"]).unwrap(),
            [(None, "/me/events".into()), (None, "/me/messages".into())]
        );
    }

    #[test]
    fn each_call_is_kept_once_ids_as_one_shape_and_beta_is_marked() {
        let written = extract::calls_in(
            "GET https://graph.microsoft.com/v1.0/users/42/events\n\
             GET https://graph.microsoft.com/v1.0/users/0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b/events\n\
             GET https://graph.microsoft.com/beta/me/events\n",
        );
        let calls = distinct(&written);
        let shown: Vec<String> = calls.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["GET /users/{id}/events", "GET /me/events (beta)"]);
    }

    #[test]
    fn a_method_without_a_path_or_an_unknown_word_is_an_error() {
        assert!(parse(&["GET"]).unwrap_err().contains("GET must be followed by a path"));
        assert!(parse(&["GET", "POST", "/me"]).is_err());
        assert!(parse(&["FETCH", "/me"]).unwrap_err().contains("unknown HTTP method 'FETCH'"));
        assert!(parse(&[]).is_err());
    }
}
