//! Checking a scope string as someone pasted it: one resource, one cloud,
//! one flow. Problems are what Entra rejects or what silently asks for the
//! wrong token; everything Entra accepts as written is at most a note.

use super::analyse::{Context, Suggestions};
use super::split::{Separators, split};
use super::token::{Parsed, parse};
use super::{Diagnostic, Problem};
use crate::catalog::{Audience, AuthMode, Catalog, Cloud, OPENID_SCOPES, PermissionType};
use serde::Serialize;
use std::collections::HashSet;

/// What a token of a checked string turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TokenStatus {
    /// A permission in the catalog, a known Exchange Online scope or an OpenID scope.
    Known {
        /// Official name.
        name: String,
        /// The types it exists in, with their admin-consent flag.
        types: Vec<KnownType>,
    },
    /// `<resource>/.default` in any accepted form.
    Default,
    /// A scope of a resource scopepick has no catalog for (accepted unchecked).
    OtherResource,
    /// Not in the catalog.
    Unknown {
        /// The closest catalog name, if any is close.
        suggestion: Option<String>,
    },
}

/// One type a known permission exists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KnownType {
    /// Delegated or Application.
    #[serde(rename = "type")]
    pub kind: PermissionType,
    /// Whether that type needs admin consent.
    pub admin_consent: bool,
}

/// One token of a checked string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Token {
    /// The token exactly as given.
    pub text: String,
    /// What it is.
    #[serde(flatten)]
    pub status: TokenStatus,
    /// The resource it asks for; `None` for the OpenID scopes, which belong to none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Audience>,
}

/// The structured result of [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// The mode the string was checked for.
    pub mode: AuthMode,
    /// The cloud it was checked for: the one given, else the one its hosts name, else global.
    pub cloud: Cloud,
    /// The (first) resource the string asks for, if it names any.
    pub resource: Option<Audience>,
    /// The tokens in input order.
    pub tokens: Vec<Token>,
    /// What is wrong, in input order.
    pub problems: Vec<Problem>,
    /// Remarks that are not errors (casing, duplicates, refresh token, consent).
    pub notes: Vec<Diagnostic>,
    /// The corrected or normalised string, when it differs from the input and
    /// every problem has a sure fix.
    pub fixed: Option<String>,
}

impl CheckReport {
    /// Whether no problem was found.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }

    /// The resources whose scopes were not checked (no catalog): a string
    /// naming one is never called plainly clean.
    pub fn not_checked(&self) -> Vec<&str> {
        self.notes
            .iter()
            .filter_map(|n| match n {
                Diagnostic::NotChecked { resource } | Diagnostic::AzureAdGraph { resource } => {
                    Some(resource.as_str())
                }
                _ => None,
            })
            .collect()
    }
}

/// Checks a pasted scope string for `mode` in `cloud` (`None`: the cloud its
/// hosts name, else global) against `catalog`.
pub fn check(text: &str, mode: AuthMode, cloud: Option<Cloud>, catalog: &Catalog) -> CheckReport {
    let (body, quoted) = unquote(text);
    let (decoded, found) = url_decoded(body);
    let Separators { pairs, problems: separator_problems, extra_spaces } = split(&decoded);
    let parsed: Vec<Parsed> = pairs.iter().map(|(_, t)| parse(t)).collect();
    let cloud = cloud
        .or_else(|| parsed.iter().find_map(|p| p.origin.as_ref()?.resource?.1))
        .unwrap_or_default();
    let mut ctx = Context {
        mode,
        cloud,
        catalog,
        suggestions: Suggestions::default(),
        rows: Default::default(),
    };
    let mut problems = separator_problems;
    if !found.is_empty() {
        problems.insert(0, Problem::UrlEncoded { found });
    }
    let mut notes = Vec::new();
    if quoted {
        notes.push(Diagnostic::Quoted);
    }
    if extra_spaces {
        notes.push(Diagnostic::ExtraSpaces);
    }
    let mut tokens = Vec::new();
    let mut fixed_tokens: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    let mut fixed_seen = HashSet::new();
    let mut resources: Vec<(Audience, Option<String>)> = Vec::new();
    let (mut named, mut has_default) = (Vec::new(), Vec::new());
    for ((_, given), parsed) in pairs.iter().zip(&parsed) {
        let a = ctx.analyse(given, parsed);
        let repeated = seen.contains(&a.key);
        if !repeated {
            problems.extend(a.problems);
            notes.extend(a.notes);
        } else {
            // A repeat names nothing new, but how it is written can still fail.
            problems.extend(a.problems.into_iter().filter(Problem::is_in_the_writing));
        }
        if let Some(audience) = &a.token.resource {
            if !resources.iter().any(|(r, _)| r == audience) {
                resources.push((audience.clone(), a.default_fix.clone()));
            }
            if matches!(a.token.status, TokenStatus::Default) {
                has_default.push((audience.clone(), given.to_string()));
            } else {
                named.push(audience.clone());
            }
        }
        if !seen.insert(a.key) {
            notes.push(Diagnostic::Duplicate { given: given.to_string() });
        } else if !a.fixed.is_empty() && fixed_seen.insert(a.fixed_key) {
            fixed_tokens.push(a.fixed);
        }
        tokens.push(a.token);
    }
    if tokens.is_empty() {
        problems.push(Problem::Empty);
    }
    if let [(first, _), (second, _), ..] = resources.as_slice() {
        problems
            .push(Problem::TwoResources { first: first.to_string(), second: second.to_string() });
    }
    let app_fix = match resources.as_slice() {
        [(_, fix)] => fix.clone(),
        _ => None,
    };
    match mode {
        PermissionType::Application if !named.is_empty() => {
            problems.push(Problem::AppOnlyNamed { fix: app_fix.clone() });
            fixed_tokens = app_fix.into_iter().collect();
        }
        PermissionType::Application => {
            fixed_tokens.retain(|t| !OPENID_SCOPES.iter().any(|o| o.eq_ignore_ascii_case(t)));
        }
        PermissionType::Delegated => {
            if let Some((_, default)) = has_default.iter().find(|(r, _)| named.contains(r)) {
                problems.push(Problem::MixedDefault { default: default.clone() });
            }
        }
    }
    notes.extend(ctx.resource_notes(&resources));
    notes.extend(closing_notes(&tokens, mode));
    // Usually redundant pairs, by the privilege model (as `build` names them),
    // each catalog row once however often it is pasted.
    let mut rows: Vec<&crate::catalog::Permission> = tokens
        .iter()
        .filter_map(|t| match &t.status {
            TokenStatus::Known { name, .. } => catalog.find(name, mode),
            _ => None,
        })
        .collect();
    rows.sort_by_key(|p| std::ptr::from_ref(*p));
    rows.dedup_by_key(|p| std::ptr::from_ref(*p));
    notes.extend(super::build::redundant_pairs(&rows));
    let fixed = fixed_tokens.join(" ");
    let sure = problems.iter().all(Problem::has_sure_fix);
    let fixed = (sure && !fixed.is_empty() && fixed != text).then_some(fixed);
    let resource = resources.into_iter().next().map(|(r, _)| r);
    CheckReport { mode, cloud, resource, tokens, problems, notes, fixed }
}

/// What a URL writes for a space, `/` and `:`, as a string copied out of an
/// authorize URL's query carries them; matched ignoring case.
const URL_ESCAPES: [(&str, &str); 4] = [("+", " "), ("%20", " "), ("%2F", "/"), ("%3A", ":")];

/// `text` with [`URL_ESCAPES`] decoded, and the escapes found (in that order).
fn url_decoded(text: &str) -> (std::borrow::Cow<'_, str>, Vec<&'static str>) {
    let upper = text.to_ascii_uppercase();
    let found: Vec<&'static str> =
        URL_ESCAPES.iter().filter(|(e, _)| upper.contains(e)).map(|(e, _)| *e).collect();
    if found.is_empty() {
        return (text.into(), found);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let escape = URL_ESCAPES
            .iter()
            .find(|(e, _)| rest.get(..e.len()).is_some_and(|r| r.eq_ignore_ascii_case(e)));
        match escape {
            Some((e, plain)) => {
                out.push_str(plain);
                rest = &rest[e.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    (out.into(), found)
}

/// Quote characters a wiki, mail or chat may wrap a string in.
const QUOTES: [char; 7] = ['"', '\'', '`', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}'];

/// The text inside surrounding quotes (after trimming), and whether there were any.
fn unquote(text: &str) -> (&str, bool) {
    let trimmed = text.trim();
    let mut chars = trimmed.chars();
    match (chars.next(), chars.next_back()) {
        (Some(a), Some(b)) if QUOTES.contains(&a) && QUOTES.contains(&b) => {
            (&trimmed[a.len_utf8()..trimmed.len() - b.len_utf8()], true)
        }
        _ => (text, false),
    }
}

/// Refresh-token and admin-consent notes.
fn closing_notes(tokens: &[Token], mode: AuthMode) -> Vec<Diagnostic> {
    let known: Vec<(&str, bool)> = tokens
        .iter()
        .filter_map(|t| match &t.status {
            TokenStatus::Known { name, types } => {
                let consent =
                    types.iter().find(|k| k.kind == mode).is_some_and(|k| k.admin_consent);
                Some((name.as_str(), consent))
            }
            _ => None,
        })
        .collect();
    let mut notes = Vec::new();
    if tokens.is_empty() {
        return notes;
    }
    if mode == PermissionType::Delegated && !known.iter().any(|(n, _)| *n == "offline_access") {
        notes.push(Diagnostic::NoRefreshToken);
    }
    let count = known.iter().filter(|(_, c)| *c).count();
    if count > 0 && mode == PermissionType::Delegated {
        notes.push(Diagnostic::AdminConsent { count, total: known.len() });
    }
    notes.extend(super::resource_notes(known.iter().map(|(name, _)| (*name, mode))));
    notes
}
