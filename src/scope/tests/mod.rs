mod peers;

use super::*;
use crate::catalog::{Catalog, Cloud, Permission, PermissionType};
use PermissionType::{Application as A, Delegated as D};
use proptest::prelude::*;

fn pick<'a>(catalog: &'a Catalog, rows: &[(&str, PermissionType)]) -> Vec<&'a Permission> {
    rows.iter().map(|(n, k)| catalog.find(n, *k).unwrap()).collect()
}

fn built(rows: &[(&str, PermissionType)], mode: PermissionType, style: ScopeForm) -> BuildOutput {
    let catalog = Catalog::embedded();
    build(&pick(&catalog, rows), mode, style, Cloud::Global)
}

#[test]
fn delegated_short_sorts_graph_names_then_openid() {
    let out = built(
        &[("Calendars.Read", D), ("offline_access", D), ("Mail.Send", D)],
        D,
        ScopeForm::Short,
    );
    assert_eq!(out.scope, "Calendars.Read Mail.Send offline_access");
}

#[test]
fn sort_ignores_case_and_openid_scopes_are_alphabetical_at_the_end() {
    let rows = [
        ("profile", D),
        ("email", D),
        ("Team.Create", D),
        ("ChannelMessage.Send", D),
        ("Chat.Read", D),
    ];
    let out = built(&rows, D, ScopeForm::Short);
    assert_eq!(out.scope, "ChannelMessage.Send Chat.Read Team.Create email profile");
}

#[test]
fn qualified_prefixes_graph_names_but_never_openid_scopes() {
    let out = built(&[("profile", D), ("Chat.Read", D)], D, ScopeForm::Qualified);
    assert_eq!(out.scope, "https://graph.microsoft.com/Chat.Read profile");
}

#[test]
fn default_style_in_application_mode_is_only_dot_default() {
    let out = built(&[("Sites.Read.All", A), ("User.Read.All", A)], A, ScopeForm::Default);
    assert_eq!(out.scope, GRAPH_DEFAULT);
    assert!(!out.diagnostics.iter().any(|d| matches!(d, Diagnostic::AppOnlyNeedsDefault { .. })));
}

#[test]
fn default_style_in_delegated_mode_keeps_selected_openid_scopes() {
    let out =
        built(&[("offline_access", D), ("Chat.Read", D), ("profile", D)], D, ScopeForm::Default);
    assert_eq!(out.scope, "https://graph.microsoft.com/.default offline_access profile");
}

#[test]
fn rows_of_the_other_type_are_left_out_and_reported() {
    let out = built(
        &[("Chat.Read.All", A), ("Chat.Read", D), ("offline_access", D)],
        D,
        ScopeForm::Short,
    );
    assert_eq!(out.scope, "Chat.Read offline_access");
    assert_eq!(out.diagnostics[0], Diagnostic::LeftOut { name: "Chat.Read.All".into(), kind: A });
    let out_app = built(&[("Chat.Read", D)], A, ScopeForm::Short);
    assert_eq!(
        out_app.diagnostics[1].to_string(),
        "Chat.Read is a Delegated permission: not part of an Application scope string"
    );
    assert_eq!(
        out.diagnostics[0].to_string(),
        "Chat.Read.All is an Application permission: not part of a Delegated scope string"
    );
}

#[test]
fn duplicates_are_dropped() {
    let out =
        built(&[("Chat.Read", D), ("Chat.Read", D), ("offline_access", D)], D, ScopeForm::Short);
    assert_eq!(out.scope, "Chat.Read offline_access");
    assert_eq!(out.included.len(), 2);
}

#[test]
fn delegated_without_offline_access_warns_about_refresh_tokens() {
    let out = built(&[("Chat.Read", D)], D, ScopeForm::Short);
    assert!(out.diagnostics.contains(&Diagnostic::NoRefreshToken));
    let out = built(&[("Chat.Read", D), ("offline_access", D)], D, ScopeForm::Short);
    assert!(!out.diagnostics.contains(&Diagnostic::NoRefreshToken));
}

#[test]
fn application_with_named_scopes_warns_about_client_credentials() {
    for style in [ScopeForm::Short, ScopeForm::Qualified] {
        let out = built(&[("User.Read.All", A)], A, style);
        let warning =
            out.diagnostics.iter().find(|d| matches!(d, Diagnostic::AppOnlyNeedsDefault { .. }));
        assert_eq!(warning.map(Diagnostic::severity), Some(Severity::Error), "{style}");
        assert!(warning.unwrap().to_string().contains("AADSTS1002012"));
    }
}

#[test]
fn admin_consent_is_counted() {
    let rows = [("Channel.Create", D), ("Chat.Read", D), ("TeamMember.ReadWrite.All", D)];
    let out = built(&rows, D, ScopeForm::Short);
    assert!(out.diagnostics.contains(&Diagnostic::AdminConsent { count: 2, total: 3 }));
    assert!(
        out.diagnostics.iter().any(|d| d.to_string()
            == "2 of 3 need admin consent: a tenant administrator must grant them")
    );
}

#[test]
fn a_permission_next_to_one_that_covers_it_is_named() {
    let rows = [
        ("Chat.ReadBasic", D),
        ("Chat.ReadWrite", D),
        ("Calendars.Read", D),
        ("Calendars.ReadWrite", D),
    ];
    let out = built(&rows, D, ScopeForm::Short);
    let redundant: Vec<_> =
        out.diagnostics.iter().filter(|d| matches!(d, Diagnostic::Redundant { .. })).collect();
    let mut said: Vec<String> = redundant.iter().map(ToString::to_string).collect();
    said.sort();
    assert_eq!(
        said,
        [
            "Calendars.Read beside Calendars.ReadWrite: both listed by the Intrexx page",
            "Chat.ReadBasic beside Chat.ReadWrite: both listed by the Intrexx page",
        ]
    );
    let builtin = Catalog::builtin();
    let mail = pick(&builtin, &[("Mail.Read", D), ("Mail.ReadWrite", D), ("offline_access", D)]);
    let out = build(&mail, D, ScopeForm::Short, Cloud::Global);
    let said: Vec<String> = out.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        said.contains(&"Mail.Read beside Mail.ReadWrite is usually redundant (Microsoft's map lists 20 calls only for Mail.Read)".to_string()),
        "{said:?}"
    );
    // Another reach is not redundant: Calendars.Read.Shared reads others' calendars.
    let out =
        built(&[("Calendars.Read.Shared", D), ("Calendars.ReadWrite", D)], D, ScopeForm::Short);
    assert!(!out.diagnostics.iter().any(|d| matches!(d, Diagnostic::Redundant { .. })));
}

#[test]
fn nothing_of_the_mode_gives_an_empty_string() {
    let out = built(&[("User.Read.All", A)], D, ScopeForm::Short);
    assert_eq!(out.scope, "");
    assert_eq!(out.diagnostics[0], Diagnostic::Empty { mode: D });
}

#[test]
fn style_cycles() {
    assert_eq!(ScopeForm::Short.next(), ScopeForm::Qualified);
    assert_eq!(ScopeForm::Default.next(), ScopeForm::Short);
}

const GRAPH_DEFAULT: &str = "https://graph.microsoft.com/.default";

fn checked(text: &str, mode: PermissionType) -> CheckReport {
    check(text, mode, None, &Catalog::embedded())
}

#[test]
fn clean_string_has_no_problems() {
    let report = checked("Calendars.Read Mail.Send offline_access", D);
    assert!(report.is_clean(), "{:?}", report.problems);
    assert_eq!(report.fixed, None);
    assert_eq!(report.tokens.len(), 3);
}

#[test]
fn comma_and_casing_are_named_and_fixed() {
    let report = checked("Calendars.Read,Mail.Send Profile", D);
    let messages: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        ["a comma after 'Calendars.Read': separate scopes with single spaces (AADSTS70011)",]
    );
    assert!(
        report
            .notes
            .contains(&Diagnostic::Casing { given: "Profile".into(), correct: "profile".into() })
    );
    assert_eq!(report.fixed.as_deref(), Some("Calendars.Read Mail.Send profile"));
}

#[test]
fn every_kind_of_bad_separator_is_reported() {
    let cases = [
        ("Chat.Read;Mail.Send", SeparatorKind::Semicolon),
        ("Chat.Read\tMail.Send", SeparatorKind::Tab),
        ("Chat.Read\nMail.Send", SeparatorKind::LineBreak),
        ("Chat.Read\r\nMail.Send", SeparatorKind::LineBreak),
        ("Chat.Read\u{a0}Mail.Send", SeparatorKind::OtherWhitespace),
        ("Chat.Read , Mail.Send", SeparatorKind::Comma),
    ];
    for (text, kind) in cases {
        let report = checked(text, D);
        assert_eq!(
            report.problems,
            [Problem::Separator { after: Some("Chat.Read".into()), kind, trailing: false }],
            "{text:?}"
        );
        assert_eq!(report.fixed.as_deref(), Some("Chat.Read Mail.Send"), "{text:?}");
    }
}

#[test]
fn leading_and_trailing_separators_are_reported() {
    let report = checked(" Chat.Read,", D);
    assert_eq!(report.problems.len(), 1);
    assert_eq!(
        report.problems[0].to_string(),
        "a comma after the last scope 'Chat.Read': remove it"
    );
    assert!(report.notes.contains(&Diagnostic::ExtraSpaces), "a leading space is only a note");
    assert_eq!(report.fixed.as_deref(), Some("Chat.Read"));
    let report = checked("\tChat.Read", D);
    assert_eq!(report.problems[0].to_string(), "a tab before the first scope: remove it");
}

#[test]
fn dot_default_mixed_with_named_graph_scopes_has_no_sure_fix() {
    let report = checked("https://graph.microsoft.com/.default Sites.Read.All", D);
    assert_eq!(report.problems, [Problem::MixedDefault { default: GRAPH_DEFAULT.into() }]);
    assert_eq!(report.fixed, None);
    // OpenID scopes may stand beside .default.
    assert!(checked("https://graph.microsoft.com/.default offline_access openid", D).is_clean());
}

#[test]
fn unknown_names_get_did_you_mean() {
    let report = checked("Mail.Sned offline_access", D);
    assert_eq!(
        report.problems[0].to_string(),
        "unknown permission 'Mail.Sned' (did you mean 'Mail.Send'?)"
    );
    assert_eq!(report.fixed, None);
    assert_eq!(
        report.tokens[0].status,
        TokenStatus::Unknown { suggestion: Some("Mail.Send".into()) }
    );
    let report = checked("User.Read offline_access", D);
    let message = report.problems[0].to_string();
    assert!(
        message.contains("'User.Read.All', is broader") && !message.contains("did you mean"),
        "a broader near miss is never a bare suggestion: {message}"
    );
}

#[test]
fn duplicates_count_across_short_and_qualified_forms() {
    let report = checked("Chat.Read https://graph.microsoft.com/Chat.Read offline_access", D);
    assert!(report.is_clean(), "{:?}", report.problems);
    assert!(report.notes.contains(&Diagnostic::Duplicate {
        given: "https://graph.microsoft.com/Chat.Read".into()
    }));
    assert_eq!(report.fixed.as_deref(), Some("Chat.Read offline_access"));
}

#[test]
fn other_resources_are_accepted_unchecked_with_a_note() {
    let report = checked("api://contoso.com/intrexx/Files.Access offline_access", D);
    assert_eq!(report.tokens[0].status, TokenStatus::OtherResource);
    assert!(report.is_clean(), "{:?}", report.problems);
    assert!(
        report
            .notes
            .contains(&Diagnostic::NotChecked { resource: "api://contoso.com/intrexx".into() })
    );
}

#[test]
fn types_are_checked_against_the_mode() {
    let report = checked("Chat.Read.All offline_access", D);
    assert_eq!(
        report.problems,
        [Problem::WrongType {
            name: "Chat.Read.All".into(),
            counterpart: Some("Chat.Read".into())
        }]
    );
    assert!(report.problems[0].to_string().contains("AADSTS650053"));
    assert_eq!(report.fixed.as_deref(), Some("Chat.Read offline_access"));
    assert!(report.notes.contains(&Diagnostic::Narrowed {
        name: "Chat.Read.All".into(),
        counterpart: "Chat.Read".into()
    }));
    let report = checked("Chat.Read", A);
    assert_eq!(report.problems, [Problem::AppOnlyNamed { fix: Some(GRAPH_DEFAULT.into()) }]);
    // Names that exist in both types are fine in either mode.
    assert!(checked("Sites.Read.All offline_access", D).is_clean());
    assert!(checked("https://graph.microsoft.com/.default", A).is_clean());
}

#[test]
fn openid_scopes_are_never_prefixed_and_always_known() {
    let report = checked("https://graph.microsoft.com/offline_access openid", D);
    assert_eq!(
        report.problems,
        [Problem::PrefixedOpenId {
            given: "https://graph.microsoft.com/offline_access".into(),
            correct: "offline_access".into()
        }]
    );
    assert_eq!(report.fixed.as_deref(), Some("offline_access openid"));
}

#[test]
fn bare_and_miscased_dot_default_are_fixed() {
    let report = checked(".default", A);
    assert_eq!(report.problems, [Problem::BareDefault { correct: GRAPH_DEFAULT.into() }]);
    assert_eq!(report.fixed.as_deref(), Some(GRAPH_DEFAULT));
    let report = checked("HTTPS://Graph.Microsoft.com/.DEFAULT", A);
    assert!(report.is_clean(), "casing is a note: {:?}", report.problems);
    assert_eq!(report.fixed.as_deref(), Some(GRAPH_DEFAULT));
}

#[test]
fn empty_input_is_a_problem() {
    assert_eq!(checked("  ", D).problems, [Problem::Empty]);
    assert_eq!(checked("", D).fixed, None);
}

#[test]
fn notes_explain_refresh_tokens_consent_and_app_only() {
    let report = checked("Chat.Read Channel.Create", D);
    assert!(report.notes.contains(&Diagnostic::NoRefreshToken));
    assert!(report.notes.contains(&Diagnostic::AdminConsent { count: 1, total: 2 }));
    let report = checked("User.Read.All", A);
    assert!(report.problems[0].to_string().contains("AADSTS1002012"));
}

/// The embedded catalog plus rows the full Graph catalog has: the
/// mail-protocol names (Graph permissions, Exchange Online scopes in a
/// string) and the four OpenID scopes.
fn catalog_with_mail_and_openid() -> Catalog {
    let mut catalog = Catalog::embedded();
    for (name, kind) in [
        ("IMAP.AccessAsUser.All", D),
        ("SMTP.Send", D),
        ("EWS.AccessAsUser.All", D),
        ("IMAP.AccessAsApp", A),
        ("full_access_as_app", A),
    ] {
        let mut row = catalog.permissions[0].clone();
        row.name = name.into();
        row.kind = kind;
        row.admin_consent = kind == A;
        catalog.permissions.push(row);
    }
    for name in crate::catalog::OPENID_SCOPES {
        if catalog.rows_named(name).is_empty() {
            catalog.permissions.push(crate::catalog::openid_permission(name).unwrap().clone());
        }
    }
    catalog
}

fn any_selection() -> impl Strategy<Value = (Vec<usize>, PermissionType, ScopeForm, Cloud)> {
    (
        proptest::collection::vec(0..45usize, 0..20),
        prop_oneof![Just(D), Just(A)],
        prop_oneof![Just(ScopeForm::Short), Just(ScopeForm::Qualified), Just(ScopeForm::Default)],
        prop_oneof![Just(Cloud::Global), Just(Cloud::UsGov), Just(Cloud::Dod), Just(Cloud::China)],
    )
}

/// For every Application-only name N of the built-in catalog, `N
/// offline_access` is a user sign-in: guessed Delegated, a problem naming
/// AADSTS650053, fixed to the Delegated counterpart or without N.
#[test]
fn every_application_only_name_beside_offline_access_is_a_failing_sign_in() {
    let catalog = Catalog::builtin();
    let mut failures = Vec::new();
    for p in &catalog.permissions {
        if p.kind != A || catalog.find(&p.name, D).is_some() || p.is_openid() {
            continue;
        }
        let text = format!("{} offline_access", p.name);
        let guess = guess_mode(&text, &catalog);
        let report = check(&text, guess.mode, None, &catalog);
        let fixed = report.fixed.as_deref().unwrap_or_default();
        let ok = guess.mode == D
            && matches!(report.problems.as_slice(), [Problem::WrongType { .. }])
            && report.problems[0].to_string().contains("AADSTS650053")
            && fixed.ends_with("offline_access")
            && !fixed.contains(&p.name)
            && check(fixed, D, None, &catalog).is_clean();
        if !ok {
            failures.push(format!("{text}: {guess}, {:?}, fixed {fixed:?}", report.problems));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `s` with its spaces written as a URL writes them.
fn url_forms(s: &str) -> [String; 2] {
    [s.replace(' ', "+"), s.replace(' ', "%20")]
}

proptest! {
    #[test]
    fn build_output_checks_the_same_with_spaces_written_as_in_a_url(
        (rows, mode, style, cloud) in any_selection()
    ) {
        let catalog = catalog_with_mail_and_openid();
        let selection: Vec<&Permission> =
            rows.iter().filter_map(|&i| catalog.permissions.get(i)).collect();
        let out = build(&selection, mode, style, cloud);
        prop_assume!(out.scope.contains(' '));
        let plain = check(&out.scope, mode, Some(cloud), &catalog);
        for encoded in url_forms(&out.scope) {
            let report = check(&encoded, mode, Some(cloud), &catalog);
            let first_is_url = matches!(report.problems.first(), Some(Problem::UrlEncoded { .. }));
            prop_assert!(first_is_url, "{}: {:?}", encoded, report.problems);
            prop_assert_eq!(&report.problems[1..], plain.problems.as_slice(), "{}", encoded);
            prop_assert_eq!(&report.tokens, &plain.tokens);
            let fixed = plain.fixed.clone().unwrap_or(out.scope.clone());
            prop_assert_eq!(report.fixed.as_deref(), Some(fixed.as_str()));
        }
    }

    #[test]
    fn build_output_checks_clean_in_its_mode_style_and_cloud(
        (rows, mode, style, cloud) in any_selection()
    ) {
        let catalog = catalog_with_mail_and_openid();
        let selection: Vec<&Permission> =
            rows.iter().filter_map(|&i| catalog.permissions.get(i)).collect();
        let out = build(&selection, mode, style, cloud);
        if out.scope.is_empty() {
            return Ok(());
        }
        let report = check(&out.scope, mode, Some(cloud), &catalog);
        if mode == A && style != ScopeForm::Default {
            // Printed as asked, but client credentials reject it (AADSTS1002012).
            prop_assert!(
                matches!(report.problems.as_slice(), [Problem::AppOnlyNamed { fix: Some(_) }]),
                "{} -> {:?}", out.scope, report.problems
            );
        } else {
            prop_assert!(report.is_clean(), "{} -> {:?}", out.scope, report.problems);
            prop_assert_eq!(report.fixed, None, "{} needs no normalising", out.scope);
        }
        prop_assert!(!out.scope.contains("  ") && !out.scope.starts_with(' ') && !out.scope.ends_with(' '));
    }

    #[test]
    fn check_never_panics_and_fixes_are_clean(text in "\\PC{0,80}", delegated in any::<bool>()) {
        let mode = if delegated { D } else { A };
        let catalog = Catalog::embedded();
        let report = check(&text, mode, None, &catalog);
        if let Some(fixed) = report.fixed {
            let again = check(&fixed, mode, None, &catalog);
            prop_assert!(again.is_clean(), "{text:?} -> {fixed:?} -> {:?}", again.problems);
        }
    }
}
