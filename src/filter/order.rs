//! The ranking: rows of the mode first, then the score, then the privilege
//! tie-break.

use super::Hit;
use crate::catalog::graph::Standing;
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

/// The tie-break between rows of equal score: the privilege model's
/// [`Standing`] (published before unpublished, no admin consent before
/// admin consent, a specific family before `Directory.*`, Microsoft's
/// level, then `ReadBasic` < `Read` < `ReadWrite` and own < `.Shared` <
/// `.All`, the ladder kept within a family), then the name. It is the only
/// place that orders equally good matches.
pub fn tie_break(a: &Permission, b: &Permission) -> Ordering {
    tie_key(a).cmp(&tie_key(b))
}

/// [`tie_break`] as a sort key.
fn tie_key(p: &Permission) -> (Standing, &str) {
    (Standing::of(&p.name, p.kind, p.admin_consent), &p.name)
}
