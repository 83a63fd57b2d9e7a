//! Splitting a scope string into tokens, reporting the separators Entra
//! does not take: only spaces separate scopes.

use super::{Problem, SeparatorKind};

/// The tokens of a string and what its separators call for.
pub(super) struct Separators<'t> {
    /// (separator before, token) pairs in input order.
    pub pairs: Vec<(&'t str, &'t str)>,
    /// Separators other than spaces, each with its sure fix (a single space).
    pub problems: Vec<Problem>,
    /// Leading, trailing or repeated spaces: a note only.
    pub extra_spaces: bool,
}

/// Characters that separate tokens: whitespace (including non-breaking space),
/// commas, semicolons and zero-width spaces.
pub(crate) fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '\u{200B}' | '\u{FEFF}')
}

/// What a separator holds besides spaces, if anything.
fn separator_kind(sep: &str) -> Option<SeparatorKind> {
    let kinds = [
        (',', SeparatorKind::Comma),
        (';', SeparatorKind::Semicolon),
        ('\t', SeparatorKind::Tab),
        ('\n', SeparatorKind::LineBreak),
        ('\r', SeparatorKind::LineBreak),
    ];
    if let Some((_, kind)) = kinds.iter().find(|(c, _)| sep.contains(*c)) {
        Some(*kind)
    } else if sep.chars().any(|c| c != ' ') {
        Some(SeparatorKind::OtherWhitespace)
    } else {
        None
    }
}

/// Splits `text` into tokens and judges every separator.
pub(super) fn split(text: &str) -> Separators<'_> {
    let mut out = Separators { pairs: Vec::new(), problems: Vec::new(), extra_spaces: false };
    let mut rest = text;
    loop {
        let token_start = rest.find(|c| !is_separator(c)).unwrap_or(rest.len());
        let (sep, after) = rest.split_at(token_start);
        let first = out.pairs.is_empty();
        let last = after.is_empty();
        let previous = out.pairs.last().map(|(_, t): &(&str, &str)| t.to_string());
        match separator_kind(sep) {
            Some(kind) if !(first && last) => {
                out.problems.push(Problem::Separator { after: previous, kind, trailing: last })
            }
            Some(_) => {}
            None if (first || last) && !sep.is_empty() => out.extra_spaces = true,
            None if sep.len() > 1 => out.extra_spaces = true,
            None => {}
        }
        if last {
            return out;
        }
        let token_end = after.find(is_separator).unwrap_or(after.len());
        out.pairs.push((sep, &after[..token_end]));
        rest = &after[token_end..];
    }
}
