//! The picker's filter state: the result on show and what it answers.

use super::{Criteria, Filtered, FuzzyFilter, Hit};
use crate::catalog::Catalog;

/// The latest result, filtered again on every change (a pass over the
/// catalog costs well under a frame).
pub struct Search {
    filter: FuzzyFilter,
    criteria: Criteria,
    found: Filtered,
}

impl Search {
    /// Every row of `catalog` in catalog order.
    pub fn new(catalog: &Catalog) -> Search {
        let filter = FuzzyFilter::new();
        let criteria = Criteria::default();
        let found = filter.filter_noting(catalog, &criteria);
        Search { filter, criteria, found }
    }

    /// The matcher, for highlighting and for ranking other lists.
    pub fn filter(&self) -> &FuzzyFilter {
        &self.filter
    }

    /// The result, best first.
    pub fn hits(&self) -> &[Hit] {
        &self.found.hits
    }

    /// The terms [`hits`](Self::hits) was found without: no row matches
    /// them, and with them nothing was found.
    pub fn ignored(&self) -> &[String] {
        &self.found.ignored
    }

    /// What [`hits`](Self::hits) answers.
    pub fn criteria(&self) -> &Criteria {
        &self.criteria
    }

    /// Filters `catalog` for `criteria`.
    pub fn set(&mut self, catalog: &Catalog, criteria: Criteria) {
        self.found = self.filter.filter_noting(catalog, &criteria);
        self.criteria = criteria;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType;

    fn query(text: &str) -> Criteria {
        Criteria { query: text.into(), ..Criteria::default() }
    }

    #[test]
    fn typing_filters_as_a_fresh_filter_does() {
        let catalog = Catalog::embedded();
        let mut search = Search::new(&catalog);
        assert_eq!(search.hits().len(), 36);
        for typed in ["c", "ch", "chat", "chat r", "mails verschicken"] {
            search.set(&catalog, query(typed));
            let fresh = FuzzyFilter::new().filter_noting(&catalog, &query(typed));
            assert_eq!((search.hits(), search.ignored()), (&fresh.hits[..], &fresh.ignored[..]));
            assert_eq!(search.criteria(), &query(typed));
        }
    }

    #[test]
    fn the_mode_reorders_without_hiding() {
        let catalog = crate::test_support::graph_catalog();
        let mut search = Search::new(&catalog);
        let delegated = query("chat read");
        search.set(&catalog, delegated.clone());
        let first = catalog.permissions[search.hits()[0].index()].kind;
        assert_eq!(first, PermissionType::Delegated);
        let count = search.hits().len();
        search.set(&catalog, Criteria { mode: PermissionType::Application, ..delegated });
        assert_eq!(search.hits().len(), count);
        let first = catalog.permissions[search.hits()[0].index()].kind;
        assert_eq!(first, PermissionType::Application);
    }
}
