//! The permission table, painted row by row: the screen's largest part,
//! drawn on every keystroke. It looks exactly as ratatui's `Table` would
//! draw it (the screen snapshots hold it to that), at a fraction of the cost.

use super::text::{Cut, fitted_line, paint_fitted, paint_line};
use super::{ADMIN, DIMMED, FOCUSED, HIGHLIGHT, MATCH, mode_style};
use crate::catalog::Permission;
use crate::choice::Choice;
use crate::filter::Highlighter;
use crate::tui::app::{App, SortOrder};
use crate::tui::keymap::Focus;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};
use unicode_width::UnicodeWidthStr;

const TYPE_WIDTH: u16 = 11;
const ADMIN_WIDTH: u16 = 5;
const ROLE_WIDTH: u16 = 8;
/// The highlighted row's marker, in a column of its own.
const HIGHLIGHT_SYMBOL: &str = "▶ ";
const HEADER: [&str; 6] = ["", "NAME", "TYPE", "ADMIN", "INTREXX", "DESCRIPTION"];
/// Cells of each row outside the name and the description: the highlight
/// symbol, the basket marker, type, consent and role, the gaps, and one
/// cell that keeps descriptions off the border.
const FIXED_WIDTH: u16 = 2 + 1 + TYPE_WIDTH + ADMIN_WIDTH + ROLE_WIDTH + 5 + 1;

/// Paints the visible rows of the filtered catalog.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::List;
    let mut title = format!(" Permissions {} ", super::hit_count(app));
    if app.sort != SortOrder::Relevance {
        title += &format!("· sorted {} ", app.sort.label());
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { FOCUSED } else { Style::new() })
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let rows = usize::from(inner.height.saturating_sub(1));
    let [name_width, text_width] = widths(app, inner.width, rows);
    let columns = columns(inner, name_width);
    let buf = frame.buffer_mut();
    let header = Rect { height: 1, ..inner };
    buf.set_style(header, Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    for (i, (title, column)) in HEADER.iter().zip(&columns).enumerate() {
        let mut title = title.to_string();
        if sorted_column(app.sort) == Some(i) {
            title += " ↓";
        }
        // A heading that would be cut to a few cells is left out, and so is
        // the description's when there is none.
        let width = usize::from(column.width);
        if width < title.width().min(6) || (i == 5 && text_width == 0) {
            continue;
        }
        let line = fitted_line(&title, width, Cut::End, &[], [Style::new(); 2]);
        paint_line(buf, &line, Rect { y: inner.y, ..*column });
    }
    let highlight = if focused { HIGHLIGHT } else { Style::new().add_modifier(Modifier::BOLD) };
    let shown = app.hits().iter().skip(app.offset);
    let highlighter = app.search.filter().highlighter(app.query());
    for (y, (position, hit)) in (inner.y + 1..inner.bottom()).zip(shown.enumerate()) {
        let row = Rect { y, height: 1, ..inner };
        let at = |column: Rect| Rect { y, ..column };
        let p = &app.catalog.permissions[hit.index()];
        let selected = app.offset + position == app.selected;
        if selected {
            paint_line(buf, &Line::raw(HIGHLIGHT_SYMBOL), Rect { width: 2, ..row });
        }
        let in_basket = app.basket.contains(&hit.index());
        let marker = if in_basket { "●" } else { " " };
        cell(buf, at(columns[0]), marker, Style::new().fg(Color::LightGreen));
        let texts = [at(columns[1]), at(columns[5])];
        paint_texts(buf, p.kind == app.mode, &highlighter, p, texts, [name_width, text_width]);
        let (kind, consent, role) = row_styles(app, p);
        cell(buf, at(columns[2]), p.kind.label(), kind);
        cell(buf, at(columns[3]), if p.admin_consent { "Yes" } else { "No" }, consent);
        cell(buf, at(columns[4]), p.intrexx.map_or("-", |r| r.key()), role);
        if selected {
            buf.set_style(row, highlight);
        }
    }
    if app.hits().is_empty() && area.height > 3 {
        let message = Line::styled(" No permission matches: Esc clears the filter.", DIMMED);
        let line = Rect { y: area.y + 2, height: 1, ..inner };
        frame.render_widget(message, line);
    }
}

/// The columns' areas on the header row: after two cells for the highlight
/// symbol, the marker, name, type, consent, role and the description,
/// one cell apart.
fn columns(inner: Rect, name_width: u16) -> Vec<Rect> {
    let [_, data] = Layout::horizontal([Constraint::Length(2), Constraint::Fill(0)]).areas(inner);
    let widths = [
        Constraint::Length(1),
        Constraint::Length(name_width),
        Constraint::Length(TYPE_WIDTH),
        Constraint::Length(ADMIN_WIDTH),
        Constraint::Length(ROLE_WIDTH),
        Constraint::Fill(1),
    ];
    let columns = Layout::horizontal(widths).flex(Flex::Start).spacing(1).split(data);
    columns.iter().map(|c| Rect { height: 1, ..*c }).collect()
}

/// The name and the description, cut to `widths`, matched characters
/// highlighted; rows of the other type than the mode dimmed.
fn paint_texts(
    buf: &mut Buffer,
    own_type: bool,
    highlighter: &Highlighter,
    p: &Permission,
    areas: [Rect; 2],
    widths: [u16; 2],
) {
    let base = if own_type { Style::new() } else { DIMMED };
    let texts = [(&p.name, Cut::Middle), (&p.description, Cut::End)];
    for (((text, cut), width), area) in texts.into_iter().zip(widths).zip(areas) {
        let matches = highlighter.positions(text);
        paint_fitted(buf, area, text, (usize::from(width), cut), &matches, [base, MATCH]);
    }
}

/// The styles of the type, consent and role cells: the mode's colour on
/// rows of its type, admin consent in warning colour; other rows dimmed.
fn row_styles(app: &App, p: &Permission) -> (Style, Style, Style) {
    let own = p.kind == app.mode;
    let base = if own { Style::new() } else { DIMMED };
    let kind = if own { mode_style(p.kind) } else { base };
    let consent = match (p.admin_consent, own) {
        (true, true) => ADMIN,
        (true, false) => DIMMED,
        (false, _) => base,
    };
    (kind, consent, base)
}

/// A table cell: the whole cell in `style`, then the text.
fn cell(buf: &mut Buffer, area: Rect, text: &str, style: Style) {
    buf.set_style(area, style);
    paint_line(buf, &Line::raw(text), area);
}

/// The widths of the name and description columns for `table_width`
/// cells inside the border: the name column fits the longest name among
/// the `rows` rows on show (at least its heading), as far as the table
/// allows; the description takes the rest, and gives way first.
fn widths(app: &App, table_width: u16, rows: usize) -> [u16; 2] {
    let shown = app.hits().iter().skip(app.offset).take(rows);
    let longest = shown.map(|h| app.catalog.permissions[h.index()].name.width()).max();
    let longest = u16::try_from(longest.unwrap_or(0)).unwrap_or(u16::MAX).max(6);
    let room = table_width.saturating_sub(FIXED_WIDTH);
    let name = longest.min(room);
    // A description of a few cells says nothing: then there is none.
    let text = room - name;
    [name, if text < MIN_DESCRIPTION { 0 } else { text }]
}

/// The narrowest description worth showing.
const MIN_DESCRIPTION: u16 = 10;

/// Which column of `HEADER` the order sorts by, if any.
fn sorted_column(sort: SortOrder) -> Option<usize> {
    match sort {
        SortOrder::Relevance => None,
        SortOrder::Name => Some(1),
        SortOrder::Type => Some(2),
        SortOrder::AdminConsent => Some(3),
    }
}
