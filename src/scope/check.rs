//! Checking a scope string as someone pasted it: one resource, one cloud,
//! one flow. Problems are what Entra rejects or what silently asks for the
//! wrong token; everything Entra accepts as written is at most a note.

use super::split::{Separators, split};
use super::token::{Parsed, parse};
use super::{Diagnostic, Problem, Suggestion, suggestion_for};
use crate::catalog::{
    Audience, AuthMode, Catalog, Cloud, OPENID_SCOPES, PermissionType, Resource, exchange_scope,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

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
}

/// Checks a pasted scope string for `mode` in `cloud` (`None`: the cloud its
/// hosts name, else global) against `catalog`.
pub fn check(text: &str, mode: AuthMode, cloud: Option<Cloud>, catalog: &Catalog) -> CheckReport {
    let (body, quoted) = unquote(text);
    let Separators { pairs, problems: separator_problems, extra_spaces } = split(body);
    let parsed: Vec<Parsed> = pairs.iter().map(|(_, t)| parse(t)).collect();
    let cloud = cloud
        .or_else(|| parsed.iter().find_map(|p| p.origin.as_ref()?.resource?.1))
        .unwrap_or_default();
    let mut ctx = Context { mode, cloud, catalog, suggestions: Suggestions::default() };
    let mut problems = separator_problems;
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
    let mut resources: Vec<(Audience, Option<String>)> = Vec::new();
    let (mut named, mut has_default) = (Vec::new(), Vec::new());
    for ((_, given), parsed) in pairs.iter().zip(&parsed) {
        let a = ctx.analyse(given, parsed);
        let repeated = seen.contains(&a.key);
        if !repeated {
            // A repeat says nothing new: only its duplicate note below.
            problems.extend(a.problems);
            notes.extend(a.notes);
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
        } else {
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
    let fixed = fixed_tokens.join(" ");
    let sure = problems.iter().all(Problem::has_sure_fix);
    let fixed = (sure && !tokens.is_empty() && fixed != text).then_some(fixed);
    let resource = resources.into_iter().next().map(|(r, _)| r);
    CheckReport { mode, cloud, resource, tokens, problems, notes, fixed }
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

/// "Did you mean" lookups, remembered per token and limited in number, so
/// that a huge paste of unknown names stays fast.
#[derive(Default)]
struct Suggestions {
    known: HashMap<String, Option<Suggestion>>,
}

impl Suggestions {
    /// At most this many distinct tokens get a suggestion.
    const LIMIT: usize = 64;

    fn get(&mut self, catalog: &Catalog, token: &str, mode: AuthMode) -> Option<Suggestion> {
        let key = token.to_ascii_lowercase();
        if let Some(found) = self.known.get(&key) {
            return found.clone();
        }
        if self.known.len() >= Self::LIMIT {
            return None;
        }
        let found = suggestion_for(catalog, token, mode);
        self.known.insert(key, found.clone());
        found
    }
}

/// What the analysis of one token needs.
struct Context<'c> {
    mode: AuthMode,
    cloud: Cloud,
    catalog: &'c Catalog,
    suggestions: Suggestions,
}

/// What one token is, its problems and notes, and its corrected spelling.
struct Analysed {
    token: Token,
    problems: Vec<Problem>,
    notes: Vec<Diagnostic>,
    fixed: String,
    /// Identity for duplicate detection: resource and name, lowercase.
    key: String,
    /// `<resource>/.default` for the token's resource, as the app-only fix.
    default_fix: Option<String>,
}

impl Context<'_> {
    fn analyse(&mut self, given: &str, parsed: &Parsed) -> Analysed {
        let mut a = Analysed {
            token: Token {
                text: given.to_string(),
                status: TokenStatus::OtherResource,
                resource: None,
            },
            problems: Vec::new(),
            notes: Vec::new(),
            fixed: given.to_string(),
            key: given.to_ascii_lowercase(),
            default_fix: None,
        };
        if let Some(openid) = OPENID_SCOPES.iter().find(|o| o.eq_ignore_ascii_case(parsed.name)) {
            self.openid(&mut a, openid, parsed.origin.is_some());
            return a;
        }
        let origin = parsed.origin.as_ref();
        let resource = match origin {
            None => Some(Resource::Graph),
            Some(o) => o.resource.map(|(r, _)| r),
        };
        if let Some(host_cloud) = origin.and_then(|o| o.resource?.1)
            && host_cloud != self.cloud
        {
            a.problems.push(Problem::CloudMismatch {
                given: given.into(),
                cloud: host_cloud,
                expected: self.cloud,
            });
        }
        let audience = match resource {
            Some(r) => Audience::Known(r),
            None => {
                Audience::Other(origin.map_or(String::new(), |o| o.written.to_ascii_lowercase()))
            }
        };
        a.default_fix = match (&audience, origin) {
            (Audience::Known(r), _) => r.default_scope(self.cloud),
            (Audience::Other(_), Some(o)) => Some(format!("{}/.default", o.written)),
            (Audience::Other(_), None) => None,
        };
        a.token.resource = Some(audience.clone());
        if parsed.name.eq_ignore_ascii_case(".default") {
            self.default(&mut a, parsed, &audience);
        } else {
            match resource {
                Some(Resource::Graph) => self.graph_name(&mut a, parsed),
                Some(Resource::ExchangeOnline) => self.exchange_name(&mut a, parsed),
                None => {}
            }
        }
        if a.fixed != given && !fix_is_problem(&a) {
            a.notes.push(Diagnostic::Casing { given: given.into(), correct: a.fixed.clone() });
        }
        a
    }

    fn openid(&self, a: &mut Analysed, official: &str, prefixed: bool) {
        a.fixed = official.to_string();
        a.key = format!("openid:{official}");
        if prefixed {
            a.problems.push(Problem::PrefixedOpenId {
                given: a.token.text.clone(),
                correct: official.into(),
            });
        }
        if self.mode == PermissionType::Application {
            a.problems.push(Problem::OpenIdInAppOnly { given: a.token.text.clone() });
        }
        if !prefixed && a.token.text != official {
            let given = a.token.text.clone();
            a.notes.push(Diagnostic::Casing { given, correct: official.into() });
        }
        let types = vec![KnownType { kind: PermissionType::Delegated, admin_consent: false }];
        a.token.status = TokenStatus::Known { name: official.into(), types };
    }

    fn default(&self, a: &mut Analysed, parsed: &Parsed, audience: &Audience) {
        a.token.status = TokenStatus::Default;
        a.key = format!("{audience}/.default").to_ascii_lowercase();
        match &parsed.origin {
            None => {
                let correct = a.default_fix.clone().unwrap_or_default();
                a.problems.push(Problem::BareDefault { correct: correct.clone() });
                a.fixed = correct;
            }
            Some(o) => {
                let host = match o.resource {
                    Some((r, Some(cloud))) => official_host(r, cloud, o.written),
                    Some((_, None)) => o.written.to_ascii_lowercase(),
                    None => o.written.to_string(),
                };
                let slash = if o.double { "//" } else { "/" };
                a.fixed = format!("{host}{slash}.default");
            }
        }
    }

    fn graph_name(&mut self, a: &mut Analysed, parsed: &Parsed) {
        let name = parsed.name;
        if let Some((official, kind)) = exchange_scope(name) {
            let correct = Resource::ExchangeOnline.qualify(official, self.cloud);
            a.problems.push(Problem::MailScopeOnGraph {
                given: a.token.text.clone(),
                correct: correct.clone(),
            });
            a.token.resource = Some(Audience::Known(Resource::ExchangeOnline));
            a.default_fix = Resource::ExchangeOnline.default_scope(self.cloud);
            a.key = format!("exchange/{official}").to_ascii_lowercase();
            a.fixed = correct.unwrap_or_else(|| a.token.text.clone());
            self.known_exchange(a, official, kind);
            return;
        }
        a.key = format!("graph/{name}").to_ascii_lowercase();
        let rows: Vec<_> = self
            .catalog
            .rows_named(name)
            .into_iter()
            .map(|i| &self.catalog.permissions[i])
            .collect();
        let Some(first) = rows.first() else {
            let suggestion = self.suggestions.get(self.catalog, name, self.mode);
            let shown = suggestion.as_ref().map(|s| s.name.clone());
            a.problems.push(Problem::Unknown { given: a.token.text.clone(), suggestion });
            a.token.status = TokenStatus::Unknown { suggestion: shown };
            return;
        };
        let official = first.name.clone();
        a.fixed = match &parsed.origin {
            None => official.clone(),
            Some(o) => match o.resource {
                Some((r, Some(cloud))) => {
                    format!("{}/{official}", official_host(r, cloud, o.written))
                }
                _ => format!("{}/{official}", o.written.to_ascii_lowercase()),
            },
        };
        let mut types: Vec<KnownType> = rows
            .iter()
            .map(|p| KnownType { kind: p.kind, admin_consent: p.admin_consent })
            .collect();
        types.sort_by_key(|t| t.kind);
        self.type_problem(a, &official, &types);
        a.token.status = TokenStatus::Known { name: official, types };
    }

    fn exchange_name(&self, a: &mut Analysed, parsed: &Parsed) {
        let Some((official, kind)) = exchange_scope(parsed.name) else {
            a.key = format!("exchange/{}", parsed.name).to_ascii_lowercase();
            a.notes.push(Diagnostic::NotChecked { resource: a.token.text.clone() });
            return;
        };
        a.key = format!("exchange/{official}").to_ascii_lowercase();
        if let Some(o) = &parsed.origin {
            a.fixed = match o.resource {
                Some((r, Some(cloud))) => {
                    format!("{}/{official}", official_host(r, cloud, o.written))
                }
                _ => format!("{}/{official}", o.written.to_ascii_lowercase()),
            };
        }
        self.known_exchange(a, official, kind);
    }

    fn known_exchange(&self, a: &mut Analysed, official: &str, kind: PermissionType) {
        let types = vec![KnownType { kind, admin_consent: kind == PermissionType::Application }];
        self.type_problem(a, official, &types);
        a.token.status = TokenStatus::Known { name: official.into(), types };
    }

    /// A name of one type only, checked in the other mode. Application mode
    /// reports named scopes once for the whole string instead.
    fn type_problem(&self, a: &mut Analysed, name: &str, types: &[KnownType]) {
        if let [only] = types
            && only.kind != self.mode
            && self.mode == PermissionType::Delegated
        {
            a.problems.push(Problem::WrongType {
                name: name.into(),
                kind: only.kind,
                mode: self.mode,
            });
        }
    }

    /// Notes about the resources named: unchecked ones, a national cloud.
    fn resource_notes(&self, resources: &[(Audience, Option<String>)]) -> Vec<Diagnostic> {
        let mut notes: Vec<Diagnostic> = resources
            .iter()
            .filter_map(|(r, _)| match r {
                Audience::Other(origin) => {
                    Some(Diagnostic::NotChecked { resource: origin.clone() })
                }
                Audience::Known(_) => None,
            })
            .collect();
        if self.cloud != Cloud::Global {
            notes.push(Diagnostic::NationalCloud { cloud: self.cloud });
        }
        notes
    }
}

/// Whether the token's changed spelling is already a problem's fix (not a casing note).
fn fix_is_problem(a: &Analysed) -> bool {
    a.problems.iter().any(|p| {
        matches!(
            p,
            Problem::BareDefault { .. }
                | Problem::PrefixedOpenId { .. }
                | Problem::MailScopeOnGraph { .. }
        )
    })
}

/// The official spelling of a known resource's host as written (ignoring case).
fn official_host(resource: Resource, cloud: Cloud, written: &str) -> String {
    let written = written.strip_suffix('/').unwrap_or(written);
    resource
        .origins(cloud)
        .iter()
        .find(|h| h.eq_ignore_ascii_case(written))
        .map_or_else(|| written.to_string(), |h| h.to_string())
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
    notes
}
