//! Rule 5, **the call's own resource**. Microsoft names a permission
//! `{resource}.{operation}.{constraint}`, the resource being the Graph
//! resource it gives access to (docs-contrib `concepts/permissions-overview.md`,
//! "Permissions naming pattern"), and a read of an entity set or one entity
//! (`GET /groups/{id}`, `GET /organization`) reads that resource. There the
//! map sometimes marks least only permissions of other resources that reach
//! it for one feature: `Group-NestingSupport.ReadWrite.All` on
//! `GET /groups/{id}`, `DeviceManagementServiceConfig.Read.All` on
//! `GET /organization`. Microsoft's pages for those calls list neither (the
//! group-get and organization-get permission includes): they name the
//! resource's own permissions. So on such a read, when every least mark lies
//! outside the resource and a published permission of the resource allows
//! the call, the marks are not trusted and the least privileged row is
//! chosen as for an unmarked call: no admin consent before admin consent
//! (only high-privilege permissions are admin-restricted: Microsoft identity
//! platform, "Overview of permissions and consent"), the resource's own
//! families (`Group`, `GroupMember`) before others, Microsoft's level,
//! access, reach, then the permission the map lists for fewer calls (it
//! allows less: `GroupMember.Read.All`, 41 Delegated calls, reads
//! "memberships and basic group properties", `Group.Read.All`, 175, also
//! conversations: permissions-reference), then the name. Deeper paths (a
//! navigation, a function) are left alone: there a hyphenated family is often
//! the narrower one Microsoft means (`CallRecord-PstnCalls.Read.All` on
//! `getPstnBlockedUsersLog`).

use super::privilege::Profile;
use super::{Call, Scheme, calls_in};

/// The resource a call reads when its path is an entity set or one entity of
/// it (`/groups`, `/groups/{id}`, `/organization`), lower case; deeper paths
/// (a navigation, a function) have no resource here, so the rule keeps off them.
pub(super) struct Resource {
    /// Singular and plural spellings (`group`, `groups`); empty for a deeper path.
    names: Vec<String>,
}

impl Resource {
    /// The resource of `path`, a template of the map.
    pub(super) fn of(path: &str) -> Resource {
        let mut segments = path.trim_start_matches('/').split('/');
        let set = segments.next().unwrap_or("");
        let entity_set = !set.is_empty()
            && set.bytes().all(|b| b.is_ascii_alphanumeric())
            && matches!((segments.next(), segments.next()), (None | Some("{id}"), None));
        let mut names = Vec::new();
        if entity_set {
            let set = set.to_ascii_lowercase();
            if let Some(stem) = set.strip_suffix("ies") {
                names.push(format!("{stem}y"));
            } else if let Some(stem) = set.strip_suffix('s') {
                names.push(stem.to_string());
            }
            names.push(set);
        }
        names.retain(|n| !n.is_empty());
        Resource { names }
    }

    /// Whether `family` is the resource's own (`Group` of `/groups`).
    fn is_own(&self, family: &str) -> bool {
        self.names.iter().any(|n| n.eq_ignore_ascii_case(family))
    }

    /// Whether `family` is the resource's own or a compound noun of it
    /// (`GroupMember`, `ChatMessage`); a hyphenated feature of it
    /// (`Group-NestingSupport`) is another resource.
    pub(super) fn relates(&self, family: &str) -> bool {
        self.is_own(family)
            || self.names.iter().any(|n| {
                family.len() > n.len()
                    && family.is_char_boundary(n.len())
                    && family[..n.len()].eq_ignore_ascii_case(n)
                    && family.as_bytes()[n.len()].is_ascii_uppercase()
            })
    }

    /// Whether the call's least marks are all outside the resource while a
    /// published permission of the resource's own family allows the call.
    pub(super) fn distrusts(&self, calls: &[Call]) -> bool {
        let family = |c: &Call| c.permission.split('.').next().unwrap_or("");
        let mut marked = calls.iter().filter(|c| c.least).peekable();
        marked.peek().is_some()
            && marked.all(|c| !self.relates(family(c)))
            && calls.iter().any(|c| {
                self.is_own(family(c)) && Profile::of(c.permission, c.scheme.kind()).published
            })
    }

    /// The least privileged of `profiles` for an unmarked call (see above).
    pub(super) fn least<'a>(&self, profiles: &[&Profile<'a>], scheme: Scheme) -> Option<&'a str> {
        profiles
            .iter()
            .filter(|p| !p.spans_families())
            .min_by_key(|p| {
                (
                    p.admin_consent != Some(false),
                    !self.relates(p.family),
                    p.level.unwrap_or(u8::MAX),
                    p.access.unwrap_or(u8::MAX),
                    p.reach,
                    calls_in(p.name, scheme).count(),
                    p.name.to_ascii_lowercase(),
                )
            })
            .map(|p| p.name)
    }
}
