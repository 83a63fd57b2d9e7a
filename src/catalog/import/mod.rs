//! Importing the permissions of a resource from an export of the tenant's
//! service principal of it: Microsoft Graph's, or another resource's of
//! scopepick's table (Office 365 Exchange Online's). Pure: text in, catalog
//! out; reading files and stdin is the caller's job.

mod clean;
mod merge;
mod shape;
#[cfg(test)]
mod tests;

use super::load::validate;
use super::{Catalog, CatalogError, Permission, PermissionType, Resource};
use shape::{Found, Located};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use thiserror::Error;

pub use merge::merge_import;

/// The name an imported catalog carries (shown in the TUI header).
const CATALOG_NAME: &str = "Microsoft Graph export";

/// One export to import: its text and what to call it in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSource {
    /// The file path, or `-` for stdin; only used in messages.
    pub name: String,
    /// The JSON text of the export.
    pub text: String,
}

/// The imported catalog and what the caller should tell the user about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The validated catalog, sorted by name (ignoring case), then type.
    pub catalog: Catalog,
    /// Rows of the embedded Intrexx catalog the export does not hold.
    pub missing_embedded: Vec<(String, PermissionType)>,
    /// Number of Delegated rows.
    pub delegated: usize,
    /// Number of Application rows.
    pub application: usize,
    /// Number of rows that need admin consent.
    pub admin_consent: usize,
    /// For each source, in order: the Delegated and Application rows it holds
    /// (a row in two sources counts in both).
    pub per_source: Vec<(usize, usize)>,
}

/// Why an import failed. Every message is one line naming the source and,
/// where it applies, the place in it.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImportError {
    /// The text is not JSON; serde's message ends with the line and column.
    #[error("{source_name}: not JSON: {message}")]
    Syntax {
        /// The source's name.
        source_name: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What serde reported.
        message: String,
    },
    /// The JSON is not a Graph export, or a value in it is wrong.
    #[error("{source_name}: {path}: {problem}")]
    Invalid {
        /// The source's name.
        source_name: String,
        /// The JSON path, e.g. `appRoles[12].id`, or `top level`.
        path: String,
        /// What is wrong there.
        problem: Box<ImportProblem>,
    },
    /// The sources hold no enabled permission at all.
    #[error("no enabled Microsoft Graph permissions in {sources}")]
    Empty {
        /// The sources' names, comma-separated.
        sources: String,
    },
    /// The imported rows break a catalog rule (a safety net behind the checks above).
    #[error(transparent)]
    Catalog(#[from] CatalogError),
}

/// What is wrong at one place in an export.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum ImportProblem {
    /// Neither a service principal, a collection holding one, nor a list of
    /// permission scopes or app roles.
    #[error(
        "not a Microsoft Graph export (expected the service principal, a collection \
         response holding it, or a PowerShell array of Oauth2PermissionScopes or AppRoles)"
    )]
    UnknownShape,
    /// A service principal of an application that is no resource scopepick knows.
    #[error("{0} is not the appId of a resource scopepick knows ({known})", known = known_app_ids())]
    UnknownResource(String),
    /// A field scopepick needs is absent.
    #[error("missing")]
    Missing,
    /// A value does not fit: the wrong JSON type (serde's words, with the value).
    #[error("{0}")]
    Misfit(String),
    /// A text field is empty (a description may be empty only of control characters).
    #[error("empty")]
    Empty,
    /// A text field exceeds its cap.
    #[error("{len} {unit} long, more than the {max} allowed")]
    TooLong {
        /// Its length.
        len: usize,
        /// The cap.
        max: usize,
        /// `characters` or `bytes`.
        unit: &'static str,
    },
    /// A name holds a control character (quoted, escaped and shortened).
    #[error("{0} contains a control character")]
    ControlInName(String),
    /// A name holds a format character or is scope syntax (quoted and shortened).
    #[error("{0} {1}")]
    BadName(String, crate::text::NameFault),
    /// A name holds whitespace, a comma or a semicolon (quoted and shortened).
    #[error("{0} contains whitespace, a comma or a semicolon")]
    Separator(String),
    /// An id is not a GUID (quoted and shortened).
    #[error("{0} is not a GUID (8-4-4-4-12 hex digits)")]
    BadGuid(String),
    /// A delegated permission's type is neither `Admin` nor `User` (quoted and shortened).
    #[error("{0} is not a consent type (expected Admin or User)")]
    ConsentType(String),
    /// The same name and type came twice with different ids.
    #[error("{name} ({kind}) has the id {id}, but {first_at} gives it {first_id}")]
    ConflictingIds {
        /// The name as written here.
        name: String,
        /// The type.
        kind: PermissionType,
        /// The id here.
        id: String,
        /// Where it came first: `source: path`.
        first_at: String,
        /// The id there.
        first_id: String,
    },
}

/// `Microsoft Graph 00000003-…, Office 365 Exchange Online 00000002-…`.
fn known_app_ids() -> String {
    let known: Vec<String> = Resource::all().map(|r| format!("{r} {}", r.app_id())).collect();
    known.join(", ")
}

/// Imports the permissions held by `sources` (each a service principal,
/// a collection response, or a PowerShell array; see `docs/catalog.md`),
/// keeping the Intrexx roles of `embedded` on matching (name, type) rows.
/// Entries that are disabled or not offered to applications are left out, and
/// rows repeated with the same id are merged. A leading byte order mark (as
/// Windows PowerShell writes) is ignored.
pub fn import_exports(
    sources: &[ImportSource],
    embedded: &Catalog,
) -> Result<ImportOutcome, ImportError> {
    let (mut permissions, keys, per_source) = read_sources(sources)?;
    if permissions.is_empty() {
        let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
        let sources = if names.is_empty() { "no input".to_string() } else { names.join(", ") };
        return Err(ImportError::Empty { sources });
    }
    for p in &mut permissions {
        p.intrexx = embedded.find_in(p.resource, &p.name, p.kind).and_then(|e| e.intrexx);
    }
    permissions.sort_by_cached_key(sort_key);
    let missing_embedded = embedded
        .permissions
        .iter()
        .filter(|e| !keys.contains_key(&key(e)))
        .map(|e| (e.name.clone(), e.kind))
        .collect();
    let catalog = Catalog { name: CATALOG_NAME.to_string(), permissions };
    validate(&catalog, CATALOG_NAME)?;
    let count = |f: fn(&&Permission) -> bool| catalog.permissions.iter().filter(f).count();
    Ok(ImportOutcome {
        delegated: count(|p| p.kind == PermissionType::Delegated),
        application: count(|p| p.kind == PermissionType::Application),
        admin_consent: count(|p| p.admin_consent),
        per_source,
        missing_embedded,
        catalog,
    })
}

/// A row's identity: resource, name ignoring ASCII case (as [`validate`]
/// compares), and type.
type Key = (Resource, String, PermissionType);

fn key(p: &Permission) -> Key {
    (p.resource, p.name.to_ascii_lowercase(), p.kind)
}

/// The order of an imported or merged catalog: by name ignoring case, type,
/// name, then resource (Graph's first).
fn sort_key(p: &Permission) -> (String, PermissionType, String, Resource) {
    (p.name.to_lowercase(), p.kind, p.name.clone(), p.resource)
}

/// For each row read: its id and where it was first seen (`source: path`).
type FirstSeen = HashMap<Key, (String, String)>;

/// The permissions of all sources in reading order, duplicates merged.
/// What the sources hold: every row once by (name, type), where each was
/// first seen, and each source's own Delegated and Application counts.
type ReadSources = (Vec<Permission>, FirstSeen, Vec<(usize, usize)>);

/// Reads every source; see [`ReadSources`].
fn read_sources(sources: &[ImportSource]) -> Result<ReadSources, ImportError> {
    let mut permissions = Vec::new();
    let mut first_seen = FirstSeen::new();
    let mut per_source = Vec::new();
    for source in sources {
        let mut own = std::collections::HashSet::new();
        let invalid = |Located { path, problem }: Located| ImportError::Invalid {
            source_name: source.name.clone(),
            path: if path.is_empty() { "top level".to_string() } else { path },
            problem,
        };
        let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
        let doc = serde_json::from_str(text).map_err(|e| ImportError::Syntax {
            source_name: source.name.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        for Found { permission: p, path } in shape::read_document(&doc).map_err(invalid)? {
            own.insert(key(&p));
            match first_seen.entry(key(&p)) {
                Entry::Vacant(slot) => {
                    slot.insert((p.id.clone(), format!("{}: {path}", source.name)));
                    permissions.push(p);
                }
                Entry::Occupied(seen) if seen.get().0 == p.id => {}
                Entry::Occupied(seen) => {
                    let (first_id, first_at) = seen.get().clone();
                    let problem = ImportProblem::ConflictingIds {
                        name: p.name,
                        kind: p.kind,
                        id: p.id,
                        first_at,
                        first_id,
                    };
                    return Err(invalid(Located::new(path, problem)));
                }
            }
        }
        let delegated =
            own.iter().filter(|(_, _, kind)| *kind == PermissionType::Delegated).count();
        per_source.push((delegated, own.len() - delegated));
    }
    Ok((permissions, first_seen, per_source))
}
