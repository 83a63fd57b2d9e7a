//! The scope-string engine: building a string from a selection and checking a
//! pasted one. Pure functions over the catalog, no I/O.

mod analyse;
mod build;
mod check;
mod diagnostic;
mod guess;
mod paste;
mod problem;
mod split;
pub(crate) use split::is_separator;
mod suggestion;
mod token;

pub use build::{BuildOutput, build};
pub use check::{CheckReport, KnownType, Token, TokenStatus, check};
pub use diagnostic::{Diagnostic, Severity, resource_notes};
pub use guess::{ModeGuess, ModeReason, guess_mode};
pub use paste::{CheckedPaste, PastedScopes};
pub use problem::{Problem, SeparatorKind};
pub use suggestion::{Suggestion, suggestion_for};

use crate::choice::Choice;
use serde::{Deserialize, Serialize};
use strum::{Display, IntoStaticStr, VariantArray};

/// How the names in a scope string are written (short, qualified or `.default`):
/// the form of the scope string, called its "style" in the CLI, menus and files.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    Display,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ScopeForm {
    /// `Calendars.Read`: a short name means Microsoft Graph.
    #[default]
    Short,
    /// `https://graph.microsoft.com/Calendars.Read`; OpenID scopes stay bare.
    Qualified,
    /// `https://graph.microsoft.com/.default`, plus the selected OpenID scopes in Delegated mode.
    Default,
}

impl ScopeForm {
    /// The style a mode starts in: short names for Delegated, `.default` for
    /// Application (the only form client credentials accept).
    pub fn default_for(mode: crate::catalog::AuthMode) -> ScopeForm {
        match mode {
            crate::catalog::PermissionType::Delegated => ScopeForm::Short,
            crate::catalog::PermissionType::Application => ScopeForm::Default,
        }
    }

    /// The next style in declaration order, wrapping around.
    pub fn next(self) -> ScopeForm {
        let i = ScopeForm::ALL.iter().position(|s| *s == self).unwrap_or(0);
        ScopeForm::ALL[(i + 1) % ScopeForm::ALL.len()]
    }
}

impl Choice for ScopeForm {}

#[cfg(test)]
mod tests;
