//! Reading a pasted scope string into a basket. Tokens are split and
//! classified by [`check`], so a paste and `scopepick check` agree.

use super::guess::guess_from_tokens;
use super::{CheckReport, Diagnostic, ModeGuess, Severity, Token, TokenStatus, check};
use crate::catalog::{AuthMode, Catalog, Cloud};

/// A pasted scope string checked as `scopepick check` checks it without
/// `--mode` (in the mode the string itself suggests), and the string the
/// picker loads from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedPaste {
    /// The mode the string suggests, and why ([`super::guess_mode`]).
    pub guess: ModeGuess,
    /// What `check` finds, in that mode.
    pub report: CheckReport,
    /// What is loaded: the names the catalog knows, corrected as `check`
    /// corrects them in a user sign-in (separators, casing, duplicates, an
    /// Application-only name replaced by its Delegated counterpart or
    /// removed). Unknown names are never loaded as a guess: the report names
    /// them with their "did you mean". In Application mode the names stay:
    /// the picker writes them as `.default`, which is `check`'s fix there.
    pub corrected: String,
    /// Whether `corrected` is `check`'s corrected (or normalised) string
    /// rather than the names as pasted: the picker then says so.
    pub is_corrected: bool,
}

impl CheckedPaste {
    /// Checks `text`, given `delegated`: its check in Delegated mode (the
    /// tokens are the same in every mode, so the caller may have needed it
    /// already to see whether the text is a scope string at all).
    pub fn new(text: &str, delegated: CheckReport, catalog: &Catalog) -> CheckedPaste {
        let mode = guess_from_tokens(&delegated.tokens).mode;
        CheckedPaste::in_mode(text, mode, delegated, catalog)
    }

    /// Checks `text` in `mode` (the guessed one, or `--mode`), given its
    /// check in Delegated mode.
    pub fn in_mode(
        text: &str,
        mode: AuthMode,
        delegated: CheckReport,
        catalog: &Catalog,
    ) -> CheckedPaste {
        let guess = guess_from_tokens(&delegated.tokens);
        let report = match mode {
            AuthMode::Delegated => delegated,
            mode => check(text, mode, None, catalog),
        };
        let unknown = |t: &&Token| matches!(t.status, TokenStatus::Unknown { .. });
        let named: Vec<&str> =
            report.tokens.iter().filter(|t| !unknown(t)).map(|t| t.text.as_str()).collect();
        let named = named.join(" ");
        let fixed = match report.mode {
            AuthMode::Application => None,
            _ if report.tokens.iter().any(|t| unknown(&t)) => {
                check(&named, report.mode, Some(report.cloud), catalog).fixed
            }
            _ => report.fixed.clone(),
        };
        let is_corrected = fixed.is_some();
        let corrected = fixed.unwrap_or(named);
        CheckedPaste { guess, report, corrected, is_corrected }
    }

    /// The rows to load: of `mode`'s type where a name has both (the
    /// picker's mode while its basket holds something), else of the
    /// string's own mode, which is then the guess to report.
    pub fn rows(&self, catalog: &Catalog, mode: Option<AuthMode>) -> PastedScopes {
        let mut pasted =
            read_scopes(&self.corrected, catalog, Some(mode.unwrap_or(self.guess.mode)));
        pasted.guess = mode.is_none().then_some(self.guess);
        pasted
    }

    /// What `check` finds that the person pasting should read, one line
    /// each: every problem (unknown names with "did you mean"), then the
    /// notes on how the string is written, the resources not checked and
    /// the warnings; not the consent and redundancy remarks the scope pane
    /// shows after loading.
    pub fn findings(&self) -> Vec<String> {
        let problems = self.report.problems.iter().map(ToString::to_string);
        let notes = self.report.notes.iter().filter(|n| {
            n.severity() > Severity::Info
                || matches!(
                    n,
                    Diagnostic::Casing { .. }
                        | Diagnostic::Duplicate { .. }
                        | Diagnostic::Narrowed { .. }
                        | Diagnostic::NotChecked { .. }
                )
        });
        problems.chain(notes.map(ToString::to_string)).collect()
    }
}

/// What a pasted scope string means for the basket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastedScopes {
    /// Catalog indices of the named permissions, in the order of the text,
    /// each once: the row of `mode`'s type where the name has one, else the
    /// other type's row.
    pub rows: Vec<usize>,
    /// The mode: the one given, or the guessed one (see [`super::guess_mode`]).
    pub mode: AuthMode,
    /// The guess and its reason, when no mode was given.
    pub guess: Option<ModeGuess>,
    /// Tokens as given that name no catalog row (unknown names, other
    /// resources' scopes, OpenID scopes the catalog lacks), each once
    /// (ignoring ASCII case), in the order of the text.
    pub unknown: Vec<String>,
    /// Whether the text held `.default` (qualified or bare).
    pub had_default: bool,
    /// The cloud its hosts name (global when they name none).
    pub cloud: Cloud,
}

/// Reads a pasted scope string: the rows it names, the mode, the tokens that
/// are not in the catalog, and whether it held `.default`. Without a `mode`,
/// it is guessed by [`super::guess_mode`].
pub fn read_scopes(text: &str, catalog: &Catalog, mode: Option<AuthMode>) -> PastedScopes {
    let report = check(text, mode.unwrap_or(AuthMode::Delegated), None, catalog);
    let guess = mode.is_none().then(|| guess_from_tokens(&report.tokens));
    let mode = mode.or(guess.map(|g| g.mode)).unwrap_or(AuthMode::Delegated);
    let mut pasted = PastedScopes {
        rows: Vec::new(),
        mode,
        guess,
        unknown: Vec::new(),
        had_default: false,
        cloud: report.cloud,
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType::{self, Application, Delegated};

    /// (name, type) of each row, for readable assertions.
    fn named(catalog: &Catalog, rows: &[usize]) -> Vec<(String, PermissionType)> {
        rows.iter()
            .map(|&i| (catalog.permissions[i].name.clone(), catalog.permissions[i].kind))
            .collect()
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
    fn the_mode_is_guessed_from_openid_then_names_of_one_type_then_default() {
        let catalog = Catalog::embedded();
        let cases = [
            // One-type Graph names vote.
            ("User.Read.All Directory.Read.All Chat.Read", Application),
            ("User.Read.All Chat.Read Mail.Send", Delegated),
            // Repeats count once.
            ("User.Read.All USER.READ.ALL Chat.Read Mail.Send", Delegated),
            // OpenID scopes mean a user signs in, over every other vote.
            ("User.Read.All offline_access", Delegated),
            ("User.Read.All Directory.Read.All Chat.Read offline_access", Delegated),
            ("User.Read.All Chat.Read profile", Delegated),
            ("Sites.Read.All email", Delegated),
            // Tie: .default means Application.
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
    fn a_paste_copied_from_a_url_or_with_app_only_names_stays_a_user_sign_in() {
        let catalog = Catalog::embedded();
        for text in ["Chat.Read+offline_access", "Chat.Read%20offline_access"] {
            let pasted = read_scopes(text, &catalog, None);
            assert_eq!(pasted.mode, Delegated, "{text}");
            assert_eq!(named(&catalog, &pasted.rows)[0], ("Chat.Read".to_string(), Delegated));
            assert!(pasted.unknown.is_empty(), "{text}: {:?}", pasted.unknown);
        }
        let pasted = read_scopes("Chat.Read.All User.Read.All offline_access", &catalog, None);
        assert_eq!(pasted.mode, Delegated, "offline_access means a user signs in");
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
