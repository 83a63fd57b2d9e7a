//! The `requiredResourceAccess` property of an app registration manifest.

use super::access_type;
use crate::catalog::{Permission, Resource};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Manifest<'a> {
    required_resource_access: [ResourceAccessList<'a>; 1],
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

/// `{"requiredResourceAccess": [...]}` as pretty JSON: one Microsoft Graph entry
/// with a `Scope` (Delegated) or `Role` (Application) item per row.
///
/// The object form is also the body of a Graph `PATCH /applications/{id}`.
pub(super) fn render(rows: &[&Permission]) -> String {
    let manifest = Manifest {
        required_resource_access: [ResourceAccessList {
            resource_app_id: Resource::GRAPH_APP_ID,
            resource_access: rows
                .iter()
                .map(|p| ResourceAccess { id: &p.id, kind: access_type(p.kind) })
                .collect(),
        }],
    };
    serde_json::to_string_pretty(&manifest).expect("plain structs of strings always serialize")
}
