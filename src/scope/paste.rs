//! Reading a pasted scope string into a basket. Tokens are split and
//! classified by [`check`], so a paste and `scopepick check` agree.

use super::{Token, TokenStatus, check};
use crate::catalog::{AuthMode, Catalog, GRAPH_PREFIX, PermissionType, is_openid_scope};
use crate::selection::strip_prefix_ignoring_case;
use std::cmp::Ordering;
use std::collections::HashSet;

/// Whether pasted text looks like a scope string rather than a search: it
/// starts with `https://graph.microsoft.com/` (ignoring case and leading
/// whitespace), or it holds at least two tokens (split like [`check`] does:
/// whitespace, commas, semicolons) of which at least two are catalog names or
/// OpenID scopes.
pub fn looks_like_scopes(text: &str, catalog: &Catalog) -> bool {
    if strip_prefix_ignoring_case(text.trim_start(), GRAPH_PREFIX).is_some() {
        return true;
    }
    let report = check(text, AuthMode::Delegated, catalog);
    let known =
        report.tokens.iter().filter(|t| matches!(t.status, TokenStatus::Known { .. })).count();
    known >= 2
}

/// What a pasted scope string means for the basket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedScopes {
    /// Catalog indices of the named permissions, in the order of the text,
    /// each once: the row of `mode`'s type where the name has one, else the
    /// other type's row.
    pub rows: Vec<usize>,
    /// The mode: the one given, or the guessed one (see [`read_scopes`]).
    pub mode: AuthMode,
    /// Tokens as given that name no catalog row (unknown names, other
    /// resources' scopes, OpenID scopes the catalog lacks), each once
    /// (ignoring ASCII case), in the order of the text.
    pub unknown: Vec<String>,
    /// Whether the text held `.default` (qualified or bare).
    pub had_default: bool,
}

/// Reads a pasted scope string: the rows it names, the mode, the tokens that
/// are not in the catalog, and whether it held `.default`.
///
/// Without a `mode`, it is guessed from what the text names:
/// 1. Graph names that exist in one type only vote: more Application-only
///    than Delegated-only names mean Application, fewer mean Delegated.
/// 2. On a tie (often: no such names at all) an OpenID scope means Delegated,
///    since app-only tokens never carry them; so OpenID scopes are Delegated
///    hints only when the Graph names do not decide.
/// 3. Still tied, `.default` without OpenID scopes means Application: it is
///    the only scope the client-credentials flow accepts.
/// 4. Otherwise Delegated.
///
/// Repeated names count once.
pub fn read_scopes(text: &str, catalog: &Catalog, mode: Option<AuthMode>) -> PastedScopes {
    let report = check(text, mode.unwrap_or(AuthMode::Delegated), catalog);
    let mode = mode.unwrap_or_else(|| guess_mode(&report.tokens));
    let mut pasted =
        PastedScopes { rows: Vec::new(), mode, unknown: Vec::new(), had_default: false };
    for token in &report.tokens {
        let row = match &token.status {
            TokenStatus::Default => {
                pasted.had_default = true;
                continue;
            }
            TokenStatus::Known { name, .. } => row_of(catalog, name, mode),
            TokenStatus::OtherResource | TokenStatus::Unknown { .. } => None,
        };
        match row {
            Some(i) if !pasted.rows.contains(&i) => pasted.rows.push(i),
            None if !pasted.unknown.iter().any(|u| u.eq_ignore_ascii_case(&token.text)) => {
                pasted.unknown.push(token.text.clone())
            }
            _ => {}
        }
    }
    pasted
}

/// The row named `name` of `mode`'s type, else of the other type.
fn row_of(catalog: &Catalog, name: &str, mode: AuthMode) -> Option<usize> {
    let rows = catalog.rows_named(name);
    rows.iter().copied().find(|&i| catalog.permissions[i].kind == mode).or(rows.first().copied())
}

/// The mode the tokens suggest; the rules are listed on [`read_scopes`].
fn guess_mode(tokens: &[Token]) -> AuthMode {
    let mut seen = HashSet::new();
    let (mut application, mut delegated) = (0, 0);
    let (mut openid, mut default) = (false, false);
    for token in tokens {
        match &token.status {
            TokenStatus::Known { name, types } if seen.insert(name) => {
                if is_openid_scope(name) {
                    openid = true;
                } else if let [only] = types.as_slice() {
                    match only.kind {
                        PermissionType::Application => application += 1,
                        PermissionType::Delegated => delegated += 1,
                    }
                }
            }
            TokenStatus::Default => default = true,
            _ => {}
        }
    }
    match application.cmp(&delegated) {
        Ordering::Greater => AuthMode::Application,
        Ordering::Equal if default && !openid => AuthMode::Application,
        _ => AuthMode::Delegated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PermissionType::{Application, Delegated};

    /// (name, type) of each row, for readable assertions.
    fn named(catalog: &Catalog, rows: &[usize]) -> Vec<(String, PermissionType)> {
        rows.iter()
            .map(|&i| (catalog.permissions[i].name.clone(), catalog.permissions[i].kind))
            .collect()
    }

    #[test]
    fn what_looks_like_a_scope_string() {
        let catalog = Catalog::embedded();
        let cases = [
            ("Calendars.Read,Mail.Send Profile", true),
            ("chat read", false),
            ("https://graph.microsoft.com/.default", true),
            ("  HTTPS://Graph.Microsoft.com/Chat.Read", true),
            ("mail", false),
            ("Chat.Read", false),
            ("User.Read.All offline_access", true),
            ("email profile", true),
            ("Chat.Read chat", false),
            ("Chat.Read;Chat.ReadWrite", true),
            ("graph.microsoft.com", false),
            ("", false),
        ];
        for (text, expected) in cases {
            assert_eq!(looks_like_scopes(text, &catalog), expected, "{text:?}");
        }
    }

    #[test]
    fn rows_follow_the_text_once_each_with_the_modes_row_for_names_of_both_types() {
        let catalog = Catalog::embedded();
        let text = "Sites.Read.All, chat.read https://graph.microsoft.com/Team.Create CHAT.READ";
        let pasted = read_scopes(text, &catalog, Some(Application));
        let expected = [
            ("Sites.Read.All".to_string(), Application),
            ("Chat.Read".to_string(), Delegated),
            ("Team.Create".to_string(), Application),
        ];
        assert_eq!(named(&catalog, &pasted.rows), expected, "Chat.Read exists only as Delegated");
        assert_eq!(pasted.mode, Application);
        let pasted = read_scopes(text, &catalog, Some(Delegated));
        assert!(named(&catalog, &pasted.rows).iter().all(|(_, kind)| *kind == Delegated));
        assert!(pasted.unknown.is_empty() && !pasted.had_default);
    }

    #[test]
    fn unknown_tokens_are_listed_once_in_text_order() {
        let catalog = Catalog::embedded();
        let text = "Mail.Sned openid Chat.Read https://outlook.office.com/IMAP.AccessAsUser.All \
                    mail.sned .default";
        let pasted = read_scopes(text, &catalog, None);
        assert_eq!(
            pasted.unknown,
            ["Mail.Sned", "openid", "https://outlook.office.com/IMAP.AccessAsUser.All"],
            "openid is an OpenID scope the embedded catalog lacks"
        );
        assert_eq!(named(&catalog, &pasted.rows), [("Chat.Read".to_string(), Delegated)]);
        assert!(pasted.had_default, "a bare .default counts too");
    }

    #[test]
    fn the_mode_is_guessed_from_names_of_one_type_then_openid_then_default() {
        let catalog = Catalog::embedded();
        let cases = [
            // One-type Graph names vote.
            ("User.Read.All Directory.Read.All Chat.Read", Application),
            ("User.Read.All Chat.Read Mail.Send", Delegated),
            ("User.Read.All offline_access", Application),
            // Repeats count once.
            ("User.Read.All USER.READ.ALL Chat.Read Mail.Send", Delegated),
            // Tie: OpenID scopes mean Delegated.
            ("User.Read.All Chat.Read profile", Delegated),
            ("Sites.Read.All email", Delegated),
            // Tie without OpenID: .default means Application.
            ("https://graph.microsoft.com/.default", Application),
            ("https://graph.microsoft.com/.default offline_access profile", Delegated),
            ("User.Read.All Chat.Read .default", Application),
            // Nothing decides.
            ("Sites.Read.All Team.Create", Delegated),
            ("nonsense", Delegated),
            ("", Delegated),
        ];
        for (text, mode) in cases {
            assert_eq!(read_scopes(text, &catalog, None).mode, mode, "{text:?}");
        }
        let given = read_scopes("https://graph.microsoft.com/.default", &catalog, Some(Delegated));
        assert_eq!(given.mode, Delegated, "a given mode is kept");
    }

    #[test]
    fn a_guessed_mode_picks_the_rows() {
        let catalog = Catalog::embedded();
        let pasted = read_scopes("Sites.Read.All User.Read.All", &catalog, None);
        assert_eq!(pasted.mode, Application);
        assert_eq!(
            named(&catalog, &pasted.rows),
            [
                ("Sites.Read.All".to_string(), Application),
                ("User.Read.All".to_string(), Application)
            ]
        );
    }
}
