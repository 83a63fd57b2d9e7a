//! The help popup, listing every binding of the keymap, and the messages
//! popup, with the recent status lines in full.

use super::text::wrap_words;
use super::{ERROR, KEY};
use crate::text::printable;
use crate::tui::app::App;
use crate::tui::keymap::{KEYMAP, MOUSE_HELP, Scope, keys_label, when_note};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use strum::VariantArray;
use unicode_width::UnicodeWidthStr;

const KEYS_WIDTH: usize = 26;

/// The help text for a popup `width` cells wide inside its border: one
/// binding per row, long ones wrapped under their text, grouped by section.
pub fn help_lines(width: usize) -> Vec<Line<'static>> {
    let heading = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let text_width = width.saturating_sub(KEYS_WIDTH).max(12);
    let row = |lines: &mut Vec<Line<'static>>, keys: String, text: String| {
        let pad = KEYS_WIDTH.saturating_sub(keys.width());
        let mut parts = wrap_words(&text, text_width).into_iter();
        let first = parts.next().unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(keys, KEY),
            Span::raw(" ".repeat(pad)),
            Span::raw(first),
        ]));
        for part in parts {
            lines.push(Line::raw(format!("{}{part}", " ".repeat(KEYS_WIDTH))));
        }
    };
    let mut lines = Vec::new();
    for &scope in Scope::VARIANTS {
        lines.push(Line::styled(scope.to_string(), heading));
        for b in KEYMAP.iter().filter(|b| b.scope == scope) {
            row(&mut lines, keys_label(b), format!("{}{}", b.help, when_note(b.when)));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("Mouse", heading));
    for (what, text) in MOUSE_HELP {
        row(&mut lines, what.to_string(), text.to_string());
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw("Any other character is typed into the filter."));
    lines
}

/// Paints the help popup centred over `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let width = area.width.saturating_sub(4).min(92);
    let lines = help_lines(usize::from(width.saturating_sub(2)));
    text_popup(frame, app, area, (" Help: every key ", width), lines);
}

/// Paints the messages popup: the recent status lines in full, newest first.
pub fn messages(frame: &mut Frame, app: &App, area: Rect) {
    let width = area.width.saturating_sub(4).min(100);
    let inner = usize::from(width.saturating_sub(2)).max(4);
    let mut lines = Vec::new();
    for status in app.messages.iter().rev() {
        let style = if status.is_error { ERROR } else { Style::new() };
        for (i, part) in wrap_words(&printable(&status.text), inner - 2).into_iter().enumerate() {
            let mark = if i == 0 { "• " } else { "  " };
            lines.push(Line::styled(format!("{mark}{part}"), style));
        }
    }
    text_popup(frame, app, area, (" Messages, newest first ", width), lines);
}

/// A popup of `lines` centred over `area`, scrolled as far as the app says.
fn text_popup(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    (title, width): (&str, u16),
    lines: Vec<Line<'static>>,
) {
    let count = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let height = area.height.saturating_sub(2).min(count.saturating_add(2));
    let rect = area.centered(Constraint::Length(width), Constraint::Length(height));
    let max_scroll = count.saturating_sub(height.saturating_sub(2));
    let paragraph = Paragraph::new(lines).scroll((app.popup_scroll.min(max_scroll), 0));
    super::popup(frame, rect, title, paragraph);
}
