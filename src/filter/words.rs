//! Splitting permission names and descriptions into words, and comparing a
//! typed word with them, ignoring ASCII case.
//!
//! A name's *segments* are its parts between `.`, `-` and `_`
//! (`ChannelMessage.Read.All` → `ChannelMessage`, `Read`, `All`); a segment's
//! *camel words* start at its capitals (`ChannelMessage` → `Channel`,
//! `Message`; `APIConnectors` → `API`, `Connectors`). A description's words
//! start at a letter or digit after anything else.

/// Whether `c` separates the segments of a name (spaces and `/` too, for
/// other texts). A function, not a `[char; 5]` pattern: splitting runs for
/// every row and term, and with the array a relevance test took a third more
/// CPU in the debug build the tests run.
pub(crate) fn is_separator(c: char) -> bool {
    matches!(c, '.' | '-' | '_' | ' ' | '/')
}

/// The segments of `name` (see [`is_separator`]).
pub(crate) fn segments(name: &str) -> impl Iterator<Item = &str> {
    name.split(is_separator).filter(|s| !s.is_empty())
}

/// Where a segment stands in a Graph name `Resource[-Qualifier].Operation[.Scope]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The first segment when it is the whole resource the permission is
    /// about (`Sites` in `Sites.Read.All`).
    Head,
    /// The first segment of a resource narrowed by a hyphen (`AuditLogsQuery`
    /// in `AuditLogsQuery-SharePoint.Read.All`, `Group` in
    /// `Group-Conversation.Read.All`): the resource's word, but not all of it.
    Prefix,
    /// A segment of the second dot part: what it allows (`Read`, `ReadWrite`, `Send`).
    Operation,
    /// Any other segment: a narrowing of the resource (`SharePoint` above,
    /// `Directory` in `RoleManagement.Read.Directory`, `All`, `Shared`).
    Qualifier,
}

/// The segments of `name` (as [`segments`]) with their [`Role`].
pub(crate) fn roled_segments(name: &str) -> impl Iterator<Item = (&str, Role)> {
    name.split('.').enumerate().flat_map(|(part, text)| {
        // `text` holds no `.`: any separator in it is one of the others.
        let narrowed = text.contains(is_separator);
        text.split(is_separator).filter(|s| !s.is_empty()).enumerate().map(move |(i, segment)| {
            let role = match (part, i) {
                (0, 0) if narrowed => Role::Prefix,
                (0, 0) => Role::Head,
                (1, _) => Role::Operation,
                _ => Role::Qualifier,
            };
            (segment, role)
        })
    })
}

/// Byte offsets in `text` where a word or a camel word starts: what a
/// typed word is highlighted from.
pub(crate) fn starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (0..bytes.len()).filter(move |&i| is_start(bytes, i))
}

/// Whether a word or a camel word starts at byte `i` of `text` (see [`starts`]).
pub(crate) fn is_start(text: &[u8], i: usize) -> bool {
    word_start(text, i) || (i > 0 && camel_boundary(text, i))
}

/// Whether a camel word starts at byte `i` of `segment` (never at 0).
fn camel_boundary(segment: &[u8], i: usize) -> bool {
    let (before, at) = (segment[i - 1], segment[i]);
    at.is_ascii_uppercase()
        && (before.is_ascii_lowercase()
            || before.is_ascii_digit()
            || (before.is_ascii_uppercase()
                && segment.get(i + 1).is_some_and(u8::is_ascii_lowercase)))
}

/// Byte offsets in `segment` where its camel words start, 0 first.
pub(crate) fn camel_starts(segment: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = segment.as_bytes();
    (0..bytes.len()).filter(move |&i| i == 0 || camel_boundary(bytes, i))
}

/// Whether byte `end` of `segment` ends a camel word (its end, or a boundary).
fn ends_camel_word(segment: &str, end: usize) -> bool {
    end == segment.len() || (end < segment.len() && camel_boundary(segment.as_bytes(), end))
}

/// The camel words of `segment`.
#[cfg(test)]
pub(crate) fn camel_words(segment: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = camel_starts(segment).collect();
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([segment.len()]).collect();
    starts.into_iter().zip(ends).map(move |(from, to)| &segment[from..to])
}

/// Whether `text` starts with the ASCII-lowercase `lower`, ignoring ASCII case.
pub(crate) fn starts_with_lower(text: &str, lower: &str) -> bool {
    text.len() >= lower.len()
        && text.as_bytes()[..lower.len()].eq_ignore_ascii_case(lower.as_bytes())
}

/// `word` without a plural ending (`users` → `user`, `policies` → `polic`),
/// for words of more than three letters.
pub(crate) fn stem(word: &str) -> &str {
    let b = word.as_bytes();
    if b.len() > 4 && b.ends_with(b"ies") {
        &word[..word.len() - 3]
    } else if b.len() > 3 && b.ends_with(b"s") && !b.ends_with(b"ss") {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// Whether the lowercase `term` is `word`, ignoring case and plural endings.
pub(crate) fn same_word(term: &str, word: &str) -> bool {
    if term.eq_ignore_ascii_case(word) {
        return true;
    }
    let (t, w) = (stem(term), stem(word));
    let y = |s: &str, full: &str| s.len() + 3 == full.len() && full.ends_with("ies");
    t.eq_ignore_ascii_case(w)
        || (y(t, term)
            && w.len() == t.len() + 1
            && w.ends_with(['y', 'Y'])
            && starts_with_lower(w, t))
}

/// Whether a run of camel words of `segment`, starting at a camel word,
/// equals the lowercase `word` (`member` and `groupmember` in `GroupMember`).
pub(crate) fn has_camel_run(segment: &str, word: &str) -> bool {
    camel_starts(segment).any(|at| {
        starts_with_lower(&segment[at..], word) && ends_camel_word(segment, at + word.len())
    })
}

/// How the lowercase `term` meets a name segment, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum NameMatch {
    /// Starts at a camel word of the segment (`chan`, `message`, `teams` in
    /// `TeamsActivity`), or is a plural of such a run.
    Part,
    /// The whole segment, or its plural (`users` → `User`).
    Whole,
}

/// How the lowercase `term` meets `segment`, if at all.
pub(crate) fn name_match(segment: &str, term: &str) -> Option<NameMatch> {
    if same_word(term, segment) {
        return Some(NameMatch::Whole);
    }
    let stemmed = stem(term);
    camel_starts(segment)
        .any(|at| {
            let rest = &segment[at..];
            starts_with_lower(rest, term)
                || (stemmed.len() < term.len()
                    && starts_with_lower(rest, stemmed)
                    && ends_camel_word(segment, at + stemmed.len()))
        })
        .then_some(NameMatch::Part)
}

/// How a description term meets a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TextMatch {
    /// A word starts with the term.
    Prefix,
    /// A whole word is the term.
    Word,
}

/// Whether `b` belongs to a word: a letter or digit, or part of a non-ASCII character.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether byte `i` of `text` starts a word.
fn word_start(text: &[u8], i: usize) -> bool {
    is_word_byte(text[i]) && (i == 0 || !is_word_byte(text[i - 1]))
}

/// The best way the lowercase `term` meets a word of `text`, if any.
pub(crate) fn text_match(text: &str, term: &str) -> Option<TextMatch> {
    let (bytes, &first) = (text.as_bytes(), term.as_bytes().first()?);
    let ends_word = |end: usize| end == bytes.len() || !is_word_byte(bytes[end]);
    (0..bytes.len())
        .filter(|&at| bytes[at].eq_ignore_ascii_case(&first) && word_start(bytes, at))
        .filter(|&at| starts_with_lower(&text[at..], term))
        .map(|at| if ends_word(at + term.len()) { TextMatch::Word } else { TextMatch::Prefix })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(segment: &str) -> Vec<&str> {
        camel_words(segment).collect()
    }

    #[test]
    fn names_split_at_separators_and_camel_case() {
        let all: Vec<&str> = segments("ChannelMessage.Read.All").flat_map(camel_words).collect();
        assert_eq!(all, ["Channel", "Message", "Read", "All"]);
        assert_eq!(segments("User-ConvertToInternal.ReadWrite.All").count(), 4);
        assert_eq!(segments("offline_access").collect::<Vec<_>>(), ["offline", "access"]);
        let roles: Vec<(&str, Role)> =
            roled_segments("AuditLogsQuery-SharePoint.Read.All").collect();
        assert_eq!(
            roles,
            [
                ("AuditLogsQuery", Role::Prefix),
                ("SharePoint", Role::Qualifier),
                ("Read", Role::Operation),
                ("All", Role::Qualifier)
            ]
        );
        let same: Vec<&str> = roled_segments("User-ConvertToInternal.ReadWrite.All")
            .map(|(segment, _)| segment)
            .collect();
        assert_eq!(same, segments("User-ConvertToInternal.ReadWrite.All").collect::<Vec<_>>());
        assert_eq!(words("APIConnectors"), ["API", "Connectors"]);
        assert_eq!(words("eDiscovery"), ["e", "Discovery"]);
        assert_eq!(words("IMAP"), ["IMAP"]);
        assert_eq!(words("Sites"), ["Sites"]);
        assert_eq!(words("Win32App"), ["Win32", "App"]);
    }

    #[test]
    fn plurals_are_the_same_word() {
        assert!(same_word("users", "User"));
        assert!(same_word("calendar", "Calendars"));
        assert!(same_word("policies", "Policy"));
        assert!(same_word("access", "Access"));
        assert!(!same_word("use", "User"));
        assert!(!same_word("teams", "TeamsActivity"));
    }

    #[test]
    fn segments_match_whole_or_by_part() {
        assert_eq!(name_match("Team", "teams"), Some(NameMatch::Whole));
        assert_eq!(name_match("TeamsActivity", "teams"), Some(NameMatch::Part));
        assert_eq!(name_match("SharePointTenantSettings", "sharepoint"), Some(NameMatch::Part));
        assert_eq!(name_match("ChannelMessage", "messages"), Some(NameMatch::Part));
        assert_eq!(name_match("ChannelMessage", "chan"), Some(NameMatch::Part));
        assert_eq!(name_match("ReadWrite", "write"), Some(NameMatch::Part));
        assert_eq!(name_match("ChannelMessage", "annel"), None);
        assert_eq!(name_match("UserAuthenticationMethod", "users"), Some(NameMatch::Part));
        assert!(has_camel_run("GroupMember", "member"));
        assert!(has_camel_run("GroupMember", "groupmember"));
        assert!(!has_camel_run("GroupMember", "group member"));
        assert!(!has_camel_run("TeamsActivity", "team"));
    }

    #[test]
    fn description_terms_match_words_and_word_prefixes_only() {
        let text = "Allows the app to read the signed-in user's mail.";
        assert_eq!(text_match(text, "mail"), Some(TextMatch::Word));
        assert_eq!(text_match(text, "sign"), Some(TextMatch::Prefix));
        assert_eq!(text_match(text, "in"), Some(TextMatch::Word));
        assert_eq!(text_match(text, "ead"), None, "not inside a word");
        assert_eq!(text_match(text, "aprd"), None, "not scattered");
        assert_eq!(text_match("Sites", "sites"), Some(TextMatch::Word));
        assert_eq!(text_match("", "x"), None);
    }

    proptest! {
        /// Splitting loses nothing: a segment's camel words make it up again.
        #[test]
        fn camel_words_rebuild_the_segment(segment in "[a-zA-Z0-9äÖ]{1,24}") {
            prop_assert_eq!(camel_words(&segment).collect::<String>(), segment);
        }

        /// A word of a text always matches itself and every prefix of itself.
        #[test]
        fn every_word_prefix_matches(words in proptest::collection::vec("[a-z]{1,8}", 1..6), pick in 0usize..6, cut in 1usize..8) {
            let text = words.join(" ");
            let word = &words[pick % words.len()];
            let prefix = &word[..cut.min(word.len())];
            prop_assert!(text_match(&text, word) == Some(TextMatch::Word));
            prop_assert!(text_match(&text, prefix).is_some());
        }
    }
}
