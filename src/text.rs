//! Text safety for anything that reaches a terminal.

use std::borrow::Cow;

/// `text` with every control character (escape, BEL, newline, ...) replaced
/// by a visible `�`, so catalog text can never drive the terminal.
pub fn printable(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        Cow::Owned(text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `n` with thousands separators: 1519 → "1,519".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 permission", "3 permissions" (regular English plurals only).
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{} {noun}s", thousands(n)) }
}

#[cfg(test)]
mod tests {
    use super::{counted, printable, thousands};

    #[test]
    fn counted_nouns() {
        assert_eq!(counted(1, "permission"), "1 permission");
        assert_eq!(counted(1519, "permission"), "1,519 permissions");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1519), "1,519");
        assert_eq!(thousands(100_000), "100,000");
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(printable("a\u{1b}[31mb\u{7}\n"), "a\u{FFFD}[31mb\u{FFFD}\u{FFFD}");
        assert!(matches!(printable("plain Ünïcode 日本"), std::borrow::Cow::Borrowed(_)));
    }
}
