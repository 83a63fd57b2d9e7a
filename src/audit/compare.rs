//! Comparing what the customer has with the set: the three lists, and
//! redundancy by the rule the picker's basket shows.

use super::{Audit, Extra, ExtraReason, Missing, Redundant};
use crate::catalog::{AuthMode, IntrexxRole, Permission};
use crate::hints::redundant_rows;

/// What the customer has, in the customer's order: a catalog row, or
/// something the catalog cannot place (already an [`Extra`]).
pub(super) enum Had<'c> {
    Row(&'c Permission),
    Other(Extra),
}

/// The three lists: `set`'s rows of `mode`'s type against what the customer
/// `had` (any type, repeats allowed).
pub(super) fn compare(set: &[&Permission], had: Vec<Had<'_>>, mode: AuthMode) -> Audit {
    let same =
        |a: &Permission, b: &Permission| a.kind == b.kind && a.name.eq_ignore_ascii_case(&b.name);
    let mut expected: Vec<&Permission> = Vec::new();
    for &p in set.iter().filter(|p| p.kind == mode) {
        if !expected.iter().any(|q| same(q, p)) {
            expected.push(p);
        }
    }
    let mut present: Vec<&Permission> = Vec::new();
    let mut extra: Vec<Extra> = Vec::new();
    for item in had {
        let item = match item {
            Had::Row(p) if present.iter().any(|q| same(q, p)) => continue,
            Had::Row(p) => {
                present.push(p);
                if expected.iter().any(|q| same(q, p)) {
                    continue;
                }
                let reason = match p.intrexx {
                    _ if p.kind != mode => ExtraReason::OtherType,
                    Some(IntrexxRole::Optional) => ExtraReason::IntrexxOptional,
                    _ => ExtraReason::NotInSet,
                };
                Extra { name: p.name.clone(), kind: Some(p.kind), reason, resource: None }
            }
            Had::Other(extra) => extra,
        };
        let seen = |e: &Extra| e.kind == item.kind && e.name.eq_ignore_ascii_case(&item.name);
        if !extra.iter().any(seen) {
            extra.push(item);
        }
    }
    let mut missing: Vec<&Permission> =
        expected.iter().copied().filter(|p| !present.iter().any(|q| same(q, p))).collect();
    missing.sort_by_key(|p| (p.is_openid(), p.name.to_ascii_lowercase()));
    // Redundancy within the mode's type: the rows the customer has, and the
    // missing ones as they will be once added (so a whole preset is present
    // and its rows are exempt, as in the picker's basket).
    let mine: Vec<&Permission> = present.iter().copied().filter(|p| p.kind == mode).collect();
    let whole: Vec<&Permission> = mine.iter().chain(&missing).copied().collect();
    let mut covered_by: Vec<Option<String>> = vec![None; missing.len()];
    let mut redundant = Vec::new();
    for (i, by) in redundant_rows(&whole) {
        let broader = whole[by].name.clone();
        if i < mine.len() {
            let (name, kind) = (whole[i].name.clone(), whole[i].kind);
            redundant.push(Redundant { name, kind, covered_by: broader });
        } else if by < mine.len() {
            covered_by[i - mine.len()] = Some(broader);
        }
    }
    let missing = missing
        .into_iter()
        .zip(covered_by)
        .map(|(p, covered_by)| Missing {
            name: p.name.clone(),
            kind: p.kind,
            admin_consent: p.admin_consent,
            id: p.id.clone(),
            covered_by,
        })
        .collect();
    Audit { mode, missing, extra, redundant }
}
