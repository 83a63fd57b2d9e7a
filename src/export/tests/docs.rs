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
    let cases = Format::ALL.iter().flat_map(|&format| {
        let modes: &[AuthMode] = if format.spec().mode_only { &[D, A] } else { &[D] };
        modes.iter().map(move |&mode| (format, mode))
    });
    let options = filled(Cloud::Global);
    // The page's code blocks, each without its fence line.
    let blocks: Vec<&str> = HANDOFF
        .split("```")
        .skip(1)
        .step_by(2)
        .filter_map(|b| Some(b.split_once('\n')?.1))
        .collect();
    let missing: Vec<String> = cases
        .map(|(format, mode)| export(&rows, mode, format, &options).unwrap().text + "\n")
        .filter(|text| !blocks.contains(&text.as_str()))
        .collect();
    assert!(missing.is_empty(), "docs/handoff.md lacks:\n{}", missing.join("\n\n"));
}

/// The page's format table and options table say what each format's row of
/// facts says: one line per format, and who takes the app ID and the redirect URI.
#[test]
fn handoff_page_describes_every_format_as_its_row_says() {
    let table: Vec<&str> = HANDOFF.lines().filter(|l| l.starts_with("| `")).collect();
    let keys = |wanted: fn(&FormatSpec) -> bool| -> String {
        let keys = Format::ALL.iter().filter(|f| wanted(&f.spec())).map(|f| format!("`{f}`"));
        keys.collect::<Vec<_>>().join(", ")
    };
    for format in Format::ALL {
        let line = table.iter().find(|l| l.starts_with(&format!("| `{format}` |")));
        let line = line.unwrap_or_else(|| panic!("no table row for {format}"));
        let uses = line.rsplit('|').nth(1).unwrap().trim();
        let expected = if format.spec().mode_only { "the mode" } else { "the whole basket" };
        assert!(uses.starts_with(expected), "{format}: {uses}");
    }
    let option_row = |option: &str| *table.iter().find(|l| l.starts_with(option)).unwrap();
    let used_by = |option| option_row(option).split('|').nth(2).unwrap().trim().to_string();
    assert_eq!(used_by("| `--app-id GUID`"), keys(|s| s.needs_app_id));
    assert_eq!(used_by("| `--redirect-uri`"), keys(|s| s.needs_redirect_uri) + " (required)");
    assert_eq!(used_by("| `--state`"), keys(|s| s.needs_redirect_uri));
}
