//! What the picker starts with: the options [`crate::tui::run`] takes. The
//! command line fills them; the picker knows nothing of its flags.

use super::terminal::Mouse;
use crate::catalog::{AuthMode, Cloud};
use crate::clipboard::ClipboardChoice;
use crate::presets::Preset;
use crate::scope::ScopeForm;

/// How to start the picker.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Start in this mode (else the last session's, else Delegated).
    pub mode: Option<AuthMode>,
    /// Start with this style (else the one last used in the mode, else the mode's default).
    pub style: Option<ScopeForm>,
    /// Use this cloud's hosts (else global, or the cloud the start string names).
    pub cloud: Option<Cloud>,
    /// What goes into the basket at the start.
    pub basket: StartBasket,
    /// Whether the picker takes the mouse.
    pub mouse: Mouse,
    pub clipboard: ClipboardChoice,
    /// The preset a `--scopes` string (and later pastes) is audited against.
    pub against: Option<Preset>,
}

/// What goes into the basket at the start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StartBasket {
    /// The last session's basket, mode and styles.
    #[default]
    LastSession,
    /// Nothing (`--fresh`).
    Empty,
    /// The permissions of this scope string (`--scopes`).
    Scopes(String),
}
