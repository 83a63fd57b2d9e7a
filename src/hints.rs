//! Least-privilege hints from Microsoft Graph's naming scheme.
//!
//! Many Graph permissions are named `Resource.Access[.Scope]`, where the
//! access is `ReadBasic` < `Read` < `ReadWrite` and the scope is the user's own
//! data (no suffix) < `.Shared` < `.All`. A permission covers another of the
//! same resource when it is at least as broad on both axes and broader on one:
//! `Chat.ReadWrite` covers `Chat.Read` and `Chat.ReadBasic`; `Calendars.ReadWrite`
//! does not cover `Calendars.Read.Shared` (its scope is narrower).
//!
//! These are naming-based hints, not Microsoft's per-API least-privilege
//! tables: names outside the scheme (`Mail.Send`, `Chat.Create`,
//! `Files.ReadWrite.AppFolder`, `Sites.FullControl.All`, ...) are never
//! compared, and what a name grants is for Microsoft's reference to confirm.

use crate::catalog::{Catalog, Permission};

/// How much a permission may do with the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Access {
    ReadBasic,
    Read,
    ReadWrite,
}

/// Whose data a permission reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    Own,
    Shared,
    All,
}

/// A name that follows the scheme: resource (lowercase), access and reach.
#[derive(Debug, PartialEq, Eq)]
struct Rank {
    resource: String,
    access: Access,
    reach: Reach,
}

impl Rank {
    /// `Resource.Access[.Shared|.All]`, ignoring case; `None` for other names.
    fn parse(name: &str) -> Option<Rank> {
        let name = name.to_ascii_lowercase();
        let mut parts = name.split('.');
        let resource = parts.next().filter(|r| !r.is_empty())?.to_string();
        let access = match parts.next()? {
            "readbasic" => Access::ReadBasic,
            "read" => Access::Read,
            "readwrite" => Access::ReadWrite,
            _ => return None,
        };
        let reach = match parts.next() {
            None => Reach::Own,
            Some("shared") => Reach::Shared,
            Some("all") => Reach::All,
            Some(_) => return None,
        };
        parts.next().is_none().then_some(Rank { resource, access, reach })
    }

    /// Same resource, at least as broad on both axes, broader on one.
    fn covers(&self, other: &Rank) -> bool {
        self.resource == other.resource
            && self.access >= other.access
            && self.reach >= other.reach
            && (self.access, self.reach) != (other.access, other.reach)
    }
}

/// Whether `broader` covers `narrower`: both follow the naming scheme, name the
/// same resource (text before the first `.`, ignoring case), and `narrower` is
/// at most as privileged on both axes and less privileged on one. So
/// `Chat.ReadWrite` covers `Chat.ReadBasic` and `Chat.Read.All` covers `Chat.Read`,
/// but `Calendars.ReadWrite` does not cover `Calendars.Read.Shared`.
pub fn covers(broader: &str, narrower: &str) -> bool {
    match (Rank::parse(broader), Rank::parse(narrower)) {
        (Some(b), Some(n)) => b.covers(&n),
        _ => false,
    }
}

/// The catalog rows of `p`'s type that `p` covers, least privileged first
/// (by access, then reach, then name ignoring case).
pub fn less_privileged<'c>(catalog: &'c Catalog, p: &Permission) -> Vec<&'c Permission> {
    let Some(broader) = Rank::parse(&p.name) else { return Vec::new() };
    let resource = broader.resource.as_bytes();
    // A cheap prefix test first, so only the resource's rows are parsed.
    let same_resource = |name: &str| {
        let name = name.as_bytes();
        name.len() > resource.len()
            && name[resource.len()] == b'.'
            && name[..resource.len()].eq_ignore_ascii_case(resource)
    };
    let mut found: Vec<(Rank, &Permission)> = catalog
        .permissions
        .iter()
        .filter(|q| q.kind == p.kind && same_resource(&q.name))
        .filter_map(|q| Rank::parse(&q.name).filter(|rank| broader.covers(rank)).map(|r| (r, q)))
        .collect();
    found.sort_by_key(|(rank, q)| (rank.access, rank.reach, q.name.to_ascii_lowercase()));
    found.into_iter().map(|(_, q)| q).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType::{self, Application as A, Delegated as D};

    #[test]
    fn covers_follows_both_axes() {
        let cases = [
            ("Chat.ReadWrite", "Chat.Read", true),
            ("Chat.ReadWrite", "Chat.ReadBasic", true),
            ("Chat.Read", "Chat.ReadBasic", true),
            ("Chat.Read.All", "Chat.Read", true),
            ("Sites.ReadWrite.All", "Sites.Read.All", true),
            ("Calendars.ReadWrite.Shared", "Calendars.Read.Shared", true),
            ("Calendars.Read.All", "Calendars.Read.Shared", true),
            ("User.Read.All", "User.ReadBasic.All", true),
            ("chat.readwrite", "CHAT.READ", true),
            // different scope axis: own data does not cover shared calendars
            ("Calendars.ReadWrite", "Calendars.Read.Shared", false),
            ("Calendars.Read.Shared", "Calendars.ReadWrite", false),
            ("Chat.Read", "Chat.Read.All", false),
            // equal, reversed, or another resource
            ("Chat.Read", "Chat.Read", false),
            ("Chat.Read", "Chat.ReadWrite", false),
            ("Group.ReadWrite.All", "GroupMember.Read.All", false),
            // names outside the scheme
            ("Chat.ReadWrite", "Chat.Create", false),
            ("Mail.ReadWrite", "Mail.Send", false),
            ("Sites.FullControl.All", "Sites.Read.All", false),
            ("Files.ReadWrite.AppFolder", "Files.Read", false),
            ("Files.ReadWrite.All", "Files.ReadWrite.AppFolder", false),
            ("Chat.ReadWrite.All.Extra", "Chat.Read", false),
            ("offline_access", "profile", false),
            (".ReadWrite", ".Read", false),
        ];
        for (broader, narrower, expected) in cases {
            assert_eq!(covers(broader, narrower), expected, "{broader} covers {narrower}");
        }
    }

    #[test]
    fn less_privileged_lists_covered_rows_of_the_same_type() {
        let catalog = Catalog::embedded();
        let cases: [(&str, PermissionType, &[&str]); 7] = [
            ("Chat.ReadWrite", D, &["Chat.ReadBasic", "Chat.Read"]),
            ("Calendars.ReadWrite", D, &["Calendars.Read"]),
            ("Sites.ReadWrite.All", D, &["Sites.Read.All"]),
            ("GroupMember.ReadWrite.All", A, &["GroupMember.Read.All"]),
            // Presence.Read is Delegated only; Chat.Read is not an Application row
            ("Presence.ReadWrite.All", A, &[]),
            ("Chat.Read.All", A, &[]),
            ("Chat.ReadBasic", D, &[]),
        ];
        for (name, kind, expected) in cases {
            let p = catalog.find(name, kind).unwrap();
            let found: Vec<&str> =
                less_privileged(&catalog, p).iter().map(|q| q.name.as_str()).collect();
            assert_eq!(found, expected, "{name} ({kind})");
        }
    }
}
