//! The basket: adding, removing, loading, and the scope string built from it.

use super::App;
use super::basket_view::BasketView;
use super::filters::{Change, OtherRows};
use crate::catalog::{AuthMode, Permission};
use crate::saved::{Session, saved_permissions};
use crate::scope::{Diagnostic, ScopeForm, Severity, build};
use crate::text::printable;
use crate::tui::action::Status;
use crate::tui::keymap::Focus;

impl App {
    /// Tab pressed `times` times in one burst: each press adds or removes
    /// the highlighted row and moves by `delta`; the string is rebuilt once,
    /// so a burst costs one pass over a full basket, not one per press.
    pub(crate) fn toggle_times(&mut self, delta: isize, times: usize) {
        let mut changed = false;
        for _ in 0..times {
            let Some(hit) = self.hits().get(self.selected) else { break };
            let index = hit.index();
            let name = &self.catalog.permissions[index].name;
            let text = if let Some(pos) = self.basket.iter().position(|&i| i == index) {
                self.basket.remove(pos);
                format!("Removed {}", printable(name))
            } else {
                self.basket.push(index);
                format!("Added {}", printable(name))
            };
            self.set_status(Status::info(text));
            self.step_by(delta);
            changed = true;
        }
        if changed {
            self.basket_selected = self.basket_selected.min(self.basket.len().saturating_sub(1));
            self.rebuild();
            // Once, with the scope pane as high as the new string needs.
            self.scroll_into_view();
        }
    }

    pub(crate) fn remove_from_basket(&mut self) {
        if self.basket_selected >= self.basket.len() {
            return;
        }
        let index = self.basket.remove(self.basket_selected);
        let name = printable(&self.catalog.permissions[index].name).into_owned();
        self.set_status(Status::info(format!("Removed {name}")));
        self.basket_selected = self.basket_selected.min(self.basket.len().saturating_sub(1));
        if self.basket.is_empty() {
            self.focus = Focus::List;
        }
        self.rebuild();
        self.scroll_into_view();
    }

    /// Adds the rows that are not in the basket yet (in one pass: a
    /// selection may hold the whole catalog).
    pub(crate) fn add_rows(&mut self, rows: Vec<usize>) {
        let mut in_basket = vec![false; self.catalog.permissions.len()];
        for &row in &self.basket {
            in_basket[row] = true;
        }
        for row in rows {
            if !std::mem::replace(&mut in_basket[row], true) {
                self.basket.push(row);
            }
        }
        self.rebuild();
    }

    /// Replaces basket, mode and style (a restored session, a selection, `--scopes`).
    pub fn load_basket(&mut self, rows: Vec<usize>, mode: AuthMode, style: ScopeForm) {
        self.basket.clear();
        self.basket_selected = 0;
        self.basket_offset = 0;
        if mode != self.mode {
            self.other_style = self.style;
        }
        self.mode = mode;
        self.style = style;
        self.add_rows(rows);
        if self.other_rows == OtherRows::Hidden || !self.input.value().trim().is_empty() {
            self.refilter(Change::Filters);
        }
    }

    /// The basket's rows, in the order they were added.
    pub(crate) fn basket_rows(&self) -> Vec<&Permission> {
        self.basket.iter().map(|&i| &self.catalog.permissions[i]).collect()
    }

    /// Mode, the style of each mode and basket, to restore at the next start.
    pub fn session(&self) -> Session {
        let rows = self.basket_rows();
        let (delegated, application) = match self.mode {
            AuthMode::Delegated => (self.style, self.other_style),
            AuthMode::Application => (self.other_style, self.style),
        };
        Session {
            mode: self.mode,
            style: delegated,
            application_style: (application != ScopeForm::default_for(AuthMode::Application))
                .then_some(application),
            basket: saved_permissions(&rows),
        }
    }

    /// Whether the built string is one the sign-in rejects: named scopes in
    /// Application mode (client credentials take only `.default`).
    pub(crate) fn fails_at_sign_in(&self) -> bool {
        self.built.diagnostics.iter().any(|d| d.severity() == Severity::Error)
    }

    /// The diagnostics as the scope pane shows them (`basket_view.notes`, made
    /// once per rebuild: a full basket has hundreds): more than two left-out
    /// rows become one line, and "nothing selected" shows only as the hint.
    fn diagnostics_to_show(&self) -> Vec<(Severity, String)> {
        let left_out = |d: &&Diagnostic| matches!(d, Diagnostic::LeftOut { .. });
        let count = self.built.diagnostics.iter().filter(left_out).count();
        let mut shown = Vec::new();
        if count > 2 {
            let text = format!(
                "{count} {} permissions in the basket are left out of {} {} string",
                self.mode.other(),
                self.mode.article(),
                self.mode
            );
            shown.push((Severity::Info, text));
        }
        for d in &self.built.diagnostics {
            if matches!(d, Diagnostic::Empty { .. }) || (count > 2 && left_out(&d)) {
                continue;
            }
            shown.push((d.severity(), d.to_string()));
        }
        shown
    }

    /// Recomputes the scope string, its diagnostics and what the panes show
    /// of the basket from basket, mode and style: the one place that goes
    /// through the whole basket, so typing and drawing never do.
    pub(crate) fn rebuild(&mut self) {
        self.built = build(&self.basket_rows(), self.mode, self.style, self.cloud);
        let notes = self.diagnostics_to_show();
        let chars = self.built.scope.chars().count();
        self.basket_view = BasketView::new(&self.catalog.permissions, &self.basket, chars, notes);
        self.generation += 1;
    }
}
