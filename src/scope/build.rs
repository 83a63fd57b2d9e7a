//! Building a scope string from selected permissions: for one resource, in
//! one cloud, for one flow.

use super::{Diagnostic, ScopeForm};
use crate::catalog::{AuthMode, Cloud, Permission, PermissionType, Resource};

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

/// Builds the scope string for `mode`, `style` and `cloud` from `selection`.
///
/// Only rows of the mode's type go in; each other row is reported as left
/// out. The string asks for one resource: Microsoft Graph when any Graph row
/// is selected, else the resource of the first row (read from the row); rows of the
/// other resource are left out with a note. Names come sorted ignoring case,
/// then the OpenID scopes alphabetically; duplicates are dropped; tokens are
/// joined by single spaces. In Application mode the `.default` style gives
/// `<resource>/.default` even with nothing selected; the short and qualified
/// styles print what was asked with a warning, since client credentials
/// reject them (AADSTS1002012).
pub fn build(
    selection: &[&Permission],
    mode: AuthMode,
    style: ScopeForm,
    cloud: Cloud,
) -> BuildOutput {
    let mut diagnostics = Vec::new();
    let mut included: Vec<&Permission> = Vec::new();
    for &p in selection {
        if p.kind != mode {
            diagnostics.push(Diagnostic::LeftOut { name: p.name.clone(), kind: p.kind });
        } else if !included.iter().any(|q| q.name.eq_ignore_ascii_case(&p.name)) {
            included.push(p);
        }
    }
    let resource = included
        .iter()
        .filter(|p| !p.is_openid())
        .map(|p| Resource::audience_of(p))
        .min_by_key(|r| *r != Resource::Graph)
        .unwrap_or(Resource::Graph);
    included.retain(|p| {
        let own = p.is_openid() || Resource::audience_of(p) == resource;
        if !own {
            let other = Resource::audience_of(p).to_string();
            diagnostics.push(Diagnostic::OwnTokenRequest { name: p.name.clone(), resource: other });
        }
        own
    });
    if resource.origin(cloud).is_none() {
        diagnostics.push(Diagnostic::NoHostInCloud { resource: resource.to_string(), cloud });
        included.clear();
    }
    included.sort_by_key(|p| (p.is_openid(), p.name.to_ascii_lowercase(), p.name.clone()));
    if cloud != Cloud::Global {
        diagnostics.push(Diagnostic::NationalCloud { cloud });
    }
    let default = resource.default_scope(cloud).unwrap_or_default();
    if included.is_empty() {
        if mode == PermissionType::Application && style == ScopeForm::Default && !default.is_empty()
        {
            diagnostics.insert(0, Diagnostic::DefaultGrantsAll);
            return BuildOutput { scope: default, included: Vec::new(), diagnostics };
        }
        diagnostics.insert(0, Diagnostic::Empty { mode });
        return BuildOutput { scope: String::new(), included: Vec::new(), diagnostics };
    }
    diagnostics.extend(redundant_pairs(&included));
    if mode == PermissionType::Delegated && !included.iter().any(|p| p.name == "offline_access") {
        diagnostics.push(Diagnostic::NoRefreshToken);
    }
    if mode == PermissionType::Application && style != ScopeForm::Default {
        diagnostics.push(Diagnostic::AppOnlyNeedsDefault { default: default.clone() });
    }
    let count = included.iter().filter(|p| p.admin_consent).count();
    if count > 0 {
        diagnostics.push(Diagnostic::AdminConsent { count, total: included.len() });
    }
    diagnostics.extend(super::resource_notes(included.iter().map(|p| (p.name.as_str(), p.kind))));

    BuildOutput {
        scope: render(&included, mode, style, resource, cloud),
        included: included.into_iter().cloned().collect(),
        diagnostics,
    }
}

/// Joins the (sorted, de-duplicated) permissions in the given style. Short
/// names mean Microsoft Graph, so other resources' names are always qualified.
fn render(
    included: &[&Permission],
    mode: AuthMode,
    style: ScopeForm,
    resource: Resource,
    cloud: Cloud,
) -> String {
    let qualify = |p: &&Permission| qualified_name(&p.name, resource, cloud);
    let tokens: Vec<String> = match style {
        ScopeForm::Short if resource == Resource::Graph => {
            included.iter().map(|p| p.name.clone()).collect()
        }
        ScopeForm::Short | ScopeForm::Qualified => included.iter().map(qualify).collect(),
        ScopeForm::Default => {
            let openid =
                included.iter().filter(|p| p.is_openid() && mode == PermissionType::Delegated);
            resource
                .default_scope(cloud)
                .into_iter()
                .chain(openid.map(|p| p.name.clone()))
                .collect()
        }
    };
    tokens.join(" ")
}

/// `<host>/NAME` of `resource` in `cloud`, except for OpenID scopes, which are never prefixed.
pub fn qualified_name(name: &str, resource: Resource, cloud: Cloud) -> String {
    if crate::catalog::is_openid_scope(name) {
        return name.to_string();
    }
    resource.qualify(name, cloud).unwrap_or_else(|| name.to_string())
}

/// Each included row beside a broader one of its family (the privilege
/// model, see [`crate::coverage`]), named once with that row.
pub(super) fn redundant_pairs(included: &[&Permission]) -> Vec<Diagnostic> {
    crate::coverage::redundancy(included)
        .into_iter()
        .map(|r| Diagnostic::Redundant {
            narrower: included[r.narrower].name.clone(),
            broader: included[r.broader].name.clone(),
            sentence: r.sentence(included),
        })
        .collect()
}
