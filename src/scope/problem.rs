//! What can be wrong with a pasted scope string.

use super::Suggestion;
use crate::catalog::Cloud;
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
    /// a non-breaking or zero-width space or similar
    OtherWhitespace,
}

/// Something wrong with a checked string: Entra rejects it, or it silently
/// asks for the wrong token. Rendered as one line by `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The string holds no scope at all.
    Empty,
    /// A separator other than spaces (`after` is `None` at the start).
    Separator {
        /// The token before it, `None` for leading separators.
        after: Option<String>,
        /// What was found.
        kind: SeparatorKind,
        /// Whether it trails the last token.
        trailing: bool,
    },
    /// Scopes of two resources: each needs its own token request.
    TwoResources {
        /// The first resource named.
        first: String,
        /// The second.
        second: String,
    },
    /// A host of another cloud than the one checked for.
    CloudMismatch {
        /// The token as given.
        given: String,
        /// The cloud its host belongs to.
        cloud: Cloud,
        /// The cloud checked for.
        expected: Cloud,
    },
    /// `.default` together with named scopes of the same resource.
    MixedDefault {
        /// The `.default` token as given.
        default: String,
    },
    /// `.default` written without its resource.
    BareDefault {
        /// The qualified form.
        correct: String,
    },
    /// An OpenID scope written with a resource prefix.
    PrefixedOpenId {
        /// As given.
        given: String,
        /// The bare OpenID name.
        correct: String,
    },
    /// Another resource's scope written short (a mail-protocol name without
    /// the Exchange Online host): it asks Microsoft Graph for the token,
    /// which that resource rejects.
    ScopeOfOtherResource {
        /// As given.
        given: String,
        /// The resource's label, from its table row.
        resource: &'static str,
        /// With the resource's host, where the cloud has one.
        correct: Option<String>,
    },
    /// Not a known permission.
    Unknown {
        /// As given.
        given: String,
        /// The nearest catalog name, with its caveats.
        suggestion: Option<Suggestion>,
    },
    /// An Application-only name in a user sign-in (Delegated): Entra answers
    /// AADSTS650053, the scope does not exist on the resource.
    WrongType {
        /// Official name.
        name: String,
        /// The Delegated counterpart (the name without `.All`), which the
        /// fix puts in its place; `None`: the fix removes the name.
        counterpart: Option<String>,
    },
    /// Named scopes in Application mode: client credentials take only `.default`.
    AppOnlyNamed {
        /// `<resource>/.default`, when the resource is clear.
        fix: Option<String>,
    },
    /// A slash after the name: Entra reads an empty scope name.
    TrailingSlash {
        /// As given.
        given: String,
        /// Without the slash.
        correct: String,
    },
    /// A known resource's host written as `http://` or with `:443`.
    LookAlike {
        /// As given.
        given: String,
        /// With the official host.
        correct: String,
    },
    /// A host of Microsoft Cloud Germany, which has closed.
    ClosedCloud {
        /// As given.
        given: String,
    },
    /// The string as a URL carries it: `+` or `%20` for spaces, `%2F` for
    /// `/`, `%3A` for `:`.
    UrlEncoded {
        /// What was found, in the order of [`URL_ESCAPES`](super::check).
        found: Vec<&'static str>,
    },
    /// An OpenID scope in Application mode, where it has no meaning.
    OpenIdInAppOnly {
        /// As given.
        given: String,
    },
}

impl Problem {
    /// Whether it lies in how a token is written, not in what it names: a
    /// repeated token still has it.
    pub fn is_in_the_writing(&self) -> bool {
        matches!(
            self,
            Problem::TrailingSlash { .. } | Problem::LookAlike { .. } | Problem::ClosedCloud { .. }
        )
    }

    /// Whether the corrected string can fix it without guessing.
    pub fn has_sure_fix(&self) -> bool {
        match self {
            Problem::Separator { .. }
            | Problem::BareDefault { .. }
            | Problem::PrefixedOpenId { .. }
            | Problem::OpenIdInAppOnly { .. }
            | Problem::WrongType { .. }
            | Problem::TrailingSlash { .. }
            | Problem::LookAlike { .. }
            | Problem::UrlEncoded { .. } => true,
            Problem::ScopeOfOtherResource { correct, .. } => correct.is_some(),
            Problem::AppOnlyNamed { fix } => fix.is_some(),
            _ => false,
        }
    }
}

impl fmt::Display for SeparatorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SeparatorKind::Comma => "a comma",
            SeparatorKind::Semicolon => "a semicolon",
            SeparatorKind::Tab => "a tab",
            SeparatorKind::LineBreak => "a line break",
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
            Problem::Separator { after: Some(token), kind: SeparatorKind::Comma, trailing: false } => {
                write!(f, "a comma after '{token}': separate scopes with single spaces (AADSTS70011)")
            }
            Problem::Separator { after: Some(token), kind, trailing: false } => {
                write!(f, "{kind} after '{token}': separate scopes with single spaces")
            }
            Problem::TwoResources { first, second } => write!(
                f,
                "scopes of two resources, {first} and {second}: one token request covers one resource, so each needs its own request (and its own string)"
            ),
            Problem::CloudMismatch { given, cloud, expected } => write!(
                f,
                "'{given}' is a scope of the {} cloud, but the string is for the {} cloud: use one cloud's hosts (--cloud)",
                cloud.label(),
                expected.label()
            ),
            Problem::MixedDefault { default } => write!(
                f,
                "'{default}' cannot be combined with named scopes of the same resource: use either .default or the names"
            ),
            Problem::BareDefault { correct } => {
                write!(f, "'.default' needs its resource: write '{correct}'")
            }
            Problem::PrefixedOpenId { given, correct } => {
                write!(f, "'{given}': OpenID scopes are never prefixed: write '{correct}'")
            }
            Problem::ScopeOfOtherResource { given, resource, correct: Some(correct) } => write!(
                f,
                "'{given}' asks Microsoft Graph for the token, which {resource} rejects: write '{correct}'"
            ),
            Problem::ScopeOfOtherResource { given, resource, correct: None } => write!(
                f,
                "'{given}' asks Microsoft Graph for the token, which {resource} rejects; scopepick knows no {resource} host in this cloud"
            ),
            Problem::Unknown { given, suggestion: Some(s) } => {
                write!(f, "unknown permission '{given}'{s}")
            }
            Problem::Unknown { given, suggestion: None } => {
                write!(f, "unknown permission '{given}'")
            }
            Problem::WrongType { name, counterpart: Some(counterpart) } => write!(
                f,
                "{name} exists only as an Application permission: a user sign-in asking for it fails with AADSTS650053 (the scope does not exist on the resource): write its Delegated counterpart '{counterpart}'"
            ),
            Problem::WrongType { name, counterpart: None } => write!(
                f,
                "{name} exists only as an Application permission: a user sign-in asking for it fails with AADSTS650053 (the scope does not exist on the resource), and it has no Delegated counterpart: remove it"
            ),
            Problem::AppOnlyNamed { fix: Some(fix) } => write!(
                f,
                "Application mode uses the client-credentials flow, which accepts only '{fix}' (AADSTS1002012): grant the permissions in Entra ID and write '{fix}'"
            ),
            Problem::AppOnlyNamed { fix: None } => f.write_str(
                "Application mode uses the client-credentials flow, which accepts only <resource>/.default (AADSTS1002012)",
            ),
            Problem::TrailingSlash { given, correct } => write!(
                f,
                "'{given}' ends in a slash, which leaves an empty scope name: write '{correct}'"
            ),
            Problem::LookAlike { given, correct } => write!(
                f,
                "'{given}' is not how Entra names the resource (https, no port): write '{correct}'"
            ),
            Problem::ClosedCloud { given } => write!(
                f,
                "'{given}' is a scope of Microsoft Cloud Germany, which has closed: its tenants moved to the global cloud (https://graph.microsoft.com)"
            ),
            Problem::UrlEncoded { found } => write!(
                f,
                "the string is written as in a URL ({}): a scope string separates scopes with spaces and writes '/' and ':' as they are; use the decoded string",
                found.join(", ")
            ),
            Problem::OpenIdInAppOnly { given } => write!(
                f,
                "'{given}' has no meaning in the client-credentials flow (Application mode): remove it"
            ),
        }
    }
}
