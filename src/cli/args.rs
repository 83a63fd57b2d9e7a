//! Command-line definitions (clap derive).

use crate::catalog::{AuthMode, Cloud, IntrexxRole, PermissionType, is_guid};
use crate::clipboard::ClipboardChoice;
use crate::export::Format;
use crate::presets::Preset;
use crate::saved::Profile;
use crate::scope::Style;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  scopepick                                   open the TUI on the Intrexx catalog
  scopepick list --type application --query chat
  scopepick build --mode delegated Calendars.Read Mail.Send offline_access
  scopepick build --mode application Sites.Read.All User.Read.All   prints .default
  scopepick build --cloud usgov --style qualified Chat.Read offline_access
  scopepick check \"Calendars.Read,Mail.Send Profile\"
  scopepick check --mode application \"User.Read.All Sites.Read.All\"
  pbpaste | scopepick check -
  scopepick build --copy Chat.Read offline_access   copy it too

Exit codes:
  0    success; `check` found nothing wrong
  1    `check` found problems
  2    usage error or bad input (unknown permission, unreadable file)
  130  the TUI was aborted (Esc, Ctrl-C)";

/// Find Microsoft Graph permissions and build the exact scope string for the
/// Intrexx Connector for Microsoft 365 and Teams (or any Graph app registration).
#[derive(Debug, Parser)]
#[command(name = "scopepick", version, after_help = AFTER_HELP)]
pub struct Cli {
    /// Use this catalog file or Graph export for this run only (nothing is stored).
    #[arg(long, global = true, value_name = "FILE")]
    pub catalog: Option<PathBuf>,
    /// How to copy: auto picks OSC 52 over SSH or without a display, else the system clipboard.
    #[arg(long, global = true, value_parser = choice::<ClipboardChoice>(), default_value = "auto")]
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
    #[arg(long, value_parser = choice::<AuthMode>())]
    pub mode: Option<AuthMode>,
    /// Start with this scope style [default: the style last used in the mode; short
    /// in Delegated, default (.default) in Application].
    #[arg(long, value_parser = choice::<Style>())]
    pub style: Option<Style>,
    /// The cloud: global, usgov (L4), dod (L5) or china [default: global, or the cloud --scopes names].
    #[arg(long, value_parser = choice::<Cloud>())]
    pub cloud: Option<Cloud>,
    /// Start with an empty basket instead of the last session's.
    #[arg(long)]
    pub fresh: bool,
    /// Start with this scope string in the basket (e.g. what a customer's Intrexx field holds);
    /// the mode is guessed from it unless --mode is given.
    #[arg(long, value_name = "STRING")]
    pub scopes: Option<String>,
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
        scopepick build --mode application --style default Sites.Read.All User.Read.All"
    )]
    Build(BuildArgs),
    /// Check a scope string as pasted from the Intrexx field, a mail or a wiki.
    #[command(after_help = "Examples:\n  scopepick check \"Calendars.Read,Mail.Send Profile\"\n  \
        scopepick check --mode application https://graph.microsoft.com/.default\n  \
        scopepick check --format json - < scopes.txt\n\n\
        Exit codes: 0 clean, 1 problems found, 2 usage error.")]
    Check(CheckArgs),
    /// Hand-off for the tenant admin: manifest, az or PowerShell commands, consent URL, sheet.
    #[command(after_help = "Formats:\n  \
        manifest     requiredResourceAccess JSON for the app registration manifest\n  \
        az           az commands: register every row, grant Delegated and Application rows\n  \
        powershell   Graph PowerShell script: register and grant every row (safe to run twice)\n  \
        consent-url  the admin consent URL (needs --redirect-uri; follows --mode)\n  \
        markdown     consent sheet for the admin\n  \
        csv          consent sheet as CSV\n\n\
        The registration formats take the whole basket whatever the mode; the consent URL\n\
        follows the mode. A saved selection fills --tenant, --app-id, --redirect-uri, --cloud.\n\n\
        Examples:\n  \
        scopepick export --format manifest --preset intrexx\n  \
        scopepick export --format az --app-id 11111111-2222-3333-4444-555555555555 --preset intrexx\n  \
        scopepick export --format consent-url --tenant contoso.onmicrosoft.com --app-id <GUID> --redirect-uri https://portal.contoso.com/oauth Chat.Read offline_access\n  \
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
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  scopepick completions bash > ~/.local/share/bash-completion/completions/scopepick"
    )]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

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
    /// `[METHOD] PATH`: an HTTP method (optional; without it every method) and an API path or URL.
    #[arg(required = true, num_args = 1..=2, value_name = "[METHOD] PATH")]
    pub call: Vec<String>,
    /// Only permissions of this mode's type.
    #[arg(long, value_parser = choice::<AuthMode>())]
    pub mode: Option<AuthMode>,
    /// Delegated means personal Microsoft accounts (DelegatedPersonal) instead of work or school accounts.
    #[arg(long)]
    pub personal: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FactsFormat,
}

/// Arguments of `show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The permission's name (case is ignored).
    pub name: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FactsFormat,
}

/// `scopepick selection ...`.
#[derive(Debug, Subcommand)]
pub enum SelectionCommand {
    /// The saved selections, with mode, style, size, tenant and app id.
    List,
    /// One selection: its permissions and the scope string it builds.
    Show {
        /// The selection's name.
        name: String,
    },
    /// Save permissions and the customer's IDs under a name (--force replaces one).
    #[command(after_help = "Example:\n  \
        scopepick selection save acme --tenant contoso.onmicrosoft.com --app-id <GUID> \\\n    \
        --redirect-uri https://portal.acme.example/service/oauth2/authorize Chat.Read Mail.Send offline_access\n  \
        scopepick export --selection acme --format powershell\n\n\
        Names are compared ignoring case: acme and Acme are one selection.")]
    Save {
        /// The selection's name: letters, digits, space, -, _ and . (starting with a letter or digit).
        name: String,
        /// The mode the selection is for [default: delegated].
        #[arg(long, value_parser = choice::<AuthMode>())]
        mode: Option<AuthMode>,
        /// The style it builds with [default: short].
        #[arg(long, value_parser = choice::<Style>())]
        style: Option<Style>,
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
        name: String,
        /// The fields to change.
        #[command(flatten)]
        profile: ProfileArgs,
    },
    /// Delete a saved selection.
    Delete {
        /// The selection's name.
        name: String,
    },
}

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
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
        /// Keep only the export's rows instead of merging them into the catalog in use.
        #[arg(long)]
        replace: bool,
    },
    /// Which catalog is in use, from what file, when imported, counts.
    Status,
    /// Remove the imported catalog: back to the built-in Graph catalog.
    Reset,
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

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// A readable report.
    Text,
    /// The structured report.
    Json,
}

/// Arguments of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only permissions of this type.
    #[arg(long = "type", value_parser = choice::<PermissionType>())]
    pub kind: Option<PermissionType>,
    /// Only permissions that need (yes) or do not need (no) admin consent.
    #[arg(long, value_parser = PossibleValuesParser::new(["yes", "no"]).map(|s| s == "yes"))]
    pub admin_consent: Option<bool>,
    /// Only permissions with this Intrexx role.
    #[arg(long, value_parser = choice::<IntrexxRole>())]
    pub intrexx: Option<IntrexxRole>,
    /// Search names, descriptions and the words consultants use (English or
    /// German, typos allowed); space-separated terms must all match.
    #[arg(long, short)]
    pub query: Option<String>,
    /// Rank for this mode, as the picker does: its permissions first [default: delegated].
    #[arg(long, value_parser = choice::<AuthMode>())]
    pub mode: Option<AuthMode>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Authentication mode: which type of permission goes in [default: delegated].
    #[arg(long, value_parser = choice::<AuthMode>())]
    pub mode: Option<AuthMode>,
    /// How to write the scopes [default: short in Delegated, default (.default) in
    /// Application mode; short or qualified there warn that sign-in will fail].
    #[arg(long, value_parser = choice::<Style>())]
    pub style: Option<Style>,
    /// The cloud whose hosts the string uses.
    #[arg(long, value_parser = choice::<Cloud>(), default_value = "global")]
    pub cloud: Cloud,
    /// Do not print diagnostics on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also copy the string (see --clipboard); the outcome goes to stderr.
    #[arg(long)]
    pub copy: bool,
    /// What to build from.
    #[command(flatten)]
    pub pick: PickArgs,
}

/// The permissions a command works on: a saved selection, a preset, names, or a mix.
#[derive(Debug, Clone, Args)]
#[group(id = "pick", required = true, multiple = true)]
pub struct PickArgs {
    /// Start from a preset: intrexx (what the connector requires) or intrexx-full (plus optional).
    #[arg(long, value_parser = choice::<Preset>(), group = "pick")]
    pub preset: Option<Preset>,
    /// Start from a saved selection (its mode and style apply unless given).
    #[arg(long, value_name = "NAME", group = "pick")]
    pub selection: Option<String>,
    /// Permission names, any casing, with or without the Graph prefix.
    #[arg(value_name = "NAME", group = "pick")]
    pub names: Vec<String>,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to produce.
    #[arg(long, short, value_parser = choice::<Format>())]
    pub format: Format,
    /// Authentication mode: picks the row of each name's type [default: delegated].
    #[arg(long, value_parser = choice::<AuthMode>())]
    pub mode: Option<AuthMode>,
    /// Write to this file (atomically) instead of stdout.
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
    #[arg(long, value_parser = choice::<Cloud>())]
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

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The mode the string is meant for [default: guessed from the string, and said].
    #[arg(long, value_parser = choice::<AuthMode>())]
    pub mode: Option<AuthMode>,
    /// The cloud the string is meant for [default: the one its hosts name, else global].
    #[arg(long, value_parser = choice::<Cloud>())]
    pub cloud: Option<Cloud>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Copy the corrected string, when there is one (see --clipboard).
    #[arg(long)]
    pub copy_fixed: bool,
    /// The scope string; `-` or nothing reads it from standard input.
    #[arg(value_name = "STRING")]
    pub text: Option<String>,
}

/// A domain enum with a fixed set of lowercase command-line keys.
trait Choice: Copy + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn key(self) -> &'static str;
}

impl Choice for PermissionType {
    const ALL: &'static [Self] = &PermissionType::ALL;
    fn key(self) -> &'static str {
        PermissionType::key(self)
    }
}

impl Choice for Cloud {
    const ALL: &'static [Self] = &Cloud::ALL;
    fn key(self) -> &'static str {
        Cloud::key(self)
    }
}

impl Choice for Style {
    const ALL: &'static [Self] = &Style::ALL;
    fn key(self) -> &'static str {
        Style::key(self)
    }
}

impl Choice for ClipboardChoice {
    const ALL: &'static [Self] = &ClipboardChoice::ALL;
    fn key(self) -> &'static str {
        ClipboardChoice::key(self)
    }
}

impl Choice for Preset {
    const ALL: &'static [Self] = &Preset::ALL;
    fn key(self) -> &'static str {
        Preset::key(self)
    }
}

impl Choice for Format {
    const ALL: &'static [Self] = &Format::ALL;
    fn key(self) -> &'static str {
        Format::key(self)
    }
}

impl Choice for IntrexxRole {
    const ALL: &'static [Self] = &IntrexxRole::ALL;
    fn key(self) -> &'static str {
        IntrexxRole::key(self)
    }
}

/// A parser that offers (and completes) exactly the keys of `T`.
fn choice<T: Choice>() -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(T::ALL.iter().map(|c| c.key()))
        .map(|s| *T::ALL.iter().find(|c| c.key() == s).expect("clap only passes listed values"))
}
