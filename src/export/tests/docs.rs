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
    // Every format, in both modes where the mode changes the output.
    let cases = Format::ALL.into_iter().flat_map(|format| {
        let modes: &[AuthMode] = if format.mode_only() { &[D, A] } else { &[D] };
        modes.iter().map(move |&mode| (format, mode, fence(format)))
    });
    let options = filled(Cloud::Global);
    let missing: Vec<String> = cases
        .map(|(format, mode, lang)| {
            let text = export(&rows, mode, format, &options).unwrap().text;
            format!("```{lang}\n{text}\n```")
        })
        .filter(|block| !HANDOFF.contains(block.as_str()))
        .collect();
    assert!(missing.is_empty(), "docs/handoff.md lacks:\n{}", missing.join("\n\n"));
}

/// The code fence language docs/handoff.md shows `format` in.
fn fence(format: Format) -> &'static str {
    match format {
        Format::Manifest => "json",
        Format::Az => "sh",
        Format::Powershell => "powershell",
        Format::ConsentUrl => "text",
        Format::Markdown => "markdown",
        Format::Csv => "csv",
    }
}
