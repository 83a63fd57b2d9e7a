//! The one keymap table. It drives key handling, the footer hints, the help
//! popup and `docs/keybindings.md`, so none of them can drift apart.

use super::action::{Command, Edit};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies; also the section it is listed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The permission list has the focus.
    List,
    /// Editing the filter input (the list has the focus).
    Filter,
    /// The basket has the focus.
    Basket,
    /// The list or the basket has the focus.
    Anywhere,
    /// The help popup is open.
    Help,
    /// A menu (presets, export) is open.
    Menu,
    /// A one-line prompt is open.
    Prompt,
    /// A yes/no question is open.
    Confirm,
}

impl Scope {
    /// Section heading in the help popup and the docs.
    pub fn title(self) -> &'static str {
        match self {
            Scope::List => "Permission list",
            Scope::Filter => "Editing text (filter, prompts, selection picker)",
            Scope::Basket => "Basket (after Ctrl-O)",
            Scope::Anywhere => "Anywhere",
            Scope::Help => "Help popup",
            Scope::Menu => "Menus (presets, export, selections)",
            Scope::Prompt => "Prompts",
            Scope::Confirm => "Questions",
        }
    }

    /// Sections in display order.
    pub const ORDER: [Scope; 8] = [
        Scope::List,
        Scope::Anywhere,
        Scope::Filter,
        Scope::Basket,
        Scope::Menu,
        Scope::Prompt,
        Scope::Confirm,
        Scope::Help,
    ];
}

/// Which part of the screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The permission list and the filter input.
    List,
    /// The basket.
    Basket,
    /// The help popup.
    Help,
    /// A menu.
    Menu,
    /// A prompt.
    Prompt,
    /// A yes/no question.
    Confirm,
}

/// A condition on the filter text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// Only when the filter is empty.
    FilterEmpty,
    /// Only when the filter has text.
    FilterNotEmpty,
}

/// One key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl, Alt, ... (Shift only for keys other than characters and Tab).
    pub modifiers: KeyModifiers,
}

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

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [Key],
    /// Where it applies.
    pub scope: Scope,
    /// Extra condition.
    pub when: When,
    /// What it does.
    pub command: Command,
    /// What the help says.
    pub help: &'static str,
    /// Short footer hint, if it is shown there.
    pub footer: Option<&'static str>,
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

use Command as C;
use KeyCode as K;
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
    bind(&[alt('p'), plain(K::F(2))], S::Anywhere, C::OpenPresets, "add a preset (intrexx, intrexx-full)", Some("presets")),
    bind(&[alt('e'), plain(K::F(5))], S::Anywhere, C::OpenExport, "export for the admin: manifest, az, PowerShell, consent URL, sheet", Some("export")),
    bind(&[alt('o'), plain(K::F(3))], S::Anywhere, C::OpenSelections, "open a saved selection (replaces the basket)", Some("open")),
    bind(&[alt('s'), plain(K::F(4))], S::Anywhere, C::SaveSelection, "save the basket as a named selection", Some("save")),
    bind(&[ctrl('y')], S::Anywhere, C::Copy, "copy the scope string to the clipboard", Some("copy")),
    bind(&[plain(K::Enter)], S::Anywhere, C::Accept, "accept: copy, print the string on stdout, exit 0", Some("accept")),
    bind(&[ctrl('c')], S::Anywhere, C::Abort, "quit without output (exit 130)", Some("quit")),
    bind(&[ctrl('z')], S::Anywhere, C::Suspend, "suspend to the shell (back with fg)", None),
    bind(&[plain(K::F(1))], S::Anywhere, C::ToggleHelp, "open/close this help (also ? when the filter is empty)", Some("help")),
    bind(&[plain(K::Backspace), ctrl('h')], S::Filter, C::Edit(Edit::DeletePrevChar), "delete the character before the cursor", None),
    bind(&[plain(K::Delete)], S::Filter, C::Edit(Edit::DeleteNextChar), "delete the character under the cursor", None),
    bind(&[plain(K::Left), ctrl('b')], S::Filter, C::Edit(Edit::PrevChar), "cursor left", None),
    bind(&[plain(K::Right), ctrl('f')], S::Filter, C::Edit(Edit::NextChar), "cursor right", None),
    bind(&[Key { code: K::Left, modifiers: KeyModifiers::CONTROL }, alt('b')], S::Filter, C::Edit(Edit::PrevWord), "cursor one word left", None),
    bind(&[Key { code: K::Right, modifiers: KeyModifiers::CONTROL }, alt('f')], S::Filter, C::Edit(Edit::NextWord), "cursor one word right", None),
    bind(&[ctrl('a')], S::Filter, C::Edit(Edit::Start), "cursor to the start", None),
    bind(&[ctrl('e')], S::Filter, C::Edit(Edit::End), "cursor to the end", None),
    bind(&[ctrl('w'), Key { code: K::Backspace, modifiers: KeyModifiers::ALT }], S::Filter, C::Edit(Edit::DeletePrevWord), "delete the word before the cursor", None),
    bind(&[ctrl('u')], S::Filter, C::Edit(Edit::DeleteLine), "delete the whole filter text", None),
    bind(&[ctrl('k')], S::Filter, C::Edit(Edit::DeleteTillEnd), "delete to the end", None),
    bind(&[plain(K::Up), ctrl('p')], S::Basket, C::Up, "highlight the previous item", None),
    bind(&[plain(K::Down), ctrl('n')], S::Basket, C::Down, "highlight the next item", None),
    bind(&[plain(K::Home)], S::Basket, C::First, "first item", None),
    bind(&[plain(K::End)], S::Basket, C::Last, "last item", None),
    bind(&[plain(K::Delete), plain(K::Backspace), plain(K::Tab)], S::Basket, C::RemoveFromBasket, "remove the highlighted item", Some("remove")),
    bind(&[plain(K::Esc)], S::Basket, C::FocusList, "back to the list", Some("back")),
    bind(&[plain(K::Up), ctrl('p')], S::Menu, C::Up, "highlight the previous item", None),
    bind(&[plain(K::Down), ctrl('n')], S::Menu, C::Down, "highlight the next item", None),
    bind(&[plain(K::Enter)], S::Menu, C::Choose, "take the item (export menu: copy it)", Some("choose")),
    bind(&[ctrl('s')], S::Menu, C::SaveToFile, "export menu: write to a file", Some("to file")),
    bind(&[ctrl('d')], S::Menu, C::DeleteItem, "selection picker: delete the selection", Some("delete")),
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
    bind(&[plain(K::Esc), ch('q'), ch('?'), plain(K::F(1))], S::Help, C::CloseHelp, "close the help", Some("close")),
    bind(&[plain(K::Up)], S::Help, C::Up, "scroll the help up", None),
    bind(&[plain(K::Down)], S::Help, C::Down, "scroll the help down", None),
    bind(&[ctrl('c')], S::Help, C::Abort, "quit without output (exit 130)", None),
    bind(&[ctrl('z')], S::Help, C::Suspend, "suspend to the shell (back with fg)", None),
];

/// Mouse actions, listed in the help after the keys.
pub const MOUSE_HELP: &[(&str, &str)] =
    &[("click", "highlight the permission or basket item"), ("wheel", "scroll the list")];

/// Whether a binding of `scope` is active while `focus` has the keyboard.
fn active(scope: Scope, focus: Focus) -> bool {
    matches!(
        (scope, focus),
        (Scope::List | Scope::Filter | Scope::Anywhere, Focus::List)
            | (Scope::Basket | Scope::Anywhere, Focus::Basket)
            | (Scope::Help, Focus::Help)
            | (Scope::Menu | Scope::Filter, Focus::Menu)
            | (Scope::Prompt | Scope::Filter, Focus::Prompt)
            | (Scope::Confirm, Focus::Confirm)
    )
}

/// Shift is implied by the character itself, and by BackTab.
fn normalize(key: KeyEvent) -> Key {
    let mut modifiers = key.modifiers;
    if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    Key { code: key.code, modifiers }
}

/// The command bound to `key` for this focus and filter state, if any.
pub fn lookup(key: KeyEvent, focus: Focus, filter_empty: bool) -> Option<Command> {
    bindings_for(normalize(key), focus, filter_empty).next().map(|b| b.command)
}

/// The active bindings that contain `key` (the keymap test asserts at most one).
pub fn bindings_for(
    key: Key,
    focus: Focus,
    filter_empty: bool,
) -> impl Iterator<Item = &'static Binding> {
    KEYMAP
        .iter()
        .filter(move |b| active(b.scope, focus))
        .filter(move |b| match b.when {
            When::Always => true,
            When::FilterEmpty => filter_empty,
            When::FilterNotEmpty => !filter_empty,
        })
        .filter(move |b| b.keys.contains(&key))
}

/// Footer order of the main screen's hints; other commands follow in keymap order.
const FOOTER_FIRST: [Command; 11] = [
    Command::ToggleHelp,
    Command::ToggleDown,
    Command::Accept,
    Command::SwitchMode,
    Command::CycleStyle,
    Command::Copy,
    Command::SwitchFocus,
    Command::OpenPresets,
    Command::OpenExport,
    Command::OpenSelections,
    Command::SaveSelection,
];

/// The footer hints for this focus: (keys, label), the most used first.
pub fn footer_hints(focus: Focus) -> Vec<(String, &'static str)> {
    let mut shown: Vec<&Binding> =
        KEYMAP.iter().filter(|b| active(b.scope, focus) && b.footer.is_some()).collect();
    shown.sort_by_key(|b| FOOTER_FIRST.iter().position(|c| *c == b.command).unwrap_or(usize::MAX));
    shown.into_iter().filter_map(|b| Some((short_label(b.keys[0]), b.footer?))).collect()
}

/// All keys of a binding, e.g. `↑ / Ctrl-P`.
pub fn keys_label(binding: &Binding) -> String {
    binding.keys.iter().map(|k| key_label(*k)).collect::<Vec<_>>().join(" / ")
}

/// A key as the help shows it: `Ctrl-T`, `Alt-H`, `Shift-Tab`, `↑`, `F1`.
pub fn key_label(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Delete => "Del".into(),
        other => format!("{other:?}"),
    };
    let prefix = [(KeyModifiers::CONTROL, "Ctrl-"), (KeyModifiers::ALT, "Alt-")]
        .iter()
        .filter(|(m, _)| key.modifiers.contains(*m))
        .map(|(_, p)| *p)
        .collect::<String>();
    match key.code {
        KeyCode::Char(c) if key.modifiers.is_empty() => c.to_string(),
        _ => prefix + &base,
    }
}

/// The compact footer form: `^T` for Ctrl-T.
fn short_label(key: Key) -> String {
    key_label(key).replace("Ctrl-", "^")
}

/// The key table as Markdown; `docs/keybindings.md` is exactly this text.
pub fn keybindings_markdown() -> String {
    let mut out = String::from(
        "# Key bindings\n\n<!-- Generated from src/tui/keymap.rs by \
         `SCOPEPICK_UPDATE_DOCS=1 cargo test --lib keybindings_doc`; do not edit. -->\n",
    );
    for scope in Scope::ORDER {
        out += &format!("\n## {}\n\n| Keys | Action |\n|---|---|\n", scope.title());
        for b in KEYMAP.iter().filter(|b| b.scope == scope) {
            out += &format!(
                "| {} | {}{} |\n",
                keys_label(b).replace('|', "\\|"),
                b.help,
                when_note(b.when)
            );
        }
    }
    out += "\n## Mouse\n\n| Mouse | Action |\n|---|---|\n";
    for (what, help) in MOUSE_HELP {
        out += &format!("| {what} | {help} |\n");
    }
    out += "\nAny other character is typed into the filter.\n";
    out
}

/// " (filter empty)" etc. for conditional bindings.
pub fn when_note(when: When) -> &'static str {
    match when {
        When::Always => "",
        When::FilterEmpty => " (when the filter is empty)",
        When::FilterNotEmpty => " (when the filter has text)",
    }
}
