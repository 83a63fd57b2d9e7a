//! The command line: clap definitions and the subcommands, all calling the
//! same domain code as the TUI.

/// `println!` for messages that may quote input: every line goes through
/// [`crate::text::printable`]; a failed write (`> /dev/full`) is an error of
/// the command, never a panic and never ignored.
macro_rules! say_out {
    ($($arg:tt)*) => { $crate::cli::write_out(&format!($($arg)*))? };
}

/// `eprintln!` for messages that may quote input: every line goes through
/// [`crate::text::printable`], and a failed write (a vanished terminal)
/// never panics.
macro_rules! say_err {
    ($($arg:tt)*) => { $crate::cli::write_safe(&mut std::io::stderr(), &format!($($arg)*)) };
}

/// `print!` for text the command has already made terminal-safe (tables,
/// JSON, exports). A failed write (a full disk, a vanished terminal) is an
/// error of the command, never a panic.
macro_rules! say_raw {
    ($($arg:tt)*) => { $crate::cli::write_raw(&format!($($arg)*))? };
}

mod api;
pub mod args;
mod audit;
mod build;
mod calls;
mod catalog;
mod check;
mod complete;
mod export;
mod list;
mod pick;
mod selections;
mod show;
mod source;
mod table;

pub use args::{Cli, Command};

use clap::Parser;
use std::process::ExitCode;

/// Exit code for success (and `check` found nothing wrong).
pub const EXIT_OK: u8 = 0;
/// Exit code when `check` found problems.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code for usage errors and bad input (unknown name, unreadable file).
pub const EXIT_ERROR: u8 = 2;

/// Parses the arguments, runs the command and returns the exit code. Errors
/// are printed as one line, `error: ...`, on stderr.
pub fn main() -> ExitCode {
    restore_default_sigpipe();
    complete::answer_if_asked();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return clap_exit(err),
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            say_err!("error: {}", one_line(&err));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Prints clap's message for `err` and returns its exit code. Help and
/// version go out as clap writes them; an error message, which may quote
/// what the user typed, is printed with every control and format character
/// as a visible escape (`\u{1b}`), also on a terminal, where clap's writer
/// would pass them through. The error is made again without colours, so
/// that none of clap's escapes is left to tell from typed ones.
fn clap_exit(err: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    use clap::{CommandFactory, FromArgMatches};
    if matches!(err.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        err.exit();
    }
    let plain = Cli::command()
        .styles(clap::builder::Styles::plain())
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .err()
        .unwrap_or(err);
    let text = plain.render().ansi().to_string();
    let _ = std::io::Write::write_all(&mut std::io::stderr(), visible_escapes(&text).as_bytes());
    ExitCode::from(u8::try_from(plain.exit_code()).unwrap_or(EXIT_ERROR))
}

/// `text` with every control character but the line break, and every format
/// character ([`crate::text::is_format_char`]), written as `\u{..}`.
fn visible_escapes(text: &str) -> String {
    text.chars()
        .map(|c| {
            if (c.is_control() && c != '\n') || crate::text::is_format_char(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Writes `text` and a newline to `out`, each line made terminal-safe;
/// errors are ignored (there is nowhere left to report them).
pub(crate) fn write_safe(out: &mut impl std::io::Write, text: &str) {
    let _ = writeln!(out, "{}", safe_lines(text));
}

/// Writes `text` and a newline to stdout, each line made terminal-safe; a
/// failure names standard output.
pub(crate) fn write_out(text: &str) -> anyhow::Result<()> {
    write_raw(&format!("{}\n", safe_lines(text)))
}

/// Each line of `text` through [`crate::text::printable`].
fn safe_lines(text: &str) -> String {
    let safe: Vec<_> = text.split('\n').map(crate::text::printable).collect();
    safe.join("\n")
}

/// Writes `text` to stdout as it is; a failure names standard output.
pub(crate) fn write_raw(text: &str) -> anyhow::Result<()> {
    use anyhow::Context as _;
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .context("cannot write to standard output")
}

/// The error and its causes joined on one line.
fn one_line(err: &anyhow::Error) -> String {
    err.chain().map(ToString::to_string).collect::<Vec<_>>().join(": ")
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    if let Some(Command::ServeClipboard) = cli.command {
        return Ok(crate::clipboard::serve_selection());
    }
    if let Some(Command::Catalog(command)) = &cli.command {
        return catalog::run(command, cli.catalog.as_ref());
    }
    let loaded = source::load(cli.catalog.as_ref())?;
    let catalog = loaded.catalog;
    match cli.command {
        Some(Command::List(args)) => list::run(&catalog, &args),
        Some(Command::Build(args)) => build::run(&catalog, &args, cli.clipboard),
        Some(Command::Check(args)) => check::run(&catalog, &args, cli.clipboard),
        Some(Command::Audit(args)) => audit::run(&catalog, &args),
        Some(Command::Export(args)) => export::run(&catalog, &args),
        Some(Command::Api(args)) => api::run(&catalog, &args),
        Some(Command::Show(args)) => show::run(&catalog, &args),
        Some(Command::Selection(command)) => selections::run(&catalog, &command),
        Some(Command::ServeClipboard | Command::Catalog(_)) => unreachable!("handled above"),
        Some(Command::Completions { shell }) => {
            say_raw!("{}", complete::registration(shell)?);
            Ok(EXIT_OK)
        }
        None => crate::tui::run(catalog, loaded.origin.label(), &tui_options(&cli)),
    }
}

/// The picker's options from the command line.
fn tui_options(cli: &Cli) -> crate::tui::Options {
    use crate::tui::{Mouse, Options, StartBasket};
    let args = &cli.tui;
    let basket = match (&args.scopes, args.fresh) {
        (Some(text), _) => StartBasket::Scopes(text.clone()),
        (None, true) => StartBasket::Empty,
        (None, false) => StartBasket::LastSession,
    };
    Options {
        mode: args.mode,
        style: args.style,
        cloud: args.cloud,
        basket,
        mouse: if args.no_mouse { Mouse::Left } else { Mouse::Captured },
        against: args.against,
        clipboard: cli.clipboard,
    }
}

/// Copies `text` for a CLI command and reports the outcome on stderr; the
/// text itself is already on stdout, so nothing is lost when copying fails.
fn copy_and_report(choice: crate::clipboard::ClipboardChoice, text: &str) {
    use crate::clipboard::{Clipboard, Copier, scopes_amount};
    match Copier::new(choice).copy(text, &scopes_amount(text)) {
        Ok(message) => say_err!("{message}"),
        Err(message) => say_err!("warning: {message}; the string is on stdout"),
    }
}

/// Lets `scopepick list | head` end quietly, as other Unix tools do, instead
/// of panicking on the closed pipe.
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: resetting a signal to its default disposition at start-up,
    // before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
