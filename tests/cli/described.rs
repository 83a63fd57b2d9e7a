//! Whose words a description is, wherever the command line prints one:
//! `list` (table, TSV, JSON), `show` (table, JSON) and the consent sheet
//! (Markdown, CSV). The built-in rows carry the Intrexx page's words or
//! scopepick's; after `catalog import`, Microsoft's.

use crate::support::TempDir;
use assert_cmd::Command;
use predicates::prelude::*;
use scopepick::catalog::graph::note_for;
use scopepick::catalog::{Catalog, PermissionType};

const GRAPH_SP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/graph/graph-sp.json");

/// The binary with a private, empty data directory.
fn scopepick(dir: &TempDir) -> Command {
    let mut command = Command::cargo_bin("scopepick").expect("binary is built");
    command.env("SCOPEPICK_DATA_DIR", dir.0.join("data"));
    command.env("SCOPEPICK_CONFIG_DIR", dir.0.join("config"));
    command
}

fn stdout_of(dir: &TempDir, args: &[&str]) -> String {
    let out = scopepick(dir).args(args).assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

/// The built-in description of (name, type).
fn builtin_description(name: &str, kind: PermissionType) -> String {
    Catalog::builtin().find(name, kind).unwrap().description.clone()
}

/// The one line of `text` that starts with `start`.
fn line_starting<'t>(text: &'t str, start: &str) -> &'t str {
    text.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("{start}:\n{text}"))
}

#[test]
fn list_labels_each_description_in_every_format() {
    let dir = TempDir::new("described-list");
    let args = ["list", "--query", "Mail.Send", "--type", "delegated"];
    let table = stdout_of(&dir, &args);
    let header = table.lines().next().unwrap();
    assert!(header.contains("DESCRIBED BY  DESCRIPTION"), "{table}");
    let send = line_starting(&table, "Mail.Send ");
    let page = builtin_description("Mail.Send", PermissionType::Delegated);
    assert!(send.ends_with(&format!("Intrexx page  {page}")), "{send}");
    let shared = line_starting(&table, "Mail.Send.Shared ");
    let generated = builtin_description("Mail.Send.Shared", PermissionType::Delegated);
    assert!(shared.ends_with(&format!("scopepick     {generated}")), "{shared}");

    let tsv = stdout_of(&dir, &[&args[..], &["--format", "tsv"]].concat());
    let last_column =
        |start: &str| line_starting(&tsv, start).rsplit('\t').next().unwrap().to_string();
    assert_eq!(tsv.lines().next().unwrap().rsplit('\t').next(), Some("description_source"));
    assert_eq!(last_column("Mail.Send\t"), "intrexx-page");
    assert_eq!(last_column("Mail.Send.Shared\t"), "scopepick");

    let json = stdout_of(&dir, &[&args[..], &["--format", "json"]].concat());
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let source_of = |name: &str| {
        let row = rows.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap();
        row["description_source"].as_str().unwrap().to_string()
    };
    assert_eq!(source_of("Mail.Send"), "intrexx-page");
    assert_eq!(source_of("Mail.Send.Shared"), "scopepick");
}

#[test]
fn show_labels_the_description_and_notes_that_delegated_mail_send_sends_as_the_user() {
    let dir = TempDir::new("described-show");
    let out = stdout_of(&dir, &["show", "Mail.Send"]);
    let page = builtin_description("Mail.Send", PermissionType::Delegated);
    let delegated = line_starting(&out, "Delegated ");
    assert!(delegated.ends_with(&format!("Intrexx page  {page}")), "{out}");
    let application = line_starting(&out, "Application ");
    assert!(application.contains("  scopepick  "), "{out}");
    let note = note_for("Mail.Send", PermissionType::Delegated).unwrap();
    assert!(note.text.contains("Mail.Send.Shared"), "the note points to the shared permission");
    let expected = format!("Note (Delegated): {} [{}]", note.text, note.source);
    assert!(out.lines().any(|l| l == expected), "{expected}\n{out}");

    let json = stdout_of(&dir, &["show", "Mail.Send", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sources: Vec<(&str, &str)> = doc["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["type"].as_str().unwrap(), t["description_source"].as_str().unwrap()))
        .collect();
    assert_eq!(sources, [("Delegated", "intrexx-page"), ("Application", "scopepick")]);
}

#[test]
fn the_consent_sheet_says_whose_words_and_carries_the_note() {
    let dir = TempDir::new("described-sheet");
    let note = note_for("Mail.Send", PermissionType::Delegated).unwrap().text;
    let markdown = stdout_of(&dir, &["export", "--format", "markdown", "Mail.Send"]);
    assert!(
        markdown.starts_with("| Name | Type | Admin consent | Description | Described by | Note |")
    );
    let row = line_starting(&markdown, "| `Mail.Send` ");
    assert!(row.contains(&format!(" | Intrexx page | {note} | ")), "{markdown}");
    let csv = stdout_of(&dir, &["export", "--format", "csv", "--mode", "application", "Mail.Send"]);
    let generated = builtin_description("Mail.Send", PermissionType::Application);
    let row = line_starting(&csv, "Mail.Send,Application,");
    assert!(row.contains(&format!("{generated},scopepick,,")), "{csv}");
}

#[test]
fn after_an_import_the_descriptions_are_microsofts() {
    let dir = TempDir::new("described-import");
    scopepick(&dir).args(["catalog", "import", GRAPH_SP]).assert().success();
    let out = stdout_of(&dir, &["list", "--query", "chat.read", "--format", "tsv"]);
    let chat = line_starting(&out, "Chat.Read\tDelegated\t");
    assert!(chat.ends_with("\tmicrosoft"), "{chat}");
    // Rows the export does not hold keep the built-in words and say so.
    let out = stdout_of(&dir, &["list", "--query", "mail.send", "--format", "tsv"]);
    assert!(line_starting(&out, "Mail.Send\tDelegated\t").ends_with("\tintrexx-page"), "{out}");
    scopepick(&dir)
        .args(["show", "Chat.Read"])
        .assert()
        .success()
        .stdout(predicate::str::contains("  Microsoft  "));
}
