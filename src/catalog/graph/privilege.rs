//! What a permission grants, read from its name and the facts: its family
//! (the name's head), its access on the ladder `ReadBasic` < `Read` <
//! `ReadWrite` < `Manage` < `FullControl` (verbs such as `Send` or `Create`
//! stand on their own), its reach within its type, its qualifiers, whether
//! Graph's service principal publishes it (only published permissions can be
//! registered) and Microsoft's privilege level. The per-call ranking built on
//! it is in `rules.rs`; hints and redundancy compare two profiles here.

use super::{Scheme, data, name_index, privilege_level};
use crate::catalog::PermissionType;

/// The access ladder, least first; a name whose access segment is not on it
/// (a verb: `Send`, `Create`, `Selected`…) has no place on it.
const LADDER: [&str; 5] = ["ReadBasic", "Read", "ReadWrite", "Manage", "FullControl"];

/// Suffixes of resource-specific consent (RSC) permissions: granted to a
/// Teams app for one chat, team or user in its manifest, never registered.
/// Source: Microsoft's "Resource-specific consent" page (learn.microsoft.com/
/// microsoftteams/platform/graph-api/rsc/resource-specific-consent).
const RSC_SUFFIXES: [&str; 4] = ["Chat", "Group", "Team", "User"];

/// A permission's privilege profile in one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile<'a> {
    /// The name as given.
    pub name: &'a str,
    /// The name's head (`Mail` of `Mail.ReadBasic.Shared`).
    pub family: &'a str,
    /// Place on the access ladder (0 = ReadBasic … 4 = FullControl), `None` for a verb.
    pub access: Option<u8>,
    /// Reach within the type: Delegated own 0 < `.Shared` 1 < `.All` 2; an
    /// Application name reaches the whole tenant with or without `.All` (2).
    pub reach: u8,
    /// Segments after the access other than the reach (`OwnedBy`, `Chat`…), joined by `.`.
    pub qualifiers: String,
    /// Delegated or Application.
    pub kind: PermissionType,
    /// Published by Graph's service principal in this type (can be registered).
    pub published: bool,
    /// Admin consent, for a published permission.
    pub admin_consent: Option<bool>,
    /// Microsoft's privilege level (1–5) in the type's scheme (work accounts).
    pub level: Option<u8>,
}

impl<'a> Profile<'a> {
    /// The profile of `name` in `kind`, from the built-in facts.
    pub fn of(name: &'a str, kind: PermissionType) -> Profile<'a> {
        let mut segments = name.split('.');
        let family = segments.next().unwrap_or("");
        let rest: Vec<&str> = segments.collect();
        let tail = rest.get(1..).unwrap_or(&[]);
        let qualifiers = match tail.split_last() {
            Some((last, head)) if is_reach(last) => head,
            _ => tail,
        };
        let (access, reach) = access_and_reach(name, kind);
        let row = published_row(name, kind);
        Profile {
            name,
            family,
            access,
            reach,
            qualifiers: qualifiers.join(".").to_ascii_lowercase(),
            kind,
            published: row.is_some(),
            admin_consent: row.map(|r| r.admin_consent),
            level: privilege_level(name, Scheme::of(kind, false)),
        }
    }

    /// `Directory.*`: one permission spanning every directory family. Microsoft's
    /// pages list `Directory.Read.All` as a higher privileged permission beside a
    /// specific family's (user-list, group-list-members, signin-list).
    pub fn spans_families(&self) -> bool {
        spans_families(self.family)
    }

    /// An unpublished resource-specific consent permission (`ChatMessage.Read.Chat`).
    pub fn resource_specific(&self) -> bool {
        !self.published
            && self.name.rsplit('.').next().is_some_and(|last| {
                self.name.contains('.') && RSC_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(last))
            })
    }

    /// Same family, type and qualifiers (ignoring case): comparable on the ladder.
    pub fn same_family(&self, other: &Profile) -> bool {
        self.kind == other.kind
            && self.family.eq_ignore_ascii_case(other.family)
            && self.qualifiers == other.qualifiers
    }

    /// Whether the model ranks `self` strictly below `other`: the same family,
    /// type and qualifiers, both on the access ladder, no more access and reach,
    /// and less of one (`Chat.ReadBasic` below `Chat.Read`, `User.Read` below
    /// `User.Read.All`, `Mail.ReadBasic.All` below `Mail.Read` in Application).
    pub fn below(&self, other: &Profile) -> bool {
        match (self.access, other.access) {
            (Some(a), Some(b)) if self.same_family(other) => {
                a <= b && self.reach <= other.reach && (a, self.reach) != (b, other.reach)
            }
            _ => false,
        }
    }

    /// The key the model sorts by outside of any call: permissions spanning
    /// families last, then level, access, reach and name.
    pub fn order_key(&self) -> (bool, u8, u8, u8, String) {
        (
            self.spans_families(),
            self.level.unwrap_or(u8::MAX),
            self.access.unwrap_or(LADDER.len() as u8),
            self.reach,
            self.name.to_ascii_lowercase(),
        )
    }
}

/// Whether the family `family` spans families (see [`Profile::spans_families`]).
pub(super) fn spans_families(family: &str) -> bool {
    family.eq_ignore_ascii_case("Directory")
}

/// Whether a name segment states a reach (`All`, `Shared`).
fn is_reach(segment: &str) -> bool {
    segment.eq_ignore_ascii_case("All") || segment.eq_ignore_ascii_case("Shared")
}

/// A name's place on the access ladder and its reach in `kind` (see
/// [`Profile`]), read without allocating: the search orders imported rows
/// the facts do not know by it on every key.
pub(super) fn access_and_reach(name: &str, kind: PermissionType) -> (Option<u8>, u8) {
    let mut rest = name.split('.').skip(1);
    let access = rest
        .next()
        .and_then(|s| LADDER.iter().position(|a| a.eq_ignore_ascii_case(s)))
        .map(|i| i as u8);
    let reach = match (kind, rest.last().filter(|last| is_reach(last))) {
        (PermissionType::Application, _) => 2,
        (_, Some(w)) if w.eq_ignore_ascii_case("All") => 2,
        (_, Some(_)) => 1,
        (_, None) => 0,
    };
    (access, reach)
}

/// The service principal's row for (name, kind), ignoring case.
fn published_row(name: &str, kind: PermissionType) -> Option<&'static data::FactRow> {
    let n = name_index(name)?;
    let from = data::ROWS.partition_point(|r| usize::from(r.name) < n);
    data::ROWS[from..].iter().take_while(|r| usize::from(r.name) == n).find(|r| r.kind == kind)
}

/// The official casing of a published `name` in `kind`.
pub fn published_name(name: &str, kind: PermissionType) -> Option<&'static str> {
    published_row(name, kind).map(|r| data::NAMES[usize::from(r.name)])
}
