//! The `requiredResourceAccess` property of an app registration manifest.

use super::{access_type, registered_under};
use crate::catalog::{Permission, Resource};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Manifest<'a> {
    required_resource_access: Vec<ResourceAccessList<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResourceAccessList<'a> {
    resource_app_id: &'static str,
    resource_access: Vec<ResourceAccess<'a>>,
}

#[derive(Serialize)]
struct ResourceAccess<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// `{"requiredResourceAccess": [...]}` as pretty JSON: one entry per resource
/// (Microsoft Graph, then Exchange Online for Application mail rows) with a
/// `Scope` (Delegated) or `Role` (Application) item per row.
///
/// The object form is also the body of a Graph `PATCH /applications/{id}`.
pub(super) fn render(rows: &[&Permission]) -> String {
    let required_resource_access = Resource::all()
        .map(|resource| ResourceAccessList {
            resource_app_id: resource.app_id(),
            resource_access: rows
                .iter()
                .filter(|p| registered_under(p) == resource)
                .map(|p| ResourceAccess { id: &p.id, kind: access_type(p.kind) })
                .collect(),
        })
        .filter(|list| !list.resource_access.is_empty())
        .collect();
    serde_json::to_string_pretty(&Manifest { required_resource_access })
        .expect("plain structs of strings always serialize")
}
