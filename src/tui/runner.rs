//! Owns the terminal: sets it up, runs the event loop, performs effects and
//! always restores the terminal (normal exit, error or panic).

use super::action::Action;
use super::app::App;
use super::draw::draw;
use super::effects::{Outcome, Performer};
use super::events::action_for;
use super::frame_writer::{FrameSender, FrameWriter, frame_writer};
use super::options::{Options, StartBasket};
use super::signals::{SignalWatch, in_foreground, resumed, take_resumed};
use super::start::{LastSession, start_app};
use super::terminal::{TerminalGuard, open_tty, say};
use crate::catalog::Catalog;
use crate::config::SessionStore;
use crate::text::printable;
use anyhow::Context;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::backend::{Backend, ClearType};
use ratatui::crossterm::event;
use std::fs::File;
use std::io::{self, Write};
use std::time::{Duration, Instant};

/// While a long filter pass runs without input, a frame shows its progress
/// at most this often (drawing after every step would cost the pass time).
const PROGRESS_FRAMES_EVERY: Duration = Duration::from_millis(40);

/// Exit code of an aborted picker, as shells expect after Ctrl-C.
pub const EXIT_ABORTED: u8 = 130;

/// Exit code when the accepted string could not be written to stdout, as
/// for every command that cannot write its output.
const EXIT_NOT_PRINTED: u8 = 2;

/// Runs the picker on the terminal (`/dev/tty`, so stdout stays clean) and
/// returns the exit code: 0 after accept (the string is printed on stdout),
/// 130 after abort.
pub fn run(catalog: Catalog, label: String, options: &Options) -> anyhow::Result<u8> {
    let mut tty = open_tty()
        .context("cannot open the terminal (/dev/tty): the picker needs an interactive terminal; use `scopepick build` in scripts")?;
    let mut performer = Performer::new(options.clipboard);
    let sessions = SessionStore::default_location().ok();
    let watch =
        SignalWatch::start(sessions.clone(), open_tty()?).context("cannot watch for signals")?;
    // Started in the background (`scopepick &`), setting up the terminal
    // would stop the process on SIGTTOU, and a stopped process ends on no
    // signal but SIGKILL. It waits for `fg` instead, running, so the signal
    // thread still ends it on SIGINT, SIGTERM or SIGHUP.
    while !in_foreground(&tty) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let (outcome, session) = {
        let _guard =
            TerminalGuard::enter(&mut tty, options.mouse).context("cannot set up the terminal")?;
        let (writer, mut frames) = frame_writer(tty);
        let mut terminal = Terminal::new(CrosstermBackend::new(writer))?;
        let size = terminal.size()?;
        let last = last_session(&options.basket, sessions.as_ref());
        let mut app = start_app(catalog, label, options, (size.width, size.height), last);
        (event_loop(&mut terminal, &mut frames, &mut app, &mut performer, &watch)?, app.session())
    };
    if let Some(Err(e)) = sessions.map(|store| store.save(&session)) {
        say(&format!("scopepick: the session was not saved: {}", printable(&e.to_string())));
    }
    Ok(match outcome {
        Outcome::Accepted(text, copied) => {
            let mut stdout = io::stdout();
            if let Err(e) = writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
                say(&format!(
                    "error: cannot write to standard output: {e}; the scope string was: {text}"
                ));
                return Ok(EXIT_NOT_PRINTED);
            }
            if let Err(message) = copied {
                say(&format!("scopepick: {}; the string is on stdout", printable(&message)));
            }
            0
        }
        Outcome::Aborted => EXIT_ABORTED,
    })
}

/// The last session, read only when the picker starts from it.
fn last_session(basket: &StartBasket, sessions: Option<&SessionStore>) -> LastSession {
    let Some(store) = sessions.filter(|_| *basket == StartBasket::LastSession) else {
        return LastSession::None;
    };
    match store.load() {
        Ok(None) => LastSession::None,
        Ok(Some(session)) => LastSession::Found(session),
        Err(e) => LastSession::Damaged { error: e.to_string(), kept_as: store.damaged_path() },
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
    // When the last frame was drawn, and whether only filter steps ran since.
    let (mut drawn, mut only_steps) = (Instant::now(), false);
    loop {
        let size = terminal.size()?;
        // A frame that shows only a pass's progress may wait; anything else not.
        let mut progress_only = only_steps && app.filtering().is_some();
        if (size.width, size.height) != (app.size.width, app.size.height) {
            app.update(Action::Resize(size.width, size.height));
            progress_only = false;
        }
        watch.remember(app);
        if take_resumed() {
            progress_only = false;
            // Back from a stop: the screen was the shell's meanwhile. An
            // empty frame makes the next one complete (`Terminal::clear`
            // would ask the terminal for the cursor on stdout, which may be
            // a file).
            terminal.backend_mut().clear_region(ClearType::All)?;
            terminal.draw(|_| {})?;
        }
        if !progress_only || drawn.elapsed() >= PROGRESS_FRAMES_EVERY {
            terminal.draw(|frame| draw(frame, app))?;
            frames.send()?;
            drawn = Instant::now();
        }
        crash_if_asked();
        // While a long filter pass runs, input comes first; without input,
        // one more step of the pass runs and the frame shows its progress.
        if app.filtering().is_some() && !event::poll(Duration::ZERO)? {
            app.update(Action::FilterStep);
            only_steps = true;
            continue;
        }
        only_steps = false;
        // With the first frame on screen and no key waiting, the search
        // works out its catalog index, so the first keystroke is quick too.
        if app.unprepared() && !event::poll(Duration::ZERO)? {
            app.update(Action::Prepare);
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
