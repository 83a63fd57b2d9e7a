//! The resources (APIs) a scope string can ask a token for, as one table:
//! app id, label, hosts per cloud, how `.default` is formed, and the scopes
//! and app roles scopepick knows of each. Adding a resource means adding a
//! row to the table (`resource/table.rs`); nothing else names a resource but Microsoft Graph,
//! the resource of short names.

use super::{Cloud, OPENID_SCOPES, Permission, PermissionType};
use crate::choice::Choice;
use PermissionType::Application as A;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::LazyLock;

mod table;

use table::RESOURCES;
pub use table::{ResourceSpec, ScopeSpec};

/// A resource scopepick knows: a row of [`RESOURCES`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Resource(u8);

#[allow(non_upper_case_globals)]
impl Resource {
    /// Microsoft Graph, the resource of short names.
    pub const Graph: Resource = Resource(0);
    /// Office 365 Exchange Online: the mail protocols IMAP, POP, SMTP and EWS.
    pub const ExchangeOnline: Resource = Resource(1);
    /// The application (client) ID of Microsoft Graph.
    pub const GRAPH_APP_ID: &'static str = "00000003-0000-0000-c000-000000000000";
    /// The application (client) ID of Office 365 Exchange Online.
    pub const EXCHANGE_APP_ID: &'static str = "00000002-0000-0ff1-ce00-000000000000";

    /// Every known resource, in table order (Graph first).
    pub fn all() -> impl Iterator<Item = Resource> {
        (0..RESOURCES.len()).map(|i| Resource(i as u8))
    }

    /// Its row of the table.
    pub fn spec(self) -> &'static ResourceSpec {
        &RESOURCES[usize::from(self.0)]
    }

    /// The resource with this key (`exchange_online`).
    pub fn from_key(key: &str) -> Option<Resource> {
        Resource::all().find(|r| r.spec().key == key)
    }

    /// The resource's application (client) ID.
    pub fn app_id(self) -> &'static str {
        self.spec().app_id
    }

    /// The name Entra ID shows for it.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// The resource's hosts in `cloud`, the one for named scopes first;
    /// empty where no host is confirmed.
    pub fn origins(self, cloud: Cloud) -> &'static [&'static str] {
        self.spec().hosts.iter().find(|(c, _)| *c == cloud).map_or(&[], |(_, h)| h)
    }

    /// The host for named scopes in `cloud`, if confirmed.
    pub fn origin(self, cloud: Cloud) -> Option<&'static str> {
        self.origins(cloud).first().copied()
    }

    /// `<host>/.default` in `cloud`, with the host the resource's samples use.
    pub fn default_scope(self, cloud: Cloud) -> Option<String> {
        let origins = self.origins(cloud);
        let host = origins.get(self.spec().default_host).or(origins.first());
        host.map(|h| format!("{h}/.default"))
    }

    /// `<host>/<name>` in `cloud` with the host Microsoft writes for that
    /// scope, if the resource has a host there.
    pub fn qualify(self, name: &str, cloud: Cloud) -> Option<String> {
        let origins = self.origins(cloud);
        let index = self.scope(name).map_or(0, |s| s.host);
        origins.get(index).or(origins.first()).map(|h| format!("{h}/{name}"))
    }

    /// The resource with this application (client) ID, ignoring case.
    pub fn from_app_id(app_id: &str) -> Option<Resource> {
        Resource::all().find(|r| r.app_id().eq_ignore_ascii_case(app_id))
    }

    /// The resource and cloud of a host (`https://graph.microsoft.us`,
    /// ignoring case and one trailing slash), or of an app id (cloud `None`).
    pub fn identify(origin: &str) -> Option<(Resource, Option<Cloud>)> {
        let origin = origin.strip_suffix('/').unwrap_or(origin);
        if let Some(resource) = Resource::from_app_id(origin) {
            return Some((resource, None));
        }
        for resource in Resource::all() {
            for &cloud in Cloud::ALL {
                if resource.origins(cloud).iter().any(|h| h.eq_ignore_ascii_case(origin)) {
                    return Some((resource, Some(cloud)));
                }
            }
        }
        None
    }

    /// The scope or app role of this resource's table named `name`
    /// (ignoring case), either type.
    pub fn scope(self, name: &str) -> Option<&'static ScopeSpec> {
        self.spec().scopes.iter().find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// The resource a permission name belongs to when written short: a
    /// name in another resource's table is that resource's, all else Graph's.
    pub fn of_name(name: &str) -> Resource {
        Resource::all().find(|r| r.scope(name).is_some()).unwrap_or(Resource::Graph)
    }

    /// The resource a row's token is asked from: its own, except a Graph row
    /// that another resource's table lists by name and type (Graph publishes
    /// IMAP.AccessAsUser.All, but the mail server takes only an Exchange
    /// Online token).
    pub fn audience_of(p: &Permission) -> Resource {
        if p.resource != Resource::Graph {
            return p.resource;
        }
        Resource::all()
            .find(|r| r.scope(&p.name).is_some_and(|s| s.kind == p.kind))
            .unwrap_or(Resource::Graph)
    }

    /// Whether this is Microsoft Graph (serde's `skip_serializing_if`).
    pub fn is_graph(&self) -> bool {
        *self == Resource::Graph
    }
}

impl Default for Resource {
    /// Microsoft Graph: rows written before resources existed are Graph's.
    fn default() -> Self {
        Resource::Graph
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl fmt::Debug for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spec().key)
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.spec().key)
    }
}

impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        Resource::from_key(&key).ok_or_else(|| {
            let keys: Vec<&str> = Resource::all().map(|r| r.spec().key).collect();
            serde::de::Error::custom(format!(
                "unknown resource '{key}' (use one of: {})",
                keys.join(", ")
            ))
        })
    }
}

/// The rows of every resource's table (not Graph's, which come from the
/// catalog): known whichever catalog is loaded, as the OpenID rows are.
static RESOURCE_ROWS: LazyLock<Vec<Permission>> = LazyLock::new(|| {
    Resource::all()
        .flat_map(|r| r.spec().scopes.iter().map(move |s| (r, s)))
        .map(|(resource, s)| Permission {
            name: s.name.to_string(),
            kind: s.kind,
            description: s.description.to_string(),
            description_source: super::DescriptionSource::Scopepick,
            display_name: None,
            admin_consent: s.kind == A,
            intrexx: None,
            id: s.id.to_string(),
            resource,
        })
        .collect()
});

/// The table's rows of every resource but Graph, in table order.
pub(super) fn table_rows() -> impl Iterator<Item = &'static Permission> {
    RESOURCE_ROWS.iter()
}

/// The table's rows named `name` (ignoring case), of every resource but
/// Graph, both types.
pub fn resource_rows(name: &str) -> impl Iterator<Item = &'static Permission> {
    table_rows().filter(move |p| p.name.eq_ignore_ascii_case(name))
}

/// The table's row of `resource` with this id (a GUID, ignoring case).
pub fn resource_row_by_id(resource: Resource, id: &str) -> Option<&'static Permission> {
    RESOURCE_ROWS.iter().find(|p| p.resource == resource && p.id.eq_ignore_ascii_case(id))
}

/// The four OpenID Connect scopes as built-in rows: they belong to no
/// resource, so they are known whichever catalog is loaded. Ids are Entra's.
static OPENID_ROWS: LazyLock<Vec<Permission>> = LazyLock::new(|| {
    let ids = [
        "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
        "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
        "37f7f235-527c-4136-accd-4a02d197296e",
        "14dad69e-099b-42c9-810b-d002981feec1",
    ];
    let what = [
        "OpenID Connect: the user's email address in the ID token",
        "OpenID Connect: a refresh token, so the sign-in lasts beyond one access token",
        "OpenID Connect: sign the user in",
        "OpenID Connect: the user's basic profile in the ID token",
    ];
    OPENID_SCOPES
        .iter()
        .zip(ids.iter().zip(what))
        .map(|(name, (id, description))| Permission {
            name: name.to_string(),
            kind: PermissionType::Delegated,
            description: description.to_string(),
            description_source: super::DescriptionSource::Scopepick,
            display_name: None,
            admin_consent: false,
            intrexx: None,
            id: id.to_string(),
            resource: Resource::Graph,
        })
        .collect()
});

/// The built-in row of an OpenID scope (`openid`, `profile`, `email`,
/// `offline_access`), ignoring case.
pub fn openid_permission(name: &str) -> Option<&'static Permission> {
    OPENID_ROWS.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

/// The resource a scope token asks for: a known one, or any other written in full.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Audience {
    /// A resource scopepick knows.
    Known(Resource),
    /// Another resource, by its host, app ID URI or app id as written (lowercase).
    Other(String),
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Audience::Known(resource) => write!(f, "{resource}"),
            Audience::Other(origin) => f.write_str(origin),
        }
    }
}

#[cfg(test)]
#[path = "resource/tests/table.rs"]
mod table_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_app_ids_identify_resource_and_cloud() {
        let cases = [
            ("https://graph.microsoft.com", Some((Resource::Graph, Some(Cloud::Global)))),
            ("HTTPS://Graph.Microsoft.US/", Some((Resource::Graph, Some(Cloud::UsGov)))),
            ("https://dod-graph.microsoft.us", Some((Resource::Graph, Some(Cloud::Dod)))),
            (
                "https://microsoftgraph.chinacloudapi.cn",
                Some((Resource::Graph, Some(Cloud::China))),
            ),
            ("00000003-0000-0000-C000-000000000000", Some((Resource::Graph, None))),
            ("https://outlook.office.com", Some((Resource::ExchangeOnline, Some(Cloud::Global)))),
            (
                "https://outlook.office365.com",
                Some((Resource::ExchangeOnline, Some(Cloud::Global))),
            ),
            ("00000002-0000-0ff1-ce00-000000000000", Some((Resource::ExchangeOnline, None))),
            ("https://graph.windows.net", None),
        ];
        for (origin, expected) in cases {
            assert_eq!(Resource::identify(origin), expected, "{origin}");
        }
    }

    #[test]
    fn default_scopes_follow_microsofts_samples() {
        assert_eq!(
            Resource::Graph.default_scope(Cloud::China).as_deref(),
            Some("https://microsoftgraph.chinacloudapi.cn/.default")
        );
        assert_eq!(
            Resource::ExchangeOnline.default_scope(Cloud::Global).as_deref(),
            Some("https://outlook.office365.com/.default")
        );
        assert_eq!(
            Resource::ExchangeOnline.qualify("SMTP.Send", Cloud::Global).as_deref(),
            Some("https://outlook.office.com/SMTP.Send")
        );
        assert_eq!(Resource::ExchangeOnline.default_scope(Cloud::UsGov), None);
    }

    #[test]
    fn mail_protocol_names_belong_to_exchange_online() {
        assert_eq!(Resource::of_name("imap.accessasuser.all"), Resource::ExchangeOnline);
        assert_eq!(Resource::of_name("Mail.Send"), Resource::Graph);
        assert_eq!(
            Resource::ExchangeOnline.scope("SMTP.SENDASAPP").map(|s| (s.name, s.kind)),
            Some(("SMTP.SendAsApp", PermissionType::Application))
        );
    }
}
