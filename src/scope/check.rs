//! Checking a scope string as someone pasted it.

use super::{Diagnostic, GRAPH_DEFAULT, Problem, SeparatorKind};
use crate::catalog::{AuthMode, Catalog, GRAPH_PREFIX, OPENID_SCOPES, PermissionType};
use crate::filter::suggest;
use crate::selection::strip_prefix_ignoring_case;
use serde::Serialize;
use std::collections::HashSet;

/// What a token of a checked string turned out to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum TokenStatus {
    /// A permission in the catalog (or an OpenID scope).
    Known {
        /// Official name.
        name: String,
        /// The types it exists in, with their admin-consent flag.
        types: Vec<KnownType>,
    },
    /// `https://graph.microsoft.com/.default`.
    Default,
    /// A scope of another resource (`https://other.host/...`).
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
}

/// The structured result of [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// The mode the string was checked for.
    pub mode: AuthMode,
    /// The tokens in input order.
    pub tokens: Vec<Token>,
    /// What is wrong, in input order.
    pub problems: Vec<Problem>,
    /// Remarks that are not errors (refresh token, admin consent, app-only flow).
    pub notes: Vec<Diagnostic>,
    /// The corrected string, when there are problems and all have a sure fix.
    pub fixed: Option<String>,
}

impl CheckReport {
    /// Whether no problem was found.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Characters that separate tokens: whitespace (including non-breaking space),
/// commas, semicolons and zero-width spaces.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '\u{200B}' | '\u{FEFF}')
}

/// Splits into (separator before, token) pairs plus the trailing separator.
fn split(text: &str) -> (Vec<(&str, &str)>, &str) {
    let mut pairs = Vec::new();
    let mut rest = text;
    loop {
        let token_start = rest.find(|c| !is_separator(c)).unwrap_or(rest.len());
        let (sep, after) = rest.split_at(token_start);
        if after.is_empty() {
            return (pairs, sep);
        }
        let token_end = after.find(is_separator).unwrap_or(after.len());
        pairs.push((sep, &after[..token_end]));
        rest = &after[token_end..];
    }
}

fn separator_kind(sep: &str) -> Option<SeparatorKind> {
    let kinds = [
        (',', SeparatorKind::Comma),
        (';', SeparatorKind::Semicolon),
        ('\t', SeparatorKind::Tab),
        ('\n', SeparatorKind::LineBreak),
        ('\r', SeparatorKind::LineBreak),
    ];
    if let Some((_, kind)) = kinds.iter().find(|(c, _)| sep.contains(*c)) {
        Some(*kind)
    } else if sep.chars().any(|c| c != ' ') {
        Some(SeparatorKind::OtherWhitespace)
    } else if sep.len() > 1 {
        Some(SeparatorKind::ExtraSpaces)
    } else {
        None
    }
}

/// Checks a pasted scope string for `mode` against `catalog`.
pub fn check(text: &str, mode: AuthMode, catalog: &Catalog) -> CheckReport {
    let (pairs, trailing) = split(text);
    let mut suggestions = Suggestions::default();
    let mut problems = Vec::new();
    let mut tokens = Vec::new();
    let mut fixed_tokens = Vec::new();
    let mut seen = HashSet::new();
    let (mut named_graph, mut has_default) = (false, false);

    for (i, (sep, given)) in pairs.iter().enumerate() {
        let kind = match i {
            0 => {
                (!sep.is_empty()).then(|| separator_kind(sep).unwrap_or(SeparatorKind::ExtraSpaces))
            }
            _ => separator_kind(sep),
        };
        if let Some(kind) = kind {
            let after = (i > 0).then(|| pairs[i - 1].1.to_string());
            problems.push(Problem::Separator { after, kind, trailing: false });
        }
        let analysed = analyse(given, mode, catalog, &mut suggestions);
        named_graph |= analysed.named_graph;
        has_default |= matches!(analysed.token.status, TokenStatus::Default);
        if !seen.insert(analysed.key) {
            problems.push(Problem::Duplicate { given: given.to_string() });
        } else {
            fixed_tokens.push(analysed.fixed);
        }
        problems.extend(analysed.problems);
        tokens.push(analysed.token);
    }
    if let Some((_, last)) = pairs.last() {
        if !trailing.is_empty() {
            let kind = separator_kind(trailing).unwrap_or(SeparatorKind::ExtraSpaces);
            problems.push(Problem::Separator {
                after: Some(last.to_string()),
                kind,
                trailing: true,
            });
        }
    } else {
        problems.push(Problem::Empty);
    }
    if has_default && named_graph {
        problems.push(Problem::MixedDefault);
    }
    let fixed = (!problems.is_empty() && problems.iter().all(Problem::has_sure_fix))
        .then(|| fixed_tokens.join(" "));
    let notes = notes(&tokens, mode, named_graph);
    CheckReport { mode, tokens, problems, notes, fixed }
}

/// "Did you mean" lookups, remembered per token and limited in number, so
/// that a huge paste of unknown names stays fast.
#[derive(Default)]
struct Suggestions {
    known: std::collections::HashMap<String, Option<String>>,
    /// Catalog lookups by lowercase name: a long paste repeats its names,
    /// and the built-in catalog has 1,519 rows to scan.
    types: std::collections::HashMap<String, Option<(String, Vec<KnownType>)>>,
}

impl Suggestions {
    /// At most this many distinct tokens get a suggestion.
    const LIMIT: usize = 64;

    fn get(&mut self, catalog: &Catalog, token: &str) -> Option<String> {
        let key = token.to_ascii_lowercase();
        if let Some(found) = self.known.get(&key) {
            return found.clone();
        }
        if self.known.len() >= Self::LIMIT {
            return None;
        }
        let found = suggest(catalog, token);
        self.known.insert(key, found.clone());
        found
    }
}

/// What one token is, its problems and its corrected spelling.
struct Analysed {
    token: Token,
    problems: Vec<Problem>,
    fixed: String,
    /// Identity for duplicate detection: the short name, lowercase.
    key: String,
    named_graph: bool,
}

fn analyse(
    given: &str,
    mode: AuthMode,
    catalog: &Catalog,
    suggestions: &mut Suggestions,
) -> Analysed {
    let mut problems = Vec::new();
    let token = |status| Token { text: given.to_string(), status };
    let prefixed = strip_prefix_ignoring_case(given, GRAPH_PREFIX);
    let short = prefixed.unwrap_or(given);

    if short.eq_ignore_ascii_case(".default") {
        if prefixed.is_none() {
            problems.push(Problem::BareDefault);
        } else if given != GRAPH_DEFAULT {
            problems
                .push(Problem::WrongCase { given: given.into(), correct: GRAPH_DEFAULT.into() });
        }
        let status = TokenStatus::Default;
        return Analysed {
            token: token(status),
            problems,
            fixed: GRAPH_DEFAULT.into(),
            key: ".default".into(),
            named_graph: false,
        };
    }
    if prefixed.is_none() && given.contains("://") {
        problems.push(Problem::OtherResource { given: given.into() });
        let status = TokenStatus::OtherResource;
        return Analysed {
            token: token(status),
            problems,
            fixed: given.into(),
            key: given.to_ascii_lowercase(),
            named_graph: false,
        };
    }

    let types = suggestions
        .types
        .entry(short.to_ascii_lowercase())
        .or_insert_with(|| known_types(short, catalog))
        .clone();
    let Some((official, types)) = types else {
        let suggestion = suggestions.get(catalog, short);
        problems.push(Problem::Unknown { given: given.into(), suggestion: suggestion.clone() });
        let status = TokenStatus::Unknown { suggestion };
        return Analysed {
            token: token(status),
            problems,
            fixed: given.into(),
            key: short.to_ascii_lowercase(),
            named_graph: true,
        };
    };
    let openid = OPENID_SCOPES.contains(&official.as_str());
    let fixed = match prefixed {
        Some(_) if !openid => format!("{GRAPH_PREFIX}{official}"),
        _ => official.clone(),
    };
    if openid && prefixed.is_some() {
        problems.push(Problem::PrefixedOpenId { given: given.into(), correct: fixed.clone() });
    } else if fixed != given {
        problems.push(Problem::WrongCase { given: given.into(), correct: fixed.clone() });
    }
    if let [only] = types.as_slice()
        && only.kind != mode
    {
        problems.push(Problem::WrongType { name: official.clone(), kind: only.kind, mode });
    }
    let key = official.to_ascii_lowercase();
    let status = TokenStatus::Known { name: official, types };
    Analysed { token: token(status), problems, fixed, key, named_graph: !openid }
}

/// The official name and the types of `name` (ignoring case); OpenID scopes
/// are known even when the catalog lacks them.
fn known_types(name: &str, catalog: &Catalog) -> Option<(String, Vec<KnownType>)> {
    let rows: Vec<_> =
        catalog.rows_named(name).into_iter().map(|i| &catalog.permissions[i]).collect();
    if let Some(first) = rows.first() {
        let mut types: Vec<KnownType> = rows
            .iter()
            .map(|p| KnownType { kind: p.kind, admin_consent: p.admin_consent })
            .collect();
        types.sort_by_key(|t| t.kind);
        return Some((first.name.clone(), types));
    }
    let openid = OPENID_SCOPES.iter().find(|s| s.eq_ignore_ascii_case(name))?;
    Some((
        openid.to_string(),
        vec![KnownType { kind: PermissionType::Delegated, admin_consent: false }],
    ))
}

fn notes(tokens: &[Token], mode: AuthMode, named_graph: bool) -> Vec<Diagnostic> {
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
    match mode {
        PermissionType::Delegated if !known.iter().any(|(n, _)| *n == "offline_access") => {
            notes.push(Diagnostic::NoRefreshToken)
        }
        PermissionType::Application if named_graph => notes.push(Diagnostic::AppOnlyNeedsDefault),
        _ => {}
    }
    let count = known.iter().filter(|(_, c)| *c).count();
    if count > 0 {
        notes.push(Diagnostic::AdminConsent { count, total: known.len() });
    }
    notes
}
