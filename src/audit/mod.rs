//! Auditing what a customer already has against a set of permissions (a
//! preset or a saved selection): what is missing, what is extra (not in the
//! set: fine, but named) and what is redundant (another permission the
//! customer has, or will have once the missing ones are added, covers it).
//!
//! Three things can be audited, each for one mode:
//! - the connector's field, a Delegated scope string ([`audit_scopes`]):
//!   split and recognised as [`check`] does, with a corrected string that
//!   adds the missing names;
//! - the app registration ([`audit_registration`]): its `Scope` entries are
//!   Delegated, its `Role` entries Application; GUIDs are resolved through
//!   the catalog, then the built-in facts. Application mode is audited this
//!   way: its field holds only `.default`. A registration only asks;
//! - what the tenant granted ([`audit_grants`]): app role assignments and
//!   delegated permission grants, which is what a token carries.
//!
//! Redundancy is [`redundant_rows`], the rule the picker's basket shows:
//! Microsoft's permissions map, rows an Intrexx preset lists exempt while the
//! whole preset is present. Pure functions over plain data, no I/O.

mod compare;
mod grants;
mod registration;
#[cfg(test)]
mod tests;

pub use grants::{GRANTS_HINT, Grants, GrantsAudit, audit_grants};
pub use registration::{EXPORT_HINT, Registered, Registration};

use crate::catalog::{
    Audience, AuthMode, Catalog, Permission, PermissionType, Resource, openid_permission,
};
use crate::scope::{Problem, TokenStatus, check};
use compare::{Had, compare};
use serde::Serialize;
use std::sync::LazyLock;
use thiserror::Error;

/// A permission of the set that the customer lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// Official name.
    pub name: String,
    /// Its type (the mode's).
    #[serde(rename = "type")]
    pub kind: PermissionType,
    /// Whether a tenant administrator must consent to it.
    pub admin_consent: bool,
    /// The permission's GUID.
    pub id: String,
    /// A permission the customer has that covers every API call of this one
    /// (by Microsoft's map); it is still missing by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covered_by: Option<String>,
}

/// Why something the customer has is not in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtraReason {
    /// A permission of the mode's type that the set does not list.
    NotInSet,
    /// Not in the set, and an optional row (`*`) on the Intrexx page.
    IntrexxOptional,
    /// A permission of the other type: not part of this mode's sign-in.
    OtherType,
    /// Not in the catalog: an unknown name or GUID.
    Unknown,
    /// A scope of another resource than Microsoft Graph.
    OtherResource,
}

/// Something the customer has that the set does not list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extra {
    /// Official name; for an unknown one the token or GUID as given.
    pub name: String,
    /// Its type, where known.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<PermissionType>,
    /// Why it is extra.
    pub reason: ExtraReason,
    /// The resource, for [`ExtraReason::OtherResource`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
}

/// Something the customer has that another permission covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redundant {
    /// Official name of the narrower permission.
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: PermissionType,
    /// The least privileged permission (had, or missing and to be added) that covers it.
    pub covered_by: String,
}

/// The three lists of an audit, each in a stable order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Audit {
    /// The mode audited: the set's rows of this type are expected.
    pub mode: AuthMode,
    /// The set's rows the customer lacks, sorted as a scope string sorts them.
    pub missing: Vec<Missing>,
    /// What the customer has beyond the set, in the customer's order.
    pub extra: Vec<Extra>,
    /// What the customer has that another permission covers, in the customer's order.
    pub redundant: Vec<Redundant>,
}

impl Audit {
    /// Whether nothing of the set is missing.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// The three lists on one line, for a status line or a question:
    /// `missing: Chat.Read, Mail.Send · extra: Files.Read · redundant:
    /// Chat.ReadBasic (Chat.Read covers it)`; `nothing missing, nothing
    /// extra, nothing redundant` when all are empty.
    pub fn summary(&self) -> String {
        let list = |label: &str, names: Vec<String>| {
            (!names.is_empty()).then(|| format!("{label}: {}", names.join(", ")))
        };
        let parts: Vec<String> = [
            list("missing", self.missing.iter().map(|m| m.name.clone()).collect()),
            list("extra", self.extra.iter().map(|e| e.name.clone()).collect()),
            list(
                "redundant",
                self.redundant
                    .iter()
                    .map(|r| format!("{} ({} covers it)", r.name, r.covered_by))
                    .collect(),
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            "nothing missing, nothing extra, nothing redundant".to_string()
        } else {
            parts.join(" · ")
        }
    }
}

/// The audit of a scope string, with the string corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopesAudit {
    /// Missing, extra, redundant.
    pub audit: Audit,
    /// The string with the missing names added at the end, in the string's
    /// style (qualified when its Graph names are); the rest as [`check`]
    /// corrects it where every fix is sure, else as written, single-spaced.
    pub corrected: String,
    /// What [`check`] finds wrong with the string itself (`scopepick check` explains).
    pub problems: Vec<Problem>,
}

impl ScopesAudit {
    /// Whether the field passes: nothing missing, and nothing `check` calls a
    /// problem (a field that fails at sign-in is never complete).
    pub fn passes(&self) -> bool {
        self.audit.is_complete() && self.problems.is_empty()
    }

    /// [`Audit::summary`], led by the field's own problems: `the field fails
    /// (1 problem: …) · missing: …`.
    pub fn summary(&self) -> String {
        match self.problems.as_slice() {
            [] => self.audit.summary(),
            [first, ..] => format!(
                "the field fails ({}: {first}) · {}",
                crate::text::counted(self.problems.len(), "problem"),
                self.audit.summary()
            ),
        }
    }
}

/// Why a scope string cannot be audited by name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AuditError {
    /// Application mode: the field holds only `.default`.
    #[error(
        "in Application mode the connector's field holds only .default and what counts is \
         what the app registered: audit the app registration (scopepick audit --app FILE)"
    )]
    ApplicationMode,
    /// The string asks for Graph's `.default`, which names nothing.
    #[error(
        "the string asks for {default}, which stands for whatever the app registration \
         holds: audit the app registration (scopepick audit --app FILE)"
    )]
    DotDefault {
        /// The `.default` token as given.
        default: String,
    },
    /// Nothing to audit.
    #[error("the string is empty: give the connector's field, or audit the app registration")]
    Empty,
}

/// Audits a Delegated scope string (the connector's field) against the
/// `set`'s rows of `mode`'s type (its Microsoft Graph rows: the field asks one
/// resource). Application mode, an empty string and Graph's `.default` are
/// errors: those are audited through the registration.
pub fn audit_scopes(
    set: &[&Permission],
    text: &str,
    mode: AuthMode,
    catalog: &Catalog,
) -> Result<ScopesAudit, AuditError> {
    if mode == PermissionType::Application {
        return Err(AuditError::ApplicationMode);
    }
    let report = check(text, mode, None, catalog);
    if report.tokens.is_empty() {
        return Err(AuditError::Empty);
    }
    let graph = Some(Audience::Known(Resource::Graph));
    if let Some(default) = report
        .tokens
        .iter()
        .find(|t| matches!(t.status, TokenStatus::Default) && t.resource == graph)
    {
        return Err(AuditError::DotDefault { default: default.text.clone() });
    }
    let mut had: Vec<Had> = Vec::new();
    for token in &report.tokens {
        let other_resource =
            token.resource.as_ref().filter(|r| **r != Audience::Known(Resource::Graph));
        let row = match (&token.status, other_resource) {
            (TokenStatus::Known { name, .. }, None) => row_named(catalog, name, mode),
            _ => None,
        };
        match (row, other_resource) {
            (Some(row), _) => had.push(Had::Row(row)),
            (None, Some(resource)) => had.push(Had::Other(Extra {
                name: official_or_given(token),
                kind: known_kind(&token.status),
                reason: ExtraReason::OtherResource,
                resource: Some(resource.to_string()),
            })),
            (None, None) => had.push(Had::Other(Extra {
                name: official_or_given(token),
                kind: known_kind(&token.status),
                reason: ExtraReason::Unknown,
                resource: None,
            })),
        }
    }
    // A Graph string cannot hold another resource's scopes (build leaves them
    // out too): the set's mail-protocol rows are not expected in it.
    let graph_rows: Vec<&Permission> =
        set.iter().copied().filter(|p| Resource::audience_of(p) == Resource::Graph).collect();
    let audit = compare(&graph_rows, had, mode);
    let qualified = report.tokens.iter().any(|t| t.resource == graph && t.text.contains("://"));
    let added = audit.missing.iter().map(|m| match openid_permission(&m.name) {
        None if qualified => {
            Resource::Graph.qualify(&m.name, report.cloud).unwrap_or(m.name.clone())
        }
        _ => m.name.clone(),
    });
    let base = report.fixed.clone().unwrap_or_else(|| {
        // Each token once, ignoring case; a set keeps a long field linear.
        let mut seen = std::collections::HashSet::new();
        let unique: Vec<&str> = report
            .tokens
            .iter()
            .map(|t| t.text.as_str())
            .filter(|text| seen.insert(text.to_ascii_lowercase()))
            .collect();
        unique.join(" ")
    });
    let corrected = base
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .chain(added)
        .collect::<Vec<_>>()
        .join(" ");
    Ok(ScopesAudit { audit, corrected, problems: report.problems })
}

/// The row named `name`: of `mode`'s type, an OpenID scope, else of the other type.
fn row_named<'c>(catalog: &'c Catalog, name: &str, mode: AuthMode) -> Option<&'c Permission> {
    catalog
        .find(name, mode)
        .or_else(|| openid_permission(name))
        .or_else(|| catalog.find(name, mode.other()))
}

/// The built-in catalog, for GUIDs a loaded catalog (`--catalog FILE`) lacks.
static BUILTIN: LazyLock<Catalog> = LazyLock::new(Catalog::builtin);

/// Audits an app registration against the `set`'s rows of `mode`'s type:
/// Microsoft Graph's `Scope` entries are Delegated, its `Role` entries
/// Application; entries of the other type and of other resources are extra.
pub fn audit_registration(
    set: &[&Permission],
    registration: &Registration,
    mode: AuthMode,
    catalog: &Catalog,
) -> Audit {
    let by_id = |catalog: &'_ Catalog, entry: &Registered| {
        catalog.permissions.iter().position(|p| {
            p.resource == Resource::Graph
                && p.kind == entry.kind
                && p.id.eq_ignore_ascii_case(&entry.id)
        })
    };
    let mut had: Vec<Had> = Vec::new();
    for entry in &registration.entries {
        let resource = Resource::identify(&entry.resource_app_id).map(|(r, _)| r);
        if resource != Some(Resource::Graph) {
            let in_set = set.iter().copied().find(|p| {
                Some(p.resource) == resource
                    && p.kind == entry.kind
                    && p.id.eq_ignore_ascii_case(&entry.id)
            });
            if let Some(row) = in_set {
                had.push(Had::Row(row));
                continue;
            }
            had.push(Had::Other(Extra {
                name: name_by_id(catalog, resource, &entry.id),
                kind: Some(entry.kind),
                reason: ExtraReason::OtherResource,
                resource: Some(resource.map_or(entry.resource_app_id.clone(), |r| r.to_string())),
            }));
            continue;
        }
        let row = by_id(catalog, entry)
            .map(|i| &catalog.permissions[i])
            .or_else(|| by_id(&BUILTIN, entry).map(|i| &BUILTIN.permissions[i]));
        match row {
            Some(row) => had.push(Had::Row(row)),
            None => had.push(Had::Other(Extra {
                name: entry.id.clone(),
                kind: Some(entry.kind),
                reason: ExtraReason::Unknown,
                resource: None,
            })),
        }
    }
    compare(set, had, mode)
}

/// The name of a permission of a resource other than Graph, by its id:
/// from the catalog's rows of that resource (an imported export of it), else
/// from the resource table, else the id.
fn name_by_id(catalog: &Catalog, resource: Option<Resource>, id: &str) -> String {
    let of = |r: Resource| {
        let same = |p: &&Permission| p.resource == r && p.id.eq_ignore_ascii_case(id);
        catalog.permissions.iter().find(same).or_else(|| crate::catalog::resource_row_by_id(r, id))
    };
    resource.and_then(of).map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// A token's official name where it is known, else the token as given.
fn official_or_given(token: &crate::scope::Token) -> String {
    match &token.status {
        TokenStatus::Known { name, .. } => name.clone(),
        _ => token.text.clone(),
    }
}

/// The type of a known token, when it has only one.
fn known_kind(status: &TokenStatus) -> Option<PermissionType> {
    match status {
        TokenStatus::Known { types, .. } if types.len() == 1 => Some(types[0].kind),
        _ => None,
    }
}
