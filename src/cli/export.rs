//! `scopepick export`.

use super::args::ExportArgs;
use super::pick::{mode_and_style, picked, saved_selection};
use super::{EXIT_OK, EXIT_PROBLEMS};
use crate::catalog::{Catalog, Cloud};
use crate::export::{DEFAULT_TENANT, ExportOptions, export, random_state};
use crate::fsutil::{Audience, check_replaceable, write_atomically};
use crate::text::counted;
use anyhow::{Context, bail};

pub(super) fn run(catalog: &Catalog, args: &ExportArgs) -> anyhow::Result<u8> {
    let saved = saved_selection(&args.pick)?;
    let (mode, _) = mode_and_style(args.mode, None, saved.as_ref());
    let rows = picked(catalog, &args.pick, saved.as_ref(), mode)?;
    let stored = saved.as_ref().map(|s| s.profile.clone()).unwrap_or_default();
    let profile = stored.updated_with(&args.profile.profile());
    let options = ExportOptions {
        app_id: profile.app_id,
        tenant: profile.tenant.unwrap_or_else(|| DEFAULT_TENANT.to_string()),
        redirect_uri: profile.redirect_uri,
        state: args
            .state
            .clone()
            .or_else(|| args.format.spec().needs_redirect_uri.then(random_state)),
        cloud: profile.cloud.unwrap_or(Cloud::Global),
    };
    // `-o -` is standard output, as for other tools.
    let output = args.output.as_ref().filter(|path| path.as_os_str() != "-");
    if let Some(path) = output {
        let shown = path.display();
        check_replaceable(path).with_context(|| format!("cannot write {shown}"))?;
        if !args.force && path.symlink_metadata().is_ok() {
            bail!("{shown} exists: pass --force to replace it, or choose another file");
        }
    }
    let out = export(&rows, mode, args.format, &options)?;
    for note in &out.notes {
        say_err!("{note}");
    }
    let text = out.text + "\n";
    match output {
        None => say_raw!("{text}"),
        Some(path) => {
            write_atomically(path, text.as_bytes(), Audience::User)
                .with_context(|| format!("cannot write {}", path.display()))?;
            let rows = counted(rows.len(), "row");
            say_err!("Wrote {} ({rows}) to {}", args.format, path.display());
        }
    }
    // Rows no URL could carry were named on stderr: the hand-off is incomplete.
    Ok(if out.left_out > 0 { EXIT_PROBLEMS } else { EXIT_OK })
}
