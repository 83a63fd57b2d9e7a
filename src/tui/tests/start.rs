//! The first state: options, the last session and `--scopes`, by one rule.

use crate::catalog::{Catalog, PermissionType};
use crate::saved::{SavedPermission, Session};
use crate::scope::ScopeForm;
use crate::tui::options::{Options, StartBasket};
use crate::tui::start::{LastSession, start_app};
use PermissionType::{Application, Delegated};

fn session() -> Session {
    Session {
        mode: Application,
        style: ScopeForm::Qualified,
        application_style: None,
        basket: vec![SavedPermission::graph("Sites.Read.All", Application)],
    }
}

fn start(options: &Options, last: LastSession) -> crate::tui::app::App {
    start_app(Catalog::embedded(), "test".into(), options, (100, 30), last)
}

#[test]
fn a_session_in_application_mode_keeps_the_delegated_style_for_the_switch_back() {
    let app = start(&Options::default(), LastSession::Found(session()));
    assert_eq!((app.mode, app.style), (Application, ScopeForm::Default));
    assert_eq!(app.other_style, ScopeForm::Qualified, "the Delegated style is not lost");
    assert_eq!(app.basket.len(), 1);
    assert!(app.status.as_ref().is_some_and(|s| s.text.contains("Restored the last session")));
}

#[test]
fn the_command_line_wins_over_the_session() {
    let options = Options { mode: Some(Delegated), ..Options::default() };
    let app = start(&options, LastSession::Found(session()));
    assert_eq!((app.mode, app.style), (Delegated, ScopeForm::Qualified));
    assert_eq!(app.other_style, ScopeForm::Default);
    let options = Options { style: Some(ScopeForm::Short), ..Options::default() };
    let app = start(&options, LastSession::Found(session()));
    assert_eq!((app.mode, app.style), (Application, ScopeForm::Short));
}

#[test]
fn fresh_ignores_the_session_and_a_damaged_one_is_named() {
    let options = Options { basket: StartBasket::Empty, ..Options::default() };
    let app = start(&options, LastSession::Found(session()));
    assert!(app.basket.is_empty());
    assert_eq!((app.mode, app.style), (Delegated, ScopeForm::Short));
    let damaged =
        LastSession::Damaged { error: "bad".into(), kept_as: "/x/session.json.damaged".into() };
    let app = start(&Options::default(), damaged);
    let status = app.status.expect("the damage is said");
    assert!(status.is_error && status.text.contains("/x/session.json.damaged"), "{status:?}");
}

#[test]
fn scopes_set_the_basket_mode_and_style() {
    let basket = StartBasket::Scopes("https://graph.microsoft.com/.default".into());
    let app = start(&Options { basket, ..Options::default() }, LastSession::Found(session()));
    assert_eq!((app.mode, app.style), (Application, ScopeForm::Default));
    assert!(app.basket.is_empty(), ".default names no row");
}

#[test]
fn scopes_against_a_preset_are_audited_on_the_status_line() {
    let field = "openid offline_access Chat.Read Files.Read.All";
    let basket = StartBasket::Scopes(field.into());
    let options = Options {
        basket,
        mode: Some(Delegated),
        against: Some(crate::presets::Preset::Intrexx),
        ..Options::default()
    };
    let app = start(&options, LastSession::None);
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    let preset = crate::presets::Preset::Intrexx.rows(&app.catalog, Delegated);
    let set: Vec<_> = preset.iter().map(|&i| &app.catalog.permissions[i]).collect();
    let audit = crate::audit::audit_scopes(&set, field, Delegated, &app.catalog).unwrap();
    assert!(!audit.audit.missing.is_empty(), "the field lacks rows of the preset");
    assert!(status.contains("the field fails (1 problem: unknown permission"), "{status}");
    assert!(
        status.starts_with(&format!("Against preset intrexx: {}; Loaded ", audit.summary())),
        "{status}"
    );
    let plain = start(&Options { against: None, ..options }, LastSession::None);
    let status = plain.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.starts_with("Loaded "), "{status}");
}

/// `--scopes` is read as a paste is: an Application-only name in a user
/// sign-in is loaded as its Delegated counterpart, and the sign-in error
/// the string as given would get is said.
#[test]
fn scopes_load_the_corrected_string_and_say_what_check_finds() {
    let basket = StartBasket::Scopes("Chat.Read.All offline_access".into());
    let app = start(&Options { basket, ..Options::default() }, LastSession::None);
    assert_eq!(app.mode, Delegated);
    let names: Vec<(&str, PermissionType)> = app
        .basket
        .iter()
        .map(|&i| (app.catalog.permissions[i].name.as_str(), app.catalog.permissions[i].kind))
        .collect();
    assert_eq!(names, [("Chat.Read", Delegated), ("offline_access", Delegated)]);
    let status = app.status.expect("what check finds is said");
    assert!(status.is_error, "{status:?}");
    assert!(status.text.contains("AADSTS650053"), "{}", status.text);
    assert!(status.text.contains("from the corrected --scopes string"), "{}", status.text);
    // With --mode delegated too; a name with no Delegated counterpart is left out, and said.
    let basket = StartBasket::Scopes("Chat.Read.All Group.Create offline_access".into());
    let options = Options { basket, mode: Some(Delegated), ..Options::default() };
    let app = start(&options, LastSession::None);
    let names: Vec<&str> =
        app.basket.iter().map(|&i| app.catalog.permissions[i].name.as_str()).collect();
    assert_eq!(names, ["Chat.Read", "offline_access"]);
    let status = app.status.expect("what check finds is said");
    assert!(status.is_error && status.text.contains("Group.Create"), "{}", status.text);
}
