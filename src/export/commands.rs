//! Commands for the admin's shell: Azure CLI (POSIX shell quoting) and
//! Microsoft Graph PowerShell.

use super::{ExportOptions, access_type, names_with_types, one_line};
use crate::catalog::{AuthMode, Permission, PermissionType, Resource};

/// Placeholder for `az --id` when no app ID is given.
const APP_ID_PLACEHOLDER: &str = "<APP_ID>";

/// Placeholder for the object ID of the client app's service principal.
const CLIENT_SP_PLACEHOLDER: &str = "<CLIENT_SP_OBJECT_ID>";

/// `az ad app permission add` for every row, then `admin-consent` when a row needs it.
pub(super) fn az(rows: &[&Permission], options: &ExportOptions) -> String {
    let app = options.app_id.as_deref().map_or(APP_ID_PLACEHOLDER.to_string(), shell_word);
    let pairs: Vec<String> =
        rows.iter().map(|p| format!("{}={}", p.id, access_type(p.kind))).collect();
    let mut lines = vec![
        format!("# Microsoft Graph permissions: {}", names_with_types(rows)),
        format!(
            "az ad app permission add --id {app} --api {} --api-permissions {}",
            Resource::GRAPH_APP_ID,
            pairs.join(" ")
        ),
    ];
    let consent = rows.iter().filter(|p| p.admin_consent).count();
    if consent > 0 {
        lines.push(format!(
            "# {consent} of {} need admin consent: grant it for the whole tenant",
            rows.len()
        ));
        lines.push(format!("az ad app permission admin-consent --id {app}"));
    } else {
        lines.push("# None needs admin consent: users consent when they sign in".to_string());
    }
    lines.join("\n")
}

/// Delegated: `Connect-MgGraph` with the rows as scopes. Application: assign each
/// row as an app role of Microsoft Graph to the client app's service principal.
/// `left_out` (rows of the other type) is named in a comment.
pub(super) fn powershell(
    rows: &[&Permission],
    left_out: &[&Permission],
    mode: AuthMode,
    options: &ExportOptions,
) -> String {
    let mut lines = match mode {
        PermissionType::Delegated => delegated_sign_in(rows),
        PermissionType::Application => app_role_grants(rows, options),
    };
    if !left_out.is_empty() {
        lines.push(format!("# Left out, not {mode}: {}", names_with_types(left_out)));
    }
    lines.join("\n")
}

fn delegated_sign_in(rows: &[&Permission]) -> Vec<String> {
    let scopes: Vec<String> = rows.iter().map(|p| format!("\"{}\"", p.name)).collect();
    vec![
        "# Sign in to Microsoft Graph PowerShell with these Delegated permissions".to_string(),
        format!("Connect-MgGraph -Scopes {}", scopes.join(",")),
    ]
}

fn app_role_grants(rows: &[&Permission], options: &ExportOptions) -> Vec<String> {
    let client_sp = match &options.client_id {
        Some(client_id) => {
            format!("(Get-MgServicePrincipal -Filter \"appId eq '{client_id}'\").Id")
        }
        None => format!("\"{CLIENT_SP_PLACEHOLDER}\""),
    };
    let mut lines = vec![
        "# Grant the Application permissions (app roles of Microsoft Graph) to the app".to_string(),
        "Connect-MgGraph -Scopes \"AppRoleAssignment.ReadWrite.All\",\"Application.Read.All\""
            .to_string(),
        format!(
            "$graphSpId = (Get-MgServicePrincipal -Filter \"appId eq '{}'\").Id",
            Resource::GRAPH_APP_ID
        ),
        format!("$clientSpId = {client_sp}"),
    ];
    for p in rows {
        lines.push(format!("# {}: {}", p.name, one_line(&p.description)));
        lines.push(format!(
            "New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $clientSpId \
             -PrincipalId $clientSpId -ResourceId $graphSpId -AppRoleId {}",
            p.id
        ));
    }
    lines
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
            ("api://contoso.com/intrexx", "api://contoso.com/intrexx"),
            ("a$b", "'a$b'"),
            ("it's;rm", r"'it'\''s;rm'"),
        ] {
            assert_eq!(shell_word(value), expected, "{value}");
        }
    }
}
