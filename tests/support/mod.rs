//! What the integration tests share: the catalog's size read from the
//! catalog, waits with a deadline and a reason, private directories, and
//! driving the real binary in tmux (a fresh server (`-L`) per test, no user
//! config (`-f /dev/null`), screens read by polling `capture-pane`).

pub mod tenant;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// How long a wait may take before the test fails: generous, because the
/// tests run debug binaries, many at once, on a loaded 2-core machine. A
/// passing wait returns as soon as its condition holds, so this costs
/// nothing unless something is really stuck.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// The number of rows of the built-in catalog (Graph's and the other
/// resources' it holds), read from the catalog (so a Graph refresh changes no test).
pub fn builtin_len() -> usize {
    scopepick::catalog::Catalog::builtin().len()
}

/// The picker's count of shown rows out of the built-in catalog, e.g. `1/1519` for one row.
pub fn shown(n: usize) -> String {
    format!("{n}/{}", builtin_len())
}

/// How `catalog status` names the built-in catalog: its size and its
/// Delegated and Application rows, counted in the catalog.
pub fn builtin_status() -> String {
    use scopepick::catalog::{Catalog, PermissionType};
    let catalog = Catalog::builtin();
    let of = |kind| catalog.permissions.iter().filter(|p| p.kind == kind).count();
    format!(
        "Microsoft Graph (built in), {} permissions: {} Delegated, {} Application",
        scopepick::text::thousands(catalog.len()),
        of(PermissionType::Delegated),
        of(PermissionType::Application)
    )
}

/// The title of the picker's first line on the built-in catalog.
pub fn builtin_title() -> String {
    let n = scopepick::text::thousands(builtin_len());
    format!("Microsoft Graph (built in) · {n} permissions")
}

/// `scopepick-<name>-<pid>` under the system temp dir, the one place a test's
/// private directory is named (the tmux helper's too). All tests of a binary
/// share its pid, so two tests asking for the same name would share files:
/// that fails here, loudly, instead of flaking.
pub fn private_dir(name: &str) -> PathBuf {
    static OWNERS: Mutex<Option<HashMap<String, ThreadId>>> = Mutex::new(None);
    let me = std::thread::current().id();
    let mut owners = OWNERS.lock().unwrap_or_else(|e| e.into_inner());
    let owner = *owners.get_or_insert_with(HashMap::new).entry(name.to_string()).or_insert(me);
    assert_eq!(owner, me, "two tests use the private directory name {name:?}");
    std::env::temp_dir().join(format!("scopepick-{name}-{}", std::process::id()))
}

/// Whether a `CI` value means "running in CI": any non-empty value but
/// `false` and `0` (CI services set `true`, `1`, `yes`, a name, ...).
pub fn is_ci_value(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Whether the tests run in CI (see [`is_ci_value`]).
pub fn in_ci() -> bool {
    is_ci_value(std::env::var("CI").ok().as_deref())
}

/// Whether a system tool is there. When it is not, the test is skipped with a
/// loud message, except in CI ([`in_ci`]), where a missing tool is a failure.
pub fn require(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if in_ci() {
            panic!("{tool} is required in CI but is not installed (.ci/run installs it)");
        }
        eprintln!("SKIPPED: {tool} is not installed; install it to run this end-to-end test");
    }
    found
}

/// A tmux server with one pane running a shell command, killed on drop.
pub struct Tmux {
    socket: String,
    /// A private directory for the test's files.
    pub dir: PathBuf,
}

impl Tmux {
    /// Starts `command` under `sh` in a `width` x `height` pane; `None` when
    /// tmux is missing (outside CI).
    pub fn start(name: &str, command: &str, width: u16, height: u16) -> Option<Tmux> {
        if !require("tmux") {
            return None;
        }
        let dir = private_dir(name);
        let socket = dir.file_name().unwrap().to_string_lossy().into_owned();
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let tmux = Tmux { socket, dir: dir.clone() };
        let status = tmux
            .command()
            .args(["new-session", "-d", "-x", &width.to_string(), "-y", &height.to_string()])
            .args(["sh", "-c", command])
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env_remove("TMUX")
            // A backtrace of the debug binary takes seconds on a loaded machine.
            .env_remove("RUST_BACKTRACE")
            .env("TERM", "xterm-256color")
            .env("SCOPEPICK_DATA_DIR", dir.join("data"))
            .env("SCOPEPICK_CONFIG_DIR", dir.join("config"))
            .status()
            .expect("tmux starts");
        assert!(status.success(), "tmux new-session failed");
        Some(tmux)
    }

    fn command(&self) -> Command {
        let mut command = Command::new("tmux");
        command.args(["-L", &self.socket, "-f", "/dev/null"]);
        command
    }

    /// Runs a tmux command and returns its stdout.
    pub fn tmux(&self, args: &[&str]) -> String {
        let out = self.command().args(args).output().expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends key names (`Tab`, `C-t`, `Enter`, ...).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend(keys);
        self.tmux(&args);
    }

    /// Types literal text.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "0", "-l", text]);
    }

    /// The visible screen.
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "0"])
    }

    /// Waits until the picker is up on the built-in catalog, every row shown.
    pub fn wait_for_picker(&self) -> String {
        self.wait_for(&shown(builtin_len()))
    }

    /// Polls the screen until `needle` shows (for [`PATIENCE`] at most).
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_all(&[needle])
    }

    /// Polls the screen until every needle shows. tmux may show a frame
    /// half drawn (rows arrive top to bottom), so a test that looks at rows
    /// below the one it waited for names them here too.
    pub fn wait_for_all(&self, needles: &[&str]) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if needles.iter().all(|needle| screen.contains(needle)) {
                return screen;
            }
            assert!(Instant::now() < deadline, "{needles:?} never appeared; screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Polls until the file exists and is complete (ends in a newline), then reads it.
    pub fn wait_for_file(&self, path: &Path) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(text) = std::fs::read_to_string(path)
                && text.ends_with('\n')
            {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{} never written; screen:\n{}",
                path.display(),
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A tmux format for the pane, e.g. `#{alternate_on}`.
    pub fn pane_format(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "0", format]).trim().to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A private X server (Xvfb) on a display number this test process has not
/// used before, killed on drop together with every clipboard helper that
/// serves it.
///
/// Numbers are never reused within a process: a test that ends its server
/// early (`kill_server`) still holds the number until it drops, and its drop
/// ends every helper on that display. With Xvfb's own choice (the lowest free
/// number) a test starting in between got the same number, and its helper was
/// killed under it: a copy reported as done, an empty clipboard.
pub struct Xvfb {
    child: std::process::Child,
    /// The display, e.g. `:7`.
    pub display: String,
    /// Whether the server was ended (its files removed) already.
    ended: bool,
}

/// The next display number to try; starts at a place that depends on the
/// process, so test processes running side by side rarely meet.
static NEXT_DISPLAY: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

impl Xvfb {
    /// Starts Xvfb; `None` when Xvfb or xclip is missing (outside CI).
    pub fn start() -> Option<Xvfb> {
        use std::io::{BufRead, BufReader};
        use std::sync::atomic::Ordering::Relaxed;
        if !require("Xvfb") || !require("xclip") {
            return None;
        }
        let base = 100 + std::process::id() % 500 * 64;
        let _ = NEXT_DISPLAY.compare_exchange(0, base, Relaxed, Relaxed);
        for _ in 0..64 {
            let number = NEXT_DISPLAY.fetch_add(1, Relaxed);
            let display = format!(":{number}");
            let mut child = Command::new("Xvfb")
                .arg(&display)
                .args(["-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "320x240x24"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("Xvfb starts");
            // Xvfb prints the number once it accepts connections, and exits
            // without a word when another server holds the number.
            let mut line = String::new();
            BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
            if line.trim() == number.to_string() {
                return Some(Xvfb { child, display, ended: false });
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("Xvfb did not start on any of 64 display numbers (try `Xvfb :{base}` to see why)");
    }

    /// Ends the X server now (as when a display goes away).
    pub fn kill_server(&mut self) {
        if std::mem::replace(&mut self.ended, true) {
            // Once only: another process may hold the number by now.
            return;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Killed, Xvfb leaves its lock file and socket behind.
        let number = self.display.trim_start_matches(':');
        let _ = std::fs::remove_file(format!("/tmp/.X{number}-lock"));
        let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{number}"));
    }

    /// Stops the X server (SIGSTOP): it accepts connections and never answers.
    pub fn stop(&self) {
        let _ = Command::new("kill").args(["-STOP", &self.child.id().to_string()]).status();
    }

    /// Lets a stopped X server go on (SIGCONT).
    pub fn resume(&self) {
        let _ = Command::new("kill").args(["-CONT", &self.child.id().to_string()]).status();
    }

    /// The clipboard's text, read with `xclip -o`.
    pub fn clipboard(&self) -> String {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .stderr(std::process::Stdio::null())
            .output()
            .expect("xclip runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Puts `text` on the clipboard with xclip (which then serves it in the
    /// background until the X server goes away).
    pub fn set_clipboard(&self, text: &str) {
        use std::io::Write;
        let mut child = Command::new("xclip")
            .args(["-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("xclip runs");
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        child.wait().unwrap();
    }

    /// Pids of scopepick clipboard helpers serving this display.
    pub fn helpers(&self) -> Vec<u32> {
        let wanted = format!("DISPLAY={}", self.display);
        let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
        entries
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
                let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
                String::from_utf8_lossy(&cmdline).contains("__serve-clipboard")
                    && environ.split(|b| *b == 0).any(|v| v == wanted.as_bytes())
            })
            .collect()
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        for pid in self.helpers() {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
        self.kill_server();
    }
}

/// Whether `pid` has ended (gone, or a zombie waiting for its parent).
pub fn ended(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

/// Polls `check` every 50 ms until it holds; fails naming `what` after
/// [`PATIENCE`].
pub fn eventually(what: &str, check: impl FnMut() -> bool) {
    eventually_within(what, PATIENCE, check);
}

/// Polls `check` every 50 ms until it holds; fails naming `what` once `limit`
/// has passed (for waits whose bound is the point of the test).
pub fn eventually_within(what: &str, limit: Duration, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !check() {
        assert!(Instant::now() < deadline, "still not true after {limit:?}: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Polls `value` until two reads in a row, `pause` apart, agree, and returns
/// that value; fails naming `what` after [`PATIENCE`] (a screen that never
/// settles is a bug, not a reason to wait forever).
pub fn settled<T: PartialEq>(what: &str, pause: Duration, mut value: impl FnMut() -> T) -> T {
    let deadline = Instant::now() + PATIENCE;
    let mut last = value();
    loop {
        std::thread::sleep(pause);
        let now = value();
        if now == last {
            return now;
        }
        assert!(Instant::now() < deadline, "never settled after {PATIENCE:?}: {what}");
        last = now;
    }
}

/// A private, empty directory under the system temp dir, removed on drop
/// (directories a test made read-only are made writable again first).
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// `scopepick-<name>-<pid>`, emptied and created.
    pub fn new(name: &str) -> TempDir {
        let dir = private_dir(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::remove_dir_all(&self.0).is_ok() {
            return;
        }
        for entry in std::fs::read_dir(&self.0).into_iter().flatten().flatten() {
            let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(0o755));
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
