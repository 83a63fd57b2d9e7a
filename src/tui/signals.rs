//! SIGINT, SIGTERM and SIGHUP, handled on their own thread: the main thread
//! may be inside the terminal read, which never returns once the terminal
//! has hung up (crossterm then reads endless end-of-file,
//! crossterm-rs/crossterm#793). A hung-up terminal counts as SIGHUP even when
//! no signal comes (when the session leader ignores it).

use super::app::App;
use super::runner::restore_terminal;
use crate::config::SessionStore;
use crate::saved::Session;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::fs::File;
use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How often the watching thread looks for signals and a hung-up terminal.
const CHECK_EVERY: Duration = Duration::from_millis(100);

/// Whether the terminal has hung up: its pty was closed.
fn hung_up(tty: &File) -> bool {
    use std::os::fd::AsRawFd;
    let mut poll = libc::pollfd { fd: tty.as_raw_fd(), events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd for an open descriptor, and a zero timeout.
    let ready = unsafe { libc::poll(&mut poll, 1, 0) };
    ready > 0 && poll.revents & libc::POLLHUP != 0
}

/// What must not be lost when a signal ends the picker.
#[derive(Default, Clone)]
struct Snapshot {
    scope: String,
    session: Session,
}

/// Watches for the signals; on one, restores the terminal, saves the
/// session, writes the scope string to stderr (not for SIGINT) and exits
/// with 128 + the signal number, as shells expect.
pub struct SignalWatch {
    snapshot: Arc<Mutex<Snapshot>>,
}

impl SignalWatch {
    /// Starts the watching thread.
    pub fn start(sessions: Option<SessionStore>, tty: File) -> io::Result<SignalWatch> {
        let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
        let snapshot = Arc::new(Mutex::new(Snapshot::default()));
        let shared = Arc::clone(&snapshot);
        std::thread::spawn(move || {
            let signal = loop {
                if let Some(signal) = signals.pending().next() {
                    break signal;
                }
                if hung_up(&tty) {
                    break SIGHUP;
                }
                std::thread::sleep(CHECK_EVERY);
            };
            restore_terminal();
            let last = shared.lock().map(|s| s.clone()).unwrap_or_default();
            if let Some(store) = &sessions {
                let _ = store.save(&last.session);
            }
            if signal != SIGINT && !last.scope.is_empty() {
                eprintln!(
                    "scopepick: stopped by signal {signal}; the scope string was:\n{}",
                    last.scope
                );
            }
            std::process::exit(128 + signal);
        });
        Ok(SignalWatch { snapshot })
    }

    /// Remembers the app's scope string and session for a signal to hand over.
    pub fn remember(&self, app: &App) {
        if let Ok(mut snapshot) = self.snapshot.lock() {
            snapshot.scope = app.scope().to_string();
            snapshot.session = app.session();
        }
    }
}
