//! Files written from the command line: replaced atomically, and a write that
//! fails (read-only directory, a write error part-way as on a full disk, a
//! refused rename) reports one clear line and leaves the old file as it was
//! and no temporary file. Parallel writers of a store lose nothing; a failed
//! write to standard output is an error of every command.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");
const OLD: &str = "the old export, byte for byte\n";

use crate::support;

use support::TempDir;

/// A private directory with an empty `out/` for the exports.
fn with_out_dir(name: &str) -> TempDir {
    let tmp = TempDir::new(&format!("files-{name}"));
    fs::create_dir_all(tmp.0.join("out")).unwrap();
    tmp
}

/// `scopepick export -f manifest -o OUTPUT Chat.Read`, run by `sh -c` after
/// `setup` (shell commands ending in `exec`, with room for a wrapper such as
/// `setpriv ...`), with private data and config directories.
fn export_to(tmp: &TempDir, output: &Path, setup: &str) -> Output {
    let script = format!("{setup} \"$0\" export -f manifest --force -o \"$1\" Chat.Read");
    Command::new("sh")
        .args(["-c", &script, BIN])
        .arg(output)
        .env("SCOPEPICK_DATA_DIR", tmp.0.join("data"))
        .env("SCOPEPICK_CONFIG_DIR", tmp.0.join("config"))
        .output()
        .unwrap()
}

/// Exit code 2 and exactly one line, `error: cannot write PATH: REASON`.
fn assert_one_clear_line(out: &Output, path: &Path, reason: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(out.stdout, b"");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let expected = format!("error: cannot write {}: {reason}", path.display());
    assert!(stderr.starts_with(&expected), "expected {expected:?}, got {stderr:?}");
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

/// Whether the file system refuses to create files in a 0555 directory
/// (it does not for root).
fn read_only_is_enforced(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let enforced = fs::File::create(&probe).is_err();
    let _ = fs::remove_file(probe);
    enforced
}

#[test]
fn export_replaces_the_file_atomically() {
    let tmp = with_out_dir("atomic");
    let target = tmp.0.join("out/manifest.json");
    fs::write(&target, OLD).unwrap();
    let inode = fs::metadata(&target).unwrap().ino();
    let out = export_to(&tmp, &target, "exec");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = fs::read_to_string(&target).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).expect("complete JSON");
    let access = &manifest["requiredResourceAccess"][0]["resourceAccess"][0];
    assert_eq!(access["id"], "f501c180-9344-439a-bca0-6cbf209fd270");
    assert_ne!(fs::metadata(&target).unwrap().ino(), inode, "a new file renamed into place");
    assert_eq!(names(&tmp.0.join("out")), ["manifest.json"], "no temporary file left");
}

#[test]
fn export_into_a_read_only_directory_fails_clearly_and_keeps_the_old_file() {
    let tmp = with_out_dir("read-only");
    let out_dir = tmp.0.join("out");
    let target = out_dir.join("manifest.json");
    fs::write(&target, OLD).unwrap();
    fs::set_permissions(&out_dir, fs::Permissions::from_mode(0o555)).unwrap();

    // Root ignores permissions: it runs scopepick as nobody when it can.
    let as_nobody = "exec setpriv --reuid=65534 --regid=65534 --clear-groups";
    let wrapper = if read_only_is_enforced(&out_dir) {
        Some("exec")
    } else if support::require("setpriv") {
        let works = Command::new("setpriv").args(["--reuid=65534", "true"]).status();
        assert!(works.is_ok_and(|s| s.success()), "setpriv cannot switch to nobody");
        Some(as_nobody)
    } else {
        None
    };
    match wrapper {
        Some(wrapper) => {
            let out = export_to(&tmp, &target, wrapper);
            assert_one_clear_line(&out, &target, "Permission denied");
            assert_eq!(fs::read_to_string(&target).unwrap(), OLD);
            assert_eq!(names(&out_dir), ["manifest.json"], "no temporary file left");
        }
        None => eprintln!(
            "SKIPPED: permissions are not enforced (root without setpriv); only a file \
             standing where the directory should be is checked"
        ),
    }

    // A file where the directory should be.
    let not_a_dir = tmp.0.join("file");
    fs::write(&not_a_dir, OLD).unwrap();
    let target = not_a_dir.join("manifest.json");
    let out = export_to(&tmp, &target, "exec");
    assert_one_clear_line(&out, &target, "Not a directory");
    assert_eq!(fs::read_to_string(&not_a_dir).unwrap(), OLD);
}

#[test]
fn an_export_that_cannot_be_written_to_the_end_keeps_the_old_file() {
    // A file-size limit of 0 (with SIGXFSZ ignored) makes every write of the
    // new file fail with EFBIG, as a full disk does with ENOSPC; unlike
    // permissions, root is subject to it too.
    let tmp = with_out_dir("full");
    let target = tmp.0.join("out/manifest.json");
    fs::write(&target, OLD).unwrap();
    let out = export_to(&tmp, &target, "trap '' XFSZ; ulimit -f 0; exec");
    assert_one_clear_line(&out, &target, "File too large");
    assert_eq!(fs::read_to_string(&target).unwrap(), OLD);
    assert_eq!(names(&tmp.0.join("out")), ["manifest.json"], "no temporary file left");
}

/// `scopepick ARGS` with the private data and config directories of `tmp`.
fn scopepick(tmp: &TempDir, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env("SCOPEPICK_DATA_DIR", tmp.0.join("data"))
        .env("SCOPEPICK_CONFIG_DIR", tmp.0.join("config"));
    command
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs all `commands` at once (each started before any is waited for) and
/// returns their outputs in order.
fn in_parallel(commands: Vec<Command>) -> Vec<Output> {
    let children: Vec<Child> = commands
        .into_iter()
        .map(|mut c| c.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    children.into_iter().map(|c| c.wait_with_output().unwrap()).collect()
}

#[test]
fn dash_is_standard_output_and_directories_are_refused() {
    let tmp = with_out_dir("dash");
    let out = scopepick(&tmp, &["export", "-f", "manifest", "-o", "-", "Chat.Read"])
        .current_dir(&tmp.0)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let manifest: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert!(manifest["requiredResourceAccess"].is_array());
    assert!(!tmp.0.join("-").exists(), "no file named -");

    let out_dir = tmp.0.join("out");
    let new_dir = format!("{}/", tmp.0.join("new").display());
    let cases = [
        (out_dir.display().to_string(), "is a directory, not a regular file"),
        (format!("{}/", out_dir.display()), "ends with '/'"),
        (new_dir.clone(), "ends with '/'"),
    ];
    for (target, reason) in cases {
        for force in [true, false] {
            let mut args = vec!["export", "-f", "manifest", "-o", &target, "Chat.Read"];
            if force {
                args.push("--force");
            }
            let out = scopepick(&tmp, &args).output().unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{target}: {err}");
            assert_eq!(err.lines().count(), 1, "{target}: {err}");
            assert!(err.starts_with(&format!("error: cannot write {target}: ")), "{err}");
            assert!(err.contains(reason), "{target}: {err}");
        }
    }
    assert!(out_dir.is_dir() && names(&out_dir).is_empty(), "the directory is untouched");
    assert!(!tmp.0.join("new").exists());
}

#[test]
fn a_refused_rename_in_a_sticky_directory_leaves_no_temporary_file() {
    // In a 1777 directory (like /tmp) another user may create files but not
    // replace root's: the temporary file is written, the rename fails.
    if !can_run_as_nobody("a file of another user is needed to refuse the rename") {
        return;
    }
    let tmp = with_out_dir("sticky");
    let shared = tmp.0.join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    let target = shared.join("grant.json");
    fs::write(&target, OLD).unwrap();
    let out = export_to(&tmp, &target, "exec setpriv --reuid=65534 --regid=65534 --clear-groups");
    assert_one_clear_line(&out, &target, "Operation not permitted");
    assert_eq!(fs::read_to_string(&target).unwrap(), OLD);
    assert_eq!(names(&shared), ["grant.json"], "no temporary file left");
}

/// Whether the test may run scopepick as nobody (as root, with setpriv);
/// else says why it is skipped.
fn can_run_as_nobody(why: &str) -> bool {
    // SAFETY: a plain query.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("SKIPPED (needs root): {why}");
        return false;
    }
    support::require("setpriv")
}

#[test]
fn a_temporary_file_a_killed_save_left_is_removed_by_the_next_save() {
    let tmp = with_out_dir("stale");
    let dir = tmp.0.join("config/selections");
    fs::create_dir_all(&dir).unwrap();
    let stale = dir.join(".scopepick-selection-Ab12Cd.tmp");
    fs::write(&stale, "{\"tenant\": \"half of a sav").unwrap();
    let out = scopepick(&tmp, &["selection", "save", "acme", "Chat.Read"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(names(&dir), ["acme.json"]);
}

#[test]
fn parallel_changes_of_one_selection_keep_every_field() {
    let tmp = with_out_dir("parallel-set");
    for round in 0..6 {
        let save = ["selection", "save", "--force", "acme", "Chat.Read"];
        assert!(scopepick(&tmp, &save).output().unwrap().status.success());
        let app_id = format!("11111111-2222-3333-4444-{round:012}");
        let tenant = format!("t{round}.onmicrosoft.com");
        let uri = format!("https://portal{round}.example/oauth");
        let sets = [["--tenant", &tenant], ["--app-id", &app_id], ["--redirect-uri", &uri]];
        let outs = in_parallel(
            sets.iter()
                .map(|[flag, value]| scopepick(&tmp, &["selection", "set", "acme", flag, value]))
                .collect(),
        );
        for out in &outs {
            assert!(out.status.success(), "round {round}: {}", stderr(out));
        }
        let file = fs::read_to_string(tmp.0.join("config/selections/acme.json")).unwrap();
        let saved: serde_json::Value = serde_json::from_str(&file).unwrap();
        assert_eq!(saved["tenant"], tenant.as_str(), "round {round}: {file}");
        assert_eq!(saved["app_id"], app_id.as_str(), "round {round}: {file}");
        assert_eq!(saved["redirect_uri"], uri.as_str(), "round {round}: {file}");
    }
}

#[test]
fn parallel_saves_of_one_name_save_one_file_once() {
    let tmp = with_out_dir("parallel-save");
    let dir = tmp.0.join("config/selections");
    for round in 0..3 {
        let _ = fs::remove_dir_all(&dir);
        let spellings = ["acme", "Acme", "ACME"];
        let outs = in_parallel(
            (0..24)
                .map(|i| scopepick(&tmp, &["selection", "save", spellings[i % 3], "Chat.Read"]))
                .collect(),
        );
        let saved = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(saved, 1, "round {round}: exactly one save wins");
        for out in outs.iter().filter(|o| !o.status.success()) {
            assert_eq!(out.status.code(), Some(2));
            assert!(stderr(out).contains("exists: pass --force"), "{}", stderr(out));
        }
        let files: Vec<String> = names(&dir).into_iter().filter(|n| n.ends_with(".json")).collect();
        assert_eq!(files, ["acme.json"], "round {round}: one name, one file");
    }
}

#[test]
fn parallel_catalog_imports_are_all_kept() {
    let export = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/graph/graph-sp.json");
    let tmp = with_out_dir("parallel-import");
    for round in 0..4 {
        let _ = fs::remove_dir_all(tmp.0.join("data"));
        let outs =
            in_parallel((0..3).map(|_| scopepick(&tmp, &["catalog", "import", export])).collect());
        for out in &outs {
            assert!(out.status.success(), "round {round}: {}", stderr(out));
        }
        let file = fs::read_to_string(tmp.0.join("data/catalog.json")).unwrap();
        let stored: serde_json::Value = serde_json::from_str(&file).unwrap();
        let sources = stored["sources"].as_array().map_or(0, Vec::len);
        assert_eq!(sources, 3, "round {round}: every import is recorded, none lost");
    }
}

#[test]
fn every_command_reports_a_failed_write_to_standard_output() {
    let tmp = with_out_dir("dev-full");
    let save = ["selection", "save", "acme", "Chat.Read"];
    assert!(scopepick(&tmp, &save).output().unwrap().status.success());
    let commands: [&[&str]; 12] = [
        &["build", "Chat.Read"],
        &["check", "--format", "json", "Chat.Read"],
        &["check", "Chat.Read"],
        &["selection", "show", "acme"],
        &["selection", "list"],
        &["selection", "set", "acme", "--tenant", "contoso.onmicrosoft.com"],
        &["catalog", "status"],
        &["list"],
        &["show", "Chat.Read"],
        &["export", "-f", "manifest", "Chat.Read"],
        &["audit", "--preset", "intrexx", "Chat.Read"],
        &["completions", "bash"],
    ];
    for args in commands {
        let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let out = scopepick(&tmp, args).stdout(full).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        let last = err.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("error: cannot write to standard output: No space left on device"),
            "{args:?}: {err}"
        );
    }
}

/// The pid of the process called `name` that the pane's shell started, once there is one.
fn child_called(tmux: &support::Tmux, name: &str) -> u32 {
    let shell = tmux.pane_format("#{pane_pid}");
    let mut found = None;
    support::eventually(&format!("{name} runs"), || {
        let children =
            fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap_or_default();
        found = children.split_whitespace().filter_map(|p| p.parse::<u32>().ok()).find(|pid| {
            fs::read_to_string(format!("/proc/{pid}/comm")).is_ok_and(|c| c.trim() == name)
        });
        found.is_some()
    });
    found.unwrap()
}

/// Whether `pid` has a handler for `signal` (its `SigCgt` mask in /proc).
fn catches(pid: u32, signal: i32) -> bool {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let mask = status.lines().find_map(|l| l.strip_prefix("SigCgt:")).unwrap_or("0");
    u64::from_str_radix(mask.trim(), 16).is_ok_and(|m| m & (1 << (signal - 1)) != 0)
}

#[test]
fn a_signal_while_the_last_session_is_restored_never_saves_an_empty_one() {
    // SIGTERM and SIGHUP arrive as soon as the picker handles them, maybe
    // before it has restored a session of ten thousand names the catalog
    // lacks. Before, the empty session it had not yet restored could be saved
    // over the last one.
    let names: Vec<String> = (0..10_000).map(|i| format!("Gone.Permission.{i:06}")).collect();
    let mut basket = vec![serde_json::json!({"name": "Chat.Read", "type": "Delegated"})];
    basket.extend(names.iter().map(|n| serde_json::json!({"name": n, "type": "Delegated"})));
    let session = serde_json::json!({"mode": "Delegated", "style": "short", "basket": basket});
    let source = TempDir::new("slow-session");
    let original = source.0.join("session.json");
    fs::write(&original, serde_json::to_string_pretty(&session).unwrap()).unwrap();
    for (signal, number, code) in [("TERM", libc::SIGTERM, "143"), ("HUP", libc::SIGHUP, "129")] {
        let name = format!("slow-restore-{signal}");
        let dir = std::env::temp_dir().join(format!("scopepick-{name}-{}", std::process::id()));
        let (d, o) = (dir.display(), original.display());
        let command = format!(
            "mkdir -p '{d}/config' && cp '{o}' '{d}/config/session.json' && \
             '{BIN}'; echo $? > '{d}/rc'; exec sleep 600"
        );
        let Some(tmux) = support::Tmux::start(&name, &command, 100, 30) else { return };
        let pid = child_called(&tmux, "scopepick");
        support::eventually("the picker handles signals", || catches(pid, number));
        let restoring = !tmux.screen().contains("Restored");
        eprintln!("SIG{signal} sent while restoring: {restoring}");
        Command::new("kill").args([&format!("-{signal}"), &pid.to_string()]).status().unwrap();
        assert_eq!(tmux.wait_for_file(&dir.join("rc")).trim(), code);
        let kept = fs::read_to_string(dir.join("config/session.json")).unwrap();
        let kept: serde_json::Value = serde_json::from_str(&kept).unwrap();
        let basket = kept["basket"].as_array().unwrap();
        assert!(
            basket.iter().any(|p| p["name"] == "Chat.Read"),
            "SIG{signal} (restoring: {restoring}) saved a session without Chat.Read"
        );
        // Restoring is linear now and usually done before the signal lands,
        // so the picker saves what it restored (the names the catalog has);
        // a signal before the picker is up saves nothing, which
        // `e2e::lifecycle::a_picker_started_in_the_background_ends_on_sigterm_and_keeps_the_session`
        // shows every time.
        assert!(
            basket.len() == 1 || basket.len() == names.len() + 1,
            "SIG{signal} (restoring: {restoring}): {} rows saved",
            basket.len()
        );
    }
}

#[test]
fn an_unreadable_session_is_moved_aside_not_overwritten() {
    // As nobody, so that mode 000 keeps the file from being read (root reads it).
    if !can_run_as_nobody("the picker runs as nobody") {
        return;
    }
    let name = "unreadable-session";
    let dir = std::env::temp_dir().join(format!("scopepick-{name}-{}", std::process::id()));
    let d = dir.display();
    let hand_edit = r#"{"mode": "Application", "style": "default", "basket": []}"#;
    let command = format!(
        "mkdir -p '{d}/config' && printf '%s' '{hand_edit}' > '{d}/config/session.json' && \
         chmod 000 '{d}/config/session.json' && chown -R 65534:65534 '{d}/config' && \
         setpriv --reuid=65534 --regid=65534 --clear-groups '{BIN}'; echo $? > '{d}/rc'; exec sleep 600"
    );
    let Some(tmux) = support::Tmux::start(name, &command, 250, 30) else { return };
    tmux.wait_for("The last session was not restored");
    tmux.wait_for("session.json.damaged-1");
    tmux.keys(&["Escape"]);
    assert_eq!(tmux.wait_for_file(&dir.join("rc")).trim(), "130");
    let aside = dir.join("config/session.json.damaged-1");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(fs::read_to_string(&aside).unwrap(), hand_edit, "kept byte for byte");
    assert_eq!(mode(&aside), 0o000, "moved as it was");
    let session = dir.join("config/session.json");
    assert_eq!(mode(&session), 0o600, "the new session is readable by its owner");
    assert!(fs::read_to_string(&session).unwrap().contains("\"basket\""));
}

#[test]
fn the_pickers_enter_reports_a_failed_write_to_standard_output() {
    let name = "enter-dev-full";
    let dir = std::env::temp_dir().join(format!("scopepick-{name}-{}", std::process::id()));
    let d = dir.display();
    let command =
        format!("'{BIN}' > /dev/full 2> '{d}/stderr'; echo $? > '{d}/rc'; exec sleep 600");
    let Some(tmux) = support::Tmux::start(name, &command, 100, 30) else { return };
    tmux.wait_for("Basket");
    tmux.type_text("chat.read");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 1");
    tmux.keys(&["Enter"]);
    assert_eq!(tmux.wait_for_file(&dir.join("rc")).trim(), "2");
    let stderr = fs::read_to_string(dir.join("stderr")).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: cannot write to standard output: No space left on device"),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("the scope string was: Chat.Read"), "{stderr}");
}
