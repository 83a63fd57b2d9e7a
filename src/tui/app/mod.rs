//! The TUI state and its one entry point, `update(Action) -> Effect`. No I/O
//! here. The parts of `App` live in the submodules: the basket, filtering
//! and sorting, moving on screen, the modals' decisions and the export flow.

mod basket;
mod basket_view;
mod export_flow;
mod filters;
mod modals;
mod navigate;
mod paste;

pub use filters::{OtherRows, SortOrder};

use super::action::{Action, Command, Effect, Status};
use super::input::with_pasted;
use super::keymap::Focus;
use super::layout::Panes;
use super::modal::{MissingId, Modal};
use crate::catalog::{AuthMode, Catalog, Cloud, IntrexxRole, Permission, PermissionType};
use crate::filter::Consent;
use crate::filter::{Criteria, Filtered, FuzzyFilter, Hit};
use crate::presets::Preset;
use crate::saved::{Profile, Selection};
use crate::scope::{BuildOutput, ScopeForm, build};
use basket_view::BasketView;
use filters::{Change, Reselect};
use ratatui::layout::Rect;
use std::path::PathBuf;
use tui_input::{Input, InputRequest};

/// How many status lines the messages popup keeps.
const MESSAGES_KEPT: usize = 100;

/// Everything the screen shows, and nothing the screen computes.
pub struct App {
    pub(crate) catalog: Catalog,
    /// Where the catalog came from, for the header.
    pub(crate) catalog_label: String,
    /// The search, also for highlighting and ranking other lists.
    pub(crate) filter: FuzzyFilter,
    /// The rows on show, best first: the search's result, or the rows that
    /// allow an API call (`GET /me/events`).
    found: Filtered,
    /// The rows on show in `sort` order, when it is not relevance.
    sorted: Option<Vec<Hit>>,
    /// How to place the highlight once a pending pass completes.
    reselect: Option<Reselect>,
    pub(crate) input: Input,
    pub(crate) type_filter: Option<PermissionType>,
    pub(crate) consent_filter: Option<Consent>,
    pub(crate) role_filter: Option<IntrexxRole>,
    /// Rows whose type does not fit the mode: dimmed or hidden.
    pub(crate) other_rows: OtherRows,
    /// The order of the rows on show.
    pub(crate) sort: SortOrder,
    /// Highlighted position in `hits`.
    pub(crate) selected: usize,
    /// First visible position in `hits`.
    pub(crate) offset: usize,
    /// Catalog indices in the order they were added.
    pub(crate) basket: Vec<usize>,
    pub(crate) basket_selected: usize,
    pub(crate) basket_offset: usize,
    pub(crate) focus: Focus,
    /// The focus to return to when the help or messages popup closes.
    focus_before_popup: Focus,
    /// The open menu, prompt or question, if any.
    pub(crate) modal: Option<Modal>,
    /// How far the help or messages popup is scrolled.
    pub(crate) popup_scroll: u16,
    /// Whether the details and basket panes show.
    pub(crate) panes: Panes,
    pub(crate) mode: AuthMode,
    /// The style of the current mode.
    pub(crate) style: ScopeForm,
    /// The style remembered for the other mode, restored when switching to it.
    pub(crate) other_style: ScopeForm,
    /// The cloud whose hosts the string uses.
    pub(crate) cloud: Cloud,
    /// The status line: the latest message.
    pub(crate) status: Option<Status>,
    /// The recent status lines, oldest first, for the messages popup.
    pub(crate) messages: Vec<Status>,
    pub(crate) size: Rect,
    /// The scope string and diagnostics for the basket, mode and style.
    pub(crate) built: BuildOutput,
    /// What the panes show of the basket, made with `built`.
    pub(crate) basket_view: BasketView,
    /// Counts the rebuilds (the only passes over the whole basket): the
    /// session to hand to a signal changed when it did.
    pub(crate) generation: u64,
    /// The selection opened or saved last: its name for the header, its IDs for exports.
    pub(crate) open_selection: Option<Selection>,
    /// The preset added last, until the basket is emptied: with it (or an
    /// open selection) a pasted string is audited against that set.
    pub(crate) active_preset: Option<Preset>,
    /// IDs typed in the export flow this session.
    pub(crate) typed_profile: Profile,
    /// The IDs the export flow asked for already (each is asked once per export).
    pub(crate) asked: Vec<MissingId>,
    /// The directory a file name typed in a prompt is relative to (the
    /// picker's working directory), shown in the prompt.
    pub(crate) work_dir: PathBuf,
}

impl App {
    /// A fresh app on `catalog` for a terminal of `width` x `height`.
    pub fn new(catalog: Catalog, mode: AuthMode, style: ScopeForm, width: u16, height: u16) -> App {
        let filter = FuzzyFilter::default();
        let found = filter.filter(&catalog, &Criteria::default());
        let mut app = App {
            catalog_label: catalog.name.clone(),
            catalog,
            sorted: None,
            filter,
            found,
            reselect: None,
            input: Input::default(),
            type_filter: None,
            consent_filter: None,
            role_filter: None,
            other_rows: OtherRows::Dimmed,
            sort: SortOrder::Relevance,
            selected: 0,
            offset: 0,
            basket: Vec::new(),
            basket_selected: 0,
            basket_offset: 0,
            focus: Focus::List,
            focus_before_popup: Focus::List,
            modal: None,
            popup_scroll: 0,
            panes: Panes::Auto,
            mode,
            style,
            other_style: ScopeForm::default_for(mode.other()),
            cloud: Cloud::Global,
            status: None,
            messages: Vec::new(),
            size: Rect::new(0, 0, width, height),
            built: build(&[], mode, style, Cloud::Global),
            basket_view: BasketView::default(),
            generation: 0,
            open_selection: None,
            active_preset: None,
            typed_profile: Profile::default(),
            asked: Vec::new(),
            work_dir: PathBuf::from("."),
        };
        app.rebuild();
        app
    }

    /// Uses `cloud`'s hosts for the string (default: global).
    pub fn with_cloud(mut self, cloud: Cloud) -> App {
        self.set_cloud(cloud);
        self
    }

    /// Switches to `cloud`'s hosts and rebuilds the string.
    pub fn set_cloud(&mut self, cloud: Cloud) {
        self.cloud = cloud;
        self.rebuild();
    }

    /// Takes file names typed in prompts relative to `dir` (default: `.`).
    pub fn with_work_dir(mut self, dir: PathBuf) -> App {
        self.work_dir = dir;
        self
    }

    /// Names the catalog's origin in the header (default: the catalog's name).
    pub fn with_label(mut self, label: String) -> App {
        self.catalog_label = label;
        self
    }

    /// The filter text.
    pub fn query(&self) -> &str {
        self.input.value()
    }

    /// What has the keyboard: a popup, else an open modal, else the list or basket.
    pub fn focus(&self) -> Focus {
        match (&self.modal, self.focus) {
            (_, Focus::Help | Focus::Messages) => self.focus,
            (Some(modal), _) => modal.focus(),
            (None, focus) => focus,
        }
    }

    /// The rows on show, in the chosen order: the latest complete filter result.
    pub fn hits(&self) -> &[Hit] {
        self.sorted.as_deref().unwrap_or(&self.found.hits)
    }

    /// Typed terms the rows on show were found without (no row matches them).
    pub fn ignored_terms(&self) -> &[String] {
        &self.found.ignored
    }

    /// The highlighted permission, if any row passes the filter.
    pub fn highlighted(&self) -> Option<&Permission> {
        self.hits().get(self.selected).map(|h| &self.catalog.permissions[h.index()])
    }

    /// The current scope string.
    pub fn scope(&self) -> &str {
        &self.built.scope
    }

    /// Shows `status` in the status line and keeps it for the messages popup.
    pub fn set_status(&mut self, status: Status) {
        if self.messages.len() == MESSAGES_KEPT {
            self.messages.remove(0);
        }
        self.messages.push(status.clone());
        self.status = Some(status);
    }

    /// Applies one action and says what the runner must do.
    pub fn update(&mut self, action: Action) -> Effect {
        if !matches!(self.focus, Focus::Help | Focus::Messages)
            && modals::goes_to_the_modal(&action)
            && let Some(modal) = self.modal.take()
        {
            return self.modal_action(modal, action);
        }
        match action {
            Action::Command(command) => return self.command(command),
            Action::Type(c) => {
                self.focus = Focus::List;
                self.edit(InputRequest::InsertChar(c));
            }
            Action::Paste(text) => self.on_paste(&text),
            Action::Typed(text) => self.paste(&text),
            Action::Toggled(Command::ToggleDown, times) => self.toggle_times(1, times),
            Action::Toggled(Command::ToggleUp, times) => self.toggle_times(-1, times),
            Action::Toggled(..) => {}
            Action::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                self.scroll_into_view();
            }
            Action::Click(column, row) => self.click(column, row),
            Action::Scroll(delta) => self.move_by(isize::from(delta)),
            Action::Report(status) => self.set_status(status),
            Action::SelectionsListed(listed) => self.open_selections(listed),
            Action::SaveConflict(selection) => self.ask_overwrite(selection),
            Action::FileExists(file) => self.ask_replace_file(file),
        }
        Effect::None
    }

    fn command(&mut self, command: Command) -> Effect {
        match command {
            Command::Up => self.move_by(-1),
            Command::Down => self.move_by(1),
            Command::PageUp => self.move_by(-(self.page() as isize)),
            Command::PageDown => self.move_by(self.page() as isize),
            Command::First => self.move_by(isize::MIN / 2),
            Command::Last => self.move_by(isize::MAX / 2),
            Command::ToggleDown => self.toggle_times(1, 1),
            Command::ToggleUp => self.toggle_times(-1, 1),
            Command::SwitchFocus if self.focus == Focus::Basket => self.focus = Focus::List,
            Command::SwitchFocus if self.basket.is_empty() => self.set_status(Status::error(
                "The basket is empty: Tab adds the highlighted permission.",
            )),
            Command::SwitchFocus => self.focus = Focus::Basket,
            Command::FocusList => self.focus = Focus::List,
            Command::RemoveFromBasket => self.remove_from_basket(),
            Command::EmptyBasket => self.ask_empty_basket(),
            Command::SwitchMode => self.switch_mode(),
            Command::CycleStyle => {
                self.style = self.style.next();
                self.rebuild();
                self.set_status(Status::info(format!("Style: {}", style_help(self.style))));
            }
            Command::CycleTypeFilter
            | Command::CycleConsentFilter
            | Command::CycleRoleFilter
            | Command::ToggleHideOtherType => self.change_filter(command),
            Command::CycleSort => self.cycle_sort(),
            Command::TogglePanes => self.toggle_panes(),
            Command::ClearFilter => self.edit(InputRequest::DeleteLine),
            Command::Copy | Command::Accept if self.built.scope.is_empty() => {
                let text = format!("Nothing to copy: no {} permission in the basket.", self.mode);
                self.set_status(Status::error(text));
            }
            Command::Copy => return Effect::Copy(self.built.scope.clone()),
            Command::CopyName => return self.copy_name(),
            Command::Accept if self.fails_at_sign_in() => self.ask_accept_failing(),
            Command::Accept => return Effect::Accept(self.built.scope.clone()),
            Command::Abort => return Effect::Abort,
            Command::Suspend => return Effect::Suspend,
            Command::ToggleHelp if self.focus == Focus::Help => self.close_popup(),
            Command::ToggleHelp => self.open_popup(Focus::Help),
            Command::ShowMessages if self.messages.is_empty() => {
                self.status = Some(Status::info("No messages yet."));
            }
            Command::ShowMessages => self.open_popup(Focus::Messages),
            Command::CloseHelp => self.close_popup(),
            Command::Edit(edit) => self.edit(edit),
            Command::OpenPresets => self.open_presets(),
            Command::OpenSelections => return Effect::ListSelections,
            Command::SaveSelection if self.basket.is_empty() => {
                self.set_status(Status::error("Nothing to save: the basket is empty."));
            }
            Command::SaveSelection => self.ask_selection_name(),
            Command::OpenExport if self.basket.is_empty() => {
                self.set_status(Status::error("Nothing to export: the basket is empty."));
            }
            Command::OpenExport => self.open_export(),
            Command::Choose
            | Command::CloseModal
            | Command::SaveToFile
            | Command::DeleteItem
            | Command::Yes => {}
        }
        Effect::None
    }

    /// Copies the name of the highlighted permission (or basket item) alone.
    fn copy_name(&mut self) -> Effect {
        let row = match self.focus {
            Focus::Basket => self.basket.get(self.basket_selected).copied(),
            _ => self.hits().get(self.selected).map(Hit::index),
        };
        let Some(row) = row else {
            self.set_status(Status::error("Nothing to copy: no permission is highlighted."));
            return Effect::None;
        };
        let name = self.catalog.permissions[row].name.clone();
        Effect::CopyText { what: format!("the name {name}"), text: name }
    }

    fn switch_mode(&mut self) {
        self.mode = self.mode.other();
        std::mem::swap(&mut self.style, &mut self.other_style);
        self.rebuild();
        if self.other_rows == OtherRows::Hidden || !self.input.value().trim().is_empty() {
            self.refilter(Change::Filters);
        }
        let text = match self.mode {
            PermissionType::Delegated => "Delegated mode: Intrexx signs in as a (personal) user",
            PermissionType::Application => {
                "Application mode: Intrexx signs in as a service account; admin consent needed"
            }
        };
        self.set_status(Status::info(text));
    }

    fn edit(&mut self, request: InputRequest) {
        if self.input.handle(request).is_some_and(|changed| changed.value) {
            self.refilter(Change::Query);
        }
    }

    /// Inserts pasted text at the cursor: line breaks become spaces, other
    /// control characters are dropped.
    fn paste(&mut self, text: &str) {
        self.input = with_pasted(&self.input, text);
        self.focus = Focus::List;
        self.refilter(Change::Query);
    }
}

/// What a style means, for the status line.
fn style_help(style: ScopeForm) -> &'static str {
    match style {
        ScopeForm::Short => "short names (Calendars.Read)",
        ScopeForm::Qualified => "qualified names (https://graph.microsoft.com/Calendars.Read)",
        ScopeForm::Default => "https://graph.microsoft.com/.default (every granted permission)",
    }
}
