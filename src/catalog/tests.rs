use super::*;
use PermissionType::{Application as A, Delegated as D};

/// The 36 rows of the Intrexx page, checked against the Graph service principal.
const EXPECTED: [(&str, PermissionType, bool, IntrexxRole, &str); 36] = {
    use IntrexxRole::{Optional as O, Required as R};
    [
        ("Calendars.Read", D, false, R, "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42"),
        ("Calendars.Read.Shared", D, false, R, "2b9c4092-424d-4249-948d-b43879977640"),
        ("Calendars.ReadWrite", A, true, R, "ef54d2bf-783f-4e0f-bca1-3210c0444d99"),
        ("Calendars.ReadWrite", D, false, R, "1ec239c2-d7c9-4623-a91a-a9775856bb36"),
        ("Channel.Create", D, true, R, "101147cf-4178-4455-9d58-02b5c164e759"),
        ("Channel.ReadBasic.All", A, true, R, "59a6b24b-4225-4393-8165-ebaec5f55d7a"),
        ("Channel.ReadBasic.All", D, false, R, "9d8982ae-4365-4f57-95e9-d6032a4c0b87"),
        ("ChannelMessage.Read.All", D, true, R, "767156cb-16ae-4d10-8f8b-41b657c8c8c8"),
        ("ChannelMessage.Send", D, false, R, "ebf0f66e-9fb1-49e4-a278-222f76911cf4"),
        ("Chat.Create", D, false, R, "38826093-1258-4dea-98f0-00003be2b8d0"),
        ("Chat.Read", D, false, R, "f501c180-9344-439a-bca0-6cbf209fd270"),
        ("Chat.Read.All", A, true, R, "6b7d71aa-70aa-4810-a8d9-5d9fb2830017"),
        ("Chat.ReadBasic", D, false, R, "9547fcb5-d03f-419d-9948-5928bbf71b0f"),
        ("Chat.ReadWrite", D, false, R, "9ff7295e-131b-4d94-90e1-69fde507ac11"),
        ("Directory.Read.All", A, true, R, "7ab1d382-f21e-4acd-a863-ba3e13f7da61"),
        ("email", D, false, R, "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0"),
        ("Files.ReadWrite.All", D, false, R, "863451e7-0667-486c-a5d6-d135439485f0"),
        ("Group.Create", A, true, R, "bf7b1a76-6e77-406b-b258-bf5c7720e98f"),
        ("Group.ReadWrite.All", A, true, R, "62a82d76-70ea-41e2-9197-370581804d09"),
        ("GroupMember.Read.All", A, true, R, "98830695-27a2-44f7-8c18-0c3ebc9698f6"),
        ("GroupMember.ReadWrite.All", A, true, R, "dbaae8cf-10b5-4b86-a4a1-f871c94c6695"),
        ("Mail.ReadWrite", D, false, O, "024d486e-b451-40bb-833d-3e66d98c5c73"),
        ("Mail.Send", D, false, O, "e383f46e-2787-4529-855e-0e479a3ffac0"),
        ("offline_access", D, false, R, "7427e0e9-2fba-42fe-b0c0-848c9e6a8182"),
        ("Presence.Read", D, false, R, "76bc735e-aecd-4a1d-8b4c-2b915deabb79"),
        ("Presence.ReadWrite.All", A, true, O, "83cded22-8297-4ff6-a7fa-e97e9545a259"),
        ("profile", D, false, R, "14dad69e-099b-42c9-810b-d002981feec1"),
        ("Sites.Read.All", A, true, R, "332a536c-c7ef-4017-ab91-336970924f0d"),
        ("Sites.Read.All", D, false, R, "205e70e5-aba6-4c52-a976-6d2d46c48043"),
        ("Sites.ReadWrite.All", D, false, O, "89fe6a52-be36-487e-b7d8-d061c450a026"),
        ("Team.Create", A, true, R, "23fc2474-f741-46ce-8465-674744c5c361"),
        ("Team.Create", D, false, R, "7825d5d6-6049-4ce7-bdf6-3b8d53f4bcd0"),
        ("Team.ReadBasic.All", A, true, R, "2280dda6-0bfd-44ee-a2f4-cb867cfc4c1e"),
        ("Team.ReadBasic.All", D, false, R, "485be79e-c497-4b35-9400-0e3fa7f2a5d4"),
        ("TeamMember.ReadWrite.All", D, true, R, "4a06efd2-f825-4e34-813e-82a57b03d1ee"),
        ("User.Read.All", A, true, R, "df021288-bdef-4463-88db-98f22de89214"),
    ]
};

#[test]
fn embedded_catalog_holds_exactly_the_36_intrexx_rows() {
    let catalog = Catalog::embedded();
    assert_eq!(catalog.len(), 36);
    for (name, kind, consent, role, id) in EXPECTED {
        let row = catalog.find(name, kind).unwrap_or_else(|| panic!("{name} {kind} missing"));
        assert_eq!(row.name, name, "official casing");
        assert_eq!(row.admin_consent, consent, "{name} {kind} consent");
        assert_eq!(row.intrexx, Some(role), "{name} {kind} role");
        assert_eq!(row.id, id, "{name} {kind} id");
        assert!(!row.description.is_empty());
    }
}

#[test]
fn every_application_permission_needs_admin_consent() {
    let catalog = Catalog::embedded();
    assert!(catalog.permissions.iter().filter(|p| p.kind == A).all(|p| p.admin_consent));
}

#[test]
fn rows_named_ignores_case_and_finds_both_types() {
    let catalog = Catalog::embedded();
    assert_eq!(catalog.rows_named("sites.read.all").len(), 2);
    assert_eq!(catalog.rows_named("Profile").len(), 1);
    assert!(catalog.rows_named("Nope.Read").is_empty());
}

fn one_row(name: &str, id: &str, description: &str) -> String {
    format!(
        r#"{{"name":"t","permissions":[{{"name":"{name}","type":"Delegated","description":"{description}","admin_consent":false,"id":"{id}"}}]}}"#
    )
}

const GUID: &str = "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42";

#[test]
fn rejects_malformed_guid_naming_the_row() {
    let err = parse_catalog(&one_row("A.Read", "465a38f9-76ea", "d"), "x.json").unwrap_err();
    assert_eq!(
        err.to_string(),
        "x.json: A.Read has the id \"465a38f9-76ea\", which is not a GUID (8-4-4-4-12 hex digits)"
    );
}

#[test]
fn rejects_empty_fields_and_names_with_separators() {
    let err = parse_catalog(&one_row("A.Read", GUID, " "), "x.json").unwrap_err();
    assert_eq!(err.to_string(), "x.json: permission #1 has an empty description");
    let err = parse_catalog(&one_row("A.Read,B", GUID, "d"), "x.json").unwrap_err();
    assert!(matches!(err, CatalogError::BadName { .. }), "{err}");
}

#[test]
fn rejects_names_with_format_characters_or_scope_syntax() {
    for (name, escaped) in [
        ("Chat.Re\u{200b}ad", "Chat.Re\\u{200b}ad"),
        ("\u{202e}daeR.tahC", "\\u{202e}daeR.tahC"),
        ("Chat.Read\u{2066}", "Chat.Read\\u{2066}"),
        ("\u{feff}Chat.Read", "\\u{feff}Chat.Read"),
    ] {
        let err = parse_catalog(&one_row(name, GUID, "d"), "x.json").unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "x.json: permission #1 has the name \"{escaped}\", which contains an invisible format character (bidi or zero-width)"
            )
        );
    }
    for name in [".default", "https://graph.microsoft.com/Chat.Read", "api:Chat.Read"] {
        let err = parse_catalog(&one_row(name, GUID, "d"), "x.json").unwrap_err().to_string();
        assert!(
            err.ends_with("which is scope syntax (.default, / or :), not a permission name"),
            "{err}"
        );
    }
}

#[test]
fn rejects_duplicate_name_and_type_ignoring_case() {
    let json = format!(
        r#"{{"name":"t","permissions":[
        {{"name":"A.Read","type":"Delegated","description":"d","admin_consent":false,"id":"{GUID}"}},
        {{"name":"a.read","type":"Delegated","description":"d","admin_consent":false,"id":"{GUID}"}}]}}"#
    );
    let err = parse_catalog(&json, "x.json").unwrap_err();
    assert_eq!(err.to_string(), "x.json: a.read (Delegated) is listed twice");
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let err = parse_catalog("{\n  \"name\": 3 }", "bad.json").unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("bad.json: not a valid catalog (line 2,"), "{text}");
}

#[test]
fn guid_shape() {
    assert!(is_guid(GUID));
    assert!(is_guid("465A38F9-76EA-45B9-9F34-9E8B0D4B0B42"));
    assert!(!is_guid("465a38f9-76ea-45b9-9f34-9e8b0d4b0b4"));
    assert!(!is_guid("465a38f9x76ea-45b9-9f34-9e8b0d4b0b42"));
    assert!(!is_guid("g65a38f9-76ea-45b9-9f34-9e8b0d4b0b42"));
}

#[test]
fn every_built_in_row_says_whose_words_its_description_is() {
    let seed = Catalog::embedded();
    assert!(
        seed.permissions.iter().all(|p| p.description_source == DescriptionSource::IntrexxPage)
    );
    let builtin = Catalog::builtin();
    for p in &builtin.permissions {
        let seeded = seed.find(&p.name, p.kind).filter(|_| p.resource == Resource::Graph);
        let expected = match seeded {
            Some(s) => {
                assert_eq!(p.description, s.description, "{} {}: the page's words", p.name, p.kind);
                DescriptionSource::IntrexxPage
            }
            None => DescriptionSource::Scopepick,
        };
        assert_eq!(p.description_source, expected, "{} {}", p.name, p.kind);
    }
    let from_page = builtin
        .permissions
        .iter()
        .filter(|p| p.description_source == DescriptionSource::IntrexxPage)
        .count();
    assert_eq!(from_page, seed.len());
}

/// `rows` as a catalog file of a version that did not record the source.
fn file_without_sources(rows: &[&Permission]) -> String {
    let rows: Vec<serde_json::Value> = rows
        .iter()
        .map(|p| {
            let mut row = serde_json::to_value(p).unwrap();
            row.as_object_mut().unwrap().remove("description_source").expect("written");
            row
        })
        .collect();
    serde_json::json!({ "name": "old", "imported_from": [], "imported_at": "2026-01-01T00:00:00Z", "permissions": rows })
        .to_string()
}

#[test]
fn files_that_do_not_record_the_source_load_with_the_one_their_text_has() {
    let builtin = Catalog::builtin();
    let page = builtin.find("Mail.Send", D).unwrap();
    let facts = builtin.find("Mail.Send", A).unwrap();
    let other = Permission {
        name: "Widget.Read".into(),
        description: "Somebody's own words".into(),
        id: GUID.into(),
        ..facts.clone()
    };
    let text = file_without_sources(&[page, facts, &other]);
    let sources = |c: &Catalog| -> Vec<DescriptionSource> {
        c.permissions.iter().map(|p| p.description_source).collect()
    };
    use DescriptionSource::{CatalogFile, IntrexxPage, Microsoft, Scopepick};
    // A --catalog file: unknown text is the file's.
    let read = parse_catalog(&text, "old.json").unwrap();
    assert_eq!(sources(&read), [IntrexxPage, Scopepick, CatalogFile]);
    // The stored import: unknown text came from an export.
    let tmp = crate::test_support::TempDir::new("old-sources");
    std::fs::write(tmp.0.join("catalog.json"), &text).unwrap();
    let stored = Store::at(&tmp.0).load().unwrap().unwrap();
    assert_eq!(sources(&stored.catalog), [IntrexxPage, Scopepick, Microsoft]);
    // A file that records the source keeps it.
    let written = serde_json::to_string(&stored.catalog).unwrap();
    assert_eq!(sources(&parse_catalog(&written, "new.json").unwrap()), sources(&stored.catalog));
}
