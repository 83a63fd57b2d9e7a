use super::paths::matching_paths;
use super::*;
use crate::catalog::load::validate;
use crate::catalog::{Catalog, IntrexxRole, PermissionType};
use crate::choice::Choice;
use PermissionType::{Application as A, Delegated as D};

const KNOWN_FACTS: &str = include_str!("../../../tests/fixtures/known-facts.tsv");

#[test]
fn builtin_rows_match_the_fixture_of_known_facts() {
    let catalog = Catalog::builtin();
    let mut checked = 0;
    for f in crate::tsv::rows(KNOWN_FACTS, 5).expect("known-facts.tsv").into_iter().skip(1) {
        let kind: PermissionType = f[1].parse().unwrap();
        let p = catalog.find(f[0], kind).unwrap_or_else(|| panic!("{} ({kind}) missing", f[0]));
        assert_eq!(p.name, f[0], "official casing");
        assert_eq!(p.id, f[2], "{} ({kind}) GUID", f[0]);
        assert_eq!(p.admin_consent, f[3] == "yes", "{} ({kind}) admin consent", f[0]);
        assert_eq!(p.intrexx.map_or("-", IntrexxRole::key), f[4], "{} ({kind}) role", f[0]);
        checked += 1;
    }
    assert!(checked >= 22, "{checked} facts checked");
}

#[test]
fn builtin_counts_are_those_of_the_service_principal() {
    let catalog = builtin_catalog();
    let count = |f: &dyn Fn(&crate::catalog::Permission) -> bool| {
        catalog.permissions.iter().filter(|p| f(p)).count()
    };
    assert_eq!(catalog.len(), 1519);
    assert_eq!(builtin_len(), 1519);
    assert_eq!(count(&|p| p.kind == D), 805);
    assert_eq!(count(&|p| p.kind == A), 714);
    assert_eq!(count(&|p| p.admin_consent), 1366);
    assert_eq!(
        count(&|p| p.kind == A && !p.admin_consent),
        0,
        "Application always needs admin consent"
    );
    validate(&catalog, "built in").unwrap();
}

#[test]
fn the_36_intrexx_rows_keep_their_roles_and_descriptions() {
    let seed = Catalog::embedded();
    let builtin = Catalog::builtin();
    assert_eq!(seed.len(), 36);
    for s in &seed.permissions {
        let b = builtin.find(&s.name, s.kind).unwrap();
        assert_eq!(
            (&b.name, &b.id, b.admin_consent, b.intrexx),
            (&s.name, &s.id, s.admin_consent, s.intrexx)
        );
        assert_eq!(b.description, s.description);
    }
    assert_eq!(builtin.permissions.iter().filter(|p| p.intrexx.is_some()).count(), 36);
}

#[test]
fn every_description_is_written_and_none_is_empty() {
    let catalog = Catalog::builtin();
    assert!(catalog.permissions.iter().all(|p| !p.description.trim().is_empty()));
    let basic = catalog.find("Calendars.ReadBasic", D).unwrap();
    assert_eq!(basic.description, "GET /me/events +62 more · least privileged for 62 calls");
    for p in catalog.permissions.iter().filter(|p| p.kind == A) {
        let cited = p.description.split_whitespace().nth(1).unwrap_or("");
        assert!(!is_me_path(cited), "{}: {}", p.name, p.description);
    }
    let send = catalog.find("Mail.Send", A).unwrap();
    assert!(send.description.starts_with("POST /users/{id}/"), "{}", send.description);
    let openid = catalog.find("openid", D).unwrap();
    assert!(openid.description.starts_with("OpenID Connect"), "{}", openid.description);
}

#[test]
fn calls_levels_and_least_counts_come_from_the_map() {
    let send: Vec<Call> = calls_in("Mail.Send", Scheme::DelegatedWork).collect();
    assert!(
        send.iter().any(|c| c.method == HttpMethod::Post && c.path == "/me/sendmail" && c.least)
    );
    assert_eq!(privilege_level("User.Read", Scheme::DelegatedWork), Some(2));
    assert_eq!(privilege_level("user.read", Scheme::DelegatedWork), Some(2), "ignores case");
    assert_eq!(privilege_level("No.Such.Permission", Scheme::Application), None);
    assert!(least_by_model("Mail.Send", Scheme::Application) > 0);
    assert_eq!(calls_of("openid").count(), 0);
}

#[test]
fn the_privilege_order_puts_least_then_level_then_pattern_then_name() {
    let rank = |name, least| PrivilegeRank::new(name, Scheme::DelegatedWork, least);
    assert!(
        rank("Calendars.ReadWrite", true) < rank("Calendars.Read", false),
        "Microsoft's flag first"
    );
    assert!(rank("Calendars.ReadBasic", true) < rank("Calendars.ReadWrite", true));
    let mut names =
        ["Sites.FullControl.All", "Sites.Read.All", "Sites.Manage.All", "Sites.ReadWrite.All"];
    names.sort_by_key(|n| rank(n, false));
    assert_eq!(names[0], "Sites.Read.All");
    // The name pattern decides between equal levels; .All is wider than the plain scope.
    let (a, b) = (
        PrivilegeRank::new("X.Read", Scheme::Application, false),
        PrivilegeRank::new("X.Read.All", Scheme::Application, false),
    );
    assert!(a < b);
    let (a, b) = (
        PrivilegeRank::new("X.ReadBasic.All", Scheme::Application, false),
        PrivilegeRank::new("X.Read", Scheme::Application, false),
    );
    assert!(a < b);
    assert!(
        PrivilegeRank::new("X.Manage", Scheme::Application, false)
            < PrivilegeRank::new("X.FullControl", Scheme::Application, false)
    );
    assert!(
        PrivilegeRank::new("A.Send", Scheme::Application, false)
            < PrivilegeRank::new("B.Send", Scheme::Application, false)
    );
}

#[test]
fn a_call_set_holds_exactly_the_calls_of_its_permission() {
    let set = CallSet::of("Mail.Send", Scheme::DelegatedWork);
    assert!(set.allows(HttpMethod::Post, "/me/sendmail"));
    assert!(!set.allows(HttpMethod::Get, "/me/sendmail"));
    assert!(!set.allows(HttpMethod::Post, "/no/such/path"));
    assert!(!CallSet::of("openid", Scheme::DelegatedWork).allows(HttpMethod::Get, "/me"));
}

/// (method, path as typed, expected template, a permission that must be listed)
const PATH_CASES: &[(Option<HttpMethod>, &str, &str, &str)] = &[
    (Some(HttpMethod::Post), "/me/sendMail", "/me/sendmail", "Mail.Send"),
    (Some(HttpMethod::Get), "/me/events", "/me/events", "Calendars.ReadBasic"),
    (
        Some(HttpMethod::Get),
        "/users/48d31887-5fad-4d73-a9f5-3c356e68a038/messages",
        "/users/{id}/messages",
        "Mail.ReadBasic",
    ),
    (
        Some(HttpMethod::Get),
        "/USERS/48d31887-5fad-4d73-a9f5-3c356e68a038/Messages/",
        "/users/{id}/messages",
        "Mail.Read",
    ),
    (Some(HttpMethod::Get), "/v1.0/me/events", "/me/events", "Calendars.Read"),
    (
        Some(HttpMethod::Get),
        "/beta/me/events?$top=5&$select=subject",
        "/me/events",
        "Calendars.Read",
    ),
    (
        Some(HttpMethod::Get),
        "https://graph.microsoft.com/v1.0/me/events#x",
        "/me/events",
        "Calendars.Read",
    ),
    (Some(HttpMethod::Get), "me/events", "/me/events", "Calendars.Read"),
    (Some(HttpMethod::Get), "//me//events//", "/me/events", "Calendars.Read"),
    (None, "/me/sendmail", "/me/sendmail", "Mail.Send"),
    (Some(HttpMethod::Get), "/users/delta", "/users/delta", "User.Read.All"),
    (Some(HttpMethod::Get), "/users/{id}", "/users/{id}", "User.Read.All"),
];

#[test]
fn api_paths_match_templates() {
    for &(method, typed, template, permission) in PATH_CASES {
        let found = lookup(method, typed, None).unwrap_or_else(|e| panic!("{typed}: {e}"));
        assert_eq!(found.templates, [template], "{typed}");
        assert!(found.calls.iter().any(|c| c.permission == permission), "{typed}: {permission}");
        assert!(method.is_none_or(|m| found.calls.iter().all(|c| c.method == m)));
    }
}

#[test]
fn lookups_rank_least_privileged_first_and_filter_the_scheme() {
    let found = lookup(Some(HttpMethod::Get), "/me/events", Some(Scheme::DelegatedWork)).unwrap();
    let names: Vec<&str> = found.calls.iter().map(|c| c.permission).collect();
    assert_eq!(names[0], "Calendars.ReadBasic");
    assert!(found.calls.iter().all(|c| c.scheme == Scheme::DelegatedWork));
    let ranks: Vec<PrivilegeRank> = found.calls.iter().map(PrivilegeRank::of_call).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
    let all = lookup(None, "/me/sendMail", None).unwrap();
    assert!(all.calls.iter().any(|c| c.scheme == Scheme::Application));
    assert_eq!(
        lookup(Some(HttpMethod::Post), "/me/sendMail", Some(Scheme::Application)).unwrap().calls[0]
            .permission,
        "Mail.Send"
    );
}

#[test]
fn unknown_paths_suggest_the_nearest_known_ones() {
    let err = lookup(None, "/me/sendmial", None).unwrap_err();
    assert!(err.templates.is_empty());
    assert!(err.suggestions.contains(&"/me/sendmail"), "{:?}", err.suggestions);
    assert!(err.to_string().contains("did you mean"), "{err}");
    let err = lookup(Some(HttpMethod::Delete), "/me/sendMail", None).unwrap_err();
    assert_eq!(err.templates, ["/me/sendmail"]);
    assert!(err.to_string().contains("DELETE /me/sendMail"), "{err}");
}

#[test]
fn normalizing_strips_host_version_query_and_slashes() {
    let cases = [
        ("https://graph.microsoft.com/v1.0/me/events?$top=1", "/me/events"),
        ("/BETA/users/", "/users"),
        ("", "/"),
        ("/v1.0", "/"),
        ("me", "/me"),
    ];
    for (typed, expected) in cases {
        assert_eq!(normalize_path(typed), expected, "{typed}");
    }
}

#[test]
fn any_input_is_answered_without_panicking() {
    let long = format!("/users/{}/messages", "x".repeat(100_000));
    assert!(lookup(None, &long, None).is_err());
    assert!(matching_paths(&"/a".repeat(50_000)).is_empty());
    for odd in [
        "httpé://x",
        "/üsers/{id}",
        "/me/€vents",
        "/reports/getEmailActivityCounts(period='D7')",
        "/",
        "",
    ] {
        let _ = lookup(None, odd, None);
    }
    let found = lookup(None, "/reports/getEmailActivityCounts(period='D7')", None).unwrap();
    assert_eq!(found.templates, ["/reports/getemailactivitycounts(period={value})"]);
}

#[test]
fn path_words_point_at_the_least_privileged_permission() {
    let has = |name: &str, word: &str| path_words(name).any(|w| w == word);
    assert!(has("AuditLog.Read.All", "signins"));
    assert!(has("auditlog.read.all", "signins"), "names ignore case");
    assert!(has("Team.ReadBasic.All", "joinedteams"));
    for word in ["pagetemplates", "page", "templates"] {
        assert!(has("Sites.Read.All", word), "a camel segment gives each word and the whole");
    }
    for name in ["User.Read", "Mail.Read", "Group.Read.All"] {
        assert!(!has(name, "me") && !has(name, "users"), "{name}: a word of many says nothing");
    }
    assert_eq!(path_words("No.Such.Name").count(), 0);
    for word in data::NAMES.iter().flat_map(|name| path_words(name)) {
        assert!(!word.is_empty() && word == word.to_ascii_lowercase(), "{word:?}");
        assert!(!word.contains(['{', '(', '=', '$', '.']), "{word}: a parameter or function");
    }
}
