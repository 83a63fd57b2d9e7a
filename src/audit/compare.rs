//! Comparing what the customer has with the set: the three lists, and
//! redundancy by the rule the picker's basket shows.

use super::{Audit, Extra, ExtraReason, Missing, Redundant};
use crate::catalog::{AuthMode, IntrexxRole, Permission, PermissionType};
use crate::coverage::redundant_rows;
use std::collections::HashSet;

/// What the customer has, in the customer's order: a catalog row, or
/// something the catalog cannot place (already an [`Extra`]).
pub(super) enum Had<'c> {
    Row(&'c Permission),
    Other(Extra),
}

/// The three lists: `set`'s rows of `mode`'s type against what the customer
/// `had` (any type, repeats allowed).
pub(super) fn compare(set: &[&Permission], had: Vec<Had<'_>>, mode: AuthMode) -> Audit {
    // Identity ignoring case; sets keep a field of many thousand names linear.
    let key = |kind: Option<PermissionType>, name: &str| (kind, name.to_ascii_lowercase());
    let row_key = |p: &Permission| key(Some(p.kind), &p.name);
    let mut expected_keys = HashSet::new();
    let expected: Vec<&Permission> = set
        .iter()
        .copied()
        .filter(|p| p.kind == mode && expected_keys.insert(row_key(p)))
        .collect();
    let mut present: Vec<&Permission> = Vec::new();
    let mut present_keys = HashSet::new();
    let mut extra: Vec<Extra> = Vec::new();
    let mut extra_keys = HashSet::new();
    for item in had {
        let item = match item {
            Had::Row(p) if !present_keys.insert(row_key(p)) => continue,
            Had::Row(p) => {
                present.push(p);
                if expected_keys.contains(&row_key(p)) {
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
        if extra_keys.insert(key(item.kind, &item.name)) {
            extra.push(item);
        }
    }
    let mut missing: Vec<&Permission> =
        expected.iter().copied().filter(|p| !present_keys.contains(&row_key(p))).collect();
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
