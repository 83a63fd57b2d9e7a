//! `scopepick selection list|show|save|delete`.

use super::EXIT_OK;
use super::args::SelectionCommand;
use super::build::diagnostic_line;
use super::pick::{mode_and_style, picked};
use super::table::columns;
use crate::catalog::Catalog;
use crate::config::SelectionStore;
use crate::saved::{Selection, resolve, saved_permissions};
use crate::scope::build;

pub(super) fn run(catalog: &Catalog, command: &SelectionCommand) -> anyhow::Result<u8> {
    let store = SelectionStore::default_location()?;
    match command {
        SelectionCommand::List => list(&store),
        SelectionCommand::Show { name } => show(catalog, &store.load(name)?),
        SelectionCommand::Save { name, mode, style, pick } => {
            let (mode, style) = mode_and_style(*mode, *style, None);
            let rows = picked(catalog, pick, None, mode)?;
            let replaced = store.exists(name);
            let selection = Selection {
                name: name.clone(),
                mode,
                style,
                permissions: saved_permissions(&rows),
            };
            let path = store.save(&selection)?;
            let verb = if replaced { "Replaced" } else { "Saved" };
            say_out!(
                "{verb} selection '{name}' ({} permissions) in {}",
                rows.len(),
                path.display()
            );
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
            ],
            Err(e) => vec![l.name.clone(), "damaged".into(), "-".into(), e.to_string()],
        })
        .collect();
    let table = columns(&["NAME", "MODE", "STYLE", "PERMISSIONS"], &rows);
    say_out!("{}", table.trim_end_matches('\n'));
    Ok(EXIT_OK)
}

fn show(catalog: &Catalog, selection: &Selection) -> anyhow::Result<u8> {
    say_out!("{} · {} · {}", selection.name, selection.mode, selection.style);
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
    for missing in &resolved.missing {
        say_err!("warning: {} ({}) is not in the catalog in use", missing.name, missing.kind);
    }
    let out = build(&rows, selection.mode, selection.style, crate::catalog::Cloud::Global);
    say_out!("\n{}", out.scope);
    for diagnostic in &out.diagnostics {
        say_err!("{}", diagnostic_line(diagnostic));
    }
    Ok(EXIT_OK)
}
