//! Owns the terminal: sets it up, runs the event loop, performs effects and
//! always restores the terminal (normal exit, error or panic).

use super::action::Status;
use super::action::{Action, Effect};
use super::app::App;
use super::draw::draw;
use super::events::action_for;
use crate::catalog::Catalog;
use crate::cli::args::TuiArgs;
use crate::clipboard::{Clipboard, ClipboardChoice, Copier, scopes_amount};
use crate::fsutil::write_atomically;
use anyhow::Context;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Exit code of an aborted picker, as shells expect after Ctrl-C.
pub const EXIT_ABORTED: u8 = 130;

/// Whether the terminal is in TUI mode (so restoring twice is harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);

fn open_tty() -> io::Result<File> {
    OpenOptions::new().read(true).write(true).open("/dev/tty")
}

/// Leaves raw mode, the alternate screen, mouse capture and bracketed paste,
/// and shows the cursor. Safe to call more than once.
pub fn restore_terminal() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
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
}

/// Restores the terminal when dropped, whatever path leaves the loop.
struct TerminalGuard;

impl TerminalGuard {
    fn enter(tty: &mut File) -> io::Result<TerminalGuard> {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let was_active = ACTIVE.load(Ordering::SeqCst);
            restore_terminal();
            if was_active {
                eprintln!("scopepick crashed; the terminal is restored. Please report this:");
            }
            hook(info);
        }));
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        execute!(tty, EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)?;
        Ok(TerminalGuard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Runs the picker on the terminal (`/dev/tty`, so stdout stays clean) and
/// returns the exit code: 0 after accept (the string is printed on stdout),
/// 130 after abort.
pub fn run(
    catalog: Catalog,
    label: String,
    args: &TuiArgs,
    clipboard: ClipboardChoice,
) -> anyhow::Result<u8> {
    let mut tty = open_tty()
        .context("cannot open the terminal (/dev/tty): the picker needs an interactive terminal; use `scopepick build` in scripts")?;
    let mut clipboard = Copier::new(clipboard);
    let outcome = {
        let _guard = TerminalGuard::enter(&mut tty).context("cannot set up the terminal")?;
        let mut terminal = Terminal::new(CrosstermBackend::new(tty))?;
        let size = terminal.size()?;
        let mut app =
            App::new(catalog, args.mode, args.style, size.width, size.height).with_label(label);
        event_loop(&mut terminal, &mut app, &mut clipboard)?
    };
    Ok(match outcome {
        Outcome::Accepted(text, copied) => {
            println!("{text}");
            if let Err(message) = copied {
                eprintln!("scopepick: {message}; the string is on stdout");
            }
            0
        }
        Outcome::Aborted => EXIT_ABORTED,
        Outcome::Signaled(signal, scope) => {
            if signal != SIGINT && !scope.is_empty() {
                eprintln!("scopepick: stopped by signal {signal}; the scope string was:\n{scope}");
            }
            128 + signal as u8
        }
    })
}

/// How the event loop ended.
enum Outcome {
    /// Enter: the string and how copying it went.
    Accepted(String, Result<String, String>),
    /// Esc or Ctrl-C.
    Aborted,
    /// SIGINT, SIGTERM or SIGHUP, with the scope string at that moment.
    Signaled(i32, String),
}

/// SIGINT, SIGTERM and SIGHUP, noted by a flag the event loop checks.
struct SignalFlag(Arc<AtomicUsize>);

impl SignalFlag {
    fn register() -> io::Result<SignalFlag> {
        let flag = Arc::new(AtomicUsize::new(0));
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            signal_hook::flag::register_usize(signal, Arc::clone(&flag), signal as usize)?;
        }
        Ok(SignalFlag(flag))
    }

    fn received(&self) -> Option<i32> {
        match self.0.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal as i32),
        }
    }
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<File>>,
    app: &mut App,
    clipboard: &mut dyn Clipboard,
) -> anyhow::Result<Outcome> {
    let signals = SignalFlag::register()?;
    loop {
        terminal.draw(|frame| draw(frame, app))?;
        crash_if_asked();
        // Wake up now and then to notice signals; between keys nothing else runs.
        while !event::poll(SIGNAL_CHECK)? {
            if let Some(signal) = signals.received() {
                return Ok(Outcome::Signaled(signal, app.scope().to_string()));
            }
        }
        // Apply every event that is already waiting before drawing again, so
        // fast typing and pastes are coalesced into one frame.
        let mut event = event::read()?;
        loop {
            if let Some(outcome) = handle(event, app, clipboard) {
                return Ok(outcome);
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
            event = event::read()?;
        }
    }
}

/// How often the idle loop looks for signals.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// Test hook, in debug builds only: `SCOPEPICK_TEST_PANIC=1` panics once the
/// first frame is drawn, to test that a panic restores the terminal.
fn crash_if_asked() {
    #[cfg(debug_assertions)]
    if std::env::var_os("SCOPEPICK_TEST_PANIC").is_some() {
        panic!("SCOPEPICK_TEST_PANIC is set");
    }
}

/// Applies one event and performs its effect; `Some` ends the loop.
fn handle(event: event::Event, app: &mut App, clipboard: &mut dyn Clipboard) -> Option<Outcome> {
    let action = action_for(event, app)?;
    match app.update(action) {
        Effect::None => None,
        Effect::Copy(text) => {
            let status = copy_with_status(clipboard, &text, &scopes_amount(&text));
            app.update(Action::Report(status));
            None
        }
        Effect::CopyText { what, text } => {
            let what = format!("the {what} export ({} chars)", text.chars().count());
            let status = copy_with_status(clipboard, &text, &what);
            app.update(Action::Report(status));
            None
        }
        Effect::WriteFile { path, contents, what } => {
            let path = std::path::absolute(&path).unwrap_or_else(|_| path.into());
            let status = match write_atomically(&path, contents.as_bytes()) {
                Ok(()) => Status::info(format!("Wrote the {what} export to {}", path.display())),
                Err(e) => Status::error(format!("Cannot write {}: {e}", path.display())),
            };
            app.update(Action::Report(status));
            None
        }
        Effect::Accept(text) => {
            let copied = clipboard.copy(&text, &scopes_amount(&text));
            Some(Outcome::Accepted(text, copied))
        }
        Effect::Abort => Some(Outcome::Aborted),
    }
}

/// Copies and turns the outcome into a status line that never loses the text.
fn copy_with_status(clipboard: &mut dyn Clipboard, text: &str, what: &str) -> Status {
    match clipboard.copy(text, what) {
        Ok(message) => Status::info(message),
        Err(message) => {
            Status::error(format!("Not copied, Enter prints the string instead. {message}"))
        }
    }
}
