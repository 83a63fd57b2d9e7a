//! Tab-separated tables (the search's vocabulary, the reference files `cargo
//! xtask gen-catalog` reads, the tests' query sets), all read one way: blank
//! lines and `#` comments are skipped, and a row with another number of
//! fields than the table's columns is an error naming its line, never a
//! silently shifted column.

use thiserror::Error;

/// A row whose number of fields is not the table's.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{line}: expected {columns} columns, found {found}")]
pub struct BadRow {
    /// The row's line in the text, from 1.
    pub line: usize,
    /// The table's number of columns.
    pub columns: usize,
    /// The row's.
    pub found: usize,
}

/// The rows of tab-separated `text`, each split into its `columns` fields (a
/// header is a row like any other: the caller skips it).
pub fn rows(text: &str, columns: usize) -> Result<Vec<Vec<&str>>, BadRow> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(at, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            let found = fields.len();
            if found == columns { Ok(fields) } else { Err(BadRow { line: at + 1, columns, found }) }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_skipped_and_short_rows_named() {
        let text = "# a comment\nname\tkind\n\nMail.Read\tDelegated\n  \nUser.Read\tDelegated\n";
        assert_eq!(
            rows(text, 2),
            Ok(vec![
                vec!["name", "kind"],
                vec!["Mail.Read", "Delegated"],
                vec!["User.Read", "Delegated"]
            ])
        );
        let short = rows("a\tb\nc\n", 2).unwrap_err();
        assert_eq!(short, BadRow { line: 2, columns: 2, found: 1 });
        assert_eq!(short.to_string(), "2: expected 2 columns, found 1");
        assert_eq!(rows("a\tb\tc", 2).unwrap_err().found, 3, "a stray tab is an error too");
    }
}
