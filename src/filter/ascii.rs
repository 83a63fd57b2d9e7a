//! skim's scores for ASCII text, computed on bytes.
//!
//! Scoring every catalog row is the filter's hot loop. fuzzy-matcher 0.3.7
//! decodes each text into characters, classifies each character through a
//! function call, allocates per call, and keeps its score matrix between
//! calls without clearing it (so a score could depend on the texts scored
//! before). This module computes the very same scores as a fresh
//! `SkimMatcherV2` does — its full score for short texts, its "simple
//! match" for long ones — on the bytes of ASCII text, with skim's own
//! configuration. The tests hold both to skim's results on random input,
//! quirks included.

use fuzzy_matcher::skim::SkimScoreConfig;
use std::sync::LazyLock;

/// skim's default scoring configuration.
static CONFIG: LazyLock<SkimScoreConfig> = LazyLock::new(SkimScoreConfig::default);

/// skim's character classes (`CharType`), for ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

const fn class_of(b: u8) -> Class {
    match b {
        0 => Class::Empty,
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::HardSep,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => Class::SoftSep,
        b'0'..=b'9' => Class::Number,
        b'A'..=b'Z' => Class::Upper,
        _ => Class::Lower,
    }
}

/// The class of every byte, looked up instead of computed in the hot loop.
static CLASSES: [Class; 256] = {
    let mut table = [Class::Lower; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = class_of(b as u8);
        b += 1;
    }
    table
};

/// The bonus for a match after a character of one class on a character of
/// another (skim's `CharRole`), by class index.
static BONUS: LazyLock<[[i32; 6]; 6]> = LazyLock::new(|| {
    let classes =
        [Class::Empty, Class::Upper, Class::Lower, Class::Number, Class::HardSep, Class::SoftSep];
    classes.map(|previous| {
        classes.map(|current| match (previous, current) {
            (Class::Empty | Class::HardSep, _) => CONFIG.bonus_head,
            (Class::SoftSep, _) => CONFIG.bonus_break,
            (Class::Lower | Class::Number, Class::Upper) => CONFIG.bonus_camel,
            _ => 0,
        })
    })
});

/// The position of each byte of `pattern` when matched greedily from the
/// left, as skim's `cheap_matches` finds them (ASCII case folding unless
/// `exact_case`), into `out`; `None` when `pattern` is not a subsequence.
pub(super) fn first_matches(
    text: &[u8],
    pattern: &[u8],
    exact_case: bool,
    out: &mut Vec<usize>,
) -> Option<()> {
    out.clear();
    let mut from = 0;
    for &p in pattern {
        let found = find(&text[from..], p, exact_case)?;
        out.push(from + found);
        from += found + 1;
    }
    Some(())
}

/// The first position of `p` in `text` (ASCII case folded unless `exact_case`).
fn find(text: &[u8], p: u8, exact_case: bool) -> Option<usize> {
    let (lower, upper) = (p.to_ascii_lowercase(), p.to_ascii_uppercase());
    if exact_case || lower == upper {
        memchr::memchr(p, text)
    } else {
        memchr::memchr2(lower, upper, text)
    }
}

/// The last position of `p` in `text` (ASCII case folded unless `exact_case`).
fn find_back(text: &[u8], p: u8, exact_case: bool) -> Option<usize> {
    let (lower, upper) = (p.to_ascii_lowercase(), p.to_ascii_uppercase());
    if exact_case || lower == upper {
        memchr::memrchr(p, text)
    } else {
        memchr::memrchr2(lower, upper, text)
    }
}

fn same(c: u8, p: u8, exact_case: bool) -> bool {
    if exact_case { c == p } else { c.eq_ignore_ascii_case(&p) }
}

/// Texts up to this many characters get skim's full scoring; longer ones
/// (most descriptions) its linear "simple match". The most [`full_score`] takes.
pub(super) const FULL_SCORE_BYTES: usize = 63;

/// skim's full score (`SkimMatcherV2::fuzzy_match` below its element limit)
/// of `pattern` in `text` (both ASCII, `text` at most [`FULL_SCORE_BYTES`]),
/// given the greedy first match of each pattern byte (`first`, as skim's
/// `cheap_matches` finds them; not empty). skim's two-row score matrix,
/// including what one pattern row leaves for the row after next to read.
pub(super) fn full_score(text: &[u8], pattern: &[u8], first: &[usize], exact_case: bool) -> i64 {
    // Read once: the hot loops below should not go through `LazyLock`.
    let (config, bonuses): (&SkimScoreConfig, &[[i32; 6]; 6]) = (&CONFIG, &BONUS);
    let bonus = |previous: Class, current: Class| bonuses[previous as usize][current as usize];
    /// A cell of skim's matrix: best score ending in a match, best score
    /// ending in a gap, and the bonus carried into a consecutive match.
    #[derive(Clone, Copy)]
    struct Cell {
        matched: i32,
        skipped: i32,
        bonus: i32,
    }
    const NONE: i32 = i16::MIN as i32;
    const EMPTY: Cell = Cell { matched: NONE, skipped: NONE, bonus: 0 };
    assert!(text.len() <= FULL_SCORE_BYTES, "long texts get the simple score");
    let columns = text.len() + 1;
    let mut place_bonuses = [0i32; FULL_SCORE_BYTES + 1];
    let mut previous = Class::Empty;
    for (j, &c) in text.iter().enumerate() {
        let current = CLASSES[usize::from(c)];
        place_bonuses[j + 1] = bonus(previous, current);
        previous = current;
    }
    place_bonuses[1] *= config.bonus_first_char_multiplier;
    let mut rows = [[EMPTY; FULL_SCORE_BYTES + 1]; 2];
    for cell in &mut rows[0][..columns] {
        cell.skipped = config.gap_extension;
    }
    for (i, &p) in pattern.iter().enumerate() {
        let (row, above) = ((i + 1) & 1, i & 1);
        for column in first[i] + 1..columns {
            let c = text[column - 1];
            let diagonal = rows[above][column - 1];
            if same(c, p, exact_case) {
                let mismatch = if !exact_case && p != c { config.penalty_case_mismatch } else { 0 };
                let place_bonus = place_bonuses[column];
                let consecutive =
                    rows[row][column - 1].bonus.max(place_bonus.max(config.bonus_consecutive));
                rows[row][column - 1].bonus = consecutive;
                let best = (diagonal.matched + consecutive).max(diagonal.skipped + place_bonus);
                rows[row][column].matched = best + (config.score_match + mismatch).max(0);
            } else {
                rows[row][column].matched = NONE;
                rows[row][column].bonus = 0;
            }
            let left = rows[row][column - 1];
            rows[row][column].skipped = (config.gap_start + config.gap_extension + left.matched)
                .max(config.gap_extension + left.skipped);
        }
    }
    let last = &rows[pattern.len() & 1][first[first.len() - 1]..columns];
    i64::from(last.iter().map(|cell| cell.matched).max().unwrap_or(NONE))
}

/// skim's simple-match score of `pattern` in `text` (both ASCII), given the
/// greedy first match of each pattern byte (`first`, as skim's
/// `cheap_matches` finds them; not empty).
pub(super) fn simple_score(text: &[u8], pattern: &[u8], first: &[usize], exact_case: bool) -> i64 {
    simple(text, pattern, first, exact_case, &mut Vec::new())
}

/// The byte positions [`simple_score`] matches (skim's `simple_match` with
/// positions), appended to `out`.
pub(super) fn simple_positions(
    text: &[u8],
    pattern: &[u8],
    first: &[usize],
    exact_case: bool,
    out: &mut Vec<usize>,
) {
    simple(text, pattern, first, exact_case, out);
}

/// [`simple_score`], appending the matched positions to `positions` (which
/// stays empty, without allocating, when nothing is asked).
fn simple(
    text: &[u8],
    pattern: &[u8],
    first: &[usize],
    exact_case: bool,
    positions: &mut Vec<usize>,
) -> i64 {
    // Read once: the hot loops below should not go through `LazyLock`.
    let (config, bonuses): (&SkimScoreConfig, &[[i32; 6]; 6]) = (&CONFIG, &BONUS);
    let bonus = |previous: Class, current: Class| bonuses[previous as usize][current as usize];
    if let [at] = first {
        positions.push(*at);
        let previous = if *at > 0 { text[at - 1] } else { 0 };
        return i64::from(bonus(CLASSES[usize::from(previous)], CLASSES[usize::from(text[*at])]));
    }
    let end = first[first.len() - 1];
    // skim walks back from the last first-match to find a tighter start, and
    // keeps that start relative to the first match (its quirk, kept here).
    let mut start = first[0];
    let mut upper = end + 1;
    for &p in pattern.iter().rev() {
        let Some(at) = find_back(&text[first[0]..upper], p, exact_case) else { break };
        start = at;
        upper = first[0] + at;
    }
    // Then it scores from there: a match earns its score and, unless it
    // follows a gap, a consecutive bonus; a gap costs once to open and per byte.
    let (mut score, mut in_gap, mut previous_bonus) = (0, false, 0);
    let mut at = start;
    for &p in pattern {
        let found = find(&text[at..=end], p, exact_case);
        let gap = found.unwrap_or(end + 1 - at);
        if gap > 0 {
            if !in_gap {
                score += config.gap_start;
            }
            score += config.gap_extension * i32::try_from(gap).unwrap_or(i32::MAX);
            in_gap = true;
            previous_bonus = 0;
        }
        let Some(offset) = found else { break };
        let matched = at + offset;
        positions.push(matched);
        let c = text[matched];
        let previous =
            if matched == start { Class::Empty } else { CLASSES[usize::from(text[matched - 1])] };
        let place_bonus = bonus(previous, CLASSES[usize::from(c)]);
        let mismatch = if !exact_case && p != c { config.penalty_case_mismatch } else { 0 };
        score += (config.score_match + mismatch).max(0);
        let consecutive = previous_bonus.max(place_bonus.max(config.bonus_consecutive));
        previous_bonus = consecutive;
        if !in_gap {
            score += consecutive;
        }
        in_gap = false;
        at = matched + 1;
        if at > end {
            break;
        }
    }
    i64::from(score)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use proptest::prelude::*;

    /// skim's greedy first matches (`cheap_matches`).
    fn first_matches(text: &[u8], pattern: &[u8], exact_case: bool) -> Option<Vec<usize>> {
        let mut out = Vec::new();
        let mut from = 0;
        for &p in pattern {
            let found = text[from..].iter().position(|&c| same(c, p, exact_case))?;
            out.push(from + found);
            from += found + 1;
        }
        Some(out)
    }

    /// The simple score and positions are skim's, whenever the pattern matches.
    fn simple_as_skim(text: &str, pattern: &str) -> Result<(), TestCaseError> {
        let exact_case = pattern.bytes().any(|b| b.is_ascii_uppercase());
        let (bytes, pattern_bytes) = (text.as_bytes(), pattern.as_bytes());
        if let Some(first) = first_matches(bytes, pattern_bytes, exact_case) {
            let chars: Vec<char> = text.chars().collect();
            let pattern_chars: Vec<char> = pattern.chars().collect();
            let skim = SkimMatcherV2::default().simple_match(
                &chars,
                &pattern_chars,
                &first,
                exact_case,
                true,
            );
            let score = simple_score(bytes, pattern_bytes, &first, exact_case);
            let mut positions = Vec::new();
            simple_positions(bytes, pattern_bytes, &first, exact_case, &mut positions);
            prop_assert_eq!(Some((score, positions)), skim);
        }
        Ok(())
    }

    /// The full score is a fresh skim matcher's, whenever the pattern matches.
    fn full_as_skim(text: &str, pattern: &str) -> Result<(), TestCaseError> {
        let exact_case = pattern.bytes().any(|b| b.is_ascii_uppercase());
        if let Some(first) = first_matches(text.as_bytes(), pattern.as_bytes(), exact_case) {
            let skim = SkimMatcherV2::default().smart_case().fuzzy_match(text, pattern);
            let score = full_score(text.as_bytes(), pattern.as_bytes(), &first, exact_case);
            prop_assert_eq!(Some(score), skim);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        /// Any ASCII text, control characters included.
        #[test]
        fn scores_as_skim_does(text in "[\\x00-\\x7f]{1,140}", pattern in "[a-zA-Z0-9 ._/-]{1,8}") {
            simple_as_skim(&text, &pattern)?;
        }

        #[test]
        fn full_scores_as_a_fresh_skim_does(text in "[\\x00-\\x7f]{1,63}", pattern in "[a-zA-Z0-9 ._/-]{1,8}") {
            full_as_skim(&text, &pattern)?;
        }

        /// Long texts of few letters: most pairs match, with gaps of every size.
        #[test]
        fn simple_scores_of_dense_texts_as_skim_does(text in "[a-cA-C. ]{1,140}", pattern in "[a-cA-C.]{1,6}") {
            simple_as_skim(&text, &pattern)?;
        }

        /// Names and terms as they are typed: most pairs match.
        #[test]
        fn full_scores_of_names_as_a_fresh_skim_does(text in "[a-cA-C.]{1,63}", pattern in "[a-cA-C.]{1,6}") {
            full_as_skim(&text, &pattern)?;
        }
    }

    #[test]
    fn examples() {
        let text = b"Allows the app to read the signed-in user's calendars";
        let first = first_matches(text, b"cal", false).unwrap();
        let chars: Vec<char> = text.iter().map(|&b| char::from(b)).collect();
        let skim =
            SkimMatcherV2::default().simple_match(&chars, &['c', 'a', 'l'], &first, false, false);
        assert_eq!(Some(simple_score(text, b"cal", &first, false)), skim.map(|(s, _)| s));
        let name = b"Calendars.ReadWrite";
        let first = first_matches(name, b"calrw", false).unwrap();
        let skim = SkimMatcherV2::default().fuzzy_match("Calendars.ReadWrite", "calrw");
        assert_eq!(Some(full_score(name, b"calrw", &first, false)), skim);
    }
}
