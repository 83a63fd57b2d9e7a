//! Search over the catalog, designed for permission names: names split
//! into words, description words, a vocabulary of the words consultants
//! use (English and German), and typo tolerance for names.
//!
//! [`FuzzyFilter::filter`] filters once (the CLI); [`Search`] filters as a
//! query is typed (the picker). Both rank by [`rank_order`]: rows of the
//! current mode first, then by score tier, then by [`tie_break`].

mod api;
mod pass;
mod query;
mod score;
mod search;
mod vocabulary;
mod words;

pub use api::api_hits;
pub use search::Search;

use crate::catalog::graph::{PrivilegeRank, Scheme};
use crate::catalog::{Catalog, IntrexxRole, Permission, PermissionType};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use pass::Pass;
use query::Query;
use score::{Marks, Scorer};
use std::cmp::Ordering;

/// What to show and how to rank it: a query plus exact filters. The default
/// shows everything, ranked for Delegated.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Only rows whose admin-consent flag is this.
    pub admin_consent: Option<bool>,
    /// Only rows with this Intrexx role.
    pub intrexx: Option<IntrexxRole>,
}

impl Default for Criteria {
    fn default() -> Self {
        Criteria {
            query: String::new(),
            mode: PermissionType::Delegated,
            kind: None,
            mode_only: None,
            admin_consent: None,
            intrexx: None,
        }
    }
}

impl Criteria {
    /// Whether a row passes the exact (non-query) filters.
    pub fn admits(&self, p: &Permission) -> bool {
        self.kind.is_none_or(|k| p.kind == k)
            && self.mode_only.is_none_or(|k| p.kind == k)
            && self.admin_consent.is_none_or(|c| p.admin_consent == c)
            && self.intrexx.is_none_or(|r| p.intrexx == Some(r))
    }

    /// Whether a result for `self` is the result for `other`: the same
    /// filters and mode, and the same terms (spacing aside).
    fn answers(&self, other: &Criteria) -> bool {
        let blank = |c: &Criteria| Criteria { query: String::new(), ..c.clone() };
        blank(self) == blank(other)
            && self.query.split_whitespace().eq(other.query.split_whitespace())
    }
}

/// A catalog row that passed the filter, with its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    index: u32,
    score: i32,
}

impl Hit {
    fn new(index: usize, score: i32) -> Hit {
        Hit { index: u32::try_from(index).expect("catalogs hold fewer than 2^32 rows"), score }
    }

    /// A hit placed by another ranking (the API-call query): no score.
    pub fn unscored(index: usize) -> Hit {
        Hit::new(index, 0)
    }

    /// Index into `Catalog::permissions`.
    pub fn index(&self) -> usize {
        self.index as usize
    }

    /// Higher is better; 0 for an empty query.
    pub fn score(&self) -> i64 {
        i64::from(self.score)
    }
}

/// Added when the query spells the whole name (`user read all` → `User.Read.All`).
const EXACT_NAME_BONUS: i32 = 1_000_000;

/// The ranking: rows of `mode` before rows of the other type; then the
/// higher score (an exact name, then whole name words, then word parts and
/// the vocabulary, then description words, then typos); then
/// [`tie_break`]; then type and catalog order.
fn rank_order(perms: &[Permission], mode: PermissionType, a: &Hit, b: &Hit) -> Ordering {
    let (pa, pb) = (&perms[a.index()], &perms[b.index()]);
    (pb.kind == mode)
        .cmp(&(pa.kind == mode))
        .then(b.score.cmp(&a.score))
        .then_with(|| tie_break(pa, pb))
        .then(pa.kind.cmp(&pb.kind))
        .then(a.index.cmp(&b.index))
}

/// The tie-break between rows of equal score: the privilege order of the
/// built-in catalog ([`PrivilegeRank`], least privileged first, each row in
/// its type's scheme: work accounts for Delegated), then the shorter name.
/// It is the only place that orders equally good matches.
///
/// [`PrivilegeRank`] ends with the names themselves, so the length decides
/// only between rows of one name.
pub fn tie_break(a: &Permission, b: &Permission) -> Ordering {
    fn rank(p: &Permission) -> PrivilegeRank<'_> {
        PrivilegeRank::new(&p.name, Scheme::of(p.kind, false), false)
    }
    rank(a).cmp(&rank(b)).then(a.name.len().cmp(&b.name.len()))
}

/// The search. Holds skim's matcher, reused for every query.
pub struct FuzzyFilter {
    scorer: Scorer,
}

impl Default for FuzzyFilter {
    fn default() -> Self {
        Self::new()
    }
}

impl FuzzyFilter {
    /// A search ignoring case.
    pub fn new() -> Self {
        FuzzyFilter { scorer: Scorer::new() }
    }

    /// The rows that pass `criteria`, best first by [`rank_order`] (a query
    /// that spells a whole name puts it on top of its mode). An empty query
    /// keeps catalog order.
    pub fn filter(&self, catalog: &Catalog, criteria: &Criteria) -> Vec<Hit> {
        Pass::new(criteria.clone(), catalog.len()).finish(&self.scorer, catalog)
    }

    /// Indices of the `texts` that match every term of `query` (each text
    /// scored as a name), best first (ties keep their order); all of them,
    /// in order, for an empty query.
    pub fn rank<'t>(&self, texts: impl Iterator<Item = &'t str>, query: &str) -> Vec<usize> {
        let query = Query::new(query);
        let mut scored: Vec<(i32, usize)> = texts
            .enumerate()
            .filter_map(|(i, text)| Some((self.scorer.row(&query, text, ["", ""])?, i)))
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

/// The catalog name closest to `given`, for "did you mean": the nearest by
/// typo distance (ignoring case; a swap of neighbours is one typo) when it
/// is close, else the best fuzzy match.
pub fn suggest(catalog: &Catalog, given: &str) -> Option<String> {
    let limit = (given.chars().count() / 3).max(2);
    let nearest = catalog
        .permissions
        .iter()
        .map(|p| (query::typo_distance(given, &p.name), &p.name))
        .filter(|(d, _)| *d <= limit)
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
mod tests {
    use super::*;

    fn names(catalog: &Catalog, hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| {
                let p = &catalog.permissions[h.index()];
                format!("{} {}", p.name, p.kind)
            })
            .collect()
    }

    #[test]
    fn empty_query_keeps_catalog_order() {
        let catalog = Catalog::embedded();
        let hits = FuzzyFilter::new().filter(&catalog, &Criteria::default());
        assert_eq!(hits.len(), 36);
        assert!(hits.iter().enumerate().all(|(i, h)| h.index() == i && h.score() == 0));
    }

    #[test]
    fn terms_are_anded_and_names_rank_first() {
        let catalog = Catalog::embedded();
        let criteria = Criteria { query: "chat read".into(), ..Criteria::default() };
        let hits = FuzzyFilter::new().filter(&catalog, &criteria);
        let found = names(&catalog, &hits);
        assert!(found[..3].iter().all(|n| n.starts_with("Chat.Read")), "{found:?}");
        assert!(!found.iter().any(|n| n.starts_with("Mail.Send")), "{found:?}");
        let apps = Criteria { mode: PermissionType::Application, ..criteria };
        let found = names(&catalog, &FuzzyFilter::new().filter(&catalog, &apps));
        assert_eq!(found[0], "Chat.Read.All Application", "{found:?}");
        assert!(
            found
                .iter()
                .skip_while(|n| n.ends_with("Application"))
                .all(|n| n.ends_with("Delegated"))
        );
    }

    #[test]
    fn matches_descriptions_too() {
        let catalog = Catalog::embedded();
        let criteria = Criteria { query: "presence information".into(), ..Criteria::default() };
        let found = names(&catalog, &FuzzyFilter::new().filter(&catalog, &criteria));
        assert!(found.contains(&"Presence.Read Delegated".to_string()), "{found:?}");
    }

    #[test]
    fn exact_filters_combine_with_the_query() {
        let catalog = Catalog::embedded();
        let filter = FuzzyFilter::new();
        let apps = Criteria { kind: Some(PermissionType::Application), ..Criteria::default() };
        assert_eq!(filter.filter(&catalog, &apps).len(), 13);
        let optional = Criteria { intrexx: Some(IntrexxRole::Optional), ..Criteria::default() };
        assert_eq!(filter.filter(&catalog, &optional).len(), 4);
        let delegated_admin = Criteria {
            kind: Some(PermissionType::Delegated),
            admin_consent: Some(true),
            ..Criteria::default()
        };
        let found = names(&catalog, &filter.filter(&catalog, &delegated_admin));
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn ties_follow_the_privilege_order() {
        let catalog = Catalog::builtin();
        let row = |name: &str| {
            let i = catalog
                .rows_named(name)
                .into_iter()
                .find(|&i| catalog.permissions[i].kind == PermissionType::Delegated);
            &catalog.permissions[i.expect(name)]
        };
        let least_first =
            [("User.ReadBasic.All", "User.Read.All"), ("Mail.Read", "Mail.ReadWrite")];
        for (less, more) in least_first {
            assert_eq!(tie_break(row(less), row(more)), Ordering::Less, "{less} before {more}");
            assert_eq!(tie_break(row(more), row(less)), Ordering::Greater, "{more} after {less}");
        }
    }

    #[test]
    fn ties_are_broken_by_name_then_type() {
        let catalog = Catalog::embedded();
        let criteria = Criteria { query: "Team.Create".into(), ..Criteria::default() };
        let found = names(&catalog, &FuzzyFilter::new().filter(&catalog, &criteria));
        assert_eq!(found[..2], ["Team.Create Delegated", "Team.Create Application"]);
    }

    #[test]
    fn a_query_spelling_the_name_wins_and_shorter_names_win_ties() {
        let json = r#"{"name":"t","permissions":[
            {"name":"User-ConvertToInternal.ReadWrite.All","type":"Delegated","description":"d","admin_consent":true,"id":"550e695c-7511-40f4-ac79-e8fb9c82552d"},
            {"name":"User.ReadWrite.All","type":"Delegated","description":"d","admin_consent":true,"id":"204e0828-b5ca-4ad8-b9f3-f32a958e7cc4"},
            {"name":"User.Read.All","type":"Delegated","description":"d","admin_consent":true,"id":"a154be20-db9c-4678-8ab7-66f6cc099a59"}]}"#;
        let catalog = crate::catalog::parse_catalog(json, "t").unwrap();
        let filter = FuzzyFilter::new();
        for query in ["user read all", "user.read.all", "User.Read.All"] {
            let criteria = Criteria { query: query.into(), ..Criteria::default() };
            let found = names(&catalog, &filter.filter(&catalog, &criteria));
            assert_eq!(found[0], "User.Read.All Delegated", "{query}");
        }
        let words = |q: &str| Query::new(q).words;
        assert!(spells_name("offline_access", &words("offline access")));
        assert!(!spells_name("User.Read.All", &words("user read")));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// Whatever the query, rows of the mode come first, each block is
        /// ordered by score and then by the tie-break, and the CLI's
        /// one-shot filter equals the picker's search.
        #[test]
        fn the_mode_comes_first_then_score_then_tie_break(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "mail", "read", "kalender", "sign", "in", "usr.read", "teams", "c", "all",
                    "gruppen", "write", "the", "sharepoint", "chanel", "zz", "files",
                ]),
                1..4,
            ),
            application in proptest::bool::ANY,
        ) {
            let catalog = crate::test_support::graph_catalog();
            let mode = if application { PermissionType::Application } else { PermissionType::Delegated };
            let criteria = Criteria { query: words.join(" "), mode, ..Criteria::default() };
            let hits = FuzzyFilter::new().filter(&catalog, &criteria);
            let own = |h: &Hit| catalog.permissions[h.index()].kind == mode;
            proptest::prop_assert!(hits.iter().skip_while(|h| own(h)).all(|h| !own(h)));
            for pair in hits.windows(2).filter(|w| own(&w[0]) == own(&w[1])) {
                let (a, b) = (&catalog.permissions[pair[0].index()], &catalog.permissions[pair[1].index()]);
                proptest::prop_assert!(
                    pair[0].score() > pair[1].score()
                        || (pair[0].score() == pair[1].score() && tie_break(a, b) != Ordering::Greater)
                );
            }
            let mut search = Search::new(&catalog);
            search.set(&catalog, criteria.clone());
            while search.pending().is_some() {
                search.step(&catalog);
            }
            proptest::prop_assert_eq!(search.hits(), &hits[..]);
        }
    }

    #[test]
    fn rank_orders_plain_texts() {
        let filter = FuzzyFilter::new();
        let texts = ["acme-prod", "contoso", "acme-test"];
        assert_eq!(filter.rank(texts.iter().copied(), ""), [0, 1, 2]);
        assert_eq!(filter.rank(texts.iter().copied(), "acme test"), [2]);
        assert_eq!(filter.rank(texts.iter().copied(), "acme")[..2].len(), 2);
    }

    #[test]
    fn suggestions_for_typos_and_fragments() {
        let catalog = Catalog::embedded();
        assert_eq!(suggest(&catalog, "Mail.Sned").as_deref(), Some("Mail.Send"));
        assert_eq!(suggest(&catalog, "calendar.read").as_deref(), Some("Calendars.Read"));
        assert_eq!(suggest(&catalog, "TeamMember").as_deref(), Some("TeamMember.ReadWrite.All"));
        assert_eq!(suggest(&catalog, "qqqqqqqqqqqq"), None);
    }
}
