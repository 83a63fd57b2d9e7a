//! Input that quotes escape sequences, C1 controls or invisible format
//! characters never reaches the terminal raw through a message: not on
//! stderr, not on stdout, not in JSON (where they are `\u` escapes).

use std::process::{Command, Output};

use crate::support;

use support::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");
const OSC_AND_CLEAR: &str = "\u{1b}]0;PWNED\u{7}\u{1b}[2J";

fn scopepick(tmp: &TempDir, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("SCOPEPICK_DATA_DIR", tmp.0.join("data"))
        .env("SCOPEPICK_CONFIG_DIR", tmp.0.join("config"))
        .output()
        .unwrap()
}

/// The characters on either stream that could drive a terminal or hide text.
fn unsafe_chars(out: &Output) -> Vec<char> {
    let text =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    text.chars()
        .filter(|&c| (c.is_control() && c != '\n') || scopepick::text::is_format_char(c))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn serde_errors_quoting_a_catalog_value_are_safe() {
    let tmp = TempDir::new("escapes-serde");
    let evil = tmp.0.join("evil.json");
    let catalog = serde_json::json!({ "name": "x", "permissions": [{
        "name": "Chat.Read", "type": OSC_AND_CLEAR, "description": "d",
        "admin_consent": false, "id": "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42"
    }]});
    std::fs::write(&evil, catalog.to_string()).unwrap();
    let out = scopepick(&tmp, &["--catalog", evil.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("unknown variant"), "{}", stderr(&out));
    assert_eq!(unsafe_chars(&out), [], "{:?}", stderr(&out));
    assert_eq!(stderr(&out).lines().count(), 1);
}

#[test]
fn a_selection_file_with_an_escape_in_its_name_is_shown_safely() {
    let tmp = TempDir::new("escapes-selection");
    std::fs::create_dir_all(tmp.0.join("config/selections")).unwrap();
    let selection = serde_json::json!({
        "name": format!("acme{OSC_AND_CLEAR}\u{202e}"), "mode": "Delegated", "style": "short",
        "permissions": [
            { "name": "Chat.Read", "kind": "Delegated" },
            { "name": format!("Gone{OSC_AND_CLEAR}"), "kind": "Delegated" },
        ]
    });
    std::fs::write(tmp.0.join("config/selections/acme.json"), selection.to_string()).unwrap();
    for args in [
        &["selection", "show", "acme"][..],
        &["selection", "list"],
        &["build", "--selection", "acme"],
    ] {
        let out = scopepick(&tmp, args);
        assert_eq!(unsafe_chars(&out), [], "{args:?}: {out:?}");
    }
}

#[test]
fn unknown_names_on_the_command_line_are_quoted_safely() {
    let tmp = TempDir::new("escapes-build");
    for name in ["\u{1b}]0;x\u{7}", "Chat.Re\u{200b}ad", "Chat.Read\u{9b}2J", "\u{202e}daeR.tahC"] {
        for command in ["build", "export"] {
            let out = scopepick(&tmp, &[command, name]);
            assert_eq!(out.status.code(), Some(2), "{command} {name:?}: {}", stderr(&out));
            assert_eq!(unsafe_chars(&out), [], "{command} {name:?}: {:?}", stderr(&out));
        }
    }
    let out = scopepick(&tmp, &["build", "Chat.Re\u{200b}ad"]);
    assert!(stderr(&out).contains("Chat.Re\\u{200b}ad"), "shown escaped: {}", stderr(&out));
}

#[test]
fn check_reports_quote_c1_and_format_characters_as_escapes() {
    let tmp = TempDir::new("escapes-check");
    let pasted = "Chat.Read \u{9b}2J Mail.Send\u{200b} \u{202e}x \u{1b}]0;t\u{7}";
    for format in ["text", "json"] {
        let out = scopepick(&tmp, &["check", "--format", format, pasted]);
        assert_eq!(out.status.code(), Some(1), "{format}: {}", stderr(&out));
        assert_eq!(unsafe_chars(&out), [], "{format}: {out:?}");
    }
    let out = scopepick(&tmp, &["check", "--format", "json", pasted]);
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(json.contains("\\u009b") && json.contains("\\u202e"), "{json}");
    serde_json::from_str::<serde_json::Value>(&json).expect("still valid JSON");
}
