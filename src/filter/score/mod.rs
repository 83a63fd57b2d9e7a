//! Scoring one row for a prepared query. Each term earns the score of the
//! best tier it reaches: a whole name word; a part of a name word or a
//! vocabulary meaning; a description word; a typo of the name (skim's
//! fuzzy score, or a word within a typo or two). A row's score is the sum.

use super::query::{Half, Query, Sense, Term, Unit, allowed_typos, typo_distance_within};
use super::vocabulary::target_matches;
use super::words::{
    NameMatch, Role, TextMatch, camel_starts, is_separator, name_match, roled_segments, same_word,
    segments, starts, starts_with_lower, text_match,
};
use crate::catalog::graph;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A term that is a whole name segment (`mail` in `Mail.Send`, `users` in
/// `User.Read`), other than a qualifier (see [`Role`]).
pub(crate) const WHOLE_WORD: i32 = 300;
/// Added when the term (or its vocabulary meaning) is the name's whole first
/// segment, the resource: `directory` ranks `Directory.Read.All` above
/// `RoleManagement.Read.Directory`, `sharepoint` ranks `Sites.*` above
/// `AuditLogsQuery-SharePoint.Read.All`.
const HEAD: i32 = 20;
/// A term that starts a camel word of a name (`chan`, `message` in
/// `ChannelMessage`), or that the vocabulary maps to a word of the name.
pub(crate) const NAME_PART: i32 = 200;
/// A whole word of the description or display name.
const DESCRIPTION_WORD: i32 = 120;
/// A noun of the API paths the permission is least privileged for
/// (`signins`, `joinedteams`; see [`graph::path_words`]).
const PATH_WORD: i32 = 150;
/// A prefix of a word of the description or display name.
const DESCRIPTION_PREFIX: i32 = 100;
/// One half of a compound alone, when no row matches both (see
/// `Query::loosen_compounds`): below a description word.
const COMPOUND_HALF: i32 = 90;
/// A misspelt vocabulary word.
const VOCABULARY_TYPO: i32 = 60;
/// A name word within one typo…
const ONE_TYPO: i32 = 60;
/// …or two.
const TWO_TYPOS: i32 = 45;
/// The most a skim match of a name scores: below every other tier.
const MOST_FUZZY: i32 = 59;
/// Added to a skim match whose last typed character ends a name segment:
/// `usr.read` is nearer `User.Read` than `User.ReadBasic.All`.
const ENDS_SEGMENT: i32 = 5;
/// The shortest term matched by skim.
const FUZZY_CHARS: usize = 3;
/// The shortest term compared with the start of a longer name word for typos
/// (`calender` → `Calendars`; not `chat` → `Chan…`).
const PREFIX_TYPO_CHARS: usize = 6;

fn name_tier(m: NameMatch) -> i32 {
    match m {
        NameMatch::Whole => WHOLE_WORD,
        NameMatch::Part => NAME_PART,
    }
}

/// The tier of a match in a segment of this role: a whole qualifier ranks
/// as a part (level with the vocabulary: it narrows another resource), a
/// whole head gets [`HEAD`] more (a hyphen's prefix does not: `groups` ranks
/// `Group.Read.All` above `Group-Conversation.Read.All`).
fn role_tier(m: NameMatch, role: Role) -> i32 {
    match (m, role) {
        (NameMatch::Whole, Role::Head) => WHOLE_WORD + HEAD,
        (NameMatch::Whole, Role::Qualifier) => NAME_PART,
        (m, _) => name_tier(m),
    }
}

/// The best role tier of the lowercase `word` in `name`'s segments.
fn best_segment_tier(name: &str, word: &str) -> Option<i32> {
    roled_segments(name).filter_map(|(s, role)| Some(role_tier(name_match(s, word)?, role))).max()
}

/// The tier of a vocabulary target in `name`: [`NAME_PART`], plus [`HEAD`]
/// when it is the whole first segment.
fn target_tier(target: &str, row: &Row) -> Option<i32> {
    if !target_matches(target, row.name) {
        return None;
    }
    let name = row.name;
    let head = roled_segments(name).next().filter(|(_, r)| *r == Role::Head).map(|(s, _)| s);
    let whole_head =
        target.eq_ignore_ascii_case(name) || head.is_some_and(|h| same_word(target, h));
    Some(NAME_PART + if whole_head { HEAD } else { 0 })
}

/// A row as it is scored: its name, and its description and display name.
pub(crate) struct Row<'r> {
    name: &'r str,
    texts: [&'r str; 2],
    /// The name's API-path words (see [`graph::path_words`]), or none.
    path_words: graph::PathWords,
}

impl<'r> Row<'r> {
    /// The row of `name` with `texts` (the description and display name).
    pub(crate) fn new(name: &'r str, texts: [&'r str; 2]) -> Row<'r> {
        Row { name, texts, path_words: graph::PathWords::default() }
    }

    /// [`Row::new`] with the API-path words of the name.
    pub(crate) fn with_path_words(name: &'r str, texts: [&'r str; 2]) -> Row<'r> {
        Row { name, texts, path_words: graph::path_words(name) }
    }

    /// [`PATH_WORD`] when `word` is one of the row's path words (plurals allowed).
    fn path_score(&self, word: &str) -> Option<i32> {
        let found = self.path_words.clone().any(|w| same_word(word, w));
        found.then_some(PATH_WORD)
    }
}

/// skim, configured once.
pub(crate) struct Scorer {
    skim: SkimMatcherV2,
}

impl Default for Scorer {
    /// skim ignoring case.
    fn default() -> Scorer {
        Scorer { skim: SkimMatcherV2::default().ignore_case() }
    }
}

impl Scorer {
    /// The row's score for `query`; `None` unless every unit matches
    /// (stopwords may not), each alone or, for neighbours, written as one
    /// name word.
    pub(crate) fn row(&self, query: &Query, row: &Row) -> Option<i32> {
        // Each distinct unit and joined pair is scored once, when first needed.
        let mut units = vec![None; query.units.len()];
        let mut unit = |i: usize| {
            let first = query.first_unit[i];
            *units[first].get_or_insert_with(|| self.unit(&query.units[first], row))
        };
        let mut joins = vec![None; query.joined.len()];
        let mut joined = |before: usize| {
            let first = query.first_joined[before];
            *joins[first].get_or_insert_with(|| {
                let joined = query.joined[first].as_deref()?;
                joined_score(joined, row.name).max(row.path_score(joined).map(|s| 2 * s))
            })
        };
        // The best score of the units before the last one and before the last two.
        let (mut two_back, mut one_back) = (None, Some(0));
        for i in 0..query.units.len() {
            let alone = one_back.and_then(|sum| Some(sum + unit(i)?));
            let joined = i.checked_sub(1).and_then(|before| Some(two_back? + joined(before)?));
            (two_back, one_back) = (one_back, alone.max(joined));
        }
        one_back
    }

    /// One unit's score in a row; `None` when it does not match (an optional
    /// term scores 0 then).
    pub(crate) fn unit(&self, unit: &Unit, row: &Row) -> Option<i32> {
        match unit {
            Unit::Term(term) => {
                let score = self.term(term, row);
                if term.optional { Some(score.unwrap_or(0)) } else { score }
            }
            Unit::Phrase { words: [first, second], targets } => {
                let in_text = row
                    .texts
                    .iter()
                    .any(|text| text_phrase(text, &first.text, &second.text))
                    .then_some(2 * DESCRIPTION_WORD);
                let name = row.name;
                let meant = targets.iter().filter_map(|t| target_tier(t, row)).max().map(|t| 2 * t);
                let in_name = name_score(first, name)
                    .and_then(|a| Some(a + name_score(second, name)?))
                    .max(joined_score(&format!("{}{}", first.text, second.text), name));
                meant.max(in_name).max(in_text)
            }
        }
    }

    /// One term's score: the best tier it reaches.
    pub(crate) fn term(&self, term: &Term, row: &Row) -> Option<i32> {
        let name = row.name;
        if let Some(score) = name_score(term, name) {
            return Some(score);
        }
        let meant = sense_score(term, row);
        if meant >= Some(NAME_PART) {
            return meant;
        }
        let described = row.texts.iter().filter_map(|text| text_match(text, &term.text)).max();
        let described = described
            .map(|m| if m == TextMatch::Word { DESCRIPTION_WORD } else { DESCRIPTION_PREFIX });
        let best = meant.max(described).max(row.path_score(&term.text));
        if best.is_some() { best } else { self.fuzzy(term, name) }
    }

    /// A typo's score: the better of skim's (with few gaps, from the start
    /// of a word) and a name word within the allowed typos.
    fn fuzzy(&self, term: &Term, name: &str) -> Option<i32> {
        let chars = term.text.chars().count();
        if chars < FUZZY_CHARS {
            return None;
        }
        let skim = self.skim_match(&term.text, name).map(|(score, positions)| {
            let per_char = score / i64::try_from(chars).unwrap_or(i64::MAX);
            let capped = per_char.clamp(1, i64::from(MOST_FUZZY - ENDS_SEGMENT));
            let capped = i32::try_from(capped).unwrap_or(MOST_FUZZY - ENDS_SEGMENT);
            let last = positions.last().map_or(0, |p| p + 1);
            let ends = name.chars().nth(last).is_none_or(is_separator);
            capped + if ends { ENDS_SEGMENT } else { 0 }
        });
        skim.max(typo_score(term, name))
    }
}

/// How the term meets the name: the whole name or whole segments score
/// [`WHOLE_WORD`], parts of segments [`NAME_PART`]. A term with separators
/// (`mail.send`) meets the name when it starts it ([`HEAD`] more), or when
/// its parts meet segments in order.
fn name_score(term: &Term, name: &str) -> Option<i32> {
    if !term.is_dotted() {
        return best_segment_tier(name, &term.text);
    }
    if term.text.eq_ignore_ascii_case(name) {
        return Some(WHOLE_WORD);
    }
    if starts_with_lower(name, &term.text) {
        // What was typed starts the name at its resource (`groupmember.read`:
        // `GroupMember.Read.All` before `UnifiedGroupMember.Read.AsGuest`).
        return Some(NAME_PART + HEAD);
    }
    let mut rest = segments(name);
    let mut worst = NameMatch::Whole;
    for part in &term.parts {
        let found = rest.by_ref().find_map(|s| name_match(s, part))?;
        worst = worst.min(found);
    }
    Some(name_tier(worst))
}

/// Two neighbouring terms written as one (`groupmembers`): twice the tier
/// of the name word it is, if it is one.
fn joined_score(joined: &str, name: &str) -> Option<i32> {
    best_segment_tier(name, joined).map(|tier| 2 * tier)
}

/// Whether `text` has the lowercase word `first` followed by a word that
/// starts with `second`, with only spaces or dashes between (`sign-in`,
/// `sign in`, not `signed-in`).
fn text_phrase(text: &str, first: &str, second: &str) -> bool {
    let joiner = |b: u8| b == b' ' || b == b'-';
    starts(text).any(|at| {
        let rest = &text[at..];
        if !starts_with_lower(rest, first) {
            return false;
        }
        let after = &rest[first.len()..];
        let gap = after.bytes().take_while(|b| joiner(*b)).count();
        gap > 0 && starts_with_lower(&after[gap..], second)
    })
}

/// [`NAME_PART`] when a vocabulary meaning of the term names a word of the
/// name ([`HEAD`] more when it is the whole first segment: a compound's two
/// halves together, `gruppenmitglieder` → `GroupMember`), [`VOCABULARY_TYPO`]
/// for a misspelt vocabulary word, [`COMPOUND_HALF`] for a loosened half.
fn sense_score(term: &Term, row: &Row) -> Option<i32> {
    let name = row.name;
    let names = |targets: &[&str]| targets.iter().any(|t| target_matches(t, name));
    let half =
        |h: &Half| names(h.targets) || segments(name).any(|s| name_match(s, &h.text).is_some());
    term.senses
        .iter()
        .filter_map(|sense| match sense {
            Sense::Means(targets) => targets.iter().filter_map(|t| target_tier(t, row)).max(),
            Sense::Typo(targets) => names(targets).then_some(VOCABULARY_TYPO),
            Sense::Compound([left, right]) => (half(left) && half(right))
                .then(|| NAME_PART + if compound_is_head(left, right, name) { HEAD } else { 0 }),
            Sense::Half(one) => half(one).then_some(COMPOUND_HALF),
        })
        .max()
}

/// Whether the name's first segment is the two halves written as one word.
fn compound_is_head(left: &Half, right: &Half, name: &str) -> bool {
    let Some((head, Role::Head)) = roled_segments(name).next() else { return false };
    half_words(left).any(|l| {
        head.len() > l.len()
            && head.as_bytes()[..l.len()].eq_ignore_ascii_case(l.as_bytes())
            && half_words(right).any(|r| same_word(r, &head[l.len()..]))
    })
}

/// A compound half's words: its Graph words (official casing) and the word
/// as typed, compared ignoring ASCII case, so nothing is lowercased per row.
fn half_words(h: &Half) -> impl Iterator<Item = &str> {
    h.targets.iter().copied().chain([h.text.as_str()])
}

/// [`ONE_TYPO`] or [`TWO_TYPOS`] when every part of the term of four or
/// more characters is that close to a camel word of the name or a run of
/// them to the segment's end (parts of six or more: or to as many of its
/// first characters, a misspelt prefix); shorter parts must meet a segment
/// as they are. Typos keep the first letter.
fn typo_score(term: &Term, name: &str) -> Option<i32> {
    let mut worst = 0;
    for part in &term.parts {
        let allowed = allowed_typos(part.chars().count());
        if allowed == 0 {
            segments(name).find_map(|s| name_match(s, part))?;
            continue;
        }
        let first = part.as_bytes()[0];
        let distance = segments(name)
            .flat_map(|s| camel_starts(s).map(move |at| &s[at..]))
            .filter(|rest| rest.as_bytes()[0].eq_ignore_ascii_case(&first))
            .filter_map(|rest| {
                // The camel word, the rest of the segment, and a prefix of
                // the part's length.
                let word_end = camel_starts(rest).nth(1).unwrap_or(rest.len());
                let prefix = rest.get(..part.len()).filter(|_| part.len() >= PREFIX_TYPO_CHARS);
                [&rest[..word_end], rest, prefix.unwrap_or(rest)]
                    .into_iter()
                    .filter_map(|text| typo_distance_within(part, text, allowed))
                    .min()
            })
            .min()?;
        worst = worst.max(distance);
    }
    match worst {
        0 | 1 => Some(ONE_TYPO),
        _ => Some(TWO_TYPOS),
    }
}

mod marks;
mod skim;

pub(crate) use marks::Marks;

#[cfg(test)]
mod tests;
