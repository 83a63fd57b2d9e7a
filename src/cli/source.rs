//! Which catalog a run uses, and reading input files.

use super::args::CatalogArg;
use crate::catalog::{Catalog, ImportSource, Store, StoredCatalog, import_exports, parse_catalog};
use crate::fsutil::{EXPORT_MAX_BYTES, SCOPE_MAX_BYTES, read_capped, read_file_capped, size_label};
use anyhow::Context;
use std::path::Path;

/// Where the catalog in use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
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

impl Origin {
    /// A short label for headers: "Intrexx connector (built in)", "Graph export", ...
    pub fn label(&self) -> String {
        match self {
            Origin::Embedded => "Microsoft Graph (built in)".to_string(),
            Origin::Stored { imported_at, .. } => {
                format!("Graph export imported {}", imported_at.get(..10).unwrap_or(imported_at))
            }
            Origin::File(path) => format!("{path} (--catalog)"),
        }
    }
}

/// A catalog with its origin.
pub struct LoadedCatalog {
    /// The permissions.
    pub catalog: Catalog,
    /// Where they came from.
    pub origin: Origin,
}

/// The catalog for this run: `--catalog FILE` (a catalog or a Graph export),
/// `--catalog builtin`, else the stored import, else the built-in Graph catalog.
pub fn load(choice: Option<&CatalogArg>) -> anyhow::Result<LoadedCatalog> {
    let builtin = || LoadedCatalog { catalog: Catalog::builtin(), origin: Origin::Embedded };
    match choice {
        Some(CatalogArg::File(path)) => {
            let name = path.display().to_string();
            let text = read_input(path).with_context(|| format!("cannot read catalog {name}"))?;
            Ok(LoadedCatalog { catalog: parse_any(&name, text)?, origin: Origin::File(name) })
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
    let origin = Origin::Stored {
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
    decode(bytes).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
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

fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |big_endian: bool, skip: usize| {
        let body = &bytes[skip..];
        if body.len() % 2 == 1 {
            return Err(format!(
                "UTF-16 text with an odd number of bytes ({}): the file is cut short; export it again",
                bytes.len()
            ));
        }
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|p| {
                if big_endian {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| "invalid UTF-16 text".to_string())
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, ..] => utf16(false, 2),
        [0xFE, 0xFF, ..] => utf16(true, 2),
        // JSON starts with an ASCII character: in UTF-16 without a byte order
        // mark one of its two bytes is zero.
        [first, 0, ..] if *first != 0 => utf16(false, 0),
        [0, second, ..] if *second != 0 => utf16(true, 0),
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| "not UTF-8 text".to_string())
        }
        _ => String::from_utf8(bytes).map_err(|e| {
            format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_utf16() {
        assert_eq!(decode(b"[1]".to_vec()).unwrap(), "[1]");
        assert_eq!(decode(b"\xEF\xBB\xBF[1]".to_vec()).unwrap(), "[1]");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("[é]".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(le).unwrap(), "[é]");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("[1]".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be).unwrap(), "[1]");
        assert_eq!(
            decode(b"a\xFFb".to_vec()).unwrap_err(),
            "not UTF-8 text (invalid byte at offset 1)"
        );
    }

    #[test]
    fn utf16_without_a_bom_is_read_and_an_odd_byte_is_an_error() {
        let text = "{\"value\": \"Chat.Read\", \"é\": 1}";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(le.clone()).unwrap(), text);
        assert_eq!(decode(be).unwrap(), text);
        let mut cut = le.clone();
        cut.pop();
        let err = decode(cut).unwrap_err();
        assert!(err.starts_with("UTF-16 text with an odd number of bytes"), "{err}");
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(&le);
        with_bom.push(b'x');
        assert!(decode(with_bom).unwrap_err().contains("odd number of bytes"));
    }
}
