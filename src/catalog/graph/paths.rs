//! Finding the calls of Microsoft's map for a path as a user writes it: real
//! ids match `{id}` templates; case, a trailing slash, the host, `/v1.0` or
//! `/beta` and a query string are ignored.

use super::{Call, HttpMethod, PrivilegeRank, Scheme, calls_at, data};
use thiserror::Error;

/// The templates and calls found for a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathLookup {
    /// The path as compared: no host, version, query or trailing slash.
    pub normalized: String,
    /// The most specific templates that match (usually one).
    pub templates: Vec<&'static str>,
    /// Their calls of the asked method (all methods when none was given) and
    /// scheme, by template, method and scheme, then in [`PrivilegeRank`] order.
    pub calls: Vec<Call>,
}

/// No template of Microsoft's map matches the path (or none with that method).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", message(.path, *.method, *.scheme, .templates, .suggestions))]
pub struct UnknownPath {
    /// The path as compared.
    pub path: String,
    /// The method asked for, if any.
    pub method: Option<HttpMethod>,
    /// The scheme asked for, if any.
    pub scheme: Option<Scheme>,
    /// Templates that match the path, when only the method is unknown for it.
    pub templates: Vec<&'static str>,
    /// The nearest known paths.
    pub suggestions: Vec<&'static str>,
}

fn message(
    path: &str,
    method: Option<HttpMethod>,
    scheme: Option<Scheme>,
    templates: &[&str],
    suggestions: &[&str],
) -> String {
    let path = crate::text::printable(path);
    if !templates.is_empty() {
        let call = method.map_or(path.to_string(), |m| format!("{m} {path}"));
        let scheme = scheme.map_or(String::new(), |s| format!(" for {}", s.label()));
        return format!("Microsoft's permissions map lists no permission{scheme} for {call}");
    }
    let mut text = format!("no API path {path} in Microsoft's permissions map");
    if !suggestions.is_empty() {
        text.push_str("; did you mean ");
        text.push_str(&suggestions.join(", "));
        text.push('?');
    }
    text
}

/// `input` without scheme and host, `/v1.0` or `/beta`, query string,
/// fragment, repeated and trailing slashes; always starting with `/`.
pub fn normalize_path(input: &str) -> String {
    let mut rest = input.trim();
    for prefix in ["https://", "http://"] {
        if rest.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix)) {
            rest = &rest[prefix.len()..];
            rest = rest.find('/').map_or("", |at| &rest[at..]);
        }
    }
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let mut segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .first()
        .is_some_and(|s| s.eq_ignore_ascii_case("v1.0") || s.eq_ignore_ascii_case("beta"))
    {
        segments.remove(0);
    }
    format!("/{}", segments.join("/"))
}

/// Whether one input segment fits one template segment: literal text ignoring
/// case, each `{...}` standing for at least one character.
fn segment_matches(template: &str, input: &str) -> bool {
    let Some(open) = template.find('{') else { return template.eq_ignore_ascii_case(input) };
    let close = template[open..].find('}').map_or(template.len(), |c| open + c + 1);
    let (literal, rest) = (&template[..open], &template[close..]);
    if !input.get(..literal.len()).is_some_and(|head| head.eq_ignore_ascii_case(literal)) {
        return false;
    }
    let input = &input[literal.len()..];
    if !rest.contains('{') {
        // The placeholder takes what the literal rest leaves, at least one byte.
        let Some(cut) = input.len().checked_sub(rest.len()).filter(|&n| n > 0) else {
            return false;
        };
        return input.is_char_boundary(cut) && input[cut..].eq_ignore_ascii_case(rest);
    }
    // The placeholder takes 1..=all remaining bytes; the rest must then fit.
    (1..=input.len())
        .filter(|&n| input.is_char_boundary(n))
        .any(|n| segment_matches(rest, &input[n..]))
}

/// For a template matching `segments`: which of its segments are placeholders
/// (smaller is more specific); `None` when it does not match.
fn specificity(template: &str, segments: &[&str]) -> Option<Vec<bool>> {
    let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    if parts.len() != segments.len() {
        return None;
    }
    parts
        .iter()
        .zip(segments)
        .map(|(t, s)| segment_matches(t, s).then(|| t.contains('{')))
        .collect()
}

/// The most specific templates of the map that match `input` (after
/// [`normalize_path`]): `/users/delta` before `/users/{id}`.
pub fn matching_paths(input: &str) -> Vec<&'static str> {
    let normalized = normalize_path(input);
    if normalized.len() > MATCH_MAX_BYTES {
        return Vec::new();
    }
    let segments: Vec<&str> = normalized.split('/').filter(|s| !s.is_empty()).collect();
    let mut best: Option<Vec<bool>> = None;
    let mut found = Vec::new();
    for template in data::paths() {
        let Some(key) = specificity(template, &segments) else { continue };
        match best.as_ref().map(|b| key.cmp(b)) {
            Some(std::cmp::Ordering::Greater) => {}
            Some(std::cmp::Ordering::Equal) => found.push(template),
            _ => {
                best = Some(key);
                found = vec![template];
            }
        }
    }
    found
}

/// Longest path that can match a template (the longest template is about
/// 250 bytes; real ids add some): longer input matches nothing, at once.
const MATCH_MAX_BYTES: usize = 2048;

/// Longest input compared for suggestions (typed paths are shorter).
const SUGGEST_MAX_CHARS: usize = 80;

/// The `n` known paths nearest to `input` by edit distance (ignoring case;
/// only the first 80 characters count, so any input is answered quickly).
pub fn nearest_paths(input: &str, n: usize) -> Vec<&'static str> {
    let wanted: String =
        normalize_path(input).to_ascii_lowercase().chars().take(SUGGEST_MAX_CHARS).collect();
    let wanted_len = wanted.chars().count();
    let mut best: Vec<(usize, &'static str)> = Vec::with_capacity(n + 1);
    for path in data::paths() {
        // The distance is at least the difference in length: skip paths
        // that cannot beat the n-th best so far.
        let bound = best.get(n.saturating_sub(1)).filter(|_| best.len() >= n).map(|b| b.0);
        if bound.is_some_and(|b| path.len().abs_diff(wanted_len) >= b) {
            continue;
        }
        let distance = strsim::levenshtein(&wanted, &path.to_ascii_lowercase());
        best.push((distance, path));
        best.sort_unstable();
        best.truncate(n);
    }
    best.into_iter().map(|(_, p)| p).collect()
}

/// The calls of Microsoft's map for `method` (any when `None`) on `path` in
/// `scheme` (every scheme when `None`), least privileged first; an unknown
/// path is an error naming the nearest known paths.
pub fn lookup(
    method: Option<HttpMethod>,
    path: &str,
    scheme: Option<Scheme>,
) -> Result<PathLookup, UnknownPath> {
    let found = find_calls(method, path, scheme);
    if found.calls.is_empty() {
        let PathLookup { normalized, templates, .. } = found;
        let suggestions =
            if templates.is_empty() { nearest_paths(&normalized, 3) } else { Vec::new() };
        return Err(UnknownPath { path: normalized, method, scheme, templates, suggestions });
    }
    Ok(found)
}

/// What [`lookup`] finds, without looking for suggestions when nothing
/// matches (so it is cheap enough for every keystroke).
pub fn find_calls(method: Option<HttpMethod>, path: &str, scheme: Option<Scheme>) -> PathLookup {
    let normalized = normalize_path(path);
    let templates = matching_paths(&normalized);
    let mut calls: Vec<Call> = templates
        .iter()
        .flat_map(|t| calls_at(t))
        .filter(|c| method.is_none_or(|m| c.method == m) && scheme.is_none_or(|s| c.scheme == s))
        .collect();
    calls.sort_by(|a, b| {
        (a.path, a.method, a.scheme)
            .cmp(&(b.path, b.method, b.scheme))
            .then_with(|| PrivilegeRank::of_call(a).cmp(&PrivilegeRank::of_call(b)))
    });
    PathLookup { normalized, templates, calls }
}
