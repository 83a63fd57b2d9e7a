//! Fitting catalog text into cells: sanitized, cut with an ellipsis, matches highlighted.

use crate::text::printable;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Where a text too long for its cells is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// At the end: `Read the user's cal…` (sentences).
    End,
    /// In the middle, so that the distinguishing tail stays:
    /// `RoleManagement…AzureADGroup` (permission names).
    Middle,
}

/// How many cells a text `total` cells wide keeps in `width` cells, how
/// many of them at the tail (the head gets the rest), and whether an
/// ellipsis joins head and tail. `segment_tails` are the widths of the
/// text's tails that start after a `.`: a middle cut keeps a whole one when
/// that costs at most a few cells.
fn kept(total: usize, width: usize, cut: Cut, segment_tails: &[usize]) -> (usize, usize, bool) {
    if total <= width {
        return (width, 0, false);
    }
    let budget = width.saturating_sub(1);
    match cut {
        Cut::End => (budget, 0, width > 0),
        Cut::Middle => {
            let tail = budget.div_ceil(2);
            let whole = segment_tails.iter().copied().filter(|&t| t <= tail).max();
            let tail = whole.filter(|&t| t > 0 && t + 4 >= tail).unwrap_or(tail);
            (budget, tail, width > 0)
        }
    }
}

/// The widths of the tails of `widths` (one per character) that start right after a `.`.
fn segment_tails(chars: &[(char, usize)]) -> Vec<usize> {
    let mut tails = Vec::new();
    let mut after = 0;
    for &(c, w) in chars.iter().rev() {
        if c == '.' {
            tails.push(after);
        }
        after += w;
    }
    tails
}

/// `text` fitted into `width` cells, cut with an ellipsis (at the end or in
/// the middle) when it is longer, with the characters at `positions` (char
/// indices) in `matched` style on top of `base`.
pub fn fitted_line(
    text: &str,
    width: usize,
    cut: Cut,
    positions: &[usize],
    [base, matched]: [Style; 2],
) -> Line<'static> {
    let clean = printable(text);
    let chars: Vec<(char, usize)> = clean.chars().map(|c| (c, c.width().unwrap_or(0))).collect();
    let total: usize = chars.iter().map(|(_, w)| w).sum();
    let tails = if cut == Cut::Middle { segment_tails(&chars) } else { Vec::new() };
    let (budget, tail_width, ellipsis) = kept(total, width, cut, &tails);
    let mut tail = chars.len();
    let mut tail_used = 0;
    while tail > 0 && tail_used + chars[tail - 1].1 <= tail_width {
        tail_used += chars[tail - 1].1;
        tail -= 1;
    }
    let mut head = 0;
    let mut used = 0;
    while head < tail && used + chars[head].1 <= budget - tail_used {
        used += chars[head].1;
        head += 1;
    }
    let mut spans = Vec::new();
    push_runs(&mut spans, &chars, 0..head, positions, [base, matched]);
    if ellipsis {
        spans.push(Span::styled("…", base));
        push_runs(&mut spans, &chars, tail..chars.len(), positions, [base, matched]);
    }
    Line::from(spans)
}

/// Spans for `chars[range]`, one per run of matched or unmatched characters.
fn push_runs(
    spans: &mut Vec<Span<'static>>,
    chars: &[(char, usize)],
    range: std::ops::Range<usize>,
    positions: &[usize],
    [base, matched]: [Style; 2],
) {
    let mut run = String::new();
    let mut run_matched = false;
    for i in range {
        let is_match = positions.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            spans.push(styled(std::mem::take(&mut run), run_matched, base, matched));
        }
        run_matched = is_match;
        run.push(chars[i].0);
    }
    if !run.is_empty() {
        spans.push(styled(run, run_matched, base, matched));
    }
}

/// `text` in lines of at most `width` cells, broken between words (a word
/// longer than a line is broken too); nothing is dropped.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = word.width();
        if used > 0 && used + 1 + w <= width {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > width && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text`, sanitized, without its first `columns` display columns: whole
/// characters (graphemes) are dropped until that many columns are gone, as
/// tui-input counts its `visual_scroll`.
pub fn skip_columns(text: &str, columns: usize) -> String {
    let clean = printable(text);
    let mut skipped = 0;
    let mut rest = String::new();
    for grapheme in Span::raw(clean.as_ref()).styled_graphemes(Style::new()) {
        if skipped < columns {
            skipped += grapheme.symbol.width();
        } else {
            rest.push_str(grapheme.symbol);
        }
    }
    rest
}

fn styled(text: String, is_match: bool, base: Style, matched: Style) -> Span<'static> {
    Span::styled(text, if is_match { base.patch(matched) } else { base })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};

    fn plain(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn cuts_with_an_ellipsis_by_display_width() {
        let s = [Style::new(); 2];
        assert_eq!(plain(&fitted_line("Calendars.Read", 8, Cut::End, &[], s)), "Calenda…");
        assert_eq!(plain(&fitted_line("Chat", 8, Cut::End, &[], s)), "Chat");
        assert_eq!(plain(&fitted_line("日本語のテキスト", 7, Cut::End, &[], s)), "日本語…");
        assert_eq!(plain(&fitted_line("abc", 0, Cut::End, &[], s)), "");
    }

    #[test]
    fn names_are_cut_in_the_middle_keeping_the_distinguishing_tail() {
        let s = [Style::new(); 2];
        let cut = |text, width| plain(&fitted_line(text, width, Cut::Middle, &[], s));
        assert_eq!(
            cut("RoleManagementPolicy.Read.AzureADGroup", 27),
            "RoleManagement…AzureADGroup"
        );
        assert_eq!(
            cut("RoleManagementPolicy.Read.AzureADGroup", 38),
            "RoleManagementPolicy.Read.AzureADGroup"
        );
        let long = "TeamsAppInstallation.ReadWriteAndConsentSelfForUser.All";
        assert_eq!(cut(long, 46), "TeamsAppInstallation.R…dConsentSelfForUser.All");
        assert_eq!(cut(long, 46).chars().count(), 46);
        for name in ["AgentCollection.ReadWrite.ManagedBy", "AgentCollection.ReadWrite.All"] {
            assert!(cut(name, 24).ends_with(name.rsplit('.').next().unwrap()), "{}", cut(name, 24));
        }
        assert_eq!(cut("日本語.テキスト", 7), "日本…ト");
        assert_eq!(cut("abc", 1), "…");
        let m = Style::new().fg(Color::Cyan);
        let line =
            fitted_line("Calendars.ReadWrite.Shared", 12, Cut::Middle, &[0, 25], [Style::new(), m]);
        let matched: String =
            line.spans.iter().filter(|s| s.style == m).map(|s| s.content.as_ref()).collect();
        assert_eq!(matched, "Cd", "matches in the head and in the tail keep their style");
    }

    #[test]
    fn wrapping_keeps_every_word() {
        assert_eq!(
            wrap_words("export for the admin: manifest", 12),
            ["export for", "the admin:", "manifest"]
        );
        assert_eq!(wrap_words("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap_words("", 5), [""]);
        let long = "Sent 3 scopes (41 chars) via OSC 52: your terminal must allow clipboard writes";
        assert_eq!(wrap_words(long, 20).join(" "), long);
        assert!(wrap_words(long, 20).iter().all(|l| l.width() <= 20));
    }

    #[test]
    fn skips_columns_not_characters() {
        assert_eq!(skip_columns("abcdef", 2), "cdef");
        assert_eq!(skip_columns("予定表です", 4), "表です");
        assert_eq!(skip_columns("予定表です", 3), "表です", "a wide character goes whole");
        assert_eq!(skip_columns("ae\u{301}b", 2), "b", "a combining mark stays with its letter");
        assert_eq!(skip_columns("a\u{1b}b", 0), "a\u{FFFD}b");
        assert_eq!(skip_columns("ab", 5), "");
    }

    #[test]
    fn highlights_matched_positions_and_sanitizes() {
        let m = Style::new().fg(Color::Cyan);
        let line = fitted_line("Chat\u{1b}", 10, Cut::End, &[0, 2], [Style::new(), m]);
        let parts: Vec<(&str, bool)> =
            line.spans.iter().map(|s| (s.content.as_ref(), s.style == m)).collect();
        assert_eq!(parts, [("C", true), ("h", false), ("a", true), ("t\u{FFFD}", false)]);
    }
}
