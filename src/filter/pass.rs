//! One filtering pass: every row scored in a plain loop, then the ranking.
//! Scoring the 1,519 Graph permissions takes about a millisecond, and a
//! longer query is not always a narrower one (`sign` → `sign in` finds
//! `openid` by the vocabulary), so each pass scores the whole catalog.

use super::order::rank;
use super::query::Query;
use super::score::{Row, Scorer};
use super::{Criteria, EXACT_NAME_BONUS, Filtered, Hit, spells_name, texts};
use crate::catalog::{Catalog, Permission};

/// Queries of more required terms than this are never relaxed (see [`relax`]).
const RELAX_MOST_TERMS: usize = 6;

/// The rows that pass `criteria`, best first, with the terms dropped
/// because no row matches them (see [`relax`]).
pub(crate) fn run(scorer: &Scorer, catalog: &Catalog, criteria: &Criteria) -> Filtered {
    let mut query = Query::new(&criteria.query);
    let mut hits = score_all(scorer, catalog, criteria, &query);
    let mut ignored = Vec::new();
    if hits.is_empty() {
        ignored = relax(scorer, catalog, criteria, &mut query);
        if !ignored.is_empty() {
            hits = score_all(scorer, catalog, criteria, &query);
        }
    }
    if !query.is_empty() {
        rank(&mut hits, &catalog.permissions, criteria.mode);
    }
    Filtered { hits, ignored }
}

/// Every row that passes the exact filters and matches `query`, in catalog order.
fn score_all(scorer: &Scorer, catalog: &Catalog, criteria: &Criteria, query: &Query) -> Vec<Hit> {
    let score = |(index, p): (usize, &Permission)| {
        if !criteria.admits(p) {
            return None;
        }
        if query.is_empty() {
            return Some(Hit::new(index, 0));
        }
        let score = scorer.row(query, &row(p))?;
        let bonus = if spells_name(&p.name, &query.words) { EXACT_NAME_BONUS } else { 0 };
        Some(Hit::new(index, score + bonus))
    };
    catalog.permissions.iter().enumerate().filter_map(score).collect()
}

/// After a pass that found nothing: makes optional the required terms that
/// no admitted row matches on its own (`verschicken` in `mails
/// verschicken`), so that the others still find rows, and returns them;
/// nothing when no term or every term is unknown, when there is one
/// required term, or more than [`RELAX_MOST_TERMS`] (a paste: each unknown
/// term would cost a scan).
fn relax(
    scorer: &Scorer,
    catalog: &Catalog,
    criteria: &Criteria,
    query: &mut Query,
) -> Vec<String> {
    let required: Vec<usize> = query.required().collect();
    if required.len() < 2 || required.len() > RELAX_MOST_TERMS {
        return Vec::new();
    }
    let admitted: Vec<Row> =
        catalog.permissions.iter().filter(|p| criteria.admits(p)).map(row).collect();
    let unknown: Vec<usize> = required
        .iter()
        .copied()
        .filter(|&unit| !admitted.iter().any(|row| scorer.unit(&query.units[unit], row).is_some()))
        .collect();
    if unknown.is_empty() || unknown.len() == required.len() {
        return Vec::new();
    }
    unknown.into_iter().filter_map(|unit| query.relax(unit)).collect()
}

/// `p` as it is scored.
fn row(p: &Permission) -> Row<'_> {
    Row::new(&p.name, texts(p))
}
