//! A Microsoft Graph PowerShell script that registers every row on the app
//! and grants it: Delegated rows as one tenant-wide (`AllPrincipals`)
//! delegated permission grant per resource, Application rows as app role
//! assignments to the app's service principal.
//!
//! Every step checks before it creates, so the script is safe to run twice:
//! the service principal is created only when missing, the registration
//! (by id and type) and an existing grant are merged, existing app role
//! assignments are skipped. Before any change it checks the signed-in
//! tenant, like the az script (exit 3 in the wrong one).

use super::{
    ExportOptions, access_type, app_id_or_placeholder, delegated_by_resource, granted_on,
    names_with_types, registered_under,
};
use crate::catalog::{Cloud, Permission, PermissionType, Resource, is_guid};

/// The admin's sign-in scopes for the rows: the registration always, the
/// Delegated grant and the app role assignments only when there are such rows.
fn admin_scopes(rows: &[&Permission]) -> Vec<&'static str> {
    let has = |kind| rows.iter().any(|p| p.kind == kind);
    let mut scopes = vec!["Application.ReadWrite.All"];
    if has(PermissionType::Delegated) {
        scopes.push("DelegatedPermissionGrant.ReadWrite.All");
    }
    if has(PermissionType::Application) {
        scopes.push("AppRoleAssignment.ReadWrite.All");
    }
    scopes
}

/// What signing in asks of the admin, and who can grant app roles.
const SIGN_IN_NOTE: [&str; 4] = [
    "# Connect-MgGraph asks the admin to consent these scopes for \"Microsoft Graph Command Line Tools\"",
    "# (14d82eec-204b-4c2f-b7e8-296a70dab67e), possibly for the whole organisation. Only a Global",
    "# Administrator or Privileged Role Administrator can grant Microsoft Graph app roles; Application",
    "# and Cloud Application Administrators cannot.",
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
fn sp_variable(resource: Resource) -> String {
    format!("${}Sp", resource.spec().short)
}

/// The script; see the module documentation.
pub(super) fn render(rows: &[&Permission], options: &ExportOptions) -> String {
    let app = app_id_or_placeholder(options);
    let scopes: Vec<String> = admin_scopes(rows).iter().map(|s| format!("'{s}'")).collect();
    let mut connect = format!("Connect-MgGraph -Scopes {}", scopes.join(","));
    if let Some(environment) = environment(options.cloud) {
        connect += &format!(" -Environment {environment}");
    }
    if let Some(tenant) = options.named_tenant() {
        connect += &format!(" -TenantId '{tenant}'");
    }
    let used: Vec<Resource> = Resource::all()
        .filter(|r| rows.iter().any(|p| granted_on(p) == *r || registered_under(p) == *r))
        .collect();
    let mut lines = vec![
        "#Requires -Modules Microsoft.Graph.Applications, Microsoft.Graph.Identity.SignIns"
            .to_string(),
        format!(
            "# Register and consent {} for app {app}; safe to run twice.",
            crate::text::counted(rows.len(), "permission")
        ),
        format!("# {}", names_with_types(rows)),
        "$ErrorActionPreference = 'Stop'".to_string(),
    ];
    lines.extend(SIGN_IN_NOTE.map(String::from));
    lines.push(connect);
    tenant_guard(&mut lines, options);
    lines.extend([
        format!("$appId = '{app}'"),
        "$app = Get-MgApplication -Filter \"appId eq '$appId'\"".to_string(),
        "if (-not $app) { throw \"No app registration with appId $appId in this tenant\" }"
            .to_string(),
        "$sp = Get-MgServicePrincipal -Filter \"appId eq '$appId'\"".to_string(),
        "if (-not $sp) { $sp = New-MgServicePrincipal -AppId $appId }".to_string(),
    ]);
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

/// Stops (exit 3) before any change unless the signed-in tenant is the
/// customer's (`--tenant`: its id or a verified domain) or the admin
/// confirms it at the prompt (no `--tenant`; no prompt without a console).
fn tenant_guard(lines: &mut Vec<String>, options: &ExportOptions) {
    lines.push("# The tenant: stop before any change in the wrong one".into());
    lines.push("$tenant = (Get-MgContext).TenantId".into());
    let fail =
        |message: String| format!("{{ [Console]::Error.WriteLine(\"error: {message}\"); exit 3 }}");
    match options.named_tenant() {
        Some(wanted) if is_guid(wanted) => lines.push(format!(
            "if ($tenant -ne '{wanted}') {}",
            fail(format!("signed in to tenant ${{tenant}}, not {wanted}: nothing was changed"))
        )),
        Some(wanted) => {
            lines.push(
                "$domains = @((Invoke-MgGraphRequest -Method GET -Uri 'v1.0/organization').value | ForEach-Object { $_.verifiedDomains } | ForEach-Object { $_.name })".into(),
            );
            lines.push(format!(
                "if ($domains -notcontains '{wanted}') {}",
                fail(format!("signed in to tenant ${{tenant}}, which has no verified domain {wanted}: nothing was changed"))
            ));
        }
        None => {
            lines.push(format!(
                "if ([Console]::IsInputRedirected) {}",
                fail("no console to confirm tenant ${tenant}: export again with --tenant (a tenant ID or domain); nothing was changed".into())
            ));
            lines.push(format!(
                "if ((Read-Host \"Continue in tenant ${{tenant}}? [y/N]\") -notmatch '^(y|yes)$') {}",
                fail("stopped in tenant ${tenant}: nothing was changed".into())
            ));
        }
    }
}

/// `Update-MgApplication -RequiredResourceAccess`, merged with the app's list
/// (the parameter replaces the whole list).
fn registration(lines: &mut Vec<String>, rows: &[&Permission]) {
    lines.push("# 1. Registration (API permissions page), merged with what the app lists".into());
    lines.push("$required = @(".into());
    for resource in Resource::all() {
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
            "    if (-not ($entry.ResourceAccess | Where-Object { $_.Id -eq $a.Id -and $_.Type -eq $a.Type })) { $entry.ResourceAccess += $a }",
            "  }",
            "}",
            "Update-MgApplication -ApplicationId $app.Id -RequiredResourceAccess $merged",
        ]
        .map(String::from),
    );
}

/// One `AllPrincipals` grant per resource: created, or merged into the existing one.
fn delegated_grants(lines: &mut Vec<String>, rows: &[&Permission]) {
    let per_resource = delegated_by_resource(rows);
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
