//! The full built-in catalog (1,519 rows) at 60, 80, 120 and 200 columns:
//! the name column fits the longest names on show (at 80 and 120 columns
//! with short type labels), names that must be cut are cut in the middle,
//! and the compact layout at 80x24 gives the table the room.

use super::screens::render;
use super::*;
use crate::catalog::Permission;
use crate::tui::draw::{ADMIN, DIMMED, HIGHLIGHT, MATCH};
use crate::tui::layout::Panes;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

fn builtin(width: u16, height: u16) -> App {
    App::new(Catalog::builtin(), PermissionType::Delegated, ScopeForm::Short, width, height)
}

/// The screen's rows as text.
fn rows(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// (name as shown, type) of the table rows whose name starts with `prefix`.
fn table_rows(screen: &[String], prefix: &str) -> Vec<(String, String)> {
    screen
        .iter()
        .filter(|l| l.contains(" Yes ") || l.contains(" No "))
        .filter_map(|l| {
            let mut words = l[l.find(prefix)?..].split_whitespace();
            Some((words.next()?.to_string(), words.next()?.to_string()))
        })
        .collect()
}

/// The longest names of the catalog: `TeamsAppInstallation.ReadWriteAndConsent…` (55 characters).
const LONGEST: &str = "teamsappinstallation.readwriteandconsent";

/// The text inside `area`'s border, its rows trimmed and joined: a name
/// broken over two rows reads whole.
fn inside(buffer: &Buffer, area: ratatui::layout::Rect) -> String {
    (area.y + 1..area.bottom() - 1)
        .map(|y| {
            let row: String =
                (area.x + 1..area.right() - 1).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect()
}

#[test]
fn the_longest_names_show_whole_at_80_and_120_columns_in_the_table_and_the_details() {
    let catalog = Catalog::builtin();
    let longest = catalog.permissions.iter().map(|p| p.name.width()).max().unwrap();
    let rows_of_longest: Vec<&Permission> =
        catalog.permissions.iter().filter(|p| p.name.width() == longest).collect();
    for p in &rows_of_longest {
        // One filter pass per name (pasted, not typed letter by letter), then
        // each size: the screens are the point here, not typing.
        let mut app = App::new(catalog.clone(), p.kind, ScopeForm::Short, 80, 24);
        app.update(Action::Paste(p.name.clone()));
        for (width, height) in [(80, 24), (120, 35), (200, 50)] {
            app.update(Action::Resize(width, height));
            assert_eq!(app.highlighted(), Some(*p), "{width}x{height}");
            let terminal = render(&app);
            let buffer = terminal.backend().buffer();
            let areas = app.areas().unwrap();
            let table = inside(buffer, areas.table);
            assert!(table.contains(&format!("{} ", p.name)), "{width}x{height}: {table}");
            if !areas.detail.is_empty() {
                let detail = inside(buffer, areas.detail);
                assert!(detail.starts_with(&p.name), "{width}x{height}: {detail}");
            }
        }
    }
    let mut app = builtin(80, 24);
    type_text(&mut app, LONGEST);
    let terminal = render(&app);
    insta::assert_snapshot!(terminal.backend());
    let screen = rows(terminal.backend().buffer());
    let rows = table_rows(&screen, "TeamsAppInstallation");
    assert_eq!(rows.len(), 12, "{screen:#?}");
    assert!(rows.iter().all(|(name, _)| !name.contains('…')), "{rows:#?}");
    // Short type labels keep the type's colour and tell the types apart.
    assert!(rows.iter().all(|(_, kind)| ["Del.", "App."].contains(&kind.as_str())), "{rows:#?}");
}

#[test]
fn names_longer_than_short_labels_make_room_for_are_cut_in_the_middle() {
    let mut app = builtin(60, 24);
    type_text(&mut app, LONGEST);
    let screen = rows(render(&app).backend().buffer());
    let rows = table_rows(&screen, "TeamsAppInstallation");
    assert!(rows.iter().all(|(name, _)| name.contains('…')), "{rows:#?}");
    assert!(rows.iter().all(|(_, kind)| ["Delegated", "Application"].contains(&kind.as_str())));
    let unique: std::collections::HashSet<_> = rows.iter().collect();
    assert_eq!(unique.len(), rows.len(), "no two rows look the same: {rows:#?}");
}

#[test]
fn the_longest_names_at_120_columns_keep_what_tells_them_apart() {
    let mut app = builtin(120, 40);
    type_text(&mut app, "agentcollection.readwrite");
    let terminal = render(&app);
    insta::assert_snapshot!(terminal.backend());
    let screen = rows(terminal.backend().buffer());
    let shown = table_rows(&screen, "AgentCollection");
    assert_eq!(shown.len(), 5, "{screen:#?}");
    assert!(shown.iter().all(|(name, _)| !name.contains('…')), "names in full: {shown:#?}");
    let unique: std::collections::HashSet<_> = shown.iter().collect();
    assert_eq!(unique.len(), shown.len(), "{shown:#?}");
}

#[test]
fn the_longest_names_at_200_columns_show_in_full() {
    let mut app = builtin(200, 50);
    type_text(&mut app, LONGEST);
    let terminal = render(&app);
    insta::assert_snapshot!(terminal.backend());
    let screen = rows(terminal.backend().buffer()).join("\n");
    for name in [
        "TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All",
        "TeamsAppInstallation.ReadWriteAndConsentSelfForTeam.All",
        "TeamsAppInstallation.ReadWriteAndConsentForChat.All",
    ] {
        assert!(screen.contains(&format!("{name} ")), "{name} in full:\n{screen}");
    }
    assert!(!screen.contains("TeamsAppInstallation.R…"), "nothing cut at 200 columns");
}

#[test]
fn the_name_column_is_as_wide_as_the_longest_name_on_show() {
    let mut app = builtin(200, 50);
    type_text(&mut app, "mail.send");
    let terminal = render(&app);
    let screen = rows(terminal.backend().buffer());
    let header = screen.iter().find(|l| l.contains("NAME")).unwrap();
    let gap = header.find("TYPE").unwrap() - header.find("NAME").unwrap();
    let longest = app.hits().iter().take(40).map(|h| app.catalog.permissions[h.index()].name.len());
    assert_eq!(gap, longest.max().unwrap() + 1, "{header}");
}

#[test]
fn cut_names_keep_their_styles() {
    let mut app = builtin(60, 24);
    type_text(&mut app, LONGEST);
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let screen = rows(buffer);
    // The highlighted first row: the highlight over every cell, the ellipsis in it too.
    let y = screen.iter().position(|l| l.contains('▶')).unwrap() as u16;
    let x = screen[usize::from(y)].chars().position(|c| c == '…').unwrap() as u16;
    assert_eq!(buffer[(x, y)].bg, HIGHLIGHT.bg.unwrap());
    // The second row: matched head characters in the match style, the
    // ellipsis and the tail in the row's own style.
    let y = y + 1;
    let line = &screen[usize::from(y)];
    let name_x = line.chars().position(|c| c == 'T').unwrap() as u16;
    assert_eq!(buffer[(name_x, y)].fg, MATCH.fg.unwrap(), "T of the query");
    let dots = line.chars().position(|c| c == '…').unwrap() as u16;
    assert_ne!(buffer[(dots, y)].fg, MATCH.fg.unwrap());
    let kind_x = line.find("Delegated").or(line.find("Application")).unwrap();
    let kind_x = line[..kind_x].chars().count() as u16;
    let own = app.highlighted().is_some();
    assert!(own);
    let p = app.hits()[1];
    let p = &app.catalog.permissions[p.index()];
    let admin_x = kind_x + 12;
    match (p.kind, p.admin_consent) {
        (PermissionType::Application, _) => assert_eq!(buffer[(kind_x, y)].fg, DIMMED.fg.unwrap()),
        (PermissionType::Delegated, true) => assert_eq!(buffer[(admin_x, y)].fg, ADMIN.fg.unwrap()),
        (PermissionType::Delegated, false) => {}
    }
}

/// The Intrexx preset in the basket, at 80x24.
fn intrexx_80x24() -> App {
    let mut app = builtin(80, 24);
    run(&mut app, &[Command::OpenPresets, Command::Choose]);
    assert_eq!(app.basket.len(), 20, "{:?}", app.status);
    app
}

#[test]
fn compact_80x24_with_the_intrexx_preset_gives_the_table_the_room() {
    let app = intrexx_80x24();
    let terminal = render(&app);
    insta::assert_snapshot!(terminal.backend());
    let areas = app.areas().unwrap();
    assert!(areas.detail.is_empty() && areas.basket.is_empty(), "both panes hidden at first");
    assert!(areas.table_rows() >= 8, "{} table rows", areas.table_rows());
    let screen = rows(terminal.backend().buffer()).join("\n");
    assert!(screen.contains("basket 20"), "the scope title says what the basket holds:\n{screen}");
    assert!(screen.contains("Alt-D details"), "the footer names the key for the pane:\n{screen}");
    assert!(screen.contains("offline_access"), "the whole string shows:\n{screen}");
}

#[test]
fn compact_80x24_shows_details_on_a_key_and_the_basket_with_its_focus() {
    let mut app = intrexx_80x24();
    run(&mut app, &[Command::TogglePanes]);
    assert_eq!(app.panes, Panes::Shown);
    let areas = app.areas().unwrap();
    assert!(!areas.detail.is_empty() && areas.basket.is_empty(), "one pane: the details");
    assert_eq!(areas.detail.width, 80, "the whole width");
    insta::assert_snapshot!("compact_80x24_details", render(&app).backend());
    run(&mut app, &[Command::TogglePanes, Command::SwitchFocus]);
    let areas = app.areas().unwrap();
    assert!(areas.detail.is_empty() && !areas.basket.is_empty(), "the focused basket shows");
    let terminal = render(&app);
    insta::assert_snapshot!("compact_80x24_basket", terminal.backend());
    let screen = rows(terminal.backend().buffer()).join("\n");
    assert!(screen.contains("Calendars.Read.Shared "), "basket names in full:\n{screen}");
    run(&mut app, &[Command::FocusList]);
    assert!(app.areas().unwrap().basket.is_empty(), "hidden again with the focus");
}

#[test]
fn toggling_the_panes_in_a_big_terminal_gives_the_table_their_room() {
    for (width, height) in [(100, 30), (200, 50)] {
        let mut app = builtin(width, height);
        let before = app.areas().unwrap();
        assert!(!before.detail.is_empty() && !before.basket.is_empty(), "{width}x{height}");
        run(&mut app, &[Command::TogglePanes]);
        let after = app.areas().unwrap();
        assert!(after.detail.is_empty() && after.basket.is_empty());
        assert!(after.table.area() > before.table.area(), "{width}x{height}");
        run(&mut app, &[Command::TogglePanes]);
        assert_eq!(app.areas().unwrap(), before);
    }
}

#[test]
fn a_string_pasted_with_a_preset_active_is_audited_against_it() {
    let mut app = builtin(200, 50);
    run(&mut app, &[Command::OpenPresets, Command::Choose]);
    // A customer's field: two of the preset's rows, one extra, one covered.
    app.update(Action::Paste(
        "openid offline_access Chat.ReadBasic Chat.ReadWrite Sites.Read.All Files.Read".into(),
    ));
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(status.starts_with("Against preset intrexx: missing: "), "{status}");
    let expected = crate::audit::audit_scopes(
        &crate::presets::Preset::Intrexx
            .rows(&app.catalog, app.mode)
            .iter()
            .map(|&i| &app.catalog.permissions[i])
            .collect::<Vec<_>>(),
        "openid offline_access Chat.ReadBasic Chat.ReadWrite Sites.Read.All Files.Read",
        app.mode,
        &app.catalog,
    )
    .unwrap();
    assert_eq!(status, format!("Against preset intrexx: {}", expected.audit.summary()));
    assert!(!expected.audit.missing.is_empty() && !expected.audit.extra.is_empty(), "{status}");
    assert_eq!(app.focus(), crate::tui::keymap::Focus::Confirm, "and it asks before loading");
    // After emptying the basket no preset is active: a paste only asks.
    app.update(Action::Command(Command::CloseModal));
    run(&mut app, &[Command::EmptyBasket, Command::Yes]);
    app.update(Action::Paste("openid Chat.ReadBasic".into()));
    let status = app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    assert!(!status.starts_with("Against"), "{status}");
}
