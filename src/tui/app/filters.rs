//! Filtering and sorting the rows on show: the exact filters, the filter
//! text, and the order (relevance, or a column's, relevance order kept for
//! the way back).

use super::App;
use crate::catalog::{IntrexxRole, Permission, PermissionType};
use crate::choice::Choice;
use crate::filter::Consent;
use crate::filter::{Criteria, Filtered, Hit, api_hits};
use crate::tui::action::{Command, Status};
use crate::tui::keymap::key_for;
use std::cmp::Ordering;

/// What changed before a refilter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Change {
    /// The filter text: the best match goes on top.
    Query,
    /// The exact filters or the mode: the highlighted row stays when it still shows.
    Filters,
}

/// Where the highlight goes when a filter result arrives.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reselect {
    /// The catalog index highlighted before.
    keep: Option<usize>,
    /// What changed since the result on show.
    change: Change,
}

/// Rows whose type does not fit the mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OtherRows {
    Dimmed,
    Hidden,
}

/// The order of the rows on show. Every order but relevance keeps the
/// relevance order among equal rows, and going back restores it exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    /// Best match first (the rows of the mode's type first).
    Relevance,
    /// By name, A to Z ignoring case; Delegated before Application.
    Name,
    /// Delegated rows, then Application rows; each by name.
    Type,
    /// Rows that need no admin consent, then those that do; each by name.
    AdminConsent,
}

impl SortOrder {
    /// The next order of the cycle.
    pub fn next(self) -> SortOrder {
        match self {
            SortOrder::Relevance => SortOrder::Name,
            SortOrder::Name => SortOrder::Type,
            SortOrder::Type => SortOrder::AdminConsent,
            SortOrder::AdminConsent => SortOrder::Relevance,
        }
    }

    /// Short label for the table title: `by name`.
    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Relevance => "by relevance",
            SortOrder::Name => "by name",
            SortOrder::Type => "by type",
            SortOrder::AdminConsent => "by admin consent",
        }
    }

    /// What the order is, in a sentence for the status line.
    fn describe(self) -> &'static str {
        match self {
            SortOrder::Relevance => "Sorted by relevance: best match first",
            SortOrder::Name => "Sorted by name, A to Z",
            SortOrder::Type => "Sorted by type: Delegated, then Application; each by name",
            SortOrder::AdminConsent => {
                "Sorted by admin consent: none needed first, then needed; each by name"
            }
        }
    }

    /// Compares two rows; `Equal` keeps their relevance order.
    fn compare(self, a: &Permission, b: &Permission) -> Ordering {
        let by_name = || lowercase(&a.name).cmp(lowercase(&b.name)).then(a.kind.cmp(&b.kind));
        match self {
            SortOrder::Relevance => Ordering::Equal,
            SortOrder::Name => by_name(),
            SortOrder::Type => a.kind.cmp(&b.kind).then_with(by_name),
            SortOrder::AdminConsent => a.admin_consent.cmp(&b.admin_consent).then_with(by_name),
        }
    }
}

impl App {
    /// Filters again. A changed query puts the best match on top; other
    /// filter changes keep the highlighted row when it still shows.
    pub(super) fn refilter(&mut self, change: Change) {
        let criteria = Criteria {
            query: self.input.value().to_string(),
            mode: self.mode,
            kind: self.type_filter,
            mode_only: (self.other_rows == OtherRows::Hidden).then_some(self.mode),
            admin_consent: self.consent_filter,
            intrexx: self.role_filter,
        };
        let keep = self.hits().get(self.selected).map(Hit::index);
        let earlier = self.reselect.take();
        let change = match earlier {
            Some(Reselect { change: Change::Query, .. }) => Change::Query,
            _ => change,
        };
        self.reselect = Some(Reselect { keep: earlier.map_or(keep, |r| r.keep), change });
        self.found = match api_hits(&self.catalog, &criteria) {
            Some(hits) => Filtered { hits, ignored: Vec::new() },
            None => self.filter.filter(&self.catalog, &criteria),
        };
        self.results_arrived();
    }

    /// After a filter result arrives: sorts it, then puts the best match on
    /// top after a query change, else keeps the row that was highlighted, if
    /// it still shows.
    pub(crate) fn results_arrived(&mut self) {
        self.sort_rows();
        let Some(Reselect { keep, change }) = self.reselect.take() else { return };
        self.selected = match keep {
            Some(index) if change == Change::Filters => {
                self.hits().iter().position(|h| h.index() == index).unwrap_or(0)
            }
            _ => 0,
        };
        if change == Change::Query {
            self.offset = 0;
        }
        self.scroll_into_view();
    }

    /// Puts the rows on show in `sort` order (relevance: the ranked rows as they are).
    fn sort_rows(&mut self) {
        self.sorted = (self.sort != SortOrder::Relevance).then(|| {
            // From the rows best first, the order relevance sorting returns to.
            let mut rows = self.found.hits.to_vec();
            let permissions = &self.catalog.permissions;
            let sort = self.sort;
            rows.sort_by(|a, b| sort.compare(&permissions[a.index()], &permissions[b.index()]));
            rows
        });
    }

    /// The next sort order; the highlighted row stays highlighted.
    pub(super) fn cycle_sort(&mut self) {
        let keep = self.hits().get(self.selected).map(Hit::index);
        self.sort = self.sort.next();
        self.sort_rows();
        if let Some(index) = keep {
            self.selected = self.hits().iter().position(|h| h.index() == index).unwrap_or(0);
        }
        self.scroll_into_view();
        let next = self.sort.next().label();
        let key = key_for(Command::CycleSort);
        self.set_status(Status::info(format!("{} · {key}: {next}", self.sort.describe())));
    }

    /// Applies one of the exact-filter commands and says what the filter now is.
    pub(super) fn change_filter(&mut self, command: Command) {
        match command {
            Command::CycleTypeFilter => {
                self.type_filter = cycle(self.type_filter, PermissionType::ALL);
            }
            Command::CycleConsentFilter => {
                self.consent_filter = cycle(self.consent_filter, &Consent::ALL);
            }
            Command::CycleRoleFilter => {
                self.role_filter = cycle(self.role_filter, IntrexxRole::ALL)
            }
            Command::ToggleHideOtherType => {
                self.other_rows = match self.other_rows {
                    OtherRows::Dimmed => OtherRows::Hidden,
                    OtherRows::Hidden => OtherRows::Dimmed,
                };
            }
            _ => return,
        }
        self.refilter(Change::Filters);
        self.set_status(Status::info(self.filter_summary()));
    }

    /// The exact filters in force, in one sentence.
    pub(crate) fn filter_summary(&self) -> String {
        let mut parts = Vec::new();
        if let Some(kind) = self.type_filter {
            parts.push(format!("type {kind}"));
        }
        if let Some(consent) = self.consent_filter {
            parts.push(consent.label().to_string());
        }
        if let Some(role) = self.role_filter {
            parts.push(format!("Intrexx {}", role.key()));
        }
        if self.other_rows == OtherRows::Hidden {
            parts.push(format!("only {} rows (the mode's type)", self.mode));
        }
        if parts.is_empty() {
            "Filter off: every permission shows".to_string()
        } else {
            format!("Filter: {}", parts.join(" · "))
        }
    }
}

/// The bytes of `s`, ASCII letters lowercased (names are ASCII).
fn lowercase(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().map(|c| c.to_ascii_lowercase())
}

/// None → first → second → … → None.
fn cycle<T: Copy + PartialEq>(current: Option<T>, values: &[T]) -> Option<T> {
    match current {
        None => values.first().copied(),
        Some(v) => values.iter().position(|x| *x == v).and_then(|i| values.get(i + 1)).copied(),
    }
}
