//! Parsing and validating catalog files.

use super::Catalog;
use crate::text::{NameFault, name_fault};
use std::collections::HashSet;
use thiserror::Error;

/// Why a catalog could not be loaded. Every message names the source and the
/// offending value, so the user knows what to fix.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CatalogError {
    /// The text is not valid catalog JSON.
    #[error("{source_name}: not a valid catalog (line {line}, column {column}): {message}")]
    Syntax {
        /// File or description of where the text came from.
        source_name: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What serde reported.
        message: String,
    },
    /// A field that must hold text is empty.
    #[error("{source_name}: permission #{row} has an empty {field}")]
    EmptyField {
        /// Where the catalog came from.
        source_name: String,
        /// 1-based row number.
        row: usize,
        /// The empty field's name.
        field: &'static str,
    },
    /// A name cannot be a scope: it holds a separator or a format
    /// character, or it is scope syntax (see [`crate::text::name_fault`]).
    #[error("{source_name}: permission #{row} has the name {name:?}, which {fault}")]
    BadName {
        /// Where the catalog came from.
        source_name: String,
        /// 1-based row number.
        row: usize,
        /// The offending name.
        name: String,
        /// What is wrong with it.
        fault: NameFault,
    },
    /// A name contains a control character (escape, BEL, ...), which would
    /// reach the terminal wherever the name is printed.
    #[error(
        "{source_name}: permission #{row} has the name {name:?}, which contains a control character"
    )]
    ControlInName {
        /// Where the catalog came from.
        source_name: String,
        /// 1-based row number.
        row: usize,
        /// The offending name.
        name: String,
    },
    /// The same name and type appear twice.
    #[error("{source_name}: {name} ({kind}) is listed twice")]
    Duplicate {
        /// Where the catalog came from.
        source_name: String,
        /// The repeated name.
        name: String,
        /// The repeated type.
        kind: super::PermissionType,
    },
    /// The id is not a GUID like `465a38f9-76ea-45b9-9f34-9e8b0d4b0b42`.
    #[error("{source_name}: {name} has the id {id:?}, which is not a GUID (8-4-4-4-12 hex digits)")]
    BadGuid {
        /// Where the catalog came from.
        source_name: String,
        /// The permission's name.
        name: String,
        /// The malformed id.
        id: String,
    },
}

/// Parses catalog JSON and validates it: unique (resource, name, type) ignoring case,
/// well-formed GUIDs, no empty fields, names that can be scopes (no separator,
/// control or format character, no scope syntax). A row that does not say
/// where its description comes from gets the built-in source if it carries
/// built-in text. `source_name` names the origin in error messages (usually a file path).
pub fn parse_catalog(json: &str, source_name: &str) -> Result<Catalog, CatalogError> {
    let mut catalog: Catalog = serde_json::from_str(json).map_err(|e| CatalogError::Syntax {
        source_name: source_name.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    validate(&catalog, source_name)?;
    catalog.settle_description_sources(super::DescriptionSource::CatalogFile);
    Ok(catalog)
}

/// Checks the rules [`parse_catalog`] enforces on an already built catalog;
/// `source_name` names the origin in error messages.
pub(super) fn validate(catalog: &Catalog, source_name: &str) -> Result<(), CatalogError> {
    let source_name = source_name.to_string();
    let mut seen = HashSet::with_capacity(catalog.permissions.len());
    for (i, p) in catalog.permissions.iter().enumerate() {
        let row = i + 1;
        for (field, value) in [("name", &p.name), ("description", &p.description), ("id", &p.id)] {
            if value.trim().is_empty() {
                return Err(CatalogError::EmptyField { source_name, row, field });
            }
        }
        match name_fault(&p.name) {
            None => {}
            Some(NameFault::Control) => {
                return Err(CatalogError::ControlInName { source_name, row, name: p.name.clone() });
            }
            Some(fault) => {
                return Err(CatalogError::BadName {
                    source_name,
                    row,
                    name: p.name.clone(),
                    fault,
                });
            }
        }
        if !is_guid(&p.id) {
            return Err(CatalogError::BadGuid {
                source_name,
                name: p.name.clone(),
                id: p.id.clone(),
            });
        }
        if !seen.insert((p.resource, Caseless(&p.name), p.kind)) {
            return Err(CatalogError::Duplicate {
                source_name,
                name: p.name.clone(),
                kind: p.kind,
            });
        }
    }
    Ok(())
}

/// Whether `s` has the GUID shape 8-4-4-4-12 of hex digits.
pub fn is_guid(s: &str) -> bool {
    const HYPHENS: [usize; 4] = [8, 13, 18, 23];
    s.len() == 36
        && s.bytes()
            .enumerate()
            .all(|(i, b)| if HYPHENS.contains(&i) { b == b'-' } else { b.is_ascii_hexdigit() })
}

/// A name compared and hashed ignoring ASCII case, without a lowercase copy.
struct Caseless<'a>(&'a str);

impl PartialEq for Caseless<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Caseless<'_> {}

impl std::hash::Hash for Caseless<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}
