//! The permission table, painted row by row: the screen's largest part,
//! drawn on every keystroke. It looks exactly as ratatui's `Table` would
//! draw it (the screen snapshots hold it to that), at a fraction of the cost.

use super::text::{paint_fitted, paint_line};
use super::{ADMIN, DIMMED, FOCUSED, HIGHLIGHT, MATCH, mode_style};
use crate::catalog::Permission;
use crate::choice::Choice;
use crate::filter::Highlighter;
use crate::tui::app::App;
use crate::tui::keymap::Focus;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

const TYPE_WIDTH: u16 = 11;
const ADMIN_WIDTH: u16 = 5;
const ROLE_WIDTH: u16 = 8;
/// The highlighted row's marker, in a column of its own.
const HIGHLIGHT_SYMBOL: &str = "▶ ";
const HEADER: [&str; 6] = ["", "NAME", "TYPE", "ADMIN", "INTREXX", "DESCRIPTION"];

/// Paints the visible rows of the filtered catalog.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::List;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { FOCUSED } else { Style::new() })
        .title(Line::from(format!(" Permissions {} ", super::hit_count(app))));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let name_width = name_width(app, area.width);
    let columns = columns(inner, name_width);
    // Descriptions are cut one cell short of their column.
    let text_width =
        area.width.saturating_sub(6 + name_width + TYPE_WIDTH + ADMIN_WIDTH + ROLE_WIDTH + 5);
    let buf = frame.buffer_mut();
    let header = Rect { height: 1, ..inner };
    buf.set_style(header, Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    for (title, column) in HEADER.iter().zip(&columns) {
        paint_line(buf, &Line::raw(*title), Rect { y: inner.y, ..*column });
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
    for ((text, width), area) in [&p.name, &p.description].into_iter().zip(widths).zip(areas) {
        let matches = highlighter.positions(text);
        paint_fitted(buf, area, text, usize::from(width), &matches, [base, MATCH]);
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

/// The name column fits the longest name, between 14 and 36 cells, and
/// leaves the description at least a third of the table.
fn name_width(app: &App, table_width: u16) -> u16 {
    app.longest_name.clamp(14, 36).min(table_width / 3)
}
