//! Where each pane goes, as a pure function of the terminal size and what
//! the app wants shown (wide, regular and compact layouts, as
//! docs/keybindings.md describes them). Drawing and mouse handling both use
//! it, so a click lands on what was drawn.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

/// The smallest usable terminal.
pub const MIN_WIDTH: u16 = 60;
/// The smallest usable terminal height.
pub const MIN_HEIGHT: u16 = 18;
/// From this width on, details and basket sit right of the table.
const WIDE: u16 = 120;
/// Below this width the layout is compact.
pub const COMPACT_WIDTH: u16 = 100;
/// Below this height the layout is compact, and the pane hidden at first.
pub const COMPACT_HEIGHT: u16 = 30;

/// Whether the details and basket panes show (toggled with a key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panes {
    /// As the terminal size suggests: hidden under 30 rows (unless wide), else shown.
    Auto,
    /// Shown (the user asked).
    Shown,
    /// Hidden: the table takes their room (the user asked).
    Hidden,
}

/// What the app wants on screen, as far as the layout cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wants {
    /// Lines the scope pane needs inside its border, at the full width.
    pub scope_lines: u16,
    /// Lines the scope pane cannot do without: its errors whole, one row of
    /// the string and the row that says what is hidden.
    pub scope_min_lines: u16,
    /// Whether the details and basket panes show.
    pub panes: Panes,
    /// Whether the basket has the focus (it then shows, whatever `panes` says).
    pub basket_focused: bool,
}

/// The rectangles of all panes; a pane not shown has an empty one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub filter: Rect,
    pub table: Rect,
    pub detail: Rect,
    pub basket: Rect,
    /// The live scope string and its diagnostics.
    pub scope: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Which of the two panes show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    None,
    Details,
    Basket,
    Both,
}

impl Areas {
    /// The layout in a terminal of `area`, or `None` when it is too small.
    /// The scope pane grows with the string, up to a third of the height.
    pub fn compute(area: Rect, wants: Wants) -> Option<Areas> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let wide = area.width >= WIDE;
        let compact = !wide && (area.width < COMPACT_WIDTH || area.height < COMPACT_HEIGHT);
        let visible = match wants.panes {
            Panes::Shown => true,
            Panes::Hidden => false,
            Panes::Auto => wide || area.height >= COMPACT_HEIGHT,
        };
        let shown = match (visible, wants.basket_focused) {
            (true, _) if !compact => Shown::Both,
            (true, false) => Shown::Details,
            (_, true) => Shown::Basket,
            (false, false) => Shown::None,
        };
        // The scope pane grows with the string up to a third of the height,
        // and never below what its errors need (a string that fails at
        // sign-in must say why).
        let floor = wants.scope_min_lines.saturating_add(2).max(4);
        let scope_height =
            wants.scope_lines.saturating_add(2).clamp(floor, (area.height / 3).max(floor));
        let panes_height = match shown {
            Shown::None => 0,
            _ if wide => 0,
            _ if area.height >= COMPACT_HEIGHT => 10,
            _ => 7,
        };
        let [header, filter, middle, panes, scope, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(4),
            Constraint::Length(panes_height),
            Constraint::Length(scope_height),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let none = Rect::default();
        let (table, detail, basket) = match shown {
            Shown::None => (middle, none, none),
            _ if wide => {
                let side_width = (area.width / 3).clamp(40, 70);
                let [table, side] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)])
                        .areas(middle);
                if shown == Shown::Both {
                    let [detail, basket] =
                        Layout::vertical([Constraint::Length(11), Constraint::Min(3)]).areas(side);
                    (table, detail, basket)
                } else {
                    (table, none, side)
                }
            }
            Shown::Both => {
                let [detail, basket] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(panes);
                (middle, detail, basket)
            }
            Shown::Details => (middle, panes, none),
            Shown::Basket => (middle, none, panes),
        };
        Some(Areas { header, filter, table, detail, basket, scope, status, footer })
    }

    /// How many table rows are visible (inside the border, below the header row).
    pub fn table_rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(3))
    }

    /// How many basket items are visible (inside the border).
    pub fn basket_rows(&self) -> usize {
        usize::from(self.basket.height.saturating_sub(2))
    }
}

/// How many lines `text` takes at `width` cells, measured by the routine that
/// draws it (ratatui's word wrap, as `Paragraph::wrap(Wrap { trim: false })`
/// draws): a count of its own would disagree at the edges and cut the last line.
pub fn wrapped_line_count(text: &str, width: usize) -> usize {
    let width = u16::try_from(width.max(1)).unwrap_or(u16::MAX);
    Paragraph::new(text).wrap(Wrap { trim: false }).line_count(width)
}

/// The first `n` characters of `text` (all of it when shorter): as much of a
/// long scope string as a pane can show, so measuring it costs no more with a full basket.
pub fn prefix_chars(text: &str, n: usize) -> &str {
    text.char_indices().nth(n).map_or(text, |(i, _)| &text[..i])
}

#[cfg(test)]
mod tests {
    use super::{Paragraph, Wrap, wrapped_line_count};

    #[test]
    fn counts_wrapped_lines() {
        assert_eq!(wrapped_line_count("", 10), 1, "an empty line is drawn as one");
        assert_eq!(wrapped_line_count("aaaa bbbb", 9), 1);
        assert_eq!(wrapped_line_count("aaaa bbbb", 8), 2);
        assert_eq!(wrapped_line_count("aaaaaaaaaaaa", 5), 3);
        // A word that fills the line leaves no room for the next one.
        assert_eq!(wrapped_line_count("aaaa b", 4), 2);
    }

    /// The count is the number of lines the pane draws, so the last one shows.
    #[test]
    fn the_count_is_what_a_paragraph_draws() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::widgets::Widget;
        for (text, width) in [("aaaa b", 4), ("Mail.Send User.Read openid", 9), ("a bb ccc", 3)] {
            let lines = wrapped_line_count(text, width);
            let area = Rect::new(0, 0, width as u16, lines as u16 + 1);
            let mut buf = Buffer::empty(area);
            Paragraph::new(text).wrap(Wrap { trim: false }).render(area, &mut buf);
            let row = |y: u16| (0..area.width).map(|x| buf[(x, y)].symbol()).collect::<String>();
            let drawn: Vec<String> = (0..area.height).map(row).collect();
            let last_word = text.split(' ').next_back().unwrap();
            assert!(drawn[lines - 1].trim_end().ends_with(last_word), "{text:?}: {drawn:?}");
            assert!(drawn[lines].trim().is_empty(), "{text:?}: {drawn:?}");
        }
    }
}
