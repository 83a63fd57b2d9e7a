//! Hand-off to the tenant admin: the selected permissions as an app manifest
//! fragment, Azure CLI or PowerShell commands, an admin consent URL, or a
//! consent sheet (Markdown, CSV). Pure functions: text in, text out.
//!
//! Which rows a format uses:
//! - The registration formats (`manifest`, `az`, `powershell`, `markdown`,
//!   `csv`) describe the app registration, which serves both sign-in modes:
//!   they take every row, whatever the mode (`Scope` for Delegated rows,
//!   `Role` for Application rows).
//! - `consent-url` follows the mode, like the scope string: Delegated names
//!   the Delegated rows, Application asks for `/.default` ([`FormatSpec::mode_only`]),
//!   one URL per resource; each row of the other type is named in a note and
//!   counted in [`Export::left_out`].
//!
//! Every export drops repeated rows (same type and name, ignoring case) and
//! lists the rows Delegated before Application, Graph names (ignoring case)
//! before the OpenID scopes, the order of the scope string. The text has lines
//! separated by `\n` and no trailing newline. What the admin or consultant
//! must know but is not part of the text (placeholders, warnings) comes back
//! as [`Export::notes`], one line each, for stderr or the status line.

mod az;
mod consent_url;
mod manifest;
mod powershell;
mod sheet;

pub use consent_url::random_state;

use crate::catalog::{AuthMode, Cloud, Permission, PermissionType, Resource, is_guid};
use crate::choice::Choice;
use crate::text::printable;
use strum::{Display, IntoStaticStr, VariantArray};
use thiserror::Error;

/// The tenant of the consent URL when none is given: any work or school tenant.
pub const DEFAULT_TENANT: &str = "organizations";

/// An output format for the tenant admin. Its key (`consent-url`) comes
/// from the variant name; everything else the CLI, the picker and the docs
/// need to know about it is its row of [`Format::spec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Display, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Format {
    /// `requiredResourceAccess` JSON for the app registration manifest.
    Manifest,
    /// Azure CLI: `az ad app permission add`, grants and app role assignments with `az rest`.
    Az,
    /// Microsoft Graph PowerShell: registration, delegated grants and app role assignments.
    Powershell,
    /// The admin consent URL of the Microsoft identity platform.
    ConsentUrl,
    /// Consent sheet as a Markdown table with a summary line.
    Markdown,
    /// Consent sheet as CSV: a header row and one row per permission.
    Csv,
}

impl Choice for Format {}

/// One format's facts, so that a new format is a variant, a row and its
/// renderer: `export --format` help, the picker's export menu, the questions
/// it asks before the preview and the file name it proposes all read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FormatSpec {
    /// One line for menus and help texts.
    pub help: &'static str,
    /// The extension of the file name the picker proposes (`scopepick-az.sh`).
    pub extension: &'static str,
    /// Whether the text names the app registration's client ID (a placeholder without one).
    pub needs_app_id: bool,
    /// Whether it is a script that signs in to the customer's tenant: the
    /// picker asks for the tenant, and without one the script asks the admin.
    pub signs_in_to_tenant: bool,
    /// Whether it sends the admin to the connector's redirect URI (with a random `state`).
    pub needs_redirect_uri: bool,
    /// Whether it takes only the rows of the mode's type, like the scope
    /// string; the registration formats take every row.
    pub mode_only: bool,
}

impl Format {
    /// The format's row of facts; what a row leaves out is `false`.
    pub fn spec(self) -> FormatSpec {
        match self {
            Format::Manifest => FormatSpec {
                help: "requiredResourceAccess JSON for the app registration manifest",
                extension: "json",
                ..FormatSpec::default()
            },
            Format::Az => FormatSpec {
                help: "Azure CLI script: register, grant Delegated and Application rows (rerunnable)",
                extension: "sh",
                needs_app_id: true,
                signs_in_to_tenant: true,
                ..FormatSpec::default()
            },
            Format::Powershell => FormatSpec {
                help: "Graph PowerShell script: register, grant Delegated and Application rows (rerunnable)",
                extension: "ps1",
                needs_app_id: true,
                signs_in_to_tenant: true,
                ..FormatSpec::default()
            },
            Format::ConsentUrl => FormatSpec {
                help: "admin consent URLs (one per resource) for a tenant administrator",
                extension: "txt",
                needs_app_id: true,
                needs_redirect_uri: true,
                mode_only: true,
                ..FormatSpec::default()
            },
            Format::Markdown => FormatSpec {
                help: "consent sheet for the admin as a Markdown table",
                extension: "md",
                ..FormatSpec::default()
            },
            Format::Csv => FormatSpec {
                help: "consent sheet for the admin as CSV (header and one row each)",
                extension: "csv",
                ..FormatSpec::default()
            },
        }
    }

    /// One line for menus and help texts, as [`crate::presets::Preset::describe`].
    pub fn describe(self) -> &'static str {
        self.spec().help
    }
}

/// Values that fill the placeholders of the exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// The app registration's Application (client) ID, a GUID: `az --id`,
    /// the consent URL's `client_id`, the PowerShell lookups. A placeholder
    /// (with a note naming `--app-id`) when `None`.
    pub app_id: Option<String>,
    /// The customer's tenant: tenant ID, domain name or `organizations` (the default).
    pub tenant: String,
    /// The consent URL's `redirect_uri`; required by that format.
    pub redirect_uri: Option<String>,
    /// The consent URL's `state`; left out when `None` (callers pass a random one).
    pub state: Option<String>,
    /// The cloud: sign-in host, resource hosts, `az cloud set`, `-Environment`.
    pub cloud: Cloud,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            app_id: None,
            tenant: DEFAULT_TENANT.to_string(),
            redirect_uri: None,
            state: None,
            cloud: Cloud::Global,
        }
    }
}

impl ExportOptions {
    /// Whether a tenant other than the default was given (the scripts then sign in to it).
    fn named_tenant(&self) -> Option<&str> {
        let generic = ["organizations", "common"];
        (!generic.iter().any(|t| t.eq_ignore_ascii_case(&self.tenant))).then_some(&self.tenant)
    }
}

/// An export: the text and what to tell the user beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The text for the admin, without a trailing newline.
    pub text: String,
    /// One-line notes for stderr: placeholders and the option that fills them, warnings.
    pub notes: Vec<String>,
    /// How many rows no part of the text carries (each named in a note): the
    /// consent URL's rows of the other type or of a resource without a host
    /// in the cloud. The CLI exits 1 when this is not 0.
    pub left_out: usize,
}

/// The app ID placeholder and the note naming the option that fills it.
const APP_ID_PLACEHOLDER: &str = "<APP_ID>";

/// The note printed whenever [`APP_ID_PLACEHOLDER`] is in the text.
pub const APP_ID_NOTE: &str = "note: <APP_ID> is a placeholder: pass --app-id GUID (the app registration's Application (client) ID) or store it with `scopepick selection set NAME --app-id GUID`";

/// The warning for a script exported without `--tenant`.
pub const NO_TENANT_WARNING: &str = "warning: no --tenant: the script acts in the tenant the admin is signed in to; it asks for confirmation on the terminal and stops without one: pass --tenant with the customer's tenant ID or domain";

/// Why an export could not be produced; each message is one line.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum ExportError {
    /// No rows were given.
    #[error("nothing to export: no permissions selected")]
    NoRows,
    /// A mode-only format got no row of the mode's type.
    #[error(
        "nothing to export: {format} in {mode} mode takes only {mode} permissions, and none is selected"
    )]
    NoneOfMode {
        /// The requested format.
        format: Format,
        /// The mode it was requested for.
        mode: AuthMode,
    },
    /// Names that are not Graph permission names (letters, digits, `.`, `_`, `-`).
    #[error("not a Microsoft Graph permission name: {}", quoted(.names))]
    BadNames {
        /// The offending names.
        names: Vec<String>,
    },
    /// Rows whose id is empty or not a GUID.
    #[error("no valid GUID for {}: the export needs each permission's id", .names.join(", "))]
    MissingIds {
        /// The names of the rows without a GUID.
        names: Vec<String>,
    },
    /// The consent URL without a redirect URI.
    #[error(
        "the admin consent URL needs the connector's redirect URI: pass --redirect-uri URL or store it with `scopepick selection set NAME --redirect-uri URL`"
    )]
    NoRedirectUri,
    /// Rows of a resource that has no confirmed host in the cloud asked for.
    #[error(
        "{} {} to {resource}, which has no known host in the {cloud} cloud: remove {} or use another --cloud",
        .names.join(", "),
        crate::text::plural(.names.len(), "belongs", "belong"),
        crate::text::plural(.names.len(), "it", "them")
    )]
    NoHostInCloud {
        /// The rows of that resource.
        names: Vec<String>,
        /// The resource.
        resource: Resource,
        /// The cloud asked for.
        cloud: Cloud,
    },
    /// An option value that cannot go into the output.
    #[error("{option} {value:?} is not valid: expected {expected}")]
    BadOption {
        /// The option in words, e.g. `client ID`.
        option: &'static str,
        /// The value as given.
        value: String,
        /// What a valid value looks like.
        expected: &'static str,
    },
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
}

/// Renders `rows` in `format` for `mode`, filling placeholders from `options`.
///
/// See the module documentation for which rows each format uses and in which
/// order. Fails when nothing is left to export, when a row has no Graph-style
/// name or no GUID, when an option value cannot go into the output, or when
/// the consent URL has no redirect URI.
pub fn export(
    rows: &[&Permission],
    mode: AuthMode,
    format: Format,
    options: &ExportOptions,
) -> Result<Export, ExportError> {
    validate_options(options)?;
    let rows = unique_sorted(rows);
    if rows.is_empty() {
        return Err(ExportError::NoRows);
    }
    if format.spec().mode_only && !rows.iter().any(|p| p.kind == mode) {
        return Err(ExportError::NoneOfMode { format, mode });
    }
    let used = rows;
    validate_rows(&used)?;
    let hostless = used.iter().map(|p| granted_on(p)).find(|r| r.origin(options.cloud).is_none());
    if let Some(resource) = hostless.filter(|_| format != Format::ConsentUrl) {
        let names = used.iter().filter(|p| granted_on(p) == resource).map(|p| p.name.clone());
        return Err(ExportError::NoHostInCloud {
            names: names.collect(),
            resource,
            cloud: options.cloud,
        });
    }
    let mut notes = Vec::new();
    let mut left_out = 0;
    let text = match format {
        Format::Manifest => manifest::render(&used),
        Format::Az => az::render(&used, options),
        Format::Powershell => powershell::render(&used, options),
        Format::ConsentUrl => {
            let urls = consent_url::render(&used, mode, options, &mut notes)?;
            left_out = urls.left_out;
            urls.text
        }
        Format::Markdown => sheet::markdown(&used),
        Format::Csv => sheet::csv(&used),
    };
    if text.contains(APP_ID_PLACEHOLDER) {
        notes.insert(0, APP_ID_NOTE.to_string());
    }
    let resource_notes =
        crate::scope::resource_notes(used.iter().map(|p| (p.name.as_str(), p.kind)));
    notes.extend(resource_notes.iter().map(ToString::to_string));
    if format.spec().signs_in_to_tenant && options.named_tenant().is_none() {
        notes.push(NO_TENANT_WARNING.to_string());
    }
    Ok(Export { text, notes, left_out })
}

/// The resource whose service principal a row is granted on: the one its
/// token is for (Exchange Online for Graph's mail-protocol rows, whose
/// tokens are for `outlook.office.com`), read from the resource table.
fn granted_on(p: &Permission) -> Resource {
    Resource::audience_of(p)
}

/// The resource a row is registered under (`requiredResourceAccess`): the
/// one that publishes its id, the row's own.
fn registered_under(p: &Permission) -> Resource {
    p.resource
}

/// The Delegated rows' names per resource they are granted on, resources
/// without any left out: one tenant-wide grant each in the scripts.
fn delegated_by_resource<'p>(rows: &[&'p Permission]) -> Vec<(Resource, Vec<&'p str>)> {
    Resource::all()
        .map(|r| {
            let names = rows
                .iter()
                .filter(|p| p.kind == PermissionType::Delegated && granted_on(p) == r)
                .map(|p| p.name.as_str())
                .collect();
            (r, names)
        })
        .filter(|(_, names): &(Resource, Vec<&str>)| !names.is_empty())
        .collect()
}

/// The app ID as given, or the placeholder.
fn app_id_or_placeholder(options: &ExportOptions) -> &str {
    options.app_id.as_deref().unwrap_or(APP_ID_PLACEHOLDER)
}

/// The rows without repeats (same resource, type and name ignoring case), in export order.
fn unique_sorted<'p>(rows: &[&'p Permission]) -> Vec<&'p Permission> {
    let mut unique: Vec<&Permission> = Vec::with_capacity(rows.len());
    for &p in rows {
        let same = |q: &&Permission| {
            q.resource == p.resource && q.kind == p.kind && q.name.eq_ignore_ascii_case(&p.name)
        };
        if !unique.iter().any(same) {
            unique.push(p);
        }
    }
    unique.sort_by_key(|p| (p.kind, p.is_openid(), p.name.to_ascii_lowercase()));
    unique
}

/// Names must be Graph-style (so they need no quoting anywhere) and ids GUIDs.
fn validate_rows(rows: &[&Permission]) -> Result<(), ExportError> {
    let names_where = |bad: fn(&Permission) -> bool| -> Vec<String> {
        rows.iter().filter(|p| bad(p)).map(|p| p.name.clone()).collect()
    };
    let bad_names = names_where(|p| !is_graph_name(&p.name));
    if !bad_names.is_empty() {
        return Err(ExportError::BadNames { names: bad_names });
    }
    let missing_ids = names_where(|p| !is_guid(&p.id));
    if !missing_ids.is_empty() {
        return Err(ExportError::MissingIds { names: missing_ids });
    }
    Ok(())
}

fn is_graph_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
}

/// Checks a customer's IDs as the exports would, so a selection never stores
/// a value that no export can use.
pub fn check_profile(profile: &crate::saved::Profile) -> Result<(), ExportError> {
    validate_options(&ExportOptions {
        app_id: profile.app_id.clone(),
        tenant: profile.tenant.clone().unwrap_or_else(|| DEFAULT_TENANT.to_string()),
        redirect_uri: profile.redirect_uri.clone(),
        state: None,
        cloud: profile.cloud.unwrap_or_default(),
    })
}

fn validate_options(options: &ExportOptions) -> Result<(), ExportError> {
    let check = |option, value: Option<&String>, ok: fn(&str) -> bool, expected| match value {
        Some(v) if !ok(v) => Err(ExportError::BadOption { option, value: v.clone(), expected }),
        _ => Ok(()),
    };
    check("tenant", Some(&options.tenant), is_tenant, "a tenant ID, a domain or organizations")?;
    check("app ID", options.app_id.as_ref(), is_guid, "the Application (client) ID, a GUID")?;
    check("redirect URI", options.redirect_uri.as_ref(), is_token, "a URI without spaces")?;
    check("state", options.state.as_ref(), is_token, "text without spaces")
}

/// A tenant ID or domain: letters, digits, `.` and `-` only, so it is one
/// word in a shell, in PowerShell and in a URL path.
fn is_tenant(value: &str) -> bool {
    !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
}

/// Non-empty, without whitespace or control characters.
fn is_token(value: &str) -> bool {
    !value.is_empty() && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// `Scope` for a Delegated permission, `Role` for an Application one, as the
/// manifest and the Azure CLI call them.
fn access_type(kind: PermissionType) -> &'static str {
    match kind {
        PermissionType::Delegated => "Scope",
        PermissionType::Application => "Role",
    }
}

/// Catalog text on one line: whitespace runs become one space, other control
/// characters a visible `�`, so it cannot break a comment, a cell or a terminal.
fn one_line(text: &str) -> String {
    printable(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// `Name (Type), Name (Type)` for comments.
fn names_with_types(rows: &[&Permission]) -> String {
    rows.iter()
        .map(|p| format!("{} ({})", one_line(&p.name), p.kind))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
