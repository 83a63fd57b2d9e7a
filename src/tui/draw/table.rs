//! The permission table.

use super::text::{fitted_line, paint_line};
use super::{ADMIN, DIMMED, FOCUSED, HIGHLIGHT, MATCH, mode_style};
use crate::tui::app::App;
use crate::tui::keymap::Focus;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Cell, Row, Table, TableState};

const TYPE_WIDTH: u16 = 11;
const ADMIN_WIDTH: u16 = 5;
const ROLE_WIDTH: u16 = 8;

/// Paints the visible rows of the filtered catalog.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let name_width = name_width(app, area.width);
    let description_width = usize::from(
        area.width
            .saturating_sub(2 + 2 + 2 + name_width + TYPE_WIDTH + ADMIN_WIDTH + ROLE_WIDTH + 5),
    );
    let visible = usize::from(area.height.saturating_sub(3));
    let shown = app.hits().iter().skip(app.offset).take(visible);
    // Names and descriptions (most of the screen's text) are painted after
    // the table, by `paint_line`; the table leaves their cells empty.
    let mut texts: Vec<(Line, Line)> = Vec::with_capacity(visible);
    let rows: Vec<Row> = shown
        .map(|hit| {
            let p = &app.catalog.permissions[hit.index()];
            let base = if p.kind == app.mode { Style::new() } else { DIMMED };
            let name_matches = app.search.filter().positions(&p.name, app.query());
            let description_matches = app.search.filter().positions(&p.description, app.query());
            texts.push((
                fitted_line(&p.name, usize::from(name_width), &name_matches, base, MATCH),
                fitted_line(&p.description, description_width, &description_matches, base, MATCH),
            ));
            let in_basket = app.basket.contains(&hit.index());
            let consent = if p.admin_consent {
                Cell::from("Yes").style(if p.kind == app.mode { ADMIN } else { DIMMED })
            } else {
                Cell::from("No").style(base)
            };
            Row::new(vec![
                Cell::from(if in_basket { "●" } else { " " })
                    .style(Style::new().fg(Color::LightGreen)),
                Cell::from(""),
                Cell::from(p.kind.label()).style(if p.kind == app.mode {
                    mode_style(p.kind)
                } else {
                    base
                }),
                consent,
                Cell::from(p.intrexx.map_or("-", |r| r.key())).style(base),
                Cell::from(""),
            ])
        })
        .collect();
    let header = Row::new(["", "NAME", "TYPE", "ADMIN", "INTREXX", "DESCRIPTION"])
        .style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let focused = app.focus == Focus::List;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(if focused { FOCUSED } else { Style::new() })
        .title(Line::from(format!(" Permissions {} ", super::hit_count(app))));
    let widths = [
        Constraint::Length(1),
        Constraint::Length(name_width),
        Constraint::Length(TYPE_WIDTH),
        Constraint::Length(ADMIN_WIDTH),
        Constraint::Length(ROLE_WIDTH),
        Constraint::Fill(1),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(if focused {
            HIGHLIGHT
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        })
        .highlight_symbol("▶ ")
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut state = TableState::default()
        .with_selected((!app.hits().is_empty()).then(|| app.selected.saturating_sub(app.offset)));
    frame.render_stateful_widget(table, area, &mut state);
    // The table's layout: inside the border, after the header row, with the
    // highlight symbol's two columns before the data columns.
    let inner = area.inner(Margin::new(1, 1));
    let [_, columns_area] = Layout::horizontal([Constraint::Length(2), Constraint::Fill(0)])
        .areas(Rect::new(0, 0, inner.width, 1));
    let columns = Layout::horizontal(widths).flex(Flex::Start).spacing(1).split(columns_area);
    for (row, (name, description)) in (inner.y + 1..inner.bottom()).zip(&texts) {
        for (line, column) in [(name, columns[1]), (description, columns[5])] {
            let cell = Rect { x: inner.x + column.x, y: row, width: column.width, height: 1 };
            paint_line(frame.buffer_mut(), line, cell);
        }
    }
    if app.hits().is_empty() {
        let message = Line::styled(" No permission matches: Esc clears the filter.", DIMMED);
        let inner =
            Rect { x: area.x + 1, y: area.y + 2, width: area.width.saturating_sub(2), height: 1 };
        if area.height > 3 {
            frame.render_widget(message, inner);
        }
    }
}

/// The name column fits the longest name, between 14 and 36 cells, and
/// leaves the description at least a third of the table.
fn name_width(app: &App, table_width: u16) -> u16 {
    app.longest_name.clamp(14, 36).min(table_width / 3)
}
