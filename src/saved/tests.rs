//! Saved selections and sessions: names, resolving, the mode and style rule, serialization.

use super::*;
use PermissionType::{Application, Delegated};

fn saved(name: &str, kind: PermissionType) -> SavedPermission {
    SavedPermission::graph(name, kind)
}

#[test]
fn mode_and_style_come_from_the_command_line_else_what_was_saved_else_defaults() {
    let acme = Selection {
        name: "acme".into(),
        mode: Delegated,
        style: ScopeForm::Qualified,
        permissions: vec![],
        profile: Profile::default(),
    };
    let saved = Some(acme.remembered());
    let cases = [
        (None, None, None, (Delegated, ScopeForm::Short)),
        (Some(Application), None, None, (Application, ScopeForm::Default)),
        (None, None, saved, (Delegated, ScopeForm::Qualified)),
        (None, Some(ScopeForm::Short), saved, (Delegated, ScopeForm::Short)),
        // The selection's style belongs to its mode: Application gets its own default.
        (Some(Application), None, saved, (Application, ScopeForm::Default)),
        (Some(Application), Some(ScopeForm::Short), saved, (Application, ScopeForm::Short)),
    ];
    for (mode, style, saved, expected) in cases {
        assert_eq!(mode_and_style(mode, style, saved), expected, "{mode:?} {style:?} {saved:?}");
    }
    let session = Session {
        mode: Application,
        style: ScopeForm::Qualified,
        application_style: Some(ScopeForm::Short),
        basket: vec![],
    };
    let saved = Some(session.remembered());
    assert_eq!(mode_and_style(None, None, saved), (Application, ScopeForm::Short));
    assert_eq!(mode_and_style(Some(Delegated), None, saved), (Delegated, ScopeForm::Qualified));
    let old = Session { application_style: None, ..session };
    assert_eq!(
        mode_and_style(None, None, Some(old.remembered())),
        (Application, ScopeForm::Default)
    );
}

#[test]
fn names_that_are_accepted() {
    let german = ["Müller GmbH", "Mu\u{308}ller GmbH", "Bäckerei Öztürk", "Straße 5", "Ærø"];
    let other_scripts = ["Αθήνα", "東京 Office", "Łódź-2"];
    let ascii = ["acme", "Acme Teams 2", "kunde-mueller", "a", "v1.2_final", "9"];
    for name in german.into_iter().chain(other_scripts).chain(ascii) {
        assert_eq!(validate_name(name), Ok(()), "{name}");
    }
    assert_eq!(validate_name(&"x".repeat(MAX_NAME_LEN)), Ok(()));
    assert_eq!(file_stem("Müller GmbH"), "m%C3%BCller gmbh");
    assert_eq!(file_stem("Mu\u{308}LLER GmbH"), file_stem("Müller GmbH"), "one name, one file");
}

#[test]
fn names_that_are_refused_and_why() {
    let long = "x".repeat(MAX_NAME_LEN + 1);
    let umlauts = "ü".repeat(42);
    let cases: [(&str, &str); 21] = [
        ("", "the selection name is empty: type a name such as 'acme-teams'"),
        (&long, "has 65 characters: use at most 64"),
        ("a/b", "\"a/b\" contains '/': use letters, digits, spaces, '-', '_' and '.'"),
        ("a\\b", "contains '\\\\'"),
        (".", "\".\" must start with a letter or digit"),
        ("..", "must start with a letter or digit"),
        (".hidden", "must start with a letter or digit"),
        ("-x", "must start with a letter or digit"),
        (" x", "must start with a letter or digit"),
        ("a\nb", "\"a\\nb\" contains '\\n'"),
        ("tab\there", "contains '\\t'"),
        ("a\u{202e}b", "contains '\\u{202e}'"),
        ("a\u{200b}b", "contains '\\u{200b}'"),
        ("a€", "contains '€'"),
        ("\u{308}x", "contains '\\u{308}'"),
        (&umlauts, "is too long for a file name (252 bytes encoded, at most 250)"),
        ("a\u{fe0f}", "contains '\\u{fe0f}'"),
        ("a:b", "contains ':'"),
        ("x.", "\"x.\" must not end with a dot or space"),
        ("x ", "must not end with a dot or space"),
        ("NUL.json", "\"NUL.json\" is reserved by Windows: choose another"),
    ];
    for (name, message) in cases {
        let err = validate_name(name).unwrap_err().to_string();
        assert!(err.contains(message), "{name:?}: {err}");
        assert!(!err.contains('\n'), "one line: {err:?}");
    }
    assert_eq!(validate_name("com1"), Err(NameError::Reserved { name: "com1".into() }));
    assert_eq!(validate_name("console"), Ok(()), "only the exact device names");
}

#[test]
fn profile_updates_take_only_the_fields_given() {
    let old = Profile {
        tenant: Some("a.example".into()),
        app_id: Some("x".into()),
        redirect_uri: None,
        cloud: None,
    };
    let change = Profile { app_id: Some("y".into()), ..Profile::default() };
    let new = old.updated_with(&change);
    assert_eq!(new, Profile { app_id: Some("y".into()), ..old.clone() });
    assert_eq!(old.updated_with(&Profile::default()), old);
}

#[test]
fn saved_permissions_keep_name_type_and_order() {
    let catalog = Catalog::embedded();
    let rows = [
        catalog.find("Sites.Read.All", Application).unwrap(),
        catalog.find("offline_access", Delegated).unwrap(),
    ];
    assert_eq!(
        saved_permissions(&rows),
        [saved("Sites.Read.All", Application), saved("offline_access", Delegated)]
    );
}

#[test]
fn resolve_matches_name_ignoring_case_and_type_and_reports_missing() {
    let catalog = Catalog::embedded();
    let permissions = [
        saved("chat.read", Delegated),
        saved("Sites.Read.All", Application),
        saved("Chat.Read", Application),
        saved("Mail.Sned", Delegated),
        saved("CHAT.READ", Delegated),
        saved("Mail.Sned", Delegated),
    ];
    let resolved = resolve(&catalog, &permissions);
    let rows: Vec<_> = resolved
        .rows
        .iter()
        .map(|&i| (catalog.permissions[i].name.as_str(), catalog.permissions[i].kind))
        .collect();
    assert_eq!(rows, [("Chat.Read", Delegated), ("Sites.Read.All", Application)]);
    assert_eq!(
        resolved.missing,
        [saved("Chat.Read", Application), saved("Mail.Sned", Delegated)],
        "Chat.Read exists only as Delegated; repeats are reported once"
    );
}

#[test]
fn selections_and_sessions_serialize_with_readable_keys() {
    let selection = Selection {
        name: "acme".into(),
        mode: Application,
        style: ScopeForm::Default,
        permissions: vec![saved("Sites.Read.All", Application)],
        profile: Profile::default(),
    };
    let json = serde_json::to_string(&selection).unwrap();
    assert_eq!(
        json,
        r#"{"name":"acme","mode":"Application","style":"default","permissions":[{"name":"Sites.Read.All","type":"Application"}]}"#
    );
    assert_eq!(serde_json::from_str::<Selection>(&json).unwrap(), selection);
    let with_profile = Selection {
        profile: Profile {
            tenant: Some("contoso.onmicrosoft.com".into()),
            app_id: Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b".into()),
            redirect_uri: None,
            cloud: Some(Cloud::UsGov),
        },
        ..selection
    };
    let json = serde_json::to_string(&with_profile).unwrap();
    assert!(
        json.ends_with(r#""tenant":"contoso.onmicrosoft.com","app_id":"0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b","cloud":"usgov"}"#),
        "{json}"
    );
    assert_eq!(serde_json::from_str::<Selection>(&json).unwrap(), with_profile);
    let session = Session::default();
    assert_eq!(
        serde_json::to_string(&session).unwrap(),
        r#"{"mode":"Delegated","style":"short","basket":[]}"#
    );
}

#[test]
fn names_compare_after_nfc_and_case_folding() {
    let composed = "M\u{fc}ller";
    let decomposed = "Mu\u{308}ller";
    assert_ne!(composed, decomposed);
    for name in [composed, decomposed, "M\u{dc}LLER", "mu\u{308}LLER"] {
        assert_eq!(name_key(name), "m\u{fc}ller", "{name:?}");
    }
    assert_eq!(name_key("ACME"), name_key("acme"));
    assert_ne!(name_key("acme"), name_key("acme copy"));
}

/// Through the stores' files: a row of another resource keeps it (Graph's
/// rows are written as before), and files written before resources existed
/// load as Graph's.
#[test]
fn rows_keep_their_resource_through_selection_and_session_files() {
    use crate::catalog::Resource;
    use crate::config::{Replace, SelectionStore, SessionStore};
    let catalog = Catalog::builtin();
    let imap = catalog.find_in(Resource::ExchangeOnline, "IMAP.AccessAsApp", Application).unwrap();
    let chat = catalog.find("Chat.Read.All", Application).unwrap();
    let tmp = crate::test_support::TempDir::new("resources");

    let selections = SelectionStore::at(tmp.0.join("selections"));
    let selection = Selection {
        name: "mail".into(),
        mode: Application,
        style: ScopeForm::Default,
        permissions: saved_permissions(&[chat, imap]),
        profile: Profile::default(),
    };
    let path = selections.save(&selection, Replace::Yes).unwrap().path;
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(text.matches(r#""resource": "exchange_online""#).count(), 1, "{text}");
    assert_eq!(selections.load("mail").unwrap(), selection);
    let resolved = resolve(&catalog, &selection.permissions);
    let rows: Vec<&Permission> = resolved.rows.iter().map(|&i| &catalog.permissions[i]).collect();
    assert_eq!(rows, [chat, imap]);
    assert!(resolved.missing.is_empty());

    let sessions = SessionStore::at(tmp.0.join("session.json"));
    let session = Session { basket: saved_permissions(&[imap]), ..Session::default() };
    sessions.save(&session).unwrap();
    assert_eq!(sessions.load().unwrap(), Some(session));

    let old = r#"{"name":"old","mode":"Delegated","style":"short","permissions":[{"name":"Chat.Read","type":"Delegated"}]}"#;
    std::fs::write(selections.path_of("old"), old).unwrap();
    let old = selections.load("old").unwrap();
    assert_eq!(old.permissions, [saved("Chat.Read", Delegated)]);
    let rows = resolve(&catalog, &old.permissions).rows;
    assert_eq!(catalog.permissions[rows[0]].resource, Resource::Graph);
    std::fs::write(tmp.0.join("session.json"), r#"{"mode":"Application","style":"short","basket":[{"name":"Sites.Read.All","type":"Application"}]}"#).unwrap();
    let old = sessions.load().unwrap().unwrap();
    assert_eq!(old.basket, [saved("Sites.Read.All", Application)]);

    // The resource is part of the key: Graph has no IMAP.AccessAsApp.
    let graphs = [saved("IMAP.AccessAsApp", Application)];
    assert_eq!(resolve(&catalog, &graphs).missing, graphs);
}
