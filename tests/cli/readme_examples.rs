//! The README's examples run as written: every line of a ```sh block that
//! starts with `scopepick` runs in `sh`, in order, in a scratch HOME and
//! working directory, and must exit as the README says (`exits N` on the
//! line or in the comment lines under it; 0 otherwise). Lines that need the
//! picker (a terminal), another program or its files are listed below as
//! skipped, with the reason; each must still be in the README.

use crate::support;
use std::path::Path;
use std::process::{Command, Stdio};

const README: &str = include_str!("../../README.md");

/// README lines not run, and why.
const SKIPPED: [(&str, &str); 8] = [
    (
        "scopepick api --from session.har",
        "reads session.har, a browser's export (tests/fixtures/calls/browser-session.har is tested)",
    ),
    ("scopepick --mode application", "opens the picker: needs a terminal"),
    (
        "scopepick --scopes \"Calendars.Read,Mail.Send Profile\"",
        "opens the picker: needs a terminal",
    ),
    ("scopepick --fresh", "opens the picker: needs a terminal"),
    ("scopepick --no-mouse", "opens the picker: needs a terminal"),
    (
        "scopepick list --query \"chat read\" --format tsv | cut -f1",
        "pipes into another program (cut)",
    ),
    (
        "scopepick audit --preset intrexx --mode application --app app.json",
        "reads app.json, which `az ad app show` writes (needs az and a tenant)",
    ),
    (
        "scopepick catalog import graph-sp.json",
        "reads graph-sp.json, which `az ad sp show` writes (needs az and a tenant)",
    ),
];

/// The values the README's placeholders stand for.
const PLACEHOLDERS: [(&str, &str); 2] =
    [("APP_ID", "00000000-0000-0000-0000-000000000000"), ("FIELD", "Chat.Read offline_access")];

/// One example: the command (continuation lines joined), its README line
/// number and the exit code the README gives it.
#[derive(Debug)]
struct Example {
    command: String,
    line: usize,
    exits: i32,
}

/// The `exits N` a comment states, if any.
fn stated_exit(comment: &str) -> Option<i32> {
    let rest = comment.split("exits ").nth(1)?;
    rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// Every line of the README's ```sh blocks, with its line number.
fn shell_lines() -> Vec<(usize, &'static str)> {
    let mut lines = Vec::new();
    let mut in_sh = false;
    for (i, line) in README.lines().enumerate() {
        if let Some(fence) = line.strip_prefix("```") {
            in_sh = !in_sh && fence == "sh";
        } else if in_sh {
            lines.push((i + 1, line));
        }
    }
    lines
}

fn examples() -> Vec<Example> {
    let lines = shell_lines();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (number, first) = lines[i];
        i += 1;
        if !(first.starts_with("scopepick ") || first == "scopepick") {
            continue;
        }
        let mut command = first.to_string();
        while command.ends_with('\\') && i < lines.len() {
            command.pop();
            command.push_str(lines[i].1.trim_start());
            i += 1;
        }
        let mut exits = command.split_once('#').and_then(|(_, c)| stated_exit(c));
        while i < lines.len() && lines[i].1.starts_with('#') {
            exits = exits.or(stated_exit(lines[i].1));
            i += 1;
        }
        out.push(Example { command, line: number, exits: exits.unwrap_or(0) });
    }
    out
}

#[test]
fn every_readme_example_that_needs_nothing_else_runs_as_written() {
    let examples = examples();
    assert!(examples.len() > 30, "the README's examples: {examples:?}");
    for (skipped, _) in SKIPPED {
        let found = examples.iter().filter(|e| e.command.starts_with(skipped)).count();
        assert_eq!(found, 1, "SKIPPED lists `{skipped}`, which the README has {found} times");
    }
    let scratch = support::private_dir("readme");
    let _ = std::fs::remove_dir_all(&scratch);
    let (home, work) = (scratch.join("home"), scratch.join("work"));
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    let binary = assert_cmd::cargo::cargo_bin("scopepick");
    let bin_dir = binary.parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let mut ran = 0;
    for example in &examples {
        if let Some((_, why)) = SKIPPED.iter().find(|(s, _)| example.command.starts_with(s)) {
            eprintln!("SKIPPED README line {}: {} ({why})", example.line, example.command);
            continue;
        }
        let mut shell = Command::new("sh");
        shell
            .arg("-c")
            .arg(&example.command)
            .current_dir(&work)
            .env_clear()
            .env("HOME", &home)
            .env("PATH", &path)
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null());
        for (name, value) in PLACEHOLDERS {
            shell.env(name, value);
        }
        let out = shell.output().expect("sh runs");
        assert_eq!(
            out.status.code(),
            Some(example.exits),
            "README line {}: `{}`\nstdout:\n{}\nstderr:\n{}",
            example.line,
            example.command,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= examples.len() - SKIPPED.len());
    // What the examples wrote stayed in the scratch directories.
    assert!(Path::new(&work.join("grant-acme.ps1")).is_file());
    assert!(home.join(".config/scopepick/selections/acme.json").is_file());
    std::fs::remove_dir_all(&scratch).unwrap();
}

#[test]
fn readme_commands_use_placeholders_the_shell_cannot_misread() {
    for (number, line) in shell_lines() {
        let angle = line.find('<').and_then(|open| {
            let rest = &line[open + 1..];
            let close = rest.find('>')?;
            let inner = &rest[..close];
            (!inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
                .then_some(inner)
        });
        assert!(
            angle.is_none(),
            "README line {number}: <{}> is a redirection in sh: {line}",
            angle.unwrap_or_default()
        );
    }
}

#[test]
fn stated_exit_codes_are_read_from_comments() {
    assert_eq!(stated_exit("#   prints the fix, exits 1"), Some(1));
    assert_eq!(stated_exit("# nothing missing: exits 0"), Some(0));
    assert_eq!(stated_exit("# no code here"), None);
}
