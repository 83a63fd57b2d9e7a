//! Popups that take the keyboard: the preset, export and selection menus,
//! one-line prompts and yes/no questions. Their state lives here; `App`
//! routes commands to them while one is open.

use super::action::{Command, Effect, Status};
use super::app::App;
use super::keymap::Focus;
use crate::export::{ExportOptions, Format, export};
use crate::presets::Preset;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuKind {
    /// Presets to add to the basket.
    Presets,
    /// Export formats to copy or save.
    Export,
}

/// A list of items with a highlight.
#[derive(Debug, Clone)]
pub struct Menu {
    /// What the items are.
    pub kind: MenuKind,
    /// (label, one-line detail) per item.
    pub items: Vec<(String, String)>,
    /// The highlighted item.
    pub selected: usize,
}

/// What a prompt's answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptPurpose {
    /// The file to write an export to.
    ExportFile(Format),
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
    /// Add these catalog rows to the basket.
    AddRows {
        /// Catalog indices.
        rows: Vec<usize>,
        /// Status line after adding.
        done: String,
    },
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
        self.modal = Some(Modal::Menu(Menu { kind: MenuKind::Presets, items, selected: 0 }));
    }

    /// Opens the export menu.
    pub(crate) fn open_export(&mut self) {
        let items =
            Format::ALL.iter().map(|f| (f.key().to_string(), f.describe().to_string())).collect();
        self.modal = Some(Modal::Menu(Menu { kind: MenuKind::Export, items, selected: 0 }));
    }

    /// Applies a command while a modal is open.
    pub(crate) fn modal_command(&mut self, command: Command) -> Effect {
        let Some(modal) = self.modal.take() else { return Effect::None };
        match (modal, command) {
            (_, Command::Abort) => return Effect::Abort,
            (_, Command::CloseModal) => {}
            (Modal::Menu(mut menu), Command::Up | Command::Down) => {
                let last = menu.items.len().saturating_sub(1);
                menu.selected = match command {
                    Command::Up => menu.selected.saturating_sub(1),
                    _ => (menu.selected + 1).min(last),
                };
                self.modal = Some(Modal::Menu(menu));
            }
            (Modal::Menu(menu), Command::Choose) => return self.choose(&menu),
            (Modal::Menu(menu), Command::SaveToFile) if menu.kind == MenuKind::Export => {
                let format = Format::ALL[menu.selected];
                let input = Input::new(default_file_name(format));
                let title = format!("Write the {format} export to which file?");
                let purpose = PromptPurpose::ExportFile(format);
                self.modal = Some(Modal::Prompt(Prompt { purpose, title, input }));
            }
            (Modal::Prompt(prompt), Command::Choose) => return self.answer(prompt),
            (Modal::Prompt(mut prompt), Command::Edit(edit)) => {
                prompt.input.handle(super::app::edit_request(edit));
                self.modal = Some(Modal::Prompt(prompt));
            }
            (Modal::Confirm(confirm), Command::Yes) => self.on_yes(confirm.on_yes),
            (modal, _) => self.modal = Some(modal),
        }
        Effect::None
    }

    /// Types a character into the open prompt.
    pub(crate) fn modal_type(&mut self, c: char) -> Effect {
        if let Some(Modal::Prompt(prompt)) = &mut self.modal {
            prompt.input.handle(InputRequest::InsertChar(c));
        }
        Effect::None
    }

    fn choose(&mut self, menu: &Menu) -> Effect {
        match menu.kind {
            MenuKind::Presets => {
                let preset = Preset::ALL[menu.selected];
                let rows = preset.rows(&self.catalog, self.mode);
                let done = format!("preset {preset} ({})", self.mode);
                self.on_yes(Pending::AddRows { rows, done });
                Effect::None
            }
            MenuKind::Export => match self.export_text(Format::ALL[menu.selected]) {
                Some(text) => {
                    Effect::CopyText { what: Format::ALL[menu.selected].key().into(), text }
                }
                None => Effect::None,
            },
        }
    }

    fn answer(&mut self, prompt: Prompt) -> Effect {
        let PromptPurpose::ExportFile(format) = prompt.purpose;
        let path = prompt.input.value().trim().to_string();
        if path.is_empty() {
            self.status = Some(Status::error("No file name: nothing written."));
            return Effect::None;
        }
        match self.export_text(format) {
            Some(text) => {
                Effect::WriteFile { path, contents: text + "\n", what: format.key().into() }
            }
            None => Effect::None,
        }
    }

    /// The export of the basket in `format`, or `None` with the error in the status line.
    fn export_text(&mut self, format: Format) -> Option<String> {
        let rows: Vec<_> = self.basket.iter().map(|&i| &self.catalog.permissions[i]).collect();
        match export(&rows, self.mode, format, &ExportOptions::default()) {
            Ok(text) => Some(text),
            Err(err) => {
                self.status = Some(Status::error(format!("Cannot export {format}: {err}")));
                None
            }
        }
    }

    fn on_yes(&mut self, pending: Pending) {
        match pending {
            Pending::AddRows { rows, done } => {
                let before = self.basket.len();
                for row in rows {
                    if !self.basket.contains(&row) {
                        self.basket.push(row);
                    }
                }
                let added = self.basket.len() - before;
                self.status = Some(Status::info(format!("Added {added} permissions: {done}")));
                self.rebuild();
            }
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
