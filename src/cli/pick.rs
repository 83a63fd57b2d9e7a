//! The rows a command works on: a saved selection, a preset and/or names.

use super::args::PickArgs;
use crate::catalog::{AuthMode, Catalog, Permission, not_in_catalog};
use crate::config::SelectionStore;
use crate::saved::{Selection, resolve};
use crate::scope::ScopeForm;
use crate::typed_names::resolve_names;

/// The saved selection named by `--selection`, if any.
pub fn saved_selection(pick: &PickArgs) -> anyhow::Result<Option<Selection>> {
    let Some(name) = &pick.selection else { return Ok(None) };
    Ok(Some(SelectionStore::default_location()?.load(name)?))
}

/// The mode and style: given on the command line, else the selection's, else
/// the defaults ([`crate::saved::mode_and_style`] has the rule).
pub fn mode_and_style(
    mode: Option<AuthMode>,
    style: Option<ScopeForm>,
    selection: Option<&Selection>,
) -> (AuthMode, ScopeForm) {
    crate::saved::mode_and_style(mode, style, selection.map(Selection::remembered))
}

/// The selection's rows, the preset's rows of `mode`'s type, then the named
/// rows, without repeats. Selection rows the catalog lacks are named on stderr.
pub fn picked<'c>(
    catalog: &'c Catalog,
    pick: &PickArgs,
    selection: Option<&Selection>,
    mode: AuthMode,
) -> anyhow::Result<Vec<&'c Permission>> {
    let mut rows: Vec<&Permission> = Vec::new();
    if let Some(selection) = selection {
        let resolved = resolve(catalog, &selection.permissions);
        if !resolved.missing.is_empty() {
            say_err!(
                "warning: selection '{}': {}",
                selection.name,
                not_in_catalog(&resolved.missing)
            );
        }
        rows.extend(resolved.rows.iter().map(|&i| &catalog.permissions[i]));
    }
    let preset = pick.preset.map(|p| p.rows(catalog, mode)).unwrap_or_default();
    let named = resolve_names(catalog, &pick.names, mode)?;
    for row in preset.into_iter().map(|i| &catalog.permissions[i]).chain(named) {
        if !rows.iter().any(|r| std::ptr::eq(*r, row)) {
            rows.push(row);
        }
    }
    Ok(rows)
}
