//! Customer profiles and the hand-off from the command line: `selection
//! save|set|list` with IDs, `export --selection` filling everything, one
//! `--app-id` (alias `--client-id`) checked as a GUID, placeholders named on
//! stderr, and nothing replaced without `--force`.

use crate::support;

use assert_cmd::Command;
use predicates::prelude::*;
use support::TempDir;

const APP_ID: &str = "0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const REDIRECT: &str = "https://portal.acme.example/service/oauth2/authorize";

fn scopepick(tmp: &TempDir) -> Command {
    let mut command = Command::cargo_bin("scopepick").unwrap();
    command.env("SCOPEPICK_CONFIG_DIR", tmp.0.join("config"));
    command.env("SCOPEPICK_DATA_DIR", tmp.0.join("data"));
    command
}

fn save_acme(tmp: &TempDir) {
    scopepick(tmp)
        .args(["selection", "save", "acme", "--tenant", "contoso.onmicrosoft.com"])
        .args(["--app-id", APP_ID, "--redirect-uri", REDIRECT, "Chat.Read", "offline_access"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Saved selection 'acme' (2 permissions)"));
}

#[test]
fn a_saved_profile_fills_every_export() {
    let tmp = TempDir::new("profile-fills");
    save_acme(&tmp);
    let url = scopepick(&tmp)
        .args(["export", "--selection", "ACME", "-f", "consent-url", "--state", "s1"])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(url).unwrap(),
        format!(
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/adminconsent?client_id={APP_ID}\
&scope=https%3A%2F%2Fgraph.microsoft.com%2FChat.Read%20offline_access\
&redirect_uri=https%3A%2F%2Fportal.acme.example%2Fservice%2Foauth2%2Fauthorize&state=s1\n"
        )
    );
    for format in ["az", "powershell"] {
        scopepick(&tmp)
            .args(["export", "--selection", "acme", "-f", format])
            .assert()
            .success()
            .stderr("")
            .stdout(
                predicate::str::contains(APP_ID).and(predicate::str::contains("<APP_ID>").not()),
            )
            .stdout(predicate::str::contains("contoso.onmicrosoft.com"));
    }
    scopepick(&tmp).args(["selection", "set", "acme", "--cloud", "usgov"]).assert().success();
    scopepick(&tmp)
        .args(["export", "--selection", "acme", "-f", "powershell"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" -Environment USGov "));
    scopepick(&tmp)
        .args(["export", "--selection", "acme", "-f", "consent-url", "--cloud", "global"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("https://login.microsoftonline.com/"))
        .stdout(
            predicate::str::contains("&state=")
                .and(predicate::str::is_match("state=[0-9a-f]{32}\n$").unwrap()),
        );
}

#[test]
fn selection_list_shows_tenant_and_app_id_and_set_changes_one_field() {
    let tmp = TempDir::new("profile-list");
    save_acme(&tmp);
    let other = "11111111-2222-3333-4444-555555555555";
    scopepick(&tmp).args(["selection", "set", "Acme", "--app-id", other]).assert().success();
    scopepick(&tmp)
        .args(["selection", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("TENANT"))
        .stdout(predicate::str::contains("APP ID"))
        .stdout(predicate::str::contains(format!("contoso.onmicrosoft.com  {other}")));
    scopepick(&tmp)
        .args(["selection", "show", "acme"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("redirect uri: {REDIRECT}")));
    scopepick(&tmp)
        .args(["selection", "set", "acme"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to set"));
    scopepick(&tmp)
        .args(["selection", "set", "acme", "--tenant", "contoso.com; rm -rf ~"])
        .assert()
        .code(2)
        .stderr("error: tenant \"contoso.com; rm -rf ~\" is not valid: expected a tenant ID, a domain or organizations\n");
}

#[test]
fn nothing_is_replaced_without_force_and_names_ignore_case() {
    let tmp = TempDir::new("profile-force");
    save_acme(&tmp);
    scopepick(&tmp).args(["selection", "save", "Acme", "Mail.Send"]).assert().code(2).stderr(
        "error: a selection 'acme' exists: pass --force to replace it, or choose another name\n",
    );
    scopepick(&tmp)
        .args(["selection", "save", "Acme", "--force", "Mail.Send"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Replaced selection 'Acme' (1 permission)"));
    let names: Vec<String> = std::fs::read_dir(tmp.0.join("config/selections"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["acme.json"], "one file, its stored name kept");
    let out = tmp.0.join("grant.ps1");
    std::fs::write(&out, "old\n").unwrap();
    scopepick(&tmp)
        .args(["export", "-f", "manifest", "-o"])
        .arg(&out)
        .arg("Chat.Read")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists: pass --force to replace it"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old\n");
    scopepick(&tmp)
        .args(["export", "-f", "manifest", "--force", "-o"])
        .arg(&out)
        .arg("Chat.Read")
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().contains("requiredResourceAccess"));
}

#[test]
fn one_app_id_option_checked_as_a_guid_and_placeholders_named() {
    let tmp = TempDir::new("app-id");
    for option in ["--app-id", "--client-id"] {
        scopepick(&tmp)
            .args(["export", "-f", "az", option, "API://x"])
            .arg("Chat.Read")
            .assert()
            .code(2)
            .stderr(predicate::str::contains("a GUID"));
        scopepick(&tmp)
            .args(["export", "-f", "az", option, APP_ID, "Chat.Read"])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("\napp={APP_ID}\n")));
    }
    for format in ["az", "powershell"] {
        scopepick(&tmp)
            .args(["export", "-f", format, "Chat.Read"])
            .assert()
            .success()
            .stdout(predicate::str::contains("<APP_ID>"))
            .stderr(predicate::str::contains("<APP_ID> is a placeholder: pass --app-id GUID"));
    }
    scopepick(&tmp)
        .args(["export", "-f", "consent-url", "Chat.Read"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("pass --redirect-uri URL"));
    scopepick(&tmp)
        .args(["export", "-f", "consent-url", "--tenant", "common", "--app-id", APP_ID])
        .args(["--redirect-uri", REDIRECT, "Chat.Read"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: --tenant common"));
    scopepick(&tmp)
        .args(["export", "-f", "consent-url", "--mode", "application", "--app-id", APP_ID])
        .args(["--redirect-uri", REDIRECT, "Sites.Read.All"])
        .assert()
        .success()
        .stderr(predicate::str::contains("register the permissions first"));
}
