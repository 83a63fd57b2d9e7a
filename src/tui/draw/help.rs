//! The help popup, listing every binding of the keymap.

use super::KEY;
use crate::tui::app::App;
use crate::tui::keymap::{KEYMAP, MOUSE_HELP, Scope, keys_label, when_note};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

const KEYS_WIDTH: usize = 26;

/// The help text, one line per binding, grouped by section.
pub fn help_lines() -> Vec<Line<'static>> {
    let heading = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let row = |keys: String, text: String| {
        let pad = KEYS_WIDTH.saturating_sub(keys.width());
        Line::from(vec![Span::styled(keys, KEY), Span::raw(" ".repeat(pad)), Span::raw(text)])
    };
    let mut lines = Vec::new();
    for scope in Scope::ORDER {
        lines.push(Line::styled(scope.title(), heading));
        for b in KEYMAP.iter().filter(|b| b.scope == scope) {
            lines.push(row(keys_label(b), format!("{}{}", b.help, when_note(b.when))));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled("Mouse", heading));
    for (what, text) in MOUSE_HELP {
        lines.push(row(what.to_string(), text.to_string()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw("Any other character is typed into the filter."));
    lines
}

/// Paints the popup centred over `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let lines = help_lines();
    let width = area.width.saturating_sub(4).min(92);
    let height = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(" Help · ↑/↓ scroll · Esc closes ")
        .border_style(KEY);
    let max_scroll = (lines.len() as u16).saturating_sub(height.saturating_sub(2));
    let paragraph = Paragraph::new(lines).block(block).scroll((app.help_scroll.min(max_scroll), 0));
    frame.render_widget(Clear, popup);
    frame.render_widget(paragraph, popup);
}
