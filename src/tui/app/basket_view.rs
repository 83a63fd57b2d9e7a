//! What the screen shows of the basket, worked out once each time the basket,
//! mode or style changes, so that a key or a frame never goes through the
//! whole basket (typing with the whole catalog in it costs what it costs empty).

use crate::catalog::Permission;
use crate::coverage::redundant_rows;
use crate::scope::Severity;
use unicode_width::UnicodeWidthStr;

/// The basket as the panes show it (see the module).
#[derive(Debug, Default)]
pub(crate) struct BasketView {
    /// By catalog index: whether the row is in the basket.
    in_basket: Vec<bool>,
    /// How many basket rows need admin consent.
    pub(crate) admin: usize,
    /// The widest name in the basket, in cells.
    pub(crate) widest_name: usize,
    /// By basket position: the position of the row that makes it usually
    /// redundant, if one does.
    covered_by: Vec<Option<usize>>,
    /// The scope string's length in characters.
    pub(crate) scope_chars: usize,
    /// The diagnostics as the scope pane shows them.
    pub(crate) notes: Vec<(Severity, String)>,
    /// Positions in `notes` of the errors, which always show.
    pub(crate) errors: Vec<usize>,
}

impl BasketView {
    /// The view of `basket` (catalog indices into `permissions`), with the
    /// scope string's length and the notes made from its diagnostics.
    pub(crate) fn new(
        permissions: &[Permission],
        basket: &[usize],
        scope_chars: usize,
        notes: Vec<(Severity, String)>,
    ) -> BasketView {
        let rows: Vec<&Permission> = basket.iter().map(|&i| &permissions[i]).collect();
        let mut in_basket = vec![false; permissions.len()];
        for &i in basket {
            in_basket[i] = true;
        }
        let mut covered_by = vec![None; basket.len()];
        for (narrower, broader) in redundant_rows(&rows) {
            covered_by[narrower].get_or_insert(broader);
        }
        let errors = (notes.iter().enumerate())
            .filter(|(_, (severity, _))| *severity == Severity::Error)
            .map(|(at, _)| at)
            .collect();
        BasketView {
            in_basket,
            admin: rows.iter().filter(|p| p.admin_consent).count(),
            widest_name: rows.iter().map(|p| p.name.width()).max().unwrap_or(0),
            covered_by,
            scope_chars,
            notes,
            errors,
        }
    }

    /// Whether the catalog row `index` is in the basket.
    pub(crate) fn contains(&self, index: usize) -> bool {
        self.in_basket.get(index).copied().unwrap_or(false)
    }

    /// The basket position of the row that makes the one at `position`
    /// usually redundant, if one does.
    pub(crate) fn covered_by(&self, position: usize) -> Option<usize> {
        self.covered_by.get(position).copied().flatten()
    }

    /// The errors among the notes, in order.
    pub(crate) fn error_notes(&self) -> impl Iterator<Item = &(Severity, String)> {
        self.errors.iter().map(|&at| &self.notes[at])
    }
}
