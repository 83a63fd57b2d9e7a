//! Which rows another covers: least-privilege hints and redundancy, from the
//! privilege model ([`Profile`]), never from the raw map alone.
//!
//! - "Less privileged" lists only the same family (and type and qualifiers),
//!   ranked below by the model, and never a permission needing admin consent
//!   in place of one that does not: Chat.Read's only hint is Chat.ReadBasic.
//! - `X.Read…` beside `X.ReadWrite…` (same family and reach), and `ReadBasic`
//!   beside `Read`, is "usually redundant", with the number of calls
//!   Microsoft's map lists only for the narrower one (Mail.Read beside
//!   Mail.ReadWrite: 20). Two rows the Intrexx page both lists are named as
//!   such: the connector asks for both on purpose.

use crate::catalog::graph::{CallSet, Profile, Scheme, calls_in, intrexx_preset};
use crate::catalog::{Catalog, IntrexxRole, Permission};

/// The catalog rows the model ranks below `p` in its family, of its type,
/// that need admin consent only where `p` does, least privileged first.
pub fn less_privileged<'c>(catalog: &'c Catalog, p: &Permission) -> Vec<&'c Permission> {
    let mine = Profile::of(&p.name, p.kind);
    let mut found: Vec<&Permission> = catalog
        .permissions
        .iter()
        .filter(|q| q.kind == p.kind && (p.admin_consent || !q.admin_consent))
        .filter(|q| q.name.split('.').next().is_some_and(|f| f.eq_ignore_ascii_case(mine.family)))
        .filter(|q| Profile::of(&q.name, q.kind).below(&mine))
        .collect();
    found.sort_by_cached_key(|q| Profile::of(&q.name, q.kind).order_key());
    found
}

/// One narrower row beside a broader one of the same family and reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redundancy {
    /// The narrower row's position.
    pub narrower: usize,
    /// The broader row's position (the least privileged of those above it).
    pub broader: usize,
    /// How many calls Microsoft's map lists for the narrower one and not the broader.
    pub only_narrower: usize,
    /// Both rows are listed by the Intrexx page: asked for together on purpose.
    pub intrexx: bool,
}

impl Redundancy {
    /// What to say about it, naming the rows of `rows`.
    pub fn sentence(&self, rows: &[&Permission]) -> String {
        let (narrower, broader) = (&rows[self.narrower].name, &rows[self.broader].name);
        if self.intrexx {
            return format!("{narrower} beside {broader}: both listed by the Intrexx page");
        }
        let only = match self.only_narrower {
            0 => "every call Microsoft's map lists for it, it lists for the other too".to_string(),
            1 => format!("Microsoft's map lists 1 call only for {narrower}"),
            n => format!("Microsoft's map lists {n} calls only for {narrower}"),
        };
        format!("{narrower} beside {broader} is usually redundant ({only})")
    }
}

/// Whether the model makes `narrower` usually redundant beside `broader`: the
/// same family, type, qualifiers and reach, and less access, both on the
/// ladder up to ReadWrite.
fn usually_redundant(narrower: &Profile, broader: &Profile) -> bool {
    const READ_WRITE: u8 = 2;
    matches!((narrower.access, broader.access), (Some(a), Some(b)) if a < b && b <= READ_WRITE)
        && narrower.same_family(broader)
        && narrower.reach == broader.reach
}

/// The calls Microsoft's map lists for `narrower` and not for `broader` in `scheme`.
pub fn calls_only_for(narrower: &str, broader: &str, scheme: Scheme) -> usize {
    let set = CallSet::of(broader, scheme);
    let mut only: Vec<(crate::catalog::graph::HttpMethod, &str)> = calls_in(narrower, scheme)
        .filter(|c| !set.allows(c.method, c.path))
        .map(|c| (c.method, c.path))
        .collect();
    only.sort_unstable();
    only.dedup();
    only.len()
}

/// Whether an Intrexx preset that lists `p` is active among `rows`: every
/// row of that preset (of `p`'s type) is there.
fn preset_active(p: &Permission, rows: &[&Permission]) -> bool {
    let Some(role) = p.intrexx else { return false };
    let present =
        |name: &str| rows.iter().any(|r| r.kind == p.kind && r.name.eq_ignore_ascii_case(name));
    intrexx_preset(p.kind, role == IntrexxRole::Optional).all(present)
}

/// Each of `rows` that another of them makes usually redundant (see the
/// module), with the least privileged such row. Rows of an active Intrexx
/// preset are left out: the preset asks for them together. Rows are compared
/// only within their family (grouped first), so a long paste costs n log n.
pub fn redundancy(rows: &[&Permission]) -> Vec<Redundancy> {
    use std::collections::HashMap;
    let profiles: Vec<Profile> = rows.iter().map(|p| Profile::of(&p.name, p.kind)).collect();
    // (kind, family, qualifiers, reach) → the least privileged row of each access 1..=2.
    type Group = (crate::catalog::PermissionType, String, String, u8);
    let group = |p: &Profile| -> Group {
        (p.kind, p.family.to_ascii_lowercase(), p.qualifiers.clone(), p.reach)
    };
    let mut best: HashMap<(Group, u8), usize> = HashMap::new();
    for (j, p) in profiles.iter().enumerate() {
        let Some(access @ 1..=2) = p.access else { continue };
        best.entry((group(p), access))
            .and_modify(|b| {
                if p.order_key() < profiles[*b].order_key() {
                    *b = j;
                }
            })
            .or_insert(j);
    }
    let mut counted: HashMap<(crate::catalog::PermissionType, String, String), usize> =
        HashMap::new();
    let mut active: HashMap<(crate::catalog::PermissionType, IntrexxRole), bool> = HashMap::new();
    let mut found = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let Some(access @ 0..=1) = p.access else { continue };
        let broader = ((access + 1)..=2)
            .filter_map(|b| best.get(&(group(p), b)).copied())
            .filter(|&j| usually_redundant(p, &profiles[j]))
            .min_by_key(|&j| profiles[j].order_key());
        let Some(broader) = broader else { continue };
        let role = rows[i].intrexx.map(|r| (rows[i].kind, r));
        if let Some(role) = role
            && *active.entry(role).or_insert_with(|| preset_active(rows[i], rows))
        {
            continue;
        }
        let key = (
            rows[i].kind,
            rows[i].name.to_ascii_lowercase(),
            rows[broader].name.to_ascii_lowercase(),
        );
        let scheme = Scheme::of(rows[i].kind, false);
        let only = *counted
            .entry(key)
            .or_insert_with(|| calls_only_for(&rows[i].name, &rows[broader].name, scheme));
        found.push(Redundancy {
            narrower: i,
            broader,
            only_narrower: only,
            intrexx: rows[i].intrexx.is_some() && rows[broader].intrexx.is_some(),
        });
    }
    found
}

/// (narrower, broader) positions of the rows that are usually redundant and
/// not both listed by the Intrexx page.
pub fn redundant_rows(rows: &[&Permission]) -> Vec<(usize, usize)> {
    redundancy(rows).into_iter().filter(|r| !r.intrexx).map(|r| (r.narrower, r.broader)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType::{self, Application as A, Delegated as D};

    fn names(catalog: &Catalog, name: &str, kind: PermissionType) -> Vec<String> {
        let p = catalog.find(name, kind).unwrap();
        less_privileged(catalog, p).iter().map(|q| q.name.clone()).collect()
    }

    #[test]
    fn hints_are_the_same_family_ranked_lower_without_new_admin_consent() {
        let catalog = Catalog::builtin();
        assert_eq!(names(&catalog, "Chat.Read", D), ["Chat.ReadBasic"]);
        assert!(names(&catalog, "Team.ReadBasic.All", D).is_empty());
        assert_eq!(names(&catalog, "Chat.ReadWrite", D), ["Chat.ReadBasic", "Chat.Read"]);
        assert!(names(&catalog, "openid", D).is_empty());
        assert!(!names(&catalog, "Mail.ReadWrite", D).contains(&"Mail.Send".to_string()));
        assert!(names(&catalog, "Mail.Read", A).contains(&"Mail.ReadBasic.All".to_string()));
    }

    #[test]
    fn every_hint_over_the_catalog_is_same_family_lower_and_no_new_admin_consent() {
        let catalog = Catalog::builtin();
        let (mut families, mut kept, mut missed) = (0, 0, Vec::new());
        for p in &catalog.permissions {
            let mine = Profile::of(&p.name, p.kind);
            let hints = less_privileged(&catalog, p);
            for q in &hints {
                let theirs = Profile::of(&q.name, q.kind);
                assert!(
                    theirs.same_family(&mine) && theirs.below(&mine),
                    "{} for {}",
                    q.name,
                    p.name
                );
                assert!(!mine.below(&theirs), "{} for {}", q.name, p.name);
                assert!(p.admin_consent || !q.admin_consent, "{} for {}", q.name, p.name);
            }
            if p.name.split('.').nth(1) == Some("ReadWrite") {
                let read = p.name.replacen(".ReadWrite", ".Read", 1);
                if catalog.find(&read, p.kind).is_some_and(|r| p.admin_consent || !r.admin_consent)
                {
                    families += 1;
                    let has = hints.iter().any(|q| q.name == read);
                    kept += usize::from(has);
                    if !has {
                        missed.push(p.name.clone());
                    }
                }
            }
        }
        assert!(
            families > 100 && kept == families,
            "{kept} of {families} keep their Read hint: {missed:?}"
        );
    }

    fn rows<'c>(catalog: &'c Catalog, list: &[(&str, PermissionType)]) -> Vec<&'c Permission> {
        list.iter().map(|(n, k)| catalog.find(n, *k).unwrap()).collect()
    }

    #[test]
    fn read_beside_readwrite_is_usually_redundant_with_the_count() {
        let catalog = Catalog::builtin();
        let mail =
            rows(&catalog, &[("Mail.Read", D), ("Mail.ReadWrite", D), ("offline_access", D)]);
        let found = redundancy(&mail);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].narrower, found[0].broader, found[0].only_narrower), (0, 1, 20));
        assert_eq!(
            found[0].sentence(&mail),
            "Mail.Read beside Mail.ReadWrite is usually redundant (Microsoft's map lists 20 calls only for Mail.Read)"
        );
        let calendars = rows(&catalog, &[("Calendars.ReadWrite", D), ("Calendars.Read", D)]);
        assert_eq!(redundancy(&calendars)[0].only_narrower, 43);
        let files = rows(&catalog, &[("Files.Read", D), ("Files.ReadWrite", D), ("Mail.Send", D)]);
        assert_eq!(redundant_rows(&files), [(0, 1)]);
        let other_type = rows(&catalog, &[("Chat.ReadBasic", D), ("Chat.ReadWrite.All", A)]);
        assert!(redundancy(&other_type).is_empty());
        let reach = rows(&catalog, &[("Calendars.Read.Shared", D), ("Calendars.ReadWrite", D)]);
        assert!(redundancy(&reach).is_empty(), "another reach is not redundant");
    }

    #[test]
    fn rows_the_intrexx_page_lists_are_both_listed_never_one_is_enough() {
        let catalog = Catalog::builtin();
        let two = rows(&catalog, &[("Chat.Read", D), ("Chat.ReadBasic", D)]);
        let found = redundancy(&two);
        assert_eq!(found.len(), 1);
        assert!(found[0].intrexx);
        assert_eq!(
            found[0].sentence(&two),
            "Chat.ReadBasic beside Chat.Read: both listed by the Intrexx page"
        );
        assert!(redundant_rows(&two).is_empty());
        let preset: Vec<&Permission> = crate::presets::Preset::Intrexx
            .rows(&catalog, D)
            .into_iter()
            .map(|i| &catalog.permissions[i])
            .collect();
        assert!(redundancy(&preset).is_empty(), "an active Intrexx preset says nothing");
    }
}
