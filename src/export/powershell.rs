//! A Microsoft Graph PowerShell script that registers every row on the app
//! and grants it: Delegated rows as one tenant-wide (`AllPrincipals`)
//! delegated permission grant per resource, Application rows as app role
//! assignments to the app's service principal.
//!
//! Every step checks before it creates, so the script is safe to run twice:
//! the service principal is created only when missing, the registration and
//! an existing grant are merged, existing app role assignments are skipped.

use super::{
    ExportOptions, access_type, app_id_or_placeholder, granted_on, names_with_types,
    registered_under,
};
use crate::catalog::{Cloud, Permission, PermissionType, Resource};

/// The admin's sign-in scopes: update the app's registration, create
/// delegated permission grants and app role assignments.
const ADMIN_SCOPES: [&str; 3] = [
    "Application.ReadWrite.All",
    "DelegatedPermissionGrant.ReadWrite.All",
    "AppRoleAssignment.ReadWrite.All",
];

/// `Connect-MgGraph -Environment` of a national cloud (`Get-MgEnvironment` names).
fn environment(cloud: Cloud) -> Option<&'static str> {
    match cloud {
        Cloud::Global => None,
        Cloud::UsGov => Some("USGov"),
        Cloud::Dod => Some("USGovDoD"),
        Cloud::China => Some("China"),
    }
}

/// The PowerShell variable holding a resource's service principal.
fn sp_variable(resource: Resource) -> &'static str {
    match resource {
        Resource::Graph => "$graphSp",
        Resource::ExchangeOnline => "$exchangeSp",
    }
}

/// The script; see the module documentation.
pub(super) fn render(rows: &[&Permission], options: &ExportOptions) -> String {
    let app = app_id_or_placeholder(options);
    let scopes: Vec<String> = ADMIN_SCOPES.iter().map(|s| format!("'{s}'")).collect();
    let mut connect = format!("Connect-MgGraph -Scopes {}", scopes.join(","));
    if let Some(environment) = environment(options.cloud) {
        connect += &format!(" -Environment {environment}");
    }
    if let Some(tenant) = options.named_tenant() {
        connect += &format!(" -TenantId '{tenant}'");
    }
    let used: Vec<Resource> = Resource::ALL
        .into_iter()
        .filter(|r| rows.iter().any(|p| granted_on(p) == *r || registered_under(p) == *r))
        .collect();
    let mut lines = vec![
        format!(
            "# Register and consent {} for app {app}; safe to run twice.",
            crate::text::counted(rows.len(), "permission")
        ),
        format!("# {}", names_with_types(rows)),
        "$ErrorActionPreference = 'Stop'".to_string(),
        connect,
        format!("$appId = '{app}'"),
        "$app = Get-MgApplication -Filter \"appId eq '$appId'\"".to_string(),
        "if (-not $app) { throw \"No app registration with appId $appId in this tenant\" }"
            .to_string(),
        "$sp = Get-MgServicePrincipal -Filter \"appId eq '$appId'\"".to_string(),
        "if (-not $sp) { $sp = New-MgServicePrincipal -AppId $appId }".to_string(),
    ];
    for resource in &used {
        lines.push(format!(
            "{} = Get-MgServicePrincipal -Filter \"appId eq '{}'\"",
            sp_variable(*resource),
            resource.app_id()
        ));
    }
    registration(&mut lines, rows);
    delegated_grants(&mut lines, rows);
    app_role_assignments(&mut lines, rows);
    lines.join("\n")
}

/// `Update-MgApplication -RequiredResourceAccess`, merged with the app's list
/// (the parameter replaces the whole list).
fn registration(lines: &mut Vec<String>, rows: &[&Permission]) {
    lines.push("# 1. Registration (API permissions page), merged with what the app lists".into());
    lines.push("$required = @(".into());
    for resource in Resource::ALL {
        let own: Vec<&&Permission> =
            rows.iter().filter(|p| registered_under(p) == resource).collect();
        if own.is_empty() {
            continue;
        }
        lines.push(format!("  @{{ ResourceAppId = '{}'; ResourceAccess = @(", resource.app_id()));
        for p in own {
            lines.push(format!("    @{{ Id = '{}'; Type = '{}' }}", p.id, access_type(p.kind)));
        }
        lines.push("  ) }".into());
    }
    lines.push(")".into());
    lines.extend(
        [
            "$merged = @($app.RequiredResourceAccess | Where-Object { $_ } | ForEach-Object {",
            "  @{ ResourceAppId = $_.ResourceAppId; ResourceAccess = @($_.ResourceAccess | ForEach-Object { @{ Id = $_.Id; Type = $_.Type } }) }",
            "})",
            "foreach ($r in $required) {",
            "  $entry = $merged | Where-Object { $_.ResourceAppId -eq $r.ResourceAppId }",
            "  if (-not $entry) { $merged += $r; continue }",
            "  foreach ($a in $r.ResourceAccess) {",
            "    if (-not ($entry.ResourceAccess | Where-Object { $_.Id -eq $a.Id })) { $entry.ResourceAccess += $a }",
            "  }",
            "}",
            "Update-MgApplication -ApplicationId $app.Id -RequiredResourceAccess $merged",
        ]
        .map(String::from),
    );
}

/// One `AllPrincipals` grant per resource: created, or merged into the existing one.
fn delegated_grants(lines: &mut Vec<String>, rows: &[&Permission]) {
    let per_resource: Vec<(Resource, Vec<&str>)> = Resource::ALL
        .into_iter()
        .map(|r| {
            let names = rows
                .iter()
                .filter(|p| p.kind == PermissionType::Delegated && granted_on(p) == r)
                .map(|p| p.name.as_str())
                .collect();
            (r, names)
        })
        .filter(|(_, names): &(Resource, Vec<&str>)| !names.is_empty())
        .collect();
    if per_resource.is_empty() {
        return;
    }
    lines.extend(
        [
            "# 2. Delegated permissions for all users (AllPrincipals), merged into an existing grant",
            "function Grant-Delegated($resourceSp, [string[]]$scopes) {",
            "  $grant = Get-MgOauth2PermissionGrant -Filter \"clientId eq '$($sp.Id)' and consentType eq 'AllPrincipals' and resourceId eq '$($resourceSp.Id)'\" | Select-Object -First 1",
            "  if ($grant) {",
            "    $all = @(@($grant.Scope -split ' ') + $scopes | Where-Object { $_ } | Sort-Object -Unique)",
            "    Update-MgOauth2PermissionGrant -OAuth2PermissionGrantId $grant.Id -Scope ($all -join ' ')",
            "  } else {",
            "    New-MgOauth2PermissionGrant -ClientId $sp.Id -ConsentType 'AllPrincipals' -ResourceId $resourceSp.Id -Scope ($scopes -join ' ') | Out-Null",
            "  }",
            "}",
        ]
        .map(String::from),
    );
    for (resource, names) in per_resource {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        lines.push(format!("Grant-Delegated {} @({})", sp_variable(resource), quoted.join(",")));
    }
}

/// One app role assignment per Application row, skipped when it exists.
fn app_role_assignments(lines: &mut Vec<String>, rows: &[&Permission]) {
    let roles: Vec<&&Permission> =
        rows.iter().filter(|p| p.kind == PermissionType::Application).collect();
    if roles.is_empty() {
        return;
    }
    lines.extend(
        [
            "# 3. Application permissions: app role assignments, skipping existing ones",
            "$assigned = @(Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -All)",
            "function Grant-AppRole($resourceSp, [string]$roleId) {",
            "  if ($assigned | Where-Object { $_.ResourceId -eq $resourceSp.Id -and $_.AppRoleId -eq $roleId }) { return }",
            "  New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -PrincipalId $sp.Id -ResourceId $resourceSp.Id -AppRoleId $roleId | Out-Null",
            "}",
        ]
        .map(String::from),
    );
    for p in roles {
        lines.push(format!(
            "Grant-AppRole {} '{}' # {}",
            sp_variable(registered_under(p)),
            p.id,
            p.name
        ));
    }
}
