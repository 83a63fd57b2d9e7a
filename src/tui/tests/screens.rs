//! Screens on ratatui's `TestBackend`: insta snapshots plus style checks.

use super::*;
use crate::tui::draw::{ADMIN, DIMMED, ERROR, MATCH, WARNING, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

fn sized(width: u16, height: u16) -> App {
    let mut app = app();
    app.update(Action::Resize(width, height));
    app
}

/// `app` drawn once on a `TestBackend` of its size.
pub(super) fn render(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    terminal.draw(|frame| draw(frame, app)).unwrap();
    terminal
}

/// `app` drawn once, as text: one line per row.
pub(super) fn screen(app: &App) -> String {
    let terminal = render(app);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The (x, y) of the first occurrence of `text` on the screen.
fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
    for y in 0..buffer.area.height {
        let line: String =
            (0..buffer.area.width).map(|x| buffer[(x, y)].symbol().to_string()).collect();
        if let Some(byte) = line.find(text) {
            return (line[..byte].chars().count() as u16, y);
        }
    }
    panic!("{text:?} not on screen");
}

fn basket_of_three(mode: PermissionType) -> App {
    let mut app = app();
    add(&mut app, &["chat.read", "mail.send", "user.read.all"]);
    if mode == PermissionType::Application {
        run(&mut app, &[Command::SwitchMode]);
    }
    app
}

#[test]
fn initial_screen_100x30() {
    insta::assert_snapshot!(render(&app()).backend());
}

#[test]
fn filter_cal() {
    let mut app = app();
    type_text(&mut app, "cal");
    insta::assert_snapshot!(render(&app).backend());
}

#[test]
fn basket_of_three_delegated() {
    insta::assert_snapshot!(render(&basket_of_three(PermissionType::Delegated)).backend());
}

#[test]
fn basket_of_three_application() {
    insta::assert_snapshot!(render(&basket_of_three(PermissionType::Application)).backend());
}

#[test]
fn help_popup() {
    let mut app = app();
    run(&mut app, &[Command::ToggleHelp]);
    insta::assert_snapshot!(render(&app).backend());
}

#[test]
fn small_80x24() {
    let mut app = sized(80, 24);
    add(&mut app, &["chat.read", "offline"]);
    insta::assert_snapshot!(render(&app).backend());
}

#[test]
fn wide_200x60() {
    let mut app = sized(200, 60);
    add(&mut app, &["chat.read", "offline", "channel.create"]);
    insta::assert_snapshot!(render(&app).backend());
}

#[test]
fn too_small_20x5() {
    insta::assert_snapshot!(render(&sized(20, 5)).backend());
}

#[test]
fn matched_characters_are_highlighted() {
    let mut app = app();
    type_text(&mut app, "cal");
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "Calendars.Read ");
    for dx in 0..3 {
        assert_eq!(buffer[(x + dx, y)].fg, MATCH.fg.unwrap(), "matched char {dx}");
        assert!(buffer[(x + dx, y)].modifier.contains(Modifier::BOLD));
    }
    assert_ne!(buffer[(x + 3, y)].fg, MATCH.fg.unwrap(), "unmatched 'e'");
}

#[test]
fn admin_consent_yes_stands_out_and_other_types_are_dimmed() {
    let app = app();
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "Channel.Create");
    let (yes_x, _) = find(&row_only(buffer, y), "Yes");
    assert_eq!(buffer[(yes_x, y)].fg, ADMIN.fg.unwrap());
    assert!(buffer[(yes_x, y)].modifier.contains(Modifier::BOLD));
    // Calendars.ReadWrite (Application) does not fit Delegated mode: dimmed.
    let (ax, ay) = find(buffer, "Application");
    assert_eq!(buffer[(ax, ay)].fg, DIMMED.fg.unwrap());
    assert_ne!(buffer[(x, y)].fg, DIMMED.fg.unwrap());
}

/// A buffer holding only row `y` of `buffer`, for searching within it.
fn row_only(buffer: &Buffer, y: u16) -> Buffer {
    let mut row = Buffer::empty(ratatui::layout::Rect::new(0, 0, buffer.area.width, 1));
    for x in 0..buffer.area.width {
        row[(x, 0)] = buffer[(x, y)].clone();
    }
    row
}

#[test]
fn basket_rows_are_marked_in_the_table() {
    let mut app = basket_of_three(PermissionType::Delegated);
    type_text(&mut app, "mail.send");
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "Mail.Send");
    assert_eq!(buffer[(x - 2, y)].symbol(), "●");
}

#[test]
fn the_header_names_the_catalog_in_use() {
    let app = app().with_label("Graph export of 2026-11-29".into());
    let terminal = render(&app);
    let (_, y) = find(terminal.backend().buffer(), "Graph export of 2026-11-29 · 36 permissions");
    assert_eq!(y, 0);
}

#[test]
fn details_name_less_privileged_permissions() {
    let mut app = app();
    type_text(&mut app, "chat.readwrite");
    let terminal = render(&app);
    find(terminal.backend().buffer(), "Less privileged: Chat.ReadBasic, Chat.Read");
}

#[test]
fn preset_menu() {
    let mut app = app();
    run(&mut app, &[Command::OpenPresets, Command::Down]);
    insta::assert_snapshot!(render(&app).backend());
}

#[test]
fn selection_picker() {
    use crate::saved::{SavedPermission, Selection};
    use crate::tui::action::ListedSelection;
    let mut app = app();
    let ok = |name: &str| ListedSelection {
        name: name.into(),
        selection: Ok(Selection {
            name: name.into(),
            mode: PermissionType::Delegated,
            style: ScopeForm::Short,
            permissions: vec![SavedPermission::graph("Chat.Read", PermissionType::Delegated)],
            profile: Default::default(),
        }),
    };
    let broken = ListedSelection {
        name: "old".into(),
        selection: Err("old.json: line 3, column 1: expected value; fix or delete the file".into()),
    };
    app.update(Action::SelectionsListed(vec![ok("acme"), ok("contoso"), broken]));
    type_text(&mut app, "o");
    insta::assert_snapshot!(render(&app).backend());
}

#[test]
fn a_string_the_sign_in_rejects_is_marked_in_the_error_colour() {
    let mut app = basket_of_three(PermissionType::Application);
    run(&mut app, &[Command::CycleStyle]);
    assert_eq!(app.style, ScopeForm::Short);
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "✗ this string fails at sign-in");
    assert_eq!(buffer[(x + 2, y)].fg, ERROR.fg.unwrap());
}

#[test]
fn the_header_names_a_national_cloud() {
    let app = basket_of_three(PermissionType::Delegated).with_cloud(crate::catalog::Cloud::UsGov);
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "US Government L4");
    assert_eq!(buffer[(x, y)].fg, WARNING.fg.unwrap());
    let plain = render(&basket_of_three(PermissionType::Delegated));
    assert!(!format!("{:?}", plain.backend().buffer()).contains("Cloud:"), "global says nothing");
}

#[test]
fn export_preview_of_an_opened_selection() {
    use crate::saved::{Profile, SavedPermission, Selection};
    use crate::tui::action::ListedSelection;
    // Tall enough for the whole az script and the footer under it.
    let mut app = sized(120, 72);
    let acme = Selection {
        name: "acme".into(),
        mode: PermissionType::Delegated,
        style: ScopeForm::Short,
        permissions: vec![SavedPermission::graph("Chat.Read", PermissionType::Delegated)],
        profile: Profile {
            tenant: Some("contoso.onmicrosoft.com".into()),
            app_id: Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b".into()),
            redirect_uri: None,
            cloud: None,
        },
    };
    app.update(Action::SelectionsListed(vec![ListedSelection {
        name: "acme".into(),
        selection: Ok(acme),
    }]));
    run(&mut app, &[Command::Choose]);
    find(render(&app).backend().buffer(), "Selection: acme");
    run(&mut app, &[Command::OpenExport, Command::Down, Command::Choose]);
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    find(buffer, "Preview of the export");
    find(buffer, "Enter copy  ^S to file  Esc close");
    find(buffer, "app=0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn one_permission_is_counted_in_the_singular() {
    let mut app = app();
    app.update(Action::Paste("https://graph.microsoft.com/Chat.Read Zzz.Unknown".into()));
    let Some(crate::tui::modal::Modal::Confirm(confirm)) = &app.modal else { panic!("asks") };
    assert!(
        confirm.question.starts_with("Load 1 permission into the basket?"),
        "{}",
        confirm.question
    );
    let terminal = render(&app);
    let buffer = terminal.backend().buffer();
    let screen: String = buffer.content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("unknown permission 'Zzz.Unknown'"), "named, not loaded: {screen}");
}

#[test]
fn basket_at_120x35_shows_whole_names_and_what_is_below_and_above() {
    let mut app = sized(120, 35);
    run(&mut app, &[Command::OpenPresets, Command::Down, Command::Down, Command::Choose]);
    insta::assert_snapshot!(render(&app).backend());
    let screen = screen(&app);
    for name in ["Calendars.ReadWrite", "ChannelMessage.Send", "Channel.ReadBasic.All"] {
        assert!(screen.contains(&format!(" {name} ")), "{name} whole:\n{screen}");
    }
    // Every row on show, whole: a name the full type label would cut
    // (ChannelMessage.Read.All beside `admin`) gets the short label.
    let area = app.areas().unwrap().basket;
    let lines: Vec<&str> = screen.lines().collect();
    for (row, &i) in app.basket.iter().take(usize::from(area.height) - 2).enumerate() {
        let line = &lines[usize::from(area.y) + 1 + row];
        let name = &app.catalog.permissions[i].name;
        assert!(line.contains(&format!(" {name} ")), "{name} whole: {line}");
    }
    assert!(screen.contains(" ChannelMessage.Read.All Del. admin"), "{screen}");
    let hidden = app.basket.len() - app.areas().unwrap().basket.height as usize + 2;
    assert!(screen.contains(&format!(" ↓ {hidden} more ")), "{screen}");
    run(&mut app, &[Command::SwitchFocus, Command::Last]);
    let at_the_end = self::screen(&app);
    assert!(at_the_end.contains(&format!(" ↑ {hidden} more ")), "above:\n{at_the_end}");
}
