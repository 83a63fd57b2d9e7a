//! One filtering pass: every row scored in a plain loop, then ranked.
//! Scoring the 1,519 Graph permissions takes about a millisecond, and a
//! longer query is not always a narrower one (`sign` → `sign in` finds
//! `openid` by the vocabulary), so each pass scores the whole catalog.

use super::query::{Query, Unit};
use super::score::{Row, Scorer};
use super::{Criteria, EXACT_NAME_BONUS, Filtered, Hit, spells_name, texts};
use crate::catalog::graph::Standing;
use crate::catalog::{Catalog, Permission, PermissionType};
use std::cmp::Reverse;

/// Queries of more required terms than this are never relaxed (see [`soft_and`]).
const RELAX_MOST_TERMS: usize = 6;

/// The rows that pass `criteria`, best first, with the terms the top row
/// was found without (see [`soft_and`]).
pub(crate) fn run(scorer: &Scorer, catalog: &Catalog, criteria: &Criteria) -> Filtered {
    let mut query = Query::new(&criteria.query);
    let mut hits = score_all(scorer, catalog, criteria, &query);
    // A compound no row matches whole may match by one half
    // (`kalenderwoche`: the calendars, though no name has a week).
    if hits.is_empty() && query.loosen_compounds() {
        hits = score_all(scorer, catalog, criteria, &query);
    }
    if hits.is_empty()
        && let Some(soft) = soft_and(scorer, catalog, criteria, &mut query)
    {
        hits = score_all(scorer, catalog, criteria, &query);
        hits.retain(|h| soft.masks[h.index()].count_ones() == soft.most);
        rank(&mut hits, &catalog.permissions, criteria.mode);
        let top = hits.first().map_or(0, |h| soft.masks[h.index()]);
        let ignored = soft
            .relaxed
            .into_iter()
            .filter(|(bit, _)| top & 1 << bit == 0)
            .map(|(_, text)| text)
            .collect();
        return Filtered { hits, ignored };
    }
    if !query.is_empty() {
        rank(&mut hits, &catalog.permissions, criteria.mode);
    }
    Filtered { hits, ignored: Vec::new() }
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

/// What [`soft_and`] found: which required terms each row matches.
struct SoftAnd {
    /// Per catalog row, one bit per required unit it matches (0 for rows
    /// the exact filters leave out).
    masks: Vec<u8>,
    /// The largest number of required units any row matches.
    most: u32,
    /// The terms made optional, with their bit.
    relaxed: Vec<(usize, String)>,
}

/// After a pass that found nothing: the soft AND. Finds the largest number
/// of required terms any admitted row matches and makes optional every term
/// that some row matching that many lacks (`mailbox` in `shared mailbox`,
/// `verschicken` in `mails verschicken`), so that the caller keeps exactly
/// the rows matching that many. `None` when no row matches any term, when
/// there is one required unit, or more than [`RELAX_MOST_TERMS`] (a paste:
/// each term would cost a scan). A phrase is never dropped.
fn soft_and(
    scorer: &Scorer,
    catalog: &Catalog,
    criteria: &Criteria,
    query: &mut Query,
) -> Option<SoftAnd> {
    let required: Vec<usize> = query.required().collect();
    if required.len() < 2 || required.len() > RELAX_MOST_TERMS {
        return None;
    }
    let masks: Vec<u8> = catalog
        .permissions
        .iter()
        .map(|p| {
            if !criteria.admits(p) {
                return 0;
            }
            let row = row(p);
            required
                .iter()
                .enumerate()
                .filter(|(_, unit)| scorer.unit(&query.units[**unit], &row).is_some())
                .fold(0u8, |mask, (bit, _)| mask | 1 << bit)
        })
        .collect();
    // A phrase cannot be dropped: only rows matching every phrase count.
    let phrases = required
        .iter()
        .enumerate()
        .filter(|(_, unit)| matches!(query.units[**unit], Unit::Phrase { .. }))
        .fold(0u8, |bits, (bit, _)| bits | 1 << bit);
    let counted = || masks.iter().filter(|m| *m & phrases == phrases);
    let most = counted().map(|m| m.count_ones()).max().unwrap_or(0);
    if most == 0 {
        return None;
    }
    let all = (1u8 << required.len()) - 1;
    let kept = counted().filter(|m| m.count_ones() == most).fold(all, |kept, m| kept & m);
    let mut relaxed = Vec::new();
    for (bit, &unit) in required.iter().enumerate() {
        if kept & 1 << bit == 0 {
            relaxed.push((bit, query.relax(unit)?));
        }
    }
    Some(SoftAnd { masks, most, relaxed })
}

/// `p` as it is scored.
fn row(p: &Permission) -> Row<'_> {
    Row::with_path_words(&p.name, texts(p))
}

/// Sorts `hits` best first: rows of `mode` before rows of the other type;
/// then the higher score (an exact name, then whole name words, then word
/// parts and the vocabulary, then description words, then typos); then
/// [`tie_key`]; then type and catalog order.
fn rank(hits: &mut [Hit], perms: &[Permission], mode: PermissionType) {
    hits.sort_by_cached_key(|hit| {
        let p = &perms[hit.index()];
        (p.kind != mode, Reverse(hit.score), tie_key(p), p.kind, hit.index)
    });
}

/// The tie-break between rows of equal score: the privilege model's
/// [`Standing`] (published before unpublished, no admin consent before
/// admin consent, a specific family before `Directory.*`, Microsoft's
/// level, then `ReadBasic` < `Read` < `ReadWrite` and own < `.Shared` <
/// `.All`, the ladder kept within a family), then the name. It is the only
/// place that orders equally good matches.
pub(super) fn tie_key(p: &Permission) -> (Standing, &str) {
    (Standing::of(&p.name, p.kind, p.admin_consent), &p.name)
}
