//! Text safety for anything that reaches a terminal.

use std::borrow::Cow;

/// Whether `c` is an invisible Unicode format character that changes how
/// the text around it is shown or compared: bidi embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069, marks U+200E, U+200F, U+061C),
/// zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E) and
/// interlinear annotation marks (U+FFF9–U+FFFB).
pub fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// `text` safe to show on a terminal: every control character (escape, BEL,
/// newline, ...) becomes a visible `�`, and every format character (see
/// [`is_format_char`]) its escape, `\u{200b}`, so neither catalog text nor a
/// quoted input can drive the terminal or hide what it says.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.contains(|c: char| c.is_control() || is_format_char(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_control() {
            out.push('\u{FFFD}');
        } else if is_format_char(c) {
            out += &c.escape_unicode().to_string();
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What makes a text unfit as a permission name, if anything: the rules the
/// catalog loader and the importer share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFault {
    /// A control character (escape, BEL, newline, C1, ...).
    Control,
    /// An invisible format character (bidi override, zero-width space, ...).
    Format,
    /// Whitespace, a comma or a semicolon: it would split the scope string.
    Separator,
    /// `.default`, or a `/` or `:`: scope syntax (a resource or URI), not a name.
    ScopeSyntax,
}

impl std::fmt::Display for NameFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NameFault::Control => "contains a control character",
            NameFault::Format => "contains an invisible format character (bidi or zero-width)",
            NameFault::Separator => "contains whitespace, a comma or a semicolon",
            NameFault::ScopeSyntax => "is scope syntax (.default, / or :), not a permission name",
        })
    }
}

/// Why `name` cannot be a permission name, or `None` when it can.
pub fn name_fault(name: &str) -> Option<NameFault> {
    if name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-')) {
        // The shape of every real permission name: one pass, no char decoding.
        return name.eq_ignore_ascii_case(".default").then_some(NameFault::ScopeSyntax);
    }
    if name.contains(char::is_control) {
        Some(NameFault::Control)
    } else if name.contains(is_format_char) {
        Some(NameFault::Format)
    } else if name.contains(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        Some(NameFault::Separator)
    } else if name.eq_ignore_ascii_case(".default") || name.contains(['/', ':']) {
        Some(NameFault::ScopeSyntax)
    } else {
        None
    }
}

/// Serialized JSON with the control characters serde_json writes raw (DEL and
/// the C1 range, U+007F to U+009F) and the format characters (see
/// [`is_format_char`]) as `\u` escapes: the same JSON value, but
/// a C1 CSI (U+009B) in a catalog text cannot drive a terminal that shows it.
pub fn json_without_raw_controls(json: String) -> String {
    // serde_json escapes U+0000 to U+001F itself.
    let raw = |c: char| (c.is_control() && c >= '\u{7f}') || is_format_char(c);
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

/// A JSON value's type as error messages name it: `null`, `a boolean`,
/// `a number`, `a string`, `an array`, `an object`.
pub fn json_kind(value: &serde_json::Value) -> &'static str {
    use serde_json::Value;
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `value` quoted for an error message (control characters escaped, so the
/// message stays on one line) and cut after 60 characters.
pub fn excerpt(value: &str) -> String {
    match value.char_indices().nth(60) {
        Some((end, _)) => format!("{:?}…", &value[..end]),
        None => format!("{value:?}"),
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

/// `singular` for exactly one, else `plural`: the one plural rule behind
/// every count scopepick prints (`plural(n, "needs", "need")`).
pub fn plural<'a>(n: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 { singular } else { plural }
}

/// "1 permission", "1,519 permissions", "0 permissions" (regular English
/// plurals: `noun` plus `s`; see [`plural`] for the rest).
pub fn counted(n: usize, noun: &str) -> String {
    format!("{} {noun}{}", thousands(n), plural(n, "", "s"))
}

/// The first `at_most` items joined by `separator`, then " and N more":
/// a message names a few and counts the rest.
pub fn listed<S: std::fmt::Display>(items: &[S], at_most: usize, separator: &str) -> String {
    let shown: Vec<String> = items.iter().take(at_most).map(ToString::to_string).collect();
    match items.len() - shown.len() {
        0 => shown.join(separator),
        more => format!("{} and {} more", shown.join(separator), thousands(more)),
    }
}

#[cfg(test)]
mod tests {
    use super::{
        NameFault, counted, is_format_char, json_without_raw_controls, listed, name_fault, plural,
        printable, thousands,
    };

    #[test]
    fn counted_nouns_and_plural_words() {
        assert_eq!(listed(&["a", "b", "c"], 2, ", "), "a, b and 1 more");
        assert_eq!(listed(&["a", "b"], 2, "; "), "a; b");
        assert_eq!(counted(0, "permission"), "0 permissions");
        assert_eq!(counted(1, "permission"), "1 permission");
        assert_eq!(counted(2, "Delegated permission"), "2 Delegated permissions");
        assert_eq!(counted(2048, "permission"), "2,048 permissions");
        assert_eq!(plural(1, "needs", "need"), "needs");
        assert_eq!(plural(0, "needs", "need"), "need");
        assert_eq!(plural(3, "needs", "need"), "need");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2048), "2,048");
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
    fn format_characters_are_shown_escaped_and_escaped_in_json() {
        assert_eq!(printable("Chat.Re\u{200b}ad"), "Chat.Re\\u{200b}ad");
        assert_eq!(printable("\u{202e}txt.exe\u{2066}"), "\\u{202e}txt.exe\\u{2066}");
        assert_eq!(printable("\u{feff}x\u{1b}"), "\\u{feff}x\u{FFFD}");
        for c in
            ['\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200b}', '\u{200d}', '\u{feff}']
        {
            assert!(is_format_char(c), "{c:?}");
            let json = json_without_raw_controls(serde_json::to_string(&format!("a{c}b")).unwrap());
            assert_eq!(json, format!("\"a\\u{:04x}b\"", u32::from(c)));
        }
        assert!(!is_format_char('é') && !is_format_char('日') && !is_format_char('\u{a0}'));
    }

    #[test]
    fn names_with_controls_format_characters_separators_or_scope_syntax_are_faulty() {
        for (name, fault) in [
            ("Chat.Re\u{200b}ad", Some(NameFault::Format)),
            ("\u{202e}daeR.tahC", Some(NameFault::Format)),
            ("Chat.Read\u{feff}", Some(NameFault::Format)),
            ("Chat.Read\u{1b}[2J", Some(NameFault::Control)),
            ("Chat.Read\u{9b}", Some(NameFault::Control)),
            ("Chat.Read All", Some(NameFault::Separator)),
            ("Chat.Read,Mail.Send", Some(NameFault::Separator)),
            (".default", Some(NameFault::ScopeSyntax)),
            (".DEFAULT", Some(NameFault::ScopeSyntax)),
            ("https://graph.microsoft.com/Chat.Read", Some(NameFault::ScopeSyntax)),
            ("api://app/.default", Some(NameFault::ScopeSyntax)),
            ("urn:x", Some(NameFault::ScopeSyntax)),
            ("Chat.Read", None),
            ("offline_access", None),
            ("User.Read.All", None),
            ("Ünïcode.日本", None),
        ] {
            assert_eq!(name_fault(name), fault, "{name:?}");
        }
    }

    #[test]
    fn control_characters_become_visible() {
        assert_eq!(printable("a\u{1b}[31mb\u{7}\n"), "a\u{FFFD}[31mb\u{FFFD}\u{FFFD}");
        assert!(matches!(printable("plain Ünïcode 日本"), std::borrow::Cow::Borrowed(_)));
    }
}
