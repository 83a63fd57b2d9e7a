//! Which catalog a run uses, and reading input files.

use super::args::CatalogArg;
use crate::catalog::{Catalog, ImportSource, Store, StoredCatalog, import_exports, parse_catalog};
use crate::fsutil::{EXPORT_MAX_BYTES, SCOPE_MAX_BYTES, read_capped, read_file_capped, size_label};
use anyhow::Context;
use std::path::Path;

/// Where the catalog in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogOrigin {
    /// Every Graph permission compiled into the binary (Intrexx rows marked).
    Embedded,
    /// The catalog imported with `scopepick catalog import`.
    Stored {
        /// The stored file.
        path: String,
        /// When it was imported (RFC 3339).
        imported_at: String,
        /// The export files it came from.
        imported_from: Vec<String>,
        /// Every import merged into it.
        sources: Vec<crate::catalog::SourceRecord>,
    },
    /// `--catalog FILE` for this run only.
    File(String),
}

impl CatalogOrigin {
    /// A short label for headers: "Microsoft Graph (built in)", "Catalog
    /// imported 2026-12-05" (of Graph's exports or another resource's), ...
    pub fn label(&self) -> String {
        match self {
            CatalogOrigin::Embedded => "Microsoft Graph (built in)".to_string(),
            CatalogOrigin::Stored { imported_at, .. } => {
                format!("Catalog imported {}", imported_at.get(..10).unwrap_or(imported_at))
            }
            CatalogOrigin::File(path) => format!("{path} (--catalog)"),
        }
    }
}

/// A catalog with its origin.
pub struct LoadedCatalog {
    /// The permissions.
    pub catalog: Catalog,
    /// Where they came from.
    pub origin: CatalogOrigin,
}

/// The catalog for this run: `--catalog FILE` (a catalog or a Graph export),
/// `--catalog builtin`, else the stored import, else the built-in Graph catalog.
pub fn load(choice: Option<&CatalogArg>) -> anyhow::Result<LoadedCatalog> {
    let builtin = || LoadedCatalog { catalog: Catalog::builtin(), origin: CatalogOrigin::Embedded };
    match choice {
        Some(CatalogArg::File(path)) => {
            let name = path.display().to_string();
            let text = read_input(path).with_context(|| format!("cannot read catalog {name}"))?;
            Ok(LoadedCatalog {
                catalog: parse_any(&name, text)?,
                origin: CatalogOrigin::File(name),
            })
        }
        Some(CatalogArg::Builtin) => Ok(builtin()),
        None => {
            let store = Store::default_location()?;
            Ok(match store.load()? {
                Some(stored) => stored_catalog(&store, stored),
                None => builtin(),
            })
        }
    }
}

fn stored_catalog(store: &Store, stored: StoredCatalog) -> LoadedCatalog {
    let origin = CatalogOrigin::Stored {
        path: store.path().display().to_string(),
        imported_at: stored.imported_at,
        imported_from: stored.imported_from,
        sources: stored.sources,
    };
    LoadedCatalog { catalog: stored.catalog, origin }
}

/// A scopepick catalog file (it has `permissions`) or a Graph export.
/// Parsed once in the usual case (a catalog file); a file that is not one is
/// read as an export, and when it is neither, the error is the catalog's if
/// the file has a top-level `permissions` key.
fn parse_any(name: &str, text: String) -> anyhow::Result<Catalog> {
    let catalog_error = match parse_catalog(&text, name) {
        Ok(catalog) => return Ok(catalog),
        Err(e) => e,
    };
    /// The top-level keys that tell a catalog file, skipped without building values.
    #[derive(serde::Deserialize)]
    struct Probe {
        permissions: Option<serde::de::IgnoredAny>,
    }
    let is_catalog = serde_json::from_str::<Probe>(&text).is_ok_and(|p| p.permissions.is_some());
    if is_catalog {
        return Err(catalog_error.into());
    }
    let sources = [ImportSource { name: name.to_string(), text }];
    Ok(import_exports(&sources, &Catalog::embedded())?.catalog)
}

/// The text of a file, or of stdin for `-`, at most [`EXPORT_MAX_BYTES`].
/// UTF-8 with or without a byte order mark, and UTF-16 with one (Windows
/// PowerShell 5.1 writes that) or without.
pub fn read_input(path: impl AsRef<Path>) -> anyhow::Result<String> {
    let path = path.as_ref();
    let bytes = if path == Path::new("-") {
        read_capped(std::io::stdin().lock(), EXPORT_MAX_BYTES)
            .context("cannot read standard input")?
    } else {
        read_file_capped(path, EXPORT_MAX_BYTES)?
    };
    crate::encoding::decode(bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
}

/// The scope string a command was given: the argument, or standard input
/// for `-` or none (without its final line ending); at most [`SCOPE_MAX_BYTES`].
pub fn read_scope_string(arg: Option<&str>) -> anyhow::Result<String> {
    let text = match arg {
        Some(text) if text != "-" => text.to_string(),
        _ => read_stdin_line()?,
    };
    if text.len() as u64 > SCOPE_MAX_BYTES {
        anyhow::bail!(
            "the scope string is larger than {}, the most scopepick reads as one",
            size_label(SCOPE_MAX_BYTES)
        );
    }
    Ok(text)
}

/// Standard input without its final line ending.
fn read_stdin_line() -> anyhow::Result<String> {
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        anyhow::bail!("no scope string given: pass it as an argument or pipe it in (with -)");
    }
    let bytes = read_capped(std::io::stdin().lock(), SCOPE_MAX_BYTES)
        .context("cannot read standard input")?;
    let text = String::from_utf8(bytes).context("cannot read standard input: not UTF-8 text")?;
    let trimmed = text.strip_suffix('\n').map(|t| t.strip_suffix('\r').unwrap_or(t));
    Ok(trimmed.map(str::to_string).unwrap_or(text))
}
