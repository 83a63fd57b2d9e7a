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

/// Serialized JSON with the control characters serde_json writes raw (DEL and
/// the C1 range, U+007F to U+009F) as `\u` escapes: the same JSON value, but
/// a C1 CSI (U+009B) in a catalog text cannot drive a terminal that shows it.
pub fn json_without_raw_controls(json: String) -> String {
    // serde_json escapes U+0000 to U+001F itself.
    let raw = |c: char| c.is_control() && c >= '\u{7f}';
    if !json.contains(raw) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if raw(c) {
            out += &format!("\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
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
    use super::{counted, json_without_raw_controls, printable, thousands};

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
    fn json_keeps_its_value_without_raw_controls() {
        let text = "C1 \u{9b}2J, DEL \u{7f}, ESC \u{1b}[31m, 日本 \u{a0}";
        let json = json_without_raw_controls(serde_json::to_string(&text).unwrap());
        assert_eq!(json, "\"C1 \\u009b2J, DEL \\u007f, ESC \\u001b[31m, 日本 \u{a0}\"");
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        assert!(!json.contains(char::is_control));
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(printable("a\u{1b}[31mb\u{7}\n"), "a\u{FFFD}[31mb\u{FFFD}\u{FFFD}");
        assert!(matches!(printable("plain Ünïcode 日本"), std::borrow::Cow::Borrowed(_)));
    }
}
