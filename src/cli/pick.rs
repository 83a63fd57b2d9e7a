//! The rows a command works on: a preset and/or names.

use super::args::PickArgs;
use crate::catalog::{AuthMode, Catalog, Permission};
use crate::selection::resolve_names;

/// The preset's rows of `mode`'s type, then the named rows, without repeats.
pub fn picked<'c>(
    catalog: &'c Catalog,
    pick: &PickArgs,
    mode: AuthMode,
) -> anyhow::Result<Vec<&'c Permission>> {
    let mut rows: Vec<&Permission> = Vec::new();
    if let Some(preset) = pick.preset {
        rows.extend(preset.rows(catalog, mode).into_iter().map(|i| &catalog.permissions[i]));
    }
    for row in resolve_names(catalog, &pick.names, mode)? {
        if !rows.iter().any(|r| std::ptr::eq(*r, row)) {
            rows.push(row);
        }
    }
    Ok(rows)
}
