//! Files written from the command line: replaced atomically, and a write that
//! fails (read-only directory, a write error part-way as on a full disk)
//! reports one clear line and leaves the old file as it was.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output};

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
