//! Least-privilege hints from Microsoft's permissions map: a permission
//! covers another of the same type when every API call the other allows (in
//! the type's scheme: work accounts for Delegated) is allowed by it too. So
//! `Chat.ReadWrite` covers `Chat.Read` and `Chat.ReadBasic`, the whole chain.
//! Permissions without calls in the map are never compared.
//!
//! A row that an Intrexx preset requires is never flagged while that
//! preset's rows are all present: the connector asks for both on purpose.

use crate::catalog::graph::{CallSet, PrivilegeRank, Scheme, intrexx_preset};
use crate::catalog::{Catalog, IntrexxRole, Permission};

/// The catalog rows of `p`'s type that `p` covers, least privileged first
/// (in [`PrivilegeRank`] order).
pub fn less_privileged<'c>(catalog: &'c Catalog, p: &Permission) -> Vec<&'c Permission> {
    let scheme = Scheme::of(p.kind, false);
    // The facts name at most a few thousand permissions: find the covered
    // names there, then their rows, so a long catalog costs one cheap scan.
    let covered: Vec<&str> = CallSet::of(&p.name, scheme).covered_names().collect();
    if covered.is_empty() {
        return Vec::new();
    }
    let is_covered = |q: &Permission| covered.iter().any(|n| n.eq_ignore_ascii_case(&q.name));
    let mut found: Vec<&Permission> =
        catalog.permissions.iter().filter(|q| q.kind == p.kind && is_covered(q)).collect();
    found.sort_by_cached_key(|q| PrivilegeRank::new(&q.name, scheme, false));
    found
}

/// Whether `narrower` is exempt from hints among `rows`: an Intrexx preset
/// lists it and every row of that preset (of its type) is in `rows`.
fn preset_exempt(narrower: &Permission, rows: &[&Permission]) -> bool {
    let Some(role) = narrower.intrexx else { return false };
    let present = |name: &str| {
        rows.iter().any(|r| r.kind == narrower.kind && r.name.eq_ignore_ascii_case(name))
    };
    intrexx_preset(narrower.kind, role == IntrexxRole::Optional).all(present)
}

/// For each of `rows` that another of them covers (same type, by the facts,
/// and not exempt for a preset): (its position, the covering row's position),
/// the covering row being the least privileged of those that cover it.
pub fn redundant_rows(rows: &[&Permission]) -> Vec<(usize, usize)> {
    let sets: Vec<CallSet> =
        rows.iter().map(|p| CallSet::of(&p.name, Scheme::of(p.kind, false))).collect();
    rows.iter()
        .enumerate()
        .filter(|(_, n)| !preset_exempt(n, rows))
        .filter_map(|(i, n)| {
            let by = (0..rows.len())
                .filter(|&j| j != i && rows[j].kind == n.kind && sets[j].covers(&n.name))
                .min_by_key(|&j| {
                    PrivilegeRank::new(&rows[j].name, Scheme::of(n.kind, false), false)
                })?;
            Some((i, by))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType::{self, Application as A, Delegated as D};

    #[test]
    fn less_privileged_lists_covered_rows_of_the_same_type_from_the_facts() {
        let catalog = Catalog::builtin();
        let names = |name: &str, kind: PermissionType| -> Vec<String> {
            let p = catalog.find(name, kind).unwrap();
            less_privileged(&catalog, p).iter().map(|q| q.name.clone()).collect()
        };
        let chat = names("Chat.ReadWrite", D);
        assert_eq!(chat[0], "Chat.ReadBasic", "{chat:?}");
        // Microsoft's map lists one call for Chat.Read (POST /search/query) that
        // it does not list for Chat.ReadWrite, so the facts do not say it covers it.
        assert!(!chat.contains(&"Chat.Read".to_string()), "{chat:?}");
        assert!(names("Chat.Read", D).contains(&"Chat.ReadBasic".to_string()));
        assert_eq!(names("Chat.ReadBasic", D), ["ChatMember.Read"]);
        assert!(names("openid", D).is_empty(), "no calls, no verdict");
        assert!(!names("Mail.ReadWrite", D).contains(&"Mail.Send".to_string()));
        assert!(names("Chat.Read.All", A).iter().all(|n| catalog.find(n, A).is_some()));
    }

    fn rows<'c>(catalog: &'c Catalog, list: &[(&str, PermissionType)]) -> Vec<&'c Permission> {
        list.iter().map(|(n, k)| catalog.find(n, *k).unwrap()).collect()
    }

    #[test]
    fn redundant_rows_name_the_covering_row_and_follow_the_chain() {
        let catalog = Catalog::builtin();
        let basket =
            rows(&catalog, &[("Chat.ReadBasic", D), ("Chat.ReadWrite", D), ("Mail.Send", D)]);
        assert_eq!(redundant_rows(&basket), [(0, 1)]);
        let other_type = rows(&catalog, &[("Chat.ReadBasic", D), ("Chat.ReadWrite.All", A)]);
        assert!(redundant_rows(&other_type).is_empty());
    }

    #[test]
    fn preset_rows_are_not_flagged_while_the_preset_is_in_the_basket() {
        let catalog = Catalog::builtin();
        let preset: Vec<&Permission> = crate::presets::Preset::Intrexx
            .rows(&catalog, D)
            .into_iter()
            .map(|i| &catalog.permissions[i])
            .collect();
        assert!(redundant_rows(&preset).is_empty(), "the Intrexx preset flags nothing");
        // Without the rest of the preset, Chat.ReadBasic next to Chat.ReadWrite is flagged.
        let two = rows(&catalog, &[("Chat.ReadBasic", D), ("Chat.ReadWrite", D)]);
        assert_eq!(redundant_rows(&two), [(0, 1)]);
    }
}
