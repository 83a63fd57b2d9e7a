//! Arguments of the hand-off commands: `export` and saved selections.

use super::PickArgs;
use crate::catalog::{AuthMode, Cloud, is_guid};
use crate::cli::complete::selection_names;
use crate::export::Format;
use crate::saved::Profile;
use crate::scope::ScopeForm;
use clap::{Args, Subcommand};
use clap_complete::ArgValueCompleter;
use std::path::PathBuf;

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to produce.
    #[arg(long, short, value_enum, ignore_case = true)]
    pub format: Format,
    /// Authentication mode: picks the row of each name's type [default: delegated].
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<AuthMode>,
    /// Write to this file (atomically; only a regular file is replaced) instead of stdout; `-` is stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing file given with -o.
    #[arg(long)]
    pub force: bool,
    /// The consent URL's state [default: random].
    #[arg(long)]
    pub state: Option<String>,
    /// The customer's IDs (else the selection's).
    #[command(flatten)]
    pub profile: ProfileArgs,
    /// What to export.
    #[command(flatten)]
    pub pick: PickArgs,
}

/// The customer's IDs: a selection's profile, or what an export fills in.
#[derive(Debug, Clone, Default, Args)]
pub struct ProfileArgs {
    /// The customer's tenant: domain or tenant ID [default for exports: organizations].
    #[arg(long, value_name = "TENANT")]
    pub tenant: Option<String>,
    /// The app registration's Application (client) ID, a GUID.
    #[arg(long, visible_alias = "client-id", value_name = "GUID", value_parser = guid)]
    pub app_id: Option<String>,
    /// The connector's redirect URI (the admin consent URL sends the admin there).
    #[arg(long, value_name = "URL")]
    pub redirect_uri: Option<String>,
    /// The customer's cloud [default: global].
    #[arg(long, value_enum, ignore_case = true)]
    pub cloud: Option<Cloud>,
}

impl ProfileArgs {
    /// The options as a profile.
    pub fn profile(&self) -> Profile {
        Profile {
            tenant: self.tenant.clone(),
            app_id: self.app_id.clone(),
            redirect_uri: self.redirect_uri.clone(),
            cloud: self.cloud,
        }
    }
}

/// A GUID as `--app-id` takes it, lowercased.
fn guid(value: &str) -> Result<String, String> {
    if is_guid(value) {
        Ok(value.to_ascii_lowercase())
    } else {
        Err("expected the Application (client) ID, a GUID such as 11111111-2222-3333-4444-555555555555".into())
    }
}

/// `scopepick selection ...`.
#[derive(Debug, Subcommand)]
pub enum SelectionCommand {
    /// The saved selections, with mode, style, size, tenant and app id.
    List,
    /// One selection: its permissions and the scope string it builds.
    Show {
        /// The selection's name.
        #[arg(add = ArgValueCompleter::new(selection_names))]
        name: String,
    },
    /// Save permissions and the customer's IDs under a name (--force replaces one).
    #[command(after_help = "Example:\n  \
        scopepick selection save acme --tenant contoso.onmicrosoft.com --app-id 00000000-0000-0000-0000-000000000000 \\\n    \
        --redirect-uri https://portal.acme.example/service/oauth2/authorize Chat.Read Mail.Send offline_access\n  \
        scopepick export --selection acme --format powershell\n\n\
        Names are compared ignoring case: acme and Acme are one selection.")]
    Save {
        /// The selection's name: letters, digits, space, -, _ and . (starting with a letter or digit).
        name: String,
        /// The mode the selection is for [default: delegated].
        #[arg(long, value_enum, ignore_case = true)]
        mode: Option<AuthMode>,
        /// The style it builds with [default: short].
        #[arg(long, value_enum, ignore_case = true)]
        style: Option<ScopeForm>,
        /// The customer's IDs.
        #[command(flatten)]
        profile: ProfileArgs,
        /// Replace a saved selection of that name.
        #[arg(long)]
        force: bool,
        /// What to save.
        #[command(flatten)]
        pick: PickArgs,
    },
    /// Change the customer's IDs of a saved selection; other fields stay.
    #[command(
        after_help = "Example:\n  scopepick selection set acme --app-id 11111111-2222-3333-4444-555555555555"
    )]
    Set {
        /// The selection's name.
        #[arg(add = ArgValueCompleter::new(selection_names))]
        name: String,
        /// The fields to change.
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// Delete a saved selection.
    Delete {
        /// The selection's name.
        #[arg(add = ArgValueCompleter::new(selection_names))]
        name: String,
    },
}
