//! Reading one scope token: the resource it is written with, if any, and the name.

use crate::catalog::{Cloud, Resource, is_guid};

/// The resource part of a qualified token (`https://host/`, `GUID/`, `api://…/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Origin<'t> {
    /// As written, without the slash before the name.
    pub written: &'t str,
    /// Written with two slashes before the name (`https://graph.microsoft.com//.default`).
    pub double: bool,
    /// The known resource and, for a host, its cloud.
    pub resource: Option<(Resource, Option<Cloud>)>,
}

/// A token split into resource and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Parsed<'t> {
    /// The scope name after the last `/` (the whole token when bare).
    pub name: &'t str,
    /// The resource, `None` for a bare name.
    pub origin: Option<Origin<'t>>,
}

/// Splits at the last `/` when what comes before is a URI (`scheme://…`) or an app id.
pub(super) fn parse(token: &str) -> Parsed<'_> {
    if let Some(pos) = token.rfind('/') {
        let (head, name) = (&token[..pos], &token[pos + 1..]);
        let double = head.ends_with('/') && !head.ends_with(":/");
        let head = if double { &head[..head.len() - 1] } else { head };
        if head.contains("://") || is_guid(head) {
            let origin = Origin { written: head, double, resource: Resource::identify(head) };
            return Parsed { name, origin: Some(origin) };
        }
    }
    Parsed { name: token, origin: None }
}
