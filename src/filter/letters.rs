//! The letters words start with, as a bit set: the cheap test that lets a
//! pass skip most rows. A term meets a name only where a word or camel word
//! of the name starts with the term's first letter (whole words, parts,
//! typos and skim alike keep the first letter), or through a vocabulary
//! meaning, which starts with its own. A row whose name starts no word with
//! any of a term's letters can match that term only by its description.

/// A set of first letters: `a`–`z` and `0`–`9` ignoring ASCII case, and
/// one member for every other byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Letters(u64);

/// The member for bytes other than ASCII letters and digits.
const OTHER: u64 = 1 << 63;

impl Letters {
    /// Every letter: a term that may start anywhere.
    pub(crate) const ANY: Letters = Letters(u64::MAX);

    /// The letters that start a word or camel word of `name`, and perhaps
    /// a few more: its first byte, every ASCII capital (camel words start at
    /// capitals) and every byte after an ASCII byte that is not a letter or
    /// digit (words start after those). One pass without branches or
    /// allocation: this runs for every row of every pass.
    pub(crate) fn starting_words(name: &str) -> Letters {
        let mut after_separator = true;
        let mut set = 0;
        for &b in name.as_bytes() {
            let starts = after_separator | b.is_ascii_uppercase();
            set |= u64::from(starts) * BITS[usize::from(b)];
            after_separator = b < 0x80 && !b.is_ascii_alphanumeric();
        }
        Letters(set)
    }

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

    fn set(letters: &str) -> Letters {
        letters.chars().map(|c| Letters::first_of(&c.to_string())).fold(Letters(0), Letters::with)
    }

    #[test]
    fn names_give_the_starts_of_their_words() {
        assert_eq!(Letters::starting_words("ChannelMessage.Read.All"), set("cmra"));
        assert_eq!(Letters::starting_words("offline_access"), set("oa"));
        assert_eq!(
            Letters::starting_words("APIConnectors.Read7"),
            set("apicr"),
            "capitals all count"
        );
        assert!(Letters::starting_words("Über.Read").meets(Letters(OTHER)));
    }

    proptest::proptest! {
        /// Every word start ([`starts`]) is in the set, whatever the text.
        #[test]
        fn every_word_start_is_in_the_set(name in "[a-zA-Z0-9._ /ÄäÜ-]{0,24}") {
            let set = Letters::starting_words(&name);
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
    fn terms_give_their_first_letter_or_any() {
        assert_eq!(Letters::first_of("Mail"), set("m"));
        assert_eq!(Letters::first_of("7days"), set("7"));
        assert_eq!(Letters::first_of("/me/events"), Letters::ANY);
        assert_eq!(Letters::first_of("ändern"), Letters::ANY);
        assert_eq!(Letters::first_of(""), Letters::ANY);
        assert!(Letters::ANY.meets(Letters::starting_words("Mail.Send")));
        assert!(!set("z").meets(Letters::starting_words("Mail.Send")));
    }
}
