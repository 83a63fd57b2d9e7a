//! Shell completion: permission names for `build`, `show`, `check` (and the
//! other commands that take names) from the catalog in use, selection names
//! for `--selection`; through clap's completion protocol and in a real bash.

use crate::support;

use assert_cmd::Command;
use support::{TempDir, Tmux};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn scopepick(dir: &TempDir) -> Command {
    let mut command = Command::cargo_bin("scopepick").expect("binary is built");
    command.env("SCOPEPICK_DATA_DIR", dir.0.join("data"));
    command.env("SCOPEPICK_CONFIG_DIR", dir.0.join("config"));
    command
}

/// What the completion protocol offers for the command line `words` (the
/// last one being completed): fish's form, one `value<TAB>help` per line.
fn offered(dir: &TempDir, words: &[&str]) -> Vec<String> {
    let out = scopepick(dir)
        .env("SCOPEPICK_COMPLETE", "fish")
        .arg("--")
        .arg("scopepick")
        .args(words)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap().lines().map(str::to_string).collect()
}

#[test]
fn permission_names_complete_ignoring_case_with_their_types() {
    let dir = TempDir::new("complete-names");
    let expected = ["Mail.Send\tDelegated, Application", "Mail.Send.Shared\tDelegated"];
    for words in [
        &["build", "mail.se"][..],
        &["build", "--mode", "delegated", "Chat.Read", "Mail.Se"],
        &["show", "MAIL.SE"],
        &["check", "Mail.Se"],
        &["export", "--format", "az", "Mail.Se"],
        &["audit", "--preset", "intrexx", "Mail.Se"],
    ] {
        assert_eq!(offered(&dir, words), expected, "{words:?}");
    }
    assert_eq!(offered(&dir, &["build", "offline_"]), ["offline_access\tDelegated"]);
    // Subcommands, options and their values complete as clap knows them.
    assert!(offered(&dir, &["aud"])[0].starts_with("audit\t"), "{:?}", offered(&dir, &["aud"]));
    assert!(offered(&dir, &["build", "--mo"])[0].starts_with("--mode\t"));
    assert_eq!(offered(&dir, &["build", "--mode", "app"]), ["application"]);
    let fixtures = format!("{ROOT}/tests/fixtures/graph/graph-s");
    assert_eq!(offered(&dir, &["list", "--catalog", "bu"]), ["builtin\tthe built-in catalog"]);
    assert_eq!(offered(&dir, &["list", "--catalog", &fixtures]), [format!("{fixtures}p.json")]);
    let listed = scopepick(&dir).args(["list", "--format", "tsv"]).output().unwrap().stdout;
    let mut names: Vec<String> = String::from_utf8(listed)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| line.split('\t').next().unwrap().to_string())
        .collect();
    names.sort();
    names.dedup();
    let mut all: Vec<String> = offered(&dir, &["show", ""])
        .into_iter()
        .map(|line| line.split('\t').next().unwrap().to_string())
        .filter(|word| !word.starts_with("--"))
        .collect();
    all.sort();
    assert_eq!(all, names, "every name of the built-in catalog, once");
}

#[test]
fn names_come_from_the_catalog_in_use() {
    let dir = TempDir::new("complete-catalog");
    assert!(!offered(&dir, &["show", "Mail.Se"]).is_empty());
    let export = format!("{ROOT}/tests/fixtures/graph/graph-sp.json");
    scopepick(&dir).args(["catalog", "import", "--replace", &export]).assert().success();
    assert!(offered(&dir, &["show", "Mail.Se"]).is_empty(), "the import has no Mail rows");
    assert_eq!(
        offered(&dir, &["show", "chat.r"]),
        ["Chat.Read\tDelegated", "Chat.Read.All\tApplication"]
    );
}

#[test]
fn selection_names_complete_for_selection_options_and_commands() {
    let dir = TempDir::new("complete-selections");
    assert!(offered(&dir, &["build", "--selection", ""]).is_empty());
    for name in ["acme", "Acme-Teams", "contoso"] {
        scopepick(&dir).args(["selection", "save", name, "Chat.Read"]).assert().success();
    }
    assert_eq!(offered(&dir, &["build", "--selection", "ac"]), ["acme", "Acme-Teams"]);
    assert_eq!(offered(&dir, &["audit", "--selection", "C"]), ["contoso"]);
    assert_eq!(offered(&dir, &["export", "--selection", ""]).len(), 3);
    assert_eq!(offered(&dir, &["selection", "show", "con"]), ["contoso"]);
    assert_eq!(offered(&dir, &["selection", "delete", "acme-"]), ["Acme-Teams"]);
}

#[test]
fn the_scripts_call_scopepick_back() {
    let dir = TempDir::new("complete-scripts");
    let binary = assert_cmd::cargo::cargo_bin("scopepick").display().to_string();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell", "Bash"] {
        let out = scopepick(&dir).args(["completions", shell]).assert().success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(script.contains("SCOPEPICK_COMPLETE"), "{shell}: {script}");
        assert!(script.contains(&binary), "{shell} calls this binary: {script}");
    }
    scopepick(&dir).args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn bash_completes_a_permission_name_on_tab() {
    let binary = assert_cmd::cargo::cargo_bin("scopepick").display().to_string();
    let Some(tmux) = Tmux::start("complete-bash", "bash --norc --noprofile -i", 100, 20) else {
        return;
    };
    tmux.type_text(&format!("PS1='$ '; source <('{binary}' completions bash); echo $((6*7))\n"));
    tmux.wait_for("\n42\n");
    tmux.type_text("scopepick show Presence.Rea");
    tmux.keys(&["Tab"]);
    tmux.wait_for("scopepick show Presence.Read");
    // Tab again lists the candidates (bash may want the second Tab after a
    // pause, as after a bell; keep pressing until the list shows).
    support::eventually("bash lists the candidates", || {
        tmux.keys(&["Tab"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        let screen = tmux.screen();
        screen.contains("Presence.ReadWrite.All") && screen.contains("Presence.Read.All")
    });
}

#[test]
fn bash_completes_when_the_binarys_path_holds_a_space_and_a_quote() {
    let dir = TempDir::new("complete-odd-path");
    let odd = dir.0.join("consultant's tools");
    std::fs::create_dir_all(&odd).unwrap();
    let binary = odd.join("scopepick");
    let built = assert_cmd::cargo::cargo_bin("scopepick");
    std::fs::hard_link(&built, &binary)
        .or_else(|_| std::fs::copy(&built, &binary).map(drop))
        .unwrap();
    let out = Command::new(&binary).args(["completions", "bash"]).output().unwrap();
    let script = dir.0.join("complete.bash");
    std::fs::write(&script, &out.stdout).unwrap();
    let checked = std::process::Command::new("bash").arg("-n").arg(&script).status().unwrap();
    assert!(checked.success(), "the script parses");
    let Some(tmux) = Tmux::start("complete-odd-path-bash", "bash --norc --noprofile -i", 100, 20)
    else {
        return;
    };
    tmux.type_text(&format!("PS1='$ '; source '{}'; echo $((6*7))\n", script.display()));
    tmux.wait_for("\n42\n");
    tmux.type_text("scopepick show Presence.Rea");
    tmux.keys(&["Tab"]);
    let screen = tmux.wait_for("scopepick show Presence.Read");
    assert!(!screen.contains("No such file"), "{screen}");
}

#[test]
fn a_german_customer_name_is_saved_and_bash_completes_it_as_one_word() {
    let Some(tmux) = Tmux::start("complete-german", "bash --norc --noprofile -i", 100, 20) else {
        return;
    };
    let dir = TempDir(tmux.dir.clone());
    let save = scopepick(&dir).args(["selection", "save", "Müller GmbH", "Chat.Read"]).assert();
    save.success();
    let file = dir.0.join("config/selections/m%C3%BCller gmbh.json");
    assert!(file.is_file(), "one name, one ASCII file name: {}", file.display());
    let shown = scopepick(&dir).args(["selection", "show", "MU\u{308}LLER GMBH"]).assert();
    let shown = String::from_utf8(shown.success().get_output().stdout.clone()).unwrap();
    assert!(shown.contains("Müller GmbH") && shown.contains("Chat.Read"), "{shown}");

    let binary = assert_cmd::cargo::cargo_bin("scopepick");
    let bin_dir = binary.parent().unwrap().display();
    tmux.type_text(&format!(
        "PS1='$ '; PATH='{bin_dir}':$PATH; source <(scopepick completions bash); echo $((6*7))\n"
    ));
    tmux.wait_for("\n42\n");
    tmux.type_text("scopepick selection show Mü");
    tmux.keys(&["Tab"]);
    tmux.wait_for("scopepick selection show Müller\\ GmbH");
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_for("Chat.Read");
    assert!(!screen.contains("unexpected argument"), "one argument: {screen}");
    tmux.type_text("clear; scopepick selection show 'mü");
    tmux.keys(&["Tab"]);
    tmux.wait_for("scopepick selection show 'Müller GmbH'");
}
