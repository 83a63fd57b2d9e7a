//! Translating terminal events into actions (pure, so it is tested directly).

use super::action::Action;
use super::app::App;
use super::keymap::{Focus, lookup};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// The action for one terminal event, or `None` when it means nothing here.
pub fn action_for(event: Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if let Some(command) = lookup(key, app.focus(), app.query().is_empty()) {
                return Some(Action::Command(command));
            }
            let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match key.code {
                // A control character as a "character" (C1 codes, odd terminals) is never typed.
                KeyCode::Char(c)
                    if plain
                        && !c.is_control()
                        && !matches!(app.focus(), Focus::Help | Focus::Messages) =>
                {
                    Some(Action::Type(c))
                }
                _ => None,
            }
        }
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-1)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(1)),
            _ => None,
        },
        _ => None,
    }
}
