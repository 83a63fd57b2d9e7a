//! Plain-text column layout for terminal output.

use unicode_width::UnicodeWidthStr;

/// Lays out rows in columns separated by two spaces; the last column is not
/// padded. Widths count terminal cells, so wide characters line up.
pub fn columns(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let header: Vec<String> = header.iter().map(ToString::to_string).collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows) {
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if i < last {
                out.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        let kept = out.trim_end_matches(' ').len();
        out.truncate(kept);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn pads_by_display_width() {
        let rows = vec![vec!["日本".to_string(), "x".to_string()], vec!["ab".into(), "y".into()]];
        assert_eq!(super::columns(&["N", "V"], &rows), "N     V\n日本  x\nab    y\n");
    }
}
