//! scopepick never opens a network connection: real commands and the picker
//! run under `strace -f -e trace=%network` and create no `AF_INET` or
//! `AF_INET6` socket. Needs strace (skipped loudly without it, except under
//! `CI=true`).

use crate::support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use support::{TempDir, Tmux, Xvfb, eventually, require};

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");
const AUDIT_APP: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/audit/az-app-show.json");
const GRAPH_EXPORT: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/graph/graph-sp.json");

/// `strace` following forks, writing the network calls to `trace`.
fn strace(dir: &Path, trace: &Path) -> Command {
    let mut command = Command::new("strace");
    command
        .args(["-f", "-e", "trace=%network", "-o"])
        .arg(trace)
        .arg(BIN)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("SSH_TTY")
        .env_remove("SSH_CONNECTION")
        .env("SCOPEPICK_DATA_DIR", dir.join("data"))
        .env("SCOPEPICK_CONFIG_DIR", dir.join("config"));
    command
}

/// The trace's lines that create or use an Internet socket.
fn inet_lines(trace: &str) -> Vec<&str> {
    trace.lines().filter(|l| l.contains("AF_INET")).collect()
}

/// Reads a finished trace, checking that strace really traced the process.
fn read_trace(trace: &Path) -> String {
    let text = std::fs::read_to_string(trace).expect("strace wrote its trace");
    assert!(text.contains("+++ exited with"), "strace did not trace the process: {text}");
    text
}

#[test]
fn commands_open_no_internet_socket() {
    if !require("strace") {
        return;
    }
    let tmp = TempDir::new("net-commands");
    let runs: [(&[&str], Option<&str>, i32); 16] = [
        (&["list"], None, 0),
        (&["list", "--format", "json", "--query", "chat"], None, 0),
        (
            &["build", "--mode", "delegated", "Calendars.Read", "Mail.Send", "offline_access"],
            None,
            0,
        ),
        (&["build", "--copy", "Chat.Read", "offline_access"], None, 0),
        (&["check", "Calendars.Read,Mail.Send Profile"], None, 1),
        (&["check", "--format", "json", "-"], Some("Chat.Read offline_access"), 0),
        (&["export", "-f", "manifest", "Chat.Read"], None, 0),
        (
            &[
                "export",
                "-f",
                "consent-url",
                "--client-id",
                "11111111-2222-3333-4444-555555555555",
                "--redirect-uri",
                "https://portal.contoso.com/cb",
                "Chat.Read",
            ],
            None,
            0,
        ),
        (&["catalog", "import", GRAPH_EXPORT], None, 0),
        (&["catalog", "status"], None, 0),
        (&["catalog", "reset"], None, 0),
        (&["selection", "save", "acme", "Chat.Read"], None, 0),
        (&["selection", "list"], None, 0),
        (&["completions", "bash"], None, 0),
        (&["audit", "--preset", "intrexx", "Chat.Read offline_access"], None, 1),
        (&["audit", "--preset", "intrexx", "--app", AUDIT_APP], None, 1),
    ];
    for (i, (args, stdin, code)) in runs.into_iter().enumerate() {
        let trace = tmp.0.join(format!("trace-{i}"));
        let mut child = strace(&tmp.0, &trace)
            .args(args)
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("strace runs");
        if let Some(text) = stdin {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        let trace = read_trace(&trace);
        assert_eq!(inet_lines(&trace), Vec::<&str>::new(), "{args:?}");
    }
}

#[test]
fn the_picker_opens_no_internet_socket() {
    if !require("strace") {
        return;
    }
    let dir = support::private_dir("net-tui");
    let d = dir.display();
    let command = format!(
        "strace -f -e trace=%network -o '{d}/trace' '{BIN}' --fresh > '{d}/stdout'; echo $? > '{d}/rc'; exec sleep 600"
    );
    let Some(tmux) = Tmux::start("net-tui", &command, 100, 30) else { return };
    tmux.wait_for_picker();
    tmux.type_text("chat.read");
    tmux.wait_for("> chat.read ");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 1");
    // Copy (without a display: OSC 52), then accept.
    tmux.keys(&["C-y"]);
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_for_file(&tmux.dir.join("rc")).trim(), "0");
    assert_eq!(std::fs::read_to_string(tmux.dir.join("stdout")).unwrap(), "Chat.Read\n");
    let trace = read_trace(&tmux.dir.join("trace"));
    assert_eq!(inet_lines(&trace), Vec::<&str>::new());
}

/// Kills and reaps a child (strace and whatever it traces) on drop.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        if matches!(self.0.try_wait(), Ok(None)) {
            let _ = self.0.kill();
        }
        let _ = self.0.wait();
    }
}

#[test]
fn the_x11_clipboard_talks_to_a_local_display_over_a_local_socket() {
    if !require("strace") {
        return;
    }
    let Some(x) = Xvfb::start() else { return };
    let tmp = TempDir::new("net-x11");
    let trace = tmp.0.join("trace");
    // The clipboard helper serves the text until another program takes the
    // clipboard, and strace follows it, so strace ends only after that.
    // Under heavy load the helper can miss the copy's one-second window for
    // its answer, or its X connection time out; the copy then says so and
    // ends (the string goes to stdout), and the test tries again. Any other
    // failure fails the test.
    let stderr = tmp.0.join("stderr");
    let mut attempt = 1;
    let mut child = loop {
        let mut strace = strace(&tmp.0, &trace);
        strace.env("DISPLAY", &x.display).args(["build", "--copy", "--clipboard", "system"]);
        let child = strace
            .arg("Chat.Read")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr).unwrap())
            .spawn()
            .expect("strace runs");
        let mut child = Reaped(child);
        let mut served = false;
        eventually("the helper serves the clipboard, or the copy ends", || {
            served = x.clipboard() == "Chat.Read";
            served || matches!(child.0.try_wait(), Ok(Some(_)))
        });
        if served {
            break child;
        }
        let said = std::fs::read_to_string(&stderr).unwrap();
        let load = ["did not answer within", "X11 server connection timed out"];
        assert!(attempt < 3 && load.iter().any(|l| said.contains(l)), "no copy: {said}");
        attempt += 1;
    };
    x.set_clipboard("something else");
    eventually("strace ends with the helper", || matches!(child.0.try_wait(), Ok(Some(_))));

    let trace = read_trace(&trace);
    assert_eq!(inet_lines(&trace), Vec::<&str>::new());
    let x_socket = format!("X11-unix/X{}", x.display.trim_start_matches(':'));
    assert!(
        trace
            .lines()
            .any(|l| l.contains("connect(") && l.contains(&x_socket) && l.ends_with("= 0")),
        "the helper connected to the X server's local socket: {trace}"
    );
}

#[test]
fn the_trace_does_see_an_internet_socket_when_one_is_opened() {
    // The check itself works: a DISPLAY that names a host makes the X11
    // clipboard connect over TCP (here to a closed port on the loopback).
    if !require("strace") {
        return;
    }
    let tmp = TempDir::new("net-control");
    let trace = tmp.0.join("trace");
    let out = strace(&tmp.0, &trace)
        .env("DISPLAY", "127.0.0.1:59")
        .args(["build", "--copy", "--clipboard", "system", "Chat.Read"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("X11 clipboard failed"));
    let trace = read_trace(&trace);
    assert!(
        inet_lines(&trace).iter().any(|l| l.contains("socket(AF_INET")),
        "an AF_INET socket in: {trace}"
    );
}
