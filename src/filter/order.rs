//! The ranking: rows of the mode first, then the score, then the privilege
//! tie-break. A long-lived search computes every row's place in the
//! tie-break once ([`TieOrder`]), so that ranking a keystroke's hits
//! compares numbers, not names and privilege lookups.

use super::Hit;
use crate::catalog::graph::{PrivilegeRank, Scheme};
use crate::catalog::{Permission, PermissionType};
use std::cmp::{Ordering, Reverse};

/// Sorts `hits` best first: rows of `mode` before rows of the other type;
/// then the higher score (an exact name, then whole name words, then word
/// parts and the vocabulary, then description words, then typos); then
/// [`tie_break`]; then type and catalog order. With `ties` (made for these
/// `perms`) the last three are one number per row; without, a key per hit
/// (the privilege level is a lookup) — the same order.
pub(crate) fn rank(
    hits: &mut [Hit],
    perms: &[Permission],
    mode: PermissionType,
    ties: Option<&TieOrder>,
) {
    match ties {
        // Every row has its own place, so no two keys are equal: one number
        // per hit, worked out once, orders them (mode, score, place).
        Some(ties) => hits.sort_by_cached_key(|hit| {
            let other = u128::from(perms[hit.index()].kind != mode);
            // The score's order as an unsigned number, reversed.
            let score = u128::from(!(hit.score.cast_unsigned() ^ 1 << 31));
            other << 64 | score << 32 | u128::from(ties.0[hit.index()])
        }),
        None => hits.sort_by_cached_key(|hit| {
            let first = (perms[hit.index()].kind != mode, Reverse(hit.score));
            (first, tail_key(perms, hit.index))
        }),
    }
}

/// Every row's place in the order of [`tail_key`], for one catalog.
pub(crate) struct TieOrder(Vec<u32>);

impl TieOrder {
    /// The places of `perms`' rows (a sort of the whole catalog: worth it
    /// for a search that ranks many queries on it).
    pub(crate) fn new(perms: &[Permission]) -> TieOrder {
        let mut rows: Vec<u32> = (0..perms.len())
            .map(|i| u32::try_from(i).expect("catalogs hold fewer than 2^32 rows"))
            .collect();
        rows.sort_by_cached_key(|&row| tail_key(perms, row));
        let mut places = vec![0; perms.len()];
        for (place, &row) in (0u32..).zip(&rows) {
            places[row as usize] = place;
        }
        TieOrder(places)
    }
}

/// What orders rows of one mode and score: [`tie_key`], then type, then
/// catalog order. No two rows share it.
fn tail_key(perms: &[Permission], row: u32) -> ((PrivilegeRank<'_>, usize), PermissionType, u32) {
    let p = &perms[row as usize];
    (tie_key(p), p.kind, row)
}

/// The tie-break between rows of equal score: the privilege order of the
/// built-in catalog ([`PrivilegeRank`], least privileged first, each row in
/// its type's scheme: work accounts for Delegated), then the shorter name.
/// It is the only place that orders equally good matches.
///
/// [`PrivilegeRank`] ends with the names themselves, so the length decides
/// only between rows of one name.
pub fn tie_break(a: &Permission, b: &Permission) -> Ordering {
    tie_key(a).cmp(&tie_key(b))
}

/// [`tie_break`] as a sort key.
fn tie_key(p: &Permission) -> (PrivilegeRank<'_>, usize) {
    (PrivilegeRank::new(&p.name, Scheme::of(p.kind, false), false), p.name.len())
}
