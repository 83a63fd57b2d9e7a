//! The table itself: every key the picker knows, where it works, what it
//! does, and its footer hint.

use super::{Binding, Key, MenuOf, Scope, When};
use crate::tui::action::{Command, Edit};
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

const fn plain(code: KeyCode) -> Key {
    Key { code, modifiers: KeyModifiers::NONE }
}
const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::CONTROL }
}
const fn alt(c: char) -> Key {
    Key { code: KeyCode::Char(c), modifiers: KeyModifiers::ALT }
}
const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

const fn bind(
    keys: &'static [Key],
    scope: Scope,
    command: Command,
    help: &'static str,
    footer: Option<&'static str>,
) -> Binding {
    Binding { keys, scope, when: When::Always, command, help, footer }
}

const fn bind_when(
    keys: &'static [Key],
    scope: Scope,
    when: When,
    command: Command,
    help: &'static str,
) -> Binding {
    Binding { keys, scope, when, command, help, footer: None }
}

/// A menu binding that works only in the menus listed.
const fn bind_in(
    keys: &'static [Key],
    menus: &'static [MenuOf],
    command: Command,
    help: &'static str,
    footer: &'static str,
) -> Binding {
    Binding { keys, scope: Scope::Menu, when: When::In(menus), command, help, footer: Some(footer) }
}

use Command as C;
use KeyCode as K;
use MenuOf as M;
use Scope as S;

/// Every key scopepick's TUI knows.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    bind(&[plain(K::Up), ctrl('p')], S::List, C::Up, "highlight the previous permission", None),
    bind(&[plain(K::Down), ctrl('n')], S::List, C::Down, "highlight the next permission", None),
    bind(&[plain(K::PageUp)], S::List, C::PageUp, "one page up", None),
    bind(&[plain(K::PageDown)], S::List, C::PageDown, "one page down", None),
    bind(&[plain(K::Home)], S::List, C::First, "first permission", None),
    bind(&[plain(K::End)], S::List, C::Last, "last permission", None),
    bind(&[plain(K::Tab)], S::List, C::ToggleDown, "add/remove the highlighted permission, move down", Some("add/remove")),
    bind(&[plain(K::BackTab)], S::List, C::ToggleUp, "add/remove the highlighted permission, move up", None),
    bind_when(&[plain(K::Esc)], S::List, When::FilterNotEmpty, C::ClearFilter, "clear the filter"),
    bind_when(&[plain(K::Esc)], S::List, When::FilterEmpty, C::Abort, "quit without output (exit 130)"),
    bind_when(&[ch('?')], S::List, When::FilterEmpty, C::ToggleHelp, "open this help"),
    bind(&[ctrl('o')], S::Anywhere, C::SwitchFocus, "focus the basket / back to the list", Some("basket")),
    bind(&[ctrl('t')], S::Anywhere, C::SwitchMode, "switch mode: Delegated / Application", Some("mode")),
    bind(&[ctrl('s')], S::Anywhere, C::CycleStyle, "cycle style: short / qualified / default", Some("style")),
    bind(&[alt('t')], S::Anywhere, C::CycleTypeFilter, "filter by type: all / Delegated / Application", None),
    bind(&[alt('a')], S::Anywhere, C::CycleConsentFilter, "filter by admin consent: all / yes / no", None),
    bind(&[alt('i')], S::Anywhere, C::CycleRoleFilter, "filter by Intrexx role: all / required / optional", None),
    bind(&[alt('h')], S::Anywhere, C::ToggleHideOtherType, "hide/show rows that do not fit the mode", None),
    bind(&[ctrl('r')], S::Anywhere, C::CycleSort, "sort by relevance / name / type / admin consent", Some("sort")),
    bind(&[alt('d'), plain(K::F(6))], S::Anywhere, C::TogglePanes, "show/hide the details and basket panes (hidden at first in small terminals)", Some("details")),
    bind(&[alt('p'), plain(K::F(2))], S::Anywhere, C::OpenPresets, "add a preset (intrexx, intrexx-full)", Some("presets")),
    bind(&[alt('e'), plain(K::F(5))], S::Anywhere, C::OpenExport, "export for the admin: manifest, az, PowerShell, consent URL, sheet", Some("export")),
    bind(&[alt('o'), plain(K::F(3))], S::Anywhere, C::OpenSelections, "open a saved selection (replaces the basket)", Some("open")),
    bind(&[alt('s'), plain(K::F(4))], S::Anywhere, C::SaveSelection, "save the basket as a named selection", Some("save")),
    bind(&[alt('x')], S::Anywhere, C::EmptyBasket, "empty the basket (asks first)", Some("empty")),
    bind(&[ctrl('y')], S::Anywhere, C::Copy, "copy the scope string to the clipboard", Some("copy")),
    bind(&[alt('y')], S::Anywhere, C::CopyName, "copy the highlighted permission's name alone", Some("copy name")),
    bind(&[alt('m'), plain(K::F(7))], S::Anywhere, C::ShowMessages, "show the recent messages in full", None),
    bind(&[plain(K::Enter)], S::Anywhere, C::Accept, "accept: copy, print the string on stdout, exit 0", Some("accept")),
    bind(&[ctrl('c')], S::Anywhere, C::Abort, "quit without output (exit 130)", Some("quit")),
    bind(&[ctrl('z')], S::Anywhere, C::Suspend, "suspend to the shell (back with fg)", None),
    bind(&[plain(K::F(1))], S::Anywhere, C::ToggleHelp, "open/close this help (also ? when the filter is empty)", Some("help")),
    bind(&[plain(K::Backspace), ctrl('h')], S::Filter, C::Edit(Edit::DeletePrevChar), "delete the character before the cursor", None),
    bind(&[plain(K::Delete)], S::Filter, C::Edit(Edit::DeleteNextChar), "delete the character under the cursor", None),
    bind(&[plain(K::Left), ctrl('b')], S::Filter, C::Edit(Edit::GoToPrevChar), "cursor left", None),
    bind(&[plain(K::Right), ctrl('f')], S::Filter, C::Edit(Edit::GoToNextChar), "cursor right", None),
    bind(&[Key { code: K::Left, modifiers: KeyModifiers::CONTROL }, alt('b')], S::Filter, C::Edit(Edit::GoToPrevWord), "cursor one word left", None),
    bind(&[Key { code: K::Right, modifiers: KeyModifiers::CONTROL }, alt('f')], S::Filter, C::Edit(Edit::GoToNextWord), "cursor one word right", None),
    bind(&[ctrl('a')], S::Filter, C::Edit(Edit::GoToStart), "cursor to the start", None),
    bind(&[ctrl('e')], S::Filter, C::Edit(Edit::GoToEnd), "cursor to the end", None),
    bind(&[ctrl('w'), Key { code: K::Backspace, modifiers: KeyModifiers::ALT }], S::Filter, C::Edit(Edit::DeletePrevWord), "delete the word before the cursor", None),
    bind(&[ctrl('u')], S::Filter, C::Edit(Edit::DeleteLine), "delete the whole filter text", None),
    bind(&[ctrl('k')], S::Filter, C::Edit(Edit::DeleteTillEnd), "delete to the end", None),
    bind(&[plain(K::Up), ctrl('p')], S::Basket, C::Up, "highlight the previous item", None),
    bind(&[plain(K::Down), ctrl('n')], S::Basket, C::Down, "highlight the next item", None),
    bind(&[plain(K::Home)], S::Basket, C::First, "first item", None),
    bind(&[plain(K::End)], S::Basket, C::Last, "last item", None),
    bind(&[plain(K::Delete), plain(K::Backspace), plain(K::Tab)], S::Basket, C::RemoveFromBasket, "remove the highlighted item", Some("remove")),
    bind(&[plain(K::Esc)], S::Basket, C::FocusList, "back to the list", Some("back")),
    bind(&[plain(K::Up), ctrl('p')], S::Menu, C::Up, "highlight the previous item (preview: scroll up)", None),
    bind(&[plain(K::Down), ctrl('n')], S::Menu, C::Down, "highlight the next item (preview: scroll down)", None),
    bind_in(&[plain(K::Enter)], &[M::Presets], C::Choose, "add the preset to the basket", "add"),
    bind_in(&[plain(K::Enter)], &[M::Export], C::Choose, "preview the export (then copy it or write a file)", "preview"),
    bind_in(&[plain(K::Enter)], &[M::Preview], C::Choose, "copy the text", "copy"),
    bind_in(&[plain(K::Enter)], &[M::Selections], C::Choose, "open the selection (replaces the basket)", "open"),
    bind_in(&[ctrl('s')], &[M::Export, M::Preview], C::SaveToFile, "write to a file (asks before replacing one)", "to file"),
    bind_in(&[ctrl('d')], &[M::Selections], C::DeleteItem, "delete the selection (asks first)", "delete"),
    bind(&[plain(K::Esc)], S::Menu, C::CloseModal, "close the menu", Some("close")),
    bind(&[ctrl('c')], S::Menu, C::Abort, "quit without output (exit 130)", None),
    bind(&[ctrl('z')], S::Menu, C::Suspend, "suspend to the shell (back with fg)", None),
    bind(&[plain(K::Enter)], S::Prompt, C::Choose, "confirm", Some("ok")),
    bind(&[plain(K::Esc)], S::Prompt, C::CloseModal, "cancel", Some("cancel")),
    bind(&[ctrl('c')], S::Prompt, C::Abort, "quit without output (exit 130)", None),
    bind(&[ctrl('z')], S::Prompt, C::Suspend, "suspend to the shell (back with fg)", None),
    bind(&[ch('y'), plain(K::Enter)], S::Confirm, C::Yes, "yes", Some("yes")),
    bind(&[ch('n'), plain(K::Esc)], S::Confirm, C::CloseModal, "no", Some("no")),
    bind(&[ctrl('c')], S::Confirm, C::Abort, "quit without output (exit 130)", None),
    bind(&[ctrl('z')], S::Confirm, C::Suspend, "suspend to the shell (back with fg)", None),
    bind(&[plain(K::Esc), ch('q'), ch('?'), plain(K::F(1))], S::Popup, C::CloseHelp, "close the popup", Some("close")),
    bind(&[plain(K::Up)], S::Popup, C::Up, "scroll up", None),
    bind(&[plain(K::Down)], S::Popup, C::Down, "scroll down", Some("scroll")),
    bind(&[ctrl('c')], S::Popup, C::Abort, "quit without output (exit 130)", None),
    bind(&[ctrl('z')], S::Popup, C::Suspend, "suspend to the shell (back with fg)", None),
];

/// Mouse actions, listed in the help after the keys.
pub const MOUSE_HELP: &[(&str, &str)] = &[
    ("click", "highlight the permission or basket item"),
    ("wheel", "scroll the list, the basket, a menu or a popup"),
    ("Shift+drag", "select text (most terminals), while the picker has the mouse"),
    ("--no-mouse", "start without mouse capture: plain drag selects text, no click or wheel"),
];
