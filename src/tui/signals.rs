//! Signals, handled on their own thread: the main thread may be inside a
//! terminal read that never returns once the terminal has hung up
//! (crossterm-rs/crossterm#793), so a hung-up terminal counts as SIGHUP too.
//! SIGINT, SIGTERM, SIGHUP and SIGQUIT end the picker; SIGTSTP (Ctrl-Z) stops
//! it with the terminal restored, as vim does; SIGCONT takes it back.

use super::app::App;
use super::terminal::{restore_for_stop, restore_terminal, resume_terminal};
use crate::config::SessionStore;
use crate::saved::Session;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use std::fs::File;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the watching thread looks for signals and a hung-up terminal.
const CHECK_EVERY: Duration = Duration::from_millis(100);

/// How long saving the session and the last words on stderr may take before
/// the process exits anyway (a slow disk or a stderr pipe nobody reads must
/// not keep it alive); the write is atomic, so an unfinished save leaves the
/// old session.
const LAST_WORDS_AT_MOST: Duration = Duration::from_millis(700);

/// Set when the terminal was taken back after a stop: the screen must be
/// redrawn from scratch.
static RESUMED: AtomicBool = AtomicBool::new(false);

/// Whether the picker came back from a stop and has not redrawn yet.
pub fn resumed() -> bool {
    RESUMED.load(Ordering::SeqCst)
}

/// Whether the picker came back from a stop since the last call.
pub fn take_resumed() -> bool {
    RESUMED.swap(false, Ordering::SeqCst)
}

/// Stops the picker as Ctrl-Z does in a cooked terminal: the watching thread
/// restores the terminal, then stops the process.
pub fn suspend() {
    // SAFETY: raising a signal that the watching thread handles.
    unsafe {
        libc::raise(SIGTSTP);
    }
}

/// Whether the terminal has hung up: its pty was closed.
fn hung_up(tty: &File) -> bool {
    use std::os::fd::AsRawFd;
    let mut poll = libc::pollfd { fd: tty.as_raw_fd(), events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd for an open descriptor, and a zero timeout.
    let ready = unsafe { libc::poll(&mut poll, 1, 0) };
    ready > 0 && poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Whether this process group owns the terminal (is in the foreground).
pub(super) fn in_foreground(tty: &File) -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: plain queries on an open descriptor and on this process.
    unsafe { libc::tcgetpgrp(tty.as_raw_fd()) == libc::getpgrp() }
}

/// What must not be lost when a signal ends the picker.
#[derive(Default, Clone)]
struct Snapshot {
    scope: String,
    /// `None` until the picker has started (its last session restored): a
    /// signal before that (a picker still waiting in the background, a slow
    /// restore) must not save an empty session over the last one.
    session: Option<Session>,
}

/// Watches for the signals; on one that ends the picker, restores the
/// terminal, saves the session, writes the scope string to stderr (not for
/// SIGINT) and exits with 128 + the signal number, as shells expect. No
/// write on that path can panic or hold the exit back.
pub struct SignalWatch {
    snapshot: Arc<Mutex<Snapshot>>,
}

impl SignalWatch {
    /// Starts the watching thread.
    pub fn start(sessions: Option<SessionStore>, tty: File) -> io::Result<SignalWatch> {
        let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT])?;
        let snapshot = Arc::new(Mutex::new(Snapshot::default()));
        let shared = Arc::clone(&snapshot);
        std::thread::spawn(move || {
            let signal = loop {
                let pending: Vec<i32> = signals.pending().collect();
                if let Some(&end) = pending.iter().find(|s| ![SIGTSTP, SIGCONT].contains(s)) {
                    break end;
                }
                if pending.contains(&SIGTSTP) {
                    stop();
                }
                if (pending.contains(&SIGTSTP) || pending.contains(&SIGCONT)) && in_foreground(&tty)
                {
                    resume_terminal();
                    RESUMED.store(true, Ordering::SeqCst);
                }
                if hung_up(&tty) {
                    break SIGHUP;
                }
                std::thread::sleep(CHECK_EVERY);
            };
            restore_terminal();
            let last = shared.lock().map(|s| s.clone()).unwrap_or_default();
            within(LAST_WORDS_AT_MOST, move || {
                if let (Some(store), Some(session)) = (&sessions, &last.session) {
                    let _ = store.save(session);
                }
                if signal != SIGINT && !last.scope.is_empty() {
                    let text = format!(
                        "scopepick: stopped by signal {signal}; the scope string was:\n{}\n",
                        last.scope
                    );
                    // A vanished terminal (EIO) is ignored, never a panic.
                    let _ = io::stderr().write_all(text.as_bytes());
                }
            });
            std::process::exit(128 + signal);
        });
        Ok(SignalWatch { snapshot })
    }

    /// Remembers the app's scope string and session for a signal to hand over.
    pub fn remember(&self, app: &App) {
        if let Ok(mut snapshot) = self.snapshot.lock() {
            snapshot.scope = app.scope().to_string();
            snapshot.session = Some(app.session());
        }
    }
}

/// Restores the terminal and stops the process until SIGCONT.
fn stop() {
    restore_for_stop();
    // Stops with the default action of SIGTSTP and returns once continued.
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
}

/// Runs `last_words` on a helper thread and waits for it at most `limit`.
fn within(limit: Duration, last_words: impl FnOnce() + Send + 'static) {
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        last_words();
        let _ = done.send(());
    });
    let _ = finished.recv_timeout(limit);
}
