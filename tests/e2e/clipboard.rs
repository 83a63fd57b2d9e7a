//! Copying against real parts: a private Xvfb read back with xclip, and tmux
//! as the OSC 52 terminal.

use crate::support;

use std::process::Command;
use support::{Tmux, Xvfb, ended, eventually};

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");

/// A test that ends its X server early still ends every helper on that
/// display when it drops, so no later test may get the same number.
#[test]
fn a_freed_display_number_is_not_reused() {
    let Some(mut first) = Xvfb::start() else { return };
    let used = first.display.clone();
    first.kill_server();
    drop(first);
    let second = Xvfb::start().expect("Xvfb starts again");
    assert_ne!(second.display, used, "a freed display number came back");
}

#[test]
fn build_copy_survives_exit_on_x11_until_replaced() {
    let Some(x) = Xvfb::start() else { return };
    let out = Command::new(BIN)
        .args(["build", "--copy", "--mode", "delegated", "Chat.Read", "offline_access"])
        .env("DISPLAY", &x.display)
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("SSH_TTY")
        .env_remove("SSH_CONNECTION")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Chat.Read offline_access\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Copied 2 scopes (24 chars) to the X11 clipboard; kept after exit"),
        "{stderr}"
    );
    eventually("the helper serves the string", || x.clipboard() == "Chat.Read offline_access");
    assert_eq!(x.clipboard(), "Chat.Read offline_access", "a second read works too");
    assert_eq!(x.helpers().len(), 1, "one helper serves the clipboard");
    x.set_clipboard("something else");
    eventually("the helper exits once replaced", || x.helpers().is_empty());
    assert_eq!(x.clipboard(), "something else");
}

#[test]
fn check_copy_fixed_copies_the_corrected_string() {
    let Some(x) = Xvfb::start() else { return };
    let out = Command::new(BIN)
        .args(["--clipboard", "system", "check", "--copy-fixed", "Chat.Read,offline_access"])
        .env("DISPLAY", &x.display)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    eventually("the corrected string is on the clipboard", || {
        x.clipboard() == "Chat.Read offline_access"
    });
}

#[test]
fn tui_accept_leaves_the_string_on_the_x11_clipboard() {
    let Some(x) = Xvfb::start() else { return };
    let dir = support::private_dir("tuix11");
    let d = dir.display();
    let command =
        format!("DISPLAY={} '{BIN}' > '{d}/stdout'; echo $? > '{d}/rc'; exec sleep 600", x.display);
    let Some(tmux) = Tmux::start("tuix11", &command, 100, 30) else { return };
    tmux.wait_for_picker();
    tmux.type_text("offline_access");
    tmux.wait_for(&support::shown(1));
    tmux.keys(&["Tab", "Escape"]);
    // Wait for the cleared filter: ESC followed at once by a letter reads as Alt-letter.
    tmux.wait_for_picker();
    tmux.type_text("presence.read");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 2");
    tmux.keys(&["C-y"]);
    tmux.wait_for("to the X11 clipboard; kept after exit");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_for_file(&tmux.dir.join("rc")).trim(), "0");
    assert_eq!(
        std::fs::read_to_string(tmux.dir.join("stdout")).unwrap(),
        "Presence.Read offline_access\n"
    );
    eventually("the string stays on the X11 clipboard after exit", || {
        x.clipboard() == "Presence.Read offline_access"
    });
}

#[test]
fn osc52_over_ssh_reaches_the_tmux_buffer() {
    let dir = support::private_dir("osc52");
    let d = dir.display();
    let command = format!(
        "until [ -e '{d}/go' ]; do sleep 0.05; done; SSH_TTY=/dev/pts/0 '{BIN}' > '{d}/stdout'; echo $? > '{d}/rc'; exec sleep 600"
    );
    let Some(tmux) = Tmux::start("osc52", &command, 100, 30) else { return };
    tmux.tmux(&["set-option", "-g", "set-clipboard", "on"]);
    // scopepick starts only once tmux takes clipboard writes.
    std::fs::write(dir.join("go"), "").unwrap();
    tmux.wait_for_picker();
    tmux.type_text("chat.read");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 1");
    tmux.keys(&["C-y"]);
    tmux.wait_for("via OSC 52: your terminal must allow clipboard writes");
    tmux.tmux(&["delete-buffer"]);
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_for_file(&tmux.dir.join("rc")).trim(), "0");
    eventually("tmux holds the copied string", || tmux.tmux(&["show-buffer"]) == "Chat.Read");
    assert_eq!(std::fs::read_to_string(tmux.dir.join("stdout")).unwrap(), "Chat.Read\n");
}

#[test]
fn without_display_or_ssh_the_status_is_clear_and_stdout_has_the_string() {
    let dir = support::private_dir("nodisplay");
    let d = dir.display();
    let command = format!(
        "'{BIN}' --clipboard system > '{d}/stdout' 2> '{d}/stderr'; echo $? > '{d}/rc'; exec sleep 600"
    );
    let Some(tmux) = Tmux::start("nodisplay", &command, 100, 30) else { return };
    tmux.wait_for_picker();
    tmux.type_text("chat.read");
    tmux.keys(&["Tab", "C-y"]);
    tmux.wait_for("Not copied, Enter prints the string instead. no display is set");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_for_file(&tmux.dir.join("rc")).trim(), "0");
    assert_eq!(std::fs::read_to_string(tmux.dir.join("stdout")).unwrap(), "Chat.Read\n");
    let stderr = std::fs::read_to_string(tmux.dir.join("stderr")).unwrap();
    assert!(stderr.contains("the string is on stdout"), "{stderr}");
}

#[test]
fn clipboard_none_never_copies() {
    let out = Command::new(BIN)
        .args(["--clipboard", "none", "build", "--copy", "Chat.Read"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Chat.Read\n");
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("warning: Clipboard disabled (--clipboard none); the string is on stdout")
    );
}

#[test]
fn the_clipboard_helper_keeps_nothing_of_its_caller_and_ends_with_its_display() {
    use std::time::{Duration, Instant};
    let Some(mut x) = Xvfb::start() else { return };
    // The caller's pipe on descriptor 7 must not be held open by the helper,
    // or `cat` (and the pipeline) would wait until the clipboard is replaced.
    let script = format!("'{BIN}' build --copy Chat.Read 7>&1 >/dev/null 2>&1 | cat");
    let mut pipeline = Command::new("sh")
        .args(["-c", &script])
        .current_dir(std::env::temp_dir())
        .env("DISPLAY", &x.display)
        .env("SCOPEPICK_TEST_SECRET", "not for the helper")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("SSH_TTY")
        .env_remove("SSH_CONNECTION")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while pipeline.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = pipeline.kill();
            panic!("the pipeline still waits for the clipboard helper after 10 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(x.clipboard(), "Chat.Read");
    let helpers = x.helpers();
    assert_eq!(helpers.len(), 1, "one helper serves the clipboard");
    let pid = helpers[0];
    let cwd = std::fs::read_link(format!("/proc/{pid}/cwd")).unwrap();
    assert_eq!(cwd, std::path::Path::new("/"), "the helper works in /");
    let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
    for entry in environ.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let key = entry.split('=').next().unwrap();
        assert!(
            ["DISPLAY", "XAUTHORITY", "HOME", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"].contains(&key),
            "the helper keeps {entry}"
        );
    }
    for fd in std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap().flatten() {
        let target = std::fs::read_link(fd.path()).unwrap().display().to_string();
        assert!(
            target.starts_with("socket:")
                || target == "/dev/null"
                || target.starts_with("anon_inode:"),
            "the helper holds descriptor {:?}: {target}",
            fd.file_name()
        );
    }
    // The display goes away: the helper follows within a few seconds.
    x.kill_server();
    eventually("the helper ends once its X server is gone", || ended(pid));
}

#[test]
fn a_stopped_x_server_is_reported_and_the_string_still_printed() {
    let Some(x) = Xvfb::start() else { return };
    let dir = support::private_dir("stoppedx");
    let d = dir.display();
    let command = format!(
        "DISPLAY={} '{BIN}' --clipboard system --fresh > '{d}/stdout' 2> '{d}/stderr'; echo $? > '{d}/rc'; exec sleep 600",
        x.display
    );
    let Some(tmux) = Tmux::start("stoppedx", &command, 100, 30) else { return };
    tmux.wait_for("Permissions");
    x.stop();
    tmux.type_text("chat.read");
    tmux.keys(&["Tab", "C-y"]);
    tmux.wait_for("Not copied, Enter prints the string instead.");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_for_file(&tmux.dir.join("rc")).trim(), "0");
    assert_eq!(std::fs::read_to_string(tmux.dir.join("stdout")).unwrap(), "Chat.Read\n");
    let stderr = std::fs::read_to_string(tmux.dir.join("stderr")).unwrap();
    assert!(stderr.contains("the display did not answer"), "{stderr}");
    assert!(stderr.contains("the string is on stdout"), "{stderr}");
    x.resume();
    eventually("no helper is left waiting", || x.helpers().is_empty());
}
