//! The resource table end to end: rows carry their resource through files,
//! Exchange Online's app roles work in every command, and a resource added
//! only to the table works in check, build and export.

use super::*;
use crate::audit::{Registration, audit_registration};
use crate::catalog::{Catalog, parse_catalog};
use crate::export::{ExportOptions, Format, export};
use crate::scope::{ScopeForm, TokenStatus, build, check};
use crate::typed_names::resolve_names;
use PermissionType::{Application as A, Delegated as D};

const APP: &str = "11111111-2222-4333-8444-555555555555";

fn options() -> ExportOptions {
    ExportOptions {
        app_id: Some(APP.into()),
        tenant: "contoso.onmicrosoft.com".into(),
        redirect_uri: Some("https://connector.example/callback".into()),
        ..ExportOptions::default()
    }
}

#[test]
fn rows_keep_their_resource_through_files_and_old_files_are_graphs() {
    let old = r#"{"name":"old","permissions":[{"name":"Mail.Read","type":"Delegated",
        "description":"d","admin_consent":false,"id":"570282fd-fa5c-430d-a7fd-fc8dc98a9dca"}]}"#;
    let catalog = parse_catalog(old, "old.json").unwrap();
    assert_eq!(catalog.permissions[0].resource, Resource::Graph, "no resource: Graph");
    let json = serde_json::to_string(&catalog).unwrap();
    assert!(!json.contains("resource"), "Graph rows are written as before: {json}");

    let full = resource_rows("full_access_as_app").next().unwrap().clone();
    let graph_twin =
        Permission { name: "full_access_as_app".into(), resource: Resource::Graph, ..full.clone() };
    let both = Catalog { name: "both".into(), permissions: vec![full.clone(), graph_twin] };
    let json = serde_json::to_string(&both).unwrap();
    assert!(json.contains(r#""resource":"exchange_online""#), "{json}");
    let back = parse_catalog(&json, "both.json").expect("same name and type, two resources");
    assert_eq!(back, both);

    let twice = Catalog { name: "twice".into(), permissions: vec![full.clone(), full] };
    let json = serde_json::to_string(&twice).unwrap();
    assert!(parse_catalog(&json, "twice.json").is_err(), "unique per resource, name and type");
    let unknown = json.replacen("exchange_online", "sharepoint", 1);
    let err = parse_catalog(&unknown, "x.json").unwrap_err().to_string();
    assert!(err.contains("unknown resource 'sharepoint'"), "{err}");
}

/// Every Exchange Online app role in Application mode: build, check, every
/// export format and the registration audit.
#[test]
fn exchange_app_roles_work_in_every_command() {
    let catalog = Catalog::embedded();
    let roles: Vec<&ScopeSpec> =
        Resource::ExchangeOnline.spec().scopes.iter().filter(|s| s.kind == A).collect();
    assert!(roles.len() >= 4);
    for role in roles {
        let rows = resolve_names(&catalog, &[role.name], A).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].resource, Resource::ExchangeOnline);

        let built = build(&rows, A, ScopeForm::Default, Cloud::Global);
        assert_eq!(built.scope, "https://outlook.office365.com/.default", "{}", role.name);
        let notes: Vec<String> = built.diagnostics.iter().map(ToString::to_string).collect();
        let mailbox = notes.iter().any(|n| n.contains("New-ServicePrincipal"));
        assert_eq!(mailbox, role.name != "full_access_as_app", "{}: {notes:?}", role.name);

        let report = check(role.name, A, None, &catalog);
        assert_eq!(report.fixed.as_deref(), Some("https://outlook.office365.com/.default"));
        assert_eq!(report.problems.len(), 1, "only the .default fix: {:?}", report.problems);
        assert!(report.problems[0].to_string().contains("outlook.office365.com/.default"));
        let clean = check("https://outlook.office365.com/.default", A, None, &catalog);
        assert!(clean.is_clean(), "{:?}", clean.problems);

        for &format in Format::ALL {
            let out = export(&rows, A, format, &options())
                .unwrap_or_else(|e| panic!("{format:?} {}: {e}", role.name));
            if format == Format::ConsentUrl {
                let default = "scope=https%3A%2F%2Foutlook.office365.com%2F.default";
                assert!(out.text.contains(default), "{}", out.text);
                continue;
            }
            assert!(out.text.contains(role.id), "{format:?}: {}", out.text);
            let sheet = matches!(format, Format::Markdown | Format::Csv);
            assert!(out.text.contains(Resource::EXCHANGE_APP_ID) || sheet, "{format:?}");
            assert!(out.text.contains(role.name) || format == Format::Manifest, "{format:?}");
        }

        let manifest = format!(
            r#"{{"requiredResourceAccess":[{{"resourceAppId":"{}","resourceAccess":[{{"id":"{}","type":"Role"}}]}}]}}"#,
            Resource::EXCHANGE_APP_ID,
            role.id
        );
        let registration = Registration::parse(&manifest).unwrap();
        let named = audit_registration(&[], &registration, A, &catalog);
        assert_eq!(named.extra[0].name, role.name, "audit --app names the role");
        let wanted = audit_registration(&rows, &registration, A, &catalog);
        assert!(wanted.missing.is_empty() && wanted.extra.is_empty(), "{wanted:?}");
    }
}

#[test]
fn ews_is_written_with_the_host_of_microsofts_ews_page() {
    let catalog = Catalog::builtin();
    let report = check("EWS.AccessAsUser.All offline_access", D, None, &catalog);
    assert_eq!(
        report.fixed.as_deref(),
        Some("https://outlook.office365.com/EWS.AccessAsUser.All offline_access")
    );
    let report = check("IMAP.AccessAsUser.All offline_access", D, None, &catalog);
    assert_eq!(
        report.fixed.as_deref(),
        Some("https://outlook.office.com/IMAP.AccessAsUser.All offline_access")
    );
}

/// The test-only row of [`RESOURCES`]: nothing but the table knows it.
#[test]
fn a_resource_added_only_to_the_table_works_in_check_build_and_export() {
    let widgets = Resource::from_key("test_widgets").expect("the test-only row");
    let catalog = Catalog::embedded();

    let report =
        check("https://widgets.test.example/Widget.Read offline_access", D, None, &catalog);
    assert!(report.is_clean(), "{:?}", report.problems);
    assert!(report.not_checked().is_empty(), "checked against the table");
    assert_eq!(report.resource, Some(Audience::Known(widgets)));
    assert!(
        matches!(&report.tokens[0].status, TokenStatus::Known { name, .. } if name == "Widget.Read")
    );
    let short = check("widget.read offline_access", D, None, &catalog);
    assert_eq!(
        short.fixed.as_deref(),
        Some("https://widgets.test.example/Widget.Read offline_access"),
        "a short name asks Graph: fixed to the resource's host"
    );
    let said = short.problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(said.contains("which Widgets Test API rejects"), "named from the table: {said}");
    let app = check("https://widgets.test.example/Widget.Read", A, None, &catalog);
    assert_eq!(app.fixed.as_deref(), Some("https://widgets.test.example/.default"));

    let rows = resolve_names(&catalog, &["Widget.Read", "offline_access"], D).unwrap();
    assert_eq!(rows[0].resource, widgets);
    for style in [ScopeForm::Short, ScopeForm::Qualified] {
        let built = build(&rows, D, style, Cloud::Global);
        assert_eq!(built.scope, "https://widgets.test.example/Widget.Read offline_access");
    }

    let url = export(&rows, D, Format::ConsentUrl, &options()).unwrap();
    assert!(url.text.contains("https%3A%2F%2Fwidgets.test.example%2FWidget.Read"), "{}", url.text);
    let manifest = export(&rows, D, Format::Manifest, &options()).unwrap();
    assert!(manifest.text.contains(widgets.app_id()), "{}", manifest.text);
    assert!(manifest.text.contains("0badc0de-0000-4000-8000-000000000002"));
    let az = export(&rows, D, Format::Az, &options()).unwrap();
    assert!(az.text.contains(&format!("widgets_sp=$(az ad sp show --id {}", widgets.app_id())));
    assert!(az.text.contains("grant_delegated \"$widgets_sp\" 'Widget.Read'"), "{}", az.text);
    let ps = export(&rows, D, Format::Powershell, &options()).unwrap();
    assert!(ps.text.contains("$widgetsSp"), "{}", ps.text);
    let china = ExportOptions { cloud: Cloud::China, ..options() };
    let err = export(&rows, D, Format::Az, &china).unwrap_err().to_string();
    assert_eq!(
        err,
        "Widget.Read belongs to Widgets Test API, which has no known host in the china cloud: \
         remove it or use another --cloud"
    );
}

/// The Office 365 Exchange Online service principal, `az ad sp show --id
/// 00000002-0000-0ff1-ce00-000000000000` shape. Its ids are the cited export's
/// (maciejporebski/azure-ad-first-party-apps-permissions dfafb9cd, `apps/Office
/// 365 Exchange Online.md`: `Get-MgServicePrincipal` appRoles and
/// oauth2PermissionScopes); names, texts and consent types are written for tests.
pub(crate) const EXCHANGE_SP: &str =
    include_str!("../../../../tests/fixtures/exchange/service-principal.json");

/// Every id of Exchange Online's table is the one its service principal
/// publishes, as the cited export gives it: never guessed.
#[test]
fn exchange_ids_are_the_cited_exports() {
    let sp: serde_json::Value = serde_json::from_str(EXCHANGE_SP).unwrap();
    assert_eq!(sp["appId"], Resource::EXCHANGE_APP_ID);
    for spec in Resource::ExchangeOnline.spec().scopes {
        let list = match spec.kind {
            D => "oauth2PermissionScopes",
            A => "appRoles",
        };
        let ids: Vec<&str> = sp[list]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["value"] == spec.name)
            .filter_map(|e| e["id"].as_str())
            .collect();
        assert_eq!(ids, [spec.id], "{} ({})", spec.name, spec.kind);
    }
}

/// Office 365 Exchange Online's service principal imports as rows of its
/// resource and merges by (resource, name, type): the built-in Exchange rows
/// keep their ids, Graph's rows of the same names stay Graph's, and a role
/// only the export holds is then named by the audit.
#[test]
fn an_exchange_export_imports_as_rows_of_its_resource() {
    use crate::catalog::{ImportSource, import_exports, merge_import};
    let source = ImportSource { name: "exchange.json".into(), text: EXCHANGE_SP.into() };
    let imported = import_exports(&[source], &Catalog::embedded()).unwrap().catalog;
    assert!(imported.permissions.iter().all(|p| p.resource == Resource::ExchangeOnline));
    let base = Catalog::builtin();
    let merged = merge_import(&base, &imported, "merged");
    assert!(merged.changed.is_empty(), "the cited ids are the export's: {:?}", merged.changed);
    assert_eq!(merged.catalog.len(), base.len() + merged.added);
    crate::catalog::load::validate(&merged.catalog, "merged").unwrap();
    let find = |r, name, kind| merged.catalog.find_in(r, name, kind).unwrap();
    assert_eq!(find(Resource::Graph, "Mail.Read", D), base.find("Mail.Read", D).unwrap());
    assert_eq!(
        find(Resource::ExchangeOnline, "Mail.Read", D).id,
        "185758ba-798d-4b72-9e54-429a413a2510"
    );
    let imap = find(Resource::ExchangeOnline, "IMAP.AccessAsApp", A);
    assert_eq!(imap.id, Resource::ExchangeOnline.scope("IMAP.AccessAsApp").unwrap().id);
    assert_eq!(imap.display_name.as_deref(), Some("IMAP.AccessAsApp"), "the export's words");

    let manage = "dc50a0fb-09a3-484d-be87-e023b12c6440";
    let manifest = format!(
        r#"{{"requiredResourceAccess":[{{"resourceAppId":"{}","resourceAccess":[{{"id":"{manage}","type":"Role"}}]}}]}}"#,
        Resource::EXCHANGE_APP_ID
    );
    let registration = Registration::parse(&manifest).unwrap();
    let named = audit_registration(&[], &registration, A, &merged.catalog);
    assert_eq!(named.extra[0].name, "Exchange.ManageAsApp", "{named:?}");
    let unnamed = audit_registration(&[], &registration, A, &base);
    assert_eq!(unnamed.extra[0].name, manage, "without the export only the GUID is known");
}
