use super::clean::{NAME_MAX_CHARS, TEXT_MAX_BYTES, clean_text};
use super::*;
use crate::catalog::IntrexxRole::{self, Required};
use crate::catalog::PermissionType::{Application as A, Delegated as D};
use crate::catalog::{DescriptionSource, Permission, Resource};
use crate::text::NameFault;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::path::Path;

const GUID: &str = "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42";
const OTHER_GUID: &str = "2b9c4092-424d-4249-948d-b43879977640";

fn fixture(name: &str) -> ImportSource {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/graph").join(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    ImportSource { name: name.to_string(), text }
}

fn source(name: &str, value: &Value) -> ImportSource {
    ImportSource { name: name.to_string(), text: value.to_string() }
}

fn import(sources: &[ImportSource]) -> Result<ImportOutcome, ImportError> {
    import_exports(sources, &Catalog::embedded())
}

/// A valid delegated scope (camelCase), for tests to break one field of.
fn scope(name: &str, id: &str) -> Value {
    json!({
        "id": id, "value": name, "type": "User", "isEnabled": true,
        "adminConsentDisplayName": "Read things", "adminConsentDescription": "Reads things.",
        "userConsentDisplayName": null, "userConsentDescription": null
    })
}

/// A valid app role (camelCase).
fn role(name: &str, id: &str) -> Value {
    json!({
        "id": id, "value": name, "allowedMemberTypes": ["Application"], "isEnabled": true,
        "displayName": "Read all things", "description": "Reads all things.", "origin": "Application"
    })
}

fn service_principal(scopes: Vec<Value>, roles: Vec<Value>) -> Value {
    json!({ "appId": Resource::GRAPH_APP_ID, "oauth2PermissionScopes": scopes, "appRoles": roles })
}

/// The path and problem of importing `value` as `x.json`; panics on any other outcome.
fn invalid(value: &Value) -> (String, ImportProblem) {
    match import(&[source("x.json", value)]) {
        Err(ImportError::Invalid { source_name, path, problem }) => {
            assert_eq!(source_name, "x.json");
            (path, *problem)
        }
        other => panic!("expected an invalid-input error, got {other:?}"),
    }
}

/// The problem of a service principal whose only scope is `scope` with `field` set to `value`.
fn scope_problem(field: &str, value: Value) -> (String, ImportProblem) {
    let mut entry = scope("A.Read", GUID);
    entry[field] = value;
    invalid(&service_principal(vec![entry], vec![]))
}

fn rows(outcome: &ImportOutcome) -> Vec<(&str, PermissionType, bool, Option<IntrexxRole>)> {
    let rows = outcome.catalog.permissions.iter();
    rows.map(|p| (p.name.as_str(), p.kind, p.admin_consent, p.intrexx)).collect()
}

#[test]
fn the_fixtures_import_with_consent_roles_and_order() {
    let outcome = import(&[fixture("graph-sp.json")]).unwrap();
    assert_eq!(
        rows(&outcome),
        [
            ("Chat.Read", D, false, Some(Required)),
            ("Chat.Read.All", A, true, Some(Required)),
            ("offline_access", D, false, Some(Required)),
            ("User.Read.All", D, true, None),
            ("User.Read.All", A, true, Some(Required)),
        ]
    );
    assert_eq!(
        (outcome.delegated, outcome.application, outcome.admin_consent),
        (3, 2, 3),
        "the disabled entries and the User-only app role are left out"
    );
    assert_eq!(outcome.catalog.name, "Microsoft Graph export");
    assert_eq!(outcome.missing_embedded.len(), 36 - 4);
    assert!(outcome.missing_embedded.contains(&("Calendars.Read".to_string(), D)));
    assert!(!outcome.missing_embedded.iter().any(|(name, _)| name == "Chat.Read"));
}

#[test]
fn imported_descriptions_are_microsofts_also_merged_into_the_built_in_rows() {
    let outcome = import(&[fixture("graph-sp.json")]).unwrap();
    let microsoft = |p: &Permission| p.description_source == DescriptionSource::Microsoft;
    assert!(outcome.catalog.permissions.iter().all(microsoft));
    let merged = merge_import(&Catalog::builtin(), &outcome.catalog, "merged").catalog;
    for p in &outcome.catalog.permissions {
        let row = merged.find_in(p.resource, &p.name, p.kind).unwrap();
        assert!(microsoft(row) && row.description == p.description, "{} {}", p.name, p.kind);
    }
}

#[test]
fn all_three_shapes_give_the_same_catalog() {
    let sp = import(&[fixture("graph-sp.json")]).unwrap();
    let collection = import(&[fixture("graph-collection.json")]).unwrap();
    let mut powershell = import(&[fixture("ps-delegated.json"), fixture("ps-app.json")]).unwrap();
    let mut reversed = import(&[fixture("ps-app.json"), fixture("ps-delegated.json")]).unwrap();
    assert_eq!(sp, collection);
    assert_eq!(sp.per_source, [(3, 2)]);
    assert_eq!(powershell.per_source, [(3, 0), (0, 2)], "each file counts its own rows");
    assert_eq!(reversed.per_source, [(0, 2), (3, 0)]);
    powershell.per_source = sp.per_source.clone();
    reversed.per_source = sp.per_source.clone();
    assert_eq!(sp, powershell);
    assert_eq!(sp, reversed);
}

#[test]
fn escape_sequences_and_control_characters_are_removed_from_texts() {
    let outcome = import(&[fixture("graph-sp.json")]).unwrap();
    let row = outcome.catalog.find("User.Read.All", D).unwrap();
    assert_eq!(
        row.description,
        "Allows the app to read the full set of profile properties, reports, and managers \
         of other users in your organization, on behalf of the signed-in user."
    );
    assert_eq!(row.display_name.as_deref(), Some("Read all users' full profiles"));
    let chat = outcome.catalog.find("Chat.Read", D).unwrap();
    assert_eq!(chat.display_name.as_deref(), Some("Read user chat messages"));
    assert_eq!(chat.id, "f501c180-9344-439a-bca0-6cbf209fd270");
}

#[test]
fn one_kind_alone_is_imported() {
    let outcome = import(&[fixture("ps-delegated.json")]).unwrap();
    assert_eq!((outcome.delegated, outcome.application, outcome.admin_consent), (3, 0, 1));
    assert!(outcome.missing_embedded.contains(&("Chat.Read.All".to_string(), A)));
}

#[test]
fn a_powershell_dump_of_the_whole_service_principal_and_an_az_list_array_are_read() {
    let pascal = json!({
        "AppId": Resource::GRAPH_APP_ID,
        "Oauth2PermissionScopes": [{
            "Id": GUID, "Value": "A.Read", "Type": "Admin", "IsEnabled": true,
            "AdminConsentDisplayName": "Read", "AdminConsentDescription": "Reads."
        }],
        "AppRoles": []
    });
    let outcome = import(&[source("sp.json", &pascal)]).unwrap();
    assert_eq!(rows(&outcome), [("A.Read", D, true, None)]);
    let listed = json!([service_principal(vec![], vec![role("A.Read.All", GUID)])]);
    assert_eq!(
        rows(&import(&[source("list.json", &listed)]).unwrap()),
        [("A.Read.All", A, true, None)]
    );
}

#[test]
fn a_single_powershell_entry_object_is_read() {
    let entry = json!({
        "AllowedMemberTypes": ["Application"], "Description": "Reads.", "DisplayName": "",
        "Id": GUID.to_uppercase(), "IsEnabled": true, "Value": "A.Read.All"
    });
    let outcome = import(&[source("one.json", &entry)]).unwrap();
    let row = &outcome.catalog.permissions[0];
    assert_eq!((row.id.as_str(), row.display_name.as_deref()), (GUID, None), "id lowercased");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let mut with_bom = fixture("ps-app.json");
    with_bom.text.insert(0, '\u{feff}');
    assert_eq!(import(&[with_bom]).unwrap(), import(&[fixture("ps-app.json")]).unwrap());
}

#[test]
fn repeated_rows_with_the_same_id_are_merged() {
    let all = [fixture("graph-sp.json"), fixture("ps-delegated.json"), fixture("ps-app.json")];
    let mut merged = import(&all).unwrap();
    assert_eq!(merged.per_source, [(3, 2), (3, 0), (0, 2)], "a row in two files counts in both");
    merged.per_source = vec![(3, 2)];
    assert_eq!(merged, import(&[fixture("graph-sp.json")]).unwrap());
    let twice = service_principal(vec![scope("A.Read", GUID), scope("a.read", GUID)], vec![]);
    assert_eq!(import(&[source("x.json", &twice)]).unwrap().delegated, 1);
}

#[test]
fn the_same_name_and_type_with_different_ids_is_an_error() {
    let first = service_principal(vec![scope("A.Read", GUID)], vec![]);
    let second = json!([scope("a.read", OTHER_GUID)]);
    let err = import(&[source("one.json", &first), source("two.json", &second)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "two.json: [0]: a.read (Delegated) has the id {OTHER_GUID}, \
             but one.json: oauth2PermissionScopes[0] gives it {GUID}"
        )
    );
    let same_file =
        service_principal(vec![scope("A.Read", GUID), scope("A.Read", OTHER_GUID)], vec![]);
    let (path, problem) = invalid(&same_file);
    assert_eq!(path, "oauth2PermissionScopes[1]");
    assert!(matches!(problem, ImportProblem::ConflictingIds { .. }));
}

#[test]
fn text_that_is_not_json_names_line_and_column() {
    let err =
        import(&[ImportSource { name: "bad.json".into(), text: "[\n  {,\n]".into() }]).unwrap_err();
    assert!(matches!(err, ImportError::Syntax { line: 2, column: 4, .. }), "{err:?}");
    assert_eq!(err.to_string(), "bad.json: not JSON: key must be a string at line 2 column 4");
}

#[test]
fn unknown_shapes_are_errors_naming_the_place() {
    for (value, path) in [
        (json!(42), "top level"),
        (json!("text"), "top level"),
        (json!({}), "top level"),
        (json!({"displayName": "Microsoft Graph"}), "top level"),
        (json!([scope("A.Read", GUID), 1]), "[1]"),
        (json!({"value": [{"id": GUID}]}), "value[0]"),
    ] {
        assert_eq!(invalid(&value), (path.to_string(), ImportProblem::UnknownShape), "{value}");
    }
    let err = import(&[source("x.json", &json!(null))]).unwrap_err().to_string();
    assert!(err.starts_with("x.json: top level: not a Microsoft Graph export ("), "{err}");
}

#[test]
fn another_applications_service_principal_is_refused() {
    let mut sp = service_principal(vec![scope("A.Read", GUID)], vec![]);
    sp["appId"] = json!(GUID);
    let (path, problem) = invalid(&sp);
    assert_eq!(
        (path.as_str(), problem),
        ("appId", ImportProblem::UnknownResource(format!("{GUID:?}")))
    );
}

#[test]
fn missing_fields_are_errors_naming_the_json_path() {
    for field in
        ["id", "value", "type", "isEnabled", "adminConsentDescription", "adminConsentDisplayName"]
    {
        let mut entry = scope("A.Read", GUID);
        entry.as_object_mut().unwrap().remove(field);
        let (path, problem) = invalid(&service_principal(vec![entry], vec![]));
        assert_eq!(path, format!("oauth2PermissionScopes[0].{field}"));
        assert_eq!(problem, ImportProblem::Missing);
    }
    let mut entry = role("A.Read.All", GUID);
    entry.as_object_mut().unwrap().remove("displayName");
    let sp = service_principal(vec![], vec![role("B.Read.All", OTHER_GUID), entry]);
    assert_eq!(invalid(&sp).0, "appRoles[1].displayName");
    let ps = json!([{"Value": "A.Read", "Id": GUID, "Type": "User", "IsEnabled": true}]);
    let err = import(&[source("delegated.json", &ps)]).unwrap_err();
    assert_eq!(err.to_string(), "delegated.json: [0].AdminConsentDescription: missing");
}

#[test]
fn mistyped_fields_are_errors_naming_the_json_path() {
    let misfit =
        |path: &str, message: &str| (path.to_string(), ImportProblem::Misfit(message.into()));
    let scope_path = "oauth2PermissionScopes[0]";
    assert_eq!(
        scope_problem("isEnabled", json!("yes")),
        misfit(
            &format!("{scope_path}.isEnabled"),
            "invalid type: string \"yes\", expected a boolean"
        )
    );
    assert_eq!(
        scope_problem("value", json!(null)),
        misfit(&format!("{scope_path}.value"), "invalid type: null, expected a string")
    );
    assert_eq!(
        scope_problem("adminConsentDescription", json!(7)).1,
        ImportProblem::Misfit("invalid type: integer `7`, expected a string".into())
    );
    let sp = json!({"appRoles": {"value": "A.Read.All"}});
    assert_eq!(invalid(&sp), misfit("appRoles", "invalid type: map, expected a sequence"));
    let sp = service_principal(vec![], vec![json!(["A.Read.All"])]);
    assert_eq!(invalid(&sp), misfit("appRoles[0]", "invalid type: sequence, expected an object"));
    let mut entry = role("A.Read.All", GUID);
    entry["allowedMemberTypes"] = json!(["User", 1]);
    assert_eq!(
        invalid(&service_principal(vec![], vec![entry])),
        misfit("appRoles[0].allowedMemberTypes[1]", "invalid type: integer `1`, expected a string")
    );
    let mut sp = service_principal(vec![], vec![]);
    sp["appId"] = json!(3);
    assert_eq!(invalid(&sp), misfit("appId", "invalid type: integer `3`, expected a string"));
    // PowerShell's PascalCase keys are read by the same structs, paths as spelled.
    let ps = json!({"AppRoles": [{"IsEnabled": 1}]});
    assert_eq!(
        invalid(&ps),
        misfit("AppRoles[0].IsEnabled", "invalid type: integer `1`, expected a boolean")
    );
    // A value quoted in the message is cut short and made terminal-safe.
    let long = format!("\u{1b}[31m{}", "y".repeat(5000));
    let (_, problem) = scope_problem("isEnabled", json!(long));
    let message = problem.to_string();
    assert!(message.chars().count() < 200 && !message.contains('\u{1b}'), "{message:?}");
}

#[test]
fn a_consent_type_other_than_admin_or_user_is_an_error() {
    let (path, problem) = scope_problem("type", json!("Everyone"));
    assert_eq!(path, "oauth2PermissionScopes[0].type");
    assert_eq!(problem, ImportProblem::ConsentType("\"Everyone\"".into()));
}

#[test]
fn malformed_guids_are_errors() {
    let mut entry = role("A.Read.All", "nope");
    let err =
        import(&[source("x.json", &service_principal(vec![], vec![entry.clone()]))]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "x.json: appRoles[0].id: \"nope\" is not a GUID (8-4-4-4-12 hex digits)"
    );
    entry["id"] = json!(format!("{GUID}0"));
    assert!(matches!(
        invalid(&service_principal(vec![], vec![entry])).1,
        ImportProblem::BadGuid(_)
    ));
}

#[test]
fn bad_names_are_errors() {
    assert_eq!(scope_problem("value", json!("")).1, ImportProblem::Empty);
    for name in ["A Read", "A.Read,B", "A;B", " A.Read", "A.Read\u{a0}"] {
        let (path, problem) = scope_problem("value", json!(name));
        assert_eq!(path, "oauth2PermissionScopes[0].value");
        assert_eq!(problem, ImportProblem::Separator(format!("{name:?}")), "{name:?}");
    }
    for name in ["A.Read\u{7}", "\u{1b}[31mA.Read", "A.\nRead", "A.Read\u{9b}"] {
        let (_, problem) = scope_problem("value", json!(name));
        assert_eq!(problem, ImportProblem::ControlInName(format!("{name:?}")), "{name:?}");
    }
    for name in ["Chat.Re\u{200b}ad", "\u{202e}A.Read", "A.Read\u{2069}", "\u{feff}A.Read"] {
        let (_, problem) = scope_problem("value", json!(name));
        assert_eq!(problem, ImportProblem::BadName(format!("{name:?}"), NameFault::Format));
        assert!(problem.to_string().contains("\\u{"), "shown escaped: {problem}");
    }
    for name in [".default", "https://graph.microsoft.com/A.Read", "A:Read"] {
        let (_, problem) = scope_problem("value", json!(name));
        assert_eq!(problem, ImportProblem::BadName(format!("{name:?}"), NameFault::ScopeSyntax));
    }
}

#[test]
fn huge_strings_are_errors_with_their_cap() {
    let longest = "N".repeat(NAME_MAX_CHARS);
    let sp = service_principal(vec![scope(&longest, GUID)], vec![]);
    assert!(import(&[source("x.json", &sp)]).is_ok());
    let (_, problem) = scope_problem("value", json!(format!("{longest}é")));
    assert_eq!(problem, ImportProblem::TooLong { len: 201, max: 200, unit: "characters" });
    let text = "d".repeat(TEXT_MAX_BYTES);
    assert!(
        import(&[source(
            "x.json",
            &service_principal(
                vec![],
                vec![{
                    let mut entry = role("A.Read.All", GUID);
                    entry["description"] = json!(text);
                    entry
                }]
            )
        )])
        .is_ok()
    );
    let (path, problem) = scope_problem("adminConsentDescription", json!(format!("{text}d")));
    assert_eq!(path, "oauth2PermissionScopes[0].adminConsentDescription");
    assert_eq!(problem, ImportProblem::TooLong { len: 4097, max: 4096, unit: "bytes" });
    let err = import(&[source("x.json", &{
        let mut sp = service_principal(vec![scope("A.Read", GUID)], vec![]);
        sp["oauth2PermissionScopes"][0]["adminConsentDisplayName"] = json!("x".repeat(5000));
        sp
    })])
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "x.json: oauth2PermissionScopes[0].adminConsentDisplayName: 5000 bytes long, \
         more than the 4096 allowed"
    );
    let (_, problem) = scope_problem("id", json!("f".repeat(100_000)));
    let ImportProblem::BadGuid(quoted) = problem else { panic!("{problem:?}") };
    assert!(quoted.chars().count() < 70, "error messages quote a short excerpt");
}

#[test]
fn a_description_of_nothing_but_control_characters_is_empty() {
    let (path, problem) = scope_problem("adminConsentDescription", json!("\u{1b}[0m \n\t"));
    assert_eq!(
        (path.as_str(), problem),
        ("oauth2PermissionScopes[0].adminConsentDescription", ImportProblem::Empty)
    );
}

#[test]
fn an_empty_result_is_an_error() {
    let err = import(&[source("a.json", &json!([])), source("b.json", &json!({"value": []}))]);
    assert_eq!(
        err.unwrap_err().to_string(),
        "no enabled Microsoft Graph permissions in a.json, b.json"
    );
    let mut disabled = scope("A.Read", GUID);
    disabled["isEnabled"] = json!(false);
    let err = import(&[source("x.json", &service_principal(vec![disabled], vec![]))]);
    assert!(matches!(err, Err(ImportError::Empty { .. })));
    let err = import(&[]).unwrap_err();
    assert_eq!(err.to_string(), "no enabled Microsoft Graph permissions in no input");
}

#[test]
fn messages_stay_on_one_line_whatever_the_input() {
    for name in ["A\nB", "A\u{1b}]0;x\u{7}", "A\r\nB C"] {
        let message =
            import(&[source("x.json", &json!([scope(name, GUID)]))]).unwrap_err().to_string();
        assert!(!message.contains(char::is_control), "{message:?}");
    }
}

#[test]
fn clean_text_removes_whole_escape_sequences() {
    for (raw, clean) in [
        ("a\u{1b}[31mred\u{1b}[0m b", "ared b"),
        ("\u{1b}[1;38;5;196mx", "x"),
        ("title\u{1b}]0;evil\u{7} here", "title here"),
        ("link \u{1b}]8;;https://x.example\u{1b}\\text\u{1b}]8;;\u{1b}\\", "link text"),
        ("dcs\u{1b}Pq#0;2;0;0;0\u{1b}\\ end", "dcs end"),
        ("reset\u{1b}c now", "reset now"),
        ("charset\u{1b}(B ok", "charset ok"),
        ("eight\u{9b}31mbit \u{9d}0;t\u{9c}ok", "eightbit ok"),
        ("osc cut short by \u{1b}]0;t\u{1b}[1mcsi", "osc cut short by csi"),
        ("unterminated \u{1b}]0;and the rest", "unterminated"),
        ("lone esc at end\u{1b}", "lone esc at end"),
        ("esc before é: \u{1b}é", "esc before é: é"),
        ("  line\r\n\tbreaks  and\u{7}bell ", "line breaks andbell"),
        ("plain Ünïcode 日本", "plain Ünïcode 日本"),
    ] {
        assert_eq!(clean_text(raw), clean, "{raw:?}");
    }
}

/// Keys and strings of the exports, so random documents reach deep paths.
const WORDS: &[&str] = &[
    "value",
    "Value",
    "id",
    "Id",
    "type",
    "Type",
    "isEnabled",
    "IsEnabled",
    "appId",
    "AppId",
    "appRoles",
    "AppRoles",
    "oauth2PermissionScopes",
    "Oauth2PermissionScopes",
    "allowedMemberTypes",
    "AllowedMemberTypes",
    "description",
    "Description",
    "displayName",
    "DisplayName",
    "adminConsentDescription",
    "AdminConsentDescription",
    "adminConsentDisplayName",
    "AdminConsentDisplayName",
    "Admin",
    "User",
    "Application",
    Resource::GRAPH_APP_ID,
    GUID,
    "Chat.Read",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![prop::sample::select(WORDS).prop_map(String::from), any::<String>()]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..10)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn arbitrary_json_never_panics(doc in json_value(), wrap in 0..3usize) {
        let doc = match wrap {
            0 => doc,
            1 => json!({ "appId": Resource::GRAPH_APP_ID, "appRoles": [doc] }),
            _ => json!([doc]),
        };
        let _ = import(&[source("x.json", &doc)]);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = import(&[ImportSource { name: "x".into(), text }]);
    }

    #[test]
    fn arbitrary_names_and_texts_are_kept_clean_or_refused(
        name in prop_oneof![
            any::<String>(),
            // Plausible names with format characters, controls or scope syntax in them.
            "[A-Za-z.]{0,8}[\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2060}\u{2066}-\u{2069}\u{feff}\u{1b}\u{9b}/:]?[A-Za-z.]{1,8}",
        ],
        description in any::<String>(),
        display in any::<String>(),
    ) {
        let mut entry = role(&name, GUID);
        entry["description"] = json!(description);
        entry["displayName"] = json!(display);
        if let Ok(outcome) = import(&[source("x.json", &service_principal(vec![], vec![entry]))]) {
            let row = &outcome.catalog.permissions[0];
            prop_assert_eq!(&row.name, &name);
            prop_assert_eq!(crate::text::name_fault(&row.name), None);
            prop_assert!(!row.name.contains(crate::text::is_format_char));
            prop_assert!(!row.description.contains(char::is_control));
            prop_assert!(!row.display_name.as_deref().unwrap_or("").contains(char::is_control));
        }
    }

    #[test]
    fn clean_text_leaves_no_control_characters(text in any::<String>()) {
        let clean = clean_text(&text);
        prop_assert!(!clean.contains(char::is_control));
        prop_assert_eq!(clean.trim(), clean.as_str());
    }
}
