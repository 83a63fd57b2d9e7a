//! Popups that take the keyboard: the preset, export and selection menus,
//! one-line prompts and yes/no questions. Their state and how keys change it
//! live here; what a decision does to the basket, the app carries out.

use super::action::{Command, FileWrite, ListedSelection};
use super::input::with_pasted;
use super::keymap::Focus;
use crate::export::Format;
use crate::filter::FuzzyFilter;
use crate::paste::CallsOffer;
use crate::saved::Selection;
use crate::scope::PastedScopes;
use strum::EnumDiscriminants;
use tui_input::Input;

/// A popup that takes the keyboard.
#[derive(Debug, Clone)]
pub enum Modal {
    Menu(Menu),
    Prompt(Prompt),
    Confirm(Confirm),
}

/// What a command did to the open modal: it stays open (changed or not),
/// closes, or closes with a decision for the app to carry out.
#[derive(Debug)]
pub enum Step {
    /// The modal stays open, changed or not.
    Stay(Modal),
    /// The modal closes; nothing else happens.
    Close,
    /// Enter on the item at `index` of a menu of this kind.
    Chose(MenuKind, usize),
    /// Enter in a prompt: what was typed (trimmed), and the prompt to reopen
    /// when the answer is refused.
    Answered(Prompt, String),
    Yes(Pending),
    /// Ctrl-S in a preview: ask for the file to write this export text to.
    AskFile(Format, String),
}

impl Modal {
    /// A yes/no question.
    pub fn confirm(question: impl Into<String>, on_yes: Pending) -> Modal {
        Modal::Confirm(Confirm { question: question.into(), on_yes })
    }

    /// A prompt titled `title`, its answer starting as `answer`.
    pub fn prompt(purpose: PromptPurpose, title: impl Into<String>, answer: &str) -> Modal {
        Modal::prompt_at(purpose, title, answer, answer.chars().count())
    }

    /// A prompt whose answer starts as `answer` with the cursor at character `cursor`.
    pub fn prompt_at(
        purpose: PromptPurpose,
        title: impl Into<String>,
        answer: &str,
        cursor: usize,
    ) -> Modal {
        let input = Input::new(answer.into()).with_cursor(cursor);
        Modal::Prompt(Prompt { purpose, title: title.into(), input })
    }

    /// The keymap focus while this modal is open.
    pub fn focus(&self) -> Focus {
        match self {
            Modal::Menu(menu) => Focus::Menu(MenuOf::from(&menu.kind)),
            Modal::Prompt(_) => Focus::Prompt,
            Modal::Confirm(_) => Focus::Confirm,
        }
    }

    /// Applies a key-bound command; `ranker` ranks the selection picker's items.
    pub fn command(self, command: Command, ranker: &FuzzyFilter) -> Step {
        match (self, command) {
            (_, Command::CloseModal) => Step::Close,
            (Modal::Menu(mut menu), Command::Up | Command::Down) => {
                let last = menu.shown.len().saturating_sub(1);
                menu.selected = match command {
                    Command::Up => menu.selected.saturating_sub(1),
                    _ => (menu.selected + 1).min(last),
                };
                Step::Stay(Modal::Menu(menu))
            }
            (Modal::Menu(menu), Command::Choose) => match menu.current() {
                Some(index) => Step::Chose(menu.kind, index),
                None => Step::Stay(Modal::Menu(menu)),
            },
            (Modal::Menu(menu), Command::SaveToFile) => menu.write_to_file(),
            (Modal::Menu(menu), Command::DeleteItem) => menu.ask_delete(),
            (Modal::Menu(mut menu), Command::Edit(edit)) if menu.is_picker() => {
                menu.filter.handle(edit);
                Step::Stay(Modal::Menu(menu.refiltered(ranker)))
            }
            (Modal::Prompt(prompt), Command::Choose) => {
                let value = prompt.input.value().trim().to_string();
                Step::Answered(prompt, value)
            }
            (Modal::Prompt(mut prompt), Command::Edit(edit)) => {
                prompt.input.handle(edit);
                Step::Stay(Modal::Prompt(prompt))
            }
            (Modal::Confirm(confirm), Command::Yes) => Step::Yes(confirm.on_yes),
            (modal, _) => Step::Stay(modal),
        }
    }

    /// Types or pastes into the open prompt or picker filter at once; control
    /// characters (line breaks too) are dropped.
    pub fn pasted(self, text: &str, ranker: &FuzzyFilter) -> Modal {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        match self {
            Modal::Prompt(mut prompt) => {
                prompt.input = with_pasted(&prompt.input, &text);
                Modal::Prompt(prompt)
            }
            Modal::Menu(mut menu) if menu.is_picker() => {
                menu.filter = with_pasted(&menu.filter, &text);
                Modal::Menu(menu.refiltered(ranker))
            }
            other => other,
        }
    }
}

/// What a menu offers; `MenuOf`, which menu it is for the keymap, is derived from it.
#[derive(Debug, Clone, PartialEq, Eq, EnumDiscriminants)]
#[strum_discriminants(name(MenuOf))]
pub enum MenuKind {
    /// Presets to add to the basket.
    Presets,
    /// Export formats to copy or save.
    Export,
    /// Saved selections to open or delete.
    Selections(Vec<ListedSelection>),
    /// The exact text of an export, one item per line, before it is copied or written.
    Preview { format: Format, text: String },
}

/// A list of items with a highlight and, for selections, a fuzzy filter.
#[derive(Debug, Clone)]
pub struct Menu {
    pub kind: MenuKind,
    /// (label, one-line detail) per item.
    pub items: Vec<(String, String)>,
    /// The filter text (selection picker only).
    pub filter: Input,
    /// Indices of the items that pass the filter, best first.
    pub shown: Vec<usize>,
    /// The highlighted position in `shown`.
    pub selected: usize,
}

impl Menu {
    /// A menu of `items`, all shown, the first highlighted.
    pub fn new(kind: MenuKind, items: Vec<(String, String)>) -> Menu {
        let shown = (0..items.len()).collect();
        Menu { kind, items, filter: Input::default(), shown, selected: 0 }
    }

    /// The highlighted item's index in `items`.
    pub fn current(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
    }

    /// Whether it is the selection picker, the one menu with a filter.
    fn is_picker(&self) -> bool {
        matches!(self.kind, MenuKind::Selections(_))
    }

    fn refiltered(mut self, ranker: &FuzzyFilter) -> Menu {
        self.shown = ranker.rank(self.items.iter().map(|(k, _)| k.as_str()), self.filter.value());
        self.selected = 0;
        self
    }

    /// Ctrl-S: the export menu previews the format first; the preview asks for the file.
    fn write_to_file(self) -> Step {
        match (&self.kind, self.current()) {
            (MenuKind::Export, Some(index)) => Step::Chose(self.kind, index),
            (MenuKind::Preview { format, text }, _) => Step::AskFile(*format, text.clone()),
            _ => Step::Stay(Modal::Menu(self)),
        }
    }

    /// Ctrl-D in the selection picker: asks before deleting the highlighted selection.
    fn ask_delete(self) -> Step {
        match (&self.kind, self.current()) {
            (MenuKind::Selections(listed), Some(i)) => {
                let name = listed[i].name.clone();
                let question = format!("Delete the saved selection '{name}'?");
                Step::Stay(Modal::confirm(question, Pending::DeleteSelection(name)))
            }
            _ => Step::Stay(Modal::Menu(self)),
        }
    }
}

/// Which ID a prompt of the export flow asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingId {
    /// The app registration's Application (client) ID.
    AppId,
    /// The connector's redirect URI (consent URL only).
    RedirectUri,
    /// The customer's tenant (the scripts stop in any other).
    Tenant,
}

impl MissingId {
    /// What it is called in prompts and messages.
    pub fn label(self) -> &'static str {
        match self {
            MissingId::AppId => "app ID",
            MissingId::RedirectUri => "redirect URI",
            MissingId::Tenant => "tenant",
        }
    }

    /// What a valid answer looks like, for the message when one is not.
    pub fn expected(self) -> &'static str {
        match self {
            MissingId::AppId => "a GUID such as 0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            MissingId::RedirectUri => "a URI without spaces",
            MissingId::Tenant => "a tenant ID or a domain: letters, digits, '.' and '-'",
        }
    }
}

/// What a prompt's answer is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    /// The file to write this export text to.
    ExportFile(Format, String),
    /// An ID the export of this format lacks.
    ExportId(Format, MissingId),
    /// The name to save the basket under.
    SelectionName,
}

/// A one-line text prompt.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub title: String,
    pub input: Input,
}

/// What a "yes" does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Put the rows of a pasted scope string into the basket.
    LoadPasted {
        /// The rows and what else the string held.
        pasted: PastedScopes,
        /// Whether the rows are check's corrected string's.
        corrected: bool,
        /// Check's line for each unknown name (with "did you mean"), named
        /// again once the rest is loaded.
        not_loaded: Vec<String>,
    },
    /// Add the minimal basket of pasted calls.
    AddForCalls(Box<CallsOffer>),
    /// Accept a string that fails at sign-in, after all.
    AcceptFailing(String),
    /// Delete the saved selection of this name.
    DeleteSelection(String),
    /// Replace the saved selection of the same name.
    OverwriteSelection(Selection),
    /// Replace the existing file with the export.
    ReplaceFile(FileWrite),
    /// Store the typed IDs in the open selection, then go on exporting this format.
    StoreProfile(Format),
    EmptyBasket,
}

/// A yes/no question.
#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    pub on_yes: Pending,
}
