//! Owns the terminal: sets it up, runs the event loop, performs effects and
//! always restores the terminal (normal exit, error or panic).

use super::action::{Action, Command};
use super::app::App;
use super::draw::draw;
use super::effects::{Outcome, Performer};
use super::events::action_for;
use super::options::{Options, StartBasket};
use super::signals::{SignalWatch, in_foreground, resumed, take_resumed};
use super::start::{LastSession, start_app};
use super::terminal::{TerminalGuard, open_tty, say};
use crate::catalog::Catalog;
use crate::config::SessionStore;
use crate::text::printable;
use anyhow::Context;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{event, execute, queue};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::time::Duration;

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
        let mut terminal =
            Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(1 << 16, tty)))?;
        let size = terminal.size()?;
        let last = last_session(&options.basket, sessions.as_ref());
        let mut app = start_app(catalog, label, options, (size.width, size.height), last);
        (event_loop(&mut terminal, &mut app, &mut performer, &watch)?, app.session())
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

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<BufWriter<File>>>,
    app: &mut App,
    performer: &mut Performer,
    watch: &SignalWatch,
) -> anyhow::Result<Outcome> {
    // Start crossterm's event reader (and its SIGWINCH listener) before the
    // first frame, so a resize right after start-up is not missed.
    event::poll(Duration::ZERO)?;
    let mut remembered = None;
    let mut search_prepared = false;
    // Whether the terminal was resized since the last frame.
    let mut resized = false;
    let crash_after_first_frame = cfg!(debug_assertions) && test_panic_asked();
    loop {
        let size = terminal.size()?;
        if (size.width, size.height) != (app.size.width, app.size.height) {
            app.update(Action::Resize(size.width, size.height));
        }
        // What a signal would save changes only with a rebuild.
        if remembered != Some(app.generation) {
            watch.remember(app);
            remembered = Some(app.generation);
        }
        if take_resumed() || std::mem::take(&mut resized) {
            // Back from a stop, or resized: the screen is no base for a diff.
            // An empty frame makes the next one complete (`Terminal::clear`
            // would ask for the cursor on stdout, which may be a file).
            terminal.backend_mut().clear_region(ClearType::All)?;
            terminal.draw(|_| {})?;
        }
        show(terminal, app)?;
        if !std::mem::replace(&mut search_prepared, true) {
            crate::filter::prepare();
        }
        if crash_after_first_frame {
            panic!("SCOPEPICK_TEST_PANIC is set");
        }
        // Apply every event that is already waiting before drawing again, so
        // fast typing and pastes are coalesced into one frame; characters
        // typed meanwhile into the filter go in together, as one pass.
        let Some(mut event) = next_event()? else { continue };
        loop {
            let mut next = None;
            if let Some(action) = action_for(event, app) {
                resized |= matches!(action, Action::Resize(..));
                let typed = matches!(action, Action::Type(_)) && app.modal.is_none();
                let toggle = match action {
                    Action::Command(c @ (Command::ToggleDown | Command::ToggleUp)) => Some(c),
                    _ => None,
                }
                .filter(|_| app.modal.is_none());
                let effect = app.update(action);
                if let Some(outcome) = performer.perform(effect, app) {
                    return Ok(outcome);
                }
                if typed {
                    let mut text = String::new();
                    next = waiting_while(app, |action| match action {
                        Action::Type(c) => {
                            text.push(*c);
                            true
                        }
                        _ => false,
                    })?;
                    if !text.is_empty() {
                        app.update(Action::Typed(text));
                    }
                } else if let Some(command) = toggle {
                    let mut times = 0;
                    next = waiting_while(app, |action| {
                        let again = *action == Action::Command(command);
                        times += usize::from(again);
                        again
                    })?;
                    if times > 0 {
                        app.update(Action::Toggled(command, times));
                    }
                }
            }
            event = match next {
                Some(event) => event,
                None if input_waiting()? => event::read()?,
                None => break,
            };
        }
    }
}

/// Draws a frame as one synchronized update: the terminal shows it whole
/// (no torn frames, also over SSH), sent in one write rather than one per cell.
fn show<W: Write>(terminal: &mut Terminal<CrosstermBackend<W>>, app: &App) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| draw(frame, app))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)
}

/// Reads the events already waiting while `take` takes their actions, and
/// returns the first event it does not take. Characters typed into the
/// filter and repeated Tabs go in together (a key typed into the filter or a
/// Tab leaves no modal open, so the waiting keys mean what they would mean
/// one by one).
fn waiting_while(
    app: &App,
    mut take: impl FnMut(&Action) -> bool,
) -> io::Result<Option<event::Event>> {
    while input_waiting()? {
        let event = event::read()?;
        match action_for(event.clone(), app) {
            Some(action) if take(&action) => {}
            _ => return Ok(Some(event)),
        }
    }
    Ok(None)
}

/// Whether another event is waiting, waiting at most 0.1 ms for one: the
/// `use-dev-tty` source looks at the terminal only while the timeout has time
/// left (crossterm-rs/crossterm#839), so `Duration::ZERO` would never see a
/// burst of keys; below a millisecond its `poll` does not sleep.
fn input_waiting() -> io::Result<bool> {
    event::poll(Duration::from_micros(100))
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

/// Test hook, read once and only in debug builds (the product never looks):
/// `SCOPEPICK_TEST_PANIC=1` panics once the first frame is drawn, to test
/// that a panic restores the terminal.
fn test_panic_asked() -> bool {
    std::env::var_os("SCOPEPICK_TEST_PANIC").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{AuthMode, Catalog};
    use crate::scope::ScopeForm;
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};

    /// Records the `write` calls that reach the terminal.
    #[derive(Default)]
    struct Tty {
        writes: Vec<Vec<u8>>,
    }

    impl Write for &mut Tty {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.writes.push(bytes.to_vec());
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_120x40_frame_reaches_the_terminal_whole_in_one_synchronized_update() {
        let mut tty = Tty::default();
        let viewport = Viewport::Fixed(Rect::new(0, 0, 120, 40));
        let backend = CrosstermBackend::new(BufWriter::with_capacity(1 << 16, &mut tty));
        let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport }).unwrap();
        let app = App::new(Catalog::embedded(), AuthMode::Delegated, ScopeForm::default(), 120, 40);
        show(&mut terminal, &app).unwrap();
        drop(terminal);
        let frame = tty.writes.iter().position(|w| w.windows(11).any(|w| w == b"Permissions"));
        let frame = frame.expect("the frame was drawn");
        assert!(tty.writes[frame].starts_with(b"\x1b[?2026h"), "the update begins the write");
        let sent: Vec<u8> = tty.writes.concat();
        assert!(sent.ends_with(b"\x1b[?2026l"), "and ends the frame");
        assert!(tty.writes.len() <= 3, "a few writes, not one per cell: {}", tty.writes.len());
    }
}
