//! Performing effects: the clipboard, files and saved selections. The only
//! place besides the runner's terminal handling where the TUI does I/O.

use super::action::{Action, Effect, IfExists, ListedSelection, Status};
use super::app::App;
use crate::clipboard::{Clipboard, ClipboardChoice, Copier, scopes_amount};
use crate::config::{ConfigError, Replace, SelectionStore};
use crate::fsutil::{Audience, write_atomically};
use crate::saved::kept_fields;

/// How the event loop ended.
pub(super) enum Outcome {
    /// Enter: the string and how copying it went.
    Accepted(String, Result<String, String>),
    /// Esc or Ctrl-C.
    Aborted,
}

/// Does what `update` asked for and reports back to the app.
pub(super) struct Performer {
    clipboard: Copier,
    selections: Result<SelectionStore, String>,
}

impl Performer {
    /// Uses the clipboard chosen with `--clipboard` and the default selection store.
    pub(super) fn new(clipboard: ClipboardChoice) -> Performer {
        let selections = SelectionStore::default_location().map_err(|e| e.to_string());
        Performer { clipboard: Copier::new(clipboard), selections }
    }

    /// Performs `effect`; `Some` ends the event loop.
    pub(super) fn perform(&mut self, effect: Effect, app: &mut App) -> Option<Outcome> {
        let report = match effect {
            Effect::None => return None,
            Effect::Abort => return Some(Outcome::Aborted),
            Effect::Suspend => {
                super::signals::suspend();
                return None;
            }
            Effect::Accept(text) => {
                let copied = self.clipboard.copy(&text, &scopes_amount(&text));
                return Some(Outcome::Accepted(text, copied));
            }
            Effect::Copy(text) => self.copy(&text, &scopes_amount(&text)),
            Effect::CopyText { what, text } => self.copy(&text, &what),
            Effect::WriteFile { file, if_exists } => {
                let path = std::path::absolute(&file.path).unwrap_or_else(|_| (&file.path).into());
                if if_exists == IfExists::Ask && path.exists() {
                    app.update(Action::FileExists(file));
                    return None;
                }
                match write_atomically(&path, file.contents.as_bytes(), Audience::User) {
                    Ok(()) => Status::info(format!(
                        "Wrote the {} export to {}",
                        file.what,
                        path.display()
                    )),
                    Err(e) => Status::error(format!("Cannot write {}: {e}", path.display())),
                }
            }
            Effect::ListSelections => match &self.selections {
                Ok(store) => {
                    let listed = store
                        .list()
                        .into_iter()
                        .map(|l| ListedSelection {
                            name: l.name,
                            selection: l.selection.map_err(|e| e.to_string()),
                        })
                        .collect();
                    app.update(Action::SelectionsListed(listed));
                    return None;
                }
                Err(e) => Status::error(e.clone()),
            },
            Effect::SaveSelection { selection, if_exists } => match &self.selections {
                Ok(store) => {
                    let replace =
                        if if_exists == IfExists::Ask { Replace::No } else { Replace::Yes };
                    match store.save(&selection, replace) {
                        Ok(saved) => {
                            let (name, path) = (saved.name, saved.path.display());
                            let mut text = format!("Saved selection '{name}' in {path}");
                            if !saved.kept.is_empty() {
                                text += &format!("; kept its {}", kept_fields(&saved.kept));
                            }
                            Status::info(text)
                        }
                        Err(ConfigError::Exists { .. }) => {
                            app.update(Action::SaveConflict(selection));
                            return None;
                        }
                        Err(e) => Status::error(format!("Not saved: {e}")),
                    }
                }
                Err(e) => Status::error(format!("Not saved: {e}")),
            },
            Effect::DeleteSelection(name) => {
                match self.selections.as_ref().map(|s| s.delete(&name)) {
                    Ok(Ok(())) => Status::info(format!("Deleted selection '{name}'")),
                    Ok(Err(e)) => Status::error(e.to_string()),
                    Err(e) => Status::error(e.clone()),
                }
            }
        };
        app.update(Action::Report(report));
        None
    }

    /// Copies and turns the outcome into a status line that never loses the text.
    fn copy(&mut self, text: &str, what: &str) -> Status {
        match self.clipboard.copy(text, what) {
            Ok(message) => Status::info(message),
            Err(message) => {
                Status::error(format!("Not copied, Enter prints the string instead. {message}"))
            }
        }
    }
}
