//! Moving the highlight, scrolling and mouse clicks: the part of `App` that
//! depends on where things are on screen.

use super::App;
use crate::tui::action::Status;
use crate::tui::keymap::Focus;
use crate::tui::layout::Panes;
use crate::tui::layout::{Areas, Wants, prefix_chars, wrapped_line_count};
use ratatui::layout::{Position, Rect};

impl App {
    pub(crate) fn page(&self) -> usize {
        self.areas().map_or(1, |a| a.table_rows()).max(1)
    }

    /// The layout on the app's terminal size.
    pub(crate) fn areas(&self) -> Option<Areas> {
        self.areas_in(self.size)
    }

    /// The layout in `area`.
    pub(crate) fn areas_in(&self, area: Rect) -> Option<Areas> {
        let width = area.width.saturating_sub(2);
        let wants = Wants {
            scope_lines: self.scope_lines(width, area.height),
            scope_min_lines: self.scope_min_lines(width),
            panes: self.panes,
            basket_focused: self.focus == Focus::Basket,
        };
        Areas::compute(area, wants)
    }

    /// Lines the scope pane needs inside its border: the wrapped string (at
    /// least one line) and its diagnostics. Only as much of the string is
    /// wrapped as a terminal `height` rows high can show, so the work does
    /// not grow with the basket.
    fn scope_lines(&self, width: u16, height: u16) -> u16 {
        let wrap = |text: &str| wrapped_line_count(text, usize::from(width));
        // Counting stops once the pane could not show more.
        let mut diagnostics = 0;
        for (_, d) in &self.basket_view.notes {
            if diagnostics > usize::from(height) {
                break;
            }
            diagnostics += wrap(&format!("⚠ {d}"));
        }
        let room = (usize::from(height) + 1) * usize::from(width.max(1));
        let shown = prefix_chars(&self.built.scope, room);
        let lines = wrap(shown).max(1) + diagnostics;
        u16::try_from(lines).unwrap_or(u16::MAX)
    }

    /// Lines the scope pane cannot do without: its errors whole, one row of
    /// the string and the row that says what is hidden.
    fn scope_min_lines(&self, width: u16) -> u16 {
        let errors: usize = (self.basket_view.error_notes())
            .map(|(_, d)| wrapped_line_count(&format!("✗ {d}"), usize::from(width)))
            .sum();
        u16::try_from(errors + 2).unwrap_or(u16::MAX)
    }

    /// Moves the highlight of the focused list (or scrolls the help) by `delta`, clamped.
    pub(crate) fn move_by(&mut self, delta: isize) {
        self.step_by(delta);
        self.scroll_into_view();
    }

    /// [`move_by`](Self::move_by) without scrolling: for a burst of moves,
    /// scrolled once at its end.
    pub(crate) fn step_by(&mut self, delta: isize) {
        let step =
            |pos: usize, len: usize| pos.saturating_add_signed(delta).min(len.saturating_sub(1));
        match self.focus {
            Focus::List => self.selected = step(self.selected, self.hits().len()),
            Focus::Basket => self.basket_selected = step(self.basket_selected, self.basket.len()),
            Focus::Help | Focus::Messages => {
                self.popup_scroll =
                    (self.popup_scroll as isize + delta).clamp(0, u16::MAX as isize) as u16
            }
            Focus::Menu(_) | Focus::Prompt | Focus::Confirm => {}
        }
    }

    /// Keeps the highlighted rows inside the visible windows.
    pub(crate) fn scroll_into_view(&mut self) {
        let Some(areas) = self.areas() else { return };
        let hits = self.hits().len();
        keep_visible(&mut self.offset, self.selected, areas.table_rows(), hits);
        let rows = areas.basket_rows();
        keep_visible(&mut self.basket_offset, self.basket_selected, rows, self.basket.len());
    }

    /// Opens the help or messages popup, scrolled to the top.
    pub(super) fn open_popup(&mut self, popup: Focus) {
        if !matches!(self.focus, Focus::Help | Focus::Messages) {
            self.focus_before_popup = self.focus;
        }
        self.focus = popup;
        self.popup_scroll = 0;
    }

    pub(super) fn close_popup(&mut self) {
        self.focus = self.focus_before_popup;
    }

    /// Shows or hides the details and basket panes.
    pub(super) fn toggle_panes(&mut self) {
        let shown = self.areas().is_some_and(|a| !a.detail.is_empty() || !a.basket.is_empty());
        self.panes = if shown { Panes::Hidden } else { Panes::Shown };
        let text = match self.panes {
            Panes::Hidden => "Details and basket hidden: the table takes their room",
            _ => "Details and basket shown",
        };
        self.set_status(Status::info(text));
        self.scroll_into_view();
    }

    pub(crate) fn click(&mut self, column: u16, row: u16) {
        let Some(areas) = self.areas() else { return };
        if matches!(self.focus, Focus::Help | Focus::Messages) {
            return;
        }
        let at = Position { x: column, y: row };
        let table_top = areas.table.y + 2;
        if areas.table.contains(at) && row >= table_top {
            let pos = self.offset + usize::from(row - table_top);
            if pos < self.hits().len() && usize::from(row - table_top) < areas.table_rows() {
                self.focus = Focus::List;
                self.selected = pos;
            }
        }
        let basket_top = areas.basket.y + 1;
        if areas.basket.contains(at) && row >= basket_top {
            let pos = self.basket_offset + usize::from(row - basket_top);
            if pos < self.basket.len() {
                self.focus = Focus::Basket;
                self.basket_selected = pos;
            }
        }
    }
}

/// Adjusts `offset` so that `selected` is one of the `rows` visible rows.
fn keep_visible(offset: &mut usize, selected: usize, rows: usize, len: usize) {
    let rows = rows.max(1);
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + rows {
        *offset = selected + 1 - rows;
    }
    *offset = (*offset).min(len.saturating_sub(rows));
}
