//! Catalogs the benchmarks build themselves: realistic Graph-like names and
//! descriptions, deterministic, nothing read from outside the project.

#![allow(dead_code)] // each bench uses a part

use scopepick::catalog::{Catalog, DescriptionSource, Permission, PermissionType};
use scopepick::choice::Choice;

const RESOURCES: [&str; 64] = [
    "AccessReview",
    "AdministrativeUnit",
    "Agreement",
    "AppCatalog",
    "Application",
    "AuditLog",
    "Bookings",
    "Calendars",
    "CallRecords",
    "Channel",
    "ChannelMember",
    "ChannelMessage",
    "ChannelSettings",
    "Chat",
    "ChatMember",
    "ChatMessage",
    "Contacts",
    "DelegatedPermissionGrant",
    "Device",
    "DeviceManagementApps",
    "DeviceManagementConfiguration",
    "Directory",
    "Domain",
    "EduAssignments",
    "EduRoster",
    "Files",
    "Group",
    "GroupMember",
    "IdentityProvider",
    "IdentityRiskEvent",
    "InformationProtectionPolicy",
    "Mail",
    "MailboxSettings",
    "Member",
    "Notes",
    "OnlineMeetings",
    "OrgContact",
    "Organization",
    "People",
    "Place",
    "Policy",
    "Presence",
    "Printer",
    "PrivilegedAccess",
    "Reports",
    "RoleManagement",
    "Schedule",
    "SecurityEvents",
    "ServiceHealth",
    "ServiceMessage",
    "Sites",
    "Tasks",
    "Team",
    "TeamMember",
    "TeamSettings",
    "TeamsActivity",
    "TeamsApp",
    "TeamsTab",
    "TermStore",
    "ThreatIndicators",
    "User",
    "UserAuthenticationMethod",
    "WorkforceIntegration",
    "BrowserSiteLists",
];
const ACCESS: [&str; 3] = ["Read", "ReadWrite", "ReadBasic"];
const REACH: [&str; 3] = ["", ".All", ".Shared"];

/// A deterministic GUID-shaped id for row `n`.
fn guid(n: u64) -> String {
    let x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let y = x.rotate_left(17).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        x >> 32,
        (x >> 16) & 0xFFFF,
        x & 0xFFFF,
        y >> 48,
        y & 0xFFFF_FFFF_FFFF
    )
}

fn description(resource: &str, access: &str, reach: &str, kind: PermissionType) -> String {
    let verb = match access {
        "Read" => "read",
        "ReadWrite" => "read and write",
        _ => "read basic properties of",
    };
    let whose = match reach {
        ".All" => "in your organization",
        ".Shared" => "that users can access, including shared ones",
        _ => "of the signed-in user",
    };
    let how = match kind {
        PermissionType::Delegated => "on behalf of the signed-in user",
        PermissionType::Application => "without a signed-in user",
    };
    format!("Allows the app to {verb} {} {whose}, {how}.", resource.to_lowercase())
}

/// `count` rows named like Graph permissions, both types, descriptions of 40–120 chars.
pub fn graph_like(count: usize) -> Catalog {
    let mut permissions = Vec::with_capacity(count);
    let mut n = 0u64;
    'outer: for round in 0.. {
        for resource in RESOURCES {
            for access in ACCESS {
                for reach in REACH {
                    for &kind in PermissionType::ALL {
                        if permissions.len() == count {
                            break 'outer;
                        }
                        let base = if round == 0 {
                            resource.to_string()
                        } else {
                            format!("{resource}{round}")
                        };
                        n += 1;
                        permissions.push(Permission {
                            name: format!("{base}.{access}{reach}"),
                            kind,
                            description: description(&base, access, reach, kind),
                            description_source: DescriptionSource::Microsoft,
                            admin_consent: kind == PermissionType::Application
                                || n.is_multiple_of(3),
                            intrexx: None,
                            id: guid(n),
                            resource: Default::default(),
                            display_name: None,
                        });
                    }
                }
            }
        }
    }
    Catalog { name: format!("generated {count}"), permissions }
}

/// The 1,519-row catalog, the size of today's Microsoft Graph.
pub fn realistic() -> Catalog {
    graph_like(1519)
}

/// The catalog as the Graph REST API exports it (`oauth2PermissionScopes`, `appRoles`).
pub fn as_graph_export(catalog: &Catalog) -> String {
    let scopes: Vec<_> = catalog
        .permissions
        .iter()
        .filter(|p| p.kind == PermissionType::Delegated)
        .map(|p| {
            serde_json::json!({
                "id": p.id, "value": p.name, "type": if p.admin_consent { "Admin" } else { "User" },
                "isEnabled": true, "adminConsentDisplayName": p.name,
                "adminConsentDescription": p.description, "userConsentDisplayName": p.name,
                "userConsentDescription": p.description
            })
        })
        .collect();
    let roles: Vec<_> = catalog
        .permissions
        .iter()
        .filter(|p| p.kind == PermissionType::Application)
        .map(|p| {
            serde_json::json!({
                "id": p.id, "value": p.name, "displayName": p.name, "description": p.description,
                "allowedMemberTypes": ["Application"], "isEnabled": true
            })
        })
        .collect();
    serde_json::json!({
        "appId": "00000003-0000-0000-c000-000000000000",
        "displayName": "Microsoft Graph",
        "oauth2PermissionScopes": scopes,
        "appRoles": roles
    })
    .to_string()
}

/// The queries typed letter by letter in the keystroke benchmarks: names,
/// words, a dotted name, a typo, vocabulary (a German compound) and no match.
pub const QUERIES: [&str; 8] = [
    "chat read",
    "mail send",
    "user.read.all",
    "calendars",
    "usr.raed",
    "sharepoint",
    "gruppenmitglieder",
    "zzqx",
];
