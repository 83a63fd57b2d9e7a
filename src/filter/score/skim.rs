//! skim's fuzzy matching, as the scorer accepts it: from the start of a
//! word, with few gaps, none across a separator.

use super::Scorer;
use crate::filter::words::{is_separator, segments, starts};

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
            return self.skim_by_rules(pattern, text);
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
