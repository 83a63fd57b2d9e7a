//! The permission catalog: the data model and the embedded Intrexx set.

pub mod cloud;
mod described;
pub mod graph;
mod import;
mod load;
pub mod resource;
mod store;

pub use cloud::Cloud;
pub use described::DescriptionSource;
pub use import::{ImportOutcome, ImportSource, import_exports, merge_import};
pub use load::{CatalogError, is_guid, parse_catalog};
pub use resource::{Audience, Resource, openid_permission, resource_row_by_id, resource_rows};
pub use store::{SourceRecord, Store, StoredCatalog, rfc3339_utc};

use crate::choice::Choice;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use strum::{IntoStaticStr, VariantArray};

/// The four OpenID Connect scopes: never prefixed, always Delegated.
pub const OPENID_SCOPES: [&str; 4] = ["email", "offline_access", "openid", "profile"];

/// Whether `name` is one of the OpenID Connect scopes (exact, official casing).
pub fn is_openid_scope(name: &str) -> bool {
    OPENID_SCOPES.contains(&name)
}

/// The one wording for what the catalog in use lacks: `not in the catalog
/// in use: Gone.Read (Delegated), Foo.Bar`, or without names `not in the
/// catalog in use`. Saved selections, the session, pasted strings and audits
/// all say it this way.
///
/// At most [`NAMED_AT_MOST`] are named, then how many more: a file of a
/// hundred thousand unknown names gives one readable line, not megabytes.
pub fn not_in_catalog<S: fmt::Display>(names: &[S]) -> String {
    match names {
        [] => "not in the catalog in use".to_string(),
        _ => format!(
            "not in the catalog in use: {}",
            crate::text::listed(names, NAMED_AT_MOST, ", ")
        ),
    }
}

/// How many names [`not_in_catalog`] lists before it counts the rest.
pub const NAMED_AT_MOST: usize = 10;

/// How a permission acts: for a signed-in user, or as the application itself.
///
/// The same two values name the authentication mode a scope string is built
/// for (see [`AuthMode`]): a mode takes the permissions of its own type.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    IntoStaticStr,
    VariantArray,
)]
#[strum(serialize_all = "lowercase")]
pub enum PermissionType {
    /// Acts on behalf of a signed-in user (OAuth2 permission scope); the default mode.
    #[default]
    Delegated,
    /// Acts as the application itself, a service account (app role); always needs admin consent.
    Application,
}

/// The authentication mode a scope string is built for: the connector signs in
/// as a user (`Delegated`) or as a service account (`Application`).
pub type AuthMode = PermissionType;

impl PermissionType {
    /// The other type.
    pub fn other(self) -> Self {
        match self {
            Self::Delegated => Self::Application,
            Self::Application => Self::Delegated,
        }
    }

    /// The indefinite article before the label: "a" Delegated, "an" Application.
    pub fn article(self) -> &'static str {
        match self {
            Self::Delegated => "a",
            Self::Application => "an",
        }
    }

    /// The name in Microsoft's wording (`Delegated`, `Application`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Delegated => "Delegated",
            Self::Application => "Application",
        }
    }

    /// The label cut to four cells (`Del.`, `App.`), for a narrow column
    /// that would otherwise cut a name.
    pub fn short_label(self) -> &'static str {
        match self {
            Self::Delegated => "Del.",
            Self::Application => "App.",
        }
    }
}

impl fmt::Display for PermissionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for PermissionType {
    type Err = String;

    /// Microsoft's label (`Delegated`, `Application`, any case), as data
    /// files such as the generator's reference tables write it.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.label().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown type '{s}' (use Delegated or Application)"))
    }
}

impl Choice for PermissionType {}

/// What the Intrexx connector documentation says about a permission.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, IntoStaticStr, VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum IntrexxRole {
    /// Listed without a mark: the connector needs it.
    Required,
    /// Marked `*` ("*optional") on the Intrexx page, which gives no reason.
    Optional,
}

impl Choice for IntrexxRole {}

/// One permission of one type, of one resource (Microsoft Graph unless
/// said otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    /// The scope value in official casing, e.g. `Calendars.Read`.
    pub name: String,
    /// Delegated or Application.
    #[serde(rename = "type")]
    pub kind: PermissionType,
    /// What the permission allows, in plain words.
    pub description: String,
    /// Whose words `description` is. Rows written without it read as
    /// [`DescriptionSource::CatalogFile`] until the loader settles them, so
    /// older catalog files load.
    #[serde(default)]
    pub description_source: DescriptionSource,
    /// The short title Microsoft shows for it (a Graph export's admin consent
    /// display name or app role display name), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Whether a tenant administrator must consent before it can be used.
    pub admin_consent: bool,
    /// The Intrexx connector's use of it, if the connector lists it.
    #[serde(default)]
    pub intrexx: Option<IntrexxRole>,
    /// The permission GUID (scope id or app role id).
    pub id: String,
    /// The resource (API) that publishes it; rows written without one are
    /// Microsoft Graph's, so older catalog, session and selection files load.
    #[serde(default, skip_serializing_if = "Resource::is_graph")]
    pub resource: Resource,
}

impl Permission {
    /// Whether this is one of the OpenID Connect scopes.
    pub fn is_openid(&self) -> bool {
        is_openid_scope(&self.name)
    }
}

/// A validated list of permissions with a display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    /// Shown in the TUI header, e.g. "Intrexx Connector for Microsoft 365 and Teams".
    pub name: String,
    /// The permissions in display order.
    pub permissions: Vec<Permission>,
}

/// The bundled catalog source: the 36 rows of the Intrexx documentation page.
pub const EMBEDDED_CATALOG_JSON: &str = include_str!("../../assets/intrexx-catalog.json");

impl Catalog {
    /// The Intrexx seed: the 36 rows of the connector's page. It is validated by the test suite, so a
    /// failure here is a build defect, not a user error.
    pub fn embedded() -> Catalog {
        parse_catalog(EMBEDDED_CATALOG_JSON, "embedded catalog")
            .expect("the embedded catalog is validated by the test suite")
    }

    /// The built-in catalog: every enabled Microsoft Graph permission (1,519
    /// rows), the 36 Intrexx rows with their roles and the seed's descriptions,
    /// the others with a description written from the facts. Laid out at
    /// build time (see [`graph`]); nothing is parsed. After them, the rows of
    /// the other resources' tables (Exchange Online's app roles) that Graph
    /// does not publish under the same name and type, so the picker lists and
    /// picks them; Graph's own IMAP.AccessAsUser.All and the like stay Graph's
    /// rows (see [`Resource::audience_of`]).
    pub fn builtin() -> Catalog {
        let mut catalog = graph::builtin_catalog();
        let others: Vec<Permission> = resource::table_rows()
            .filter(|p| p.resource.spec().built_in && catalog.find(&p.name, p.kind).is_none())
            .cloned()
            .collect();
        catalog.permissions.extend(others);
        catalog
    }

    /// Number of permissions.
    pub fn len(&self) -> usize {
        self.permissions.len()
    }

    /// Whether the catalog has no permissions.
    pub fn is_empty(&self) -> bool {
        self.permissions.is_empty()
    }

    /// Indices of all rows whose name equals `name`, ignoring ASCII case.
    pub fn rows_named(&self, name: &str) -> Vec<usize> {
        self.permissions
            .iter()
            .enumerate()
            .filter(|(_, p)| p.name.eq_ignore_ascii_case(name))
            .map(|(i, _)| i)
            .collect()
    }

    /// The row with this name (ignoring ASCII case) and type.
    pub fn find(&self, name: &str, kind: PermissionType) -> Option<&Permission> {
        self.permissions.iter().find(|p| p.kind == kind && p.name.eq_ignore_ascii_case(name))
    }

    /// The row of `resource` with this name (ignoring ASCII case) and type:
    /// the catalog's, else the resource table's.
    pub fn find_in(
        &self,
        resource: Resource,
        name: &str,
        kind: PermissionType,
    ) -> Option<&Permission> {
        let same = |p: &&Permission| {
            p.resource == resource && p.kind == kind && p.name.eq_ignore_ascii_case(name)
        };
        self.permissions.iter().find(same).or_else(|| resource_rows(name).find(same))
    }
}

#[cfg(test)]
mod tests;
