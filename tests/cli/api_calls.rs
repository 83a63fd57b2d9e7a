//! `scopepick api` for many calls and `api --from FILE|-`: the calls read out
//! of arguments, logs, curl lines, code and a browser's HAR file, and the
//! minimal basket printed per mode (JSON checked, exit codes 0/1/2).

use crate::support::TempDir;
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const HAR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/calls/browser-session.har");

fn scopepick(dir: &TempDir) -> Command {
    let mut command = Command::cargo_bin("scopepick").unwrap();
    command
        .env("SCOPEPICK_DATA_DIR", dir.0.join("data"))
        .env("SCOPEPICK_CONFIG_DIR", dir.0.join("config"));
    command
}

/// The JSON of `api … --format json`, asserting the exit code.
fn json(dir: &TempDir, args: &[&str], code: i32) -> Value {
    let out = scopepick(dir).args(args).args(["--format", "json"]).assert().code(code);
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

fn names(doc: &Value, mode: &str) -> Vec<String> {
    let basket = &doc["basket"][mode];
    let chosen = basket["permissions"].as_array().unwrap().iter().map(|p| &p["name"]);
    let also = basket["also_requires"].as_array().unwrap().iter().map(|p| &p["name"]);
    chosen.chain(also).map(|n| n.as_str().unwrap().to_string()).collect()
}

fn write(dir: &TempDir, name: &str, text: &str) -> String {
    let path = dir.0.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_method_binds_to_the_path_after_it_and_a_quoted_call_splits_the_same_way() {
    let dir = TempDir::new("calls-grammar");
    let apart = json(&dir, &["api", "GET", "/me/events", "POST", "/me/sendMail"], 0);
    let quoted = json(&dir, &["api", "GET /me/events", "POST /me/sendMail"], 0);
    assert_eq!(apart, quoted);
    assert_eq!(names(&apart, "delegated"), ["Calendars.ReadBasic", "Mail.Send"]);
    assert_eq!(apart["calls"][1]["method"], "POST");
    // Without a method: GET in the basket, counted in a note.
    let out = scopepick(&dir)
        .args(["api", "/me/events", "/me/messages", "--mode", "delegated"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("Assumed GET for 2 calls that named no method."), "{text}");
    assert!(
        text.contains("scopepick build Calendars.ReadBasic Mail.ReadBasic --mode delegated"),
        "{text}"
    );
    // The two-argument call keeps its single-call view (every row, not a basket).
    let one = json(&dir, &["api", "GET", "/me"], 0);
    assert!(one["permissions"].is_array() && one.get("basket").is_none());
    scopepick(&dir)
        .args(["api", "GET", "/me", "POST"])
        .assert()
        .code(2)
        .stderr("error: POST must be followed by a path, e.g. `POST /me`\n");
}

#[test]
fn the_har_files_graph_requests_give_a_basket_per_mode() {
    let dir = TempDir::new("calls-har");
    let doc = json(&dir, &["api", "--from", HAR], 0);
    // The token call, the script and the OPTIONS preflight are not Graph calls.
    assert_eq!(doc["calls"].as_array().unwrap().len(), 7);
    assert_eq!(
        names(&doc, "delegated"),
        [
            "Mail.ReadBasic",
            "Calendars.ReadBasic",
            "User.ReadBasic.All",
            "GroupMember.Read.All",
            "Mail.Send",
            "Files.Read"
        ]
    );
    assert_eq!(names(&doc, "application"), ["User.ReadBasic.All", "GroupMember.Read.All"]);
    assert_eq!(doc["basket"]["application"]["needs_signed_in_user"].as_array().unwrap().len(), 5);
    let build = doc["basket"]["application"]["build"].as_str().unwrap();
    // The build line builds: the basket is a real scope string in that mode.
    let words: Vec<&str> = build.split_whitespace().skip(1).collect();
    scopepick(&dir).args(&words).assert().success();
}

#[test]
fn a_log_a_curl_script_and_code_give_their_calls() {
    let dir = TempDir::new("calls-text");
    let log = write(
        &dir,
        "app.log",
        "2026-12-04 09:14:03 INFO  GET https://graph.microsoft.com/v1.0/me/events?$top=5 -> 200\n\
         2026-12-04 09:14:04 INFO  POST https://graph.microsoft.us/v1.0/users/42/sendMail -> 202\n\
         2026-12-04 09:14:05 DEBUG token from https://login.microsoftonline.com/x/oauth2/v2.0/token\n",
    );
    let doc = json(&dir, &["api", "--from", &log, "--mode", "application"], 0);
    assert_eq!(names(&doc, "application"), ["Mail.Send"]);
    assert_eq!(doc["basket"]["application"]["needs_signed_in_user"], serde_json::json!([0]));
    let curl = write(
        &dir,
        "calls.sh",
        "#!/bin/sh\ncurl -s -X PATCH -H \"Authorization: Bearer $T\" \\\n  https://graph.microsoft.com/v1.0/me/messages/AAMkAD\n\
         curl -s https://graph.microsoft.com/v1.0/me/messages\n",
    );
    let doc = json(&dir, &["api", "--from", &curl, "--mode", "delegated"], 0);
    let calls: Vec<&str> =
        doc["calls"].as_array().unwrap().iter().map(|c| c["method"].as_str().unwrap()).collect();
    // The line break splits the first curl: its URL has no method on its line (GET assumed).
    assert_eq!(calls, ["GET", "GET"]);
    let code = write(
        &dir,
        "client.ts",
        "const me = await fetch(\"https://graph.microsoft.com/v1.0/me\", opts);\n\
         await client.api('/v1.0/me/mailFolders/inbox/messages').get();\n\
         // the user's profile lives at /me\n",
    );
    let doc = json(&dir, &["api", "--from", &code, "--mode", "delegated"], 0);
    let paths: Vec<&str> =
        doc["calls"].as_array().unwrap().iter().map(|c| c["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["/me", "/me/mailFolders/inbox/messages"]);
}

#[test]
fn prose_binary_and_huge_input_exit_2_on_one_line_and_unknown_calls_exit_1() {
    let dir = TempDir::new("calls-bad");
    let prose = write(&dir, "notes.txt", "The connector reads /me and /users for profiles.\n");
    let out = scopepick(&dir).args(["api", "--from", &prose]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("no Microsoft Graph call found") && err.lines().count() == 1, "{err}");
    let binary = dir.0.join("blob.bin");
    std::fs::write(&binary, b"GET /v1.0/me\0\x01\x02").unwrap();
    let out = scopepick(&dir).args(["api", "--from"]).arg(&binary).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("binary data"));
    let huge = dir.0.join("huge.log");
    std::fs::File::create(&huge).unwrap().set_len((64 << 20) + 1).unwrap();
    let out = scopepick(&dir).args(["api", "--from"]).arg(Path::new(&huge)).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("larger than"));
    // A call nothing allows is listed, and the exit code says so.
    let doc = json(&dir, &["api", "GET", "/me", "GET", "/no/such/api", "--mode", "delegated"], 1);
    assert_eq!(doc["basket"]["delegated"]["allowed_by_nothing"], serde_json::json!([1]));
    let piped = scopepick(&dir)
        .args(["api", "--from", "-", "--mode", "delegated"])
        .write_stdin("GET /me\n")
        .assert()
        .success();
    assert!(
        String::from_utf8_lossy(&piped.get_output().stdout)
            .contains("scopepick build User.Read --mode delegated")
    );
}

#[test]
fn audit_calls_compares_a_field_with_the_basket_of_the_calls() {
    let dir = TempDir::new("calls-audit");
    let out = scopepick(&dir)
        .args([
            "audit",
            "--calls",
            HAR,
            "--format",
            "json",
            "User.Read Mail.ReadWrite offline_access",
        ])
        .assert()
        .code(1);
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let missing: Vec<&str> =
        doc["missing"].as_array().unwrap().iter().filter_map(|m| m["name"].as_str()).collect();
    assert!(missing.contains(&"Mail.Send") && missing.contains(&"Files.Read"), "{doc}");
    assert_eq!(doc["set"]["permissions"], 6);
    let basket = json(&dir, &["api", "--from", HAR, "--mode", "delegated"], 0);
    let field = names(&basket, "delegated").join(" ");
    scopepick(&dir).args(["audit", "--calls", HAR, &field]).assert().success();
}
