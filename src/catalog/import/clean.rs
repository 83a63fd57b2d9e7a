//! Checking and cleaning the text fields of an export: names must be clean
//! scope values, descriptions lose every control character and escape sequence.

use super::ImportProblem;
use crate::text::{NameFault, excerpt, name_fault};
use std::str::Chars;

/// The longest permission name accepted, in characters.
pub(super) const NAME_MAX_CHARS: usize = 200;
/// The longest description or display name accepted, in bytes (4 KiB).
pub(super) const TEXT_MAX_BYTES: usize = 4096;

/// `name` if it can be a scope value: not empty, not too long, and fit by the
/// rules the catalog loader applies too ([`name_fault`]: no control or format
/// characters, whitespace, commas or semicolons, no scope syntax).
pub(super) fn check_name(name: &str) -> Result<&str, ImportProblem> {
    let len = name.chars().count();
    if name.is_empty() {
        return Err(ImportProblem::Empty);
    } else if len > NAME_MAX_CHARS {
        return Err(ImportProblem::TooLong { len, max: NAME_MAX_CHARS, unit: "characters" });
    }
    match name_fault(name) {
        None => Ok(name),
        Some(NameFault::Control) => Err(ImportProblem::ControlInName(excerpt(name))),
        Some(NameFault::Separator) => Err(ImportProblem::Separator(excerpt(name))),
        Some(fault) => Err(ImportProblem::BadName(excerpt(name), fault)),
    }
}

/// `text` made safe for a terminal, after checking its raw length: see [`clean_text`].
pub(super) fn check_text(text: &str) -> Result<String, ImportProblem> {
    if text.len() > TEXT_MAX_BYTES {
        return Err(ImportProblem::TooLong { len: text.len(), max: TEXT_MAX_BYTES, unit: "bytes" });
    }
    Ok(clean_text(text))
}

/// `text` without terminal escape sequences (CSI such as `ESC [ 31 m`, OSC
/// such as `ESC ] 0 ; title BEL`, DCS and the other string sequences, and
/// two-character escapes, in their 7-bit and 8-bit forms) and without any
/// other control character. Line breaks and tabs become spaces, runs of
/// whitespace become one space, and the ends are trimmed.
pub(super) fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_control_sequence(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_whitespace() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Skips what follows an ESC: a CSI, a string sequence, or an escape made of
/// intermediate bytes and one final byte.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.clone().next() {
        Some('[') => {
            chars.next();
            skip_control_sequence(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(' '..='~') => {
            while chars.clone().next().is_some_and(|c| matches!(c, ' '..='/')) {
                chars.next();
            }
            if chars.clone().next().is_some_and(|c| matches!(c, '0'..='~')) {
                chars.next();
            }
        }
        _ => {}
    }
}

/// Skips the parameter and intermediate bytes and the final byte of a CSI.
fn skip_control_sequence(chars: &mut Chars<'_>) {
    while let Some(c) = chars.clone().next() {
        match c {
            ' '..='?' => {
                chars.next();
            }
            '@'..='~' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// Skips the body of an OSC, DCS, SOS, PM or APC up to and including its
/// terminator (BEL or ST). A bare ESC ends it too but is left for the caller,
/// since it starts the next sequence.
fn skip_string(chars: &mut Chars<'_>) {
    loop {
        let mut ahead = chars.clone();
        match ahead.next() {
            None => return,
            Some('\u{7}' | '\u{9c}') => {
                *chars = ahead;
                return;
            }
            Some('\u{1b}') => {
                if ahead.next() == Some('\\') {
                    *chars = ahead;
                }
                return;
            }
            Some(_) => *chars = ahead,
        }
    }
}
