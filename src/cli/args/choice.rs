//! The one bridge from the domain's [`Choice`] enums to clap: each becomes a
//! [`clap::ValueEnum`] whose values are its keys, so every choice argument
//! is declared the same way, `#[arg(value_enum, ignore_case = true)]`, as
//! the CLI's own enums (which derive `ValueEnum`). Help texts, errors ("did
//! you mean") and completions come from clap.
//!
//! A macro rather than a blanket impl: the orphan rule forbids implementing
//! clap's trait for every `T: Choice`, but allows it for each of our types.
//! The menus' enums (presets, export formats) also give each value its
//! menu line, which `--help` and the shells' completions show beside it.

use crate::catalog::{Cloud, IntrexxRole, PermissionType};
use crate::choice::Choice;
use crate::clipboard::ClipboardChoice;
use crate::export::Format;
use crate::presets::Preset;
use crate::scope::ScopeForm;
use clap::ValueEnum;
use clap::builder::PossibleValue;

macro_rules! value_enum_from_choice {
    ($($kind:ty $(=> $help:ident)?),+ $(,)?) => {$(
        impl ValueEnum for $kind {
            fn value_variants<'a>() -> &'a [Self] {
                <$kind as Choice>::ALL
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                let value = PossibleValue::new(Choice::key(*self));
                $(let value = value.help(self.$help());)?
                Some(value)
            }
        }
    )+};
}

value_enum_from_choice!(
    PermissionType,
    Cloud,
    ScopeForm,
    Preset => describe,
    Format => describe,
    IntrexxRole,
    ClipboardChoice,
);

#[cfg(test)]
mod tests {
    use crate::catalog::{Cloud, PermissionType};
    use crate::cli::{Cli, Command};
    use crate::presets::Preset;
    use crate::scope::ScopeForm;
    use clap::{CommandFactory, Parser};

    /// Every argument of `command` and its subcommands, with its command path.
    fn all_args(command: &clap::Command, path: &str, out: &mut Vec<(String, clap::Arg)>) {
        for arg in command.get_arguments() {
            out.push((path.to_string(), arg.clone()));
        }
        for sub in command.get_subcommands() {
            all_args(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_argument_with_listed_values_ignores_case() {
        let mut args = Vec::new();
        all_args(&Cli::command(), "scopepick", &mut args);
        let choices: Vec<_> = args
            .iter()
            .filter(|(_, arg)| arg.get_action().takes_values())
            .filter(|(_, arg)| !arg.get_possible_values().is_empty())
            .collect();
        assert!(choices.len() > 20, "{} choice arguments", choices.len());
        let case_sensitive: Vec<String> = choices
            .iter()
            .filter(|(_, arg)| !arg.is_ignore_case_set())
            .map(|(path, arg)| format!("{path} --{}", arg.get_id()))
            .collect();
        assert!(case_sensitive.is_empty(), "add ignore_case = true: {case_sensitive:?}");
    }

    #[test]
    fn the_casing_the_picker_shows_is_accepted() {
        let cli = Cli::try_parse_from(["scopepick", "--mode", "Application", "--style", "Default"])
            .unwrap();
        assert_eq!(cli.tui.mode, Some(PermissionType::Application));
        assert_eq!(cli.tui.style, Some(ScopeForm::Default));
        let cli = Cli::try_parse_from([
            "scopepick",
            "build",
            "--cloud",
            "UsGov",
            "--preset",
            "INTREXX-FULL",
            "--mode",
            "DELEGATED",
        ])
        .unwrap();
        let Some(Command::Build(build)) = cli.command else { panic!("build") };
        assert_eq!(build.cloud, Cloud::UsGov);
        assert_eq!(build.pick.preset, Some(Preset::IntrexxFull));
        assert_eq!(build.mode, Some(PermissionType::Delegated));
    }

    #[test]
    fn an_unknown_value_lists_the_keys() {
        let err = Cli::try_parse_from(["scopepick", "--mode", "app"]).unwrap_err().to_string();
        assert!(err.contains("invalid value 'app'"), "{err}");
        assert!(err.contains("[possible values: delegated, application]"), "{err}");
    }
}
