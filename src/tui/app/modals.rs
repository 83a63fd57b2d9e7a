//! Opening the menus, prompts and questions, and carrying out what the user
//! decided in them (`crate::tui::modal` holds their state and keys).

use super::App;
use crate::catalog::AuthMode;
use crate::choice::Choice;
use crate::export::Format;
use crate::presets::Preset;
use crate::saved::{Selection, resolve, saved_permissions, validate_name};
use crate::text::{counted, plural};
use crate::tui::action::{Action, Command, Effect, FileWrite, IfExists, ListedSelection, Status};
use crate::tui::keymap::Focus;
use crate::tui::modal::{Menu, MenuKind, Modal, Pending, Prompt, PromptPurpose, Step};

/// The preset menu's last item: the Intrexx rows of both modes.
const BOTH_MODES: &str = "intrexx (both modes)";

impl App {
    /// Opens the preset menu, with how many rows each preset adds in this mode.
    pub(crate) fn open_presets(&mut self) {
        let mut items: Vec<(String, String)> = Preset::ALL
            .iter()
            .map(|p| {
                let n = p.rows(&self.catalog, self.mode).len();
                (
                    p.key().to_string(),
                    format!(
                        "{n} {} {}: {}",
                        self.mode,
                        plural(n, "permission", "permissions"),
                        p.describe()
                    ),
                )
            })
            .collect();
        let count = |mode| Preset::Intrexx.rows(&self.catalog, mode).len();
        let (delegated, application) = (count(AuthMode::Delegated), count(AuthMode::Application));
        items.push((
            BOTH_MODES.to_string(),
            format!("{delegated} Delegated + {application} Application permissions"),
        ));
        self.modal = Some(Modal::Menu(Menu::new(MenuKind::Presets, items)));
    }

    /// Opens the export menu.
    pub(crate) fn open_export(&mut self) {
        // Each export asks again for an ID left empty before (the picker's way to fill it).
        self.asked.clear();
        let items =
            Format::ALL.iter().map(|f| (f.key().to_string(), f.describe().to_string())).collect();
        self.modal = Some(Modal::Menu(Menu::new(MenuKind::Export, items)));
    }

    /// Opens the selection picker on what the runner read.
    pub(crate) fn open_selections(&mut self, listed: Vec<ListedSelection>) {
        if listed.is_empty() {
            let text = "No saved selections yet: Alt-S saves the basket under a name.";
            self.set_status(Status::error(text));
            return;
        }
        let items = listed
            .iter()
            .map(|l| {
                let detail = match &l.selection {
                    Ok(s) => {
                        let count = counted(s.permissions.len(), "permission");
                        format!("{} · {} · {count}", s.mode, s.style)
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
        self.modal = Some(Modal::prompt(PromptPurpose::SelectionName, title, ""));
    }

    /// Asks once before Enter accepts a string the sign-in rejects.
    pub(crate) fn ask_accept_failing(&mut self) {
        let question = "This string fails at sign-in: Application mode takes only .default \
                        (AADSTS1002012; Ctrl-S picks the style). Accept it anyway?";
        let on_yes = Pending::AcceptFailing(self.built.scope.clone());
        self.modal = Some(Modal::confirm(question, on_yes));
    }

    /// Asks before replacing a saved selection.
    pub(crate) fn ask_overwrite(&mut self, selection: Selection) {
        let question = format!("A selection '{}' exists. Replace it?", selection.name);
        self.modal = Some(Modal::confirm(question, Pending::OverwriteSelection(selection)));
    }

    /// Asks before an export replaces an existing file.
    pub(crate) fn ask_replace_file(&mut self, file: FileWrite) {
        let question =
            format!("The file {} exists. Replace it with the {} export?", file.path, file.what);
        self.modal = Some(Modal::confirm(question, Pending::ReplaceFile(file)));
    }

    /// Asks once before emptying the basket.
    pub(crate) fn ask_empty_basket(&mut self) {
        if self.basket.is_empty() {
            self.set_status(Status::error("The basket is empty already."));
            return;
        }
        let question = format!("Empty the basket ({})?", counted(self.basket.len(), "permission"));
        self.modal = Some(Modal::confirm(question, Pending::EmptyBasket));
    }

    /// Applies an action that [`goes_to_the_modal`] to the open `modal`.
    pub(super) fn modal_action(&mut self, modal: Modal, action: Action) -> Effect {
        let ranker = &self.filter;
        match action {
            Action::Command(Command::Abort) => Effect::Abort,
            Action::Command(Command::Suspend) => {
                self.modal = Some(modal);
                Effect::Suspend
            }
            Action::Command(command) => match modal.command(command, ranker) {
                Step::Stay(modal) => {
                    self.modal = Some(modal);
                    Effect::None
                }
                Step::Close => Effect::None,
                Step::Chose(kind, index) => self.choose(kind, index),
                Step::Answered(prompt, value) => self.answer(prompt, value),
                Step::Yes(pending) => self.on_yes(pending),
                Step::AskFile(format, text) => {
                    self.ask_export_file(format, text);
                    Effect::None
                }
            },
            Action::Type(c) => {
                self.modal = Some(modal.pasted(&c.to_string(), ranker));
                Effect::None
            }
            Action::Paste(text) => {
                self.modal = Some(modal.pasted(&text, ranker));
                Effect::None
            }
            Action::Scroll(delta) => {
                let command = if delta < 0 { Command::Up } else { Command::Down };
                if let Step::Stay(modal) = modal.command(command, ranker) {
                    self.modal = Some(modal);
                }
                Effect::None
            }
            // A click lands on the modal, not on the list behind it.
            _ => {
                self.modal = Some(modal);
                Effect::None
            }
        }
    }

    /// Asks for the file to write an export to, offering an absolute path so
    /// the user sees where it goes before Enter.
    fn ask_export_file(&mut self, format: Format, text: String) {
        let name = format!("scopepick-{}.{}", format.key(), format.spec().extension);
        let offered = self.work_dir.join(name);
        let title = format!(
            "Write the {format} export to which file? (a name alone goes in {})",
            self.work_dir.display()
        );
        let purpose = PromptPurpose::ExportFile(format, text);
        self.modal = Some(Modal::prompt(purpose, title, &offered.to_string_lossy()));
    }

    fn choose(&mut self, kind: MenuKind, index: usize) -> Effect {
        match kind {
            MenuKind::Presets => {
                let (preset, rows, modes) = match Preset::ALL.get(index) {
                    Some(&preset) => {
                        (preset, preset.rows(&self.catalog, self.mode), self.mode.to_string())
                    }
                    None => {
                        let both = [AuthMode::Delegated, AuthMode::Application];
                        let rows =
                            both.iter().flat_map(|&m| Preset::Intrexx.rows(&self.catalog, m));
                        (Preset::Intrexx, rows.collect(), "both modes".to_string())
                    }
                };
                let before = self.basket.len();
                self.add_rows(rows);
                self.active_preset = Some(preset);
                let added = self.basket.len() - before;
                let text =
                    format!("Added {}: preset {preset} ({modes})", counted(added, "permission"));
                self.set_status(Status::info(text));
                Effect::None
            }
            MenuKind::Export => self.start_export(Format::ALL[index]),
            MenuKind::Preview { format, text } => {
                let what = format!("the {} export ({} chars)", format.key(), text.chars().count());
                Effect::CopyText { what, text }
            }
            MenuKind::Selections(mut listed) => {
                match listed.swap_remove(index).selection {
                    Ok(selection) => self.open_selection(&selection),
                    Err(e) => self.set_status(Status::error(format!("Cannot open: {e}"))),
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
        let mut text = format!(
            "Opened selection '{}' ({})",
            selection.name,
            counted(self.basket.len(), "permission")
        );
        if !resolved.missing.is_empty() {
            let missing: Vec<&str> = resolved.missing.iter().map(|p| p.name.as_str()).collect();
            text += &format!("; not in this catalog: {}", missing.join(", "));
        }
        self.set_status(Status::info(text));
    }

    fn answer(&mut self, prompt: Prompt, value: String) -> Effect {
        // An error about an earlier answer is stale now; a new one replaces it.
        if self.status.as_ref().is_some_and(|s| s.is_error) {
            self.status = None;
        }
        match prompt.purpose {
            PromptPurpose::ExportFile(..) | PromptPurpose::SelectionName if value.is_empty() => {
                self.set_status(Status::error("Nothing typed: nothing written."));
                Effect::None
            }
            PromptPurpose::ExportFile(format, text) => {
                // Where the prompt said: a relative answer is taken in the directory it named.
                let path = self.work_dir.join(&value).to_string_lossy().into_owned();
                let file = FileWrite { path, contents: text + "\n", what: format.key().into() };
                Effect::WriteFile { file, if_exists: IfExists::Ask }
            }
            PromptPurpose::ExportId(format, id) => self.answer_id(format, id, value),
            PromptPurpose::SelectionName => {
                if let Err(e) = validate_name(&value) {
                    self.set_status(Status::error(e.to_string()));
                    let cursor = e.position(&value);
                    self.modal =
                        Some(Modal::prompt_at(prompt.purpose, prompt.title, &value, cursor));
                    return Effect::None;
                }
                let selection = self.selection_named(value);
                self.open_selection = Some(selection.clone());
                Effect::SaveSelection { selection, if_exists: IfExists::Ask }
            }
        }
    }

    /// The basket, mode and style as a selection called `name`.
    fn selection_named(&self, name: String) -> Selection {
        let rows = self.basket_rows();
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
            Pending::AcceptFailing(text) => return Effect::Accept(text),
            Pending::LoadPasted { pasted, corrected, not_loaded } => {
                self.load_pasted(pasted, corrected, &not_loaded)
            }
            Pending::AddForCalls(offer) => self.add_for_calls(*offer),
            Pending::DeleteSelection(name) => return Effect::DeleteSelection(name),
            Pending::OverwriteSelection(selection) => {
                return Effect::SaveSelection { selection, if_exists: IfExists::Replace };
            }
            Pending::ReplaceFile(file) => {
                return Effect::WriteFile { file, if_exists: IfExists::Replace };
            }
            Pending::StoreProfile(format) => return self.store_profile(format),
            Pending::EmptyBasket => {
                let removed = counted(self.basket.len(), "permission");
                self.basket.clear();
                self.active_preset = None;
                self.basket_selected = 0;
                self.basket_offset = 0;
                if self.focus == Focus::Basket {
                    self.focus = Focus::List;
                }
                self.rebuild();
                self.set_status(Status::info(format!("Emptied the basket ({removed} removed)")));
            }
        }
        Effect::None
    }
}

/// Whether an open modal takes `action`: keys (but the help's), typing,
/// pastes and the mouse. Resizes, reports and results go to the app.
pub(super) fn goes_to_the_modal(action: &Action) -> bool {
    match action {
        Action::Command(command) => *command != Command::ToggleHelp,
        Action::Type(_) | Action::Paste(_) | Action::Scroll(_) | Action::Click(..) => true,
        _ => false,
    }
}
