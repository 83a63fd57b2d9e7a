//! Diagnostics that accompany a built or checked scope string.

use crate::catalog::{AuthMode, PermissionType};
use std::fmt;

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Good to know; nothing is wrong.
    Info,
    /// The string works, but probably not as the user wants.
    Warning,
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
    /// Application mode with named scopes: the client-credentials flow takes only `.default`.
    AppOnlyNeedsDefault,
    /// How many of the included permissions need admin consent.
    AdminConsent {
        /// Rows needing admin consent.
        count: usize,
        /// All included rows.
        total: usize,
    },
    /// A permission selected together with a broader one that covers it
    /// (`Chat.Read` next to `Chat.ReadWrite`): a naming-based least-privilege hint.
    Redundant {
        /// The narrower permission.
        narrower: String,
        /// The broader permission that covers it.
        broader: String,
    },
}

impl Diagnostic {
    /// Whether the user should act on it.
    pub fn severity(&self) -> Severity {
        match self {
            Diagnostic::AdminConsent { .. }
            | Diagnostic::LeftOut { .. }
            | Diagnostic::Redundant { .. } => Severity::Info,
            _ => Severity::Warning,
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
            Diagnostic::AppOnlyNeedsDefault => f.write_str(
                "Application mode uses the client-credentials flow, which accepts only https://graph.microsoft.com/.default (AADSTS1002012): grant these permissions in Entra ID and enter .default in the connector",
            ),
            Diagnostic::AdminConsent { count, total } => {
                write!(f, "{count} of {total} need admin consent: a tenant administrator must grant them")
            }
            Diagnostic::Redundant { narrower, broader } => {
                write!(f, "{narrower} is covered by {broader}: one of them is enough")
            }
        }
    }
}
