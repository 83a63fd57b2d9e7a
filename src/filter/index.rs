//! What a long-lived search works out once per catalog, so that each pass
//! does less per row: the letters every row's name words start with, and
//! for catalogs of one step the tie-break order.

use super::letters::Letters;
use super::order::TieOrder;
use crate::catalog::Catalog;

/// Facts about one catalog's rows, made by [`CatalogIndex::new`].
pub(crate) struct CatalogIndex {
    /// Per row: [`Letters::starting_words`] of its name.
    letters: Vec<Letters>,
    /// The tie-break order, for catalogs of at most `ties_up_to` rows.
    ties: Option<TieOrder>,
}

impl CatalogIndex {
    /// The index of `catalog`; the tie order only when it has at most
    /// `ties_up_to` rows (it is a sort of the whole catalog, which a long
    /// catalog would wait for at start).
    pub(crate) fn new(catalog: &Catalog, ties_up_to: usize) -> CatalogIndex {
        let perms = &catalog.permissions;
        CatalogIndex {
            letters: perms.iter().map(|p| Letters::starting_words(&p.name)).collect(),
            ties: (perms.len() <= ties_up_to).then(|| TieOrder::new(perms)),
        }
    }

    /// Whether this is an index of a catalog of `rows` rows (a guard
    /// against using it with another catalog).
    pub(crate) fn fits(&self, rows: usize) -> bool {
        self.letters.len() == rows
    }

    /// The name letters of row `index`.
    pub(crate) fn letters(&self, index: usize) -> Letters {
        self.letters[index]
    }

    /// The tie-break order, if made.
    pub(crate) fn ties(&self) -> Option<&TieOrder> {
        self.ties.as_ref()
    }
}
