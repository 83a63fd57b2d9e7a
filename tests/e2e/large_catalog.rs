//! The real binary in tmux on a catalog of 15,000 rows (the size
//! docs/performance.md budgets for; a pass there takes longer than tmux needs
//! to send a whole query): keys typed faster than a pass runs are all
//! applied, and the screen ends on the exact result that `scopepick list`
//! gives for the same query.

use crate::support;

use std::process::Command;
use support::Tmux;

const ROWS: usize = 15_000;

/// A valid catalog file of `ROWS` generated rows named like Graph permissions.
fn write_catalog(path: &std::path::Path) {
    let resources = ["Calendars", "Chat", "Mail", "User", "Sites", "Files", "Group", "Team"];
    let permissions: Vec<serde_json::Value> = (0..ROWS)
        .map(|n| {
            let resource = resources[n % resources.len()];
            serde_json::json!({
                "name": format!("{resource}{}.Read{}", n / 16, if n % 3 == 0 { ".All" } else { "" }),
                "type": if (n / resources.len()).is_multiple_of(2) { "Delegated" } else { "Application" },
                "description": format!("Allows the app to read {} number {n}", resource.to_lowercase()),
                "admin_consent": n % 5 == 0,
                "id": format!("00000000-0000-4000-8000-{n:012x}"),
            })
        })
        .collect();
    let catalog = serde_json::json!({ "name": "generated", "permissions": permissions });
    std::fs::write(path, catalog.to_string()).unwrap();
}

/// What `scopepick list` finds for `query`: the count and the first name.
fn listed(catalog: &std::path::Path, query: &str) -> (usize, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_scopepick"))
        .args(["--catalog"])
        .arg(catalog)
        .args(["list", "--format", "tsv", "--query", query])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    (rows.len(), rows[0].split('\t').next().unwrap().to_string())
}

#[test]
fn fast_typing_on_a_large_catalog_loses_no_key_and_ends_on_the_exact_result() {
    let bin = env!("CARGO_BIN_EXE_scopepick");
    let dir = support::private_dir("large-catalog");
    std::fs::create_dir_all(&dir).unwrap();
    let catalog = dir.join("catalog.json");
    write_catalog(&catalog);
    let command = format!("'{bin}' --fresh --catalog '{}'; exec sleep 600", catalog.display());
    let Some(tmux) = Tmux::start("large", &command, 120, 30) else { return };
    tmux.wait_for(&format!("{ROWS}/{ROWS}"));
    for query in ["mail12 read", "chat read all"] {
        tmux.keys(&["C-u"]);
        tmux.wait_for(&format!("{ROWS}/{ROWS}"));
        // All keys at once: they arrive while the first passes run.
        tmux.type_text(query);
        let (count, first) = listed(&catalog, query);
        // The whole query with list's count: a shorter one ("chat re") can
        // show the same count while the last keys are still being read.
        let count_shown = format!("{count}/{ROWS}");
        let mut screen = String::new();
        support::eventually(&format!("{query:?} with {count_shown} on screen"), || {
            screen = tmux.screen();
            screen.contains(&format!("> {query}")) && screen.contains(&count_shown)
        });
        let top = screen.lines().find(|l| l.contains('▶')).unwrap_or_default();
        assert!(top.contains(&first), "best match {first} not on top:\n{screen}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
