//! The interactive picker: `App` state with `update(Action) -> Effect`, draw
//! functions that only read it, one keymap table, and a runner that owns the
//! terminal and performs the effects.

pub mod action;
pub mod app;
pub mod draw;
mod effects;
mod events;
mod input;
pub mod keymap;
pub mod layout;
pub mod modal;
mod options;
mod runner;
mod signals;
mod start;
mod terminal;

pub use options::{Options, StartBasket};
pub use runner::run;
pub use terminal::Mouse;

#[cfg(test)]
mod tests;
