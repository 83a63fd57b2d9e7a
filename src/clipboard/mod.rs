//! Copying a scope string so that it is never lost: the system clipboard
//! (served by a detached helper on Linux, so it survives scopepick's exit) or
//! OSC 52 through the terminal (SSH, no display). One chain for the TUI and the CLI.

mod osc52;
mod system;

pub use system::serve_selection;

use crate::choice::Choice;
use crate::text::counted;
use strum::{IntoStaticStr, VariantArray};

/// What the user asked for with `--clipboard`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "lowercase")]
pub enum ClipboardChoice {
    /// Pick from the environment: OSC 52 over SSH or without a display, else the system clipboard.
    #[default]
    Auto,
    /// The system clipboard (X11, Wayland, macOS, Windows).
    System,
    /// The terminal's clipboard through the OSC 52 escape sequence.
    Osc52,
    /// Never copy; the string is only shown and printed.
    None,
}

impl Choice for ClipboardChoice {}

/// The facts about the session that decide how to copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Environment {
    /// `SSH_TTY` or `SSH_CONNECTION` is set.
    pub ssh: bool,
    /// `DISPLAY` is set (X11).
    pub x11: bool,
    /// `WAYLAND_DISPLAY` is set.
    pub wayland: bool,
    /// `TMUX` is set.
    pub tmux: bool,
    /// Running on Linux (or another X11/Wayland system).
    pub linux: bool,
}

impl Environment {
    /// Reads the process environment.
    pub fn from_env() -> Environment {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Environment {
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
            x11: set("DISPLAY"),
            wayland: set("WAYLAND_DISPLAY"),
            tmux: set("TMUX"),
            linux: cfg!(all(unix, not(target_os = "macos"))),
        }
    }
}

/// How a copy is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyMethod {
    /// The system clipboard.
    System,
    /// OSC 52 through the terminal.
    Osc52,
    /// Not at all.
    Disabled,
}

/// The method for `choice` in `env`.
pub fn choose(choice: ClipboardChoice, env: Environment) -> CopyMethod {
    match choice {
        ClipboardChoice::System => CopyMethod::System,
        ClipboardChoice::Osc52 => CopyMethod::Osc52,
        ClipboardChoice::None => CopyMethod::Disabled,
        ClipboardChoice::Auto if env.ssh || (env.linux && !env.x11 && !env.wayland) => {
            CopyMethod::Osc52
        }
        ClipboardChoice::Auto => CopyMethod::System,
    }
}

/// Something a scope string can be copied to.
pub trait Clipboard {
    /// Copies `text`, described as `what` ("3 scopes (41 chars)"). `Ok` says
    /// what happened, `Err` why it failed; both are one sentence for a status line.
    fn copy(&mut self, text: &str, what: &str) -> Result<String, String>;
}

/// How a scope string is described in messages: "3 scopes (41 chars)".
pub fn scopes_amount(text: &str) -> String {
    let scopes = text.split(' ').filter(|t| !t.is_empty()).count();
    let chars = text.chars().count();
    format!("{} ({})", counted(scopes, "scope"), counted(chars, "char"))
}

/// The real chain: chosen method, with OSC 52 as the fallback in auto mode.
pub struct Copier {
    choice: ClipboardChoice,
    env: Environment,
    system: system::SystemClipboard,
}

impl Copier {
    /// A copier for the user's choice in the current environment.
    pub fn new(choice: ClipboardChoice) -> Copier {
        Copier { choice, env: Environment::from_env(), system: system::SystemClipboard::default() }
    }

    fn system_name(&self) -> &'static str {
        match (self.env.linux, self.env.wayland) {
            (true, true) => "Wayland clipboard",
            (true, false) => "X11 clipboard",
            (false, _) => "clipboard",
        }
    }

    fn osc52(&self, text: &str, what: &str) -> Result<String, String> {
        osc52::send(text).map_err(|e| format!("OSC 52 failed: {e}"))?;
        let tmux = if self.env.tmux { " (in tmux: `tmux set -s set-clipboard on`)" } else { "" };
        Ok(format!("Sent {what} via OSC 52: your terminal must allow clipboard writes{tmux}"))
    }
}

impl Clipboard for Copier {
    fn copy(&mut self, text: &str, what: &str) -> Result<String, String> {
        match choose(self.choice, self.env) {
            CopyMethod::Disabled => Err("Clipboard disabled (--clipboard none)".to_string()),
            CopyMethod::Osc52 => self.osc52(text, what),
            CopyMethod::System if self.env.linux && !self.env.x11 && !self.env.wayland => {
                Err("no display is set (DISPLAY and WAYLAND_DISPLAY are empty), so there is no \
                 system clipboard: use --clipboard osc52 to copy through the terminal"
                    .to_string())
            }
            CopyMethod::System => match self.system.copy(text) {
                Ok(()) => {
                    let kept = if self.env.linux { "; kept after exit" } else { "" };
                    Ok(format!("Copied {what} to the {}{kept}", self.system_name()))
                }
                Err(err) if self.choice == ClipboardChoice::Auto => {
                    let failed = format!("{} failed ({err})", self.system_name());
                    self.osc52(text, what)
                        .map(|sent| format!("{failed}; {}", sent.replacen("Sent", "sent", 1)))
                        .map_err(|osc| format!("{failed}; {osc}"))
                }
                Err(err) => Err(format!("{} failed: {err}", self.system_name())),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(ssh: bool, x11: bool, wayland: bool, linux: bool) -> Environment {
        Environment { ssh, x11, wayland, tmux: false, linux }
    }

    #[test]
    fn auto_uses_osc52_over_ssh_or_without_a_display() {
        assert_eq!(choose(ClipboardChoice::Auto, env(true, true, false, true)), CopyMethod::Osc52);
        assert_eq!(
            choose(ClipboardChoice::Auto, env(false, false, false, true)),
            CopyMethod::Osc52
        );
        assert_eq!(
            choose(ClipboardChoice::Auto, env(false, true, false, true)),
            CopyMethod::System
        );
        assert_eq!(
            choose(ClipboardChoice::Auto, env(false, false, true, true)),
            CopyMethod::System
        );
        assert_eq!(
            choose(ClipboardChoice::Auto, env(false, false, false, false)),
            CopyMethod::System
        );
    }

    #[test]
    fn explicit_choices_win() {
        let ssh = env(true, false, false, true);
        assert_eq!(choose(ClipboardChoice::System, ssh), CopyMethod::System);
        assert_eq!(choose(ClipboardChoice::None, ssh), CopyMethod::Disabled);
        assert_eq!(
            choose(ClipboardChoice::Osc52, env(false, true, false, true)),
            CopyMethod::Osc52
        );
    }

    #[test]
    fn disabled_says_so() {
        let mut copier = Copier::new(ClipboardChoice::None);
        let result = copier.copy("Chat.Read", "1 scope");
        assert_eq!(result, Err("Clipboard disabled (--clipboard none)".into()));
    }

    #[test]
    fn the_system_clipboard_without_a_display_says_so_at_once() {
        let mut copier = Copier {
            choice: ClipboardChoice::System,
            env: env(false, false, false, true),
            system: system::SystemClipboard::default(),
        };
        let error = copier.copy("Chat.Read", "1 scope").unwrap_err();
        assert!(error.starts_with("no display is set"), "{error}");
        assert!(error.contains("--clipboard osc52"), "{error}");
    }

    #[test]
    fn amounts_read_naturally() {
        assert_eq!(scopes_amount("Chat.Read"), "1 scope (9 chars)");
        assert_eq!(scopes_amount("Chat.Read offline_access"), "2 scopes (24 chars)");
    }
}
