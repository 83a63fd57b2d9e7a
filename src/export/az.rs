//! Azure CLI commands for a POSIX shell that add the basket to the tenant and
//! never widen anything else: register each row (id and type) the app lacks,
//! merge the Delegated rows into the app's tenant-wide (`AllPrincipals`)
//! grant, assign each Application row as an app role. Safe to run twice: a
//! second run finds everything and changes nothing.
//!
//! What az's own commands would do instead (azure-cli `role/custom.py`):
//! `az ad app permission grant` (`grant_application`) first deletes every
//! grant of the app on the resource, users' own `Principal` grants included,
//! and `admin-consent` (`admin_consent`) consents to everything the
//! registration lists, through an internal endpoint of the global cloud only.
//! So the grants go through Microsoft Graph with `az rest`, on the cloud's
//! Graph host; `az rest` attaches a token only for the cloud's own endpoints
//! (`send_raw_request`), so DoD calls name their resource.
//!
//! Before any change the script checks the signed-in tenant: with `--tenant`
//! it stops (exit 3) in another one; without, it asks on the terminal and
//! stops when there is none.

use super::{
    ExportOptions, access_type, app_id_or_placeholder, delegated_by_resource, granted_on,
    names_with_types, registered_under,
};
use crate::catalog::{Cloud, Permission, PermissionType, Resource, is_guid};

/// The `az cloud set --name` of a national cloud; `None` for the global one.
/// az knows no DoD cloud: its US Government cloud serves L4 and L5 tenants.
fn az_cloud(cloud: Cloud) -> Option<&'static str> {
    match cloud {
        Cloud::Global => None,
        Cloud::UsGov | Cloud::Dod => Some("AzureUSGovernment"),
        Cloud::China => Some("AzureChinaCloud"),
    }
}

/// `az rest` with the token's resource named where the URL is not one of
/// az's endpoints for the cloud (DoD's Graph host).
fn az_rest(cloud: Cloud) -> String {
    match cloud {
        Cloud::Dod => format!("az rest --resource {}", graph_host(cloud)),
        _ => "az rest".to_string(),
    }
}

fn graph_host(cloud: Cloud) -> &'static str {
    Resource::Graph.origin(cloud).expect("Microsoft Graph has a host in every cloud")
}

/// The shell variable holding a resource's service principal object id.
fn sp_variable(resource: Resource) -> String {
    format!("{}_sp", resource.spec().short)
}

/// The script: cloud, tenant guard, service principal, registration, grants.
pub(super) fn render(rows: &[&Permission], options: &ExportOptions) -> String {
    let app = app_id_or_placeholder(options);
    let mut lines = vec![
        "#!/bin/sh".to_string(),
        format!(
            "# Register and grant {} for app {app}; safe to run twice.",
            crate::text::counted(rows.len(), "permission")
        ),
        format!("# {}", names_with_types(rows)),
        "# It adds these rows to the app's registration, its tenant-wide Delegated grant and its"
            .into(),
        "# app role assignments, and changes nothing else: no other grant, no user's own consent."
            .into(),
        "set -ef".to_string(),
        format!("app={}", shell_word(app)),
        format!("graph={}", graph_host(options.cloud)),
    ];
    if let Some(name) = az_cloud(options.cloud) {
        lines.push(format!("az cloud set --name {name}"));
    }
    tenant_guard(&mut lines, options);
    lines.push(
        "# The app's service principal (enterprise application), created when missing".into(),
    );
    lines.push(
        "sp=$(az ad sp show --id \"$app\" --query id -o tsv 2>/dev/null) || sp=$(az ad sp create --id \"$app\" --query id -o tsv)"
            .into(),
    );
    let used: Vec<Resource> =
        Resource::all().filter(|r| rows.iter().any(|p| granted_on(p) == *r)).collect();
    for resource in &used {
        lines.push(format!(
            "{}=$(az ad sp show --id {} --query id -o tsv)",
            sp_variable(*resource),
            resource.app_id()
        ));
    }
    for resource in Resource::all() {
        register(&mut lines, resource, rows);
    }
    grant_delegated(&mut lines, rows, options.cloud);
    assign_roles(&mut lines, rows, options.cloud);
    lines.join("\n")
}

/// Stops before any change unless the signed-in tenant is the customer's
/// (`--tenant`: its id, or a verified domain of it), or the admin confirms
/// it on the terminal (no `--tenant`); exit 3 either way.
fn tenant_guard(lines: &mut Vec<String>, options: &ExportOptions) {
    lines.push("# The tenant: stop before any change in the wrong one".into());
    lines.push("tenant=$(az account show --query tenantId -o tsv)".into());
    let Some(wanted) = options.named_tenant() else {
        lines.extend(
            [
                "if (exec </dev/tty) 2>/dev/null; then",
                "  printf 'Continue in tenant %s? [y/N] ' \"$tenant\" >/dev/tty",
                "  read -r answer </dev/tty || answer=",
                "  case \"$answer\" in [yY]|[yY][eE][sS]) ;; *) echo \"error: stopped in tenant $tenant: nothing was changed\" >&2; exit 3 ;; esac",
                "else",
                "  echo \"error: no terminal to confirm tenant $tenant: export again with --tenant (the customer's tenant ID or domain); nothing was changed\" >&2",
                "  exit 3",
                "fi",
            ]
            .map(String::from),
        );
        return;
    };
    let login = format!("az login --tenant {wanted} --allow-no-subscriptions");
    if is_guid(wanted) {
        lines.push(format!("if ! printf '%s\\n' \"$tenant\" | grep -qixF {wanted}; then"));
        lines.push(format!(
            "  echo \"error: signed in to tenant $tenant, not {wanted}: run {login}, then this script again; nothing was changed\" >&2"
        ));
    } else {
        lines.push(format!(
            "domains=$({} --method GET --uri \"$graph/v1.0/organization\" --query \"value[].verifiedDomains[].name\" -o tsv)",
            az_rest(options.cloud)
        ));
        lines.push(format!("if ! printf '%s\\n' $domains | grep -qixF {wanted}; then"));
        lines.push(format!(
            "  echo \"error: signed in to tenant $tenant, which has no verified domain {wanted}: run {login}, then this script again; nothing was changed\" >&2"
        ));
    }
    lines.push("  exit 3".into());
    lines.push("fi".into());
}

/// Adds the rows registered under `resource` whose id and type the app does
/// not list yet (`add` appends without looking, and one GUID can name both
/// a Delegated and an Application permission).
fn register(lines: &mut Vec<String>, resource: Resource, rows: &[&Permission]) {
    let pairs: Vec<String> = rows
        .iter()
        .filter(|p| registered_under(p) == resource)
        .map(|p| format!("{}={}", p.id, access_type(p.kind)))
        .collect();
    if pairs.is_empty() {
        return;
    }
    let api = resource.app_id();
    each_missing(
        lines,
        &format!("# Register under {resource}: each id and type only when the app lacks it"),
        (
            "have",
            &format!(
                "az ad app permission list --id \"$app\" --query \"[?resourceAppId=='{api}'].resourceAccess[].join('=', [id, type])\" -o tsv"
            ),
        ),
        ("p", &pairs),
        &format!("az ad app permission add --id \"$app\" --api {api} --api-permissions \"$p\""),
    );
}

/// Shell lines that run `action` for each of `items` (bound to `$item`) that
/// the output of `have` (stored in `$name`) does not list, ignoring case:
/// what makes a script safe to run twice.
fn each_missing(
    lines: &mut Vec<String>,
    comment: &str,
    (name, have): (&str, &str),
    (item, items): (&str, &[String]),
    action: &str,
) {
    lines.push(comment.to_string());
    lines.push(format!("{name}=$({have})"));
    lines.push(format!("for {item} in {}; do", items.join(" ")));
    lines.push(format!("  printf '%s\\n' ${name} | grep -qixF \"${item}\" || {action}"));
    lines.push("done".into());
}

/// The Delegated rows of each resource, merged into the app's
/// `AllPrincipals` grant on it (created when missing); grants of single
/// users (`Principal`) are filtered out on the server and never touched.
fn grant_delegated(lines: &mut Vec<String>, rows: &[&Permission], cloud: Cloud) {
    let per_resource = delegated_by_resource(rows);
    if per_resource.is_empty() {
        return;
    }
    let rest = az_rest(cloud);
    lines.extend([
        "# Delegated, for all users: the scopes are added to the app's tenant-wide (AllPrincipals) grant".to_string(),
        "grant_delegated() { # resource service principal id, space-separated scopes".to_string(),
        format!(
            "  found=$({rest} --method GET --uri \"$graph/v1.0/oauth2PermissionGrants?\\$filter=clientId%20eq%20'$sp'%20and%20consentType%20eq%20'AllPrincipals'\" --query \"value[?resourceId=='$1' && consentType=='AllPrincipals'] | [0].[id, scope]\" -o tsv)"
        ),
        "  if [ -z \"$found\" ]; then".to_string(),
        format!(
            "    {rest} --method POST --uri \"$graph/v1.0/oauth2PermissionGrants\" --body \"{{\\\"clientId\\\":\\\"$sp\\\",\\\"consentType\\\":\\\"AllPrincipals\\\",\\\"resourceId\\\":\\\"$1\\\",\\\"scope\\\":\\\"$2\\\"}}\" >/dev/null"
        ),
        "    return".to_string(),
        "  fi".to_string(),
        "  grant=$(printf '%s\\n' \"$found\" | sed -n 1p)".to_string(),
        "  old=$(printf '%s\\n' \"$found\" | sed -n 2p)".to_string(),
        "  add=".to_string(),
        "  for s in $2; do".to_string(),
        "    printf '%s\\n' $old | grep -qixF \"$s\" || add=\"$add $s\"".to_string(),
        "  done".to_string(),
        "  if [ -n \"$add\" ]; then".to_string(),
        format!(
            "    {rest} --method PATCH --uri \"$graph/v1.0/oauth2PermissionGrants/$grant\" --body \"{{\\\"scope\\\":\\\"$old$add\\\"}}\""
        ),
        "  fi".to_string(),
        "}".to_string(),
    ]);
    for (resource, names) in per_resource {
        lines.push(format!("grant_delegated \"${}\" '{}'", sp_variable(resource), names.join(" ")));
    }
}

/// One app role assignment per Application row on its resource's service
/// principal, skipping roles the app already holds.
fn assign_roles(lines: &mut Vec<String>, rows: &[&Permission], cloud: Cloud) {
    let rest = az_rest(cloud);
    for resource in Resource::all() {
        let roles: Vec<String> = rows
            .iter()
            .filter(|p| p.kind == PermissionType::Application && granted_on(p) == resource)
            .map(|p| p.id.clone())
            .collect();
        if roles.is_empty() {
            continue;
        }
        let rsp = sp_variable(resource);
        each_missing(
            lines,
            &format!("# Application on {resource}: one app role assignment per role the app lacks"),
            (
                "assigned",
                &format!(
                    "{rest} --method GET --uri \"$graph/v1.0/servicePrincipals/$sp/appRoleAssignments\" --query \"value[?resourceId=='${rsp}'].appRoleId\" -o tsv"
                ),
            ),
            ("role", &roles),
            &format!(
                "{rest} --method POST --uri \"$graph/v1.0/servicePrincipals/${rsp}/appRoleAssignedTo\" --body \"{{\\\"principalId\\\":\\\"$sp\\\",\\\"resourceId\\\":\\\"${rsp}\\\",\\\"appRoleId\\\":\\\"$role\\\"}}\" >/dev/null"
            ),
        );
    }
}

/// `value` as one POSIX shell word: unchanged when it has only safe characters,
/// otherwise in single quotes (a `'` inside becomes `'\''`).
fn shell_word(value: &str) -> String {
    if value.chars().all(|c| c.is_ascii_alphanumeric() || "-._:/@%+=,".contains(c)) {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        for (value, expected) in [
            ("1ec239c2-d7c9-4623-a91a-a9775856bb36", "1ec239c2-d7c9-4623-a91a-a9775856bb36"),
            ("<APP_ID>", "'<APP_ID>'"),
            ("a$b", "'a$b'"),
            ("it's;rm", r"'it'\''s;rm'"),
        ] {
            assert_eq!(shell_word(value), expected, "{value}");
        }
    }
}
