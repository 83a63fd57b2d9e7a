//! The scripts checked against their tools: every `az` command against the
//! argument names az defines, the shell text with a real POSIX parser
//! (`sh -n`), and every PowerShell cmdlet against its documented parameters.
//!
//! No PowerShell parser could be installed here (`pwsh` is not in Debian,
//! `apt-cache policy powershell` finds nothing), so the PowerShell script is
//! checked line by line: cmdlets and parameters from Microsoft's cmdlet
//! reference pages (cited in docs/handoff.md), balanced quotes and brackets.

use super::golden::filled;
use super::*;
use std::collections::BTreeSet;

/// az argument names per command, from azure-cli (commit
/// 01ce0346a4b9e0c6e1f1ea1d0e746fb7bb401cb4): `role/_params.py` for `ad`,
/// `util/_params.py` for `rest` (`--method`, `--uri`, `--body`,
/// `--resource`), `profile/_params.py` and `cloud/_params.py`, and the
/// global `--query`/`-o`.
const AZ_ARGUMENTS: [(&str, &[&str]); 7] = [
    ("ad app permission add", &["--id", "--api", "--api-permissions"]),
    ("ad app permission list", &["--id", "--query", "-o"]),
    ("ad sp show", &["--id", "--query", "-o"]),
    ("ad sp create", &["--id", "--query", "-o"]),
    ("account show", &["--query", "-o"]),
    ("cloud set", &["--name"]),
    ("rest", &["--method", "--uri", "--body", "--resource", "--query", "-o"]),
];

/// Every `az ...` invocation in a line (also after `||`, `;;`, `*)` or `$(`).
fn az_calls(line: &str) -> Vec<Vec<String>> {
    let mut calls = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("az ") {
        let before = &rest[..at];
        let starts_call = before.trim_end().is_empty()
            || ["||", ";;", ")", "$("].iter().any(|s| before.trim_end().ends_with(s));
        let tail = &rest[at..];
        let end = tail.find([';', '|', ')']).unwrap_or(tail.len());
        if starts_call {
            calls.push(tail[..end].split_whitespace().map(String::from).collect());
        }
        rest = &tail[3..];
    }
    calls
}

fn check_az(script: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for line in script.lines().filter(|l| !l.trim_start().starts_with('#')) {
        for words in az_calls(line) {
            let command = AZ_ARGUMENTS
                .iter()
                .filter(|(name, _)| {
                    let parts: Vec<&str> = name.split(' ').collect();
                    words[1..]
                        .iter()
                        .take(parts.len())
                        .map(String::as_str)
                        .eq(parts.iter().copied())
                })
                .max_by_key(|(name, _)| name.len())
                .unwrap_or_else(|| panic!("unknown az command: {line}"));
            seen.insert(command.0.to_string());
            for word in words.iter().filter(|w| w.starts_with('-')) {
                assert!(command.1.contains(&word.as_str()), "az {}: no {word}: {line}", command.0);
            }
        }
    }
    seen
}

/// `sh -n`: the shell's own parser reads the script without running it.
fn shell_parses(script: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new("sh")
        .arg("-n")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("sh is part of every POSIX system");
    child.stdin.take().unwrap().write_all(script.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "sh -n: {}\n{script}", String::from_utf8_lossy(&out.stderr));
}

fn baskets(catalog: &Catalog) -> Vec<Vec<&Permission>> {
    let all: Vec<&Permission> = catalog.permissions.iter().collect();
    vec![
        pick(catalog, &[("Chat.Read", D)]),
        pick(catalog, &[("Sites.Read.All", A)]),
        pick(catalog, &[("Chat.Read", D), ("offline_access", D), ("Chat.Read.All", A)]),
        all,
    ]
}

#[test]
fn az_uses_only_arguments_az_defines_and_parses_as_shell() {
    let catalog = Catalog::embedded();
    let imap = custom("IMAP.AccessAsUser.All", D, "x", "652390e4-393a-48de-9484-05f9b1212954");
    let mut seen = BTreeSet::new();
    for mut rows in baskets(&catalog) {
        rows.push(&imap);
        for options in [filled(Cloud::Global), ExportOptions::default()] {
            for mode in [D, A] {
                let script = export(&rows, mode, Format::Az, &options).unwrap().text;
                seen.extend(check_az(&script));
                shell_parses(&script);
            }
        }
    }
    for cloud in [Cloud::UsGov, Cloud::Dod, Cloud::China] {
        let script = export(&baskets(&catalog)[2], D, Format::Az, &filled(cloud)).unwrap().text;
        assert!(script.contains("\naz cloud set --name Azure"), "{script}");
        for never in ["admin-consent", "permission grant", "list-grants"] {
            assert!(!script.contains(never), "az {never} widens access: {script}");
        }
        seen.extend(check_az(&script));
        shell_parses(&script);
    }
    assert_eq!(seen.len(), AZ_ARGUMENTS.len(), "every command is used: {seen:?}");
}

/// Documented parameters of each cmdlet the script calls (Microsoft Graph
/// PowerShell 1.0 reference pages) and the built-in ones it pipes through.
const CMDLETS: [(&str, &[&str]); 19] = [
    ("Connect-MgGraph", &["-Scopes", "-Environment", "-TenantId"]),
    ("Get-MgContext", &[]),
    ("Invoke-MgGraphRequest", &["-Method", "-Uri"]),
    ("Read-Host", &[]),
    ("Get-MgApplication", &["-Filter"]),
    ("Update-MgApplication", &["-ApplicationId", "-RequiredResourceAccess"]),
    ("Get-MgServicePrincipal", &["-Filter"]),
    ("New-MgServicePrincipal", &["-AppId"]),
    ("Get-MgOauth2PermissionGrant", &["-Filter"]),
    ("Update-MgOauth2PermissionGrant", &["-OAuth2PermissionGrantId", "-Scope"]),
    ("New-MgOauth2PermissionGrant", &["-ClientId", "-ConsentType", "-ResourceId", "-Scope"]),
    ("Get-MgServicePrincipalAppRoleAssignment", &["-ServicePrincipalId", "-All"]),
    (
        "New-MgServicePrincipalAppRoleAssignment",
        &["-ServicePrincipalId", "-PrincipalId", "-ResourceId", "-AppRoleId"],
    ),
    ("Where-Object", &[]),
    ("ForEach-Object", &[]),
    ("Sort-Object", &["-Unique"]),
    ("Out-Null", &[]),
    ("Select-Object", &["-First"]),
    ("Grant-Delegated", &[]),
];

/// The PowerShell operators the script uses (not parameters).
const OPERATORS: [&str; 9] =
    ["-eq", "-ne", "-and", "-not", "-split", "-join", "-notmatch", "-notcontains", "-contains"];

fn check_powershell(script: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut depth: i32 = 0;
    for line in script.lines() {
        let code = line.split(" # ").next().unwrap();
        if code.starts_with('#') {
            continue;
        }
        assert_eq!(code.matches('\'').count() % 2, 0, "unbalanced ': {line}");
        assert_eq!(code.matches('"').count() % 2, 0, "unbalanced \": {line}");
        for (open, close) in [('{', '}'), ('(', ')')] {
            depth += code.matches(open).count() as i32 - code.matches(close).count() as i32;
        }
        assert!(depth >= 0, "closes more than it opens: {line}");
        // Strip quoted text: parameter names appear outside strings only.
        let mut bare = String::new();
        let mut quote = None;
        for c in code.chars() {
            match (quote, c) {
                (None, '\'' | '"') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, c) => bare.push(c),
                _ => {}
            }
        }
        let words: Vec<&str> =
            bare.split(|c: char| c.is_whitespace() || "(){};,|".contains(c)).collect();
        let mut current: Option<&(&str, &[&str])> = None;
        for word in words.iter().filter(|w| !w.is_empty()) {
            if let Some(cmdlet) = CMDLETS.iter().find(|(name, _)| name == word) {
                used.insert(cmdlet.0.to_string());
                current = Some(cmdlet);
            } else if word.starts_with('-') && word.len() > 1 && !OPERATORS.contains(word) {
                let (name, parameters) =
                    current.unwrap_or_else(|| panic!("{word} outside a cmdlet: {line}"));
                assert!(parameters.contains(word), "{name} has no {word}: {line}");
            } else if word.contains('-') && word.chars().next().unwrap().is_ascii_uppercase() {
                assert!(word.starts_with("Grant-"), "unknown cmdlet {word}: {line}");
            }
        }
    }
    assert_eq!(depth, 0, "unbalanced brackets:\n{script}");
    used
}

#[test]
fn powershell_uses_documented_cmdlets_and_parameters_only() {
    let catalog = Catalog::embedded();
    let imap = custom("IMAP.AccessAsUser.All", D, "x", "652390e4-393a-48de-9484-05f9b1212954");
    let mut used = BTreeSet::new();
    for mut rows in baskets(&catalog) {
        rows.push(&imap);
        for options in [filled(Cloud::Global), ExportOptions::default()] {
            used.extend(check_powershell(
                &export(&rows, D, Format::Powershell, &options).unwrap().text,
            ));
        }
    }
    for cloud in [Cloud::UsGov, Cloud::Dod, Cloud::China] {
        let text =
            export(&baskets(&catalog)[2], A, Format::Powershell, &filled(cloud)).unwrap().text;
        let environment = ["USGov", "USGovDoD", "China"]
            [Cloud::ALL.iter().position(|c| *c == cloud).unwrap() - 1];
        assert!(text.contains(&format!(" -Environment {environment} ")), "{text}");
        used.extend(check_powershell(&text));
    }
    assert_eq!(used.len(), CMDLETS.len(), "every cmdlet is used: {used:?}");
}

#[test]
fn powershell_checks_before_it_creates() {
    let catalog = Catalog::embedded();
    let text =
        export(&baskets(&catalog)[2], D, Format::Powershell, &filled(Cloud::Global)).unwrap().text;
    let position = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle}:\n{text}"));
    assert!(position("$sp = Get-MgServicePrincipal") < position("New-MgServicePrincipal -AppId"));
    assert!(position("if (-not $sp)") < position("New-MgServicePrincipal -AppId"));
    assert!(position("Get-MgOauth2PermissionGrant") < position("New-MgOauth2PermissionGrant"));
    assert!(position("if ($grant)") < position("Update-MgOauth2PermissionGrant"));
    assert!(
        position("$assigned = @(Get-MgServicePrincipalAppRoleAssignment")
            < position("New-MgServicePrincipalAppRoleAssignment")
    );
    assert!(position("$merged = @($app.RequiredResourceAccess") < position("Update-MgApplication"));
    assert!(text.contains("-ConsentType 'AllPrincipals'"));
    assert!(position("$tenant = (Get-MgContext).TenantId") < position("Update-MgApplication"));
    assert!(position("exit 3") < position("New-MgServicePrincipal -AppId"));
}

/// One GUID can name a Delegated and an Application permission
/// (`User.Export.All`): the merge compares id and type, so both are registered.
#[test]
fn powershell_registration_merge_compares_id_and_type() {
    let catalog = Catalog::builtin();
    let rows = pick(&catalog, &[("User.Export.All", D), ("User.Export.All", A)]);
    assert_eq!(rows[0].id, rows[1].id, "the case this test is about");
    let text = export(&rows, D, Format::Powershell, &filled(Cloud::Global)).unwrap().text;
    assert!(text.contains("Where-Object { $_.Id -eq $a.Id -and $_.Type -eq $a.Type }"), "{text}");
    for kind in ["Scope", "Role"] {
        assert!(text.contains(&format!("@{{ Id = '{}'; Type = '{kind}' }}", rows[0].id)), "{text}");
    }
}

/// The admin signs in only for what the rows need; the comment says who
/// consents to what for Microsoft Graph Command Line Tools.
#[test]
fn powershell_asks_only_for_the_scopes_the_rows_need() {
    let catalog = Catalog::builtin();
    let connect = |rows: &[(&str, PermissionType)]| -> String {
        let text = export(&pick(&catalog, rows), D, Format::Powershell, &filled(Cloud::Global))
            .unwrap()
            .text;
        assert!(text.starts_with(
            "#Requires -Modules Microsoft.Graph.Applications, Microsoft.Graph.Identity.SignIns\n"
        ));
        for needle in [
            "\"Microsoft Graph Command Line Tools\"",
            "14d82eec-204b-4c2f-b7e8-296a70dab67e",
            "Global\n# Administrator or Privileged Role Administrator",
            "Application\n# and Cloud Application Administrators cannot",
        ] {
            assert!(text.contains(needle), "{needle}: {text}");
        }
        text.lines().find(|l| l.starts_with("Connect-MgGraph")).unwrap().to_string()
    };
    assert_eq!(
        connect(&[("Chat.Read", D)]),
        "Connect-MgGraph -Scopes 'Application.ReadWrite.All','DelegatedPermissionGrant.ReadWrite.All' -TenantId 'contoso.onmicrosoft.com'"
    );
    assert_eq!(
        connect(&[("Sites.Read.All", A)]),
        "Connect-MgGraph -Scopes 'Application.ReadWrite.All','AppRoleAssignment.ReadWrite.All' -TenantId 'contoso.onmicrosoft.com'"
    );
    assert!(connect(&[("Chat.Read", D), ("Sites.Read.All", A)]).contains(
        "'Application.ReadWrite.All','DelegatedPermissionGrant.ReadWrite.All','AppRoleAssignment.ReadWrite.All'"
    ));
}

/// Before any change the PowerShell script checks the signed-in tenant: the
/// id, a verified domain, or the admin's answer; exit 3 otherwise.
#[test]
fn powershell_stops_in_the_wrong_tenant() {
    let catalog = Catalog::builtin();
    let rows = pick(&catalog, &[("Chat.Read", D)]);
    let guard = |tenant: &str| -> Vec<String> {
        let options = ExportOptions { tenant: tenant.into(), ..filled(Cloud::Global) };
        let text = export(&rows, D, Format::Powershell, &options).unwrap().text;
        let from = text.lines().position(|l| l.starts_with("$tenant = ")).unwrap();
        let to = text.lines().position(|l| l.starts_with("$appId = ")).unwrap();
        text.lines().skip(from + 1).take(to - from - 1).map(String::from).collect()
    };
    let id = "7d3c2a1b-1111-4a2b-9c3d-4e5f60718293";
    assert_eq!(
        guard(id),
        [format!(
            "if ($tenant -ne '{id}') {{ [Console]::Error.WriteLine(\"error: signed in to tenant ${{tenant}}, not {id}: nothing was changed\"); exit 3 }}"
        )]
    );
    let domain = guard("contoso.onmicrosoft.com");
    assert!(domain[0].contains("Invoke-MgGraphRequest -Method GET -Uri 'v1.0/organization'"));
    assert!(domain[1].starts_with("if ($domains -notcontains 'contoso.onmicrosoft.com') {"));
    assert!(domain[1].ends_with(
        "which has no verified domain contoso.onmicrosoft.com: nothing was changed\"); exit 3 }"
    ));
    let ask = guard("organizations");
    assert!(
        ask[0].starts_with("if ([Console]::IsInputRedirected) {")
            && ask[0].contains("export again with --tenant")
    );
    assert!(ask[1].contains("Read-Host \"Continue in tenant ${tenant}? [y/N]\""));
    assert!(ask.iter().all(|l| l.ends_with("exit 3 }")));
    let out = export(&rows, D, Format::Powershell, &ExportOptions::default()).unwrap();
    assert!(out.notes.contains(&NO_TENANT_WARNING.to_string()), "{:?}", out.notes);
}
