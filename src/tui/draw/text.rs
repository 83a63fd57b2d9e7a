//! Fitting catalog text into cells: sanitized, cut with an ellipsis, matches highlighted.

use crate::text::printable;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` cut to `width` cells (ending in `…` when cut), with the characters
/// at `positions` (char indices) in `matched` style on top of `base`.
pub fn fitted_line(
    text: &str,
    width: usize,
    positions: &[usize],
    base: Style,
    matched: Style,
) -> Line<'static> {
    let clean = printable(text);
    let total: usize = clean.chars().map(|c| c.width().unwrap_or(0)).sum();
    let budget = if total > width { width.saturating_sub(1) } else { width };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in clean.chars().enumerate() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        let is_match = positions.binary_search(&i).is_ok();
        if is_match != run_matched && !run.is_empty() {
            spans.push(styled(std::mem::take(&mut run), run_matched, base, matched));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(styled(run, run_matched, base, matched));
    }
    if total > width && width > 0 {
        spans.push(Span::styled("…", base));
    }
    Line::from(spans)
}

/// Paints `text` into `area` exactly as `paint_line` would paint
/// `fitted_line(text, width, positions, base, matched)`, without building
/// the line when the text is printable ASCII (most catalog text).
pub fn paint_fitted(
    buf: &mut Buffer,
    area: Rect,
    text: &str,
    width: usize,
    positions: &[usize],
    [base, matched]: [Style; 2],
) {
    if !text.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        paint_line(buf, &fitted_line(text, width, positions, base, matched), area);
        return;
    }
    let area = area.intersection(buf.area);
    let cut = text.len() > width;
    let shown = if cut { width.saturating_sub(1) } else { width };
    let highlighted = base.patch(matched);
    let cells = (area.x..area.right()).map(|x| (x, area.y));
    let mut positions = positions.iter().peekable();
    for (i, ((x, y), c)) in cells.clone().zip(text.bytes().take(shown)).enumerate() {
        let is_match = positions.next_if(|&&p| p == i).is_some();
        buf[(x, y)].set_char(char::from(c)).set_style(if is_match { highlighted } else { base });
    }
    if cut && width > 0 {
        let text_width = text.len().min(shown);
        if let Some((x, y)) = cells.clone().nth(text_width) {
            buf[(x, y)].set_char('…').set_style(base);
        }
    }
}

/// Renders `line` into `area` as `Line::render` does (left-aligned, cut at
/// the area's edge), but cell by cell when every character is ASCII or one
/// of the table's one-cell symbols: no grapheme segmentation, about five
/// times faster, which matters for the table's many names and descriptions.
pub fn paint_line(buf: &mut Buffer, line: &Line, area: Rect) {
    let simple = |c: char| c.is_ascii_graphic() || matches!(c, ' ' | '…' | '●' | '▶');
    if line.style != Style::new() || !line.spans.iter().all(|s| s.content.chars().all(simple)) {
        line.render(area, buf);
        return;
    }
    let area = area.intersection(buf.area);
    let cells = (area.x..area.right()).map(|x| (x, area.y));
    let chars = line.spans.iter().flat_map(|s| s.content.chars().map(move |c| (c, s.style)));
    for ((x, y), (c, style)) in cells.zip(chars) {
        buf[(x, y)].set_char(c).set_style(style);
    }
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
        let s = Style::new();
        assert_eq!(plain(&fitted_line("Calendars.Read", 8, &[], s, s)), "Calenda…");
        assert_eq!(plain(&fitted_line("Chat", 8, &[], s, s)), "Chat");
        assert_eq!(plain(&fitted_line("日本語のテキスト", 7, &[], s, s)), "日本語…");
        assert_eq!(plain(&fitted_line("abc", 0, &[], s, s)), "");
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
    fn painting_cell_by_cell_matches_line_rendering() {
        let m = Style::new().fg(Color::Cyan);
        let lines = [
            fitted_line("Calendars.ReadWrite.Shared", 12, &[0, 1, 10], Style::new(), m),
            fitted_line("Read the user's mail…", 40, &[3], Style::new().fg(Color::DarkGray), m),
            fitted_line("Lire les calendriers de l'utilisateur à partir", 30, &[], Style::new(), m),
            fitted_line("日本語のテキスト", 7, &[1], Style::new(), m),
            Line::styled("▶ ●", Style::new().fg(Color::LightGreen)),
        ];
        for line in &lines {
            for width in [0, 5, 12, 40] {
                let area = Rect::new(1, 0, width, 1);
                let mut painted = Buffer::empty(Rect::new(0, 0, 45, 1));
                let mut rendered = painted.clone();
                painted.set_style(painted.area, Style::new().bg(Color::Blue));
                rendered.set_style(rendered.area, Style::new().bg(Color::Blue));
                paint_line(&mut painted, line, area);
                line.clone().render(area, &mut rendered);
                assert_eq!(painted, rendered, "{line:?} in {width}");
            }
        }
    }

    #[test]
    fn painting_fitted_text_matches_painting_the_fitted_line() {
        let m = Style::new().fg(Color::Cyan);
        let texts =
            ["Calendars.ReadWrite.Shared", "Read the user's mail", "", "a", "Lire à partir"];
        for text in texts {
            for width in [0, 1, 2, 5, 12, 40] {
                for area_width in [0, 3, 12, 45] {
                    let positions = [0, 1, 3, 10];
                    let area = Rect::new(1, 0, area_width, 1);
                    let mut painted = Buffer::empty(Rect::new(0, 0, 46, 1));
                    let mut expected = painted.clone();
                    let base = Style::new().fg(Color::DarkGray);
                    paint_fitted(&mut painted, area, text, width, &positions, [base, m]);
                    let line = fitted_line(text, width, &positions, base, m);
                    paint_line(&mut expected, &line, area);
                    assert_eq!(painted, expected, "{text:?} in {width}, area {area_width}");
                }
            }
        }
    }

    #[test]
    fn highlights_matched_positions_and_sanitizes() {
        let m = Style::new().fg(Color::Cyan);
        let line = fitted_line("Chat\u{1b}", 10, &[0, 2], Style::new(), m);
        let parts: Vec<(&str, bool)> =
            line.spans.iter().map(|s| (s.content.as_ref(), s.style == m)).collect();
        assert_eq!(parts, [("C", true), ("h", false), ("a", true), ("t\u{FFFD}", false)]);
    }
}
