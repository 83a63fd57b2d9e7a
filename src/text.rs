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

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(printable("a\u{1b}[31mb\u{7}\n"), "a\u{FFFD}[31mb\u{FFFD}\u{FFFD}");
        assert!(matches!(printable("plain Ünïcode 日本"), std::borrow::Cow::Borrowed(_)));
    }
}
