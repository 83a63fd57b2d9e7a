//! Every reader is capped: `/dev/zero` or an oversized file ends with one
//! clear line naming the source and the limit, never with the memory used up
//! or a run that never ends.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support;

use support::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");

/// Runs scopepick with `stdin` (a file) and returns exit code and stderr;
/// a run that takes over 60 s is killed and fails the test.
fn run(tmp: &TempDir, args: &[&str], stdin: &str) -> (Option<i32>, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .env("SCOPEPICK_DATA_DIR", tmp.0.join("data"))
        .env("SCOPEPICK_CONFIG_DIR", tmp.0.join("config"))
        .stdin(std::fs::File::open(stdin).unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            return (status.code(), stderr);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("scopepick {args:?} < {stdin} never ended");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn assert_refused(out: (Option<i32>, String), source: &str, limit: &str) {
    let (code, stderr) = out;
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(source), "names the source {source}: {stderr}");
    assert!(stderr.contains(&format!("larger than {limit}")), "names the limit {limit}: {stderr}");
}

#[test]
fn dev_zero_on_stdin_is_refused_at_the_cap() {
    let tmp = TempDir::new("bounded-stdin");
    assert_refused(run(&tmp, &["catalog", "import", "-"], "/dev/zero"), "standard input", "64 MB");
    assert_refused(run(&tmp, &["check", "-"], "/dev/zero"), "standard input", "1 MB");
    assert!(!tmp.0.join("data/catalog.json").exists(), "nothing stored");
}

#[test]
fn dev_zero_as_a_file_is_refused_at_the_cap() {
    let tmp = TempDir::new("bounded-file");
    assert_refused(
        run(&tmp, &["catalog", "import", "/dev/zero"], "/dev/null"),
        "/dev/zero",
        "64 MB",
    );
    assert_refused(
        run(&tmp, &["--catalog", "/dev/zero", "list"], "/dev/null"),
        "/dev/zero",
        "64 MB",
    );
}

#[test]
fn oversized_files_are_refused_naming_file_and_limit() {
    let tmp = TempDir::new("bounded-big");
    let big = tmp.0.join("big-export.json");
    // Sparse: 64 MB and one byte of zeros, no disk space used.
    std::fs::File::create(&big).unwrap().set_len((64 << 20) + 1).unwrap();
    let name = big.to_str().unwrap();
    assert_refused(run(&tmp, &["catalog", "import", name], "/dev/null"), name, "64 MB");
    assert_refused(run(&tmp, &["--catalog", name, "list"], "/dev/null"), name, "64 MB");
    let scopes = tmp.0.join("scopes.txt");
    std::fs::write(&scopes, "Chat.Read ".repeat(110_000)).unwrap();
    assert_refused(run(&tmp, &["check", "-"], scopes.to_str().unwrap()), "standard input", "1 MB");
    // The stored catalog and the session are capped too.
    std::fs::create_dir_all(tmp.0.join("data")).unwrap();
    let stored = tmp.0.join("data/catalog.json");
    std::fs::File::create(&stored).unwrap().set_len((64 << 20) + 1).unwrap();
    let (code, stderr) = run(&tmp, &["list"], "/dev/null");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains(stored.to_str().unwrap()) && stderr.contains("larger than 64 MB"),
        "{stderr}"
    );
}
