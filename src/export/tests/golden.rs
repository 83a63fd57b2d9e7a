//! Exact expected output of every format for rows of the embedded catalog.

use super::*;

/// Two Delegated rows (one an OpenID scope), two Application rows, given
/// unsorted and with a repeat: every format sorts and de-duplicates them.
fn mixed(catalog: &Catalog) -> Vec<&Permission> {
    pick(
        catalog,
        &[
            ("offline_access", D),
            ("Chat.Read.All", A),
            ("Chat.Read", D),
            ("Calendars.ReadWrite", A),
            ("Chat.Read", D),
        ],
    )
}

fn filled() -> ExportOptions {
    ExportOptions {
        app_id: Some("api://contoso.com/intrexx".into()),
        tenant: "contoso.onmicrosoft.com".into(),
        client_id: Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b".into()),
        redirect_uri: Some("https://intrexx.contoso.com/oauth?x=1&y=2".into()),
        cloud: Cloud::Global,
    }
}

#[test]
fn manifest_holds_both_types_sorted() {
    let catalog = Catalog::embedded();
    let expected = r#"{
  "requiredResourceAccess": [
    {
      "resourceAppId": "00000003-0000-0000-c000-000000000000",
      "resourceAccess": [
        {
          "id": "f501c180-9344-439a-bca0-6cbf209fd270",
          "type": "Scope"
        },
        {
          "id": "7427e0e9-2fba-42fe-b0c0-848c9e6a8182",
          "type": "Scope"
        },
        {
          "id": "ef54d2bf-783f-4e0f-bca1-3210c0444d99",
          "type": "Role"
        },
        {
          "id": "6b7d71aa-70aa-4810-a8d9-5d9fb2830017",
          "type": "Role"
        }
      ]
    }
  ]
}"#;
    for mode in [D, A] {
        assert_eq!(export_default(&mixed(&catalog), mode, Format::Manifest), expected);
    }
}

#[test]
fn az_adds_every_row_and_grants_admin_consent() {
    let catalog = Catalog::embedded();
    let expected = "\
# Microsoft Graph permissions: Chat.Read (Delegated), offline_access (Delegated), \
Calendars.ReadWrite (Application), Chat.Read.All (Application)
az ad app permission add --id api://contoso.com/intrexx --api 00000003-0000-0000-c000-000000000000 \
--api-permissions f501c180-9344-439a-bca0-6cbf209fd270=Scope 7427e0e9-2fba-42fe-b0c0-848c9e6a8182=Scope \
ef54d2bf-783f-4e0f-bca1-3210c0444d99=Role 6b7d71aa-70aa-4810-a8d9-5d9fb2830017=Role
# 2 of 4 need admin consent: grant it for the whole tenant
az ad app permission admin-consent --id api://contoso.com/intrexx";
    assert_eq!(export(&mixed(&catalog), D, Format::Az, &filled()).unwrap(), expected);
}

#[test]
fn az_without_admin_consent_keeps_the_placeholder_and_says_so() {
    let catalog = Catalog::embedded();
    let rows = pick(&catalog, &[("Chat.Read", D)]);
    let expected = "\
# Microsoft Graph permissions: Chat.Read (Delegated)
az ad app permission add --id <APP_ID> --api 00000003-0000-0000-c000-000000000000 \
--api-permissions f501c180-9344-439a-bca0-6cbf209fd270=Scope
# None needs admin consent: users consent when they sign in";
    assert_eq!(export_default(&rows, D, Format::Az), expected);
}

#[test]
fn powershell_delegated_signs_in_with_the_scopes() {
    let catalog = Catalog::embedded();
    let expected = "\
# Sign in to Microsoft Graph PowerShell with these Delegated permissions
Connect-MgGraph -Scopes \"Chat.Read\",\"offline_access\"
# Left out, not Delegated: Calendars.ReadWrite (Application), Chat.Read.All (Application)";
    assert_eq!(export_default(&mixed(&catalog), D, Format::Powershell), expected);
}

#[test]
fn powershell_application_assigns_each_app_role() {
    let catalog = Catalog::embedded();
    let assign = "New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $clientSpId \
                  -PrincipalId $clientSpId -ResourceId $graphSpId -AppRoleId";
    let expected = format!(
        "\
# Grant the Application permissions (app roles of Microsoft Graph) to the app
Connect-MgGraph -Scopes \"AppRoleAssignment.ReadWrite.All\",\"Application.Read.All\"
$graphSpId = (Get-MgServicePrincipal -Filter \"appId eq '00000003-0000-0000-c000-000000000000'\").Id
$clientSpId = \"<CLIENT_SP_OBJECT_ID>\"
# Calendars.ReadWrite: Read and write calendars in all mailboxes
{assign} ef54d2bf-783f-4e0f-bca1-3210c0444d99
# Chat.Read.All: Read all chat messages
{assign} 6b7d71aa-70aa-4810-a8d9-5d9fb2830017
# Left out, not Application: Chat.Read (Delegated), offline_access (Delegated)"
    );
    assert_eq!(export_default(&mixed(&catalog), A, Format::Powershell), expected);

    let with_client = export(&mixed(&catalog), A, Format::Powershell, &filled()).unwrap();
    let lookup = "$clientSpId = (Get-MgServicePrincipal -Filter \
                  \"appId eq '0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b'\").Id";
    assert_eq!(with_client.lines().nth(3), Some(lookup));
}

#[test]
fn consent_url_delegated_names_the_scopes() {
    let catalog = Catalog::embedded();
    let expected = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent\
?client_id=0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b\
&scope=https%3A%2F%2Fgraph.microsoft.com%2FChat.Read%20offline_access\
&redirect_uri=https%3A%2F%2Fintrexx.contoso.com%2Foauth%3Fx%3D1%26y%3D2";
    assert_eq!(export(&mixed(&catalog), D, Format::ConsentUrl, &filled()).unwrap(), expected);
}

#[test]
fn consent_url_application_asks_for_dot_default() {
    let catalog = Catalog::embedded();
    let expected = "https://login.microsoftonline.com/organizations/v2.0/adminconsent\
?client_id=<CLIENT_ID>&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default";
    assert_eq!(export_default(&mixed(&catalog), A, Format::ConsentUrl), expected);
}

#[test]
fn markdown_sheet_is_a_table_with_a_summary() {
    let catalog = Catalog::embedded();
    let expected = "\
| Name | Type | Admin consent | Description | GUID | Intrexx role |
| --- | --- | --- | --- | --- | --- |
| `Chat.Read` | Delegated | No | Read user chat messages | `f501c180-9344-439a-bca0-6cbf209fd270` | required |
| `offline_access` | Delegated | No | Keep access to data for which you have given access | `7427e0e9-2fba-42fe-b0c0-848c9e6a8182` | required |
| `Calendars.ReadWrite` | Application | Yes | Read and write calendars in all mailboxes | `ef54d2bf-783f-4e0f-bca1-3210c0444d99` | required |
| `Chat.Read.All` | Application | Yes | Read all chat messages | `6b7d71aa-70aa-4810-a8d9-5d9fb2830017` | required |

4 permissions, 2 need admin consent";
    assert_eq!(export_default(&mixed(&catalog), D, Format::Markdown), expected);
}

#[test]
fn summary_counts_singular_and_plural() {
    let catalog = Catalog::embedded();
    let summary = |rows: &[&Permission]| {
        export_default(rows, D, Format::Markdown).lines().last().unwrap().to_string()
    };
    assert_eq!(summary(&pick(&catalog, &[("Chat.Read", D)])), "1 permission, 0 need admin consent");
    assert_eq!(
        summary(&pick(&catalog, &[("Chat.Read", D), ("Chat.Read.All", A)])),
        "2 permissions, 1 needs admin consent"
    );
    let apps: Vec<&Permission> = catalog.permissions.iter().filter(|p| p.kind == A).collect();
    assert_eq!(summary(&apps), "13 permissions, 13 need admin consent");
}

#[test]
fn csv_sheet_has_a_header_and_one_line_per_row() {
    let catalog = Catalog::embedded();
    let expected = "\
Name,Type,Admin consent,Description,GUID,Intrexx role
Chat.Read,Delegated,No,Read user chat messages,f501c180-9344-439a-bca0-6cbf209fd270,required
offline_access,Delegated,No,Keep access to data for which you have given access,7427e0e9-2fba-42fe-b0c0-848c9e6a8182,required
Calendars.ReadWrite,Application,Yes,Read and write calendars in all mailboxes,ef54d2bf-783f-4e0f-bca1-3210c0444d99,required
Chat.Read.All,Application,Yes,Read all chat messages,6b7d71aa-70aa-4810-a8d9-5d9fb2830017,required";
    assert_eq!(export_default(&mixed(&catalog), A, Format::Csv), expected);
}

#[test]
fn consent_url_of_a_national_cloud_uses_its_sign_in_and_graph_hosts() {
    let catalog = Catalog::embedded();
    let rows = pick(&catalog, &[("Chat.Read", D)]);
    let china = ExportOptions { cloud: Cloud::China, ..Default::default() };
    let url = export(&rows, D, Format::ConsentUrl, &china).unwrap();
    assert_eq!(
        url,
        "https://login.chinacloudapi.cn/organizations/v2.0/adminconsent?client_id=<CLIENT_ID>\
&scope=https%3A%2F%2Fmicrosoftgraph.chinacloudapi.cn%2FChat.Read"
    );
    let rows = pick(&catalog, &[("Sites.Read.All", A)]);
    let dod = ExportOptions { cloud: Cloud::Dod, ..Default::default() };
    let url = export(&rows, A, Format::ConsentUrl, &dod).unwrap();
    assert_eq!(
        url,
        "https://login.microsoftonline.us/organizations/v2.0/adminconsent?client_id=<CLIENT_ID>\
&scope=https%3A%2F%2Fdod-graph.microsoft.us%2F.default"
    );
}
