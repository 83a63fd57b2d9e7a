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

/// Types `text` into the filter.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c));
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
