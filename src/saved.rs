//! Saved selections and session memory: what is kept of a basket between
//! runs. Pure data and rules; `config` reads and writes the files.
//!
//! Only each permission's name, type and resource are kept: the catalog
//! supplies the rest, so a saved selection stays small and follows catalog
//! updates.

use crate::catalog::{AuthMode, Catalog, Cloud, Permission, PermissionType, Resource};
use crate::scope::ScopeForm;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest selection name, in characters.
pub const MAX_NAME_LEN: usize = 64;

/// One permission as stored: name, type and resource (the catalog supplies the rest).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SavedPermission {
    /// The name in official casing, e.g. `Calendars.Read`.
    pub name: String,
    /// Delegated or Application.
    #[serde(rename = "type")]
    pub kind: PermissionType,
    /// The resource that publishes it; files written before resources
    /// existed have none and are Microsoft Graph's, and Graph's rows are
    /// written without it, as before.
    #[serde(default, skip_serializing_if = "Resource::is_graph")]
    pub resource: Resource,
}

impl SavedPermission {
    /// A Microsoft Graph permission.
    #[cfg(test)]
    pub fn graph(name: &str, kind: PermissionType) -> SavedPermission {
        SavedPermission { name: name.to_string(), kind, resource: Resource::Graph }
    }
}

impl std::fmt::Display for SavedPermission {
    /// `Calendars.Read (Delegated)`, `IMAP.AccessAsApp (Application, Office
    /// 365 Exchange Online)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.resource {
            Resource::Graph => write!(f, "{} ({})", self.name, self.kind),
            other => write!(f, "{} ({}, {other})", self.name, self.kind),
        }
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
    /// Fills the fields this profile leaves empty from `old` and names them
    /// ("tenant", "app id", "redirect URI", "cloud"): saving over a selection
    /// never drops what it knew without a word.
    pub fn keep_from(&mut self, old: Profile) -> Vec<&'static str> {
        let mut kept = Vec::new();
        let mut keep = |new: &mut Option<_>, old: Option<_>, label| {
            if new.is_none() && old.is_some() {
                *new = old;
                kept.push(label);
            }
        };
        keep(&mut self.tenant, old.tenant, "tenant");
        keep(&mut self.app_id, old.app_id, "app id");
        keep(&mut self.redirect_uri, old.redirect_uri, "redirect URI");
        if self.cloud.is_none() && old.cloud.is_some() {
            self.cloud = old.cloud;
            kept.push("cloud");
        }
        kept
    }
}

/// The fields [`Profile::keep_from`] kept, as a phrase: "tenant and app id",
/// "tenant, app id and cloud".
pub fn kept_fields(kept: &[&str]) -> String {
    match kept {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
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
    pub style: ScopeForm,
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
    pub style: ScopeForm,
    /// The style picked in Application mode, when it is not `.default`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_style: Option<ScopeForm>,
    /// The basket, in basket order.
    pub basket: Vec<SavedPermission>,
}

impl Default for Session {
    /// A fresh start: Delegated, short names, an empty basket.
    fn default() -> Session {
        Session {
            mode: AuthMode::Delegated,
            style: ScopeForm::default(),
            application_style: None,
            basket: Vec::new(),
        }
    }
}

/// What a saved selection or session remembers of mode and style: the mode
/// it was saved in and the style it keeps for each mode, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remembered {
    /// The mode it was saved in.
    pub mode: AuthMode,
    /// The style kept for Delegated mode.
    pub delegated: Option<ScopeForm>,
    /// The style kept for Application mode.
    pub application: Option<ScopeForm>,
}

impl Remembered {
    /// The style kept for `mode`, else the mode's default ([`ScopeForm::default_for`]).
    pub fn style(&self, mode: AuthMode) -> ScopeForm {
        let kept = match mode {
            AuthMode::Delegated => self.delegated,
            AuthMode::Application => self.application,
        };
        kept.unwrap_or(ScopeForm::default_for(mode))
    }
}

impl Selection {
    /// Its mode, and its style for that mode only.
    pub fn remembered(&self) -> Remembered {
        let (delegated, application) = match self.mode {
            AuthMode::Delegated => (Some(self.style), None),
            AuthMode::Application => (None, Some(self.style)),
        };
        Remembered { mode: self.mode, delegated, application }
    }
}

impl Session {
    /// Its mode and the style of each mode.
    pub fn remembered(&self) -> Remembered {
        Remembered {
            mode: self.mode,
            delegated: Some(self.style),
            application: self.application_style,
        }
    }
}

/// The mode and style of a run, by the one rule every command and the picker
/// follow: the command line's, else what was saved (a style only for the
/// mode it was saved for), else Delegated and the mode's default style.
pub fn mode_and_style(
    mode: Option<AuthMode>,
    style: Option<ScopeForm>,
    saved: Option<Remembered>,
) -> (AuthMode, ScopeForm) {
    let mode = mode.or(saved.map(|s| s.mode)).unwrap_or(AuthMode::Delegated);
    let style = style.unwrap_or_else(|| match saved {
        Some(saved) => saved.style(mode),
        None => ScopeForm::default_for(mode),
    });
    (mode, style)
}

/// The stored form of `rows`, in the same order.
pub fn saved_permissions(rows: &[&Permission]) -> Vec<SavedPermission> {
    rows.iter()
        .map(|p| SavedPermission { name: p.name.clone(), kind: p.kind, resource: p.resource })
        .collect()
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
/// type and resource), and the ones the catalog lacks.
///
/// Linear in the catalog and the list: a session or selection file may hold
/// a hundred thousand names.
pub fn resolve(catalog: &Catalog, permissions: &[SavedPermission]) -> Resolved {
    use std::collections::{HashMap, HashSet};
    let key = |name: &str, kind, resource| (name.to_ascii_lowercase(), kind, resource);
    let mut index = HashMap::with_capacity(catalog.permissions.len());
    for (i, p) in catalog.permissions.iter().enumerate() {
        index.entry(key(&p.name, p.kind, p.resource)).or_insert(i);
    }
    let mut resolved = Resolved { rows: Vec::new(), missing: Vec::new() };
    let (mut rows_seen, mut missing_seen) = (HashSet::new(), HashSet::new());
    for saved in permissions {
        match index.get(&key(&saved.name, saved.kind, saved.resource)) {
            Some(&i) if rows_seen.insert(i) => resolved.rows.push(i),
            None if missing_seen.insert(saved) => resolved.missing.push(saved.clone()),
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
    /// The name's file name (see [`file_stem`]) would be longer than file systems allow.
    #[error(
        "the selection name {name:?} is too long for a file name ({bytes} bytes encoded, at most {MAX_STEM_BYTES}): use a shorter name"
    )]
    TooLongFile {
        /// The name.
        name: String,
        /// The length of its file name stem in bytes.
        bytes: usize,
    },
    /// The name is a Windows device name (`con`, `nul`, `com1`, ...).
    #[error("the selection name {name:?} is reserved by Windows: choose another")]
    Reserved {
        /// The name.
        name: String,
    },
}

/// What two selection names are compared by: Unicode NFC, then lower case
/// (again NFC), so `Müller` typed composed or decomposed and `MÜLLER` are
/// one selection. Defined once, here; the store names each file after it.
pub fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let composed: String = name.nfc().collect();
    composed.to_lowercase().nfc().collect()
}

/// Windows device names: no file may be called so, whatever the extension.
const WINDOWS_DEVICES: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

impl NameError {
    /// Where in `name` (in characters) the problem is: the place to put the
    /// cursor when the name is typed again.
    pub fn position(&self, name: &str) -> usize {
        let len = name.chars().count();
        match self {
            NameError::Empty | NameError::BadStart { .. } => 0,
            NameError::TooLong { .. } => MAX_NAME_LEN.min(len),
            NameError::BadCharacter { bad, .. } => {
                name.chars().position(|c| c == *bad).unwrap_or(len)
            }
            NameError::BadEnd { .. }
            | NameError::TooLongFile { .. }
            | NameError::Reserved { .. } => len,
        }
    }
}

/// The longest file name stem of a selection, in bytes: 255 (what common
/// file systems allow) less `.json`.
pub const MAX_STEM_BYTES: usize = 250;

/// Whether a byte stands for itself in a file name (anything else is `%XX`).
fn plain(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte.is_ascii_digit() || matches!(byte, b' ' | b'.' | b'_' | b'-')
}

/// A folded name ([`name_key`]) as a file name stem that is the same on
/// every file system: bytes outside `a-z 0-9 space . _ -` written as `%XX`.
pub fn encode_key(key: &str) -> String {
    key.bytes()
        .map(|b| if plain(b) { char::from(b).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// The file name stem of the selection `name` (`Müller GmbH` → `m%C3%BCller gmbh`).
pub fn file_stem(name: &str) -> String {
    encode_key(&name_key(name))
}

/// Whether `c` may stand in a selection name (after NFC, so a decomposed
/// `ü` is one letter): a letter or digit of any script, a space, `-`, `_` or `.`.
fn allowed(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')
}

/// Checks a selection name, which becomes a file name on every platform and
/// is typed on command lines.
///
/// Allowed: 1 to [`MAX_NAME_LEN`] letters and digits of any script (so
/// `Müller GmbH`), spaces, `-`, `_` and `.`, starting with a letter or digit
/// (so no `.`, `..`, hidden files or option-like `-x`) and not ending with a
/// dot or space (Windows drops those). Path separators, control, format and
/// bidi characters and other symbols are refused, and so are Windows device
/// names such as `con` or `nul.x`. The file is named after [`file_stem`]:
/// one name (in any case, composed or not) is one file, in ASCII.
pub fn validate_name(name: &str) -> Result<(), NameError> {
    let owned = || name.to_string();
    use unicode_normalization::UnicodeNormalization;
    let Some(first) = name.chars().next() else {
        return Err(NameError::Empty);
    };
    let len = name.chars().count();
    if len > MAX_NAME_LEN {
        return Err(NameError::TooLong { name: owned(), len });
    }
    if let Some(bad) = name.nfc().find(|&c| !allowed(c)) {
        return Err(NameError::BadCharacter { name: owned(), bad });
    }
    if !first.is_alphanumeric() {
        return Err(NameError::BadStart { name: owned() });
    }
    if name.ends_with(['.', ' ']) {
        return Err(NameError::BadEnd { name: owned() });
    }
    let bytes = file_stem(name).len();
    if bytes > MAX_STEM_BYTES {
        return Err(NameError::TooLongFile { name: owned(), bytes });
    }
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    if WINDOWS_DEVICES.iter().any(|d| d.eq_ignore_ascii_case(stem)) {
        return Err(NameError::Reserved { name: owned() });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
