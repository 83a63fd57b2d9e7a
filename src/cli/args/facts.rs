//! Arguments of the commands that read the catalog: `list`, `api`, `show`.

use crate::catalog::{AuthMode, IntrexxRole, PermissionType};
use crate::cli::complete::permission_names;
use clap::Args;
use clap_complete::ArgValueCompleter;

/// Output formats of `api` and `show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FactsFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON document.
    Json,
}

/// Arguments of `api`.
#[derive(Debug, Args)]
pub struct ApiArgs {
    /// `[METHOD] PATH`...: a method binds to the path after it (`GET /me POST /me/sendMail`,
    /// or `"GET /me"` in one). One call without a method shows every method; with more calls
    /// (or --from) a path without a method is read as GET, and the minimal basket is printed.
    #[arg(required_unless_present = "from", value_name = "[METHOD] PATH")]
    pub call: Vec<String>,
    /// Read the calls from a file (`-` for standard input): logs, curl lines, code, HAR files.
    #[arg(long, value_name = "FILE|-")]
    pub from: Option<std::path::PathBuf>,
    /// Only permissions of this mode's type.
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<AuthMode>,
    /// Delegated means personal Microsoft accounts (DelegatedPersonal) instead of work or school accounts.
    #[arg(long)]
    pub personal: bool,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value = "table")]
    pub format: FactsFormat,
}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The permission's name (case is ignored).
    #[arg(value_parser = super::permission_name, add = ArgValueCompleter::new(permission_names))]
    pub name: String,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value = "table")]
    pub format: FactsFormat,
}

/// Output formats of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    Table,
    /// An array of objects: name, type, admin_consent, description, intrexx, id.
    Json,
    /// Tab-separated, with a header line.
    Tsv,
}

/// Arguments of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only permissions of this type.
    #[arg(long = "type", value_enum, ignore_case = true)]
    pub kind: Option<PermissionType>,
    /// Only permissions that need (yes) or do not need (no) admin consent.
    #[arg(long, value_enum, ignore_case = true)]
    pub admin_consent: Option<NeedsConsent>,
    /// Only permissions with this Intrexx role.
    #[arg(long, value_enum, ignore_case = true)]
    pub intrexx: Option<IntrexxRole>,
    /// Search names, descriptions and the words consultants use (English or
    /// German, typos allowed); space-separated terms must all match.
    #[arg(long, short)]
    pub query: Option<String>,
    /// Rank for this mode, as the picker does: its permissions first [default: delegated].
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<AuthMode>,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// `list --admin-consent yes|no`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NeedsConsent {
    /// Only permissions a tenant administrator must consent to.
    Yes,
    /// Only permissions that do not require admin consent (whether users may consent depends on the tenant's settings).
    No,
}

impl NeedsConsent {
    /// The filter it asks for.
    pub fn consent(self) -> crate::filter::Consent {
        match self {
            NeedsConsent::Yes => crate::filter::Consent::Needed,
            NeedsConsent::No => crate::filter::Consent::NotNeeded,
        }
    }
}
