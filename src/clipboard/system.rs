//! The system clipboard. On Linux (X11, Wayland) the copying process must
//! serve the text for as long as it should stay pasteable, so a detached
//! helper — this same binary in a hidden mode — owns it until another program
//! takes the clipboard. Elsewhere arboard copies in-process.

use std::io;

/// The hidden subcommand that runs the helper.
pub const SERVE_COMMAND: &str = "__serve-clipboard";

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
        use std::time::Duration;

        // Helpers that lost the clipboard have exited: reap them.
        self.helpers.retain_mut(|child| matches!(child.try_wait(), Ok(None)));
        let exe =
            std::env::current_exe().map_err(|e| format!("cannot find scopepick itself: {e}"))?;
        let mut child = Command::new(exe)
            .arg(SERVE_COMMAND)
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
        let answer = receive.recv_timeout(Duration::from_secs(5));
        let result = match answer.as_deref().map(str::trim) {
            Ok("ok") => Ok(()),
            Ok(line) => {
                Err(line.strip_prefix("error: ").unwrap_or("the helper stopped").to_string())
            }
            Err(_) => {
                let _ = child.kill();
                Err("the clipboard helper did not answer within 5 s".to_string())
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

/// The helper: detaches from the terminal's session, reads the text on
/// stdin, takes the clipboard, answers `ok` (or `error: ...`) on stdout and
/// serves the text until another program replaces it. Never prints to the terminal.
pub fn serve_selection() -> u8 {
    use std::io::{Read, Write};

    #[cfg(unix)]
    // SAFETY: setsid has no memory-safety preconditions; it fails harmlessly
    // when the process already leads a group.
    unsafe {
        libc::setsid();
    }
    let mut text = String::new();
    let mut out = io::stdout();
    if let Err(e) = io::stdin().read_to_string(&mut text) {
        let _ = writeln!(out, "error: cannot read the text: {e}");
        return 1;
    }
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
        let _ = clipboard.set().wait().text(text);
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    let _ = &mut clipboard;
    0
}
