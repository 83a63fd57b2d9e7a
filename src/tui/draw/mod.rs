//! Drawing: functions that read the `App` and paint a frame, nothing else.

mod help;
mod modal;
mod panes;
mod scope_plan;
mod table;
mod text;

use super::action::Command;
use super::app::App;
use super::app::OtherRows;
use super::keymap::key_for;
use super::keymap::{Focus, footer_hints};
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::catalog::PermissionType;
use crate::choice::Choice;
use crate::filter::Consent;
use crate::text::{counted, printable};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use text::Cut;
use tui_input::Input;

/// Matched characters of the fuzzy query.
pub const MATCH: Style = Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD);
/// A `Yes` in the admin-consent column and other things that need an admin.
pub const ADMIN: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
/// Rows whose type does not fit the mode.
pub const DIMMED: Style = Style::new().fg(Color::DarkGray);
/// The highlighted row.
pub const HIGHLIGHT: Style = Style::new().bg(Color::Rgb(40, 60, 90)).add_modifier(Modifier::BOLD);
/// Keys in the footer and the help.
pub const KEY: Style = Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD);
/// The border of the focused pane.
pub const FOCUSED: Style = Style::new().fg(Color::LightCyan);
/// Least-privilege hints.
pub const HINT: Style = Style::new().fg(Color::LightBlue);
/// Warnings.
pub const WARNING: Style = Style::new().fg(Color::Yellow);
/// Errors in the status line.
pub const ERROR: Style = Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD);
/// Good news in the status line.
pub const SUCCESS: Style = Style::new().fg(Color::LightGreen);

/// The colour that marks a mode everywhere.
pub fn mode_style(mode: PermissionType) -> Style {
    let color = match mode {
        PermissionType::Delegated => Color::LightGreen,
        PermissionType::Application => Color::LightMagenta,
    };
    Style::new().fg(color).add_modifier(Modifier::BOLD)
}

/// The rounded border of every pane and popup; a focused pane's in [`FOCUSED`].
fn bordered(title: String, focused: bool) -> Block<'static> {
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { FOCUSED } else { Style::new() })
        .title(title)
}

/// A popup: `paragraph` in a bordered box over whatever is below it.
fn popup(frame: &mut Frame, rect: Rect, title: &str, paragraph: Paragraph) {
    frame.render_widget(Clear, rect);
    frame.render_widget(paragraph.block(bordered(title.into(), false).border_style(KEY)), rect);
}

/// Paints the whole screen for `app`.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let Some(areas) = app.areas_in(area) else {
        too_small(frame, area);
        return;
    };
    header(frame, app, areas.header);
    filter_line(frame, app, areas.filter);
    table::draw(frame, app, areas.table);
    if !areas.detail.is_empty() {
        panes::detail(frame, app, areas.detail);
    }
    if !areas.basket.is_empty() {
        panes::basket(frame, app, areas.basket);
    }
    panes::scope(frame, app, areas.scope, areas.basket.is_empty());
    status(frame, app, areas.status);
    footer(frame, app, areas.footer);
    modal::draw(frame, app, area);
    match app.focus() {
        Focus::Help => help::draw(frame, app, area),
        Focus::Messages => help::messages(frame, app, area),
        _ => {}
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "enlarge the terminal to at least {MIN_WIDTH}×{MIN_HEIGHT} (now {}×{})",
        area.width, area.height
    );
    let top = area.height.saturating_sub(2) / 2;
    let rect = Rect { y: area.y + top, height: area.height - top, ..area };
    let paragraph =
        Paragraph::new(text).style(WARNING).alignment(Alignment::Center).wrap(Wrap { trim: true });
    frame.render_widget(paragraph, rect);
}

fn header(frame: &mut Frame, app: &App, area: Rect) {
    let mut right = vec![];
    if app.cloud != crate::catalog::Cloud::Global {
        right.push(Span::raw(" Cloud: "));
        right.push(Span::styled(app.cloud.label(), WARNING));
        right.push(Span::raw(" "));
    }
    right.extend([
        Span::raw(" Mode: "),
        Span::styled(app.mode.label(), mode_style(app.mode)),
        Span::raw("  Style: "),
        Span::styled(app.style.key(), Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(" "),
    ]);
    let right = Line::from(right);
    let right_width = right.width() as u16;
    let mut title = format!("{} · {}", app.catalog_label, counted(app.catalog.len(), "permission"));
    if let Some(open) = &app.open_selection {
        title = format!("Selection: {} · {title}", open.name);
    }
    let left_width = usize::from(area.width.saturating_sub(right_width + 12));
    let mut left = vec![
        Span::styled(" scopepick ", Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)),
        Span::raw(" "),
    ];
    left.extend(text::fitted_line(&title, left_width, Cut::End, &[], [Style::new(); 2]).spans);
    frame.render_widget(Line::from(left), area);
    frame.render_widget(Paragraph::new(right.alignment(Alignment::Right)), area);
}

fn filter_line(frame: &mut Frame, app: &App, area: Rect) {
    let chips = filter_chips(app);
    let count = format!("{} ", hit_count(app));
    let right_width = (chips.chars().count() + count.len()) as u16;
    let input_width = area.width.saturating_sub(right_width + 3);
    let (line, cursor) = input_line(&app.input, input_width);
    frame.render_widget(line, area);
    let right = Line::from(vec![Span::styled(chips, WARNING), Span::raw(count)])
        .alignment(Alignment::Right);
    frame.render_widget(Paragraph::new(right), area);
    if app.focus() == Focus::List {
        frame.set_cursor_position((area.x + 2 + cursor.min(input_width), area.y));
    }
}

/// A one-line input after a `> ` prompt, scrolled (as tui-input counts it) so
/// that its cursor shows in `width` cells: the line and the cursor's column.
fn input_line(input: &Input, width: u16) -> (Line<'static>, u16) {
    let scroll = input.visual_scroll(usize::from(width));
    let visible = text::skip_columns(input.value(), scroll);
    let cursor = input.visual_cursor().saturating_sub(scroll) as u16;
    (Line::from(vec![Span::styled("> ", KEY), Span::raw(visible)]), cursor)
}

/// `shown/total`, and the terms the rows were found without.
fn hit_count(app: &App) -> String {
    let count = format!("{}/{}", app.hits().len(), app.catalog.len());
    if app.ignored_terms().is_empty() {
        return count;
    }
    format!("without “{}” {count}", printable(&app.ignored_terms().join(" ")))
}

/// The active exact filters, e.g. `[type: Delegated] [admin: yes] `.
fn filter_chips(app: &App) -> String {
    let mut chips = String::new();
    if let Some(kind) = app.type_filter {
        chips += &format!("[type: {kind}] ");
    }
    if let Some(consent) = app.consent_filter {
        chips += &format!("[admin: {}] ", if consent == Consent::Needed { "yes" } else { "no" });
    }
    if let Some(role) = app.role_filter {
        chips += &format!("[intrexx: {}] ", role.key());
    }
    if app.other_rows == OtherRows::Hidden {
        chips += &format!("[only {}] ", app.mode);
    }
    chips
}

/// The status line: the latest message, cut with an ellipsis and the key
/// that shows it in full when it is too long.
fn status(frame: &mut Frame, app: &App, area: Rect) {
    let (text, style) = match &app.status {
        Some(status) => (status.text.as_str(), if status.is_error { ERROR } else { SUCCESS }),
        // A menu, prompt or question has its own keys in the footer.
        None if app.modal.is_some() => ("", DIMMED),
        None => ("Type to filter · Tab adds to the basket · Enter accepts · F1 help", DIMMED),
    };
    let width = usize::from(area.width.saturating_sub(1));
    let clean = printable(text);
    let mut spans = vec![Span::raw(" ")];
    if unicode_width::UnicodeWidthStr::width(clean.as_ref()) <= width {
        spans.push(Span::styled(clean.into_owned(), style));
    } else {
        let more = format!(" {} shows all", key_for(Command::ShowMessages));
        let room = width.saturating_sub(more.chars().count());
        spans.extend(text::fitted_line(&clean, room, Cut::End, &[], [style; 2]).spans);
        spans.push(Span::styled(more, KEY));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The hints of the keys that work in the active context, as many as fit.
fn footer(frame: &mut Frame, app: &App, area: Rect) {
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, label) in footer_hints(app.focus(), app.query().is_empty()) {
        let hint = format!(" {label}  ");
        used += key.chars().count() + hint.chars().count();
        if used > usize::from(area.width) + 2 {
            break;
        }
        spans.push(Span::styled(key, KEY));
        spans.push(Span::raw(hint));
    }
    frame.render_widget(Line::from(spans), area);
}
