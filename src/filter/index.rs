//! What a long-lived search works out once per catalog, so that each pass
//! does less per row: what every row's name words start with, what
//! its description's words start with, and for catalogs of one step the
//! tie-break order.

use super::letters::{NameStarts, WordStarts};
use super::order::TieOrder;
use super::texts;
use crate::catalog::Catalog;

/// Facts about one catalog's rows, made by [`CatalogIndex::new`].
pub(crate) struct CatalogIndex {
    /// Per row: [`NameStarts::of`] its name.
    names: Vec<NameStarts>,
    /// Per row: [`WordStarts::of`] its description and display name; empty
    /// for catalogs longer than `ties_up_to` (reading every description
    /// would delay a long catalog's start).
    described: Vec<WordStarts>,
    /// The tie-break order, for catalogs of at most `ties_up_to` rows.
    ties: Option<TieOrder>,
}

impl CatalogIndex {
    /// The index of `catalog`; the description starts and the tie order
    /// only when it has at most `ties_up_to` rows (the tie order is a sort
    /// of the whole catalog: a long catalog would wait for both at start).
    pub(crate) fn new(catalog: &Catalog, ties_up_to: usize) -> CatalogIndex {
        let perms = &catalog.permissions;
        let short = perms.len() <= ties_up_to;
        CatalogIndex {
            names: perms.iter().map(|p| NameStarts::of(&p.name)).collect(),
            described: if short {
                perms.iter().map(|p| WordStarts::of(texts(p))).collect()
            } else {
                Vec::new()
            },
            ties: short.then(|| TieOrder::new(perms)),
        }
    }

    /// Whether this is an index of a catalog of `rows` rows (a guard
    /// against using it with another catalog).
    pub(crate) fn fits(&self, rows: usize) -> bool {
        self.names.len() == rows
    }

    /// The name word starts of row `index`.
    pub(crate) fn name_starts(&self, index: usize) -> NameStarts {
        self.names[index]
    }

    /// The word starts of row `index`'s description and display name, if made.
    pub(crate) fn described(&self, index: usize) -> Option<WordStarts> {
        self.described.get(index).copied()
    }

    /// The tie-break order, if made.
    pub(crate) fn ties(&self) -> Option<&TieOrder> {
        self.ties.as_ref()
    }
}
