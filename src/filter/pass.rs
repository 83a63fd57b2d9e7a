//! One filtering pass over the catalog, done in bounded steps that use every
//! core for long catalogs, ending with the ranking sort.

use super::index::CatalogIndex;
use super::order::rank;
use super::query::Query;
use super::score::{Row, Scorer};
use super::{Criteria, EXACT_NAME_BONUS, Filtered, Hit, spells_name, texts};
use crate::catalog::{Catalog, Permission};
use std::sync::OnceLock;

/// Rows scored per step: a step stays within a few milliseconds even when
/// every row matches, so the screen keeps up with the keyboard.
pub(crate) const STEP_ROWS: usize = 16_384;

/// Steps of at least twice this many rows are scored on every core, in
/// parts of at least this many (below, starting a thread costs more than it
/// saves).
const PARALLEL_ROWS: usize = 4_096;

/// Queries of more required terms than this are never relaxed (see [`Pass::relax`]).
const RELAX_MOST_TERMS: usize = 6;

/// A filtering pass in progress.
pub(crate) struct Pass {
    criteria: Criteria,
    query: Query,
    /// Rows before this index are done.
    next: usize,
    /// Rows in all.
    rows: usize,
    found: Vec<Hit>,
    /// Terms no admitted row matches, dropped after a first pass found
    /// nothing (see [`Pass::relax`]); the pass then ran again without them.
    ignored: Option<Vec<String>>,
}

impl Pass {
    /// A pass for `criteria` over the `rows` rows of a catalog.
    pub(crate) fn new(criteria: Criteria, rows: usize) -> Pass {
        let query = Query::new(&criteria.query);
        Pass { criteria, query, next: 0, rows, found: Vec::new(), ignored: None }
    }

    /// What the pass filters for.
    pub(crate) fn criteria(&self) -> &Criteria {
        &self.criteria
    }

    /// Rows done and in all, for a progress display.
    pub(crate) fn progress(&self) -> (usize, usize) {
        (self.next, self.rows)
    }

    /// Scores up to [`STEP_ROWS`] more rows; once all are done, ranks the
    /// hits and returns them. `index`, when made for this catalog, saves
    /// work per row; the result is the same without it.
    pub(crate) fn step(
        &mut self,
        scorer: &Scorer,
        catalog: &Catalog,
        index: Option<&CatalogIndex>,
    ) -> Option<Vec<Hit>> {
        let index = index.filter(|i| i.fits(catalog.len()));
        let end = (self.next + STEP_ROWS).min(self.rows);
        let this = &*self;
        let score_at = |at: usize| this.score(scorer, &catalog.permissions[at], at, index);
        let threads = cores().min((end - self.next) / PARALLEL_ROWS).max(1);
        let found: Vec<Hit> = if threads == 1 {
            (self.next..end).filter_map(score_at).collect()
        } else {
            // Scoped threads, started per step: a pool's idle workers would
            // spin and take the core the screen is drawn on.
            let size = (end - self.next).div_ceil(threads);
            let mut parts: Vec<_> = (self.next..end).step_by(size).collect();
            let own = parts.pop().expect("at least two parts");
            std::thread::scope(|scope| {
                let helpers: Vec<_> = parts
                    .into_iter()
                    .map(|from| {
                        scope.spawn(move || {
                            (from..from + size).filter_map(score_at).collect::<Vec<Hit>>()
                        })
                    })
                    .collect();
                let own: Vec<Hit> = (own..end).filter_map(score_at).collect();
                let mut found: Vec<Hit> = Vec::new();
                for helper in helpers {
                    found.extend(helper.join().expect("a filter thread panicked"));
                }
                found.extend(own);
                found
            })
        };
        self.found.extend(found);
        self.next = end;
        if self.next < self.rows {
            return None;
        }
        if self.found.is_empty() && self.ignored.is_none() && self.relax(scorer, catalog) {
            // Once only (`ignored` is now set): the first step of the new pass.
            self.next = 0;
            return self.step(scorer, catalog, index);
        }
        let mut hits = std::mem::take(&mut self.found);
        if !self.query.is_empty() {
            rank(
                &mut hits,
                &catalog.permissions,
                self.criteria.mode,
                index.and_then(CatalogIndex::ties),
            );
        }
        Some(hits)
    }

    /// The terms this pass dropped because no row matches them.
    pub(crate) fn ignored(&self) -> &[String] {
        self.ignored.as_deref().unwrap_or_default()
    }

    /// After a pass that found nothing: drops the required terms that no
    /// admitted row matches on its own (`verschicken` in `mails
    /// verschicken`), so that the others still find rows. True when it
    /// dropped some and at least one required term is left; a query whose
    /// every term is unknown stays empty, and so does one of more than
    /// [`RELAX_MOST_TERMS`] terms (a paste). Runs once per pass.
    fn relax(&mut self, scorer: &Scorer, catalog: &Catalog) -> bool {
        let required: Vec<usize> = self.query.required().collect();
        if required.len() < 2 || required.len() > RELAX_MOST_TERMS {
            // One term is never dropped; a paste is not a query, and each
            // unknown term would cost a scan.
            self.ignored = Some(Vec::new());
            return false;
        }
        let admitted: Vec<Row> =
            catalog.permissions.iter().filter(|p| self.criteria.admits(p)).map(row).collect();
        let unknown: Vec<usize> = required
            .iter()
            .copied()
            .filter(|&unit| {
                !admitted.iter().any(|row| scorer.unit(&self.query.units[unit], row).is_some())
            })
            .collect();
        let mut ignored = Vec::new();
        if !unknown.is_empty() && unknown.len() < required.len() {
            ignored = unknown.into_iter().filter_map(|unit| self.query.relax(unit)).collect();
        }
        let relaxed = !ignored.is_empty();
        self.ignored = Some(ignored);
        relaxed
    }

    /// Runs every step; the ranked hits.
    pub(crate) fn finish(mut self, scorer: &Scorer, catalog: &Catalog) -> Filtered {
        loop {
            if let Some(hits) = self.step(scorer, catalog, None) {
                return Filtered { hits, ignored: self.ignored().to_vec() };
            }
        }
    }

    /// The hit for the row `p` at `index`; `None` when a filter or a term
    /// rules it out.
    fn score(
        &self,
        scorer: &Scorer,
        p: &Permission,
        index: usize,
        catalog_index: Option<&CatalogIndex>,
    ) -> Option<Hit> {
        if !self.criteria.admits(p) {
            return None;
        }
        if self.query.is_empty() {
            return Some(Hit::new(index, 0));
        }
        let row = match catalog_index {
            Some(facts) => {
                Row::indexed(&p.name, texts(p), facts.name_starts(index), facts.described(index))
            }
            None => row(p),
        };
        let score = scorer.row(&self.query, &row)?;
        let bonus = if spells_name(&p.name, &self.query.words) { EXACT_NAME_BONUS } else { 0 };
        Some(Hit::new(index, score + bonus))
    }
}

/// `p` as it is scored.
fn row(p: &Permission) -> Row<'_> {
    Row::new(&p.name, texts(p))
}

/// The number of threads a long step may use.
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}
