//! What can be wrong with a pasted scope string.

use super::GRAPH_DEFAULT;
use crate::catalog::{AuthMode, PermissionType};
use serde::Serialize;
use std::fmt;

/// The kind of a separator other than a single space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeparatorKind {
    /// `,`
    Comma,
    /// `;`
    Semicolon,
    /// a tab
    Tab,
    /// a line break
    LineBreak,
    /// more than one space
    ExtraSpaces,
    /// a non-breaking or zero-width space or similar
    OtherWhitespace,
}

/// Something wrong with a checked string, rendered as one line by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The string holds no scope at all.
    Empty,
    /// A separator other than a single space (`after` is `None` at the start).
    Separator {
        /// The token before it, `None` for leading separators.
        after: Option<String>,
        /// What was found.
        kind: SeparatorKind,
        /// Whether it trails the last token.
        trailing: bool,
    },
    /// `.default` together with named Graph scopes.
    MixedDefault,
    /// `.default` written without its resource.
    BareDefault,
    /// Right name, wrong casing (or a needlessly prefixed OpenID scope).
    WrongCase {
        /// As given.
        given: String,
        /// As it must be written.
        correct: String,
    },
    /// An OpenID scope written with the Graph prefix.
    PrefixedOpenId {
        /// As given.
        given: String,
        /// The bare OpenID name.
        correct: String,
    },
    /// Not a known permission.
    Unknown {
        /// As given.
        given: String,
        /// The closest catalog name.
        suggestion: Option<String>,
    },
    /// The same scope twice.
    Duplicate {
        /// The repeated token.
        given: String,
    },
    /// A scope of a resource other than Microsoft Graph.
    OtherResource {
        /// As given.
        given: String,
    },
    /// A permission that exists only in the other type.
    WrongType {
        /// Official name.
        name: String,
        /// The only type it has.
        kind: PermissionType,
        /// The mode being checked.
        mode: AuthMode,
    },
}

impl Problem {
    /// Whether the corrected string can fix it without guessing.
    pub fn has_sure_fix(&self) -> bool {
        matches!(
            self,
            Problem::Separator { .. }
                | Problem::BareDefault
                | Problem::WrongCase { .. }
                | Problem::PrefixedOpenId { .. }
                | Problem::Duplicate { .. }
        )
    }
}

impl fmt::Display for SeparatorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SeparatorKind::Comma => "a comma",
            SeparatorKind::Semicolon => "a semicolon",
            SeparatorKind::Tab => "a tab",
            SeparatorKind::LineBreak => "a line break",
            SeparatorKind::ExtraSpaces => "extra spaces",
            SeparatorKind::OtherWhitespace => "a non-breaking or invisible space",
        })
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Empty => f.write_str("the string holds no scope"),
            Problem::Separator { after: None, kind, .. } => {
                write!(f, "{kind} before the first scope: remove it")
            }
            Problem::Separator { after: Some(token), kind, trailing: true } => {
                write!(f, "{kind} after the last scope '{token}': remove it")
            }
            Problem::Separator { after: Some(token), kind, trailing: false } => write!(
                f,
                "{kind} after '{token}': separate scopes with single spaces (AADSTS70011)"
            ),
            Problem::MixedDefault => f.write_str(
                "https://graph.microsoft.com/.default cannot be combined with named Graph scopes: use either .default or the names",
            ),
            Problem::BareDefault => write!(f, "'.default' needs its resource: write {GRAPH_DEFAULT}"),
            Problem::WrongCase { given, correct } => write!(f, "'{given}' has the wrong casing: write '{correct}'"),
            Problem::PrefixedOpenId { given, correct } => {
                write!(f, "'{given}': OpenID scopes are never prefixed: write '{correct}'")
            }
            Problem::Unknown { given, suggestion: Some(s) } => {
                write!(f, "unknown permission '{given}' (did you mean '{s}'?)")
            }
            Problem::Unknown { given, suggestion: None } => write!(f, "unknown permission '{given}'"),
            Problem::Duplicate { given } => write!(f, "'{given}' appears more than once"),
            Problem::OtherResource { given } => write!(
                f,
                "'{given}' belongs to another resource: one token request covers one resource (Microsoft Graph here)"
            ),
            Problem::WrongType { name, kind, mode } => write!(
                f,
                "{name} exists only as {} {kind} permission: not valid in {} {mode} string",
                kind.article(),
                mode.article()
            ),
        }
    }
}
