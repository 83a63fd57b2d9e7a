//! The configuration directory: saved selections and the last session, as
//! JSON files. The only place where `saved` data meets the file system.
//!
//! Files are written atomically (a failed write leaves the previous file as
//! it was), `0600`, as pretty JSON ending in a newline, so they can be read,
//! edited and kept in version control. Every read-modify-write holds the
//! store's lock. A file that no longer parses is reported with its path,
//! line and column.

mod selections;
mod session;

pub use selections::{Replace, SelectionStore};
pub use session::SessionStore;

use crate::fsutil::CONFIG_MAX_BYTES;
use crate::json_file::{self, FileError, directory};
use crate::saved::NameError;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The environment variable that overrides the configuration directory.
pub const CONFIG_DIR_ENV: &str = "SCOPEPICK_CONFIG_DIR";

/// Why a configuration file could not be used. Messages are one line naming
/// the file, directory or name concerned.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// Neither `SCOPEPICK_CONFIG_DIR` nor a home directory is available.
    #[error("no configuration directory: set {CONFIG_DIR_ENV}")]
    NoConfigDir,
    /// A file could not be read or written, or is damaged.
    #[error(transparent)]
    File(#[from] FileError),
    /// A save would replace a file that does not parse, which may hold hand
    /// edits worth keeping.
    #[error("{}: not saved over a damaged file; fix or delete it first", path.display())]
    WouldOverwriteDamaged {
        /// The damaged file.
        path: PathBuf,
    },
    /// A save without replacing found a selection of that name.
    #[error("a selection '{name}' exists: pass --force to replace it, or choose another name")]
    Exists {
        /// The name as stored.
        name: String,
    },
    /// No selection has this name.
    #[error("no selection '{name}' in {} ({})", dir.display(), saved_text(.saved))]
    NotFound {
        /// The name asked for.
        name: String,
        /// The selections directory.
        dir: PathBuf,
        /// The names that are saved, sorted.
        saved: Vec<String>,
    },
    /// The selection name breaks the naming rules.
    #[error(transparent)]
    BadName(#[from] NameError),
}

fn saved_text(saved: &[String]) -> String {
    if saved.is_empty() { "none saved yet".into() } else { format!("saved: {}", saved.join(", ")) }
}

/// The configuration directory: `$SCOPEPICK_CONFIG_DIR` if set and not
/// empty, else the platform's (e.g. `~/.config/scopepick` on Linux).
pub fn config_dir() -> Result<PathBuf, ConfigError> {
    directory(std::env::var_os(CONFIG_DIR_ENV), directories::ProjectDirs::config_dir)
        .ok_or(ConfigError::NoConfigDir)
}

/// The value in the configuration file at `path`; `None` when there is none.
fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, ConfigError> {
    Ok(json_file::read_json(path, CONFIG_MAX_BYTES, "fix or delete the file")?)
}

#[cfg(test)]
mod tests;
