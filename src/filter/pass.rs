//! One filtering pass over a list of candidates, done in bounded steps that
//! use every core for long lists, ending with the ranking sort.

use super::score::{Scorer, Term, terms};
use super::{Criteria, EXACT_NAME_BONUS, Hit, rank_order, spells_name};
use crate::catalog::{Catalog, Permission};
use std::sync::{Arc, OnceLock};

/// Candidates scored per step: a step stays within a few milliseconds even
/// when every row matches, so the screen keeps up with the keyboard.
pub(crate) const STEP_ROWS: usize = 16_384;

/// Steps of at least twice this many candidates are scored on every core,
/// in parts of at least this many (below, starting a thread costs more than
/// it saves).
const PARALLEL_ROWS: usize = 4_096;

/// Where a pass takes its candidates from.
#[derive(Clone)]
pub(crate) enum Candidates {
    /// Every catalog row, in catalog order.
    Catalog(usize),
    /// The hits of an earlier query that the new one extends; they carry the
    /// scores of the terms that did not change.
    Narrowing { hits: Arc<[Hit]>, carried: Carried },
}

/// Which part of an earlier hit's score still holds for the new query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Carried {
    /// Every earlier term is unchanged; the new query only adds terms.
    AllTerms,
    /// The earlier query's last term grew; the terms before it are unchanged.
    AllButLast,
}

impl Candidates {
    fn len(&self) -> usize {
        match self {
            Candidates::Catalog(len) => *len,
            Candidates::Narrowing { hits, .. } => hits.len(),
        }
    }

    /// The catalog index at `position` and the score carried with it.
    fn get(&self, position: usize) -> (usize, i32) {
        match self {
            Candidates::Catalog(_) => (position, 0),
            Candidates::Narrowing { hits, carried } => {
                let hit = hits[position];
                let carry = match carried {
                    Carried::AllTerms => hit.settled + hit.last,
                    Carried::AllButLast => hit.settled,
                };
                (hit.index(), carry)
            }
        }
    }
}

/// A filtering pass in progress.
pub(crate) struct Pass {
    criteria: Criteria,
    /// Every term of the query (for the exact-name bonus).
    terms: Vec<Term>,
    /// How many leading terms the candidates' carried score already covers.
    known_terms: usize,
    candidates: Candidates,
    /// Candidates before this position are done.
    next: usize,
    found: Vec<Hit>,
}

impl Pass {
    /// A pass for `criteria` over `candidates`, whose carried score covers the
    /// first `known_terms` terms.
    pub(crate) fn new(criteria: Criteria, candidates: Candidates, known_terms: usize) -> Pass {
        let terms = terms(&criteria.query);
        Pass { criteria, terms, known_terms, candidates, next: 0, found: Vec::new() }
    }

    /// What the pass filters for.
    pub(crate) fn criteria(&self) -> &Criteria {
        &self.criteria
    }

    /// Candidates done and in all, for a progress display.
    pub(crate) fn progress(&self) -> (usize, usize) {
        (self.next, self.candidates.len())
    }

    /// Scores up to [`STEP_ROWS`] more candidates; once all are done, ranks
    /// the hits and returns them.
    pub(crate) fn step(&mut self, scorer: &Scorer, catalog: &Catalog) -> Option<Vec<Hit>> {
        let end = (self.next + STEP_ROWS).min(self.candidates.len());
        let this = &*self;
        let score_at = |position| {
            let (index, carry) = this.candidates.get(position);
            this.score(scorer, &catalog.permissions[index], index, carry)
        };
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
        if self.next < self.candidates.len() {
            return None;
        }
        let hits = std::mem::take(&mut self.found);
        Some(if self.terms.is_empty() { hits } else { ranked(&catalog.permissions, hits) })
    }

    /// Runs every step; the ranked hits.
    pub(crate) fn finish(mut self, scorer: &Scorer, catalog: &Catalog) -> Vec<Hit> {
        loop {
            if let Some(hits) = self.step(scorer, catalog) {
                return hits;
            }
        }
    }

    /// The hit for one candidate: the carried score plus the scores of the
    /// terms it does not cover; `None` when a filter or a term rules it out.
    fn score(&self, scorer: &Scorer, p: &Permission, index: usize, carry: i32) -> Option<Hit> {
        if !self.criteria.admits(p) {
            return None;
        }
        let mut settled = i64::from(carry);
        let mut last = 0;
        let unknown = &self.terms[self.known_terms..];
        for (i, term) in unknown.iter().enumerate() {
            let score = scorer.term(&p.name, &p.description, term)?;
            if i + 1 == unknown.len() {
                last = score;
            } else {
                settled += score;
            }
        }
        let bonus = if spells_name(&p.name, &self.terms) { EXACT_NAME_BONUS } else { 0 };
        Some(Hit::new(index, settled, last, bonus))
    }
}

/// `hits` best first ([`rank_order`]). Each hit gets a key that orders as
/// the start of that order (score, name length, the name's first eight
/// bytes ignoring case); the hits are sorted by key, and only runs of equal
/// keys by the full order, so most comparisons never look at the catalog.
fn ranked(perms: &[Permission], hits: Vec<Hit>) -> Vec<Hit> {
    let mut keyed: Vec<(u128, Hit)> = hits
        .into_iter()
        .map(|hit| {
            let name = perms[hit.index()].name.as_bytes();
            let mut prefix = [0u8; 8];
            for (to, from) in prefix.iter_mut().zip(name) {
                *to = from.to_ascii_lowercase();
            }
            let worse = u128::from(u32::MAX - hit.score.wrapping_sub(i32::MIN) as u32);
            let length = u128::from(u32::try_from(name.len()).unwrap_or(u32::MAX));
            (worse << 96 | length << 64 | u128::from(u64::from_be_bytes(prefix)), hit)
        })
        .collect();
    keyed.sort_unstable_by_key(|(key, _)| *key);
    for tied in keyed.chunk_by_mut(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        tied.sort_unstable_by(|(_, a), (_, b)| rank_order(perms, a, b));
    }
    keyed.into_iter().map(|(_, hit)| hit).collect()
}

/// The number of threads a long step may use.
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
}
