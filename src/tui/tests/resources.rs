//! A row of another resource than Graph in the picker: listed with its
//! marker, its resource named in the details, picked, built, and kept
//! through the session file.

use super::screens::screen;
use super::*;
use crate::catalog::Resource;
use crate::saved::Session;
use crate::tui::options::Options;
use crate::tui::start::{LastSession, start_app};
use PermissionType::Application;

const EXCHANGE_DEFAULT: &str = "https://outlook.office365.com/.default";

#[test]
fn an_exchange_app_role_is_listed_picked_built_and_restored_from_the_session() {
    let mut app = App::new(Catalog::builtin(), Application, ScopeForm::Default, 160, 40);
    type_text(&mut app, "imap.accessasapp");
    let p = app.highlighted().expect("the built-in catalog lists it");
    assert_eq!(
        (p.name.as_str(), p.kind, p.resource),
        ("IMAP.AccessAsApp", Application, Resource::ExchangeOnline)
    );
    let text = screen(&app);
    assert!(text.contains("[Exchange] IMAP access"), "the table marks it:\n{text}");
    assert!(text.contains("Resource: Office 365 Exchange Online"), "the details name it:\n{text}");
    assert!(text.contains("New-ServicePrincipal"), "and its note:\n{text}");

    run(&mut app, &[Command::ToggleDown, Command::ClearFilter]);
    assert_eq!(app.scope(), EXCHANGE_DEFAULT);

    // The session file keeps the resource; a restart restores the same row.
    let json = serde_json::to_string(&app.session()).unwrap();
    assert!(json.contains(r#""resource":"exchange_online""#), "{json}");
    let session: Session = serde_json::from_str(&json).unwrap();
    let size = (160, 40);
    let last = LastSession::Found(session);
    let restored = start_app(Catalog::builtin(), "test".into(), &Options::default(), size, last);
    let rows: Vec<_> = restored.basket.iter().map(|&i| &restored.catalog.permissions[i]).collect();
    assert_eq!(rows.len(), 1);
    let row = (rows[0].name.as_str(), rows[0].resource);
    assert_eq!(row, ("IMAP.AccessAsApp", Resource::ExchangeOnline));
    assert_eq!(restored.mode, Application);
    assert_eq!(restored.scope(), EXCHANGE_DEFAULT);
}
