//! What a tenant granted, as opposed to what an app registered: a
//! registration's `requiredResourceAccess` is only a request; a token carries
//! what an administrator (or, for Delegated permissions, each user) consented
//! to. Read from Graph REST JSON as `az rest` prints it
//! (`/servicePrincipals/{id}/appRoleAssignments`,
//! `/oauth2PermissionGrants?$filter=clientId eq '{id}'`) or as Graph
//! PowerShell's `ConvertTo-Json` writes it (PascalCase keys), as a collection
//! (`{"value": [...]}`), an array or one object. `az ad sp show --id
//! 00000003-0000-0000-c000-000000000000` names Graph's service principal in
//! the tenant, which a delegated grant's `resourceId` refers to.

use super::registration::field;
use super::{Audit, BUILTIN, Extra, ExtraReason, Had, compare};
use crate::catalog::{AuthMode, Catalog, Permission, PermissionType, Resource, is_guid};
use crate::text::json_kind;
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

/// What to run to get the files `audit --grants` reads: the end of every [`GrantsError`].
pub const GRANTS_HINT: &str = "export them with az rest --url \
     \"https://graph.microsoft.com/v1.0/servicePrincipals/$SP_ID/appRoleAssignments\" or \
     \"https://graph.microsoft.com/v1.0/oauth2PermissionGrants?\\$filter=clientId eq '$SP_ID'\"";

/// An application permission (app role) granted to the app's service principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleAssignment {
    /// The app role's GUID, lowercase.
    pub app_role_id: String,
    /// The resource's service principal object id, lowercase.
    pub resource_id: String,
    /// The resource's name (`Microsoft Graph`), when given.
    pub resource_display_name: Option<String>,
}

/// Delegated permissions granted to the app for one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionGrant {
    /// `AllPrincipals` (an administrator, for every user) or not (one user, for themselves).
    pub all_principals: bool,
    /// The user who consented, for a `Principal` grant.
    pub principal_id: Option<String>,
    /// The resource's service principal object id, lowercase.
    pub resource_id: String,
    /// The scope names, as the grant lists them.
    pub scopes: Vec<String>,
}

/// Everything read from the `--grants` files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grants {
    /// App role assignments (Application mode), in file order.
    pub roles: Vec<RoleAssignment>,
    /// Delegated permission grants, in file order.
    pub grants: Vec<PermissionGrant>,
    /// Object ids of Microsoft Graph's service principal found in the files, lowercase.
    pub graph_sp_ids: Vec<String>,
    /// Files with an `@odata.nextLink`: `az rest` fetched only their first page.
    pub more_pages: Vec<String>,
}

/// Why a file is not something `--grants` reads; the caller names the file.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum GrantsError {
    /// The text is not JSON.
    #[error("not JSON ({0}): {GRANTS_HINT}")]
    Syntax(String),
    /// An item is none of the three shapes.
    #[error(
        "{path}: not an appRoleAssignment, an oauth2PermissionGrant or a service principal \
         (found {found}): {GRANTS_HINT}"
    )]
    Shape {
        /// Where (`value[2]`).
        path: String,
        /// What was there.
        found: String,
    },
    /// A value is missing or of the wrong kind.
    #[error("{path}: {problem}: {GRANTS_HINT}")]
    Entry {
        /// Where (`value[0].appRoleId`).
        path: String,
        /// What is wrong.
        problem: String,
    },
}

impl Grants {
    /// Adds what one file holds; `file` names it in the more-pages note.
    pub fn read(&mut self, file: &str, text: &str) -> Result<(), GrantsError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc: Value =
            serde_json::from_str(text).map_err(|e| GrantsError::Syntax(e.to_string()))?;
        let (items, path): (Vec<&Value>, &str) = match (&doc, field(&doc, "value")) {
            (Value::Array(items), _) => (items.iter().collect(), ""),
            (_, Some(Value::Array(items))) => {
                if field(&doc, "@odata.nextLink").is_some() {
                    self.more_pages.push(file.to_string());
                }
                (items.iter().collect(), "value")
            }
            (Value::Object(_), _) => (vec![&doc], ""),
            (other, _) => {
                return Err(GrantsError::Shape {
                    path: "$".into(),
                    found: json_kind(other).into(),
                });
            }
        };
        for (i, item) in items.into_iter().enumerate() {
            self.read_item(item, &format!("{path}[{i}]"))?;
        }
        Ok(())
    }

    fn read_item(&mut self, item: &Value, path: &str) -> Result<(), GrantsError> {
        if field(item, "appRoleId").is_some() {
            self.roles.push(RoleAssignment {
                app_role_id: guid(item, "appRoleId", path)?,
                resource_id: guid(item, "resourceId", path)?,
                resource_display_name: text(item, "resourceDisplayName"),
            });
        } else if let Some(consent) = field(item, "consentType") {
            let scopes = text(item, "scope").unwrap_or_default();
            self.grants.push(PermissionGrant {
                all_principals: consent
                    .as_str()
                    .is_some_and(|c| c.eq_ignore_ascii_case("AllPrincipals")),
                principal_id: text(item, "principalId"),
                resource_id: guid(item, "resourceId", path)?,
                scopes: scopes.split_whitespace().map(str::to_string).collect(),
            });
        } else if field(item, "appId").is_some() && field(item, "servicePrincipalType").is_some() {
            if guid(item, "appId", path)? == Resource::Graph.app_id() {
                self.graph_sp_ids.push(guid(item, "id", path)?);
            }
        } else {
            return Err(GrantsError::Shape { path: path.into(), found: json_kind(item).into() });
        }
        Ok(())
    }

    /// The mode the files speak of: Application for app role assignments
    /// only, Delegated for tenant-wide grants only; `None` when both or neither.
    pub fn mode(&self) -> Option<AuthMode> {
        let tenant_wide = self.grants.iter().any(|g| g.all_principals);
        match (self.roles.is_empty(), tenant_wide) {
            (false, false) => Some(PermissionType::Application),
            (true, true) => Some(PermissionType::Delegated),
            _ => None,
        }
    }
}

/// The string at `key`, when there is one.
fn text(item: &Value, key: &str) -> Option<String> {
    field(item, key).and_then(Value::as_str).map(str::to_string)
}

/// The GUID at `key`, lowercase.
fn guid(item: &Value, key: &str, path: &str) -> Result<String, GrantsError> {
    let entry = |problem: String| GrantsError::Entry { path: format!("{path}.{key}"), problem };
    match field(item, key) {
        Some(Value::String(s)) if is_guid(s) => Ok(s.to_ascii_lowercase()),
        Some(Value::String(s)) => Err(entry(format!("{s:?} is not a GUID"))),
        Some(other) => Err(entry(format!("expected a GUID, found {}", json_kind(other)))),
        None => Err(entry("missing".into())),
    }
}

/// Delegated scopes that single users granted for themselves (never tenant-wide).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserGrant {
    /// The scope name as granted.
    pub scope: String,
    /// How many users granted it.
    pub users: usize,
}

/// The audit of what the tenant granted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantsAudit {
    /// Missing, extra, redundant: tenant-wide grants only.
    pub audit: Audit,
    /// Graph scopes granted by users for themselves.
    pub user_grants: Vec<UserGrant>,
    /// Resource ids of delegated grants that could not be placed, because
    /// Graph's service principal id is not known.
    pub unknown_resources: Vec<String>,
}

/// Audits what the tenant granted against the `set`'s rows of `mode`'s type.
/// A role assignment is Graph's when its resource is Graph's service principal
/// (`graph_sp_id`, else one in the files) or is named `Microsoft Graph`; a
/// delegated grant only by that id. `Principal` grants never count as present.
pub fn audit_grants(
    set: &[&Permission],
    grants: &Grants,
    graph_sp_id: Option<&str>,
    mode: AuthMode,
    catalog: &Catalog,
) -> GrantsAudit {
    let graph_id =
        graph_sp_id.map(str::to_ascii_lowercase).or(grants.graph_sp_ids.first().cloned());
    let is_graph = |id: &str| graph_id.as_deref() == Some(id);
    let mut had: Vec<Had> = Vec::new();
    for role in &grants.roles {
        let named_graph = role.resource_display_name.as_deref() == Some(Resource::Graph.label());
        if !(is_graph(&role.resource_id) || named_graph) {
            let resource = role.resource_display_name.clone().unwrap_or(role.resource_id.clone());
            let known = Resource::all().find(|r| r.label() == resource);
            let name = super::name_by_id(catalog, known, &role.app_role_id);
            had.push(other(&name, Some(PermissionType::Application), resource));
            continue;
        }
        let row =
            role_row(catalog, &role.app_role_id).or_else(|| role_row(&BUILTIN, &role.app_role_id));
        had.push(match row {
            Some(row) => Had::Row(row),
            None => Had::Other(Extra {
                name: role.app_role_id.clone(),
                kind: Some(PermissionType::Application),
                reason: ExtraReason::Unknown,
                resource: None,
            }),
        });
    }
    let mut user_grants: Vec<UserGrant> = Vec::new();
    let mut unknown_resources: Vec<String> = Vec::new();
    for grant in &grants.grants {
        if graph_id.is_none() {
            // Graph's or another's: nothing can say, so nothing is counted.
            if !unknown_resources.contains(&grant.resource_id) {
                unknown_resources.push(grant.resource_id.clone());
            }
            continue;
        }
        if !is_graph(&grant.resource_id) {
            let resource = format!("the service principal {}", grant.resource_id);
            for scope in &grant.scopes {
                had.push(other(scope, Some(PermissionType::Delegated), resource.clone()));
            }
            continue;
        }
        for scope in &grant.scopes {
            if grant.all_principals {
                had.push(super::row_named(catalog, scope, PermissionType::Delegated).map_or_else(
                    || {
                        Had::Other(Extra {
                            name: scope.clone(),
                            kind: None,
                            reason: ExtraReason::Unknown,
                            resource: None,
                        })
                    },
                    Had::Row,
                ));
            } else {
                match user_grants.iter_mut().find(|u| u.scope.eq_ignore_ascii_case(scope)) {
                    Some(u) => u.users += 1,
                    None => user_grants.push(UserGrant { scope: scope.clone(), users: 1 }),
                }
            }
        }
    }
    GrantsAudit { audit: compare(set, had, mode), user_grants, unknown_resources }
}

/// Microsoft Graph's Application permission (app role) with GUID `id`.
fn role_row<'c>(catalog: &'c Catalog, id: &str) -> Option<&'c Permission> {
    catalog.permissions.iter().find(|p| {
        p.resource == Resource::Graph
            && p.kind == PermissionType::Application
            && p.id.eq_ignore_ascii_case(id)
    })
}

/// Something granted on another (or an unplaced) resource.
fn other(name: &str, kind: Option<PermissionType>, resource: String) -> Had<'static> {
    Had::Other(Extra {
        name: name.to_string(),
        kind,
        reason: ExtraReason::OtherResource,
        resource: Some(resource),
    })
}
