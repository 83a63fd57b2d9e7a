//! The permission table: ratatui's `Table` over the visible window of rows
//! (only those are built, so a long catalog costs no more per frame).

use super::text::{Cut, fitted_line};
use super::{ADMIN, DIMMED, HIGHLIGHT, MATCH, bordered, mode_style};
use crate::catalog::{IntrexxRole, Permission, PermissionType, Resource};
use crate::choice::Choice;
use crate::filter::Highlighter;
use crate::tui::app::{App, SortOrder};
use crate::tui::keymap::Focus;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Cell, HighlightSpacing, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

const ADMIN_WIDTH: u16 = 5;
/// The highlighted row's marker, in a column of its own.
const HIGHLIGHT_SYMBOL: &str = "▶ ";
const HEADER: [&str; 6] = ["", "NAME", "TYPE", "ADMIN", "INTREXX", "DESCRIPTION"];

/// How the type and role cells are written: in full (`Application`,
/// `required`), or short (`App.`, `req.`) when the longest name on show needs
/// their room. Short labels let Graph's longest names (55 cells) show whole
/// in the 78 cells the table has at 80 and at 120 columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Labels {
    short: bool,
    type_width: u16,
    role_width: u16,
}

const FULL: Labels = Labels { short: false, type_width: 11, role_width: 8 };
const SHORT: Labels = Labels { short: true, type_width: 4, role_width: 7 };

impl Labels {
    fn kind(self, kind: PermissionType) -> &'static str {
        if self.short { kind.short_label() } else { kind.label() }
    }

    fn role(self, role: Option<IntrexxRole>) -> &'static str {
        match (self.short, role) {
            (_, None) => "-",
            (false, Some(role)) => role.key(),
            (true, Some(IntrexxRole::Required)) => "req.",
            (true, Some(IntrexxRole::Optional)) => "opt.",
        }
    }

    /// Cells of a row outside the name and the description: the highlight
    /// symbol, the basket marker, type, consent and role, the gaps between
    /// the six columns, and one cell that keeps descriptions off the border.
    fn fixed_width(self) -> u16 {
        2 + 1 + self.type_width + ADMIN_WIDTH + self.role_width + 5 + 1
    }
}

/// The columns' layout for the rows on show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Widths {
    name: u16,
    /// Zero: no description column (short labels give its gap and border
    /// cell to the name).
    text: u16,
    labels: Labels,
}

/// Draws the visible rows of the filtered catalog.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::List;
    let mut title = format!(" Permissions {} ", super::hit_count(app));
    if app.sort != SortOrder::Relevance {
        title += &format!("· sorted {} ", app.sort.label());
    }
    let block = bordered(title, focused);
    let inner = block.inner(area);
    let rows = usize::from(inner.height.saturating_sub(1));
    let widths = widths(app, inner.width, rows);
    let header =
        HEADER.iter().zip(columns(inner, widths)).enumerate().map(|(i, (title, width))| {
            // A heading that would be cut to a few cells is left out.
            if width < title.width().min(6) {
                return Line::default();
            }
            let mut title = title.to_string();
            if sorted_column(app.sort) == Some(i) {
                title += " ↓";
            }
            fitted_line(&title, width, Cut::End, &[], [Style::new(); 2])
        });
    let header =
        Row::new(header).style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let highlighter = app.filter.highlighter(app.query());
    let shown = app.hits().iter().skip(app.offset).take(rows).map(|hit| {
        let p = &app.catalog.permissions[hit.index()];
        let marker = if app.basket_view.contains(hit.index()) { "●" } else { " " };
        let [name, description] =
            texts(p.kind == app.mode, &highlighter, p, [widths.name, widths.text]);
        let (kind, consent, role) = row_styles(app, p);
        // With no description column, its cell is not drawn.
        Row::new([
            Cell::from(marker).style(Style::new().fg(Color::LightGreen)),
            Cell::from(name),
            Cell::from(widths.labels.kind(p.kind)).style(kind),
            Cell::from(if p.admin_consent { "Yes" } else { "No" }).style(consent),
            Cell::from(widths.labels.role(p.intrexx)).style(role),
            Cell::from(description),
        ])
    });
    let highlight = if focused { HIGHLIGHT } else { Style::new().add_modifier(Modifier::BOLD) };
    let table = Table::new(shown, constraints(widths))
        .header(header)
        .block(block)
        .column_spacing(1)
        .flex(Flex::Start)
        .highlight_symbol(HIGHLIGHT_SYMBOL)
        .highlight_spacing(HighlightSpacing::Always)
        .row_highlight_style(highlight);
    let selected = app.selected.checked_sub(app.offset).filter(|&at| at < rows);
    frame.render_stateful_widget(table, area, &mut TableState::new().with_selected(selected));
    if app.hits().is_empty() && area.height > 3 {
        let message = Line::styled(" No permission matches: Esc clears the filter.", DIMMED);
        let line = Rect { y: area.y + 2, height: 1, ..inner };
        frame.render_widget(message, line);
    }
}

/// The columns: the basket marker, name, type, consent, role and, when
/// there is room, the description.
fn constraints(widths: Widths) -> Vec<Constraint> {
    let mut columns = vec![
        Constraint::Length(1),
        Constraint::Length(widths.name),
        Constraint::Length(widths.labels.type_width),
        Constraint::Length(ADMIN_WIDTH),
        Constraint::Length(widths.labels.role_width),
    ];
    if widths.text > 0 {
        columns.push(Constraint::Fill(1));
    }
    columns
}

/// The columns' widths, as the table lays them out: after two cells for
/// the highlight symbol, the columns one cell apart.
fn columns(inner: Rect, widths: Widths) -> Vec<usize> {
    let [_, data] = Layout::horizontal([Constraint::Length(2), Constraint::Fill(0)]).areas(inner);
    let columns = Layout::horizontal(constraints(widths)).flex(Flex::Start).spacing(1).split(data);
    columns.iter().map(|c| usize::from(c.width)).collect()
}

/// The name and the description, cut to `widths`, matched characters
/// highlighted; rows of the other type than the mode dimmed.
fn texts(
    own_type: bool,
    highlighter: &Highlighter,
    p: &Permission,
    widths: [u16; 2],
) -> [Line<'static>; 2] {
    let base = if own_type { Style::new() } else { DIMMED };
    let fit = |text: &str, width: u16, cut| {
        fitted_line(text, usize::from(width), cut, &highlighter.positions(text), [base, MATCH])
    };
    // A row of another resource than Graph says so first (`[Exchange] …`).
    let description = match p.resource {
        Resource::Graph => p.description.clone(),
        other => format!("[{}] {}", other.spec().tag, p.description),
    };
    [fit(&p.name, widths[0], Cut::Middle), fit(&description, widths[1], Cut::End)]
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

/// The widths of the name and description columns for `table_width`
/// cells inside the border: the name column fits the longest name among
/// the `rows` rows on show (at least its heading), as far as the table
/// allows; the description takes the rest, and gives way first. When only
/// short labels (and no description) let that name show whole, they are used.
fn widths(app: &App, table_width: u16, rows: usize) -> Widths {
    let shown = app.hits().iter().skip(app.offset).take(rows);
    let longest = shown.map(|h| app.catalog.permissions[h.index()].name.width()).max();
    let longest = u16::try_from(longest.unwrap_or(0)).unwrap_or(u16::MAX).max(6);
    let room = table_width.saturating_sub(FULL.fixed_width());
    // Without a description column, its gap and border cell go to the name.
    let short_room = table_width.saturating_sub(SHORT.fixed_width() - 2);
    if longest > room && longest <= short_room {
        // The few cells a description would have left are not worth it.
        return Widths { name: longest, text: 0, labels: SHORT };
    }
    let name = longest.min(room);
    // A description of a few cells says nothing: then there is none.
    let text = room - name;
    Widths { name, text: if text < MIN_DESCRIPTION { 0 } else { text }, labels: FULL }
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
