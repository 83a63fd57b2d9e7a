//! The real binary in tmux: keys in, screen and stdout out.

mod support;

use support::Tmux;

/// Runs scopepick with stdout redirected, then records the exit code and the
/// terminal settings, and keeps the pane alive for inspection.
fn start(name: &str, args: &str) -> Option<Tmux> {
    let bin = env!("CARGO_BIN_EXE_scopepick");
    let dir = std::env::temp_dir().join(format!("scopepick-{name}-{}", std::process::id()));
    let d = dir.display();
    let command = format!(
        "'{bin}' {args} > '{d}/stdout'; echo $? > '{d}/rc'; stty -a > '{d}/stty'; exec sleep 600"
    );
    let tmux = Tmux::start(name, &command, 100, 30)?;
    tmux.wait_for("36/36");
    Some(tmux)
}

fn finish(tmux: &Tmux) -> (String, String) {
    let rc = tmux.wait_for_file(&tmux.dir.join("rc"));
    let stty = tmux.wait_for_file(&tmux.dir.join("stty"));
    let stdout = std::fs::read_to_string(tmux.dir.join("stdout")).unwrap();
    assert_eq!(tmux.pane_format("#{alternate_on}"), "0", "alternate screen left on");
    let flags: Vec<&str> = stty.split_whitespace().collect();
    assert!(flags.contains(&"icanon") && flags.contains(&"echo"), "terminal not restored: {stty}");
    (rc.trim().to_string(), stdout)
}

#[test]
fn pick_switch_mode_and_accept_prints_exactly_the_string() {
    let Some(tmux) = start("accept", "") else { return };
    tmux.type_text("chat");
    tmux.wait_for("5/36");
    // Delegated rows first: Chat.Read, Chat.Create, Chat.ReadBasic,
    // Chat.ReadWrite, then Chat.Read.All for Application.
    tmux.keys(&["Down", "Down", "Tab", "Down", "Tab"]);
    let screen = tmux.wait_for("Basket · 2");
    assert!(screen.contains("Chat.ReadBasic"), "{screen}");
    tmux.keys(&["C-t"]);
    let screen = tmux.wait_for("Mode: Application");
    assert!(screen.contains("Chat.Read.All"), "{screen}");
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert_eq!(stdout, "Chat.Read.All\n");
}

#[test]
fn delegated_pick_with_style_and_mode_from_flags() {
    let Some(tmux) = start("flags", "--style qualified") else { return };
    tmux.type_text("offline");
    tmux.wait_for("1/36");
    tmux.keys(&["Tab", "Escape"]);
    tmux.wait_for("36/36");
    tmux.type_text("chat.read");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 2");
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert_eq!(stdout, "https://graph.microsoft.com/Chat.Read offline_access\n");
}

#[test]
fn esc_on_an_empty_filter_aborts_with_130_and_no_output() {
    let Some(tmux) = start("esc", "") else { return };
    tmux.type_text("chat");
    tmux.wait_for("5/36");
    tmux.keys(&["Tab", "Escape"]);
    tmux.wait_for("36/36");
    tmux.keys(&["Escape"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "130");
    assert_eq!(stdout, "");
}

#[test]
fn ctrl_c_aborts_with_130_and_no_output() {
    let Some(tmux) = start("ctrlc", "") else { return };
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 1");
    tmux.keys(&["C-c"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "130");
    assert_eq!(stdout, "");
}

#[test]
fn help_popup_opens_with_f1_and_closes_with_esc() {
    let Some(tmux) = start("help", "") else { return };
    tmux.keys(&["F1"]);
    tmux.wait_for("Help · ↑/↓ scroll");
    tmux.keys(&["Escape"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while tmux.screen().contains("Help · ↑/↓ scroll") {
        assert!(std::time::Instant::now() < deadline, "help did not close");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    tmux.keys(&["C-c"]);
    let (rc, _) = finish(&tmux);
    assert_eq!(rc, "130");
}

#[test]
fn a_small_terminal_asks_to_be_enlarged() {
    let Some(tmux) = start("small", "") else { return };
    tmux.tmux(&["resize-window", "-t", "0", "-x", "40", "-y", "10"]);
    tmux.wait_for("enlarge the terminal");
    tmux.tmux(&["resize-window", "-t", "0", "-x", "100", "-y", "30"]);
    tmux.wait_for("36/36");
    tmux.keys(&["C-c"]);
    finish(&tmux);
}

#[test]
fn a_bracketed_paste_of_a_scope_string_loads_the_basket() {
    let Some(tmux) = start("paste", "") else { return };
    tmux.tmux(&["set-buffer", "User.Read.All,Directory.Read.All Foo.Bar"]);
    tmux.tmux(&["paste-buffer", "-p", "-t", "0"]);
    let screen = tmux.wait_for("Load 2 permissions into the basket?");
    assert!(screen.contains("not in the catalog: Foo.Bar"), "{screen}");
    tmux.keys(&["y"]);
    tmux.wait_for("Basket · 2");
    tmux.wait_for("Mode: Application");
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert_eq!(stdout, "Directory.Read.All User.Read.All\n");
}

#[test]
fn scopes_flag_starts_with_the_string_loaded() {
    let Some(tmux) = start("scopesflag", "--scopes 'Chat.Read,offline_access Profile'") else {
        return;
    };
    tmux.wait_for("Loaded 3 permissions from --scopes (Delegated mode)");
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert_eq!(stdout, "Chat.Read offline_access profile\n");
}

#[test]
fn the_session_is_restored_unless_fresh() {
    let bin = env!("CARGO_BIN_EXE_scopepick");
    let dir = std::env::temp_dir().join(format!("scopepick-session-{}", std::process::id()));
    let d = dir.display();
    let command = format!(
        "'{bin}' --style qualified > /dev/null; '{bin}' > '{d}/second'; '{bin}' --fresh > '{d}/third'; echo $? > '{d}/rc'; exec sleep 600"
    );
    let Some(tmux) = Tmux::start("session", &command, 100, 30) else { return };
    tmux.wait_for("36/36");
    tmux.type_text("chat.read");
    tmux.keys(&["Tab", "C-c"]);
    let screen = tmux.wait_for("Restored the last session (1 permissions)");
    assert!(screen.contains("Style: qualified") && screen.contains("Basket · 1"), "{screen}");
    tmux.keys(&["Enter"]);
    // The third run (--fresh) starts empty, in the default style.
    support::eventually("the fresh run starts empty", || {
        let screen = tmux.screen();
        screen.contains("Style: short") && screen.contains("Empty: Tab adds")
    });
    tmux.keys(&["C-c"]);
    tmux.wait_for_file(&tmux.dir.join("rc"));
    assert_eq!(
        std::fs::read_to_string(tmux.dir.join("second")).unwrap(),
        "https://graph.microsoft.com/Chat.Read\n"
    );
}
