//! The menu, prompt and question popups.

use super::{DIMMED, HIGHLIGHT, KEY};
use crate::text::printable;
use crate::tui::app::App;
use crate::tui::modal::{Menu, MenuKind, Modal};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// A box of `width` x `height` centred in `area` (clamped to it).
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 3,
        width,
        height,
    }
}

fn popup(frame: &mut Frame, rect: Rect, title: &str, lines: Vec<Line<'static>>) {
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(KEY)
        .title(title.to_string());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), rect);
}

/// Paints the open modal, if any, over `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let width = area.width.saturating_sub(4).min(84);
    match &app.modal {
        None => {}
        Some(Modal::Menu(menu)) => {
            let lines = menu_lines(menu, usize::from(width.saturating_sub(4)));
            let rect = centred(area, width, lines.len() as u16 + 2);
            popup(frame, rect, menu_title(menu.kind), lines);
        }
        Some(Modal::Prompt(prompt)) => {
            let inner = usize::from(width.saturating_sub(4));
            let scroll = prompt.input.visual_scroll(inner);
            let visible: String = printable(prompt.input.value()).chars().skip(scroll).collect();
            let lines = vec![
                Line::raw(printable(&prompt.title).into_owned()),
                Line::from(vec![Span::styled("> ", KEY), Span::raw(visible)]),
                Line::styled("Enter confirms · Esc cancels", DIMMED),
            ];
            let rect = centred(area, width, 5);
            popup(frame, rect, " Prompt ", lines);
            let cursor = prompt.input.visual_cursor().saturating_sub(scroll) as u16;
            if rect.height >= 4 && rect.width > 4 {
                let x = (rect.x + 3 + cursor).min(rect.right().saturating_sub(2));
                frame.set_cursor_position((x, rect.y + 2));
            }
        }
        Some(Modal::Confirm(confirm)) => {
            let lines = vec![
                Line::raw(printable(&confirm.question).into_owned()),
                Line::from(vec![
                    Span::styled("y", KEY),
                    Span::raw(" / Enter: yes    "),
                    Span::styled("n", KEY),
                    Span::raw(" / Esc: no"),
                ]),
            ];
            let inner = usize::from(width.saturating_sub(2)).max(1);
            let height =
                crate::tui::layout::wrapped_line_count(&confirm.question, inner) as u16 + 3;
            popup(frame, centred(area, width, height), " Question ", lines);
        }
    }
}

fn menu_title(kind: MenuKind) -> &'static str {
    match kind {
        MenuKind::Presets => " Add a preset · Enter adds · Esc closes ",
        MenuKind::Export => " Export · Enter copies · Ctrl-S writes a file · Esc closes ",
    }
}

fn menu_lines(menu: &Menu, width: usize) -> Vec<Line<'static>> {
    let key_width = menu.items.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    menu.items
        .iter()
        .enumerate()
        .map(|(i, (key, detail))| {
            let marker = if i == menu.selected { "▶ " } else { "  " };
            let text = format!("{marker}{key:<key_width$}  {}", printable(detail));
            let text: String = text.chars().take(width).collect();
            if i == menu.selected { Line::styled(text, HIGHLIGHT) } else { Line::raw(text) }
        })
        .collect()
}
