//! The real binary in tmux: keys in, screen and stdout out.

use crate::support;

use support::Tmux;

/// Runs scopepick with stdout redirected, then records the exit code and the
/// terminal settings, and keeps the pane alive for inspection.
pub(crate) fn start(name: &str, args: &str) -> Option<Tmux> {
    start_sized(name, args, 100, 30)
}

/// [`start`] in a `width` x `height` terminal.
pub(crate) fn start_sized(name: &str, args: &str, width: u16, height: u16) -> Option<Tmux> {
    let bin = env!("CARGO_BIN_EXE_scopepick");
    let dir = support::private_dir(name);
    let d = dir.display();
    let command = format!(
        "'{bin}' {args} > '{d}/stdout'; echo $? > '{d}/rc'; stty -a > '{d}/stty'; exec sleep 600"
    );
    let tmux = Tmux::start(name, &command, width, height)?;
    tmux.wait_for_picker();
    Some(tmux)
}

pub(crate) fn finish(tmux: &Tmux) -> (String, String) {
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
    // Whole names rank first among all the built-in rows.
    tmux.type_text("chat.readbasic");
    tmux.wait_for("> chat.readbasic ");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 1");
    // Wait for the cleared filter: ESC followed at once by a letter reads as Alt-letter.
    tmux.keys(&["Escape"]);
    tmux.wait_for_picker();
    // Chat.Read.All exists only as Application: in Application mode its row ranks first.
    tmux.keys(&["C-t"]);
    let screen = tmux.wait_for("Mode: Application");
    assert!(screen.contains("Style: default"), "Application opens in .default: {screen}");
    tmux.type_text("chat.read.all");
    tmux.wait_for("> chat.read.all ");
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for("Basket · 2");
    assert!(screen.contains("Chat.ReadBasic"), "{screen}");
    assert!(screen.contains("Chat.Read.All"), "{screen}");
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert_eq!(stdout, "https://graph.microsoft.com/.default\n");
}

#[test]
fn scopes_with_dot_default_open_application_mode_in_the_default_style() {
    let args = "--fresh --scopes https://graph.microsoft.com/.default";
    let Some(tmux) = start("scopes-default", args) else { return };
    let screen = tmux.wait_for("assumed Application mode");
    assert!(screen.contains("Mode: Application  Style: default"), "{screen}");
    let pane = screen.lines().skip_while(|l| !l.contains("Scope string")).nth(1).unwrap_or("");
    assert!(pane.contains("https://graph.microsoft.com/.default"), "the pane shows it: {screen}");
    assert!(!screen.contains("Cloud:"), "global is not named: {screen}");
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0", "a working string is accepted without a question");
    assert_eq!(stdout, "https://graph.microsoft.com/.default\n");
}

#[test]
fn scopes_of_a_national_cloud_name_it_in_the_header_and_keep_its_host() {
    let args = "--fresh --scopes https://graph.microsoft.us/.default";
    let Some(tmux) = start("scopes-usgov", args) else { return };
    let screen = tmux.wait_for("Cloud: US Government L4");
    assert!(screen.contains("Mode: Application"), "{screen}");
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert_eq!(stdout, "https://graph.microsoft.us/.default\n");
}

#[test]
fn enter_on_a_string_the_sign_in_rejects_asks_first() {
    let Some(tmux) = start("app-short", "--fresh --mode application --style short") else {
        return;
    };
    tmux.type_text("user.read.all");
    tmux.wait_for(&format!("/{}", support::builtin_len()));
    tmux.keys(&["Tab"]);
    tmux.wait_for("fails at sign-in");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Accept it anyway?");
    tmux.keys(&["y"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert_eq!(stdout, "User.Read.All\n");
}

#[test]
fn delegated_pick_with_style_and_mode_from_flags() {
    let Some(tmux) = start("flags", "--style qualified") else { return };
    tmux.type_text("offline_access");
    tmux.wait_for(&support::shown(1));
    tmux.keys(&["Tab", "Escape"]);
    tmux.wait_for_picker();
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
    tmux.wait_for("> chat ");
    tmux.keys(&["Tab", "Escape"]);
    tmux.wait_for_picker();
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
    tmux.wait_for("Help: every key");
    tmux.keys(&["Escape"]);
    support::eventually("help closes", || !tmux.screen().contains("Help: every key"));
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
    tmux.wait_for_picker();
    tmux.keys(&["C-c"]);
    finish(&tmux);
}

#[test]
fn a_bracketed_paste_of_a_scope_string_loads_the_basket() {
    let Some(tmux) = start("paste", "") else { return };
    // Both names are Application permissions only, so the mode follows them.
    tmux.tmux(&[
        "set-buffer",
        "AgentCollection.ReadWrite.ManagedBy,AgentCard.ReadWrite.ManagedBy Foo.Bar",
    ]);
    tmux.tmux(&["paste-buffer", "-p", "-t", "0"]);
    let screen = tmux.wait_for("Load 2 permissions into the basket?");
    assert!(screen.contains("unknown permission 'Foo.Bar'"), "named, not loaded: {screen}");
    tmux.keys(&["y"]);
    tmux.wait_for("Basket · 2");
    let screen = tmux.wait_for("Mode: Application");
    assert!(screen.contains("not loaded: Foo.Bar"), "the unknown name is said first: {screen}");
    assert!(screen.contains("Style: default"), "Application's own style: {screen}");
    tmux.keys(&["M-m"]);
    let popup = tmux.wait_for("Messages, newest first");
    assert!(popup.contains("assumed Application mode"), "the guess is said: {popup}");
    tmux.keys(&["Escape"]);
    support::eventually("the popup closes", || !tmux.screen().contains("Messages, newest first"));
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert_eq!(stdout, "https://graph.microsoft.com/.default\n");
}

#[test]
fn scopes_flag_starts_with_the_string_loaded() {
    let Some(tmux) = start("scopesflag", "--scopes 'Chat.Read,offline_access Profile'") else {
        return;
    };
    tmux.wait_for("Loaded 3 permissions from the corrected --scopes string; assumed Delegated");
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert_eq!(stdout, "Chat.Read offline_access profile\n");
}

#[test]
fn the_session_is_restored_unless_fresh() {
    let bin = env!("CARGO_BIN_EXE_scopepick");
    let dir = support::private_dir("session");
    let d = dir.display();
    let command = format!(
        "'{bin}' --style qualified > /dev/null; '{bin}' > '{d}/second'; '{bin}' --fresh > '{d}/third'; echo $? > '{d}/rc'; exec sleep 600"
    );
    let Some(tmux) = Tmux::start("session", &command, 100, 30) else { return };
    tmux.wait_for_picker();
    tmux.type_text("chat.read");
    tmux.keys(&["Tab", "C-c"]);
    let screen = tmux.wait_for("Restored the last session (1 permission)");
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

#[test]
fn the_mouse_is_captured_unless_no_mouse_is_given() {
    // tmux knows which mouse modes the program asked for.
    let Some(tmux) = start("mouse", "") else { return };
    assert_eq!(tmux.pane_format("#{mouse_any_flag}"), "1", "wheel and click reach the picker");
    assert_eq!(tmux.pane_format("#{mouse_sgr_flag}"), "1");
    tmux.keys(&["C-c"]);
    finish(&tmux);
    assert_eq!(tmux.pane_format("#{mouse_any_flag}"), "0", "mouse capture ends with the picker");

    let Some(tmux) = start("no-mouse", "--no-mouse") else { return };
    assert_eq!(tmux.pane_format("#{mouse_any_flag}"), "0", "--no-mouse leaves the mouse alone");
    assert_eq!(tmux.pane_format("#{mouse_button_flag}"), "0");
    assert_eq!(tmux.pane_format("#{mouse_sgr_flag}"), "0");
    assert_eq!(tmux.pane_format("#{alternate_on}"), "1", "the picker runs");
    tmux.keys(&["C-c"]);
    let (rc, _) = finish(&tmux);
    assert_eq!(rc, "130");
}

#[test]
fn at_80x24_the_intrexx_preset_leaves_the_table_the_room_and_panes_show_on_a_key() {
    let Some(tmux) = start_sized("compact", "--fresh", 80, 24) else { return };
    tmux.keys(&["M-p"]);
    tmux.wait_for("Add a preset");
    tmux.keys(&["Enter"]);
    // The footer is the frame's last row.
    let screen =
        tmux.wait_for_all(&["Added 20 permissions: preset intrexx (Delegated)", "Alt-D details"]);
    assert!(
        screen.contains("basket 20, 3 admin"),
        "the scope pane says what the basket holds:\n{screen}"
    );
    assert!(!screen.contains("Details") && !screen.contains("╭ Basket"), "no panes yet:\n{screen}");
    let rows =
        screen.lines().filter(|l| l.contains(" Delegated ") || l.contains(" Application ")).count();
    assert!(rows >= 8, "{rows} table rows:\n{screen}");
    tmux.keys(&["M-d"]);
    let screen = tmux.wait_for("╭ Details");
    assert!(screen.contains("AccessReview.Read.All · Delegated"), "{screen}");
    tmux.keys(&["M-d"]);
    tmux.wait_for("Details and basket hidden");
    tmux.keys(&["C-o"]);
    let screen = tmux.wait_for("╭ Basket · 20 · 3 need admin consent");
    assert!(screen.contains("Calendars.Read.Shared "), "basket names in full:\n{screen}");
    tmux.keys(&["Escape"]);
    support::eventually("the basket pane hides with the focus", || {
        !tmux.screen().contains("╭ Basket")
    });
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    assert!(
        stdout.starts_with("Calendars.Read Calendars.Read.Shared ")
            && stdout.ends_with(" offline_access profile\n"),
        "{stdout}"
    );
}

#[test]
fn an_export_to_a_file_that_exists_asks_before_replacing_it() {
    let Some(tmux) = start("export-file", "--fresh") else { return };
    let file = tmux.dir.join("manifest.json");
    tmux.type_text("chat.readbasic");
    tmux.wait_for("> chat.readbasic ");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 1");
    let export_to = |file: &std::path::Path| {
        tmux.keys(&["F5"]);
        tmux.wait_for("Export for the admin");
        tmux.keys(&["Enter"]);
        tmux.wait_for("Preview of the export");
        tmux.keys(&["C-s"]);
        tmux.wait_for("Write the manifest export to which file?");
        tmux.keys(&["C-u"]);
        tmux.type_text(&file.display().to_string());
        tmux.keys(&["Enter"]);
    };
    export_to(&file);
    tmux.wait_for("Wrote the manifest export to");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("\"requiredResourceAccess\""), "{written}");

    std::fs::write(&file, "keep me\n").unwrap();
    export_to(&file);
    let screen = tmux.wait_for("y / Enter: yes · n / Esc: no");
    assert!(screen.contains("Replace it with"), "{screen}");
    tmux.keys(&["n"]);
    support::eventually("the question closes", || !tmux.screen().contains("Replace it"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me\n", "no keeps the file");

    export_to(&file);
    tmux.wait_for("y / Enter: yes · n / Esc: no");
    tmux.keys(&["y"]);
    support::eventually("the file is replaced", || {
        std::fs::read_to_string(&file).is_ok_and(|t| t.contains("\"requiredResourceAccess\""))
    });
    tmux.keys(&["C-c"]);
    finish(&tmux);
}

#[test]
fn every_byte_of_one_large_write_is_handled_without_another_key() {
    // crossterm's default source read 1 KiB and waited for more input: the
    // bytes past the first KiB of one write showed only after the next key.
    let Some(tmux) = start("one-large-write", "--fresh") else { return };
    let burst = format!("{}XYZ", " ".repeat(1022));
    tmux.type_text(&burst);
    tmux.wait_for("XYZ");
    // A burst of mouse reports (SGR wheel events) past 1 KiB, then a key.
    let reports: String = (0..200).map(|_| "\x1b[<65;10;10M").collect();
    tmux.tmux(&["send-keys", "-t", "0", "-l", &format!("{reports}Q")]);
    tmux.wait_for("XYZQ");
    tmux.keys(&["C-c"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!((rc.as_str(), stdout.as_str()), ("130", ""));
}

#[test]
fn an_export_to_a_file_shows_where_it_goes_before_enter() {
    let bin = env!("CARGO_BIN_EXE_scopepick");
    let name = "export-where";
    let dir = std::env::temp_dir().join(format!("scopepick-{name}-{}", std::process::id()));
    let (d, work) = (dir.display(), dir.join("work"));
    let command = format!(
        "mkdir -p '{d}/work' && cd '{d}/work' && '{bin}' --fresh > '{d}/stdout'; echo $? > '{d}/rc'; \
         stty -a > '{d}/stty'; exec sleep 600"
    );
    let Some(tmux) = support::Tmux::start(name, &command, 120, 35) else { return };
    tmux.wait_for("Mode: Delegated");
    tmux.type_text("chat.readbasic");
    tmux.wait_for("> chat.readbasic ");
    tmux.keys(&["Tab", "F5"]);
    tmux.wait_for("Export for the admin");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Preview of the export");
    tmux.keys(&["C-s"]);
    let offered = work.join("scopepick-manifest.json");
    let screen = tmux.wait_for(&offered.display().to_string());
    assert!(screen.contains("a name alone goes in"), "the title says where names go: {screen}");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Wrote the manifest export to");
    let written = std::fs::read_to_string(&offered).unwrap();
    assert!(written.contains("\"requiredResourceAccess\""), "{written}");
    tmux.keys(&["C-c"]);
    finish(&tmux);
}

#[test]
fn a_pasted_field_is_audited_against_a_selection_of_both_modes() {
    let Some(tmux) = start("paste-audit-mixed", "--fresh") else { return };
    // One registration for both modes, saved in Application mode: what a
    // consultant keeps for the Intrexx connector.
    let selections = tmux.dir.join("config/selections");
    std::fs::create_dir_all(&selections).unwrap();
    let selection = r#"{"name":"intrexx-both","mode":"Application","style":"default","permissions":[
        {"name":"Chat.Read","type":"Delegated"},{"name":"Calendars.Read","type":"Delegated"},
        {"name":"offline_access","type":"Delegated"},{"name":"Sites.Read.All","type":"Application"}]}"#;
    std::fs::write(selections.join("intrexx-both.json"), selection).unwrap();
    tmux.keys(&["F3"]);
    tmux.wait_for("intrexx-both");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Opened selection 'intrexx-both' (4 permissions)");
    tmux.tmux(&["set-buffer", "Chat.Read offline_access Mail.Send"]);
    tmux.tmux(&["paste-buffer", "-p", "-t", "0"]);
    let screen = tmux.wait_for("Against selection 'intrexx-both' (3 Delegated rows): missing:");
    assert!(screen.contains("Calendars.Read"), "the missing row: {screen}");
    assert!(screen.contains("extra: Mail.Send"), "the extra row: {screen}");
    tmux.keys(&["n"]);
    tmux.keys(&["C-c"]);
    finish(&tmux);
}
