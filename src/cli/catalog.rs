//! `scopepick catalog import|status|reset`.

use super::EXIT_OK;
use super::args::{CatalogArg, CatalogCommand};
use super::source::{CatalogOrigin, load, read_input};
use crate::catalog::graph::{DescriptionOrigin, FACTS_SOURCE};
use crate::catalog::{
    Catalog, ImportOutcome, ImportSource, PermissionType, Resource, SourceRecord, Store,
    StoredCatalog, import_exports, merge_import, resource_rows, rfc3339_utc,
};
use crate::text::{counted, plural, printable, thousands};
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of a catalog that merges an export into the built-in facts.
const MERGED_NAME: &str = "Microsoft Graph (built in + tenant export)";

pub(super) fn run(
    command: &CatalogCommand,
    catalog_flag: Option<&CatalogArg>,
) -> anyhow::Result<u8> {
    match command {
        CatalogCommand::Import { files, replace } => import(files, *replace),
        CatalogCommand::Status => status(catalog_flag),
        CatalogCommand::Reset => reset(),
    }
}

fn summary(catalog: &Catalog) -> String {
    let delegated =
        catalog.permissions.iter().filter(|p| p.kind == PermissionType::Delegated).count();
    let admin = catalog.permissions.iter().filter(|p| p.admin_consent).count();
    format!(
        "{}: {} Delegated, {} Application; {} {} admin consent",
        counted(catalog.len(), "permission"),
        thousands(delegated),
        thousands(catalog.len() - delegated),
        thousands(admin),
        plural(admin, "needs", "need")
    )
}

/// The file's modification time, the export's own date; `None` for stdin.
fn file_date(path: &Path) -> Option<String> {
    (path != Path::new("-"))
        .then(|| std::fs::metadata(path).and_then(|m| m.modified()).ok())
        .flatten()
        .map(rfc3339_utc)
}

/// Reads the exports, then, under the store's lock, merges or replaces and
/// stores the result; only then says what was imported, so a failed store
/// write (a full disk, a read-only directory) never follows an "Imported" line.
fn import(files: &[PathBuf], replace: bool) -> anyhow::Result<u8> {
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    let mut sources = Vec::new();
    for (file, name) in files.iter().zip(&names) {
        let text = read_input(file).with_context(|| format!("cannot read {name}"))?;
        sources.push(ImportSource { name: name.clone(), text });
    }
    let outcome = import_exports(&sources, &Catalog::embedded())?;
    let store = Store::default_location()?;
    let import = Import { files, names: &names, replace, outcome: &outcome };
    let mut report = Vec::new();
    // Under the store's lock from reading the previous catalog to writing
    // the merged one: a parallel import waits and then merges into this one.
    let path = store.update(|previous| import.stored_after(previous, &mut report))?;
    for line in report {
        say_out!("{line}");
    }
    say_out!("Stored in {}: every command and the picker use it from now on.", path.display());
    if replace && !outcome.missing_embedded.is_empty() {
        let missing: Vec<String> = outcome
            .missing_embedded
            .iter()
            .map(|(name, kind)| format!("{name} ({kind})"))
            .collect();
        let shown = missing.len().min(5);
        say_err!(
            "warning: the export lacks {} of the built-in Intrexx catalog: {}{}",
            counted(missing.len(), "row"),
            missing[..shown].join(", "),
            and_more(missing.len(), shown)
        );
    }
    Ok(EXIT_OK)
}

/// One `catalog import`: its files (and their names as shown), and what they hold.
struct Import<'a> {
    files: &'a [PathBuf],
    names: &'a [String],
    replace: bool,
    outcome: &'a ImportOutcome,
}

impl Import<'_> {
    /// The catalog to store: the export alone (`--replace`) or merged into
    /// `previous`, with each file recorded with its own counts; what to say
    /// once it is stored goes to `report`.
    fn stored_after(
        &self,
        previous: Option<StoredCatalog>,
        report: &mut Vec<String>,
    ) -> anyhow::Result<StoredCatalog> {
        let (outcome, replace) = (self.outcome, self.replace);
        let previous = if replace { None } else { previous };
        let mut records = previous.as_ref().map(|p| p.sources.clone()).unwrap_or_default();
        let now =
            StoredCatalog::new(Catalog { name: String::new(), permissions: Vec::new() }, vec![]);
        for ((file, name), &(delegated, application)) in
            self.files.iter().zip(self.names).zip(&outcome.per_source)
        {
            records.push(SourceRecord {
                file: name.clone(),
                file_date: file_date(file),
                imported_at: now.imported_at.clone(),
                delegated,
                application,
                replaced: replace,
            });
        }
        report.clear();
        report.push(format!(
            "Imported {} from {}",
            summary(&outcome.catalog),
            self.names.join(", ")
        ));
        let catalog = if replace {
            report
                .push("Replaced the catalog: only the export's rows are kept (--replace).".into());
            outcome.catalog.clone()
        } else {
            let base = previous.map_or_else(Catalog::builtin, |p| p.catalog);
            let merged = merge_import(&base, &outcome.catalog, MERGED_NAME);
            report.push(format!(
                "Merged by resource, name and type: {} took the export's descriptions, {} added; {} in all.",
                counted(merged.described, "row"),
                counted(merged.added, "row"),
                summary(&merged.catalog)
            ));
            if !merged.changed.is_empty() {
                let list: Vec<String> =
                    merged.changed.iter().take(5).map(|(n, k)| format!("{n} ({k})")).collect();
                let n = merged.changed.len();
                say_err!(
                    "note: {} {} another GUID or admin consent in the export, which is kept: {}{}",
                    counted(n, "row"),
                    plural(n, "has", "have"),
                    list.join(", "),
                    and_more(n, list.len())
                );
            }
            merged.catalog
        };
        let stored = StoredCatalog::new(catalog, self.names.to_vec());
        Ok(StoredCatalog { sources: records, ..stored })
    }
}

/// " and 3 more" when only `shown` of `total` are listed.
fn and_more(total: usize, shown: usize) -> String {
    match total - shown {
        0 => String::new(),
        more => format!(" and {} more", thousands(more)),
    }
}

/// How many rows of `catalog` have their description from each origin; a
/// row of another resource than Graph is the resource table's, or the
/// tenant's export's.
fn origins(catalog: &Catalog) -> String {
    let mut counts: BTreeMap<DescriptionOrigin, usize> = BTreeMap::new();
    let mut from_table = 0;
    for p in &catalog.permissions {
        let origin =
            match resource_rows(&p.name).find(|t| t.resource == p.resource && t.kind == p.kind) {
                _ if p.resource == Resource::Graph => DescriptionOrigin::of(p),
                Some(t) if t.description == p.description => {
                    from_table += 1;
                    continue;
                }
                Some(_) => DescriptionOrigin::Tenant,
                None => DescriptionOrigin::TenantOnly,
            };
        *counts.entry(origin).or_default() += 1;
    }
    let mut out = String::new();
    for (origin, n) in counts {
        out.push_str(&format!("  {:>6}  {}\n", thousands(n), origin.label()));
    }
    if from_table > 0 {
        let line = "rows of other resources than Graph, described by scopepick's resource table";
        out.push_str(&format!("  {:>6}  {line}\n", thousands(from_table)));
    }
    out
}

fn status(catalog_flag: Option<&CatalogArg>) -> anyhow::Result<u8> {
    let loaded = load(catalog_flag)?;
    say_out!("In use: {}, {}", loaded.origin.label(), summary(&loaded.catalog));
    say_out!(
        "Facts (names, GUIDs, admin consent, privilege levels, API paths): built in, from {FACTS_SOURCE}."
    );
    say_out!("Rows by where their description comes from:");
    say_out!("{}", origins(&loaded.catalog).trim_end_matches('\n'));
    match &loaded.origin {
        CatalogOrigin::Embedded => {
            let store = Store::default_location()?;
            if store.path().exists() {
                say_out!(
                    "An imported catalog is stored in {}; --catalog builtin leaves it out for this run.",
                    store.path().display()
                );
            } else {
                say_out!("No imported catalog (it would be stored in {}).", store.path().display());
                say_out!("Add the tenant's descriptions with: scopepick catalog import FILE");
            }
        }
        CatalogOrigin::Stored { path, imported_at, imported_from, sources } => {
            say_out!("File: {path}");
            if sources.is_empty() {
                say_out!("Import date: {imported_at}, from {}", imported_from.join(", "));
            }
            for s in sources {
                let dated =
                    s.file_date.as_deref().map_or("no file date (stdin)".to_string(), |d| {
                        format!("export file dated {d}")
                    });
                let how = if s.replaced { ", replaced the catalog" } else { ", merged" };
                say_out!(
                    "Import: {} ({dated}): {} Delegated, {} Application; import date {}{how}",
                    printable(&s.file),
                    thousands(s.delegated),
                    thousands(s.application),
                    s.imported_at
                );
            }
            say_out!("Back to the built-in catalog with: scopepick catalog reset");
        }
        CatalogOrigin::File(path) => {
            say_out!("File: {path} (for this run only; nothing is stored)")
        }
    }
    Ok(EXIT_OK)
}

fn reset() -> anyhow::Result<u8> {
    let store = Store::default_location()?;
    if store.reset()? {
        say_out!("Removed {}: the built-in Graph catalog is in use again.", store.path().display());
    } else {
        say_out!("No imported catalog to remove: the built-in Graph catalog is in use.");
    }
    Ok(EXIT_OK)
}
