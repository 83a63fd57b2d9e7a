//! Properties of the privilege model over every call of Microsoft's map.

use super::{HttpMethod, Profile, Scheme, answer, data, is_me_path};
use crate::catalog::PermissionType::{self, Application as A, Delegated as D};

/// Every (GET template, scheme) of the map, work accounts and Application.
fn get_calls() -> Vec<(&'static str, Scheme)> {
    let mut out = Vec::new();
    for path in data::paths() {
        for scheme in [Scheme::DelegatedWork, Scheme::Application] {
            if super::calls_at(path).any(|c| c.method == HttpMethod::Get && c.scheme == scheme) {
                out.push((path, scheme));
            }
        }
    }
    out
}

#[test]
fn within_a_family_readbasic_is_below_read_below_readwrite() {
    let mut checked = 0;
    for kind in [D, A] {
        for name in data::NAMES.iter().filter(|n| n.contains(".ReadBasic")) {
            let read = name.replacen(".ReadBasic", ".Read", 1);
            let write = name.replacen(".ReadBasic", ".ReadWrite", 1);
            let (b, r, w) =
                (Profile::of(name, kind), Profile::of(&read, kind), Profile::of(&write, kind));
            assert!(b.below(&r) && r.below(&w) && b.below(&w), "{name} ({kind:?})");
            assert!(!r.below(&b) && !w.below(&r), "{name} ({kind:?})");
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
    let own = Profile::of("User.Read", D);
    assert!(own.below(&Profile::of("User.Read.All", D)), "Delegated: own below .All");
    let app = Profile::of("Mail.ReadBasic.All", A);
    assert!(
        app.below(&Profile::of("Mail.Read", A)),
        "Application: a plain name reaches the tenant"
    );
    assert!(!Profile::of("Chat.Read", D).below(&Profile::of("ChatMember.Read", D)));
    assert!(
        !Profile::of("Mail.Send", D).below(&Profile::of("Mail.ReadWrite", D)),
        "verbs stand alone"
    );
}

#[test]
fn on_every_get_a_familys_read_ranks_before_its_readwrite() {
    let mut pairs = 0;
    for (path, scheme) in get_calls() {
        let a = answer(HttpMethod::Get, path, scheme);
        let at = |name: &str| a.published.iter().position(|r| r.permission == name);
        for (i, r) in a.published.iter().enumerate() {
            let Some(read) =
                r.permission.split_once(".ReadWrite").map(|(h, t)| format!("{h}.Read{t}"))
            else {
                continue;
            };
            if let Some(j) = at(&read) {
                assert!(j < i, "GET {path} {scheme:?}: {read} after {}", r.permission);
                pairs += 1;
            }
        }
    }
    assert!(pairs > 1000, "{pairs} pairs");
}

#[test]
fn every_answer_splits_published_from_unpublished_and_me_needs_a_user() {
    for (path, scheme) in get_calls() {
        let a = answer(HttpMethod::Get, path, scheme);
        let kind: PermissionType = scheme.kind();
        assert!(
            a.published
                .iter()
                .all(|r| super::privilege::published_name(r.permission, kind).is_some()),
            "{path}"
        );
        assert!(
            a.unpublished
                .iter()
                .all(|u| super::privilege::published_name(u.permission, kind).is_none()),
            "{path}"
        );
        assert_eq!(a.needs_user.is_some(), scheme == Scheme::Application && is_me_path(path));
        if !a.published.is_empty() {
            assert!(a.published[0].least, "GET {path} {scheme:?}: the first row is least");
        }
        // A permission spanning families never ranks above a specific one.
        if let Some(d) =
            a.published.iter().position(|r| Profile::of(r.permission, kind).spans_families())
        {
            assert!(
                a.published[d..].iter().all(|r| Profile::of(r.permission, kind).spans_families()),
                "{path}"
            );
        }
    }
}

#[test]
fn the_issues_calls_answer_as_microsofts_pages_do() {
    let names = |a: &super::Answer| a.published.iter().map(|r| r.permission).collect::<Vec<_>>();
    let events = answer(HttpMethod::Get, "/me/events", Scheme::DelegatedWork);
    assert_eq!(names(&events), ["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"]);
    let members = answer(HttpMethod::Get, "/groups/{id}/members", Scheme::DelegatedWork);
    assert_eq!(members.published[0].permission, "GroupMember.Read.All");
    assert_eq!(members.published[0].stands_for, Some("GroupMember.ReadBasic.All"));
    assert!(members.unpublished.iter().any(|u| u.permission == "GroupMember.ReadBasic.All"));
    let rsc = answer(HttpMethod::Get, "/chats/{id}/messages", Scheme::Application);
    let why = rsc.unpublished.iter().find(|u| u.permission == "ChatMessage.Read.Chat").unwrap();
    assert_eq!(why.why, super::rules::Unpublishable::ResourceSpecific);
    assert!(why.why.reason().contains("Teams app's manifest"));
    let app = answer(HttpMethod::Get, "/users/{id}/events", Scheme::Application);
    assert_eq!(app.published[0].permission, "Calendars.ReadBasic.All");
    let send = answer(HttpMethod::Post, "/me/sendmail", Scheme::Application);
    assert_eq!(send.needs_user, Some("/users/{id}/sendmail"));
}

#[test]
fn a_least_mark_outside_the_resource_read_is_not_trusted() {
    let group = answer(HttpMethod::Get, "/groups/{id}", Scheme::DelegatedWork);
    let at = |a: &super::Answer, name: &str| a.published.iter().position(|r| r.permission == name);
    assert_eq!(group.published[0].permission, "GroupMember.Read.All");
    assert!(group.published[0].least && !group.published[0].microsoft_least);
    let nesting = &group.published[at(&group, "Group-NestingSupport.ReadWrite.All").unwrap()];
    assert!(nesting.microsoft_least && !nesting.least, "Microsoft's flag stays visible");
    assert!(at(&group, "Group.Read.All") < at(&group, "Group-NestingSupport.ReadWrite.All"));
    let org = answer(HttpMethod::Get, "/organization", Scheme::DelegatedWork);
    assert_eq!(org.published[0].permission, "User.Read", "no admin consent first");
    let org = answer(HttpMethod::Get, "/organization", Scheme::Application);
    assert_eq!(org.published[0].permission, "Organization.Read.All");
    assert_eq!(org.published.iter().filter(|r| r.least).count(), 1);
}

/// Rule 5 is the only rule that moves a least mark to another family than
/// every one Microsoft marks, and it stays on reads of an entity set or one
/// entity, choosing the resource's own family or a permission needing no
/// admin consent.
#[test]
fn only_entity_reads_lose_microsofts_mark_to_another_family() {
    let mut moved = 0;
    for (path, scheme) in get_calls() {
        let a = answer(HttpMethod::Get, path, scheme);
        let kind = scheme.kind();
        let Some(first) = a.published.first() else { continue };
        let family = |name: &str| Profile::of(name, kind).family.to_ascii_lowercase();
        let marked: Vec<String> = (a.published.iter().filter(|r| r.microsoft_least))
            .map(|r| family(r.permission))
            .chain(a.unpublished.iter().filter(|u| u.microsoft_least).map(|u| family(u.permission)))
            .collect();
        let explained = marked.is_empty()
            || marked.contains(&family(first.permission))
            || first.stands_for.is_some()
            || marked.iter().all(|f| f == "directory")
            || a.published.iter().all(|r| !r.microsoft_least);
        if explained {
            continue;
        }
        let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        assert!(
            matches!(segments.as_slice(), [_] | [_, "{id}"]),
            "GET {path} {scheme:?}: {} in place of {marked:?}",
            first.permission
        );
        let own = family(first.permission);
        let set = segments[0].to_ascii_lowercase();
        let profile = Profile::of(first.permission, kind);
        assert!(
            own.starts_with(set.trim_end_matches('s')) || profile.admin_consent == Some(false),
            "GET {path} {scheme:?}: {}",
            first.permission
        );
        moved += 1;
    }
    assert!(moved > 0);
}
