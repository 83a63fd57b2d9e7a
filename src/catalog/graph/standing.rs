//! Where a permission stands outside of any call: the privilege model's
//! order for rows nothing else separates, such as equally good search
//! matches. It reads the model's [`Profile`] (no second ranking of access)
//! and keeps the ladder within a family even where Microsoft's levels do
//! not: Application `Calendars.Read` has level 4 and `Calendars.ReadWrite`
//! level 3, yet the Read is the narrower of the two.

use super::privilege::{Profile, access_and_reach, spans_families};
use super::{data, name_index};
use crate::catalog::PermissionType;
use std::collections::HashMap;
use std::sync::LazyLock;

/// A permission's standing; a smaller one is less privileged. Compared
/// field by field: published by Graph's service principal first (only
/// those can be registered), then no admin consent, then a specific
/// family's permission before one spanning families (`Directory.*`), then
/// Microsoft's level, then access (`ReadBasic` < `Read` < `ReadWrite` <
/// `Manage` < `FullControl`, verbs after) and reach (own < `.Shared` < `.All`).
///
/// Admin consent and level are taken as the most any rung at or below the
/// permission on its family's ladder has, so a permission never stands
/// before one the model ranks below it (`Chat.ReadBasic` < `Chat.Read`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Standing {
    unpublished: bool,
    admin_consent: bool,
    spans_families: bool,
    level: u8,
    access: u8,
    reach: u8,
}

/// Access of a name off the ladder (a verb such as `Send`): after every rung.
const OFF_LADDER: u8 = 5;

impl Standing {
    /// The standing of `name` in `kind`; `admin_consent` is the row's own
    /// flag, used for a name the built-in facts do not publish.
    pub fn of(name: &str, kind: PermissionType, admin_consent: bool) -> Standing {
        let known = name_index(name)
            .map(|n| STANDINGS[n][usize::from(kind == PermissionType::Application)]);
        match known {
            Some(standing) if !standing.unpublished => standing,
            Some(standing) => Standing { admin_consent, ..standing },
            None => {
                let (access, reach) = access_and_reach(name, kind);
                Standing {
                    unpublished: true,
                    admin_consent,
                    spans_families: spans_families(name.split('.').next().unwrap_or("")),
                    level: u8::MAX,
                    access: access.unwrap_or(OFF_LADDER),
                    reach,
                }
            }
        }
    }
}

/// The standing of a profile by its own facts alone (no ladder).
fn raw(p: &Profile) -> Standing {
    Standing {
        unpublished: !p.published,
        admin_consent: p.admin_consent.unwrap_or(false),
        spans_families: p.spans_families(),
        level: p.level.unwrap_or(u8::MAX),
        access: p.access.unwrap_or(OFF_LADDER),
        reach: p.reach,
    }
}

/// The standing of every name of the facts, [Delegated, Application].
static STANDINGS: LazyLock<Vec<[Standing; 2]>> = LazyLock::new(|| {
    let kinds = [PermissionType::Delegated, PermissionType::Application];
    let profiles: Vec<Profile<'static>> =
        kinds.iter().flat_map(|&k| data::NAMES.iter().map(move |n| Profile::of(n, k))).collect();
    let mut families: HashMap<(String, PermissionType, &str), Vec<usize>> = HashMap::new();
    for (i, p) in profiles.iter().enumerate().filter(|(_, p)| p.access.is_some()) {
        let family = (p.family.to_ascii_lowercase(), p.kind, p.qualifiers.as_str());
        families.entry(family).or_default().push(i);
    }
    let mut standings: Vec<Standing> = profiles.iter().map(raw).collect();
    let rungs = |members: &[usize]| -> Vec<usize> {
        members.iter().copied().filter(|&i| profiles[i].published).collect()
    };
    // A published rung without a level is at most as high as the lowest one above it.
    for members in families.values() {
        let published = rungs(members);
        for &i in &published {
            let above = published.iter().filter(|&&j| profiles[i].below(&profiles[j]));
            if let Some(level) =
                profiles[i].level.or(above.filter_map(|&j| profiles[j].level).min())
            {
                standings[i].level = level;
            }
        }
    }
    // Then each rung takes the most level and admin consent at or below it.
    let own = standings.clone();
    for members in families.values() {
        let published = rungs(members);
        for &i in &published {
            for &j in published.iter().filter(|&&j| profiles[j].below(&profiles[i])) {
                standings[i].level = standings[i].level.max(own[j].level);
                standings[i].admin_consent |= own[j].admin_consent;
            }
        }
    }
    let half = data::NAMES.len();
    (0..half).map(|n| [standings[n], standings[half + n]]).collect()
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType::{Application, Delegated};

    fn of(name: &str, kind: PermissionType) -> Standing {
        Standing::of(name, kind, false)
    }

    #[test]
    fn the_ladder_holds_where_microsofts_levels_do_not() {
        assert!(of("Calendars.Read", Application) < of("Calendars.ReadWrite", Application));
        assert!(of("Mail.ReadBasic", Application) < of("Mail.Read", Application));
        assert!(of("Chat.ReadBasic", Delegated) < of("Chat.Read", Delegated));
        assert!(of("Calendars.Read", Delegated) < of("Calendars.ReadWrite", Delegated));
    }

    #[test]
    fn published_and_no_admin_consent_stand_first() {
        assert!(of("GroupMember.Read.All", Delegated) < of("GroupMember.ReadBasic.All", Delegated));
        assert!(of("User.ReadWrite", Delegated) < of("User.Read.All", Delegated));
        assert!(of("User.Read.All", Delegated) < of("Directory.Read.All", Delegated));
        let unknown = Standing::of("Contoso.Read", Delegated, true);
        assert!(of("User.Read.All", Delegated) < unknown, "unpublished names stand last");
    }

    /// Over the whole catalog: a published permission never stands after
    /// one the model ranks above it in its family.
    #[test]
    fn no_published_rung_stands_after_a_wider_one() {
        let catalog = crate::catalog::graph::builtin_catalog();
        let profiles: Vec<(Profile, Standing)> = catalog
            .permissions
            .iter()
            .map(|p| (Profile::of(&p.name, p.kind), Standing::of(&p.name, p.kind, p.admin_consent)))
            .collect();
        let mut wrong = Vec::new();
        for (a, sa) in profiles.iter().filter(|(p, _)| p.published) {
            for (b, sb) in profiles.iter().filter(|(p, _)| p.published && a.below(p)) {
                if sa >= sb {
                    wrong.push(format!("{} {:?} after {}", a.name, a.kind, b.name));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:?}");
    }
}
