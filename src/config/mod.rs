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

pub use selections::{Listed, Replace, Saved, SelectionStore};
pub use session::SessionStore;

use crate::fsutil::CONFIG_MAX_BYTES;
use crate::json_file::{self, FileError, directory};
use crate::saved::NameError;
use serde::de::DeserializeOwned;
use std::io;
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
    /// A file system operation failed.
    #[error("cannot {action} {}: {error}", path.display())]
    Io {
        /// What was attempted, e.g. `write`.
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason.
        error: io::Error,
    },
    /// The file is not valid JSON of the expected shape.
    #[error("{}: line {line}, column {column}: {message}; fix or delete the file", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error (0 for an empty file).
        column: usize,
        /// What serde reported, without its position.
        message: String,
    },
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

impl From<FileError> for ConfigError {
    fn from(e: FileError) -> ConfigError {
        match e {
            FileError::Io { action, path, error } => ConfigError::Io { action, path, error },
            FileError::Damaged { path, line, column, message } => {
                ConfigError::Damaged { path, line, column, message }
            }
        }
    }
}

/// The configuration directory: `$SCOPEPICK_CONFIG_DIR` if set and not
/// empty, else the platform's (e.g. `~/.config/scopepick` on Linux).
pub fn config_dir() -> Result<PathBuf, ConfigError> {
    directory(std::env::var_os(CONFIG_DIR_ENV), directories::ProjectDirs::config_dir)
        .ok_or(ConfigError::NoConfigDir)
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> ConfigError {
    let io_error = json_file::io_error(action, path);
    move |error| io_error(error).into()
}

/// The value in the configuration file at `path`; `None` when there is none.
fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, ConfigError> {
    Ok(json_file::read_json(path, CONFIG_MAX_BYTES)?)
}

#[cfg(test)]
mod tests;
