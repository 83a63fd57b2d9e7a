//! Turning names a user typed into catalog rows.

use crate::catalog::{AuthMode, Catalog, Permission, Resource, openid_permission, resource_rows};
use crate::scope::{Diagnostic, Suggestion, is_separator, suggestion_for};
use thiserror::Error;

/// A typed name that matches no catalog row.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("unknown permission '{name}'{}", suggestion_text(.suggestion))]
pub struct UnknownPermission {
    /// The name as typed.
    pub name: String,
    /// The nearest catalog name, with what makes it more than was typed.
    pub suggestion: Option<Suggestion>,
}

fn suggestion_text(suggestion: &Option<Suggestion>) -> String {
    suggestion.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// Typed arguments as names: each trimmed, and split where it holds
/// separators (`"Chat.Read,Mail.Send"`), with a note for each split one.
pub fn split_names<S: AsRef<str>>(args: &[S]) -> (Vec<String>, Vec<Diagnostic>) {
    let (mut names, mut notes) = (Vec::new(), Vec::new());
    for arg in args {
        let arg = arg.as_ref();
        let parts: Vec<&str> = arg.split(is_separator).filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 {
            notes.push(Diagnostic::SplitArgument { given: arg.trim().into(), parts: parts.len() });
        }
        names.extend(parts.into_iter().map(str::to_string));
    }
    (names, notes)
}

/// The rows named by `names`, ignoring case and an optional resource prefix
/// (`https://graph.microsoft.com/`). The OpenID scopes are built in, so they
/// resolve whichever catalog is loaded.
///
/// A name that exists in both types stands for the row of `mode`'s type; a
/// name that exists only in the other type keeps that row, so the build can
/// report it as left out.
pub fn resolve_names<'c, S: AsRef<str>>(
    catalog: &'c Catalog,
    names: &[S],
    mode: AuthMode,
) -> Result<Vec<&'c Permission>, UnknownPermission> {
    let mut rows = Vec::new();
    for name in names {
        let name = name.as_ref();
        let split = name.rsplit_once('/').filter(|(head, _)| head.contains("://"));
        let short = split.map_or(name, |(_, n)| n);
        // A host of another resource than Graph picks that resource's rows.
        let resource = split
            .and_then(|(head, _)| Resource::identify(head))
            .map(|(r, _)| r)
            .filter(|r| *r != Resource::Graph);
        let of_resource = |p: &&Permission| resource.is_none_or(|r| Resource::audience_of(p) == r);
        let mut found: Vec<&'c Permission> =
            catalog.rows_named(short).into_iter().map(|i| &catalog.permissions[i]).collect();
        found.retain(of_resource);
        if found.is_empty() {
            // The resource table's rows (Exchange Online's app roles, ...),
            // then the OpenID scopes: known whichever catalog is loaded.
            found = resource_rows(short).filter(of_resource).collect();
        }
        if found.is_empty() {
            if let Some(openid) = openid_permission(short) {
                rows.push(openid);
                continue;
            }
            let suggestion = suggestion_for(catalog, short, mode);
            return Err(UnknownPermission { name: name.to_string(), suggestion });
        }
        match found.iter().find(|p| p.kind == mode) {
            Some(p) => rows.push(*p),
            None => rows.extend(found),
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType::{Application, Delegated};

    #[test]
    fn names_resolve_ignoring_case_and_prefix_to_the_modes_row() {
        let catalog = Catalog::embedded();
        let rows = resolve_names(
            &catalog,
            &["sites.read.all", "https://graph.microsoft.com/Chat.Read", "PROFILE"],
            Delegated,
        )
        .unwrap();
        let got: Vec<_> = rows.iter().map(|p| (p.name.as_str(), p.kind)).collect();
        assert_eq!(
            got,
            [("Sites.Read.All", Delegated), ("Chat.Read", Delegated), ("profile", Delegated)]
        );
        let rows = resolve_names(&catalog, &["Sites.Read.All"], Application).unwrap();
        assert_eq!(rows[0].kind, Application);
    }

    #[test]
    fn a_name_of_the_other_type_keeps_its_row() {
        let catalog = Catalog::embedded();
        let rows = resolve_names(&catalog, &["User.Read.All"], Delegated).unwrap();
        assert_eq!(rows[0].kind, Application);
    }

    #[test]
    fn unknown_names_suggest_the_closest() {
        let catalog = Catalog::embedded();
        let err = resolve_names(&catalog, &["Chat.Raed"], Delegated).unwrap_err();
        assert_eq!(err.to_string(), "unknown permission 'Chat.Raed' (did you mean 'Chat.Read'?)");
    }
}
