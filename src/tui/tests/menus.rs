//! Menus, prompts and questions: presets, the export flow with its IDs,
//! saving and opening selections.

use super::*;
use crate::export::Format;
use crate::tui::action::{Edit, Effect, IfExists, Status};
use crate::tui::keymap::{Focus, MenuOf};
use crate::tui::modal::{Menu, MenuKind, Modal};

#[test]
fn the_preset_menu_adds_the_modes_rows() {
    let mut app = app();
    add(&mut app, &["chat.read"]);
    run(&mut app, &[Command::OpenPresets]);
    assert_eq!(app.focus(), Focus::Menu(MenuOf::Presets));
    let down_to_the_end = [Command::Down, Command::Down, Command::Down, Command::Down];
    run(&mut app, &down_to_the_end);
    run(&mut app, &[Command::Up, Command::Up, Command::Up, Command::Choose]);
    assert_eq!(app.focus(), Focus::List);
    assert_eq!(app.basket.len(), 20, "Chat.Read was already there");
    assert_eq!(app.status, Some(Status::info("Added 19 permissions: preset intrexx (Delegated)")));
    run(&mut app, &[Command::SwitchMode, Command::OpenPresets, Command::Down, Command::Choose]);
    assert_eq!(app.built.included.len(), 13);
}

#[test]
fn menus_close_with_esc_and_ignore_other_commands() {
    let mut app = app();
    run(&mut app, &[Command::OpenPresets, Command::SwitchMode, Command::CloseModal]);
    assert_eq!(app.mode, PermissionType::Delegated);
    assert!(app.modal.is_none());
    assert!(app.basket.is_empty());
    assert_eq!(app.update(Action::Command(Command::OpenPresets)), Effect::None);
    assert_eq!(app.update(Action::Command(Command::Abort)), Effect::Abort);
}

/// Enter on the highlighted item: the effect it returns.
fn choose(app: &mut App) -> Effect {
    app.update(Action::Command(Command::Choose))
}

#[test]
fn the_export_menu_asks_for_missing_ids_once_and_previews_before_copying() {
    let mut app = app();
    run(&mut app, &[Command::OpenExport]);
    assert!(app.modal.is_none(), "nothing to export yet");
    assert!(app.status.as_ref().unwrap().is_error);
    add(&mut app, &["chat.read", "offline"]);
    run(&mut app, &[Command::OpenExport, Command::Down, Command::Down, Command::Down]);
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(app.focus(), Focus::Prompt, "consent-url asks for the app ID");
    type_text(&mut app, "not-a-guid");
    assert_eq!(choose(&mut app), Effect::None);
    assert!(app.status.as_ref().unwrap().text.contains("Not a valid app ID"));
    assert_eq!(app.focus(), Focus::Prompt, "asked again after a bad value");
    run(&mut app, &[Command::Edit(Edit::DeleteLine)]);
    type_text(&mut app, "0F3A1B2C-4D5E-4F60-8A7B-9C0D1E2F3A4B");
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(app.focus(), Focus::Prompt, "then for the redirect URI");
    type_text(&mut app, "https://portal.contoso.com/cb");
    assert_eq!(choose(&mut app), Effect::None);
    let Some(Modal::Menu(Menu { kind: MenuKind::Preview { format, text }, .. })) = &app.modal
    else {
        panic!("a preview before anything is copied: {:?}", app.modal)
    };
    assert_eq!(*format, Format::ConsentUrl);
    let preview = text.clone();
    assert!(preview.starts_with("https://login.microsoftonline.com/organizations/v2.0/adminconsent?client_id=0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b&"));
    assert!(preview.contains("&redirect_uri=https%3A%2F%2Fportal.contoso.com%2Fcb&state="));
    let Effect::CopyText { what, text } = choose(&mut app) else { panic!("Enter copies") };
    assert!(what.starts_with("the consent-url export ("), "{what}");
    assert_eq!(text, preview);

    run(&mut app, &[Command::OpenExport, Command::Down]);
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(
        app.focus(),
        Focus::Prompt,
        "az: the app ID is kept; the script asks for the tenant"
    );
    type_text(&mut app, "contoso.com; rm -rf ~");
    assert_eq!(choose(&mut app), Effect::None);
    assert!(app.status.as_ref().unwrap().text.contains("Not a valid tenant"));
    assert_eq!(app.focus(), Focus::Prompt, "asked again after a bad value");
    run(&mut app, &[Command::Edit(Edit::DeleteLine)]);
    type_text(&mut app, "contoso.onmicrosoft.com");
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(app.focus(), Focus::Menu(MenuOf::Preview), "then the preview");
    app = app.with_work_dir("/home/consultant/acme".into());
    run(&mut app, &[Command::SaveToFile]);
    let Some(Modal::Prompt(prompt)) = &app.modal else { panic!("asks for the file") };
    assert_eq!(prompt.input.value(), "/home/consultant/acme/scopepick-az.sh", "where it goes");
    assert!(
        prompt.title.contains("a name alone goes in /home/consultant/acme"),
        "{}",
        prompt.title
    );
    run(&mut app, &[Command::Edit(Edit::DeleteLine)]);
    type_text(&mut app, "out.sh");
    let Effect::WriteFile { file, if_exists: IfExists::Ask } = choose(&mut app) else {
        panic!("the prompt writes, asking before it replaces a file")
    };
    let path = file.path.as_str();
    assert_eq!((path, file.what.as_str()), ("/home/consultant/acme/out.sh", "az"));
    let contents = &file.contents;
    assert!(contents.contains("\napp=0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b\n"), "{contents}");
    assert!(contents.contains("| grep -qixF contoso.onmicrosoft.com; then\n"), "{contents}");

    run(&mut app, &[Command::OpenExport, Command::SaveToFile]);
    assert_eq!(
        app.focus(),
        Focus::Menu(MenuOf::Preview),
        "manifest needs no ID: Ctrl-S also previews first"
    );
    run(&mut app, &[Command::SaveToFile, Command::Edit(Edit::DeleteLine)]);
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(app.status, Some(Status::error("Nothing typed: nothing written.")));
}

#[test]
fn an_empty_answer_keeps_the_placeholder_until_the_next_export() {
    let mut app = app();
    add(&mut app, &["chat.read"]);
    run(&mut app, &[Command::OpenExport, Command::Down]);
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(app.focus(), Focus::Prompt);
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(app.focus(), Focus::Prompt, "then the tenant");
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(app.focus(), Focus::Menu(MenuOf::Preview), "the preview, with the placeholder");
    let status = &app.status.as_ref().unwrap().text;
    assert!(!status.contains("--app-id"), "no CLI flag in the picker: {status}");
    assert!(status.contains("export again (Alt-E or F5) and type"), "{status}");
    run(&mut app, &[Command::CloseModal, Command::OpenExport, Command::Down, Command::Down]);
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(
        app.focus(),
        Focus::Prompt,
        "the next export asks again: the picker's way to fill it"
    );
    type_text(&mut app, "0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(choose(&mut app), Effect::None, "the tenant, left empty");
    let Some(Modal::Menu(Menu { kind: MenuKind::Preview { text, .. }, .. })) = &app.modal else {
        panic!("the preview")
    };
    assert!(text.contains("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b") && !text.contains("<APP_ID>"));
}

/// The open prompt's answer and cursor (in characters).
fn prompt_answer(app: &App) -> (String, usize) {
    let Some(Modal::Prompt(prompt)) = &app.modal else { panic!("no prompt open") };
    (prompt.input.value().to_string(), prompt.input.cursor())
}

#[test]
fn a_refused_answer_stays_with_the_cursor_on_the_first_bad_character() {
    let mut app = app();
    add(&mut app, &["chat.read"]);
    run(&mut app, &[Command::OpenExport, Command::Down]);
    choose(&mut app);
    let typo = "0f3a1b2c-4d5e-4g60-8a7b-9c0d1e2f3a4b";
    type_text(&mut app, typo);
    choose(&mut app);
    assert_eq!(prompt_answer(&app), (typo.to_string(), 15), "on the 'g'");
    let error = app.status.clone().unwrap();
    assert!(error.is_error && error.text.contains("Not a valid app ID"), "{error:?}");
    run(&mut app, &[Command::Edit(Edit::DeleteNextChar)]);
    type_text(&mut app, "f");
    choose(&mut app);
    assert_eq!(app.typed_profile.app_id.as_deref(), Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b"));
    assert_eq!(app.status, None, "the error about the typo is gone");
    assert_eq!(app.messages.last(), Some(&error), "and kept in the messages");

    for (typed, cursor) in
        [("0f3a1b2c", 8), ("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b0", 36), ("x", 0)]
    {
        let mut app = self::app();
        add(&mut app, &["chat.read"]);
        run(&mut app, &[Command::OpenExport, Command::Down]);
        choose(&mut app);
        type_text(&mut app, typed);
        choose(&mut app);
        assert_eq!(prompt_answer(&app), (typed.to_string(), cursor), "{typed}");
    }
    type_text(&mut app, "contoso.onmicrosoft.com;rm");
    choose(&mut app);
    assert_eq!(
        prompt_answer(&app),
        ("contoso.onmicrosoft.com;rm".to_string(), 23),
        "the tenant's ';'"
    );
}

#[test]
fn a_refused_selection_name_stays_with_the_cursor_on_the_bad_character() {
    let mut app = app();
    add(&mut app, &["chat.read"]);
    run(&mut app, &[Command::SaveSelection]);
    type_text(&mut app, "Müller/GmbH");
    assert_eq!(choose(&mut app), Effect::None);
    assert_eq!(prompt_answer(&app), ("Müller/GmbH".to_string(), 6));
    assert!(app.status.as_ref().unwrap().is_error);
    run(&mut app, &[Command::Edit(Edit::DeleteNextChar)]);
    type_text(&mut app, " ");
    let Effect::SaveSelection { selection, .. } = choose(&mut app) else { panic!("saved") };
    assert_eq!(selection.name, "Müller GmbH");
    assert_eq!(app.status, None, "no stale error");
}

#[test]
fn a_typed_id_can_be_stored_in_the_open_selection() {
    let mut app = app();
    let mut selection =
        listed("acme", &[("Chat.Read", PermissionType::Delegated)], PermissionType::Delegated);
    selection.selection.as_mut().unwrap().profile.tenant = Some("contoso.onmicrosoft.com".into());
    app.update(Action::SelectionsListed(vec![selection]));
    run(&mut app, &[Command::Choose]);
    assert_eq!(app.open_selection.as_ref().unwrap().name, "acme");
    run(&mut app, &[Command::OpenExport, Command::Down]);
    choose(&mut app);
    type_text(&mut app, "0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b");
    choose(&mut app);
    assert_eq!(app.focus(), Focus::Confirm, "offers to store it in 'acme'");
    let Effect::SaveSelection { selection, if_exists: IfExists::Replace } =
        app.update(Action::Command(Command::Yes))
    else {
        panic!("yes stores it")
    };
    assert_eq!(selection.name, "acme");
    assert_eq!(selection.profile.app_id.as_deref(), Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b"));
    assert_eq!(selection.profile.tenant.as_deref(), Some("contoso.onmicrosoft.com"));
    let Some(Modal::Menu(Menu { kind: MenuKind::Preview { text, .. }, .. })) = &app.modal else {
        panic!("then the preview")
    };
    assert!(text.contains("az login --tenant contoso.onmicrosoft.com"), "{text}");
}

fn listed(name: &str, rows: &[(&str, PermissionType)], mode: PermissionType) -> ListedSelection {
    let permissions = rows.iter().map(|(n, k)| SavedPermission::graph(n, *k)).collect();
    let selection = Selection {
        name: name.into(),
        mode,
        style: ScopeForm::Qualified,
        permissions,
        profile: Default::default(),
    };
    ListedSelection { name: name.into(), selection: Ok(selection) }
}

use crate::saved::{SavedPermission, Selection};
use crate::tui::action::ListedSelection;

#[test]
fn saving_asks_for_a_valid_name_then_asks_the_runner() {
    let mut app = app();
    run(&mut app, &[Command::SaveSelection]);
    assert!(app.status.as_ref().unwrap().is_error, "nothing to save");
    add(&mut app, &["chat.read", "offline"]);
    run(&mut app, &[Command::SaveSelection]);
    assert_eq!(app.focus(), Focus::Prompt);
    type_text(&mut app, "../evil");
    assert_eq!(app.update(Action::Command(Command::Choose)), Effect::None);
    assert_eq!(app.focus(), Focus::Prompt, "a bad name keeps the prompt open");
    assert!(app.status.as_ref().unwrap().is_error);
    run(&mut app, &[Command::Edit(Edit::DeleteLine)]);
    type_text(&mut app, "acme prod");
    let Effect::SaveSelection { selection, if_exists: IfExists::Ask } =
        app.update(Action::Command(Command::Choose))
    else {
        panic!("saving is the runner's job, asking before it replaces one")
    };
    assert_eq!(selection.name, "acme prod");
    assert_eq!(selection.permissions.len(), 2);
    app.update(Action::SaveConflict(selection.clone()));
    assert_eq!(app.focus(), Focus::Confirm);
    assert_eq!(
        app.update(Action::Command(Command::Yes)),
        Effect::SaveSelection { selection, if_exists: IfExists::Replace }
    );
}

#[test]
fn the_selection_picker_filters_opens_and_deletes() {
    let mut app = app();
    assert_eq!(app.update(Action::Command(Command::OpenSelections)), Effect::ListSelections);
    app.update(Action::SelectionsListed(vec![]));
    assert!(app.modal.is_none());
    assert!(app.status.as_ref().unwrap().text.starts_with("No saved selections yet"));
    let broken = ListedSelection { name: "broken".into(), selection: Err("line 1".into()) };
    let all = vec![
        listed(
            "acme",
            &[("User.Read.All", PermissionType::Application)],
            PermissionType::Application,
        ),
        broken,
        listed(
            "contoso",
            &[("Chat.Read", PermissionType::Delegated), ("Gone.Read", PermissionType::Delegated)],
            PermissionType::Delegated,
        ),
    ];
    app.update(Action::SelectionsListed(all.clone()));
    assert_eq!(app.focus(), Focus::Menu(MenuOf::Selections));
    type_text(&mut app, "cont");
    run(&mut app, &[Command::Choose]);
    assert_eq!(app.scope(), "https://graph.microsoft.com/Chat.Read");
    assert_eq!(app.style, ScopeForm::Qualified);
    assert!(app.status.as_ref().unwrap().text.ends_with("not in this catalog: Gone.Read"));
    app.update(Action::SelectionsListed(all.clone()));
    run(&mut app, &[Command::Down, Command::Choose]);
    assert!(app.status.as_ref().unwrap().is_error, "a damaged selection cannot be opened");
    app.update(Action::SelectionsListed(all));
    run(&mut app, &[Command::DeleteItem]);
    assert_eq!(app.focus(), Focus::Confirm);
    assert_eq!(app.update(Action::Command(Command::Yes)), Effect::DeleteSelection("acme".into()));
}

#[test]
fn a_pasted_field_is_audited_against_a_mixed_selections_rows_of_its_mode() {
    let rows = [
        ("Chat.Read", PermissionType::Delegated),
        ("Calendars.Read", PermissionType::Delegated),
        ("offline_access", PermissionType::Delegated),
        ("Sites.Read.All", PermissionType::Application),
    ];
    for mode in [PermissionType::Application, PermissionType::Delegated] {
        let mut app = app();
        app.update(Action::SelectionsListed(vec![listed("intrexx-both", &rows, mode)]));
        run(&mut app, &[Command::Choose]);
        assert_eq!(app.mode, mode);
        app.update(Action::Paste("Chat.Read offline_access Mail.Send".into()));
        assert_eq!(app.focus(), Focus::Confirm);
        let Some(Modal::Confirm(confirm)) = &app.modal else { panic!("asks first") };
        let audit = "Against selection 'intrexx-both' (3 Delegated rows): missing: \
                     Calendars.Read · extra: Mail.Send";
        assert!(confirm.question.starts_with(audit), "{mode}: {}", confirm.question);
        assert_eq!(app.status.as_ref().unwrap().text, audit);
    }
}

#[test]
fn a_pasted_dot_default_says_it_switches_to_application_mode() {
    let mut app = app();
    add(&mut app, &["chat.read"]);
    app.update(Action::Paste("https://graph.microsoft.com/.default".into()));
    let Some(Modal::Confirm(confirm)) = &app.modal else { panic!("asks first") };
    assert!(!confirm.question.contains("Load 0"), "{}", confirm.question);
    assert!(confirm.question.contains("switch to Application mode with the .default style"));
    run(&mut app, &[Command::Yes]);
    assert_eq!((app.mode, app.style), (PermissionType::Application, ScopeForm::Default));
    assert_eq!(app.basket.len(), 1, "the basket stays");
    assert!(app.status.as_ref().unwrap().text.starts_with("Application mode, style .default"));
}

#[test]
fn the_preset_menu_offers_intrexx_for_both_modes() {
    use crate::presets::Preset;
    let mut app = app();
    run(&mut app, &[Command::OpenPresets, Command::Down, Command::Down]);
    let Some(Modal::Menu(menu)) = &app.modal else { panic!("the preset menu") };
    assert_eq!(menu.items[menu.current().unwrap()].0, "intrexx (both modes)");
    run(&mut app, &[Command::Choose]);
    let both: Vec<usize> = [PermissionType::Delegated, PermissionType::Application]
        .into_iter()
        .flat_map(|mode| Preset::Intrexx.rows(&app.catalog, mode))
        .collect();
    assert_eq!(app.basket, both);
    let status = &app.status.as_ref().unwrap().text;
    assert!(status.ends_with("preset intrexx (both modes)"), "{status}");
    let delegated = Preset::Intrexx.rows(&app.catalog, PermissionType::Delegated).len();
    assert_eq!(app.built.included.len(), delegated, "the string takes the mode's rows");
    run(&mut app, &[Command::SwitchMode]);
    app.update(Action::Paste("Chat.Read offline_access".into()));
    let audit = &app.status.as_ref().unwrap().text;
    assert!(audit.starts_with("Against preset intrexx: missing: Calendars.Read,"), "{audit}");
}
