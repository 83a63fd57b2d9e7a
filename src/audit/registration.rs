//! Reading an app registration's `requiredResourceAccess`: what permissions
//! the app asks for, as GUIDs with `Scope` (Delegated) or `Role` (Application).
//!
//! Three shapes hold it: the application object (`az ad app show`, Graph
//! `GET /applications/{id}`, which is also what the Entra admin center's
//! manifest editor shows), a Graph collection holding one application
//! (`{"value": [...]}`, `az ad app list` with one app), and the bare array
//! (`az ad app permission list`, the manifest fragment `scopepick export
//! --format manifest` writes). Keys are camelCase or, as Graph PowerShell
//! writes them, PascalCase (`RequiredResourceAccess`, `ResourceAppId`); the
//! entries are read by serde, so an error names its JSON path.

use crate::catalog::{PermissionType, is_guid};
use crate::json::{Misfit, Object, read_at};
use crate::text::excerpt;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
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

/// An application object (`az ad app show`, a manifest): only what the audit needs.
#[derive(Deserialize)]
struct App {
    #[serde(rename = "appId", alias = "AppId", default)]
    app_id: Option<String>,
    #[serde(rename = "displayName", alias = "DisplayName", default)]
    display_name: Option<String>,
    #[serde(rename = "requiredResourceAccess", alias = "RequiredResourceAccess")]
    required_resource_access: Vec<Object<AccessList>>,
}

/// One `requiredResourceAccess` element: a resource and what is asked of it.
#[derive(Deserialize)]
struct AccessList {
    #[serde(rename = "resourceAppId", alias = "ResourceAppId", deserialize_with = "guid")]
    resource_app_id: String,
    #[serde(rename = "resourceAccess", alias = "ResourceAccess")]
    resource_access: Vec<Object<Access>>,
}

/// One `resourceAccess` element: a permission's GUID and whether it is a
/// scope or an app role.
#[derive(Deserialize)]
struct Access {
    #[serde(alias = "Id", deserialize_with = "guid")]
    id: String,
    #[serde(rename = "type", alias = "Type", deserialize_with = "scope_or_role")]
    kind: PermissionType,
}

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
            Value::Array(_) => {
                Ok(Registration { entries: entries(typed(&doc, "")?), ..Registration::default() })
            }
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
    if !is_app(object) {
        let sp = ["oauth2PermissionScopes", "appRoles", "servicePrincipalType"];
        if sp.iter().any(|k| field(object, k).is_some()) {
            return Err(RegistrationError::ServicePrincipal);
        }
        return Err(RegistrationError::Shape);
    }
    let app: App = typed(object, path)?;
    Ok(Registration {
        app_id: app.app_id.map(|id| id.to_ascii_lowercase()),
        display_name: app.display_name,
        entries: entries(app.required_resource_access),
    })
}

/// Every `resourceAccess` entry of the lists, in file order.
fn entries(lists: Vec<Object<AccessList>>) -> Vec<Registered> {
    let per_list = lists.into_iter().map(|Object(list)| {
        let resource_app_id = list.resource_app_id;
        list.resource_access.into_iter().map(move |Object(Access { id, kind })| Registered {
            resource_app_id: resource_app_id.clone(),
            id,
            kind,
        })
    });
    per_list.flatten().collect()
}

/// `value`, found at `path` in the file, read as `T`; what does not fit is
/// an error at its JSON path (`requiredResourceAccess[0].resourceAccess[3].type`).
fn typed<T: DeserializeOwned>(value: &Value, path: &str) -> Read<T> {
    read_at(value, path).map_err(|Misfit { path, message }| {
        let path = if path.is_empty() { "top level".to_string() } else { path };
        RegistrationError::Entry { path, problem: message }
    })
}

/// A GUID, lowercase.
fn guid<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = String::deserialize(d)?;
    if !is_guid(&s) {
        let problem = format!("{} is not a GUID (8-4-4-4-12 hex digits)", excerpt(&s));
        return Err(D::Error::custom(problem));
    }
    Ok(s.to_ascii_lowercase())
}

/// `Scope` is Delegated, `Role` is Application (any casing).
fn scope_or_role<'de, D: Deserializer<'de>>(d: D) -> Result<PermissionType, D::Error> {
    match String::deserialize(d)? {
        t if t.eq_ignore_ascii_case("Scope") => Ok(PermissionType::Delegated),
        t if t.eq_ignore_ascii_case("Role") => Ok(PermissionType::Application),
        t => Err(D::Error::custom(format!("expected Scope or Role, found {}", excerpt(&t)))),
    }
}

/// The value at `key` of an object, the key matched ignoring ASCII case.
pub(super) fn field<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    value.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
}
