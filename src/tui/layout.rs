//! Where each pane goes, as a pure function of the terminal size. Drawing and
//! mouse handling both use it, so a click lands on what was drawn.

use super::app::App;
use ratatui::layout::{Constraint, Layout, Rect};
use unicode_width::UnicodeWidthStr;

/// The smallest usable terminal.
pub const MIN_WIDTH: u16 = 60;
/// The smallest usable terminal height.
pub const MIN_HEIGHT: u16 = 18;
/// From this width on, details and basket sit right of the table.
const WIDE: u16 = 120;

/// The rectangles of all panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Title, catalog, mode and style.
    pub header: Rect,
    /// The filter input line.
    pub filter: Rect,
    /// The permission table, with its border.
    pub table: Rect,
    /// Details of the highlighted permission.
    pub detail: Rect,
    /// The basket.
    pub basket: Rect,
    /// The live scope string and its diagnostics.
    pub scope: Rect,
    /// Result of the last action.
    pub status: Rect,
    /// Key hints.
    pub footer: Rect,
}

impl Areas {
    /// The layout for `app` in a terminal of `area`, or `None` when it is too
    /// small. The scope pane grows with the string, up to a third of the height.
    pub fn compute(area: Rect, app: &App) -> Option<Areas> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let wide = area.width >= WIDE;
        let wanted = scope_lines(app, area.width.saturating_sub(2)).saturating_add(2);
        let scope_height = wanted.clamp(4, (area.height / 3).max(4));
        let panes_height = if wide {
            0
        } else if area.height >= 30 {
            10
        } else {
            6
        };
        let [header, filter, middle, panes, scope, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(4),
            Constraint::Length(panes_height),
            Constraint::Length(scope_height),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let (table, detail, basket) = if wide {
            let side_width = (area.width / 3).clamp(40, 70);
            let [table, side] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)])
                    .areas(middle);
            let [detail, basket] =
                Layout::vertical([Constraint::Length(11), Constraint::Min(3)]).areas(side);
            (table, detail, basket)
        } else {
            let [detail, basket] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(panes);
            (middle, detail, basket)
        };
        Some(Areas { header, filter, table, detail, basket, scope, status, footer })
    }

    /// How many table rows are visible (inside the border, below the header row).
    pub fn table_rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(3))
    }

    /// How many basket items are visible (inside the border).
    pub fn basket_rows(&self) -> usize {
        usize::from(self.basket.height.saturating_sub(2))
    }
}

/// Whether (column, row) lies in `rect`.
pub fn contains(rect: Rect, column: u16, row: u16) -> bool {
    rect.contains(ratatui::layout::Position { x: column, y: row })
}

/// Lines the scope pane needs inside its border: the wrapped string (at least
/// one line) and one line per diagnostic.
fn scope_lines(app: &App, width: u16) -> u16 {
    let width = usize::from(width);
    let diagnostics: usize = app
        .shown_diagnostics()
        .iter()
        .map(|(_, d)| wrapped_line_count(&format!("⚠ {d}"), width))
        .sum();
    let lines = wrapped_line_count(&app.built.scope, width).max(1) + diagnostics;
    u16::try_from(lines).unwrap_or(u16::MAX)
}

/// How many lines greedy word wrapping at `width` makes of `text`.
pub fn wrapped_line_count(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut lines = 0;
    let mut used = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = word.width();
        if lines == 0 || used + 1 + w > width {
            lines += w.div_ceil(width).max(1);
            used = w % width;
        } else {
            used += 1 + w;
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrapped_line_count;

    #[test]
    fn counts_wrapped_lines() {
        assert_eq!(wrapped_line_count("", 10), 0);
        assert_eq!(wrapped_line_count("aaaa bbbb", 9), 1);
        assert_eq!(wrapped_line_count("aaaa bbbb", 8), 2);
        assert_eq!(wrapped_line_count("aaaaaaaaaaaa", 5), 3);
    }
}
