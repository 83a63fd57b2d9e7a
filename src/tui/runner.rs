//! Owns the terminal: sets it up, runs the event loop, performs effects and
//! always restores the terminal (normal exit, error or panic).

use super::action::{Action, Status};
use super::app::App;
use super::draw::draw;
use super::effects::{Outcome, Performer};
use super::events::action_for;
use super::frame_writer::{FrameSender, FrameWriter, frame_writer};
use super::signals::{SignalWatch, resumed, take_resumed};
use crate::catalog::AuthMode;
use crate::catalog::Catalog;
use crate::cli::args::TuiArgs;
use crate::clipboard::ClipboardChoice;
use crate::config::SessionStore;
use crate::saved::resolve;
use crate::scope::{Style, read_scopes};
use crate::text::printable;
use anyhow::Context;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::backend::{Backend, ClearType};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Exit code of an aborted picker, as shells expect after Ctrl-C.
pub const EXIT_ABORTED: u8 = 130;

/// Whether the terminal is in TUI mode (so restoring twice is harmless).
static ACTIVE: AtomicBool = AtomicBool::new(false);

pub(crate) fn open_tty() -> io::Result<File> {
    OpenOptions::new().read(true).write(true).open("/dev/tty")
}

/// Leaves raw mode, the alternate screen, mouse capture and bracketed paste,
/// and shows the cursor. Safe to call more than once, from any thread, also
/// when the process is no longer in the foreground (SIGTTOU is blocked
/// meanwhile, so it never stops the process) or the terminal is gone.
pub fn restore_terminal() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
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
/// bracketed paste). Does nothing when it is already taken.
pub fn resume_terminal() {
    if ACTIVE.load(Ordering::SeqCst) {
        return;
    }
    if let Ok(mut tty) = open_tty() {
        without_sigttou(|| {
            let _ = enter_picker_mode(&mut tty);
        });
    }
}

fn enter_picker_mode(tty: &mut File) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(tty, EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
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
fn say(line: &str) {
    let _ = writeln!(io::stderr(), "{line}");
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
                say("scopepick crashed; the terminal is restored. Please report this:");
            }
            hook(info);
        }));
        enter_picker_mode(tty)?;
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
    let mut performer = Performer::new(clipboard);
    let sessions = SessionStore::default_location().ok();
    let watch =
        SignalWatch::start(sessions.clone(), open_tty()?).context("cannot watch for signals")?;
    let (outcome, session) = {
        let _guard = TerminalGuard::enter(&mut tty).context("cannot set up the terminal")?;
        let (writer, mut frames) = frame_writer(tty);
        let mut terminal = Terminal::new(CrosstermBackend::new(writer))?;
        let size = terminal.size()?;
        let mode = args.mode.unwrap_or(AuthMode::Delegated);
        let style = args.style.unwrap_or(Style::default_for(mode));
        let mut app = App::new(catalog, mode, style, size.width, size.height)
            .with_label(label)
            .with_cloud(args.cloud.unwrap_or_default());
        start_with(&mut app, args, sessions.as_ref());
        (event_loop(&mut terminal, &mut frames, &mut app, &mut performer, &watch)?, app.session())
    };
    if let Some(Err(e)) = sessions.map(|store| store.save(&session)) {
        say(&format!("scopepick: the session was not saved: {}", printable(&e.to_string())));
    }
    Ok(match outcome {
        Outcome::Accepted(text, copied) => {
            if writeln!(io::stdout(), "{text}").is_err() {
                say(&format!("scopepick: cannot write to stdout; the scope string was:\n{text}"));
            }
            if let Err(message) = copied {
                say(&format!("scopepick: {}; the string is on stdout", printable(&message)));
            }
            0
        }
        Outcome::Aborted => EXIT_ABORTED,
    })
}

/// Fills the basket from `--scopes`, or else from the last session (unless `--fresh`).
fn start_with(app: &mut App, args: &TuiArgs, sessions: Option<&SessionStore>) {
    if let Some(text) = &args.scopes {
        let pasted = read_scopes(text, &app.catalog, args.mode);
        let count = pasted.rows.len();
        let pasted_style = if pasted.had_default { Style::Default } else { Style::Short };
        let style = args.style.unwrap_or(match pasted.mode {
            AuthMode::Delegated => pasted_style,
            AuthMode::Application => Style::Default,
        });
        if args.cloud.is_none() {
            app.set_cloud(pasted.cloud);
        }
        app.load_basket(pasted.rows, pasted.mode, style);
        let mode = match pasted.guess {
            Some(guess) => format!("; {guess}"),
            None => format!(" ({} mode)", pasted.mode),
        };
        let mut message = format!("Loaded {count} permissions from --scopes{mode}");
        if !pasted.unknown.is_empty() {
            message += &format!("; not in the catalog: {}", pasted.unknown.join(", "));
        }
        app.set_status(Status::info(message));
        return;
    }
    let Some(store) = sessions.filter(|_| !args.fresh) else { return };
    match store.load() {
        Ok(None) => {}
        Ok(Some(session)) => {
            let resolved = resolve(&app.catalog, &session.basket);
            let mode = args.mode.unwrap_or(session.mode);
            let remembered = |mode| match mode {
                AuthMode::Delegated => session.style,
                AuthMode::Application => {
                    session.application_style.unwrap_or(Style::default_for(mode))
                }
            };
            app.other_style = remembered(mode.other());
            let style = args.style.unwrap_or(remembered(mode));
            app.load_basket(resolved.rows, mode, style);
            if !resolved.missing.is_empty() {
                let missing: Vec<&str> = resolved.missing.iter().map(|p| p.name.as_str()).collect();
                let text = format!(
                    "Restored the last session; not in this catalog: {}",
                    missing.join(", ")
                );
                app.set_status(Status::error(text));
            } else if !session.basket.is_empty() {
                let text = format!(
                    "Restored the last session ({} permissions); --fresh starts empty",
                    session.basket.len()
                );
                app.set_status(Status::info(text));
            }
        }
        Err(e) => app.set_status(Status::error(format!(
            "The last session was not restored: {e}; it is kept as {} when this session is saved",
            store.damaged_path().display()
        ))),
    }
}

/// The picker's terminal: every frame is sent in one write.
type Screen = Terminal<CrosstermBackend<FrameWriter>>;

fn event_loop(
    terminal: &mut Screen,
    frames: &mut FrameSender<File>,
    app: &mut App,
    performer: &mut Performer,
    watch: &SignalWatch,
) -> anyhow::Result<Outcome> {
    // Start crossterm's event reader (and its SIGWINCH listener) before the
    // first frame, so a resize right after start-up is not missed.
    event::poll(Duration::ZERO)?;
    loop {
        let size = terminal.size()?;
        if (size.width, size.height) != (app.size.width, app.size.height) {
            app.update(Action::Resize(size.width, size.height));
        }
        watch.remember(app);
        if take_resumed() {
            // Back from a stop: the screen was the shell's meanwhile. An
            // empty frame makes the next one complete (`Terminal::clear`
            // would ask the terminal for the cursor on stdout, which may be
            // a file).
            terminal.backend_mut().clear_region(ClearType::All)?;
            terminal.draw(|_| {})?;
        }
        terminal.draw(|frame| draw(frame, app))?;
        frames.send()?;
        crash_if_asked();
        // While a long filter pass runs, input comes first; without input,
        // one more step of the pass runs and the frame shows its progress.
        if app.filtering().is_some() && !event::poll(Duration::ZERO)? {
            app.update(Action::FilterStep);
            continue;
        }
        // Apply every event that is already waiting before drawing again, so
        // fast typing and pastes are coalesced into one frame (and one pass).
        let Some(mut event) = next_event()? else { continue };
        loop {
            if let Some(action) = action_for(event, app) {
                let effect = app.update(action);
                if let Some(outcome) = performer.perform(effect, app) {
                    return Ok(outcome);
                }
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
            event = event::read()?;
        }
    }
}

/// The next terminal event, or `None` when the picker came back from a stop
/// and must redraw.
fn next_event() -> io::Result<Option<event::Event>> {
    loop {
        if event::poll(Duration::from_millis(100))? {
            return event::read().map(Some);
        }
        if resumed() {
            return Ok(None);
        }
    }
}

/// Test hook (in every build, so the test runs in both profiles):
/// `SCOPEPICK_TEST_PANIC=1` panics once the first frame is drawn, to test
/// that a panic restores the terminal.
fn crash_if_asked() {
    if std::env::var_os("SCOPEPICK_TEST_PANIC").is_some() {
        panic!("SCOPEPICK_TEST_PANIC is set");
    }
}
