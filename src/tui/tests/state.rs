use super::*;
use crate::tui::action::{Edit, Effect, Status};
use crate::tui::keymap::Focus;
use crate::tui::modal::Modal;

fn highlighted_name(app: &App) -> String {
    app.highlighted().map(|p| format!("{} {}", p.name, p.kind)).unwrap_or_default()
}

#[test]
fn starts_with_everything_listed_and_an_empty_basket() {
    let app = app();
    assert_eq!(app.hits().len(), 36);
    assert_eq!(highlighted_name(&app), "Calendars.Read Delegated");
    assert!(app.basket.is_empty());
    assert_eq!(app.scope(), "");
}

#[test]
fn typing_filters_and_puts_the_best_match_on_top() {
    let mut app = app();
    run(&mut app, &[Command::Down, Command::Down]);
    type_text(&mut app, "mail send");
    assert_eq!(highlighted_name(&app), "Mail.Send Delegated");
    assert_eq!(app.selected, 0);
    assert_eq!(app.query(), "mail send");
}

#[test]
fn keys_typed_during_a_pass_go_in_together_as_typing_them_one_by_one_does() {
    let mut one_by_one = app();
    run(&mut one_by_one, &[Command::Down, Command::Down]);
    for c in "chat.read all".chars() {
        one_by_one.update(Action::Type(c));
    }
    let mut together = app();
    run(&mut together, &[Command::Down, Command::Down]);
    together.update(Action::Type('c'));
    together.update(Action::Typed("hat.read all".into()));
    assert_eq!(together.query(), one_by_one.query());
    assert_eq!(together.hits(), one_by_one.hits());
    assert_eq!(highlighted_name(&together), highlighted_name(&one_by_one));
}

#[test]
fn moving_is_clamped_and_pages_and_ends_work() {
    let mut app = app();
    run(&mut app, &[Command::Up]);
    assert_eq!(app.selected, 0);
    run(&mut app, &[Command::Last]);
    assert_eq!(app.selected, 35);
    run(&mut app, &[Command::Down]);
    assert_eq!(app.selected, 35);
    run(&mut app, &[Command::First, Command::PageDown]);
    assert!(app.selected > 1, "{}", app.selected);
    run(&mut app, &[Command::PageUp]);
    assert_eq!(app.selected, 0);
}

#[test]
fn the_highlight_stays_visible_while_scrolling() {
    let mut app = app();
    let rows = app.areas().unwrap().table_rows();
    for _ in 0..20 {
        run(&mut app, &[Command::Down]);
        assert!(app.selected >= app.offset && app.selected < app.offset + rows);
    }
    run(&mut app, &[Command::Last]);
    assert_eq!(app.offset, 36 - rows);
}

#[test]
fn tab_toggles_and_moves_down_shift_tab_moves_up() {
    let mut app = app();
    run(&mut app, &[Command::ToggleDown]);
    assert_eq!(app.basket, [0]);
    assert_eq!(app.selected, 1);
    assert_eq!(app.status, Some(Status::info("Added Calendars.Read")));
    run(&mut app, &[Command::ToggleUp]);
    assert_eq!(app.basket, [0, 1]);
    assert_eq!(app.selected, 0);
    run(&mut app, &[Command::ToggleDown]);
    assert_eq!(app.basket, [1]);
    assert_eq!(app.status, Some(Status::info("Removed Calendars.Read")));
}

#[test]
fn the_scope_string_follows_basket_mode_and_style() {
    let mut app = app();
    add(&mut app, &["offline", "mail send", "calendars.read"]);
    assert_eq!(app.scope(), "Calendars.Read Mail.Send offline_access");
    run(&mut app, &[Command::CycleStyle]);
    assert_eq!(app.style, ScopeForm::Qualified);
    assert_eq!(
        app.scope(),
        "https://graph.microsoft.com/Calendars.Read https://graph.microsoft.com/Mail.Send offline_access"
    );
    run(&mut app, &[Command::CycleStyle]);
    assert_eq!(app.scope(), "https://graph.microsoft.com/.default offline_access");
    run(&mut app, &[Command::SwitchMode]);
    assert_eq!(app.mode, PermissionType::Application);
    assert_eq!(app.style, ScopeForm::Default, "Application mode opens in its own style");
    assert_eq!(app.scope(), "https://graph.microsoft.com/.default", "nothing of its type needed");
    assert!(app.status.as_ref().unwrap().text.starts_with("Application mode"));
    run(&mut app, &[Command::CycleStyle, Command::SwitchMode]);
    assert_eq!(app.style, ScopeForm::Default, "each mode keeps the style picked in it");
    run(&mut app, &[Command::SwitchMode]);
    assert_eq!(app.style, ScopeForm::Short);
}

#[test]
fn enter_asks_once_before_accepting_a_string_the_sign_in_rejects() {
    let mut app = app();
    run(&mut app, &[Command::SwitchMode, Command::CycleStyle]);
    add(&mut app, &["user.read.all"]);
    assert_eq!((app.mode, app.style), (PermissionType::Application, ScopeForm::Short));
    assert!(app.fails_at_sign_in());
    assert_eq!(app.update(Action::Command(Command::Accept)), Effect::None);
    assert!(matches!(app.modal, Some(Modal::Confirm(_))), "a question, not the exit");
    assert_eq!(app.update(Action::Command(Command::Yes)), Effect::Accept("User.Read.All".into()));
    run(&mut app, &[Command::CycleStyle, Command::CycleStyle]);
    assert_eq!(app.style, ScopeForm::Default);
    assert_eq!(
        app.update(Action::Command(Command::Accept)),
        Effect::Accept("https://graph.microsoft.com/.default".into()),
        "a working string is accepted at once"
    );
}

#[test]
fn focus_basket_and_remove_items() {
    let mut app = app();
    run(&mut app, &[Command::SwitchFocus]);
    assert_eq!(app.focus, Focus::List, "an empty basket cannot take the focus");
    assert!(app.status.as_ref().unwrap().is_error);
    add(&mut app, &["chat.read", "mail.send"]);
    run(&mut app, &[Command::SwitchFocus, Command::Down, Command::RemoveFromBasket]);
    assert_eq!(app.focus, Focus::Basket);
    assert_eq!(app.scope(), "Chat.Read");
    run(&mut app, &[Command::RemoveFromBasket]);
    assert!(app.basket.is_empty());
    assert_eq!(app.focus, Focus::List, "an emptied basket gives the focus back");
}

#[test]
fn typing_in_the_basket_returns_to_the_filter() {
    let mut app = app();
    add(&mut app, &["chat.read"]);
    run(&mut app, &[Command::SwitchFocus]);
    type_text(&mut app, "m");
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.query(), "m");
}

#[test]
fn filters_cycle_and_combine() {
    let mut app = app();
    run(&mut app, &[Command::CycleTypeFilter]);
    assert_eq!(app.type_filter, Some(PermissionType::Delegated));
    assert_eq!(app.hits().len(), 23);
    run(&mut app, &[Command::CycleTypeFilter]);
    assert_eq!(app.hits().len(), 13);
    run(&mut app, &[Command::CycleTypeFilter, Command::CycleConsentFilter]);
    assert_eq!(app.consent_filter, Some(crate::filter::Consent::Needed));
    assert_eq!(app.hits().len(), 16);
    run(
        &mut app,
        &[Command::CycleConsentFilter, Command::CycleRoleFilter, Command::CycleRoleFilter],
    );
    assert_eq!(app.consent_filter, Some(crate::filter::Consent::NotNeeded));
    assert_eq!(app.role_filter, Some(crate::catalog::IntrexxRole::Optional));
    assert_eq!(app.hits().len(), 3);
}

#[test]
fn hiding_rows_of_the_other_type_follows_the_mode() {
    let mut app = app();
    run(&mut app, &[Command::ToggleHideOtherType]);
    assert_eq!(app.hits().len(), 23);
    run(&mut app, &[Command::SwitchMode]);
    assert_eq!(app.hits().len(), 13);
    run(&mut app, &[Command::ToggleHideOtherType]);
    assert_eq!(app.hits().len(), 36);
}

#[test]
fn filter_changes_keep_the_highlighted_row() {
    let mut app = app();
    type_text(&mut app, "sites.read.all");
    // The third row, Sites.Read.All for Application, needs admin consent.
    run(&mut app, &[Command::Down, Command::Down]);
    let before = highlighted_name(&app);
    run(&mut app, &[Command::CycleConsentFilter]);
    assert_eq!(highlighted_name(&app), before);
}

#[test]
fn esc_clears_the_filter_then_aborts() {
    let mut app = app();
    type_text(&mut app, "chat");
    let esc = crate::tui::keymap::lookup(key(KeyCode::Esc), app.focus, app.query().is_empty());
    assert_eq!(esc, Some(Command::ClearFilter));
    assert_eq!(app.update(Action::Command(Command::ClearFilter)), Effect::None);
    assert_eq!(app.query(), "");
    assert_eq!(app.hits().len(), 36);
    let esc = crate::tui::keymap::lookup(key(KeyCode::Esc), app.focus, app.query().is_empty());
    assert_eq!(esc, Some(Command::Abort));
    assert_eq!(app.update(Action::Command(Command::Abort)), Effect::Abort);
}

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn copy_and_accept_need_a_string() {
    let mut app = app();
    assert_eq!(app.update(Action::Command(Command::Copy)), Effect::None);
    assert_eq!(
        app.status,
        Some(Status::error("Nothing to copy: no Delegated permission in the basket."))
    );
    assert_eq!(app.update(Action::Command(Command::Accept)), Effect::None);
    add(&mut app, &["chat.read", "offline"]);
    let scope = "Chat.Read offline_access".to_string();
    assert_eq!(app.update(Action::Command(Command::Copy)), Effect::Copy(scope.clone()));
    assert_eq!(app.update(Action::Command(Command::Accept)), Effect::Accept(scope));
}

#[test]
fn reports_reach_the_status_line() {
    let mut app = app();
    app.update(Action::Report(Status::error("Copy failed")));
    assert_eq!(app.status, Some(Status::error("Copy failed")));
}

#[test]
fn help_opens_scrolls_and_closes_back_to_the_previous_focus() {
    let mut app = app();
    add(&mut app, &["chat.read"]);
    run(&mut app, &[Command::SwitchFocus, Command::ToggleHelp]);
    assert_eq!(app.focus, Focus::Help);
    run(&mut app, &[Command::Down, Command::Down, Command::Up]);
    assert_eq!(app.popup_scroll, 1);
    run(&mut app, &[Command::CloseHelp]);
    assert_eq!(app.focus, Focus::Basket);
    run(&mut app, &[Command::ToggleHelp, Command::ToggleHelp]);
    assert_eq!(app.focus, Focus::Basket);
}

#[test]
fn editing_keys_move_the_cursor_and_delete() {
    let mut app = app();
    type_text(&mut app, "chat read");
    run(&mut app, &[Command::Edit(Edit::DeletePrevWord)]);
    assert_eq!(app.query(), "chat ");
    run(&mut app, &[Command::Edit(Edit::GoToStart), Command::Edit(Edit::DeleteNextChar)]);
    assert_eq!(app.query(), "hat ");
    run(&mut app, &[Command::Edit(Edit::GoToNextChar), Command::Edit(Edit::DeleteTillEnd)]);
    assert_eq!(app.query(), "h");
    run(&mut app, &[Command::Edit(Edit::DeleteLine)]);
    assert_eq!(app.query(), "");
}

#[test]
fn paste_goes_into_the_filter_with_line_breaks_as_spaces() {
    let mut app = app();
    type_text(&mut app, "ab");
    run(&mut app, &[Command::Edit(Edit::GoToPrevChar)]);
    app.update(Action::Paste("x\ny\u{1b}z".into()));
    assert_eq!(app.query(), "ax yzb");
    assert_eq!(app.input.cursor(), 5);
}

#[test]
fn clicks_highlight_rows_and_basket_items_and_the_wheel_moves() {
    let mut app = app();
    let areas = app.areas().unwrap();
    app.update(Action::Click(areas.table.x + 5, areas.table.y + 2 + 3));
    assert_eq!(app.selected, 3);
    app.update(Action::Scroll(1));
    assert_eq!(app.selected, 4);
    app.update(Action::Scroll(-1));
    app.update(Action::Scroll(-1));
    assert_eq!(app.selected, 2);
    add(&mut app, &["chat.read", "mail.send"]);
    let areas = app.areas().unwrap();
    app.update(Action::Click(areas.basket.x + 3, areas.basket.y + 2));
    assert_eq!(app.focus, Focus::Basket);
    assert_eq!(app.basket_selected, 1);
    // Clicks on borders and headers do nothing.
    app.update(Action::Click(areas.table.x + 5, areas.table.y + 1));
    assert_eq!(app.focus, Focus::Basket);
}

#[test]
fn resize_keeps_the_highlight_visible() {
    let mut app = app();
    run(&mut app, &[Command::Last]);
    app.update(Action::Resize(80, 24));
    let rows = app.areas().unwrap().table_rows();
    assert!(app.selected >= app.offset && app.selected < app.offset + rows);
    app.update(Action::Resize(10, 3));
    run(&mut app, &[Command::PageDown, Command::Up]);
}

#[test]
fn a_pasted_scope_string_is_offered_for_the_basket() {
    let mut app = app();
    app.update(Action::Paste("User.Read.All,Directory.Read.All Foo.Bar".into()));
    assert_eq!(app.focus(), Focus::Confirm);
    assert_eq!(app.query(), "", "nothing went into the filter");
    app.update(Action::Command(Command::Yes));
    assert_eq!(app.mode, PermissionType::Application, "the mode is guessed from the string");
    assert_eq!(app.basket.len(), 2);
    assert_eq!(
        app.status,
        Some(Status::info(
            "Loaded 2 permissions from the pasted string; not loaded: Foo.Bar; assumed \
             Application mode: more of its names exist only as Application permissions"
        ))
    );
    assert_eq!(app.style, ScopeForm::Default, "Application mode's own style");
    app.update(Action::Paste("calendars\nread".into()));
    assert_eq!(app.query(), "calendars read", "other text filters");
    app.update(Action::Paste("Chat.Read Mail.Send".into()));
    run(&mut app, &[Command::CloseModal]);
    assert_eq!(app.basket.len(), 2, "no keeps the basket");
}

#[test]
fn load_basket_and_session_round_trip() {
    let mut app = app();
    add(&mut app, &["chat.read", "offline"]);
    run(&mut app, &[Command::CycleStyle]);
    let session = app.session();
    let mut other = super::app();
    let resolved = crate::saved::resolve(&other.catalog, &session.basket);
    other.load_basket(resolved.rows, session.mode, session.style);
    assert_eq!(other.scope(), app.scope());
}

#[test]
fn narrowing_by_typing_gives_the_same_hits_as_a_fresh_filter() {
    let mut typed = app();
    for query in ["chat read", "user.read.all", "cal", "zzqx"] {
        run(&mut typed, &[Command::ClearFilter]);
        type_text(&mut typed, query);
        let fresh = typed
            .filter
            .filter(
                &typed.catalog,
                &crate::filter::Criteria { query: query.into(), ..Default::default() },
            )
            .hits;
        assert_eq!(typed.hits(), fresh, "{query}");
    }
}

#[test]
fn many_left_out_rows_are_one_line_in_the_pane() {
    let mut app = app();
    run(&mut app, &[Command::OpenPresets, Command::Choose, Command::SwitchMode]);
    let shown = &app.basket_view.notes;
    assert_eq!(
        shown[0].1,
        "20 Delegated permissions in the basket are left out of an Application string"
    );
    assert!(!shown.iter().any(|(_, t)| t.contains("is a Delegated permission")));
    assert!(app.built.diagnostics.len() > shown.len(), "the engine still names each row");
}

#[test]
fn the_session_remembers_each_modes_style() {
    let mut app = app();
    run(&mut app, &[Command::CycleStyle]);
    let session = app.session();
    assert_eq!((session.style, session.application_style), (ScopeForm::Qualified, None));
    run(&mut app, &[Command::SwitchMode]);
    assert_eq!(app.style, ScopeForm::Default, "a Delegated style is not carried into Application");
    run(&mut app, &[Command::CycleStyle]);
    let session = app.session();
    assert_eq!(session.mode, PermissionType::Application);
    assert_eq!(
        (session.style, session.application_style),
        (ScopeForm::Qualified, Some(ScopeForm::Short)),
        "a style picked in Application mode is remembered for it"
    );
}

#[test]
fn ctrl_z_suspends_from_the_list_and_keeps_an_open_menu() {
    let mut app = app();
    add(&mut app, &["chat.read"]);
    assert_eq!(app.update(Action::Command(Command::Suspend)), Effect::Suspend);
    run(&mut app, &[Command::OpenExport]);
    assert!(app.modal.is_some());
    assert_eq!(app.update(Action::Command(Command::Suspend)), Effect::Suspend);
    assert!(app.modal.is_some(), "the menu is still open after fg");
    assert_eq!(app.scope(), "Chat.Read");
}
