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
use super::clean::{check_name, check_text, excerpt};
use crate::catalog::{DescriptionSource, Permission, PermissionType, Resource, is_guid};
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

/// One element: a service principal, a permission scope or an app role.
fn read_item(item: &Value, path: String, found: &mut Vec<Found>) -> Read<()> {
    let Some((map, (item, case))) = item.as_object().and_then(|map| Some((map, classify(map)?)))
    else {
        return Err(Located::new(path, ImportProblem::UnknownShape));
    };
    let object = Object { map, path, case };
    match item {
        Item::ServicePrincipal => read_service_principal(&object, found),
        Item::Entry(kind) => read_entry(object, kind, Resource::Graph, found),
    }
}

fn read_service_principal(sp: &Object<'_>, found: &mut Vec<Found>) -> Read<()> {
    let mut resource = Resource::Graph;
    if sp.has("appId") {
        let app_id = sp.string("appId")?;
        resource = Resource::from_app_id(app_id)
            .ok_or_else(|| sp.fail("appId", ImportProblem::UnknownResource(excerpt(app_id))))?;
    }
    for (key, kind) in [
        ("oauth2PermissionScopes", PermissionType::Delegated),
        ("appRoles", PermissionType::Application),
    ] {
        if !sp.has(key) {
            continue;
        }
        for (i, item) in sp.array(key)?.iter().enumerate() {
            let path = format!("{}[{i}]", sp.path_of(key));
            let Value::Object(map) = item else {
                return Err(Located::new(path, wrong_type("an object", item)));
            };
            read_entry(Object { map, path, case: sp.case }, kind, resource, found)?;
        }
    }
    Ok(())
}

/// Reads one permission scope or app role of `resource`; disabled entries and
/// app roles not offered to applications are skipped.
fn read_entry(
    entry: Object<'_>,
    kind: PermissionType,
    resource: Resource,
    found: &mut Vec<Found>,
) -> Read<()> {
    if !entry.boolean("isEnabled")? {
        return Ok(());
    }
    let (admin_consent, description_key, display_key) = match kind {
        PermissionType::Delegated => {
            (entry.check("type", consent)?, "adminConsentDescription", "adminConsentDisplayName")
        }
        PermissionType::Application => {
            if !offered_to_applications(&entry)? {
                return Ok(());
            }
            (true, "description", "displayName")
        }
    };
    let name = entry.check("value", check_name)?.to_string();
    let id = entry.check("id", guid)?;
    let description = entry.check(description_key, |text| {
        check_text(text)
            .and_then(|clean| if clean.is_empty() { Err(ImportProblem::Empty) } else { Ok(clean) })
    })?;
    let display_name = Some(entry.check(display_key, check_text)?).filter(|d| !d.is_empty());
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
    found.push(Found { permission, path: entry.path });
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

/// Whether `allowedMemberTypes` lists `Application` (roles only users and
/// groups can hold are not application permissions).
fn offered_to_applications(entry: &Object<'_>) -> Read<bool> {
    let key = "allowedMemberTypes";
    let mut offered = false;
    for (i, member) in entry.array(key)?.iter().enumerate() {
        let Value::String(member) = member else {
            let path = format!("{}[{i}]", entry.path_of(key));
            return Err(Located::new(path, wrong_type("a string", member)));
        };
        offered |= member == "Application";
    }
    Ok(offered)
}

fn wrong_type(expected: &'static str, found: &Value) -> ImportProblem {
    ImportProblem::WrongType { expected, found: crate::text::json_kind(found) }
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

/// A JSON object at a path, read with one key spelling.
struct Object<'a> {
    map: &'a Map<String, Value>,
    path: String,
    case: Case,
}

impl<'a> Object<'a> {
    fn has(&self, key: &'static str) -> bool {
        self.map.contains_key(self.case.key(key).as_ref())
    }

    fn path_of(&self, key: &'static str) -> String {
        let key = self.case.key(key);
        if self.path.is_empty() { key.into_owned() } else { format!("{}.{key}", self.path) }
    }

    fn fail(&self, key: &'static str, problem: ImportProblem) -> Located {
        Located::new(self.path_of(key), problem)
    }

    fn get(&self, key: &'static str) -> Read<&'a Value> {
        self.map
            .get(self.case.key(key).as_ref())
            .ok_or_else(|| self.fail(key, ImportProblem::Missing))
    }

    fn string(&self, key: &'static str) -> Read<&'a str> {
        match self.get(key)? {
            Value::String(s) => Ok(s),
            other => Err(self.fail(key, wrong_type("a string", other))),
        }
    }

    fn boolean(&self, key: &'static str) -> Read<bool> {
        match self.get(key)? {
            Value::Bool(b) => Ok(*b),
            other => Err(self.fail(key, wrong_type("true or false", other))),
        }
    }

    fn array(&self, key: &'static str) -> Read<&'a [Value]> {
        match self.get(key)? {
            Value::Array(items) => Ok(items),
            other => Err(self.fail(key, wrong_type("an array", other))),
        }
    }

    /// The string at `key` passed through `check`; its problem gets the key's path.
    fn check<T>(
        &self,
        key: &'static str,
        check: impl FnOnce(&'a str) -> Result<T, ImportProblem>,
    ) -> Read<T> {
        check(self.string(key)?).map_err(|problem| self.fail(key, problem))
    }
}
