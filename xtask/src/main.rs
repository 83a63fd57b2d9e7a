//! Developer tasks, run as `cargo xtask TASK ...` (the alias is in
//! `.cargo/config.toml`). They live here, not in the `scopepick` package,
//! so `cargo install` installs only the product. Paths are relative to the
//! repository root, wherever the task is started.

mod gen_catalog;
mod path_words;

use anyhow::bail;
use std::path::Path;

const USAGE: &str = "usage: cargo xtask gen-catalog [REFERENCE_DIR [OUTPUT]]
  gen-catalog   writes the built-in Graph facts from the reference files
                (graph-permissions.tsv, graph-api-paths.tsv, graph-privilege.tsv);
                defaults ../shared/reference and assets/graph-facts.rs (docs/catalog.md)";

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is in the repository");
    std::env::set_current_dir(root)?;
    let mut args = std::env::args_os().skip(1);
    match args.next().as_ref().and_then(|task| task.to_str()) {
        Some("gen-catalog") => gen_catalog::run(args),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(task) => bail!("unknown task {task:?}\n{USAGE}"),
        None => bail!("no task given\n{USAGE}"),
    }
}
