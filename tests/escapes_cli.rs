//! Input that quotes escape sequences, C1 controls or invisible format
//! characters never reaches the terminal raw through a message: not on
//! stderr, not on stdout, not in JSON (where they are `\u` escapes), and not
//! in clap's usage errors on a real terminal (a pty), where clap's writer
//! would pass them through.

use std::process::{Command, Output};

mod support;

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

/// Runs scopepick with stdout and stderr on a new pty (as in a terminal)
/// and returns what it wrote there and its exit code.
fn on_a_pty(tmp: &TempDir, args: &[&str]) -> (String, Option<i32>) {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut master, mut slave) = (0, 0);
    // SAFETY: out-pointers to two ints; no name, termios or size asked for.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(opened, 0, "openpty");
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("SCOPEPICK_DATA_DIR", tmp.0.join("data"))
        .env("SCOPEPICK_CONFIG_DIR", tmp.0.join("config"))
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .stdin(std::process::Stdio::null())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    let mut child = command.spawn().unwrap();
    drop(command); // closes this process's copies of the pty's slave side
    let mut bytes = Vec::new();
    let mut master = std::fs::File::from(master);
    let mut chunk = [0u8; 4096];
    // Until the child's side is closed: EIO (Linux) or end of file.
    while let Ok(n @ 1..) = master.read(&mut chunk) {
        bytes.extend_from_slice(&chunk[..n]);
    }
    let code = child.wait().unwrap().code();
    (String::from_utf8_lossy(&bytes).into_owned(), code)
}

#[test]
fn clap_errors_on_a_terminal_show_control_characters_as_escapes() {
    let tmp = TempDir::new("escapes-clap");
    let clipboard = "\u{1b}]52;c;cm0gLXJmIH4K\u{7}";
    let title = "\u{1b}]0;X\u{7}";
    let long_option = format!("--x{title}");
    let cases: [&[&str]; 7] = [
        &["selection", "set", "acme", "--app-id", clipboard],
        &["--mode", title],
        &["build", "--style", "\u{9b}2J", "Chat.Read"],
        &["export", "-f", "\u{1b}[2J\u{202e}x", "Chat.Read"],
        &["list", "--format", title],
        &[title],
        &[&long_option],
    ];
    for args in cases {
        let (text, code) = on_a_pty(&tmp, args);
        assert_eq!(code, Some(2), "{args:?}: {text}");
        let raw: Vec<char> = text
            .chars()
            .filter(|&c| {
                (c.is_control() && c != '\n' && c != '\r') || scopepick::text::is_format_char(c)
            })
            .collect();
        assert_eq!(raw, [], "{args:?}: {text:?}");
        assert!(text.contains("error:"), "{args:?}: {text}");
        let escaped = ["\\u{1b}", "\\u{9b}"];
        assert!(escaped.iter().any(|e| text.contains(e)), "shown escaped: {args:?}: {text}");
    }
    let (text, _) = on_a_pty(&tmp, &["export", "-f", "\u{202e}x", "Chat.Read"]);
    assert!(text.contains("\\u{202e}x"), "{text}");
}
