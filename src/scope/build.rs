//! Building a scope string from selected permissions.

use super::{Diagnostic, GRAPH_DEFAULT, Style};
use crate::catalog::{AuthMode, GRAPH_PREFIX, Permission, PermissionType};

/// A built scope string and what the user should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOutput {
    /// The space-separated scope string (empty when nothing fits the mode).
    pub scope: String,
    /// The permissions that went in, in output order, without duplicates.
    pub included: Vec<Permission>,
    /// Left-out rows, warnings and consent counts, in a stable order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the scope string for `mode` and `style` from `selection`.
///
/// Only rows of the mode's type go in; each other row is reported as left out.
/// Graph permissions come first, sorted by name ignoring case, then the OpenID
/// scopes alphabetically; duplicates are dropped; tokens are joined by single spaces.
pub fn build(selection: &[&Permission], mode: AuthMode, style: Style) -> BuildOutput {
    let mut diagnostics = Vec::new();
    let mut included: Vec<&Permission> = Vec::new();
    for &p in selection {
        if p.kind != mode {
            diagnostics.push(Diagnostic::LeftOut { name: p.name.clone(), kind: p.kind });
        } else if !included.iter().any(|q| q.name.eq_ignore_ascii_case(&p.name)) {
            included.push(p);
        }
    }
    included.sort_by_key(|p| (p.is_openid(), p.name.to_ascii_lowercase(), p.name.clone()));

    if included.is_empty() {
        diagnostics.insert(0, Diagnostic::Empty { mode });
        return BuildOutput { scope: String::new(), included: Vec::new(), diagnostics };
    }
    diagnostics.extend(redundant_pairs(&included));
    if mode == PermissionType::Delegated && !included.iter().any(|p| p.name == "offline_access") {
        diagnostics.push(Diagnostic::NoRefreshToken);
    }
    if mode == PermissionType::Application && style != Style::Default {
        diagnostics.push(Diagnostic::AppOnlyNeedsDefault);
    }
    let count = included.iter().filter(|p| p.admin_consent).count();
    if count > 0 {
        diagnostics.push(Diagnostic::AdminConsent { count, total: included.len() });
    }

    BuildOutput {
        scope: render(&included, mode, style),
        included: included.into_iter().cloned().collect(),
        diagnostics,
    }
}

/// Joins the (sorted, de-duplicated) permissions in the given style.
fn render(included: &[&Permission], mode: AuthMode, style: Style) -> String {
    let tokens: Vec<String> = match style {
        Style::Short => included.iter().map(|p| p.name.clone()).collect(),
        Style::Qualified => included.iter().map(|p| qualified_name(&p.name)).collect(),
        Style::Default => {
            let openid =
                included.iter().filter(|p| p.is_openid() && mode == PermissionType::Delegated);
            std::iter::once(GRAPH_DEFAULT.to_string())
                .chain(openid.map(|p| p.name.clone()))
                .collect()
        }
    };
    tokens.join(" ")
}

/// `https://graph.microsoft.com/NAME`, except for OpenID scopes, which are never prefixed.
pub fn qualified_name(name: &str) -> String {
    if crate::catalog::is_openid_scope(name) {
        name.to_string()
    } else {
        format!("{GRAPH_PREFIX}{name}")
    }
}

/// Each included row that another included row covers (by Microsoft's
/// permissions map, see [`crate::hints`]), named once with the row covering it.
fn redundant_pairs(included: &[&Permission]) -> Vec<Diagnostic> {
    crate::hints::redundant_rows(included)
        .into_iter()
        .map(|(narrower, broader)| Diagnostic::Redundant {
            narrower: included[narrower].name.clone(),
            broader: included[broader].name.clone(),
        })
        .collect()
}
