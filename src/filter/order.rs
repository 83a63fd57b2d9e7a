//! The ranking: rows of the mode first, then the score, then the privilege
//! tie-break.

use super::Hit;
use crate::catalog::graph::{PrivilegeRank, Scheme};
use crate::catalog::{Permission, PermissionType};
use std::cmp::{Ordering, Reverse};

/// Sorts `hits` best first: rows of `mode` before rows of the other type;
/// then the higher score (an exact name, then whole name words, then word
/// parts and the vocabulary, then description words, then typos); then
/// [`tie_break`]; then type and catalog order.
pub(crate) fn rank(hits: &mut [Hit], perms: &[Permission], mode: PermissionType) {
    hits.sort_by_cached_key(|hit| {
        let p = &perms[hit.index()];
        (p.kind != mode, Reverse(hit.score), tie_key(p), p.kind, hit.index)
    });
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
