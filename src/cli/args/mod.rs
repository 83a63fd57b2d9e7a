//! Command-line definitions (clap derive): the top level here, each group of
//! subcommands in its own module, and the one adapter that turns the
//! domain's [`crate::choice::Choice`] enums into clap values ([`choice`]).

mod catalog;
mod choice;
mod facts;
mod handoff;
mod scopes;

pub use catalog::{CatalogArg, CatalogCommand};
pub use facts::{ApiArgs, FactsFormat, ListArgs, ListFormat, NeedsConsent, ShowArgs};
pub use handoff::{ExportArgs, ProfileArgs, SelectionCommand};
pub use scopes::{AuditArgs, AuditSet, BuildArgs, CheckArgs, PickArgs, ReportFormat};

use crate::catalog::{AuthMode, Cloud};
use crate::clipboard::ClipboardChoice;
use crate::scope::ScopeForm;
use clap::{Args, Parser, Subcommand};

const AFTER_HELP: &str = "\
Examples:
  scopepick                                   open the picker on the built-in Graph catalog
  scopepick list --type application --query chat
  scopepick build --mode delegated Calendars.Read Mail.Send offline_access
  scopepick build --mode application Sites.Read.All User.Read.All   prints .default
  scopepick build --cloud usgov --style qualified Chat.Read offline_access
  scopepick check \"Calendars.Read,Mail.Send Profile\"
  scopepick check --mode application \"User.Read.All Sites.Read.All\"
  pbpaste | scopepick check -
  scopepick build --copy Chat.Read offline_access   copy it too
  scopepick audit --preset intrexx \"Calendars.Read Chat.Read offline_access\"
  scopepick audit --preset intrexx --mode application --app app.json

Exit codes:
  0    success; `check` found nothing wrong; `audit` found nothing missing
  1    `check` found problems; `audit` found something missing; `build` left out
       a permission named on its command line (the string is still printed)
  2    usage error or bad input (unknown permission, unreadable file)
  130  the TUI was aborted (Esc, Ctrl-C)";

/// Find Microsoft Graph permissions and build the exact scope string for the
/// Intrexx Connector for Microsoft 365 and Teams (or any Graph app registration).
#[derive(Debug, Parser)]
#[command(name = "scopepick", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// Use this catalog file or Graph export for this run only (nothing is
    /// stored); `builtin` uses the built-in catalog even after an import
    /// (`./builtin` names a file of that name).
    #[arg(
        long,
        global = true,
        value_name = "FILE|builtin",
        value_parser = catalog::catalog_arg(),
        add = clap_complete::ArgValueCompleter::new(super::complete::catalog_sources)
    )]
    pub catalog: Option<CatalogArg>,
    /// How to copy: auto picks OSC 52 over SSH or without a display, else the system clipboard.
    #[arg(long, global = true, value_enum, ignore_case = true, default_value_t)]
    pub clipboard: ClipboardChoice,
    /// Options for the TUI (no subcommand).
    #[command(flatten)]
    pub tui: TuiArgs,
    /// What to do; without one, the TUI opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options of the interactive picker.
#[derive(Debug, Clone, Args)]
pub struct TuiArgs {
    /// Start in this authentication mode [default: the last session's, else delegated].
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<AuthMode>,
    /// Start with this scope style [default: the style last used in the mode; short
    /// in Delegated, default (.default) in Application].
    #[arg(long, value_enum, ignore_case = true)]
    pub style: Option<ScopeForm>,
    /// The cloud: global, usgov (L4), dod (L5) or china [default: global, or the cloud --scopes names].
    #[arg(long, value_enum, ignore_case = true)]
    pub cloud: Option<Cloud>,
    /// Start with an empty basket instead of the last session's.
    #[arg(long)]
    pub fresh: bool,
    /// Start with this scope string in the basket (e.g. what a customer's Intrexx field holds);
    /// the mode is guessed from it unless --mode is given.
    #[arg(long, value_name = "STRING")]
    pub scopes: Option<String>,
    /// With --scopes: audit the string against this preset, as `scopepick audit`
    /// does (missing, extra, redundant on the status line); later pastes too.
    #[arg(long, value_enum, ignore_case = true, value_name = "PRESET", requires = "scopes")]
    pub against: Option<crate::presets::Preset>,
    /// Leave the mouse to the terminal: no wheel or click, plain drag selects text
    /// (with the mouse on, Shift+drag selects text in most terminals).
    #[arg(long)]
    pub no_mouse: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List permissions, optionally searched (ranked as the picker ranks them) and filtered.
    #[command(after_help = "Examples:\n  scopepick list --type delegated --admin-consent yes\n  \
        scopepick list --query \"chat read\" --format tsv | cut -f1\n  \
        scopepick list --query \"kalender lesen\" --mode application")]
    List(ListArgs),
    /// Print the scope string for the named permissions (diagnostics go to stderr).
    #[command(
        after_help = "Examples:\n  scopepick build Calendars.Read Mail.Send offline_access\n  \
        scopepick build --mode delegated --style qualified profile Chat.Read\n  \
        scopepick build --mode application --style default Sites.Read.All User.Read.All\n\n\
        Exit codes: 0 the string holds every permission named, 1 a permission named on the\n\
        command line is of the other type and left out (the string is still printed; rows of\n\
        the other type from --preset or --selection are only noted), 2 usage error."
    )]
    Build(BuildArgs),
    /// Check a scope string as pasted from the Intrexx field, a mail or a wiki.
    #[command(after_help = "Examples:\n  scopepick check \"Calendars.Read,Mail.Send Profile\"\n  \
        scopepick check --mode application https://graph.microsoft.com/.default\n  \
        scopepick check --format json - < scopes.txt\n\n\
        Exit codes: 0 clean, 1 problems found, 2 usage error.")]
    Check(CheckArgs),
    /// Compare what a customer has (the connector's field or the app registration) with a preset or selection.
    #[command(after_help = scopes::AUDIT_HELP)]
    Audit(AuditArgs),
    /// Hand-off for the tenant admin: manifest, az or PowerShell commands, consent URL, sheet.
    #[command(after_help = "Formats:\n  \
        manifest     requiredResourceAccess JSON for the app registration manifest\n  \
        az           az commands: register every row, grant Delegated and Application rows\n  \
        powershell   Graph PowerShell script: register and grant every row (safe to run twice)\n  \
        consent-url  one admin consent URL per resource (needs --redirect-uri; follows --mode)\n  \
        markdown     consent sheet for the admin\n  \
        csv          consent sheet as CSV\n\n\
        The registration formats take the whole basket whatever the mode; the consent URL\n\
        follows the mode. A saved selection fills --tenant, --app-id, --redirect-uri, --cloud.\n\n\
        Examples:\n  \
        scopepick export --format manifest --preset intrexx\n  \
        scopepick export --format az --app-id 00000000-0000-0000-0000-000000000000 --preset intrexx\n  \
        scopepick export --format consent-url --tenant contoso.onmicrosoft.com --app-id \"$APP_ID\" --redirect-uri https://portal.contoso.com/oauth Chat.Read offline_access\n  \
        scopepick export --format powershell --selection acme -o grant.ps1\n  \
        scopepick export --format markdown --preset intrexx-full -o consent-sheet.md\n\n\
        See docs/handoff.md.")]
    Export(ExportArgs),
    /// Which permissions allow an API call, least privileged first (Microsoft's permissions map).
    #[command(after_help = "Examples:\n  \
        scopepick api POST /me/sendMail\n  \
        scopepick api GET /me/events --mode delegated\n  \
        scopepick api /users/48d31887-5fad-4d73-a9f5-3c356e68a038/messages --format json\n  \
        scopepick api 'https://graph.microsoft.com/v1.0/me/events?$top=5' --personal\n\n\
        Real ids match {id} templates; case, a trailing slash, /v1.0 or /beta and a query\n\
        string are ignored. Order: Microsoft's least flag, privilege level, ReadBasic < Read <\n\
        ReadWrite < Manage < FullControl (plain < .Shared < .All), name.\n\
        Exit codes: 0 found, 2 unknown path or usage error.")]
    Api(ApiArgs),
    /// Every fact about a permission: types, GUIDs, admin consent, privilege level, Intrexx role, API calls.
    #[command(
        after_help = "Examples:\n  scopepick show Mail.Send\n  scopepick show user.read --format json"
    )]
    Show(ShowArgs),
    /// Saved selections: list, show, save, delete (build and export take --selection NAME).
    #[command(subcommand)]
    Selection(SelectionCommand),
    /// Import the full Microsoft Graph catalog from an export, show or reset it.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// The clipboard helper (internal): serves stdin on the clipboard until replaced.
    #[command(name = "__serve-clipboard", hide = true)]
    ServeClipboard,
    /// Print the script that lets a shell complete scopepick's commands, permission
    /// names (from the catalog in use) and selection names.
    #[command(after_help = "Examples:\n  \
        scopepick completions bash > ~/.local/share/bash-completion/completions/scopepick\n  \
        scopepick completions zsh > ~/.zfunc/_scopepick\n  \
        scopepick completions fish > ~/.config/fish/completions/scopepick.fish\n\n\
        The script asks scopepick itself at each Tab, so new selections and an\n\
        imported catalog are completed at once; create it again after upgrading.")]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum, ignore_case = true)]
        shell: clap_complete::Shell,
    },
}

/// A permission name as typed: anything but empty or blank (which names no
/// permission and would otherwise read as an unknown one).
fn permission_name(value: &str) -> Result<String, &'static str> {
    if value.trim().is_empty() {
        return Err("the permission name is empty or blank: give a name such as Chat.Read \
                    (scopepick list --query WORDS finds one)");
    }
    Ok(value.to_string())
}
