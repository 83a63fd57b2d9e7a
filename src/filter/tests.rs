//! Tests of the parent module.
use super::*;
use std::cmp::Ordering;

fn tie_break(a: &Permission, b: &Permission) -> Ordering {
    pass::tie_key(a).cmp(&pass::tie_key(b))
}

fn names(catalog: &Catalog, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            let p = &catalog.permissions[h.index()];
            format!("{} {}", p.name, p.kind)
        })
        .collect()
}

#[test]
fn empty_query_keeps_catalog_order() {
    let catalog = Catalog::embedded();
    let hits = FuzzyFilter::default().filter(&catalog, &Criteria::default()).hits;
    assert_eq!(hits.len(), 36);
    assert!(hits.iter().enumerate().all(|(i, h)| h.index() == i && h.score == 0));
}

#[test]
fn terms_are_anded_and_names_rank_first() {
    let catalog = Catalog::embedded();
    let criteria = Criteria { query: "chat read".into(), ..Criteria::default() };
    let hits = FuzzyFilter::default().filter(&catalog, &criteria).hits;
    let found = names(&catalog, &hits);
    assert!(found[..3].iter().all(|n| n.starts_with("Chat.Read")), "{found:?}");
    assert!(!found.iter().any(|n| n.starts_with("Mail.Send")), "{found:?}");
    let apps = Criteria { mode: PermissionType::Application, ..criteria };
    let found = names(&catalog, &FuzzyFilter::default().filter(&catalog, &apps).hits);
    assert_eq!(found[0], "Chat.Read.All Application", "{found:?}");
    assert!(
        found.iter().skip_while(|n| n.ends_with("Application")).all(|n| n.ends_with("Delegated"))
    );
}

#[test]
fn matches_descriptions_too() {
    let catalog = Catalog::embedded();
    let criteria = Criteria { query: "presence information".into(), ..Criteria::default() };
    let found = names(&catalog, &FuzzyFilter::default().filter(&catalog, &criteria).hits);
    assert!(found.contains(&"Presence.Read Delegated".to_string()), "{found:?}");
}

#[test]
fn exact_filters_combine_with_the_query() {
    let catalog = Catalog::embedded();
    let filter = FuzzyFilter::default();
    let apps = Criteria { kind: Some(PermissionType::Application), ..Criteria::default() };
    assert_eq!(filter.filter(&catalog, &apps).hits.len(), 13);
    let optional = Criteria { intrexx: Some(IntrexxRole::Optional), ..Criteria::default() };
    assert_eq!(filter.filter(&catalog, &optional).hits.len(), 4);
    let delegated_admin = Criteria {
        kind: Some(PermissionType::Delegated),
        admin_consent: Some(Consent::Needed),
        ..Criteria::default()
    };
    let found = names(&catalog, &filter.filter(&catalog, &delegated_admin).hits);
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn ties_follow_the_privilege_order() {
    let catalog = Catalog::builtin();
    let row = |name: &str| {
        let i = catalog
            .rows_named(name)
            .into_iter()
            .find(|&i| catalog.permissions[i].kind == PermissionType::Delegated);
        &catalog.permissions[i.expect(name)]
    };
    let least_first = [("User.ReadBasic.All", "User.Read.All"), ("Mail.Read", "Mail.ReadWrite")];
    for (less, more) in least_first {
        assert_eq!(tie_break(row(less), row(more)), Ordering::Less, "{less} before {more}");
        assert_eq!(tie_break(row(more), row(less)), Ordering::Greater, "{more} after {less}");
    }
}

/// Calendars.Read and Calendars.ReadWrite tie on `calendars`; the model puts
/// the Read first in both types, though Microsoft gives the Application
/// Read a higher level than the ReadWrite.
#[test]
fn a_tie_between_read_and_readwrite_puts_the_read_first() {
    let catalog = Catalog::builtin();
    for mode in [PermissionType::Delegated, PermissionType::Application] {
        let criteria = Criteria { query: "calendars".into(), mode, ..Criteria::default() };
        let hits = FuzzyFilter::default().filter(&catalog, &criteria).hits;
        let at = |name: &str| {
            let found = hits.iter().position(|h| {
                let p = &catalog.permissions[h.index()];
                p.name == name && p.kind == mode
            });
            found.unwrap_or_else(|| panic!("{name} {mode:?} found"))
        };
        let (read, read_write) = (at("Calendars.Read"), at("Calendars.ReadWrite"));
        assert_eq!(hits[read].score, hits[read_write].score, "{mode:?}: a tie");
        assert!(read < read_write, "{mode:?}: Read before ReadWrite");
    }
}

/// A compound no name has both halves of finds the rows of the half it
/// knows, rather than nothing.
#[test]
fn a_compound_no_row_matches_whole_matches_by_one_half() {
    let catalog = Catalog::builtin();
    let criteria = Criteria { query: "kalenderwoche".into(), ..Criteria::default() };
    let found = names(&catalog, &FuzzyFilter::default().filter(&catalog, &criteria).hits);
    assert!(!found.is_empty());
    assert!(found.iter().all(|n| n.starts_with("Calendars.")), "{found:?}");
    assert!(found[0].starts_with("Calendars.ReadBasic"), "least privileged first: {found:?}");
}

/// A family's word ranks the family itself above families it narrows
/// with a hyphen, and a dotted term that starts a name above one found
/// inside another name.
#[test]
fn the_family_itself_comes_before_narrowed_ones() {
    let catalog = Catalog::builtin();
    let first = |query: &str| {
        let criteria = Criteria { query: query.into(), ..Criteria::default() };
        names(&catalog, &FuzzyFilter::default().filter(&catalog, &criteria).hits)[0].clone()
    };
    assert!(first("group").starts_with("Group."), "{}", first("group"));
    assert!(first("groupmember.read").starts_with("GroupMember."), "{}", first("groupmember.read"));
}

#[test]
fn ties_are_broken_by_name_then_type() {
    let catalog = Catalog::embedded();
    let criteria = Criteria { query: "Team.Create".into(), ..Criteria::default() };
    let found = names(&catalog, &FuzzyFilter::default().filter(&catalog, &criteria).hits);
    assert_eq!(found[..2], ["Team.Create Delegated", "Team.Create Application"]);
}

#[test]
fn a_query_spelling_the_name_wins_and_shorter_names_win_ties() {
    let json = r#"{"name":"t","permissions":[
        {"name":"User-ConvertToInternal.ReadWrite.All","type":"Delegated","description":"d","admin_consent":true,"id":"550e695c-7511-40f4-ac79-e8fb9c82552d"},
        {"name":"User.ReadWrite.All","type":"Delegated","description":"d","admin_consent":true,"id":"204e0828-b5ca-4ad8-b9f3-f32a958e7cc4"},
        {"name":"User.Read.All","type":"Delegated","description":"d","admin_consent":true,"id":"a154be20-db9c-4678-8ab7-66f6cc099a59"}]}"#;
    let catalog = crate::catalog::parse_catalog(json, "t").unwrap();
    let filter = FuzzyFilter::default();
    for query in ["user read all", "user.read.all", "User.Read.All"] {
        let criteria = Criteria { query: query.into(), ..Criteria::default() };
        let found = names(&catalog, &filter.filter(&catalog, &criteria).hits);
        assert_eq!(found[0], "User.Read.All Delegated", "{query}");
    }
    let words = |q: &str| Query::new(q).words;
    assert!(spells_name("offline_access", &words("offline access")));
    assert!(!spells_name("User.Read.All", &words("user read")));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever the query, rows of the mode come first, each block is
    /// ordered by score and then by the tie-break, and the CLI's
    /// one-shot filter equals the picker's search.
    #[test]
    fn the_mode_comes_first_then_score_then_tie_break(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "mail", "read", "kalender", "sign", "in", "usr.read", "teams", "c", "all",
                "gruppen", "write", "the", "sharepoint", "chanel", "zz", "files",
            ]),
            1..4,
        ),
        application in proptest::bool::ANY,
    ) {
        let catalog = crate::test_support::graph_catalog();
        let mode = if application { PermissionType::Application } else { PermissionType::Delegated };
        let criteria = Criteria { query: words.join(" "), mode, ..Criteria::default() };
        let hits = FuzzyFilter::default().filter(&catalog, &criteria).hits;
        let own = |h: &Hit| catalog.permissions[h.index()].kind == mode;
        proptest::prop_assert!(hits.iter().skip_while(|h| own(h)).all(|h| !own(h)));
        for pair in hits.windows(2).filter(|w| own(&w[0]) == own(&w[1])) {
            let (a, b) = (&catalog.permissions[pair[0].index()], &catalog.permissions[pair[1].index()]);
            proptest::prop_assert!(
                pair[0].score > pair[1].score
                    || (pair[0].score == pair[1].score && tie_break(a, b) != Ordering::Greater)
            );
        }
    }
}

#[test]
fn a_term_no_row_matches_is_dropped_when_nothing_is_found() {
    let catalog = crate::test_support::graph_catalog();
    let filter = FuzzyFilter::default();
    let found =
        |q: &str| filter.filter(&catalog, &Criteria { query: q.into(), ..Criteria::default() });
    let mail = found("mail");
    let relaxed = found("mail verschickenx");
    assert_eq!(relaxed.ignored, ["verschickenx"]);
    assert_eq!(relaxed.hits, mail.hits, "the same rows as without the unknown term");
    assert!(found("mail send").ignored.is_empty(), "nothing dropped when rows are found");
    let paste = found("mail qq1 qq2 qq3 qq4 qq5 qq6");
    assert!(paste.hits.is_empty() && paste.ignored.is_empty(), "a paste is not relaxed");
    let none = found("zzqx qqzx");
    assert!(none.hits.is_empty() && none.ignored.is_empty(), "not every term is dropped");
    // Terms some rows match, never together: the rows matching the most
    // terms, and the top row's missing term named.
    let apart = found("presence bookings");
    let (presence, bookings) = (found("presence").hits, found("bookings").hits);
    assert_eq!(apart.hits.len(), presence.len() + bookings.len(), "{:?}", apart.ignored);
    let top = &catalog.permissions[apart.hits[0].index()].name;
    let missing = if top.starts_with("Presence") { "bookings" } else { "presence" };
    assert_eq!(apart.ignored, [missing], "{top}");
    // Only rows the filters admit count.
    let apps = Criteria {
        query: "send zzqx".into(),
        kind: Some(PermissionType::Application),
        ..Criteria::default()
    };
    let app = filter.filter(&catalog, &apps);
    assert_eq!(app.ignored, ["zzqx"]);
    assert!(
        app.hits.iter().all(|h| catalog.permissions[h.index()].kind == PermissionType::Application)
    );
}

#[test]
fn rank_orders_plain_texts() {
    let filter = FuzzyFilter::default();
    let texts = ["acme-prod", "contoso", "acme-test"];
    assert_eq!(filter.rank(texts.iter().copied(), ""), [0, 1, 2]);
    assert_eq!(filter.rank(texts.iter().copied(), "acme test"), [2]);
    assert_eq!(filter.rank(texts.iter().copied(), "acme")[..2].len(), 2);
}

#[test]
fn suggestions_for_typos_and_fragments() {
    let catalog = Catalog::embedded();
    assert_eq!(suggest(&catalog, "Mail.Sned").as_deref(), Some("Mail.Send"));
    assert_eq!(suggest(&catalog, "calendar.read").as_deref(), Some("Calendars.Read"));
    assert_eq!(suggest(&catalog, "TeamMember").as_deref(), Some("TeamMember.ReadWrite.All"));
    assert_eq!(suggest(&catalog, "qqqqqqqqqqqq"), None);
    let graph = Catalog::builtin();
    for (given, meant) in [
        ("Team.ReadBasic", "Team.ReadBasic.All"),
        ("Sites.Read", "Sites.Read.All"),
        ("sites.read", "Sites.Read.All"),
        ("Mail.Sned", "Mail.Send"),
        ("Directory.Read", "Directory.Read.All"),
    ] {
        assert_eq!(suggest(&graph, given).as_deref(), Some(meant), "{given}");
    }
}

#[test]
fn an_extra_everyday_word_never_empties_the_result() {
    let catalog = crate::test_support::graph_catalog();
    let filter = FuzzyFilter::default();
    let found =
        |q: &str| filter.filter(&catalog, &Criteria { query: q.into(), ..Criteria::default() });
    let shared = found("shared mailbox");
    let top3: Vec<&str> =
        shared.hits.iter().take(3).map(|h| catalog.permissions[h.index()].name.as_str()).collect();
    assert!(top3.iter().any(|n| n.starts_with("Mail.") && n.ends_with(".Shared")), "{top3:?}");
    // Never a row matching fewer terms while rows matching more exist:
    // `send` and `mail` match together, so `zzqx` alone is left out.
    let two = found("send mail zzqx");
    assert_eq!(two.hits, found("send mail").hits);
    assert_eq!(two.ignored, ["zzqx"]);
}

/// The everyday vocabulary, one row a query: a permission the query must
/// put among its first three names (English and German, compounds included).
#[test]
fn everyday_words_find_their_permission_in_the_top_3() {
    let catalog = crate::test_support::graph_catalog();
    let filter = FuzzyFilter::default();
    let rows = [
        ("shared mailbox", "Mail.Read.Shared"),
        ("anmeldeprotokoll", "AuditLog.Read.All"),
        ("aktualisierungstoken", "offline_access"),
        ("chatnachrichten", "Chat.Read"),
        ("automatische antworten", "MailboxSettings.ReadWrite"),
        ("abwesenheitsnotiz", "MailboxSettings.ReadWrite"),
        ("profilbild", "ProfilePhoto.Read.All"),
        ("sicherheitswarnungen", "SecurityAlert.Read.All"),
        ("besprechungsräume", "Place.Read.All"),
        ("meeting rooms", "Place.Read.All"),
        ("enterprise apps", "Application.Read.All"),
        ("recovery keys", "BitlockerKey.Read.All"),
        ("conditional access", "Policy.Read.ConditionalAccess"),
        ("unternehmensanwendungen", "Application.Read.All"),
        ("anhänge", "Mail.Read"),
        ("einladungen", "Calendars.Read"),
        ("konferenzraum", "Place.Read.All"),
        ("telefonbuch", "Contacts.Read"),
        ("direct message", "Chat.Read"),
        ("teams meeting", "OnlineMeetings.Read"),
        ("webinar", "VirtualEvent.Read"),
        ("aufzeichnungen", "OnlineMeetingRecording.Read.All"),
        ("sicherheitsgruppe", "Group.Read.All"),
        ("share point", "Sites.Read.All"),
        ("kollegen", "User.ReadBasic.All"),
        ("lizenzen", "LicenseAssignment.Read.All"),
        ("rollen", "RoleManagement.Read.Directory"),
        ("mfa", "UserAuthenticationMethod.Read"),
        ("autopilot", "DeviceManagementServiceConfig.Read.All"),
        ("vorfälle", "SecurityIncident.Read.All"),
        ("verschlüsselung", "BitlockerKey.ReadBasic.All"),
        ("reservierungen", "Bookings.Read.All"),
        ("nutzungsstatistiken", "Reports.Read.All"),
    ];
    let mut missed = Vec::new();
    for (query, wanted) in rows {
        let hits =
            filter.filter(&catalog, &Criteria { query: query.into(), ..Criteria::default() }).hits;
        let mut names: Vec<&str> = Vec::new();
        for h in &hits {
            let name = catalog.permissions[h.index()].name.as_str();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        if !names.iter().take(3).any(|n| *n == wanted) {
            missed.push(format!("{query} → {:?}", &names[..names.len().min(3)]));
        }
    }
    assert!(missed.is_empty(), "{missed:?}");
}

#[test]
fn a_phrase_with_an_extra_word_keeps_the_phrase_rows() {
    let catalog = crate::test_support::graph_catalog();
    let filter = FuzzyFilter::default();
    let query = |q: &str| Criteria { query: q.into(), ..Criteria::default() };
    let found = filter.filter(&catalog, &query("sign in activity"));
    assert!(!found.hits.is_empty());
    assert_eq!(found.ignored, ["activity"]);
    let phrase = filter.filter(&catalog, &query("sign in")).hits;
    assert!(found.hits.iter().all(|h| phrase.iter().any(|p| p.index() == h.index())));
}
