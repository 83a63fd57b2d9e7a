//! The picker and `scopepick list` rank identically: for every query and
//! mode, `list --query Q --mode M` prints the rows in the order the picker
//! shows them in mode M, on the built-in Graph catalog; `list` without
//! `--mode` ranks as Delegated.

use scopepick::catalog::{AuthMode, Catalog};
use scopepick::scope::ScopeForm;
use scopepick::tui::action::{Action, Command as PickerCommand, Edit};
use scopepick::tui::app::App;
use std::process::Command;

/// Queries of every kind: names, words, vocabulary (English, German),
/// phrases, typos, stopwords, single letters, a compound matched by one
/// half, a dotted name start.
const QUERIES: &[&str] = &[
    "c",
    "mail",
    "send mail",
    "read the calendar",
    "sharepoint",
    "kalender lesen",
    "gruppenmitglieder",
    "sign in",
    "usr.read",
    "chanelmessage",
    "Sites.Read.All",
    "group members",
    "zzzz",
    "kalenderwoche",
    "groupmember.read",
    "share point",
];

/// `name type` of each row `list` prints.
fn listed(query: &str, mode: Option<&str>) -> Vec<String> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scopepick"));
    command.args(["--catalog", "builtin", "list", "--format", "tsv", "--query", query]);
    if let Some(mode) = mode {
        command.args(["--mode", mode]);
    }
    let out = command.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().skip(1).map(|l| l.split('\t').take(2).collect::<Vec<_>>().join(" ")).collect()
}

/// `name type` of each row the picker shows after typing `query` (a typo
/// corrected first, then the query's keys as the runner hands a burst over:
/// the first key, then the rest together, which ends where typing each key
/// alone does, a unit test shows) in Delegated, then after switching to
/// Application.
fn picked(catalog: &Catalog, query: &str) -> (Vec<String>, Vec<String>) {
    let mut app = App::new(catalog.clone(), AuthMode::Delegated, ScopeForm::Short, 160, 48);
    app.update(Action::Type('x'));
    app.update(Action::Command(PickerCommand::Edit(Edit::DeletePrevChar)));
    let mut keys = query.chars();
    if let Some(first) = keys.next() {
        app.update(Action::Type(first));
    }
    if !keys.as_str().is_empty() {
        app.update(Action::Typed(keys.as_str().into()));
    }
    let shown = |app: &App| -> Vec<String> {
        app.hits()
            .iter()
            .map(|h| {
                let p = &catalog.permissions[h.index()];
                format!("{} {}", p.name, p.kind.label())
            })
            .collect()
    };
    let delegated = shown(&app);
    app.update(Action::Command(PickerCommand::SwitchMode));
    (delegated, shown(&app))
}

/// API-call queries: a path, a method and a path, a partly typed path.
const API_QUERIES: &[&str] =
    &["/me/events", "GET /me/events", "GET /users", "POST /me/sendMail", "/me/eve"];

/// Asserts that `list` prints the picker's rows for `query` in each mode and
/// as Delegated without `--mode`; returns the (Delegated, Application) rows.
fn same_order(catalog: &Catalog, query: &str) -> (Vec<String>, Vec<String>) {
    let (delegated, application) = picked(catalog, query);
    assert_eq!(listed(query, Some("delegated")), delegated, "{query} delegated");
    assert_eq!(listed(query, Some("application")), application, "{query} application");
    (delegated, application)
}

#[test]
fn list_prints_the_pickers_order_for_api_calls() {
    let catalog = Catalog::builtin();
    for query in API_QUERIES {
        let (delegated, _) = same_order(&catalog, query);
        assert!(!delegated.is_empty(), "{query} finds the rows that allow the call");
    }
    let events = listed("GET /me/events", None);
    assert_eq!(events[0], "Calendars.ReadBasic Delegated", "least privileged first: {events:?}");
    let users = listed("GET /users", Some("application"));
    assert!(users[0].ends_with("Application"), "the mode's rows first: {users:?}");
}

#[test]
fn list_prints_the_pickers_order_in_each_mode() {
    let catalog = Catalog::builtin();
    // The mode defaults before any query is read, so one query shows it.
    assert_eq!(listed("mail", None), listed("mail", Some("delegated")), "the default is Delegated");
    for query in QUERIES {
        let (delegated, application) = same_order(&catalog, query);
        if !delegated.is_empty() {
            let own = |rows: &[String], label: &str| {
                let first_other =
                    rows.iter().position(|r| !r.ends_with(label)).unwrap_or(rows.len());
                rows[first_other..].iter().all(|r| !r.ends_with(label))
            };
            assert!(own(&delegated, "Delegated"), "{query}: Delegated rows first");
            assert!(own(&application, "Application"), "{query}: Application rows first");
        }
    }
}
