//! `scopepick api`, `show`, and the built-in catalog on the command line,
//! with a private data directory per test (no import unless a test makes one).

use crate::support;
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

/// A private data and config directory, removed on drop.
struct Dirs(PathBuf);

impl Dirs {
    fn new(name: &str) -> Dirs {
        let dir =
            std::env::temp_dir().join(format!("scopepick-graph-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Dirs(dir)
    }

    fn scopepick(&self) -> Command {
        let mut command = Command::cargo_bin("scopepick").unwrap();
        command
            .env("SCOPEPICK_DATA_DIR", &self.0)
            .env("SCOPEPICK_CONFIG_DIR", self.0.join("config"));
        command
    }
}

impl Drop for Dirs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stdout(command: &mut Command) -> String {
    let out = command.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn api_post_me_send_mail_answers_mail_send() {
    let dirs = Dirs::new("sendmail");
    let out = stdout(dirs.scopepick().args(["api", "POST", "/me/sendMail"]));
    assert!(out.contains("POST /me/sendmail · Delegated (work or school accounts)"), "{out}");
    let first_row = out.lines().nth(2).unwrap();
    assert!(first_row.starts_with("Mail.Send "), "{out}");
    assert!(out.contains("POST /me/sendmail · Application"), "{out}");
}

#[test]
fn api_get_me_events_delegated_lists_least_privileged_first() {
    let dirs = Dirs::new("events");
    let out = stdout(dirs.scopepick().args(["api", "GET", "/me/events", "--mode", "delegated"]));
    let names: Vec<&str> =
        out.lines().skip(2).take(3).map(|l| l.split_whitespace().next().unwrap()).collect();
    assert_eq!(names, ["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"], "{out}");
    assert!(!out.contains("Application"), "{out}");
    // Microsoft's flag stays visible: Calendars.ReadWrite is flagged in its map.
    let write = out.lines().find(|l| l.starts_with("Calendars.ReadWrite ")).unwrap();
    assert_eq!(
        write.split_whitespace().take(3).collect::<Vec<_>>(),
        ["Calendars.ReadWrite", "no", "yes"]
    );
}

#[test]
fn api_me_in_application_needs_a_signed_in_user_then_answers_for_users_id() {
    let dirs = Dirs::new("me-app");
    let out =
        stdout(dirs.scopepick().args(["api", "POST", "/me/sendMail", "--mode", "application"]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("needs a signed-in user"), "{out}");
    assert!(lines[1].contains("POST /users/{id}/sendmail"), "{out}");
    assert!(lines[3].starts_with("Mail.Send "), "{out}");
}

#[test]
fn api_puts_unpublished_rows_after_with_their_reason() {
    let dirs = Dirs::new("unpublished");
    let out = stdout(dirs.scopepick().args([
        "api",
        "GET",
        "/groups/{id}/members",
        "--mode",
        "delegated",
    ]));
    let first = out.lines().nth(2).unwrap();
    assert!(first.starts_with("GroupMember.Read.All "), "{out}");
    assert!(first.contains("in place of GroupMember.ReadBasic.All"), "{out}");
    let (published, rest) = out.split_once("Cannot be registered as listed:").unwrap();
    assert!(!published.lines().any(|l| l.starts_with("GroupMember.ReadBasic.All")), "{out}");
    let directory = published.find("Directory.Read.All").unwrap();
    assert!(published.find("Group.Read.All").unwrap() < directory, "{out}");
    assert!(
        rest.contains("GroupMember.ReadBasic.All") && rest.contains("cannot be registered"),
        "{out}"
    );
    let rsc = stdout(dirs.scopepick().args([
        "api",
        "GET",
        "/chats/{id}/messages",
        "--mode",
        "application",
    ]));
    assert!(rsc.lines().nth(2).unwrap().starts_with("Chat.Read.All "), "{rsc}");
    assert!(rsc.contains("resource-specific consent: granted in a Teams app's manifest"), "{rsc}");
}

#[test]
fn api_matches_real_ids_versions_and_query_strings_and_prints_json() {
    let dirs = Dirs::new("json");
    let url = "https://graph.microsoft.com/v1.0/users/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/?$top=5";
    let out = stdout(dirs.scopepick().args([
        "api",
        "get",
        url,
        "--mode",
        "application",
        "--format",
        "json",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["templates"][0], "/users/{id}/messages");
    let rows = doc["permissions"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["scheme"] == "Application" && r["method"] == "GET"));
    assert!(rows.iter().any(|r| r["permission"] == "Mail.Read" && r["admin_consent"] == true));
}

#[test]
fn api_without_a_method_shows_every_method() {
    let dirs = Dirs::new("methods");
    let out = stdout(dirs.scopepick().args(["api", "/me/events", "--mode", "delegated"]));
    assert!(out.contains("GET /me/events") && out.contains("POST /me/events"), "{out}");
}

#[test]
fn api_personal_shows_personal_accounts() {
    let dirs = Dirs::new("personal");
    let out = stdout(dirs.scopepick().args([
        "api",
        "GET",
        "/me/events",
        "--mode",
        "delegated",
        "--personal",
    ]));
    assert!(out.contains("(personal Microsoft accounts)"), "{out}");
}

#[test]
fn api_unknown_path_exits_2_with_did_you_mean() {
    let dirs = Dirs::new("unknown");
    dirs.scopepick().args(["api", "POST", "/me/sendMial"]).assert().code(2).stdout("").stderr(
        predicate::str::contains("error: no API path /me/sendMial")
            .and(predicate::str::contains("did you mean /me/sendmail")),
    );
}

#[test]
fn api_errors_exit_2_on_one_line() {
    let dirs = Dirs::new("errors");
    dirs.scopepick()
        .args(["api", "FETCH", "/me"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown HTTP method 'FETCH'"));
    dirs.scopepick()
        .args(["api", "DELETE", "/me/sendMail"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("lists no permission for DELETE /me/sendMail"));
    dirs.scopepick().args(["api"]).assert().code(2);
}

#[test]
fn show_mail_send_lists_both_types_and_its_api_calls() {
    let dirs = Dirs::new("show");
    let out = stdout(dirs.scopepick().args(["show", "mail.send"]));
    assert!(out.starts_with("Mail.Send\n"), "{out}");
    assert!(
        out.contains("Delegated    e383f46e-2787-4529-855e-0e479a3ffac0  no     2      optional"),
        "{out}"
    );
    assert!(
        out.contains("Application  b633e1c5-b582-4048-a93e-9f11b44c7e96  yes    3      -"),
        "{out}"
    );
    assert!(out.contains("DelegatedWork · 17 API calls, least privileged for 17"), "{out}");
    assert!(out.contains("POST    /me/sendmail"), "{out}");
}

#[test]
fn show_prints_json_and_unknown_names_exit_2() {
    let dirs = Dirs::new("show-json");
    let out = stdout(dirs.scopepick().args(["show", "User.Read", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["name"], "User.Read");
    assert_eq!(doc["types"][0]["id"], "e1fe6dd8-ba31-4d61-89e7-88639da4683d");
    assert_eq!(doc["types"][0]["admin_consent"], false);
    assert!(doc["types"][0]["schemes"]["DelegatedWork"]["calls"].as_array().unwrap().len() > 10);
    dirs.scopepick().args(["show", "Mail.Sendd"]).assert().code(2).stderr(
        predicate::str::contains(
            "no permission named Mail.Sendd in the catalog (did you mean 'Mail.Send'?)",
        ),
    );
    // The same "did you mean" as check's: a wider name is never offered silently.
    dirs.scopepick()
        .args(["show", "Sites.Read"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the nearest catalog name, 'Sites.Read.All', is broader"));
}

#[test]
fn every_graph_name_builds_without_an_import() {
    let dirs = Dirs::new("build");
    let out = stdout(dirs.scopepick().args([
        "build",
        "--mode",
        "delegated",
        "User.Read",
        "Sites.Selected",
        "Mail.Send.Shared",
        "openid",
    ]));
    assert_eq!(out.trim(), "Mail.Send.Shared Sites.Selected User.Read openid");
    let out = stdout(dirs.scopepick().args(["list", "--format", "tsv"]));
    assert_eq!(out.lines().count(), 1 + support::builtin_len());
    assert!(
        out.lines().skip(1).all(|l| !l.split('\t').nth(5).unwrap_or("").trim().is_empty()),
        "no empty description"
    );
}

#[test]
fn importing_only_app_roles_keeps_the_delegated_rows() {
    let dirs = Dirs::new("merge");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/graph");
    let app = format!("{fixtures}/ps-app.json");
    let out = stdout(dirs.scopepick().args(["catalog", "import", &app]));
    assert!(out.contains("Merged by resource, name and type"), "{out}");
    let list = stdout(dirs.scopepick().args(["list", "--type", "delegated", "--format", "tsv"]));
    assert_eq!(list.lines().count(), 1 + 805, "the Delegated rows stay");
    let status = stdout(dirs.scopepick().args(["catalog", "status"]));
    assert!(status.contains("import date 20"), "{status}");
    assert!(status.contains("export file dated 20"), "{status}");
    assert!(status.contains("descriptions from the tenant's export"), "{status}");
    assert!(status.contains("descriptions written by scopepick from the facts"), "{status}");
    let replaced = stdout(dirs.scopepick().args(["catalog", "import", "--replace", &app]));
    assert!(replaced.contains("--replace"), "{replaced}");
    let list = stdout(dirs.scopepick().args(["list", "--type", "delegated", "--format", "tsv"]));
    assert_eq!(list.lines().count(), 1, "--replace keeps only the export's rows");
}

#[test]
fn notes_are_shown_by_api_and_show() {
    let dirs = Dirs::new("notes");
    let out = stdout(dirs.scopepick().args([
        "api",
        "POST",
        "/teams/{id}/channels/{id}/messages",
        "--mode",
        "application",
    ]));
    let first = out.lines().nth(2).unwrap();
    assert!(first.starts_with("Teamwork.Migrate.All "), "{out}");
    assert!(first.contains("only for migrating"), "{out}");
    // The page's least for an app-only chat read is not in the map: the note names it.
    let out = stdout(dirs.scopepick().args(["api", "GET", "/chats/{id}", "--mode", "application"]));
    let first = out.lines().nth(2).unwrap();
    assert!(first.starts_with("Chat.ReadBasic.All ") && first.contains("WhereInstalled"), "{out}");
    for (name, words) in [
        ("Sites.Selected", "POST /sites/{id}/permissions"),
        ("Mail.Send.Shared", "Send As or Send on Behalf"),
        ("AuditLog.Read.All", "Reports Reader"),
    ] {
        let out = stdout(dirs.scopepick().args(["show", name]));
        assert!(out.contains("Note (") && out.contains(words), "{name}: {out}");
    }
}
