//! Popups that take the keyboard: the preset, export and selection menus,
//! one-line prompts and yes/no questions. Their state lives here; `App`
//! routes commands to them while one is open.

use super::action::{Command, Effect, ListedSelection, Status};
use super::app::{App, edit_request, with_pasted};
use super::export_flow::MissingId;
use super::keymap::Focus;
use crate::choice::Choice;
use crate::export::Format;
use crate::presets::Preset;
use crate::saved::{Selection, resolve, saved_permissions, validate_name};
use crate::scope::PastedScopes;
use crate::text::counted;
use tui_input::{Input, InputRequest};

/// A popup that takes the keyboard.
#[derive(Debug, Clone)]
pub enum Modal {
    /// Pick one item from a list.
    Menu(Menu),
    /// Type one line.
    Prompt(Prompt),
    /// Answer yes or no.
    Confirm(Confirm),
}

impl Modal {
    /// The keymap focus while this modal is open.
    pub fn focus(&self) -> Focus {
        match self {
            Modal::Menu(_) => Focus::Menu,
            Modal::Prompt(_) => Focus::Prompt,
            Modal::Confirm(_) => Focus::Confirm,
        }
    }
}

/// What a menu offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuKind {
    /// Presets to add to the basket.
    Presets,
    /// Export formats to copy or save.
    Export,
    /// Saved selections to open or delete.
    Selections(Vec<ListedSelection>),
    /// The exact text of an export, one item per line, before it is copied or written.
    Preview {
        /// The format.
        format: Format,
        /// The text.
        text: String,
    },
}

/// A list of items with a highlight and, for selections, a fuzzy filter.
#[derive(Debug, Clone)]
pub struct Menu {
    /// What the items are.
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
    pub(crate) fn new(kind: MenuKind, items: Vec<(String, String)>) -> Menu {
        let shown = (0..items.len()).collect();
        Menu { kind, items, filter: Input::default(), shown, selected: 0 }
    }

    /// The highlighted item's index in `items`.
    pub fn current(&self) -> Option<usize> {
        self.shown.get(self.selected).copied()
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
    /// What the answer is for.
    pub purpose: PromptPurpose,
    /// The question.
    pub title: String,
    /// The answer being typed.
    pub input: Input,
}

/// What a "yes" does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// Put the rows of a pasted scope string into the basket.
    LoadPasted(PastedScopes),
    /// Accept a string that fails at sign-in, after all.
    AcceptFailing(String),
    /// Delete the saved selection of this name.
    DeleteSelection(String),
    /// Replace the saved selection of the same name.
    OverwriteSelection(Selection),
    /// Store the typed IDs in the open selection, then go on exporting this format.
    StoreProfile(Format),
}

/// A yes/no question.
#[derive(Debug, Clone)]
pub struct Confirm {
    /// The question, one line.
    pub question: String,
    /// What yes does.
    pub on_yes: Pending,
}

impl App {
    /// Opens the preset menu, with how many rows each preset adds in this mode.
    pub(crate) fn open_presets(&mut self) {
        let items = Preset::ALL
            .iter()
            .map(|p| {
                let n = p.rows(&self.catalog, self.mode).len();
                (p.key().to_string(), format!("{n} {} permissions: {}", self.mode, p.describe()))
            })
            .collect();
        self.modal = Some(Modal::Menu(Menu::new(MenuKind::Presets, items)));
    }

    /// Opens the export menu.
    pub(crate) fn open_export(&mut self) {
        let items =
            Format::ALL.iter().map(|f| (f.key().to_string(), f.describe().to_string())).collect();
        self.modal = Some(Modal::Menu(Menu::new(MenuKind::Export, items)));
    }

    /// Opens the selection picker on what the runner read.
    pub(crate) fn open_selections(&mut self, listed: Vec<ListedSelection>) {
        if listed.is_empty() {
            let text = "No saved selections yet: Alt-S saves the basket under a name.";
            self.status = Some(Status::error(text));
            return;
        }
        let items = listed
            .iter()
            .map(|l| {
                let detail = match &l.selection {
                    Ok(s) => {
                        format!(
                            "{} · {} · {}",
                            s.mode,
                            s.style,
                            counted(s.permissions.len(), "permission")
                        )
                    }
                    Err(e) => format!("damaged: {e}"),
                };
                (l.name.clone(), detail)
            })
            .collect();
        self.modal = Some(Modal::Menu(Menu::new(MenuKind::Selections(listed), items)));
    }

    /// Asks for a name to save the basket under.
    pub(crate) fn ask_selection_name(&mut self) {
        let title = "Save the basket as which selection? (letters, digits, - _ . and spaces)";
        let purpose = PromptPurpose::SelectionName;
        self.modal =
            Some(Modal::Prompt(Prompt { purpose, title: title.into(), input: Input::default() }));
    }

    /// Asks before putting a pasted scope string into the basket.
    pub(crate) fn ask_load_pasted(&mut self, pasted: PastedScopes) {
        let mut question = format!("Load {} permissions into the basket?", pasted.rows.len());
        if !pasted.unknown.is_empty() {
            question += &format!(" (not in the catalog: {})", pasted.unknown.join(", "));
        }
        self.modal =
            Some(Modal::Confirm(Confirm { question, on_yes: Pending::LoadPasted(pasted) }));
    }

    /// Asks once before Enter accepts a string the sign-in rejects.
    pub(crate) fn ask_accept_failing(&mut self) {
        let question = "This string fails at sign-in: Application mode takes only .default \
                        (AADSTS1002012; Ctrl-S picks the style). Accept it anyway?"
            .to_string();
        let on_yes = Pending::AcceptFailing(self.built.scope.clone());
        self.modal = Some(Modal::Confirm(Confirm { question, on_yes }));
    }

    /// Asks before replacing a saved selection.
    pub(crate) fn ask_overwrite(&mut self, selection: Selection) {
        let question = format!("A selection '{}' exists. Replace it?", selection.name);
        let on_yes = Pending::OverwriteSelection(selection);
        self.modal = Some(Modal::Confirm(Confirm { question, on_yes }));
    }

    /// Applies a command while a modal is open.
    pub(crate) fn modal_command(&mut self, command: Command) -> Effect {
        let Some(modal) = self.modal.take() else { return Effect::None };
        match (modal, command) {
            (_, Command::Abort) => return Effect::Abort,
            (modal, Command::Suspend) => {
                self.modal = Some(modal);
                return Effect::Suspend;
            }
            (_, Command::CloseModal) => {}
            (Modal::Menu(mut menu), Command::Up | Command::Down) => {
                let last = menu.shown.len().saturating_sub(1);
                menu.selected = match command {
                    Command::Up => menu.selected.saturating_sub(1),
                    _ => (menu.selected + 1).min(last),
                };
                self.modal = Some(Modal::Menu(menu));
            }
            (Modal::Menu(menu), Command::Choose) => return self.choose(menu),
            (Modal::Menu(menu), Command::SaveToFile) if menu.kind == MenuKind::Export => {
                return self.choose(menu);
            }
            (
                Modal::Menu(Menu { kind: MenuKind::Preview { format, text }, .. }),
                Command::SaveToFile,
            ) => {
                let input = Input::new(default_file_name(format));
                let title = format!("Write the {format} export to which file?");
                let purpose = PromptPurpose::ExportFile(format, text);
                self.modal = Some(Modal::Prompt(Prompt { purpose, title, input }));
            }
            (Modal::Menu(menu), Command::DeleteItem) => self.ask_delete(menu),
            (Modal::Menu(mut menu), Command::Edit(edit)) => {
                menu.filter.handle(edit_request(edit));
                self.modal = Some(Modal::Menu(self.refilter_menu(menu)));
            }
            (Modal::Prompt(prompt), Command::Choose) => return self.answer(prompt),
            (Modal::Prompt(mut prompt), Command::Edit(edit)) => {
                prompt.input.handle(edit_request(edit));
                self.modal = Some(Modal::Prompt(prompt));
            }
            (Modal::Confirm(confirm), Command::Yes) => return self.on_yes(confirm.on_yes),
            (modal, _) => self.modal = Some(modal),
        }
        Effect::None
    }

    /// Types a character into the open prompt or the selection picker's filter.
    pub(crate) fn modal_type(&mut self, c: char) -> Effect {
        match self.modal.take() {
            Some(Modal::Prompt(mut prompt)) => {
                prompt.input.handle(InputRequest::InsertChar(c));
                self.modal = Some(Modal::Prompt(prompt));
            }
            Some(Modal::Menu(mut menu)) if matches!(menu.kind, MenuKind::Selections(_)) => {
                menu.filter.handle(InputRequest::InsertChar(c));
                self.modal = Some(Modal::Menu(self.refilter_menu(menu)));
            }
            other => self.modal = other,
        }
        Effect::None
    }

    /// Pastes into the open prompt or picker filter at once; control
    /// characters (line breaks too) are dropped.
    pub(crate) fn modal_paste(&mut self, text: &str) -> Effect {
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        let text = text.as_str();
        match self.modal.take() {
            Some(Modal::Prompt(mut prompt)) => {
                prompt.input = with_pasted(&prompt.input, text);
                self.modal = Some(Modal::Prompt(prompt));
            }
            Some(Modal::Menu(mut menu)) if matches!(menu.kind, MenuKind::Selections(_)) => {
                menu.filter = with_pasted(&menu.filter, text);
                self.modal = Some(Modal::Menu(self.refilter_menu(menu)));
            }
            other => self.modal = other,
        }
        Effect::None
    }

    fn refilter_menu(&self, mut menu: Menu) -> Menu {
        menu.shown = self
            .search
            .filter()
            .rank(menu.items.iter().map(|(k, _)| k.as_str()), menu.filter.value());
        menu.selected = 0;
        menu
    }

    fn ask_delete(&mut self, menu: Menu) {
        let name = match (&menu.kind, menu.current()) {
            (MenuKind::Selections(listed), Some(i)) => listed[i].name.clone(),
            _ => {
                self.modal = Some(Modal::Menu(menu));
                return;
            }
        };
        let question = format!("Delete the saved selection '{name}'?");
        self.modal =
            Some(Modal::Confirm(Confirm { question, on_yes: Pending::DeleteSelection(name) }));
    }

    fn choose(&mut self, menu: Menu) -> Effect {
        let Some(index) = menu.current() else { return Effect::None };
        match menu.kind {
            MenuKind::Presets => {
                let preset = Preset::ALL[index];
                let before = self.basket.len();
                self.add_rows(preset.rows(&self.catalog, self.mode));
                let added = self.basket.len() - before;
                let text = format!("Added {added} permissions: preset {preset} ({})", self.mode);
                self.status = Some(Status::info(text));
                Effect::None
            }
            MenuKind::Export => self.start_export(Format::ALL[index]),
            MenuKind::Preview { format, text } => {
                Effect::CopyText { what: format.key().into(), text }
            }
            MenuKind::Selections(mut listed) => {
                match listed.swap_remove(index).selection {
                    Ok(selection) => self.open_selection(&selection),
                    Err(e) => self.status = Some(Status::error(format!("Cannot open: {e}"))),
                }
                Effect::None
            }
        }
    }

    /// Replaces basket, mode and style with a saved selection's.
    fn open_selection(&mut self, selection: &Selection) {
        let resolved = resolve(&self.catalog, &selection.permissions);
        self.load_basket(resolved.rows, selection.mode, selection.style);
        if let Some(cloud) = selection.profile.cloud {
            self.set_cloud(cloud);
        }
        self.open_selection = Some(selection.clone());
        let mut text =
            format!("Opened selection '{}' ({} permissions)", selection.name, self.basket.len());
        if !resolved.missing.is_empty() {
            let missing: Vec<&str> = resolved.missing.iter().map(|p| p.name.as_str()).collect();
            text += &format!("; not in this catalog: {}", missing.join(", "));
        }
        self.status = Some(Status::info(text));
    }

    fn answer(&mut self, prompt: Prompt) -> Effect {
        let value = prompt.input.value().trim().to_string();
        match prompt.purpose {
            PromptPurpose::ExportFile(..) | PromptPurpose::SelectionName if value.is_empty() => {
                self.status = Some(Status::error("Nothing typed: nothing written."));
                Effect::None
            }
            PromptPurpose::ExportFile(format, text) => {
                Effect::WriteFile { path: value, contents: text + "\n", what: format.key().into() }
            }
            PromptPurpose::ExportId(format, id) => self.answer_id(format, id, value),
            PromptPurpose::SelectionName => {
                if let Err(e) = validate_name(&value) {
                    self.status = Some(Status::error(e.to_string()));
                    self.modal = Some(Modal::Prompt(prompt));
                    return Effect::None;
                }
                let selection = self.selection_named(value);
                self.open_selection = Some(selection.clone());
                Effect::SaveSelection { selection, overwrite: false }
            }
        }
    }

    /// The basket, mode and style as a selection called `name`.
    fn selection_named(&self, name: String) -> Selection {
        let rows: Vec<_> = self.basket.iter().map(|&i| &self.catalog.permissions[i]).collect();
        Selection {
            name,
            mode: self.mode,
            style: self.style,
            permissions: saved_permissions(&rows),
            profile: self.profile(),
        }
    }

    fn on_yes(&mut self, pending: Pending) -> Effect {
        match pending {
            Pending::AcceptFailing(text) => Effect::Accept(text),
            Pending::LoadPasted(pasted) => {
                if self.basket.is_empty() && pasted.mode != self.mode {
                    // Like switching the mode: each mode keeps its own style.
                    self.mode = pasted.mode;
                    std::mem::swap(&mut self.style, &mut self.other_style);
                }
                if self.basket.is_empty() {
                    self.cloud = pasted.cloud;
                }
                let before = self.basket.len();
                self.add_rows(pasted.rows);
                let mut text = format!(
                    "Loaded {} permissions from the pasted string",
                    self.basket.len() - before
                );
                if let Some(guess) = pasted.guess {
                    text += &format!("; {guess}");
                }
                if !pasted.unknown.is_empty() {
                    text += &format!("; not in the catalog: {}", pasted.unknown.join(", "));
                }
                self.status = Some(Status::info(text));
                Effect::None
            }
            Pending::DeleteSelection(name) => Effect::DeleteSelection(name),
            Pending::OverwriteSelection(selection) => {
                Effect::SaveSelection { selection, overwrite: true }
            }
            Pending::StoreProfile(format) => self.store_profile(format),
        }
    }
}

/// `scopepick-manifest.json` and the like, in the current directory.
fn default_file_name(format: Format) -> String {
    let extension = match format {
        Format::Manifest => "json",
        Format::Az => "sh",
        Format::Powershell => "ps1",
        Format::ConsentUrl => "txt",
        Format::Markdown => "md",
        Format::Csv => "csv",
    };
    format!("scopepick-{}.{extension}", format.key())
}
