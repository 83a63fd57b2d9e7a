//! The system clipboard. On Linux (X11, Wayland) the copying process must
//! serve the text for as long as it should stay pasteable, so a detached
//! helper — this same binary in a hidden mode — owns it until another program
//! takes the clipboard. Elsewhere arboard copies in-process.

use std::io;

/// The hidden subcommand that runs the helper.
pub const SERVE_COMMAND: &str = "__serve-clipboard";

/// The environment the helper keeps: what the display connection needs.
pub const HELPER_ENV: [&str; 5] =
    ["DISPLAY", "XAUTHORITY", "HOME", "WAYLAND_DISPLAY", "XDG_RUNTIME_DIR"];

/// The longest a helper serves the clipboard.
const HELPER_LIFETIME: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);

/// How long a copy waits for the helper's answer. A working X server or
/// compositor answers in tens of milliseconds; a stopped one never does, and
/// the picker must not freeze while it waits.
const ANSWER_WITHIN: std::time::Duration = std::time::Duration::from_secs(1);

/// How often the helper checks that its display is still there.
const DISPLAY_CHECK_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Copies to the system clipboard.
#[derive(Default)]
pub struct SystemClipboard {
    #[cfg(all(unix, not(target_os = "macos")))]
    helpers: Vec<std::process::Child>,
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    inner: Option<arboard::Clipboard>,
}

#[cfg(all(unix, not(target_os = "macos")))]
impl SystemClipboard {
    /// Hands `text` to a new helper and waits for its "ok" (or its error).
    pub fn copy(&mut self, text: &str) -> Result<(), String> {
        use std::io::{BufRead, BufReader, Write};
        use std::process::{Command, Stdio};
        use std::sync::mpsc;

        // Helpers that lost the clipboard have exited: reap them.
        self.helpers.retain_mut(|child| matches!(child.try_wait(), Ok(None)));
        let exe =
            std::env::current_exe().map_err(|e| format!("cannot find scopepick itself: {e}"))?;
        let kept = HELPER_ENV.iter().filter_map(|k| Some((k, std::env::var_os(k)?)));
        let mut child = Command::new(exe)
            .arg(SERVE_COMMAND)
            .current_dir("/")
            .env_clear()
            .envs(kept)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the clipboard helper: {e}"))?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        stdin.write_all(text.as_bytes()).map_err(|e| format!("clipboard helper: {e}"))?;
        drop(stdin);
        let stdout = child.stdout.take().expect("stdout is piped");
        let (send, receive) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = send.send(line);
        });
        let answer = receive.recv_timeout(ANSWER_WITHIN);
        let result = match answer.as_deref().map(str::trim) {
            Ok("ok") => Ok(()),
            Ok(line) => {
                Err(line.strip_prefix("error: ").unwrap_or("the helper stopped").to_string())
            }
            Err(_) => {
                let _ = child.kill();
                Err(format!(
                    "the display did not answer within {} s (is the X server stopped?)",
                    ANSWER_WITHIN.as_secs()
                ))
            }
        };
        self.helpers.push(child);
        result
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
impl SystemClipboard {
    /// Copies in-process; one arboard connection is kept for the app's life.
    pub fn copy(&mut self, text: &str) -> Result<(), String> {
        let clipboard = match &mut self.inner {
            Some(clipboard) => clipboard,
            None => self.inner.insert(arboard::Clipboard::new().map_err(|e| e.to_string())?),
        };
        clipboard.set_text(text).map_err(|e| e.to_string())
    }
}

/// The helper: detaches from the terminal's session and from every
/// inherited descriptor but stdin, stdout and stderr, reads the text on
/// stdin, takes the clipboard, answers `ok` (or `error: ...`) on stdout and
/// serves the text until another program replaces it, its display goes away
/// or a day has passed. Never prints to the terminal.
pub fn serve_selection() -> u8 {
    use std::io::Write;

    #[cfg(unix)]
    // SAFETY: setsid has no memory-safety preconditions; it fails harmlessly
    // when the process already leads a group.
    unsafe {
        libc::setsid();
    }
    #[cfg(unix)]
    close_inherited_descriptors();
    let _ = std::env::set_current_dir("/");
    let mut out = io::stdout();
    let text = crate::fsutil::read_capped(io::stdin().lock(), crate::fsutil::EXPORT_MAX_BYTES)
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
        });
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            let _ = writeln!(out, "error: cannot read the text: {e}");
            return 1;
        }
    };
    let clipboard =
        arboard::Clipboard::new().and_then(|mut c| c.set_text(text.as_str()).map(|_| c));
    let mut clipboard = match clipboard {
        Ok(clipboard) => clipboard,
        Err(e) => {
            let _ =
                writeln!(out, "error: {}", e.to_string().lines().next().unwrap_or("unknown error"));
            return 1;
        }
    };
    let _ = writeln!(out, "ok");
    let _ = out.flush();
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        use arboard::SetExtLinux;
        detach_from_the_caller();
        end_with_the_display();
        let _ = clipboard.set().wait().text(text);
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    let _ = &mut clipboard;
    0
}

/// Closes every descriptor above stderr that the caller let the helper
/// inherit (a pipe held open would keep the caller's pipeline waiting).
#[cfg(unix)]
fn close_inherited_descriptors() {
    let open: Vec<i32> = std::fs::read_dir("/proc/self/fd")
        .or_else(|_| std::fs::read_dir("/dev/fd"))
        .map(|dir| dir.flatten().filter_map(|e| e.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_else(|_| (3..1024).collect());
    for fd in open.into_iter().filter(|&fd| fd > 2) {
        // SAFETY: closing descriptors this process does not use; the one the
        // directory listing itself used is already closed (EBADF is harmless).
        unsafe {
            libc::close(fd);
        }
    }
}

/// After the answer, stdin, stdout and stderr point at `/dev/null`: nothing
/// of the caller stays open.
#[cfg(all(unix, not(target_os = "macos")))]
fn detach_from_the_caller() {
    use std::os::fd::AsRawFd;
    if let Ok(null) = std::fs::OpenOptions::new().read(true).write(true).open("/dev/null") {
        for fd in 0..=2 {
            // SAFETY: dup2 of an open descriptor onto the standard ones.
            unsafe {
                libc::dup2(null.as_raw_fd(), fd);
            }
        }
    }
}

/// Ends the helper when its display connection dies (the socket to the X
/// server or Wayland compositor hangs up) or after [`HELPER_LIFETIME`].
#[cfg(all(unix, not(target_os = "macos")))]
fn end_with_the_display() {
    let sockets: Vec<i32> = std::fs::read_dir("/proc/self/fd")
        .map(|dir| {
            dir.flatten()
                .filter(|e| {
                    std::fs::read_link(e.path())
                        .is_ok_and(|l| l.to_string_lossy().starts_with("socket:"))
                })
                .filter_map(|e| e.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let started = std::time::Instant::now();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(DISPLAY_CHECK_EVERY);
            let hung_up = sockets.iter().any(|&fd| {
                let mut poll = libc::pollfd { fd, events: 0, revents: 0 };
                // SAFETY: one pollfd for a descriptor of this process, zero timeout.
                let ready = unsafe { libc::poll(&mut poll, 1, 0) };
                ready > 0 && poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
            });
            if hung_up || started.elapsed() > HELPER_LIFETIME {
                std::process::exit(0);
            }
        }
    });
}
