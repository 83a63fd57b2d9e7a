//! The interactive picker.

use crate::catalog::Catalog;
use crate::cli::args::TuiArgs;

/// Opens the TUI.
pub fn run(_catalog: Catalog, _args: &TuiArgs) -> anyhow::Result<u8> {
    anyhow::bail!(
        "the interactive picker is not built yet: use `scopepick list`, `build` or `check`"
    )
}
