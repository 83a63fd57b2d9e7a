//! A query prepared once: its terms, lowercase, grouped into the phrases the
//! vocabulary knows, each with the Graph words it may mean.

use super::vocabulary::{Entry, STOPWORDS, VOCABULARY, lookup};

/// A prepared query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Query {
    /// What each row must match, in order.
    pub(crate) units: Vec<Unit>,
    /// For each pair of neighbouring units that are plain terms, the two
    /// written as one (`group members` → `groupmembers`), which may be one
    /// camel-case name word (`GroupMember`).
    pub(crate) joined: Vec<Option<String>>,
    /// Every term, lowercase (for the exact-name test).
    pub(crate) words: Vec<String>,
    /// For each unit (and each `joined`), the position of the first one equal
    /// to it: a paste that repeats its words is scored once per distinct word.
    pub(crate) first_unit: Vec<usize>,
    pub(crate) first_joined: Vec<usize>,
}

/// Something a row must match: one term, or a two-word phrase of the
/// vocabulary (matched by its meaning, or by both words).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Unit {
    /// One term.
    Term(Term),
    /// Two consecutive terms that the vocabulary knows together (`sign in`).
    Phrase { words: [Term; 2], targets: &'static [&'static str] },
}

/// One whitespace-separated term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Term {
    /// Lowercase.
    pub(crate) text: String,
    /// The parts between `.`, `-`, `_` and `/` (one part when there is no separator).
    pub(crate) parts: Vec<String>,
    /// What the term may mean besides itself.
    pub(crate) senses: Vec<Sense>,
    /// A stopword in a query that has other words: rows need not match it.
    pub(crate) optional: bool,
}

/// A meaning the vocabulary gives a term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Sense {
    /// The term is a vocabulary word.
    Means(&'static [&'static str]),
    /// The term is a vocabulary word with a typo.
    Typo(&'static [&'static str]),
    /// The term is two words written as one, at least one of them from the
    /// vocabulary (`gruppenmitglieder`, `kalenderlesen`): a row must match both.
    Compound([Half; 2]),
    /// One half of a compound, alone: added by [`Query::loosen_compounds`]
    /// when no row matches both halves of any compound.
    Half(Half),
}

/// One word of a compound.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Half {
    /// The word as typed, lowercase.
    pub(crate) text: String,
    /// Its Graph words, when the vocabulary knows it.
    pub(crate) targets: &'static [&'static str],
}

impl Term {
    fn new(text: &str) -> Term {
        let text = text.to_lowercase();
        let parts = text
            .split(['.', '-', '_', '/'])
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        let senses = senses(&text);
        Term { text, parts, senses, optional: false }
    }

    /// Whether the term has separators (`usr.read`, `e-mail`).
    pub(crate) fn is_dotted(&self) -> bool {
        self.parts.len() != 1 || self.parts[0] != self.text
    }
}

impl Query {
    /// Prepares `query`.
    pub(crate) fn new(query: &str) -> Query {
        let raw: Vec<&str> = query.split_whitespace().collect();
        let words = raw.iter().map(|w| w.to_lowercase()).collect();
        let mut units = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            if let Some(next) = raw.get(i + 1) {
                let phrase = format!("{} {}", raw[i].to_lowercase(), next.to_lowercase());
                if let Some(entry) = lookup(&phrase) {
                    let words = [Term::new(raw[i]), Term::new(next)];
                    units.push(Unit::Phrase { words, targets: &entry.targets });
                    i += 2;
                    continue;
                }
            }
            units.push(Unit::Term(Term::new(raw[i])));
            i += 1;
        }
        let stopword = |unit: &Unit| match unit {
            Unit::Term(term) => STOPWORDS.contains(&term.text.as_str()),
            Unit::Phrase { .. } => false,
        };
        if !units.iter().all(stopword) {
            for unit in &mut units {
                if let (true, Unit::Term(term)) = (stopword(unit), &mut *unit) {
                    term.optional = true;
                }
            }
        }
        fn plain(unit: &Unit) -> Option<&str> {
            match unit {
                Unit::Term(term) if !term.is_dotted() && !term.optional => Some(&term.text),
                _ => None,
            }
        }
        let joined: Vec<Option<String>> = units
            .windows(2)
            .map(|pair| Some(format!("{}{}", plain(&pair[0])?, plain(&pair[1])?)))
            .collect();
        let (first_unit, first_joined) = (first_equal(&units), first_equal(&joined));
        Query { units, joined, words, first_unit, first_joined }
    }

    /// Whether the query has no terms.
    pub(crate) fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The positions of the units a row must match (terms that are not
    /// stopwords, and phrases).
    pub(crate) fn required(&self) -> impl Iterator<Item = usize> + '_ {
        self.units
            .iter()
            .enumerate()
            .filter(|(_, u)| !matches!(u, Unit::Term(t) if t.optional))
            .map(|(i, _)| i)
    }

    /// Lets each compound term match by either half (see [`Sense::Half`]);
    /// whether the query has a compound to loosen.
    pub(crate) fn loosen_compounds(&mut self) -> bool {
        let mut loosened = false;
        for unit in &mut self.units {
            let Unit::Term(term) = unit else { continue };
            let halves: Vec<Half> = term
                .senses
                .iter()
                .filter_map(|s| if let Sense::Compound(h) = s { Some(h.clone()) } else { None })
                .flatten()
                .collect();
            loosened |= !halves.is_empty();
            term.senses.extend(halves.into_iter().map(Sense::Half));
        }
        loosened
    }

    /// Makes the term at `unit` optional and returns its text; `None` for a phrase.
    pub(crate) fn relax(&mut self, unit: usize) -> Option<String> {
        match &mut self.units[unit] {
            Unit::Term(term) => {
                term.optional = true;
                let text = term.text.clone();
                self.first_unit = first_equal(&self.units);
                Some(text)
            }
            Unit::Phrase { .. } => None,
        }
    }
}

/// For each item, the position of the first item equal to it.
fn first_equal<T: Eq + std::hash::Hash>(items: &[T]) -> Vec<usize> {
    let mut first = std::collections::HashMap::new();
    items.iter().enumerate().map(|(i, item)| *first.entry(item).or_insert(i)).collect()
}

/// What the lowercase `term` may mean: its vocabulary entry; else entries
/// it misspells; else the compounds it splits into.
fn senses(term: &str) -> Vec<Sense> {
    if let Some(entry) = lookup(term) {
        return vec![Sense::Means(&entry.targets)];
    }
    let chars = term.chars().count();
    let typos: Vec<Sense> = VOCABULARY
        .iter()
        .filter(|entry| !entry.phrase.contains(' ') && chars >= 5)
        .filter(|entry| typo_distance_within(term, entry.phrase, allowed_typos(chars)).is_some())
        .map(|entry| Sense::Typo(&entry.targets))
        .collect();
    if !typos.is_empty() {
        return typos;
    }
    compounds(term)
}

/// The compounds `term` splits into: both halves of at least three
/// characters, one of them a vocabulary word. A left half may end in a
/// German joint (`aktualisierungs|token`, `anmelde|protokoll`): it is
/// looked up without its `s`, or with the `n` its infinitive has.
fn compounds(term: &str) -> Vec<Sense> {
    let known = |half: &str| lookup(half).map(|e: &'static Entry| e.targets.as_slice());
    let known_left = |left: &str| {
        let bare = left.strip_suffix('s').filter(|b| b.chars().count() >= 4);
        known(left).or_else(|| bare.and_then(known)).or_else(|| known(&format!("{left}n")))
    };
    term.char_indices()
        .map(|(at, _)| at)
        .filter(|&at| at >= 3 && term.len() - at >= 3)
        .filter_map(|at| {
            let (left, right) = term.split_at(at);
            let (l, r) = (known_left(left), known(right));
            (l.is_some() || r.is_some()).then(|| {
                let half = |text: &str, targets: Option<_>| Half {
                    text: text.to_string(),
                    targets: targets.unwrap_or(&[]),
                };
                Sense::Compound([half(left, l), half(right, r)])
            })
        })
        .collect()
}

/// How many typos a word of `chars` characters may have: none below four,
/// one up to seven, two from eight.
pub(crate) fn allowed_typos(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The optimal-string-alignment distance between two words (strsim's:
/// insertions, deletions, substitutions and swaps of neighbours, each one
/// typo), ignoring ASCII case, on bytes, when it is at most `limit`. Texts
/// longer than 127 bytes are never typos of each other (a pasted text costs
/// no quadratic work).
pub(crate) fn typo_distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    const MAX: usize = 127;
    if a.len() > MAX || b.len() > MAX || a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // A typo brings in at most one letter and takes away at most one, so
    // more letters than `limit` that only one side has rule a pair out
    // before the distance is worked out (most name words, on every key).
    let letters = |s: &str| {
        let letters = s.bytes().filter(u8::is_ascii_alphabetic);
        letters.fold(0u32, |set, b| set | 1 << (b.to_ascii_lowercase() - b'a'))
    };
    let (in_a, in_b) = (letters(a), letters(b));
    if (in_a & !in_b).count_ones().max((in_b & !in_a).count_ones()) as usize > limit {
        return None;
    }
    // One char per byte, so that the distance counts bytes as before.
    let folded =
        |s: &str| s.bytes().map(|b| char::from(b.to_ascii_lowercase())).collect::<String>();
    Some(strsim::osa_distance(&folded(a), &folded(b))).filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_term(query: &str) -> Term {
        match Query::new(query).units.remove(0) {
            Unit::Term(term) => term,
            Unit::Phrase { .. } => panic!("{query} is a phrase"),
        }
    }

    #[test]
    fn known_pairs_become_phrases() {
        let query = Query::new("Refresh  Token mail");
        assert_eq!(query.units.len(), 2);
        assert!(
            matches!(&query.units[0], Unit::Phrase { targets, .. } if targets == &["offline_access"])
        );
        assert_eq!(query.words, ["refresh", "token", "mail"]);
        assert!(Query::new("  ").is_empty());
    }

    #[test]
    fn stopwords_are_optional_and_neighbours_join() {
        let query = Query::new("read the group members");
        let optional: Vec<bool> =
            query.units.iter().map(|u| matches!(u, Unit::Term(t) if t.optional)).collect();
        assert_eq!(optional, [false, true, false, false]);
        assert_eq!(query.joined, [None, None, Some("groupmembers".to_string())]);
        assert!(matches!(&Query::new("the").units[0], Unit::Term(t) if !t.optional));
    }

    #[test]
    fn terms_are_split_at_separators() {
        assert_eq!(only_term("Usr.Read").parts, ["usr", "read"]);
        assert!(only_term("usr.read").is_dotted());
        assert!(!only_term("mail").is_dotted());
        assert_eq!(only_term("/me/events").parts, ["me", "events"]);
    }

    #[test]
    fn vocabulary_typos_and_compounds() {
        assert!(matches!(only_term("kalender").senses[..], [Sense::Means(_)]));
        assert!(matches!(only_term("kalnder").senses[..], [Sense::Typo(_)]));
        assert!(matches!(only_term("sharepiont").senses[..], [Sense::Typo(_)]));
        let compound = only_term("gruppenmitglieder");
        let halves: Vec<(&str, &str)> = compound
            .senses
            .iter()
            .filter_map(|s| match s {
                Sense::Compound([l, r]) => Some((l.text.as_str(), r.text.as_str())),
                _ => None,
            })
            .collect();
        assert!(halves.contains(&("gruppen", "mitglieder")), "{halves:?}");
        assert!(only_term("mail").senses.is_empty());
        assert!(only_term("abc").senses.is_empty());
    }

    #[test]
    fn a_left_half_is_found_without_its_german_joint() {
        let known_left = |term: &str| {
            only_term(term).senses.iter().any(
                |s| matches!(s, Sense::Compound([l, _]) if !l.targets.is_empty() && l.text.len() > 6),
            )
        };
        assert!(known_left("anwendungsberichte"), "anwendungs → anwendung");
        assert!(known_left("anmeldeseite"), "anmelde → anmelden");
    }

    #[test]
    fn loosening_adds_each_half_of_a_compound() {
        let mut query = Query::new("kalenderwoche lesen");
        assert!(query.loosen_compounds());
        let Unit::Term(term) = &query.units[0] else { panic!("a term") };
        let halves: Vec<&str> = term
            .senses
            .iter()
            .filter_map(|s| if let Sense::Half(h) = s { Some(h.text.as_str()) } else { None })
            .collect();
        assert!(halves.contains(&"kalender") && halves.contains(&"woche"), "{halves:?}");
        assert!(!Query::new("mail send").loosen_compounds());
    }

    #[test]
    fn typo_distance_counts_swaps_as_one() {
        assert_eq!(typo_distance_within("mial", "MAIL", 1), Some(1));
        assert_eq!(typo_distance_within("kitten", "sitting", 3), Some(3));
        assert_eq!(typo_distance_within("", "abc", 3), Some(3));
        assert_eq!(typo_distance_within("ä", "a", 1), None, "two bytes, two typos");
        assert_eq!(typo_distance_within(&"a".repeat(128), &"a".repeat(128), 2), None);
        assert_eq!(typo_distance_within("calender", "calendar", 1), Some(1));
        assert_eq!(typo_distance_within("kitten", "sitting", 2), None);
        assert_eq!(typo_distance_within("ab", "abcdef", 2), None);
        assert_eq!(allowed_typos(3), 0);
        assert_eq!(allowed_typos(8), 2);
    }
}
