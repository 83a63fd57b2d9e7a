//! The resource table's data: one row per resource scopepick knows, with
//! the scopes and app roles it publishes and where each fact comes from.

use crate::catalog::{Cloud, PermissionType};
use PermissionType::{Application as A, Delegated as D};

/// One scope or app role of a resource, known whichever catalog is loaded.
#[derive(Debug)]
pub struct ScopeSpec {
    /// Official name.
    pub name: &'static str,
    /// Delegated (a scope) or Application (an app role).
    pub kind: PermissionType,
    /// The id the resource's service principal publishes, from the cited
    /// export named in the resource's `source` (never guessed).
    pub id: &'static str,
    /// Index into the cloud's hosts of the one Microsoft's page writes for
    /// this scope (one resource can have two host names).
    pub host: usize,
    /// Plain words on what it allows (ours, not Microsoft's).
    pub description: &'static str,
    /// What else it needs beyond consent, said wherever it is built or exported.
    pub note: Option<&'static str>,
}

/// IMAP, POP and SMTP as the app: Microsoft's "Authenticate an IMAP, POP or
/// SMTP connection using OAuth" (section on client credentials).
const MAILBOX_RIGHTS: &str = "the app's service principal must also be registered in Exchange Online \
    (New-ServicePrincipal) and given rights on each mailbox (Add-MailboxPermission), per Microsoft's \
    \"Authenticate an IMAP, POP or SMTP connection using OAuth\"";

/// Everything scopepick knows about one resource.
#[derive(Debug)]
pub struct ResourceSpec {
    /// Stable key in JSON files (`graph`, `exchange_online`).
    pub key: &'static str,
    /// Short name for script variables (`graph` → `graph_sp`, `$graphSp`).
    pub short: &'static str,
    /// The application (client) ID of its service principal.
    pub app_id: &'static str,
    /// The name Entra ID shows for it.
    pub label: &'static str,
    /// The short name the picker marks its rows with (Graph's rows have none).
    pub tag: &'static str,
    /// Hosts (`https://...`, no trailing slash) per cloud, the one for named
    /// scopes first; a cloud not listed has no confirmed host.
    pub hosts: &'static [(Cloud, &'static [&'static str])],
    /// Index into the hosts of the one `<host>/.default` is written with.
    pub default_host: usize,
    /// Its scopes and app roles known without a catalog (Graph's come from
    /// the catalog itself).
    pub scopes: &'static [ScopeSpec],
    /// Whether the built-in catalog holds its rows, so the picker lists them.
    pub built_in: bool,
    /// Where its facts come from.
    pub source: &'static str,
}

/// The resources, Microsoft Graph first. Order is the order of output.
pub(super) static RESOURCES: &[ResourceSpec] = &[
    ResourceSpec {
        key: "graph",
        short: "graph",
        app_id: "00000003-0000-0000-c000-000000000000",
        label: "Microsoft Graph",
        tag: "Graph",
        hosts: &[
            (Cloud::Global, &["https://graph.microsoft.com"]),
            (Cloud::UsGov, &["https://graph.microsoft.us"]),
            (Cloud::Dod, &["https://dod-graph.microsoft.us"]),
            (Cloud::China, &["https://microsoftgraph.chinacloudapi.cn"]),
        ],
        default_host: 0,
        scopes: &[],
        built_in: true,
        source: "the catalog (crate::catalog::graph)",
    },
    // Exchange Online is listed for the global service only: its national
    // cloud hosts could not be confirmed from Microsoft's pages
    // (docs/scope-rules.md). IMAP, POP and SMTP are written with
    // outlook.office.com ("Authenticate an IMAP, POP or SMTP connection using
    // OAuth"), EWS and `.default` with outlook.office365.com ("Authenticate
    // an EWS application by using OAuth").
    ResourceSpec {
        key: "exchange_online",
        short: "exchange",
        app_id: "00000002-0000-0ff1-ce00-000000000000",
        label: "Office 365 Exchange Online",
        tag: "Exchange",
        hosts: &[(Cloud::Global, &["https://outlook.office.com", "https://outlook.office365.com"])],
        default_host: 1,
        scopes: &[
            ScopeSpec {
                name: "EWS.AccessAsUser.All",
                kind: D,
                id: "3b5f3d61-589b-4a3c-a359-5dd4b5ee5bd5",
                host: 1,
                description: "Exchange Web Services with the signed-in user's access to mailboxes",
                note: None,
            },
            ScopeSpec {
                name: "IMAP.AccessAsUser.All",
                kind: D,
                id: "195adc35-e27b-454b-a7ed-1ecdffa1c09f",
                host: 0,
                description: "IMAP with the signed-in user's access to mailboxes",
                note: None,
            },
            ScopeSpec {
                name: "POP.AccessAsUser.All",
                kind: D,
                id: "fb698133-92fa-453e-a9ed-688e10f2e5ac",
                host: 0,
                description: "POP with the signed-in user's access to mailboxes",
                note: None,
            },
            ScopeSpec {
                name: "SMTP.Send",
                kind: D,
                id: "76faac2a-0f20-42f1-928a-50de5b9dbe52",
                host: 0,
                description: "Send mail as the signed-in user over SMTP AUTH",
                note: None,
            },
            ScopeSpec {
                name: "full_access_as_app",
                kind: A,
                id: "dc890d15-9560-4a4c-9b7f-a736ec74ec40",
                host: 1,
                description: "Exchange Web Services with full access to every mailbox, as the app",
                note: None,
            },
            ScopeSpec {
                name: "IMAP.AccessAsApp",
                kind: A,
                id: "5e5addcd-3e8d-4e90-baf5-964efab2b20a",
                host: 0,
                description: "IMAP access to the mailboxes Exchange Online permits the app, as the app",
                note: Some(MAILBOX_RIGHTS),
            },
            ScopeSpec {
                name: "POP.AccessAsApp",
                kind: A,
                id: "cb842b43-da6e-4506-86fe-bb12199c656d",
                host: 0,
                description: "POP access to the mailboxes Exchange Online permits the app, as the app",
                note: Some(MAILBOX_RIGHTS),
            },
            ScopeSpec {
                name: "SMTP.SendAsApp",
                kind: A,
                id: "7146a1f0-8703-45b3-9eae-527a64c00995",
                host: 0,
                description: "Send mail over SMTP AUTH from the mailboxes Exchange Online permits the app, as the app",
                note: Some(MAILBOX_RIGHTS),
            },
        ],
        built_in: true,
        source: "ids: the Office 365 Exchange Online service principal's appRoles and \
            oauth2PermissionScopes as exported daily by Get-MgServicePrincipal \
            (maciejporebski/azure-ad-first-party-apps-permissions dfafb9cd, \
            apps/Office 365 Exchange Online.md, last changed in cccd984f); those of \
            EWS.AccessAsUser.All and full_access_as_app also in Microsoft's \"Authenticate an EWS \
            application by using OAuth\" (MicrosoftDocs/office-developer-exchange-docs 0d925580)",
    },
    // A resource that exists only in the table, for the test that a new
    // resource needs nothing but its row.
    #[cfg(test)]
    ResourceSpec {
        key: "test_widgets",
        short: "widgets",
        app_id: "0badc0de-0000-4000-8000-000000000001",
        label: "Widgets Test API",
        tag: "Widgets",
        hosts: &[(Cloud::Global, &["https://widgets.test.example"])],
        default_host: 0,
        scopes: &[ScopeSpec {
            name: "Widget.Read",
            kind: D,
            id: "0badc0de-0000-4000-8000-000000000002",
            host: 0,
            description: "Read widgets as the signed-in user",
            note: None,
        }],
        // Out of the built-in catalog: tests see the catalog that ships.
        built_in: false,
        source: "test only",
    },
];
