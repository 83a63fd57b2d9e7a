//! Reading one scope token: the resource it is written with, if any, and the name.

use crate::catalog::{Cloud, Resource, is_guid};

/// The resource part of a qualified token (`https://host/`, `GUID/`, `api://…/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ResourcePart<'t> {
    /// As written, without the slash before the name.
    pub written: &'t str,
    /// Written with two slashes before the name (`https://graph.microsoft.com//.default`).
    pub double: bool,
    /// The known resource and, for a host, its cloud.
    pub resource: Option<(Resource, Option<Cloud>)>,
    /// A known resource's host written another way Entra does not take as
    /// that resource (`http://`, `:443`): a problem, fixed to the official host.
    pub look_alike: bool,
}

/// A token split into resource and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Parsed<'t> {
    /// The scope name after the last `/` (the whole token when bare).
    pub name: &'t str,
    /// The resource, `None` for a bare name.
    pub origin: Option<ResourcePart<'t>>,
    /// Written with a slash after the name (`https://graph.microsoft.com/User.Read/`),
    /// which leaves Entra an empty scope name.
    pub trailing_slash: bool,
}

/// Splits at the last `/` when what comes before is a URI (`scheme://…`) or
/// an app id; a qualified token ending in slashes is read without them.
pub(super) fn parse(token: &str) -> Parsed<'_> {
    let trimmed = token.trim_end_matches('/');
    if trimmed.len() < token.len()
        && let Some(mut parsed) = qualified(trimmed)
    {
        parsed.trailing_slash = true;
        return parsed;
    }
    qualified(token).unwrap_or(Parsed { name: token, origin: None, trailing_slash: false })
}

/// `token` split into resource and name, when it is written with a resource.
fn qualified(token: &str) -> Option<Parsed<'_>> {
    let pos = token.rfind('/')?;
    let (head, name) = (&token[..pos], &token[pos + 1..]);
    let double = head.ends_with('/') && !head.ends_with(":/");
    let head = if double { &head[..head.len() - 1] } else { head };
    if !head.contains("://") && !is_guid(head) {
        return None;
    }
    let (resource, look_alike) = match Resource::identify(head) {
        Some(found) => (Some(found), false),
        None => (look_alike(head), true),
    };
    let look_alike = look_alike && resource.is_some();
    let origin = ResourcePart { written: head, double, resource, look_alike };
    Some(Parsed { name, origin: Some(origin), trailing_slash: false })
}

/// The known resource a host written with `http://` or the default port
/// `:443` stands for.
fn look_alike(head: &str) -> Option<(Resource, Option<Cloud>)> {
    let lower = head.to_ascii_lowercase();
    let rest = lower.strip_prefix("http://").or_else(|| lower.strip_prefix("https://"))?;
    let host = rest.strip_suffix(":443").unwrap_or(rest);
    Resource::identify(&format!("https://{host}"))
}

/// The host of a URI (`https://graph.windows.net:443` gives `graph.windows.net`), lowercase.
pub(super) fn host(written: &str) -> Option<String> {
    let (_, rest) = written.split_once("://")?;
    let end = rest.find(['/', ':']).unwrap_or(rest.len());
    Some(rest[..end].to_ascii_lowercase())
}
