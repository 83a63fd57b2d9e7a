//! The picker's API-call query: a query that starts with `/` or with an HTTP
//! method (`GET /me/events`) lists the permissions that allow that call. A
//! small entry point of its own, so the search can call it.

use super::{HttpMethod, Scheme, answer, calls_at, find_calls, is_me_path, normalize_path};
use crate::catalog::{Catalog, Permission};
use std::collections::HashMap;

/// Most templates a partly typed path is widened to.
const PREFIX_TEMPLATES: usize = 64;

/// `Some((method, path))` when `query` asks for an API call: it starts with
/// `/`, `http`, or an HTTP method followed by such a path.
pub fn api_query(query: &str) -> Option<(Option<HttpMethod>, &str)> {
    let query = query.trim_start();
    let is_path =
        |s: &str| s.starts_with('/') || s.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("http"));
    if is_path(query) {
        return Some((None, query.trim_end()));
    }
    let (word, rest) = query.split_once(char::is_whitespace)?;
    let method: HttpMethod = word.parse().ok()?;
    let rest = rest.trim();
    is_path(rest).then_some((Some(method), rest))
}

/// The rows of `catalog` that `admits` lets through and that allow
/// `method path` (work accounts for Delegated), least privileged first by
/// the privilege model ([`answer`]); Application rows are left out for `/me…`
/// calls, which need a signed-in user. A path that matches no template is
/// taken as the start of one (`/me/eve`), so rows show while typing.
pub fn rows_for_call(
    catalog: &Catalog,
    method: Option<HttpMethod>,
    path: &str,
    admits: impl Fn(&Permission) -> bool,
) -> Vec<usize> {
    let found = find_calls(method, path, None);
    let calls: Vec<super::Call> = match found.calls.is_empty() {
        false => found.calls,
        true => {
            let typed = normalize_path(path).to_ascii_lowercase();
            super::data::paths()
                .filter(|p| typed.len() > 1 && p.to_ascii_lowercase().starts_with(&typed))
                .take(PREFIX_TEMPLATES)
                .flat_map(calls_at)
                .filter(|c| method.is_none_or(|m| c.method == m))
                .collect()
        }
    };
    let mut groups: Vec<(HttpMethod, &'static str, Scheme)> = calls
        .iter()
        .filter(|c| c.scheme != Scheme::DelegatedPersonal)
        .filter(|c| !(c.scheme == Scheme::Application && is_me_path(c.path)))
        .map(|c| (c.method, c.path, c.scheme))
        .collect();
    groups.sort_unstable();
    groups.dedup();
    let mut best: HashMap<usize, usize> = HashMap::new();
    for (m, p, scheme) in groups {
        for (place, r) in answer(m, p, scheme).published.iter().enumerate() {
            let Some(index) = catalog
                .rows_named(r.permission)
                .into_iter()
                .find(|&i| catalog.permissions[i].kind == scheme.kind())
            else {
                continue;
            };
            if admits(&catalog.permissions[index]) {
                best.entry(index).and_modify(|b| *b = (*b).min(place)).or_insert(place);
            }
        }
    }
    let mut rows: Vec<(usize, usize)> = best.into_iter().map(|(i, place)| (place, i)).collect();
    rows.sort_by_key(|&(place, i)| (place, catalog.permissions[i].kind, i));
    rows.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_queries_start_with_a_path_or_a_method_and_a_path() {
        assert_eq!(api_query("/me/events"), Some((None, "/me/events")));
        assert_eq!(api_query("GET /me/events"), Some((Some(HttpMethod::Get), "/me/events")));
        assert_eq!(
            api_query("post https://graph.microsoft.com/v1.0/me/sendMail"),
            Some((Some(HttpMethod::Post), "https://graph.microsoft.com/v1.0/me/sendMail"))
        );
        assert_eq!(api_query("get mail"), None);
        assert_eq!(api_query("delete"), None);
        assert_eq!(api_query("mail send"), None);
    }

    #[test]
    fn rows_for_a_call_are_least_privileged_first_and_filtered() {
        let catalog = Catalog::builtin();
        let rows = rows_for_call(&catalog, Some(HttpMethod::Get), "/me/events", |p| {
            p.kind == crate::catalog::PermissionType::Delegated
        });
        let names: Vec<&str> = rows.iter().map(|&i| catalog.permissions[i].name.as_str()).collect();
        assert_eq!(names, ["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"]);
        let send = rows_for_call(&catalog, Some(HttpMethod::Post), "/me/sendMail", |_| true);
        assert!(send.iter().all(|&i| catalog.permissions[i].name == "Mail.Send"));
        assert_eq!(send.len(), 1, "Delegated only: /me needs a signed-in user");
        let users =
            rows_for_call(&catalog, Some(HttpMethod::Post), "/users/{id}/sendMail", |_| true);
        assert_eq!(users.len(), 2, "Delegated and Application");
        let typing = rows_for_call(&catalog, None, "/me/sendm", |_| true);
        assert!(!typing.is_empty(), "a partly typed path shows rows");
    }
}
