//! Audits on the built-in catalog, and the registration shapes.

use super::*;
use crate::export::{ExportOptions, Format, export};
use crate::presets::Preset;
use crate::scope::{ScopeForm, build};
use PermissionType::{Application as A, Delegated as D};

const AZ_APP_SHOW: &str = include_str!("../../tests/fixtures/audit/az-app-show.json");
const MANIFEST: &str = include_str!("../../tests/fixtures/audit/manifest.json");
const BARE_ARRAY: &str = include_str!("../../tests/fixtures/audit/required-resource-access.json");

fn preset(catalog: &Catalog, preset: Preset, mode: AuthMode) -> Vec<&Permission> {
    preset.rows(catalog, mode).into_iter().map(|i| &catalog.permissions[i]).collect()
}

fn rows<'c>(catalog: &'c Catalog, list: &[(&str, PermissionType)]) -> Vec<&'c Permission> {
    list.iter().map(|(n, k)| catalog.find(n, *k).unwrap_or_else(|| panic!("{n}"))).collect()
}

fn names(missing: &[Missing]) -> Vec<&str> {
    missing.iter().map(|m| m.name.as_str()).collect()
}

fn extras(audit: &Audit) -> Vec<(&str, Option<PermissionType>, ExtraReason)> {
    audit.extra.iter().map(|e| (e.name.as_str(), e.kind, e.reason)).collect()
}

/// The Intrexx preset's Delegated string, as `build` writes it.
fn intrexx_string(catalog: &Catalog) -> String {
    build(&preset(catalog, Preset::Intrexx, D), D, ScopeForm::Short, crate::catalog::Cloud::Global)
        .scope
}

#[test]
fn the_presets_own_string_is_complete_with_nothing_extra_or_redundant() {
    let catalog = Catalog::builtin();
    for full in [Preset::Intrexx, Preset::IntrexxFull] {
        let set = preset(&catalog, full, D);
        let text = build(&set, D, ScopeForm::Short, crate::catalog::Cloud::Global).scope;
        let got = audit_scopes(&set, &text, D, &catalog).unwrap();
        assert!(got.audit.is_complete(), "{full:?}: {:?}", got.audit.missing);
        assert!(got.audit.extra.is_empty() && got.audit.redundant.is_empty(), "{got:?}");
        assert_eq!(got.corrected, text);
        assert!(got.problems.is_empty());
    }
}

#[test]
fn missing_names_are_added_to_the_string_and_extras_are_named() {
    let catalog = Catalog::builtin();
    let set = preset(&catalog, Preset::Intrexx, D);
    let text = "Calendars.Read Chat.Read offline_access User.Read";
    let got = audit_scopes(&set, text, D, &catalog).unwrap();
    assert_eq!(got.audit.missing.len(), 17);
    assert_eq!(
        &names(&got.audit.missing)[..3],
        ["Calendars.Read.Shared", "Calendars.ReadWrite", "Channel.Create"]
    );
    assert_eq!(&names(&got.audit.missing)[15..], ["email", "profile"], "OpenID scopes last");
    assert_eq!(extras(&got.audit), [("User.Read", Some(D), ExtraReason::NotInSet)]);
    let added: Vec<&str> = names(&got.audit.missing);
    assert_eq!(got.corrected, format!("{text} {}", added.join(" ")));
    // The corrected string holds the whole preset: auditing it again finds nothing missing.
    let again = audit_scopes(&set, &got.corrected, D, &catalog).unwrap();
    assert!(again.audit.is_complete(), "{:?}", again.audit.missing);
    let channel = &got.audit.missing[2];
    assert!(channel.admin_consent && channel.kind == D);
    assert_eq!(channel.id, catalog.find("Channel.Create", D).unwrap().id);
}

#[test]
fn a_qualified_string_gets_qualified_names_in_its_cloud_and_bare_openid_scopes() {
    let catalog = Catalog::builtin();
    let set = rows(&catalog, &[("Chat.Read", D), ("Mail.Send", D), ("offline_access", D)]);
    let text = "https://graph.microsoft.us/Chat.Read";
    let got = audit_scopes(&set, text, D, &catalog).unwrap();
    assert_eq!(
        got.corrected,
        "https://graph.microsoft.us/Chat.Read https://graph.microsoft.us/Mail.Send offline_access"
    );
}

#[test]
fn the_string_is_split_and_cased_as_check_does_and_its_problems_are_kept() {
    let catalog = Catalog::builtin();
    let set = rows(&catalog, &[("Chat.Read", D), ("Mail.Send", D)]);
    let got = audit_scopes(&set, "chat.read,CHAT.READ Profile", D, &catalog).unwrap();
    assert_eq!(names(&got.audit.missing), ["Mail.Send"]);
    assert_eq!(extras(&got.audit), [("profile", Some(D), ExtraReason::NotInSet)]);
    assert_eq!(got.corrected, "Chat.Read profile Mail.Send");
    assert!(!got.problems.is_empty(), "the comma is check's problem");
}

#[test]
fn unknown_other_type_and_other_resource_tokens_are_extra_with_their_reason() {
    let catalog = Catalog::builtin();
    let set = rows(&catalog, &[("Chat.Read", D)]);
    let text = "Chat.Read Foo.Bar Application.ReadWrite.OwnedBy https://outlook.office.com/IMAP.AccessAsUser.All api://contoso/read";
    let got = audit_scopes(&set, text, D, &catalog).unwrap();
    assert!(got.audit.is_complete());
    assert_eq!(
        extras(&got.audit),
        [
            ("Foo.Bar", None, ExtraReason::Unknown),
            ("Application.ReadWrite.OwnedBy", Some(A), ExtraReason::OtherType),
            ("IMAP.AccessAsUser.All", Some(D), ExtraReason::OtherResource),
            ("api://contoso/read", None, ExtraReason::OtherResource),
        ]
    );
    assert_eq!(got.audit.extra[2].resource.as_deref(), Some("Office 365 Exchange Online"));
    assert_eq!(got.corrected, text, "nothing missing, nothing dropped");
}

#[test]
fn application_mode_default_and_empty_strings_are_audited_through_the_registration() {
    let catalog = Catalog::builtin();
    let set = preset(&catalog, Preset::Intrexx, A);
    let err = audit_scopes(&set, "https://graph.microsoft.com/.default", A, &catalog).unwrap_err();
    assert_eq!(err, AuditError::ApplicationMode);
    assert!(err.to_string().contains("--app FILE"), "{err}");
    let set = preset(&catalog, Preset::Intrexx, D);
    for text in ["https://graph.microsoft.com/.default", "Chat.Read .default"] {
        let err = audit_scopes(&set, text, D, &catalog).unwrap_err();
        assert!(matches!(err, AuditError::DotDefault { .. }), "{text}: {err}");
    }
    assert_eq!(audit_scopes(&set, "  ", D, &catalog).unwrap_err(), AuditError::Empty);
}

#[test]
fn redundant_rows_follow_the_pickers_rule_and_preset_rows_are_exempt() {
    let catalog = Catalog::builtin();
    // Files.Read beside Files.ReadWrite (one family, one reach): usually redundant.
    let set = preset(&catalog, Preset::Intrexx, D);
    let text = format!("{} Files.Read Files.ReadWrite ChatMember.Read", intrexx_string(&catalog));
    let got = audit_scopes(&set, &text, D, &catalog).unwrap();
    let redundant: Vec<_> =
        got.audit.redundant.iter().map(|r| (r.name.as_str(), r.covered_by.as_str())).collect();
    assert_eq!(redundant, [("Files.Read", "Files.ReadWrite")], "ChatMember.Read is another family");
    // Rows the Intrexx page lists together are never redundant, preset in full or not.
    let got = audit_scopes(&set, "Chat.ReadBasic Chat.ReadWrite", D, &catalog).unwrap();
    assert!(got.audit.redundant.is_empty(), "{:?}", got.audit.redundant);
    assert!(got.audit.missing.iter().all(|m| m.covered_by.is_none()));
}

#[test]
fn a_missing_row_covered_by_one_the_customer_has_says_so() {
    let catalog = Catalog::builtin();
    let set = rows(&catalog, &[("Files.Read", D), ("Mail.Send", D)]);
    let got = audit_scopes(&set, "Files.ReadWrite", D, &catalog).unwrap();
    assert_eq!(names(&got.audit.missing), ["Files.Read", "Mail.Send"]);
    assert_eq!(got.audit.missing[0].covered_by.as_deref(), Some("Files.ReadWrite"));
    assert_eq!(got.audit.missing[1].covered_by, None);
    assert_eq!(extras(&got.audit), [("Files.ReadWrite", Some(D), ExtraReason::NotInSet)]);
    // Had together, the narrower one is usually redundant.
    let got = audit_scopes(&set, "Files.Read Files.ReadWrite Mail.Send", D, &catalog).unwrap();
    assert_eq!(got.audit.redundant[0].name, "Files.Read");
}

#[test]
fn the_three_registration_shapes_read_the_same_entries() {
    let az = Registration::parse(AZ_APP_SHOW).unwrap();
    assert_eq!(az.display_name.as_deref(), Some("Intrexx Connector (Acme)"));
    assert_eq!(az.app_id.as_deref(), Some("6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b"));
    assert_eq!(az.entries.len(), 18 + 2 + 1 + 1);
    let manifest = Registration::parse(MANIFEST).unwrap();
    assert_eq!(manifest.display_name.as_deref(), Some("Intrexx service account"));
    assert_eq!(manifest.entries.iter().filter(|e| e.kind == A).count(), 12);
    let bare = Registration::parse(BARE_ARRAY).unwrap();
    assert_eq!((bare.app_id.clone(), bare.entries.len()), (None, 20));
    // The same list inside an object, a Graph collection or PowerShell's PascalCase.
    let lists: serde_json::Value = serde_json::from_str(BARE_ARRAY).unwrap();
    let wrapped = serde_json::json!({ "requiredResourceAccess": lists }).to_string();
    let collection =
        serde_json::json!({ "value": [{ "requiredResourceAccess": lists }] }).to_string();
    let pascal = BARE_ARRAY
        .replace("\"resourceAccess\"", "\"ResourceAccess\"")
        .replace("\"resourceAppId\"", "\"ResourceAppId\"")
        .replace("\"id\"", "\"Id\"")
        .replace("\"type\"", "\"Type\"");
    for text in [wrapped, collection, format!("\u{feff}{pascal}")] {
        assert_eq!(Registration::parse(&text).unwrap().entries, bare.entries, "{text:.60}");
    }
}

#[test]
fn a_registration_is_audited_per_type_with_guids_resolved() {
    let catalog = Catalog::builtin();
    let az = Registration::parse(AZ_APP_SHOW).unwrap();
    let got = audit_registration(&preset(&catalog, Preset::Intrexx, D), &az, D, &catalog);
    assert_eq!(names(&got.missing), ["Presence.Read", "offline_access"]);
    assert_eq!(
        extras(&got),
        [
            ("User.Read", Some(D), ExtraReason::NotInSet),
            ("ChatMember.Read", Some(D), ExtraReason::NotInSet),
            ("User.Read.All", Some(A), ExtraReason::OtherType),
            ("full_access_as_app", Some(A), ExtraReason::OtherResource),
        ]
    );
    // ChatMember.Read is another family than Chat.ReadBasic, User.Read another
    // reach than User.Read.All: the privilege model names no redundancy.
    assert!(got.redundant.is_empty(), "{:?}", got.redundant);
    let manifest = Registration::parse(MANIFEST).unwrap();
    let got = audit_registration(&preset(&catalog, Preset::Intrexx, A), &manifest, A, &catalog);
    assert_eq!(names(&got.missing), ["User.Read.All"]);
    assert!(got.missing[0].admin_consent);
    assert_eq!(
        extras(&got),
        [
            ("Mail.Send", Some(A), ExtraReason::NotInSet),
            ("User.Read", Some(D), ExtraReason::OtherType)
        ]
    );
    assert!(
        got.redundant.is_empty(),
        "the whole preset, once added, is exempt: {:?}",
        got.redundant
    );
    let bare = Registration::parse(BARE_ARRAY).unwrap();
    let got = audit_registration(&preset(&catalog, Preset::Intrexx, D), &bare, D, &catalog);
    assert!(got.is_complete() && got.extra.is_empty() && got.redundant.is_empty(), "{got:?}");
}

#[test]
fn scopepicks_own_manifest_export_audits_complete_in_both_modes() {
    let catalog = Catalog::builtin();
    for mode in [D, A] {
        for full in [Preset::Intrexx, Preset::IntrexxFull] {
            let set = preset(&catalog, full, mode);
            let text =
                export(&set, mode, Format::Manifest, &ExportOptions::default()).unwrap().text;
            let registration = Registration::parse(&text).unwrap();
            let got = audit_registration(&set, &registration, mode, &catalog);
            assert!(got.is_complete() && got.extra.is_empty(), "{full:?} {mode}: {got:?}");
        }
    }
}

#[test]
fn unknown_guids_are_extra_and_a_small_catalog_falls_back_to_the_built_in_facts() {
    let small = Catalog::embedded();
    let user_read = Catalog::builtin().find("User.Read", D).unwrap().id.clone();
    assert!(small.find("User.Read", D).is_none(), "the 36-row seed lacks User.Read");
    let text = format!(
        r#"[{{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [
            {{"id": "{user_read}", "type": "Scope"}},
            {{"id": "11111111-2222-3333-4444-555555555555", "type": "Role"}}]}}]"#
    );
    let registration = Registration::parse(&text).unwrap();
    let got = audit_registration(&[], &registration, D, &small);
    assert_eq!(
        extras(&got),
        [
            ("User.Read", Some(D), ExtraReason::NotInSet),
            ("11111111-2222-3333-4444-555555555555", Some(A), ExtraReason::Unknown),
        ]
    );
}

#[test]
fn bad_registrations_are_one_line_saying_what_to_do() {
    let sp = r#"{"appId": "00000003-0000-0000-c000-000000000000", "appRoles": [], "oauth2PermissionScopes": []}"#;
    let two = r#"[{"requiredResourceAccess": []}, {"requiredResourceAccess": []}]"#;
    let cases: [(&str, &str); 10] = [
        (
            "{\"requiredResourceAccess\": [",
            "not JSON (EOF while parsing a list at line 1 column 28)",
        ),
        ("42", "not an app registration"),
        ("{\"displayName\": \"x\"}", "not an app registration"),
        (sp, "a service principal, not an app registration"),
        (two, "2 app registrations in one file"),
        (
            r#"{"requiredResourceAccess": [{"resourceAppId": "x", "resourceAccess": []}]}"#,
            "requiredResourceAccess[0].resourceAppId: \"x\" is not a GUID",
        ),
        (
            r#"[{"resourceAppId": "00000003-0000-0000-c000-000000000000"}]"#,
            "[0]: missing field `resourceAccess`",
        ),
        (
            r#"[{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "11111111-2222-3333-4444-555555555555", "type": "Admin"}]}]"#,
            "[0].resourceAccess[0].type: expected Scope or Role, found \"Admin\"",
        ),
        (
            r#"{"RequiredResourceAccess": {"x": 1}}"#,
            "RequiredResourceAccess: invalid type: map, expected a sequence",
        ),
        (
            r#"{"value": [{"RequiredResourceAccess": [{"ResourceAppId": "x", "ResourceAccess": []}]}]}"#,
            "value[0].RequiredResourceAccess[0].ResourceAppId: \"x\" is not a GUID",
        ),
    ];
    for (text, expected) in cases {
        let err = Registration::parse(text).unwrap_err().to_string();
        assert!(err.starts_with(expected), "{text}: {err}");
        assert!(!err.contains('\n'), "{err}");
        let says_what_to_do = err.contains("az ad app show") || err.contains(": ");
        assert!(says_what_to_do, "{err}");
    }
    let shape = Registration::parse("42").unwrap_err().to_string();
    assert!(
        shape.ends_with("export it with az ad app show --id \"$APP_ID\" > app.json"),
        "{shape}"
    );
}

#[test]
fn a_sets_mail_protocol_rows_are_not_expected_in_a_graph_field() {
    let catalog = Catalog::builtin();
    let set = rows(&catalog, &[("Chat.Read", D), ("IMAP.AccessAsUser.All", D)]);
    let got = audit_scopes(&set, "Chat.Read", D, &catalog).unwrap();
    assert!(got.audit.is_complete(), "{:?}", got.audit.missing);
    assert_eq!(got.corrected, "Chat.Read");
}

/// Issue 30: what `check` calls a problem fails the audit and leads its
/// summary; warnings do not; Intrexx's optional rows are named as such.
#[test]
fn a_field_passes_only_without_check_problems() {
    let catalog = Catalog::builtin();
    let set = preset(&catalog, Preset::Intrexx, D);
    let full = intrexx_string(&catalog);
    let cases: Vec<(String, bool, &str)> = vec![
        (full.clone(), true, "nothing missing, nothing extra, nothing redundant"),
        (
            format!("{full} Chat.Read.All"),
            false,
            "the field fails (1 problem: Chat.Read.All exists only as an Application permission",
        ),
        (
            format!("{full} Group.Create"),
            false,
            "no Delegated counterpart: remove it) · extra: Group.Create",
        ),
        (
            full.replace(' ', "+"),
            false,
            "the field fails (1 problem: the string is written as in a URL (+)",
        ),
        (
            format!("{full} Foo.Bar"),
            false,
            "the field fails (1 problem: unknown permission 'Foo.Bar'",
        ),
        (full.replace(" offline_access", ""), false, "missing: offline_access"),
        (format!("{full} Mail.Send"), true, "extra: Mail.Send"),
    ];
    for (field, passes, summary) in cases {
        let got = audit_scopes(&set, &field, D, &catalog).unwrap();
        assert_eq!(got.passes(), passes, "{field}: {got:?}");
        assert!(got.summary().contains(summary), "{field}: {}", got.summary());
    }
    let got = audit_scopes(&set, &format!("{full} Mail.Send"), D, &catalog).unwrap();
    assert_eq!(extras(&got.audit), [("Mail.Send", Some(D), ExtraReason::IntrexxOptional)]);
    let got = audit_scopes(&set, &format!("{full} Chat.Read.All"), D, &catalog).unwrap();
    assert_eq!(got.corrected, full, "the counterpart Chat.Read is there already");
}

const GRANTS_APP_ROLES: &str = include_str!("../../tests/fixtures/audit/grants-app-roles.json");
const GRANTS_DELEGATED: &str = include_str!("../../tests/fixtures/audit/grants-delegated.json");
const GRANTS_POWERSHELL: &str = include_str!("../../tests/fixtures/audit/grants-powershell.json");
const GRAPH_SP: &str = include_str!("../../tests/fixtures/audit/graph-sp.json");
/// Graph's service principal id in the fixtures (Microsoft's documented example).
const GRAPH_SP_ID: &str = "fea94d6d-b5bf-44d2-a887-4f72a8d74f44";

fn grants(files: &[&str]) -> Grants {
    let mut grants = Grants::default();
    for (i, text) in files.iter().enumerate() {
        grants.read(&format!("file{i}"), text).unwrap();
    }
    grants
}

/// Issue 30: registration is not consent. What the tenant granted, per file
/// shape, inferred mode and Graph service principal id.
#[test]
fn grants_are_audited_by_what_the_tenant_granted() {
    let catalog = Catalog::builtin();
    struct Row {
        files: &'static [&'static str],
        sp: Option<&'static str>,
        mode: Option<AuthMode>,
        missing: &'static [&'static str],
        extra: &'static [(&'static str, ExtraReason)],
        users: &'static [(&'static str, usize)],
        unknown: usize,
    }
    let rows = [
        // az rest of appRoleAssignments: matched by appRoleId and resourceDisplayName.
        Row {
            files: &[GRANTS_APP_ROLES],
            sp: None,
            mode: Some(A),
            missing: &["User.Read.All"],
            extra: &[
                ("Mail.ReadWrite", ExtraReason::NotInSet),
                ("full_access_as_app", ExtraReason::OtherResource),
            ],
            users: &[],
            unknown: 0,
        },
        // Graph PowerShell's PascalCase array: every Intrexx role granted.
        Row {
            files: &[GRANTS_POWERSHELL],
            sp: None,
            mode: Some(A),
            missing: &[],
            extra: &[],
            users: &[],
            unknown: 0,
        },
        // Delegated grants without Graph's service principal id: nothing placed.
        Row {
            files: &[GRANTS_DELEGATED],
            sp: None,
            mode: Some(D),
            missing: &["Calendars.Read", "Calendars.Read.Shared", "Calendars.ReadWrite"],
            extra: &[],
            users: &[],
            unknown: 2,
        },
        // With `az ad sp show` of Graph: AllPrincipals counts, Principal grants are named.
        Row {
            files: &[GRANTS_DELEGATED, GRAPH_SP],
            sp: None,
            mode: Some(D),
            missing: &["Presence.Read", "email"],
            extra: &[
                ("openid", ExtraReason::NotInSet),
                ("AllSites.Read", ExtraReason::OtherResource),
            ],
            users: &[("Presence.Read", 2), ("User.Read", 1)],
            unknown: 0,
        },
        // Both kinds: the mode is not inferred.
        Row {
            files: &[GRANTS_DELEGATED, GRANTS_APP_ROLES],
            sp: Some(GRAPH_SP_ID),
            mode: None,
            missing: &["Presence.Read", "email"],
            extra: &[],
            users: &[("Presence.Read", 2), ("User.Read", 1)],
            unknown: 0,
        },
    ];
    for (i, row) in rows.iter().enumerate() {
        let grants = grants(row.files);
        assert_eq!(grants.mode(), row.mode, "row {i}");
        let mode = row.mode.unwrap_or(D);
        let set = preset(&catalog, Preset::Intrexx, mode);
        let got = audit_grants(&set, &grants, row.sp, mode, &catalog);
        let missing = names(&got.audit.missing);
        assert_eq!(&missing[..row.missing.len().min(missing.len())], row.missing, "row {i}");
        if row.mode.is_some() && row.unknown == 0 {
            assert_eq!(missing.len(), row.missing.len(), "row {i}: {missing:?}");
            let extra: Vec<_> =
                got.audit.extra.iter().map(|e| (e.name.as_str(), e.reason)).collect();
            assert_eq!(extra, row.extra, "row {i}");
        }
        let users: Vec<_> = got.user_grants.iter().map(|u| (u.scope.as_str(), u.users)).collect();
        assert_eq!(users, row.users, "row {i}: Principal grants are never tenant-wide");
        assert_eq!(got.unknown_resources.len(), row.unknown, "row {i}");
    }
    // --graph-sp-id places the grants as `az ad sp show` of Graph does.
    let set = preset(&catalog, Preset::Intrexx, D);
    let by_file = audit_grants(&set, &grants(&[GRANTS_DELEGATED, GRAPH_SP]), None, D, &catalog);
    let by_id = audit_grants(&set, &grants(&[GRANTS_DELEGATED]), Some(GRAPH_SP_ID), D, &catalog);
    assert_eq!(by_file, by_id);
}

#[test]
fn grants_files_of_another_shape_are_refused_and_next_links_noted() {
    let cases = [
        ("{", "not JSON"),
        (
            "[1]",
            "[0]: not an appRoleAssignment, an oauth2PermissionGrant or a service principal (found a number)",
        ),
        (
            r#"{"value": [{"appRoleId": "nope", "resourceId": "x"}]}"#,
            "value[0].appRoleId: \"nope\" is not a GUID",
        ),
        (r#"{"consentType": "AllPrincipals", "scope": "User.Read"}"#, "[0].resourceId: missing"),
        (r#"{"requiredResourceAccess": []}"#, "not an appRoleAssignment"),
    ];
    for (text, expected) in cases {
        let err = Grants::default().read("f", text).unwrap_err().to_string();
        assert!(err.contains(expected) && err.ends_with(GRANTS_HINT), "{text}: {err}");
    }
    let mut grants = Grants::default();
    let page =
        r#"{"value": [], "@odata.nextLink": "https://graph.microsoft.com/v1.0/x?$skiptoken=1"}"#;
    grants.read("page1.json", page).unwrap();
    assert_eq!(grants.more_pages, ["page1.json"]);
    assert_eq!(grants.mode(), None, "an empty page speaks of no mode");
}
