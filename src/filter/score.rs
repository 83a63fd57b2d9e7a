//! Scoring one row for a prepared query. Each term earns the score of the
//! best tier it reaches: a whole name word; a part of a name word or a
//! vocabulary meaning; a description word; a typo of the name (skim's
//! fuzzy score, or a word within a typo or two). A row's score is the sum.

use super::query::{Half, Query, Sense, Term, Unit, allowed_typos, typo_distance_within};
use super::vocabulary::target_matches;
use super::words::{
    NameMatch, TextMatch, camel_starts, name_match, segments, starts, starts_with_lower, text_match,
};
use fuzzy_matcher::skim::SkimMatcherV2;

/// A term that is a whole name segment (`mail` in `Mail.Send`, `users` in `User.Read`).
pub(crate) const WHOLE_WORD: i32 = 300;
/// A term that starts a camel word of a name (`chan`, `message` in
/// `ChannelMessage`), or that the vocabulary maps to a word of the name.
pub(crate) const NAME_PART: i32 = 200;
/// A whole word of the description or display name.
const DESCRIPTION_WORD: i32 = 120;
/// A prefix of a word of the description or display name.
const DESCRIPTION_PREFIX: i32 = 100;
/// A misspelt vocabulary word.
const VOCABULARY_TYPO: i32 = 60;
/// A name word within one typo…
const ONE_TYPO: i32 = 60;
/// …or two.
const TWO_TYPOS: i32 = 45;
/// The most a skim match of a name scores: below every other tier.
const MOST_FUZZY: i32 = 59;
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

/// skim, configured once.
pub(crate) struct Scorer {
    skim: SkimMatcherV2,
}

impl Scorer {
    /// skim ignoring case.
    pub(crate) fn new() -> Scorer {
        Scorer { skim: SkimMatcherV2::default().ignore_case() }
    }

    /// The row's score for `query`; `None` unless every unit matches
    /// (stopwords may not), each alone or, for neighbours, written as one
    /// name word. `texts` are the description and display name.
    pub(crate) fn row(&self, query: &Query, name: &str, texts: [&str; 2]) -> Option<i32> {
        // The best score of the units before the last one and before the last two.
        let (mut two_back, mut one_back) = (None, Some(0));
        for (i, unit) in query.units.iter().enumerate() {
            let alone = one_back.and_then(|sum| Some(sum + self.unit(unit, name, texts)?));
            let joined = i
                .checked_sub(1)
                .and_then(|before| query.joined[before].as_deref())
                .and_then(|joined| Some(two_back? + joined_score(joined, name)?));
            (two_back, one_back) = (one_back, alone.max(joined));
        }
        one_back
    }

    fn unit(&self, unit: &Unit, name: &str, texts: [&str; 2]) -> Option<i32> {
        match unit {
            Unit::Term(term) => {
                let score = self.term(term, name, texts);
                if term.optional { Some(score.unwrap_or(0)) } else { score }
            }
            Unit::Phrase { words: [first, second], targets } => {
                let meant =
                    targets.iter().any(|t| target_matches(t, name)).then_some(2 * NAME_PART);
                let in_name = name_score(first, name)
                    .and_then(|a| Some(a + name_score(second, name)?))
                    .max(joined_score(&format!("{}{}", first.text, second.text), name));
                let in_text = texts
                    .iter()
                    .any(|text| text_phrase(text, &first.text, &second.text))
                    .then_some(2 * DESCRIPTION_WORD);
                meant.max(in_name).max(in_text)
            }
        }
    }

    /// One term's score: the best tier it reaches.
    pub(crate) fn term(&self, term: &Term, name: &str, texts: [&str; 2]) -> Option<i32> {
        let by_name = name_score(term, name);
        if by_name.is_some() {
            return by_name;
        }
        let meant = sense_score(term, name);
        if meant == Some(NAME_PART) {
            return meant;
        }
        let described = texts
            .iter()
            .filter_map(|text| text_match(text, &term.text))
            .max()
            .map(|m| if m == TextMatch::Word { DESCRIPTION_WORD } else { DESCRIPTION_PREFIX });
        let best = meant.max(described);
        if best.is_some() { best } else { self.fuzzy(term, name) }
    }

    /// A typo's score: the better of skim's (with few gaps, from the start
    /// of a word) and a name word within the allowed typos.
    fn fuzzy(&self, term: &Term, name: &str) -> Option<i32> {
        let chars = term.text.chars().count();
        if chars < FUZZY_CHARS {
            return None;
        }
        let skim = self.skim_match(&term.text, name).map(|(score, _)| {
            let per_char = score / i64::try_from(chars).unwrap_or(i64::MAX);
            i32::try_from(per_char.clamp(1, i64::from(MOST_FUZZY))).unwrap_or(MOST_FUZZY)
        });
        skim.max(typo_score(term, name))
    }

    /// skim's score and matched character positions of the lowercase
    /// `pattern` in `text`, when the match starts a word with at least two
    /// characters (a typo keeps a word's start), has few gaps, and no gap
    /// skips a separator (a typo stays in the words typed: `usr.read`, not
    /// `chat` in `Channel.Create`).
    fn skim_match(&self, pattern: &str, text: &str) -> Option<(i64, Vec<usize>)> {
        if !is_subsequence(pattern, text) {
            return None;
        }
        if pattern.contains(is_separator) {
            return self.skim_in(pattern, text);
        }
        // A term without separators is a typo of one segment: skim each.
        segments(text)
            .filter_map(|segment| {
                let from =
                    text[..segment.as_ptr() as usize - text.as_ptr() as usize].chars().count();
                let (score, positions) = self.skim_in(pattern, segment)?;
                Some((score, positions.into_iter().map(|p| p + from).collect()))
            })
            .max_by_key(|(score, _)| *score)
    }

    /// [`skim_match`](Self::skim_match) of `pattern` in all of `text`.
    fn skim_in(&self, pattern: &str, text: &str) -> Option<(i64, Vec<usize>)> {
        if !is_subsequence(pattern, text) {
            return None;
        }
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
        match sense {
            Sense::Means(targets) | Sense::Typo(targets) => out.extend(targets.iter().copied()),
            Sense::Compound(halves) => {
                for half in halves {
                    out.push(&half.text);
                    out.extend(half.targets.iter().copied());
                }
            }
        }
    }
    out
}

/// How the term meets the name: the whole name or whole segments score
/// [`WHOLE_WORD`], parts of segments [`NAME_PART`]. A term with separators
/// (`mail.send`) meets the name when it starts it, or when its parts meet
/// segments in order.
fn name_score(term: &Term, name: &str) -> Option<i32> {
    if !term.is_dotted() {
        return segments(name).filter_map(|s| name_match(s, &term.text)).max().map(name_tier);
    }
    if term.text.eq_ignore_ascii_case(name) {
        return Some(WHOLE_WORD);
    }
    if starts_with_lower(name, &term.text) {
        return Some(NAME_PART);
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
    segments(name).filter_map(|s| name_match(s, joined)).max().map(|m| 2 * name_tier(m))
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
/// name, [`VOCABULARY_TYPO`] for a misspelt vocabulary word.
fn sense_score(term: &Term, name: &str) -> Option<i32> {
    let names = |targets: &[&str]| targets.iter().any(|t| target_matches(t, name));
    let half =
        |h: &Half| names(h.targets) || segments(name).any(|s| name_match(s, &h.text).is_some());
    term.senses
        .iter()
        .filter_map(|sense| match sense {
            Sense::Means(targets) => names(targets).then_some(NAME_PART),
            Sense::Typo(targets) => names(targets).then_some(VOCABULARY_TYPO),
            Sense::Compound([left, right]) => (half(left) && half(right)).then_some(NAME_PART),
        })
        .max()
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
                let word_end = camel_starts(rest).nth(1).unwrap_or(rest.len());
                let prefix =
                    if part.len() >= PREFIX_TYPO_CHARS { rest.get(..part.len()) } else { None };
                [&rest[..word_end], rest, prefix.unwrap_or(rest)]
                    .into_iter()
                    .filter_map(|candidate| typo_distance_within(part, candidate, allowed))
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

/// Whether `c` separates the segments of a name.
fn is_separator(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | ' ' | '/')
}

/// Whether the lowercase `pattern` is a subsequence of `text`, ignoring ASCII case.
fn is_subsequence(pattern: &str, text: &str) -> bool {
    let mut text = text.chars().map(|c| c.to_ascii_lowercase());
    pattern.chars().all(|p| text.any(|t| t == p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(query: &str, name: &str, description: &str) -> Option<i32> {
        Scorer::new().row(&Query::new(query), name, [description, ""])
    }

    #[test]
    fn each_tier_above_the_next() {
        let whole = score("mail", "Mail.Send", "").unwrap();
        let part = score("chan", "ChannelMessage.Send", "").unwrap();
        let meant = score("outlook", "Mail.Send", "").unwrap();
        let described = score("inbox", "X.Y", "Reads the inbox").unwrap();
        let prefix = score("inb", "X.Y", "Reads the inbox").unwrap();
        let typo = score("chanel", "Channel.ReadBasic.All", "").unwrap();
        let skim = score("usr.read", "User.Read", "").unwrap();
        assert!(whole > part && part == meant && meant > described, "{whole} {part} {meant}");
        assert!(described > prefix && prefix > typo && typo > skim, "{prefix} {typo} {skim}");
    }

    #[test]
    fn typos_find_names() {
        for (query, name) in [
            ("usr.read", "User.Read"),
            ("chanelmessage", "ChannelMessage.Send"),
            ("mail.snd", "Mail.Send"),
            ("calender", "Calendars.Read"),
            ("mial", "Mail.Read"),
            ("presense", "Presence.Read"),
            ("mail.sned", "Mail.Send"),
        ] {
            assert!(score(query, name, "").is_some(), "{query} → {name}");
        }
    }

    #[test]
    fn precision_no_scattered_matches() {
        assert_eq!(score("sites", "SecurityIncident.Read.All", "Read security incidents"), None);
        assert_eq!(score("mail", "X.Y", "Allows email"), None, "not inside a word");
        assert_eq!(score("tms", "Team.Create", ""), None, "skim needs few gaps");
        assert_eq!(score("cal", "Chat.Read.All", ""), None, "a word's first two letters");
        assert_eq!(score("calender", "Channel.Create", ""), None);
        assert_eq!(score("chat", "Channel.Create", ""), None, "not a typo of a prefix");
        assert_eq!(score("ab", "AB.Read", "").map(|_| ()), Some(()));
    }

    #[test]
    fn phrases_match_by_meaning_or_by_both_words() {
        let meant = score("sign in", "openid", "").unwrap();
        let literal = score("sign in", "X.Y", "sign in to the app").unwrap();
        assert_eq!(score("sign in", "X.Y", "the signed-in user"), None);
        assert!(meant > literal, "{meant} {literal}");
        assert_eq!(score("refresh token", "Mail.Read", "Read mail"), None);
    }

    #[test]
    fn neighbours_written_as_one_name_word_beat_words_apart() {
        let compound = score("group members", "GroupMember.Read.All", "").unwrap();
        let apart = score("group members", "Group.Read.All", "Read groups and their members");
        assert!(compound > apart.unwrap(), "{compound} {apart:?}");
        assert!(score("team work", "Teamwork.Read.All", "").is_some());
    }

    #[test]
    fn stopwords_need_not_match() {
        assert_eq!(score("read the mail", "Mail.Read", ""), score("read mail", "Mail.Read", ""));
        assert_eq!(score("the", "Mail.Read", ""), None);
    }

    #[test]
    fn literal_phrases_need_their_words_together() {
        assert!(score("sign in", "X.Y", "Reads sign-in logs").is_some());
        assert_eq!(score("sign in", "X.Y", "the signed-in user in"), None);
        assert!(score("sign in", "SignInIdentifier.Read.All", "").is_some());
    }

    #[test]
    fn compounds_need_both_halves() {
        assert!(score("gruppenmitglieder", "GroupMember.Read.All", "").is_some());
        assert_eq!(score("gruppenmitglieder", "Group.Read.All", ""), None);
        assert!(score("kalenderlesen", "Calendars.Read", "").is_some());
    }

    #[test]
    fn highlighting_marks_words_parts_and_meanings() {
        struct Scorer(super::Scorer);
        impl Scorer {
            fn positions(&self, text: &str, query: &Query) -> Vec<usize> {
                self.0.positions(text, &Marks::new(query))
            }
        }
        let scorer = Scorer(super::Scorer::new());
        assert_eq!(scorer.positions("Chat.Read", &Query::new("cha rd")), vec![0, 1, 2]);
        assert_eq!(
            scorer.positions("Sites.Read.All", &Query::new("sharepoint")),
            vec![0, 1, 2, 3, 4]
        );
        assert_eq!(scorer.positions("User.Read", &Query::new("usr")), vec![0, 1, 3]);
        assert!(scorer.positions("Chat.Read", &Query::new("zz")).is_empty());
        let described = scorer.positions("Read the mail", &Query::new("mail"));
        assert_eq!(described, vec![9, 10, 11, 12]);
    }

    #[test]
    fn scores_do_not_depend_on_earlier_calls() {
        let catalog = crate::test_support::graph_catalog();
        let alone = Scorer::new().skim_match("usr.red", "User.Read");
        let scorer = Scorer::new();
        for p in &catalog.permissions {
            scorer.skim_match("usrrd", &p.name);
            assert_eq!(scorer.skim_match("usr.red", "User.Read"), alone, "after {}", p.name);
        }
    }
}
