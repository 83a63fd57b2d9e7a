//! The export menu's flow: ask once for a missing app ID, tenant (scripts)
//! or redirect URI (and offer to store it in the open selection), then
//! preview the exact text; Enter copies it, Ctrl-S writes it to a file.

use super::App;
use crate::catalog::is_guid;
use crate::export::{
    APP_ID_NOTE, DEFAULT_TENANT, ExportOptions, Format, check_profile, export, random_state,
};
use crate::saved::{Profile, Selection};
use crate::tui::action::{Effect, IfExists, Status};
use crate::tui::modal::{Menu, MenuKind, MissingId, Modal, Pending, PromptPurpose};

impl App {
    /// The IDs the exports use: the open selection's, then those typed in this session.
    pub(crate) fn profile(&self) -> Profile {
        let open = self.open_selection.as_ref().map(|s| s.profile.clone()).unwrap_or_default();
        open.updated_with(&self.typed_profile)
    }

    /// Starts the export of the basket in `format`: a prompt for the first
    /// missing ID not asked yet, else the preview.
    pub(crate) fn start_export(&mut self, format: Format) -> Effect {
        let profile = self.profile();
        let spec = format.spec();
        let missing = if spec.needs_app_id
            && profile.app_id.is_none()
            && !self.asked.contains(&MissingId::AppId)
        {
            Some(MissingId::AppId)
        } else if spec.signs_in_to_tenant
            && profile.tenant.is_none()
            && !self.asked.contains(&MissingId::Tenant)
        {
            Some(MissingId::Tenant)
        } else if spec.needs_redirect_uri && profile.redirect_uri.is_none() {
            Some(MissingId::RedirectUri)
        } else {
            None
        };
        match missing {
            Some(id) => self.ask_id(format, id, "", 0),
            None => self.preview(format),
        }
        Effect::None
    }

    /// Opens the prompt for `id`, its answer starting as `answer` with the cursor at `cursor`.
    fn ask_id(&mut self, format: Format, id: MissingId, answer: &str, cursor: usize) {
        let title = match id {
            MissingId::AppId => {
                "App (client) ID of the app registration? (a GUID; empty keeps <APP_ID>)"
            }
            MissingId::RedirectUri => "The connector's redirect URI? (the consent URL needs it)",
            MissingId::Tenant => {
                "Customer's tenant ID or domain? (empty: the script asks to confirm the signed-in one)"
            }
        };
        let purpose = PromptPurpose::ExportId(format, id);
        self.modal = Some(Modal::prompt_at(purpose, title, answer, cursor));
    }

    /// Takes a typed ID, offers to store it in the open selection, goes on.
    pub(crate) fn answer_id(&mut self, format: Format, id: MissingId, value: String) -> Effect {
        self.asked.push(id);
        if value.is_empty() {
            if id == MissingId::RedirectUri {
                self.set_status(Status::error("No redirect URI: the consent URL needs one."));
                return Effect::None;
            }
            return self.start_export(format);
        }
        if let Some(bad) = first_invalid(id, &value) {
            // The answer stays, the cursor on what to fix: a GUID is not typed twice.
            self.asked.retain(|a| *a != id);
            let text = format!("Not a valid {}: {value:?} ({})", id.label(), id.expected());
            self.set_status(Status::error(text));
            self.ask_id(format, id, &value, bad);
            return Effect::None;
        }
        match id {
            MissingId::AppId => self.typed_profile.app_id = Some(value.to_ascii_lowercase()),
            MissingId::RedirectUri => self.typed_profile.redirect_uri = Some(value),
            MissingId::Tenant => self.typed_profile.tenant = Some(value),
        }
        if let Some(open) = &self.open_selection {
            let question =
                format!("Store the {} in the selection '{}' too?", id.label(), open.name);
            self.modal = Some(Modal::confirm(question, Pending::StoreProfile(format)));
            return Effect::None;
        }
        self.start_export(format)
    }

    /// Stores the typed IDs in the open selection and goes on with the export.
    pub(crate) fn store_profile(&mut self, format: Format) -> Effect {
        let Some(open) = self.open_selection.take() else { return self.start_export(format) };
        let updated = Selection { profile: open.profile.updated_with(&self.typed_profile), ..open };
        self.open_selection = Some(updated.clone());
        let _ = self.start_export(format);
        Effect::SaveSelection { selection: updated, if_exists: IfExists::Replace }
    }

    /// Opens the preview of the export, or says why there is none.
    fn preview(&mut self, format: Format) {
        let rows = self.basket_rows();
        let profile = self.profile();
        let options = ExportOptions {
            app_id: profile.app_id,
            tenant: profile.tenant.unwrap_or_else(|| DEFAULT_TENANT.to_string()),
            redirect_uri: profile.redirect_uri,
            state: format.spec().needs_redirect_uri.then(random_state),
            cloud: self.cloud,
        };
        match export(&rows, self.mode, format, &options) {
            Ok(out) => {
                let items = out.text.lines().map(|l| (l.to_string(), String::new())).collect();
                let kind = MenuKind::Preview { format, text: out.text };
                self.modal = Some(Modal::Menu(Menu::new(kind, items)));
                if !out.notes.is_empty() {
                    let notes: Vec<&str> = out.notes.iter().map(|n| in_the_picker(n)).collect();
                    self.set_status(Status::info(notes.join(" · ")));
                }
            }
            Err(err) => self.set_status(Status::error(format!("Cannot export {format}: {err}"))),
        }
    }
}

/// Where `value` stops being a valid `id` (in characters), `None` when it is valid.
fn first_invalid(id: MissingId, value: &str) -> Option<usize> {
    let chars = || value.chars().enumerate();
    match id {
        MissingId::AppId if is_guid(value) => None,
        MissingId::AppId => {
            const HYPHENS: [usize; 4] = [8, 13, 18, 23];
            let wrong = |(i, c): &(usize, char)| {
                *i >= 36 || if HYPHENS.contains(i) { *c != '-' } else { !c.is_ascii_hexdigit() }
            };
            Some(chars().find(wrong).map_or(value.chars().count(), |(i, _)| i))
        }
        MissingId::RedirectUri => {
            chars().find(|(_, c)| c.is_whitespace() || c.is_control()).map(|(i, _)| i)
        }
        MissingId::Tenant => {
            let profile = Profile { tenant: Some(value.to_string()), ..Profile::default() };
            check_profile(&profile).err()?;
            let bad = chars().find(|(_, c)| !c.is_ascii_alphanumeric() && !".-".contains(*c));
            Some(bad.map_or(0, |(i, _)| i))
        }
    }
}

/// An export note as the picker says it: the CLI's `--app-id` becomes the picker's own way.
fn in_the_picker(note: &str) -> &str {
    if note == APP_ID_NOTE {
        "note: <APP_ID> is a placeholder: export again (Alt-E or F5) and type the app \
         registration's Application (client) ID, or open a selection that stores it (Alt-O)"
    } else {
        note
    }
}
