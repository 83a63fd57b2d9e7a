//! Screens on the built-in catalog (every Graph permission): the details pane with API
//! calls, the API-call query and the basket's redundancy warning.

use super::screens::{render, screen};
use super::*;
use crate::catalog::DescriptionSource;
use crate::catalog::graph::{Scheme, calls_in, least_by_model, privilege_level};
use crate::tui::draw::WARNING;

fn builtin() -> App {
    App::new(Catalog::builtin(), PermissionType::Delegated, ScopeForm::Short, 100, 30)
}

#[test]
fn details_pane_shows_level_least_count_and_api_calls() {
    let mut app = builtin();
    type_text(&mut app, "mailboxsettings.read");
    let name = "MailboxSettings.Read";
    assert_eq!(app.highlighted().map(|p| p.name.as_str()), Some(name));
    insta::assert_snapshot!(render(&app).backend());
    let text = screen(&app);
    let scheme = Scheme::DelegatedWork;
    let calls = calls_in(name, scheme).count();
    let least = least_by_model(name, scheme);
    let level = privilege_level(name, scheme).unwrap();
    let summary = format!("Level {level}/5 · least privileged for {least} of {calls} calls");
    assert!(text.contains(&summary), "{summary}:\n{text}");
    assert!(text.contains("API: GET /me/mailboxsettings"), "{text}");
}

/// The details pane's text, its rows joined by spaces as the words were wrapped.
fn detail_text(app: &App) -> String {
    let area = app.areas().unwrap().detail;
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (area.y + 1..area.bottom() - 1)
        .map(|y| {
            let row: String =
                (area.x + 1..area.right() - 1).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect();
    rows.join(" ")
}

#[test]
fn details_pane_says_whose_words_the_description_is() {
    // The Intrexx page's words, labelled, and the project's note where they
    // read wider, whole in the regular and the wide layout.
    let note = crate::catalog::graph::note_for("Mail.Send", PermissionType::Delegated).unwrap();
    for (width, height) in [(100, 30), (120, 35)] {
        let mut app = App::new(
            Catalog::builtin(),
            PermissionType::Delegated,
            ScopeForm::Short,
            width,
            height,
        );
        type_text(&mut app, "mail.send");
        assert_eq!(app.highlighted().map(|p| p.name.as_str()), Some("Mail.Send"));
        let detail = detail_text(&app);
        assert!(detail.contains("Intrexx page: Send emails under a different user name"));
        assert!(detail.contains(&format!("Note: {}", note.text)), "{width}x{height}: {detail}");
    }
    let mut app = builtin();
    type_text(&mut app, "mail.send");
    let text = screen(&app);
    assert!(text.contains("│Intrexx page: Send emails under a different user"), "{text}");
    // Text scopepick wrote from the facts is not repeated: the lines below say it.
    run(&mut app, &[Command::ClearFilter]);
    type_text(&mut app, "mail.send.shared");
    let shared = app.highlighted().unwrap();
    assert_eq!(shared.name, "Mail.Send.Shared");
    assert_eq!(shared.description_source, DescriptionSource::Scopepick);
    assert!(!screen(&app).contains(&format!("scopepick: {}", shared.description)));
    // After an import, Microsoft's words say so.
    let mut catalog = Catalog::builtin();
    let at = catalog.permissions.iter().position(|p| p.name == "Mail.Send").unwrap();
    catalog.permissions[at].description = "Allows the app to send mail as users".into();
    catalog.permissions[at].description_source = DescriptionSource::Microsoft;
    let mut app = App::new(catalog, PermissionType::Delegated, ScopeForm::Short, 100, 30);
    type_text(&mut app, "mail.send");
    let text = screen(&app);
    assert!(text.contains("│Microsoft: Allows the app to send mail as users"), "{text}");
}

#[test]
fn the_builtin_catalog_shows_every_row_and_no_empty_description() {
    let app = builtin();
    let all = crate::catalog::Catalog::builtin().len();
    assert_eq!(app.hits().len(), all);
    let text = screen(&app);
    assert!(text.contains(&crate::text::counted(all, "permission")), "{text}");
    assert!(app.catalog.permissions.iter().all(|p| !p.description.trim().is_empty()));
}

#[test]
fn a_query_with_a_method_and_a_path_lists_the_permissions_of_that_call() {
    let mut app = builtin();
    type_text(&mut app, "GET /me/events");
    let names: Vec<&str> = app
        .hits()
        .iter()
        .map(|h| &app.catalog.permissions[h.index()])
        .filter(|p| p.kind == PermissionType::Delegated)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(&names[..3], ["Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"]);
    let mut app = builtin();
    type_text(&mut app, "/me/sendMail");
    let names: Vec<&str> =
        app.hits().iter().map(|h| app.catalog.permissions[h.index()].name.as_str()).collect();
    assert_eq!(names, ["Mail.Send"], "Delegated only: /me needs a signed-in user");
    let mut app = builtin();
    type_text(&mut app, "/users/{id}/sendMail");
    let names: Vec<&str> =
        app.hits().iter().map(|h| app.catalog.permissions[h.index()].name.as_str()).collect();
    assert_eq!(names, ["Mail.Send", "Mail.Send"], "both types");
}

#[test]
fn the_basket_warns_when_a_broader_row_of_the_family_is_chosen() {
    let mut app = builtin();
    add(&mut app, &["files.read", "files.readwrite"]);
    let basket: Vec<&str> =
        app.basket.iter().map(|&i| app.catalog.permissions[i].name.as_str()).collect();
    assert_eq!(basket, ["Files.Read", "Files.ReadWrite"]);
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let text = screen(&app);
    let line =
        text.lines().find(|l| l.contains("⚠ redundant beside Files.ReadWrite")).expect(&text);
    assert!(line.contains("Files.Read"), "{line}");
    let y = text.lines().position(|l| l.contains("⚠ redundant beside")).unwrap() as u16;
    let x = (0..buffer.area.width).find(|&x| buffer[(x, y)].symbol() == "⚠").unwrap();
    assert_eq!(buffer[(x, y)].fg, WARNING.fg.unwrap());
    // Rows the Intrexx page both lists are not flagged in the basket.
    let mut app = builtin();
    add(&mut app, &["chat.readbasic", "chat.readwrite"]);
    assert!(!screen(&app).contains("⚠ redundant beside"));
}

#[test]
fn a_term_no_row_knows_is_named_in_the_filter_line_and_left_out() {
    let mut app = builtin();
    type_text(&mut app, "mail verschickenx");
    let text = screen(&app);
    assert!(text.contains("without “verschickenx”"), "{text}");
    assert!(!app.hits().is_empty());
    assert_eq!(app.ignored_terms(), ["verschickenx"]);
    let delete = Command::Edit(crate::tui::action::Edit::DeletePrevChar);
    run(&mut app, &vec![delete; "verschickenx".len()]);
    assert!(app.ignored_terms().is_empty());
    assert!(!screen(&app).contains("without"), "{}", screen(&app));
}

#[test]
fn the_details_pane_shows_a_permissions_note() {
    let mut app = builtin();
    type_text(&mut app, "Teamwork.Migrate.All");
    let text = screen(&app);
    assert!(text.contains("Note: Microsoft supports it only for migrating"), "{text}");
}
