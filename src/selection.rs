//! Turning names a user typed into catalog rows.

use crate::catalog::{AuthMode, Catalog, GRAPH_PREFIX, Permission};
use crate::filter::suggest;
use thiserror::Error;

/// A typed name that matches no catalog row.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
#[error("unknown permission '{name}'{}", suggestion_text(.suggestion))]
pub struct UnknownPermission {
    /// The name as typed.
    pub name: String,
    /// The closest catalog name.
    pub suggestion: Option<String>,
}

fn suggestion_text(suggestion: &Option<String>) -> String {
    suggestion.as_ref().map(|s| format!(" (did you mean '{s}'?)")).unwrap_or_default()
}

/// The rows named by `names`, ignoring case and an optional Graph prefix.
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
        let short = strip_prefix_ignoring_case(name, GRAPH_PREFIX).unwrap_or(name);
        let found = catalog.rows_named(short);
        if found.is_empty() {
            let suggestion = suggest(catalog, short);
            return Err(UnknownPermission { name: name.to_string(), suggestion });
        }
        let of_mode = found.iter().copied().find(|&i| catalog.permissions[i].kind == mode);
        match of_mode {
            Some(i) => rows.push(&catalog.permissions[i]),
            None => rows.extend(found.iter().map(|&i| &catalog.permissions[i])),
        }
    }
    Ok(rows)
}

/// `text` without `prefix`, compared ignoring ASCII case.
pub fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
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
