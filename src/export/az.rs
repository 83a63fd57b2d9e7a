//! Azure CLI commands for a POSIX shell: register every row, grant the
//! Delegated rows for all users and the Application rows by admin consent.
//!
//! Safe to run twice, as far as az allows (see docs/handoff.md):
//! `az ad app permission add` appends without checking, so each row is added
//! only when the app does not list it yet; `az ad app permission grant`
//! replaces the app's grant for a resource, so the script grants the union of
//! the scopes already granted and the new ones; `admin-consent` may repeat.

use super::{
    ExportOptions, access_type, app_id_or_placeholder, granted_on, names_with_types,
    registered_under,
};
use crate::catalog::{Cloud, Permission, PermissionType, Resource};
use crate::choice::Choice;

/// The `az cloud set --name` of a national cloud; `None` for the global one.
/// The US Government cloud serves both L4 and L5 (DoD) tenants in az.
fn az_cloud(cloud: Cloud) -> Option<&'static str> {
    match cloud {
        Cloud::Global => None,
        Cloud::UsGov | Cloud::Dod => Some("AzureUSGovernment"),
        Cloud::China => Some("AzureChinaCloud"),
    }
}

/// The script: sign-in, service principal, registration, grants.
pub(super) fn render(
    rows: &[&Permission],
    options: &ExportOptions,
    notes: &mut Vec<String>,
) -> String {
    let app = app_id_or_placeholder(options);
    let mut lines = vec![
        "#!/bin/sh".to_string(),
        format!(
            "# Register and consent {} for app {app}; safe to run twice.",
            crate::text::counted(rows.len(), "permission")
        ),
        format!("# {}", names_with_types(rows)),
        "set -e".to_string(),
        format!("app={}", shell_word(app)),
    ];
    if let Some(name) = az_cloud(options.cloud) {
        lines.push(format!("az cloud set --name {name}"));
    }
    if let Some(tenant) = options.named_tenant() {
        lines.push(format!("az login --tenant {tenant} --allow-no-subscriptions"));
    }
    lines.push(
        "# The app's service principal (enterprise application), created when missing".into(),
    );
    lines.push(
        "az ad sp show --id \"$app\" --query id -o tsv >/dev/null 2>&1 || az ad sp create --id \"$app\""
            .into(),
    );
    for resource in Resource::ALL {
        register(&mut lines, resource, rows);
    }
    for resource in Resource::ALL {
        grant_delegated(&mut lines, resource, rows);
    }
    if rows.iter().any(|p| p.kind == PermissionType::Application) {
        if options.cloud == Cloud::Global {
            lines.push("# Application permissions: admin consent for the tenant".into());
            lines.push("az ad app permission admin-consent --id \"$app\"".into());
        } else {
            lines.push(
                "# az grants Application permissions in the global cloud only: run the powershell export for them"
                    .into(),
            );
            notes.push(format!(
                "note: az cannot grant Application permissions in the {} cloud (admin-consent is for the global cloud only): use --format powershell for them",
                options.cloud.key()
            ));
        }
    }
    lines.join("\n")
}

/// Adds the rows registered under `resource` that the app does not list yet.
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
    lines.push(format!("# Register under {resource}: each row only when the app lacks it"));
    lines.push(format!(
        "have=$(az ad app permission list --id \"$app\" --query \"[?resourceAppId=='{api}'].resourceAccess[].id\" -o tsv)"
    ));
    lines.push(format!("for p in {}; do", pairs.join(" ")));
    lines.push(format!(
        "  case \"$have\" in *\"${{p%=*}}\"*) ;; *) az ad app permission add --id \"$app\" --api {api} --api-permissions \"$p\" ;; esac"
    ));
    lines.push("done".into());
}

/// Grants the Delegated rows of `resource` for all users, merged with what
/// the app already has on that resource (az replaces the grant).
fn grant_delegated(lines: &mut Vec<String>, resource: Resource, rows: &[&Permission]) {
    let names: Vec<&str> = rows
        .iter()
        .filter(|p| p.kind == PermissionType::Delegated && granted_on(p) == resource)
        .map(|p| p.name.as_str())
        .collect();
    if names.is_empty() {
        return;
    }
    let api = resource.app_id();
    lines.push(format!("# Delegated, for all users on {resource}: kept scopes plus these"));
    lines.push(format!("sp=$(az ad sp show --id {api} --query id -o tsv)"));
    lines.push(
        "old=$(az ad app permission list-grants --id \"$app\" --query \"[?resourceId=='$sp'].scope\" -o tsv)"
            .into(),
    );
    lines.push(format!("scopes=$(printf '%s\\n' $old {} | sort -u)", names.join(" ")));
    lines.push(format!(
        "az ad app permission grant --id \"$app\" --api {api} --consent-type AllPrincipals --scope $scopes"
    ));
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
