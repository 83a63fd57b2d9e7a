//! `scopepick catalog import|status|reset`.

use super::EXIT_OK;
use super::args::CatalogCommand;
use super::source::{Origin, load, read_input};
use crate::catalog::{Catalog, ImportSource, PermissionType, Store, StoredCatalog, import_exports};
use crate::text::thousands;
use anyhow::Context;
use std::path::Path;

pub(super) fn run(command: &CatalogCommand, catalog_flag: Option<&Path>) -> anyhow::Result<u8> {
    match command {
        CatalogCommand::Import { files } => import(files),
        CatalogCommand::Status => status(catalog_flag),
        CatalogCommand::Reset => reset(),
    }
}

fn summary(catalog: &Catalog) -> String {
    let delegated =
        catalog.permissions.iter().filter(|p| p.kind == PermissionType::Delegated).count();
    let admin = catalog.permissions.iter().filter(|p| p.admin_consent).count();
    format!(
        "{} permissions: {} Delegated, {} Application; {} need admin consent",
        thousands(catalog.len()),
        thousands(delegated),
        thousands(catalog.len() - delegated),
        thousands(admin)
    )
}

fn import(files: &[String]) -> anyhow::Result<u8> {
    let mut sources = Vec::new();
    for name in files {
        let text = read_input(name).with_context(|| format!("cannot read {name}"))?;
        sources.push(ImportSource { name: name.clone(), text });
    }
    let outcome = import_exports(&sources, &Catalog::embedded())?;
    let store = Store::default_location()?;
    let path = store.save(&StoredCatalog::new(outcome.catalog.clone(), files.to_vec()))?;
    say_out!("Imported {} from {}", summary(&outcome.catalog), files.join(", "));
    say_out!("Stored in {}: every command and the picker use it from now on.", path.display());
    if !outcome.missing_embedded.is_empty() {
        let missing: Vec<String> = outcome
            .missing_embedded
            .iter()
            .map(|(name, kind)| format!("{name} ({kind})"))
            .collect();
        let more = missing.len().saturating_sub(5);
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        say_err!(
            "warning: the export lacks {} row(s) of the built-in Intrexx catalog: {}{tail}",
            missing.len(),
            missing[..missing.len().min(5)].join(", ")
        );
    }
    Ok(EXIT_OK)
}

fn status(catalog_flag: Option<&Path>) -> anyhow::Result<u8> {
    let loaded = load(catalog_flag)?;
    say_out!("In use: {}, {}", loaded.origin.label(), summary(&loaded.catalog));
    match &loaded.origin {
        Origin::Embedded => {
            let store = Store::default_location()?;
            say_out!("No imported catalog (it would be stored in {}).", store.path().display());
            say_out!("Import the full Graph catalog with: scopepick catalog import FILE");
        }
        Origin::Stored { path, imported_at, imported_from } => {
            say_out!("File: {path}");
            say_out!("Imported: {imported_at} from {}", imported_from.join(", "));
            say_out!("Back to the built-in catalog with: scopepick catalog reset");
        }
        Origin::File(path) => say_out!("File: {path} (for this run only; nothing is stored)"),
    }
    Ok(EXIT_OK)
}

fn reset() -> anyhow::Result<u8> {
    let store = Store::default_location()?;
    if store.reset()? {
        say_out!(
            "Removed {}: the built-in Intrexx catalog is in use again.",
            store.path().display()
        );
    } else {
        say_out!("No imported catalog to remove: the built-in Intrexx catalog is in use.");
    }
    Ok(EXIT_OK)
}
