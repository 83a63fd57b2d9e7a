//! Counts read as English everywhere the CLI prints one: `1 permission`,
//! `2 permissions` (the rule is `text::plural`; this checks its callers).

use crate::support;

use assert_cmd::Command;
use support::TempDir;

fn scopepick(dir: &TempDir) -> Command {
    let mut command = Command::cargo_bin("scopepick").expect("binary is built");
    command.env("SCOPEPICK_DATA_DIR", dir.0.join("data"));
    command.env("SCOPEPICK_CONFIG_DIR", dir.0.join("config"));
    command
}

/// Stdout and stderr of a run that exits with `code`.
fn run(dir: &TempDir, args: &[&str], code: i32) -> String {
    let out = scopepick(dir).args(args).assert().code(code).get_output().clone();
    String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap()
}

/// A Graph PowerShell export holding one Delegated scope.
const ONE_SCOPE: &str = r#"[{"Id": "f501c180-9344-439a-bca0-6cbf209fd270", "Value": "Chat.Read",
  "Type": "User", "IsEnabled": true, "AdminConsentDisplayName": "Read user chat messages",
  "AdminConsentDescription": "Read the user's chat messages."}]"#;

#[test]
fn one_of_anything_is_singular() {
    let dir = TempDir::new("plurals-one");
    let export = dir.0.join("one.json");
    std::fs::write(&export, ONE_SCOPE).unwrap();
    let export = export.display().to_string();
    let import = run(&dir, &["catalog", "import", "--replace", &export], 0);
    assert!(
        import.contains("Imported 1 permission: 1 Delegated, 0 Application; 0 need admin consent"),
        "{import}"
    );
    let status = run(&dir, &["catalog", "status"], 0);
    assert!(status.contains("In use: Catalog imported"), "{status}");
    assert!(status.contains(", 1 permission: "), "{status}");
    let saved = run(&dir, &["selection", "save", "one", "Chat.Read"], 0);
    assert!(saved.contains("Saved selection 'one' (1 permission) in "), "{saved}");
    let sheet = dir.0.join("sheet.md").display().to_string();
    let wrote = run(&dir, &["export", "--format", "markdown", "-o", &sheet, "Chat.Read"], 0);
    assert!(wrote.contains("Wrote markdown (1 row) to "), "{wrote}");
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(text.ends_with("1 permission, 0 need admin consent\n"), "{text}");
    let checked = run(&dir, &["check", "--mode", "delegated", "Chat.Read,"], 1);
    assert!(checked.contains("1 problem for a Delegated scope string"), "{checked}");
}

#[test]
fn counts_of_one_in_the_built_in_catalog_are_singular_too() {
    let dir = TempDir::new("plurals-builtin");
    let built = run(&dir, &["build", "--mode", "delegated", "Channel.Create", "offline_access"], 0);
    assert!(
        built.contains("1 of 2 needs admin consent: a tenant administrator must grant it"),
        "{built}"
    );
    let built = run(&dir, &["build", "Channel.Create", "TeamMember.ReadWrite.All"], 0);
    assert!(built.contains("2 of 2 need admin consent: a tenant administrator must grant them"));
    let audit = run(&dir, &["audit", "--preset", "intrexx", "--mode", "delegated", "Chat.Read"], 1);
    assert!(audit.contains("Corrected string (19 missing permissions added)"), "{audit}");
    let almost = run(&dir, &["build", "--preset", "intrexx", "--quiet"], 0).replace(" profile", "");
    let audit = run(&dir, &["audit", "--preset", "intrexx", almost.trim_end()], 1);
    assert!(audit.contains("Corrected string (1 missing permission added)"), "{audit}");
    assert!(audit.contains("\n1 permission of preset intrexx missing.\n"), "{audit}");
}
