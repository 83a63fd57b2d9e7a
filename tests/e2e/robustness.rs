//! Hostile input and hostile catalogs against the real binary in tmux: a
//! 10,000-character paste, broken key sequences, escape sequences in catalog
//! text, a terminal that goes away.

use crate::support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::{Tmux, ended, eventually};

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");
const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile-catalog.json");

/// Runs `prefix scopepick args` in a 100x30 pane; the exit code goes to `rc`,
/// the terminal settings afterwards to `stty`.
fn start(name: &str, prefix: &str, args: &str) -> Option<Tmux> {
    let dir = support::private_dir(name);
    let d = dir.display();
    let command = format!(
        "{prefix} '{BIN}' --fresh {args} > '{d}/stdout'; echo $? > '{d}/rc'; stty -a > '{d}/stty'; exec sleep 600"
    );
    Tmux::start(name, &command, 100, 30)
}

/// Exit code and stdout; asserts the terminal is restored.
fn finish(tmux: &Tmux) -> (String, String) {
    let rc = tmux.wait_for_file(&tmux.dir.join("rc"));
    let stty = tmux.wait_for_file(&tmux.dir.join("stty"));
    assert_eq!(tmux.pane_format("#{alternate_on}"), "0", "alternate screen left on");
    let flags: Vec<&str> = stty.split_whitespace().collect();
    assert!(flags.contains(&"icanon") && flags.contains(&"echo"), "raw mode left on: {stty}");
    let stdout = std::fs::read_to_string(tmux.dir.join("stdout")).unwrap();
    (rc.trim().to_string(), stdout)
}

/// Polls `check` every 50 ms until it holds or `limit` has passed.
fn within(limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if check() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The filter line (the screen's second line), trimmed.
fn filter_line(tmux: &Tmux) -> String {
    tmux.screen().lines().nth(1).unwrap_or("").trim().to_string()
}

/// The text in the filter: the filter line without `> ` and the count.
fn filter_query(tmux: &Tmux) -> String {
    let line = filter_line(tmux);
    let line = line.strip_prefix(">").unwrap_or(&line);
    let count = line.rsplit(' ').next().unwrap_or("");
    line.strip_suffix(count).unwrap_or(line).trim().to_string()
}

#[test]
fn a_10000_character_paste_and_broken_key_sequences_leave_the_picker_usable() {
    let Some(tmux) = start("paste10k", "", "") else { return };
    tmux.wait_for_picker();

    // 10,000 characters with wide ones and control characters, pasted with
    // bracketed paste (tmux adds the brackets because scopepick asked for them).
    let mut text: String = "chat 予定表 📅\u{7}\u{1b}[31m\t\u{0}\r\nread "
        .chars()
        .cycle()
        .take(10_000 - "THE-END-OF-IT".len())
        .collect();
    text.push_str("THE-END-OF-IT");
    let file = tmux.dir.join("paste.txt");
    std::fs::write(&file, &text).unwrap();
    tmux.tmux(&["load-buffer", "-b", "big", file.to_str().unwrap()]);
    tmux.tmux(&["paste-buffer", "-p", "-b", "big", "-t", "0"]);
    eventually("the tail of the paste shows in the filter", || {
        let line = filter_line(&tmux);
        line.contains("THE-END-OF-IT") && line.ends_with(&support::shown(0))
    });
    let screen = tmux.screen();
    assert!(screen.contains("No permission matches"), "{screen}");

    // Esc clears the 10,000 characters at once.
    tmux.keys(&["Escape"]);
    tmux.wait_for_picker();

    // Unknown, broken and truncated sequences: an unknown CSI key, invalid and
    // cut UTF-8, a mouse report far off screen, a cut CSI, a cut SS3 and a
    // lone ESC. A cut sequence may swallow the next key, as in any terminal
    // program, so a first try may lose a letter; a second try must work.
    // Each try types another word, whose last letter shows when all of it
    // has been read, so a stale screen is never taken for the answer.
    let words = ["chat", "mail", "user", "files", "team", "group", "sites"];
    let mut tries = 0;
    let mut typing_works = || {
        let word = words[tries % words.len()];
        tries += 1;
        tmux.keys(&["C-u"]);
        tmux.type_text(word);
        let last = word.chars().last().unwrap();
        let mut query = String::new();
        within(Duration::from_secs(5), || {
            query = filter_query(&tmux);
            query.ends_with(last)
        });
        query == word
    };
    for bytes in [
        "1b 5b 39 39 39 7e",
        "ff fe",
        "c3",
        "1b 5b 3c 39 39 39 39 39 3b 39 39 39 39 39 3b 31 4d",
        "1b 5b",
        "1b 4f",
        "1b",
    ] {
        let mut args = vec!["send-keys", "-t", "0", "-H"];
        args.extend(bytes.split(' '));
        tmux.tmux(&args);
        assert!(
            typing_works() || typing_works(),
            "{bytes}: typing works again; screen:\n{}",
            tmux.screen()
        );
        assert_eq!(tmux.pane_format("#{alternate_on}"), "1", "{bytes}: the picker still runs");
    }
    // And the filter still filters.
    tmux.keys(&["C-u"]);
    tmux.type_text("chat");
    eventually("chat matches some of the built-in rows", || {
        let line = filter_line(&tmux);
        let all = support::builtin_len();
        line.ends_with(&format!("/{all}"))
            && !line.ends_with(&format!(" {}", support::shown(all)))
            && !line.ends_with(&format!(" {}", support::shown(0)))
    });

    tmux.keys(&["C-c"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "130");
    assert_eq!(stdout, "");
}

/// Every byte scopepick writes to the pane, recorded with `pipe-pane`.
fn recorded(tmux: &Tmux) -> PathBuf {
    let path = tmux.dir.join("output.bin");
    let command = format!("cat >> '{}'", path.display());
    tmux.tmux(&["pipe-pane", "-o", "-t", "0", &command]);
    path
}

#[test]
fn catalog_text_with_escape_sequences_never_reaches_the_terminal_raw() {
    // The pane waits for Enter, so the recording starts before scopepick does.
    let Some(tmux) = start("hostile", "read _ &&", &format!("--catalog '{HOSTILE}'")) else {
        return;
    };
    let output = recorded(&tmux);
    tmux.keys(&["Enter"]);
    tmux.wait_for("4/4");
    // Each row in turn in the details pane (descriptions in full), each added
    // to the basket, both modes.
    for detail in [
        "Chat.Read · Delegated",
        "Mail.Send · Delegated",
        "User.Read.All · Application",
        "Calendars.Read · Delegated",
    ] {
        tmux.wait_for(detail);
        tmux.keys(&["Tab"]);
    }
    tmux.wait_for("Basket · 4");
    tmux.keys(&["C-t"]);
    tmux.wait_for("Mode: Application");
    tmux.keys(&["C-c"]);
    assert_eq!(finish(&tmux).0, "130");
    tmux.tmux(&["pipe-pane", "-t", "0"]);

    let bytes = std::fs::read(&output).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("[31mRED"), "the descriptions were drawn and recorded");
    assert!(text.contains("]52;c;cm0gLXJmIH4="), "the clipboard sequence shows as text");
    assert!(!bytes.contains(&0x07), "no BEL");
    for forbidden in ["\u{1b}]", "\u{1b}P", "\u{1b}\\", "\u{9b}", "\u{1b}[2J", "\u{1b}[31m"] {
        assert!(!text.contains(forbidden), "{forbidden:?} reached the terminal");
    }
    // Only CSI sequences: every ESC starts `ESC [`.
    let mut escapes = bytes.iter().enumerate().filter(|&(_, &b)| b == 0x1b);
    assert!(escapes.all(|(i, _)| bytes.get(i + 1) == Some(&b'[')), "an ESC not followed by [");
    let controls: Vec<char> =
        text.chars().filter(|&c| c.is_control() && !matches!(c, '\u{1b}' | '\r' | '\n')).collect();
    assert_eq!(controls, [], "no other control characters");
    assert_ne!(tmux.pane_format("#{pane_title}"), "pwned-title", "the title was not set");
}

#[test]
fn catalog_names_with_escape_sequences_are_refused_on_one_safe_line() {
    let dir = support::private_dir("evil-name");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("evil.json");
    std::fs::write(
        &file,
        r#"{"name":"t","permissions":[{"name":"Evil\u001b[31m\u0007.Read","type":"Delegated","description":"d","admin_consent":false,"id":"465a38f9-76ea-45b9-9f34-9e8b0d4b0b42"}]}"#,
    )
    .unwrap();
    for args in [&["build", "Evil.Read"][..], &["list"], &["check", "Evil.Read"]] {
        let out = Command::new(BIN)
            .arg("--catalog")
            .arg(&file)
            .args(args)
            .env("SCOPEPICK_DATA_DIR", dir.join("data"))
            .env("SCOPEPICK_CONFIG_DIR", dir.join("config"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("which contains a control character"), "{args:?}: {stderr}");
        assert!(!stderr.contains(['\u{1b}', '\u{7}']), "{args:?}: raw escape in {stderr:?}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn list_prints_hostile_catalog_text_without_control_characters() {
    for format in ["table", "tsv", "json"] {
        let out = Command::new(BIN)
            .args(["--catalog", HOSTILE, "list", "--format", format])
            .env("SCOPEPICK_DATA_DIR", std::env::temp_dir().join("scopepick-robust-no-data"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains("Chat.Read") && stdout.contains("予定表"), "{format}: {stdout}");
        let controls: Vec<char> =
            stdout.chars().filter(|&c| c.is_control() && !matches!(c, '\n' | '\t')).collect();
        assert_eq!(controls, [], "{format}: {stdout:?}");
    }
}

/// The pid of the process running `BIN` under the pane's shell.
fn scopepick_pid(tmux: &Tmux) -> u32 {
    let shell = tmux.pane_format("#{pane_pid}");
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        .expect("the shell's children");
    children.split_whitespace().next().expect("scopepick runs").parse().unwrap()
}

/// Kills `pid` (a scopepick this test started) when dropped, if it still runs.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if Path::new(&format!("/proc/{}", self.0)).exists() {
            let _ = Command::new("kill").args(["-KILL", &self.0.to_string()]).status();
        }
    }
}

#[test]
fn the_picker_exits_when_its_terminal_goes_away() {
    let Some(tmux) = start("hangup", "", "") else { return };
    tmux.wait_for_picker();
    let pid = scopepick_pid(&tmux);
    let _cleanup = KillOnDrop(pid);
    // The terminal disappears: the pane's pty is closed, the shell gets
    // SIGHUP and passes it on as it dies.
    tmux.tmux(&["kill-server"]);
    eventually("scopepick ends once its terminal is gone", || ended(pid));
}

#[test]
fn the_picker_exits_129_when_its_terminal_goes_away_without_a_sighup() {
    // A session leader that ignores SIGHUP survives the hangup, so no SIGHUP
    // reaches scopepick; the shell then records its exit code.
    let dir = support::private_dir("hangup-quiet");
    let rc = dir.join("rc");
    let command = format!("trap '' HUP; '{BIN}' --fresh > /dev/null; echo $? > '{}'", rc.display());
    let Some(tmux) = Tmux::start("hangup-quiet", &command, 100, 30) else { return };
    tmux.wait_for_picker();
    let pid = scopepick_pid(&tmux);
    let _cleanup = KillOnDrop(pid);
    tmux.tmux(&["kill-server"]);
    eventually("scopepick ends once its terminal is gone", || ended(pid));
    eventually("the shell records the exit code", || {
        std::fs::read_to_string(&rc).is_ok_and(|text| text.ends_with('\n'))
    });
    assert_eq!(std::fs::read_to_string(&rc).unwrap().trim(), "129", "as for SIGHUP");
}

/// How soon the picker must be gone once its terminal is. It takes well
/// under a second; the bound leaves room for a debug binary on a loaded
/// machine running many e2e tests at once (2 s flaked there) and still
/// catches a picker that spins or waits for a timeout.
const GONE_WITHIN: Duration = Duration::from_secs(15);

/// Closes the terminal of a picker that still has its stderr on it (so the
/// last words on stderr fail with EIO) and checks that the process is gone
/// within [`GONE_WITHIN`], not spinning.
fn assert_gone_after_the_hangup(tmux: &Tmux) {
    let pid = scopepick_pid(tmux);
    let _cleanup = KillOnDrop(pid);
    tmux.tmux(&["kill-server"]);
    assert!(
        within(GONE_WITHIN, || ended(pid)),
        "scopepick {pid} still runs {GONE_WITHIN:?} after its terminal went away: {}",
        std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default()
    );
}

/// Puts Chat.Read into the basket of a freshly started picker.
fn fill_basket(tmux: &Tmux) {
    tmux.wait_for_picker();
    tmux.type_text("chat.read");
    // The whole name ranks first once the filter has run.
    tmux.wait_for("> chat.read ");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 1");
}

#[test]
fn the_picker_exits_when_its_terminal_goes_away_with_a_full_basket() {
    let Some(tmux) = start("hangup-basket", "", "") else { return };
    fill_basket(&tmux);
    assert_gone_after_the_hangup(&tmux);
}

#[test]
fn the_picker_exits_when_its_terminal_goes_away_with_a_menu_open() {
    let Some(tmux) = start("hangup-menu", "", "") else { return };
    fill_basket(&tmux);
    tmux.keys(&["F5"]);
    tmux.wait_for("Export for the admin");
    assert_gone_after_the_hangup(&tmux);
}

#[test]
fn the_picker_exits_when_its_terminal_goes_away_during_a_filter_pass() {
    let dir = support::TempDir::new("hangup-filter-catalog");
    let catalog = dir.0.join("catalog.json");
    let permissions: Vec<serde_json::Value> = (0..60_000)
        .map(|n| {
            serde_json::json!({
                "name": format!("Chat{n}.Read.All"),
                "type": if n % 2 == 0 { "Delegated" } else { "Application" },
                "description": format!("Allows the app to read chat number {n} of every user"),
                "admin_consent": true,
                "id": format!("00000000-0000-4000-8000-{n:012x}"),
            })
        })
        .collect();
    let json = serde_json::json!({ "name": "generated", "permissions": permissions });
    std::fs::write(&catalog, json.to_string()).unwrap();
    let args = format!("--catalog '{}'", catalog.display());
    let Some(tmux) = start("hangup-filter", "", &args) else { return };
    tmux.wait_for("60000/60000");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 1");
    // Typos make every pass slow; the terminal goes away while they run.
    tmux.type_text("cht rd evry usr nmbr");
    assert_gone_after_the_hangup(&tmux);
}

#[test]
fn the_picker_exits_129_without_a_sighup_with_a_full_basket() {
    let dir = support::private_dir("hangup-quiet-basket");
    let rc = dir.join("rc");
    let command = format!("trap '' HUP; '{BIN}' --fresh; echo $? > '{}'", rc.display());
    let Some(tmux) = Tmux::start("hangup-quiet-basket", &command, 100, 30) else { return };
    fill_basket(&tmux);
    assert_gone_after_the_hangup(&tmux);
    eventually("the shell records the exit code", || {
        std::fs::read_to_string(&rc).is_ok_and(|text| text.ends_with('\n'))
    });
    assert_eq!(std::fs::read_to_string(&rc).unwrap().trim(), "129", "as for SIGHUP");
}

#[test]
fn check_answers_a_1_mb_paste_quickly_with_a_capped_report() {
    // Known names in odd casing, typos, unknown names, commas, semicolons,
    // line breaks, tabs, no-break and zero-width spaces, CJK.
    let tokens = [
        "Chat.Read ",
        "Mail.Sned  ",
        "calendars.read,",
        "Profile\n",
        "https://graph.microsoft.com/User.Read.All ",
        "offline_access;",
        "xyz\u{a0}",
        "\u{200b}",
        "Sites.Read.All\t",
        "Foo.Bar.Baz ",
        "日本語 ",
    ];
    let mut text = String::new();
    for token in tokens.iter().cycle() {
        if text.len() + token.len() > 1_000_000 {
            break;
        }
        text.push_str(token);
    }
    assert!(text.len() > 999_900);
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(["check", "-"])
        .env("SCOPEPICK_DATA_DIR", std::env::temp_dir().join("scopepick-robust-no-data"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(text.as_bytes()).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let elapsed = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    // About 0.3 s in a debug build: the bound catches only a slowdown by an
    // order of magnitude or more (such as unbounded did-you-mean lookups).
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.len() < 100_000, "the text report is capped: {} bytes", stdout.len());
    assert!(stdout.contains("more problems (--format json lists all)"), "{stdout}");
    assert!(stdout.contains("'Mail.Sned'"), "{stdout}");
}
