//! The letters words start with, as a bit set: the cheap test that lets a
//! pass skip most rows. A term meets a name only where a word or camel word
//! of the name starts with the term's first letter (whole words, parts,
//! typos and skim alike keep the first letter), or through a vocabulary
//! meaning, which starts with its own. A row whose name starts no word with
//! any of a term's letters can match that term only by its description.
//! The first two letters narrow it further: all but typos keep them too.

/// A set of first letters: `a`–`z` and `0`–`9` ignoring ASCII case, and
/// one member for every other byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Letters(u64);

/// What a text's words start with: their first letters and their first two
/// bytes (hashed into 64 bits), so that most texts that have no word
/// starting with a term are known without reading them. Made once per
/// catalog row by a long-lived search; it may say yes wrongly, never no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct WordStarts {
    letters: Letters,
    pairs: u64,
}

impl WordStarts {
    /// The word starts of both texts together. One pass per text.
    pub(crate) fn of(texts: [&str; 2]) -> WordStarts {
        let (mut letters, mut pairs) = (0, 0);
        for text in texts {
            // The byte before, whether it ends a word, whether it starts one.
            let (mut before, mut in_word, mut started) = (0u8, false, false);
            let mut after_separator = true;
            for &b in text.as_bytes() {
                if started {
                    pairs |= pair_bit(before, b);
                }
                let word = b.is_ascii_alphanumeric() || b >= 0x80;
                started = word && !in_word;
                after_separator = add_start(&mut letters, after_separator, b);
                (before, in_word) = (b, word);
            }
        }
        WordStarts { letters: Letters(letters), pairs }
    }

    /// Whether a word of the texts may start with the lowercase `term` (false
    /// only when none does: [`text_match`](super::words::text_match) would
    /// find nothing).
    pub(crate) fn may_start(self, term: &str) -> bool {
        let bytes = term.as_bytes();
        self.may_start_camel(term)
            && (bytes.len() < 2
                || Letters::first_of(term) == Letters::ANY
                || self.pairs & pair_bit(bytes[0], bytes[1]) != 0)
    }

    /// Whether a word or a camel word of the texts ([`starts`](super::words::starts))
    /// may start with the lowercase `term`: by its first letter only.
    pub(crate) fn may_start_camel(self, term: &str) -> bool {
        let first = Letters::first_of(term);
        first == Letters::ANY || self.letters.meets(first)
    }
}

/// What a name's words and camel words start with: their first letters and
/// their first two bytes (hashed into 64 bits, as [`WordStarts`] does). A
/// term of two or more letters meets a name as a whole word, a part, a
/// vocabulary target or a skim match only where a word starts with its first
/// two letters; only a typo may change the second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct NameStarts {
    /// The letters that start a word or camel word of the name, and perhaps
    /// a few more: its first byte, every ASCII capital (camel words start at
    /// capitals) and every byte after an ASCII byte that is not a letter or
    /// digit (words start after those).
    pub(crate) letters: Letters,
    pairs: u64,
}

impl NameStarts {
    /// The starts of `name`'s words, and perhaps a few more (see
    /// [`letters`](Self::letters)). One pass without branches or
    /// allocation: a search without an index runs it for every row.
    pub(crate) fn of(name: &str) -> NameStarts {
        let (mut letters, mut pairs) = (0, 0);
        let (mut before, mut started, mut after_separator) = (0u8, false, true);
        for &b in name.as_bytes() {
            pairs |= u64::from(started) * pair_bit(before, b);
            started = after_separator | b.is_ascii_uppercase();
            after_separator = add_start(&mut letters, after_separator, b);
            before = b;
        }
        NameStarts { letters: Letters(letters), pairs }
    }

    /// Whether a word of the name may start with the first two bytes of the
    /// lowercase `word`: always when those are not two ASCII letters or
    /// digits (such a word is compared in ways this set does not model).
    pub(crate) fn may_start(self, word: &str) -> bool {
        match word.as_bytes() {
            [a, b, ..] if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() => {
                self.pairs & pair_bit(*a, *b) != 0
            }
            _ => true,
        }
    }
}

#[cfg(test)]
impl NameStarts {
    /// The same letters, and every pair: the gate of [`may_start`](Self::may_start) open.
    pub(crate) fn open(self) -> NameStarts {
        NameStarts { pairs: u64::MAX, ..self }
    }
}

/// The member of [`WordStarts::pairs`] for a word that starts with `a`, `b`
/// (ignoring ASCII case).
fn pair_bit(a: u8, b: u8) -> u64 {
    let key = u32::from(a.to_ascii_lowercase()) << 8 | u32::from(b.to_ascii_lowercase());
    1 << (key.wrapping_mul(0x9E37_79B1) >> 26)
}

/// The member for bytes other than ASCII letters and digits.
const OTHER: u64 = 1 << 63;

impl Letters {
    /// Every letter: a term that may start anywhere.
    pub(crate) const ANY: Letters = Letters(u64::MAX);

    /// The letter `word` starts with; [`ANY`](Self::ANY) for an empty word
    /// or one that starts with anything but an ASCII letter or digit (such
    /// a term is compared in ways this set does not model).
    pub(crate) fn first_of(word: &str) -> Letters {
        match word.as_bytes().first() {
            Some(&b) if b.is_ascii_alphanumeric() => Letters(bit(b)),
            _ => Letters::ANY,
        }
    }

    /// Both sets together.
    pub(crate) fn with(self, other: Letters) -> Letters {
        Letters(self.0 | other.0)
    }

    /// Whether the sets share a letter.
    pub(crate) fn meets(self, other: Letters) -> bool {
        self.0 & other.0 != 0
    }
}

/// One byte of [`NameStarts::of`]'s letters: adds `b` to `set` when it may
/// start a word (after a separator, or a capital); returns whether the next
/// byte comes after a separator.
fn add_start(set: &mut u64, after_separator: bool, b: u8) -> bool {
    let starts = after_separator | b.is_ascii_uppercase();
    *set |= u64::from(starts) * BITS[usize::from(b)];
    b < 0x80 && !b.is_ascii_alphanumeric()
}

/// [`bit`] of every byte.
const BITS: [u64; 256] = {
    let mut bits = [0; 256];
    let mut b = 0;
    while b < 256 {
        bits[b] = bit(b as u8);
        b += 1;
    }
    bits
};

/// The member for byte `b`.
const fn bit(b: u8) -> u64 {
    match b.to_ascii_lowercase() {
        c @ b'a'..=b'z' => 1 << (c - b'a'),
        c @ b'0'..=b'9' => 1 << (26 + c - b'0'),
        _ => OTHER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters_of(name: &str) -> Letters {
        NameStarts::of(name).letters
    }

    fn set(letters: &str) -> Letters {
        letters.chars().map(|c| Letters::first_of(&c.to_string())).fold(Letters(0), Letters::with)
    }

    #[test]
    fn names_give_the_starts_of_their_words() {
        assert_eq!(letters_of("ChannelMessage.Read.All"), set("cmra"));
        assert_eq!(letters_of("offline_access"), set("oa"));
        assert_eq!(letters_of("APIConnectors.Read7"), set("apicr"), "capitals all count");
        assert!(letters_of("Über.Read").meets(Letters(OTHER)));
    }

    proptest::proptest! {
        /// Every word start ([`starts`]) is in the set, whatever the text.
        #[test]
        fn every_word_start_is_in_the_set(name in "[a-zA-Z0-9._ /ÄäÜ-]{0,24}") {
            let set = letters_of(&name);
            for at in crate::filter::words::starts(&name) {
                let word = &name[at..];
                proptest::prop_assert!(
                    Letters::first_of(word) == Letters::ANY || set.meets(Letters::first_of(word)),
                    "{:?} at {}", name, at
                );
            }
        }
    }

    #[test]
    fn name_starts_give_the_first_two_letters_of_words_and_camel_words() {
        let starts = NameStarts::of("ChannelMessage.Read.All");
        for word in ["chan", "channel", "me", "message", "read", "al", "c", "x", "/me", "ä"] {
            assert!(starts.may_start(word), "{word}");
        }
        for word in ["ha", "hannel", "ssage", "ead", "ca", "zz"] {
            assert!(!starts.may_start(word), "{word}");
        }
        assert!(NameStarts::of("offline_access").may_start("ac"));
        assert!(NameStarts::of("APIConnectors").may_start("co"));
        assert!(!NameStarts::of("").may_start("ab"));
    }

    proptest::proptest! {
        /// Every word start and every camel word of every segment (where
        /// names are compared) has its first two bytes in the set.
        #[test]
        fn name_starts_never_miss_a_word(name in "[a-zA-Z0-9._ /ÄäÜ-]{0,24}") {
            let starts = NameStarts::of(&name);
            let from = |part: &str| part.as_ptr() as usize - name.as_ptr() as usize;
            let segment_starts = crate::filter::words::segments(&name).flat_map(|s| {
                crate::filter::words::camel_starts(s).map(move |at| from(s) + at)
            });
            for at in crate::filter::words::starts(&name).chain(segment_starts) {
                let word = name[at..].to_lowercase();
                proptest::prop_assert!(starts.may_start(&word), "{:?} at {}", name, at);
            }
        }
    }

    #[test]
    fn word_starts_say_no_only_for_words_that_are_not_there() {
        let starts = WordStarts::of(["GET /me/events +62 more · calls", "Read mail"]);
        for term in ["get", "me", "events", "more", "calls", "ca", "c", "read", "mail", "6", "·"] {
            assert!(starts.may_start(term), "{term}");
        }
        assert!(!starts.may_start("zebra"));
        assert!(!starts.may_start("x"));
        assert!(WordStarts::of(["", ""]).may_start("/me"), "a term of other bytes always may");
    }

    proptest::proptest! {
        /// Where a word of the text starts with the term, the summary says it may.
        #[test]
        fn word_starts_never_miss_a_word(text in "[a-zA-Z0-9 ./·Ä-]{0,40}", at in 0usize..40, len in 1usize..5) {
            let chars: Vec<char> = text.chars().collect();
            let term: String = chars.iter().skip(at).take(len).collect::<String>().to_lowercase();
            if crate::filter::words::text_match(&text, &term).is_some() {
                proptest::prop_assert!(WordStarts::of([&text, ""]).may_start(&term), "{:?} {:?}", text, term);
            }
        }
    }

    #[test]
    fn terms_give_their_first_letter_or_any() {
        assert_eq!(Letters::first_of("Mail"), set("m"));
        assert_eq!(Letters::first_of("7days"), set("7"));
        assert_eq!(Letters::first_of("/me/events"), Letters::ANY);
        assert_eq!(Letters::first_of("ändern"), Letters::ANY);
        assert_eq!(Letters::first_of(""), Letters::ANY);
        assert!(Letters::ANY.meets(letters_of("Mail.Send")));
        assert!(!set("z").meets(letters_of("Mail.Send")));
    }
}
