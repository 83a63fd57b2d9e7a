//! The resources (APIs) a scope string can ask a token for. Adding a resource
//! means adding a row to the tables here.

use super::{Cloud, OPENID_SCOPES, Permission, PermissionType};
use serde::Serialize;
use std::fmt;
use std::sync::LazyLock;

/// A resource scopepick knows by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resource {
    /// Microsoft Graph, the resource of every catalog row and of short names.
    Graph,
    /// Office 365 Exchange Online: the mail protocols IMAP, POP, SMTP and EWS.
    ExchangeOnline,
}

/// The scopes of Exchange Online that scopepick knows, with their type. The
/// Application ones are only ever requested through `.default`.
const EXCHANGE_SCOPES: [(&str, PermissionType); 8] = [
    ("EWS.AccessAsUser.All", PermissionType::Delegated),
    ("IMAP.AccessAsUser.All", PermissionType::Delegated),
    ("POP.AccessAsUser.All", PermissionType::Delegated),
    ("SMTP.Send", PermissionType::Delegated),
    ("full_access_as_app", PermissionType::Application),
    ("IMAP.AccessAsApp", PermissionType::Application),
    ("POP.AccessAsApp", PermissionType::Application),
    ("SMTP.SendAsApp", PermissionType::Application),
];

impl Resource {
    /// The application (client) ID of Microsoft Graph.
    pub const GRAPH_APP_ID: &'static str = "00000003-0000-0000-c000-000000000000";
    /// The application (client) ID of Office 365 Exchange Online.
    pub const EXCHANGE_APP_ID: &'static str = "00000002-0000-0ff1-ce00-000000000000";
    /// Every known resource.
    pub const ALL: [Resource; 2] = [Resource::Graph, Resource::ExchangeOnline];

    /// The resource's application (client) ID.
    pub fn app_id(self) -> &'static str {
        match self {
            Resource::Graph => Self::GRAPH_APP_ID,
            Resource::ExchangeOnline => Self::EXCHANGE_APP_ID,
        }
    }

    /// The name Entra ID shows for it.
    pub fn label(self) -> &'static str {
        match self {
            Resource::Graph => "Microsoft Graph",
            Resource::ExchangeOnline => "Office 365 Exchange Online",
        }
    }

    /// The resource's hosts (`https://...`, no trailing slash) in `cloud`,
    /// the one for named scopes first; empty where no host is confirmed.
    ///
    /// Exchange Online is listed for the global service only: its national
    /// cloud hosts could not be confirmed from Microsoft's pages (docs/scope-rules.md).
    pub fn origins(self, cloud: Cloud) -> &'static [&'static str] {
        match (self, cloud) {
            (Resource::Graph, Cloud::Global) => &["https://graph.microsoft.com"],
            (Resource::Graph, Cloud::UsGov) => &["https://graph.microsoft.us"],
            (Resource::Graph, Cloud::Dod) => &["https://dod-graph.microsoft.us"],
            (Resource::Graph, Cloud::China) => &["https://microsoftgraph.chinacloudapi.cn"],
            (Resource::ExchangeOnline, Cloud::Global) => {
                &["https://outlook.office.com", "https://outlook.office365.com"]
            }
            (Resource::ExchangeOnline, _) => &[],
        }
    }

    /// The host for named scopes in `cloud`, if confirmed.
    pub fn origin(self, cloud: Cloud) -> Option<&'static str> {
        self.origins(cloud).first().copied()
    }

    /// `<host>/.default` in `cloud`: Exchange Online's client-credentials
    /// samples write `https://outlook.office365.com/.default`.
    pub fn default_scope(self, cloud: Cloud) -> Option<String> {
        let origins = self.origins(cloud);
        let host = match self {
            Resource::Graph => origins.first(),
            Resource::ExchangeOnline => origins.last(),
        };
        host.map(|h| format!("{h}/.default"))
    }

    /// `<host>/<name>` in `cloud`, if the resource has a host there.
    pub fn qualify(self, name: &str, cloud: Cloud) -> Option<String> {
        self.origin(cloud).map(|h| format!("{h}/{name}"))
    }

    /// The resource and cloud of a host (`https://graph.microsoft.us`,
    /// ignoring case and one trailing slash), or of an app id (cloud `None`).
    pub fn identify(origin: &str) -> Option<(Resource, Option<Cloud>)> {
        let origin = origin.strip_suffix('/').unwrap_or(origin);
        for resource in Resource::ALL {
            if resource.app_id().eq_ignore_ascii_case(origin) {
                return Some((resource, None));
            }
            for cloud in Cloud::ALL {
                if resource.origins(cloud).iter().any(|h| h.eq_ignore_ascii_case(origin)) {
                    return Some((resource, Some(cloud)));
                }
            }
        }
        None
    }

    /// The resource a permission name belongs to when written in a string:
    /// the mail-protocol names are Exchange Online's, all else is Graph's.
    pub fn of_name(name: &str) -> Resource {
        if exchange_scope(name).is_some() { Resource::ExchangeOnline } else { Resource::Graph }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The official name and type of an Exchange Online mail-protocol scope
/// (`imap.accessasuser.all` gives `IMAP.AccessAsUser.All`), ignoring case.
pub fn exchange_scope(name: &str) -> Option<(&'static str, PermissionType)> {
    EXCHANGE_SCOPES.iter().copied().find(|(n, _)| n.eq_ignore_ascii_case(name))
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
            display_name: None,
            admin_consent: false,
            intrexx: None,
            id: id.to_string(),
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
            exchange_scope("SMTP.SENDASAPP"),
            Some(("SMTP.SendAsApp", PermissionType::Application))
        );
    }
}
