use crate::tui::action::{Action, Command, Edit};
use crate::tui::events::action_for;
use crate::tui::keymap::{
    Focus, KEYMAP, MenuOf, bindings_for, footer_hints, keybindings_markdown, lookup,
};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn keys_map_to_commands_by_focus_and_filter_state() {
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    assert_eq!(lookup(key(KeyCode::Char('n'), ctrl), Focus::List, true), Some(Command::Down));
    assert_eq!(lookup(key(KeyCode::Tab, none), Focus::List, true), Some(Command::ToggleDown));
    assert_eq!(
        lookup(key(KeyCode::BackTab, KeyModifiers::SHIFT), Focus::List, true),
        Some(Command::ToggleUp)
    );
    assert_eq!(
        lookup(key(KeyCode::Tab, none), Focus::Basket, true),
        Some(Command::RemoveFromBasket)
    );
    assert_eq!(lookup(key(KeyCode::Char('?'), none), Focus::List, true), Some(Command::ToggleHelp));
    assert_eq!(lookup(key(KeyCode::Char('?'), KeyModifiers::SHIFT), Focus::List, false), None);
    assert_eq!(lookup(key(KeyCode::Char('y'), ctrl), Focus::Basket, false), Some(Command::Copy));
    assert_eq!(
        lookup(key(KeyCode::Char('w'), ctrl), Focus::List, false),
        Some(Command::Edit(Edit::DeletePrevWord))
    );
    assert_eq!(
        lookup(key(KeyCode::Char('t'), KeyModifiers::ALT), Focus::List, true),
        Some(Command::CycleTypeFilter)
    );
    assert_eq!(lookup(key(KeyCode::Char('q'), none), Focus::Help, true), Some(Command::CloseHelp));
    assert_eq!(lookup(key(KeyCode::Char('c'), ctrl), Focus::Help, true), Some(Command::Abort));
    assert_eq!(lookup(key(KeyCode::Char('t'), ctrl), Focus::Help, true), None);
}

#[test]
fn no_key_is_bound_twice_in_one_focus() {
    for focus in Focus::ALL {
        for empty in [true, false] {
            for key in KEYMAP.iter().flat_map(|b| b.keys) {
                let count = bindings_for(*key, focus, empty).count();
                assert!(
                    count <= 1,
                    "{key:?} bound {count} times in {focus:?} (filter empty: {empty})"
                );
            }
        }
    }
}

#[test]
fn every_binding_works_somewhere() {
    for b in KEYMAP {
        let works = Focus::ALL.iter().any(|&f| b.works(f, true) || b.works(f, false));
        assert!(works, "{:?} ({}) works in no focus", b.command, b.help);
    }
}

#[test]
fn events_become_actions() {
    let app = super::app();
    let typed = Event::Key(key(KeyCode::Char('A'), KeyModifiers::SHIFT));
    assert_eq!(action_for(typed, &app), Some(Action::Type('A')));
    let unbound_ctrl = Event::Key(key(KeyCode::Char('x'), KeyModifiers::CONTROL));
    assert_eq!(action_for(unbound_ctrl, &app), None);
    let ctrl_z = Event::Key(key(KeyCode::Char('z'), KeyModifiers::CONTROL));
    assert_eq!(action_for(ctrl_z, &app), Some(Action::Command(Command::Suspend)));
    let click = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: 3,
        row: 7,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(action_for(click, &app), Some(Action::Click(3, 7)));
    assert_eq!(action_for(Event::Resize(80, 24), &app), Some(Action::Resize(80, 24)));
    assert_eq!(action_for(Event::Paste("x".into()), &app), Some(Action::Paste("x".into())));
}

#[test]
fn footer_shows_the_hints_of_the_focus() {
    let hints = |focus| -> Vec<String> {
        footer_hints(focus, true).iter().map(|(k, l)| format!("{k} {l}")).collect()
    };
    assert_eq!(
        hints(Focus::List),
        [
            "F1 help",
            "Tab add/remove",
            "Enter accept",
            "Alt-D details",
            "^T mode",
            "^S style",
            "^Y copy",
            "^O basket",
            "Alt-P presets",
            "Alt-E export",
            "Alt-O open",
            "Alt-S save",
            "^R sort",
            "Alt-X empty",
            "Alt-Y copy name",
            "^C quit",
        ]
    );
    let basket = hints(Focus::Basket);
    assert!(basket.contains(&"Del remove".into()) && basket.contains(&"Esc back".into()));
    assert_eq!(hints(Focus::Menu(MenuOf::Presets)), ["Enter add", "Esc close"]);
    assert_eq!(hints(Focus::Menu(MenuOf::Export)), ["Enter preview", "^S to file", "Esc close"]);
    assert_eq!(hints(Focus::Menu(MenuOf::Preview)), ["Enter copy", "^S to file", "Esc close"]);
    assert_eq!(hints(Focus::Menu(MenuOf::Selections)), ["Enter open", "^D delete", "Esc close"]);
    assert_eq!(hints(Focus::Prompt), ["Enter ok", "Esc cancel"]);
    assert_eq!(hints(Focus::Confirm), ["y yes", "n no"]);
    assert_eq!(hints(Focus::Help), ["Esc close", "↓ scroll"]);
    assert_eq!(hints(Focus::Messages), hints(Focus::Help));
}

#[test]
fn every_footer_hint_does_something_in_its_focus() {
    // A hint's key, looked up in the same focus, gives the hint's command:
    // the footer never offers a key that does nothing there.
    for focus in Focus::ALL {
        for b in KEYMAP.iter().filter(|b| b.footer.is_some() && b.works(focus, true)) {
            let key = b.keys[0];
            let event = KeyEvent::new(key.code, key.modifiers);
            assert_eq!(lookup(event, focus, true), Some(b.command), "{focus:?}: {:?}", b.help);
        }
    }
    let ctrl = KeyModifiers::CONTROL;
    let presets = Focus::Menu(MenuOf::Presets);
    assert_eq!(lookup(key(KeyCode::Char('s'), ctrl), presets, true), None, "no ^S in presets");
    assert_eq!(lookup(key(KeyCode::Char('d'), ctrl), presets, true), None, "no ^D in presets");
    let picker = Focus::Menu(MenuOf::Selections);
    assert_eq!(lookup(key(KeyCode::Char('d'), ctrl), picker, true), Some(Command::DeleteItem));
    assert_eq!(
        lookup(key(KeyCode::Char('w'), ctrl), picker, true),
        Some(Command::Edit(Edit::DeletePrevWord)),
        "the picker's filter is edited like the others"
    );
    assert_eq!(lookup(key(KeyCode::Char('w'), ctrl), presets, true), None);
}

#[test]
fn keybindings_doc_matches_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keybindings.md");
    let expected = keybindings_markdown();
    if std::env::var_os("SCOPEPICK_UPDATE_DOCS").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/keybindings.md drifted from src/tui/keymap: run SCOPEPICK_UPDATE_DOCS=1 cargo test --lib keybindings_doc"
    );
}
