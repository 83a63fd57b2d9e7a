//! Recognising the shape of an export and reading its permission entries.
//!
//! Three shapes hold the same objects: the servicePrincipal itself (Graph REST,
//! `az ad sp show`), a collection response wrapping it (`{"value": [...]}`),
//! and the bare arrays Graph PowerShell writes. Keys are camelCase in the first
//! two and PascalCase in the third; a PowerShell dump of the whole service
//! principal (PascalCase, with `Oauth2PermissionScopes` and `AppRoles`) is read
//! too, as is an array holding service principals (`az ad sp list`).
//!
//! A service principal's `appId` says whose permissions it holds: Microsoft
//! Graph's or another resource's of scopepick's table (Exchange Online's);
//! the bare arrays carry no appId and are Graph's.

use super::ImportProblem;
use super::clean::{check_name, check_text};
use crate::catalog::{DescriptionSource, Permission, PermissionType, Resource, is_guid};
use crate::json::{Misfit, Object, present, read_at};
use crate::text::excerpt;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// A problem at a JSON path (empty for the top level) inside one source.
#[derive(Debug)]
pub(super) struct Located {
    /// Where, e.g. `appRoles[12].id`.
    pub path: String,
    /// What is wrong there (boxed: errors stay small on the happy path).
    pub problem: Box<ImportProblem>,
}

impl Located {
    /// `problem` at `path`.
    pub(super) fn new(path: String, problem: ImportProblem) -> Located {
        Located { path, problem: Box::new(problem) }
    }
}

/// An enabled permission read from an export, with the path it came from.
pub(super) struct Found {
    /// The permission, checked and cleaned; no Intrexx role yet.
    pub permission: Permission,
    /// Its JSON path, for duplicate reports.
    pub path: String,
}

type Read<T> = Result<T, Located>;

/// Reads every enabled permission of one parsed document, whatever its shape.
pub(super) fn read_document(doc: &Value) -> Read<Vec<Found>> {
    let mut found = Vec::new();
    match doc {
        Value::Array(items) => read_items(items, "", &mut found)?,
        Value::Object(map) => match map.get("value") {
            Some(Value::Array(items)) => read_items(items, "value", &mut found)?,
            _ => read_item(doc, String::new(), &mut found)?,
        },
        _ => return Err(Located::new(String::new(), ImportProblem::UnknownShape)),
    }
    Ok(found)
}

fn read_items(items: &[Value], path: &str, found: &mut Vec<Found>) -> Read<()> {
    items
        .iter()
        .enumerate()
        .try_for_each(|(i, item)| read_item(item, format!("{path}[{i}]"), found))
}

/// What an object in an export is.
enum Item {
    ServicePrincipal,
    Entry(PermissionType),
}

/// What `map` is and which key spelling it uses, told apart by its keys.
fn classify(map: &Map<String, Value>) -> Option<(Item, Case)> {
    [Case::Camel, Case::Pascal].into_iter().find_map(|case| {
        let has = |key| map.contains_key(case.key(key).as_ref());
        let item = if has("oauth2PermissionScopes") || has("appRoles") {
            Item::ServicePrincipal
        } else if has("allowedMemberTypes") {
            Item::Entry(PermissionType::Application)
        } else if has("type") || has("adminConsentDescription") {
            Item::Entry(PermissionType::Delegated)
        } else {
            return None;
        };
        Some((item, case))
    })
}

/// A service principal: whose permissions it holds, and the permissions.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ServicePrincipal {
    #[serde(alias = "AppId", default, deserialize_with = "present")]
    app_id: Option<String>,
    #[serde(alias = "Oauth2PermissionScopes", default)]
    oauth2_permission_scopes: Vec<Object<Entry>>,
    #[serde(alias = "AppRoles", default)]
    app_roles: Vec<Object<Entry>>,
}

/// A permission scope (Delegated) or an app role (Application). Every field
/// is optional here: a disabled entry needs nothing but `isEnabled`, and
/// [`read_entry`] says which field an enabled one lacks.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    #[serde(alias = "IsEnabled", default, deserialize_with = "present")]
    is_enabled: Option<bool>,
    #[serde(alias = "Value", default, deserialize_with = "present")]
    value: Option<String>,
    #[serde(alias = "Id", default, deserialize_with = "present")]
    id: Option<String>,
    #[serde(rename = "type", alias = "Type", default, deserialize_with = "present")]
    consent: Option<String>,
    #[serde(alias = "AllowedMemberTypes", default, deserialize_with = "present")]
    allowed_member_types: Option<Vec<String>>,
    /// A scope's `adminConsentDescription`, a role's `description`.
    #[serde(alias = "adminConsentDescription", alias = "AdminConsentDescription")]
    #[serde(alias = "Description", default, deserialize_with = "present")]
    description: Option<String>,
    /// A scope's `adminConsentDisplayName`, a role's `displayName`.
    #[serde(alias = "adminConsentDisplayName", alias = "AdminConsentDisplayName")]
    #[serde(alias = "DisplayName", default, deserialize_with = "present")]
    display_name: Option<String>,
}

/// One element: a service principal, a permission scope or an app role.
fn read_item(value: &Value, path: String, found: &mut Vec<Found>) -> Read<()> {
    let Some((item, case)) = value.as_object().and_then(classify) else {
        return Err(Located::new(path, ImportProblem::UnknownShape));
    };
    let place = Place { path, case };
    match item {
        Item::ServicePrincipal => read_service_principal(typed(value, &place.path)?, &place, found),
        Item::Entry(kind) => {
            read_entry(typed(value, &place.path)?, place, kind, Resource::Graph, found)
        }
    }
}

/// `value`, at `path`, read as `T`; what does not fit is an error at its JSON path.
fn typed<T: DeserializeOwned>(value: &Value, path: &str) -> Read<T> {
    read_at(value, path)
        .map_err(|Misfit { path, message }| Located::new(path, ImportProblem::Misfit(message)))
}

fn read_service_principal(sp: ServicePrincipal, place: &Place, found: &mut Vec<Found>) -> Read<()> {
    let resource = match &sp.app_id {
        None => Resource::Graph,
        Some(app_id) => Resource::from_app_id(app_id)
            .ok_or_else(|| place.fail("appId", ImportProblem::UnknownResource(excerpt(app_id))))?,
    };
    for (key, kind, entries) in [
        ("oauth2PermissionScopes", PermissionType::Delegated, sp.oauth2_permission_scopes),
        ("appRoles", PermissionType::Application, sp.app_roles),
    ] {
        for (i, Object(entry)) in entries.into_iter().enumerate() {
            let path = format!("{}[{i}]", place.path_of(key));
            read_entry(entry, Place { path, case: place.case }, kind, resource, found)?;
        }
    }
    Ok(())
}

/// Reads one permission scope or app role of `resource`; disabled entries and
/// app roles not offered to applications are skipped.
fn read_entry(
    entry: Entry,
    place: Place,
    kind: PermissionType,
    resource: Resource,
    found: &mut Vec<Found>,
) -> Read<()> {
    if !place.take("isEnabled", entry.is_enabled)? {
        return Ok(());
    }
    let (admin_consent, [description_key, display_key]) = match kind {
        PermissionType::Delegated => (
            place.check("type", entry.consent, |c| consent(&c))?,
            ["adminConsentDescription", "adminConsentDisplayName"],
        ),
        PermissionType::Application => {
            // Roles only users and groups can hold are not application permissions.
            let members = place.take("allowedMemberTypes", entry.allowed_member_types)?;
            if !members.iter().any(|m| m == "Application") {
                return Ok(());
            }
            (true, ["description", "displayName"])
        }
    };
    let name = place.check("value", entry.value, |v| check_name(&v).map(str::to_string))?;
    let id = place.check("id", entry.id, |id| guid(&id))?;
    let description = place.check(description_key, entry.description, |text| {
        check_text(&text)
            .and_then(|clean| if clean.is_empty() { Err(ImportProblem::Empty) } else { Ok(clean) })
    })?;
    let display = place.check(display_key, entry.display_name, |text| check_text(&text))?;
    let display_name = Some(display).filter(|d| !d.is_empty());
    let permission = Permission {
        name,
        kind,
        description,
        description_source: DescriptionSource::Microsoft,
        display_name,
        admin_consent,
        intrexx: None,
        id,
        resource,
    };
    found.push(Found { permission, path: place.path });
    Ok(())
}

/// Delegated consent type: `Admin` needs an administrator, `User` does not.
fn consent(value: &str) -> Result<bool, ImportProblem> {
    if value.eq_ignore_ascii_case("Admin") {
        Ok(true)
    } else if value.eq_ignore_ascii_case("User") {
        Ok(false)
    } else {
        Err(ImportProblem::ConsentType(excerpt(value)))
    }
}

/// The id in lowercase, if it has the GUID shape.
fn guid(value: &str) -> Result<String, ImportProblem> {
    if is_guid(value) {
        Ok(value.to_ascii_lowercase())
    } else {
        Err(ImportProblem::BadGuid(excerpt(value)))
    }
}

/// Key spelling: camelCase (Graph REST, az) or PascalCase (Graph PowerShell).
#[derive(Debug, Clone, Copy)]
enum Case {
    Camel,
    Pascal,
}

impl Case {
    /// The key `camel` (given in camelCase) as spelled in this case.
    fn key(self, camel: &'static str) -> Cow<'static, str> {
        match self {
            Case::Camel => Cow::Borrowed(camel),
            Case::Pascal => {
                let mut chars = camel.chars();
                let first = chars.next().map(|c| c.to_ascii_uppercase());
                Cow::Owned(first.into_iter().chain(chars).collect())
            }
        }
    }
}

/// Where an object is in the export and how its keys are spelled, for the
/// paths of the problems found in its values.
struct Place {
    path: String,
    case: Case,
}

impl Place {
    fn path_of(&self, key: &'static str) -> String {
        let key = self.case.key(key);
        if self.path.is_empty() { key.into_owned() } else { format!("{}.{key}", self.path) }
    }

    fn fail(&self, key: &'static str, problem: ImportProblem) -> Located {
        Located::new(self.path_of(key), problem)
    }

    /// The value of `key`, which an enabled entry must have.
    fn take<T>(&self, key: &'static str, value: Option<T>) -> Read<T> {
        value.ok_or_else(|| self.fail(key, ImportProblem::Missing))
    }

    /// The value of `key` passed through `check`; its problem gets the key's path.
    fn check<T, U>(
        &self,
        key: &'static str,
        value: Option<T>,
        check: impl FnOnce(T) -> Result<U, ImportProblem>,
    ) -> Read<U> {
        check(self.take(key, value)?).map_err(|problem| self.fail(key, problem))
    }
}
