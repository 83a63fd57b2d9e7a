//! The one keymap table. It drives key handling, the footer hints, the help
//! popup and `docs/keybindings.md`, so none of them can drift apart.

mod table;

pub use table::{KEYMAP, MOUSE_HELP};

use super::action::Command;
pub use super::modal::MenuOf;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use strum::{Display, VariantArray};

/// Where a binding applies; also the section it is listed under, in the
/// order of the help and the docs, with its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Display, VariantArray)]
pub enum Scope {
    #[strum(to_string = "Permission list")]
    List,
    /// The list or the basket has the focus.
    #[strum(to_string = "Anywhere")]
    Anywhere,
    /// Editing the filter, a prompt or the selection picker's filter.
    #[strum(to_string = "Editing text (filter, prompts, selection picker)")]
    Filter,
    #[strum(to_string = "Basket (after Ctrl-O)")]
    Basket,
    #[strum(to_string = "Menus (presets, export, selections, export preview)")]
    Menu,
    #[strum(to_string = "Prompts")]
    Prompt,
    /// A yes/no question is open.
    #[strum(to_string = "Questions")]
    Confirm,
    #[strum(to_string = "Help and messages popups")]
    Popup,
}

impl MenuOf {
    /// Its name in the help.
    pub fn label(self) -> &'static str {
        match self {
            MenuOf::Presets => "preset menu",
            MenuOf::Export => "export menu",
            MenuOf::Selections => "selection picker",
            MenuOf::Preview => "export preview",
        }
    }
}

/// Which part of the screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The permission list and the filter input.
    List,
    Basket,
    Help,
    Messages,
    Menu(MenuOf),
    Prompt,
    Confirm,
}

impl Focus {
    /// Every focus there is (`every!`: a new focus must be listed here).
    pub const ALL: [Focus; 10] = every![Focus:
        Focus::List,
        Focus::Basket,
        Focus::Help,
        Focus::Messages,
        Focus::Menu(MenuOf::Presets),
        Focus::Menu(MenuOf::Export),
        Focus::Menu(MenuOf::Selections),
        Focus::Menu(MenuOf::Preview),
        Focus::Prompt,
        Focus::Confirm,
    ];
}

/// A condition on top of the scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    FilterEmpty,
    FilterNotEmpty,
    In(&'static [MenuOf]),
}

/// One key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    /// Ctrl, Alt, ... (Shift only for keys other than characters and Tab).
    pub modifiers: KeyModifiers,
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    pub scope: Scope,
    pub when: When,
    pub command: Command,
    pub help: &'static str,
    /// Short footer hint, if it is shown there.
    pub footer: Option<&'static str>,
}

impl Binding {
    /// Whether it works while `focus` has the keyboard and the filter is (not) empty.
    pub fn works(&self, focus: Focus, filter_empty: bool) -> bool {
        let scope = matches!(
            (self.scope, focus),
            (Scope::List | Scope::Filter | Scope::Anywhere, Focus::List)
                | (Scope::Basket | Scope::Anywhere, Focus::Basket)
                | (Scope::Popup, Focus::Help | Focus::Messages)
                | (Scope::Menu, Focus::Menu(_))
                | (Scope::Filter, Focus::Menu(MenuOf::Selections))
                | (Scope::Prompt | Scope::Filter, Focus::Prompt)
                | (Scope::Confirm, Focus::Confirm)
        );
        scope
            && match self.when {
                When::Always => true,
                When::FilterEmpty => filter_empty,
                When::FilterNotEmpty => !filter_empty,
                When::In(menus) => matches!(focus, Focus::Menu(m) if menus.contains(&m)),
            }
    }
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
    KEYMAP.iter().filter(move |b| b.works(focus, filter_empty) && b.keys.contains(&key))
}

/// The bindings that work in this focus and filter state, in keymap order.
pub fn working(focus: Focus, filter_empty: bool) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| b.works(focus, filter_empty))
}

/// The first key bound to `command` anywhere, as the help writes it (`Ctrl-R`).
pub fn key_for(command: Command) -> String {
    KEYMAP.iter().find(|b| b.command == command).map_or_else(String::new, |b| key_label(b.keys[0]))
}

/// Footer order of the main screen's hints; other commands follow in keymap order.
const FOOTER_FIRST: [Command; 12] = [
    Command::ToggleHelp,
    Command::ToggleDown,
    Command::Accept,
    Command::TogglePanes,
    Command::SwitchMode,
    Command::CycleStyle,
    Command::Copy,
    Command::SwitchFocus,
    Command::OpenPresets,
    Command::OpenExport,
    Command::OpenSelections,
    Command::SaveSelection,
];

/// The footer hints that work in this focus and filter state: (keys,
/// label), the most used first.
pub fn footer_hints(focus: Focus, filter_empty: bool) -> Vec<(String, &'static str)> {
    let mut shown: Vec<&Binding> =
        working(focus, filter_empty).filter(|b| b.footer.is_some()).collect();
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
        "# Key bindings\n\n<!-- Generated from src/tui/keymap by \
         `SCOPEPICK_UPDATE_DOCS=1 cargo test --lib keybindings_doc`; do not edit. -->\n",
    );
    for &scope in Scope::VARIANTS {
        out += &format!("\n## {}\n\n| Keys | Action |\n|---|---|\n", scope);
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
    out += NOTES;
    out
}

/// What the docs say besides the table: the mouse, small terminals, the footer and messages.
const NOTES: &str = "
## Mouse capture

While the picker has the mouse, most terminals still select text with
Shift+drag. `scopepick --no-mouse` leaves the mouse to the terminal (as
`fzf --no-mouse` does): a plain drag selects, click and wheel do nothing.

## Small terminals

From 120 columns the details and the basket sit right of the table; from 100
columns and 30 rows, below it side by side. Below 100 columns or 30 rows the
table gets the room: one pane under it shows the details, or the basket
while the basket has the focus (Ctrl-O). Under 30 rows that pane is hidden
until Alt-D shows it, as fzf's `--preview-window` toggles; Alt-D hides the
panes in any layout. With the basket pane hidden, the scope pane's title
says how many permissions the basket holds and how many need admin consent.

Names too long for their column are cut in the middle
(`RoleManagement…AzureADGroup`) so that what tells them apart stays; the
name column is as wide as the longest name on show, and the description
gives way first.

## Footer and messages

The footer lists only the keys that work where the keyboard is: the list,
the basket, each menu, a prompt, a question or a popup. A status line too
long for the terminal ends in `… Alt-M shows all`; Alt-M (F7) opens the
last 100 messages in full, newest first.
";

/// " (when the filter is empty)", " (export menu, export preview)" etc. for conditional bindings.
pub fn when_note(when: When) -> String {
    match when {
        When::Always => String::new(),
        When::FilterEmpty => " (when the filter is empty)".into(),
        When::FilterNotEmpty => " (when the filter has text)".into(),
        When::In(menus) => {
            let names: Vec<&str> = menus.iter().map(|m| m.label()).collect();
            format!(" ({})", names.join(", "))
        }
    }
}
