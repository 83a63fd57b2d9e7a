//! Every exit path leaves the terminal restored. The picker runs under `sh`
//! (dash on Debian), which, unlike bash, does not repair the terminal after a
//! killed job, so a leak would show.

use crate::support;

use support::{Tmux, eventually};

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");

struct Run {
    tmux: Tmux,
}

impl Run {
    fn start(name: &str, env: &str) -> Option<Run> {
        Run::start_with(name, env, "")
    }

    /// [`Run::start`] with command-line arguments.
    fn start_with(name: &str, env: &str, args: &str) -> Option<Run> {
        let dir = support::private_dir(name);
        let d = dir.display();
        let command = format!(
            "{env} '{BIN}' {args} > '{d}/stdout' 2> '{d}/stderr'; echo $? > '{d}/rc'; stty -a > '{d}/stty'; exec sleep 600"
        );
        let tmux = Tmux::start(name, &command, 100, 30)?;
        if env.is_empty() {
            tmux.wait_for_picker();
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

/// The panic hook exists only in debug builds (`cargo test`); a release
/// binary never reads `SCOPEPICK_TEST_PANIC`.
#[cfg(debug_assertions)]
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
            && lines.iter().any(|l| {
                l.starts_with(&format!("╭ Permissions {}", support::shown(support::builtin_len())))
                    && l.ends_with('╮')
            })
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

#[test]
fn sigquit_restores_and_hands_the_string_to_stderr() {
    let Some(run) = Run::start("quit", "") else { return };
    run.add_chat_read();
    run.kill("-QUIT");
    let (rc, stdout, stderr) = run.finish();
    assert_eq!(rc, "131");
    assert_eq!(stdout, "");
    assert!(stderr.ends_with("the scope string was:\nChat.Read\n"), "{stderr}");
}

/// The process state letter of `pid` (`R`, `S`, `T` stopped, `Z`, ...).
fn state(pid: &str) -> String {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')').next().unwrap_or("").split_whitespace().next().unwrap_or("").to_string()
}

/// The pane's terminal settings, read from outside while the picker runs.
fn pane_stty(run: &Run) -> String {
    let tty = run.tmux.pane_format("#{pane_tty}");
    let out = std::process::Command::new("stty").args(["-a", "-F", &tty]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Stopped with the terminal given back: cooked mode, no alternate screen,
/// no mouse reporting.
fn assert_stopped_and_restored(run: &Run, pid: &str) {
    eventually("the picker is stopped", || state(pid) == "T");
    eventually("the alternate screen is left", || run.tmux.pane_format("#{alternate_on}") == "0");
    let flags: Vec<String> = pane_stty(run).split_whitespace().map(String::from).collect();
    assert!(flags.iter().any(|f| f == "icanon") && flags.iter().any(|f| f == "echo"), "{flags:?}");
    assert!(!run.tmux.pane_format("#{mouse_any_flag}").starts_with('1'), "mouse left on");
}

/// Continued: the picker takes the terminal back and redraws its screen.
fn assert_resumed(run: &Run, pid: &str) {
    std::process::Command::new("kill").args(["-CONT", pid]).status().unwrap();
    eventually("the picker runs again", || state(pid) != "T");
    eventually("the alternate screen is back", || run.tmux.pane_format("#{alternate_on}") == "1");
    // The scope pane is never under a menu, so its string shows the redraw.
    run.tmux.wait_for("Scope string · Delegated");
    let flags: Vec<String> = pane_stty(run).split_whitespace().map(String::from).collect();
    assert!(flags.iter().any(|f| f == "-icanon"), "raw mode again: {flags:?}");
}

#[test]
fn sigtstp_restores_the_terminal_and_sigcont_redraws() {
    let Some(run) = Run::start("tstp", "") else { return };
    run.add_chat_read();
    let pid = run.pid();
    run.kill("-TSTP");
    assert_stopped_and_restored(&run, &pid);
    assert_resumed(&run, &pid);
    assert_eq!(run.tmux.pane_format("#{mouse_any_flag}"), "1", "the mouse is captured again");
    // A second round, then SIGTERM: the process ends (it is not left
    // stopped on SIGTTOU) with the terminal restored.
    run.kill("-TSTP");
    assert_stopped_and_restored(&run, &pid);
    assert_resumed(&run, &pid);
    run.kill("-TERM");
    let (rc, _, stderr) = run.finish();
    assert_eq!(rc, "143");
    assert!(stderr.ends_with("Chat.Read\n"), "{stderr}");
}

#[test]
fn ctrl_z_suspends_like_vim_and_the_picker_comes_back() {
    let Some(run) = Run::start("ctrlz", "") else { return };
    run.add_chat_read();
    let pid = run.pid();
    run.tmux.keys(&["F5"]);
    run.tmux.wait_for("Export for the admin");
    run.tmux.keys(&["C-z"]);
    assert_stopped_and_restored(&run, &pid);
    assert_resumed(&run, &pid);
    run.tmux.wait_for("Export for the admin");
    run.tmux.keys(&["Escape"]);
    // Esc and Enter sent together would read as Alt-Enter.
    eventually("the menu closes", || !run.tmux.screen().contains("Export for the admin"));
    run.tmux.keys(&["Enter"]);
    let (rc, stdout, _) = run.finish();
    assert_eq!((rc.as_str(), stdout.as_str()), ("0", "Chat.Read\n"));
}

#[test]
fn back_from_a_stop_the_picker_leaves_the_mouse_alone_with_no_mouse() {
    let Some(run) = Run::start_with("tstp-no-mouse", "", "--no-mouse") else { return };
    run.add_chat_read();
    let pid = run.pid();
    assert_eq!(run.tmux.pane_format("#{mouse_any_flag}"), "0");
    run.kill("-TSTP");
    assert_stopped_and_restored(&run, &pid);
    assert_resumed(&run, &pid);
    assert_eq!(run.tmux.pane_format("#{mouse_any_flag}"), "0", "no mouse capture after fg either");
    assert_eq!(run.tmux.pane_format("#{mouse_sgr_flag}"), "0");
    run.tmux.keys(&["Enter"]);
    let (rc, stdout, _) = run.finish();
    assert_eq!((rc.as_str(), stdout.as_str()), ("0", "Chat.Read\n"));
}

/// The state letter of `pid` in /proc (`S` sleeping, `T` stopped, ...) and
/// its thread count; `None` once it is gone.
fn process_state(pid: &str) -> Option<(char, usize)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    Some((fields[0].chars().next()?, fields[17].parse().ok()?))
}

/// `scopepick &` in an interactive bash: its process id.
fn start_in_the_background(name: &str) -> Option<(Tmux, String)> {
    let tmux = Tmux::start(name, "bash --norc --noprofile -i", 100, 30)?;
    let d = tmux.dir.display();
    tmux.type_text(&format!(
        "PS1='$ '; export SCOPEPICK_CONFIG_DIR='{d}/config' SCOPEPICK_DATA_DIR='{d}/data'\n"
    ));
    tmux.type_text(&format!("'{BIN}' --fresh & echo \"pid=$!.\"\n"));
    let screen = tmux.wait_for(".\n");
    let pid = screen.rsplit("pid=").next()?.split('.').next()?.to_string();
    // Its signal thread runs: the terminal set-up comes next.
    eventually("scopepick starts its threads", || process_state(&pid).is_some_and(|s| s.1 >= 2));
    Some((tmux, pid))
}

#[test]
fn a_picker_started_in_the_background_ends_on_sigterm_and_keeps_the_session() {
    let Some((tmux, pid)) = start_in_the_background("background-term") else { return };
    let session = tmux.dir.join("config").join("session.json");
    std::fs::create_dir_all(session.parent().unwrap()).unwrap();
    std::fs::write(&session, "the last session, untouched").unwrap();
    let state = process_state(&pid).expect("scopepick runs");
    assert_ne!(state.0, 'T', "stopped in the background (SIGTTOU) instead of waiting");
    let killed = std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    tmux.type_text(&format!("wait {pid}; echo \"rc=$?.\"\n"));
    tmux.wait_for("rc=143.");
    assert_eq!(std::fs::read_to_string(&session).unwrap(), "the last session, untouched");
    assert_eq!(tmux.pane_format("#{alternate_on}"), "0");
}

#[test]
fn a_picker_started_in_the_background_comes_up_on_fg() {
    let Some((tmux, pid)) = start_in_the_background("background-fg") else { return };
    assert_eq!(
        tmux.pane_format("#{alternate_on}"),
        "0",
        "the terminal is not taken in the background"
    );
    tmux.type_text("fg\n");
    tmux.wait_for("Permissions");
    assert_eq!(tmux.pane_format("#{alternate_on}"), "1");
    tmux.keys(&["Escape"]);
    eventually("the picker ends", || tmux.pane_format("#{alternate_on}") == "0");
    tmux.type_text("echo \"rc=$?.\"\n");
    tmux.wait_for("rc=130.");
    assert!(process_state(&pid).is_none_or(|s| s.0 == 'Z'));
}
