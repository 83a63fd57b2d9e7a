//! Highlighting: which characters of a shown text a query matched.

use super::{FUZZY_CHARS, Scorer, starts_with_lower};
use crate::filter::query::{Query, Sense, Term, Unit};
use crate::filter::words::starts;

impl Scorer {
    /// Character positions of `text` that the query of `marks` matches,
    /// sorted and without duplicates: where a term, one of its parts or one
    /// of its vocabulary words starts a word; else, in a text without
    /// spaces (a name), skim's positions for a term of three or more characters.
    pub(crate) fn positions(&self, text: &str, marks: &Marks) -> Vec<usize> {
        let mut marked = vec![false; text.len()];
        let mut found = vec![false; marks.terms.len()];
        for at in starts(text) {
            for (i, (_, needles)) in marks.terms.iter().enumerate() {
                let longest = needles
                    .iter()
                    .filter(|n| starts_with_lower(&text[at..], n))
                    .map(|n| n.len())
                    .max();
                if let Some(len) = longest {
                    marked[at..at + len].fill(true);
                    found[i] = true;
                }
            }
        }
        let mut fuzzy = Vec::new();
        if !text.contains(' ') {
            for ((term, _), _) in marks.terms.iter().zip(&found).filter(|(_, found)| !**found) {
                if term.chars().count() >= FUZZY_CHARS {
                    fuzzy.extend(self.skim_match(term, text).into_iter().flat_map(|(_, p)| p));
                }
            }
        }
        let mut positions: Vec<usize> = text
            .char_indices()
            .enumerate()
            .filter(|(_, (at, _))| marked[*at])
            .map(|(i, _)| i)
            .chain(fuzzy)
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// What a query highlights, prepared once per frame: each term with the
/// words it is highlighted by.
pub(crate) struct Marks {
    terms: Vec<(String, Vec<String>)>,
}

impl Marks {
    /// The marks of `query`.
    pub(crate) fn new(query: &Query) -> Marks {
        let terms = query
            .units
            .iter()
            .flat_map(unit_terms)
            .map(|term| {
                let needles =
                    needles(term).into_iter().filter(|n| !n.is_empty()).map(str::to_string);
                (term.text.clone(), needles.collect())
            })
            .collect();
        Marks { terms }
    }
}

/// The terms of a unit.
fn unit_terms(unit: &Unit) -> Vec<&Term> {
    match unit {
        Unit::Term(term) => vec![term],
        Unit::Phrase { words, .. } => words.iter().collect(),
    }
}

/// What to highlight for a term: itself, its parts, and its Graph words.
fn needles(term: &Term) -> Vec<&str> {
    let mut out: Vec<&str> = vec![&term.text];
    out.extend(term.parts.iter().map(String::as_str));
    for sense in &term.senses {
        let halves = match sense {
            Sense::Means(targets) | Sense::Typo(targets) => {
                out.extend(targets.iter().copied());
                continue;
            }
            Sense::Compound(halves) => &halves[..],
            Sense::Half(half) => std::slice::from_ref(half),
        };
        for half in halves {
            out.push(&half.text);
            out.extend(half.targets.iter().copied());
        }
    }
    out
}
