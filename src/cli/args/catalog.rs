//! Arguments of `catalog` and the global `--catalog`.

use clap::Subcommand;
use clap::builder::TypedValueParser as _;
use std::ffi::OsString;
use std::path::PathBuf;

/// `scopepick catalog ...`.
#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Import a Graph service-principal export (az, Graph Explorer or PowerShell) and keep it.
    #[command(after_help = "Examples:\n  \
        az ad sp show --id 00000003-0000-0000-c000-000000000000 > graph-sp.json\n  \
        scopepick catalog import graph-sp.json\n  \
        scopepick catalog import delegated.json app.json     (Graph PowerShell exports)\n  \
        scopepick catalog import --replace graph-sp.json     (only the export's rows)\n  \
        az ad sp show --id 00000003-0000-0000-c000-000000000000 | scopepick catalog import -\n\n\
        The export's descriptions are merged into the built-in facts by (name, type);\n\
        rows the export lacks (another type, say) are kept.\n\n\
        See docs/catalog.md for the export commands.")]
    Import {
        /// Export files; `-` reads standard input.
        #[arg(required = true, value_name = "FILE", value_parser = os_path())]
        files: Vec<PathBuf>,
        /// Keep only the export's rows instead of merging them into the catalog in use.
        #[arg(long)]
        replace: bool,
    },
    /// Which catalog is in use, from what file, when imported, counts.
    Status,
    /// Remove the imported catalog: back to the built-in Graph catalog.
    Reset,
}

/// The parser of a file argument: [`file_path`] over the raw OS string.
pub fn os_path() -> impl clap::builder::TypedValueParser<Value = PathBuf> {
    clap::builder::OsStringValueParser::new().try_map(file_path)
}

/// The parser of `--catalog`: [`CatalogArg::parse`] over the raw OS string.
pub fn catalog_arg() -> impl clap::builder::TypedValueParser<Value = CatalogArg> {
    clap::builder::OsStringValueParser::new().try_map(CatalogArg::parse)
}

/// What `--catalog` names: the built-in catalog, or a file for this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogArg {
    /// `builtin` (any case): the built-in catalog, even when one is imported.
    Builtin,
    /// A catalog file or a Graph export; `-` reads standard input.
    File(PathBuf),
}

impl CatalogArg {
    /// The keyword that selects the built-in catalog.
    pub const BUILTIN: &'static str = "builtin";

    /// `builtin` (ignoring case), else a file path of any bytes; empty is
    /// refused (it names no file).
    pub fn parse(value: OsString) -> Result<CatalogArg, &'static str> {
        if value.eq_ignore_ascii_case(Self::BUILTIN) {
            return Ok(CatalogArg::Builtin);
        }
        file_path(value).map(CatalogArg::File)
    }
}

/// A file argument: any path the system accepts (not only UTF-8), never empty.
pub fn file_path(value: OsString) -> Result<PathBuf, &'static str> {
    if value.is_empty() {
        return Err("the file name is empty: give a file, or - for standard input");
    }
    Ok(PathBuf::from(value))
}
