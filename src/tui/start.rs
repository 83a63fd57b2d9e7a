//! The picker's first state: the catalog and its label, the options, and
//! the basket to start with (a `--scopes` string, the last session or none).
//! Pure: the runner reads the session file and hands over what it found.

use super::action::Status;
use super::app::App;
use super::options::{Options, StartBasket};
use crate::catalog::{AuthMode, Catalog, not_in_catalog};
use crate::saved::{Session, mode_and_style, resolve};
use crate::scope::{CheckedPaste, ScopeForm, check};
use crate::text::counted;
use std::path::PathBuf;

/// What the runner found of the last session.
#[derive(Debug, Clone)]
pub enum LastSession {
    /// Nothing saved, or not asked for.
    None,
    Found(Session),
    /// The file cannot be read: why, and where it is kept when this session is saved.
    Damaged {
        error: String,
        /// Where the damaged file goes.
        kept_as: PathBuf,
    },
}

/// The app the picker starts with on a `width` x `height` terminal.
pub fn start_app(
    catalog: Catalog,
    label: String,
    options: &Options,
    (width, height): (u16, u16),
    last: LastSession,
) -> App {
    let found = match (&options.basket, &last) {
        (StartBasket::LastSession, LastSession::Found(session)) => Some(session),
        _ => None,
    };
    let remembered = found.map(Session::remembered);
    let (mode, style) = mode_and_style(options.mode, options.style, remembered);
    let mut app = App::new(catalog, mode, style, width, height)
        .with_label(label)
        .with_cloud(options.cloud.unwrap_or_default())
        .with_work_dir(std::env::current_dir().unwrap_or_else(|_| ".".into()));
    match (&options.basket, last) {
        (StartBasket::Scopes(text), _) => load_scopes(&mut app, text, options),
        (StartBasket::Empty, _) | (StartBasket::LastSession, LastSession::None) => {}
        (StartBasket::LastSession, LastSession::Found(session)) => {
            let remembered = session.remembered();
            app.other_style = remembered.style(mode.other());
            restore(&mut app, &session, style);
        }
        (StartBasket::LastSession, LastSession::Damaged { error, kept_as }) => {
            app.set_status(Status::error(format!(
                "The last session was not restored: {error}; it is kept as {} when this session is saved",
                kept_as.display()
            )));
        }
    }
    app
}

/// Fills the basket from `--scopes`: the mode is the option's or the one
/// the string suggests, the style the option's or the string's own.
/// The string is read as a paste is: checked (in `--mode`, else the mode
/// it suggests), its corrected form loaded (an Application-only name in a
/// user sign-in becomes its Delegated counterpart), and what check finds said.
fn load_scopes(app: &mut App, text: &str, options: &Options) {
    let delegated = check(text, AuthMode::Delegated, None, &app.catalog);
    let checked = match options.mode {
        Some(mode) => CheckedPaste::in_mode(text, mode, delegated, &app.catalog),
        None => CheckedPaste::new(text, delegated, &app.catalog),
    };
    let pasted = checked.rows(&app.catalog, options.mode);
    let count = pasted.rows.len();
    let pasted_style = if pasted.had_default { ScopeForm::Default } else { ScopeForm::Short };
    let style = options.style.unwrap_or(match pasted.mode {
        AuthMode::Delegated => pasted_style,
        AuthMode::Application => ScopeForm::Default,
    });
    if options.cloud.is_none() {
        app.set_cloud(pasted.cloud);
    }
    app.load_basket(pasted.rows, pasted.mode, style);
    let mode = match pasted.guess {
        Some(guess) => format!("; {guess}"),
        None => format!(" ({} mode)", pasted.mode),
    };
    let from = if checked.is_corrected { "the corrected --scopes string" } else { "--scopes" };
    let mut message = format!("Loaded {} from {from}{mode}", counted(count, "permission"));
    if !pasted.unknown.is_empty() {
        message += &format!("; {}", not_in_catalog(&pasted.unknown));
    }
    app.active_preset = options.against;
    if let Some(audit) = app.audit_pasted(text, checked.guess.mode) {
        message = format!("{audit}; {message}");
    }
    let findings = checked.findings();
    if !findings.is_empty() {
        message += &format!("; check finds: {}", findings.join("; "));
    }
    app.set_status(Status { text: message, is_error: !checked.report.is_clean() });
}

/// Puts the last session's basket back, and says what could not be.
fn restore(app: &mut App, session: &Session, style: ScopeForm) {
    let resolved = resolve(&app.catalog, &session.basket);
    app.load_basket(resolved.rows, app.mode, style);
    if !resolved.missing.is_empty() {
        let missing: Vec<&str> = resolved.missing.iter().map(|p| p.name.as_str()).collect();
        let text = format!("Restored the last session; {}", not_in_catalog(&missing));
        app.set_status(Status::error(text));
    } else if !session.basket.is_empty() {
        let text = format!(
            "Restored the last session ({}); --fresh starts empty",
            counted(session.basket.len(), "permission")
        );
        app.set_status(Status::info(text));
    }
}
