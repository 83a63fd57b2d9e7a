//! The real binary, driven through its command line.

use crate::support;
use assert_cmd::Command;
use predicates::prelude::*;

/// The binary with an empty data directory, so no imported catalog leaks in.
fn scopepick() -> Command {
    let mut command = Command::cargo_bin("scopepick").expect("binary is built");
    command.env("SCOPEPICK_DATA_DIR", std::env::temp_dir().join("scopepick-cli-tests-no-data"));
    command.env("SCOPEPICK_CONFIG_DIR", std::env::temp_dir().join("scopepick-cli-tests-no-config"));
    command
}

fn stdout_of(args: &[&str]) -> String {
    let out = scopepick().args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn build_delegated_sorts_and_puts_openid_last() {
    let out = stdout_of(&[
        "build",
        "--mode",
        "delegated",
        "Calendars.Read",
        "offline_access",
        "Mail.Send",
    ]);
    assert_eq!(out, "Calendars.Read Mail.Send offline_access\n");
}

#[test]
fn build_application_default_is_only_dot_default() {
    let out = stdout_of(&[
        "build",
        "--mode",
        "application",
        "--style",
        "default",
        "Sites.Read.All",
        "User.Read.All",
    ]);
    assert_eq!(out, "https://graph.microsoft.com/.default\n");
}

#[test]
fn build_qualified_keeps_openid_bare() {
    let out = stdout_of(&[
        "build",
        "--mode",
        "delegated",
        "--style",
        "qualified",
        "profile",
        "Chat.Read",
    ]);
    assert_eq!(out, "https://graph.microsoft.com/Chat.Read profile\n");
}

#[test]
fn build_prints_official_casing_and_diagnostics_on_stderr() {
    scopepick()
        .args(["build", "chat.read", "CHANNEL.CREATE"])
        .assert()
        .success()
        .stdout("Channel.Create Chat.Read\n")
        .stderr(predicate::str::contains("warning: no offline_access"))
        .stderr(predicate::str::contains("note: 1 of 2 needs admin consent"));
}

#[test]
fn build_quiet_prints_no_diagnostics() {
    scopepick().args(["build", "-q", "Chat.Read"]).assert().success().stderr("");
}

#[test]
fn build_application_prints_dot_default_by_default() {
    scopepick()
        .args(["build", "--mode", "application", "User.Read.All", "Chat.Read"])
        .assert()
        .code(1) // Chat.Read was named and is left out
        .stdout("https://graph.microsoft.com/.default\n")
        .stderr(predicate::str::contains("AADSTS1002012").not())
        .stderr(predicate::str::contains(
            "Chat.Read is a Delegated permission: not part of an Application scope string",
        ));
}

#[test]
fn build_application_with_an_explicit_style_warns_even_when_quiet() {
    for style in ["short", "qualified"] {
        scopepick()
            .args(["build", "--quiet", "--mode", "application", "--style", style, "User.Read.All"])
            .assert()
            .success()
            .stdout(predicate::str::ends_with("User.Read.All\n"))
            .stderr(predicate::str::contains("warning: this string fails at sign-in"))
            .stderr(predicate::str::contains("AADSTS1002012"));
    }
}

#[test]
fn build_trims_splits_and_knows_the_openid_scopes() {
    scopepick()
        .args(["build", "  Calendars.Read ", "Chat.Read,Mail.Send", "openid", "profile"])
        .assert()
        .success()
        .stdout("Calendars.Read Chat.Read Mail.Send openid profile\n")
        .stderr(predicate::str::contains("note: 'Chat.Read,Mail.Send' holds 2 names"));
    scopepick().args(["build", "openid"]).assert().success().stdout("openid\n");
}

#[test]
fn build_in_a_national_cloud_uses_its_host_and_says_the_facts_are_global() {
    scopepick()
        .args([
            "build",
            "--cloud",
            "china",
            "--style",
            "qualified",
            "Calendars.Read",
            "offline_access",
        ])
        .assert()
        .success()
        .stdout("https://microsoftgraph.chinacloudapi.cn/Calendars.Read offline_access\n")
        .stderr(predicate::str::contains(
            "China (21Vianet) cloud: the permission facts describe the global service",
        ));
    scopepick()
        .args(["build", "--cloud", "usgov", "--mode", "application", "Sites.Read.All"])
        .assert()
        .success()
        .stdout("https://graph.microsoft.us/.default\n");
}

#[test]
fn check_application_names_are_aadsts1002012_with_the_fix() {
    scopepick()
        .args(["check", "--mode", "application", "User.Read.All Sites.Read.All"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("AADSTS1002012"))
        .stdout(predicate::str::contains(
            "Corrected string:\nhttps://graph.microsoft.com/.default\n",
        ));
}

#[test]
fn check_guesses_the_mode_and_says_so() {
    scopepick()
        .args(["check", "https://graph.microsoft.com/.default"])
        .assert()
        .success()
        .stdout(predicate::str::contains("note: assumed Application mode"))
        .stdout(predicate::str::contains("OK: a clean Application scope string."));
    scopepick()
        .args(["check", "--mode", "delegated", "https://graph.microsoft.com/.default"])
        .assert()
        .success()
        .stdout(predicate::str::contains("assumed").not());
}

#[test]
fn check_a_host_of_another_cloud_names_both() {
    scopepick()
        .args(["check", "--cloud", "global", "https://dod-graph.microsoft.us/.default"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "US Government L5 (DoD) cloud, but the string is for the global service cloud",
        ));
    scopepick()
        .args(["check", "https://dod-graph.microsoft.us/.default"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(US Government L5 (DoD) cloud)"));
}

#[test]
fn check_casing_and_duplicates_are_notes_with_exit_0() {
    scopepick()
        .args(["check", "--mode", "application", "user.read.all USER.READ.ALL"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("AADSTS1002012"));
    scopepick()
        .args(["check", "--mode", "delegated", "calendars.read Calendars.Read  offline_access"])
        .assert()
        .success()
        .stdout(predicate::str::contains("is written 'Calendars.Read' officially"))
        .stdout(predicate::str::contains("appears more than once"))
        .stdout(predicate::str::contains("AADSTS70011").not())
        .stdout(predicate::str::contains("Normalised string:\nCalendars.Read offline_access\n"));
}

#[test]
fn build_unknown_name_exits_2_with_did_you_mean() {
    scopepick()
        .args(["build", "Calendars.Read", "Mail.Sned"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: unknown permission 'Mail.Sned' (did you mean 'Mail.Send'?)\n");
}

#[test]
fn build_with_nothing_of_the_mode_exits_2() {
    // AgentCard.ReadWrite.ManagedBy is an Application permission only.
    scopepick()
        .args(["build", "AgentCard.ReadWrite.ManagedBy"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "error: no permission fits Delegated mode (try --mode application)",
        ));
}

#[test]
fn build_exits_1_when_a_named_permission_is_left_out_but_prints_the_string() {
    let out = scopepick()
        .args(["build", "--mode", "delegated", "Chat.Read.All", "Group.Create", "offline_access"])
        .assert()
        .code(1)
        .stdout("offline_access\n")
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(
        stderr.contains(
            "error: left out of the Delegated string, though named: Chat.Read.All, Group.Create"
        ),
        "{stderr}"
    );
    // Rows of the other type from a preset are the normal mixed case: a note, exit 0.
    scopepick().args(["build", "--preset", "intrexx", "--mode", "application"]).assert().success();
    scopepick()
        .args(["build", "--preset", "intrexx", "--mode", "application", "Chat.Read"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("though named: Chat.Read (it exists only as a Delegated"));
}

#[test]
fn check_names_the_comma_and_the_casing_and_exits_1() {
    scopepick()
        .args(["check", "Calendars.Read,Mail.Send Profile"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("a comma after 'Calendars.Read'"))
        .stdout(predicate::str::contains("AADSTS70011"))
        .stdout(predicate::str::contains("'Profile' is written 'profile' officially"))
        .stdout(predicate::str::contains("Corrected string:\nCalendars.Read Mail.Send profile\n"));
}

#[test]
fn check_clean_string_exits_0() {
    scopepick()
        .args(["check", "Calendars.Read Mail.Send offline_access"])
        .assert()
        .success()
        .stdout(predicate::str::contains("OK: a clean Delegated scope string."));
}

#[test]
fn check_reads_stdin_without_its_final_newline() {
    scopepick().args(["check", "-"]).write_stdin("Chat.Read offline_access\n").assert().success();
}

/// `check --format json ARGS…`, which must exit `code`.
fn check_json(args: &[&str], code: i32) -> serde_json::Value {
    let out = scopepick()
        .args(["check", "--format", "json"])
        .args(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn check_json_is_structured() {
    let report = check_json(&["--mode", "delegated", "Chat.Read.All offline_access"], 1);
    assert_eq!(report["clean"], false);
    assert_eq!(report["mode"], "Delegated");
    assert_eq!(report["tokens"][0]["status"], "known");
    assert_eq!(report["tokens"][0]["types"][0]["type"], "Application");
    assert_eq!(report["problems"][0]["sure_fix"], true, "the Delegated counterpart");
    assert_eq!(report["fixed"], "Chat.Read offline_access");
    assert_eq!(report["not_checked"], serde_json::json!([]));
    let report = check_json(&["Mail.Sned offline_access"], 1);
    assert_eq!(report["problems"][0]["sure_fix"], false);
    assert!(report.get("fixed").is_none(), "no sure fix, no fixed: {report}");
    let report = check_json(&["api://contoso/read offline_access"], 0);
    assert_eq!(report["not_checked"], serde_json::json!(["api://contoso"]));
}

#[test]
fn check_json_fixed_is_the_string_to_use() {
    let fixed =
        |text: &str, code: i32| check_json(&["--mode", "delegated", text], code)["fixed"].clone();
    assert_eq!(
        fixed("Chat.Read offline_access", 0),
        "Chat.Read offline_access",
        "clean: the input"
    );
    assert_eq!(fixed("chat.read  offline_access", 0), "Chat.Read offline_access", "normalised");
    assert_eq!(fixed("Chat.Read,offline_access", 1), "Chat.Read offline_access", "corrected");
}

#[test]
fn check_mixing_default_with_names_is_a_problem() {
    scopepick()
        .args([
            "check",
            "--mode",
            "application",
            "https://graph.microsoft.com/.default User.Read.All",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("AADSTS1002012"));
    scopepick()
        .args([
            "check",
            "--mode",
            "delegated",
            "https://graph.microsoft.com/.default Calendars.Read",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "cannot be combined with named scopes of the same resource",
        ));
}

#[test]
fn list_filters_and_json_fields() {
    let out =
        stdout_of(&["list", "--type", "application", "--intrexx", "optional", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        rows,
        serde_json::json!([{
            "name": "Presence.ReadWrite.All",
            "type": "Application",
            "description": "Read and write presence information for all users",
            "description_source": "intrexx-page",
            "admin_consent": true,
            "intrexx": "optional",
            "id": "83cded22-8297-4ff6-a7fa-e97e9545a259"
        }])
    );
}

#[test]
fn list_tsv_has_a_header_and_one_line_per_row() {
    let out = stdout_of(&["list", "--admin-consent", "no", "--format", "tsv"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "name\ttype\tadmin_consent\tintrexx\tid\tdescription\tdescription_source");
    assert_eq!(lines.len(), 1 + 153, "the 153 Delegated rows without admin consent");
    assert!(lines[1..].iter().all(|l| l.split('\t').nth(2) == Some("no")));
}

#[test]
fn list_table_query_ranks_name_matches_first() {
    let out = stdout_of(&["list", "--query", "mail send"]);
    let first_row = out.lines().nth(1).unwrap();
    assert!(first_row.starts_with("Mail.Send "), "{out}");
}

#[test]
fn bad_value_is_a_usage_error() {
    scopepick()
        .args(["build", "--mode", "service", "Chat.Read"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("possible values: delegated, application"));
}

#[test]
fn a_broken_catalog_file_is_named_in_one_line() {
    let dir = support::private_dir("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.json");
    std::fs::write(&path, "{\"name\": \"x\", \"permissions\": [ }").unwrap();
    let assert = scopepick().args(["--catalog", path.to_str().unwrap(), "list"]).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&format!("error: {}: not JSON: ", path.display())), "{stderr}");
    assert!(stderr.contains("line 1 column"), "{stderr}");
    std::fs::write(&path, "{\"name\": \"x\", \"permissions\": [{\"name\": \"A.B\"}]}").unwrap();
    scopepick()
        .args(["--catalog", path.to_str().unwrap(), "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid catalog (line 1"));
    scopepick().args(["--catalog", "/nonexistent/catalog.json", "list"]).assert().code(2).stderr(
        predicate::str::starts_with("error: cannot read catalog /nonexistent/catalog.json: "),
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn help_lists_exit_codes_and_examples() {
    let out = stdout_of(&["--help"]);
    assert!(out.contains("Exit codes:") && out.contains("130"));
    assert!(out.contains("scopepick build --mode delegated"));
}

#[test]
fn build_preset_intrexx_delegated_prints_the_documented_string() {
    let out = stdout_of(&["build", "--preset", "intrexx", "--mode", "delegated"]);
    assert_eq!(
        out,
        "Calendars.Read Calendars.Read.Shared Calendars.ReadWrite Channel.Create Channel.ReadBasic.All ChannelMessage.Read.All ChannelMessage.Send Chat.Create Chat.Read Chat.ReadBasic Chat.ReadWrite Files.ReadWrite.All Presence.Read Sites.Read.All Team.Create Team.ReadBasic.All TeamMember.ReadWrite.All email offline_access profile\n"
    );
}

#[test]
fn build_preset_plus_names() {
    let out = stdout_of(&[
        "build",
        "--preset",
        "intrexx",
        "--mode",
        "application",
        "--style",
        "short",
        "Presence.ReadWrite.All",
    ]);
    assert_eq!(out.split(' ').count(), 13);
    assert!(out.contains("Presence.ReadWrite.All"));
}

#[test]
fn build_needs_names_a_preset_or_a_selection() {
    scopepick()
        .arg("build")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<--preset <PRESET>|--selection <NAME>|NAME>"));
}

#[test]
fn export_manifest_is_valid_json_with_scope_and_role_types() {
    // Chat.Read is Delegated only, AgentCard.ReadWrite.ManagedBy Application only.
    let out = stdout_of(&[
        "export",
        "--format",
        "manifest",
        "Chat.Read",
        "AgentCard.ReadWrite.ManagedBy",
    ]);
    let manifest: serde_json::Value = serde_json::from_str(&out).unwrap();
    let access = &manifest["requiredResourceAccess"][0];
    assert_eq!(access["resourceAppId"], "00000003-0000-0000-c000-000000000000");
    let items = access["resourceAccess"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["id"], "f501c180-9344-439a-bca0-6cbf209fd270");
    assert_eq!(items[0]["type"], "Scope");
    assert_eq!(items[1]["type"], "Role");
}

#[test]
fn export_writes_a_file_and_reports_on_stderr() {
    let path = std::env::temp_dir().join(format!("scopepick-export-{}.md", std::process::id()));
    scopepick()
        .args(["export", "-f", "markdown", "--preset", "intrexx-full", "--mode", "application"])
        .args(["-o", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("Wrote markdown (13 rows) to"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.ends_with("13 permissions, 13 need admin consent\n"), "{text}");
    std::fs::remove_file(path).unwrap();
}

#[test]
fn export_consent_url_is_encoded() {
    let out = stdout_of(&[
        "export",
        "-f",
        "consent-url",
        "--mode",
        "application",
        "--tenant",
        "contoso.onmicrosoft.com",
        "--client-id",
        "11111111-2222-3333-4444-555555555555",
        "--redirect-uri",
        "https://portal.contoso.com/cb",
        "--state",
        "s1",
        "User.Read.All",
    ]);
    assert_eq!(
        out,
        "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent?client_id=11111111-2222-3333-4444-555555555555&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default&redirect_uri=https%3A%2F%2Fportal.contoso.com%2Fcb&state=s1\n"
    );
}

#[test]
fn export_errors_are_one_line() {
    scopepick()
        .args(["export", "-f", "consent-url", "--client-id", "not-a-guid", "Chat.Read"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: ").and(predicate::str::ends_with("\n")));
    scopepick()
        .args(["export", "-f", "manifest", "-o", "/nonexistent/dir/x.json", "Chat.Read"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: cannot write /nonexistent/dir/x.json: "));
}

/// The binary with a private config directory.
fn with_config(dir: &std::path::Path) -> Command {
    let mut command = scopepick();
    command.env("SCOPEPICK_CONFIG_DIR", dir);
    command
}

#[test]
fn selections_save_list_show_build_and_delete() {
    let dir = support::private_dir("selections");
    let _ = std::fs::remove_dir_all(&dir);
    with_config(&dir)
        .args(["selection", "save", "acme", "--style", "qualified", "Chat.Read", "offline_access"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Saved selection 'acme' (2 permissions) in "));
    with_config(&dir)
        .args(["selection", "save", "contoso", "--mode", "application", "--preset", "intrexx"])
        .assert()
        .success();
    let list = with_config(&dir).args(["selection", "list"]).assert().success();
    let list = String::from_utf8(list.get_output().stdout.clone()).unwrap();
    assert!(list.contains("acme     Delegated    qualified  2"), "{list}");
    assert!(list.contains("contoso  Application  default    12"), "{list}");
    with_config(&dir)
        .args(["build", "--selection", "acme"])
        .assert()
        .success()
        .stdout("https://graph.microsoft.com/Chat.Read offline_access\n");
    with_config(&dir)
        .args(["build", "--selection", "acme", "--style", "short", "Mail.Send"])
        .assert()
        .success()
        .stdout("Chat.Read Mail.Send offline_access\n");
    with_config(&dir)
        .args(["selection", "show", "contoso"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\nhttps://graph.microsoft.com/.default\n"))
        .stdout(predicate::str::contains("User.Read.All"));
    with_config(&dir)
        .args(["export", "-f", "manifest", "--selection", "contoso"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"type\": \"Role\""));
    with_config(&dir).args(["selection", "delete", "acme"]).assert().success();
    with_config(&dir)
        .args(["build", "--selection", "acme"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no selection 'acme'"))
        .stderr(predicate::str::contains("contoso"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn selection_names_and_damaged_files_are_reported() {
    let dir = support::private_dir("sel-bad");
    let _ = std::fs::remove_dir_all(&dir);
    with_config(&dir)
        .args(["selection", "save", "../evil", "Chat.Read"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: "));
    std::fs::create_dir_all(dir.join("selections")).unwrap();
    std::fs::write(dir.join("selections/broken.json"), "{\n  \"name\": ").unwrap();
    with_config(&dir).args(["selection", "save", "fine", "Chat.Read"]).assert().success();
    let list = with_config(&dir).args(["selection", "list"]).assert().success();
    let list = String::from_utf8(list.get_output().stdout.clone()).unwrap();
    assert!(
        list.contains("broken") && list.contains("damaged") && list.contains("line 2"),
        "{list}"
    );
    assert!(list.contains("fine"), "{list}");
    with_config(&dir).args(["selection", "save", "broken", "Chat.Read"]).assert().code(2);
    assert_eq!(
        std::fs::read_to_string(dir.join("selections/broken.json")).unwrap(),
        "{\n  \"name\": "
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn build_never_answers_an_unknown_name_with_a_bare_broader_one() {
    scopepick()
        .args(["build", "Directory.Read"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'Directory.Read.All', is broader"))
        .stderr(predicate::str::contains("did you mean").not());
}

#[test]
fn check_json_names_the_assumed_mode_the_cloud_and_the_resource() {
    let out = scopepick()
        .args(["check", "--format", "json", "https://graph.microsoft.us/.default"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(report["mode"], "Application");
    assert!(report["mode_assumed"].as_str().unwrap().starts_with("assumed Application mode"));
    assert_eq!(report["cloud"], "usgov");
    assert_eq!(report["resource"], "graph");
    assert_eq!(report["tokens"][0]["resource"], "graph");
}

#[test]
fn a_failed_write_to_stdout_is_one_error_line_not_a_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("SKIPPED: no /dev/full on this machine");
        return;
    };
    for args in
        [&["list"][..], &["api", "GET", "/me"], &["show", "Mail.Send"], &["check", "Chat.Read"]]
    {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_scopepick"))
            .args(args)
            .env("SCOPEPICK_CONFIG_DIR", "/tmp/scopepick-cli-tests-no-config")
            .env("SCOPEPICK_DATA_DIR", "/tmp/scopepick-cli-tests-no-data")
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: cannot write to standard output"), "{args:?}: {stderr}");
    }
}
/// Issue 30: each case's exit code, verdict line and corrected string, as a
/// consultant sees them (no --mode: the guess is part of the verdict).
#[test]
fn check_verdicts_a_consultant_can_act_on() {
    let cases: [(&str, i32, &str, Option<&str>); 13] = [
        (
            "Calendars.Read Calendars.Read.All offline_access",
            1,
            "1 problem for a Delegated scope string:\n  - Calendars.Read.All exists only as an Application permission: a user sign-in asking for it fails with AADSTS650053",
            Some("Calendars.Read offline_access"),
        ),
        (
            "Chat.Read.All offline_access",
            1,
            "counterpart 'Chat.Read'",
            Some("Chat.Read offline_access"),
        ),
        (
            "Group.Create offline_access",
            1,
            "no Delegated counterpart: remove it",
            Some("offline_access"),
        ),
        (
            "https://graph.microsoft.com/User.Read/",
            1,
            "ends in a slash",
            Some("https://graph.microsoft.com/User.Read"),
        ),
        ("User.Read+offline_access", 1, "as in a URL (+)", Some("User.Read offline_access")),
        ("User.Read%20offline_access", 1, "as in a URL (%20)", Some("User.Read offline_access")),
        (
            "http://graph.microsoft.com/User.Read offline_access",
            1,
            "https, no port",
            Some("https://graph.microsoft.com/User.Read offline_access"),
        ),
        (
            "https://graph.microsoft.com:443/.default",
            1,
            "https, no port",
            Some("https://graph.microsoft.com/.default"),
        ),
        (
            "https://graph.windows.net/.default",
            0,
            "warning: https://graph.windows.net is Azure AD Graph, which Microsoft is retiring: use Microsoft Graph",
            None,
        ),
        (
            "https://graph.microsoft.de/User.Read offline_access",
            1,
            "Microsoft Cloud Germany, which has closed",
            None,
        ),
        (
            "api://contoso/read offline_access",
            0,
            "but not checked: scopepick has no catalog for api://contoso.",
            None,
        ),
        ("https://contoso.sharepoint.com/AllSites.Read offline_access", 0, "but not checked", None),
        (
            "https://graph.microsoft.com/.default",
            0,
            "note: for a user sign-in (the Intrexx page allows .default there too) add offline_access",
            None,
        ),
    ];
    for (text, code, says, fixed) in cases {
        let out = scopepick().args(["check", text]).assert().code(code).get_output().clone();
        let out = String::from_utf8(out.stdout).unwrap();
        assert!(out.contains(says), "{text}: {out}");
        if says.contains("not checked") {
            assert!(!out.contains("OK: a clean"), "never a bare clean: {text}: {out}");
        }
        match fixed {
            Some(fixed) => {
                assert!(out.ends_with(&format!("\nCorrected string:\n{fixed}\n")), "{text}: {out}")
            }
            None => assert!(!out.contains("Corrected string"), "{text}: {out}"),
        }
    }
}

#[test]
fn selection_show_names_the_rows_of_the_other_type_once() {
    let dir = support::private_dir("mixed-show");
    let _ = std::fs::remove_dir_all(&dir);
    let names = ["Chat.Read", "Mail.Send.Shared", "offline_access", "Chat.Read.All"];
    with_config(&dir)
        .args(["selection", "save", "mixed", "--mode", "application"])
        .args(names)
        .assert()
        .code(0);
    let out = with_config(&dir).args(["selection", "show", "mixed"]).assert().success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    let left_out: Vec<&str> = stderr.lines().filter(|l| l.contains("left out")).collect();
    assert_eq!(
        left_out,
        ["note: 3 Delegated permissions are left out of the Application string: \
          Chat.Read, Mail.Send.Shared, offline_access"],
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn list_says_when_no_permission_matches() {
    scopepick()
        .args(["list", "--query", "zzzqqqxxx"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no permission matches"));
}

#[test]
fn huge_inputs_give_bounded_reports() {
    // Deadlines here only catch a hang (quadratic work took minutes); they time nothing.
    let hang_limit = std::time::Duration::from_secs(120);
    let names: Vec<String> = (0..30_000).map(|i| format!("Unknown{i}.Read")).collect();
    let field = names.join(" ");
    let out = scopepick()
        .args(["audit", "--preset", "intrexx", "-"])
        .write_stdin(field.clone())
        .timeout(hang_limit)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = String::from_utf8(out).unwrap();
    assert!(report.contains("more problems (--format json lists all)"), "capped");
    assert!(report.contains("more extra permissions (--format json lists all)"), "capped");
    // The corrected string is the field itself plus the missing rows; the lists add little.
    assert!(report.len() < field.len() + (64 << 10), "{} bytes", report.len());

    let dir = std::env::temp_dir().join(format!("scopepick-huge-{}", std::process::id()));
    let saved: Vec<serde_json::Value> = names
        .iter()
        .map(|n| serde_json::json!({"name": n, "type": "Delegated"}))
        .chain([serde_json::json!({"name": "Chat.Read", "type": "Delegated"})])
        .collect();
    let selection = serde_json::json!({
        "name": "huge", "mode": "Delegated", "style": "short", "permissions": saved
    });
    std::fs::create_dir_all(dir.join("selections")).unwrap();
    std::fs::write(dir.join("selections/huge.json"), selection.to_string()).unwrap();
    let out = with_config(&dir)
        .args(["build", "--selection", "huge"])
        .timeout(hang_limit)
        .assert()
        .success()
        .stdout("Chat.Read\n")
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    let warning = stderr.lines().find(|l| l.contains("not in the catalog in use")).unwrap();
    assert!(warning.ends_with("and 29,990 more"), "{warning}");
    let _ = std::fs::remove_dir_all(&dir);
}
