//! docs/json.md lists exactly the fields each `--format json` prints: every
//! documented command is run on real input, and the fields it prints (top
//! level, and one level into arrays of objects) are compared with the doc's
//! tables.

use crate::support;

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use support::TempDir;

const DOC: &str = include_str!("../../docs/json.md");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The documented fields of each `## \`scopepick CMD --format json\`` section, by CMD.
fn documented() -> Vec<(String, BTreeSet<String>)> {
    let mut sections: Vec<(String, BTreeSet<String>)> = Vec::new();
    for line in DOC.lines() {
        if let Some(title) = line.strip_prefix("## `scopepick ") {
            let command = title.split(" --format").next().unwrap().to_string();
            sections.push((command, BTreeSet::new()));
        } else if let (Some(field), Some((_, fields))) =
            (line.strip_prefix("| `"), sections.last_mut())
        {
            fields.insert(field.split('`').next().unwrap().to_string());
        }
    }
    sections
}

/// The field paths of one JSON document: `key`, `key[].inner`, or `[].key` for an array.
fn fields(doc: &Value, out: &mut BTreeSet<String>) {
    let element_keys = |prefix: &str, items: &[Value], out: &mut BTreeSet<String>| {
        for item in items {
            for key in item.as_object().into_iter().flat_map(|m| m.keys()) {
                out.insert(format!("{prefix}[].{key}"));
            }
        }
    };
    match doc {
        Value::Array(items) => element_keys("", items, out),
        Value::Object(map) => {
            for (key, value) in map {
                out.insert(key.clone());
                if let Value::Array(items) = value {
                    element_keys(key, items, out);
                }
            }
        }
        other => panic!("not a JSON document: {other}"),
    }
}

#[test]
fn every_json_field_is_documented_and_every_documented_field_is_printed() {
    let dir = TempDir::new("json-docs");
    let scopepick = || {
        let mut command = Command::cargo_bin("scopepick").unwrap();
        command.env("SCOPEPICK_DATA_DIR", dir.0.join("data"));
        command.env("SCOPEPICK_CONFIG_DIR", dir.0.join("config"));
        command
    };
    scopepick().args(["selection", "save", "s", "Files.Read", "Mail.Send"]).assert().success();
    let intrexx = scopepick().args(["build", "--preset", "intrexx", "-q"]).output().unwrap();
    let intrexx = String::from_utf8(intrexx.stdout).unwrap().trim_end().to_string();
    let export = format!("{ROOT}/tests/fixtures/graph/graph-sp.json");
    let app = format!("{ROOT}/tests/fixtures/audit/az-app-show.json");
    let grants = format!("{ROOT}/tests/fixtures/audit/grants-delegated.json");
    let graph = format!("{ROOT}/tests/fixtures/audit/graph-sp.json");
    let samples: Vec<(&str, Vec<String>)> = vec![
        (
            "check",
            vec![
                "check".into(),
                "--mode".into(),
                "delegated".into(),
                "Chat.Raed,offline_access api://x/y https://graph.microsoft.com/.default".into(),
            ],
        ),
        ("check", vec!["check".into(), "Chat.Read offline_access".into()]),
        (
            "audit",
            vec![
                "audit".into(),
                "--selection".into(),
                "s".into(),
                "Files.ReadWrite https://outlook.office.com/IMAP.AccessAsUser.All Foo.Bar".into(),
            ],
        ),
        (
            "audit",
            vec![
                "audit".into(),
                "--preset".into(),
                "intrexx".into(),
                format!("{intrexx} Files.Read Files.ReadWrite"),
            ],
        ),
        ("audit", vec!["audit".into(), "--preset".into(), "intrexx".into(), "--app".into(), app]),
        (
            "audit",
            ["audit", "--preset", "intrexx", "--grants", &grants, "--grants", &graph]
                .map(String::from)
                .to_vec(),
        ),
        ("list", vec!["list".into(), "--query".into(), "chat read".into()]),
        ("list", vec!["list".into(), "--catalog".into(), export]),
        ("show", vec!["show".into(), "Mail.Send".into()]),
        ("api", vec!["api".into(), "POST".into(), "/me/sendMail".into()]),
        ("api", vec!["api".into(), "GET".into(), "/groups/{id}/members".into()]),
        (
            "api --from FILE",
            vec![
                "api".into(),
                "--from".into(),
                format!("{ROOT}/tests/fixtures/calls/browser-session.har"),
            ],
        ),
    ];
    let sections = documented();
    assert_eq!(
        sections.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["check", "audit", "list", "show", "api", "api --from FILE"]
    );
    for (command, listed) in &sections {
        let mut printed = BTreeSet::new();
        for (_, args) in samples.iter().filter(|(c, _)| c == command) {
            let out = scopepick().args(args).args(["--format", "json"]).output().unwrap();
            assert!(matches!(out.status.code(), Some(0 | 1)), "{args:?}: {out:?}");
            let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
            fields(&doc, &mut printed);
        }
        // Nested objects the doc describes in one row (`types[].schemes`) count as fields.
        let undocumented: Vec<_> = printed.difference(listed).collect();
        let never_printed: Vec<_> = listed.difference(&printed).collect();
        assert!(undocumented.is_empty(), "{command}: docs/json.md lacks {undocumented:?}");
        assert!(never_printed.is_empty(), "{command}: the samples never print {never_printed:?}");
    }
}
