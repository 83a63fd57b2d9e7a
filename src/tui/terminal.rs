//! The terminal's picker mode: raw mode, the alternate screen, mouse capture
//! and bracketed paste, entered once and always left again (normal exit,
//! error, panic, signal or Ctrl-Z). The runner and the signal thread both use it.

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Whether the picker takes the mouse (wheel and click), or leaves it to the terminal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mouse {
    /// Wheel and click work in the picker; Shift+drag still selects text in most terminals.
    #[default]
    Captured,
    /// The terminal keeps the mouse: plain drag selects text (`--no-mouse`).
    Left,
}

/// Where the terminal stands: every change happens under this lock, so the
/// signal thread's return from a stop can never take the terminal back
/// after the picker has given it up for good.
static MODE: Mutex<Mode> = Mutex::new(Mode::Off);
/// Whether picker mode captures the mouse (remembered for the return from Ctrl-Z).
static MOUSE: AtomicBool = AtomicBool::new(true);

/// The terminal's state in the picker's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Off,
    Active,
    /// Restored for a stop (Ctrl-Z, SIGTSTP): taken back on continuing.
    Stopped,
    /// Restored for good: the picker is ending; nothing takes it back.
    Ended,
}

/// The mode, locked (a panic elsewhere never keeps the terminal from being restored).
fn mode() -> MutexGuard<'static, Mode> {
    MODE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The controlling terminal, for reading keys and drawing (stdout stays clean).
pub fn open_tty() -> io::Result<File> {
    OpenOptions::new().read(true).write(true).open("/dev/tty")
}

/// Leaves raw mode, the alternate screen, mouse capture and bracketed paste,
/// and shows the cursor, for good: nothing takes the terminal back after
/// this. Safe to call more than once, from any thread, also when the process
/// is no longer in the foreground (SIGTTOU is blocked meanwhile, so it never
/// stops the process) or the terminal is gone.
pub fn restore_terminal() {
    leave_picker_mode(Mode::Ended);
}

/// [`restore_terminal`] for a stop: [`resume_terminal`] takes it back.
pub fn restore_for_stop() {
    leave_picker_mode(Mode::Stopped);
}

/// Leaves picker mode, if in it, for `next` ([`Mode::Stopped`] or [`Mode::Ended`]).
fn leave_picker_mode(next: Mode) {
    let mut mode = mode();
    let was = *mode;
    if was == Mode::Active || next == Mode::Ended {
        *mode = next;
    }
    if was != Mode::Active {
        return;
    }
    without_sigttou(|| {
        let _ = disable_raw_mode();
        if let Ok(mut tty) = open_tty() {
            let _ = execute!(
                tty,
                DisableBracketedPaste,
                DisableMouseCapture,
                LeaveAlternateScreen,
                ratatui::crossterm::cursor::Show
            );
            let _ = tty.flush();
        }
    });
}

/// Takes the terminal back after a stop (raw mode, alternate screen, mouse,
/// bracketed paste). Does nothing unless [`restore_for_stop`] gave it up:
/// not when it is taken, and never once the picker is ending.
pub fn resume_terminal() {
    let mut mode = mode();
    if *mode != Mode::Stopped {
        return;
    }
    if let Ok(mut tty) = open_tty() {
        without_sigttou(|| {
            let _ = enter_picker_mode(&mut tty, &mut mode);
        });
    }
}

/// Enters picker mode on `tty`; `mode` becomes [`Mode::Active`] once raw mode is on.
fn enter_picker_mode(tty: &mut File, mode: &mut Mode) -> io::Result<()> {
    enable_raw_mode()?;
    *mode = Mode::Active;
    execute!(tty, EnterAlternateScreen, EnableBracketedPaste)?;
    if MOUSE.load(Ordering::SeqCst) {
        execute!(tty, EnableMouseCapture)?;
    }
    Ok(())
}

/// Runs `f` with SIGTTOU blocked in this thread: a terminal call from a
/// background process then fails or succeeds instead of stopping it.
fn without_sigttou(f: impl FnOnce()) {
    // SAFETY: sigset operations on a local set, and the thread's own mask.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGTTOU);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old);
        f();
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
    }
}

/// Writes a line to stderr, or nothing when stderr is gone: no exit path may
/// panic on a vanished terminal.
pub fn say(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
}

/// Picker mode for as long as it lives: restores the terminal when dropped,
/// whatever path leaves the loop, and on a panic before the message.
pub struct TerminalGuard;

impl TerminalGuard {
    /// Enters picker mode on `tty`, capturing the mouse or not.
    pub fn enter(tty: &mut File, mouse: Mouse) -> io::Result<TerminalGuard> {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let was_active = *mode() == Mode::Active;
            restore_terminal();
            if was_active {
                say("scopepick crashed; the terminal is restored. Please report this:");
            }
            hook(info);
        }));
        MOUSE.store(mouse == Mouse::Captured, Ordering::SeqCst);
        enter_picker_mode(tty, &mut mode())?;
        Ok(TerminalGuard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}
