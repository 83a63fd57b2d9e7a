//! The picker's API-call query: a query that starts with `/` or with an HTTP
//! method (`GET /me/events`) lists the permissions that allow that call. A
//! small entry point of its own, so the search can call it.

use super::{Method, PrivilegeRank, Scheme, calls_at, find_calls, normalize_path};
use crate::catalog::{Catalog, Permission};
use std::collections::HashMap;

/// Most templates a partly typed path is widened to.
const PREFIX_TEMPLATES: usize = 64;

/// `Some((method, path))` when `query` asks for an API call: it starts with
/// `/`, `http`, or an HTTP method followed by such a path.
pub fn api_query(query: &str) -> Option<(Option<Method>, &str)> {
    let query = query.trim_start();
    let is_path =
        |s: &str| s.starts_with('/') || s.get(..4).is_some_and(|h| h.eq_ignore_ascii_case("http"));
    if is_path(query) {
        return Some((None, query.trim_end()));
    }
    let (word, rest) = query.split_once(char::is_whitespace)?;
    let method: Method = word.parse().ok()?;
    let rest = rest.trim();
    is_path(rest).then_some((Some(method), rest))
}

/// The rows of `catalog` that `admits` lets through and that allow
/// `method path` (work accounts for Delegated), least privileged first in
/// [`PrivilegeRank`] order. A path that matches no template is taken as the
/// start of one (`/me/eve`), so rows show while typing.
pub fn rows_for_call(
    catalog: &Catalog,
    method: Option<Method>,
    path: &str,
    admits: impl Fn(&Permission) -> bool,
) -> Vec<usize> {
    let found = find_calls(method, path, None);
    let calls: Vec<super::Call> = match found.calls.is_empty() {
        false => found.calls,
        true => {
            let typed = normalize_path(path).to_ascii_lowercase();
            super::data::PATHS
                .iter()
                .filter(|p| typed.len() > 1 && p.to_ascii_lowercase().starts_with(&typed))
                .take(PREFIX_TEMPLATES)
                .flat_map(|p| calls_at(p))
                .filter(|c| method.is_none_or(|m| c.method == m))
                .collect()
        }
    };
    let mut best: HashMap<usize, PrivilegeRank<'static>> = HashMap::new();
    for c in calls.iter().filter(|c| c.scheme != Scheme::DelegatedPersonal) {
        let Some(index) = catalog
            .rows_named(c.permission)
            .into_iter()
            .find(|&i| catalog.permissions[i].kind == c.scheme.kind())
        else {
            continue;
        };
        if !admits(&catalog.permissions[index]) {
            continue;
        }
        let rank = PrivilegeRank::of_call(c);
        best.entry(index).and_modify(|r| *r = r.clone().min(rank.clone())).or_insert(rank);
    }
    let mut rows: Vec<(PrivilegeRank, usize)> = best.into_iter().map(|(i, r)| (r, i)).collect();
    rows.sort_by(|a, b| {
        a.0.cmp(&b.0).then(catalog.permissions[a.1].kind.cmp(&catalog.permissions[b.1].kind))
    });
    rows.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_queries_start_with_a_path_or_a_method_and_a_path() {
        assert_eq!(api_query("/me/events"), Some((None, "/me/events")));
        assert_eq!(api_query("GET /me/events"), Some((Some(Method::Get), "/me/events")));
        assert_eq!(
            api_query("post https://graph.microsoft.com/v1.0/me/sendMail"),
            Some((Some(Method::Post), "https://graph.microsoft.com/v1.0/me/sendMail"))
        );
        assert_eq!(api_query("get mail"), None);
        assert_eq!(api_query("delete"), None);
        assert_eq!(api_query("mail send"), None);
    }

    #[test]
    fn rows_for_a_call_are_least_privileged_first_and_filtered() {
        let catalog = Catalog::builtin();
        let rows = rows_for_call(&catalog, Some(Method::Get), "/me/events", |p| {
            p.kind == crate::catalog::PermissionType::Delegated
        });
        let names: Vec<&str> = rows.iter().map(|&i| catalog.permissions[i].name.as_str()).collect();
        assert_eq!(names, ["Calendars.ReadBasic", "Calendars.ReadWrite", "Calendars.Read"]);
        let send = rows_for_call(&catalog, Some(Method::Post), "/me/sendMail", |_| true);
        assert!(send.iter().all(|&i| catalog.permissions[i].name == "Mail.Send"));
        assert_eq!(send.len(), 2, "Delegated and Application");
        let typing = rows_for_call(&catalog, None, "/me/sendm", |_| true);
        assert!(!typing.is_empty(), "a partly typed path shows rows");
    }
}
