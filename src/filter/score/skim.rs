//! skim's fuzzy matching, as the scorer accepts it: from the start of a
//! word, with few gaps, none across a separator. A cheap test rules out
//! most texts before skim builds its score matrix.

use super::{Scorer, is_separator};
use crate::filter::words::{is_start, segments, starts};

impl Scorer {
    /// skim's score and matched character positions of the lowercase
    /// `pattern` in `text`, when the match starts a word with at least two
    /// characters (a typo keeps a word's start), has few gaps, and no gap
    /// skips a separator (a typo stays in the words typed: `usr.read`, not
    /// `chat` in `Channel.Create`).
    pub(super) fn skim_match(&self, pattern: &str, text: &str) -> Option<(i64, Vec<usize>)> {
        if !is_subsequence(pattern, text) {
            return None;
        }
        if pattern.contains(is_separator) {
            // Most names with the letters in order are ruled out cheaply.
            return may_accept(pattern, text).then(|| self.skim_by_rules(pattern, text))?;
        }
        // A term without separators is a typo of one segment: skim each.
        segments(text)
            .filter(|segment| is_subsequence(pattern, segment))
            .filter_map(|segment| {
                let from =
                    text[..segment.as_ptr() as usize - text.as_ptr() as usize].chars().count();
                let (score, positions) = self.skim_by_rules(pattern, segment)?;
                Some((score, positions.into_iter().map(|p| p + from).collect()))
            })
            .max_by_key(|(score, _)| *score)
    }

    /// skim's match of `pattern` in `text`, if it keeps the rules of
    /// [`skim_match`](Self::skim_match).
    fn skim_by_rules(&self, pattern: &str, text: &str) -> Option<(i64, Vec<usize>)> {
        // fuzzy-matcher 0.3.7 keeps its score matrix between calls without
        // clearing the cells a call does not write, so a score could depend on
        // the texts scored before; matching a one-character text first shrinks
        // the matrix to four cells, which the next call overwrites.
        self.skim.fuzzy("a", "a", false);
        let (score, positions) = self.skim.fuzzy(text, pattern, true)?;
        let first = *positions.first()?;
        let word_starts: Vec<usize> = starts(text).map(|b| text[..b].chars().count()).collect();
        let chars: Vec<char> = text.chars().collect();
        let skips_separator = positions.windows(2).any(|w| {
            chars.get(w[0] + 1..w[1]).is_some_and(|gap| gap.iter().any(|c| is_separator(*c)))
        });
        if skips_separator {
            return None;
        }
        let runs = 1 + positions.windows(2).filter(|w| w[1] != w[0] + 1).count();
        let allowed_runs = 2 + pattern.chars().count() / 6;
        let starts_word = word_starts.contains(&first) && positions.get(1) == Some(&(first + 1));
        (starts_word && runs <= allowed_runs).then_some((score, positions))
    }
}

/// Whether the lowercase `pattern` is a subsequence of `text`, ignoring ASCII case.
fn is_subsequence(pattern: &str, text: &str) -> bool {
    let mut text = text.chars().map(|c| c.to_ascii_lowercase());
    pattern.chars().all(|p| text.any(|t| t == p))
}

/// The longest ASCII text [`may_accept`] works out; longer ones go to skim.
const GATE_BYTES: usize = 128;

/// False only when no way of matching `pattern` in `text` would pass
/// [`Scorer::skim_match`]'s rules: its first two characters together at a word
/// start, no gap across a separator, at most `2 + len / 6` runs. skim's own
/// match is one such way, so a false here means skim's would be refused.
/// Worked out for ASCII texts of up to [`GATE_BYTES`] bytes (the fewest
/// runs, row by row of the pattern); for others, whether `pattern` is a
/// subsequence at all.
fn may_accept(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    if !pattern.is_ascii() || !text.is_ascii() || t.len() > GATE_BYTES || p.len() < 2 {
        return is_subsequence(pattern, text);
    }
    const NONE: u8 = u8::MAX;
    let allowed = 2 + p.len() / 6;
    // runs[j]: the fewest runs matching the pattern so far with its last
    // character at text byte j.
    let mut runs = [NONE; GATE_BYTES];
    for (j, &b) in t.iter().enumerate() {
        if b.eq_ignore_ascii_case(&p[0]) && is_start(t, j) {
            runs[j] = 1;
        }
    }
    for (i, &c) in p.iter().enumerate().skip(1) {
        let mut next = [NONE; GATE_BYTES];
        // The fewest runs ending at a byte from which a gap may reach j.
        let mut reachable = NONE;
        for j in 1..t.len() {
            if is_separator(char::from(t[j - 1])) {
                reachable = NONE;
            } else if j >= 2 && i >= 2 {
                reachable = reachable.min(runs[j - 2]);
            }
            if t[j].eq_ignore_ascii_case(&c) {
                next[j] = runs[j - 1].min(reachable.saturating_add(1));
            }
        }
        runs = next;
    }
    runs[..t.len()].iter().any(|&r| usize::from(r) <= allowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Whatever skim accepts, the gate lets through.
        #[test]
        fn the_gate_never_refuses_what_skim_accepts(
            pattern in "[a-cA.r-][a-cr.-]{1,7}",
            text in "[a-cA-CrR._ /-]{0,30}",
        ) {
            let pattern = pattern.to_lowercase();
            if Scorer::new().skim_by_rules(&pattern, &text).is_some() {
                prop_assert!(may_accept(&pattern, &text), "{:?} in {:?}", pattern, text);
            }
        }
    }

    proptest! {
        /// The same for patterns taken from the text (so that skim often
        /// matches): some characters of it, in order, from a word start.
        #[test]
        fn the_gate_lets_through_what_skim_accepts_of_the_text(
            text in "[a-cA-CrR._ /-]{2,30}",
            picks in proptest::collection::vec(any::<bool>(), 30),
        ) {
            let pattern: String = text
                .chars()
                .zip(&picks)
                .filter(|(_, pick)| **pick)
                .map(|(c, _)| c.to_ascii_lowercase())
                .collect();
            if let Some(found) = Scorer::new().skim_by_rules(&pattern, &text) {
                prop_assert!(may_accept(&pattern, &text), "{:?} in {:?}: {:?}", pattern, text, found);
            }
        }
    }

    #[test]
    fn the_gate_refuses_what_no_match_could_pass() {
        assert!(may_accept("usr.", "User.Read"));
        assert!(may_accept("usr.rd", "User.Read"));
        assert!(!may_accept("usr.", "UserAuthenticationMethod.Read"), "three runs");
        assert!(!may_accept("sr", "User"), "not from a word start");
        assert!(!may_accept("ua", "User.All"), "a gap across a separator");
        assert!(!may_accept("abc", "ab"));
        assert!(may_accept("cal", "Calendars"));
    }
}
