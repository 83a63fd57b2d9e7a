//! docs/handoff.md shows the real output of every format.

use super::*;

const HANDOFF: &str = include_str!("../../../docs/handoff.md");

#[test]
fn handoff_page_shows_real_output() {
    let catalog = Catalog::embedded();
    let rows = pick(
        &catalog,
        &[("Chat.Read", D), ("offline_access", D), ("Chat.Read.All", A), ("Sites.Read.All", A)],
    );
    let cases = [
        (Format::Manifest, D, "json"),
        (Format::Az, D, "sh"),
        (Format::Powershell, D, "powershell"),
        (Format::Powershell, A, "powershell"),
        (Format::ConsentUrl, D, "text"),
        (Format::ConsentUrl, A, "text"),
        (Format::Markdown, D, "markdown"),
        (Format::Csv, D, "csv"),
    ];
    for (format, mode, lang) in cases {
        let block = format!("```{lang}\n{}\n```", export_default(&rows, mode, format));
        assert!(HANDOFF.contains(&block), "docs/handoff.md lacks {format} ({mode}):\n{block}");
    }
}
