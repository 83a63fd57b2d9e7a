//! Scoring one catalog row against a query's terms with skim, sparing skim
//! the texts that cannot match and the descriptions that cannot win.

use super::ascii::{self, FULL_SCORE_BYTES};
use fuzzy_matcher::skim::{SkimMatcherV2, SkimScoreConfig};
use std::cell::RefCell;

/// A name match counts this many times as much as a description match.
const NAME_WEIGHT: i64 = 2;

/// One whitespace-separated term of a query, prepared once per query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    text: String,
    /// Smart case: a term with an ASCII capital matches case-sensitively.
    exact_case: bool,
    /// No text scores more than this for the term with skim's full scoring…
    full_bound: i64,
    /// …nor with its simple match, used for texts longer than [`FULL_SCORE_BYTES`].
    simple_bound: i64,
}

impl Term {
    /// The term as typed.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The most `text` can score for the term.
    fn bound_for(&self, text: &str) -> i64 {
        if is_long(text) { self.simple_bound } else { self.full_bound }
    }
}

/// The terms of `query`, in order.
pub(crate) fn terms(query: &str) -> Vec<Term> {
    query
        .split_whitespace()
        .map(|text| {
            let (full_bound, simple_bound) = score_bounds(text.chars().count());
            Term {
                text: text.to_string(),
                exact_case: text.bytes().any(|b| b.is_ascii_uppercase()),
                full_bound,
                simple_bound,
            }
        })
        .collect()
}

/// The most skim can score a term of `chars` characters against any text,
/// with its full scoring and with its simple match. Each character earns at
/// most a match plus the largest bonus; full scoring doubles the bonus of a
/// match on the text's first character (and carries it over to consecutive
/// matches); the simple match scores a single character by its bonus alone.
fn score_bounds(chars: usize) -> (i64, i64) {
    let c = SkimScoreConfig::default();
    let bonus = c.bonus_head.max(c.bonus_break).max(c.bonus_camel).max(c.bonus_consecutive);
    let chars = i64::try_from(chars).unwrap_or(i64::MAX / 64);
    let full =
        chars.saturating_mul(i64::from(c.score_match + c.bonus_first_char_multiplier * bonus));
    let simple = if chars == 1 {
        i64::from(bonus)
    } else {
        chars.saturating_mul(i64::from(c.score_match + bonus))
    };
    (full, simple)
}

/// Whether skim's ranking matcher gives `text` its simple match.
fn is_long(text: &str) -> bool {
    text.len() > FULL_SCORE_BYTES && (text.is_ascii() || text.chars().count() > FULL_SCORE_BYTES)
}

/// skim's matchers, configured once and reused for every query.
pub(crate) struct Scorer {
    /// For ranking: full scoring for names, simple for long texts.
    ranking: SkimMatcherV2,
    /// For highlighting the few visible names: full scoring always.
    full: SkimMatcherV2,
}

impl Scorer {
    /// Matchers with smart case.
    pub(crate) fn new() -> Scorer {
        // skim compares rows x columns of its score matrix with the limit; when
        // ranking, the matrix has 2 rows and one column per character, plus one.
        let limit = 2 * (FULL_SCORE_BYTES + 1);
        Scorer {
            ranking: SkimMatcherV2::default().smart_case().element_limit(limit),
            full: SkimMatcherV2::default().smart_case(),
        }
    }

    /// Sum over `terms` of [`term`](Self::term); `None` unless every term matches.
    pub(crate) fn terms(&self, name: &str, description: &str, terms: &[Term]) -> Option<i64> {
        terms.iter().try_fold(0, |total, term| Some(total + self.term(name, description, term)?))
    }

    /// The better of the weighted name score and the description score for
    /// one term; `None` when neither matches. The description is not scored
    /// when the name's score already reaches the most it could score.
    pub(crate) fn term(&self, name: &str, description: &str, term: &Term) -> Option<i64> {
        let by_name = self.text(name, term).map(|s| s * NAME_WEIGHT);
        if let Some(score) = by_name
            && score >= term.bound_for(description)
        {
            return by_name;
        }
        by_name.max(self.text(description, term))
    }

    /// skim's ranking score of `text` for `term`, or `None` when it does not
    /// match. For ASCII, the greedy first matches that skim computes to decide
    /// whether a text matches are found here (with `memchr`), and the score is
    /// computed on bytes ([`ascii`]) as a fresh skim matcher computes it.
    fn text(&self, text: &str, term: &Term) -> Option<i64> {
        if !(text.is_ascii() && term.text.is_ascii()) {
            return may_match(text, term)
                .then(|| full_scoring(&self.ranking, text, &term.text, false))
                .flatten()
                .map(|(score, _)| score);
        }
        let (text, pattern) = (text.as_bytes(), term.text.as_bytes());
        with_first_matches(text, term, |first| {
            if text.len() <= FULL_SCORE_BYTES {
                ascii::full_score(text, pattern, first, term.exact_case)
            } else {
                ascii::simple_score(text, pattern, first, term.exact_case)
            }
        })
    }

    /// Character positions of `text` matched by any of `terms`, sorted and
    /// without duplicates. Short texts (names) get the best alignment; long
    /// ones (descriptions) the one their ranking score comes from.
    pub(crate) fn positions(&self, text: &str, terms: &[Term]) -> Vec<usize> {
        let mut positions = Vec::new();
        for term in terms {
            if is_long(text) && text.is_ascii() && term.text.is_ascii() {
                let (bytes, pattern) = (text.as_bytes(), term.text.as_bytes());
                with_first_matches(bytes, term, |first| {
                    ascii::simple_positions(bytes, pattern, first, term.exact_case, &mut positions)
                });
            } else if may_match(text, term) {
                let matcher = if is_long(text) { &self.ranking } else { &self.full };
                let matched = full_scoring(matcher, text, &term.text, true);
                positions.extend(matched.into_iter().flat_map(|(_, indices)| indices));
            }
        }
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// skim's `fuzzy` (score, and positions when asked), made independent of
/// earlier calls: skim 0.3.7 keeps its score matrix between calls without
/// clearing the cells a call does not write, so a score could depend on the
/// texts scored before (see `scores_do_not_depend_on_earlier_calls`).
/// Matching a one-character text first shrinks the matrix to four cells,
/// which the next call's first row overwrites; the rest starts out clean.
fn full_scoring(
    matcher: &SkimMatcherV2,
    text: &str,
    pattern: &str,
    positions: bool,
) -> Option<(i64, Vec<usize>)> {
    matcher.fuzzy("a", "a", false);
    matcher.fuzzy(text, pattern, positions)
}

thread_local! {
    /// A reused buffer for first-match positions.
    static FIRST_MATCHES: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Calls `then` with the greedy first match of each byte of the ASCII
/// `term` in `text` (as skim finds them); `None` when the term is not a
/// subsequence of `text`.
fn with_first_matches<R>(text: &[u8], term: &Term, then: impl FnOnce(&[usize]) -> R) -> Option<R> {
    FIRST_MATCHES.with_borrow_mut(|first| {
        ascii::first_matches(text, term.text.as_bytes(), term.exact_case, first)?;
        Some(then(first))
    })
}

/// False only when the term is surely not in `text` as a subsequence; for
/// an ASCII term this is exactly skim's own test (ASCII case folding, smart
/// case), so skim is asked only about texts that match.
fn may_match(text: &str, term: &Term) -> bool {
    !term.text.is_ascii() || with_first_matches(text.as_bytes(), term, |_| ()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use proptest::prelude::*;

    fn term(text: &str) -> Term {
        terms(text).remove(0)
    }

    #[test]
    fn the_prefilter_agrees_with_skim() {
        let skim = SkimMatcherV2::default().smart_case();
        let texts = ["Chat.ReadWrite", "Read user chat messages", "ÜberCalendars.Read", "x"];
        for text in texts {
            for t in ["chat", "Chat", "CHAT", "rw", "cal", "ü", "x", "zz", "readwrite"] {
                let matched = skim.fuzzy_match(text, t).is_some();
                let term = term(t);
                assert!(!matched || may_match(text, &term), "{t:?} in {text:?}");
                assert!(matched || !t.is_ascii() || !may_match(text, &term), "{t:?} in {text:?}");
            }
        }
        assert!(!may_match("chat", &term("Chat")), "smart case");
    }

    #[test]
    fn names_weigh_double_and_the_better_text_counts() {
        let scorer = Scorer::new();
        let by_name = scorer.term("Chat.Read", "Read a user's messages", &term("chat")).unwrap();
        let by_description = scorer.term("Mail.Send", "Send chat messages", &term("chat")).unwrap();
        assert!(by_name > by_description, "{by_name} vs {by_description}");
        assert_eq!(scorer.term("Mail.Send", "Send mail", &term("chat")), None);
        assert_eq!(
            scorer.terms("Chat.Read", "x", &terms("chat zz")),
            None,
            "every term must match"
        );
    }

    #[test]
    fn positions_cover_every_term() {
        let scorer = Scorer::new();
        assert_eq!(scorer.positions("Chat.Read", &terms("cha rd")), vec![0, 1, 2, 5, 8]);
        assert!(scorer.positions("Chat.Read", &terms("zz")).is_empty());
    }

    #[test]
    fn scores_do_not_depend_on_earlier_calls() {
        let catalog = crate::catalog::Catalog::embedded();
        let calendars = &catalog.permissions[0];
        let alone = Scorer::new().term(&calendars.name, &calendars.description, &term("aal"));
        for p in &catalog.permissions {
            let scorer = Scorer::new();
            scorer.term(&p.name, &p.description, &term("aa"));
            let after = scorer.term(&calendars.name, &calendars.description, &term("aal"));
            assert_eq!(after, alone, "after {}", p.name);
        }
    }

    proptest! {
        /// The bound that lets a strong name match skip the description holds
        /// for skim's full and simple scoring, on any text.
        #[test]
        fn no_text_scores_above_the_bound(
            text in "[a-zA-Zé0-9 ._/()-]{0,120}",
            pattern in "[a-zA-Z0-9._]{1,12}",
        ) {
            let scorer = Scorer::new();
            let term = term(&pattern);
            if let Some(score) = scorer.full.fuzzy_match(&text, &pattern) {
                prop_assert!(score <= term.full_bound, "{score} > {} for {pattern:?} in {text:?}", term.full_bound);
            }
            if let Some(score) = scorer.ranking.fuzzy_match(&text, &pattern) {
                let bound = term.bound_for(&text);
                prop_assert!(score <= bound, "{score} > {bound} for {pattern:?} in {text:?}");
            }
        }

        /// The shortcut to skim's simple match scores as skim itself does.
        #[test]
        fn long_texts_score_as_skim_scores_them(
            text in "[a-zA-Z0-9 ._'-]{0,150}",
            pattern in "[a-zA-Z.]{1,8}",
        ) {
            let skim = SkimMatcherV2::default().smart_case().element_limit(2 * (FULL_SCORE_BYTES + 1));
            prop_assert_eq!(Scorer::new().text(&text, &term(&pattern)), skim.fuzzy_match(&text, &pattern));
        }

        /// Skipping the description never changes a score.
        #[test]
        fn skipping_the_description_changes_nothing(
            name in "[a-zA-Z.]{1,30}",
            description in "[a-zA-Z .,']{0,120}",
            pattern in "[a-zA-Z.]{1,6}",
        ) {
            let scorer = Scorer::new();
            let term = term(&pattern);
            let full = scorer
                .text(&name, &term)
                .map(|s| s * NAME_WEIGHT)
                .max(scorer.text(&description, &term));
            prop_assert_eq!(scorer.term(&name, &description, &term), full);
        }
    }
}
