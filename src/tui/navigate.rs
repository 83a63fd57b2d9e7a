//! Moving the highlight, scrolling and mouse clicks: the part of `App` that
//! depends on where things are on screen.

use super::app::App;
use super::keymap::Focus;
use super::layout::{Areas, contains};

impl App {
    pub(crate) fn page(&self) -> usize {
        self.areas().map_or(1, |a| a.table_rows()).max(1)
    }

    pub(crate) fn areas(&self) -> Option<Areas> {
        Areas::compute(self.size, self)
    }

    /// Moves the highlight of the focused list (or scrolls the help) by `delta`, clamped.
    pub(crate) fn move_by(&mut self, delta: isize) {
        let step =
            |pos: usize, len: usize| pos.saturating_add_signed(delta).min(len.saturating_sub(1));
        match self.focus {
            Focus::List => self.selected = step(self.selected, self.hits().len()),
            Focus::Basket => self.basket_selected = step(self.basket_selected, self.basket.len()),
            Focus::Help => {
                self.help_scroll =
                    (self.help_scroll as isize + delta).clamp(0, u16::MAX as isize) as u16
            }
            Focus::Menu | Focus::Prompt | Focus::Confirm => {}
        }
        self.scroll_into_view();
    }

    /// Keeps the highlighted rows inside the visible windows.
    pub(crate) fn scroll_into_view(&mut self) {
        let Some(areas) = self.areas() else { return };
        let hits = self.hits().len();
        keep_visible(&mut self.offset, self.selected, areas.table_rows(), hits);
        let rows = areas.basket_rows();
        keep_visible(&mut self.basket_offset, self.basket_selected, rows, self.basket.len());
    }

    pub(crate) fn click(&mut self, column: u16, row: u16) {
        let Some(areas) = self.areas() else { return };
        if self.focus == Focus::Help {
            return;
        }
        let table_top = areas.table.y + 2;
        if contains(areas.table, column, row) && row >= table_top {
            let pos = self.offset + usize::from(row - table_top);
            if pos < self.hits().len() && usize::from(row - table_top) < areas.table_rows() {
                self.focus = Focus::List;
                self.selected = pos;
            }
        }
        let basket_top = areas.basket.y + 1;
        if contains(areas.basket, column, row) && row >= basket_top {
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
