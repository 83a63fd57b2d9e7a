//! TUI tests: state through `update`, the keymap, and screens on `TestBackend`.

mod catalog_screens;
mod commands;
mod full_basket;
mod graph_screens;
mod keys;
mod menus;
mod paste;
mod resources;
mod robust;
mod screens;
mod start;
mod state;

use super::action::{Action, Command};
use super::app::App;
use crate::catalog::{Catalog, PermissionType};
use crate::scope::ScopeForm;

/// A fresh app on the embedded catalog, Delegated, short, 100x30.
fn app() -> App {
    App::new(Catalog::embedded(), PermissionType::Delegated, ScopeForm::Short, 100, 30)
}

/// Sends each command.
fn run(app: &mut App, commands: &[Command]) {
    for c in commands {
        app.update(Action::Command(*c));
    }
}

/// Types `text` as the runner hands a burst of keys to the picker: into a
/// dialog one key at a time, into the filter the first key, then the rest
/// together. That ends where typing each key alone does
/// (`keys_typed_during_a_pass_go_in_together_as_typing_them_one_by_one_does`),
/// in one filter pass instead of one per key.
fn type_text(app: &mut App, text: &str) {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let to_the_filter = app.modal.is_none();
        app.update(Action::Type(c));
        if to_the_filter && !chars.as_str().is_empty() {
            app.update(Action::Typed(chars.as_str().into()));
            return;
        }
    }
}

/// Adds the best match for each query to the basket.
fn add(app: &mut App, queries: &[&str]) {
    for q in queries {
        run(app, &[Command::ClearFilter]);
        type_text(app, q);
        run(app, &[Command::ToggleDown, Command::ClearFilter]);
    }
}
