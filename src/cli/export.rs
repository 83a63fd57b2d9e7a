//! `scopepick export`.

use super::EXIT_OK;
use super::args::ExportArgs;
use super::pick::{mode_and_style, picked, saved_selection};
use crate::catalog::Catalog;
use crate::export::{ExportOptions, export};
use crate::fsutil::write_atomically;
use anyhow::Context;

pub(super) fn run(catalog: &Catalog, args: &ExportArgs) -> anyhow::Result<u8> {
    let saved = saved_selection(&args.pick)?;
    let (mode, _) = mode_and_style(args.mode, None, saved.as_ref());
    let rows = picked(catalog, &args.pick, saved.as_ref(), mode)?;
    let options = ExportOptions {
        app_id: args.app_id.clone(),
        tenant: args.tenant.clone(),
        client_id: args.client_id.clone(),
        redirect_uri: args.redirect_uri.clone(),
        cloud: args.cloud,
    };
    let text = export(&rows, mode, args.format, &options)? + "\n";
    match &args.output {
        None => print!("{text}"),
        Some(path) => {
            write_atomically(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            say_err!("Wrote {} ({} rows) to {}", args.format, rows.len(), path.display());
        }
    }
    Ok(EXIT_OK)
}
