//! Shell completion through clap's dynamic completion: the shell asks the
//! binary itself (`SCOPEPICK_COMPLETE=bash scopepick -- scopepick build Mail.Se`), so
//! permission names come from the catalog in use (the imported one, else the
//! built-in one) and selection names from the saved selections, as they are
//! at the moment of the Tab.
//!
//! `scopepick completions SHELL` prints the script that registers this with
//! the shell; re-create it after upgrading scopepick.

use super::source;
use crate::config::SelectionStore;
use clap_complete::Shell;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};
use std::ffi::OsStr;

/// The environment variable that turns a run into a completion request (its
/// own name, so that a `COMPLETE` set for another tool changes nothing).
pub const COMPLETE_VAR: &str = "SCOPEPICK_COMPLETE";

/// The word being completed as typed, quotes included (set by the bash script).
const RAW_WORD_VAR: &str = "SCOPEPICK_COMPLETE_WORD";

/// Whether the completion request comes from bash, which inserts candidates unquoted.
static FOR_BASH: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Answers a completion request and exits, when [`COMPLETE_VAR`] names a shell;
/// otherwise returns at once.
pub fn answer_if_asked() {
    // clap removes the variable before it asks the completers: keep whether it is bash.
    let bash = std::env::var(COMPLETE_VAR).is_ok_and(|shell| shell == "bash");
    let _ = FOR_BASH.set(bash);
    clap_complete::CompleteEnv::with_factory(<super::Cli as clap::CommandFactory>::command)
        .var(COMPLETE_VAR)
        .complete();
}

/// The registration script for `shell`: it calls this binary (by its
/// absolute path when known) to complete each word.
pub fn registration(shell: Shell) -> anyhow::Result<String> {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Elvish => &Elvish,
        Shell::Fish => &Fish,
        Shell::PowerShell => &Powershell,
        Shell::Zsh => &Zsh,
        other => {
            anyhow::bail!("no completion for {other}: use bash, elvish, fish, powershell or zsh")
        }
    };
    let binary = std::env::current_exe()
        .ok()
        .and_then(|path| path.to_str().map(str::to_string))
        .unwrap_or_else(|| "scopepick".to_string());
    let mut script = Vec::new();
    if shell != Shell::Bash {
        completer.write_registration(
            COMPLETE_VAR,
            "scopepick",
            "scopepick",
            &binary,
            &mut script,
        )?;
        return Ok(String::from_utf8_lossy(&script).into_owned());
    }
    // clap's bash script puts the path, already quoted for the shell, inside
    // double quotes, so a path with a space or a quote is quoted twice and
    // every Tab fails. A plain stand-in is left alone; it is then replaced,
    // quotes included, by the path quoted once.
    const STAND_IN: &str = "SCOPEPICK_BINARY_PATH";
    completer.write_registration(COMPLETE_VAR, "scopepick", "scopepick", STAND_IN, &mut script)?;
    let script = String::from_utf8_lossy(&script);
    // Bash 4+ hands over the word without its quotes; the raw word says
    // whether the user opened one (then bash closes it, and a name goes in as it is).
    let asked = format!("{COMPLETE_VAR}=\"bash\" \\\n");
    let raw_word = format!("{asked}        {RAW_WORD_VAR}=\"${{COMP_WORDS[COMP_CWORD]}}\" \\\n");
    Ok(script
        .replace(&format!("\"{STAND_IN}\""), &single_quoted(&binary))
        .replace(&asked, &raw_word))
}

/// `text` as one word for a POSIX shell: in single quotes, each `'` written `'\''`.
fn single_quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Whether `candidate` starts with what was typed, ignoring ASCII case.
fn starts_with(candidate: &str, typed: &str) -> bool {
    candidate.get(..typed.len()).is_some_and(|head| head.eq_ignore_ascii_case(typed))
}

/// Permission names of the catalog in use that start with `current`
/// (ignoring case), each once, with the types it exists in as help.
pub fn permission_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else { return Vec::new() };
    let catalog = source::load(None)
        .map(|l| l.catalog)
        .unwrap_or_else(|_| crate::catalog::Catalog::builtin());
    let mut found: Vec<(&str, Vec<&str>)> = Vec::new();
    let openid =
        crate::catalog::OPENID_SCOPES.iter().filter_map(|n| crate::catalog::openid_permission(n));
    for p in catalog.permissions.iter().chain(openid) {
        if !starts_with(&p.name, typed) {
            continue;
        }
        match found.iter_mut().find(|(name, _)| *name == p.name) {
            Some((_, kinds)) if !kinds.contains(&p.kind.label()) => kinds.push(p.kind.label()),
            Some(_) => {}
            None => found.push((&p.name, vec![p.kind.label()])),
        }
    }
    found
        .into_iter()
        .map(|(name, kinds)| CompletionCandidate::new(name).help(Some(kinds.join(", ").into())))
        .collect()
}

/// `--catalog`: `builtin` and the files (and directories) under what was typed.
pub fn catalog_sources(current: &OsStr) -> Vec<CompletionCandidate> {
    use clap_complete::engine::{PathCompleter, ValueCompleter};
    let keyword = super::args::CatalogArg::BUILTIN;
    let typed = current.to_str().unwrap_or_default();
    let builtin = starts_with(keyword, typed)
        .then(|| CompletionCandidate::new(keyword).help(Some("the built-in catalog".into())));
    builtin.into_iter().chain(PathCompleter::any().complete(current)).collect()
}

/// Saved selection names that start with `current`, ignoring case. Bash
/// inserts a candidate as it is, so for bash each is written as one shell
/// word (`Mueller\ GmbH`, or in the quotes the word was started with).
pub fn selection_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else { return Vec::new() };
    let Ok(store) = SelectionStore::default_location() else { return Vec::new() };
    let bash = FOR_BASH.get().copied().unwrap_or(false);
    let (quote, typed) = if bash { bash_word(typed) } else { (None, typed.to_string()) };
    let raw = std::env::var(RAW_WORD_VAR).unwrap_or_default();
    let quoted = quote.is_some() || raw.starts_with(['\'', '"']);
    store
        .list()
        .into_iter()
        .filter(|listed| starts_with(&listed.name, &typed))
        .map(|listed| match (bash, quote) {
            (true, Some(quote)) => {
                CompletionCandidate::new(format!("{quote}{}{quote}", listed.name))
            }
            (true, None) if !quoted => CompletionCandidate::new(backslashed(&listed.name)),
            _ => CompletionCandidate::new(listed.name),
        })
        .collect()
}

/// A word as bash passes it while it is typed: the quote it opens with, if
/// any, and the text it stands for (quote removed, backslashes undone).
fn bash_word(raw: &str) -> (Option<char>, String) {
    match raw.chars().next() {
        Some(quote @ ('\'' | '"')) => (Some(quote), raw[1..].trim_end_matches(quote).to_string()),
        _ => {
            let mut text = String::new();
            let mut chars = raw.chars();
            while let Some(c) = chars.next() {
                text.push(if c == '\\' { chars.next().unwrap_or(c) } else { c });
            }
            (None, text)
        }
    }
}

/// `name` as one bash word: each character but letters, digits, `.`, `_`
/// and `-` after a backslash (selection names hold no quotes or control characters).
fn backslashed(name: &str) -> String {
    name.chars()
        .flat_map(|c| match c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
            true => vec![c],
            false => vec!['\\', c],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_words_are_read_and_written_as_bash_does() {
        assert_eq!(bash_word("Mue"), (None, "Mue".into()));
        assert_eq!(bash_word("Mueller\\ G"), (None, "Mueller G".into()));
        assert_eq!(bash_word("'Mueller G"), (Some('\''), "Mueller G".into()));
        assert_eq!(bash_word("\"Müller"), (Some('"'), "Müller".into()));
        assert_eq!(backslashed("Müller GmbH"), "Müller\\ GmbH");
        assert_eq!(backslashed("acme-teams_2.0"), "acme-teams_2.0");
    }
}
