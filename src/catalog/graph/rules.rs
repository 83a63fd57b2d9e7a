//! Least privilege for one API call: Microsoft's `least` mark, corrected by
//! the structural rules below and nowhere else. Each rule names its source
//! here and in `docs/catalog.md`; none names a call or a single permission.
//!
//! 1. **Signed-in user** (`/me…` in Application): app-only tokens have no
//!    user, so Graph answers "/me request is only valid with delegated
//!    authentication flow"; the call is answered as `/users/{id}/…`.
//!    Source: Microsoft Graph's "Use the API" page (`/me` is the signed-in user)
//!    and the error Graph returns.
//! 2. **Unpublished names**: a permission Graph's service principal does not
//!    publish cannot be registered. A resource-specific consent one is granted
//!    in a Teams app's manifest; any other least-marked one hands its mark to
//!    its family's nearest published sibling: `<name>.All` where that is an
//!    app role (the map's Application `Calendars.ReadBasic`; the user-list-events
//!    page), else the family's next published permission allowing the call
//!    (`GroupMember.ReadBasic.All` → `GroupMember.Read.All`; group-list-members).
//! 3. **Reads** (kibali's `ValidateDuplicatedScopes`, `IsFalsePositiveDuplicate`:
//!    on a GET, the Read/ReadBasic scope is "the least privileged for Read
//!    operations"): on a GET, a family's least mark belongs to its lowest access
//!    (same reach and qualifiers) that allows the call, so `Calendars.ReadWrite`
//!    hands it to `Calendars.ReadBasic` (user-list-events) and `Mail.Read` to
//!    `Mail.ReadBasic` (message-get).
//! 4. **Spanning families**: `Directory.*` ranks after every specific family's
//!    permission that allows the call, and its least mark goes to the first of
//!    those (Microsoft's pages list `Directory.Read.All` as higher privileged:
//!    user-list, group-list-members, signin-list).
//! 5. **The call's own resource** (`resource.rs`): on a GET of an entity set
//!    or one entity, least marks all outside the resource the path names are
//!    not trusted when a published permission of that resource allows the
//!    call (`GET /groups/{id}`: `GroupMember.Read.All`, not
//!    `Group-NestingSupport.ReadWrite.All`; group-get, organization-get).
//!
//! Then: least first (those Microsoft marks itself before those a rule marked),
//! the other rows of the least rows' families before other families,
//! Microsoft's level, access, reach, name; within one family
//! the ladder order always holds (a Read before its ReadWrite).

use super::privilege::{Profile, published_name};
use super::resource::Resource;
use super::{Call, HttpMethod, Scheme, calls_at, data};

/// What `api` says first for a `/me…` call in Application mode.
pub const NEEDS_USER: &str = "needs a signed-in user";

/// Why a permission of Microsoft's map cannot be registered as listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unpublishable {
    /// Resource-specific consent: granted in a Teams app's manifest.
    ResourceSpecific,
    /// Not published by Graph's service principal; `instead`: the published
    /// permission to use (`<name>.All`, or the sibling that takes a least mark).
    NotPublished {
        /// The published sibling (`Calendars.ReadBasic.All`).
        instead: Option<&'static str>,
    },
}

impl Unpublishable {
    /// The reason in words, for `api`.
    pub fn reason(self) -> String {
        match self {
            Unpublishable::ResourceSpecific => {
                "resource-specific consent: granted in a Teams app's manifest".into()
            }
            Unpublishable::NotPublished { instead } => {
                let mut text = String::from(
                    "not published by Microsoft Graph's service principal: cannot be registered",
                );
                if let Some(name) = instead {
                    text.push_str(&format!("; use the published {name}"));
                }
                text
            }
        }
    }
}

/// One permission that allows the call, as the model ranks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranked {
    /// The permission (official casing).
    pub permission: &'static str,
    /// Microsoft's flag in its map (false for a row the map does not list).
    pub microsoft_least: bool,
    /// The model's verdict: least privileged for this call.
    pub least: bool,
    /// The unpublished name of the map this row stands for.
    pub stands_for: Option<&'static str>,
    /// Other permissions the call also needs, as Microsoft lists them.
    pub also_requires: Option<&'static str>,
}

/// A permission of the map that cannot be registered as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unregistrable {
    /// The name as the map writes it.
    pub permission: &'static str,
    /// Microsoft's flag.
    pub microsoft_least: bool,
    /// Why.
    pub why: Unpublishable,
}

/// The model's answer for one (method, path template, scheme).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The call asked about.
    pub method: HttpMethod,
    /// Its template.
    pub path: &'static str,
    /// The scheme.
    pub scheme: Scheme,
    /// For `/me…` in Application: the `/users/{id}/…` template answered instead.
    pub needs_user: Option<&'static str>,
    /// Published permissions, least privileged first.
    pub published: Vec<Ranked>,
    /// Permissions of the map that cannot be registered, after.
    pub unpublished: Vec<Unregistrable>,
}

/// Whether `path` (a template) is the signed-in user's (`/me`, `/me/…`).
pub fn is_me_path(path: &str) -> bool {
    path.get(..3).is_some_and(|h| h.eq_ignore_ascii_case("/me"))
        && matches!(path.as_bytes().get(3), None | Some(b'/'))
}

/// The `/users/{id}/…` template matching a `/me…` one, if the map has it.
fn users_template(me: &str) -> Option<&'static str> {
    let wanted = format!("/users/{{id}}{}", &me[3..]);
    data::paths().find(|p| p.eq_ignore_ascii_case(&wanted))
}

/// The model's answer for `method path` (a template of the map) in `scheme`.
pub fn answer(method: HttpMethod, path: &'static str, scheme: Scheme) -> Answer {
    let mut answer = Answer {
        method,
        path,
        scheme,
        needs_user: None,
        published: Vec::new(),
        unpublished: Vec::new(),
    };
    let mut asked = path;
    if scheme == Scheme::Application && is_me_path(path) {
        // Rule 1: no signed-in user in app-only calls.
        let Some(users) = users_template(path) else {
            answer.needs_user = Some("");
            return answer;
        };
        answer.needs_user = Some(users);
        asked = users;
    }
    let calls: Vec<Call> =
        calls_at(asked).filter(|c| c.method == method && c.scheme == scheme).collect();
    rank(&calls, asked, method, scheme, &mut answer);
    answer
}

fn rank(calls: &[Call], path: &str, method: HttpMethod, scheme: Scheme, answer: &mut Answer) {
    let kind = scheme.kind();
    // Rule 5: on a GET, least marks all outside the call's resource are not trusted.
    let resource = Resource::of(path);
    let distrusted = method == HttpMethod::Get && resource.distrusts(calls);
    let mut rows: Vec<(Ranked, Profile<'static>)> = Vec::new();
    let mut handed: Vec<(&'static str, &'static str)> = Vec::new();
    for c in calls {
        let profile = Profile::of(c.permission, kind);
        let least = c.least && !distrusted;
        if profile.published {
            let ranked = Ranked {
                permission: c.permission,
                microsoft_least: c.least,
                least,
                stands_for: None,
                also_requires: c.also_requires,
            };
            rows.push((ranked, profile));
            continue;
        }
        // Rule 2: unpublished names.
        let why = if profile.resource_specific() {
            Unpublishable::ResourceSpecific
        } else {
            let all = published_name(&format!("{}.All", c.permission), kind);
            let sibling = all.or_else(|| nearest_published(&profile, calls).filter(|_| least));
            if let (true, Some(sibling)) = (least, sibling) {
                handed.push((sibling, c.permission));
            }
            Unpublishable::NotPublished { instead: sibling }
        };
        answer.unpublished.push(Unregistrable {
            permission: c.permission,
            microsoft_least: c.least,
            why,
        });
    }
    for (sibling, unpublished) in handed {
        match rows.iter_mut().find(|(r, _)| r.permission == sibling) {
            Some((r, _)) => {
                r.least = true;
                r.stands_for = Some(unpublished);
            }
            None => rows.push((
                Ranked {
                    permission: sibling,
                    microsoft_least: false,
                    least: true,
                    stands_for: Some(unpublished),
                    also_requires: None,
                },
                Profile::of(sibling, kind),
            )),
        }
    }
    if distrusted {
        let profiles: Vec<&Profile> = rows.iter().map(|(_, p)| p).collect();
        if let Some(name) = resource.least(&profiles, scheme) {
            rows.iter_mut().filter(|(r, _)| r.permission == name).for_each(|(r, _)| r.least = true);
        }
    }
    if method == HttpMethod::Get {
        reads_hand_down(&mut rows);
    }
    // The families with a least row are the call's own: their other rows
    // come before other families' (User.Read.All before DeviceManagement…),
    // and so are the resource's after rule 5.
    let own: Vec<String> =
        rows.iter().filter(|(r, _)| r.least).map(|(_, p)| p.family.to_ascii_lowercase()).collect();
    let stranger = |p: &Profile| {
        !(own.contains(&p.family.to_ascii_lowercase()) || distrusted && resource.relates(p.family))
    };
    rows.sort_by(|(a, pa), (b, pb)| {
        (pa.spans_families(), !a.least, !(a.least && a.microsoft_least), stranger(pa))
            .cmp(&(pb.spans_families(), !b.least, !(b.least && b.microsoft_least), stranger(pb)))
            .then_with(|| pa.order_key().cmp(&pb.order_key()))
    });
    keep_ladder_order(&mut rows);
    // Rule 4 takes a spanning permission's mark to the first specific one;
    // with no row marked, the first is the least privileged the model knows.
    if rows.first().is_some_and(|(r, p)| !r.least && !p.spans_families()) {
        for (r, _) in rows.iter_mut().filter(|(_, p)| p.spans_families()) {
            r.least = false;
        }
    }
    if !rows.iter().any(|(r, _)| r.least)
        && let Some(first) = rows.first_mut()
    {
        first.0.least = true;
    }
    answer.published = rows.into_iter().map(|(r, _)| r).collect();
    answer.unpublished.sort_by_key(|u| (!u.microsoft_least, u.permission.to_ascii_lowercase()));
}

/// Rule 2's sibling when no `<name>.All` is published: the family's published
/// permission allowing the call with the least access and reach not below the
/// unpublished one's.
fn nearest_published(unpublished: &Profile, calls: &[Call]) -> Option<&'static str> {
    calls
        .iter()
        .map(|c| Profile::of(c.permission, unpublished.kind))
        .filter(|p| p.published && p.same_family(unpublished))
        .filter(|p| p.access >= unpublished.access && p.reach >= unpublished.reach)
        .filter(|p| p.access.is_some())
        .min_by_key(|p| (p.access, p.reach))
        .and_then(|p| published_name(p.name, p.kind))
}

/// Rule 3: on a GET, each family's least mark moves to its lowest access.
fn reads_hand_down(rows: &mut [(Ranked, Profile<'static>)]) {
    for i in 0..rows.len() {
        if !rows[i].0.least || rows[i].1.access.is_none() {
            continue;
        }
        let lowest = (0..rows.len())
            .filter(|&j| rows[j].1.access.is_some() && rows[j].1.same_family(&rows[i].1))
            .filter(|&j| rows[j].1.reach == rows[i].1.reach)
            .min_by_key(|&j| rows[j].1.access)
            .unwrap_or(i);
        if lowest != i {
            rows[i].0.least = false;
            rows[lowest].0.least = true;
        }
    }
}

/// Within one family (same type, qualifiers and reach), the rows keep the
/// ladder order in the slots they occupy: a Read never after its ReadWrite.
fn keep_ladder_order(rows: &mut [(Ranked, Profile<'static>)]) {
    let mut done = vec![false; rows.len()];
    for i in 0..rows.len() {
        if done[i] || rows[i].1.access.is_none() {
            continue;
        }
        let slots: Vec<usize> = (i..rows.len())
            .filter(|&j| {
                rows[j].1.access.is_some()
                    && rows[j].1.same_family(&rows[i].1)
                    && rows[j].1.reach == rows[i].1.reach
            })
            .collect();
        let mut members: Vec<(Ranked, Profile<'static>)> =
            slots.iter().map(|&j| rows[j].clone()).collect();
        members.sort_by_key(|(_, p)| p.access);
        for (&slot, member) in slots.iter().zip(members) {
            rows[slot] = member;
            done[slot] = true;
        }
    }
}

/// How many distinct calls (method, path) of `name` in `scheme` the model
/// ranks it least privileged for (never a `/me…` call in Application).
/// Remembered per (name, scheme): the details pane asks on every frame.
pub fn least_by_model(name: &str, scheme: Scheme) -> usize {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static SEEN: OnceLock<Mutex<HashMap<(String, Scheme), usize>>> = OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    let key = (name.to_ascii_lowercase(), scheme);
    if let Some(&n) = seen.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return n;
    }
    let mut calls: Vec<(HttpMethod, &'static str)> =
        super::calls_in(name, scheme).map(|c| (c.method, c.path)).collect();
    calls.sort_unstable();
    calls.dedup();
    let n = calls
        .into_iter()
        .filter(|&(method, path)| {
            answer(method, path, scheme)
                .published
                .iter()
                .any(|r| r.least && r.permission.eq_ignore_ascii_case(name))
        })
        .count();
    seen.lock().unwrap_or_else(|e| e.into_inner()).insert(key, n);
    n
}
