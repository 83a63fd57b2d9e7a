//! Arguments of the commands that build, check and audit scope strings.

use crate::catalog::{AuthMode, Cloud};
use crate::cli::complete::{permission_names, selection_names};
use crate::presets::Preset;
use crate::scope::ScopeForm;
use clap::Args;
use clap_complete::ArgValueCompleter;

/// Arguments of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Authentication mode: which type of permission goes in [default: delegated].
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<AuthMode>,
    /// How to write the scopes [default: short in Delegated, default (.default) in
    /// Application mode; short or qualified there warn that sign-in will fail].
    #[arg(long, value_enum, ignore_case = true)]
    pub style: Option<ScopeForm>,
    /// The cloud whose hosts the string uses.
    #[arg(long, value_enum, ignore_case = true, default_value_t)]
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
    /// Start from a preset.
    #[arg(long, value_enum, ignore_case = true, group = "pick")]
    pub preset: Option<Preset>,
    /// Start from a saved selection (its mode and style apply unless given).
    #[arg(long, value_name = "NAME", group = "pick", add = ArgValueCompleter::new(selection_names))]
    pub selection: Option<String>,
    /// Permission names, any casing, with or without the Graph prefix.
    #[arg(
        value_name = "NAME",
        group = "pick",
        value_parser = super::permission_name,
        add = ArgValueCompleter::new(permission_names)
    )]
    pub names: Vec<String>,
}

/// Output formats of `check` and `audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// A readable report.
    Text,
    /// The structured report (docs/json.md).
    Json,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The mode the string is meant for [default: guessed from the string, and said].
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<AuthMode>,
    /// The cloud the string is meant for [default: the one its hosts name, else global].
    #[arg(long, value_enum, ignore_case = true)]
    pub cloud: Option<Cloud>,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Copy the corrected string, when there is one (see --clipboard).
    #[arg(long)]
    pub copy_fixed: bool,
    /// The scope string; `-` or nothing reads it from standard input.
    #[arg(value_name = "STRING", add = ArgValueCompleter::new(permission_names))]
    pub text: Option<String>,
}

/// The long help of `audit`.
pub(super) const AUDIT_HELP: &str = "\
What is compared:
  STRING      the connector's Authentication field (Delegated): the names it asks for
  --app FILE  the app registration: `az ad app show --id \"$APP_ID\"` JSON, the app's
              manifest, or its requiredResourceAccess array; its Scope entries are
              compared with the set's Delegated rows, its Role entries with the
              Application rows (the mode chooses which). A registration only asks:
              a token carries what was granted.
  --grants FILE  what the tenant granted (repeatable): the app's service principal's
              appRoleAssignments (Application) or oauth2PermissionGrants (Delegated;
              tenant-wide grants count, users' own grants are named), as az rest or
              Graph PowerShell print them; delegated grants need Graph's service
              principal id (--graph-sp-id, or a file from az ad sp show).

It lists what is missing, what is extra (not in the set: fine, but named) and
what is usually redundant (a Read beside its family's ReadWrite, by
scopepick's privilege model), and prints the field's string with the missing
ones added.

Examples:
  scopepick audit --preset intrexx \"Calendars.Read Chat.Read offline_access\"
  scopepick audit --preset intrexx-full --format json \"$FIELD\"
  scopepick audit --selection acme - < field.txt
  az ad app show --id \"$APP_ID\" > app.json
  scopepick audit --preset intrexx --mode application --app app.json
  az rest --url \"https://graph.microsoft.com/v1.0/servicePrincipals/$SP_ID/appRoleAssignments\" > roles.json
  scopepick audit --preset intrexx --grants roles.json

Exit codes: 0 nothing missing, 1 something missing or a field check calls failing, 2 bad
input or usage error.";

/// Arguments of `audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// What the customer should have.
    #[command(flatten)]
    pub set: AuditSet,
    /// The mode the connector signs in with [default: the selection's, else delegated].
    #[arg(long, value_enum, ignore_case = true)]
    pub mode: Option<AuthMode>,
    /// The app registration to audit instead of a string: `az ad app show` JSON,
    /// a manifest or a requiredResourceAccess array; `-` reads standard input.
    #[arg(long, value_name = "FILE", conflicts_with = "text", value_hint = clap::ValueHint::FilePath)]
    pub app: Option<String>,
    /// What the tenant granted, instead of a string or the registration: Graph
    /// JSON of the app's appRoleAssignments or oauth2PermissionGrants (az rest,
    /// or Graph PowerShell's ConvertTo-Json), and `az ad sp show` of Graph; repeatable.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["text", "app"],
        value_hint = clap::ValueHint::FilePath
    )]
    pub grants: Vec<String>,
    /// The object id of Microsoft Graph's service principal in the tenant, which
    /// delegated grants name as their resourceId (az ad sp show --id
    /// 00000003-0000-0000-c000-000000000000 --query id).
    #[arg(long, value_name = "ID")]
    pub graph_sp_id: Option<String>,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// The connector's field; `-` or nothing (without --app) reads it from standard input.
    #[arg(value_name = "STRING", add = ArgValueCompleter::new(permission_names))]
    pub text: Option<String>,
}

/// The set an audit compares with: one preset, one saved selection, or the
/// minimal basket of the calls an app makes.
#[derive(Debug, Clone, Args)]
#[group(id = "set", required = true, multiple = false)]
pub struct AuditSet {
    /// What an Intrexx preset lists: intrexx (required) or intrexx-full (plus optional).
    #[arg(long, value_enum, ignore_case = true)]
    pub preset: Option<Preset>,
    /// The permissions of a saved selection (its mode applies unless --mode is given).
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(selection_names))]
    pub selection: Option<String>,
    /// The minimal basket of the calls in FILE (read as `api --from` reads it; `-` for stdin).
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub calls: Option<std::path::PathBuf>,
}
