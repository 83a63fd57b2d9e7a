//! Diagnostics that accompany a built or checked scope string.

use crate::catalog::{AuthMode, Cloud, PermissionType};
use std::fmt;

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Good to know; nothing is wrong.
    Info,
    /// The string works, but probably not as the user wants.
    Warning,
    /// The string fails at sign-in as written.
    Error,
}

/// A remark about a scope string, rendered as one line by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diagnostic {
    /// Nothing of the mode's type was selected, so the string is empty.
    Empty {
        /// The mode the string was built for.
        mode: AuthMode,
    },
    /// A selected row of the other type was left out.
    LeftOut {
        /// The row's official name.
        name: String,
        /// The row's type (not the mode's).
        kind: PermissionType,
    },
    /// Delegated without `offline_access`: no refresh token.
    NoRefreshToken,
    /// Application mode with named scopes (an explicit short or qualified
    /// style): the client-credentials flow takes only `.default`. Never silenced.
    AppOnlyNeedsDefault {
        /// The `.default` scope that works.
        default: String,
    },
    /// `.default` alone, taken as client credentials: the Intrexx page
    /// allows it for signed-in users too, who need `offline_access` beside it.
    DefaultForUsersToo,
    /// Application mode in `.default` style with nothing selected.
    DefaultGrantsAll,
    /// Right name, other casing: Entra ignores case, the string is fine.
    Casing {
        /// As given.
        given: String,
        /// In official casing.
        correct: String,
    },
    /// The same scope again (ignoring case and form); it is dropped.
    Duplicate {
        /// The repeated token.
        given: String,
    },
    /// Spaces around the string or more than one between scopes.
    ExtraSpaces,
    /// The string was wrapped in quotes.
    Quoted,
    /// Scopes of a resource scopepick has no catalog for: accepted unchecked.
    NotChecked {
        /// The resource as written.
        resource: String,
    },
    /// Azure AD Graph (`graph.windows.net`), which Microsoft is retiring.
    AzureAdGraph {
        /// The resource as written.
        resource: String,
    },
    /// The facts describe the global service; a national cloud may lack some.
    NationalCloud {
        /// The cloud.
        cloud: Cloud,
    },
    /// A selected permission of another resource than the string's: left out.
    /// What rows of a resource's table need beyond consent (IMAP, POP and
    /// SMTP as the app: Exchange Online's service principal and mailbox rights).
    ResourceNote {
        /// The rows' names.
        names: Vec<String>,
        /// The resource table's note.
        note: &'static str,
    },
    OwnTokenRequest {
        /// The permission's name.
        name: String,
        /// Its resource.
        resource: String,
    },
    /// A resource without a confirmed host in the cloud: its rows are left out.
    NoHostInCloud {
        /// The resource.
        resource: String,
        /// The cloud.
        cloud: Cloud,
    },
    /// A `build` argument held several names; it was split.
    SplitArgument {
        /// The argument as given.
        given: String,
        /// How many names it held.
        parts: usize,
    },
    /// How many of the included permissions need admin consent.
    AdminConsent {
        /// Rows needing admin consent.
        count: usize,
        /// All included rows.
        total: usize,
    },
    /// An Application-only name replaced by its Delegated counterpart: what
    /// it reaches narrows from the whole tenant to the signed-in user's data.
    Narrowed {
        /// The Application-only name.
        name: String,
        /// The Delegated counterpart put in its place.
        counterpart: String,
    },
    /// A permission selected together with a broader one of its family
    /// (`Chat.Read` next to `Chat.ReadWrite`): the privilege model's hint
    /// ([`crate::coverage::Redundancy`]).
    Redundant {
        /// The narrower permission.
        narrower: String,
        /// The broader permission.
        broader: String,
        /// What the model says ("usually redundant" with a count, or "both listed by the Intrexx page").
        sentence: String,
    },
}

impl Diagnostic {
    /// Whether the user should act on it.
    pub fn severity(&self) -> Severity {
        match self {
            Diagnostic::Empty { .. }
            | Diagnostic::NoRefreshToken
            | Diagnostic::OwnTokenRequest { .. }
            | Diagnostic::ResourceNote { .. }
            | Diagnostic::NoHostInCloud { .. }
            | Diagnostic::AzureAdGraph { .. } => Severity::Warning,
            Diagnostic::AppOnlyNeedsDefault { .. } => Severity::Error,
            _ => Severity::Info,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Diagnostic::Empty { mode } => write!(f, "nothing selected for {mode} mode: the string is empty"),
            Diagnostic::LeftOut { name, kind } => write!(
                f,
                "{name} is {} {kind} permission: not part of {} {} scope string",
                kind.article(),
                kind.other().article(),
                kind.other()
            ),
            Diagnostic::NoRefreshToken => f.write_str(
                "no offline_access: the login gets no refresh token, so users must sign in again when the access token expires",
            ),
            Diagnostic::AppOnlyNeedsDefault { default } => write!(
                f,
                "this string fails at sign-in: Application mode uses the client-credentials flow, which accepts only {default} (AADSTS1002012); grant these permissions in Entra ID and enter {default} (style default)"
            ),
            Diagnostic::DefaultForUsersToo => f.write_str(
                "for a user sign-in (the Intrexx page allows .default there too) add offline_access beside it, or the login gets no refresh token: check it with --mode delegated",
            ),
            Diagnostic::DefaultGrantsAll => f.write_str(
                "nothing selected: .default asks for every Application permission granted to the app",
            ),
            Diagnostic::Casing { given, correct } => {
                write!(f, "'{given}' is written '{correct}' officially (Entra ignores case)")
            }
            Diagnostic::Duplicate { given } => {
                write!(f, "'{given}' appears more than once (ignoring case): once is enough")
            }
            Diagnostic::ExtraSpaces => f.write_str("extra spaces: one space between scopes is enough"),
            Diagnostic::Quoted => f.write_str("the string was in quotes: the quotes are not part of it"),
            Diagnostic::NotChecked { resource } => write!(
                f,
                "{resource}: scopepick has no catalog for this resource, so its scopes are not checked"
            ),
            Diagnostic::AzureAdGraph { resource } => write!(
                f,
                "{resource} is Azure AD Graph, which Microsoft is retiring: use Microsoft Graph (https://graph.microsoft.com); its scopes are not checked"
            ),
            Diagnostic::NationalCloud { cloud } => write!(
                f,
                "{} cloud: the permission facts describe the global service; some permissions may not exist in this cloud",
                cloud.label()
            ),
            Diagnostic::ResourceNote { names, note } => {
                write!(f, "{}: {note}", names.join(", "))
            }
            Diagnostic::OwnTokenRequest { name, resource } => write!(
                f,
                "{name} is a scope of {resource}: left out, it needs its own token request (build it separately)"
            ),
            Diagnostic::NoHostInCloud { resource, cloud } => write!(
                f,
                "no confirmed {resource} host in the {} cloud: its scopes are left out",
                cloud.label()
            ),
            Diagnostic::SplitArgument { given, parts } => {
                write!(f, "'{given}' holds {parts} names: taken as separate names")
            }
            Diagnostic::AdminConsent { count, total } => {
                let verb = crate::text::plural(*count, "needs", "need");
                let them = crate::text::plural(*count, "it", "them");
                write!(f, "{count} of {total} {verb} admin consent: a tenant administrator must grant {them}")
            }
            Diagnostic::Narrowed { name, counterpart } => write!(
                f,
                "{counterpart} in place of {name} narrows what the app reaches: from the whole tenant to what the signed-in user can reach (their own data)"
            ),
            Diagnostic::Redundant { sentence, .. } => f.write_str(sentence),
        }
    }
}

/// The resource table's notes for these rows (name and type), one per note
/// with the names it concerns, in table order.
pub fn resource_notes<'a>(
    rows: impl IntoIterator<Item = (&'a str, PermissionType)>,
) -> Vec<Diagnostic> {
    let mut notes: Vec<Diagnostic> = Vec::new();
    for (name, kind) in rows {
        let note = crate::catalog::Resource::all()
            .filter_map(|r| r.scope(name))
            .find(|s| s.kind == kind)
            .and_then(|s| s.note.map(|n| (s.name, n)));
        let Some((official, note)) = note else { continue };
        match notes
            .iter_mut()
            .find(|d| matches!(d, Diagnostic::ResourceNote { note: n, .. } if *n == note))
        {
            Some(Diagnostic::ResourceNote { names, .. }) => {
                if !names.iter().any(|n| n == official) {
                    names.push(official.to_string());
                }
            }
            _ => notes.push(Diagnostic::ResourceNote { names: vec![official.to_string()], note }),
        }
    }
    notes
}
