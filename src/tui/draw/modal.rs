//! The menu, prompt and question popups.

use super::text::{Cut, fitted_line, wrap_words};
use super::{DIMMED, HIGHLIGHT, KEY};
use crate::text::printable;
use crate::tui::app::App;
use crate::tui::keymap::{Focus, keys_label, working};
use crate::tui::layout::wrapped_line_count;
use crate::tui::modal::{Menu, MenuKind, Modal};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

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

/// A popup of `lines`, wrapped to its width.
fn popup(frame: &mut Frame, rect: Rect, title: &str, lines: Vec<Line<'static>>) {
    super::popup(frame, rect, title, Paragraph::new(lines).wrap(Wrap { trim: false }));
}

/// Paints the open modal, if any, over `area`.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let width = area.width.saturating_sub(4).min(84);
    match &app.modal {
        None => {}
        Some(Modal::Menu(Menu { kind: MenuKind::Preview { text, .. }, selected, .. })) => {
            let room = usize::from(area.height.saturating_sub(2));
            let width = area.width.saturating_sub(2);
            let inner = usize::from(width.saturating_sub(2)).max(1);
            let mut height = 0;
            let lines: Vec<Line<'static>> = text
                .lines()
                .skip(*selected)
                .map(|l| printable(l).into_owned())
                .map_while(|l| {
                    let rows = wrapped_line_count(&l, inner);
                    (height + rows <= room).then(|| {
                        height += rows;
                        Line::raw(l)
                    })
                })
                .collect();
            let rect = centred(area, width, height as u16 + 2);
            popup(frame, rect, PREVIEW_TITLE, lines);
        }
        Some(Modal::Menu(menu)) => {
            let inner = usize::from(width.saturating_sub(4));
            let mut lines = Vec::new();
            let picker = matches!(menu.kind, MenuKind::Selections(_));
            if picker {
                let filter: String = printable(menu.filter.value()).into_owned();
                lines.push(Line::from(vec![Span::styled("> ", KEY), Span::raw(filter)]));
            }
            let room = usize::from(area.height.saturating_sub(4)).saturating_sub(lines.len());
            lines.extend(menu_lines(menu, inner, room));
            if picker && menu.shown.is_empty() {
                lines.push(Line::styled("No saved selection matches.", DIMMED));
            }
            let rect = centred(area, width, lines.len() as u16 + 2);
            popup(frame, rect, menu_title(&menu.kind), lines);
            if picker && rect.height > 2 {
                let cursor = menu.filter.visual_cursor() as u16;
                let x = (rect.x + 3 + cursor).min(rect.right().saturating_sub(2));
                frame.set_cursor_position((x, rect.y + 1));
            }
        }
        Some(Modal::Prompt(prompt)) => {
            let (input, cursor) = super::input_line(&prompt.input, width.saturating_sub(4));
            let title = wrap_words(&printable(&prompt.title), usize::from(width.saturating_sub(2)));
            let above = title.len() as u16;
            let mut lines: Vec<Line<'static>> = title.into_iter().map(Line::raw).collect();
            lines.push(input);
            lines.push(Line::styled(answers(Focus::Prompt), DIMMED));
            let rect = centred(area, width, lines.len() as u16 + 2);
            popup(frame, rect, " Prompt ", lines);
            if rect.height >= above + 3 && rect.width > 4 {
                let x = (rect.x + 3 + cursor).min(rect.right().saturating_sub(2));
                frame.set_cursor_position((x, rect.y + 1 + above));
            }
        }
        Some(Modal::Confirm(confirm)) => {
            let lines = vec![
                Line::raw(printable(&confirm.question).into_owned()),
                Line::styled(answers(Focus::Confirm), KEY),
            ];
            let inner = usize::from(width.saturating_sub(2)).max(1);
            let height = wrapped_line_count(&confirm.question, inner) as u16 + 3;
            popup(frame, centred(area, width, height), " Question ", lines);
        }
    }
}

/// The keys that answer a prompt or question, from the keymap:
/// `Enter: confirm · Esc: cancel`.
fn answers(focus: Focus) -> String {
    let shown = working(focus, true).filter(|b| b.footer.is_some());
    shown.map(|b| format!("{}: {}", keys_label(b), b.help)).collect::<Vec<_>>().join(" · ")
}

/// The title of the export preview (its keys are in the footer).
const PREVIEW_TITLE: &str = " Preview of the export: exactly what is copied or written ";

fn menu_title(kind: &MenuKind) -> &'static str {
    match kind {
        MenuKind::Presets => " Add a preset ",
        MenuKind::Export => " Export for the admin ",
        MenuKind::Selections(_) => " Open a selection · type to filter ",
        MenuKind::Preview { .. } => PREVIEW_TITLE,
    }
}

/// The shown items, at most `room` of them, scrolled so the highlight shows.
fn menu_lines(menu: &Menu, width: usize, room: usize) -> Vec<Line<'static>> {
    let key_width = menu.items.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let room = room.max(1);
    let first = menu.selected.saturating_sub(room - 1);
    menu.shown
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
        .map(|(position, &i)| {
            let (key, detail) = &menu.items[i];
            let marker = if position == menu.selected { "▶ " } else { "  " };
            let text = format!("{marker}{:<key_width$}  {}", printable(key), printable(detail));
            let style = if position == menu.selected { HIGHLIGHT } else { Style::new() };
            fitted_line(&text, width, Cut::End, &[], [Style::new(); 2]).style(style)
        })
        .collect()
}
