//! What one token of a checked string is: its resource, name, problems,
//! notes and corrected spelling.

use super::token::Parsed;
use super::{Diagnostic, KnownType, Problem, Suggestion, Token, TokenStatus, suggestion_for};
use crate::catalog::{Audience, AuthMode, Catalog, Cloud, OPENID_SCOPES, PermissionType, Resource};
use std::collections::HashMap;

/// "Did you mean" lookups, remembered per token and limited in number, so
/// that a huge paste of unknown names stays fast.
#[derive(Default)]
pub(super) struct Suggestions {
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
pub(super) struct Context<'c> {
    pub mode: AuthMode,
    pub cloud: Cloud,
    pub catalog: &'c Catalog,
    pub suggestions: Suggestions,
    /// Catalog rows by lowercase name: a long paste repeats its names, and
    /// the built-in catalog has 1,519 rows to scan.
    pub rows: HashMap<String, Vec<usize>>,
}

/// What one token is, its problems and notes, and its corrected spelling.
pub(super) struct Analysed {
    pub token: Token,
    pub problems: Vec<Problem>,
    pub notes: Vec<Diagnostic>,
    pub fixed: String,
    /// Identity for duplicate detection: resource and name, lowercase.
    pub key: String,
    /// The identity of `fixed` (differs from `key` when the fix names
    /// another permission), so that the corrected string names each once.
    pub fixed_key: String,
    /// `<resource>/.default` for the token's resource, as the app-only fix.
    pub default_fix: Option<String>,
}

impl Context<'_> {
    /// Analyses `given`, already split by [`super::token::parse`].
    pub fn analyse(&mut self, given: &str, parsed: &Parsed) -> Analysed {
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
            fixed_key: String::new(),
            default_fix: None,
        };
        if parsed.trailing_slash {
            a.fixed = given.trim_end_matches('/').to_string();
        }
        if let Some(openid) = OPENID_SCOPES.iter().find(|o| o.eq_ignore_ascii_case(parsed.name)) {
            self.openid(&mut a, openid, parsed.origin.is_some());
            a.fixed_key = a.key.clone();
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
                Some(other) => self.table_name(&mut a, parsed, other),
                None => {}
            }
        }
        if let Some(o) = origin.filter(|o| o.look_alike)
            && let Some((r, cloud)) = o.resource
            && let Some(rest) = a.fixed.strip_prefix(o.written)
        {
            a.fixed = format!("{}{rest}", official_host(r, cloud.unwrap_or(self.cloud), o.written));
        }
        self.written_problems(&mut a, parsed);
        if a.fixed != given && !fix_is_problem(&a) {
            a.notes.push(Diagnostic::Casing { given: given.into(), correct: a.fixed.clone() });
        }
        if a.fixed_key.is_empty() {
            a.fixed_key = a.key.clone();
        }
        a
    }

    /// Problems of how the token is written rather than what it names:
    /// a trailing slash, a look-alike or closed host.
    fn written_problems(&self, a: &mut Analysed, parsed: &Parsed) {
        let given = a.token.text.clone();
        if parsed.trailing_slash {
            a.problems
                .push(Problem::TrailingSlash { given: given.clone(), correct: a.fixed.clone() });
        }
        let Some(o) = &parsed.origin else { return };
        if o.look_alike {
            a.problems.push(Problem::LookAlike { given, correct: a.fixed.clone() });
        } else if super::token::host(o.written).as_deref() == Some(GERMANY) {
            a.problems.push(Problem::ClosedCloud { given });
        }
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
        let owner = Resource::of_name(name);
        if let Some(scope) = owner.scope(name) {
            // Another resource's scope written short: the token would be
            // Graph's. In Application mode the `.default` fix says it all, and
            // an app role in Delegated mode is a wrong type, never a named scope.
            let correct = owner.qualify(scope.name, self.cloud);
            let named = self.mode == PermissionType::Delegated && scope.kind == self.mode;
            if named {
                a.problems.push(Problem::ScopeOfOtherResource {
                    given: a.token.text.clone(),
                    resource: owner.label(),
                    correct: correct.clone(),
                });
            }
            a.token.resource = Some(Audience::Known(owner));
            a.default_fix = owner.default_scope(self.cloud);
            a.key = format!("{}/{}", owner.spec().key, scope.name).to_ascii_lowercase();
            if named {
                a.fixed = correct.unwrap_or_else(|| a.token.text.clone());
            }
            self.known_scope(a, scope.name, scope.kind);
            return;
        }
        a.key = format!("graph/{name}").to_ascii_lowercase();
        let catalog = self.catalog;
        let rows: Vec<_> = self
            .rows
            .entry(name.to_ascii_lowercase())
            .or_insert_with(|| catalog.rows_named(name))
            .iter()
            .map(|&i| &catalog.permissions[i])
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

    /// A name qualified with the host of a resource of the table (not Graph).
    fn table_name(&self, a: &mut Analysed, parsed: &Parsed, resource: Resource) {
        let key = resource.spec().key;
        let Some(scope) = resource.scope(parsed.name) else {
            a.key = format!("{key}/{}", parsed.name).to_ascii_lowercase();
            a.notes.push(Diagnostic::NotChecked { resource: a.token.text.clone() });
            return;
        };
        let (official, kind) = (scope.name, scope.kind);
        a.key = format!("{key}/{official}").to_ascii_lowercase();
        if let Some(o) = &parsed.origin {
            a.fixed = match o.resource {
                Some((r, Some(cloud))) => {
                    format!("{}/{official}", official_host(r, cloud, o.written))
                }
                _ => format!("{}/{official}", o.written.to_ascii_lowercase()),
            };
        }
        self.known_scope(a, official, kind);
    }

    fn known_scope(&self, a: &mut Analysed, official: &str, kind: PermissionType) {
        let types = vec![KnownType { kind, admin_consent: kind == PermissionType::Application }];
        self.type_problem(a, official, &types);
        a.token.status = TokenStatus::Known { name: official.into(), types };
    }

    /// An Application-only name in a Delegated string, with its Delegated
    /// counterpart: the same name without `.All`, when the catalog has that
    /// as a Delegated permission (`Chat.Read.All` → `Chat.Read`). Application
    /// mode reports named scopes once for the whole string instead.
    fn type_problem(&self, a: &mut Analysed, name: &str, types: &[KnownType]) {
        if let [only] = types
            && only.kind != self.mode
            && self.mode == PermissionType::Delegated
        {
            let counterpart = name
                .len()
                .checked_sub(".All".len())
                .filter(|&end| name.is_char_boundary(end))
                .filter(|&end| name[end..].eq_ignore_ascii_case(".All"))
                .and_then(|end| self.catalog.find(&name[..end], PermissionType::Delegated))
                .map(|p| p.name.clone());
            // The fix: the counterpart written as the name was, or nothing.
            let prefix = a.fixed.rfind('/').map_or("", |i| &a.fixed[..=i]);
            a.fixed = counterpart.as_ref().map_or(String::new(), |c| format!("{prefix}{c}"));
            a.fixed_key = counterpart.as_ref().map_or(String::new(), |c| {
                format!("{}/{c}", a.key.rsplit_once('/').map_or("", |(r, _)| r))
            });
            a.fixed_key.make_ascii_lowercase();
            if let Some(counterpart) = &counterpart {
                let counterpart = counterpart.clone();
                a.notes.push(Diagnostic::Narrowed { name: name.into(), counterpart });
            }
            a.problems.push(Problem::WrongType { name: name.into(), counterpart });
        }
    }

    /// Notes about the resources named: unchecked ones, a national cloud.
    pub fn resource_notes(&self, resources: &[(Audience, Option<String>)]) -> Vec<Diagnostic> {
        let mut notes: Vec<Diagnostic> = resources
            .iter()
            .filter_map(|(r, _)| match r {
                Audience::Other(origin) => match super::token::host(origin).as_deref() {
                    Some(AZURE_AD_GRAPH) => {
                        Some(Diagnostic::AzureAdGraph { resource: origin.clone() })
                    }
                    Some(GERMANY) => None,
                    _ => Some(Diagnostic::NotChecked { resource: origin.clone() }),
                },
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
                | Problem::ScopeOfOtherResource { .. }
                | Problem::WrongType { .. }
                | Problem::TrailingSlash { .. }
                | Problem::LookAlike { .. }
        )
    })
}

/// Azure AD Graph's host: retiring, a warning.
const AZURE_AD_GRAPH: &str = "graph.windows.net";
/// Microsoft Graph's host in Microsoft Cloud Germany: closed, a problem.
const GERMANY: &str = "graph.microsoft.de";

/// The official spelling of a known resource's host as written (ignoring
/// case); for a look-alike (`http://`, `:443`) the resource's first host.
fn official_host(resource: Resource, cloud: Cloud, written: &str) -> String {
    let written = written.strip_suffix('/').unwrap_or(written);
    let origins = resource.origins(cloud);
    origins
        .iter()
        .find(|h| h.eq_ignore_ascii_case(written))
        .or(origins.first())
        .map_or_else(|| written.to_string(), |h| h.to_string())
}
