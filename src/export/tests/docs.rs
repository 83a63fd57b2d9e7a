//! docs/handoff.md shows the real output of every format, IDs filled in.

use super::golden::filled;
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
        (Format::ConsentUrl, D, "text"),
        (Format::ConsentUrl, A, "text"),
        (Format::Markdown, D, "markdown"),
        (Format::Csv, D, "csv"),
    ];
    let options = filled(Cloud::Global);
    let missing: Vec<String> = cases
        .iter()
        .map(|&(format, mode, lang)| {
            let text = export(&rows, mode, format, &options).unwrap().text;
            format!("```{lang}\n{text}\n```")
        })
        .filter(|block| !HANDOFF.contains(block.as_str()))
        .collect();
    assert!(missing.is_empty(), "docs/handoff.md lacks:\n{}", missing.join("\n\n"));
}
