//! Saved selections and session memory: what is kept of a basket between
//! runs. Pure data and rules; `config` reads and writes the files.
//!
//! Only each permission's name and type are kept: the catalog supplies the
//! rest, so a saved selection stays small and follows catalog updates.

use crate::catalog::{AuthMode, Catalog, Cloud, Permission, PermissionType};
use crate::scope::Style;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest selection name, in characters.
pub const MAX_NAME_LEN: usize = 64;

/// One permission as stored: name and type (the catalog supplies the rest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPermission {
    /// The name in official casing, e.g. `Calendars.Read`.
    pub name: String,
    /// Delegated or Application.
    #[serde(rename = "type")]
    pub kind: PermissionType,
}

impl std::fmt::Display for SavedPermission {
    /// `Calendars.Read (Delegated)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.name, self.kind)
    }
}

/// The customer a selection is for: what fills the exports' placeholders.
/// Every field is optional and left out of the file when unset.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The customer's tenant: domain (`contoso.onmicrosoft.com`) or tenant ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    /// The app registration's Application (client) ID, a GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// The connector's redirect URI, for the admin consent URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// The customer's cloud, when it is not the global one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud: Option<Cloud>,
}

impl Profile {
    /// `self` with every field that `other` sets taken from `other`.
    pub fn updated_with(&self, other: &Profile) -> Profile {
        Profile {
            tenant: other.tenant.clone().or_else(|| self.tenant.clone()),
            app_id: other.app_id.clone().or_else(|| self.app_id.clone()),
            redirect_uri: other.redirect_uri.clone().or_else(|| self.redirect_uri.clone()),
            cloud: other.cloud.or(self.cloud),
        }
    }
}

/// A saved selection: a name, a mode, a style, the permissions and the customer's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selection {
    /// The name the user gave it; see [`validate_name`].
    pub name: String,
    /// The mode the scope string is built for.
    pub mode: AuthMode,
    /// How the scope string is written.
    pub style: Style,
    /// The basket, in basket order.
    pub permissions: Vec<SavedPermission>,
    /// The customer's IDs (files without them load with none).
    #[serde(flatten)]
    pub profile: Profile,
}

/// Mode, style and basket of the last TUI session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// The mode the session ended in.
    pub mode: AuthMode,
    /// The Delegated mode's style (in files older than per-mode styles: the
    /// style the session ended in, which Application mode does not inherit).
    pub style: Style,
    /// The style picked in Application mode, when it is not `.default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_style: Option<Style>,
    /// The basket, in basket order.
    pub basket: Vec<SavedPermission>,
}

impl Default for Session {
    /// A fresh start: Delegated, short names, an empty basket.
    fn default() -> Session {
        Session {
            mode: AuthMode::Delegated,
            style: Style::default(),
            application_style: None,
            basket: Vec::new(),
        }
    }
}

/// The stored form of `rows`, in the same order.
pub fn saved_permissions(rows: &[&Permission]) -> Vec<SavedPermission> {
    rows.iter().map(|p| SavedPermission { name: p.name.clone(), kind: p.kind }).collect()
}

/// Saved permissions matched against a catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Catalog indices of the permissions found, in saved order, without repeats.
    pub rows: Vec<usize>,
    /// The permissions the catalog lacks (no row of that name and type), without repeats.
    pub missing: Vec<SavedPermission>,
}

/// Catalog indices for saved permissions (name matched ignoring case, same
/// type), and the ones the catalog lacks.
pub fn resolve(catalog: &Catalog, permissions: &[SavedPermission]) -> Resolved {
    let mut resolved = Resolved { rows: Vec::new(), missing: Vec::new() };
    for saved in permissions {
        let found = catalog
            .permissions
            .iter()
            .position(|p| p.kind == saved.kind && p.name.eq_ignore_ascii_case(&saved.name));
        match found {
            Some(i) if !resolved.rows.contains(&i) => resolved.rows.push(i),
            None if !resolved.missing.contains(saved) => resolved.missing.push(saved.clone()),
            _ => {}
        }
    }
    resolved
}

/// Why a selection name cannot be used. Each message names the value (quoted
/// and escaped) and says what to do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NameError {
    /// The name is empty.
    #[error("the selection name is empty: type a name such as 'acme-teams'")]
    Empty,
    /// The name is longer than [`MAX_NAME_LEN`] characters.
    #[error("the selection name {name:?} has {len} characters: use at most {MAX_NAME_LEN}")]
    TooLong {
        /// The name.
        name: String,
        /// Its length in characters.
        len: usize,
    },
    /// The name holds a character outside the allowed set.
    #[error(
        "the selection name {name:?} contains {bad:?}: use letters, digits, spaces, '-', '_' and '.'"
    )]
    BadCharacter {
        /// The name.
        name: String,
        /// The first character that is not allowed.
        bad: char,
    },
    /// The name starts with something other than a letter or digit.
    #[error("the selection name {name:?} must start with a letter or digit")]
    BadStart {
        /// The name.
        name: String,
    },
    /// The name ends with a dot or space, which Windows drops from file names.
    #[error("the selection name {name:?} must not end with a dot or space")]
    BadEnd {
        /// The name.
        name: String,
    },
    /// The name is a Windows device name (`con`, `nul`, `com1`, ...).
    #[error("the selection name {name:?} is reserved by Windows: choose another")]
    Reserved {
        /// The name.
        name: String,
    },
}

/// Windows device names: no file may be called so, whatever the extension.
const WINDOWS_DEVICES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Checks a selection name, which becomes a file name (`<name>.json`) on
/// every platform and is typed on command lines.
///
/// Allowed: 1 to [`MAX_NAME_LEN`] ASCII letters, digits, spaces, `-`, `_`
/// and `.`, starting with a letter or digit (so no `.`, `..`, hidden files or
/// option-like `-x`) and not ending with a dot or space (Windows drops
/// those). Path separators, control characters and other symbols are
/// refused, and so are Windows device names such as `con` or `nul.x`.
/// ASCII only, so the file name is the same on every file system.
pub fn validate_name(name: &str) -> Result<(), NameError> {
    let owned = || name.to_string();
    let Some(first) = name.chars().next() else {
        return Err(NameError::Empty);
    };
    let len = name.chars().count();
    if len > MAX_NAME_LEN {
        return Err(NameError::TooLong { name: owned(), len });
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.');
    if let Some(bad) = name.chars().find(|&c| !allowed(c)) {
        return Err(NameError::BadCharacter { name: owned(), bad });
    }
    if !first.is_ascii_alphanumeric() {
        return Err(NameError::BadStart { name: owned() });
    }
    if name.ends_with(['.', ' ']) {
        return Err(NameError::BadEnd { name: owned() });
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if WINDOWS_DEVICES.iter().any(|d| d.eq_ignore_ascii_case(stem)) {
        return Err(NameError::Reserved { name: owned() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use PermissionType::{Application, Delegated};

    fn saved(name: &str, kind: PermissionType) -> SavedPermission {
        SavedPermission { name: name.into(), kind }
    }

    #[test]
    fn names_that_are_accepted() {
        for name in ["acme", "Acme Teams 2", "kunde-mueller", "a", "v1.2_final", "9"] {
            assert_eq!(validate_name(name), Ok(()), "{name}");
        }
        assert_eq!(validate_name(&"x".repeat(MAX_NAME_LEN)), Ok(()));
    }

    #[test]
    fn names_that_are_refused_and_why() {
        let long = "x".repeat(MAX_NAME_LEN + 1);
        let cases: [(&str, &str); 16] = [
            ("", "the selection name is empty: type a name such as 'acme-teams'"),
            (&long, "has 65 characters: use at most 64"),
            ("a/b", "\"a/b\" contains '/': use letters, digits, spaces, '-', '_' and '.'"),
            ("a\\b", "contains '\\\\'"),
            (".", "\".\" must start with a letter or digit"),
            ("..", "must start with a letter or digit"),
            (".hidden", "must start with a letter or digit"),
            ("-x", "must start with a letter or digit"),
            (" x", "must start with a letter or digit"),
            ("a\nb", "\"a\\nb\" contains '\\n'"),
            ("tab\there", "contains '\\t'"),
            ("müller", "contains 'ü'"),
            ("a:b", "contains ':'"),
            ("x.", "\"x.\" must not end with a dot or space"),
            ("x ", "must not end with a dot or space"),
            ("NUL.json", "\"NUL.json\" is reserved by Windows: choose another"),
        ];
        for (name, message) in cases {
            let err = validate_name(name).unwrap_err().to_string();
            assert!(err.contains(message), "{name:?}: {err}");
            assert!(!err.contains('\n'), "one line: {err:?}");
        }
        assert_eq!(validate_name("com1"), Err(NameError::Reserved { name: "com1".into() }));
        assert_eq!(validate_name("console"), Ok(()), "only the exact device names");
    }

    #[test]
    fn profile_updates_take_only_the_fields_given() {
        let old = Profile {
            tenant: Some("a.example".into()),
            app_id: Some("x".into()),
            redirect_uri: None,
            cloud: None,
        };
        let change = Profile { app_id: Some("y".into()), ..Profile::default() };
        let new = old.updated_with(&change);
        assert_eq!(new, Profile { app_id: Some("y".into()), ..old.clone() });
        assert_eq!(old.updated_with(&Profile::default()), old);
    }

    #[test]
    fn saved_permissions_keep_name_type_and_order() {
        let catalog = Catalog::embedded();
        let rows = [
            catalog.find("Sites.Read.All", Application).unwrap(),
            catalog.find("offline_access", Delegated).unwrap(),
        ];
        assert_eq!(
            saved_permissions(&rows),
            [saved("Sites.Read.All", Application), saved("offline_access", Delegated)]
        );
    }

    #[test]
    fn resolve_matches_name_ignoring_case_and_type_and_reports_missing() {
        let catalog = Catalog::embedded();
        let permissions = [
            saved("chat.read", Delegated),
            saved("Sites.Read.All", Application),
            saved("Chat.Read", Application),
            saved("Mail.Sned", Delegated),
            saved("CHAT.READ", Delegated),
            saved("Mail.Sned", Delegated),
        ];
        let resolved = resolve(&catalog, &permissions);
        let rows: Vec<_> = resolved
            .rows
            .iter()
            .map(|&i| (catalog.permissions[i].name.as_str(), catalog.permissions[i].kind))
            .collect();
        assert_eq!(rows, [("Chat.Read", Delegated), ("Sites.Read.All", Application)]);
        assert_eq!(
            resolved.missing,
            [saved("Chat.Read", Application), saved("Mail.Sned", Delegated)],
            "Chat.Read exists only as Delegated; repeats are reported once"
        );
    }

    #[test]
    fn selections_and_sessions_serialize_with_readable_keys() {
        let selection = Selection {
            name: "acme".into(),
            mode: Application,
            style: Style::Default,
            permissions: vec![saved("Sites.Read.All", Application)],
            profile: Profile::default(),
        };
        let json = serde_json::to_string(&selection).unwrap();
        assert_eq!(
            json,
            r#"{"name":"acme","mode":"Application","style":"default","permissions":[{"name":"Sites.Read.All","type":"Application"}]}"#
        );
        assert_eq!(serde_json::from_str::<Selection>(&json).unwrap(), selection);
        let with_profile = Selection {
            profile: Profile {
                tenant: Some("contoso.onmicrosoft.com".into()),
                app_id: Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b".into()),
                redirect_uri: None,
                cloud: Some(Cloud::UsGov),
            },
            ..selection
        };
        let json = serde_json::to_string(&with_profile).unwrap();
        assert!(
            json.ends_with(r#""tenant":"contoso.onmicrosoft.com","app_id":"0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b","cloud":"usgov"}"#),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Selection>(&json).unwrap(), with_profile);
        let session = Session::default();
        assert_eq!(
            serde_json::to_string(&session).unwrap(),
            r#"{"mode":"Delegated","style":"short","basket":[]}"#
        );
    }
}
