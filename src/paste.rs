//! What a text pasted into the picker is, decided once for every paste: a
//! scope string (checked as `scopepick check` checks it), a list of API
//! calls (read as `scopepick api --from` reads them, for their minimal
//! basket), or words for the search. One decision here keeps the picker
//! from guessing twice, and keeps a typo'd field out of the search box.

use crate::calls::basket::{Basket, ResolvedCall, minimal};
use crate::calls::distinct;
use crate::calls::extract::calls_in;
use crate::catalog::graph::{Scheme, api_query};
use crate::catalog::{Audience, AuthMode, Catalog, Resource};
use crate::scope::{CheckedPaste, Token, TokenStatus, check};

/// What a pasted text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pasted {
    /// A scope string: names, qualified URLs, OpenID scopes, `.default`,
    /// with any separators, unknown names shaped like permission names too.
    Scopes(Box<CheckedPaste>),
    /// API calls (a log, curl lines, code, a HAR file), each distinct call once.
    Calls(Vec<ResolvedCall>),
    /// Words for the search, or one call written alone, which the search
    /// answers with the rows that allow it.
    Filter,
}

/// Reads `text` as a scope string, a list of calls or words for the search.
pub fn classify(text: &str, catalog: &Catalog) -> Pasted {
    let delegated = check(text, AuthMode::Delegated, None, catalog);
    if reads_as_scopes(&delegated.tokens) {
        return Pasted::Scopes(Box::new(CheckedPaste::new(text, delegated, catalog)));
    }
    let written = calls_in(text);
    let one_call_alone = written.len() == 1 && is_one_line_call(text);
    if written.is_empty() || one_call_alone {
        return Pasted::Filter;
    }
    Pasted::Calls(distinct(&written))
}

/// Whether the tokens are a scope string: every token is scope-like, or the
/// first is a name qualified with a resource scopepick knows, or names the
/// catalog knows are most of at least two tokens. One bare name is a search.
fn reads_as_scopes(tokens: &[Token]) -> bool {
    let known = tokens.iter().filter(|t| matches!(t.status, TokenStatus::Known { .. })).count();
    let first_qualified = tokens.first().is_some_and(|t| {
        t.text.contains("://") && matches!(t.resource, Some(Audience::Known(_))) && is_scope_like(t)
    });
    let all_scope_like = tokens.len() >= 2 && tokens.iter().all(is_scope_like);
    first_qualified || all_scope_like || (known >= 2 && 2 * known > tokens.len())
}

/// A token a scope string may hold: a known name or `.default`, another
/// resource's scope (but not a Graph URL of an API call: a name right after
/// a Graph host is a scope, of a closed cloud say), or an unknown token
/// shaped like a permission name (`Mail.Sned`, `offline_acess`).
fn is_scope_like(token: &Token) -> bool {
    let name_shaped = is_name_shaped(token.text.rsplit('/').next().unwrap_or_default());
    match &token.status {
        TokenStatus::Known { .. } | TokenStatus::Default => true,
        TokenStatus::OtherResource => {
            let host_and_name = token.text.matches('/').count() == 3;
            calls_in(&token.text).is_empty() || (host_and_name && name_shaped)
        }
        TokenStatus::Unknown { .. } => name_shaped,
    }
}

/// `Word.Word…` or `snake_case`: parts that start with a letter and hold
/// letters, digits, `_` and `-`, joined by dots.
fn is_name_shaped(name: &str) -> bool {
    let part = |p: &str| {
        p.starts_with(|c: char| c.is_ascii_alphabetic())
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    (name.contains('.') || name.contains('_')) && name.split('.').all(part)
}

/// Whether `text` is one line that the search reads as an API call
/// (`GET /me/events`, a Graph URL).
fn is_one_line_call(text: &str) -> bool {
    let text = text.trim();
    !text.contains('\n') && api_query(text).is_some()
}

/// The minimal basket a list of calls offers in one mode, as `api --from`
/// makes it (Delegated: work or school accounts), with its catalog rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallsOffer {
    /// The calls, each once.
    pub calls: Vec<ResolvedCall>,
    /// Their minimal basket.
    pub basket: Basket,
    /// The catalog rows of the basket's names, of the mode's type, in its order.
    pub rows: Vec<usize>,
    /// Names of the basket the catalog in use lacks.
    pub missing: Vec<String>,
}

impl CallsOffer {
    /// The minimal basket of `calls` in `mode`, found in `catalog`.
    pub fn new(calls: Vec<ResolvedCall>, mode: AuthMode, catalog: &Catalog) -> CallsOffer {
        let basket = minimal(&calls, Scheme::of(mode, false));
        let (mut rows, mut missing) = (Vec::new(), Vec::new());
        // The map's names are Graph's.
        for name in basket.names() {
            let row = catalog.permissions.iter().position(|p| {
                p.resource == Resource::Graph && p.kind == mode && p.name.eq_ignore_ascii_case(name)
            });
            match row {
                Some(row) => rows.push(row),
                None => missing.push(name.to_string()),
            }
        }
        CallsOffer { calls, basket, rows, missing }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType::{Application, Delegated};

    /// The kind of a paste, for a readable table.
    fn kind(text: &str, catalog: &Catalog) -> &'static str {
        match classify(text, catalog) {
            Pasted::Scopes(_) => "scopes",
            Pasted::Calls(_) => "calls",
            Pasted::Filter => "filter",
        }
    }

    #[test]
    fn every_paste_is_a_scope_string_a_list_of_calls_or_words() {
        let catalog = Catalog::builtin();
        let cases = [
            // Scope strings, any separators, typos shaped like names included.
            ("Calendars.Read,Mail.Send Profile", "scopes"),
            ("Mail.Sned Calendars.Read", "scopes"),
            ("Mail.Sned Calenders.Raed", "scopes"),
            ("Chat.Read offline_acess", "scopes"),
            ("Calendars.Read Chat.Read, offline_access Profile", "scopes"),
            ("https://graph.microsoft.com/.default", "scopes"),
            ("  HTTPS://Graph.Microsoft.com/Chat.Read", "scopes"),
            ("https://graph.microsoft.com/Mail.Sned", "scopes"),
            ("https://outlook.office365.com/IMAP.AccessAsUser.All offline_access", "scopes"),
            ("api://0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b/access_as_user openid", "scopes"),
            ("User.Read.All offline_access", "scopes"),
            ("User.Read+offline_access", "scopes"),
            ("email profile", "scopes"),
            ("Chat.Read;Chat.ReadWrite", "scopes"),
            ("Chat.Read\nMail.Send\noffline_access", "scopes"),
            ("Chat.Read offline_access User", "scopes"),
            // Calls: a block, a log, code, a HAR file.
            ("GET /me/events\nPOST /me/sendMail", "calls"),
            ("GET https://graph.microsoft.com/v1.0/me/events 200\nGET /v1.0/users 200", "calls"),
            (
                "INFO 2026-12-04 GET https://graph.microsoft.com/v1.0/me/messages?$top=5 200",
                "calls",
            ),
            ("await client.api('/v1.0/me/drive/root/children').get();", "calls"),
            (
                r#"{"log":{"entries":[{"request":{"method":"GET","url":"https://graph.microsoft.com/v1.0/me"}}]}}"#,
                "calls",
            ),
            // Words, prose and one call alone go to the search.
            ("GET /me/events", "filter"),
            ("https://graph.microsoft.com/v1.0/me/events", "filter"),
            ("/me/events", "filter"),
            ("The app reads /me and /users for the profile.", "filter"),
            ("Use Mail.Send and Chat.Read for this", "filter"),
            ("mail", "filter"),
            ("Chat.Read", "filter"),
            ("Mail.Sned", "filter"),
            ("chat read", "filter"),
            ("Chat.Read chat", "filter"),
            ("graph.microsoft.com", "filter"),
            ("https://graph.microsoft.de/User.Read offline_access", "scopes"),
            ("https://graph.windows.net/User.Read offline_access", "scopes"),
            ("shared mailbox", "filter"),
            ("", "filter"),
        ];
        for (text, expected) in cases {
            assert_eq!(kind(text, &catalog), expected, "{text:?}");
        }
    }

    #[test]
    fn a_pasted_field_loads_checks_corrected_string_and_never_an_unknown_name() {
        let catalog = Catalog::builtin();
        let checked = |text: &str| match classify(text, &catalog) {
            Pasted::Scopes(checked) => *checked,
            other => panic!("{text:?} is {other:?}"),
        };
        let comma = checked("Calendars.Read Chat.Read, offline_access Profile");
        assert_eq!(comma.report.mode, Delegated);
        assert_eq!(Some(comma.corrected.clone()), comma.report.fixed, "check's fix is loaded");
        assert_eq!(comma.corrected, "Calendars.Read Chat.Read offline_access profile");
        assert!(comma.is_corrected);
        let findings = comma.findings().join("\n");
        assert!(findings.contains("(AADSTS70011)"), "{findings}");
        assert!(findings.contains("'Profile' is written 'profile'"), "{findings}");

        let typo = checked("Mail.Sned Calendars.Read calendars.read");
        assert_eq!(typo.corrected, "Calendars.Read", "the known name, once");
        assert!(typo.is_corrected, "the repeat is dropped");
        assert!(checked("Chat.Read,offline_access").is_corrected, "the comma is");
        assert!(!checked("Mail.Sned Chat.Read offline_access").is_corrected, "only left out");
        let findings = typo.findings();
        assert!(
            findings.contains(
                &"unknown permission 'Mail.Sned' (did you mean 'Mail.Send'?)".to_string()
            ),
            "{findings:?}"
        );
        assert!(findings.iter().any(|f| f.contains("appears more than once")), "{findings:?}");

        // An Application-only name beside an unknown one in a user sign-in:
        // still replaced by its Delegated counterpart.
        let app_only = checked("Chat.Read.All offline_access Foo.Bar");
        assert_eq!(app_only.report.fixed, None, "check cannot fix the unknown name");
        assert_eq!(app_only.corrected, "Chat.Read offline_access");
        let rows = app_only.rows(&catalog, None);
        let loaded: Vec<_> = rows.rows.iter().map(|&i| &catalog.permissions[i]).collect();
        assert!(loaded.iter().all(|p| p.kind == Delegated), "{loaded:?}");

        // Application: the names stay; the picker writes them as .default.
        let names = "AgentCollection.ReadWrite.ManagedBy AgentCard.ReadWrite.ManagedBy";
        let app = checked(names);
        assert_eq!(app.report.mode, Application);
        assert_eq!(app.report.fixed.as_deref(), Some("https://graph.microsoft.com/.default"));
        assert_eq!(app.corrected, names);
        assert!(!app.is_corrected);
        assert!(app.findings()[0].contains("AADSTS1002012"), "{:?}", app.findings());
    }

    #[test]
    fn calls_offer_the_minimal_basket_of_the_mode() {
        let catalog = Catalog::builtin();
        let text = "GET /me/events\nGET https://graph.microsoft.com/v1.0/users/42/events\n\
                    POST /me/sendMail\nGET /me/events\nGET /no/such/api";
        let Pasted::Calls(calls) = classify(text, &catalog) else { panic!("calls") };
        assert_eq!(calls.len(), 4, "the repeated call counts once: {calls:?}");
        for mode in [Delegated, Application] {
            let offer = CallsOffer::new(calls.clone(), mode, &catalog);
            let expected = minimal(&calls, Scheme::of(mode, false));
            assert_eq!(offer.basket, expected, "same as api --from");
            let names: Vec<&str> =
                offer.rows.iter().map(|&i| catalog.permissions[i].name.as_str()).collect();
            assert_eq!(names, expected.names(), "{mode}");
            assert!(offer.rows.iter().all(|&i| catalog.permissions[i].kind == mode));
            assert!(offer.missing.is_empty());
            assert_eq!(offer.basket.allowed_by_nothing, [3], "{mode}");
        }
        let app = CallsOffer::new(calls, Application, &catalog);
        assert_eq!(app.basket.needs_user, [0, 2], "/me calls need a signed-in user");
    }
}
