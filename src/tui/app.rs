//! The TUI state and its one entry point, `update(Action) -> Effect`. No I/O here.

use super::action::{Action, Command, Edit, Effect, Status};
use super::export_flow::MissingId;
use super::keymap::Focus;
use super::modal::Modal;
use crate::catalog::{AuthMode, Catalog, Cloud, IntrexxRole, Permission, PermissionType};
use crate::filter::{Criteria, Hit, Search, api_hits};
use crate::saved::{Profile, Selection};

use crate::scope::{BuildOutput, Style, build, looks_like_scopes, read_scopes};

use ratatui::layout::Rect;
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

/// Everything the screen shows, and nothing the screen computes.
pub struct App {
    pub(crate) catalog: Catalog,
    /// Where the catalog came from, for the header.
    pub(crate) catalog_label: String,
    /// Display width of the longest name, measured once for the name column.
    pub(crate) longest_name: u16,
    /// The filter: the rows on show, and a pass that may still run.
    pub(crate) search: Search,
    /// The rows on show for an API-call query (`GET /me/events`), instead of the search's.
    api_hits: Option<Vec<Hit>>,
    /// How to place the highlight once a pending pass completes.
    reselect: Option<Reselect>,
    pub(crate) input: Input,
    pub(crate) type_filter: Option<PermissionType>,
    pub(crate) consent_filter: Option<bool>,
    pub(crate) role_filter: Option<IntrexxRole>,
    pub(crate) hide_other_type: bool,
    /// Highlighted position in `hits`.
    pub(crate) selected: usize,
    /// First visible position in `hits`.
    pub(crate) offset: usize,
    /// Catalog indices in the order they were added.
    pub(crate) basket: Vec<usize>,
    pub(crate) basket_selected: usize,
    pub(crate) basket_offset: usize,
    pub(crate) focus: Focus,
    focus_before_help: Focus,
    /// The open menu, prompt or question, if any.
    pub(crate) modal: Option<Modal>,
    pub(crate) help_scroll: u16,
    pub(crate) mode: AuthMode,
    /// The style of the current mode.
    pub(crate) style: Style,
    /// The style remembered for the other mode, restored when switching to it.
    pub(crate) other_style: Style,
    /// The cloud whose hosts the string uses.
    pub(crate) cloud: Cloud,
    pub(crate) status: Option<Status>,
    pub(crate) size: Rect,
    /// The scope string and diagnostics for the basket, mode and style.
    pub(crate) built: BuildOutput,
    /// The selection opened or saved last: its name for the header, its IDs for exports.
    pub(crate) open_selection: Option<Selection>,
    /// IDs typed in the export flow this session.
    pub(crate) typed_profile: Profile,
    /// The IDs the export flow asked for already (each is asked once).
    pub(crate) asked: Vec<MissingId>,
}

impl App {
    /// A fresh app on `catalog` for a terminal of `width` x `height`.
    pub fn new(catalog: Catalog, mode: AuthMode, style: Style, width: u16, height: u16) -> App {
        let longest = catalog.permissions.iter().map(|p| p.name.width()).max().unwrap_or(0);
        let search = Search::new(&catalog);
        let mut app = App {
            catalog_label: catalog.name.clone(),
            longest_name: u16::try_from(longest).unwrap_or(u16::MAX),
            catalog,
            api_hits: None,
            search,
            reselect: None,
            input: Input::default(),
            type_filter: None,
            consent_filter: None,
            role_filter: None,
            hide_other_type: false,
            selected: 0,
            offset: 0,
            basket: Vec::new(),
            basket_selected: 0,
            basket_offset: 0,
            focus: Focus::List,
            focus_before_help: Focus::List,
            modal: None,
            help_scroll: 0,
            mode,
            style,
            other_style: Style::default_for(mode.other()),
            cloud: Cloud::Global,
            status: None,
            size: Rect::new(0, 0, width, height),
            built: build(&[], mode, style, Cloud::Global),
            open_selection: None,
            typed_profile: Profile::default(),
            asked: Vec::new(),
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

    /// Names the catalog's origin in the header (default: the catalog's name).
    pub fn with_label(mut self, label: String) -> App {
        self.catalog_label = label;
        self
    }

    /// The filter text.
    pub fn query(&self) -> &str {
        self.input.value()
    }

    /// What has the keyboard: the help, else an open modal, else the list or basket.
    pub fn focus(&self) -> Focus {
        match (&self.modal, self.focus) {
            (_, Focus::Help) => Focus::Help,
            (Some(modal), _) => modal.focus(),
            (None, focus) => focus,
        }
    }

    /// The rows on show, best first: the latest complete filter result.
    pub fn hits(&self) -> &[Hit] {
        self.api_hits.as_deref().unwrap_or_else(|| self.search.hits())
    }

    /// Typed terms the rows on show were found without (no row matches them).
    pub fn ignored_terms(&self) -> &[String] {
        if self.api_hits.is_some() { &[] } else { self.search.ignored() }
    }

    /// While a long filter pass runs: rows done, and in all.
    pub fn filtering(&self) -> Option<(usize, usize)> {
        self.search.pending().filter(|_| self.api_hits.is_none())
    }

    /// The highlighted permission, if any row passes the filter.
    pub fn highlighted(&self) -> Option<&Permission> {
        self.hits().get(self.selected).map(|h| &self.catalog.permissions[h.index()])
    }

    /// The current scope string.
    pub fn scope(&self) -> &str {
        &self.built.scope
    }

    /// Applies one action and says what the runner must do.
    pub fn update(&mut self, action: Action) -> Effect {
        if self.modal.is_some() && self.focus != Focus::Help {
            match action {
                Action::Command(Command::ToggleHelp) => {}
                Action::Command(command) => return self.modal_command(command),
                Action::Type(c) => return self.modal_type(c),
                Action::Paste(text) => return self.modal_paste(&text),
                _ => {}
            }
        }
        match action {
            Action::Command(command) => return self.command(command),
            Action::Type(c) => {
                self.focus = Focus::List;
                self.edit(InputRequest::InsertChar(c));
            }
            Action::Paste(text) if looks_like_scopes(&text, &self.catalog) => {
                let mode = (!self.basket.is_empty()).then_some(self.mode);
                self.ask_load_pasted(read_scopes(&text, &self.catalog, mode));
            }
            Action::Paste(text) => self.paste(&text),
            Action::Resize(width, height) => {
                self.size = Rect::new(0, 0, width, height);
                self.scroll_into_view();
            }
            Action::Click(column, row) => self.click(column, row),
            Action::Scroll(delta) => self.move_by(isize::from(delta)),
            Action::Report(status) => self.status = Some(status),
            Action::SelectionsListed(listed) => self.open_selections(listed),
            Action::SaveConflict(selection) => self.ask_overwrite(selection),
            Action::FilterStep => {
                if self.search.step(&self.catalog) {
                    self.place_highlight();
                }
            }
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
            Command::ToggleDown => self.toggle_and_move(1),
            Command::ToggleUp => self.toggle_and_move(-1),
            Command::SwitchFocus if self.focus == Focus::Basket => self.focus = Focus::List,
            Command::SwitchFocus if self.basket.is_empty() => {
                self.status =
                    Some(Status::error("The basket is empty: Tab adds the highlighted permission."))
            }
            Command::SwitchFocus => self.focus = Focus::Basket,
            Command::FocusList => self.focus = Focus::List,
            Command::RemoveFromBasket => self.remove_from_basket(),
            Command::SwitchMode => self.switch_mode(),
            Command::CycleStyle => {
                self.style = self.style.next();
                self.rebuild();
                self.status = Some(Status::info(format!("Style: {}", style_help(self.style))));
            }
            Command::CycleTypeFilter => {
                self.type_filter = cycle(self.type_filter, &PermissionType::ALL);
                self.refilter(false);
            }
            Command::CycleConsentFilter => {
                self.consent_filter = cycle(self.consent_filter, &[true, false]);
                self.refilter(false);
            }
            Command::CycleRoleFilter => {
                self.role_filter = cycle(self.role_filter, &IntrexxRole::ALL);
                self.refilter(false);
            }
            Command::ToggleHideOtherType => {
                self.hide_other_type = !self.hide_other_type;
                self.refilter(false);
            }
            Command::ClearFilter => self.edit(InputRequest::DeleteLine),
            Command::Copy | Command::Accept if self.built.scope.is_empty() => {
                let text = format!("Nothing to copy: no {} permission in the basket.", self.mode);
                self.status = Some(Status::error(text));
            }
            Command::Copy => return Effect::Copy(self.built.scope.clone()),
            Command::Accept if self.fails_at_sign_in() => self.ask_accept_failing(),
            Command::Accept => return Effect::Accept(self.built.scope.clone()),
            Command::Abort => return Effect::Abort,
            Command::Suspend => return Effect::Suspend,
            Command::ToggleHelp if self.focus == Focus::Help => self.close_help(),
            Command::ToggleHelp => {
                self.focus_before_help = self.focus;
                self.focus = Focus::Help;
                self.help_scroll = 0;
            }
            Command::CloseHelp => self.close_help(),
            Command::Edit(edit) => self.edit(edit_request(edit)),
            Command::OpenPresets => self.open_presets(),
            Command::OpenSelections => return Effect::ListSelections,
            Command::SaveSelection if self.basket.is_empty() => {
                self.status = Some(Status::error("Nothing to save: the basket is empty."));
            }
            Command::SaveSelection => self.ask_selection_name(),
            Command::OpenExport if self.basket.is_empty() => {
                self.status = Some(Status::error("Nothing to export: the basket is empty."));
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

    fn close_help(&mut self) {
        self.focus = self.focus_before_help;
    }

    fn switch_mode(&mut self) {
        self.mode = self.mode.other();
        std::mem::swap(&mut self.style, &mut self.other_style);
        self.rebuild();
        if self.hide_other_type || !self.input.value().trim().is_empty() {
            self.refilter(false);
        }
        let text = match self.mode {
            PermissionType::Delegated => "Delegated mode: Intrexx signs in as a (personal) user",
            PermissionType::Application => {
                "Application mode: Intrexx signs in as a service account; admin consent needed"
            }
        };
        self.status = Some(Status::info(text));
    }

    fn edit(&mut self, request: InputRequest) {
        if self.input.handle(request).is_some_and(|changed| changed.value) {
            self.refilter(true);
        }
    }

    /// Inserts pasted text at the cursor: line breaks become spaces, other
    /// control characters are dropped.
    fn paste(&mut self, text: &str) {
        self.input = with_pasted(&self.input, text);
        self.focus = Focus::List;
        self.refilter(true);
    }

    /// Filters again. A changed query puts the best match on top; other
    /// filter changes keep the highlighted row when it still shows. A long
    /// pass goes on with `Action::FilterStep`; the rows on show stay until then.
    pub(crate) fn refilter(&mut self, query_changed: bool) {
        let criteria = Criteria {
            query: self.input.value().to_string(),
            mode: self.mode,
            kind: self.type_filter,
            mode_only: self.hide_other_type.then_some(self.mode),
            admin_consent: self.consent_filter,
            intrexx: self.role_filter,
        };
        let keep = self.hits().get(self.selected).map(Hit::index);
        let earlier = self.reselect.take();
        self.reselect = Some(Reselect {
            keep: earlier.map_or(keep, |r| r.keep),
            query_changed: query_changed || earlier.is_some_and(|r| r.query_changed),
        });
        self.api_hits = api_hits(&self.catalog, &criteria);
        if self.api_hits.is_some() || self.search.set(&self.catalog, criteria) {
            self.place_highlight();
        }
    }

    /// After a filter result arrives: the best match on top after a query
    /// change, else the row that was highlighted, if it still shows.
    fn place_highlight(&mut self) {
        let Some(Reselect { keep, query_changed }) = self.reselect.take() else { return };
        self.selected = match keep {
            Some(index) if !query_changed => {
                self.hits().iter().position(|h| h.index() == index).unwrap_or(0)
            }
            _ => 0,
        };
        if query_changed {
            self.offset = 0;
        }
        self.scroll_into_view();
    }

    /// Shows `status` in the status line (used by the runner at start-up).
    pub fn set_status(&mut self, status: Status) {
        self.status = Some(status);
    }
}

/// Where the highlight goes when a filter result arrives.
#[derive(Debug, Clone, Copy)]
struct Reselect {
    /// The catalog index highlighted before.
    keep: Option<usize>,
    /// The query changed (else only exact filters did).
    query_changed: bool,
}

/// `input` with `text` inserted at the cursor in one step: line breaks
/// become spaces, other control characters are dropped.
pub(crate) fn with_pasted(input: &Input, text: &str) -> Input {
    let clean: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    let value = input.value();
    let at = value.char_indices().nth(input.cursor()).map_or(value.len(), |(i, _)| i);
    let joined = format!("{}{clean}{}", &value[..at], &value[at..]);
    Input::new(joined).with_cursor(input.cursor() + clean.chars().count())
}

/// The tui-input request for an edit command.
pub(crate) fn edit_request(edit: Edit) -> InputRequest {
    match edit {
        Edit::DeletePrevChar => InputRequest::DeletePrevChar,
        Edit::DeleteNextChar => InputRequest::DeleteNextChar,
        Edit::PrevChar => InputRequest::GoToPrevChar,
        Edit::NextChar => InputRequest::GoToNextChar,
        Edit::PrevWord => InputRequest::GoToPrevWord,
        Edit::NextWord => InputRequest::GoToNextWord,
        Edit::Start => InputRequest::GoToStart,
        Edit::End => InputRequest::GoToEnd,
        Edit::DeletePrevWord => InputRequest::DeletePrevWord,
        Edit::DeleteLine => InputRequest::DeleteLine,
        Edit::DeleteTillEnd => InputRequest::DeleteTillEnd,
    }
}

/// None → first → second → … → None.
fn cycle<T: Copy + PartialEq>(current: Option<T>, values: &[T]) -> Option<T> {
    match current {
        None => values.first().copied(),
        Some(v) => values.iter().position(|x| *x == v).and_then(|i| values.get(i + 1)).copied(),
    }
}

/// What a style means, for the status line.
fn style_help(style: Style) -> &'static str {
    match style {
        Style::Short => "short names (Calendars.Read)",
        Style::Qualified => "qualified names (https://graph.microsoft.com/Calendars.Read)",
        Style::Default => "https://graph.microsoft.com/.default (every granted permission)",
    }
}
