//! `scopepick selection list|show|save|delete`.

use super::EXIT_OK;
use super::args::SelectionCommand;
use super::build::diagnostic_line;
use super::pick::{mode_and_style, picked};
use super::table::columns;
use crate::catalog::{Catalog, not_in_catalog};
use crate::choice::Choice;
use crate::config::{ConfigError, Replace, SelectionStore};
use crate::export::check_profile;
use crate::json_file::FileError;
use crate::saved::{Profile, Selection, resolve, saved_permissions};
use crate::scope::{Diagnostic, build};
use crate::text::plural;
use anyhow::bail;

pub(super) fn run(catalog: &Catalog, command: &SelectionCommand) -> anyhow::Result<u8> {
    let store = SelectionStore::default_location()?;
    match command {
        SelectionCommand::List => list(&store),
        SelectionCommand::Show { name } => show(catalog, &store.load(name)?),
        SelectionCommand::Save { name, mode, style, profile, force, pick } => {
            check_profile(&profile.profile())?;
            let (mode, style) = mode_and_style(*mode, *style, None);
            let rows = picked(catalog, pick, None, mode)?;
            let selection = Selection {
                name: name.clone(),
                mode,
                style,
                permissions: saved_permissions(&rows),
                profile: profile.profile(),
            };
            let replace = if *force { Replace::Yes } else { Replace::No };
            let saved = store.save(&selection, replace)?;
            let verb = if saved.replaced { "Replaced" } else { "Saved" };
            say_out!(
                "{verb} selection '{name}' ({}) in {}",
                crate::text::counted(rows.len(), "permission"),
                saved.path.display()
            );
            if !saved.kept.is_empty() {
                say_out!(
                    "Kept its {} (give new ones with `scopepick selection set`).",
                    crate::saved::kept_fields(&saved.kept)
                );
            }
            Ok(EXIT_OK)
        }
        SelectionCommand::Set { name, profile } => {
            let change = profile.profile();
            check_profile(&change)?;
            if change == Profile::default() {
                bail!("nothing to set: give --tenant, --app-id, --redirect-uri or --cloud");
            }
            let (selection, path) =
                store.update(name, |s| s.profile = s.profile.updated_with(&change))?;
            say_out!("Updated selection '{}' in {}", selection.name, path.display());
            Ok(EXIT_OK)
        }
        SelectionCommand::Delete { name } => {
            store.delete(name)?;
            say_out!("Deleted selection '{name}'");
            Ok(EXIT_OK)
        }
    }
}

fn list(store: &SelectionStore) -> anyhow::Result<u8> {
    let listed = store.list();
    if listed.is_empty() {
        say_out!(
            "No saved selections yet: save one with `scopepick selection save NAME ...` or Alt-S in the picker."
        );
        return Ok(EXIT_OK);
    }
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|l| match &l.selection {
            Ok(s) => vec![
                l.name.clone(),
                s.mode.label().to_string(),
                s.style.key().to_string(),
                s.permissions.len().to_string(),
                s.profile.tenant.clone().unwrap_or_else(|| "-".into()),
                s.profile.app_id.clone().unwrap_or_else(|| "-".into()),
            ],
            Err(e) => vec![
                l.name.clone(),
                // A file that cannot be read (permissions, a FIFO) is not damaged.
                match e {
                    ConfigError::File(FileError::Damaged { .. }) => "damaged",
                    _ => "unreadable",
                }
                .into(),
                "-".into(),
                "-".into(),
                "-".into(),
                e.to_string(),
            ],
        })
        .collect();
    let header = ["NAME", "MODE", "STYLE", "PERMISSIONS", "TENANT", "APP ID"];
    say_out!("{}", columns(&header, &rows).trim_end_matches('\n'));
    Ok(EXIT_OK)
}

fn show(catalog: &Catalog, selection: &Selection) -> anyhow::Result<u8> {
    say_out!("{} · {} · {}", selection.name, selection.mode, selection.style);
    let profile = &selection.profile;
    let fields = [
        ("tenant", profile.tenant.clone()),
        ("app id", profile.app_id.clone()),
        ("redirect uri", profile.redirect_uri.clone()),
        ("cloud", profile.cloud.map(|c| c.key().to_string())),
    ];
    for (label, value) in fields {
        if let Some(value) = value {
            say_out!("{label}: {value}");
        }
    }
    let resolved = resolve(catalog, &selection.permissions);
    let rows: Vec<_> = resolved.rows.iter().map(|&i| &catalog.permissions[i]).collect();
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|p| {
            let consent = if p.admin_consent { "yes" } else { "no" };
            vec![p.name.clone(), p.kind.label().to_string(), consent.to_string()]
        })
        .collect();
    say_out!("{}", columns(&["NAME", "TYPE", "ADMIN"], &table).trim_end_matches('\n'));
    if !resolved.missing.is_empty() {
        say_err!("warning: {}", not_in_catalog(&resolved.missing));
    }
    let cloud = profile.cloud.unwrap_or_default();
    let out = build(&rows, selection.mode, selection.style, cloud);
    say_out!("\n{}", out.scope);
    // A selection for one registration holds both types (the Intrexx case):
    // the rows of the other type are said once, not once each.
    let left_out: Vec<&str> = out
        .diagnostics
        .iter()
        .filter_map(|d| match d {
            Diagnostic::LeftOut { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    if !left_out.is_empty() {
        let other = selection.mode.other();
        say_err!(
            "note: {} {other} {} left out of the {} string: {}",
            left_out.len(),
            plural(left_out.len(), "permission is", "permissions are"),
            selection.mode,
            left_out.join(", ")
        );
    }
    for diagnostic in out.diagnostics.iter().filter(|d| !matches!(d, Diagnostic::LeftOut { .. })) {
        say_err!("{}", diagnostic_line(diagnostic));
    }
    Ok(EXIT_OK)
}
