//! Checks on the test suite itself: when a missing tool fails instead of
//! skipping, and that every file, function and test `docs/reliability.md`
//! cites exists.

use crate::support;

use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn any_ci_value_but_false_and_0_means_ci() {
    for (value, ci) in [
        (None, false),
        (Some(""), false),
        (Some("false"), false),
        (Some("0"), false),
        (Some("true"), true),
        (Some("1"), true),
        (Some("yes"), true),
        (Some("TRUE"), true),
        (Some("woodpecker"), true),
    ] {
        assert_eq!(support::is_ci_value(value), ci, "CI={value:?}");
    }
}

/// The backticked spans of `text` with what stands between each and the previous one.
fn spans(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut gap_start = 0;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        let gap = &rest[gap_start..open];
        out.push((gap, &rest[open + 1..open + 1 + len]));
        rest = &rest[open + 2 + len..];
        gap_start = 0;
    }
    out
}

/// Every `path.rs` `name`, `name` and `name` citation in `doc`: the file and
/// the names that follow it, joined only by commas, "and" or line breaks.
fn citations(doc: &str) -> Vec<(String, String)> {
    let mut cited = Vec::new();
    let mut file: Option<&str> = None;
    for (gap, span) in spans(doc) {
        let joined =
            gap.replace("and", "").trim_matches(|c: char| c == ',' || c.is_whitespace()).is_empty()
                && !gap.contains("\n\n");
        let identifier = !span.is_empty()
            && span.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if span.ends_with(".rs") && !span.contains('*') {
            file = Some(span);
            cited.push((span.to_string(), String::new()));
        } else if let (Some(f), true, true) = (file, joined, identifier) {
            cited.push((f.to_string(), span.to_string()));
        } else {
            file = None;
        }
    }
    cited
}

#[test]
fn every_file_function_and_test_the_reliability_doc_cites_exists() {
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/reliability.md")).unwrap();
    let cited = citations(&doc);
    assert!(cited.len() > 50, "the doc cites its tests: {cited:?}");
    let mut missing = Vec::new();
    for (file, name) in &cited {
        let Ok(source) = std::fs::read_to_string(Path::new(ROOT).join(file)) else {
            missing.push(format!("{file} (no such file)"));
            continue;
        };
        if !name.is_empty()
            && !source.contains(&format!("fn {name}("))
            && !source.contains(&format!("fn {name}<"))
        {
            missing.push(format!("{file} {name}"));
        }
    }
    assert_eq!(missing, Vec::<String>::new(), "docs/reliability.md cites what does not exist");
}

#[test]
fn the_citation_reader_finds_chains_and_stops_at_other_text() {
    let doc = "`src/a.rs` `one`, `two` and\n  `three`: `list` (x)\n\n`src/b.rs`, `start_watchdog` checks `other`";
    let cited = citations(doc);
    let names: Vec<String> = cited.iter().map(|(f, n)| format!("{f} {n}")).collect();
    assert_eq!(
        names,
        [
            "src/a.rs ",
            "src/a.rs one",
            "src/a.rs two",
            "src/a.rs three",
            "src/b.rs ",
            "src/b.rs start_watchdog"
        ]
    );
}
