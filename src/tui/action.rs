//! What can happen to the app (actions) and what the runner must do (effects).

use crate::saved::Selection;
/// Editing a text input: tui-input's own requests, bound to keys as they are.
pub use tui_input::InputRequest as Edit;

/// A key-bound command. The keymap maps keys to these and says what each does
/// (its help text); `App::update` applies them.
/// `CommandKind` lists every command without its payload (tests check that
/// each has a key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::EnumDiscriminants)]
#[strum_discriminants(name(CommandKind), derive(strum::VariantArray))]
pub enum Command {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    ToggleDown,
    ToggleUp,
    /// Move the focus between the permission list and the basket.
    SwitchFocus,
    FocusList,
    RemoveFromBasket,
    /// Empty the basket (after a question).
    EmptyBasket,
    SwitchMode,
    /// Cycle short → qualified → default.
    CycleStyle,
    CycleTypeFilter,
    CycleConsentFilter,
    CycleRoleFilter,
    /// Hide or show rows whose type does not fit the mode.
    ToggleHideOtherType,
    ClearFilter,
    Copy,
    CopyName,
    /// Sort the rows by relevance → name → type → admin consent → relevance.
    CycleSort,
    TogglePanes,
    /// Open the messages popup: every recent status line in full.
    ShowMessages,
    /// Copy, print the string on stdout and exit 0.
    Accept,
    /// Exit 130 without output.
    Abort,
    /// Ctrl-Z: give the terminal back and stop, until `fg`.
    Suspend,
    ToggleHelp,
    CloseHelp,
    OpenPresets,
    OpenSelections,
    SaveSelection,
    /// Selection picker: delete the highlighted selection (after a question).
    DeleteItem,
    OpenExport,
    /// Take the highlighted menu item, or the prompt's answer.
    Choose,
    /// Close the menu, prompt or question without doing anything.
    CloseModal,
    /// Export menu: write the highlighted format to a file.
    SaveToFile,
    Yes,
    /// Edit the focused text input.
    Edit(Edit),
}

/// Everything `App::update` reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    /// A typed character for the filter.
    Type(char),
    /// Pasted text (bracketed paste): goes into the filter, line breaks become spaces.
    Paste(String),
    /// Characters typed into the filter while a pass ran (no modal open):
    /// inserted together, filtered once.
    Typed(String),
    /// The same Tab or Shift-Tab command waiting `times` more times after
    /// one (no modal open): toggled together, the string rebuilt once.
    Toggled(Command, usize),
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// Mouse wheel: negative scrolls up.
    Scroll(i16),
    /// The runner reports how an effect went, for the status line.
    Report(Status),
    /// The runner read the saved selections (for the picker).
    SelectionsListed(Vec<ListedSelection>),
    /// A selection of that name exists already: ask before replacing it.
    SaveConflict(Selection),
    /// The export's file exists already: ask before replacing it.
    FileExists(FileWrite),
}

/// A saved selection as the picker lists it: damaged files are listed too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedSelection {
    pub name: String,
    /// The selection, or why its file cannot be read (one line).
    pub selection: Result<Selection, String>,
}

/// What the status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

impl Status {
    /// A success or neutral message.
    pub fn info(text: impl Into<String>) -> Self {
        Status { text: text.into(), is_error: false }
    }

    /// A failure message.
    pub fn error(text: impl Into<String>) -> Self {
        Status { text: text.into(), is_error: true }
    }
}

/// What the runner must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Put this scope string on the clipboard and report back.
    Copy(String),
    /// Put other text (an export) on the clipboard, described as `what`.
    CopyText {
        /// What it is, for the status line ("manifest").
        what: String,
        text: String,
    },
    /// Write a file (atomically) and report back; unless `if_exists` says
    /// replace, answer `Action::FileExists` when it exists.
    WriteFile {
        file: FileWrite,
        if_exists: IfExists,
    },
    /// Read the saved selections and answer with `Action::SelectionsListed`.
    ListSelections,
    /// Save a selection; unless `if_exists` says replace, answer
    /// `Action::SaveConflict` when one of that name exists.
    SaveSelection {
        selection: Selection,
        if_exists: IfExists,
    },
    /// Delete the saved selection of this name.
    DeleteSelection(String),
    /// Copy, leave the TUI, print this on stdout, exit 0.
    Accept(String),
    /// Leave the TUI, print nothing, exit 130.
    Abort,
    /// Restore the terminal and stop the process (Ctrl-Z), redraw on SIGCONT.
    Suspend,
}

/// What a write does when its target exists already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfExists {
    /// Ask first (the runner answers with a conflict action).
    Ask,
    /// Replace it (the user said yes).
    Replace,
}

/// An export on its way to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    /// Where, as typed (relative to the current directory).
    pub path: String,
    pub contents: String,
    /// What it is, for the status line ("manifest").
    pub what: String,
}
