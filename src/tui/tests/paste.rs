//! The picker's paste through the real `update`: a scope string is checked
//! and loaded corrected, a block of calls offers its minimal basket, words
//! go into the search; Esc leaves everything as it was.

use super::*;
use crate::calls::basket::minimal;
use crate::calls::distinct;
use crate::calls::extract::calls_in;
use crate::catalog::graph::Scheme;
use crate::scope::{TokenStatus, check, guess_mode};
use crate::tui::action::Status;
use crate::tui::keymap::Focus;
use crate::tui::modal::Modal;
use PermissionType::{Application, Delegated};

/// A fresh app on the built-in catalog (every Graph permission), Delegated, short.
fn builtin() -> App {
    App::new(Catalog::builtin(), Delegated, ScopeForm::Short, 120, 35)
}

/// The open question's text.
fn question(app: &App) -> String {
    match &app.modal {
        Some(Modal::Confirm(confirm)) => confirm.question.clone(),
        other => panic!("a question, not {other:?}"),
    }
}

fn status(app: &App) -> String {
    app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
}

/// (name, type) of each basket row, in basket order.
fn basket(app: &App) -> Vec<(String, PermissionType)> {
    let rows = app.basket.iter().map(|&i| &app.catalog.permissions[i]);
    rows.map(|p| (p.name.clone(), p.kind)).collect()
}

/// Everything a paste that is answered "no" must leave as it was.
fn state(app: &App) -> (Vec<usize>, String, PermissionType, ScopeForm, Option<Status>) {
    (app.basket.clone(), app.query().to_string(), app.mode, app.style, app.status.clone())
}

/// The names a checked string asks for, lowercase and sorted.
fn names_of(text: &str, app: &App) -> Vec<String> {
    let mode = guess_mode(text, &app.catalog).mode;
    let report = check(text, mode, None, &app.catalog);
    let mut names: Vec<String> = report
        .tokens
        .iter()
        .filter_map(|t| match &t.status {
            TokenStatus::Known { name, .. } => Some(name.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The basket's names, lowercase and sorted.
fn basket_names(app: &App) -> Vec<String> {
    let mut names: Vec<String> = basket(app).into_iter().map(|(n, _)| n.to_lowercase()).collect();
    names.sort();
    names
}

#[test]
fn a_typo_names_its_did_you_mean_and_the_known_names_load() {
    let mut app = builtin();
    app.update(Action::Paste("Mail.Sned Calendars.Read".into()));
    assert_eq!(app.query(), "", "not a search");
    let did_you_mean = "unknown permission 'Mail.Sned' (did you mean 'Mail.Send'?)";
    assert!(status(&app).contains(did_you_mean), "{}", status(&app));
    assert!(question(&app).contains(did_you_mean), "{}", question(&app));
    assert!(question(&app).starts_with("Load 1 permission into the basket?"), "{}", question(&app));
    run(&mut app, &[Command::Yes]);
    assert_eq!(basket(&app), [("Calendars.Read".to_string(), Delegated)], "never the guess");
    let loaded = status(&app);
    assert!(loaded.starts_with("Loaded 1 permission from the pasted string"), "{loaded}");
    let named = "not loaded: Mail.Sned (did you mean 'Mail.Send'?)";
    assert!(loaded.contains(named), "still named: {loaded}");
}

#[test]
fn a_field_that_fails_at_sign_in_says_why_and_loads_checks_corrected_string() {
    let text = "Calendars.Read Chat.Read, offline_access Profile";
    let mut app = builtin();
    app.update(Action::Paste(text.into()));
    let said = status(&app);
    assert!(said.contains("a comma after 'Chat.Read'") && said.contains("(AADSTS70011)"), "{said}");
    assert!(said.contains("'Profile' is written 'profile' officially"), "{said}");
    assert!(app.status.as_ref().unwrap().is_error, "the field fails at sign-in");
    assert!(
        question(&app).starts_with("Load 4 permissions into the basket from the corrected string?")
    );
    run(&mut app, &[Command::Yes]);
    let loaded = status(&app);
    assert!(loaded.starts_with("Loaded 4 permissions from the corrected string"), "{loaded}");
    let fixed = check(text, Delegated, None, &app.catalog).fixed.expect("check fixes it");
    assert_eq!(basket_names(&app), names_of(&fixed, &app));
    let mut built: Vec<&str> = app.scope().split(' ').collect();
    let mut expected: Vec<&str> = fixed.split(' ').collect();
    built.sort_unstable();
    expected.sort_unstable();
    assert_eq!(built, expected, "the picker's string is check's corrected one");
}

#[test]
fn duplicates_are_said_and_loaded_once() {
    let mut app = builtin();
    app.update(Action::Paste("Chat.Read chat.read offline_access".into()));
    assert!(status(&app).contains("'chat.read' appears more than once"), "{}", status(&app));
    run(&mut app, &[Command::Yes]);
    assert_eq!(app.basket.len(), 2);
}

/// Issue 30's cases, pasted: the question says check's problem, and what
/// loads builds check's corrected string (the names it asks for).
#[test]
fn the_verdicts_cases_load_what_check_corrects_them_to() {
    let cases = [
        ("Calendars.Read Calendars.Read.All offline_access", "AADSTS650053"),
        ("Chat.Read.All offline_access", "AADSTS650053"),
        ("Group.Create Chat.Read offline_access", "no Delegated counterpart: remove it"),
        ("https://graph.microsoft.com/User.Read/", "ends in a slash"),
        ("User.Read+offline_access", "written as in a URL"),
        ("User.Read%20offline_access", "written as in a URL"),
        ("http://graph.microsoft.com/User.Read offline_access", "https, no port"),
        ("https://graph.microsoft.com:443/User.Read offline_access", "https, no port"),
    ];
    for (text, problem) in cases {
        let mut app = builtin();
        app.update(Action::Paste(text.into()));
        assert!(question(&app).contains(problem), "{text}: {}", question(&app));
        assert!(status(&app).contains(problem), "{text}: {}", status(&app));
        run(&mut app, &[Command::Yes]);
        let fixed = check(text, Delegated, None, &app.catalog).fixed.expect(text);
        assert_eq!(basket_names(&app), names_of(&fixed, &app), "{text} → {fixed}");
        assert!(
            basket(&app).iter().all(|(_, kind)| *kind == Delegated),
            "{text}: {:?}",
            basket(&app)
        );
        assert_eq!(app.mode, Delegated, "{text}");
    }
}

#[test]
fn a_closed_or_retiring_host_is_named_and_its_scope_not_loaded() {
    let mut app = builtin();
    app.update(Action::Paste("https://graph.windows.net/User.Read offline_access".into()));
    assert!(
        status(&app).contains("Azure AD Graph, which Microsoft is retiring"),
        "{}",
        status(&app)
    );
    assert!(
        question(&app).contains("not in the catalog in use: https://graph.windows.net/User.Read")
    );
    run(&mut app, &[Command::Yes]);
    assert_eq!(basket(&app), [("offline_access".to_string(), Delegated)]);
    let mut app = builtin();
    app.update(Action::Paste("https://graph.microsoft.de/User.Read offline_access".into()));
    assert!(status(&app).contains("Microsoft Cloud Germany, which has closed"), "{}", status(&app));
}

#[test]
fn an_application_field_loads_its_names_and_the_picker_writes_checks_dot_default() {
    let text = "AgentCollection.ReadWrite.ManagedBy AgentCard.ReadWrite.ManagedBy";
    let mut app = builtin();
    app.update(Action::Paste(text.into()));
    assert!(status(&app).contains("AADSTS1002012"), "{}", status(&app));
    run(&mut app, &[Command::Yes]);
    assert_eq!(app.mode, Application);
    assert_eq!(app.basket.len(), 2);
    let fixed = check(text, Application, None, &app.catalog).fixed.expect("check's fix");
    assert_eq!(app.scope(), fixed);
}

#[test]
fn a_string_of_unknown_names_only_loads_nothing_and_says_so() {
    let mut app = builtin();
    let before = state(&app);
    app.update(Action::Paste("Mail.Sned Calenders.Raed".into()));
    assert!(app.modal.is_none(), "nothing to ask");
    let said = app.status.clone().unwrap();
    assert!(said.is_error && said.text.starts_with("Nothing to load: "), "{said:?}");
    assert!(said.text.contains("(did you mean 'Mail.Send'?)"), "{said:?}");
    assert_eq!((app.basket.clone(), app.query().to_string()), (before.0, before.1));
}

#[test]
fn another_resources_scopes_are_never_called_clean() {
    let mut app = builtin();
    let text = "api://0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b/access_as_user offline_access";
    app.update(Action::Paste(text.into()));
    let said = status(&app);
    assert!(!said.contains("clean"), "{said}");
    assert!(said.contains("scopepick has no catalog for this resource"), "{said}");
    let mut app = App::new(Catalog::embedded(), Delegated, ScopeForm::Short, 100, 30);
    app.update(Action::Paste(
        "api://0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b/access_as_user openid".into(),
    ));
    let said = app.status.clone().unwrap();
    assert!(said.is_error && said.text.starts_with("Nothing to load: "), "{said:?}");
    assert!(said.text.contains("not in the catalog in use: api://"), "{said:?}");
    let mut app = builtin();
    app.update(Action::Paste("Chat.Read offline_access".into()));
    assert_eq!(app.status, Some(Status::info("check: a clean Delegated scope string")));
}

#[test]
fn no_to_a_pasted_field_leaves_everything_as_it_was() {
    let mut app = builtin();
    add(&mut app, &["Mail.Send"]);
    app.update(Action::Paste("Chat.Read.All offline_access".into()));
    let before = (app.basket.clone(), app.query().to_string(), app.mode, app.style);
    run(&mut app, &[Command::CloseModal]);
    assert_eq!(before, (app.basket.clone(), app.query().to_string(), app.mode, app.style));
    assert_eq!(app.focus(), Focus::List);
}

/// A developer's calls: two /me calls, a call by id, a repeat, one unknown.
const CALLS: &str = "GET https://graph.microsoft.com/v1.0/me/events?$top=5\n\
                     POST /me/sendMail\n\
                     GET https://graph.microsoft.com/v1.0/users/42/mailFolders/inbox/messages\n\
                     GET https://graph.microsoft.com/v1.0/groups/7/members\n\
                     GET https://graph.microsoft.com/v1.0/me/events?$top=50\n\
                     GET /v1.0/no/such/api\n";

/// The minimal basket `api --from` gives for [`CALLS`] in `mode`: its names
/// and the number of distinct calls.
fn api_basket(mode: PermissionType) -> (Vec<String>, usize) {
    let calls = distinct(&calls_in(CALLS));
    let basket = minimal(&calls, Scheme::of(mode, false));
    (basket.names().into_iter().map(String::from).collect(), calls.len())
}

#[test]
fn a_block_of_calls_offers_the_minimal_basket_of_the_mode() {
    let (names, calls) = api_basket(Delegated);
    let mut app = builtin();
    app.update(Action::Paste(CALLS.into()));
    assert_eq!(app.query(), "", "not a search");
    let asked = question(&app);
    let offer = format!(
        "Add the {} permissions these {calls} calls need (Delegated mode): {}?",
        names.len(),
        names.join(", ")
    );
    assert!(asked.starts_with(&offer), "{asked}\nexpected: {offer}");
    assert!(asked.contains("Allowed by nothing: GET /no/such/api."), "{asked}");
    run(&mut app, &[Command::Yes]);
    let added: Vec<String> = basket(&app).into_iter().map(|(n, _)| n).collect();
    assert_eq!(added, names);
    assert!(basket(&app).iter().all(|(_, kind)| *kind == Delegated));
    let text = format!("Added {} permissions for {calls} calls (Delegated mode)", names.len());
    assert_eq!(status(&app), text);
    // Pasted again: nothing new to add.
    app.update(Action::Paste(CALLS.into()));
    assert!(app.modal.is_none());
    assert!(status(&app).starts_with("The basket holds the "), "{}", status(&app));
}

#[test]
fn in_application_mode_me_calls_are_left_out_and_esc_changes_nothing() {
    let (names, calls) = api_basket(Application);
    let mut app = App::new(Catalog::builtin(), Application, ScopeForm::Default, 120, 35);
    add(&mut app, &["Sites.Read.All"]);
    let before = state(&app);
    app.update(Action::Paste(CALLS.into()));
    let asked = question(&app);
    assert!(
        asked.starts_with(&format!("Add the {} ", crate::text::counted(names.len(), "permission"))),
        "{asked}"
    );
    assert!(asked.contains(&format!("these {calls} calls need (Application mode)")), "{asked}");
    assert!(
        asked.contains(
            "Left out, /me needs a signed-in user, which an app-only token has not (call \
             /users/{id}/… instead): GET /me/events, POST /me/sendMail."
        ),
        "{asked}"
    );
    run(&mut app, &[Command::CloseModal]);
    assert_eq!(state(&app), before, "Esc leaves basket, filter, mode, style and status");
    app.update(Action::Paste(CALLS.into()));
    run(&mut app, &[Command::Yes]);
    let added: Vec<String> = basket(&app).into_iter().skip(1).map(|(n, _)| n).collect();
    assert_eq!(added, names);
}

#[test]
fn calls_nothing_allows_add_nothing_and_say_so() {
    let mut app = builtin();
    let before = state(&app);
    app.update(Action::Paste("GET /v1.0/no/such/api\nPOST /v1.0/nor/this/one".into()));
    assert!(app.modal.is_none());
    let said = app.status.clone().unwrap();
    assert!(said.is_error, "{said:?}");
    assert!(
        said.text.contains("allowed by nothing: GET /no/such/api, POST /nor/this/one"),
        "{said:?}"
    );
    assert_eq!(app.basket, before.0);
}

#[test]
fn one_call_alone_prose_and_words_go_into_the_search() {
    for text in
        ["GET /me/events", "The app reads /me and /users for the profile.", "shared mailbox"]
    {
        let mut app = builtin();
        app.update(Action::Paste(text.into()));
        assert!(app.modal.is_none(), "{text}");
        assert_eq!(app.query(), text);
    }
    let mut app = builtin();
    app.update(Action::Paste("GET /me/events".into()));
    let first = app.highlighted().map(|p| p.name.clone());
    assert_eq!(first.as_deref(), Some("Calendars.ReadBasic"), "the search answers the call");
}
