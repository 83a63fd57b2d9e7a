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
            predicate::function(|out: &str| {
                let state = out.strip_suffix('\n').and_then(|url| url.rsplit_once("&state="));
                state.is_some_and(|(_, s)| {
                    s.len() == 32 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
                })
            })
            .fn_name("ends in &state= and 32 lowercase hex digits"),
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

/// `export --help` and the shells' completions show each format with the
/// line the picker's export menu shows, all read from the format's row.
#[test]
fn every_format_is_offered_with_its_menu_line() {
    use scopepick::choice::Choice;
    let tmp = TempDir::new("format-help");
    let stdout = |command: &mut Command| {
        let out = command.assert().success().get_output().stdout.clone();
        String::from_utf8(out).unwrap()
    };
    let help = stdout(scopepick(&tmp).args(["export", "--help"]));
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    let completions = stdout(
        scopepick(&tmp)
            .env("SCOPEPICK_COMPLETE", "fish")
            .args(["--", "scopepick", "export"])
            .args(["--format", ""]),
    );
    let offered: Vec<&str> = completions.lines().collect();
    let expected: Vec<String> =
        Format::ALL.iter().map(|f| format!("{}\t{}", f.key(), f.describe())).collect();
    assert_eq!(offered, expected);
    for format in Format::ALL {
        let line = format!("- {format}: {}", format.describe());
        assert!(help.contains(&line), "{line:?} not in: {help}");
    }
}

// ------------------------------------------------------------------
// The az script run against a simulated tenant (tests/support/fake_az.py).

use scopepick::catalog::{Catalog, Cloud, Permission, PermissionType, Resource};
use scopepick::export::{ExportOptions, Format, export};
use support::tenant::{self, CONSULTANT, CUSTOMER, CUSTOMER_DOMAIN, FakeTenant, view};

/// The rows of `names` (type `D` or `A`) from the embedded catalog.
fn rows<'c>(catalog: &'c Catalog, names: &[(&str, PermissionType)]) -> Vec<&'c Permission> {
    names.iter().map(|(n, k)| catalog.find(n, *k).unwrap_or_else(|| panic!("{n}"))).collect()
}

fn az_script(rows: &[&Permission], cloud: Cloud, tenant: &str) -> String {
    let options = ExportOptions {
        app_id: Some(APP_ID.to_string()),
        tenant: tenant.to_string(),
        cloud,
        ..ExportOptions::default()
    };
    export(rows, PermissionType::Delegated, Format::Az, &options).unwrap().text
}

/// Runs the basket's az script twice against a fresh customer tenant in
/// `cloud` and asserts the tenant after each run: what it held plus the
/// basket, the consultant's tenant untouched, the second run changing nothing.
fn assert_az_adds_exactly_the_basket(
    name: &str,
    cloud: Cloud,
    with_sp: bool,
    basket: &[&Permission],
) {
    let Some(fake) = FakeTenant::new(name, cloud, CUSTOMER, with_sp) else { return };
    let script = az_script(basket, cloud, CUSTOMER_DOMAIN);
    let before = view(&fake.tenant(CUSTOMER));
    let consultant = fake.tenant(CONSULTANT);
    let expected = tenant::expected(&before, basket);
    for run in 1..=2 {
        let calls_before = fake.calls().len();
        let out = fake.run(&script);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let calls = fake.calls().split_off(calls_before);
        assert!(
            out.status.success(),
            "run {run} in {cloud}: {stderr}\ncalls: {calls:#?}\n{script}"
        );
        let after = view(&fake.tenant(CUSTOMER));
        assert_eq!(after.grants, expected.grants, "grants after run {run} in {cloud}:\n{script}");
        assert_eq!(
            after.assignments, expected.assignments,
            "role assignments after run {run} in {cloud}"
        );
        assert_eq!(
            after.registration, expected.registration,
            "registration after run {run} in {cloud}"
        );
        assert_eq!(after, expected, "run {run} in {cloud}");
        assert_eq!(fake.tenant(CONSULTANT), consultant, "the consultant's tenant is untouched");
        for call in &calls {
            for forbidden in ["ad app permission grant", "ad app permission admin-consent", "login"]
            {
                assert!(!call.starts_with(forbidden), "never `az {forbidden}`: {call}");
            }
            let changes = ["--method POST", "--method PATCH", "--method DELETE"]
                .iter()
                .any(|m| call.contains(m))
                || call.starts_with("ad app permission add")
                || call.starts_with("ad sp create");
            assert!(run == 1 || !changes, "the second run changes nothing: {call}");
        }
    }
}

#[test]
fn az_delegated_merges_into_the_tenant_wide_grant_and_leaves_a_users_own_grant() {
    let catalog = Catalog::builtin();
    use PermissionType::Delegated as D;
    let basket = rows(
        &catalog,
        &[("Chat.Read", D), ("offline_access", D), ("Mail.Read", D), ("IMAP.AccessAsUser.All", D)],
    );
    assert_az_adds_exactly_the_basket("delegated", Cloud::Global, true, &basket);
}

#[test]
fn az_application_assigns_each_role_once_and_consents_nothing_else() {
    let catalog = Catalog::builtin();
    use PermissionType::{Application as A, Delegated as D};
    let basket = rows(
        &catalog,
        &[
            ("Chat.Read.All", A),
            ("Sites.Read.All", A),
            ("User.Export.All", A),
            ("User.Export.All", D),
            ("IMAP.AccessAsApp", A),
        ],
    );
    // The built-in catalog's Exchange Online role, assigned on Exchange's service principal.
    assert_eq!(basket[4].resource, Resource::ExchangeOnline);
    assert_az_adds_exactly_the_basket("application", Cloud::Global, true, &basket);
}

#[test]
fn az_mixed_baskets_in_every_cloud_and_without_a_service_principal() {
    let catalog = Catalog::builtin();
    use PermissionType::{Application as A, Delegated as D};
    let basket = rows(
        &catalog,
        &[("Chat.Read", D), ("offline_access", D), ("Chat.Read.All", A), ("Group.Read.All", A)],
    );
    for (cloud, with_sp) in
        [(Cloud::Global, false), (Cloud::UsGov, true), (Cloud::Dod, false), (Cloud::China, true)]
    {
        assert_az_adds_exactly_the_basket(&format!("mixed-{cloud}"), cloud, with_sp, &basket);
    }
}

#[test]
fn az_stops_before_any_change_in_the_wrong_tenant() {
    let catalog = Catalog::builtin();
    let basket = rows(
        &catalog,
        &[("Chat.Read", PermissionType::Delegated), ("Chat.Read.All", PermissionType::Application)],
    );
    for (wanted, signed_in) in
        [(CUSTOMER_DOMAIN, CONSULTANT), (CUSTOMER, CONSULTANT), ("organizations", CUSTOMER)]
    {
        let Some(fake) = FakeTenant::new("wrong-tenant", Cloud::Global, signed_in, true) else {
            return;
        };
        let before = fake.state()["tenants"].clone();
        let out = fake.run(&az_script(&basket, Cloud::Global, wanted));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{wanted} signed in to {signed_in}: {stderr}");
        assert_eq!(fake.state()["tenants"], before, "nothing changed in any tenant");
        assert_eq!(stderr.lines().filter(|l| l.starts_with("error:")).count(), 1, "{stderr}");
        if wanted == "organizations" {
            assert!(
                stderr.contains(&format!("error: no terminal to confirm tenant {signed_in}")),
                "{stderr}"
            );
            assert!(stderr.contains("--tenant"), "{stderr}");
        } else {
            assert!(
                stderr.contains(wanted) && stderr.contains(signed_in),
                "names both tenants: {stderr}"
            );
        }
    }
}

/// The simulated tenant answers as azure-cli and Graph do where a script
/// could go wrong: conflicts, mismatched ids, tokens, unknown input.
#[test]
fn the_fake_az_refuses_what_azure_cli_and_graph_refuse() {
    let Some(fake) = FakeTenant::new("fake-az", Cloud::Dod, CUSTOMER, true) else { return };
    let tenant = fake.tenant(CUSTOMER);
    let sp_of = |app_id: &str| -> String {
        let sps = tenant["servicePrincipals"].as_array().unwrap();
        sps.iter().find(|s| s["appId"] == app_id).unwrap()["id"].as_str().unwrap().to_string()
    };
    let (app_sp, graph_sp) = (sp_of(APP_ID), sp_of("00000003-0000-0000-c000-000000000000"));
    let role =
        Catalog::builtin().find("Chat.Read.All", PermissionType::Application).unwrap().id.clone();
    let graph = "https://dod-graph.microsoft.us";
    let dod = ["--resource", graph];
    let code = |args: &[&str]| {
        let out = fake.az(args);
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    fake.set_az_cloud("AzureUSGovernment");
    let grants = format!("{graph}/v1.0/oauth2PermissionGrants");
    let (status, stderr) = code(&[
        "rest",
        "--method",
        "GET",
        "--uri",
        &format!("{grants}?$filter=clientId eq '{app_sp}'"),
    ]);
    assert_eq!(status, Some(1), "no token for a URL outside az's endpoints: {stderr}");
    assert!(stderr.contains("Can't derive appropriate Azure AD resource from --url"), "{stderr}");
    assert!(stderr.contains("Unauthorized"), "{stderr}");
    let duplicate = format!(
        r#"{{"clientId":"{app_sp}","consentType":"AllPrincipals","resourceId":"{graph_sp}","scope":"Chat.Read"}}"#
    );
    let (status, stderr) = code(
        &[&["rest", "--method", "POST", "--uri", &grants, "--body", &duplicate][..], &dod].concat(),
    );
    assert_eq!(status, Some(1), "{stderr}");
    assert!(
        stderr.contains("Conflict") && stderr.contains("409"),
        "a second AllPrincipals grant: {stderr}"
    );
    let assigned_to = format!("{graph}/v1.0/servicePrincipals/{graph_sp}/appRoleAssignedTo");
    let body = |resource: &str| {
        format!(r#"{{"principalId":"{app_sp}","resourceId":"{resource}","appRoleId":"{role}"}}"#)
    };
    let (status, stderr) = code(
        &[&["rest", "--method", "POST", "--uri", &assigned_to, "--body", &body(&app_sp)][..], &dod]
            .concat(),
    );
    assert_eq!(status, Some(1), "{stderr}");
    assert!(
        stderr.contains("400") && stderr.contains("does not match the id in the URL"),
        "{stderr}"
    );
    let (status, stderr) = code(
        &[
            &["rest", "--method", "POST", "--uri", &assigned_to, "--body", &body(&graph_sp)][..],
            &dod,
        ]
        .concat(),
    );
    assert_eq!(status, Some(0), "{stderr}");
    let (status, stderr) = code(
        &[
            &["rest", "--method", "POST", "--uri", &assigned_to, "--body", &body(&graph_sp)][..],
            &dod,
        ]
        .concat(),
    );
    assert_eq!(status, Some(1), "{stderr}");
    assert!(
        stderr.contains("400") && stderr.contains("already exists"),
        "a second assignment: {stderr}"
    );
    for args in [
        &["ad", "app", "permission", "list", "--id", APP_ID, "--all"][..],
        &["ad", "app", "permission", "delete", "--id", APP_ID, "--api", "x"],
        &["rest", "--method", "DELETE", "--uri", &format!("{grants}/g-user"), "--resource", graph],
        &["account", "show", "--query", "tenantId[", "-o", "tsv"],
    ] {
        let (status, stderr) = code(args);
        assert_eq!(status, Some(2), "{args:?} is not implemented: {stderr}");
    }
    let (status, stderr) = code(&["ad", "app", "permission", "admin-consent", "--id", APP_ID]);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stderr.contains("not yet supported on sovereign clouds"), "{stderr}");
    let out = fake.az(&["account", "show", "--query", "[tenantId, user.type]", "-o", "tsv"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), format!("{CUSTOMER}\nuser\n"), "knack's tsv");
}

/// The consent URL: one per resource, a stderr line for each row no URL
/// can carry, exit 1 when any was left out; warnings for plain http and common.
#[test]
fn consent_urls_never_drop_a_row_in_silence() {
    let tmp = TempDir::new("consent-urls");
    let url = |extra: &[&str], names: &[&str]| {
        let out = scopepick(&tmp)
            .args(["export", "-f", "consent-url", "--app-id", APP_ID, "--state", "s"])
            .args(extra)
            .args(names)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        (out.status.code(), stdout, String::from_utf8(out.stderr).unwrap())
    };
    let redirect = ["--redirect-uri", REDIRECT];
    let (code, stdout, stderr) =
        url(&redirect, &["IMAP.AccessAsUser.All", "Mail.Read", "offline_access"]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "Graph and Exchange Online: {stdout}");
    assert!(
        lines[0].contains("&scope=https%3A%2F%2Fgraph.microsoft.com%2FMail.Read%20offline_access&")
    );
    assert!(lines[1].contains("&scope=https%3A%2F%2Foutlook.office.com%2FIMAP.AccessAsUser.All&"));

    let (code, stdout, stderr) = url(&redirect, &["Mail.Read", "Chat.Read.All"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stdout.lines().count(), 1);
    assert_eq!(
        stderr,
        "left out: Chat.Read.All (Application): a Delegated consent URL asks for Delegated permissions only: export again with --mode application\n"
    );
    let (code, _, stderr) = url(
        &[&redirect[..], &["--cloud", "usgov"]].concat(),
        &["Mail.Read", "IMAP.AccessAsUser.All"],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("left out: IMAP.AccessAsUser.All (Delegated): Office 365 Exchange Online has no known host in the usgov cloud"), "{stderr}");

    let (code, _, stderr) =
        url(&["--redirect-uri", "http://intrexx.contoso.com/oauth"], &["Mail.Read"]);
    assert_eq!(code, Some(0));
    assert!(
        stderr.starts_with(
            "warning: the redirect URI http://intrexx.contoso.com/oauth is plain http"
        ),
        "{stderr}"
    );
    let (_, _, stderr) = url(&["--redirect-uri", "http://localhost:8080/oauth"], &["Mail.Read"]);
    assert_eq!(stderr, "");
}

/// Without --tenant, scopepick says on stderr that the script acts in the
/// signed-in tenant; the az script then asks, and stops without a terminal.
#[test]
fn scripts_without_a_tenant_warn_and_ask() {
    let tmp = TempDir::new("no-tenant");
    for format in ["az", "powershell"] {
        scopepick(&tmp)
            .args(["export", "-f", format, "--app-id", APP_ID, "Chat.Read"])
            .assert()
            .success()
            .stderr(predicate::str::contains(
                "warning: no --tenant: the script acts in the tenant the admin is signed in to",
            ));
    }
}

/// Without --tenant the az script asks on the terminal: anything but yes
/// stops it before any change (exit 3); yes goes on in the signed-in tenant.
#[test]
fn az_without_a_tenant_asks_on_the_terminal_first() {
    let catalog = Catalog::builtin();
    let basket = rows(&catalog, &[("Chat.Read", PermissionType::Delegated)]);
    let script = az_script(&basket, Cloud::Global, "organizations");
    for (answer, code) in [("", 3), ("n", 3), ("yes", 0)] {
        let Some(fake) = FakeTenant::new("ask", Cloud::Global, CUSTOMER, true) else { return };
        let before = view(&fake.tenant(CUSTOMER));
        let command = format!("{}; echo \"exit=$?\"; exec sleep 600", fake.command_line(&script));
        let Some(tmux) = support::Tmux::start("ask", &command, 120, 20) else { return };
        tmux.wait_for(&format!("Continue in tenant {CUSTOMER}? [y/N]"));
        tmux.type_text(answer);
        tmux.keys(&["Enter"]);
        let screen = tmux.wait_for("exit=");
        assert!(screen.contains(&format!("exit={code}")), "{answer:?}: {screen}");
        let after = view(&fake.tenant(CUSTOMER));
        if code == 3 {
            assert!(
                screen
                    .contains(&format!("error: stopped in tenant {CUSTOMER}: nothing was changed"))
            );
            assert_eq!(after, before, "{answer:?} changes nothing");
        } else {
            assert_eq!(after, tenant::expected(&before, &basket));
        }
    }
}
