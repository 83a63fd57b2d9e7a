//! Filtering while a query is typed: answers a query seen recently at once
//! (backspace is free), and runs long passes in steps so that the screen
//! never waits for the whole catalog.
//!
//! A pass always scores the whole catalog: a longer query is not always a
//! narrower one (`sign` → `sign in` finds `openid` by the vocabulary), and
//! scoring the 1,519 Graph permissions takes a fraction of a millisecond.

use super::index::CatalogIndex;
use super::pass::{Pass, STEP_ROWS};
use super::{Criteria, FuzzyFilter, Hit};
use crate::catalog::Catalog;
use std::collections::VecDeque;
use std::sync::Arc;

/// How many recent results are kept…
const RECENT_RESULTS: usize = 32;
/// …and how many hits they may hold together (16 bytes each).
const RECENT_HITS: usize = 1 << 21;

/// A complete result.
struct Done {
    criteria: Criteria,
    hits: Arc<[Hit]>,
    ignored: Arc<[String]>,
}

/// The picker's filter state: the latest complete result, a pass that may
/// still be running, and recent results to start from.
pub struct Search {
    filter: FuzzyFilter,
    /// Most recent first; the front is the result on show.
    recent: VecDeque<Done>,
    pending: Option<Pass>,
    /// The catalog's row facts; its tie-break order only for catalogs of
    /// one step (longer ones would wait for it at start; their hits get
    /// keys per pass). Made by [`prepare`](Self::prepare), or by the first
    /// pass that needs it, so that the first frame never waits for it.
    index: Option<CatalogIndex>,
}

impl Search {
    /// Every row of `catalog` in catalog order, nothing pending.
    pub fn new(catalog: &Catalog) -> Search {
        let filter = FuzzyFilter::new();
        let criteria = Criteria::default();
        let hits = filter.filter(catalog, &criteria).into();
        let done = Done { criteria, hits, ignored: Arc::new([]) };
        Search { filter, recent: VecDeque::from([done]), pending: None, index: None }
    }

    /// Works out the catalog's row facts now (about a millisecond for the
    /// 1,519 Graph permissions), if not done yet: the picker asks once its
    /// first frame is on screen and no key is waiting.
    pub fn prepare(&mut self, catalog: &Catalog) {
        self.index.get_or_insert_with(|| CatalogIndex::new(catalog, STEP_ROWS));
    }

    /// Whether [`prepare`](Self::prepare) has work left.
    pub fn unprepared(&self) -> bool {
        self.index.is_none()
    }

    /// The matcher, for highlighting and for ranking other lists.
    pub fn filter(&self) -> &FuzzyFilter {
        &self.filter
    }

    /// The latest complete result, best first; while a pass is pending,
    /// the one before it.
    pub fn hits(&self) -> &[Hit] {
        &self.shown().hits
    }

    /// The terms [`hits`](Self::hits) was found without: no row matches
    /// them, and with them nothing was found.
    pub fn ignored(&self) -> &[String] {
        &self.shown().ignored
    }

    /// What [`hits`](Self::hits) answers.
    pub fn criteria(&self) -> &Criteria {
        &self.shown().criteria
    }

    /// While a pass is pending: candidates done, and in all.
    pub fn pending(&self) -> Option<(usize, usize)> {
        self.pending.as_ref().map(Pass::progress)
    }

    /// Filters for `criteria`: at once when a recent result answers it
    /// (the same filters, mode and terms), else by a pass, which runs now
    /// when it takes one step (catalogs of up to [`STEP_ROWS`] rows). True
    /// when [`hits`](Self::hits) answers `criteria` on return.
    pub fn set(&mut self, catalog: &Catalog, criteria: Criteria) -> bool {
        self.pending = None;
        if let Some(at) = self.recent.iter().position(|d| d.criteria.answers(&criteria)) {
            let done = self.recent.remove(at).expect("position is in range");
            let (hits, ignored) = (Arc::clone(&done.hits), Arc::clone(&done.ignored));
            self.recent.push_front(done);
            if self.criteria() != &criteria {
                self.show(Done { criteria, hits, ignored });
            }
            return true;
        }
        self.pending = Some(Pass::new(criteria, catalog.len()));
        // A pass of one step runs now; a longer one waits for `step`, which
        // the picker calls only when no key is waiting: a burst of keys (a
        // paste, fast typing) then costs one pass, not a step per key.
        if catalog.len() <= STEP_ROWS { self.step(catalog) } else { false }
    }

    /// Runs the next step of the pending pass. True when that completed it
    /// (so [`hits`](Self::hits) changed).
    pub fn step(&mut self, catalog: &Catalog) -> bool {
        if self.pending.is_none() {
            return false;
        }
        self.prepare(catalog);
        let Some(pass) = &mut self.pending else { return false };
        let Some(hits) = pass.step(&self.filter.scorer, catalog, self.index.as_ref()) else {
            return false;
        };
        let criteria = pass.criteria().clone();
        let ignored = pass.ignored().into();
        self.pending = None;
        self.show(Done { criteria, hits: hits.into(), ignored });
        true
    }

    #[cfg(test)]
    fn hits_arc(&self) -> Arc<[Hit]> {
        Arc::clone(&self.shown().hits)
    }

    fn shown(&self) -> &Done {
        self.recent.front().expect("a result is always on show")
    }

    /// Puts `done` on show and forgets the oldest results beyond the limits.
    fn show(&mut self, done: Done) {
        self.recent.push_front(done);
        let mut total = 0;
        let keep = self
            .recent
            .iter()
            .take(RECENT_RESULTS)
            .take_while(|d| {
                total += d.hits.len();
                total <= RECENT_HITS
            })
            .count();
        self.recent.truncate(keep.max(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType;
    use crate::filter::Consent;
    use proptest::prelude::*;

    fn fresh(catalog: &Catalog, criteria: &Criteria) -> Vec<Hit> {
        FuzzyFilter::new().filter(catalog, criteria)
    }

    fn query(text: &str) -> Criteria {
        Criteria { query: text.into(), ..Criteria::default() }
    }

    #[test]
    fn the_index_is_made_once_by_prepare_or_by_the_first_pass() {
        let catalog = crate::test_support::graph_catalog();
        let mut lazy = Search::new(&catalog);
        assert!(lazy.unprepared(), "a new search does not wait for its index");
        let mut prepared = Search::new(&catalog);
        prepared.prepare(&catalog);
        assert!(!prepared.unprepared());
        for typed in ["usr.read", "kalender", "c"] {
            assert!(lazy.set(&catalog, query(typed)) && prepared.set(&catalog, query(typed)));
            assert_eq!(lazy.hits(), prepared.hits(), "{typed}");
            assert_eq!(lazy.hits(), fresh(&catalog, &query(typed)), "{typed}");
        }
        assert!(!lazy.unprepared(), "the first pass made it");
    }

    #[test]
    fn typing_filters_and_backspace_reuses_what_was_seen() {
        let catalog = Catalog::embedded();
        let mut search = Search::new(&catalog);
        assert_eq!(search.hits().len(), 36);
        for typed in ["c", "ch", "cha", "chat", "chat ", "chat r", "chat re"] {
            assert!(search.set(&catalog, query(typed)), "small catalogs finish at once");
            assert_eq!(search.hits(), fresh(&catalog, &query(typed)), "{typed:?}");
        }
        let before = Arc::clone(&search.recent[3].hits);
        assert!(search.set(&catalog, query("chat")));
        assert!(Arc::ptr_eq(&search.recent[0].hits, &before), "backspace finds the old result");
        assert_eq!(search.criteria(), &query("chat"));
        let spaced = Arc::clone(&search.hits_arc());
        assert!(search.set(&catalog, query("chat  ")));
        assert!(Arc::ptr_eq(&search.hits_arc(), &spaced), "the same terms, the same result");
        assert_eq!(search.criteria(), &query("chat  "));
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
        let apps = Criteria { mode: PermissionType::Application, ..delegated };
        assert!(search.set(&catalog, apps));
        assert_eq!(search.hits().len(), count);
        let first = catalog.permissions[search.hits()[0].index()].kind;
        assert_eq!(first, PermissionType::Application);
    }

    #[test]
    fn other_filters_are_not_narrowed_from() {
        let catalog = Catalog::embedded();
        let mut search = Search::new(&catalog);
        search.set(&catalog, query("read"));
        let apps = Criteria { kind: Some(PermissionType::Application), ..query("read") };
        search.set(&catalog, apps.clone());
        assert_eq!(search.hits(), fresh(&catalog, &apps));
        let contradictory = Criteria { mode_only: Some(PermissionType::Delegated), ..apps };
        search.set(&catalog, contradictory);
        assert!(search.hits().is_empty());
    }

    #[test]
    fn the_recent_results_are_bounded() {
        let catalog = Catalog::embedded();
        let mut search = Search::new(&catalog);
        for i in 0..100 {
            search.set(&catalog, query(&format!("a{i}")));
        }
        assert!(search.recent.len() <= RECENT_RESULTS);
        assert_eq!(search.criteria(), &query("a99"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// On the real catalog, the picker's precomputed tie order ranks
        /// exactly as the CLI's keys per hit.
        #[test]
        fn the_tie_order_ranks_as_the_keys_do(
            text in "[a-z]{1,3}( [a-z.]{1,6})?",
            apps in any::<bool>(),
        ) {
            let catalog = crate::test_support::graph_catalog();
            let mut search = Search::new(&catalog);
            search.prepare(&catalog);
            prop_assert!(search.index.as_ref().and_then(CatalogIndex::ties).is_some());
            let mode = if apps { PermissionType::Application } else { PermissionType::Delegated };
            let criteria = Criteria { query: text.clone(), mode, ..Criteria::default() };
            prop_assert!(search.set(&catalog, criteria.clone()));
            prop_assert_eq!(search.hits(), &fresh(&catalog, &criteria)[..], "{:?}", text);
        }
    }

    proptest! {
        /// Whatever is typed, deleted or filtered, the result is what a fresh
        /// filter gives.
        #[test]
        fn every_edit_gives_the_fresh_result(
            edits in proptest::collection::vec(
                prop_oneof![
                    4 => "[a-zA-Z. ]".prop_map(Some),
                    2 => Just(None::<String>),
                ],
                1..30,
            ),
            admin in proptest::option::of(any::<bool>()),
        ) {
            let catalog = Catalog::embedded();
            let mut search = Search::new(&catalog);
            let mut text = String::new();
            for edit in edits {
                match edit {
                    Some(c) => text.push_str(&c),
                    None => { text.pop(); }
                }
                let admin_consent = admin.map(|yes| if yes { Consent::Needed } else { Consent::NotNeeded });
                let criteria = Criteria { query: text.clone(), admin_consent, ..Criteria::default() };
                prop_assert!(search.set(&catalog, criteria.clone()));
                prop_assert_eq!(search.hits(), &fresh(&catalog, &criteria)[..], "{:?}", text);
            }
        }
    }
}
