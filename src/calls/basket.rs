//! The minimal basket of a set of calls in one scheme: each call's least
//! published permission by the privilege model; a chosen permission is dropped
//! only when another chosen one already allows every call it was chosen for,
//! so two narrower permissions are never replaced by one broader.

use crate::catalog::graph::{Answer, HttpMethod, Scheme, answer, find_calls, is_me_path};
use std::fmt;

/// One call resolved against Microsoft's map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedCall {
    /// The method (GET when the call named none).
    pub method: HttpMethod,
    /// Whether GET was assumed because the call named no method.
    pub assumed_get: bool,
    /// The path as compared (no host, version or query).
    pub path: String,
    /// Whether the call was written against `/beta`.
    pub beta: bool,
    /// The map's template for the path and method, if the map knows the call.
    pub template: Option<&'static str>,
}

impl ResolvedCall {
    /// Resolves `path` (a path or URL) for `method` (GET when `None`).
    pub fn new(method: Option<HttpMethod>, path: &str) -> ResolvedCall {
        let found = find_calls(Some(method.unwrap_or(HttpMethod::Get)), path, None);
        let template = found.calls.first().map(|c| c.path);
        ResolvedCall {
            method: method.unwrap_or(HttpMethod::Get),
            assumed_get: method.is_none(),
            path: found.normalized,
            beta: written_against_beta(path),
            template,
        }
    }
}

/// Whether `path` (a path or URL) names Graph's `/beta` version.
pub(super) fn written_against_beta(path: &str) -> bool {
    let rest = path.trim().to_ascii_lowercase();
    let rest = rest
        .split_once("://")
        .map_or(rest.as_str(), |(_, r)| r.find('/').map_or("", |at| &r[at..]));
    rest.trim_start_matches('/').starts_with("beta/")
}

impl fmt::Display for ResolvedCall {
    /// `GET /me/events`, with ` (beta)` for a call written against `/beta`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let beta = if self.beta { " (beta)" } else { "" };
        write!(f, "{} {}{beta}", self.method, self.path)
    }
}

/// A permission of the basket and the calls it was chosen for (indices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The permission's name.
    pub permission: &'static str,
    /// The calls it allows that brought it in (indices into the calls).
    pub calls: Vec<usize>,
}

/// A permission Microsoft's map says a chosen one also requires. Where the
/// map lists several, one of them already in the basket is enough; else the
/// first listed is added and the list is kept to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlsoRequired {
    /// The added permission.
    pub permission: String,
    /// The chosen permission that requires it.
    pub by: &'static str,
    /// Microsoft's list, as written (comma-separated).
    pub listed: &'static str,
}

/// The minimal basket of one scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basket {
    /// The scheme.
    pub scheme: Scheme,
    /// The chosen permissions, in the order the calls brought them in.
    pub chosen: Vec<Chosen>,
    /// Permissions added because a chosen one also requires them.
    pub also_required: Vec<AlsoRequired>,
    /// Calls no permission of this scheme allows (indices).
    pub allowed_by_nothing: Vec<usize>,
    /// `/me…` calls left out in Application: an app-only token has no user.
    pub needs_user: Vec<usize>,
}

impl Basket {
    /// Every name of the basket: the chosen, then the also required.
    pub fn names(&self) -> Vec<&str> {
        let chosen = self.chosen.iter().map(|c| c.permission);
        chosen.chain(self.also_required.iter().map(|a| a.permission.as_str())).collect()
    }
}

/// The minimal basket of `calls` in `scheme`.
pub fn minimal(calls: &[ResolvedCall], scheme: Scheme) -> Basket {
    let mut basket = Basket {
        scheme,
        chosen: Vec::new(),
        also_required: Vec::new(),
        allowed_by_nothing: Vec::new(),
        needs_user: Vec::new(),
    };
    let mut answers: Vec<Option<Answer>> = Vec::with_capacity(calls.len());
    for (i, call) in calls.iter().enumerate() {
        let Some(template) = call.template else {
            basket.allowed_by_nothing.push(i);
            answers.push(None);
            continue;
        };
        if scheme == Scheme::Application && is_me_path(template) {
            basket.needs_user.push(i);
            answers.push(None);
            continue;
        }
        let a = answer(call.method, template, scheme);
        match a.published.first() {
            None => basket.allowed_by_nothing.push(i),
            Some(least) => {
                match basket.chosen.iter_mut().find(|c| c.permission == least.permission) {
                    Some(c) => c.calls.push(i),
                    None => {
                        basket.chosen.push(Chosen { permission: least.permission, calls: vec![i] })
                    }
                }
            }
        }
        answers.push(Some(a));
    }
    // Q allows call i when Q is a row of its answer whose "also requires"
    // (if any) another kept permission already meets: never a way in for a
    // broader permission through a requirement.
    let allows = |chosen: &[Chosen], q: usize, dropped: usize, i: usize| {
        let name = chosen[q].permission;
        let row =
            answers[i].as_ref().and_then(|a| a.published.iter().find(|r| r.permission == name));
        row.is_some_and(|r| {
            r.also_requires.is_none_or(|listed| {
                listed.split(',').any(|n| {
                    chosen.iter().enumerate().any(|(k, c)| k != dropped && c.permission == n.trim())
                })
            })
        })
    };
    let mut at = 0;
    while at < basket.chosen.len() {
        let chosen = &basket.chosen;
        let keeper = (0..chosen.len())
            .find(|&q| q != at && chosen[at].calls.iter().all(|&i| allows(chosen, q, at, i)));
        match keeper {
            Some(q) => {
                let moved = basket.chosen.remove(at);
                let q = if q > at { q - 1 } else { q };
                basket.chosen[q].calls.extend(moved.calls);
                basket.chosen[q].calls.sort_unstable();
            }
            None => at += 1,
        }
    }
    let mut also: Vec<AlsoRequired> = Vec::new();
    for chosen in &basket.chosen {
        for &i in &chosen.calls {
            let Some(a) = &answers[i] else { continue };
            let row = a.published.iter().find(|r| r.permission == chosen.permission);
            let Some(listed) = row.and_then(|r| r.also_requires) else { continue };
            let names: Vec<&str> =
                listed.split(',').map(str::trim).filter(|n| !n.is_empty()).collect();
            let held = |name: &str| {
                basket.chosen.iter().any(|c| c.permission == name)
                    || also.iter().any(|a: &AlsoRequired| a.permission == name)
            };
            if let Some(first) = names.first().filter(|_| !names.iter().any(|n| held(n))) {
                also.push(AlsoRequired {
                    permission: first.to_string(),
                    by: chosen.permission,
                    listed,
                });
            }
        }
    }
    basket.also_required = also;
    basket
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(list: &[(&str, &str)]) -> Vec<ResolvedCall> {
        list.iter().map(|(m, p)| ResolvedCall::new(Some(m.parse().unwrap()), p)).collect()
    }

    fn names(list: &[(&str, &str)], scheme: Scheme) -> Vec<String> {
        minimal(&calls(list), scheme).names().into_iter().map(String::from).collect()
    }

    #[test]
    fn two_narrower_permissions_are_never_replaced_by_one_broader() {
        // Directory.Read.All allows both; the basket keeps each call's own least.
        let list = [("GET", "/users/{id}"), ("GET", "/groups/{id}")];
        for scheme in [Scheme::DelegatedWork, Scheme::Application] {
            let both = names(&list, scheme);
            let alone: Vec<String> = list.iter().flat_map(|&call| names(&[call], scheme)).collect();
            assert_eq!(both, alone, "{scheme:?}");
            assert_eq!(both.len(), 2, "{both:?}");
            assert!(both.iter().all(|n| !n.starts_with("Directory.")), "{both:?}");
        }
    }

    #[test]
    fn a_chosen_permission_goes_only_when_another_chosen_one_allows_its_calls() {
        let list = [("GET", "/me/messages"), ("POST", "/me/messages")];
        let basket = minimal(&calls(&list), Scheme::DelegatedWork);
        let names = basket.names();
        assert_eq!(names, ["Mail.ReadWrite"], "{basket:?}");
        assert_eq!(basket.chosen[0].calls, [0, 1]);
    }

    #[test]
    fn also_required_permissions_are_added_and_named() {
        let list = [("POST", "/applications/{id}/tokenIssuancePolicies")];
        let basket = minimal(&calls(&list), Scheme::Application);
        assert_eq!(basket.names(), ["Application.ReadWrite.OwnedBy", "Policy.Read.All"]);
        assert_eq!(basket.also_required[0].by, "Application.ReadWrite.OwnedBy");
        // Already in the basket: not added twice.
        let list = [list[0], ("GET", "/policies/tokenIssuancePolicies")];
        let basket = minimal(&calls(&list), Scheme::Application);
        assert!(basket.also_required.is_empty(), "{basket:?}");
        assert!(basket.names().contains(&"Policy.Read.All"), "{basket:?}");
    }

    #[test]
    fn me_calls_are_left_out_of_application_and_unknown_calls_are_allowed_by_nothing() {
        let list = [("GET", "/me/events"), ("GET", "/users/{id}/events"), ("GET", "/no/such/api")];
        let basket = minimal(&calls(&list), Scheme::Application);
        assert_eq!(basket.needs_user, [0]);
        assert_eq!(basket.allowed_by_nothing, [2]);
        assert_eq!(basket.names(), ["Calendars.ReadBasic.All"]);
        let delegated = minimal(&calls(&list), Scheme::DelegatedWork);
        assert_eq!(delegated.needs_user, Vec::<usize>::new());
        assert_eq!(delegated.allowed_by_nothing, [2]);
    }
}
