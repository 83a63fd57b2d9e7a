//! Reading an app registration's `requiredResourceAccess`: what permissions
//! the app asks for, as GUIDs with `Scope` (Delegated) or `Role` (Application).
//!
//! Three shapes hold it: the application object (`az ad app show`, Graph
//! `GET /applications/{id}`, which is also what the Entra admin center's
//! manifest editor shows), a Graph collection holding one application
//! (`{"value": [...]}`, `az ad app list` with one app), and the bare array
//! (`az ad app permission list`, the manifest fragment `scopepick export
//! --format manifest` writes). Keys are matched ignoring case, so Graph
//! PowerShell's PascalCase (`RequiredResourceAccess`, `ResourceAppId`) reads too.

use crate::catalog::{PermissionType, is_guid};
use crate::text::json_kind;
use serde_json::Value;
use thiserror::Error;

/// What to run to get a file `audit --app` reads: the end of every
/// [`RegistrationError`] and of the caller's read errors.
pub const EXPORT_HINT: &str = "export it with az ad app show --id \"$APP_ID\" > app.json";

/// One `resourceAccess` entry of an app registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    /// The resource's application ID (`resourceAppId`), lowercase.
    pub resource_app_id: String,
    /// The permission's GUID, lowercase.
    pub id: String,
    /// `Scope` is Delegated, `Role` is Application.
    pub kind: PermissionType,
}

/// The permissions an app registration asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registration {
    /// The app's Application (client) ID, when the file holds it.
    pub app_id: Option<String>,
    /// The app's display name, when the file holds it.
    pub display_name: Option<String>,
    /// Every `resourceAccess` entry, in file order.
    pub entries: Vec<Registered>,
}

/// Why a file is not an app registration scopepick can read. Each message is
/// one line that says what to do; the caller names the file.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum RegistrationError {
    /// The text is not JSON.
    #[error("not JSON ({message}): {EXPORT_HINT}")]
    Syntax {
        /// What serde reported, with line and column.
        message: String,
    },
    /// JSON, but no `requiredResourceAccess` anywhere scopepick looks.
    #[error(
        "not an app registration (expected az ad app show JSON, an app manifest or a \
         requiredResourceAccess array): {EXPORT_HINT}"
    )]
    Shape,
    /// A service principal (what `catalog import` reads), not an application.
    #[error(
        "a service principal, not an app registration (scopepick catalog import reads \
         those): {EXPORT_HINT}"
    )]
    ServicePrincipal,
    /// A list of several applications.
    #[error("{count} app registrations in one file: {EXPORT_HINT}")]
    SeveralApps {
        /// How many.
        count: usize,
    },
    /// A value inside `requiredResourceAccess` is wrong.
    #[error("{path}: {problem}; {EXPORT_HINT}")]
    Entry {
        /// The JSON path, e.g. `requiredResourceAccess[0].resourceAccess[3].type`.
        path: String,
        /// What is wrong there.
        problem: String,
    },
}

type Read<T> = Result<T, RegistrationError>;

impl Registration {
    /// Reads an app registration from JSON text (a leading byte order mark is ignored).
    pub fn parse(text: &str) -> Read<Registration> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc: Value = serde_json::from_str(text)
            .map_err(|e| RegistrationError::Syntax { message: e.to_string() })?;
        match &doc {
            Value::Array(items) if !items.is_empty() && items.iter().all(is_app) => {
                one_app(items, "")
            }
            Value::Array(items) => Ok(Registration {
                entries: read_access_lists(items, "")?,
                ..Registration::default()
            }),
            Value::Object(_) => match field(&doc, "value") {
                Some(Value::Array(items)) if !is_app(&doc) => one_app(items, "value"),
                _ => read_app(&doc, ""),
            },
            _ => Err(RegistrationError::Shape),
        }
    }
}

/// Whether `value` is an object with `requiredResourceAccess`.
fn is_app(value: &Value) -> bool {
    field(value, "requiredResourceAccess").is_some()
}

/// The one application of a list; none or several is an error.
fn one_app(items: &[Value], path: &str) -> Read<Registration> {
    match items {
        [item @ Value::Object(_)] => read_app(item, &format!("{path}[0]")),
        [_] | [] => Err(RegistrationError::Shape),
        _ => Err(RegistrationError::SeveralApps { count: items.len() }),
    }
}

/// An application object: its ids and `requiredResourceAccess`.
fn read_app(object: &Value, path: &str) -> Read<Registration> {
    let Some((key, lists)) = field_with_key(object, "requiredResourceAccess") else {
        let sp = ["oauth2PermissionScopes", "appRoles", "servicePrincipalType"];
        if sp.iter().any(|k| field(object, k).is_some()) {
            return Err(RegistrationError::ServicePrincipal);
        }
        return Err(RegistrationError::Shape);
    };
    let path = join(path, key);
    let Value::Array(lists) = lists else {
        return Err(entry_error(&path, format!("expected an array, found {}", json_kind(lists))));
    };
    let text = |k| field(object, k).and_then(Value::as_str).map(str::to_string);
    Ok(Registration {
        app_id: text("appId").map(|id| id.to_ascii_lowercase()),
        display_name: text("displayName"),
        entries: read_access_lists(lists, &path)?,
    })
}

/// The entries of a `requiredResourceAccess` array.
fn read_access_lists(lists: &[Value], path: &str) -> Read<Vec<Registered>> {
    let mut entries = Vec::new();
    for (i, list) in lists.iter().enumerate() {
        let at = format!("{path}[{i}]");
        let resource_app_id = guid_at(list, "resourceAppId", &at)?;
        let (key, access) = field_with_key(list, "resourceAccess")
            .ok_or_else(|| entry_error(&join(&at, "resourceAccess"), "missing".into()))?;
        let access_path = join(&at, key);
        let Value::Array(access) = access else {
            let found = json_kind(access);
            return Err(entry_error(&access_path, format!("expected an array, found {found}")));
        };
        for (j, item) in access.iter().enumerate() {
            let at = format!("{access_path}[{j}]");
            let id = guid_at(item, "id", &at)?;
            let kind = match string_at(item, "type", &at)? {
                t if t.eq_ignore_ascii_case("Scope") => PermissionType::Delegated,
                t if t.eq_ignore_ascii_case("Role") => PermissionType::Application,
                t => {
                    let problem = format!("expected Scope or Role, found {}", quoted(t));
                    return Err(entry_error(&join(&at, "type"), problem));
                }
            };
            entries.push(Registered { resource_app_id: resource_app_id.clone(), id, kind });
        }
    }
    Ok(entries)
}

/// The string at `key` of `value`, or an error at `path.key`.
fn string_at<'v>(value: &'v Value, key: &'static str, path: &str) -> Read<&'v str> {
    match field_with_key(value, key) {
        Some((_, Value::String(s))) => Ok(s),
        Some((k, other)) => Err(entry_error(
            &join(path, k),
            format!("expected a string, found {}", json_kind(other)),
        )),
        None if !value.is_object() => {
            Err(entry_error(path, format!("expected an object, found {}", json_kind(value))))
        }
        None => Err(entry_error(&join(path, key), "missing".into())),
    }
}

/// The GUID at `key` of `value`, lowercase.
fn guid_at(value: &Value, key: &'static str, path: &str) -> Read<String> {
    let s = string_at(value, key, path)?;
    if !is_guid(s) {
        let problem = format!("{} is not a GUID (8-4-4-4-12 hex digits)", quoted(s));
        return Err(entry_error(&join(path, key), problem));
    }
    Ok(s.to_ascii_lowercase())
}

/// The value at `key` of an object, the key matched ignoring ASCII case.
pub(super) fn field<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    field_with_key(value, key).map(|(_, v)| v)
}

/// [`field`] with the key as the file spells it.
pub(super) fn field_with_key<'v>(value: &'v Value, key: &str) -> Option<(&'v str, &'v Value)> {
    value
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(k, v)| (k.as_str(), v))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

fn entry_error(path: &str, problem: String) -> RegistrationError {
    RegistrationError::Entry { path: crate::text::printable(path).into_owned(), problem }
}

/// At most 40 characters of `value`, quoted and escaped.
fn quoted(value: &str) -> String {
    match value.char_indices().nth(40) {
        Some((end, _)) => format!("{:?}…", &value[..end]),
        None => format!("{value:?}"),
    }
}
