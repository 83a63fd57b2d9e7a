//! Search over the catalog, designed for permission names: names split
//! into words, description words, a vocabulary of the words consultants
//! use (English and German), and typo tolerance for names.
//!
//! [`FuzzyFilter::filter`] scores every row in a plain loop (the picker runs
//! it on every change) and ranks rows of the current mode first, then by
//! score tier, then by the privilege model's tie-break (`pass::tie_key`).

mod api;
mod pass;
mod query;
mod score;
mod vocabulary;
mod words;

pub use api::api_hits;

use crate::catalog::{Catalog, IntrexxRole, Permission, PermissionType};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use query::Query;
use score::{Marks, Row, Scorer};

/// What to show and how to rank it: a query plus exact filters. The default
/// shows everything, ranked for Delegated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Criteria {
    /// Space-separated terms; every term must match the name, the
    /// description or display name, or the vocabulary.
    pub query: String,
    /// The mode ranked for: its rows come before rows of the other type.
    pub mode: PermissionType,
    /// Only this type.
    pub kind: Option<PermissionType>,
    /// Only this type as well (the picker's "only the current mode"); with a
    /// different `kind`, nothing passes.
    pub mode_only: Option<PermissionType>,
    /// Only rows that need admin consent, or only rows that do not.
    pub admin_consent: Option<Consent>,
    /// Only rows with this Intrexx role.
    pub intrexx: Option<IntrexxRole>,
}

impl Criteria {
    /// Whether a row passes the exact (non-query) filters.
    pub fn admits(&self, p: &Permission) -> bool {
        self.kind.is_none_or(|k| p.kind == k)
            && self.mode_only.is_none_or(|k| p.kind == k)
            && self.admin_consent.is_none_or(|c| c.admits(p))
            && self.intrexx.is_none_or(|r| p.intrexx == Some(r))
    }
}

/// The admin-consent filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// Only permissions a tenant administrator must consent to.
    Needed,
    /// Only permissions each user can consent to.
    NotNeeded,
}

impl Consent {
    /// Both values, in the order the picker cycles through them.
    pub const ALL: [Consent; 2] = [Consent::Needed, Consent::NotNeeded];

    /// Whether `p` passes.
    pub fn admits(self, p: &Permission) -> bool {
        p.admin_consent == (self == Consent::Needed)
    }

    /// How the filter reads: "admin consent needed" or "no admin consent needed".
    pub fn label(self) -> &'static str {
        match self {
            Consent::Needed => "admin consent needed",
            Consent::NotNeeded => "no admin consent needed",
        }
    }
}

/// A catalog row that passed the filter, with its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    index: u32,
    /// Higher is better; 0 for an empty query or an API-call query.
    score: i32,
}

impl Hit {
    fn new(index: usize, score: i32) -> Hit {
        Hit { index: u32::try_from(index).expect("catalogs hold fewer than 2^32 rows"), score }
    }

    /// Index into `Catalog::permissions`.
    pub fn index(&self) -> usize {
        self.index as usize
    }
}

/// A ranked result and the terms it was found without.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filtered {
    /// The rows, best first.
    pub hits: Vec<Hit>,
    /// Terms that no row matches, dropped because with them nothing was
    /// found (`verschicken` in `mails verschicken`); empty otherwise.
    pub ignored: Vec<String>,
}

/// Added when the query spells the whole name (`user read all` → `User.Read.All`).
const EXACT_NAME_BONUS: i32 = 1_000_000;

/// The search. Holds skim's matcher, reused for every query.
#[derive(Default)]
pub struct FuzzyFilter {
    scorer: Scorer,
}

impl FuzzyFilter {
    /// The rows that pass `criteria`, best first (see `pass::rank`; a query
    /// that spells a whole name puts it on top of its mode), with the terms
    /// dropped because no row matches them. An empty query keeps catalog order.
    pub fn filter(&self, catalog: &Catalog, criteria: &Criteria) -> Filtered {
        pass::run(&self.scorer, catalog, criteria)
    }

    /// Indices of the `texts` that match every term of `query` (each text
    /// scored as a name), best first (ties keep their order); all of them,
    /// in order, for an empty query.
    pub fn rank<'t>(&self, texts: impl Iterator<Item = &'t str>, query: &str) -> Vec<usize> {
        let query = Query::new(query);
        let mut scored: Vec<(i32, usize)> = texts
            .enumerate()
            .filter_map(|(i, text)| Some((self.scorer.row(&query, &Row::new(text, ["", ""]))?, i)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, i)| i).collect()
    }

    /// Highlighting for `query`, prepared once for all the texts of a frame.
    pub fn highlighter(&self, query: &str) -> Highlighter<'_> {
        Highlighter { scorer: &self.scorer, marks: Marks::new(&Query::new(query)) }
    }
}

/// Finds the characters a query matches, for highlighting the visible rows.
pub struct Highlighter<'f> {
    scorer: &'f Scorer,
    marks: Marks,
}

impl Highlighter<'_> {
    /// Character positions of `text` matched by any term, sorted and without
    /// duplicates.
    pub fn positions(&self, text: &str) -> Vec<usize> {
        self.scorer.positions(text, &self.marks)
    }
}

/// Makes the search's vocabulary now rather than on the first query: the
/// picker calls it once its first frame is on the screen, so neither the
/// first frame nor the first key waits for it.
pub fn prepare() {
    std::sync::LazyLock::force(&vocabulary::VOCABULARY);
}

/// The texts of `p` searched besides its name: the description and the
/// display name.
fn texts(p: &Permission) -> [&str; 2] {
    [p.description.as_str(), p.display_name.as_deref().unwrap_or("")]
}

/// Whether the lowercase terms, in order, are the name's parts (split at
/// `.`, `-`, `_`; plurals allowed: `users read all`), or the one term is the
/// whole name, ignoring case.
fn spells_name(name: &str, terms: &[String]) -> bool {
    if let [single] = terms {
        return single.eq_ignore_ascii_case(name);
    }
    let mut parts = name.split(['.', '-', '_']);
    terms.iter().all(|t| parts.next().is_some_and(|p| words::same_word(t, p)))
        && parts.next().is_none()
}

/// The catalog name closest to `given`, for "did you mean": the shortest
/// name that extends it by segments (`Team.ReadBasic` → `Team.ReadBasic.All`),
/// else the nearest by typo distance (ignoring case; a swap of neighbours is one typo) when it
/// is close, else the best fuzzy match.
pub fn suggest(catalog: &Catalog, given: &str) -> Option<String> {
    // A name the given one starts, one segment shorter (`Sites.Read` →
    // `Sites.Read.All`), is what was meant more often than a near spelling
    // of another resource (`Files.Read`).
    let extended = catalog
        .permissions
        .iter()
        .map(|p| &p.name)
        .filter(|name| {
            name.len() > given.len()
                && name.as_bytes()[..given.len()].eq_ignore_ascii_case(given.as_bytes())
                && name.as_bytes()[given.len()] == b'.'
        })
        .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    if let Some(name) = extended {
        return Some(name.clone());
    }
    let limit = (given.chars().count() / 3).max(2);
    let nearest = catalog
        .permissions
        .iter()
        .filter_map(|p| Some((query::typo_distance_within(given, &p.name, limit)?, &p.name)))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    if let Some((_, name)) = nearest {
        return Some(name.clone());
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    catalog
        .permissions
        .iter()
        .filter_map(|p| Some((matcher.fuzzy_match(&p.name, given)?, &p.name)))
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, name)| name.clone())
}

#[cfg(test)]
mod tests;
