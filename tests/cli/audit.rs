//! `scopepick audit` through the real binary on the built-in
//! catalog: the connector's field, the three app-registration shapes, JSON,
//! exit codes and bad input.

use crate::support;

use assert_cmd::Command;
use serde_json::Value;
use support::TempDir;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/audit");

/// The binary with its own empty data and config directories.
fn scopepick(dir: &TempDir) -> Command {
    let mut command = Command::cargo_bin("scopepick").expect("binary is built");
    command.env("SCOPEPICK_DATA_DIR", dir.0.join("data"));
    command.env("SCOPEPICK_CONFIG_DIR", dir.0.join("config"));
    command
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// Runs `args`, expects `code`, returns (stdout, stderr).
fn run(dir: &TempDir, args: &[&str], code: i32) -> (String, String) {
    let out = scopepick(dir).args(args).assert().code(code).get_output().clone();
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn json(dir: &TempDir, args: &[&str], code: i32) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&run(dir, &args, code).0).unwrap()
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect()
}

/// The Intrexx preset's Delegated string as `build` prints it.
fn intrexx_string(dir: &TempDir) -> String {
    run(dir, &["build", "--preset", "intrexx", "--quiet"], 0).0.trim_end().to_string()
}

#[test]
fn a_field_with_missing_permissions_lists_them_and_prints_the_corrected_string() {
    let dir = TempDir::new("audit-field");
    let field = "Calendars.Read,Chat.Read offline_access User.Read";
    let (out, err) = run(&dir, &["audit", "--preset", "intrexx", field], 1);
    assert!(err.is_empty(), "{err}");
    assert!(out.starts_with(
        "Audit of the connector's field against preset intrexx: 20 Delegated permissions\n"
    ));
    assert!(out.contains("\nMissing: 17\n"), "{out}");
    assert!(out.contains("  User.Read  Delegated  not in the set (fine, but named)\n"), "{out}");
    assert!(out.contains("\nThe field fails at sign-in: 1 problem (scopepick check explains):\n  - a comma after 'Calendars.Read'"), "{out}");
    assert!(
        out.find("fails at sign-in").unwrap() < out.find("Missing:").unwrap(),
        "named first: {out}"
    );
    let corrected = out.split("Corrected string (17 missing permissions added):\n").nth(1).unwrap();
    let corrected = corrected.lines().next().unwrap();
    assert!(
        corrected.starts_with(
            "Calendars.Read Chat.Read offline_access User.Read Calendars.Read.Shared "
        )
    );
    assert!(
        out.ends_with(
            "\nThe field fails at sign-in (1 problem); 17 permissions of preset intrexx missing.\n"
        ),
        "{out}"
    );
    // The corrected string audits complete; the build output does too.
    let (out, _) = run(&dir, &["audit", "--preset", "intrexx", corrected], 0);
    assert!(out.ends_with("Nothing missing: preset intrexx is complete.\n"), "{out}");
    let (out, _) = run(&dir, &["audit", "--preset", "intrexx", &intrexx_string(&dir)], 0);
    assert!(out.contains("Missing: none\n") && out.contains("Redundant: none\n"), "{out}");
}

#[test]
fn json_gives_the_three_lists_and_the_corrected_string() {
    let dir = TempDir::new("audit-json");
    let field = format!("{} ChatMember.Read Foo.Bar", "Chat.ReadBasic Chat.Read");
    let report =
        json(&dir, &["audit", "--preset", "intrexx-full", "--mode", "Delegated", &field], 1);
    assert_eq!(report["set"], serde_json::json!({ "preset": "intrexx-full", "permissions": 23 }));
    assert_eq!(
        (report["mode"].as_str(), report["source"].as_str()),
        (Some("Delegated"), Some("field"))
    );
    assert_eq!(report["complete"], false);
    assert_eq!(names(&report["missing"]).len(), 21);
    assert!(
        names(&report["missing"]).contains(&"Mail.Send"),
        "optional rows count in intrexx-full"
    );
    assert_eq!(names(&report["extra"]), ["ChatMember.Read", "Foo.Bar"]);
    assert_eq!(report["extra"][1]["reason"], "unknown");
    // ChatMember.Read is another family than Chat.ReadBasic (and needs admin
    // consent): the privilege model names no redundancy.
    assert_eq!(report["redundant"].as_array().unwrap().len(), 0);
    let corrected = report["corrected"].as_str().unwrap();
    assert!(corrected.starts_with(&format!("{field} ")), "{corrected}");
    assert_eq!(report["field_problems"].as_array().unwrap().len(), 1, "Foo.Bar is unknown");
    assert_eq!(report["field_problems"][0]["sure_fix"], false);
    let clean = json(&dir, &["audit", "--preset", "intrexx", &intrexx_string(&dir)], 0);
    assert_eq!(clean["complete"], true);
    assert_eq!(clean["corrected"], intrexx_string(&dir).as_str());
}

/// The stdout of `args` run with `stdin`, which must exit 0.
fn stdout_with_stdin(dir: &TempDir, args: &[&str], stdin: String) -> String {
    let out = scopepick(dir).args(args).write_stdin(stdin).assert().code(0).get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

/// Issue 30: a field that fails at sign-in never audits complete; warnings
/// (no offline_access) do not fail it; Intrexx's optional rows say so.
#[test]
fn a_field_check_calls_failing_never_audits_complete() {
    let dir = TempDir::new("audit-fails");
    let intrexx = intrexx_string(&dir);
    let app_only = format!("{intrexx} Chat.Read.All");
    let (out, _) = run(&dir, &["audit", "--preset", "intrexx", &app_only], 1);
    assert!(
        out.contains("\nThe field fails at sign-in: 1 problem (scopepick check explains):\n  - Chat.Read.All exists only as an Application permission: a user sign-in asking for it fails with AADSTS650053"),
        "{out}"
    );
    assert!(
        out.contains("  Chat.Read.All  Application  an Application permission: the sign-in fails"),
        "{out}"
    );
    assert!(out.ends_with("\nThe field fails at sign-in (1 problem), though nothing of preset intrexx is missing.\n"), "{out}");
    assert!(!out.contains("is complete"), "{out}");
    assert!(
        out.contains(&format!("\nCorrected string:\n{intrexx}\n")),
        "Chat.Read is in the set already: {out}"
    );
    let report = json(&dir, &["audit", "--preset", "intrexx", &app_only], 1);
    assert_eq!(report["complete"], false);
    assert_eq!(report["missing"], serde_json::json!([]));
    let problems = report["field_problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1);
    assert!(problems[0]["message"].as_str().unwrap().contains("AADSTS650053"));
    assert_eq!(problems[0]["sure_fix"], true);
    // Every problem check exits 1 for fails the audit: URL escapes, a trailing slash.
    for field in [
        intrexx.replace(' ', "+"),
        intrexx.replace(' ', "%20"),
        format!("{intrexx} https://graph.microsoft.com/Chat.Read/"),
    ] {
        let report = json(&dir, &["audit", "--preset", "intrexx", &field], 1);
        assert_eq!(report["complete"], false, "{field}");
        assert_eq!(report["missing"], serde_json::json!([]), "{field}");
        assert_eq!(report["corrected"], intrexx.as_str(), "{field}");
    }
    // A warning is not a problem: no offline_access still audits (missing it, by the set).
    let without = intrexx.replace(" offline_access", "");
    let report = json(&dir, &["audit", "--preset", "intrexx", &without], 1);
    assert_eq!(report["field_problems"], serde_json::json!([]));
    assert_eq!(names(&report["missing"]), ["offline_access"]);
    // An optional Intrexx row says so.
    let (out, _) = run(&dir, &["audit", "--preset", "intrexx", &format!("{intrexx} Mail.Send")], 0);
    assert!(
        out.contains("  Mail.Send  Delegated  not in the set: optional on the Intrexx page\n"),
        "{out}"
    );
    assert!(out.ends_with("Nothing missing: preset intrexx is complete.\n"), "{out}");
    let report = json(&dir, &["audit", "--preset", "intrexx", &format!("{intrexx} Mail.Send")], 0);
    assert_eq!(report["extra"][0]["reason"], "intrexx_optional");
}

#[test]
fn the_field_is_read_from_standard_input() {
    let dir = TempDir::new("audit-stdin");
    let field = format!("{}\n", intrexx_string(&dir));
    let out = stdout_with_stdin(&dir, &["audit", "--preset", "intrexx", "-"], field);
    assert!(out.contains("Nothing missing"), "{out}");
}

#[test]
fn the_three_app_registration_shapes_are_audited_per_type() {
    let dir = TempDir::new("audit-app");
    let az =
        json(&dir, &["audit", "--preset", "intrexx", "--app", &fixture("az-app-show.json")], 1);
    assert_eq!(az["source"], "app");
    assert_eq!(az["app_id"], "6f1c2a4e-8b3d-4e5f-9a7b-0c1d2e3f4a5b");
    assert_eq!(names(&az["missing"]), ["Presence.Read", "offline_access"]);
    assert_eq!(names(&az["extra"])[..3], ["User.Read", "ChatMember.Read", "User.Read.All"]);
    assert_eq!(az["extra"][2]["reason"], "other_type");
    assert_eq!(az["extra"][3]["resource"], "Office 365 Exchange Online");
    let manifest = fixture("manifest.json");
    let app = ["audit", "--preset", "intrexx", "--mode", "application", "--app", &manifest];
    let report = json(&dir, &app, 1);
    assert_eq!(names(&report["missing"]), ["User.Read.All"]);
    assert_eq!(names(&report["extra"]), ["Mail.Send", "User.Read"]);
    let (out, _) = run(&dir, &app, 1);
    assert!(
        out.contains(
            "scopepick export --format az --mode application --app-id 3c5e7a9b-1d2f-4a6b-8c0d-2e4f6a8b0c1d User.Read.All"
        ),
        "{out}"
    );
    let bare = fixture("required-resource-access.json");
    let (out, _) = run(&dir, &["audit", "--preset", "intrexx", "--app", &bare], 0);
    assert!(out.contains("Nothing missing"), "{out}");
    // Audited for the wrong mode, the registration's type is pointed out.
    let (out, _) =
        run(&dir, &["audit", "--preset", "intrexx", "--mode", "application", "--app", &bare], 1);
    assert!(
        out.contains("note: the registration holds only 20 Delegated permissions of Microsoft Graph: for Delegated mode pass --mode delegated"),
        "{out}"
    );
}

#[test]
fn scopepicks_manifest_export_read_from_stdin_audits_complete() {
    let dir = TempDir::new("audit-roundtrip");
    let (manifest, _) =
        run(&dir, &["export", "--format", "manifest", "--preset", "intrexx-full"], 0);
    let out =
        stdout_with_stdin(&dir, &["audit", "--preset", "intrexx-full", "--app", "-"], manifest);
    assert!(out.contains("Nothing missing"), "{out}");
}

#[test]
fn a_saved_selection_is_the_set_and_its_mode_applies() {
    let dir = TempDir::new("audit-selection");
    let save = ["selection", "save", "acme", "--mode", "application", "User.Read.All", "Mail.Send"];
    run(&dir, &save, 0);
    let report =
        json(&dir, &["audit", "--selection", "ACME", "--app", &fixture("manifest.json")], 1);
    assert_eq!(report["mode"], "Application");
    assert_eq!(report["set"], serde_json::json!({ "selection": "ACME", "permissions": 2 }));
    assert_eq!(names(&report["missing"]), ["User.Read.All"]);
    let (_, err) =
        run(&dir, &["audit", "--selection", "acme", "--mode", "delegated", "Chat.Read"], 2);
    assert_eq!(
        err,
        "error: selection 'acme' has no Delegated permissions in the catalog in use, so there is \
         nothing to audit: pass --mode application, or another set\n"
    );
    let (_, err) = run(&dir, &["audit", "--selection", "acme", "Chat.Read"], 2);
    assert!(
        err.starts_with("error: in Application mode the connector's field holds only .default"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn strings_that_name_nothing_and_wrong_usage_exit_2_with_one_line() {
    let dir = TempDir::new("audit-usage");
    let cases: [(&[&str], &str); 5] = [
        (
            &["audit", "--preset", "intrexx", "https://graph.microsoft.com/.default"],
            "error: the string asks for https://graph.microsoft.com/.default",
        ),
        (&["audit", "--preset", "intrexx", ""], "error: the string is empty"),
        (
            &["audit", "--preset", "intrexx", "--mode", "APPLICATION", "x"],
            "error: in Application mode",
        ),
        (
            &["audit", "--preset", "intrexx", "--selection", "acme", "x"],
            "error: the argument '--preset <PRESET>' cannot be used with '--selection <NAME>'",
        ),
        (
            &["audit", "--preset", "intrexx", "--app", "a.json", "x"],
            "error: the argument '--app <FILE>' cannot be used with '[STRING]'",
        ),
    ];
    for (args, expected) in cases {
        let (out, err) = run(&dir, args, 2);
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(err.starts_with(expected), "{args:?}: {err}");
    }
    let (_, err) = run(&dir, &["audit", "x"], 2);
    assert!(err.contains("--preset <PRESET>|--selection <NAME>"), "{err}");
}

#[test]
fn bad_app_files_name_the_file_and_what_to_do() {
    let dir = TempDir::new("audit-bad");
    let write = |name: &str, text: &str| {
        let path = dir.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let broken = write("broken.json", "{\"requiredResourceAccess\": [");
    let sp =
        write("sp.json", r#"{"appId": "00000003-0000-0000-c000-000000000000", "appRoles": []}"#);
    let shape = write("list.json", r#"[1, 2]"#);
    let bad_type = write(
        "type.json",
        r#"[{"resourceAppId": "00000003-0000-0000-c000-000000000000", "resourceAccess": [{"id": "11111111-2222-3333-4444-555555555555", "type": "Scope\u001b[31m"}]}]"#,
    );
    let missing = dir.0.join("none.json").display().to_string();
    let cases = [
        (
            broken.clone(),
            "not JSON (EOF while parsing a list at line 1 column 28): export it with az ad app show",
        ),
        (
            sp.clone(),
            "a service principal, not an app registration (scopepick catalog import reads those)",
        ),
        (shape.clone(), "[0]: invalid type: integer `1`, expected an object"),
        (
            bad_type.clone(),
            "[0].resourceAccess[0].type: expected Scope or Role, found \"Scope\\u{1b}[31m\"",
        ),
        ("/dev/zero".to_string(), "cannot read the app registration /dev/zero: larger than 64 MB"),
        (missing.clone(), "cannot read the app registration"),
    ];
    for (file, expected) in cases {
        let (out, err) = run(&dir, &["audit", "--preset", "intrexx", "--app", &file], 2);
        assert!(out.is_empty(), "{file}: {out}");
        assert_eq!(err.lines().count(), 1, "{file}: {err}");
        assert!(err.starts_with("error: ") && err.contains(&file), "names {file}: {err}");
        assert!(err.contains(expected), "{file}: {err}");
        assert!(!err.contains('\u{1b}'), "no raw escape on stderr: {err:?}");
    }
}

/// Issue 30: registration is not consent. `--app` says what it judged;
/// `--grants` audits what the tenant granted, with exit 0 / 1 / 2.
#[test]
fn grants_are_audited_apart_from_the_registration() {
    let dir = TempDir::new("audit-grants");
    let manifest = fixture("manifest.json");
    let (out, _) = run(
        &dir,
        &["audit", "--preset", "intrexx", "--mode", "application", "--app", &manifest],
        1,
    );
    assert!(
        out.contains("note: this judged the registration (requiredResourceAccess), which only asks: a client-credentials token carries only the roles a tenant administrator granted; audit what was granted with --grants"),
        "{out}"
    );
    let report = json(
        &dir,
        &["audit", "--preset", "intrexx", "--mode", "application", "--app", &manifest],
        1,
    );
    assert_eq!(report["judged"], "registration");

    // Application mode inferred from app role assignments (az rest, Microsoft's example shape).
    let roles = fixture("grants-app-roles.json");
    let (out, _) = run(&dir, &["audit", "--preset", "intrexx", "--grants", &roles], 1);
    assert!(out.starts_with("Audit of what the tenant granted in "), "{out}");
    assert!(out.contains("12 Application permissions\n"), "{out}");
    assert!(out.ends_with("\n1 permission of preset intrexx missing.\n"), "{out}");
    let report = json(&dir, &["audit", "--preset", "intrexx", "--grants", &roles], 1);
    assert_eq!(
        (report["source"].as_str(), report["mode"].as_str()),
        (Some("grants"), Some("Application"))
    );
    assert_eq!(names(&report["missing"]), ["User.Read.All"]);
    // Graph PowerShell's ConvertTo-Json: complete, exit 0.
    let (out, _) = run(
        &dir,
        &["audit", "--preset", "intrexx", "--grants", &fixture("grants-powershell.json")],
        0,
    );
    assert!(out.ends_with("Nothing missing: preset intrexx is complete.\n"), "{out}");

    // Delegated grants: placed only with Graph's service principal id.
    let delegated = fixture("grants-delegated.json");
    let (out, _) = run(&dir, &["audit", "--preset", "intrexx", "--grants", &delegated], 1);
    assert!(out.contains("note: delegated grants for the resource fea94d6d-b5bf-44d2-a887-4f72a8d74f44 are not placed"), "{out}");
    for extra in [
        ["--grants", &fixture("graph-sp.json")],
        ["--graph-sp-id", "FEA94D6D-B5BF-44D2-A887-4F72A8D74F44"],
    ] {
        let mut args = vec!["audit", "--preset", "intrexx", "--grants", &delegated];
        args.extend(extra);
        let report = json(&dir, &args, 1);
        assert_eq!(report["mode"], "Delegated");
        assert_eq!(names(&report["missing"]), ["Presence.Read", "email"]);
        assert_eq!(
            report["user_grants"][0],
            serde_json::json!({ "scope": "Presence.Read", "users": 2 })
        );
        let (out, _) = run(&dir, &args, 1);
        assert!(out.contains("  Presence.Read: granted by 2 users for themselves\n"), "{out}");
    }

    // A page with @odata.nextLink is read, and the note says more pages exist.
    let page = dir.0.join("page.json");
    std::fs::write(
        &page,
        r#"{"value": [], "@odata.nextLink": "https://graph.microsoft.com/v1.0/next"}"#,
    )
    .unwrap();
    let page = page.display().to_string();
    let (out, _) = run(&dir, &["audit", "--preset", "intrexx", "--grants", &page], 1);
    assert!(
        out.contains(&format!("note: {page} holds @odata.nextLink: more pages exist")),
        "{out}"
    );

    // Bad input and usage: exit 2, one line.
    let cases: [(&[&str], &str); 4] = [
        (&["audit", "--preset", "intrexx", "--grants", &manifest], "not an appRoleAssignment"),
        (
            &["audit", "--preset", "intrexx", "--grants", &roles, "--grants", &delegated],
            "pass --mode application or --mode delegated",
        ),
        (
            &["audit", "--preset", "intrexx", "--grants", &roles, "--app", &manifest],
            "cannot be used with",
        ),
        (&["audit", "--preset", "intrexx", "--graph-sp-id", "x", "Chat.Read"], "--grants"),
    ];
    for (args, expected) in cases {
        let (out, err) = run(&dir, args, 2);
        assert!(out.is_empty() && err.contains(expected), "{args:?}: {err}");
    }
}

/// Exchange Online's app roles through the binary: build and check give
/// `https://outlook.office365.com/.default` with the mailbox note, export
/// works, and `audit --app` names a role it has an id for.
#[test]
fn exchange_app_roles_through_every_command() {
    let dir = TempDir::new("exchange-roles");
    for role in ["IMAP.AccessAsApp", "POP.AccessAsApp", "SMTP.SendAsApp", "full_access_as_app"] {
        let (out, err) = run(&dir, &["build", "--mode", "application", role], 0);
        assert_eq!(out.trim(), "https://outlook.office365.com/.default", "{role}");
        assert_eq!(err.contains("New-ServicePrincipal"), role != "full_access_as_app", "{err}");
        let (out, _) = run(&dir, &["check", "--mode", "application", role], 1);
        assert!(
            !out.contains(&format!("outlook.office.com/{role}")),
            "only the .default fix: {out}"
        );
        assert!(out.contains("Corrected string:\nhttps://outlook.office365.com/.default"), "{out}");
        let (out, _) = run(&dir, &["export", "--format", "az", "--mode", "application", role], 0);
        assert!(out.contains("00000002-0000-0ff1-ce00-000000000000"), "{out}");
    }
    let (out, _) = run(&dir, &["check", "EWS.AccessAsUser.All offline_access"], 1);
    assert!(
        out.contains("https://outlook.office365.com/EWS.AccessAsUser.All offline_access"),
        "{out}"
    );

    let app = dir.0.join("app.json");
    std::fs::write(
        &app,
        r#"{"requiredResourceAccess":[{"resourceAppId":"00000002-0000-0ff1-ce00-000000000000",
            "resourceAccess":[{"id":"dc890d15-9560-4a4c-9b7f-a736ec74ec40","type":"Role"}]}]}"#,
    )
    .unwrap();
    let app = app.to_str().unwrap();
    let (out, _) =
        run(&dir, &["audit", "--preset", "intrexx", "--mode", "application", "--app", app], 1);
    assert!(out.contains("full_access_as_app"), "{out}");
    assert!(!out.contains("dc890d15"), "named, not a bare GUID: {out}");
}

/// An Exchange Online role saved in a selection keeps its resource: `selection
/// show`, `build --selection` and `export --selection` use the Exchange row.
#[test]
fn an_exchange_role_in_a_selection_builds_and_exports() {
    let dir = TempDir::new("exchange-selection");
    let save = ["selection", "save", "mail", "--mode", "application"];
    run(&dir, &[&save[..], &["IMAP.AccessAsApp"]].concat(), 0);
    let file = std::fs::read_to_string(dir.0.join("config/selections/mail.json")).unwrap();
    assert!(file.contains(r#""resource": "exchange_online""#), "{file}");
    let (out, _) = run(&dir, &["selection", "show", "mail"], 0);
    assert!(out.contains("IMAP.AccessAsApp"), "{out}");
    let (out, err) = run(&dir, &["build", "--selection", "mail"], 0);
    assert_eq!(out.trim(), "https://outlook.office365.com/.default", "{err}");
    assert!(err.contains("New-ServicePrincipal"), "{err}");
    let export = ["export", "--selection", "mail", "--format", "manifest"];
    let (out, _) = run(&dir, &export, 0);
    assert!(out.contains(r#""resourceAppId": "00000002-0000-0ff1-ce00-000000000000""#), "{out}");
    assert!(out.contains("5e5addcd-3e8d-4e90-baf5-964efab2b20a"), "{out}");
}

/// A field with a name check cannot fix surely (a typo) is never offered as
/// "corrected": the string with the missing names added says it still fails
/// and what to fix by hand.
#[test]
fn a_field_with_an_unknown_name_is_not_called_corrected() {
    let dir = TempDir::new("audit-unknown-name");
    let field = intrexx_string(&dir).replace("ChannelMessage.Send", "ChannelMessage.Sned");
    let (out, _) = run(&dir, &["audit", "--preset", "intrexx", &field], 1);
    assert!(!out.contains("Corrected string"), "{out}");
    assert!(
        out.contains(
            "still failing at sign-in until you fix by hand: unknown permission \
             'ChannelMessage.Sned' (did you mean 'ChannelMessage.Send'?)"
        ),
        "{out}"
    );
}
