//! Every exit path leaves the terminal restored. The picker runs under `sh`
//! (dash on Debian), which, unlike bash, does not repair the terminal after a
//! killed job, so a leak would show.

mod support;

use support::{Tmux, eventually};

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");

struct Run {
    tmux: Tmux,
}

impl Run {
    fn start(name: &str, env: &str) -> Option<Run> {
        let dir = std::env::temp_dir().join(format!("scopepick-{name}-{}", std::process::id()));
        let d = dir.display();
        let command = format!(
            "{env} '{BIN}' > '{d}/stdout' 2> '{d}/stderr'; echo $? > '{d}/rc'; stty -a > '{d}/stty'; exec sleep 600"
        );
        let tmux = Tmux::start(name, &command, 100, 30)?;
        if env.is_empty() {
            tmux.wait_for("1519/1519");
        }
        Some(Run { tmux })
    }

    /// The scopepick process: the child of the pane's shell.
    fn pid(&self) -> String {
        let shell = self.tmux.pane_format("#{pane_pid}");
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .expect("the shell's children");
        children.split_whitespace().next().expect("scopepick runs").to_string()
    }

    fn kill(&self, signal: &str) {
        let status = std::process::Command::new("kill").args([signal, &self.pid()]).status();
        assert!(status.unwrap().success());
    }

    /// Exit code, stdout, stderr; asserts the terminal is restored.
    fn finish(&self) -> (String, String, String) {
        let rc = self.tmux.wait_for_file(&self.tmux.dir.join("rc"));
        let stty = self.tmux.wait_for_file(&self.tmux.dir.join("stty"));
        let read = |f: &str| std::fs::read_to_string(self.tmux.dir.join(f)).unwrap();
        assert_eq!(self.tmux.pane_format("#{alternate_on}"), "0", "alternate screen left on");
        let flags: Vec<&str> = stty.split_whitespace().collect();
        assert!(flags.contains(&"icanon") && flags.contains(&"echo"), "raw mode left on: {stty}");
        assert!(
            !self.tmux.pane_format("#{mouse_any_flag}").starts_with('1'),
            "mouse capture left on"
        );
        (rc.trim().to_string(), read("stdout"), read("stderr"))
    }

    fn add_chat_read(&self) {
        self.tmux.type_text("chat.read");
        self.tmux.keys(&["Tab"]);
        self.tmux.wait_for("Basket · 1");
    }
}

#[test]
fn sigterm_restores_and_hands_the_string_to_stderr() {
    let Some(run) = Run::start("term", "") else { return };
    run.add_chat_read();
    run.kill("-TERM");
    let (rc, stdout, stderr) = run.finish();
    assert_eq!(rc, "143");
    assert_eq!(stdout, "");
    assert!(stderr.ends_with("the scope string was:\nChat.Read\n"), "{stderr}");
}

#[test]
fn sighup_restores_and_hands_the_string_to_stderr() {
    let Some(run) = Run::start("hup", "") else { return };
    run.add_chat_read();
    run.kill("-HUP");
    let (rc, _, stderr) = run.finish();
    assert_eq!(rc, "129");
    assert!(stderr.contains("Chat.Read"), "{stderr}");
}

#[test]
fn sigint_restores_and_exits_130_quietly() {
    let Some(run) = Run::start("int", "") else { return };
    run.add_chat_read();
    run.kill("-INT");
    let (rc, stdout, stderr) = run.finish();
    assert_eq!(rc, "130");
    assert_eq!(stdout, "");
    assert_eq!(stderr, "");
}

#[test]
fn a_panic_restores_first_then_reports() {
    let Some(run) = Run::start("panic", "SCOPEPICK_TEST_PANIC=1") else { return };
    let (rc, stdout, stderr) = run.finish();
    assert_eq!(rc, "101");
    assert_eq!(stdout, "");
    assert!(stderr.starts_with("scopepick crashed; the terminal is restored."), "{stderr}");
    assert!(stderr.contains("SCOPEPICK_TEST_PANIC is set"), "{stderr}");
    assert!(!stderr.contains("\u{1b}["), "no escape sequences in the report: {stderr:?}");
}

#[test]
fn ten_quick_resizes_leave_a_correct_screen() {
    let Some(run) = Run::start("resize", "") else { return };
    for (w, h) in [
        (80, 24),
        (120, 40),
        (60, 18),
        (200, 60),
        (40, 10),
        (100, 30),
        (90, 25),
        (61, 19),
        (150, 50),
        (100, 30),
    ] {
        run.tmux.tmux(&["resize-window", "-t", "0", "-x", &w.to_string(), "-y", &h.to_string()]);
    }
    eventually("the screen is redrawn at 100x30", || {
        let screen = run.tmux.screen();
        let lines: Vec<&str> = screen.lines().collect();
        lines.len() >= 30
            && lines[0].contains("Mode: Delegated")
            && lines.iter().any(|l| l.starts_with("╭ Permissions 1519/1519") && l.ends_with('╮'))
            && lines.iter().any(|l| l.contains("F1 help"))
    });
    run.tmux.keys(&["C-c"]);
    assert_eq!(run.finish().0, "130");
}

#[test]
fn a_closed_terminal_ends_the_picker() {
    let Some(run) = Run::start("closed", "") else { return };
    let pid = run.pid();
    run.add_chat_read();
    // Closing the terminal: the pty hangs up (the picker must not spin on it).
    run.tmux.tmux(&["kill-server"]);
    eventually("the picker exits after the hang-up", || {
        !std::path::Path::new(&format!("/proc/{pid}")).exists()
            || std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .is_ok_and(|stat| stat.split_whitespace().nth(2) == Some("Z"))
    });
}
